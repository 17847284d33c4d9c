"""The pure parts of `pressclip search`: query terms, LIKE patterns, snippets, hits."""

from __future__ import annotations

import pytest

from pressclip.archive.search import Hit, make_hit, parse_query, render_text, snippet
from pressclip.archive.store.base import like_pattern
from pressclip.errors import PressclipError


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("신도시 예산", ["신도시", "예산"]),
        ("  국토\u3000교통  ", ["국토", "교통"]),
        ('"국토  교통" 예산', ["국토 교통", "예산"]),
        ('AND "OR" -x *', ["AND", "OR", "-x", "*"]),
        ('say "hi', ["say", '"hi']),  # a lone quote is a character
        ("AI ai 예산 예산", ["AI", "예산"]),
        ("\u1109\u1175\u11ab\u1103\u1169\u1109\u1175", ["신도시"]),  # decomposed (NFD) Hangul
    ],
)
def test_parse_query(query, terms):
    assert parse_query(query) == terms


@pytest.mark.parametrize("query", ["", "   ", '""', '"  "'])
def test_empty_query(query):
    with pytest.raises(PressclipError, match="empty query"):
        parse_query(query)


def test_like_pattern_takes_wildcards_literally():
    assert like_pattern("100%") == "%100\\%%"
    assert like_pattern("a_b") == "%a\\_b%"
    assert like_pattern("c:\\x") == "%c:\\\\x%"


def test_snippet_marks_every_term_near_the_best_place():
    text = (
        "한빛시는 올해 도시숲 조성 사업을 시작한다.\n\n"
        + "관계없는 문장입니다. " * 20
        + "행정중심복합신도시 예산 12억 원을 들여 신도시 곳곳에 숲을 만든다."
    )
    cut = snippet(text, ["신도시", "예산"], width=60)
    assert "행정중심복합[[신도시]] [[예산]] 12억" in cut and "[[신도시]] 곳곳" in cut
    assert cut.startswith("…") and "\n" not in cut
    assert len(cut.replace("[[", "").replace("]]", "")) <= 60 + 12


def test_snippet_ignores_ascii_case_and_spacing_of_phrases():
    assert snippet("Smart\n City 사업", ["smart city"]) == "[[Smart City]] 사업"
    assert snippet("짧은 글", ["없음"]) == "짧은 글"


def test_hit_names_the_attachment_that_matched():
    post = {
        "board": "b",
        "url": "http://b.kr/1",
        "title": "한빛시 보도자료",
        "published": "2025-06-02",
        "first_seen": "2025-06-02T01:00:00+00:00",
        "body": "첨부파일 참조",
        "attachments": [
            {"name": "a.pdf", "text": None},
            {"name": "b.hwp", "text": "빗물저류조 완공"},
        ],
    }
    hit = make_hit(1, post, ["빗물저류조"])
    assert (hit.field, hit.attachment, hit.snippet) == (
        "attachment",
        "b.hwp",
        "[[빗물저류조]] 완공",
    )
    assert hit.matched == ["attachment"]
    assert render_text(hit).splitlines() == [
        "1. 한빛시 보도자료  [b, 2025-06-02]",
        "   http://b.kr/1",
        "   attachment b.hwp: [[빗물저류조]] 완공",
    ]
    both = make_hit(2, post, ["한빛시", "첨부"])
    assert both.field == "body" and both.matched == ["title", "body"]  # a tie: the body


def test_hit_record_keys():
    hit = Hit(1, "b", None, None, None, "t", None, "x")
    assert list(hit.to_dict()) == [
        "rank", "board", "url", "title", "published", "first_seen", "field", "attachment",
        "snippet", "matched",
    ]  # fmt: skip
