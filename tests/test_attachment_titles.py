"""An attachment's title: the headline as a reader finds it in release and form layouts,
on documents of our own (lines, and HWPX/HWP files built in the test). The real releases
of ../shared/fixtures/attachments are checked in test_attachments.py and at the end here."""

from __future__ import annotations

import json

import pytest
from attachment_files import hp_p, hp_table, hwp_file, hwpx_file, hwpx_section, para, table
from conftest import SHARED

from pressclip.attachments import guess_title, read_attachment

HEADER = ["보도자료", "보도시점", "2026. 3. 4.(수) 11:00", "배포", "2026. 3. 3.(화) 14:00"]
LEAD = (
    "한솔군(군수 김한솔)은 올해 관광객이 1,250만 명으로 지난해보다 8.2% 늘었다고 밝혔다. "
    "군은 하반기에도 축제와 체류형 관광 상품을 늘릴 계획이다."
)


def test_release_headline_after_the_header_table():
    lines = [*HEADER, "한솔군 관광객 1,250만 명 돌파", "- 체류형 관광 상품 효과 -", LEAD]
    assert guess_title(lines) == "한솔군 관광객 1,250만 명 돌파"


def test_headline_cut_over_two_paragraphs_is_joined():
    lines = [
        "보도자료",
        "‘26년 한솔군 관광객은 1,250만",
        "명으로 전년 대비 8.2% 증가",
        *HEADER[1:],
        LEAD,
    ]
    assert guess_title(lines) == "‘26년 한솔군 관광객은 1,250만 명으로 전년 대비 8.2% 증가"


def test_headline_cut_after_a_comma_or_a_particle_is_joined():
    lines = [
        "보도일시",
        "2026. 3. 4.(수) 조간부터 보도해 주시기 바랍니다.",
        "담당부서",
        "관광정책과",
        "한솔군이 처음 여는 국제 영화제,",
        "그 이름은 「한솔」",
        "- 공모에 2천여 명 참여 -",
        LEAD,
    ]
    assert guess_title(lines) == "한솔군이 처음 여는 국제 영화제, 그 이름은 「한솔」"
    lines[4:6] = ["한솔군의 첫 국제 영화제 이름은", "「한솔」로 확정"]
    assert guess_title(lines) == "한솔군의 첫 국제 영화제 이름은 「한솔」로 확정"


def test_a_whole_headline_takes_no_following_line():
    lines = [*HEADER, "한솔군 관광객 1,250만 명 돌파", "담당부서", "관광정책과", LEAD]
    assert guess_title(lines) == "한솔군 관광객 1,250만 명 돌파"
    # a headline ending in a number of its own does not swallow the next line
    lines = [*HEADER, "한솔 국제 영화제 2026", "한솔군청 문화관광과", LEAD]
    assert guess_title(lines) == "한솔 국제 영화제 2026"


def test_the_office_above_the_banner_is_not_the_headline():
    lines = ["한솔군청", "보도자료", *HEADER[1:], "한솔군, 폐교를 청년 창업 공간으로", LEAD]
    assert guess_title(lines) == "한솔군, 폐교를 청년 창업 공간으로"


def test_a_notice_number_is_not_the_headline():
    lines = ["한솔군 공고 제2026-15호", "2026년 청년 창업 공간 입주기업 모집 공고", "1. 모집 개요"]
    assert guess_title(lines) == "2026년 청년 창업 공간 입주기업 모집 공고"


@pytest.mark.parametrize("title", ["위임장", "교육 이수 확인서", "개인정보 수집·이용 동의서"])
def test_a_forms_short_title(title):
    lines = [
        title,
        "* 성명 :",
        "* 생년월일 :",
        "위 사람에게 아래의 권한을 위임합니다.",
        "2026년 3월 4일",
    ]
    assert guess_title(lines) == title


def test_a_short_first_line_above_a_heading_is_not_a_forms_title():
    lines = ["한솔문화재단", "2026년 상반기 문화예술 지원사업 공모 안내", "1. 지원 대상"]
    assert guess_title(lines) == "2026년 상반기 문화예술 지원사업 공모 안내"


