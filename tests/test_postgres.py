"""`pressclip archive` / `export` with the archive in PostgreSQL: the walk's guarantees of
tests/test_archive.py (only new posts, a killed run loses and doubles nothing, revisions,
duplicates), boards held against overlapping runs, and host leases shared between runs."""

from __future__ import annotations

import json
import os
import signal
import threading
import time

import psycopg
from test_archive import BoardServer, FakeBoard, cli, lists, spawn, views, words


def ids(url: str, board: str | None = None) -> list[int]:
    """The wr_id of every archived post (with repeats, were any post stored twice)."""
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT p.key FROM posts p JOIN boards b ON b.id = p.board_id "
            "WHERE %s::text IS NULL OR b.name = %s",
            (board, board),
        ).fetchall()
    return sorted(int(k.rsplit("wr_id=", 1)[1].split("&")[0]) for (k,) in rows)


def scalar(url: str, sql: str) -> object:
    with psycopg.connect(url) as conn:
        row = conn.execute(sql).fetchone()
    assert row is not None
    return row[0]


def test_first_run_then_only_new(capsys, monkeypatch, pg_url, tmp_path):
    board = FakeBoard(count=25)
    monkeypatch.chdir(tmp_path)
    with BoardServer(board) as server:
        code, _, err = cli(
            capsys, monkeypatch, "archive", server.list_url(), "--db", pg_url, "--delay", 0
        )
        assert code == 0, err
        assert err == "board 127.0.0.1/press: 25 new, 0 changed, 0 failed\n"
        assert lists(server.take_log()) == [1, 2, 3]
        assert ids(pg_url) == list(range(1, 26))
        assert len(list((tmp_path / "files" / "127.0.0.1_press").iterdir())) == 25
        new = [board.add().id for _ in range(3)]
        monkeypatch.setenv("PRESSCLIP_DB", pg_url)  # the same, from the environment
        code, _, err = cli(capsys, monkeypatch, "archive", server.list_url(), "--delay", 0)
        assert code == 0 and "3 new, 0 changed, 0 failed" in err
        log = server.take_log()
        assert lists(log) == [1] and sorted(views(log)) == new
    code, out, _ = cli(capsys, monkeypatch, "export")
    assert code == 0 and len(out.splitlines()) == 28


def test_kill_9_midway_loses_and_doubles_nothing(capsys, monkeypatch, pg_url, tmp_path):
    board = FakeBoard(count=20)
    monkeypatch.chdir(tmp_path)
    with BoardServer(board) as server:
        args = ("archive", server.list_url(), "--db", pg_url, "--delay", 0)
        assert cli(capsys, monkeypatch, *args)[0] == 0
        new = [board.add() for _ in range(25)]
        slow = new[-16]  # on list page 2, after page 1 is fully stored
        server.slow = {slow.id}
        proc = spawn(*args)
        assert server.slow_hit.wait(30)
        time.sleep(0.2)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        done = set(ids(pg_url))
        assert set(range(36, 46)) <= done and slow.id not in done
        server.slow = set()
        server.release.set()
        code, _, err = cli(capsys, monkeypatch, *args)  # the dead run's board lock is gone
        assert code == 0, err
        assert ids(pg_url) == list(range(1, 46))
        assert scalar(pg_url, "SELECT count(*) FROM revisions") == 45
        assert scalar(pg_url, "SELECT frontier FROM boards") is None
        server.take_log()
        assert cli(capsys, monkeypatch, *args)[0] == 0
        assert server.take_log() == ["/bbs/board.php?bo_table=press"]


