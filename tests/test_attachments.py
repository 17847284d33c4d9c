"""Attachments: HWP 5, HWPX and PDF text, the press-release facts, and hostile files.

The shared fixtures (real releases, see ../shared/fixtures/attachments/README.md) go through
``pressclip clean`` as a user runs it; the rest uses small files made here.
"""

import json
import struct
import subprocess
import sys
import zipfile
import zlib

import pytest
from attachment_files import (
    compound_file,
    distribution_stream,
    extended,
    file_header,
    hp_p,
    hp_table,
    hwp_file,
    hwpx_file,
    hwpx_section,
    para,
    pdf_file,
    raw_deflate,
    record,
    table,
)
from conftest import SHARED

from pressclip.attachments import AttachmentError, read_attachment, read_release, sniff

ATTACHMENTS = SHARED / "fixtures" / "attachments"
EXPECTED = ATTACHMENTS / "expected.json"
needs_shared = pytest.mark.skipif(
    not EXPECTED.is_file(), reason="../shared/fixtures/attachments is absent"
)


def expected() -> dict:
    return json.loads(EXPECTED.read_text("utf-8")) if EXPECTED.is_file() else {}


def norm(text: str, mode: str) -> str:
    return "".join(text.split()) if mode == "nows" else " ".join(text.split())


@pytest.fixture(scope="module")
def cleaned(cli):
    """Every shared fixture through one ``pressclip clean`` run: records by source path,
    error lines by path."""
    paths = sorted(expected())
    code, out, err = cli("clean", *paths, "-f", "jsonl", cwd=ATTACHMENTS)
    records = {r["source"]: r for r in map(json.loads, out.splitlines())}
    errors = {}
    for line in err.splitlines():
        assert line.startswith("pressclip: error: "), line
        path, _, why = line.removeprefix("pressclip: error: ").partition(": ")
        errors[path] = why
    assert code == (1 if errors else 0)
    assert set(records) | set(errors) == set(paths) and not set(records) & set(errors)
    return records, errors


def release_matches(got: dict, want: dict) -> list[str]:
    """Differences between our ``release`` and expected.json's ``metadata``."""
    expect = {
        "embargo_text": want["embargo"],
        "embargo": want.get("embargo_date") or want.get("embargo_iso"),
        "immediate": bool(want.get("embargo_immediate")),
        "distributed_text": want["distributed"],
        "distributed": want.get("distributed_iso"),
        "departments": want["departments"],
    }
    if "embargo_online" in want:
        expect["embargo_online"] = want["embargo_online"]
    problems = []
    for key, value in expect.items():
        mine = got[key]
        if key.endswith("_text"):
            mine, value = norm(mine or "", "ws"), norm(value, "ws")
        if mine != value:
            problems.append(f"{key}: {mine!r} != {value!r}")
    contacts = [
        {k: c.get(k) for k in w} for c, w in zip(got["contacts"], want["contacts"], strict=False)
    ]
    if len(got["contacts"]) != len(want["contacts"]) or contacts != want["contacts"]:
        problems.append(f"contacts: {got['contacts']} != {want['contacts']}")
    return problems


@needs_shared
@pytest.mark.parametrize("path", sorted(expected()))
def test_shared_fixture(cleaned, path):
    """Each fixture gives the text, facts or error kind that expected.json names."""
    records, errors = cleaned
    want = expected()[path]
    data = (ATTACHMENTS / path).read_bytes()
    assert sniff(data) == {"hwpx": "zip", None: None}.get(want["type"], want["type"])
    if path in errors:
        kinds = {want["error"], want.get("accept_error")} - {None}
        assert errors[path].split(":")[0] in kinds, errors[path]
        return
    assert not want["error"] or want.get("accept_text") or want.get("accept_partial"), path
    record = records[path]
    text = norm(record["body"], want["match"])
    assert record["engine"] == want["type"]
    assert record["title"]
    if want.get("starts_with"):
        at = text.find(norm(want["starts_with"], want["match"]))
        assert 0 <= at <= want["starts_within"], at
    for needle in want.get("contains", []):
        assert norm(needle, want["match"]) in text, needle
    for needle in want.get("must_not_contain", []):
        assert norm(needle, want["match"]) not in text, needle
    assert len("".join(record["body"].split())) >= want["min_chars"]
    if want.get("metadata"):
        assert release_matches(record["release"], want["metadata"]) == []


