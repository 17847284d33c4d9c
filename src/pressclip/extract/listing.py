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
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..dates import parse_list_date
from ..model import Listing, ListPost
from ..urls import join
from . import jsnav, pager
from .labels import (
    CELL_LABELS,
    DATE_HEADERS,
    GENERIC_LINK_TEXTS,
    NUMBER_HEADERS,
    PERIOD_HEADERS,
    POST_DATE_PREFIXES,
    TEXT_OTHER_WORDS,
    TITLE_HEADERS,
    spaced,
)
from .profile import Profile, first, link_target, select_all, text_of

#: Never part of a row's title: screen-reader text, badges, icons, counts, categories.
_TITLE_DROP = (
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
_TRAILING_NOISE = re.compile(
    # Comment counts have at most 3 digits: "(2024)" at the end of a title is a year.
    r"(?:\s*(?:\[\d{1,3}\]|\(\d{1,3}\)|\+\s*\d{1,3}|\bN\b|\bnew\b|새글|NEW))+\s*$",
    re.IGNORECASE,
)
_NOTICE_WORDS = {"공지", "공지사항", "notice", "필독", "[공지]", "[notice]", "[필독]"}
_NOTICE_BADGE = re.compile(
    # "[Notice]" or a bare 공지 before the title; a bare English "Notice" starts a sentence.
    r"^\s*(?:\[\s*(?:공지|공지사항|notice)\s*\]|【\s*공지\s*】|공지(?=\s))\s*",
    re.IGNORECASE,
)
#: A class marks a pinned notice when its parts are "notice" and words such as row or icon
#: (``notice``, ``notice_tr``, ``bo_notice``, ``ico-notice``, ``kboard-list-notice``), not
#: when notice is only the board's name (``notice_title``, ``noticeNum``).
_NOTICE_PART = frozenset({"notice", "noti", "공지"})
_NOTICE_COMPANIONS = frozenset(
    "tr td row item li icon ico img badge mark label is bo list kboard top fixed on y type"
    " span em strong".split()
)
_NOTICE_IMG = re.compile(r"notice|공지|icon_top|ico_top", re.IGNORECASE)
_TITLE_CLASS = re.compile(r"(?:^|[-_])(?:tit|title|subject|subj|sbj|headline)(?:[-_]|\d|$)", re.I)
_OTHER_CLASS = re.compile(
    r"cate|category|file|down|attach|writer|author|member|nick|cmt|comment|reply|sv_|"
    r"thumb|thum|img|more|btn|sns|share",
    re.IGNORECASE,
)
_SUMMARY_CLASS = re.compile(
    r"^(?:txt|text|desc|description|summary|cont|content|preview|intro|lead|excerpt)(?:[-_]|$)",
    re.IGNORECASE,
)
_DATE_CLASS = re.compile(
    r"(?:^|[-_])(?:date|regdate|reg_date|wdate|datetime|time|day|regist|reg)(?:[-_]|$)", re.I
)
#: Labels a mobile layout prints before a cell's value.
_CELL_LABEL = re.compile(
    r"^\s*(?:"
    + "|".join(spaced(w) for w in sorted(CELL_LABELS, key=len, reverse=True))
    + r")\s*[:：]?\s*",
    re.IGNORECASE,
)
_LABEL_NODES = (
    ".only-m",
    ".m-only",
    ".mobile",
    ".sound_only",
    ".blind",
    ".sr-only",
    ".screen_out",
    ".hidden",
    ".hide",
    ".label",
    ".tit",
    ".th",
)
_DATE_ONLY = re.compile(
    r"^[\[(]?\s*(?:\d{2,4}\s*[-./년]\s*)?\d{1,2}\s*[-./월]\s*\d{1,2}\s*[.일]?\s*"
    r"(?:\([^)]{1,3}\))?\s*(?:(?:오전|오후|AM|PM)?\s*\d{1,2}\s*[:시]\s*\d{1,2}(?:\s*[:분]\s*\d{1,2})?"
    r"\s*[분초]?\s*(?:AM|PM)?)?\s*[\])]?$",
    re.IGNORECASE,
)
_TIME_ONLY = re.compile(r"^\s*(?:오전|오후|AM|PM)?\s*\d{1,2}\s*:\s*\d{2}(?::\d{2})?\s*$", re.I)
_PERIOD = re.compile(r"[~∼〜]|\s-\s|\d\s*-\s*\d{2,4}\s*[-./]\s*\d{1,2}\s*[-./]")
_NUMBER = re.compile(r"^\d[\d,]*$")
_DATE_WORDS = ("등록일", "작성일", "게시일", "날짜", "일자", "등록일자", "작성일자", "date")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_CELLS = "td, th, span, em, p, div, li, dd, dt, time, strong, b, small, font, i, label"
_ROW_TAGS = frozenset({"tr", "li", "div", "dl", "article", "a", "p", "section"})
_MAX_ROW_TEXT = 3000
_MAX_ROWS = 1000  # rows read from one list (boards show tens a page)
_MAX_ROW_LINKS = 12
_JS = re.compile(r"^\s*javascript:", re.IGNORECASE)
_EMPTY_JS = re.compile(r"\s*javascript:\s*(?:void\s*\(\s*0\s*\)|;)?\s*;?\s*", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
#: An onclick that stops the browser following the link's href: its script is the target.
_CANCELS = re.compile(r"return\s+false\s*;?\s*$|preventDefault\s*\(", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_CALLED = re.compile(r"([A-Za-z_$][\w$.]*)\s*\(")
_NEW_WINDOW = re.compile(r"새\s*창")
#: A bracketed label before a title (``[공고]``, ``[남부지방산림청]``).
_LEADING_LABEL = re.compile(r"^\s*\[[^\]]{1,20}\]\s*")
#: Characters a title and its tooltip share for the tooltip to vouch for the title.
_LABEL_EVIDENCE = 10
#: Median title length of a list whose rows show dates or numbers (a search filter's
#: 전체 / 국방부 buttons with counts are shorter), and of a list whose rows show neither
#: (menus and tabs are short labels; post titles are sentences).
_MIN_LABELLED_TITLE = 6
_MIN_BARE_TITLE = 12
#: How far up from the main list nearby groups of the same posts are looked for.
_RELATED_LEVELS = 3
#: A notice class or badge on every row of this many rows marks nothing.
_UNIFORM_MIN = 3
#: What a list in the site's chrome (navigation, sidebar, footer) weighs beside one in
#: the content.
_CHROME_WEIGHT = 0.5
#: One fixed parameter in this many may differ between a list and a group beside it.
_FIXED_SHARE = 4
#: Characters below which an element without a digit holds no post title.
_SHORT_TEXT = 6
#: A link to a file, not a post (download handlers, file ids).
_FILE_LINK = re.compile(r"down|file|attach|atch", re.IGNORECASE)
_BADGE_TEXT = re.compile(r"^(?:\[[^\]]{1,10}\]|\([^)]{1,10}\)|.{1,3})$")
#: Containers of other lists of the site's posts (most read, latest, recommended).
_OTHER_LIST = re.compile(
    r"(?:^|[-_])(?:popular|best|hot|rank(?:ing)?|recent|latest|most|recommend|related|"
    r"interest|today|week(?:ly)?|issue|side|aside|widget|banner)(?:[-_]|\d|$)",
    re.IGNORECASE,
)
_SLIDER = re.compile(r"slide|slick|swiper|carousel|owl-|bxslider|rolling|visual", re.IGNORECASE)


def clean_title(text: str) -> str:
    """A row title without trailing comment counts and New badges."""
    return _TRAILING_NOISE.sub("", text).strip()


@dataclass
class _Page:
    """One list page being read: its profile, tree, address, scripts and warnings."""

    profile: Profile | None
    tree: LexborHTMLParser
    url: str | None
    files: Sequence[str] = ()  # the text of the page's external script files, if fetched
    warnings: list[str] = field(default_factory=list)
    undefined: dict[str, None] = field(default_factory=dict)  # functions no script defines
    _scripts: jsnav.Scripts | None = None
    #: Each element read as a row, once (mem_id → the row, None if it is none).
    rows_read: dict[int, _Row | None] = field(default_factory=dict)

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
        if _JS.match(href):
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
    if not href or href.startswith("#") or _JS.match(href):
        return None
    return join(url, href)  # None when malformed (http://[x)


# --------------------------------------------------------------------------- rows


@dataclass
class _Row:
    node: LexborNode
    link: LexborNode  # the click target that opens the post
    title: str
    date: str | None
    number: bool
    notice: bool
    marked: bool = False  # notice by a class or badge (not by a visible 공지 cell)


def _title_element(link: LexborNode) -> LexborNode | None:
    """Inside a card link holding title, date and summary: the element that is the title."""
    for node in link.css("*"):
        if node.mem_id == link.mem_id:
            continue
        if any(_TITLE_CLASS.search(c) for c in _classes(node)) and text_of(node):
            return node
    heading = link.css_first("h1, h2, h3, h4, h5, h6")
    return heading if heading is not None and text_of(heading) else None


def _text(node: LexborNode | None, drop: tuple[str, ...] = ()) -> str:
    """:func:`text_of` with the drop selectors run as one query (rows are read often)."""
    return text_of(node, (", ".join(drop),) if drop else ())


def _classes(node: LexborNode) -> list[str]:
    return (node.attributes.get("class") or "").split()


def _link_title(link: LexborNode, drop: tuple[str, ...]) -> tuple[str, bool, LexborNode]:
    """A link's title text as shown, whether it carried a notice badge, and the element it
    came from (the link, or the part of a card link that is the title)."""
    node = _title_element(link) or _title_part(link, drop)
    if any(any(_DATE_CLASS.search(c) for c in _classes(n)) for n in node.css("*")):
        node = _title_part(node, drop)  # a title box holding the date too: its title part
    text = _without_parts(node, _text(node, drop), drop)
    tooltip = (link.attributes.get("title") or "").strip()
    text = _without_label(text, tooltip)
    if not text and tooltip and not _NEW_WINDOW.search(tooltip):
        text = tooltip
    notice = False
    m = _NOTICE_BADGE.match(text)
    if m and text[m.end() :].strip():
        text, notice = text[m.end() :], True
    return clean_title(text), notice, node


def _without_parts(node: LexborNode, text: str, drop: tuple[str, ...]) -> str:
    """A title element's text without its parts that are not the title: a leading element
    that is only a bracketed category (``<span>[진도소식]</span> 진도군, …``) and trailing
    elements that are only a date (a card's ``<span>2026-09-11</span>``) or a comment
    count (``<span>댓글</span><span>+ 2</span>``)."""
    if not _own_text(node):
        return text
    children = [c for c in node.iter() if _text(c, drop)]
    if children and _CATEGORY.fullmatch(_text(children[0], drop)):
        lead = _text(children[0], drop)
        if text.startswith(lead) and text[len(lead) :].strip():
            text = text[len(lead) :].strip()
    for child in reversed(children):
        tail = _text(child, drop)
        counted = _COUNT_PART.fullmatch(tail) or tail in TEXT_OTHER_WORDS
        if not (counted or _is_date_text(_cell_text(child))) or not text.endswith(tail):
            break
        if not text[: -len(tail)].strip():
            break
        text = text[: -len(tail)].strip()
    return text


#: A count shown as its own element after a title (a comment count): ``+ 2``, ``(3)``,
#: ``[3]``, ``개``.
_COUNT_PART = re.compile(r"\+?\s*\d+|[\[(]\s*\d+\s*[\])]|[개건]")
#: A category shown as its own element before a title: ``[농수축산물 / 진도개]``.
_CATEGORY = re.compile(r"\[[^\[\]]{1,30}\]")


def _without_label(text: str, tooltip: str) -> str:
    """``text`` without a leading bracketed label (``[공고]``, ``[본청]``) that the link's own
    tooltip leaves out of the same title: the site's title is the rest."""
    m = _LEADING_LABEL.match(text)
    if not m or not tooltip or _LEADING_LABEL.match(tooltip):
        return text
    rest = text[m.end() :]
    common = len(_common_prefix(rest, tooltip))
    return rest if common >= min(_LABEL_EVIDENCE, len(rest), len(tooltip)) else text


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _title_part(link: LexborNode, drop: tuple[str, ...]) -> LexborNode:
    """In a link made of parts (title, date, summary) with no text of its own: the first
    part that is not a date, a count or a short badge; else the link itself."""
    node = link
    for _ in range(4):
        if _own_text(node):
            return node
        parts = [
            child
            for child in node.iter()
            if (text := _text(child, drop))
            and _HAS_LETTER.search(text)
            and not _is_date_text(_cell_text(child))
            and not any(_DATE_CLASS.search(c) for c in _classes(child))
        ]
        if not parts:
            return node
        if len(parts) == 1:
            node = parts[0]
            continue
        chosen = next((p for p in parts if not _BADGE_TEXT.match(_text(p, drop))), None)
        if chosen is None:
            return node
        node = chosen  # a part made of parts (title and details) is read the same way
    return node


def _own_text(node: LexborNode) -> str:
    return "".join(
        (c.text_content or "") for c in node.iter(include_text=True) if c.tag == "-text"
    ).strip()


def _cell_text(node: LexborNode) -> str:
    """A cell's text without a mobile label before its value (등록일 2024-01-02 → the date)."""
    text = _text(node, _LABEL_NODES)
    return _CELL_LABEL.sub("", text).strip()


def _is_date_text(text: str) -> bool:
    return bool(text) and bool(_DATE_ONLY.match(text) or _TIME_ONLY.match(text))


def _date_of(node: LexborNode) -> str | None:
    """The date an element shows: its text (own text first), a ``<time datetime>``, then a
    tooltip only when the text shows just a time of day; None for a period. A day shown
    without its year (``06-10``) takes the year of a full date kept inside the same element
    (a hidden time stamp) when the two agree."""
    candidates = [_cell_text(node)]
    own = _CELL_LABEL.sub("", _own_text(node)).strip()
    if own and own != candidates[0]:
        candidates.append(own)
    for text in candidates:
        if not _is_date_text(text) or _PERIOD.search(text):
            continue
        if _TIME_ONLY.match(text):
            for attr in ("datetime", "title"):
                value = node.attributes.get(attr) or ""
                if value and not _TIME_ONLY.match(value):
                    day = parse_list_date(value)
                    if day and not day.startswith("--"):
                        return day
        day = parse_list_date(text)
        return _with_year(node, day)
    stamp = node.attributes.get("datetime") if node.tag == "time" else None
    return parse_list_date(stamp) if stamp else None


def _with_year(node: LexborNode, day: str | None) -> str | None:
    """``--MM-DD`` completed from a full date inside ``node`` with the same month and day."""
    if not day or not day.startswith("--"):
        return day
    for child in node.css("*"):
        full = parse_list_date(_text(child)) if _DIGIT.search(_text(child)) else None
        if full and not full.startswith("--") and full[4:10] == day[1:7]:
            return full[:10]
    return day


def _header_labels(row: LexborNode) -> list[str]:
    """The column headers of the table a row belongs to (empty when unknown)."""
    if row.tag != "tr":
        return []
    table = row.parent
    while table is not None and table.tag != "table":
        table = table.parent
    if table is None:
        return []
    head = table.css_first("thead tr")
    if head is None:
        for tr in table.css("tr"):
            if tr.css_first("th") is not None and tr.css_first("td") is None:
                head = tr
                break
    if head is None or head.mem_id == row.mem_id:
        return []
    return [_label(cell) for cell in head.iter() if cell.tag in ("th", "td")]


def _label(node: LexborNode) -> str:
    return re.sub(r"\s+", "", text_of(node)).lower()


def _column_kind(header: str) -> str:
    """What a column header names: ``date`` (the post's date), ``period``, ``title``,
    ``number`` or '' (see the header vocabulary at the top of the module)."""
    if not header:
        return ""
    ends = [w for w in PERIOD_HEADERS if w != "시작" and w in header]
    if any(header.startswith(w) for w in POST_DATE_PREFIXES) and "일" in header and not ends:
        return "date"  # 공고시작일, 공고일자: the day the notice was posted (공고마감일 is not)
    if any(w in header for w in PERIOD_HEADERS):
        return "period"
    if any(w in header for w in DATE_HEADERS):
        return "date"
    if any(w in header for w in TITLE_HEADERS):
        return "title"
    if any(header == w for w in NUMBER_HEADERS):
        return "number"
    return ""


def _cells(row: LexborNode) -> list[LexborNode]:
    return [c for c in row.iter() if c.tag in ("td", "th")] if row.tag == "tr" else []


def _column_of(row: LexborNode, headers: list[str]) -> dict[int, str]:
    """Each cell of a table row (mem_id) → the kind of column its header names."""
    cells = _cells(row)
    if not cells or len(cells) != len(headers):
        return {}
    return {c.mem_id: _column_kind(h) for c, h in zip(cells, headers, strict=True)}


def _row_date(row: LexborNode, title: LexborNode, headers: list[str]) -> str | None:
    """The row's post date (see the module docstring), or None."""
    columns = _column_of(row, headers)
    skip = {n.mem_id for n in title.css("*")} | {title.mem_id}
    anc = title.parent
    while anc is not None and anc.mem_id != row.mem_id:
        skip.add(anc.mem_id)
        anc = anc.parent
    hinted: list[str] = []
    by_header: list[str] = []
    plain: list[str] = []
    for node in [row, *row.css(_CELLS)]:
        if node.mem_id in skip or (node.mem_id == row.mem_id and row.tag != "a"):
            continue
        kind = columns.get(node.mem_id, "")
        if kind == "period":
            continue
        day = _date_of(node)
        if day is None:
            continue
        if kind == "date":
            by_header.append(day)
        elif any(_DATE_CLASS.search(c) for c in _classes(node)):
            hinted.append(day)
        else:
            plain.append(day)
    for found in (by_header, hinted, plain):
        if found:
            return found[0]
    return None


def _has_number(row: LexborNode, link: LexborNode) -> bool:
    inside = {n.mem_id for n in link.css("*")} | {link.mem_id}
    return any(
        node.mem_id not in inside and _NUMBER.match(_cell_text(node))
        for node in row.css("td, th, span, em, div, dd, strong, b, p")
    )


def _notice_mark(row: LexborNode, profile_marks: set[int]) -> str:
    """How a row is marked as a pinned notice: ``shown`` (a cell or badge reading 공지 /
    Notice, the profile's mark), ``class`` (a notice class or icon), or ''."""
    if row.mem_id in profile_marks or any(n.mem_id in profile_marks for n in row.css("*")):
        return "shown"
    # The number cell reading 공지 (일반공지, [공지] …), or a badge; a category column
    # reading 공지사항 is not.
    cells = _cells(row)
    if cells and "공지" in _text(cells[0]) and not _DIGIT.search(_text(cells[0])):
        return "shown"
    badges = list(row.css("span, strong, em, b, i, label"))
    if any(_text(cell).lower() in _NOTICE_WORDS for cell in cells[:1] + badges):
        return "class"  # a badge: pinned, unless every row wears it (a category)
    for node in [row, *row.css("*")]:
        if any(_is_notice_class(c) for c in _classes(node)):
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
    return bool(onclick) or bool(_JS.match(href) and not _EMPTY_JS.fullmatch(href))


def _clickables(row: LexborNode, page: _Page | None) -> list[LexborNode]:
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
    row: LexborNode, page: _Page | None, columns: dict[int, str] | None = None
) -> LexborNode | None:
    """The row's title link: most title text, helped by a title class or column, never a
    category, file, author or count link, nor a generic label (자세히보기)."""
    best: tuple[float, LexborNode] | None = None
    labelled: LexborNode | None = None  # a 상세보기 link: the address, not the title
    for a in _clickables(row, page):
        if a.mem_id == row.mem_id and row.tag != "a":
            continue  # a clickable row: its title is read from its cells (_title_cell)
        text, _, _ = _link_title(a, _TITLE_DROP + _GENERIC_DROP)
        if _is_generic(text) and labelled is None and _goes_somewhere(a, page):
            labelled = a
        if not text or not _HAS_LETTER.search(text) or _NUMBER.match(text) or _is_generic(text):
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
    tokens = list(_classes(a))
    anc = a.parent
    heading = a.css_first("h1, h2, h3, h4, h5, h6, strong, b") is not None
    in_title_column = False
    for _ in range(4):
        if anc is None or anc.mem_id == row.mem_id:
            break
        tokens += _classes(anc)
        heading = heading or anc.tag in ("h1", "h2", "h3", "h4", "h5", "h6", "strong")
        in_title_column = in_title_column or columns.get(anc.mem_id) == "title"
        anc = anc.parent
    score = 0.0
    if heading or any(_TITLE_CLASS.search(t) for t in tokens):
        score += 40
    if in_title_column:
        score += 50
    if any(_SUMMARY_CLASS.search(t) for t in tokens):
        score -= 40
    if _OTHER_CLASS.search(" ".join(_classes(a))):
        score -= 60
    return score


def _opener(row: LexborNode, title: LexborNode, page: _Page | None) -> LexborNode:
    """The element that opens the row's post: the title link, unless it only toggles part
    of the page (``href="#cont-3"``); then the row's other link that goes somewhere."""
    if not _is_toggle(title):
        return title
    for node in _clickables(row, page):
        if node.mem_id == title.mem_id or _OTHER_CLASS.search(" ".join(_classes(node))):
            continue
        if not _is_toggle(node) and _goes_somewhere(node, page):
            return node
    return title


def _goes_somewhere(node: LexborNode, page: _Page | None) -> bool:
    href = (node.attributes.get("href") or "").strip()
    real = bool(href) and not href.startswith("#") and not _JS.match(href)
    return real or _acts(node) or (page is not None and page.bound(node))


def _read_row(
    row: LexborNode, headers: list[str], notices: set[int], page: _Page | None
) -> _Row | None:
    """A generic row: its title link, title, date, whether it holds a number, notice."""
    columns = _column_of(row, headers)
    link = _best_link(row, page, columns)
    if link is None:
        return None
    element = link
    if link.mem_id == row.mem_id and row.tag != "a":  # <tr onclick="…"> without a link
        element = _title_cell(row, headers) or row
    elif _is_generic(_text(link)):  # 제목 in its cell, the address on a 상세보기 link
        cell = _title_cell(row, headers, link)
        if cell is None:
            return None
        element = cell
    title, badge, element = _link_title(element, _TITLE_DROP + _GENERIC_DROP)
    if not title:
        return None
    date = _row_date(row, element, headers)
    mark = "shown" if badge else _notice_mark(row, notices)
    return _Row(
        row,
        _opener(row, link, page),
        title,
        date,
        _has_number(row, element),
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
            if _column_kind(header) == "title":
                return cell
    if besides is not None:
        cells = [c for c in cells if not _inside_node(besides, c)]
    for cell in cells:
        if any(_TITLE_CLASS.search(c) for c in _classes(cell)):
            return cell
    texts = [(len(_text(c)), c) for c in cells if _HAS_LETTER.search(_text(c))]
    return max(texts, key=lambda item: item[0])[1] if texts else None


# --------------------------------------------------------------------------- finding the list


@dataclass
class _Group:
    parent: LexborNode
    tag: str
    rows: list[_Row]
    titled: bool = False  # a header row names a title column

    @property
    def score(self) -> float:
        return sum(2 if r.date else 1 for r in self.rows)


def _qualifies(row: _Row) -> bool:
    return bool(row.date or row.number or row.notice)


def _too_big(node: LexborNode) -> bool:
    if len(node.css("a")) > _MAX_ROW_LINKS:
        return True
    scripts = sum(_visible_len(s.text() or "") for s in node.css("script, style"))
    return _visible_len(node.text() or "") - scripts > _MAX_ROW_TEXT


def _visible_len(text: str) -> int:
    """Characters of ``text`` that are not white space (templates indent a lot)."""
    return len("".join(text.split()))


def _signature(node: LexborNode, url: str | None) -> str:
    """The kind of address a click target opens: its path (digit runs as ``#``) and the
    names of its query parameters, or the function its script calls, or the names of its
    data attributes; '' when it opens nothing."""
    href = (node.attributes.get("href") or "").strip()
    if href and not href.startswith("#") and not _JS.match(href):
        try:
            parts = urlsplit(join(url, href) or href)
        except ValueError:  # a malformed address (http://[x): no kind
            return ""
        names = sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)})
        path = _DIGITS.sub("#", re.sub(r";jsessionid=[^/?#]*", "", parts.path, flags=re.I))
        return f"{parts.netloc}{path}?{'&'.join(names)}"
    code = (node.attributes.get("onclick") or "") + " " + href
    m = _CALLED.search(code.replace("javascript:", " "))
    if m:
        return f"js:{m.group(1)}"
    data = sorted(k for k in node.attributes if k.startswith("data-"))
    return f"data:{','.join(data)}" if data else ""


