"""Declarative board-engine profiles and the shared code that interprets them.

An engine module holds one frozen :class:`Profile`: how to recognise the engine, CSS selectors
for each field of a view page and a list page, and what to strip from the body. Everything
here reads a profile; nothing here knows an engine by name.

Every selector field is a tuple of alternatives, tried in order; the first that matches wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..model import Attachment
from ..urls import join
from .jsnav import matching, split_top, strip_comments
from .labels import BODY_WORDS, TITLE_WORDS

Selectors = tuple[str, ...]


#: Elements that label a value: table headers, definition terms, label spans.
LABEL_SELECTORS: Selectors = ("th", "dt", ".detail-name", ".lab", ".label", ".tit")
_LABELS_OR_HEADERS = ", ".join(LABEL_SELECTORS + ("thead td",))

_SPACE = re.compile(r"\s+")
_LABEL_NOISE = re.compile(r"[\s:：|·*]+")
_NAME_NOISE = re.compile(
    r"\s*[(\[]\s*(?:File\s*Size|[\d.,]+\s*(?:bytes?|[KMGT]i?B?)\b).*$", re.IGNORECASE | re.DOTALL
)
_JS_CALL = re.compile(r"([A-Za-z_$][\w$.]*)\s*(?:\(|=(?!=))\s*((?:'[^']*'|\"[^\"]*\"|[^;)'\"])*)")
_JS_ARG = re.compile(r"'([^']*)'|\"([^\"]*)\"|([^,\s)'\"]+)")

#: JavaScript that opens a URL given as its first argument, on every engine.
COMMON_JS: tuple[tuple[str, str], ...] = (
    ("location.href", "{0}"),
    ("location", "{0}"),
    ("window.open", "{0}"),
)


@dataclass(frozen=True)
class Profile:
    """How one board engine lays out its view and list pages."""

    engine: str
    #: Recognition: any selector matching, or any substring of the raw HTML.
    detect: Selectors = ()
    detect_text: tuple[str, ...] = ()
    # View page.
    view: Selectors = ()  # landmarks of a view page (the post container)
    title: Selectors = ()
    title_drop: Selectors = ()
    author: Selectors = ()
    author_drop: Selectors = ()
    date: Selectors = ()
    views: Selectors = ()
    meta: Selectors = ()  # the post header: labelled values and patterns are searched here
    body: Selectors = ()
    body_drop: Selectors = ()
    #: No body selector fits: take the longest table cell that is not a labelled value.
    body_largest_cell: bool = False
    files: Selectors = ()  # attachment links (a or button)
    file_name: Selectors = ()  # the name inside an attachment link, when not its whole text
    file_drop: Selectors = ()
    #: JavaScript calls that open a URL: (function name, template with {0}, {1}, {ctx}).
    js_links: tuple[tuple[str, str], ...] = ()
    #: Path segments that follow the web application's context path (e-gov ``/cop/``).
    context_markers: tuple[str, ...] = ()
    # List page.
    rows: Selectors = ()
    row_link: Selectors = ("a",)
    row_link_drop: Selectors = ()
    row_date: Selectors = ()
    row_notice: Selectors = ()  # a match on or inside a row marks a pinned notice
    pager: Selectors = ()
    #: Generic recognition: label words a view table shows, header words a list table shows.
    detect_labels: tuple[str, ...] = ()
    detect_headers: tuple[str, ...] = ()


# --------------------------------------------------------------------------- nodes


def first(scope: LexborNode | LexborHTMLParser, selectors: Iterable[str]) -> LexborNode | None:
    """The first node matching the first selector that matches anything."""
    for sel in selectors:
        node = scope.css_first(sel)
        if node is not None:
            return node
    return None


def select_all(scope: LexborNode | LexborHTMLParser, selectors: Iterable[str]) -> list[LexborNode]:
    """Every node matched by the first selector that matches anything."""
    for sel in selectors:
        nodes = scope.css(sel)
        if nodes:
            return list(nodes)
    return []


def _ids(scope: LexborNode, selectors: Iterable[str]) -> set[int]:
    """The nodes under ``scope`` (not ``scope`` itself) that match ``selectors``."""
    return {n.mem_id for sel in selectors for n in scope.css(sel)} - {scope.mem_id}


def walk_text(node: LexborNode, drop: Iterable[str] = ()) -> Iterator[str]:
    """The text pieces under ``node`` in order, skipping scripts and ``drop`` matches."""
    skip = _ids(node, drop)
    stack = [node]
    while stack:
        cur = stack.pop()
        tag = cur.tag or ""
        if tag == "-text":
            yield cur.text_content or ""
            continue
        if cur.mem_id in skip or tag in ("script", "style", "noscript", "template", "select"):
            continue
        if tag == "br" or tag in ("p", "div", "li", "td", "th", "dd", "dt", "tr"):
            yield " "
        stack.extend(reversed(list(cur.iter(include_text=True))))


def text_of(node: LexborNode | None, drop: Iterable[str] = ()) -> str:
    """White-space-folded text of ``node`` without the ``drop`` matches; '' for None."""
    if node is None:
        return ""
    return _SPACE.sub(" ", "".join(walk_text(node, drop)).replace("\u00a0", " ")).strip()


def _label_key(text: str) -> str:
    return _LABEL_NOISE.sub("", text).lower()


def labelled(
    scope: LexborNode | LexborHTMLParser | None, words: Iterable[str]
) -> LexborNode | None:
    """The value element of the first label in ``scope`` reading one of ``words``.

    The value is the label's next element sibling (``th``→``td``, ``dt``→``dd``); a label
    with no such sibling gives its parent (the value then follows it as text).
    """
    if scope is None:
        return None
    wanted = {_label_key(w) for w in words}
    for sel in LABEL_SELECTORS:
        for label in scope.css(sel):
            if _label_key(label.text(deep=True)) not in wanted:
                continue
            value = _next_element(label)
            if value is not None and value.tag not in LABEL_SELECTORS:
                return value
            if label.parent is not None and value is None:
                return label.parent
    return None


def labelled_text(scope: LexborNode | LexborHTMLParser | None, words: Iterable[str]) -> str:
    """The text of :func:`labelled`, without the label itself when the value is its parent."""
    node = labelled(scope, words)
    if node is None:
        return ""
    text = text_of(node, (".kboard-author-menu", ".sv", "noscript"))
    for word in words:  # a parent value starts with its label
        m = re.match(r"\s*" + r"\s*".join(map(re.escape, word)) + r"\s*[:：]?\s*", text)
        if m:
            return text[m.end() :].strip()
    return text


def _next_element(node: LexborNode) -> LexborNode | None:
    sib = node.next
    while sib is not None and (sib.tag or "").startswith("-"):
        if sib.tag == "-text" and (sib.text_content or "").strip():
            return None
        sib = sib.next
    return sib


# --------------------------------------------------------------------------- detection


def claims(
    profile: Profile, tree: LexborHTMLParser, head: bytes, html: str, *, landmarks: bool = True
) -> bool:
    """Whether the page carries one of the profile's landmarks.

    ``head`` is the start of the raw page as bytes (substring search on bytes is fast),
    ``html`` the whole page; ``landmarks=False`` says no profile's selector matches at all.
    """
    if any(s.encode() in head for s in profile.detect_text):
        return True
    if landmarks and profile.detect and tree.css_first(", ".join(profile.detect)) is not None:
        return True
    words = {*profile.detect_labels, *profile.detect_headers}  # each searched once
    if not any(mentions(html, w) for w in words):  # no label word anywhere: no DOM walk
        return False
    if tree.css_first(_LABELS_OR_HEADERS) is None:  # one DOM pass
        return False
    if profile.detect_labels and labelled(tree, profile.detect_labels) is not None:
        return True
    return bool(profile.detect_headers) and has_header(tree, profile.detect_headers)


def mentions(text: str, word: str) -> bool:
    """Whether ``text`` holds ``word``. A text without the word's first character is ruled
    out first: one character is searched many times faster than a word in wide (non-Latin-1)
    text, and an English page holds no Hangul."""
    return word[:1] in text and word in text


def has_header(tree: LexborHTMLParser, words: Iterable[str]) -> bool:
    """Whether some table header cell reads one of ``words``."""
    wanted = {_label_key(w) for w in words}
    return any(_label_key(th.text(deep=True)) in wanted for th in tree.css("th, thead td"))


def is_view(profile: Profile, tree: LexborHTMLParser) -> bool:
    """Whether the page shows one post (a view page) rather than only a list."""
    if first(tree, profile.view + profile.body) is not None:
        return True
    # A detail table: a 제목 or 내용 header cell with its value beside it (a list's header
    # row has header cells beside it instead).
    return labelled(tree, TITLE_WORDS + BODY_WORDS) is not None


# --------------------------------------------------------------------------- view pages


def body_node(profile: Profile, tree: LexborHTMLParser) -> LexborNode | None:
    """The post body element: the profile's selector, else the value labelled 내용."""
    node = first(tree, profile.body) or labelled(tree, BODY_WORDS)
    if node is None and profile.body_largest_cell:
        node = largest_cell(tree)
    return node


