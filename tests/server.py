"""A small threaded HTTP server on 127.0.0.1 for tests that need a real (and misbehaving) web
server: no network, no extra dependency.

Each test registers its routes, then points the code under test at ``server.url(path)``::

    with LocalServer() as server:
        server.route("/a", Response(body=b"<html>...</html>"))
        server.route("/b", lambda request: Response(status=503))
        ...
        assert server.paths() == ["/robots.txt", "/a"]

A route is a canned :class:`Response` or a function of the :class:`Request` returning one.
A path with a query string matches that exact path and query first, then the path alone.
Unrouted paths get a 404. Every request is recorded (method, path, headers, arrival time on
``time.monotonic()``, bytes of body sent, whether the client hung up).
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

Body = bytes | Callable[[], Iterable[bytes]]


@dataclass
class Request:
    """One request as the server saw it."""

    method: str
    path: str  # path and query, as sent
    headers: Message  # case-insensitive .get()
    time: float  # time.monotonic() when the request was read
    sent: int = 0  # body bytes written back
    hung_up: bool = False  # the client closed the connection before the body was all sent
    done: threading.Event = field(default_factory=threading.Event, repr=False)  # answered

    @property
    def route(self) -> str:
        """The path without the query string."""
        return urlsplit(self.path).path


@dataclass
class Response:
    """A canned answer. ``body`` is bytes, or a function returning an iterable of chunks
    (called once per request, so a generator function streams a fresh body each time)."""

    status: int = 200
    body: Body = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before sending anything
    chunk_delay: float = 0.0  # seconds to wait before each body chunk


Handler = Callable[[Request], Response]
Route = Response | Handler


def sequence(*responses: Response) -> Handler:
    """A handler answering with each response in turn, then repeating the last one."""
    queue = list(responses)
    lock = threading.Lock()

    def handler(_request: Request) -> Response:
        with lock:
            return queue.pop(0) if len(queue) > 1 else queue[0]

    return handler


def redirect(location: str, status: int = 302) -> Response:
    return Response(status=status, content_type=None, headers={"Location": location})


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # keep test output clean

    def do_GET(self) -> None:  # noqa: N802
        self._answer(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        owner = self.server.owner
        request = Request(self.command, self.path, self.headers, time.monotonic())
        owner._record(request)
        route = owner._find(self.path)
        if route is None:
            response = Response(status=404, body=b"not found", content_type="text/plain")
        elif isinstance(route, Response):
            response = route
        else:
            response = route(request)
        if response.delay and owner._stopping.wait(response.delay):
            self.close_connection = True
            request.done.set()
            return
        body = response.body
        chunks: Iterable[bytes] = [body] if isinstance(body, bytes) else body()
        headers = dict(response.headers)
        lowered = {k.lower() for k in headers}
        if response.content_type is not None and "content-type" not in lowered:
            headers["Content-Type"] = response.content_type
        if "content-length" not in lowered:
            if isinstance(body, bytes):
                headers["Content-Length"] = str(len(body))
            else:
                headers["Connection"] = "close"  # the body ends when the connection does
                self.close_connection = True
        try:
            self.send_response(response.status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if not send_body:
                return
            for chunk in chunks:
                if response.chunk_delay and owner._stopping.wait(response.chunk_delay):
                    break
                self.wfile.write(chunk)
                request.sent += len(chunk)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            request.hung_up = True
            self.close_connection = True
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()
            request.done.set()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    owner: LocalServer

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # a client dropping a kept-alive connection: normal
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class LocalServer:
    """The server: start it with ``with`` (or :meth:`start`), register routes, read requests."""

    def __init__(self) -> None:
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.owner = self
        self.port: int = self._httpd.server_address[1]
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    # -- setup ------------------------------------------------------------------------------

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.base + path

    def route(self, path: str, route: Route) -> str:
        """Answer ``path`` (optionally with its query) with ``route``; returns its URL."""
        self.routes[path] = route
        return self.url(path)

    def page(self, path: str, body: bytes | str, **kw: object) -> str:
        """Shortcut: a 200 with ``body`` (str is sent as UTF-8); returns its URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        return self.route(path, Response(body=data, **kw))  # type: ignore[arg-type]

    def start(self) -> LocalServer:
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- what happened ------------------------------------------------------------------------

    def paths(self) -> list[str]:
        """Paths (with queries) of the requests received, in order."""
        with self._lock:
            return [r.path for r in self.requests]

    def requests_for(self, path: str) -> list[Request]:
        """The requests for ``path``: an exact path-and-query, or a path matching any query."""
        with self._lock:
            found = list(self.requests)
        return [r for r in found if r.path == path or ("?" not in path and r.route == path)]

    def gaps(self, path: str) -> list[float]:
        """Seconds between consecutive requests for ``path``."""
        times = [r.time for r in self.requests_for(path)]
        return [b - a for a, b in zip(times, times[1:], strict=False)]

    # -- internals ------------------------------------------------------------------------------

    def _record(self, request: Request) -> None:
        with self._lock:
            self.requests.append(request)

    def _find(self, path: str) -> Route | None:
        if path in self.routes:
            return self.routes[path]
        return self.routes.get(urlsplit(path).path)


def chunks_of(
    total: int, size: int = 64 * 1024, byte: bytes = b"a"
) -> Callable[[], Iterator[bytes]]:
    """A body function streaming ``total`` bytes in ``size`` pieces, never all in memory."""
    piece = byte * size

    def body() -> Iterator[bytes]:
        left = total
        while left > 0:
            n = min(size, left)
            yield piece if n == size else piece[:n]
            left -= n

    return body
