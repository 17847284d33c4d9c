"""Small HWP 5, HWPX and PDF files made from scratch for the attachment tests.

olefile reads compound files but cannot create them, so :func:`compound_file` writes a
minimal one (version 3, 512-byte sectors, no mini stream: every stream is padded to the
4,096-byte cutoff, which HWP readers tolerate since records and deflate ignore what follows).
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import zipfile
import zlib

FREE, END, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF
SECTOR = 512


def compound_file(streams: dict[str, bytes]) -> bytes:
    """An OLE compound file holding ``streams`` (``"BodyText/Section0"`` → bytes); one
    level of storages, as HWP uses."""
    # Directory: root, then each top-level name; storages hold their streams as children.
    tops: dict[str, dict[str, bytes] | bytes] = {}
    for path, data in streams.items():
        if "/" in path:
            storage, name = path.split("/", 1)
            sub = tops.setdefault(storage, {})
            assert isinstance(sub, dict)
            sub[name] = data
        else:
            tops[path] = data
    entries: list[dict] = [{"name": "Root Entry", "type": 5, "data": b""}]

    def add_chain(names: list[int]) -> int:
        # Siblings chained through their right pointers (olefile does not need a balanced tree).
        for a, b in zip(names, names[1:], strict=False):
            entries[a]["right"] = b
        return names[0] if names else NOSTREAM

    top_ids = []
    for name, value in tops.items():
        top_ids.append(len(entries))
        if isinstance(value, dict):
            entry = {"name": name, "type": 1, "data": b""}
            entries.append(entry)
            kids = []
            for sub_name, data in value.items():
                kids.append(len(entries))
                entries.append({"name": sub_name, "type": 2, "data": data})
            entry["child"] = add_chain(kids)
        else:
            entries.append({"name": name, "type": 2, "data": value})
    entries[0]["child"] = add_chain(top_ids)

    # Sector plan: FAT sectors, directory sectors, then each stream's sectors.
    dir_bytes_len = len(entries) * 128
    dir_sectors = -(-dir_bytes_len // SECTOR)
    stream_sectors = []
    for e in entries:
        if e["type"] == 2:
            e["data"] = e["data"].ljust(4096, b"\0")
            stream_sectors.append(-(-len(e["data"]) // SECTOR))
    data_sectors = dir_sectors + sum(stream_sectors)
    fat_sectors = 1
    while fat_sectors * (SECTOR // 4) < fat_sectors + data_sectors:
        fat_sectors += 1
    fat = [FATSECT] * fat_sectors
    dir_start = len(fat)
    fat += [dir_start + i + 1 for i in range(dir_sectors - 1)] + [END]
    body = bytearray()
    for e in entries:
        if e["type"] != 2:
            e["start"], e["size"] = END, 0
            continue
        n = -(-len(e["data"]) // SECTOR)
        e["start"], e["size"] = len(fat), len(e["data"])
        fat += [len(fat) + i + 1 for i in range(n - 1)] + [END]
        body += e["data"].ljust(n * SECTOR, b"\0")
    fat += [FREE] * (fat_sectors * (SECTOR // 4) - len(fat))

    directory = bytearray()
    for e in entries:
        name = e["name"].encode("utf-16-le") + b"\0\0"
        directory += struct.pack(
            "<64sHBBIII16sIQQIQ",
            name,
            len(name),
            e["type"],
            1,  # black
            e.get("left", NOSTREAM),
            e.get("right", NOSTREAM),
            e.get("child", NOSTREAM),
            b"\0" * 16,
            0,
            0,
            0,
            e["start"],
            e["size"],
        )
    directory = directory.ljust(dir_sectors * SECTOR, b"\0")
    difat = list(range(fat_sectors)) + [FREE] * (109 - fat_sectors)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        b"\0" * 16,
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"\0" * 6,
        0,
        fat_sectors,
        dir_start,
        0,
        4096,
        END,
        0,
        END,
        0,
    ) + struct.pack("<109I", *difat)
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    return bytes(header + fat_bytes + directory + body)


# -- HWP 5 ----------------------------------------------------------------------------------

PARA_HEADER, PARA_TEXT, CTRL_HEADER, LIST_HEADER, TABLE = 66, 67, 71, 72, 77


def record(tag: int, level: int, payload: bytes) -> bytes:
    """One HWP record: the packed header (extended size past 4,094 bytes) and payload."""
    if len(payload) >= 0xFFF:
        return struct.pack("<II", tag | level << 10 | 0xFFF << 20, len(payload)) + payload
    return struct.pack("<I", tag | level << 10 | len(payload) << 20) + payload


def para(text: str, level: int = 0) -> bytes:
    """A paragraph: PARA_HEADER and PARA_TEXT (``text`` may hold control code units)."""
    units = text.encode("utf-16-le") + b"\r\0"
    return record(PARA_HEADER, level, b"\0" * 22) + record(PARA_TEXT, level + 1, units)


def extended(code: int, ident: bytes = b" lbt") -> str:
    """An eight-unit control (a table anchor, a footnote …) as it sits in PARA_TEXT."""
    payload = ident + b"\0" * 8
    return chr(code) + payload.decode("utf-16-le") + chr(code)


def table(rows: list[list[list[str]]], level: int = 0) -> bytes:
    """An anchor paragraph holding a table control, then each cell's paragraphs nested."""
    out = record(PARA_HEADER, level, b"\0" * 22)
    out += record(PARA_TEXT, level + 1, (extended(11) + "\r").encode("utf-16-le"))
    out += record(CTRL_HEADER, level + 1, b" lbt" + b"\0" * 40)
    out += record(TABLE, level + 2, struct.pack("<IHH", 0, len(rows), len(rows[0])))
    for row in rows:
        for cell in row:
            out += record(LIST_HEADER, level + 2, struct.pack("<HI", len(cell), 0) + b"\0" * 26)
            for text in cell:
                out += para(text, level + 2)
    return out


