"""The walk: one pass over the DOM that cuts the visible text into innerText-like lines
(a line per block element and per ``<br>``), values each line, and numbers the elements in
document order with the range of lines each holds and what each is (boilerplate by tag,
role or class/id, marked as the content). Elements that are never shown are pruned by
named rules."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from selectolax.lexbor import LexborNode

from ..blocks import SKIP as _BLOCK_SKIP
from ..labels import SITE_FOOTER
from .doc import LINK_DENSITY, _Doc, _mark_under_bad
from .names import (
    HIDDEN,
    POPUP,
    TOGGLED,
    _abbreviation_only,
    _is_panel,
    _layout_name,
    _looks_hidden,
    _name_cache,
    _name_weight,
    _weak_words,
)

#: Elements whose text is never shown. ``<noscript>`` is read: pages that build themselves
#: with JavaScript (forums, single-page apps) put their text there for readers without it,
#: and its other uses ("please enable JavaScript") are a short line.
SKIP = _BLOCK_SKIP - {"noscript"}


#: A tag in a ``<noscript>``'s text: markup a page (or the tool that saved it) kept as raw
#: text (a tracking pixel's ``<img>``, a tag manager's ``<iframe>``), never shown as such.
_MARKUP = re.compile(r"<!--.*?-->|</?[A-Za-z][^<>]*>", re.S)


def _unmarked(text: str) -> str:
    """A ``<noscript>``'s raw text without its tags (only what they wrap is shown)."""
    return _MARKUP.sub(" ", text)


#: Tags treated as inline: they neither start nor end a line.
INLINE = frozenset(
    {
        "a",
        "abbr",
        "acronym",
        "b",
        "bdi",
        "bdo",
        "big",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "kbd",
        "label",
        "mark",
        "nobr",
        "q",
        "rp",
        "rt",
        "ruby",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
        "picture",
        "source",
        "track",
        "param",
        "area",
        "output",
        "meter",
        "progress",
    }
)


#: Inline elements that need no number of their own when they carry no attributes.
PLAIN_INLINE = INLINE - {"a"}


#: Elements that are boilerplate by their tag.
BAD_TAGS = {"nav": 2, "aside": 2, "footer": 2, "menu": 2, "header": 1}


#: Elements that hold content by their tag.
GOOD_TAGS = frozenset({"article", "main"})


_HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})


#: Lists: of links, they are the text's own between two of its paragraphs.
_LISTS = frozenset({"ul", "ol"})


#: ARIA roles that mark boilerplate, and the role that marks the main content.
BAD_ROLES = frozenset(
    {
        "navigation",
        "complementary",
        "banner",
        "contentinfo",
        "menu",
        "menubar",
        "search",
        "dialog",
        "alert",
        "toolbar",
        "tablist",
    }
)


#: Of those, roles that weigh weakly: a ``tablist`` is a row of tabs, or an accordion
#: whose panels hold a whole text (a transcript), which :func:`_unmark_weak` keeps.
WEAK_ROLES = frozenset({"tablist"})


#: Characters of Chinese, Japanese and Korean text (ideographs, kana, hangul, full-width
#: forms): a line of them holds about twice the content of as many Latin letters.
_CJK = re.compile(r"[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")


_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0\u200b\ufeff\u3000]+")


#: What a line that reads like content pays for being a separate line: short lines
#: (buttons, labels, dates) come out negative, paragraphs positive.
LINE_COST = 25


#: Characters a line of Latin text runs on average between spaces, at most: prose's words
#: are 5-6 long, a long URL or compound 30-40; a line beyond this is identifiers, hashes or
#: data run together, never text (lines in Chinese, Japanese or Korean have their own rule).
WORD_RUN = 40


#: The cost of a table cell's line: a row of a data table is one line of the table.
CELL_COST = 3


CELLS = frozenset({"td", "th"})


#: The blocks whose lines pay :data:`CELL_COST`: cells, and rows whose cells are one line.
_CELL_LINES = CELLS | {"tr"}


def _simple(kids: list[LexborNode]) -> bool:
    """Whether an element's children are text and inline elements only (no block, no
    ``<br>``)."""
    return all(k.tag in INLINE or (k.tag or "-")[0] == "-" for k in kids)


