"""What a file really is, from its first bytes, whatever it is called."""

from __future__ import annotations

import re

from .drm import drm_vendor

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HWP3_MAGIC = b"HWP Document File V3"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
IMAGE_MAGICS = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")

_HTML = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<meta|<script|<title|<!--)", re.I)
_XML = re.compile(rb"^\s*<\?xml", re.I)


def sniff(data: bytes) -> str | None:
    """``hwp5`` (OLE compound file), ``hwp3``, ``zip`` (HWPX or another zip), ``pdf``,
    ``drm`` (a document-security wrapper, see :mod:`.drm`), ``image``, ``html``, ``xml``,
    ``text``, ``binary``; None for an empty file."""
    if not data:
        return None
    if drm_vendor(data) is not None:
        return "drm"
    head = data[:1024]
    if head.startswith(OLE_MAGIC):
        return "hwp5"
    if head.startswith(HWP3_MAGIC):
        return "hwp3"
    if head.startswith(ZIP_MAGICS):
        return "zip"
    # PDF readers accept the header anywhere in the first KiB (some servers prepend junk).
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(IMAGE_MAGICS) or (head[:2] == b"BM" and head[6:10] == b"\0\0\0\0"):
        return "image"
    body = head.removeprefix(b"\xef\xbb\xbf")
    if _HTML.match(body):
        return "html"
    if _XML.match(body):
        return "xml"
    if b"\x00" in head:
        return "binary"
    return "text"
