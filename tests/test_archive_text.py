"""Attachment text in the archive and `pressclip search`, on both stores.

The board of tests/test_archive.py serves posts whose attachments are real (small, made
here) HWP 5, HWPX and PDF press releases; the archive keeps their text and facts, export
shows them, and search finds words that only the attachments hold.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from archive_documents import korean_pdf, release_hwp, release_hwpx
from conftest import SHARED
from test_archive import OLE, BoardServer, FakeBoard, File, cli, views
from test_store import utf8_database

from pressclip.archive.store import is_postgres, open_store

#: A post body that is only a pointer to its attachments, as most ministries write it.
SEE_ATTACHED = ["자세한 내용은 첨부파일을 참조하시기 바랍니다."]


@pytest.fixture
def db(store_target, request, tmp_path, monkeypatch):
    """A SQLite file, then a PostgreSQL database whose LC_CTYPE is C.UTF-8, so pg_trgm sees
    Hangul and search goes through its index (run from tmp_path: files go to ./files)."""
    if is_postgres(store_target):
        monkeypatch.chdir(tmp_path)
        return utf8_database(request.getfixturevalue("pg_server"))
    return store_target


def press_board() -> tuple[FakeBoard, dict[str, int]]:
    """A board of four posts: three whose text is in an HWP, an HWPX and a PDF, one with
    its own text and release header in the body; the ids by what they hold."""
    board = FakeBoard()
    ids = {}
    ids["hwp"] = board.add(
        title="한빛시 보도자료: 빗물 저류조",
        paragraphs=SEE_ATTACHED,
        files=[
            File(
                "빗물저류조.hwp",
                release_hwp(
                    "한빛시, 빗물저류조 완공으로 침수 걱정 던다",
                    ["□ 한빛시는 장마에 대비해 행정중심복합신도시 지하에 빗물저류조를 완공했다."],
                ),
            )
        ],
    ).id
    ids["hwpx"] = board.add(
        title="한빛시 보도자료: 도시숲",
        paragraphs=SEE_ATTACHED,
        files=[
            File(
                "도시숲.hwpx",
                release_hwpx(
                    "한빛시 도심 자투리땅에 도시숲", ["□ 올해 예산 12억 원으로 녹지를 넓힌다."]
                ),
            )
        ],
    ).id
    ids["pdf"] = board.add(
        title="한빛시 보도자료: 수소 버스",
        paragraphs=SEE_ATTACHED,
        files=[
            File(
                "수소버스.pdf",
                korean_pdf(
                    [
                        "보도자료",
                        "한빛시, 수소버스 충전소 세 곳 새로 연다",
                        "보도일시: 2025. 6. 9.(월) 09:00",
                        "담당자 김하늘 주무관 (031-555-0199)",
                    ]
                ),
            ),
            File("깨진파일.hwp", OLE + b"not really an HWP file"),
        ],
    ).id
    ids["body"] = board.add(
        title="한빛시, 전통시장 주차장 확충",
        paragraphs=[
            "보도일시: 2025. 6. 10.(화) 11:00",
            "한빛시는 전통시장 세 곳에 주차장 120면을 더 만든다.",
            "문의: 경제정책과 박민수 주무관(031-555-0123)",
        ],
        files=[
            File("주차장.hwp", release_hwp("다른 제목", ["첨부된 본문"], "2030. 1. 1.(화) 10:00"))
        ],
    ).id
    return board, ids


def export(capsys, monkeypatch, db) -> dict[int, dict]:
    code, out, err = cli(capsys, monkeypatch, "export", "--db", db)
    assert code == 0, err
    return {
        int(r["url"].split("wr_id=")[1].split("&")[0]): r for r in map(json.loads, out.splitlines())
    }


def run(capsys, monkeypatch, server, db) -> tuple[int, str]:
    code, _, err = cli(capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0)
    return code, err


def test_attachment_text_and_release_exported(capsys, monkeypatch, db):
    board, ids = press_board()
    with BoardServer(board) as server:
        code, err = run(capsys, monkeypatch, server, db)
    # a file that cannot be read is not a failed download, nor a failed post
    assert code == 0, err
    assert err == "board 127.0.0.1/press: 4 new, 0 changed, 0 failed\n"
    records = export(capsys, monkeypatch, db)

    hwp = records[ids["hwp"]]["attachments"][0]
    assert "지하에 빗물저류조를 완공했다" in hwp["text"] and hwp["read_error"] is None
    assert "도심 자투리땅에 도시숲" in records[ids["hwpx"]]["attachments"][0]["text"]
    pdf, broken = records[ids["pdf"]]["attachments"]
    assert "수소버스 충전소 세 곳 새로 연다" in pdf["text"]
    assert broken["path"] and broken["error"] is None and broken["text"] is None
    assert broken["read_error"].startswith("corrupt: ")

    # the post's release comes from its attachment when the body has none ...
    assert records[ids["hwp"]]["release"]["embargo"] == "2025-06-02T11:00:00+09:00"
    assert records[ids["pdf"]]["release"]["embargo"] == "2025-06-09T09:00:00+09:00"
    assert records[ids["pdf"]]["release"]["contacts"][0]["name"] == "김하늘"
    assert records[ids["hwpx"]]["release"]["departments"] == ["도시계획과"]
    # ... and from the body when it has one (the archive kept it: it was lost before)
    body = records[ids["body"]]["release"]
    assert body["embargo"] == "2025-06-10T11:00:00+09:00"
    assert body["contacts"][0]["name"] == "박민수"
    # in CSV the read errors get a column of their own, in the order of the names
    code, out, _ = cli(capsys, monkeypatch, "export", "--db", db, "-f", "csv")
    rows = {r["url"]: r for r in csv.DictReader(io.StringIO(out.lstrip("\ufeff")))}
    row = next(r for url, r in rows.items() if f"wr_id={ids['pdf']}&" in url + "&")
    assert row["attachments"] == "수소버스.pdf; 깨진파일.hwp"
    assert row["attachment_read_errors"].startswith("; corrupt: ")


def test_search_finds_words_inside_attachments(capsys, monkeypatch, db):
    board, ids = press_board()
    board.add(title="한빛시, 여름 축제 안내", paragraphs=["축제는 8월에 열린다. 100% 무료 입장."])
    with BoardServer(board) as server:
        assert run(capsys, monkeypatch, server, db)[0] == 0

    def search(*args):
        code, out, err = cli(capsys, monkeypatch, "search", *args, "--db", db, "-f", "json")
        assert err == "", err
        return code, json.loads(out)

    # a word only the HWP attachment holds, found inside a longer word (trigrams)
    code, hits = search("신도시")
    assert code == 0 and len(hits) == 1
    hit = hits[0]
    assert f"wr_id={ids['hwp']}" in hit["url"]
    assert hit["field"] == "attachment" and hit["attachment"] == "빗물저류조.hwp"
    assert "행정중심복합[[신도시]]" in hit["snippet"] and hit["matched"] == ["attachment"]
    # the PDF's and the HWPX's words
    assert [f"wr_id={ids['pdf']}" in h["url"] for h in search("충전소")[1]] == [True]
    # two-syllable words (too short for a trigram) are still found, in any field
    code, hits = search("예산")
    assert code == 0 and [h["attachment"] for h in hits] == ["도시숲.hwpx"]
    assert "[[예산]]" in hits[0]["snippet"]
    assert {h["url"] for h in search("한빛시")[1]} == {h["url"] for h in search("한빛")[1]}
    assert len(search("한빛")[1]) == 5
    # several words: all must occur (here one short, one long, in different fields)
    code, hits = search("축제 무료")
    assert code == 0 and len(hits) == 1 and hits[0]["matched"] == ["title", "body"]
    assert search("예산 충전소") == (1, [])
    # the title weighs more: the post titled 주차장 comes first
    hits = search("주차장")[1]
    assert f"wr_id={ids['body']}" in hits[0]["url"]


#: Queries full of FTS5 and LIKE syntax, and the exit code each must give against a post
#: titled "한빛시, 여름 축제 안내" whose body is "축제는 8월에 열린다. 100% 무료 입장.":
#: 0 when the text holds every term literally, 1 when not, 2 when nothing is left to find.
SYNTAX = [
    ('"', 1), ('"""', 1), ('""', 2), ("  ", 2), ("*", 1), ("축제*", 1), ("-축제", 1),
    ("축제 -무료", 1), ("AND", 1), ("축제 AND", 1), ("OR NOT", 1), ("NEAR(축제", 1),
    ("^축제", 1), ("title:축제", 1), ("{축제}", 1), ("'", 1), ("(", 1), ("축제)", 1),
    ("_", 1), ("\\", 1), ("1_0", 1), ("%", 0), ("100%", 0), ('"100% 무료"', 0),
    ('"축제 안내"', 0), ("축제", 0), ("축제 무료", 0), ("여름 -", 1),
]  # fmt: skip


