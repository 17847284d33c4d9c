"""The generic reader's named steps, one by one, each on a tiny page of its own: the walk's
pruning rules, element classification and line valuation, and the region choice's steps
(the best container, the boilerplate inside it, the blocks dropped or kept)."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from pressclip.extract.generic import walk
from pressclip.extract.generic.doc import _Doc, _prefix
from pressclip.extract.generic.region import (
    _best_container,
    _boiler_mass,
    _dropped_tag,
    _kept_lines,
    _mark_boilerplate,
)

PROSE = (
    "The district water board measured the spring floods in every field along the river, "
    "and its report explains which drains failed first and why the pumps stopped at night."
)


def _doc(body: str, **kw: bool) -> _Doc:
    tree = LexborHTMLParser(f"<html><body>{body}</body></html>")
    return walk._walk(tree.body, **kw)


def _index(doc: _Doc, tag: str) -> int:
    return doc.tags.index(tag)


def _kept(doc: _Doc, window: tuple[int, int] | None = None) -> list[str]:
    """The lines :func:`_kept_lines` keeps of the page's first ``<div>``."""
    n_chars, n_links = _prefix(doc.chars), _prefix(doc.link_chars)
    return _kept_lines(doc, _index(doc, "div"), n_chars, n_links, window)


# --- Pruning rules: each leaves an element out of the walk, with its text.


def test_a_closed_dialog_is_not_read_an_open_one_is() -> None:
    closed = _doc(f"<p>{PROSE}</p><dialog><p>Subscribe to our letter</p></dialog>")
    shown = _doc(f"<p>{PROSE}</p><dialog open><p>Subscribe to our letter</p></dialog>")
    assert closed.lines == [PROSE]
    assert shown.lines == [PROSE, "Subscribe to our letter"]


def test_a_dialog_role_is_not_read() -> None:
    doc = _doc(f'<p>{PROSE}</p><div role="alertdialog"><p>We use cookies</p></div>')
    assert doc.lines == [PROSE]
    assert walk._dialog_role("dialog") and not walk._dialog_role("main")


def test_a_hidden_box_is_not_read_unless_a_panel_or_hidden_text_is_wanted() -> None:
    body = (
        f'<p>{PROSE}</p><div style="display: none"><p>Menu text</p></div>'
        '<div aria-hidden="true"><p>Icon label</p></div>'
        '<div hidden role="tabpanel"><p>The answer to the question</p></div>'
    )
    assert _doc(body).lines == [PROSE, "The answer to the question"]
    everything = _doc(body, show_hidden=True).lines
    assert everything == [PROSE, "Menu text", "Icon label", "The answer to the question"]


def test_classes_that_hide_an_element_prune_it() -> None:
    body = (
        f'<p>{PROSE}</p><span class="sr-only">Skip to content</span>'
        '<div class="hide"><p>Shown by a script</p></div>'
        '<div class="modal"><p>Log in to comment</p></div>'
    )
    assert _doc(body).lines == [PROSE, "Log in to comment"]  # a modal is boilerplate here
    assert _doc(body, show_hidden=True).lines == [PROSE, "Shown by a script", "Log in to comment"]
    assert _doc(body, wide=True).lines == [PROSE]  # a Korean board's popup layer is closed
    doc = _doc(body)
    assert doc.bad[_index(doc, "div")] == 2  # the modal: the only <div> left


# --- Element classification.


def test_classify_by_tag_role_and_class() -> None:
    classify = walk._classify
    assert classify("nav", {}, [""], False, False) == (2, False, walk.NO_NAME, None)
    assert classify("header", {}, ["", "body"], False, False)[0] == 1
    assert classify("header", {}, ["", "section"], False, False)[0] == 0  # a section's own
    assert classify("div", {"role": "navigation"}, [""], False, False)[0] == 2
    assert classify("div", {"role": "tablist"}, [""], False, False)[0] == 1
    main = classify("div", {"class": "sidebar", "role": "main"}, [""], False, False)
    assert main is not None and main[:2] == (0, True)
    assert classify("div", {"class": "byline"}, [""], False, False)[:3] == (1, False, 1)
    side = classify("div", {"class": "sidebar"}, [""], False, False)
    assert side == (2, False, walk.LAYOUT_NAME, "sidebar")
    share = classify("div", {"class": "share-bar"}, [""], False, False)
    assert share == (2, False, walk.STRONG_NAME, "share-bar")
    assert classify("h2", {"class": "kt-adv-heading"}, [""], False, False)[0] == 0
    assert classify("div", {"class": "sr-only"}, [""], False, False) is None


