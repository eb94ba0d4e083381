"""Compositional sentences for the sentence-level fact head: who did what, and why.

The phrase bank gives a few dozen wordings per fact; a head trained on them alone
learns the wordings, not the contrast that carries the meaning (the same "fitted
a valve" is ordinary work, extra work when the customer asked for it, and nothing
when it was only quoted). These sentences cross generic agents, actions, objects
and markers so that the marker, not the object, decides the fact. They are not in
the phrase bank and never appear in simulated notes: training material only.
"""

from __future__ import annotations

import random

_OBJECTS = (
    "a second sensor",
    "an extra socket",
    "a new isolator",
    "a bypass valve",
    "a timer",
    "a wall bracket",
    "new lighting",
    "a guard rail",
    "an additional pump",
    "a new cable run",
    "a drain line",
    "a remote monitoring module",
    "a spare filter housing",
    "new labels on the pipework",
    "a shelf",
    "a second thermostat",
)
_VERBS = ("fitted", "installed", "mounted", "added", "put in", "wired up", "set up", "moved")
_REQUEST = (
    "at the customer's request",
    "as the client asked",
    "because the site manager wanted it",
    "on request of the customer",
    "per cust req",
    "client asked for it on the day",
    "customer asked us to do this as well",
    "on the client's instruction",
    "not on the work order, customer wanted it",
    "while on site, as requested",
    "extra, requested by the client",
    "beyond the ordered job, at the customer's wish",
)
_NOT_DONE = (
    "quoted only, not done",
    "not fitted, needs approval first",
    "customer asked, will quote",
    "proposed, no work carried out",
    "declined by the customer",
    "left for a separate order",
)
_ROUTINE = (
    "as part of the repair",
    "as per the work order",
    "to restore operation",
    "as specified in the job",
    "",
)

_COMPONENTS = (
    "motor",
    "bearing",
    "control board",
    "seal",
    "relay",
    "valve",
    "fan",
    "pump",
    "sensor",
    "compressor",
    "belt",
    "contactor",
    "gasket",
    "fuse",
    "display",
    "hinge",
)
_AGENTS = (
    "the customer",
    "client staff",
    "the operator",
    "their cleaner",
    "a forklift driver on site",
    "the client's contractor",
    "site personnel",
    "customer's builders",
    "one of their employees",
    "the tenant",
)
_DAMAGE = (
    "dropped the unit",
    "knocked the unit over",
    "drove into the {c}",
    "hit the {c} with a pallet",
    "broke the {c} while moving the unit",
    "spilled liquid into the {c}",
    "forced the {c} open",
    "overloaded the machine and burnt the {c}",
    "bypassed the safety cut-out and the {c} failed",
    "ran the unit without water, {c} destroyed",
)
_DAMAGE_PASSIVE = (
    "{c} smashed by {a}",
    "{c} damaged by {a}",
    "impact damage on the {c} caused by {a}",
    "{c} bent after being struck by {a}",
    "{c} broken through misuse by {a}",
)
_FAILURE = (
    "{c} failed internally",
    "{c} worn out from normal use",
    "{c} at end of life, worn",
    "{c} defective from the factory",
    "{c} burnt out under normal load",
    "{c} seized due to age",
    "{c} perished over time",
    "faulty {c}, internal failure",
    "{c} leaking due to age",
    "{c} cracked from material fatigue",
)
_NO_CUSTOMER = (
    "no external damage",
    "not caused by the customer",
    "no sign of misuse",
    "handled correctly by site staff",
    "no impact marks",
)
_REWORK = (
    "second visit for the same fault",
    "back again, same problem as our last visit",
    "the repair we did last week did not hold",
    "callback: fault returned after our fix",
    "same fault again after our previous repair",
    "our earlier fix on the {c} failed again",
    "repeat visit, the {c} we fitted before failed",
)
_NOT_REWORK = (
    "new fault, not related to our last visit",
    "previous repair is holding, different problem",
    "first call for this fault",
    "last visit's repair on the {c} checked OK",
)
_GOODWILL = (
    "no charge, agreed with the manager",
    "goodwill, labour not to be billed",
    "free of charge as a goodwill gesture",
    "labour waived for this visit",
    "do not invoice, goodwill",
    "no charge per the account manager",
    "FOC as agreed",
)
_NOT_GOODWILL = (
    "chargeable as normal",
    "goodwill requested but refused",
    "bill labour per contract",
    "customer asked for no charge, declined",
)


def compositional_sentences(seed: int, n: int = 3000) -> list[tuple[str, set[str]]]:
    """`n` generated sentences with the facts each expresses."""
    rng = random.Random(f"augment:{seed}")
    out: list[tuple[str, set[str]]] = []

    def c() -> str:
        return rng.choice(_COMPONENTS)

    makers = (
        lambda: (
            f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_REQUEST)}",
            {"work_described", "extra_work"},
        ),
        lambda: (
            f"{rng.choice(_REQUEST).capitalize()}: {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}",
            {"work_described", "extra_work"},
        ),
        lambda: (f"{rng.choice(_OBJECTS)} - {rng.choice(_NOT_DONE)}", set()),
        lambda: (
            f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_ROUTINE)}".strip(),
            {"work_described"},
        ),
        lambda: (
            f"{rng.choice(_AGENTS)} {rng.choice(_DAMAGE).format(c=c())}",
            {"work_described", "customer_caused"},
        ),
        lambda: (
            rng.choice(_DAMAGE_PASSIVE).format(c=c(), a=rng.choice(_AGENTS)),
            {"work_described", "customer_caused"},
        ),
        lambda: (rng.choice(_FAILURE).format(c=c()), {"work_described", "component_failure"}),
        lambda: (
            f"{rng.choice(_FAILURE).format(c=c())}, {rng.choice(_NO_CUSTOMER)}",
            {"work_described", "component_failure"},
        ),
        lambda: (rng.choice(_NO_CUSTOMER), set()),
        lambda: (rng.choice(_REWORK).format(c=c()), {"work_described", "rework"}),
        lambda: (rng.choice(_NOT_REWORK).format(c=c()), set()),
        lambda: (rng.choice(_GOODWILL), {"goodwill"}),
        lambda: (rng.choice(_NOT_GOODWILL), set()),
    )
    for _ in range(n):
        text, facts = rng.choice(makers)()
        if rng.random() < 0.15:
            text = text.upper()
        out.append((text[:1].upper() + text[1:], facts))
    return out
