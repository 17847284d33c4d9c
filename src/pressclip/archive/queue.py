"""Boards shared out to workers on any number of machines: a procrastinate queue in the
archive's PostgreSQL database.

- :func:`enqueue` (``pressclip archive --enqueue``) puts one job per board on the queue
  ``pressclip``, with the run's fetch options. A board already waiting is not queued twice
  (procrastinate's ``queueing_lock``), and two jobs of one board never run at once (its
  ``lock``).
- :func:`work` (``pressclip worker``) runs jobs, ``concurrency`` at a time. Each job walks its
  board as ``pressclip archive`` does, through a :class:`~pressclip.archive.lease.HostLease`,
  so every worker together sends one request at a time to a host, ``delay`` apart.
- A worker killed mid-board (kill -9, a lost machine) stops sending heartbeats; every worker
  looks for such stalled jobs every few seconds and puts them back on the queue. The board's
  walk then starts again from its frontier: posts stored are known and skipped, posts the
  dead worker had not stored are fetched, and each post is one row (``UNIQUE (board, key)``
  and serialised writes), so nothing is lost or doubled.
- ``schedule`` (``pressclip worker --schedule CRON --config FILE``) is a procrastinate
  periodic task that enqueues the config's boards at each tick; however many workers carry
  the same schedule, each tick is deferred once.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import procrastinate
from procrastinate.exceptions import AlreadyEnqueued
from procrastinate.schema import SchemaManager

from ..errors import PressclipError
from ..extract.site import load_profile
from ..fetch.http import FetchOptions
from .lease import HOLD_MARGIN, HostLease
from .store import open_store
from .store.postgres import PostgresStore, connect, shown
from .store.records import lock_key
from .walk import Board, BoardResult, Settings, archive, load_config

QUEUE = "pressclip"
TASK = "pressclip.archive_board"
SCHEDULED = "pressclip.enqueue_boards"
#: Failed jobs (a database error, not a failed post) are tried this often, a minute apart.
RETRY = procrastinate.RetryStrategy(max_attempts=5, wait=60)


@dataclass
class Worker:
    """What a worker needs that a job does not carry: where files go and what to report."""

    db: str
    files: Path
    on_board: Callable[[BoardResult], None] = lambda result: None
    on_error: Callable[[str], None] = lambda message: None
    stalled_after: float = 30.0
    #: --schedule: (cron, config file, fetch options, pages) of the periodic enqueue
    schedule: tuple[str, Path, FetchOptions, int | None] | None = None
    failed: int = 0  # jobs that failed, or whose board did not go well: the exit status


#: Fetch options a job row never carries: secrets, and objects of the enqueuing process.
LOCAL_OPTIONS = ("headers", "header_origins", "cookies", "recorder", "on_wait")


def job_args(board: Board, options: FetchOptions, pages: int | None, full: bool) -> dict[str, Any]:
    """A board's job as JSON-able arguments: no secret is written to the queue (its rows
    are plain text to anyone who can read the database)."""
    if options.headers or options.cookies is not None or options.recorder is not None:
        raise PressclipError("headers, cookies and recorders are not put in the queue's job rows")
    fields = {f.name for f in dataclasses.fields(options)} - set(LOCAL_OPTIONS)
    return {
        "board": board_args(board),
        "options": {name: getattr(options, name) for name in sorted(fields)},
        "pages": pages,
        "full": full,
    }


def board_args(board: Board) -> dict[str, Any]:
    """A board as JSON: its profile by the file it was read from, never as parsed."""
    args = {f.name: getattr(board, f.name) for f in dataclasses.fields(board)}
    args.pop("profile")
    args["hosts"] = list(board.hosts)
    return args


def board_from_args(args: dict[str, Any]) -> Board:
    """The board of a job: its profile read again from its file (on this machine)."""
    known = {f.name for f in dataclasses.fields(Board)} - {"profile"}
    fields = {k: v for k, v in args.items() if k in known}
    fields["hosts"] = tuple(fields.get("hosts") or ())
    path = fields.get("profile_file")
    profile = load_profile(Path(path)) if path else None
    return Board(**fields, profile=profile)


def make_app(db: str, worker: Worker | None = None) -> procrastinate.App:
    """The procrastinate app on database ``db``; with ``worker``, the tasks it runs."""
    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=db))
    if worker is None:
        return app

    @app.task(name=TASK, queue=QUEUE, retry=RETRY)
    def archive_board(
        board: dict[str, Any], options: dict[str, Any], pages: int | None, full: bool
    ) -> dict[str, Any]:
        try:
            job_board = board_from_args(board)
            result = run_job(worker, job_board, FetchOptions(**options), pages, full)
        except Exception as exc:  # one line here; procrastinate retries the job (RETRY)
            worker.failed += 1
            why = str(exc) if isinstance(exc, PressclipError) else f"{type(exc).__name__}: {exc}"
            worker.on_error(f"board {board['name']}: job failed, to be retried: {why}")
            raise
        if result.fresh:  # as archive's exit code: failures new in this run
            worker.failed += 1
        return dataclasses.asdict(result)

    if worker.schedule is not None:
        cron, config, options, pages = worker.schedule

        @app.periodic(cron=cron, periodic_id="boards")
        @app.task(name=SCHEDULED, queue=QUEUE, queueing_lock=SCHEDULED)
        def enqueue_boards(timestamp: int) -> int:
            return len(enqueue(app, load_config(config), options, pages, False)[0])

    return app


def ensure_schema(db: str) -> None:
    """Create procrastinate's tables in ``db`` unless they are there (one process at a
    time), and pressclip's own (through the store's migrations)."""
    with open_store(db):
        pass
    with connect(db) as conn, conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (lock_key("pressclip", "queue"),))
        row = conn.execute("SELECT to_regclass('procrastinate_jobs') IS NOT NULL AS ok")
        if not row.fetchone()["ok"]:  # type: ignore[index]
            schema = SchemaManager.get_schema()
            conn.execute(schema)  # type: ignore[arg-type]


def enqueue(
    app: procrastinate.App,
    boards: list[Board],
    options: FetchOptions,
    pages: int | None,
    full: bool,
) -> tuple[list[str], list[str]]:
    """Defer one job per board, hosts taking turns (so the next job is seldom for a host
    another worker is busy with); (boards queued, boards left out as already waiting)."""
    queued, waiting = [], []
    for board in interleave(boards):
        deferrer = app.configure_task(TASK, queue=QUEUE, lock=board.name, queueing_lock=board.name)
        try:
            deferrer.defer(**job_args(board, options, pages, full))
        except AlreadyEnqueued:
            waiting.append(board.name)
        else:
            queued.append(board.name)
    return queued, waiting


def interleave(boards: list[Board]) -> list[Board]:
    """``boards`` reordered so hosts take turns, each host's boards in their order."""
    by_host: dict[str, list[Board]] = {}
    for board in boards:
        by_host.setdefault((urlsplit(board.url).netloc or "").lower(), []).append(board)
    queues = list(by_host.values())
    return [q[n] for n in range(max(map(len, queues), default=0)) for q in queues if n < len(q)]


