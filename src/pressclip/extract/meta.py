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
    "og:article:author",  # XE and Rhymix write the post's writer there
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


#: How deep the JSON-LD readers look into nested objects and lists: real documents nest a
#: few levels; junk nesting hundreds deep (which JSON parses) is read no further.
_MAX_DEPTH = 6


def _walk(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every JSON object in a JSON-LD document that has a ``@type``, outermost first."""
    if depth > _MAX_DEPTH:
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


def _name(value: Any, depth: int = 0) -> str | None:
    """A person's (or organisation's) name from a JSON-LD ``author`` value."""
    if isinstance(value, str):
        text = _fold(value)
        return text if text and not text.startswith(("http://", "https://")) else None
    if depth >= _MAX_DEPTH:
        return None
    if isinstance(value, dict):
        return _name(value.get("name"), depth + 1)
    if isinstance(value, list):
        names = [n for n in (_name(v, depth + 1) for v in value) if n]
        return ", ".join(dict.fromkeys(names)) or None
    return None


def _text(value: Any, depth: int = 0) -> str | None:
    if isinstance(value, str):
        return _fold(value) or None
    if depth >= _MAX_DEPTH:
        return None
    if isinstance(value, list) and value:
        return _text(value[0], depth + 1)
    if isinstance(value, dict):
        return _text(value.get("@id") or value.get("url"), depth + 1)
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


#: The elements page metadata is read from, found in one pass over the page: each selector
#: names a tag of its own, so the tag of a match tells which one it matched.
_MACHINE_READABLE = (
    'meta, script[type="application/ld+json"], time[datetime], link[rel="canonical"]'
)


def _machine_readable(tree: LexborHTMLParser) -> dict[str, list[LexborNode]]:
    """The page's ``<meta>`` tags, JSON-LD scripts, ``<time datetime>`` and canonical links,
    by tag (``meta``, ``script``, ``time``, ``link``), each in page order."""
    found: dict[str, list[LexborNode]] = {"meta": [], "script": [], "time": [], "link": []}
    for node in tree.css(_MACHINE_READABLE):
        found.setdefault(node.tag or "", []).append(node)
    return found


def json_ld(scripts: list[LexborNode]) -> dict[str, Any]:
    """Title, author, published text and url from the JSON-LD article object of the page's
    ``<script type="application/ld+json">`` elements ``scripts``."""
    best: dict[str, Any] | None = None
    fallback: dict[str, Any] | None = None
    for script in scripts:
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


def _metas(metas: list[LexborNode]) -> dict[str, str]:
    """The contents of the ``<meta>`` tags ``metas`` keyed by lower-cased
    property/name/itemprop (first wins)."""
    out: dict[str, str] = {}
    for node in metas:
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


Candidate = tuple[str, Any, str]  # (field, value, where it was found)


def metadata_candidates(tree: LexborHTMLParser) -> list[Candidate]:
    """Every title, author and date the page's metadata states, each with its source, in
    order of preference (JSON-LD, then meta tags, then the page's own ``<h1>``, ``<title>``,
    byline and ``<time>``); JSON-LD ``articleBody`` as ``body``. A byline is looked for only
    where no metadata names an author."""
    # No catch here: json_ld takes what JSON parsing raises, and every reader checks the
    # shapes it is given, so junk raises nothing and a defect is not silenced.
    found = _machine_readable(tree)
    ld = json_ld(found["script"])
    meta = _metas(found["meta"])
    out: list[Candidate] = []
    if ld.get("body"):
        out.append(("body", ld["body"], "JSON-LD articleBody"))
    for value, source in (
        (ld.get("title"), "JSON-LD headline"),
        (meta.get("og:title"), "og:title"),
        (meta.get("twitter:title"), "twitter:title"),
    ):
        if value:
            out.append(("title", value, source))
    if not any(c[0] == "title" for c in out):
        for value, source in (
            (_first_text(tree, ("h1",)), "<h1>"),
            (strip_site_name(_first_text(tree, ("title",))), "<title>"),
        ):
            if value:
                out.append(("title", value, source))
    authors = [(ld.get("author"), "JSON-LD author")]
    authors += [(_fold(meta.get(k)), f"meta {k}") for k in _AUTHOR_META]
    for value, source in authors:
        if value and not value.startswith(("http://", "https://")):
            out.append(("author", value, source))
    if not any(c[0] == "author" for c in out):
        value = byline(tree)
        if value:
            out.append(("author", value, "byline"))
    dates = [(ld.get("published"), "JSON-LD datePublished")]
    dates += [(meta.get(k), f"meta {k}") for k in _DATE_META]
    if found["time"]:
        dates.append((found["time"][0].attributes.get("datetime"), "<time datetime>"))
    for text, source in dates:
        when = _when(text)
        if when is not None:
            out.append(("published", when, source))
    url = found["link"][0].attributes.get("href") if found["link"] else None
    for value, source in ((_fold(url), "canonical"), (meta.get("og:url"), "og:url")):
        if valid(value):
            out.append(("url", value, source))
    if valid(ld.get("url")):
        out.append(("url", ld["url"], "JSON-LD url"))
    return out


def page_metadata(tree: LexborHTMLParser) -> dict[str, Any]:
    """``{"title", "author", "published", "url", "body"}``: the first of
    :func:`metadata_candidates` of each, None when the page does not say.

    ``published`` is an aware datetime (Asia/Seoul when the page gives no zone) or a date.
    """
    result: dict[str, Any] = dict.fromkeys(("title", "author", "published", "url", "body"))
    for name, value, _source in metadata_candidates(tree):
        if result[name] is None:
            result[name] = value
    return result
