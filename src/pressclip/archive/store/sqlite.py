"""The archive in one SQLite file (WAL mode); the schema version is ``PRAGMA user_version``.

Search is an FTS5 table with the trigram tokenizer (SQLite 3.34 or later): a term of three
characters or more is found inside any word (``신도시`` in ``행정중심복합신도시``) through
the index and ranked by bm25; shorter terms (``예산``) are matched by LIKE on the same rows.
A SQLite without FTS5 or its trigram tokenizer gets a plain table instead, searched by LIKE
alone (every row read).

One writer at a time: a run holds ``<db>.lock`` (:func:`pressclip.archive.walk.locked`), and
each write transaction is ``BEGIN IMMEDIATE``.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ...errors import PressclipError
from .base import TRIGRAM, Store, like_pattern, occurrences
from .migrations import SQLITE_TYPES, render

#: The schema's migrations with SQLite's type names (the search index is made by
#: :meth:`SQLiteStore.create_search_index`, the step of version 4).
MIGRATIONS = render(SQLITE_TYPES)


class SQLiteStore(Store):
    """The archive in a SQLite file."""

    MIGRATIONS = MIGRATIONS
    #: The FTS5 tokenizer of the search index.
    TOKENIZER = "trigram"

    def __init__(self, db: sqlite3.Connection, path: str) -> None:
        super().__init__()
        self.db = db
        self.path = path
        self._has_fts: bool | None = None

    @classmethod
    def open(cls, target: Any) -> SQLiteStore:
        """Open (creating and migrating as needed) the database at ``target``."""
        path = str(target)
        try:
            db = sqlite3.connect(path, timeout=30, isolation_level=None)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
            store = cls(db, path)
            store.migrate()
        except sqlite3.DatabaseError as exc:
            raise PressclipError(f"{Path(path)}: cannot open database: {exc}") from None
        return store

    @classmethod
    def open_readonly(cls, target: Any) -> SQLiteStore:
        """Open the archive at ``target`` read-only (``mode=ro``): nothing is created,
        migrated or changed, not even the journal mode; a file that is not an archive is
        refused."""
        path = str(target)
        uri = f"file:{quote(os.path.abspath(path))}?mode=ro"
        try:
            db = sqlite3.connect(uri, uri=True, timeout=30, isolation_level=None)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA query_only=ON")
            store = cls(db, path)
            store.check_readable(str(Path(path)))
        except sqlite3.DatabaseError as exc:
            raise PressclipError(f"{Path(path)}: cannot open database: {exc}") from None
        except PressclipError:
            db.close()
            raise
        return store

    def close(self) -> None:
        self.db.close()

    def _execute(self, sql: str, args: Sequence[Any] = ()) -> Any:
        return self.db.execute(sql, tuple(args))

    def _executemany(self, sql: str, rows: list[Sequence[Any]]) -> None:
        self.db.executemany(sql, rows)

    @contextlib.contextmanager
    def transaction(self, *, serial: bool = False) -> Iterator[None]:
        """``BEGIN IMMEDIATE``: every SQLite write transaction is serial already."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def _schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _set_schema_version(self, version: int) -> None:
        self.db.execute(f"PRAGMA user_version = {int(version)}")

    def _archive_version(self) -> int | None:
        tables = {
            r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if not {"boards", "posts", "revisions", "attachments"} <= tables:
            return None
        return self._schema_version()

    # -- search -------------------------------------------------------------------------------

    def create_search_index(self) -> None:
        """The search index: FTS5 with trigrams, else (an older SQLite) a plain table."""
        try:
            self.db.execute(
                "CREATE VIRTUAL TABLE search_index USING "
                f"fts5(title, body, attachments, tokenize='{self.TOKENIZER}')"
            )
        except sqlite3.OperationalError:  # no FTS5, or no trigram tokenizer (before 3.34)
            self.db.execute(
                "CREATE TABLE search_index (title TEXT NOT NULL, body TEXT NOT NULL, "
                "attachments TEXT NOT NULL)"
            )

    def search_problem(self) -> str | None:
        if self._fts():
            return None
        return "this SQLite has no FTS5 trigram tokenizer (3.34 or later): every post is read"

    def _fts(self) -> bool:
        """Whether the search index is an FTS5 table (asked once per store)."""
        if self._has_fts is None:
            row = self.one("SELECT sql FROM sqlite_master WHERE name = 'search_index'")
            self._has_fts = row is not None and "fts5" in (row["sql"] or "").lower()
        return self._has_fts

    def _put_index(self, post_id: int, title: str, body: str, attachments: str) -> None:
        self.q(
            "INSERT OR REPLACE INTO search_index(rowid, title, body, attachments) "
            "VALUES (?, ?, ?, ?)",
            (post_id, title, body, attachments),
        )

    def _search_ids(
        self, terms: Sequence[str], board: str | None, since: str | None, limit: int
    ) -> list[int]:
        """Terms of three characters or more as one FTS5 query of quoted phrases (so no
        character of theirs is FTS5 syntax), ranked by bm25 with the title weighing 5; shorter
        ones by LIKE on the same row (``+column`` and ESCAPE keep the LIKE out of FTS5, whose
        trigram LIKE counts bytes, not characters, in SQLite 3.40 and misses 2-syllable
        Korean words); without a long term, ranked by how often the terms occur."""
        fts = self._fts()
        long = [t for t in terms if len(t) >= TRIGRAM and fts]
        short = [t for t in terms if t not in long]
        where, args = [], []
        if long:
            where.append("search_index MATCH ?")
            args.append(" ".join('"' + t.replace('"', '""') + '"' for t in long))
        for term in short:
            where.append(
                "(" + " OR ".join(f"+search_index.{c} LIKE ? ESCAPE '\\'" for c in COLUMNS) + ")"
            )
            args += [like_pattern(term)] * len(COLUMNS)
        filters, more = self._filters(board, since)
        if long:
            order, order_args = "bm25(search_index, 5.0, 1.0, 1.0)", list[Any]()
        else:
            order, order_args = _occurrence_rank(short)
        rows = self.q(
            "SELECT search_index.rowid AS post_id FROM search_index "
            "JOIN posts p ON p.id = search_index.rowid JOIN boards b ON b.id = p.board_id "
            f"WHERE {' AND '.join(where)}{filters} ORDER BY {order}, p.id DESC LIMIT ?",
            [*args, *more, *order_args, limit],
        )
        return [int(r["post_id"]) for r in rows]


#: The search index's columns.
COLUMNS = ("title", "body", "attachments")


def _occurrence_rank(terms: Sequence[str]) -> tuple[str, list[Any]]:
    """ORDER BY SQL (ascending is best) for a query with no term long enough for bm25: how
    often the terms occur, a title occurrence counting 5."""
    parts, args = [], []
    for column, weight in zip(COLUMNS, (5, 1, 1), strict=True):
        sql, more = occurrences(f"search_index.{column}", terms)
        parts.append(f"{weight} * ({sql})")
        args += more
    return f"-({' + '.join(parts)})", args
