"""List pages: the rows that link posts, read through an engine profile, and the next page."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..dates import parse_list_date
from ..model import Listing, ListPost
from .profile import Profile, first, link_target, select_all, text_of

#: Never part of a row's title: screen-reader text, badges, icons.
_TITLE_DROP = (".sound_only", ".blind", ".screen_out", "img", "i", ".new", ".icon_new", ".badge")
_TRAILING_NOISE = re.compile(
    # Comment counts have at most 3 digits: "(2024)" at the end of a title is a year.
    r"(?:\s*(?:\[\d{1,3}\]|\(\d{1,3}\)|\+\s*\d{1,3}|\bN\b|\bnew\b|새글|NEW))+\s*$",
    re.IGNORECASE,
)
_NOTICE_WORDS = {"공지", "공지사항", "notice", "필독"}
_PAGE_NUMBER = re.compile(r"^\s*(\d{1,6})\s*(?:페이지|page)?\s*$", re.IGNORECASE)
_DATE_CELL = re.compile(r"^[\d\s./\-:년월일()]+$")
_CURRENT = "strong, b, em, .current, .active, .on, .this, .pg_current, .selected, [aria-current]"


def clean_title(text: str) -> str:
    """A row title without trailing comment counts and New badges."""
    return _TRAILING_NOISE.sub("", text).strip()


def parse_rows(profile: Profile, tree: LexborHTMLParser, url: str | None) -> list[ListPost]:
    """Every row of the list that links a post, in page order."""
    notices = {n.mem_id for sel in profile.row_notice for n in tree.css(sel)}
    posts: list[ListPost] = []
    for row in select_all(tree, profile.rows):
        post = _row_post(profile, row, url, notices)
        if post is not None:
            posts.append(post)
    return posts


def _row_post(
    profile: Profile, row: LexborNode, url: str | None, notices: set[int]
) -> ListPost | None:
    link = first(row, profile.row_link)
    if link is None:
        return None
    target = link_target(profile, link, url)
    title = clean_title(text_of(link, profile.row_link_drop + _TITLE_DROP))
    if not target or not title:
        return None
    return ListPost(title, target, _row_date(profile, row, link), _is_notice(row, notices))


def _row_date(profile: Profile, row: LexborNode, link: LexborNode) -> str | None:
    """The row's date cell (profile selector, else the first cell that is only a date)."""
    node = first(row, profile.row_date)
    if node is not None:
        return parse_list_date(node.attributes.get("title") or text_of(node)) or parse_list_date(
            text_of(node)
        )
    for cell in row.css("td"):
        text = text_of(cell)
        if text and _DATE_CELL.match(text) and cell.css_first("a") is None:
            value = parse_list_date(text)
            if value and ("-" in text or "." in text or "/" in text or "년" in text):
                return value
    return None


def _is_notice(row: LexborNode, notices: set[int]) -> bool:
    """A pinned notice: marked by the profile, or a first cell reading 공지 / Notice."""
    if row.mem_id in notices or any(n.mem_id in notices for n in row.css("*")):
        return True
    cell = row.css_first("td, th")
    return cell is not None and text_of(cell).lower() in _NOTICE_WORDS


# --------------------------------------------------------------------------- pagination


def _page_number(node: LexborNode) -> int | None:
    m = _PAGE_NUMBER.match(text_of(node, (".sound_only", ".blind")))
    return int(m.group(1)) if m else None


def next_page(profile: Profile, tree: LexborHTMLParser, url: str | None) -> str | None:
    """The absolute address of the link to the current page number + 1, or None."""
    scope = first(tree, profile.pager) or tree
    links = [(a, n) for a in scope.css("a") if (n := _page_number(a)) is not None]
    if not links:
        return None
    current = _current_page(scope, links, url)
    for a, n in links:
        if n == current + 1:
            target = link_target(profile, a, url)
            if target:
                return target
    return None


def _current_page(
    scope: LexborNode | LexborHTMLParser, links: list[tuple[LexborNode, int]], url: str | None
) -> int:
    """The page shown: a highlighted number beside the page links, else the URL's page."""
    ids = {a.mem_id for a, _ in links}
    for node in scope.css(_CURRENT):
        n = _page_number(node)
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


def _query(url: str) -> str:
    """The query string of ``url`` ('' when it does not parse)."""
    try:
        return urlsplit(url).query
    except ValueError:
        return ""


def _page_from_url(links: list[tuple[LexborNode, int]], url: str | None) -> int:
    """The value of the page parameter the page links use (page, pageid, pageIndex …) in url."""
    if not url:
        return 1
    names: set[str] = set()
    for a, n in links:
        for key, value in parse_qsl(_query(a.attributes.get("href") or "")):
            if value == str(n):
                names.add(key)
    for key, value in parse_qsl(_query(url)):
        if key in names and value.isdigit():
            return int(value)
    return 1


def parse_listing(profile: Profile, tree: LexborHTMLParser, url: str | None) -> Listing:
    """The list page as a Listing."""
    return Listing(
        url=url,
        posts=parse_rows(profile, tree, url),
        next_page=next_page(profile, tree, url),
        engine=profile.engine,
    )
