"""Attachments on any page: links whose address or script names a download, or whose text
is a document's name, with the URL the link (or its JavaScript call) opens.

Used for pages no engine profile reads, and for engine pages whose profile found none. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..model import Attachment
from ..urls import join
from .fields import fold

#: Document extensions: a link whose text ends in one is a file.
EXTENSIONS = (
    "hwp hwpx hwt pdf doc docx xls xlsx ppt pptx zip 7z rar alz egg txt rtf odt ods odp csv"
    " hml jpg jpeg png gif tif tiff bmp mp3 mp4 avi wmv"
).split()
_DOC_EXT = "|".join(EXTENSIONS)
_FILE_NAME = re.compile(r"^(.*?\S\.(?:" + _DOC_EXT + r"))(?=$|[\s(\[{<,|])", re.I)
_ANY_EXT = re.compile(r"\.(?:" + _DOC_EXT + r")\b", re.I)
_DOWNLOAD = re.compile(
    r"download|filedown|file_down|fn_?down|downfile|down_?file|atchfileid|filesn|getfile"
    r"|fileget|attach_?down|bbs_?download|/down(?:load)?/|\bdown\.(?:do|php|jsp|asp)"
    r"|downloadrun|submitform\([^)]*'down'",
    re.I,
)
#: Viewer, preview and help links are not attachments.
_NOT_FILE = re.compile(
    r"미리\s*보기|바로\s*보기|바로\s*듣기|뷰어|viewer|preview|docviewer|htmlview|synap|플러그인"
    r"|plug-?in",
    re.I,
)
#: A button that downloads every file at once (a zip made on the fly).
_ALL_FILES = re.compile(
    r"전체\s*(?:\(?zip\)?\s*)?(?:다운로드|받기)|일괄\s*(?:다운로드|받기)|압축", re.I
)
_NOISE = re.compile(
    r"\s*(?:[(\[]\s*(?:[\d.,]+\s*(?:bytes?|[KMGT]i?B(?:yte)?s?|[KMGT])|\d+\s*(?:회|hits?)?)"
    r"\s*[)\]]|[\d.,]+\s*(?:bytes?|[KMGT]i?B(?:yte)?s?)\b|다운로드|내려받기|download)\s*$",
    re.I,
)
#: How far from its end a name's size or download words are looked for: the longest such
#: tail in the fixtures is ``  (1,234,567 bytes) 다운로드`` (26 characters). Matching only
#: there keeps _NOISE linear: over the whole name a run of digits or spaces was quadratic
#: (6 s for 8,000 digits).
_NOISE_TAIL = 64
#: A script's string literal, read from its opening quote: characters other than the quote, a
#: backslash or a line end, or a backslash and the character it escapes. The two alternatives
#: never match the same text and the loop is possessive, so a run of backslashes is read once
#: (the old ``(?:\\.|(?!\1).)*`` tried every split of such a run: 27 s for 28 backslashes).
_JS_BODY = {q: re.compile(rf"(?:[^{q}\\\n]|\\.)*+") for q in "'\""}
_JS_QUOTE = re.compile(r"['\"]")
_URLISH = re.compile(r"^(?:https?:|/|\./|\.\./)|\.(?:do|php|jsp|asp|aspx|action)\b|download", re.I)
_JS_LOCATION = re.compile(
    r"""(?:location(?:\.href)?\s*=|window\.open\s*\(|location\.assign\s*\()\s*(['"])(.+?)\1"""
)


def is_viewer(name: str, target: str | None) -> bool:
    """Whether a link opens a viewer or a preview of a file (바로보기, docViewer), not the
    file itself."""
    return bool(_NOT_FILE.search(name) or _NOT_FILE.search(target or ""))


def clean_name(text: str) -> str:
    """A file name without the size, download count or 'download' words after it."""
    name = fold(text)
    for _ in range(3):
        stripped = (name[:-_NOISE_TAIL] + _NOISE.sub("", name[-_NOISE_TAIL:])).strip()
        if stripped == name:
            break
        name = stripped
    m = _FILE_NAME.match(name)
    return m.group(1).strip() if m else name


def js_url(code: str) -> str | None:
    """The address a download script opens: a ``location``/``window.open`` target, else the
    first string argument that reads as a path (``fnDown("\\/download\\/post\\/1")``)."""
    code = code.replace("&quot;", '"')
    m = _JS_LOCATION.search(code)
    if m:
        return m.group(2).replace("\\/", "/")
    for literal in _js_strings(code):
        value = literal.replace("\\/", "/").strip()
        if value and _URLISH.search(value) and " " not in value:
            return value
    return None


def _js_strings(code: str) -> Iterator[str]:
    """The script's string literals, left to right, in one pass: a literal left open at a line
    end or at the end of the script is skipped, and reading goes on after it, so no character
    is read twice (restarting inside an open literal made a run of ``\\"`` quadratic)."""
    pos = 0
    while (quote := _JS_QUOTE.search(code, pos)) is not None:
        body = _JS_BODY[quote.group()].match(code, quote.end())
        assert body is not None  # the pattern matches the empty string
        pos = body.end()
        if code.startswith(quote.group(), pos):
            yield body.group()
            pos += 1


def base_url(tree: LexborHTMLParser, url: str | None) -> str | None:
    """The base for the page's links: ``<base href>`` resolved against ``url``."""
    head = tree.head  # <base> lives in <head>: no walk of the whole page
    node = head.css_first("base[href]") if head is not None else None
    href = (node.attributes.get("href") or "").strip() if node is not None else ""
    if href:
        return join(url, href) or url  # a malformed <base> is ignored
    return url


def _target(
    node: LexborNode, resolve: Callable[[str], str | None] | None = None
) -> tuple[str | None, bool]:
    """(the address the link opens or None, whether the link names a download at all)."""
    href = (node.attributes.get("href") or "").strip()
    onclick = node.attributes.get("onclick") or ""
    code = onclick
    target: str | None = None
    if href and not href.startswith("#") and not href.lower().startswith("javascript:"):
        target = href
    elif href.lower().startswith("javascript:"):
        code = href[len("javascript:") :] + ";" + onclick
    named = bool(_DOWNLOAD.search(href) or _DOWNLOAD.search(onclick))
    if target is None and code.strip():
        target = (resolve(code) if resolve is not None else None) or js_url(code)
    return target, named


def _name(node: LexborNode) -> str:
    """The file name a link shows: its text, else its title, else the text around it."""
    inner = _named_child(node)
    if inner is not None:
        return inner
    text = fold(node.text(deep=True, separator=" "))
    name = clean_name(text)
    if _FILE_NAME.match(name):
        return name
    for attr in ("title", "data-filename", "download"):
        value = clean_name(node.attributes.get(attr) or "")
        if _FILE_NAME.match(value) and "다운로드" not in value:
            return value
    parent = node.parent
    if parent is not None and len(parent.css("a")) == 1:
        around = clean_name(fold(parent.text(deep=True, separator=" ")))
        if _FILE_NAME.match(around):
            return around
    return _row_name(node) or name


def _named_child(node: LexborNode) -> str | None:
    """The file name an element inside a link shows alone (``<a><span class=icon>이미지
    </span> <strong>a.jpg</strong> (1 hit)</a>``: the name without the icon's word)."""
    names = {
        name
        for el in node.css("span, strong, b, em, p")
        if _FILE_NAME.fullmatch(name := clean_name(fold(el.text(deep=True, separator=" "))))
    }
    return names.pop() if len(names) == 1 else None


#: How far up from a nameless download button its file's name is looked for.
ROW_LEVELS = 3


def _row_name(node: LexborNode) -> str | None:
    """The one file name shown in the row of a nameless "다운로드" button (``<li><span>a.hwp
    </span><div><button>다운로드</button></div></li>``); None when the row shows none or
    several."""
    cur = node.parent
    for _ in range(ROW_LEVELS):
        if cur is None or cur.tag in ("body", "html"):
            return None
        names = {
            name
            for el in cur.css("span, strong, b, em, p, div, td, dd, li, a")
            if len(el.text(deep=True)) < 300
            and _FILE_NAME.fullmatch(name := clean_name(fold(el.text(deep=True, separator=" "))))
        }
        if len(names) == 1:
            return names.pop()
        if names:
            return None
        cur = cur.parent
    return None


#: Links whose address or script may name a download (lexbor filters them in C).
_CANDIDATES = (
    "a[href*='down' i], a[onclick*='down' i], a[href*='file' i], a[onclick*='file' i],"
    " button[onclick*='down' i], a[href$='.pdf' i], a[href$='.hwp' i], a[href$='.hwpx' i]"
)


def find_attachments(
    tree: LexborHTMLParser,
    url: str | None,
    *,
    every_link: bool = True,
    resolve: Callable[[str], str | None] | None = None,
) -> list[Attachment]:
    """Attachments in page order, each once; ``url`` None where the target is unknown.

    ``every_link=False`` looks only at links whose address or script names a download or a
    document (fast, for pages that show no board labels); by default a link whose text is a
    document name counts too. ``resolve`` reads a script the engines know
    (``fn_egov_downFile('FILE_1','0')`` → its ``FileDown.do`` address) before the generic
    rule (the first string argument that reads as a path)."""
    base = base_url(tree, url)
    out: list[Attachment] = []
    seen: set[tuple[str, str | None]] = set()
    root = tree.body
    if root is None:
        return out
    for node in root.css("a, button" if every_link else _CANDIDATES):
        attrs = node.attributes
        href = attrs.get("href") or ""
        onclick = attrs.get("onclick") or ""
        text = node.text(deep=True)
        # Cheap tests first: a file shows a name with an extension (in the link's text or
        # title, or beside a download link), or the link's address is a document's.
        named = bool(_DOWNLOAD.search(href) or (onclick and _DOWNLOAD.search(onclick)))
        if not named and not ("." in text or "." in (attrs.get("title") or "")):
            continue
        if not named and not (_ANY_EXT.search(href) or _ANY_EXT.search(text)):
            continue
        target, named = _target(node, resolve)
        if _ALL_FILES.search(f"{text} {attrs.get('title') or ''}"):
            continue  # every file in one archive: not one of the post's files
        name = _name(node)
        if not name or _NOT_FILE.search(name) or _NOT_FILE.search(target or ""):
            continue
        if not _FILE_NAME.match(name):
            continue  # "다운로드" buttons without a document name beside them
        if not named and not (target and _looks_like_file_url(target)):
            continue  # a link that merely mentions a file name
        if target is not None:
            target = join(base, target)
            if target is None:
                continue  # a malformed address (http://[x): no file to fetch
        key = (name, target)
        if key in seen or (target is not None and any(t == target for _, t in seen)):
            continue
        seen.add(key)
        out.append(Attachment(name, target))
    return out


def _looks_like_file_url(target: str) -> bool:
    """A plain link to a document (``/files/a.pdf``) or to a download script."""
    path = target.split("?", 1)[0].split("#", 1)[0]
    return bool(re.search(r"\.(?:" + _DOC_EXT + r")$", path, re.I) or _DOWNLOAD.search(target))
