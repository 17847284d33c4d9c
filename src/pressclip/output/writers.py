"""Writers: Article records as JSON, JSON lines, text, CSV or Markdown, to stdout or
atomically to a file.

:func:`record_output` streams: each record is written (and flushed) as soon as it is
ready, into stdout or a temp file beside the target that is renamed into place at the end.
An interrupted run (Ctrl-C) still renames it, so the file holds every complete record so
far; any other failure removes it, so a failed run leaves no partial file."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from ..model import Article, Listing

FORMATS = ("json", "jsonl", "text", "csv", "markdown")


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


# -- streaming ----------------------------------------------------------------------------------


class Target:
    """stdout, or a temp file beside ``path`` opened at the first write (so a run that
    writes nothing leaves no file) and renamed over ``path`` by :meth:`commit`."""

    def __init__(self, path: str | Path | None) -> None:
        self.path = None if path is None or str(path) == "-" else Path(path)
        self.file: TextIO | None = None
        self.tmp: str | None = None

    def check(self) -> None:
        """Raise OSError now if the file could never be written (no such folder)."""
        if self.path is not None and not (self.path.parent or Path(".")).is_dir():
            raise FileNotFoundError(2, "no such folder", str(self.path.parent))

    def write(self, text: str) -> None:
        if self.path is None:
            sys.stdout.write(text)
            return
        if self.file is None:
            import tempfile

            fd, self.tmp = tempfile.mkstemp(
                prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent or "."
            )
            self.file = os.fdopen(fd, "w", encoding="utf-8", newline="")
        self.file.write(text)

    def flush(self) -> None:
        (sys.stdout if self.path is None else self.file or sys.stdout).flush()

    def commit(self) -> None:
        """Make what was written the file at ``path`` (stdout: just flush)."""
        if self.path is None:
            sys.stdout.flush()
        elif self.file is not None and self.tmp is not None:
            self.file.flush()
            os.fsync(self.file.fileno())
            self.file.close()
            os.replace(self.tmp, self.path)

    def discard(self) -> None:
        """Remove the temp file, if any."""
        if self.file is not None and self.tmp is not None:
            self.file.close()
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.tmp)


class RecordWriter:
    """Writes records one at a time; ``data`` is the JSON record of ``article`` (with any
    extra keys, such as ``source`` or an archive's ``board``)."""

    def __init__(self, out: Target) -> None:
        self.out = out
        self.count = 0

    def write(self, article: Article, data: dict[str, Any]) -> None:
        self.out.write(self.render(article, data))
        self.out.flush()
        self.count += 1

    def render(self, article: Article, data: dict[str, Any]) -> str:
        raise NotImplementedError

    def finish(self) -> None:
        """Write what closes the output (if anything was written)."""

    def as_lines(self) -> None:
        """Ask for one record a line even if only one comes (only :class:`JsonAuto` asks)."""


class JsonLines(RecordWriter):
    def render(self, article: Article, data: dict[str, Any]) -> str:
        return json.dumps(data, ensure_ascii=False) + "\n"


class JsonArray(RecordWriter):
    """One JSON array, indented; closed by :meth:`finish` (also after Ctrl-C)."""

    def render(self, article: Article, data: dict[str, Any]) -> str:
        item = json.dumps(data, ensure_ascii=False, indent=2).replace("\n", "\n  ")
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
            self.out.write(json.dumps(self.held[1], ensure_ascii=False, indent=2) + "\n")
            self.held = None
        self.many.finish()


class Text(RecordWriter):
    def render(self, article: Article, data: dict[str, Any]) -> str:
        return ("\n" if self.count else "") + render_text(article)


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
    if fmt == "csv":
        from .csv_rows import CsvRows

        return CsvRows(out, attachment_keys)
    if fmt == "markdown":
        from .markdown import Markdown

        return Markdown(out)
    raise ValueError(f"unknown format {fmt!r}")


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
