"""List rows whose address only their script knows, found by clicking them in the browser.

A row like ``<a href="#" onclick="openPost(this)">`` whose function the static reader
cannot follow has no address. With a browser (``--render``), the list page is opened, each
such row is clicked, and the navigation the click starts is noted and refused (never
followed): its URL is the row's address. A click that starts nothing, or a form sent by
POST, leaves the row without one.

A click may also leave what the post's page needs in session storage (``postNo = 12``) and
open one address for every row (``view.html``). What each click stored (the storage is put
back as it was after the page loaded before each click) goes into its row's address as a
fragment, ``view.html#sessionStorage:postNo=12`` (see :func:`~pressclip.urls.with_session_storage`):
it tells the posts apart, and the renderer stores it again before the post's page runs.
"""

from __future__ import annotations

import dataclasses
import time
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from ..model import Listing
from ..urls import post_key, with_session_storage
from .http import Fetcher, Page

if TYPE_CHECKING:
    from .render import Renderer

#: Longest wait for one click to start a navigation, seconds.
CLICK_SECONDS = 2.0
#: Poll step while waiting, milliseconds (the browser runs in between).
STEP_MS = 50
#: The page's session storage as an object (empty where the page may not use it).
READ_STORAGE = """() => {
  const items = {};
  try {
    for (let i = 0; i < sessionStorage.length; i++) {
      const key = sessionStorage.key(i);
      items[key] = sessionStorage.getItem(key);
    }
  } catch (e) {}
  return items;
}"""
#: Session storage put back to the given items.
RESET_STORAGE = """(items) => {
  try {
    sessionStorage.clear();
    for (const [key, value] of Object.entries(items)) sessionStorage.setItem(key, value);
  } catch (e) {}
}"""


def to_click(listing: Listing) -> list[str]:
    """The titles of the rows a click may tell more about: those without an address, and
    those that open one address with rows of other titles (their script passes on which
    post, as session storage may; a notice pinned twice is one post, not clicked)."""
    titles: dict[str, set[str]] = defaultdict(set)
    for post in listing.posts:
        if post.url:
            titles[post_key(post.url)].add(post.title)
    return [p.title for p in listing.posts if p.url is None or len(titles[post_key(p.url)]) > 1]


def with_clicked_rows(
    listing: Listing, page: Page, renderer: Renderer, fetcher: Fetcher
) -> Listing:
    """``listing`` with the address each row of :func:`to_click` opens, where a click
    reveals it (the warnings about rows that had none dropped)."""
    titles = to_click(listing)
    if not titles:
        return listing
    found = click_rows(renderer, page, titles, fetcher)
    posts = [dataclasses.replace(p, url=found.get(p.title, p.url)) for p in listing.posts]
    warnings = [w for w in listing.warnings if not any(f"«{t}»" in w for t in found)]
    return dataclasses.replace(listing, posts=posts, warnings=warnings)


def click_rows(
    renderer: Renderer, page: Page, titles: list[str], fetcher: Fetcher
) -> dict[str, str]:
    """The address the row showing each of ``titles`` opens when clicked, with the session
    storage the click set (rows whose click opens nothing are left out)."""
    found: dict[str, str] = {}
    with renderer.opened(page, fetcher) as (tab, routing):
        loaded = tab.evaluate(READ_STORAGE)
        for title in titles:
            tab.evaluate(RESET_STORAGE, loaded)
            before = len(routing.navigations)
            if not _click(tab, title):
                continue
            end = time.monotonic() + CLICK_SECONDS
            while len(routing.navigations) == before and time.monotonic() < end:
                tab.wait_for_timeout(STEP_MS)
            started = routing.navigations[before:]
            if started and started[0]:
                found[title] = with_session_storage(started[0], _stored(tab, loaded))
    return found


def _stored(tab: Any, loaded: dict[str, str]) -> dict[str, str]:
    """The session storage items the click set or changed (``loaded``: as the page left it)."""
    now: dict[str, str] = tab.evaluate(READ_STORAGE)
    return {key: value for key, value in now.items() if loaded.get(key) != value}


def _click(tab: Any, title: str) -> bool:
    """Click the element showing ``title``; False when there is none or it takes no click."""
    from playwright.sync_api import Error

    target = tab.get_by_text(title, exact=True).first
    try:
        target.click(timeout=CLICK_SECONDS * 1000, no_wait_after=True)
    except Error:
        return False
    return True
