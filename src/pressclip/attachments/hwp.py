"""HWP 5 (the OLE compound file of 한컴오피스 한글) → paragraphs of text.

A document is a set of streams: ``FileHeader`` (signature, version, property flags),
``BodyText/Section0..N`` (the text, as records; raw deflate when the compressed flag is
set) and, in 배포용 (distribution) documents, ``ViewText/Section0..N`` (the same records,
AES-128-ECB encrypted) while ``BodyText`` holds only a decoy notice.

Each paragraph's text is a PARA_TEXT record of UTF-16LE code units in which codes below 32
are controls: some take one unit, the others (tables, pictures, footnotes, fields, tabs …)
take eight. Table cells, text boxes, footnotes and headers are nested paragraphs that follow
their anchor paragraph in the same stream, so one flat scan gives document order.
"""

from __future__ import annotations

import io
import re
import struct
import sys
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import AttachmentError, Budget, cause

SIGNATURE = b"HWP Document File"

# FileHeader property bits.
COMPRESSED = 1 << 0
PASSWORD = 1 << 1
DISTRIBUTION = 1 << 2
DRM = 1 << 4
CERT_ENCRYPTED = 1 << 8
CERT_DRM = 1 << 10
KOGL = 1 << 15

TAG_DISTRIBUTE_DOC_DATA = 16 + 12
TAG_PARA_HEADER = 16 + 50
TAG_PARA_TEXT = 16 + 51
TAG_LIST_HEADER = 16 + 56

#: Control codes that take one code unit, and what they print as (None: nothing).
_ONE_UNIT: dict[int, str | None] = {
    0: None,
    10: "\n",  # line break inside a paragraph
    13: None,  # paragraph end
    24: "-",  # hyphen
    25: None,
    26: None,
    27: None,
    28: None,
    29: None,
    30: "\u00a0",  # non-breaking space
    31: " ",  # fixed-width space
}
#: Eight-unit controls that print as something.
_EIGHT_UNIT_TEXT = {9: "\t"}

_SECTION = re.compile(r"^Section(\d+)$")


@dataclass
class HwpText:
    """What the reader found: the paragraphs in order, the version, the header flags."""

    paragraphs: list[str]
    version: str
    flags: int

    @property
    def kogl(self) -> bool:
        """Whether the file carries the 공공누리 (KOGL) mark."""
        return bool(self.flags & KOGL)


#: What olefile raises for a broken container, measured on truncated, garbled and crafted
#: copies of real HWP files: its OleFileError (an OSError) and OSError ("this file is not a
#: stream"); ValueError (a sector array of odd length, a sector size of 2**65535 formatted
#: for its log); RecursionError (it follows the directory's sibling chain recursively: ~1,000
#: streams). Caught around olefile's calls only, so a defect in our own reading is raised.
OLE_ERRORS = (OSError, ValueError, RecursionError)


def read_hwp(data: bytes, budget: Budget) -> HwpText:
    """The text of an HWP 5 file (its bytes), or an AttachmentError saying why not."""
    import olefile

    try:
        # Always a file object: olefile takes short ``bytes`` for a file *name*.
        ole = olefile.OleFileIO(io.BytesIO(data))
    except OLE_ERRORS as exc:
        raise AttachmentError(
            "corrupt", f"not a readable OLE compound file ({cause(exc)})"
        ) from None
    try:
        return _read(ole, budget)
    finally:
        ole.close()


def _broken(where: str, exc: BaseException) -> AttachmentError:
    """A stream or directory olefile cannot follow (a truncated FAT, a bad sector)."""
    return AttachmentError("corrupt", f"broken OLE {where} ({cause(exc)})")


def _read(ole: Any, budget: Budget) -> HwpText:
    flags, version = _file_header(ole)
    if flags & PASSWORD:
        raise AttachmentError("password", "the HWP document is protected by a password")
    if flags & (DRM | CERT_ENCRYPTED | CERT_DRM):
        raise AttachmentError("encrypted", "the HWP document is DRM- or certificate-encrypted")
    compressed = bool(flags & COMPRESSED)
    storage = "ViewText" if flags & DISTRIBUTION else "BodyText"
    sections = _sections(ole, storage)
    if not sections:
        raise AttachmentError("corrupt", f"no {storage}/Section streams")
    paragraphs: list[str] = []
    for name in sections:
        raw = _stream(ole, name)
        if flags & DISTRIBUTION:
            raw = decrypt_view_text(raw, name)
        if compressed and flags & DISTRIBUTION:
            body = _inflate_decrypted(raw, budget, name)
        elif compressed:
            body = inflate(raw, budget, name)
        else:
            budget.take(len(raw), name)
            body = raw
        paragraphs.extend(cells_as_paragraphs(cell_paragraphs(body, name, budget)))
    return HwpText(paragraphs, version, flags)


