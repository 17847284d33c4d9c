"""The generic fallback extractor and page metadata, on small handwritten pages."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from pressclip.extract import meta
from pressclip.extract.generic import extract_generic, extract_text_generic, generic_lines
from pressclip.extract.meta import metadata_candidates, page_metadata

ARTICLE = """<!doctype html><html><head><title>Harbour | Daily</title></head><body>
<header class="site-header"><a href="/">Daily</a>
  <nav class="main-nav"><ul><li><a href="/n">News</a></li><li><a href="/s">Sport</a></li>
  <li><a href="/w">Weather</a></li><li><a href="/c">Culture</a></li></ul></nav></header>
<div id="wrap">
  <div class="content">
    <h1>Harbour reopens after storm repairs</h1>
    <div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
    <p>The harbour reopened on Monday after three weeks of repairs to the breakwater,
       which was damaged in the February storm.</p>
    <p>Fishing boats returned to their moorings in the morning, and the ferry to the
       island resumed its timetable at noon, the port authority said.</p>
    <div class="ad-slot">Advertisement</div>
    <p>Repairs cost 2.4 million euros, paid for by the regional government and the
       port's own reserves, according to the authority's statement.</p>
  </div>
  <aside class="sidebar"><h3>Most read</h3><ul>
    <li><a href="/1">Council approves new budget for the coming year</a></li>
    <li><a href="/2">Local team wins the regional championship final</a></li></ul></aside>
</div>
<div id="comments"><h3>Comments</h3>
  <div class="comment"><p>Great news for everybody who works at the port, finally some
     progress after weeks of waiting for the repairs to finish.</p></div></div>
<footer class="site-footer"><p>Copyright Daily News. All rights reserved. Contact us,
  privacy policy, terms of use and cookie settings.</p></footer>
</body></html>"""

KOREAN = """<html><body>
<div id="gnb"><a href="/">홈</a> <a href="/news">새소식</a> <a href="/notice">공지사항</a></div>
<table class="layout"><tr>
<td class="lnb"><a href="/a">보도자료</a><br><a href="/b">고시공고</a></td>
<td>
<div class="view_title">한솔군, 산나물축제 개막</div>
<div class="view_con">
한솔군은 제12회 한솔 산나물축제를 오는 5월 3일부터 5일까지 사흘간 연다고 밝혔다.<br>
특히 관광객이 직접 산에 올라 참취와 곰취, 두릅을 채취해 보는 체험 프로그램을 두 배로 늘렸다.<br>
<br>
개막식은 3일 오후 6시 주무대에서 열리며, 지역 청소년 관현악단 공연과 불꽃놀이가 이어진다.<br>
문의: 문화관광과 축제팀
</div>
</td></tr></table>
<div class="footer">주소: 한솔군 한솔읍 군청로 1 | 대표전화 000-000-0000</div>
</body></html>"""

METADATA = """<html><head>
<meta property="og:title" content="OG title">
<meta property="og:url" content="https://example.com/og">
<meta property="article:published_time" content="2024-03-05T09:30:00+09:00">
<meta name="author" content="Meta Author">
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "Example"},
  {"@type": "NewsArticle", "headline": "LD headline", "datePublished": "2024-03-04T14:22:00Z",
   "author": [{"@type": "Person", "name": "Kim Min-ji"}]}]}
