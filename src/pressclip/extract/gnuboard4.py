"""GnuBoard 4 / Zeroboard-era boards (basic skin, often EUC-KR): ``#writeContents`` bodies,
layout tables styled inline, ``javascript:file_download`` attachments."""

from __future__ import annotations

from .profile import Profile

PROFILE = Profile(
    engine="legacy_euckr",
    detect=("#writeContents", "a[name='g4_head']"),
    detect_text=("var g4_path", "var g4_bo_table", "g4_is_member"),
    view=("#writeContents",),
    title=(
        "div[style*='title_bg'] div[style*='font-weight:bold']",
        "div[style*='title_bg'] td",
    ),
    author=(
        "td[background*='view_dot'] span.member",
        "td[background*='view_dot'] span.guest",
        "span.member",
        "span.guest",
    ),
    date=("img[src*='icon_date'] ~ span",),
    meta=("td[background*='view_dot']",),
    body=("#writeContents",),
    files=("a[href^='javascript:file_download']", "a[href*='download.php']"),
    js_links=(("file_download", "{0}"),),
    rows=("form[name='fboardlist'] tr", "table tr"),
    row_link=("a[href*='wr_id=']",),
    row_link_drop=("span[style*='Tahoma']",),
    row_date=("td[width='40'] span", "td[width='40']"),
    row_notice=("img[src*='icon_notice']", "img[alt*='공지']"),
)
