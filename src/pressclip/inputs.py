"""What the commands read besides the network: a saved page or file (``-`` is stdin), a list
of URLs, a cookies.txt file, saved script files. Each failure is a PressclipError saying why
in a few words."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from .errors import PressclipError, os_reason

#: Largest input `clean` and `list` read (a file or stdin), bytes.
MAX_INPUT_BYTES = 64 * 2**20
#: Largest saved script file (``--script``), bytes.
MAX_SCRIPT_BYTES = 2 * 2**20
_COMMENT = re.compile(r"(^|\s)#.*")


def read_input(path: str, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of ``path`` (``-`` is stdin), at most ``limit`` of them, or a PressclipError
    saying why not (a larger input is refused without being read to its end)."""
    too_large = PressclipError(f"too large: more than {limit:,} bytes (limit)")
    if path == "-":
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise too_large
        return data
    p = Path(path)
    if p.is_dir():
        raise PressclipError("is a directory, not a file")
    try:
        with p.open("rb") as f:
            data = f.read(limit + 1)
    except FileNotFoundError:
        raise PressclipError("no such file") from None
    except PermissionError:
        raise PressclipError("permission denied") from None
    except OSError as exc:
        raise PressclipError(os_reason(exc)) from None
    if len(data) > limit:
        raise too_large
    return data


def read_url_list(source: str) -> list[str]:
    """The URLs of a file (``-`` is stdin): one a line; blank lines and ``#`` comments (a
    whole line, or after a space) are skipped."""
    try:
        if source == "-":
            text = sys.stdin.read()
        else:
            text = Path(source).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise PressclipError(f"{source}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PressclipError(f"{source}: cannot read: {exc}") from None
    lines = (_COMMENT.sub("", line).strip() for line in text.splitlines())
    return [line for line in lines if line]


def gather_urls(urls: list[str] | None, input_file: str | None) -> list[str]:
    """The URL arguments, with ``-`` (or ``input_file``) read as a list of URLs."""
    out: list[str] = []
    for url in urls or []:
        out += read_url_list("-") if url == "-" else [url]
    if input_file is not None:
        out += read_url_list(input_file)
    return out


def load_cookies(path: Path | None) -> Any:
    """The cookies of a cookies.txt file (the Netscape format browsers' export add-ons and
    curl write), or None; a PressclipError naming the file if it cannot be read."""
    if path is None:
        return None
    from http.cookiejar import LoadError, MozillaCookieJar

    jar = MozillaCookieJar(str(path))
    try:
        jar.load(ignore_discard=True, ignore_expires=True)
    except FileNotFoundError:
        raise PressclipError(f"{path}: no such file") from None
    except (LoadError, OSError, UnicodeDecodeError) as exc:
        why = str(exc).splitlines()[0] if str(exc) else "not a cookies.txt file"
        raise PressclipError(f"{path}: {why}") from None
    for cookie in jar:
        if cookie.expires == 0:  # curl's and the export add-ons' mark of a session cookie
            cookie.expires = None
            cookie.discard = True
    return jar


def read_scripts(paths: list[Path] | None, limit: int = MAX_SCRIPT_BYTES) -> list[str]:
    """The decoded text of each saved script file (at most ``limit`` bytes each); a
    PressclipError naming the file that cannot be read."""
    from .decode import decode

    texts = []
    for path in paths or []:
        try:
            texts.append(decode(read_input(str(path), limit))[0])
        except PressclipError as exc:
            raise PressclipError(f"{path}: {exc}") from None
    return texts
