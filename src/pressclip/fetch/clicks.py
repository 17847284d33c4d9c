"""List rows whose address only their script knows, found by clicking them in the browser.

A row like ``<a href="#" onclick="openPost(this)">`` whose function the static reader
cannot follow has no address. With a browser (``--render``), the list page is opened, each
such row is clicked, and the navigation the click starts is noted and refused (never
followed): its URL is the row's address. A click that starts nothing, or a form sent by
POST, leaves the row without one.
"""

from __future__ import annotations

import dataclasses
import time
from typing import TYPE_CHECKING, Any

from ..model import Listing
from .http import Fetcher, Page

if TYPE_CHECKING:
    from .render import Renderer

#: Longest wait for one click to start a navigation, seconds.
CLICK_SECONDS = 2.0
#: Poll step while waiting, milliseconds (the browser runs in between).
STEP_MS = 50


def with_clicked_rows(
    listing: Listing, page: Page, renderer: Renderer, fetcher: Fetcher
) -> Listing:
    """``listing`` with the address of each row that had none, where a click reveals it."""
    titles = [p.title for p in listing.posts if p.url is None]
    if not titles:
        return listing
    found = click_rows(renderer, page, titles, fetcher)
    posts = [
        dataclasses.replace(p, url=found.get(p.title)) if p.url is None else p
        for p in listing.posts
    ]
    return dataclasses.replace(listing, posts=posts)


def click_rows(
    renderer: Renderer, page: Page, titles: list[str], fetcher: Fetcher
) -> dict[str, str]:
    """The address the row showing each of ``titles`` opens when clicked (rows whose click
    opens nothing are left out)."""
    found: dict[str, str] = {}
    with renderer.opened(page, fetcher) as (tab, routing):
        for title in titles:
            before = len(routing.navigations)
            if not _click(tab, title):
                continue
            end = time.monotonic() + CLICK_SECONDS
            while len(routing.navigations) == before and time.monotonic() < end:
                tab.wait_for_timeout(STEP_MS)
            started = routing.navigations[before:]
            if started and started[0]:
                found[title] = started[0]
    return found


def _click(tab: Any, title: str) -> bool:
    """Click the element showing ``title``; False when there is none or it takes no click."""
    from playwright.sync_api import Error

    target = tab.get_by_text(title, exact=True).first
    try:
        target.click(timeout=CLICK_SECONDS * 1000, no_wait_after=True)
    except Error:
        return False
    return True
