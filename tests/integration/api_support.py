"""Shared pieces for the API tests: a fake predictor, settings, a client per role."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from triage.api.app import create_app
from triage.config import Settings
from triage.domain.case import Case
from triage.domain.certification import Certification
from triage.domain.vocab import EXCEPTION_LABELS
from triage.modeling.predictor import ModelOutput, Predictor
from triage.reconcile.evidence import Evidence
from triage.storage import SessionFactory, migrate
from triage.storage.tokens import create_token

ROLES = ("orchestrator", "reviewer", "auditor", "admin")
UNSURE = "UNSURE"  # notes containing this word make the fake model unsure -> human review


class FakePredictor:
    """Confident 'none' and billable, unless the notes say UNSURE (then 0.5 confidence)."""

    def __init__(self, version: str = "fake-1") -> None:
        self._version = version
        self.batches: list[int] = []

    @property
    def version(self) -> str:
        return self._version

    @property
    def certification(self) -> Certification | None:
        return None

    def predict(self, cases: Sequence[Case], evidence: Sequence[Evidence]) -> list[ModelOutput]:
        self.batches.append(len(cases))
        outputs = []
        for case in cases:
            top = 0.5 if UNSURE in case.service_report.notes else 0.999
            rest = (1.0 - top) / (len(EXCEPTION_LABELS) - 1)
            probabilities = {
                label: (top if label == "none" else rest) for label in EXCEPTION_LABELS
            }
            outputs.append(
                ModelOutput(
                    probabilities=probabilities,
                    p_values={
                        label: (0.9 if label == "none" else 0.01) for label in EXCEPTION_LABELS
                    },
                    billable_probability=0.999,
                )
            )
        return outputs


class FakeLoader:
    """Each load returns a new predictor `fake-<n>`: lets tests see a hot swap."""

    def __init__(self) -> None:
        self.loads = 0
        self.predictors: list[FakePredictor] = []

    def __call__(self, path: Path) -> Predictor:
        self.loads += 1
        predictor = FakePredictor(f"fake-{self.loads}")
        self.predictors.append(predictor)
        return predictor


def settings_for(tmp_path: Path, database_url: str | None = None, **overrides: Any) -> Settings:
    return Settings(
        database_url=database_url or f"sqlite:///{tmp_path / 'triage.db'}",
        audit_key_file=tmp_path / "keys" / "audit.pem",
        webhook_secret_file=tmp_path / "keys" / "webhook_secret",
        model_dir=tmp_path / "model",
        **overrides,
    )


def make_tokens(database_url: str) -> dict[str, str]:
    """One token per role (plus a second orchestrator) on a migrated database."""
    migrate(database_url)
    db = SessionFactory.from_url(database_url)
    try:
        with db.scope() as session:
            tokens = {role: create_token(session, role=role, name=f"{role}-1") for role in ROLES}
            tokens["orchestrator2"] = create_token(session, role="orchestrator", name="orch-two")
        return tokens
    finally:
        db.engine.dispose()


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@contextmanager
def running_app(
    settings: Settings, loader: Any = None
) -> Iterator[tuple[TestClient, dict[str, str], Any]]:
    """The app with a fake model (or `loader`'s), started (lifespan run), and a token per
    role."""
    tokens = make_tokens(settings.database_url)
    fake = loader or FakeLoader()
    app = create_app(settings, predictor_loader=fake, loops=[])
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client, tokens, fake
