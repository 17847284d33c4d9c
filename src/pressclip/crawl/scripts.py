"""A list page's own script files, fetched when its rows call functions it does not define.

Boards often open posts through a function kept in a script file of their own
(``<script src="/skin/board/js/list.js">`` defining ``submitForm``). When rows or the
pager of a fetched list page call a function the page does not define, the page's
same-site ``<script src>`` files are fetched, in page order, until every such function is
defined or the budget is spent, and their text is handed to the list reader
(:func:`pressclip.pipeline.parse_list`, still a pure function of its input), which reads
their definitions as it reads the page's own.

Bounded: at most :data:`MAX_FILES` files tried a page and :data:`MAX_FILE_BYTES` a file;
third-party hosts and well-known libraries (jQuery, editors, analytics …) are never
fetched; each request goes through the :class:`~pressclip.fetch.http.Fetcher`, so
robots.txt, the per-host delay, timeouts and the deadline apply as to any page. A file is
fetched once a run (a failure too).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

from ..decode import charset_from_content_type, decode
from ..errors import PressclipError
from ..extract.file_links import base_url
from ..extract.jsnav import defined_names
from ..fetch.http import HTML_TYPES, Fetcher
from ..fetch.scope import same_site
from ..model import Listing
from ..urls import join

#: Script files tried for one page (libraries and other sites' files are not counted).
MAX_FILES = 4
#: Largest script file read (a board's own scripts are a few KiB; a bundle may be more).
MAX_FILE_BYTES = 512 * 1024

#: File names of well-known libraries, which never define a board's own navigation.
_LIBRARY = re.compile(
    r"(?:^|[/._-])(?:jquery|jqueryui|bootstrap|popper|swiper|slick|owl|bxslider|moment|lodash|"
    r"underscore|gsap|tweenmax|aos|html5shiv|respond|modernizr|polyfill|babel|vue|react|"
    r"angular|d3|chart|highcharts|datepicker|fullcalendar|smarteditor|huskyezcreator|ckeditor|"
    r"tinymce|gtag|analytics|gtm|kakao|naver|facebook|twitter|addthis|fontawesome|masonry|"
    r"isotope|lightbox|fancybox|magnific|select2|clipboard|sweetalert|axios|mathjax)"
    r"(?:[/._-]|\d|$)",
    re.IGNORECASE,
)


def script_sources(tree: LexborHTMLParser, page_url: str) -> list[str]:
    """The addresses of the page's same-site ``<script src>`` files in page order (``<base
    href>`` honoured), libraries and other sites' files left out."""
    base = base_url(tree, page_url) or page_url
    out: list[str] = []
    for node in tree.css("script[src]"):
        src = (node.attributes.get("src") or "").strip()
        url = join(base, src) if src else None
        if url is None or not url.lower().startswith(("http://", "https://")):
            continue
        path = url.split("?", 1)[0].split("#", 1)[0]
        if _LIBRARY.search(path.rsplit("/", 1)[-1]) or not same_site(url, page_url):
            continue
        if url not in out:
            out.append(url)
    return out


@dataclass
class ScriptFiles:
    """The script files fetched in one run, each once: their text, or why not."""

    fetcher: Fetcher
    max_files: int = MAX_FILES
    max_bytes: int = MAX_FILE_BYTES
    texts: dict[str, str | None] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    def text(self, url: str, referer: str | None = None) -> str | None:
        """The decoded text of the script at ``url`` (fetched once a run), or None."""
        if url not in self.texts:
            try:
                self.texts[url] = self._fetch(url, referer)
            except PressclipError as exc:
                self.texts[url] = None
                self.errors[url] = str(exc)
        return self.texts[url]

    def _fetch(self, url: str, referer: str | None) -> str:
        resp = self.fetcher.download(url, referer=referer)
        ctype = resp.headers.get("Content-Type", "")
        mime = ctype.split(";")[0].strip().lower()
        if resp.status_code >= 300 or mime in HTML_TYPES:
            self.fetcher.release(resp)
            why = f"HTTP {resp.status_code}" if resp.status_code >= 300 else "a web page"
            raise PressclipError(f"{url}: {why}, not a script")
        cap = min(self.max_bytes, self.fetcher.options.max_bytes)
        body = b"".join(self.fetcher.stream(resp, url, cap))
        return decode(body, charset_from_content_type(ctype))[0]

    def complete(
        self,
        tree: LexborHTMLParser,
        page_url: str,
        listing: Listing,
        reparse: Callable[[Sequence[str]], Listing],
    ) -> Listing:
        """``listing`` read again with the page's script files when its rows or pager call
        functions the page does not define (see the module docstring); else as it was."""
        missing = set(listing.undefined)
        texts: list[str] = []
        tried = 0
        for src in script_sources(tree, page_url):
            if not missing or tried >= self.max_files:
                break
            tried += 1
            text = self.text(src, page_url)
            if text is None:
                continue
            texts.append(text)
            if missing & defined_names(text):
                listing = reparse(texts)  # the functions found may call others
                missing = set(listing.undefined)
        return listing
