"""A list page reads the same in every process: ties between the rows' address patterns
are broken by page order, not by a set's order, which Python seeds afresh in each process
(``PYTHONHASHSEED``). Read on the shared benchmark pages where the tie occurs."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import SHARED

PAGES = ["0556", "0564", "0565", "0567", "2827"]
WCXB = SHARED / "bench" / "wcxb-dev" / "html"

CODE = """
import gzip, json, sys
import pressclip
html = gzip.decompress(open(sys.argv[1], "rb").read()).decode("utf-8", "replace")
got = pressclip.parse_list(html, "https://example.org/")
print(json.dumps([[p.title, p.url] for p in got.posts], ensure_ascii=False))
"""


@pytest.mark.skipif(not WCXB.is_dir(), reason=f"no benchmark pages at {WCXB}")
@pytest.mark.parametrize("page", PAGES)
def test_the_same_rows_whatever_the_hash_seed(page):
    path = WCXB / f"{page}.html.gz"
    outputs = set()
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", CODE, str(path)], capture_output=True, env=env, timeout=120
        )
        assert run.returncode == 0, run.stderr.decode()
        outputs.add(run.stdout)
    assert len(outputs) == 1
