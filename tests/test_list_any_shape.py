"""List pages of shapes the structure reader once missed (issue 23), one small page of our
own each: rows need no date or number, a header names the date column, any element's
onclick or a script's click handler is a click target, nearby groups of the same posts are
one list, search filters and generic labels are not posts, and the JavaScript reader
follows typeof, storage and history calls, object arguments, helper functions and ajax
loads. Nothing is guessed: what cannot be read is ``url: null`` with a warning."""

from __future__ import annotations

from pressclip.extract import jsnav
from pressclip.extract.dispatch import parse_list

SITE = "https://www.hanul.example.kr"
LIST = f"{SITE}/board/list.do?bbs=notice"


def page(body: str, script: str = "") -> str:
    return f"<html><head><script>{script}</script></head><body>{body}</body></html>"


def rows(html: str, url: str = LIST) -> list[tuple[str, str | None, str | None, bool]]:
    return [(p.title, p.url, p.date, p.notice) for p in parse_list(html, url).posts]


# --------------------------------------------------------------------------- rows by structure


def test_id_first_table_takes_its_date_from_the_column_headed_as_the_posting_day():
    body = (
        """
    <table><thead><tr><th>공고번호</th><th>공고명</th><th>소관부처</th><th>공고시작일</th>
    <th>접수마감일</th></tr></thead><tbody>"""
        + "".join(
            f"<tr><td>RND2025-0{n}</td><td><a href='/ancm/view.do?ancmId={n}'>2025년 제{n}차 기술개발"
            f" 과제 공모</a></td><td>산업부</td><td>2025-03-0{n}</td><td>2025-04-1{n}</td></tr>"
            for n in (3, 2, 1)
        )
        + "</tbody></table>"
    )
    assert rows(page(body)) == [
        (
            f"2025년 제{n}차 기술개발 과제 공모",
            f"{SITE}/ancm/view.do?ancmId={n}",
            f"2025-03-0{n}",
            False,
        )
        for n in (3, 2, 1)
    ]


CARDS_SCRIPT = """
$(function () {
    $('.biz_cards').on('click', 'a.card', function (e) {
        e.preventDefault();
        var no = $(this).data('post_no');
        location.href = '/biz/view.do?post_no=' + no;
    });
});
"""


def test_cards_linking_javascript_with_the_post_number_in_a_data_attribute():
    cards = "".join(
        f"<li><a href='javascript:;' class='card' data-post_no='{n}'><strong class='tit'>청년"
        f" 창업 지원사업 {n}기 참가자 모집</strong><span class='period'>접수기간 2025.03.0{n} ~"
        f" 2025.03.3{n % 2}</span></a></li>"
        for n in (7, 6, 5)
    )
    got = parse_list(page(f"<ul class='biz_cards'>{cards}</ul>", CARDS_SCRIPT), LIST)
    assert [(p.title, p.url, p.date) for p in got.posts] == [
        (f"청년 창업 지원사업 {n}기 참가자 모집", f"{SITE}/biz/view.do?post_no={n}", None)
        for n in (7, 6, 5)
    ]
    assert got.warnings == []


def test_cards_whose_handler_the_page_does_not_hold_keep_url_null_with_a_warning():
    cards = "".join(
        f"<li><a href='javascript:;' class='card' data-post_no='{n}'><strong class='tit'>청년"
        f" 창업 지원사업 {n}기 참가자 모집</strong></a></li>"
        for n in (7, 6, 5)
    )
    got = parse_list(page(f"<ul class='biz_cards'>{cards}</ul>"), LIST)
    assert [p.url for p in got.posts] == [None, None, None]
    assert got.warnings[0] == (
        "row 1 «청년 창업 지원사업 7기 참가자 모집»: no address (a click handler no script of"
        " the page binds would read its data-post_no)"
    )
    # fetch and archive then read the page's script files: one binding handlers is wanted
    assert got.undefined == [jsnav.CLICK_HANDLER]
    assert jsnav.CLICK_HANDLER in jsnav.defined_names(CARDS_SCRIPT)
    again = parse_list(page(f"<ul class='biz_cards'>{cards}</ul>"), LIST, scripts=[CARDS_SCRIPT])
    assert [p.url for p in again.posts] == [f"{SITE}/biz/view.do?post_no={n}" for n in (7, 6, 5)]


