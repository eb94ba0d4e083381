"""Settings from `TRIAGE_*` environment variables; no I/O at import."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TRIAGE_", env_file=None, extra="ignore")

    database_url: str = Field(
        default="sqlite:///./var/triage.db",
        description="SQLAlchemy URL; SQLite (default) or postgresql+psycopg://...",
    )
    database_connect_timeout: float = Field(
        default=30.0,
        ge=0,
        description="Seconds the service waits at start for a database that is not reachable yet",
    )
    model_dir: Path = Field(default=PROJECT_DIR / "models" / "default")
    policy_file: Path = Field(default=PACKAGE_DIR / "policy" / "default_policy.yaml")
    audit_key_file: Path = Field(
        default=Path("./var/keys/audit_ed25519.pem"),
        description="Ed25519 private key that signs audit checkpoints; kept outside the database",
    )
    webhook_secret_file: Path = Field(default=Path("./var/keys/webhook_secret"))
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers: int = Field(default=1, ge=1, le=64)
    max_body_bytes: int = Field(default=25 * 1024 * 1024, ge=1024)
    pdf_max_bytes: int = Field(default=20 * 1024 * 1024, ge=1024)
    pdf_max_pages: int = Field(default=50, ge=1)
    pdf_timeout_seconds: float = Field(default=10.0, gt=0)
    pdf_memory_bytes: int = Field(default=1024**3, ge=64 * 1024**2)
    embedding_backend: str = Field(default="onnx", pattern="^(onnx|torch)$")
    model_process: bool = Field(
        default=True,
        description="Score in a child process per worker, beside the server's interpreter lock",
    )
    idempotency_ttl_hours: int = Field(default=24, ge=24)
    checkpoint_interval_seconds: float = Field(default=300.0, gt=0)
    review_claim_ttl_seconds: int = Field(default=900, ge=10)
    outbox_poll_seconds: float = Field(default=0.5, gt=0)
    log_level: str = "info"
    opentelemetry: bool = Field(
        default=False,
        description="FastAPI's native OpenTelemetry spans and metrics (off: /metrics is "
        "Prometheus, and the per-request provider check cost 3 % of the worker's CPU)",
    )

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        if not value.startswith(("sqlite", "postgresql")):
            raise ValueError("only sqlite:// and postgresql:// URLs are supported")
        return value


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
