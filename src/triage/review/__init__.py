"""triage.review"""
