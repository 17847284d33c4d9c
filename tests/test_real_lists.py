"""The list pages saved from real sites (../shared/fixtures/real/, third-party, read in
place): every row's title, date and notice mark, its address, and the next page.

Addresses are compared the way the fixtures' README says they were rebuilt: a
``;jsessionid=`` is ignored and the golden's query parameters must all be there with their
values (a row link may carry more, such as ``pageIndex=1``). A row whose target the page
does not define (a function in an external script) must come out with ``url: null`` and a
warning naming it, not with a guess.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from conftest import SHARED

from pressclip.decode import decode
from pressclip.extract.dispatch import is_list_page, parse_list

REAL = SHARED / "fixtures" / "real"
PAGES = sorted(REAL.glob("*list*.expected.json")) if REAL.is_dir() else []

pytestmark = pytest.mark.skipif(not PAGES, reason=f"no real list pages in {REAL}")


def same_url(expected: str | None, got: str | None) -> bool:
    if expected is None or got is None:
        return expected == got
    a, b = urlsplit(expected), urlsplit(got)
    strip = re.compile(r";jsessionid=[^/?#]*", re.IGNORECASE)
    if (a.scheme, a.netloc, strip.sub("", a.path)) != (b.scheme, b.netloc, strip.sub("", b.path)):
        return False
    have = dict(parse_qsl(b.query, keep_blank_values=True))
    return all(have.get(k) == v for k, v in parse_qsl(a.query, keep_blank_values=True))


@pytest.fixture(scope="module", params=PAGES, ids=lambda p: p.name.split(".")[0])
def case(request):
    golden = json.loads(request.param.read_text(encoding="utf-8"))
    html_path = request.param.with_name(request.param.name.replace(".expected.json", ".html"))
    html = decode(html_path.read_bytes())[0]
    return golden, html, parse_list(html, golden["url"])


def test_rows(case):
    golden, _, listing = case
    want = [(p["title"], p["date"], p["notice"]) for p in golden["posts"]]
    assert [(p.title, p.date, p.notice) for p in listing.posts] == want


def test_row_urls(case):
    golden, _, listing = case
    for i, (want, got) in enumerate(zip(golden["posts"], listing.posts, strict=True), 1):
        if got.url is None:  # allowed only with a warning naming the row and the cause
            assert any(
                w.startswith(f"row {i} «{got.title}»") and "does not define" in w
                for w in listing.warnings
            ), listing.warnings
        else:
            assert same_url(want["url"], got.url), (want["url"], got.url)


def test_next_page(case):
    golden, _, listing = case
    if "next_page" not in golden:
        pytest.skip("the golden does not say (next page not scored)")
    if listing.next_page is None and golden["next_page"] is not None:
        assert any(w.startswith("next page:") for w in listing.warnings), listing.warnings
    else:
        assert same_url(golden["next_page"], listing.next_page)


def test_is_a_list_page(case):
    _, html, _ = case
    assert is_list_page(html)


def test_real_view_pages_are_not_list_pages():
    views = sorted(REAL.glob("*_view_*.html"))
    assert views
    for path in views:
        assert not is_list_page(decode(path.read_bytes())[0]), path.name
