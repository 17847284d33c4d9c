"""The archive in PostgreSQL (psycopg 3), shared by any number of processes and machines.

The schema version is the one row of ``pressclip_schema``. Statements run in autocommit
mode outside :meth:`PostgresStore.transaction`; serial transactions (a post's write, a
migration) first take one advisory transaction lock, so they run one at a time, as SQLite's
``BEGIN IMMEDIATE`` ones do, and a killed process's lock goes with its connection.
Boards a run walks are held with session advisory locks (:meth:`PostgresStore.hold_boards`).

Search reads ``search_index`` through a pg_trgm GIN index on its text (a term's trigrams
find it inside any word, ILIKE confirms it); where the extension cannot be created (it
needs a role allowed to), the same ILIKE query reads every row instead.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg.rows import dict_row

from ...errors import Locked, PressclipError
from .base import TRIGRAM, Store, like_pattern, occurrences
from .migrations import POSTGRES_ONLY, POSTGRES_TYPES, render
from .records import lock_key

#: The schema's migrations with PostgreSQL's type names and its own tables (host leases,
#: the search index as a table whose trigram index the step of version 4 makes).
MIGRATIONS = render(POSTGRES_TYPES, POSTGRES_ONLY)

#: The text a search reads, one expression (its trigram index is on exactly this).
DOCUMENT = "(title || E'\\n' || body || E'\\n' || attachments)"

#: The advisory lock that serial transactions take.
SERIAL_LOCK = lock_key("pressclip", "serial")


def shown(url: str) -> str:
    """``url`` with its password left out, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc}"))


def connect(url: str, *, readonly: bool = False) -> psycopg.Connection[Any]:
    """An autocommit connection whose rows are dicts (``readonly``: every transaction of the
    session read-only); a PressclipError if none can be made."""
    extra: dict[str, Any] = {"options": "-c default_transaction_read_only=on"} if readonly else {}
    try:
        return psycopg.connect(
            url, autocommit=True, row_factory=dict_row, connect_timeout=10, **extra
        )
    except psycopg.Error as exc:
        why = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise PressclipError(f"{shown(url)}: cannot connect: {why}") from None


