"""A row's title when its link holds more than the title, on pages whose class names say
nothing (no "title", "date" or "category" class): a bracketed category element before
the title, a date element after it, a comment count after it, a details block beside it.
The pages are made up."""

from __future__ import annotations

from pressclip.extract.dispatch import parse_list

LIST_URL = "https://www.hanbit.example.kr/news/list.do"
TITLES = [
    "한빛시, 전통시장 주차장 3곳 새로 연다",
    "한빛시 청년 창업 공간 입주기업 모집",
    "하천 정비사업 주민설명회 개최",
]


def cards(inner: str) -> str:
    rows = "".join(
        f'<li class="q1"><a href="view.do?no={n}">{inner.format(title=t, n=n, day=9 - i)}</a></li>'
        for i, (n, t) in enumerate(zip((301, 300, 299), TITLES, strict=True))
    )
    return f'<html lang="ko"><body><ul class="q0">{rows}</ul></body></html>'


def test_a_bracketed_category_element_before_the_title_is_not_the_title():
    page = cards(
        '<em class="q2"><span class="q3">[시정 / 교통]</span> {title}</em>'
        '<span class="q4">작성일 : 2025-12-0{day}</span>'
    )
    got = parse_list(page, LIST_URL)
    assert [p.title for p in got.posts] == TITLES


def test_a_date_element_after_the_title_is_the_date_not_part_of_the_title():
    page = cards('{title}<span class="q5">2025-12-0{day}</span>')
    got = parse_list(page, LIST_URL)
    assert [p.title for p in got.posts] == TITLES


def test_a_comment_count_after_the_title_is_not_part_of_it():
    page = cards(
        '{title}<span class="q6">댓글</span><span class="q7">+ 2</span>'
        '<span class="q6">개</span><span class="q8">2025-12-0{day}</span>'
    )
    got = parse_list(page, LIST_URL)
    assert [p.title for p in got.posts] == TITLES


def test_a_title_beside_a_block_of_details_in_the_same_box():
    page = cards(
        '<div class="q9">{n}</div><div class="q10"><p class="q11">{title}</p>'
        '<div class="q12"><dl><dt>부서</dt><dd>교통정책과</dd></dl>'
        "<dl><dt>담당자</dt><dd>김한빛</dd></dl></div></div>"
        '<div class="q14"><span>첨부파일</span></div><div class="q13">2025-12-0{day}</div>'
    )
    got = parse_list(page, LIST_URL)
    assert [p.title for p in got.posts] == TITLES
    assert [p.url for p in got.posts] == [
        f"{LIST_URL.rsplit('/', 1)[0]}/view.do?no={n}" for n in (301, 300, 299)
    ]
