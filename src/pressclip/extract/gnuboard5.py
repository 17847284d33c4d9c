"""GnuBoard 5 (basic and theme skins): ``#bo_v`` view pages, ``#bo_list`` list pages."""

from __future__ import annotations

from .profile import Profile

PROFILE = Profile(
    engine="gnuboard5",
    detect=("#bo_v", "#bo_list", "#bo_v_con", "#bo_v_info"),
    detect_text=("var g5_bo_table", "var g5_url"),
    view=("#bo_v", "#bo_v_con"),
    title=("#bo_v_title .bo_v_tit", "#bo_v_title"),
    title_drop=(".bo_v_cate", ".sound_only"),
    author=("#bo_v_info .sv_member", "#bo_v_info .sv_guest", "#bo_v_info .member"),
    date=("#bo_v_info .if_date",),
    views=(),
    meta=("#bo_v_info",),
    body=("#bo_v_con",),
    body_drop=(".bo_v_file", "#bo_v_share", "#bo_v_act", "#bo_v_link", "#bo_v_sns"),
    files=("#bo_v_file a.view_file_download", "#bo_v_file li a"),
    file_name=("strong",),
    rows=("#bo_list tbody tr", "#fboardlist tbody tr", "#bo_gall #gall_ul > li"),
    row_link=(".bo_tit a", ".td_subject a", ".gall_text_href a", "a"),
    row_link_drop=(".cnt_cmt", ".sound_only", ".bo_cate_link", ".new_icon", ".hot_icon"),
    row_date=(".td_datetime", ".td_date"),
    row_notice=(".notice_icon", ".bo_notice"),
    pager=(".pg_wrap", ".pg"),
)
