"""Writers: Article records as JSON, JSON lines or text, to stdout or atomically to a file."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from ..model import Article, Listing

FORMATS = ("json", "jsonl", "text")


def record(article: Article, source: str | None = None) -> dict[str, Any]:
    """The JSON record of ``article``, with ``source`` first when given."""
    data = article.to_dict()
    return {"source": source, **data} if source is not None else data


def render_text(article: Article) -> str:
    """Title, one metadata line, a blank line, the body."""
    meta = [
        f"{label}: {value}"
        for label, value in (
            ("author", article.author),
            ("published", article.published_iso),
            ("views", article.views),
            ("url", article.url),
        )
        if value is not None
    ]
    head = [article.title or "(untitled)", " | ".join(meta)]
    files = [
        f"attachment: {a.name}" + (f" <{a.url}>" if a.url else "") for a in article.attachments
    ]
    return (
        "\n".join(head)
        + "\n\n"
        + article.body
        + ("\n\n" + "\n".join(files) if files else "")
        + "\n"
    )


def render_listing(listing: Listing) -> str:
    """A list page as text: a line a post (date, notice mark, title, url), then the next page."""
    lines = [
        f"{p.date or '':10}  {'[notice] ' if p.notice else ''}{p.title}  <{p.url}>"
        for p in listing.posts
    ]
    lines.append(f"next page: {listing.next_page or '-'}")
    return "\n".join(lines) + "\n"


def render(
    records: Iterable[dict[str, Any] | Article | str], fmt: str, *, single: bool
) -> Iterator[str]:
    """Yield the output text piece by piece; ``single`` prints one JSON object, not lines.

    In text format, records are Articles or text already rendered."""
    for n, item in enumerate(records):
        if fmt == "text":
            text = item if isinstance(item, str) else render_text(item)  # type: ignore[arg-type]
            yield ("\n" if n else "") + text
            continue
        if isinstance(item, str):
            raise TypeError("JSON formats take Articles or dicts")
        data = record(item) if isinstance(item, Article) else item
        if fmt == "json" and single:
            yield json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        else:
            yield json.dumps(data, ensure_ascii=False) + "\n"


@contextlib.contextmanager
def open_output(path: str | Path | None) -> Iterator[TextIO]:
    """stdout for None or ``-``; otherwise a temp file beside ``path``, renamed over it only
    when the block finishes without an exception, so a failed run leaves no partial file."""
    if path is None or str(path) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    import tempfile

    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
