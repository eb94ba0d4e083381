"""Temporal: a work-order-to-invoice workflow that holds on human review until a signal."""
