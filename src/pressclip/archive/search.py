"""`pressclip search`: the archive's posts by the words in their title, body or attachments.

The user types words; each is taken literally (no character of a query is search syntax:
``"``, ``*``, ``-``, ``AND``, ``%`` are text like any other) and a post must hold every one,
anywhere in a word (``신도시`` finds ``행정중심복합신도시``), ASCII case ignored. A phrase in
double quotes (``"국토 교통"``) is one term, spaces included. The store finds and ranks the
posts (:meth:`pressclip.archive.store.Store.search_posts`); this module makes each a
:class:`Hit` with the field that matched and a snippet in which every term is marked.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from ..errors import PressclipError

#: What marks a matched term in a snippet (text and JSON alike).
OPEN, CLOSE = "[[", "]]"
#: About how many characters a snippet shows.
WIDTH = 90
#: Fields, in the order a tie between them is decided.
FIELDS = ("body", "attachment", "title")

_QUOTED = re.compile(r'"([^"]*)"|(\S+)')
_SPACE = re.compile(r"\s+")


def parse_query(text: str) -> list[str]:
    """The terms of a query: its words, and phrases in double quotes as one term each; a
    lone quote is a character like any other. The query is made NFC (as the archived text
    is: a query typed on macOS may come decomposed, 신 as ᄉ+ᅵ+ᆫ). Duplicates go (case
    ignored); an empty query is a PressclipError."""
    terms: list[str] = []
    text = unicodedata.normalize("NFC", text).replace("\u3000", " ")
    for quoted, word in _QUOTED.findall(text):
        term = _SPACE.sub(" ", quoted).strip() if quoted else word
        if term and term.lower() not in (t.lower() for t in terms):
            terms.append(term)
    if not terms:
        raise PressclipError("empty query: give one or more words")
    return terms


@dataclass
class Hit:
    """One post found: where it is, which fields hold the terms, and a marked snippet."""

    rank: int
    board: str
    url: str | None
    title: str | None
    published: str | None
    first_seen: str
    field: str | None  # title, body or attachment: where the snippet comes from
    snippet: str
    attachment: str | None = None  # the attachment's name when field is "attachment"
    matched: list[str] = dataclasses.field(default_factory=list)  # every field holding a term

    def to_dict(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "board": self.board,
            "url": self.url,
            "title": self.title,
            "published": self.published,
            "first_seen": self.first_seen,
            "field": self.field,
            "attachment": self.attachment,
            "snippet": self.snippet,
            "matched": list(self.matched),
        }


def _pattern(terms: Sequence[str]) -> re.Pattern[str]:
    """Any of ``terms``, longest first, ASCII case ignored, white space in a phrase matching
    any white space."""
    longest = sorted(terms, key=len, reverse=True)
    parts = [r"\s+".join(map(re.escape, t.split(" "))) for t in longest]
    return re.compile("|".join(parts), re.IGNORECASE)


def found_terms(text: str, terms: Sequence[str]) -> int:
    """How many of ``terms`` occur in ``text``."""
    return sum(1 for t in terms if _pattern([t]).search(text))


def snippet(text: str, terms: Sequence[str], width: int = WIDTH) -> str:
    """About ``width`` characters of ``text`` (white space made single spaces) around the
    first place where the most terms occur close together, each occurrence marked
    ``[[…]]``; ``…`` where text is cut off."""
    flat = _SPACE.sub(" ", text).strip()
    pattern = _pattern(terms)
    matches = list(pattern.finditer(flat))
    if not matches:
        return flat[:width] + ("…" if len(flat) > width else "")
    start = _best_window(flat, matches, width)
    end = min(len(flat), start + width)
    # widen to whole matches at the edges
    for m in matches:
        if m.start() < end < m.end():
            end = m.end()
    piece = pattern.sub(lambda m: f"{OPEN}{m.group()}{CLOSE}", flat[start:end])
    return ("…" if start > 0 else "") + piece + ("…" if end < len(flat) else "")


def _best_window(flat: str, matches: list[re.Match[str]], width: int) -> int:
    """Where a window of ``width`` showing the most distinct terms starts (a little before
    the first of them, at a word start when one is near)."""
    best, best_count = matches[0].start(), 0
    inside: dict[str, int] = {}  # the terms in the window and how often each occurs
    j = 0  # the window: from m to matches[j], the first match past its width
    for m in matches:  # one pass, the window's end only moving on (was quadratic)
        while j < len(matches) and matches[j].start() < m.start() + width:
            key = matches[j].group().lower()
            inside[key] = inside.get(key, 0) + 1
            j += 1
        if len(inside) > best_count:
            best, best_count = m.start(), len(inside)
        key = m.group().lower()
        inside[key] -= 1
        if not inside[key]:
            del inside[key]
    start = max(0, best - width // 4)
    space = flat.rfind(" ", max(0, start - 10), start)
    if start > 0 and space >= 0:
        start = space + 1
    return start


def make_hit(rank: int, post: dict[str, Any], terms: Sequence[str]) -> Hit:
    """A :class:`Hit` of a post the store found (see ``Store.search_posts``): the snippet
    comes from the field holding the most terms (ties: body, then an attachment, then the
    title, which is shown anyway)."""
    fields: list[tuple[str, str | None, str]] = [("title", None, post.get("title") or "")]
    fields.append(("body", None, post.get("body") or ""))
    fields += [("attachment", f["name"], f["text"] or "") for f in post.get("attachments", [])]
    scored = [(found_terms(text, terms), name, kind, text) for kind, name, text in fields]
    matched: list[str] = []
    for found, _, where, _ in scored:
        if found and where not in matched:
            matched.append(where)
    count, name, best, text = max(scored, key=lambda s: (s[0], -FIELDS.index(s[2])))
    kind: str | None = best
    if count == 0:  # the database matched what Python does not see: show the body's start
        kind, name, text = None, None, post.get("body") or ""
    return Hit(
        rank,
        post["board"],
        post["url"],
        post.get("title"),
        post.get("published"),
        post["first_seen"],
        kind,
        snippet(text, terms),
        name,
        matched,
    )


def search_archive(
    store: Any,
    query: str,
    *,
    board: str | None = None,
    since: str | None = None,
    limit: int = 20,
    warn: Callable[[str], None] = lambda message: None,
) -> list[Hit]:
    """The posts of ``store`` matching ``query`` (every term), best first, as hits;
    ``warn`` hears when the store has no trigram index to search through."""
    terms = parse_query(query)
    problem = store.search_problem()
    if problem:
        warn(problem)
    posts = store.search_posts(terms, board=board, since=since, limit=limit)
    return [make_hit(n, post, terms) for n, post in enumerate(posts, 1)]


def write_hits(hits: list[Hit], fmt: str, out: TextIO) -> None:
    """``hits`` as ``text`` (:func:`render_text`, a blank line between), ``json`` (one
    array) or ``jsonl`` (an object a line); page text made printable or JSON-escaped."""
    from ..output.writers import dumps, printable

    if fmt == "json":
        out.write(dumps([h.to_dict() for h in hits], indent=2) + "\n")
    elif fmt == "jsonl":
        out.writelines(dumps(h.to_dict()) + "\n" for h in hits)
    else:
        out.write("\n".join(printable(render_text(h)) for h in hits))
    out.flush()


def render_text(hit: Hit) -> str:
    """A hit as three lines: rank, title, board and date; the address; where it matched and
    the snippet (terms marked ``[[…]]``)."""
    when = (hit.published or hit.first_seen or "")[:10]
    where = hit.field or "-"
    if hit.attachment:
        where = f"attachment {hit.attachment}"
    return (
        f"{hit.rank}. {hit.title or '(no title)'}  [{hit.board}, {when}]\n"
        f"   {hit.url or '-'}\n"
        f"   {where}: {hit.snippet}\n"
    )
