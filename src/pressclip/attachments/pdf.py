"""PDF → lines of text, with pdfium (pypdfium2).

Each page's text layer comes out in pdfium's reading order, one line a text line (or, where
the producer wrote the runs out of order, in the order of their positions: :mod:`.pdforder`),
without the running headers, footers and page numbers at the pages' edges (:mod:`.pages`).
A page of images without text is a scan: with ``ocr`` it is rendered and read by Tesseract
(:mod:`.ocr`); a file of such pages only is otherwise ``no text layer``.
"""

from __future__ import annotations

import base64
import binascii
import re
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .errors import AttachmentError, Budget
from .pages import drop_running
from .pdforder import MAX_RUNS, Run, bands, in_columns, jumps_back, out_of_order, placed_lines

#: pdfium is not thread-safe; one document at a time in a process.
_LOCK = threading.Lock()
MAX_PAGES = 5_000
#: pdfium's FPDF_GetLastError codes for a wrong password and an unknown security handler.
_ERR_PASSWORD = 4
_ERR_SECURITY = 5


@dataclass
class PdfText:
    """The lines of every page in order, the Info dictionary's title, the page count, the
    pages whose text OCR read."""

    paragraphs: list[str]
    title: str | None
    pages: int
    ocr_pages: list[int] = field(default_factory=list)  # the pages OCR read (1-based)


def read_pdf(data: bytes, budget: Budget, ocr: bool = False) -> PdfText:
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
            return _read(doc, budget, ocr)
        finally:
            doc.close()


_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
#: A stream dictionary's /Filter: one name or an array of them (the layers, outermost first).
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]{0,512}\]|/[A-Za-z0-9]+)")
_NAME = re.compile(rb"/([A-Za-z0-9]+)")
#: How far before ``stream`` its dictionary's /Filter is looked for.
_DICT_WINDOW = 2048
#: Filter layers one stream may have. Real files use one (FlateDecode; DCTDecode for a
#: photo), at most two (an ASCII layer over FlateDecode); each layer can multiply the bytes.
MAX_FILTERS = 4


def check_streams(data: bytes, budget: Budget) -> None:
    """Decode every stream's filter layers that can expand (FlateDecode, ASCIIHexDecode,
    ASCII85Decode) in bounded steps, the last layer's output discarded, and count what each
    layer makes against the budget: pdfium decodes content streams whole, so a bomb, or a
    chain of layers (``[/FlateDecode /FlateDecode]``) must be refused before pdfium sees it.
    A layer of another kind (images, encrypted data) and what lies under it are pdfium's."""
    pos = 0
    while (m := _STREAM.search(data, pos)) is not None:
        end = data.find(b"endstream", m.end())
        if end < 0:
            break
        filters = _filters(data[max(pos, m.start() - _DICT_WINDOW) : m.start()])
        _check_layers(memoryview(data)[m.end() : end], filters, budget)
        pos = end + len(b"endstream")


def _filters(head: bytes) -> list[bytes]:
    """The filter names of the stream dictionary that ends ``head`` (the last /Filter in
    it); FlateDecode when none is found (a /Filter given by reference, say)."""
    found = list(_FILTER.finditer(head))
    if not found:
        return [b"FlateDecode"]
    return _NAME.findall(found[-1].group(1))


def _check_layers(raw: memoryview, filters: list[bytes], budget: Budget) -> None:
    if len(filters) > MAX_FILTERS:
        raise AttachmentError("too large", f"a PDF stream with {len(filters)} filter layers")
    budget.count(len(filters), "PDF filter layers")
    layer: bytes | memoryview | None = raw
    for n, name in enumerate(filters):
        decode = _LAYERS.get(name.decode("ascii"))
        if decode is None or layer is None:
            return  # pdfium's to decode, or not this kind of data: pdfium decides
        layer = decode(layer, budget, n + 1 < len(filters))


def _inflate_layer(raw: bytes | memoryview, budget: Budget, keep: bool) -> bytes | None:
    """A FlateDecode layer inflated in bounded steps (kept when another layer follows), or
    None when it is not zlib data."""
    z = zlib.decompressobj()
    out = bytearray()
    chunk: bytes | memoryview = raw
    try:
        while chunk and not z.eof:
            piece = z.decompress(chunk, 1 << 20)
            budget.take(len(piece), "a compressed PDF stream")
            if keep:
                out += piece
            chunk = z.unconsumed_tail
    except zlib.error:
        return None
    return bytes(out)


