"""What `--render` holds off, in a real headless Chromium on a local server (the tests skip,
saying so, where the browser is missing): a browser that crashes mid-run costs the page it was
rendering, in one line, and the run goes on with a new one; a page's WebSocket never reaches
the server."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from render_boards import StorageBoard, body, post_numbers, title
from server import LocalServer
from test_render_kill import descendants, needs_browser, needs_proc, run_archive, stored


def chromium_of(pid: int) -> list[int]:
    """The browser processes (not its helpers: renderers, zygotes…) ``pid`` started."""
    found = []
    for kid in descendants(pid):
        try:
            command = Path(f"/proc/{kid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        helper = any(arg.startswith(b"--type=") for arg in command)
        if os.path.basename(command[0]).startswith(b"chrom") and not helper:
            found.append(kid)
    return found


def crash_midway(spec: StorageBoard, proc: subprocess.Popen[str]) -> tuple[str, str]:
    """Kill the browser of ``proc`` while it renders the slow post; its output."""
    try:
        assert spec.slow_hit.wait(120), "the run never reached the slow post"
        browsers = chromium_of(proc.pid)
        assert browsers, "no browser found"
        for pid in browsers:
            os.kill(pid, signal.SIGKILL)
        spec.release.set()
        return proc.communicate(timeout=180)
    finally:
        if proc.poll() is None:
            proc.kill()


@needs_browser
@needs_proc
def test_a_browser_crash_costs_one_page_in_one_line_and_the_run_goes_on():
    spec = StorageBoard(count=4, slow={2})
    with LocalServer() as server:
        url = spec.serve(server).url("/press/list.html")
        proc = subprocess.Popen(
            [sys.executable, "-m", "pressclip", "fetch", "--render", "--delay", "0",
             "-f", "jsonl", url],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        out, err = crash_midway(spec, proc)
    assert proc.returncode == 1
    assert err.splitlines() == [
        f"pressclip: error: {server.url('/press/view.html#sessionStorage:postNo=2')}: "
        "the browser (Chromium) crashed or was killed; it is started again for the next page"
    ]
    got = [json.loads(line) for line in out.splitlines()]
    assert [r["title"] for r in got] == [title(4), title(3), title(1)]
    assert got[2]["body"] == "\n\n".join(body(1))  # rendered by the browser started again


@needs_browser
@needs_proc
def test_archive_records_the_page_a_browser_crash_cost_and_reads_it_next_run(tmp_path):
    spec = StorageBoard(count=4, slow={2})
    db = tmp_path / "press.sqlite"
    with LocalServer() as server:
        url = spec.serve(server).url("/press/list.html")
        proc = subprocess.Popen(
            [sys.executable, "-m", "pressclip", "archive", "--render", "-q", "--delay", "0",
             "--db", str(db), url],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        _out, err = crash_midway(spec, proc)
        assert proc.returncode == 1
        assert "Traceback" not in err
        assert [line for line in err.splitlines() if "crashed" in line] == [
            line for line in err.splitlines() if "error" in line
        ]
        assert stored(db) == [1, 3, 4]
        spec.slow = set()
        again = run_archive(db, url, dict(os.environ))
        assert again.returncode == 0, again.stderr
        assert stored(db) == [1, 2, 3, 4]
        assert post_numbers(server.paths()).count(4) == 1


WEBSOCKET_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>보도자료</title></head>
<body><article><h1>한솔군, 어르신 무료 버스 노선 확대</h1><div id="content"></div></article><script>
const socket = new WebSocket('ws://' + location.host + '/live');
socket.onmessage = (event) => { document.getElementById('content').textContent = event.data; };
document.getElementById('content').innerHTML =
  '<p>한솔군은 다음 달부터 어르신 무료 버스 노선을 세 곳 더 늘린다고 12일 밝혔다.</p>';
</script></body></html>"""


#: Chromium's own check that stops a page served from a public address (as a fulfilled page
#: counts) from opening a socket to 127.0.0.1: turned off, so only pressclip's block is tested.
LOCAL_NETWORK_CHECKS_OFF = "--disable-features=LocalNetworkAccessChecks"


@needs_browser
def test_a_pages_websocket_never_reaches_the_server(monkeypatch):
    from pressclip.fetch import render
    from pressclip.fetch.http import Fetcher, FetchOptions

    monkeypatch.setattr(render, "FLAGS", (*render.FLAGS, LOCAL_NETWORK_CHECKS_OFF))
    with LocalServer() as server:
        url = server.page("/press/live.html", WEBSOCKET_PAGE)
        with Fetcher(FetchOptions(delay=0)) as fetcher, render.Renderer(fetcher) as renderer:
            page = renderer.render(fetcher.fetch(url))
            time.sleep(0.5)  # a socket let through would have reached the server by now
        paths = server.paths()
    assert "무료 버스 노선을 세 곳" in page.text  # the page's script ran
    assert paths == ["/robots.txt", "/press/live.html"]  # and its socket went nowhere
