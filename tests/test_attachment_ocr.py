"""OCR (``--ocr``): scanned PDF pages and image files read by Tesseract (kor+eng), on pages
rendered here from Korean text (a font from fonts-nanum). Skipped, saying what to install,
where Tesseract or its Korean data is missing."""

from __future__ import annotations

import difflib
import io
import json
import subprocess
import sys

import pytest
from attachment_files import image_pdf, korean_font_path, scanned_page

from pressclip.attachments import AttachmentError, read_attachment
from pressclip.attachments import ocr as tesseract
from pressclip.dedup import key

FONT = korean_font_path()
needs_ocr = pytest.mark.skipif(
    tesseract.missing() is not None or FONT is None,
    reason=f"OCR not available ({tesseract.missing() or 'no Korean font'}): "
    "apt-get install tesseract-ocr tesseract-ocr-kor fonts-nanum; pip install 'pressclip[ocr]'",
)

HEADLINE = "한솔군, 폐교를 청년 창업 공간으로 바꾼다"
RELEASE = [
    (16, "보도자료"),
    (11, "보도시점 2025. 5. 14.(수) 11:00 배포 2025. 5. 13.(화) 14:00"),
    (11, ""),
    (20, HEADLINE),
    (12, "- 옛 한솔초등학교, 10월 창업 공간으로 문 열어 -"),
    (11, ""),
    (11, "□ 한솔군(군수 김한솔)은 문을 닫은 옛 한솔초등학교를 청년 창업 공간으로"),
    (11, "고쳐 올해 10월 문을 연다고 13일 밝혔다."),
    (11, "○ 교실 12칸은 창업 사무실로, 강당은 시제품 제작실로 바뀐다. 입주 기업은"),
    (11, "2년 동안 임대료 없이 공간을 쓸 수 있다."),
    (11, "□ 군은 6월 한 달 동안 입주 기업 15곳을 모집한다. 신청은 군 누리집에서"),
    (11, "받는다. 선정 결과는 7월 말에 발표한다."),
    (11, "담당 부서 경제일자리국 청년정책과 책임자 과장 박서연 033-123-4500"),
]


def found_share(lines: list[tuple[float, str]], text: str) -> float:
    """The share of the page's characters (no spaces, quotes folded) that OCR gave, in order."""
    want = key("".join(t for _, t in lines))
    got = key(text)
    blocks = difflib.SequenceMatcher(None, want, got, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks) / len(want)


def clean(path, *args) -> tuple[int, str, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "pressclip", "clean", str(path), *args],
        capture_output=True,
        timeout=600,
    )
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


@needs_ocr
@pytest.mark.parametrize("dpi", [300, 200])
def test_a_scanned_release_page_gives_its_headline_and_its_characters(tmp_path, dpi):
    path = tmp_path / "scan.pdf"
    path.write_bytes(image_pdf([scanned_page(RELEASE, dpi=dpi, font_path=FONT, noise=3)], dpi))
    code, out, err = clean(path, "--ocr")
    assert code == 0, err
    record = json.loads(out)
    assert record["title"] == HEADLINE
    assert HEADLINE in record["body"].split("\n\n")  # a paragraph of its own
    assert found_share(RELEASE, record["body"]) >= 0.95
    assert record["ocr"] == ["page 1"] and record["engine"] == "pdf"
    code, out, err = clean(path)  # without --ocr: a scan, and how to read it
    assert code == 1 and "no text layer" in err and "--ocr" in err


@needs_ocr
def test_an_image_file_is_read_with_ocr_only(tmp_path):
    page = scanned_page(RELEASE[3:8], dpi=200, font_path=FONT)
    buffer = io.BytesIO()
    page.save(buffer, "PNG")
    path = tmp_path / "notice.png"
    path.write_bytes(buffer.getvalue())
    code, out, err = clean(path, "--ocr")
    assert code == 0, err
    record = json.loads(out)
    assert record["title"] == HEADLINE and record["ocr"] == ["image"]
    code, out, err = clean(path)
    assert code == 1 and out == "" and "unsupported format" in err and "--ocr" in err


@needs_ocr
def test_text_pages_are_not_ocred():
    """A PDF with a text layer is read as before: OCR only reads pages without text."""
    from attachment_files import pdf_file

    doc = read_attachment(pdf_file([["Hansol County press release"]]), ocr=True)
    assert doc.ocr == [] and doc.paragraphs == ["Hansol County press release"]


def test_without_tesseract_the_error_says_how_to_install(monkeypatch):
    Image = pytest.importorskip(
        "PIL.Image", reason="the scan is drawn with pressclip[ocr]'s Pillow"
    )

    monkeypatch.setattr(tesseract, "missing", lambda: "Tesseract is not installed")
    scan = image_pdf([Image.new("L", (200, 280), 255)], 72)
    with pytest.raises(AttachmentError) as err:
        read_attachment(scan, ocr=True)
    assert err.value.kind == "no text layer"
    assert "Tesseract is not installed" in str(err.value)
    assert "apt-get install tesseract-ocr tesseract-ocr-kor" in str(err.value)


