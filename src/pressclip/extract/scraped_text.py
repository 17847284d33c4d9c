"""An already-scraped text (a post as a browser's innerText gives it) → Article.

Finds the metadata the board printed — on one line (``작성자 X 작성일23-04-26 11:30 조회1,494회``)
or one field a line (``글쓴이 : X`` / ``날짜 : …`` / ``조회 : 1,207``) — takes the line before it
as the title, and keeps the lines between the metadata and the comment section as the body,
without board chrome. Paragraphs come out as found; dedup is the next stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..dates import parse_date
from ..model import Article, Attachment
from .labels import TEXT_OTHER_WORDS, TEXT_WORDS, key, parse_views, spaced

AUTHOR_LABELS = TEXT_WORDS["author"]
DATE_LABELS = TEXT_WORDS["published"]
VIEW_LABELS = TEXT_WORDS["views"]
_KIND = {key(w): k for k, ws in TEXT_WORDS.items() for w in ws}

_LABEL = re.compile(
    "(?P<label>"
    + "|".join(
        spaced(w)
        for w in sorted(AUTHOR_LABELS + DATE_LABELS + VIEW_LABELS + TEXT_OTHER_WORDS, key=len)[::-1]
    )
    + r")\s*[:：]?\s*"
)
#: Lines that are board chrome wherever they stand.
CHROME = frozenset(
    {
        "페이지 정보",
        "본문",
        "댓글목록",
        "댓글 목록",
        "등록된 댓글이 없습니다.",
        "관련링크",
        "목록",
        "이전글",
        "다음글",
        "글쓰기",
        "답변",
        "수정",
        "삭제",
        "인쇄",
        "스크랩",
        "추천",
        "비추천",
        "신고",
        "공유",
        "공유하기",
        "첨부파일",
        "첨부 파일",
        "댓글쓰기",
        "댓글 쓰기",
        "로그인",
        "목록으로",
        "윗글",
        "아랫글",
        "본문 바로가기",
        "메뉴 바로가기",
        "TOP",
        "top",
    }
)
#: Lines from which on nothing belongs to the post (comment section, prev/next links).
END_MARKERS = re.compile(
    r"^(?:(?:댓글목록|댓글 목록|등록된 댓글이 없습니다\.?|댓글\s*\d+\s*(?:개|건)?|목록|"
    r"댓글쓰기|댓글 쓰기|코멘트)$|(?:이전글|다음글|윗글|아랫글)(?:\s|:|$))"
)
_CHROME_RE = re.compile(
    r"^(?:\[?공공누리.*|출처표시.*|본 저작물은 .*공공누리.*|.*\d+회\s*다운로드.*|"
    r"DATE\s*:\s*[\d\-: ]+|.*\bDownload\s*:?\s*\d+)$",
    re.IGNORECASE,
)
_ATTACHMENT_LINE = re.compile(
    r"^(?P<name>[^/\\]+?\.(?:hwpx?|pdf|docx?|xlsx?|pptx?|zip|jpe?g|png|gif|txt|csv))"
    r"(?:\s*\(.*?\))?(?:\s*\d+\s*회\s*다운로드)?.*$",
    re.IGNORECASE,
)


@dataclass
class Metadata:
    """The fields a metadata line (or block of lines) gave, and where it stood."""

    start: int
    end: int  # index after the last metadata line
    author: str | None = None
    published: object | None = None
    views: int | None = None


def parse_fields(line: str) -> dict[str, str]:
    """Split a metadata line into ``{label: value}``; labels are the words above, written
    without inner spaces (``글쓴 이`` is ``글쓴이``).

    >>> parse_fields("작성자 CBURC 작성일23-04-26 11:30 조회1,494회 댓글0건")["작성일"]
    '23-04-26 11:30'
    """
    fields: dict[str, str] = {}
    matches = list(_LABEL.finditer(line))
    for n, m in enumerate(matches):
        end = matches[n + 1].start() if n + 1 < len(matches) else len(line)
        value = line[m.end() : end].strip(" |/·\t,")
        fields.setdefault(key(m.group("label")), value)
    return fields


def _kind(label: str) -> str:
    kind = _KIND.get(key(label))
    return "date" if kind == "published" else kind or "other"


def _meta_line(line: str) -> dict[str, str] | None:
    """The fields of ``line`` if it is a metadata line: it starts with a label."""
    m = _LABEL.match(line)
    if not m or _kind(m.group("label")) == "other":
        return None
    fields = parse_fields(line)
    kinds = {_kind(label) for label, value in fields.items() if value}
    if not kinds - {"other"}:
        return None
    if "date" in kinds and parse_date(_first(fields, DATE_LABELS)) is None:
        return None
    if kinds == {"author"} and len(fields[key(m.group("label"))]) > 40:
        return None  # a sentence that starts with a label word, not a field
    return fields


def _first(fields: dict[str, str], labels: tuple[str, ...]) -> str | None:
    for label in labels:
        if fields.get(label):
            return fields[label]
    return None


def find_metadata(lines: list[str], within: int = 40) -> Metadata | None:
    """The first run of metadata lines among the first ``within`` lines."""
    for i, line in enumerate(lines[:within]):
        fields = _meta_line(line)
        if fields is None:
            continue
        meta = Metadata(start=i, end=i + 1)
        merged = dict(fields)
        j = i + 1
        while j < len(lines) and (more := _meta_line(lines[j])) is not None:
            for label, value in more.items():
                merged.setdefault(label, value)
            j += 1
        meta.end = j
        author = _first(merged, AUTHOR_LABELS)
        meta.author = author or None
        meta.published = parse_date(_first(merged, DATE_LABELS))
        views = _first(merged, VIEW_LABELS)
        meta.views = parse_views(views, labelled=True) if views else None
        return meta
    return None


def is_chrome(line: str) -> bool:
    """Whether ``line`` is board furniture rather than post text."""
    return line in CHROME or bool(_CHROME_RE.match(line))


def extract_text(text: str) -> Article:
    """Read a scraped post; paragraphs are the body lines as found (not yet deduped)."""
    lines = [re.sub(r"\s+", " ", line).strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    meta = find_metadata(lines)
    title = None
    body_start = 0
    article = Article(engine="text")
    if meta is not None:
        for k in range(meta.start - 1, -1, -1):
            if not is_chrome(lines[k]):
                title = lines[k]
                break
        body_start = meta.end
        article.author = meta.author
        article.published = meta.published  # type: ignore[assignment]
        article.views = meta.views
    article.title = title
    paragraphs: list[str] = []
    in_files = False
    for line in lines[body_start:]:
        if END_MARKERS.match(line):
            break
        if line in ("첨부파일", "첨부 파일") or line.startswith(("첨부파일 ", "첨부 :")):
            in_files = True
            rest = line.split(None, 1)[1] if " " in line else ""
            if rest and (m := _ATTACHMENT_LINE.match(rest.lstrip(": "))):
                article.attachments.append(Attachment(m.group("name").strip()))
            continue
        if in_files:
            m = _ATTACHMENT_LINE.match(line)
            if m:
                article.attachments.append(Attachment(m.group("name").strip()))
                continue
            if is_chrome(line):
                continue
            in_files = False
        if is_chrome(line):
            continue
        paragraphs.append(line)
    article.paragraphs = paragraphs
    return article
