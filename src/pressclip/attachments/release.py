"""Press-release facts from the lines of a release: embargo, distribution time, departments
and the contact table.

Korean government releases share one layout: a header table of label cells and value cells
(``보도시점`` / ``보도일시`` → ``2024. 6. 21.(금) 11:00`` or ``바로 보도하여 주시기 바랍니다``;
``배포`` / ``배포일시`` → a date), and a contact grid whose rows hold
[``담당 부서``, bureau, ``책임자``, title, name, phone] and [note, division, ``담당자``, title,
name, phone or e-mail] — or, in older releases, ``담당부서`` / ``담당과장`` / ``담당자`` cells
in the header table with ``name(phone)`` values. Readers give a cell a line (HWP, HWPX,
HTML) or put a table row on one line (PDF), so the rules here work on a sequence of lines and
on labels, never on positions: a label is followed by its value on the same line or the next.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..dates import SEOUL
from ..model import Contact, Release


def _spaced(word: str) -> str:
    """A regex for ``word`` allowing white space between its letters (``담 당 자``)."""
    return r"\s*".join(re.escape(ch) for ch in word)


EMBARGO_LABELS = ("보도시점", "보도일시", "보도일자", "보도시간", "보도예정일시", "엠바고")
DISTRIBUTED_LABELS = ("배포일시", "배포일자", "배포시점", "배포시간", "배포")
DEPARTMENT_LABELS = (
    "담당부서", "담당부처", "소관부서", "주관부서", "담당기관", "담당과", "담당팀", "담당국"
)  # fmt: skip
#: Roles in the contact table: the head of the unit, then the officer.
LEAD_ROLES = ("책임자", "담당과장", "담당국장", "담당팀장", "담당부장", "담당관")
STAFF_ROLES = ("담당자", "실무자", "실무담당")
#: Labels that only announce a phone, an e-mail or contacts in general.
CONTACT_LABELS = (
    "연락처",
    "전화번호",
    "전화",
    "이메일",
    "e-mail",
    "email",
    "E-mail",
    "문의",
    "팩스",
)
TITLES = frozenset(
    """과장 부장 차장 사무관 주무관 서기관 팀장 국장 실장 계장 연구관 연구사 연구원 선임연구원
    책임연구원 수석연구원 행정관 전문관 전문위원 전문경력관 주사 주사보 대리 주임 사원 매니저 선임
    책임 수석 위원 교수 센터장 본부장 처장 단장 소장 원장 관장 부이사관 이사관 부국장 부서장 파트장
    반장 과장대리 차장대우 실무관 조사관 감독관 기획관 정책관 심의관 협력관 보좌관 비서관 행정사무관
    시설사무관 공업사무관 기술서기관 보건사무관 주무 기자 홍보관 선임행정관 지도관 교육연구사 장학사
    장학관 상담원 간사 부팀장 부센터장 PM 책임관""".split()
)

_EMBARGO_RE = "|".join(_spaced(w) for w in sorted(EMBARGO_LABELS, key=len, reverse=True))
_DISTRIBUTED_RE = "|".join(_spaced(w) for w in sorted(DISTRIBUTED_LABELS, key=len, reverse=True))


#: A header label where a line starts or after a space, followed by its end, a colon or a
#: value; ``배포 즉시`` is a value (of 보도시점), never the 배포 label.
@functools.cache
def _header_label() -> re.Pattern[str]:
    """The header-label pattern, compiled on first use (it is the module's costliest, and most
    posts never reach it: see :func:`read_release`)."""
    return re.compile(
        rf"(?:^|(?<=\s))(?:(?P<embargo>{_EMBARGO_RE})|(?P<distributed>{_DISTRIBUTED_RE}))"
        r"(?!\s*(?:즉시|시\b|후|예정|하|된|한|처))\s*(?:[:：]\s*)?"
    )


#: Word stems of which every label that can open the facts holds one: a header label
#: (보도시점, 배포) or a word that starts a contact table (담당부서, 책임자, 문의, …), compared
#: with white space removed, so 담 당 자 counts. Text without any of them has no release
#: facts to read. (The labels that only announce a phone or an e-mail open nothing.)
_LABEL_STEMS = (
    "보도", "엠바고", "배포", "담당", "소관", "주관", "책임자", "실무", "연락처", "문의",
)  # fmt: skip
#: Their first letters: one letter is searched many times faster than a word.
_STEM_FIRSTS = "".join(sorted({stem[0] for stem in _LABEL_STEMS}))

_PHONE = re.compile(
    r"(?<![\d-])(?:\+82[-.\s]?)?\(?0\d{1,2}\)?[-.\s]?\d{3,4}[-.\s]\d{4}(?![\d])"
    r"|(?<![\d-])1[5-9]\d{2}-\d{4}(?![\d])"
)
_HANGUL_NAME = re.compile(r"^[가-힣]{2,4}$")
_DEPT_SUFFIX = re.compile(
    r"(?:과|국|실|부|처|팀|관|청|원|단|소|센터|본부|위원회|사업단|지사|공사|공단|재단|협회|학교|촌)$"
)
_STOP = re.compile(r"^(?:붙\s*임|별\s*첨|참\s*고|첨\s*부|끝)(?:\s*\d+)?\.?$")

_DATE = re.compile(
    r"(?<!\d)(?:(?P<y>\d{4}|['‘’]\d{2})\s*(?:[./-]|년)\s*)?(?P<m>\d{1,2})\s*(?:[./-]|월)\s*"
    r"(?P<d>\d{1,2})(?!\d)\s*(?:일|\.)?\s*(?:\(\s*[월화수목금토일]\s*\))?"
)
#: A time of day. Space is taken only after 오전/오후: a ``\s*`` that may start anywhere read a
#: long run of spaces once per start (quadratic).
_TIME = re.compile(
    r"(?:(?P<ampm>오전|오후)\s*)?(?P<H>\d{1,2})\s*(?::|시)\s*(?P<M>\d{2})?(?:\s*분)?(?!\d)"
)
_IMMEDIATE = re.compile(r"즉시|바로\s*보도|수신\s*(?:후|즉시|시)|배포\s*(?:시|후|와\s*동시)")


def read_release(lines: Sequence[str]) -> Release | None:
    """The release facts found in ``lines`` (cells or text lines in reading order), or None
    when the text has neither a 보도/배포 header nor a contact table."""
    text = "".join(lines)
    if not any(first in text for first in _STEM_FIRSTS):
        return None  # not one letter a label starts with (an English page): at once
    squeezed = _squeeze(text)
    if not any(stem in squeezed for stem in _LABEL_STEMS):
        return None  # no label anywhere (most posts): nothing to read, quickly
    embargo_text, distributed_text = _header_values(lines)
    departments, contacts = read_contacts(lines)
    if embargo_text is None and distributed_text is None and not contacts:
        return None
    release = Release(departments=departments, contacts=contacts)
    distributed = parse_when(distributed_text) if distributed_text else None
    if distributed_text is not None:
        release.distributed_text = distributed_text
        release.distributed = _iso(distributed)
    if embargo_text is not None:
        year = distributed.year if distributed else None
        release.embargo_text = embargo_text
        release.immediate = bool(_IMMEDIATE.search(embargo_text))
        main, online = _split_online(embargo_text)
        when = parse_when(main, year)
        release.embargo = _iso(when)
        if online is not None:
            base = when.year if when else year
            release.embargo_online = _iso(parse_when(online, base))
    return release


def is_header_line(line: str) -> bool:
    """Whether a line is a header-table or contact-table label (or starts with one)."""
    squeezed = "".join(line.split())
    if _header_label().match(line):
        return True
    labels = DEPARTMENT_LABELS + LEAD_ROLES + STAFF_ROLES + CONTACT_LABELS
    return any(squeezed.startswith(label) for label in labels) and len(squeezed) < 40


def is_label(line: str) -> bool:
    """Whether a line is nothing but a label cell (``보도시점``, ``담 당 자``)."""
    squeezed = _squeeze(line).rstrip(":：")
    labels = EMBARGO_LABELS + DISTRIBUTED_LABELS + DEPARTMENT_LABELS + LEAD_ROLES + STAFF_ROLES
    return squeezed in labels or squeezed.lower() in _LABEL_WORDS


def is_when(line: str) -> bool:
    """Whether a line is only a date and time (and a weekday)."""
    rest = _DATE.sub("", line)
    rest = _TIME.sub("", rest)
    return len(_squeeze(rest)) < 3 and rest != line


# -- the header table ----------------------------------------------------------------------


def _header_values(lines: Sequence[str]) -> tuple[str | None, str | None]:
    """The first 보도시점 and 배포 values: the rest of the label's line (up to the next
    label), else the next line."""
    found: dict[str, str] = {}
    consumed: set[int] = set()
    for i, line in enumerate(lines):
        if i in consumed or len(line) > 200:
            continue
        matches = list(_header_label().finditer(line))
        if not matches or matches[0].start() != 0:
            continue
        for k, m in enumerate(matches):
            which = "embargo" if m.group("embargo") else "distributed"
            end = matches[k + 1].start() if k + 1 < len(matches) else len(line)
            value = line[m.end() : end].strip(" /|,·")
            if not value and k + 1 == len(matches) and i + 1 < len(lines):
                nxt = lines[i + 1]
                if not _header_label().match(nxt) and len(nxt) <= 200:
                    value = nxt.strip()
                    consumed.add(i + 1)
            if value and which not in found and _plausible(which, value):
                found[which] = value
        if len(found) == 2:
            break
    return found.get("embargo"), found.get("distributed")


def _plausible(which: str, value: str) -> bool:
    """Whether a value can be what its label announces: a date or time, or (for 보도시점)
    an "at once" phrase or a paper edition. A sentence that merely starts with 배포 is not."""
    if re.search(r"\d", value):
        return True
    return which == "embargo" and bool(_IMMEDIATE.search(value) or re.search("조간|석간", value))


def _split_online(text: str) -> tuple[str, str | None]:
    """``2018. 9. 4.(화) 조간(온라인 9. 3. 12:00)부터`` → the paper's part and the online
    time (``9. 3. 12:00``), when the cell names one."""
    m = re.search(
        r"\(\s*(?:온라인|인터넷|방송|통신|온라인\s*[·ㆍ,/]\s*방송)[^()\d]{0,8}([^()]*)\)", text
    )
    if m is None:
        return text, None
    return text[: m.start()] + text[m.end() :], m.group(1)


def parse_when(text: str | None, year: int | None = None) -> dt.datetime | dt.date | None:
    """A date (and time) as release headers print it — ``2024. 6. 21.(금) 11:00``,
    ``2024년 6월 21일 오후 2시``, ``9. 3. 12:00`` (the year from ``year``) — or None."""
    if not text:
        return None
    m = _DATE.search(text)
    if m is None:
        return None
    y = m.group("y")
    if y:
        y_num = int(y.lstrip("'‘’"))
        year = y_num + 2000 if y_num < 100 else y_num
    if year is None:
        return None
    try:
        day = dt.date(year, int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None
    t = _TIME.search(text, m.end())
    if t is None or t.start() - m.end() > 12 or (t.group("M") is None and "시" not in t.group(0)):
        return day
    hour, minute = int(t.group("H")), int(t.group("M") or 0)
    if t.group("ampm") == "오후" and hour < 12:
        hour += 12
    try:
        return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=SEOUL)
    except ValueError:
        return day


def _iso(value: dt.datetime | dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


# -- the contact table ---------------------------------------------------------------------


@dataclass
class _Block:
    """One department of the contact table: its name parts, a note, its contacts."""

    parts: list[str] = field(default_factory=list)
    note: str | None = None
    contacts: list[Contact] = field(default_factory=list)


def _squeeze(text: str) -> str:
    return "".join(text.split())


_ROLE_WORDS = {w: "lead" for w in LEAD_ROLES} | {w: "staff" for w in STAFF_ROLES}
_LABEL_WORDS = set(DEPARTMENT_LABELS) | {_squeeze(w).lower() for w in CONTACT_LABELS}
_TOKEN = re.compile(
    r"(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    r"|(?P<phone>" + _PHONE.pattern + r")"
    r"|\((?P<paren>[^()]*)\)"
    r"|(?P<word>[^\s()☎:：/,|]+)"
)


def _tokens(line: str) -> list[tuple[str, str]]:
    """A contact-table line → (kind, text) tokens: ``email``, ``phone``, ``note``,
    ``role``, ``label``, ``title`` and ``word``; labels and titles written with spaces
    between their letters (``과  장``, ``담 당 자``) are joined back."""
    raw: list[tuple[str, str]] = []
    for m in _TOKEN.finditer(line):
        if m.group("email"):
            raw.append(("email", m.group("email")))
        elif m.group("phone"):
            raw.append(("phone", m.group("phone").strip()))
        elif m.group("paren") is not None:
            inner = m.group("paren").strip(" ☎")
            reachable = [t for t in (_tokens(inner) if inner else []) if t[0] in ("phone", "email")]
            if reachable:  # (02-123-4567), (☎ 02-…, a@b.kr), (T. 02-…)
                raw.extend(reachable)
            elif inner:
                raw.append(("note", inner))
        else:
            raw.append(("word", m.group("word")))
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(raw):
        kind, text = raw[i]
        if kind == "word":
            for span in (3, 2, 1):
                group = raw[i : i + span]
                if len(group) < span or any(k != "word" for k, _ in group):
                    continue
                joined = "".join(t for _, t in group)
                if span > 1 and any(len(t) > 2 for _, t in group):
                    continue  # only letters spread out (과 장), not separate words
                cls = _word_class(joined)
                if cls != "word" or span == 1:
                    out.append((cls, joined))
                    i += span
                    break
            continue
        out.append((kind, text))
        i += 1
    return out


def _word_class(word: str) -> str:
    lowered = word.lower()
    if word in _ROLE_WORDS:
        return "role"
    if word in _LABEL_WORDS or lowered in _LABEL_WORDS:
        return "label"
    if word in TITLES:
        return "title"
    return "word"


_START_WORDS = DEPARTMENT_LABELS + LEAD_ROLES + STAFF_ROLES + ("문의", "연락처")


def _contact_start(lines: Sequence[str]) -> list[int]:
    """Indexes of lines that open a contact table: a department or role label at the
    start of a short line."""
    starts = []
    for i, line in enumerate(lines):
        squeezed = _squeeze(line)
        if len(squeezed) > 60:
            continue
        if any(squeezed.startswith(w) for w in _START_WORDS):
            starts.append(i)
    return starts


def read_contacts(lines: Sequence[str]) -> tuple[list[str], list[Contact]]:
    """Departments and contacts from the first contact table in ``lines``."""
    blocks: list[_Block] = []
    for start in _contact_start(lines):
        # A body line that merely starts with 담당자 holds no contact: try the next start.
        blocks = _scan_blocks(lines, start)
        if any(block.contacts for block in blocks):
            break
    departments: list[str] = []
    contacts: list[Contact] = []
    for block in blocks:
        if not any(c.name or c.phone or c.email for c in block.contacts):
            continue
        name = " ".join(block.parts) or None
        if name and name not in departments:
            departments.append(name)
        for c in block.contacts:
            if not (c.name or c.phone or c.email):
                continue  # a header row (담당부서 | 담당자 | 연락처), not a person
            c.department = name
            c.note = block.note
            contacts.append(c)
    return departments, contacts


def _scan_blocks(lines: Sequence[str], start: int) -> list[_Block]:
    """Walk the contact table from ``start`` until it ends (a long line, a 붙임/참고
    marker, or a few lines without any role)."""
    blocks = [_Block()]
    current: Contact | None = None
    idle = 0
    for line in lines[start:]:
        if len(line) > 80 or _STOP.match(line.strip()):
            break
        tokens = _tokens(line)
        progressed = False
        for kind, text in tokens:
            block = blocks[-1]
            progressed = progressed or kind != "word"
            if kind == "label":
                if text in DEPARTMENT_LABELS and (block.contacts or block.parts):
                    blocks.append(_Block())
                current = None
            elif kind == "role":
                progressed = True
                if _ROLE_WORDS[text] == "lead" and _has_staff(block):
                    blocks.append(_Block())
                    block = blocks[-1]
                current = Contact(role=text)
                block.contacts.append(current)
            elif kind == "title" and current is not None and current.title is None:
                current.title = text
            elif kind == "phone" and current is not None and current.phone is None:
                current.phone = _clean_phone(text)
            elif kind == "email" and current is not None and current.email is None:
                current.email = text
            elif kind == "note":
                if block.note is None and not _PHONE.search(text):
                    block.note = text
            elif kind == "title":
                # A title with no role cell before it (문의: 국제경제과 홍길동 사무관 …).
                current = Contact(title=text)
                last = block.parts[-1] if block.parts else ""
                if _looks_like_name(last) and not _DEPT_SUFFIX.search(last):
                    current.name = block.parts.pop()
                block.contacts.append(current)
                progressed = True
            elif kind == "word":
                if current is not None and current.name is None and _looks_like_name(text):
                    current.name = text
                    progressed = True
                else:
                    # A unit name after the officer's row (or after a row with no role
                    # cell, one person a department) opens the next department.
                    prev = block.contacts[-1] if block.contacts else None
                    if _has_staff(block) or (prev is not None and prev.role is None and prev.name):
                        blocks.append(_Block())
                        block = blocks[-1]
                    block.parts.append(text)
                    current = None
        idle = 0 if progressed else idle + 1
        if idle > 3 and not blocks[-1].contacts:
            break
    return blocks


def _has_staff(block: _Block) -> bool:
    return any(c.role in STAFF_ROLES for c in block.contacts)


def _looks_like_name(word: str) -> bool:
    return bool(_HANGUL_NAME.match(word)) and word not in TITLES


def _clean_phone(text: str) -> str:
    return text.strip("() ").replace(")", "-").replace("(", "").replace(" ", "-")
