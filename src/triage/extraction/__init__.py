"""triage.extraction"""
