"""``pressclip detect --profile FILE``: the site profile reads the page as clean/list/fetch
would, and on a list page detect names the reader that read its rows (a profile whose row
selectors find nothing steps aside for the structure reader), how many rows have no
address, and warns about them; a list URL is read as ``fetch`` reads it, the page's own
script files included."""

from __future__ import annotations

import json
from pathlib import Path

from server import LocalServer, Response

from pressclip.extract.dispatch import describe
from pressclip.extract.site import profile_from_toml

FIXTURES = Path(__file__).parent / "fixtures"
PROFILE = FIXTURES / "profiles" / "hanbit-biz.toml"
LIST = FIXTURES / "lists" / "external_js.html"
VIEW = FIXTURES / "profiles" / "hanbit_view.html"
SITE = "https://www.hanbit.example.kr"
LIST_URL = f"{SITE}/index.html?menuno=77"


def test_detect_list_with_the_profile_names_it_and_every_row_has_an_address(cli):
    code, out, err = cli("detect", LIST, "--base-url", LIST_URL, "--profile", PROFILE)
    assert code == 0, err
    assert out.splitlines() == [
        "reader: hanbit-biz",
        "kind: list",
        "posts: 3",
        f"next_page: {SITE}/index.html?menuno=77&pageIndex=2",
    ]
    assert err == ""


def test_detect_list_without_the_profile_counts_rows_without_address_and_warns(cli):
    code, out, err = cli("detect", LIST, "--base-url", LIST_URL)
    assert code == 0, err
    assert out.splitlines() == [
        "reader: generic",
        "kind: list",
        "posts: 3 (3 without an address)",
        "next_page: null",
    ]
    lines = err.splitlines()
    assert len(lines) == 4  # three rows and the pager
    assert lines[0] == (
        f"pressclip: warning: {LIST}: row 1 «디자인 바우처 지원사업 2차 공고»: no address "
        "(opens through submitForm(), which the page does not define)"
    )


def test_detect_view_with_the_profile_json(cli):
    url = f"{SITE}/index.html?menuno=77&bbsno=5512&act=view"
    code, out, err = cli("detect", VIEW, "--base-url", url, "--profile", PROFILE, "--json")
    assert code == 0, err
    info = json.loads(out)
    assert (info["reader"], info["kind"]) == ("hanbit-biz", "view")
    author = info["fields"]["author"]
    assert author["value"] == "기업지원팀"
    assert author["source"] == "hanbit-biz profile: selector '.view-top .info li:nth-child(1) em'"


def test_a_profile_whose_row_selectors_find_nothing_steps_aside():
    # the profile claims the page (rows = a selector this page lacks): the rows are read by
    # structure, and detect says so
    profile = profile_from_toml('engine = "other-cms"\nrows = ["table.board-list tr"]\n')
    info = describe(LIST.read_text(encoding="utf-8"), LIST_URL, profile)
    assert (info["reader"], info["kind"], info["posts"]) == ("generic", "list", 3)
    with_rows = profile_from_toml('engine = "other-cms"\nrows = ["ul.bbs-list > li"]\n')
    assert describe(LIST.read_text(encoding="utf-8"), LIST_URL, with_rows)["reader"] == (
        "other-cms"
    )


def test_detect_a_list_url_reads_the_pages_script_files(cli):
    js = (FIXTURES / "lists" / "board.js").read_bytes()
    with LocalServer() as server:
        server.page("/robots.txt", "", content_type="text/plain")
        start = server.page("/index.html", LIST.read_bytes())
        server.route("/js/board.js", Response(body=js, content_type="text/javascript"))
        code, out, err = cli("detect", start + "?menuno=77")
    assert code == 0, err
    assert out.splitlines()[:3] == ["reader: generic", "kind: list", "posts: 3"]
    assert out.splitlines()[3] == (
        f"next_page: {server.base}/index.html?menuno=77&act=list&pageIndex=2"
    )
    assert err == ""


def test_detect_bad_profile_is_a_usage_error(tmp_path, cli):
    bad = tmp_path / "bad.toml"
    bad.write_text("titel = ['h1']", encoding="utf-8")
    code, out, err = cli("detect", LIST, "--profile", bad)
    assert code == 2
    assert out == ""
    assert err.startswith(f"pressclip: error: {bad}: ") and len(err.splitlines()) == 1
