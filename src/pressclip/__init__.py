"""pressclip: scrape and deduplicate press releases from bulletin boards."""

from importlib.metadata import PackageNotFoundError, version

from .attachments import AttachmentError, Document, read_attachment
from .errors import PressclipError
from .model import Article, Attachment, Contact, Listing, ListPost, Release
from .pipeline import clean_text, extract, parse_list, read_document

try:
    __version__ = version("pressclip")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"

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