@pytest.mark.parametrize(("query", "expected"), SYNTAX)
def test_query_syntax_is_text(capsys, monkeypatch, tmp_path, query, expected):
    """No character of a query is FTS5 or LIKE syntax: a hit or none, never a traceback."""
    db = tmp_path / "press.sqlite"
    board = FakeBoard()
    board.add(title="한빛시, 여름 축제 안내", paragraphs=["축제는 8월에 열린다. 100% 무료 입장."])
    with BoardServer(board) as server:
        assert run(capsys, monkeypatch, server, db)[0] == 0
    # (a query starting with "-" follows "--", as for any command line tool)
    code, out, err = cli(capsys, monkeypatch, "search", "--db", db, "--", query)
    assert code == expected, (out, err)
    if expected == 0:
        assert "[[" in out and err == ""
    elif expected == 1:
        assert out == "" and err == ""
    else:
        assert err.count("\n") == 1 and "empty query" in err


def test_search_filters_formats_and_exit_codes(capsys, monkeypatch, db, tmp_path):
    press, news = FakeBoard("press"), FakeBoard("news")
    press.add(title="보도: 국토 균형 발전", paragraphs=["국토 균형 발전 계획을 발표했다."])
    news.add(title="소식: 국토 대청소", paragraphs=["국토 대청소의 날 행사가 열린다."])
    with BoardServer(press, news) as server:
        for table in ("press", "news"):
            code, _, err = cli(capsys, monkeypatch, "archive", server.list_url(table), "--db", db, "--delay", 0)  # fmt: skip
            assert code == 0, err
    code, out, _ = cli(capsys, monkeypatch, "search", "국토", "--db", db)
    assert code == 0
    blocks = out.split("\n\n")
    assert len(blocks) == 2
    first = blocks[0].splitlines()
    assert first[0].startswith("1. ") and "[127.0.0.1/" in first[0]
    assert first[1].strip().startswith("http://127.0.0.1:")
    assert "[[국토]]" in first[2]
    code, out, _ = cli(capsys, monkeypatch, "search", "국토", "--db", db, "--board", "127.0.0.1/news", "-f", "jsonl")  # fmt: skip
    hits = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [h["board"] for h in hits] == ["127.0.0.1/news"]
    assert set(hits[0]) == {
        "rank", "board", "url", "title", "published", "first_seen", "field", "attachment",
        "snippet", "matched",
    }  # fmt: skip
    code, out, _ = cli(
        capsys, monkeypatch, "search", "국토", "--db", db, "--limit", 1, "-f", "jsonl"
    )
    assert code == 0 and len(out.splitlines()) == 1
    code, out, err = cli(capsys, monkeypatch, "search", "국토", "--db", db, "--since", "2999-01-01")
    assert code == 1 and out == "" and err == ""  # nothing found: exit 1, like grep
    code, out, _ = cli(capsys, monkeypatch, "search", "없는단어", "--db", db, "-f", "json")
    assert code == 1 and json.loads(out) == []
    code, _, err = cli(capsys, monkeypatch, "search", "국토", "--db", db, "--since", "어제")
    assert code == 2 and "--since" in err
    code, _, err = cli(capsys, monkeypatch, "search", "국토", "--db", tmp_path / "none.sqlite")
    assert code == 1 and "no such database" in err