def test_running_text_is_never_the_headline():
    lines = ["보도자료", LEAD, "한솔군 관광객 1,250만 명 돌파", LEAD]
    assert guess_title(lines) == "한솔군 관광객 1,250만 명 돌파"


def test_pdf_lead_paragraph_printed_before_the_headline():
    """pdfium may print a release's lead before its headline (the headline sits in a
    table cell): the lead's lines reach the margin and wrap on, the headline's do not."""
    wrapped = [
        "한솔군(군수 김한솔)은 올해 관광객이 1,250만 명으로 지난해보다 8.2% 늘",
        "었다고 밝혔다. 군은 하반기에도 축제와 체류형 관광 상품을 늘리고, 숙박",
        "시설과 교통편을 함께 확충해 관광객이 더 오래 머물도록 할 계획이다.",
        "< 연도별 관광객 추이(만 명) >",
        "지역별로는 한솔읍이 가장 많았고, 바닷가 마을과 산촌 체험 마을이 그 뒤를",
        "이었다. 군은 체험 마을의 예약 제도를 손보고 안내소를 늘린다.",
    ]
    lines = ["- 1 -", "보도자료", "보도시점 2026. 3. 4.(수) 11:00 배포 2026. 3. 3.(화) 14:00"]
    lines += [
        *wrapped,
        "‘26년 한솔군 관광객은 1,250만",
        "명으로 전년 대비 8.2% 증가",
        "구분 2024 2025",
    ]
    assert guess_title(lines, wrapped=True) == (
        "‘26년 한솔군 관광객은 1,250만 명으로 전년 대비 8.2% 증가"
    )
    # read as whole paragraphs (an HWP's), nothing says the first line wraps: it is taken
    assert guess_title(lines) == wrapped[0]


def test_nothing_that_looks_like_a_headline_falls_back_to_the_first_line():
    assert guess_title(["이 저작물은 공공누리 출처표시 조건에 따라 이용할 수 있습니다."]) == (
        "이 저작물은 공공누리 출처표시 조건에 따라 이용할 수 있습니다."
    )
    assert guess_title(["붙임"], "한솔군 관광 통계") == "한솔군 관광 통계"


def test_hwpx_headline_split_over_a_cells_two_paragraphs():
    cell = ["‘26년 한솔군 관광객은 1,250만", "명으로 전년 대비 8.2% 증가"]
    body = hp_p(hp_table([[["보도자료"]], [cell]]))
    body += hp_p(hp_table([[["보도시점"], ["2026. 3. 4.(수) 11:00"], ["배포"], ["2026. 3. 3."]]]))
    body += hp_p(LEAD)
    doc = read_attachment(hwpx_file([hwpx_section(body)]))
    assert doc.title == "‘26년 한솔군 관광객은 1,250만 명으로 전년 대비 8.2% 증가"
    assert "1,250만 명으로" in " ".join(doc.paragraphs)  # the cell's paragraphs stay apart


def test_hwp_form_title():
    section = para("교육 이수 확인서") + table([[["* 성명 :"], ["홍길동"]]]) + para(LEAD)
    assert read_attachment(hwp_file([section])).title == "교육 이수 확인서"


SHARED_TITLES = {
    "hwpx/moef_odi_2025q2_press.hwpx": "‘25년 2분기 해외직접투자는 141.5억 달러로 전년동기비 13.4% 감소",
    "pdf/moef_odi_2025q2_press.pdf": "‘25년 2분기 해외직접투자는 141.5억 달러로 전년동기비 13.4% 감소",
    "pdf/hancompdf_certificate_form.pdf": "교육 이수 확인서",
    "hwp/moef_odi_2024q1_press.hwp": "‘24년 1분기 해외직접투자는 150.9억 달러로 전년동기비 14.6% 감소",
    "hwp/kwater_bonghwa_press_20260130.hwp": "혹한기 봉화댐 건설 현장점검 ‘안전 온도 높인다’",
    "hwpx/mcst_olympic_press_20240102.hwpx": "2024 파리 올림픽·패럴림픽 준비하는 우리 선수단 격려한다",
    "hwp/gangnam_bid_notice_distribution.hwp": "2025년 강남세움센터 시설관리원 용역업체 선정 입찰공고",
    "pdf/nikl_2022_workplan.pdf": "2022년 국립국어원 업무계획",
}


