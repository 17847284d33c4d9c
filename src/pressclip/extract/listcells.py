"""A list row's cells: their text (a mobile label set aside), the dates they show, the
columns their table's header names, and the row's post date (see :mod:`.listing`)."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from ..dates import parse_list_date
from .labels import (
    CELL_LABELS,
    DATE_HEADERS,
    NUMBER_HEADERS,
    PERIOD_HEADERS,
    POST_DATE_PREFIXES,
    TITLE_HEADERS,
    spaced,
)
from .profile import text_of

DATE_CLASS = re.compile(
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
NUMBER = re.compile(r"^\d[\d,]*$")
_CELLS = "td, th, span, em, p, div, li, dd, dt, time, strong, b, small, font, i, label"
DIGIT = re.compile(r"\d")


def node_text(node: LexborNode | None, drop: tuple[str, ...] = ()) -> str:
    """:func:`text_of` with the drop selectors run as one query (rows are read often)."""
    return text_of(node, (", ".join(drop),) if drop else ())


def classes_of(node: LexborNode) -> list[str]:
    return (node.attributes.get("class") or "").split()


def own_text(node: LexborNode) -> str:
    return "".join(
        (c.text_content or "") for c in node.iter(include_text=True) if c.tag == "-text"
    ).strip()


def cell_text(node: LexborNode) -> str:
    """A cell's text without a mobile label before its value (등록일 2024-01-02 → the date)."""
    text = node_text(node, _LABEL_NODES)
    return _CELL_LABEL.sub("", text).strip()


def is_date_text(text: str) -> bool:
    return bool(text) and bool(_DATE_ONLY.match(text) or _TIME_ONLY.match(text))


def date_of(node: LexborNode) -> str | None:
    """The date an element shows: its text (own text first), a ``<time datetime>``, then a
    tooltip only when the text shows just a time of day; None for a period. A day shown
    without its year (``06-10``) takes the year of a full date kept inside the same element
    (a hidden time stamp) when the two agree."""
    candidates = [cell_text(node)]
    own = _CELL_LABEL.sub("", own_text(node)).strip()
    if own and own != candidates[0]:
        candidates.append(own)
    for text in candidates:
        if not is_date_text(text) or _PERIOD.search(text):
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
        full = parse_list_date(node_text(child)) if DIGIT.search(node_text(child)) else None
        if full and not full.startswith("--") and full[4:10] == day[1:7]:
            return full[:10]
    return day


def header_labels(row: LexborNode) -> list[str]:
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


def column_kind(header: str) -> str:
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


def table_cells(row: LexborNode) -> list[LexborNode]:
    return [c for c in row.iter() if c.tag in ("td", "th")] if row.tag == "tr" else []


def column_of(row: LexborNode, headers: list[str]) -> dict[int, str]:
    """Each cell of a table row (mem_id) → the kind of column its header names."""
    cells = table_cells(row)
    if not cells or len(cells) != len(headers):
        return {}
    return {c.mem_id: column_kind(h) for c, h in zip(cells, headers, strict=True)}


def row_date(row: LexborNode, title: LexborNode, headers: list[str]) -> str | None:
    """The row's post date (see the module docstring), or None."""
    columns = column_of(row, headers)
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
        day = date_of(node)
        if day is None:
            continue
        if kind == "date":
            by_header.append(day)
        elif any(DATE_CLASS.search(c) for c in classes_of(node)):
            hinted.append(day)
        else:
            plain.append(day)
    for found in (by_header, hinted, plain):
        if found:
            return found[0]
    return None


def has_number(row: LexborNode, link: LexborNode) -> bool:
    inside = {n.mem_id for n in link.css("*")} | {link.mem_id}
    return any(
        node.mem_id not in inside and NUMBER.match(cell_text(node))
        for node in row.css("td, th, span, em, div, dd, strong, b, p")
    )


def inside_node(node: LexborNode, scope: LexborNode) -> bool:
    anc: LexborNode | None = node
    while anc is not None:
        if anc.mem_id == scope.mem_id:
            return True
        anc = anc.parent
    return False