def _hex_layer(raw: bytes | memoryview, budget: Budget, keep: bool) -> bytes | None:
    """An ASCIIHexDecode layer (at most half its size), or None when it is not hex."""
    text = bytes(raw).split(b">", 1)[0]
    text = b"".join(text.split())
    try:
        out = binascii.unhexlify(text + b"0" * (len(text) % 2))
    except (binascii.Error, ValueError):
        return None
    budget.take(len(out), "an ASCIIHex PDF stream")
    return out


def _a85_layer(raw: bytes | memoryview, budget: Budget, keep: bool) -> bytes | None:
    """An ASCII85Decode layer (``z`` makes four bytes of one), or None when it is broken."""
    text = bytes(raw).split(b"~>", 1)[0].removeprefix(b"<~")
    if text.count(b"z") * 4 > budget.left:
        raise AttachmentError("too large", "an ASCII85 PDF stream of too many zeros")
    try:
        out = base64.a85decode(text, ignorechars=b" \t\n\r\x0b\x0c")
    except ValueError:
        return None
    budget.take(len(out), "an ASCII85 PDF stream")
    return out


_Layer = Callable[[bytes | memoryview, Budget, bool], bytes | None]
#: The filters checked here, by their full and abbreviated (inline image) names.
_LAYERS: dict[str, _Layer] = {
    "FlateDecode": _inflate_layer,
    "Fl": _inflate_layer,
    "ASCIIHexDecode": _hex_layer,
    "AHx": _hex_layer,
    "ASCII85Decode": _a85_layer,
    "A85": _a85_layer,
}


def _read(doc: object, budget: Budget, ocr: bool) -> PdfText:
    count = len(doc)  # type: ignore[arg-type]
    if count == 0:
        raise AttachmentError("corrupt", "a PDF without pages")
    if count > MAX_PAGES:
        raise AttachmentError("too large", f"a PDF of {count:,} pages")
    pages: list[list[str]] = []
    ocr_pages: list[int] = []
    for index in range(count):
        budget.clock(f"page {index + 1}")
        page = _page(doc, index)
        try:
            lines = _page_lines(page, budget, index)
            if ocr and not any(line.strip() for line in lines) and _has_images(page):
                if _ocr_page_left(len(ocr_pages)):
                    lines = _ocr_page(page)
                    ocr_pages.append(index + 1)
        finally:
            page.close()
        pages.append(lines)
    if not any(line.strip() for page in pages for line in page):
        raise AttachmentError(
            "no text layer",
            f"{count} page(s) of images without text (a scan: read it with --ocr)",
        )
    lines, _running = drop_running(pages)
    return PdfText(lines, _title(doc), count, ocr_pages)


def _page(doc: Any, index: int) -> Any:
    import pypdfium2 as pdfium

    try:
        return doc[index]
    except pdfium.PdfiumError as exc:
        raise AttachmentError("corrupt", f"page {index + 1} cannot be read ({exc})") from None


def _page_lines(page: Any, budget: Budget, index: int) -> list[str]:
    """A page's text lines: pdfium's, or by the runs' positions when they are out of order
    (see :func:`by_position`); on the first pages, a headline's lines as one block."""
    import pypdfium2 as pdfium

    try:
        budget.count(_objects(page), f"page {index + 1}")
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        runs = _runs(textpage, budget, index)
        if by_position(runs):
            placed = placed_lines(_with_text(textpage, runs))
            lines = [line.text for line in placed]
            heights = [line.height for line in placed]
        else:
            lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
            heights = _line_heights(textpage, text) if index < HEADLINE_PAGES else []
        if index < HEADLINE_PAGES:
            lines = headline_blocks(lines, heights)
        textpage.close()
    except pdfium.PdfiumError as exc:
        raise AttachmentError("corrupt", f"page {index + 1} cannot be read ({exc})") from None
    budget.take(len(text.encode("utf-8")), f"the text of page {index + 1}")
    return lines


