"""The archive's logic, once for every database: boards, posts, revisions, attachments and
duplicate links, in SQL that SQLite and PostgreSQL both run (``?`` placeholders, which the
PostgreSQL store turns into ``%s``). A backend supplies the connection, transactions, its
column type names and own DDL for the migrations (:mod:`.migrations`) and where the schema
version is kept.

Tables (schema version :data:`SCHEMA_VERSION`):

- ``boards``: name, url, ``complete`` (a walk of the board once reached its end) and
  ``frontier`` (the key of the last post of the last list page an unfinished walk fully
  stored; see :mod:`pressclip.archive.walk`).
- ``posts``: one row per board and post identity (:func:`post_key`), first_seen, last_seen,
  the list row's title, the current revision and ``duplicate_of``.
- ``revisions``: every field of the Article, the raw page zlib-compressed, the normalised
  content hash and a MinHash signature (:mod:`pressclip.archive.minhash`), and what of the
  body OCR read (``ocr``, JSON: the addresses of a post's images, ``--ocr``). A post whose
  content changes gets a new row.
- ``attachments``: per revision, the saved path or the reason the download failed; for a
  saved file its text (``doc_text``), release facts (``doc_release``, JSON) and what of it
  OCR read (``doc_ocr``, JSON: ``page 2``, ``image``), or the reader's error
  (``read_error``: ``encrypted: …``). A row with a path and neither is read
  by the next run (:meth:`Store.unread_files`).
- ``failures``: posts whose fetch or extraction failed, with the last reason and the number
  of runs that failed on them (the walk skips a post after a few; see
  :data:`pressclip.archive.walk.MAX_POST_RUNS`). A post stored later loses its row.
- ``minhash_bands``: the LSH band keys of each post's current signature, indexed, so
  near-duplicate candidates are one indexed lookup, whatever the archive's size.
- ``search_index``: one row per post, its current revision's title, body and attachment
  text, rewritten in the transaction that changes any of them (SQLite: an FTS5 table with
  the trigram tokenizer; PostgreSQL: a table with a pg_trgm index). See
  :mod:`pressclip.archive.search`.

Each post is written in one transaction, so a killed run leaves whole posts or none. Writes
of posts are serialised (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: an advisory transaction
lock), so two writers never both miss each other's copy of a release.
"""

from __future__ import annotations

import contextlib
import json
import zlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from ...errors import PressclipError
from ...model import Article, Attachment, Release
from ...urls import post_key
from .. import minhash
from .records import BoardState, Known, SavedFile, content_hash, near_text, now, parse_when

SCHEMA_VERSION = 6
#: The oldest schema the read-only commands read (they never migrate): what export, search
#: and feed query is there since version 4; status and feed do without what 5 added, export
#: and feed without what 6 added.
READABLE_FROM = 4

#: Search terms shorter than this many characters cannot use a trigram index; they are
#: matched by LIKE over the same columns (slower, but right).
TRIGRAM = 3
#: Posts read per query by ``records`` (export, feed).
RECORD_BATCH = 500
#: What a post's failure row, or a saved file's read error, says while it is being read: a
#: run that dies there (killed, out of memory) leaves it so.
READ_STARTED = "the run stopped while reading it (killed, or out of memory?)"


def resign(store: Store) -> None:
    """Migration step to version 2: every current revision's signature made again with
    :mod:`pressclip.archive.minhash` (version 1 kept datasketch's) and its band keys stored."""
    rows = store.q(
        "SELECT p.id AS post_id, r.id, r.title, r.paragraphs FROM posts p "
        "JOIN revisions r ON r.id = p.revision_id"
    )
    for row in rows:
        article = Article(title=row["title"], paragraphs=json.loads(row["paragraphs"]))
        sig = minhash.signature(near_text(article))
        store.q(
            "UPDATE revisions SET minhash = ? WHERE id = ?",
            (None if sig is None else minhash.to_bytes(sig), row["id"]),
        )
        store.index_signature(row["post_id"], sig)


def build_index(store: Store) -> None:
    """Migration step to version 4: the search index made (and its trigram index, where the
    backend has one) and filled with every archived post."""
    store.create_search_index()
    for row in store.q("SELECT id FROM posts WHERE revision_id IS NOT NULL ORDER BY id"):
        store.index_post(int(row["id"]))


