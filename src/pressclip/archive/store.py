"""The archive on disk: one SQLite file (WAL mode) with boards, posts, revisions, attachments.

Schema (``PRAGMA user_version`` = :data:`SCHEMA_VERSION`, upgraded by :data:`MIGRATIONS`):

- ``boards``: name, url, ``complete`` (a walk of the board once reached its end) and
  ``frontier`` (the key of the last post of the last list page an unfinished walk fully
  stored; see :mod:`pressclip.archive`).
- ``posts``: one row per board and post identity (:func:`post_key`), first_seen, last_seen,
  the list row's title, the current revision and ``duplicate_of``.
- ``revisions``: every field of the Article, the raw page zlib-compressed, the normalised
  content hash and a MinHash signature. A post whose content changes gets a new row.
- ``attachments``: per revision, the saved path or the reason the download failed.
- ``failures``: posts whose fetch or extraction failed, with the last reason and the number
  of runs that failed on them (the walk skips a post after a few; see
  :data:`pressclip.archive.walk.MAX_POST_RUNS`). A post stored later loses its row.

Each post is written in one transaction, so a killed run leaves whole posts or none.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import re
import sqlite3
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..dedup import key as text_key
from ..errors import PressclipError
from ..model import Article, Attachment

SCHEMA_VERSION = 2

MIGRATIONS: tuple[str, ...] = (
    # 0 → 1
    """
    CREATE TABLE boards (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        url TEXT NOT NULL,
        complete INTEGER NOT NULL DEFAULT 0,
        frontier TEXT,
        last_run TEXT
    );
    CREATE TABLE posts (
        id INTEGER PRIMARY KEY,
        board_id INTEGER NOT NULL REFERENCES boards(id),
        key TEXT NOT NULL,
        url TEXT NOT NULL,
        list_title TEXT,
        notice INTEGER NOT NULL DEFAULT 0,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        revision_id INTEGER,
        duplicate_of INTEGER REFERENCES posts(id),
        duplicate_kind TEXT,
        UNIQUE (board_id, key)
    );
    CREATE TABLE revisions (
        id INTEGER PRIMARY KEY,
        post_id INTEGER NOT NULL REFERENCES posts(id),
        fetched_at TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        url TEXT,
        title TEXT,
        author TEXT,
        published TEXT,
        views INTEGER,
        paragraphs TEXT NOT NULL,
        engine TEXT,
        duplicates_removed INTEGER NOT NULL DEFAULT 0,
        html BLOB,
        encoding TEXT,
        minhash BLOB
    );
    CREATE INDEX revisions_post ON revisions(post_id);
    CREATE INDEX revisions_hash ON revisions(content_hash);
    CREATE TABLE attachments (
        id INTEGER PRIMARY KEY,
        revision_id INTEGER NOT NULL REFERENCES revisions(id),
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        url TEXT,
        path TEXT,
        size INTEGER,
        sha256 TEXT,
        error TEXT
    );
    CREATE INDEX attachments_revision ON attachments(revision_id);
    """,
    # 1 → 2
    """
    CREATE TABLE failures (
        board_id INTEGER NOT NULL REFERENCES boards(id),
        key TEXT NOT NULL,
        url TEXT NOT NULL,
        reason TEXT NOT NULL,
        runs INTEGER NOT NULL DEFAULT 1,
        last_try TEXT NOT NULL,
        PRIMARY KEY (board_id, key)
    );
    """,
)

#: Query parameters that never identify a post: sessions, tracking, list state and search.
DROP_PARAMS = frozenset(
    p.lower()
    for p in (
        "PHPSESSID",
        "jsessionid",
        "sid",
        "page",
        "sca",
        "sfl",
        "stx",
        "sop",
        "sst",
        "sod",
        "spt",
        "sw",
        "pageIndex",
        "pageUnit",
        "searchWrd",
        "searchCnd",
        "searchCondition",
        "searchKeyword",
        "search_target",
        "search_keyword",
        "listStyle",
        "cpage",
        "pageid",
        "fbclid",
        "gclid",
        "_ga",
    )
)
_PATH_SESSION = re.compile(r";jsessionid=[^/?#]*", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}

#: MinHash settings for near-duplicate detection.
NUM_PERM = 128
SHINGLE = 5
NEAR_THRESHOLD = 0.8
#: Shorter normalised texts are too short to call near-duplicates.
MIN_NEAR_CHARS = 60


def post_key(url: str) -> str:
    """A post's identity: scheme and host lowercased, default port, fragment, session and
    tracking parameters dropped, the remaining query sorted (``wr_id``, ``nttId`` … kept)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # a malformed host or port: the URL as it is is the best key
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if port and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    path = _PATH_SESSION.sub("", parts.path) or "/"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in DROP_PARAMS and not k.lower().startswith("utm_")
    ]
    return urlunsplit((scheme, host, path, urlencode(sorted(query)), ""))


