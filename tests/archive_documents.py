"""Press releases as attachments for the archive tests: HWP 5 and HWPX made with
tests/attachment_files.py, and a PDF with Korean text written here (a Type0 font with a
ToUnicode map and no embedded glyphs: enough for a text layer, nothing to draw with)."""

from __future__ import annotations

from attachment_files import hp_p, hp_table, hwp_file, hwpx_file, hwpx_section, para, table


def release_hwp(title: str, body: list[str], embargo: str = "2025. 6. 2.(월) 11:00") -> bytes:
    """An HWP 5 release: banner, a 보도시점 header table, the title, the body paragraphs."""
    section = para("보도자료") + table(
        [[["보도시점"], [embargo], ["배포"], ["2025. 6. 1.(일) 14:00"]]]
    )
    section += para(title) + b"".join(para(line) for line in body)
    return hwp_file([section])


def release_hwpx(title: str, body: list[str]) -> bytes:
    """An HWPX release with a contact table (담당 부서 / 담당자)."""
    contacts = [
        [["담당 부서"], ["도시계획과"], ["담당자"], ["주무관"], ["한지우"], ["(031-555-0101)"]]
    ]
    xml = hp_p("보도자료") + hp_p(title) + "".join(hp_p(line) for line in body)
    return hwpx_file([hwpx_section(xml + hp_p(hp_table(contacts)))])


def korean_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer is ``lines`` (any Unicode text, one line each)."""
    chars = sorted({c for line in lines for c in line})
    cid = {c: n for n, c in enumerate(chars, 1)}
    pairs = [f"<{cid[c]:04X}> <{ord(c):04X}>" for c in chars]
    blocks = "".join(
        f"{len(pairs[i : i + 100])} beginbfchar\n" + "\n".join(pairs[i : i + 100]) + "\nendbfchar\n"
        for i in range(0, len(pairs), 100)
    )
    cmap = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        f"{blocks}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    )
    shown = " ".join("<" + "".join(f"{cid[c]:04X}" for c in line) + "> '" for line in lines)
    content = f"BT /F1 11 Tf 60 760 Td 16 TL {shown} ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content.encode())} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type0 /BaseFont /Batang /Encoding /Identity-H "
        "/DescendantFonts [6 0 R] /ToUnicode 8 0 R >>",
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Batang /CIDSystemInfo "
        "<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R "
        "/DW 1000 /CIDToGIDMap /Identity >>",
        "<< /Type /FontDescriptor /FontName /Batang /Flags 4 /FontBBox [0 -200 1000 900] "
        "/ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>",
        f"<< /Length {len(cmap.encode())} >>\nstream\n{cmap}endstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{off:010d} 00000 n \n" for off in offsets).encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)