PEAK_OF_CHILD = """
import resource, subprocess, sys
proc = subprocess.run([sys.executable, "-m", "pressclip", "clean", *sys.argv[1:]], capture_output=True)
sys.stdout.buffer.write(proc.stdout)
sys.stderr.buffer.write(proc.stderr)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
sys.exit(proc.returncode)
"""


@needs_shared
def test_hostile_fixtures_fail_in_bounded_memory():
    """Bombs and entity attacks end with their error, the process staying small (its peak
    RSS is measured by a parent of its own, so other tests' children do not count)."""
    hostile = sorted(p.name for p in (ATTACHMENTS / "hostile").iterdir())
    proc = subprocess.run(
        [sys.executable, "-c", PEAK_OF_CHILD, *hostile],
        capture_output=True,
        timeout=300,
        cwd=ATTACHMENTS / "hostile",
    )
    *errors, peak = proc.stderr.decode("utf-8").splitlines()
    assert proc.returncode == 1 and proc.stdout == b""
    assert len(errors) == len(hostile) and all(e.startswith("pressclip: error: ") for e in errors)
    assert not any("root:x:0:0" in e for e in errors)
    # The 1 GiB zip bomb and the 90 MB deflate bomb are refused long before they unpack.
    assert int(peak) < 600 * 1024, f"peak RSS {int(peak) // 1024} MiB"


@needs_shared
def test_mislabeled_and_error_page_go_by_bytes(cli):
    code, out, err = cli("clean", "hwp/moef_odi_2024q1_press_mislabeled.hwpx", cwd=ATTACHMENTS)
    assert code == 0 and json.loads(out)["engine"] == "hwp5"
    code, out, err = cli("clean", "hostile/html_error_page_saved_as.hwp", cwd=ATTACHMENTS)
    assert code == 1 and out == ""
    assert err == (
        "pressclip: error: hostile/html_error_page_saved_as.hwp: not a document: "
        "an HTML page (an expired link or error page?)\n"
    )


@needs_shared
def test_max_bytes_applies_to_what_a_file_unpacks_to(cli):
    path = "hwp/nikl_2022_workplan.hwp"
    code, _, err = cli("clean", path, "--max-bytes", "200000", cwd=ATTACHMENTS)
    assert code == 1 and ": too large: BodyText/Section0 unpacks to more than 200,000" in err
    code, _, err = cli("clean", path, cwd=ATTACHMENTS)
    assert code == 0, err


# -- HWP 5 files made here ----------------------------------------------------------------

TAB = chr(9) + "\0" * 6 + chr(9)  # an inline tab: eight code units


def sample_section() -> bytes:
    return (
        para("보도자료")
        + table(
            [
                [["보도시점"], ["2025. 3. 4.(화) 12:00"]],
                [["배포"], ["2025. 3. 4.(화) 09:00"]],
            ]
        )
        + para("한솔군, 데이터센터 유치" + extended(11) + " 확정")
        + para("□ 한솔군은 데이터센터" + TAB + "유치를 확정했다고 밝혔다.")
        + para("각주 앞" + extended(17, b"  nf") + " 각주 뒤")
        + table([[["첫째 칸 첫 문단", "첫째 칸 둘째 문단"], ["둘째 칸"]]])
        + para("단계 \U000f02b1 표시와 \uf53a글")
    )


def test_hwp_text_controls_and_tables_in_order():
    doc = read_attachment(hwp_file([sample_section(), para("둘째 구역입니다.")]))
    assert doc.format == "hwp5"
    assert doc.paragraphs == [
        "보도자료",
        "보도시점",
        "2025. 3. 4.(화) 12:00",
        "배포",
        "2025. 3. 4.(화) 09:00",
        "한솔군, 데이터센터 유치 확정",  # the 8-unit table control leaves nothing behind
        "□ 한솔군은 데이터센터 유치를 확정했다고 밝혔다.",  # tab → space
        "각주 앞 각주 뒤",
        "첫째 칸 첫 문단",
        "첫째 칸 둘째 문단",
        "둘째 칸",
        "단계 \U000f02b1 표시와 \uf53a글",  # a surrogate pair stays one character
        "둘째 구역입니다.",
    ]
    assert doc.title == "한솔군, 데이터센터 유치 확정"
    assert doc.release is not None
    assert doc.release.embargo == "2025-03-04T12:00:00+09:00"
    assert doc.release.distributed == "2025-03-04T09:00:00+09:00"


def test_hwp_kogl_mark():
    assert read_attachment(hwp_file([para("공공누리 표시")], flags=1 | 1 << 15)).kogl
    assert not read_attachment(hwp_file([para("표시 없음")])).kogl


