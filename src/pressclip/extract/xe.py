"""XpressEngine 1.x and Rhymix (default/xedition and sketchbook5 skins)."""

from __future__ import annotations

from .profile import Profile

PROFILE = Profile(
    engine="xe_rhymix",
    detect=(".xe_content", ".rhymix_content", ".bd_lst", ".board_read", "div.rd"),
    detect_text=(
        'content="XpressEngine"',
        'content="Rhymix"',
        "xe.current_lang",
        "var current_mid",
    ),
    view=(".rd_body", ".read_body", ".board_read .xe_content"),
    title=(".rd_hd .top_area h1", ".rd_hd h1", ".read_header h1", ".board_read h1"),
    title_drop=(".category", ".cate"),
    author=(
        ".rd_hd a.nick",
        ".rd_hd .btm_area a[class*='member_']",
        ".read_header .author",
        ".read_header a[class*='member_']",
    ),
    date=(".rd_hd .date", ".read_header .time", ".read_header .date"),
    views=(".rd_hd .btm_area span", ".read_header .read"),
    meta=(".rd_hd", ".read_header"),
    body=(".rd_body .xe_content", ".read_body .xe_content", ".rd_body", ".read_body"),
    body_drop=(".document_popup_menu", ".rd_file", ".fileList"),
    files=(
        ".rd_file a[href*='procFileDownload']",
        ".fileList a[href*='procFileDownload']",
        "a[href*='procFileDownload']",
    ),
    file_drop=(".comment", ".fileSize", ".file_size"),
    rows=(".bd_lst tbody tr", ".board_list tbody tr", "table tbody tr"),
    row_link=("td.title a.hx", "td.title a:not(.replyNum)", "a"),
    row_link_drop=(".replyNum", ".category"),
    row_date=("td.time", "td.date", "td.regdate"),
    row_notice=("tr.notice", "td.notice"),
    pager=(".bd_pg", ".pagination", ".pagenavigation"),
)
