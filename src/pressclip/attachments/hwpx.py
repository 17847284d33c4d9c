"""HWPX (OWPML: a zip of XML parts, KS X 6101) → paragraphs of text.

``META-INF/container.xml`` names the package file (``Contents/content.hpf``), whose spine
lists the sections in reading order; each ``Contents/sectionN.xml`` holds ``hp:p``
paragraphs whose ``hp:t`` elements carry the text. Tables, text boxes and notes are nested
``hp:p`` paragraphs, emitted right after the paragraph that anchors them (as in HWP 5).

Every member's declared size is checked against the budget before it is read, and the
bytes are counted as they inflate (a lying header does not help a zip bomb). XML is parsed
only once it is known to hold no DOCTYPE, so no entity is ever expanded or fetched.
"""

from __future__ import annotations

import io
import lzma
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any
from xml.parsers import expat

from .errors import AttachmentError, Budget, cause

MAX_MEMBERS = 10_000
#: What reading a broken member raises, measured on garbled, cut and relabelled members:
#: a bad CRC or header (BadZipFile), broken deflate (zlib.error), bzip2 (OSError) and LZMA
#: (LZMAError) data, a compression method zipfile does not know (NotImplementedError),
#: and data that ends early (EOFError; ValueError as zipfile documents for its reads).
_MEMBER_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
)
_SECTION = re.compile(r"^Contents/section(\d+)\.xml$", re.I)
#: Inline elements inside ``hp:t`` and what they print as.
_INLINE = {"tab": "\t", "lineBreak": "\n", "nbSpace": "\u00a0", "fwSpace": " ", "hyphen": "-"}


@dataclass
class HwpxText:
    """The paragraphs in reading order and the package's title (often a template's)."""

    paragraphs: list[str]
    title: str | None


def read_hwpx(data: bytes, budget: Budget) -> HwpxText:
    """The text of an HWPX file (its bytes), or an AttachmentError saying why not."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise AttachmentError("corrupt", f"not a readable zip archive ({exc})") from None
    except NotImplementedError as exc:  # a zip version or feature zipfile does not know
        raise AttachmentError(
            "unsupported format", f"a zip archive zipfile cannot read ({exc})"
        ) from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise AttachmentError("too large", f"a zip of {len(infos):,} members")
        names = {i.filename: i for i in infos}
        sections = _section_names(zf, names, budget)
        if not sections:
            if "mimetype" in names or "Contents/content.hpf" in names:
                raise AttachmentError("corrupt", "an HWPX package without sections")
            raise AttachmentError("unsupported format", "a zip archive, not an HWPX document")
        if _encrypted(zf, names, budget):
            raise AttachmentError("password", "the HWPX document is encrypted with a password")
        paragraphs: list[str] = []
        for name in sections:
            paragraphs.extend(section_paragraphs(_member(zf, names[name], budget), name, budget))
        title = _package_title(zf, names, budget)
    return HwpxText(paragraphs, title)


def _member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget) -> bytes:
    """A member's bytes, read in bounded steps: its declared size and the bytes it really
    inflates to both count against the budget."""
    if info.flag_bits & 0x1:
        raise AttachmentError("password", f"{info.filename} is encrypted")
    if info.file_size > budget.left:
        raise AttachmentError(
            "too large",
            f"{info.filename} declares {info.file_size:,} bytes "
            f"(limit {budget.max_bytes:,} for the whole file)",
        )
    out = bytearray()
    try:
        with zf.open(info) as fp:
            while True:
                piece = fp.read(min(budget.left + 1, 1 << 20))
                if not piece:
                    break
                budget.take(len(piece), info.filename)
                out += piece
    except _MEMBER_ERRORS as exc:
        raise AttachmentError(
            "corrupt", f"{info.filename} does not unpack ({cause(exc)})"
        ) from None
    return bytes(out)


_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.I)
_DECLARED = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']+)", re.I)


def check_xml(data: bytes, where: str) -> None:
    """Refuse what XML attacks need: a DOCTYPE (entities, external references) anywhere,
    and any encoding but UTF-8 (in which the DOCTYPE check could be dodged)."""
    declared = _DECLARED.match(data[:200])
    if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        raise AttachmentError("corrupt", f"{where}: XML in {declared.group(1).decode()!r}")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:4]:
        raise AttachmentError("corrupt", f"{where}: XML not in UTF-8")
    if _DTD.search(data):
        raise AttachmentError("corrupt", f"{where}: XML with a DTD or entities (refused)")


def count_elements(data: bytes, where: str, budget: Budget | None) -> None:
    """Count the part's elements (at most one per ``<`` that opens no end tag) against
    ``budget`` before any is built: what an element tree costs depends on their number, not
    on the part's bytes."""
    if budget is not None:
        budget.count(data.count(b"<") - data.count(b"</"), where)


def parse_xml(data: bytes, where: str, budget: Budget | None = None) -> Any:
    """An XML part as an ElementTree element, after :func:`check_xml`: no entity is ever
    declared, expanded or fetched (billion laughs, XXE)."""
    check_xml(data, where)
    count_elements(data, where, budget)
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise AttachmentError("corrupt", f"{where}: broken XML ({exc})") from None


