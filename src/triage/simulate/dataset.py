"""`write_dataset`: cases, labels and a fraction of rendered PDFs with their printed truth."""

from __future__ import annotations

import json
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from triage.simulate.generator import generate
from triage.simulate.pdf import (
    INVOICE_LAYOUTS,
    REPORT_LAYOUTS,
    invoice_truth,
    render_invoice,
    render_report,
    report_truth,
)


def _dump(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_dataset(
    out: Path,
    n: int,
    seed: int,
    *,
    pdf_fraction: float = 0.0,
    mix: dict[str, float] | None = None,
    partition: str | None = None,
    label_noise: float = 0.0,
    layouts: Sequence[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Write out/cases.jsonl, out/labels.jsonl and, for `pdf_fraction` of cases, PDFs + truth."""
    if not 0.0 <= pdf_fraction <= 1.0:
        raise ValueError("pdf_fraction must be within [0, 1]")
    chosen = list(layouts or ())
    unknown = [name for name in chosen if name not in INVOICE_LAYOUTS + REPORT_LAYOUTS]
    if unknown:
        raise ValueError(f"unknown layouts {unknown}; known: {INVOICE_LAYOUTS + REPORT_LAYOUTS}")
    inv_layouts = [x for x in chosen if x in INVOICE_LAYOUTS] or list(INVOICE_LAYOUTS)
    rep_layouts = [x for x in chosen if x in REPORT_LAYOUTS] or list(REPORT_LAYOUTS)
    out.mkdir(parents=True, exist_ok=True)
    pdf_dir = out / "pdf"
    pick = random.Random(f"pdf:{seed}")
    started = time.perf_counter()
    labels: Counter[str] = Counter()
    billable: Counter[bool] = Counter()
    workflows: Counter[str] = Counter()
    pdf_cases = 0
    with (
        (out / "cases.jsonl").open("w", encoding="utf-8") as cases_f,
        (out / "labels.jsonl").open("w", encoding="utf-8") as labels_f,
        (out / "pdf_truth.jsonl").open("w", encoding="utf-8") as truth_f,
    ):
        for i, sim in enumerate(
            generate(n, seed, mix=mix, partition=partition, label_noise=label_noise), start=1
        ):
            cases_f.write(_dump(sim.case))
            labels_f.write(_dump(sim.label))
            labels[sim.label["exception"]] += 1
            billable[sim.label["billable"]] += 1
            workflows[sim.case["workflow"]] += 1
            if pdf_fraction > 0 and pick.random() < pdf_fraction:
                pdf_dir.mkdir(exist_ok=True)
                case_id = sim.case["case_id"]
                rep_layout = pick.choice(rep_layouts)
                inv_layout = pick.choice(inv_layouts)
                (pdf_dir / f"{case_id}.report.pdf").write_bytes(render_report(sim.case, rep_layout))
                (pdf_dir / f"{case_id}.invoice.pdf").write_bytes(
                    render_invoice(sim.case, inv_layout)
                )
                for file, doc_type, layout, fields in (
                    (f"pdf/{case_id}.report.pdf", "service_report", rep_layout, report_truth),
                    (f"pdf/{case_id}.invoice.pdf", "invoice", inv_layout, invoice_truth),
                ):
                    truth = {
                        "file": file,
                        "case_id": case_id,
                        "doc_type": doc_type,
                        "layout": layout,
                        "fields": fields(sim.case),
                    }
                    truth_f.write(_dump(truth))
                pdf_cases += 1
            if progress is not None:
                progress(i)
    return {
        "out": str(out),
        "n": n,
        "seed": seed,
        "partition": partition,
        "label_noise": label_noise,
        "labels": dict(sorted(labels.items())),
        "billable": {str(k).lower(): v for k, v in sorted(billable.items())},
        "workflows": dict(sorted(workflows.items())),
        "pdf_cases": pdf_cases,
        "seconds": round(time.perf_counter() - started, 2),
    }
