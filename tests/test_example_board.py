"""python -m pressclip.example: the example board the docs' examples run against. It binds
127.0.0.1 only, serves the same bytes every time, pages its list, and its attachments are
HWPX releases pressclip reads with their facts."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest
import requests

from pressclip import example
from pressclip.attachments import read_attachment


@pytest.fixture
def board() -> Iterator[str]:
    server = example.make_server(0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_it_listens_on_loopback_only() -> None:
    server = example.make_server(0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


def test_the_same_bytes_on_every_run(board: str) -> None:
    paths = ["/board/list.do", "/board/view.do?id=1008", "/board/download.do?id=1008&file=1"]
    first = [requests.get(board + p, timeout=10) for p in paths]
    other = example.make_server(0)
    thread = threading.Thread(target=other.serve_forever, daemon=True)
    thread.start()
    try:
        again = f"http://127.0.0.1:{other.server_address[1]}"
        second = [requests.get(again + p, timeout=10) for p in paths]
    finally:
        other.shutdown()
        other.server_close()
    assert [r.content for r in first] == [r.content for r in second]
    assert [dict(r.headers) for r in first] == [dict(r.headers) for r in second]


def test_the_list_has_a_notice_on_each_page_and_a_pager(board: str) -> None:
    page1 = requests.get(board + "/board/list.do", timeout=10).text
    page2 = requests.get(board + "/board/list.do?page=2", timeout=10).text
    assert page1.count("<tr") == 1 + 1 + example.ROWS_PER_PAGE  # header, notice, posts
    assert "공지" in page1 and "공지" in page2
    assert 'class="next"' in page1 and 'class="next"' not in page2
    assert requests.get(board + "/board/list.do?page=3", timeout=10).status_code == 404
    assert requests.get(board + "/board/view.do?id=1", timeout=10).status_code == 404
    assert requests.get(board + "/board/download.do?id=1008&file=2", timeout=10).status_code == 404


def test_attachments_are_releases_pressclip_reads(board: str) -> None:
    answer = requests.get(board + "/board/download.do?id=1006&file=1", timeout=10)
    assert "filename*=UTF-8''" in answer.headers["Content-Disposition"]
    doc = read_attachment(answer.content)
    assert doc.format == "hwpx"
    assert doc.title == example.BUS.headline
    assert doc.release is not None and doc.release.embargo == "2025-05-09T09:00:00+09:00"


def test_a_bad_port_is_one_line_and_exit_2() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pressclip.example", "--port", "70000"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2
    assert done.stderr == "pressclip.example: error: --port 70000: not a port (0-65535)\n"


def test_a_port_that_is_no_number_is_one_line_and_exit_2() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pressclip.example", "--port", "http"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2
    assert done.stderr == (
        "pressclip.example: error: argument --port: invalid int value: 'http' (see --help)\n"
    )


def test_a_port_in_use_is_one_line_and_exit_1(board: str) -> None:
    port = board.rsplit(":", 1)[1]
    done = subprocess.run(
        [sys.executable, "-m", "pressclip.example", "--port", port],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 1
    assert done.stderr.startswith(f"pressclip.example: error: 127.0.0.1:{port}: ")
    assert done.stderr.count("\n") == 1


def test_the_notice_board_lists_a_gone_post_and_a_lost_file(board: str) -> None:
    listing = requests.get(board + "/notice/list.do", timeout=10).text
    assert "view.do?id=2002" in listing and "view.do?id=2003" in listing
    assert requests.get(board + "/notice/view.do?id=2002", timeout=10).status_code == 404
    lost = requests.get(board + "/notice/download.do?id=2003&file=1", timeout=10)
    assert lost.status_code == 200 and lost.headers["Content-Type"].startswith("text/html")
