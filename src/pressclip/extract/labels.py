"""The one vocabulary of board labels: the words boards print before a post's fields.

Every reader takes its label words from here — the labelled-field reader (:mod:`.fields`),
the engine profiles (:mod:`.profile`), the scraped-text reader (:mod:`.text`) and the list
reader — and reads a view count with :func:`parse_views`. Words are compared without
spaces or colons (``작 성 자 :`` is ``작성자``).
"""

from __future__ import annotations

import re

#: Field words, in order of preference. The first word of each field names it.
#: An author is the poster (작성자 …) before the department that posted (담당부서 …):
#: :data:`DEPARTMENT_WORDS` are proposed less surely than the person words.
PERSON_WORDS = (
    "작성자",
    "글쓴이",
    "등록자",
    "게시자",
    "이름",
    "성명",
    "name",
    "writer",
    "author",
    "작성자명",
    "등록인",
    "작성인",
    "게시인",
)
DEPARTMENT_WORDS = (
    "작성부서",
    "등록부서",
    "담당부서",
    "부서명",
    "부서",
    "작성기관",
    "담당자",
    # a press release's own: the department that wrote or sent it out
    "담당과",
    "담당팀",
    "게시부서",
    "배포부서",
    "주관부서",
)
AUTHOR_WORDS = PERSON_WORDS + DEPARTMENT_WORDS
DATE_WORDS = (
    "작성일",
    "등록일",
    "게시일",
    "발행일",
    "작성일시",
    "등록일시",
    "게시일시",
    "작성일자",
    "등록일자",
    "게시일자",
    "날짜",
    "일자",
    "date",
    # (not 배포일시/보도일시: in a release's own table in the body they are the release's
    # facts, read by attachments.release, not the board's header)
    "게재일",
    "게재일자",
    "공고일",
    "공고일자",
    "작성시간",
    "등록시간",
)
VIEWS_WORDS = (
    "조회",
    "조회수",
    "hit",
    "hits",
    "views",
    "열람",
    "열람수",
    "읽음",
    "조회횟수",
    "열람횟수",
    "조회건수",
)
#: 공고명: an announcement board's title field (공고 = a call or notice).
TITLE_WORDS = ("제목", "글제목", "공고명", "subject", "title")
BODY_WORDS = ("내용", "본문")
FILE_WORDS = ("첨부파일", "첨부", "파일")

WORDS: dict[str, tuple[str, ...]] = {
    "title": TITLE_WORDS,
    "author": AUTHOR_WORDS,
    "published": DATE_WORDS,
    "views": VIEWS_WORDS,
}
#: Labels of header parts that are not fields of the post, and end a value that runs on.
OTHER_LABELS = frozenset(
    "수정일 최종수정일 접수기간 신청기간 게시기간 마감일 분류 구분 카테고리 첨부파일 첨부 파일"
    " 이메일 연락처 전화번호 전화 이전글 다음글 내용 상태 추천 댓글 공유 url".split()
)
#: The labels the scraped-text reader takes for a metadata line's fields: those that are
#: never a body sentence's first word (not 이름, 부서, 일자), as a board prints them.
TEXT_WORDS: dict[str, tuple[str, ...]] = {
    "author": ("작성자", "글쓴이", "등록자", "게시자", "작성부서", "등록부서", "담당부서"),
    "published": ("작성일시", "작성일자", "작성일", "등록일자", "등록일", "게시일", "날짜"),
    "views": ("조회수", "조회"),
}
#: Labels of a metadata line that end the value before them but give no field.
TEXT_OTHER_WORDS = ("댓글", "추천", "비추천", "첨부파일", "관련링크")


def spaced(word: str) -> str:
    """A regular expression for ``word`` as boards print it, a space allowed between its
    letters (``글쓴 이``, ``조회 수``)."""
    return r"\s?".join(map(re.escape, word))


def key(label: str) -> str:
    """A label compared without spaces, colons or brackets, lower-cased."""
    return _KEY.sub("", label).lower()


