"""triage: AI-assisted exception triage for service-to-billing workflows."""

__version__ = "0.1.0"
