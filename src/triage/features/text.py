"""Meaning-based text features: similarity of a text to prototype descriptions of each fact.

Rules 2, 4 and 5 and billability turn on what the notes mean. Cosine similarity
to a handful of plain descriptions of each fact transfers to wordings nobody
here wrote far better than raw embedding dimensions do, because the prototypes
describe the fact, not the simulator's phrases.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from triage.features.embedding import Matrix, TextEmbedder

NOTE_PROTOTYPES: dict[str, tuple[str, ...]] = {
    "customer_caused": (
        "the customer damaged the unit",
        "damage caused by the customer's staff, impact or mishandling",
        "the unit was dropped or knocked over by the client",
        "misuse by the customer, operated outside specification",
        "forklift hit the machine, physical damage from outside",
        "vom Kunden beschädigt, unsachgemäße Bedienung",
        "endommagé par le client, mauvaise utilisation",
    ),
    "component_failure": (
        "a component failed on its own, a manufacturing defect",
        "the part wore out from normal use and failed",
        "internal fault, worn bearing, failed relay or board",
        "defective component replaced, no external damage",
        "Bauteil defekt, Verschleiß",
        "pièce défectueuse, usure normale",
    ),
    "extra_work": (
        "extra work done at the customer's request beyond the order",
        "the customer asked us to also install or modify something else",
        "additional installation added on site that was not ordered",
        "while on site we also did work that was not requested in the work order",
        "Zusatzarbeiten auf Kundenwunsch",
        "zusätzlich auf Wunsch des Kunden installiert",
        "additionally fitted something as requested by the customer",
        "travaux supplémentaires à la demande du client",
    ),
    "rework": (
        "return visit because the earlier repair did not hold",
        "same fault came back after our previous repair, rework",
        "callback: the fix from last week failed again",
        "Nacharbeit, der Fehler ist nach der letzten Reparatur wieder aufgetreten",
        "reprise, la panne est revenue après la dernière réparation",
    ),
    "goodwill": (
        "goodwill, no charge to the customer",
        "agreed with the customer not to charge for this visit",
        "free of charge as a gesture of goodwill",
        "Kulanz, keine Berechnung",
        "geste commercial, sans facturation",
    ),
    "work_described": (
        "replaced the part and tested the unit, working normally",
        "diagnosed the fault, repaired it and checked operation",
        "performed maintenance, cleaned and inspected components",
    ),
    "no_work_described": (
        "done",
        "see above",
        "no notes",
        "ok",
    ),
}

DISPUTE_PROTOTYPES: dict[str, tuple[str, ...]] = {
    "late_arrival": (
        "the technician arrived late, far beyond the agreed response time",
        "you missed the SLA response time, we expect a credit",
    ),
    "rate_overcharge": (
        "the hourly rate charged is higher than our contract rate",
        "the prices on the invoice do not match the agreed price list",
    ),
    "hours_wrong": (
        "you billed more hours than the technician worked",
        "the quantity on the invoice is different from the service report",
    ),
    "warranty_claim": (
        "the equipment is still under warranty, we should not pay",
        "this repair is covered by the manufacturer's warranty",
    ),
    "not_ordered": (
        "we never ordered this additional work",
        "the invoice includes work outside the scope we requested",
    ),
}


class PrototypeScorer:
    """Max cosine similarity of each text to each fact's prototypes."""

    def __init__(self, embedder: TextEmbedder, prototypes: dict[str, tuple[str, ...]]) -> None:
        self.facts = list(prototypes)
        self._groups = [len(prototypes[f]) for f in self.facts]
        sentences = [s for f in self.facts for s in prototypes[f]]
        self._matrix = embedder.embed(sentences)

    @property
    def names(self) -> list[str]:
        return self.facts

    def score(self, embeddings: Matrix) -> Matrix:
        # float32 products round differently with the number of rows (BLAS blocking):
        # a case's features would move by ~1e-7 with its batch. In float64 the difference
        # is ~1e-16 and vanishes when the features are stored as float32.
        sims = embeddings.astype(np.float64) @ self._matrix.T.astype(np.float64)
        out = np.zeros((embeddings.shape[0], len(self.facts)), dtype=np.float32)
        start = 0
        for j, size in enumerate(self._groups):
            out[:, j] = sims[:, start : start + size].max(axis=1)
            start += size
        return out


_SCORERS: dict[int, tuple[TextEmbedder, PrototypeScorer, PrototypeScorer]] = {}


def prototype_scorers(embedder: TextEmbedder) -> tuple[PrototypeScorer, PrototypeScorer]:
    """Scorers for notes and dispute texts, built once per embedder."""
    cached = _SCORERS.get(id(embedder))
    if cached is None or cached[0] is not embedder:
        notes = PrototypeScorer(embedder, NOTE_PROTOTYPES)
        cached = (embedder, notes, PrototypeScorer(embedder, DISPUTE_PROTOTYPES))
        _SCORERS[id(embedder)] = cached
    return cached[1], cached[2]


# sentence ends, line breaks, and the separators of terse notes: " / ", " | ", " > ", " - "
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+|\s+[/|>-]\s+|\s*>\s+")
MAX_SENTENCES = 12


# Words that technicians abbreviate with a full stop inside a sentence: titles before a
# name, "cust." before what the customer did, "approx." before a figure. A stop after one
# of them, or after an initial ("J. Smith", "i.O."), does not end the sentence: cut there,
# "cust. dropped the unit" would leave the fact without its subject.
_ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "hr",
        "fr",
        "hrn",
        "mme",
        "mlle",
        "sr",
        "sra",
        "srta",
        "sig",
        "dott",
        "ing",
        "cust",
        "cstmr",
        "cst",
        "kd",
        "kde",
        "kdn",
        "cte",
        "cl",
        "clt",
        "approx",
        "ca",
        "incl",
        "inkl",
        "excl",
        "exkl",
        "bzw",
        "ggf",
        "evtl",
        "usw",
        "bzgl",
        "zzgl",
        "gem",
        "lt",
        "vgl",
        "abt",
        "resp",
        "no",
        "nr",
        "tel",
        "pos",
        "art",
        "ref",
        "dept",
        "mgr",
        "techn",
    }
)
_LAST_WORD = re.compile(r"([^\W\d_]+)\.$")


def _abbreviated(head: str) -> bool:
    """Whether `head` ends in an abbreviation's full stop rather than a sentence's."""
    match = _LAST_WORD.search(head)
    return match is not None and (
        len(match.group(1)) == 1 or match.group(1).lower() in _ABBREVIATIONS
    )


def split_sentences(text: str) -> list[str]:
    """A note's sentences: each fact usually sits in one, and a sentence's embedding is not
    diluted by the rest of the note."""
    heads, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        if not _abbreviated(text[start : end.start()]):
            heads.append(text[start : end.start()])
            start = end.end()
    heads.append(text[start:])
    parts = [p.strip(" .;>-*/|\u2022") for p in heads]
    return [p for p in parts if len(p) >= 3][:MAX_SENTENCES]


def note_texts(notes: Sequence[str]) -> list[str]:
    """Normalise whitespace; the embedder sees what a reader sees."""
    return [" ".join(n.split()) for n in notes]