def file_header(flags: int, version: tuple[int, int, int, int] = (5, 1, 0, 1)) -> bytes:
    major, minor, build, rev = version
    head = b"HWP Document File".ljust(32, b"\0")
    head += bytes([rev, build, minor, major]) + struct.pack("<I", flags)
    return head.ljust(256, b"\0")


def raw_deflate(data: bytes) -> bytes:
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    return z.compress(data) + z.flush()


def hwp_file(sections: list[bytes], *, flags: int = 1, extra: dict | None = None) -> bytes:
    """An HWP 5 file with these section record streams (deflated when flag bit 0 is set)."""
    streams = {"FileHeader": file_header(flags)}
    for i, sec in enumerate(sections):
        streams[f"BodyText/Section{i}"] = raw_deflate(sec) if flags & 1 else sec
    streams.update(extra or {})
    return compound_file(streams)


def _msvc_rand(seed: int):
    state = seed
    while True:
        state = (state * 214013 + 2531011) & 0xFFFFFFFF
        yield (state >> 16) & 0x7FFF


def distribution_stream(section: bytes, seed: int, key: bytes) -> bytes:
    """A 배포용 ``ViewText/SectionN`` stream: the DISTRIBUTE_DOC_DATA record (the key at
    ``4 + (seed & 0xF)``, XOR-scrambled with the MSVC rand sequence), then AES-128-ECB of
    the deflated section padded to 16 bytes."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    plain = bytearray(hashlib.sha256(b"filler").digest() * 8)
    plain[0:4] = struct.pack("<I", seed)
    offset = 4 + (plain[0] & 0xF)
    plain[offset : offset + 16] = key
    rand = _msvc_rand(seed)
    scrambled = bytearray(plain)
    i = 0
    while i < 256:
        xor = next(rand) & 0xFF
        for _ in range((next(rand) & 0xF) + 1):
            if i >= 256:
                break
            if i >= 4:
                scrambled[i] ^= xor
            i += 1
    body = raw_deflate(section)
    body += b"\0" * (-len(body) % 16)
    encryptor = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    return record(28, 0, bytes(scrambled)) + encryptor.update(body) + encryptor.finalize()


# -- HWPX -----------------------------------------------------------------------------------

HP = "http://www.hancom.co.kr/hwpml/2011/paragraph"
HS = "http://www.hancom.co.kr/hwpml/2011/section"


def hwpx_section(body: str, doctype: str = "") -> bytes:
    """A section part: ``body`` is the XML inside ``hs:sec`` (hp: prefixes bound)."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>'
        f'{doctype}<hs:sec xmlns:hs="{HS}" xmlns:hp="{HP}">{body}</hs:sec>'
    ).encode()


def hp_p(*runs: str) -> str:
    """A paragraph of runs; each run is XML inside ``hp:t`` or a ready ``<hp:tbl>``."""
    parts = []
    for r in runs:
        parts.append(r if r.startswith("<hp:run>") else f"<hp:run><hp:t>{r}</hp:t></hp:run>")
    return f'<hp:p paraPrIDRef="0">{"".join(parts)}</hp:p>'


def hp_table(rows: list[list[list[str]]]) -> str:
    cells = "".join(
        "<hp:tr>"
        + "".join(
            "<hp:tc><hp:subList>" + "".join(hp_p(t) for t in cell) + "</hp:subList></hp:tc>"
            for cell in row
        )
        + "</hp:tr>"
        for row in rows
    )
    return f'<hp:run><hp:tbl rowCnt="{len(rows)}">{cells}</hp:tbl></hp:run>'


