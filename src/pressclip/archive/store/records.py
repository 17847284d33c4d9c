"""What the stores share without SQL: post identity, content hashes, the records they hand
back, and time stamps."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from ...dedup import key as text_key
from ...model import Article, Attachment, Release

#: Runs in which a post or a download may fail before later runs give it up (``--retry-failed``
#: tries it again); ``--max-runs`` or the config's ``max_runs`` change it.
MAX_RUNS = 3


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
    rank: int = 0  # the list rank the next new post of this run gets (counting down)


@dataclass
class Known:
    """What the archive holds about a post already."""

    post_id: int
    list_title: str | None
    content_hash: str | None


@dataclass
class SavedFile:
    """An attachment's outcome: the saved path, or why it is not saved; for a saved file,
    its text and release facts (``ocr``: what of it OCR read, ``page 2`` or ``image``), or
    why it could not be read (``read_error``, which starts with the reader's kind:
    ``encrypted: …``)."""

    attachment: Attachment
    path: str | None = None
    size: int | None = None
    sha256: str | None = None
    error: str | None = None
    text: str | None = None
    release: Release | None = None
    read_error: str | None = None
    ocr: list[str] = field(default_factory=list)
