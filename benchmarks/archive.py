"""Benchmark `pressclip archive`: cost per run against archive size, workers on a queue, and
boards of many hosts at once in one process.

Reproduce (from the repository root)::

    .venv/bin/python benchmarks/archive.py                 # everything below
    .venv/bin/python benchmarks/archive.py --part second   # only the second-run figures
    .venv/bin/python benchmarks/archive.py --part workers --boards 100 --hosts 5
    .venv/bin/python benchmarks/archive.py --part first --posts 1000   # a first run
    .venv/bin/python benchmarks/archive.py --part parallel             # --parallel 1 and 8

Parts (the boards are the generated gnuboard5 boards of ``tests/test_archive.py``):

- ``minhash``: the signature of one post (~700 characters) with pressclip's own
  one-permutation MinHash, rensa and datasketch (those two only if installed), their import
  times, and the mean error against the exact Jaccard similarity of 100 edited pairs.
- ``second``: an archive holding 1,000 and then 20,000 posts of one board (stored directly
  through the store, which is what a first run leaves), then a run that finds 10 new posts,
  in this process (time of the run, CPU time of the thread that runs it (SQLite's work
  included, the board server's threads not), time spent in the database's calls, and
  statements sent to the store; after a warm-up run, the fastest of 7) and as the CLI in
  a child process (time including start-up and imports; the fastest of 5 more runs of 10
  new posts). The runs take turns between the two archives, so the machine's busy moments
  fall on both alike. The ratio of the two sizes' figures is what the issue asks to be at most
  1.3. SQLite, and PostgreSQL when its server binaries are found (a server is started in
  a temporary directory).
- ``workers``: ``--boards`` boards spread over ``--hosts`` loopback addresses (127.0.0.2,
  127.0.0.3 …), enqueued with ``--delay``, then drained by 1 and by 3 ``pressclip worker
  --burst`` processes. Each server records when each request starts and ends: the most
  requests at once to one host and the shortest gap between two requests to one host,
  from the end of a response to the next request and from start to start. (The server
  stamps a response's end when its thread runs again after the write; on a loaded machine
  that can be a few ms after the client has read the response and let the next request
  go, so the end-to-start gap can show a little under ``--delay``.)
- ``first``: a first run of a ``--posts`` board then a second with 10 new posts, as the CLI
  (the figures of earlier README versions).
- ``parallel``: 40 boards of ``--board-posts`` posts (one attachment each) on 8 loopback
  hosts (127.0.0.2 … 127.0.0.9, 5 boards a host), first runs of one ``pressclip archive``
  process into a new SQLite archive at ``--delay``, with ``--parallel 1`` and then
  ``--parallel 8`` (fresh servers and archive each): wall time, the speed-up, and as for
  ``workers`` the most requests at once to one host and the shortest gap between two.

Figures depend on the machine; servers and workers share its CPU.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from conftest import running_postgres  # noqa: E402
from test_archive import BoardServer, FakeBoard, words  # noqa: E402

from pressclip.archive.store import Store, open_store, post_key  # noqa: E402
from pressclip.archive.store.postgres import PostgresStore  # noqa: E402
from pressclip.archive.walk import Board, Settings, archive  # noqa: E402
from pressclip.fetch.http import FetchOptions  # noqa: E402
from pressclip.model import Article  # noqa: E402

# -- minhash ------------------------------------------------------------------------------------


def bench_minhash() -> None:
    from pressclip.archive import minhash
    from pressclip.dedup import key

    texts = ["\n".join(words(s * 10 + k, 40) for k in range(6)) for s in range(200)]
    rng = random.Random(3)
    pairs = []
    for t0 in texts[:100]:
        cut = rng.randint(0, len(t0) // 2)
        pairs.append((t0, t0[: len(t0) - cut] + words(rng.randrange(10**6), rng.randint(0, 40))))

    def exact(a: str, b: str) -> float:
        a, b = key(a), key(b)
        sa = {a[i : i + 5] for i in range(len(a) - 4)}
        sb = {b[i : i + 5] for i in range(len(b) - 4)}
        return len(sa & sb) / len(sa | sb)

    def shingles(text: str) -> list[str]:
        text = key(text)
        return [text[i : i + 5] for i in range(len(text) - 4)]

    def ours() -> tuple[Any, Any]:
        return minhash.signature, lambda a, b: minhash.similarity(a, b)

    def rensa() -> tuple[Any, Any]:
        import rensa as r

        def sign(text: str) -> Any:
            h = r.RMinHash(num_perm=128, seed=1)
            h.update(shingles(text))
            return h

        return sign, lambda a, b: a.jaccard(b)

    def datasketch() -> tuple[Any, Any]:
        from datasketch import MinHash

        def sign(text: str) -> Any:
            h = MinHash(num_perm=128, seed=1)
            h.update_batch([s.encode() for s in shingles(text)])
            return h

        return sign, lambda a, b: a.jaccard(b)

    chars = sum(len(key(t)) for t in texts) / len(texts)
    print(f"minhash: {len(texts)} texts of {chars:.0f} characters, 128 slots/permutations")
    for name, make in (("pressclip", ours), ("rensa", rensa), ("datasketch", datasketch)):
        start = time.perf_counter()
        try:
            sign, sim = make()
            if name == "datasketch":
                sign("x" * 100)  # datasketch imports numpy and scipy lazily
        except ImportError:
            print(f"  {name:10}  not installed")
            continue
        imported = time.perf_counter() - start
        start = time.perf_counter()
        for t in texts:
            sign(t)
        each = (time.perf_counter() - start) / len(texts) * 1000
        error = sum(abs(sim(sign(a), sign(b)) - exact(a, b)) for a, b in pairs) / len(pairs)
        print(
            f"  {name:10}  {each:.3f} ms/signature, import {imported:.2f} s, "
            f"mean |error| {error:.3f}"
        )


# -- second run against archive size ------------------------------------------------------------


def seed(store: Store, board: FakeBoard, base: str, name: str) -> None:
    """Store every post of ``board`` as a first run would, and mark the board walked.

    On PostgreSQL the posts go 50 to an outer transaction (each save a savepoint inside
    it, for speed), then VACUUM ANALYZE, as autovacuum would have done long before an
    archive grew this large (and so it does not run during the measured runs)."""
    state = store.board(name, f"{base}/bbs/board.php?bo_table={board.table}")
    posts = list(reversed(board.posts))
    for batch in range(0, len(posts), 50):
        pg = isinstance(store, PostgresStore)
        with store.transaction() if pg else contextlib.nullcontext():
            for post in posts[batch : batch + 50]:
                url = f"{base}/bbs/board.php?bo_table={board.table}&wr_id={post.id}&page=1"
                article = Article(
                    url=url, title=post.title, author="홍보담당", paragraphs=post.paragraphs
                )
                html = board.view_html(base, post).encode()
                key = post_key(url)
                store.save(state.id, key, url, post.title, False, article, html, "utf-8", [])
    store.finish_walk(state.id, None)
    if isinstance(store, PostgresStore):
        store.q("VACUUM ANALYZE")


def timed(store: Store) -> list[float]:
    """Add up the seconds ``store`` spends in the database (a one-item list, updated)."""
    spent = [0.0]
    execute, executemany = store._execute, store._executemany

    def _execute(sql: str, args: Any = ()) -> Any:
        start = time.perf_counter()
        try:
            cur = execute(sql, args)
            if cur.description:  # rows are read in q(): read them here, timed
                rows = cur.fetchall()
                return _Rows(rows, cur.description)
            return cur
        finally:
            spent[0] += time.perf_counter() - start

    def _executemany(sql: str, rows: Any) -> None:
        start = time.perf_counter()
        try:
            executemany(sql, rows)
        finally:
            spent[0] += time.perf_counter() - start

    store._execute = _execute  # type: ignore[method-assign]
    store._executemany = _executemany  # type: ignore[method-assign]
    return spent


class _Rows:
    """Rows already fetched, as a cursor hands them over."""

    def __init__(self, rows: list[Any], description: Any) -> None:
        self.rows, self.description = rows, description

    def fetchall(self) -> list[Any]:
        return self.rows


class Archived:
    """A board of ``size`` archived posts on its own server, and the runs measured on it."""

    def __init__(self, target: str, size: int, tmp: Path) -> None:
        self.target, self.size, self.tmp = target, size, tmp
        self.board = FakeBoard(count=size, files=1)
        self.server = BoardServer(self.board).__enter__()
        start = time.perf_counter()
        with open_store(target) as store:
            seed(store, self.board, self.server.base, "127.0.0.1/press")
        self.seeded = time.perf_counter() - start
        self.runs: list[tuple[float, float, float, int, int]] = []
        self.clis: list[float] = []
        self.warm = False
        self.run()  # finds nothing new: imports, caches and connections warm up
        self.runs.clear()
        self.warm = True

    def run(self) -> None:
        """One run in this process that finds the 10 posts added before it."""
        boards = [Board(self.server.list_url(), "127.0.0.1/press")]
        settings = Settings(self.tmp / "files", FetchOptions(delay=0))
        new = 10 if self.warm else 0
        for _ in range(new):
            self.board.add()
        self.server.take_log()
        start, cpu = time.perf_counter(), time.thread_time()
        with open_store(self.target) as store:
            in_store = timed(store)
            (result,) = archive(boards, store, settings)
            queries = store.queries
        seconds, cpu = time.perf_counter() - start, time.thread_time() - cpu
        assert result.new == new and result.ok, result
        self.runs.append((seconds, cpu, in_store[0], queries, len(self.server.take_log())))

    def cli(self) -> None:
        """One run of the CLI in a child process that finds 10 new posts."""
        for _ in range(10):
            self.board.add()
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "pressclip", "archive", self.server.list_url()]
            + ["--db", self.target, "--delay", "0", "--files", str(self.tmp / "files")],
            capture_output=True,
            text=True,
        )
        self.clis.append(time.perf_counter() - start)
        assert proc.returncode == 0 and "10 new" in proc.stderr, proc.stderr

    def figures(self) -> dict[str, float]:
        """The fastest of each (the machine is shared: the fastest is the least disturbed)."""
        run, _, _, queries, requests = min(self.runs)
        return {
            "seeded": self.seeded,
            "run": run,
            "cpu": min(r[1] for r in self.runs),
            "store": min(r[2] for r in self.runs),
            "queries": queries,
            "requests": requests,
            "cli": min(self.clis),
        }

    def close(self) -> None:
        self.server.__exit__()


def second_runs(make: Any, sizes: list[int], tmp: Path) -> dict[int, dict[str, float]]:
    """Seed an archive of each size, then runs taking turns between the sizes (so a busy
    moment of the machine falls on all of them alike): 7 in this process, 5 as the CLI."""
    archives = [Archived(make(size), size, tmp / f"a{size}") for size in sizes]
    # The generated boards live in this process; keep the garbage collector from walking
    # their posts during the measured runs (a bigger board would cost more there, not in
    # pressclip).
    gc.collect()
    gc.freeze()
    try:
        for _ in range(7):
            for a in archives:
                a.run()
        for _ in range(5):
            for a in archives:
                a.cli()
        return {a.size: a.figures() for a in archives}
    finally:
        gc.unfreeze()
        for a in archives:
            a.close()


def bench_second(sizes: list[int], kinds: list[str]) -> None:
    print("second run with 10 new posts (1 attachment each), --delay 0")
    with running_postgres() as pg, tempfile.TemporaryDirectory() as tmp:
        stores: list[tuple[str, Any]] = []
        if "sqlite" in kinds:
            stores.append(("sqlite", lambda n: str(Path(tmp) / f"s{n}.sqlite")))
        if pg is not None and "postgresql" in kinds:
            stores.append(("postgresql", lambda n: pg.new_database()))
        elif "postgresql" in kinds:
            print("  postgresql: server binaries not found, skipped")
        for kind, make in stores:
            figures = second_runs(make, sizes, Path(tmp) / kind)
            for size in sizes:
                f = figures[size]
                print(
                    f"  {kind:10} {size:>6} archived: run {f['run']:.3f} s, "
                    f"CPU {f['cpu']:.3f} s, in the database {f['store']:.3f} s, "
                    f"{f['queries']:.0f} store statements, {f['requests']:.0f} requests; "
                    f"CLI process {f['cli']:.2f} s (seeding took {f['seeded']:.0f} s)"
                )
            if len(sizes) > 1:
                low, high = figures[sizes[0]], figures[sizes[-1]]
                print(
                    f"  {kind:10} ratio {sizes[-1]:,} / {sizes[0]:,}: run "
                    f"{high['run'] / low['run']:.2f}, CPU {high['cpu'] / low['cpu']:.2f}, "
                    f"database {high['store'] / low['store']:.2f}, "
                    f"CLI {high['cli'] / low['cli']:.2f}, "
                    f"statements {high['queries'] / low['queries']:.2f}"
                )


# -- workers on many hosts ----------------------------------------------------------------------


class HostServer(BoardServer):
    """A BoardServer on another loopback address that records each request's span."""

    def __init__(self, host: str, *boards: FakeBoard) -> None:
        super().__init__(*boards)
        self.host = host
        self.spans: list[tuple[float, float]] = []
        handler = self.httpd.RequestHandlerClass
        spans, guard = self.spans, threading.Lock()

        class Timed(handler):  # type: ignore[misc, valid-type]
            def do_GET(self) -> None:  # noqa: N802
                start = time.monotonic()
                try:
                    super().do_GET()
                finally:
                    with guard:
                        spans.append((start, time.monotonic()))

        self.httpd.server_close()
        self.httpd = ThreadingHTTPServer((host, 0), Timed)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.httpd.server_address[1]}"

    def most_at_once(self) -> int:
        events = sorted([(s, 1) for s, _ in self.spans] + [(e, -1) for _, e in self.spans])
        now = most = 0
        for _, step in events:
            now += step
            most = max(most, now)
        return most

    def gaps(self) -> list[float]:
        """From the end of each response (as the server stamps it) to the next request."""
        spans = sorted(self.spans)
        return [b[0] - a[1] for a, b in zip(spans, spans[1:], strict=False)]

    def starts(self) -> list[float]:
        """From the start of each request to the start of the next."""
        spans = sorted(self.spans)
        return [b[0] - a[0] for a, b in zip(spans, spans[1:], strict=False)]


