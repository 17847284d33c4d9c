"""HTML → Article / Listing: parse once, find the engine, read the page through its profile.

Engines are tried in :data:`PROFILES` order; the generic table profile comes last, and a page
no profile claims goes to the generic main-content extractor. To add an engine, write a
module with a ``PROFILE`` and list it here.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from ..decode import decode
from ..errors import PressclipError
from ..model import Article, Listing
from . import egov, gnuboard4, gnuboard5, kboard, table, xe
from .blocks import block_lines
from .listing import looks_like_list, parse_listing
from .profile import Profile, body_node, claims, extract_view, is_view, text_of

PROFILES: tuple[Profile, ...] = (
    gnuboard5.PROFILE,
    gnuboard4.PROFILE,
    xe.PROFILE,
    kboard.PROFILE,
    egov.PROFILE,
    table.PROFILE,
)

_LANDMARKS = ", ".join(sel for profile in PROFILES for sel in profile.detect)
#: Deeper elements are unwrapped before parsing, as browsers stop nesting at 512.
MAX_DEPTH = 512
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)")
#: Elements that never deepen the tree: void elements, and those the parser closes by itself
#: when a sibling starts. (A ``/>`` does not close a non-void element in HTML.)
_FLAT = frozenset(
    "area base br col embed hr img input link meta param source track wbr keygen frame"
    " basefont bgsound p li dt dd tr td th option optgroup".split()
)


def too_deep(html: str, limit: int = MAX_DEPTH) -> bool:
    """Whether elements in ``html`` nest deeper than ``limit`` (a quick pass, no rewriting)."""
    depth = 0
    for closing, name in _TAG.findall(html):
        if name in _FLAT or name.lower() in _FLAT:
            continue
        if closing:
            depth -= depth > 0
        else:
            depth += 1
            if depth > limit:
                return True
    return False


def flatten_deep(html: str, limit: int = MAX_DEPTH) -> str:
    """``html`` without the tags nested deeper than ``limit`` (their text is kept).

    One linear pass over the tags; pages that stay under the limit come back unchanged.
    """
    if not too_deep(html, limit):
        return html
    out: list[str] = []
    pos = depth = 0
    for m in _TAG.finditer(html):
        closing, name = m.groups()
        if name.lower() in _FLAT:
            continue
        if closing:
            depth -= depth > 0
            if depth < limit:
                continue
        else:
            depth += 1
            if depth <= limit:
                continue
        if m.start() < pos:
            continue
        end = html.find(">", m.end())
        end = len(html) if end < 0 else end + 1
        out.append(html[pos : m.start()])
        pos = end
    if not out:
        return html
    out.append(html[pos:])
    return "".join(out)


def parse(html: str | bytes) -> LexborHTMLParser:
    """A lexbor tree of ``html`` (bytes are decoded by the browser's rules), nesting capped."""
    if isinstance(html, bytes):
        html = decode(html)[0]
    if not isinstance(html, str):
        raise PressclipError(f"expected HTML text, got {type(html).__name__}")
    html = flatten_deep(html)
    for _attempt in range(2):
        try:
            return LexborHTMLParser(html)
        except UnicodeEncodeError:  # lone surrogates (rare: only from lenient decoding)
            html = html.encode("utf-8", "replace").decode("utf-8")
        except Exception as exc:  # the parser's own failures are bad input, not our bug
            raise PressclipError(f"cannot parse HTML: {exc}") from exc
    raise PressclipError("cannot parse HTML: not encodable as UTF-8")


def _tree_and_text(html: str | bytes | LexborHTMLParser) -> tuple[LexborHTMLParser, str]:
    if isinstance(html, LexborHTMLParser):
        return html, html.html or ""
    tree = parse(html)
    return tree, html if isinstance(html, str) else (tree.html or "")


def detect(tree: LexborHTMLParser, html: str = "") -> Profile | None:
    """The profile of the engine that made the page, or None for an unknown page."""
    # Bytes: substring search on a wide (non-ASCII) str is several times slower.
    head = html[:32_768].encode("utf-8", "surrogatepass")  # engines mark their <head>
    landmarks = tree.css_first(_LANDMARKS) is not None  # one DOM pass for all profiles
    for profile in PROFILES:
        if claims(profile, tree, head, html, landmarks=landmarks):
            return profile
    return None


def page_url(tree: LexborHTMLParser) -> str | None:
    """The page's own address: ``<link rel=canonical>``, else ``og:url``."""
    for sel, attr in (("link[rel='canonical']", "href"), ("meta[property='og:url']", "content")):
        node = tree.css_first(sel)
        value = (node.attributes.get(attr) or "").strip() if node is not None else ""
        if value:
            return value
    return None


def is_list_page(html: str | bytes | LexborHTMLParser, profile: Profile | None = None) -> bool:
    """Whether the page is a board's list page (rows of posts, no post shown).

    ``profile`` (a site profile, see :mod:`.site`) reads the page instead of detection."""
    tree, text = _tree_and_text(html)
    profile = profile or detect(tree, text)
    if profile is not None and is_view(profile, tree):
        return False
    return looks_like_list(profile, tree)


def extract_html(
    html: str | bytes | LexborHTMLParser, url: str | None = None, profile: Profile | None = None
) -> Article:
    """The post on a view page; ``paragraphs`` are the raw body lines (not yet deduped).

    ``profile`` (a site profile, see :mod:`.site`) reads the page instead of detection."""
    tree, text = _tree_and_text(html)
    base = url or page_url(tree)
    profile = profile or detect(tree, text)
    if profile is None or body_node(profile, tree) is None:
        article = _generic(tree, base)
        if profile is not None and not article.engine:
            article.engine = "generic"
        return article
    article = extract_view(profile, tree, base)
    article.url = base
    _fill_from_metadata(article, tree)
    return article


def _fill_from_metadata(article: Article, tree: LexborHTMLParser) -> None:
    """Fields an engine's skin did not show where its profile looks, from the page's
    metadata (JSON-LD, Open Graph, ``<title>``): a skin we have not seen still gives them."""
    if article.title and article.published and article.author:
        return
    from .meta import page_metadata

    meta = page_metadata(tree)
    article.title = article.title or meta.get("title")
    article.published = article.published or meta.get("published")
    article.author = article.author or meta.get("author")


def parse_list(
    html: str | bytes | LexborHTMLParser, url: str | None = None, profile: Profile | None = None
) -> Listing:
    """The posts on a list page, in page order, and the next page's address.

    ``profile`` (a site profile, see :mod:`.site`) reads the page instead of detection."""
    tree, text = _tree_and_text(html)
    base = url or page_url(tree)
    return parse_listing(profile or detect(tree, text), tree, base)


def _generic(tree: LexborHTMLParser, url: str | None) -> Article:
    """A page no engine claims: the generic extractor, or the body's lines if it is absent."""
    try:
        from .generic import extract_generic
    except ImportError:
        title = text_of(tree.css_first("h1") or tree.css_first("title")) or None
        return Article(url=url, title=title, paragraphs=block_lines(tree.body), engine="generic")
    return extract_generic(tree, url)
