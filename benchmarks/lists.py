"""List-page benchmark: pressclip's list reader on the board and real list pages.

For every ``*list*.expected.json`` under ``fixtures/boards/`` and ``fixtures/real/`` of the
shared folder (``../shared`` next to the repository by default), reads the page with
``pressclip.parse_list`` and prints, per page, how many rows come out fully right (title,
date, notice mark and address), how many rows have no address (with a warning), and
whether ``next_page`` is right, then the totals and how many pages are fully right (every
row and the next page, where the golden has one).

    python benchmarks/lists.py [--shared DIR] [--verbose] [--split] [--half A|B]
                               [--opaque-names]

``--split`` prints the totals of the real pages' two halves by site (``split.py``, see
DEVELOPERS.md) besides the engine fixtures; ``--half`` shows only one half's real pages.
``--opaque-names`` reads the pages with their class and id words replaced by tokens
(``opaque.py``): how much the rows lean on names.

Addresses are compared as the real fixtures' README says they were rebuilt: a
``;jsessionid=`` is ignored and every query parameter of the golden must be present with
its value. A golden without a ``next_page`` key does not score the next page.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pressclip
from pressclip.decode import decode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from opaque import opaque_names  # noqa: E402
from split import HALVES, halves  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO.parent / "shared"
_SESSION = re.compile(r";jsessionid=[^/?#]*", re.IGNORECASE)


def same_url(expected: str | None, got: str | None) -> bool:
    """Whether ``got`` is the golden address (session id ignored, extra parameters allowed)."""
    if expected is None or got is None:
        return expected == got
    a, b = urlsplit(expected), urlsplit(got)
    if (a.scheme, a.netloc, _SESSION.sub("", a.path)) != (
        b.scheme,
        b.netloc,
        _SESSION.sub("", b.path),
    ):
        return False
    have = dict(parse_qsl(b.query, keep_blank_values=True))
    return all(have.get(k) == v for k, v in parse_qsl(a.query, keep_blank_values=True))


def score(path: Path, verbose: bool, opaque: bool = False) -> tuple[int, int, int, bool | None]:
    """(rows right, golden rows, rows without address, next page right or None)."""
    golden = json.loads(path.read_text(encoding="utf-8"))
    data = path.with_name(path.name.replace(".expected.json", ".html")).read_bytes()
    html = decode(opaque_names(data) if opaque else data)[0]
    listing = pressclip.parse_list(html, golden["url"])
    right = 0
    for i, want in enumerate(golden["posts"]):
        got = listing.posts[i] if i < len(listing.posts) else None
        ok = (
            got is not None
            and (got.title, got.date, got.notice) == (want["title"], want["date"], want["notice"])
            and same_url(want["url"], got.url)
        )
        right += ok
        if verbose and not ok:
            print(f"    row {i + 1}: want {want}\n           got  {got and got.to_dict()}")
    if verbose and len(listing.posts) != len(golden["posts"]):
        print(f"    {len(listing.posts)} rows read, {len(golden['posts'])} in the golden")
    missing = sum(1 for p in listing.posts if p.url is None)
    nxt = same_url(golden["next_page"], listing.next_page) if "next_page" in golden else None
    if verbose and nxt is False:
        print(f"    next: want {golden['next_page']}\n          got  {listing.next_page}")
    return right, len(golden["posts"]), missing, nxt


@dataclass
class Totals:
    """Sums over a set of pages."""

    pages: int = 0
    full: int = 0  # pages with every row and the next page right
    right: int = 0
    rows: int = 0
    missing: int = 0
    next_right: int = 0
    next_scored: int = 0

    def add(self, right: int, rows: int, missing: int, nxt: bool | None) -> None:
        self.pages += 1
        self.full += right == rows and nxt is not False
        self.right += right
        self.rows += rows
        self.missing += missing
        self.next_right += bool(nxt)
        self.next_scored += nxt is not None

    def line(self, label: str) -> str:
        return (
            f"{label:48} {f'{self.right}/{self.rows}':>10} {self.missing:>7} "
            f"{f'{self.next_right}/{self.next_scored}':>9} {f'{self.full}/{self.pages}':>11}"
        )


def _group(path: Path, half_of: dict[Path, str]) -> str:
    """``boards`` for an engine fixture, else the real page's half (``A`` or ``B``)."""
    return f"real {half_of[path]}" if path in half_of else "boards"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None, help="the shared folder")
    parser.add_argument("--verbose", action="store_true", help="print each wrong row")
    parser.add_argument("--split", action="store_true", help="totals per half by site")
    parser.add_argument("--half", choices=HALVES, help="only this half's real pages")
    parser.add_argument(
        "--opaque-names", action="store_true", help="class and id values replaced by tokens"
    )
    args = parser.parse_args(argv)
    shared = args.shared or Path(os.environ.get("PRESSCLIP_SHARED", DEFAULT_SHARED))
    pages = sorted((shared / "fixtures").glob("*/**/*list*.expected.json"))
    if not pages:
        print(f"lists.py: no list pages under {shared / 'fixtures'}", file=sys.stderr)
        return 2
    real = sorted((shared / "fixtures" / "real").glob("*.expected.json"))
    half_of = {p: h for p, h in halves(real).items() if p in set(pages)}
    if args.half:
        pages = [p for p in pages if half_of.get(p) == args.half]
    print(f"{'page':48} {'rows right':>10} {'no url':>7} {'next page':>9} {'pages right':>11}")
    totals = Totals()
    groups: dict[str, Totals] = {}
    for path in pages:
        right, rows, missing, nxt = score(path, args.verbose, args.opaque_names)
        name = f"{path.parent.name}/{path.name.split('.')[0]}"
        shown = "-" if nxt is None else "right" if nxt else "wrong"
        full = "yes" if right == rows and nxt is not False else "no"
        print(f"{name:48} {f'{right}/{rows}':>10} {missing:>7} {shown:>9} {full:>11}")
        totals.add(right, rows, missing, nxt)
        groups.setdefault(_group(path, half_of), Totals()).add(right, rows, missing, nxt)
    if args.split:
        for label in sorted(groups):
            print(groups[label].line(f"{label}: {groups[label].pages} pages"))
    print(totals.line(f"all {totals.pages} pages"))
    flags = " --split" * args.split + (f" --half {args.half}" if args.half else "")
    flags += " --opaque-names" * args.opaque_names
    print(f"reproduce: python benchmarks/lists.py{flags}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