def section_paragraphs(data: bytes, where: str, budget: Budget | None = None) -> list[str]:
    """The text of every ``hp:p`` of a section part in document order, a nested paragraph
    (a table cell, a note) right after the paragraph that anchors it. Of an ``hp:switch``
    only the ``hp:default`` branch is read (its ``hp:case`` branches repeat it)."""
    check_xml(data, where)
    count_elements(data, where, budget)
    reader = _SectionReader()
    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.text
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise AttachmentError("corrupt", f"{where}: broken XML ({exc})") from None
    return ["".join(parts) for parts in reader.out]


class _SectionReader:
    """Expat handlers that collect a section's paragraphs as the XML streams by: no element
    tree is built, so memory grows with the text and the nesting, not the elements."""

    def __init__(self) -> None:
        self.out: list[list[str]] = []
        self.open: list[list[str]] = []  # the paragraphs open around the current element
        self.texts: list[tuple[int, list[str]]] = []  # open hp:t elements: (depth, parts)
        self.depth = 0
        self.skipped = 0  # inside an hp:case: the hp:default beside it holds the same content
        self.cells: list[int] = []  # where in ``out`` each open table cell (hp:tc) starts

    def start(self, tag: str, attrs: object) -> None:
        self.depth += 1
        if tag.endswith("}case"):
            self.skipped += 1
        elif self.skipped:
            return
        elif tag.endswith("}p"):
            buf: list[str] = []
            self.out.append(buf)
            self.open.append(buf)
        elif tag.endswith("}tc"):
            self.cells.append(len(self.out))
        elif self.texts and self.texts[-1][0] == self.depth - 1:
            self.texts[-1][1].append(_INLINE.get(_local(tag), ""))  # a tab, a line break …
        if tag.endswith("}t") and not self.skipped:
            self.texts.append((self.depth, []))

    def end(self, tag: str) -> None:
        depth = self.depth
        self.depth -= 1
        if tag.endswith("}case"):
            self.skipped -= 1
            return
        if self.skipped:
            return
        if tag.endswith("}p") and self.open:
            self.open.pop()
        elif tag.endswith("}tc") and self.cells:
            self._close_cell(self.cells.pop())
        elif self.texts and self.texts[-1][0] == depth:
            _, parts = self.texts.pop()
            if self.open:
                self.open[-1].append("".join(parts))

    def _close_cell(self, start: int) -> None:
        """A cell's paragraphs as one, on lines of their own: a cell's lines are one block of
        layout (a headline set over two)."""
        inside = self.out[start:]
        if len(inside) > 1:
            self.out[start:] = [["\n".join("".join(p) for p in inside)]]

    def text(self, data: str) -> None:
        if self.texts and not self.skipped and self.texts[-1][0] == self.depth:
            self.texts[-1][1].append(data)


def _local(tag: object) -> str:
    """An element's name without its namespace."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _section_names(
    zf: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo], budget: Budget
) -> list[str]:
    """Section parts in reading order: the package spine's, else ``sectionN.xml`` by N."""
    numbered = sorted((int(m.group(1)), n) for n in names if (m := _SECTION.match(n)) is not None)
    fallback = [n for _, n in numbered]
    hpf = _package_path(zf, names, budget)
    if hpf is None:
        return fallback
    root = parse_xml(_member(zf, names[hpf], budget), hpf, budget)
    base = posixpath.dirname(hpf)
    hrefs: dict[str, str] = {}
    for el in root.iter():
        if _local(el.tag) == "item" and el.get("id") and el.get("href"):
            href = el.get("href")
            # Hancom writes hrefs from the package root; the OPF rule is relative to it.
            hrefs[el.get("id")] = href if href in names else posixpath.join(base, href)
    spine = [
        hrefs[ref]
        for el in root.iter()
        if _local(el.tag) == "itemref" and (ref := el.get("idref")) in hrefs
    ]
    ordered = [n for n in spine if n in names and _SECTION.match(n)]
    # Sections the spine forgot still count, after the listed ones.
    return ordered + [n for n in fallback if n not in ordered] if ordered else fallback


def _package_path(
    zf: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo], budget: Budget
) -> str | None:
    """The package (``.hpf``) file named by ``META-INF/container.xml``."""
    container = names.get("META-INF/container.xml")
    if container is not None:
        root = parse_xml(_member(zf, container, budget), container.filename, budget)
        for el in root.iter():
            path = el.get("full-path")
            if _local(el.tag) == "rootfile" and path and path.endswith(".hpf") and path in names:
                return str(path)
    return "Contents/content.hpf" if "Contents/content.hpf" in names else None


def _encrypted(zf: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo], budget: Budget) -> bool:
    """Whether ``META-INF/manifest.xml`` declares encrypted parts (a password document)."""
    manifest = names.get("META-INF/manifest.xml")
    if manifest is None:
        return False
    root = parse_xml(_member(zf, manifest, budget), manifest.filename, budget)
    return any(_local(el.tag) == "encryption-data" for el in root.iter())


def _package_title(
    zf: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo], budget: Budget
) -> str | None:
    hpf = names.get("Contents/content.hpf")
    if hpf is None:
        return None
    root = parse_xml(_member(zf, hpf, budget), hpf.filename, budget)
    for el in root.iter():
        if _local(el.tag) == "title" and el.text and el.text.strip():
            return str(el.text.strip())
    return None
