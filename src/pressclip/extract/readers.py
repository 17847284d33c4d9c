"""The readers of a view page: each proposes values for the post's fields, with where it
found them; :mod:`.choose` picks, for every field, body and attachments included.

- the engine (or site) profile's selectors, each fallback of its chains a proposal of its own;
- the labelled 내용 / 첨부파일 cells of a detail table;
- the labelled-field reader's post header (:mod:`.fields`) and the region after it;
- the densest block of the page (:mod:`.generic`);
- a body kept for a script to render (a hidden ``<textarea>``);
- the page's metadata (JSON-LD ``articleBody`` too);
- the page's download links (:mod:`.attach`).

Pure: every reader reads the tree and never changes it (the profile's body readers work on
a copy of their element).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..dates import parse_date
from ..model import Attachment
from .blocks import block_lines
from .fields import Header, Proposal, body_start, fold, is_label_part, is_stop
from .file_links import find_attachments
from .labels import (
    AUTHOR_WORDS,
    BODY_WORDS,
    DATE_WORDS,
    FILE_WORDS,
    TITLE_WORDS,
    VIEWS_WORDS,
    parse_views,
)
from .profile import (
    Profile,
    attachments_in,
    first,
    js_target,
    labelled,
    labelled_text,
    largest_cell,
    select_all,
    text_of,
)
from .rank import Rank

#: What a reader is called in ``pressclip detect`` and in ``-v``.
REGION = "after the post header (text density)"
DENSITY = "densest block of the page"
#: ... on a page in another language than Korean: an article of any site, not a board's post
#: (its lines are deduplicated as an article's, see :func:`pressclip.pipeline.apply_dedup`).
ARTICLE_DENSITY = "densest block of the page (an article, not a Korean board's post)"
DOWNLOAD_LINKS = "download links (href/onclick, document names)"


# --------------------------------------------------------------------------- profile


def profile_proposals(profile: Profile, tree: LexborHTMLParser, url: str | None) -> list[Proposal]:
    """Every value the profile's selectors and its label fallbacks find, one proposal each."""
    meta = first(tree, profile.meta)
    name = profile.engine
    out: list[Proposal] = []
    out += _selector_text(tree, "title", profile.title, profile.title_drop, name)
    title = labelled_text(tree, TITLE_WORDS)
    if title:
        out.append(Proposal("title", title, f"{name} profile: label 제목", Rank.LABEL))
    out += _selector_text(tree, "author", profile.author, profile.author_drop, name)
    out += _selector_dates(tree, profile.date, name)
    out += _selector_views(tree, profile.views, name)
    out += _profile_labels(tree, meta, name)
    if meta is not None:
        value = parse_date(text_of(meta))
        if value is not None:
            out.append(
                Proposal("published", value, f"{name} profile: a date in the header", Rank.REGION)
            )
        views = parse_views(text_of(meta), labelled=False)
        if views is not None:
            out.append(Proposal("views", views, f"{name} profile: 조회 in the header", Rank.REGION))
    out += _profile_bodies(profile, tree, name)
    out += _profile_files(profile, tree, url, name)
    return out


def _profile_labels(
    tree: LexborHTMLParser, meta: LexborNode | None, name: str
) -> Iterator[Proposal]:
    """Author, date and views from the labels of the profile's header (or the page)."""
    scope = meta or tree
    author = labelled_text(scope, AUTHOR_WORDS)
    if author:
        yield Proposal("author", author, f"{name} profile: a label of the header", Rank.LABEL)
    date = parse_date(labelled_text(scope, DATE_WORDS))
    if date is not None:
        yield Proposal("published", date, f"{name} profile: a label of the header", Rank.LABEL)
    views = parse_views(labelled_text(scope, VIEWS_WORDS), labelled=True)
    if views is not None:
        yield Proposal("views", views, f"{name} profile: a label of the header", Rank.LABEL)


