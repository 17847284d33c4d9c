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
class Contact:
    """One row of a press release's contact table (담당자 표)."""

    role: str | None = None  # 책임자, 담당자, 담당과장 … as printed, spaces removed
    title: str | None = None  # 과장, 사무관 …
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    department: str | None = None
    note: str | None = None  # a note beside the department, e.g. 진천선수촌

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "title": self.title,
            "name": self.name,
            "phone": self.phone,
            "email": self.email,
            "department": self.department,
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Contact:
        """The contact of a :meth:`to_dict` record (unknown keys ignored)."""
        return cls(**{k: data.get(k) for k in cls.__dataclass_fields__})


@dataclass
class Release:
    """The facts of a press release's header and contact tables. Times are ISO 8601 in
    Asia/Seoul (``+09:00``), or ``YYYY-MM-DD`` when only a day is given; the ``*_text``
    fields are the cells as printed."""

    embargo: str | None = None
    embargo_text: str | None = None
    embargo_online: str | None = None  # 조간(온라인 9. 3. 12:00): the earliest online time
    immediate: bool = False  # 바로 보도 / 즉시 보도 / 배포 즉시
    distributed: str | None = None
    distributed_text: str | None = None
    departments: list[str] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "embargo": self.embargo,
            "embargo_text": self.embargo_text,
            "embargo_online": self.embargo_online,
            "immediate": self.immediate,
            "distributed": self.distributed,
            "distributed_text": self.distributed_text,
            "departments": list(self.departments),
            "contacts": [c.to_dict() for c in self.contacts],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Release:
        """The release of a :meth:`to_dict` record (as the archive stores it)."""
        return cls(
            embargo=data.get("embargo"),
            embargo_text=data.get("embargo_text"),
            embargo_online=data.get("embargo_online"),
            immediate=bool(data.get("immediate")),
            distributed=data.get("distributed"),
            distributed_text=data.get("distributed_text"),
            departments=list(data.get("departments") or []),
            contacts=[Contact.from_dict(c) for c in data.get("contacts") or []],
        )


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
    release: Release | None = None
    #: What of the body OCR read (``--ocr``): ``page 2`` of a scanned PDF, ``image`` (an image
    #: file), or the addresses of a post's images; the record's ``ocr`` key when not empty.
    ocr: list[str] = field(default_factory=list)
    #: Where each field was found (``pressclip detect``, ``-v``); not part of the record.
    sources: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

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
        """The JSON record: the keys documented in the README, in that order; ``release``
        only when the post or document carries press-release facts."""
        record: dict[str, Any] = {
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
        if self.release is not None:
            record["release"] = self.release.to_dict()
        if self.ocr:
            record["ocr"] = list(self.ocr)
        return record


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
    #: Functions rows or the pager call that no script read defines (so likely defined in
    #: one of the page's external script files); not part of the record.
    undefined: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "engine": self.engine,
            "posts": [p.to_dict() for p in self.posts],
            "next_page": self.next_page,
        }
