"""Simulator speed: cases/s of generate() and write_dataset(), PDFs/s, 100k extrapolated."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from triage.simulate import generate, write_dataset
from triage.simulate.pdf import render_invoice, render_report

N = 20_000
N_PDF = 10


def main() -> None:
    started, cpu = time.perf_counter(), time.process_time()
    count = sum(1 for _ in generate(N, 1))
    gen_s, gen_cpu = time.perf_counter() - started, time.process_time() - cpu
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        write_dataset(Path(tmp), N, 2)
        write_s = time.perf_counter() - started
    cases = [s.case for s in generate(N_PDF, 3)]
    started = time.perf_counter()
    for case in cases:
        render_invoice(case, "de_table")
        render_report(case, "en_form")
    pdf_s = time.perf_counter() - started
    print(f"simulate.generate: {count / gen_s:,.0f} cases/s ({N} in {gen_s:.1f} s)")
    print(f"simulate.generate: 100000 cases extrapolated {gen_s * 100_000 / N:.1f} s (target < 60)")
    print(f"simulate.generate: 100000 cases extrapolated {gen_cpu * 100_000 / N:.1f} s CPU time")
    print(f"simulate.write_dataset: {N / write_s:,.0f} cases/s ({N} in {write_s:.1f} s)")
    print(f"simulate.write_dataset: 100000 cases extrapolated {write_s * 100_000 / N:.1f} s")
    print(f"simulate.pdf: {N_PDF / pdf_s:.1f} case PDF pairs/s (invoice + report)")


if __name__ == "__main__":
    main()
