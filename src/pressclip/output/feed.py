"""An Atom feed (RFC 4287) of archived releases, written with the standard library."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any
from xml.etree import ElementTree as ET

from .._version import __version__
from ..model import Article
from .base import printable
from .markdown import is_web

ATOM = "http://www.w3.org/2005/Atom"
#: Characters of the body shown as an entry's summary.
SUMMARY = 300


def feed_id(name: str) -> str:
    """A stable ``urn:uuid:`` for a feed named ``name`` (the same name, the same id)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"pressclip:feed:{name}").urn


def _when(value: str | dt.datetime | dt.date | None) -> str | None:
    """An RFC 3339 timestamp, or None for a bare date (Atom needs a time)."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
        return value.isoformat(timespec="seconds")
    return None


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    """A child element; its text and attributes without what XML forbids (U+0001, ESC,
    U+FFFE …: a strict reader refuses the whole feed for one) or bidi overrides."""
    clean = {name: printable(value) for name, value in attrs.items()}
    node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", clean)
    if text is not None:
        node.text = printable(text)
    return node


def entry(parent: ET.Element, article: Article, data: dict[str, Any]) -> None:
    """One release as an ``<entry>``: id and link are the post's URL, ``updated`` the
    time it was archived, ``published`` the board's date when it has a time."""
    node = _sub(parent, "entry")
    url = article.url or data.get("url")
    if url and not is_web(url):
        url = None  # a javascript: or data: address is never a feed's link
    _sub(node, "id", url or uuid.uuid5(uuid.NAMESPACE_URL, repr(data)).urn)
    _sub(node, "title", article.title or "(untitled)")
    _sub(node, "updated", _when(data.get("first_seen")) or _now())
    published = _when(article.published)
    if published:
        _sub(node, "published", published)
    if url:
        _sub(node, "link", href=url, rel="alternate", type="text/html")
    author = _sub(node, "author")
    _sub(author, "name", article.author or data.get("board") or "unknown")
    if data.get("board"):
        _sub(node, "category", term=str(data["board"]))
    body = article.body
    summary = body if len(body) <= SUMMARY else body[: SUMMARY - 1].rstrip() + "…"
    _sub(node, "summary", summary, type="text")
    _sub(node, "content", body, type="text")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def atom_feed(
    records: Iterable[tuple[Article, dict[str, Any]]],
    *,
    title: str,
    name: str,
    self_url: str | None = None,
) -> str:
    """The feed document: ``records`` newest first, as given."""
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    _sub(root, "id", self_url or feed_id(name))
    _sub(root, "title", title)
    updated = _sub(root, "updated")
    _sub(root, "generator", "pressclip", version=__version__)
    if self_url:
        _sub(root, "link", href=self_url, rel="self", type="application/atom+xml")
    newest: list[str] = []
    for article, data in records:
        entry(root, article, data)
        newest.append(_when(data.get("first_seen")) or "")
    updated.text = max(newest, default="") or _now()
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, "unicode") + "\n"
