"""triage.modeling"""
