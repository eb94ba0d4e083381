"""triage.storage"""
