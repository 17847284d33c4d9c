"""A list row's title as shown: the part of its link that is the title, without the
category, date, count, badge or label parts around it (see :mod:`.listing`)."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from .labels import (
    TEXT_OTHER_WORDS,
)
from .listcells import DATE_CLASS, cell_text, classes_of, is_date_text, node_text, own_text
from .profile import text_of

_TRAILING_NOISE = re.compile(
    # Comment counts have at most 3 digits: "(2024)" at the end of a title is a year.
    r"(?:\s*(?:\[\d{1,3}\]|\(\d{1,3}\)|\+\s*\d{1,3}|\bN\b|\bnew\b|새글|NEW))+\s*$",
    re.IGNORECASE,
)
_NOTICE_BADGE = re.compile(
    # "[Notice]" or a bare 공지 before the title; a bare English "Notice" starts a sentence.
    r"^\s*(?:\[\s*(?:공지|공지사항|notice)\s*\]|【\s*공지\s*】|공지(?=\s))\s*",
    re.IGNORECASE,
)
TITLE_CLASS = re.compile(r"(?:^|[-_])(?:tit|title|subject|subj|sbj|headline)(?:[-_]|\d|$)", re.I)
HAS_LETTER = re.compile(r"[^\W\d_]")
_NEW_WINDOW = re.compile(r"새\s*창")
#: A bracketed label before a title (``[공고]``, ``[남부지방산림청]``).
_LEADING_LABEL = re.compile(r"^\s*\[[^\]]{1,20}\]\s*")
#: Characters a title and its tooltip share for the tooltip to vouch for the title.
_LABEL_EVIDENCE = 10
_BADGE_TEXT = re.compile(r"^(?:\[[^\]]{1,10}\]|\([^)]{1,10}\)|.{1,3})$")


def clean_title(text: str) -> str:
    """A row title without trailing comment counts and New badges."""
    return _TRAILING_NOISE.sub("", text).strip()


def _title_element(link: LexborNode) -> LexborNode | None:
    """Inside a card link holding title, date and summary: the element that is the title."""
    for node in link.css("*"):
        if node.mem_id == link.mem_id:
            continue
        if any(TITLE_CLASS.search(c) for c in classes_of(node)) and text_of(node):
            return node
    heading = link.css_first("h1, h2, h3, h4, h5, h6")
    return heading if heading is not None and text_of(heading) else None


def link_title(link: LexborNode, drop: tuple[str, ...]) -> tuple[str, bool, LexborNode]:
    """A link's title text as shown, whether it carried a notice badge, and the element it
    came from (the link, or the part of a card link that is the title)."""
    node = _title_element(link) or _title_part(link, drop)
    if any(any(DATE_CLASS.search(c) for c in classes_of(n)) for n in node.css("*")):
        node = _title_part(node, drop)  # a title box holding the date too: its title part
    text = _without_parts(node, node_text(node, drop), drop)
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
    if not own_text(node):
        return text
    children = [c for c in node.iter() if node_text(c, drop)]
    if children and _CATEGORY.fullmatch(node_text(children[0], drop)):
        lead = node_text(children[0], drop)
        if text.startswith(lead) and text[len(lead) :].strip():
            text = text[len(lead) :].strip()
    for child in reversed(children):
        tail = node_text(child, drop)
        counted = _COUNT_PART.fullmatch(tail) or tail in TEXT_OTHER_WORDS
        if not (counted or is_date_text(cell_text(child))) or not text.endswith(tail):
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
        if own_text(node):
            return node
        parts = [
            child
            for child in node.iter()
            if (text := node_text(child, drop))
            and HAS_LETTER.search(text)
            and not is_date_text(cell_text(child))
            and not any(DATE_CLASS.search(c) for c in classes_of(child))
        ]
        if not parts:
            return node
        if len(parts) == 1:
            node = parts[0]
            continue
        chosen = next((p for p in parts if not _BADGE_TEXT.match(node_text(p, drop))), None)
        if chosen is None:
            return node
        node = chosen  # a part made of parts (title and details) is read the same way
    return node