def cells_as_paragraphs(items: Iterable[tuple[str, int | None]]) -> Iterator[str]:
    """The paragraphs, those of one table cell (or text box) as one, its paragraphs on
    lines of their own: a cell's lines are one block of layout (a headline set over two)."""
    cell: int | None = None
    lines: list[str] = []
    for text, number in items:
        if lines and (number is None or number != cell):
            yield "\n".join(lines)
            lines = []
        if number is None:
            yield text
        else:
            lines.append(text)
        cell = number
    if lines:
        yield "\n".join(lines)


def _file_header(ole: Any) -> tuple[int, str]:
    """The property flags and the version (``5.1.0.1``) from ``FileHeader``."""
    try:
        exists = ole.exists("FileHeader")
        head = ole.openstream("FileHeader").read(256) if exists else b""
    except OLE_ERRORS as exc:
        raise _broken("stream FileHeader", exc) from None
    if not exists:
        raise AttachmentError(
            "unsupported format", "an OLE compound file that is not HWP (a Word or Excel file?)"
        )
    if not head.startswith(SIGNATURE) or len(head) < 40:
        raise AttachmentError("unsupported format", "an OLE compound file that is not HWP")
    rev, build, minor, major = head[32:36]
    if major < 5:
        raise AttachmentError("unsupported format", f"HWP version {major}.{minor} in an OLE file")
    (flags,) = struct.unpack_from("<I", head, 36)
    return flags, f"{major}.{minor}.{build}.{rev}"


def _sections(ole: Any, storage: str) -> list[str]:
    """``storage/SectionN`` stream names sorted by N."""
    found: list[tuple[int, str]] = []
    try:
        entries = ole.listdir(streams=True, storages=False)
    except OLE_ERRORS as exc:
        raise _broken("directory", exc) from None
    for entry in entries:
        if len(entry) == 2 and entry[0] == storage:
            m = _SECTION.match(entry[1])
            if m:
                found.append((int(m.group(1)), f"{storage}/{entry[1]}"))
    return [name for _, name in sorted(found)]


def _stream(ole: Any, name: str) -> bytes:
    """A stream's bytes (no larger than the file); stored uncompressed, they count as
    unpacked text."""
    try:
        return ole.openstream(name).read()
    except OLE_ERRORS as exc:
        raise _broken(f"stream {name}", exc) from None


def inflate(raw: bytes, budget: Budget, where: str) -> bytes:
    """Raw deflate, inflated in bounded steps: never more than the budget in memory."""
    z = zlib.decompressobj(-15)
    out = bytearray()
    chunk = raw
    try:
        while chunk and not z.eof:
            piece = z.decompress(chunk, min(budget.left + 1, 1 << 20))
            budget.take(len(piece), where)
            out += piece
            chunk = z.unconsumed_tail
        if not z.eof:
            out += z.flush()
    except zlib.error as exc:
        raise AttachmentError("corrupt", f"{where} does not inflate ({exc})") from None
    if not z.eof:
        raise AttachmentError("corrupt", f"{where} is truncated (deflate stream ends early)")
    return bytes(out)


def _inflate_decrypted(raw: bytes, budget: Budget, where: str) -> bytes:
    """A decrypted 배포용 section, inflated; a key that did not fit shows as a stream that
    does not inflate, which is ``encrypted`` (a scheme not known here), not ``corrupt``."""
    try:
        return inflate(raw, budget, where)
    except AttachmentError as exc:
        if exc.kind != "corrupt":
            raise
        raise AttachmentError(
            "encrypted", f"{where}: the 배포용 text does not decrypt (an unknown scheme?)"
        ) from None


def records(data: bytes, where: str) -> Iterator[tuple[int, int, memoryview]]:
    """(tag, level, payload) of each record in a section stream."""
    view = memoryview(data)
    pos, end = 0, len(data)
    while pos + 4 <= end:
        (header,) = struct.unpack_from("<I", data, pos)
        pos += 4
        tag, level, size = header & 0x3FF, (header >> 10) & 0x3FF, header >> 20
        if size == 0xFFF:
            if pos + 4 > end:
                break
            (size,) = struct.unpack_from("<I", data, pos)
            pos += 4
        if pos + size > end:
            raise AttachmentError("corrupt", f"{where}: a record runs past the end of the stream")
        yield tag, level, view[pos : pos + size]
        pos += size


def cell_paragraphs(
    data: bytes, where: str, budget: Budget | None = None
) -> Iterator[tuple[str, int | None]]:
    """The text of each paragraph (nested ones included) of a section, in stream order, and
    the number of the list it is a paragraph of (a table cell, a text box: a LIST_HEADER,
    whose first field counts its paragraphs, at the paragraphs' level), or None for a
    paragraph of the body. Each record, and each control code in a paragraph's text, counts
    against ``budget``; a paragraph without a PARA_TEXT record (an empty line, a bare table
    anchor) gives ''."""
    pending: list[str] | None = None  # a list: many PARA_TEXT records must not copy text
    cell: int | None = None
    lists: list[list[int]] = []  # open lists: [level, paragraphs left, number]
    for number, (tag, level, payload) in enumerate(records(data, where)):
        if budget is not None:
            budget.count(1, where)
        if tag == TAG_PARA_HEADER:
            if pending is not None:
                yield "".join(pending), cell
            pending, cell = [], _list_of(lists, level)
        elif tag == TAG_PARA_TEXT:
            if pending is None:
                pending = []
            pending.append(para_text(payload, budget, where))
        elif tag == TAG_LIST_HEADER and len(payload) >= 2:
            lists.append([level, int.from_bytes(payload[:2], "little"), number])
    if pending is not None:
        yield "".join(pending), cell


