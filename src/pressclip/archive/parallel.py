"""`archive --parallel N`: boards on different hosts archived at once, in one process.

Boards are grouped by the host of their list URL, and N threads take the groups in turn, a
group's boards one after another, so a host's boards never run at once. Each thread has its
own connection to the archive (SQLite: WAL, and every write transaction ``BEGIN IMMEDIATE``,
so writes from the threads take turns; PostgreSQL: serial transactions, as for workers) and
its own Fetchers; one gate that every Fetcher asks before each request (:class:`LocalGate`,
or PostgreSQL's host leases) keeps every host, a files host that several boards share
included, at one request at a time, its delay (or robots.txt Crawl-delay) apart.

A run killed or interrupted midway loses nothing (each post is one transaction, as in one
thread): the threads are daemons and die with the process.
"""

from __future__ import annotations

import contextvars
import dataclasses
import math
import queue
import threading
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from ..fetch.http import Gate
from .store import Store
from .walk import Board, BoardResult, Settings, archive


class LocalGate:
    """A Fetcher gate shared by the threads of one process: one request at a time to a
    host, ``delay`` seconds after the end of the one before (a thread asking again before its
    response was closed gives its host up first, as a host lease does)."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}
        self._held = threading.local()

    def acquire(self, host: str, delay: float) -> None:
        held = getattr(self._held, "host", None)
        if held is not None:
            self.release(held)
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        lock.acquire()
        pause = self._last.get(host, -math.inf) + delay - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        self._held.host = host

    def release(self, host: str) -> None:
        if getattr(self._held, "host", None) != host:
            return
        self._held.host = None
        self._last[host] = time.monotonic()
        self._locks[host].release()


def by_host(boards: list[Board]) -> list[list[Board]]:
    """``boards`` grouped by their list URL's host, in the order each host first comes."""
    groups: dict[str, list[Board]] = {}
    for board in boards:
        try:
            host = (urlsplit(board.url).hostname or "").lower()
        except ValueError:
            host = board.url
        groups.setdefault(host, []).append(board)
    return list(groups.values())


def archive_parallel(
    boards: list[Board],
    open_store: Callable[[], Store],
    settings: Settings,
    gate: Callable[[], Gate],
    parallel: int,
    on_board: Callable[[BoardResult], None] = lambda result: None,
) -> list[BoardResult]:
    """Archive ``boards`` with ``parallel`` threads (see the module docstring); each thread
    opens its store with ``open_store`` and its gate with ``gate``. The results in the
    boards' order."""
    pending: queue.SimpleQueue[list[Board]] = queue.SimpleQueue()
    groups = by_host(boards)
    for group in groups:
        pending.put(group)
    done: dict[int, BoardResult] = {}
    failures: list[BaseException] = []

    def work() -> None:
        try:
            with open_store() as store:
                mine = dataclasses.replace(settings, gate=gate())
                try:
                    while True:
                        try:
                            group = pending.get_nowait()
                        except queue.Empty:
                            return
                        for board, result in zip(
                            group, archive(group, store, mine, on_board), strict=True
                        ):
                            done[id(board)] = result
                finally:
                    close = getattr(mine.gate, "close", None)  # a host lease's connection
                    if close is not None:
                        close()
        except BaseException as exc:  # a database gone: the run says so
            failures.append(exc)

    threads = [
        # each in a copy of the caller's context: what the run asked for in context
        # variables (--ocr) holds in every thread
        threading.Thread(
            target=contextvars.copy_context().run,
            args=(work,),
            name=f"pressclip-archive-{n}",
            daemon=True,
        )
        for n in range(max(1, min(parallel, len(groups))))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        while thread.is_alive():  # in steps, so Ctrl-C reaches the main thread
            thread.join(0.2)
    if failures:
        raise failures[0]
    return [done[id(b)] for b in boards]