def _holds_several_posts(member: LexborNode, url: str | None) -> bool:
    """Whether an element holds links to two or more different posts of one kind (then it
    is a container of rows, not a row)."""
    seen: dict[str, str] = {}
    for a in member.css("a[href], [onclick]"):
        href = (a.attributes.get("href") or "").split("#", 1)[0].strip()
        sig = _signature(a, url)
        if sig.startswith("js:"):  # the call with its arguments: go(1) and go(2) differ
            href = re.sub(r"\s+", "", a.attributes.get("onclick") or href)
            href = re.sub(r";?(?:javascript:)?returnfalse;?$", "", href.removeprefix("javascript:"))
        if not href or not sig or sig.startswith("data:") or _FILE_LINK.search(href):
            continue
        if sig in seen and seen[sig] != href and _text(a) and _HAS_LETTER.search(_text(a)):
            return True
        if _text(a) and _HAS_LETTER.search(_text(a)):
            seen.setdefault(sig, href)
    return False


def _in_chrome(
    node: LexborNode, main: LexborNode | None = None, marks_re: re.Pattern[str] | None = None
) -> bool:
    """Whether ``node`` sits in site chrome: navigation, header, footer, a menu, a banner
    (chrome that also holds ``main``, the main list, is the page's content area)."""
    shared = set()
    anc: LexborNode | None = main
    while anc is not None:
        shared.add(anc.mem_id)
        anc = anc.parent
    anc = node
    while anc is not None and anc.tag not in ("body", "html") and anc.mem_id not in shared:
        if anc.tag in ("nav", "header", "footer", "aside"):
            return True
        marks = (anc.attributes.get("class") or "") + " " + (anc.attributes.get("id") or "")
        if any((marks_re or _CHROME).search(m) for m in marks.split()):
            return True
        anc = anc.parent
    return False