def test_hwp_sections_sorted_by_number_and_uncompressed():
    sections = [para(f"구역 {i}") for i in range(12)]
    data = hwp_file(sections, flags=0)  # stored, not deflated
    assert read_attachment(data).paragraphs == [f"구역 {i}" for i in range(12)]


def test_hwp_long_record_uses_extended_size():
    text = "가" * 5000  # 10,000 bytes: past the 12-bit size field
    assert read_attachment(hwp_file([para(text)])).paragraphs == [text]


def test_hwp_distribution_document_is_decrypted_not_decoy():
    key = bytes(range(3, 19))
    decoy = para("이 문서는 상위 버전의 배포용 문서입니다. 최신 버전을 설치하세요.")
    data = compound_file(
        {
            "FileHeader": file_header(0b101),  # compressed + 배포용
            "BodyText/Section0": raw_deflate(decoy),
            "ViewText/Section0": distribution_stream(sample_section(), 0x2F3A9C11, key),
        }
    )
    doc = read_attachment(data)
    assert "배포용 문서" not in doc.text
    assert "□ 한솔군은 데이터센터 유치를 확정했다고 밝혔다." in doc.paragraphs


def test_hwp_distribution_document_with_an_unknown_key_scheme_is_encrypted():
    stream = bytearray(distribution_stream(sample_section(), 0x2F3A9C11, bytes(range(16))))
    stream[4 + 100] ^= 0xFF  # the key sits somewhere in the 256 bytes: spoil them all
    for i in range(8, 4 + 256):
        stream[i] ^= 0x55
    data = compound_file(
        {
            "FileHeader": file_header(0b101),
            "BodyText/Section0": raw_deflate(para("이 문서는 상위 버전의 배포용 문서입니다.")),
            "ViewText/Section0": bytes(stream),
        }
    )
    with pytest.raises(AttachmentError) as err:
        read_attachment(data)
    assert err.value.kind == "encrypted"


def test_hwp_distribution_flag_without_view_text_is_not_the_decoy():
    data = hwp_file([para("이 문서는 상위 버전의 배포용 문서입니다.")], flags=0b101)
    with pytest.raises(AttachmentError) as err:
        read_attachment(data)
    assert err.value.kind == "corrupt" and "ViewText" in str(err.value)


def test_hwp_stray_view_text_is_ignored_when_the_flag_is_off():
    data = hwp_file(
        [para("본문입니다.")], extra={"ViewText/Section0": b"\x1c\x00\x00\x10" + b"\0" * 300}
    )
    assert read_attachment(data).paragraphs == ["본문입니다."]


@pytest.mark.parametrize(
    ("flags", "kind"),
    [(0b11, "password"), (0b10001, "encrypted"), (1 | 1 << 8, "encrypted")],
)
def test_hwp_protected_documents_are_refused(flags, kind):
    with pytest.raises(AttachmentError) as err:
        read_attachment(hwp_file([para("비밀")], flags=flags))
    assert err.value.kind == kind


def test_hwp_deflate_bomb_stops_at_max_bytes():
    bomb = record(67, 0, b"A\0" * 2_000_000)  # 4 MB of text that deflates to a few KB
    data = hwp_file([bomb])
    assert len(data) < 100_000
    with pytest.raises(AttachmentError) as err:
        read_attachment(data, max_bytes=1_000_000)
    assert err.value.kind == "too large"


