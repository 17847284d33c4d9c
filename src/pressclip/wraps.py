"""Hard wraps: whether a line breaks off a sentence that the next line carries on.

Pure text rules, shared by dedup (which rejoins a page's wrapped lines) and the attachment
reader (which joins a headline wrapped over lines).
"""

from __future__ import annotations

import re

# What ends a sentence: terminal punctuation, possibly followed by closing quotes/brackets,
# or a Korean declarative ending (다/요/음/함/임/것) with nothing after it.
_SENTENCE_END = re.compile(
    r"(?:[.!?。！？…]|다|요|니다|음|함|임|됨|것)[\"'”’」』)\]]*$|[:：]$|[)\]】」』>]$"
)
# A line that starts a list item, a caption or a note never continues the line before it.
_ITEM_START = re.compile(
    r"^(?:[○●◦◎■□▪▫◆◇▶▷►▸※☞△▲▽▼•·\-*＊→☎ᄋㅇ]|\d{1,2}[.)]\s|[가-하][.)]\s|\(\d{1,2}\)|[①-⑳]|【|\["
    r"|[<〈《]\s*[^\s<>]{1,12}[^<>]*[>〉》])"
)

#: A "label: value" line (문의: …, 일시 : …, 주민 설명회: …) is a field, not a wrapped
#: sentence; a label is one or two short words.
_FIELD = re.compile(r"^[^\s:：]{1,12}(?:\s[^\s:：]{1,8})?\s*[:：]")
#: A wrapped line is a long one; shorter lines are headings, labels or captions.
MIN_WRAP = 16


#: Lines that end a paragraph though they end no sentence: a notice's number (공고 제2025-58호),
#: an e-mail address or a URL, and a short headline that ends in an action noun (명사형 종결:
#: "…시상식 개최"): Korean wraps fall between words, and such a noun ends its word.
_STANDALONE_END = re.compile(r"(?:제\s*[\d\-–]+\s*호|@[\w.-]+\.[A-Za-z]{2,}|https?://\S+)$")
_HEADLINE_END = re.compile(
    r"\s\S*(?:개최|선정|제공|추진|실시|발표|확대|마련|모집|완료|돌입|체결|출범|개막|폐막|시행"
    r"|발간|성료|개통|개소|준공|착공|선포|협약|수상)$"
)
#: Headlines are short; a wrapped line of running text is usually longer.
HEADLINE_MAX = 40


def continues(line: str, following: str) -> bool:
    """Whether ``following`` carries on the sentence that ``line`` breaks off (a hard wrap)."""
    return not (  # cheapest tests first; the two searches scan the whole line
        len(line) < MIN_WRAP
        or ends_sentence(line)
        or _FIELD.match(line)
        or _FIELD.match(following)
        or _ITEM_START.match(following)
        or (len(line) <= HEADLINE_MAX and _HEADLINE_END.search(line))
        or _STANDALONE_END.search(line)
    )


def ends_sentence(line: str) -> bool:
    """Whether ``line`` can stand as the end of a paragraph (it is not a hard wrap)."""
    return bool(_SENTENCE_END.search(line.rstrip()[-12:]))  # the tail is all that matters