def hwpx_file(sections: list[bytes], *, spine: list[int] | None = None) -> bytes:
    """An HWPX package; ``spine`` gives the reading order of the sections (default: as is)."""
    order = spine if spine is not None else list(range(len(sections)))
    items = "".join(
        f'<opf:item id="section{i}" href="Contents/section{i}.xml" media-type="application/xml"/>'
        for i in range(len(sections))
    )
    refs = "".join(f'<opf:itemref idref="section{i}"/>' for i in order)
    hpf = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<opf:package xmlns:opf="http://www.idpf.org/2007/opf/"><opf:metadata>'
        "<opf:title>template</opf:title></opf:metadata>"
        f"<opf:manifest>{items}</opf:manifest><opf:spine>{refs}</opf:spine></opf:package>"
    )
    container = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<ocf:container xmlns:ocf="urn:oasis:names:tc:opendocument:xmlns:container">'
        '<ocf:rootfiles><ocf:rootfile full-path="Contents/content.hpf" '
        'media-type="application/hwpml-package+xml"/></ocf:rootfiles></ocf:container>'
    )
    buf = io.BytesIO()

    def put(zf: zipfile.ZipFile, name: str, data: str | bytes, method: int) -> None:
        info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))  # reproducible bytes
        info.compress_type = method
        zf.writestr(info, data)

    with zipfile.ZipFile(buf, "w") as zf:
        put(zf, "mimetype", "application/hwp+zip", zipfile.ZIP_STORED)
        put(zf, "META-INF/container.xml", container, zipfile.ZIP_DEFLATED)
        put(zf, "Contents/content.hpf", hpf, zipfile.ZIP_DEFLATED)
        for i, sec in enumerate(sections):
            put(zf, f"Contents/section{i}.xml", sec, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


# -- PDF ------------------------------------------------------------------------------------


def pdf_file(
    pages: list[list[str]], *, encrypt_password: str | None = None, info: str | None = None
) -> bytes:
    """A PDF with one Helvetica text line per string on each page (an empty list makes an
    image-less blank page). With ``encrypt_password`` the file needs that user password
    (standard security handler, RC4 40-bit, revision 2). ``info``: the document information
    dictionary as written (``<< /Title (x) >>``), not with a password."""
    objects: list[bytes] = []
    n_pages = len(pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n_pages))
    font_id = 3 + 2 * n_pages
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    for i, lines in enumerate(pages):
        content = (
            "BT /F1 12 Tf 72 720 Td 14 TL "
            + " ".join(
                "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '"
                for line in lines
            )
            + " ET"
        )
        if not lines:
            content = ""
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        objects.append(
            f"<< /Length {len(content)} >>\nstream\n".encode() + content.encode() + b"\nendstream"
        )
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    trailer_extra = ""
    if info is not None:
        objects.append(info.encode("latin-1"))
        trailer_extra += f" /Info {len(objects)} 0 R"
    if encrypt_password is not None:
        o_value, u_value = _rc4_owner_user(encrypt_password)
        objects.append(
            b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <"
            + o_value.hex().encode()
            + b"> /U <"
            + u_value.hex().encode()
            + b"> >>"
        )
        trailer_extra += f" /Encrypt {len(objects)} 0 R /ID [<{_ID.hex()}> <{_ID.hex()}>]"
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{trailer_extra} >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
_ID = bytes(range(16))


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray()
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _rc4_owner_user(password: str) -> tuple[bytes, bytes]:
    """O and U entries (PDF 1.4, algorithms 3 and 4) for user = owner = ``password``."""
    padded = (password.encode("latin-1") + _PAD)[:32]
    owner_key = hashlib.md5(padded).digest()[:5]
    o_value = _rc4(owner_key, padded)
    key = hashlib.md5(padded + o_value + struct.pack("<i", -4) + _ID).digest()[:5]
    return o_value, _rc4(key, _PAD)