def by_position(runs: list[Run]) -> bool:
    """Whether a page's runs are read by their positions rather than in pdfium's order: runs
    back between a line's runs (Microsoft Print to PDF), or lines back above the text read
    before them (Hancom Office: the headline box and the tables last) on a page not set in
    columns."""
    if len(runs) > MAX_RUNS:
        return False
    line_of = bands(runs)
    if out_of_order(runs, line_of):
        return True
    return jumps_back(runs, line_of) and not in_columns(runs)


#: Pages whose lines are grouped by their size (:func:`headline_blocks`): a document's
#: headline is on its first page, or its second after a cover.
HEADLINE_PAGES = 2
#: A headline's lines are set this much larger than the page's usual line, at least (the
#: MOEF release: 33.9 points of loose glyph height against 18.3 for its body text).
HEADLINE_SCALE = 1.25
#: Two lines are of one size when their heights differ by less than this share.
SAME_SIZE = 0.05


def _line_heights(textpage: Any, text: str) -> list[float]:
    """The loose glyph height of each text line's first character (0 for a blank line):
    the size it is set in. pdfium's characters are ``text``'s, generated line ends too."""
    heights: list[float] = []
    count = textpage.count_chars()
    start = 0
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        first = start + len(line) - len(line.lstrip())
        height = 0.0
        if line.strip() and first < count and len(text) == count:
            left, bottom, right, top = textpage.get_charbox(first, loose=True)
            height = top - bottom
        heights.append(height)
        start += len(line) + (2 if text.startswith("\r\n", start + len(line)) else 1)
    return heights


def headline_blocks(lines: list[str], heights: list[float]) -> list[str]:
    """``lines`` with consecutive lines set in one large size (:data:`HEADLINE_SCALE` over
    the page's usual line) joined by a line break into one entry: one headline over two
    lines, a block of layout as an HWP's table cell is (see ``guess_title``)."""
    sizes = [h for h in heights if h > 0]
    if len(sizes) != len([line for line in lines if line.strip()]) or not sizes:
        return lines
    usual = _usual_size(lines, heights)
    out: list[str] = []
    last = 0.0
    for line, height in zip(lines, heights, strict=True):
        large = height >= HEADLINE_SCALE * usual
        if large and out and abs(height - last) < SAME_SIZE * height:
            out[-1] += "\n" + line
        else:
            out.append(line)
        last = height if large else 0.0
    return out


#: Lines this long (characters) are running text; their size is the page's usual one.
RUNNING_LINE = 20


def _usual_size(lines: list[str], heights: list[float]) -> float:
    """The size the page's running text is set in: the median over the characters of its
    long lines (a table read cell by cell has many short lines, often set smaller)."""
    sized = [(h, len(line)) for line, h in zip(lines, heights, strict=True) if h > 0]
    long = [(h, n) for h, n in sized if n >= RUNNING_LINE]
    weighted = sorted(long if len(long) >= 3 else sized)
    half = sum(count for _h, count in weighted) / 2
    seen = 0
    for height, count in weighted:
        seen += count
        if seen >= half:
            return height
    return weighted[-1][0]


def _has_images(page: Any) -> bool:
    """Whether a page holds an image object (a scan) rather than nothing at all."""
    import pypdfium2.raw as pdfium_c

    return any(obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=2))


def _ocr_page_left(done: int) -> bool:
    """Whether OCR may read one more page of this file (``done`` read so far): the pages
    past :data:`.ocr.MAX_PAGES` stay without text. Raises when OCR cannot run here."""
    from . import ocr

    ocr.require()
    return done < ocr.MAX_PAGES


def _ocr_page(page: Any) -> list[str]:
    """The text Tesseract reads on a scanned page (see :func:`_scan`)."""
    from . import ocr

    return ocr.read_image(_scan(page, ocr.RENDER_DPI, ocr.MAX_PIXELS))


