"""The work queue: `pressclip archive --enqueue` then `pressclip worker`, several at once,
one killed with SIGKILL mid-board."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import psycopg
from test_archive import BoardServer, FakeBoard, cli, spawn, views

from pressclip.archive.queue import interleave
from pressclip.archive.store import open_store
from pressclip.archive.walk import Board


def config(path: Path, server: BoardServer, tables: list[str]) -> Path:
    path.write_text(
        "".join(f'[[board]]\nurl = "{server.list_url(t)}"\nname = "{t}"\n\n' for t in tables),
        encoding="utf-8",
    )
    return path


def posts(url: str) -> list[tuple[str, int]]:
    """(board, wr_id) of every archived post, repeats included."""
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT b.name, p.key FROM posts p JOIN boards b ON b.id = p.board_id"
        ).fetchall()
    return sorted((b, int(k.rsplit("wr_id=", 1)[1].split("&")[0])) for b, k in rows)


def jobs(url: str) -> list[tuple[str, str]]:
    with psycopg.connect(url) as conn:
        return sorted(conn.execute("SELECT lock, status FROM procrastinate_jobs").fetchall())


def worker(url: str, files: Path, *more: object):
    return spawn("worker", "--db", url, "--files", files, "--stalled-after", 2, *more)


def test_enqueue_then_workers_drain_the_queue(capsys, monkeypatch, pg_url, tmp_path):
    boards = [FakeBoard(t, count=n) for t, n in (("a", 12), ("b", 3), ("c", 7))]
    with BoardServer(*boards) as server:
        cfg = config(tmp_path / "boards.toml", server, ["a", "b", "c"])
        args = ("archive", "--config", cfg, "--db", pg_url, "--delay", 0, "--enqueue")
        code, _, err = cli(capsys, monkeypatch, *args)
        assert code == 0 and err == "queued 3 boards, 0 already waiting\n"
        code, _, err = cli(capsys, monkeypatch, *args)  # not twice while waiting
        assert code == 0 and err == "queued 0 boards, 3 already waiting\n"
        assert server.take_log() == []  # enqueueing fetches nothing
        files = tmp_path / "files"
        procs = [worker(pg_url, files, "--burst") for _ in range(2)]
        results = [p.communicate(timeout=120) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], results
        summaries = sorted(line for _, e in results for line in e.decode().splitlines())
        assert summaries == [
            "board a: 12 new, 0 changed, 0 failed",
            "board b: 3 new, 0 changed, 0 failed",
            "board c: 7 new, 0 changed, 0 failed",
        ]
        assert sorted(views(server.take_log())) == sorted(
            [*range(1, 13), *range(1, 4), *range(1, 8)]
        )
    expected = [(t, n) for t, c in (("a", 12), ("b", 3), ("c", 7)) for n in range(1, c + 1)]
    assert posts(pg_url) == sorted(expected)
    assert jobs(pg_url) == [("a", "succeeded"), ("b", "succeeded"), ("c", "succeeded")]
    assert len(list((files / "a").iterdir())) == 12


def test_worker_killed_mid_board_loses_and_doubles_nothing(capsys, monkeypatch, pg_url, tmp_path):
    a, b = FakeBoard("a", count=30), FakeBoard("b", count=4)
    with BoardServer(a, b) as server:
        cfg = config(tmp_path / "boards.toml", server, ["a", "b"])
        code, _, err = cli(
            capsys,
            monkeypatch,
            "archive",
            "--config",
            cfg,
            "--db",
            pg_url,
            "--delay",
            0,
            "--enqueue",
        )
        assert code == 0, err
        slow = a.posts[17]  # list page 2: page 1's posts are stored when the worker dies
        server.slow = {slow.id}
        files = tmp_path / "files"
        doomed = worker(pg_url, files)
        assert server.slow_hit.wait(60)
        os.kill(doomed.pid, signal.SIGKILL)
        doomed.wait()
        stored = posts(pg_url)
        assert ("a", a.posts[0].id) in stored and ("a", slow.id) not in stored
        assert ("a", "doing") in jobs(pg_url)  # the dead worker's job, stalled
        server.slow = set()
        server.release.set()
        time.sleep(2.5)  # longer than --stalled-after: the dead worker is known dead
        rescuer = worker(pg_url, files, "--burst")
        out, err = rescuer.communicate(timeout=120)
        assert rescuer.returncode == 0, err
        assert "board a: " in err.decode()
    assert posts(pg_url) == sorted(
        [("a", n) for n in range(1, 31)] + [("b", n) for n in range(1, 5)]
    )
    assert jobs(pg_url) == [("a", "succeeded"), ("b", "succeeded")]
    with psycopg.connect(pg_url) as conn:
        (revisions,) = conn.execute("SELECT count(*) FROM revisions").fetchone()  # type: ignore[misc]
        (frontiers,) = conn.execute("SELECT count(frontier) FROM boards").fetchone()  # type: ignore[misc]
    assert revisions == 34 and frontiers == 0
    names = sorted(p.name for p in (files / "a").iterdir())
    assert len(names) == 30 and not [n for n in names if "(2)" in n or n.startswith(".")]


def test_schedule_enqueues_the_config_boards(pg_url, tmp_path):
    board = FakeBoard("a", count=3)
    open_store(pg_url).close()  # the tables, so the test can look before the worker starts
    with BoardServer(board) as server:
        cfg = config(tmp_path / "boards.toml", server, ["a"])
        proc = worker(
            pg_url, tmp_path / "files", "--schedule", "* * * * * */2", "--config", cfg, "--delay", 0
        )
        try:
            deadline = time.monotonic() + 60
            while len(posts(pg_url)) < 3 and time.monotonic() < deadline:
                time.sleep(0.3)
            board.add()  # a later tick walks the board again and finds it
            while len(posts(pg_url)) < 4 and time.monotonic() < deadline:
                time.sleep(0.3)
        finally:
            proc.send_signal(signal.SIGTERM)
            _, err = proc.communicate(timeout=60)
        assert posts(pg_url) == [("a", 1), ("a", 2), ("a", 3), ("a", 4)], err
        assert proc.returncode == 0, err
    with psycopg.connect(pg_url) as conn:
        tasks = {t for (t,) in conn.execute("SELECT task_name FROM procrastinate_jobs")}
    assert tasks == {"pressclip.enqueue_boards", "pressclip.archive_board"}


def test_jobs_are_queued_hosts_taking_turns():
    boards = [
        Board(f"http://{host}/bbs/board.php?bo_table={name}", name)
        for host, name in (("a.kr", "a1"), ("a.kr", "a2"), ("a.kr", "a3"), ("b.kr", "b1"))
        + (("c.kr:8080", "c1"), ("C.kr:8080", "c2"))
    ]
    assert [b.name for b in interleave(boards)] == ["a1", "b1", "c1", "a2", "c2", "a3"]


def test_queue_needs_postgres(capsys, monkeypatch, tmp_path):
    db = tmp_path / "a.sqlite"
    code, _, err = cli(
        capsys, monkeypatch, "archive", "http://b.kr/?bo_table=x", "--db", db, "--enqueue"
    )
    assert (
        code == 2
        and err == "pressclip: error: --enqueue needs a PostgreSQL --db (postgresql://…)\n"
    )
    code, _, err = cli(capsys, monkeypatch, "worker", "--db", db)
    assert code == 2 and "--db must be a PostgreSQL URL" in err and err.count("\n") == 1
    assert not db.exists()


def test_failed_job_is_one_line_and_retried_later(pg_url, tmp_path):
    from pressclip.archive.queue import QUEUE, TASK, ensure_schema, make_app

    ensure_schema(pg_url)
    app = make_app(pg_url)
    with app.open():  # a job no worker can run (as from another pressclip version)
        app.configure_task(TASK, queue=QUEUE, lock="x").defer(
            board={"url": "http://b.kr/", "name": "x"},
            options={"colour": 1},
            pages=None,
            full=False,
        )
    proc = worker(pg_url, tmp_path / "files", "--burst")
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1, err  # a job failed: the worker says so in its status (issue 24)
    text = err.decode()
    assert text.count("\n") == 1 and "Traceback" not in text
    assert text.startswith("pressclip: error: board x: job failed, to be retried: TypeError")
    with psycopg.connect(pg_url) as conn:
        (status, attempts), *_ = conn.execute(
            "SELECT status, attempts FROM procrastinate_jobs"
        ).fetchall()
    assert (status, attempts) == ("todo", 1)  # back on the queue, a minute later