def _list_of(lists: list[list[int]], level: int) -> int | None:
    """The number of the open list a paragraph at ``level`` belongs to (counting it off),
    or None; lists of deeper levels, or used up, are closed."""
    while lists and (lists[-1][0] > level or lists[-1][1] <= 0):
        lists.pop()
    if lists and lists[-1][0] == level:
        lists[-1][1] -= 1
        return lists[-1][2]
    return None


def para_text(
    payload: memoryview | bytes, budget: Budget | None = None, where: str = "PARA_TEXT"
) -> str:
    """A PARA_TEXT record → its printable text (controls dropped or mapped); each control
    code counts against ``budget``."""
    units = _units(payload)
    parts: list[str] = []
    run_start = 0
    i, n = 0, len(units)
    while i < n:
        code = units[i]
        if code >= 32:
            i += 1
            continue
        if budget is not None:
            budget.count(1, where)
        if run_start < i:
            parts.append(_decode(units[run_start:i]))
        if code in _ONE_UNIT:
            mapped = _ONE_UNIT[code]
            i += 1
        else:
            mapped = _EIGHT_UNIT_TEXT.get(code)
            i += 8
        if mapped:
            parts.append(mapped)
        run_start = i
    if run_start < n:
        parts.append(_decode(units[run_start:n]))
    return "".join(parts)


def _units(payload: memoryview | bytes) -> Sequence[int]:
    """The payload's UTF-16LE code units, without a copy where the machine is little-endian
    (a tuple of them cost 18 bytes of memory for each byte of text)."""
    even = memoryview(payload)[: len(payload) // 2 * 2]
    if sys.byteorder == "little":
        return even.cast("B").cast("H")
    return struct.unpack(f"<{len(even) // 2}H", even)  # pragma: no cover - big-endian


def _decode(units: Sequence[int]) -> str:
    """UTF-16 code units → text; whole runs, so surrogate pairs (non-BMP PUA) stay one
    character, and a lone surrogate is dropped."""
    if isinstance(units, memoryview):
        return units.tobytes().decode("utf-16-le", "ignore")
    return struct.pack(f"<{len(units)}H", *units).decode("utf-16-le", "ignore")


def decrypt_view_text(raw: bytes, where: str) -> bytes:
    """A 배포용 ``ViewText/SectionN`` stream → the (still compressed) section records.

    The stream starts with a DISTRIBUTE_DOC_DATA record of 256 bytes, obfuscated with the
    MSVC ``rand()`` sequence seeded by its first four bytes; the AES-128 key sits inside it.
    The rest of the stream is AES-128-ECB.
    """
    if len(raw) < 4 + 256:
        raise AttachmentError("corrupt", f"{where}: too short for a distribution document")
    (header,) = struct.unpack_from("<I", raw, 0)
    if header & 0x3FF != TAG_DISTRIBUTE_DOC_DATA or header >> 20 != 256:
        raise AttachmentError("encrypted", f"{where}: unknown distribution encryption")
    seed_data = _unscramble(raw[4 : 4 + 256])
    offset = 4 + (seed_data[0] & 0x0F)
    key = bytes(seed_data[offset : offset + 16])
    body = raw[4 + 256 :]
    body = body[: len(body) // 16 * 16]
    try:
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        decryptor = Cipher(algorithms.AES(key), modes.ECB()).decryptor()  # noqa: S305
        return decryptor.update(body) + decryptor.finalize()
    except Exception as exc:  # pragma: no cover - a key of 16 bytes always fits AES-128
        raise AttachmentError("encrypted", f"{where}: cannot decrypt ({exc})") from None


def _unscramble(data: bytes) -> bytearray:
    """Undo the XOR of DISTRIBUTE_DOC_DATA: bytes from an MSVC ``rand()`` LCG seeded by
    the first uint32, each repeated ``(rand() & 0xF) + 1`` times; bytes 0–3 stay as they are."""
    out = bytearray(data)
    (state,) = struct.unpack_from("<I", data, 0)

    def rand() -> int:
        nonlocal state
        state = (state * 214013 + 2531011) & 0xFFFFFFFF
        return (state >> 16) & 0x7FFF

    i = 0
    while i < len(out):
        key = rand() & 0xFF
        count = (rand() & 0x0F) + 1
        for _ in range(count):
            if i >= len(out):
                break
            if i >= 4:
                out[i] ^= key
            i += 1
    return out
