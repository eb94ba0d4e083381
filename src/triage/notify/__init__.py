"""triage.notify"""
