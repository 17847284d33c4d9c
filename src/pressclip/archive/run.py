"""One archive run over its boards, guarded against other runs as its store needs:

- SQLite: a file lock beside the database (a second run exits, or waits), one gate per
  process that keeps each host's delay;
- PostgreSQL: the run's boards held against other runs and workers, and requests sent
  through host leases that every process shares.

The store decides by its target (a ``postgresql://`` URL or a file); callers do not.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .store import is_postgres, open_store


def gates(target: str, settings: Any) -> Callable[[], Any]:
    """What gives each thread of a parallel run its gate: PostgreSQL, a host lease of its
    own (shared with every process); SQLite, the one gate of this process."""
    if is_postgres(target):
        from .lease import HostLease

        return lambda: HostLease(target, lease_hold(settings))
    from .parallel import LocalGate

    shared = LocalGate()
    return lambda: shared


def lease_hold(settings: Any) -> float:
    """Seconds a host lease is held: longer than any request (a lease outlives none)."""
    from .lease import HOLD_MARGIN

    return float(settings.options.deadline + settings.options.delay + HOLD_MARGIN)


def exclusive(target: str, wait: bool) -> contextlib.AbstractContextManager[None]:
    """SQLite: the file lock beside the database (PostgreSQL holds boards instead)."""
    if is_postgres(target):
        return contextlib.nullcontext()
    from .walk import locked

    return locked(Path(target), wait=wait)


@contextlib.contextmanager
def holding(
    store: Any, target: str, boards: list[Any], wait: bool, settings: Any
) -> Iterator[None]:
    """PostgreSQL: hold the run's boards against other runs and workers, and send requests
    through the host leases every worker shares (``settings.gate``)."""
    if not is_postgres(target):
        yield
        return
    from .lease import HostLease

    with (
        store.hold_boards([b.name for b in boards], wait=wait),
        HostLease(target, lease_hold(settings)) as lease,
    ):
        settings.gate = lease
        yield


def run_boards(
    target: str,
    boards: list[Any],
    settings: Any,
    summary: Callable[[Any], None],
    *,
    wait: bool = False,
    parallel: int = 1,
) -> list[Any]:
    """Archive ``boards`` into ``target`` (boards on different hosts ``parallel`` at once),
    guarded as the module docstring says; each board's result, also given to ``summary``
    as it ends. :class:`pressclip.errors.Locked` when another run holds SQLite's lock
    and ``wait`` is false."""
    from .parallel import archive_parallel
    from .walk import archive

    with exclusive(target, wait), open_store(target) as store:
        with holding(store, target, boards, wait, settings):
            if parallel > 1 and len(boards) > 1:
                opener = lambda: open_store(target)  # noqa: E731
                made = gates(target, settings)
                return archive_parallel(boards, opener, settings, made, parallel, summary)
            if settings.gate is None:  # a host's delay holds between its boards too
                settings.gate = gates(target, settings)()
            return archive(boards, store, settings, summary)
