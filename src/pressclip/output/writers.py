"""Writers: Article records as JSON, JSON lines, text, CSV or Markdown, to stdout or
atomically to a file.

:func:`record_output` streams: each record is written (and flushed) as soon as it is
ready, into stdout or a temp file beside the target that is renamed into place at the end.
An interrupted run (Ctrl-C) still renames it, so the file holds every complete record so
far; any other failure removes it, so a failed run leaves no partial file. Only regular
files (and character devices such as ``/dev/null``) are written (a symlink is followed to
its target; see :func:`output_target`).

Text from pages is untrusted: in text, Markdown and CSV output (and in every message, see
:func:`printable`) control characters and terminal escape sequences are removed, so a title
holding ``ESC ]0;…`` cannot rewrite the user's terminal; JSON escapes them (and
U+2028/U+2029, which end a line for some JSON-lines readers).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from ..model import Article, Listing
from .base import (
    RecordWriter,
    Target,
    create_beside,
    is_device,
    one_line,
    output_target,
    printable,
)
from .formats import RECORD_FORMATS, SUFFIX_FORMATS

#: What JSON leaves raw that some readers take as a line end or a control.
_JSON_RAW = re.compile(r"[\x7f-\x9f\u2028\u2029]")


def dumps(data: Any, *, indent: int | None = None) -> str:
    """JSON with non-ASCII text as is, but C1 controls and U+2028/U+2029 escaped."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


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
    head = [one_line(article.title or "(untitled)"), one_line(" | ".join(meta))]
    files = [
        one_line(f"attachment: {a.name}" + (f" <{a.url}>" if a.url else ""))
        for a in article.attachments
    ]
    return (
        "\n".join(head)
        + "\n\n"
        + printable(article.body)
        + ("\n\n" + "\n".join(files) if files else "")
        + "\n"
    )


def render_listing(listing: Listing) -> str:
    """A list page as text: a line a post (date, notice mark, title, url), then the next page."""
    lines = [
        one_line(
            f"{p.date or '':10}  {'[notice] ' if p.notice else ''}{p.title}"
            f"  <{p.url or 'no address'}>"
        )
        for p in listing.posts
    ]
    lines.append(one_line(f"next page: {listing.next_page or '-'}"))
    return "\n".join(lines) + "\n"


def render(
    records: Iterable[dict[str, Any] | Article | str], fmt: str, *, single: bool
) -> Iterator[str]:
    """Yield the output text piece by piece; ``single`` prints one JSON object, not lines.

    In text format, records are Articles or text already rendered."""
    for n, item in enumerate(records):
        if fmt == "text":
            text = printable(item) if isinstance(item, str) else render_text(item)  # type: ignore[arg-type]
            yield ("\n" if n else "") + text
            continue
        if isinstance(item, str):
            raise TypeError("JSON formats take Articles or dicts")
        data = record(item) if isinstance(item, Article) else item
        if fmt == "json" and single:
            yield dumps(data, indent=2) + "\n"
        else:
            yield dumps(data) + "\n"


@contextlib.contextmanager
def open_output(path: str | Path | None) -> Iterator[TextIO]:
    """stdout for None or ``-``; otherwise a temp file beside the target (a symlink's target),
    renamed over it only when the block finishes without an exception, so a failed run leaves
    no partial file. Only regular files are written (see :func:`output_target`)."""
    if path is None or str(path) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    target = output_target(path)
    if is_device(target):
        with open(target, "w", encoding="utf-8", newline="\n") as device:
            yield device
        return
    fd, tmp = create_beside(target)
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


# -- streaming ----------------------------------------------------------------------------------


class JsonLines(RecordWriter):
    def render(self, article: Article, data: dict[str, Any]) -> str:
        return dumps(data) + "\n"


class JsonArray(RecordWriter):
    """One JSON array, indented; closed by :meth:`finish` (also after Ctrl-C)."""

    def render(self, article: Article, data: dict[str, Any]) -> str:
        item = dumps(data, indent=2).replace("\n", "\n  ")
        return ("[\n  " if self.count == 0 else ",\n  ") + item

    def finish(self) -> None:
        if self.count:
            self.out.write("\n]\n")


class JsonAuto(RecordWriter):
    """One indented JSON object when exactly one record comes; otherwise JSON lines (or,
    with ``array``, one JSON array). The first record waits for the second (or the end)
    to tell which."""

    def __init__(self, out: Target, *, array: bool = False) -> None:
        super().__init__(out)
        self.many: RecordWriter = JsonArray(out) if array else JsonLines(out)
        self.held: tuple[Article, dict[str, Any]] | None = None
        self.several = False

    def write(self, article: Article, data: dict[str, Any]) -> None:
        if self.count == 0 and not self.several:
            self.held = (article, data)
        else:
            self.as_lines()
            self.many.write(article, data)
        self.count += 1

    def as_lines(self) -> None:
        """Write as for several records even if only one comes (a run with failures)."""
        self.several = True
        if self.held is not None:
            self.many.write(*self.held)
            self.held = None

    def finish(self) -> None:
        if self.held is not None and not self.several:
            self.out.write(dumps(self.held[1], indent=2) + "\n")
            self.held = None
        self.many.finish()


class Text(RecordWriter):
    def render(self, article: Article, data: dict[str, Any]) -> str:
        return ("\n" if self.count else "") + render_text(article)


def format_for(path: str | Path | None, choices: Iterable[str] | None = None) -> str | None:
    """The format ``path``'s suffix names (``press.csv``: ``csv``), if it is one of
    ``choices`` (any format when None); None for stdout, no suffix or another one."""
    if path is None or str(path) == "-":
        return None
    fmt = SUFFIX_FORMATS.get(Path(path).suffix.lower())
    if fmt is None or (choices is not None and fmt not in choices):
        return None
    return fmt


def writer_for(
    fmt: str,
    out: Target,
    *,
    auto: bool = False,
    array: bool = True,
    attachment_keys: tuple[str, ...] = ("url",),
) -> RecordWriter:
    """The writer of format ``fmt``. ``json`` is one array (``array``) or JSON lines; with
    ``auto``, a single record is one object instead. ``attachment_keys`` are the
    attachment fields CSV gives a column each."""
    if fmt == "json":
        if auto:
            return JsonAuto(out, array=array)
        return JsonArray(out) if array else JsonLines(out)
    if fmt == "jsonl":
        return JsonLines(out)
    if fmt == "text":
        return Text(out)
    if fmt in ("csv", "csv-raw"):
        from .csv_rows import CsvRows

        return CsvRows(out, attachment_keys, formulas=fmt == "csv-raw")
    if fmt == "markdown":
        from .markdown import Markdown

        return Markdown(out)
    raise ValueError(f"unknown format {fmt!r} (one of {', '.join(RECORD_FORMATS)})")


@contextlib.contextmanager
def record_output(
    path: str | Path | None,
    fmt: str,
    *,
    auto: bool = False,
    array: bool = True,
    attachment_keys: tuple[str, ...] = ("url",),
) -> Iterator[RecordWriter]:
    """A writer of ``fmt`` records into ``path`` (stdout for None or ``-``), streamed.

    On normal exit and on KeyboardInterrupt the output is closed and the file renamed into
    place (if any record was written); on any other exception the temp file is removed."""
    target = Target(path)
    target.check()
    writer = writer_for(fmt, target, auto=auto, array=array, attachment_keys=attachment_keys)
    try:
        yield writer
    except KeyboardInterrupt:
        writer.finish()
        target.commit()
        raise
    except BaseException:
        target.discard()
        raise
    writer.finish()
    target.commit()