@pytest.mark.parametrize(
    ("mangle", "kind"),
    [
        (lambda d: d[: len(d) // 2], "corrupt"),  # truncated container
        (lambda d: b"", "corrupt"),
        (lambda d: d[:8] + b"\xff" * 504 + d[512:], "corrupt"),  # header smashed
    ],
)
def test_hwp_broken_containers(mangle, kind):
    data = hwp_file([para("본문 " * 2000)])
    with pytest.raises(AttachmentError) as err:
        read_attachment(mangle(data))
    assert err.value.kind == kind


def test_hwp_broken_deflate_and_records():
    good = raw_deflate(sample_section() * 20)
    broken = good[:64] + bytes(b ^ 0x5A for b in good[64:])
    data = compound_file({"FileHeader": file_header(1), "BodyText/Section0": broken})
    with pytest.raises(AttachmentError) as err:
        read_attachment(data)
    assert err.value.kind == "corrupt"
    overrun = struct.pack("<I", 67 | 200 << 20) + b"A\0" * 10  # claims 200 bytes, has 20
    with pytest.raises(AttachmentError) as err:
        read_attachment(hwp_file([overrun]))
    assert err.value.kind == "corrupt"


def test_other_ole_files_and_hwp3():
    with pytest.raises(AttachmentError) as err:
        read_attachment(compound_file({"WordDocument": b"\xec\xa5" + b"\0" * 100}))
    assert err.value.kind == "unsupported format" and "not HWP" in str(err.value)
    with pytest.raises(AttachmentError) as err:
        read_attachment(b"HWP Document File V3.00 \x1a\x01\x02\x03\x04\x05" + b"\0" * 200)
    assert err.value.kind == "unsupported format"


# -- HWPX files made here -----------------------------------------------------------------


def test_hwpx_sections_follow_the_spine_and_cells_keep_their_breaks():
    first = hwpx_section(
        hp_p("보도자료")
        + hp_p(hp_table([[["보도일시"], ["2025. 7. 1.(화) 06:00"]]]))
        + hp_p("‘25년 상반기 수출 3,340억", "달러로 역대 최고")  # one paragraph, two runs
        + hp_p(hp_table([[["141.5억", "달러로 감소"], ["셀"]]]))
        + hp_p("줄<hp:lineBreak/>바꿈과<hp:tab/>탭")
    )
    second = hwpx_section(hp_p("둘째 구역: 붙임 자료"))
    doc = read_attachment(hwpx_file([second, first], spine=[1, 0]))
    assert doc.format == "hwpx"
    assert doc.paragraphs == [
        "보도자료",
        "보도일시",
        "2025. 7. 1.(화) 06:00",
        "‘25년 상반기 수출 3,340억달러로 역대 최고",
        "141.5억",
        "달러로 감소",
        "셀",
        "줄",
        "바꿈과 탭",
        "둘째 구역: 붙임 자료",
    ]
    assert doc.release is not None and doc.release.embargo == "2025-07-01T06:00:00+09:00"


def test_hwpx_switch_is_read_once():
    shape = (
        "<hp:run><hp:switch><hp:case><hp:drawText><hp:subList>"
        + hp_p("글상자 글")
        + "</hp:subList></hp:drawText></hp:case><hp:default><hp:drawText><hp:subList>"
        + hp_p("글상자 글")
        + "</hp:subList></hp:drawText></hp:default></hp:switch></hp:run>"
    )
    doc = read_attachment(hwpx_file([hwpx_section(hp_p("앞") + hp_p(shape) + hp_p("뒤"))]))
    assert doc.paragraphs == ["앞", "글상자 글", "뒤"]


def test_hwpx_without_spine_reads_sections_by_number():
    sections = [hwpx_section(hp_p(f"구역 {i}")) for i in range(11)]
    data = hwpx_file(sections, spine=[])
    assert read_attachment(data).paragraphs == [f"구역 {i}" for i in range(11)]


LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "' + ("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10 + '">'
        for i in range(1, 10)
    )
    + "]>"
)


@pytest.mark.parametrize(
    "doctype, body",
    [
        (LAUGHS, hp_p("&lol9;")),
        ('<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', hp_p("&xxe;")),
        ("<!DOCTYPE x>", hp_p("a doctype alone")),
    ],
    ids=["billion-laughs", "xxe", "doctype"],
)
def test_hwpx_entities_and_doctypes_are_refused(doctype, body):
    data = hwpx_file([hwpx_section(body, doctype)])
    with pytest.raises(AttachmentError) as err:
        read_attachment(data)
    assert err.value.kind == "corrupt"
    assert "root:" not in str(err.value)


def test_hwpx_xml_in_another_encoding_is_refused():
    """A DOCTYPE hidden by an encoding the byte check cannot read (UTF-7) never parses."""
    xml = b'<?xml version="1.0" encoding="UTF-7"?>+ADw-!DOCTYPE x+AD4-<hs:sec/>'
    with pytest.raises(AttachmentError) as err:
        read_attachment(hwpx_file([xml]))
    assert err.value.kind == "corrupt" and "UTF-7" in str(err.value)


def test_hwpx_zip_bomb_is_refused_by_declared_size():
    data = hwpx_file([hwpx_section(hp_p("A" * 5_000_000))])
    assert len(data) < 100_000
    with pytest.raises(AttachmentError) as err:
        read_attachment(data, max_bytes=1_000_000)
    assert err.value.kind == "too large" and "declares" in str(err.value)