def largest_cell(tree: LexborHTMLParser) -> LexborNode | None:
    """The ``td`` with the most text among cells that no ``th`` labels."""
    best: tuple[int, LexborNode] | None = None
    for cell in tree.css("td"):
        prev = cell.prev
        while prev is not None and (prev.tag or "").startswith("-"):
            prev = prev.prev
        if prev is not None and prev.tag == "th":
            continue
        if len(cell.css("td")) > 1:  # a layout cell around other cells (css matches itself)
            continue
        size = len(text_of(cell))
        if size and (best is None or size > best[0]):
            best = (size, cell)
    return best[1] if best else None


# --------------------------------------------------------------------------- links


def context_path(profile: Profile, url: str | None) -> str:
    """The web application's context path in ``url`` (``/portal`` before ``/cop/…``)."""
    if not url:
        return ""
    try:
        path = urlsplit(url).path
    except ValueError:  # a malformed base: no context path
        return ""
    for marker in profile.context_markers:
        i = path.find(marker)
        if i >= 0:
            return path[:i]
    return ""


def js_target(profile: Profile, code: str, url: str | None) -> str | None:
    """The address a ``javascript:`` link or ``onclick`` opens, by the profile's templates."""
    for m in _JS_CALL.finditer(code):
        name = m.group(1)
        for fn, template in profile.js_links + COMMON_JS:
            if name == fn or name.endswith("." + fn):
                args = [a or b or c for a, b, c in _JS_ARG.findall(m.group(2))]
                try:
                    return template.format(*args, ctx=context_path(profile, url))
                except (IndexError, KeyError, ValueError):
                    continue
    if any("(" in fn for fn, _ in profile.js_links):  # a site profile's call patterns
        return pattern_target(profile, code, url)
    return None