def board_keys(store: Store) -> None:
    """Migration step to version 5: each board known by its normalised list URL (its name
    becomes a label). Where two boards of an older archive have one URL (archived once under
    the name the command line gave, once under the config's), the first keeps the key and
    the walks from now on; the other keeps its posts, under its old name."""
    used: set[str] = set()
    for row in store.q("SELECT id, url FROM boards ORDER BY id"):
        key = post_key(row["url"])
        if key not in used:
            used.add(key)
            store.q("UPDATE boards SET key = ? WHERE id = ?", (key, row["id"]))
    store.q("CREATE UNIQUE INDEX boards_key ON boards(key)")


#: Python steps run after a migration's DDL, by the version they reach.
STEPS: dict[int, Callable[[Store], None]] = {2: resign, 4: build_index, 5: board_keys}


def like_pattern(term: str) -> str:
    """A LIKE pattern matching ``term`` anywhere, its ``%``, ``_`` and ``\\`` taken literally
    (with ``ESCAPE '\\'``)."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def occurrences(column: str, terms: Sequence[str]) -> tuple[str, list[Any]]:
    """SQL counting how often ``terms`` occur in ``column`` (ASCII case ignored), and its
    arguments: a rank where no bm25 is to be had."""
    parts, args = [], []
    for term in terms:
        parts.append(
            f"(length(lower({column})) - length(replace(lower({column}), ?, ''))) / {len(term)}"
        )
        args.append(term.lower())
    return " + ".join(parts) or "0", args


class Store(ABC):
    """The archive database. Open with :func:`pressclip.archive.store.open_store`, which
    picks the backend from the target."""

    #: The DDL that brings the schema from version n to n + 1, at index n
    #: (:func:`.migrations.render` of the backend's types).
    MIGRATIONS: tuple[str, ...] = ()

    def __init__(self) -> None:
        self.queries = 0  # statements sent, for benchmarks
        self.version = SCHEMA_VERSION  # the schema read (read-only stores may hold older)

    # -- what a backend provides --------------------------------------------------------------

    @abstractmethod
    def _execute(self, sql: str, args: Sequence[Any] = ()) -> Any:
        """Run one statement; a cursor whose rows take column names as keys."""

    @abstractmethod
    def _executemany(self, sql: str, rows: list[Sequence[Any]]) -> None:
        """Run one statement once per row of arguments."""

    @abstractmethod
    def transaction(self, *, serial: bool = False) -> contextlib.AbstractContextManager[None]:
        """One transaction, committed when the block ends and rolled back on an error;
        ``serial`` ones run one at a time across all connections to the database."""

    @abstractmethod
    def _schema_version(self) -> int:
        """The schema version stored in the database (0 for an empty one)."""

    @abstractmethod
    def _set_schema_version(self, version: int) -> None: ...

    @abstractmethod
    def _archive_version(self) -> int | None:
        """The schema version of an archive, read without writing anything: None when the
        database holds no pressclip archive."""

    @abstractmethod
    def close(self) -> None: ...

    def create_search_index(self) -> None:
        """Make the search index's own index, where the backend needs one (migration 4)."""
        return None

    @abstractmethod
    def _put_index(self, post_id: int, title: str, body: str, attachments: str) -> None:
        """Make (or replace) the post's row in the search index."""

    @abstractmethod
    def _search_ids(
        self, terms: Sequence[str], board: str | None, since: str | None, limit: int
    ) -> list[int]:
        """The ids of the posts whose title, body or attachment text hold every one of
        ``terms`` (ASCII case ignored), best first, at most ``limit``."""

    def search_problem(self) -> str | None:
        """Why search cannot go through a trigram index here and reads every row (None when
        it can)."""
        return None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing -----------------------------------------------------------------------------

    def q(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        """Every row of one statement."""
        self.queries += 1
        cur = self._execute(sql, args)
        return list(cur.fetchall()) if cur.description else []

    def one(self, sql: str, args: Sequence[Any] = ()) -> Any | None:
        """The first row of one statement, or None."""
        rows = self.q(sql, args)
        return rows[0] if rows else None

    def many(self, sql: str, rows: list[Sequence[Any]]) -> None:
        """One statement for each row of arguments."""
        if rows:
            self.queries += 1
            self._executemany(sql, rows)

    def check_readable(self, where: str) -> None:
        """For a read-only store: refuse, with one line naming ``where``, a database that is
        not a pressclip archive or whose schema this pressclip cannot read as it is."""
        version = self._archive_version()
        if not version:
            raise PressclipError(f"{where}: not a pressclip archive (nothing was changed)")
        if version > SCHEMA_VERSION:
            raise PressclipError(
                f"{where}: database schema version {version} is newer than this pressclip "
                f"({SCHEMA_VERSION}); upgrade pressclip"
            )
        if version < READABLE_FROM:
            raise PressclipError(
                f"{where}: archive of schema version {version}, too old to read as it is: "
                "run `pressclip archive` on it once to bring it up to date"
            )
        self.version = version

    def migrate(self) -> None:
        """Bring the schema up to :data:`SCHEMA_VERSION`, one migration per transaction
        (several processes may do this at once: each step re-reads the version)."""
        while True:
            with self.transaction(serial=True):
                version = self._schema_version()
                if version > SCHEMA_VERSION:
                    raise PressclipError(
                        f"database schema version {version} is newer than this pressclip "
                        f"({SCHEMA_VERSION}); upgrade pressclip"
                    )
                if version == SCHEMA_VERSION:
                    return
                for statement in self.MIGRATIONS[version].split(";"):
                    if statement.strip():
                        self._execute(statement)
                step = STEPS.get(version + 1)
                if step is not None:
                    step(self)
                self._set_schema_version(version + 1)

    # -- boards and the walk ------------------------------------------------------------------

    def board(self, name: str, url: str) -> BoardState:
        """The board whose list URL is ``url`` (normalised: :func:`post_key`), created on
        first use; ``name`` is its label, changed when it differs (another board that has the
        name gives it up, becoming ``NAME (board ID)``)."""
        key = post_key(url)
        with self.transaction(serial=True):
            row = self.one("SELECT id, name, url FROM boards WHERE key = ?", (key,))
            other = self.one(
                "SELECT id FROM boards WHERE name = ? AND (key IS NULL OR key != ?)", (name, key)
            )
            if other is not None:
                self.q(
                    "UPDATE boards SET name = ? WHERE id = ?",
                    (f"{name} (board {other['id']})", other["id"]),
                )
            if row is None:
                self.q("INSERT INTO boards(name, url, key) VALUES (?, ?, ?)", (name, url, key))
            elif (row["name"], row["url"]) != (name, url):
                self.q("UPDATE boards SET name = ?, url = ? WHERE id = ?", (name, url, row["id"]))
        found = self.one("SELECT id, complete, frontier FROM boards WHERE key = ?", (key,))
        assert found is not None
        return BoardState(found["id"], name, url, bool(found["complete"]), found["frontier"])

    def set_frontier(self, board_id: int, frontier: str | None) -> None:
        """Record how far the current walk has fully stored the board."""
        with self.transaction():
            self.q("UPDATE boards SET frontier = ? WHERE id = ?", (frontier, board_id))

    def record_run(self, name: str, ok: bool, outcome: str, error: str | None) -> str | None:
        """Note how the board's run went (its summary, and its board-level error); the
        board-level error of its run before (None when that one had none)."""
        with self.transaction():
            row = self.one("SELECT last_error FROM boards WHERE name = ?", (name,))
            self.q(
                "UPDATE boards SET last_run = ?, last_ok = ?, last_outcome = ?, last_error = ? "
                "WHERE name = ?",
                (now(), int(ok), outcome, error, name),
            )
        return row["last_error"] if row is not None else None

    def finish_walk(self, board_id: int, frontier: str | None) -> None:
        """A walk reached its end: the board is complete; ``frontier`` stays if work is left."""
        with self.transaction():
            self.q(
                "UPDATE boards SET complete = 1, frontier = ?, last_run = ? WHERE id = ?",
                (frontier, now(), board_id),
            )

    # -- posts --------------------------------------------------------------------------------

    def known(self, board_id: int, keys: list[str]) -> dict[str, Known]:
        """The posts among ``keys`` the archive already holds."""
        if not keys:
            return {}
        marks = ",".join("?" * len(keys))
        rows = self.q(
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
        with self.transaction():
            self.q(f"UPDATE posts SET last_seen = ? WHERE id IN ({marks})", (now(), *post_ids))

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
        rank: int | None = None,
    ) -> str:
        """Store a fetched post in one transaction: ``new``, ``changed`` or ``same``. A new
        post gets ``rank``, its place in the board's list (larger is higher)."""
        digest = content_hash(article)
        sig = minhash.signature(near_text(article))
        stamp = now()
        with self.transaction(serial=True):
            self.q("DELETE FROM failures WHERE board_id = ? AND key = ?", (board_id, key))
            row = self.one(
                "SELECT p.id, r.content_hash, r.list_rank FROM posts p LEFT JOIN revisions r "
                "ON r.id = p.revision_id WHERE p.board_id = ? AND p.key = ?",
                (board_id, key),
            )
            if row is not None and row["content_hash"] == digest:
                self.q(
                    "UPDATE posts SET last_seen = ?, list_title = ? WHERE id = ?",
                    (stamp, list_title, row["id"]),
                )
                return "same"
            if row is None:
                inserted = self.one(
                    "INSERT INTO posts(board_id, key, url, list_title, notice, first_seen, "
                    "last_seen) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    (board_id, key, url, list_title, int(notice), stamp, stamp),
                )
                assert inserted is not None
                post_id = int(inserted["id"])
            else:
                post_id = int(row["id"])
                rank = row["list_rank"]  # an edit keeps the post's place in the list
            revision_id = self._insert_revision(post_id, article, html, encoding, digest, sig, rank)
            self._insert_files(revision_id, files)
            original, kind = self._duplicate(post_id, digest, sig)
            self.q(
                "UPDATE posts SET revision_id = ?, last_seen = ?, list_title = ?, "
                "duplicate_of = ?, duplicate_kind = ? WHERE id = ?",
                (revision_id, stamp, list_title, original, kind, post_id),
            )
            self.index_signature(post_id, sig)
            self._put_index(
                post_id,
                article.title or "",
                article.body,
                "\n\n".join(f.text for f in files if f.text),
            )
        return "new" if row is None else "changed"

    def _insert_revision(
        self,
        post_id: int,
        article: Article,
        html: bytes,
        encoding: str,
        digest: str,
        sig: list[int] | None,
        rank: int | None = None,
    ) -> int:
        row = self.one(
            "INSERT INTO revisions(post_id, fetched_at, content_hash, url, title, author, "
            "published, views, paragraphs, engine, duplicates_removed, html, encoding, minhash, "
            "release_facts, list_rank, ocr) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
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
                None if sig is None else minhash.to_bytes(sig),
                _facts(article.release),
                rank,
                _ocr(article.ocr),
            ),
        )
        assert row is not None
        return int(row["id"])

    def _insert_files(self, revision_id: int, files: list[SavedFile]) -> None:
        self.many(
            "INSERT INTO attachments(revision_id, position, name, url, path, size, sha256, "
            "error, doc_text, doc_release, read_error, failed_runs, doc_ocr) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (revision_id, n, f.attachment.name, f.attachment.url, f.path, f.size, f.sha256)
                + (f.error, f.text, _facts(f.release), f.read_error, int(bool(f.error)))
                + (_ocr(f.ocr),)
                for n, f in enumerate(files)
            ],
        )

    def last_file_id(self) -> int:
        """The id of the newest attachment row (0 when there is none)."""
        row = self.one("SELECT COALESCE(MAX(id), 0) AS last FROM attachments")
        return int(row["last"]) if row else 0

    def failed_files(
        self, board_id: int, up_to: int, limit: int, max_runs: int | None = None
    ) -> list[tuple[int, str, str, str]]:
        """Failed downloads of the board's current revisions among attachment rows up to
        ``up_to`` that failed in fewer than ``max_runs`` runs (None: any), oldest first:
        (attachment id, name, file url, post url)."""
        # Through the partial index of failed attachments, not the board's posts: the
        # unary plus keeps both planners off the (board_id, key) index.
        given_up = "" if max_runs is None else " AND a.failed_runs < ?"
        rows = self.q(
            "SELECT a.id, a.name, a.url, p.url AS post_url FROM attachments a "
            "JOIN posts p ON p.revision_id = a.revision_id "
            "WHERE a.error IS NOT NULL AND a.url IS NOT NULL AND a.id <= ? "
            f"AND +p.board_id = ?{given_up} ORDER BY a.id LIMIT ?",
            (up_to, board_id, *([] if max_runs is None else [max_runs]), limit),
        )
        return [(r["id"], r["name"], r["url"], r["post_url"]) for r in rows]

    def record_file(self, attachment_id: int, saved: SavedFile) -> int:
        """Store the outcome of another try at a failed download (with its text, indexed);
        the number of runs it has failed in (one more when it failed again)."""
        with self.transaction():
            self.q(
                "UPDATE attachments SET path = ?, size = ?, sha256 = ?, error = ?, doc_text = ?, "
                "doc_release = ?, read_error = ?, doc_ocr = ?, failed_runs = failed_runs + ? "
                "WHERE id = ?",
                (saved.path, saved.size, saved.sha256, saved.error, saved.text)
                + (_facts(saved.release), saved.read_error, _ocr(saved.ocr))
                + (int(bool(saved.error)), attachment_id),
            )
            self._reindex_file(attachment_id)
            row = self.one("SELECT failed_runs FROM attachments WHERE id = ?", (attachment_id,))
        return int(row["failed_runs"]) if row is not None else 0

    def unread_files(self, board_id: int, after: int, limit: int) -> list[tuple[int, str]]:
        """Saved files of the board never read (archived before attachment text was kept),
        with attachment ids over ``after``, oldest first: (attachment id, path)."""
        rows = self.q(
            "SELECT a.id, a.path FROM attachments a JOIN revisions r ON r.id = a.revision_id "
            "JOIN posts p ON p.id = r.post_id WHERE a.path IS NOT NULL AND a.doc_text IS NULL "
            "AND a.read_error IS NULL AND a.id > ? AND +p.board_id = ? ORDER BY a.id LIMIT ?",
            (after, board_id, limit),
        )
        return [(int(r["id"]), r["path"]) for r in rows]

    def record_reading(self, attachment_id: int) -> None:
        """Note, before a saved file is read, that reading it started (:data:`READ_STARTED`
        as its read error until :meth:`record_text` stores what reading gave): a run that
        dies reading it leaves the file marked, and no later run reads it again."""
        with self.transaction():
            self.q(
                "UPDATE attachments SET read_error = ? WHERE id = ?",
                (READ_STARTED, attachment_id),
            )

    def record_text(
        self,
        attachment_id: int,
        text: str | None,
        release: Release | None,
        error: str | None,
        ocr: Sequence[str] = (),
    ) -> None:
        """Store what reading a saved file gave (``ocr``: what of it OCR read), and index it
        with its post, in one transaction."""
        with self.transaction():
            self.q(
                "UPDATE attachments SET doc_text = ?, doc_release = ?, read_error = ?, "
                "doc_ocr = ? WHERE id = ?",
                (text, _facts(release), error, _ocr(ocr), attachment_id),
            )
            self._reindex_file(attachment_id)

    def _reindex_file(self, attachment_id: int) -> None:
        """Index again the post whose current revision holds attachment ``attachment_id``."""
        row = self.one(
            "SELECT p.id FROM attachments a JOIN posts p ON p.revision_id = a.revision_id "
            "WHERE a.id = ?",
            (attachment_id,),
        )
        if row is not None:
            self.index_post(int(row["id"]))

    def index_post(self, post_id: int) -> None:
        """Make the post's search-index row its current revision's title, body and
        attachment text (inside the caller's transaction)."""
        row = self.one(
            "SELECT r.id, r.title, r.paragraphs FROM posts p JOIN revisions r "
            "ON r.id = p.revision_id WHERE p.id = ?",
            (post_id,),
        )
        if row is None:
            return
        texts = self.q(
            "SELECT doc_text FROM attachments WHERE revision_id = ? ORDER BY position",
            (row["id"],),
        )
        body = "\n\n".join(json.loads(row["paragraphs"]))
        files = "\n\n".join(t["doc_text"] for t in texts if t["doc_text"])
        self._put_index(post_id, row["title"] or "", body, files)

    # -- failed posts ------------------------------------------------------------------------

    def record_start(self, board_id: int, key: str, url: str) -> None:
        """Note, before a post is read, that this run tries it: counted as a failed run
        (:data:`READ_STARTED`) until :meth:`save` clears it, so a run that dies while
        reading it (killed, out of memory) still counts towards the skip rule."""
        self.record_failure(board_id, key, url, READ_STARTED)

    def record_failure(
        self, board_id: int, key: str, url: str, reason: str, *, started: bool = False
    ) -> int:
        """Note that a post failed in this run; the number of runs it has failed in.
        ``started``: :meth:`record_start` has counted this run already (the reason is kept)."""
        add = 0 if started else 1
        with self.transaction():
            self.q(
                "INSERT INTO failures(board_id, key, url, reason, runs, last_try) "
                "VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT(board_id, key) DO UPDATE SET "
                f"url = excluded.url, reason = excluded.reason, runs = failures.runs + {add}, "
                "last_try = excluded.last_try",
                (board_id, key, url, reason, now()),
            )
            row = self.one(
                "SELECT runs FROM failures WHERE board_id = ? AND key = ?", (board_id, key)
            )
        return int(row["runs"]) if row is not None else 1

    def given_up(self, board_id: int, max_runs: int) -> list[tuple[str, str]]:
        """The board's posts that failed in ``max_runs`` runs or more: (key, url)."""
        rows = self.q(
            "SELECT key, url FROM failures WHERE board_id = ? AND runs >= ? ORDER BY key",
            (board_id, max_runs),
        )
        return [(r["key"], r["url"]) for r in rows]

    def failures(self, board_id: int, keys: list[str]) -> dict[str, tuple[int, str]]:
        """The posts among ``keys`` that failed before: key → (runs failed, last reason).
        A post that is stored since is cleared (``save`` removes its row)."""
        if not keys:
            return {}
        marks = ",".join("?" * len(keys))
        rows = self.q(
            f"SELECT key, runs, reason FROM failures WHERE board_id = ? AND key IN ({marks})",
            (board_id, *keys),
        )
        return {r["key"]: (int(r["runs"]), r["reason"]) for r in rows}

    # -- duplicates ---------------------------------------------------------------------------

    def _duplicate(
        self, post_id: int, digest: str, sig: list[int] | None
    ) -> tuple[int | None, str | None]:
        """The earliest other post with the same content hash, else the earliest original
        among near-duplicates found through the band keys."""
        row = self.one(
            "SELECT p.id, p.duplicate_of FROM revisions r JOIN posts p ON p.revision_id = r.id "
            "WHERE r.content_hash = ? AND p.id != ? ORDER BY p.id LIMIT 1",
            (digest, post_id),
        )
        if row is not None:
            return row["duplicate_of"] or row["id"], "exact"
        if sig is None:
            return None, None
        keys = minhash.band_keys(sig)
        marks = ",".join("?" * len(keys))
        candidates = self.q(
            "SELECT p.id, p.duplicate_of, r.minhash FROM posts p "
            "JOIN revisions r ON r.id = p.revision_id WHERE p.id IN "
            f"(SELECT post_id FROM minhash_bands WHERE band_key IN ({marks})) AND p.id != ?",
            (*keys, post_id),
        )
        best: int | None = None
        for found in candidates:
            if found["minhash"] is None:
                continue
            other = minhash.from_bytes(found["minhash"])
            if minhash.similarity(sig, other) < minhash.NEAR_THRESHOLD:
                continue
            root = found["duplicate_of"] or found["id"]
            best = root if best is None else min(best, root)
        return (best, "near") if best is not None else (None, None)

    def index_signature(self, post_id: int, sig: list[int] | None) -> None:
        """Make ``sig`` the post's entry in the band index (replacing an earlier revision's)."""
        self.q("DELETE FROM minhash_bands WHERE post_id = ?", (post_id,))
        if sig is not None:
            self.many(
                "INSERT INTO minhash_bands(band_key, post_id) VALUES (?, ?)",
                [(k, post_id) for k in minhash.band_keys(sig)],
            )

    # -- reading ------------------------------------------------------------------------------

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
        where, args = _record_filter(since, board, unique)
        yield from self._records_of(self._record_rows(where, args), on_bad)

    def newest(
        self,
        limit: int,
        *,
        since: str | None = None,
        board: str | None = None,
        on_bad: Callable[[str], None] = lambda message: None,
    ) -> Iterator[tuple[Article, dict[str, Any]]]:
        """The ``limit`` newest posts, as :meth:`records` gives them (the feed): by the
        board's date, newest first, then (posts without a date, or of one day) by their place
        in their board's list, higher first; the limit is the query's."""
        where, args = _record_filter(since, board, False)
        rank = "r.list_rank" if self.version >= 5 else "NULL"  # list_rank came with 5
        rows = self.q(
            f"SELECT {self._record_columns()} FROM posts p JOIN boards b ON b.id = p.board_id "
            f"JOIN revisions r ON r.id = p.revision_id WHERE {where} "
            "ORDER BY CASE WHEN r.published IS NULL THEN 1 ELSE 0 END, r.published DESC, "
            f"COALESCE({rank}, 0) DESC, p.first_seen DESC, p.id LIMIT ?",
            [*args, limit],
        )
        yield from self._records_of(rows, on_bad)

    def _records_of(
        self, rows: Iterable[Any], on_bad: Callable[[str], None]
    ) -> Iterator[tuple[Article, dict[str, Any]]]:
        """Each row as an Article and its record; an unreadable one reported to ``on_bad``."""
        for row in rows:
            try:
                found = self._record(row)
            except (ValueError, TypeError, KeyError, OverflowError, AttributeError) as exc:
                on_bad(f"post {row['post_url']!r}: unreadable row ({type(exc).__name__}: {exc})")
                continue
            yield found

    def _record_rows(self, where: str, args: list[Any]) -> Iterator[Any]:
        """The rows of :meth:`records`, read :data:`RECORD_BATCH` at a time in their order
        (first seen, id): never the whole archive in memory (40,000 posts took 431 MB)."""
        after: tuple[Any, int] | None = None
        while True:
            more = (
                ""
                if after is None
                else " AND (p.first_seen > ? OR (p.first_seen = ? AND p.id > ?))"
            )
            keys = [] if after is None else [after[0], after[0], after[1]]
            rows = self.q(
                f"SELECT {self._record_columns()} FROM posts p JOIN boards b "
                "ON b.id = p.board_id "
                "JOIN revisions r ON r.id = p.revision_id "
                f"WHERE {where}{more} ORDER BY p.first_seen, p.id LIMIT {RECORD_BATCH}",
                [*args, *keys],
            )
            yield from rows
            if len(rows) < RECORD_BATCH:
                return
            after = (rows[-1]["first_seen"], rows[-1]["post_id"])

    def _record_columns(self) -> str:
        """:data:`RECORD_COLUMNS`, with the revision's ``ocr`` (NULL before version 6)."""
        return f"{RECORD_COLUMNS}, {'r.ocr' if self.version >= 6 else 'NULL AS ocr'}"

    def _record(self, row: Any) -> tuple[Article, dict[str, Any]]:
        doc_ocr = "doc_ocr" if self.version >= 6 else "NULL AS doc_ocr"  # came with 6
        files = self.q(
            "SELECT name, url, path, error, doc_text, doc_release, read_error, "
            f"{doc_ocr} FROM attachments WHERE revision_id = ? ORDER BY position",
            (row["id"],),
        )
        facts = row["release_facts"] or next(
            (f["doc_release"] for f in files if f["doc_release"]), None
        )
        article = Article(
            url=row["url"] or row["post_url"],
            title=row["title"],
            author=row["author"],
            published=parse_when(row["published"]),
            views=row["views"],
            paragraphs=json.loads(row["paragraphs"]),
            attachments=[Attachment(f["name"], f["url"]) for f in files],
            engine=row["engine"],
            duplicates_removed=row["duplicates_removed"],
            release=Release.from_dict(json.loads(facts)) if facts else None,
            ocr=_read_ocr(row["ocr"]),
        )
        data = article.to_dict()
        data["attachments"] = [_file_record(f) for f in files]
        data.update(
            board=row["board"],
            first_seen=row["first_seen"],
            duplicate_of=self._url_of(row["duplicate_of"]),
        )
        return article, data

    def _url_of(self, post_id: int | None) -> str | None:
        if post_id is None:
            return None
        row = self.one("SELECT url FROM posts WHERE id = ?", (post_id,))
        return row["url"] if row else None

    def html(self, post_id: int) -> bytes | None:
        """The raw page of a post's current revision."""
        row = self.one(
            "SELECT r.html FROM posts p JOIN revisions r ON r.id = p.revision_id WHERE p.id = ?",
            (post_id,),
        )
        return zlib.decompress(row["html"]) if row and row["html"] is not None else None

    # -- search -------------------------------------------------------------------------------

    def search_posts(
        self,
        terms: Sequence[str],
        *,
        board: str | None = None,
        since: str | None = None,
        limit: int = 20,
    ) -> list[dict[str, Any]]:
        """The archived posts holding every one of ``terms`` in their title, body or attachment
        text, best first: each a dict of board, url, title, published, first_seen, body and
        ``attachments`` (name, text), for :mod:`pressclip.archive.search` to make hits of."""
        ids = self._search_ids(terms, board, since, limit)
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = self.q(
            "SELECT p.id AS post_id, p.url AS post_url, p.first_seen, b.name AS board, "
            "r.id AS revision_id, r.url, r.title, r.published, r.paragraphs FROM posts p "
            "JOIN boards b ON b.id = p.board_id JOIN revisions r ON r.id = p.revision_id "
            f"WHERE p.id IN ({marks})",
            ids,
        )
        by_id = {int(r["post_id"]): r for r in rows}
        revisions = [r["revision_id"] for r in rows]
        files: dict[int, list[dict[str, Any]]] = {}
        if revisions:
            for f in self.q(
                "SELECT revision_id, name, doc_text FROM attachments WHERE revision_id IN "
                f"({','.join('?' * len(revisions))}) ORDER BY revision_id, position",
                revisions,
            ):
                files.setdefault(f["revision_id"], []).append(
                    {"name": f["name"], "text": f["doc_text"]}
                )
        found = []
        for post_id in ids:
            row = by_id.get(post_id)
            if row is None:
                continue
            found.append(
                {
                    "board": row["board"],
                    "url": row["url"] or row["post_url"],
                    "title": row["title"],
                    "published": row["published"],
                    "first_seen": row["first_seen"],
                    "body": "\n\n".join(json.loads(row["paragraphs"])),
                    "attachments": files.get(row["revision_id"], []),
                }
            )
        return found

    def _filters(self, board: str | None, since: str | None) -> tuple[str, list[Any]]:
        """The SQL (``AND …``) and arguments of search's board and --since filters."""
        sql, args = "", []
        if board:
            sql += " AND b.name = ?"
            args.append(board)
        if since:
            sql += " AND p.first_seen >= ?"
            args.append(since)
        return sql, args


