"""How long hostile nesting takes: a million nested <div>s around one paragraph, 300,000
unclosed <span><div><b> triples (the cases tests/test_malformed.py checks for correctness
only, since unit tests assert no wall-clock times), the deepest page that is parsed without
the nesting check (2,048 unclosed <div>s: see SMALL_PAGE_TAGS in pressclip.extract.html),
and 20,000 <span></div> pairs, which nest the spans without the check seeing it (a known gap).

    python benchmarks/malformed.py
"""

from __future__ import annotations

import time

from pressclip.extract.html import extract_html, parse_list

CASES = {
    "1M nested <div>, extract + parse_list": (
        '<div id="bo_v_con">'
        + "<div>" * 1_000_000
        + "깊은 본문입니다."
        + "</div>" * 1_000_000
        + "</div>"
    ),
    "300k unclosed <span><div><b>, extract": "<span><div><b>" * 300_000 + "끝",
    "2,048 unclosed <div> (unchecked), extract": "<div>" * 2048 + "깊은 본문입니다.",
    "20k <span></div> (check misses), extract": "<span></div>" * 20_000 + "끝",
}


def main() -> None:
    print(f"{'case':42} {'MB':>6} {'best s':>8} {'worst s':>8}")
    for name, html in CASES.items():
        times = []
        for _ in range(3):
            start = time.perf_counter()
            extract_html(html, "http://x.example/")
            if "parse_list" in name:
                parse_list(html, "http://x.example/")
            times.append(time.perf_counter() - start)
        print(f"{name:42} {len(html.encode()) / 2**20:6.1f} {min(times):8.2f} {max(times):8.2f}")
    print("reproduce: python benchmarks/malformed.py")


if __name__ == "__main__":
    main()