def link_target(profile: Profile, node: LexborNode, url: str | None) -> str | None:
    """The absolute address a link or button opens (href, else its JavaScript)."""
    href = (node.attributes.get("href") or "").strip()
    target: str | None = href
    if href.lower().startswith("javascript:"):
        target = js_target(profile, href[len("javascript:") :], url)
    elif href.startswith("#"):
        target = None
    if not target:
        target = js_target(profile, node.attributes.get("onclick") or "", url)
    if not target:
        return None
    return join(url, target)  # None for a malformed link: skipped, never raised


# --------------------------------------------------------------------------- attachments


def clean_file_name(name: str) -> str:
    """A file name without the size, download count or date the page prints after it."""
    return _NAME_NOISE.sub("", _SPACE.sub(" ", name.replace("\u00a0", " "))).strip()


def attachments_in(profile: Profile, nodes: list[LexborNode], url: str | None) -> list[Attachment]:
    """The attachments the links and buttons ``nodes`` offer, in order, each once."""
    out: list[Attachment] = []
    seen: set[str] = set()
    for node in nodes:
        target = link_target(profile, node, url)
        name_node = first(node, profile.file_name) if profile.file_name else None
        name = clean_file_name(text_of(name_node or node, profile.file_drop))
        if not name or not target or target in seen:
            continue
        seen.add(target)
        out.append(Attachment(name, target))
    return out


# --------------------------------------------------------------------------- patterns

#: A site profile's patterned ``js_links`` name: ``name(*, 'literal', *)``.
CALL_PATTERN = re.compile(r"^\s*([A-Za-z_$][\w$.]*)\s*\((.*)\)\s*$", re.DOTALL)
_CALL = re.compile(r"(?<![\w$.])([A-Za-z_$][\w$.]*)\s*\(")


def pattern_target(profile: Profile, code: str, url: str | None) -> str | None:
    """The address the profile's patterned ``js_links`` give a call in ``code``, or None."""
    patterns = [(n, t) for n, t in profile.js_links if "(" in n]
    if not patterns:
        return None
    code = strip_comments(code)
    for m in _CALL.finditer(code):
        args = _args(code, m.end() - 1)
        if args is None:
            continue
        for name, template in patterns:
            spec = CALL_PATTERN.match(name)
            if spec is None or not _same_name(m.group(1), spec.group(1)):
                continue
            wanted = [a.strip() for a in split_top(spec.group(2), ",")]
            if len(args) < len(wanted) or not all(
                w == "*" or _unquote(w) == a for w, a in zip(wanted, args, strict=False)
            ):
                continue
            try:
                return template.format(*args, ctx=context_path(profile, url))
            except (IndexError, KeyError, ValueError):
                continue
    return None


def _same_name(called: str, name: str) -> bool:
    return called == name or called.endswith("." + name)


def _args(code: str, start: int) -> list[str] | None:
    end = matching(code, start)
    if end >= len(code):
        return None
    return [_unquote(a.strip()) for a in split_top(code[start + 1 : end], ",") if a.strip()]


def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text
