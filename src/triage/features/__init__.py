"""Reconciliation evidence + text embeddings -> the feature matrix."""

from triage.features.build import STRUCTURED_NAMES, CaseFeatures, build_features
from triage.features.embedding import CachedEmbedder, TextEmbedder, get_embedder

__all__ = [
    "STRUCTURED_NAMES",
    "CachedEmbedder",
    "CaseFeatures",
    "TextEmbedder",
    "build_features",
    "get_embedder",
]
