"""Benchmark `pressclip search`: what the index costs per post, building it for an existing
archive (the 3 → 4 migration), and the time of a search against archive size.

Reproduce (from the repository root)::

    .venv/bin/python benchmarks/search.py                       # 1,000 and 5,000 posts
    .venv/bin/python benchmarks/search.py --sizes 2000 --stores sqlite

Each archive holds ``--sizes`` posts of pseudo-Korean text (``tests/test_archive.py``'s
``words``: about 250 characters of body each) with one attachment of about 2,000
characters of text, stored through the store as a run would (the index row is written in
the post's transaction). Planted words: ``행정중심복합신도시`` in 1 % of the posts (the
query ``신도시`` must find it inside the word), ``예산`` (two syllables: matched by LIKE,
not the trigram index) in 20 % (the posts with the long word among them), and
``국토교통부`` in 10 % of the attachments only.

The text is random syllables of all 11,172: nearly every trigram is new, the worst case for
the index's size (real Korean repeats a few hundred syllables most of the time).

Printed per store and size: ms per post saved, of which ms in the index write; the
migration's index build over every post (s); the fastest of 5 runs of each query through
:func:`pressclip.archive.search.search_archive` (20 hits with snippets), in ms; and one
``pressclip search`` in a child process (start-up included); on PostgreSQL also ``신도시``
with bitmap scans off and sequential ones allowed, which is what the planner picks by
itself (it does not count reading the TOASTed text). SQLite, and PostgreSQL when its
server binaries are found (a server in a temporary directory; the databases are made with
``LC_CTYPE 'C.UTF-8'``, as pg_trgm needs for Hangul). Figures depend on the
machine (it is shared: take the ratios between sizes more than the absolute values).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from conftest import PgServer, running_postgres  # noqa: E402
from test_archive import words  # noqa: E402

from pressclip.archive.search import search_archive  # noqa: E402
from pressclip.archive.store import SavedFile, Store, open_store  # noqa: E402
from pressclip.archive.store.base import build_index  # noqa: E402
from pressclip.archive.store.postgres import PostgresStore  # noqa: E402
from pressclip.model import Article, Attachment  # noqa: E402

QUERIES = ["신도시", "국토교통부", "예산", "신도시 예산", "없는낱말입니다"]


def post(n: int) -> tuple[Article, SavedFile]:
    """Post ``n``: a title, three paragraphs, one attachment's text; planted words."""
    rng = random.Random(n)
    paragraphs = [words(n * 10 + k, 25) + "다." for k in range(3)]
    if n % 100 == 7:
        paragraphs[1] += " 행정중심복합신도시 건설 계획을 밝혔다."
    if n % 10 in (3, 7):
        paragraphs[2] += " 내년 예산 3억 원을 들인다."
    text = "\n\n".join(words(n * 10 + 5 + k, 60) for k in range(4))
    if n % 10 == 5:
        text += "\n\n문의: 국토교통부 도시정책과"
    article = Article(
        url=f"http://b.kr/{n}", title=f"보도자료 {n}: {words(n, 3)}", paragraphs=paragraphs
    )
    saved = SavedFile(Attachment(f"{n}.hwp", f"http://b.kr/f/{n}"), path=f"{n}.hwp")
    saved.text, saved.size = text, rng.randint(20_000, 90_000)
    return article, saved


def fill(store: Store, size: int) -> tuple[float, float]:
    """Store ``size`` posts; (ms per post saved, ms of it in the index write)."""
    board = store.board("b", "http://b.kr/")
    spent = [0.0]
    put = store._put_index

    def timed_put(*args: object) -> None:
        start = time.perf_counter()
        put(*args)  # type: ignore[arg-type]
        spent[0] += time.perf_counter() - start

    store._put_index = timed_put  # type: ignore[method-assign]
    start = time.perf_counter()
    for n in range(1, size + 1):
        article, saved = post(n)
        store.save(board.id, f"k{n}", article.url or "", article.title, False, article, b"",
                   "utf-8", [saved])  # fmt: skip
    total = time.perf_counter() - start
    store._put_index = put  # type: ignore[method-assign]
    if isinstance(store, PostgresStore):
        store.q("VACUUM ANALYZE")
    return total / size * 1000, spent[0] / size * 1000


