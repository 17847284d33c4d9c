"""List pages: the rows that link posts, and the next page.

An engine profile names its rows; a page no profile reads is read by structure: a list is
a run of sibling elements (table rows, ``li`` items, ``div`` rows or cards, links) each
holding a post link and a date or a number, and the run with the most such rows wins.
In each row:

- the title link is the row's link with the most title text, not a category, file, author
  or comment-count link; inside a card link, the element whose class names the title;
- the date is an element whose own text is a date (a mobile label such as
  ``<span class="only-m">등록일</span>`` set aside), read from its text before any tooltip,
  preferring a cell whose class or column header names a date; a period
  (``25.04.18 ~ 25.05.02``, a 접수기간 column) is never the post's date;
- a notice is a row marked 공지 / Notice (a cell, a badge, a class, an icon), the badge
  taken out of the title;
- a row that opens its post through JavaScript or a POST form gets the GET address read
  from the page's own functions and forms (:mod:`.jsnav`); one whose target cannot be
  read is kept with ``url=None`` and a warning on the Listing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..dates import parse_list_date
from ..model import Listing, ListPost
from ..urls import join
from . import jsnav, pager
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
    r"^\s*(?:등록일자?|작성일자?|게시일자?|작성일시|등록일시|날짜|일자|date|조회수?|조회\s*수|hits?|views?|"
    r"번호|no\.?)\s*[:：]?\s*",
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
_PERIOD_WORDS = ("기간", "마감", "접수", "신청", "종료", "시작", "수정", "행사일", "일정")
_DATE_WORDS = ("등록일", "작성일", "게시일", "날짜", "일자", "등록일자", "작성일자", "date")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_CELLS = "td, th, span, em, p, div, li, dd, dt, time, strong, b, small, font, i, label"
_ROW_TAGS = frozenset({"tr", "li", "div", "dl", "article", "a", "p", "section"})
_MAX_ROW_TEXT = 3000
_MAX_ROWS = 1000  # rows read from one list (boards show tens a page)
_MAX_ROW_LINKS = 12
_JS = re.compile(r"^\s*javascript:", re.IGNORECASE)
_DIGIT = re.compile(r"\d")


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

    @property
    def scripts(self) -> jsnav.Scripts:
        if self._scripts is None:
            self._scripts = jsnav.read_scripts(self.tree, self.files)
        return self._scripts

    def resolve(self, code: str, element: LexborNode) -> jsnav.Result:
        """:func:`.jsnav.resolve` on this page, noting the functions it lacks."""
        result = jsnav.resolve(code, self.scripts, self.url, element)
        self.undefined.update(dict.fromkeys(result.missing))
        return result

    def target(self, node: LexborNode) -> tuple[str | None, str]:
        """The absolute address ``node`` opens (href, profile template, the page's own
        JavaScript), else None and why."""
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
                return result.url, ""
            reason = reason or result.reason
        return None, reason


def _plain_target(node: LexborNode, url: str | None) -> str | None:
    href = (node.attributes.get("href") or "").strip()
    if not href or href.startswith("#") or _JS.match(href):
        return None
    return join(url, href)  # None when malformed (http://[x)


# --------------------------------------------------------------------------- rows


@dataclass
class _Row:
    node: LexborNode
    link: LexborNode
    title: str
    date: str | None
    number: bool
    notice: bool


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
    """A link's title text, whether it carried a notice badge, and the element it came from
    (the link, or the part of a card link that is the title)."""
    node = _title_element(link) or _title_part(link, drop)
    text = _text(node, drop)
    tooltip = (link.attributes.get("title") or "").strip()
    stem = text.rstrip(".… ").strip()
    if stem and text != stem and len(tooltip) > len(stem) and tooltip.startswith(stem):
        text = tooltip  # a title cut short on screen, given in full as the tooltip
    if not text and tooltip and "새 창" not in tooltip and "새창" not in tooltip:
        text = tooltip
    notice = False
    m = _NOTICE_BADGE.match(text)
    if m and text[m.end() :].strip():
        text, notice = text[m.end() :], True
    return clean_title(text), notice, node


_BADGE_TEXT = re.compile(r"^(?:\[[^\]]{1,10}\]|\([^)]{1,10}\)|.{1,3})$")


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
        for part in parts:
            if not _BADGE_TEXT.match(_text(part, drop)):
                return part
        return node
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
    tooltip only when the text shows just a time of day; None for a period."""
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
        return parse_list_date(text)
    stamp = node.attributes.get("datetime") if node.tag == "time" else None
    return parse_list_date(stamp) if stamp else None


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


def _row_date(row: LexborNode, title: LexborNode, headers: list[str]) -> str | None:
    """The row's post date (see the module docstring), or None."""
    cells = [c for c in row.iter() if c.tag in ("td", "th")] if row.tag == "tr" else []
    labelled: dict[int, str] = {}
    if cells and len(cells) == len(headers):
        labelled = {c.mem_id: h for c, h in zip(cells, headers, strict=True)}
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
        header = labelled.get(node.mem_id, "")
        if header and any(w in header for w in _PERIOD_WORDS):
            continue
        day = _date_of(node)
        if day is None:
            continue
        if any(_DATE_CLASS.search(c) for c in _classes(node)):
            hinted.append(day)
        elif header and any(w in header for w in _DATE_WORDS):
            by_header.append(day)
        else:
            plain.append(day)
    for found in (hinted, by_header, plain):
        if found:
            return found[0]
    return None


