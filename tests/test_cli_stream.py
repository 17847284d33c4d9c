"""Streaming output: records appear as they are fetched, and Ctrl-C keeps them.

Each test runs the real command in a child process against a local board whose post pages
are slow, and interrupts it with SIGINT, as a terminal's Ctrl-C does.
"""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

import pytest
from board_pages import serve_board, title
from server import LocalServer

POSTS = 10


def wait_for_posts(server: LocalServer, count: int, timeout: float = 30) -> None:
    """Until ``count`` post pages have been answered."""
    stop = time.monotonic() + timeout
    while time.monotonic() < stop:
        done = [r for r in server.requests if "wr_id=" in r.path and r.done.is_set()]
        if len(done) >= count:
            return
        time.sleep(0.02)
    raise AssertionError(f"fewer than {count} posts fetched in {timeout} s")


def wait_for_lines(folder: Path, count: int, timeout: float = 30) -> None:
    """Until a file in ``folder`` (the output, under its temporary name while the run goes
    on) holds ``count`` lines: how long the child takes to write them is the machine's."""
    stop = time.monotonic() + timeout
    while time.monotonic() < stop:
        if any(f.read_bytes().count(b"\n") >= count for f in folder.iterdir() if f.is_file()):
            return
        time.sleep(0.02)
    raise AssertionError(f"fewer than {count} lines written in {timeout} s")


def test_stdout_gets_each_record_while_the_run_goes_on(server, cli):
    url = serve_board(server, POSTS, delay=0.3)
    proc = cli.spawn("fetch", url, "--delay", "0")
    try:
        assert proc.stdout is not None
        first = json.loads(proc.stdout.readline())
        assert proc.poll() is None  # the first record came before the run ended
        assert first["title"] == title(POSTS)
        rest = [json.loads(line) for line in proc.stdout.read().splitlines()]
    finally:
        proc.kill()
        proc.wait()
    assert [r["title"] for r in [first, *rest]] == [title(n) for n in range(POSTS, 0, -1)]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "text", "json", None])
def test_ctrl_c_keeps_the_complete_records_in_the_file_and_exits_130(server, tmp_path, fmt, cli):
    url = serve_board(server, POSTS, delay=0.4)
    target = tmp_path / f"out.{fmt or 'records'}"
    proc = cli.spawn("fetch", url, "--delay", "0", *(["-f", fmt] if fmt else []), "-o", target)
    wait_for_posts(server, 3)
    if fmt in ("jsonl", None):  # a record a line: the third record has reached the file
        wait_for_lines(tmp_path, 3)
    else:
        time.sleep(0.2)  # let the third record reach the file
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    text = err.decode()
    assert "Traceback" not in text and text.strip().endswith("pressclip: error: interrupted")
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # renamed, no temp file
    content = target.read_text(encoding="utf-8-sig")
    titles = [title(n) for n in range(POSTS, 0, -1)]
    if fmt in ("jsonl", None):  # no --format: a list page's posts are JSON lines
        got = [json.loads(line)["title"] for line in content.splitlines()]
    elif fmt == "json":
        got = [r["title"] for r in json.loads(content)]  # still one valid JSON array
    elif fmt == "csv":
        import csv

        got = [row["title"] for row in csv.DictReader(content.splitlines())]
    else:
        got = [line for line in content.splitlines() if line in titles]
    assert 3 <= len(got) < POSTS
    assert got == titles[: len(got)]


def test_interrupt_before_any_record_leaves_no_file(server, tmp_path, cli):
    url = serve_board(server, POSTS, delay=30)
    target = tmp_path / "out.jsonl"
    proc = cli.spawn("fetch", url, "--delay", "0", "-o", target)
    stop = time.monotonic() + 30
    while not any("wr_id=" in r.path for r in server.requests) and time.monotonic() < stop:
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert list(Path(tmp_path).iterdir()) == []


def test_a_list_pages_first_post_is_written_at_once(server, tmp_path, cli):
    """With no --format, one URL could be one post (one JSON object) or a list page (JSON
    lines): a post reached through a list page settles it, so the first is not held back."""
    url = serve_board(server, POSTS, delay=0.4)
    target = tmp_path / "out.jsonl"
    proc = cli.spawn("fetch", url, "--delay", "0", "-o", target)
    wait_for_lines(tmp_path, 1)  # the first record, written while the run goes on
    assert proc.poll() is None
    proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=30)
    assert proc.returncode == 130
    lines = target.read_text(encoding="utf-8").splitlines()
    assert 1 <= len(lines) < POSTS and json.loads(lines[0])["title"] == title(POSTS)
