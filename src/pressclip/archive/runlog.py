"""Where an archive run's messages go, and how they look.

On a terminal, lines are as they are. For cron (stderr not a terminal, or ``--log-file``)
each line starts with the time (ISO 8601, UTC, to the millisecond) and names the board it
is about, so runs appended to one file can be told apart and grepped by board::

    2026-12-07T10:17:02.113+00:00 [127.0.0.1/press] pressclip: error: http://…: HTTP 404
    2026-12-07T10:17:02.120+00:00 board 127.0.0.1/press: 14 new, 0 changed, 1 failed
    2026-12-07T10:17:02.121+00:00 run: 1 boards, 14 new, 0 changed, 1 failed, …

``PRESSCLIP_LOG`` (``stamped``, ``plain`` or ``auto``, the default) overrides the choice.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import TextIO

#: PRESSCLIP_LOG's values.
LOG_MODES = ("auto", "stamped", "plain")


def stamps_lines(stream: TextIO, mode: str | None, log_file: bool) -> bool:
    """Whether lines written to ``stream`` get a time and board: always in a log file or
    with ``mode`` ``stamped``, never with ``plain``, else when ``stream`` is no terminal."""
    if log_file or mode == "stamped":
        return True
    if mode == "plain":
        return False
    try:
        return not stream.isatty()
    except (AttributeError, ValueError):
        return True


class RunLog:
    """Writes whole lines to one stream, from any thread, each stamped when ``stamped``
    (the board a thread is archiving is set with :meth:`enter`)."""

    def __init__(self, stream: TextIO, stamped: bool) -> None:
        self.stream = stream
        self.stamped = stamped
        self._lock = threading.Lock()
        self._local = threading.local()

    def enter(self, board: str | None) -> None:
        """The board this thread's next lines are about (None: the run's own lines)."""
        self._local.board = board

    def write(self, line: str) -> None:
        """One line, stamped when stamping is on."""
        if self.stamped:
            board = getattr(self._local, "board", None)
            where = "" if board is None or line.startswith(f"board {board}: ") else f" [{board}]"
            line = f"{stamp()}{where} {line}"
        with self._lock:
            self.stream.write(line + "\n")
            self.stream.flush()

    __call__ = write


def stamp() -> str:
    """The current UTC time, ISO 8601 to the millisecond."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds")
