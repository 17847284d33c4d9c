"""Text mode: scraped posts in the metadata shapes boards print."""

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import SEED_TEXT, needs_seed

from pressclip import clean_text
from pressclip.extract.scraped_text import extract_text, parse_fields

SENTENCES = [
    "누리시는 다음 달부터 광역버스 2개 노선을 새로 운행한다고 27일 밝혔다.",
    "요금은 교통카드 기준 2,800원이며, 수도권 통합환승할인이 적용된다.",
]


def post(meta: str, title: str = "누리시, 광역버스 2개 노선 신설") -> str:
    return "\n".join(
        ["홈", "시정소식", "보도자료", title, meta, *SENTENCES, "목록", "이전글 다른 글"]
    )


def check_scrape(source: str, headline: str, author: str, published: str, views: int) -> None:
    """A gnuboard5 post as scraped: menus, the 작성자 line, a pasted-twice block whose
    copies end in a hard wrap, a doubled quote and the comment section all come out right."""
    article = clean_text(source)
    assert headline in article.title
    assert (article.author, article.published_iso, article.views) == (author, published, views)
    body = article.body
    for word in ("페이지 정보", "본문", "댓글목록", "등록된 댓글이 없습니다", "관련링크"):
        assert word not in body
    lines = source.strip().split("\n")
    assert lines[0] not in body  # the menu
    sentences = {s.strip() for s in lines[7:-2] if s.strip().endswith("다.")}
    for sentence in sentences:
        assert body.count(sentence) == 1, sentence
    # a line cut by the hard wrap is joined to its continuation, once
    wrapped = [line for line in lines[7:-2] if not line.rstrip().endswith((".", '"', "기자"))]
    for line in wrapped:
        joined = [p for p in article.paragraphs if line.strip() in p]
        assert len(joined) == 1 and joined[0] != line.strip(), line
    assert article.duplicates_removed > 0


def test_example_scrape(fixtures):
    source = (fixtures / "example_post.txt").read_text(encoding="utf-8")
    check_scrape(
        source,
        "한솔군, 문 닫은 학교 세 곳을 청년 창업 공간으로",
        "hansolpr",
        "2025-05-14T11:00:00+09:00",
        2318,
    )
    article = clean_text(source)
    assert article.paragraphs[-2].endswith(
        "군은 운영비 일부를 지원해 학교가 다시 마을의 중심이 되도록 돕는다."
    )
    assert article.paragraphs[-1].endswith('주민과 함께 운영하겠다"고 말했다. /나은솔기자')


@needs_seed
def test_seed_acceptance():
    """The scrape that started the project (read from ../shared, never copied)."""
    source = SEED_TEXT.read_text(encoding="utf-8")
    check_scrape(
        source,
        "충북 혁신성장지대 조성 '순조', 지역별 특화산업 육성",
        "CBURC",
        "2023-04-26T11:30:00+09:00",
        1494,
    )


@pytest.mark.parametrize(
    "meta, author, published, views",
    [
        (
            "작성자 CBURC 작성일23-04-26 11:30 조회1,494회 댓글0건",
            "CBURC",
            "2023-04-26T11:30:00+09:00",
            1494,
        ),
        ("작성자 홍보팀 | 등록일 2024.01.29 | 조회수 312", "홍보팀", "2024-01-29", 312),
        (
            "작성자: 대중교통과    작성일: 2025년 6월 2일    조회수: 88",
            "대중교통과",
            "2025-06-02",
            88,
        ),
        (
            "글쓴이 : 관리자\n날짜 : 2023-09-14 16:05\n조회 : 1,207",
            "관리자",
            "2023-09-14T16:05:00+09:00",
            1207,
        ),
        ("등록자 : 교통과 / 등록일 : 2024. 3. 5. / 조회 수 : 9", "교통과", "2024-03-05", 9),
    ],
)
def test_metadata_shapes(meta, author, published, views):
    article = clean_text(post(meta))
    assert article.title == "누리시, 광역버스 2개 노선 신설"
    assert article.author == author
    assert article.published_iso == published
    assert article.views == views
    assert article.paragraphs == SENTENCES


def test_date_without_time_stays_a_date():
    article = clean_text(post("작성자 X 작성일 2024.01.29 조회 3"))
    assert type(article.published) is dt.date


def test_two_digit_year_is_20yy():
    assert clean_text(post("작성자 X 작성일 99-01-02 10:00")).published_iso.startswith("2099-01-02")


def test_attachment_lines_become_attachments_not_body():
    text = post("작성자 X 작성일 2024.01.29").replace(
        "목록", "첨부파일\n보도자료.hwp (120.5K) 12회 다운로드 DATE : 2024-01-29 10:00:01\n목록"
    )
    article = clean_text(text)
    assert [a.name for a in article.attachments] == ["보도자료.hwp"]
    assert "다운로드" not in article.body


def test_comment_section_and_kogl_badge_are_dropped():
    text = post("작성자 X 작성일 2024.01.29").replace(
        "목록", "공공누리 제1유형\n댓글목록\n좋은 소식이네요.\n등록된 댓글이 없습니다."
    )
    article = clean_text(text)
    assert article.paragraphs == SENTENCES


def test_text_without_metadata_keeps_every_line():
    article = extract_text("\n".join(SENTENCES))
    assert article.title is None and article.author is None
    assert article.paragraphs == SENTENCES


def test_parse_fields_splits_labels():
    assert parse_fields("작성자 A 작성일23-04-26 11:30 조회1,494회") == {
        "작성자": "A",
        "작성일": "23-04-26 11:30",
        "조회": "1,494회",
    }


SCRAPES = sorted((Path(__file__).parent / "fixtures" / "scrapes").glob("*.txt"))


@pytest.mark.parametrize("path", SCRAPES, ids=lambda p: p.stem)
def test_own_scrapes_match_their_expected_record(path):
    """Hand-written scrapes with the seed's patterns (expected output checked by eye)."""
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    article = clean_text(path.read_text(encoding="utf-8"))
    assert article.title == expected["title"]
    assert article.author == expected["author"]
    assert article.published_iso == expected["published"]
    assert article.views == expected["views"]
    assert article.paragraphs == expected["body_paragraphs"]
    assert [a.name for a in article.attachments] == expected["attachments"]
