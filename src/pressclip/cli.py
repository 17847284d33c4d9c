"""The command line: a thin typer layer over the library. Each command parses its options,
calls :mod:`pressclip.pipeline` and :mod:`pressclip.output`, and turns library errors into
one-line messages with a non-zero exit."""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from . import __version__
from .errors import PressclipError
from .fetch.http import DEFAULT_USER_AGENT, FetchOptions
from .model import Article
from .output.writers import open_output, render, render_listing
from .pipeline import apply_dedup, read_document

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
IgnoreRobotsOpt = Annotated[bool, typer.Option(help="Do not obey robots.txt.")]
BaseUrlOpt = Annotated[
    str | None, typer.Option("--base-url", help="The page's address: base for relative links.")
]


def fetch_options(
    user_agent: str | None,
    timeout: float,
    retries: int,
    max_bytes: int,
    delay: float,
    ignore_robots: bool,
) -> FetchOptions:
    """The shared network options as the library takes them."""
    return FetchOptions(
        user_agent=user_agent or DEFAULT_USER_AGENT,
        timeout=timeout,
        retries=retries,
        max_bytes=max_bytes,
        delay=delay,
        respect_robots=not ignore_robots,
    )


def fail(message: str) -> None:
    """Print one error line on stderr."""
    sys.stderr.write(f"pressclip: error: {message}\n")


def read_input(path: str) -> bytes:
    """The bytes of ``path`` (``-`` is stdin), or a PressclipError saying why not."""
    if path == "-":
        return sys.stdin.buffer.read()
    p = Path(path)
    if p.is_dir():
        raise PressclipError("is a directory, not a file")
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise PressclipError("no such file") from None
    except PermissionError:
        raise PressclipError("permission denied") from None
    except OSError as exc:
        raise PressclipError(exc.strerror or str(exc)) from None


def explain(source: str, article: Article, removed: list[Any]) -> None:
    """List on stderr each collapsed paragraph and why."""
    for r in removed:
        preview = r.text if len(r.text) <= 60 else r.text[:59] + "…"
        sys.stderr.write(f"{source}: dropped «{preview}»: {r.reason}\n")
    if not removed:
        sys.stderr.write(f"{source}: nothing collapsed\n")


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
) -> None:
    """Clean a saved board page (HTML) or an already-scraped text file.

    Example: pressclip clean post.txt --format text
    """
    records: list[Any] = []
    failed = False
    for path in paths:
        try:
            article = read_document(read_input(path), url=base_url)
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
    except OSError as exc:
        fail(f"{output}: {exc.strerror or exc}")
        raise typer.Exit(1) from None


@app.command("list")
def list_(
    path: Annotated[str, typer.Argument(help="A saved list page; - for stdin.")],
    fmt: FormatOpt = Format.json,
    output: OutputOpt = None,
    base_url: BaseUrlOpt = None,
) -> None:
    """Print the posts on a board's list page and the next page's address.

    Example: pressclip list press_list.html --base-url "http://example.kr/bbs/board.php?bo_table=press"
    """
    from .decode import decode
    from .pipeline import parse_list

    try:
        data = read_input(path)
        if not data.strip():
            raise PressclipError("empty input")
        listing = parse_list(decode(data)[0], base_url)
    except PressclipError as exc:
        fail(f"{path}: {exc}")
        raise typer.Exit(1) from None
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
    ignore_robots: IgnoreRobotsOpt = False,
    no_dedup: Annotated[bool, typer.Option("--no-dedup", help="Keep repeated paragraphs.")] = False,
) -> None:
    """Download posts (or the posts on a list page) and print their records.

    Example: pressclip fetch "https://example.kr/bbs/board.php?bo_table=press&wr_id=12"
    """
    from .fetch.crawl import crawl
    from .fetch.http import Fetcher

    options = fetch_options(user_agent, timeout, retries, max_bytes, delay, ignore_robots)
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
        TextColumn("{task.completed} fetched  {task.description}"),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("", total=None)
        yield lambda url: bar.update(task, advance=1, description=url)


