"""The labelled-field reader: the post header of any board page, read from its labels.

Boards print a post's fields as a label and a value, in many shapes — ``th``/``td``,
``dt``/``dd``, ``<li><span>작성일</span> 2025-06-18</li>``, ``<strong>작성자</strong> 홍길동``,
``등록자 : 성세희`` in one text node, labels spelt with inner spaces (``작 성 자``), labels hidden
for screen readers (``.sound_only``, ``.blind``), and mobile copies of the label inside the value
cell. This module finds them all by one walk over the text nodes and PROPOSES a value for each
field, with where it was found; :mod:`.choose` picks among the proposals.

It also finds the post header (the smallest element holding the title and the first field
labels), the post's own title heading, and the region after the header where the body is.
Pure: reads the tree, never changes it.

The reader is in parts: :mod:`.fieldtext` (text and document order) and :mod:`.fieldtitle`
(the title heading); this module finds the labels, the header and the body region.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..dates import parse_date
from .fieldtext import (
    LABEL_OF,
    LABEL_START,
    MAX_LABEL,
    MAX_VALUE,
    WORDS_RE,
    Label,
    ancestors,
    contains,
    fold,
    is_label,
    label_field,
    node_text,
    precedes,
    strip_label,
)
from .fieldtitle import labelled_title_box, menu_heading_level, title_heading
from .labels import DEPARTMENT_WORDS, OTHER_LABELS, SURVEY, key, parse_views
from .rank import Rank

_DEPARTMENT_KEYS = frozenset(map(key, DEPARTMENT_WORDS))
#: "label : value" inside a text node, after other text: the colon is required, except
#: after a separator when a number follows (``… | 등록일 2025-03-04 | 조회 12``).
_INNER_LABEL = re.compile(
    r"(?:(?<=[\s|·/])\[?(" + WORDS_RE + r")\]?\s*[:：]\s*)"
    r"|(?:(?<=[|·/])\s*\[?(" + WORDS_RE + r")\]?\s+(?=\d))"
    r"|(?:(?<=\s)\[(" + WORDS_RE + r")\]\s*)",
    re.IGNORECASE,
)
#: The next "label :" inside a value that ran on.
_KEYS_RE = "|".join(map(re.escape, sorted(LABEL_OF, key=len, reverse=True)))
_NEXT_LABEL = re.compile(r"\s(?:(?:" + _KEYS_RE + r")\s*[:：]|\[(?:" + _KEYS_RE + r")\])", re.I)
#: What ends a value: a bar, a slash before a word, a line break (white space around it is
#: stripped after the split: a leading ``\s*`` would backtrack over runs of spaces).
_SEPARATOR = re.compile(r"\||｜|/\s(?=\D)|\n")
_INT = re.compile(r"\d[\d,]*")
#: What runs on after a name in one cell: a date, an IP address, an e-mail.
_AUTHOR_TAIL = re.compile(
    r"\s*(?:\(?\s*IP\s*[:：]?\s*[\d.*x]+\)?|\(?\d{2,4}[-./]\d{1,2}[-./]\d{1,2}.*|\S+@\S+).*$",
    re.I,
)
#: Text nodes under these elements are never labels.
_NOT_LABEL_PARENTS = frozenset(
    "script style noscript template option select textarea title button a head".split()
)
#: Inline elements a label may be wrapped in (its value then follows the wrapper).
_WRAPPERS = frozenset("span strong b em label i font small dfn abbr th dt".split())
#: Block cells that may hold a label alone, their value in the next cell.
_LABEL_CELLS = frozenset("td div p".split())
_CLASS_FIELDS = (
    ("author", re.compile(r"(?:^|[\s_-])(?:writer|author|name|nick|user)(?:$|[\s_-])", re.I)),
    ("published", re.compile(r"(?:^|[\s_-])(?:date|regdate|datetime|time)(?:$|[\s_-])", re.I)),
    (
        "views",
        re.compile(r"(?:^|[\s_-])(?:hit|hits|views|view_?count|read_?count)(?:$|[\s_-])", re.I),
    ),
)
#: The most values a field may show before the labels are a list's, not a post header's.
MAX_REPEATS = 2


@dataclass(frozen=True)
class Proposal:
    """One reader's value for one field, and where it was found."""

    field: str
    value: Any
    source: str
    #: Lower is surer (see :class:`.rank.Rank`).
    rank: int = Rank.LABEL
    node: LexborNode | None = dataclasses.field(default=None, compare=False, repr=False)
    #: Within a rank, lower is surer: a department label after a person's.
    order: int = 0


