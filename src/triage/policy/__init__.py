"""triage.policy"""
