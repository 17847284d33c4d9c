"""The command line: a thin typer layer over the library. Each command parses its options,
calls :mod:`pressclip.pipeline` and :mod:`pressclip.output`, and turns library errors into
one-line messages with a non-zero exit."""

from __future__ import annotations

import contextlib
import math
import os
import sys
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from . import __version__
from .errors import PressclipError
from .fetch.http import DEFAULT_USER_AGENT, FetchOptions
from .model import Article
from .output.writers import one_line, open_output, render, render_listing
from .pipeline import DEFAULT_MAX_BYTES, apply_dedup, read_document
from .urls import redact

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Scrape press releases from bulletin boards into clean, deduplicated records.",
)


class Format(str, Enum):
    json = "json"
    jsonl = "jsonl"
    text = "text"


# Options shared by the commands, defined once.
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Write here (atomically) instead of stdout.", dir_okay=False
    ),
]
UserAgentOpt = Annotated[str | None, typer.Option(help="User-Agent header.")]
TimeoutOpt = Annotated[float, typer.Option(min=0.1, help="Connect and read timeout, s.")]
RetriesOpt = Annotated[int, typer.Option(min=0, help="Retries on errors and 5xx/429.")]
MaxBytesOpt = Annotated[int, typer.Option(min=1, help="Largest page or file, in bytes.")]
DelayOpt = Annotated[float, typer.Option(min=0, help="Pause between requests to a host, s.")]
DeadlineOpt = Annotated[
    float, typer.Option(min=0.1, help="Longest one request may take, headers and body, s.")
]
IgnoreRobotsOpt = Annotated[bool, typer.Option(help="Do not obey robots.txt.")]
BaseUrlOpt = Annotated[
    str | None, typer.Option("--base-url", help="The page's address: base for relative links.")
]
ProfileOpt = Annotated[
    Path | None,
    typer.Option("--profile", help="A site profile (TOML) to read the pages with.", dir_okay=False),
]


def site_profile(path: Path | None) -> Any:
    """The Profile in ``path`` (None without one); a bad file is a usage error (exit 2)."""
    if path is None:
        return None
    from .extract.site import load_profile

    try:
        return load_profile(path)
    except PressclipError as exc:
        fail(str(exc))
        raise typer.Exit(2) from None


def fetch_options(
    user_agent: str | None,
    timeout: float,
    retries: int,
    max_bytes: int,
    delay: float,
    ignore_robots: bool,
    deadline: float = 120.0,
) -> FetchOptions:
    """The shared network options as the library takes them; a usage error (exit 2) for a
    value no request can use (inf, nan, 1e308 …)."""
    for name, value, most in (
        ("--timeout", timeout, MAX_SECONDS),
        ("--deadline", deadline, MAX_SECONDS),
        ("--delay", delay, MAX_SECONDS),
        ("--retries", retries, MAX_RETRIES),
    ):
        if not math.isfinite(value) or value > most:
            usage_error(f"{name}: {value!r} is out of range (at most {most:g})")
    if user_agent is not None and (not user_agent.isprintable() or not user_agent.strip()):
        usage_error("--user-agent: must be printable text")
    try:
        return FetchOptions(
            user_agent=user_agent or DEFAULT_USER_AGENT,
            timeout=timeout,
            deadline=deadline,
            retries=retries,
            max_bytes=max_bytes,
            delay=delay,
            respect_robots=not ignore_robots,
        )
    except PressclipError as exc:
        usage_error(str(exc))


#: Largest value of a seconds option (a day) and of --retries.
MAX_SECONDS = 86_400.0
MAX_RETRIES = 100
#: Largest input `clean` and `list` read (a file or stdin), bytes.
MAX_INPUT_BYTES = 64 * 2**20


def usage_error(message: str) -> NoReturn:
    """Print a usage error line and exit 2."""
    fail(message)
    raise typer.Exit(2)


def fail(message: str) -> None:
    """Print one error line on stderr (no credentials, no control characters)."""
    sys.stderr.write(f"pressclip: error: {one_line(redact(message))}\n")


def warn(message: str) -> None:
    """Print one warning line on stderr."""
    sys.stderr.write(f"pressclip: warning: {one_line(redact(message))}\n")


