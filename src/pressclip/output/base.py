"""What every output format shares: text made safe to print (:func:`printable`), the place
records go (:class:`Target`: stdout, or a temp file beside ``-o``'s file renamed into place
at the end) and the writer every format extends (:class:`RecordWriter`)."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
from pathlib import Path
from typing import Any, TextIO

from ..errors import PressclipError
from ..model import Article


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


def printable(text: str) -> str:
    """``text`` without terminal escape sequences and control characters (tab and newline
    stay; a carriage return goes)."""
    if not text.isprintable():
        text = _CONTROLS.sub("", _ESCAPES.sub("", text))
    return text


def one_line(text: str) -> str:
    """``text`` as one printable line (for messages): newlines and tabs become spaces."""
    return printable(text).replace("\n", " ").replace("\t", " ")


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


def create_beside(target: Path) -> tuple[int, Path]:
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
                fd, self.tmp = create_beside(target)
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
