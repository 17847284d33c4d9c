"""`export`, `search`, `feed` and `status` only read: they open the database read-only,
never create, migrate or alter anything, and refuse (one line, exit 1) a database that holds
no pressclip archive or one of a newer schema, leaving it byte for byte as it was."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import psycopg
import pytest
from test_archive import BoardServer, FakeBoard, cli

from pressclip.archive.store import SCHEMA_VERSION, is_postgres

READERS = [
    ("export",),
    ("search", "보도자료"),
    ("feed",),
    ("status",),
]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def foreign_sqlite(path: Path, version: int = 0) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (body TEXT)")
    con.execute("INSERT INTO notes VALUES ('장보기')")
    con.execute(f"PRAGMA user_version = {version}")
    con.commit()
    con.close()


@pytest.mark.parametrize("command", READERS)
def test_foreign_sqlite_is_refused_and_left_unchanged(capsys, monkeypatch, tmp_path, command):
    path = tmp_path / "notes.sqlite"
    foreign_sqlite(path)
    before, files = digest(path), beside(path)
    code, out, err = cli(capsys, monkeypatch, *command, "--db", path)
    assert code == 1 and out == ""
    assert err == f"pressclip: error: {path}: not a pressclip archive (nothing was changed)\n"
    assert digest(path) == before and beside(path) == files  # no -wal, -shm or journal


@pytest.mark.parametrize("command", READERS)
def test_newer_sqlite_archive_is_refused_unchanged(capsys, monkeypatch, tmp_path, command):
    path = tmp_path / "press.sqlite"
    with BoardServer(FakeBoard(count=1)) as server:
        assert cli(capsys, monkeypatch, "archive", server.list_url(), "--db", path)[0] == 0
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.execute("PRAGMA journal_mode = DELETE")
    con.close()
    before = digest(path)
    code, out, err = cli(capsys, monkeypatch, *command, "--db", path)
    assert code == 1 and out == "" and err.count("\n") == 1
    assert f"schema version {SCHEMA_VERSION + 1} is newer than this pressclip" in err
    assert digest(path) == before


def test_readers_leave_an_archive_byte_for_byte(capsys, monkeypatch, tmp_path):
    path = tmp_path / "press.sqlite"
    with BoardServer(FakeBoard(count=3)) as server:
        assert cli(capsys, monkeypatch, "archive", server.list_url(), "--db", path)[0] == 0
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = DELETE")  # one file, so its bytes say everything
    con.close()
    before, files = digest(path), beside(path)
    for command in READERS:
        code, out, err = cli(capsys, monkeypatch, *command, "--db", path)
        assert code == 0 and out, (command, err)
    assert digest(path) == before and beside(path) == files


def test_version_4_archive_is_read_without_migrating(capsys, monkeypatch, tmp_path):
    """An archive of the schema before this one: the readers read it as it is (status does
    without the runs' outcomes), and the next `archive` migrates it."""
    path = tmp_path / "press.sqlite"
    with BoardServer(FakeBoard(count=2)) as server:
        assert cli(capsys, monkeypatch, "archive", server.list_url(), "--db", path)[0] == 0
        downgrade_to_4(path)
        before = digest(path)
        for command in READERS:
            code, out, err = cli(capsys, monkeypatch, *command, "--db", path)
            assert code == 0 and out, (command, err)
        code, out, _ = cli(capsys, monkeypatch, "status", "--db", path)
        assert "posts: 2, files: 2" in out
        assert digest(path) == before
        code, _, err = cli(capsys, monkeypatch, "archive", server.list_url(), "--db", path)
        assert code == 0, err
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    con.close()


def downgrade_to_4(path: Path) -> None:
    """Make the SQLite archive at ``path`` what pressclip wrote before schema 5 (without
    what 5 and 6 added)."""
    con = sqlite3.connect(path)
    con.execute("DROP INDEX boards_key")
    for table, column in [
        ("boards", "key"),
        ("boards", "last_ok"),
        ("boards", "last_outcome"),
        ("boards", "last_error"),
        ("attachments", "failed_runs"),
        ("revisions", "list_rank"),
        ("revisions", "ocr"),
        ("attachments", "doc_ocr"),
    ]:
        con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    con.execute("PRAGMA user_version = 4")
    con.execute("PRAGMA journal_mode = DELETE")
    con.commit()
    con.close()


def public_tables(url: str) -> tuple[list[str], list[str]]:
    with psycopg.connect(url, autocommit=True) as conn:
        tables = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
        ).fetchall()
        extensions = conn.execute("SELECT extname FROM pg_extension ORDER BY 1").fetchall()
    return [t[0] for t in tables], [e[0] for e in extensions]


@pytest.mark.parametrize("command", READERS)
def test_postgres_database_without_archive_is_refused_untouched(
    capsys, monkeypatch, pg_url, command
):
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    before = public_tables(pg_url)
    code, out, err = cli(capsys, monkeypatch, *command, "--db", pg_url)
    assert code == 1 and out == "" and err.count("\n") == 1
    assert err.endswith(
        "/test_" + pg_url.rsplit("_", 1)[1] + ": not a pressclip archive (nothing was changed)\n"
    )
    assert public_tables(pg_url) == before == (["notes"], ["plpgsql"])


def test_postgres_reader_session_is_read_only(capsys, monkeypatch, store_target, tmp_path):
    """On an archive, the readers work, in read-only transactions (nothing to write)."""
    if not is_postgres(store_target):
        pytest.skip("SQLite: see test_readers_leave_an_archive_byte_for_byte")
    monkeypatch.chdir(tmp_path)  # the attachments folder is ./files
    from pressclip.archive.store import open_store

    with BoardServer(FakeBoard(count=2)) as server:
        assert cli(capsys, monkeypatch, "archive", server.list_url(), "--db", store_target)[0] == 0
    with open_store(store_target, readonly=True) as store:
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            store.q("DELETE FROM posts")
    for command in READERS:
        code, out, err = cli(capsys, monkeypatch, *command, "--db", store_target)
        assert code == 0 and out, (command, err)