def rebuild(store: Store) -> float:
    """Seconds to build the index again over every post, as the 3 → 4 migration does."""
    with store.transaction():
        if isinstance(store, PostgresStore):
            store.q("DROP TABLE search_index")
            store.q(
                "CREATE TABLE search_index (post_id BIGINT PRIMARY KEY REFERENCES posts(id), "
                "title TEXT NOT NULL, body TEXT NOT NULL, attachments TEXT NOT NULL)"
            )
        else:
            store.q("DROP TABLE search_index")
        start = time.perf_counter()
        build_index(store)
        return time.perf_counter() - start


def query_ms(store: Store, query: str) -> tuple[float, int]:
    """The fastest of 5 searches for ``query`` (ms) and its number of hits (at most 20)."""
    best, hits = float("inf"), 0
    for _ in range(5):
        start = time.perf_counter()
        hits = len(search_archive(store, query, limit=20))
        best = min(best, time.perf_counter() - start)
    return best * 1000, hits


def cli_ms(target: str, query: str) -> float:
    """One `pressclip search` in a child process, start-up included (fastest of 3), ms."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "pressclip", "search", query, "--db", target, "-f", "jsonl"],
            stdout=subprocess.DEVNULL,
            check=True,
        )
        best = min(best, time.perf_counter() - start)
    return best * 1000


def utf8_database(server: PgServer, size: int) -> str:
    """A database whose LC_CTYPE is C.UTF-8: in the test server's default (C) pg_trgm takes
    no Hangul into trigrams and every search reads every row (pressclip warns of it)."""
    import psycopg

    name = f"search_{size}"
    with psycopg.connect(server.url(), autocommit=True) as conn:
        conn.execute(
            f"CREATE DATABASE {name} TEMPLATE template0 LC_CTYPE 'C.UTF-8' LC_COLLATE 'C.UTF-8'"
        )
    return server.url(name)


def bench(kind: str, target: str, size: int) -> None:
    with open_store(target) as store:
        per_post, in_index = fill(store, size)
        build = rebuild(store)
        print(f"{kind}, {size:,} posts: save {per_post:.2f} ms/post, of which index write "
              f"{in_index:.2f} ms; index build over all posts {build:.1f} s")  # fmt: skip
        if kind == "sqlite":
            row = store.one("SELECT sum(pgsize) AS n FROM dbstat WHERE name LIKE 'search_index%'")
            print(f"  database file: {os.path.getsize(target) / 2**20:.1f} MiB, of which the "
                  f"search index {row['n'] / 2**20:.1f} MiB")  # fmt: skip
        for query in QUERIES:
            ms, hits = query_ms(store, query)
            print(f"  search {query!r:<22} {ms:8.1f} ms  ({hits} hits)")
        if isinstance(store, PostgresStore):  # what the planner would do on its own
            store.q("SET enable_bitmapscan = off")
            store._problem = "benchmark: no index"
            ms, hits = query_ms(store, "신도시")
            print(f"  search '신도시' without the trigram index: {ms:.1f} ms ({hits} hits)")
            store.q("RESET enable_bitmapscan")
            store._problem = None
    print(
        f"  pressclip search '신도시' (CLI, start-up included): {cli_ms(target, '신도시'):.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000", help="archive sizes (posts)")
    parser.add_argument("--stores", default="sqlite,postgresql")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    kinds = args.stores.split(",")
    print(f"$ .venv/bin/python benchmarks/search.py --sizes {args.sizes} --stores {args.stores}")
    with tempfile.TemporaryDirectory() as tmp:
        if "sqlite" in kinds:
            for size in sizes:
                bench("sqlite", str(Path(tmp) / f"s{size}.sqlite"), size)
        if "postgresql" in kinds:
            with running_postgres() as server:
                if server is None:
                    print("postgresql: skipped (initdb/pg_ctl not found)")
                    return
                for size in sizes:
                    bench("postgresql", utf8_database(server, size), size)


if __name__ == "__main__":
    main()
