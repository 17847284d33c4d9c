"""Attachments (HWP 5, HWPX, PDF) → text and press-release facts.

:func:`read_attachment` is a pure function of the file's bytes: the type comes from the
magic bytes, never from a name; everything a file unpacks to counts against ``max_bytes``;
each failure is an :class:`AttachmentError` whose ``kind`` is one of :data:`KINDS`.
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass, field
from typing import Any

from .errors import CPU_SECONDS, KINDS, MAX_ITEMS, AttachmentError, Budget, Kind
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
    #: What of the text OCR read: ``page 2`` (a scanned PDF page), ``image`` (an image file).
    ocr: list[str] = field(default_factory=list)

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
            "ocr": self.ocr,
        }


#: What the libraries under the readers (zipfile, olefile, ElementTree, zlib, struct) raise
#: on malformed input that a reader did not map itself: ``corrupt``. Anything else is a
#: defect and goes up as it is.
_MALFORMED = (
    NotImplementedError,  # zipfile: a version or compression it does not know
    RecursionError,
    ValueError,  # UnicodeError too
    IndexError,
    KeyError,
    EOFError,
    OverflowError,
    struct.error,
    zlib.error,
)


def read_attachment(
    data: bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_items: int = MAX_ITEMS,
    cpu_seconds: float = CPU_SECONDS,
    ocr: bool | None = None,
) -> Document:
    """An attachment's bytes → :class:`Document`, or an :class:`AttachmentError`.

    ``max_bytes`` caps what the file unpacks to, all streams, members and text together
    (the file itself is already in memory: its size is the caller's limit to set);
    ``max_items`` the parse work (elements, records, lines, page objects) and
    ``cpu_seconds`` the CPU time of reading it. ``ocr``: read scanned PDF pages and image
    files with Tesseract (:mod:`.ocr`; None: as the caller's block says, see
    :func:`.ocr.ocr_asked`).
    """
    from .ocr import asked

    budget = Budget(max_bytes, max_items, cpu_seconds)
    try:
        return _read_document(data, budget, asked(ocr))
    except AttachmentError:
        raise
    except _MALFORMED as exc:
        raise AttachmentError("corrupt", f"{type(exc).__name__}: {exc}") from None


def _read_document(data: bytes, budget: Budget, ocr: bool) -> Document:
    kind = sniff(data)
    if kind is None:
        raise AttachmentError("corrupt", "an empty file")
    doc = _read_format(kind, data, budget, ocr)
    lines, blocks = clean_blocks(doc.paragraphs, budget)
    if not lines:
        raise AttachmentError("corrupt", f"no text in the {doc.format.upper()} file")
    doc.paragraphs = lines
    doc.release = read_release(lines)
    wrapped = doc.format in ("pdf", "image")
    doc.title = guess_title(lines, doc.title, wrapped=wrapped, blocks=blocks)
    return doc


def _read_format(kind: str, data: bytes, budget: Budget, ocr: bool) -> Document:
    """What the reader of ``kind`` gives: the raw paragraphs, the metadata title, pages,
    the KOGL mark, what OCR read; or the error of a kind that is not read."""
    if kind == "hwp5":
        from .hwp import read_hwp

        hwp = read_hwp(data, budget)
        return Document("hwp5", hwp.paragraphs, kogl=hwp.kogl)
    if kind == "zip":
        from .hwpx import read_hwpx

        return Document("hwpx", read_hwpx(data, budget).paragraphs)
    if kind == "pdf":
        from .pdf import read_pdf

        pdf = read_pdf(data, budget, ocr)
        read_by_ocr = [f"page {n}" for n in pdf.ocr_pages]
        return Document("pdf", pdf.paragraphs, pdf.title, pages=pdf.pages, ocr=read_by_ocr)
    if kind == "image":
        return Document("image", _read_image(data, ocr), ocr=["image"])
    if kind == "drm":
        raise _drm_error(data)
    if kind == "hwp3":
        raise AttachmentError("unsupported format", "HWP 3.0 (only HWP 5, HWPX and PDF are read)")
    if kind == "html":
        raise AttachmentError("not a document", "an HTML page (an expired link or error page?)")
    if kind in ("text", "xml"):
        raise AttachmentError("not a document", f"{kind} data, not an HWP, HWPX or PDF file")
    raise AttachmentError("unsupported format", f"{kind} data, not an HWP, HWPX or PDF file")


def _read_image(data: bytes, ocr: bool) -> list[str]:
    """An image file's text read by OCR; without ``ocr`` it is ``unsupported format``."""
    if not ocr:
        raise AttachmentError(
            "unsupported format", "an image, not an HWP, HWPX or PDF file (read it with --ocr)"
        )
    from . import ocr as tesseract

    tesseract.require()
    lines = tesseract.read_image(tesseract.open_image(data))
    if not lines:
        raise AttachmentError("no text layer", "OCR found no text in the image")
    return lines


def _drm_error(data: bytes) -> AttachmentError:
    """``encrypted``, naming the DRM wrapper's vendor (``encrypted: DRM: MarkAny …``)."""
    from .drm import drm_vendor

    vendor, product = drm_vendor(data) or ("unknown", "wrapper")
    return AttachmentError(
        "encrypted",
        f"DRM: {vendor} ({vendor} {product} wrapper: only the vendor's client opens it; "
        "ask the publisher for an unprotected copy)",
    )


def clean_blocks(
    paragraphs: list[str], budget: Budget | None = None
) -> tuple[list[str], list[int]]:
    """Paragraph texts as lines: line breaks split, tabs and odd spaces made plain spaces,
    ends stripped, blank ones dropped. Inner runs of spaces stay (``담 당 자``). Each line
    counts against ``budget``, before it is split off. With the lines, for each line the
    index of the paragraph it came from (its block of layout: a reader gives a table cell's
    paragraphs as one)."""
    out: list[str] = []
    blocks: list[int] = []
    for index, paragraph in enumerate(paragraphs):
        if budget is not None:
            budget.count(paragraph.count("\n") + 1, "the document's lines")
        for line in _ZERO_WIDTH.sub("", _SPACE.sub(" ", paragraph)).split("\n"):
            line = line.strip()
            if line:
                out.append(line)
                blocks.append(index)
    return out, blocks


_BANNERS = re.compile(
    r"^(?:보도\s*자료|보도\s*참고\s*자료|(?:보도\s*)?(?:설명|해명)\s*자료|press\s+release)$", re.I
)
_UNTITLED = {"무제", "untitled", "제목 없음", "제목없음"}
#: Bullets and dashes that open list items and sub-headings, never a headline.
_BULLET = re.compile(r"^[-–—~※*·•○●◦□■▶▷☞<\[(]")
#: A speaker line above the headline: ``윤석대 한국수자원공사 사장``.
_KICKER = re.compile(
    r"(?:장관|차관|청장|처장|사장|이사장|원장|시장|도지사|군수|구청장|총장|위원장|회장|대표)$"
)


#: How a headline line ends when it goes on in the next line: a comma, a particle that
#: ends no noun (은/는/을/를/으로 …, not 이/가/도/로: 증가, 도로), 및, or an amount cut
#: before its unit (``…141.5억`` / ``달러로 … 감소``).
_TITLE_CUT = re.compile(
    r"(?:[,，·]|(?<=[가-힣])(?:은|는|을|를|에서|으로|에게|부터|까지|및))$"
    r"|\d[\d.,]*\s*(?:억|만|조|천|백)$"
)
#: How far from a line's end _TITLE_CUT looks (its longest cut, ``1,234,567.5 억``, is 13
#: characters): over a whole line, a long run of digits was read once per start (quadratic).
_CUT_TAIL = 32
#: Running text, not a headline: a declarative sentence ending with its full stop.
_SENTENCE = re.compile(r"(?:다|요|음|함|임|됨)\.[\"'”’」』)\]]*$")
#: Longest headline, in characters (a longer line or unit is body text).
TITLE_MAX = 100
#: A wrapped headline spans at most this many lines; each goes on a short one.
_TITLE_LINES = 3
_CONTINUATION_MAX = 40
_LETTERS = re.compile(r"[^\W\d_]")
#: The least share of letters in a headline (of its characters without spaces): headlines
#: with amounts and years (``‘25년 2분기 … 141.5억 달러로 … 13.4% 감소``) have 60%, a row of
#: dates and times (``보도시점 2025. 5. 14.(수) 11:00 배포 …``) about 20%.
MIN_LETTER_SHARE = 0.4


def guess_title(
    lines: list[str],
    doc_title: str | None = None,
    *,
    wrapped: bool = False,
    blocks: list[int] | None = None,
) -> str | None:
    """The document's headline (see :func:`_headline`); else the first line of some
    length that is not a banner (보도자료), a header-table label or its value, a date, a
    list item or a speaker line; the metadata title only when the text offers none (it is
    often a template's: ``무제``). A title label cell (``제목``, ``건명``: a form's, a 공문's)
    names it before all that. ``wrapped``: the lines are a PDF's, cut at the margin;
    ``blocks``: for each line, the block of layout it is a line of (a table cell, a
    paragraph): a headline set over a cell's lines is joined whatever they end with."""
    found = _labelled(lines, blocks) or _headline(lines[:80], wrapped, blocks)
    if found:
        return found
    from .release import is_header_line, is_label, is_when
    from .titles import LETTER_FIELD, is_doc_number

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
        if is_doc_number(line) or LETTER_FIELD.match(line):
            continue
        return line
    if doc_title and doc_title.strip().lower() not in _UNTITLED and len(doc_title) >= 4:
        return doc_title
    return None


def _labelled(lines: list[str], blocks: list[int] | None = None) -> str | None:
    """The value of a title label cell near the top (see :func:`.titles.labelled_title`),
    over the lines it is wrapped on, when it may be a headline."""
    from .titles import labelled_title

    found = labelled_title(lines)
    if found is None:
        return None
    value, at = found
    if not _may_head(value, short=True):
        return None
    if value != lines[at].strip():
        return value  # on the label's own line
    unit, _end = _unit(lines, at, blocks)
    return " ".join(unit)


def _headline(lines: list[str], wrapped: bool, blocks: list[int] | None = None) -> str | None:
    """The headline as a reader finds it, or None:

    - in a release (a 보도자료 banner or header-table labels near the top) it comes after
      the banner, past the header table's labels and values, dates, a document number, the
      speaker line and sub-headings (``- …``);
    - a form or notice without a banner may open with a short title (``교육 이수 확인서``);
    - a headline wrapped over lines (a table cell's two paragraphs, a PDF's narrow cell)
      is joined while a line ends mid-phrase (a comma, a particle, ``141.5억``);
    - running text is never the headline: a unit longer than :data:`TITLE_MAX`, a
      sentence ending in ``…다.``, or, in a PDF, a line that wraps on into a long one (a
      lead paragraph that pdfium printed before the headline).
    """
    from ..wraps import continues
    from .release import is_label
    from .titles import SENTENCE_BANNER

    top = lines[:20]
    banner = next((i for i, line in enumerate(top) if _BANNERS.match(line)), None)
    release = banner is not None or any(is_label(line) for line in top)
    # an explanation (보도설명자료) states its position in a sentence: its headline is one
    sentences = banner is not None and SENTENCE_BANNER.match(lines[banner]) is not None
    first_text = next((i for i, line in enumerate(lines) if _LETTERS.search(line)), None)
    full = _full_line(lines) if wrapped else 0
    i = banner + 1 if banner is not None else 0
    while i < len(lines):
        line = lines[i]
        if is_label(line):
            i += 2  # the label's value follows it
            continue
        form = not release and i == first_text and _opens_fields(lines[i + 1 : i + 2])
        if not _may_head(line, short=form):
            i += 1
            continue
        unit, end = _unit(lines, i, blocks)
        title = " ".join(unit)
        after = lines[end] if end < len(lines) else ""
        # a block of its own (a PDF's lines set larger): ends where the block does
        one_block = blocks is not None and end - i > 1 and blocks[i] == blocks[end - 1]
        running = (
            len(title) > TITLE_MAX
            or (not sentences and _SENTENCE.search(title) is not None)
            or (
                wrapped
                and not one_block
                and (len(after) > _CONTINUATION_MAX or len(unit[0]) >= full)
                and not _is_header(after)
                and continues(unit[-1], after)
            )
        )
        if not running:
            return title
        i = end
        while wrapped and i < len(lines) and continues(lines[i - 1], lines[i]):
            i += 1  # the rest of that wrapped paragraph
    return None


def _full_line(lines: list[str]) -> float:
    """The length from which a PDF line reaches the right margin (so a line that long
    and not ending its sentence is a wrap of running text): 80% of the usual length of the
    long lines; a headline, set larger, fits fewer characters on its line."""
    lengths = sorted(len(line) for line in lines if len(line) >= 20)
    if len(lengths) < 5:
        return float("inf")
    return 0.8 * lengths[(len(lengths) * 3) // 4]


#: A form's field line: ``* 성명 :``, ``1. 신청인 :``, ``성 명 :``.
_FIELD_LINE = re.compile(r"^[^:：]{1,24}[:：]")


def _opens_fields(following: list[str]) -> bool:
    """Whether the line after a short first line is a list item or a field (so the short
    line is a form's title, not an office's name above the real headline)."""
    return bool(following) and bool(_BULLET.match(following[0]) or _FIELD_LINE.match(following[0]))


def _may_head(line: str, short: bool) -> bool:
    """Whether ``line`` may open a headline (``short``: a form's first line, 3 letters
    are enough)."""
    from .release import is_header_line, is_when
    from .titles import LETTER_FIELD, is_doc_number

    squeezed = "".join(line.split())
    letters = len(_LETTERS.findall(squeezed))
    if len(squeezed) < (3 if short else 8) or letters < 3:
        return False
    if letters < MIN_LETTER_SHARE * len(squeezed):
        return False  # a row of dates and numbers (a header row OCR misread a label of)
    if _BANNERS.match(line) or is_header_line(line) or is_when(line) or _BULLET.match(line):
        return False
    if is_doc_number(line) or LETTER_FIELD.match(line):
        return False
    return not (len(squeezed) <= 20 and _KICKER.search(squeezed))


def _is_header(line: str) -> bool:
    """Whether ``line`` belongs to a release's header: a banner, a label, a date."""
    from .release import is_header_line, is_label, is_when

    return bool(_BANNERS.match(line) or is_label(line) or is_header_line(line) or is_when(line))


def _may_go_on(line: str) -> bool:
    """Whether ``line`` may carry on a headline: not a header line nor a list item."""
    return not (_is_header(line) or _BULLET.match(line))


def _unit(lines: list[str], i: int, blocks: list[int] | None = None) -> tuple[list[str], int]:
    """The headline starting at line ``i``, over the lines it is wrapped on, and the index
    after it: the lines of its block of layout (see :func:`_block_unit`), else those that
    follow a line ending mid-phrase."""
    block = _block_unit(lines, i, blocks)
    if block is not None:
        return block, i + len(block)
    unit = [lines[i]]
    j = i + 1
    while (
        j < len(lines)
        and len(unit) < _TITLE_LINES
        and _TITLE_CUT.search(unit[-1].rstrip()[-_CUT_TAIL:])
        and len(lines[j]) <= _CONTINUATION_MAX
        and _may_go_on(lines[j])
    ):
        unit.append(lines[j])
        j += 1
    return unit, j


#: The most lines a headline's block of layout (a table cell, a paragraph with line
#: breaks) holds: two for the headline, one for a sub-heading under it. A larger block is
#: a box of body text, whose lines are not one headline.
BLOCK_LINES = 3


def _block_unit(lines: list[str], i: int, blocks: list[int] | None) -> list[str] | None:
    """The lines of one headline set over a block's lines (a cell's two paragraphs): from
    line ``i``, the first of a small block, while they may carry a headline on; None when
    line ``i`` opens no such block."""
    if blocks is None or (i > 0 and blocks[i - 1] == blocks[i]):
        return None
    size = blocks.count(blocks[i])
    if not 2 <= size <= BLOCK_LINES:
        return None
    unit = [lines[i]]
    for j in range(i + 1, i + size):
        if not _may_go_on(lines[j]) or len(" ".join([*unit, lines[j]])) > TITLE_MAX:
            break
        unit.append(lines[j])
    return unit if len(unit) > 1 else None
