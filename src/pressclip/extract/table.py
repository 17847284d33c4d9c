"""Generic table boards: a ``<table>`` whose ``th`` cells label 제목, 작성자, 등록일, 조회수,
첨부파일 and 내용, as many home-grown CMSs print a post; list pages are tables whose header
row names 제목."""

from __future__ import annotations

from .profile import Profile

PROFILE = Profile(
    engine="table",
    detect_labels=("제목",),
    body_largest_cell=True,
    detect_headers=("제목",),
    # No row selectors: list pages are read by structure (extract/listing.py).
    # An icon's folder may be named notice on every row; its file name is read by listing.py.
    row_notice=("img[alt*='공지']", "tr.notice"),
    pager=(".pagination", ".paging", ".page", ".pg"),
)
