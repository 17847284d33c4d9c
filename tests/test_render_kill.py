"""`archive --render` killed with SIGKILL mid-run, then run again, as cron would: nothing lost,
nothing stored twice, and no browser left behind: Chromium and Playwright's driver die with
the killed run, and the profile folder it could not remove is removed by the next run. A real
headless Chromium on a local board whose rows open their posts through session storage (the
tests skip, saying so, where the browser is missing)."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from render_boards import StorageBoard, body, post_numbers, title
from server import LocalServer
from test_render import MISSING, exported

from pressclip.archive.store import open_store
from pressclip.urls import session_storage

needs_browser = pytest.mark.skipif(bool(MISSING), reason=f"no browser for --render: {MISSING}")
needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")

#: Longest wait for the processes of a killed run to go (seconds).
GONE_SECONDS = 15.0


def archive_args(db: Path, url: str) -> list[str]:
    return [sys.executable, "-m", "pressclip", "archive", "--render", "-q", "--delay", "0",
            "--db", str(db), url]  # fmt: skip


def run_archive(db: Path, url: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        archive_args(db, url), capture_output=True, text=True, timeout=300, env=env
    )


def children() -> dict[int, list[int]]:
    """Each process's children, from /proc."""
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        kids.setdefault(parent, []).append(int(entry))
    return kids


def descendants(pid: int) -> list[int]:
    """The processes ``pid`` started, and theirs."""
    kids, found, todo = children(), [], [pid]
    while todo:
        for kid in kids.get(todo.pop(), []):
            found.append(kid)
            todo.append(kid)
    return found


def running(pids: list[int]) -> list[str]:
    """The command lines of those of ``pids`` still running (zombies are not)."""
    alive = []
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if state != "Z":
            alive.append(f"{pid}: {command[:120].decode(errors='replace')}")
    return alive


def gone(pids: list[int]) -> list[str]:
    """Wait up to GONE_SECONDS for ``pids`` to end; those still running."""
    end = time.monotonic() + GONE_SECONDS
    while (left := running(pids)) and time.monotonic() < end:
        time.sleep(0.2)
    return left


def stored(db: Path) -> list[int]:
    """The post number of every archived post (with repeats, were any stored twice)."""
    with open_store(str(db)) as store:
        keys = [r["key"] for r in store.q("SELECT key FROM posts")]
    return sorted(int(session_storage(k)["postNo"]) for k in keys)


def profiles(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if "pressclip-chromium" in p.name)


@pytest.fixture
def temp() -> Iterator[Path]:
    """The runs' own temporary directory (the browser's profile goes there), short: Chromium
    does not start where the path of its socket there would be too long for a socket."""
    folder = Path(tempfile.mkdtemp(prefix="pcr-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@needs_browser
@needs_proc
def test_archive_render_killed_mid_run_loses_doubles_and_leaves_nothing(tmp_path, temp):
    spec = StorageBoard(count=8)
    db = tmp_path / "press.sqlite"
    env = {**os.environ, "TMPDIR": str(temp)}
    with LocalServer() as server:
        url = spec.serve(server).url("/press/list.html")
        first = run_archive(db, url, env)
        assert first.returncode == 0, first.stderr
        assert stored(db) == list(range(1, 9))
        spec.count = 18  # ten new posts: 18–14 on list page 1, 13–9 on page 2
        spec.slow = {11}  # on page 2, after page 1 is stored
        proc = subprocess.Popen(archive_args(db, url), env=env, stderr=subprocess.DEVNULL)
        try:
            assert spec.slow_hit.wait(120), "the run never reached post 11"
            time.sleep(0.2)
            started = descendants(proc.pid)
            assert any("chromium" in line for line in running(started))
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        finally:
            if proc.poll() is None:
                proc.kill()
        assert gone(started) == []  # no browser outlives the killed run
        done = set(stored(db))
        assert set(range(14, 19)) <= done and 11 not in done  # page 1 stored, then killed
        assert len(profiles(temp)) == 1  # the profile folder the killed run could not remove

        spec.slow = set()
        spec.release.set()
        server.requests.clear()
        again = run_archive(db, url, env)
        assert again.returncode == 0, again.stderr
        assert stored(db) == list(range(1, 19))  # nothing lost, nothing twice
        got = {r["title"]: r for r in exported(str(db))}
        assert all(got[title(no)]["body"] == "\n\n".join(body(no)) for no in range(1, 19))
        assert 14 not in post_numbers(server.paths())  # stored before the kill: not read again
        assert profiles(temp) == []  # the killed run's folder removed, this run's too
        with sqlite3.connect(db) as con:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        with open_store(str(db)) as store:
            assert store.one("SELECT count(*) AS n FROM revisions")["n"] == 18
            assert [r["frontier"] for r in store.q("SELECT frontier FROM boards")] == [None]

        server.requests.clear()  # and the next run is back to one list page, no post read
        third = run_archive(db, url, env)
        assert third.returncode == 0, third.stderr
        assert [p for p in server.paths() if "list.html" in p] == ["/press/list.html"]
        assert post_numbers(server.paths()) == []


def test_only_profile_folders_no_living_run_holds_are_removed(temp, monkeypatch):
    from pressclip.fetch import render_profile

    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    held = render_profile.Profile()
    left = temp / f"{render_profile.PREFIX}killed"  # a killed run's: nobody holds its lock
    (left / "Default").mkdir(parents=True)
    (temp / "other").mkdir()
    assert render_profile.remove_stale() == [str(left)]
    assert sorted(p.name for p in temp.iterdir()) == sorted([Path(held.path).name, "other"])
    held.remove()
    held.remove()
    assert [p.name for p in temp.iterdir()] == ["other"]
