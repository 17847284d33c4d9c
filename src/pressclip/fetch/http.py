"""Downloading pages politely and safely: bytes and headers in, never a half page.

One :class:`Fetcher` holds one requests Session for a run: a User-Agent naming pressclip,
connect/read timeouts on the socket plus a wall-clock deadline per request that covers the
headers as well as the body (a watchdog shuts the socket when it passes, so a server
trickling one byte a second cannot hold a run), retries with backoff and jitter (urllib3's
``Retry``, which also honours ``Retry-After`` on 429 and 503, capped here; a body cut off
midway is fetched again too), redirects followed here one hop at a time (at most 10,
http/https only, each hop checked against its own host's robots.txt and delay), a size cap
that also bounds what a compressed body unpacks to, robots.txt per host read by protego
(RFC 9309: ``*``, ``$``, longest match; fetched once a run, a failure too), and a delay
between two requests to the same host. Text is decoded by :func:`pressclip.decode.decode`,
never by requests' ``.text``. Credentials in a URL are never shown in a message.
"""

from __future__ import annotations

import contextlib
import http.client
import math
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

import requests
from protego import Protego
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import LocationValueError
from urllib3.util.retry import Retry

from ..decode import charset_from_content_type, decode
from ..errors import PressclipError
from ..urls import BadURL, host_key, join, origin, redact, split
from .options import DEFAULT_USER_AGENT, MAX_SECONDS, FetchOptions, check_header
from .scope import Scope

__all__ = ["DEFAULT_USER_AGENT", "MAX_SECONDS", "FetchOptions", "Fetcher", "Page", "check_header"]

HTML_TYPES = ("text/html", "application/xhtml+xml")
CHUNK = 64 * 1024
#: Largest robots.txt read (RFC 9309 asks crawlers to parse at least 500 KiB); the rest of a
#: larger one is ignored rather than failing the host.
ROBOTS_MAX_BYTES = 512 * 1024
#: Longest robots.txt Crawl-delay obeyed, seconds (a larger one would park a cron run).
MAX_CRAWL_DELAY = 60.0
#: Seconds between two notices of a request still waiting for its answer (``on_wait``).
WAIT_NOTICE = 5.0

#: What a failed transfer raises: requests' and urllib3's errors, http.client's (a malformed
#: status line or chunk) and the socket's (OSError; requests' own errors are OSErrors too).
#: Only these (and :data:`REQUEST_ERRORS` for a request) become a FetchError; any other
#: exception is a defect and goes up as it is.
TRANSFER_ERRORS: tuple[type[BaseException], ...] = (
    requests.exceptions.RequestException,
    Urllib3Error,
    http.client.HTTPException,
    OSError,
)
#: What a failed request raises: the above, a URL http.client refuses, a host name IDNA
#: cannot encode (UnicodeError).
REQUEST_ERRORS: tuple[type[BaseException], ...] = (
    *TRANSFER_ERRORS,
    http.client.InvalidURL,
    UnicodeError,
)
#: The errors of a URL requests or urllib3 could not use (after :func:`check_url` took it).
URL_ERRORS: tuple[type[BaseException], ...] = (
    requests.exceptions.InvalidURL,
    requests.exceptions.MissingSchema,
    LocationValueError,
    http.client.InvalidURL,
    UnicodeError,
)


class FetchError(PressclipError):
    """A page could not be fetched; the message names the URL and the cause."""

    def __init__(self, url: str, cause: str, *, retry: bool = False) -> None:
        url, cause = redact(url), redact(cause)
        super().__init__(f"{url}: {cause}")
        self.url = url
        self.cause = cause
        self.retry = retry  # a transfer cut off midway: worth another try


@dataclass
class Page:
    """A fetched HTML page: the final URL, status, headers, raw bytes and decoded text."""

    url: str
    status: int
    headers: dict[str, str]
    content: bytes
    text: str
    encoding: str
    requested_url: str = ""
    history: list[str] = field(default_factory=list)
    #: The page as served when this one is the DOM a browser left of it (--render).
    served: Page | None = None


class _CappedRetry(Retry):
    """urllib3's Retry with Retry-After capped, so a server cannot park a cron job for hours."""

    cap: float = 60.0

    def get_retry_after(self, response: Any) -> float | None:
        value = super().get_retry_after(response)
        return None if value is None else min(value, self.cap)

    def new(self, **kw: Any) -> _CappedRetry:
        retry = super().new(**kw)
        retry.cap = self.cap  # type: ignore[attr-defined]
        return retry  # type: ignore[return-value]


