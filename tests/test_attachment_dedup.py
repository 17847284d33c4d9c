"""Dedup of documents (attachments): every paragraph is content and stays; only what a
paged document prints on every page (running headers and footers, page numbers) goes.
Posts keep their own rules (tests/test_dedup*.py). Documents are made here."""

from __future__ import annotations

import json

from attachment_files import hwp_file, para, pdf_file, table
from conftest import Cli

from pressclip.attachments import read_attachment
from pressclip.attachments.pages import drop_running
from pressclip.pipeline import apply_dedup, from_attachment

SENTENCE = "한솔군은 올해 관광객이 1,250만 명으로 지난해보다 8.2% 늘었다고 밝혔다."


def clean(path) -> dict:
    """``pressclip clean PATH -f json`` (in this process: conftest.Cli); its record."""
    code, out, err = Cli()("clean", path, "-f", "json")
    assert code == 0, err
    return json.loads(out)


def test_a_document_keeps_cells_that_differ_by_a_period_and_repeated_labels(tmp_path):
    rows = [
        [["구분"], ["2025년"], ["2026년"]],
        [["관광객(만 명)"], ["1,155"], ["1,250"]],
        [["증감률(%)"], ["3.1"], ["8.2"]],
    ]
    section = para("보도자료") + para("한솔군 관광객 1,250만 명 돌파") + para(SENTENCE)
    section += table(rows) + table(rows)  # one table per year group, same row labels
    section += table([[["윤석대 한국수자원공사 사장"], ["윤석대 한국수자원공사 사장."]]])
    section += para(SENTENCE)  # said again in the closing paragraph
    path = tmp_path / "release.hwp"
    path.write_bytes(hwp_file([section]))
    record = clean(path)
    body = record["body"].split("\n\n")
    assert record["duplicates_removed"] == 0
    assert body.count(SENTENCE) == 2
    assert body.count("관광객(만 명)") == 2 and body.count("증감률(%)") == 2
    assert "윤석대 한국수자원공사 사장" in body and "윤석대 한국수자원공사 사장." in body


HEADER = "Hansol County work plan 2026"


def plan_pages() -> list[list[str]]:
    pages = [["Hansol County", "Work plan 2026"]]  # a cover without header or number
    for n in range(1, 5):
        body = [
            f"Section {n}: tourism in the county grew by {n}.2 percent over the year.",
            "Total visitors",
            "1,250",
            f"The county plans {n} new trails and a visitor centre for the next season.",
        ]
        pages.append([HEADER, *body, f"- {n} -"])
    return pages


def test_a_pdf_loses_its_running_header_and_page_numbers_only():
    doc = read_attachment(pdf_file(plan_pages()))
    article, removed = apply_dedup(from_attachment(doc))
    assert HEADER not in article.paragraphs
    assert not any(p.startswith("- ") for p in article.paragraphs)
    assert article.paragraphs.count("Total visitors") == 4  # a repeated row label stays
    assert article.paragraphs[:2] == ["Hansol County", "Work plan 2026"]
    assert removed == []


def test_running_lines_need_most_pages():
    pages = plan_pages()
    kept, dropped = drop_running(pages)
    assert sorted(dropped) == sorted([HEADER] * 4 + [f"- {n} -" for n in range(1, 5)])
    # two pages: a repeated edge line may be content (a table's heading); the page
    # numbers' shape still marks them
    kept, dropped = drop_running(pages[1:3])
    assert kept.count(HEADER) == 2 and dropped == ["- 1 -", "- 2 -"]


def test_a_bare_number_at_a_pages_foot_is_a_page_number_only_when_it_runs():
    table_end = [["Visitors by year", "2025", "1155"], ["Growth", "8.2", "12"]]
    kept, dropped = drop_running(table_end)
    assert dropped == [] and kept == [line for page in table_end for line in page]
    words = ["Tourism", "Roads", "Schools", "Parks"]
    numbered = [[f"{word} in the county.", "1,250", str(n)] for n, word in enumerate(words, 1)]
    kept, dropped = drop_running(numbered)
    assert dropped == ["1", "2", "3", "4"]
    same_cell = [[f"{word} in the county.", "1,250", "12"] for word in words]
    assert drop_running(same_cell)[1] == []
