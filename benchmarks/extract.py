"""Article-body extraction benchmark: pressclip's generic extractor against trafilatura.

Reads the article-extraction-benchmark pages from the shared bench folder (``../shared``
next to the repository by default), runs both tools page by page in one process, timing
each call, writes their predictions to ``benchmarks/out/`` and scores them with the shared
``score.py`` (shingle precision, recall and F1 per page).

    python benchmarks/extract.py [--shared DIR] [--repeat N] [--per-page] [--only TOOL]

Each page is run N times per tool (default 3) and the fastest time is kept, which steadies
the figures on a busy machine; ``--repeat 1`` gives single cold-ish calls.

``--shared`` (or the environment variable ``PRESSCLIP_SHARED``) points at the shared folder,
the one that holds ``bench/``. trafilatura is optional (``pip install -e '.[bench]'``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

import pressclip

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_SHARED = REPO.parent / "shared"
OUT = HERE / "out"


def _shared_dir(arg: str | None) -> Path:
    if arg:
        return Path(arg).expanduser().resolve()
    env = os.environ.get("PRESSCLIP_SHARED")
    if env:
        return Path(env).expanduser().resolve()
    return DEFAULT_SHARED


def _load_pages(bench: Path) -> dict[str, str]:
    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    pages: dict[str, str] = {}
    for page_id in sorted(truth):
        raw = gzip.decompress((bench / "html" / f"{page_id}.html.gz").read_bytes())
        pages[page_id] = raw.decode("utf-8", errors="replace")
    return pages


def _parse_only(html: str) -> str:
    LexborHTMLParser(html)
    return ""


def _pressclip(html: str) -> str:
    """The whole public pipeline a user runs: engine detection, extraction, dedup."""
    return pressclip.extract(html).body


def _tools() -> tuple[dict[str, Callable[[str], str]], str | None]:
    tools: dict[str, Callable[[str], str]] = {
        "parse": _parse_only,
        "pressclip": _pressclip,
    }
    try:
        import trafilatura
    except ImportError:
        return tools, "trafilatura not installed (pip install -e '.[bench]'): compared to nothing"

    def run_trafilatura(html: str) -> str:
        return trafilatura.extract(html) or ""

    tools["trafilatura"] = run_trafilatura
    return tools, None


def _score(score_py: Path, files: list[Path], per_page: Path | None) -> dict[str, dict]:
    results = OUT / "scores.json"
    cmd = [sys.executable, str(score_py), *map(str, files), "--json", str(results)]
    if per_page is not None:
        cmd += ["--per-page", str(per_page)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    data: dict[str, dict] = json.loads(results.read_text(encoding="utf-8"))
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared",
        metavar="DIR",
        help="the shared folder holding bench/ (default: ../shared next to "
        "the repository, or $PRESSCLIP_SHARED)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        metavar="N",
        help="run every page N times per tool and keep the fastest (default 3)",
    )
    parser.add_argument(
        "--per-page",
        action="store_true",
        help="also write per-page scores to benchmarks/out/pages.jsonl",
    )
    parser.add_argument(
        "--only",
        choices=("pressclip", "trafilatura"),
        help="run one extractor only (plus the bare parse)",
    )
    args = parser.parse_args(argv)

    shared = _shared_dir(args.shared)
    bench = shared / "bench"
    data = bench / "article-extraction-benchmark"
    score_py = bench / "score.py"
    if not (data / "ground-truth.json").is_file() or not score_py.is_file():
        print(f"skipped: {bench} not found (give --shared DIR or set PRESSCLIP_SHARED)")
        return 0

    tools, note = _tools()
    if note:
        print(f"note: {note}")
    if args.only:
        tools = {k: v for k, v in tools.items() if k in ("parse", args.only)}
    pages = _load_pages(data)
    predictions: dict[str, dict[str, dict[str, str]]] = {name: {} for name in tools}
    seconds: dict[str, list[float]] = {name: [] for name in tools}
    clock = time.perf_counter
    # Page by page, every tool in turn, so that caches and CPU frequency treat them alike.
    for page_id, html in pages.items():
        for name, tool in tools.items():
            best = float("inf")
            text = ""
            for _ in range(max(1, args.repeat)):
                start = clock()
                text = tool(html)
                best = min(best, clock() - start)
            seconds[name].append(best)
            predictions[name][page_id] = {"articleBody": text}

    OUT.mkdir(parents=True, exist_ok=True)
    files = []
    for name in tools:
        if name == "parse":
            continue
        path = OUT / f"{name}.json"
        path.write_text(json.dumps(predictions[name], ensure_ascii=False), encoding="utf-8")
        files.append(path)
    per_page = OUT / "pages.jsonl" if args.per_page else None
    scores = _score(score_py, files, per_page)

    n = len(pages)
    ms = {name: 1000 * sum(s) / n for name, s in seconds.items()}
    median = {name: 1000 * statistics.median(s) for name, s in seconds.items()}
    print(f"{n} pages from {data.name}")
    print(
        f"{'tool':<12} {'F1':>6} {'prec':>6} {'recall':>6} {'exact':>6} {'empty':>5}"
        f" {'ms/page':>8} {'median':>7}"
    )
    for name in tools:
        if name == "parse":
            print(
                f"{'bare parse':<12} {'':>6} {'':>6} {'':>6} {'':>6} {'':>5}"
                f" {ms[name]:>8.2f} {median[name]:>7.2f}"
            )
            continue
        r = scores[name]
        print(
            f"{name:<12} {r['f1']:>6.3f} {r['precision']:>6.3f} {r['recall']:>6.3f}"
            f" {r['accuracy']:>6.3f} {r['empty_predictions']:>5} {ms[name]:>8.2f}"
            f" {median[name]:>7.2f}"
        )
    if "pressclip" in ms:
        if "trafilatura" in ms:
            print(
                f"pressclip time = {ms['pressclip'] / ms['trafilatura']:.3f} x trafilatura's"
                f" (1/{ms['trafilatura'] / ms['pressclip']:.1f})"
            )
        print(f"pressclip time = {ms['pressclip'] / ms['parse']:.1f} x a bare lexbor parse")
    if per_page is not None:
        print(f"per-page scores: {per_page.relative_to(REPO)}")
    print(
        "reproduce: python benchmarks/extract.py"
        + (f" --repeat {args.repeat}" if args.repeat != 3 else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