def test_rows_whose_only_click_target_is_a_cell_onclick():
    body = (
        "<form name='viewForm' action='/bbs/view.do' method='get'>"
        "<input type='hidden' name='idx'></form>"
        "<table><tr><th>번호</th><th>제목</th><th>작성일</th></tr>"
        + "".join(
            f"<tr><td>{n}</td><td class='subject' onclick='viewAct({n})'>2025년 {n}월 안전점검"
            f" 결과 알림</td><td>2025-0{n}-11</td></tr>"
            for n in (3, 2)
        )
        + "</table>"
    )
    script = (
        "function viewAct(no) { document.viewForm.idx.value = no; document.viewForm.submit(); }"
    )
    assert rows(page(body, script)) == [
        (f"2025년 {n}월 안전점검 결과 알림", f"{SITE}/bbs/view.do?idx={n}", f"2025-0{n}-11", False)
        for n in (3, 2)
    ]


# --------------------------------------------------------------------------- groups


def test_pinned_notice_cards_above_the_table_are_one_list_in_page_order():
    cards = "".join(
        f"<div class='card'><a href='/bbs/view.do?no={n}'><span class='badge'>공지</span>"
        f"<strong>{t}</strong></a><span class='date'>2025-01-0{n - 900}</span></div>"
        for n, t in ((902, "개인정보 처리방침 개정 안내"), (901, "누리집 이용 약관 변경 안내"))
    )
    table = "".join(
        f"<tr><td>{n}</td><td><a href='/bbs/view.do?no={n}'>제{n}회 구민 체육대회 개최 알림</a>"
        f"</td><td>2025-03-{n:02d}</td></tr>"
        for n in (12, 11, 10)
    )
    body = (
        f"<div id='content'><div class='notice_cards'>{cards}</div>"
        f"<table><tr><th>번호</th><th>제목</th><th>등록일</th></tr>{table}</table></div>"
    )
    got = rows(page(body))
    assert [(t, d, n) for t, _, d, n in got] == [
        ("개인정보 처리방침 개정 안내", "2025-01-02", True),
        ("누리집 이용 약관 변경 안내", "2025-01-01", True),
        ("제12회 구민 체육대회 개최 알림", "2025-03-12", False),
        ("제11회 구민 체육대회 개최 알림", "2025-03-11", False),
        ("제10회 구민 체육대회 개최 알림", "2025-03-10", False),
    ]


def test_photo_cards_before_the_list_are_one_list_and_a_most_read_box_is_not():
    photos = "".join(
        f"<div class='item'><a href='/news/view.do?id={n}'><img src='/thumb/{n}.jpg' alt=''>"
        f"<p class='tit'>도서관 {n}호점 개관식 열려</p></a><span class='date'>2025-03-{n}</span>"
        "</div>"
        for n in (21, 20)
    )
    items = "".join(
        f"<li><a href='/news/view.do?id={n}'>구청 소식 {n}번째 보도자료 배포</a>"
        f"<span class='date'>2025-03-{n}</span></li>"
        for n in (19, 18, 17)
    )
    popular = "".join(
        f"<li><a href='/news/view.do?id={n}'>많이 본 보도자료 {n}번째 제목입니다</a>"
        f"<span class='date'>2025-02-{n}</span></li>"
        for n in (11, 12)
    )
    body = (
        f"<div class='board'><div class='photo_wrap'>{photos}</div><ul class='list'>{items}</ul>"
        f"<ul class='popular'>{popular}</ul></div>"
    )
    assert [u for _, u, _, _ in rows(page(body))] == [
        f"{SITE}/news/view.do?id={n}" for n in (21, 20, 19, 18, 17)
    ]


def test_a_search_filter_table_is_not_read_as_posts():
    filters = "".join(
        f"<tr><td><a href='/biz/list.do?org={code}'>{name}</a></td><td>{count}</td></tr>"
        for code, name, count in (
            ("", "전체", 120),
            ("1290000", "국방부", 12),
            ("1342000", "교육부", 8),
        )
    )
    cards = "".join(
        f"<div class='biz'><a href='/biz/view.do?pblancId=PB{n}'><p>2025년 중소기업 수출바우처"
        f" {n}차 참여기업 모집 공고</p></a><span>신청기간 2025.03.01 ~ 2025.04.0{n}</span></div>"
        for n in (3, 2, 1)
    )
    body = f"<table class='filter'>{filters}</table><div class='biz_list'>{cards}</div>"
    assert [(t, d) for t, _, d, _ in rows(page(body))] == [
        (f"2025년 중소기업 수출바우처 {n}차 참여기업 모집 공고", None) for n in (3, 2, 1)
    ]


