"""What a `triage serve` worker imports: its start time and resident memory are mostly the
libraries it loads (issue 4 §7: ready <= 3 s, <= 400 MB per worker), so the ones it never
uses must stay out."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from triage.config import PROJECT_DIR

BUNDLE = PROJECT_DIR / "models" / "default"
# training, notebooks, reports and the simulator's PDFs; never the scoring service
NOT_SERVING = (
    "pandas",
    "pyarrow",
    "sklearn",
    "torch",
    "transformers",
    "sentence_transformers",
    "mlflow",
    "pyspark",
    "fpdf",
    "fontTools",
    "scipy.stats",
    "scipy.optimize",
)

MODEL_LIBRARIES = ("numpy", "scipy", "lightgbm", "onnxruntime", "tokenizers")


def _loaded_after(code: str) -> dict[str, object]:
    """Run `code` in a fresh interpreter; report which NOT_SERVING modules it loaded."""
    probe = textwrap.dedent(code) + textwrap.dedent(f"""
        import json, sys
        print(json.dumps({{
            "loaded": [m for m in {NOT_SERVING!r} if sys.modules.get(m) is not None],
            "hidden_left": [m for m, v in sys.modules.items() if v is None],
        }}))
    """)
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=300, check=True
    )
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def test_the_cli_and_the_app_import_nothing_the_service_does_not_use() -> None:
    report = _loaded_after("""
        import triage.cli
        import triage.api.app
    """)
    assert report["loaded"] == []


def test_a_worker_leaves_the_model_libraries_to_its_model_process(tmp_path: Path) -> None:
    """With the model in a process of its own, a worker needs no numpy, LightGBM or ONNX
    Runtime: ~100 MB less per worker than one that loads them too."""
    report = _loaded_after(f"""
        import os, sys
        os.environ["TRIAGE_DATABASE_URL"] = "sqlite:///{tmp_path}/t.db"
        from triage.api.entry import app_from_env
        app_from_env()
        assert [m for m in {MODEL_LIBRARIES!r} if m in sys.modules] == []
    """)
    assert report["loaded"] == []


@pytest.mark.slow
def test_the_model_process_loads_and_warms_the_bundle_without_training_libraries() -> None:
    """`load_bundle` (what the model process runs) hides LightGBM's scikit-learn/pandas
    integrations while it imports LightGBM; the bundle then loads, predicts a warm-up and
    leaves no hidden module behind."""
    report = _loaded_after(f"""
        from pathlib import Path
        from triage.modeling.process import load_bundle
        predictor = load_bundle(Path({str(BUNDLE)!r}), "onnx")
        predictor.warm_up()
        facts = predictor.model.facts
        assert facts.chars.predict(["warm-up"]).shape == (1, len(facts.facts))
    """)
    assert report == {"loaded": [], "hidden_left": []}
