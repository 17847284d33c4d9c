"""Writers: Article records as JSON, JSON lines or text, to stdout or atomically to a file."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from .model import Article

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


def render(records: Iterable[dict[str, Any] | Article], fmt: str, *, single: bool) -> Iterator[str]:
    """Yield the output text piece by piece; ``single`` prints one JSON object, not lines."""
    for n, item in enumerate(records):
        if fmt == "text":
            if not isinstance(item, Article):
                raise TypeError("text format takes Articles")
            yield ("\n" if n else "") + render_text(item)
            continue
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
