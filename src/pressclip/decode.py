"""Bytes to text by the browser's rule: BOM, then the HTTP charset, then the page's own
``<meta>`` declaration, then detection (charset-normalizer). EUC-KR and its aliases are read
as cp949, its superset, as browsers do, so syllables such as 똠, 햏 and 뷁 survive."""

from __future__ import annotations

import codecs
import re

from .errors import PressclipError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_KOREAN = {
    "euc-kr",
    "euckr",
    "euc_kr",
    "ks_c_5601-1987",
    "ks_c_5601",
    "ksc5601",
    "korean",
    "windows-949",
    "x-windows-949",
    "cp949",
    "ms949",
    "uhc",
    "ks_c_5601-1989",
}


def normalise_charset(name: str | None) -> str | None:
    """A Python codec name for a declared charset, or None if it is unknown."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    if name in _KOREAN:
        return "cp949"
    if name in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"):
        return "cp1252"  # what browsers really use for these labels
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def charset_from_content_type(content_type: str | None) -> str | None:
    """The ``charset=`` parameter of a Content-Type header, if any."""
    if not content_type:
        return None
    m = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", content_type, re.IGNORECASE)
    return m.group(1) if m else None


def sniff_meta_charset(data: bytes) -> str | None:
    """The charset a page declares in ``<meta charset>`` or http-equiv, in its first 4 KB."""
    m = _META.search(data[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def looks_binary(data: bytes) -> bool:
    """Whether ``data`` is not text at all (NUL bytes or many control characters)."""
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(head) // 50)


def decode(data: bytes, http_charset: str | None = None) -> tuple[str, str]:
    """Decode ``data``; returns the text and the codec used.

    Raises :class:`PressclipError` for binary data or bytes that no charset explains.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec
    if looks_binary(data):
        raise PressclipError("binary data, not text or HTML")
    declared = [normalise_charset(http_charset), normalise_charset(sniff_meta_charset(data))]
    for name in declared:
        if name:
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                continue  # a wrong declaration: fall through to detection
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp949"), "cp949"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only here: most pages say their charset

    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise PressclipError("cannot tell the character set: not text in a known encoding")
    codec = normalise_charset(best.encoding) or best.encoding
    return data.decode(codec, errors="replace"), codec
