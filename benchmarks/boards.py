"""Board view pages: pressclip against trafilatura, field by field.

Reads every view page (an ``*.expected.json`` without ``posts``) in the shared fixture
folders ``fixtures/boards/`` (pages modelled on the five engines) and ``fixtures/real/``
(pages saved from real Korean sites), runs both tools on each, and compares their records
with the expected one the way ``fixtures/boards/README.md`` says:

* title, author: equal after NFKC, white-space folding and dropping zero-width spaces;
* published: at the golden's precision (the date when it is date-only, else the first 16
  characters of the ISO text);
* views: the integer (``null`` when the page shows none);
* attachments: the list of ``{name, url}`` in page order (trafilatura reads none);
* body: F1 over 4-token shingles of the body text against the golden paragraphs (tokens are
  runs of word characters, as the shared ``bench/score.py`` counts them); an empty golden
  body (an image-only post) scores 1 when the tool gives no text, else 0.

A field counts as right when the tool's value equals the golden's, ``null`` included.

Besides fields right and mean body F1, ``empty`` counts the pages whose body came out empty
although the golden has one. ``--split`` adds the real pages' two halves by site (see
``benchmarks/split.py`` and DEVELOPERS.md); ``--half A`` reads only one half.

``--opaque-names`` gives every tool the pages with each ``class`` and ``id`` value replaced
by an opaque token (the same word, the same token): what is left is what a site nobody has
seen shares with these, structure and label words. The drop from the plain run is how much
a score leans on names (an engine's, or the words ``title``, ``comment``, ``file``).

    python benchmarks/boards.py [--shared DIR] [--per-page] [--split] [--half A|B]
                                [--opaque-names]

``--shared`` (or ``PRESSCLIP_SHARED``) is the folder that holds ``fixtures/``; trafilatura
is optional (``pip install -e '.[bench]'``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pressclip
from pressclip.decode import decode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from opaque import opaque_names  # noqa: E402
from split import HALVES, halves  # noqa: E402

HERE = Path(__file__).resolve().parent
DEFAULT_SHARED = HERE.parent.parent / "shared"
FOLDERS = ("boards", "real")
FIELDS = ("title", "author", "published", "views", "attachments")
_TOKEN = re.compile(r"\w+")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")

Record = dict[str, Any]


def _shared_dir(arg: str | None) -> Path:
    if arg:
        return Path(arg).expanduser().resolve()
    env = os.environ.get("PRESSCLIP_SHARED")
    return Path(env).expanduser().resolve() if env else DEFAULT_SHARED


def norm(text: str | None) -> str | None:
    """NFKC, zero-width characters dropped, white space folded; None stays None."""
    if text is None:
        return None
    text = _ZERO_WIDTH.sub("", unicodedata.normalize("NFKC", text))
    return re.sub(r"\s+", " ", text).strip()


def view_pages(shared: Path) -> dict[str, list[Path]]:
    """The expected files of the view pages, per fixture folder."""
    out: dict[str, list[Path]] = {}
    for folder in FOLDERS:
        root = shared / "fixtures" / folder
        pages = [
            p
            for p in sorted(root.rglob("*.expected.json"))
            if "posts" not in json.loads(p.read_text(encoding="utf-8"))
        ]
        if pages:
            out[folder] = pages
    return out


def html_of(expected: Path) -> Path:
    return expected.with_name(expected.name.replace(".expected.json", ".html"))


# --------------------------------------------------------------------------- the tools


def run_pressclip(data: bytes, url: str) -> Record:
    """The record ``pressclip clean --base-url URL`` prints for the page."""
    article = pressclip.extract(decode(data)[0], url)
    return {
        "title": article.title,
        "author": article.author,
        "published": article.published_iso,
        "views": article.views,
        "attachments": [a.to_dict() for a in article.attachments],
        "body": article.body,
    }


def _trafilatura() -> Callable[[bytes, str], Record] | None:
    try:
        import trafilatura
    except ImportError:
        return None

    def run(data: bytes, url: str) -> Record:
        doc = trafilatura.bare_extraction(decode(data)[0], url=url, with_metadata=True)
        if doc is not None and not isinstance(doc, dict):
            doc = doc.as_dict()
        doc = doc or {}
        date = doc.get("date")
        return {
            "title": doc.get("title"),
            "author": doc.get("author"),
            "published": date,
            "views": None,
            "attachments": [],
            "body": doc.get("text") or "",
        }

    return run


# --------------------------------------------------------------------------- scoring


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(norm(text) or "")
    if not tokens:
        return Counter()
    if len(tokens) < 4:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def body_f1(golden: list[str], body: str) -> float:
    """Shingle F1 of ``body`` against the golden paragraphs (1.0 for two empty bodies)."""
    want = _shingles("\n".join(golden))
    got = _shingles(body)
    if not want or not got:
        return 1.0 if not want and not got else 0.0
    tp = sum((want & got).values())
    if not tp:
        return 0.0
    precision, recall = tp / sum(got.values()), tp / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def _same_date(want: str | None, got: str | None) -> bool:
    if want is None or got is None:
        return want is got
    if len(want) == 10:
        return got[:10] == want
    return len(got) > 10 and got[:16] == want[:16]


def field_right(name: str, want: Any, got: Any) -> bool:
    """Whether one field of the tool's record is the golden's."""
    if name == "published":
        return _same_date(want, got)
    if name == "attachments":
        norm_list = [(norm(a["name"]), a["url"]) for a in want]
        return norm_list == [(norm(a.get("name")), a.get("url")) for a in got or []]
    if name == "views":
        return want == got
    return norm(want) == norm(got)


def score(golden: Record, record: Record) -> tuple[list[str], float]:
    """The fields the tool got right, and its body F1."""
    right = [f for f in FIELDS if field_right(f, golden.get(f), record.get(f))]
    return right, body_f1(golden.get("body_paragraphs") or [], record.get("body") or "")


# --------------------------------------------------------------------------- main


def _run(
    tools: dict[str, Callable[[bytes, str], Record]], expected: Path, opaque: bool = False
) -> dict[str, Result]:
    """Each tool's result on one page: fields right, body F1, whether the body came out empty
    where the golden has one."""
    golden = json.loads(expected.read_text(encoding="utf-8"))
    data = html_of(expected).read_bytes()
    if opaque:
        data = opaque_names(data)
    out = {}
    for name, tool in tools.items():
        try:
            record = tool(data, golden["url"])
        except Exception as exc:  # noqa: BLE001 - a failing page scores nothing
            record = {"error": f"{type(exc).__name__}: {exc}"}
        right, f1 = score(golden, record)
        empty = bool(golden.get("body_paragraphs")) and not (record.get("body") or "").strip()
        out[name] = Result(right, f1, empty)
    return out


@dataclass
class Result:
    right: list[str]
    f1: float
    empty: bool


def _row(group: str, tool: str, results: list[Result]) -> str:
    right = sum(len(r.right) for r in results)
    scored = len(FIELDS) * len(results)
    f1 = sum(r.f1 for r in results) / len(results)
    empty = sum(r.empty for r in results)
    share = f"{right}/{scored}"
    return (
        f"{group:<8} {tool:<12} {len(results):>5} {share:>8} {right / scored:>5.0%}"
        f" {f1:>8.3f} {empty:>6}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", metavar="DIR", help="the folder holding fixtures/")
    parser.add_argument("--per-page", action="store_true", help="print each page's result")
    parser.add_argument(
        "--split", action="store_true", help="the real pages in two halves by site as well"
    )
    parser.add_argument("--half", choices=HALVES, help="only the real pages of this half")
    parser.add_argument(
        "--opaque-names", action="store_true", help="class and id values replaced by tokens"
    )
    args = parser.parse_args(argv)

    shared = _shared_dir(args.shared)
    folders = view_pages(shared)
    if not folders:
        print(f"skipped: no fixtures under {shared} (give --shared DIR or set PRESSCLIP_SHARED)")
        return 0
    tools: dict[str, Callable[[bytes, str], Record]] = {"pressclip": run_pressclip}
    traf = _trafilatura()
    if traf is None:
        print("note: trafilatura not installed (pip install -e '.[bench]'): compared to nothing")
    else:
        tools["trafilatura"] = traf

    half_of = halves(folders.get("real", []))
    if args.half:
        folders["real"] = [p for p in folders.get("real", []) if half_of[p] == args.half]
    groups: dict[str, list[Path]] = dict(folders)
    if args.split:
        for half in HALVES:
            groups[f"real-{half}"] = [p for p in folders.get("real", []) if half_of[p] == half]
    results = {p: _run(tools, p, args.opaque_names) for pages in folders.values() for p in pages}

    print(
        f"{'pages':<8} {'tool':<12} {'pages':>5} {'fields right':>14} {'body F1':>8} {'empty':>6}"
    )
    for group, pages in groups.items():
        if not pages:
            continue
        for name in tools:
            print(_row(group, name, [results[p][name] for p in pages]))
        if args.per_page and not group.startswith("real-"):
            for p in pages:
                for name, r in results[p].items():
                    wrong = [f for f in FIELDS if f not in r.right]
                    print(
                        f"  {p.name.split('.')[0][:48]:<48} {name:<12} body F1 {r.f1:.2f}"
                        f"{' EMPTY' if r.empty else ''}  wrong: {', '.join(wrong) or '-'}"
                    )
    flags = "".join(
        f
        for f, on in (
            (" --split", args.split),
            (" --per-page", args.per_page),
            (" --opaque-names", args.opaque_names),
        )
        if on
    )
    flags += f" --half {args.half}" if args.half else ""
    print("reproduce: python benchmarks/boards.py" + flags)
    return 0


if __name__ == "__main__":
    sys.exit(main())