def test_hwpx_member_lying_about_its_size_is_still_bounded():
    data = bytearray(hwpx_file([hwpx_section(hp_p("A" * 5_000_000))]))
    # Make the central directory claim 1,000 bytes for section0.xml.
    with zipfile.ZipFile(__import__("io").BytesIO(bytes(data))) as zf:
        info = zf.getinfo("Contents/section0.xml")
    central = data.rindex(b"PK\x01\x02", 0, data.rindex(b"Contents/section0.xml") + 1)
    struct.pack_into("<I", data, central + 24, 1000)
    with pytest.raises(AttachmentError) as err:
        read_attachment(bytes(data), max_bytes=1_000_000)
    assert err.value.kind in ("corrupt", "too large")
    assert info.file_size > 1_000_000


def test_hwpx_with_encrypted_parts_needs_a_password():
    data = hwpx_file([hwpx_section(hp_p("암호문"))])
    buf = __import__("io").BytesIO(data)
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><odf:manifest '
        'xmlns:odf="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<odf:file-entry odf:full-path="Contents/section0.xml"><odf:encryption-data '
        'odf:checksum-type="SHA1"/></odf:file-entry></odf:manifest>'
    )
    with zipfile.ZipFile(buf, "a") as zf:
        zf.writestr("META-INF/manifest.xml", manifest)
    with pytest.raises(AttachmentError) as err:
        read_attachment(buf.getvalue())
    assert err.value.kind == "password"


def test_hwpx_truncated_and_plain_zip():
    data = hwpx_file([hwpx_section(hp_p("본문 " * 5000))])
    with pytest.raises(AttachmentError) as err:
        read_attachment(data[: len(data) * 6 // 10])
    assert err.value.kind == "corrupt"
    buf = __import__("io").BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("photo.jpg", b"\xff\xd8\xff")
    with pytest.raises(AttachmentError) as err:
        read_attachment(buf.getvalue())
    assert err.value.kind == "unsupported format"


# -- PDF files made here ------------------------------------------------------------------


def test_pdf_pages_in_order():
    data = pdf_file([["Press release", "Embargo: (see below)"], ["Page two text."]])
    doc = read_attachment(data)
    assert doc.format == "pdf" and doc.pages == 2
    assert doc.paragraphs == ["Press release", "Embargo: (see below)", "Page two text."]


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (pdf_file([[], []]), "no text layer"),
        (pdf_file([["secret"]], encrypt_password="12345"), "password"),
        (pdf_file([["cut"] * 50])[:300], "corrupt"),
        (b"%PDF-1.7\n" + b"\0" * 50, "corrupt"),
    ],
    ids=["scan", "password", "truncated", "garbage"],
)
def test_pdf_errors(data, kind):
    with pytest.raises(AttachmentError) as err:
        read_attachment(data)
    assert err.value.kind == kind


def test_pdf_deflate_bomb_is_refused_before_pdfium_inflates_it():
    bomb = zlib.compressobj(9)
    content = bomb.compress(b" " * 20_000_000) + bomb.compress(b"BT ET") + bomb.flush()
    page = pdf_file([["x"]])
    # Swap the page's content stream for the bomb (same object, /FlateDecode).
    start = page.index(b"<< /Length")
    end = page.index(b"endstream", start) + len(b"endstream")
    stream = f"<< /Length {len(content)} /Filter /FlateDecode >>\nstream\n".encode()
    data = page[:start] + stream + content + b"\nendstream" + page[end:]
    assert len(data) < 100_000
    with pytest.raises(AttachmentError) as err:
        read_attachment(data, max_bytes=5_000_000)
    assert err.value.kind == "too large"
    with pytest.raises(AttachmentError) as err:  # under a higher limit pdfium reads it
        read_attachment(data, max_bytes=30_000_000)
    assert err.value.kind == "no text layer"


def test_not_documents():
    page = "<!DOCTYPE html><html><body>잘못된 접근입니다</body></html>".encode()
    for data in (page, "파일을 찾을 수 없습니다.".encode()):
        with pytest.raises(AttachmentError) as err:
            read_attachment(data)
        assert err.value.kind == "not a document"
    for data in (b"\xff\xd8\xff\xe0\x00\x10JFIF", b"\x00\x01binary"):
        with pytest.raises(AttachmentError) as err:
            read_attachment(data)
        assert err.value.kind == "unsupported format"


def _wrapped(header: bytes) -> bytes:
    """A document as a DRM system ships it: the vendor's header, then opaque bytes (here
    the scrambled bytes of a real HWP, so nothing but the header tells what it is)."""
    inner = hwp_file([para("보도자료") + para("한솔군 관광객 1,250만 명 돌파")])
    return header + bytes(b ^ 0x5A for b in inner)