def _text_nodes(root: LexborNode) -> Iterator[LexborNode]:
    """Text nodes under ``root`` in document order, outside scripts, options, links …"""
    stack = [root]
    while stack:
        cur = stack.pop()
        tag = cur.tag or ""
        if tag == "-text":
            yield cur
            continue
        if tag in _NOT_LABEL_PARENTS or tag.startswith("-"):
            continue
        stack.extend(reversed(list(cur.iter(include_text=True))))


#: Elements without text that may stand between a label and its value: an icon, a break.
_ICONS = frozenset("i img svg span em b br font u".split())


def _following_text(node: LexborNode) -> str:
    """The text after ``node`` inside its parent, up to the next label element."""
    parts: list[str] = []
    size = 0
    sib = node.next
    while sib is not None and size < MAX_VALUE:  # a value is short: never read a page on
        tag = sib.tag or ""
        if tag == "-text":
            text = sib.text_content or ""
        elif not tag.startswith("-") and tag not in ("script", "style"):
            text = node_text(sib, _link_menus(sib)) if len(sib.text(deep=True)) <= MAX_VALUE else ""
            if not text and tag in _ICONS:
                sib = sib.next  # an icon between the label and its value
                continue
            if not text:
                break  # a big block (the body) is no label's value
            if is_label(text):
                break
            if tag in ("th", "dt") and parts and fold("".join(parts)):
                break
            text = " " + text + " "
        else:
            text = ""
        parts.append(text)
        size += len(text)
        sib = sib.next
    return fold("".join(parts))


def _link_menus(value: LexborNode) -> frozenset[int]:
    """The menus of links inside a value after its own text: a writer's name followed by
    its pop-up of actions (쪽지보내기, 자기소개, 작성 게시글 보기), hidden until clicked. A
    menu is an element other than a link whose text is all in links."""
    out: set[int] = set()
    seen_text = False
    for node in value.traverse(include_text=True):
        if node.tag == "-text":
            seen_text = seen_text or bool(fold(node.text_content))
            continue
        if not seen_text or node.tag == "a" or node.mem_id == value.mem_id:
            continue
        links = node.css("a")
        text = fold(node.text(deep=True))
        if links and text and fold(" ".join(a.text(deep=True) for a in links)) == text:
            out.add(node.mem_id)
    return frozenset(out)


def _next_value_element(node: LexborNode) -> LexborNode | None:
    """The element after a label element (``th``→``td``, ``dt``→``dd``), or None."""
    sib = node.next
    while sib is not None and (sib.tag or "").startswith("-"):
        if sib.tag == "-text" and fold(sib.text_content):
            return None
        sib = sib.next
    if sib is None or sib.tag in ("th", "dt"):
        return None
    return sib


def _first_segment(text: str) -> str:
    """A value up to the first separator (``|``) or the next label."""
    text = _SEPARATOR.split(text, maxsplit=1)[0] if text else ""
    m = _NEXT_LABEL.search(text)
    return text[: m.start()].strip() if m else text.strip()


