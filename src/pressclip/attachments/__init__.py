"""Attachments (HWP 5, HWPX, PDF) → text and press-release facts.

:func:`read_attachment` is a pure function of the file's bytes: the type comes from the
magic bytes, never from a name; everything a file unpacks to counts against ``max_bytes``;
each failure is an :class:`AttachmentError` whose ``kind`` is one of :data:`KINDS`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .errors import KINDS, AttachmentError, Budget, Kind
from .release import Release, read_release
from .sniff import sniff

__all__ = [
    "KINDS",
    "AttachmentError",
    "Document",
    "Kind",
    "Release",
    "read_attachment",
    "read_release",
    "sniff",
]

#: The default for ``max_bytes``: what one file may unpack to.
DEFAULT_MAX_BYTES = 64 * 2**20

_SPACE = re.compile(r"[\t\u00a0\u2000-\u200a\u3000]")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\ufeff]")


@dataclass
class Document:
    """What an attachment says: its format (``hwp5``, ``hwpx``, ``pdf``), its text as
    paragraphs (table cells are paragraphs of their own), a title, press-release facts."""

    format: str
    paragraphs: list[str]
    title: str | None = None
    release: Release | None = None
    pages: int | None = None
    kogl: bool = False  # HWP FileHeader bit 15: the 공공누리 (KOGL) mark

    @property
    def text(self) -> str:
        """The paragraphs joined by one blank line."""
        return "\n\n".join(self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "title": self.title,
            "text": self.text,
            "release": self.release.to_dict() if self.release else None,
            "pages": self.pages,
            "kogl": self.kogl,
        }


def read_attachment(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """An attachment's bytes → :class:`Document`, or an :class:`AttachmentError`.

    ``max_bytes`` caps what the file unpacks to, all streams, members and text together
    (the file itself is already in memory: its size is the caller's limit to set).
    """
    kind = sniff(data)
    if kind is None:
        raise AttachmentError("corrupt", "an empty file")
    budget = Budget(max_bytes)
    if kind == "hwp5":
        from .hwp import read_hwp

        hwp = read_hwp(data, budget)
        paragraphs, doc_title, pages, kogl = hwp.paragraphs, None, None, hwp.kogl
    elif kind == "zip":
        from .hwpx import read_hwpx

        hwpx = read_hwpx(data, budget)
        kind = "hwpx"
        paragraphs, doc_title, pages, kogl = hwpx.paragraphs, None, None, False
    elif kind == "pdf":
        from .pdf import read_pdf

        pdf = read_pdf(data, budget)
        paragraphs, doc_title, pages, kogl = pdf.paragraphs, pdf.title, pdf.pages, False
    elif kind == "hwp3":
        raise AttachmentError("unsupported format", "HWP 3.0 (only HWP 5, HWPX and PDF are read)")
    elif kind == "html":
        raise AttachmentError("not a document", "an HTML page (an expired link or error page?)")
    elif kind in ("text", "xml"):
        raise AttachmentError("not a document", f"{kind} data, not an HWP, HWPX or PDF file")
    else:
        raise AttachmentError("unsupported format", f"{kind} data, not an HWP, HWPX or PDF file")
    lines = clean_paragraphs(paragraphs)
    if not lines:
        raise AttachmentError("corrupt", f"no text in the {kind.upper()} file")
    release = read_release(lines)
    return Document(kind, lines, guess_title(lines, doc_title), release, pages, kogl)


def clean_paragraphs(paragraphs: list[str]) -> list[str]:
    """Paragraph texts as lines: line breaks split, tabs and odd spaces made plain spaces,
    ends stripped, blank ones dropped. Inner runs of spaces stay (``담 당 자``)."""
    out: list[str] = []
    for paragraph in paragraphs:
        for line in _ZERO_WIDTH.sub("", _SPACE.sub(" ", paragraph)).split("\n"):
            line = line.strip()
            if line:
                out.append(line)
    return out


_BANNERS = re.compile(
    r"^(?:보도\s*자료|보도\s*참고\s*자료|설명\s*자료|해명\s*자료|press\s+release)$", re.I
)
_UNTITLED = {"무제", "untitled", "제목 없음", "제목없음"}
#: Bullets and dashes that open list items and sub-headings, never a headline.
_BULLET = re.compile(r"^[-–—~※*·•○●◦□■▶▷☞<\[(]")
#: A speaker line above the headline: ``윤석대 한국수자원공사 사장``.
_KICKER = re.compile(
    r"(?:장관|차관|청장|처장|사장|이사장|원장|시장|도지사|군수|구청장|총장|위원장|회장|대표)$"
)


def guess_title(lines: list[str], doc_title: str | None = None) -> str | None:
    """The document's headline: the first line of some length that is not a banner
    (보도자료), a header-table label or its value, a date, a list item or a speaker line;
    the metadata title only when the text offers none (it is often a template's: ``무제``)."""
    from .release import is_header_line, is_label, is_when

    skip_next = False
    for line in lines[:80]:
        if skip_next:
            skip_next = False
            continue
        if is_label(line):
            skip_next = True
            continue
        squeezed = "".join(line.split())
        if len(squeezed) < 8 or _BANNERS.match(line) or is_header_line(line) or is_when(line):
            continue
        if _BULLET.match(line) or (len(squeezed) <= 20 and _KICKER.search(squeezed)):
            continue
        return line
    if doc_title and doc_title.strip().lower() not in _UNTITLED and len(doc_title) >= 4:
        return doc_title
    return None