def content_hash(article: Article) -> str:
    """SHA-256 of the normalised title, body and attachment names (views excluded)."""
    parts = [text_key(article.title or ""), text_key(article.body)]
    parts += [text_key(a.name) for a in article.attachments]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def now() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def minhash_of(article: Article) -> Any | None:
    """A datasketch MinHash over character shingles of title and body, or None if too short."""
    text = text_key(f"{article.title or ''}{article.body}")
    if len(text) < MIN_NEAR_CHARS:
        return None
    from datasketch import MinHash

    mh = MinHash(num_perm=NUM_PERM, seed=1)
    mh.update_batch([text[i : i + SHINGLE].encode("utf-8") for i in range(len(text) - SHINGLE + 1)])
    return mh


def minhash_from(blob: bytes) -> Any:
    """The MinHash stored as ``blob``."""
    import numpy as np
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1, hashvalues=np.frombuffer(blob, dtype=np.uint64))


@dataclass
class BoardState:
    """A board's row: its id and the walk bookkeeping."""

    id: int
    name: str
    url: str
    complete: bool
    frontier: str | None


@dataclass
class Known:
    """What the archive holds about a post already."""

    post_id: int
    list_title: str | None
    content_hash: str | None


@dataclass
class SavedFile:
    """An attachment's outcome: the saved path, or why it is not saved."""

    attachment: Attachment
    path: str | None = None
    size: int | None = None
    sha256: str | None = None
    error: str | None = None