class PostgresStore(Store):
    """The archive in a PostgreSQL database."""

    MIGRATIONS = MIGRATIONS

    def __init__(self, conn: psycopg.Connection[Any], url: str) -> None:
        super().__init__()
        self.conn = conn
        self.url = url
        self._problem: str | None = None  # search_problem's answer, "" for none

    @classmethod
    def open(cls, target: Any) -> PostgresStore:
        """Connect to the database at URL ``target`` and migrate it as needed."""
        url = str(target)
        store = cls(connect(url), url)
        try:
            store.migrate()
        except psycopg.Error as exc:
            store.close()
            raise PressclipError(f"{shown(url)}: cannot open database: {exc}") from None
        except BaseException:
            store.close()
            raise
        return store

    @classmethod
    def open_readonly(cls, target: Any) -> PostgresStore:
        """Connect to the archive at URL ``target`` in read-only transactions: nothing is
        created, migrated or changed (no table, no extension); a database that holds no
        pressclip archive is refused."""
        url = str(target)
        store = cls(connect(url, readonly=True), url)
        try:
            store.check_readable(shown(url))
        except psycopg.Error as exc:
            store.close()
            raise PressclipError(f"{shown(url)}: cannot open database: {exc}") from None
        except BaseException:
            store.close()
            raise
        return store

    def close(self) -> None:
        self.conn.close()

    def _execute(self, sql: str, args: Sequence[Any] = ()) -> Any:
        return self.conn.execute(sql.replace("?", "%s"), tuple(args) or None)  # type: ignore[arg-type]

    def _executemany(self, sql: str, rows: list[Sequence[Any]]) -> None:
        with self.conn.cursor() as cur:
            cur.executemany(sql.replace("?", "%s"), rows)  # type: ignore[arg-type]

    @contextlib.contextmanager
    def transaction(self, *, serial: bool = False) -> Iterator[None]:
        with self.conn.transaction():
            if serial:
                self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (SERIAL_LOCK,))
            yield

    def _schema_version(self) -> int:
        self.conn.execute("CREATE TABLE IF NOT EXISTS pressclip_schema (version INTEGER NOT NULL)")
        row = self.conn.execute("SELECT version FROM pressclip_schema").fetchone()
        if row is None:
            self.conn.execute("INSERT INTO pressclip_schema(version) VALUES (0)")
            return 0
        return int(row["version"])

    def _set_schema_version(self, version: int) -> None:
        self.conn.execute("UPDATE pressclip_schema SET version = %s", (version,))

    def _archive_version(self) -> int | None:
        found = self.conn.execute(
            "SELECT to_regclass('pressclip_schema') IS NOT NULL AND to_regclass('boards') "
            "IS NOT NULL AND to_regclass('posts') IS NOT NULL AS ok"
        ).fetchone()
        if not found or not found["ok"]:
            return None
        row = self.conn.execute("SELECT max(version) AS version FROM pressclip_schema").fetchone()
        return int(row["version"]) if row and row["version"] is not None else None

    @contextlib.contextmanager
    def hold_boards(self, names: list[str], *, wait: bool = False) -> Iterator[None]:
        """Hold the boards ``names`` for a walk (session advisory locks, released at the end
        of the block or when the connection dies); :class:`~pressclip.errors.Locked`
        (the CLI's exit 75, as for SQLite's lock file) at once when another run holds one,
        unless ``wait``."""
        held: list[int] = []
        try:
            for name in names:
                key = lock_key("pressclip board", name)
                while not self.conn.execute(
                    "SELECT pg_try_advisory_lock(%s) AS ok", (key,)
                ).fetchone()["ok"]:  # type: ignore[index]
                    if not wait:
                        raise Locked(
                            f"{shown(self.url)}: another pressclip archive is walking board "
                            f"{name!r}; this run did nothing (use --wait to queue)"
                        )
                    time.sleep(0.2)
                held.append(key)
            yield
        finally:
            if not self.conn.closed:
                for key in held:
                    self.conn.execute("SELECT pg_advisory_unlock(%s)", (key,))

    # -- search -------------------------------------------------------------------------------

    def create_search_index(self) -> None:
        """pg_trgm and a GIN trigram index over the searched text; without the extension
        (a role that may not create it) search reads every row."""
        try:
            with self.conn.transaction():  # a savepoint: a refusal leaves the migration going
                self.conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except psycopg.Error:
            return
        self.conn.execute(
            f"CREATE INDEX search_index_trgm ON search_index USING gin ({DOCUMENT} gin_trgm_ops)"
        )

    def search_problem(self) -> str | None:
        """No trigram index (pg_trgm could not be created), or one that cannot see Hangul:
        pg_trgm takes only letters and digits of the database's LC_CTYPE into trigrams, and
        in the C locale no Hangul syllable is a letter. Asked once per store."""
        if self._problem is None:
            self._problem = ""
            if (
                self.one("SELECT 1 AS ok FROM pg_indexes WHERE indexname = 'search_index_trgm'")
                is None
            ):
                self._problem = (
                    "no trigram index (pg_trgm could not be created): every post is read"
                )
            elif not self.one("SELECT array_length(show_trgm('신도시'), 1) > 0 AS ok")["ok"]:  # type: ignore[index]
                row = self.one(
                    "SELECT datctype FROM pg_database WHERE datname = current_database()"
                )
                ctype = row["datctype"] if row else "?"
                self._problem = (
                    f"pg_trgm sees no Hangul in this database's LC_CTYPE ({ctype}): every post "
                    "is read (create the database with a UTF-8 LC_CTYPE, e.g. C.UTF-8)"
                )
        return self._problem or None

    def _put_index(self, post_id: int, title: str, body: str, attachments: str) -> None:
        self.q(
            "INSERT INTO search_index(post_id, title, body, attachments) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (post_id) DO UPDATE SET title = excluded.title, body = excluded.body, "
            "attachments = excluded.attachments",
            (post_id, title, body, attachments),
        )

    def _search_ids(
        self, terms: Sequence[str], board: str | None, since: str | None, limit: int
    ) -> list[int]:
        """Every term by ILIKE on the searched text (backslash is ILIKE's escape): terms of
        three characters or more on the indexed expression, shorter ones (which have no
        trigram to look up) on a copy of it the index does not answer, so they only filter
        the rows the index found. The planner, which does not count reading the TOASTed text,
        thinks a sequential scan cheaper; it is not (benchmarks/search.py, 5,000 posts: 141
        ms against 8 ms), so with a long term sequential scans are a last resort for this
        statement, whose matching rows are found first, on their own (a materialized CTE),
        before any join.
        Ranked by how often the terms occur, a title occurrence counting 5."""
        long = [t for t in terms if len(t) >= TRIGRAM]
        where = [f"{DOCUMENT} ILIKE ?" for _ in long]
        where += [f"({DOCUMENT} || '') ILIKE ?" for t in terms if t not in long]
        args: list[Any] = [like_pattern(t) for t in long]
        args += [like_pattern(t) for t in terms if t not in long]
        filters, more = self._filters(board, since)
        rank, rank_args = [], []
        for column, weight in (("s.title", 5), ("s.body", 1), ("s.attachments", 1)):
            sql, extra = occurrences(column, terms)
            rank.append(f"{weight} * ({sql})")
            rank_args += extra
        with self.transaction():
            if long and self.search_problem() is None:
                self.q("SET LOCAL enable_seqscan = off")
            rows = self.q(
                "WITH found AS MATERIALIZED (SELECT post_id, title, body, attachments "
                f"FROM search_index WHERE {' AND '.join(where)}) "
                "SELECT s.post_id FROM found s JOIN posts p ON p.id = s.post_id "
                f"JOIN boards b ON b.id = p.board_id WHERE 1 = 1{filters} "
                f"ORDER BY {' + '.join(rank)} DESC, p.id DESC LIMIT ?",
                [*args, *more, *rank_args, limit],
            )
        return [int(r["post_id"]) for r in rows]