def _has_number(row: LexborNode, link: LexborNode) -> bool:
    inside = {n.mem_id for n in link.css("*")} | {link.mem_id}
    return any(
        node.mem_id not in inside and _NUMBER.match(_cell_text(node))
        for node in row.css("td, th, span, em, div, dd, strong, b, p")
    )


def _is_notice(row: LexborNode, profile_marks: set[int]) -> bool:
    """A pinned notice: marked by the profile, a notice class on the row or a badge in it,
    a notice icon, or a cell reading 공지 / Notice."""
    if row.mem_id in profile_marks or any(n.mem_id in profile_marks for n in row.css("*")):
        return True
    for node in [row, *row.css("*")]:
        if any(_is_notice_class(c) for c in _classes(node)):
            return True
        if node.tag == "img":  # the icon's file name, not the folder it sits in
            src = (node.attributes.get("src") or "").rsplit("/", 1)[-1]
            marks = " ".join([src] + [node.attributes.get(a) or "" for a in ("alt", "class")])
            if _NOTICE_IMG.search(marks):
                return True
    # The number cell reading 공지 (일반공지, [공지] …), or a badge; a category column
    # reading 공지사항 is not.
    cells = [c for c in row.iter() if c.tag in ("td", "th")]
    if cells and "공지" in _text(cells[0]) and not _DIGIT.search(_text(cells[0])):
        return True
    badges = list(row.css("span, strong, em, b, i, label"))
    return any(_text(cell).lower() in _NOTICE_WORDS for cell in cells[:1] + badges)


def _is_notice_class(token: str) -> bool:
    parts = [p for p in re.split(r"[-_]+", token.lower()) if p]
    return any(p in _NOTICE_PART for p in parts) and all(
        p in _NOTICE_PART or p in _NOTICE_COMPANIONS for p in parts
    )


def _best_link(row: LexborNode) -> LexborNode | None:
    """The row's title link: most title text, helped by a title class, never a category,
    file, author or count link."""
    links = [row] if row.tag == "a" else list(row.css("a"))
    if not links and row.attributes.get("onclick"):
        links = [row]
    best: tuple[float, LexborNode] | None = None
    for a in links:
        text, _, _ = _link_title(a, _TITLE_DROP + _GENERIC_DROP)
        if not text or not _HAS_LETTER.search(text) or _NUMBER.match(text):
            continue
        score = float(min(len(text), 60))  # a summary link is long; a title is not longer
        tokens = list(_classes(a))
        anc = a.parent
        heading = a.css_first("h1, h2, h3, h4, h5, h6, strong, b") is not None
        for _ in range(3):
            if anc is None or anc.mem_id == row.mem_id:
                break
            tokens += _classes(anc)
            heading = heading or anc.tag in ("h1", "h2", "h3", "h4", "h5", "h6", "strong")
            anc = anc.parent
        if heading or any(_TITLE_CLASS.search(t) for t in tokens):
            score += 40
        if any(_SUMMARY_CLASS.search(t) for t in tokens):
            score -= 40
        if _OTHER_CLASS.search(" ".join(_classes(a))):
            score -= 60
        if best is None or score > best[0]:
            best = (score, a)
    return best[1] if best is not None else None


def _read_row(row: LexborNode, headers: list[str], notices: set[int]) -> _Row | None:
    """A generic row: its title link, title, date, whether it holds a number, notice."""
    link = _best_link(row)
    if link is None:
        return None
    element = link
    if link.mem_id == row.mem_id and row.tag != "a":  # <tr onclick="…"> without a link
        element = _title_cell(row, headers) or row
    title, badge, element = _link_title(element, _TITLE_DROP + _GENERIC_DROP)
    if not title:
        return None
    date = _row_date(row, element, headers)
    return _Row(
        row,
        link,
        title,
        date,
        _has_number(row, element),
        badge or _is_notice(row, notices),
    )


def _title_cell(row: LexborNode, headers: list[str]) -> LexborNode | None:
    """In a clickable row without a link: the cell headed 제목 or classed as the title,
    else the cell with the most text."""
    cells = [c for c in row.iter() if c.tag in ("td", "th", "div", "span", "p", "strong", "dd")]
    if len(cells) == len(headers):
        for cell, header in zip(cells, headers, strict=True):
            if "제목" in header or "title" in header or "subject" in header:
                return cell
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

    @property
    def score(self) -> float:
        return sum(2 if r.date else 1 for r in self.rows)


def _qualifies(row: _Row) -> bool:
    return bool(row.date or row.number or row.notice)


def _too_big(node: LexborNode) -> bool:
    return len(node.css("a")) > _MAX_ROW_LINKS or len(node.text() or "") > _MAX_ROW_TEXT