DbOpt = Annotated[Path, typer.Option("--db", help="The archive database (SQLite).", dir_okay=False)]


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
    db: DbOpt = Path("pressclip.sqlite"),
    files: Annotated[
        Path | None,
        typer.Option("--files", help="Attachments folder (default: 'files' beside the db)."),
    ] = None,
    pages: Annotated[
        int | None, typer.Option(min=1, help="At most this many list pages per board and run.")
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
    user_agent: UserAgentOpt = None,
    timeout: TimeoutOpt = 20.0,
    retries: RetriesOpt = 3,
    max_bytes: MaxBytesOpt = 20 * 2**20,
    ignore_robots: IgnoreRobotsOpt = False,
) -> None:
    """Archive new posts of boards (and their attachments) into a SQLite database.

    Walks list pages newest first, up to the first page ending with an archived post.

    Safe from cron: a second run exits at once (or waits, --wait); a killed run loses nothing.

    Exit 0 when all went well, 1 when a post, attachment or board failed, 2 for usage errors.

    Example: pressclip archive --config boards.toml --db /var/lib/pressclip/press.sqlite
    """
    import sqlite3

    from .archive.store import Store
    from .archive.walk import Locked, Settings, locked, plan
    from .archive.walk import archive as run_archive

    try:
        boards = plan(list(urls or []), config)
    except PressclipError as exc:
        fail(str(exc))
        raise typer.Exit(2) from None
    options = fetch_options(user_agent, timeout, retries, max_bytes, delay, ignore_robots)
    files_dir = files or db.parent / "files"
    failed = False
    try:
        with locked(db, wait=wait), Store.open(db) as store, progress() as step:

            def summary(result: Any) -> None:
                if not quiet:
                    sys.stderr.write(result.summary() + "\n")

            settings = Settings(files_dir, options, pages, full, step, fail)
            results = run_archive(boards, store, settings, summary)
            failed = not all(r.ok for r in results)
    except Locked as exc:
        fail(str(exc))
        raise typer.Exit(1) from None
    except (PressclipError, OSError, sqlite3.Error) as exc:
        fail(str(exc))
        raise typer.Exit(1) from None
    if failed:
        raise typer.Exit(1)


@app.command()
def export(
    db: DbOpt = Path("pressclip.sqlite"),
    fmt: FormatOpt = Format.jsonl,
    since: Annotated[
        str | None,
        typer.Option(help="Only posts first archived on or after this date (YYYY-MM-DD, UTC)."),
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
    import datetime as dt
    import sqlite3

    from .archive.store import Store

    if since is not None:
        try:
            dt.datetime.fromisoformat(since)
        except ValueError:
            fail(f"--since: not a date: {since!r} (use YYYY-MM-DD)")
            raise typer.Exit(2) from None
    if not db.is_file():
        fail(f"{db}: no such database")
        raise typer.Exit(1)
    try:
        with Store.open(db) as store:
            rows = list(store.records(since=since, board=board, unique=unique))
    except (PressclipError, sqlite3.Error) as exc:
        fail(str(exc))
        raise typer.Exit(1) from None
    if fmt is Format.text:
        emit([article for article, _ in rows], fmt, output, single=False)
    elif fmt is Format.json:
        emit([[data for _, data in rows]], fmt, output, single=True)
    else:
        emit([data for _, data in rows], fmt, output, single=False)


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
    from .extract.html import describe, describe_text
    from .pipeline import looks_like_html

    url: str | None = base_url
    try:
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", source):
            from .fetch.http import Fetcher

            with Fetcher(FetchOptions()) as fetcher:
                page = fetcher.fetch(source)
            text, url = page.text, base_url or page.url
        else:
            data = read_input(source)
            if not data.strip():
                raise PressclipError("empty input")
            text = decode(data)[0]
        info = describe(text, url) if looks_like_html(text) else describe_text(text, url)
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
