"""The archive database: post identity, schema version and migrations, revisions, duplicates."""

from __future__ import annotations

import sqlite3
import zlib

import pytest

from pressclip.archive.store import SCHEMA_VERSION, Store, content_hash, post_key
from pressclip.archive.walk import Locked, board_name, locked
from pressclip.errors import PressclipError
from pressclip.model import Article, Attachment


@pytest.mark.parametrize(
    ("url", "key"),
    [
        (
            "HTTP://Board.Example.KR/bbs/board.php?wr_id=12&bo_table=press&page=3&sca=&sfl=wr_subject&stx=축제#c_1",
            "http://board.example.kr/bbs/board.php?bo_table=press&wr_id=12",
        ),
        (
            "https://x.go.kr:443/cop/bbs/selectArticleDetail.do;jsessionid=ABC123.node1?nttId=77&bbsId=BBSMSTR_1&pageIndex=2&searchWrd=a",
            "https://x.go.kr/cop/bbs/selectArticleDetail.do?bbsId=BBSMSTR_1&nttId=77",
        ),
        (
            "http://x.kr:8080/index.php?mid=press&document_srl=5&PHPSESSID=zz&utm_source=fb&utm_medium=x",
            "http://x.kr:8080/index.php?document_srl=5&mid=press",
        ),
        ("http://x.kr/?uid=9&mod=document&pageid=4&sid=q", "http://x.kr/?mod=document&uid=9"),
    ],
)
def test_post_key(url, key):
    assert post_key(url) == key


def test_post_key_same_post_from_any_list_page():
    a = post_key("http://b.kr/bbs/board.php?bo_table=press&wr_id=1&page=1")
    b = post_key("http://b.kr/bbs/board.php?page=7&wr_id=1&bo_table=press")
    assert a == b
    assert a != post_key("http://b.kr/bbs/board.php?bo_table=notice&wr_id=1")


def test_board_name():
    assert board_name("http://B.kr/bbs/board.php?bo_table=press&page=2") == "b.kr/press"
    assert board_name("https://x.go.kr/cop/bbs/selectArticleList.do?bbsId=BBS_1") == "x.go.kr/BBS_1"
    assert board_name("https://x.kr/news/press/") == "x.kr/news/press"


def test_schema_version_wal_and_reopen(tmp_path):
    path = tmp_path / "a.sqlite"
    with Store.open(path) as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    with Store.open(path) as store:  # reopening migrates nothing and loses nothing
        assert store.board("b", "http://b.kr/").id == 1
    with Store.open(path) as store:
        assert store.board("b", "http://b.kr/").id == 1


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "a.sqlite"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(PressclipError, match="newer than this pressclip"):
        Store.open(path)


def test_not_a_database(tmp_path):
    path = tmp_path / "a.sqlite"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(PressclipError, match="cannot open database"):
        Store.open(path)


def article(body: str, title: str = "제목", views: int = 1) -> Article:
    return Article(
        url="http://b.kr/bbs/board.php?bo_table=press&wr_id=1",
        title=title,
        author="홍보담당",
        views=views,
        paragraphs=body.split("\n"),
        attachments=[Attachment("a.hwp", "http://b.kr/f")],
        engine="gnuboard5",
    )


def test_content_hash_ignores_views_and_spacing():
    assert content_hash(article("가 나 다", views=1)) == content_hash(
        article("가  나\u00a0다", views=99)
    )
    assert content_hash(article("가 나 다")) != content_hash(article("가 나 라"))


def test_revisions_not_overwrites(tmp_path):
    with Store.open(tmp_path / "a.sqlite") as store:
        board = store.board("b", "http://b.kr/")
        key = post_key("http://b.kr/bbs/board.php?bo_table=press&wr_id=1")
        args = (board.id, key, "http://b.kr/x", "제목", False)
        assert store.save(*args, article("첫 판"), b"<html>1</html>", "utf-8", []) == "new"
        assert (
            store.save(*args, article("첫 판", views=5), b"<html>1b</html>", "utf-8", []) == "same"
        )
        assert store.save(*args, article("둘째 판"), b"<html>2</html>", "utf-8", []) == "changed"
        rows = store.db.execute("SELECT paragraphs, html FROM revisions ORDER BY id").fetchall()
        assert [r[0] for r in rows] == ['["첫 판"]', '["둘째 판"]']
        assert zlib.decompress(rows[1][1]) == b"<html>2</html>"
        ((_, record),) = list(store.records())
        assert record["body"] == "둘째 판" and record["attachments"] == []


def test_near_duplicate_index_rebuilt_from_stored_signatures(tmp_path):
    text = "\n".join(
        f"{n}번째 문장은 보도자료의 본문으로 충분히 길게 써 둔 내용입니다." for n in range(8)
    )
    path = tmp_path / "a.sqlite"
    with Store.open(path) as store:
        board = store.board("b", "http://b.kr/")
        store.save(board.id, "k1", "http://b.kr/1", "t", False, article(text), b"", "utf-8", [])
    with Store.open(path) as store:  # a new process: the LSH index comes from the db
        store.save(
            board.id, "k2", "http://b.kr/2", "t", False, article(text + "\n끝."), b"", "utf-8", []
        )
        rows = dict(store.db.execute("SELECT key, duplicate_kind FROM posts").fetchall())
    assert rows == {"k1": None, "k2": "near"}


def test_lock_is_exclusive(tmp_path):
    db = tmp_path / "a.sqlite"
    with locked(db):
        with pytest.raises(Locked, match="another pressclip archive is running"):
            with locked(db):
                pass
    with locked(db):  # released
        pass
