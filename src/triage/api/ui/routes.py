"""The reviewer web app: server-rendered pages over the review service.

Login exchanges an API token (reviewer or admin; auditors see the dashboard
only) for an HttpOnly, SameSite=Strict cookie holding it; every request
re-authenticates the token, so a revoked token logs the browser out. Forms
post back and redirect (post/redirect/get); a small script adds keyboard
shortcuts but every action also works as a plain form.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from anyio import to_thread
from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError as PydanticValidationError

from triage.api.deps import RuntimeDep
from triage.api.routes.reviews import QueueQuery, reviewer_of
from triage.api.ui.charts import line_chart
from triage.domain.vocab import EXCEPTION_LABELS, ExceptionLabel, Workflow
from triage.errors import TriageError
from triage.review.queue import Sort
from triage.services import review_metrics
from triage.services.review_delivery import review_service
from triage.services.runtime import Principal, Role, Runtime

HERE = Path(__file__).resolve().parent
COOKIE = "triage_ui"
STATIC = {"ui.css": "text/css", "ui.js": "text/javascript", "documents.js": "text/javascript"}
QUEUE_ROLES: frozenset[Role] = frozenset({"reviewer", "admin"})
DASHBOARD_ROLES: frozenset[Role] = frozenset({"reviewer", "admin", "auditor"})
FILTER_KEYS = ("status", "label", "workflow", "customer", "min_confidence", "max_confidence")

router = APIRouter(prefix="/ui", include_in_schema=False)
templates = Jinja2Templates(directory=str(HERE / "templates"))


def _age(seconds: float) -> str:
    """Compact age: 45 s, 12 min, 5.2 h, 3.1 d."""
    if seconds < 60:
        return f"{seconds:.0f} s"
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} d"


templates.env.filters["age"] = _age


def _user(request: Request, runtime: Runtime) -> Principal | None:
    token = request.cookies.get(COOKIE)
    return runtime.authenticate(token) if token else None


def _to(path: str, message: str | None = None, params: dict[str, str] | None = None) -> Response:
    query = dict(params or {})
    if message:
        query["msg"] = message
    return RedirectResponse(f"{path}?{urlencode(query)}" if query else path, status_code=303)


def _same_origin(request: Request) -> bool:
    """Refuse cross-site form posts (the SameSite cookie already should; belt and braces)."""
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == request.headers.get("host", "")


async def _guard(
    request: Request, runtime: Runtime, roles: frozenset[Role]
) -> Principal | Response:
    user = await to_thread.run_sync(lambda: _user(request, runtime))
    if user is None:
        return _to("/ui/login")
    if user.role not in roles:
        return _to("/ui/dashboard" if user.role in DASHBOARD_ROLES else "/ui/login", "not allowed")
    if request.method == "POST" and not _same_origin(request):
        return Response("cross-site form post refused", status_code=403)
    return user


def _filters(values: dict[str, Any]) -> tuple[QueueQuery, Sort, dict[str, str]]:
    """Queue filters from query or form values; bad values fall back to no filter."""
    kept = {k: str(values[k]) for k in FILTER_KEYS if values.get(k) not in (None, "")}
    sort: Sort = "age" if values.get("sort") == "age" else "priority"
    try:
        query = QueueQuery.model_validate(kept)
    except PydanticValidationError:
        kept, query = {}, QueueQuery()
    params = {**kept, "sort": sort}
    return query, sort, params


def _page(request: Request, name: str, user: Principal | None, **context: Any) -> Response:
    return templates.TemplateResponse(
        request,
        name,
        {"user": user, "message": request.query_params.get("msg"), **context},
    )


@router.get("")
async def home() -> Response:
    return _to("/ui/queue")


@router.get("/static/{name}")
async def static(name: str) -> Response:
    if name not in STATIC:
        return Response(status_code=404)
    return FileResponse(HERE / "static" / name, media_type=STATIC[name])


@router.get("/login")
async def login_page(request: Request) -> Response:
    return _page(request, "login.html", None, error=request.query_params.get("error"))


@router.post("/login")
async def login(request: Request, runtime: RuntimeDep) -> Response:
    form = await request.form()
    token = str(form.get("token", "")).strip()
    user = await to_thread.run_sync(lambda: runtime.authenticate(token)) if token else None
    if user is None or user.role not in DASHBOARD_ROLES:
        return _to("/ui/login", params={"error": "That token is not a valid reviewer token."})
    response = _to("/ui/queue" if user.role in QUEUE_ROLES else "/ui/dashboard")
    response.set_cookie(
        COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        max_age=12 * 3600,
        path="/ui",
    )
    return response


@router.post("/logout")
async def logout() -> Response:
    response = _to("/ui/login")
    response.delete_cookie(COOKIE, path="/ui")
    return response


@router.get("/queue")
async def queue_page(request: Request, runtime: RuntimeDep) -> Response:
    user = await _guard(request, runtime, QUEUE_ROLES)
    if isinstance(user, Response):
        return user
    query, sort, params = _filters(dict(request.query_params))
    service = review_service(runtime)

    def load() -> tuple[Any, int]:
        page = service.list_page(flt=query.to_filter(), sort=sort, limit=100)
        waiting = service.list_page(flt=QueueQuery(status="open").to_filter(), limit=1).total
        return page, waiting

    page, waiting = await to_thread.run_sync(load)
    return _page(
        request,
        "queue.html",
        user,
        active="queue",
        items=page.items,
        total=page.total,
        open_count=waiting,
        q=query,
        sort=sort,
        qs_items=sorted(params.items()),
        labels=EXCEPTION_LABELS,
        workflows=[w.value for w in Workflow],
    )


@router.post("/next")
async def open_next(request: Request, runtime: RuntimeDep) -> Response:
    user = await _guard(request, runtime, QUEUE_ROLES)
    if isinstance(user, Response):
        return user
    query, _, params = _filters(dict(await request.form()))
    return await _next_or_queue(runtime, user, query, params, None)


async def _next_or_queue(
    runtime: Runtime,
    user: Principal,
    query: QueueQuery,
    params: dict[str, str],
    message: str | None,
) -> Response:
    service = review_service(runtime)
    flt = QueueQuery(**{**query.model_dump(), "status": "open"}).to_filter()
    task = await to_thread.run_sync(lambda: service.claim_next(reviewer_of(user), flt=flt))
    if task is None:
        return _to(
            "/ui/queue", (message + " " if message else "") + "No task left to open.", params
        )
    return _to(f"/ui/reviews/{task.review_id}", message, params)


@router.post("/bulk-confirm")
async def bulk_confirm(request: Request, runtime: RuntimeDep) -> Response:
    user = await _guard(request, runtime, QUEUE_ROLES)
    if isinstance(user, Response):
        return user
    form = await request.form()
    query, _, params = _filters(dict(form))
    ids = [str(v) for v in form.getlist("review_id")]
    if not ids and form.get("all") != "1":
        return _to("/ui/queue", "Select tasks first, or use 'Confirm all matching'.", params)
    service = review_service(runtime)
    result = await to_thread.run_sync(
        lambda: service.bulk_confirm(
            reviewer_of(user), review_ids=ids or None, flt=query.to_filter(), limit=500
        )
    )
    message = (
        f"Confirmed {len(result.confirmed)} task(s), {len(result.resolved)} resolved"
        f"{'' if not result.skipped else f', {len(result.skipped)} skipped'}."
    )
    return _to("/ui/queue", message, params)


@router.get("/reviews/{review_id}")
async def review_page(request: Request, review_id: str, runtime: RuntimeDep) -> Response:
    user = await _guard(request, runtime, QUEUE_ROLES)
    if isinstance(user, Response):
        return user
    _, _, params = _filters(dict(request.query_params))
    service = review_service(runtime)
    try:
        detail = await to_thread.run_sync(lambda: service.detail(review_id))
    except TriageError as exc:
        return _to("/ui/queue", exc.message, params)
    task = detail.task
    mine = task.status == "claimed" and task.claimed_by == user.name
    return _page(
        request,
        "review.html",
        user,
        active="queue",
        d=detail,
        mine=mine,
        qs_items=sorted(params.items()),
        labels=EXCEPTION_LABELS,
        blocked=request.query_params.get("blocked"),
    )


async def _form_and_params(request: Request) -> tuple[Any, QueueQuery, dict[str, str]]:
    form = await request.form()
    query, _, params = _filters(dict(form))
    return form, query, params


@router.post("/reviews/{review_id}/claim")
async def claim(request: Request, review_id: str, runtime: RuntimeDep) -> Response:
    user = await _guard(request, runtime, QUEUE_ROLES)
    if isinstance(user, Response):
        return user
    _, _, params = await _form_and_params(request)
    service = review_service(runtime)
    try:
        await to_thread.run_sync(lambda: service.claim(review_id, reviewer_of(user)))
    except TriageError as exc:
        return _to(f"/ui/reviews/{review_id}", exc.message, params)
    return _to(f"/ui/reviews/{review_id}", None, params)


@router.post("/reviews/{review_id}/release")
async def release(request: Request, review_id: str, runtime: RuntimeDep) -> Response:
    user = await _guard(request, runtime, QUEUE_ROLES)
    if isinstance(user, Response):
        return user
    _, _, params = await _form_and_params(request)
    service = review_service(runtime)
    try:
        await to_thread.run_sync(lambda: service.release(review_id, reviewer_of(user)))
    except TriageError as exc:
        return _to(f"/ui/reviews/{review_id}", exc.message, params)
    return _to("/ui/queue", "Released.", params)


@router.post("/reviews/{review_id}/resolve")
async def resolve(request: Request, review_id: str, runtime: RuntimeDep) -> Response:
    """Record the verdict, then open the next task at once (same filters)."""
    user = await _guard(request, runtime, QUEUE_ROLES)
    if isinstance(user, Response):
        return user
    form, query, params = await _form_and_params(request)
    action = form.get("action")
    comment = str(form.get("comment", "")).strip()[:4000] or None
    exception: ExceptionLabel | None = None
    billable: bool | None = None
    if action == "correct":
        label = str(form.get("exception", ""))
        if label not in EXCEPTION_LABELS:
            return _to(f"/ui/reviews/{review_id}", "Choose an exception label.", params)
        exception = ExceptionLabel(label)
        billable = form.get("billable") == "true"
    elif action != "confirm":
        return _to(f"/ui/reviews/{review_id}", "Unknown action.", params)
    service = review_service(runtime)
    try:
        read = await to_thread.run_sync(
            lambda: service.resolve(
                review_id,
                reviewer_of(user),
                exception=exception,
                billable=billable,
                comment=comment,
            )
        )
    except TriageError as exc:
        return _to(f"/ui/reviews/{review_id}", exc.message, params)
    done = (
        f"{read.case_id} resolved."
        if read.outcome is not None
        else f"{read.case_id}: your verdict is recorded; a second reviewer must agree."
    )
    return await _next_or_queue(runtime, user, query, params, done)


@router.get("/dashboard")
async def dashboard(
    request: Request, runtime: RuntimeDep, days: Annotated[int, Query(ge=1, le=366)] = 30
) -> Response:
    user = await _guard(request, runtime, DASHBOARD_ROLES)
    if isinstance(user, Response):
        return user
    since, until = review_metrics.default_window(datetime.now(UTC), days=days)

    def load() -> review_metrics.MetricsSummary:
        with runtime.db.scope(readonly=True) as session:
            return review_metrics.summary(session, since=since, until=until)

    m = await to_thread.run_sync(load)
    series = m.over_time
    day_list = [p.day for p in series]
    specs: list[tuple[str, list[float | None], bool]] = [
        ("Decisions per day", [float(p.decisions) for p in series], False),
        ("Automation rate", [p.automation_rate for p in series], True),
        ("Exception rate", [p.exception_rate for p in series], True),
        ("Reviews resolved", [float(p.reviews_resolved) for p in series], False),
        ("Override rate", [p.override_rate for p in series], True),
        ("Review latency p50 (s)", [p.latency_p50_seconds for p in series], False),
    ]
    charts = [
        {"title": title, "svg": line_chart(title, day_list, values, percent=percent)}
        for title, values, percent in specs
    ]
    return _page(request, "dashboard.html", user, active="dashboard", m=m, charts=charts)
