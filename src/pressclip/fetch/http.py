"""Downloading pages politely and safely: bytes and headers in, never a half page.

One :class:`Fetcher` holds one requests Session for a run: a User-Agent naming pressclip,
connect/read timeouts and a total deadline per page, retries with backoff and jitter
(urllib3's ``Retry``, which also honours ``Retry-After`` on 429 and 503, capped here),
at most 10 redirects, http/https only, a size cap that also bounds what a compressed body
unpacks to, robots.txt per host (``urllib.robotparser``, cached for the run), and a delay
between two requests to the same host. Text is decoded by :func:`pressclip.decode.decode`,
never by requests' ``.text``.
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from .. import __version__
from ..decode import charset_from_content_type, decode
from ..errors import PressclipError

DEFAULT_USER_AGENT = f"pressclip/{__version__}"
HTML_TYPES = ("text/html", "application/xhtml+xml")
CHUNK = 64 * 1024


class FetchError(PressclipError):
    """A page could not be fetched; the message names the URL and the cause."""

    def __init__(self, url: str, cause: str) -> None:
        super().__init__(f"{url}: {cause}")
        self.url = url
        self.cause = cause


@dataclass
class FetchOptions:
    """How a :class:`Fetcher` behaves; the CLI's options map onto these one to one."""

    user_agent: str = DEFAULT_USER_AGENT
    timeout: float = 20.0  # connect and read timeout, seconds
    deadline: float = 120.0  # whole page, retries excluded, seconds
    retries: int = 3
    backoff: float = 0.5  # seconds, doubled each retry, plus jitter
    max_retry_after: float = 60.0  # longest Retry-After honoured, seconds
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 10
    delay: float = 1.0  # between two requests to one host, seconds
    respect_robots: bool = True
    headers: dict[str, str] = field(default_factory=dict)  # sent with every request
    cookies: Any = None  # an http.cookiejar.CookieJar whose cookies every request carries
    #: Called with each response (and its request) once its body is read: the hook for
    #: ``--verbose`` and ``--warc``. ``body`` is None for a response refused before its
    #: body was read (or a download not read to its end).
    recorder: Callable[[requests.Response, bytes | None], None] | None = None


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


