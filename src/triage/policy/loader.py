"""Reading and writing policy files (YAML), with errors that name the offending key."""

from __future__ import annotations

from pathlib import Path

import pydantic
import yaml

from triage.domain.parse import json_path
from triage.errors import PolicyError
from triage.policy.schema import Policy

DEFAULT_POLICY_FILE = Path(__file__).with_name("default_policy.yaml")


def parse_policy(text: str) -> Policy:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise PolicyError(f"policy is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise PolicyError("policy must be a YAML mapping")
    try:
        return Policy.model_validate(data)
    except pydantic.ValidationError as exc:
        problems = [
            f"{json_path(err['loc'])}: {str(err['msg']).removeprefix('Value error, ')}"
            for err in exc.errors(include_url=False)
        ]
        raise PolicyError("invalid policy: " + "; ".join(problems), details=problems) from exc


def load_policy(path: Path | None = None) -> Policy:
    """The policy at `path`, or the shipped default."""
    source = path or DEFAULT_POLICY_FILE
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as exc:
        raise PolicyError(f"cannot read policy file {source}: {exc.strerror}") from exc
    return parse_policy(text)


def dump_policy(policy: Policy) -> str:
    return yaml.safe_dump(policy.model_dump(mode="json"), sort_keys=False, allow_unicode=True)
