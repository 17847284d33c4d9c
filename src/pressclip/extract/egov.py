"""전자정부 표준프레임워크 boards (``/cop/bbs/``) and portals built on them."""

from __future__ import annotations

from .profile import Profile

PROFILE = Profile(
    engine="egov",
    detect=("a[onclick*='fn_egov_']", "a[href*='fn_egov_']", "table.wTable"),
    detect_text=("fn_egov_", "/cop/bbs/", "egovframework"),
    view=("table.wTable", ".board_view", ".bbs_view", ".view_cont"),
    title=(".board_view .view_tit", ".bbs_view .view_tit", ".view_tit"),
    meta=(".board_view .view_info", "table.wTable", ".bbs_view", ".view_info"),
    body=(".board_view .view_cont", ".view_cont", "td.cnt"),
    files=(
        "#egov_file_view_table a",
        ".view_file a.file_down",
        ".view_file a[href*='FileDown']",
        "a[href*='fn_egov_downFile']",
    ),
    file_drop=(".size",),
    js_links=(
        ("fn_egov_downFile", "{ctx}/cmm/fms/FileDown.do?atchFileId={0}&fileSn={1}"),
        (
            "fn_egov_inquire_articledetail",
            "{ctx}/cop/bbs/selectArticleDetail.do?bbsId={0}&nttId={1}",
        ),
    ),
    context_markers=("/cop/", "/cmm/", "/uss/", "/uat/"),
    rows=("table.board_list tbody tr", ".board_list tbody tr", "table tbody tr"),
    row_link=("a[onclick*='fn_egov_inquire_articledetail']", "td a"),
    row_date=(),
    row_notice=("img[src*='notice']", "img[alt*='공지']", "img[alt='notice']", "tr.notice"),
    pager=(".pagination", ".paging", ".page"),
)
