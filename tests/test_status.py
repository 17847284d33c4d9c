"""`pressclip status`, giving up failed downloads, `archive --retry-failed`, and the exit code
of a run that only meets failures of earlier runs; both stores (``db`` of test_archive)."""

from __future__ import annotations

import json

from test_archive import OLE, BoardServer, FakeBoard, File, cli, views

GONE = File("없는파일.hwp", b"<html><body>404 not found</body></html>", None, "text/html")


def archive(capsys, monkeypatch, server, db, *more):
    return cli(capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0, *more)


def test_status_lists_boards_posts_files_and_failures(capsys, monkeypatch, db):
    board = FakeBoard(count=4)
    board.add(files=[GONE])
    with BoardServer(board) as server:
        server.missing = {board.posts[2].id}
        code, _, _ = archive(capsys, monkeypatch, server, db)
        assert code == 1
        code, out, err = cli(capsys, monkeypatch, "status", "--db", db)
    assert code == 0, err
    lines = out.splitlines()[1:]
    assert out.startswith("config: none (no --config, PRESSCLIP_CONFIG, ./boards.toml or ")
    assert lines[0] == f"database: {db}"
    assert lines[1] == f"board 127.0.0.1/press  {server.list_url()}"
    assert lines[2].startswith("  last run: 20") and lines[2].endswith(
        " failed (4 new, 0 changed, 1 failed, 1 attachments failed)"
    )
    assert lines[3] == "  posts: 4, files: 3"
    assert lines[4].startswith("  failing post http://127.0.0.1:") and "wr_id=3" in lines[4]
    assert "HTTP 404" in lines[4] and lines[4].endswith(" (failed in 1 run)")
    assert lines[5].startswith("  failing file '없는파일.hwp' of http://127.0.0.1:")
    assert lines[5].endswith("(failed in 1 run)")
    assert lines[6] == (
        "total: 1 boards, 4 posts, 3 files, 1 failing posts, 1 failing files (0 given up)"
    )
    code, out, _ = cli(capsys, monkeypatch, "status", "--db", db, "-f", "json")
    doc = json.loads(out)
    assert code == 0 and doc["database"] == db and doc["config"] is None
    (b,) = doc["boards"]
    assert (b["name"], b["url"], b["ok"], b["posts"], b["files"]) == (
        "127.0.0.1/press",
        server.list_url(),
        False,
        4,
        3,
    )
    assert [f["runs"] for f in b["failing_posts"]] == [1]
    assert b["failing_files"][0]["name"] == "없는파일.hwp"
    assert doc["totals"] == {
        "boards": 1,
        "posts": 4,
        "files": 3,
        "failing_posts": 1,
        "failing_files": 1,
        "given_up": 0,
    }


def test_status_board_by_name_or_url_and_unknown_board(capsys, monkeypatch, db):
    board = FakeBoard(count=2)
    with BoardServer(board) as server:
        assert archive(capsys, monkeypatch, server, db)[0] == 0
        url = server.list_url()
    for chosen in ("127.0.0.1/press", url):
        code, out, _ = cli(capsys, monkeypatch, "status", "--db", db, "--board", chosen)
        assert code == 0 and " ok (2 new, 0 changed, 0 failed)" in out
        assert out.splitlines()[-1].startswith("total: 1 boards, 2 posts, 2 files")
    code, out, err = cli(capsys, monkeypatch, "status", "--db", db, "--board", "127.0.0.1/prses")
    assert code == 1 and out == ""
    assert err == (
        "pressclip: error: no board '127.0.0.1/prses' in this archive (see `pressclip status`)\n"
    )