def test_classification_marks_reach_the_walked_page() -> None:
    doc = _doc(
        f'<nav><a href="/">Home</a></nav><div class="byline">By Ann</div>'
        f'<div class="share-bar"><a href="/s">Share</a></div><p>{PROSE}</p>'
    )
    nav, byline = _index(doc, "nav"), doc.tags.index("div")
    share = doc.tags.index("div", byline + 1)
    assert (doc.bad[nav], doc.bad[byline], doc.bad[share]) == (2, 1, 2)
    assert doc.weak_names == {byline: "byline"}
    assert doc.strong_names == {share: "share-bar"}
    assert doc.bad[_index(doc, "p")] == 0


def test_elements_without_attributes_are_classified_by_the_tag_table() -> None:
    for tag in ("p", "div", "nav", "aside", "footer", "article", "main", "section", "li"):
        assert walk._TAG_KINDS[tag] == walk._classify(tag, {}, ["", "body"], False, False)


def test_a_cell_of_text_is_part_of_its_rows_line() -> None:
    doc = _doc("<table><tr><td>Name</td><td><b>Date</b></td><td>Size</td></tr></table>")
    assert doc.lines == ["Name Date Size"]
    lines = _doc("<table><tr><td>Name<br>and more</td><td>Date</td></tr></table>").lines
    assert lines == ["Name", "and more", "Date"]  # a cell with a line break: its own lines


# --- Line valuation.


def test_line_weight_counts_wide_characters_double() -> None:
    korean = "보도자료 배포"
    assert walk._line_weight("plain text", 10, wide=False) == 10
    assert walk._line_weight(korean, len(korean), wide=True) == len(korean) + 6
    assert walk._line_weight(korean, len(korean), wide=False) == len(korean) + 6
    accented = "café menu"
    assert walk._line_weight(accented, 9, wide=False) == 9  # Latin-1 beyond ASCII: single


def test_line_value_rules() -> None:
    value = walk._line_value
    n = len(PROSE)
    assert value(PROSE, n, 0, False, False) == n - walk.LINE_COST
    assert value(PROSE, n, 0, False, True) == n - walk.CELL_COST  # a table cell's line
    assert value(PROSE, n, 30, False, False) == n - 30 - walk.LINE_COST
    assert value(PROSE, n, n, False, False) == -n  # mostly link text
    footer = "Copyright 2026 Example Ltd."
    assert value(footer, len(footer), 0, False, False) == -len(footer)
    korean = "이메일무단수집거부 개인정보처리방침"
    assert value(korean, len(korean), 0, True, False) == -len(korean)
    run = "x" * 90
    assert value(run, 90, 0, False, False) == -90  # no words: data run together


def test_the_walk_values_each_line() -> None:
    doc = _doc(f"<p>{PROSE}</p><p>© 2026 Example</p><p><a href='/x'>A long link</a></p>")
    assert doc.values == [len(PROSE) - walk.LINE_COST, -len("© 2026 Example"), -11.0]


# --- The region choice's steps.


def test_boilerplate_counts_against_its_container() -> None:
    doc = _doc(f'<div><p>{PROSE}</p><div class="sidebar"><p>{PROSE}</p></div></div>')
    score, n_chars = _prefix(doc.values), _prefix(doc.chars)
    boiler = _boiler_mass(doc, score, n_chars)
    outer, side = doc.tags.index("div"), doc.tags.index("div", 1)
    strong = doc.values[1] + doc.chars[1]  # strong boilerplate: its score plus its length
    assert boiler[side] == strong
    assert boiler[outer] == strong  # what the wrapper holds of it
    assert boiler[_index(doc, "p")] == 0


