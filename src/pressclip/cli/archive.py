"""The archive's commands: ``archive`` (walk boards into SQLite or PostgreSQL), ``worker``
(run queued boards), and the readers of an archive: ``export``, ``search``, ``status``,
``feed``."""

import os
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import PressclipError
from .common import (
    Log,
    chosen_format,
    cookies_option,
    fetch_options,
    progress,
    recorders,
    render_mode,
    since_option,
    writing,
)
from .core import app
from .errors import Usage, boundary, fail, shown, usage_error, warn
from .options import (
    FETCH_DEFAULTS,
    MAX_BYTES_DEFAULT,
    BoardOpt,
    ConfigOpt,
    CookiesOpt,
    DbOpt,
    DeadlineOpt,
    DelayOpt,
    Format,
    FormatOpt,
    HeaderOpt,
    IgnoreRobotsOpt,
    InputFileOpt,
    MaxBytesOpt,
    OcrOpt,
    OutputOpt,
    QuietOpt,
    RecordFormat,
    RenderOpt,
    RetriesOpt,
    SinceOpt,
    StatusFormat,
    StatusFormatOpt,
    TimeoutOpt,
    UserAgentOpt,
    VerboseOpt,
    WarcOpt,
    parse_headers,
    size_option,
)


@app.command(short_help="Archive boards' new posts and files (SQLite or PostgreSQL; cron).")
@boundary()
def archive(
    urls: Annotated[
        list[str] | None,
        typer.Argument(metavar="[URL]...", help="First list page of each board; - reads stdin."),
    ] = None,
    input_file: InputFileOpt = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            metavar="FILE",
            help="TOML: [[board]] tables (url, name, pages, delay, profile) and [defaults].",
        ),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="PRESSCLIP_DB",
            metavar="FILE|URL",
            help="The archive: a SQLite file or a postgresql:// URL [default: pressclip.sqlite].",
        ),
    ] = None,
    files: Annotated[
        Path | None,
        typer.Option(
            "--files", metavar="DIR", help="Attachments folder [default: 'files' beside the db]."
        ),
    ] = None,
    pages: Annotated[
        int | None,
        typer.Option(
            min=1,
            metavar="N",
            help="At most N list pages with new posts per board and run "
            "[default: 200]; later runs walk on.",
        ),
    ] = None,
    delay: DelayOpt = None,
    full: Annotated[
        bool, typer.Option("--full", help="Walk every list page and re-fetch every post.")
    ] = False,
    enqueue: Annotated[
        bool,
        typer.Option(
            "--enqueue", help="Queue one job per board for `pressclip worker` (PostgreSQL)."
        ),
    ] = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    wait: Annotated[
        bool, typer.Option("--wait", help="Wait for a running archive instead of exiting.")
    ] = False,
    retry_failed: Annotated[
        bool,
        typer.Option("--retry-failed", help="Try given-up posts and attachments again."),
    ] = False,
    parallel: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            metavar="N",
            help="Boards on N different hosts archived at once (each host still gets one "
            "request at a time).",
        ),
    ] = 4,
    log_file: Annotated[
        Path | None,
        typer.Option(
            "--log-file",
            metavar="FILE",
            dir_okay=False,
            help="Append the run's lines to FILE (each with its time and board), not stderr.",
        ),
    ] = None,
    max_runs: Annotated[
        int | None,
        typer.Option(
            min=1,
            metavar="N",
            help="Give up a post or attachment after it failed in N runs [default: 3].",
        ),
    ] = None,
    user_agent: UserAgentOpt = None,
    header: HeaderOpt = None,
    cookies: CookiesOpt = None,
    timeout: TimeoutOpt = None,
    retries: RetriesOpt = FETCH_DEFAULTS.RETRIES,
    max_bytes: MaxBytesOpt = MAX_BYTES_DEFAULT,
    deadline: DeadlineOpt = FETCH_DEFAULTS.DEADLINE,
    ignore_robots: IgnoreRobotsOpt = False,
    warc: WarcOpt = None,
    ocr: OcrOpt = False,
    render: RenderOpt = None,
) -> None:
    """Archive new posts of boards (and their attachments) into SQLite or PostgreSQL.

    Walks list pages newest first, up to the first page ending with an archived post.

    Safe from cron: a second run exits at once with 75 (or waits, --wait); a killed run
    loses nothing.

    Exit 0 when all went well, 1 when a post, attachment or board failed that had not failed
    before (`pressclip status` lists what keeps failing), 2 for usage errors, 75 when another
    run holds the lock, 130 when interrupted.

    Example: pressclip archive --config boards.toml --db /var/lib/pressclip/press.sqlite
    """
    from ..archive.store import files_folder
    from ..attachments.ocr import ocr_asked

    log = run_log(log_file, verbose, quiet)
    net: dict[str, Any] = {
        "user_agent": user_agent,
        "timeout": timeout,
        "retries": retries,
        "delay": delay,
    }
    net |= {"max_bytes": size_option(max_bytes), "cookies": cookies_option(cookies)}
    net |= {"deadline": deadline, "ignore_robots": ignore_robots}
    boards, target, defaults = _plan(urls, input_file, config, db, enqueue)
    net["headers"] = {**defaults.get("headers", {}), **parse_headers(header)}
    _check_queued(enqueue, bool(net["headers"] or cookies or warc), ocr)
    render = board_render(render, boards, enqueue)
    with boundary(say=log.error), recorders(log, warc) as recorder, ocr_asked(ocr):
        options = _archive_options(net, defaults, recorder, log if verbose else None)
        if enqueue:
            return _enqueue(target, boards, options, pages, full, log)
        run: dict[str, Any] = {
            "pages": pages,
            "full": full,
            "retry_failed": retry_failed,
            "render": render,
        }
        run["max_runs"] = max_runs or defaults.get("max_runs")
        run["files"] = Path(files or defaults.get("files") or files_folder(target))
        if render is not None or any(b.render for b in boards):
            parallel = 1  # one browser, driven from one thread: the boards take turns
        failed = _run(target, boards, options, run, log, wait=wait, parallel=parallel)
    if failed:
        raise typer.Exit(1)


