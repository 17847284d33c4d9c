"""`pressclip archive` / `export` against generated gnuboard5-style boards on 127.0.0.1.

The board server here is dynamic (posts are added, changed, made slow while a test runs) and
counts the requests it answers, so the tests can say exactly what a run fetched. Every test
that uses ``db`` runs twice, with the archive in SQLite and in PostgreSQL (``store_target`` in
tests/conftest.py); those about SQLite's lock file use ``sqlite_db`` only.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import threading
import time
import zlib
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import Cli

from pressclip.archive.files import disposition_name, safe_name
from pressclip.archive.store import is_postgres, open_store

PER_PAGE = 10
#: The CLI these tests and the files that import :func:`cli` from here run.
CLI = Cli()
#: What real files start with (downloads are checked by content): an OLE compound file (HWP 5,
#: office 97) and a PDF header.
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PDF = b"%PDF-1.7\n"


# -- a generated board --------------------------------------------------------------------------


@dataclass
class File:
    """An attachment as the server sends it."""

    link: str
    body: bytes
    disposition: str | None = None  # header value as latin-1 text (raw bytes)
    content_type: str = "application/octet-stream"


@dataclass
class Post:
    id: int
    title: str
    paragraphs: list[str]
    files: list[File] = field(default_factory=list)
    notice: bool = False
    images: list[bytes] = field(default_factory=list)  # PNGs shown in the body, before its text


def words(seed: int, count: int) -> str:
    """Pseudo-Korean text, different for every seed (so posts are not near-duplicates)."""
    rng = random.Random(seed)
    return " ".join(
        "".join(chr(0xAC00 + rng.randrange(11172)) for _ in range(rng.randint(2, 4)))
        for _ in range(count)
    )


class FakeBoard:
    """A gnuboard5 board: posts newest first, pinned notices, PER_PAGE rows a list page."""

    def __init__(self, table: str = "press", count: int = 0, files: int = 1) -> None:
        self.table = table
        self.posts: list[Post] = []
        self.notices: list[Post] = []
        self.next_id = 1
        self.files = files
        self.seed = zlib.crc32(table.encode()) * 1000
        for _ in range(count):
            self.add()

    def add(self, title: str | None = None, paragraphs: list[str] | None = None, **kw) -> Post:
        n = self.next_id
        self.next_id += 1
        files = kw.pop("files", None)
        if files is None:
            files = [
                File(f"보도자료_{n}_{k}.hwp", OLE + f"HWP {n} {k}".encode())
                for k in range(self.files)
            ]
        post = Post(
            n,
            title or f"{self.table} 보도자료 {n}: {words(n, 3)}",
            paragraphs
            if paragraphs is not None
            else [f"{words(self.seed + n * 7 + k, 14)}다." for k in range(3)],
            files,
            **kw,
        )
        (self.notices if post.notice else self.posts).insert(0, post)
        return post

    def find(self, wr_id: int) -> Post | None:
        return next((p for p in self.notices + self.posts if p.id == wr_id), None)

    def last_page(self) -> int:
        return max(1, -(-len(self.posts) // PER_PAGE))

    def list_html(self, base: str, page: int) -> str:
        rows = [self._row(base, p, page, True) for p in self.notices]
        start = (page - 1) * PER_PAGE
        rows += [self._row(base, p, page, False) for p in self.posts[start : start + PER_PAGE]]
        links = []
        for n in range(max(1, page - 4), min(self.last_page(), page + 5) + 1):
            if n == page:
                links.append(f'<strong class="pg_current">{n}</strong>')
            else:
                href = f"{base}/bbs/board.php?bo_table={self.table}&amp;page={n}"
                links.append(f'<a href="{href}" class="pg_page">{n}</a>')
        return LIST.format(table=self.table, rows="\n".join(rows), pager="\n".join(links))

    def _row(self, base: str, post: Post, page: int, notice: bool) -> str:
        href = f"{base}/bbs/board.php?bo_table={self.table}&amp;wr_id={post.id}&amp;page={page}"
        first = '<strong class="notice_icon">공지</strong>' if notice else str(post.id)
        return ROW.format(
            cls="bo_notice" if notice else "", first=first, href=href, title=escape(post.title)
        )

    def view_html(self, base: str, post: Post) -> str:
        files = "\n".join(
            f'<li><a href="{base}/bbs/download.php?bo_table={self.table}&amp;wr_id={post.id}'
            f'&amp;no={k}" class="view_file_download"><strong>{escape(f.link)}</strong></a></li>'
            for k, f in enumerate(post.files)
        )
        body = "\n".join(
            [
                f'<p><img src="/data/{self.table}/{post.id}_{k}.png"></p>'
                for k in range(len(post.images))
            ]
            + [f"<p>{escape(p)}</p>" for p in post.paragraphs]
        )
        return VIEW.format(table=self.table, title=escape(post.title), body=body, files=files)


LIST = """<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>보도자료</title>
<script>var g5_url = ""; var g5_bo_table = "{table}";</script></head><body>
<div id="bo_list"><form id="fboardlist"><div class="tbl_head01 tbl_wrap"><table><tbody>
{rows}
</tbody></table></div></form>
<nav class="pg_wrap"><span class="pg">{pager}</span></nav></div></body></html>"""

ROW = """<tr class="{cls}"><td class="td_num2">{first}</td><td class="td_subject"><div class="bo_tit">
<a href="{href}">{title}</a></div></td><td class="td_name">홍보담당</td><td class="td_datetime">04-22</td></tr>"""

VIEW = """<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>{title}</title>
<script>var g5_bo_table = "{table}";</script></head><body>
<article id="bo_v"><header><h2 id="bo_v_title"><span class="bo_v_tit">{title}</span></h2></header>
<section id="bo_v_info"><strong><span class="sv_member">홍보담당</span></strong>
<strong class="if_date">24-04-22 09:40</strong></section>
<section id="bo_v_atc"><div id="bo_v_con">{body}</div></section>
<section id="bo_v_file"><ul>{files}</ul></section>
</article></body></html>"""


# -- the server ---------------------------------------------------------------------------------


class BoardServer:
    """Serves FakeBoards on 127.0.0.1 and logs every request but robots.txt."""

    def __init__(self, *boards: FakeBoard) -> None:
        self.boards = {b.table: b for b in boards}
        self.log: list[str] = []
        self.referers: list[str | None] = []
        self.slow: set[int] = set()
        self.missing: set[int] = set()  # posts listed whose view answers 404
        self.slow_hit = threading.Event()
        self.release = threading.Event()
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                status, headers, body = server.answer(self.path, self.headers.get("Referer"))
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def list_url(self, table: str = "press") -> str:
        return f"{self.base}/bbs/board.php?bo_table={table}"

    def __enter__(self) -> BoardServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def take_log(self) -> list[str]:
        with self._lock:
            log, self.log = self.log, []
        return log

    def answer(self, path: str, referer: str | None) -> tuple[int, dict[str, str], bytes]:
        parts = urlsplit(path)
        if parts.path == "/robots.txt":
            return 404, {"Content-Type": "text/plain"}, b"no robots"
        with self._lock:
            self.log.append(path)
            self.referers.append(referer)
        q = {k: v[0] for k, v in parse_qs(parts.query).items()}
        html = {"Content-Type": "text/html; charset=utf-8"}
        if parts.path.startswith("/data/"):  # /data/TABLE/ID_K.png: an image of a post's body
            return self.image(parts.path)
        board = self.boards.get(q.get("bo_table", ""))
        if board is None:
            return 404, html, b"<html>no board</html>"
        if parts.path == "/bbs/board.php" and "wr_id" not in q:
            return 200, html, board.list_html(self.base, int(q.get("page", 1))).encode()
        post = board.find(int(q.get("wr_id", 0)))
        if post is None or (post.id in self.missing and parts.path == "/bbs/board.php"):
            return 404, html, b"<html>no post</html>"
        if parts.path == "/bbs/board.php":
            if post.id in self.slow:
                self.slow_hit.set()
                self.release.wait(60)
            return 200, html, board.view_html(self.base, post).encode()
        if parts.path == "/bbs/download.php":
            if not referer or f"wr_id={post.id}" not in referer:
                return (
                    200,
                    html,
                    "<!DOCTYPE html><script>alert('잘못된 접근입니다.')</script>".encode(),
                )
            f = post.files[int(q.get("no", 0))]
            headers = {"Content-Type": f.content_type}
            if f.disposition is not None:
                headers["Content-Disposition"] = f.disposition
            return 200, headers, f.body
        return 404, html, b"<html>not found</html>"

    def image(self, path: str) -> tuple[int, dict[str, str], bytes]:
        """The image ``/data/TABLE/ID_K.png`` of a post's body (404 when there is none)."""
        _, _, table, name = (path.split("/", 3) + ["", ""])[:4]
        post_id, _, k = name.removesuffix(".png").partition("_")
        board = self.boards.get(table)
        post = board.find(int(post_id)) if board and post_id.isdigit() else None
        if post is None or not k.isdigit() or int(k) >= len(post.images):
            return 404, {"Content-Type": "text/html"}, b"<html>no image</html>"
        return 200, {"Content-Type": "image/png"}, post.images[int(k)]


