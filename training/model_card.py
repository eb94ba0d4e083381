"""MODEL_CARD.md for a bundle, written from its metadata so it never drifts from the model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from triage.domain.vocab import EXCEPTION_LABELS
from triage.modeling.bundle import TriageModel


def _fmt(v: Any) -> str:
    return f"{v:.4f}" if isinstance(v, float) else str(v)


def write_model_card(directory: Path, model: TriageModel) -> None:
    md = model.metadata
    m = md.get("metrics", {})
    cert = model.certification
    test = md.get("report", {}).get("test", {})
    f1 = test.get("per_class_f1", {})
    paraphrased = int(md.get("config", {}).get("data", {}).get("paraphrased_sentences", 0))
    sources = (
        f"compositional sentences and {paraphrased} free paraphrases (training only)"
        if paraphrased
        else "compositional sentences"
    )
    lines = [
        f"# Model card: {model.version}",
        "",
        "Exception label (10 classes, DOMAIN.md §3.1) and billability (§3.2) for",
        "service-to-billing cases. LightGBM boosters over reconciliation evidence, note and",
        "dispute embeddings (all-MiniLM-L6-v2, ONNX int8) reduced to prototype similarities",
        "and text-fact probabilities: a note-level head, and two sentence-level heads (one on",
        "sentence embeddings, one on hashed character 3-5-grams for abbreviations, typos and",
        f"other languages) trained on single phrase-bank sentences and {sources}, applied to",
        "every sentence of a note and max-pooled; the boosters read out-of-fold fact",
        "probabilities from heads that never saw the case's wordings, and DOMAIN's rules that",
        "turn on the notes (the billable cascade, warranty coverage, out of scope, missing",
        "evidence) computed from each head's facts and the case's fields. Temperature / Platt",
        "calibration on held-out wordings;",
        "class-conditional split-conformal p-values; a Learn-then-Test certificate",
        "(fixed-sequence) for the auto-continue threshold.",
        *(
            [
                f"The encoder carries a rank-{model.adapter.rank} LoRA adapter "
                f"`{model.adapter.digest}`, tuned on the fact sentences (`training/encoder.py`).",
            ]
            if model.adapter
            else []
        ),
        "",
        "## Data",
        f"- training data digest: `{md.get('training_data_digest')}`",
        f"- calibration data digest: `{md.get('calibration_data_digest')}`",
        f"- n train {md.get('n_train')}, calibration map {md.get('n_calibration_map')}, "
        f"conformal/certificate {md.get('n_calibration_conformal')}",
        "- simulated cases (`triage.simulate`); test on a different seed **and** the held-out",
        "  wording partition; a second test set uses training wordings to measure the gap.",
        "",
        "## Certificate",
        f"- certified: **{cert.certified}**, threshold {_fmt(cert.threshold)} on",
        "  min(exception confidence, billable confidence)",
        f"- target error {cert.target_error:.2%} at {1 - cert.delta:.0%} confidence; "
        f"upper bound {_fmt(cert.error_upper_bound)}, empirical {_fmt(cert.empirical_error)}",
        f"- automation rate on calibration {_fmt(cert.automation_rate)}, n = {cert.n_calibration}",
        "",
        "## Test figures (unseen seed and wordings, default policy)",
        "",
        "| metric | value |",
        "|---|---|",
        *(f"| {k} | {_fmt(v)} |" for k, v in sorted(m.items())),
        "",
        "Per-class F1 (test): "
        + ", ".join(f"{k} {f1[k]:.3f}" for k in EXCEPTION_LABELS if k in f1),
        "",
        "## Limits",
        "- Trained on simulated wording; real notes with unfamiliar jargon may score lower.",
        "  The certificate holds for cases like the calibration data (held-out training",
        "  wordings); it does not transfer to a different population without recalibration.",
        "- Rules 2, 4, 5 and billable 1-4 depend on what the notes mean: the fact heads are",
        "  one-hidden-layer networks on sentence embeddings; negations, sarcasm and facts",
        "  spread over several sentences are the weak spot.",
        "- The simulated notes are English, German and French; the sentence heads also learn",
        "  Dutch from compositional sentences (NL customers). Other languages (Italian,",
        "  Spanish, Polish from multinational customers) are read through the multilingual",
        "  overlap of the encoder and character n-grams only: 1 of the 6 such notes of the",
        "  second independent set (`bench/bench_independent.py`) was misread.",
        "- Not for use without the policy layer: low-confidence cases must go to review.",
        "",
        f"Versions: {md.get('versions')}",
        "",
    ]
    (directory / "MODEL_CARD.md").write_text("\n".join(lines))