def _plan(
    urls: list[str] | None, input_file: str | None, config: Path | None, db: str | None, queue: bool
) -> tuple[list[Any], str, dict[str, Any]]:
    """The run's boards, its database and the config's defaults; a usage error for a config
    or URL list that cannot be read, or a database the run cannot use."""
    from ..archive.config import config_defaults, database, find_config
    from ..archive.store import is_postgres
    from ..archive.walk import plan
    from ..inputs import gather_urls

    try:
        given = gather_urls(urls, input_file)
        found = find_config(config)
        defaults = config_defaults(found)
        # a config found (not named) gives its boards only when no URL is given
        boards = plan(given, found if config is not None or not given else None)
        target = database(db, defaults)
        postgres_usable(target, queue="--enqueue" if queue else None)
        if queue and not is_postgres(target):
            raise PressclipError("--enqueue needs a PostgreSQL --db (postgresql://…)")
    except PressclipError as exc:
        raise Usage(str(exc)) from None
    return boards, target, defaults


def _check_queued(enqueue: bool, secrets: bool, ocr: bool) -> None:
    """A usage error for what ``--enqueue`` cannot put in the queue."""
    if enqueue and secrets:
        usage_error(
            "--enqueue puts no secrets or local files in the queue's job rows: "
            "headers (-H or the config's), --cookies and --warc cannot be queued"
        )
    if enqueue and ocr:
        usage_error("--ocr is not queued: run `pressclip archive --ocr` itself")


def _archive_options(
    net: dict[str, Any], defaults: dict[str, Any], recorder: Any, log: Log | None
) -> Any:
    """The run's FetchOptions: the options given, else the config's ``[defaults]``, else
    FetchOptions' own; with ``log`` (``--verbose``), requests still waiting are told."""
    net["user_agent"] = net["user_agent"] or defaults.get("user_agent")
    for name in ("timeout", "delay"):
        if net[name] is None and defaults.get(name) is not None:
            net[name] = float(defaults[name])
    options = fetch_options(recorder=recorder, **net)
    if log is not None:  # a host that accepts and never answers is seen
        import dataclasses

        options = dataclasses.replace(options, on_wait=log.waiting)
    return options


def _enqueue(
    target: str, boards: list[Any], options: Any, pages: int | None, full: bool, log: Log
) -> None:
    """Queue one job per board for the workers."""
    from ..archive.queue import enqueue_boards

    queued, waiting = enqueue_boards(target, boards, options, pages, full)
    log.note(f"queued {len(queued)} boards, {len(waiting)} already waiting")


