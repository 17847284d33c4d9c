"""One resolver for every field: small pages of our own, one per mechanism of the view pages
of unseen sites (body placement, header shapes, author labels, chrome, files), and the
resolver's cross-checks, each shown to matter by turning it off."""

from __future__ import annotations

import pytest

import pressclip
from pressclip.extract import choose
from pressclip.extract.choose import Hints, choose_body
from pressclip.extract.dispatch import describe
from pressclip.extract.fields import Proposal
from pressclip.extract.rank import Rank

URL = "http://board.example.kr/bbs/view.do?idx=7"

PROSE = (
    "한솔시는 올해 청년 창업 지원 예산을 30억 원으로 늘리고 창업 공간 두 곳을 새로 연다고 밝혔다.",
    "시는 입주 기업에 2년 동안 임대료를 받지 않고, 전문가 상담과 투자 설명회를 함께 제공한다.",
    "시 관계자는 청년들이 지역에서 꿈을 펼칠 수 있도록 끝까지 돕겠다고 말했다.",
)
MENU = """<div id="gnb"><ul><li><a href="/a">시정소식</a></li><li><a href="/b">보도자료</a></li>
<li><a href="/c">고시공고</a></li><li><a href="/d">시민참여</a></li></ul></div>"""
FOOTER = """<div id="footer"><p>한솔시청 주소: 한솔로 1 · 대표전화 031-000-0000</p>
<p>Copyright © 2025 Hansol City. All rights reserved.</p></div>"""


def page(body: str, title: str = "보도자료 | 한솔시") -> str:
    return (
        f'<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body>{MENU}<div id='contents'>{body}</div>{FOOTER}</body></html>"
    )


def read(html: str) -> pressclip.Article:
    return pressclip.extract(html, URL)


def has_prose(article: pressclip.Article) -> bool:
    return all(line in article.paragraphs for line in PROSE)


# --------------------------------------------------------------------------- body placement


def test_body_in_a_pre_after_the_header():
    html = page(
        '<div class="view"><h3 class="subject">청년 창업 지원 확대</h3>'
        '<ul class="info"><li>작성자 : 홍보실</li><li>작성일 : 2025-03-04</li></ul>'
        "<pre>" + "\n\n".join(PROSE) + "</pre></div>"
    )
    article = read(html)
    assert article.title == "청년 창업 지원 확대"
    assert has_prose(article)


def test_body_in_a_cell_after_a_header_table_of_label_and_value_cells():
    html = page(
        '<table class="view"><tr><td class="title" colspan="6">청년 창업 지원 확대</td></tr>'
        "<tr><td>작성자</td><td>홍길동</td><td>작성일</td><td>2019-08-02 오후 3:05:00</td>"
        "<td>조회</td><td>57</td></tr>"
        '<tr><td colspan="6">' + "<br>".join(PROSE) + "</td></tr></table>"
    )
    article = read(html)
    assert (article.author, article.views) == ("홍길동", 57)
    assert article.published_iso == "2019-08-02T15:05:00+09:00"
    assert has_prose(article)


def test_body_several_siblings_after_the_header():
    html = page(
        '<div class="board_view"><h4 class="tit">청년 창업 지원 확대</h4>'
        '<div class="info"><span>등록자 : 홍보실</span><span>등록일 : 2025.03.04</span></div>'
        '<div class="sns"><a href="#">페이스북</a><a href="#">트위터</a></div>'
        '<div class="photo"><img src="/p.jpg" width="600"></div>'
        '<div class="cont">' + "".join(f"<p>{p}</p>" for p in PROSE) + "</div></div>"
    )
    assert has_prose(read(html))


def test_body_split_only_by_invalid_closing_br_tags():
    html = page(
        '<div class="view"><h3 class="subject">청년 창업 지원 확대</h3>'
        "<p>작성자 : 홍보실 | 작성일 : 2025-03-04</p>"
        '<div class="txt">' + "</br>".join(PROSE) + "</div></div>"
    )
    assert has_prose(read(html))


def test_an_ajax_fragment_without_html_or_head():
    html = (
        '<div class="view"><h3 class="subject">청년 창업 지원 확대</h3>'
        "<dl><dt>작성자</dt><dd>홍보실</dd><dt>등록일</dt><dd>2025-03-04</dd></dl>"
        '<div class="cont">' + "".join(f"<p>{p}</p>" for p in PROSE) + "</div></div>"
    )
    article = read(html)
    assert (article.title, article.author) == ("청년 창업 지원 확대", "홍보실")
    assert article.published_iso == "2025-03-04"
    assert has_prose(article)


