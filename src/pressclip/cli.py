"""The command line: a thin typer layer over the library. Each command parses its options,
calls :mod:`pressclip.pipeline` and :mod:`pressclip.output`, and turns library errors into
one-line messages with a non-zero exit."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from . import __version__
from .errors import PressclipError
from .model import Article
from .output import open_output, render, render_listing
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
BaseUrlOpt = Annotated[
    str | None, typer.Option("--base-url", help="The page's address: base for relative links.")
]


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
            "--format", "-f", help="Output format [default: json for one post, else jsonl]."
        ),
    ] = None,
    output: OutputOpt = None,
    base_url: BaseUrlOpt = None,
    pages: Annotated[int, typer.Option(min=1, help="List pages to follow via next_page.")] = 1,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many posts.")] = None,
    user_agent: Annotated[str | None, typer.Option(help="User-Agent header.")] = None,
    timeout: Annotated[float, typer.Option(min=0.1, help="Connect and read timeout, s.")] = 20.0,
    retries: Annotated[int, typer.Option(min=0, help="Retries on errors and 5xx/429.")] = 3,
    max_bytes: Annotated[int, typer.Option(min=1, help="Largest page, in bytes.")] = 20 * 2**20,
    delay: Annotated[float, typer.Option(min=0, help="Pause between requests to a host, s.")] = 1.0,
    ignore_robots: Annotated[bool, typer.Option(help="Do not obey robots.txt.")] = False,
    no_dedup: Annotated[bool, typer.Option("--no-dedup", help="Keep repeated paragraphs.")] = False,
) -> None:
    """Download posts (or the posts on a list page) and print their records.

    Example: pressclip fetch "https://example.kr/bbs/board.php?bo_table=press&wr_id=12"
    """
    from .crawl import crawl
    from .fetch import DEFAULT_USER_AGENT, Fetcher, FetchOptions

    options = FetchOptions(
        user_agent=user_agent or DEFAULT_USER_AGENT,
        timeout=timeout,
        retries=retries,
        max_bytes=max_bytes,
        delay=delay,
        respect_robots=not ignore_robots,
    )
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


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        fail("interrupted")
        sys.exit(130)