#: The attributes the walk reads (an element without any of them is weighed by its tag).
_WATCHED = frozenset({"role", "hidden", "aria-hidden", "style", "class", "id", "itemprop"})


def _unmark_wrappers(i: int, bad: list[int], parent: list[int], under_bad: list[bool]) -> bool:
    """Unmark the weak boilerplate among ``i`` and its ancestors (strong boilerplate stays)
    and recompute their ``under_bad``; whether any was unmarked."""
    chain = []
    while i >= 0:
        chain.append(i)
        i = parent[i]
    changed = False
    for k in chain:
        if bad[k] == 1:
            bad[k] = 0
            changed = True
    for k in reversed(chain):
        p = parent[k]
        under_bad[k] = bad[k] > 0 or (p >= 0 and under_bad[p])
    return changed


def _closed_dialog(attrs: dict[str, str | None]) -> bool:
    """A ``<dialog>`` without ``open``: a box the page shows only when a script opens it."""
    return "open" not in attrs


#: ARIA roles of a box shown only when opened.
_DIALOG_ROLES = frozenset({"dialog", "alertdialog"})


def _dialog_role(role: str | None) -> bool:
    """An element whose role makes it a dialog box: shown only when opened (a cookie or
    login box over the page), never the page's text."""
    return role in _DIALOG_ROLES


def _hidden_box(attrs: dict[str, str | None], role: str | None) -> bool:
    """An element hidden by its ``hidden`` attribute, ``aria-hidden="true"`` or an inline
    ``display: none``/``visibility: hidden`` style: not shown, so not read, unless it is a
    panel that opens in place (:func:`_is_panel`: a FAQ's answers are the page's text)."""
    if (
        "hidden" in attrs
        or attrs.get("aria-hidden") == "true"
        or ((style := attrs.get("style")) and _looks_hidden(style))
    ):
        return not _is_panel(role, attrs.get("class"))
    return False


#: Streamed server rendering (React's): the page is sent with placeholders
#: (``<template id="B:3">`` before a "Loading…" fallback, ``<template id="P:4">``), and
#: the content follows at the end in hidden boxes (``<div hidden id="S:3">``) that its
#: script moves in place of the placeholder of the same number. The reader sees the box
#: there, so the walk reads it there (once: a box fills its slot only).
_SLOT = re.compile(r"[BP]:(\w+)")


_BOX = re.compile(r"S:(\w+)")


def _slot(node: LexborNode) -> str | None:
    """The number of the streamed box a ``<template>`` placeholder stands for, if it is one."""
    match = _SLOT.fullmatch(node.attributes.get("id") or "")
    return match.group(1) if match else None


def _box(attrs: dict[str, str | None]) -> str | None:
    """The number of a hidden box of streamed content (``<div hidden id="S:3">``)."""
    match = _BOX.fullmatch(attrs.get("id") or "")
    return match.group(1) if match else None


def _unshown_by_name(weight: int, show_hidden: bool, wide: bool) -> bool:
    """An element whose class hides it (``weight`` from :func:`_name_weight`): shown to
    screen readers only (``sr-only``, ``blind``) always; a ``hide`` toggle unless the page
    is read with its hidden elements; a popup layer on a Korean board page, where popups
    are closed boxes (elsewhere a "modal" class is strong boilerplate instead)."""
    return weight == HIDDEN or (weight == TOGGLED and not show_hidden) or (weight == POPUP and wide)


#: How an element's class/id marks it boilerplate (see :func:`_classify`): not at all,
#: weakly, strongly by layout words only, strongly by other words.
NO_NAME, WEAK_NAME, LAYOUT_NAME, STRONG_NAME = 0, 1, 2, 3


#: The classification of an element the walk reads: boilerplate (0, 1 weakly, 2
#: strongly), marked as the content, how its class/id marks it, and that class/id.
Kind = tuple[int, bool, int, "str | None"]