# -- helpers ------------------------------------------------------------------------------------


def cli(capsys, monkeypatch, *args: object) -> tuple[int, str, str]:
    """Run the pressclip CLI in this process (conftest.Cli); (exit code, stdout, stderr).
    ``capsys`` and ``monkeypatch`` are the calling test's, which its callers pass."""
    return CLI(*args)


def spawn(*args: object) -> subprocess.Popen:
    """The CLI in a child process (conftest.Cli.spawn)."""
    return CLI.spawn(*args)


def posts_in(db: str) -> list[tuple[str, str]]:
    """(board name, post key) of every archived post, read through the store."""
    with open_store(db) as store:
        rows = store.q("SELECT b.name, p.key FROM posts p JOIN boards b ON b.id = p.board_id")
    return [(r["name"], r["key"]) for r in rows]


def ids_in(db: str) -> list[int]:
    """The wr_id of every archived post (with repeats, were any post stored twice)."""
    with open_store(db) as store:
        keys = [r["key"] for r in store.q("SELECT key FROM posts")]
    return sorted(int(parse_qs(urlsplit(k).query)["wr_id"][0]) for k in keys)


def views(log: list[str]) -> list[int]:
    return [
        int(parse_qs(urlsplit(p).query)["wr_id"][0])
        for p in log
        if "wr_id" in p and "board.php" in p
    ]


