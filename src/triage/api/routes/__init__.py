"""Every router of the API, in one list that `create_app` includes.

To add routes, write a module with a `router` and add it here.
"""

from __future__ import annotations

from fastapi import APIRouter

from triage.api.routes import (
    audit,
    cases,
    dashboard,
    documents,
    documents_view,
    health,
    models,
    policy,
    reviews,
)
from triage.api.ui import router as ui_router


def routers() -> list[APIRouter]:
    return [
        health.router,
        cases.router,
        documents.router,
        documents_view.router,
        documents_view.ui_router,
        policy.router,
        models.router,
        audit.router,
        reviews.router,
        dashboard.router,
        ui_router,
    ]
