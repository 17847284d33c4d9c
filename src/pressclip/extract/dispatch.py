"""HTML → Article / Listing: parse once, find the engine, read the page through its profile.

Engines are tried in :data:`PROFILES` order; the generic table profile comes last, and a page
no profile claims goes to the generic main-content extractor. The engines' profiles are
TOML files in ``extract/engines/``, in the format of a site profile (:mod:`.site`): to add
an engine, write one and list it in :data:`.site.ENGINES`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from operator import sub
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode, SelectolaxError

from ..decode import decode
from ..errors import PressclipError
from ..model import Article, Listing
from ..urls import valid
from .choose import (
    ALL_FIELDS,
    TINY_BODY,
    Choice,
    Hints,
    body_evidence,
    choose,
    choose_body,
    metadata_proposals,
    site_names,
    title_hints,
    trim_chrome,
)
from .fields import Header, Proposal, menu_names, read_fields
from .file_links import base_url
from .labels import BODY_WORDS
from .listing import looks_like_list, parse_listing
from .profile import Profile, body_node, claims, first, is_view, labelled
from .rank import Rank
from .readers import (
    density_body,
    header_body,
    labelled_proposals,
    link_files,
    metadata_body,
    once,
    profile_proposals,
    repeated_header_rows,
    script_body,
)
from .site import builtin_profiles

PROFILES: tuple[Profile, ...] = builtin_profiles()

_LANDMARKS = ", ".join(sel for profile in PROFILES for sel in profile.detect)
#: Deeper elements are unwrapped before parsing, as browsers stop nesting at 512.
MAX_DEPTH = 512
#: A page with at most this many tags is parsed as it is, unchecked: the parser's time grows
#: with the square of the nesting, but this many tags, however they nest, cost it about
#: 10 ms and the whole extraction about 20 (benchmarks/malformed.py), while the check costs
#: every page (a typical one, about 0.4 ms).
SMALL_PAGE_TAGS = 2048
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)")
#: A tag's name, a closing one with its slash (one group: plain strings, not tuples).
_TAG_NAME = re.compile(r"</?[A-Za-z][A-Za-z0-9]*")
#: Elements that never deepen the tree: void elements, and those the parser closes by itself
#: when a sibling starts. (A ``/>`` does not close a non-void element in HTML.)
_FLAT = frozenset(
    "area base br col embed hr img input link meta param source track wbr keygen frame"
    " basefont bgsound p li dt dd tr td th option optgroup"
    # SVG shapes: written self-closed (``<path/>``), which does close them in SVG.
    " path circle rect line polygon polyline ellipse use stop".split()
)


class _Steps(dict[str, int]):
    """What a tag (``<div``, ``</div``) does to the nesting depth: +1, -1, or 0 for the
    flat elements; filled in as tags are met (a page holds a few dozen names)."""

    def __missing__(self, tag: str) -> int:
        closing = tag[1] == "/"
        name = tag[1 + closing :]
        step = 0 if name in _FLAT or name.lower() in _FLAT else (-1 if closing else 1)
        if len(self) < 4096:  # names are the page's to choose: the table stays small
            self[tag] = step
        return step


_STEPS = _Steps()


def too_deep(html: str, limit: int = MAX_DEPTH) -> bool:
    """Whether elements in ``html`` nest deeper than ``limit`` (a quick pass, no rewriting).

    The depth after each tag is its running sum of steps, less the lowest sum before it
    (a stray closing tag at depth 0 is ignored): sums and minima are taken by C loops.
    """
    tags = _TAG_NAME.findall(html)
    if len(tags) <= max(limit, 0):  # fewer tags than the limit cannot nest past it
        return False
    depth = list(accumulate(map(_STEPS.__getitem__, tags)))
    if max(depth) - min(0, min(depth)) <= limit:  # an upper bound of every depth
        return False
    return max(map(sub, depth, accumulate(depth, min, initial=0))) > limit


def flatten_deep(html: str, limit: int = MAX_DEPTH) -> str:
    """``html`` without the tags nested deeper than ``limit`` (their text is kept).

    One linear pass over the tags; pages that stay under the limit come back unchanged.
    """
    if not too_deep(html, limit):
        return html
    out: list[str] = []
    pos = depth = 0
    for m in _TAG.finditer(html):
        closing, name = m.groups()
        if name.lower() in _FLAT:
            continue
        if closing:
            depth -= depth > 0
            if depth < limit:
                continue
        else:
            depth += 1
            if depth <= limit:
                continue
        if m.start() < pos:
            continue
        end = html.find(">", m.end())
        end = len(html) if end < 0 else end + 1
        out.append(html[pos : m.start()])
        pos = end
    if not out:
        return html
    out.append(html[pos:])
    return "".join(out)


def parse(html: str | bytes) -> LexborHTMLParser:
    """A lexbor tree of ``html`` (bytes are decoded by the browser's rules), nesting capped
    at :data:`MAX_DEPTH` on pages of more than :data:`SMALL_PAGE_TAGS` tags."""
    if isinstance(html, bytes):
        html = decode(html)[0]
    if not isinstance(html, str):
        raise PressclipError(f"expected HTML text, got {type(html).__name__}")
    if html.count("<") > SMALL_PAGE_TAGS:  # C-speed, unlike the check itself
        html = flatten_deep(html)
    for _attempt in range(2):
        try:
            return LexborHTMLParser(html)
        except UnicodeEncodeError:  # lone surrogates (rare: only from lenient decoding)
            html = html.encode("utf-8", "replace").decode("utf-8")
        except SelectolaxError as exc:  # the parser's own failure: bad input, not our bug
            raise PressclipError(f"cannot parse HTML: {exc}") from exc
    raise PressclipError("cannot parse HTML: not encodable as UTF-8")


def _tree_and_text(html: str | bytes | LexborHTMLParser) -> tuple[LexborHTMLParser, str]:
    if isinstance(html, LexborHTMLParser):
        return html, html.html or ""
    tree = parse(html)
    return tree, html if isinstance(html, str) else (tree.html or "")


def detect(tree: LexborHTMLParser, html: str = "") -> Profile | None:
    """The profile of the engine that made the page, or None for an unknown page."""
    # Bytes: substring search on a wide (non-ASCII) str is several times slower; the
    # parser's own copy of the page is bytes already.
    head = tree.raw_html[:32_768]  # engines mark their <head>
    landmarks = tree.css_first(_LANDMARKS) is not None  # one DOM pass for all profiles
    for profile in PROFILES:
        if claims(profile, tree, head, html, landmarks=landmarks):
            return profile
    return None


def page_url(tree: LexborHTMLParser) -> str | None:
    """The page's own address: ``<link rel=canonical>``, else ``og:url``."""
    for sel, attr in (("link[rel='canonical']", "href"), ("meta[property='og:url']", "content")):
        node = tree.css_first(sel)
        value = (node.attributes.get(attr) or "").strip() if node is not None else ""
        if value and valid(value):  # a malformed one (http://[x) is skipped
            return value
    return None


def is_list_page(html: str | bytes | LexborHTMLParser, profile: Profile | None = None) -> bool:
    """Whether the page is a board's list page (rows of posts, no post shown).

    A page with a post header (a title and its labelled date or author) is a view, whatever
    rows it also shows: a gnuboard4 skin the profile does not know is still a post.
    ``profile`` (a site profile, see :mod:`.site`) reads the page instead of detection.
    """
    tree, text = _tree_and_text(html)
    profile = profile or detect(tree, text)
    if profile is not None and is_view(profile, tree):
        return False
    if not looks_like_list(profile, tree):
        return False
    header = _header(tree, text)[0]
    return not (header is not None and _is_post_header(header))


def _is_post_header(header: Header) -> bool:
    fields = {label.field for label in header.labels}
    has_title = header.title is not None or "title" in fields
    if has_title:
        return bool(fields & {"published", "author"})
    return len(fields & {"published", "author", "views"}) >= 2  # the title from metadata


_HANGUL = re.compile("[\uac00-\ud7a3]")
#: The UTF-8 lead bytes of the Hangul syllables (U+AC00–U+D7A3 lie in 0xEA–0xED).
_HANGUL_LEADS = bytes([0xEA, 0xEB, 0xEC, 0xED])
#: Hangul syllables (counted by their UTF-8 lead bytes) that make a page without a language
#: or a title Korean: more than a language menu's few words.
KOREAN_TEXT = 200
#: A fragment (an AJAX response: no language, no title) is Korean when one character in
#: this many is Hangul, however short.
KOREAN_SHARE = 5
#: ... and a page whose language or title says otherwise (a template's ``lang="en"``, an
#: English ``<title>`` over a Korean board): a post's worth of Hangul.
KOREAN_DESPITE_LANG = 500


def is_korean(tree: LexborHTMLParser, text: str) -> bool:
    """Whether the page is in Korean: ``<html lang="ko">``, a Korean ``<title>``, or (a page
    with neither a language nor a title, such as a fragment) plenty of Hangul. A language
    menu's few words do not count."""
    if text.isascii():
        return False
    root = tree.root
    lang = (root.attributes.get("lang") or "").lower() if root is not None else ""
    if lang.startswith("ko"):
        return True
    head = tree.head
    title = head.css_first("title") if head is not None else None
    if title is not None and _HANGUL.search(title.text() or ""):
        return True
    said = bool(lang or (title is not None and (title.text() or "").strip()))
    data = tree.raw_html  # the parser's UTF-8 copy: no encoding of the page again
    hangul = len(data) - len(data.translate(None, _HANGUL_LEADS))  # one pass in C
    if said:
        return hangul >= KOREAN_DESPITE_LANG
    return hangul >= min(KOREAN_TEXT, len(text) // KOREAN_SHARE)  # a fragment: its share


def _header(
    tree: LexborHTMLParser, text: str, korean: bool | None = None
) -> tuple[Header | None, list[Proposal]]:
    """The labelled-field reader's header and proposals; nothing on pages without Korean
    label words (the reader reads Korean boards)."""
    if not (is_korean(tree, text) if korean is None else korean):
        return None, []
    return read_fields(tree)


@dataclass
class View:
    """A view page as read: the article, the reader that took it, each field's source, and
    every field's choice among the readers' proposals (for ``pressclip detect``)."""

    article: Article
    reader: str
    sources: dict[str, str] = field(default_factory=dict)
    choices: dict[str, Choice] = field(default_factory=dict)


def read_view(
    html: str | bytes | LexborHTMLParser,
    url: str | None = None,
    profile: Profile | None = None,
    *,
    every_reader: bool = False,
) -> View:
    """Read a view page: every reader proposes values for every field, body and attachments
    included, and :func:`.choose.choose` picks each. ``every_reader`` runs the costly
    readers (the densest block) even where a surer one already holds a body."""
    tree, text = _tree_and_text(html)
    base = url or page_url(tree)
    korean = is_korean(tree, text)
    header, labels = _header(tree, text, korean)
    profile = profile or detect(tree, text)
    if profile is not None and _profile_body(profile, tree, header) is None:
        profile = None  # its body rule guessed a cell outside the post: it steps aside
    proposals, post_header = _post_proposals(tree, base, profile, korean, header, labels)
    hints = _hints(tree, header, korean or profile is not None)
    proposals += _metadata(tree, post_header, hints)
    bodies = [p for p in proposals if p.field == "body"]
    if every_reader or korean or _needs_density(bodies, hints):
        seen = any(p.value for p in bodies)
        proposals.append(density_body(tree, korean, unhide=not seen))
    if korean or profile is not None:
        proposals.append(link_files(tree, base_url(tree, base), korean, PROFILES))
    chosen = choose(proposals, hints)
    _trim_body(chosen, hints, korean or header is not None)
    view = _view(chosen, base, profile)
    if korean and "<th" in text:
        view.article.paragraphs = once(view.article.paragraphs, repeated_header_rows(tree))
    return view


def _post_proposals(
    tree: LexborHTMLParser,
    base: str | None,
    profile: Profile | None,
    korean: bool,
    header: Header | None,
    labels: list[Proposal],
) -> tuple[list[Proposal], bool]:
    """The proposals of the readers of the post itself — the profile, the labelled cells,
    a script's textarea, the post header and the region after it — and whether the page
    has a post header. Labels that make no post header (a footer's, a list's, a widget's
    with no body after it) propose nothing."""
    post_header = header is not None and _is_post_header(header)
    proposals = labels if post_header or profile is not None else []
    if profile is not None:
        proposals = profile_proposals(profile, tree, base) + proposals
    if korean or profile is not None:
        proposals += labelled_proposals(tree, base, profile or _LINK_PROFILE)
    if korean:
        proposals += script_body(tree)
    if header is not None and (post_header or profile is not None):
        region = header_body(header)
        if region is not None:
            proposals.append(region)
        elif profile is None and not any(lb.field == "title" for lb in header.labels):
            proposals, post_header = [p for p in proposals if p not in labels], False
    return proposals, post_header


def _metadata(tree: LexborHTMLParser, post_header: bool, hints: Hints) -> list[Proposal]:
    """The page metadata's proposals: title, author, date and JSON-LD ``articleBody``."""
    from .meta import metadata_candidates

    found = metadata_candidates(tree)
    proposals = metadata_proposals(tree, found, post_header, hints.site_names)
    body = metadata_body(found)
    return proposals + ([body] if body is not None else [])


def _trim_body(chosen: dict[str, Choice], hints: Hints, board: bool) -> None:
    """A board post's body read by text density (after its header or on the whole page),
    without the chrome lines around it."""
    picked = chosen.get("body")
    if picked is not None and picked.proposal.rank >= Rank.REGION and board:
        title = chosen["title"].proposal.value if "title" in chosen else None
        lines = trim_chrome(list(picked.proposal.value), hints, title)
        picked.proposal = dataclasses.replace(picked.proposal, value=lines)


def _needs_density(bodies: list[Proposal], hints: Hints) -> bool:
    """Whether the densest-block reader could change the body the others give: none
    gives one, or the one chosen is less sure than it, tiny, or won only as a fallback."""
    choice = choose_body(bodies, hints)
    if choice is None or choice.proposal.rank > Rank.DENSITY:
        return True
    ev = body_evidence(list(choice.proposal.value), hints)
    return ev.text < TINY_BODY or not choice.why.startswith(("the surest", "the only"))


def _hints(tree: LexborHTMLParser, header: Header | None, board: bool) -> Hints:
    """What the cross-checks know of the page; the menus only on a board's page (a board's
    name in a menu is its posts' usual false title; elsewhere reading them costs more
    than it finds)."""
    lines: set[str] = set()
    parts: set[str] = set()
    if header is not None:
        for label in header.labels:
            lines.add(label.value)
            lines.add(f"{label.word} {label.value}")
            parts.update((label.word, label.value))
    root = tree.body
    return Hints(
        title_hints(tree),
        site_names(tree),
        (lambda: menu_names(root)) if root is not None and board else set(),
        lines,
        tuple(sorted(parts, key=len, reverse=True)),
    )


def _view(chosen: dict[str, Choice], base: str | None, profile: Profile | None) -> View:
    article = Article(url=base, engine=profile.engine if profile is not None else "generic")
    sources: dict[str, str] = {}
    for name, choice in chosen.items():
        value = choice.proposal.value
        if name == "body":
            article.paragraphs = list(value)
        elif name == "attachments":
            article.attachments = list(value)
        else:
            setattr(article, name, value)
        if name not in ("attachments", "body") or value:
            sources[name] = choice.proposal.source
    if "body" in chosen:
        sources["body"] = chosen["body"].proposal.source
    reader = profile.engine if profile is not None else "generic"
    article.sources = dict(sources)
    return View(article, reader, sources, chosen)


#: Resolves download scripts for the labelled 첨부파일 cell on a page no profile reads.
_LINK_PROFILE = Profile(engine="generic")


def _profile_body(
    profile: Profile, tree: LexborHTMLParser, header: Header | None
) -> LexborNode | None:
    """The body element the profile finds; None when it only guessed the largest table cell
    and that cell lies outside the table of the post header (the profile steps aside)."""
    node = body_node(profile, tree)
    if node is None or not profile.body_largest_cell or header is None or not header.labels:
        return node
    if first(tree, profile.body) is not None or labelled(tree, BODY_WORDS) is not None:
        return node
    table: LexborNode | None = header.labels[0].node
    while table is not None and table.tag != "table":
        table = table.parent
    inside = table is not None and any(a.mem_id == table.mem_id for a in _lineage(node))
    return node if inside else None


def _lineage(node: LexborNode) -> list[LexborNode]:
    out = []
    cur: LexborNode | None = node
    while cur is not None:
        out.append(cur)
        cur = cur.parent
    return out


def extract_html(
    html: str | bytes | LexborHTMLParser, url: str | None = None, profile: Profile | None = None
) -> Article:
    """The post on a view page; ``paragraphs`` are the raw body lines (not yet deduped).

    ``profile`` (a site profile, see :mod:`.site`) reads the page instead of detection."""
    return read_view(html, url, profile).article


def parse_list(
    html: str | bytes | LexborHTMLParser,
    url: str | None = None,
    profile: Profile | None = None,
    scripts: Sequence[str] = (),
) -> Listing:
    """The posts on a list page, in page order, and the next page's address.

    ``profile`` (a site profile, see :mod:`.site`) reads the page instead of detection;
    ``scripts`` are the texts of the page's external script files (its ``<script src>``),
    whose functions are read after the page's own."""
    tree, text = _tree_and_text(html)
    base = url or page_url(tree)
    return parse_listing(profile or detect(tree, text), tree, base, scripts)


def describe(
    html: str | bytes | LexborHTMLParser,
    url: str | None = None,
    profile: Profile | None = None,
    listing: Listing | None = None,
    scripts: Sequence[str] = (),
) -> dict[str, Any]:
    """What ``pressclip detect`` prints: the reader that takes the page (an engine, a site
    profile given as ``profile``, or ``generic``), whether it is a view or a list page, and
    each field with its source. On a list page the reader is the one that read its rows
    (a profile whose row selectors find nothing steps aside for ``generic``); ``listing``
    is the page's list when already read (with its script files, by ``fetch``), else it is
    read with ``scripts`` (the text of the page's script files, if given)."""
    tree, text = _tree_and_text(html)
    if is_list_page(tree, profile):
        listing = listing or parse_list(tree, url, profile, scripts)
        return {
            "reader": listing.engine,
            "kind": "list",
            "posts": len(listing.posts),
            "without_url": sum(1 for p in listing.posts if p.url is None),
            "next_page": listing.next_page,
            "warnings": listing.warnings,
        }
    view = read_view(tree, url, profile, every_reader=True)
    return {"reader": view.reader, "kind": "view", "fields": _described(view)}


def _shown(name: str, value: Any) -> Any:
    """A field's value as ``detect`` prints it: a date in ISO, a body as its line count and
    first and last lines, attachments as dicts."""
    if name == "published":
        return Article(published=value).published_iso
    if name == "body":
        lines = list(value)
        return {
            "lines": len(lines),
            "first": lines[0] if lines else None,
            "last": lines[-1] if lines else None,
        }
    if name == "attachments":
        return [a.to_dict() for a in value]
    return value


def _described(view: View) -> dict[str, dict[str, Any]]:
    """Per field: the value chosen, its source, why it won, and every other proposal."""
    fields: dict[str, dict[str, Any]] = {}
    for name in ALL_FIELDS:
        choice = view.choices.get(name)
        if choice is None:
            fields[name] = {"value": None, "source": None, "why": None, "proposals": []}
            continue
        fields[name] = {
            "value": _shown(name, choice.proposal.value),
            "source": choice.proposal.source,
            "why": choice.why,
            "proposals": [
                {"source": p.source, "value": _shown(name, p.value)} for p in choice.others
            ],
        }
    return fields


def describe_text(text: str, url: str | None = None) -> dict[str, Any]:
    """:func:`describe` for an already-scraped text file (the text reader takes it)."""
    from .scraped_text import extract_text

    art = extract_text(text)
    art.sources = {name: "text reader" for name in ALL_FIELDS}
    return describe_article(art, "text")


def describe_article(art: Article, reader: str) -> dict[str, Any]:
    """:func:`describe` for a record one reader made alone (a scraped text, a document):
    each field with its source, no other proposals."""
    fields: dict[str, dict[str, Any]] = {}
    for name in ALL_FIELDS:
        value: Any = {
            "published": art.published,
            "body": art.paragraphs,
            "attachments": art.attachments,
        }.get(name, getattr(art, name, None))
        found = value is not None and value != []
        fields[name] = {
            "value": _shown(name, value) if value is not None else None,
            "source": art.sources.get(name) if found or name == "body" else None,
            "why": "the only reader" if found else None,
            "proposals": [],
        }
    return {"reader": reader, "kind": "view", "fields": fields}
