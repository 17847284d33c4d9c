"""Start-up time of the command line, as ratios to a bare ``python -c pass``.

Runs each command many times, round-robin (so a burst of load on the shared machine hits
all of them alike), keeps the fastest run of each, and prints it with its ratio to the
fastest bare interpreter start and the target ratio of issue 14:

- ``pressclip --version``                      within 4x
- ``pressclip --help``                         within 8x
- ``pressclip clean tests/fixtures/example_post.txt``  within 8x

The commands run through the installed console script beside the interpreter (what a
user types); without one, through ``python -m pressclip``. They run with bytecode caching
on (``PYTHONDONTWRITEBYTECODE`` removed from their environment), as an installed package
runs: pip compiles a wheel's modules when it installs them, so the warm-up run here does
the same for a source checkout.

Reproduce: python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = "tests/fixtures/example_post.txt"


def pressclip_command() -> list[str]:
    """The console script beside this interpreter, else ``python -m pressclip``."""
    script = Path(sys.executable).with_name("pressclip")
    return [str(script)] if script.exists() else [sys.executable, "-m", "pressclip"]


#: The environment of the runs: bytecode written and read, as for an installed package.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(argv: list[str]) -> float:
    """Seconds for one run of ``argv`` (output discarded); the run must succeed."""
    start = time.perf_counter()
    subprocess.run(
        argv, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=40, help="runs of each command (default 40)")
    args = parser.parse_args()
    tool = pressclip_command()
    cases = [
        ("python -c pass", [sys.executable, "-c", "pass"], None),
        ("pressclip --version", [*tool, "--version"], 4.0),
        ("pressclip --help", [*tool, "--help"], 8.0),
        (f"pressclip clean {SEED}", [*tool, "clean", SEED], 8.0),
    ]
    best = {name: float("inf") for name, _, _ in cases}
    for argv in (c[1] for c in cases):  # warm the OS caches and .pyc files once
        timed(argv)
    for _ in range(args.runs):
        for name, argv, _ in cases:
            best[name] = min(best[name], timed(argv))
    base = best["python -c pass"]
    print(f"python {sys.version.split()[0]}, typer {version('typer')}, {os.cpu_count()} CPUs")
    print(f"min of {args.runs} runs each, round-robin")
    print(f"{'command':48} {'ms':>7} {'ratio':>6} {'target':>7}")
    failed = False
    for name, _, target in cases:
        ratio = best[name] / base
        verdict = ""
        if target is not None:
            ok = ratio <= target
            failed = failed or not ok
            verdict = f"<= {target:g}x {'ok' if ok else 'MISSED'}"
        print(f"{name:48} {best[name] * 1000:7.1f} {ratio:5.1f}x {verdict}")
    print("reproduce: python benchmarks/startup.py")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