def lists(log: list[str]) -> list[int]:
    return [
        int(parse_qs(urlsplit(p).query).get("page", ["1"])[0])
        for p in log
        if "board.php" in p and "wr_id" not in p
    ]


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Path:
    """A SQLite archive only: for tests of its lock file (``<db>.lock``, exit 75, --wait).
    PostgreSQL holds boards with advisory locks instead; tests/test_postgres.py tests those."""
    return tmp_path / "press.sqlite"


@pytest.fixture
def files_dir(tmp_path: Path) -> Path:
    """Where ``archive`` saves attachments by default, with either store."""
    return tmp_path / "files"


# -- the walk -----------------------------------------------------------------------------------


def test_first_run_then_only_new(capsys, monkeypatch, db, files_dir):
    board = FakeBoard(count=35)
    board.add(title="[공지] 보도자료 게시판 이용 안내", notice=True)
    with BoardServer(board) as server:
        code, out, err = cli(
            capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0
        )
        assert code == 0, err
        assert err == "board 127.0.0.1/press: 36 new, 0 changed, 0 failed\n"
        log = server.take_log()
        assert lists(log) == [1, 2, 3, 4]
        assert sorted(views(log)) == list(range(1, 37))  # the notice once, not once a page
        assert len(ids_in(db)) == 36
        assert all(r for r, p in zip(server.referers, log, strict=True) if "download.php" in p)
        files = sorted(p.name for p in (files_dir / "127.0.0.1_press").iterdir())
        assert len(files) == 36 and files[0] == "보도자료_10_0.hwp"

        # nothing new: page 1 only
        code, _, err = cli(
            capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0
        )
        assert code == 0 and "0 new, 0 changed, 0 failed" in err
        assert server.take_log() == ["/bbs/board.php?bo_table=press"]

        # three new posts: page 1, the three posts and their files, nothing else
        new = [board.add().id for _ in range(3)]
        code, _, err = cli(
            capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0
        )
        assert code == 0 and "3 new, 0 changed, 0 failed" in err
        log = server.take_log()
        assert lists(log) == [1]
        assert sorted(views(log)) == new
        assert len(log) == 1 + 3 + 3

        # a gap longer than a page: pages until one ends with an archived post
        new = [board.add().id for _ in range(25)]
        code, _, err = cli(
            capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0, "-q"
        )
        assert code == 0 and err == ""
        log = server.take_log()
        assert lists(log) == [1, 2, 3]
        assert sorted(views(log)) == new
        assert ids_in(db) == list(range(1, board.next_id))


