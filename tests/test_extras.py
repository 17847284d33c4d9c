"""The PostgreSQL stack is an extra (issue 28, item 1): without psycopg and procrastinate the
CLI still cleans, fetches and archives into SQLite, and a PostgreSQL archive or the worker
says in one line what to install (exit 2).

Each test runs the CLI in a child process whose imports of psycopg, procrastinate and
croniter fail, as in an install without ``pressclip[postgres]``; the child also reports
whether anything tried to import them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_archive import BoardServer, FakeBoard

ROOT = Path(__file__).resolve().parent.parent
POST = ROOT / "tests" / "fixtures" / "example_post.txt"
EXTRA_LINE = "pip install 'pressclip[postgres]'"

#: Runs the CLI (argv after ``--``) with the PostgreSQL packages unimportable; at exit it
#: prints on stderr ``tried: NAME`` for each of them something tried to import.
WITHOUT_POSTGRES = """
import atexit, sys
from importlib.abc import MetaPathFinder

BLOCKED = ("psycopg", "psycopg_binary", "procrastinate", "croniter")
tried = set()

class Blocker(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        top = name.partition(".")[0]
        if top in BLOCKED:
            tried.add(top)
            raise ImportError(f"No module named {name!r} (blocked by the test)")
        return None

sys.meta_path.insert(0, Blocker())
atexit.register(lambda: [sys.stderr.write(f"tried: {n}\\n") for n in sorted(tried)])
sys.argv = ["pressclip", *sys.argv[1:]]
from pressclip.__main__ import main
main()
"""


def without_postgres(*args: object, cwd: Path | None = None) -> tuple[int, str, str]:
    proc = subprocess.run(
        [sys.executable, "-c", WITHOUT_POSTGRES, *map(str, args)],
        capture_output=True,
        timeout=120,
        cwd=cwd,
    )
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def test_the_blocker_blocks():
    proc = subprocess.run(
        [sys.executable, "-c", WITHOUT_POSTGRES.replace("main()\n", "import psycopg\n")],
        capture_output=True,
        timeout=60,
    )
    assert proc.returncode != 0 and b"blocked by the test" in proc.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["archive", "--help"],
        ["clean", POST, "-f", "text"],
    ],
)
def test_core_commands_import_no_postgres_package(args):
    code, out, err = without_postgres(*args)
    assert code == 0, err
    assert "tried:" not in err
    assert out


def test_fetch_and_archive_into_sqlite_without_the_extra(tmp_path):
    db = tmp_path / "press.sqlite"
    with BoardServer(FakeBoard(count=3)) as server:
        code, out, err = without_postgres("fetch", server.list_url(), "--delay", 0, "-q")
        assert code == 0, err
        assert len(out.splitlines()) == 3 and "tried:" not in err
        code, _, err = without_postgres(
            "archive", server.list_url(), "--db", db, "--delay", 0, "-q"
        )
        assert code == 0, err
        assert "tried:" not in err
    for command in (["export", "--db", db], ["search", "보도", "--db", db]):
        code, out, err = without_postgres(*command)
        assert "tried:" not in err
        assert "postgres" not in err, err
    code, out, _ = without_postgres("export", "--db", db)
    assert code == 0 and len([json.loads(line) for line in out.splitlines()]) == 3


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--db", "postgresql://press@127.0.0.1:1/press"],
        ["status", "--db", "postgresql://press@127.0.0.1:1/press"],
        ["feed", "--db", "postgresql://press@127.0.0.1:1/press"],
        ["search", "보도", "--db", "postgresql://press@127.0.0.1:1/press"],
        ["archive", "http://127.0.0.1:1/list", "--db", "postgresql://press@127.0.0.1:1/press"],
        ["worker", "--db", "postgresql://press@127.0.0.1:1/press"],
        ["worker"],
        ["archive", "http://127.0.0.1:1/list", "--enqueue", "--db", "postgresql://p@127.0.0.1:1/p"],
    ],
)
def test_postgres_without_the_extra_is_one_line_naming_it(args, tmp_path):
    code, out, err = without_postgres(*args, cwd=tmp_path)
    lines = [line for line in err.splitlines() if not line.startswith("tried:")]
    assert code == 2, err
    assert out == ""
    assert len(lines) == 1, err
    assert lines[0].startswith("pressclip: error: ") and EXTRA_LINE in lines[0]
    assert "Traceback" not in err
