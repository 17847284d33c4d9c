"""List pages: the rows that link posts, and the next page.

An engine profile names its rows; a page no profile reads is read by structure: a list is
a run of sibling elements of one shape (table rows, ``li`` items, ``div`` rows or cards,
``dl``, links) each with its own text and a click target: a link, an ``onclick`` on any
element of the row, or an element a script of the page binds a click handler to (a card
whose ``data-post_no`` the handler reads). A row needs no date or number: a run counts when
most rows show a date, a number or a notice mark, when a header row names a title column,
or when its rows open one kind of address (path and parameter names) with title-length
texts, which menus, tabs and search filters lack. The run with the most rows wins (dated
rows count double); runs of the same kind beside it and nearby groups of the same posts
(notice cards above a table, photo cards before a list) join it in page order, while
sliders, site chrome, most-read boxes and other boards' posts stay out. In each row:

- the title is the row's link with the most title text, not a category, file, author or
  comment-count link, nor a generic label (자세히보기, more); inside a card link, the element
  whose class names the title; as shown, without a leading label its tooltip leaves out;
  an in-page toggle title (``href="#cont-3"``) takes its address from the row's other link;
- the date is the column its header names (등록일, 공고시작일 …), else an element whose own
  text is a date (a mobile label such as ``<span class="only-m">등록일</span>`` set aside),
  read from its text before any tooltip; a period (``25.04.18 ~ 25.05.02``, a 접수기간 or
  마감일 column) is never the post's date;
- a notice is a row marked 공지 / Notice (a cell, a badge, a class, an icon), the badge
  taken out of the title; a class or badge on every row marks nothing;
- a row that opens its post through JavaScript or a form gets the GET address read from
  the page's own functions, handlers and forms (:mod:`.jsnav`); one whose target cannot be
  read is kept with ``url=None`` and a warning on the Listing.

The reading is in parts: :mod:`.listcells` (cell texts, dates, columns), :mod:`.listtitle`
(title parts), :mod:`.listrow` (one row and where its link goes) and :mod:`.listfind`
(finding the list); this module reads a page's rows and pager into a Listing.
"""

from __future__ import annotations

from collections.abc import Sequence

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..model import Listing, ListPost
from . import pager
from .listcells import date_of, header_labels, row_date
from .listfind import CHROME, find_rows, visible_len
from .listrow import TITLE_DROP, ListPage, Row, notice_mark
from .listtitle import clean_title, link_title
from .profile import Profile, first, select_all

__all__ = ["PROSE_LIMIT", "clean_title", "find_rows", "looks_like_list", "parse_listing"]


def _profile_rows(page: ListPage, notices: set[int]) -> list[Row]:
    """Rows by the engine profile's selectors."""
    profile = page.profile
    if profile is None or not profile.rows:
        return []
    out: list[Row] = []
    for node in select_all(page.tree, profile.rows):
        link = first(node, profile.row_link)
        if link is None:
            continue
        title, badge, _ = link_title(link, profile.row_link_drop + TITLE_DROP)
        if not title:
            continue
        date = None
        date_node = first(node, profile.row_date)
        if date_node is not None:
            date = date_of(date_node)
        if date is None:
            date = row_date(node, link, header_labels(node))
        mark = "shown" if badge else notice_mark(node, notices)
        out.append(Row(node, link, title, date, False, bool(mark), mark == "class"))
    return out


def _posts(page: ListPage, rows: list[Row]) -> list[ListPost]:
    posts: list[ListPost] = []
    for row in rows:
        target, reason = page.target(row.link)
        anc = row.link.parent if row.link.mem_id != row.node.mem_id else None
        while target is None and anc is not None:  # <tr onclick="goView(3)"> around a link
            if anc.attributes.get("onclick") or page.bound(anc):
                found, why = page.target(anc)
                target, reason = found, (why if found else why or reason)
            anc = anc.parent if anc.mem_id != row.node.mem_id else None
        if target is None:
            why = reason or "its link has no address"
            page.warnings.append(f"row {len(posts) + 1} «{row.title}»: no address ({why})")
        elif reason:  # an address read from a call that loads the post into the page
            page.warnings.append(f"row {len(posts) + 1} «{row.title}»: address {reason}")
        posts.append(ListPost(row.title, target, row.date, row.notice))
    return posts