def _where(selectors: tuple[str, ...], node: LexborNode | None, scope: Any) -> str:
    for sel in selectors:
        if scope.css_first(sel) is not None:
            return sel
    return node.tag if node is not None and node.tag else "?"


def _selector_text(
    tree: LexborHTMLParser, field: str, sels: tuple[str, ...], drop: tuple[str, ...], name: str
) -> list[Proposal]:
    node = first(tree, sels)
    if node is None:
        return []
    text = text_of(node, drop + (".sound_only", ".blind"))
    if not text:
        return []
    source = f"{name} profile: selector {_where(sels, node, tree)!r}"
    return [Proposal(field, text, source, Rank.ENGINE, node)]


def _selector_dates(tree: LexborHTMLParser, sels: tuple[str, ...], name: str) -> list[Proposal]:
    node = first(tree, sels)
    if node is None:
        return []
    value = parse_date(node.attributes.get("datetime") or text_of(node))
    if value is None:
        return []
    source = f"{name} profile: selector {_where(sels, node, tree)!r}"
    return [Proposal("published", value, source, Rank.ENGINE, node)]


def _selector_views(tree: LexborHTMLParser, sels: tuple[str, ...], name: str) -> list[Proposal]:
    node = first(tree, sels)
    if node is None:
        return []
    value = parse_views(text_of(node), labelled=True)
    if value is None:
        return []
    source = f"{name} profile: selector {_where(sels, node, tree)!r}"
    return [Proposal("views", value, source, Rank.ENGINE, node)]


def _profile_bodies(profile: Profile, tree: LexborHTMLParser, name: str) -> list[Proposal]:
    """The body by the profile's selector, and by its largest-cell rule."""
    out: list[Proposal] = []
    node = first(tree, profile.body)
    if node is not None:
        lines = _lines_without(node, profile.body_drop)
        source = f"{name} profile: selector {_where(profile.body, node, tree)!r}"
        out.append(Proposal("body", lines, source, Rank.ENGINE, node))
    if profile.body_largest_cell:
        cell = largest_cell(tree)
        if cell is not None:
            lines = _lines_without(cell, profile.body_drop)
            source = f"{name} profile: the largest unlabelled table cell"
            out.append(Proposal("body", lines, source, Rank.DENSITY, cell))
    return out


def _lines_without(node: LexborNode, drop: tuple[str, ...]) -> list[str]:
    """``node``'s block lines without the ``drop`` matches (read from a copy)."""
    if not drop or not any(node.css_first(sel) is not None for sel in drop):
        return block_lines(node)
    copy = LexborHTMLParser(node.html or "")
    root = copy.body
    if root is None:
        return []
    for sel in drop:
        for junk in root.css(sel):
            junk.decompose()
    return block_lines(root)


def _profile_files(
    profile: Profile, tree: LexborHTMLParser, url: str | None, name: str
) -> list[Proposal]:
    nodes = select_all(tree, profile.files)
    if not nodes:
        return []
    files = attachments_in(profile, nodes, url)
    source = f"{name} profile: selector {_where(profile.files, nodes[0], tree)!r}"
    return [Proposal("attachments", files, source, Rank.ENGINE, nodes[0])]


# --------------------------------------------------------------------------- labelled cells


def labelled_proposals(
    tree: LexborHTMLParser, url: str | None, profile: Profile | None
) -> list[Proposal]:
    """The body in the cell labelled 내용/본문 and the files in the cell labelled 첨부파일."""
    out: list[Proposal] = []
    cell = labelled(tree, BODY_WORDS)
    if cell is not None:
        out.append(Proposal("body", block_lines(cell), "the cell labelled 내용", Rank.LABEL, cell))
    files = labelled(tree, FILE_WORDS)
    if files is not None:
        nodes = list(files.css("a, button"))
        if nodes and profile is not None:
            found = attachments_in(profile, nodes, url)
            if found:
                out.append(
                    Proposal("attachments", found, "the cell labelled 첨부파일", Rank.LABEL, files)
                )
    return out


