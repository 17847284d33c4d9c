"""PDF reading order: a producer that writes a page's runs out of order (Microsoft Print to
PDF: every Hangul run first, the digits and Latin runs after) is read by the runs'
positions, table cells kept apart, so a release's facts read the same from the PDF as from
its HWP. The PDFs are made here with pdfium and a Korean font (Debian: fonts-nanum)."""

from __future__ import annotations

import pytest
from attachment_files import hwp_file, korean_font, korean_pdf, para, placed_pdf, table

from pressclip.attachments import read_attachment
from pressclip.attachments.pdforder import (
    Run,
    in_columns,
    jumps_back,
    lines_by_position,
    out_of_order,
)

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


# -- Hancom Office's order: page number first, the headline box after the body ----------

HANCOM_HEADLINE = ["한솔군, 청년 창업 공간 입주 기간", "3년으로 늘린다"]
HANCOM_LEAD = [
    "한솔군은 2026년 1월 2일 훈령 제416호를 고쳐 청년 창업 공간 입주 기간을",
    "2년에서 3년으로 늘린다고 밝혔다. 입주 기업은 심사를 거쳐 1년 더 머물 수 있다.",
]
HANCOM_BODY = "군은 올해 입주 기업 30곳을 새로 모집하며, 신청은 4월 30일까지 받는다."
HANCOM_CONTACTS = [
    ["담당 부서", "경제일자리국", "책임자", "과장", "박서연", "033-123-4500"],
    ["", "청년정책과", "담당자", "주무관", "이도현", "dohyun@hansol.go.kr"],
]
#: Where the contact grid's cells start (points from the left).
GRID_X = [60, 130, 220, 280, 330, 390]


def hancom_page(body: str = HANCOM_BODY) -> list[tuple[str, float, float, float]]:
    """A release page as Hancom Office writes it: the page number, the banner and header
    row, the lead and body, the contact grid set tight under the body, its first cell
    spanning both rows, and last the headline box, above the lead."""
    size = 11.0
    texts = [("- 1 -", 285, 40, size), ("보도자료", 260, 770, 18)]
    texts += [(cell, x, 730, size) for cell, x in zip(HEADER, (80, 150, 330, 380), strict=True)]
    y = 620.0
    for line in HANCOM_LEAD:
        texts.append((line, 60, y, size))
        y -= 19
    y -= 20
    texts.append((body, 60, y, size))
    for row in HANCOM_CONTACTS:
        y -= 8 if row is HANCOM_CONTACTS[0] else 15
        texts += [(cell, x, y, 9) for cell, x in zip(row, GRID_X, strict=True) if cell]
    texts += [(HANCOM_HEADLINE[0], 90, 680, 22), (HANCOM_HEADLINE[1], 90, 652, 22)]
    return texts


def hancom_hwp() -> bytes:
    """The same release as HWP: the header and contact grid as tables, the headline one
    paragraph."""
    section = para("보도자료") + table([[[c] for c in HEADER]])
    section += para(" ".join(HANCOM_HEADLINE))
    section += para(" ".join(HANCOM_LEAD)) + para(HANCOM_BODY)
    section += table([[[c] for c in row] for row in HANCOM_CONTACTS])
    return hwp_file([section])


@needs_font
def test_a_hancom_page_gives_the_facts_and_headline_of_its_hwp():

    import pypdfium2 as pdfium

    data = placed_pdf(hancom_page(), font=FONT)
    text = pdfium.PdfDocument(data)[0].get_textpage().get_text_range()
    assert text.startswith("-\xa01\xa0-")  # pdfium's order: the page number first ...
    assert text.index("3년으로") > text.index("한솔군은")  # ... the headline after the lead
    from_pdf, from_hwp = read_attachment(data), read_attachment(hancom_hwp())
    assert from_hwp.release is not None and from_hwp.release.contacts
    assert from_pdf.release == from_hwp.release
    assert from_pdf.title == from_hwp.title == " ".join(HANCOM_HEADLINE)


@needs_font
def test_a_hancom_page_reads_top_to_bottom_with_the_grid_apart():

    lines = read_attachment(placed_pdf(hancom_page(), font=FONT)).paragraphs
    assert "- 1 -" not in lines
    assert lines.index(HANCOM_HEADLINE[1]) < lines.index(HANCOM_LEAD[0])
    assert lines[:5] == ["보도자료", *HEADER]
    # the contact grid is not joined to the body line above it: a cell a line
    body = lines.index(HANCOM_BODY)
    assert lines[body + 1 : body + 6] == HANCOM_CONTACTS[0][:5]


@needs_font
def test_a_character_beyond_the_bmp_keeps_the_page_s_lines_whole():
    """Hancom's bullets are private-use characters beyond the BMP (U+F02B3): pdfium counts
    them as characters of its own, and the runs' text is still theirs alone."""
    data = placed_pdf(hancom_page(body="\U000f02b3 " + HANCOM_BODY), font=FONT)
    doc = read_attachment(data)
    assert HANCOM_BODY in doc.paragraphs
    assert doc.release == read_attachment(hancom_hwp()).release


def test_a_line_coming_back_above_the_text_read_before_it_is_out_of_order():
    body = [box(60, 530, f"본문 {n}", top=600 - 20 * n) for n in range(4)]
    headline = box(90, 500, "제목", top=680)
    assert jumps_back([*body, headline])
    assert not jumps_back([headline, *body])
    # a second column comes back up beside the first, not above it
    right = [box(300, 530, f"오른쪽 {n}", top=600 - 20 * n) for n in range(4)]
    left = [box(60, 280, f"왼쪽 {n}", top=600 - 20 * n) for n in range(4)]
    assert not jumps_back([*left, *right])


def test_a_page_in_columns_is_left_in_pdfiums_order():
    """A full-width title written after two columns comes back above them, but reading
    the page across would interleave the columns."""
    left = [box(60, 280, f"왼쪽 {n}", top=600 - 20 * n) for n in range(4)]
    right = [box(300, 530, f"오른쪽 {n}", top=600 - 20 * n) for n in range(4)]
    runs = [*left, *right, box(60, 530, "제목", top=680)]
    assert jumps_back(runs) and in_columns(runs)
    assert not in_columns([*left, box(60, 530, "제목", top=680)])


def test_a_cell_set_between_two_rows_is_read_with_the_first():
    rows = [
        box(130, 180, "경제일자리국", top=400),
        box(220, 250, "책임자", top=400),
        box(130, 175, "청년정책과", top=385),
        box(220, 250, "담당자", top=385),
        Run(60, 383, 100, 393, "담당 부서"),  # centred on the two rows
    ]
    assert lines_by_position(rows) == [
        "담당 부서",
        "경제일자리국",
        "책임자",
        "청년정책과",
        "담당자",
    ]
