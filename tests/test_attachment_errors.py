"""Broken containers: what the libraries raise for them is ``corrupt``, one line naming the
exception, and a defect of our own is raised, not read as a broken file.

The exception types were measured by running the readers on truncated, garbled and
relabelled copies of the real files in ../shared/fixtures/attachments; each case here is
one of them, made small."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest
from attachment_files import (
    compound_file,
    hp_p,
    hwp_file,
    hwpx_file,
    hwpx_section,
    para,
    pdf_file,
)
from conftest import SHARED

from pressclip.attachments import AttachmentError, hwp, pdf, read_attachment
from pressclip.attachments.errors import Budget

TRUNCATED = SHARED / "fixtures" / "attachments" / "hostile" / "truncated_half.hwp"


def corrupt(data: bytes) -> str:
    """The message of the ``corrupt`` error ``data`` gives (one line)."""
    with pytest.raises(AttachmentError) as err:
        read_attachment(data)
    assert err.value.kind == "corrupt", str(err.value)
    message = str(err.value)
    assert "\n" not in message
    return message


# -- HWP: olefile --------------------------------------------------------------------------

GOOD_HWP = hwp_file([para("본문 " * 2000)])

HWP_CASES = {
    "header smashed": (
        GOOD_HWP[:8] + b"\xff" * 504 + GOOD_HWP[512:],
        "not a readable OLE compound file (ValueError: ",
    ),
    "FileHeader a storage": (
        compound_file({"FileHeader/x": b"", "BodyText/Section0": b""}),
        "broken OLE stream FileHeader (OSError: this file is not a stream)",
    ),
    # olefile follows the directory's sibling chain recursively
    "1,000 streams in a chain": (
        compound_file({f"S{i}": b"" for i in range(1000)}),
        "not a readable OLE compound file (RecursionError: ",
    ),
}


@pytest.mark.parametrize("case", list(HWP_CASES))
def test_a_broken_hwp_container_is_corrupt_naming_what_olefile_raised(case):
    data, says = HWP_CASES[case]
    assert says in corrupt(data)


@pytest.mark.skipif(not TRUNCATED.is_file(), reason=f"{TRUNCATED} is absent")
def test_a_truncated_real_hwp_is_corrupt_naming_olefiles_error():
    message = corrupt(TRUNCATED.read_bytes())
    assert (
        message == "corrupt: not a readable OLE compound file (OleFileError: incomplete OLE sector)"
    )


def test_a_defect_while_reading_an_hwp_is_raised_not_called_corrupt(monkeypatch):
    def boom(*args: object) -> None:
        raise TypeError("boom")

    monkeypatch.setattr(hwp, "cell_paragraphs", boom)
    with pytest.raises(TypeError, match="boom"):
        read_attachment(GOOD_HWP)
    monkeypatch.undo()
    import olefile

    monkeypatch.setattr(olefile, "OleFileIO", lambda *a: boom())
    with pytest.raises(TypeError, match="boom"):
        read_attachment(GOOD_HWP)


# -- HWPX: zipfile and the decompressors ----------------------------------------------------

SECTION = "Contents/section0.xml"
GOOD_HWPX = hwpx_file([hwpx_section(hp_p("본문 " * 2000))])


def relabelled(data: bytes, method: int) -> bytes:
    """``data`` with the section's compression method in the central directory changed
    (the bytes stay deflate): what a garbled byte there gives."""
    out = bytearray(data)
    entry = out.rindex(b"PK\x01\x02", 0, out.rindex(SECTION.encode()))
    struct.pack_into("<H", out, entry + 10, method)
    return bytes(out)


def section_start(data: bytes) -> int:
    """Where the section's compressed bytes start."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo(SECTION)
    return info.header_offset + 30 + len(SECTION) + len(info.extra)


def garbled(data: bytes) -> bytes:
    """``data`` with 64 bytes inside the section's deflate stream inverted (CRC and sizes
    kept)."""
    middle = section_start(data) + 100
    return data[:middle] + bytes(b ^ 0xFF for b in data[middle : middle + 64]) + data[middle + 64 :]


def lzma_header(data: bytes) -> bytes:
    """``data`` with the section labelled LZMA, and LZMA properties no decoder takes where
    zipfile reads them (its version and the size of the properties, then the properties)."""
    data = relabelled(data, zipfile.ZIP_LZMA)
    start = section_start(data)
    return data[:start] + b"\x09\x14\x05\x00" + b"\xff" * 5 + data[start + 9 :]


HWPX_CASES = {
    "broken deflate": (garbled(GOOD_HWPX), "(zlib.error: "),
    "bzip2 label": (relabelled(GOOD_HWPX, zipfile.ZIP_BZIP2), "(OSError: "),
    "LZMA label": (lzma_header(GOOD_HWPX), "(LZMAError: "),
    "unknown method": (relabelled(GOOD_HWPX, 99), "(NotImplementedError: "),
}


@pytest.mark.parametrize("case", list(HWPX_CASES))
def test_a_member_that_does_not_unpack_is_corrupt_naming_what_was_raised(case):
    data, says = HWPX_CASES[case]
    assert f"{SECTION} does not unpack {says}" in corrupt(data)


def test_a_defect_while_unpacking_an_hwpx_is_raised_not_called_corrupt(monkeypatch):
    def boom(*args: object) -> None:
        raise TypeError("boom")

    monkeypatch.setattr(zipfile.ZipExtFile, "read", boom)
    with pytest.raises(TypeError, match="boom"):
        read_attachment(GOOD_HWPX)


# -- PDF: the metadata title ---------------------------------------------------------------


def title(info: str) -> str | None:
    return pdf.read_pdf(pdf_file([["Press release"]], info=info), Budget(10**7)).title


def test_a_pdf_title_pdfium_cannot_decode_is_no_title_and_the_text_is_read():
    data = pdf_file([["Press release"]], info="<< /Title <FEFFD800> >>")  # a lone surrogate
    doc = read_attachment(data)
    assert doc.paragraphs == ["Press release"]
    assert title("<< /Title <FEFFD800> >>") is None
    assert title("<< /Title (Harbour works) >>") == "Harbour works"


def test_another_metadata_field_pdfium_cannot_decode_costs_no_title():
    assert title("<< /Title (Harbour works) /Author <FEFFD800> >>") == "Harbour works"


def test_a_defect_while_reading_the_pdf_title_is_raised():
    class Defective:
        def get_metadata_value(self, key: str) -> str:
            raise TypeError("boom")

    with pytest.raises(TypeError, match="boom"):
        pdf._title(Defective())
