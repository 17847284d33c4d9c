"""The one place that chooses a post's fields among what the readers propose.

Readers (:mod:`.readers`, :mod:`.fields`) each propose values with where they found them
(:class:`.fields.Proposal`). :func:`choose` keeps, per field, the surest proposal that passes
the cross-checks — lowest rank first, then page order — and says why it won:

- title: a title that is the site's name, the CMS's or (for the page's own headings) a
  menu's is none, nor is one that stands below the chosen body; among equally sure
  headings, the one the page's ``<title>``/``og:title`` repeats wins;
- body: an empty or tiny body never wins while another reader sees the page's main text,
  unless another reader agrees with it (:func:`enough_text`, :func:`agreed`); a body made
  mostly of the header's labels, file names, menus or a footer loses (:func:`mostly_chrome`);
  a body that is a section of another reader's loses to the whole (:func:`part_of`);
- attachments: the surest non-empty list, or a less sure one that lists all of its files
  and more; viewer links are never files; an empty list stands only when no reader finds
  any.

The body's cross-checks are named entries of :data:`BODY_CHECKS`, so each can be tested
alone; the title's are :func:`_is_name` and :func:`below_body`. Constants are in weighted
characters (:func:`weight`), set with the real board pages of ``../shared`` in view (half A).
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from .fields import Proposal, fold, is_after, is_label
from .file_links import is_viewer
from .labels import SITE_FOOTER
from .rank import Rank

FIELDS = ("title", "author", "published", "views")
#: Every field a resolver chooses, in the order ``detect`` prints them.
ALL_FIELDS = FIELDS + ("body", "attachments")

#: A body with fewer characters than this (weighted, see :func:`weight`; outside chrome
#: lines) is tiny: it stands only when no other reader sees more, or another reader agrees
#: with it. Board posts of one sentence exist ("붙임 참고", 40 characters); a menu or a
#: file box has hundreds.
TINY_BODY = 200
#: An empty body loses to another reader's text of this many characters (weighted): a
#: sentence of about 20 Hangul syllables.
SENTENCE = 40
#: ... and the other reader's text must be this many times larger to outweigh it.
OUTWEIGH = 4
#: A body whose characters are more than this share chrome (labels, file names, menu
#: texts, copyright lines) is the page's furniture, not the post.
CHROME_SHARE = 0.5
#: A body that another reader holds whole with this many times its text is a part of it.
WHOLE = 2
#: Two readers agree on a body when this share of the smaller one's text is in the other
#: and the other is no more than :data:`OUTWEIGH` times larger.
AGREE_SHARE = 0.8

_FILE_LINE = re.compile(
    r"\.(?:hwpx?|pdf|docx?|xlsx?|pptx?|zip|jpe?g|png|gif|txt|csv)\b|다운로드|미리\s*보기|바로\s*보기",
    re.I,
)
_COPYRIGHT = re.compile(r"copyright|all rights reserved|ⓒ|©\s*\d{4}|저작권법", re.I)
#: The lines a Korean public site prints under every page: the 공공누리 licence, the page's
#: managing department, the satisfaction survey and its answers.
_SITE_LINE = re.compile(
    r"공공누리|저작물은.*이용\s*할\s*수\s*있습니다|^(?:콘텐츠|자료|페이지)\s*(?:관리|담당)\s*(?:부서|자)"
    r"|만족(?:도|하십니까)|^(?:매우\s*)?(?:불)?만족$|^보통$"
)


@dataclass
class Hints:
    """What the page says about itself, for the cross-checks: its title text, the names
    of the site, the CMS and the menus, and the header's label lines. The menus are read
    only when a check asks for them (``menus``: a function that reads them)."""

    title_text: str = ""
    site_names: set[str] = field(default_factory=set)
    menus: Callable[[], set[str]] | set[str] = field(default_factory=set)
    header_lines: set[str] = field(default_factory=set)
    #: The header's label words and values, longest first: a line made of them alone (a
    #: row of label and value cells read as one line) is the header's.
    header_parts: tuple[str, ...] = ()

    @property
    def menu_names(self) -> set[str]:
        if callable(self.menus):
            self.menus = self.menus()
        return self.menus


@dataclass
class Choice:
    """The proposal a field took, and why; ``others`` are the proposals it beat."""

    proposal: Proposal
    why: str
    others: list[Proposal] = field(default_factory=list)


# --------------------------------------------------------------------------- metadata


#: The metadata reader's titles that are the page's own text, which may hold a menu's name
#: (the board's): ``보도자료 | 한솔시``.
PAGE_TITLES = ("<h1>", "<title>")


def metadata_proposals(
    tree: LexborHTMLParser,
    found: list[tuple[str, Any, str]],
    has_header: bool = False,
    names: set[str] | None = None,
) -> list[Proposal]:
    """Title, author and date from the page's metadata (:func:`.meta.metadata_candidates`),
    one proposal each, without site and CMS names (``names`` when already read). On a page
    with a post header, a ``<time datetime>`` elsewhere on the page is not the date."""
    names = site_names(tree) if names is None else names
    out: list[Proposal] = []
    seen: dict[str, int] = {}
    for name, value, where in found:
        if name not in ("title", "author", "published"):
            continue
        if name == "title":
            value = _unescaped(value)
        if name != "published":
            value = fold(value)
            if not value or value.lower() in names:
                continue
        elif has_header and where == "<time datetime>":
            continue  # a <time> outside the post header: a comment's, a widget's
        order = seen[name] = seen.get(name, -1) + 1
        out.append(Proposal(name, value, f"metadata: {where}", Rank.METADATA, None, order))
    return out


def _unescaped(title: str) -> str:
    for _ in range(2):  # escaped once or twice too often by the page (&amp;quot;)
        if "&" in title:
            title = html.unescape(title)
    return title


#: The meta tags naming the site or its software, and those naming the page, whose one-word
#: value ("K2WebWizard") names the CMS. Both are read in one pass over the page.
_SITE_METAS = "meta[property='og:site_name'], meta[name='generator'], meta[name='application-name']"
_TITLE_METAS = "meta[property='og:title'], meta[name='title']"
_SITE_META_NAMES = frozenset({"generator", "application-name"})


def _names_site(attrs: dict[str, str | None]) -> bool:
    """Whether a meta tag's attributes match :data:`_SITE_METAS` (exact values, as the
    selectors match them)."""
    return attrs.get("property") == "og:site_name" or attrs.get("name") in _SITE_META_NAMES


def site_names(tree: LexborHTMLParser) -> set[str]:
    """Names of the site and its software: og:site_name, generator, application-name."""
    names: set[str] = set()
    for node in tree.css(f"{_SITE_METAS}, {_TITLE_METAS}"):
        attrs = node.attributes
        value = fold(attrs.get("content")).lower()
        if value and (_names_site(attrs) or " " not in value):
            names.add(value)  # a one-word og:title ("K2WebWizard") names the CMS
    title = tree.css_first("title")
    page_title = fold(title.text()) if title is not None else ""
    if page_title and " " not in page_title.strip(" -|"):
        names.add(page_title.strip(" -|").lower())  # "부산대학교": the site, not a post
    return names


def title_hints(tree: LexborHTMLParser) -> str:
    """The page's ``<title>`` and ``og:title`` texts, folded."""
    title: list[str] = []
    metas: list[str] = []
    for node in tree.css("title, meta[property='og:title']"):  # one pass over the page
        if node.tag != "title":
            metas.append(node.attributes.get("content") or "")
        elif not title:
            title.append(node.text())  # the first <title> only
    return fold(" ".join(title + metas))