def index_matches_posts(db) -> None:
    """Every post with a revision has exactly one search-index row, and no row lacks a post."""
    with open_store(db) as store:
        key = "post_id" if is_postgres(db) else "rowid"
        indexed = sorted(r["id"] for r in store.q(f"SELECT {key} AS id FROM search_index"))
        posts = sorted(
            r["id"] for r in store.q("SELECT id FROM posts WHERE revision_id IS NOT NULL")
        )
    assert indexed == posts


def test_index_follows_changed_posts(capsys, monkeypatch, db):
    board = FakeBoard(count=3)
    post = board.find(2)
    assert post is not None
    post.paragraphs = ["처음 본문에는 해바라기 이야기가 있다."]
    with BoardServer(board) as server:
        assert run(capsys, monkeypatch, server, db)[0] == 0
        assert cli(capsys, monkeypatch, "search", "해바라기", "--db", db)[0] == 0
        post.title += " (수정)"
        post.paragraphs = ["고친 본문에는 코스모스 이야기가 있다."]
        code, err = run(capsys, monkeypatch, server, db)
        assert code == 0 and "1 changed" in err
    assert cli(capsys, monkeypatch, "search", "해바라기", "--db", db)[0] == 1
    code, out, _ = cli(capsys, monkeypatch, "search", "코스모스", "--db", db)
    assert code == 0 and "(수정)" in out
    index_matches_posts(db)


