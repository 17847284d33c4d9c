"""pressclip: scrape and deduplicate press releases from bulletin boards."""

from importlib.metadata import PackageNotFoundError, version

from .errors import PressclipError
from .model import Article, Attachment, Listing, ListPost
from .pipeline import clean_text, extract, parse_list, read_document

try:
    __version__ = version("pressclip")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"

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
