"""The built-in engine profiles are TOML files in the site-profile format
(src/pressclip/extract/engines/): each loads with its selectors checked, they are tried in
their order, and a copy used as a site profile reads a board's pages as the engine does."""

from __future__ import annotations

import pytest

from pressclip.extract.dispatch import PROFILES, detect, parse, parse_list, read_view
from pressclip.extract.site import ENGINE_DIR, ENGINES, builtin_profiles, load_profile


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


VIEW = """<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8">
<title>보도자료 | 한솔군</title><script>var g5_bo_table = "press";</script></head><body>
<article id="bo_v"><header><h2 id="bo_v_title"><span class="bo_v_tit">한솔군, 청년 창업 공간 개소</span>
</h2></header><section id="bo_v_info"><span class="sv_member">홍보담당</span>
<strong class="if_date">24-04-04 09:40</strong></section>
<section id="bo_v_file"><ul><li><a class="view_file_download"
href="/bbs/download.php?bo_table=press&amp;wr_id=3&amp;no=0"><strong>보도자료.hwp</strong></a></li>
</ul></section><section id="bo_v_atc"><div id="bo_v_con">
<p>한솔군은 옛 한솔초등학교 건물을 고쳐 청년 창업 공간으로 문을 열었다고 밝혔다.</p>
<p>입주 기업은 2년 동안 사무실과 회의실을 무료로 쓸 수 있다.</p></div></section></article>
</body></html>"""
LIST = """<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>보도자료</title>
<script>var g5_bo_table = "press";</script></head><body><div id="bo_list"><table><tbody>
<tr class="bo_notice"><td class="td_num2">공지</td><td class="td_subject"><div class="bo_tit">
<a href="/bbs/board.php?bo_table=press&amp;wr_id=1">게시판 이용 안내</a></div></td>
<td class="td_datetime">01-02</td></tr>
<tr><td class="td_num2">3</td><td class="td_subject"><div class="bo_tit">
<a href="/bbs/board.php?bo_table=press&amp;wr_id=3">한솔군, 청년 창업 공간 개소
<span class="cnt_cmt">2</span></a></div></td><td class="td_datetime">04-04</td></tr>
<tr><td class="td_num2">2</td><td class="td_subject"><div class="bo_tit">
<a href="/bbs/board.php?bo_table=press&amp;wr_id=2">상반기 체납액 일제 정리</a></div></td>
<td class="td_datetime">04-01</td></tr></tbody></table>
<nav class="pg_wrap"><span class="pg"><strong class="pg_current">1</strong>
<a class="pg_page" href="/bbs/board.php?bo_table=press&amp;page=2">2</a></span></nav></div>
</body></html>"""
URL = "https://www.hansol.example.kr/bbs/board.php?bo_table=press"


def test_a_copy_of_an_engine_file_is_a_site_profile_reading_as_the_engine(tmp_path):
    text = (ENGINE_DIR / "gnuboard5.toml").read_text(encoding="utf-8")
    copy = tmp_path / "my-board.toml"
    copy.write_text(text.replace('engine = "gnuboard5"', 'engine = "my-board"'), encoding="utf-8")
    profile = load_profile(copy)
    assert detect(parse(VIEW)).engine == "gnuboard5"
    own = read_view(VIEW, f"{URL}&wr_id=3")
    mine = read_view(VIEW, f"{URL}&wr_id=3", profile)
    assert (own.reader, mine.reader) == ("gnuboard5", "my-board")
    assert own.article.title == "한솔군, 청년 창업 공간 개소"
    assert own.article.author == "홍보담당"
    assert [a.name for a in own.article.attachments] == ["보도자료.hwp"]
    assert len(own.article.paragraphs) == 2
    for name in ("title", "author", "published", "views", "paragraphs", "attachments"):
        assert getattr(mine.article, name) == getattr(own.article, name), name
    own_list, my_list = parse_list(LIST, URL), parse_list(LIST, URL, profile)
    assert (own_list.engine, my_list.engine) == ("gnuboard5", "my-board")
    assert [(p.title, p.notice) for p in own_list.posts] == [
        ("게시판 이용 안내", True),
        ("한솔군, 청년 창업 공간 개소", False),
        ("상반기 체납액 일제 정리", False),
    ]
    assert own_list.next_page == f"{URL}&page=2"
    assert my_list.posts == own_list.posts and my_list.next_page == own_list.next_page
