"""triage.features"""