def enqueue_boards(
    db: str, boards: list[Board], options: FetchOptions, pages: int | None, full: bool
) -> tuple[list[str], list[str]]:
    """``pressclip archive --enqueue``: the boards onto the queue of database ``db``."""
    ensure_schema(db)
    app = make_app(db)
    with app.open():
        return enqueue(app, boards, options, pages, full)


def run_job(
    worker: Worker, board: Board, options: FetchOptions, pages: int | None, full: bool
) -> BoardResult:
    """One board's walk, holding the board against other runs and hosts through leases."""
    hold = options.deadline + options.delay + HOLD_MARGIN
    with open_store(worker.db) as store, HostLease(worker.db, hold) as lease:
        assert isinstance(store, PostgresStore)
        settings = Settings(
            worker.files, options, pages, full, on_error=worker.on_error, gate=lease
        )
        with store.hold_boards([board.name], wait=True):
            (result,) = archive([board], store, settings)
    worker.on_board(result)
    return result


async def rescue_stalled(app: procrastinate.App, seconds: float) -> int:
    """Put the jobs of workers silent for ``seconds`` back on the queue; how many."""
    stalled = await app.job_manager.get_stalled_jobs(queue=QUEUE, seconds_since_heartbeat=seconds)
    count = 0
    for job in stalled:
        with contextlib.suppress(procrastinate.exceptions.ProcrastinateException):
            await app.job_manager.retry_job(job)
            count += 1
    return count


def work(worker: Worker, concurrency: int = 1, burst: bool = False) -> None:
    """Run jobs until stopped (SIGINT/SIGTERM), or with ``burst`` until the queue is empty."""
    ensure_schema(worker.db)
    app = make_app(worker.db, worker)
    # Failed jobs are reported in one line by the task itself, not as procrastinate's
    # tracebacks.
    logging.getLogger("procrastinate").setLevel(logging.CRITICAL)

    async def main() -> None:
        async with app.open_async():
            await rescue_stalled(app, worker.stalled_after)
            watch = asyncio.create_task(_watch(app, worker.stalled_after))
            try:
                await app.run_worker_async(
                    queues=[QUEUE],
                    concurrency=concurrency,
                    wait=not burst,
                    update_heartbeat_interval=max(0.2, worker.stalled_after / 4),
                    stalled_worker_timeout=worker.stalled_after,
                    install_signal_handlers=True,
                )
            finally:
                watch.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await watch

    try:
        asyncio.run(main())
    except procrastinate.exceptions.ConnectorException as exc:
        raise PressclipError(f"{shown(worker.db)}: queue: {exc}") from None


async def _watch(app: procrastinate.App, seconds: float) -> None:
    """Every ``seconds`` / 2, put stalled jobs back on the queue."""
    while True:
        await asyncio.sleep(max(0.5, seconds / 2))
        await rescue_stalled(app, seconds)