_KEY = re.compile(r"[\s:：|·*\u00a0\[\]()]+")

# --------------------------------------------------------------------------- list pages
# A list's column header is matched after its white space is removed, lower-cased.

#: Headers of the column holding the post's title.
TITLE_HEADERS = ("제목", "title", "subject", "공고명", "사업명", "과제명", "건명")
#: Headers of the column holding the day a post was published.
DATE_HEADERS = (
    "등록일",
    "작성일",
    "게시일",
    "공고일",
    "배포일",
    "보도일",
    "게재일",
    "날짜",
    "일자",
    "date",
    "작성시간",
)
#: A header starting so and naming a day (공고시작일, 공고일자) is the day the notice
#: was posted, though 시작 alone names a period's start.
POST_DATE_PREFIXES = ("공고", "게시")
#: Headers of columns holding periods and deadlines, never the post's date.
PERIOD_HEADERS = ("기간", "마감", "접수", "신청", "종료", "시작", "수정", "행사일", "일정")
#: Headers of the number column.
NUMBER_HEADERS = ("번호", "no", "no.", "순번")
#: Labels a mobile layout prints before a list cell's value.
CELL_LABELS = (
    "등록일자",
    "등록일",
    "작성일자",
    "작성일",
    "게시일자",
    "게시일",
    "작성일시",
    "등록일시",
    "날짜",
    "일자",
    "date",
    "조회수",
    "조회",
    "hits",
    "hit",
    "views",
    "view",
    "번호",
    "no.",
    "no",
)
#: Link texts that label an action, never a post's title (white space and arrows removed).
GENERIC_LINK_TEXTS = frozenset(
    "자세히보기 자세히 더보기 상세보기 바로가기 보기 상세 원문보기".split()
    + "more readmore view detail".split()
)

#: 조회 1,234 / 조회수: 57 / Hits 12 / 57회 — the count after a view label.
_VIEWS = re.compile(r"(?:조회\s*수?|열람\s*수?|읽음|hits?|views?)\s*[:：]?\s*([\d,]+)", re.I)
_COUNT = re.compile(r"^\s*([\d,]+)\s*(?:회|건|hits?|views?)?\s*$", re.I)
#: A number standing alone (``(57)``, ``57 hit``), not a part of a date, a time or a phone.
_BARE_COUNT = re.compile(r"(?<![\d.:/-])(\d{1,3}(?:,\d{3})+|\d+)(?![\d.:/-])")
#: More digits than any view count: a phone number or an id.
MAX_VIEW_DIGITS = 11


def _to_int(text: str) -> int | None:
    digits = text.replace(",", "")
    return int(digits) if digits.isdigit() and len(digits) <= MAX_VIEW_DIGITS else None


def parse_views(text: str, *, labelled: bool) -> int | None:
    """A view count in ``text``: after a view label anywhere in it, or — when ``labelled``
    (the text is the value of a view label or selector) — a leading number (``1,234회``)."""
    m = _VIEWS.search(text)
    if m:
        return _to_int(m.group(1))
    if not labelled:
        return None
    m = _COUNT.match(text) or _BARE_COUNT.search(text)
    return _to_int(m.group(1)) if m else None


#: A line of the footer a Korean site prints under every page, never a post's: the refusal
#: of e-mail harvesting (이메일무단수집거부), the business registration number, the address
#: block opening with its postal code or giving the switchboard and the fax together.
SITE_FOOTER = re.compile(
    r"(?:무단|자동)\s*수집(?:되는\s*것을|을|하는\s*것을)?\s*거부|사업자\s*등록\s*번호"
    r"|^\(\d{5}\)\s*\S+[시도군구]\s|대표\s*전화.{0,40}(?:팩스|FAX)",
    re.I,
)

#: The satisfaction survey public sites put under every page (이 페이지에서 제공하는 정보에
#: 만족하십니까?): where a block asks it, the post has ended.
SURVEY = re.compile(r"만족하십니까|만족하셨습니까|만족도\s*(?:를\s*)?평가|콘텐츠\s*만족도")
