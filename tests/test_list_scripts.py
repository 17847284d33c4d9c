"""List pages whose rows and pager call functions kept in the board's own script files
(``<script src>``): the list reader reads those files' definitions when given their text
(pure), and ``fetch``/``archive`` fetch them when rows need them (bounded, same-site only,
robots.txt and the delay as for any page, each file once a run). The board is made up:
tests/fixtures/lists/external_js.html and its board.js."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from server import LocalServer, Request, Response

from pressclip.crawl.boards import crawl
from pressclip.crawl.scripts import MAX_FILES, script_sources
from pressclip.extract import jsnav
from pressclip.extract.dispatch import parse, parse_list
from pressclip.fetch.http import Fetcher, FetchOptions
from pressclip.fetch.scope import same_site

LISTS = Path(__file__).parent / "fixtures" / "lists"
PAGE = (LISTS / "external_js.html").read_text(encoding="utf-8")
BOARD_JS = (LISTS / "board.js").read_text(encoding="utf-8")
SITE = "https://www.hanbit.example.kr"
LIST_URL = f"{SITE}/index.html?menuno=77"
TITLES = [
    "디자인 바우처 지원사업 2차 공고",
    "수출 상담회 참가기업 모집",
    "전문 인력 양성 교육생 모집",
]


def view_url(base: str, bbsno: int) -> str:
    return f"{base}/index.html?menuno=77&bbsno={bbsno}&act=view&pageIndex=1"


# --------------------------------------------------------------------------- the pure reader


def test_rows_and_pager_read_through_the_script_file_text():
    got = parse_list(PAGE, LIST_URL, scripts=[BOARD_JS])
    assert [p.title for p in got.posts] == TITLES
    assert [p.url for p in got.posts] == [view_url(SITE, n) for n in (5512, 5507, 5501)]
    assert got.next_page == f"{SITE}/index.html?menuno=77&act=list&pageIndex=2"
    assert got.warnings == []
    assert got.undefined == []


def test_without_the_file_rows_are_kept_with_url_null_and_the_function_named():
    got = parse_list(PAGE, LIST_URL)
    assert [p.url for p in got.posts] == [None, None, None]
    assert got.undefined == ["submitForm"]
    assert got.warnings[0] == (
        f"row 1 «{TITLES[0]}»: no address (opens through submitForm(), which the page "
        "does not define)"
    )


def test_a_file_without_the_function_says_so():
    got = parse_list(PAGE, LIST_URL, scripts=["function other() { return 1; }"])
    assert [p.url for p in got.posts] == [None, None, None]
    assert "does not define (nor its 1 script file)" in got.warnings[0]


def test_the_pages_own_definition_comes_before_a_files():
    own = PAGE.replace(
        "</body>",
        "<script>function submitForm(o, act, no) { location.href = '/own/' + act + '/' + no; }"
        "</script></body>",
    )
    got = parse_list(own, LIST_URL, scripts=[BOARD_JS])
    assert got.posts[0].url == f"{SITE}/own/view/5512"


@pytest.mark.parametrize(
    "code",
    [
        # the clicked element's form, in the shapes board scripts write it
        "function go(el, n) { el.form.bbsno.value = n; el.form.submit(); }",
        "function go(el, n) { var f = $(el).closest('form'); f[0]; f.get(0);"
        " document.getElementsByName('bbsno')[0].value = n; $(el).closest('form').submit(); }",
        "function go(el, n) { var f = $(el).parents('form')[0]; f.bbsno.value = n;"
        " $(f).submit(); }",
        "function go(el, n) { const f = el.closest('form'); f.elements['bbsno'].value = n;"
        " f.submit(); }",
    ],
)
def test_this_is_the_clicked_element_and_its_form(code):
    html = (
        "<html><body><form name='a' action='/a.do'><input type=hidden name=bbsno></form>"
        "<form name='b' action='/b.do'><input type=hidden name=bbsno>"
        "<a id=x href='#' onclick=\"go(this, 7)\">x</a></form></body></html>"
    )
    tree = parse(html)
    scripts = jsnav.read_scripts(tree, [code])
    link = tree.css_first("#x")
    result = jsnav.resolve(link.attributes["onclick"], scripts, "http://h.kr/list", link)
    assert result.url == "http://h.kr/b.do?bbsno=7"


def test_this_form_inline_without_a_function():
    html = (
        "<form action='/v.do'><input type=hidden name=id>"
        "<a id=x href='#' onclick=\"this.form.id.value='3'; this.form.submit()\">x</a></form>"
    )
    tree = parse(html)
    link = tree.css_first("#x")
    got = jsnav.resolve(link.attributes["onclick"], jsnav.read_scripts(tree), "http://h.kr/", link)
    assert got.url == "http://h.kr/v.do?id=3"


@pytest.mark.parametrize(
    "statement",
    [
        "document.querySelectorAll('input')[2].value = no;",  # a field we cannot locate
        "$f.find('[name=bbsno]').val(no);",  # a jQuery set we do not read
    ],
)
def test_a_field_set_we_cannot_follow_gives_no_address_not_a_wrong_one(statement):
    code = f"function submitForm(obj, act, no) {{ var $f = $('#boardForm'); {statement}"
    code += " document.board.act.value = act; document.board.submit(); }"
    got = parse_list(PAGE, LIST_URL, scripts=[code])
    assert [p.url for p in got.posts] == [None, None, None]  # not three times the same list URL
    assert "does not open an address we can read" in got.warnings[0]


def test_the_clicked_buttons_own_label_is_not_a_form_field():
    code = BOARD_JS.replace("var f = obj.form;", "obj.value = '...'; var f = obj.form;")
    got = parse_list(PAGE, LIST_URL, scripts=[code])
    assert got.posts[0].url == view_url(SITE, 5512)


# --------------------------------------------------------------------------- which files


def test_script_sources_same_site_in_page_order_libraries_left_out():
    html = (
        "<html><head><base href='https://www.hanbit.example.kr/app/'>"
        "<script src='/js/jquery-1.12.4.min.js'></script>"
        "<script src='js/board.js?v=3'></script>"
        "<script src='https://www.googletagmanager.com/gtag/js?id=G-1'></script>"
        "<script src='https://static.hanbit.example.kr/common.js'></script>"
        "<script src='https://cdn.example.com/ui.js'></script>"
        "<script src='/editor/smarteditor2/js/HuskyEZCreator.js'></script>"
        "<script src='js/board.js?v=3'></script>"
        "<script src='javascript:void(0)'></script>"
        "</head><body></body></html>"
    )
    assert script_sources(parse(html), LIST_URL) == [
        "https://www.hanbit.example.kr/app/js/board.js?v=3",
        "https://static.hanbit.example.kr/common.js",
    ]


@pytest.mark.parametrize(
    ("url", "page", "same"),
    [
        ("https://hanbit.example.kr/a.js", "https://www.hanbit.example.kr/l", True),
        ("http://static.hanbit.example.kr/a.js", "https://www.hanbit.example.kr/l", True),
        ("https://example.kr/a.js", "https://www.hanbit.example.kr/l", False),
        ("https://hanbit.example.kr.evil.com/a.js", "https://hanbit.example.kr/l", False),
        ("http://[x/a.js", "https://hanbit.example.kr/l", False),
    ],
)
def test_same_site(url, page, same):
    assert same_site(url, page) is same


# --------------------------------------------------------------------------- fetching them

POST = (
    "<html><head><title>사업공고</title></head><body><div class='bbs-view'>"
    "<h3 class='subject'>{title}</h3><p>등록일 2026-04-02</p>"
    "<div class='content'><p>{title} 내용을 알려 드립니다. 신청은 누리집에서 받습니다.</p>"
    "<p>자세한 사항은 첨부한 공고문을 참고하시기 바랍니다.</p></div></div></body></html>"
)
PAGE_2 = PAGE.replace("<strong>1</strong> <a", "<a").replace(
    'return submitForm(this,\'list\',2);">2</a> <a href="###" '
    "onclick=\"return submitForm(this,'list',3);\">3</a>",
    'return submitForm(this,\'list\',1);">1</a> <strong>2</strong> <a href="###" '
    "onclick=\"return submitForm(this,'list',3);\">3</a>",
)
PAGE_2 = (
    PAGE_2.replace("5512", "5490")
    .replace("5507", "5488")
    .replace("5501", "5480")
    .replace("2026.04.02", "2026.03.02")
)


def board(server: LocalServer, page: str = PAGE, js: bytes | None = BOARD_JS.encode()) -> str:
    """The made-up board on ``server``: list pages, posts and /js/board.js."""

    def index(request: Request) -> Response:
        query = parse_qs(urlsplit(request.path).query)
        if query.get("act") == ["view"]:
            return Response(body=POST.format(title=f"공고 {query['bbsno'][0]}").encode())
        if query.get("pageIndex") == ["2"]:
            return Response(body=PAGE_2.encode())
        return Response(body=page.encode())

    server.route("/index.html", index)
    if js is not None:
        server.route("/js/board.js", Response(body=js, content_type="application/javascript"))
    return server.url("/index.html?menuno=77")


def fetcher(**kw: object) -> Fetcher:
    return Fetcher(FetchOptions(delay=0, retries=0, timeout=5, **kw))  # type: ignore[arg-type]


def test_crawl_fetches_the_script_once_and_reads_every_row_of_two_pages():
    with LocalServer() as server:
        server.page("/robots.txt", "", content_type="text/plain")
        start = board(server)
        with fetcher() as f:
            outcomes = list(crawl([start], f, pages=2))
        paths = server.paths()
    assert [o.error for o in outcomes] == [None] * 6
    assert [o.article.title for o in outcomes if o.article] == [
        f"공고 {n}" for n in (5512, 5507, 5501, 5490, 5488, 5480)
    ]
    assert [o.url for o in outcomes][0] == view_url(server.base, 5512)
    assert paths.count("/js/board.js") == 1  # cached for the second list page


def test_crawl_leaves_libraries_and_other_sites_alone_and_stops_at_the_first_useful_file():
    page = PAGE.replace(
        '<script src="/js/board.js"></script>',
        '<script src="/js/jquery-3.7.1.min.js"></script>'
        '<script src="https://cdn.example.com/ui.js"></script>'
        '<script src="/js/board.js"></script><script src="/js/menu.js"></script>',
    )
    with LocalServer() as server:
        server.page("/robots.txt", "", content_type="text/plain")
        start = board(server, page)
        with fetcher() as f:
            outcomes = list(crawl([start], f, limit=1))
        paths = server.paths()
    assert outcomes[0].error is None
    assert "/js/jquery-3.7.1.min.js" not in paths
    assert "/js/menu.js" not in paths  # board.js defined everything missing


def test_robots_txt_keeps_the_script_unread_and_rows_fail_with_the_reason():
    with LocalServer() as server:
        server.page("/robots.txt", "User-agent: *\nDisallow: /js/\n", content_type="text/plain")
        start = board(server)
        with fetcher() as f:
            outcomes = list(crawl([start], f))
        paths = server.paths()
    assert "/js/board.js" not in paths
    assert [o.article for o in outcomes] == [None, None, None]
    assert all("submitForm()" in (o.error or "") for o in outcomes)


@pytest.mark.parametrize(
    "answer",
    [
        Response(status=404, body=b"no", content_type="text/plain"),
        Response(body=b"<html><body>login</body></html>"),  # a web page, not a script
        Response(body=b"/*" + b" " * (600 * 1024) + b"*/", content_type="text/javascript"),
    ],
    ids=["404", "html", "too-large"],
)
def test_a_script_that_cannot_be_read_leaves_rows_without_address(answer):
    with LocalServer() as server:
        server.page("/robots.txt", "", content_type="text/plain")
        start = board(server, js=None)
        server.route("/js/board.js", answer)
        with fetcher() as f:
            outcomes = list(crawl([start], f))
        assert len(server.requests_for("/js/board.js")) == 1  # tried once, not per row
    assert [o.article for o in outcomes] == [None, None, None]


def test_at_most_a_few_files_are_tried_for_a_page():
    extra = "".join(f'<script src="/js/part{i}.js"></script>' for i in range(MAX_FILES + 3))
    page = PAGE.replace('<script src="/js/board.js"></script>', extra)
    with LocalServer() as server:
        server.page("/robots.txt", "", content_type="text/plain")
        start = board(server, page, js=None)
        for i in range(MAX_FILES + 3):
            body = BOARD_JS if i == MAX_FILES + 2 else f"function part{i}() {{ return {i}; }}"
            server.route(f"/js/part{i}.js", Response(body=body.encode(), content_type=None))
        with fetcher() as f:
            outcomes = list(crawl([start], f))
        scripts = [p for p in server.paths() if p.startswith("/js/")]
    assert scripts == [f"/js/part{i}.js" for i in range(MAX_FILES)]
    assert [o.article for o in outcomes] == [None, None, None]


def test_an_euc_kr_script_is_decoded():
    js = BOARD_JS.replace('"view"', '"view"; var NOTE = "게시판 보기"').encode("cp949")
    with LocalServer() as server:
        server.page("/robots.txt", "", content_type="text/plain")
        start = board(server, js=None)
        server.route(
            "/js/board.js", Response(body=js, content_type="text/javascript; charset=euc-kr")
        )
        with fetcher() as f:
            outcomes = list(crawl([start], f, limit=1))
    assert outcomes[0].error is None


def test_cli_fetch_reads_rows_through_the_script_and_shows_the_request(cli):
    with LocalServer() as server:
        server.page("/robots.txt", "", content_type="text/plain")
        start = board(server)
        code, out, err = cli("fetch", start, "--delay", "0", "-v", "-q")
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["title"] for r in records] == ["공고 5512", "공고 5507", "공고 5501"]
    assert f"GET {server.base}/js/board.js -> 200 application/javascript" in err


def test_cli_list_on_a_saved_page_keeps_url_null(cli):
    code, out, err = cli("list", LISTS / "external_js.html", "--base-url", LIST_URL)
    assert code == 0
    assert [p["url"] for p in json.loads(out)["posts"]] == [None, None, None]
    assert err.count("submitForm()") == 4  # three rows and the pager


def test_cli_list_and_detect_read_a_saved_script_given_with_script(cli):
    code, out, err = cli(
        "list", LISTS / "external_js.html", "--base-url", LIST_URL, "--script", LISTS / "board.js"
    )
    assert code == 0
    record = json.loads(out)
    assert [p["url"] for p in record["posts"]] == [view_url(SITE, n) for n in (5512, 5507, 5501)]
    assert record["next_page"] == f"{SITE}/index.html?menuno=77&act=list&pageIndex=2"
    assert err == ""
    code, out, _ = cli(
        "detect", LISTS / "external_js.html", "--script", LISTS / "board.js", "--json"
    )
    assert code == 0
    assert json.loads(out)["without_url"] == 0


def test_cli_list_missing_script_is_a_usage_error(tmp_path, cli):
    code, out, err = cli("list", LISTS / "external_js.html", "--script", tmp_path / "none.js")
    assert code == 2
    assert out == ""
    assert err == f"pressclip: error: {tmp_path / 'none.js'}: no such file\n"


def test_cli_archive_stores_the_posts_the_script_opens(tmp_path, cli):
    db = tmp_path / "a.sqlite"
    with LocalServer() as server:
        server.page("/robots.txt", "", content_type="text/plain")
        start = board(server)
        code, _, err = cli("archive", start, "--db", db, "--delay", "0", "-q")
        assert code == 0, err
    code, out, err = cli("export", "--db", db, "-f", "jsonl")
    assert code == 0, err
    titles = sorted(json.loads(line)["title"] for line in out.splitlines())
    assert titles == ["공고 5480", "공고 5488", "공고 5490", "공고 5501", "공고 5507", "공고 5512"]


def test_an_unread_field_set_does_not_stop_a_plain_navigation():
    # the search box's value is set (on an element the reader does not track), then the
    # function navigates by address: the address does not depend on the field
    code = (
        "function submitForm(obj, act, no) { var box = document.getElementById('kw');"
        " box.value = ''; location.href = '/view.do?act=' + act + '&no=' + no; }"
    )
    got = parse_list(PAGE, LIST_URL, scripts=[code])
    assert got.posts[0].url == f"{SITE}/view.do?act=view&no=5512"
