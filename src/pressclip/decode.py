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


#: Text codecs Python knows that no web page is written in (they raise or make nonsense).
_NOT_PAGE_CODECS = frozenset(
    {
        "punycode",
        "idna",
        "undefined",
        "unicode-escape",
        "raw-unicode-escape",
        "unicode_escape",
        "raw_unicode_escape",
        "charmap",
        "mbcs",
        "oem",
    }
)
#: A declared charset still wins when at most this share of the bytes is invalid in it
#: (a stray byte in an EUC-KR page), decoded with U+FFFD rather than guessed as another script.
BAD_BYTE_SHARE = 0.001
BAD_BYTES_MIN = 8


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
        info = codecs.lookup(name)
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_PAGE_CODECS:
        return None  # rot13, base64, zlib, punycode …: not a character set a page can use
    return info.name


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
            text = _strict(data, name)
            if text is not None:
                return text, name
    text = _strict(data, "utf-8")
    if text is not None:
        return text, "utf-8"
    for name in declared:  # a declaration with a few bad bytes: keep it, mark them U+FFFD
        if name and _few_bad_bytes(data, name):
            return data.decode(name, errors="replace"), name
    text = _strict(data, "cp949")
    if text is not None:
        return text, "cp949"
    from charset_normalizer import from_bytes  # only here: most pages say their charset

    best = from_bytes(data[:200_000]).best()
    guessed = normalise_charset(best.encoding) if best is not None else None
    if guessed is None:
        raise PressclipError("cannot tell the character set: not text in a known encoding")
    try:
        return data.decode(guessed, errors="replace"), guessed
    except (UnicodeError, LookupError):
        raise PressclipError(f"cannot decode as {guessed}") from None


def _strict(data: bytes, codec: str) -> str | None:
    """``data`` decoded as ``codec``, or None when it is not valid in it."""
    try:
        return data.decode(codec)
    except (UnicodeError, LookupError):
        return None


def _few_bad_bytes(data: bytes, codec: str) -> bool:
    """Whether only a few bytes of ``data`` are invalid in ``codec`` (see BAD_BYTE_SHARE)."""
    budget = max(BAD_BYTES_MIN, int(len(data) * BAD_BYTE_SHARE))
    try:
        text = data.decode(codec, errors="replace")
    except (UnicodeError, LookupError):
        return False
    return text.count("\ufffd") <= budget