def test_a_body_after_the_file_box_is_not_the_file_box():
    """The post's files listed above its text: the region right after the header is the
    file box; the resolver takes the text."""
    html = page(
        '<div class="view"><h3 class="view_title">청년 창업 지원 확대</h3>'
        '<div class="info"><span class="itemTitle">작성일</span> <span>2025-12-09</span>'
        '<span class="itemTitle">담당부서</span> <span>경제정책과</span></div>'
        '<ul class="flist"><li><span>보도자료.hwp</span> 다운로드 238KB 미리보기</li>'
        "<li><span>사진.jpg</span> 다운로드 418KB 미리보기</li></ul>"
        '<div class="bbs_view_content">' + "<br>".join(PROSE) + "</div></div>"
    )
    article = read(html)
    assert has_prose(article)
    assert not any("다운로드" in line for line in article.paragraphs)


# --------------------------------------------------------------------------- header shapes


def test_th_td_header_and_title_cell_not_the_site_h1():
    html = page(
        "<h1>한솔시청</h1>"
        '<table class="show"><tr><th>제목</th><td class="title">청년 창업 지원 확대</td></tr>'
        "<tr><th>등록부서</th><td>경제정책과</td><th>등록일</th><td>2025-03-04 09:10:11</td></tr>"
        '<tr><td colspan="4" class="content">' + "<br>".join(PROSE) + "</td></tr></table>"
    )
    article = read(html)
    assert (article.title, article.author) == ("청년 창업 지원 확대", "경제정책과")
    assert article.published_iso == "2025-03-04T09:10:11+09:00"


def test_a_definition_list_header():
    html = page(
        '<div class="view"><h3>청년 창업 지원 확대</h3>'
        "<dl><dt>글쓴이</dt><dd>홍보실</dd><dt>날짜</dt><dd>2025.03.04</dd>"
        "<dt>조회수</dt><dd>1,204</dd></dl>"
        '<div class="cont">' + "".join(f"<p>{p}</p>" for p in PROSE) + "</div></div>"
    )
    article = read(html)
    assert (article.author, article.views) == ("홍보실", 1204)


def test_a_bare_number_right_after_the_date_is_the_view_count():
    html = page(
        '<table class="view"><tr><th>제목</th><td>청년 창업 지원 확대</td></tr>'
        "<tr><th>작성일</th><td>2025-03-04</td><td>312</td></tr>"
        '<tr><td colspan="3">' + "<br>".join(PROSE) + "</td></tr></table>"
    )
    assert read(html).views == 312


def test_the_poster_before_the_department():
    html = page(
        '<div class="view"><h3 class="subject">청년 창업 지원 확대</h3>'
        "<ul><li>담당부서 : 경제정책과</li><li>작성자 : 김민지</li><li>작성일 : 2025-03-04</li></ul>"
        '<div class="cont">' + "".join(f"<p>{p}</p>" for p in PROSE) + "</div></div>"
    )
    assert read(html).author == "김민지"


def test_a_footer_page_manager_box_is_not_the_author():
    html = page(
        '<div class="view"><h3 class="subject">청년 창업 지원 확대</h3>'
        "<dl><dt>날짜</dt><dd>2025.03.04</dd><dt>조회수</dt><dd>52</dd></dl>"
        '<div class="cont">'
        + "".join(f"<p>{p}</p>" for p in PROSE)
        + "</div></div>"
        + '<div id="page_info"><dl><dt>담당부서</dt><dd>기획홍보실 홍보팀</dd>'
        "<dt>전화</dt><dd>061-000-0000</dd></dl></div>"
    )
    article = read(html)
    assert article.author is None
    assert article.views == 52


def test_a_page_manager_box_is_not_the_author_even_without_a_title_heading():
    html = page(
        '<div class="view"><p class="info">작성일 : 2025.03.04 | 조회 : 52</p>'
        '<div class="cont">' + "".join(f"<p>{p}</p>" for p in PROSE) + "</div></div>"
        '<div class="page_manager"><span>자료관리 담당자</span> · <span>담당부서 : 홍보실</span></div>'
    )
    article = read(html)
    assert (article.author, article.views) == (None, 52)


