"""Site profiles in TOML (extract/site.py) and ``--profile FILE`` on clean, list and fetch:
the example profile in tests/fixtures/profiles/ reads a board whose rows, pager and files
open through a function defined in an external script."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from server import LocalServer, Response

from pressclip.errors import PressclipError
from pressclip.extract.dispatch import parse_list
from pressclip.extract.profile import Profile, pattern_target
from pressclip.extract.site import load_profile, profile_from_toml

FIXTURES = Path(__file__).parent / "fixtures"
PROFILE = FIXTURES / "profiles" / "hanbit-biz.toml"
LIST = FIXTURES / "lists" / "external_js.html"
VIEW = FIXTURES / "profiles" / "hanbit_view.html"
SITE = "https://www.hanbit.example.kr"


def test_example_profile_loads_as_a_profile():
    profile = load_profile(PROFILE)
    assert isinstance(profile, Profile)
    assert profile.engine == "hanbit-biz"
    assert profile.title == (".bbs-view .subject",)
    assert profile.row_date == (".day",)
    assert ("submitForm(*, 'view', *)", "/index.html?menuno=77&bbsno={2}&act=view") in (
        profile.js_links
    )
    assert profile.row_link == ("a",)


def test_list_with_and_without_the_profile():
    html = LIST.read_text(encoding="utf-8")
    plain = parse_list(html, f"{SITE}/index.html?menuno=77")
    assert [p.url for p in plain.posts] == [None, None, None]
    got = parse_list(html, f"{SITE}/index.html?menuno=77", load_profile(PROFILE))
    assert got.engine == "hanbit-biz"
    assert [p.to_dict() for p in got.posts][0] == {
        "title": "디자인 바우처 지원사업 2차 공고",
        "url": f"{SITE}/index.html?menuno=77&bbsno=5512&act=view",
        "date": "2026-04-02",
        "notice": False,
    }
    assert [p.url for p in got.posts][1:] == [
        f"{SITE}/index.html?menuno=77&bbsno=5507&act=view",
        f"{SITE}/index.html?menuno=77&bbsno=5501&act=view",
    ]
    assert got.next_page == f"{SITE}/index.html?menuno=77&pageIndex=2"
    assert got.warnings == []


def test_cli_list_profile(cli):
    code, out, err = cli(
        "list", LIST, "--base-url", f"{SITE}/index.html?menuno=77", "--profile", PROFILE
    )
    assert code == 0, err
    assert err == ""
    record = json.loads(out)
    assert record["engine"] == "hanbit-biz"
    assert record["next_page"] == f"{SITE}/index.html?menuno=77&pageIndex=2"


def test_cli_clean_profile(cli):
    url = f"{SITE}/index.html?menuno=77&bbsno=5512&act=view"
    code, out, err = cli("clean", VIEW, "--base-url", url, "--profile", PROFILE)
    assert code == 0, err
    record = json.loads(out)
    assert record["engine"] == "hanbit-biz"
    assert record["title"] == "디자인 바우처 지원사업 2차 공고"
    assert record["author"] == "기업지원팀"
    assert record["published"] == "2026-04-02"
    assert record["views"] == 415
    assert record["body"].splitlines()[0].startswith("한빛진흥원은 중소기업의")
    assert record["body"].endswith("신청은 4월 30일까지 누리집에서 받습니다.")
    assert [a["url"] for a in record["attachments"]] == [f"{SITE}/download.do?fileno=9912"]
    assert record["attachments"][0]["name"].startswith("2차_공고문.hwp")


def test_cli_fetch_profile_walks_the_board(cli):
    list_html = LIST.read_bytes()
    view_html = VIEW.read_bytes()
    with LocalServer() as server:
        server.page("/robots.txt", "", content_type="text/plain")
        server.page("/index.html", list_html)
        for n in (5512, 5507, 5501):
            server.route(f"/index.html?menuno=77&bbsno={n}&act=view", Response(body=view_html))
        start = server.url("/index.html?menuno=77")
        code, out, err = cli("fetch", start, "--delay", "0", "--profile", PROFILE)
        paths = [r.path for r in server.requests]
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 3
    assert {r["engine"] for r in records} == {"hanbit-biz"}
    assert "/index.html?menuno=77&bbsno=5507&act=view" in paths


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("titel = ['h1']", "unknown key 'titel'"),
        ("title = 3", "'title' must be a string or a list of strings"),
        ("title = ['h1[']", "bad CSS selector"),
        ("body_largest_cell = 'yes'", "must be true or false"),
        ("[js_links]\nfn = 3", "js_links"),
        ("title = [", "invalid TOML"),
    ],
)
def test_bad_profiles_are_one_line_usage_errors(tmp_path, text, message, cli):
    with pytest.raises(PressclipError, match=message.replace("[", r"\[")):
        profile_from_toml(text)
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    code, out, err = cli("list", LIST, "--profile", path)
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1 and err.startswith(f"pressclip: error: {path}: ")
    assert "Traceback" not in err


def test_missing_profile_file(tmp_path, cli):
    code, _, err = cli("clean", VIEW, "--profile", tmp_path / "none.toml")
    assert code == 2
    assert "no such file" in err


def test_a_string_is_one_selector_and_the_engine_defaults_to_the_file_name(tmp_path):
    path = tmp_path / "my-board.toml"
    path.write_text('title = "h3.subject"\n', encoding="utf-8")
    profile = load_profile(path)
    assert profile.engine == "my-board"
    assert profile.title == ("h3.subject",)


@pytest.mark.parametrize(
    ("code", "url"),
    [
        ("return submitForm(this,'view',18291);", "/v?no=18291"),
        ('submitForm(this, "list", 2)', "/l?page=2"),
        ("submitForm(this,'down',7,'')", None),  # no pattern for 'down'
        ("other(this,'view',1)", None),
    ],
)
def test_call_patterns(code, url):
    profile = profile_from_toml(
        '[js_links]\n"submitForm(*, \'view\', *)" = "/v?no={2}"\n'
        '"submitForm(*, \'list\', *)" = "/l?page={2}"\n'
    )
    assert pattern_target(profile, code, None) == url


def test_archive_board_with_a_profile_in_boards_toml(tmp_path, cli):
    (tmp_path / "hanbit-biz.toml").write_bytes(PROFILE.read_bytes())
    view_html = VIEW.read_bytes()
    with LocalServer() as server:
        server.page("/robots.txt", "", content_type="text/plain")
        server.page("/index.html", LIST.read_bytes())
        for n in (5512, 5507, 5501):
            server.route(f"/index.html?menuno=77&bbsno={n}&act=view", Response(body=view_html))
        server.route(  # the attachment, found through the profile's submitForm 'down' template
            "/download.do",
            Response(body=b"HWP Document File", content_type="application/x-hwp"),
        )
        config = tmp_path / "boards.toml"
        config.write_text(
            f'[[board]]\nurl = "{server.url("/index.html?menuno=77")}"\nname = "biz"\n'
            'profile = "hanbit-biz.toml"\n',
            encoding="utf-8",
        )
        db = tmp_path / "a.sqlite"
        code, _, err = cli("archive", "--config", config, "--db", db, "--delay", 0, "--pages", 1)
    assert code == 0, err
    assert "board biz: 3 new, 0 changed, 0 failed" in err
    code, out, err = cli("export", "--db", db)
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert {r["engine"] for r in records} == {"hanbit-biz"}
    assert {r["title"] for r in records} == {"디자인 바우처 지원사업 2차 공고"}
    assert all(r["attachments"][0].get("path") for r in records)


def test_boards_toml_profile_errors(tmp_path, cli):
    config = tmp_path / "boards.toml"
    config.write_text(
        '[[board]]\nurl = "http://127.0.0.1:9/list"\nprofile = "missing.toml"\n', encoding="utf-8"
    )
    code, out, err = cli("archive", "--config", config, "--db", tmp_path / "a.sqlite")
    assert code == 2
    assert "missing.toml: no such file" in err and len(err.splitlines()) == 1