# -- the wall-clock deadline ------------------------------------------------------------------


class Deadline:
    """A wall clock over one request: when it runs out, every socket the request used is shut
    down, so a read blocked on headers or a trickling body ends at once."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.fired = False
        self.previous: Deadline | None = None
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock: Any) -> None:
        """Shut ``sock`` down when the deadline passes (at once if it has)."""
        if sock is None:
            return
        with self._lock:
            if not self.fired:
                self._socks.append(sock)
                return
        _shut(sock)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            socks, self._socks = self._socks, []
        for sock in socks:
            _shut(sock)

    def stop(self) -> None:
        """The request is over: no more shutting down."""
        self._timer.cancel()
        with self._lock:
            self._socks = []


def _shut(sock: Any) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except (OSError, ValueError):
        pass  # already closed


_current = threading.local()  # the Deadline of the request this thread is making


def _watch_socket(sock: Any) -> None:
    deadline = getattr(_current, "deadline", None)
    if deadline is not None:
        deadline.watch(sock)


def _watch_connection(conn: Any) -> None:
    _watch_socket(getattr(conn, "sock", None))


class _Watched:
    """Mixin for urllib3 connections: the deadline's watchdog sees the socket from its
    creation (a TLS handshake trickled byte by byte is cut off too) and before each
    response."""

    def _new_conn(self) -> socket.socket:
        sock: socket.socket = super()._new_conn()  # type: ignore[misc]
        _watch_socket(sock)
        return sock

    def getresponse(self) -> Any:
        _watch_connection(self)
        return super().getresponse()  # type: ignore[misc]


class _WatchedHTTPConnection(_Watched, HTTPConnection):
    pass


class _WatchedHTTPSConnection(_Watched, HTTPSConnection):
    pass


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class _WatchedAdapter(HTTPAdapter):
    """An HTTPAdapter whose connections report their socket to the request's Deadline."""

    def init_poolmanager(self, *args: Any, **kw: Any) -> None:
        super().init_poolmanager(*args, **kw)
        self.poolmanager.pool_classes_by_scheme = {  # type: ignore[attr-defined]
            "http": _WatchedHTTPPool,
            "https": _WatchedHTTPSPool,
        }


# -- URLs ---------------------------------------------------------------------------------------


def check_url(url: str) -> str:
    """``url`` if it is http(s) with a host; a FetchError before any I/O otherwise."""
    try:
        parts = split(url)
    except BadURL as exc:
        raise FetchError(url, str(exc).rsplit(": ", 1)[-1]) from None
    if parts.scheme.lower() not in ("http", "https"):
        shown = parts.scheme or "none"
        raise FetchError(url, f"unsupported URL scheme '{shown}' (only http and https)")
    if not parts.hostname:
        raise FetchError(url, "no host in URL")
    return url


def _host(url: str) -> str:
    return host_key(url)


@dataclass
class _Robots:
    """A host's robots.txt: protego rules (None: no rules), the HTTP status, or why it failed."""

    rules: Protego | None
    status: int = 200
    error: str | None = None


class _Session(requests.Session):
    """A Session that never looks at redirects itself (the Fetcher follows them hop by hop;
    requests would parse a hostile Location even with ``allow_redirects=False``)."""

    def resolve_redirects(self, *args: Any, **kw: Any) -> Iterator[Any]:  # type: ignore[override]
        return iter(())


class Gate(Protocol):
    """Politeness shared with other processes: ``acquire`` returns when this process may
    send a request to ``host`` (no one else is, and ``delay`` s passed since the last one
    ended); ``release`` when the response is closed. See :mod:`pressclip.archive.lease`."""

    def acquire(self, host: str, delay: float) -> None: ...

    def release(self, host: str) -> None: ...


