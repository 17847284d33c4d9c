"""The command line: a thin typer layer over the library. Each command parses its options,
calls :mod:`pressclip.pipeline` and :mod:`pressclip.output`, and turns library errors into
one-line messages with a non-zero exit.

Start-up matters (a command runs from cron and shell loops): only typer is imported here;
each command imports what it uses (the network code only for network commands).
Annotations are evaluated at definition (no ``from __future__ import annotations``): typer
reads them at every start, and live objects are quicker to read than strings.
"""

import contextlib
import copy
import dataclasses
import math
import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from . import __version__
from .errors import PressclipError, os_message, os_reason

if TYPE_CHECKING:  # imported where used, so each command loads only what it needs
    from .fetch.http import FetchOptions
    from .model import Article

app = typer.Typer(
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: no rich (nor its import) for --help
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    help="Scrape press releases from bulletin boards into clean, deduplicated records.",
)

#: Exit codes: a usage error is 2 (typer's), an interrupted run 130, a locked archive 75
#: (EX_TEMPFAIL: try again later).
EXIT_LOCKED = 75
EXIT_INTERRUPTED = 130


class Format(str, Enum):
    json = "json"
    jsonl = "jsonl"
    text = "text"


class RecordFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    text = "text"
    csv = "csv"
    csv_raw = "csv-raw"
    markdown = "markdown"


# Options shared by the commands, defined once.
FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", metavar="FORMAT", help="json, jsonl or text.")
]
RecordFormatOpt = Annotated[
    RecordFormat | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="json, jsonl, text, csv (UTF-8, BOM; formula cells neutralised), csv-raw, markdown"
        " [default: json, or what -o FILE's suffix names].",
        show_default=False,
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write here instead of stdout (a file: a temp file renamed into place at the end); "
        "without --format, a .json, .jsonl, .txt, .csv or .md name picks the format.",
        dir_okay=False,
    ),
]
UserAgentOpt = Annotated[
    str | None, typer.Option(metavar="UA", help="User-Agent header [default: pressclip/VERSION].")
]
TimeoutOpt = Annotated[
    float | None,
    typer.Option(min=0.1, metavar="S", help="Connect and read timeout, seconds [default: 20]."),
]
RetriesOpt = Annotated[
    int, typer.Option(min=0, metavar="N", help="Retries on connection errors, 5xx and 429.")
]
MaxBytesOpt = Annotated[
    str,
    typer.Option(metavar="SIZE", help="Largest page or file: 20MiB, 500KiB, 1GB or bytes."),
]
DelayOpt = Annotated[
    float | None,
    typer.Option(min=0, metavar="S", help="Pause between requests to a host, s [default: 1]."),
]
IgnoreRobotsOpt = Annotated[bool, typer.Option("--ignore-robots", help="Do not obey robots.txt.")]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option("--base-url", metavar="URL", help="The page's address: base for links."),
]
DeadlineOpt = Annotated[
    float,
    typer.Option(
        min=0.1, metavar="S", help="Longest one request may take, headers and body, seconds."
    ),
]
ProfileOpt = Annotated[
    Path | None,
    typer.Option(
        "--profile",
        metavar="FILE",
        help="A site profile (TOML) to read the pages with.",
        dir_okay=False,
    ),
]
ScriptOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--script",
        metavar="FILE",
        help="A saved script file of the page (its <script src>) whose functions rows call "
        "(repeatable).",
        dir_okay=False,
    ),
]
HeaderOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--header", "-H", metavar="'NAME: VALUE'", help="Extra request header (repeatable)."
    ),
]
CookiesOpt = Annotated[
    Path | None,
    typer.Option(
        "--cookies", metavar="FILE", help="Cookies to send: a cookies.txt (Netscape) file."
    ),
]
InputFileOpt = Annotated[
    str | None,
    typer.Option(
        "--input-file",
        "-i",
        metavar="FILE",
        help="Read URLs from FILE (- for stdin): one a line, # comments.",
    ),
]
WarcOpt = Annotated[
    Path | None,
    typer.Option(
        "--warc", metavar="FILE", help="Record every request and response in FILE (WARC)."
    ),
]
VerboseOpt = Annotated[
    bool,
    typer.Option("--verbose", "-v", help="Show each request, the reader chosen and rows skipped."),
]
OcrOpt = Annotated[
    bool,
    typer.Option(
        "--ocr",
        help="Read scanned PDF pages and images with Tesseract (kor+eng; pressclip[ocr]).",
    ),
]
RenderOpt = Annotated[
    str | None,
    typer.Option(
        "--render",
        metavar="[auto]",
        help="Run pages in headless Chromium first (auto: only pages empty without their"
        " scripts; pressclip[browser]).",
    ),
]
QuietOpt = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress or summary (errors still shown).")
]
DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="PRESSCLIP_DB",
        metavar="FILE|URL",
        help="The archive: a SQLite file, or a postgresql://user@host/db URL "
        "[default: the config's db, else pressclip.sqlite].",
        show_default=False,
    ),
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config",
        metavar="FILE",
        help="boards.toml whose [defaults] apply [default: PRESSCLIP_CONFIG, ./boards.toml, "
        "$XDG_CONFIG_HOME/pressclip/boards.toml].",
        dir_okay=False,
    ),
]
SinceOpt = Annotated[
    str | None,
    typer.Option(
        metavar="DATE",
        help="Only posts first archived at or after DATE: YYYY-MM-DD, YYYYMMDD or ISO 8601 "
        "(Korean time, Asia/Seoul, unless it gives an offset or Z).",
    ),
]
BoardOpt = Annotated[str | None, typer.Option(metavar="NAME", help="Only this board.")]


# -- small helpers -------------------------------------------------------------------------------

_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?)(b?)\s*", re.I)


