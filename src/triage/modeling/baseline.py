"""The rules-only reference (issue 2 §5): deterministic checks, text meaning unknown.

Rules that need the notes (2's text part, 4, 5 and billable 1-4) cannot fire, so
those cases fall to the next rule. It is a `Predictor`, so it scores through the
same decision path as the models and the models must beat it by a wide margin.
"""

from __future__ import annotations

from collections.abc import Sequence

from triage.domain.case import Case
from triage.domain.certification import Certification
from triage.domain.decision import Reason
from triage.domain.vocab import EXCEPTION_LABELS
from triage.modeling.predictor import ModelOutput
from triage.reconcile import UNKNOWN_TEXT, billable, exception_label
from triage.reconcile.evidence import Evidence


class RulesPredictor:
    """Certain (probability 1) about what the rules say; no certificate."""

    version = "rules-baseline-1"
    certification: Certification | None = None

    def predict(self, cases: Sequence[Case], evidence: Sequence[Evidence]) -> list[ModelOutput]:
        outputs = []
        for ev in evidence:
            label = exception_label(ev, UNKNOWN_TEXT).value
            outputs.append(
                ModelOutput(
                    probabilities={lab: float(lab == label) for lab in EXCEPTION_LABELS},
                    p_values={lab: float(lab == label) for lab in EXCEPTION_LABELS},
                    billable_probability=float(billable(ev, UNKNOWN_TEXT)),
                    explanations=[
                        Reason(
                            code="rule.baseline",
                            text=f"deterministic rules give {label}; the notes are not read",
                            kind="rule",
                        )
                    ],
                )
            )
        return outputs
