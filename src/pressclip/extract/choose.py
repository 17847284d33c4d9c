"""The one place that chooses a post's fields among what the readers propose.

Readers — an engine profile's selectors, the labelled-field reader (:mod:`.fields`), the
page's metadata — each propose values with where they found them (:class:`Proposal`).
:func:`choose` keeps, per field, the surest proposal: lowest rank first, then page order.
The title is cross-checked with ``<title>``/``og:title``: among equally sure headings, the one
the page's title repeats wins; a metadata title that is the site's or the CMS's name is none.
"""

from __future__ import annotations

from typing import Any

from selectolax.lexbor import LexborHTMLParser

from ..dates import parse_date, parse_iso
from ..model import Article
from .fields import Proposal, fold

FIELDS = ("title", "author", "published", "views")
#: Ranks: engine selectors, labels, headings/classes, page metadata.
ENGINE, LABEL, HEADING, METADATA = 0, 1, 2, 3


def article_proposals(article: Article, source: str) -> list[Proposal]:
    """The fields an engine profile filled, as proposals of the surest rank."""
    out = []
    for name in FIELDS:
        value = getattr(article, name)
        if value is not None and value != "":
            out.append(Proposal(name, value, source, ENGINE))
    return out


def metadata_proposals(
    tree: LexborHTMLParser, meta: dict[str, Any], has_header: bool = False
) -> list[Proposal]:
    """Title, author and date from the page's metadata, without site and CMS names. On a
    page with a post header, a ``<time datetime>`` elsewhere on the page is not the date."""
    names = _site_names(tree)
    out = []
    title = meta.get("title")
    if title and fold(title).lower() not in names:
        out.append(Proposal("title", fold(title), "metadata (JSON-LD, og:title or <title>)", 3))
    author = meta.get("author")
    if author and fold(author).lower() not in names:
        out.append(Proposal("author", fold(author), "metadata (JSON-LD or meta author)", 3))
    published = meta.get("published")
    if published is not None and has_header:
        time = tree.css_first("time[datetime]")
        if time is not None and parse_iso_or_date(time.attributes.get("datetime")) == published:
            published = None
    if published is not None:
        out.append(Proposal("published", published, "metadata (date meta or time)", 3))
    return out


def parse_iso_or_date(text: str | None) -> Any:
    """A ``datetime`` attribute's value, as the metadata reader reads it."""
    if not text:
        return None
    return parse_iso(text.strip()) or parse_date(text)


def _site_names(tree: LexborHTMLParser) -> set[str]:
    """Names of the site and its software: og:site_name, generator, application-name."""
    names: set[str] = set()
    for sel in (
        "meta[property='og:site_name']",
        "meta[name='generator']",
        "meta[name='application-name']",
        "meta[property='og:title']",
        "meta[name='title']",
    ):
        for node in tree.css(sel):
            value = fold(node.attributes.get("content")).lower()
            if value and (sel != "meta[property='og:title']" or " " not in value):
                names.add(value)  # a one-word og:title ("K2WebWizard") names the CMS
    title = tree.css_first("title")
    page_title = fold(title.text()) if title is not None else ""
    if page_title and " " not in page_title.strip(" -|"):
        names.add(page_title.strip(" -|").lower())  # "부산대학교": the site, not a post
    return names


def _title_hints(tree: LexborHTMLParser) -> str:
    parts = []
    node = tree.css_first("title")
    if node is not None:
        parts.append(node.text())
    for meta in tree.css("meta[property='og:title']"):
        parts.append(meta.attributes.get("content") or "")
    return fold(" ".join(parts))


def choose(proposals: list[Proposal], tree: LexborHTMLParser | None = None) -> dict[str, Proposal]:
    """Per field, the chosen proposal (fields nobody proposed are absent)."""
    hints = _title_hints(tree) if tree is not None else ""
    chosen: dict[str, Proposal] = {}
    for name in FIELDS:
        cands = [p for p in proposals if p.field == name]
        if not cands:
            continue
        best_rank = min(p.rank for p in cands)
        best = [p for p in cands if p.rank == best_rank]
        pick = best[0]
        if name == "title" and len(best) > 1 and hints:
            pick = next((p for p in best if str(p.value) in hints), pick)
        chosen[name] = pick
    return chosen


def fill(article: Article, chosen: dict[str, Proposal]) -> dict[str, str]:
    """Set each empty field of ``article`` from ``chosen``; the source of every field."""
    sources: dict[str, str] = {}
    for name in FIELDS:
        prop = chosen.get(name)
        current = getattr(article, name)
        if (current is None or current == "") and prop is not None:
            setattr(article, name, prop.value)
            sources[name] = prop.source
    return sources
