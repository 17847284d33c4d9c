"""Pages that need a browser: a fetched page run in headless Chromium, its DOM read back.

One :class:`Renderer` holds one Chromium for the process (started when first needed, driven
through Playwright, from the distribution's package: ``/usr/bin/chromium`` or
``$PRESSCLIP_CHROMIUM``). The page's own document is not requested again: the browser is
handed the bytes the :class:`~.http.Fetcher` already read. Every request the page's scripts
make goes through that Fetcher too, so robots.txt, the per-host delay, one request at a time
per host, the board's scope, the size cap and ``--warc`` hold for them as for any request.
What a page never needs for its text is refused before it leaves the browser: images, media,
fonts, style sheets, requests to other sites (analytics, ads, fonts), anything but GET,
WebSockets, navigations away from the page (downloads among them: the browser never opens one). Each
page is closed after use; the browser and its temporary profile go with :meth:`close`.

A page whose URL names session storage (``view.html#sessionStorage:postNo=12``, the address
:mod:`.clicks` gives a row whose click stored it) gets those items stored before its own
scripts run, as they would be in the tab where the row was clicked.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from typing import Any

from ..errors import PressclipError
from ..urls import origin, session_storage
from .http import DEFAULT_USER_AGENT, Fetcher, FetchError, Page
from .render_profile import Profile, remove_stale
from .scope import same_site

CHROMIUM_ENV = "PRESSCLIP_CHROMIUM"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
INSTALL_EXTRA = "pip install 'pressclip[browser]'"
#: Chromium's flags: headless, and none of its own traffic (updates, sync, field trials),
#: which a closed network refuses and which no page needs.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
#: The page is done when it has made no request for this long after its ``load`` (seconds).
#: Every request passes through the route handler, so pressclip sees them all itself.
QUIET_SECONDS = 0.3
#: How often the quiet time is checked (milliseconds); the browser works in between.
QUIET_STEP_MS = 50
#: Request kinds fetched for the page (through the Fetcher); every other kind is refused.
FETCHED_KINDS = frozenset({"document", "script", "xhr", "fetch"})
#: Why a page failed whose browser went away while it rendered.
LOST = "the browser (Chromium) crashed or was killed; it is started again for the next page"
#: Run before the scripts of the tab's top document on ``ORIGIN``: stores ``ITEMS`` in its
#: session storage.
STORE_SESSION = """(() => {
  if (window !== window.top || location.origin !== ORIGIN) return;
  try {
    for (const [key, value] of Object.entries(ITEMS)) sessionStorage.setItem(key, value);
  } catch (e) {}
})();"""


class RenderUnavailable(PressclipError):
    """No browser to render with: the message says what to install."""


def chromium_path() -> str:
    """Where Chromium is: ``$PRESSCLIP_CHROMIUM``, else the Debian package's place."""
    return os.environ.get(CHROMIUM_ENV) or DEFAULT_CHROMIUM