@pytest.mark.parametrize(
    "read, line",
    [("ㅁ 한솔군은 폐교를 고친다.", "□ 한솔군은 폐교를 고친다."), ("O 교실 12칸은", "○ 교실 12칸은"),
     ("ㅁㅁ 모임", "ㅁㅁ 모임"), ("OECD 회원국", "OECD 회원국"), ("0 12칸", "0 12칸")],
)  # fmt: skip
def test_misread_bullets_are_put_right(read, line):
    assert tesseract.fix_bullet(read) == line


POSTER = [
    (24, "2026 한솔 청년 창업 공간"),
    (24, "입주기업 모집"),
    (14, ""),
    (14, "모집 기간 6월 1일부터 6월 30일까지"),
    (14, "신청 방법 한솔군 누리집에서 온라인 접수"),
]


def png(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def image_post() -> bytes:
    return (
        "<html><head><title>청년 창업 공간 입주기업 모집 | 한솔군</title></head><body>"
        '<header><img src="/img/hansol.png" alt="한솔군"></header>'
        '<div class="board_view"><h3 class="subject">청년 창업 공간 입주기업 모집</h3>'
        '<div class="view_con"><img src="/data/poster.png" alt="모집 포스터">'
        '<img src="/img/btn_print.gif"></div></div>'
        "<footer>한솔군청 033-123-4500</footer></body></html>"
    ).encode()


def fetch(url, *args) -> tuple[int, str, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "pressclip", "fetch", url, "--delay", "0", *args],
        capture_output=True,
        timeout=600,
    )
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


@needs_ocr
def test_an_image_only_post_gives_its_text_with_ocr_and_none_without():
    from server import LocalServer, Response

    poster = scanned_page(POSTER, dpi=200, font_path=FONT)
    logo = scanned_page([(40, "한솔군")], dpi=20, font_path=FONT)  # a small image: furniture
    with LocalServer() as server:
        server.route("/bbs/view", Response(body=image_post()))
        server.route("/data/poster.png", Response(body=png(poster), content_type="image/png"))
        server.route("/img/hansol.png", Response(body=png(logo), content_type="image/png"))
        url = server.url("/bbs/view")
        code, out, err = fetch(url)
        assert code == 0, err
        plain = json.loads(out)
        assert "/data/poster.png" not in server.paths() and "ocr" not in plain
        secret = url.replace("://", "://editor:s3cret@", 1)  # relative images inherit it
        code, out, err = fetch(secret, "--ocr")
        assert code == 0, err
        record = json.loads(out)
        assert record["ocr"] == [server.url("/data/poster.png")]  # no credentials printed
        assert "/img/hansol.png" not in server.paths()  # in the page's header
        assert "/img/btn_print.gif" not in server.paths()  # named as a button
    assert found_share(POSTER, record["body"]) >= 0.9
    assert record["title"] == plain["title"] and len(record["body"]) > len(plain["body"])


def test_tesseracts_paragraphs_stay_apart_and_their_lines_are_joined():
    text = "보도시점 2025. 5. 14.\n\n한솔군, 폐교를 청년 창업\n공간으로 바꾼다\n\n\nㅁ 군은 모집한다.\n"
    assert tesseract.paragraphs(text) == [
        "보도시점 2025. 5. 14.",
        "한솔군, 폐교를 청년 창업 공간으로 바꾼다",
        "□ 군은 모집한다.",
    ]


@needs_ocr
def test_ocr_asked_for_a_block_reaches_readers_that_do_not_say():
    """``archive --ocr`` reads attachments deep in the archive code: within ``ocr_asked``
    read_attachment OCRs by default; outside it, it does not."""
    scan = image_pdf([scanned_page(RELEASE[3:5], dpi=200, font_path=FONT)], 200)
    with pytest.raises(AttachmentError) as err:
        read_attachment(scan)
    assert err.value.kind == "no text layer"
    with tesseract.ocr_asked():
        assert read_attachment(scan).ocr == ["page 1"]
        with pytest.raises(AttachmentError):
            read_attachment(scan, ocr=False)  # a caller that says no is obeyed


@needs_ocr
def test_pages_past_the_cap_stay_without_text(monkeypatch):
    monkeypatch.setattr(tesseract, "MAX_PAGES", 1)
    pages = [scanned_page(RELEASE[3:4], dpi=200, font_path=FONT)] * 2
    doc = read_attachment(image_pdf(pages, 200), ocr=True)
    assert doc.ocr == ["page 1"] and doc.pages == 2
    assert doc.title == HEADLINE and doc.text.count("폐교") == 1