def find_labels(root: LexborNode) -> list[Label]:
    """Every field label under ``root`` with a non-empty value, in document order."""
    out: list[Label] = []
    for text_node in _text_nodes(root):
        raw = text_node.text_content or ""
        text = fold(raw)
        if not text or len(text) > 200:
            continue
        parent = text_node.parent
        if parent is None:
            continue
        name = label_field(text)
        if name is not None:
            label = _bare_label(name, text, text_node, parent)
            if label is not None:
                out.append(label)
            continue
        m = LABEL_START.match(text)
        if m:
            fname = label_field(m.group(1))
            value = fold(m.group(2) + " " + _following_text(text_node))
            value = _first_segment(value)
            if fname and value:
                out.append(Label(fname, fold(m.group(1)), parent, value, "label: value"))
            text = m.group(2)
        for inner in _INNER_LABEL.finditer(text):  # "홍길동 · 조회 : 88" after another value
            word = inner.group(1) or inner.group(2) or inner.group(3)
            fname = label_field(word)
            value = _first_segment(fold(text[inner.end() :]))
            if fname and value:
                out.append(Label(fname, fold(word), parent, value, "text 'label : value'"))
    return out


def _bare_label(name: str, text: str, text_node: LexborNode, parent: LexborNode) -> Label | None:
    """A text node that is only a label: its value follows the label (or its wrapper)."""
    node = text_node
    # Climb out of wrappers that hold nothing but the label (<span class=sound_only>, <th>).
    while (
        node.parent is not None
        and node.parent.tag in _WRAPPERS
        and fold(node_text(node.parent)) == text
    ):
        node = node.parent
    holder = node if node.tag != "-text" else parent
    value = _following_text(node)
    shape = f"{holder.tag} + text"
    if not value and node.tag != "-text":
        cell = _next_value_element(node)
        if cell is not None:
            value = node_text(cell, _link_menus(cell))
            shape = f"{node.tag}/{cell.tag}"
    if (
        not value
        and node.tag == "-text"
        and parent.tag in _LABEL_CELLS
        and key(text) not in _DEPARTMENT_KEYS  # a release's 담당부서 table is body text
    ):
        # <td>작성자</td><td>홍길동</td>, <div class=label>공고명</div><div>…</div>: a cell
        # that holds only the label, its value in the next cell.
        cell = _next_value_element(parent)
        if cell is not None and len(cell.text(deep=True)) <= MAX_VALUE:
            value = node_text(cell, _link_menus(cell))
            shape = f"{parent.tag}/{cell.tag}"
            if is_label(value):
                return None  # a list's header row: 제목 | 글쓴이 | 날짜
    if not value and node.tag in ("span", "strong", "b", "em", "label"):
        # <li><span>작성일</span></li><li>2025-06-18</li>: rare; not taken.
        return None
    value = _first_segment(strip_label(value))
    if not value:
        return None
    if shape.startswith(("th +", "dt +")):
        shape = f"{holder.tag}/{'td' if holder.tag == 'th' else 'dd'}"
    return Label(name, text, holder, value, shape)


def parse_field(name: str, value: str) -> Any:
    """A label's value as the field's type: a date, an int, or the text; None if not one."""
    if name == "published":
        return parse_date(value)
    if name == "views":
        return parse_views(value, labelled=True)
    if name == "author":
        value = _AUTHOR_TAIL.sub("", fold(value)).strip(" ,|·")
        return value if 1 <= len(value) <= 40 and not parse_date(value) else None
    value = fold(value)
    return value or None


@dataclass
class Header:
    """The post header: the labels of the post's fields and the element around them."""

    labels: list[Label]
    node: LexborNode | None = None  # the smallest element holding the title and the labels
    title: LexborNode | None = None  # the post's own heading
    title_text: str = ""


