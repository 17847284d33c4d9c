"""URLs in, Articles out: fetch a page, and if it is a board's list page, the posts on it.

Composes :mod:`pressclip.fetch.http` (bytes) with :mod:`pressclip.pipeline` (extraction and
dedup). Failures are reported per URL, so one bad post never costs the others.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

from ..errors import PressclipError
from ..extract.dispatch import is_list_page
from ..extract.dispatch import parse as parse_html
from ..extract.profile import Profile
from ..fetch.http import Fetcher, Page
from ..fetch.scope import Scope
from ..model import Article, Attachment, Listing
from ..pipeline import extract, parse_list, require_post
from ..timebox import cpu_limit
from ..urls import post_key, without_credentials
from .images import with_image_text
from .scripts import ScriptFiles

if TYPE_CHECKING:
    from ..fetch.render import Renderer

#: CPU seconds for reading one fetched page (a post, or a list page with its script files).
#: The worst hostile page of benchmarks/malformed.py (a million nested <div>s, read as a post
#: and as a list) takes 5.7 s; a page taking longer is given up, not the run.
PAGE_CPU_SECONDS = 30.0


@dataclass
class Outcome:
    """What became of one URL: an Article, or the one-line reason it failed."""

    url: str
    article: Article | None = None
    error: str | None = None
    listed: bool = False  # a post reached through a list page (so one of many, likely)


def article_from_page(
    page: Page, base_url: str | None = None, collapse: bool = True, profile: Profile | None = None
) -> Article:
    """The Article of a fetched post page (no credentials in its URLs)."""
    with cpu_limit(PAGE_CPU_SECONDS, f"{without_credentials(page.url)}: reading the page"):
        article = extract(page.text, base_url or page.url, collapse=collapse, profile=profile)
    if _web(article.url) is None:  # no canonical, or a javascript: one: the page's own URL
        article = dataclasses.replace(article, url=page.url)
    return scrub(require_post(article))


def read_post(
    page: Page,
    fetcher: Fetcher,
    *,
    base_url: str | None = None,
    collapse: bool = True,
    profile: Profile | None = None,
    ocr: bool = False,
) -> Article:
    """The Article of a fetched post page, as ``fetch`` and ``archive`` both read it: with
    ``ocr``, a post whose body is only images gets the text OCR reads on them (see
    :mod:`.images`; their addresses in its ``ocr``)."""
    article = article_from_page(page, base_url, collapse, profile)
    return with_image_text(article, page, fetcher) if ocr else article


def scrub(article: Article) -> Article:
    """``article`` without ``user:password@`` in its URL and attachment URLs (they are printed
    and stored; the credentials stay with the URL the user gave), and with only http(s) URLs
    (a ``javascript:`` canonical or file link is no address)."""
    files = [Attachment(a.name, _web(a.url)) for a in article.attachments]
    url = _web(article.url)
    return dataclasses.replace(article, url=url, attachments=files)


def _web(url: str | None) -> str | None:
    """``url`` without credentials when it is http(s), else None."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    return without_credentials(url)


def listing_from_page(
    page: Page,
    base_url: str | None = None,
    profile: Profile | None = None,
    scripts: ScriptFiles | None = None,
) -> Listing:
    """The Listing of a fetched list page. With ``scripts`` (the run's script files), rows
    and a pager calling functions the page does not define are read again with the page's
    own script files (see :mod:`.scripts`)."""
    with cpu_limit(PAGE_CPU_SECONDS, f"{without_credentials(page.url)}: reading the list page"):
        return _listing(page, base_url or page.url, profile, scripts)


def _listing(
    page: Page, base: str, profile: Profile | None, scripts: ScriptFiles | None
) -> Listing:
    listing = parse_list(page.text, base, profile)
    if scripts is None or not listing.undefined:
        return listing
    return scripts.complete(
        parse_html(page.text),
        page.url,
        listing,
        lambda texts: parse_list(page.text, base, profile, texts),
    )


def crawl(
    urls: list[str],
    fetcher: Fetcher,
    *,
    pages: int = 1,
    limit: int | None = None,
    base_url: str | None = None,
    collapse: bool = True,
    on_url: Callable[[str], None] | None = None,
    profile: Profile | None = None,
    on_skip: Callable[[str, str], None] | None = None,
    ocr: bool = False,
    renderer: Renderer | None = None,
) -> Iterator[Outcome]:
    """Yield an Outcome for each post reached from ``urls``, in order.

    A post URL gives its Article; a list-page URL gives the posts on it, following
    ``next_page`` for up to ``pages`` pages. ``limit`` caps the posts over all ``urls``;
    the walk is lazy, so nothing past the limit is fetched. A post reached twice (a notice
    pinned on every list page) is fetched once. ``on_skip`` hears of each list row left
    out, and why. ``ocr``: a post whose body is only images gets the text OCR reads on them
    (see :mod:`.images`). ``renderer``: pages are run in its browser before they are read
    (every page, or with ``mode`` ``auto`` those that show nothing without their scripts).
    """
    if not fetcher.scope.sites:
        fetcher.scope = Scope.of(urls)  # the pages given, and their posts, stay on their sites
    walk = _Walk(
        fetcher,
        pages,
        base_url,
        collapse,
        on_url or (lambda url: None),
        on_skip or (lambda url, why: None),
        profile,
        ScriptFiles(fetcher),
        ocr=ocr,
        renderer=renderer,
    )
    # a limit past any count (the command line takes 10**20) is no limit: islice wants one
    # that fits a C long
    stop = None if limit is None else min(limit, sys.maxsize)
    yield from islice(walk.outcomes(urls), stop)