def test_a_repeated_table_header_row_is_shown_once_and_a_row_is_one_line():
    head = "<tr><th>구분</th><th>일시</th><th>장소</th></tr>"
    html = page(
        '<div class="view"><h3 class="subject">청년 창업 지원 확대</h3>'
        "<p>작성자 : 홍보실 | 작성일 : 2025-03-04</p>"
        '<div class="cont">'
        + "".join(f"<p>{p}</p>" for p in PROSE)
        + "<table>"
        + head
        + "<tr><td>1회</td><td>3월 5일</td><td>시청</td></tr>"
        + head
        + "<tr><td>2회</td><td>3월 6일</td><td>구청</td></tr></table></div></div>"
    )
    assert read(html).paragraphs[-4:] == [
        PROSE[-1],
        "구분 일시 장소",
        "1회 3월 5일 시청",
        "2회 3월 6일 구청",
    ]


def test_a_label_cell_beside_its_value_cell_in_divs():
    html = page(
        '<div class="sheet"><div class="cell-mo">공고명</div><div class="cell">청년 창업 지원 공고</div>'
        '<div class="cell-mo">등록일</div><div class="cell">2025-03-04</div></div>'
        '<div class="cont">' + "".join(f"<p>{p}</p>" for p in PROSE) + "</div>"
    )
    article = read(html)
    assert article.title == "청년 창업 지원 공고"


def test_a_body_kept_in_a_hidden_textarea_for_a_script():
    html = page(
        '<table class="view"><tr><th>제목</th><td>청년 창업 지원 공고</td></tr>'
        "<tr><th>담당부서</th><td>경제정책과</td></tr>"
        '<tr><th>안내사항</th><td><textarea id="bizCnText" style="display:none">'
        "&lt;p&gt;※ 붙임의 공고문을 참고하여 신청해 주시기 바랍니다.&lt;/p&gt;</textarea></td></tr>"
        "</table>"
    )
    article = read(html)
    assert article.paragraphs == ["※ 붙임의 공고문을 참고하여 신청해 주시기 바랍니다."]


# --------------------------------------------------------------------------- files


def test_a_nameless_download_button_takes_its_rows_file_name():
    html = page(
        '<div class="view"><h3 class="subject">청년 창업 지원 확대</h3>'
        "<p>작성자 : 홍보실 | 작성일 : 2025-03-04</p>"
        '<div class="cont">' + "".join(f"<p>{p}</p>" for p in PROSE) + "</div>"
        '<div class="file"><button onclick="location.href=\'/common/file_download?all=1\'">'
        "전체(Zip) 다운로드</button><ul><li><span class='name'>붙임 1. 보도자료</span>"
        "<span>[hwp, 20 KB]</span></li><li><span class='name'>사진 1.jpg</span>"
        "<div><button onclick=\"window.open('/common/file_download/7/31/a.jpg', '_blank')\">"
        "다운로드</button><button onclick=\"window.open('/Viewer/31', '_blank')\">바로보기"
        "</button></div></li></ul></div></div>"
    )
    files = [a.to_dict() for a in read(html).attachments]
    assert files == [
        {"name": "사진 1.jpg", "url": "http://board.example.kr/common/file_download/7/31/a.jpg"}
    ]


def test_a_file_list_loaded_later_by_ajax_is_empty():
    html = page(
        '<div class="view"><h3 class="subject">청년 창업 지원 확대</h3>'
        "<p>작성자 : 홍보실 | 작성일 : 2025-03-04</p>"
        '<div class="cont">' + "".join(f"<p>{p}</p>" for p in PROSE) + "</div>"
        '<div class="file"><strong>첨부파일</strong><div id="atchFileDiv"></div></div></div>'
    )
    assert read(html).attachments == []


# --------------------------------------------------------------------------- detect


def test_detect_shows_every_readers_proposal_and_why_one_won():
    html = page(
        '<div class="view"><h3 class="subject">청년 창업 지원 확대</h3>'
        "<p>작성자 : 홍보실 | 작성일 : 2025-03-04</p>"
        '<div class="cont">' + "".join(f"<p>{p}</p>" for p in PROSE) + "</div></div>"
    )
    info = describe(html, URL)
    body = info["fields"]["body"]
    assert body["value"]["first"] == PROSE[0] and body["value"]["last"] == PROSE[-1]
    assert body["why"].startswith("the surest reader")
    sources = {body["source"]} | {p["source"] for p in body["proposals"]}
    assert "densest block of the page" in sources
    assert info["fields"]["author"]["source"].startswith("label '작성자'")


