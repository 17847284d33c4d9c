"""The archive database: post identity, schema version and migrations, revisions, duplicates."""

from __future__ import annotations

import json
import socket
import sqlite3
import zlib

import pytest

from pressclip.archive import minhash
from pressclip.archive.store import SCHEMA_VERSION, content_hash, open_store, post_key
from pressclip.archive.store.postgres import PostgresStore
from pressclip.archive.store.sqlite import MIGRATIONS, SQLiteStore
from pressclip.archive.walk import board_name, locked
from pressclip.errors import Locked, PressclipError
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


def test_sqlite_wal_and_schema_version(tmp_path):
    path = tmp_path / "a.sqlite"
    with open_store(path) as store:
        assert isinstance(store, SQLiteStore)
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_postgres_url_opens_postgres_store(pg_url):
    with open_store(pg_url) as store:
        assert isinstance(store, PostgresStore)
        assert store.one("SELECT version FROM pressclip_schema")["version"] == SCHEMA_VERSION


def test_reopen_migrates_nothing(store_target):
    with open_store(store_target) as store:
        assert store.board("b", "http://b.kr/").id == 1
    with open_store(store_target) as store:  # reopening migrates nothing and loses nothing
        assert store.board("b", "http://b.kr/").id == 1
        assert store.board("c", "http://c.kr/").id != 1


def test_newer_schema_is_refused(store_target):
    with open_store(store_target) as store:
        if isinstance(store, SQLiteStore):
            store.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        else:
            store.q("UPDATE pressclip_schema SET version = ?", (SCHEMA_VERSION + 1,))
    with pytest.raises(PressclipError, match="newer than this pressclip"):
        open_store(store_target)


def test_not_a_database(tmp_path):
    path = tmp_path / "a.sqlite"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(PressclipError, match="cannot open database"):
        open_store(path)


def test_unreachable_postgres_is_one_line_error():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once the socket is closed
    with pytest.raises(PressclipError, match=r"postgres:\*\*\*@127.0.0.1:\d+/x: cannot connect"):
        open_store(f"postgresql://postgres:secret@127.0.0.1:{port}/x")


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


def test_revisions_not_overwrites(store_target):
    with open_store(store_target) as store:
        board = store.board("b", "http://b.kr/")
        key = post_key("http://b.kr/bbs/board.php?bo_table=press&wr_id=1")
        args = (board.id, key, "http://b.kr/x", "제목", False)
        assert store.save(*args, article("첫 판"), b"<html>1</html>", "utf-8", []) == "new"
        assert (
            store.save(*args, article("첫 판", views=5), b"<html>1b</html>", "utf-8", []) == "same"
        )
        assert store.save(*args, article("둘째 판"), b"<html>2</html>", "utf-8", []) == "changed"
        rows = store.q("SELECT paragraphs, html FROM revisions ORDER BY id")
        assert [r["paragraphs"] for r in rows] == ['["첫 판"]', '["둘째 판"]']
        assert zlib.decompress(rows[1]["html"]) == b"<html>2</html>"
        ((_, record),) = list(store.records())
        assert record["body"] == "둘째 판" and record["attachments"] == []
        assert store.one("SELECT count(*) AS n FROM posts")["n"] == 1


LONG = "\n".join(
    f"{n}번째 문장은 보도자료의 본문으로 충분히 길게 써 둔 내용입니다." for n in range(8)
)


def save(store, board, key: str, body: str, title: str = "t") -> None:
    store.save(
        board.id, key, f"http://b.kr/{key}", title, False, article(body, title), b"", "utf-8", []
    )


def duplicates(store) -> dict[str, tuple[str | None, str | None]]:
    rows = store.q(
        "SELECT p.key, o.key AS original, p.duplicate_kind FROM posts p "
        "LEFT JOIN posts o ON o.id = p.duplicate_of"
    )
    return {r["key"]: (r["original"], r["duplicate_kind"]) for r in rows}