# --------------------------------------------------------------------------- scalar fields


def _surest(cands: list[Proposal]) -> list[Proposal]:
    best = min((p.rank, p.order) for p in cands)
    return [p for p in cands if (p.rank, p.order) == best]


def _is_name(prop: Proposal, hints: Hints) -> bool:
    """Whether a proposed title is the site's or the CMS's name, or (for a heading, a label,
    the page's ``<h1>`` or ``<title>``) a menu's: the metadata's own titles are
    cross-checked with the site's names only."""
    value = fold(str(prop.value)).lower()
    if value in hints.site_names:
        return True
    if prop.rank >= Rank.METADATA and not prop.source.endswith(PAGE_TITLES):
        return False
    return value in {n.lower() for n in hints.menu_names}


def below_body(prop: Proposal, body: Proposal | None) -> bool:
    """Cross-check: whether a proposed title stands after the start of the chosen body (a
    heading in the text or under it: a section's, a related list's), not above it."""
    if body is None or body.node is None or prop.node is None or body.rank > Rank.REGION:
        return False
    return is_after(prop.node, body.node)


def _choose_title(cands: list[Proposal], hints: Hints, body: Proposal | None) -> Choice | None:
    """The surest title that is no name and not below the body; among equally sure ones,
    the one the page's ``<title>`` repeats. Names are checked only as far as needed (the
    menus are read only when a heading or the page's own title is reached)."""
    dropped = False
    for rank_order in sorted({(p.rank, p.order) for p in cands}):
        group = [p for p in cands if (p.rank, p.order) == rank_order]
        kept = [p for p in group if not _is_name(p, hints) and not below_body(p, body)]
        dropped = dropped or len(kept) < len(group)
        if not kept:
            continue
        pick, why = kept[0], "the surest reader"
        if len(kept) > 1 and hints.title_text:
            echoed = next((p for p in kept if str(p.value) in hints.title_text), None)
            if echoed is not None:
                pick, why = echoed, "the surest reader, repeated in the page's <title>"
        if dropped:
            why += "; a site's or menu's name, or a heading below the body, is no title"
        return Choice(pick, why, [p for p in cands if p is not pick])
    return None


