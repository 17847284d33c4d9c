"""The command as a user runs it (conftest.Cli): real files, exit codes and stderr."""

import json

import pytest
from conftest import BOARDS, needs_boards


def one_line_error(code, out, err):
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and err.startswith("pressclip: error: ")


def test_clean_seed_json(fixtures, cli):
    code, out, err = cli("clean", fixtures / "example_post.txt", "--format", "json")
    assert code == 0, err
    record = json.loads(out)
    assert list(record) == [
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
    assert record["author"] == "hansolpr"
    assert record["published"] == "2025-05-14T11:00:00+09:00"
    assert record["views"] == 2318
    assert '주민과 함께 운영하겠다"고 말했다.' in record["body"]
    assert record["duplicates_removed"] == 13


def test_text_format_has_title_meta_blank_body(fixtures, cli):
    code, out, _ = cli("clean", fixtures / "example_post.txt", "-f", "text")
    lines = out.splitlines()
    assert code == 0
    assert "문 닫은 학교 세 곳을" in lines[0]
    assert "hansolpr" in lines[1] and "2025-05-14T11:00:00+09:00" in lines[1]
    assert lines[2] == ""
    assert lines[3].startswith("[ 한솔일보]")


def test_several_paths_give_json_lines_with_source(fixtures, tmp_path, cli):
    other = tmp_path / "b.txt"
    other.write_text("제목\n작성자 A 작성일 2024.01.02\n본문 문장이다.\n", encoding="utf-8")
    code, out, _ = cli("clean", fixtures / "example_post.txt", other)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [r["source"] for r in rows] == [str(fixtures / "example_post.txt"), str(other)]
    assert rows[1]["title"] == "제목" and rows[1]["body"] == "본문 문장이다."


def test_stdin(fixtures, cli):
    code, out, _ = cli(
        "clean", "-", "-f", "jsonl", stdin=(fixtures / "example_post.txt").read_bytes()
    )
    assert code == 0 and json.loads(out)["author"] == "hansolpr"


def test_no_dedup_keeps_repeats(fixtures, cli):
    _, out, _ = cli("clean", fixtures / "example_post.txt", "--no-dedup")
    record = json.loads(out)
    assert record["duplicates_removed"] == 0
    assert record["body"].count("총사업비는 84억원이며 국비와 도비가 절반을 넘는다.") == 2


def test_explain_lists_each_collapsed_paragraph(fixtures, cli):
    code, out, err = cli("clean", fixtures / "example_post.txt", "--explain")
    dropped = [line for line in err.splitlines() if "dropped" in line]
    assert code == 0
    assert len(dropped) == json.loads(out)["duplicates_removed"]
    assert any("repeats the title" in line for line in dropped)
    assert any("repeat of body line" in line for line in dropped)


def test_output_file_is_written(fixtures, tmp_path, cli):
    target = tmp_path / "out.json"
    code, out, _ = cli("clean", fixtures / "example_post.txt", "-o", target)
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["views"] == 2318
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_failed_run_leaves_no_output_file(tmp_path, cli):
    target = tmp_path / "out.json"
    code, out, err = cli("clean", tmp_path / "missing.txt", "-o", target)
    one_line_error(code, out, err)
    assert list(tmp_path.iterdir()) == []


def test_cp949_text_is_decoded(fixtures, tmp_path, cli):
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes((fixtures / "example_post.txt").read_text(encoding="utf-8").encode("cp949"))
    code, out, _ = cli("clean", legacy)
    assert code == 0 and json.loads(out)["author"] == "hansolpr"
    assert "청년 창업 공간" in json.loads(out)["title"]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("missing.txt", None, "no such file"),
        ("", None, "is a directory"),
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\n ", "empty"),
        ("x.bin", bytes(range(256)) * 8, "binary"),
        # an image is read only with --ocr, and the error says so
        ("x.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "read it with --ocr"),
    ],
)
def test_bad_input_is_one_line_and_nonzero(tmp_path, name, content, message, cli):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, out, err = cli("clean", path)
    one_line_error(code, out, err)
    assert message in err


def test_one_bad_path_among_good_ones(fixtures, tmp_path, cli):
    code, out, err = cli("clean", fixtures / "example_post.txt", tmp_path / "missing.txt")
    assert code == 1
    assert json.loads(out.splitlines()[0])["author"] == "hansolpr"
    assert "missing.txt: no such file" in err and "Traceback" not in err


def test_version_and_usage_error(cli):
    code, out, _ = cli("--version")
    assert code == 0 and out.startswith("pressclip ")
    code, _, err = cli("clean", "x", "--format", "xml")
    assert code == 2 and "Traceback" not in err


def test_clean_html_page_gives_the_same_record_as_the_scraped_text(fixtures, cli):
    _, from_text, _ = cli("clean", fixtures / "example_post.txt")
    code, from_html, err = cli("clean", fixtures / "example_post.html")
    assert code == 0, err
    text_record, html_record = json.loads(from_text), json.loads(from_html)
    for key in ("title", "author", "published", "views", "body"):
        assert html_record[key] == text_record[key], key
    assert html_record["engine"] == "gnuboard5"


@needs_boards
def test_clean_euc_kr_page_with_base_url(cli):
    page = BOARDS / "legacy_euckr" / "g4_view_parking.html"
    expected = json.loads(page.with_suffix(".expected.json").read_text(encoding="utf-8"))
    code, out, err = cli("clean", page, "--base-url", expected["url"])
    record = json.loads(out)
    assert code == 0, err
    assert record["url"] == expected["url"]
    assert record["title"] == expected["title"]
    assert record["attachments"] == expected["attachments"]


@needs_boards
def test_list_command(cli):
    page = BOARDS / "egov" / "egov_list_press.html"
    expected = json.loads(page.with_suffix(".expected.json").read_text(encoding="utf-8"))
    code, out, err = cli("list", page, "--base-url", expected["url"])
    listing = json.loads(out)
    assert code == 0, err
    assert [p["url"] for p in listing["posts"]] == [p["url"] for p in expected["posts"]]
    assert listing["next_page"] == expected["next_page"]
    code, out, _ = cli("list", page, "--base-url", expected["url"], "-f", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == len(expected["posts"]) + 1 and rows[-1] == {
        "next_page": expected["next_page"]
    }


def test_list_of_a_missing_file_is_one_line(tmp_path, cli):
    one_line_error(*cli("list", tmp_path / "none.html"))


@pytest.mark.parametrize(
    "content",
    [
        b"<html><head><title></title></head><body></body></html>",
        b"<html><body><div><div><span>",
        b"<html><body>" + b"<div>" * 50000 + b"</body></html>",
    ],
)
def test_page_without_a_post_is_one_line_error(tmp_path, content, cli):
    page = tmp_path / "page.html"
    page.write_bytes(content)
    code, out, err = cli("clean", page)
    one_line_error(code, out, err)
    assert "no post found" in err


def test_clean_on_a_list_page_points_to_list(fixtures, cli):
    code, out, err = cli("clean", fixtures / "lists" / "g5_press.html")
    one_line_error(code, out, err)
    assert "pressclip list" in err
