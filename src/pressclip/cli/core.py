"""The typer app, its ``--version``, and the console script's entry point."""

import copy
import importlib
import os
import sys
from collections.abc import Iterable
from typing import Annotated, Any

import typer

from .._version import __version__
from .errors import EXIT_INTERRUPTED, fail, internal_error, reset_traceback, want_traceback
from .options import render_argv

app = typer.Typer(
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: no rich (nor its import) for --help
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    help="Scrape press releases from bulletin boards into clean, deduplicated records.",
)


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
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            callback=want_traceback,
            help="Show the traceback of an internal error.",
        ),
    ] = False,
) -> None:
    """pressclip: press releases from bulletin boards, without the chrome and the repeats."""


#: Each command and the module of this package that defines it, in the order help lists
#: them: a command's run imports its own module only.
COMMANDS = {
    "clean": "records",
    "list": "records",
    "fetch": "records",
    "archive": "archive",
    "export": "archive",
    "search": "archive",
    "status": "archive",
    "feed": "archive",
    "worker": "archive",
    "detect": "records",
}


def command_name(command: Any) -> str:
    """The name a registered command is called by (``list_`` is ``list``)."""
    return (command.name or getattr(command.callback, "__name__", None) or "").replace("_", "-")


def loaded(names: Iterable[str] = COMMANDS) -> typer.Typer:
    """The app, with (at least) the commands ``names`` registered, in help's order."""
    for module in sorted({COMMANDS[name] for name in names}):
        importlib.import_module(f"{__package__}.{module}")
    rank = {name: n for n, name in enumerate(COMMANDS)}
    app.registered_commands.sort(key=lambda c: rank.get(command_name(c), len(rank)))
    return app


def app_for(argv: list[str]) -> typer.Typer:
    """The app, holding only the command ``argv`` names when it names one: typer reads
    the signature of every command it holds at each start, and running one needs one."""
    if not argv or argv[0] not in COMMANDS:
        return loaded()  # help, or a typo: the whole app, so the error lists the commands
    one = copy.copy(loaded([argv[0]]))
    one.registered_commands = [c for c in app.registered_commands if command_name(c) == argv[0]]
    return one


def main() -> None:
    """Console-script entry point: the last boundary, where an exception no command knows
    becomes an internal error (see :mod:`.errors`)."""
    reset_traceback()
    try:
        app_for(sys.argv[1:])(render_argv(sys.argv[1:]))
    except KeyboardInterrupt:
        fail("interrupted")
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as cat does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except Exception as exc:  # a defect: one line asking for a report, exit 70
        internal_error(exc)
