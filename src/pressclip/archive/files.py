"""Attachments: downloaded right after their post, in the same Session, into a board's folder.

The file name comes from Content-Disposition (RFC 6266 ``filename*`` first, then
``filename``, re-decoded as UTF-8 or cp949), else the link text, else the URL; it is made
safe (one path component, no control characters, length-limited) and a name already taken
by other bytes gets a `` (2)`` suffix. The body streams to a temp file (``.part-…``) in the
folder, within the size cap and the request's deadline, and is moved into place only when whole,
with the mode the umask gives (as any file the user creates). A download must look like what
its name claims (:func:`content_problem`: magic bytes of HWP, HWPX/zip and office files, PDF,
images; for other names at least not empty and not an HTML or script page), else it is a
failed download, tried again by a later run.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
import secrets
import socket
import time
import unicodedata
from email.header import decode_header, make_header
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, unquote_to_bytes, urlsplit

import requests

from ..decode import normalise_charset
from ..errors import PressclipError
from ..fetch.http import CHUNK, Fetcher, FetchError
from ..model import Attachment
from ..urls import redact
from .store import SavedFile

#: Longest file name written, in UTF-8 bytes (most file systems allow 255).
MAX_NAME_BYTES = 200
#: A Content-Disposition parameter. A name starts only where no name character precedes it,
#: so a long run of them without ``=`` is read once, not once per start (quadratic).
_PARAM = re.compile(r'(?<![\w!#$&+.^`|~*-])([\w!#$&+.^`|~*-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)')
_UNSAFE = re.compile(r'[<>:"|?*]')
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
_HTML_NAMES = (".html", ".htm", ".xhtml")


def redecode(value: str) -> str:
    """A header value requests decoded as latin-1, re-decoded as UTF-8, else cp949."""
    try:
        raw = value.encode("latin-1")
    except UnicodeEncodeError:
        return value  # already real text
    for codec in ("utf-8", "cp949"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return value


def _unquote_param(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = re.sub(r"\\(.)", r"\1", value[1:-1])
    return value


def _extended(value: str) -> str | None:
    """An RFC 5987 value ``charset'lang'percent-encoded`` decoded, or None if malformed."""
    charset, sep, rest = _unquote_param(value).partition("'")
    _lang, sep2, encoded = rest.partition("'")
    if not (sep and sep2):
        return None
    raw = unquote_to_bytes(encoded)
    for codec in (normalise_charset(charset) or "utf-8", "utf-8", "cp949"):
        try:
            return raw.decode(codec)
        except (UnicodeError, LookupError):  # also a label naming no text codec
            continue
    return raw.decode("utf-8", "replace")


def _plain(value: str) -> str:
    """A ``filename`` value: re-decoded bytes, percent-escapes and MIME words resolved."""
    name = redecode(_unquote_param(value))
    if name.startswith("=?") and name.rstrip().endswith("?="):
        with contextlib.suppress(Exception):
            name = str(make_header(decode_header(name)))
    if _PERCENT.search(name):
        try:
            name = unquote_to_bytes(name).decode("utf-8")
        except UnicodeDecodeError:
            with contextlib.suppress(UnicodeDecodeError):
                name = unquote_to_bytes(name).decode("cp949")
    return name


def disposition_name(header: str | None) -> str | None:
    """The file name a Content-Disposition header gives: ``filename*`` first, then
    ``filename``; None when it gives none."""
    if not header:
        return None
    params: dict[str, str] = {}
    for m in _PARAM.finditer(header):
        params.setdefault(m.group(1).lower(), m.group(2))
    if "filename*" in params:
        name = _extended(params["filename*"])
        if name:
            return name
    if "filename" in params:
        return _plain(params["filename"]) or None
    return None


def safe_name(name: str, fallback: str = "attachment") -> str:
    """``name`` as one harmless path component: the last segment of any path, no control
    characters or reserved punctuation, no leading dots, at most MAX_NAME_BYTES."""
    name = unicodedata.normalize("NFC", name).replace("\\", "/")
    name = name.rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    name = _UNSAFE.sub("_", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    if not name:
        name = fallback
    if _RESERVED.match(name):
        name = "_" + name
    return _limit(name)


def _limit(name: str) -> str:
    """``name`` cut to MAX_NAME_BYTES of UTF-8, keeping a short extension."""
    if len(name.encode("utf-8")) <= MAX_NAME_BYTES:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or len(ext) > 16 or not stem:
        stem, ext = name, ""
    tail = f".{ext}" if ext else ""
    budget = MAX_NAME_BYTES - len(tail.encode("utf-8"))
    out = stem.encode("utf-8")[:budget].decode("utf-8", "ignore").rstrip(" .")
    return (out or "attachment") + tail


def numbered(name: str, n: int) -> str:
    """``name`` with `` (n)`` before its extension (n ≥ 2)."""
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        return f"{name} ({n})"
    return f"{stem} ({n}).{ext}"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


@functools.lru_cache(maxsize=4096)
def _sha256_of(path: str, _size: int, _mtime_ns: int, _inode: int) -> str:
    """The hash of a file as it is now (keyed by size, mtime and inode, so a file is read
    once however many same-named downloads compare with it)."""
    return _sha256(Path(path))


def _same_bytes(target: Path, size: int, sha: str) -> bool:
    st = target.stat()
    if st.st_size != size:
        return False
    return _sha256_of(str(target), st.st_size, st.st_mtime_ns, st.st_ino) == sha


def place(tmp: Path, folder: Path, name: str, size: int, sha: str) -> Path:
    """Move ``tmp`` to ``folder/name``, or ``name (2)`` … when taken by other bytes; a file
    with the same bytes already there is reused (a rerun after a crash saves nothing twice)."""
    for n in range(1, 10_000):
        target = folder / (name if n == 1 else numbered(name, n))
        if target.exists():
            if _same_bytes(target, size, sha):
                tmp.unlink()
                return target
            continue
        try:
            os.link(tmp, target)  # fails if the name was taken meanwhile: never overwrites
        except FileExistsError:
            continue
        except OSError:
            os.replace(tmp, target)  # no hard links here (e.g. some network file systems)
            return target
        tmp.unlink()
        return target
    raise PressclipError(f"{folder / name}: too many files with this name")


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
#: What a file of each kind starts with (HWP 5 and office 97 are OLE compound files; HWP 3
#: has its own header; HWPX, OOXML and ODF are zip files).
MAGIC: dict[str, tuple[bytes, ...]] = {
    "hwp": (_OLE, b"HWP Document File"),
    **{ext: (_OLE,) for ext in ("doc", "xls", "ppt", "msg")},
    **{
        ext: _ZIP
        for ext in ("hwpx", "zip", "docx", "xlsx", "pptx", "odt", "ods", "odp", "cell", "show")
    },
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "bmp": (b"BM",),
    "tif": (b"II*\x00", b"MM\x00*"),
    "tiff": (b"II*\x00", b"MM\x00*"),
    "webp": (b"RIFF",),
}
_KIND = {"jpeg": "JPEG", "jpg": "JPEG", "tif": "TIFF", "tiff": "TIFF"}
_PAGE_STARTS = (
    b"<!doctype",
    b"<html",
    b"<head",
    b"<body",
    b"<meta",
    b"<script",
    b"<!--",
    b"<title",
    b"<link",
    b"<style",
    b"<?php",
    b"<noscript",
)
_SCRIPT_STARTS = (b"alert(", b"location.href", b"location.replace", b"history.back", b"window.")
HEAD_BYTES = 1024


def _looks_like_page(head: bytes) -> bool:
    """Whether ``head`` starts like an HTML page or a script (an error page), not a file."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n\x00").lower()
    return start.startswith(_PAGE_STARTS + _SCRIPT_STARTS)


