"""The reviewer web app at /ui (server-rendered; see docs/reviewer.md)."""

from triage.api.ui.routes import router

__all__ = ["router"]