def parse_size(text: str) -> int:
    """Bytes of ``20MiB``, ``500k``, ``1.5GB`` or ``1048576``: KiB/MiB/GiB (and a bare
    K/M/G) count in 1024s, KB/MB/GB in 1000s. ValueError for anything else."""
    m = _SIZE.fullmatch(text)
    if not m or (m.group(3) and not m.group(2)):
        raise ValueError(text)
    number, prefix, binary, b = m.groups()
    power = "kmgt".find(prefix.lower()) + 1 if prefix else 0
    base = 1000 if (b and not binary and prefix) else 1024
    value = int(float(number) * base**power)
    if value < 1:
        raise ValueError(text)
    return value


def format_size(n: int) -> str:
    """``20971520`` → ``20MiB``; sizes that are no whole KiB/MiB/GiB stay in bytes."""
    for unit, power in (("GiB", 3), ("MiB", 2), ("KiB", 1)):
        if n % 1024**power == 0:
            return f"{n // 1024**power}{unit}"
    return f"{n}B"


def size_option(text: str, name: str = "--max-bytes") -> int:
    """A size option's bytes, or a usage error naming the option."""
    try:
        return parse_size(text)
    except ValueError:
        raise typer.BadParameter(
            f"{text!r} is not a size (use e.g. 20MiB, 500KiB, 1GB or a number of bytes)",
            param_hint=f"'{name}'",
        ) from None


def parse_headers(values: list[str] | None) -> dict[str, str]:
    """``--header 'Name: value'`` options as a dict; a usage error for a malformed one."""
    from .fetch.http import check_header

    headers: dict[str, str] = {}
    for value in values or []:
        name, sep, rest = value.partition(":")
        if not sep or not name.strip() or any(c in name for c in " \t\r\n"):
            raise typer.BadParameter(f"{value!r} is not 'Name: value'", param_hint="'--header'")
        headers[name.strip()] = rest.strip()
        try:
            check_header(name.strip(), rest.strip())
        except PressclipError as exc:
            raise typer.BadParameter(str(exc), param_hint="'--header'") from None
    return headers


def load_cookies(path: Path | None) -> Any:
    """The cookies of a cookies.txt file (the Netscape format browsers' export add-ons and
    curl write), or None; a usage error naming the file if it cannot be read."""
    if path is None:
        return None
    from http.cookiejar import LoadError, MozillaCookieJar

    jar = MozillaCookieJar(str(path))
    try:
        jar.load(ignore_discard=True, ignore_expires=True)
    except FileNotFoundError:
        raise typer.BadParameter(f"{path}: no such file", param_hint="'--cookies'") from None
    except (LoadError, OSError, UnicodeDecodeError) as exc:
        why = str(exc).splitlines()[0] if str(exc) else "not a cookies.txt file"
        raise typer.BadParameter(f"{path}: {why}", param_hint="'--cookies'") from None
    for cookie in jar:
        if cookie.expires == 0:  # curl's and the export add-ons' mark of a session cookie
            cookie.expires = None
            cookie.discard = True
    return jar


