"""The command line: a thin typer layer over the library. Each command parses its options,
calls :mod:`pressclip.pipeline` and :mod:`pressclip.output`, and turns library errors into
one-line messages with a non-zero exit."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from . import __version__
from .errors import PressclipError
from .model import Article
from .output import open_output, render
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
        lines = [
            f"{p.date or '':10}  {'[공지] ' if p.notice else ''}{p.title}  <{p.url}>"
            for p in listing.posts
        ]
        lines.append(f"next page: {listing.next_page or '-'}")
        text_records: list[Any] = ["\n".join(lines) + "\n"]
        try:
            with open_output(output) as out:
                out.write(text_records[0])
        except OSError as exc:
            fail(f"{output}: {exc.strerror or exc}")
            raise typer.Exit(1) from None
        return
    if fmt is Format.json:
        emit([listing.to_dict()], fmt, output, single=True)
    else:
        rows = [p.to_dict() for p in listing.posts]
        emit(rows + [{"next_page": listing.next_page}], fmt, output, single=False)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        fail("interrupted")
        sys.exit(130)
