"""Posts whose body is only images (a notice posted as a poster, common on Korean boards):
with ``--ocr`` their images are fetched and read by OCR (:mod:`pressclip.attachments.ocr`).

Only a post whose extracted body holds almost no text is looked at; only images of the
post's own site, outside the page's header, navigation and footer, and not named as a logo,
icon or button; at most :data:`MAX_IMAGES` of at most :data:`MAX_IMAGE_BYTES`, and an image
smaller than :data:`MIN_SIDE` pixels on a side (an icon, a bullet) is not read.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from ..attachments import AttachmentError
from ..errors import PressclipError
from ..fetch.scope import host_of, site_of
from ..model import Article
from ..urls import join, without_credentials

if TYPE_CHECKING:
    from ..fetch.http import Fetcher, Page

#: Letters (without spaces) below which a post's body holds no text of its own: a caption
#: such as ``붙임 포스터 참조`` is 8.
MIN_BODY_LETTERS = 20
#: Images read per post: a poster notice has one to three pages.
MAX_IMAGES = 5
#: Bytes one image may have: a poster scanned at 300 dpi as JPEG is 1–3 MB.
MAX_IMAGE_BYTES = 10 * 2**20
#: Pixels on the shorter side below which an image is page furniture (icons, bullets, a
#: logo of 200x60); a poster of text is 600 pixels wide or more.
MIN_SIDE = 300
#: Words in an image's address, class, id or alt text that mark the page's furniture.
_FURNITURE = re.compile(r"logo|icon|ico_|btn|button|banner|bullet|arrow|blank|spacer|sns|qr", re.I)
#: Elements whose images are the page's, not the post's.
_CHROME = frozenset({"header", "nav", "footer", "aside"})
_LETTERS = re.compile(r"[^\W\d_]")


def image_only(article: Article) -> bool:
    """Whether the post's body holds almost no text (its content must be in images)."""
    return len(_LETTERS.findall(article.body)) < MIN_BODY_LETTERS


def post_images(html: str, url: str) -> list[str]:
    """The addresses of the images a post page shows, on its own site, outside the page's
    chrome, in page order, each once."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    site = site_of(host_of(url))
    found: list[str] = []
    for node in tree.css("img[src]"):
        src = join(url, (node.attributes.get("src") or "").strip())
        marks = " ".join(node.attributes.get(a) or "" for a in ("src", "class", "id", "alt"))
        if src is None or _FURNITURE.search(marks) or _in_chrome(node):
            continue
        if site_of(host_of(src)) == site and src not in found:
            found.append(src)
    return found[:MAX_IMAGES]


def _in_chrome(node: object) -> bool:
    parent = getattr(node, "parent", None)
    while parent is not None:
        if parent.tag in _CHROME:
            return True
        parent = parent.parent
    return False


def with_image_text(article: Article, page: Page, fetcher: Fetcher) -> Article:
    """``article`` with the text OCR reads on its images when its body is only images (the
    addresses read in ``ocr``); unchanged otherwise, or when no image gives text."""
    if not image_only(article):
        return article
    from ..attachments import ocr

    ocr.require()
    lines: list[str] = []
    read: list[str] = []
    for src in post_images(page.text, page.url):
        text = _read_image(fetcher, src, page.url)
        if text:
            lines.extend(text)
            read.append(without_credentials(src))  # printed and stored
    if not lines:
        return article
    paragraphs = article.paragraphs + lines  # OCR's paragraphs, by the image's layout
    return dataclasses.replace(article, paragraphs=paragraphs, ocr=article.ocr + read)


def _read_image(fetcher: Fetcher, src: str, referer: str) -> list[str]:
    """The lines OCR reads on the image at ``src``; none for a small image (furniture), one
    that cannot be fetched or decoded, or one without text."""
    from ..attachments import ocr

    try:
        response = fetcher.download(src, referer=referer)
        data = b"".join(fetcher.stream(response, src, MAX_IMAGE_BYTES))
        image = ocr.open_image(data)
        if min(image.width, image.height) < MIN_SIDE:
            return []
        return ocr.read_image(image)
    except (PressclipError, AttachmentError):
        return []
