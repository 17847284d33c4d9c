"""Pages with their class and id names made opaque, for ``--opaque-names`` in the
benchmarks: each ``class`` and ``id`` word replaced by a token that says nothing (the same
word, the same token). What is left is what a site nobody has seen shares with the
fixtures: structure and label words."""

from __future__ import annotations

import hashlib
import re

from pressclip.decode import decode

_NAMED = re.compile(r"""\b(class|id)\s*=\s*(["'])(.*?)\2""", re.I | re.S)


def _token(word: str) -> str:
    return "n" + hashlib.blake2s(word.encode(), digest_size=4).hexdigest()


def opaque_names(data: bytes) -> bytes:
    """The page (bytes, any encoding) as UTF-8 with every class and id word replaced."""

    def attr(m: re.Match[str]) -> str:
        return f"{m.group(1)}={m.group(2)}{' '.join(map(_token, m.group(3).split()))}{m.group(2)}"

    return _NAMED.sub(attr, decode(data)[0]).encode("utf-8")
