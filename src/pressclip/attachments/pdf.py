"""PDF → lines of text, with pdfium (pypdfium2).

Each page's text layer comes out in pdfium's reading order, one line a text line. A file
with pages but no text at all is a scan: ``no text layer`` (OCR is not attempted).
"""

from __future__ import annotations

import re
import threading
import zlib
from dataclasses import dataclass

from .errors import AttachmentError, Budget

#: pdfium is not thread-safe; one document at a time in a process.
_LOCK = threading.Lock()
MAX_PAGES = 5_000
#: pdfium's FPDF_GetLastError codes for a wrong password and an unknown security handler.
_ERR_PASSWORD = 4
_ERR_SECURITY = 5


@dataclass
class PdfText:
    """The lines of every page in order, the Info dictionary's title, the page count."""

    paragraphs: list[str]
    title: str | None
    pages: int


def read_pdf(data: bytes, budget: Budget) -> PdfText:
    """The text of a PDF (its bytes), or an AttachmentError saying why not."""
    import pypdfium2 as pdfium

    check_streams(data, budget)

    with _LOCK:
        try:
            doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            code = getattr(exc, "err_code", None)
            if code == _ERR_PASSWORD or "password" in str(exc).lower():
                raise AttachmentError("password", "the PDF is protected by a password") from None
            if code == _ERR_SECURITY:
                raise AttachmentError(
                    "encrypted", "the PDF uses an unsupported encryption"
                ) from None
            raise AttachmentError("corrupt", f"pdfium cannot open it ({exc})") from None
        try:
            return _read(doc, budget)
        finally:
            doc.close()


_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")


def check_streams(data: bytes, budget: Budget) -> None:
    """Inflate every zlib stream of the file in bounded steps, output discarded, and count
    it against the budget: pdfium inflates content streams whole, so a deflate bomb must be
    refused before pdfium sees it. Streams that are not zlib (images, encrypted data) are
    left to pdfium."""
    pos = 0
    while (m := _STREAM.search(data, pos)) is not None:
        end = data.find(b"endstream", m.end())
        if end < 0:
            break
        _count_inflated(memoryview(data)[m.end() : end], budget)
        pos = end + len(b"endstream")


def _count_inflated(raw: memoryview, budget: Budget) -> None:
    z = zlib.decompressobj()
    chunk: bytes | memoryview = raw
    try:
        while chunk and not z.eof:
            piece = z.decompress(chunk, 1 << 20)
            budget.take(len(piece), "a compressed PDF stream")
            chunk = z.unconsumed_tail
    except zlib.error:
        return  # not zlib data, or broken: pdfium decides what it is


def _read(doc: object, budget: Budget) -> PdfText:
    import pypdfium2 as pdfium

    count = len(doc)  # type: ignore[arg-type]
    if count == 0:
        raise AttachmentError("corrupt", "a PDF without pages")
    if count > MAX_PAGES:
        raise AttachmentError("too large", f"a PDF of {count:,} pages")
    lines: list[str] = []
    for index in range(count):
        try:
            page = doc[index]  # type: ignore[index]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            textpage.close()
            page.close()
        except pdfium.PdfiumError as exc:
            raise AttachmentError("corrupt", f"page {index + 1} cannot be read ({exc})") from None
        budget.take(len(text.encode("utf-8")), f"the text of page {index + 1}")
        lines.extend(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    if not any(line.strip() for line in lines):
        raise AttachmentError(
            "no text layer", f"{count} page(s) of images without text (a scan; OCR it first)"
        )
    return PdfText(lines, _title(doc), count)


def _title(doc: object) -> str | None:
    try:
        meta = doc.get_metadata_dict(skip_empty=True)  # type: ignore[attr-defined]
    except Exception:
        return None
    title = meta.get("Title")
    return title.strip() or None if isinstance(title, str) else None
