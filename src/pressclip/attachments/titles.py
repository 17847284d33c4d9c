"""What a document's title is not, and where a document says its title: the words and
shapes the title rules of :func:`pressclip.attachments.guess_title` use, by document kind.

- a form, a decision or an official letter (공문) names its subject in a label cell:
  ``제목``, ``제 목``, ``[ 제 목 ]``, ``제목:``, ``건명``; the value is the rest of the line or
  the next line;
- a 공문 opens with its addressee lines (``수신``, ``(경유)``, ``참조``) above ``제목``, and a
  slogan or the office's name above those: none is a title;
- a document number (``재산세과-3808 (2008.11.17)``, ``서초구의회사무국-11``,
  ``한솔군 공고 제2025-8호``) is never a title;
- a 보도설명자료 / 설명자료 / 해명자료 answers a report: its headline is a sentence by
  convention (``…추진하고 있습니다.``).
"""

from __future__ import annotations

import re

#: The label words of a document's title cell (the boards' title words are in
#: :mod:`pressclip.extract.labels`; these are the ones documents print): 제목 (a letter's or
#: a form's subject), 건명 (a decision's or a contract's), 공고명 (a notice's).
TITLE_LABELS = ("제목", "건명", "공고명")
_LABEL_WORD = "|".join(r"\s*".join(word) for word in TITLE_LABELS)
#: A title label cell, bracketed or not, with a colon, a space or nothing after it, and the
#: value when it shares the line (``제목 2026년 …``, ``[ 제 목 ] …``, ``건명: …``).
TITLE_LABEL = re.compile(
    rf"^[\[【(<〔]?\s*(?:{_LABEL_WORD})\s*[\]】)>〕]?\s*(?:[:：]\s*|\s+|$)(?P<value>.*)$"
)
#: The addressee and routing lines of an official letter (공문): ``수신 …``, ``수신자 …``,
#: ``(경유)``, ``참조 …``, ``발신 …``, and its closing ``시행``/``접수`` line.
LETTER_FIELD = re.compile(
    r"^[(\[]?\s*(?:수\s*신(?:\s*자)?|경\s*유|참\s*조|발\s*신|시\s*행|접\s*수)(?:\s|[)\]:：]|$)"
)
#: A document number: an office's name, a hyphen, a serial, maybe a date in brackets
#: (``재산세과-3808 (2008.11.17)``, ``서초구의회사무국-11``), after an optional label
#: (``문서번호``, ``시행``), or a notice's number ending ``제2025-8호``.
DOC_NUMBER = re.compile(
    r"^(?:(?:문서\s*번호|시\s*행|접\s*수)\s*[:：]?\s*)?[가-힣A-Za-z·]{2,30}-\d{1,7}"
    r"(?:\s*\(\s*\d{2,4}\s*[.\-/]\s*\d{1,2}\s*[.\-/]\s*\d{1,2}\s*\.?\s*\))?$"
    r"|제\s*[\d\-–.]+\s*호$"
)
#: Banners of documents whose headline is a sentence: 보도설명자료, 보도해명자료, 설명자료,
#: 해명자료 (they answer a report and state the ministry's position).
SENTENCE_BANNER = re.compile(r"^(?:보도\s*)?(?:설명|해명)\s*자료$")
#: How far from the top a title label is looked for: a 공문's 제목 follows its letterhead
#: and addressee lines (about ten lines); past this a 제목 is a table's column.
LABEL_LINES = 40


def is_doc_number(line: str) -> bool:
    """Whether a line is a document number (see :data:`DOC_NUMBER`)."""
    return DOC_NUMBER.search(line.strip()) is not None


def labelled_title(lines: list[str]) -> tuple[str, int] | None:
    """The value of the first title label cell near the top, and the index of its line
    (the value shares the label's line, or is the next line when the label stands alone)."""
    for i, line in enumerate(lines[:LABEL_LINES]):
        m = TITLE_LABEL.match(line.strip())
        if m is None:
            continue
        value = m.group("value").strip()
        if not value and i + 1 < len(lines):
            value, i = lines[i + 1].strip(), i + 1
        if value and not TITLE_LABEL.match(value):
            return value, i
    return None
