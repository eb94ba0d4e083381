"""triage.audit"""