def downgrade_to_3(db) -> None:
    """Make ``db`` what pressclip before attachment text wrote: schema 3, no text columns,
    no search index (the rows themselves as they were)."""
    with open_store(db) as store:
        with store.transaction():
            store.q("DROP TABLE search_index")
            store.q("DROP INDEX attachments_unread")
            for column in ("doc_text", "doc_release", "read_error"):
                store.q(f"ALTER TABLE attachments DROP COLUMN {column}")
            store.q("ALTER TABLE revisions DROP COLUMN release_facts")
            store.q("DROP INDEX boards_key")
            for table, column in [  # schema 5's
                ("boards", "key"),
                ("boards", "last_ok"),
                ("boards", "last_outcome"),
                ("boards", "last_error"),
                ("attachments", "failed_runs"),
                ("revisions", "list_rank"),
                ("revisions", "ocr"),  # schema 6's
                ("attachments", "doc_ocr"),
            ]:
                store.q(f"ALTER TABLE {table} DROP COLUMN {column}")
            if is_postgres(db):
                store.q("UPDATE pressclip_schema SET version = 3")
            else:
                store.q("PRAGMA user_version = 3")


def test_old_archive_gains_text_without_refetching(capsys, monkeypatch, db):
    board, ids = press_board()
    with BoardServer(board) as server:
        assert run(capsys, monkeypatch, server, db)[0] == 0
        downgrade_to_3(db)
        # a reader migrates nothing: it says what to do
        code, out, err = cli(capsys, monkeypatch, "search", "전통시장", "--db", db)
        assert code == 1 and out == "" and err.count("\n") == 1
        assert "schema version 3, too old to read as it is: run `pressclip archive`" in err
        open_store(db).close()  # opening to write migrates ...
        # ... and the index holds every post's title and body at once ...
        code, out, _ = cli(capsys, monkeypatch, "search", "전통시장", "--db", db, "-f", "jsonl")
        assert code == 0 and f"wr_id={ids['body']}" in out
        # ... but no attachment text yet
        assert cli(capsys, monkeypatch, "search", "빗물저류조", "--db", db)[0] == 1
        records = export(capsys, monkeypatch, db)
        assert all(f["text"] is None for r in records.values() for f in r["attachments"])
        server.take_log()
        code, err = run(capsys, monkeypatch, server, db)
        assert code == 0, err
        assert "0 new, 0 changed, 0 failed, text of 5 earlier attachments read" in err
        log = server.take_log()
        assert log == ["/bbs/board.php?bo_table=press"]  # the list page, no post, no file
        assert views(log) == []
        code, out, _ = cli(capsys, monkeypatch, "search", "빗물저류조", "--db", db, "-f", "jsonl")
        assert code == 0 and json.loads(out)["attachment"] == "빗물저류조.hwp"
        records = export(capsys, monkeypatch, db)
        assert "수소버스 충전소" in records[ids["pdf"]]["attachments"][0]["text"]
        assert records[ids["pdf"]]["attachments"][1]["read_error"].startswith("corrupt: ")
        assert records[ids["hwp"]]["release"]["embargo"] == "2025-06-02T11:00:00+09:00"
        index_matches_posts(db)
        # read once: the next run reads nothing again
        code, err = run(capsys, monkeypatch, server, db)
        assert code == 0 and err == "board 127.0.0.1/press: 0 new, 0 changed, 0 failed\n"