def test_the_best_container_is_outside_boilerplate() -> None:
    doc = _doc(
        f'<aside><div>{PROSE} {PROSE}</div></aside><div class="story"><p>{PROSE}</p>'
        f"<p>{PROSE}</p></div>"
    )
    best = _best_container(doc, _prefix(doc.values), _prefix(doc.chars), None, None)
    assert doc.tags[best] == "div" and not doc.under_bad[best]
    assert doc.lines[doc.first[best]] == PROSE


def test_mark_boilerplate_marks_a_related_section() -> None:
    doc = _doc(
        f"<div><p>{PROSE}</p><h3>Related articles</h3><ul><li><a href='/a'>Other story"
        "</a></li></ul></div>"
    )
    _mark_boilerplate(doc, _prefix(doc.chars), _prefix(doc.link_chars), None)
    assert doc.bad[_index(doc, "h3")] == 2
    assert doc.bad[_index(doc, "ul")] == 2


def test_a_link_list_in_the_text_is_dropped() -> None:
    menu = "".join(f"<li><a href='/{i}'>Section number {i}</a></li>" for i in range(5))
    lines = _kept(_doc(f"<div><p>{PROSE}</p><ul>{menu}</ul></div>"))
    assert lines == [PROSE]


def test_a_list_of_links_between_two_paragraphs_is_the_texts_own() -> None:
    steps = "".join(f"<li><a href='/{i}'>Step {i} of the guide</a></li>" for i in range(3))
    lines = _kept(_doc(f"<div><p>{PROSE}</p><ul>{steps}</ul><p>{PROSE}</p></div>"))
    assert lines == [PROSE, *(f"Step {i} of the guide" for i in range(3)), PROSE]


def test_a_heading_that_links_stays() -> None:
    page = f"<div><h2><a href='/a'>The first tip</a></h2><p>{PROSE}</p><h3><a>x</a></h3></div>"
    assert _kept(_doc(page)) == ["The first tip", PROSE, "x"]
    two_lines = f"<div><h2><a href='/a'>The first tip<br>and more</a></h2><p>{PROSE}</p></div>"
    assert _kept(_doc(two_lines)) == [PROSE]  # a heading of two link lines is a menu


def test_an_item_that_links_in_a_list_of_text_stays() -> None:
    items = f"<li>{PROSE}</li><li><a href='/more'>The river authority's page</a></li>"
    lines = _kept(_doc(f"<div><p>{PROSE}</p><ul>{items}</ul></div>"))
    assert lines == [PROSE, PROSE, "The river authority's page"]
    links = "<li><a href='/a'>The river authority's page</a></li><li><a href='/b'>Its map</a></li>"
    assert _kept(_doc(f"<div><p>{PROSE}</p><ul>{links}</ul></div>")) == [PROSE]


def test_in_a_posts_region_a_one_link_paragraph_stays_a_link_list_goes() -> None:
    body = (
        f"<div><p>{PROSE}</p><p><a href='/go'>바로가기</a></p><h4>다른 소식</h4>"
        "<ul><li><a href='/1'>다른 글 하나</a></li><li><a href='/2'>다른 글 둘</a></li></ul></div>"
    )
    doc = _doc(body, wide=True)
    assert _kept(doc, window=(0, len(doc.lines))) == [PROSE, "바로가기"]  # and the heading
    assert _kept(doc) == [PROSE, "다른 소식"]  # a whole page's: any link block goes


def test_dropped_tags_and_kept_captions() -> None:
    assert _dropped_tag("h1", captions_kept=True)
    assert _dropped_tag("figcaption", captions_kept=False)
    assert not _dropped_tag("figcaption", captions_kept=True)
    assert not _dropped_tag("p", captions_kept=False)
    page = f"<div><h1>The title</h1><p>{PROSE}</p><figure><figcaption>사진은 현장</figcaption>"
    page += "</figure></div>"
    assert _kept(_doc(page)) == [PROSE]
    assert _kept(_doc(page, wide=True)) == [PROSE, "사진은 현장"]
