"""Junk, broken and hostile HTML: only PressclipError may escape, and nothing hangs."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pressclip.errors import PressclipError
from pressclip.extract.dispatch import extract_html, flatten_deep, is_list_page, parse_list

TAGS = [
    "div",
    "p",
    "table",
    "tr",
    "td",
    "th",
    "a",
    "span",
    "br",
    "script",
    "style",
    "ul",
    "li",
    "b",
    "font",
    "xmp",
    "textarea",
    "title",
    "select",
    "html",
    "body",
    "article",
]
LANDMARKS = [
    '<div id="bo_v">',
    '<div id="bo_v_con">',
    '<section id="bo_v_info">',
    '<span id="writeContents">',
    '<div class="xe_content">',
    '<div class="rd_body">',
    '<div id="kboard-document">',
    '<table class="wTable">',
    "<th>제목</th>",
    "<th>내용</th>",
    "<th>작성일</th>",
    "<a href=\"javascript:fn_egov_downFile('F','1')\">",
    "<a onclick=\"location.href='",
    '<div class="pagination"><strong>1</strong><a href="?page=2">2</a>',
    '<tr class="notice">',
    "<td class='title'><a href='/x?document_srl=1'>",
]

piece = st.one_of(
    st.sampled_from(TAGS).map(lambda t: f"<{t}>"),
    st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(LANDMARKS),
    st.text(max_size=20),
    st.sampled_from(
        [
            "<",
            ">",
            "&",
            "&nbsp;",
            "&#0;",
            "&#x110000;",
            "<!--",
            "-->",
            "<![CDATA[",
            "\x00",
            "\ud800",
            "\ufeff",
            "'",
            '"',
            "=",
            "/>",
            "조회 1,2",
            "24-04-22 09:40",
        ]
    ),
)
junk = st.lists(piece, max_size=60).map("".join)


def _run_all(html: str, url: str | None) -> None:
    for call in (
        lambda: extract_html(html, url),
        lambda: parse_list(html, url),
        lambda: is_list_page(html),
    ):
        try:
            call()
        except PressclipError:
            pass


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(junk, st.sampled_from([None, "http://board.example.kr/bbs/board.php?wr_id=1", "not a url"]))
def test_junk_never_raises_other_errors(html, url):
    _run_all(html, url)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_binaryish_text(data):
    _run_all(data.decode("latin-1"), None)
    try:
        extract_html(data)
    except PressclipError:
        pass


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text(text):
    _run_all(text, "http://x.example/")


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<html><body></body></html>",
        '<div id="bo_v"><div id="bo_v_con"></div></div>',
        '<div id="bo_v"><div id="bo_v_con"><p>&nbsp;</p><p><img src="x.jpg" alt="사진"></p></div></div>',
        '<span id="writeContents"><br><br/></span>',
        '<div class="rd_body"><div class="xe_content">   </div></div>',
        "<table><tr><th>제목</th><td>빈 글</td></tr><tr><th>내용</th><td> </td></tr></table>",
    ],
)
def test_empty_body(html):
    assert extract_html(html, "http://x.example/").paragraphs == []


def test_unclosed_tags_keep_body():
    html = '<div id="bo_v"><h2 id="bo_v_title">제목<div id="bo_v_con"><p>첫 문단입니다.<p>둘째 문단입니다.'
    article = extract_html(html, "http://x.example/")
    assert article.engine == "gnuboard5"
    assert article.paragraphs == ["첫 문단입니다.", "둘째 문단입니다."]


def test_deeply_nested_divs_keep_the_body():
    # How long this takes is measured by benchmarks/malformed.py, not asserted here.
    depth = 1_000_000  # about 5 MB of "<div>", then as many "</div>"
    html = (
        '<div id="bo_v_con">' + "<div>" * depth + "깊은 본문입니다." + "</div>" * depth + "</div>"
    )
    article = extract_html(html, "http://x.example/")
    listing = parse_list(html, "http://x.example/")
    assert article.paragraphs == ["깊은 본문입니다."]
    assert listing.posts == []


def test_small_deep_page_is_parsed_unchecked_and_keeps_its_text():
    # Pages of at most SMALL_PAGE_TAGS tags skip the nesting check (their worst case is
    # timed by benchmarks/malformed.py); a page with more tags has its nesting capped.
    from pressclip.extract.dispatch import MAX_DEPTH, SMALL_PAGE_TAGS, parse

    over = "<div>" * SMALL_PAGE_TAGS + "<p>깊은 본문입니다.</p>"
    assert over.count("<") > SMALL_PAGE_TAGS
    article = extract_html(
        '<div id="bo_v_con">' + "<div>" * (SMALL_PAGE_TAGS - 3) + "깊은 본문입니다."
    )
    assert article.paragraphs == ["깊은 본문입니다."]
    unchecked = parse("<div>" * (SMALL_PAGE_TAGS - 2) + "<p>x</p>")
    assert len(unchecked.css("div")) == SMALL_PAGE_TAGS - 2
    checked = parse(over)
    assert len(checked.css("div")) == MAX_DEPTH
    assert checked.body.text(deep=True) == "깊은 본문입니다."


def test_deeply_nested_unclosed_tags_are_parsed():
    # Only that it returns (no RecursionError, no crash); timing is in benchmarks/malformed.py.
    html = "<span><div><b>" * 300_000 + "끝"
    assert extract_html(html).engine == "generic"


def test_flatten_keeps_shallow_pages_and_text():
    page = "<div><p>a<p>b</div>" * 1000
    assert flatten_deep(page) == page
    assert flatten_deep("<div>" * 5 + "x" + "</div>" * 5, 3) == "<div><div><div>x</div></div></div>"


def test_non_text_input_is_a_pressclip_error():
    with pytest.raises(PressclipError):
        extract_html(12345)  # type: ignore[arg-type]
    with pytest.raises(PressclipError):
        extract_html(b"\x00\x01\x02binary\x00")


def test_too_deep_counts_only_nesting():
    from pressclip.extract.dispatch import flatten_deep, too_deep

    assert too_deep("<div>" * 600)
    assert too_deep("<DIV>" * 300 + "<Section>" * 300)
    assert not too_deep("<div></div>" * 2000)
    assert not too_deep("<p>x" * 2000 + "<br>" * 2000)  # p and br never nest
    assert not too_deep("</div>" * 600 + "<div>" * 400)  # stray end tags are ignored
    page = "<div>" * 600 + "x"
    assert flatten_deep(page).count("<div>") == 512