# --------------------------------------------------------------------------- cross-checks

SHORT = ["※ 붙임 참고"]
BIG = [
    f"이용 안내 문단 {i}: " + "시민 여러분께 알려 드리는 긴 안내 문장입니다. " * 3 for i in range(8)
]


def body(lines: list[str], source: str, rank: Rank) -> Proposal:
    return Proposal("body", lines, source, rank)


def test_a_tiny_body_loses_to_another_readers_main_text(monkeypatch):
    cands = [body(SHORT, "region", Rank.REGION), body(BIG, "density", Rank.DENSITY)]
    assert choose_body(cands, Hints()).proposal.source == "density"
    monkeypatch.delitem(choose.BODY_CHECKS, "tiny while another reader sees the main text")
    assert choose_body(cands, Hints()).proposal.source == "region"


def test_an_empty_body_loses_to_another_readers_main_text(monkeypatch):
    cands = [body([], "profile", Rank.ENGINE), body(BIG, "density", Rank.DENSITY)]
    assert choose_body(cands, Hints()).proposal.source == "density"
    monkeypatch.delitem(choose.BODY_CHECKS, "tiny while another reader sees the main text")
    assert choose_body(cands, Hints()).proposal.source == "profile"


def test_a_short_body_two_readers_agree_on_stands(monkeypatch):
    cands = [
        body(SHORT, "label", Rank.LABEL),
        body(SHORT, "textarea", Rank.LABEL),
        body(BIG, "density", Rank.DENSITY),
    ]
    assert choose_body(cands, Hints()).proposal.source == "label"
    monkeypatch.setattr(choose, "agreed", lambda a, b: False)
    assert choose_body(cands, Hints()).proposal.source == "density"


def test_a_body_of_labels_and_file_names_loses(monkeypatch):
    chrome = [f"보도자료 {i}.hwp 다운로드 238KB 미리보기 바로듣기" for i in range(20)]
    chrome += ["작성자", "홍보실", *PROSE]
    cands = [body(chrome, "region", Rank.REGION), body(BIG, "density", Rank.DENSITY)]
    hints = Hints(header_lines={"홍보실"})
    assert choose_body(cands, hints).proposal.source == "density"
    monkeypatch.delitem(choose.BODY_CHECKS, "mostly chrome")
    assert choose_body(cands, hints).proposal.source == "region"


@pytest.mark.parametrize("name", ["한솔시청", "보도자료"])
def test_a_site_or_menu_name_is_no_title(name):
    props = [
        Proposal("title", name, "heading h1", Rank.REGION),
        Proposal("title", "청년 창업 지원 확대", "metadata", Rank.METADATA),
    ]
    hints = Hints(site_names={"한솔시청"}, menus={"보도자료"})
    assert choose.choose(props, hints)["title"].proposal.value == "청년 창업 지원 확대"
    assert choose.choose(props, Hints())["title"].proposal.value == name


def test_the_heading_the_page_title_repeats_wins_among_equals():
    props = [
        Proposal("title", "많이 본 뉴스", "heading h3", Rank.REGION),
        Proposal("title", "청년 창업 지원 확대", "heading h2", Rank.REGION),
    ]
    hints = Hints(title_text="청년 창업 지원 확대 | 한솔시")
    assert choose.choose(props, hints)["title"].proposal.value == "청년 창업 지원 확대"
    assert choose.choose(props, Hints())["title"].proposal.value == "많이 본 뉴스"


def test_an_empty_body_loses_to_a_sentence_another_reader_sees(monkeypatch):
    cands = [body([], "region", Rank.REGION), body([PROSE[0]], "density", Rank.DENSITY)]
    assert choose_body(cands, Hints()).proposal.source == "density"
    monkeypatch.delitem(choose.BODY_CHECKS, "tiny while another reader sees the main text")
    assert choose_body(cands, Hints()).proposal.source == "region"


