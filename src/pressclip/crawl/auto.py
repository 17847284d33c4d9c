"""``--render auto``: whether a fetched page needs a browser to show its posts.

A page needs one when it loads scripts and the static reader finds nothing on it: a list
page without rows, or a post without body text (under :data:`MIN_BODY_CHARS` letters, so a
list's empty table, read as a post, is its header line ``번호 제목 작성일`` and no body). A
page that reads fully, or that runs no script that could fill it, is left to the static
reader (no browser is started for it).
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from ..errors import PressclipError
from ..extract.dispatch import is_list_page
from ..extract.profile import Profile
from ..fetch.http import Page
from ..pipeline import extract, parse_list
from ..timebox import cpu_limit
from ..urls import without_credentials

#: CPU seconds for deciding about one page (it is read once more afterwards).
DECIDE_CPU_SECONDS = 30.0
#: Fewer letters and digits than this in a post's body is no body: a shell left for scripts.
MIN_BODY_CHARS = 40


def loads_scripts(tree: LexborHTMLParser) -> bool:
    """Whether the page runs any script: a ``<script src>`` or inline code (JSON-LD and
    other data blocks are no code)."""
    for node in tree.css("script"):
        kind = (node.attributes.get("type") or "").strip().lower()
        if kind and "javascript" not in kind and kind != "module":
            continue
        if node.attributes.get("src") or (node.text() or "").strip():
            return True
    return False


def needs_browser(page: Page, profile: Profile | None = None) -> bool:
    """Whether ``page`` shows no rows (a list page) or no body (a post) without running its
    scripts, while it has scripts to run."""
    label = f"{without_credentials(page.url)}: deciding whether to render"
    with cpu_limit(DECIDE_CPU_SECONDS, label):
        if not loads_scripts(LexborHTMLParser(page.text)):
            return False
        if is_list_page(page.text, profile):
            return not parse_list(page.text, page.url, profile).posts
        try:
            body = extract(page.text, page.url, profile=profile).paragraphs
        except PressclipError:
            return True
        return sum(c.isalnum() for line in body for c in line) < MIN_BODY_CHARS