def _in_slider(node: LexborNode, stop: LexborNode | None = None) -> bool:
    """Whether ``node`` sits in a slider or carousel (featured posts shown in turn)."""
    anc: LexborNode | None = node
    while anc is not None and anc.tag not in ("body", "html"):
        if stop is not None and anc.mem_id == stop.mem_id:
            return False
        marks = (anc.attributes.get("class") or "") + " " + (anc.attributes.get("id") or "")
        if _SLIDER.search(marks):
            return True
        anc = anc.parent
    return False


def find_rows(page: _Page, notices: set[int] | None = None) -> list[_Row]:
    """The rows of the page's main list, found by structure (see the module docstring)."""
    notices = notices or set()
    root = page.tree.body or page.tree.root
    if root is None:
        return []
    groups: list[_Group] = []
    for parent in root.traverse():
        if parent.tag in ("script", "style", "select", "head") or (parent.tag or "")[:1] == "-":
            continue
        members: dict[str, list[LexborNode]] = {}
        for child in parent.iter():
            if child.tag in _ROW_TAGS:
                members.setdefault(child.tag or "", []).append(child)
        for tag, run in members.items():
            group = _read_group(page, parent, tag, run, notices)
            if group is not None:
                groups.append(group)
    if not groups:
        return []
    # The first of equals, in page order; a list in the site's chrome (a sidebar's latest
    # posts) counts half against one in the content.
    best = max(groups, key=lambda g: g.score * (_CHROME_WEIGHT if _in_chrome(g.parent) else 1))
    rows = _with_sibling_lists(page, best, notices)
    rows = _with_related_groups(page, best, rows, notices)
    return _without_uniform_marks(rows)


