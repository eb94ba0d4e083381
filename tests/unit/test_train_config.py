"""Training configs: an experiment extends the default and states only what it changes."""

from __future__ import annotations

from pathlib import Path

from training.train import load_config

CONFIGS = Path(__file__).resolve().parents[2] / "training" / "configs"


def test_the_paraphrase_experiment_is_the_default_with_paraphrases() -> None:
    default = load_config(CONFIGS / "default.yaml")
    experiment = load_config(CONFIGS / "paraphrases.yaml")
    assert default["data"]["paraphrased_sentences"] == 0
    assert experiment["data"]["paraphrased_sentences"] == 6000
    assert experiment["output_dir"] == "models/paraphrases"
    changed = {k for k in default["data"] if default["data"][k] != experiment["data"][k]}
    assert changed == {"paraphrased_sentences"}
    rest = {k: v for k, v in experiment.items() if k not in ("data", "output_dir")}
    assert rest == {k: v for k, v in default.items() if k not in ("data", "output_dir")}
    assert "extends" not in experiment


def test_extends_merges_nested_keys_and_chains(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("seed: 1\nmodel:\n  rounds: 10\n  params: {lr: 0.1}\n")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\nmodel:\n  params: {lr: 0.2}\n")
    (tmp_path / "c.yaml").write_text("extends: b.yaml\nseed: 3\n")
    assert load_config(tmp_path / "c.yaml") == {
        "seed": 3,
        "model": {"rounds": 10, "params": {"lr": 0.2}},
    }


def test_the_encoder_experiment_is_the_default_with_a_tuned_encoder() -> None:
    default = load_config(CONFIGS / "default.yaml")
    experiment = load_config(CONFIGS / "encoder_lora.yaml")
    # the default leaves the key out, so `make train` still writes the shipped metadata
    assert "encoder_tuning" not in default
    assert experiment["encoder_tuning"]["steps"] == 550
    assert experiment["output_dir"] == "models/encoder_lora"
    rest = {k: v for k, v in experiment.items() if k not in ("encoder_tuning", "output_dir")}
    assert rest == {k: v for k, v in default.items() if k != "output_dir"}
