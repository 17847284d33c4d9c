"""A CPU-time limit around one piece of work (reading one page), so a page that some reader
handles badly costs that page, not the run.

The limit is a profiling timer (``ITIMER_PROF``: CPU time, not wall time, so a busy machine
does not fail a page) whose signal raises :class:`TooSlow` in the work. Python runs signal
handlers in the main thread only, so elsewhere, or where a profiling timer is already set
(a profiler), the work runs without a limit.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .errors import PressclipError


class TooSlow(PressclipError):
    """The work used up its CPU time."""


def _can_limit() -> bool:
    if threading.current_thread() is not threading.main_thread():
        return False
    if not hasattr(signal, "setitimer"):  # pragma: no cover - Windows
        return False
    return signal.getitimer(signal.ITIMER_PROF)[0] == 0


@contextmanager
def cpu_limit(seconds: float, what: str) -> Iterator[None]:
    """Run the block with at most ``seconds`` of CPU time, else raise :class:`TooSlow`
    (``what took more than N s of CPU time``)."""
    if seconds <= 0 or not _can_limit():
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise TooSlow(f"{what} took more than {seconds:g} s of CPU time")

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
