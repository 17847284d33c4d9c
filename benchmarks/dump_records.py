"""Dump pressclip's records for every saved page, so two checkouts can be compared byte for byte.

A change meant to leave output alone (a speed-up, a refactoring) is checked by dumping before
and after it and comparing the two files (``cmp``). Pages come from:

* the shared bench folder: the article-extraction-benchmark and wcxb-dev pages, read as
  ``benchmarks/extract.py`` reads them (gzip, UTF-8 with replacement);
* the shared fixtures ``fixtures/boards`` and ``fixtures/real`` (view and list pages, with the
  ``url`` of their expected file as the base URL);
* the HTML under ``tests/fixtures``.

For each page one JSON line holds what a user sees:

* ``extract``: the record of ``pressclip.extract(html, url)`` and the sources of its fields
  (what ``pressclip detect`` shows);
* ``clean``: the record ``pressclip clean --base-url URL`` prints for the page's bytes, or the
  error it reports (a list page is refused);
* ``list``: the listing ``pressclip.parse_list(html, url)`` gives.

An exception is written as its type and message instead of a record, so a page that fails
still compares. The script runs itself with ``PYTHONHASHSEED=0``: on a few pages the list
reader's output follows the order of a set of strings, which Python seeds at random in each
process, so only dumps made under one seed compare.

    python benchmarks/dump_records.py [-o FILE] [--shared DIR] [--no-bench]
    cmp before.jsonl after.jsonl
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pressclip
from pressclip.decode import decode
from pressclip.pipeline import apply_dedup, read_document

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_SHARED = REPO.parent / "shared"
DEFAULT_OUT = HERE / "out" / "records.jsonl"

#: Bench folders under ``bench/`` whose pages are dumped.
BENCH_FOLDERS = ("article-extraction-benchmark", "wcxb-dev")
#: Fixture folders under the shared ``fixtures/``.
FIXTURE_FOLDERS = ("boards", "real")


#: One page: a label, its bytes, its text as the benchmarks read it, and its base URL.
Page = tuple[str, bytes, str, str | None]


def _shared_dir(arg: str | None) -> Path:
    if arg:
        return Path(arg).expanduser().resolve()
    env = os.environ.get("PRESSCLIP_SHARED")
    return Path(env).expanduser().resolve() if env else DEFAULT_SHARED


def bench_pages(shared: Path) -> Iterator[Page]:
    """The benchmark pages, decoded as ``benchmarks/extract.py`` decodes them; no URL."""
    for name in BENCH_FOLDERS:
        folder = shared / "bench" / name / "html"
        for path in sorted(folder.glob("*.html.gz")):
            raw = gzip.decompress(path.read_bytes())
            yield f"bench/{name}/{path.name}", raw, raw.decode("utf-8", errors="replace"), None


def _expected_url(html: Path) -> str | None:
    expected = html.with_name(html.name.removesuffix(".html") + ".expected.json")
    if not expected.is_file():
        return None
    url = json.loads(expected.read_text(encoding="utf-8")).get("url")
    return url if isinstance(url, str) else None


def fixture_pages(root: Path, label: str) -> Iterator[Page]:
    """The HTML files under ``root``, decoded as the CLI decodes them, with the URL of their
    expected file when there is one."""
    for path in sorted(root.rglob("*.html")):
        raw = path.read_bytes()
        name = f"{label}/{path.relative_to(root).as_posix()}"
        yield name, raw, decode(raw)[0], _expected_url(path)


def _guarded(run: Callable[[], Any]) -> Any:
    """``run()``'s value, or its exception as ``{"error": "Type: message"}``."""
    try:
        return run()
    except Exception as exc:  # noqa: BLE001 - a failure is part of the output compared
        return {"error": f"{type(exc).__name__}: {exc}"}


def _extracted(html: str, url: str | None) -> dict[str, Any]:
    article = pressclip.extract(html, url)
    return {"record": article.to_dict(), "sources": article.sources}


def _cleaned(raw: bytes, url: str | None) -> dict[str, Any]:
    """What ``pressclip clean --base-url URL`` prints: read, then deduplicated."""
    return apply_dedup(read_document(raw, url=url))[0].to_dict()


def record(page: Page) -> dict[str, Any]:
    """The dump line of one page."""
    name, raw, html, url = page
    return {
        "page": name,
        "url": url,
        "extract": _guarded(lambda: _extracted(html, url)),
        "clean": _guarded(lambda: _cleaned(raw, url)),
        "list": _guarded(lambda: pressclip.parse_list(html, url).to_dict()),
    }


def all_pages(shared: Path, with_bench: bool) -> Iterator[Page]:
    if with_bench:
        yield from bench_pages(shared)
    for folder in FIXTURE_FOLDERS:
        yield from fixture_pages(shared / "fixtures" / folder, f"fixtures/{folder}")
    yield from fixture_pages(REPO / "tests" / "fixtures", "tests/fixtures")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "-o", "--output", metavar="FILE", default=str(DEFAULT_OUT), help="the JSONL file written"
    )
    parser.add_argument(
        "--shared",
        metavar="DIR",
        help="the shared folder (default: ../shared next to the repository, or $PRESSCLIP_SHARED)",
    )
    parser.add_argument(
        "--no-bench", action="store_true", help="leave out the benchmark pages (fixtures only)"
    )
    args = parser.parse_args(argv)
    shared = _shared_dir(args.shared)
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with out.open("w", encoding="utf-8") as sink:
        for page in all_pages(shared, not args.no_bench):
            sink.write(json.dumps(record(page), ensure_ascii=False) + "\n")
            count += 1
    print(f"{count} pages written to {out}")
    return 0


#: The string-hash seed every dump is made under (see the module's note).
HASH_SEED = "0"


def _run_with_fixed_hash_seed() -> None:
    """Run this script again under :data:`HASH_SEED` unless it already is."""
    if os.environ.get("PYTHONHASHSEED") != HASH_SEED:
        os.environ["PYTHONHASHSEED"] = HASH_SEED
        os.execv(sys.executable, [sys.executable, __file__, *sys.argv[1:]])


if __name__ == "__main__":
    _run_with_fixed_hash_seed()
    sys.exit(main())
