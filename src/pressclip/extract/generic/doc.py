"""The walked page (:class:`_Doc`: lines, their values, per-element line ranges and
marks) and the sums over it that the rules read."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import accumulate

from selectolax.lexbor import LexborNode

#: A block whose text is more than this share of link text is boilerplate.
LINK_DENSITY = 0.5


@dataclass
class _Doc:
    """The result of the walk: lines, their values, and per-element line ranges."""

    lines: list[str] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    chars: list[int] = field(default_factory=list)
    link_chars: list[int] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    #: Element -> index of its first line
    first: list[int] = field(default_factory=list)
    #: Element -> index after its last line
    last: list[int] = field(default_factory=list)
    #: Element -> index after its last descendant element
    end: list[int] = field(default_factory=list)
    #: Element is boilerplate by tag, role or name: 2 strongly, 1 weakly
    bad: list[int] = field(default_factory=list)
    #: Element starts and ends lines (its line range is exact)
    block: list[bool] = field(default_factory=list)
    #: Element -> its parent element, -1 for the root
    parent: list[int] = field(default_factory=list)
    #: Element is or sits inside boilerplate
    under_bad: list[bool] = field(default_factory=list)
    #: Element is marked as the content: <article>, <main>, articleBody
    strong: list[bool] = field(default_factory=list)
    #: Elements holding an e-mail, phone or password field
    fields: list[int] = field(default_factory=list)
    #: Element weakly boilerplate by its class/id -> its weak words
    weak_names: dict[int, str] = field(default_factory=dict)
    #: Elements strongly boilerplate by their class/id only
    named: set[int] = field(default_factory=set)
    #: The other elements strongly boilerplate by name -> name
    strong_names: dict[int, str] = field(default_factory=dict)
    #: <header>s inside an <article>: a teaser card's headline
    card_headers: list[int] = field(default_factory=list)
    #: Streamed content (see :data:`.walk._SLOT`): the hidden boxes by number, and the
    #: numbers of the placeholders met ("B:3", "P:4" are filled by box "S:3", "S:4")
    boxes: dict[str, LexborNode] = field(default_factory=dict)
    slots: set[str] = field(default_factory=set)
    holders_read: bool = False  # :func:`_unmark_prose_holders` has run
    #: A Korean page (wide characters weigh double): its photo captions are the text's.
    wide: bool = False


def _prefix(values: list[float] | list[int]) -> list[float]:
    """Prefix sums: ``out[k]`` is the sum of the first ``k`` values."""
    return list(accumulate(values, initial=0.0))


def _prose(doc: _Doc) -> list[int]:
    """Each line's characters of prose: its non-link characters, 0 for a line of links and
    for a line the walk found no text (a footer's copyright line, ids run together: the
    lines worth minus their length without being links)."""
    return [
        (c - k if k <= LINK_DENSITY * c and (k or v != -c) else 0)
        for c, k, v in zip(doc.chars, doc.link_chars, doc.values, strict=True)
    ]


def _mark_under_bad(doc: _Doc) -> None:
    """Recompute which elements are boilerplate or inside it (parents come first)."""
    under_bad = doc.under_bad
    for i, (bad, p) in enumerate(zip(doc.bad, doc.parent, strict=True)):
        under_bad[i] = bad > 0 or (p >= 0 and under_bad[p])
