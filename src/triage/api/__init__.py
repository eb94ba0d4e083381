"""triage.api"""