def _scan(page: Any, dpi: int, max_pixels: int) -> Any:
    """The page as a Pillow image for OCR: its one image as stored when that image is the
    page (a scanner's PDF: rendering would resample the scan), else the page rendered at
    ``dpi``; at most ``max_pixels``."""
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()
    images = [o for o in page.get_objects(max_depth=2) if o.type == pdfium_c.FPDF_PAGEOBJ_IMAGE]
    if len(images) == 1:
        pixels = images[0].get_px_size()
        if pixels[0] * pixels[1] <= max_pixels and pixels[0] >= 0.9 * width * dpi / 72:
            return images[0].get_bitmap(render=False).to_pil()
    scale = min(dpi / 72, (max_pixels / (width * height)) ** 0.5)
    return page.render(scale=scale, grayscale=True).to_pil()


def _runs(textpage: Any, budget: Budget, index: int) -> list[Run]:
    """The page's text rectangles in pdfium's order, without their text (see
    :mod:`.pdforder`); none beyond :data:`.pdforder.MAX_RUNS`."""
    count = textpage.count_rects()
    budget.count(count, f"page {index + 1}")
    if count > MAX_RUNS:
        return []
    runs = []
    for i in range(count):
        left, bottom, right, top = textpage.get_rect(i)
        runs.append(Run(left, bottom, right, top, ""))
    return runs


def _with_text(textpage: Any, runs: list[Run]) -> list[Run]:
    """``runs`` with their text: pdfium's characters whose boxes are centred in each
    (its rectangles follow its characters' order; a space goes with the run before it),
    and the size each is set in. Text pdfium finds inside a rectangle would take a
    neighbour's character whose box reaches in (``미국(`` and ``국(52.3``)."""
    import pypdfium2.raw as pdfium_c

    texts: list[list[str]] = [[] for _ in runs]
    at = 0
    for index in range(textpage.count_chars() if runs else 0):
        code = pdfium_c.FPDFText_GetUnicode(textpage.raw, index)
        char = chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code < 0xE000 else ""
        if not char or char in "\r\n\ufffe":
            continue
        if char.isspace():
            if texts[at]:
                texts[at].append(" ")
            continue
        left, bottom, right, top = textpage.get_charbox(index)
        found = _run_at(runs, at, (left + right) / 2, (bottom + top) / 2)
        if found is not None:
            at = found
            texts[at].append(char)
    return [
        Run(r.left, r.bottom, r.right, r.top, "".join(t), _size_at(textpage, r), order)
        for order, (r, t) in enumerate(zip(runs, texts, strict=True))
    ]


#: How many rectangles ahead of the last one a character's is looked for first.
_LOOKAHEAD = 4


def _run_at(runs: list[Run], at: int, x: float, y: float) -> int | None:
    """The index of the run whose rectangle holds the point, from ``at`` on (then any)."""
    ahead = range(at, min(at + _LOOKAHEAD, len(runs)))
    for k in [*ahead, *range(len(runs))]:
        r = runs[k]
        if r.left <= x <= r.right and r.bottom <= y <= r.top:
            return k
    return None


def _size_at(textpage: Any, run: Run) -> float:
    """The loose glyph height (the font's line height) of the character at ``run``'s
    middle, or 0 when pdfium finds none there."""
    import pypdfium2.raw as pdfium_c

    x, y = (run.left + run.right) / 2, (run.bottom + run.top) / 2
    reach_x, reach_y = (run.right - run.left) / 2, run.height / 2
    index = pdfium_c.FPDFText_GetCharIndexAtPos(textpage.raw, x, y, reach_x, reach_y)
    if index < 0:
        return 0.0
    left, bottom, right, top = textpage.get_charbox(index, loose=True)
    return max(top - bottom, 0.0)


def _objects(page: Any) -> int:
    """How many objects (text runs, paths, images) pdfium parsed the page into: what its
    text costs to read, and what a content stream shared by many pages multiplies."""
    import pypdfium2.raw as pdfium_c

    return max(int(pdfium_c.FPDFPage_CountObjects(page.raw)), 1)


def _title(doc: object) -> str | None:
    """The document's metadata title. Read alone: pypdfium2 decodes each value strictly, so
    a lone surrogate in a value (``/Title <FEFFD800>``) raises UnicodeDecodeError, the one
    error measured here, and another field's cannot cost the title."""
    try:
        title = doc.get_metadata_value("Title")  # type: ignore[attr-defined]
    except UnicodeDecodeError:
        return None
    return title.strip() or None if isinstance(title, str) else None