def drain(url: str, workers: int, files: Path) -> float:
    start = time.perf_counter()
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "pressclip", "worker", "--db", url, "--burst", "-q"]
            + ["--files", str(files)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(workers)
    ]
    for proc in procs:
        _, err = proc.communicate()
        if proc.returncode != 0:
            raise SystemExit(f"worker failed ({proc.returncode}): {err}")
    return time.perf_counter() - start


def bench_workers(boards: int, hosts: int, posts: int, delay: float) -> None:
    print(
        f"workers: {boards} boards of {posts} posts on {hosts} loopback hosts, "
        f"--delay {delay:g}, first runs"
    )
    with running_postgres() as pg, tempfile.TemporaryDirectory() as tmp:
        if pg is None:
            print("  postgresql: server binaries not found, skipped")
            return
        for workers in (1, 3):
            url = pg.new_database()
            servers = [
                HostServer(
                    f"127.0.0.{2 + h}",
                    *[FakeBoard(f"b{h}_{n}", count=posts, files=0) for n in range(boards // hosts)],
                )
                for h in range(hosts)
            ]
            with contextlib.ExitStack() as stack:
                for s in servers:
                    stack.enter_context(s)
                config = Path(tmp) / f"boards{workers}.toml"
                config.write_text(
                    "".join(
                        f'[[board]]\nurl = "{s.list_url(t)}"\nname = "{s.host}/{t}"\n\n'
                        for s in servers
                        for t in s.boards
                    ),
                    encoding="utf-8",
                )
                subprocess.run(
                    [sys.executable, "-m", "pressclip", "archive", "--config", str(config)]
                    + ["--db", url, "--delay", str(delay), "--enqueue"],
                    check=True,
                    capture_output=True,
                )
                seconds = drain(url, workers, Path(tmp) / f"files{workers}")
            requests = sum(len(s.spans) for s in servers)
            with open_store(url) as store:
                row = store.one("SELECT count(*) AS n, count(DISTINCT key) AS k FROM posts")
            assert row is not None and row["n"] == row["k"] == boards // hosts * hosts * posts
            print(
                f"  {workers} worker(s): {seconds:.1f} s, {boards / seconds:.2f} boards/s, "
                f"{requests / seconds:.1f} requests/s ({requests} requests, {row['n']} posts); "
                f"most at once to one host {max(s.most_at_once() for s in servers)}, "
                f"shortest gap {min(min(s.gaps()) for s in servers):.3f} s end to start, "
                f"{min(min(s.starts()) for s in servers):.3f} s start to start"
            )


# -- a first run (as the CLI) -------------------------------------------------------------------


def bench_first(posts: int, files: int) -> None:
    board = FakeBoard(count=posts, files=files)
    with tempfile.TemporaryDirectory() as tmp, BoardServer(board) as server:
        db = Path(tmp) / "bench.sqlite"
        for label in ("first run", "second run"):
            start = time.perf_counter()
            proc = subprocess.Popen(
                [sys.executable, "-m", "pressclip", "archive", server.list_url()]
                + ["--db", str(db), "--delay", "0"],
                stderr=subprocess.PIPE,
                text=True,
            )
            assert proc.stderr is not None
            err = proc.stderr.read()
            _pid, status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - start
            if os.waitstatus_to_exitcode(status) != 0:
                raise SystemExit(f"archive failed: {err}")
            requests = len(server.take_log())
            print(
                f"{label}: {err.strip()}\n    {seconds:.2f} s, {requests} requests, "
                f"peak RSS {usage.ru_maxrss / 1024:.0f} MiB"
            )
            for _ in range(10):
                board.add()


# -- many hosts at once, one process ------------------------------------------------------------


def bench_parallel(posts: int, delay: float, boards: int = 40, hosts: int = 8) -> None:
    print(
        f"parallel: {boards} boards of {posts} posts (1 attachment each) on {hosts} loopback "
        f"hosts, --delay {delay:g}, first runs, SQLite, one `pressclip archive` process"
    )
    seconds: dict[int, float] = {}
    for parallel in (1, hosts):
        servers = [
            HostServer(
                f"127.0.0.{2 + h}",
                *[FakeBoard(f"b{h}_{n}", count=posts, files=1) for n in range(boards // hosts)],
            )
            for h in range(hosts)
        ]
        with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
            for s in servers:
                stack.enter_context(s)
            config = Path(tmp) / "boards.toml"
            config.write_text(
                "".join(
                    f'[[board]]\nurl = "{s.list_url(t)}"\n\n' for s in servers for t in s.boards
                ),
                encoding="utf-8",
            )
            db = Path(tmp) / "press.sqlite"
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "pressclip", "archive", "--config", str(config)]
                + ["--db", str(db), "--delay", str(delay), "--parallel", str(parallel), "-q"],
                capture_output=True,
                text=True,
            )
            seconds[parallel] = time.perf_counter() - start
            if done.returncode != 0:
                raise SystemExit(f"archive failed ({done.returncode}): {done.stderr}")
            with open_store(db) as store:
                row = store.one("SELECT count(*) AS n, count(DISTINCT key) AS k FROM posts")
        assert row is not None and row["n"] == row["k"] == boards // hosts * hosts * posts
        requests = sum(len(s.spans) for s in servers)
        print(
            f"  --parallel {parallel}: {seconds[parallel]:.1f} s, "
            f"{requests / seconds[parallel]:.1f} requests/s ({requests} requests, "
            f"{row['n']} posts); most at once to one host "
            f"{max(s.most_at_once() for s in servers)}, shortest gap "
            f"{min(min(s.gaps()) for s in servers):.3f} s end to start"
        )
    print(f"  speed-up: {seconds[1] / seconds[hosts]:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--part",
        choices=["all", "minhash", "second", "workers", "first", "parallel"],
        default="all",
    )
    parser.add_argument("--sizes", default="1000,20000", help="archive sizes for 'second'")
    parser.add_argument("--stores", default="sqlite,postgresql", help="stores for 'second'")
    parser.add_argument("--boards", type=int, default=100)
    parser.add_argument("--hosts", type=int, default=5)
    parser.add_argument("--board-posts", type=int, default=5, help="posts per board (workers)")
    parser.add_argument("--delay", type=float, default=0.05, help="--delay (workers)")
    parser.add_argument("--posts", type=int, default=1000, help="posts (first)")
    parser.add_argument("--files", type=int, default=1, help="attachments per post (first)")
    args = parser.parse_args()
    if args.part in ("all", "minhash"):
        bench_minhash()
    if args.part in ("all", "second"):
        bench_second([int(n) for n in args.sizes.split(",")], args.stores.split(","))
    if args.part in ("all", "workers"):
        bench_workers(args.boards, args.hosts, args.board_posts, args.delay)
    if args.part == "first":
        bench_first(args.posts, args.files)
    if args.part in ("all", "parallel"):
        bench_parallel(args.board_posts, args.delay)


if __name__ == "__main__":
    main()