def find_header(root: LexborNode) -> Header | None:
    """The post header: labels of the post's fields (a list's repeated labels are not one)."""
    labels = [
        lb for lb in find_labels(root) if not _in_comment(lb.node) and not _in_site_box(lb.node)
    ]
    counts: dict[str, int] = {}
    for label in labels:
        counts[label.field] = counts.get(label.field, 0) + 1
    if _date_rows(root, labels) > MAX_REPEATS:
        return None  # rows of a list, each with its own labelled date
    labels = [lb for lb in labels if lb.field != "title" or counts["title"] == 1]
    if "published" not in counts:
        labels = sorted(labels + lone_dates(root), key=lambda lb: _order_key(lb.node))
    if not labels:
        return None
    header = Header(labels)
    anchor = next((lb for lb in labels if lb.field in ("published", "author")), labels[0])
    menus = menu_names(root)
    titled = labelled_title_box(labels, anchor)
    found = None if titled is not None else title_heading(root, anchor.node, menus)
    if titled is not None:
        header.node = titled  # a 제목 row beside the others: no heading to look for
    elif found is not None:
        header.node, header.title, header.title_text = found
    else:
        header.node = menu_heading_level(anchor.node, menus)
    if header.node is None:
        block = next((a for a in ancestors(anchor.node, 4) if a.tag in ("table", "dl", "ul")), None)
        header.node = block or anchor.node.parent
    return header


#: A text node of this many characters (folded) that ends a sentence is prose: a paragraph
#: of the post, not a list row (a row's title ends without a period). A Korean sentence of
#: a release is 40-120 characters.
PARAGRAPH = 40
_SENTENCE_END = re.compile(r"[.!?。](?:[\s\"'”’)]|$)")


def _date_rows(root: LexborNode, labels: list[Label]) -> int:
    """How many labelled dates the page shows as rows: those before its first paragraph
    when one stands before it (a post's header; the dates after the post's text are its
    comments' and files'), else all of them."""
    dates = [lb for lb in labels if lb.field == "published"]
    if len(dates) <= MAX_REPEATS:
        return len(dates)
    para = next((t for t in _text_nodes(root) if _is_prose(fold(t.text_content))), None)
    if para is None:
        return len(dates)
    before = [lb for lb in dates if precedes(lb.node, para)]
    return len(before) or len(dates)


def _is_prose(text: str) -> bool:
    return len(text) >= PARAGRAPH and bool(_SENTENCE_END.search(text))


def _holds_prose(node: LexborNode) -> bool:
    return any(_is_prose(fold(t.text_content)) for t in _text_nodes(node))


#: A text that is a date and nothing else: ``2024.01.05``, ``2024년 1월 5일 (금)``, with a time.
_LONE_DATE = re.compile(
    r"^(?:19|20)\d\d\s*[-./년]\s*\d{1,2}\s*[-./월]\s*\d{1,2}\s*[.일]?"
    r"(?:\s*\(\S\))?(?:\s*(?:오전|오후|AM|PM)?\s*\d{1,2}:\d{2}(?::\d{2})?)?$",
    re.I,
)
#: The longest text read as a date standing alone.
LONE_DATE_MAX = 32


def lone_dates(root: LexborNode) -> list[Label]:
    """A header without labels: the one or two texts of the page that are a date and
    nothing else (a post's ``2024.01.05`` under its title), outside comments and the site's
    boxes. More of them are a list's rows."""
    out: list[Label] = []
    for text_node in _text_nodes(root):
        text = _date_segment(fold(text_node.text_content))
        if not text:
            continue
        parent = text_node.parent
        if parent is None or _in_comment(parent) or _in_site_box(parent):
            continue
        if parse_date(text) is None or _in_linked_row(parent):
            continue
        out.append(Label("published", "(a date alone)", parent, text, f"{parent.tag} alone"))
        if len(out) > MAX_REPEATS:
            return []
    return out


#: What separates the parts of a post's info line: ``교통정책과 · 2025-03-04 · 조회 12``.
_INFO_SEPARATOR = re.compile(r"\s+[·|/]\s+")


def _date_segment(text: str) -> str:
    """The date a text shows alone, or as one part of an info line (its parts separated by
    ``·``, ``|`` or ``/``); '' when it shows none."""
    if len(text) > MAX_VALUE:
        return ""
    parts = _INFO_SEPARATOR.split(text)
    dates = [p for p in parts if 8 <= len(p) <= LONE_DATE_MAX and _LONE_DATE.match(p)]
    return dates[0] if len(dates) == 1 else ""


