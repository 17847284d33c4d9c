"""pressclip: scrape and deduplicate press releases from bulletin boards.

The names below are loaded on first use, so ``import pressclip`` (and every command of the
CLI) starts without the extraction code until it needs it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

#: The release; kept equal to ``version`` in pyproject.toml (a test checks).
__version__ = "0.1.0"

if TYPE_CHECKING:
    from .errors import PressclipError
    from .model import Article, Attachment, Listing, ListPost
    from .pipeline import clean_text, extract, parse_list, read_document

_WHERE = {
    "PressclipError": "errors",
    "Article": "model",
    "Attachment": "model",
    "Listing": "model",
    "ListPost": "model",
    "clean_text": "pipeline",
    "extract": "pipeline",
    "parse_list": "pipeline",
    "read_document": "pipeline",
}

__all__ = [
    "Article",
    "Attachment",
    "ListPost",
    "Listing",
    "PressclipError",
    "clean_text",
    "extract",
    "parse_list",
    "read_document",
    "__version__",
]


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
