"""The one record that travels through the pipeline: fetch → extract → dedup → output."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Attachment:
    """A file attached to a post: the name the page shows and its absolute URL."""

    name: str
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "url": self.url}


@dataclass
class Article:
    """A press release as extracted from a board page or a scraped text.

    ``published`` is an aware ``datetime`` (Asia/Seoul when the page gives no zone),
    or a ``date`` when the source shows only a day.
    """

    url: str | None = None
    title: str | None = None
    author: str | None = None
    published: dt.datetime | dt.date | None = None
    views: int | None = None
    paragraphs: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    engine: str | None = None
    duplicates_removed: int = 0

    @property
    def body(self) -> str:
        """The paragraphs joined by one blank line."""
        return "\n\n".join(self.paragraphs)

    @property
    def published_iso(self) -> str | None:
        """``published`` as ISO 8601: with offset for a time, ``YYYY-MM-DD`` for a date."""
        if self.published is None:
            return None
        return self.published.isoformat()

    def to_dict(self) -> dict[str, Any]:
        """The JSON record: the keys documented in the README, in that order."""
        return {
            "url": self.url,
            "title": self.title,
            "author": self.author,
            "published": self.published_iso,
            "views": self.views,
            "body": self.body,
            "attachments": [a.to_dict() for a in self.attachments],
            "engine": self.engine,
            "duplicates_removed": self.duplicates_removed,
        }


@dataclass(frozen=True)
class ListPost:
    """One row of a board's list page that links a post."""

    title: str
    url: str | None
    date: str | None = None  # ISO: YYYY-MM-DD, or --MM-DD when the row shows no year
    notice: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "url": self.url, "date": self.date, "notice": self.notice}


@dataclass
class Listing:
    """A board's list page: its posts in page order and the address of the next page."""

    url: str | None = None
    posts: list[ListPost] = field(default_factory=list)
    next_page: str | None = None
    engine: str | None = None
    #: What could not be read, one line each (a row whose JavaScript target is unknown …);
    #: not part of the record: the CLI prints them on stderr.
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "engine": self.engine,
            "posts": [p.to_dict() for p in self.posts],
            "next_page": self.next_page,
        }
