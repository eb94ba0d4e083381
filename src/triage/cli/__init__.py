"""The `triage` command line: one typer app, one module per family of commands."""

from triage.cli import admin, data, extract, review, scoring, service, simulate
from triage.cli.app import app

__all__ = ["admin", "app", "data", "extract", "review", "scoring", "service", "simulate"]
