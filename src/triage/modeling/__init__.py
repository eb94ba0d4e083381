"""Estimators, calibration, conformal sets, certification, explanations and the model bundle."""

from triage.modeling.baseline import RulesPredictor
from triage.modeling.bundle import BundlePredictor, TriageModel, load_predictor
from triage.modeling.predictor import ModelOutput, Predictor

__all__ = [
    "BundlePredictor",
    "ModelOutput",
    "Predictor",
    "RulesPredictor",
    "TriageModel",
    "load_predictor",
]
