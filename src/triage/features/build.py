"""Reconciliation evidence + text meaning -> the feature matrix the models read.

Structured features are the deterministic checks as numbers (deviations, deltas,
flags); text features are note and dispute embeddings and their similarity to
fact prototypes. Names are stable: explanations and the bundle refer to them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from triage.domain.case import Case
from triage.domain.vocab import ContractType, LineKind, ServiceType, Workflow
from triage.features.embedding import Matrix, TextEmbedder
from triage.features.text import note_texts, prototype_scorers, split_sentences
from triage.reconcile.evidence import Evidence

_CONTRACTS = [c.value for c in ContractType]
_SERVICES = [s.value for s in ServiceType]
_WORKFLOWS = [w.value for w in Workflow]

STRUCTURED_NAMES: list[str] = [
    "duplicate_number",
    "duplicate_work_order",
    "n_prior_invoices",
    "signed",
    "notes_blank",
    "notes_words_log",
    "labor_billed",
    "labor_billed_without_hours",
    "reported_labor_hours",
    "po_required",
    "po_present",
    "po_valid",
    "po_missing",
    "warranty_active",
    "warranty_days_left",
    "repair_charged",
    "has_credit_line",
    "credit_ratio",
    "change_order_cited",
    "sla_hours",
    "response_hours",
    "sla_excess_hours",
    "sla_credit_due",
    "rate_max_abs_dev",
    "rate_max_signed_dev",
    "labor_rate_dev",
    "travel_rate_dev",
    "part_price_max_abs_dev",
    "rate_mismatch",
    "labor_hours_delta",
    "travel_hours_delta",
    "hours_max_abs_delta",
    "part_qty_mismatches",
    "part_qty_max_abs_delta",
    "quantity_mismatch",
    "tax_rate_delta",
    "tax_amount_delta",
    "tax_rate_wrong",
    "tax_error",
    "service_covered",
    "visits_30d",
    "invoice_total_log",
    "n_lines",
    "has_dispute",
    *(f"contract_{c}" for c in _CONTRACTS),
    *(f"service_{s}" for s in _SERVICES),
    *(f"workflow_{w}" for w in _WORKFLOWS),
]


def _dev(ev: Evidence, kind: str) -> float:
    devs = [r.deviation for r in ev.rate_checks if r.kind == kind]
    return max(devs, key=abs) if devs else 0.0


def structured_row(case: Case, ev: Evidence) -> list[float]:
    """One case's deterministic features, in `STRUCTURED_NAMES` order."""
    lines = case.invoice.lines
    charged = sum(x.amount for x in lines if x.kind in (LineKind.LABOR, LineKind.PART))
    credited = -sum(x.amount for x in lines if x.kind is LineKind.CREDIT)
    signed_dev = max((r.deviation for r in ev.rate_checks), key=abs, default=0.0)
    parts = [r.deviation for r in ev.rate_checks if r.kind == "part"]
    part_deltas = [p.billed_qty - p.reported_qty for p in ev.part_checks]
    expected_tax = ev.expected_tax_rate if ev.expected_tax_rate is not None else ev.tax_rate
    return [
        float(bool(ev.duplicate_number)),
        float(bool(ev.duplicate_work_order)),
        float(len(case.history.prior_invoices)),
        float(ev.signed),
        float(ev.notes_blank),
        math.log1p(len(case.service_report.notes.split())),
        float(ev.labor_billed),
        float(ev.labor_billed_without_hours),
        ev.reported_labor_hours,
        float(ev.po_required),
        float(ev.po_number is not None),
        float(ev.po_valid),
        float(ev.po_missing),
        float(ev.warranty_active),
        float(ev.warranty_days_left) if ev.warranty_days_left is not None else math.nan,
        float(ev.repair_charged),
        float(ev.has_credit_line),
        credited / charged if charged > 0.005 else 0.0,
        float(ev.change_order_cited),
        ev.sla_hours,
        ev.response_hours,
        ev.response_hours - ev.sla_hours,
        float(ev.sla_credit_due),
        ev.max_rate_deviation,
        signed_dev,
        _dev(ev, "labor"),
        _dev(ev, "travel"),
        max((abs(d) for d in parts), default=0.0),
        float(ev.rate_mismatch),
        ev.labor_hours_delta,
        ev.travel_hours_delta,
        max(abs(ev.labor_hours_delta), abs(ev.travel_hours_delta)),
        float(sum(1 for p in ev.part_checks if p.mismatch)),
        max((abs(d) for d in part_deltas), default=0.0),
        float(ev.quantity_mismatch),
        ev.tax_rate - expected_tax,
        ev.tax_delta,
        float(ev.tax_rate_wrong),
        float(ev.tax_error),
        float(ev.service_covered),
        float(ev.visits_30d),
        math.log1p(max(ev.invoice_total, 0.0)),
        float(len(lines)),
        float(case.dispute is not None),
        *(float(ev.contract_type == c) for c in _CONTRACTS),
        *(float(case.service_report.service_type.value == s) for s in _SERVICES),
        *(float(case.workflow.value == w) for w in _WORKFLOWS),
    ]


