"""A short post (one or two sentences, no header labels) on a page whose footer says more:
the footer a Korean site prints under every page (the address opening with its postal code,
the switchboard and fax, the refusal of e-mail harvesting, the copyright) is never the body,
beside a menu, a list of the latest news or a hidden notice layer. Made-up pages."""

from __future__ import annotations

import pytest

import pressclip

TITLE = "한빛시, 전통시장 주차장 3곳 새로 연다"
SENTENCES = [
    "한빛시는 전통시장 이용객의 주차 불편을 덜기 위해 시장 세 곳에 공영주차장을 새로 짓는다고 밝혔다.",
    "주말에는 누구나 무료로 이용할 수 있으며, 평일에는 두 시간까지 요금을 받지 않는다.",
]
FOOTER = (
    "<div><p>(12345) 경기도 한빛시 시청로 1 한빛시청 대표전화 031-000-0000 팩스 031-000-0001</p>"
    "<p>본 홈페이지에 게시된 이메일 주소가 자동 수집되는 것을 거부하며, 이를 위반 시 "
    "정보통신망법에 의해 처벌됨을 유념하시기 바랍니다.</p>"
    "<p>Copyright © 한빛시. All rights reserved.</p></div>"
)
BESIDE = {
    "menu": "<ul>"
    + "".join(f"<li><a href='/m{i}'>시정소식 메뉴 {i}</a></li>" for i in range(10))
    + "</ul>",
    "latest news": "<div><h3>최신 소식</h3><ul>"
    + "".join(
        f"<li><a href='/n{i}'>한빛시 {i}월 주요 행사 일정 및 시민 참여 프로그램 안내</a></li>"
        for i in range(8)
    )
    + "</ul></div>",
    "hidden notice": "<div style='display:none'><p>[알림] 3월 10일 새벽 2시부터 6시까지 "
    "홈페이지 서비스가 중단됩니다. 이용에 불편을 드려 죄송합니다.</p></div>",
}


@pytest.mark.parametrize("sentences", [1, 2])
@pytest.mark.parametrize("beside", sorted(BESIDE))
def test_a_short_post_is_its_body_not_the_footer(beside, sentences):
    body = "".join(f"<p>{s}</p>" for s in SENTENCES[:sentences])
    html = f"""<html lang="ko"><head><title>{TITLE} | 한빛시</title></head><body>
<div>{BESIDE["menu"]}</div><div><div><h3>{TITLE}</h3><div>{body}</div></div>
{BESIDE[beside] if beside != "menu" else ""}</div>{FOOTER}</body></html>"""
    art = pressclip.extract(html, "https://www.hanbit.example.kr/news/5")
    assert art.body.split("\n\n") == SENTENCES[:sentences]


def test_the_footer_inside_the_content_column_is_not_appended():
    body = "".join(f"<p>{s}</p>" for s in SENTENCES)
    html = f"""<html lang="ko"><head><title>{TITLE} | 한빛시</title></head><body>
<div><div><h3>{TITLE}</h3><p>2025.03.04</p><div>{body}</div></div>{FOOTER}</div></body></html>"""
    art = pressclip.extract(html, "https://www.hanbit.example.kr/news/5")
    assert art.body.split("\n\n") == SENTENCES


def test_photo_captions_of_a_korean_post_are_its_text():
    # real releases and articles put a caption under each photo ("사진은 …"): it is the
    # post's own text, whichever reader takes the body
    caption = "중앙시장 공영주차장 예정 부지 전경.(사진=한빛시 제공)"
    body = f"<figure><img src='/p.jpg' width=600><figcaption>{caption}</figcaption></figure>"
    body += "".join(f"<p>{s}</p>" for s in SENTENCES)
    for header in ("<p><span>작성일</span> 2025-03-04</p>", ""):
        html = f"""<html lang="ko"><head><title>{TITLE} | 한빛시</title></head><body>
<div><div><h3>{TITLE}</h3>{header}<div>{body}</div></div></div>{FOOTER}</body></html>"""
        art = pressclip.extract(html, "https://www.hanbit.example.kr/news/5")
        assert art.body.split("\n\n") == [caption, *SENTENCES]
