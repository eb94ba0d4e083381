"""Request dependencies: the runtime, the caller's identity and role checks.

Routers (ours and the review engineer's) declare access with
`Depends(require_role("reviewer", "admin"))` and get the `Principal` back.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from anyio import to_thread
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from triage.errors import AuthError, ForbiddenError
from triage.services.runtime import Principal, Role, Runtime

_bearer = HTTPBearer(auto_error=False, description="API token from `triage tokens create`")


async def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


async def _principal(
    runtime: Runtime, credentials: HTTPAuthorizationCredentials | None
) -> Principal:
    """401 unless the request carries a valid `Authorization: Bearer <token>`. Async, with
    the database read only on a cache miss (in a thread): a sync dependency would cost every
    request two thread hand-offs."""
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise AuthError("missing bearer token")
    token = credentials.credentials
    known, principal = runtime.cached_principal(token)
    if not known:
        principal = await to_thread.run_sync(lambda: runtime.authenticate(token))
    if principal is None:
        raise AuthError("invalid or revoked token")
    return principal


def require_role(*roles: Role) -> Callable[..., Coroutine[Any, Any, Principal]]:
    """A dependency that lets only the given roles through (403 for the others).

    One dependency level over the bearer scheme: FastAPI solves every level on every
    request, which showed up in profiles of the scoring route."""
    allowed = frozenset(roles)

    async def check(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> Principal:
        principal = await _principal(request.app.state.runtime, credentials)
        if principal.role not in allowed:
            raise ForbiddenError(
                f"role {principal.role!r} may not do this; needs one of {sorted(allowed)}"
            )
        return principal

    return check
