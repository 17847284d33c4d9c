"""Hostile and broken input (issue 12): poison URLs and charset labels, servers that trickle,
pagers that never end, error pages posing as files, terminal escapes in page text, outputs
that are not regular files, robots.txt on every hop, credentials in URLs, and the smaller
cases. Every server here is on 127.0.0.1; nothing touches the internet.

No test asserts an upper bound on wall-clock time: a server that would make a fetch hang
gives up after a while and then answers properly, so a fetch without a working deadline
*succeeds* (and the test fails) instead of hanging the suite."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import socket
import sqlite3
import stat
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from server import LocalServer, Response, redirect
from test_archive import LIST, OLE, BoardServer, FakeBoard, File, cli, ids_in, lists, views

import pressclip
from pressclip.archive import files as files_mod
from pressclip.archive import walk as walk_mod
from pressclip.archive.store import post_key
from pressclip.archive.walk import board_name
from pressclip.decode import decode
from pressclip.errors import PressclipError
from pressclip.fetch.http import Fetcher, FetchError, FetchOptions, check_url

HTML = (
    "<html><head><title>보도자료</title></head><body><article><h1>보도자료 제목</h1>"
    "<p>한솔군은 오늘 사업 계획을 발표했다. 군은 올해 예산 10억 원을 들여 사업을 추진한다.</p>"
    "</article></body></html>"
).encode()


def fetcher(**kw: object) -> Fetcher:
    options: dict[str, object] = {"delay": 0, "retries": 0, "backoff": 0.01, "timeout": 5}
    options.update(kw)
    return Fetcher(FetchOptions(**options))  # type: ignore[arg-type]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "press.sqlite"


class RawServer:
    """A TCP server on 127.0.0.1 whose handler writes raw bytes (for what http.server cannot
    send: headers one byte at a time, odd reason phrases, bodies cut short)."""

    def __init__(self, handler: Callable[[socket.socket, int], None]) -> None:
        self.handler = handler
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.count = 0
        self.paths: list[str] = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _serve(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.count += 1
            threading.Thread(target=self._one, args=(conn, self.count), daemon=True).start()

    def _one(self, conn: socket.socket, n: int) -> None:
        with contextlib.suppress(OSError), conn:
            request = conn.recv(65536).decode("latin-1")
            self.paths.append(request.split(" ")[1] if " " in request else "")
            self.handler(conn, n)

    def __enter__(self) -> RawServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        # Wake the accept() and wait for the thread before closing: a socket closed under a
        # thread about to accept on it frees its descriptor for the next socket the process
        # opens (another test's server), whose connections that thread would then answer.
        self.stopping.set()
        with contextlib.suppress(OSError):
            socket.create_connection(("127.0.0.1", self.port), timeout=2).close()
        self.thread.join(timeout=5)
        self.sock.close()


def answer(body: bytes, status: str = "200 OK", extra: str = "") -> bytes:
    head = (
        f"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\n{extra}Connection: close\r\n\r\n"
    )
    return head.encode("latin-1") + body


# -- 1. poison URLs and codec labels ------------------------------------------------------------

POISON_URLS = ["http://[x/bbs/board.php?wr_id=1", "http://h.example:99999/p", "http://[::1"]


@pytest.mark.parametrize("url", POISON_URLS)
def test_malformed_url_is_a_fetch_error_before_any_io(url):
    f = fetcher()
    with pytest.raises(FetchError, match="malformed URL"):
        f.fetch(url)
    with pytest.raises(FetchError):
        check_url(url)
    assert f.requests_made == 0
    assert isinstance(post_key(url), str) and isinstance(board_name(url), str)


def test_poison_links_in_a_list_page_are_skipped():
    rows = "".join(
        f'<tr><td>{n}</td><td class="td_subject"><a href="{href}">보도자료 제목 {n}번입니다</a></td>'
        f"<td>2024-01-0{n}</td></tr>"
        for n, href in enumerate(
            ["http://[x/bbs/board.php?wr_id=1", "http://a.example:99999/v?wr_id=2", "/v?wr_id=3"],
            1,
        )
    )
    html = f"<html><body><table><tbody>{rows}</tbody></table></body></html>"
    listing = pressclip.parse_list(html, "http://board.example/list")
    assert [p.url for p in listing.posts if p.url] == ["http://board.example/v?wr_id=3"]


def test_bad_canonical_url_and_attachment_link_are_skipped():
    html = (
        '<html><head><link rel="canonical" href="http://[x"><meta property="og:url" '
        'content="http://h:99999/"></head><body><div id="bo_v"><h2 id="bo_v_title">제목</h2>'
        '<div id="bo_v_con"><p>본문 문단입니다. 충분히 긴 문장입니다.</p></div><section id="bo_v_file">'
        '<a href="http://[x/download.php?no=1" class="view_file_download">첨부.hwp</a>'
        '<a href="/download.php?no=2" class="view_file_download">둘째.hwp</a></section></div></body></html>'
    )
    article = pressclip.extract(html)
    assert article.url is None
    article = pressclip.extract(html, url="http://board.example/v?wr_id=1")
    assert [a.url for a in article.attachments] == ["http://board.example/download.php?no=2"]


def test_redirect_to_a_malformed_location_is_a_fetch_error():
    with RawServer(
        lambda c, n: c.sendall(answer(b"", "302 Found", "Location: http://[::1\r\n"))
    ) as s:
        with pytest.raises(FetchError, match="malformed URL"):
            fetcher(respect_robots=False).fetch(s.url("/p"))


@pytest.mark.parametrize("label", ["rot13", "base64", "hex", "uu", "zlib", "bz2", "undefined"])
def test_non_text_codec_label_in_meta_is_ignored(label):
    data = f'<html><head><meta charset="{label}"></head><body><p>보도자료 본문</p></body></html>'
    text, codec = decode(data.encode("utf-8"))
    assert "보도자료 본문" in text and codec == "utf-8"


@pytest.mark.parametrize("label", ["rot13", "base64", "hex", "uu", "zlib"])
def test_non_text_codec_label_in_http_header_is_ignored(server, label):
    url = server.page("/p", HTML, content_type=f"text/html; charset={label}")
    assert "보도자료 제목" in fetcher().fetch(url).text


def test_archive_post_failing_is_retried_then_skipped_and_other_boards_go_on(
    capsys, monkeypatch, db
):
    poison, other = FakeBoard("press", count=3), FakeBoard("notice", count=1)
    bad = poison.posts[1].id
    with BoardServer(poison, other) as server:
        server.missing = {bad}
        args = ["archive", server.list_url("press"), server.list_url("notice"), "--db", db]
        for run in (1, 2, 3):
            code, _, err = cli(capsys, monkeypatch, *args, "--delay", 0)
            assert code == (1 if run == 1 else 0), err  # 1 for a failure new in the run only
            assert "board 127.0.0.1/press: " in err and "1 failed" in err
            assert "board 127.0.0.1/notice: " in err
            assert ("later runs skip it" in err) is (run == 3)
        server.take_log()
        code, _, err = cli(capsys, monkeypatch, *args, "--delay", 0)
        assert code == 0, err
        assert "pressclip: warning: " in err and "skipped: failed in 3 runs" in err
        assert "HTTP 404" in err  # the last reason is given
        assert "0 failed, 1 skipped" in err
        assert bad not in views(server.take_log())  # not fetched again
    assert ids_in(db) == [1, 1, 3]


def test_archive_a_defect_in_one_post_costs_only_that_post(capsys, monkeypatch, db):
    first, second = FakeBoard("press", count=3), FakeBoard("notice", count=2)
    real = walk_mod.read_post

    def broken(page, fetcher, **kw):
        if "wr_id=2" in page.url and "press" in page.url:
            raise ValueError("Invalid IPv6 URL")  # what an unguarded urlsplit raised
        return real(page, fetcher, **kw)

    monkeypatch.setattr(walk_mod, "read_post", broken)
    with BoardServer(first, second) as server:
        code, _, err = cli(
            capsys,
            monkeypatch,
            "archive",
            server.list_url("press"),
            server.list_url("notice"),
            "--db",
            db,
            "--delay",
            0,
        )
    assert code == 1
    assert "Traceback" not in err and "ValueError: Invalid IPv6 URL" in err
    assert "board 127.0.0.1/press: 2 new, 0 changed, 1 failed" in err
    assert "board 127.0.0.1/notice: 2 new, 0 changed, 0 failed" in err


# -- 2. deadlines and list-page bounds ----------------------------------------------------------


def trickle(part: str) -> Callable[[socket.socket, int], None]:
    """A handler sending the status line, then headers (``part='headers'``) or the body one
    byte every 0.1 s; after 20 s it sends the rest at once (a fetch without a deadline then
    succeeds, and the test fails rather than hangs)."""
    body = HTML
    head = (
        f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\nX-Padding: {'x' * 400}\r\n\r\n"
    ).encode()
    slow, fast = (head, body) if part == "headers" else (body, b"")

    def handler(conn: socket.socket, n: int) -> None:
        if part != "headers":
            conn.sendall(head)
        start = time.monotonic()
        for i in range(len(slow)):
            if time.monotonic() - start > 20:
                conn.sendall(slow[i:])
                break
            conn.sendall(slow[i : i + 1])
            time.sleep(0.1)
        conn.sendall(fast)

    return handler


@pytest.mark.parametrize("part", ["headers", "body"])
def test_trickling_server_is_cut_at_the_deadline(part):
    with RawServer(trickle(part)) as s:
        start = time.monotonic()
        with pytest.raises(FetchError, match=r"took longer than 1 s \(deadline\)"):
            fetcher(deadline=1, timeout=5, respect_robots=False).fetch(s.url("/p"))
        assert time.monotonic() - start >= 0.9


def test_cli_deadline_option(tmp_path):
    import subprocess
    import sys

    with RawServer(trickle("headers")) as s:
        url = s.url("/p")
        proc = subprocess.run(
            [sys.executable, "-m", "pressclip", "fetch", url, "--deadline", "1"]
            + ["--ignore-robots", "--delay", "0", "--retries", "0"],
            capture_output=True,
            timeout=120,
        )
    err = proc.stderr.decode()
    assert proc.returncode == 1, err
    assert err == f"pressclip: error: {url}: took longer than 1 s (deadline)\n"


class EndlessBoard(FakeBoard):
    """A board whose pager always links one more page: with new posts (``fresh``) or the same
    ten posts again; after page 60 it stops linking (so a walk without a bound ends)."""

    def __init__(self, fresh: bool) -> None:
        super().__init__("press", count=10)
        self.fresh = fresh

    def list_html(self, base: str, page: int) -> str:
        if self.fresh:
            while len(self.posts) < page * 10:
                post = self.add()
                self.posts.remove(post)
                self.posts.append(post)  # an older post, further down the board
        start = (page - 1) * 10 if self.fresh else 0
        rows = [self._row(base, p, page, False) for p in self.posts[start : start + 10]]
        pager = f'<strong class="pg_current">{page}</strong>'
        if page < 60:
            href = f"{base}/bbs/board.php?bo_table=press&amp;page={page + 1}"
            pager += f'<a href="{href}" class="pg_page">{page + 1}</a>'
        return LIST.format(table=self.table, rows="\n".join(rows), pager=pager)


def test_a_pager_going_round_stops_when_a_page_brings_nothing_new(capsys, monkeypatch, db):
    board = EndlessBoard(fresh=False)
    with BoardServer(board) as server:
        code, _, err = cli(
            capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0
        )
        assert code == 0, err
        assert lists(server.take_log()) == [1, 2]


def test_a_pager_always_bringing_new_posts_stops_at_the_cap(capsys, monkeypatch, db):
    monkeypatch.setattr(walk_mod, "MAX_PAGES", 3)
    board = EndlessBoard(fresh=True)
    with BoardServer(board) as server:
        code, _, err = cli(
            capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0
        )
        assert code == 0, err
        assert "30 new" in err and "(stopped at the 3-page cap; the next run walks on)" in err
        assert lists(server.take_log()) == [1, 2, 3]


def test_fetch_pages_stop_when_a_page_brings_nothing_new(server):
    from pressclip.crawl.boards import crawl

    board = EndlessBoard(fresh=False)
    with BoardServer(board) as boards:
        outcomes = list(crawl([boards.list_url()], fetcher(), pages=50))
        assert len(outcomes) == 10
        assert lists(boards.take_log()) == [1, 2]


# -- 3. wrong data ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        b"<script>alert('\xc0\xdf\xb8\xf8\xb5\xc8 \xc1\xa2\xb1\xd9');history.back();</script>",
        b'<meta http-equiv="refresh" content="0;url=/">',
        b"<!-- error -->\n<p>no file</p>",
        b"<head><title>error</title></head>",
        b"",
        b"PK\x03\x04 not an OLE file at all",
    ],
    ids=["script", "meta", "comment", "head", "empty", "zip-as-hwp"],
)
def test_error_page_as_octet_stream_is_a_failed_download_tried_again(capsys, monkeypatch, db, body):
    board = FakeBoard()
    post = board.add(files=[File("보도자료.hwp", body)])
    with BoardServer(board) as server:
        code, _, err = cli(
            capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0
        )
        assert code == 1 and "1 attachments failed" in err
        folder = db.parent / "files" / "127.0.0.1_press"
        assert not folder.exists() or list(folder.iterdir()) == []
        post.files[0] = File("보도자료.hwp", OLE + b"real")
        code, _, err = cli(
            capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0
        )
        assert code == 0 and "1 attachments recovered" in err
    assert (folder / "보도자료.hwp").read_bytes() == OLE + b"real"


@pytest.mark.parametrize(
    ("name", "body", "ok"),
    [
        ("a.hwp", OLE + b"x", True),
        ("a.hwp", b"HWP Document File V3.00 \x1a\x01\x02", True),
        ("a.hwpx", b"PK\x03\x04rest", True),
        ("a.pdf", b"%PDF-1.7\n", True),
        ("a.pdf", b"\xef\xbb\xbf\n%PDF-1.4\n", True),
        ("a.png", b"\x89PNG\r\n\x1a\nrest", True),
        ("a.jpg", b"\xff\xd8\xff\xe0rest", True),
        ("a.xlsx", OLE + b"x", False),
        ("a.pdf", b"<html>no</html>", False),
        ("a.hwp", b"plain text", False),
        ("notes.txt", b"plain text", True),
        ("page.html", b"<html></html>", True),
        ("notes.txt", b"<script>location.href='/'</script>", False),
    ],
)
def test_content_checks(name, body, ok):
    assert (files_mod.content_problem(name, body, len(body)) is None) is ok


def test_euc_kr_page_with_a_stray_byte_stays_korean(server):
    text = "<p>한솔군은 오늘 주차장 확충 계획을 발표했다. 군은 예산 10억 원을 들인다.</p>" * 20
    data = f"<html><head><title>보도자료</title></head><body>{text}</body></html>".encode("cp949")
    data = data[:300] + b"\xff" + data[300:]
    decoded, codec = decode(data, "euc-kr")
    assert codec == "cp949" and decoded.count("\ufffd") == 1
    assert decoded.count("주차장 확충") >= 19 and not re.search("[\u0400-\u04ff]", decoded)
    decoded, codec = decode(data.replace(b"<head>", b'<head><meta charset="euc-kr">'))
    assert codec == "cp949" and decoded.count("주차장 확충") >= 19
    url = server.page("/p", data, content_type="text/html; charset=euc-kr")
    page = fetcher().fetch(url)
    assert page.text.count("주차장 확충") >= 19 and not re.search("[\u0400-\u04ff]", page.text)


def test_pages_caps_one_run_and_later_runs_walk_on(capsys, monkeypatch, db):
    board = FakeBoard(count=25)
    with BoardServer(board) as server:
        args = ["archive", server.list_url(), "--db", db, "--delay", 0, "--pages", 1]
        code, _, err = cli(capsys, monkeypatch, *args)
        assert code == 0 and "10 new" in err and "1-page cap" in err
        code, _, err = cli(capsys, monkeypatch, *args)
        assert code == 0 and "10 new" in err, err
        code, _, err = cli(capsys, monkeypatch, *args)
        assert code == 0 and "5 new" in err and "cap" not in err, err
        assert ids_in(db) == list(range(1, 26))
        board.add()
        server.take_log()
        code, _, err = cli(capsys, monkeypatch, *args)
        assert "1 new" in err and lists(server.take_log()) == [1]  # complete now: stop rule


def test_export_since_compares_instants(capsys, monkeypatch, db):
    board = FakeBoard(count=2)
    with BoardServer(board) as server:
        code, _, err = cli(
            capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0
        )
        assert code == 0, err
    now = dt.datetime.now(dt.timezone.utc)
    seoul = dt.timezone(dt.timedelta(hours=9))
    hour_ago = (now - dt.timedelta(hours=1)).astimezone(seoul).isoformat(timespec="minutes")
    hour_on = (now + dt.timedelta(hours=1)).astimezone(seoul).isoformat(timespec="minutes")
    # a date alone is a Korean day: count days on Seoul's calendar (UTC's is a day behind
    # between 00:00 and 09:00 KST, when this test once failed)
    yesterday = (now.astimezone(seoul) - dt.timedelta(days=1)).strftime("%Y%m%d")
    tomorrow = (now.astimezone(seoul) + dt.timedelta(days=1)).strftime("%Y-%m-%d")
    for since, count in ((hour_ago, 2), (hour_on, 0), (yesterday, 2), (tomorrow, 0)):
        code, out, err = cli(capsys, monkeypatch, "export", "--db", db, "--since", since)
        assert code == 0, err
        assert len(out.splitlines()) == count, since
    code, _, err = cli(capsys, monkeypatch, "export", "--db", db, "--since", "2026-13-45")
    assert code == 2 and err.startswith("pressclip: error: --since: not a date")


# -- 4. safety --------------------------------------------------------------------------------

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b[31m\x9b1m\r\x01"


def test_text_output_and_messages_carry_no_control_characters(capsys, monkeypatch, tmp_path):
    page = tmp_path / "p.html"
    html = (
        HTML.decode()
        .replace("보도자료 제목", f"제목{ESCAPES}끝")
        .replace("사업 계획", f"사업{ESCAPES}계획")
    )
    page.write_text(html, encoding="utf-8")
    code, out, err = cli(capsys, monkeypatch, "clean", page, "-f", "text")
    assert code == 0, err
    assert out.splitlines()[0].replace(" ", "") == "제목끝" and "pwned" not in out
    assert "사업" in out and "계획" in out
    assert not any(c in out for c in "\x1b\x07\x9b\r\x01")
    code, out, _ = cli(capsys, monkeypatch, "clean", page, "-f", "jsonl")
    assert "\\u001b" in out and "\x1b" not in out and "\x9b" not in out

    def evil(conn: socket.socket, n: int) -> None:
        conn.sendall(answer(b"gone", f"404 Not{ESCAPES}Found"))

    with RawServer(evil) as s:
        url = s.url("/p")
        code, _, err = cli(capsys, monkeypatch, "fetch", url, "--ignore-robots", "--delay", 0)
    assert code == 1 and "HTTP 404" in err
    assert not any(c in err for c in "\x1b\x07\x9b\r\x01")
    assert err.count("\n") == 1


def test_output_to_a_fifo_is_refused_and_left_alone(capsys, monkeypatch, tmp_path):
    seed = Path(__file__).parent / "fixtures" / "example_post.txt"
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, out, err = cli(capsys, monkeypatch, "clean", seed, "-o", fifo)
    assert code == 1 and out == ""
    assert (
        err
        == f"pressclip: error: {fifo}: is a FIFO, not a regular file (write to stdout instead)\n"
    )
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_output_through_a_symlink_writes_its_target(capsys, monkeypatch, tmp_path):
    seed = Path(__file__).parent / "fixtures" / "example_post.txt"
    target = tmp_path / "real" / "out.json"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    code, _, err = cli(capsys, monkeypatch, "clean", seed, "-o", link)
    assert code == 0, err
    assert link.is_symlink() and json.loads(target.read_text())["author"] == "hansolpr"


def test_files_are_created_with_the_umask_mode(capsys, monkeypatch, db, tmp_path):
    old = os.umask(0o022)
    try:
        seed = Path(__file__).parent / "fixtures" / "example_post.txt"
        out = tmp_path / "out.json"
        code, _, err = cli(capsys, monkeypatch, "clean", seed, "-o", out)
        assert code == 0, err
        assert stat.S_IMODE(out.stat().st_mode) == 0o644
        board = FakeBoard(count=1)
        with BoardServer(board) as server:
            code, _, err = cli(
                capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0
            )
        assert code == 0, err
        saved = list((db.parent / "files" / "127.0.0.1_press").iterdir())
        assert [stat.S_IMODE(p.stat().st_mode) for p in saved] == [0o644]
    finally:
        os.umask(old)


class RobotsBoardServer(BoardServer):
    """A BoardServer with a robots.txt."""

    robots = "User-agent: *\nDisallow: /bbs/download.php\n"

    def answer(self, path, referer):
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, self.robots.encode()
        return super().answer(path, referer)


def test_attachments_obey_robots_txt(capsys, monkeypatch, db):
    board = FakeBoard(count=2)
    with RobotsBoardServer(board) as server:
        code, _, err = cli(
            capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0
        )
        assert code == 1
        assert "2 new, 0 changed, 0 failed, 2 attachments failed" in err
        assert err.count("disallowed by robots.txt") == 2
        assert not any("download.php" in p for p in server.take_log())


def test_robots_longest_match_allows_the_board(server):
    server.page(
        "/robots.txt",
        "User-agent: *\nDisallow: /bbs/\nAllow: /bbs/board.php\n",
        content_type="text/plain",
    )
    ok = server.page("/bbs/board.php", HTML)
    no = server.page("/bbs/download.php", HTML)
    f = fetcher()
    assert "보도자료" in f.fetch(ok).text
    with pytest.raises(FetchError, match="disallowed by robots.txt"):
        f.fetch(no)
    server.page("/robots.txt", "User-agent: *\nDisallow: /*.pdf$\n", content_type="text/plain")
    g = fetcher()
    assert g.allowed(server.url("/a.pdf?x=1")) and not g.allowed(server.url("/a.pdf"))


def test_redirect_to_another_host_obeys_its_robots_and_delay(server):
    with LocalServer() as other:
        other.page("/robots.txt", "User-agent: *\nDisallow: /private\n", content_type="text/plain")
        other.page("/open", HTML)
        other.page("/open2", HTML)
        other.page("/private", HTML)
        bad = server.route("/go-private", redirect(other.url("/private")))
        good = server.route("/go-open", redirect(other.url("/open")))
        f = fetcher(delay=0.5)
        with pytest.raises(FetchError, match="disallowed by robots.txt") as info:
            f.fetch(bad)
        assert info.value.url == bad
        assert other.requests_for("/private") == []
        assert f.fetch(good).url == other.url("/open")
        f.fetch(other.url("/open2"))
        first, second = other.requests_for("/open")[0], other.requests_for("/open2")[0]
        assert second.time - first.time >= 0.45


def test_credentials_are_never_printed_or_stored(capsys, monkeypatch, db, server):
    url = server.page("/p", HTML).replace("http://", "http://editor:s3cret@")
    missing = server.url("/gone").replace("http://", "http://editor:s3cret@")
    code, out, err = cli(capsys, monkeypatch, "fetch", url, missing, "--delay", 0)
    assert code == 1
    assert "s3cret" not in out + err and "editor@" not in out + err
    assert server.requests_for("/p")[0].headers.get("Authorization", "").startswith("Basic ")
    board = FakeBoard(count=2)
    with BoardServer(board) as boards:
        board_url = boards.list_url().replace("http://", "http://editor:s3cret@")
        code, _, err = cli(capsys, monkeypatch, "archive", board_url, "--db", db, "--delay", 0)
        assert code == 0, err
    assert b"s3cret" not in db.read_bytes() and "s3cret" not in err
    for wal in db.parent.glob("*-wal"):
        assert b"s3cret" not in wal.read_bytes()


# -- 5. smaller cases -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "option",
    [("--timeout", "inf"), ("--timeout", "1e308"), ("--delay", "1e308"), ("--delay", "inf")],
)
def test_option_values_out_of_range_are_usage_errors(capsys, monkeypatch, option):
    code, out, err = cli(capsys, monkeypatch, "fetch", "http://127.0.0.1:9/p", *option)
    assert code == 2 and out == ""
    assert "Traceback" not in err and option[0] in err


def test_export_reports_malformed_rows_and_writes_the_rest(capsys, monkeypatch, db):
    board = FakeBoard(count=3)
    with BoardServer(board) as server:
        cli(capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0)
    with sqlite3.connect(db) as con:
        con.execute("UPDATE revisions SET paragraphs = '{not json' WHERE id = 1")
        con.execute("UPDATE revisions SET published = 'garbage-T' WHERE id = 2")
    code, out, err = cli(capsys, monkeypatch, "export", "--db", db)
    assert code == 1 and "Traceback" not in err
    assert len(out.splitlines()) == 1
    assert err.count("unreadable row") == 2


def test_part_files_of_a_killed_run_are_removed(capsys, monkeypatch, db):
    folder = db.parent / "files" / "127.0.0.1_press"
    folder.mkdir(parents=True)
    (folder / ".part-deadbeef").write_bytes(b"half a file")
    (folder / "kept.hwp").write_bytes(OLE)
    with BoardServer(FakeBoard(count=1)) as server:
        code, _, err = cli(
            capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0
        )
    assert code == 0, err
    assert sorted(p.name for p in folder.iterdir()) == ["kept.hwp", "보도자료_1_0.hwp"]


def test_connection_dropped_mid_body_is_retried():
    def handler(conn: socket.socket, n: int) -> None:
        whole = answer(HTML)
        conn.sendall(whole[: len(whole) - 50] if n == 1 else whole)

    with RawServer(handler) as s:
        page = fetcher(retries=1, respect_robots=False).fetch(s.url("/p"))
        assert "보도자료" in page.text and s.count == 2


def test_oversize_robots_txt_is_read_up_to_its_cap(server):
    rules = "User-agent: *\nDisallow: /private\n"
    server.page("/robots.txt", rules + "# padding\n" * 100_000, content_type="text/plain")
    url = server.page("/p", HTML)
    f = fetcher(max_bytes=64 * 1024)
    assert f.fetch(url).status == 200
    with pytest.raises(FetchError, match="disallowed"):
        f.fetch(server.url("/private"))


def test_failed_robots_txt_is_fetched_once_per_host(server):
    server.route("/robots.txt", Response(body=b"", delay=10))
    urls = [server.page(f"/p{i}", HTML) for i in range(3)]
    f = fetcher(timeout=0.3)
    for url in urls:
        with pytest.raises(FetchError, match="timed out"):
            f.fetch(url)
    assert len(server.requests_for("/robots.txt")) == 1
    assert all(server.requests_for(f"/p{i}") == [] for i in range(3))


def test_30x_without_location_is_not_a_post(server):
    url = server.route("/p", Response(status=302, body=HTML))
    with pytest.raises(FetchError, match="302 redirect without a Location"):
        fetcher().fetch(url)


def test_json_lines_escape_line_separators():
    from pressclip.model import Article
    from pressclip.output.writers import render

    article = Article(title="제목\u2028둘째 줄", paragraphs=["문단\u2029끝\x85"])
    out = "".join(render([article, article], "jsonl", single=False))
    assert len(out.splitlines()) == 2 and "\\u2028" in out and "\\u0085" in out
    assert [json.loads(line)["title"] for line in out.splitlines()] == ["제목\u2028둘째 줄"] * 2


def test_same_named_attachments_are_hashed_once_each(tmp_path, monkeypatch):
    calls = []
    real = files_mod._sha256
    monkeypatch.setattr(files_mod, "_sha256", lambda p: calls.append(p) or real(p))
    files_mod._sha256_of.cache_clear()
    folder = tmp_path / "f"
    folder.mkdir()
    for n in range(300):
        tmp = folder / f".part-{n}"
        data = f"{n:08d}".encode()
        tmp.write_bytes(data)
        files_mod.place(tmp, folder, "보도자료.hwp", len(data), files_mod._sha256(tmp))
    assert len(list(folder.iterdir())) == 300
    assert len(calls) <= 2 * 300  # each new file once, each placed file once: not 300²/2


def test_clean_input_is_capped_even_on_an_endless_stdin(capsys, monkeypatch):
    class Endless:
        def read(self, n: int = -1) -> bytes:
            if n is None or n < 0:
                raise MemoryError("read to the end of an endless stream")
            return b"a" * n

    class Stdin:
        buffer = Endless()

    monkeypatch.setattr("sys.stdin", Stdin())
    code, out, err = cli(capsys, monkeypatch, "clean", "-")
    assert code == 1 and out == ""
    assert err.startswith("pressclip: error: -: too large: more than ")


def test_a_header_deadline_and_retry_after_cap_never_block_past_the_deadline():
    # a 429 with Retry-After: 3600 is waited no longer than the deadline allows
    options = FetchOptions(deadline=2, max_retry_after=60)
    f = Fetcher(options)
    assert f.session.get_adapter("http://x/").max_retries.cap == 2  # type: ignore[attr-defined]


def test_library_options_refuse_inf_and_nan():
    for bad in ({"timeout": float("inf")}, {"deadline": float("nan")}, {"delay": 1e308}):
        with pytest.raises(PressclipError):
            FetchOptions(**bad)  # type: ignore[arg-type]


# -- property tests: no input gets a traceback out ----------------------------------------------

from encodings.aliases import aliases  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from pressclip import urls  # noqa: E402
from pressclip.decode import normalise_charset  # noqa: E402

HOSTS = [
    "[x",
    "[::1",
    "[::1]",
    "[v1.x]",
    "127.0.0.1",
    "h.invalid",
    "",
    "a b",
    "%zz",
    "[",
    "]",
    "@",
    "ü.invalid",
]
PORTS = ["", ":99999", ":-1", ":abc", ":0", ":65535", ":", ":1"]
url_like = st.builds(
    lambda scheme, sep, user, host, port, rest: f"{scheme}{sep}{user}{host}{port}{rest}",
    st.sampled_from(["http", "https", "HTTP", "ftp", "", "javascript", "file"]),
    st.sampled_from(["://", ":", "//", ":///", ""]),
    st.sampled_from(["", "user:pw@", "@", "a@b@", ":@"]),
    st.one_of(st.sampled_from(HOSTS), st.text(max_size=8)),
    st.sampled_from(PORTS),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
)
labels = st.one_of(
    st.sampled_from(sorted(set(aliases) | set(aliases.values()))),
    st.sampled_from(
        ["rot13", "base64", "hex", "uu", "zlib", "bz2", "punycode", "undefined", "idna"]
    ),
    st.text(max_size=12),
)
numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["inf", "-inf", "nan", "1e308", "-0", "0", "1e-300", "99999999999999999999"]),
    st.integers(min_value=-(10**20), max_value=10**20),
)
ONLY_OURS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@ONLY_OURS
@given(url_like, url_like)
def test_url_functions_raise_only_pressclip_errors(url, base):
    for call in (
        lambda: check_url(url),
        lambda: urls.split(url),
        lambda: urls.host_key(url),
    ):
        with contextlib.suppress(PressclipError):
            call()
    assert isinstance(post_key(url), str) and isinstance(board_name(url), str)
    assert isinstance(urls.valid(url), bool) and isinstance(urls.redact(url), str)
    joined = urls.join(base, url)
    assert joined is None or urls.valid(joined)
    if "//user:pw@" in url:
        assert "pw@" not in urls.redact(url)


@ONLY_OURS
@given(url_like, url_like)
def test_pages_with_poison_links_raise_only_pressclip_errors(href, base):
    esc = href.replace('"', "&quot;")
    view = (
        f'<html><head><link rel="canonical" href="{esc}"><meta property="og:url" content="{esc}">'
        f'</head><body><div id="bo_v"><h2 id="bo_v_title">제목</h2><div id="bo_v_con"><p>본문입니다.</p>'
        f'</div><section id="bo_v_file"><a href="{esc}" class="view_file_download">첨부.hwp</a>'
        f"</section></div></body></html>"
    )
    rows = f'<table><tr><td>1</td><td class="td_subject"><a href="{esc}">보도자료 제목 하나</a></td></tr></table>'
    pager = f'<nav class="pg_wrap"><strong class="pg_current">1</strong><a href="{esc}">2</a></nav>'
    for call in (
        lambda: pressclip.extract(view, url=base),
        lambda: pressclip.extract(view),
        lambda: pressclip.parse_list(rows + pager, url=base),
    ):
        try:
            result = call()
        except PressclipError:
            continue
        for link in [getattr(result, "url", None)] + [
            a.url for a in getattr(result, "attachments", [])
        ]:
            assert link is None or urls.valid(link) or link == base


@ONLY_OURS
@given(labels, st.binary(max_size=200))
def test_charset_labels_raise_only_pressclip_errors(label, data):
    assert normalise_charset(label) is None or isinstance(normalise_charset(label), str)
    meta = f'<meta charset="{label}"><p>보도자료</p>'.encode("utf-8", "replace")
    for body, header in ((data, label), (meta, None), (meta + data, label)):
        try:
            text, codec = decode(body, header)
        except PressclipError:
            continue
        assert isinstance(text, str) and isinstance(codec, str)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(
        ["--timeout", "--delay", "--deadline", "--retries", "--max-bytes", "--pages", "--limit"]
    ),
    numbers,
    url_like,
)
def test_cli_options_and_urls_never_give_a_traceback(cli, option, value, url):
    # The URL is malformed or refused before any I/O when the options are valid: nothing here
    # reaches a network (an unbracketed good host gets a port that cannot parse).
    if urls.valid(url) and url.lower().startswith(("http:", "https:")):
        url = "http://h.invalid:99999/p"
    code, out, err = cli("fetch", url, option, value, "--retries", "0")
    assert code in (1, 2), err  # not 70, an internal error
    assert "Traceback" not in err, err


def test_robots_txt_is_fetched_once_a_run_for_all_boards_on_a_host(capsys, monkeypatch, db):
    robots_hits = []

    class CountingServer(BoardServer):
        def answer(self, path, referer):
            if path == "/robots.txt":
                robots_hits.append(path)
            return super().answer(path, referer)

    with CountingServer(FakeBoard("press", count=1), FakeBoard("notice", count=1)) as server:
        code, _, err = cli(
            capsys,
            monkeypatch,
            "archive",
            server.list_url("press"),
            server.list_url("notice"),
            "--db",
            db,
            "--delay",
            0,
        )
    assert code == 0, err
    assert robots_hits == ["/robots.txt"]


def test_download_headers_trickling_are_cut_at_the_deadline(tmp_path):
    from pressclip.model import Attachment

    with RawServer(trickle("headers")) as s:
        saved = files_mod.download(
            fetcher(deadline=1, respect_robots=False),
            Attachment("a.hwp", s.url("/download.php?no=1")),
            s.url("/view"),
            tmp_path,
        )
    assert saved.path is None and saved.error is not None
    assert saved.error.endswith("took longer than 1 s (deadline)")
    assert list(tmp_path.iterdir()) == []


def test_output_to_a_device_node_is_written_in_place_and_left_alone(capsys, monkeypatch, tmp_path):
    seed = Path(__file__).parent / "fixtures" / "example_post.txt"
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # /dev/null's numbers
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here (needs root): {exc}")
    code, out, err = cli(capsys, monkeypatch, "clean", seed, "-o", node)
    assert (code, out, err) == (0, "", "")  # like -o /dev/null: no temp file renamed over it
    assert stat.S_ISCHR(node.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


@ONLY_OURS
@given(labels, st.text(max_size=30))
def test_disposition_charset_labels_never_raise(label, rest):
    from pressclip.archive.files import disposition_name, safe_name

    for header in (f"attachment; filename*={label}''{rest}", f'attachment; filename="{rest}"'):
        name = disposition_name(header)
        assert name is None or isinstance(safe_name(name), str)


def test_disposition_with_a_non_text_codec_label():
    from pressclip.archive.files import disposition_name

    assert disposition_name("attachment; filename*=undefined''%EB%B3%B4.hwp") == "보.hwp"


def test_progress_line_takes_urls_with_brackets_and_escapes(monkeypatch):
    import io

    from pressclip.cli import progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    with progress() as step:
        step("http://user:pw@x.example/[/bold][x?" + ESCAPES)  # rich markup would raise here
    assert "pw@" not in screen.getvalue() and "pwned" not in screen.getvalue()


@pytest.mark.parametrize("value", ["inf", "nan", "1e308"])
def test_config_delay_out_of_range_is_a_usage_error(capsys, monkeypatch, tmp_path, value):
    config = tmp_path / "boards.toml"
    config.write_text(f'[[board]]\nurl = "http://127.0.0.1:9/b"\ndelay = {value}\n')
    code, _, err = cli(
        capsys, monkeypatch, "archive", "--config", config, "--db", tmp_path / "d.sqlite"
    )
    assert code == 2 and "'delay' must be a number of seconds" in err
