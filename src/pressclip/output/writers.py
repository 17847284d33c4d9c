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
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from ..errors import PressclipError
from ..model import Article, Listing
from .formats import RECORD_FORMATS, SUFFIX_FORMATS


class OutputError(PressclipError):
    """``-o`` names a place no output can go (a FIFO, a device, a missing folder …)."""


#: Terminal escape sequences: CSI (``ESC [ … final``), OSC/DCS/APC/PM/SOS strings up to their
#: terminator (BEL or ``ESC \``), and two-character escapes; C1 forms (0x9B, 0x9D …) too.
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]P^_X]|[\x9d\x90\x9e\x9f\x98])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -~]?"
)
#: C0 and C1 control characters but tab and newline (and DEL); the bidirectional
#: embeddings, overrides and isolates (U+202E turns ``exe.pdf`` round); what XML forbids
#: (U+FFFE, U+FFFF, lone surrogates), so no reader of any format refuses the text.
_CONTROLS = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]"
)
#: What JSON leaves raw that some readers take as a line end or a control.
_JSON_RAW = re.compile(r"[\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """``text`` without terminal escape sequences and control characters (tab and newline
    stay; a carriage return goes)."""
    if not text.isprintable():
        text = _CONTROLS.sub("", _ESCAPES.sub("", text))
    return text


def one_line(text: str) -> str:
    """``text`` as one printable line (for messages): newlines and tabs become spaces."""
    return printable(text).replace("\n", " ").replace("\t", " ")


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


def output_target(path: str | Path) -> Path:
    """Where ``-o path`` writes: the path, or the file a symlink points to; a PressclipError
    for anything but a regular file or a character device such as ``/dev/null`` (a FIFO, a
    block device, a directory …) or a missing folder."""
    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        if not target.parent.is_dir():
            raise OutputError(f"{path}: no such folder: {target.parent}") from None
        return target
    except OSError as exc:
        raise OutputError(f"{path}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise OutputError(f"{path}: is a directory")
    if not stat.S_ISREG(mode) and not stat.S_ISCHR(mode):
        kind = "a FIFO" if stat.S_ISFIFO(mode) else "a block device or socket"
        raise OutputError(f"{path}: is {kind}, not a regular file (write to stdout instead)")
    return target


def is_device(target: Path) -> bool:
    """Whether ``target`` is a character device (``/dev/null``, a terminal): written in
    place, since no temp file can be renamed over it."""
    try:
        return stat.S_ISCHR(target.stat().st_mode)
    except OSError:
        return False


def _create_beside(target: Path) -> tuple[int, Path]:
    """A new temp file beside ``target``, with the mode the umask gives (or the mode of the
    file it will replace)."""
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mode = 0o666  # os.open applies the umask
    for _ in range(100):
        tmp = target.parent / f".{target.name}.{os.urandom(6).hex()}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        except FileExistsError:
            continue
        if mode != 0o666:
            os.fchmod(fd, mode)  # keep a replaced file's own mode exactly
        return fd, tmp
    raise OutputError(f"{target}: cannot create a temporary file beside it")


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
    fd, tmp = _create_beside(target)
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
        self.tmp: Path | None = None

    def check(self) -> None:
        """Raise an OutputError now if the file could never be written (no such folder, a
        FIFO, a device, a directory)."""
        if self.path is not None:
            self.path = output_target(self.path)

    def write(self, text: str) -> None:
        if self.path is None:
            sys.stdout.write(text)
            return
        if self.file is None:
            target = output_target(self.path)
            if is_device(target):
                self.file = open(target, "w", encoding="utf-8", newline="")  # noqa: SIM115
            else:
                fd, self.tmp = _create_beside(target)
                self.file = os.fdopen(fd, "w", encoding="utf-8", newline="")
        self.file.write(text)

    def flush(self) -> None:
        (sys.stdout if self.path is None else self.file or sys.stdout).flush()

    def commit(self) -> None:
        """Make what was written the file at ``path`` (stdout: just flush)."""
        if self.path is None:
            sys.stdout.flush()
        elif self.file is not None and self.tmp is None:  # a device: written in place
            self.file.close()
        elif self.file is not None and self.tmp is not None:
            self.file.flush()
            os.fsync(self.file.fileno())
            self.file.close()
            os.replace(self.tmp, self.path)

    def discard(self) -> None:
        """Remove the temp file, if any."""
        if self.file is not None and self.tmp is None:
            self.file.close()
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
