"""Every board list fixture through parse_list: the rows in order, and the next page."""

from __future__ import annotations

import json

import pytest
from conftest import BOARDS, needs_boards

from pressclip.decode import decode
from pressclip.extract.dispatch import is_list_page, parse_list
from pressclip.extract.listing import clean_title

LISTS = sorted(
    p
    for p in BOARDS.glob("*/*.expected.json")
    if "posts" in json.loads(p.read_text(encoding="utf-8"))
)


@pytest.fixture(scope="module", params=LISTS, ids=lambda p: p.name.split(".")[0])
def case(request):
    golden = json.loads(request.param.read_text(encoding="utf-8"))
    html_path = request.param.with_name(request.param.name.replace(".expected.json", ".html"))
    html = decode(html_path.read_bytes())[0]
    return golden, html, parse_list(html, golden["url"])


@needs_boards
def test_fixtures_found():
    assert len(LISTS) >= 5


def test_posts(case):
    golden, _, listing = case
    assert [p.to_dict() for p in listing.posts] == golden["posts"]


def test_next_page(case):
    golden, _, listing = case
    assert listing.next_page == golden["next_page"]


def test_engine_and_kind(case):
    golden, html, listing = case
    assert listing.engine == golden["engine"]
    assert listing.url == golden["url"]
    assert is_list_page(html)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("한솔군 소식 [2]", "한솔군 소식"),
        ("한솔군 소식 (12)", "한솔군 소식"),
        ("한솔군 소식 + 2", "한솔군 소식"),
        ("한솔군 소식 N", "한솔군 소식"),
        ("2024년 [알림] 안내", "2024년 [알림] 안내"),
        ("제12회 축제 (2023.04.23.)", "제12회 축제 (2023.04.23.)"),
    ],
)
def test_clean_title(raw, clean):
    assert clean_title(raw) == clean


GENERIC_LIST = """<html><body><table class="list">
<thead><tr><th>번호</th><th>제목</th><th>작성자</th><th>등록일</th></tr></thead>
<tbody>
<tr><td>공지</td><td><a href="view.do?id=3">이용 안내</a></td><td>관리자</td><td>2024-01-02</td></tr>
<tr><td>12</td><td><a href="view.do?id=12">도서관 야간 개방 [3]</a></td><td>문화과</td>
<td>2024.03.05</td></tr>
</tbody></table>
<div class="paging"><a href="list.do?page=1">1</a><strong>2</strong><a href="list.do?page=3">3</a></div>
</body></html>"""


def test_generic_table_list():
    listing = parse_list(GENERIC_LIST, "https://www.hanbit.example.kr/board/list.do?page=2")
    assert listing.engine == "table"
    assert [p.to_dict() for p in listing.posts] == [
        {
            "title": "이용 안내",
            "url": "https://www.hanbit.example.kr/board/view.do?id=3",
            "date": "2024-01-02",
            "notice": True,
        },
        {
            "title": "도서관 야간 개방",
            "url": "https://www.hanbit.example.kr/board/view.do?id=12",
            "date": "2024-03-05",
            "notice": False,
        },
    ]
    assert listing.next_page == "https://www.hanbit.example.kr/board/list.do?page=3"
    assert is_list_page(GENERIC_LIST)


def test_last_page_has_no_next():
    html = GENERIC_LIST.replace('<a href="list.do?page=3">3</a>', "")
    assert parse_list(html, "https://www.hanbit.example.kr/board/list.do?page=2").next_page is None


def test_clean_title_keeps_a_year_in_brackets():
    from pressclip.extract.listing import clean_title

    assert clean_title("2024년 예산안 설명회 (2024) [3]") == "2024년 예산안 설명회 (2024)"
    assert clean_title("산나물축제 개막 (12) N") == "산나물축제 개막"
