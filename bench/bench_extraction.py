"""Extraction accuracy and speed, side by side with invoice2data in the same run.

Corpora: ../shared/corpus/invoice2data (its own goldens; fields both tools
produce), ../shared/corpus/zugferd (truth from the embedded EN 16931 XML;
fields its meta marks unverified are skipped) and, when the simulator can
render PDFs, simulator documents in layouts extraction development never saw.
Scoring: amounts and quantities equal at cent precision, dates and codes equal,
names and descriptions by normalised contains-match (SOURCE.md's advice), notes
whole (the model reads them: glued-on text changes a decision). A field whose
truth is null counts as correct only if we report it missing.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from triage.errors import ExtractionError
from triage.extraction import ExtractedDocument, extract_pdf

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("TRIAGE_CORPUS_DIR", ROOT.parent / "shared" / "corpus"))
NAME_FIELDS = {"issuer", "bill_to", "description", "technician"}
NUMBER_FIELDS = {
    "subtotal",
    "tax",
    "total",
    "tax_rate",
    "qty",
    "unit_price",
    "amount",
    "labor_hours",
    "travel_hours",
}
I2D_KEYS = {
    "invoice_number": "number",
    "date": "date",
    "issuer": "issuer",
    "amount": "total",
    "amount_untaxed": "subtotal",
    "amount_tax": "tax",
    "currency": "currency",
}


def norm(text: Any) -> str:
    plain = unicodedata.normalize("NFKD", str(text).lower())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def same(field: str, truth: Any, got: Any) -> bool:
    if field == "notes":  # whole: text glued on from a neighbouring block changes the reading
        return norm(truth or "") == norm(got or "")
    if truth is None:
        return got is None
    if got is None:
        return False
    if field in NAME_FIELDS:
        a, b = norm(truth), norm(got)
        return bool(a and b) and (a in b or b in a) and min(len(a), len(b)) >= 2
    if field in NUMBER_FIELDS or (isinstance(truth, (int, float)) and not isinstance(truth, bool)):
        try:
            return abs(float(truth) - float(got)) <= 0.0051
        except (TypeError, ValueError):
            return False
    if field in ("number", "po_number", "work_order_id", "sku"):
        return norm(truth).replace(" ", "") == norm(got).replace(" ", "")
    if field in ("reported_at", "arrived_at", "completed_at"):
        offset_ok = len(str(truth)) <= 19 or str(truth)[19:] == str(got)[19:]
        return str(truth)[:16] == str(got)[:16] and offset_ok
    return str(truth).strip() == str(got).strip()


class Tally:
    def __init__(self) -> None:
        self.by_field: dict[str, list[int]] = defaultdict(lambda: [0, 0])

    def add(self, field: str, ok: bool) -> None:
        self.by_field[field][0] += int(ok)
        self.by_field[field][1] += 1

    def rate(self, fields: Callable[[str], bool] = lambda f: True) -> tuple[int, int]:
        hits = sum(v[0] for k, v in self.by_field.items() if fields(k))
        total = sum(v[1] for k, v in self.by_field.items() if fields(k))
        return hits, total


def pct(hits: int, total: int) -> str:
    return f"{100 * hits / total:5.1f} % ({hits}/{total})" if total else "   n/a"


def ours(path: Path) -> tuple[ExtractedDocument | None, float, str]:
    start = time.perf_counter()
    try:
        doc = extract_pdf(path.read_bytes(), filename=path.name)
    except ExtractionError as exc:
        return None, time.perf_counter() - start, exc.code
    return doc, time.perf_counter() - start, ""


class Invoice2Data:
    """invoice2data with its own templates and its default pdftotext reader."""

    def __init__(self) -> None:
        self.ready = False
        self.reason = ""
        if shutil.which("pdftotext") is None:
            self.reason = "pdftotext not installed (run scripts/bench-setup.sh)"
            return
        try:
            from invoice2data import extract_data
            from invoice2data.extract.loader import read_templates
            from invoice2data.input import pdftotext
        except ImportError:
            self.reason = "invoice2data not installed (run scripts/bench-setup.sh)"
            return
        logging.getLogger("invoice2data").setLevel(logging.CRITICAL)
        self._extract = extract_data
        self._reader = pdftotext
        self._templates = read_templates()
        self.ready = True

    def run(self, path: Path) -> tuple[dict[str, Any], float]:
        start = time.perf_counter()
        try:
            result = self._extract(str(path), templates=self._templates, input_module=self._reader)
        except Exception:  # a peer's failure on one file is a miss, not a crash of the bench
            result = {}
        elapsed = time.perf_counter() - start
        out: dict[str, Any] = {}
        for key, value in (result or {}).items():
            if hasattr(value, "date") and hasattr(value, "isoformat"):
                value = value.date().isoformat()
            out[key] = value
        return out, elapsed


def _pages(doc: ExtractedDocument | None, fallback: int = 1) -> int:
    return doc.page_count if doc and doc.page_count else fallback


def bench_invoice2data_corpus(peer: Invoice2Data, times: dict[str, list[float]]) -> None:
    folder = CORPUS / "invoice2data"
    if not folder.is_dir():
        print(f"invoice2data corpus: not found at {folder}")
        return
    mine, theirs = Tally(), Tally()
    for golden_file in sorted(folder.glob("*.json")):
        golden = json.loads(golden_file.read_text())[0]
        pdf = golden_file.with_suffix(".pdf")
        doc, elapsed, error = ours(pdf)
        pages = _pages(doc)
        times["ours"].append(elapsed / pages)
        got = doc.to_case_fields() if doc else {}
        peer_out: dict[str, Any] = {}
        if peer.ready:
            peer_out, peer_elapsed = peer.run(pdf)
            times["invoice2data"].append(peer_elapsed / pages)
        for key, field in I2D_KEYS.items():
            if key not in golden:
                continue
            truth = golden[key]
            mine.add(field, same(field, truth, got.get(field)))
            if peer.ready:
                theirs.add(field, same(field, truth, peer_out.get(key)))
        if error:
            print(f"  {pdf.name}: ours failed with {error}")
    print(
        "invoice2data corpus (11 invoices, header fields both tools produce; theirs use templates)"
    )
    _side_by_side(mine, theirs, peer.ready)


def _side_by_side(mine: Tally, theirs: Tally, peer_ready: bool) -> None:
    for field in sorted(mine.by_field):
        h, t = mine.by_field[field]
        line = f"  {field:<12} triage {pct(h, t)}"
        if peer_ready:
            ph, pt = theirs.by_field[field]
            line += f"   invoice2data {pct(ph, pt)}"
        print(line)
    h, t = mine.rate()
    line = f"  {'ALL':<12} triage {pct(h, t)}"
    if peer_ready:
        line += f"   invoice2data {pct(*theirs.rate())}"
    print(line)


LINE_KEYS = ("description", "sku", "qty", "unit_price", "amount")


def _score_lines(
    truth_lines: list[dict[str, Any]],
    got_lines: list[dict[str, Any]],
    unverified: set[str],
    tally: Tally,
    misses: list[tuple[str, Any, Any]] | None = None,
    group: str = "lines",
) -> tuple[int, int]:
    """Lines are matched in order; a line is right when all its verified fields are right.
    With `misses`, every wrong field is appended to it as (`group[i].key`, got, truth)."""
    right = 0
    for index, truth in enumerate(truth_lines):
        got = got_lines[index] if index < len(got_lines) else {}
        ok_all = True
        for key in LINE_KEYS:
            if f"lines[{index}].{key}" in unverified or key not in truth:
                continue
            if key == "sku" and truth[key] is None:
                continue
            ok = same(key, truth[key], got.get(key))
            tally.add(f"line.{key}", ok)
            ok_all = ok_all and ok
            if not ok and misses is not None:
                misses.append((f"{group}[{index}].{key}", got.get(key), truth[key]))
        right += int(ok_all)
    return right, len(truth_lines)


def bench_zugferd(peer: Invoice2Data, times: dict[str, list[float]]) -> None:
    folder = CORPUS / "zugferd"
    if not (folder / "truth.jsonl").is_file():
        print(f"zugferd corpus: not found at {folder}")
        return
    meta = {m["file"]: m for m in map(json.loads, (folder / "meta.jsonl").read_text().splitlines())}
    mine, theirs, line_tally = Tally(), Tally(), Tally()
    lines_right = lines_total = extra_lines = 0
    for record in map(json.loads, (folder / "truth.jsonl").read_text().splitlines()):
        pdf = folder / "pdf" / record["file"]
        unverified = set(meta.get(record["file"], {}).get("unverified", []))
        doc, elapsed, error = ours(pdf)
        pages = _pages(doc, meta.get(record["file"], {}).get("pages", 1))
        times["ours"].append(elapsed / pages)
        got = doc.to_case_fields() if doc else {}
        peer_out: dict[str, Any] = {}
        if peer.ready:
            peer_out, peer_elapsed = peer.run(pdf)
            times["invoice2data"].append(peer_elapsed / pages)
        for field, truth in record["fields"].items():
            if field == "lines" or field in unverified:
                continue
            mine.add(field, same(field, truth, got.get(field)))
            if peer.ready:
                peer_key = {v: k for k, v in I2D_KEYS.items()}.get(field)
                if peer_key:
                    theirs.add(field, same(field, truth, peer_out.get(peer_key)))
        truth_lines = record["fields"].get("lines")
        if truth_lines:
            r, t = _score_lines(truth_lines, got.get("lines", []), unverified, line_tally)
            lines_right += r
            lines_total += t
            extra_lines += max(0, len(got.get("lines", [])) - t)
        if error:
            print(f"  {pdf.name}: ours failed with {error}")
        if os.environ.get("BENCH_VERBOSE"):
            bad = [
                f
                for f, tr in record["fields"].items()
                if f != "lines" and f not in unverified and not same(f, tr, got.get(f))
            ]
            if bad:
                print(
                    f"  {pdf.name}: "
                    + ", ".join(f"{f}={got.get(f)!r} want {record['fields'][f]!r}" for f in bad)
                )
    print(
        "zugferd corpus (59 invoices; truth from embedded EN 16931 XML; "
        "null truth must stay missing)"
    )
    _side_by_side(mine, theirs, peer.ready)
    print(
        f"  line items   triage {pct(lines_right, lines_total)}"
        f"   (extra lines reported: {extra_lines})"
    )
    for field in sorted(line_tally.by_field):
        print(f"    {field:<16} {pct(*line_tally.by_field[field])}")


def bench_simulator(times: dict[str, list[float]]) -> None:
    """Simulator PDFs; extraction development never looked at their layouts or renderer."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [
            sys.executable,
            "-m",
            "triage.cli",
            "simulate",
            "--n",
            "200",
            "--seed",
            "7",
            "--out",
            tmp,
            "--pdf-fraction",
            "1.0",
        ]
        triage_bin = Path(sys.executable).with_name("triage")
        if triage_bin.exists():
            cmd = [str(triage_bin), *cmd[3:]]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900, check=False)
        truth_file = Path(tmp) / "pdf_truth.jsonl"
        if proc.returncode != 0 or not truth_file.is_file():
            print(
                "simulator PDFs: not available yet (`triage simulate --pdf-fraction` failed): "
                + (proc.stderr.strip().splitlines() or ["no output"])[-1][:200]
            )
            return
        by_layout: dict[str, Tally] = defaultdict(Tally)
        overall, line_tally = Tally(), Tally()
        lines_right = lines_total = 0
        doc_type_right = doc_total = 0
        for record in map(json.loads, truth_file.read_text().splitlines()):
            pdf = Path(tmp) / "pdf" / Path(record["file"]).name
            if not pdf.exists():
                pdf = Path(tmp) / record["file"]
            doc, elapsed, _ = ours(pdf)
            times["ours_sim"].append(elapsed / _pages(doc))
            got = {**doc.to_case_fields(), **doc.values()} if doc else {}
            doc_total += 1
            doc_type_right += int(doc is not None and doc.doc_type == record.get("doc_type"))
            layout = str(record.get("layout", "?"))
            for field, truth in record["fields"].items():
                if field in ("lines", "parts"):
                    continue
                ok = same(field, truth, got.get(field))
                by_layout[layout].add(field, ok)
                overall.add(field, ok)
            for group in ("lines", "parts"):
                truth_lines = record["fields"].get(group)
                if truth_lines:
                    r, t = _score_lines(truth_lines, got.get(group, []), set(), line_tally)
                    lines_right += r
                    lines_total += t
        print(f"simulator PDFs ({doc_total} documents, unseen layouts)")
        print(f"  doc_type     {pct(doc_type_right, doc_total)}")
        for field in sorted(overall.by_field):
            print(f"  {field:<18} {pct(*overall.by_field[field])}")
        print(f"  {'ALL fields':<18} {pct(*overall.rate())}")
        for layout in sorted(by_layout):
            print(f"    layout {layout:<20} {pct(*by_layout[layout].rate())}")
        print(f"  line items / parts {pct(lines_right, lines_total)}")


def main() -> None:
    print("== bench_extraction: triage (template-free) vs invoice2data (templates, pdftotext) ==")
    peer = Invoice2Data()
    if not peer.ready:
        print(f"invoice2data: unavailable: {peer.reason}")
    times: dict[str, list[float]] = defaultdict(list)
    bench_invoice2data_corpus(peer, times)
    bench_zugferd(peer, times)
    bench_simulator(times)
    ours_median = statistics.median(times["ours"]) if times["ours"] else float("nan")
    print(f"median time per page, corpora: triage {1000 * ours_median:.1f} ms", end="")
    if times["invoice2data"]:
        theirs = statistics.median(times["invoice2data"])
        print(
            f", invoice2data {1000 * theirs:.1f} ms,"
            f" ratio triage/invoice2data {ours_median / theirs:.2f}"
        )
    else:
        print()
    if times["ours_sim"]:
        print(
            f"median time per page, simulator PDFs: triage "
            f"{1000 * statistics.median(times['ours_sim']):.1f} ms"
        )


if __name__ == "__main__":
    main()
