"""Benchmark `fetch --render`: pages per second and peak memory, rendered against static.

Reproduce (from the repository root)::

    .venv/bin/python benchmarks/render.py               # 30 posts, each way
    .venv/bin/python benchmarks/render.py --posts 100

A local board on 127.0.0.1 has ``--posts`` posts in two shapes: ``/static/N`` is the post as
the server writes it, ``/script/N`` the same post whose title and body a script loads from
``/data/N.json`` (one more request per post). Three runs, each in a fresh child process, read
every post through :func:`pressclip.crawl.boards.crawl` with no delay: static pages without a
browser, script pages with ``--render`` (Chromium started once, its start-up included and
also shown apart), and static pages with ``--render auto`` (which reads them, sees a body
and never starts the browser). Peak memory is the largest sum of resident memory over the
child and every process under it (Chromium's), sampled every 50 ms; shared pages count once
per process, so the browser's figure is an upper bound. Needs Playwright and Chromium
(``pip install 'pressclip[browser]'``, ``apt-get install chromium``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BODY = "한솔군은 올해부터 문 닫은 학교를 청년 창업 공간으로 고쳐 쓴다고 밝혔다. " * 6
SCRIPT_POST = """<!doctype html><html><head><meta charset="utf-8"><title>보도자료</title></head>
<body><div class="view"><h2 id="t"></h2><div id="c"></div></div><script>
fetch('/data/{n}.json').then(r => r.json()).then(p => {{
  document.getElementById('t').textContent = p.title;
  document.getElementById('c').innerHTML = p.body.map(x => '<p>' + x + '</p>').join('');
}});</script></body></html>"""
STATIC_POST = """<!doctype html><html><head><meta charset="utf-8"><title>{title}</title></head>
<body><div class="view"><h2>{title}</h2><div>{body}</div></div>
<script>window.loaded = true;</script></body></html>"""


def post(n: int) -> dict[str, object]:
    return {"title": f"한솔군 보도자료 {n}호", "body": [BODY, f"문의: 홍보담당관실 {n}번."]}


class Board(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        kind, _, rest = self.path.strip("/").partition("/")
        n = int(rest.split(".")[0]) if rest.split(".")[0].isdigit() else 0
        if kind == "data":
            body, ctype = json.dumps(post(n)).encode(), "application/json"
        elif kind == "script":
            body, ctype = SCRIPT_POST.format(n=n).encode(), "text/html; charset=utf-8"
        elif kind == "static":
            p = post(n)
            paragraphs = "".join(f"<p>{x}</p>" for x in p["body"])  # type: ignore[attr-defined]
            page = STATIC_POST.format(title=p["title"], body=paragraphs)
            body, ctype = page.encode(), "text/html; charset=utf-8"
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def tree_rss_mib(pid: int) -> float:
    """Resident memory of ``pid`` and every process under it, MiB."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parent = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry))
            except OSError:
                continue
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/status") as f:
                total += next((int(x.split()[1]) for x in f if x.startswith("VmRSS")), 0)
        except OSError:
            pass
        todo += children.get(current, [])
    return total / 1024


def child(base: str, shape: str, posts: int, mode: str | None) -> None:
    """One run (in a child process): print one JSON line of its figures."""
    from pressclip.crawl.boards import crawl
    from pressclip.fetch.http import Fetcher, FetchOptions

    urls = [f"{base}/{shape}/{n}" for n in range(1, posts + 1)]
    fetcher = Fetcher(FetchOptions(delay=0, respect_robots=False))
    renderer = None
    started = time.perf_counter()
    if mode is not None:
        from pressclip.fetch.render import Renderer

        renderer = Renderer(fetcher, mode)
        if mode == "always":
            renderer.start()
    startup = time.perf_counter() - started
    read = 0
    for outcome in crawl(urls, fetcher, renderer=renderer):
        read += bool(outcome.article and "청년 창업" in outcome.article.body)
    seconds = time.perf_counter() - started
    rendered = renderer.pages_rendered if renderer else 0
    if renderer is not None:
        renderer.close()
    print(json.dumps({"seconds": seconds, "startup": startup, "read": read, "rendered": rendered}))


def measure(base: str, shape: str, posts: int, mode: str | None) -> dict[str, float]:
    args = [sys.executable, __file__, "--child", base, shape, str(posts), mode or "none"]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, tree_rss_mib(proc.pid))
        time.sleep(0.05)
    figures = json.loads(proc.stdout.read() if proc.stdout else "{}")
    figures["peak_mib"] = peak
    return figures


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        base, shape, posts, mode = sys.argv[2:6]
        child(base, shape, int(posts), None if mode == "none" else mode)
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=30)
    posts = parser.parse_args().posts
    server = ThreadingHTTPServer(("127.0.0.1", 0), Board)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    print(f"$ {os.path.relpath(sys.executable)} benchmarks/render.py --posts {posts}")
    runs = [
        ("static, no browser", "static", None),
        ("script, --render", "script", "always"),
        ("static, --render auto", "static", "auto"),
    ]
    for label, shape, mode in runs:
        f = measure(base, shape, posts, mode)
        rate = posts / f["seconds"]
        line = f"  {label:22} {rate:6.1f} pages/s  peak {f['peak_mib']:6.0f} MiB"
        line += f"  bodies read {f['read']}/{posts}, rendered {f['rendered']}"
        if mode == "always":
            line += f"  (browser start {f['startup']:.2f} s)"
        print(line)
    server.shutdown()


if __name__ == "__main__":
    main()
