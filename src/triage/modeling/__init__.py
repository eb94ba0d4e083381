"""Estimators, calibration, conformal sets, certification, explanations and the model bundle.

Import the submodules (`triage.modeling.bundle`, `.predictor`, ...): the package itself
imports nothing, so a service worker that only talks to its model process never loads
numpy, SciPy or LightGBM.
"""