def check_available() -> None:
    """RenderUnavailable, saying what to install, unless Playwright and Chromium are here."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        raise RenderUnavailable(f"--render needs Playwright: {INSTALL_EXTRA}") from None
    path = chromium_path()
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise RenderUnavailable(
            f"--render needs Chromium at {path}: apt-get install chromium "
            f"(or set {CHROMIUM_ENV} to its path)"
        )


class Renderer:
    """One headless Chromium for a run; :meth:`render` turns a fetched page into the page
    its scripts build. ``mode`` is how a crawl uses it: ``always``, or ``auto`` (only pages
    that show nothing without their scripts, see :mod:`.auto`)."""

    def __init__(
        self, fetcher: Fetcher | None = None, mode: str = "always", user_agent: str | None = None
    ) -> None:
        """``fetcher`` serves the pages' requests unless :meth:`render` is given another;
        ``user_agent`` is the browser's (else the fetcher's, else pressclip's)."""
        self.fetcher = fetcher
        self.mode = mode
        self.user_agent = user_agent or (fetcher.options.user_agent if fetcher else None)
        self._playwright: Any = None
        self._context: Any = None
        self._profile: Profile | None = None
        self._gone = False  # the browser went away (see lost)
        self.pages_rendered = 0

    def start(self) -> None:
        """Start the browser now (it starts on first use otherwise): RenderUnavailable when
        it cannot."""
        self._browser()

    def _browser(self) -> Any:
        """The browser context, started on first use (one per Renderer), and again after the
        browser went away (it crashed, or was killed)."""
        if self._context is not None and not self.lost():
            return self._context
        self.close()  # what is left of a browser that went away
        check_available()
        from playwright.sync_api import Error, sync_playwright

        remove_stale()  # left by runs killed with their browser
        try:
            self._profile = Profile()
        except OSError as exc:
            raise RenderUnavailable(f"no folder for the browser's profile: {exc}") from None
        self._playwright = sync_playwright().start()
        try:
            context = self._playwright.chromium.launch_persistent_context(
                self._profile.path,
                executable_path=chromium_path(),
                headless=True,
                args=list(FLAGS),
                accept_downloads=False,
                service_workers="block",
                user_agent=self.user_agent or DEFAULT_USER_AGENT,
            )
        except Error as exc:
            self.close()
            raise RenderUnavailable(f"Chromium did not start: {_first_line(exc)}") from None
        self._context = context
        context.on("close", lambda closed: self._closed(closed))
        # A WebSocket would bypass the route handler: answered here, it never connects.
        context.route_web_socket("**/*", lambda socket: None)
        return context

    def _closed(self, context: Any) -> None:
        """The browser context closed: by :meth:`close`, or because the browser went away."""
        if context is self._context:
            self._gone = True

    def lost(self) -> bool:
        """Whether the running browser went away (crashed, or was killed)."""
        if self._context is None:
            return False
        browser = self._context.browser
        return self._gone or (browser is not None and not browser.is_connected())

    def render(
        self, page: Page, wait_for: str | None = None, fetcher: Fetcher | None = None
    ) -> Page:
        """``page`` as the browser leaves it: loaded, then until it makes no more requests
        or ``wait_for`` (a CSS selector) matches, within the Fetcher's deadline. A page still
        busy at the deadline is read as it stands. The scripts' requests go through
        ``fetcher`` (a board's own), else the Renderer's."""
        with self.opened(page, fetcher, wait_for) as (tab, _routing):
            html = str(tab.content())
        self.pages_rendered += 1
        headers = {**page.headers, "Content-Type": "text/html; charset=utf-8"}
        return replace(
            page,
            text=html,
            content=html.encode("utf-8"),
            encoding="utf-8",
            headers=headers,
            served=page.served or page,
        )

    @contextmanager
    def opened(
        self, page: Page, fetcher: Fetcher | None = None, wait_for: str | None = None
    ) -> Iterator[tuple[Any, _Routing]]:
        """A browser tab holding ``page``, loaded (see :meth:`render`), and the record of
        its requests; the tab and any window it opened are closed afterwards."""
        fetcher = fetcher or self.fetcher
        if fetcher is None:
            raise ValueError("a rendered page needs a Fetcher for its requests")
        from playwright.sync_api import Error

        context = self._browser()
        routing = _Routing(fetcher, page)
        try:
            context.route("**/*", routing.handle)  # the whole context: popups are routed too
            try:
                tab = context.new_page()
                _store_session(tab, page.requested_url or page.url)
                self._load(tab, page, wait_for, fetcher.options.deadline, routing)
                yield tab, routing
                routing.raise_failure()
            finally:
                self._tidy(context, routing)
        except Error as exc:
            raise FetchError(page.url, self._failure(exc)) from None

    def _tidy(self, context: Any, routing: _Routing) -> None:
        """Close the tabs ``routing``'s page opened (nothing to close when the browser went
        away)."""
        from playwright.sync_api import Error

        try:
            for opened in list(context.pages):
                opened.close()
            context.unroute("**/*", routing.handle)
        except Error:
            if not self.lost():
                raise

    def _failure(self, exc: BaseException) -> str:
        """What became of a page whose rendering raised ``exc``, in one line."""
        if self.lost():
            return LOST
        return f"the browser failed: {_first_line(exc)}"

    def _load(
        self, tab: Any, page: Page, wait_for: str | None, seconds: float, routing: _Routing
    ) -> None:
        from playwright.sync_api import Error
        from playwright.sync_api import TimeoutError as Late

        end = time.monotonic() + seconds
        try:
            tab.goto(page.url, wait_until="load", timeout=seconds * 1000)
            if wait_for:
                left = max(end - time.monotonic(), 0.001)
                tab.wait_for_selector(wait_for, state="attached", timeout=left * 1000)
            else:
                _settle(tab, routing, end)
        except Late:
            if not routing.loaded:
                raise FetchError(page.url, "the browser did not load the page in time") from None
            # still busy at the deadline: what is there is the page
        except Error as exc:
            raise FetchError(page.url, self._failure(exc)) from None

    def close(self) -> None:
        """Close the browser and remove its temporary profile (safe to call twice, and after
        the browser went away)."""
        context, runner, folder = self._context, self._playwright, self._profile
        self._context = self._playwright = self._profile = None
        self._gone = False
        try:
            if context is not None:
                from playwright.sync_api import Error

                with suppress(Error):  # gone already: the run's pages are read
                    context.close()
        finally:
            try:
                if runner is not None:
                    runner.stop()
            finally:
                if folder is not None:
                    folder.remove()

    def __enter__(self) -> Renderer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Routing:
    """Answers every request of one rendered page: its document from the fetched bytes, its
    scripts' same-site GETs through the Fetcher, everything else refused."""

    def __init__(self, fetcher: Fetcher, page: Page) -> None:
        self.fetcher = fetcher
        self.page = page.served or page  # the document is given the bytes as served
        self.failure: BaseException | None = None
        self.last = time.monotonic()  # when a request was last answered
        self.loaded = False  # the document was handed to the browser
        #: Where each navigation the page started would have gone (None: not a GET).
        self.navigations: list[str | None] = []

    def handle(self, route: Any) -> None:
        request = route.request
        self.last = time.monotonic()
        try:
            top = request.is_navigation_request() and request.frame.parent_frame is None
            if top and not self.loaded and _same_document(request.url, self.page.url):
                route.fulfill(status=200, headers=self._document_headers(), body=self.page.content)
                self.loaded = True
            elif top:  # the page (or a window it opens) going elsewhere: noted, not followed
                self.navigations.append(request.url if request.method == "GET" else None)
                route.abort("aborted")  # (blocked would put an error page in its place)
            elif self.allows(request):
                self._forward(route, request.url)
            else:
                route.abort("blockedbyclient")
        except Exception as exc:  # noqa: BLE001 - kept, raised once the page is closed
            self.failure = self.failure or exc
            route.abort("failed")
        self.last = time.monotonic()

    def allows(self, request: Any) -> bool:
        """A request worth making for the page's text: a same-site GET of a script, data or
        a frame's document."""
        if request.method != "GET" or request.resource_type not in FETCHED_KINDS:
            return False
        return same_site(request.url, self.page.url)

    def _forward(self, route: Any, url: str) -> None:
        try:
            resp = self.fetcher.download(url, referer=self.page.url)
            body = b"".join(self.fetcher.stream(resp, url))
        except PressclipError:  # refused (robots.txt, scope) or failed: the page goes without
            route.abort("failed")
            return
        kind = resp.headers.get("Content-Type", "application/octet-stream")
        route.fulfill(status=resp.status_code, headers={"Content-Type": kind}, body=body)

    def _document_headers(self) -> dict[str, str]:
        kind = self.page.headers.get("Content-Type") or f"text/html; charset={self.page.encoding}"
        return {"Content-Type": kind}

    def raise_failure(self) -> None:
        if self.failure is not None:
            raise self.failure


def _settle(tab: Any, routing: _Routing, end: float) -> None:
    """Let the page work until it has made no request for :data:`QUIET_SECONDS`, or
    ``end`` (a ``time.monotonic()`` instant) passes."""
    while time.monotonic() < end:
        tab.wait_for_timeout(QUIET_STEP_MS)
        if time.monotonic() - routing.last >= QUIET_SECONDS:
            return


def _store_session(tab: Any, url: str) -> None:
    """Have ``tab`` store the session storage ``url`` names before its page's scripts run."""
    items = session_storage(url)
    if not items:
        return
    script = STORE_SESSION.replace("ORIGIN", json.dumps(origin(url))).replace(
        "ITEMS", json.dumps(items)
    )
    tab.add_init_script(script)


def _same_document(one: str, other: str) -> bool:
    """Whether two URLs load the same document (they may differ in their fragment)."""
    return one.split("#", 1)[0] == other.split("#", 1)[0]


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__
