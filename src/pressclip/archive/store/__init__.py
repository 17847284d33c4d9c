"""The archive's database: SQLite (a file) or PostgreSQL (a ``postgresql://`` URL).

:mod:`.base` holds the logic and the SQL both run; :mod:`.sqlite` and :mod:`.postgres` the
connections, DDL and schema versions; :mod:`.keys` what needs no database at all.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from ...errors import MissingExtra
from ...urls import post_key
from .base import SCHEMA_VERSION, Store
from .records import MAX_RUNS, BoardState, Known, SavedFile, content_hash, now

__all__ = [
    "MAX_RUNS",
    "SCHEMA_VERSION",
    "BoardState",
    "Known",
    "SavedFile",
    "Store",
    "content_hash",
    "database_errors",
    "is_postgres",
    "now",
    "open_store",
    "post_key",
    "require_postgres",
]

#: What a PostgreSQL archive and the job queue (archive --enqueue, worker) need installed.
POSTGRES_EXTRA = "pip install 'pressclip[postgres]'"


def is_postgres(target: object) -> bool:
    """Whether ``target`` names a PostgreSQL database (a ``postgresql://`` URL)."""
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


def require_postgres(what: str = "a PostgreSQL archive", *, queue: bool = False) -> None:
    """MissingExtra (one line naming the extra) unless psycopg, and with ``queue``
    procrastinate too, can be imported."""
    try:
        import psycopg  # noqa: F401

        if queue:
            import procrastinate  # noqa: F401
    except ImportError:
        raise MissingExtra(f"{what} needs the postgres extra: {POSTGRES_EXTRA}") from None


def open_store(target: Any, *, readonly: bool = False) -> Store:
    """The store at ``target``: a ``postgresql://`` URL, else a SQLite file path. A
    ``readonly`` store changes nothing (no tables made, no migration) and refuses a database
    that holds no pressclip archive."""
    if is_postgres(target):
        require_postgres()
        from .postgres import PostgresStore

        return PostgresStore.open_readonly(target) if readonly else PostgresStore.open(target)
    from .sqlite import SQLiteStore

    return SQLiteStore.open_readonly(target) if readonly else SQLiteStore.open(target)


def database_errors(*others: type[BaseException]) -> tuple[type[BaseException], ...]:
    """``others`` and the exception types a database can raise mid-run (for one-line error
    messages)."""
    errors: list[type[BaseException]] = [*others, sqlite3.Error]
    try:
        import psycopg
    except ImportError:  # without the postgres extra: SQLite's errors only
        return tuple(errors)
    return (*errors, psycopg.Error)


def shown_target(target: str) -> str:
    """``target`` for a report: a PostgreSQL URL with its password left out, else the path."""
    if is_postgres(target):
        from .postgres import shown

        return shown(target)
    return target


def short_name(target: str) -> str:
    """``target`` in a name (an Atom feed's id): a PostgreSQL URL without its credentials,
    else the file's name."""
    from ...urls import redact

    return redact(target) if is_postgres(target) else Path(target).name


def files_folder(target: str) -> Path:
    """Where attachments go when neither ``--files`` nor the config says: ``files`` beside a
    SQLite file, ``./files`` for PostgreSQL."""
    return Path("files") if is_postgres(target) else Path(target).parent / "files"