def test_an_image_only_post_stays_empty_when_the_others_see_only_its_header():
    header = ["제목 청년 창업 지원 공고", "작성자 홍보실", "작성일 2025-03-04"]
    cands = [body([], "region", Rank.REGION), body(header, "density", Rank.DENSITY)]
    hints = Hints(header_lines=set(header))
    assert choose_body(cands, hints).proposal.source == "region"


def test_a_body_read_from_the_whole_page_loses_the_header_and_file_lines_around_it():
    html = page(
        '<table class="view"><tr><th>등록자</th><td>홍보실</td><th>등록일</th><td>2025-03-04</td></tr>'
        '<tr><td colspan="4"><div class="fileBox">보도자료.hwp 다운로드</div></td></tr></table>'
        '<div class="viewer"></div><div class="text">'
        + "".join(f"<p>{p}</p>" for p in PROSE)
        + "</div>"
    )
    article = read(html)
    assert article.paragraphs == list(PROSE)


def test_a_title_below_the_body_is_no_title(monkeypatch):
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(
        "<div class='info'>작성자 홍보실</div><div class='cont'><p>본문</p></div>"
        "<div class='related'><h4 class='title'>다른 글 제목</h4></div><h2>청년 창업 지원</h2>"
    )
    info, related = tree.css_first(".info"), tree.css_first("h4")
    props = [
        Proposal("body", [PROSE[0]], "region", Rank.REGION, info),
        Proposal("title", "다른 글 제목", "profile selector", Rank.ENGINE, related),
        Proposal("title", "청년 창업 지원", "metadata", Rank.METADATA),
    ]
    assert choose.choose(props)["title"].proposal.value == "청년 창업 지원"
    monkeypatch.setattr(choose, "below_body", lambda prop, body: False)
    assert choose.choose(props)["title"].proposal.value == "다른 글 제목"


def test_a_header_without_labels_a_title_over_a_date_alone():
    html = page(
        '<div class="view"><h4 class="tit">청년 창업 지원 확대</h4><p>2024년 1월 5일</p>'
        '<div class="txt">' + "".join(f"<p>{p}</p>" for p in PROSE) + "</div></div>"
    )
    article = read(html)
    assert (article.title, article.published_iso) == ("청년 창업 지원 확대", "2024-01-05")
    assert has_prose(article)


def test_a_board_name_in_the_page_title_is_no_post_title():
    html = page('<div class="txt">' + "".join(f"<p>{p}</p>" for p in PROSE) + "</div>")
    assert read(html).title is None  # <title>보도자료 | 한솔시</title>: the menu's 보도자료


def test_a_body_that_is_a_section_of_another_readers_body_loses(monkeypatch):
    whole = [*PROSE, *(line + " 추가" for line in PROSE), *(line + " 또" for line in PROSE)]
    cands = [body(list(PROSE), "region", Rank.REGION), body(whole, "density", Rank.DENSITY)]
    assert choose_body(cands, Hints()).proposal.source == "density"
    monkeypatch.delitem(choose.BODY_CHECKS, "a part of another reader's body")
    assert choose_body(cands, Hints()).proposal.source == "region"


def test_class_named_fields_under_a_title_with_a_date_alone():
    html = page(
        '<div class="view_top"><p class="title">청년 창업 지원 확대</p><p class="info">'
        '<span class="name">홍보과</span><span class="date">2024.01.05</span>'
        '<span class="hit">조회 123</span></p></div><div class="view_body">'
        + "".join(f"<p>{p}</p>" for p in PROSE)
        + "</div>"
    )
    article = read(html)
    assert (article.title, article.author, article.views) == ("청년 창업 지원 확대", "홍보과", 123)
    assert article.published_iso == "2024-01-05"


def test_a_footers_label_makes_no_post_header_of_a_list_page():
    from pressclip.extract.dispatch import is_list_page

    cards = "".join(
        f'<li><a href="/news/view.do?idx={i}"><div class="tit">한솔시 소식 {i}호 발간</div>'
        f'<span class="date">2025-03-0{i}</span></a></li>'
        for i in range(1, 7)
    )
    html = page(
        f'<ul class="card_list">{cards}</ul>'
        '<div id="page_info"><dl><dt>담당부서</dt><dd>기획홍보실</dd></dl></div>'
    )
    assert is_list_page(html)


