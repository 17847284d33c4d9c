"""What the stores share without SQL: post identity, content hashes, the records they hand
back, and time stamps."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ...dedup import key as text_key
from ...model import Article, Attachment

#: Query parameters that never identify a post: sessions, tracking, list state and search.
DROP_PARAMS = frozenset(
    p.lower()
    for p in (
        "PHPSESSID",
        "jsessionid",
        "sid",
        "page",
        "sca",
        "sfl",
        "stx",
        "sop",
        "sst",
        "sod",
        "spt",
        "sw",
        "pageIndex",
        "pageUnit",
        "searchWrd",
        "searchCnd",
        "searchCondition",
        "searchKeyword",
        "search_target",
        "search_keyword",
        "listStyle",
        "cpage",
        "pageid",
        "fbclid",
        "gclid",
        "_ga",
    )
)
_PATH_SESSION = re.compile(r";jsessionid=[^/?#]*", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def post_key(url: str) -> str:
    """A post's identity: scheme and host lowercased, default port, fragment, session and
    tracking parameters dropped, the remaining query sorted (``wr_id``, ``nttId`` … kept)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # a malformed host or port: the URL as it is is the best key
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if port and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    path = _PATH_SESSION.sub("", parts.path) or "/"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in DROP_PARAMS and not k.lower().startswith("utm_")
    ]
    return urlunsplit((scheme, host, path, urlencode(sorted(query)), ""))


def content_hash(article: Article) -> str:
    """SHA-256 of the normalised title, body and attachment names (views excluded)."""
    parts = [text_key(article.title or ""), text_key(article.body)]
    parts += [text_key(a.name) for a in article.attachments]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def near_text(article: Article) -> str:
    """The text a near-duplicate signature is made of: title and body."""
    return f"{article.title or ''}{article.body}"


def lock_key(*parts: str) -> int:
    """A signed 64-bit number naming ``parts`` (for database advisory locks)."""
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def now() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def parse_when(value: str | None) -> dt.datetime | dt.date | None:
    """A stored ``published`` value back as a datetime or date."""
    if not value:
        return None
    if "T" in value:
        return dt.datetime.fromisoformat(value)
    return dt.date.fromisoformat(value)


@dataclass
class BoardState:
    """A board's row: its id and the walk bookkeeping."""

    id: int
    name: str
    url: str
    complete: bool
    frontier: str | None


@dataclass
class Known:
    """What the archive holds about a post already."""

    post_id: int
    list_title: str | None
    content_hash: str | None


@dataclass
class SavedFile:
    """An attachment's outcome: the saved path, or why it is not saved."""

    attachment: Attachment
    path: str | None = None
    size: int | None = None
    sha256: str | None = None
    error: str | None = None
