"""What an element's class/id says: strong or weak boilerplate, content, nothing, or a
class that hides it (screen-reader text, a toggle, a popup), word by word and cached."""

from __future__ import annotations

import re

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
    r"|promo(?!ted)|sponsor|advert|cookie|consent|outbrain|taboola|related|recommend|social|sharing"
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
    r"|hentry|h-entry|blog-?post|view_?con|board_?view|bbs_?view|con_?txt|view_?txt|product)"
)


#: State flags and script hooks ("no-sidebar", "has-comments", "js-dataTooltip",
#: "hide-read-more-ad"): they say how a block behaves, not what it holds. A flag runs to
#: the end of its class ("hide-read-more-ad" hides an ad inside a list of stories). So do
#: flags that hide a part of the block, its label or title (Drupal's
#: "field--label-hidden", on every field shown without its label): the block is shown.
_FLAG = re.compile(
    r"(?<![a-z])(?:no|has|with|without|show|hide|enable|disable|js|overflow(?:-[xy])?)"
    r"(?:[-_][a-z0-9]+)+"
    r"|(?<![a-z])(?:label|title|heading|icon|caption)[-_]+hidden(?![a-z])"
    # a generated id (a UUID's hex groups read "ad0f", "ad4d")
    r"|[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}"
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


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


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


_strong_cache: dict[str, frozenset[str]] = {}


def _strong_words(name: str) -> frozenset[str]:
    """The strong boilerplate words of a class/id, camelCase words parted (cached): what
    :func:`_layout_name`, :func:`_abbreviation_only` and :func:`_comment_only` read."""
    words = _strong_cache.get(name)
    if words is None:
        low = _camel_split(name).lower()
        words = frozenset(m.group() for m in _STRONG_BAD.finditer(low))
        if len(_strong_cache) >= NAME_CACHE:
            _strong_cache.clear()
        _strong_cache[name] = words
    return words


#: :func:`_layout_name` by a name's strong words (few sets: the words are the patterns').
_layout_sets: dict[frozenset[str], bool] = {}


def _layout_name(name: str) -> bool:
    """Whether a class/id's strong boilerplate words are layout words only (cached: the
    walk asks it of every element strongly boilerplate by its name)."""
    strong = _strong_words(name)
    out = _layout_sets.get(strong)
    if out is None:
        out = bool(strong) and all(_LAYOUT.fullmatch(word) for word in strong)
        if len(_layout_sets) >= NAME_CACHE:
            _layout_sets.clear()
        _layout_sets[strong] = out
    return out


#: The strong boilerplate words that are also abbreviations of other words ("adv" for
#: advanced, "ad" for address or admin): on a paragraph they name its style, not an ad.
_ABBREVIATIONS = frozenset({"ad", "ads", "adv"})


def _abbreviation_only(name: str) -> bool:
    """Whether a class/id's strong boilerplate words are :data:`_ABBREVIATIONS` only."""
    strong = _strong_words(name)
    return bool(strong) and strong <= _ABBREVIATIONS


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def _camel_split(name: str) -> str:
    """A class/id with its camelCase words parted by hyphens ("contentWithSidebar" is
    "content-With-Sidebar"), so that each is matched as a word of its own."""
    return _CAMEL.sub("-", name) if not name.islower() else name


#: A class list of this many names or more, each at most :data:`GENERATED_LEN` letters, is
#: generated (atomic CSS: "fe ir ff is fg it fh"): its names say nothing, though some spell
#: a word ("ir", "ad", "nav").
GENERATED_MIN = 4


GENERATED_LEN = 3


def _generated(tokens: set[str]) -> bool:
    """Whether a class list is generated atomic CSS (see :data:`GENERATED_MIN`)."""
    return len(tokens) >= GENERATED_MIN and all(len(t) <= GENERATED_LEN for t in tokens)


def _name_weight(name: str) -> int:
    """What a class/id says (cached): -2 strong boilerplate, -1 weak, +1 content, 0 nothing.

    Inside a word, boilerplate wins ("related-articles", "comment-body"); across words,
    content and strong boilerplate cancel ("article-body pagination-first" is neutral).
    """
    w = _name_cache.get(name)
    if w is None:
        low = name.lower()
        tokens = set(low.split())
        if _generated(tokens):
            return _remember(name, 0)
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


def _comment_only(name: str) -> bool:
    """Whether a class/id's strong boilerplate words are all "comment(s)"."""
    return _strong_words(name) == {"comment"}
