"""Finding the list on a page no profile reads: runs of sibling rows of one shape, the
run that is the post list, and the runs and groups of the same posts that join it
(see :mod:`.listing`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from selectolax.lexbor import LexborNode

from ..urls import join
from .listcells import DIGIT, classes_of, column_kind, header_labels, inside_node, node_text
from .listrow import JS, ListPage, Row, clickables, read_row
from .listtitle import HAS_LETTER

_ROW_TAGS = frozenset({"tr", "li", "div", "dl", "article", "a", "p", "section"})
_MAX_ROW_TEXT = 3000
_MAX_ROWS = 1000  # rows read from one list (boards show tens a page)
_MAX_ROW_LINKS = 12
_DIGITS = re.compile(r"\d+")
_CALLED = re.compile(r"([A-Za-z_$][\w$.]*)\s*\(")
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
#: Containers of other lists of the site's posts (most read, latest, recommended).
_OTHER_LIST = re.compile(
    r"(?:^|[-_])(?:popular|best|hot|rank(?:ing)?|recent|latest|most|recommend|related|"
    r"interest|today|week(?:ly)?|issue|side|aside|widget|banner)(?:[-_]|\d|$)",
    re.IGNORECASE,
)
_SLIDER = re.compile(r"slide|slick|swiper|carousel|owl-|bxslider|rolling|visual", re.IGNORECASE)


@dataclass
class _Group:
    parent: LexborNode
    tag: str
    rows: list[Row]
    titled: bool = False  # a header row names a title column

    @property
    def score(self) -> float:
        return sum(2 if r.date else 1 for r in self.rows)


def _qualifies(row: Row) -> bool:
    return bool(row.date or row.number or row.notice)


def _too_big(node: LexborNode) -> bool:
    if len(node.css("a")) > _MAX_ROW_LINKS:
        return True
    scripts = sum(visible_len(s.text() or "") for s in node.css("script, style"))
    return visible_len(node.text() or "") - scripts > _MAX_ROW_TEXT


def visible_len(text: str) -> int:
    """Characters of ``text`` that are not white space (templates indent a lot)."""
    return len("".join(text.split()))


def _signature(node: LexborNode, url: str | None) -> str:
    """The kind of address a click target opens: its path (digit runs as ``#``) and the
    names of its query parameters, or the function its script calls, or the names of its
    data attributes; '' when it opens nothing."""
    href = (node.attributes.get("href") or "").strip()
    if href and not href.startswith("#") and not JS.match(href):
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
        if sig in seen and seen[sig] != href and node_text(a) and HAS_LETTER.search(node_text(a)):
            return True
        if node_text(a) and HAS_LETTER.search(node_text(a)):
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
        if any((marks_re or CHROME).search(m) for m in marks.split()):
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


def find_rows(page: ListPage, notices: set[int] | None = None) -> list[Row]:
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
    page: ListPage,
    parent: LexborNode,
    tag: str,
    members: list[LexborNode],
    notices: set[int],
    single_ok: bool = False,
) -> _Group | None:
    headers = header_labels(members[0]) if tag == "tr" else []
    titled = any(column_kind(h) == "title" for h in headers)
    single_ok = single_ok or (tag == "tr" and titled)
    if len(members) < 2 and not single_ok:
        return None
    rows: list[Row] = []
    clickable = 0
    for member in members[:_MAX_ROWS]:
        if _too_short(member) or not clickables(member, page):
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


def _shape(row: Row) -> set[str]:
    return set(classes_of(row.node))


def _without_odd_rows(rows: list[Row]) -> list[Row]:
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
    return visible_len(text[: _SHORT_TEXT * 8]) < _SHORT_TEXT and not DIGIT.search(text)


def _cached_row(
    page: ListPage, member: LexborNode, headers: list[str], notices: set[int]
) -> Row | None:
    """:func:`read_row` of an element that is not too big nor a container of several
    posts, read once a page (groups overlap: the same element is met again)."""
    if member.mem_id not in page.rows_read:
        big = _too_big(member) or _holds_several_posts(member, page.url)
        page.rows_read[member.mem_id] = None if big else read_row(member, headers, notices, page)
    return page.rows_read[member.mem_id]


def _is_post_list(page: ListPage, group: _Group) -> bool:
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


def _with_sibling_lists(page: ListPage, best: _Group, notices: set[int]) -> list[Row]:
    """The winning rows plus those of the containers of the same kind right before or after
    it (a notice list above the post list, a table's several ``tbody``); a list elsewhere on
    the page (a sidebar's latest posts) is not adjacent and stays out."""
    before: list[Row] = []
    after: list[Row] = []
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
    page: ListPage, best: _Group, rows: list[Row], notices: set[int]
) -> list[Row]:
    """The rows plus those of nearby groups of the same posts (pinned notice cards above a
    table, photo cards before a list, a featured post): rows of the same shape, or opening
    the same kind of address, in page order. A group in a slider or the site's chrome, or
    repeating the list's posts, stays out."""
    kind = _dominant(page, rows)
    near = _ancestor(best.parent, _RELATED_LEVELS)
    taken = _Taken()
    taken.add(rows)
    extra: list[Row] = []
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

    def add(self, rows: list[Row]) -> None:
        for r in rows:
            self.covered.update(n.mem_id for n in r.node.traverse())
            self.targets.add(_href(r.link))
            anc = r.node.parent
            while anc is not None and anc.mem_id not in self.above:
                self.above.add(anc.mem_id)
                anc = anc.parent

    def overlaps(self, rows: list[Row]) -> bool:
        """Whether any of ``rows`` is, holds, or sits in a row taken, or opens one of
        their posts again (a "most read" box)."""
        return any(
            r.node.mem_id in self.covered
            or r.node.mem_id in self.above
            or _href(r.link) in self.targets
            for r in rows
        )


def _groups_in(
    page: ListPage, scope: LexborNode, notices: set[int], skip: set[int]
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


def _related(page: ListPage, group: _Group, best: _Group, kind: str) -> bool:
    """Whether a group lists the same posts as the main list: its rows have the main
    rows' shape (tag and a class), or open the same kind of address."""
    if kind and _dominant(page, group.rows) == kind:
        fixed = _fixed_params(best.rows)  # bo_table=press: another board's box differs
        return all(_agrees(_params(r.link), fixed) for r in group.rows)
    classes = set().union(*(_shape(r) for r in best.rows))
    return group.tag == best.tag and all(_shape(r) & classes for r in group.rows)


def _params(node: LexborNode) -> dict[str, str]:
    href = (node.attributes.get("href") or "").strip()
    if not href or href.startswith("#") or JS.match(href):
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


def _fixed_params(rows: list[Row]) -> dict[str, str]:
    """The query parameters every row's link carries with one value (the board's id, its
    menu), when two rows or more say so."""
    queries = [q for r in rows if (q := _params(r.link))]
    if len(queries) < 2:
        return {}
    first = queries[0]
    return {k: v for k, v in first.items() if all(q.get(k) == v for q in queries[1:])}


def _href(node: LexborNode) -> str:
    return (node.attributes.get("href") or "") + "|" + (node.attributes.get("onclick") or "")


def _dominant(page: ListPage, rows: list[Row]) -> str:
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


def _nested(a: LexborNode, b: LexborNode) -> bool:
    return inside_node(a, b) or inside_node(b, a)


def _without_uniform_marks(rows: list[Row]) -> list[Row]:
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


#: Containers of site chrome: their text is not a post's.
CHROME = re.compile(
    r"^#?(?:footer|foot|header|gnb|lnb|snb|tnb|nav|menu|copyright|sitemap|quick|banner|"
    r"family|skip|util|popup|modal|layer|aside|sidebar)(?:[-_]|\d|$)",
    re.IGNORECASE,
)
