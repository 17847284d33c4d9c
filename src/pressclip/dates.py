"""Dates in the shapes Korean boards print them, read as Asia/Seoul unless they say otherwise.

The standard library's ``fromisoformat`` handles machine dates (meta tags, JSON-LD); the
board shapes (``23-04-26 11:30``, ``2024. 3. 5.``, ``2025년 6월 2일``, ``오후 3:05``) are ours.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from .errors import PressclipError

SEOUL = ZoneInfo("Asia/Seoul")

#: A time of day. Space is taken only after a marker (오후 3시), never before the hour: before
#: it, ``\s*`` beside the callers' own ``\s*`` split a run of spaces every way (quadratic).
_TIME = (
    r"(?:(?P<ampm>오전|오후|AM|PM|am|pm)\s*)?"
    r"(?P<H>\d{1,2})\s*(?::|시)\s*(?P<M>\d{1,2})(?:\s*(?::|분)\s*(?P<S>\d{1,2}))?"
    r"(?:\s*(?:분|초))?(?:\s*(?P<ampm2>AM|PM|am|pm))?"
)
_FULL = re.compile(
    r"(?<![\d.])(?P<y>\d{4}|\d{2})\s*(?P<sep>[-./]|년)\s*(?P<m>\d{1,2})\s*(?:[-./]|월)\s*"
    r"(?P<d>\d{1,2})(?![\d])\s*(?:일|\.)?(?:\s*\([^)]{1,3}\))?"
    r"(?:T|\s|(?=오전|오후))*"
    r"(?:" + _TIME + r")?"
)
_MONTH_DAY = re.compile(
    r"(?<![\d.\-/])(?P<m>\d{1,2})\s*(?:[-./]|월)\s*(?P<d>\d{1,2})(?![\d])\s*일?"
)
_TIME_ONLY = re.compile(r"^\s*" + _TIME + r"\s*$")
_ISO = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)


def now_seoul() -> dt.datetime:
    """The current time in Asia/Seoul."""
    return dt.datetime.now(SEOUL)


def _year(text: str) -> int:
    y = int(text)
    return 2000 + y if len(text) == 2 else y


def _hour(hour: int, ampm: str | None) -> int:
    if ampm in ("오후", "PM", "pm") and hour < 12:
        return hour + 12
    if ampm in ("오전", "AM", "am") and hour == 12:
        return 0
    return hour


def parse_iso(text: str) -> dt.datetime | dt.date | None:
    """A machine date (``2024-03-05``, ``2024-03-05T14:22:00+09:00``, ``…Z``), or None."""
    text = text.strip()
    if not _ISO.match(text):
        return None
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=SEOUL)


def parse_date(text: str | None) -> dt.datetime | dt.date | None:
    """The first full date in ``text``: an aware datetime when a time is shown, else a date.

    >>> parse_date("작성일23-04-26 11:30").isoformat()
    '2023-04-26T11:30:00+09:00'
    >>> parse_date("2025년 6월 2일").isoformat()
    '2025-06-02'
    """
    if not text:
        return None
    iso = parse_iso(text)
    if iso is not None:
        return iso
    for m in _FULL.finditer(text):
        if len(m.group("y")) == 2 and m.group("sep") == "년":
            continue
        try:
            day = dt.date(_year(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
        if m.group("H") is None:
            return day
        hour = _hour(int(m.group("H")), m.group("ampm") or m.group("ampm2"))
        try:
            return dt.datetime(
                day.year,
                day.month,
                day.day,
                hour,
                int(m.group("M")),
                int(m.group("S") or 0),
                tzinfo=SEOUL,
            )
        except ValueError:
            return day
    return None


def parse_list_date(text: str | None, today: dt.date | None = None) -> str | None:
    """A list row's date as ISO text: ``YYYY-MM-DD``, ``--MM-DD`` when no year is shown,
    today's date (Asia/Seoul) for a bare time such as ``14:22``."""
    if not text:
        return None
    full = parse_date(text)
    if full is not None:
        day = full.date() if isinstance(full, dt.datetime) else full
        return day.isoformat()
    if _TIME_ONLY.match(text):
        return (today or now_seoul().date()).isoformat()
    m = _MONTH_DAY.search(text)
    if m:
        month, day_ = int(m.group("m")), int(m.group("d"))
        if 1 <= month <= 12 and 1 <= day_ <= 31:
            return f"--{month:02d}-{day_:02d}"
    return None


def since_instant(text: str) -> str:
    """``--since`` as the UTC instant the archive's ``first_seen`` stamps are compared with
    (``2026-11-30T15:00:00+00:00``): a date (``2026-12-01``, ``20261201``) is its midnight in
    Korea (Asia/Seoul, +09:00 all year since 1988); a time without an offset is Korean time
    too; one with an offset (``+09:00``, ``Z``) is converted."""
    value = text.strip()
    if len(value) == 8 and value.isdigit():
        value = f"{value[:4]}-{value[4:6]}-{value[6:]}"
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    try:
        if len(value) == 10:
            when = dt.datetime.combine(dt.date.fromisoformat(value), dt.time())
        else:
            when = dt.datetime.fromisoformat(value)
    except ValueError:
        raise PressclipError(
            f"not a date or time: {text!r} (use YYYY-MM-DD or 2026-12-01T09:00+09:00)"
        ) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone(dt.timedelta(hours=9), "KST"))
    try:
        return when.astimezone(dt.timezone.utc).isoformat(timespec="seconds")
    except (OverflowError, ValueError):
        raise PressclipError(f"out of range: {text!r}") from None
