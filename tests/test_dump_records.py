"""benchmarks/dump_records.py: one JSON line per saved page, the same on every run, holding
what the CLI prints for the page."""

from __future__ import annotations

import gzip
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "dump_records.py"

VIEW = """<html><head><meta charset="utf-8"><title>보도자료 | 솔내시</title></head><body>
<div class="menu"><a href="/">홈</a> <a href="/bbs">보도자료</a></div>
<table><tr><th>제목</th><td>솔내시, 봄꽃 축제 연다</td></tr>
<tr><th>작성자</th><td>홍보과</td><th>작성일</th><td>2024-03-04</td></tr></table>
<div class="view_content"><p>솔내시는 다음 달 봄꽃 축제를 연다고 밝혔다.</p>
<p>축제는 사흘 동안 강변 공원에서 열린다.</p></div>
<div class="footer">Copyright 솔내시. All rights reserved.</div></body></html>"""

ARTICLE = """<html lang="en"><head><title>River park opens</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>River park opens</h1><p>The new river park opened on Saturday with a
festival of music and food that drew thousands of visitors from the whole region.</p>
<p>The city plans a second phase next year, adding a cycle path along the water.</p>
</article><footer>Copyright 2024 The Example Times</footer></body></html>"""

VIEW_URL = "http://board.example.kr/bbs/board.php?bo_table=press&wr_id=7"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dump_records", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _shared(root: Path) -> Path:
    """A shared folder with one bench page and one board view page with its expected URL."""
    bench = root / "bench" / "article-extraction-benchmark" / "html"
    bench.mkdir(parents=True)
    (bench / "p1.html.gz").write_bytes(gzip.compress(ARTICLE.encode("utf-8")))
    board = root / "fixtures" / "boards" / "custom"
    board.mkdir(parents=True)
    (board / "view.html").write_bytes(VIEW.encode("utf-8"))
    (board / "view.expected.json").write_text(json.dumps({"url": VIEW_URL}), encoding="utf-8")
    return root


def _dump(module: ModuleType, shared: Path, out: Path) -> list[dict]:
    assert module.main(["-o", str(out), "--shared", str(shared)]) == 0
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_dump_is_the_same_twice_and_holds_what_clean_prints(tmp_path: Path) -> None:
    module = _load()
    shared = _shared(tmp_path / "shared")
    first = _dump(module, shared, tmp_path / "a.jsonl")
    _dump(module, shared, tmp_path / "b.jsonl")
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()

    by_page = {row["page"]: row for row in first}
    article = by_page["bench/article-extraction-benchmark/p1.html.gz"]
    assert "second phase next year" in article["extract"]["record"]["body"]
    assert "Copyright" not in article["extract"]["record"]["body"]

    view = by_page["fixtures/boards/custom/view.html"]
    assert view["url"] == VIEW_URL
    page = shared / "fixtures" / "boards" / "custom" / "view.html"
    cli = subprocess.run(
        [sys.executable, "-m", "pressclip", "clean", str(page), "--base-url", VIEW_URL],
        capture_output=True,
        text=True,
        check=True,
    )
    assert view["clean"] == json.loads(cli.stdout)
    assert view["clean"]["title"] == "솔내시, 봄꽃 축제 연다"
    assert "posts" in view["list"]  # parse_list's record, read on every page

    # The project's own HTML fixtures come last, one line each.
    local = [row for row in first if row["page"].startswith("tests/fixtures/")]
    assert len(local) == len(list((SCRIPT.parent.parent / "tests" / "fixtures").rglob("*.html")))