@dataclass
class _Walk:
    """One crawl's settings and the posts it has reached (each is fetched once)."""

    fetcher: Fetcher
    pages: int
    base_url: str | None
    collapse: bool
    on_url: Callable[[str], None]
    on_skip: Callable[[str, str], None]
    profile: Profile | None = None  # a site profile (--profile) for every page
    scripts: ScriptFiles | None = None  # list pages' own script files, fetched when needed
    seen: set[str] = field(default_factory=set)  # post_key of each post reached
    ocr: bool = False  # read a post's images when its body is only images (--ocr)
    renderer: Renderer | None = None  # run pages in a browser first (--render)

    def load(self, url: str) -> Page:
        return load_page(self.fetcher, url, self.renderer, self.profile)

    def outcomes(self, urls: list[str]) -> Iterator[Outcome]:
        for url in urls:
            try:
                page = self.load(url)
            except PressclipError as exc:
                yield Outcome(url, error=str(exc))
                continue
            self.on_url(url)
            try:
                listed = self.is_list(page)
            except PressclipError as exc:
                yield Outcome(url, error=f"{url}: {exc}")
                continue
            if listed:
                yield from self.posts_of_list(page)
            else:
                self.seen.add(post_key(page.url))
                yield self.article(page, url, self.base_url)

    def is_list(self, page: Page) -> bool:
        with cpu_limit(PAGE_CPU_SECONDS, f"{without_credentials(page.url)}: reading the page"):
            return is_list_page(page.text, self.profile)

    def article(self, page: Page, url: str, base_url: str | None) -> Outcome:
        try:
            article = read_post(
                page,
                self.fetcher,
                base_url=base_url,
                collapse=self.collapse,
                profile=self.profile,
                ocr=self.ocr,
            )
            return Outcome(url, article)
        except PressclipError as exc:
            return Outcome(url, error=f"{url}: {exc}")

    def clicked(self, listing: Listing, page: Page) -> Listing:
        """With a browser, rows without an address (or sharing one) get the one their click
        opens (see :mod:`.clicks`)."""
        if self.renderer is None:
            return listing
        from ..fetch.clicks import with_clicked_rows

        try:
            return with_clicked_rows(listing, page, self.renderer, self.fetcher)
        except PressclipError as exc:
            self.on_skip(page.url, f"rows without an address not clicked: {exc}")
            return listing

    def posts_of_list(self, page: Page) -> Iterator[Outcome]:
        for number in range(max(self.pages, 1)):
            base = self.base_url if number == 0 else None
            try:
                listing = listing_from_page(page, base, self.profile, self.scripts)
            except PressclipError as exc:
                yield Outcome(page.url, error=f"{page.url}: {exc}")
                return
            listing = self.clicked(listing, page)
            if number and all(p.url is None or post_key(p.url) in self.seen for p in listing.posts):
                return  # the pager went round: nothing on this page is new to the walk
            for post in listing.posts:
                if post.url is None:  # a row whose JavaScript target is unknown
                    yield Outcome(page.url, error=f"{page.url}: {_why(listing, post.title)}")
                    continue
                if not self.fetcher.scope.allows(post.url):
                    self.on_skip(post.url, "outside the board's site")
                    continue
                if post_key(post.url) in self.seen:
                    self.on_skip(post.url, "already fetched in this run (a pinned notice)")
                    continue
                self.seen.add(post_key(post.url))
                try:
                    post_page = self.load(post.url)
                except PressclipError as exc:
                    yield Outcome(post.url, error=str(exc))
                    continue
                self.on_url(post.url)
                outcome = self.article(post_page, post.url, None)
                outcome.listed = True
                yield outcome
            if number + 1 >= self.pages or not listing.next_page:
                return
            try:
                page = self.load(listing.next_page)
            except PressclipError as exc:
                yield Outcome(listing.next_page, error=str(exc))
                return


def load_page(
    fetcher: Fetcher,
    url: str,
    renderer: Renderer | None = None,
    profile: Profile | None = None,
    mode: str | None = None,
) -> Page:
    """The page at ``url``, run in ``renderer``'s browser when its mode (or ``mode``) asks:
    ``always``, or ``auto`` for a page that shows nothing without its scripts."""
    page = fetcher.fetch(url)
    mode = mode or (renderer.mode if renderer is not None else None)
    if renderer is None or mode not in ("always", "auto"):
        return page
    if mode == "auto":
        from .auto import needs_browser

        if not needs_browser(page, profile):
            return page
    return renderer.render(page, _awaited(profile), fetcher)


def _awaited(profile: Profile | None) -> str | None:
    """The selector a rendered page is awaited for: a site profile's rows or body."""
    if profile is None:
        return None
    return ", ".join((*profile.rows, *profile.body)) or None


def _why(listing: Listing, title: str) -> str:
    """The listing's warning about the row titled ``title`` (its post has no address)."""
    for warning in listing.warnings:
        if f"«{title}»" in warning:
            return warning
    return f"row «{title}»: no address"
