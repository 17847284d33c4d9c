"""KBoard, the WordPress board plugin (default skin)."""

from __future__ import annotations

from .profile import Profile

PROFILE = Profile(
    engine="kboard",
    detect=("#kboard-document", ".kboard-list", "[id^='kboard-default']", ".kboard-document-wrap"),
    detect_text=("wp-content/plugins/kboard",),
    view=("#kboard-document", ".kboard-document-wrap"),
    title=(".kboard-title h1", ".kboard-title"),
    author=(".kboard-detail .detail-writer .detail-value",),
    author_drop=(".kboard-author-menu",),
    date=(".kboard-detail .detail-date .detail-value",),
    views=(".kboard-detail .detail-view .detail-value",),
    meta=(".kboard-detail",),
    body=(".kboard-content .content-view", ".kboard-content"),
    body_drop=(".kboard-document-action", ".kboard-attach"),
    files=(".kboard-attach .kboard-button-download", ".kboard-attach a", ".kboard-attach button"),
    rows=(".kboard-list tbody tr",),
    row_link=(".kboard-list-title a", "a"),
    row_link_drop=(".kboard-comments-count", ".kboard-mobile-contents", ".category"),
    row_date=(".kboard-list-date",),
    row_notice=("tr.kboard-list-notice",),
    pager=(".kboard-pagination",),
)
