"""PDF reading order: a producer that writes a page's runs out of order (Microsoft Print to
PDF: every Hangul run first, the digits and Latin runs after) is read by the runs'
positions, table cells kept apart, so a release's facts read the same from the PDF as from
its HWP. The PDFs are made here with pdfium and a Korean font (Debian: fonts-nanum)."""

from __future__ import annotations

import pytest
from attachment_files import hwp_file, korean_font, korean_pdf, para, table

from pressclip.attachments import read_attachment
from pressclip.attachments.pdforder import Run, lines_by_position, out_of_order

FONT = korean_font()
needs_font = pytest.mark.skipif(
    FONT is None, reason="no Korean TrueType font (apt-get install fonts-nanum)"
)

HEADLINE = "한솔군 훈령(제416호, ’26.1.2.) 개정 안내"
HEADER = ["보도시점", "2026. 3. 4.(수) 11:00", "배포", "2026. 3. 3.(화) 14:00"]
SUBHEAD = "- 입주 기간 2년에서 3년으로 -"
LEAD = "한솔군은 2026년 1월 2일 훈령 제416호를 고쳐 청년 창업 공간 입주 기간을 3년으로 늘린다."
CONTACTS = [
    ["담당 부서", "경제일자리국", "책임자", "과장", "박서연", "033-123-4500"],
    ["", "청년정책과", "담당자", "주무관", "이도현", "dohyun@hansol.go.kr"],
]


def pdf_lines() -> list[str]:
    rows = [" | ".join(cell for cell in row if cell) for row in CONTACTS]
    return ["보도자료", " | ".join(HEADER), HEADLINE, SUBHEAD, LEAD, *rows, "- 1 -"]


def hwp_release() -> bytes:
    section = para("보도자료") + table([[[c] for c in HEADER]]) + para(HEADLINE)
    section += para(SUBHEAD) + para(LEAD)
    section += table([[[c] for c in row] for row in CONTACTS])
    return hwp_file([section])


@needs_font
def test_runs_written_out_of_order_are_read_by_position():
    doc = read_attachment(korean_pdf([pdf_lines()], split_runs=True, font=FONT))
    assert HEADLINE in doc.paragraphs and LEAD in doc.paragraphs
    assert doc.title == HEADLINE
    assert "- 1 -" not in doc.paragraphs
    # the header row's cells are lines of their own, as an HWP's cells are
    assert doc.paragraphs[1:5] == HEADER


@needs_font
def test_release_facts_read_the_same_from_the_pdf_as_from_the_hwp():
    from_pdf = read_attachment(korean_pdf([pdf_lines()], split_runs=True, font=FONT)).release
    from_hwp = read_attachment(hwp_release()).release
    assert from_hwp is not None and from_hwp.contacts and from_hwp.embargo
    assert from_pdf == from_hwp


@needs_font
def test_a_page_in_order_keeps_pdfiums_lines():
    """A producer that writes runs in order: pdfium's lines stand (a table row on one
    line, as before)."""
    doc = read_attachment(korean_pdf([pdf_lines()], split_runs=False, font=FONT))
    assert " ".join(HEADER) in doc.paragraphs


def box(left: float, right: float, text: str, top: float = 700) -> Run:
    return Run(left, top - 10, right, top, text)


def test_out_of_order_is_a_run_landing_between_a_left_lines_runs():
    hangul_first = [
        box(60, 90, "훈령("),
        box(200, 220, "개정"),
        box(60, 100, "다음 줄", top=680),
        box(91, 110, "416"),  # back on the first line, between its runs
    ]
    assert out_of_order(hangul_first)
    assert lines_by_position(hangul_first) == ["훈령(416", "개정", "다음 줄"]
    # a second column (or a table's next cell) read after the first: right of all its runs
    columns = [
        box(60, 120, "왼쪽 첫 줄"),
        box(60, 120, "왼쪽 둘째", top=680),
        box(300, 360, "오른쪽"),
    ]
    assert not out_of_order(columns)


def test_a_wide_gap_parts_cells_a_narrow_one_joins_a_word():
    line = [
        Run(60, 690, 80, 700, "담당"),
        Run(81, 690, 90, 700, "자"),
        Run(150, 690, 190, 700, "박서연"),
    ]
    assert lines_by_position(line) == ["담당자", "박서연"]