def _notice_marks(page: ListPage) -> set[int]:
    if page.profile is None:
        return set()
    return {n.mem_id for sel in page.profile.row_notice for n in page.tree.css(sel)}


def parse_listing(
    profile: Profile | None,
    tree: LexborHTMLParser,
    url: str | None,
    scripts: Sequence[str] = (),
) -> Listing:
    """The list page as a Listing; ``warnings`` says what could not be read, ``undefined``
    which functions its rows and pager call that no script read defines. ``scripts`` are
    the texts of the page's external script files, read after its own scripts."""
    page = ListPage(profile, tree, url, scripts)
    notices = _notice_marks(page)
    rows = _profile_rows(page, notices)
    # The reader that read the rows: the profile (by its row selectors, or by structure for
    # a profile that has none), or "generic" when the profile's row selectors found nothing.
    stepped_aside = profile is not None and bool(profile.rows) and not rows
    engine = profile.engine if profile is not None and not stepped_aside else "generic"
    rows = rows or find_rows(page, notices)
    posts = _posts(page, rows)
    following = pager.next_page(profile, tree, url, page.target, page.warnings)
    return Listing(
        url=url,
        posts=posts,
        next_page=following,
        engine=engine,
        warnings=page.warnings,
        undefined=list(page.undefined),
    )


_CHROME_TAGS = frozenset(
    "a script style noscript template head nav aside select option button label".split()
)
#: A page with this much running text outside its list and its chrome shows a post
#: (unless its dated rows hold more text than that themselves).
PROSE_LIMIT = 400


def looks_like_list(profile: Profile | None, tree: LexborHTMLParser) -> bool:
    """Whether the page is a list page: rows, on a page a profile claims; on a page no
    profile claims, at least 3 dated rows and no post text beside them."""
    page = ListPage(profile, tree, None)
    notices = _notice_marks(page)
    if profile is not None:
        return bool(_profile_rows(page, notices) or find_rows(page, notices))
    rows = find_rows(page, notices)
    dated = [r for r in rows if r.date]
    if len(rows) < 3 or len(dated) < 3:
        return False
    # Beside many rows a page may show more words (a search form's help, menus) than a
    # post's page shows beside its few related links: the rows' own text is the measure.
    shown = sum(visible_len(r.node.text() or "") for r in dated)
    return _prose_outside(tree, rows) < max(PROSE_LIMIT, shown)


def _prose_outside(tree: LexborHTMLParser, rows: list[Row]) -> int:
    """Characters of running text outside the rows' container, links and site chrome."""
    inside = {n.mem_id for r in rows for n in r.node.css("*")} | {r.node.mem_id for r in rows}
    root = tree.body
    if root is None:
        return 0
    total = 0
    stack = [root]
    while stack:
        node = stack.pop()
        if node.mem_id in inside or node.tag in _CHROME_TAGS:
            continue
        if node.tag in ("header", "footer") and not _inside(node, "article"):
            continue
        marks = (node.attributes.get("class") or "") + " " + (node.attributes.get("id") or "")
        if node.tag not in ("body", "html") and any(CHROME.search(m) for m in marks.split()):
            continue
        for child in node.iter(include_text=True):
            if child.tag == "-text":
                total += len((child.text_content or "").strip())
            else:
                stack.append(child)
    return total


def _inside(node: LexborNode, tag: str) -> bool:
    anc = node.parent
    while anc is not None:
        if anc.tag == tag:
            return True
        anc = anc.parent
    return False