def _order_key(node: LexborNode) -> list[int]:
    """A key that sorts elements in document order: the child positions on the path from
    the root (only a header's few labels are sorted by it)."""
    path: list[int] = []
    cur: LexborNode | None = node
    while cur is not None and cur.parent is not None:
        i, sib = 0, cur.prev
        while sib is not None:
            i, sib = i + 1, sib.prev
        path.append(i)
        cur = cur.parent
    return path[::-1]


def _in_linked_row(node: LexborNode) -> bool:
    """Whether ``node`` sits in a row (``tr``, ``li``) that holds a link: a list's row."""
    for anc in [node, *ancestors(node, 3)]:
        if anc.tag in ("tr", "li"):
            return anc.css_first("a") is not None
    return False


_COMMENT = re.compile(r"comment|cmt|reply|answer|댓글", re.I)


def _in_comment(node: LexborNode) -> bool:
    """Whether ``node`` sits in a comment section (its dates are the comments')."""
    for anc in ancestors(node, 12):
        name = f"{anc.attributes.get('class') or ''} {anc.attributes.get('id') or ''}"
        if _COMMENT.search(name):
            return True
    return False


_MENUS = ", ".join(
    f"{scope} a"
    for scope in (
        "nav",
        "[class*='menu']",
        "[id*='menu']",
        "[class*='gnb']",
        "[id*='gnb']",
        "[class*='lnb']",
        "[id*='lnb']",
        "[class*='snb']",
        "[class*='nav']",
        "[id*='nav']",
        "[class*='location']",
        "[class*='breadcrumb']",
    )
)


def menu_names(root: LexborNode) -> set[str]:
    """The texts of the site's menu links: a heading that reads one names a board."""
    return {t for a in root.css(_MENUS) if (t := fold(a.text(deep=True))) and len(t) <= 30}


def header_proposals(header: Header) -> list[Proposal]:
    """Proposals from the header: each label's value, the title heading, class-named fields.

    A label outside the post header and after it (a page footer's 담당부서 box) is the
    site's, not the post's: it proposes nothing."""
    out: list[Proposal] = []
    seen: set[str] = set()
    for label in header.labels:
        if is_chrome_label(header, label):
            continue
        value = parse_field(label.field, label.value)
        if value is None:
            continue
        department = key(label.word) in _DEPARTMENT_KEYS
        source = f"label {label.word!r} ({label.shape})"
        out.append(Proposal(label.field, value, source, Rank.LABEL, label.node, int(department)))
        seen.add(label.field)
    if "views" not in seen:
        views = _views_after_date(header)
        if views is not None:
            out.append(views)
            seen.add("views")
    if header.title is not None and header.title_text:
        tag = header.title.tag or ""
        cls = (header.title.attributes.get("class") or "").split()
        where = tag + "".join("." + c for c in cls[:2])
        out.append(
            Proposal("title", header.title_text, f"heading {where}", Rank.REGION, header.title)
        )
    if header.node is not None:
        end = body_start(header)
        out.extend(_class_fields(header.node, seen, end))
        for time in header.node.css("time[datetime]"):
            if "published" in seen or (end is not None and is_after(time, end)):
                break
            value = parse_date(time.attributes.get("datetime"))
            if value is not None:
                out.append(
                    Proposal("published", value, "time[datetime] in the header", Rank.REGION, time)
                )
                seen.add("published")
    return out


#: A bare count right after the post date: ``2019-08-02 15:05 | 57``.
_COUNT_AFTER = re.compile(r"\s*[|·/,]?\s*(\d{1,3}(?:,\d{3})+|\d{1,9})(?=\s|$)(?!\s*[:：])")
_COUNT_IN_VALUE = re.compile(
    r"(\d{1,2}[-./]\d{1,2}\.?|\d{1,2}:\d{2}(?::\d{2})?)\s*[|·/,]?\s+(\d{1,3}(?:,\d{3})+|\d{1,9})\s*$"
)