# --------------------------------------------------------------------------- titles


def test_an_in_page_toggle_title_takes_its_address_from_the_rows_detail_link():
    items = "".join(
        f"<li><a href='#cont-{n}' class='tit'>2025년 하반기 {n}차 채용 계획 공고</a>"
        f"<span class='date'>2025-03-0{n}</span><div id='cont-{n}' class='cont'"
        f" style='display:none'><p>요약입니다.</p><a href='/bbs/view.do?seq={n}'>자세히보기</a>"
        "</div></li>"
        for n in (3, 2, 1)
    )
    assert rows(page(f"<ul class='toggle_list'>{items}</ul>")) == [
        (
            f"2025년 하반기 {n}차 채용 계획 공고",
            f"{SITE}/bbs/view.do?seq={n}",
            f"2025-03-0{n}",
            False,
        )
        for n in (3, 2, 1)
    ]


# --------------------------------------------------------------------------- the script reader


def _onclick_table(calls: list[str], form: str = "") -> str:
    return form + (
        "<table><tr><th>번호</th><th>제목</th><th>등록일</th></tr>"
        + "".join(
            f"<tr><td>{n}</td><td><a href='#none' onclick=\"{call}; return false;\">보도자료 {n}번"
            f" 제목입니다</a></td><td>2025-01-{n:02d}</td></tr>"
            for n, call in enumerate(calls, 1)
        )
        + "</table>"
    )


FORM = (
    "<form name='frm' action='/bbs/view.do' method='get'><input type='hidden' name='bbs'"
    " value='press'><input type='hidden' name='nttNo'></form>"
)


def test_typeof_storage_and_history_before_a_form_submit():
    script = """
    function goView(no) {
        if (typeof no === 'undefined') { return; }
        if (typeof window.sessionStorage != 'undefined') {
            sessionStorage.setItem('lastNo', no);
        }
        history.replaceState(null, '', location.href);
        document.frm.nttNo.value = no;
        document.frm.submit();
    }
    """
    got = parse_list(page(_onclick_table(["goView('51')", "goView('52')"], FORM), script), LIST)
    assert [p.url for p in got.posts] == [
        f"{SITE}/bbs/view.do?bbs=press&nttNo=51",
        f"{SITE}/bbs/view.do?bbs=press&nttNo=52",
    ]
    assert got.undefined == []


def test_object_arguments_and_their_properties():
    script = """
    function page_move(opt) {
        var mode = opt.mode ? opt.mode : 'view';
        location.href = '/bbs/' + mode + '.do?no=' + opt.no;
    }
    """
    calls = ["page_move({no: 123, mode: 'list'})", "page_move({'no': 124})"]
    assert [u for _, u, _, _ in rows(page(_onclick_table(calls), script))] == [
        f"{SITE}/bbs/list.do?no=123",
        f"{SITE}/bbs/view.do?no=124",  # a property the literal lacks is undefined: falsy
    ]


def test_a_pager_built_by_helper_functions_and_a_bound_handler():
    script = """
    function listUrl(p) { return '/board/list.do?bbs=' + BBS + '&page=' + p; }
    function goPage(p) { location.href = listUrl(p); }
    $(document).on('click', '.paging a[data-page]', function (e) {
        e.preventDefault();
        goPage($(this).attr('data-page'));
    });
    var BBS = 'notice';
    """
    body = _onclick_table(["goView(1)", "goView(2)"]) + (
        "<div class='paging'><strong>1</strong><a href='#' data-page='2'>2</a>"
        "<a href='#' data-page='3'>3</a></div>"
    )
    got = parse_list(page(body, script), LIST)
    assert got.next_page == f"{SITE}/board/list.do?bbs=notice&page=2"