def test_near_duplicates_found_through_stored_band_keys(store_target):
    with open_store(store_target) as store:
        board = store.board("b", "http://b.kr/")
        save(store, board, "k1", LONG)
        bands = store.q("SELECT band_key FROM minhash_bands")
        assert len(bands) == minhash.BANDS
    with open_store(store_target) as store:  # a new process: the index is in the database
        save(store, board, "k2", LONG + "\n끝.")  # near
        save(store, board, "k3", LONG)  # exact copy of k1
        save(store, board, "k4", "전혀 다른 내용의 보도자료입니다. " * 8)  # unrelated
        save(store, board, "k5", "짧은 글")  # too short to call near
        assert duplicates(store) == {
            "k1": (None, None),
            "k2": ("k1", "near"),
            "k3": ("k1", "exact"),
            "k4": (None, None),
            "k5": (None, None),
        }
        assert (
            store.one("SELECT count(*) AS n FROM minhash_bands WHERE post_id = ?", (5,))["n"] == 0
        )


def test_changed_post_replaces_its_band_keys(store_target):
    with open_store(store_target) as store:
        board = store.board("b", "http://b.kr/")
        save(store, board, "k1", LONG)
        save(store, board, "k1", "완전히 새로 쓴 본문입니다. 앞의 글과 닮은 데가 없습니다. " * 4)
        assert store.one("SELECT count(*) AS n FROM minhash_bands")["n"] == minhash.BANDS
        save(store, board, "k2", LONG)  # like k1's first revision only: not a duplicate now
        assert duplicates(store)["k2"] == (None, None)


def exercise(store) -> None:
    """Every query a walk sends: a board, known posts, saves (new, changed, near), failed
    files, the frontier."""
    board = store.board("b", "http://b.kr/")
    store.known(board.id, ["k1", "k2"])
    store.touch([1])
    save(store, board, "k2", LONG + "\n끝.")
    save(store, board, "k2", LONG + "\n끝!!")
    store.failed_files(board.id, 10, 20)
    store.unread_files(board.id, 0, 100)
    store.record_text(1, "본문", None, None)
    store.last_file_id()
    store.set_frontier(board.id, "k2")
    store.finish_walk(board.id, None)


def plans_of(store, explain) -> list[str]:
    """The plan lines of each SELECT, UPDATE and DELETE ``exercise`` sends."""
    plans: list[str] = []
    execute = store._execute

    def explaining(sql, args=()):
        if sql.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE")):
            plans.extend(f"{sql[:60]}: {line}" for line in explain(sql, args))
        return execute(sql, args)

    store._execute = explaining
    exercise(store)
    store._execute = execute
    return plans


def test_sqlite_queries_use_indexes(tmp_path):
    """No store query scans posts, revisions, attachments or band keys (SQLite's plans)."""
    with open_store(tmp_path / "a.sqlite") as store:
        save(store, store.board("b", "http://b.kr/"), "k1", LONG)

        def explain(sql, args):
            rows = store.db.execute("EXPLAIN QUERY PLAN " + sql, tuple(args)).fetchall()
            return [r["detail"] for r in rows]

        plans = plans_of(store, explain)
    scans = [p for p in plans if "SCAN" in p.split(": ", 1)[1]]
    assert len(plans) > 20 and not scans, scans


def full_scans(node: dict, limited: bool = False) -> list[str]:
    """The scans of a PostgreSQL JSON plan that read a whole table or index: a Seq Scan, or
    an index scan without an index condition (unless a Limit stops it, as for MAX(id))."""
    kind = node["Node Type"]
    found = []
    if kind == "Seq Scan" or (
        kind in ("Index Scan", "Index Only Scan", "Bitmap Index Scan")
        and "Index Cond" not in node
        and not limited
    ):
        found.append(f"{kind} on {node.get('Relation Name') or node.get('Index Name')}")
    for child in node.get("Plans", []):
        found += full_scans(child, limited or kind == "Limit")
    return found


def test_postgres_queries_use_indexes(pg_url):
    """With sequential scans made a last resort, no store query reads a whole table or
    index (PostgreSQL's plans)."""
    with open_store(pg_url) as store:
        save(store, store.board("b", "http://b.kr/"), "k1", LONG)
        store.q("SET enable_seqscan = off")

        def explain(sql, args):
            row = store.conn.execute(  # plans only: nothing runs
                "EXPLAIN (FORMAT JSON) " + sql.replace("?", "%s"), tuple(args) or None
            ).fetchone()
            return full_scans(row["QUERY PLAN"][0]["Plan"]) or ["ok"]

        plans = plans_of(store, explain)
    scans = [p for p in plans if not p.endswith(": ok")]
    assert len(plans) > 10 and not scans, scans


