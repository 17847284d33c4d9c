"""The whole-page reader: the main content of any page (a listing's headlines when they
are its content, the hidden text when the visible is almost none), as lines or an
:class:`~pressclip.model.Article`."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ...model import Article
from ..meta import page_metadata
from .boilerplate import _unmark_prose_holders
from .doc import LINK_DENSITY, _Doc, _prefix, _prose
from .region import _kept_lines, _select
from .walk import CELL_COST, _walk


def _root(tree: LexborHTMLParser) -> LexborNode | None:
    try:
        return tree.body or tree.root
    except Exception:  # noqa: BLE001 - a tree without a document
        return None


#: How many headline links a listing has at least (see :func:`_listing_lines`), and their
#: share of the chosen text's length when they lie inside it. Three are an author box's
#: "latest posts" or a docs page's next steps under a text more often than a blog index
#: (4 rather than 3 helped both halves of wcxb-dev and the article benchmark, and changed
#: no page for the worse).
LISTING_MIN = 4


INDEX_SHARE = 0.1


#: How long a link must be to be a headline (characters).
LISTING_HEADLINE = 20


#: A chosen text this long (characters) is an article: its page is no listing.
ARTICLE_SIZE = 1500


def _headlines(doc: _Doc) -> tuple[list[int], int]:
    """The lines outside boilerplate that are a headline-long link, and the characters of
    the prose lines outside boilerplate (an ``<article>``'s own ``<header>`` is not
    boilerplate here: on a page of teaser cards it holds each card's headline)."""
    n_lines = len(doc.lines)
    line_bad = [False] * n_lines
    i, n = 0, len(doc.tags)
    cards = _card_headers(doc)
    while i < n:
        if doc.bad[i] and not (doc.bad[i] == 1 and i in cards):
            for k in range(doc.first[i], doc.last[i]):
                line_bad[k] = True
            i = doc.end[i]
        else:
            i += 1
    heads: list[int] = []
    prose = 0
    for k in range(n_lines):
        if line_bad[k]:
            continue
        c, nl = doc.chars[k], doc.link_chars[k]
        if nl > LINK_DENSITY * c:
            if nl >= LISTING_HEADLINE:
                heads.append(k)
        else:
            prose += c - nl
    return heads, prose


def _card_headers(doc: _Doc) -> set[int]:
    """The headers of a listing's entries: the ``<header>``s inside ``<article>``s, and the
    elements of one weak "header" class/id that repeats :data:`LISTING_MIN` times or more
    ("item-card__header" on every card): a page has one header, a list one per entry."""
    cards = set(doc.card_headers)
    groups: dict[str, list[int]] = {}
    for i, words in doc.weak_names.items():
        if "header" in words and doc.bad[i] == 1:
            groups.setdefault(words, []).append(i)
    for group in groups.values():
        if len(group) >= LISTING_MIN:
            cards.update(group)
    return cards


def _listing_lines(doc: _Doc, heads: list[int], prose: int) -> list[str]:
    """The main content of a page with headline links ``heads``: of a listing (a front
    page, a category, search results, a catalogue, a blog index) when those links are its
    content, else the usual choice.

    They are the content when the region chosen as usual holds most of them (the entries
    of a blog index: headline, date, summary), or when they outweigh the page's prose and
    no article-sized text was chosen. Otherwise they are "more stories" beside an article.
    Headlines that are content become text lines (worth their length, like a paragraph),
    so the listing's region is chosen and kept, while short links (menus, tags) stay links."""
    values, link_chars, bad = list(doc.values), list(doc.link_chars), list(doc.bad)
    chosen: list[int] = []
    lines = _select(doc, chosen)
    best = chosen[0] if chosen else -1
    inside = []
    if best >= 0:
        lo, hi = doc.first[best], doc.last[best]
        inside = [k for k in heads if lo <= k < hi]
    text = sum(map(len, lines))
    index = (
        len(inside) >= LISTING_MIN
        and 2 * len(inside) > len(heads)
        and sum(doc.chars[k] for k in inside) >= INDEX_SHARE * text
    )
    cards = _card_prose(doc, bad)
    listing = sum(doc.chars[k] for k in heads) + cards
    if not index and (text >= ARTICLE_SIZE or listing <= prose - cards):
        return lines
    doc.values, doc.link_chars, doc.bad = values, link_chars, bad
    headed = set(heads)
    for i in _card_headers(doc):  # a teaser's header: the entry's headline link
        if bad[i] == 1 and not headed.isdisjoint(range(doc.first[i], doc.last[i])):
            bad[i] = 0
    for k in heads:
        doc.values[k] = float(doc.chars[k] - CELL_COST)
        doc.link_chars[k] = 0
    listed: list[int] = []
    entries = _select(doc, listed)
    if index and listed and _held(doc, listed[0], heads) < len(inside):
        # The entries' region holds fewer of them than the usual choice did: the usual
        # choice's lines, read as a listing's (its headlines are its text).
        return _kept_lines(doc, best, _prefix(doc.chars), _prefix(doc.link_chars), None)
    return entries


def _held(doc: _Doc, i: int, lines: list[int]) -> int:
    """How many of ``lines`` element ``i`` holds."""
    return sum(doc.first[i] <= k < doc.last[i] for k in lines)


def _card_prose(doc: _Doc, before: list[int]) -> int:
    """The prose characters of the teaser cards the last choice marked (boilerplate now,
    not in ``before``): on a listing, the entries' summaries, which are its text too."""
    prose = _prefix(_prose(doc))
    out, i, n = 0, 0, len(doc.tags)
    while i < n:
        if doc.bad[i] == 1 and not before[i]:
            out += int(prose[doc.last[i]] - prose[doc.first[i]])
            i = doc.end[i]
        else:
            i += 1
    return out


#: A main text shorter than this (characters) is checked against the page's hidden text;
#: the hidden-included text replaces it when it is this many times longer.
SMALL = 300


UNHIDE = 3


def generic_lines(tree: LexborHTMLParser, wide: bool = False, unhide: bool = True) -> list[str]:
    """The main content's block lines (raw, in page order); ``[]`` when there is none.
    ``unhide=False`` never reads hidden elements (another reader saw the visible post)."""
    root = _root(tree)
    if root is None:
        return []
    lines = _read(_walk(root, wide=wide), wide)
    if unhide and sum(map(len, lines)) < SMALL:
        # Little or nothing visible: a page that hides its content until a script shows it
        # (a server-rendered app streamed into a hidden box, a body kept invisible until its
        # fonts load). Read it with the hidden elements when that gives much more.
        shown = _read(_walk(root, wide=wide, show_hidden=True), wide)
        if sum(map(len, shown)) > UNHIDE * max(1, sum(map(len, lines))):
            return shown
    return lines


def _read(doc: _Doc, wide: bool) -> list[str]:
    """The main content's lines of a walked page: a listing's headlines when they are its
    content (see :func:`_listing_lines`), else the chosen region's."""
    if not wide:
        _unmark_prose_holders(doc)  # the page's wrapper or thread holds its headlines too
    # A Korean page is a board's: the list of posts under a post is not its body.
    heads, prose = ([], 0) if wide else _headlines(doc)
    return _listing_lines(doc, heads, prose) if len(heads) >= LISTING_MIN else _select(doc)


def extract_generic(tree: LexborHTMLParser, url: str | None = None, wide: bool = False) -> Article:
    """An :class:`Article` from any page: metadata from :func:`page_metadata`, paragraphs
    from the densest content container (raw, not deduplicated; ``engine="generic"``)."""
    meta = page_metadata(tree)
    return Article(
        url=url or meta.get("url"),
        title=meta.get("title"),
        author=meta.get("author"),
        published=meta.get("published"),
        paragraphs=generic_lines(tree, wide),
        engine="generic",
    )


def extract_text_generic(html: str) -> str:
    """The main text of an HTML document, paragraphs separated by a blank line."""
    return "\n\n".join(generic_lines(LexborHTMLParser(html)))
