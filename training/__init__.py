"""Training pipeline entry points (imports triage; never imported by it)."""
