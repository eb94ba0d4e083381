"""The root typer app that every command module registers on."""

from __future__ import annotations

import os

import typer

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

app = typer.Typer(
    name="triage",
    help="AI-assisted exception triage for service-to-billing workflows.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