def content_problem(name: str, head: bytes, size: int) -> str | None:
    """Why a download called ``name``, starting with ``head``, is not the file it claims to be;
    None when it looks right. An HTML name may hold HTML; other names must not."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if size == 0:
        return "empty file"
    if ext in _HTML_NAMES_EXT:
        return None
    if _looks_like_page(head):
        return "served an HTML page instead of the file"
    magic = MAGIC.get(ext)
    if magic is None:
        return None
    window = head[:HEAD_BYTES] if ext == "pdf" else head[:32]  # %PDF- may follow junk
    ok = any(window.find(m) >= 0 for m in magic) if ext == "pdf" else head.startswith(magic)
    if ext == "webp" and ok:
        ok = head[8:12] == b"WEBP"
    if ok:
        return None
    kind = _KIND.get(ext, ext.upper())
    return f"not a {kind} file (its content does not start as one)"


_HTML_NAMES_EXT = tuple(ext.lstrip(".") for ext in _HTML_NAMES)


def _url_name(url: str) -> str:
    return unquote(PurePosixPath(urlsplit(url).path).name)


def download(fetcher: Fetcher, attachment: Attachment, referer: str, folder: Path) -> SavedFile:
    """Download one attachment into ``folder``; failures are returned, never raised. A
    transfer cut off midway is tried again (up to the fetcher's ``retries``)."""
    if not attachment.url:
        return SavedFile(attachment, error="no download address")
    retries = fetcher.options.retries
    for attempt in range(retries + 1):
        try:
            return _download(fetcher, attachment, attachment.url, referer, folder)
        except FetchError as exc:
            if exc.retry and attempt < retries:
                time.sleep(fetcher.options.backoff * 2**attempt)
                continue
            return SavedFile(attachment, error=str(exc))
        except PressclipError as exc:
            return SavedFile(attachment, error=str(exc))
        except OSError as exc:
            return SavedFile(attachment, error=f"cannot save: {exc.strerror or exc}")
    raise AssertionError("unreachable")  # pragma: no cover


def _download(
    fetcher: Fetcher, attachment: Attachment, url: str, referer: str, folder: Path
) -> SavedFile:
    resp = fetcher.download(url, referer=referer)
    shown = redact(url)
    try:
        if resp.status_code >= 400:
            raise PressclipError(f"{shown}: HTTP {resp.status_code} {resp.reason or ''}".rstrip())
        if resp.status_code >= 300:
            raise PressclipError(f"{shown}: HTTP {resp.status_code}: not a file")
        name = safe_name(
            disposition_name(resp.headers.get("Content-Disposition"))
            or attachment.name
            or _url_name(resp.url or url)
        )
        mime = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if mime in ("text/html", "application/xhtml+xml") and not name.lower().endswith(
            _HTML_NAMES
        ):
            raise PressclipError(f"{shown}: served an HTML page instead of the file")
        folder.mkdir(parents=True, exist_ok=True)
        tmp, size, sha = _stream(fetcher, resp, url, folder, name)
    finally:
        fetcher.release(resp)
    path = place(tmp, folder, name, size, sha)
    return SavedFile(attachment, path=str(path), size=size, sha256=sha)


PART_PREFIX = ".part-"
#: A part file's owner, in its name: this machine and process (``.part-host.1234-…``).
_OWNER = f"{socket.gethostname().replace('-', '_')}.{os.getpid()}"
#: A part file untouched this long is a dead download wherever it came from (a download's
#: deadline is at most a few minutes, and it writes as it reads).
PART_STALE_SECONDS = 3600.0


def _temp_file(folder: Path) -> tuple[int, Path]:
    """A new ``.part-…`` file in ``folder``, created with the umask's mode (0666 & ~umask)."""
    for _ in range(100):
        path = folder / f"{PART_PREFIX}{_OWNER}-{secrets.token_hex(8)}"
        try:
            return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), path
        except FileExistsError:
            continue
    raise PressclipError(f"{folder}: cannot create a temporary file")


