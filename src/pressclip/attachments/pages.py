"""Lines a document prints on every page rather than once: running headers and footers
and page numbers. Pure functions over the lines of each page of a paged document (a PDF).

Every other line is content, however often it repeats (a table's row labels, a cell
equal to another, a paragraph said twice): only the page furniture goes.
"""

from __future__ import annotations

import re

#: A page number alone on its line: ``- 3 -``, ``– 3 –``, ``3 / 12``, ``p. 3``, ``3쪽``,
#: ``Page 3``. A bare number is a page number only when it runs with the pages (see
#: :func:`running_keys`): alone it may be a table's last cell.
PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}\s*/\s*\d{1,4}|(?:p\.?|page)\s*\d{1,4}|\d{1,4}\s*쪽)$",
    re.I,
)
#: How many lines at a page's top and bottom may be its header or footer: a running header
#: is one line (a title, a section name) and pdfium prints the page number before or after
#: it (the real releases and work plans put ``- 1 -`` first on the page).
EDGE_LINES = 2
#: The longest running header or footer, in characters without spaces: they are one short
#: title line; a line longer than this is a sentence of the page's own.
RUNNING_MAX = 40
#: The share of pages a running line must be printed on (at a page's edge): a cover page and
#: a table of contents often have none, so "every page" counts the pages that have one.
RUNNING_SHARE = 0.5
#: Pages a document needs before a repeated edge line can be told from content.
MIN_PAGES = 3

_DIGITS = re.compile(r"\d+")
#: The shape of a number alone (``1,250``, ``8.2%``, ``(△3.1)``): a table's cell whatever
#: page it ends.
_NUMERIC = re.compile(r"^[#,.%()△▲▽▼+\-]*$")


def shape(line: str) -> str:
    """A line with its numbers made one symbol and its spaces gone: ``- 3 -`` and
    ``- 4 -`` (or ``2022년 업무계획 3``, ``… 4``) share one shape."""
    return _DIGITS.sub("#", "".join(line.split()))


def _edges(page: list[str]) -> list[int]:
    """The indexes of the non-blank lines at the top and bottom of a page."""
    filled = [i for i, line in enumerate(page) if line.strip()]
    return sorted(set(filled[:EDGE_LINES] + filled[-EDGE_LINES:]))


def running_keys(pages: list[list[str]]) -> set[str]:
    """The shapes of lines printed at the edge of at least :data:`RUNNING_SHARE` of the
    pages (at least two of them), in documents of :data:`MIN_PAGES` pages or more."""
    if len(pages) < MIN_PAGES:
        return set()
    seen: dict[str, int] = {}
    for page in pages:
        for found in {shape(page[i]) for i in _edges(page)}:
            if len(found) <= RUNNING_MAX:
                seen[found] = seen.get(found, 0) + 1
    least = max(2, RUNNING_SHARE * len(pages))
    running = {
        found
        for found, count in seen.items()
        if count >= least and found and not _NUMERIC.match(found)
    }
    if seen.get("#", 0) >= least and _numbers_run(pages, least):
        running.add("#")  # bare numbers that count the pages, not a table's last cells
    return running


def _numbers_run(pages: list[list[str]], least: float) -> bool:
    """Whether bare numbers at the pages' edges count the pages (each is its page's index
    plus one offset, on at least ``least`` pages)."""
    offsets: dict[int, int] = {}
    for index, page in enumerate(pages):
        for value in {int(page[i]) for i in _edges(page) if page[i].strip().isdigit()}:
            offsets[value - index] = offsets.get(value - index, 0) + 1
    return any(count >= least for count in offsets.values())


def drop_running(pages: list[list[str]]) -> tuple[list[str], list[str]]:
    """The lines of all pages in order without the running headers, footers and page
    numbers at their edges; and the lines dropped."""
    running = running_keys(pages)
    kept: list[str] = []
    dropped: list[str] = []
    for page in pages:
        edge = set(_edges(page))
        for i, line in enumerate(page):
            text = line.strip()
            if i in edge and (shape(text) in running or PAGE_NUMBER.match(text)):
                dropped.append(text)
            else:
                kept.append(line)
    return kept, dropped
