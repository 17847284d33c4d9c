"""The library's front door: text, HTML or raw bytes in, a clean Article out.

Each function composes the pure stages — decode → extract → dedup — and nothing else.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any

from .attachments import DEFAULT_MAX_BYTES, Document, read_attachment, read_release, sniff
from .decode import decode
from .dedup import Removal, dedup, dedup_blocks, dedup_document
from .errors import PressclipError
from .extract.scraped_text import extract_text
from .model import Article, Listing

#: What :func:`pressclip.attachments.sniff` calls the files read as attachments.
ATTACHMENT_KINDS = frozenset({"hwp5", "hwp3", "zip", "pdf", "drm"})

#: Engines whose lines are whole paragraphs (and table cells), never hard-wrapped.
WHOLE_PARAGRAPHS = frozenset({"hwp5", "hwpx"})
#: Engines of attachments, whose body is the whole document text.
DOCUMENT_ENGINES = frozenset({"hwp5", "hwpx", "pdf", "image"})

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .extract.profile import Profile

_HTML_SNIFF = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|div|p|table|span|br|article|title)\b", re.I
)


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML page rather than scraped plain text."""
    return bool(_HTML_SNIFF.search(text[:4096]))


def is_generic_article(article: Article) -> bool:
    """Whether ``article`` is an article of any site rather than a board's post: no engine
    read it, and its body is the densest block of a page not in Korean."""
    from .extract.readers import ARTICLE_DENSITY

    return article.engine == "generic" and article.sources.get("body") == ARTICLE_DENSITY


def apply_dedup(article: Article) -> tuple[Article, list[Removal]]:
    """``article`` with its paragraphs collapsed, and what was removed. A board's post loses
    copies and hard wraps (:func:`.dedup.dedup`); a document (an attachment) nothing, its
    hard wraps joined (:func:`.dedup.dedup_document`); an article of any site only
    whole repeated blocks (:func:`.dedup.dedup_blocks`): its lines are its markup's blocks,
    never hard-wrapped, and a line said twice is its own."""
    # OCR gives paragraphs already (Tesseract parts them by layout): no wraps to join
    wraps = article.engine not in WHOLE_PARAGRAPHS and not article.ocr
    if article.engine in DOCUMENT_ENGINES:
        # Every line of a document is content, its headline included (the reader has left
        # out the lines printed on every page); a PDF's wrapped lines are joined.
        result = dedup_document(article.paragraphs, wraps=wraps)
    elif is_generic_article(article):
        result = dedup_blocks(article.paragraphs, article.title)
    else:
        result = dedup(article.paragraphs, article.title, wraps=wraps)
    cleaned = dataclasses.replace(
        article,
        paragraphs=result.paragraphs,
        duplicates_removed=article.duplicates_removed + len(result.removed),
    )
    return cleaned, result.removed


def with_release(article: Article) -> Article:
    """``article`` with the press-release facts its body's lines carry (a header table of
    보도일시 / 배포일시 / 담당부서 …), read before dedup touches the lines."""
    if article.release is None:
        article.release = read_release(article.paragraphs)
    return article


def _finish(article: Article, collapse: bool) -> Article:
    article = with_release(article)
    return apply_dedup(article)[0] if collapse else article


def clean_text(text: str, *, collapse: bool = True) -> Article:
    """A scraped text post → Article (metadata parsed, chrome dropped, repeats collapsed)."""
    return _finish(extract_text(text), collapse)


def extract(
    html: str, url: str | None = None, *, collapse: bool = True, profile: Profile | None = None
) -> Article:
    """An HTML page of a post → Article (read by ``profile`` when given)."""
    from .extract.dispatch import extract_html

    return _finish(extract_html(html, url, profile), collapse)


def parse_list(
    html: str,
    url: str | None = None,
    profile: Profile | None = None,
    scripts: Sequence[str] = (),
) -> Listing:
    """A board's list page → its posts and the next page's address. ``scripts``: the text
    of the page's external script files, whose functions rows and pager may call."""
    from .extract.dispatch import parse_list as parse

    return parse(html, url, profile, scripts)


#: Names that promise an attachment: such a file holding a web page is an error page.
DOCUMENT_SUFFIXES = (".hwp", ".hwpx", ".hwt", ".pdf")


def read_document(
    data: bytes,
    url: str | None = None,
    charset: str | None = None,
    *,
    name: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    profile: Profile | None = None,
    ocr: bool = False,
) -> Article:
    """Bytes of a saved page, a scraped text or an attachment → Article, before dedup.

    The bytes say what they are: HWP 5, HWPX and PDF go to :func:`read_attachment`
    (``max_bytes`` caps what they unpack to), HTML through the board extractors, anything
    else through the text reader. ``name`` (the file's name) never picks a reader, but a
    ``.hwp``/``.hwpx``/``.pdf`` that holds a web page or text is ``not a document``. With
    ``ocr``, scanned PDF pages and image files (JPEG, PNG …) are read by Tesseract; without
    it an image is ``unsupported format``.
    """
    kind = sniff(data)
    if (
        kind in ATTACHMENT_KINDS
        or kind == "image"  # read with --ocr, else refused saying so
        or (name is not None and name.lower().endswith(DOCUMENT_SUFFIXES))
    ):
        return from_attachment(read_attachment(data, max_bytes=max_bytes, ocr=ocr), url)
    if not data.strip():
        raise PressclipError("empty input")
    text, _codec = decode(data, charset)
    if looks_like_html(text):
        from .extract.dispatch import extract_html, is_list_page, parse

        tree = parse(text)
        if is_list_page(tree, profile):
            raise PressclipError("a board's list page, not a post (use: pressclip list)")
        article = extract_html(tree, url, profile)
    else:
        article = extract_text(text)
        if url:
            article.url = url
    return with_release(require_post(article))


def from_attachment(doc: Document, url: str | None = None) -> Article:
    """An attachment's Document as a record: ``engine`` is the format, ``body`` its text."""
    return Article(
        url=url,
        title=doc.title,
        paragraphs=list(doc.paragraphs),
        engine=doc.format,
        release=doc.release,
        ocr=list(doc.ocr),
        sources={
            "title": f"{doc.format} document: its headline",
            "body": f"{doc.format} document: its text"
            + (f" (OCR, Tesseract: {', '.join(doc.ocr)})" if doc.ocr else ""),
        },
    )


def describe_input(
    data: bytes,
    url: str | None = None,
    *,
    name: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    profile: Profile | None = None,
    scripts: Sequence[str] = (),
) -> dict[str, Any]:
    """What ``pressclip detect`` prints for what ``clean`` reads, dispatched as
    :func:`read_document` dispatches it: a document's fields, a page's readers and their
    proposals, or the text reader's fields."""
    from .extract.dispatch import describe, describe_article, describe_text

    kind = sniff(data)
    if kind in ATTACHMENT_KINDS or (name is not None and name.lower().endswith(DOCUMENT_SUFFIXES)):
        article = from_attachment(read_attachment(data, max_bytes=max_bytes), url)
        return describe_article(article, article.engine or "document")
    if not data.strip():
        raise PressclipError("empty input")
    text, _codec = decode(data)
    if looks_like_html(text):
        return describe(text, url, profile, scripts=scripts)
    return describe_text(text, url)


def require_post(article: Article) -> Article:
    """``article``, or a PressclipError when the page held no post at all (no title, no
    text): a blank page, a login wall or binary junk should not pass as an empty record."""
    if not article.paragraphs and not article.title:
        raise PressclipError("no post found: the page has no title and no body text")
    return article
