"""How sure a reader is of what it proposes: lower is surer."""

from __future__ import annotations

from enum import IntEnum


class Rank(IntEnum):
    """The ranks of the readers (see :mod:`.readers`)."""

    #: An engine's or site's profile selector: made for this markup.
    ENGINE = 0
    #: A labelled value (작성자, 내용 …).
    LABEL = 1
    #: A heading or class name, or the region right after the post header.
    REGION = 2
    #: The densest block of text, the largest table cell, the page's download links.
    DENSITY = 3
    #: Page metadata (JSON-LD, meta tags, ``<title>``).
    METADATA = 4
