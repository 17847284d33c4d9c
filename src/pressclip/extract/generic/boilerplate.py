"""The scoring rules over a walked page: boilerplate marks undone where they cover the
page's prose (a weak "header" round an article, a layout wrapper, a forum thread named as
comments), and added for teaser cards, sign-up forms and "Related articles" sections."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from .doc import LINK_DENSITY, _Doc, _mark_under_bad, _prefix, _prose
from .names import _comment_only
from .walk import _LISTS

#: Teaser cards: at most this many lines and characters, this share of link text, and
#: a linked headline of at least this many characters.
TEASER_LINES = 6


TEASER_CHARS = 600


TEASER_LINKS = 0.1


HEADLINE = 20


#: A card with this much text outside its links is an article's entry, not a teaser: a
#: paragraph of its own, two short sentences. (Measured from 150 to 250 on wcxb-dev's two
#: halves and the article benchmark: 150 to 225 score alike, and each above 250 on all three.)
TEASER_PROSE = 200


#: Prose (characters) that outweighs a weak boilerplate sign on its block.
WEAK_MASS = 1000


WEAK_PARAGRAPHS = 3


WEAK_SECTION = 200


def _under_strong_bad(doc: _Doc, i: int) -> bool:
    """Whether an ancestor of ``i`` is strong boilerplate (a cookie dialog, a footer)."""
    p = doc.parent[i]
    while p >= 0:
        if doc.bad[p] > 1:
            return True
        p = doc.parent[p]
    return False


def _unmark_weak(doc: _Doc) -> None:
    """Weak boilerplate that holds :data:`WEAK_MASS` characters of prose in several
    paragraphs is no boilerplate: a ``<header>`` or a "jump-section" wrapped round a whole
    article is the article (a cookie banner's one long notice is still a banner). So are
    blocks of one weak class/id name that hold that much together, each a paragraph's worth
    on average (:data:`WEAK_SECTION`): an article cut into "jump-section"s, not captions."""
    bad, first, last, weak_names = doc.bad, doc.first, doc.last, doc.weak_names
    if 1 not in bad:
        return  # no weak boilerplate on the page
    prose = _prefix(_prose(doc))
    paragraphs = _prefix([1 if v > 0 else 0 for v in doc.values])
    changed = False
    groups: dict[str, list[int]] = {}
    for i, kind in enumerate(bad):
        if kind != 1:
            continue
        a, b = first[i], last[i]
        if prose[b] - prose[a] >= WEAK_MASS and paragraphs[b] - paragraphs[a] >= WEAK_PARAGRAPHS:
            bad[i] = 0
            changed = True
        elif i in weak_names:
            key = weak_names[i]
            if "caption" not in key and "credit" not in key:  # many captions stay captions
                groups.setdefault(key, []).append(i)
    for group in groups.values():
        if len(group) < 2:
            continue
        if sum(prose[doc.last[i]] - prose[doc.first[i]] for i in group) < WEAK_MASS:
            continue  # the cheap test first: most groups are a few short labels
        members = [i for i in group if not _under_strong_bad(doc, i)]
        if len(members) < 2:
            continue
        mass = sum(prose[doc.last[i]] - prose[doc.first[i]] for i in members)
        count = sum(paragraphs[doc.last[i]] - paragraphs[doc.first[i]] for i in members)
        if mass >= WEAK_MASS and count >= WEAK_PARAGRAPHS and mass >= WEAK_SECTION * len(members):
            for i in members:
                doc.bad[i] = 0
            changed = True
    if changed:
        _mark_under_bad(doc)


#: The share of the page's prose an element must hold to be content whatever its class/id
#: says (a layout wrapper named "content-sidebar-wrap" round the article and its sidebar).
MOST_PROSE = 0.5


#: The share of the page's prose an element must hold to be content whatever other
#: boilerplate word its class/id holds: it wraps the page.
WRAPPER = 0.8


def _unmark_prose_holders(doc: _Doc) -> None:
    """An element that is boilerplate by its class/id alone (not by its tag or role) but
    holds :data:`MOST_PROSE` of the page's prose is content: a name such as
    "content-main-sidebar" or "ipsComment" describes a layout or a forum's posts, and the
    page's text is in it. Once per page: what it unmarks stays unmarked."""
    if doc.holders_read or (not doc.named and not doc.strong_names):
        return
    doc.holders_read = True
    prose = _prefix(_prose(doc))
    total = prose[-1]
    if not total:
        return
    changed = _unmark_thread(doc, prose, total)
    for i in doc.named:
        if doc.bad[i] == 2 and prose[doc.last[i]] - prose[doc.first[i]] >= MOST_PROSE * total:
            doc.bad[i] = 0
            changed = True
    for i in doc.strong_names:
        if doc.bad[i] == 2 and prose[doc.last[i]] - prose[doc.first[i]] >= WRAPPER * total:
            doc.bad[i] = 0  # the page's wrapper ("skip-link-target"), whatever its name
            changed = True
    if changed:
        _mark_under_bad(doc)


#: Prose (characters) a forum thread may have before its first post in its main content:
#: its title, who opened it. An article's text before its comments is longer (the shortest
#: seen, 490 characters, on a news site's short piece under 6,500 of comments).
THREAD_LEAD = 300


_DIGITS = re.compile(r"\d+")


def _lead(doc: _Doc, prose: list[float], i: int) -> float:
    """The prose before ``i`` in the page's main content (its ``<main>`` or ``<article>``,
    else the whole page): what a reader reads before reaching it."""
    p = doc.parent[i]
    while p >= 0 and not doc.strong[p]:
        p = doc.parent[p]
    start = doc.first[p] if p >= 0 else 0
    return prose[doc.first[i]] - prose[start]


def _unmark_thread(doc: _Doc, prose: list[float], total: float) -> bool:
    """Posts named as comments ("ipsComment", "comments") that hold :data:`MOST_PROSE` of
    the page's prose together and open its main content (no article before them) are a
    forum thread: its content, not the comments under a text. They are unmarked, and the
    comment-named parts of each post with them. Whether any was unmarked."""
    posts = {i: n for i, n in doc.strong_names.items() if _comment_only(n)}
    groups: dict[str, list[int]] = {}
    for i, name in posts.items():
        if prose[doc.last[i]] > prose[doc.first[i]]:
            key = " ".join(sorted(_DIGITS.sub("", w) for w in name.lower().split()))
            groups.setdefault(key, []).append(i)
    changed = False
    for members in groups.values():
        outer: list[int] = []
        for i in sorted(members):  # a post's nested namesake is the post
            if not outer or i >= doc.end[outer[-1]]:
                outer.append(i)
        mass = sum(prose[doc.last[i]] - prose[doc.first[i]] for i in outer)
        if mass < MOST_PROSE * total or _lead(doc, prose, outer[0]) > THREAD_LEAD:
            continue
        for i in outer:
            for k in range(i, doc.end[i]):
                if k == i or k in posts:
                    doc.bad[k] = 0
        changed = True
    return changed


def _mark_teasers(doc: _Doc, n_chars: list[float], n_links: list[float]) -> None:
    """Mark teaser cards as weak boilerplate: small blocks, two or more to a parent, each
    with a headline that is a link and some text beside it ("more stories" lists).

    Cards with a paragraph of their own (:data:`TEASER_PROSE`) are teasers only where they
    hold most of their parent's text: between an article's other paragraphs they are its
    entries (a listicle's linked headings over their paragraphs), and so are the shorter
    cards beside them (cards of one parent are of one kind: a guide's chapters)."""
    cards: list[int] = []
    long_cards: set[int] = set()
    per_parent: dict[int, int] = {}
    in_cards: dict[int, float] = {}
    link_chars, chars = doc.link_chars, doc.chars
    for i, (bad, strong, block, a, b) in enumerate(
        zip(doc.bad, doc.strong, doc.block, doc.first, doc.last, strict=True)
    ):
        if bad or strong or not block or not 2 <= b - a <= TEASER_LINES:
            continue
        total = n_chars[b] - n_chars[a]
        links = n_links[b] - n_links[a]
        if total > TEASER_CHARS or links < TEASER_LINKS * total:
            continue
        for k in range(a, b):
            if link_chars[k] >= HEADLINE and link_chars[k] > LINK_DENSITY * chars[k]:
                cards.append(i)
                p = doc.parent[i]
                per_parent[p] = per_parent.get(p, 0) + 1
                in_cards[p] = in_cards.get(p, 0.0) + total
                if total - links >= TEASER_PROSE:
                    long_cards.add(i)
                break
    entries = {  # parents whose long cards are the text's entries
        p
        for p in {doc.parent[i] for i in long_cards}
        if p >= 0 and in_cards[p] < LINK_DENSITY * (n_chars[doc.last[p]] - n_chars[doc.first[p]])
    }
    for i in cards:
        p = doc.parent[i]
        if per_parent[p] < 2 or p in entries:
            continue
        doc.bad[i] = 1


#: The most characters a box round such a form holds (its pitch, labels and small print).
FORM_BOX = 800


_ENTRIES = frozenset({"li", "tr", "dd"})


def _mark_forms(doc: _Doc, n_chars: list[float]) -> None:
    """Mark as boilerplate the box round each form that asks for an e-mail address, a phone
    number or a password (a newsletter or SMS sign-up in an article, a login box): the
    widest ancestor of the field that still holds at most :data:`FORM_BOX` characters, up
    to a list item (an entry of a list, a product card, holds a popup form but is more)."""
    marked = False
    for e in dict.fromkeys(doc.fields):
        box = -1
        k = e
        while k >= 0 and not doc.strong[k] and doc.tags[k] not in _ENTRIES:
            if n_chars[doc.last[k]] - n_chars[doc.first[k]] > FORM_BOX:
                break
            box = k
            k = doc.parent[k]
        if box >= 0 and doc.bad[box] < 2:
            doc.bad[box] = 2
            marked = True
    if marked:
        _mark_under_bad(doc)


#: Headings that title a list of other pages: "Related articles", "You may also like",
#: "관련 기사", "많이 본 뉴스".
_RELATED = re.compile(
    r"(?:related(?: content| articles?| posts?| stories| news| reading)?|recommended"
    r"(?: for you| articles| stories| reading)?|you (?:may|might) also (?:like|enjoy)"
    r"|more (?:stories|articles|news) (?:from|like this|on)\b.*|most (?:read|popular)"
    r"|popular (?:posts|articles|stories)|trending(?: now| stories)?|read (?:more|next)"
    r"|관련\s*(?:기사|글|뉴스|게시물|자료)|추천\s*(?:기사|글|뉴스)|많이\s*본\s*(?:기사|뉴스|글)"
    r"|인기\s*(?:기사|뉴스|글))\s*[:：]?",
    re.I,
)


#: The letters those headings start with (a line starting otherwise is not tried): keep in
#: step with the pattern.
_RELATED_FIRST = frozenset("RrYyMmPpTt관추많인")


#: The most characters a section under such a heading holds (its cards and summaries).
RELATED_BOX = 2500


def _mark_related(doc: _Doc, n_chars: list[float]) -> None:
    """Mark as boilerplate each section titled by a heading like "Related articles": the
    widest ancestor of the heading line that opens with it and holds at most
    :data:`RELATED_BOX` characters; where that is the heading alone, the list after it too
    (a ``<p><strong>Related posts:</strong></p>`` over a ``<ul>`` of links)."""
    marked = False
    bad, first, last, block = doc.bad, doc.first, doc.last, doc.block
    for line, text in enumerate(doc.lines):
        if doc.chars[line] > 40 or text[:1] not in _RELATED_FIRST or not _RELATED.fullmatch(text):
            continue
        # The heading's element: the first block that is this line alone (elements are
        # numbered in page order, so those opening with the line are a run of numbers).
        i = next(
            (
                k
                for k in range(bisect_left(first, line), bisect_right(first, line))
                if block[k] and last[k] == line + 1 and not bad[k]
            ),
            -1,
        )
        if i < 0:
            continue
        box = k = i
        while k >= 0 and not doc.strong[k] and doc.first[k] == line:
            if n_chars[doc.last[k]] - n_chars[doc.first[k]] > RELATED_BOX:
                break
            box = k
            k = doc.parent[k]
        doc.bad[box] = 2
        marked = True
        after = doc.end[box]  # the element after the heading's box: its list?
        if doc.last[box] - doc.first[box] == 1 and after < len(doc.tags):
            a, b = doc.first[after], doc.last[after]
            if (
                doc.parent[after] == doc.parent[box]
                and doc.block[after]
                and n_chars[b] - n_chars[a] <= RELATED_BOX
                and (
                    doc.tags[after] in _LISTS
                    or 2 * sum(doc.link_chars[a:b]) > n_chars[b] - n_chars[a]
                )
            ):
                doc.bad[after] = 2
    if marked:
        _mark_under_bad(doc)
