"""Document DRM wrappers, known by the bytes they start with.

Korean public bodies often post files that their document-security system wrapped on the
way out: the file keeps its name (``.hwp``, ``.pdf``) but the bytes are the vendor's
container, readable only with the vendor's client. Such a file is ``encrypted`` and the
error names the vendor, so a user knows to ask for an unprotected copy rather than report a
broken file.
"""

from __future__ import annotations

import re

#: (vendor, what the wrapper is, the pattern its first bytes match).
SIGNATURES: tuple[tuple[str, str, re.Pattern[bytes]], ...] = (
    # MarkAny Document SAFER: a text header in angle brackets opens the container.
    ("MarkAny", "Document SAFER", re.compile(rb"^\s*<MARKANY_DOCUMENTSAFER\b", re.I)),
    # Fasoo DRM (Fasoo Enterprise DRM, "DRM One"): the byte 0x9B, a space, then DRMONE, and
    # an English notice that the document is protected by Fasoo DRM.
    (
        "Fasoo",
        "Enterprise DRM",
        re.compile(rb"^\x9b\x20DRMONE|^.{0,512}protected by Fasoo DRM", re.S),
    ),
    # SoftCamp Document Security: SCDSA and a three-digit format version (SCDSA002, SCDSA004).
    ("SoftCamp", "Document Security", re.compile(rb"^SCDSA\d{3}")),
)
#: How much of a file's head the signatures look at.
HEAD = 1024


def drm_vendor(data: bytes) -> tuple[str, str] | None:
    """The (vendor, product) of the DRM wrapper ``data`` is, or None."""
    head = data[:HEAD]
    for vendor, product, pattern in SIGNATURES:
        if pattern.search(head):
            return vendor, product
    return None
