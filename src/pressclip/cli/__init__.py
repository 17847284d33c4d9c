"""The command line: a thin typer layer over the library. Each command parses its options,
calls the library, and leaves its errors to one boundary (:mod:`.errors`) that prints one
line and exits with the error's code.

- :mod:`.core`: the typer app, which module holds each command, and the entry point;
- :mod:`.options`: the options the commands share, defined once;
- :mod:`.errors`: the error boundary and the exit codes;
- :mod:`.common`: what the commands share (messages, network options, writing records);
- :mod:`.records`: ``clean``, ``list``, ``fetch``, ``detect``;
- :mod:`.archive`: ``archive``, ``export``, ``search``, ``status``, ``feed``, ``worker``.

Start-up matters (a command runs from cron and shell loops): only typer is imported here,
a command's run imports its own module only, and each command imports what it uses (the
network code only for network commands).
"""

from typing import Any

from .core import main

__all__ = ["app", "format_size", "main", "parse_size", "progress", "since_instant"]

#: Where the names of this package live, imported when asked for.
_LAZY = {
    "format_size": ".options",
    "parse_size": ".options",
    "progress": ".common",
    "since_instant": "..dates",
}


def __getattr__(name: str) -> Any:
    """``app`` with every command, and the helpers above, imported when asked for."""
    if name == "app":
        from .core import loaded

        return loaded()
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