class Fetcher:
    """Fetches pages one at a time per host, with the options above; with a ``gate``, one
    at a time per host across every process that shares it."""

    def __init__(
        self,
        options: FetchOptions | None = None,
        *,
        robots: dict[str, Any] | None = None,
        gate: Gate | None = None,
    ) -> None:
        """``robots`` is a cache of robots.txt by host to share with other Fetchers of the
        same run (so a host, or its failure, is looked up once a run); ``gate`` shares
        politeness with other processes."""
        self.options = options or FetchOptions()
        self.gate = gate
        self.session = _Session()
        self.session.headers["User-Agent"] = self.options.user_agent
        self.session.headers["Accept"] = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
        self._header_origins = (
            None if self.options.header_origins is None else set(self.options.header_origins)
        )
        #: Where requests may go (see :mod:`.scope`): a board's walk sets its site.
        self.scope = Scope()
        if self.options.cookies is not None:
            self.session.cookies.update(self.options.cookies)
        self.session.max_redirects = self.options.max_redirects
        retry = _CappedRetry(
            total=self.options.retries,
            connect=self.options.retries,
            read=self.options.retries,
            status=self.options.retries,
            redirect=0,
            backoff_factor=self.options.backoff,
            backoff_jitter=self.options.backoff / 2,
            status_forcelist=(429, 500, 502, 503, 504),
            allowed_methods=frozenset({"GET", "HEAD"}),
            respect_retry_after_header=True,
            raise_on_status=False,
            raise_on_redirect=False,
        )
        retry.cap = min(self.options.max_retry_after, self.options.deadline)
        adapter = _WatchedAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self._robots: dict[str, _Robots] = {} if robots is None else robots
        self._last: dict[str, float] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()
        self.requests_made = 0

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- politeness ---------------------------------------------------------------------

    def _lock(self, host: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(host, threading.Lock())

    def _delay(self, host: str) -> float:
        """The pause between two requests to ``host``: --delay or a larger Crawl-delay."""
        delay = self.options.delay
        robots = self._robots.get(host)
        if robots is not None and robots.rules is not None:
            crawl = robots.rules.crawl_delay(self.options.user_agent)
            if crawl is not None and math.isfinite(crawl):
                delay = max(delay, min(float(crawl), MAX_CRAWL_DELAY))
        return delay

    def _wait_turn(self, host: str) -> None:
        """Sleep until the per-host delay (or a larger Crawl-delay) has passed."""
        delay = self._delay(host)
        last = self._last.get(host)
        if last is not None:
            pause = last + delay - time.monotonic()
            if pause > 0:
                time.sleep(pause)

    def robots(self, url: str) -> _Robots:
        """The host's robots.txt, fetched once a run (a failure too).

        As RFC 9309 says: a 4xx robots.txt means no rules, a 5xx one means nothing may be
        fetched; a host that cannot be reached at all fails here, with that cause.
        """
        host = _host(url)
        found = self._robots.get(host)
        if found is None:
            found = self._robots[host] = self._load_robots(host)
        if found.error is not None:
            raise FetchError(url, found.error)
        return found

    def _load_robots(self, host: str) -> _Robots:
        robots_url = host + "/robots.txt"
        deadline = self._arm()
        try:
            resp = self._follow(robots_url, None, check_robots=False, redirects=5)
            status = resp.status_code
            if 200 <= status < 300:
                body = self._read(resp, robots_url, cap=ROBOTS_MAX_BYTES, truncate=True)
            else:
                resp.close()
                self._note(resp, None)
                body = b""
        except FetchError as exc:  # a dead host: the pages would fail the same way
            if "redirect" in exc.cause:
                return _Robots(None, 404)  # RFC 9309: a broken redirect chain is 'unavailable'
            return _Robots(None, 0, exc.cause)
        finally:
            self._disarm(deadline)
        if status >= 500:
            return _Robots(Protego.parse("User-agent: *\nDisallow: /\n"), status)
        if not 200 <= status < 300:
            return _Robots(None, status)
        text = body.decode("utf-8", errors="replace")
        if len(body) >= ROBOTS_MAX_BYTES:
            text = text.rsplit("\n", 1)[0]  # a cut-off last line is not a rule
        try:
            return _Robots(Protego.parse(text), status)
        except ValueError:  # protego's own error for a line it cannot read: no rules
            return _Robots(None, status)

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets pressclip's User-Agent fetch ``url``."""
        rules = self.robots(url).rules
        return rules is None or rules.can_fetch(url, self.options.user_agent)

    def _check_robots(self, url: str, original: str) -> None:
        """A FetchError (naming ``original``) when robots.txt forbids ``url``."""
        if self.allowed(url):
            return
        status = self.robots(url).status
        why = (
            f"robots.txt unavailable (HTTP {status}), which forbids everything"
            if status >= 500
            else "disallowed by robots.txt"
        )
        if url != original:
            why += f" of {_host(url)} (after a redirect)"
        raise FetchError(original, f"{why} (use --ignore-robots to override)")

    # -- fetching -----------------------------------------------------------------------

    def _arm(self) -> Deadline:
        """Start the deadline of a request made by this thread (robots.txt fetched on the way
        gets its own, and the page's is current again after it)."""
        deadline = Deadline(self.options.deadline)
        deadline.previous = getattr(_current, "deadline", None)
        _current.deadline = deadline
        return deadline

    @staticmethod
    def _disarm(deadline: Deadline) -> None:
        deadline.stop()
        if getattr(_current, "deadline", None) is deadline:
            _current.deadline = deadline.previous
        deadline.previous = None

    def release(self, resp: requests.Response) -> None:
        """Close a :meth:`download` response without reading it (and end its deadline)."""
        resp.close()
        self._note(resp, None)
        deadline = getattr(resp, "deadline", None)
        if deadline is not None:
            self._disarm(deadline)

    def _late(self, url: str) -> FetchError:
        return FetchError(url, f"took longer than {self.options.deadline:g} s (deadline)")

    def _get(self, url: str, host: str, headers: dict[str, str] | None = None) -> requests.Response:
        """One GET through the gate, if any: held from before the request until the
        response is closed (or the request failed)."""
        gate = self.gate
        if gate is None:
            return self._send(url, host, headers)
        gate.acquire(host, self._delay(host))
        try:
            resp = self._send(url, host, headers)
        except BaseException:
            gate.release(host)
            raise
        close = resp.close
        released = False

        def close_and_release() -> None:  # once: a second close must not end a later lease
            nonlocal released
            try:
                close()
            finally:
                if not released:
                    released = True
                    gate.release(host)

        resp.close = close_and_release  # type: ignore[method-assign]
        return resp

    def _send(
        self, url: str, host: str, headers: dict[str, str] | None = None
    ) -> requests.Response:
        """One GET (retries inside, no redirects), one at a time per host, errors as
        FetchError."""
        deadline = getattr(_current, "deadline", None)
        with self._lock(host):
            self._wait_turn(host)
            try:
                self.requests_made += 1
                with waiting(url, self.options.on_wait):
                    return self.session.get(
                        url,
                        stream=True,
                        timeout=(self.options.timeout, self.options.timeout),
                        headers=self._headers_for(url, headers),
                        allow_redirects=False,
                    )
            except REQUEST_ERRORS as exc:
                if deadline is not None and deadline.fired:
                    raise self._late(url) from None
                raise FetchError(url, self._cause(exc)) from None
            finally:
                self._last[host] = time.monotonic()

    def _bind_headers(self, url: str) -> None:
        """Give ``headers`` to ``url``'s origin when no origins were named (the first URL a
        Fetcher is asked for is the board's, or the one the user gave)."""
        if self._header_origins is None:
            self._header_origins = {origin(url)}
        self.scope.bind(url)

    def _headers_for(self, url: str, extra: dict[str, str] | None) -> dict[str, str] | None:
        """The request's own headers, with the user's when ``url`` is on one of their
        origins (never to another host, port or scheme: its robots.txt, an off-site link, a
        redirect)."""
        if not self.options.headers or origin(url) not in (self._header_origins or ()):
            return extra
        return {**self.options.headers, **(extra or {})}

    def _cause(self, exc: BaseException) -> str:
        """The one-line cause of a failed GET (one of :data:`REQUEST_ERRORS`)."""
        timeout = self.options.timeout
        if isinstance(exc, requests.exceptions.ConnectTimeout):
            return f"connection timed out after {timeout:g} s"
        if isinstance(exc, requests.exceptions.ReadTimeout):
            return f"timed out after {timeout:g} s"
        if isinstance(exc, requests.exceptions.RetryError):
            return _retry_cause(exc, self.options.retries)
        if isinstance(exc, requests.exceptions.SSLError):
            return "TLS error (certificate or handshake failed)"
        if isinstance(exc, requests.exceptions.ConnectionError):
            if "read timed out" in str(exc).lower():  # retries used up on read timeouts
                return f"timed out after {timeout:g} s (no response)"
            return _connection_cause(exc)
        if isinstance(exc, requests.exceptions.InvalidSchema):
            return "redirected to a non-http URL"
        if isinstance(exc, URL_ERRORS):
            return "invalid URL"
        if isinstance(exc, requests.exceptions.InvalidHeader):
            return "invalid request header"
        if isinstance(exc, requests.exceptions.RequestException):
            return type(exc).__name__
        return f"request failed ({type(exc).__name__})"

    def _follow(
        self,
        url: str,
        headers: dict[str, str] | None,
        *,
        check_robots: bool = True,
        redirects: int | None = None,
    ) -> requests.Response:
        """GET ``url``, following redirects one hop at a time: each hop's URL is checked, its
        host's robots.txt obeyed and its delay kept. The response of the last hop."""
        limit = self.options.max_redirects if redirects is None else redirects
        history: list[str] = []
        current = url
        while True:
            check_url(current)
            refused = self.scope.refusal(current)
            if refused is not None:
                hop = f" (redirected to {redact(current)[:200]})" if current != url else ""
                raise FetchError(url, refused + hop)
            if check_robots and self.options.respect_robots:
                self._check_robots(current, url)
            resp = self._get(current, _host(current), headers)
            if not 300 <= resp.status_code < 400 or resp.status_code == 304:
                resp.history = [_Hop(u) for u in history]  # type: ignore[misc]
                return resp
            status = resp.status_code
            location = resp.headers.get("Location", "").strip()
            resp.close()
            self._note(resp, b"")  # a redirect: its body is not read
            if not location:
                raise FetchError(url, f"HTTP {status} redirect without a Location header")
            target = join(current, location)
            if target is None:
                raise FetchError(url, f"redirected to a malformed URL: {location[:200]}")
            scheme = target.split(":", 1)[0].lower()
            if scheme not in ("http", "https"):
                raise FetchError(url, f"redirected to a non-http URL: {target[:200]}")
            history.append(current)
            if len(history) > limit:
                raise FetchError(url, f"redirect loop (more than {limit} redirects)")
            current = target

    def stream(self, resp: requests.Response, url: str, cap: int | None = None) -> Iterator[bytes]:
        """The body in decompressed chunks, within the size cap and the request's deadline;
        the response is closed at the end. FetchError (``retry`` set when the connection
        broke midway) on failure."""
        cap = self.options.max_bytes if cap is None else cap
        deadline = getattr(resp, "deadline", None)
        declared = resp.headers.get("Content-Length", "")
        kept: list[bytes] | None = [] if self.options.recorder is not None else None
        whole = False
        try:
            if (
                declared.isdigit()
                and int(declared) > cap
                and "Content-Encoding" not in resp.headers
            ):
                raise FetchError(url, f"too large: {int(declared):,} bytes (limit {cap:,})")
            size = 0
            try:
                for chunk in resp.raw.stream(CHUNK, decode_content=True):
                    size += len(chunk)
                    if size > cap:
                        raise FetchError(url, f"too large: more than {cap:,} bytes (limit)")
                    if kept is not None:
                        kept.append(chunk)
                    yield chunk
            except TRANSFER_ERRORS as exc:  # urllib3 read/decode errors surface as many types
                if deadline is not None and deadline.fired:
                    raise self._late(url) from None
                if "timed out" in str(exc).lower():
                    raise FetchError(url, "timed out while reading the body") from None
                raise FetchError(
                    url, "connection broken while reading the body", retry=True
                ) from None
            if deadline is not None and deadline.fired:  # the body 'ended' when it was cut
                raise self._late(url)
            whole = True
        finally:
            resp.close()
            if deadline is not None:
                self._disarm(deadline)
            if kept is not None:  # the body as read, or headers only when it was not read whole
                self._note(resp, b"".join(kept) if whole else None)

    def _read(
        self, resp: requests.Response, url: str, cap: int | None = None, truncate: bool = False
    ) -> bytes:
        """The whole body (see :meth:`stream`); with ``truncate``, the first ``cap`` bytes of a
        larger one instead of an error."""
        limit = self.options.max_bytes if cap is None else cap
        if not truncate:
            return b"".join(self.stream(resp, url, limit))
        chunks: list[bytes] = []
        size = 0
        deadline = getattr(_current, "deadline", None)
        try:
            for chunk in resp.raw.stream(CHUNK, decode_content=True):
                chunks.append(chunk[: limit - size])
                size += len(chunks[-1])
                if size >= limit:
                    break
        except TRANSFER_ERRORS:
            if deadline is not None and deadline.fired:
                raise self._late(url) from None
            raise FetchError(url, "connection broken while reading the body") from None
        finally:
            resp.close()
        if deadline is not None and deadline.fired:
            raise self._late(url)
        body = b"".join(chunks)
        self._note(resp, body)
        return body

    def _note(self, resp: requests.Response, body: bytes | None) -> None:
        """Hand a response and its body (None: not read) to the options' recorder, once."""
        if self.options.recorder is None or getattr(resp, "recorded", False):
            return
        resp.recorded = True  # type: ignore[attr-defined]
        self.options.recorder(resp, body)

    def fetch(self, url: str) -> Page:
        """Fetch one HTML page, or raise FetchError with a one-line cause. A body cut off
        midway is fetched again (up to ``retries`` times)."""
        for attempt in range(self.options.retries + 1):
            try:
                return self._fetch_once(url)
            except FetchError as exc:
                if not exc.retry or attempt >= self.options.retries:
                    raise
                time.sleep(self.options.backoff * 2**attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def _fetch_once(self, url: str) -> Page:
        check_url(url)
        self._bind_headers(url)
        deadline = self._arm()
        try:
            resp = self._follow(url, None)
            resp.deadline = deadline  # type: ignore[attr-defined]
            final = resp.url or url
            if resp.status_code >= 400:
                reason = resp.reason or ""
                resp.close()
                self._note(resp, None)
                retried = " after retries" if resp.status_code in (429, 500, 502, 503, 504) else ""
                raise FetchError(url, f"HTTP {resp.status_code} {reason}".rstrip() + retried)
            if resp.status_code >= 300:
                resp.close()
                self._note(resp, None)
                raise FetchError(url, f"HTTP {resp.status_code}: not a page")
            ctype = resp.headers.get("Content-Type", "")
            mime = ctype.split(";")[0].strip().lower()
            if mime and mime not in HTML_TYPES:
                resp.close()
                self._note(resp, None)
                raise FetchError(url, f"not HTML: {mime[:100]}")
            body = self._read(resp, url)
        finally:
            self._disarm(deadline)
        if not body.strip():
            raise FetchError(url, "empty response")
        try:
            text, encoding = decode(body, charset_from_content_type(ctype))
        except PressclipError as exc:
            raise FetchError(url, str(exc)) from None
        return Page(
            url=final,
            status=resp.status_code,
            headers=dict(resp.headers),
            content=body,
            text=text,
            encoding=encoding,
            requested_url=url,
            history=[h.url for h in resp.history],
        )

    def download(self, url: str, *, referer: str | None = None) -> requests.Response:
        """A streamed GET for attachments (any content type), robots.txt and redirects as for
        pages; read it with :meth:`stream` (which closes it and ends its deadline)."""
        check_url(url)
        self._bind_headers(url)
        deadline = self._arm()
        try:
            resp = self._follow(url, {"Referer": referer} if referer else None)
        except BaseException:
            self._disarm(deadline)
            raise
        resp.deadline = deadline  # type: ignore[attr-defined]
        return resp


@contextlib.contextmanager
def waiting(url: str, hook: Callable[[str, float], None] | None) -> Iterator[None]:
    """Call ``hook(url, seconds waited)`` every :data:`WAIT_NOTICE` seconds while the block
    runs (from a thread of its own; none without a hook)."""
    if hook is None:
        yield
        return
    done = threading.Event()
    start = time.monotonic()

    def tick() -> None:
        while not done.wait(WAIT_NOTICE):
            hook(url, time.monotonic() - start)

    thread = threading.Thread(target=tick, name="pressclip-waiting", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()


@dataclass
class _Hop:
    """A redirect passed on the way (what ``Page.history`` lists)."""

    url: str


def _retry_cause(exc: requests.exceptions.RetryError, retries: int) -> str:
    text = str(exc)
    for code in ("429", "500", "502", "503", "504"):
        if f"{code} error" in text or f"too many {code}" in text:
            return f"HTTP {code} after {retries} retries"
    return f"gave up after {retries} retries"


def _connection_cause(exc: requests.exceptions.ConnectionError) -> str:
    text = str(exc)
    low = text.lower()
    if (
        "name or service not known" in low
        or "nodename nor servname" in low
        or ("failed to resolve" in low or "getaddrinfo failed" in low or "name resolution" in low)
    ):
        return "cannot resolve host (DNS lookup failed)"
    if "connection refused" in low or "errno 111" in low:
        return "connection refused"
    if "timed out" in low:
        return "connection timed out"
    if "max retries exceeded" in low:
        return "connection failed after retries"
    return "connection failed"
