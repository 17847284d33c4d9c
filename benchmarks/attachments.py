"""Attachment reading speed: ms per file and MB/s per format, and how fast hostile files fail.

    python benchmarks/attachments.py              # best of 5 runs a file
    python benchmarks/attachments.py --runs 10
    python benchmarks/attachments.py --ocr-pages 3   # OCR pages per second (0: none)

Reads every file of ../shared/fixtures/attachments/ (skips with a message when absent) with
``pressclip.attachments.read_attachment`` in this process: the whole pure function (type
sniffing, container, inflate or decryption, text, title, release facts), no CLI start-up.
MB/s is file bytes over time, summed per format. Hostile files are timed until their error.

Then, on documents made here (tests/attachment_files.py, a Korean font from fonts-nanum):
the PDF reading-order cases (a release whose producer writes its runs in order, and the same
with every Hangul run first, as Microsoft Print to PDF does: ms a page, whether the page was
read by position, and whether its release facts equal those of the same release as HWP),
and OCR pages per second on a scanned release page at 300 and 200 dpi (with the share of
its characters read), when Tesseract with Korean is installed.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT.parent / "shared" / "fixtures" / "attachments"


def best_time(data: bytes, runs: int, max_bytes: int) -> tuple[float, str]:
    """Best wall time of ``runs`` reads, and what the read gave (format or error kind)."""
    from pressclip.attachments import AttachmentError, read_attachment

    best = float("inf")
    outcome = ""
    for _ in range(runs):
        start = time.perf_counter()
        try:
            doc = read_attachment(data, max_bytes=max_bytes)
            outcome = f"{doc.format}, {len(''.join(doc.text.split())):,} chars"
        except AttachmentError as exc:
            outcome = f"error: {exc.kind}"
        best = min(best, time.perf_counter() - start)
    return best, outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs a file (best counts)")
    parser.add_argument("--max-bytes", type=int, default=64 * 2**20)
    parser.add_argument("--ocr-pages", type=int, default=2, help="scanned pages OCR reads")
    args = parser.parse_args()
    if not FIXTURES.is_dir():
        print(f"skipped: {FIXTURES.relative_to(ROOT.parent)} is absent", file=sys.stderr)
        return 0
    sys.path.insert(0, str(ROOT / "src"))
    import pressclip.attachments  # noqa: F401  (imports outside the timings)

    files = sorted(p for p in FIXTURES.rglob("*") if p.is_file() and p.suffix != ".json")
    files = [p for p in files if p.name != "README.md"]
    per_format: dict[str, list[float]] = {}
    print(f"{'file':<58} {'KiB':>6} {'ms':>8}  result")
    for path in files:
        data = path.read_bytes()
        seconds, outcome = best_time(data, args.runs, args.max_bytes)
        name = str(path.relative_to(FIXTURES))
        print(f"{name:<58} {len(data) / 1024:>6.0f} {seconds * 1000:>8.2f}  {outcome}")
        if not outcome.startswith("error") and not name.startswith("hostile/"):
            fmt = outcome.split(",")[0]
            totals = per_format.setdefault(fmt, [0.0, 0.0, 0.0])
            totals[0] += len(data)
            totals[1] += seconds
            totals[2] += 1
    print()
    print(f"{'format':<8} {'files':>5} {'MB':>7} {'ms/file':>8} {'MB/s':>7}")
    for fmt, (size, seconds, count) in sorted(per_format.items()):
        print(
            f"{fmt:<8} {count:>5.0f} {size / 1e6:>7.2f} {seconds * 1000 / count:>8.1f} "
            f"{size / 1e6 / seconds:>7.1f}"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MiB (max_bytes {args.max_bytes:,})")
    generated(args.runs, args.ocr_pages)
    print(f"reproduce: python benchmarks/attachments.py --runs {args.runs}")
    return 0


def generated(runs: int, ocr_pages: int) -> None:
    """The reading-order cases and OCR speed, on documents made here."""
    sys.path.insert(0, str(ROOT / "tests"))
    from attachment_files import korean_font, korean_font_path

    font = korean_font()
    if font is None:
        print("\nskipped the generated cases: no Korean font (apt-get install fonts-nanum)")
        return
    reading_order(font, runs)
    path = korean_font_path()
    if ocr_pages and path:
        ocr_speed(path, ocr_pages)


def reading_order(font: bytes, runs: int) -> None:
    from attachment_files import korean_pdf
    from test_attachment_pdf_order import hwp_release, pdf_lines

    from pressclip.attachments import read_attachment
    from pressclip.attachments.pdf import read_pdf  # noqa: F401  (imports outside the timings)

    want = read_attachment(hwp_release()).release
    print()
    print(f"{'PDF reading order (generated release)':<40} {'ms/page':>8}  by position  facts = HWP")
    for name, split in (("runs in order", False), ("Hangul runs first, digits after", True)):
        data = korean_pdf([pdf_lines()], split_runs=split, font=font)
        seconds, _ = best_time(data, runs, 64 * 2**20)
        doc = read_attachment(data)
        moved = "보도시점" in doc.paragraphs  # the header row's cells apart: read by position
        print(f"{name:<40} {seconds * 1000:>8.2f}  {moved!s:<11}  {doc.release == want}")


def ocr_speed(font_path: str, pages: int) -> None:
    from attachment_files import image_pdf, scanned_page
    from test_attachment_ocr import RELEASE, found_share

    from pressclip.attachments import read_attachment
    from pressclip.attachments.ocr import missing, version

    if missing():
        print(f"\nskipped OCR: {missing()}")
        return
    print()
    print(f"OCR ({version()}, kor+eng)  pages  seconds  pages/s  characters read")
    for dpi in (300, 200):
        page = scanned_page(RELEASE, dpi=dpi, font_path=font_path, noise=3)
        data = image_pdf([page] * pages, dpi)
        start = time.perf_counter()
        doc = read_attachment(data, ocr=True)
        seconds = time.perf_counter() - start
        share = found_share(RELEASE * pages, doc.text)
        rate = pages / seconds
        print(f"scanned A4 at {dpi} dpi {pages:>10} {seconds:>8.1f} {rate:>8.2f}  {share:.1%}")


if __name__ == "__main__":
    raise SystemExit(main())
