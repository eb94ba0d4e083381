"""The simulator is deterministic for a seed across processes, whatever the hash seed."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import hashlib, json
from triage.simulate import generate
blob = json.dumps([(c.case, c.label) for c in generate(200, 11)], sort_keys=True, default=str)
print(hashlib.sha256(blob.encode()).hexdigest())
"""


def _digest(hash_seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, check=True, capture_output=True, text=True
    )
    return out.stdout.strip()


def test_generate_same_seed_same_cases_under_different_hash_seeds() -> None:
    digests = {_digest(seed) for seed in ("1", "2", "3")}
    assert len(digests) == 1
