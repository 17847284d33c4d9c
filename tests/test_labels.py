"""One vocabulary: every label string, and the field each reader must give it.

The labelled-field reader (a post header of any board), an engine profile's table (the
``table`` engine: 제목 row, label cells) and the scraped-text reader read the same words
from ``extract/labels.py``; each row below says what a user sees a board print and which
field every reader must fill with the value beside it."""

from __future__ import annotations

import pytest

import pressclip
from pressclip.extract.labels import parse_views

URL = "http://board.example.kr/bbs/view.do?idx=3"
BODY = (
    "한솔시는 올해 청년 창업 지원 예산을 30억 원으로 늘리고 창업 공간 두 곳을 새로 연다고 밝혔다."
)

#: (label as printed, field, value as printed, value as read)
LABELS = [
    ("작성자", "author", "홍길동", "홍길동"),
    ("글쓴이", "author", "홍길동", "홍길동"),
    ("글쓴 이", "author", "홍길동", "홍길동"),
    ("등록자", "author", "홍길동", "홍길동"),
    ("게시자", "author", "홍길동", "홍길동"),
    ("작성부서", "author", "홍보과", "홍보과"),
    ("등록부서", "author", "홍보과", "홍보과"),
    ("담당부서", "author", "홍보과", "홍보과"),
    ("작성일", "published", "2025-03-04", "2025-03-04"),
    ("작성일자", "published", "2025.03.04", "2025-03-04"),
    ("작성일시", "published", "2019-08-02 오후 3:05:00", "2019-08-02T15:05:00+09:00"),
    ("등록일", "published", "2025/03/04", "2025-03-04"),
    ("등록일자", "published", "2025-03-04", "2025-03-04"),
    ("게시일", "published", "2025-03-04", "2025-03-04"),
    ("날짜", "published", "2025-03-04 09:30", "2025-03-04T09:30:00+09:00"),
    ("조회", "views", "1,204", 1204),
    ("조회수", "views", "57", 57),
    ("조회 수", "views", "57회", 57),
]
#: Labels only the page readers take (a scraped text's line may start with these words).
PAGE_ONLY = [
    ("부서명", "author", "홍보과", "홍보과"),
    ("발행일", "published", "2025-03-04", "2025-03-04"),
    ("HIT", "views", "88", 88),
    ("열람", "views", "88", 88),
]


def value_of(article: pressclip.Article, field: str):
    return article.published_iso if field == "published" else getattr(article, field)


@pytest.mark.parametrize(("label", "field", "shown", "read"), LABELS + PAGE_ONLY)
def test_the_labelled_field_reader(label, field, shown, read):
    html = (
        '<html lang="ko"><head><title>보도자료</title></head><body><div class="view">'
        '<h3 class="subject">청년 창업 지원 확대</h3>'
        f"<dl><dt>{label}</dt><dd>{shown}</dd>"
        + (
            "<dt>작성일</dt><dd>2024-01-01</dd>"
            if field != "published"
            else "<dt>작성자</dt><dd>갑</dd>"
        )
        + f'</dl><div class="cont"><p>{BODY}</p></div></div></body></html>'
    )
    assert value_of(pressclip.extract(html, URL), field) == read


@pytest.mark.parametrize(("label", "field", "shown", "read"), LABELS + PAGE_ONLY)
def test_the_table_engine(label, field, shown, read):
    html = (
        '<html lang="ko"><head><title>보도자료</title></head><body><table class="view">'
        "<tr><th>제목</th><td>청년 창업 지원 확대</td></tr>"
        f"<tr><th>{label}</th><td>{shown}</td></tr>"
        f"<tr><th>내용</th><td>{BODY}</td></tr></table></body></html>"
    )
    assert value_of(pressclip.extract(html, URL), field) == read


@pytest.mark.parametrize(("label", "field", "shown", "read"), LABELS)
def test_the_scraped_text_reader(label, field, shown, read):
    other = "작성일 : 2024-01-01" if field != "published" else "작성자 : 갑"
    text = f"청년 창업 지원 확대\n{label} : {shown}\n{other}\n{BODY}\n"
    assert value_of(pressclip.clean_text(text), field) == read


@pytest.mark.parametrize(
    ("text", "labelled", "count"),
    [
        ("조회 1,234", False, 1234),
        ("조회수: 57", False, 57),
        ("Hits 12", False, 12),
        ("57회", True, 57),
        ("(57)", True, 57),
        ("57회", False, None),
        ("031-000-0000", True, None),
    ],
)
def test_one_view_count_parser(text, labelled, count):
    assert parse_views(text, labelled=labelled) == count
