"""Writes tests/fixtures/attachments/: a made-up 한솔군 press release as HWP 5 and HWPX,
laid out the way Korean ministries lay theirs out (header table, headline, body, contact
grid). Run from the repository root: python tests/make_attachment_fixtures.py"""

from __future__ import annotations

from pathlib import Path

from attachment_files import hp_p, hp_table, hwp_file, hwpx_file, hwpx_section, para, table

OUT = Path(__file__).parent / "fixtures" / "attachments"

HEADER = [
    [["보도시점"], ["2025. 5. 14.(수) 11:00"], ["배포"], ["2025. 5. 13.(화) 14:00"]],
]
TITLE = "한솔군, 폐교를 청년 창업 공간으로 바꾼다"
BODY = [
    "□ 한솔군(군수 김한솔)은 문을 닫은 옛 한솔초등학교를 청년 창업 공간 ‘한솔 스타트랩’으로 "
    "고쳐 올해 10월 문을 연다고 13일 밝혔다.",
    "o 교실 12칸은 창업 사무실로, 강당은 시제품 제작실로 바뀐다. 입주 기업은 2년 동안 "
    "임대료 없이 공간을 쓸 수 있다.",
    "□ 군은 6월 한 달 동안 입주 기업 15곳을 모집한다. 신청은 군 누리집에서 받는다.",
]
CONTACTS = [
    [["담당 부서"], ["경제일자리국"], ["책임자"], ["과  장"], ["박서연"], ["(033-123-4500)"]],
    [[""], ["청년정책과"], ["담당자"], ["주무관"], ["이도현"], ["(dohyun@hansol.go.kr)"]],
]


def hwp_bytes() -> bytes:
    section = para("보도자료") + table(HEADER) + para(TITLE)
    for line in BODY:
        section += para(line)
    section += table(CONTACTS)
    return hwp_file([section])


def hwpx_bytes() -> bytes:
    body = hp_p("보도자료") + hp_p(hp_table(HEADER)) + hp_p(TITLE)
    body += "".join(hp_p(line) for line in BODY) + hp_p(hp_table(CONTACTS))
    return hwpx_file([hwpx_section(body)])


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "hansol_press.hwp").write_bytes(hwp_bytes())
    (OUT / "hansol_press.hwpx").write_bytes(hwpx_bytes())


if __name__ == "__main__":
    main()
