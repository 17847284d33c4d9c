"""Attachments built to cost a reader far more than their size (issue 24): many XML elements,
many one-character paragraphs or lines, a PDF content stream shared by every page, filter
chains that slip past a one-layer inflate check, a zip asking for an unknown version.
Used by tests/test_hostile2.py and timed by benchmarks/malformed.py."""

from __future__ import annotations

import base64
import struct
import zlib

from attachment_files import (
    HP,
    HS,
    PARA_HEADER,
    PARA_TEXT,
    hwp_file,
    hwpx_file,
    record,
)


def hwpx_elements(count: int) -> bytes:
    """An HWPX whose section holds ``count`` empty elements (and one real paragraph)."""
    body = f"<hp:p><hp:run><hp:t>본문</hp:t></hp:run></hp:p>{'<hp:x/>' * count}"
    return hwpx_file([_section(body)])


def hwpx_paragraphs(count: int) -> bytes:
    """An HWPX of ``count`` one-character paragraphs."""
    return hwpx_file([_section("<hp:p><hp:run><hp:t>가</hp:t></hp:run></hp:p>" * count)])


def _section(body: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><hs:sec xmlns:hs="{HS}" xmlns:hp="{HP}">'
        f"{body}</hs:sec>"
    ).encode()


def hwp_lines(count: int) -> bytes:
    """An HWP 5 file of one paragraph holding ``count`` one-character lines (line-break
    controls), in records of at most 64 KB."""
    unit = "가\n".encode("utf-16-le")
    per_record = 32_000 // len(unit)
    body = bytearray(record(PARA_HEADER, 0, b"\0" * 22))
    left = count
    while left > 0:
        n = min(left, per_record)
        body += record(PARA_TEXT, 1, unit * n)
        left -= n
    return hwp_file([bytes(body)])


def hwp_records(count: int) -> bytes:
    """An HWP 5 file of ``count`` empty paragraph headers (4 bytes each, inflated)."""
    return hwp_file([record(PARA_HEADER, 0, b"") * count])


def pdf(objects: list[bytes]) -> bytes:
    """A PDF of the given object bodies (object 1 is the catalog), with a correct xref."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def _stream(data: bytes, filters: str = "") -> bytes:
    head = f"<< /Length {len(data)}{' /Filter ' + filters if filters else ''} >>\nstream\n"
    return head.encode() + data + b"\nendstream"


def pdf_shared_content(pages: int, runs: int) -> bytes:
    """A PDF of ``pages`` pages that all draw one content stream of ``runs`` text runs."""
    content = zlib.compress(b"BT /F1 1 Tf " + b"1 0 Td (x) Tj " * runs + b"ET", 9)
    kids = " ".join(f"{5 + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        _stream(content, "/FlateDecode"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
        b"/Resources << /Font << /F1 4 0 R >> >> >>"
    )
    return pdf(objects + [page] * pages)


def pdf_filter_chain(layers: str, size: int) -> bytes:
    """A one-page PDF whose content stream is ``size`` spaces under the filter ``layers``
    (``/FlateDecode /FlateDecode``, ``/ASCIIHexDecode /FlateDecode``, ...), encoded in the
    order a reader undoes them."""
    names = layers.split()
    data = _spaces(size, deflate=names[-1] == "/FlateDecode")
    if names[-1] == "/FlateDecode":
        names = names[:-1]
    for name in reversed(names):
        if name == "/FlateDecode":
            data = zlib.compress(data, 9)
        elif name == "/ASCIIHexDecode":
            data = data.hex().encode() + b">"
        elif name == "/ASCII85Decode":
            data = base64.a85encode(data) + b"~>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        _stream(data, f"[{layers}]"),
    ]
    return pdf(objects)


def _spaces(size: int, deflate: bool) -> bytes:
    """``size`` spaces, deflated (zlib) a chunk at a time when ``deflate``: never all in memory."""
    if not deflate:
        return b" " * size
    z = zlib.compressobj(9)
    chunk = b" " * min(size, 1 << 24)
    out = bytearray()
    for start in range(0, size, len(chunk)):
        out += z.compress(chunk[: size - start])
    return bytes(out + z.flush())


def zip_version(version: int) -> bytes:
    """A real HWPX package whose central directory asks for zip ``version`` (x10) to extract
    its first member."""
    data = bytearray(hwpx_paragraphs(3))
    at = data.find(b"PK\x01\x02")
    struct.pack_into("<H", data, at + 6, version)
    return bytes(data)


def mutate(data: bytes, rng: object, edits: int = 3) -> bytes:
    """``data`` with a few random edits: bytes flipped, a slice cut, a slice repeated, the end
    cut off (``rng``: a ``random.Random``)."""
    out = bytearray(data)
    for _ in range(edits):
        kind = rng.randrange(4)  # type: ignore[attr-defined]
        at = rng.randrange(max(len(out), 1))  # type: ignore[attr-defined]
        span = rng.randint(1, 64)  # type: ignore[attr-defined]
        if kind == 0:
            for i in range(at, min(at + span, len(out))):
                out[i] = rng.randrange(256)  # type: ignore[attr-defined]
        elif kind == 1:
            del out[at : at + span]
        elif kind == 2:
            out[at:at] = out[at : at + span] * rng.randint(2, 50)  # type: ignore[attr-defined]
        else:
            del out[at:]
    return bytes(out)