class Store:
    """The archive database. Open with :meth:`open`; one writer at a time (see the lock)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self._lsh: Any | None = None

    @classmethod
    def open(cls, path: str | Path) -> Store:
        """Open (creating and migrating as needed) the database at ``path``."""
        try:
            db = sqlite3.connect(str(path), timeout=30, isolation_level=None)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
            store = cls(db)
            store.migrate()
        except sqlite3.DatabaseError as exc:
            raise PressclipError(f"{path}: cannot open database: {exc}") from None
        return store

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed when the block ends, rolled back on an error."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def migrate(self) -> None:
        """Bring the schema up to :data:`SCHEMA_VERSION`, one migration per transaction."""
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise PressclipError(
                f"database schema version {version} is newer than this pressclip "
                f"({SCHEMA_VERSION}); upgrade pressclip"
            )
        for number in range(version, SCHEMA_VERSION):
            with self.transaction() as db:
                for statement in MIGRATIONS[number].split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {number + 1}")

    # -- boards and the walk ----------------------------------------------------------------

    def board(self, name: str, url: str) -> BoardState:
        """The board called ``name`` (created on first use; its url updated)."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO boards(name, url) VALUES (?, ?) "
                "ON CONFLICT(name) DO UPDATE SET url = excluded.url",
                (name, url),
            )
        row = self.db.execute("SELECT * FROM boards WHERE name = ?", (name,)).fetchone()
        return BoardState(row["id"], name, url, bool(row["complete"]), row["frontier"])

    def set_frontier(self, board_id: int, frontier: str | None) -> None:
        """Record how far the current walk has fully stored the board."""
        with self.transaction() as db:
            db.execute("UPDATE boards SET frontier = ? WHERE id = ?", (frontier, board_id))

    def finish_walk(self, board_id: int, frontier: str | None) -> None:
        """A walk reached its end: the board is complete; ``frontier`` stays if work is left."""
        with self.transaction() as db:
            db.execute(
                "UPDATE boards SET complete = 1, frontier = ?, last_run = ? WHERE id = ?",
                (frontier, now(), board_id),
            )

    # -- posts -------------------------------------------------------------------------------

    def known(self, board_id: int, keys: list[str]) -> dict[str, Known]:
        """The posts among ``keys`` the archive already holds."""
        if not keys:
            return {}
        marks = ",".join("?" * len(keys))
        rows = self.db.execute(
            "SELECT p.key, p.id, p.list_title, r.content_hash FROM posts p "
            "LEFT JOIN revisions r ON r.id = p.revision_id "
            f"WHERE p.board_id = ? AND p.key IN ({marks})",
            (board_id, *keys),
        )
        return {r["key"]: Known(r["id"], r["list_title"], r["content_hash"]) for r in rows}

    def touch(self, post_ids: list[int]) -> None:
        """Set last_seen of ``post_ids`` to now."""
        if not post_ids:
            return
        marks = ",".join("?" * len(post_ids))
        with self.transaction() as db:
            db.execute(f"UPDATE posts SET last_seen = ? WHERE id IN ({marks})", (now(), *post_ids))

    def save(
        self,
        board_id: int,
        key: str,
        url: str,
        list_title: str | None,
        notice: bool,
        article: Article,
        html: bytes,
        encoding: str,
        files: list[SavedFile],
    ) -> str:
        """Store a fetched post in one transaction: ``new``, ``changed`` or ``same``."""
        digest = content_hash(article)
        mh = minhash_of(article)
        stamp = now()
        with self.transaction() as db:
            db.execute("DELETE FROM failures WHERE board_id = ? AND key = ?", (board_id, key))
            row = db.execute(
                "SELECT p.id, r.content_hash FROM posts p LEFT JOIN revisions r "
                "ON r.id = p.revision_id WHERE p.board_id = ? AND p.key = ?",
                (board_id, key),
            ).fetchone()
            if row is not None and row["content_hash"] == digest:
                db.execute(
                    "UPDATE posts SET last_seen = ?, list_title = ? WHERE id = ?",
                    (stamp, list_title, row["id"]),
                )
                return "same"
            if row is None:
                post_id = db.execute(
                    "INSERT INTO posts(board_id, key, url, list_title, notice, first_seen, "
                    "last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (board_id, key, url, list_title, int(notice), stamp, stamp),
                ).lastrowid
            else:
                post_id = row["id"]
            assert post_id is not None
            revision_id = self._insert_revision(db, post_id, article, html, encoding, digest, mh)
            self._insert_files(db, revision_id, files)
            original, kind = self._duplicate(db, post_id, digest, mh)
            db.execute(
                "UPDATE posts SET revision_id = ?, last_seen = ?, list_title = ?, "
                "duplicate_of = ?, duplicate_kind = ? WHERE id = ?",
                (revision_id, stamp, list_title, original, kind, post_id),
            )
        if mh is not None and self._lsh is not None:
            if str(post_id) in self._lsh:  # an earlier revision's signature
                self._lsh.remove(str(post_id))
            self._lsh.insert(str(post_id), mh)
        return "new" if row is None else "changed"

    def _insert_revision(
        self,
        db: sqlite3.Connection,
        post_id: int,
        article: Article,
        html: bytes,
        encoding: str,
        digest: str,
        mh: Any | None,
    ) -> int:
        cur = db.execute(
            "INSERT INTO revisions(post_id, fetched_at, content_hash, url, title, author, "
            "published, views, paragraphs, engine, duplicates_removed, html, encoding, minhash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                post_id,
                now(),
                digest,
                article.url,
                article.title,
                article.author,
                article.published_iso,
                article.views,
                json.dumps(article.paragraphs, ensure_ascii=False),
                article.engine,
                article.duplicates_removed,
                zlib.compress(html, 6),
                encoding,
                None if mh is None else mh.hashvalues.tobytes(),
            ),
        )
        assert cur.lastrowid is not None
        return cur.lastrowid

    @staticmethod
    def _insert_files(db: sqlite3.Connection, revision_id: int, files: list[SavedFile]) -> None:
        for n, f in enumerate(files):
            db.execute(
                "INSERT INTO attachments(revision_id, position, name, url, path, size, sha256, "
                "error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    revision_id,
                    n,
                    f.attachment.name,
                    f.attachment.url,
                    f.path,
                    f.size,
                    f.sha256,
                    f.error,
                ),
            )

    def last_file_id(self) -> int:
        """The id of the newest attachment row (0 when there is none)."""
        return int(self.db.execute("SELECT COALESCE(MAX(id), 0) FROM attachments").fetchone()[0])

    def failed_files(
        self, board_id: int, up_to: int, limit: int
    ) -> list[tuple[int, str, str, str]]:
        """Failed downloads of the board's current revisions among attachment rows up to
        ``up_to``, oldest first: (attachment id, name, file url, post url)."""
        rows = self.db.execute(
            "SELECT a.id, a.name, a.url, p.url AS post_url FROM attachments a "
            "JOIN posts p ON p.revision_id = a.revision_id "
            "WHERE p.board_id = ? AND a.error IS NOT NULL AND a.url IS NOT NULL "
            "AND a.id <= ? ORDER BY a.id LIMIT ?",
            (board_id, up_to, limit),
        )
        return [(r["id"], r["name"], r["url"], r["post_url"]) for r in rows]

    def record_file(self, attachment_id: int, saved: SavedFile) -> None:
        """Store the outcome of another try at a failed download."""
        with self.transaction() as db:
            db.execute(
                "UPDATE attachments SET path = ?, size = ?, sha256 = ?, error = ? WHERE id = ?",
                (saved.path, saved.size, saved.sha256, saved.error, attachment_id),
            )

    # -- failed posts ------------------------------------------------------------------------

    def record_failure(self, board_id: int, key: str, url: str, reason: str) -> int:
        """Note that a post failed in this run; the number of runs it has failed in."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO failures(board_id, key, url, reason, runs, last_try) "
                "VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT(board_id, key) DO UPDATE SET "
                "url = excluded.url, reason = excluded.reason, runs = runs + 1, "
                "last_try = excluded.last_try",
                (board_id, key, url, reason, now()),
            )
            row = db.execute(
                "SELECT runs FROM failures WHERE board_id = ? AND key = ?", (board_id, key)
            ).fetchone()
        return int(row["runs"])

    def failures(self, board_id: int, keys: list[str]) -> dict[str, tuple[int, str]]:
        """The posts among ``keys`` that failed before: key → (runs failed, last reason).
        A post that is stored since is cleared (``save`` removes its row)."""
        if not keys:
            return {}
        marks = ",".join("?" * len(keys))
        rows = self.db.execute(
            f"SELECT key, runs, reason FROM failures WHERE board_id = ? AND key IN ({marks})",
            (board_id, *keys),
        )
        return {r["key"]: (int(r["runs"]), r["reason"]) for r in rows}

    # -- duplicates --------------------------------------------------------------------------

    def _duplicate(
        self, db: sqlite3.Connection, post_id: int, digest: str, mh: Any | None
    ) -> tuple[int | None, str | None]:
        """The earliest other post with the same content hash, else a near-duplicate."""
        row = db.execute(
            "SELECT p.id, p.duplicate_of FROM posts p JOIN revisions r ON r.id = p.revision_id "
            "WHERE r.content_hash = ? AND p.id != ? ORDER BY p.id LIMIT 1",
            (digest, post_id),
        ).fetchone()
        if row is not None:
            return row["duplicate_of"] or row["id"], "exact"
        if mh is None:
            return None, None
        best: int | None = None
        for candidate in self.lsh().query(mh):
            other = int(candidate)
            if other == post_id:
                continue
            found = db.execute(
                "SELECT p.id, p.duplicate_of, r.minhash FROM posts p JOIN revisions r "
                "ON r.id = p.revision_id WHERE p.id = ?",
                (other,),
            ).fetchone()
            if found is None or found["minhash"] is None:
                continue
            if mh.jaccard(minhash_from(found["minhash"])) < NEAR_THRESHOLD:
                continue
            root = found["duplicate_of"] or found["id"]
            best = root if best is None else min(best, root)
        return (best, "near") if best is not None else (None, None)

    def lsh(self) -> Any:
        """The MinHashLSH index of every post's current signature, built once from the db."""
        if self._lsh is None:
            from datasketch import MinHashLSH

            self._lsh = MinHashLSH(threshold=NEAR_THRESHOLD, num_perm=NUM_PERM)
            rows = self.db.execute(
                "SELECT p.id, r.minhash FROM posts p JOIN revisions r ON r.id = p.revision_id "
                "WHERE r.minhash IS NOT NULL"
            )
            with self._lsh.insertion_session() as session:
                for r in rows:
                    session.insert(str(r["id"]), minhash_from(r["minhash"]))
        return self._lsh

    # -- reading -----------------------------------------------------------------------------

    def records(
        self,
        *,
        since: str | None = None,
        board: str | None = None,
        unique: bool = False,
        on_bad: Callable[[str], None] = lambda message: None,
    ) -> Iterator[tuple[Article, dict[str, Any]]]:
        """Each archived post (current revision) as an Article and its export record; a row
        that cannot be read (damaged by hand or by another tool) is left out and reported to
        ``on_bad``."""
        where = ["1 = 1"]
        args: list[Any] = []
        if since:
            where.append("p.first_seen >= ?")
            args.append(since)
        if board:
            where.append("b.name = ?")
            args.append(board)
        if unique:
            where.append("p.duplicate_of IS NULL")
        rows = self.db.execute(
            "SELECT p.id AS post_id, p.url AS post_url, p.first_seen, p.last_seen, p.notice, "
            "p.duplicate_of, b.name AS board, r.* FROM posts p "
            "JOIN boards b ON b.id = p.board_id JOIN revisions r ON r.id = p.revision_id "
            f"WHERE {' AND '.join(where)} ORDER BY p.first_seen, p.id",
            args,
        ).fetchall()
        for row in rows:
            try:
                found = self._record(row)
            except (ValueError, TypeError, KeyError, OverflowError, AttributeError) as exc:
                on_bad(f"post {row['post_url']!r}: unreadable row ({type(exc).__name__}: {exc})")
                continue
            yield found

    def _record(self, row: sqlite3.Row) -> tuple[Article, dict[str, Any]]:
        files = self.db.execute(
            "SELECT * FROM attachments WHERE revision_id = ? ORDER BY position", (row["id"],)
        ).fetchall()
        article = Article(
            url=row["url"] or row["post_url"],
            title=row["title"],
            author=row["author"],
            published=_parse_when(row["published"]),
            views=row["views"],
            paragraphs=json.loads(row["paragraphs"]),
            attachments=[Attachment(f["name"], f["url"]) for f in files],
            engine=row["engine"],
            duplicates_removed=row["duplicates_removed"],
        )
        data = article.to_dict()
        data["attachments"] = [
            {"name": f["name"], "url": f["url"], "path": f["path"], "error": f["error"]}
            for f in files
        ]
        data.update(
            board=row["board"],
            first_seen=row["first_seen"],
            duplicate_of=self._url_of(row["duplicate_of"]),
        )
        return article, data

    def _url_of(self, post_id: int | None) -> str | None:
        if post_id is None:
            return None
        row = self.db.execute("SELECT url FROM posts WHERE id = ?", (post_id,)).fetchone()
        return row["url"] if row else None

    def html(self, post_id: int) -> bytes | None:
        """The raw page of a post's current revision."""
        row = self.db.execute(
            "SELECT r.html FROM posts p JOIN revisions r ON r.id = p.revision_id WHERE p.id = ?",
            (post_id,),
        ).fetchone()
        return zlib.decompress(row["html"]) if row and row["html"] is not None else None


def _parse_when(value: str | None) -> dt.datetime | dt.date | None:
    if not value:
        return None
    if "T" in value:
        return dt.datetime.fromisoformat(value)
    return dt.date.fromisoformat(value)
