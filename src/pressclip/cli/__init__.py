"""The command line: a thin typer layer over the library. Each command parses its options,
calls the library, and leaves its errors to one boundary (:mod:`.errors`) that prints one
line and exits with the error's code.

- :mod:`.app`: the typer app and the entry point;
- :mod:`.options`: the options the commands share, defined once;
- :mod:`.errors`: the error boundary and the exit codes;
- :mod:`.common`: what the commands share (messages, network options, writing records);
- :mod:`.records`: ``clean``, ``list``, ``fetch``, ``detect``;
- :mod:`.archive`: ``archive``, ``export``, ``search``, ``status``, ``feed``, ``worker``.

Start-up matters (a command runs from cron and shell loops): only typer is imported here;
each command imports what it uses (the network code only for network commands).
"""

from ..dates import since_instant
from . import archive, records  # noqa: F401 - their commands join the app
from .app import app, main, ordered
from .common import progress
from .options import format_size, parse_size

#: The commands as help lists them: records from pages, the archive, then detect.
ordered(["clean", "list", "fetch", "archive", "export", "search", "status", "feed", "worker"])

__all__ = ["app", "format_size", "main", "parse_size", "progress", "since_instant"]
