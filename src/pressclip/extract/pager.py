"""The next page of a board list: the pager's link to the current page number + 1.

A pager is a run of links whose text is a page number (``1 2 3 …``), the current page shown
highlighted or unlinked. Links may be plain (``?page=3``, ``pageIndex=3``) or JavaScript
(``javascript:fn_link_page(3)``, ``submitForm(this,'list',3)``), read through the page's
own functions and forms (:mod:`.jsnav`). When the current page ends the pager's block, the
"next" (다음) link leads on, if it points past the current page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import parse_qsl

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..urls import query_of
from .profile import Profile, first, text_of

#: (node) → (absolute address or None, why not); the list reader's link resolver.
Resolver = Callable[[LexborNode], tuple[str | None, str]]

_SCREEN_READER = (".sound_only", ".blind", ".sr-only", ".screen_out", ".hidden", ".hide", ".ir")
_PAGE_NUMBER = re.compile(r"^\s*\[?\s*(\d{1,6})\s*\]?\s*(?:페이지|page)?\s*$", re.IGNORECASE)
_CURRENT = (
    "strong, b, em, .current, .active, .on, .this, .pg_current, .selected, .sel, .now,"
    " [aria-current], [title*='현재']"
)
_CURRENT_WORDS = re.compile(r"현재\s*페이지|현재|current", re.IGNORECASE)
_NEXT_WORDS = {"다음", "다음페이지", "다음 페이지", "next", "›", ">", "next page", "다음으로"}
_NEXT_CLASS = re.compile(r"(?:^|[-_])next(?:[-_]|$)|^btnN01$|^pg_next$", re.IGNORECASE)
_LAST_CLASS = re.compile(r"last|end|btnN02", re.IGNORECASE)
_JS_LAST_INT = re.compile(r"(\d{1,6})\s*['\"]?\s*\)\s*;?\s*(?:return\s+false\s*;?)?\s*$")


_SCREEN_READER_CSS = (", ".join(_SCREEN_READER),)
#: What may surround a page number in a pager link (screen-reader notes included).
_PAGE_WORDS = re.compile(
    r"\s+|[\[\]()]|페이지|현재|이동|번째|선택됨|목록|page|current|selected|go\s*to", re.I
)


def page_number(node: LexborNode) -> int | None:
    """The page number a pager link or highlighted element shows, or None."""
    raw = node.text() or ""
    if len(raw) > 60 or not _PAGE_WORDS.sub("", raw).isdigit():  # cheap: most links are not
        return None
    m = _PAGE_NUMBER.match(text_of(node, _SCREEN_READER_CSS))
    return int(m.group(1)) if m else None


def _says_current(node: LexborNode) -> bool:
    """A screen-reader note or title saying "current page" on the element."""
    hidden = " ".join(text_of(n) for n in node.css(_SCREEN_READER_CSS[0]))
    title = node.attributes.get("title") or ""
    return bool(_CURRENT_WORDS.search(hidden + " " + title))


def pager_scope(profile: Profile | None, tree: LexborHTMLParser) -> LexborNode | LexborHTMLParser:
    """The pager element: the profile's, else the element holding most page-number links."""
    if profile is not None:
        node = first(tree, profile.pager)
        if node is not None:
            return node
    counts: dict[int, tuple[int, LexborNode]] = {}
    for a in tree.css("a"):
        if page_number(a) is None:
            continue
        scope = a.parent
        # Climb over one-link wrappers (li, span) to the element holding the run.
        while scope is not None and scope.parent is not None and len(scope.css("a")) < 2:
            scope = scope.parent
        if scope is not None:
            n, _ = counts.get(scope.mem_id, (0, scope))
            counts[scope.mem_id] = (n + 1, scope)
    if not counts:
        return tree
    return max(counts.values(), key=lambda item: item[0])[1]


def next_page(
    profile: Profile | None,
    tree: LexborHTMLParser,
    url: str | None,
    resolve: Resolver,
    warnings: list[str] | None = None,
) -> str | None:
    """The absolute address of the next list page, or None on the last page.

    A next link that exists but cannot be followed (a function defined outside the page)
    gives None and a line in ``warnings``.
    """
    scope = pager_scope(profile, tree)
    links = [(a, n) for a in scope.css("a") if (n := page_number(a)) is not None]
    current = _current_page(scope, links, url)
    numbered = {a.mem_id for a, _ in links}
    wanted = [a for a, n in links if n == current + 1]
    wanted += [a for a in scope.css("a") if _is_next_link(a) and a.mem_id not in numbered]
    reasons: list[str] = []
    for a in wanted:
        target, why = resolve(a)
        if target is None:
            if why:
                reasons.append(why)
            continue
        if a.mem_id in numbered or _points_past(a, target, links, current):
            return target
    if reasons and warnings is not None:
        warnings.append(f"next page: {reasons[0]}")
    return None


def _is_next_link(a: LexborNode) -> bool:
    classes = (a.attributes.get("class") or "").split()
    if any(_LAST_CLASS.search(c) for c in classes):
        return False
    if any(_NEXT_CLASS.search(c) for c in classes):
        return True
    raw = a.text() or ""
    if len(raw) > 40:
        return False
    words = text_of(a).lower() or " ".join(
        (img.attributes.get("alt") or "").lower() for img in a.css("img")
    )
    return words.strip() in _NEXT_WORDS


def _points_past(
    a: LexborNode, target: str, links: list[tuple[LexborNode, int]], current: int
) -> bool:
    """Whether a "next" link leads past the current page (by its page parameter or the
    number its JavaScript passes); a link we cannot number is trusted."""
    names = _page_params(links)
    for key, value in parse_qsl(query_of(target)):
        if key in names and value.isdigit():
            return int(value) > current
    code = (a.attributes.get("onclick") or "") + (a.attributes.get("href") or "")
    m = _JS_LAST_INT.search(code)
    if m and ("(" in code):
        return int(m.group(1)) > current
    return True


def _current_page(
    scope: LexborNode | LexborHTMLParser, links: list[tuple[LexborNode, int]], url: str | None
) -> int:
    """The page shown: a highlighted number beside the page links, else the URL's page."""
    ids = {a.mem_id for a, _ in links}
    for a, shown in links:
        if _says_current(a):
            return shown
    for node in scope.css(_CURRENT):
        n = page_number(node)
        if n is None or (node.tag == "a" and node.mem_id in ids and _is_real_link(node)):
            continue
        anc = node.parent
        for _ in range(3):
            if anc is None:
                break
            if any(a.mem_id in ids and a.mem_id != node.mem_id for a in anc.css("a")):
                return n
            anc = anc.parent
    return _page_from_url(links, url)


def _is_real_link(node: LexborNode) -> bool:
    onclick = (node.attributes.get("onclick") or "").replace(" ", "")
    return bool(node.attributes.get("href")) and onclick != "returnfalse;"


def _page_params(links: list[tuple[LexborNode, int]]) -> set[str]:
    """The query parameters that carry the page number in the page links."""
    names: set[str] = set()
    for a, n in links:
        for key, value in parse_qsl(query_of(a.attributes.get("href") or "")):
            if value == str(n):
                names.add(key)
    return names


def _page_from_url(links: list[tuple[LexborNode, int]], url: str | None) -> int:
    """The value of the page parameter the page links use (page, pageid, pageIndex …) in url."""
    if not url:
        return 1
    names = _page_params(links)
    for key, value in parse_qsl(query_of(url)):
        if key in names and value.isdigit():
            return int(value)
    return 1
