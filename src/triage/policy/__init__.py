"""The policy layer: a versioned YAML file decides auto-continue or human review.

Imports no ML library: it sees scores, never models.
"""

from triage.policy.evaluate import RoutingInput, RoutingResult, audit_draw, route
from triage.policy.loader import DEFAULT_POLICY_FILE, dump_policy, load_policy, parse_policy
from triage.policy.schema import CustomerOverride, Policy, Thresholds

__all__ = [
    "DEFAULT_POLICY_FILE",
    "CustomerOverride",
    "Policy",
    "RoutingInput",
    "RoutingResult",
    "Thresholds",
    "audit_draw",
    "dump_policy",
    "load_policy",
    "parse_policy",
    "route",
]
