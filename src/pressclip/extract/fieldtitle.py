"""The post's title as its header shows it: a labelled 제목 row beside the field labels,
else the heading closest before them that is no label and no menu's text, preferring one
the page's ``<title>`` / ``og:title`` repeats (see :func:`.fields.find_header`)."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from .fieldtext import MAX_VALUE, Label, ancestors, contains, fold, is_label, node_text, precedes

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_TITLE_CLASS = re.compile(r"(?:^|[\s_-])(?:tit|title|subject|subj|headline)", re.I)
_NOT_TITLE_CLASS = re.compile(
    r"cate|categor|badge|label|state|status|icon|sub_?nav|snb|lnb|gnb|menu|location|path|crumb"
    r"|page_?tit|cont_?tit|sub_?tit|site|logo|tab|sound_only|blind|hidden|screen_out|sr-only",
    re.I,
)
#: How many ancestors above a label are searched for the post's title.
TITLE_LEVELS = 6


def _is_title_candidate(node: LexborNode) -> bool:
    if node.tag in ("b", "strong"):  # a line that is all bold, in an old table layout
        parent = node.parent
        text = fold(node.text(deep=True))
        return (
            parent is not None
            and len(text) >= 4
            and not is_label(text)
            and fold(parent.text(deep=True)) == text
        )
    if node.tag in _HEADINGS:
        cls = node.attributes.get("class") or ""
        return not _NOT_TITLE_CLASS.search(cls) and not _is_logo(node)
    if node.tag in ("th", "td") and _spans_its_row(node):
        return True
    cls = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
    return bool(_TITLE_CLASS.search(cls)) and not _NOT_TITLE_CLASS.search(cls)


#: A link to the site's home page: ``/``, ``./``, ``/index.do``, ``https://host/``.
_HOME = re.compile(r"^(?:https?://[^/]+)?(?:/|\./)?(?:index\.\w+|main\.\w+)?/?$", re.I)


def _is_logo(heading: LexborNode) -> bool:
    """Whether a heading is the site's logo: its whole text a link to the home page."""
    link = heading.css_first("a[href]")
    if link is None or fold(link.text(deep=True)) != fold(heading.text(deep=True)):
        return False
    return bool(_HOME.match((link.attributes.get("href") or "").strip()))


def _spans_its_row(cell: LexborNode) -> bool:
    """Whether a table cell is its row's only cell (a header table's title row), holding a
    short text that is no label."""
    row = cell.parent
    if row is None or row.tag != "tr" or cell.css_first("table") is not None:
        return False
    if sum(1 for c in row.iter() if c.tag in ("th", "td")) != 1:
        return False
    text = fold(cell.text(deep=True))
    return 4 <= len(text) <= MAX_VALUE and not is_label(text)


def _title_of(node: LexborNode, label: LexborNode) -> str:
    """A title candidate's text: its first line, without category badges, and without the
    header fields when it holds them."""
    from .blocks import block_lines

    if contains(node, label):
        lines = block_lines(node)
        return lines[0] if lines and not is_label(lines[0]) else ""
    junk = frozenset(
        n.mem_id
        for n in node.css("[class*='cate'], [class*='badge'], .sound_only, .blind, .hidden")
        if n.mem_id != node.mem_id
    )
    return node_text(node, junk)


#: How far up a 제목 label and the date's or writer's label may meet to be one header.
TITLE_ROW_LEVELS = 4


def labelled_title_box(labels: list[Label], anchor: Label) -> LexborNode | None:
    """The element holding a labelled title (``<th>제목</th><td>…</td>``) and the anchor
    label, when they are close: the post header, whatever headings stand above it."""
    titled = next((lb for lb in labels if lb.field == "title"), None)
    if titled is None or titled is anchor:
        return None
    for anc in ancestors(titled.node, TITLE_ROW_LEVELS):
        if contains(anc, anchor.node):
            return anc
    return None


def _candidates_before(anc: LexborNode, anchor: LexborNode) -> list[LexborNode]:
    """The title candidates under ``anc`` that come before the label ``anchor``, in order."""
    return [
        cand
        for cand in anc.css(", ".join(_HEADINGS) + ", [class], [id], b, strong, th, td")
        if cand.mem_id != anchor.mem_id and _is_title_candidate(cand) and precedes(cand, anchor)
    ]


