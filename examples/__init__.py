"""Runnable examples of orchestration engines calling the triage API."""