@dataclass(frozen=True, slots=True)
class CaseFeatures:
    """Features of a batch: structured block, embeddings, prototype similarities."""

    structured: Matrix
    note_embeddings: Matrix
    dispute_embeddings: Matrix
    note_similarity: Matrix
    sentence_similarity: Matrix  # per fact, the best-matching sentence of the note
    dispute_similarity: Matrix
    note_similarity_names: list[str]
    sentence_similarity_names: list[str]
    dispute_similarity_names: list[str]
    sentence_embeddings: Matrix  # every sentence of every note, in case order
    sentence_owner: npt.NDArray[np.int64]  # the case row of each sentence
    sentence_texts: list[str]  # the sentences themselves, for the character n-gram head


def _note_vectors(sentence_vectors: Matrix, owner: npt.NDArray[np.int64], n: int) -> Matrix:
    """A note's vector is the normalised mean of its sentences' vectors: the sentences are
    embedded anyway, and embedding the whole note again would double the text the
    transformer reads per case for little gain. Notes without sentences stay zero here."""
    out = np.zeros((n, sentence_vectors.shape[1]), dtype=np.float32)
    np.add.at(out, owner, sentence_vectors)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return np.asarray(np.divide(out, norms, out=out, where=norms > 0), dtype=np.float32)


def build_features(
    cases: Sequence[Case], evidence: Sequence[Evidence], embedder: TextEmbedder
) -> CaseFeatures:
    """Everything the models need for a batch; texts are embedded in one call: every
    sentence, every dispute text, and the notes too short to hold a sentence."""
    structured = np.asarray(
        [structured_row(c, e) for c, e in zip(cases, evidence, strict=True)], dtype=np.float32
    ).reshape(len(cases), len(STRUCTURED_NAMES))
    notes = note_texts([c.service_report.notes for c in cases])
    disputes = note_texts([c.dispute.text if c.dispute else "" for c in cases])
    has_dispute = [i for i, d in enumerate(disputes) if d]
    sentences = [split_sentences(n) for n in notes]
    flat = [s for group in sentences for s in group]
    bare = [i for i, group in enumerate(sentences) if not group]
    n_flat, d = len(flat), len(has_dispute)
    vectors = embedder.embed(flat + [disputes[i] for i in has_dispute] + [notes[i] for i in bare])
    owner = np.repeat(np.arange(len(cases), dtype=np.int64), [len(g) for g in sentences])
    note_emb = _note_vectors(vectors[:n_flat], owner, len(cases))
    note_emb[bare] = vectors[n_flat + d :]
    dispute_emb = np.zeros_like(note_emb)
    if has_dispute:
        dispute_emb[has_dispute] = vectors[n_flat : n_flat + d]
    note_scorer, dispute_scorer = prototype_scorers(embedder)
    note_sims = note_scorer.score(note_emb)
    sentence_sims = note_sims.copy()
    if flat:
        flat_sims = note_scorer.score(vectors[:n_flat])
        start = 0
        for i, group in enumerate(sentences):
            if group:
                block = flat_sims[start : start + len(group)]
                sentence_sims[i] = np.maximum(block.max(axis=0), note_sims[i])
            start += len(group)
    dispute_sims = dispute_scorer.score(dispute_emb)
    dispute_sims[[i for i, d in enumerate(disputes) if not d]] = 0.0
    return CaseFeatures(
        structured=structured,
        note_embeddings=note_emb,
        dispute_embeddings=dispute_emb,
        note_similarity=note_sims,
        sentence_similarity=sentence_sims,
        dispute_similarity=dispute_sims,
        note_similarity_names=[f"note_sim_{n}" for n in note_scorer.names],
        sentence_similarity_names=[f"sent_sim_{n}" for n in note_scorer.names],
        dispute_similarity_names=[f"dispute_sim_{n}" for n in dispute_scorer.names],
        sentence_embeddings=vectors[:n_flat],
        sentence_owner=owner,
        sentence_texts=flat,
    )
