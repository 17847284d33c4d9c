"""The fallback extractor for pages no board engine claims: find the main content by text
and link density over the DOM, then return its block lines.

One iterative walk over the document does all the work that needs the DOM. It cuts the
visible text into innerText-like lines (a line per block element and per ``<br>``), and
numbers the elements in document order, recording for each the range of lines it holds.
Every line gets a value: its non-link characters minus a fixed cost when it reads like
content, minus its length when it is mostly link text or sits inside boilerplate (a
``nav``/``aside``/``footer``, or a class/id such as ``menu``, ``sidebar``, ``comment``,
``share``, ``related``). Prefix sums over the line values give every element's score in
constant time, so choosing the container — the block element whose lines are worth most —
is linear: no subtree is scanned twice. The best container is then widened into a region:
to the nearest ancestor holding half the page's prose outside boilerplate (one of many
sibling blocks becomes all of them). Headline-long links are content when the chosen region
holds most of them, or when they outweigh the page's prose and no article-sized text was
found (a listing). Inside the region, descendant blocks that are boilerplate or mostly links
are dropped, and the remaining lines are the paragraphs.

The paragraphs are raw (not deduplicated); :func:`pressclip.dedup.dedup` comes later.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..model import Article
from .blocks import SKIP as _BLOCK_SKIP
from .labels import SITE_FOOTER
from .meta import page_metadata

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
#: Tags whose lines are dropped from the chosen container, along with boilerplate blocks.
DROP_TAGS = frozenset({"figcaption", "h1"})
_HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
#: Blocks that are link lists when most of their text is links (in a board post's region).
_LINK_LISTS = frozenset({"ul", "ol", "li", "nav", "table", "tbody", "tr", "dl", "dd"})
#: Lists: of links, they are the text's own between two of its paragraphs.
_LISTS = frozenset({"ul", "ol"})
#: Blocks too small to hold an article.
_NOT_CONTAINERS = frozenset({"li", "tr", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6"})
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
#: The roles of an accordion's or a tab set's panel, read though hidden (see :func:`_is_panel`).
PANEL_ROLES = frozenset({"region", "tabpanel"})
#: Class words of a collapsible panel (an accordion's, a "show more" toggle's).
_PANEL_NAME = re.compile(r"accordion|collaps|toggle|expand|disclosure")

# Class/id words, matched in lower case. Strong boilerplate words win over content words
# ("related-articles", "comment-body"); weak ones lose to them ("article-meta" is kept,
# "meta" is not). Short words must be whole ("ad" must not match "head" or "read"). Each
# pattern opens with a look-ahead for the first letters its words can start with: Python's
# regex engine then skips most positions at once (several times faster on long class lists).
_STRONG_BAD = re.compile(
    r"(?=[abcdfglmnoprst])(?:comment|sidebar|side-bar|footer|breadcrumb|newsletter|subscri"
    r"|promo|sponsor|advert|cookie|consent|outbrain|taboola|related|recommend|social|sharing"
    r"|share(?!d)|popular|trending|most-read|mostread|signup|sign-up|(?<![a-z])login|masthead|disqus"
    r"|pagination|pager|reviews|toolbar|tooltip|modal|popup|layer_?pop|pop_?layer"
    r"|skip-link"
    r"|(?<![a-z0-9])(?:nav|navbar|navigation|menu|ad|ads|adv|gnb|lnb|snb)(?![a-z]))"
)
_WEAK_BAD = re.compile(
    r"(?=[abcdfhjmnprtu])(?:banner|byline|caption|credit|(?<![a-z])(?:tags?|tagcloud|topics"
    r"|meta|author|bio|foot|header|hidden|hide|print|rss|more|(?<!__)next|prev|jump|toc|btn|button"
    r"|util|date)(?![a-z]))"
)
_GOOD_NAME = re.compile(
    r"(?=[abcehmpstv])(?:article|content|entry|story|post-?body|postbody|main|text|body"
    r"|hentry|h-entry|blog-?post|view_?con|board_?view|bbs_?view|con_?txt|view_?txt)"
)
#: State flags and script hooks ("no-sidebar", "has-comments", "js-dataTooltip"): they say
#: how a block behaves, not what it holds.
_FLAG = re.compile(
    r"(?<![a-z])(?:no|has|with|without|show|enable|disable|js|overflow(?:-[xy])?)[-_][a-z]+"
)
#: A utility class that shows the element from some screen width on (``hidden md:block``):
#: such an element is hidden on small screens only.
_SHOWN_FROM = re.compile(
    r"[a-z0-9]+:(?:block|flex|grid|inline|inline-block|inline-flex|table|contents)"
)
#: Classes that hide an element from the screen (shown to screen readers only, or not at all).
_SCREEN_READER = frozenset(
    "sound_only blind sr-only screen_out screen-reader-text visually-hidden"
    " visuallyhidden skip ir_pm ir offscreen".split()
)
#: Classes that hide an element until a script shows it (``display: none`` toggles): read
#: when the page is read with its hidden elements.
_TOGGLED = frozenset("hidden hide".split())
#: Boxes that open over the page (modal dialogs, popup layers): hidden until opened. Only
#: Korean board pages are read so (elsewhere "modal" classes mark too much).
_POPUP = frozenset(
    "modal popup layer_pop layerpop layer_popup layerpopup layer-popup layer-pop pop_layer"
    " poplayer pop-layer popup_wrap pop_wrap modal_wrap modal-wrap dim_layer".split()
)
#: Characters of Chinese, Japanese and Korean text (ideographs, kana, hangul, full-width
#: forms): a line of them holds about twice the content of as many Latin letters.
_CJK = re.compile(r"[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
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


#: The weight of a container that sits inside boilerplate (a text widget in a sidebar).
UNDER_BAD = 0.3
#: Teaser cards: at most this many lines and characters, this share of link text, and
#: a linked headline of at least this many characters.
TEASER_LINES = 6
TEASER_CHARS = 600
TEASER_LINKS = 0.1
HEADLINE = 20
#: A card with this much text outside its links is an article's entry, not a teaser.
TEASER_PROSE = 250
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
    holders_read: bool = False  # :func:`_unmark_prose_holders` has run
    #: A Korean page (wide characters weigh double): its photo captions are the text's.
    wide: bool = False


_name_cache: dict[str, int] = {}
#: :func:`_name_weight` of a class that hides the element, and of a popup's class (-2 is
#: strong boilerplate: a popup is that on pages where popups are not skipped).
HIDDEN = -9
POPUP = -8
TOGGLED = -10
#: How many class/id strings and words the caches hold; a full cache starts afresh (the
#: names of one site repeat, those of the next are new).
NAME_CACHE = 20000
WORD_CACHE = 50000


def _remember(name: str, weight: int) -> int:
    if len(_name_cache) >= NAME_CACHE:
        _name_cache.clear()
    _name_cache[name] = weight
    return weight


_word_cache: dict[str, str] = {}
#: Any class/id word that says something: a name none of whose words match weighs nothing.
_ANY_NAME = re.compile(f"{_STRONG_BAD.pattern}|{_GOOD_NAME.pattern}|{_WEAK_BAD.pattern}")


#: The attributes the walk reads (an element without any of them is weighed by its tag).
_WATCHED = frozenset({"role", "hidden", "aria-hidden", "style", "class", "id", "itemprop"})


def _looks_hidden(style: str) -> bool:
    """Whether an inline style hides the element (a substring test first: it is cheap)."""
    low = style.lower()
    return ("none" in low or "hidden" in low) and bool(_HIDDEN_STYLE.search(low))


def _is_panel(role: str | None, name: str | None) -> bool:
    """Whether a hidden element is a panel that opens in place when its heading, tab or
    "more" button is clicked (its text is the page's: a FAQ's answers, a guide's steps, a
    product's description), by its role or its class."""
    return role in PANEL_ROLES or bool(name and _PANEL_NAME.search(name.lower()))


def _word_kind(word: str) -> str:
    """What one class/id word says (cached): "s" strong boilerplate, "g" content, "w" weak."""
    kind = _word_cache.get(word)
    if kind is None:
        if _STRONG_BAD.search(word):
            kind = "s"
        elif _GOOD_NAME.search(word):
            kind = "g"
        elif _WEAK_BAD.search(word):
            kind = "w"
        else:
            kind = ""
        if len(_word_cache) >= WORD_CACHE:
            _word_cache.clear()
        _word_cache[word] = kind
    return kind


_weak_cache: dict[str, str] = {}


def _weak_words(name: str) -> str:
    """The words of a class/id that weigh weakly ("cws-jump-section"), without the rest
    (an id of its own, utility classes): the name blocks of one kind share (cached)."""
    words = _weak_cache.get(name)
    if words is None:
        words = " ".join(sorted({w for w in name.lower().split() if _word_kind(w) == "w"}))
        if len(_weak_cache) >= NAME_CACHE:
            _weak_cache.clear()
        _weak_cache[name] = words
    return words


#: Strong boilerplate words that say where a block sits in the page's layout (beside the
#: text, under it, between its paragraphs), not what it holds: a wrapper may be named
#: after the layout it makes ("content-sidebar-wrap", "post-and-ads-container").
_LAYOUT = re.compile(r"side-?bar|footer|(?<![a-z0-9])(?:ads?|adv|advert\w*)(?![a-z])")
_layout_cache: dict[str, bool] = {}


def _layout_name(name: str) -> bool:
    """Whether a class/id's strong boilerplate words are layout words only (cached)."""
    out = _layout_cache.get(name)
    if out is None:
        low = _camel_split(name).lower()
        strong = {m.group() for m in _STRONG_BAD.finditer(low)}
        out = bool(strong) and all(_LAYOUT.fullmatch(word) for word in strong)
        if len(_layout_cache) >= NAME_CACHE:
            _layout_cache.clear()
        _layout_cache[name] = out
    return out


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def _camel_split(name: str) -> str:
    """A class/id with its camelCase words parted by hyphens ("contentWithSidebar" is
    "content-With-Sidebar"), so that each is matched as a word of its own."""
    return _CAMEL.sub("-", name) if not name.islower() else name


def _name_weight(name: str) -> int:
    """What a class/id says (cached): -2 strong boilerplate, -1 weak, +1 content, 0 nothing.

    Inside a word, boilerplate wins ("related-articles", "comment-body"); across words,
    content and strong boilerplate cancel ("article-body pagination-first" is neutral).
    """
    w = _name_cache.get(name)
    if w is None:
        low = name.lower()
        tokens = set(low.split())
        if _SCREEN_READER.intersection(tokens) and not _SHOWN_FROM.search(low):
            return _remember(name, HIDDEN)
        if _TOGGLED.intersection(tokens) and not _SHOWN_FROM.search(low):
            return _remember(name, TOGGLED)
        if _POPUP.intersection(tokens):
            return _remember(name, POPUP)
        if not _ANY_NAME.search(low):  # one search for the whole name: most say nothing
            return _remember(name, 0)
        flags = _FLAG.sub(" ", low) if ("-" in low or "_" in low) else low
        kinds = {_word_kind(word) for word in flags.split()}
        strong, good, weak = "s" in kinds, "g" in kinds, "w" in kinds
        w = (0 if good else -2) if strong else 1 if good else -1 if weak else 0
        _remember(name, w)
    return w


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


# --- Pruning rules: elements the walk leaves out with everything inside them. Each is
# consulted where the walk has read what it needs (the tag, then the attributes, then the
# class/id's weight), so an element pays only for the rules its markup can trigger.


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


def _unshown_by_name(weight: int, show_hidden: bool, wide: bool) -> bool:
    """An element whose class hides it (``weight`` from :func:`_name_weight`): shown to
    screen readers only (``sr-only``, ``blind``) always; a ``hide`` toggle unless the page
    is read with its hidden elements; a popup layer on a Korean board page, where popups
    are closed boxes (elsewhere a "modal" class is strong boilerplate instead)."""
    return weight == HIDDEN or (weight == TOGGLED and not show_hidden) or (weight == POPUP and wide)


# --- Element classification: what an element is by its tag, role and class/id.

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
        if w < 0 and -w > is_bad and tag not in _HEADING_TAGS:
            # (a heading's class names its style: "kt-adv-heading" is no ad)
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


# --- Line valuation: what a line of text is worth as content.


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
    classification; each line is valued by :func:`_line_value` as it ends."""
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


def _mark_under_bad(doc: _Doc) -> None:
    """Recompute which elements are boilerplate or inside it (parents come first)."""
    under_bad = doc.under_bad
    for i, (bad, p) in enumerate(zip(doc.bad, doc.parent, strict=True)):
        under_bad[i] = bad > 0 or (p >= 0 and under_bad[p])


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


_comment_cache: dict[str, bool] = {}


def _comment_only(name: str) -> bool:
    """Whether a class/id's strong boilerplate words are all "comment(s)" (cached)."""
    out = _comment_cache.get(name)
    if out is None:
        low = _camel_split(name).lower()
        out = "comment" in low and {m.group() for m in _STRONG_BAD.finditer(low)} == {"comment"}
        if len(_comment_cache) >= NAME_CACHE:
            _comment_cache.clear()
        _comment_cache[name] = out
    return out


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


#: The input types that ask for who the reader is: a sign-up, login or comment form.
_FORM_INPUTS = frozenset({"email", "tel", "password"})
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


#: A container outside boilerplate worth this much is chosen over any inside it.
CLEAN_MIN = 100.0
#: The share of the page's content mass (see :func:`_widen`) the chosen region must hold.
WIDEN = 0.5


def _widen(doc: _Doc, best: int) -> int:
    """``best`` or the nearest ancestor holding at least :data:`WIDEN` of the page's content
    mass: its prose characters (see :func:`_prose`) outside boilerplate. One block of many
    (the first of 47 sibling paragraphs, one section of a landing page, one card of a
    listing) widens to the region that holds them; an ancestor that is boilerplate is never
    taken."""
    n = len(doc.tags)
    pos = _prefix(_prose(doc))
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
    cur = best
    while mass(cur) < WIDEN * total:
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


# --- Pruning inside the chosen container: which of its blocks are dropped.


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


def _root(tree: LexborHTMLParser) -> LexborNode | None:
    try:
        return tree.body or tree.root
    except Exception:  # noqa: BLE001 - a tree without a document
        return None


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


#: How many headline links a listing has at least (see :func:`_listing_lines`), and their
#: share of the chosen text's length when they lie inside it.
LISTING_MIN = 3
INDEX_SHARE = 0.1
#: How long a link must be to be a headline (characters).
LISTING_HEADLINE = 20
#: A card with this much text outside its links is an article's entry, not a teaser.
TEASER_PROSE = 250


#: A chosen text this long (characters) is an article: its page is no listing.
ARTICLE_SIZE = 1500


def _headlines(doc: _Doc) -> tuple[list[int], int]:
    """The lines outside boilerplate that are a headline-long link, and the characters of
    the prose lines outside boilerplate (an ``<article>``'s own ``<header>`` is not
    boilerplate here: on a page of teaser cards it holds each card's headline)."""
    n_lines = len(doc.lines)
    line_bad = [False] * n_lines
    i, n = 0, len(doc.tags)
    cards = set(doc.card_headers)
    while i < n:
        if doc.bad[i] and not (doc.bad[i] == 1 and i in cards):
            for k in range(doc.first[i], doc.last[i]):
                line_bad[k] = True
            i = doc.end[i]
        else:
            i += 1
    heads: list[int] = []
    prose = 0
    for k in range(n_lines):
        if line_bad[k]:
            continue
        c, nl = doc.chars[k], doc.link_chars[k]
        if nl > LINK_DENSITY * c:
            if nl >= LISTING_HEADLINE:
                heads.append(k)
        else:
            prose += c - nl
    return heads, prose


def _listing_lines(doc: _Doc, heads: list[int], prose: int) -> list[str]:
    """The main content of a page with headline links ``heads``: of a listing (a front
    page, a category, search results, a catalogue, a blog index) when those links are its
    content, else the usual choice.

    They are the content when the region chosen as usual holds most of them (the entries
    of a blog index: headline, date, summary), or when they outweigh the page's prose and
    no article-sized text was chosen. Otherwise they are "more stories" beside an article.
    Headlines that are content become text lines (worth their length, like a paragraph),
    so the listing's region is chosen and kept, while short links (menus, tags) stay links."""
    values, link_chars, bad = list(doc.values), list(doc.link_chars), list(doc.bad)
    chosen: list[int] = []
    lines = _select(doc, chosen)
    best = chosen[0] if chosen else -1
    inside = []
    if best >= 0:
        lo, hi = doc.first[best], doc.last[best]
        inside = [k for k in heads if lo <= k < hi]
    text = sum(map(len, lines))
    index = (
        len(inside) >= LISTING_MIN
        and 2 * len(inside) > len(heads)
        and sum(doc.chars[k] for k in inside) >= INDEX_SHARE * text
    )
    cards = _card_prose(doc, bad)
    listing = sum(doc.chars[k] for k in heads) + cards
    if not index and (text >= ARTICLE_SIZE or listing <= prose - cards):
        return lines
    doc.values, doc.link_chars, doc.bad = values, link_chars, bad
    headed = set(heads)
    for i in doc.card_headers:  # a teaser's header: the entry's headline link
        if bad[i] == 1 and not headed.isdisjoint(range(doc.first[i], doc.last[i])):
            bad[i] = 0
    for k in heads:
        doc.values[k] = float(doc.chars[k] - CELL_COST)
        doc.link_chars[k] = 0
    return _select(doc)


def _card_prose(doc: _Doc, before: list[int]) -> int:
    """The prose characters of the teaser cards the last choice marked (boilerplate now,
    not in ``before``): on a listing, the entries' summaries, which are its text too."""
    prose = _prefix(_prose(doc))
    out, i, n = 0, 0, len(doc.tags)
    while i < n:
        if doc.bad[i] == 1 and not before[i]:
            out += int(prose[doc.last[i]] - prose[doc.first[i]])
            i = doc.end[i]
        else:
            i += 1
    return out


#: A main text shorter than this (characters) is checked against the page's hidden text;
#: the hidden-included text replaces it when it is this many times longer.
SMALL = 300
UNHIDE = 3


def generic_lines(tree: LexborHTMLParser, wide: bool = False, unhide: bool = True) -> list[str]:
    """The main content's block lines (raw, in page order); ``[]`` when there is none.
    ``unhide=False`` never reads hidden elements (another reader saw the visible post)."""
    root = _root(tree)
    if root is None:
        return []
    doc = _walk(root, wide=wide)
    if not wide:
        _unmark_prose_holders(doc)  # the page's wrapper or thread holds its headlines too
    # A Korean page is a board's: the list of posts under a post is not its body.
    heads, prose = ([], 0) if wide else _headlines(doc)
    lines = _listing_lines(doc, heads, prose) if len(heads) >= LISTING_MIN else _select(doc)
    if unhide and sum(map(len, lines)) < SMALL:
        # Little or nothing visible: a page that hides its content until a script shows it
        # (a server-rendered app streamed into a hidden box, a body kept invisible until its
        # fonts load). Read it with the hidden elements when that gives much more.
        shown = _select(_walk(root, wide=wide, show_hidden=True))
        if sum(map(len, shown)) > UNHIDE * max(1, sum(map(len, lines))):
            return shown
    return lines


def extract_generic(tree: LexborHTMLParser, url: str | None = None, wide: bool = False) -> Article:
    """An :class:`Article` from any page: metadata from :func:`page_metadata`, paragraphs
    from the densest content container (raw, not deduplicated; ``engine="generic"``)."""
    meta = page_metadata(tree)
    return Article(
        url=url or meta.get("url"),
        title=meta.get("title"),
        author=meta.get("author"),
        published=meta.get("published"),
        paragraphs=generic_lines(tree, wide),
        engine="generic",
    )


def extract_text_generic(html: str) -> str:
    """The main text of an HTML document, paragraphs separated by a blank line."""
    return "\n\n".join(generic_lines(LexborHTMLParser(html)))
