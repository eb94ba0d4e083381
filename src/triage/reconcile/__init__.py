"""Deterministic reconciliation of a case: evidence, and the label rules over it."""

from triage.reconcile.evidence import Evidence, PartCheck, RateCheck, notes_are_blank, reconcile
from triage.reconcile.explain import evidence_reasons
from triage.reconcile.rules import (
    UNKNOWN_TEXT,
    TextFacts,
    applicable_labels,
    billable,
    exception_label,
)

__all__ = [
    "UNKNOWN_TEXT",
    "Evidence",
    "PartCheck",
    "RateCheck",
    "TextFacts",
    "applicable_labels",
    "billable",
    "evidence_reasons",
    "exception_label",
    "notes_are_blank",
    "reconcile",
]
