"""Extraction accuracy on independently designed PDF layouts.

Renders the service report and the invoice of each of the 75 hand-written cases
in ``bench/independent/cases.jsonl`` twice: with ``bench/independent/layouts.py``
(thirteen issuer layouts drawn with fpdf2: US, UK, German/Austrian, Swiss, French,
Dutch) and with ``bench/independent/html_layouts.py`` (eight layouts written as
HTML and CSS, as billing and field-service software prints them, and printed to
PDF by headless Chromium: a different producer, with its own text runs), and with
``bench/independent/office_layouts.py`` (eleven layouts written as word-processor
documents with python-docx, as small firms make them in Word or Writer: tab-stop
columns, nested and merged table cells, letterheads in page headers, a Swiss QR-bill
page, printed to PDF by LibreOffice, a third producer), and with
``bench/independent/pdfmake_layouts.py`` (eight layouts as web and mobile billing and
field-service apps print them with pdfmake, a fourth producer), and with
``bench/independent/sheet_layouts.py`` (eight spreadsheet templates, openpyxl, printed by
LibreOffice Calc: bordered grids, empty numbered rows, labels a column apart), and with
``bench/independent/typst_layouts.py`` (eight layouts typeset with the Typst compiler, a
sixth producer: kerning, ligatures, justified notes, ``table``/``grid`` layouts; a DIN 5008
Rechnung, a French facture, a Dutch factuur, a US service ticket, a two-page German
Einsatzbericht). ``bench/independent/reportlab_layouts.py`` adds eight layouts drawn with
ReportLab, a seventh producer, as Python ERPs and billing apps print them: platypus tables
that repeat their header over page breaks and canvas forms at fixed coordinates (an SAP-style
Rechnung, a Swiss QR-bill, a two-page utility-style bill, a US work order, a UK job sheet with
tick boxes). ``bench/independent/wkhtml_layouts.py`` adds nine layouts written as HTML and
CSS and printed by wkhtmltopdf (Qt WebKit), an eighth producer, as Odoo, PHP shop plugins and
Django ERPs print them: tables and floats, in-page footers, inline SVG icons and PNG signatures
(Odoo invoice and worksheet, WooCommerce bill, Handwerker Rechnung, French devis-facture, Dutch
factuur, mobile work-order export, time sheet). Each has its own label wording, date, time,
number and currency styles.
All were designed from DOMAIN.md and real issuers' conventions alone, by people who never
looked at the extractor or at the team's simulator renderer, so this measures how
extraction generalises to layouts nobody on the team designed.

Prints accuracy per field (invoice and report separately), per layout, over all
fields, line items / report parts (plus invoice line ``kind`` on its own), and the
median extraction time per page.
Scoring reuses ``bench_extraction.same``: amounts at cent precision, dates and
codes equal, names by normalised contains-match, notes whole (normalised), timestamps to the
minute (and the offset when the layout prints a time zone); a field whose truth
is null must be reported missing. Also counted: parts or lines reported where the
document has none (invented), and matched descriptions that swallowed neighbouring
text, which the contains-match alone would hide. ``BENCH_VERBOSE=1`` prints every miss.
"""

from __future__ import annotations

import os
import statistics
import tempfile
from collections import defaultdict
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from bench.bench_extraction import Tally, _pages, _score_lines, norm, ours, pct, same

BLEED_CHARS = 15  # a matched description this much longer than the truth swallowed other text


def _bled(truth: dict[str, Any], got: dict[str, Any]) -> bool:
    """The contains-match accepted a description that also holds neighbouring text."""
    want, have = norm(truth.get("description") or ""), norm(got.get("description") or "")
    return bool(want) and want in have and len(have) > len(want) + BLEED_CHARS


def main() -> None:
    from bench.independent import (
        html_layouts,
        layouts,
        pdfmake_layouts,
        reportlab_layouts,
        sheet_layouts,
        typst_layouts,
        wkhtml_layouts,
    )
    from bench.independent.soffice import find_soffice

    verbose = bool(os.environ.get("BENCH_VERBOSE"))
    for title, render, ready in (
        ("independent PDF layouts (fpdf2)", layouts.render_all, True),
        ("independent HTML layouts printed by Chromium", html_layouts.render_all, True),
        (
            "independent word-processor layouts printed by LibreOffice",
            _render_office,
            find_spec("docx") is not None and find_soffice() is not None,
        ),
        (
            "independent web-app layouts printed by pdfmake",
            pdfmake_layouts.render_all,
            pdfmake_layouts.available(),
        ),
        (
            "independent spreadsheet layouts printed by LibreOffice Calc",
            sheet_layouts.render_all,
            sheet_layouts.available(),
        ),
        (
            "independent typeset layouts (Typst)",
            typst_layouts.render_all,
            typst_layouts.available(),
        ),
        (
            "independent layouts drawn with ReportLab",
            reportlab_layouts.render_all,
            reportlab_layouts.available(),
        ),
        (
            "independent HTML layouts printed by wkhtmltopdf",
            wkhtml_layouts.render_all,
            wkhtml_layouts.available(),
        ),
    ):
        if not ready:
            print(f"== {title}: skipped, its renderer is missing (scripts/bench-setup.sh) ==")
            continue
        with tempfile.TemporaryDirectory(prefix="independent_pdfs_") as tmp:
            _report(title, render(Path(tmp)), Path(tmp), verbose)