def _run(
    target: str,
    boards: list[Any],
    options: Any,
    run: dict[str, Any],
    log: Log,
    *,
    wait: bool,
    parallel: int,
) -> bool:
    """Archive ``boards``; whether any failed afresh (each failure said so)."""
    from ..archive.run import run_boards
    from ..archive.store import MAX_RUNS
    from ..archive.walk import Settings, run_summary

    def summary(result: Any) -> None:
        log.note(shown(result.summary()))

    with (
        progress(log.quiet) as step,
        boards_browser(run["render"], boards, options.user_agent) as renderer,
    ):
        settings = Settings(
            run["files"],
            options,
            run["pages"],
            run["full"],
            on_url=step,
            on_error=log.error,
            on_warning=log.warning,
            on_skip=log.skip,
            on_board=getattr(log.out, "enter", lambda name: None),
            max_runs=int(run["max_runs"] or MAX_RUNS),
            retry_failed=run["retry_failed"],
            render=run["render"],
            renderer=renderer,
        )
        started = time.monotonic()
        results = run_boards(target, boards, settings, summary, wait=wait, parallel=parallel)
    if getattr(log.out, "stamped", False):  # a log: its runs told apart
        log.note(run_summary(results, time.monotonic() - started))
    return any(r.fresh for r in results)


def run_log(log_file: Path | None, verbose: bool, quiet: bool) -> Log:
    """The archive run's Log: lines stamped with their time and board in ``log_file`` (opened
    for appending) or on stderr when it is no terminal (see pressclip.archive.runlog)."""
    from ..archive.runlog import RunLog, stamps_lines

    stream: Any = sys.stderr
    if log_file is not None:
        with boundary(log_file):
            stream = open(log_file, "a", encoding="utf-8")  # noqa: SIM115 - lives for the run
    stamped = stamps_lines(sys.stderr, os.environ.get("PRESSCLIP_LOG"), log_file is not None)
    return Log(verbose, quiet, out=RunLog(stream, stamped))


def board_render(value: str | None, boards: list[Any], enqueue: bool) -> str | None:
    """``archive --render``'s mode, checked like ``fetch --render``; boards rendering by
    their config need the browser too, and neither is queued (a usage error, exit 2)."""
    if enqueue and (value is not None or any(b.render for b in boards)):
        usage_error("--render and render = … are not queued: run `pressclip archive` itself")
    if value is None and any(b.render for b in boards):
        render_mode("always")  # only to check that the browser is here
        return None
    return render_mode(value)


def boards_browser(mode: str | None, boards: list[Any], user_agent: str) -> Any:
    """One Renderer for an archive run when any board renders (started on first use)."""
    import contextlib

    if mode is None and not any(b.render for b in boards):
        return contextlib.nullcontext()
    from ..fetch.render import Renderer

    return contextlib.closing(Renderer(None, mode or "always", user_agent))


def archive_db(db: str | None, config: Path | None) -> tuple[str, Path | None]:
    """The archive a command uses (``--db``, PRESSCLIP_DB, the config's ``db``, else
    pressclip.sqlite) and the config found (``--config``, PRESSCLIP_CONFIG, ./boards.toml,
    the user's); a config that cannot be read, or a database whose packages are missing, is
    a usage error."""
    from ..archive.config import config_defaults, database, find_config

    found = find_config(config)
    try:
        target = database(db, config_defaults(found))
        postgres_usable(target)
    except PressclipError as exc:
        raise Usage(str(exc)) from None
    return target, found


def postgres_usable(target: str, queue: str | None = None) -> None:
    """A MissingExtra naming the extra when ``target``, or ``queue`` (the option or command
    using the job queue), needs PostgreSQL's packages and they are not installed."""
    from ..archive.store import is_postgres, require_postgres

    if queue is not None:
        require_postgres(queue, queue=True)
    elif is_postgres(target):
        require_postgres("--db postgresql://…")


def existing_db(db: str | None, config: Path | None) -> str:
    """:func:`archive_db` for the commands that read an archive (see :func:`require_db`)."""
    target = archive_db(db, config)[0]
    require_db(target)
    return target


