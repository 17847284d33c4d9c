"""`archive`'s lines for cron: with stderr not a terminal (or in --log-file) each line starts
with its time and names its board, and a run ends with one summary line; `-v` shows a request
waiting for its answer while it waits."""

from __future__ import annotations

import contextlib
import re
import socket
import threading
import time

from test_archive import BoardServer, FakeBoard, cli, spawn

from pressclip.archive.store import is_postgres

STAMP = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00"


def test_lines_are_stamped_and_name_the_board_when_stderr_is_not_a_terminal(monkeypatch, tmp_path):
    monkeypatch.delenv("PRESSCLIP_LOG")  # as from cron: auto, and stderr is a pipe
    board = FakeBoard(count=5)
    with BoardServer(board) as server:
        server.missing = {board.posts[1].id}
        proc = spawn("archive", server.list_url(), "--db", tmp_path / "a.sqlite", "--delay", 0)
        _, err = proc.communicate(timeout=120)
    lines = err.decode().splitlines()
    assert proc.returncode == 1 and len(lines) == 3, lines
    assert all(re.match(STAMP + " ", line) for line in lines), lines
    assert re.fullmatch(
        STAMP + r" \[127\.0\.0\.1/press\] pressclip: error: http://127\.0\.0\.1:\d+/bbs/board"
        r"\.php\?bo_table=press&wr_id=4&page=1: HTTP 404.*",
        lines[0],
    )
    assert re.fullmatch(STAMP + " board 127.0.0.1/press: 4 new, 0 changed, 1 failed", lines[1])
    assert re.fullmatch(
        STAMP + r" run: 1 boards, 4 new, 0 changed, 1 failed, 4 files \(0 failed\), "
        r"11 requests, \d+\.\d s",  # robots.txt, the list page, 5 posts, 4 files
        lines[2],
    ), lines[2]


def test_log_file_collects_runs_told_apart(capsys, monkeypatch, tmp_path, store_target):
    if is_postgres(store_target):
        monkeypatch.chdir(tmp_path)
    log = tmp_path / "archive.log"
    board = FakeBoard("notice", count=2)
    with BoardServer(board) as server:
        for _ in range(2):
            code, out, err = cli(
                capsys, monkeypatch, "archive", server.list_url("notice"), "--db", store_target,
                "--delay", 0, "--log-file", log,
            )  # fmt: skip
            assert code == 0 and out == err == ""
            board.add()
    lines = log.read_text(encoding="utf-8").splitlines()
    assert [re.sub(STAMP + " ", "", line) for line in lines] == [
        "board 127.0.0.1/notice: 2 new, 0 changed, 0 failed",
        lines[1][30:],
        "board 127.0.0.1/notice: 1 new, 0 changed, 0 failed",
        lines[3][30:],
    ]
    assert lines[1][30:].startswith("run: 1 boards, 2 new, 0 changed, 0 failed, 2 files")
    assert lines[3][30:].startswith("run: 1 boards, 1 new, 0 changed, 0 failed, 1 files")
    code, _, err = cli(
        capsys, monkeypatch, "archive", "http://127.0.0.1:9/", "--db", store_target,
        "--log-file", tmp_path,
    )  # fmt: skip
    assert code == 2 and "--log-file" in err and err.count("\n") <= 4


def test_verbose_shows_a_request_waiting_as_it_waits(monkeypatch, tmp_path):
    """A host that accepts the connection and never answers: -v says so every 5 s while the
    request waits (here the first notice is read while the server still holds it)."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    release = threading.Event()
    held: list[socket.socket] = []

    def hold() -> None:
        while not release.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            held.append(conn)

    holder = threading.Thread(target=hold, daemon=True)
    holder.start()
    url = f"http://127.0.0.1:{port}/bbs/board.php?bo_table=press"
    started = time.monotonic()
    proc = spawn(
        "archive", url, "--db", tmp_path / "a.sqlite", "--delay", 0, "-v", "--retries", 0,
        "--ignore-robots", "--timeout", 60, "--deadline", 60,
    )  # fmt: skip
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline().decode()
        waited = time.monotonic() - started
        assert f"pressclip: http://127.0.0.1:{port}/bbs/board.php?bo_table=press: waiting " in line
        assert "waiting for an answer, 5 s so far" in line
        # seen while it waits (the server answers only when released below), not after
        assert proc.poll() is None and waited > 4
    finally:
        release.set()
        with contextlib.suppress(OSError):  # wake accept() so the thread ends before close
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
        holder.join(timeout=5)
        for conn in held:
            conn.close()
        listener.close()
        proc.kill()
        proc.communicate()