def _views_after_date(header: Header) -> Proposal | None:
    """The view count a header shows as a bare number right after the labelled date (no
    조회 label: boards that print 작성자 · 날짜 · count in one line or in cells)."""
    label = next((lb for lb in header.labels if lb.field == "published"), None)
    if label is None or label.node.parent is None:
        return None
    m = _COUNT_IN_VALUE.search(label.value)  # the count ran into the date's value
    if m is not None and parse_date(label.value[: m.start(2)]) is not None:
        value = parse_views(m.group(2), labelled=True)
        source = f"the number after the date labelled {label.word!r}"
        return Proposal("views", value, source, Rank.REGION, label.node)
    text = node_text(label.node.parent)
    at = text.find(label.value)
    if at < 0:
        return None
    m = _COUNT_AFTER.match(text, at + len(label.value))
    if m is None:
        return None
    value = parse_views(m.group(1), labelled=True)
    source = f"the number after the date labelled {label.word!r}"
    return Proposal("views", value, source, Rank.REGION, label.node)


#: Boxes of the site, not of the post: the page footer, the "page manager" box under every
#: page of a Korean public site (자료관리 담당자 · 담당부서), satisfaction surveys.
_SITE_BOX = re.compile(r"foot|page_?info|page_?manager|manager|charge|satisf|survey", re.I)


def is_chrome_label(header: Header, label: Label) -> bool:
    """Whether ``label`` is the site's, not the post's: inside a footer or a page-manager
    box, or outside the post header (its heading and first labels) and after it."""
    if _in_site_box(label.node):
        return True
    if header.node is None or header.title is None:
        return False
    if contains(header.node, label.node) or not precedes(header.node, label.node):
        return False
    rows = label_row_after(header)
    return rows is None or not (contains(rows, label.node) or precedes(label.node, rows))


#: How many element siblings after the header element may still be its label rows.
LABEL_ROWS = 2


def label_row_after(header: Header) -> LexborNode | None:
    """The last of the elements right after the header element that are its label rows (a
    views row under the box of the date and the title): up to :data:`LABEL_ROWS` short
    siblings whose labels give fields the header element lacks; None when the next one is
    no such row (a comment repeats the header's fields), or when the header element holds
    the post's prose (a page manager's box after the post is the site's)."""
    if header.node is None or _holds_prose(header.node):
        return None  # the header element holds the post: what follows it is not its rows
    have = {lb.field for lb in header.labels if contains(header.node, lb.node)}
    found: LexborNode | None = None
    sib, seen = header.node.next, 0
    while sib is not None and seen < LABEL_ROWS:
        if sib.tag and not sib.tag.startswith("-"):
            seen += 1
            if len(sib.text(deep=True)) > MAX_VALUE:
                break
            fields = {lb.field for lb in find_labels(sib)}
            if not fields or fields & have:
                break
            found = sib
        sib = sib.next
    return found


def _in_site_box(node: LexborNode) -> bool:
    for anc in ancestors(node, 12):
        if anc.tag == "footer":
            return True
        name = f"{anc.attributes.get('class') or ''} {anc.attributes.get('id') or ''}"
        if _SITE_BOX.search(name):
            return True
    return False


def is_after(node: LexborNode, end: LexborNode) -> bool:
    """Whether ``node`` comes after the element ``end`` (the header's last part): in the
    body or below it, where dates and names are not the post's."""
    return not contains(end, node) and precedes(end, node)


def _class_fields(scope: LexborNode, seen: set[str], end: LexborNode | None) -> Iterator[Proposal]:
    """Unlabelled header fields named by their class (``p.writer``, ``span.date``), up to
    the header's end."""
    for node in scope.css("[class]"):
        if end is not None and is_after(node, end):
            break
        cls = node.attributes.get("class") or ""
        for name, pattern in _CLASS_FIELDS:
            if name in seen or not pattern.search(cls):
                continue
            text = strip_label(node_text(node))
            if not text or len(text) > 60 or is_label(text):
                continue
            if any(text.startswith(w) for w in OTHER_LABELS):
                continue
            if name == "views" and not _INT.fullmatch(text):
                continue
            value = parse_field(name, text)
            if value is None:
                continue
            seen.add(name)
            yield Proposal(name, value, f"class {node.tag}.{cls.split()[0]}", Rank.REGION, node)


