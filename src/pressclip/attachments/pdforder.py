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

Hancom Office writes a page's furniture and text boxes in an order of its own: the page
number first, the body, then the tables and the headline box (set above the lead paragraph)
last. pdfium then prints the headline after the lead and the tables after the text around
them. A line that comes back above :data:`JUMPED_LINES` lines read before it, over the
same width of the page (not beside them, as a second column would), shows such a page
(:func:`jumps_back`); it is read by position too, unless it is set in columns
(:func:`in_columns`). A cell spanning two rows, its text set between them, is read with
the first row (:func:`_spans_into`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Run:
    """A text rectangle of a page (PDF points, y grows upwards), its text, and the size it
    is set in (its font's line height; 0 when unknown: the rectangle's height counts)."""

    left: float
    bottom: float
    right: float
    top: float
    text: str
    size: float = 0.0
    #: Its place in pdfium's order (-1: unknown): pdfium's own space (or none) stands
    #: between two runs it printed one after the other.
    order: int = -1

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
#: A line that comes back above this many lines read before it (that it shares some width
#: with) shows a page written out of order: a headline box after the body. A table's cell
#: spanning two rows, written after them, comes back above one or two, beside them.
JUMPED_LINES = 3
#: Runs on one page beyond which the page is left in pdfium's order (bands are found by
#: comparing a run with every line so far).
MAX_RUNS = 5000


def bands(runs: list[Run]) -> list[int]:
    """For each run, the index of its line (its band): the band it shares
    :data:`SAME_LINE` of the smaller height with, else a new one. The last run's band is
    tried first (a line goes on), then the others from the newest (the one before is
    usually just above)."""
    spans: list[tuple[float, float]] = []
    out: list[int] = []
    for run in runs:
        last = out[-1] if out else -1
        found = last if last >= 0 and _on(run, spans[last]) else -1
        k = len(spans) - 1
        while found < 0 and k >= 0:
            found = k if _on(run, spans[k]) else -1
            k -= 1
        if found < 0:
            spans.append((run.bottom, run.top))
            found = len(spans) - 1
        out.append(found)
    return out


def _on(run: Run, span: tuple[float, float]) -> bool:
    """Whether ``run`` shares :data:`SAME_LINE` of the smaller height with a band."""
    low, high = span
    shared = min(run.top, high) - max(run.bottom, low)
    return shared >= SAME_LINE * max(min(run.height, high - low), 0.1)


def out_of_order(runs: list[Run], line_of: list[int] | None = None) -> bool:
    """Whether a run comes back to a line left before and lands between its runs (ends
    before the line's right end: a run that carries a line on to its right is a table's next
    cell or a second column, read in pdfium's order). The runs' text is not looked at.
    ``line_of``: the runs' :func:`bands`, when found already."""
    if len(runs) > MAX_RUNS:
        return False
    extent: dict[int, tuple[float, float]] = {}
    previous = -1
    for run, band in zip(runs, line_of or bands(runs), strict=True):
        if band in extent and band != previous:
            left, right = extent[band]
            if run.right <= right and run.left >= left - run.height:
                return True
        left, right = extent.get(band, (run.left, run.right))
        extent[band] = (min(left, run.left), max(right, run.right))
        previous = band
    return False


def jumps_back(runs: list[Run], line_of: list[int] | None = None) -> bool:
    """Whether a line starts above :data:`JUMPED_LINES` lines read before it that it shares
    some width with (a headline box written after the body, a table after the text below
    it). A line beside the lines before it (a second column) does not count. ``line_of``:
    the runs' :func:`bands`, when found already."""
    if len(runs) > MAX_RUNS:
        return False
    seen: dict[int, tuple[float, float, float]] = {}  # band → top, left, right
    for run, band in zip(runs, line_of or bands(runs), strict=True):
        if band in seen:
            top, left, right = seen[band]
            seen[band] = (max(top, run.top), min(left, run.left), max(right, run.right))
            continue
        middle = (run.top + run.bottom) / 2
        below = sum(
            1
            for top, left, right in seen.values()
            if middle > top and min(right, run.right) > max(left, run.left)
        )
        if below >= JUMPED_LINES:
            return True
        seen[band] = (run.top, run.left, run.right)
    return False


#: A page is set in columns when this many of its lines hold two cells or more each at
#: least :data:`COLUMN_WIDTH` of the text's width (a table's cells are narrower, or one
#: wide cell beside a label).
COLUMN_LINES = 3
COLUMN_WIDTH = 0.3


def in_columns(runs: list[Run]) -> bool:
    """Whether the page is set in two columns or more (reading it line by line across the
    page would interleave them)."""
    if not runs:
        return False
    width = max(r.right for r in runs) - min(r.left for r in runs)
    wide = 0
    for line in _band_lines(runs):
        cells = _cell_runs(line)
        spans = [cell[-1].right - cell[0].left for cell in cells]
        wide += sum(span >= COLUMN_WIDTH * width for span in spans) >= 2
    return wide >= COLUMN_LINES


@dataclass(frozen=True)
class Line:
    """A line of text read by position: a table cell or a whole line, and its height (the
    size its largest run is set in)."""

    text: str
    height: float


def lines_by_position(runs: list[Run]) -> list[str]:
    """The page's text lines in reading order: bands top to bottom, runs left to right, a
    wide gap starting a line of its own (a table cell)."""
    return [line.text for line in placed_lines(runs)]


def placed_lines(runs: list[Run]) -> list[Line]:
    """:func:`lines_by_position` with each line's height. A run printed twice over itself
    (a producer's fake bold) counts once."""
    out: list[Line] = []
    for band in _band_lines(_without_doubles([r for r in runs if r.text.strip()])):
        for cell in _cell_runs(band):
            text = _joined(cell)
            if text:
                out.append(Line(text, max(r.size or r.height for r in cell)))
    return out


def _band_lines(runs: list[Run]) -> list[list[Run]]:
    """The runs of each line, lines top to bottom, runs left to right."""
    lines: dict[int, list[Run]] = {}
    for run, band in zip(runs, bands(runs), strict=True):
        lines.setdefault(band, []).append(run)
    ordered = sorted(lines.values(), key=lambda rs: -max(r.top for r in rs))
    merged: list[list[Run]] = []
    for line in ordered:
        if merged and _spans_into(line, merged[-1]):
            merged[-1].extend(line)
        else:
            merged.append(line)
    return [sorted(line, key=lambda r: r.left) for line in merged]


#: A line sharing this much of its height with the line above, and no width with it, is
#: a cell of that row: a cell spanning two rows, its text set between them (``담당 부서``
#: beside the contact grid's two rows), is read with the first.
SPAN_OVERLAP = 0.15


def _spans_into(line: list[Run], above: list[Run]) -> bool:
    """Whether ``line`` is cells beside the row ``above`` (set a little lower)."""
    bottom, top = min(r.bottom for r in above), max(r.top for r in above)
    low, high = min(r.bottom for r in line), max(r.top for r in line)
    shared = min(top, high) - max(bottom, low)
    if shared < SPAN_OVERLAP * max(min(high - low, top - bottom), 0.1):
        return False
    return not any(min(a.right, b.right) > max(a.left, b.left) for a in line for b in above)


#: Two runs of one text whose rectangles share this much of their width and height are
#: one run printed twice (bold made by printing it again a little to the side).
DOUBLE_OVERLAP = 0.8


def _without_doubles(runs: list[Run]) -> list[Run]:
    kept: list[Run] = []
    recent: list[Run] = []  # a double follows its first print closely
    for run in runs:
        if not any(_double(run, other) for other in recent):
            kept.append(run)
        recent = [*recent[-3:], run]
    return kept


def _double(a: Run, b: Run) -> bool:
    if a.text.strip() != b.text.strip():
        return False
    wide = min(a.right, b.right) - max(a.left, b.left)
    high = min(a.top, b.top) - max(a.bottom, b.bottom)
    return wide >= DOUBLE_OVERLAP * max(a.right - a.left, 0.1) and high >= DOUBLE_OVERLAP * a.height


def _spaced(last: Run, run: Run) -> bool:
    """Whether a space parts two runs of a line: pdfium's when it printed them one after
    the other (it ends the first with the space it found), else a gap wider than
    :data:`WORD_GAP` line heights."""
    if last.order >= 0 and run.order == last.order + 1:
        return last.text[-1:].isspace()
    return run.left - last.right > WORD_GAP * max(run.height, last.height)


def _cell_runs(band: list[Run]) -> list[list[Run]]:
    """A line's runs (left to right) parted where a gap is wider than a cell gap."""
    cells: list[list[Run]] = []
    last: Run | None = None
    for run in band:
        height = max(run.height, last.height) if last else run.height  # a comma is low
        if last is None or run.left - last.right > CELL_GAP * height:
            cells.append([])
        cells[-1].append(run)
        last = run
    return cells


def _joined(cell: list[Run]) -> str:
    """A cell's runs joined: no space across a tiny gap, one space across a word gap."""
    parts: list[str] = []
    last: Run | None = None
    for run in cell:
        text = " ".join(run.text.split())
        if not text:
            continue
        if last is not None and parts and _spaced(last, run):
            parts.append(" ")
        parts.append(text)
        last = run
    return "".join(parts)
