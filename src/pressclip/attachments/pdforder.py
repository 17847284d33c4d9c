"""A PDF page's text runs put in reading order by their position, for producers that write
them out of order.

pdfium prints a page's text in the order of its content stream, and keeps a line together
only while the stream does. Some producers (Microsoft Print to PDF) write every Hangul run
of a page first and the digits and Latin runs after, in another font: pdfium then prints
``훈령(`` on one line and ``416`` three lines further down. A run that comes back to a line
pdfium had left, and lands between that line's runs (not to its right, as a second column
would), shows the page is out of order; such a page is read again from the runs'
rectangles: lines top to bottom, runs left to right, and runs far apart on a line (table
cells) as lines of their own.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Run:
    """A text rectangle of a page (PDF points, y grows upwards) and its text."""

    left: float
    bottom: float
    right: float
    top: float
    text: str

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 0.1)


#: Two runs are on one line when they share this much of the lower one's height.
SAME_LINE = 0.5
#: A gap between two runs of a line wider than this many line heights parts two table
#: cells (a word space is about a third of the height, a cell's padding two heights or more).
CELL_GAP = 1.5
#: A gap narrower than this many line heights joins two runs without a space (a run cut in
#: the middle of a word: ``훈령(`` and ``416``).
WORD_GAP = 0.15
#: Runs on one page beyond which the page is left in pdfium's order (bands are found by
#: comparing a run with every line so far).
MAX_RUNS = 5000


def _overlap(a: Run, bottom: float, top: float) -> float:
    """How much of ``a``'s height the band [bottom, top] covers, as a share of the smaller."""
    shared = min(a.top, top) - max(a.bottom, bottom)
    return shared / max(min(a.height, top - bottom), 0.1)


def bands(runs: list[Run]) -> list[int]:
    """For each run, the index of its line (its band): a band it shares :data:`SAME_LINE`
    of its height with, else a new one."""
    spans: list[tuple[float, float]] = []
    out: list[int] = []
    for run in runs:
        found = _band_of(run, spans, out[-1] if out else None)
        if found is None:
            spans.append((run.bottom, run.top))
            found = len(spans) - 1
        out.append(found)
    return out


def _band_of(run: Run, spans: list[tuple[float, float]], last: int | None) -> int | None:
    """The band ``run`` lies on: the last run's first (a line goes on), then the others from
    the newest (the one before is usually just above), or None."""
    if last is not None and _overlap(run, *spans[last]) >= SAME_LINE:
        return last
    for k in range(len(spans) - 1, -1, -1):
        if _overlap(run, *spans[k]) >= SAME_LINE:
            return k
    return None


def out_of_order(runs: list[Run]) -> bool:
    """Whether a run comes back to a line left before and lands between its runs (ends
    before the line's right end: a run that carries a line on to its right is a table's next
    cell or a second column, read in pdfium's order). The runs' text is not looked at."""
    if len(runs) > MAX_RUNS:
        return False
    extent: dict[int, tuple[float, float]] = {}
    previous = -1
    for run, band in zip(runs, bands(runs), strict=True):
        if band in extent and band != previous:
            left, right = extent[band]
            if run.right <= right and run.left >= left - run.height:
                return True
        left, right = extent.get(band, (run.left, run.right))
        extent[band] = (min(left, run.left), max(right, run.right))
        previous = band
    return False


def lines_by_position(runs: list[Run]) -> list[str]:
    """The page's text lines in reading order: bands top to bottom, runs left to right, a
    wide gap starting a line of its own (a table cell)."""
    lines: dict[int, list[Run]] = {}
    for run, band in zip(runs, bands(runs), strict=True):
        lines.setdefault(band, []).append(run)
    out: list[str] = []
    for line in sorted(lines.values(), key=lambda rs: -max(r.top for r in rs)):
        out.extend(_cells(sorted(line, key=lambda r: r.left)))
    return out


def _cells(band: list[Run]) -> list[str]:
    """A line's runs (left to right) joined: no space across a tiny gap, one space across a
    word gap, a new line across a cell gap."""
    parts: list[list[str]] = [[]]
    last: Run | None = None
    for run in band:
        text = " ".join(run.text.split())
        if not text:
            continue
        if last is not None:
            gap = run.left - last.right
            height = max(run.height, last.height)  # a comma is a few points high
            if gap > CELL_GAP * height:
                parts.append([])
            elif gap > WORD_GAP * height and parts[-1]:
                parts[-1].append(" ")
        parts[-1].append(text)
        last = run
    return ["".join(p) for p in parts if p]
