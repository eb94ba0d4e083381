"""Arithmetic raises confidence when the printed amounts add up and lowers it when they do not."""

from __future__ import annotations

from triage.extraction.fields import Candidate, Context
from triage.extraction.invoice import _amounts
from triage.extraction.layout import Box
from triage.extraction.model import ExtractedField
from triage.extraction.values import NumberStyle

BOX = Box(1, 0, 0, 10, 10)


def _context() -> Context:
    return Context(lines=[], style=NumberStyle(), day_first=True, currency="EUR")


def _candidate(field: str, value: float, line: int, score: float = 0.8) -> Candidate:
    return Candidate(field, value, BOX, score, line, field)


def _line(amount: float) -> dict[str, ExtractedField]:
    return {"amount": ExtractedField(value=amount, confidence=0.9, page=1, bbox=(0, 0, 1, 1))}


def test_amounts_consistent_totals_get_high_confidence() -> None:
    out: dict[str, ExtractedField] = {}
    candidates = {
        "subtotal": [_candidate("subtotal", 687.5, 10)],
        "tax": [_candidate("tax", 130.63, 11)],
        "total": [_candidate("total", 818.13, 12)],
    }
    _amounts(_context(), candidates, [_line(332.5), _line(45.0), _line(310.0)], out)
    assert out["total"].value == 818.13
    assert out["total"].confidence >= 0.97
    assert out["subtotal"].confidence >= 0.97


def test_amounts_inconsistent_totals_lose_confidence() -> None:
    out: dict[str, ExtractedField] = {}
    candidates = {
        "subtotal": [_candidate("subtotal", 687.5, 10)],
        "tax": [_candidate("tax", 100.0, 11)],
        "total": [_candidate("total", 818.13, 12)],
    }
    _amounts(_context(), candidates, [], out)
    assert out["total"].confidence < 0.8


def test_amounts_choose_the_values_that_add_up() -> None:
    out: dict[str, ExtractedField] = {}
    candidates = {
        "subtotal": [_candidate("subtotal", 321.4, 10), _candidate("subtotal", 448.99, 12, 0.7)],
        "tax": [_candidate("tax", 70.0, 12)],
        "total": [_candidate("total", 382.47, 10), _candidate("total", 518.99, 12, 0.7)],
    }
    _amounts(_context(), candidates, [], out)
    assert out["subtotal"].value == 448.99
    assert out["total"].value == 518.99
