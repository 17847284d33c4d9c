"""The JavaScript reader on hostile and broken code: it always finishes, never raises, and
a row whose script cannot be read keeps ``url: null`` with a warning.

The cases that looped or took quadratic time run in a child process with a memory limit
and a generous timeout, so a regression fails the test instead of hanging the suite."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import textwrap

import pytest

from pressclip.extract import jsnav
from pressclip.extract.dispatch import parse, parse_list

LIST_URL = "https://board.example.kr/list.do"
SCRIPT = """
function fn_view(no) {
    document.frm.nttId.value = no;
    document.frm.action = "/view.do";
    document.frm.submit();
}
function go(no, page) { if (page == 'x') { return; } location.href = '/v.do?id=' + no; }
"""
PAGE = """<html><body><script>{script}</script>
<form name="frm" action="/list.do"><input type="hidden" name="nttId"></form>
<table><thead><tr><th>번호</th><th>제목</th><th>등록일</th></tr></thead><tbody>
<tr><td>2</td><td><a href="#" onclick="{code}">첫째 글</a></td><td>2024-03-02</td></tr>
<tr><td>1</td><td><a href="/view.do?nttId=1">둘째 글</a></td><td>2024-03-01</td></tr>
</tbody></table></body></html>"""

#: The child process: reads one page, prints the first row's address and the warnings.
CHILD = textwrap.dedent(
    """
    import json, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    from pressclip.extract.dispatch import parse_list
    page = sys.stdin.read()
    got = parse_list(page, sys.argv[1])
    print(json.dumps({"url": got.posts[0].url, "warnings": got.warnings}))
    """
)
#: Far above what these pages cost (milliseconds): only a loop or quadratic work reaches it.
CHILD_TIMEOUT = 60


def _page(code: str, script: str = SCRIPT) -> str:
    return PAGE.format(script=script, code=code.replace('"', "&quot;"))


def _read_in_child(page: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, LIST_URL],
        input=page,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def _unread(got: dict) -> None:
    assert got["url"] is None
    assert any(w.startswith("row 1 «첫째 글»: no address") for w in got["warnings"])


def test_a_stray_closing_parenthesis_finishes_with_url_null():
    _unread(_read_in_child(_page("fn_view(2));")))


@pytest.mark.parametrize("code", ["if(x", "fn_view('3'", "go(1, 'y') + (", "switch (a) {"])
def test_code_cut_short_finishes_with_url_null(code):
    got = parse_list(_page(code), LIST_URL)
    assert got.posts[0].url is None
    assert "cannot be read" in got.warnings[0]


def test_a_function_cut_at_the_end_of_its_script_gives_url_null():
    script = "function fn_view(no) { if (no"  # the page's script ends mid-function
    got = parse_list(_page("fn_view(2)", script), LIST_URL)
    assert got.posts[0].url is None
    assert "fn_view() is malformed or cut short" in got.warnings[0]
    assert got.posts[1].url == f"{LIST_URL.rsplit('/', 1)[0]}/view.do?nttId=1"


def test_twenty_thousand_nested_parentheses_finish_with_url_null():
    deep = "fn_view(" + "(" * 20_000 + "2" + ")" * 20_000 + ")"
    got = _read_in_child(_page(deep))
    _unread(got)
    assert "nested too deep" in got["warnings"][0]


def test_deeply_nested_blocks_in_a_function_finish():
    script = "function fn_view(no) {" + "{" * 20_000 + "}" * 20_000 + "}"
    _unread(_read_in_child(_page("fn_view(2)", script)))


def test_well_formed_code_is_still_read():
    got = parse_list(_page("fn_view(2)"), LIST_URL)
    assert got.posts[0].url == "https://board.example.kr/view.do?nttId=2"


#: Pieces a fuzzed onclick is built from: brackets, quotes, escapes, keywords, calls.
_PIECES = [
    "(", ")", "{", "}", "[", "]", "'", '"', "`", "\\", ";", ",", "+", "=", "==", "?", ":",
    "if", "else", "switch", "case 1:", "return", "fn_view", "go", "this", "location.href",
    "document.frm", ".submit()", ".value", "'a'", "2", " ", "\n", "/*", "*/", "//",
]  # fmt: skip
FUZZ_SEED = 23
FUZZ_CASES = 400


def test_fuzzed_onclicks_never_raise():
    rng = random.Random(FUZZ_SEED)
    scripts = jsnav.read_scripts(parse(_page("x()")))
    for _ in range(FUZZ_CASES):
        code = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 40)))
        result = jsnav.resolve(code, scripts, LIST_URL)
        assert result.url is None or result.url.startswith("https://board.example.kr/")
        assert result.url is not None or result.reason


def test_fuzzed_function_bodies_never_raise():
    rng = random.Random(FUZZ_SEED + 1)
    for _ in range(FUZZ_CASES // 4):
        body = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 60)))
        scripts = jsnav.read_scripts(parse(_page("x()", f"function fn_view(no) {{{body}}}")))
        result = jsnav.resolve("fn_view(2)", scripts, LIST_URL)
        assert result.url is not None or result.reason


#: Runs a pattern over page text could backtrack on: spaces, tabs, backslashes, quotes.
LONG_RUNS = [
    "document.frm" + " " * 30_000 + ".nttId.value = 1",
    "document.frm" + " \t" * 15_000 + ".submit()",
    "if (a" + " " * 30_000 + "== b) { go(1) }",
    "fn_view('/x/view.do?id=7" + "\\" * 30_000,
    "go(" + "'a' + " * 5_000 + "'b')",
    "$('#frm')" + " " * 30_000 + ".submit()",
]


@pytest.mark.parametrize("code", LONG_RUNS, ids=range(len(LONG_RUNS)))
def test_long_runs_in_an_onclick_finish(code):
    got = _read_in_child(_page(code))  # white space is legal JavaScript: some do submit
    assert got["url"] is None or got["url"].startswith("https://board.example.kr/")


#: Pieces a fuzzed list page is built from: rows, links, scripts, forms, broken markup.
_HTML_PIECES = [
    "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<ul>", "<li>", "</li>", "</ul>",
    "<div class='card'>", "</div>", "<a href='/v?no=1'>", "<a href='javascript:;' data-no='2'>",
    "<a href='#cont-1'>", "<a href='http://[x'>", "</a>", "<th>제목</th>", "<th>공고시작일</th>",
    "2024-01-02", "25.04.18 ~ 25.05.02", "공지", "자세히보기", "보도자료 제목입니다",
    "<td onclick=\"go(3))\">", "<script>function go(n){ location.href='/v?n='+n; }</script>",
    "<script>$('.card a').on('click', function(){ go($(this).data('no')) });</script>",
    "<form name='f' action='/x'><input type='hidden' name='a' value='1'></form>",
    "<span class='date'>", "</span>", "<strong>1</strong>", "<a href='?page=2'>2</a>",
]  # fmt: skip


def test_fuzzed_list_pages_never_raise():
    rng = random.Random(FUZZ_SEED + 2)
    for _ in range(FUZZ_CASES // 4):
        html = "".join(rng.choice(_HTML_PIECES) for _ in range(rng.randint(5, 80)))
        got = parse_list(f"<html><body>{html}</body></html>", LIST_URL)
        for post in got.posts:
            assert post.url is None or post.url.startswith("https://board.example.kr/")


# -- selectors and ids of the page's own making -------------------------------------------------

CARDS = (
    "<ul class='biz_cards'>"
    + "".join(
        f"<li><a href='javascript:;' class='card' data-post_no='{n}'>창업 지원사업 {n}기 모집</a></li>"
        for n in (7, 6)
    )
    + "</ul>"
)
#: A click handler that reads a card's number, bound by ``SELECTOR`` and reading it through
#: ``CLIMB`` (``$(this)`` and what follows).
HANDLER = (
    "$('SELECTOR').on('click', 'a.card', function (e) {"
    " location.href = '/biz/view.do?post_no=' + $(this)CLIMB.data('post_no'); });"
)


def _handler(selector: str = ".biz_cards", climb: str = "") -> str:
    return HANDLER.replace("SELECTOR", selector).replace("CLIMB", climb)


def _cards(scripts: list[str], inline: str = "") -> list[str | None]:
    html = f"<html><head><script>{inline}</script></head><body>{CARDS}</body></html>"
    return [p.url for p in parse_list(html, LIST_URL, scripts=scripts).posts]


WANTED = [f"https://board.example.kr/biz/view.do?post_no={n}" for n in (7, 6)]
#: Selectors lexbor cannot take: bad syntax (its own error), and a lone surrogate, which only
#: a library caller's script text can hold (a parsed page has none).
BAD_SELECTORS = [".biz_cards[", ":nope(", "a)", ".biz_cards\ud800"]


@pytest.mark.parametrize("bad", BAD_SELECTORS, ids=range(len(BAD_SELECTORS)))
def test_a_handler_bound_by_a_bad_selector_binds_nothing_and_the_next_is_read(bad):
    wrong = _handler(bad).replace("/biz/view.do", "/wrong.do")
    assert _cards([wrong, _handler()]) == WANTED


@pytest.mark.parametrize("bad", BAD_SELECTORS, ids=range(len(BAD_SELECTORS)))
def test_a_bad_selector_to_closest_leaves_the_row_unread(bad):
    html = f"<html><body>{CARDS}</body></html>"
    got = parse_list(html, LIST_URL, scripts=[_handler(climb=f".closest('{bad}')")])
    assert [p.url for p in got.posts] == [None, None]
    assert "no address" in got.warnings[0]
    assert _cards([_handler(climb=".closest('li')")]) == [None, None]  # no data-post_no there
    assert _cards([_handler(climb=".closest('a')")]) == WANTED


def test_an_id_that_breaks_its_selector_is_not_known_checked():
    scripts = jsnav.read_scripts(parse('<input id="a" checked><input id="b">'))
    assert [scripts.checked(i) for i in ("a", "b", "c")] == [True, False, False]
    assert scripts.checked('a"b') is None
    assert scripts.checked("a\ud800") is None


class _Defective:
    """A tree or node whose selector calls have a bug: it must be raised, not read as a
    page's bad selector."""

    def css(self, selector: str) -> list:
        raise TypeError("boom")

    css_first = css_matches = css
    parent = None
    tag = "div"


def test_a_defect_in_a_selector_call_is_raised_not_read_as_a_bad_selector():
    from pressclip.extract import jsrefs

    scripts = jsnav.read_scripts(parse(f"<html><body>{CARDS}</body></html>"))
    scripts.handlers = [(".biz_cards", [], "")]
    with pytest.raises(TypeError, match="boom"):
        scripts.bound_ids(_Defective())  # type: ignore[arg-type]
    scripts.tree = _Defective()  # type: ignore[assignment]
    with pytest.raises(TypeError, match="boom"):
        scripts.checked("a")
    with pytest.raises(TypeError, match="boom"):
        jsrefs._climb(_Defective(), "closest", "li")  # type: ignore[arg-type]
