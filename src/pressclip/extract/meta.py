"""Page-level metadata (title, author, publication date, canonical URL) from the places a
page states it for machines — JSON-LD, Open Graph and ``article:*`` meta tags,
``<time datetime>`` — and, failing those, from what it shows (``<h1>``, ``<title>``, a
byline). Pure: reads the parsed tree, never changes it."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..dates import parse_date, parse_iso
from ..urls import valid

#: JSON-LD types that describe the article itself (``WebPage`` is only a fallback).
ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "blogposting",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "scholarlyarticle",
        "techarticle",
        "report",
        "socialmediaposting",
        "liveblogposting",
        "posting",
    }
)
_PAGE_TYPES = frozenset({"webpage", "itempage", "aboutpage", "collectionpage"})

_SPACE = re.compile(r"\s+")
_BY = re.compile(r"^\s*(?:by|written by|posted by|author:?|글쓴이|작성자|기자)\s*[:：]?\s*", re.I)
#: Selectors for a visible byline, most specific first.
_BYLINE_CSS = (
    '[itemprop="author"] [itemprop="name"]',
    '[itemprop="author"]',
    '[rel="author"]',
    ".byline-name",
    ".author-name",
    ".byline",
    ".author",
)
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish_date",
    "publish-date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.created",
    "date",
    "sailthru.date",
    "parsely-pub-date",
    "cxenseparse:recs:publishtime",
)
_AUTHOR_META = (
    "author",
    "article:author",
    "dc.creator",
    "byl",
    "parsely-author",
    "sailthru.author",
)


def _fold(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return {t.lower()}
    if isinstance(t, list):
        return {x.lower() for x in t if isinstance(x, str)}
    return set()


def _walk(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every JSON object in a JSON-LD document that has a ``@type``, outermost first."""
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, depth + 1)
    elif isinstance(data, dict):
        if "@type" in data:
            yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _walk(graph, depth + 1)
        main = data.get("mainEntity")
        if isinstance(main, (dict, list)):
            yield from _walk(main, depth + 1)


def _name(value: Any) -> str | None:
    """A person's (or organisation's) name from a JSON-LD ``author`` value."""
    if isinstance(value, str):
        text = _fold(value)
        return text if text and not text.startswith(("http://", "https://")) else None
    if isinstance(value, dict):
        return _name(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(dict.fromkeys(names)) or None
    return None


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return _fold(value) or None
    if isinstance(value, list) and value:
        return _text(value[0])
    if isinstance(value, dict):
        return _text(value.get("@id") or value.get("url"))
    return None


def _when(text: str | None) -> dt.datetime | dt.date | None:
    if not text:
        return None
    text = text.strip()
    value = parse_iso(text)
    if value is None and re.match(r"^\d{4}-\d{2}-\d{2}T", text):
        try:  # shapes parse_iso does not take, e.g. "+0000" or seven fractional digits
            value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            if value.tzinfo is None:
                value = parse_iso(text[:19])
        except ValueError:
            value = None
    return value if value is not None else parse_date(text)


def json_ld(tree: LexborHTMLParser) -> dict[str, Any]:
    """Title, author, published text and url from the page's JSON-LD article object."""
    best: dict[str, Any] | None = None
    fallback: dict[str, Any] | None = None
    for script in tree.css('script[type="application/ld+json"]'):
        raw = script.text(deep=True) or ""
        try:
            data = json.loads(raw.strip().rstrip(";"), strict=False)
        except (ValueError, RecursionError):
            continue
        for obj in _walk(data):
            types = _types(obj)
            if types & ARTICLE_TYPES:
                best = obj
                break
            if fallback is None and types & _PAGE_TYPES:
                fallback = obj
        if best is not None:
            break
    found = best if best is not None else fallback
    if found is None:
        return {}
    obj = found
    return {
        "title": _text(obj.get("headline")) or _text(obj.get("name")),
        "author": _name(obj.get("author")) or _name(obj.get("creator")),
        "published": _text(obj.get("datePublished")) or _text(obj.get("dateCreated")),
        "url": _text(obj.get("url")) or _text(obj.get("mainEntityOfPage")),
        "body": obj.get("articleBody") if isinstance(obj.get("articleBody"), str) else None,
    }


def _metas(tree: LexborHTMLParser) -> dict[str, str]:
    """``<meta>`` contents keyed by lower-cased property/name/itemprop (first wins)."""
    out: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        content = attrs.get("content")
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            k = attrs.get(attr)
            if k:
                out.setdefault(k.strip().lower(), content.strip())
    return out


_TITLE_SEPARATORS = re.compile(r"\s+(?:[|>:<«»—–·-]|::|&gt;)\s+")


def strip_site_name(title: str | None) -> str | None:
    """A ``<title>`` without the board and site names around the post's own title: the
    longest of its parts (``보도자료 > 제목 | 솔내시청`` → ``제목``)."""
    if not title:
        return title
    parts = [p for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    return max(parts, key=len).strip() if parts else title


def _first_text(tree: LexborHTMLParser, selectors: tuple[str, ...]) -> str | None:
    for sel in selectors:
        node = tree.css_first(sel)
        if node is not None:
            text = _fold(node.text(deep=True, separator=" "))
            if text:
                return text
    return None


def byline(tree: LexborHTMLParser) -> str | None:
    """An author name shown on the page (``By Jane Doe``), or None."""
    for sel in _BYLINE_CSS:
        for node in tree.css(sel)[:3]:
            text = _BY.sub("", _fold(node.text(deep=True, separator=" ")))
            if 2 <= len(text) <= 80 and not text.startswith(("http://", "https://")):
                return text
    return None


def page_metadata(tree: LexborHTMLParser) -> dict[str, Any]:
    """``{"title", "author", "published", "url", "body"}``, each None when the page does not
    say (``body``: JSON-LD ``articleBody``).

    ``published`` is an aware datetime (Asia/Seoul when the page gives no zone) or a date.
    """
    result: dict[str, Any] = {
        "title": None,
        "author": None,
        "published": None,
        "url": None,
        "body": None,
    }
    try:
        ld = json_ld(tree)
        meta = _metas(tree)
    except Exception:  # noqa: BLE001 - junk pages must not stop extraction
        return result

    result["body"] = ld.get("body")
    title = ld.get("title") or meta.get("og:title") or meta.get("twitter:title")
    if not title:
        title = _first_text(tree, ("h1",)) or strip_site_name(_first_text(tree, ("title",)))
    result["title"] = title or None

    author = ld.get("author")
    if not author:
        for k in _AUTHOR_META:
            value = _fold(meta.get(k))
            if value and not value.startswith(("http://", "https://")):
                author = value
                break
    result["author"] = author or byline(tree)

    published = _when(ld.get("published"))
    if published is None:
        for k in _DATE_META:
            published = _when(meta.get(k))
            if published is not None:
                break
    if published is None:
        node: LexborNode | None = tree.css_first("time[datetime]")
        if node is not None:
            published = _when(node.attributes.get("datetime"))
    result["published"] = published

    canonical = tree.css_first('link[rel="canonical"]')
    url = canonical.attributes.get("href") if canonical is not None else None
    found = (_fold(url), meta.get("og:url"), ld.get("url"))
    result["url"] = next((u for u in found if valid(u)), None)  # a malformed one is skipped
    return result
