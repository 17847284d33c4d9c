"""Every board view fixture, and the seed page, through extract_html + dedup."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from conftest import BOARDS, EXAMPLE_HTML, SEED_HTML, needs_boards

from pressclip.decode import decode
from pressclip.dedup import dedup
from pressclip.extract.dispatch import extract_html, is_list_page

VIEWS = sorted(
    p
    for p in BOARDS.glob("*/*.expected.json")
    if "posts" not in json.loads(p.read_text(encoding="utf-8"))
)


def norm(text: str) -> str:
    """NFKC and white-space folding, as the fixture README compares body text."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def load(expected: Path) -> tuple[dict, str]:
    golden = json.loads(expected.read_text(encoding="utf-8"))
    html_path = expected.with_name(expected.name.replace(".expected.json", ".html"))
    return golden, decode(html_path.read_bytes())[0]


@pytest.fixture(scope="module", params=VIEWS, ids=lambda p: p.name.split(".")[0])
def case(request):
    golden, html = load(request.param)
    article = extract_html(html, golden["url"])
    return golden, html, article


@needs_boards
def test_fixtures_found():
    assert len(VIEWS) >= 10


def test_engine_and_url(case):
    golden, _, article = case
    assert article.engine == golden["engine"]
    assert article.url == golden["url"]


def test_title_author_views(case):
    golden, _, article = case
    assert article.title == golden["title"]
    assert article.author == golden["author"]
    assert article.views == golden["views"]


def test_published(case):
    golden, _, article = case
    want = golden["published"]
    got = article.published_iso
    assert got is not None
    if len(want) == 10:
        assert got[:10] == want
    else:
        assert len(got) > 10 and got[:16] == want[:16]
        assert got[19:] == want[19:]  # the offset


def test_attachments(case):
    golden, _, article = case
    assert [a.to_dict() for a in article.attachments] == golden["attachments"]


def test_body(case):
    golden, _, article = case
    paragraphs = dedup(article.paragraphs, article.title).paragraphs
    assert [norm(p) for p in paragraphs] == [norm(p) for p in golden["body_paragraphs"]]


def test_view_is_not_list(case):
    _, html, _ = case
    assert not is_list_page(html)


def test_bytes_input_decodes_like_text(case):
    golden, _, article = case
    path = BOARDS / golden["engine"]
    assert path.is_dir()
    raw = next(p for p in path.glob("*.html") if decode(p.read_bytes())[0] == case[1]).read_bytes()
    again = extract_html(raw, golden["url"])
    assert again.title == article.title and again.paragraphs == article.paragraphs


# --------------------------------------------------------------------------- the seed page


SEEDS = {
    # our own example post, and the page the project started from (in ../shared)
    "example": (
        EXAMPLE_HTML,
        "한솔군, 문 닫은 학교 세 곳을 청년 창업 공간으로",
        "hansolpr",
        "2025-05-14T11:00:00+09:00",
        2318,
    ),
    "seed": (
        SEED_HTML,
        "충북 혁신성장지대 조성 '순조', 지역별 특화산업 육성",
        "CBURC",
        "2023-04-26T11:30:00+09:00",
        1494,
    ),
}


@pytest.fixture(scope="module", params=sorted(SEEDS))
def seed(request):
    page, *fields = SEEDS[request.param]
    if not page.is_file():
        pytest.skip(f"{page} not found")
    article = extract_html(decode(page.read_bytes())[0])
    return article, dedup(article.paragraphs, article.title).paragraphs, fields


def test_seed_header(seed):
    article, _, (headline, author, published, views) = seed
    assert headline in article.title
    assert article.author == author
    assert article.published_iso == published
    assert article.views == views
    assert article.engine == "gnuboard5"


def test_seed_body_rejoined_and_once(seed):
    """The block pasted twice comes out once, and a sentence hard-wrapped in the post's last
    paragraphs comes out joined: every sentence of the body appears exactly once."""
    article, paragraphs, _ = seed
    sentences = [s for p in paragraphs for s in re.split(r"(?<=다\.)\s+", p)]
    assert len(sentences) == len(set(sentences))
    assert article.paragraphs != paragraphs  # there were repeats to drop
    assert paragraphs[-1].endswith("기자") and '"고 말했다.' in paragraphs[-1]
    assert paragraphs[-1].count("관계자는") == 1
    assert all(p.endswith((".", "기자")) for p in paragraphs)  # no line left cut by a wrap
    assert not any("댓글" in p for p in paragraphs)


# --------------------------------------------------------------------------- generic tables


TABLE_VIEW = """<html><head><title>보도자료 | 어느 기관</title></head><body>
<div id="menu"><a href="/">홈</a></div>
<table class="view">
<tr><th>제목</th><td>한빛구, 도서관 야간 개방</td></tr>
<tr><th>작성자</th><td>문화과</td><th>등록일</th><td>2024.03.05 14:22</td></tr>
<tr><th>조회수</th><td>1,204</td></tr>
<tr><th>첨부파일</th><td><a href="/files/down.do?id=7">안내문.hwp (32KB)</a></td></tr>
<tr><td colspan="4" class="content"><p>한빛구는 구립도서관을 밤 10시까지 연다고 5일 밝혔다.</p>
<p>문의: 문화과 02-000-0000</p></td></tr>
</table></body></html>"""


def test_generic_table_view():
    article = extract_html(TABLE_VIEW, "https://www.hanbit.example.kr/board/view.do?id=9")
    assert article.engine == "table"
    assert article.title == "한빛구, 도서관 야간 개방"
    assert article.author == "문화과"
    assert article.published_iso == "2024-03-05T14:22:00+09:00"
    assert article.views == 1204
    assert [a.to_dict() for a in article.attachments] == [
        {"name": "안내문.hwp", "url": "https://www.hanbit.example.kr/files/down.do?id=7"}
    ]
    assert article.paragraphs == [
        "한빛구는 구립도서관을 밤 10시까지 연다고 5일 밝혔다.",
        "문의: 문화과 02-000-0000",
    ]
    assert not is_list_page(TABLE_VIEW)


def test_unknown_page_goes_to_generic():
    html = (
        "<html><body><article><h1>제목</h1><p>"
        + "본문 문장입니다. " * 30
        + "</p></article></body></html>"
    )
    article = extract_html(html, "https://example.com/a")
    assert article.engine == "generic"
    assert article.url == "https://example.com/a"


@needs_boards
def test_unseen_skin_falls_back_to_the_page_title():
    """A gnuboard4 skin whose title block the profile does not know still gets a title:
    the page's <title> without the board and site names around it."""
    page = BOARDS / "legacy_euckr" / "g4_view_parking.html"
    html = decode(page.read_bytes())[0].replace("title_bg", "other_skin_bg")
    article = extract_html(html)
    assert article.engine == "legacy_euckr"
    assert article.title == "솔내시, 중앙시장 공영주차장 120면 확충"