def test_overlapping_runs_on_a_board(capsys, monkeypatch, pg_url, tmp_path):
    board = FakeBoard(count=5)
    monkeypatch.chdir(tmp_path)
    with BoardServer(board) as server:
        server.slow = {board.posts[2].id}
        args = ("archive", server.list_url(), "--db", pg_url, "--delay", 0)
        first = spawn(*args)
        assert server.slow_hit.wait(30)
        code, out, err = cli(capsys, monkeypatch, *args)
        assert code == 75 and out == "" and err.count("\n") == 1  # EX_TEMPFAIL, as SQLite
        assert "another pressclip archive is walking board '127.0.0.1/press'" in err
        waiting = spawn(*args, "--wait")
        time.sleep(0.5)
        assert waiting.poll() is None
        server.release.set()
        assert first.wait(30) == 0 and waiting.wait(30) == 0
        assert b"0 new" in waiting.communicate()[1]
        assert ids(pg_url) == [1, 2, 3, 4, 5]


def test_changed_post_revision_and_duplicates_in_export(capsys, monkeypatch, pg_url, tmp_path):
    press, news = FakeBoard("press", count=3), FakeBoard("news", count=2)
    text = [words(500 + k, 40) + "다." for k in range(4)]
    near = list(text)
    near[3] = near[3][:-12] + "바뀐 끝말이다."
    press.add(title="한솔군, 산나물축제 개막 (초안)", paragraphs=near)
    release = press.add(title="한솔군, 산나물축제 개막", paragraphs=text)
    news.add(title="한솔군, 산나물축제 개막", paragraphs=list(text))
    monkeypatch.chdir(tmp_path)
    with BoardServer(press, news) as server:
        urls = (server.list_url("press"), server.list_url("news"))
        code, _, err = cli(capsys, monkeypatch, "archive", *urls, "--db", pg_url, "--delay", 0)
        assert code == 0, err
        post = press.find(2)
        assert post is not None
        post.title += " (수정)"
        code, _, err = cli(capsys, monkeypatch, "archive", *urls, "--db", pg_url, "--delay", 0)
        assert code == 0 and "0 new, 1 changed" in err
    code, out, _ = cli(capsys, monkeypatch, "export", "--db", pg_url)
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 8
    dups = [r for r in records if r["duplicate_of"]]
    assert len(dups) == 2 and all(f"wr_id={release.id}&" in r["duplicate_of"] for r in dups)
    assert any(r["title"].endswith("(수정)") for r in records)
    assert scalar(pg_url, "SELECT count(*) FROM revisions") == 9
    code, out, _ = cli(
        capsys, monkeypatch, "export", "--db", pg_url, "--unique", "--board", "127.0.0.1/news"
    )
    assert code == 0 and len(out.splitlines()) == 2


def test_two_runs_share_host_leases(capsys, monkeypatch, pg_url, tmp_path):
    """Two runs at once on two boards of one host: never two requests at once to it, and
    --delay between them, as the server sees it."""
    a, b = FakeBoard("a", count=6, files=0), FakeBoard("b", count=6, files=0)
    monkeypatch.chdir(tmp_path)
    with BoardServer(a, b) as server:
        spans: list[tuple[float, float]] = []
        busy = [0, 0]  # now, most at once
        guard = threading.Lock()
        answer = server.answer

        def timed(path, referer):
            with guard:
                busy[0] += 1
                busy[1] = max(busy)
                start = time.monotonic()
            time.sleep(0.02)  # a request takes a while, so overlaps would show
            try:
                return answer(path, referer)
            finally:
                with guard:
                    busy[0] -= 1
                    spans.append((start, time.monotonic()))

        server.answer = timed  # type: ignore[method-assign]
        runs = [
            spawn("archive", server.list_url(t), "--db", pg_url, "--delay", 0.1) for t in ("a", "b")
        ]
        assert [r.wait(60) for r in runs] == [0, 0], [r.communicate() for r in runs]
    assert ids(pg_url, "127.0.0.1/a") == ids(pg_url, "127.0.0.1/b") == [1, 2, 3, 4, 5, 6]
    assert busy[1] == 1
    spans.sort()
    gaps = [s2 - e1 for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False)]
    assert len(spans) == 2 * (1 + 6 + 1) and min(gaps) >= 0.09
