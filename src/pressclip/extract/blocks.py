"""The visible text of a DOM subtree as lines, the way a browser's ``innerText`` breaks it:
a line per block element and per ``<br>``. Iterative, so deeply nested pages cannot
exhaust Python's recursion limit."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

#: Elements whose text is never shown, or is no part of the text: ruby annotations
#: (``<rt>`` furigana over Japanese kanji, ``<rp>`` their fallback brackets) would
#: otherwise be read inside the words they annotate.
SKIP = frozenset(
    "script style noscript template head title select option button input textarea iframe"
    " object embed svg canvas map -comment img video audio xml xmp rt rp".split()
)
#: Elements that start and end a line.
BLOCK = frozenset(
    "p div section article main aside header footer nav h1 h2 h3 h4 h5 h6 ul ol li dl dt dd"
    " table thead tbody tfoot tr td th caption blockquote pre figure figcaption address hr"
    " form fieldset legend center details summary body html".split()
)
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0\u200b\ufeff]+")


def block_lines(root: LexborNode | None, skip: frozenset[str] = SKIP) -> list[str]:
    """The non-empty, white-space-folded lines of text under ``root``."""
    if root is None:
        return []
    lines: list[str] = []
    parts: list[str] = []

    def flush() -> None:
        line = _SPACE.sub(" ", "".join(parts)).strip()
        if line:
            lines.append(line)
        parts.clear()

    # Stack of (node, leaving): a block element is pushed twice, to break the line on exit.
    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    in_pre = 0  # inside <pre>, a newline breaks the line
    while stack:
        node, leaving = stack.pop()
        if leaving:
            flush()
            in_pre -= node.tag == "pre"
            continue
        tag = node.tag
        if tag == "-text":
            text = node.text_content or ""
            if in_pre and "\n" in text:
                first, *rest = text.split("\n")
                parts.append(first)
                for piece in rest:
                    flush()
                    parts.append(piece)
            else:
                parts.append(text)
            continue
        in_pre += tag == "pre"
        if tag in skip or tag is None or tag.startswith("-"):
            continue
        if tag == "br":
            flush()
            continue
        block = tag in BLOCK
        if block:
            flush()
            stack.append((node, True))
        children = list(node.iter(include_text=True))
        for child in reversed(children):
            stack.append((child, False))
    flush()
    return lines