# --------------------------------------------------------------------------- regions


def header_body(header: Header) -> Proposal | None:
    """The body in the region after the post header, or None when no region holds any
    (``[]`` is an image-only post: a picture follows the header and nothing else)."""
    start = body_start(header)
    if start is None:
        return None
    from .generic import region_lines

    lines = region_lines(start, is_stop, is_label_part)
    if lines is None:
        return None
    return Proposal("body", lines, REGION, Rank.REGION, start)


def density_body(tree: LexborHTMLParser, wide: bool, unhide: bool = True) -> Proposal:
    """The body as the densest block of text on the page; ``unhide=False`` when another
    reader already sees a body, so that hidden layers (terms, dialogs) never outweigh it."""
    from .generic import generic_lines

    source = DENSITY if wide else ARTICLE_DENSITY
    return Proposal("body", generic_lines(tree, wide, unhide), source, Rank.DENSITY)


#: A ``<textarea>`` holding the post for a script to render: read-only or never shown, and
#: with a body's worth of markup (an editor's saved HTML) rather than a form's empty field.
_RENDER_TEXTAREA = "textarea[readonly], textarea[style*='none' i], textarea[hidden]"


def script_body(tree: LexborHTMLParser) -> Iterator[Proposal]:
    """The body a page keeps escaped inside a hidden or read-only ``<textarea>`` for its
    script to render (the visible box stays empty until it runs)."""
    for node in tree.css(_RENDER_TEXTAREA + ", textarea[id*='cn' i], textarea[id*='cont' i]"):
        raw = node.text(deep=True) or ""
        if "<" not in raw or not fold(raw):
            continue
        inner = LexborHTMLParser(raw)
        lines = block_lines(inner.body)
        if lines:
            where = node.attributes.get("id") or node.attributes.get("name") or "textarea"
            source = f"a hidden <textarea> rendered by the page's script ({where})"
            yield Proposal("body", lines, source, Rank.LABEL, node)


def metadata_body(found: list[tuple[str, Any, str]]) -> Proposal | None:
    """JSON-LD ``articleBody`` (:func:`.meta.metadata_candidates`), split into its lines."""
    text = next((value for name, value, _ in found if name == "body"), None)
    if not text:
        return None
    lines = [fold(line) for line in str(text).splitlines() if fold(line)]
    return Proposal("body", lines, "metadata: JSON-LD articleBody", Rank.METADATA)


def repeated_header_rows(tree: LexborHTMLParser) -> set[str]:
    """The texts of table header rows (every cell a ``th``) that a table shows more than
    once, as the body's lines read them (cells joined by a space)."""
    again: set[str] = set()
    for table in tree.css("table"):
        rows: set[str] = set()
        for tr in table.css("tr"):
            cells = [c for c in tr.iter() if c.tag in ("th", "td")]
            if len(cells) < 2 or any(c.tag != "th" for c in cells):
                continue
            text = " ".join(fold(c.text(deep=True)) for c in cells)
            if text in rows:
                again.add(text)
            rows.add(text)
    return again


def once(lines: list[str], rows: set[str]) -> list[str]:
    """``lines`` with a repeated table header row kept only where it first appears."""
    if not rows:
        return lines
    shown: set[str] = set()
    out = []
    for line in lines:
        if line in rows:
            if line in shown:
                continue
            shown.add(line)
        out.append(line)
    return out


# --------------------------------------------------------------------------- files


def link_files(
    tree: LexborHTMLParser,
    url: str | None,
    every_link: bool,
    profiles: tuple[Profile, ...],
) -> Proposal:
    """The attachments the page's download links offer."""

    def resolve(code: str) -> str | None:
        for known in profiles:
            if known.js_links:
                target = js_target(known, code, url)
                if target:
                    return target
        return None

    files: list[Attachment] = find_attachments(tree, url, every_link=every_link, resolve=resolve)
    return Proposal("attachments", files, DOWNLOAD_LINKS, Rank.DENSITY)