def _classify(
    tag: str, attrs: dict[str, str | None], blocks: list[str], show_hidden: bool, wide: bool
) -> Kind | None:
    """What an element is (see :data:`Kind`), or None when a pruning rule leaves it out.
    ``blocks``: the tags of the open block elements round it."""
    is_bad = BAD_TAGS.get(tag, 0)
    if tag == "header" and "article" not in blocks and ("section" in blocks or "main" in blocks):
        is_bad = 0  # a section's own header (its heading and lead), not the page's
    is_strong = tag in GOOD_TAGS
    if tag == "dialog" and _closed_dialog(attrs):
        return None
    if not attrs:
        return is_bad, is_strong, NO_NAME, None
    main = False
    if len(attrs) == 1 and "class" in attrs:  # the commonest case: a class alone
        role, name = None, attrs["class"]
    elif _WATCHED.isdisjoint(attrs):  # an address, a size: nothing to weigh
        role = name = None
    else:
        role = attrs.get("role")
        if _dialog_role(role):
            return None
        if not show_hidden and _hidden_box(attrs, role):
            return None
        if role and role in BAD_ROLES:
            is_bad = 1 if role in WEAK_ROLES else 2
        name = attrs.get("class")
        ident = attrs.get("id")
        if ident:
            name = f"{name} {ident}" if name else ident
        main = role == "main" or attrs.get("itemprop") == "articleBody"
    marked = NO_NAME
    if name and tag != "body":
        w = _name_cache.get(name)
        if w is None:
            w = _name_weight(name)
        if w < -2:  # a class that hides the element (or a popup's)
            if _unshown_by_name(w, show_hidden, wide):
                return None
            if w == TOGGLED:
                w = 0
        if (
            w < 0
            and -w > is_bad
            and tag not in _HEADING_TAGS
            and not (tag == "p" and w == -2 and _abbreviation_only(name))
        ):
            # (a heading's class names its style: "kt-adv-heading" is no ad, nor is the
            # same heading set as a <p>)
            is_bad = min(-w, 2)
            if w == -1:
                marked = WEAK_NAME
            elif _layout_name(name):
                marked = LAYOUT_NAME
            else:
                marked = STRONG_NAME
    if main:
        is_bad = 0
        is_strong = True
    return is_bad, is_strong, marked, name


class _TagKinds(dict[str, Kind]):
    """The classification of an element without attributes, by its tag (filled as tags
    are met): what :func:`_classify` says of it, unless it is a ``<header>`` or a
    ``<dialog>`` (whose rules read the elements round it or its attributes)."""

    def __missing__(self, tag: str) -> Kind:
        kind = self[tag] = (BAD_TAGS.get(tag, 0), tag in GOOD_TAGS, NO_NAME, None)
        return kind


_TAG_KINDS = _TagKinds()


def _text_cell(blocks: list[str], kids: list[LexborNode]) -> bool:
    """Whether a table cell (its children ``kids``) is a cell of text in a row: a line of
    the row, as a browser's innerText reads a table (a row of cells is one line; one cell
    a line would lose repeated cells)."""
    return blocks[-1] == "tr" and _simple(kids)


def _line_weight(text: str, n: int, wide: bool) -> int:
    """A line's ``n`` characters, weighted: on a Korean page (``wide``) each character
    beyond Latin-1 counts double (two UTF-8 bytes more); elsewhere each Chinese, Japanese
    or Korean character does (it says as much as two Latin letters)."""
    if text.isascii():
        return n
    if wide:
        return n + (len(text.encode("utf-8", "surrogatepass")) - n) // 2
    return n + len(_CJK.findall(text))  # one C scan


def _line_value(text: str, n: int, nl: int, wide: bool, in_cell: bool) -> float:
    """The value of a line of ``n`` characters, ``nl`` of them link text: minus its length
    when it is mostly links, a site footer's line or no words at all; else its weighted
    characters outside links minus what a line costs (:data:`CELL_COST` in a table's cell
    or row, :data:`LINE_COST` elsewhere)."""
    w = n if text.isascii() else _line_weight(text, n, wide)
    if nl > LINK_DENSITY * n:
        return -float(n)
    if n < 400 and ("©" in text or "opyright" in text or "ights reserved" in text):
        return -float(n)  # a site footer's line, wherever it sits
    if n < 400 and w > n and SITE_FOOTER.search(text):
        return -float(n)  # a Korean site's footer line (address, e-mail notice)
    if n > WORD_RUN and n > WORD_RUN * (text.count(" ") + 1) and w == n:
        return -float(n)  # no words: identifiers, hashes, a script's data run together
    return float(w - nl - (CELL_COST if in_cell else LINE_COST))