def read_input(path: str, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of ``path`` (``-`` is stdin), at most ``limit`` of them, or a PressclipError
    saying why not (a larger input is refused without being read to its end)."""
    too_large = PressclipError(f"too large: more than {limit:,} bytes (limit)")
    if path == "-":
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise too_large
        return data
    p = Path(path)
    if p.is_dir():
        raise PressclipError("is a directory, not a file")
    try:
        with p.open("rb") as f:
            data = f.read(limit + 1)
    except FileNotFoundError:
        raise PressclipError("no such file") from None
    except PermissionError:
        raise PressclipError("permission denied") from None
    except OSError as exc:
        raise PressclipError(exc.strerror or str(exc)) from None
    if len(data) > limit:
        raise too_large
    return data


def explain(source: str, article: Article, removed: list[Any]) -> None:
    """List on stderr each collapsed paragraph and why."""
    for r in removed:
        preview = r.text if len(r.text) <= 60 else r.text[:59] + "…"
        sys.stderr.write(one_line(f"{source}: dropped «{preview}»: {r.reason}") + "\n")
    if not removed:
        sys.stderr.write(one_line(f"{source}: nothing collapsed") + "\n")


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"pressclip {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=version_callback, is_eager=True, help="Show version."),
    ] = False,
) -> None:
    """pressclip: press releases from bulletin boards, without the chrome and the repeats."""


@app.command()
def clean(
    paths: Annotated[
        list[str], typer.Argument(help="Saved pages or scraped text files; - for stdin.")
    ],
    fmt: FormatOpt = Format.json,
    output: OutputOpt = None,
    base_url: BaseUrlOpt = None,
    no_dedup: Annotated[bool, typer.Option("--no-dedup", help="Keep repeated paragraphs.")] = False,
    show: Annotated[
        bool, typer.Option("--explain", help="List collapsed paragraphs and why, on stderr.")
    ] = False,
    max_bytes: Annotated[
        int, typer.Option(min=1, help="Most bytes an HWP/HWPX/PDF may unpack to.")
    ] = DEFAULT_MAX_BYTES,
    profile_file: ProfileOpt = None,
) -> None:
    """Clean a saved board page (HTML), an already-scraped text file, or an attachment
    (HWP 5, HWPX, PDF: the type is read from the bytes).

    Example: pressclip clean post.txt --format text
    """
    profile = site_profile(profile_file)
    records: list[Any] = []
    failed = False
    for path in paths:
        try:
            data = read_input(path)
            article = read_document(
                data, url=base_url, name=path, max_bytes=max_bytes, profile=profile
            )
        except PressclipError as exc:
            fail(f"{path}: {exc}")
            failed = True
            continue
        if not no_dedup:
            article, removed = apply_dedup(article)
            if show:
                explain(path, article, removed)
        single = len(paths) == 1
        if fmt is Format.text:
            records.append(article)
        else:
            records.append(article.to_dict() if single else {"source": path, **article.to_dict()})
    emit(records, fmt, output, single=len(paths) == 1)
    if failed:
        raise typer.Exit(1)


def emit(records: list[Any], fmt: Format, output: Path | None, *, single: bool) -> None:
    """Write ``records``; nothing at all (no file) when there are none."""
    if not records:
        return
    try:
        with open_output(output) as out:
            for piece in render(records, fmt.value, single=single):
                out.write(piece)
    except BrokenPipeError:
        raise  # main() ends quietly
    except PressclipError as exc:
        fail(str(exc))
        raise typer.Exit(1) from None
    except OSError as exc:
        fail(f"{output}: {exc.strerror or exc}")
        raise typer.Exit(1) from None


@app.command("list")
def list_(
    path: Annotated[str, typer.Argument(help="A saved list page; - for stdin.")],
    fmt: FormatOpt = Format.json,
    output: OutputOpt = None,
    base_url: BaseUrlOpt = None,
    profile_file: ProfileOpt = None,
) -> None:
    """Print the posts on a board's list page and the next page's address.

    Example: pressclip list press_list.html --base-url "http://example.kr/bbs/board.php?bo_table=press"
    """
    from .decode import decode
    from .pipeline import parse_list

    profile = site_profile(profile_file)
    try:
        data = read_input(path)
        if not data.strip():
            raise PressclipError("empty input")
        listing = parse_list(decode(data)[0], base_url, profile)
    except PressclipError as exc:
        fail(f"{path}: {exc}")
        raise typer.Exit(1) from None
    for warning in listing.warnings:  # rows kept with url null, a pager we cannot follow
        sys.stderr.write(f"pressclip: warning: {path}: {warning}\n")
    if fmt is Format.text:
        emit([render_listing(listing)], fmt, output, single=True)
        return
    if fmt is Format.json:
        emit([listing.to_dict()], fmt, output, single=True)
    else:
        rows = [p.to_dict() for p in listing.posts]
        emit(rows + [{"next_page": listing.next_page}], fmt, output, single=False)


@app.command()
def fetch(
    urls: Annotated[list[str], typer.Argument(help="Post or list-page URLs (http/https).")],
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format", "-f", help="Output format (default: json for one post, else jsonl)."
        ),
    ] = None,
    output: OutputOpt = None,
    base_url: BaseUrlOpt = None,
    pages: Annotated[int, typer.Option(min=1, help="List pages to follow via next_page.")] = 1,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many posts.")] = None,
    user_agent: UserAgentOpt = None,
    timeout: TimeoutOpt = 20.0,
    retries: RetriesOpt = 3,
    max_bytes: MaxBytesOpt = 20 * 2**20,
    delay: DelayOpt = 1.0,
    deadline: DeadlineOpt = 120.0,
    ignore_robots: IgnoreRobotsOpt = False,
    no_dedup: Annotated[bool, typer.Option("--no-dedup", help="Keep repeated paragraphs.")] = False,
    profile_file: ProfileOpt = None,
) -> None:
    """Download posts (or the posts on a list page) and print their records.

    Example: pressclip fetch "https://example.kr/bbs/board.php?bo_table=press&wr_id=12"
    """
    from .fetch.crawl import crawl
    from .fetch.http import Fetcher

    profile = site_profile(profile_file)
    options = fetch_options(user_agent, timeout, retries, max_bytes, delay, ignore_robots, deadline)
    records: list[Any] = []
    failed = 0
    with Fetcher(options) as fetcher, progress() as step:
        for outcome in crawl(
            urls,
            fetcher,
            pages=pages,
            limit=limit,
            base_url=base_url,
            collapse=not no_dedup,
            on_url=step,
            profile=profile,
        ):
            if outcome.article is None:
                fail(outcome.error or f"{outcome.url}: failed")
                failed += 1
            else:
                records.append(outcome.article)
    chosen = fmt or (Format.json if len(urls) == 1 and len(records) == 1 else Format.jsonl)
    single = chosen is Format.json and len(records) == 1 and failed == 0
    rows = records if chosen is Format.text else [a.to_dict() for a in records]
    emit(rows, chosen, output, single=single)
    if failed:
        raise typer.Exit(1)


@contextlib.contextmanager
def progress() -> Iterator[Callable[[str], None]]:
    """A rich spinner counting fetched pages on stderr when it is a terminal; else silence."""
    if not sys.stderr.isatty():
        yield lambda url: None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.completed} fetched  {task.description}", markup=False),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("", total=None)
        yield lambda url: bar.update(task, advance=1, description=one_line(redact(url)))


DbOpt = Annotated[
    str,
    typer.Option(
        "--db",
        envvar="PRESSCLIP_DB",
        help="The archive: a SQLite file, or a postgresql://user@host/db URL.",
    ),
]


@app.command()
def archive(
    urls: Annotated[
        list[str] | None, typer.Argument(help="First list page of each board (http/https).")
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config", help="TOML file of \\[\\[board]] tables: url, name, pages, delay."
        ),
    ] = None,
    db: DbOpt = "pressclip.sqlite",
    files: Annotated[
        Path | None,
        typer.Option("--files", help="Attachments folder (default: 'files' beside the db)."),
    ] = None,
    pages: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="At most this many list pages with new posts per board and run "
            "(default 200); later runs walk on.",
        ),
    ] = None,
    delay: DelayOpt = 1.0,
    full: Annotated[
        bool, typer.Option("--full", help="Walk every list page and re-fetch every post.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No summary lines (errors still shown).")
    ] = False,
    wait: Annotated[
        bool, typer.Option("--wait", help="Wait for a running archive instead of exiting.")
    ] = False,
    enqueue: Annotated[
        bool,
        typer.Option(
            "--enqueue", help="PostgreSQL: queue one job per board for `pressclip worker`."
        ),
    ] = False,
    user_agent: UserAgentOpt = None,
    timeout: TimeoutOpt = 20.0,
    retries: RetriesOpt = 3,
    max_bytes: MaxBytesOpt = 20 * 2**20,
    deadline: DeadlineOpt = 120.0,
    ignore_robots: IgnoreRobotsOpt = False,
) -> None:
    """Archive new posts of boards (and their attachments) into SQLite or PostgreSQL.

    Walks list pages newest first, up to the first page ending with an archived post.

    Safe from cron: a second run exits at once (or waits, --wait); a killed run loses nothing.

    Exit 0 when all went well, 1 when a post, attachment or board failed, 2 for usage errors.

    Example: pressclip archive --config boards.toml --db /var/lib/pressclip/press.sqlite
    """
    from .archive.store import database_errors, is_postgres, open_store
    from .archive.walk import Locked, Settings, plan
    from .archive.walk import archive as run_archive

    try:
        boards = plan(list(urls or []), config)
        if enqueue and not is_postgres(db):
            raise PressclipError("--enqueue needs a PostgreSQL --db (postgresql://…)")
    except PressclipError as exc:
        fail(str(exc))
        raise typer.Exit(2) from None
    options = fetch_options(user_agent, timeout, retries, max_bytes, delay, ignore_robots, deadline)
    files_dir = files or (Path("files") if is_postgres(db) else Path(db).parent / "files")
    failed = False
    try:
        if enqueue:
            from .archive.queue import enqueue_boards

            queued, waiting = enqueue_boards(db, boards, options, pages, full)
            if not quiet:
                sys.stderr.write(f"queued {len(queued)} boards, {len(waiting)} already waiting\n")
            return
        with _run_lock(db, wait), open_store(db) as store, progress() as step:

            def summary(result: Any) -> None:
                if not quiet:
                    sys.stderr.write(one_line(result.summary()) + "\n")

            settings = Settings(files_dir, options, pages, full, step, fail, warn)
            with _shared(store, boards, wait, settings):
                results = run_archive(boards, store, settings, summary)
            failed = not all(r.ok for r in results)
    except Locked as exc:
        fail(str(exc))
        raise typer.Exit(1) from None
    except database_errors(PressclipError, OSError) as exc:
        fail(str(exc))
        raise typer.Exit(1) from None
    if failed:
        raise typer.Exit(1)


@app.command()
def export(
    db: DbOpt = "pressclip.sqlite",
    fmt: FormatOpt = Format.jsonl,
    since: Annotated[
        str | None,
        typer.Option(
            help="Only posts first archived at or after this date or time "
            "(YYYY-MM-DD, YYYYMMDD or ISO 8601; UTC unless it gives an offset)."
        ),
    ] = None,
    board: Annotated[str | None, typer.Option(help="Only this board (its name).")] = None,
    unique: Annotated[
        bool, typer.Option("--unique", help="Leave out duplicates and near-duplicates.")
    ] = False,
    output: OutputOpt = None,
) -> None:
    """Print the archived posts, each as `clean` gives it plus board and saved files.

    Each record also has first_seen, duplicate_of, and the saved path of each attachment.

    Example: pressclip export --since 2024-05-01 --unique -o new.jsonl
    """

    from .archive.store import database_errors, is_postgres, open_store

    start = None
    if since is not None:
        try:
            start = since_instant(since)
        except PressclipError as exc:
            usage_error(f"--since: {exc}")
    if not is_postgres(db) and not Path(db).is_file():
        fail(f"{db}: no such database")
        raise typer.Exit(1)
    bad: list[str] = []
    try:
        with open_store(db) as store:
            rows = list(store.records(since=start, board=board, unique=unique, on_bad=bad.append))
    except database_errors(PressclipError) as exc:
        fail(str(exc))
        raise typer.Exit(1) from None
    for message in bad:
        fail(f"{db}: {message}")
    if fmt is Format.text:
        emit([article for article, _ in rows], fmt, output, single=False)
    elif fmt is Format.json:
        emit([[data for _, data in rows]], fmt, output, single=True)
    else:
        emit([data for _, data in rows], fmt, output, single=False)
    if bad:
        raise typer.Exit(1)


def since_instant(text: str) -> str:
    """``--since`` as the UTC instant the archive's ``first_seen`` stamps are compared with
    (``2026-12-01T00:00:00+00:00``): a date (``2026-12-01``, ``20261201``) is its midnight in
    UTC; a time without an offset is UTC; one with an offset (``+09:00``) is converted."""
    import datetime as dt

    value = text.strip()
    if len(value) == 8 and value.isdigit():
        value = f"{value[:4]}-{value[4:6]}-{value[6:]}"
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    try:
        if len(value) == 10:
            when = dt.datetime.combine(dt.date.fromisoformat(value), dt.time())
        else:
            when = dt.datetime.fromisoformat(value)
    except ValueError:
        raise PressclipError(
            f"not a date or time: {text!r} (use YYYY-MM-DD or 2026-12-01T09:00+09:00)"
        ) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    try:
        return when.astimezone(dt.timezone.utc).isoformat(timespec="seconds")
    except (OverflowError, ValueError):
        raise PressclipError(f"out of range: {text!r}") from None


def _run_lock(db: str, wait: bool) -> contextlib.AbstractContextManager[None]:
    """SQLite: the file lock beside the database (PostgreSQL holds boards instead)."""
    from .archive.store import is_postgres
    from .archive.walk import locked

    return contextlib.nullcontext() if is_postgres(db) else locked(Path(db), wait=wait)


@contextlib.contextmanager
def _shared(store: Any, boards: list[Any], wait: bool, settings: Any) -> Iterator[None]:
    """PostgreSQL: hold the run's boards against other runs and workers, and send requests
    through the host leases every worker shares."""
    from .archive.store.postgres import PostgresStore

    if not isinstance(store, PostgresStore):
        yield
        return
    from .archive.lease import HostLease

    with store.hold_boards([b.name for b in boards], wait=wait), HostLease(store.url) as lease:
        settings.gate = lease
        yield


@app.command()
def worker(
    db: DbOpt = "pressclip.sqlite",
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
    config: Annotated[
        Path | None, typer.Option("--config", help="Boards for --schedule (TOML, as archive).")
    ] = None,
    delay: DelayOpt = 1.0,
    stalled_after: Annotated[
        float,
        typer.Option(
            min=0.5, help="A worker silent this long (s) is dead: its job goes back on the queue."
        ),
    ] = 30.0,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No summary lines (errors still shown).")
    ] = False,
) -> None:
    """Run the archive jobs queued by `pressclip archive --enqueue` (PostgreSQL only).

    Start as many as you like, on any machines that reach the database: together they send
    one request at a time to a host, --delay apart (as given to archive --enqueue).

    Example: pressclip worker --db postgresql://press@db.example/press --concurrency 4
    """
    from .archive.queue import Worker, work
    from .archive.store import database_errors, is_postgres
    from .archive.walk import load_config

    if not is_postgres(db):
        fail("worker: --db must be a PostgreSQL URL (postgresql://…)")
        raise typer.Exit(2)
    plan_ = None
    if schedule is not None:
        if config is None:
            fail("worker: --schedule needs --config FILE")
            raise typer.Exit(2)
        try:
            load_config(config)  # fail now, not at the first tick
        except PressclipError as exc:
            fail(str(exc))
            raise typer.Exit(2) from None
        options = fetch_options(None, 20.0, 3, 20 * 2**20, delay, False)
        plan_ = (schedule, config, options, None)

    def summary(result: Any) -> None:
        if not quiet:
            sys.stderr.write(result.summary() + "\n")

    job_worker = Worker(db, files, summary, fail, stalled_after, plan_)
    try:
        work(job_worker, concurrency, burst)
    except database_errors(PressclipError, OSError) as exc:
        fail(str(exc))
        raise typer.Exit(1) from None


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        fail("interrupted")
        sys.exit(130)
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)


@app.command()
def detect(
    source: Annotated[str, typer.Argument(help="A saved page, - for stdin, or an http(s) URL.")],
    base_url: BaseUrlOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Show which reader takes a page, view or list, and each field with where it came from.

    Example: pressclip detect post.html --base-url "https://example.kr/board/view.do?id=1"
    """
    import json

    from .decode import decode
    from .extract.html import describe

    url: str | None = base_url
    try:
        if source.startswith(("http://", "https://")):
            from .fetch.http import Fetcher

            with Fetcher(FetchOptions()) as fetcher:
                page = fetcher.fetch(source)
            text, url = page.text, base_url or page.url
        else:
            data = read_input(source)
            if not data.strip():
                raise PressclipError("empty input")
            text = decode(data)[0]
        info = describe(text, url)
    except PressclipError as exc:
        message = str(exc)
        fail(message if message.startswith(source) else f"{source}: {message}")
        raise typer.Exit(1) from None
    if as_json:
        typer.echo(json.dumps(info, ensure_ascii=False, indent=2))
        return
    typer.echo(f"reader: {info['reader']}")
    typer.echo(f"kind: {info['kind']}")
    if info["kind"] == "list":
        typer.echo(f"posts: {info['posts']}")
        typer.echo(f"next_page: {info['next_page']}")
        return
    for name, item in info["fields"].items():
        value = item["value"]
        if name == "attachments":
            value = ", ".join(f"{a['name']} <{a['url']}>" for a in value) or None
        typer.echo(f"{name}: {value}  [{item['source'] or 'not found'}]")
