"""The post's title heading, cross-checked with the page's own ``<title>``/``og:title``,
on pages whose class names say nothing (a custom CMS: no "title" or "subject" class).
The pages are made up."""

from __future__ import annotations

from pressclip.extract.dispatch import extract_html

TITLE = "한빛시, 전통시장 주차장 3곳 새로 연다…주말 무료 개방"
BODY = (
    "<p>한빛시는 전통시장 이용객의 주차 불편을 덜기 위해 시장 세 곳에 공영주차장을 새로 "
    "짓는다고 밝혔다. 주말에는 누구나 무료로 이용할 수 있다.</p>"
    "<p>시는 상반기 설계를 마치고 하반기에 공사를 시작해 내년 봄 문을 열 계획이다.</p>"
)


def page(header: str, *, doc_title: str = f"{TITLE} > 보도자료 | 한빛시") -> str:
    return f"""<html lang="ko"><head><title>{doc_title}</title></head><body>
<div class="k1"><h2 class="k2">보도자료</h2></div>
<article class="k3">{header}<div class="k4">{BODY}</div></article></body></html>"""


def test_a_section_heading_before_the_labels_gives_way_to_the_repeated_title():
    header = f"""<header class="k5"><h2 class="k6">{TITLE}</h2></header>
<section class="k7"><h2>페이지 정보</h2>
<span>작성자</span> <strong>홍보담당관</strong> <span>작성일</span> <strong>24-05-02 10:00</strong>
</section>"""
    art = extract_html(page(header), "https://www.hanbit.example.kr/bbs/board.php?wr_id=7")
    assert art.title == TITLE
    assert art.author == "홍보담당관"


def test_a_category_badge_element_inside_the_heading_is_not_the_title():
    header = f"""<h1 class="k6"><span class="k8">교통·주차</span> {TITLE}</h1>
<p><span>작성자</span> 홍보담당관 <span>등록일</span> 2024-05-02</p>"""
    art = extract_html(page(header), "https://www.hanbit.example.kr/news/7")
    assert art.title == TITLE


def test_words_typed_in_the_heading_stay_though_the_document_title_lacks_them():
    typed = f"'주차난 해소' {TITLE}"
    header = f"""<h1 class="k6">{typed}</h1>
<p><span>작성자</span> 홍보담당관 <span>등록일</span> 2024-05-02</p>"""
    art = extract_html(page(header), "https://www.hanbit.example.kr/news/7")
    assert art.title == typed


def test_a_date_shown_above_the_title_in_its_box():
    header = f"""<div class="k9"><div class="k10"><span>2024.05.02 10:15</span></div>
<h1 class="k11"><a href="/news/7">{TITLE}</a></h1></div>
<div class="k12"><span>조회 수 <b>312</b></span><span>추천 수 <b>0</b></span></div>"""
    html = page(header, doc_title=f"{TITLE} - 보도자료").replace(
        "<head>", f'<head><meta property="og:title" content="{TITLE} - 보도자료">'
    )
    art = extract_html(html, "https://www.hanbit.example.kr/news/7")
    assert art.title == TITLE  # the heading, not og:title with the board's name
    assert art.views == 312  # the views row beside the title's box is the header's
    assert art.published_iso.startswith("2024-05-02")


def test_a_writers_menu_of_links_is_not_part_of_the_author():
    header = f"""<h2 class="k6">{TITLE}</h2>
<div class="k20"><div class="k21">작성자</div><div class="k22"><div class="k23">
<span class="k24">한빛시 교통정책과</span><div class="k25"><ul>
<li><a href="/bbs/?mod=list&author_id=3">작성 게시글 보기</a></li>
<li><a href="/bbs/memo?to=3">쪽지보내기</a></li></ul></div></div></div>
<div class="k21">작성일</div><div class="k22">2024-05-02</div></div>"""
    art = extract_html(page(header), "https://www.hanbit.example.kr/news/7")
    assert art.author == "한빛시 교통정책과"