DRM_WRAPPERS = {
    "MarkAny": b"<MARKANY_DOCUMENTSAFER>\r\n<VERSION>3.0</VERSION>\r\n",
    "Fasoo": b"\x9b DRMONE  This Document is encrypted and protected by Fasoo DRM \x00\x00",
    "SoftCamp": b"SCDSA004\x00\x00\xf0\x06\x00\x00",
}


@pytest.mark.parametrize("vendor", sorted(DRM_WRAPPERS))
def test_drm_wrappers_are_encrypted_and_named(vendor):
    data = _wrapped(DRM_WRAPPERS[vendor])
    assert sniff(data) == "drm"
    with pytest.raises(AttachmentError) as err:
        read_attachment(data)
    assert err.value.kind == "encrypted"
    assert str(err.value).startswith(f"encrypted: DRM: {vendor} ")


def test_drm_wrapper_through_the_cli_whatever_its_name(tmp_path, cli):
    """A wrapped file says what it is under any name, even one that is no document's."""
    for name in ("release.hwp", "release.pdf", "release.bin"):
        path = tmp_path / name
        path.write_bytes(_wrapped(DRM_WRAPPERS["MarkAny"]))
        code, out, err = cli("clean", path)
        assert code == 1 and out == ""
        assert f"{path}: encrypted: DRM: MarkAny" in err, err


def test_drm_names_in_running_text_are_not_a_wrapper():
    assert (
        sniff("문서보안(DRM) 해제 후 MARKANY_DOCUMENTSAFER 파일을 올려 주세요.".encode()) == "text"
    )
    assert sniff(b"SCDS report") == "text"


# -- through the CLI ----------------------------------------------------------------------


def test_clean_an_hwp_file(tmp_path, cli):
    path = tmp_path / "release.hwp"
    path.write_bytes(
        hwp_file([sample_section(), para("□ 한솔군은 데이터센터 유치를 확정했다고 밝혔다.")])
    )
    code, out, err = cli("clean", path)
    assert code == 0, err
    record = json.loads(out)
    assert record["engine"] == "hwp5" and record["title"] == "한솔군, 데이터센터 유치 확정"
    # a document's paragraph said twice is said twice (tests/test_attachment_dedup.py)
    assert record["body"].count("한솔군은 데이터센터 유치를") == 2
    assert record["duplicates_removed"] == 0
    assert "보도시점\n\n2025. 3. 4.(화) 12:00\n\n배포" in record["body"]  # cells not joined
    assert record["release"]["embargo"] == "2025-03-04T12:00:00+09:00"


def test_committed_fixtures_are_what_the_generator_writes(fixtures):
    """tests/fixtures/attachments/ is made by tests/make_attachment_fixtures.py."""
    import make_attachment_fixtures as make

    folder = fixtures / "attachments"
    # Compared as read, not byte for byte: another zlib may deflate differently.
    for name, made in (
        ("hansol_press.hwp", make.hwp_bytes()),
        ("hansol_press.hwpx", make.hwpx_bytes()),
    ):
        assert read_attachment((folder / name).read_bytes()) == read_attachment(made)


@pytest.mark.parametrize("name", ["hansol_press.hwp", "hansol_press.hwpx"])
def test_clean_the_committed_release(fixtures, name, cli):
    code, out, err = cli("clean", fixtures / "attachments" / name)
    assert code == 0, err
    record = json.loads(out)
    assert record["engine"] == ("hwpx" if name.endswith("x") else "hwp5")
    assert record["title"] == "한솔군, 폐교를 청년 창업 공간으로 바꾼다"
    assert "입주 기업은 2년 동안 임대료 없이 공간을 쓸 수 있다." in record["body"]
    release = record["release"]
    assert release["embargo"] == "2025-05-14T11:00:00+09:00"
    assert release["distributed"] == "2025-05-13T14:00:00+09:00"
    assert release["departments"] == ["경제일자리국 청년정책과"]
    assert [
        (c["role"], c["title"], c["name"], c["phone"], c["email"]) for c in release["contacts"]
    ] == [
        ("책임자", "과장", "박서연", "033-123-4500", None),
        ("담당자", "주무관", "이도현", None, "dohyun@hansol.go.kr"),
    ]


def test_clean_refuses_a_document_name_holding_text(tmp_path, cli):
    path = tmp_path / "notice.pdf"
    path.write_text("404 Not Found", "utf-8")
    code, out, err = cli("clean", path)
    assert code == 1 and out == ""
    assert err.startswith(f"pressclip: error: {path}: not a document: ")


