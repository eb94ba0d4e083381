"""The notebooks run top to bottom against the shipped bundle on a small sample."""

from __future__ import annotations

import os

import nbformat
import pytest
from nbclient import NotebookClient

from triage.config import PROJECT_DIR

NOTEBOOKS = sorted((PROJECT_DIR / "notebooks").glob("*.ipynb"))


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes_without_error(path: os.PathLike[str]) -> None:
    nb = nbformat.read(path, as_version=4)
    os.environ["TRIAGE_NB_SAMPLE"] = "150"
    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(PROJECT_DIR)}}
    )
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert len(outputs) >= 4


def test_notebooks_exist() -> None:
    assert [p.name for p in NOTEBOOKS] == ["01-error-analysis.ipynb", "02-thresholds.ipynb"]