def _walk(
    root: LexborNode,
    nodes: list[LexborNode] | None = None,
    wide: bool = False,
    show_hidden: bool = False,
) -> _Doc:
    """One pass over the DOM under ``root`` (``nodes``, if given, collects the element
    nodes by index, for debugging). ``wide``: characters beyond Latin-1 weigh double (a
    Korean page: a 20-character Korean line says as much as a 40-character English one).
    ``show_hidden``: read elements hidden by a ``hidden`` attribute, an inline style or a
    ``hide`` class too (pages that hide their content until a script has run).

    Each element is pruned (:func:`_classify` returns None), or numbered with its
    classification; each line is valued by :func:`_line_value` as it ends. A page streamed
    with placeholders (see :data:`_SLOT`) is walked again with its boxes in place."""
    doc = _walk_once(root, nodes, wide, show_hidden, {})
    if not doc.slots.isdisjoint(doc.boxes):  # (boxes fill slots inside boxes too)
        if nodes is not None:
            nodes.clear()
        doc = _walk_once(root, nodes, wide, show_hidden, doc.boxes)
    return doc


def _walk_once(
    root: LexborNode,
    nodes: list[LexborNode] | None,
    wide: bool,
    show_hidden: bool,
    boxes: dict[str, LexborNode],
) -> _Doc:
    """:func:`_walk`'s pass, reading each streamed box in ``boxes`` in its slot."""
    doc = _Doc(wide=wide)
    lines, values, chars, link_chars = doc.lines, doc.values, doc.chars, doc.link_chars
    tags = doc.tags
    first, last, end, bad, block = doc.first, doc.last, doc.end, doc.bad, doc.block
    parent, under_bad, strong = doc.parent, doc.under_bad, doc.strong
    parts: list[str] = []
    link_parts: list[str] = []
    keep_inline = nodes is not None  # every element is numbered when the nodes are wanted
    links = 0  # how many <a> elements are open
    blocks = [""]  # the open block elements' tags
    cur = -1  # the open element
    unmarked = False  # weak boilerplate round the main content was unmarked

    def flush() -> None:
        text = " ".join("".join(parts).split())  # str.split knows NBSP and U+3000
        parts.clear()
        if not text:
            link_parts.clear()
            return
        n = len(text)
        nl = 0
        if link_parts:
            nl = min(n, len(" ".join("".join(link_parts).split())))
            link_parts.clear()
        lines.append(text)
        values.append(_line_value(text, n, nl, wide, blocks[-1] in _CELL_LINES))
        chars.append(n)
        link_chars.append(nl)

    # The children still to read of each open element (and of the root's list), with the
    # open elements' numbers beside them.
    todo: list[Iterator[LexborNode]] = [iter([root])]
    opened: list[int] = [-1]
    push, pop = todo.append, todo.pop
    while todo:
        node = next(todo[-1], None)
        if node is None:  # the open element's children are read: leave it
            pop()
            done = opened.pop()
            if done >= 0:
                if block[done]:
                    if parts:
                        flush()
                    blocks.pop()
                if tags[done] == "a":
                    links -= 1
                cur = parent[done]
                last[done] = len(lines)
                end[done] = len(tags)
            continue
        tag = node.tag
        if tag == "-text":
            text = node.text_content
            if text and "<" in text and opened[-1] >= 0 and tags[opened[-1]] == "noscript":
                text = _unmarked(text)
            if text and (parts or not text.isspace()):  # white space opening a line is none
                if wide and "\n" in text and "pre" in blocks:
                    _pre_lines(text, parts, flush)
                    continue
                parts.append(text)
                if links:
                    link_parts.append(text)
            continue
        if tag is None or tag in SKIP or tag[0] == "-":  # never shown (or a comment)
            if tag == "input" and cur >= 0 and node.attributes.get("type") in _FORM_INPUTS:
                doc.fields.append(cur)
            elif tag == "template" and (slot := _slot(node)) is not None:
                box = boxes.pop(slot, None)  # a box fills its slot once
                if box is None:
                    doc.slots.add(slot)
                else:  # the streamed box, read as the placeholder's parent's own
                    push(box.iter(include_text=True))
                    opened.append(-1)
            continue
        if tag == "br":
            if parts:
                flush()
            continue
        attrs = node.attributes
        if not attrs and keep_inline is False and tag in PLAIN_INLINE:
            # An inline element without attributes (<b>, <em>, a bare <span>) is no block
            # and no boilerplate: its children are read as the parent's own.
            push(node.iter(include_text=True))
            opened.append(-1)
            continue
        if tag == "header" and "article" in blocks:
            doc.card_headers.append(len(tags))
        if attrs or tag == "header" or tag == "dialog":
            kind = _classify(tag, attrs, blocks, show_hidden, wide)
            if kind is None:
                if (slot := _box(attrs)) is not None:
                    doc.boxes[slot] = node
                continue
        else:  # by its tag alone
            kind = _TAG_KINDS[tag]
        is_bad, is_strong, marked, name = kind
        if marked:
            _record_name(doc, len(tags), marked, name)
        if is_strong and cur >= 0 and under_bad[cur] and tag != "article":
            # The page's main content: a wrapper of it is weak boilerplate by its class
            # only by mistake ("topics-page"), so it is none.
            unmarked = _unmark_wrappers(cur, bad, parent, under_bad) or unmarked
        is_block = tag not in INLINE
        kids = [*node.iter(include_text=True)]
        if tag in CELLS and _text_cell(blocks, kids):
            is_block = False
            if parts:
                parts.append(" ")
        if is_block and parts:
            flush()
        # Number the element.
        idx = len(tags)
        if nodes is not None:
            nodes.append(node)
        tags.append(tag)
        n_lines = len(lines)
        first.append(n_lines)
        bad.append(is_bad)
        block.append(is_block)
        parent.append(cur)
        strong.append(is_strong)
        under_bad.append(is_bad > 0 or (cur >= 0 and under_bad[cur]))
        if len(kids) == 1 and kids[0].tag == "-text":
            # An element holding one text (most links, cells, short paragraphs): read now.
            text = kids[0].text_content
            if tag == "noscript" and text and "<" in text:
                text = _unmarked(text)
            if wide and tag == "pre" and text and "\n" in text:
                blocks.append(tag)
                _pre_lines(text, parts, flush)
                flush()
                blocks.pop()
            elif text and (parts or not text.isspace()):
                parts.append(text)
                if links or tag == "a":
                    link_parts.append(text)
                if is_block:
                    blocks.append(tag)
                    flush()
                    blocks.pop()
            last.append(len(lines))
            end.append(idx + 1)
            continue
        if not kids:  # an empty element ends where it starts
            last.append(n_lines)
            end.append(idx + 1)
            continue
        last.append(0)
        end.append(0)
        if is_block:
            blocks.append(tag)
        elif tag == "a":
            links += 1
        cur = idx
        push(iter(kids))
        opened.append(idx)
    if parts:
        flush()
    if unmarked:
        _mark_under_bad(doc)
    return doc


def _record_name(doc: _Doc, i: int, marked: int, name: str | None) -> None:
    """Note how element ``i``'s class/id ``name`` marks it boilerplate (see
    :func:`_classify`), for the rules that unmark boilerplate later."""
    assert name is not None
    if marked == WEAK_NAME:
        doc.weak_names[i] = _weak_words(name)
    elif marked == LAYOUT_NAME:
        doc.named.add(i)
    else:
        doc.strong_names[i] = name


def _pre_lines(text: str, parts: list[str], flush: Callable[[], None]) -> None:
    """A ``<pre>`` text of a board post (read wide): each of its lines a line, as shown."""
    first, *rest = text.split("\n")
    parts.append(first)
    for piece in rest:
        flush()
        parts.append(piece)


#: The input types that ask for who the reader is: a sign-up, login or comment form.
_FORM_INPUTS = frozenset({"email", "tel", "password"})
