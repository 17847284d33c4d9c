"""What the commands share: the run's messages (:class:`Log`), the network options as the
library takes them, the recorders, the browser, the progress spinner, and writing records.

Only typer is imported at start; each helper imports what it uses.
"""

import contextlib
import math
import sys
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import PressclipError
from .errors import Usage, boundary, shown, usage_error
from .options import RENDER_MODES

if TYPE_CHECKING:
    from ..fetch.options import FetchOptions

#: Largest value of a seconds option (a day) and of --retries.
MAX_SECONDS = 86_400.0
MAX_RETRIES = 100


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
        self.out(f"pressclip: error: {shown(message)}")

    def warning(self, message: str) -> None:
        self.out(f"pressclip: warning: {shown(message)}")

    def waiting(self, url: str, seconds: float) -> None:
        """A request still waiting for its answer (``--verbose``; FetchOptions.on_wait)."""
        self.detail(f"{shown(url)}: waiting for an answer, {seconds:.0f} s so far")

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
    user_agent: str | None = None,
    timeout: float | None = None,
    retries: int | None = None,
    max_bytes: int | None = None,
    delay: float | None = None,
    ignore_robots: bool = False,
    headers: dict[str, str] | None = None,
    cookies: Any = None,
    recorder: Callable[[Any, bytes | None], None] | None = None,
    deadline: float | None = None,
) -> "FetchOptions":
    """The shared network options as the library takes them, FetchOptions' defaults for
    those not given; a usage error (exit 2) for a value no request can use (inf, nan …)."""
    from ..fetch.options import FetchOptions

    for name, value, most in (
        ("--timeout", timeout, MAX_SECONDS),
        ("--deadline", deadline, MAX_SECONDS),
        ("--delay", delay, MAX_SECONDS),
        ("--retries", retries, MAX_RETRIES),
    ):
        if value is not None and (not math.isfinite(value) or value > most):
            usage_error(f"{name}: {value!r} is out of range (at most {most:g})")
    if user_agent is not None and (not user_agent.isprintable() or not user_agent.strip()):
        usage_error("--user-agent: must be printable text")
    given = {
        "user_agent": user_agent or None,
        "timeout": timeout,
        "deadline": deadline,
        "retries": retries,
        "max_bytes": max_bytes,
        "delay": delay,
        "headers": headers or {},
        "cookies": cookies,
        "recorder": recorder,
    }
    try:
        return FetchOptions(
            respect_robots=not ignore_robots, **{k: v for k, v in given.items() if v is not None}
        )
    except PressclipError as exc:
        usage_error(str(exc))


def site_profile(path: Path | None) -> Any:
    """The Profile in ``path`` (None without one); a bad file is a usage error (exit 2)."""
    if path is None:
        return None
    from ..extract.site import load_profile

    try:
        return load_profile(path)
    except PressclipError as exc:
        usage_error(str(exc))


def saved_scripts(paths: list[Path] | None) -> list[str]:
    """The text of each ``--script FILE``; a file that cannot be read is a usage error."""
    from ..inputs import read_scripts

    try:
        return read_scripts(paths)
    except PressclipError as exc:
        usage_error(str(exc))


def cookies_option(path: Path | None) -> Any:
    """``--cookies FILE``'s cookies (None without it); a usage error naming the file."""
    import typer

    from ..inputs import load_cookies

    try:
        return load_cookies(path)
    except PressclipError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--cookies'") from None


def since_option(since: str | None) -> str | None:
    """``--since`` as a UTC instant (see :func:`pressclip.dates.since_instant`); a usage
    error if it is not a date or time."""
    if since is None:
        return None
    from ..dates import since_instant

    try:
        return since_instant(since)
    except PressclipError as exc:
        raise Usage(f"--since: {exc}") from None


@contextlib.contextmanager
def recorders(log: Log, warc: Path | None) -> Iterator[Callable[[Any, bytes | None], None] | None]:
    """The Fetcher's recorder for ``--verbose`` and ``--warc`` (None when neither is on)."""
    hooks: list[Callable[[Any, bytes | None], None]] = [log.exchange] if log.verbose else []
    recorder = None
    if warc is not None:
        from ..output.warc import WarcRecorder

        with boundary(warc):
            recorder = WarcRecorder(warc)
        hooks.append(recorder)

    def both(resp: Any, body: bytes | None) -> None:
        for hook in hooks:
            hook(resp, body)

    try:
        yield both if hooks else None
    finally:
        if recorder is not None:
            recorder.close()


def render_mode(value: str | None) -> str | None:
    """``--render``'s mode; a usage error (exit 2) for another value or when no browser is
    here (saying what to install)."""
    if value is None:
        return None
    if value.lower() not in RENDER_MODES:
        usage_error(f"--render: {value!r} is not a mode (give auto, always or nothing)")
    from ..fetch.render import RenderUnavailable, check_available

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
    from ..fetch.render import Renderer, RenderUnavailable

    renderer = Renderer(fetcher, mode)
    try:
        if mode == "always":
            renderer.start()  # a browser that cannot start fails the run before any request
        yield renderer
    except RenderUnavailable as exc:
        usage_error(str(exc))
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
        yield lambda url: bar.update(task, advance=1, description=shown(url))


def chosen_format(
    fmt: Enum | None, output: Path | None, choices: list[str] | None = None
) -> str | None:
    """``--format``'s value, else the one ``-o FILE``'s suffix names (``.csv``: csv, if one
    of ``choices``), else None (the command's default)."""
    from ..output.writers import format_for

    return str(fmt.value) if fmt is not None else format_for(output, choices)


@contextlib.contextmanager
def writing(output: Path | None, fmt: str, **kw: Any) -> Iterator[Any]:
    """:func:`record_output` with its errors (a missing folder, a FIFO, a full disk) as one
    line."""
    from ..output.writers import record_output

    with boundary(output), record_output(output, fmt, **kw) as writer:
        yield writer


def emit(records: list[Any], fmt: Enum, output: Path | None, *, single: bool) -> None:
    """Write ``records``; nothing at all (no file) when there are none."""
    if not records:
        return
    from ..output.writers import open_output, render

    with boundary(output), open_output(output) as out:  # -o names a FIFO, a missing folder …
        for piece in render(records, fmt.value, single=single):
            out.write(piece)


def explain(source: str, article: Any, removed: list[Any]) -> None:
    """List on stderr each collapsed paragraph and why."""
    from ..output.writers import one_line

    for r in removed:
        preview = r.text if len(r.text) <= 60 else r.text[:59] + "…"
        sys.stderr.write(one_line(f"{source}: dropped «{preview}»: {r.reason}") + "\n")
    if not removed:
        sys.stderr.write(one_line(f"{source}: nothing collapsed") + "\n")