def read_url_list(source: str) -> list[str]:
    """The URLs of a file (``-`` is stdin): one a line; blank lines and ``#`` comments (a
    whole line, or after a space) are skipped."""
    try:
        if source == "-":
            text = sys.stdin.read()
        else:
            text = Path(source).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise PressclipError(f"{source}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PressclipError(f"{source}: cannot read: {exc}") from None
    urls = []
    for line in text.splitlines():
        line = re.sub(r"(^|\s)#.*", "", line).strip()
        if line:
            urls.append(line)
    return urls


def gather_urls(urls: list[str] | None, input_file: str | None) -> list[str]:
    """The URL arguments, with ``-`` (or ``--input-file``) read as a list of URLs."""
    out: list[str] = []
    for url in urls or []:
        out += read_url_list("-") if url == "-" else [url]
    if input_file is not None:
        out += read_url_list(input_file)
    return out


class Log:
    """Messages on stderr (or to ``out``, a line writer: see
    :class:`pressclip.archive.runlog.RunLog`): errors always, notes unless ``quiet``, details
    when ``verbose``."""

    def __init__(
        self, verbose: bool = False, quiet: bool = False, out: Callable[[str], None] | None = None
    ) -> None:
        self.verbose = verbose
        self.quiet = quiet
        self.out = out or (lambda line: sys.stderr.write(f"{line}\n"))

    def detail(self, message: str) -> None:
        if self.verbose:
            self.out(f"pressclip: {message}")

    def error(self, message: str) -> None:
        self.out(f"pressclip: error: {_shown(message)}")

    def warning(self, message: str) -> None:
        self.out(f"pressclip: warning: {_shown(message)}")

    def waiting(self, url: str, seconds: float) -> None:
        """A request still waiting for its answer (``--verbose``; FetchOptions.on_wait)."""
        self.detail(f"{_shown(url)}: waiting for an answer, {seconds:.0f} s so far")

    def sources(self, where: str, article: Any) -> None:
        """Where each field of ``article`` was found, a line a field (``--verbose``)."""
        for name, source in getattr(article, "sources", {}).items():
            self.detail(f"{where}: {name} from {source}")

    def note(self, message: str) -> None:
        if not self.quiet:
            self.out(message)

    def exchange(self, resp: Any, body: bytes | None) -> None:
        """A request and its response, one line (the recorder hook of ``--verbose``)."""
        size = "body not read" if body is None else f"{len(body):,} bytes"
        ctype = resp.headers.get("Content-Type", "-").split(";")[0]
        seconds = resp.elapsed.total_seconds() if resp.elapsed else 0.0
        self.detail(
            f"{resp.request.method} {resp.request.url} -> {resp.status_code} "
            f"{ctype}, {size}, {seconds:.2f} s"
        )

    def skip(self, url: str, why: str) -> None:
        self.detail(f"skipped {url}: {why}")


def fetch_options(
    user_agent: str | None,
    timeout: float,
    retries: int,
    max_bytes: int,
    delay: float,
    ignore_robots: bool,
    headers: dict[str, str] | None = None,
    cookies: Any = None,
    recorder: Callable[[Any, bytes | None], None] | None = None,
    deadline: float = 120.0,
) -> "FetchOptions":
    """The shared network options as the library takes them; a usage error (exit 2) for a
    value no request can use (inf, nan, 1e308 …)."""
    from .fetch.http import DEFAULT_USER_AGENT, FetchOptions

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
            headers=headers or {},
            cookies=cookies,
            recorder=recorder,
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


def site_profile(path: Path | None) -> Any:
    """The Profile in ``path`` (None without one); a bad file is a usage error (exit 2)."""
    if path is None:
        return None
    from .extract.site import load_profile

    try:
        return load_profile(path)
    except PressclipError as exc:
        usage_error(str(exc))


@contextlib.contextmanager
def recorders(log: Log, warc: Path | None) -> Iterator[Callable[[Any, bytes | None], None] | None]:
    """The Fetcher's recorder for ``--verbose`` and ``--warc`` (None when neither is on)."""
    hooks: list[Callable[[Any, bytes | None], None]] = [log.exchange] if log.verbose else []
    recorder = None
    if warc is not None:
        from .output.warc import WarcRecorder

        try:
            recorder = WarcRecorder(warc)
        except OSError as exc:
            fail(os_message(exc, warc))
            raise typer.Exit(1) from None
        hooks.append(recorder)

    def both(resp: Any, body: bytes | None) -> None:
        for hook in hooks:
            hook(resp, body)

    try:
        yield both if hooks else None
    finally:
        if recorder is not None:
            recorder.close()


def fail(message: str) -> None:
    """Print one error line on stderr (no credentials, no control characters)."""
    sys.stderr.write(f"pressclip: error: {_shown(message)}\n")


def message_of(exc: BaseException) -> str:
    """An error's one line: an OSError names its file (no ``[Errno 2] …``)."""
    return os_message(exc) if isinstance(exc, OSError) else str(exc)


def warn(message: str) -> None:
    """Print one warning line on stderr."""
    sys.stderr.write(f"pressclip: warning: {_shown(message)}\n")


def _shown(message: str) -> str:
    from .output.writers import one_line
    from .urls import redact

    return one_line(redact(message))


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """Ctrl-C ends the command with one line and exit 130 (the output keeps what was
    written: see :func:`pressclip.output.writers.record_output`)."""
    try:
        yield
    except KeyboardInterrupt:
        fail("interrupted")
        raise typer.Exit(EXIT_INTERRUPTED) from None


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
        raise PressclipError(os_reason(exc)) from None
    if len(data) > limit:
        raise too_large
    return data


def saved_scripts(paths: list[Path] | None, limit: int = 2 * 2**20) -> list[str]:
    """The decoded text of each ``--script FILE`` (at most ``limit`` bytes each); a file
    that cannot be read is a usage error (exit 2)."""
    from .decode import decode

    texts = []
    for path in paths or []:
        try:
            texts.append(decode(read_input(str(path), limit))[0])
        except PressclipError as exc:
            usage_error(f"{path}: {exc}")
    return texts


def explain(source: str, article: "Article", removed: list[Any]) -> None:
    """List on stderr each collapsed paragraph and why."""
    from .output.writers import one_line

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
        typer.Option(
            "--version", "-V", callback=version_callback, is_eager=True, help="Show version."
        ),
    ] = False,
) -> None:
    """pressclip: press releases from bulletin boards, without the chrome and the repeats."""