def _choose_scalar(
    name: str, cands: list[Proposal], hints: Hints, body: Proposal | None = None
) -> Choice | None:
    if name == "title":
        return _choose_title(cands, hints, body)
    pick = _surest(cands)[0]
    return Choice(pick, "the surest reader", [p for p in cands if p is not pick])


# --------------------------------------------------------------------------- the body


@dataclass(frozen=True)
class BodyEvidence:
    """A body candidate measured: its characters, those on chrome lines, and its lines."""

    chars: int
    chrome: int
    lines: frozenset[str]

    @property
    def text(self) -> int:
        """Characters outside chrome lines."""
        return self.chars - self.chrome


def is_chrome_line(line: str, hints: Hints) -> bool:
    """A line of the page's furniture: a header label or its line, a file's name or a
    download button, a menu's text, a copyright line."""
    if is_label(line) or line in hints.header_lines or line in hints.menu_names:
        return True
    if len(line) < 200 and (_FILE_LINE.search(line) or _of_header_parts(line, hints)):
        return True
    return bool(
        _COPYRIGHT.search(line)
        or len(line) < 200
        and (_SITE_LINE.search(line) or SITE_FOOTER.search(line))
    )


#: Separators left between a header row's labels and values.
_SEPARATORS = re.compile(r"[\s|:：·/,()\[\]-]+")


def _of_header_parts(line: str, hints: Hints) -> bool:
    """Whether ``line`` is made of the header's labels and values and nothing else."""
    if not hints.header_parts:
        return False
    rest = line
    for part in hints.header_parts:
        if part in rest:
            rest = rest.replace(part, " ")
    return not _SEPARATORS.sub("", rest)


def weight(line: str) -> int:
    """A line's characters, those outside Latin-1 counting double (a Hangul syllable says
    as much as a Latin word's two or three letters), as the region reader values lines."""
    n = len(line)
    return n if line.isascii() else n + (len(line.encode("utf-8", "surrogatepass")) - n) // 2


def body_evidence(lines: list[str], hints: Hints) -> BodyEvidence:
    """A body candidate's weighted characters, and those on chrome lines."""
    chars = chrome = 0
    for line in lines:
        w = weight(line)
        chars += w
        if is_chrome_line(line, hints):
            chrome += w
    return BodyEvidence(chars, chrome, frozenset(lines))


def mostly_chrome(ev: BodyEvidence, _all: list[BodyEvidence]) -> bool:
    """Cross-check: a body that is mostly labels, file names, menus or a footer."""
    return ev.chars > 0 and ev.chrome > CHROME_SHARE * ev.chars


def enough_text(ev: BodyEvidence, others: list[BodyEvidence]) -> bool:
    """Cross-check: whether no other reader sees the page's main text where this one sees
    nothing or little. Where it sees nothing, a sentence elsewhere is enough to outweigh it
    (an image-only post's other readers see only its header's labels, which are chrome)."""
    if ev.text >= TINY_BODY:
        return True
    most = max((o.text for o in others), default=0)
    if not ev.text:
        return most < SENTENCE
    return most < TINY_BODY or most < OUTWEIGH * ev.text


def agreed(a: BodyEvidence, b: BodyEvidence) -> bool:
    """Whether two readers found the same body (most of the smaller one's lines, in a text
    not much larger)."""
    if not a.text or not b.text:
        return False
    small, large = (a, b) if a.text <= b.text else (b, a)
    if large.text > OUTWEIGH * small.text:
        return False
    shared = sum(weight(line) for line in small.lines & large.lines)
    return shared >= AGREE_SHARE * small.text


