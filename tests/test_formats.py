"""Output formats: CSV for spreadsheets, Markdown, the Atom feed of an archive, and WARC
records of what was fetched (read back with warcio's own reader)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from board_pages import VIEW, body, serve_board, title
from conftest import BOARDS, needs_boards
from server import Response

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def archived(server, tmp_path, cli) -> Path:
    """An archive of a 4-post board (run twice, 2 posts added in between)."""
    db = tmp_path / "press.sqlite"
    serve_board(server, 2)
    url = server.url("/bbs/board.php?bo_table=press")
    cli("archive", url, "--db", db, "--delay", 0)
    serve_board(server, 4)
    cli("archive", url, "--db", db, "--delay", 0)
    return db


def test_csv_has_a_bom_a_header_and_a_row_per_post(server, cli):
    url = serve_board(server, 3)
    code, out, err = cli("fetch", url, "--delay", 0, "-f", "csv")
    assert code == 0, err
    assert out.startswith("\ufeffurl,title,author,published,views,body,attachments,attachment_urls")
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert [r["title"] for r in rows] == [title(3), title(2), title(1)]
    assert rows[0]["body"] == f"{body(3)}\n\n문의: 홍보담당관실 3번."  # a quoted multi-line cell
    assert rows[0]["attachments"] == "보도자료_3.hwp"
    assert rows[0]["attachment_urls"] == server.url("/bbs/download.php?wr_id=3")
    assert rows[0]["views"] == ""  # None is an empty cell


def test_csv_file_opens_as_utf8_with_bom(fixtures, tmp_path, cli):
    target = tmp_path / "seed.csv"
    code, _, _ = cli("clean", fixtures / "example_post.txt", "-f", "csv", "-o", target)
    raw = target.read_bytes()
    assert code == 0 and raw.startswith(b"\xef\xbb\xbf")
    (row,) = csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))
    assert row["author"] == "hansolpr" and row["views"] == "2318"


@needs_boards
def test_csv_joins_several_attachments_in_order(cli):
    code, out, _ = cli("clean", BOARDS / "legacy_euckr" / "g4_view_parking.html", "-f", "csv")
    expected = json.loads(
        (BOARDS / "legacy_euckr" / "g4_view_parking.expected.json").read_text("utf-8")
    )
    (row,) = csv.DictReader(io.StringIO(out.removeprefix("\ufeff")))
    names = [a["name"] for a in expected["attachments"]]
    assert code == 0 and row["attachments"].split("; ") == names


def test_markdown_has_a_heading_metadata_and_paragraphs(server, cli):
    url = serve_board(server, 2)
    code, out, err = cli("fetch", url, "--delay", 0, "-f", "markdown")
    assert code == 0, err
    sections = out.split("\n## ")
    assert out.startswith(f"## {title(2)}\n") and len(sections) == 2
    assert "- author: 홍보담당\n" in out and "- published: 2024-04-03T09:40:00+09:00\n" in out
    assert f"- url: <{server.url('/bbs/board.php?bo_table=press&wr_id=2')}>" in out
    assert f"\n{body(2)}\n" in out
    assert f"- [보도자료\\_2.hwp](<{server.url('/bbs/download.php?wr_id=2')}>)" in out


def test_markdown_escapes_what_would_become_markup(server, cli):
    page = VIEW.format(n=7, title="# 1등 *축제*", body="1. 첫째 <b>굵게</b> 안내", day=3)
    url = server.page("/bbs/board.php?bo_table=press&wr_id=7", page.encode())
    code, out, _ = cli("fetch", url, "--delay", 0, "-f", "markdown")
    assert code == 0
    assert out.startswith("## \\# 1등 \\*축제\\*\n")
    assert "\n1\\. 첫째" in out


def test_export_csv_and_markdown(archived, cli):
    code, out, _ = cli("export", "--db", archived, "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert code == 0 and len(rows) == 4
    assert {"board", "first_seen", "attachment_paths", "attachment_errors"} <= set(rows[0])
    assert "HTTP 404" in rows[0]["attachment_errors"]  # the board serves no files
    code, out, _ = cli("export", "--db", archived, "-f", "markdown")
    assert code == 0 and out.count("\n## ") + out.startswith("## ") == 4
    assert "- board: 127.0.0.1/press" in out


def test_export_json_is_one_array(archived, cli):
    code, out, _ = cli("export", "--db", archived, "-f", "json")
    assert code == 0 and [r["title"] for r in json.loads(out)][:2] == [title(2), title(1)]


def parse_feed(text: str) -> ET.Element:
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):  # required by RFC 4287
        assert root.find(f"{ATOM}{tag}") is not None, tag
    for entry in root.findall(f"{ATOM}entry"):
        for tag in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{tag}").text, tag
    return root


def test_feed_lists_the_newest_releases_first(archived, tmp_path, cli):
    target = tmp_path / "feed.xml"
    code, out, err = cli("feed", "--db", archived, "-o", target)
    assert code == 0 and out == "", err
    root = parse_feed(target.read_text(encoding="utf-8"))
    entries = root.findall(f"{ATOM}entry")
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert set(titles[:2]) == {title(4), title(3)}  # the second run's, before the first's
    assert set(titles[2:]) == {title(2), title(1)}
    first = entries[0]
    link = first.find(f"{ATOM}link").get("href")
    assert first.find(f"{ATOM}id").text == link and "wr_id=" in link
    assert first.find(f"{ATOM}published").text.endswith("+09:00")
    assert first.find(f"{ATOM}author/{ATOM}name").text == "홍보담당"
    assert body(int(link.rsplit("=", 1)[1])) in first.find(f"{ATOM}content").text


def test_feed_limit_board_and_since(archived, cli):
    code, out, _ = cli("feed", "--db", archived, "--limit", 2, "--title", "군청 보도자료")
    root = parse_feed(out)
    assert code == 0 and len(root.findall(f"{ATOM}entry")) == 2
    assert root.find(f"{ATOM}title").text == "군청 보도자료"
    code, out, _ = cli("feed", "--db", archived, "--board", "elsewhere")
    assert code == 0 and parse_feed(out).findall(f"{ATOM}entry") == []
    code, out, _ = cli("feed", "--db", archived, "--since", "2999-01-01")
    assert code == 0 and parse_feed(out).findall(f"{ATOM}entry") == []
    code, _, err = cli("feed", "--db", archived, "--since", "yesterday")
    assert code == 2 and "not a date" in err


def test_feed_id_is_stable_and_self_link_given(archived, cli):
    _, one, _ = cli("feed", "--db", archived)
    _, two, _ = cli("feed", "--db", archived)
    assert parse_feed(one).find(f"{ATOM}id").text == parse_feed(two).find(f"{ATOM}id").text
    _, out, _ = cli("feed", "--db", archived, "--feed-url", "https://press.example.kr/feed.xml")
    root = parse_feed(out)
    assert root.find(f"{ATOM}link").get("rel") == "self"
    assert root.find(f"{ATOM}id").text == "https://press.example.kr/feed.xml"


def test_feed_of_a_missing_database_is_one_line(tmp_path, cli):
    code, out, err = cli("feed", "--db", tmp_path / "none.sqlite")
    assert code == 1 and out == "" and err.endswith("no such database\n")


def read_warc(path: Path) -> list:
    from warcio.archiveiterator import ArchiveIterator

    records = []
    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream):
            body = record.content_stream().read()
            records.append((record.rec_type, record.rec_headers, record.http_headers, body))
    return records


@pytest.mark.parametrize("name", ["run.warc.gz", "run.warc"])
def test_fetch_warc_records_every_request_and_response(server, tmp_path, name, cli):
    url = serve_board(server, 2)
    warc = tmp_path / name
    code, out, err = cli("fetch", url, "--delay", 0, "--warc", warc)
    assert code == 0, err
    records = read_warc(warc)
    assert records[0][0] == "warcinfo"
    responses = [r for r in records if r[0] == "response"]
    requests = [r for r in records if r[0] == "request"]
    uris = [r[1].get_header("WARC-Target-URI") for r in responses]
    posts = [server.url(f"/bbs/board.php?bo_table=press&wr_id={n}") for n in (2, 1)]
    assert uris == [server.url("/robots.txt"), url, *posts]
    assert [r[1].get_header("WARC-Target-URI") for r in requests] == uris
    assert [r[2].get_statuscode() for r in responses] == ["404", "200", "200", "200"]
    served = server.requests_for("/bbs/board.php")
    assert len(served) == 3
    post = responses[2]
    assert post[2].get_header("Content-Type") == "text/html; charset=utf-8"
    assert title(2) in post[3].decode("utf-8")
    assert int(post[2].get_header("Content-Length")) == len(post[3])
    req = requests[2]
    assert req[2].protocol == "GET" and "wr_id=2" in req[2].statusline
    assert req[2].get_header("User-Agent").startswith("pressclip/")
    assert req[1].get_header("WARC-Concurrent-To") == post[1].get_header("WARC-Record-ID")
    assert json.loads(out.splitlines()[0])["title"] == title(2)


def test_archive_warc_is_appended_run_after_run_with_attachments(server, tmp_path, cli):
    url = serve_board(server, 2)
    hwp = b"HWP Document File" + bytes(range(256)) * 40
    server.route(
        "/bbs/download.php?wr_id=2",
        Response(
            body=hwp,
            content_type="application/x-hwp",
            headers={"Content-Disposition": 'attachment; filename="press_2.hwp"'},
        ),
    )
    warc = tmp_path / "archive.warc.gz"
    db = tmp_path / "a.sqlite"
    cli("archive", url, "--db", db, "--delay", 0, "--warc", warc)
    first = len(read_warc(warc))
    cli("archive", url, "--db", db, "--delay", 0, "--warc", warc)
    records = read_warc(warc)
    assert [r[0] for r in records].count("warcinfo") == 2 and len(records) > first
    files = {
        r[1].get_header("WARC-Target-URI").rsplit("=", 1)[1]: r
        for r in records[:first]
        if r[0] == "response" and "download.php" in r[1].get_header("WARC-Target-URI")
    }
    assert files["2"][3] == hwp  # the file, whole
    assert files["2"][2].get_header("Content-Disposition") == 'attachment; filename="press_2.hwp"'
    assert files["2"][1].get_header("WARC-Truncated") is None
    assert files["1"][2].get_statuscode() == "404"  # not served: headers only, marked
    assert files["1"][1].get_header("WARC-Truncated") == "unspecified"
    assert (tmp_path / "files" / "127.0.0.1_press" / "press_2.hwp").read_bytes() == hwp


def test_warc_into_a_missing_folder_is_one_line(server, tmp_path, cli):
    code, out, err = cli("fetch", server.url("/p"), "--warc", tmp_path / "no" / "x.warc")
    assert code == 1 and out == "" and len(err.splitlines()) == 1 and "Traceback" not in err


def test_csv_release_columns_fit_every_row(fixtures, cli):
    """A post without release facts first, a release after it: the header (written with the
    first row) has the release columns, and the release's facts fill them as text."""
    code, out, err = cli(
        "clean",
        fixtures / "example_post.txt",
        fixtures / "attachments" / "hansol_press.hwpx",
        "-f",
        "csv",
    )
    assert code == 0, err
    post, release = csv.DictReader(io.StringIO(out.removeprefix("\ufeff")))
    assert post["release_embargo"] == "" and post["release_immediate"] == ""
    assert release["release_embargo"] == "2025-05-14T11:00:00+09:00"
    assert release["release_immediate"] == "false"
    assert release["release_departments"] == "경제일자리국 청년정책과"
    assert release["release_contacts"].startswith("책임자 과장 박서연 033-123-4500")
    assert "{" not in out  # no Python or JSON dict in a cell
