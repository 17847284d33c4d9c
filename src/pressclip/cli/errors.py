"""The command line's error boundary: a library error becomes one line on stderr and an
exit code chosen by its type; any other exception is a bug and goes up as it is, to
:func:`internal_error` in the entry point (one line asking for a report, the traceback with
``-v``).

==========================================  =====
what                                        exit
==========================================  =====
:class:`Usage`, a missing extra             2
another run holds the archive (``Locked``)  75
Ctrl-C                                      130
PressclipError, OSError, a database error   1
any other exception (a bug)                 70
the reader of stdout went away              0, quietly
==========================================  =====
"""

import contextlib
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from typing import NoReturn

import typer

from ..errors import Locked, MissingExtra, PressclipError, os_message

EXIT_FAILED = 1
EXIT_USAGE = 2
#: EX_TEMPFAIL: another run holds the archive, try again later.
EXIT_LOCKED = 75
EXIT_INTERRUPTED = 130
#: EX_SOFTWARE: an exception pressclip does not expect, a defect to report.
EXIT_INTERNAL = 70
#: Longest text of an internal error's exception shown on its line (the traceback has all).
MAX_DETAIL = 300


class _Traceback:
    """Whether an internal error shows its traceback (``-v``/``--verbose`` was given)."""

    wanted = False


def want_traceback(value: bool) -> bool:
    """The callback of ``-v``/``--verbose``: an internal error will show its traceback."""
    if value:
        _Traceback.wanted = True
    return value


def reset_traceback() -> None:
    """A new run: no traceback until ``-v`` is read."""
    _Traceback.wanted = False


class Usage(PressclipError):
    """A value the command cannot use, found after parsing (exit 2, as typer's own)."""


def shown(message: str) -> str:
    """``message`` as one printable line, without credentials."""
    from ..output.writers import one_line
    from ..urls import redact

    return one_line(redact(message))


def fail(message: str) -> None:
    """Print one error line on stderr (no credentials, no control characters)."""
    sys.stderr.write(f"pressclip: error: {shown(message)}\n")


def warn(message: str) -> None:
    """Print one warning line on stderr."""
    sys.stderr.write(f"pressclip: warning: {shown(message)}\n")


def message_of(exc: BaseException, name: object = None) -> str:
    """An error's one line: an OSError names its file (no ``[Errno 2] …``)."""
    return os_message(exc, name) if isinstance(exc, OSError) else str(exc)


def usage_error(message: str) -> NoReturn:
    """Print a usage error line and exit 2."""
    fail(message)
    raise typer.Exit(EXIT_USAGE)


def pipe_closed() -> NoReturn:
    """The reader of stdout went away (``| head -1``): end quietly with exit 0, as ``cat``
    does (what is still buffered goes to /dev/null, not into a second error)."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    raise typer.Exit(0)


def exit_code(exc: BaseException) -> int | None:
    """The exit code of a library error, None for anything else (a bug)."""
    if isinstance(exc, (Usage, MissingExtra)):
        return EXIT_USAGE
    if isinstance(exc, Locked):
        return EXIT_LOCKED
    if isinstance(exc, (PressclipError, OSError)):
        return EXIT_FAILED
    store = sys.modules.get("pressclip.archive.store")  # likewise for database errors
    if store is not None and isinstance(exc, store.database_errors()):
        return EXIT_FAILED
    return None


@contextlib.contextmanager
def boundary(name: object = None, say: Callable[[str], None] = fail) -> Iterator[None]:
    """Library errors as one line (through ``say``) and their exit code; an OSError names
    ``name`` (the output file) when given. Usable as a command's decorator."""
    try:
        yield
    except BrokenPipeError:
        pipe_closed()
    except KeyboardInterrupt:  # on stderr, also when ``say`` writes a log file
        fail("interrupted")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except Exception as exc:
        code = exit_code(exc)
        if code is None:
            raise
        say(message_of(exc, name))
        raise typer.Exit(code) from None


def internal_error(exc: BaseException) -> NoReturn:
    """A defect, not bad input: one line naming the exception and asking for a report (with
    ``-v``, the traceback before it, without credentials), and :data:`EXIT_INTERNAL`."""
    if _Traceback.wanted:
        lines = traceback.format_exception(type(exc), exc, exc.__traceback__)
        sys.stderr.write(_redact("".join(lines)))
    detail = str(exc)
    detail = type(exc).__name__ + (f": {detail[:MAX_DETAIL]}" if detail else "")
    where = "the traceback above" if _Traceback.wanted else "the traceback that -v shows"
    sys.stderr.write(
        f"pressclip: internal error: {shown(detail)} "
        f"(a bug in pressclip: please report it, with {where})\n"
    )
    raise SystemExit(EXIT_INTERNAL)


def _redact(text: str) -> str:
    from ..urls import redact

    return redact(text)
