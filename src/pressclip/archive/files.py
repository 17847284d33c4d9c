"""Attachments: downloaded right after their post, in the same Session, into a board's folder.

The file name comes from Content-Disposition (RFC 6266 ``filename*`` first, then
``filename``, re-decoded as UTF-8 or cp949), else the link text, else the URL; it is made
safe (one path component, no control characters, length-limited) and a name already taken
by other bytes gets a `` (2)`` suffix. The body streams to a temp file in the folder, within
the size cap, and is renamed into place only when whole. An HTML page served instead of the
file is a failed download, not a file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
import time
import unicodedata
from email.header import decode_header, make_header
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, unquote_to_bytes, urlsplit

import requests

from ..errors import PressclipError
from ..fetch.http import CHUNK, Fetcher
from ..model import Attachment
from .store import SavedFile

#: Longest file name written, in UTF-8 bytes (most file systems allow 255).
MAX_NAME_BYTES = 200
_PARAM = re.compile(r'([\w!#$&+.^`|~*-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)')
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
    for codec in (charset or "utf-8", "utf-8", "cp949"):
        try:
            return raw.decode(codec)
        except (UnicodeDecodeError, LookupError):
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


def place(tmp: Path, folder: Path, name: str, size: int, sha: str) -> Path:
    """Move ``tmp`` to ``folder/name``, or ``name (2)`` … when taken by other bytes; a file
    with the same bytes already there is reused (a rerun after a crash saves nothing twice)."""
    for n in range(1, 10_000):
        target = folder / (name if n == 1 else numbered(name, n))
        if target.exists():
            if target.stat().st_size == size and _sha256(target) == sha:
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


def _looks_like_html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype", b"<html"))


def _url_name(url: str) -> str:
    return unquote(PurePosixPath(urlsplit(url).path).name)


def download(fetcher: Fetcher, attachment: Attachment, referer: str, folder: Path) -> SavedFile:
    """Download one attachment into ``folder``; failures are returned, never raised."""
    if not attachment.url:
        return SavedFile(attachment, error="no download address")
    try:
        return _download(fetcher, attachment, attachment.url, referer, folder)
    except PressclipError as exc:
        return SavedFile(attachment, error=str(exc))
    except OSError as exc:
        return SavedFile(attachment, error=f"cannot save: {exc.strerror or exc}")


def _download(
    fetcher: Fetcher, attachment: Attachment, url: str, referer: str, folder: Path
) -> SavedFile:
    resp = fetcher.download(url, referer=referer)
    try:
        if resp.status_code >= 400:
            raise PressclipError(f"{url}: HTTP {resp.status_code} {resp.reason or ''}".rstrip())
        name = safe_name(
            disposition_name(resp.headers.get("Content-Disposition"))
            or attachment.name
            or _url_name(resp.url or url)
        )
        mime = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if mime in ("text/html", "application/xhtml+xml") and not name.lower().endswith(
            _HTML_NAMES
        ):
            raise PressclipError(f"{url}: served an HTML page instead of the file")
        folder.mkdir(parents=True, exist_ok=True)
        tmp, size, sha = _stream(fetcher, resp, url, folder, name)
    finally:
        resp.close()
    path = place(tmp, folder, name, size, sha)
    return SavedFile(attachment, path=str(path), size=size, sha256=sha)


def _stream(
    fetcher: Fetcher, resp: requests.Response, url: str, folder: Path, name: str
) -> tuple[Path, int, str]:
    """The body in a temp file in ``folder``, within the size cap and deadline."""
    cap = fetcher.options.max_bytes
    stop = time.monotonic() + fetcher.options.deadline
    fd, tmp_name = tempfile.mkstemp(prefix=".part-", dir=folder)
    tmp = Path(tmp_name)
    digest = hashlib.sha256()
    size = 0
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in resp.iter_content(CHUNK):
                if size == 0 and _looks_like_html(chunk[:64]):
                    if not name.lower().endswith(_HTML_NAMES):
                        raise PressclipError(f"{url}: served an HTML page instead of the file")
                size += len(chunk)
                if size > cap:
                    raise PressclipError(f"{url}: too large: more than {cap:,} bytes (limit)")
                if time.monotonic() > stop:
                    raise PressclipError(f"{url}: took longer than {fetcher.options.deadline:g} s")
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, (PressclipError, KeyboardInterrupt, SystemExit)):
            raise
        if isinstance(exc, OSError):
            raise
        raise PressclipError(f"{url}: connection broken while reading the file") from None
    return tmp, size, digest.hexdigest()