def test_sqlite_version_1_archive_is_migrated(tmp_path):
    """An archive written by the datasketch era (schema 1) gets new signatures and band keys."""
    path = tmp_path / "old.sqlite"
    con = sqlite3.connect(path)
    con.executescript(MIGRATIONS[0])
    con.execute("INSERT INTO boards(id, name, url) VALUES (1, 'b', 'http://b.kr/')")
    for n in (1, 2):
        con.execute(
            "INSERT INTO posts(id, board_id, key, url, first_seen, last_seen, revision_id) "
            "VALUES (?, 1, ?, ?, '2024-01-01', '2024-01-01', ?)",
            (n, f"k{n}", f"http://b.kr/{n}", n),
        )
        con.execute(
            "INSERT INTO revisions(id, post_id, fetched_at, content_hash, title, paragraphs, "
            "minhash) VALUES (?, ?, '2024-01-01', ?, 't', ?, ?)",
            (n, n, f"h{n}", json.dumps(LONG.split("\n")), b"\0" * 1024),
        )
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    with open_store(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.one("SELECT count(*) AS n FROM minhash_bands")["n"] == 2 * minhash.BANDS
        board = store.board("b", "http://b.kr/")
        save(store, board, "k3", LONG + "\n끝.")
        assert duplicates(store)["k3"] == ("k1", "near")


def test_lock_is_exclusive(tmp_path):
    db = tmp_path / "a.sqlite"
    with locked(db):
        with pytest.raises(Locked, match="another pressclip archive is running"):
            with locked(db):
                pass
    with locked(db):  # released
        pass


def test_sqlite_search_goes_through_fts5(tmp_path):
    """A term of three characters or more is an FTS5 MATCH (the trigram index), never a scan
    of the index's rows; a shorter one is matched on the rows the MATCH leaves."""
    with open_store(tmp_path / "a.sqlite") as store:
        board = store.board("b", "http://b.kr/")
        save(store, board, "k1", LONG, title="행정중심복합신도시 예산")
        plans: list[str] = []
        execute = store._execute

        def explaining(sql, args=()):
            if "search_index MATCH" in sql:
                rows = store.db.execute("EXPLAIN QUERY PLAN " + sql, tuple(args)).fetchall()
                plans.extend(r["detail"] for r in rows)
            return execute(sql, args)

        store._execute = explaining
        assert len(store.search_posts(["신도시", "예산"])) == 1
        assert store.search_posts(["신도시", "없음"]) == []
    assert plans and all("VIRTUAL TABLE INDEX 0:M" in p for p in plans if "search_index" in p)


def utf8_database(pg_server) -> str:
    """A fresh database whose LC_CTYPE is C.UTF-8 (the test server's default, C, makes no
    Hangul syllable a letter, so pg_trgm would take none into trigrams)."""
    import psycopg

    pg_server.databases += 1
    name = f"test_{pg_server.databases}_utf8"
    with psycopg.connect(pg_server.url(), autocommit=True) as conn:
        try:
            conn.execute(
                f"CREATE DATABASE {name} TEMPLATE template0 LC_CTYPE 'C.UTF-8' LC_COLLATE 'C.UTF-8'"
            )
        except psycopg.Error as exc:
            pytest.skip(f"no C.UTF-8 locale for PostgreSQL here: {exc}")
    return pg_server.url(name)


def test_postgres_search_uses_the_trigram_index(pg_server):
    """The trigram index finds the one post of 30 holding the word (it does not hand every
    row to a recheck), and no table is read whole."""
    with open_store(utf8_database(pg_server)) as store:
        assert store.search_problem() is None
        board = store.board("b", "http://b.kr/")
        save(store, board, "k0", LONG, title="행정중심복합신도시 예산")
        for n in range(1, 30):
            save(
                store, board, f"k{n}", f"{n}번째 다른 글입니다. 예산 이야기. " * 20, title=f"글 {n}"
            )
        store.q("ANALYZE")
        plans: list[dict] = []
        execute = store._execute

        def explaining(sql, args=()):
            if "ILIKE" in sql:
                row = store.conn.execute(
                    "EXPLAIN (ANALYZE, FORMAT JSON) " + sql.replace("?", "%s"), tuple(args)
                ).fetchone()
                plans.append(row["QUERY PLAN"][0]["Plan"])
            return execute(sql, args)

        store._execute = explaining
        hits = store.search_posts(["신도시", "예산"])
        assert [h["title"] for h in hits] == ["행정중심복합신도시 예산"]
        assert len(store.search_posts(["예산"])) == 20  # the limit
        assert store.search_posts(["없는말"]) == []

    def nodes(node):
        yield node
        for child in node.get("Plans", []):
            yield from nodes(child)

    first = list(nodes(plans[0]))
    trgm = [n for n in first if n.get("Index Name") == "search_index_trgm"]
    assert trgm and trgm[0]["Actual Rows"] == 1, [
        (n["Node Type"], n.get("Index Name"), n.get("Relation Name")) for n in first
    ]
    assert full_scans(plans[0]) == []


def test_postgres_c_locale_says_why_search_is_slow(pg_url):
    """In a database whose LC_CTYPE is C, pg_trgm sees no Hangul: search still finds the
    posts (by reading every row) and says why."""
    with open_store(pg_url) as store:
        assert "sees no Hangul in this database's LC_CTYPE (C)" in (store.search_problem() or "")
        board = store.board("b", "http://b.kr/")
        save(store, board, "k1", LONG, title="행정중심복합신도시 예산")
        save(store, board, "k2", "다른 글입니다. " * 30)
        assert [h["title"] for h in store.search_posts(["신도시", "예산"])] == [
            "행정중심복합신도시 예산"
        ]


def test_postgres_without_pg_trgm_still_searches(pg_server, capsys):
    """A role that may not create extensions gets no trigram index: search reads every row,
    finds the same posts, and says so."""
    import psycopg

    from pressclip.archive.search import search_archive

    url = pg_server.new_database()
    with psycopg.connect(pg_server.url(), autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS plain")
        conn.execute("CREATE ROLE plain LOGIN")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("GRANT CREATE ON SCHEMA public TO plain")
    plain = url.replace("postgres@", "plain@")
    with open_store(plain) as store:
        assert "no trigram index" in (store.search_problem() or "")
        assert (
            store.one("SELECT count(*) AS n FROM pg_extension WHERE extname = 'pg_trgm'")["n"] == 0
        )
        board = store.board("b", "http://b.kr/")
        save(store, board, "k1", LONG, title="행정중심복합신도시 예산")
        warnings: list[str] = []
        hits = search_archive(store, "신도시 예산", warn=warnings.append)
    assert [h.title for h in hits] == ["행정중심복합신도시 예산"]
    assert warnings == ["no trigram index (pg_trgm could not be created): every post is read"]


def test_sqlite_without_trigrams_still_searches(tmp_path, monkeypatch):
    """A SQLite without the trigram tokenizer (before 3.34) gets a plain table, searched by
    LIKE: the same posts are found."""
    monkeypatch.setattr(SQLiteStore, "TOKENIZER", "no_such_tokenizer")
    with open_store(tmp_path / "a.sqlite") as store:
        assert "no FTS5 trigram tokenizer" in (store.search_problem() or "")
        board = store.board("b", "http://b.kr/")
        save(store, board, "k1", LONG, title="행정중심복합신도시 예산")
        save(store, board, "k2", "다른 글입니다. " * 30)
        assert [h["title"] for h in store.search_posts(["신도시", "예산"])] == [
            "행정중심복합신도시 예산"
        ]
        assert len(store.search_posts(["글입니다"])) == 1


def test_version_5_archive_is_upgraded_in_place_and_says_what_ocr_read(store_target, monkeypatch):
    """An archive of schema 5 (before the ``ocr`` columns): the read-only export reads it as
    it is; opening it to write adds the columns, keeping its post, which says nothing of OCR,
    while a post stored now says what OCR read, of its body and of its attachment."""
    from pressclip.archive.store import SavedFile, base

    with monkeypatch.context() as old:
        old.setattr(base, "SCHEMA_VERSION", 5)  # the migrations stop where 5 did
        with open_store(store_target) as store:
            board = store.board("b", "http://b.kr/")
            post = store.one(
                "INSERT INTO posts(board_id, key, url, first_seen, last_seen) "
                "VALUES (?, 'k1', 'http://b.kr/1', '2024-01-01', '2024-01-01') RETURNING id",
                (board.id,),
            )["id"]
            revision = store.one(
                "INSERT INTO revisions(post_id, fetched_at, content_hash, title, paragraphs) "
                "VALUES (?, '2024-01-01', 'h1', '옛 글', '[\"옛 본문\"]') RETURNING id",
                (post,),
            )["id"]
            store.q("UPDATE posts SET revision_id = ? WHERE id = ?", (revision, post))
            store.q(
                "INSERT INTO attachments(revision_id, position, name, doc_text) "
                "VALUES (?, 0, 'a.hwp', '첨부 본문')",
                (revision,),
            )
    with open_store(store_target, readonly=True) as store:
        assert store.version == 5
        ((_, record),) = list(store.records())
        assert record["body"] == "옛 본문" and "ocr" not in record
        assert record["attachments"][0]["text"] == "첨부 본문"
        assert "ocr" not in record["attachments"][0]
    with open_store(store_target) as store:
        assert store._schema_version() == SCHEMA_VERSION
        board = store.board("b", "http://b.kr/")
        scanned = article("포스터의 글")
        scanned.ocr = ["http://b.kr/data/poster.png"]
        files = [
            SavedFile(Attachment("scan.pdf", "http://b.kr/f"), "/x", text="쪽", ocr=["page 1"])
        ]
        store.save(board.id, "k2", "http://b.kr/2", "t", False, scanned, b"", "utf-8", files)
        records = {r["body"]: r for _, r in store.records()}
    assert "ocr" not in records["옛 본문"] and "ocr" not in records["옛 본문"]["attachments"][0]
    new = records["포스터의 글"]
    assert new["ocr"] == ["http://b.kr/data/poster.png"]
    assert new["attachments"][0]["ocr"] == ["page 1"] and new["attachments"][0]["text"] == "쪽"


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_archive_of_every_older_version_opens_and_migrates(store_target, monkeypatch, version):
    """An archive left at any older schema version (the migrations stopped there), holding a
    post written with that version's columns, opens: it is brought to the current version,
    and its post is exported, found by search and deduplicated against, as a new one is."""
    old_post = article(LONG, "옛 글")
    from pressclip.archive.store import base

    with monkeypatch.context() as old:
        old.setattr(base, "SCHEMA_VERSION", version)
        with open_store(store_target) as store:
            board = store.one(
                "INSERT INTO boards(name, url) VALUES ('b', 'http://b.kr/') RETURNING id"
            )["id"]
            if version >= 5:  # boards are known by their URL's key since 5
                store.q("UPDATE boards SET key = ? WHERE id = ?", (post_key("http://b.kr/"), board))
            post = store.one(
                "INSERT INTO posts(board_id, key, url, first_seen, last_seen) "
                "VALUES (?, 'k1', 'http://b.kr/1', '2024-01-01', '2024-01-01') RETURNING id",
                (board,),
            )["id"]
            revision = store.one(
                "INSERT INTO revisions(post_id, fetched_at, content_hash, title, paragraphs) "
                "VALUES (?, '2024-01-01', ?, '옛 글', ?) RETURNING id",
                (post, content_hash(old_post), json.dumps(old_post.paragraphs)),
            )["id"]
            store.q("UPDATE posts SET revision_id = ? WHERE id = ?", (revision, post))
            if version >= 4:  # the search index came with 4; the pressclip of then filled it
                store.index_post(post)
            assert store._schema_version() == version
    with open_store(store_target) as store:
        assert store._schema_version() == SCHEMA_VERSION
        assert [r["title"] for _, r in store.records()] == ["옛 글"]
        assert [h["title"] for h in store.search_posts(["보도자료의"])] == ["옛 글"]
        board_state = store.board("b", "http://b.kr/")
        assert board_state.id == board  # the old board, known by its URL
        save(store, board_state, "k2", LONG, title="옛 글")
        assert duplicates(store)["k2"] == ("k1", "exact")