def require_db(target: str) -> None:
    """An error (exit 1) when ``target`` is a SQLite path with no file there."""
    from ..archive.store import is_postgres

    if not is_postgres(target) and not Path(target).is_file():
        raise PressclipError(f"{target}: no such database")


@app.command(short_help="Write the archived posts as records.")
@boundary()
def export(
    db: DbOpt = None,
    config: ConfigOpt = None,
    fmt: Annotated[
        RecordFormat | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="jsonl, json, text, csv (formula cells neutralised), csv-raw, markdown "
            "[default: jsonl, or what -o FILE's suffix names].",
        ),
    ] = None,
    since: SinceOpt = None,
    board: BoardOpt = None,
    unique: Annotated[
        bool, typer.Option("--unique", help="Leave out duplicates and near-duplicates.")
    ] = False,
    output: OutputOpt = None,
) -> None:
    """Print the archived posts, each as `clean` gives it plus board and saved files.

    Each record also has first_seen, duplicate_of, and the saved path of each attachment.

    Example: pressclip export --since 2024-05-01 --unique -o new.jsonl
    """
    from ..archive.store import open_store

    start = since_option(since)
    db = existing_db(db, config)
    bad: list[str] = []
    keys = ("url", "path", "error", "read_error")
    with (
        open_store(db, readonly=True) as store,
        writing(output, chosen_format(fmt, output) or "jsonl", attachment_keys=keys) as writer,
    ):
        for article, data in store.records(
            since=start, board=board, unique=unique, on_bad=bad.append
        ):
            writer.write(article, data)
    for message in bad:
        fail(f"{db}: {message}")
    if bad:
        raise typer.Exit(1)


@app.command(short_help="Find archived posts by words in their title, body or attachments.")
@boundary()
def search(
    query: Annotated[str, typer.Argument(metavar="QUERY", help="Words; all must occur.")],
    db: DbOpt = None,
    config: ConfigOpt = None,
    board: BoardOpt = None,
    since: SinceOpt = None,
    fmt: FormatOpt = Format.text,
    limit: Annotated[int, typer.Option(min=1, metavar="N", help="At most N hits.")] = 20,
) -> None:
    """Find archived posts whose title, body or attachment text holds every word, best first.

    A word is found inside longer words (신도시 finds 행정중심복합신도시); "a phrase" in
    double quotes is one term; nothing in a query is search syntax.

    Exit 0 when something was found, 1 when nothing was (or on an error), 2 for usage errors.

    Example: pressclip search "신도시 예산" --db press.sqlite --since 2026-01-01
    """
    from ..archive.search import parse_query, search_archive, write_hits
    from ..archive.store import open_store

    start = since_option(since)
    try:
        parse_query(query)
    except PressclipError as exc:
        raise Usage(str(exc)) from None
    db = existing_db(db, config)
    with open_store(db, readonly=True) as store:
        hits = search_archive(store, query, board=board, since=start, limit=limit, warn=warn)
    write_hits(hits, fmt.value, sys.stdout)
    sys.stdout.flush()
    if not hits:
        raise typer.Exit(1)


@app.command(short_help="What the archive holds and what keeps failing, board by board.")
@boundary()
def status(
    db: DbOpt = None,
    config: ConfigOpt = None,
    board: Annotated[
        str | None, typer.Option(metavar="NAME|URL", help="Only this board (name or list URL).")
    ] = None,
    fmt: StatusFormatOpt = StatusFormat.text,
    max_runs: Annotated[
        int | None,
        typer.Option(min=1, metavar="N", help="Failures in N runs are given up [default: 3]."),
    ] = None,
) -> None:
    """Each board's last run and how it went, its posts and files, and the posts and
    attachments that keep failing (with reason and runs); a totals line. Reads only.

    Exit 0, or 1 for an unknown --board or a database that is not an archive.

    Example: pressclip status --config boards.toml --board example-press
    """
    from ..archive.config import config_defaults
    from ..archive.status import archive_status, status_json, status_text
    from ..archive.store import MAX_RUNS, open_store, shown_target

    target, config = archive_db(db, config)
    defaults = config_defaults(config)  # read already by archive_db
    require_db(target)
    runs = int(max_runs or defaults.get("max_runs", MAX_RUNS))
    with open_store(target, readonly=True) as store:
        boards = archive_status(store, board, runs)
    used = {"config": None if config is None else str(config), "database": shown_target(target)}
    render = status_json if fmt.value == "json" else status_text
    sys.stdout.write(render(boards, used))


