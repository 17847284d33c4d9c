"""The options the commands share, defined once (typer ``Annotated`` aliases), and the
parsing of their values. The network options' defaults come from
:mod:`pressclip.fetch.defaults` (FetchOptions' own); the format choices from
:mod:`pressclip.output.formats`.

Annotations are evaluated at definition (no ``from __future__ import annotations``): typer
reads them at every start, and live objects are quicker to read than strings.
"""

import re
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias

import typer

from ..errors import PressclipError
from ..fetch import defaults as FETCH_DEFAULTS
from ..output.formats import LIST_FORMATS, RECORD_FORMATS, STATUS_FORMATS
from .errors import want_traceback

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


#: ``--max-bytes``'s default, as the option shows and takes it.
MAX_BYTES_DEFAULT = format_size(FETCH_DEFAULTS.MAX_BYTES)


def _choices(name: str, values: tuple[str, ...]) -> Any:
    """An Enum of format names for typer (``csv-raw`` is the member ``csv_raw``)."""
    return Enum(name, {v.replace("-", "_"): v for v in values}, type=str)  # type: ignore[misc]


if TYPE_CHECKING:  # made from the registry at run time: mypy sees them as any value
    Format: TypeAlias = Any
    RecordFormat: TypeAlias = Any
    StatusFormat: TypeAlias = Any
else:
    Format = _choices("Format", LIST_FORMATS)
    RecordFormat = _choices("RecordFormat", RECORD_FORMATS)
    StatusFormat = _choices("StatusFormat", STATUS_FORMATS)


# Options shared by the commands, defined once.
FormatOpt = Annotated[
    Format,
    typer.Option("--format", "-f", metavar="FORMAT", help="json, jsonl or text."),
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
    typer.Option(
        min=0.1,
        metavar="S",
        help=f"Connect and read timeout, seconds [default: {FETCH_DEFAULTS.TIMEOUT:g}].",
    ),
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
    typer.Option(
        min=0,
        metavar="S",
        help=f"Pause between requests to a host, s [default: {FETCH_DEFAULTS.DELAY:g}].",
    ),
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
    typer.Option(
        "--verbose",
        "-v",
        callback=want_traceback,
        help="Show each request, the reader chosen and rows skipped.",
    ),
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

ListFormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="json, jsonl or text [default: json, or what -o FILE's suffix names].",
    ),
]
StatusFormatOpt = Annotated[
    StatusFormat,
    typer.Option("--format", "-f", metavar="FORMAT", help="text or json."),
]
NoDedupOpt = Annotated[bool, typer.Option("--no-dedup", help="Keep repeated paragraphs.")]


# -- small helpers -------------------------------------------------------------------------------


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
    from ..fetch.options import check_header

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
