"""OCR of scanned PDF pages and image files: Tesseract (``kor+eng``) through pytesseract.

Opt-in (``--ocr``, or ``read_attachment(..., ocr=True)``): Tesseract is a separate program
and reads a page in seconds, not milliseconds. Without it (or without the ``ocr`` extra)
a scan stays ``no text layer`` and an image ``unsupported format``, with one line on how
to install it (:data:`INSTALL`).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .errors import AttachmentError

#: Tesseract's languages: Korean first (the text), English for the Latin words in it.
LANGUAGES = "kor+eng"
#: Page segmentation 4 (one column of text of varying sizes). On a generated A4 release page
#: at 300 dpi, Tesseract 5.3's automatic segmentation (3) found one line of six; 4 read
#: them all (6 gave 91% of the characters, 4 gave 93%, before the bullet fix below).
PAGE_SEGMENTATION = 4
#: The resolution a scanned PDF page is rendered at for Tesseract: its accuracy falls
#: below 300 dpi (91% of the characters at 200 dpi against 93% on the page above).
RENDER_DPI = 300
#: Pages or images of one file OCR reads at most: about 2.5 s a page on the 2-core
#: machine (benchmarks/attachments.py), so 20 pages is under a minute.
MAX_PAGES = 20
#: Pixels one image may have (Pillow's decompression-bomb guard is 89 M): an A4 page at
#: 600 dpi is 35 M.
MAX_PIXELS = 40_000_000
#: Seconds Tesseract may take on one page before it is stopped.
PAGE_TIMEOUT = 120
INSTALL = (
    "OCR needs Tesseract with its Korean data and the ocr extra: "
    "apt-get install tesseract-ocr tesseract-ocr-kor; pip install 'pressclip[ocr]'"
)

#: Whether OCR is asked for where the caller does not say (``--ocr`` of ``archive``, which
#: reads attachments deep inside the archive code).
_ASKED: contextvars.ContextVar[bool] = contextvars.ContextVar("pressclip_ocr", default=False)


@contextlib.contextmanager
def ocr_asked(on: bool = True) -> Iterator[None]:
    """Within the block, :func:`pressclip.attachments.read_attachment` OCRs by default."""
    token = _ASKED.set(on)
    try:
        yield
    finally:
        _ASKED.reset(token)


def asked(ocr: bool | None) -> bool:
    """``ocr``, or the block's default (:func:`ocr_asked`) when None."""
    return _ASKED.get() if ocr is None else ocr


@functools.cache
def missing() -> str | None:
    """Why OCR cannot run here (no pytesseract or Pillow, no Tesseract, no Korean data),
    or None when it can."""
    try:
        import PIL.Image  # noqa: F401
        import pytesseract
    except ImportError:
        return "the ocr extra (pytesseract, Pillow) is not installed"
    try:
        languages = set(pytesseract.get_languages(config=""))
    except (OSError, RuntimeError, pytesseract.TesseractNotFoundError):
        return "Tesseract is not installed"
    lacking = set(LANGUAGES.split("+")) - languages
    if lacking:
        return f"Tesseract lacks the language data {', '.join(sorted(lacking))}"
    return None


def require() -> None:
    """Raise ``no text layer`` with how to install OCR when it cannot run."""
    why = missing()
    if why is not None:
        raise AttachmentError("no text layer", f"{why}. {INSTALL}")


def version() -> str:
    """Tesseract's version, as the record names the engine (``tesseract 5.3.0``)."""
    import pytesseract

    return f"tesseract {pytesseract.get_tesseract_version()}"


def read_image(image: Any) -> list[str]:
    """The paragraphs Tesseract reads on a Pillow image: read with :data:`LANGUAGES`, each
    word it read as Latin letters where Korean alone reads Hangul more surely taken from that
    reading (:func:`merge`), the bullets fixed."""
    if image.width * image.height > MAX_PIXELS:
        raise AttachmentError("too large", f"an image of {image.width}x{image.height} pixels")
    gray = image.convert("L")
    text, words = _tesseract(gray, LANGUAGES)
    _, korean = _tesseract(gray, LANGUAGES.split("+")[0])
    return paragraphs(merge(text, words, korean))


def paragraphs(text: str) -> list[str]:
    """Tesseract's text as paragraphs: it parts them by a blank line, and a paragraph's
    lines are wraps (Korean wraps between words, so they are joined by a space)."""
    out = []
    for block in re.split(r"\n\s*\n", text):
        lines = [fix_bullet(line) for line in block.splitlines() if line.strip()]
        if lines:
            out.append(" ".join(lines))
    return out


