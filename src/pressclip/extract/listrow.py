"""One list row read: its title link and the element that opens its post, its title, date
and notice mark; and the page being read, which says where a link goes (its href, the
profile's template, or the page's JavaScript read by :mod:`.jsnav`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..urls import join
from . import jsnav
from .labels import (
    GENERIC_LINK_TEXTS,
)
from .listcells import (
    DIGIT,
    NUMBER,
    classes_of,
    column_kind,
    column_of,
    has_number,
    inside_node,
    node_text,
    row_date,
    table_cells,
)
from .listtitle import HAS_LETTER, TITLE_CLASS, link_title
from .profile import Profile, link_target

#: Never part of a row's title: screen-reader text, badges, icons, counts, categories.
TITLE_DROP = (
    ".sound_only",
    ".blind",
    ".screen_out",
    ".sr-only",
    ".hidden",
    ".hide",
    "img",
    "i",
    ".new",
    ".icon_new",
    ".badge",
)
_GENERIC_DROP = (
    ".cate",
    ".category",
    "[class*='ategory']",  # styCategory, list-category: a category label before the title
    "[class*='date']",  # sa_date, list-date: a date inside the title's box
    "time",
    ".cmt",
    ".comment",
    ".reply",
    ".replyNum",
    ".date",
    ".summary",
    ".desc",
)
_NOTICE_WORDS = {"공지", "공지사항", "notice", "필독", "[공지]", "[notice]", "[필독]"}
#: A class marks a pinned notice when its parts are "notice" and words such as row or icon
#: (``notice``, ``notice_tr``, ``bo_notice``, ``ico-notice``, ``kboard-list-notice``), not
#: when notice is only the board's name (``notice_title``, ``noticeNum``).
_NOTICE_PART = frozenset({"notice", "noti", "공지"})
_NOTICE_COMPANIONS = frozenset(
    "tr td row item li icon ico img badge mark label is bo list kboard top fixed on y type"
    " span em strong".split()
)
_NOTICE_IMG = re.compile(r"notice|공지|icon_top|ico_top", re.IGNORECASE)
_OTHER_CLASS = re.compile(
    r"cate|category|file|down|attach|writer|author|member|nick|cmt|comment|reply|sv_|"
    r"thumb|thum|img|more|btn|sns|share",
    re.IGNORECASE,
)
_SUMMARY_CLASS = re.compile(
    r"^(?:txt|text|desc|description|summary|cont|content|preview|intro|lead|excerpt)(?:[-_]|$)",
    re.IGNORECASE,
)
JS = re.compile(r"^\s*javascript:", re.IGNORECASE)
_EMPTY_JS = re.compile(r"\s*javascript:\s*(?:void\s*\(\s*0\s*\)|;)?\s*;?\s*", re.IGNORECASE)
#: An onclick that stops the browser following the link's href: its script is the target.
_CANCELS = re.compile(r"return\s+false\s*;?\s*$|preventDefault\s*\(", re.IGNORECASE)


@dataclass
class ListPage:
    """One list page being read: its profile, tree, address, scripts and warnings."""

    profile: Profile | None
    tree: LexborHTMLParser
    url: str | None
    files: Sequence[str] = ()  # the text of the page's external script files, if fetched
    warnings: list[str] = field(default_factory=list)
    undefined: dict[str, None] = field(default_factory=dict)  # functions no script defines
    _scripts: jsnav.Scripts | None = None
    #: Each element read as a row, once (mem_id → the row, None if it is none).
    rows_read: dict[int, Row | None] = field(default_factory=dict)

    @property
    def scripts(self) -> jsnav.Scripts:
        if self._scripts is None:
            self._scripts = jsnav.read_scripts(self.tree, self.files)
        return self._scripts

    def bound(self, node: LexborNode) -> bool:
        """Whether a script of the page binds a click handler to ``node``."""
        return node.mem_id in self.scripts.bound_ids(self.tree)

    def resolve(self, code: str, element: LexborNode) -> jsnav.Result:
        """:func:`.jsnav.resolve` on this page, noting the functions it lacks."""
        result = jsnav.resolve(code, self.scripts, self.url, element)
        self.undefined.update(dict.fromkeys(result.missing))
        return result

    def target(self, node: LexborNode) -> tuple[str | None, str]:
        """The absolute address ``node`` opens (href, profile template, the page's own
        JavaScript), else None and why."""
        onclick = node.attributes.get("onclick") or ""
        if _CANCELS.search(onclick):  # the script runs and the href is never followed
            result = self.resolve(onclick, node)
            if result.url and not result.posted:  # else the href: the site's GET address
                return result.url, result.via
        if self.profile is not None:
            found = link_target(self.profile, node, self.url)
        else:
            found = _plain_target(node, self.url)
        if found:
            return found, ""
        codes = [node.attributes.get("onclick") or ""]
        href = (node.attributes.get("href") or "").strip()
        if JS.match(href):
            codes.insert(0, href)
        reason = ""
        for code in codes:
            if not code.strip() or re.fullmatch(r"(?:javascript:)?\s*(?:void\(0\);?|;)?\s*", code):
                continue
            result = self.resolve(code, node)
            if result.url:
                return result.url, result.via
            reason = reason or result.reason
        if self.bound(node):
            result = jsnav.resolve_click(self.scripts, self.tree, node, self.url)
            self.undefined.update(dict.fromkeys(result.missing))
            if result.url:
                return result.url, result.via
            reason = reason or result.reason
        elif not reason and _waits_for_a_handler(node):
            self.undefined[jsnav.CLICK_HANDLER] = None
            data = ", ".join(k for k in node.attributes if k.startswith("data-"))
            reason = f"a click handler no script of the page binds would read its {data}"
        return None, reason


def _waits_for_a_handler(node: LexborNode) -> bool:
    """A link that goes nowhere by itself (``javascript:;``, ``#``) and carries ``data-*``
    ids: a script's click handler, likely in a script file, opens its post."""
    href = (node.attributes.get("href") or "").strip()
    inert = not href or href == "#" or bool(_EMPTY_JS.fullmatch(href))
    return (
        inert
        and not node.attributes.get("onclick")
        and any(k.startswith("data-") and v for k, v in node.attributes.items())
    )


def _plain_target(node: LexborNode, url: str | None) -> str | None:
    href = (node.attributes.get("href") or "").strip()
    if not href or href.startswith("#") or JS.match(href):
        return None
    return join(url, href)  # None when malformed (http://[x)


@dataclass
class Row:
    node: LexborNode
    link: LexborNode  # the click target that opens the post
    title: str
    date: str | None
    number: bool
    notice: bool
    marked: bool = False  # notice by a class or badge (not by a visible 공지 cell)


def notice_mark(row: LexborNode, profile_marks: set[int]) -> str:
    """How a row is marked as a pinned notice: ``shown`` (a cell or badge reading 공지 /
    Notice, the profile's mark), ``class`` (a notice class or icon), or ''."""
    if row.mem_id in profile_marks or any(n.mem_id in profile_marks for n in row.css("*")):
        return "shown"
    # The number cell reading 공지 (일반공지, [공지] …), or a badge; a category column
    # reading 공지사항 is not.
    cells = table_cells(row)
    if cells and "공지" in node_text(cells[0]) and not DIGIT.search(node_text(cells[0])):
        return "shown"
    badges = list(row.css("span, strong, em, b, i, label"))
    if any(node_text(cell).lower() in _NOTICE_WORDS for cell in cells[:1] + badges):
        return "class"  # a badge: pinned, unless every row wears it (a category)
    for node in [row, *row.css("*")]:
        if any(_is_notice_class(c) for c in classes_of(node)):
            return "class"
        if node.tag == "img":  # the icon's file name, not the folder it sits in
            src = (node.attributes.get("src") or "").rsplit("/", 1)[-1]
            marks = " ".join([src] + [node.attributes.get(a) or "" for a in ("alt", "class")])
            if _NOTICE_IMG.search(marks):
                return "class"
    return ""


def _is_notice_class(token: str) -> bool:
    parts = [p for p in re.split(r"[-_]+", token.lower()) if p]
    return any(p in _NOTICE_PART for p in parts) and all(
        p in _NOTICE_PART or p in _NOTICE_COMPANIONS for p in parts
    )


def _is_generic(text: str) -> bool:
    """A link text that labels an action (자세히보기, 더보기, more), not a title."""
    return re.sub(r"[\s+>›»→.…]+", "", text).lower() in GENERIC_LINK_TEXTS


def _is_toggle(node: LexborNode) -> bool:
    """An in-page link (``href="#cont-3"``) with no script of its own: it shows or hides
    part of the page and opens no post."""
    href = (node.attributes.get("href") or "").strip()
    return node.tag == "a" and len(href) > 1 and href.startswith("#") and not _acts(node)


def _acts(node: LexborNode) -> bool:
    """Whether an element carries a script of its own (onclick, a javascript: href)."""
    href = (node.attributes.get("href") or "").strip()
    onclick = (node.attributes.get("onclick") or "").strip()
    return bool(onclick) or bool(JS.match(href) and not _EMPTY_JS.fullmatch(href))


def clickables(row: LexborNode, page: ListPage | None) -> list[LexborNode]:
    """The row's click targets in order: links, elements with an onclick, elements a
    script of the page binds a click handler to; the row itself when it is one."""
    out = [row] if row.tag == "a" or _acts(row) or (page is not None and page.bound(row)) else []
    out += [
        n
        for n in row.css("*")
        if n.tag == "a" or n.attributes.get("onclick") or (page is not None and page.bound(n))
    ]
    return list({n.mem_id: n for n in out}.values())


def _best_link(
    row: LexborNode, page: ListPage | None, columns: dict[int, str] | None = None
) -> LexborNode | None:
    """The row's title link: most title text, helped by a title class or column, never a
    category, file, author or count link, nor a generic label (자세히보기)."""
    best: tuple[float, LexborNode] | None = None
    labelled: LexborNode | None = None  # a 상세보기 link: the address, not the title
    for a in clickables(row, page):
        if a.mem_id == row.mem_id and row.tag != "a":
            continue  # a clickable row: its title is read from its cells (_title_cell)
        text, _, _ = link_title(a, TITLE_DROP + _GENERIC_DROP)
        if _is_generic(text) and labelled is None and _goes_somewhere(a, page):
            labelled = a
        if not text or not HAS_LETTER.search(text) or NUMBER.match(text) or _is_generic(text):
            continue
        score = float(min(len(text), 60)) + _link_bonus(a, row, columns or {})
        if best is None or score > best[0]:
            best = (score, a)
    if best is None and (row.tag == "a" or _acts(row) or (page is not None and page.bound(row))):
        return row
    return best[1] if best is not None else labelled


def _link_bonus(a: LexborNode, row: LexborNode, columns: dict[int, str]) -> float:
    """Points for the marks of a title link (a heading, a title class or column) and
    against those of other links (a summary, a category, file or author link)."""
    tokens = list(classes_of(a))
    anc = a.parent
    heading = a.css_first("h1, h2, h3, h4, h5, h6, strong, b") is not None
    in_title_column = False
    for _ in range(4):
        if anc is None or anc.mem_id == row.mem_id:
            break
        tokens += classes_of(anc)
        heading = heading or anc.tag in ("h1", "h2", "h3", "h4", "h5", "h6", "strong")
        in_title_column = in_title_column or columns.get(anc.mem_id) == "title"
        anc = anc.parent
    score = 0.0
    if heading or any(TITLE_CLASS.search(t) for t in tokens):
        score += 40
    if in_title_column:
        score += 50
    if any(_SUMMARY_CLASS.search(t) for t in tokens):
        score -= 40
    if _OTHER_CLASS.search(" ".join(classes_of(a))):
        score -= 60
    return score


def _opener(row: LexborNode, title: LexborNode, page: ListPage | None) -> LexborNode:
    """The element that opens the row's post: the title link, unless it only toggles part
    of the page (``href="#cont-3"``); then the row's other link that goes somewhere."""
    if not _is_toggle(title):
        return title
    for node in clickables(row, page):
        if node.mem_id == title.mem_id or _OTHER_CLASS.search(" ".join(classes_of(node))):
            continue
        if not _is_toggle(node) and _goes_somewhere(node, page):
            return node
    return title


def _goes_somewhere(node: LexborNode, page: ListPage | None) -> bool:
    href = (node.attributes.get("href") or "").strip()
    real = bool(href) and not href.startswith("#") and not JS.match(href)
    return real or _acts(node) or (page is not None and page.bound(node))


def read_row(
    row: LexborNode, headers: list[str], notices: set[int], page: ListPage | None
) -> Row | None:
    """A generic row: its title link, title, date, whether it holds a number, notice."""
    columns = column_of(row, headers)
    link = _best_link(row, page, columns)
    if link is None:
        return None
    element = link
    if link.mem_id == row.mem_id and row.tag != "a":  # <tr onclick="…"> without a link
        element = _title_cell(row, headers) or row
    elif _is_generic(node_text(link)):  # 제목 in its cell, the address on a 상세보기 link
        cell = _title_cell(row, headers, link)
        if cell is None:
            return None
        element = cell
    title, badge, element = link_title(element, TITLE_DROP + _GENERIC_DROP)
    if not title:
        return None
    date = row_date(row, element, headers)
    mark = "shown" if badge else notice_mark(row, notices)
    return Row(
        row,
        _opener(row, link, page),
        title,
        date,
        has_number(row, element),
        bool(mark),
        mark == "class",
    )


def _title_cell(
    row: LexborNode, headers: list[str], besides: LexborNode | None = None
) -> LexborNode | None:
    """In a row whose click target is not its title (the row itself, a 상세보기 link): the
    cell headed 제목 or classed as the title, else the cell with the most text (not the
    one holding ``besides``, the link)."""
    cells = [c for c in row.iter() if c.tag in ("td", "th", "div", "span", "p", "strong", "dd")]
    if len(cells) == len(headers):
        for cell, header in zip(cells, headers, strict=True):
            if column_kind(header) == "title":
                return cell
    if besides is not None:
        cells = [c for c in cells if not inside_node(besides, c)]
    for cell in cells:
        if any(TITLE_CLASS.search(c) for c in classes_of(cell)):
            return cell
    texts = [(len(node_text(c)), c) for c in cells if HAS_LETTER.search(node_text(c))]
    return max(texts, key=lambda item: item[0])[1] if texts else None