def title_heading(
    root: LexborNode, anchor: LexborNode, menus: set[str]
) -> tuple[LexborNode, LexborNode, str] | None:
    """(header element, title heading, its text): the closest candidate before the label,
    in the nearest ancestor that holds one. A closer heading that the page's ``<title>`` /
    ``og:title`` does not repeat (a section's "페이지 정보") gives way to one further up
    that it repeats."""
    repeated = _document_titles(root)
    first: tuple[LexborNode, LexborNode, str] | None = None
    for level, anc in enumerate(ancestors(anchor, TITLE_LEVELS)):
        cands = _candidates_before(anc, anchor)
        if first is None and cands:
            text = _title_of(cands[-1], anchor)
            if text in menus:  # the board's or menu's name, not the post's: no heading
                return None
            if text and not is_label(text):
                first = anc, cands[-1], _without_badges(cands[-1], text, repeated)
                if not repeated or _repeated_part(text, repeated):
                    return first
        # the closest heading the document's title repeats; then one just after the label
        # (a date shown above the title)
        after = _headings_after(anc, anchor) if level < AFTER_LEVELS else []
        for cand in [*reversed(cands), *after]:
            text = _title_of(cand, anchor)
            if text and text not in menus and not is_label(text):
                part = _repeated_part(text, repeated)
                if part:
                    return anc, cand, part
    return first


#: A title heading after the label is looked for this many ancestors up only: a date in
#: the title's own box (floated above it), not a site banner's date far above the post.
AFTER_LEVELS = 3


def _headings_after(anc: LexborNode, anchor: LexborNode) -> list[LexborNode]:
    return [
        h
        for h in anc.css(", ".join(_HEADINGS))
        if _is_title_candidate(h) and not precedes(h, anchor) and not contains(h, anchor)
    ]


def _without_badges(node: LexborNode, text: str, titles: str) -> str:
    """A heading's text without the words before or after the part the document's title
    repeats, where those words are an element of their own in the heading (a category
    badge): ``<h1><span>난방·에너지</span> 다온군, …</h1>``."""
    part = _repeated_part(text, titles)
    if not part or part == text:
        return text
    before, _, after = text.partition(part)
    own = {fold(n.text(deep=True)) for n in node.iter() if n.tag and not n.tag.startswith("-")}
    if all(not chunk.strip() or fold(chunk) in own for chunk in (before, after)):
        return part
    return text


def menu_heading_level(anchor: LexborNode, menus: set[str]) -> LexborNode | None:
    """The ancestor whose closest candidate is a menu's name (no heading of the post)."""
    for anc in ancestors(anchor, TITLE_LEVELS):
        cands = _candidates_before(anc, anchor)
        if cands:
            return anc if _title_of(cands[-1], anchor) in menus else None
    return None


#: A heading repeated by the document's title counts only with this many characters: the
#: board's name ("보도자료", "공지사항") is in the ``<title>`` of every post too.
REPEATED_TITLE = 8


def _document_titles(root: LexborNode) -> str:
    """The ``<title>`` and ``og:title`` texts of the document ``root`` is in, folded."""
    top: LexborNode = root
    while top.parent is not None:
        top = top.parent
    parts = [n.text() for n in top.css("title")[:1]]
    parts += [m.attributes.get("content") or "" for m in top.css("meta[property='og:title']")]
    return fold(" ".join(parts))


#: Words a heading may have around the part the document's title repeats: a category
#: badge before it ("경제"), a "new" mark after it.
BADGE_WORDS = 2


def _repeated_part(text: str, titles: str) -> str:
    """The part of a heading the document's title repeats, without up to
    :data:`BADGE_WORDS` words before or after it; "" when it repeats none."""
    words = text.split()
    for lead in range(min(BADGE_WORDS, len(words) - 1) + 1):
        for trail in range(min(BADGE_WORDS, len(words) - lead - 1) + 1):
            part = " ".join(words[lead : len(words) - trail])
            if len(part) >= REPEATED_TITLE and part in titles:
                return part
    return ""