def test_ajax_and_post_loads_are_read_as_their_address_with_the_data_as_query():
    script = """
    function fnView(id) {
        $.ajax({ url: '/board/detail.do', type: 'post', data: { boardId: 'notice', seq: id },
                 success: function (html) { $('#viewArea').html(html); } });
    }
    function fnPost(id) { $.post('/board/detail.do', { boardId: 'notice', seq: id }); }
    """
    got = parse_list(page(_onclick_table(["fnView(77)", "fnPost(78)"]), script), LIST)
    assert [p.url for p in got.posts] == [
        f"{SITE}/board/detail.do?boardId=notice&seq=77",
        f"{SITE}/board/detail.do?boardId=notice&seq=78",
    ]
    assert got.warnings[0] == "row 1 «보도자료 1번 제목입니다»: address read from a $.ajax() call"


def test_a_box_of_another_boards_posts_beside_the_list_is_not_merged():
    def items(board: str, first: int) -> str:
        return "".join(
            f"<li><a href='/bbs/board.php?bo_table={board}&wr_id={n}'>{board} 게시판의 {n}번째"
            f" 글 제목</a><span class='date'>2025-03-{n:02d}</span></li>"
            for n in range(first, first + 3)
        )

    body = f"<div class='wrap'><ul class='list'>{items('press', 1)}</ul><div class='box'>"
    body += f"<h3>공지사항</h3><ul>{items('notice', 11)}</ul></div></div>"
    assert [u for _, u, _, _ in rows(page(body))] == [
        f"{SITE}/bbs/board.php?bo_table=press&wr_id={n}" for n in (1, 2, 3)
    ]


def test_rows_a_handler_is_bound_to_and_an_inline_dataset_read():
    script = """
    $('ul.news > li').click(function () {
        location.href = '/news/read.do?seq=' + $(this).attr('data-seq');
    });
    """
    items = "".join(
        f"<li data-seq='{n}'><p class='subject'>구정 소식 제{n}호 발간 안내</p>"
        f"<span class='date'>2025-02-0{n}</span></li>"
        for n in (4, 3)
    )
    inline = "".join(
        f"<li><a href='#' data-no='{n}' onclick=\"location.href='/news/read.do?seq=' +"
        f' this.dataset.no; return false;">구정 소식 제{n}호 발간 안내</a>'
        f"<span class='date'>2025-02-0{n}</span></li>"
        for n in (2, 1)
    )
    body = f"<ul class='news'>{items}</ul><ul class='old'>{inline}</ul>"
    assert [(t, u) for t, u, _, _ in rows(page(body, script))] == [
        (f"구정 소식 제{n}호 발간 안내", f"{SITE}/news/read.do?seq={n}") for n in (4, 3, 2, 1)
    ]


def test_undated_cards_win_over_a_dated_latest_box_in_the_sidebar():
    latest = "".join(
        f"<li><a href='/bbs/view.do?bbs=news&no={n}'>최근 소식 {n}번째 안내 글</a>"
        f"<span>2025-03-0{n}</span></li>"
        for n in range(1, 6)
    )
    cards = "".join(
        f"<div class='card'><a href='/biz/view.do?pbancSn={n}'><h3>2025년 지역혁신 {n}차"
        f" 지원사업 공고</h3><p>접수 2025.04.01 ~ 2025.04.30</p></a></div>"
        for n in range(1, 9)
    )
    body = f"<aside class='side'><ul>{latest}</ul></aside><div class='cards'>{cards}</div>"
    assert [u for _, u, _, _ in rows(page(body))] == [
        f"{SITE}/biz/view.do?pbancSn={n}" for n in range(1, 9)
    ]


def test_a_title_cell_with_the_address_on_a_generic_detail_link():
    table = "".join(
        f"<tr><td>{n}</td><td class='subject'>제{n}차 주민자치위원회 회의 결과 알림</td>"
        f"<td>2025-02-1{n}</td><td><a href='/bbs/view.do?idx={n}' class='btn'>상세보기</a></td>"
        "</tr>"
        for n in (2, 1)
    )
    body = f"<table><tr><th>번호</th><th>제목</th><th>등록일</th><th>보기</th></tr>{table}</table>"
    assert rows(page(body)) == [
        (
            f"제{n}차 주민자치위원회 회의 결과 알림",
            f"{SITE}/bbs/view.do?idx={n}",
            f"2025-02-1{n}",
            False,
        )
        for n in (2, 1)
    ]
