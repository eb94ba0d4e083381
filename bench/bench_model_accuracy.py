"""Accuracy of the shipped bundle on a seed and wording partition never used in training,
beside the rules-only baseline (issue 2 §5) and the same model on training wordings."""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")

N_TEST = int(os.environ.get("BENCH_ACCURACY_N", "3000"))
N_SEEN = int(os.environ.get("BENCH_ACCURACY_SEEN_N", "1500"))
SEED = 915_001  # never used by training/configs/default.yaml

TARGETS = (
    ("macro_f1", ">=", 0.97),
    ("billable_roc_auc", ">=", 0.99),
    ("top_label_ece", "<=", 0.02),
    ("automation_rate", ">=", 0.90),
    ("error_among_auto", "<=", 0.01),
)


def main() -> None:
    from training.data import labelled, make_split, simulated
    from training.evaluation import evaluate_model, evaluate_rules

    from triage.config import get_settings
    from triage.features.embedding import get_embedder
    from triage.modeling.bundle import TriageModel
    from triage.policy import load_policy

    model = TriageModel.load(get_settings().model_dir)
    policy = load_policy(None)
    embedder = get_embedder("onnx", model.adapter)
    unseen = make_split("unseen", simulated(N_TEST, SEED, "test"))
    seen = make_split("seen", simulated(N_SEEN, SEED + 1, "train_fit"))  # the heads read these
    reports = {}
    for split in (unseen, seen):
        x = model.matrix(labelled(split, embedder).features)
        reports[split.name] = evaluate_model(model, x, split, policy)
    rules = evaluate_rules(unseen, policy)
    r = reports["unseen"]
    print(f"model {model.version}; {N_TEST} cases, seed {SEED}, unseen wordings")
    print(f"{'metric':<24}{'model':>10}{'rules':>10}   target")
    for key, op, target in TARGETS:
        value, base = r.get(key), rules.get(key)
        ok = value is not None and (value >= target if op == ">=" else value <= target)
        print(
            f"{key:<24}{value if value is not None else float('nan'):>10.4f}"
            f"{base if base is not None else float('nan'):>10.4f}   {op} {target}"
            f"  {'ok' if ok else 'MISSED'}"
        )
    alpha = policy.conformal_alpha
    cov = r["conformal_coverage"]
    print(
        f"{'conformal_coverage':<24}{cov:>10.4f}{'':>10}   1-alpha={1 - alpha:.2f} +/- 0.01"
        f"  {'ok' if abs(cov - (1 - alpha)) <= 0.01 else 'MISSED'}"
    )
    print(f"{'conformal_mean_set_size':<24}{r['conformal_mean_set_size']:>10.4f}")
    gap = (reports["seen"]["macro_f1"] - r["macro_f1"]) * 100
    print(
        f"seen-wording macro-F1 {reports['seen']['macro_f1']:.4f}; gap {gap:.2f} points "
        f"(target <= 2)  {'ok' if gap <= 2 else 'MISSED'}"
    )
    print("per-class F1 (model / rules):")
    for label, f1 in r["per_class_f1"].items():
        print(f"  {label:<20}{f1:.3f} / {rules['per_class_f1'].get(label, 0.0):.3f}")
    print(f"rules baseline (triage score --baseline rules) macro-F1: {rules['macro_f1']:.4f}")
    cert = model.certification
    print(
        f"certificate: certified={cert.certified} threshold={cert.threshold} "
        f"bound={cert.error_upper_bound} automation(cal)={cert.automation_rate} "
        f"n={cert.n_calibration}"
    )


if __name__ == "__main__":
    main()
