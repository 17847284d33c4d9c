"""List pages whose rows open posts through a query string built in the page's script:
a helper the page calls but does not define, named for what it does (``setQueryParam``,
``fn_replaceQueryString``), sets one parameter; a branch on a state the page's markup
does not tell (a panel's CSS display) that cannot be read falls back to the other branch;
a checkbox's state is read from the markup. The pages are made up."""

from __future__ import annotations

from pressclip.extract.dispatch import parse_list

LIST_URL = "https://www.saessak.example.kr/biz/ongoing.do"
TITLES = ["청년 창업 공간 입주기업 모집", "수출 바우처 2차 공고"]


def page(go_view: str, *, box: str = "", panel: str = "") -> str:
    rows = "".join(
        f'<li><a href="javascript:go_view({n})"><p class="tit">{t}</p></a>'
        f'<span class="date">등록일자 2026-11-0{i + 1}</span></li>'
        for i, (n, t) in enumerate(zip((3012, 2998), TITLES, strict=True))
    )
    return f"""<html><head><script>
var queryString = "";
function get_query(pageNo) {{
  var q = queryString;
  var f = document.searchForm;
  if (pageNo != null) {{ q = Util.setQueryParam(q, "page", pageNo); }}
  q = Util.setQueryParam(q, "kind", f.kind.value);
  if ($("#onlyMine").is(":checked")) {{ q = Util.setQueryParam(q, "mine", "Y"); }}
  if ($("#moreFilters").css("display") != "none") {{
    q = Util.setQueryParam(q, "areas", collect(f.areas));
  }}
  return q;
}}
function collect(inputs) {{ var out = []; inputs.forEach(i => out.push(i.value));
  return out.join(","); }}
{go_view}
function link_page(pageNo) {{ location.href = "?" + get_query(pageNo); }}
</script></head><body>
<form name="searchForm"><input type="hidden" name="kind" value="PBC010">{box}</form>
<div id="moreFilters"{panel}></div>
<ul id="list">{rows}</ul>
<div class="paging"><a href="javascript:link_page(2)">2</a></div>
</body></html>"""


SETTER = """function go_view(sn) {
  var q = get_query();
  q = Util.setQueryParam(q, "mode", "view");
  q = Util.setQueryParam(q, "sn", sn);
  location.href = "?" + q;
}"""


def test_an_undefined_query_setter_is_read_by_its_name_and_said():
    got = parse_list(page(SETTER), LIST_URL)
    assert [p.title for p in got.posts] == TITLES
    assert [p.url for p in got.posts] == [
        f"{LIST_URL}?kind=PBC010&mode=view&sn=3012",
        f"{LIST_URL}?kind=PBC010&mode=view&sn=2998",
    ]
    assert got.next_page == f"{LIST_URL}?page=2&kind=PBC010"
    # the reading is said, row by row
    assert "Util.setQueryParam()" in got.warnings[0]
    assert "by its name" in got.warnings[0]


def test_a_checked_box_in_the_markup_adds_its_parameter():
    box = '<input type="checkbox" id="onlyMine" name="onlyMine" checked>'
    got = parse_list(page(SETTER, box=box), LIST_URL)
    assert got.posts[0].url == f"{LIST_URL}?kind=PBC010&mine=Y&mode=view&sn=3012"


def test_a_visible_panel_whose_values_cannot_be_read_falls_back_to_the_other_branch():
    # display is not known from the markup (a stylesheet decides): the branch that reads
    # the panel's inputs cannot be read, so its parameter is left out, not the address
    got = parse_list(page(SETTER, panel=' class="open"'), LIST_URL)
    assert got.posts[1].url == f"{LIST_URL}?kind=PBC010&mode=view&sn=2998"


def test_a_helper_not_named_for_setting_a_parameter_gives_no_address():
    other = SETTER.replace('Util.setQueryParam(q, "sn", sn)', 'Util.encrypt(q, "sn", sn)')
    got = parse_list(page(other), LIST_URL)
    assert [p.url for p in got.posts] == [None, None]
    assert "Util.encrypt" in got.undefined
    assert "no address" in got.warnings[0]
