"""The generic extractor's third round (issue 27): small handwritten pages, one per failure
mode, each checked by what a reader of the page would call its text."""

from __future__ import annotations

# The pages' frame (menu, footer) and their paragraphs, as the region tests build them.
from test_generic_regions import _lines, _page, _sentence


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
