"""List pages of CMSs pressclip has no profile for, one small page of our own per shape
(tests/fixtures/lists/): tables, ul/li lists, dl rows, div cards; rows and pagers that
open through JavaScript functions and POST forms defined on the page; notices marked by
class, icon or text; rows whose target cannot be read (kept, url null, a warning)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from server import LocalServer

from pressclip.crawl.boards import crawl
from pressclip.extract import jsnav
from pressclip.extract.dispatch import is_list_page, parse, parse_list
from pressclip.fetch.http import Fetcher, FetchOptions

LISTS = Path(__file__).parent / "fixtures" / "lists"
BASE = "https://www.hanbit.example.kr/board/list.do"


def listing(name: str, url: str = BASE):
    return parse_list((LISTS / name).read_text(encoding="utf-8"), url)


def rows(name: str, url: str = BASE) -> list[dict]:
    return [p.to_dict() for p in listing(name, url).posts]


def test_table_with_mobile_labels_periods_and_tooltips():
    got = listing("table_labels.html")
    assert [p.to_dict() for p in got.posts] == [
        {
            "title": "2025년 교육청 누리집 개편 안내",
            "url": "https://www.hanbit.example.kr/board/view.do?idx=501",
            "date": "2025-03-02",  # the cell's text, not its title="09:12"
            "notice": True,  # a 공지 badge in the number cell
        },
        {
            # as shown, cut short ("…"): the full tooltip is not the title written on the
            # list (the real fixtures' convention); the comment count [3] dropped
            "title": "기간제 교사(과학) 채용 공고 및…",
            "url": "https://www.hanbit.example.kr/board/view.do?idx=733",
            "date": "2025-04-17",  # not the 접수기간 25.04.18 ~ 25.05.02 before it
            "notice": False,
        },
        {
            "title": "청소년 과학 축전 참가 신청",
            "url": "https://www.hanbit.example.kr/board/view.do?idx=730",
            "date": "2025-03-31",
            "notice": False,
        },
    ]
    assert got.next_page == "https://www.hanbit.example.kr/board/list.do?page=2"
    assert got.warnings == []


def test_period_column_alone_gives_no_date():
    html = (LISTS / "table_labels.html").read_text(encoding="utf-8")
    # Without the 등록일 column the only dates left are application periods.
    for cell in ("2025.03.02", "2025.04.17", "2025.03.31"):
        html = html.replace(f'<span class="only-m">등록일</span>{cell}', "")
    assert [p.date for p in parse_list(html, BASE).posts] == [None, None, None]


def test_ul_list_title_link_not_the_category_link_and_notice_list_first():
    assert rows("ul_list.html") == [
        {
            "title": "설 연휴 종합 대책 발표",
            "url": "https://www.hanbit.example.kr/news/press/9001",
            "date": "2026-01-20",
            "notice": True,  # li.notice, in a notice list beside the post list
        },
        {
            "title": "어린이 안전 통학로 50곳 추가 조성",
            "url": "https://www.hanbit.example.kr/news/press/9044",
            "date": "2026-02-03",
            "notice": False,
        },
        {
            "title": "○○일보 2월 2일자 보도에 대한 설명",
            "url": "https://www.hanbit.example.kr/news/press/9043",
            "date": "2026-02-02",
            "notice": False,
        },
        {
            "title": "시민 의견 수렴 결과 공개",  # the 공지 label taken out of the title
            "url": "https://www.hanbit.example.kr/news/press/9040",
            "date": "2026-01-30",
            "notice": True,
        },
    ]
    assert listing("ul_list.html").next_page == "https://www.hanbit.example.kr/board/list.do?page=2"


def test_div_cards_title_element_inside_the_link():
    got = listing("div_cards.html")
    assert [(p.title, p.date) for p in got.posts] == [
        ("봄꽃 축제 4월 개막, 셔틀버스 운행", "2026-03-28"),
        ("어르신 일자리 2천 개 제공", "2026-03-27"),
        ("야간 보행 안전등 확대 설치", "2026-03-26"),
    ]
    assert got.posts[0].url == "https://news.hanbit.example.kr/culture/archives/3301"
    assert got.next_page is None
    assert got.engine == "generic"


def test_onclick_rows_through_inline_functions():
    got = listing("js_onclick.html")
    assert [p.to_dict() for p in got.posts] == [
        {
            "title": "2026년 상반기 정기 인사 발령 사항",
            # fn_detail('9948','1'): ctxPath + "...?nttSn=" + nttSn + "&pageNo=" + page
            "url": "https://www.hanbit.example.kr/portal/board/notice/view.do?nttSn=9948&pageNo=1",
            "date": "2026-01-02",
            "notice": True,  # an ico_notice image
        },
        {
            "title": "도시계획시설 결정 고시",
            "url": "https://www.hanbit.example.kr/popup/view.jsp?id=A-17",  # window.open
            "date": "2026-02-11",
            "notice": False,
        },
        {
            "title": "지적재조사 사업지구 지정 공고",
            "url": None,  # openViewer() is defined in no script on the page
            "date": "2026-02-09",
            "notice": False,
        },
    ]
    assert got.warnings == [
        "row 3 «지적재조사 사업지구 지정 공고»: no address "
        "(opens through openViewer(), which the page does not define)"
    ]
    # a template literal in the pager's function
    assert got.next_page == "https://www.hanbit.example.kr/portal/board/notice/list.do?pageNo=2"


def test_post_form_rows_and_pager_become_get_urls():
    got = listing("post_form.html")
    assert [p.url for p in got.posts] == [
        "https://www.hanbit.example.kr/cop/bbs/selectBoardArticle.do"
        "?bbsId=BBSMSTR_000000000077&nttId=3305&pageIndex=1",
        "https://www.hanbit.example.kr/cop/bbs/selectBoardArticle.do"
        "?bbsId=BBSMSTR_000000000077&nttId=3299&pageIndex=1",
    ]  # the form's fields in form order, nttId as the function set it
    # fn_link_page(2) sets pageIndex; the empty search field is not sent
    assert got.next_page == (
        "https://www.hanbit.example.kr/cop/bbs/selectBoardList.do"
        "?bbsId=BBSMSTR_000000000077&pageIndex=2"
    )


def test_submit_form_with_switch_on_mode():
    got = listing("post_form_switch.html")
    assert [(p.title, p.url, p.date) for p in got.posts] == [
        (
            "디자인 바우처 지원사업 2차 공고",
            "https://www.hanbit.example.kr/index.html?menuno=77&bbsno=5512&act=view&pageIndex=1",
            "2026-04-02",
        ),
        (
            "수출 상담회 참가기업 모집",
            "https://www.hanbit.example.kr/index.html?menuno=77&bbsno=5507&act=view&pageIndex=1",
            "2026-03-30",
        ),
        (
            "전문 인력 양성 교육생 모집",
            "https://www.hanbit.example.kr/index.html?menuno=77&bbsno=5501&act=view&pageIndex=1",
            "2026-03-25",
        ),
    ]
    assert (
        got.next_page == "https://www.hanbit.example.kr/index.html?menuno=77&act=list&pageIndex=2"
    )


def test_submit_form_defined_elsewhere_keeps_rows_with_warnings():
    html = (LISTS / "post_form_switch.html").read_text(encoding="utf-8")
    html = html[: html.index("<script>")] + "</body></html>"  # the function lives in a .js file
    got = parse_list(html, BASE)
    assert [p.title for p in got.posts][:1] == ["디자인 바우처 지원사업 2차 공고"]
    assert [p.url for p in got.posts] == [None, None, None]
    assert len(got.warnings) == 4  # three rows and the pager
    assert all("submitForm()" in w for w in got.warnings)
    assert got.next_page is None


def test_jquery_form_fields_and_dl_rows():
    got = listing("jquery_form.html")
    assert [p.url for p in got.posts] == [
        "https://www.hanbit.example.kr/recruit/detail.do?seq=881&cpage=3&boardType=job",
        "https://www.hanbit.example.kr/recruit/detail.do?seq=876&cpage=3&boardType=job",
        "https://www.hanbit.example.kr/recruit/detail.do?seq=870&cpage=3&boardType=job",
    ]
    assert [p.date for p in got.posts] == ["2026-05-01", "2026-04-28", "2026-04-20"]
    # page 3 is highlighted; goPage(4) sets cpage by name
    assert got.next_page == "https://www.hanbit.example.kr/recruit/list.do?cpage=4&boardType=job"


# webzine.html has two rows: a page no profile claims needs three dated rows to be called
# a list page (a post with two related links must stay a post).
@pytest.mark.parametrize(
    "name", sorted(p.name for p in LISTS.glob("*.html") if p.name != "webzine.html")
)
def test_every_shape_is_a_list_page(name):
    assert is_list_page((LISTS / name).read_text(encoding="utf-8"))


def test_a_post_with_a_related_list_is_not_a_list_page():
    cards = (LISTS / "div_cards.html").read_text(encoding="utf-8")
    body = "".join(
        f"<p>{n}번째 문단입니다. 한빛시는 올해 시민 생활 안정을 위한 정책을 차례로 내놓는다.</p>"
        for n in range(12)
    )
    post = cards.replace('<div class="card-list">', f"<div class='view'>{body}</div>" + "<div>")
    assert not is_list_page(post)


def test_next_block_link_when_the_current_page_ends_the_block():
    html = """<html><body><table><thead><tr><th>번호</th><th>제목</th><th>날짜</th></tr></thead>
    <tbody><tr><td>3</td><td><a href="v?id=3">셋째 글</a></td><td>2024-01-03</td></tr>
    <tr><td>2</td><td><a href="v?id=2">둘째 글</a></td><td>2024-01-02</td></tr></tbody></table>
    <div class="paging"><a href="l?page=9">9</a><strong>10</strong>
    <a href="l?page=11" class="next">다음</a><a href="l?page=40" class="last">끝</a></div>
    </body></html>"""
    assert parse_list(html, "https://x.example.kr/l?page=10").next_page == (
        "https://x.example.kr/l?page=11"
    )
    last = html.replace('<a href="l?page=11" class="next">다음</a>', '<a href="l?page=10">다음</a>')
    assert parse_list(last, "https://x.example.kr/l?page=10").next_page is None


# --------------------------------------------------------------------------- jsnav


def scripts_of(html: str) -> jsnav.Scripts:
    return jsnav.read_scripts(parse(html))


@pytest.mark.parametrize(
    ("code", "url"),
    [
        ("fn_go('7')", "/b/view.do?no=7"),
        ("javascript:fn_go(7);", "/b/view.do?no=7"),
        ("return fn_wrap(this, 8)", "/b/view.do?no=8"),
        ("fn_cond('n', 5)", "/n/5"),
        ("fn_cond('x', 5)", "/other/5"),
        ("location.href='/direct?a=1'", "/direct?a=1"),
    ],
)
def test_jsnav_reads_calls(code, url):
    page = """<html><head><script>
    // fn_go: 상세
    function fn_go(no) { location.href = "/b/view.do?no=" + no; }
    var fn_wrap = function (el, id) { fn_go(id); return false; };
    function fn_cond(kind, id) {
        if (kind == "n") { document.location.href = "/n/" + id; }
        else { self.location = '/other/' + id; }
    }
    </script></head><body></body></html>"""
    assert jsnav.resolve(code, scripts_of(page)).url == url


def test_jsnav_unknown_value_gives_a_reason_not_a_guess():
    page = "<script>function go(i){ location.href = base() + i; }</script>"
    result = jsnav.resolve("go(3)", scripts_of(page))
    assert result.url is None
    assert "base()" in result.reason


def test_jsnav_comments_and_strings_with_slashes():
    page = """<script>
    /* function fake(a){ location.href='/no'; } */
    function real(a){ location.href = 'http://h.example.kr/v?x=' + a; // trailing
    }</script>"""
    scripts = scripts_of(page)
    assert "fake" not in scripts.functions
    assert jsnav.resolve("real(1)", scripts).url == "http://h.example.kr/v?x=1"


# --------------------------------------------------------------------------- CLI and crawl


def test_cli_list_prints_warnings_on_stderr_and_null_urls():
    html = (LISTS / "js_onclick.html").read_bytes()
    proc = subprocess.run(
        [sys.executable, "-m", "pressclip", "list", "-", "--base-url", BASE],
        input=html,
        capture_output=True,
        timeout=60,
    )
    assert proc.returncode == 0
    record = json.loads(proc.stdout)
    assert [p["url"] is None for p in record["posts"]] == [False, False, True]
    assert "warnings" not in record
    err = proc.stderr.decode("utf-8")
    assert err == (
        "pressclip: warning: -: row 3 «지적재조사 사업지구 지정 공고»: no address "
        "(opens through openViewer(), which the page does not define)\n"
    )


def test_crawl_reports_rows_without_address_and_fetches_the_rest():
    html = (LISTS / "js_onclick.html").read_text(encoding="utf-8")
    post = (
        "<html><head><title>보도</title></head><body><article><h1>인사 발령</h1>"
        "<p>2026년 상반기 정기 인사 발령 사항을 알려 드립니다. 자세한 내용은 첨부를 보십시오.</p>"
        "</article></body></html>"
    )
    with LocalServer() as server:
        server.page("/robots.txt", "", content_type="text/plain")
        start = server.page("/list", html)
        server.page("/portal/board/notice/view.do", post)
        server.page("/popup/view.jsp", post)
        options = FetchOptions(delay=0, retries=0, timeout=5)  # type: ignore[call-arg]
        with Fetcher(options) as fetcher:
            outcomes = list(crawl([start], fetcher))
    assert [o.article is not None for o in outcomes] == [True, True, False]
    assert outcomes[2].error is not None
    assert "«지적재조사 사업지구 지정 공고»" in outcomes[2].error
    assert "openViewer()" in outcomes[2].error


def test_clickable_rows_without_links():
    got = listing("row_onclick.html", "http://www.hanbit.example.kr/press/list.asp")
    assert [p.to_dict() for p in got.posts][:2] == [
        {
            "title": "하천 정비 사업 착공",  # the cell headed 제목, not the whole row
            "url": "http://www.hanbit.example.kr/press/view.asp?seq=210",
            "date": "2024-07-01",
            "notice": False,
        },
        {
            "title": "여름철 물놀이 안전 수칙 안내",
            "url": "http://www.hanbit.example.kr/press/view.asp?seq=209",
            "date": "2024-06-28",
            "notice": False,
        },
    ]
    assert len(got.posts) == 3


def test_webzine_title_link_not_the_summary_link():
    got = listing("webzine.html", "https://x.example.kr/list")
    assert [(p.title, p.url, p.date) for p in got.posts] == [
        ("청년 창업 지원센터 개소", "https://x.example.kr/v/11", "2024-05-02"),
        ("전통시장 주차장 확충", "https://x.example.kr/v/10", "2024-04-29"),
    ]
    assert got.next_page == "https://x.example.kr/list?page=2"


def test_div_rows_with_an_info_line():
    assert rows("div_rows.html", "https://x.example.kr/list") == [
        {
            "title": "개인정보 처리방침 개정 안내",
            "url": "https://x.example.kr/view?no=1",
            "date": "2024-01-02",
            "notice": True,
        },
        {
            "title": "하반기 공공근로 참여자 모집",
            "url": "https://x.example.kr/view?no=45",
            "date": "2024-06-20",
            "notice": False,
        },
        {
            "title": "[보도] 장마철 대비 시설 점검",  # brackets in the title stay
            "url": "https://x.example.kr/view?no=44",
            "date": "2024-06-19",
            "notice": False,
        },
    ]


def test_link_made_of_parts_title_and_date():
    html = """<html><body><div class="latest">
    <a href="/n/3"><span><em>[행사]</em> <span>어린이날 큰잔치 안내</span></span><span>2024.05.01</span></a>
    <a href="/n/2"><span><em>[모집]</em> <span>자원봉사자 모집</span></span><span>2024.04.28</span></a>
    <a href="/n/1"><span><em>[안내]</em> <span>도서관 휴관일 변경</span></span><span>2024.04.20</span></a>
    </div></body></html>"""
    got = parse_list(html, "https://x.example.kr/")
    assert [(p.title, p.date) for p in got.posts] == [
        ("어린이날 큰잔치 안내", "2024-05-01"),
        ("자원봉사자 모집", "2024-04-28"),
        ("도서관 휴관일 변경", "2024-04-20"),
    ]


@pytest.mark.parametrize(
    "junk",
    [
        "x" * 200_000,  # one long word (a regex tried at every letter would never end)
        "var s = '" + "x" * 200_000,  # an unterminated string
        "".join(f"function a{i}(){{ x=1\n" for i in range(5000)),  # unclosed functions
        "function f(){" + "{" * 20_000,  # unbalanced braces
    ],
    ids=["long-word", "unterminated-string", "unclosed-functions", "unbalanced-braces"],
)
def test_hostile_scripts_still_read(junk):
    script = "<script>function g(a){ location.href='/v?id='+a }\n" + junk + "</script>"
    rows_html = "".join(
        f"<tr><td><a href='#' onclick=\"g({i})\">글 {i}번</a></td><td>2024-01-0{i}</td></tr>"
        for i in range(1, 4)
    )
    html = f"<html><head>{script}</head><body><table>{rows_html}</table></body></html>"
    got = parse_list(html, "http://x.example.kr/")
    assert [p.url for p in got.posts][0] == "http://x.example.kr/v?id=1"
    assert len(got.posts) == 3


def test_a_board_named_notice_is_not_all_notices():
    html = """<html><body><table class="notice-board">
    <thead><tr><th>번호</th><th>제목</th><th>등록일</th></tr></thead><tbody>
    <tr class="notice_row"><td class="notice_num">공지</td>
        <td class="notice_title"><a href="v?id=9">게시판 이용 규칙</a></td><td>2024-01-01</td></tr>
    <tr><td class="notice_num">8</td>
        <td class="notice_title"><a href="v?id=8">정기 점검 안내</a></td><td>2024-02-01</td></tr>
    <tr><td class="notice_num">7</td>
        <td class="notice_title"><a href="v?id=7">휴관일 안내</a></td><td>2024-01-20</td></tr>
    </tbody></table></body></html>"""
    got = parse_list(html, "https://x.example.kr/")
    assert [p.notice for p in got.posts] == [True, False, False]


def test_number_cell_notice_and_a_form_pager():
    got = listing("number_cell_notice.html", "https://cse.example.ac.kr/bbs/cse/2055/artclList.do")
    assert [(p.title, p.notice, p.date) for p in got.posts] == [
        ("2026학년도 장학 안내", True, "2026-03-19"),  # 일반공지 in the number cell
        ("졸업 요건 변경", False, "2026-03-18"),
        ("세미나 안내", False, "2026-03-17"),
    ]
    assert got.next_page == "https://cse.example.ac.kr/bbs/cse/2055/artclList.do?page=2"


def test_cli_fetch_row_without_address_is_one_error_line_and_exit_1():
    html = (LISTS / "js_onclick.html").read_text(encoding="utf-8")
    post = (
        "<html><head><title>보도</title></head><body><article><h1>고시</h1>"
        "<p>도시계획시설 결정 사항을 고시합니다. 열람은 도시계획과에서 할 수 있습니다.</p>"
        "</article></body></html>"
    )
    with LocalServer() as server:
        server.page("/robots.txt", "", content_type="text/plain")
        start = server.page("/list", html)
        server.page("/portal/board/notice/view.do", post)
        server.page("/popup/view.jsp", post)
        proc = subprocess.run(
            [sys.executable, "-m", "pressclip", "fetch", start, "--delay", "0"],
            capture_output=True,
            timeout=60,
        )
    assert proc.returncode == 1
    assert len(proc.stdout.decode("utf-8").splitlines()) == 2  # the two posts with addresses
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in err
    assert err.splitlines() == [
        f"pressclip: error: {start}: row 3 «지적재조사 사업지구 지정 공고»: no address "
        "(opens through openViewer(), which the page does not define)"
    ]


def test_a_sidebar_list_is_not_merged_and_a_cell_onclick_is_read():
    def item(n: int, where: str) -> str:
        return (
            f"<li><a href='javascript:;' onclick=\"go({n})\">{where} 글 {n}번</a>"
            f"<span class='date'>2024-03-{n:02d}</span></li>"
        )

    cells = "".join(
        f"<li><span onclick=\"go({n})\"><a href='javascript:;'>본문 글 {n}번</a></span>"
        f"<span class='date'>2024-02-{n:02d}</span></li>"
        for n in range(1, 6)
    )
    html = (
        "<html><head><script>function go(n){ location.href='/v?n=' + n; }</script></head><body>"
        f"<div id='wrap'><ul class='board'>{cells}</ul>"
        f"<p>광고</p><ul class='popular'>{item(20, '인기')}{item(21, '인기')}</ul></div>"
        "</body></html>"
    )
    got = parse_list(html, "https://x.example.kr/list")
    assert [p.title for p in got.posts] == [f"본문 글 {n}번" for n in range(1, 6)]
    assert got.posts[0].url == "https://x.example.kr/v?n=1"  # the onclick on the link's cell


def test_jsnav_jquery_chain_sets_action_and_submits():
    page = """<html><head><script>
    function goDetail(seq) {
        $("#viewForm input[name='seq']").val(seq);
        $("#viewForm").attr("action", "/bid/detail.do").submit();
    }</script></head><body><form id="viewForm" action="/bid/list.do">
    <input type="hidden" name="seq"><input type="hidden" name="kind" value="b"></form>
    </body></html>"""
    assert jsnav.resolve("goDetail(5)", scripts_of(page)).url == "/bid/detail.do?seq=5&kind=b"


@pytest.mark.parametrize(
    ("text", "title", "notice"),
    [
        ("[공지] 설 연휴 민원 안내", "설 연휴 민원 안내", True),
        ("[Notice] Tuition payment", "Tuition payment", True),
        ("Notice on tuition payment", "Notice on tuition payment", False),
        ("공지사항 게시판 개편", "공지사항 게시판 개편", False),
    ],
)
def test_notice_badge_in_the_title(text, title, notice):
    cells = "".join(
        f"<tr><td>{n}</td><td><a href='v?id={n}'>{t}</a></td><td>2024-01-0{n}</td></tr>"
        for n, t in ((3, text), (2, "둘째 글"), (1, "첫째 글"))
    )
    got = parse_list(f"<html><body><table>{cells}</table></body></html>", "https://x.example.kr/")
    assert (got.posts[0].title, got.posts[0].notice) == (title, notice)