POST = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>보도자료 | 한솔시</title></head>
<body><div id="menu"><ul><li>홈</li><li>소식</li></ul></div>
<div class="view"><h2 class="title">한솔시, 청년 창업 지원 확대</h2>
<div class="content">
<table><tr><td>보도일시</td><td>2025. 3. 5.(수) 조간</td><td>배포일시</td><td>2025. 3. 4.(화) 14:00</td></tr>
<tr><td>담당부서</td><td>경제정책과</td><td>담당자</td><td>주무관 김민지 (031-123-4567)</td></tr></table>
<p>한솔시는 청년 창업 지원 예산을 올해 30억 원으로 늘린다고 4일 밝혔다. 시는 창업 공간 두 곳을 새로 연다.</p>
<p>시 관계자는 "청년들이 지역에서 꿈을 펼칠 수 있도록 돕겠다"고 말했다.</p>
</div></div></body></html>"""


def test_release_from_an_html_post(tmp_path, cli):
    path = tmp_path / "post.html"
    path.write_text(POST, "utf-8")
    code, out, err = cli("clean", path)
    assert code == 0, err
    assert json.loads(out)["release"] == {
        "embargo": "2025-03-05",
        "embargo_text": "2025. 3. 5.(수) 조간",
        "embargo_online": None,
        "immediate": False,
        "distributed": "2025-03-04T14:00:00+09:00",
        "distributed_text": "2025. 3. 4.(화) 14:00",
        "departments": ["경제정책과"],
        "contacts": [
            {
                "role": "담당자",
                "title": "주무관",
                "name": "김민지",
                "phone": "031-123-4567",
                "email": None,
                "department": "경제정책과",
                "note": None,
            }
        ],
    }


def test_release_from_the_library_extract_as_fetch_uses_it():
    import pressclip

    article = pressclip.extract(POST, "http://www.hansol.example.kr/news/view?id=7")
    assert article.release is not None
    assert article.release.distributed == "2025-03-04T14:00:00+09:00"
    assert article.to_dict()["release"]["contacts"][0]["name"] == "김민지"


def test_posts_without_release_facts_keep_their_record_shape(fixtures, cli):
    code, out, _ = cli("clean", fixtures / "example_post.txt")
    assert code == 0 and "release" not in json.loads(out)


# -- the release-facts parser -------------------------------------------------------------


def contacts(lines):
    release = read_release(lines)
    assert release is not None
    return [(c.role, c.title, c.name, c.phone, c.email, c.department) for c in release.contacts]


def test_release_grid_of_two_departments():
    lines = [
        "담당 부서", "관광정책국", "책임자", "과  장", "박서준", "(044-203-2811)",
        "(세종청사)", "관광정책과", "담당자", "주무관", "이하늘", "(044-203-2815)",
        "담당 부서", "체육국", "책임자", "과  장", "최민호", "(044-203-3111)",
        "", "스포츠산업과", "담당자", "사무관", "정다은", "dan@korea.kr",
        "붙임", "행사 개요",
    ]  # fmt: skip
    release = read_release([line for line in lines if line])
    assert release is not None
    assert release.departments == ["관광정책국 관광정책과", "체육국 스포츠산업과"]
    assert contacts(lines) == [
        ("책임자", "과장", "박서준", "044-203-2811", None, "관광정책국 관광정책과"),
        ("담당자", "주무관", "이하늘", "044-203-2815", None, "관광정책국 관광정책과"),
        ("책임자", "과장", "최민호", "044-203-3111", None, "체육국 스포츠산업과"),
        ("담당자", "사무관", "정다은", None, "dan@korea.kr", "체육국 스포츠산업과"),
    ]
    assert release.contacts[0].note == "세종청사"


def test_release_rows_on_one_line_as_pdf_gives_them():
    lines = [
        "보도자료",
        "보도시점 2025. 9. 19.(금) 11:00 배포 2025. 9. 19.(금) 08:00",
        "담당 부서 대외경제국 책임자 과 장 김하나 (044-215-7630)",
        "국제경제과 담당자 사무관 오세훈 (sehun@korea.kr)",
        "구분 미국 케이맨제도 룩셈부르크",
    ]
    release = read_release(lines)
    assert release is not None
    assert release.embargo == "2025-09-19T11:00:00+09:00"
    assert release.distributed == "2025-09-19T08:00:00+09:00"
    assert release.departments == ["대외경제국 국제경제과"]
    assert contacts(lines) == [
        ("책임자", "과장", "김하나", "044-215-7630", None, "대외경제국 국제경제과"),
        ("담당자", "사무관", "오세훈", None, "sehun@korea.kr", "대외경제국 국제경제과"),
    ]


def test_release_header_table_with_contacts_inside():
    lines = [
        "보도일시", "2019. 3. 5.(화) 조간(온라인 3. 4. 12:00)부터 보도해 주시기 바랍니다.",
        "배포일시", "2019. 3. 4.(월) 10:00",
        "담당부서", "미래인재정책과",
        "담당과장", "한지민(02-2110-1111)",
        "담 당 자", "이도윤 사무관(02-2110-2222)",
        "□ 과학기술정보통신부는 4일 …을 밝혔다.",
    ]  # fmt: skip
    release = read_release(lines)
    assert release is not None
    assert release.embargo == "2019-03-05"
    assert release.embargo_online == "2019-03-04T12:00:00+09:00"
    assert release.distributed == "2019-03-04T10:00:00+09:00"
    assert contacts(lines) == [
        ("담당과장", None, "한지민", "02-2110-1111", None, "미래인재정책과"),
        ("담당자", "사무관", "이도윤", "02-2110-2222", None, "미래인재정책과"),
    ]


@pytest.mark.parametrize(
    ("lines", "embargo", "immediate", "distributed"),
    [
        (["보도시점", "배포 즉시 보도"], None, True, None),
        (
            ["보도일시", "배포 시", "배포일시", "2025. 2. 3.(월) 09:30"],
            None,
            True,
            "2025-02-03T09:30:00+09:00",
        ),
        (
            ["보도시점", "바로 보도하여 주시기 바랍니다.", "배포", "2026. 1. 30.(금)"],
            None,
            True,
            "2026-01-30",
        ),
        (
            ["보도일시: 2025. 3. 4.(화) 12:00 이후 / 배포일시: 2025. 3. 4.(화) 10:00"],
            "2025-03-04T12:00:00+09:00",
            False,
            "2025-03-04T10:00:00+09:00",
        ),
        (
            ["보도일시 3. 5.(수) 석간", "배포일시 2025. 3. 4.(화) 오후 2시"],
            "2025-03-05",
            False,
            "2025-03-04T14:00:00+09:00",
        ),
        (
            ["보도 일시", "2024년 12월 31일(화) 오전 6시 이후"],
            "2024-12-31T06:00:00+09:00",
            False,
            None,
        ),
    ],
    ids=["immediate", "배포-시", "바로-보도", "one-line", "석간-year-from-배포", "korean-date"],
)
def test_release_embargo_shapes(lines, embargo, immediate, distributed):
    release = read_release(lines)
    assert release is not None
    assert (release.embargo, release.immediate, release.distributed) == (
        embargo,
        immediate,
        distributed,
    )


def test_release_contact_line_without_role():
    lines = ["문의: 한솔시 경제정책과 김민지 주무관(031-123-4567)"]
    assert contacts(lines) == [
        (None, "주무관", "김민지", "031-123-4567", None, "한솔시 경제정책과")
    ]


def test_release_skips_false_starts_and_prose_after_labels():
    lines = [
        "배포 자료는 누리집에서 내려받을 수 있습니다",
        "담당자는 현장을 다시 점검했다",
        "보도일시",
        "2025. 4. 1.(화) 10:00",
        "담당부서",
        "도시재생과",
        "담당자",
        "최유나 주무관 (041-550-1234)",
    ]
    release = read_release(lines)
    assert release is not None
    assert release.distributed_text is None and release.embargo == "2025-04-01T10:00:00+09:00"
    assert contacts(lines) == [("담당자", "주무관", "최유나", "041-550-1234", None, "도시재생과")]


def test_release_contact_table_with_a_header_row():
    lines = [
        "담당부서", "담당자", "연락처",
        "홍보담당관실", "홍길동 주무관", "(T. 02-120-3456)",
        "시민소통과", "김나래 주무관", "(☎ 02-120-3457, narae@seoul.go.kr)",
    ]  # fmt: skip
    assert contacts(lines) == [
        (None, "주무관", "홍길동", "02-120-3456", None, "홍보담당관실"),
        (None, "주무관", "김나래", "02-120-3457", "narae@seoul.go.kr", "시민소통과"),
    ]


def test_release_ignores_ordinary_text():
    lines = [
        "지난해 배포된 안내서를 보도 이후 다시 배포한다.",
        "담당자가 바뀌면 알려 드립니다.",
        "행사는 2025. 3. 4. 열린다.",
    ]
    assert read_release(lines) is None