def check_url(url: str) -> str:
    """``url`` if it is http(s) with a host; a FetchError before any I/O otherwise."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        shown = parts.scheme or "none"
        raise FetchError(url, f"unsupported URL scheme '{shown}' (only http and https)")
    if not parts.hostname:
        raise FetchError(url, "no host in URL")
    return url


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class Fetcher:
    """Fetches pages one at a time per host, with the options above."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        self.session = requests.Session()
        self.session.headers["User-Agent"] = self.options.user_agent
        self.session.headers["Accept"] = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
        self.session.headers.update(self.options.headers)
        if self.options.cookies is not None:
            self.session.cookies.update(self.options.cookies)
        self.session.max_redirects = self.options.max_redirects
        retry = _CappedRetry(
            total=self.options.retries,
            connect=self.options.retries,
            read=self.options.retries,
            status=self.options.retries,
            redirect=self.options.max_redirects,
            backoff_factor=self.options.backoff,
            backoff_jitter=self.options.backoff / 2,
            status_forcelist=(429, 500, 502, 503, 504),
            allowed_methods=frozenset({"GET", "HEAD"}),
            respect_retry_after_header=True,
            raise_on_status=False,
            raise_on_redirect=False,
        )
        retry.cap = self.options.max_retry_after
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._robots_status: dict[str, int] = {}
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

    def _wait_turn(self, host: str) -> None:
        """Sleep until the per-host delay (or a larger Crawl-delay) has passed."""
        delay = self.options.delay
        robots = self._robots.get(host)
        if robots is not None:
            crawl = robots.crawl_delay(self.options.user_agent)
            if crawl is not None:
                delay = max(delay, float(crawl))
        last = self._last.get(host)
        if last is not None:
            pause = last + delay - time.monotonic()
            if pause > 0:
                time.sleep(pause)

    def robots(self, url: str) -> urllib.robotparser.RobotFileParser | None:
        """The host's robots.txt rules, fetched once a run; None means no rules apply.

        As RFC 9309 says: a 4xx robots.txt means no rules, a 5xx one means nothing may be
        fetched; a host that cannot be reached at all fails here, with that cause.
        """
        host = _host(url)
        if host in self._robots:
            return self._robots[host]
        robots_url = host + "/robots.txt"
        try:
            resp = self._get(robots_url, host)
            status = resp.status_code
            body = self._read(resp, robots_url) if 200 <= status < 300 else b""
            resp.close()
            if not 200 <= status < 300:
                self._note(resp, None)
        except FetchError as exc:  # a dead host: the page would fail the same way
            raise FetchError(url, exc.cause) from None
        rules: urllib.robotparser.RobotFileParser | None = None
        if status >= 500 or 200 <= status < 300:
            rules = urllib.robotparser.RobotFileParser(robots_url)
            lines = ["User-agent: *", "Disallow: /"] if status >= 500 else None
            rules.parse(lines or body.decode("utf-8", errors="replace").splitlines())
        self._robots[host] = rules
        self._robots_status[host] = status
        return rules

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets pressclip's User-Agent fetch ``url``."""
        rules = self.robots(url)
        return rules is None or rules.can_fetch(self.options.user_agent, url)

    # -- fetching -----------------------------------------------------------------------

    def _get(self, url: str, host: str, headers: dict[str, str] | None = None) -> requests.Response:
        """One GET (retries inside), one at a time per host, errors as FetchError."""
        with self._lock(host):
            self._wait_turn(host)
            try:
                self.requests_made += 1
                return self.session.get(
                    url,
                    stream=True,
                    timeout=(self.options.timeout, self.options.timeout),
                    headers=headers,
                )
            except requests.exceptions.TooManyRedirects:
                raise FetchError(
                    url, f"redirect loop (more than {self.options.max_redirects} redirects)"
                ) from None
            except requests.exceptions.ConnectTimeout:
                cause = f"connection timed out after {self.options.timeout:g} s"
                raise FetchError(url, cause) from None
            except requests.exceptions.ReadTimeout:
                raise FetchError(url, f"timed out after {self.options.timeout:g} s") from None
            except requests.exceptions.RetryError as exc:
                raise FetchError(url, _retry_cause(exc, self.options.retries)) from None
            except requests.exceptions.ConnectionError as exc:
                if "read timed out" in str(exc).lower():  # retries used up on read timeouts
                    cause = f"timed out after {self.options.timeout:g} s (no response)"
                    raise FetchError(url, cause) from None
                raise FetchError(url, _connection_cause(exc)) from None
            except requests.exceptions.InvalidSchema:  # check_url passed: a redirect did this
                raise FetchError(url, "redirected to a non-http URL") from None
            except requests.exceptions.InvalidURL:
                raise FetchError(url, "invalid URL") from None
            except requests.exceptions.RequestException as exc:
                raise FetchError(url, type(exc).__name__) from None
            finally:
                self._last[host] = time.monotonic()

    def _read(self, resp: requests.Response, url: str) -> bytes:
        """The body, streamed and decompressed in bounded chunks, within size and deadline."""
        cap = self.options.max_bytes
        stop = time.monotonic() + self.options.deadline
        declared = resp.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > cap and "Content-Encoding" not in resp.headers:
            resp.close()
            raise FetchError(url, f"too large: {int(declared):,} bytes (limit {cap:,})")
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in resp.raw.stream(CHUNK, decode_content=True):
                size += len(chunk)
                if size > cap:
                    raise FetchError(url, f"too large: more than {cap:,} bytes (limit)")
                if time.monotonic() > stop:
                    raise FetchError(url, f"took longer than {self.options.deadline:g} s")
                chunks.append(chunk)
        except FetchError:
            raise
        except Exception as exc:  # urllib3 read/decode errors surface as many types
            cause = "timed out" if "timed out" in str(exc).lower() else "connection broken"
            raise FetchError(url, f"{cause} while reading the body") from None
        finally:
            resp.close()
        body = b"".join(chunks)
        self._note(resp, body)
        return body

    def _note(self, resp: requests.Response, body: bytes | None) -> None:
        """Hand a response (and the redirects before it) to the options' recorder."""
        if self.options.recorder is None:
            return
        for hop in resp.history:
            self.options.recorder(hop, hop.content)
        self.options.recorder(resp, body)

    def fetch(self, url: str) -> Page:
        """Fetch one HTML page, or raise FetchError with a one-line cause."""
        check_url(url)
        if self.options.respect_robots and not self.allowed(url):
            status = self._robots_status.get(_host(url), 200)
            why = (
                f"robots.txt unavailable (HTTP {status}), which forbids everything"
                if status >= 500
                else "disallowed by robots.txt"
            )
            raise FetchError(url, f"{why} (use --ignore-robots to override)")
        resp = self._get(url, _host(url))
        final = resp.url or url
        if urlsplit(final).scheme not in ("http", "https"):
            resp.close()
            raise FetchError(url, f"redirected to a non-http URL: {final}")
        if resp.status_code >= 400:
            reason = resp.reason or ""
            resp.close()
            self._note(resp, None)
            retried = " after retries" if resp.status_code in (429, 500, 502, 503, 504) else ""
            raise FetchError(url, f"HTTP {resp.status_code} {reason}".rstrip() + retried)
        ctype = resp.headers.get("Content-Type", "")
        mime = ctype.split(";")[0].strip().lower()
        if mime and mime not in HTML_TYPES:
            resp.close()
            self._note(resp, None)
            raise FetchError(url, f"not HTML: {mime}")
        body = self._read(resp, url)
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
            history=[r.url for r in resp.history],
        )

    def download(self, url: str, *, referer: str | None = None) -> requests.Response:
        """A streamed GET for attachments (any content type); the caller reads and closes it."""
        check_url(url)
        resp = self._get(url, _host(url), {"Referer": referer} if referer else None)
        if self.options.recorder is not None:
            self._tee(resp)
        return resp

    def _tee(self, resp: requests.Response) -> None:
        """Record a streamed download once read: the whole body when the caller read it to
        the end, None (headers only) when it stopped early or closed it unread."""
        stream, close = resp.iter_content, resp.close
        noted = False

        def note(body: bytes | None) -> None:
            nonlocal noted
            if not noted:
                noted = True
                self._note(resp, body)

        def iter_content(chunk_size: int | None = 1, decode_unicode: bool = False) -> Any:
            parts: list[bytes] = []
            whole = False
            try:
                for chunk in stream(chunk_size, decode_unicode):
                    parts.append(chunk)
                    yield chunk
                whole = True
            finally:
                note(b"".join(parts) if whole else None)

        def close_and_note() -> None:
            close()
            note(None)

        resp.iter_content = iter_content  # type: ignore[method-assign]
        resp.close = close_and_note  # type: ignore[method-assign]


def absolute(base: str, link: str) -> str:
    """``link`` resolved against ``base``."""
    return urljoin(base, link)


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