def test_first_run_killed_midway_walks_on(capsys, monkeypatch, db):
    """A first walk that died is not 'complete': the next run goes to the last page."""
    board = FakeBoard(count=30)
    with BoardServer(board) as server:
        server.slow = {board.posts[15].id}
        proc = spawn("archive", server.list_url(), "--db", db, "--delay", 0)
        assert server.slow_hit.wait(30)
        proc.kill()
        proc.wait()
        server.slow = set()
        server.release.set()
        code, _, err = cli(
            capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0
        )
        assert code == 0, err
        assert ids_in(db) == list(range(1, 31))


def test_kill_9_midway_loses_and_doubles_nothing(capsys, monkeypatch, db, files_dir):
    board = FakeBoard(count=20)
    with BoardServer(board) as server:
        assert (
            cli(capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0)[0] == 0
        )
        new = [board.add() for _ in range(25)]
        slow = new[-16]  # 16th newest: on list page 2, after page 1 is fully stored
        server.slow = {slow.id}
        server.take_log()
        proc = spawn("archive", server.list_url(), "--db", db, "--delay", 0)
        assert server.slow_hit.wait(30)
        time.sleep(0.2)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        done = set(ids_in(db))
        assert set(range(36, 46)) <= done and slow.id not in done  # page 1 stored, then killed
        server.slow = set()
        server.release.set()
        code, _, err = cli(
            capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0
        )
        assert code == 0, err
        assert ids_in(db) == list(range(1, 46))  # nothing lost, nothing twice
        if not is_postgres(db):
            with sqlite3.connect(db) as con:
                assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        with open_store(db) as store:
            assert store.one("SELECT count(*) AS n FROM revisions")["n"] == 45
            # the search index was written with each post: a row for each, none without one
            key = "post_id" if is_postgres(db) else "rowid"
            indexed = {r["id"] for r in store.q(f"SELECT {key} AS id FROM search_index")}
            assert indexed == {r["id"] for r in store.q("SELECT id FROM posts")}
            assert [r["frontier"] for r in store.q("SELECT frontier FROM boards")] == [None]
        folder = files_dir / "127.0.0.1_press"
        names = sorted(p.name for p in folder.iterdir())
        assert len(names) == 45 and not [n for n in names if "(2)" in n or n.startswith(".")]
        # and the next run is back to one list page
        server.take_log()
        assert (
            cli(capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0)[0] == 0
        )
        assert server.take_log() == ["/bbs/board.php?bo_table=press"]


def test_overlapping_runs(capsys, monkeypatch, sqlite_db):
    """SQLite only: a second run meets the lock file (PostgreSQL's board locks are in
    tests/test_postgres.py)."""
    db = sqlite_db
    board = FakeBoard(count=5)
    with BoardServer(board) as server:
        server.slow = {board.posts[2].id}
        first = spawn("archive", server.list_url(), "--db", db, "--delay", 0)
        assert server.slow_hit.wait(30)
        code, out, err = cli(
            capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0
        )
        assert code == 75 and out == ""  # EX_TEMPFAIL: try later
        assert err.count("\n") == 1 and "another pressclip archive is running" in err
        waiting = spawn("archive", server.list_url(), "--db", db, "--delay", 0, "--wait")
        time.sleep(0.5)
        assert waiting.poll() is None  # queued behind the first
        server.release.set()
        assert first.wait(30) == 0
        assert waiting.wait(30) == 0
        assert b"0 new" in waiting.communicate()[1]
        assert ids_in(db) == [1, 2, 3, 4, 5]


