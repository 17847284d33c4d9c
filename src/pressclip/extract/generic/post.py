"""The post-region reader: the body of a board post after its header, chosen among the
blocks that follow the header up to the block that ends the post."""

from __future__ import annotations

import re
from collections.abc import Callable

from selectolax.lexbor import LexborNode

from ..labels import SITE_FOOTER
from .doc import LINK_DENSITY, _Doc
from .region import _select
from .walk import _line_weight, _walk

#: What a line of a board post's body pays for being a separate line: little, since posts
#: are often made of short lines (a notice of 20-character items).
REGION_LINE_COST = 5


def _rescore_for_region(doc: _Doc, lo: int, hi: int) -> None:
    """Line values for the region after a post header: characters (non-Latin ones double)
    minus a small cost; a line that is a link counts nothing (not minus its length: a post's
    own "바로가기" line is still the post's), and link lists are dropped by :func:`_select`."""
    for k in range(lo, hi):
        text, n = doc.lines[k], doc.chars[k]
        if doc.link_chars[k] > LINK_DENSITY * n:
            doc.values[k] = 0.0
            continue
        if _COPYRIGHT.search(text) or SITE_FOOTER.search(text):
            doc.values[k] = -float(n)
            continue
        w = _line_weight(text, n, wide=True)
        doc.values[k] = float(w - doc.link_chars[k] - REGION_LINE_COST)


def _zero_header_parts(
    doc: _Doc,
    nodes: list[LexborNode],
    lo: int,
    hi: int,
    is_header: Callable[[LexborNode], bool],
) -> set[int]:
    """Header parts in the window: their lines count nothing, and they are no container."""
    out: set[int] = set()
    for i, node in enumerate(nodes):
        a, b = doc.first[i], doc.last[i]
        if a < lo or b > hi or a == b or not doc.block[i] or b - a > 3:
            continue
        if is_header(node):
            out.add(i)
            for k in range(a, b):
                doc.values[k] = 0.0
    return out


def _holding(doc: _Doc, nodes: list[LexborNode], is_stop: Callable[[LexborNode], bool]) -> set[int]:
    """The elements that hold a block ending the post (the attachment box, prev/next …):
    they are wider than the body, so none of them is chosen as its container."""
    out: set[int] = set()
    for i, node in enumerate(nodes):
        if not doc.block[i] or not node.attributes.get("class") and not node.attributes.get("id"):
            continue
        if is_stop(node):
            p = doc.parent[i]
            while p >= 0 and p not in out:
                out.add(p)
                p = doc.parent[p]
    return out


_ICON = re.compile(r"icon|ico_|btn|button|print|share|sns|blank|spacer|bullet|arrow|logo", re.I)


def _has_picture(node: LexborNode) -> bool:
    """Whether ``node`` shows a picture (a poster), not an icon or a button's image."""
    for img in node.css("img"):
        attrs = img.attributes
        if _ICON.search(f"{attrs.get('src') or ''} {attrs.get('class') or ''}"):
            continue
        if img.parent is not None and img.parent.tag in ("a", "button"):
            continue
        width = attrs.get("width") or ""
        if width.isdigit() and int(width) < 100:
            continue
        return True
    return False


#: A site footer's line: never a post's.
_COPYRIGHT = re.compile(r"copyright|all rights reserved|ⓒ|©\s*\d{4}|저작권법", re.I)


#: How far above the header the body region is searched.
REGION_LEVELS = 10


def region_lines(
    start: LexborNode,
    is_stop: Callable[[LexborNode], bool],
    is_header: Callable[[LexborNode], bool] | None = None,
) -> list[str] | None:
    """The body of a board post whose header ends at ``start``: the best container among
    the blocks that follow it, at its level or, when nothing follows, its parents' levels.

    A block ``is_stop`` says ends the post (attachments, prev/next, comments) ends the
    search; nothing with text before it means an image-only post (``[]``). None when no
    level up to the page's body holds anything: the caller falls back to the whole page.
    Blocks ``is_header`` says belong to the header (a 첨부파일 row, a 수정일 label) count
    nothing and are never the body.
    """
    node = start
    image = False  # an image after the header: the post is a picture (a poster) only
    for _ in range(REGION_LEVELS):
        parent = node.parent
        if parent is None or parent.tag == "html":
            return [] if image else None
        nodes: list[LexborNode] = []
        doc = _walk(parent, nodes, wide=True)
        index = {n.mem_id: i for i, n in enumerate(nodes)}
        i = index.get(node.mem_id)
        lo = doc.last[i] if i is not None else -1
        hi = doc.last[0] if doc.last else 0
        stopped = False
        sib = node.next
        while sib is not None:
            j = index.get(sib.mem_id)
            if j is not None:
                if lo < 0:
                    lo = doc.first[j]
                if is_stop(sib):
                    if doc.first[j] <= lo and not image:
                        # Before any of the body: a share bar or a file box above the
                        # text belongs to the header, and the body follows it.
                        lo = doc.last[j]
                        sib = sib.next
                        continue
                    hi, stopped = doc.first[j], True
                    break
                if not image and doc.first[j] == doc.last[j] and not doc.bad[j]:
                    image = _has_picture(sib)
            sib = sib.next
        if hi > lo:
            _rescore_for_region(doc, lo, hi)
            excluded = _holding(doc, nodes, is_stop)
            if is_header is not None:
                excluded |= _zero_header_parts(doc, nodes, lo, hi, is_header)
            lines = _select(doc, window=(lo, hi), excluded=excluded)
            if lines:
                return lines
        if stopped or image:
            return []
        if parent.tag == "body":
            return None
        node = parent
    return [] if image else None
