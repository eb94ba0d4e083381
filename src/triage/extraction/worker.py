"""The code that runs inside a worker process: open one PDF under limits and analyse it.

Nothing here trusts the file. The address-space limit is set before every job,
and any exception, not only pdfium's own, comes back as a typed error tuple.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import sys
from typing import Any, BinaryIO

import pypdfium2 as pdfium

from triage.errors import ExtractionError
from triage.extraction.analyze import analyze
from triage.extraction.labels import warm_up
from triage.extraction.layout import read_pages

Reply = tuple[str, Any]


def read_document(data: bytes, max_pages: int) -> dict[str, Any]:
    """Page count first, then the text layer, then the fields; raises ExtractionError."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text or "security" in text:
            raise ExtractionError("encrypted", "the PDF is encrypted with a password") from exc
        raise ExtractionError("corrupt", f"the PDF cannot be opened: {exc}") from exc
    try:
        count = len(document)
        if count <= 0:
            raise ExtractionError("corrupt", "the PDF has no pages")
        if count > max_pages:
            raise ExtractionError(
                "too_many_pages", f"the PDF has {count} pages; at most {max_pages} are accepted"
            )
        pages = read_pages(document, count)
    finally:
        document.close()
    if not any(page.words for page in pages):
        raise ExtractionError(
            "no_text", "the PDF has no text layer (a scan?); only text PDFs can be read"
        )
    return analyze(pages).model_dump(mode="json")


def handle(data: bytes, max_pages: int) -> Reply:
    try:
        return "ok", read_document(data, max_pages)
    except ExtractionError as exc:
        return "error", (exc.code, exc.message, exc.status_code)
    except MemoryError:
        return "error", ("too_large_in_memory", "the PDF needs more memory than allowed", 422)
    except RecursionError:
        return "error", ("corrupt", "the PDF's structure is nested too deeply or loops", 422)
    except Exception as exc:  # any parser failure on an untrusted file is the file's fault
        return "error", ("corrupt", f"the PDF could not be parsed ({type(exc).__name__})", 422)


def serve(inp: BinaryIO, out: BinaryIO) -> None:
    """Answer jobs until stdin closes: a JSON header line, the PDF bytes, one JSON reply line."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    while True:
        header = inp.readline()
        if not header:
            return
        job = json.loads(header)
        data = inp.read(int(job["size"]))
        memory = int(job["memory_bytes"])
        limit = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
        try:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
            reply = handle(data, int(job["max_pages"]))
        finally:
            del data
            resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
        status, payload = reply
        body = (
            {"status": status, "result": payload}
            if status == "ok"
            else {
                "status": status,
                "code": payload[0],
                "message": payload[1],
                "status_code": payload[2],
            }
        )
        out.write(json.dumps(body, separators=(",", ":")).encode() + b"\n")
        out.flush()
        gc.collect(0)
        if status == "error" and payload[0] == "too_large_in_memory":
            return


def main() -> None:
    """Keep the protocol on a private copy of stdout; anything a library prints goes to stderr.

    The label patterns are compiled before the first job, not during it.
    """
    warm_up()
    protocol = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    serve(sys.stdin.buffer, protocol)


if __name__ == "__main__":
    main()
