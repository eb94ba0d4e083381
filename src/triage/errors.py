"""One exception tree for the whole package.

Library errors are mapped to these where the library is imported, so the API
and CLI translate exactly one family of errors into status codes and messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FieldError:
    """One problem in an input document, located by its JSON path."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class TriageError(Exception):
    """Base of every error the service reports to a caller."""

    status_code = 500
    code = "internal_error"

    def __init__(self, message: str, *, details: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class ValidationError(TriageError):
    status_code = 422
    code = "validation_error"

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(str(e) for e in errors) or "invalid input", details=errors)
        self.errors = errors


class ExtractionError(TriageError):
    """A document could not be read; `code` names why (not_a_pdf, encrypted, ...)."""

    status_code = 422
    code = "extraction_error"

    def __init__(self, code: str, message: str, *, status_code: int = 422) -> None:
        super().__init__(message)
        self.code = code
        self.status_code = status_code


class PolicyError(TriageError):
    status_code = 422
    code = "policy_error"


class ModelError(TriageError):
    status_code = 500
    code = "model_error"


class UnavailableError(TriageError):
    """503 with `Retry-After: 1`: something busy or restarting, so retrying is the fix."""

    status_code = 503
    code = "unavailable"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.headers = {"Retry-After": "1"}


class ModelUnavailableError(UnavailableError, ModelError):
    """The model process died or is being replaced."""

    code = "model_unavailable"


class NotFoundError(TriageError):
    status_code = 404
    code = "not_found"


class ConflictError(TriageError):
    status_code = 409
    code = "conflict"


class ReviewConflictError(ConflictError):
    code = "review_conflict"


class IdempotencyMismatchError(TriageError):
    status_code = 422
    code = "idempotency_key_reused"


class AuthError(TriageError):
    status_code = 401
    code = "unauthorized"


class ForbiddenError(TriageError):
    status_code = 403
    code = "forbidden"


class AuditIntegrityError(TriageError):
    status_code = 500
    code = "audit_integrity"
