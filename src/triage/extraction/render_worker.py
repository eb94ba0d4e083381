"""Render one page of a stored PDF to PNG, in a child process the caller can kill.

Run as ``python -I render_worker.py`` (by path, not ``-m``): it imports only
pypdfium2 and Pillow, never the triage package, so a child starts in a fraction
of a second. Protocol: one JSON header line on stdin (``size``, ``page`` 0-based,
``scale``, ``memory_bytes``), then the PDF bytes; the PNG on stdout and exit 0,
or a one-line reason on stderr and exit 2. The caller enforces the time limit;
the address-space limit is set here before the PDF is opened.
"""

from __future__ import annotations

import io
import json
import resource
import sys

import pypdfium2 as pdfium

EXIT_UNREADABLE = 2


def render_png(data: bytes, page_index: int, scale: float) -> bytes:
    """The page as an RGB PNG of ceil(width × scale) × ceil(height × scale) pixels."""
    document = pdfium.PdfDocument(data)
    try:
        if not 0 <= page_index < len(document):
            raise ValueError(f"no page {page_index + 1} in a {len(document)}-page PDF")
        page = document[page_index]
        try:
            bitmap = page.render(scale=scale)
            try:
                out = io.BytesIO()
                bitmap.to_pil().save(out, format="PNG", compress_level=6)
            finally:
                bitmap.close()
        finally:
            page.close()
    finally:
        document.close()
    return out.getvalue()


def main() -> int:
    stdin = sys.stdin.buffer
    job = json.loads(stdin.readline())
    data = stdin.read(int(job["size"]))
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    memory = int(job["memory_bytes"])
    limit = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        png = render_png(data, int(job["page"]), float(job["scale"]))
    except Exception as exc:  # an untrusted file: every failure is the file's
        sys.stderr.write(f"{type(exc).__name__}: {exc}"[:500] + "\n")
        return EXIT_UNREADABLE
    sys.stdout.buffer.write(png)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