@needs_ocr
def test_archive_ocr_reads_a_scanned_attachment_in_its_parallel_workers(
    capsys, monkeypatch, tmp_path
):
    """``archive --ocr`` of several boards archives them in worker threads; the --ocr asked
    for the run holds there too: the scanned release's text is in the archive."""
    from test_archive import BoardServer, FakeBoard, File, cli

    press, notice = FakeBoard("press"), FakeBoard("notice")
    scan = image_pdf([scanned_page(RELEASE[3:5], dpi=200, font_path=FONT)], 200)
    post = press.add(
        title="한솔군 보도자료",
        paragraphs=["첨부파일을 참조하세요."],
        files=[File("폐교.pdf", scan)],
    )
    notice.add(title="공지", paragraphs=["공지 본문입니다."], files=[])
    db = str(tmp_path / "a.sqlite")
    with BoardServer(press, notice) as server:
        urls = (server.list_url("press"), server.list_url("notice"))
        args = ("archive", *urls, "--db", db, "--delay", 0, "--parallel", 2, "--ocr")
        code, _, err = cli(capsys, monkeypatch, *args)
    assert code == 0, err
    code, out, err = cli(capsys, monkeypatch, "export", "--db", db)
    assert code == 0, err
    records = [r for r in map(json.loads, out.splitlines()) if "bo_table=press" in r["url"]]
    (record,) = [r for r in records if f"wr_id={post.id}" in r["url"]]
    assert "폐교" in (record["attachments"][0]["text"] or "")
    assert record["attachments"][0]["ocr"] == ["page 1"]  # the record says OCR read it
    assert "ocr" not in record  # the post's own body is text
    assert not schema_problems(record)
    (other,) = [r for r in map(json.loads, out.splitlines()) if "bo_table=notice" in r["url"]]
    assert "ocr" not in other  # a post of text: nothing is said of OCR


def schema_problems(record: dict) -> list[str]:
    """Where ``record`` breaks docs/record.schema.json."""
    from test_record_schema import problems

    return problems(record)


def archive_image_post(
    capsys, monkeypatch, tmp_path, *runs: tuple[str, ...]
) -> tuple[dict, list[str], str]:
    """A board whose one post's body is a poster of Korean text (and a 20-pixel logo) is
    archived, once per run of ``runs`` (its arguments); the exported record, and the paths
    requested and the summary of the last run."""
    from test_archive import BoardServer, FakeBoard, cli

    board = FakeBoard("press")
    poster = png(scanned_page(POSTER, dpi=200, font_path=FONT))
    logo = png(scanned_page([(40, "한솔군")], dpi=20, font_path=FONT))  # furniture: too small
    board.add(title="청년 창업 공간 입주기업 모집", paragraphs=[], files=[], images=[poster, logo])
    db = str(tmp_path / "a.sqlite")
    with BoardServer(board) as server:
        for args in runs:
            server.take_log()
            code, _, summary = cli(
                capsys, monkeypatch, "archive", server.list_url(), "--db", db, *args
            )
            assert code == 0, summary
        requested = server.take_log()
    code, out, err = cli(capsys, monkeypatch, "export", "--db", db)
    assert code == 0, err
    (record,) = map(json.loads, out.splitlines())
    return record, requested, summary


@needs_ocr
def test_archive_ocr_reads_an_image_only_post_and_says_so(capsys, monkeypatch, tmp_path):
    record, requested, _ = archive_image_post(capsys, monkeypatch, tmp_path, ("--ocr",))
    assert found_share(POSTER, record["body"]) >= 0.9
    (read,) = record["ocr"]  # the poster, as `fetch --ocr` names it; the small logo not
    assert read.startswith("http://127.0.0.1:") and read.endswith("/data/press/1_0.png")
    assert {"/data/press/1_0.png", "/data/press/1_1.png"} <= set(requested)
    assert not schema_problems(record)


@needs_ocr
def test_archive_without_ocr_leaves_an_image_only_post_without_text(capsys, monkeypatch, tmp_path):
    record, requested, _ = archive_image_post(capsys, monkeypatch, tmp_path, ())
    assert record["body"] == "" and "ocr" not in record
    assert not [p for p in requested if p.startswith("/data/")]  # no image fetched


@needs_ocr
def test_archive_ocr_full_reads_a_post_archived_without_ocr(capsys, monkeypatch, tmp_path):
    """A post archived without --ocr is not fetched again for it; --ocr --full reads its
    images, and the post gets a revision with their text."""
    record, _, summary = archive_image_post(
        capsys, monkeypatch, tmp_path, (), ("--ocr",), ("--ocr", "--full")
    )
    assert "1 changed" in summary
    assert found_share(POSTER, record["body"]) >= 0.9 and len(record["ocr"]) == 1