def test_failed_post_is_retried_and_exit_1(capsys, monkeypatch, db):
    board = FakeBoard(count=15)
    with BoardServer(board) as server:
        server.missing = {board.posts[12].id}
        code, _, err = cli(
            capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0
        )
        assert code == 1
        assert "HTTP 404" in err and "14 new, 0 changed, 1 failed" in err
        server.missing = set()
        server.take_log()
        code, _, err = cli(
            capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0
        )
        assert code == 0 and "1 new" in err
        assert ids_in(db) == list(range(1, 16))


def test_changed_post_gets_a_revision(capsys, monkeypatch, db):
    board = FakeBoard(count=12)
    with BoardServer(board) as server:
        cli(capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0)
        post = board.find(11)
        assert post is not None
        post.title += " (수정)"
        post.paragraphs[1] = "담당 부서 연락처를 바로잡습니다."
        code, _, err = cli(
            capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0
        )
        assert code == 0 and "0 new, 1 changed" in err
        # --full re-fetches everything; a body edit under the same title is found too
        board.find(3).paragraphs.append("추가 문단입니다.")  # type: ignore[union-attr]
        code, _, err = cli(
            capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0, "--full"
        )
        assert code == 0 and "0 new, 1 changed" in err
        with open_store(db) as store:
            rows = store.q(
                "SELECT p.key, count(*) AS n FROM revisions r JOIN posts p ON p.id = r.post_id "
                "WHERE p.key LIKE ? OR p.key LIKE ? GROUP BY p.key",
                ("%wr_id=11", "%wr_id=3"),
            )
        assert {urlsplit(r["key"]).query: r["n"] for r in rows} == {
            "bo_table=press&wr_id=11": 2,
            "bo_table=press&wr_id=3": 2,
        }
        code, out, _ = cli(capsys, monkeypatch, "export", "--db", db)
        record = next(r for r in map(json.loads, out.splitlines()) if "wr_id=11" in r["url"])
        assert record["title"].endswith("(수정)") and "바로잡습니다" in record["body"]


# -- duplicates and export ----------------------------------------------------------------------


def test_reposts_linked_and_left_out_by_unique(capsys, monkeypatch, db, tmp_path):
    press, news = FakeBoard("press", count=4), FakeBoard("news", count=3)
    text = [words(500 + k, 40) + "다." for k in range(4)]
    near = list(text)
    near[3] = near[3][:-12] + "바뀐 끝말이다."
    press.add(title="한솔군, 산나물축제 개막 (초안)", paragraphs=near)  # near-duplicate, older
    release = press.add(title="한솔군, 산나물축제 개막", paragraphs=text)
    news.add(title="한솔군, 산나물축제 개막", paragraphs=list(text))  # exact repost
    config = tmp_path / "boards.toml"
    with BoardServer(press, news) as server:
        config.write_text(
            f'[[board]]\nurl = "{server.list_url("press")}"\nname = "보도자료"\n\n'
            f'[[board]]\nurl = "{server.list_url("news")}"\nname = "news"\ndelay = 0\n',
            encoding="utf-8",
        )
        code, _, err = cli(
            capsys, monkeypatch, "archive", "--config", config, "--db", db, "--delay", 0
        )
        assert code == 0, err
        assert err.splitlines() == [
            "board 보도자료: 6 new, 0 changed, 0 failed",
            "board news: 4 new, 0 changed, 0 failed",
        ]
    code, out, _ = cli(capsys, monkeypatch, "export", "--db", db)
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 10
    dups = [r for r in records if r["duplicate_of"]]
    assert len(dups) == 2 and all(f"wr_id={release.id}&" in r["duplicate_of"] for r in dups)
    assert list(records[0])[:9] == [
        "url",
        "title",
        "author",
        "published",
        "views",
        "body",
        "attachments",
        "engine",
        "duplicates_removed",
    ]
    assert records[0]["board"] in ("보도자료", "news") and records[0]["first_seen"]
    assert Path(records[0]["attachments"][0]["path"]).is_file()
    code, out, _ = cli(capsys, monkeypatch, "export", "--db", db, "--unique")
    assert len(out.splitlines()) == 8
    code, out, _ = cli(capsys, monkeypatch, "export", "--db", db, "--board", "news", "-f", "json")
    assert len(json.loads(out)) == 4
    code, out, _ = cli(capsys, monkeypatch, "export", "--db", db, "--since", "2999-01-01")
    assert code == 0 and out == ""
    code, _, err = cli(capsys, monkeypatch, "export", "--db", db, "--since", "yesterday")
    assert code == 2 and "--since" in err