def part_of(a: BodyEvidence, b: BodyEvidence) -> bool:
    """Whether body ``a`` is a part of body ``b``: nearly all of its lines are in ``b``,
    which holds at least :data:`WHOLE` times its text, little of it chrome (one reader took
    a section of the post where another took all of it)."""
    if not a.text or b.text < WHOLE * a.text or mostly_chrome(b, []):
        return False
    shared = sum(weight(line) for line in a.lines & b.lines)
    return shared >= AGREE_SHARE * a.text


#: The checks a body must pass to win over a less sure reader's; see the module's text.
BODY_CHECKS: dict[str, Callable[[BodyEvidence, list[BodyEvidence]], bool]] = {
    "mostly chrome": lambda ev, others: not mostly_chrome(ev, others),
    "tiny while another reader sees the main text": lambda ev, others: (
        enough_text(ev, others) or any(agreed(ev, o) for o in others)
    ),
    "a part of another reader's body": lambda ev, others: not any(part_of(ev, o) for o in others),
}


def choose_body(cands: list[Proposal], hints: Hints) -> Choice | None:
    """The surest body that passes every check; when none passes, the one with most text."""
    if not cands:
        return None
    ordered = sorted(cands, key=lambda p: (p.rank, p.order))
    if len(ordered) == 1:
        return Choice(ordered[0], "the only reader")
    evidence = [body_evidence(list(p.value), hints) for p in ordered]
    skipped: list[str] = []
    for i, (prop, ev) in enumerate(zip(ordered, evidence, strict=True)):
        others = evidence[:i] + evidence[i + 1 :]
        failed = [name for name, check in BODY_CHECKS.items() if not check(ev, others)]
        if not failed:
            why = "the surest reader" + (f" ({'; '.join(skipped)})" if skipped else "")
            return Choice(prop, why, [p for p in ordered if p is not prop])
        skipped.append(f"{prop.source}: {failed[0]}")
    best = max(range(len(ordered)), key=lambda i: evidence[i].text)
    why = "the most text, as no reader passed every check"
    return Choice(ordered[best], why, [p for j, p in enumerate(ordered) if j != best])


def trim_chrome(lines: list[str], hints: Hints, title: str | None = None) -> list[str]:
    """A body without the chrome lines before and after its text (the post's title, the
    header's labels, a file box): a reader of the whole page takes in what a post's own
    readers leave out."""

    def chrome(line: str) -> bool:
        return line == title or is_chrome_line(line, hints)

    start, end = 0, len(lines)
    while start < end and chrome(lines[start]):
        start += 1
    while end > start and chrome(lines[end - 1]):
        end -= 1
    return lines[start:end]


# --------------------------------------------------------------------------- attachments


def _without_viewers(prop: Proposal) -> Proposal:
    """A list of files without the viewer and preview links a reader took for files."""
    kept = [a for a in prop.value if not is_viewer(a.name, a.url)]
    return prop if len(kept) == len(prop.value) else dataclasses.replace(prop, value=kept)


def choose_files(cands: list[Proposal]) -> Choice | None:
    """The surest reader's non-empty list of files, or a less sure reader's that lists all
    of those and more (a file whose link no profile reads, listed with ``url: null``); an
    empty list when no reader finds any."""
    if not cands:
        return None
    ordered = [_without_viewers(p) for p in sorted(cands, key=lambda p: (p.rank, p.order))]
    found = [p for p in ordered if p.value]
    if not found:
        return Choice(ordered[0], "no reader finds files", ordered[1:])
    pick, why = found[0], "the surest reader that finds files"
    names = {a.name for a in pick.value}
    for other in found[1:]:
        if len(other.value) > len(pick.value) and names <= {a.name for a in other.value}:
            pick, why = other, "lists every file the surer reader found, and more"
            break
    return Choice(pick, why, [p for p in ordered if p is not pick])


# --------------------------------------------------------------------------- all fields


def choose(proposals: Iterable[Proposal], hints: Hints | None = None) -> dict[str, Choice]:
    """Per field, the chosen proposal and why (fields nobody proposed are absent)."""
    hints = hints or Hints()
    by_field: dict[str, list[Proposal]] = {}
    for prop in proposals:
        by_field.setdefault(prop.field, []).append(prop)
    chosen: dict[str, Choice] = {}
    body = choose_body(by_field.get("body", []), hints)
    for name in ALL_FIELDS:
        cands = by_field.get(name)
        if not cands:
            continue
        if name == "body":
            choice = body
        elif name == "attachments":
            choice = choose_files(cands)
        else:
            choice = _choose_scalar(name, cands, hints, body.proposal if body else None)
        if choice is not None:
            chosen[name] = choice
    return chosen