def korean_font() -> bytes | None:
    """A TrueType font with Hangul, found through fontconfig (Debian: fonts-nanum), or None."""
    import shutil
    import subprocess

    if shutil.which("fc-match") is None:
        return None
    found = subprocess.run(
        ["fc-match", "-f", "%{file}", ":lang=ko:fontformat=TrueType"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    if not found.lower().endswith(".ttf"):
        return None
    with open(found, "rb") as f:
        return f.read()


_DIGITS_AND_LATIN = re.compile(r"[\x00-\x7f’‘]+")


def korean_pdf(
    pages: list[list[str]], *, split_runs: bool = False, size: float = 11, font: bytes
) -> bytes:
    """A PDF (A4) of Korean text lines made with pdfium, ``font`` embedded. With
    ``split_runs`` each line is cut into Hangul runs and ASCII runs (digits, Latin, quotes),
    placed where they belong, but the content stream holds every Hangul run of the page
    first and the other runs after them, as Microsoft Print to PDF writes them. A line may
    hold cells parted by `` | `` (set 60 points apart); a line opening with ``# `` is set
    twice as large (a headline)."""
    import ctypes
    import io

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument.new()
    buf = (ctypes.c_uint8 * len(font)).from_buffer_copy(font)
    handle = raw.FPDFText_LoadFont(pdf.raw, buf, len(font), raw.FPDF_FONT_TRUETYPE, True)

    def text_object(text: str, x: float, y: float, size: float = size):
        obj = raw.FPDFPageObj_CreateTextObj(pdf.raw, handle, size)
        wide = (text + "\0").encode("utf-16-le")
        raw.FPDFText_SetText(
            obj, ctypes.cast(ctypes.c_char_p(wide), ctypes.POINTER(raw.FPDF_WCHAR))
        )
        raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
        right = ctypes.c_float()
        left, bottom, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
        raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        return obj, right.value

    for lines in pages:
        page = pdf.new_page(595, 842)
        first: list = []
        later: list = []
        y = 780.0
        for line in lines:
            line_size = size * 2 if line.startswith("# ") else size
            line = line.removeprefix("# ")
            x, y = 60.0, y - line_size * 1.8
            for c, cell in enumerate(line.split(" | ")):
                x = 60.0 if c == 0 else x + 60
                for word in re.findall(r"\S+", cell):
                    pieces = [(word, False)]
                    if split_runs:
                        pieces = [
                            (m.group(), bool(_DIGITS_AND_LATIN.fullmatch(m.group())))
                            for m in re.finditer(r"[\x00-\x7f’‘]+|[^\x00-\x7f’‘]+", word)
                        ]
                    for text, ascii_run in pieces:
                        obj, x = text_object(text, x, y, line_size)
                        (later if ascii_run else first).append(obj)
                    x += line_size * 0.3  # a word space
        for obj in first + later:
            raw.FPDFPage_InsertObject(page.raw, obj)
        raw.FPDFPage_GenerateContent(page.raw)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def korean_font_path() -> str | None:
    """The file of a TrueType font with Hangul (see :func:`korean_font`), or None."""
    import shutil
    import subprocess

    if shutil.which("fc-match") is None:
        return None
    found = subprocess.run(
        ["fc-match", "-f", "%{file}", ":lang=ko:fontformat=TrueType"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return found if found.lower().endswith(".ttf") else None


def scanned_page(lines: list[tuple[float, str]], *, dpi: int, font_path: str, noise: int = 0):
    """A Pillow image of an A4 page printed with ``lines`` ((size in points, text), a blank
    line for an empty text) at ``dpi``, as a scanner gives it: grey paper, ``noise`` specks
    a square inch, slightly soft edges."""
    import random

    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    width, height = int(8.27 * dpi), int(11.69 * dpi)
    page = Image.new("L", (width, height), 245)
    draw = ImageDraw.Draw(page)
    y = dpi  # a one-inch margin
    for size, text in lines:
        pixels = int(size * dpi / 72)
        if text:
            font = ImageFont.truetype(font_path, pixels)
            draw.text((int(0.9 * dpi), y), text, font=font, fill=20)
        y += int(pixels * 1.9)
    rng = random.Random(26)
    for _ in range(int(noise * 8.27 * 11.69)):
        x, yy = rng.randrange(width), rng.randrange(height)
        draw.point((x, yy), fill=rng.randrange(80, 200))
    return page.filter(ImageFilter.GaussianBlur(0.6))


def image_pdf(images: list, dpi: int) -> bytes:
    """A PDF of one page a Pillow image, no text layer (a scanner's PDF)."""
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out.getvalue()


def placed_pdf(texts: list[tuple[str, float, float, float]], *, font: bytes) -> bytes:
    """A one-page PDF (A4) of text objects ``(text, x, y, size)`` written into the content
    stream in the order given, wherever they sit on the page: a producer's own order
    (Hancom Office writes the page number first and a headline box after the body)."""
    import ctypes
    import io

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument.new()
    buf = (ctypes.c_uint8 * len(font)).from_buffer_copy(font)
    handle = raw.FPDFText_LoadFont(pdf.raw, buf, len(font), raw.FPDF_FONT_TRUETYPE, True)
    page = pdf.new_page(595, 842)
    for text, x, y, size in texts:
        obj = raw.FPDFPageObj_CreateTextObj(pdf.raw, handle, size)
        wide = (text + "\0").encode("utf-16-le")
        raw.FPDFText_SetText(
            obj, ctypes.cast(ctypes.c_char_p(wide), ctypes.POINTER(raw.FPDF_WCHAR))
        )
        raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
        raw.FPDFPage_InsertObject(page.raw, obj)
    raw.FPDFPage_GenerateContent(page.raw)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()
