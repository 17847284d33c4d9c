"""Rows opened through script and session storage, read with `--render` in a real headless
Chromium (the tests skip, saying so, where it is missing): every row of the local board
stores its post's number and opens ``view.html``, whose script loads the post by the number
it finds in session storage. Each post must be read fully, with `fetch` and with `archive`."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest
from render_boards import HIDDEN_JS, PLAIN_JS, StorageBoard, body, post_numbers, title
from server import LocalServer
from test_render import MISSING, exported, fetch, records

needs_browser = pytest.mark.skipif(bool(MISSING), reason=f"no browser for --render: {MISSING}")


@pytest.fixture(params=[HIDDEN_JS, PLAIN_JS], ids=["hidden-handler", "shared-address"])
def board(request) -> Iterator[tuple[StorageBoard, LocalServer]]:
    """The board with a click handler the static reader cannot follow, and with one it
    follows to the address every row shares."""
    spec = StorageBoard(count=3, script=request.param)
    with LocalServer() as server:
        yield spec, spec.serve(server)


def test_without_render_the_posts_are_not_read(board):
    _spec, server = board
    run = fetch(server.url("/press/list.html"))
    assert not any("청년 창업 공간을 이달" in str(r.get("body")) for r in records(run))


@needs_browser
def test_fetch_render_reads_every_post_by_its_rows_click(board):
    _spec, server = board
    run = fetch("--render", server.url("/press/list.html"))
    assert run.returncode == 0, run.stderr
    got = records(run)
    assert [r["title"] for r in got] == [title(3), title(2), title(1)]
    for no, record in zip([3, 2, 1], got, strict=True):
        assert record["body"] == "\n\n".join(body(no)), record
        assert record["url"] == server.url(f"/press/view.html#sessionStorage:postNo={no}")
    assert sorted(post_numbers(server.paths())) == [1, 2, 3]  # each post's body once


@needs_browser
def test_fetch_render_auto_clicks_the_rows_and_renders_the_posts():
    spec = StorageBoard(count=2)
    with LocalServer() as server:
        run = fetch("--render", "auto", spec.serve(server).url("/press/list.html"))
    assert run.returncode == 0, run.stderr
    assert [r["body"] for r in records(run)] == ["\n\n".join(body(no)) for no in (2, 1)]


def archive(*args: str, cwd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pressclip", "archive", "--delay", "0", "-q", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
    )


@needs_browser
def test_archive_clicks_the_rows_of_a_board_that_renders(board, tmp_path):
    spec, server = board
    spec.count = 7  # two list pages
    config = tmp_path / "boards.toml"
    config.write_text(
        f'[[board]]\nname = "hansol"\nurl = "{server.url("/press/list.html")}"\nrender = true\n'
    )
    db = str(tmp_path / "press.sqlite")
    first = archive("--config", str(config), "--db", db, cwd=str(tmp_path))
    assert first.returncode == 0, first.stderr
    got = {r["title"]: r for r in exported(db)}
    assert sorted(got) == sorted(title(no) for no in range(1, 8))
    for no in range(1, 8):
        assert got[title(no)]["body"] == "\n\n".join(body(no))
    assert sorted(post_numbers(server.paths())) == list(range(1, 8))
    spec.count = 8  # one new post: the next run reads it alone
    again = archive("--config", str(config), "--db", db, cwd=str(tmp_path))
    assert again.returncode == 0, again.stderr
    assert sorted(post_numbers(server.paths())) == [*range(1, 9)]
    assert len(exported(db)) == 8


def test_a_posts_session_storage_is_part_of_its_identity():
    from pressclip.urls import post_key, session_storage, with_session_storage

    one = with_session_storage("http://x.kr/press/view.html", {"postNo": "12", "b": "a b"})
    assert one == "http://x.kr/press/view.html#sessionStorage:b=a+b&postNo=12"
    assert session_storage(one) == {"postNo": "12", "b": "a b"}
    other = with_session_storage("http://x.kr/press/view.html", {"postNo": "11", "b": "a b"})
    assert post_key(one) != post_key(other)
    assert post_key(one) == post_key(one.replace("x.kr", "X.KR"))
    assert post_key("http://x.kr/press/view.html#top") == "http://x.kr/press/view.html"
    assert session_storage("http://x.kr/press/view.html#top") == {}


def test_rows_clicked_are_those_without_an_address_or_sharing_one_across_titles():
    from pressclip.fetch.clicks import to_click
    from pressclip.model import Listing, ListPost

    listing = Listing(
        posts=[
            ListPost("공지: 개인정보 처리방침", "http://x.kr/view.do?no=1", notice=True),
            ListPost("공지: 개인정보 처리방침", "http://x.kr/view.do?no=1"),
            ListPost("버스 노선 확대", "http://x.kr/view.html"),
            ListPost("폐교 활용", "http://x.kr/view.html#top"),
            ListPost("청년 창업", None),
            ListPost("예산 공개", "http://x.kr/view.do?no=7"),
        ]
    )
    assert to_click(listing) == ["버스 노선 확대", "폐교 활용", "청년 창업"]