def _render_office(out_dir: Path) -> list[dict[str, Any]]:
    """The word-processor family, imported only where python-docx is installed."""
    from bench.independent import office_layouts

    return office_layouts.render_all(out_dir)


def _report(title: str, records: list[dict[str, Any]], folder: Path, verbose: bool) -> None:
    by_doc: dict[str, Tally] = defaultdict(Tally)
    by_layout: dict[str, Tally] = defaultdict(Tally)
    line_tally, kind_tally = Tally(), Tally()
    # right, total, extra or invented, matched descriptions that swallowed other text
    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    layout_lines: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    overall = Tally()
    times: list[float] = []
    doc_type_right = 0
    failures: list[str] = []
    misses: list[tuple[str, str, Any, Any]] = []
    for record in records:
        pdf = folder / record["file"]
        doc, elapsed, error = ours(pdf)
        times.append(elapsed / _pages(doc))
        if error:
            failures.append(f"{record['file']}: {error}")
        got: dict[str, Any] = {**doc.to_case_fields(), **doc.values()} if doc else {}
        doc_type_right += int(doc is not None and doc.doc_type == record["doc_type"])
        layout = record["layout"]
        for field, truth in record["fields"].items():
            if field in ("lines", "parts"):
                continue
            ok = same(field, truth, got.get(field))
            by_doc[record["doc_type"]].add(field, ok)
            by_layout[layout].add(field, ok)
            overall.add(field, ok)
            if not ok:
                misses.append((record["file"], field, got.get(field), truth))
        for group in ("lines", "parts"):
            if group not in record["fields"]:
                continue
            truth_lines = record["fields"][group]
            got_lines = got.get(group) or []
            found: list[tuple[str, Any, Any]] = []
            right, total = _score_lines(truth_lines, got_lines, set(), line_tally, found, group)
            groups[group][0] += right
            groups[group][1] += total
            groups[group][2] += max(0, len(got_lines) - total)
            layout_lines[layout][0] += right
            layout_lines[layout][1] += total
            for index, truth_line in enumerate(truth_lines):
                got_line = got_lines[index] if index < len(got_lines) else {}
                if "kind" in truth_line:  # not part of _score_lines; reported on its own
                    ok = got_line.get("kind") == truth_line["kind"]
                    kind_tally.add("line.kind", ok)
                    if not ok:
                        found.append(
                            (f"{group}[{index}].kind", got_line.get("kind"), truth_line["kind"])
                        )
                if _bled(truth_line, got_line):
                    groups[group][3] += 1
            # lines or parts beyond the truth: invented (all of them where there is none)
            found += [
                (f"{group}[{index}] (extra)", got_lines[index], None)
                for index in range(len(truth_lines), len(got_lines))
            ]
            misses += [(record["file"], *miss) for miss in found]

    cases = len({r["case_id"] for r in records})
    print(f"== {title}: {len(records)} documents from {cases} hand-written cases ==")
    print(f"  doc_type           {pct(doc_type_right, len(records))}")
    for doc_type in ("invoice", "service_report"):
        print(f"  {doc_type} fields")
        tally = by_doc[doc_type]
        for field in sorted(tally.by_field):
            print(f"    {field:<18} {pct(*tally.by_field[field])}")
    print(f"  {'ALL fields':<20} {pct(*overall.rate())}")
    for group, label in (("lines", "invoice lines"), ("parts", "report parts")):
        right, total, extra, bled = groups[group]
        print(f"  {label:<20} {pct(right, total)}   (extra or invented reported: {extra})")
        print(
            f"    {bled}/{total} descriptions pass the contains-match while holding"
            f" {BLEED_CHARS}+ extra characters (text swallowed from below, e.g. the notes)"
        )
    print("  line / part fields")
    for field in sorted(line_tally.by_field):
        print(f"    {field:<18} {pct(*line_tally.by_field[field])}")
    print(f"    {'line.kind':<18} {pct(*kind_tally.rate())}   (not in the line-item rate)")
    print("  per layout (fields | lines or parts)")
    for layout in sorted(by_layout):
        n_docs = sum(1 for r in records if r["layout"] == layout)
        print(
            f"    {layout:<20} {n_docs:>3} docs  {pct(*by_layout[layout].rate())}"
            f"  | {pct(*layout_lines[layout])}"
        )
    median = 1000 * statistics.median(times) if times else float("nan")
    print(f"  median time per page: {median:.1f} ms (max {1000 * max(times, default=0):.1f} ms)")
    for failure in failures:
        print(f"  extraction failed: {failure}")
    if verbose:
        print(f"  misses ({len(misses)}):")
        for file, field, value, want in misses:
            print(f"    {file}  {field}: got {value!r} want {want!r}")


if __name__ == "__main__":
    main()
