"""Hostile PDFs, generated here: each ends in a typed error within the limits, and the next good
file still extracts. Files that a PDF reader can legitimately repair (broken xref, bit flips) may
instead extract; what must never happen is a crash, a hang or an untyped exception.
"""

from __future__ import annotations

import os
import random
import resource
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from fpdf import FPDF

from triage.errors import ExtractionError
from triage.extraction import ExtractedDocument, Limits, extract_pdf

LIMITS = Limits(
    max_bytes=20 * 1024 * 1024, max_pages=50, timeout_seconds=10.0, memory_bytes=1024**3
)


def write_pdf(objects: list[bytes], root: int = 1, *, trailer_extra: bytes = b"") -> bytes:
    """A minimal PDF from object bodies (object i+1 is objects[i]) with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        trailer_extra,
        xref,
    )
    return bytes(out)


def stream(data: bytes, extra: bytes = b"", *, compress: bool = False) -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def page_doc(content: bytes, resources: bytes = b"<< >>", *, compress: bool = False) -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources "
        + resources
        + b" >>",
        stream(content, compress=compress),
    ]


def good_invoice() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    rows = [
        ("Invoice No.", "INV-2026-777"),
        ("Invoice Date", "2026-03-03"),
        ("Bill To", "Northwind Clinics GmbH"),
    ]
    pdf.cell(0, 8, "Acme Field Services GmbH", new_x="LMARGIN", new_y="NEXT")
    for label, value in rows:
        pdf.cell(40, 8, label)
        pdf.cell(0, 8, value, new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 8, "Total EUR 818.13", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def font_resources() -> bytes:
    return b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"


def hostile_cases() -> dict[str, Callable[[], bytes]]:
    rng = random.Random(7)
    good = good_invoice()

    def bit_flips() -> bytes:
        data = bytearray(good)
        for _ in range(200):
            data[rng.randrange(16, len(data))] ^= 1 << rng.randrange(8)
        return bytes(data)

    def broken_xref() -> bytes:
        data = good
        start = data.rfind(b"xref")
        return (
            data[:start]
            + b"xref\n0 9\nthis is not a table\ntrailer\n<< /Size 3 >>\nstartxref\n999999\n%%EOF\n"
        )

    def encrypted() -> bytes:
        pdf = FPDF()
        pdf.set_encryption(owner_password="owner", user_password="secret")
        pdf.add_page()
        pdf.set_font("Helvetica", size=12)
        pdf.cell(0, 10, "Invoice No. 1")
        return bytes(pdf.output())

    def zero_pages() -> bytes:
        return write_pdf(
            [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
        )

    def many_pages() -> bytes:
        kids = b" ".join(b"3 0 R" for _ in range(50_000))
        return write_pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [" + kids + b"] /Count 50000 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            ]
        )

    def inflation_bomb() -> bytes:
        compressor = zlib.compressobj(9)
        chunk = b"\x20" * (16 * 1024 * 1024)
        body = b"".join(compressor.compress(chunk) for _ in range(64)) + compressor.flush()
        return write_pdf(
            [
                *page_doc(b"")[:3],
                b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body)
                + body
                + b"\nendstream",
            ]
        )

    def many_drawings() -> bytes:
        return write_pdf(page_doc(b"0 0 1 1 re f\n" * 300_000, compress=True))

    def page_tree_loop() -> bytes:
        return write_pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 2 >>",
                b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 2 >>",
            ]
        )

    def self_xobject() -> bytes:
        return write_pdf(
            [
                *page_doc(b"/X0 Do", b"<< /XObject << /X0 5 0 R >> >>"),
                stream(
                    b"/X0 Do",
                    b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] "
                    b"/Resources << /XObject << /X0 5 0 R >> >>",
                ),
            ]
        )

    def javascript_only() -> bytes:
        return write_pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                stream(b""),
                b"<< /S /JavaScript /JS (while(true){app.alert('x')}) >>",
            ]
        )

    def huge_image() -> bytes:
        pixels = zlib.compress(b"\x00" * 1024, 9)
        return write_pdf(
            [
                *page_doc(b"q 595 0 0 842 0 0 cm /Im0 Do Q", b"<< /XObject << /Im0 5 0 R >> >>"),
                b"<< /Type /XObject /Subtype /Image /Width 200000 /Height 200000 "
                b"/ColorSpace /DeviceRGB "
                b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
                % len(pixels)
                + pixels
                + b"\nendstream",
            ]
        )

    def deep_nesting() -> bytes:
        return write_pdf([*page_doc(b""), b"[" * 200000 + b"]" * 200000])

    def xref_prev_loop() -> bytes:
        data = good
        start = int(data[data.rfind(b"startxref") + 9 :].split()[0])
        return data[: data.rfind(b"%%EOF")] + b"trailer\n<< /Prev %d /Size 1 >>\n%%%%EOF\n" % start

    def header_only() -> bytes:
        return b"%PDF-1.7\n%%EOF\n"

    def lying_length() -> bytes:
        return write_pdf(
            [*page_doc(b"")[:3], b"<< /Length 999999999999 >>\nstream\nBT ET\nendstream"]
        )

    def scanned_no_text() -> bytes:
        return write_pdf(page_doc(b"0 0 m 100 100 l S"))

    return {
        "empty": lambda: b"",
        "random_bytes": lambda: rng.randbytes(4096),
        "not_pdf_named_pdf": lambda: b"\x89PNG\r\n\x1a\n" + rng.randbytes(512),
        "html_named_pdf": lambda: b"<html><body>Invoice 42</body></html>" + b" " * 2000,
        "truncated": lambda: good[: len(good) // 3],
        "header_only": header_only,
        "broken_xref": broken_xref,
        "bit_flips": bit_flips,
        "encrypted_user_password": encrypted,
        "zero_pages": zero_pages,
        "fifty_thousand_pages": many_pages,
        "inflation_bomb_1gb": inflation_bomb,
        "300k_drawing_objects": many_drawings,
        "page_tree_loop": page_tree_loop,
        "self_referencing_xobject": self_xobject,
        "javascript_no_text": javascript_only,
        "huge_image": huge_image,
        "deep_nesting": deep_nesting,
        "xref_prev_loop": xref_prev_loop,
        "lying_stream_length": lying_length,
        "no_text_layer": scanned_no_text,
    }


EXPECTED_STATUS = {
    "empty": 415,
    "random_bytes": 415,
    "not_pdf_named_pdf": 415,
    "html_named_pdf": 415,
}
REPAIRABLE = {"broken_xref", "bit_flips", "truncated", "xref_prev_loop"}
CASES = hostile_cases()
ERROR_CODES = {
    "not_a_pdf",
    "encrypted",
    "corrupt",
    "too_many_pages",
    "too_slow",
    "too_large_in_memory",
    "no_text",
}


def _outcome(data: bytes, filename: str) -> ExtractedDocument | ExtractionError:
    try:
        return extract_pdf(data, limits=LIMITS, filename=filename)
    except ExtractionError as exc:
        return exc


@pytest.mark.parametrize("name", sorted(CASES))
def test_extract_hostile_file_fails_typed_within_limits(name: str, tmp_path: Path) -> None:
    data = CASES[name]()
    (tmp_path / f"{name}.pdf").write_bytes(data)
    start = time.monotonic()
    outcome = _outcome(data, f"{name}.pdf")
    if isinstance(outcome, ExtractionError):
        assert outcome.status_code == EXPECTED_STATUS.get(name, 422), outcome.message
        assert outcome.code in ERROR_CODES
        assert f"{name}.pdf" in outcome.message
    else:
        assert name in REPAIRABLE, f"{name} was accepted: {outcome.fields}"
    assert time.monotonic() - start < LIMITS.timeout_seconds + 3
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    assert children < LIMITS.memory_bytes * 1.1
    after = extract_pdf(good_invoice(), limits=LIMITS)
    assert after.fields["number"].value == "INV-2026-777"


def test_extract_encrypted_file_names_encryption() -> None:
    with pytest.raises(ExtractionError) as info:
        extract_pdf(CASES["encrypted_user_password"](), limits=LIMITS)
    assert info.value.code == "encrypted"


def test_extract_fifty_thousand_pages_refused_before_parsing() -> None:
    start = time.monotonic()
    with pytest.raises(ExtractionError) as info:
        extract_pdf(CASES["fifty_thousand_pages"](), limits=LIMITS)
    assert info.value.code == "too_many_pages"
    assert time.monotonic() - start < 5


def test_extract_oversized_upload_is_413() -> None:
    with pytest.raises(ExtractionError) as info:
        extract_pdf(good_invoice(), limits=Limits(max_bytes=1024))
    assert info.value.status_code == 413


def test_extract_slow_file_is_killed_and_pool_recovers() -> None:
    slow = Limits(timeout_seconds=0.001)
    with pytest.raises(ExtractionError) as info:
        extract_pdf(CASES["300k_drawing_objects"](), limits=slow)
    assert info.value.code == "too_slow"
    assert extract_pdf(good_invoice(), limits=LIMITS).doc_type == "invoice"


def test_extract_memory_bomb_stays_under_small_limit() -> None:
    small = Limits(memory_bytes=256 * 1024 * 1024)
    with pytest.raises(ExtractionError) as info:
        extract_pdf(CASES["inflation_bomb_1gb"](), limits=small)
    assert info.value.status_code == 422
    assert info.value.code == "too_large_in_memory"
    assert extract_pdf(good_invoice(), limits=LIMITS).fields["total"].value == 818.13


def test_extract_no_text_layer_is_named() -> None:
    with pytest.raises(ExtractionError) as info:
        extract_pdf(CASES["no_text_layer"](), limits=LIMITS)
    assert info.value.code == "no_text"
    assert os.path.basename(__file__)
