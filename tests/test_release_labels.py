"""Labels boards of press releases print for a post's fields: the day it was posted
(게재일, 공고일자), the department that sent it (담당과, 배포부서), a view count as
조회횟수; in a list, a 배포일 column is the post's date. A release's own 배포일시/보도일시
table in the body stays the release's (its facts), not the board's header. Made-up pages."""

from __future__ import annotations

from pressclip.extract.dispatch import extract_html, parse_list

TITLE = "보건소, 야간 예방접종 창구 운영"
BODY = (
    "<p>한빛시 보건소는 직장인의 예방접종 편의를 위해 다음 달부터 매주 목요일 저녁 "
    "여덟 시까지 야간 접종 창구를 운영한다고 밝혔다.</p>"
    "<p>대상은 만 19세 이상 시민이며, 신분증을 지참하면 누구나 이용할 수 있다.</p>"
)


def view(rows: str) -> str:
    return f"""<html lang="ko"><head><title>{TITLE} | 한빛시</title></head><body>
<div class="view"><h3>{TITLE}</h3><table class="info">{rows}</table>
<div class="cont">{BODY}</div></div></body></html>"""


def test_a_post_dated_by_its_posting_day_and_sent_by_its_department():
    rows = (
        "<tr><th>게재일</th><td>2025. 3. 4. 10:00</td><th>담당과</th><td>보건정책과</td></tr>"
        "<tr><th>조회횟수</th><td>12</td></tr>"
    )
    art = extract_html(view(rows), "https://www.hanbit.example.kr/press/view.do?no=5")
    assert art.published_iso.startswith("2025-03-04T10:00")
    assert art.author == "보건정책과"
    assert art.views == 12


def test_a_notice_dated_by_its_posting_day():
    rows = "<tr><th>공고일자</th><td>2025-03-05</td><th>배포부서</th><td>대변인실</td></tr>"
    art = extract_html(view(rows), "https://www.hanbit.example.kr/press/view.do?no=6")
    assert art.published_iso.startswith("2025-03-05")
    assert art.author == "대변인실"


def test_a_list_column_headed_by_the_hand_out_day_is_the_date():
    # another column of dates (an edit's) stands before it
    rows = "".join(
        f'<tr><td>{n}</td><td><a href="view.do?no={n}">{t}</a></td><td>보건정책과</td>'
        f"<td>2025.04.1{n}</td><td>2025.03.0{n}</td></tr>"
        for n, t in ((5, TITLE), (4, "야간 약국 지정 안내"), (3, "봄철 감염병 예방 수칙"))
    )
    page = f"""<html lang="ko"><body><table><thead><tr><th>번호</th><th>제목</th>
<th>담당부서</th><th>수정</th><th>배포일</th></tr></thead><tbody>{rows}</tbody></table></body></html>"""
    got = parse_list(page, "https://www.hanbit.example.kr/press/list.do")
    assert [p.date for p in got.posts] == ["2025-03-05", "2025-03-04", "2025-03-03"]
