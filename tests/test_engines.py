"""The built-in engine profiles are TOML files in the site-profile format
(src/pressclip/extract/engines/): each loads with its selectors checked, they are tried in
their order, and a copy used as a site profile reads a board's pages as the engine does."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressclip.extract.html import PROFILES, detect, parse, parse_list, read_view
from pressclip.extract.site import ENGINE_DIR, ENGINES, builtin_profiles, load_profile

BOARDS = Path(__file__).parent / "fixtures" / "boards"


def test_engines_in_their_order_the_table_board_last():
    assert [p.engine for p in PROFILES] == [
        "gnuboard5",
        "legacy_euckr",
        "xe_rhymix",
        "kboard",
        "egov",
        "table",
    ]
    assert sorted(p.stem for p in ENGINE_DIR.glob("*.toml")) == sorted(ENGINES)


@pytest.mark.parametrize("name", ENGINES)
def test_each_engine_file_loads_with_its_selectors_checked(name):
    checked = load_profile(ENGINE_DIR / f"{name}.toml")  # the --profile path: every selector parsed
    assert checked == dict(zip(ENGINES, builtin_profiles(), strict=True))[name]


def test_a_copy_of_an_engine_file_is_a_site_profile_reading_as_the_engine(tmp_path):
    text = (ENGINE_DIR / "gnuboard5.toml").read_text(encoding="utf-8")
    copy = tmp_path / "my-board.toml"
    copy.write_text(text.replace('engine = "gnuboard5"', 'engine = "my-board"'), encoding="utf-8")
    profile = load_profile(copy)
    view_html = (BOARDS / "gnuboard5" / "g5_view_festival.html").read_text(encoding="utf-8")
    list_html = (BOARDS / "gnuboard5" / "g5_list_press.html").read_text(encoding="utf-8")
    assert detect(parse(view_html)).engine == "gnuboard5"
    own, mine = read_view(view_html).article, read_view(view_html, profile=profile).article
    assert (mine.engine, own.engine) == ("my-board", "gnuboard5")
    for name in ("title", "author", "published", "views", "paragraphs", "attachments"):
        assert getattr(mine, name) == getattr(own, name), name
    own_list, my_list = parse_list(list_html), parse_list(list_html, profile=profile)
    assert my_list.engine == "my-board"
    assert my_list.posts == own_list.posts and my_list.next_page == own_list.next_page
