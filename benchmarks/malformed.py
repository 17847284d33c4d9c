"""How long hostile input takes, and how much memory, each case in a fresh process.

Pages: a million nested <div>s around one paragraph, 300,000 unclosed <span><div><b>
triples (the cases tests/test_malformed.py checks for correctness only, since unit tests
assert no wall-clock times), the deepest page that is parsed without the nesting check
(2,048 unclosed <div>s: see SMALL_PAGE_TAGS in pressclip.extract.dispatch), 20,000
<span></div> pairs, which nest the spans without the check seeing it (a known gap), and a
download link whose script string ends in a million backslashes (issue 24: exponential),
and list pages whose rows' scripts would stop or hang the JavaScript reader: 20,000 nested
parentheses, a stray ``)``, a million spaces, a script cut mid-function (issue 24).

Attachments (issue 24, built by tests/bombs.py): the worst documents we could build for
each parse budget, read by ``read_attachment`` until their error.

    python benchmarks/malformed.py            # every case
    python benchmarks/malformed.py NAME ...   # the cases whose name starts so
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))


def _pages() -> dict[str, Callable[[], str]]:
    return {
        "1M nested <div>, extract + parse_list": lambda: (
            '<div id="bo_v_con">'
            + "<div>" * 1_000_000
            + "깊은 본문입니다."
            + "</div>" * 1_000_000
            + "</div>"
        ),
        "300k unclosed <span><div><b>, extract": lambda: "<span><div><b>" * 300_000 + "끝",
        "2,048 unclosed <div> (unchecked), extract": lambda: "<div>" * 2048 + "깊은 본문입니다.",
        "20k <span></div> (check misses), extract": lambda: "<span></div>" * 20_000 + "끝",
        "fnDown(' + 1M backslashes, extract": lambda: (
            "<a href=\"javascript:fnDown('/x/fileDown.do?id=7" + "\\" * 1_000_000 + '">a.hwp</a>'
        ),
        "JS: 20k-deep ( in onclick, parse_list": lambda: _rows(
            "fn_view(" + "(" * 20_000 + "1" + ")" * 20_000 + ")"
        ),
        "JS: stray ) in 1,000 onclicks, parse_list": lambda: _rows("fn_view(2));", n=1000),
        "JS: 1M spaces in a script call, parse_list": lambda: _rows(
            "fn_view(" + " " * 1_000_000 + "'3')"
        ),
        "JS: a script cut mid-function, parse_list": lambda: (
            "<script>function fn_view(id){ if(id"
            + "{" * 50_000
            + "</script>"
            + _rows("fn_view('4')")
        ),
    }


def _rows(onclick: str, n: int = 20) -> str:
    """A list page whose rows open through ``onclick`` (the JavaScript reader's input)."""
    row = (
        '<tr><td>{i}</td><td><a href="#" onclick="{js}">공지 {i}번 글 제목입니다</a></td>'
        "<td>2025-03-0{d}</td></tr>"
    )
    rows = "".join(row.format(i=i, d=i % 9 + 1, js=onclick) for i in range(n))
    return f"<table><tr><th>번호</th><th>제목</th><th>등록일</th></tr>{rows}</table>"


def _documents() -> dict[str, Callable[[], bytes]]:
    import bombs

    return {
        "HWPX, 16M empty elements": lambda: bombs.hwpx_elements(16_000_000),
        "HWPX, 2.4M one-char paragraphs": lambda: bombs.hwpx_paragraphs(2_400_000),
        "HWPX, 990k elements (under the budget)": lambda: bombs.hwpx_elements(990_000),
        "HWPX, 240k paragraphs (under the budget)": lambda: bombs.hwpx_paragraphs(240_000),
        "HWP, 8M one-char lines": lambda: bombs.hwp_lines(8_000_000),
        "HWP, 490k lines (under the budget)": lambda: bombs.hwp_lines(490_000),
        "HWP, 16M empty records": lambda: bombs.hwp_records(16_000_000),
        "PDF, 300 pages share 1 stream": lambda: bombs.pdf_shared_content(300, 100_000),
        "PDF, [/Fl /Fl] of 2 GB": lambda: bombs.pdf_filter_chain(
            "/FlateDecode /FlateDecode", 2_000_000_000
        ),
        "PDF, [/AHx /Fl] of 1 GB": lambda: bombs.pdf_filter_chain(
            "/ASCIIHexDecode /FlateDecode", 1_000_000_000
        ),
        "PDF, [/A85 /Fl] of 1 GB": lambda: bombs.pdf_filter_chain(
            "/ASCII85Decode /FlateDecode", 1_000_000_000
        ),
        "zip asking for version 9.9": lambda: bombs.zip_version(99),
    }


def build_case(name: str, path: str) -> None:
    """Write the case's input to ``path`` (in a process of its own: building a bomb may take
    more memory than reading it)."""
    pages, documents = _pages(), _documents()
    if name in pages:
        Path(path).write_text(pages[name](), encoding="utf-8")
    else:
        Path(path).write_bytes(documents[name]())


def run_case(name: str, path: str) -> None:
    """Time reading the case's input; print input size, CPU s, peak MB, result."""
    from pressclip.attachments import AttachmentError, read_attachment
    from pressclip.extract.dispatch import extract_html, parse_list

    raw = Path(path).read_bytes()
    data: str | bytes = raw.decode("utf-8") if name in _pages() else raw
    size = len(raw)
    start = time.process_time()
    result = "read"
    if isinstance(data, str):
        if "parse_list" in name:
            parse_list(data, "http://x.example/")
        if "extract" in name:
            extract_html(data, "http://x.example/")
    else:
        try:
            read_attachment(data)
        except AttachmentError as exc:
            result = exc.kind
    seconds = time.process_time() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{size / 2**20:.2f}\t{seconds:.2f}\t{peak:.0f}\t{result}")


def main(prefixes: list[str]) -> None:
    names = [*_pages(), *_documents()]
    chosen = [n for n in names if not prefixes or any(n.startswith(p) for p in prefixes)]
    print(f"{'case':42} {'input MB':>8} {'CPU s':>7} {'peak MB':>8}  result")
    for name in chosen:
        with tempfile.TemporaryDirectory() as tmp:
            path = str(Path(tmp) / "input")
            subprocess.run([sys.executable, __file__, "--build", name, path], check=True)
            done = subprocess.run(
                [sys.executable, __file__, "--case", name, path],
                capture_output=True,
                text=True,
                check=False,
            )
        if done.returncode != 0:
            print(f"{name:42} failed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        size, seconds, peak, result = done.stdout.split("\t")
        print(f"{name:42} {size:>8} {seconds:>7} {peak:>8}  {result.strip()}")
    print("reproduce: python benchmarks/malformed.py")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--build"]:
        build_case(sys.argv[2], sys.argv[3])
    elif sys.argv[1:2] == ["--case"]:
        run_case(sys.argv[2], sys.argv[3])
    else:
        main(sys.argv[1:])