def pipe_closed() -> NoReturn:
    """The reader of stdout went away (``| head -1``): end quietly with exit 0, as ``cat``
    does (what is still buffered goes to /dev/null, not into a second error)."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    raise typer.Exit(0)


def chosen_format(
    fmt: Enum | None, output: Path | None, choices: list[str] | None = None
) -> str | None:
    """``--format``'s value, else the one ``-o FILE``'s suffix names (``.csv``: csv, if one
    of ``choices``), else None (the command's default)."""
    from .output.writers import format_for

    return str(fmt.value) if fmt is not None else format_for(output, choices)


@contextlib.contextmanager
def writing(output: Path | None, fmt: str, **kw: Any) -> Iterator[Any]:
    """:func:`record_output` with its errors (a missing folder, a FIFO, a full disk) as one
    line."""
    from .output.writers import OutputError, record_output

    try:
        with record_output(output, fmt, **kw) as writer:
            yield writer
    except BrokenPipeError:
        pipe_closed()
    except OutputError as exc:
        fail(str(exc))
        raise typer.Exit(1) from None
    except OSError as exc:
        fail(os_message(exc, output))
        raise typer.Exit(1) from None


@app.command(short_help="Clean saved pages or scraped text files into records.")
def clean(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH", help="Saved pages or scraped text files; - for stdin."),
    ],
    fmt: RecordFormatOpt = None,
    output: OutputOpt = None,
    base_url: BaseUrlOpt = None,
    no_dedup: Annotated[bool, typer.Option("--no-dedup", help="Keep repeated paragraphs.")] = False,
    show: Annotated[
        bool, typer.Option("--explain", help="List collapsed paragraphs and why, on stderr.")
    ] = False,
    max_bytes: Annotated[
        str,
        typer.Option(metavar="SIZE", help="Most an HWP/HWPX/PDF may unpack to [default: 64MiB]."),
    ] = "64MiB",
    profile_file: ProfileOpt = None,
    ocr: OcrOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Clean a saved board page (HTML), a scraped text file, or an HWP/HWPX/PDF release.

    Example: pressclip clean post.txt --format text

    Example: pressclip clean release.hwp -f json
    """
    from .pipeline import apply_dedup, read_document

    log = Log(verbose)
    cap = size_option(max_bytes)
    profile = site_profile(profile_file)
    failed = False
    single = len(paths) == 1
    chosen = chosen_format(fmt, output) or "json"
    with interruptible(), writing(output, chosen, auto=True, array=False) as writer:
        if not single:
            writer.as_lines()
        for path in paths:
            try:
                raw = read_input(path)
                article = read_document(
                    raw, url=base_url, name=path, max_bytes=cap, profile=profile, ocr=ocr
                )
            except PressclipError as exc:
                fail(f"{path}: {exc}")
                failed = True
                continue
            log.detail(f"{path}: read by the {article.engine} reader")
            log.sources(path, article)
            if not no_dedup:
                article, removed = apply_dedup(article)
                if show:
                    explain(path, article, removed)
            data = article.to_dict() if single else {"source": path, **article.to_dict()}
            writer.write(article, data)
    if failed:
        raise typer.Exit(1)


def emit(records: list[Any], fmt: Format, output: Path | None, *, single: bool) -> None:
    """Write ``records``; nothing at all (no file) when there are none."""
    if not records:
        return
    from .output.writers import open_output, render

    try:
        with open_output(output) as out:
            for piece in render(records, fmt.value, single=single):
                out.write(piece)
    except BrokenPipeError:
        pipe_closed()
    except PressclipError as exc:  # -o names a FIFO, a device, a missing folder …
        fail(str(exc))
        raise typer.Exit(1) from None
    except OSError as exc:
        fail(os_message(exc, output))
        raise typer.Exit(1) from None


@app.command("list", short_help="The posts on a saved list page, and the next page.")
def list_(
    path: Annotated[str, typer.Argument(metavar="PATH", help="A saved list page; - for stdin.")],
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="json, jsonl or text [default: json, or what -o FILE's suffix names].",
        ),
    ] = None,
    output: OutputOpt = None,
    base_url: BaseUrlOpt = None,
    profile_file: ProfileOpt = None,
    script_files: ScriptOpt = None,
) -> None:
    """Print the posts on a board's list page and the next page's address.

    Example: pressclip list press_list.html --base-url "http://example.kr/bbs/board.php?bo_table=press"
    """
    from .decode import decode
    from .output.writers import render_listing
    from .pipeline import parse_list

    profile = site_profile(profile_file)
    scripts = saved_scripts(script_files)
    try:
        data = read_input(path)
        if not data.strip():
            raise PressclipError("empty input")
        listing = parse_list(decode(data)[0], base_url, profile, scripts)
    except PressclipError as exc:
        fail(f"{path}: {exc}")
        raise typer.Exit(1) from None
    for warning in listing.warnings:  # rows kept with url null, a pager we cannot follow
        warn(f"{path}: {warning}")
    fmt = Format(chosen_format(fmt, output, [f.value for f in Format]) or "json")
    if fmt is Format.text:
        emit([render_listing(listing)], fmt, output, single=True)
        return
    if fmt is Format.json:
        emit([listing.to_dict()], fmt, output, single=True)
    else:
        rows = [p.to_dict() for p in listing.posts]
        emit(rows + [{"next_page": listing.next_page}], fmt, output, single=False)


@app.command(short_help="Download posts or list pages; print records as they come.")
def fetch(
    urls: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[URL]...", help="Post or list-page URLs (http/https); - reads stdin."
        ),
    ] = None,
    input_file: InputFileOpt = None,
    fmt: Annotated[
        RecordFormat | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="json, jsonl, text, csv or markdown [default: what -o FILE's suffix names, "
            "else json for one post, jsonl for more].",
        ),
    ] = None,
    output: OutputOpt = None,
    base_url: BaseUrlOpt = None,
    pages: Annotated[
        int, typer.Option(min=1, metavar="N", help="List pages to follow via next_page.")
    ] = 1,
    limit: Annotated[int | None, typer.Option(min=1, metavar="N", help="At most N posts.")] = None,
    user_agent: UserAgentOpt = None,
    header: HeaderOpt = None,
    cookies: CookiesOpt = None,
    timeout: TimeoutOpt = None,
    retries: RetriesOpt = 3,
    max_bytes: MaxBytesOpt = "20MiB",
    delay: DelayOpt = None,
    deadline: DeadlineOpt = 120.0,
    ignore_robots: IgnoreRobotsOpt = False,
    no_dedup: Annotated[bool, typer.Option("--no-dedup", help="Keep repeated paragraphs.")] = False,
    profile_file: ProfileOpt = None,
    warc: WarcOpt = None,
    ocr: OcrOpt = False,
    render: RenderOpt = None,
    verbose: VerboseOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Download posts (or the posts on a list page) and print their records as they come.

    Example: pressclip fetch "https://example.kr/bbs/board.php?bo_table=press&wr_id=12"
    """
    log = Log(verbose, quiet)
    cap = size_option(max_bytes)
    extra = parse_headers(header)
    jar = load_cookies(cookies)
    profile = site_profile(profile_file)
    render = render_mode(render)
    try:
        targets = gather_urls(urls, input_file)
    except PressclipError as exc:
        fail(str(exc))
        raise typer.Exit(1) from None
    if not targets:
        fail("no URLs: give URL arguments, - (stdin) or --input-file FILE")
        raise typer.Exit(2)
    from .fetch.crawl import crawl
    from .fetch.http import Fetcher

    named = chosen_format(fmt, output)  # -f, else the -o FILE's suffix
    auto = named is None and len(targets) == 1
    chosen = named or ("json" if auto else "jsonl")
    failed = 0
    with (
        interruptible(),
        recorders(log, warc) as recorder,
        # no --format: json for one post, JSON lines for more; -f json: an object or an array
        writing(output, chosen, auto=chosen == "json", array=named is not None) as writer,
    ):
        options = fetch_options(
            user_agent,
            20.0 if timeout is None else timeout,
            retries,
            cap,
            1.0 if delay is None else delay,
            ignore_robots,
            extra,
            jar,
            recorder,
            deadline,
        )
        with (
            Fetcher(options) as fetcher,
            browser(fetcher, render) as renderer,
            progress(quiet) as step,
        ):
            for outcome in crawl(
                targets,
                fetcher,
                pages=pages,
                limit=limit,
                base_url=base_url,
                collapse=not no_dedup,
                on_url=step,
                on_skip=log.skip,
                profile=profile,
                ocr=ocr,
                renderer=renderer,
            ):
                if outcome.article is None:
                    fail(outcome.error or f"{outcome.url}: failed")
                    failed += 1
                    writer.as_lines()
                    continue
                article = outcome.article
                if outcome.listed:
                    writer.as_lines()  # a list page's posts: JSON lines from the first one
                log.detail(f"{outcome.url}: read by the {article.engine} reader")
                log.sources(outcome.url, article)
                writer.write(article, article.to_dict())
    if failed:
        raise typer.Exit(1)


RENDER_MODES = ("always", "auto")


def render_argv(argv: list[str]) -> list[str]:
    """``argv`` with a bare ``--render`` (not followed by a mode) as ``--render=always``: the
    option's value is optional, which the parser cannot tell from a URL or an option."""
    out: list[str] = []
    for n, arg in enumerate(map(str, argv)):
        if arg == "--":
            return out + [str(a) for a in argv[n:]]
        following = str(argv[n + 1]).lower() if n + 1 < len(argv) else ""
        bare = arg == "--render" and following not in RENDER_MODES
        out.append("--render=always" if bare else arg)
    return out


def render_mode(value: str | None) -> str | None:
    """``--render``'s mode; a usage error (exit 2) for another value or when no browser is
    here (saying what to install)."""
    if value is None:
        return None
    if value.lower() not in RENDER_MODES:
        usage_error(f"--render: {value!r} is not a mode (give auto, always or nothing)")
    from .fetch.render import RenderUnavailable, check_available

    try:
        check_available()
    except RenderUnavailable as exc:
        usage_error(str(exc))
    return value.lower()


@contextlib.contextmanager
def browser(fetcher: Any, mode: str | None) -> Iterator[Any]:
    """The run's Renderer (see :mod:`pressclip.fetch.render`), closed at the end; None
    without ``--render``. A browser that cannot start is a usage error (exit 2)."""
    if mode is None:
        yield None
        return
    from .fetch.render import Renderer, RenderUnavailable

    renderer = Renderer(fetcher, mode)
    try:
        if mode == "always":
            renderer.start()  # a browser that cannot start fails the run before any request
        yield renderer
    except RenderUnavailable as exc:
        usage_error(str(exc))
    finally:
        renderer.close()


def board_render(value: str | None, boards: list[Any], enqueue: bool) -> str | None:
    """``archive --render``'s mode, checked like ``fetch --render``; boards rendering by
    their config need the browser too, and neither is queued (a usage error, exit 2)."""
    if enqueue and (value is not None or any(b.render for b in boards)):
        usage_error("--render and render = … are not queued: run `pressclip archive` itself")
    if value is None and any(b.render for b in boards):
        render_mode("always")  # only to check that the browser is here
        return None
    return render_mode(value)


@contextlib.contextmanager
def boards_browser(mode: str | None, boards: list[Any], user_agent: str) -> Iterator[Any]:
    """One Renderer for an archive run when any board renders (started on first use)."""
    if mode is None and not any(b.render for b in boards):
        yield None
        return
    from .fetch.render import Renderer

    renderer = Renderer(None, mode or "always", user_agent)
    try:
        yield renderer
    finally:
        renderer.close()


@contextlib.contextmanager
def progress(quiet: bool = False) -> Iterator[Callable[[str], None]]:
    """A rich spinner counting fetched pages on stderr when it is a terminal; else silence."""
    if quiet or not sys.stderr.isatty():
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
        yield lambda url: bar.update(task, advance=1, description=_shown(url))


@app.command(short_help="Archive boards' new posts and files (SQLite or PostgreSQL; cron).")
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
    retries: RetriesOpt = 3,
    max_bytes: MaxBytesOpt = "20MiB",
    deadline: DeadlineOpt = 120.0,
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
    log = _run_log(log_file, verbose, quiet)
    cap = size_option(max_bytes)
    jar = load_cookies(cookies)
    from .archive.config import config_defaults, database, find_config
    from .archive.parallel import archive_parallel
    from .archive.store import MAX_RUNS, database_errors, is_postgres, open_store
    from .archive.walk import Locked, Settings, plan, run_summary
    from .archive.walk import archive as run_archive

    try:
        given = gather_urls(urls, input_file)
        found = find_config(config)
        defaults = config_defaults(found)
        # a config found (not named) gives its boards only when no URL is given
        boards = plan(given, found if config is not None or not given else None)
        target = database(db, defaults)
        postgres_usable(target, queue="--enqueue" if enqueue else None)
        if enqueue and not is_postgres(target):
            raise PressclipError("--enqueue needs a PostgreSQL --db (postgresql://…)")
    except PressclipError as exc:
        usage_error(str(exc))
    headers = {**defaults.get("headers", {}), **parse_headers(header)}
    if enqueue and (headers or cookies or warc):
        usage_error(
            "--enqueue puts no secrets or local files in the queue's job rows: "
            "headers (-H or the config's), --cookies and --warc cannot be queued"
        )
    if enqueue and ocr:
        usage_error("--ocr is not queued: run `pressclip archive --ocr` itself")
    render = board_render(render, boards, enqueue)
    if render is not None or any(b.render for b in boards):
        parallel = 1  # one browser, driven from one thread: the boards take turns
    shared = Path("files") if is_postgres(target) else Path(target).parent / "files"
    files_dir = Path(files or defaults.get("files") or shared)
    failed = False
    from .attachments.ocr import ocr_asked

    try:
        with interruptible(), recorders(log, warc) as recorder, ocr_asked(ocr):
            options = fetch_options(
                user_agent or defaults.get("user_agent"),
                float(defaults.get("timeout", 20.0) if timeout is None else timeout),
                retries,
                cap,
                float(defaults.get("delay", 1.0) if delay is None else delay),
                ignore_robots,
                headers,
                jar,
                recorder,
                deadline,
            )
            if verbose and not enqueue:  # a host that accepts and never answers is seen
                options = dataclasses.replace(options, on_wait=log.waiting)
            if enqueue:
                from .archive.queue import enqueue_boards

                queued, waiting = enqueue_boards(target, boards, options, pages, full)
                log.note(f"queued {len(queued)} boards, {len(waiting)} already waiting")
                return
            with (
                _run_lock(target, wait),
                open_store(target) as store,
                progress(quiet) as step,
                boards_browser(render, boards, options.user_agent) as renderer,
            ):

                def summary(result: Any) -> None:
                    log.note(_shown(result.summary()))

                settings = Settings(
                    files_dir,
                    options,
                    pages,
                    full,
                    on_url=step,
                    on_error=log.error,
                    on_warning=log.warning,
                    on_skip=log.skip,
                    on_board=getattr(log.out, "enter", lambda name: None),
                    max_runs=int(max_runs or defaults.get("max_runs", MAX_RUNS)),
                    retry_failed=retry_failed,
                    render=render,
                    renderer=renderer,
                )
                started = time.monotonic()
                with _shared(store, boards, wait, settings):
                    if parallel > 1 and len(boards) > 1:
                        results = archive_parallel(
                            boards,
                            lambda: open_store(target),
                            settings,
                            _gates(target, settings),
                            parallel,
                            summary,
                        )
                    else:
                        if settings.gate is None:  # a host's delay holds between its boards too
                            settings.gate = _gates(target, settings)()
                        results = run_archive(boards, store, settings, summary)
                if getattr(log.out, "stamped", False):  # a log: its runs told apart
                    log.note(run_summary(results, time.monotonic() - started))
                failed = any(r.fresh for r in results)
    except Locked as exc:
        log.error(str(exc))
        raise typer.Exit(EXIT_LOCKED) from None
    except database_errors(PressclipError, OSError) as exc:
        log.error(message_of(exc))
        raise typer.Exit(1) from None
    if failed:
        raise typer.Exit(1)


@app.command(short_help="Write the archived posts as records.")
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
    from .archive.store import database_errors, open_store

    start = since_option(since)
    db = archive_db(db, config)[0]
    require_db(db)
    bad: list[str] = []
    try:
        with (
            interruptible(),
            open_store(db, readonly=True) as store,
            writing(
                output,
                chosen_format(fmt, output) or "jsonl",
                attachment_keys=("url", "path", "error", "read_error"),
            ) as writer,
        ):
            rows = store.records(since=start, board=board, unique=unique, on_bad=bad.append)
            for article, data in rows:
                writer.write(article, data)
    except database_errors(PressclipError) as exc:
        fail(str(exc))
        raise typer.Exit(1) from None
    for message in bad:
        fail(f"{db}: {message}")
    if bad:
        raise typer.Exit(1)


@app.command(short_help="Find archived posts by words in their title, body or attachments.")
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
    from .archive.search import parse_query, search_archive, write_hits
    from .archive.store import database_errors, open_store

    start = since_option(since)
    try:
        parse_query(query)
    except PressclipError as exc:
        usage_error(str(exc))
    db = archive_db(db, config)[0]
    require_db(db)
    try:
        with open_store(db, readonly=True) as store:
            hits = search_archive(store, query, board=board, since=start, limit=limit, warn=warn)
    except database_errors(PressclipError) as exc:
        fail(str(exc))
        raise typer.Exit(1) from None
    try:
        write_hits(hits, fmt.value, sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        pipe_closed()
    if not hits:
        raise typer.Exit(1)


class StatusFormat(str, Enum):
    text = "text"
    json = "json"


@app.command(short_help="What the archive holds and what keeps failing, board by board.")
def status(
    db: DbOpt = None,
    config: ConfigOpt = None,
    board: Annotated[
        str | None, typer.Option(metavar="NAME|URL", help="Only this board (name or list URL).")
    ] = None,
    fmt: Annotated[
        StatusFormat, typer.Option("--format", "-f", metavar="FORMAT", help="text or json.")
    ] = StatusFormat.text,
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
    from .archive.config import config_defaults
    from .archive.status import archive_status, status_json, status_text
    from .archive.store import MAX_RUNS, database_errors, is_postgres, open_store

    target, config = archive_db(db, config)
    defaults = config_defaults(config)  # read already by archive_db
    require_db(target)
    runs = int(max_runs or defaults.get("max_runs", MAX_RUNS))
    try:
        with open_store(target, readonly=True) as store:
            boards = archive_status(store, board, runs)
    except database_errors(PressclipError) as exc:
        fail(str(exc))
        raise typer.Exit(1) from None
    if is_postgres(target):
        from .archive.store.postgres import shown

        target = shown(target)  # no password
    used = {"config": None if config is None else str(config), "database": target}
    render = status_json if fmt is StatusFormat.json else status_text
    sys.stdout.write(render(boards, used))


def archive_db(db: str | None, config: Path | None) -> tuple[str, Path | None]:
    """The archive a command uses (``--db``, PRESSCLIP_DB, the config's ``db``, else
    pressclip.sqlite) and the config found (``--config``, PRESSCLIP_CONFIG, ./boards.toml,
    the user's); a config that cannot be read is a usage error."""
    from .archive.config import config_defaults, database, find_config

    found = find_config(config)
    try:
        target = database(db, config_defaults(found))
        postgres_usable(target)
        return target, found
    except PressclipError as exc:
        usage_error(str(exc))


def postgres_usable(target: str, queue: str | None = None) -> None:
    """A MissingExtra naming the extra when ``target``, or ``queue`` (the option or command
    using the job queue), needs PostgreSQL's packages and they are not installed."""
    from .archive.store import is_postgres, require_postgres

    if queue is not None:
        require_postgres(queue, queue=True)
    elif is_postgres(target):
        require_postgres("--db postgresql://…")


def require_db(db: str) -> None:
    """Exit 1 with one line when ``db`` is a SQLite path with no file there."""
    from .archive.store import is_postgres

    if not is_postgres(db) and not Path(db).is_file():
        fail(f"{db}: no such database")
        raise typer.Exit(1)


def since_option(since: str | None) -> str | None:
    """``--since`` as a UTC instant (see :func:`since_instant`); a usage error if it is not
    a date or time."""
    if since is None:
        return None
    try:
        return since_instant(since)
    except PressclipError as exc:
        usage_error(f"--since: {exc}")


def since_instant(text: str) -> str:
    """``--since`` as the UTC instant the archive's ``first_seen`` stamps are compared with
    (``2026-11-30T15:00:00+00:00``): a date (``2026-12-01``, ``20261201``) is its midnight in
    Korea (Asia/Seoul, +09:00 all year since 1988); a time without an offset is Korean time
    too; one with an offset (``+09:00``, ``Z``) is converted."""
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
        when = when.replace(tzinfo=dt.timezone(dt.timedelta(hours=9), "KST"))
    try:
        return when.astimezone(dt.timezone.utc).isoformat(timespec="seconds")
    except (OverflowError, ValueError):
        raise PressclipError(f"out of range: {text!r}") from None


def _run_log(log_file: Path | None, verbose: bool, quiet: bool) -> Log:
    """The archive run's Log: lines stamped with their time and board in ``log_file`` (opened
    for appending) or on stderr when it is no terminal (see pressclip.archive.runlog)."""
    from .archive.runlog import RunLog, stamps_lines

    stream: Any = sys.stderr
    if log_file is not None:
        try:
            stream = open(log_file, "a", encoding="utf-8")  # noqa: SIM115 - lives for the run
        except OSError as exc:
            fail(os_message(exc, log_file))
            raise typer.Exit(1) from None
    stamped = stamps_lines(sys.stderr, os.environ.get("PRESSCLIP_LOG"), log_file is not None)
    return Log(verbose, quiet, out=RunLog(stream, stamped))


def _gates(target: str, settings: Any) -> Callable[[], Any]:
    """What gives each thread of ``archive --parallel`` its gate: PostgreSQL, a host lease
    of its own (shared with every process); SQLite, the one gate of this process."""
    from .archive.store import is_postgres

    if is_postgres(target):
        from .archive.lease import HOLD_MARGIN, HostLease

        options = settings.options
        hold = options.deadline + options.delay + HOLD_MARGIN
        return lambda: HostLease(target, hold)
    from .archive.parallel import LocalGate

    shared = LocalGate()
    return lambda: shared


def _run_lock(db: str, wait: bool) -> contextlib.AbstractContextManager[None]:
    """SQLite: the file lock beside the database (PostgreSQL holds boards instead)."""
    from .archive.store import is_postgres
    from .archive.walk import locked

    return contextlib.nullcontext() if is_postgres(db) else locked(Path(db), wait=wait)


@contextlib.contextmanager
def _shared(store: Any, boards: list[Any], wait: bool, settings: Any) -> Iterator[None]:
    """PostgreSQL: hold the run's boards against other runs and workers, and send requests
    through the host leases every worker shares."""
    from .archive.store import is_postgres

    if not is_postgres(getattr(store, "url", None)):
        yield
        return
    from .archive.lease import HOLD_MARGIN, HostLease

    options = settings.options
    hold = options.deadline + options.delay + HOLD_MARGIN  # a lease outlives no request
    with (
        store.hold_boards([b.name for b in boards], wait=wait),
        HostLease(store.url, hold) as lease,
    ):
        settings.gate = lease
        yield


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
    from .archive.store import database_errors, is_postgres, open_store
    from .output.feed import atom_feed
    from .output.writers import open_output
    from .urls import redact

    start = since_option(since)
    db = archive_db(db, config)[0]
    require_db(db)
    try:
        with open_store(db, readonly=True) as store:
            newest = list(store.newest(limit, since=start, board=board))
        name = board or "all boards"
        document = atom_feed(
            newest,
            title=title or f"pressclip: {name}",
            name=f"{redact(db) if is_postgres(db) else Path(db).name}#{name}",
            self_url=feed_url,
        )
        with open_output(output) as out:
            out.write(document)
    except database_errors(PressclipError) as exc:
        fail(str(exc))
        raise typer.Exit(1) from None
    except BrokenPipeError:
        pipe_closed()
    except OSError as exc:
        fail(os_message(exc, output))
        raise typer.Exit(1) from None


@app.command(short_help="Run queued archive jobs (PostgreSQL), on any number of machines.")
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
    from .archive.store import database_errors, is_postgres
    from .archive.walk import load_config

    try:
        postgres_usable(db or "", queue="worker")
    except PressclipError as exc:
        usage_error(str(exc))
    db, config = archive_db(db, config)
    if not is_postgres(db):
        fail("worker: --db must be a PostgreSQL URL (postgresql://…)")
        raise typer.Exit(2)
    plan_ = None
    if schedule is not None:
        if config is None:
            fail("worker: --schedule needs a config (--config FILE or boards.toml)")
            raise typer.Exit(2)
        from croniter import croniter

        if not croniter.is_valid(schedule):
            fail(f"worker: --schedule {schedule!r} is not a cron line ('0 */6 * * *')")
            raise typer.Exit(2)
        try:
            load_config(config)  # fail now, not at the first tick
        except PressclipError as exc:
            fail(str(exc))
            raise typer.Exit(2) from None
        options = fetch_options(None, 20.0, 3, 20 * 2**20, 1.0 if delay is None else delay, False)
        plan_ = (schedule, config, options, None)

    def summary(result: Any) -> None:
        if not quiet:
            sys.stderr.write(_shown(result.summary()) + "\n")

    from .archive.queue import Worker, work

    job_worker = Worker(db, files, summary, fail, stalled_after, plan_)
    try:
        work(job_worker, concurrency, burst)
    except database_errors(PressclipError, OSError) as exc:
        fail(message_of(exc))
        raise typer.Exit(1) from None
    if job_worker.failed:
        raise typer.Exit(1)  # a job failed, or a board did not go well (each said so)


@app.command(short_help="Which reader takes a page, and where each field came from.")
def detect(
    source: Annotated[str, typer.Argument(help="A saved page, - for stdin, or an http(s) URL.")],
    base_url: BaseUrlOpt = None,
    profile_file: ProfileOpt = None,
    script_files: ScriptOpt = None,
    fmt: Annotated[
        StatusFormat, typer.Option("--format", "-f", metavar="FORMAT", help="text or json.")
    ] = StatusFormat.text,
    as_json: Annotated[bool, typer.Option("--json", hidden=True, help="-f json.")] = False,
) -> None:
    """Show which reader takes a page, view or list, and each field with where it came from.

    Example: pressclip detect post.html --base-url "https://example.kr/board/view.do?id=1"
    """
    import json

    from .pipeline import describe_input

    profile = site_profile(profile_file)
    scripts = saved_scripts(script_files)
    try:
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", source):
            info = _detect_url(source, base_url, profile)
        else:
            data = read_input(source)
            info = describe_input(data, base_url, name=source, profile=profile, scripts=scripts)
    except PressclipError as exc:
        message = str(exc)
        fail(message if message.startswith(source) else f"{source}: {message}")
        raise typer.Exit(1) from None
    for warning in info.get("warnings", []):  # list rows kept without an address …
        warn(f"{source}: {warning}")
    if as_json or fmt is StatusFormat.json:
        typer.echo(json.dumps(info, ensure_ascii=False, indent=2))
        return
    typer.echo(_shown(f"reader: {_detected('reader', info['reader'])}"))
    typer.echo(_shown(f"kind: {_detected('kind', info['kind'])}"))
    if info["kind"] == "list":
        missing = f" ({info['without_url']} without an address)" if info["without_url"] else ""
        typer.echo(_shown(f"posts: {info['posts']}{missing}"))
        typer.echo(_shown(f"next_page: {_detected('next_page', info['next_page'])}"))
        return
    for name, item in info["fields"].items():
        typer.echo(_shown(f"{name}: {_detected(name, item['value'])}"))
        if item["source"]:
            typer.echo(_shown(f"    from {item['source']}: {item['why']}"))
        else:
            typer.echo("    not found")
        for other in item.get("proposals", []):
            shown = _detected(name, other["value"])
            typer.echo(_shown(f"    also proposed by {other['source']}: {shown}"))


def _detected(name: str, value: Any) -> str:
    """A field's value as ``detect`` prints it in text."""
    if value is None:
        return "null"
    if name == "attachments":
        return ", ".join(f"{a['name']} <{a['url']}>" for a in value) or "none"
    if name == "body":
        if not value["lines"]:
            return "0 lines"
        return f"{value['lines']} lines, from {value['first']!r} to {value['last']!r}"
    return str(value)


def _detect_url(source: str, base_url: str | None, profile: Any) -> dict[str, Any]:
    """:func:`describe` of a fetched page (``fetch``'s defaults); a list page's rows read as
    ``fetch`` reads them, with the page's own script files when its rows need them."""
    from .extract.html import describe, describe_text, is_list_page
    from .fetch.crawl import listing_from_page
    from .fetch.http import Fetcher
    from .fetch.scripts import ScriptFiles
    from .pipeline import looks_like_html

    with Fetcher(fetch_options(None, 20.0, 3, 20 * 2**20, 1.0, False)) as fetcher:
        page = fetcher.fetch(source)
        url = base_url or page.url
        if not looks_like_html(page.text):
            return describe_text(page.text, url)
        listing = None
        if is_list_page(page.text, profile):
            listing = listing_from_page(page, base_url, profile, ScriptFiles(fetcher))
        return describe(page.text, url, profile, listing)


def app_for(argv: list[str]) -> typer.Typer:
    """The app, holding only the command ``argv`` names when it names one: typer reads
    the signature of every command it holds at each start, and running one needs one."""
    if not argv or argv[0].startswith("-"):
        return app
    chosen = [
        c
        for c in app.registered_commands
        if (c.name or getattr(c.callback, "__name__", None) or "").replace("_", "-") == argv[0]
    ]
    if len(chosen) != 1:
        return app  # a typo: the whole app, so the error lists the commands
    one = copy.copy(app)
    one.registered_commands = chosen
    return one


def main() -> None:
    """Console-script entry point."""
    try:
        app_for(sys.argv[1:])(render_argv(sys.argv[1:]))
    except KeyboardInterrupt:
        fail("interrupted")
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as cat does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
