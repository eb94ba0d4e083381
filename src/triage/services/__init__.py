"""triage.services"""