def clean_parts(folder: Path) -> int:
    """Remove ``.part-*`` files left in ``folder`` by a killed run: those of a process of
    this machine that is gone, of no known owner, or untouched for an hour; never a
    download another process is writing. The number removed."""
    removed = 0
    with contextlib.suppress(OSError):
        for path in folder.glob(f"{PART_PREFIX}*"):
            with contextlib.suppress(OSError):
                if path.is_file() and not path.is_symlink() and _abandoned(path):
                    path.unlink()
                    removed += 1
    return removed


def _abandoned(path: Path) -> bool:
    """Whether no live process owns the part file at ``path``."""
    if time.time() - path.stat().st_mtime > PART_STALE_SECONDS:
        return True
    owner = path.name[len(PART_PREFIX) :].rsplit("-", 1)[0]
    host, _, pid = owner.rpartition(".")
    if host != socket.gethostname().replace("-", "_") or not pid.isdigit():
        return not host  # another machine's download in flight, or an old unnamed part
    return not _alive(int(pid))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process
        return True
    return True


def _stream(
    fetcher: Fetcher, resp: requests.Response, url: str, folder: Path, name: str
) -> tuple[Path, int, str]:
    """The body in a temp file in ``folder``, within the size cap and deadline, checked by
    :func:`content_problem`."""
    fd, tmp = _temp_file(folder)
    digest = hashlib.sha256()
    size = 0
    head = b""
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in fetcher.stream(resp, url):
                if len(head) < HEAD_BYTES:
                    head += chunk[: HEAD_BYTES - len(head)]
                    if len(head) >= 64 and _looks_like_page(head):
                        problem = content_problem(name, head, len(head))
                        if problem:
                            raise PressclipError(f"{redact(url)}: {problem}")
                size += len(chunk)
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        problem = content_problem(name, head, size)
        if problem:
            raise PressclipError(f"{redact(url)}: {problem}")
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp, size, digest.hexdigest()