def _read_group(
    page: _Page,
    parent: LexborNode,
    tag: str,
    members: list[LexborNode],
    notices: set[int],
    single_ok: bool = False,
) -> _Group | None:
    headers = _header_labels(members[0]) if tag == "tr" else []
    titled = any(_column_kind(h) == "title" for h in headers)
    single_ok = single_ok or (tag == "tr" and titled)
    if len(members) < 2 and not single_ok:
        return None
    rows: list[_Row] = []
    clickable = 0
    for member in members[:_MAX_ROWS]:
        if _too_short(member) or not _clickables(member, page):
            continue
        clickable += 1
        row = _cached_row(page, member, headers, notices)
        if row is not None:
            rows.append(row)
    rows = _without_odd_rows(rows)
    if not rows or len(rows) * 2 < clickable or (len(rows) < 2 and not single_ok):
        return None
    group = _Group(parent, tag, rows, titled)
    return group if _is_post_list(page, group) else None


def _shape(row: _Row) -> set[str]:
    return set(_classes(row.node))


def _without_odd_rows(rows: list[_Row]) -> list[_Row]:
    """Rows of one shape: where most rows show a date, a number or a notice mark, a row
    showing none whose classes share nothing with theirs is another element (a board's
    heading, a tab bar) among the same siblings."""
    shown = [r for r in rows if _qualifies(r)]
    if len(shown) * 3 < len(rows) * 2:
        return rows
    classes = set().union(*(_shape(r) for r in shown))
    return [r for r in rows if _qualifies(r) or (_shape(r) & classes) or not (_shape(r) or classes)]


