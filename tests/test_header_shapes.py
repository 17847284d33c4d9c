"""The post header in the shapes boards print it: labels and values in a definition list,
list items, spans, table cells, label cells of their own, one "label : value" line with
bars, labels in brackets, and an info line of parts separated by ``·`` or ``/`` (the date
a part alone, the views labelled). Each shape with the title in a heading and without
(the title then comes from the page's ``<title>``). The pages are made up."""

from __future__ import annotations

import pytest

from pressclip.extract.dispatch import extract_html

TITLE = "한빛시, 전통시장 주차장 3곳 새로 연다"
BODY = (
    "<p>한빛시는 전통시장 이용객의 주차 불편을 덜기 위해 시장 세 곳에 공영주차장을 새로 "
    "짓는다고 밝혔다. 주말에는 누구나 무료로 이용할 수 있다.</p>"
    "<p>시는 상반기 설계를 마치고 하반기에 공사를 시작해 내년 봄 문을 열 계획이다.</p>"
)
A, D, V = "교통정책과", "2025-03-04", "1,234"

LABELLED = {
    "dl": f"<dl><dt>작성자</dt><dd>{A}</dd><dt>작성일</dt><dd>{D}</dd><dt>조회수</dt><dd>{V}</dd></dl>",
    "li": f"<ul><li><strong>작성자</strong> {A}</li><li><strong>작성일</strong> {D}</li>"
    f"<li><strong>조회수</strong> {V}</li></ul>",
    "spans": f"<div><span>작성자</span><span>{A}</span><span>작성일</span><span>{D}</span>"
    f"<span>조회수</span><span>{V}</span></div>",
    "th-td": f"<table><tr><th>작성자</th><td>{A}</td><th>작성일</th><td>{D}</td>"
    f"<th>조회수</th><td>{V}</td></tr></table>",
    "div-cells": f"<div><div><div>작성자</div><div>{A}</div></div><div><div>작성일</div>"
    f"<div>{D}</div></div><div><div>조회수</div><div>{V}</div></div></div>",
    "bars": f"<p>작성자 : {A} | 작성일 : {D} | 조회수 : {V}</p>",
    "bars-no-colon": f"<p>작성자 {A} | 등록일 {D} | 조회 {V}</p>",
    "brackets": f"<p>[작성자] {A} [작성일] {D} [조회수] {V}</p>",
}
INFO_LINES = {
    "dots": f"<div>{A} · {D} · 조회 {V}회</div>",
    "slashes": f"<p>{A} / {D} / 조회 {V}</p>",
}


def page(header: str, heading: bool) -> str:
    h3 = f"<h3>{TITLE}</h3>" if heading else ""
    return f"""<html lang="ko"><head><title>{TITLE} | 한빛시</title></head><body>
<div class="wrap"><div class="post">{h3}{header}<div class="txt">{BODY}</div></div></div>
</body></html>"""


@pytest.mark.parametrize("heading", [True, False], ids=["heading", "no-heading"])
@pytest.mark.parametrize("shape", sorted(LABELLED))
def test_labelled_header_shapes(shape, heading):
    art = extract_html(page(LABELLED[shape], heading), "https://www.hanbit.example.kr/news/5")
    assert (art.title, art.author, art.views) == (TITLE, A, 1234)
    assert art.published_iso.startswith(D)
    assert art.body.startswith("한빛시는")


@pytest.mark.parametrize("heading", [True, False], ids=["heading", "no-heading"])
@pytest.mark.parametrize("shape", sorted(INFO_LINES))
def test_info_line_of_parts(shape, heading):
    # the writer part has no label: it is not guessed
    art = extract_html(page(INFO_LINES[shape], heading), "https://www.hanbit.example.kr/news/5")
    assert (art.title, art.views) == (TITLE, 1234)
    assert art.published_iso.startswith(D)
    assert art.body.startswith("한빛시는")


def test_a_title_row_in_the_header_table_under_a_board_heading():
    # the board's name stands as the heading above a table whose first row is 제목: the
    # header is the table, and a short post after it is the body, not what follows it
    header = (
        f"<h2>보도자료</h2><table><tr><th>제목</th><td>{TITLE}</td></tr>"
        f"<tr><th>작성자</th><td>{A}</td><th>작성일</th><td>{D}</td></tr></table>"
    )
    html = f"""<html lang="ko"><head><title>{TITLE} | 한빛시</title></head><body>
<div class="wrap">{header}<div class="txt"><p>{"한빛시는 전통시장 주차장을 새로 짓는다고 밝혔다. " * 4}</p></div>
<div class="mgr">담당부서 : 교통정책과 담당자 : 김한빛 연락처 : 031-000-1234</div></div>
</body></html>"""
    art = extract_html(html, "https://www.hanbit.example.kr/news/5")
    assert art.title == TITLE
    assert art.body.startswith("한빛시는")
    assert "보도자료" not in art.body and "제목" not in art.body


def test_a_satisfaction_survey_after_a_short_post_is_not_its_body():
    survey = (
        "<div><h4>이 페이지에서 제공하는 정보에 만족하십니까?</h4><label><input type=radio>"
        "매우만족</label><label><input type=radio>만족</label><button>평가하기</button></div>"
    )
    post = '<div class="txt"><p>붙임 파일을 참고하시기 바랍니다.</p></div>' + survey
    html = page(LABELLED["th-td"], True).replace('<div class="txt">' + BODY + "</div>", post)
    art = extract_html(html, "https://www.hanbit.example.kr/news/5")
    assert art.body == "붙임 파일을 참고하시기 바랍니다."