# -- attachments --------------------------------------------------------------------------------


HOSTILE = [
    File("a.hwp", OLE + b"1", 'attachment; filename="../../x.hwp"'),
    File("b.hwp", OLE + b"2", 'attachment; filename="/etc/passwd"'),
    File("c.hwp", OLE + b"3", "attachment; filename*=UTF-8''..%2F..%2Fx.hwp"),
    File("d.hwp", OLE + b"4", 'attachment; filename="con\x01trol\x1f.hwp"'),
    File("..\\..\\evil.hwp", OLE + b"5"),
    File("e.hwp", OLE + b"6", 'attachment; filename=".."'),
    File(
        "f.hwp",
        OLE + b"7",
        ('attachment; filename="' + "가" * 200 + '.hwp"').encode().decode("latin-1"),
    ),
]


def test_hostile_names_stay_inside(capsys, monkeypatch, db, tmp_path):
    board = FakeBoard()
    board.add(files=HOSTILE)
    files = tmp_path / "out" / "files"
    with BoardServer(board) as server:
        code, _, err = cli(
            capsys,
            monkeypatch,
            "archive",
            server.list_url(),
            "--db",
            db,
            "--delay",
            0,
            "--files",
            files,
        )
    assert code == 0, err
    saved = [p for p in files.rglob("*") if p.is_file()]
    assert len(saved) == len(HOSTILE)
    assert all(p.resolve().parent == (files / "127.0.0.1_press").resolve() for p in saved)
    names = sorted(p.name for p in saved)
    assert "x.hwp" in names and "x (2).hwp" in names and "passwd" in names and "evil.hwp" in names
    assert "control.hwp" in names
    assert all(len(n.encode()) <= 200 for n in names)
    assert not (tmp_path / "x.hwp").exists() and not list(tmp_path.glob("out/*.hwp"))


def test_korean_names_cp949_utf8_and_rfc6266(capsys, monkeypatch, db, files_dir):
    def raw(text: str, codec: str) -> str:
        return text.encode(codec).decode("latin-1")  # how the bytes reach requests

    board = FakeBoard()
    board.add(
        files=[
            File("x1", OLE + b"a", 'attachment; filename="' + raw("보도자료.hwp", "cp949") + '"'),
            File("x2", PDF + b"b", 'attachment; filename="' + raw("공고문.pdf", "utf-8") + '"'),
            File(
                "x3",
                OLE + b"c",
                "attachment; filename=\"fallback.hwp\"; filename*=UTF-8''%EB%B3%B4%EB%8F%84.hwp",
            ),
            File("붙임_일정표.hwp", OLE + b"d"),
        ]
    )
    with BoardServer(board) as server:
        code, _, err = cli(
            capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0
        )
    assert code == 0, err
    names = sorted(p.name for p in (files_dir / "127.0.0.1_press").iterdir())
    assert names == sorted(["보도자료.hwp", "공고문.pdf", "보도.hwp", "붙임_일정표.hwp"])


def test_html_error_page_is_a_failed_download(capsys, monkeypatch, db, files_dir):
    board = FakeBoard()
    board.add(
        files=[
            File(
                "보도자료.hwp",
                "<html><body>파일이 없습니다</body></html>".encode(),
                None,
                "text/html; charset=utf-8",
            ),
            File(
                "공고.pdf", b"\n<!DOCTYPE html><html>error</html>", 'attachment; filename="a.pdf"'
            ),
            File("ok.hwp", OLE + b"HWP"),
        ]
    )
    with BoardServer(board) as server:
        code, _, err = cli(
            capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0
        )
    assert code == 1
    assert "1 new, 0 changed, 0 failed, 2 attachments failed" in err
    assert err.count("served an HTML page instead of the file") == 2
    folder = files_dir / "127.0.0.1_press"
    assert sorted(p.name for p in folder.iterdir()) == ["ok.hwp"]
    code, out, _ = cli(capsys, monkeypatch, "export", "--db", db)
    files = json.loads(out)["attachments"]
    assert [f["path"] is None for f in files] == [True, True, False]
    assert "HTML" in files[0]["error"]