def find_rows(tree: LexborHTMLParser, notices: set[int] | None = None) -> list[_Row]:
    """The rows of the page's main list, found by structure (see the module docstring)."""
    notices = notices or set()
    root = tree.body or tree.root
    if root is None:
        return []
    best: _Group | None = None
    for parent in root.traverse():
        if parent.tag in ("script", "style", "select", "head") or (parent.tag or "")[:1] == "-":
            continue
        groups: dict[str, list[LexborNode]] = {}
        for child in parent.iter():
            if child.tag in _ROW_TAGS:
                groups.setdefault(child.tag or "", []).append(child)
        for tag, members in groups.items():
            group = _read_group(parent, tag, members, notices)
            if group is not None and (best is None or group.score > best.score):
                best = group
    if best is None:
        return []
    return _with_sibling_lists(best, notices)


def _read_group(
    parent: LexborNode,
    tag: str,
    members: list[LexborNode],
    notices: set[int],
    single_ok: bool = False,
) -> _Group | None:
    headers = _header_labels(members[0]) if tag == "tr" else []
    single_ok = single_ok or (tag == "tr" and any("제목" in h or "title" in h for h in headers))
    if len(members) < 2 and not single_ok:
        return None
    rows: list[_Row] = []
    linked = 0
    candidates: list[LexborNode] = []
    for member in members[:_MAX_ROWS]:
        if (
            member.tag != "a"
            and member.css_first("a") is None
            and not member.attributes.get("onclick")
        ):
            continue
        linked += 1
        text = member.text() or ""
        if len(text) <= _MAX_ROW_TEXT and (_DIGIT.search(text) or "공지" in text):
            candidates.append(member)
    if len(candidates) * 2 < linked or (len(candidates) < 2 and not single_ok):
        return None  # a row shows a date or a number: most of these cannot be rows
    for member in candidates:
        if _too_big(member):
            continue
        row = _read_row(member, headers, notices)
        if row is not None and _qualifies(row):
            rows.append(row)
    if not rows or len(rows) * 2 < linked or (len(rows) < 2 and not single_ok):
        return None
    return _Group(parent, tag, rows)


def _with_sibling_lists(best: _Group, notices: set[int]) -> list[_Row]:
    """The winning rows plus those of the containers of the same kind right before or after
    it (a notice list above the post list, a table's several ``tbody``); a list elsewhere on
    the page (a sidebar's latest posts) is not adjacent and stays out."""
    before: list[_Row] = []
    after: list[_Row] = []
    for step, out in (("prev", before), ("next", after)):
        sibling = _element_sibling(best.parent, step)
        while sibling is not None and sibling.tag == best.parent.tag:
            members = [c for c in sibling.iter() if c.tag == best.tag]
            group = _read_group(sibling, best.tag, members, notices, True) if members else None
            if group is None:
                break
            if step == "prev":
                out[:0] = group.rows
            else:
                out.extend(group.rows)
            sibling = _element_sibling(sibling, step)
    return before + best.rows + after


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
        out.append(_Row(node, link, title, date, False, badge or _is_notice(node, notices)))
    return out


def _posts(page: _Page, rows: list[_Row]) -> list[ListPost]:
    posts: list[ListPost] = []
    for row in rows:
        target, reason = page.target(row.link)
        anc = row.link.parent if row.link.mem_id != row.node.mem_id else None
        while target is None and anc is not None:  # <tr onclick="goView(3)"> around a link
            onclick = anc.attributes.get("onclick")
            if onclick:
                result = page.resolve(onclick, anc)
                target, reason = result.url, result.reason or reason
            anc = anc.parent if anc.mem_id != row.node.mem_id else None
        if target is None:
            why = reason or "its link has no address"
            page.warnings.append(f"row {len(posts) + 1} «{row.title}»: no address ({why})")
        posts.append(ListPost(row.title, target, row.date, row.notice))
    return posts


def _notice_marks(page: _Page) -> set[int]:
    if page.profile is None:
        return set()
    return {n.mem_id for sel in page.profile.row_notice for n in page.tree.css(sel)}


def parse_rows(profile: Profile | None, tree: LexborHTMLParser, url: str | None) -> list[ListPost]:
    """Every row of the list that links a post, in page order."""
    page = _Page(profile, tree, url)
    notices = _notice_marks(page)
    return _posts(page, _profile_rows(page, notices) or find_rows(tree, notices))


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
    rows = rows or find_rows(tree, notices)
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
#: A page with this much running text outside its list and its chrome shows a post.
PROSE_LIMIT = 400


def looks_like_list(profile: Profile | None, tree: LexborHTMLParser) -> bool:
    """Whether the page is a list page: rows, on a page a profile claims; on a page no
    profile claims, at least 3 dated rows and no post text beside them."""
    page = _Page(profile, tree, None)
    notices = _notice_marks(page)
    if profile is not None:
        return bool(_profile_rows(page, notices) or find_rows(tree, notices))
    rows = find_rows(tree, notices)
    if len(rows) < 3 or sum(1 for r in rows if r.date) < 3:
        return False
    return _prose_outside(tree, rows) < PROSE_LIMIT


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