def test_an_icon_between_a_label_and_its_value():
    header = f"""<h2 class="k6">{TITLE}</h2>
<p><strong><span>작성일</span><i class="k30" aria-hidden="true"></i> 24-05-02 10:15</strong>
<strong><span>조회</span><i class="k31"></i> 312회</strong></p>"""
    art = extract_html(page(header), "https://www.hanbit.example.kr/news/7")
    assert art.published_iso.startswith("2024-05-02T10:15")
    assert art.views == 312


def test_dates_of_comments_and_files_after_the_text_do_not_make_the_post_a_list():
    header = f"""<h2 class="k6">{TITLE}</h2>
<p><span>작성자</span> 홍보담당관 <span>작성일</span> 2024-05-02 10:15</p>"""
    after = "".join(
        f'<div class="k40"><span>작성자</span> 시민{i} <span>작성일</span> 2024-05-0{i} 12:00'
        f"<p>좋은 소식이네요 {i}</p></div>"
        for i in range(3, 7)
    )
    html = page(header).replace("</article>", f"</article><section>{after}</section>")
    art = extract_html(html, "https://www.hanbit.example.kr/news/7")
    assert art.title == TITLE
    assert art.published_iso.startswith("2024-05-02T10:15")
    assert "전통시장" in art.body


def test_the_header_ends_inside_a_layout_table_that_holds_the_whole_post():
    # an old table layout: one table around date, title, writer, file and text; the
    # header ends with its own rows, not with the table (whose end is the page's footer)
    paragraphs = "".join(
        f"<p><font size=2>{s}</font></p><p>&nbsp;</p>"
        for s in (
            "한빛시는 중앙시장 동쪽 옛 창고 부지에 120면 규모의 공영주차장을 만든다고 밝혔다.",
            "사업비 18억 원이 들어가는 이번 공사는 이달 말 착공해 내년 3월 완공할 예정이다.",
        )
    )
    html = f"""<html><head><title>보도자료 &gt; {TITLE} | 한빛시청</title></head><body>
<table width="980"><tr><td width="200" valign="top"><table>
<tr><td><a href="/bbs/board.php?bo_table=press">보도자료</a></td></tr>
<tr><td><a href="/bbs/board.php?bo_table=notice">공지사항</a></td></tr>
<tr><td>민원상담 041-000-2000<br>평일 09:00 ~ 18:00</td></tr></table></td>
<td width="770" valign="top">
<table width="97%"><tr><td>
<div style="clear:both"><div style="float:left"><span>작성일 : 09-10-12 15:37</span></div></div>
<div><table><tr><td><div style="font-weight:bold">{TITLE}</div></td></tr></table></div>
<table><tr><td><div style="float:left">&nbsp;글쓴이 : <a href="javascript:;">한빛시청</a></div>
<div style="float:right">조회 : 1,043</div></td></tr>
<tr><td><span>{paragraphs}</span></td></tr></table>
</td></tr></table>
</td></tr></table>
<table><tr><td>충청남도 한빛시 시청길 20 대표전화 : 041-000-2000</td></tr>
<tr><td>Copyright (c) 한빛시청. All rights reserved.</td></tr></table></body></html>"""
    art = extract_html(html, "http://www.hanbit.example.kr/bbs/board.php?wr_id=412")
    assert art.body.startswith("한빛시는 중앙시장")
    assert "Copyright" not in art.body
    assert art.views == 1043


def test_the_writer_from_og_article_author_when_no_label_names_it():
    # XE and Rhymix name the post's writer in <meta property="og:article:author">; the
    # page shows the name as a bare link with no label
    header = f"""<h1 class="k6">{TITLE}</h1><p class="k7">2024.05.02 10:15</p>
<div class="k8"><a href="#popup" class="k9">교통정책과</a><span>조회 수 <b>312</b></span></div>"""
    html = page(header).replace(
        "<head>", '<head><meta property="og:article:author" content="교통정책과">'
    )
    art = extract_html(html, "https://www.hanbit.example.kr/news/7")
    assert art.author == "교통정책과"