def test_size_cap_and_no_referer_page(capsys, monkeypatch, db, files_dir):
    board = FakeBoard()
    board.add(files=[File("big.hwp", OLE + b"x" * 5000), File("ok.hwp", OLE + b"y" * 10)])
    with BoardServer(board) as server:
        code, _, err = cli(
            capsys,
            monkeypatch,
            "archive",
            server.list_url(),
            "--db",
            db,
            "--delay",
            0,
            "--max-bytes",
            4096,
        )
    assert code == 1 and "too large" in err
    assert [p.name for p in (files_dir / "127.0.0.1_press").iterdir()] == ["ok.hwp"]


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("attachment; filename*=UTF-8''%EB%B3%B4%EB%8F%84.hwp", "보도.hwp"),
        ("attachment; filename=\"a b.pdf\"; filename*=utf-8'ko'%ED%8C%8C%EC%9D%BC.pdf", "파일.pdf"),
        ('attachment; filename="%EB%B3%B4%EB%8F%84.hwp"', "보도.hwp"),
        ("attachment; filename=plain.txt", "plain.txt"),
        ('inline; filename="semi;colon.hwp"', "semi;colon.hwp"),
        ("attachment", None),
        (None, None),
    ],
)
def test_disposition_name(header, name):
    assert disposition_name(header) == name


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("../../x.hwp", "x.hwp"),
        ("/etc/passwd", "passwd"),
        ("C:\\Windows\\win.ini", "win.ini"),
        ("..", "attachment"),
        ("a\x00b\r\n.hwp", "ab.hwp"),
        ('what?*<>|":.hwp', "what_______.hwp"),
        (".hidden", "hidden"),
        ("NUL.txt", "_NUL.txt"),
    ],
)
def test_safe_name(raw, safe):
    assert safe_name(raw) == safe


# -- usage --------------------------------------------------------------------------------------


def test_usage_errors_exit_2(capsys, monkeypatch, db, tmp_path):
    code, _, err = cli(capsys, monkeypatch, "archive", "--db", db)
    assert code == 2 and "no boards" in err
    bad = tmp_path / "bad.toml"
    bad.write_text('[[board]]\nname = "x"\n', encoding="utf-8")
    code, _, err = cli(capsys, monkeypatch, "archive", "--config", bad, "--db", db)
    assert code == 2 and "'url'" in err and err.count("\n") == 1
    bad.write_text("[[board]\n", encoding="utf-8")
    assert cli(capsys, monkeypatch, "archive", "--config", bad, "--db", db)[0] == 2
    code, _, err = cli(capsys, monkeypatch, "export", "--db", tmp_path / "none.sqlite")
    assert code == 1 and "no such database" in err


def test_unreachable_board_is_exit_1_others_archived(capsys, monkeypatch, db):
    board = FakeBoard(count=3)
    with BoardServer(board) as server:
        code, _, err = cli(
            capsys,
            monkeypatch,
            "archive",
            server.list_url("gone"),
            server.list_url(),
            "--db",
            db,
            "--delay",
            0,
        )
    assert code == 1
    assert "board 127.0.0.1/press: 3 new" in err and "HTTP 404" in err
    assert len(posts_in(db)) == 3


def test_failed_download_is_tried_again_next_run(capsys, monkeypatch, db):
    board = FakeBoard()
    post = board.add(
        files=[File("보도자료.hwp", b"<html><body>busy</body></html>", None, "text/html")]
    )
    with BoardServer(board) as server:
        code, _, err = cli(
            capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0
        )
        assert code == 1 and "1 attachments failed" in err
        post.files[0] = File("보도자료.hwp", OLE + b"HWP real file")
        server.take_log()
        code, _, err = cli(
            capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0
        )
        assert code == 0, err
        assert "0 new, 0 changed, 0 failed, 1 attachments recovered" in err
        assert views(server.take_log()) == [post.id]  # the post is viewed again, then the file
    _, out, _ = cli(capsys, monkeypatch, "export", "--db", db)
    saved = json.loads(out)["attachments"][0]
    assert saved["error"] is None and Path(saved["path"]).read_bytes() == OLE + b"HWP real file"
