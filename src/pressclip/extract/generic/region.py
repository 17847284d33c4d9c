"""The region choice: the container whose lines are worth most, widened to hold the
page's prose, and the blocks dropped inside it (boilerplate, link lists, captions,
other posts' teasers)."""

from __future__ import annotations

from bisect import bisect_right

from .boilerplate import (
    HEADLINE,
    _mark_forms,
    _mark_related,
    _mark_teasers,
    _unmark_prose_holders,
    _unmark_weak,
)
from .doc import LINK_DENSITY, _Doc, _prefix, _prose
from .walk import _HEADING_TAGS, _LISTS

#: Tags whose lines are dropped from the chosen container, along with boilerplate blocks.
DROP_TAGS = frozenset({"figcaption", "h1"})


#: Blocks that are link lists when most of their text is links (in a board post's region).
_LINK_LISTS = frozenset({"ul", "ol", "li", "nav", "table", "tbody", "tr", "dl", "dd"})


#: Blocks too small to hold an article.
_NOT_CONTAINERS = frozenset({"li", "tr", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6"})


#: The weight of a container that sits inside boilerplate (a text widget in a sidebar).
UNDER_BAD = 0.3


#: A container outside boilerplate worth this much is chosen over any inside it.
CLEAN_MIN = 100.0


#: The share of the page's content mass (see :func:`_widen`) the chosen region must hold.
WIDEN = 0.5


#: On a page none of whose lines holds :data:`SPREAD_LONGEST` characters of prose (no
#: paragraph of an article's length: a landing page's short copy spread over many sections),
#: the share of the content mass the chosen region must hold instead of :data:`WIDEN`.
#: (Measured on both halves of wcxb-dev: 0.65-0.7 with 250-300 raised each; 200 changed
#: nothing.)
WIDEN_SPREAD = 0.7


SPREAD_LONGEST = 250


def _widen(doc: _Doc, best: int) -> int:
    """``best`` or the nearest ancestor holding at least :data:`WIDEN` of the page's content
    mass: its prose characters (see :func:`_prose`) outside boilerplate. One block of many
    (the first of 47 sibling paragraphs, one section of a landing page, one card of a
    listing) widens to the region that holds them; an ancestor that is boilerplate is never
    taken. A page of short copy only must hold :data:`WIDEN_SPREAD` of it."""
    n = len(doc.tags)
    prose = _prose(doc)
    pos = _prefix(prose)
    bad = [i for i in range(n) if doc.bad[i]]

    def mass(i: int) -> float:
        """The prose of ``i`` outside its boilerplate descendants."""
        out = pos[doc.last[i]] - pos[doc.first[i]]
        if doc.bad[i]:
            return 0.0
        skip, stop = i, doc.end[i]
        for j in bad[bisect_right(bad, i) :]:
            if j >= stop:
                break
            if j >= skip:  # a bad descendant not inside another one
                out -= pos[doc.last[j]] - pos[doc.first[j]]
                skip = doc.end[j]
        return out

    roots = []
    i = 0
    while i < n:  # the elements without a parent follow each other
        roots.append(i)
        i = max(doc.end[i], i + 1)
    total = max((mass(i) for i in roots), default=0.0)
    share = WIDEN_SPREAD if max(prose, default=0) < SPREAD_LONGEST else WIDEN
    cur = best
    while mass(cur) < share * total:
        p = doc.parent[cur]
        if p < 0 or doc.bad[p] or (doc.under_bad[p] and not doc.under_bad[cur]):
            break
        cur = p
    return cur


def _select(
    doc: _Doc,
    chosen: list[int] | None = None,
    window: tuple[int, int] | None = None,
    excluded: set[int] | None = None,
) -> list[str]:
    """The lines of the best container, without its boilerplate blocks (``chosen``, if
    given, receives the container's element index, for debugging).

    ``window`` (first line, line after the last) limits the containers to those lines: the
    region of a board post after its header. There a paragraph that is one link stays
    (a post's own "바로가기" line); only link lists are dropped. There, and on a Korean
    page (``wide``), photo captions stay: a release's or article's "사진은 …" lines."""
    if not doc.lines:
        return []
    score = _prefix(doc.values)
    n_chars = _prefix(doc.chars)
    n_links = _prefix(doc.link_chars)
    _mark_boilerplate(doc, n_chars, n_links, window)
    best = _best_container(doc, score, n_chars, window, excluded)
    if best >= 0 and window is None:
        best = _widen(doc, best)
    if chosen is not None:
        chosen.append(best)
    if best < 0:
        return []
    return _kept_lines(doc, best, n_chars, n_links, window)


def _mark_boilerplate(
    doc: _Doc, n_chars: list[float], n_links: list[float], window: tuple[int, int] | None
) -> None:
    """The scoring rules, in order: weak boilerplate holding much prose unmarked, then (on
    a whole page) boilerplate-named wrappers of most of its prose; teaser cards, sign-up
    forms and "Related articles" sections marked."""
    _unmark_weak(doc)
    if window is None:
        _unmark_prose_holders(doc)
    _mark_teasers(doc, n_chars, n_links)
    _mark_forms(doc, n_chars)
    _mark_related(doc, n_chars)


def _boiler_mass(doc: _Doc, score: list[float], n_chars: list[float]) -> list[float]:
    """What boilerplate inside each element would add if it were content: the raw score
    plus the characters of its maximal bad descendants (strong boilerplate counts minus its
    length, weak boilerplate nothing), summed bottom-up in one pass."""
    bad, first, last, parent = doc.bad, doc.first, doc.last, doc.parent
    n = len(doc.tags)
    boiler = [0.0] * n
    for i in range(n - 1, -1, -1):
        if bad[i]:
            a, b = first[i], last[i]
            boiler[i] = score[b] - score[a]
            if bad[i] > 1:
                boiler[i] += n_chars[b] - n_chars[a]
        p = parent[i]
        if p >= 0 and not bad[p]:
            boiler[p] += boiler[i]
    return boiler


def _best_container(
    doc: _Doc,
    score: list[float],
    n_chars: list[float],
    window: tuple[int, int] | None,
    excluded: set[int] | None,
) -> int:
    """The block element whose lines, without its boilerplate, are worth most (-1 for
    none): inside boilerplate only at :data:`UNDER_BAD` of its worth, and on a whole page
    never there when a container outside boilerplate is worth :data:`CLEAN_MIN`.
    ``window`` and ``excluded`` as in :func:`_select`."""
    boiler = _boiler_mass(doc, score, n_chars)
    best, best_score = -1, 0.0
    clean, clean_score = -1, 0.0  # the best container outside boilerplate
    under_bad, strong = doc.under_bad, doc.strong
    rows = zip(doc.tags, doc.bad, doc.block, doc.first, doc.last, strict=True)
    for i, (tag, kind, block, a, b) in enumerate(rows):
        if kind or not block or tag in _NOT_CONTAINERS:
            continue
        if window is not None and not (window[0] <= a and b <= window[1]):
            continue
        if excluded is not None and (i in excluded or under_bad[i]):
            continue
        s = score[b] - score[a] - boiler[i]
        if under_bad[i] and not strong[i]:
            s *= UNDER_BAD
        elif s > clean_score:
            clean, clean_score = i, s
        if s > best_score:
            best, best_score = i, s
    if window is None and clean_score >= CLEAN_MIN:
        best = clean  # never a box in a footer, a sidebar or a popup when the page has text
    return best


def _outside_post_link_list(
    doc: _Doc, i: int, window: tuple[int, int] | None, prose_list: int
) -> bool:
    """A block of links in a board post's region (``window``) that is no list, table or
    menu: a paragraph that is one link is the post's own ("바로가기"); it stays."""
    return window is not None and doc.tags[i] not in _LINK_LISTS


def _linked_heading(doc: _Doc, i: int, window: tuple[int, int] | None, prose_list: int) -> bool:
    """A one-line heading that links somewhere: a section's title (a listicle's), not a
    menu; it stays."""
    return doc.tags[i] in _HEADING_TAGS and doc.last[i] - doc.first[i] == 1


def _item_of_prose_list(doc: _Doc, i: int, window: tuple[int, int] | None, prose_list: int) -> bool:
    """An item that links, in a list that is mostly text (read before ``prose_list``, the
    element after it): an entry of the text; it stays."""
    return i < prose_list and doc.tags[i] == "li"


#: The link blocks that stay in the chosen container, consulted in order: a block mostly of
#: links is dropped unless one of these says it is the text's own.
_KEPT_LINK_BLOCKS = (_outside_post_link_list, _linked_heading, _item_of_prose_list)


def _text_link_list(doc: _Doc, i: int, lo: int, hi: int) -> bool:
    """A list of links (``<ul>``/``<ol>``, no boilerplate) between two paragraphs of the
    container's lines ``lo``..``hi``: the text's own (the steps of a checklist, a
    tutorial's topics), kept whole with its items' links."""
    a, b = doc.first[i], doc.last[i]
    return (
        doc.tags[i] in _LISTS
        and not doc.bad[i]
        and lo < a
        and b < hi
        and doc.values[a - 1] > 0
        and doc.values[b] > 0
    )


def _dropped_tag(tag: str, captions_kept: bool) -> bool:
    """A block dropped for its tag (:data:`DROP_TAGS`: the page's ``<h1>``, a photo's
    caption), but for captions where they are the text's (``captions_kept``)."""
    return tag in DROP_TAGS and not (captions_kept and tag == "figcaption")


def _kept_lines(
    doc: _Doc,
    best: int,
    n_chars: list[float],
    n_links: list[float],
    window: tuple[int, int] | None,
) -> list[str]:
    """The lines of container ``best`` without the blocks dropped inside it: boilerplate,
    :func:`_dropped_tag`, teasers of other posts (:func:`_nested_teasers`) and blocks
    mostly of links (their own link density, see :func:`_own_prefixes`) that none of
    :data:`_KEPT_LINK_BLOCKS` keeps; in a post's region the heading right over a dropped
    link list goes with it ("관련 게시물")."""
    lo, hi = doc.first[best], doc.last[best]
    keep = [True] * (hi - lo)
    i = best + 1
    stop = doc.end[best]
    teasers = _nested_teasers(doc, best, n_chars, n_links) if window is None else set()
    own_chars, own_links = _own_prefixes(doc, best)
    captions_kept = window is not None or doc.wide
    heading = -1  # the last heading seen: in a post, the title of a link list after it
    prose_list = -1  # the element after the list of text being read
    while i < stop:
        if not doc.block[i]:
            i += 1
            continue
        a, b = doc.first[i], doc.last[i]
        total = own_chars[b - lo] - own_chars[a - lo]
        links = own_links[b - lo] - own_links[a - lo]
        link_block = bool(total) and links > LINK_DENSITY * total
        if link_block:
            if window is None and _text_link_list(doc, i, lo, hi):
                i = doc.end[i]
                continue
            link_block = not any(kept(doc, i, window, prose_list) for kept in _KEPT_LINK_BLOCKS)
        if doc.bad[i] or _dropped_tag(doc.tags[i], captions_kept) or link_block or i in teasers:
            for k in range(a, b):
                keep[k - lo] = False
            if link_block and window is not None and heading >= 0 and doc.last[heading] == a:
                for k in range(doc.first[heading], a):  # "관련 게시물" over the dropped list
                    keep[k - lo] = False
            i = doc.end[i]
            continue
        if doc.tags[i] in _HEADING_TAGS:
            heading = i
        elif window is None and doc.tags[i] in _LISTS and i >= prose_list:
            prose_list = doc.end[i]  # a list of text (not dropped): its items are its own
        i += 1
    return [doc.lines[k] for k in range(lo, hi) if keep[k - lo]]


def _own_prefixes(doc: _Doc, best: int) -> tuple[list[float], list[float]]:
    """Prefix sums of the characters and link characters of ``best``'s lines, from its
    first line, leaving out the lines of its boilerplate: a block's link density is its
    own, not that of a menu of 300 languages it also holds (and drops)."""
    lo, hi = doc.first[best], doc.last[best]
    chars, links = doc.chars[lo:hi], doc.link_chars[lo:hi]
    i, stop = best + 1, doc.end[best]
    while i < stop:
        if doc.bad[i]:
            for k in range(doc.first[i] - lo, doc.last[i] - lo):
                chars[k] = links[k] = 0
            i = doc.end[i]
        else:
            i += 1
    return _prefix(chars), _prefix(links)


def _in_article(doc: _Doc, i: int) -> bool:
    """Whether ``i`` is an ``<article>`` or inside one."""
    while i >= 0:
        if doc.tags[i] == "article":
            return True
        i = doc.parent[i]
    return False


#: An ``<article>`` inside the main one holding less than this share of its prose, under a
#: linked headline, is another post's teaser.
NESTED_SHARE = 0.5


def _nested_teasers(doc: _Doc, best: int, n_chars: list[float], n_links: list[float]) -> set[int]:
    """The ``<article>``s inside the chosen region, itself an article or in one, that are
    teasers of other posts (related posts' cards): each with a headline that links away,
    together less than :data:`NESTED_SHARE` of the region's prose (more is a listing of
    cards, which is the content)."""
    stop = doc.end[best]
    inner = [i for i in range(best + 1, stop) if doc.tags[i] == "article"]
    if not inner or not _in_article(doc, best):
        return set()

    def prose(i: int) -> float:
        a, b = doc.first[i], doc.last[i]
        return (n_chars[b] - n_chars[a]) - (n_links[b] - n_links[a])

    chars, links = doc.chars, doc.link_chars
    out = {
        i
        for i in inner
        if any(
            links[k] >= HEADLINE and links[k] > LINK_DENSITY * chars[k]
            for k in range(doc.first[i], doc.last[i])
        )
    }
    if sum(prose(i) for i in out) >= NESTED_SHARE * prose(best):
        return set()
    return out
