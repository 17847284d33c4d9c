"""`archive --parallel N`: boards on different hosts at once, in one process, while each host
gets one request at a time, its delay apart; nothing lost or stored twice. Both stores."""

from __future__ import annotations

import threading
import time
from http.server import ThreadingHTTPServer

from test_archive import BoardServer, FakeBoard, cli, posts_in

DELAY = 0.15
#: Slack (s) for time.monotonic stamps taken in two threads.
CLOCK = 0.001


class TimedServer(BoardServer):
    """A BoardServer on another loopback address that notes each request's span."""

    def __init__(self, host: str, *boards: FakeBoard) -> None:
        super().__init__(*boards)
        self.host = host
        self.spans: list[tuple[float, float]] = []
        handler, spans, guard = self.httpd.RequestHandlerClass, self.spans, threading.Lock()

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


def at_once(spans: list[tuple[float, float]]) -> int:
    events = sorted([(s, 1) for s, _ in spans] + [(e, -1) for _, e in spans])
    now = most = 0
    for _, step in events:
        now += step
        most = max(most, now)
    return most


def test_hosts_at_once_each_host_one_request_at_a_time(capsys, monkeypatch, db, tmp_path):
    servers = [
        TimedServer(f"127.0.0.{2 + h}", *[FakeBoard(f"h{h}b{n}", count=3) for n in range(2)])
        for h in range(3)
    ]
    for server in servers:
        server.__enter__()
    try:
        config = tmp_path / "boards.toml"
        config.write_text(
            "".join(f'[[board]]\nurl = "{s.list_url(t)}"\n\n' for s in servers for t in s.boards),
            encoding="utf-8",
        )
        code, _, err = cli(
            capsys, monkeypatch, "archive", "--config", config, "--db", db,
            "--delay", DELAY, "--parallel", 3,
        )  # fmt: skip
    finally:
        for server in servers:
            server.__exit__()
    assert code == 0, err
    assert sorted(err.splitlines()) == sorted(
        f"board {s.host}/{t}: 3 new, 0 changed, 0 failed" for s in servers for t in s.boards
    )
    found = posts_in(db)
    assert len(found) == len(set(found)) == 18  # every post once
    for server in servers:
        spans = sorted(server.spans)
        assert at_once(spans) == 1  # one request at a time to a host
        # its delay apart: the client waits DELAY after a response's headers came, which
        # the server sent after it started on the request, so starts are DELAY apart
        # however slowly either side runs (one clock: the servers run in this process)
        starts = [b[0] - a[0] for a, b in zip(spans, spans[1:], strict=False)]
        assert min(starts) >= DELAY - CLOCK, min(starts)
    # the hosts were served at once: each host's first request came before every other
    # host's last (one after another, as --parallel 1 does, their times never overlap)
    busy = [(min(b for b, _ in s.spans), max(e for _, e in s.spans)) for s in servers]
    for first, _ in busy:
        assert all(first < last for _, last in busy), busy