@dataclass(frozen=True)
class Word:
    """A word Tesseract read: its box (left, top, right, bottom), confidence and text."""

    box: tuple[int, int, int, int]
    conf: float
    text: str


def _tesseract(image: Any, languages: str) -> tuple[str, list[Word]]:
    """Tesseract's text of the image and its words (one run writes both)."""
    import os
    import tempfile

    import pytesseract

    config = f"--psm {PAGE_SEGMENTATION} --dpi {RENDER_DPI} tsv"
    with tempfile.TemporaryDirectory(prefix="pressclip-ocr-") as folder:
        source, base = os.path.join(folder, "page.png"), os.path.join(folder, "out")
        image.save(source)
        try:
            pytesseract.pytesseract.run_tesseract(
                source, base, "txt", languages, config, timeout=PAGE_TIMEOUT
            )
        except RuntimeError as exc:  # pytesseract's timeout
            raise AttachmentError("too large", f"OCR of one page took too long ({exc})") from None
        with open(base + ".txt", encoding="utf-8") as f:
            text = f.read()
        with open(base + ".tsv", encoding="utf-8") as f:
            return text, _tsv_words(f.read())


def _tsv_words(tsv: str) -> list[Word]:
    """The words (level 5 rows) of Tesseract's TSV output."""
    words = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) == 12 and cells[0] == "5" and cells[11].strip():
            left, top, width, height = (int(c) for c in cells[6:10])
            words.append(Word((left, top, left + width, top + height), float(cells[10]), cells[11]))
    return words


_LATIN = re.compile(r"[A-Za-z]")
_HANGUL = re.compile(r"[가-힣]")
#: A word of the Korean reading stands in the place of a word of the other when this much
#: of its box lies inside the other's box.
SAME_PLACE = 0.5


def merge(text: str, words: list[Word], korean: list[Word]) -> str:
    """``text`` (the ``kor+eng`` reading) with each word it read as Latin letters replaced
    by the Hangul Korean alone reads in its place, where that reading is surer: on a scan
    the English model turns Korean words into ``ACH`` or ``NaS``, while a real Latin word
    (``OECD``, an e-mail) is read more surely by the languages together. ``words`` are
    ``text``'s words in order, so each is found after the one before."""
    out: list[str] = []
    cursor = 0
    for word in words:
        at = text.find(word.text, cursor)
        if at < 0:
            continue
        reading = None
        if _LATIN.search(word.text) and not _HANGUL.search(word.text):
            reading = _korean_reading(word, korean)
        out.append(text[cursor:at] + (reading or word.text))
        cursor = at + len(word.text)
    return "".join(out) + text[cursor:]


def _korean_reading(word: Word, korean: list[Word]) -> str | None:
    """The Korean reading in ``word``'s place, when it is Hangul and surer."""
    inside = [k for k in korean if _share_inside(k.box, word.box) >= SAME_PLACE]
    if not inside or not all(_HANGUL.search(k.text) for k in inside):
        return None
    if sum(k.conf for k in inside) / len(inside) <= word.conf:
        return None
    return "".join(k.text for k in sorted(inside, key=lambda k: k.box[0]))


def _share_inside(box: tuple[int, int, int, int], outer: tuple[int, int, int, int]) -> float:
    """How much of ``box`` lies inside ``outer``."""
    width = min(box[2], outer[2]) - max(box[0], outer[0])
    height = min(box[3], outer[3]) - max(box[1], outer[1])
    if width <= 0 or height <= 0:
        return 0.0
    return width * height / max((box[2] - box[0]) * (box[3] - box[1]), 1)


def open_image(data: bytes) -> Any:
    """A Pillow image of an image file's bytes (pixels counted before they are decoded)."""
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > MAX_PIXELS:
            raise AttachmentError("too large", f"an image of {image.width}x{image.height} pixels")
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise AttachmentError("corrupt", f"an image Pillow cannot read ({exc})") from None
    return image


#: Bullets of Korean official documents that Tesseract reads as letters: ``□`` as the
#: jamo ``ㅁ`` (or ``口``), ``○`` as ``O``/``o``/``0``, at the start of a line and followed
#: by a space. A lone jamo or a lone O never opens Korean text.
_BULLETS = ((re.compile(r"^[ㅁ口](?=\s)"), "□"), (re.compile(r"^[Oo0](?=\s+[가-힣])"), "○"))


def fix_bullet(line: str) -> str:
    """``line`` with a misread bullet at its start put right."""
    line = line.strip()
    for pattern, bullet in _BULLETS:
        line = pattern.sub(bullet, line)
    return line