def _too_short(member: LexborNode) -> bool:
    """Whether an element's text is too short to hold a title (a menu's 홈, 로그인), read
    cheaply before the element is read as a row."""
    text = member.text() or ""
    return _visible_len(text[: _SHORT_TEXT * 8]) < _SHORT_TEXT and not _DIGIT.search(text)


def _cached_row(
    page: _Page, member: LexborNode, headers: list[str], notices: set[int]
) -> _Row | None:
    """:func:`_read_row` of an element that is not too big nor a container of several
    posts, read once a page (groups overlap: the same element is met again)."""
    if member.mem_id not in page.rows_read:
        big = _too_big(member) or _holds_several_posts(member, page.url)
        page.rows_read[member.mem_id] = None if big else _read_row(member, headers, notices, page)
    return page.rows_read[member.mem_id]


def _is_post_list(page: _Page, group: _Group) -> bool:
    """Whether a run of rows lists posts: most rows show a date, a number or a notice
    mark, or a header names a title column, or the rows open one kind of address and
    read like titles (a menu or a search filter reads as short labels)."""
    rows = group.rows
    titles = sorted(len(r.title) for r in rows)
    median = titles[len(titles) // 2]
    dated = sum(1 for r in rows if _qualifies(r))
    if dated * 2 >= len(rows) and dated >= min(2, len(rows)):
        return median >= _MIN_LABELLED_TITLE or sum(1 for r in rows if r.date) * 2 >= len(rows)
    if _in_chrome(group.parent):
        return False
    if group.titled:
        return True
    sigs = [_signature(r.link, page.url) for r in rows]
    common = max((sigs.count(s) for s in set(sigs) if s), default=0)
    return common * 2 > len(rows) and common >= 2 and median >= _MIN_BARE_TITLE


def _with_sibling_lists(page: _Page, best: _Group, notices: set[int]) -> list[_Row]:
    """The winning rows plus those of the containers of the same kind right before or after
    it (a notice list above the post list, a table's several ``tbody``); a list elsewhere on
    the page (a sidebar's latest posts) is not adjacent and stays out."""
    before: list[_Row] = []
    after: list[_Row] = []
    for step, out in (("prev", before), ("next", after)):
        sibling = _element_sibling(best.parent, step)
        while sibling is not None and sibling.tag == best.parent.tag:
            if _in_chrome(sibling, best.parent, _OTHER_LIST):
                break  # a most-read or latest box beside the list
            members = [c for c in sibling.iter() if c.tag == best.tag]
            group = (
                _read_group(page, sibling, best.tag, members, notices, True) if members else None
            )
            if group is None:
                break
            if step == "prev":
                out[:0] = group.rows
            else:
                out.extend(group.rows)
            sibling = _element_sibling(sibling, step)
    return before + best.rows + after


def _with_related_groups(
    page: _Page, best: _Group, rows: list[_Row], notices: set[int]
) -> list[_Row]:
    """The rows plus those of nearby groups of the same posts (pinned notice cards above a
    table, photo cards before a list, a featured post): rows of the same shape, or opening
    the same kind of address, in page order. A group in a slider or the site's chrome, or
    repeating the list's posts, stays out."""
    kind = _dominant(page, rows)
    near = _ancestor(best.parent, _RELATED_LEVELS)
    taken = _Taken()
    taken.add(rows)
    extra: list[_Row] = []
    for group in _groups_in(page, near, notices, taken.covered):
        if len(rows) + len(extra) >= _MAX_ROWS:
            break
        if taken.overlaps(group.rows) or not _related(page, group, best, kind):
            continue
        if _in_slider(group.parent, near) or _in_chrome(group.parent, best.parent):
            continue
        if _in_chrome(group.parent, best.parent, _OTHER_LIST):
            continue
        room = _MAX_ROWS - len(rows) - len(extra)
        extra.extend(group.rows[:room])
        taken.add(group.rows[:room])
    if not extra or page.tree.root is None:
        return rows
    order = {n.mem_id: i for i, n in enumerate(page.tree.root.traverse())}
    return sorted(rows + extra, key=lambda r: order.get(r.node.mem_id, 0))


@dataclass
class _Taken:
    """The rows of the list so far: the elements they cover, their ancestors, their
    targets (sets, so that a page of a thousand rows is checked in linear time)."""

    covered: set[int] = field(default_factory=set)
    above: set[int] = field(default_factory=set)
    targets: set[str] = field(default_factory=set)

    def add(self, rows: list[_Row]) -> None:
        for r in rows:
            self.covered.update(n.mem_id for n in r.node.traverse())
            self.targets.add(_href(r.link))
            anc = r.node.parent
            while anc is not None and anc.mem_id not in self.above:
                self.above.add(anc.mem_id)
                anc = anc.parent

    def overlaps(self, rows: list[_Row]) -> bool:
        """Whether any of ``rows`` is, holds, or sits in a row taken, or opens one of
        their posts again (a "most read" box)."""
        return any(
            r.node.mem_id in self.covered
            or r.node.mem_id in self.above
            or _href(r.link) in self.targets
            for r in rows
        )


def _groups_in(
    page: _Page, scope: LexborNode, notices: set[int], skip: set[int]
) -> Iterator[_Group]:
    """Every group of rows under ``scope`` in page order, one row enough; the elements in
    ``skip`` (rows already taken, read as the list grows) are not looked into."""
    stack = [scope]
    while stack:
        parent = stack.pop()
        if parent.mem_id in skip or parent.tag in ("script", "style", "select"):
            continue
        if (parent.tag or "")[:1] == "-":
            continue
        members: dict[str, list[LexborNode]] = {}
        children = [c for c in parent.iter() if (c.tag or "")[:1] != "-"]
        for child in children:
            if child.tag in _ROW_TAGS and child.mem_id not in skip:
                members.setdefault(child.tag or "", []).append(child)
        for tag, run in members.items():
            group = _read_group(page, parent, tag, run, notices, single_ok=True)
            if group is not None:
                yield group
        stack.extend(reversed(children))


def _related(page: _Page, group: _Group, best: _Group, kind: str) -> bool:
    """Whether a group lists the same posts as the main list: its rows have the main
    rows' shape (tag and a class), or open the same kind of address."""
    if kind and _dominant(page, group.rows) == kind:
        fixed = _fixed_params(best.rows)  # bo_table=press: another board's box differs
        return all(_agrees(_params(r.link), fixed) for r in group.rows)
    classes = set().union(*(_shape(r) for r in best.rows))
    return group.tag == best.tag and all(_shape(r) & classes for r in group.rows)


def _params(node: LexborNode) -> dict[str, str]:
    href = (node.attributes.get("href") or "").strip()
    if not href or href.startswith("#") or _JS.match(href):
        return {}
    try:
        return dict(parse_qsl(urlsplit(href).query, keep_blank_values=True))
    except ValueError:
        return {}


def _agrees(params: dict[str, str], fixed: dict[str, str]) -> bool:
    """Whether a link's parameters keep the list's fixed ones: a quarter may differ (a
    featured post's own paging state), not the board's id where it is one of few."""
    differ = sum(1 for k, v in fixed.items() if params.get(k, v) != v)
    return differ * _FIXED_SHARE <= len(fixed)


def _fixed_params(rows: list[_Row]) -> dict[str, str]:
    """The query parameters every row's link carries with one value (the board's id, its
    menu), when two rows or more say so."""
    queries = [q for r in rows if (q := _params(r.link))]
    if len(queries) < 2:
        return {}
    first = queries[0]
    return {k: v for k, v in first.items() if all(q.get(k) == v for q in queries[1:])}


def _href(node: LexborNode) -> str:
    return (node.attributes.get("href") or "") + "|" + (node.attributes.get("onclick") or "")


def _dominant(page: _Page, rows: list[_Row]) -> str:
    """The commonest address signature of the rows; a tie goes to the one met first (a
    set's order would change from process to process with the hash seed)."""
    sigs = [s for r in rows if (s := _signature(r.link, page.url))]
    return max(dict.fromkeys(sigs), key=sigs.count) if sigs else ""


def _ancestor(node: LexborNode, levels: int) -> LexborNode:
    for _ in range(levels):
        if node.parent is None or node.parent.tag == "html":
            break
        node = node.parent
    return node


def _inside_node(node: LexborNode, scope: LexborNode) -> bool:
    anc: LexborNode | None = node
    while anc is not None:
        if anc.mem_id == scope.mem_id:
            return True
        anc = anc.parent
    return False


def _nested(a: LexborNode, b: LexborNode) -> bool:
    return _inside_node(a, b) or _inside_node(b, a)


def _without_uniform_marks(rows: list[_Row]) -> list[_Row]:
    """A notice class or badge that every row wears marks nothing (a template's class on
    each item, a category badge): pinned notices are some rows, not all."""
    if len(rows) < _UNIFORM_MIN or not all(r.marked for r in rows):
        return rows
    for r in rows:
        r.notice = False
    return rows


def _element_sibling(node: LexborNode, step: str) -> LexborNode | None:
    """The previous or next element sibling of ``node`` (text and comments skipped)."""
    sib = node.prev if step == "prev" else node.next
    while sib is not None and (sib.tag or "").startswith("-"):
        sib = sib.prev if step == "prev" else sib.next
    return sib


# --------------------------------------------------------------------------- the listing


def _profile_rows(page: _Page, notices: set[int]) -> list[_Row]:
    """Rows by the engine profile's selectors."""
    profile = page.profile
    if profile is None or not profile.rows:
        return []
    out: list[_Row] = []
    for node in select_all(page.tree, profile.rows):
        link = first(node, profile.row_link)
        if link is None:
            continue
        title, badge, _ = _link_title(link, profile.row_link_drop + _TITLE_DROP)
        if not title:
            continue
        date = None
        date_node = first(node, profile.row_date)
        if date_node is not None:
            date = _date_of(date_node)
        if date is None:
            date = _row_date(node, link, _header_labels(node))
        mark = "shown" if badge else _notice_mark(node, notices)
        out.append(_Row(node, link, title, date, False, bool(mark), mark == "class"))
    return out


def _posts(page: _Page, rows: list[_Row]) -> list[ListPost]:
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


def _notice_marks(page: _Page) -> set[int]:
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
    page = _Page(profile, tree, url, scripts)
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


# --------------------------------------------------------------------------- list or view

#: Containers of site chrome: their text is not a post's.
_CHROME = re.compile(
    r"^#?(?:footer|foot|header|gnb|lnb|snb|tnb|nav|menu|copyright|sitemap|quick|banner|"
    r"family|skip|util|popup|modal|layer|aside|sidebar)(?:[-_]|\d|$)",
    re.IGNORECASE,
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
    page = _Page(profile, tree, None)
    notices = _notice_marks(page)
    if profile is not None:
        return bool(_profile_rows(page, notices) or find_rows(page, notices))
    rows = find_rows(page, notices)
    dated = [r for r in rows if r.date]
    if len(rows) < 3 or len(dated) < 3:
        return False
    # Beside many rows a page may show more words (a search form's help, menus) than a
    # post's page shows beside its few related links: the rows' own text is the measure.
    shown = sum(_visible_len(r.node.text() or "") for r in dated)
    return _prose_outside(tree, rows) < max(PROSE_LIMIT, shown)


def _prose_outside(tree: LexborHTMLParser, rows: list[_Row]) -> int:
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
        if node.tag not in ("body", "html") and any(_CHROME.search(m) for m in marks.split()):
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
