"""The generic extractor's third round (issue 27): small handwritten pages, one per failure
mode, each checked by what a reader of the page would call its text."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from pressclip.extract.generic import generic_lines

NAV = """<header class="site-header"><a href="/">Site</a><nav><ul>
<li><a href="/a">Products</a></li><li><a href="/b">Pricing</a></li>
<li><a href="/c">About us</a></li><li><a href="/d">Contact</a></li></ul></nav></header>"""
FOOTER = """<footer><p>Copyright 2026 Example Ltd. All rights reserved. Privacy policy, terms
of use and cookie settings.</p></footer>"""


def _page(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head>{head}</head><body>{NAV}{body}{FOOTER}</body></html>"


def _lines(html: str) -> list[str]:
    return generic_lines(LexborHTMLParser(html))


def _sentence(i: int) -> str:
    return (
        f"Paragraph {i} of the report explains how the district water board measured the "
        f"spring floods, which fields flooded first and why the drains failed in week {i}."
    )


def test_markup_kept_as_raw_text_in_noscript_is_never_the_body() -> None:
    # A tag manager's and a tracking pixel's fallback, saved with its markup escaped: the
    # <noscript> holds the tags as text, longer than the page's one short paragraph.
    pixel = (
        "&lt;iframe src=&quot;https://tags.example.net/ns.html?id=TM-12345&amp;gtm_auth=abc"
        "defghijklmnop&amp;gtm_preview=env-2&amp;gtm_cookies_win=x&quot; height=&quot;0&quot;"
        " width=&quot;0&quot; style=&quot;display:none;visibility:hidden&quot;&gt;&lt;/iframe"
        "&gt;&lt;img height=&quot;1&quot; width=&quot;1&quot; style=&quot;display:none&quot; "
        "src=&quot;https://pixel.example.org/tr?id=998877665544&amp;ev=PageView&amp;noscript=1"
        "&quot; /&gt;"
    )
    text = "Our office is closed on Monday for the holiday; we open again on Tuesday at nine."
    html = _page(f"<noscript>{pixel}</noscript><div class='notice'><p>{text}</p></div>")
    lines = _lines(html)
    assert lines == [text]


def test_text_wrapped_in_noscript_markup_is_still_read() -> None:
    # The same raw markup round real text: the text stays, the tags go.
    posts = "".join(f"&lt;p&gt;{_sentence(i)}&lt;/p&gt;" for i in range(3))
    lines = _lines(_page(f"<div id='app'></div><noscript>{posts}</noscript>"))
    assert any(_sentence(1) in line for line in lines)
    assert not any("<p>" in line for line in lines)
