"""pressclip: scrape and deduplicate press releases from bulletin boards.

The names below are loaded on first use, so ``import pressclip`` (and every command of the
CLI) starts without the extraction code until it needs it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# The subpackage pressclip.extract, loaded first: importing it later would bind the name
# `extract` to the module, over the function below. Its __init__ imports nothing.
from . import extract as _extract_package  # noqa: F401
from ._version import __version__

if TYPE_CHECKING:
    from .attachments import AttachmentError, Document, read_attachment
    from .errors import PressclipError
    from .extract.profile import Profile
    from .model import Article, Attachment, Contact, Listing, ListPost, Release
    from .pipeline import clean_text, parse_list, read_document

_WHERE = {
    "AttachmentError": "attachments",
    "Document": "attachments",
    "read_attachment": "attachments",
    "PressclipError": "errors",
    "Article": "model",
    "Attachment": "model",
    "Contact": "model",
    "Listing": "model",
    "ListPost": "model",
    "Release": "model",
    "clean_text": "pipeline",
    "parse_list": "pipeline",
    "read_document": "pipeline",
}

__all__ = [
    "Article",
    "Attachment",
    "AttachmentError",
    "Contact",
    "Document",
    "ListPost",
    "Listing",
    "PressclipError",
    "Release",
    "clean_text",
    "extract",
    "parse_list",
    "read_attachment",
    "read_document",
    "__version__",
]


def extract(
    html: str, url: str | None = None, *, collapse: bool = True, profile: Profile | None = None
) -> Article:
    """An HTML page of a post → Article (see :func:`pressclip.pipeline.extract`)."""
    from .pipeline import extract as run

    return run(html, url, collapse=collapse, profile=profile)


def __getattr__(name: str) -> Any:
    """Import the module holding ``name`` on first access (PEP 562)."""
    if name not in _WHERE:
        raise AttributeError(f"module 'pressclip' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))
