"""Where the boards config is found when no ``--config`` names one, and what every command
takes from its ``[defaults]`` (``db`` first of all).

In order: ``--config FILE``, the ``PRESSCLIP_CONFIG`` environment variable, ``./boards.toml``,
``$XDG_CONFIG_HOME/pressclip/boards.toml`` (``~/.config/pressclip/boards.toml`` when
``XDG_CONFIG_HOME`` is not set). A file named by ``--config`` or ``PRESSCLIP_CONFIG`` must be
there; the other two are used only when they are.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

#: The database when neither --db, PRESSCLIP_DB nor the config's ``db`` names one.
DEFAULT_DB = "pressclip.sqlite"


def find_config(given: Path | None) -> Path | None:
    """The config file to use (see the module docstring), or None when there is none."""
    if given is not None:
        return given
    named = os.environ.get("PRESSCLIP_CONFIG")
    if named:
        return Path(named)
    local = Path("boards.toml")
    if local.is_file():
        return local
    home = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    found = Path(home) / "pressclip" / "boards.toml"
    return found if found.is_file() else None


def config_defaults(path: Path | None) -> dict[str, Any]:
    """The ``[defaults]`` of the config at ``path`` ({} for none); a PressclipError naming
    the file when it cannot be read or is not valid."""
    if path is None:
        return {}
    from .walk import load_defaults, read_toml  # the walk's imports only when a config is used

    read_toml(path)  # a missing or broken file is an error here, not an empty table
    return load_defaults(path)


def database(db: str | None, defaults: dict[str, Any]) -> str:
    """The archive a command uses: ``--db`` (or PRESSCLIP_DB), else the config's, else
    :data:`DEFAULT_DB`."""
    if db:
        return db
    if defaults.get("db"):
        return str(defaults["db"])
    return DEFAULT_DB