def read_fields(tree: LexborHTMLParser) -> tuple[Header | None, list[Proposal]]:
    """The post header of the page (None when it has none) and the fields it proposes."""
    root = tree.body
    if root is None:
        return None, []
    header = find_header(root)
    if header is None:
        return None, []
    return header, header_proposals(header)


_STOP_CLASS = re.compile(
    r"(?:^|[\s_-])(?:files?|file_?list|attach\w*|add_?file|prev\w*|next\w*|comments?|cmt\w*"
    r"|reply|replies|btn_?area|btns|buttons?|bo_v_(?:nb|act|sns|share|link)|share\w*|sns\w*"
    r"|tags?|related\w*)(?:$|[\s_-])",
    re.I,
)
_STOP_WORDS = ("첨부파일", "첨부", "이전글", "다음글", "윗글", "아랫글", "관련링크", "댓글", "목록")


def is_stop(node: LexborNode) -> bool:
    """Whether ``node`` is a part of the post page that ends the body: the attachment box,
    prev/next links, comments, buttons, tags, share links."""
    if node.tag == "tr" and is_label_part(node):
        return False  # a labelled row of a detail table (첨부파일) sits in the header
    name = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
    if _STOP_CLASS.search(name):
        return True
    if node.tag in ("script", "style", "form") and not node_text(node):
        return False
    hidden = frozenset(
        n.mem_id
        for n in node.css("caption, .hide, .HIDE, .hidden, .blind, .sound_only, .sr-only")
        if n.mem_id != node.mem_id
    )
    text = node_text(node, hidden)
    if SURVEY.search(text[:SURVEY_HEAD]):
        return True
    head = key(text[:24])
    return any(head.startswith(w) for w in _STOP_WORDS) and len(head) < 24 or head in _STOP_WORDS


#: A satisfaction survey asks its question in this many first characters of its block.
SURVEY_HEAD = 40


def body_start(header: Header) -> LexborNode | None:
    """The element the post header ends with: the outermost table or list (inside the
    header element) that holds its last label, else that label's element."""
    scope = header.node
    inside = [lb for lb in header.labels if scope is None or contains(scope, lb.node)]
    if not inside:
        return None
    last = inside[-1].node
    start = last
    while start.tag in _WRAPPERS and start.parent is not None and start.tag not in ("th", "dt"):
        if scope is not None and start.mem_id == scope.mem_id:
            break
        start = start.parent  # an inline label: the header ends with its line
    cell = start if start.tag in ("th", "td") else start.parent
    if cell is not None and cell.tag in ("th", "td") and cell.parent is not None:
        return cell.parent  # a detail table: the rows after the last label row follow it
    for anc in ancestors(start, 8):
        if anc.tag in ("table", "ul", "ol", "dl"):
            if _holds_prose(anc):
                break  # a layout table around the whole post: the header ends inside it
            start = anc
        if scope is not None and anc.mem_id == scope.mem_id:
            break
    title = header.title
    if title is not None and not contains(start, title) and precedes(start, title):
        start = title  # a date shown above the title: the header ends with the title
    rows = label_row_after(header) if title is not None else None
    if rows is not None and not contains(start, rows) and precedes(start, rows):
        return rows  # the header's label rows under its box: the body follows them
    return start


def is_label_part(node: LexborNode) -> bool:
    """Whether ``node`` is a part of the post header rather than of the body: a table row
    that starts with a header cell (첨부파일, 수정일 …), or an element that reads a label."""
    if node.tag == "tr":
        cell = node.child
        while cell is not None and cell.tag not in ("th", "td"):
            cell = cell.next
        return cell is not None and cell.tag == "th"
    if node.tag in ("th", "dt"):
        return True
    text = node.text(deep=True, separator=" ")
    return len(text) <= 3 * MAX_LABEL and is_label(text)