#: The columns a record is made of (:meth:`Store.records`, :meth:`Store.newest`).
RECORD_COLUMNS = (
    "p.id AS post_id, p.url AS post_url, p.first_seen, p.last_seen, p.notice, "
    "p.duplicate_of, b.name AS board, r.id, r.url, r.title, r.author, r.published, "
    "r.views, r.paragraphs, r.engine, r.duplicates_removed, r.release_facts"
)


def _record_filter(since: str | None, board: str | None, unique: bool) -> tuple[str, list[Any]]:
    """The WHERE clause and arguments of the records' filters."""
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
    return " AND ".join(where), args


def _ocr(read: Sequence[str]) -> str | None:
    """What OCR read (a record's ``ocr``) as the JSON the archive stores; NULL for nothing."""
    return json.dumps(list(read), ensure_ascii=False) if read else None


def _read_ocr(stored: str | None) -> list[str]:
    """A stored ``ocr`` back as a list (empty for NULL)."""
    return [str(part) for part in json.loads(stored)] if stored else []


def _file_record(row: Any) -> dict[str, Any]:
    """An attachment of an export record; ``ocr`` only when OCR read some of its text (as a
    record's own ``ocr`` key)."""
    record = {
        "name": row["name"],
        "url": row["url"],
        "path": row["path"],
        "error": row["error"],
        "text": row["doc_text"],
        "read_error": row["read_error"],
    }
    read = _read_ocr(row["doc_ocr"])
    if read:
        record["ocr"] = read
    return record


def _facts(release: Release | None) -> str | None:
    """Release facts as the JSON the archive stores."""
    return None if release is None else json.dumps(release.to_dict(), ensure_ascii=False)
