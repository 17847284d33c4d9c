"""Benchmark `pressclip archive`: a generated 1,000-post gnuboard5 board on 127.0.0.1.

Reproduce (from the repository root)::

    .venv/bin/python benchmarks/archive.py            # 1,000 posts, 1 attachment each
    .venv/bin/python benchmarks/archive.py --posts 5000 --files 0

It runs the real CLI in a child process (``--delay 0``) against the board server of
``tests/test_archive.py``: a first run (every list page, every post and attachment), then a
second run with 10 new posts (page 1 only). It prints posts/s of each run and the child's
peak memory (ru_maxrss). Figures depend on the machine; the server shares the CPU.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_archive import BoardServer, FakeBoard  # noqa: E402


def run(url: str, db: Path) -> tuple[float, int, str]:
    """One archive run in a child process: seconds, the child's peak RSS (KiB), stderr."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pressclip", "archive", url, "--db", str(db), "--delay", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"archive failed ({proc.returncode}): {err}")
    return seconds, usage.ru_maxrss, err.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--files", type=int, default=1, help="attachments per post")
    args = parser.parse_args()
    board = FakeBoard(count=args.posts, files=args.files)
    with tempfile.TemporaryDirectory() as tmp, BoardServer(board) as server:
        db = Path(tmp) / "bench.sqlite"
        pages = board.last_page()
        seconds, peak, summary = run(server.list_url(), db)
        first = len(server.take_log())
        for _ in range(10):
            board.add()
        again, peak2, summary2 = run(server.list_url(), db)
        second = len(server.take_log())
        size = db.stat().st_size + sum(p.stat().st_size for p in Path(tmp).glob("*-wal"))
    print(f"board: {args.posts} posts, {pages} list pages, {args.files} file(s)/post")
    print(f"first run:  {summary}")
    print(
        f"            {seconds:.2f} s, {args.posts / seconds:.0f} posts/s, {first} requests, "
        f"peak RSS {peak / 1024:.0f} MiB"
    )
    print(f"second run: {summary2}")
    print(f"            {again:.2f} s, {second} requests, peak RSS {peak2 / 1024:.0f} MiB")
    print(f"database: {size / 1024 / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