def test_gone_file_is_given_up_and_only_new_failures_exit_1(capsys, monkeypatch, db):
    board = FakeBoard(count=2)
    with BoardServer(board) as server:
        code, _, _ = archive(capsys, monkeypatch, server, db)
        assert code == 0
        post = board.add(files=[GONE])
        code, _, err = archive(capsys, monkeypatch, server, db)  # new failure: exit 1
        assert code == 1 and "1 attachments failed" in err
        for _ in (2, 3):  # the same failure again: said, but exit 0
            server.take_log()
            code, _, err = archive(capsys, monkeypatch, server, db)
            assert code == 0 and "1 attachments failed" in err, err
            assert any("download.php" in p for p in server.take_log())
        assert "failed in 3 runs; later runs give it up" in err
        server.take_log()
        code, _, err = archive(capsys, monkeypatch, server, db)  # given up: not fetched
        assert code == 0 and "attachments failed" not in err
        assert not any("download.php" in p for p in server.take_log())
        code, out, _ = cli(capsys, monkeypatch, "status", "--db", db)
        assert "(failed in 3 runs, given up: --retry-failed tries it again)" in out
        assert out.endswith("1 failing files (1 given up)\n")
        post.files[0] = File("없는파일.hwp", OLE + b"HWP back")
        code, _, err = archive(capsys, monkeypatch, server, db, "--retry-failed")
        assert code == 0 and "1 attachments recovered" in err
    code, out, _ = cli(capsys, monkeypatch, "status", "--db", db)
    assert "failing" not in out.replace("failing posts", "").replace("failing files", "")
    assert out.endswith("0 failing posts, 0 failing files (0 given up)\n")


def test_max_runs_and_retry_failed_post(capsys, monkeypatch, db):
    board = FakeBoard(count=12)  # two list pages: the given-up post is on the second
    with BoardServer(board) as server:
        lost = board.posts[11].id
        server.missing = {lost}
        assert archive(capsys, monkeypatch, server, db, "--max-runs", 1)[0] == 1
        board.add()
        server.take_log()
        code, _, err = archive(capsys, monkeypatch, server, db, "--max-runs", 1)
        assert code == 0 and lost not in views(server.take_log())
        code, out, _ = cli(capsys, monkeypatch, "status", "--db", db, "--max-runs", 1)
        assert "given up" in out and f"wr_id={lost}" in out
        server.missing = set()
        code, _, err = archive(capsys, monkeypatch, server, db, "--retry-failed")
        assert code == 0 and "1 new" in err, err
        assert lost in views(server.take_log())
    code, out, _ = cli(capsys, monkeypatch, "status", "--db", db)
    assert out.endswith(
        "total: 1 boards, 13 posts, 13 files, 0 failing posts, 0 failing files (0 given up)\n"
    )


def test_repeated_board_failure_exits_0(capsys, monkeypatch, db):
    with BoardServer(FakeBoard(count=1)) as server:
        gone = server.list_url("gone")
        assert cli(capsys, monkeypatch, "archive", gone, "--db", db, "--delay", 0)[0] == 1
        code, _, err = cli(capsys, monkeypatch, "archive", gone, "--db", db, "--delay", 0)
        assert code == 0 and "HTTP 404" in err
    code, out, _ = cli(capsys, monkeypatch, "status", "--db", db)
    assert "failed (0 new, 0 changed, 0 failed (stopped: list page failed))" in out


def test_worker_burst_exits_1_for_a_new_failure_only(capsys, monkeypatch, pg_url, tmp_path):
    """`worker --burst` as `archive`: 1 when a download fails for the first time, 0 when the
    same download fails again in a later job (said on stderr both times)."""
    from test_archive import spawn

    board = FakeBoard(count=1)
    board.add(files=[GONE])
    files = tmp_path / "files"
    with BoardServer(board) as server:
        for expected in (1, 0):
            args = ("archive", server.list_url(), "--db", pg_url, "--delay", 0, "--enqueue")
            assert cli(capsys, monkeypatch, *args)[0] == 0
            proc = spawn("worker", "--db", pg_url, "--files", files, "--burst")
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == expected, err
            assert b"1 attachments failed" in err
