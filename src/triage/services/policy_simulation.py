"""What a new policy would have done to past decisions (`triage policy simulate`).

Each past decision keeps its model scores; only the routing is replayed under
the new policy. With the true labels we count, per policy: the automation rate,
the error among auto-continued cases (exception or billable wrong) and the
review workload, so a change is judged before it is deployed.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from triage.domain.certification import Certification
from triage.domain.decision import Decision
from triage.domain.vocab import ExceptionLabel, Route
from triage.errors import FieldError, ValidationError
from triage.policy import Policy, RoutingInput, route

_CONTEXT_KEYS = frozenset({"case", "invoice_total", "currency", "customer_id"})


@dataclass(frozen=True, slots=True)
class PastDecision:
    decision: Decision
    customer_id: str
    currency: str
    invoice_total: float


@dataclass(slots=True)
class Outcome:
    """One policy's routing of the past decisions."""

    policy_version: str
    cases: int = 0
    auto: int = 0
    auto_wrong: int = 0
    review: int = 0
    review_value: float = 0.0
    reasons: Counter[str] = field(default_factory=Counter)

    @property
    def automation_rate(self) -> float:
        return self.auto / self.cases if self.cases else 0.0

    @property
    def auto_error_rate(self) -> float | None:
        return self.auto_wrong / self.auto if self.auto else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "policy_version": self.policy_version,
            "cases": self.cases,
            "automation_rate": round(self.automation_rate, 4),
            "auto_continued": self.auto,
            "errors_among_auto_continued": self.auto_wrong,
            "error_rate_among_auto_continued": (
                None if self.auto_error_rate is None else round(self.auto_error_rate, 4)
            ),
            "review_workload": self.review,
            "review_invoice_value": round(self.review_value, 2),
            "review_reasons": dict(self.reasons.most_common()),
        }


def read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValidationError([FieldError(f"{path.name}:{number}", str(exc))]) from exc
            if not isinstance(value, dict):
                raise ValidationError([FieldError(f"{path.name}:{number}", "expected an object")])
            yield number, value


def read_past_decisions(
    path: Path, cases: dict[str, dict[str, Any]] | None = None
) -> list[PastDecision]:
    """Decision lines (DOMAIN §4) with their case's amount, currency and customer.

    Those three come from a `case` object on the line, from flat `invoice_total`,
    `currency` and `customer_id` keys, or from `cases` (case JSON by case_id).
    """
    past = []
    for number, line in read_jsonl(path):
        where = f"{path.name}:{number}"
        body = line.get("decision", line)
        try:
            decision = Decision.model_validate(
                {k: v for k, v in body.items() if k not in _CONTEXT_KEYS}
            )
        except Exception as exc:
            raise ValidationError([FieldError(where, f"not a decision: {exc}")]) from exc
        case = line.get("case") or (cases or {}).get(decision.case_id)
        if case is not None:
            context = (
                case["customer"]["id"],
                case["invoice"]["currency"],
                case["invoice"]["total"],
            )
        elif {"invoice_total", "currency", "customer_id"} <= line.keys():
            context = (line["customer_id"], line["currency"], line["invoice_total"])
        else:
            raise ValidationError(
                [FieldError(where, "needs its case (a `case` object, flat fields or --cases)")]
            )
        past.append(PastDecision(decision, str(context[0]), str(context[1]), float(context[2])))
    return past


def read_labels(path: Path) -> dict[str, tuple[str, bool]]:
    """case_id -> (true exception, true billable), from `triage simulate`'s labels.jsonl form."""
    return {
        str(line["case_id"]): (str(line["exception"]), bool(line["billable"]))
        for _, line in read_jsonl(path)
    }


def replay(
    past: Iterable[PastDecision],
    labels: dict[str, tuple[str, bool]],
    policy: Policy,
    certification: Certification | None,
) -> Outcome:
    outcome = Outcome(policy.version)
    for item in past:
        d = item.decision
        truth = labels.get(d.case_id)
        if truth is None:
            continue
        result = route(
            policy,
            RoutingInput(
                case_id=d.case_id,
                customer_id=item.customer_id,
                currency=item.currency,
                invoice_total=item.invoice_total,
                exception_label=ExceptionLabel(d.exception.label),
                exception_confidence=d.exception.confidence,
                prediction_set=d.exception.prediction_set,
                billable_probability=d.billable.probability,
            ),
            certification,
        )
        _count(outcome, result.route, [r.code for r in result.reasons], item, truth)
    return outcome


def recorded(past: Iterable[PastDecision], labels: dict[str, tuple[str, bool]]) -> Outcome:
    """The routes the past decisions actually took, counted the same way."""
    outcome = Outcome("as recorded")
    for item in past:
        truth = labels.get(item.decision.case_id)
        if truth is not None:
            codes = [r.code for r in item.decision.reasons if r.kind == "policy"]
            _count(outcome, item.decision.route, codes, item, truth)
    return outcome


def _count(
    outcome: Outcome,
    routed: Route,
    codes: list[str],
    item: PastDecision,
    truth: tuple[str, bool],
) -> None:
    outcome.cases += 1
    if routed is Route.AUTO_CONTINUE:
        outcome.auto += 1
        d = item.decision
        wrong = d.exception.label.value != truth[0] or d.billable.value != truth[1]
        outcome.auto_wrong += wrong
    else:
        outcome.review += 1
        outcome.review_value += abs(item.invoice_total)
        outcome.reasons.update(code for code in codes if code != "policy.uncertified")