</script>
</head><body><h1>Visible title</h1><p>Text.</p></body></html>"""


def test_article_among_boilerplate() -> None:
    article = extract_generic(LexborHTMLParser(ARTICLE), url="https://example.com/a")
    body = article.body
    assert article.engine == "generic"
    assert article.url == "https://example.com/a"
    assert article.paragraphs[0].startswith("The harbour reopened on Monday")
    assert "Repairs cost 2.4 million euros" in body
    for junk in (
        "Sport",
        "Weather",
        "Tweet",
        "Most read",
        "Council approves",
        "Great news",
        "Copyright",
        "Advertisement",
    ):
        assert junk not in body, junk


def test_korean_div_br_body_without_p() -> None:
    lines = generic_lines(LexborHTMLParser(KOREAN))
    assert lines[0].startswith("한솔군은 제12회 한솔 산나물축제를")
    assert lines[-1] == "문의: 문화관광과 축제팀"
    assert len(lines) == 4
    assert not any("공지사항" in line or "대표전화" in line for line in lines)


def test_metadata_json_ld_first() -> None:
    meta = page_metadata(LexborHTMLParser(METADATA))
    assert meta["title"] == "LD headline"
    assert meta["author"] == "Kim Min-ji"
    published = meta["published"]
    assert isinstance(published, dt.datetime) and published.tzinfo is not None
    assert published == dt.datetime(2024, 3, 4, 14, 22, tzinfo=dt.timezone.utc)
    assert meta["url"] == "https://example.com/og"


def test_metadata_open_graph_and_meta() -> None:
    html = METADATA.split("<script")[0] + "</head><body><p>x</p></body></html>"
    meta = page_metadata(LexborHTMLParser(html))
    assert meta["title"] == "OG title"
    assert meta["author"] == "Meta Author"
    assert meta["published"].isoformat() == "2024-03-05T09:30:00+09:00"


def test_metadata_fallbacks_time_and_byline() -> None:
    html = """<html><head><title>Page title</title>
    <link rel="canonical" href="https://example.com/c"></head><body>
    <article><h1>Shown title</h1><span class="byline">By Jane Doe</span>
    <time datetime="2023-11-20T08:00:00">Nov 20</time><p>Body.</p></article></body></html>"""
    meta = page_metadata(LexborHTMLParser(html))
    assert meta["title"] == "Shown title"
    assert meta["author"] == "Jane Doe"
    assert meta["published"].isoformat() == "2023-11-20T08:00:00+09:00"
    assert meta["url"] == "https://example.com/c"
    article = extract_generic(LexborHTMLParser(html))
    assert article.url == "https://example.com/c"
    assert article.title == "Shown title"


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<html></html>",
        "<html><head><title>t</title></head></html>",
        "<html><body></body></html>",
        "just some words, no tags",
        "\x00\x01\x02\ufffd<<<>>>&&&;;" * 50,
        "<div>" * 5000 + "deep" + "</div>" * 5000,
        '<script type="application/ld+json">{"@type": [1, {}], "author": {"name": 3}',
    ],
)
def test_junk_does_not_crash(html: str) -> None:
    article = extract_generic(LexborHTMLParser(html))
    assert article.engine == "generic"
    assert isinstance(article.paragraphs, list)
    assert isinstance(extract_text_generic(html), str)


def _ld_page(ld: str) -> str:
    return (
        '<html><head><meta property="og:title" content="OG title">'
        f'<script type="application/ld+json">{ld}</script></head>'
        "<body><h1>Shown title</h1><p>Body.</p></body></html>"
    )


def test_deeply_nested_json_ld_costs_no_other_metadata() -> None:
    """JSON nests hundreds deep where a reader following it one call per level ran out of
    stack: the page's metadata was then thrown away whole. Now the nesting is read a few
    levels deep, and the og:title and the JSON-LD headline are still found."""
    authors = '[{"name": ' * 300 + '"Kim"' + "}]" * 300
    headline = "[" * 600 + '"x"' + "]" * 600
    ld = f'{{"@type": "NewsArticle", "headline": "LD headline", "author": {authors}}}'
    found = metadata_candidates(LexborHTMLParser(_ld_page(ld)))
    assert ("title", "LD headline", "JSON-LD headline") in found
    assert ("title", "OG title", "og:title") in found
    ld = f'{{"@type": "NewsArticle", "headline": {headline}, "datePublished": {headline}}}'
    found = metadata_candidates(LexborHTMLParser(_ld_page(ld)))
    assert ("title", "OG title", "og:title") in found


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["@type", "@graph", "@id", "name", "url", "mainEntity", "x"]),
            inner,
            max_size=4,
        )
    ),
    max_leaves=30,
)
LD_FIELDS = ["headline", "name", "author", "creator", "datePublished", "url", "articleBody"]


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["NewsArticle", "WebPage", ["Article", 3], None]),
    st.dictionaries(st.sampled_from(LD_FIELDS + ["@graph", "mainEntity"]), json_values),
)
def test_junk_json_ld_shapes_are_read_without_raising(kind, fields) -> None:
    """Any JSON in any JSON-LD field (a list where a name is due, numbers, nesting): the
    reader takes what it can and raises nothing (a defect is no longer silenced there)."""
    doc = json.dumps({"@type": kind, **fields})
    found = metadata_candidates(LexborHTMLParser(_ld_page(doc)))
    assert ("title", "OG title", "og:title") in found
    assert all(isinstance(field, str) and isinstance(source, str) for field, _, source in found)


def test_a_defect_in_the_metadata_readers_is_raised_not_silenced(monkeypatch) -> None:
    def boom(*args: object) -> None:
        raise TypeError("boom")

    monkeypatch.setattr(meta, "_metas", boom)
    with pytest.raises(TypeError, match="boom"):
        metadata_candidates(LexborHTMLParser(_ld_page("{}")))


def test_empty_pages_give_no_paragraphs() -> None:
    for html in ("", "<html><head><title>only a title</title></head></html>"):
        assert extract_generic(LexborHTMLParser(html)).paragraphs == []


def _bench_dir() -> Path:
    env = os.environ.get("PRESSCLIP_SHARED")
    shared = Path(env) if env else Path(__file__).resolve().parents[2] / "shared"
    return shared / "bench" / "article-extraction-benchmark"


def test_benchmark_pages_give_text() -> None:
    bench = _bench_dir()
    if not (bench / "ground-truth.json").is_file():
        pytest.skip(f"{bench} not found (set PRESSCLIP_SHARED to the shared folder)")
    ids = sorted(json.loads((bench / "ground-truth.json").read_text(encoding="utf-8")))[:5]
    for page_id in ids:
        html = gzip.decompress((bench / "html" / f"{page_id}.html.gz").read_bytes())
        text = extract_text_generic(html.decode("utf-8", errors="replace"))
        assert len(text) > 200, page_id
