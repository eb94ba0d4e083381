"""The case simulator: labelled §2 cases and PDFs for training, tests and demos."""

from triage.simulate.dataset import write_dataset
from triage.simulate.generator import SimulatedCase, derive_labels, generate
from triage.simulate.phrases import PHRASE_PARTITIONS

__all__ = ["PHRASE_PARTITIONS", "SimulatedCase", "derive_labels", "generate", "write_dataset"]
