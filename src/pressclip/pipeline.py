"""The library's front door: text, HTML or raw bytes in, a clean Article out.

Each function composes the pure stages — decode → extract → dedup — and nothing else.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from .decode import decode
from .dedup import Removal, dedup
from .errors import PressclipError
from .extract.text import extract_text
from .model import Article, Listing

if TYPE_CHECKING:
    from .extract.profile import Profile

_HTML_SNIFF = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|div|p|table|span|br|article|title)\b", re.I
)


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML page rather than scraped plain text."""
    return bool(_HTML_SNIFF.search(text[:4096]))


def apply_dedup(article: Article) -> tuple[Article, list[Removal]]:
    """``article`` with its paragraphs collapsed, and what was removed."""
    result = dedup(article.paragraphs, article.title)
    cleaned = dataclasses.replace(
        article,
        paragraphs=result.paragraphs,
        duplicates_removed=article.duplicates_removed + len(result.removed),
    )
    return cleaned, result.removed


def _finish(article: Article, collapse: bool) -> Article:
    return apply_dedup(article)[0] if collapse else article


def clean_text(text: str, *, collapse: bool = True) -> Article:
    """A scraped text post → Article (metadata parsed, chrome dropped, repeats collapsed)."""
    return _finish(extract_text(text), collapse)


def extract(
    html: str, url: str | None = None, *, collapse: bool = True, profile: Profile | None = None
) -> Article:
    """An HTML page of a post → Article (read by ``profile`` when given)."""
    from .extract.html import extract_html

    return _finish(extract_html(html, url, profile), collapse)


def parse_list(html: str, url: str | None = None, profile: Profile | None = None) -> Listing:
    """A board's list page → its posts and the next page's address."""
    from .extract.html import parse_list as parse

    return parse(html, url, profile)


def read_document(
    data: bytes,
    url: str | None = None,
    charset: str | None = None,
    profile: Profile | None = None,
) -> Article:
    """Bytes of a saved page or a scraped text → Article, before dedup.

    HTML goes through the board extractors, anything else through the text reader.
    """
    if not data.strip():
        raise PressclipError("empty input")
    text, _codec = decode(data, charset)
    if looks_like_html(text):
        from .extract.html import extract_html, is_list_page, parse

        tree = parse(text)
        if is_list_page(tree, profile):
            raise PressclipError("a board's list page, not a post (use: pressclip list)")
        article = extract_html(tree, url, profile)
    else:
        article = extract_text(text)
        if url:
            article.url = url
    return require_post(article)


def require_post(article: Article) -> Article:
    """``article``, or a PressclipError when the page held no post at all (no title, no
    text): a blank page, a login wall or binary junk should not pass as an empty record."""
    if not article.paragraphs and not article.title:
        raise PressclipError("no post found: the page has no title and no body text")
    return article
