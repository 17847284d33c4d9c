"""The labelled-field reader's text and tree helpers: text folded, label words told apart,
an element's text, and document order (see :mod:`.fields`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from .labels import OTHER_LABELS, WORDS, key, spaced

LABEL_OF: dict[str, str] = {key(w): f for f, ws in WORDS.items() for w in ws}
#: The longest label, in characters without spaces: longer text is never a bare label.
MAX_LABEL = max(map(len, LABEL_OF)) + 1
WORDS_RE = "|".join(
    spaced(w) for w in sorted({w for ws in WORDS.values() for w in ws}, key=len, reverse=True)
)
#: "label : value" / "label value" at the start of a text node (inner spaces allowed; the
#: label may stand in brackets: ``[작성자] 홍길동``).
LABEL_START = re.compile(
    r"^\s*\[?(" + WORDS_RE + r")\]?\s*(?:[:：]\s*|(?=[\d\s]))(.*)$",
    re.IGNORECASE | re.DOTALL,
)
_SPACE = re.compile(r"\s+")
#: The longest text read as a label's value.
MAX_VALUE = 300


def fold(text: str | None) -> str:
    """White space folded (NBSP and zero-width spaces too) and trimmed."""
    return _SPACE.sub(" ", (text or "").replace("\u00a0", " ").replace("\u200b", "")).strip()


def label_field(text: str) -> str | None:
    """The field a bare label names (``작 성 자:`` → ``author``), or None."""
    if len(text) > 3 * MAX_LABEL:
        return None
    return LABEL_OF.get(key(text))


def is_label(text: str) -> bool:
    """Whether ``text`` is a label of the post header (a field's or another part's)."""
    if len(text) > 3 * MAX_LABEL:
        return False
    k = key(text)
    return bool(k) and (k in LABEL_OF or k in OTHER_LABELS)


def node_text(node: LexborNode | None, skip: frozenset[int] = frozenset()) -> str:
    """The folded text of ``node`` without scripts, styles and the ``skip`` elements."""
    if node is None:
        return ""
    parts: list[str] = []
    stack = [node]
    while stack:
        cur = stack.pop()
        tag = cur.tag or ""
        if tag == "-text":
            parts.append(cur.text_content or "")
            continue
        if tag in ("script", "style", "noscript", "template", "select", "-comment"):
            continue
        if cur.mem_id in skip:
            continue
        if tag in ("br", "p", "div", "li", "td", "th", "dd", "dt", "tr"):
            parts.append(" ")
        stack.extend(reversed(list(cur.iter(include_text=True))))
    return fold("".join(parts))


def strip_label(text: str) -> str:
    """``text`` without a leading field label (a mobile copy of the label inside the value)."""
    for _ in range(2):
        m = LABEL_START.match(text)
        if not m:
            break
        text = m.group(2)
    return text.strip(" :：|")


@dataclass
class Label:
    """A field label found on the page: the field, the element it sits in, and its value."""

    field: str
    word: str
    node: LexborNode  # the label element (or the text node's parent when they share it)
    value: str
    shape: str  # how label and value are laid out


def ancestors(node: LexborNode, levels: int) -> Iterator[LexborNode]:
    cur = node.parent
    for _ in range(levels):
        if cur is None or cur.tag in ("body", "html"):
            return
        yield cur
        cur = cur.parent


def contains(outer: LexborNode, inner: LexborNode) -> bool:
    cur: LexborNode | None = inner
    while cur is not None:
        if cur.mem_id == outer.mem_id:
            return True
        cur = cur.parent
    return False


def precedes(a: LexborNode, b: LexborNode) -> bool:
    """Whether ``a`` starts before ``b`` in document order (``a`` may contain ``b``)."""
    if contains(a, b):
        return True
    path_b = []
    cur: LexborNode | None = b
    while cur is not None:
        path_b.append(cur)
        cur = cur.parent
    ids_b = {n.mem_id: i for i, n in enumerate(path_b)}
    # the child of the common ancestor on a's side vs on b's side
    child_a = a
    cur = a
    while cur is not None and cur.mem_id not in ids_b:
        child_a = cur
        cur = cur.parent
    if cur is None:
        return False
    common_depth = ids_b[cur.mem_id]
    child_b = path_b[common_depth - 1] if common_depth > 0 else b
    sib = child_a.next
    while sib is not None:
        if sib.mem_id == child_b.mem_id:
            return True
        sib = sib.next
    return False