@pytest.mark.parametrize("path", sorted(SHARED_TITLES))
def test_shared_release_titles(path):
    """The headlines the real files print (read off the documents; expected.json does not
    list titles): the release header table, a cell's two paragraphs, pdfium's order."""
    file = SHARED / "fixtures" / "attachments" / path
    if not file.exists():
        pytest.skip(f"shared attachment fixtures absent ({file})")
    assert path in json.loads(file.parents[1].joinpath("expected.json").read_text("utf-8"))
    assert read_attachment(file.read_bytes()).title == SHARED_TITLES[path]


# -- title rules by document kind (issue 26) ----------------------------------------------

SLOGAN = "함께 만드는 행복 한솔"
SUBJECT = "2026년 청년 창업 공간 입주기업 모집 안내"


@pytest.mark.parametrize("label", ["제목", "제 목", "[ 제 목 ]", "제목:", "건명", "【건 명】"])
def test_a_title_label_cell_is_read_as_label_and_value(label):
    """A form's or a decision's subject cell, in an HWP table: the label's value is the
    title, not the slogan above it nor the label itself."""
    section = para(SLOGAN) + table([[[label], [SUBJECT]], [["담당"], ["관광정책과"]]])
    section += para("1. 모집 대상: 만 39세 이하 창업자")
    assert read_attachment(hwp_file([section])).title == SUBJECT


@pytest.mark.parametrize("label", ["제목:", "[ 제 목 ]", "건명 :", "제목"])
def test_a_title_label_and_its_value_on_one_line(label):
    lines = [SLOGAN, "한솔군", f"{label} {SUBJECT}", "1. 관련: 한솔군 청년정책과-1234(2026. 3. 2.)"]
    assert guess_title(lines) == SUBJECT


def test_words_that_merely_start_with_the_label_are_not_one():
    lines = ["제목적은 청년 창업 공간의 입주기업을 고르는 데 있다", "제목록"]
    assert guess_title(lines) == "제목적은 청년 창업 공간의 입주기업을 고르는 데 있다"


def test_an_official_letters_layout():
    """공문: letterhead slogan, the office, 수신 / (경유) / 제목, then numbered paragraphs."""
    lines = [
        SLOGAN,
        "한 솔 군",
        "수신 수신자 참조",
        "(경유)",
        f"제목 {SUBJECT}",
        "1. 귀 기관의 무궁한 발전을 기원합니다.",
        "2. 우리 군에서는 청년 창업 공간 입주기업을 다음과 같이 모집하오니 알려 주시기 바랍니다.",
        "한솔군수",
        "시행 청년정책과-1234 (2026. 3. 4.)",
    ]
    assert guess_title(lines) == SUBJECT
    # without the 제목 line, the addressee and routing lines are not the title either
    lines = ["수신 한솔군 청년정책과장", "(경유) 한솔군 경제일자리국장", SUBJECT, "1. 관련"]
    assert guess_title(lines) == SUBJECT


@pytest.mark.parametrize(
    "number",
    [
        "재산세과-3808 (2008.11.17)",
        "서초구의회사무국-11",
        "청년정책과-1234 (2026. 3. 4.)",
        "문서번호 관광정책과-205",
        "한솔군 공고 제2025-8호",
    ],
)
def test_a_document_number_is_never_the_title(number):
    lines = [number, "주택 재산세 과세표준 산정 방법 질의 회신", "1. 질의 내용"]
    assert guess_title(lines) == "주택 재산세 과세표준 산정 방법 질의 회신"
    assert guess_title([number, "붙임"], None) != number


