"""The generic extractor chooses a region, not one block: small handwritten pages of the
shapes that used to collapse to a single block (issue 10), and of the failure modes of the
third round (issue 27), each checked by what a reader of the page would call its text."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from pressclip import extract
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


def test_paragraph_runs_split_over_many_divs_are_kept_together() -> None:
    # One long paragraph in its own wrapper, the rest one short paragraph per div: the
    # densest block is the long one, the content is all of them.
    long = " ".join(_sentence(0) for _ in range(4))
    runs = "".join(
        f'<div class="block"><p>Step {i}: check the pump {i}.</p></div>' for i in range(30)
    )
    html = _page(f'<div class="page"><div class="lead"><p>{long}</p></div>{runs}</div>')
    lines = _lines(html)
    assert lines[0] == long
    assert "Step 0: check the pump 0." in lines
    assert "Step 29: check the pump 29." in lines
    assert not any("Pricing" in line or "Copyright" in line for line in lines)


def test_landing_page_sections_are_one_region() -> None:
    sections = "".join(
        f'<section class="feature"><h2>Feature {i}</h2><p>Short pitch {i}, for teams that ship.</p>'
        "</section>"
        for i in range(12)
    )
    intro = '<section class="hero"><p>' + _sentence(1) + " " + _sentence(2) + "</p></section>"
    lines = _lines(_page(f"<main><div>{intro}</div><div>{sections}</div></main>"))
    # The intro alone is the densest block; the features hold most of the page's text.
    assert "Feature 0" in lines and "Short pitch 11, for teams that ship." in lines
    assert any(line.startswith("Paragraph 1 of the report") for line in lines)


def test_a_landing_page_of_short_copy_keeps_its_smaller_sections() -> None:
    # No paragraph of an article's length anywhere: short copy in sections, a sign-up box
    # between them. The densest section holds three fifths of the copy; the rest is the
    # page's text too.
    def pitch(i: int) -> str:
        return (
            f"Plan {i} gives your team shared boards, reminders and reports, set up in"
            " minutes and billed by the month."
        )

    first = "".join(f"<p>{pitch(i)}</p>" for i in range(6))
    second = "".join(f"<p>{pitch(i)}</p>" for i in range(10, 14))
    signup = (
        '<div class="newsletter"><p>Get our tips for busy teams every week, free, with news of'
        " new plans and offers. Unsubscribe at any time from any e-mail we send.</p><p>We"
        " keep your address for this letter only and never pass it on to anyone, as our"
        " privacy notice explains in full.</p><p>Thousands of teams read it each Monday over"
        " their first coffee, and most of them stay.</p></div>"
    )
    html = _page(f"<div class='page'><div>{first}</div>{signup}<div>{second}</div></div>")
    lines = _lines(html)
    assert pitch(0) in lines and pitch(13) in lines
    assert not any("Unsubscribe" in line for line in lines)


def test_listing_headlines_are_the_content() -> None:
    items = "".join(
        f'<li><a href="/story/{i}">Story number {i}: the council votes on the harbour plan</a>'
        f" <span>{i} hours ago</span></li>"
        for i in range(20)
    )
    html = _page(f'<div class="list"><p>Latest stories.</p><ol>{items}</ol></div>')
    lines = _lines(html)
    assert "Story number 0: the council votes on the harbour plan 0 hours ago" in lines
    assert "Story number 19: the council votes on the harbour plan 19 hours ago" in lines
    assert not any(line in ("Products", "Pricing", "About us") for line in lines)


def test_headlines_beside_an_article_stay_out() -> None:
    article = "".join(f"<p>{_sentence(i)}</p>" for i in range(12))
    more = "".join(
        f'<li><a href="/s/{i}">Another story about something else entirely, number {i}</a></li>'
        for i in range(12)
    )
    html = _page(f"<div><div class='story'>{article}</div><div><ul>{more}</ul></div></div>")
    lines = _lines(html)
    assert lines[0].startswith("Paragraph 0 of the report")
    assert not any("Another story" in line for line in lines)


def test_forum_thread_keeps_every_post() -> None:
    posts = "".join(
        f'<div class="topic-post"><div class="names"><a href="/u/{i}">user{i}</a></div>'
        f"<div class='cooked'><p>Reply {i}: I had the same problem with the installer on "
        f"my machine, restarting the service fixed it for me.</p></div></div>"
        for i in range(8)
    )
    lines = _lines(_page(f"<div id='main-outlet'><h1>Agent keeps crashing</h1>{posts}</div>"))
    for i in range(8):
        assert any(line.startswith(f"Reply {i}:") for line in lines), i


def test_thread_only_in_noscript_is_read() -> None:
    # A forum that builds its page with JavaScript: the posts are in <noscript> for readers
    # without it, the live page is an empty shell.
    posts = "".join(f"<div class='post'><p>{_sentence(i)}</p></div>" for i in range(5))
    html = _page(f"<div id='app'></div><noscript><div id='main-outlet'>{posts}</div></noscript>")
    lines = _lines(html)
    assert len(lines) == 5 and lines[4].startswith("Paragraph 4 of the report")


def test_content_hidden_until_a_script_runs_is_read() -> None:
    body = "".join(f"<p>{_sentence(i)}</p>" for i in range(6))
    html = _page(f'<div hidden id="S:0"><main><article>{body}</article></main></div>')
    assert len(_lines(html)) == 6


def test_overflow_hidden_utility_class_hides_nothing() -> None:
    body = "".join(f"<p>{_sentence(i)}</p>" for i in range(4))
    html = _page(f'<div class="overflow-hidden rounded"><div class="prose">{body}</div></div>')
    assert len(_lines(html)) == 4


def test_tables_definition_lists_and_code_are_kept() -> None:
    body = f"""<article><h2>Configuration</h2><p>{_sentence(1)}</p>
    <table><tr><th>Option</th><th>Default</th></tr><tr><td>timeout</td><td>30</td></tr>
    <tr><td>retries</td><td>5</td></tr></table>
    <dl><dt>verbose</dt><dd>Print every request made.</dd></dl>
    <pre><code>pressclip clean page.html --format text</code></pre>
    <p>{_sentence(2)}</p></article>"""
    text = "\n".join(_lines(_page(body)))
    for piece in ("Option", "retries", "Print every request made.", "pressclip clean page.html"):
        assert piece in text, piece


def test_aside_is_not_chosen_over_the_article() -> None:
    article = "".join(f"<p>{_sentence(i)}</p>" for i in range(5))
    aside = "<aside><h3>About the author</h3><p>" + " ".join(_sentence(9) for _ in range(8))
    aside += "</p></aside>"
    lines = _lines(_page(f"<div class='wrap'><article>{article}</article>{aside}</div>"))
    assert lines[0].startswith("Paragraph 0 of the report")
    assert not any(line.startswith("Paragraph 9") for line in lines)


def test_product_reviews_are_not_the_product_text() -> None:
    details = "<div class='product-description'><p>" + _sentence(1) + "</p><p>"
    details += _sentence(2) + "</p></div>"
    reviews = "".join(
        f"<div class='review'><p>Five stars. {_sentence(10 + i)}</p></div>" for i in range(6)
    )
    html = _page(f"<div class='product'>{details}<div class='reviews'>{reviews}</div></div>")
    lines = _lines(html)
    assert any(line.startswith("Paragraph 1") for line in lines)
    assert not any(line.startswith("Five stars") for line in lines)


def test_ruby_annotations_are_dropped() -> None:
    text = (
        "<p><ruby>東京<rp>(</rp><rt>とうきょう</rt><rp>)</rp></ruby>の"
        "<ruby>天気<rt>てんき</rt></ruby>は、あしたから晴れる見込みだと気象庁が発表しました。</p>"
    )
    lines = _lines(_page(f"<article>{text * 3}</article>"))
    assert lines[0] == "東京の天気は、あしたから晴れる見込みだと気象庁が発表しました。" * 1
    assert not any("とうきょう" in line or "(" in line for line in lines)


def test_short_chinese_paragraphs_are_content() -> None:
    # Density is counted in characters: a Chinese paragraph of 18 characters says as much
    # as an English one of about 36, and must not be scored as a too-short line.
    zh = "".join(f"<p>第{i}段：新的地铁线路将于明年春天开通。</p>" for i in range(8))
    lines = _lines(_page(f"<div class='story'>{zh}</div>"))
    assert len(lines) == 8 and lines[0] == "第0段：新的地铁线路将于明年春天开通。"


def test_right_to_left_text_comes_out_unchanged() -> None:
    ar = "أعلنت البلدية اليوم عن افتتاح المكتبة العامة الجديدة في وسط المدينة بعد عامين من العمل."
    he = "העירייה הודיעה היום על פתיחת הספרייה הציבורית החדשה במרכז העיר לאחר שנתיים של עבודה."
    body = f'<article dir="rtl"><p>{ar}</p><p>{he}</p><p>{ar}</p></article>'
    lines = _lines(_page(body, '<meta charset="utf-8">'))
    assert lines == [ar, he, ar]


def test_whole_pipeline_gives_the_region_as_body() -> None:
    runs = "".join(f"<div><p>{_sentence(i)}</p></div>" for i in range(10))
    art = extract(_page(f"<div class='content'>{runs}</div>"))
    assert art.engine == "generic"
    assert len(art.paragraphs) == 10


def test_blog_index_keeps_headlines_with_their_summaries() -> None:
    # Entries of headline link, date and summary: the summaries outweigh the headlines,
    # but the region that holds them holds the headlines too, so they are its content.
    entries = "".join(
        f'<p class="title"><a href="/blog/{i}">Release notes for version 1.{i}</a>, '
        f'<span class="date">{i} March 2026</span></p>'
        f'<p class="summary">What changed in version 1.{i}: faster start-up, fewer '
        f"allocations and a new option for the command line.</p>"
        for i in range(10)
    )
    lines = _lines(_page(f'<main><h1>The Blog</h1><div id="blogindex">{entries}</div></main>'))
    assert "Release notes for version 1.0, 0 March 2026" in lines
    assert "Release notes for version 1.9, 9 March 2026" in lines
    assert any(line.startswith("What changed in version 1.9") for line in lines)


def test_a_copyright_line_is_never_the_content() -> None:
    # The page's only long line is the footer's notice, outside a <footer> element.
    html = (
        "<html><body><div class='teaser'><a href='/a'>Home</a></div><div class='x'>"
        "<p>Copyright 2026 Example Corporation. All rights reserved. Reproduction in whole "
        "or in part without permission is prohibited by the law.</p></div></body></html>"
    )
    assert _lines(html) == []


def test_a_long_box_in_the_footer_loses_to_the_page_text() -> None:
    # A privacy policy kept in the footer (a dialog opened from a link) has far more text
    # than the product it sits under; the product's own text is still the content.
    policy = "".join(f"<p>Section {i} of the privacy policy. {_sentence(i)}</p>" for i in range(15))
    product = (
        "<div class='product-info'><h2>Wool Runner</h2><p>A true original: soft merino wool "
        "and a cushioned sole for all-day wear.</p><p>Machine washable: put it in a delicates "
        "bag, cold water, and let it dry in the air.</p><p>Made with renewable materials "
        "and shipped in boxes of recycled cardboard.</p></div>"
    )
    html = (
        f"<html><body>{NAV}<div class='page'>{product}</div>"
        f"<footer><div class='legal'>{policy}</div></footer></body></html>"
    )
    lines = _lines(html)
    assert any(line.startswith("A true original") for line in lines)
    assert not any(line.startswith("Section") for line in lines)


def test_next_js_root_is_no_pager() -> None:
    # id="__next" wraps every Next.js page: it is not a "next page" link box.
    items = "".join(
        f'<li><a href="/n/{i}">Headline number {i} about the budget vote tonight</a></li>'
        for i in range(8)
    )
    html = f'<html><body><div id="__next"><main><ul>{items}</ul></main></div></body></html>'
    assert len(_lines(html)) == 8


def test_a_cookie_banner_with_one_long_notice_stays_boilerplate() -> None:
    notice = "We and our partners use cookies to " + "remember your choices and measure " * 30
    items = "".join(
        f'<li><a href="/n/{i}">Headline number {i} about the budget vote tonight</a></li>'
        for i in range(12)
    )
    html = (
        f"<html><body><div class='privacy-banner'><p>{notice}</p><button>Accept</button></div>"
        f"<main><ul>{items}</ul></main></body></html>"
    )
    lines = _lines(html)
    assert "Headline number 0 about the budget vote tonight" in lines
    assert not any("cookies" in line for line in lines)


def test_table_rows_are_lines_and_repeated_cells_stay() -> None:
    # A training plan: "Rest" in every row. One cell a line, dedup would keep one "Rest";
    # a row a line (as a browser reads a table), every row is there.
    rows = "".join(
        f"<tr><td>{w}</td><td>Rest</td><td>Run easy {20 + w} min</td><td>Rest</td></tr>"
        for w in range(1, 7)
    )
    table = f"<table><tr><th>Week</th><th>Mon</th><th>Tue</th><th>Wed</th></tr>{rows}</table>"
    html = _page(f"<article><p>{_sentence(1)}</p>{table}<p>{_sentence(2)}</p></article>")
    lines = _lines(html)
    assert "Week Mon Tue Wed" in lines
    assert "1 Rest Run easy 21 min Rest" in lines
    assert "6 Rest Run easy 26 min Rest" in lines
    body = extract(html).body  # dedup keeps every row (it may join them as wrapped lines)
    assert all(f"{w} Rest Run easy {20 + w} min Rest" in body for w in range(1, 7))


def test_a_cell_holding_blocks_is_still_its_own_lines() -> None:
    cell = f"<p>{_sentence(1)}</p><p>{_sentence(2)}</p>"
    html = _page(f"<table><tr><td><a href='/x'>Home</a></td><td>{cell}</td></tr></table>")
    lines = _lines(html)
    assert lines == [_sentence(1), _sentence(2)]


def test_an_accordion_tablist_holding_the_transcript_is_content() -> None:
    # Bootstrap accordions put role="tablist" round their panels: here the whole text.
    panel = "".join(f"<p>{_sentence(i)}</p>" for i in range(12))
    html = _page(
        f"<article><p>Episode 12. {_sentence(90)} {_sentence(91)}</p></article>"
        '<div id="info" role="tablist"><div class="card"><h5><a href="#t">Transcript</a></h5>'
        f'<div id="t" class="collapse" role="tabpanel">{panel}</div></div></div>'
    )
    lines = _lines(html)
    assert _sentence(0) in lines and _sentence(11) in lines


def test_a_row_of_tabs_is_still_no_content() -> None:
    tabs = (
        '<ul role="tablist"><li><a href="#a">Overview</a></li><li><a href="#b">Specs</a></li></ul>'
    )
    body = "".join(f"<p>{_sentence(i)}</p>" for i in range(3))
    lines = _lines(_page(f"<main>{tabs}<div>{body}</div></main>"))
    assert "Overview" not in lines and "Specs" not in lines
    assert _sentence(2) in lines


def _entry(i: int) -> str:
    return (
        f'<section class="listicle-block"><h3><a href="/trail/{i}">The Riverside Hike and Bike Trail,'
        f" number {i}</a></h3><p>{_sentence(i)} {_sentence(i + 1)}</p></section>"
    )


def test_listicle_entries_with_linked_headings_are_the_article() -> None:
    # Two entries (four headlines in the region would make it a blog index, kept anyway).
    # Between them, the article's other paragraphs hold most of the text.
    entries = "".join(
        f"<p>{_sentence(20 + i)}</p><p>{_sentence(30 + i)}</p><p>{_sentence(40 + i)}</p>{_entry(i)}"
        for i in range(2)
    )
    lines = _lines(_page(f"<article><div class='body'>{entries}</div></article>"))
    assert "The Riverside Hike and Bike Trail, number 0" in lines
    assert "The Riverside Hike and Bike Trail, number 1" in lines
    assert f"{_sentence(1)} {_sentence(2)}" in lines


def test_listicle_entries_of_two_short_sentences_are_the_article() -> None:
    # Each entry's paragraph is two short sentences (202 characters): a paragraph of its own.
    def summary(i: int) -> str:
        return (
            f"Trail {i} follows the old railway line from the harbour to the mill, past both"
            " lakes and the bird hide. It runs along the river for six miles, is flat all the"
            " way and is lit at night in the winter months."
        )

    entries = "".join(
        f"<p>{_sentence(20 + i)}</p><p>{_sentence(30 + i)}</p><p>{_sentence(40 + i)}</p>"
        f'<section class="pick"><h3><a href="/trail/{i}">The Riverside Hike and Bike Trail, '
        f"number {i}</a></h3><p>{summary(i)}</p></section>"
        for i in range(2)
    )
    assert 200 <= len(summary(1)) < 250
    lines = _lines(_page(f"<article><div class='body'>{entries}</div></article>"))
    assert "The Riverside Hike and Bike Trail, number 1" in lines
    assert summary(1) in lines


def test_a_short_entry_among_the_articles_long_entries_stays() -> None:
    # A guide's chapters: linked headings over summaries, one long, one short, between the
    # guide's paragraphs. Cards of one parent are of one kind: both are the guide's.
    prose = "".join(f"<p>{_sentence(i)}</p>" for i in range(6))
    long = (
        '<div class="chapter"><h5><a href="/guide/1">Chapter 1: How the water board works</a>'
        f"</h5><p>{_sentence(30)} {_sentence(31)}</p></div>"
    )
    short = (
        '<div class="chapter"><h5><a href="/guide/2">Chapter 2: Measuring the spring floods</a>'
        "</h5><p>Where the gauges stand and how often they are read.</p></div>"
    )
    page = _page(
        f"<article><div class='body'>{prose}{long}{short}<p>{_sentence(9)}</p></div></article>"
    )
    lines = _lines(page)
    assert "Chapter 1: How the water board works" in lines
    assert "Chapter 2: Measuring the spring floods" in lines
    assert "Where the gauges stand and how often they are read." in lines


def test_three_latest_posts_under_an_article_are_no_blog_index() -> None:
    # An author box closing the article: "Latest posts by …", three of them. A blog index
    # lists more entries than that.
    article = "".join(f"<p>{_sentence(i)}</p>" for i in range(6))
    latest = "".join(
        f'<li><a href="/blog/{i}">A complete packing guide for the spring retreat, part {i}'
        f"</a> - May {i + 2}, 2025</li>"
        for i in range(3)
    )
    box = f'<div class="box"><p>Latest posts by Ann Lee</p><ul>{latest}</ul></div>'
    lines = _lines(_page(f"<article><div class='entry'>{article}{box}</div></article>"))
    assert _sentence(0) in lines and _sentence(5) in lines
    assert not any("packing guide" in line for line in lines)


def test_more_stories_with_long_summaries_stay_out() -> None:
    article = "".join(f"<p>{_sentence(i)}</p>" for i in range(8))
    more = "".join(
        f'<div class="card"><h3><a href="/s/{i}">Another story about the district, part {i}'
        f"</a></h3><p>{_sentence(40 + i)} {_sentence(50 + i)}</p></div>"
        for i in range(2)  # two: four headlines in the region would make it a blog index
    )
    lines = _lines(_page(f"<div class='page'><article>{article}</article><div>{more}</div></div>"))
    assert _sentence(0) in lines and _sentence(7) in lines
    assert not any("Another story" in line for line in lines)


def test_a_sign_up_box_inside_the_article_is_dropped() -> None:
    box = (
        '<section class="deals-box"><div><div class="title">Deals for you</div>'
        "<div>Get the best offers picked by our editors, every morning, free.</div>"
        '<form action="/s"><input type="email" name="e"><button>Sign me up</button>'
        "<p>By signing up you agree to our terms and to receive e-mail from us.</p></form>"
        "</div></section>"
    )
    paragraphs = [f"<p>{_sentence(i)}</p>" for i in range(6)]
    html = _page(f"<article>{''.join(paragraphs[:3])}{box}{''.join(paragraphs[3:])}</article>")
    lines = _lines(html)
    assert _sentence(0) in lines and _sentence(5) in lines
    assert not any("Deals" in line or "signing up" in line or "offers" in line for line in lines)


def test_a_list_entry_holding_a_popup_form_stays() -> None:
    cards = "".join(
        f"<li><h3>Feeder model {i}</h3><p>{_sentence(i)}</p><div class='notify'>"
        f"<form><input type='email'><button>Notify me</button></form></div></li>"
        for i in range(4)
    )
    lines = _lines(_page(f"<main><ul class='products'>{cards}</ul></main>"))
    assert "Feeder model 0" in lines and _sentence(3) in lines


def test_sections_of_one_weak_class_holding_the_text_are_content() -> None:
    # An explainer cut into "jump-section"s (a weak boilerplate word), each with its id.
    sections = "".join(
        f'<section class="x1 jump-section" id="part-{i}"><h2>Part {i}</h2>'
        f"<p>{_sentence(i)} {_sentence(i + 10)}</p></section>"
        for i in range(4)
    )
    lines = _lines(_page(f"<div class='page'>{sections}</div>"))
    assert "Part 0" in lines and "Part 3" in lines
    assert f"{_sentence(0)} {_sentence(10)}" in lines
    assert f"{_sentence(3)} {_sentence(13)}" in lines


def test_many_long_captions_stay_out() -> None:
    figures = "".join(
        f"<p>{_sentence(i)} {_sentence(i + 20)}</p><div class='caption'>{_sentence(40 + i)}"
        f" {_sentence(60 + i)}</div>"
        for i in range(4)
    )
    lines = _lines(_page(f"<article>{figures}</article>"))
    assert f"{_sentence(0)} {_sentence(20)}" in lines
    assert not any(line.startswith("Paragraph 40") for line in lines)


def test_a_list_of_links_between_paragraphs_is_kept() -> None:
    steps = "".join(f"<li><a href='/vendors/{i}'>Book vendor {i}</a></li>" for i in range(6))
    body = f"<p>{_sentence(1)}</p><ul>{steps}</ul><p>{_sentence(2)}</p>"
    lines = _lines(_page(f"<article>{body}</article>"))
    assert "Book vendor 0" in lines and "Book vendor 5" in lines


def test_a_list_of_links_closing_the_article_is_dropped() -> None:
    places = "".join(f"<li><a href='/in/{i}'>Office in town {i}</a></li>" for i in range(6))
    body = f"<p>{_sentence(1)}</p><p>{_sentence(2)}</p><ul>{places}</ul>"
    lines = _lines(_page(f"<article>{body}</article>"))
    assert _sentence(2) in lines
    assert not any("Office in town" in line for line in lines)


def test_a_heading_is_never_boilerplate_by_its_class() -> None:
    # Page builders name a heading's style: "kt-adv-heading" (advanced), "header-title".
    body = "".join(
        f"<h2 class='kt-adv-heading{i}'>Section {i} of the guide</h2><p>{_sentence(i)}</p>"
        for i in range(4)
    )
    lines = _lines(_page(f"<article>{body}</article>"))
    assert "Section 0 of the guide" in lines and "Section 3 of the guide" in lines


def test_an_item_that_links_in_a_list_of_text_stays() -> None:
    items = "".join(
        f"<li>Visit and compare venue {i} before the spring, with the family</li>"
        f"<li><a href='/p/{i}'>Book photographer</a> {i}</li>"
        for i in range(4)
    )
    body = f"<p>{_sentence(1)}</p><ul>{items}</ul>"
    lines = _lines(_page(f"<article>{body}</article>"))
    assert "Book photographer 0" in lines and "Book photographer 3" in lines


def test_a_section_titled_related_articles_stays_out() -> None:
    article = "".join(f"<p>{_sentence(i)}</p>" for i in range(6))
    related = (
        "<div class='block'><h2>Related articles</h2><div class='grid'>"
        "<div><a href='/r/1'>Pump stations</a><p>How the pumps are kept running.</p></div>"
        "<div><a href='/r/2'>Dikes</a><p>Who inspects the dikes in spring.</p></div></div></div>"
    )
    lines = _lines(_page(f"<main><div class='post'>{article}{related}</div></main>"))
    assert _sentence(0) in lines and _sentence(5) in lines
    assert not any("pumps are kept" in line or "Related" in line for line in lines)


def test_a_related_posts_line_drops_the_list_after_it() -> None:
    article = "".join(f"<p>{_sentence(i)}</p>" for i in range(6))
    related = (
        "<p><strong>관련 기사:</strong></p><ul>"
        "<li><a href='/r/1'>배수 펌프장 점검 결과</a></li><li><a href='/r/2'>제방 안전 진단</a></li></ul>"
    )
    lines = _lines(_page(f"<article>{article}{related}<p>{_sentence(9)}</p></article>"))
    assert _sentence(0) in lines and _sentence(9) in lines
    assert not any("펌프장" in line or "관련" in line for line in lines)


def test_a_heading_that_only_mentions_related_work_is_kept() -> None:
    article = "".join(f"<p>{_sentence(i)}</p>" for i in range(6))
    body = f"<h2>Related work on flood gauges</h2><p>{_sentence(7)}</p>"
    lines = _lines(_page(f"<article>{article}{body}</article>"))
    assert "Related work on flood gauges" in lines and _sentence(7) in lines


def test_collapsed_accordion_panels_are_read() -> None:
    # A guide whose steps are accordion panels, closed (display:none) until their heading
    # is clicked: the steps are the article; a hidden box that is no panel stays out.
    steps = "".join(
        f'<div><a role="button" aria-controls="s{i}">Step {i}</a></div>'
        f'<div id="s{i}" role="region" style="display:none"><p>{_sentence(i)}</p></div>'
        for i in range(5)
    )
    hidden = f'<div style="display: none"><p>{_sentence(70)} {_sentence(71)}</p></div>'
    html = _page(f"<article><p>{_sentence(90)}</p>{steps}{hidden}</article>")
    lines = _lines(html)
    assert all(_sentence(i) in lines for i in range(5))
    assert not any(_sentence(70) in line for line in lines)


def test_hidden_tab_panels_are_read() -> None:
    tabs = (
        '<ul role="tablist"><li role="tab">Description</li><li role="tab">Details</li></ul>'
        f'<div role="tabpanel"><p>{_sentence(1)}</p><p>{_sentence(4)}</p><p>{_sentence(5)}</p>'
        "</div>"
        f'<div role="tabpanel" hidden><p>{_sentence(2)} {_sentence(3)}</p></div>'
    )
    lines = _lines(_page(f"<main><h1>Garden hose</h1>{tabs}</main>"))
    assert _sentence(1) in lines and f"{_sentence(2)} {_sentence(3)}" in lines


def test_collapsed_panels_named_by_their_class_are_read() -> None:
    # "Show more" toggles and accordions without ARIA roles: hidden by aria-hidden or the
    # hidden attribute, named by their class.
    more = f'<div class="content-toggle__body" aria-hidden="true"><p>{_sentence(1)}</p></div>'
    faq = "".join(
        f'<h3>Question {i}</h3><div class="accordion-content" hidden><p>{_sentence(i)}</p></div>'
        for i in range(2, 6)
    )
    shown = "".join(f"<p>{_sentence(i)}</p>" for i in (0, 6, 7))
    html = _page(f"<main><h1>Product</h1>{shown}{more}{faq}</main>")
    lines = _lines(html)
    assert all(_sentence(i) in lines for i in range(6))


def test_a_weak_class_round_the_main_element_hides_nothing() -> None:
    # A topic page wrapped in class="topics-page": "topics" names tag lists elsewhere, but
    # a wrapper of <main> is the page, so its headlines are the listing.
    cards = "".join(
        f'<li><article><a href="/news/{i}"><h2>Story number {i} about the harbour works '
        f"and the new ferry timetable</h2></a><p>Short summary {i}.</p></article></li>"
        for i in range(8)
    )
    html = _page(f'<div class="topics-page"><h1>Economy</h1><main><ul>{cards}</ul></main></div>')
    lines = _lines(html)
    assert any(line.startswith("Story number 0 ") for line in lines)
    assert any(line.startswith("Story number 7 ") for line in lines)


# -- failure modes of the third round (issue 27): a page of each ------------------------------


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


DISCLAIMER = (
    "The information on this site is provided for general guidance only and does not "
    "constitute professional advice. While we endeavour to keep it up to date and correct, "
    "we make no representations or warranties of any kind about its completeness, accuracy "
    "or reliability. Any reliance you place on such information is strictly at your own "
    "risk, and we will not be liable for any loss or damage arising from its use."
)


def test_a_layout_wrapper_named_after_its_sidebar_holds_the_text() -> None:
    # A theme names the wrapper of the text and its sidebar after the layout; the text
    # (no <article>, no <main>) is most of the page's prose: it is read, not the notice.
    text = "".join(f"<p>{_sentence(i)}</p>" for i in range(6))
    sidebar = "<div class='widget-area sidebar'><p>Recent posts</p></div>"
    html = _page(
        f"<div class='content-sidebar-wrap'><div class='entry'>{text}</div>{sidebar}</div>"
        f"<div class='site-notice'><p>{DISCLAIMER}</p></div>"
    )
    lines = _lines(html)
    assert lines[0] == _sentence(0) and _sentence(5) in lines
    assert "Recent posts" not in lines


def test_a_class_word_inside_a_longer_word_is_not_that_word() -> None:
    # "shared" is no "share" button.
    text = "".join(f"<p>{_sentence(i)}</p>" for i in range(2))
    html = _page(
        f"<div class='shared-content'>{text}</div><div class='site-notice'><p>{DISCLAIMER}</p>"
        "</div>"
    )
    assert _lines(html)[:2] == [_sentence(0), _sentence(1)]


def _card(i: int) -> str:
    summary = " ".join(
        f"Excerpt {i}: the council's other report on the harbour wall and its repairs."
        for _ in range(4)
    )
    return (
        f"<article><h3><a href='/posts/{i}'>Another post about the harbour wall, part {i}</a>"
        f"</h3><p>{summary}</p></article>"
    )


def test_related_posts_nested_in_the_article_are_dropped() -> None:
    # Cards of other posts (a linked headline over an excerpt), nested as <article>s in the
    # post's own <article> after its text: no class, no "Related" heading names them.
    text = "".join(f"<p>{_sentence(i)}</p>" for i in range(8))
    lines = _lines(_page(f"<article><h1>The floods</h1>{text}{_card(1)}{_card(2)}</article>"))
    assert lines[0] == _sentence(0) and _sentence(7) in lines
    assert not any("harbour" in line for line in lines)


def test_a_listing_of_nested_articles_is_kept() -> None:
    # The same cards as most of an <article>'s text: a listing, which is the content.
    cards = "".join(_card(i) for i in range(6))
    lines = _lines(_page(f"<article><h1>Archive</h1><p>{_sentence(0)}</p>{cards}</article>"))
    assert sum("Excerpt" in line for line in lines) == 6


def test_an_articles_repeated_lines_are_kept_and_a_repeated_block_goes() -> None:
    from pressclip import extract

    refrain = "Stir the pot slowly and wait for five minutes before the next step."
    steps = "".join(f"<h2>Step {i}</h2><p>{_sentence(i)}</p><p>{refrain}</p>" for i in range(1, 5))
    summary = f"<p>{_sentence(8)}</p><p>{_sentence(9)}</p>"
    html = _page(f"<article><h1>A soup</h1>{summary}{steps}{summary}</article>")
    article = extract(html)
    assert article.paragraphs.count(refrain) == 4  # said after every step: the text's own
    assert article.paragraphs.count(_sentence(8)) == 1  # the summary pasted again: a copy
    assert article.paragraphs.count(_sentence(9)) == 1


def test_a_korean_board_post_keeps_todays_dedup() -> None:
    from pressclip import extract

    line = "시청 민원실은 다음 주 월요일부터 오후 여섯 시까지 운영합니다."
    html = (
        "<html lang='ko'><head><title>민원실 운영 안내</title></head><body><div class='view'>"
        f"<p>{line}</p><p>주차장은 지하 2층을 이용해 주십시오.</p><p>{line}</p></div></body></html>"
    )
    assert extract(html).paragraphs.count(line) == 1


def test_a_page_hidden_by_a_hide_class_until_its_script_runs_is_read() -> None:
    # A site shows its whole page only when its preloader script removes the wrapper's
    # "hide" class: read without scripts, nothing is visible, so the hidden text is read.
    text = "".join(f"<p>{_sentence(i)}</p>" for i in range(5))
    html = _page(f"<div class='preloader'></div><div class='root hide'><main>{text}</main></div>")
    lines = _lines(html)
    assert lines[0] == _sentence(0) and _sentence(4) in lines


def test_a_hide_class_box_beside_visible_text_stays_hidden() -> None:
    # The same class on a box beside a visible text: that box is what it says, hidden.
    text = "".join(f"<p>{_sentence(i)}</p>" for i in range(5))
    hidden = "<div class='hide'><p>Thank you, your message has been sent to our team.</p></div>"
    lines = _lines(_page(f"<main>{text}{hidden}</main>"))
    assert _sentence(4) in lines and not any("Thank you" in line for line in lines)


def _teaser(i: int) -> str:
    # A card as news sites write it: the headline link and its summary in the card's own
    # <header>, the summary itself a link too.
    href = f"/news/2025/story-{i}"
    return (
        f"<article class='river'><a href='{href}'><img src='/i/{i}.jpg' alt=''></a><header>"
        f"<h2><a href='{href}'>Harbour story {i}: the new ferry timetable starts on Monday</a>"
        f"</h2><p><a href='{href}'>Summary {i}: boats leave every twenty minutes at rush hour."
        f"</a></p><time>{i} days ago</time></header></article>"
    )


def test_a_collection_of_teaser_cards_with_their_own_headers_is_read() -> None:
    # Every card's text sits in its <header>: a page's header is boilerplate, an article
    # card's own header is the card.
    cards = "".join(_teaser(i) for i in range(8))
    lines = _lines(_page(f"<main><h1>Harbour news</h1><section>{cards}</section></main>"))
    assert sum("Harbour story" in line for line in lines) == 8
    assert sum("Summary" in line for line in lines) == 8


def test_an_articles_own_header_stays_out_of_its_text() -> None:
    # A single article's header (its standfirst and dates) is not its text.
    text = "".join(f"<p>{_sentence(i)}</p>" for i in range(6))
    head = "<header><h1>The floods</h1><p>Published 3 May, updated 4 May</p></header>"
    lines = _lines(_page(f"<article>{head}{text}</article>"))
    assert lines[0] == _sentence(0) and not any("Published" in line for line in lines)


CONSENT = (
    "When you visit any website, it may store or retrieve information on your browser, "
    "mostly in the form of cookies. This information might be about you, your preferences "
    "or your device and is mostly used to make the site work as you expect it to. "
)


def _post(i: int, author: str) -> str:
    return (
        f"<article class='cPost ipsBox ipsComment' id='elComment_{1000 + i}'>"
        f"<aside class='ipsComment_author'><h3>{author}</h3></aside>"
        f"<div class='ipsComment_content'><p>{_sentence(i)}</p></div></article>"
    )


def test_a_consent_dialog_is_never_the_body() -> None:
    # A consent manager's dialog (role="dialog") holds more text than the page's short
    # question; the question is the page's.
    question = "Does anyone know what the two round holes beside the power supply are for?"
    dialog = (
        f"<div id='pc-sdk' role='dialog' aria-modal='true'><h2>Privacy Preference Center"
        f"</h2>{''.join(f'<p>{CONSENT}</p>' for _ in range(4))}</div>"
    )
    lines = _lines(_page(f"<main><h1>Two holes</h1><p>{question}</p></main>{dialog}"))
    assert question in lines and not any("cookies" in line for line in lines)


def test_a_forum_thread_of_posts_named_comments_is_read_whole() -> None:
    # A forum names its thread "comments" and every post "ipsComment": the posts are the
    # page's text, all of them, not the one post outside the comment names.
    posts = "".join(_post(i, f"member{i}") for i in range(1, 7))
    html = _page(f"<main><h1>Payment issues</h1><div class='cTopic comments'>{posts}</div></main>")
    lines = _lines(html)
    assert all(_sentence(i) in lines for i in range(1, 7))


def test_comments_under_an_article_stay_out_of_it() -> None:
    # The same comment names under an article's own text: comments, not the text.
    text = "".join(f"<p>{_sentence(i)}</p>" for i in range(6))
    posts = "".join(_post(i, f"reader{i}") for i in range(10, 18))
    html = _page(f"<main><h1>The floods</h1>{text}<div class='comments'>{posts}</div></main>")
    lines = _lines(html)
    assert _sentence(0) in lines and not any(_sentence(i) in lines for i in range(10, 18))


NOTE = (
    "Our offices close at noon on Friday for the staff meeting; the phone line stays open "
    "until five for urgent calls, and the front desk answers e-mail again from Monday morning "
    "at nine."
)


def test_a_script_hook_class_says_nothing_of_the_block() -> None:
    # "js-dataTooltip" hooks a script to the table; it is no tooltip box, and the list in
    # it is the page's text, not the short notice beside it.
    rows = "".join(f"<tr><td>{i}</td><td>{_sentence(i)}</td></tr>" for i in range(1, 9))
    table = f"<table class='tableList js-dataTooltip'>{rows}</table>"
    html = _page(f"<div class='notice'><p>{NOTE}</p></div><div class='list'>{table}</div>")
    text = " ".join(_lines(html))
    assert all(_sentence(i) in text for i in range(1, 9))


def test_a_page_wrapper_with_a_boilerplate_word_in_its_name_is_the_page() -> None:
    # The wrapper of the page's text is the skip link's target ("skip-link-target"); it is
    # not the skip link.
    text = "".join(f"<p>{_sentence(i)}</p>" for i in range(10))
    html = _page(
        f"<div class='notice'><p>{NOTE}</p></div>"
        f"<div class='page-inner-wrapper' id='skip-link-target'><div class='c'>{text}</div></div>"
    )
    lines = _lines(html)
    assert _sentence(0) in lines and _sentence(9) in lines


def _summary_card(i: int) -> str:
    href = f"/news/story-{i}/"
    return (
        f"<li class='row feed__item'><div class='columns'><h3><a href='{href}'>Harbour story "
        f"{i} reaches the council</a></h3><p class='feed__description'>{_sentence(i)}</p>"
        "</div></li>"
    )


def test_a_listing_whose_summaries_outweigh_its_headlines_is_read_whole() -> None:
    # A topic page: linked headlines, each over a summary longer than itself. The summaries
    # are the listing's text, not a reason to read one of them alone.
    cards = "".join(_summary_card(i) for i in range(1, 11))
    lines = _lines(
        _page(f"<section id='main-content'><h1>Harbour</h1><ul class='feed'>{cards}</ul></section>")
    )
    text = " ".join(lines)
    assert all(_sentence(i) in text for i in range(1, 11))
    assert sum(f"Harbour story {i} " in text for i in range(1, 11)) == 10


def test_a_line_without_words_is_no_text() -> None:
    # A shop's "similar items" box carries its items' ids run together as a long text line;
    # ids are not words, and the short description is the page's text.
    ids = "".join(f"f2f260c3-bf1f-466a-b856-6f031758a0{i:02d}p16207f0d" for i in range(40))
    html = _page(
        f"<div class='item'><p>{NOTE}</p></div><div class='similar'><div>Similar items</div>"
        f"<div>{ids}</div></div>"
    )
    lines = _lines(html)
    assert lines == [NOTE]


def _repo(i: int) -> str:
    return (
        f"<article class='Box-row'><h2><a href='/owner{i}/tool{i}'>organisation{i} / generative-tool{i}</a></h2>"
        f"<p>{_sentence(i)}</p><div><a href='/owner{i}/tool{i}/stars'>{i * 120}</a> stars "
        "today</div></article>"
    )


def test_a_listing_beside_a_long_menu_in_its_region_keeps_its_entries() -> None:
    # The list's region also holds its filter menu (hundreds of languages, all links): the
    # menu goes, and the entries are judged by their own links, not the menu's.
    languages = " ".join(f"<a href='/trending/l{i}'>Language {i}</a>" for i in range(300))
    cards = "".join(_repo(i) for i in range(1, 9))
    html = _page(
        f"<div class='Box'><div class='Box-body'><div class='filters'><details><summary>"
        f"Language</summary><div class='select-menu'>{languages}</div></details></div>"
        f"{cards}</div></div>"
    )
    text = " ".join(_lines(html))
    assert all(_sentence(i) in text for i in range(1, 9))
    assert "Language 7" not in text


def test_a_service_pages_sections_keep_their_own_headers() -> None:
    # A landing page: each <section> opens with its <header> (a heading and a lead line),
    # then a short text. The page's header is boilerplate; a section's is its copy.
    sections = "".join(
        f"<section><header><h2>Feature {i}: faster screen recording</h2><p>Record in a few "
        f"clicks and share anywhere, feature {i} of the plan.</p></header><p>{_sentence(i)}</p>"
        "</section>"
        for i in range(1, 6)
    )
    testimonial = "".join(f"<blockquote><p>{_sentence(i)}</p></blockquote>" for i in range(7, 9))
    html = _page(f"<main>{sections}<section class='quotes'>{testimonial}</section></main>")
    text = " ".join(_lines(html))
    assert all(
        f"Record in a few clicks and share anywhere, feature {i}" in text for i in range(1, 6)
    )


def test_a_thread_after_a_sidebar_is_still_a_thread() -> None:
    # An old forum layout prints its sidebar (the board's rules) before the main content;
    # the thread opens the main content, so it is the page's text.
    rules = "".join(f"<p>Rule {i}: {_sentence(i)}</p>" for i in range(20, 25))
    posts = "".join(_post(i, f"member{i}") for i in range(1, 7))
    html = _page(
        f"<div class='side'>{rules}</div><div class='content' role='main'><h1>Cilia regrow</h1>"
        f"<p>submitted by member0</p><div class='commentarea'>{posts}</div></div>"
    )
    lines = _lines(html)
    assert all(_sentence(i) in lines for i in range(1, 7))


def test_a_paragraph_styled_as_an_advanced_heading_is_no_ad() -> None:
    # A page builder sets every text block as <p class="kt-adv-heading…">: "adv" there is
    # "advanced", not an ad. The menu's one blurb must not win over the page's paragraphs;
    # a paragraph in a real ad box still goes.
    text = "".join(
        f"<p class='kt-adv-heading{i} wp-block-advancedheading'>{_sentence(i)}</p>"
        for i in range(4)
    )
    menu = (
        "<header><nav><ul class='menu'><li><p class='blurb'>"
        "Our installation services cover fitness rooms, offices and bank vaults across "
        "the region, planned and built by one team that stays with you afterwards."
        "</p></li></ul></nav></header>"
    )
    ad = "<div class='ad-slot'><p>Buy one mattress and get a second one free this week only.</p></div>"
    lines = _lines(f"<html><body>{menu}<main>{text}{ad}</main></body></html>")
    assert lines[0] == _sentence(0) and _sentence(3) in lines
    assert not any("installation services" in line or "mattress" in line for line in lines)


def test_a_flag_class_that_hides_an_ad_says_nothing_of_the_list() -> None:
    # "hide-read-more-ad" says how each section's list behaves (an ad slot in it is
    # hidden), not that it is an ad: the sections' stories with their summaries are the
    # page's text, not the short rail of headlines above them.
    def section(n: int) -> str:
        stories = "".join(
            f"<div class='summary-item'><h3><a href='/story/{i}'>Story {i} of the spring "
            f"floods</a></h3><div class='summary-item__dek'>{_sentence(i)}</div></div>"
            for i in range(3 * n, 3 * n + 3)
        )
        return (
            f"<div class='row'><h2>Section {n}</h2>"
            f"<div class='collection-items hide-read-more-ad'>{stories}</div></div>"
        )

    rail = "".join(
        f"<li><a href='/latest/{i}'>Latest headline number {i} about the city</a></li>"
        for i in range(1, 9)
    )
    html = _page(
        f"<main><div class='latest'><ul>{rail}</ul></div>"
        + "".join(section(n) for n in range(3))
        + "</main>"
    )
    text = " ".join(_lines(html))
    assert all(_sentence(i) in text for i in range(9))


def test_streamed_content_is_read_in_its_placeholders_place() -> None:
    # A page rendered by streaming (React's): the article body is sent first as
    # "Loading…" placeholders, and its paragraphs follow at the end of the page in hidden
    # boxes a script moves into place (one box holding the placeholder of another). A
    # reader sees the paragraphs in the article, in order; the page's teaser stays out.
    teaser = f"<div class='promo'><p>{NOTE}</p></div>"
    article = (
        "<article><h1>Index funds</h1>"
        f"<p>{_sentence(0)}</p>"
        "<!--$?--><template id='B:0'></template><p>Loading paragraph...</p><!--/$-->"
        f"<p>{_sentence(5)}</p>"
        "<!--$?--><template id='B:1'></template><p>Loading paragraph...</p><!--/$-->"
        "</article>"
    )
    boxes = (
        f"<div hidden id='S:0'><p>{_sentence(1)}</p><p>{_sentence(2)}</p>"
        "<template id='P:2'></template></div>"
        f"<div hidden id='S:1'><p>{_sentence(6)}</p><p>{_sentence(7)}</p></div>"
        f"<div hidden id='S:2'><p>{_sentence(3)}</p><p>{_sentence(4)}</p></div>"
        "<div hidden id='S:9'><p>A box no placeholder asks for stays hidden.</p></div>"
    )
    lines = _lines(_page(teaser + article + boxes))
    expected = [_sentence(i) for i in range(8)]
    assert [line for line in lines if line in expected] == expected
    assert "A box no placeholder asks for stays hidden." not in lines


def test_a_field_shown_without_its_label_is_shown() -> None:
    # Drupal marks every field shown without its label "field--label-hidden": the field
    # is the page's text (here a catalogue of programmes, each card one link), not a
    # hidden block, and the intro above it is not all there is.
    cards = "".join(
        f"<div class='field__item'><a class='link-to-wrap' href='/programs/{i}'>"
        f"<div class='listing-right'><div class='field field--name-field-list-heading "
        f"field--label-hidden'>Professional certificate in water management {i}</div>"
        f"<div class='field field--name-field-list-text field--label-hidden'>"
        f"<p>{_sentence(i)}</p></div></div></a></div>"
        for i in range(1, 9)
    )
    intro = " ".join(_sentence(0) for _ in range(3))
    html = _page(
        f"<div class='block-header-text'><p>{intro}</p></div>"
        "<article class='node'><div class='node__content'><div class='field "
        f"field--name-field-paragraphs field--label-hidden'>{cards}</div></div></article>"
    )
    text = " ".join(_lines(html))
    assert all(_sentence(i) in text for i in range(1, 9))


def test_a_generated_id_and_a_promoted_node_are_no_ad() -> None:
    # A page builder's section id is a UUID whose hex groups can read "ad" ("-ad4d-"),
    # and Drupal marks a node promoted to the front page "node--promoted": neither is an
    # advertisement, and the text they wrap is the page's, not the notice beside it.
    for wrapper in (
        "<div class='section' id='s-599c15d3-ad4d-4365-9dc6-51c886e97e7d'>{}</div>",
        "<div class='node node--type-page node--promoted'>{}</div>",
    ):
        body = "".join(f"<div class='row'><p>{_sentence(i)}</p></div>" for i in range(1, 6))
        html = _page(f"<div class='notice'><p>{NOTE} {NOTE}</p></div>" + wrapper.format(body))
        text = " ".join(_lines(html))
        assert all(_sentence(i) in text for i in range(1, 6)), wrapper


def _print_title(i: int) -> str:
    return f"Vintage harbour print number {i}, framed"


def _catalogue(items: str, section: str = "<section>") -> str:
    """A catalogue page: a one-line intro and a list of entries."""
    return _page(f"<p>Create a collection.</p>{section}<ul class='results'>{items}</ul></section>")


def test_a_listing_hidden_until_its_script_runs_is_read_as_a_listing() -> None:
    # A catalogue page kept hidden until its script has run: read with its hidden
    # elements, it is read as any listing is, its entries' headline links included.
    items = "".join(
        f"<li class='item-card'><h3><a href='/itm/{i}'>{_print_title(i)}</a></h3>"
        f"<span>$1{i}.00</span></li>"
        for i in range(1, 10)
    )
    text = " ".join(_lines(_catalogue(items, "<section hidden>")))
    assert all(_print_title(i) in text for i in range(1, 10))


def test_the_header_of_every_card_holds_its_headline() -> None:
    # Each entry of a catalogue names its title block "item-card__header": one header
    # per entry is a list's, not the page's, and its links are the entries' headlines.
    items = "".join(
        f"<li class='item-card'><div class='item-card__header'><h3><a href='/itm/{i}'>"
        f"{_print_title(i)}</a></h3></div><div class='item-card__price'>$1{i}.00</div></li>"
        for i in range(1, 10)
    )
    text = " ".join(_lines(_catalogue(items)))
    assert all(_print_title(i) in text for i in range(1, 10))


def test_a_listing_keeps_the_region_that_holds_its_entries() -> None:
    # A shop's category page: an intro, a grid of products (each a headline link, its
    # blurb inside a reviews block), then a long buying guide. Read as a listing, the
    # region chosen must still hold the products' headlines, not the guide alone.
    tiles = "".join(
        f"<div class='tile'><h3><a href='/p/{i}'>Espresso machine model {i} in steel</a></h3>"
        f"<div class='reviews-content'><p>A compact machine number {i} with a steam wand "
        f"and a fast heater.</p></div></div>"
        for i in range(1, 10)
    )
    guide = "".join(f"<p>{_sentence(i)} {_sentence(i)}</p>" for i in range(20, 24))
    html = _page(
        f"<div id='main' class='clearfix'><h1>Espresso machines</h1><p>{_sentence(0)}</p>"
        f"<div class='tiles'>{tiles}</div><div class='row'><div class='seo'>{guide}</div>"
        "</div></div>"
    )
    text = " ".join(_lines(html))
    assert _sentence(0) in text
    assert all(f"Espresso machine model {i} in steel" in text for i in range(1, 10))


def test_generated_atomic_class_names_say_nothing() -> None:
    # Atomic CSS names every box with two or three letters ("fe ir ff is fg"): one of them
    # spelling a hiding word ("ir", image replacement) does not hide the page's text.
    posts = "".join(
        f"<div class='q'><h2>Post {i}</h2><p>{_sentence(i)}</p></div>" for i in range(6)
    )
    html = _page(f"<div class='fe ir ff is fg it fh'><article class='aw'>{posts}</article></div>")
    text = " ".join(_lines(html))
    assert all(_sentence(i) in text for i in range(6))
    # a real hiding class is still read as one
    hidden = _page(f"<article>{posts}</article><span class='ir'>Skip to the menu</span>")
    assert "Skip to the menu" not in " ".join(_lines(hidden))


def test_a_products_block_is_content_as_an_articles_is() -> None:
    # A shop's product page names its blocks after the product ("product-meta" round the
    # title, price and description, "product-details" round the facts), as a blog names
    # them after the article: "product" is a content word, and the weak "meta" beside it
    # does not make the product's facts boilerplate.
    facts = "".join(f"<li>Access to live class number {i} with questions</li>" for i in range(5))
    html = _page(
        "<div class='page'><div class='product-meta'><h1>Monday meditation</h1>"
        "<div class='product-price'>$39.00 every month</div>"
        f"<div class='product-excerpt'><p>{_sentence(1)}</p></div>"
        f"<div class='product-details'><p>Membership includes:</p><ul>{facts}</ul></div>"
        f"</div></div><div class='note'><p>{NOTE}</p></div>"
    )
    text = " ".join(_lines(html))
    assert _sentence(1) in text
    assert all(f"Access to live class number {i} with questions" in text for i in range(5))