def test_gone_file_is_left_for_later(capsys, monkeypatch, db, tmp_path):
    board, ids = press_board()
    with BoardServer(board) as server:
        assert run(capsys, monkeypatch, server, db)[0] == 0
        downgrade_to_3(db)
        moved = tmp_path / "moved"
        (tmp_path / "files").rename(moved)
        code, err = run(capsys, monkeypatch, server, db)
        assert code == 0 and "earlier attachments read" not in err
        moved.rename(tmp_path / "files")
        code, err = run(capsys, monkeypatch, server, db)
        assert code == 0 and "text of 5 earlier attachments read" in err


def test_reading_a_saved_file_is_bounded(tmp_path):
    """The file is read up to the cap (a larger one is not read to its end), and what it
    unpacks to counts against the same cap; failures are readings, never exceptions."""
    from pressclip.archive.texts import read_saved

    path = tmp_path / "a.hwp"
    path.write_bytes(release_hwp("한빛시, 빗물저류조 완공", ["□ 본문 " * 2000]))
    assert "빗물저류조" in (read_saved(path).text or "")
    small = read_saved(path, max_bytes=path.stat().st_size - 1)
    assert small.text is None and small.error.startswith("too large: the saved file is over")
    # the file fits, what it unpacks to does not
    inflated = read_saved(path, max_bytes=path.stat().st_size + 10)
    assert inflated.text is None and inflated.error.startswith("too large: ")
    html = tmp_path / "b.pdf"
    html.write_bytes(b"<!DOCTYPE html><html><body>expired</body></html>")
    assert read_saved(html).error.startswith("not a document: ")
    with pytest.raises(FileNotFoundError):
        read_saved(tmp_path / "gone.hwp")


REAL = SHARED / "fixtures" / "attachments"


def test_real_releases_archived_and_searched(capsys, monkeypatch, db):
    """Real releases of ../shared (read there, served by the test board): their text and
    facts are exported as ../shared's expected.json says, and search finds their words."""
    if not (REAL / "expected.json").is_file():
        pytest.skip(f"{REAL} not found (../shared holds the real releases)")
    expected = json.loads((REAL / "expected.json").read_text(encoding="utf-8"))
    names = [
        "hwp/msit_noori_press_20180904.hwp",
        "hwpx/mcst_olympic_press_20240102.hwpx",
        "pdf/moef_odi_2025q2_press.pdf",
        "pdf/moef_odi_2025q2_press_scanned.pdf",
        "hwp/password_12345.hwp",
    ]
    board = FakeBoard()
    ids = {
        name: board.add(
            title=f"보도자료 {n}", paragraphs=SEE_ATTACHED, files=[File(name.split("/")[1], (REAL / name).read_bytes())]
        ).id
        for n, name in enumerate(names, 1)
    }  # fmt: skip
    with BoardServer(board) as server:
        code, err = run(capsys, monkeypatch, server, db)
    assert code == 0, err
    records = export(capsys, monkeypatch, db)

    def flat(text: str, match: str) -> str:
        """As ../shared's README says: ``ws`` makes every run of white space one space,
        ``nows`` (PDFs, whose text wraps inside words) removes it all."""
        return " ".join(text.split()) if match == "ws" else "".join(text.split())

    for name in names:
        want = expected[name]
        record = records[ids[name]]
        saved = record["attachments"][0]
        if want["error"]:
            assert saved["text"] is None and saved["read_error"].startswith(want["error"] + ":")
            assert "release" not in record
            continue
        assert saved["read_error"] is None
        for piece in want["contains"]:
            assert flat(piece, want["match"]) in flat(saved["text"], want["match"]), piece
        facts = want["metadata"]
        assert record["release"]["embargo"] == (facts.get("embargo_iso") or facts["embargo_date"])
        assert record["release"]["embargo_text"] == facts["embargo"]

    def hits(query: str) -> list[dict]:
        code, out, _ = cli(capsys, monkeypatch, "search", query, "--db", db, "-f", "json")
        return json.loads(out) if code == 0 else []

    (found,) = hits("한국형발사체 누리")  # a long word and a two-syllable one, in the HWP
    assert f"wr_id={ids[names[0]]}&" in found["url"] + "&" and found["field"] == "attachment"
    (found,) = hits("해외직접투자")
    assert (
        found["attachment"] == "moef_odi_2025q2_press.pdf"
        and "[[해외직접투자]]" in found["snippet"]
    )
    (found,) = hits('"팀 코리아"')
    assert found["attachment"] == "mcst_olympic_press_20240102.hwpx"