@pytest.mark.parametrize("banner", ["보도설명자료", "설명자료", "보도해명자료"])
def test_an_explanations_headline_is_a_sentence(banner):
    headline = "한솔군은 청년 창업 공간 입주기업을 공정하게 선정하고 있습니다."
    report = "한솔일보 3월 4일자 「청년 창업 공간 특혜」 보도 관련"
    lines = [banner, *HEADER[1:], headline, report, LEAD]
    assert guess_title(lines) == headline
    # a press release's sentence is still running text, not its headline
    assert guess_title(["보도자료", *HEADER[1:], headline, "한솔군 관광객 1,250만 명 돌파"]) == (
        "한솔군 관광객 1,250만 명 돌파"
    )


CELL_HEADLINE = ["한솔공항 입국 심사 대기 시간", "단축을 위해 자동 심사대 20대 늘린다"]


@pytest.mark.parametrize("fmt", ["hwp", "hwpx"])
def test_a_headline_over_a_cells_lines_is_joined_by_the_cell(fmt):
    """The lines of one cell are one headline, whatever the first line ends with (here a
    noun, no comma or particle); a sub-heading in the cell stays out; a body line after
    the cell is not joined."""
    cell = [*CELL_HEADLINE, "- 4월부터 출국장에도 설치 -"]
    lead = "한솔공항은 4월부터 입국 심사대를 늘린다."
    if fmt == "hwp":
        section = para("보도자료") + table([[["보도시점"], ["2026. 3. 4.(수) 11:00"]]])
        section += table([[cell]]) + para(lead)
        data = hwp_file([section])
    else:
        body = hp_p("보도자료") + hp_p(hp_table([[["보도시점"], ["2026. 3. 4.(수) 11:00"]]]))
        body += hp_p(hp_table([[cell]])) + hp_p(lead)
        data = hwpx_file([hwpx_section(body)])
    doc = read_attachment(data)
    assert doc.title == " ".join(CELL_HEADLINE)
    assert CELL_HEADLINE[1] in doc.paragraphs  # the lines stay lines of the body


@pytest.mark.parametrize("fmt", ["hwp", "hwpx"])
def test_lines_of_separate_paragraphs_are_not_joined_without_a_cut(fmt):
    """The same two lines as paragraphs of the body (not one cell): the first line is
    whole, as it ends."""
    if fmt == "hwp":
        section = para("보도자료") + para(CELL_HEADLINE[0]) + para(CELL_HEADLINE[1])
        data = hwp_file([section + para(LEAD)])
    else:
        body = hp_p("보도자료") + hp_p(CELL_HEADLINE[0]) + hp_p(CELL_HEADLINE[1]) + hp_p(LEAD)
        data = hwpx_file([hwpx_section(body)])
    assert read_attachment(data).title == CELL_HEADLINE[0]


def test_a_box_of_body_text_is_not_a_headline_block():
    box = ["2026년 한솔군 관광 안내 자료", "관광객 1,250만 명 돌파", "숙박 시설 확충 계획"]
    box.append("교통편 확충 계획")  # four lines: a box of text, not a headline's cell
    section = para("보도자료") + table([[box]]) + para(LEAD)
    assert read_attachment(hwp_file([section])).title == box[0]


def test_a_pdf_headline_over_two_lines_of_one_large_size_is_joined():
    """In a PDF the layout is the lines' size: two consecutive lines set larger than the
    body are one headline, whatever the first ends with; a lead of body size is not."""
    from attachment_files import korean_font, korean_pdf

    font = korean_font()
    if font is None:
        pytest.skip("no Korean TrueType font (apt-get install fonts-nanum)")
    lead = [
        "한솔공항은 4월부터 입국 심사대를 20대 늘려 입국 심사에 걸리는 시간을 지금의",
        "절반으로 줄인다고 밝혔다. 출국장에도 같은 심사대를 설치한다.",
    ]
    lines = ["보도자료", *HEADER[1:], *(f"# {line}" for line in CELL_HEADLINE), *lead]
    doc = read_attachment(korean_pdf([lines], font=font))
    assert doc.title == " ".join(CELL_HEADLINE)
    # the same lines in the body's size: not known to be one headline
    plain = read_attachment(
        korean_pdf([["보도자료", *HEADER[1:], *CELL_HEADLINE, *lead]], font=font)
    )
    assert plain.title == CELL_HEADLINE[0]
