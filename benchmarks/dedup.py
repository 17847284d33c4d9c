"""Dedup throughput and memory at 10k, 100k and 1M paragraphs.

    python benchmarks/dedup.py            # all three sizes
    python benchmarks/dedup.py --sizes 10000 100000

Each size runs in its own child process, so the peak RSS it reports is that size's alone
(the generated input included). The input mixes what scraped boards contain: unique
sentences, exact repeats with other spacing, truncated copies, and hard-wrapped sentences.
Linear work shows as a growth factor near 10 for each tenfold size.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time

SYLLABLES = [chr(c) for c in range(0xAC00, 0xAC00 + 2000, 7)]


def sentence(rng: random.Random) -> str:
    words = [
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 5)))
        for _ in range(rng.randint(8, 18))
    ]
    return " ".join(words) + "다."


def corpus(n: int, seed: int = 7) -> list[str]:
    """``n`` paragraphs with repeats, truncated copies and hard wraps mixed in."""
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < n:
        roll = rng.random()
        if out and roll < 0.15:
            out.append(rng.choice(out[-200:]).replace(" ", "  ", 1))  # repeat, other spacing
        elif out and roll < 0.20:
            full = rng.choice(out[-200:])
            out.append(full[: max(12, len(full) // 2)])  # truncated copy
        elif roll < 0.30:
            s = sentence(rng)
            cut = s.rfind(" ", 0, len(s) // 2)
            out.extend([s[:cut], s[cut + 1 :]])  # hard wrap
        else:
            out.append(sentence(rng))
    return out[:n]


def measure(n: int) -> dict[str, float]:
    from pressclip.dedup import dedup

    lines = corpus(n)
    start = time.perf_counter()
    result = dedup(lines)
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "n": n,
        "seconds": seconds,
        "per_second": n / seconds,
        "kept": len(result.paragraphs),
        "removed": len(result.removed),
        "peak_mib": peak_kib / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child)))
        return
    print(
        f"{'paragraphs':>11} {'seconds':>8} {'paragraphs/s':>13} {'growth':>7} "
        f"{'kept':>9} {'removed':>8} {'peak RSS':>9}"
    )
    previous = None
    for n in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(n)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        row = json.loads(out)
        growth = f"{row['seconds'] / previous['seconds']:.1f}x" if previous else "-"
        print(
            f"{n:>11,} {row['seconds']:>8.2f} {row['per_second']:>13,.0f} {growth:>7} "
            f"{row['kept']:>9,} {row['removed']:>8,} {row['peak_mib']:>7.0f} MiB"
        )
        previous = row
    print("growth: time relative to the previous size (10x more paragraphs; 10x = linear)")
    print("reproduce: python benchmarks/dedup.py")


if __name__ == "__main__":
    main()