@app.command(short_help="Write an Atom feed of the newest archived releases.")
def feed(
    db: DbOpt = None,
    config: ConfigOpt = None,
    board: BoardOpt = None,
    since: SinceOpt = None,
    limit: Annotated[int, typer.Option(min=1, metavar="N", help="The newest N releases.")] = 50,
    title: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Feed title [default: from the board].")
    ] = None,
    feed_url: Annotated[
        str | None,
        typer.Option(
            "--feed-url", metavar="URL", help="Where the feed is published (its id and self link)."
        ),
    ] = None,
    output: OutputOpt = None,
) -> None:
    """Write an Atom feed of the newest archived releases (newest first).

    Newest by the board's date; posts without one (or of one day) in the board's list order.

    Example: pressclip feed --db press.sqlite --board example-press -o feed.xml
    """
    from ..archive.store import open_store, short_name
    from ..output.feed import atom_feed
    from ..output.writers import open_output

    with boundary(output):
        start = since_option(since)
        db = existing_db(db, config)
        with open_store(db, readonly=True) as store:
            newest = list(store.newest(limit, since=start, board=board))
        name = board or "all boards"
        title = title or f"pressclip: {name}"
        document = atom_feed(
            newest, title=title, name=f"{short_name(db)}#{name}", self_url=feed_url
        )
        with open_output(output) as out:
            out.write(document)


@app.command(short_help="Run queued archive jobs (PostgreSQL), on any number of machines.")
@boundary()
def worker(
    db: DbOpt = None,
    concurrency: Annotated[int, typer.Option(min=1, help="Jobs (boards) at a time.")] = 1,
    files: Annotated[
        Path, typer.Option("--files", help="Attachments folder on this machine.")
    ] = Path("files"),
    burst: Annotated[
        bool, typer.Option("--burst", help="Exit when the queue is empty instead of waiting.")
    ] = False,
    schedule: Annotated[
        str | None,
        typer.Option(help="Cron line ('0 */6 * * *'): enqueue the --config boards at each tick."),
    ] = None,
    config: ConfigOpt = None,
    delay: DelayOpt = None,
    stalled_after: Annotated[
        float,
        typer.Option(
            min=0.5, help="A worker silent this long (s) is dead: its job goes back on the queue."
        ),
    ] = 30.0,
    quiet: QuietOpt = False,
) -> None:
    """Run the archive jobs queued by `pressclip archive --enqueue` (PostgreSQL only).

    Start as many as you like, on any machines that reach the database: together they send
    one request at a time to a host, --delay apart (as given to archive --enqueue).

    Example: pressclip worker --db postgresql://press@db.example/press --concurrency 4
    """
    from ..archive.store import is_postgres

    try:
        postgres_usable(db or "", queue="worker")
    except PressclipError as exc:
        raise Usage(str(exc)) from None
    db, config = archive_db(db, config)
    if not is_postgres(db):
        raise Usage("worker: --db must be a PostgreSQL URL (postgresql://…)")
    plan_ = None if schedule is None else _schedule(schedule, config, delay)

    def summary(result: Any) -> None:
        if not quiet:
            sys.stderr.write(shown(result.summary()) + "\n")

    from ..archive.queue import Worker, work

    job_worker = Worker(db, files, summary, fail, stalled_after, plan_)
    work(job_worker, concurrency, burst)
    if job_worker.failed:
        raise typer.Exit(1)  # a job failed, or a board did not go well (each said so)


def _schedule(schedule: str, config: Path | None, delay: float | None) -> tuple[Any, ...]:
    """``worker --schedule``'s plan: the cron line, the config whose boards it enqueues, and
    their options; a usage error for a line that is no cron line or a config that fails."""
    from croniter import croniter

    from ..archive.walk import load_config

    if config is None:
        raise Usage("worker: --schedule needs a config (--config FILE or boards.toml)")
    if not croniter.is_valid(schedule):
        raise Usage(f"worker: --schedule {schedule!r} is not a cron line ('0 */6 * * *')")
    try:
        load_config(config)  # fail now, not at the first tick
    except PressclipError as exc:
        raise Usage(str(exc)) from None
    return (schedule, config, fetch_options(delay=delay), None)