def test_a_file_name_shown_beside_an_icons_word_in_its_link():
    html = page(
        '<div class="view"><h3 class="subject">청년 창업 지원 확대</h3>'
        "<p>작성자 : 홍보실 | 작성일 : 2025-03-04</p>"
        '<div class="cont">' + "".join(f"<p>{p}</p>" for p in PROSE) + "</div>"
        '<ul class="file"><li><a href="/common/file_download/7/31/a.jpg">'
        '<span class="icon">이미지</span> <strong>사진 1.jpg</strong>'
        '<span class="info">(1 hit/ 360.6 KB)</span><span class="icon">다운로드</span></a></li>'
        "</ul></div>"
    )
    assert [a.name for a in read(html).attachments] == ["사진 1.jpg"]


def test_detect_reads_a_document_as_clean_does(cli, fixtures):
    code, out, err = cli("detect", fixtures / "attachments" / "hansol_press.hwp")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[:2] == ["reader: hwp5", "kind: view"]
    assert "title: 한솔군, 폐교를 청년 창업 공간으로 바꾼다" in lines
    assert "    from hwp5 document: its headline: the only reader" in lines


def test_clean_verbose_names_each_fields_source(cli, tmp_path):
    path = tmp_path / "post.html"
    path.write_text(
        page(
            '<div class="view"><h3 class="subject">청년 창업 지원 확대</h3>'
            "<p>작성자 : 홍보실 | 작성일 : 2025-03-04</p>"
            '<div class="cont">' + "".join(f"<p>{p}</p>" for p in PROSE) + "</div></div>"
        ),
        "utf-8",
    )
    code, out, err = cli("clean", "-v", path, "--base-url", URL)
    assert code == 0, err
    assert f"pressclip: {path}: author from label '작성자' (label: value)" in err
    assert f"pressclip: {path}: body from after the post header (text density)" in err


@pytest.mark.parametrize(
    "title_row",
    ['<tr><th colspan="4">청년 창업 지원 확대</th></tr>', "<tr><td>청년 창업 지원 확대</td></tr>"],
)
def test_the_title_cell_of_a_header_table_not_the_sites_logo(title_row):
    html = page(
        '<h1><a href="/">한솔시청</a></h1><table class="bbs_view">'
        + title_row
        + "<tr><th>작성자</th>"
        "<td>홍보과</td><th>등록일</th><td>2024-01-05</td></tr>"
        '<tr><td colspan="4">' + "<br>".join(PROSE) + "</td></tr></table>"
    )
    article = read(html)
    assert (article.title, article.author) == ("청년 창업 지원 확대", "홍보과")


def test_a_labels_value_with_a_long_run_of_spaces_is_read_in_linear_time():
    import subprocess
    import sys

    code = (
        "from pressclip.extract.fields import _first_segment\n"
        "assert _first_segment('홍길동' + ' \\t' * 200_000 + '| 2024') == '홍길동'\n"
    )
    # Quadratic backtracking takes about 40 minutes here; linear, a tenth of a second.
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_a_share_bar_between_the_header_and_the_body_does_not_end_the_body():
    html = page(
        '<div class="view"><h3 class="subject">청년 창업 지원 확대</h3>'
        "<p>작성자 : 홍보실 | 작성일 : 2024-01-05</p>"
        '<div class="sns_share"><a href="#">페이스북</a><a href="#">인쇄</a></div>'
        '<div class="txt"><table><tr><td>' + "<br>".join(PROSE) + "</td></tr></table></div></div>"
    )
    assert read(html).paragraphs == list(PROSE)


def test_the_sites_licence_manager_and_survey_lines_under_a_whole_page_body_go():
    html = page(
        '<div class="view"><h3 class="subject">청년 창업 지원 확대</h3>'
        "<p>작성자 : 홍보실 | 작성일 : 2024-01-05</p>"
        '<div class="sns_share"><a href="#">인쇄</a></div></div>'
        '<div class="wrap"><div class="txt">' + "<br>".join(PROSE) + "</div>"
        '<p>본 저작물은 "공공누리" 제1유형:출처표시 조건에 따라 이용 할 수 있습니다.</p>'
        "<p>콘텐츠 관리부서 홍보지원담당관 (061-000-0000)</p>"
        "<p>Q. 현재 페이지에서 제공되는 서비스에 대하여 만족하십니까?</p>"
        "<ul><li>매우 만족</li><li>만족</li><li>보통</li><li>불만족</li><li>매우 불만족</li></ul></div>"
    )
    assert read(html).paragraphs == list(PROSE)
