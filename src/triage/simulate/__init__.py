"""triage.simulate"""
