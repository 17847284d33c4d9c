"""Attachment text for the archive: a saved file read back from disk (within a size cap) and
handed to the pure reader, :func:`pressclip.attachments.read_attachment`; the text kept is
the body `pressclip clean FILE` gives (dedup applied, a PDF's lines wrapped inside a
sentence joined again, so a word broken over two lines is found by search).

A file that cannot be read (``encrypted``, ``no text layer``, ``not a document`` …) is not a
failed download: the download stands and the reason is kept beside it (``read_error``), so
neither the post nor the run fails because of it.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ..attachments import DEFAULT_MAX_BYTES, AttachmentError, read_attachment
from ..model import Release
from ..pipeline import apply_dedup, from_attachment
from .store import SavedFile

#: The largest saved file read, and what one file may unpack to (``--max-bytes`` of ``clean``).
READ_MAX_BYTES = DEFAULT_MAX_BYTES


@dataclasses.dataclass
class Reading:
    """What reading one saved file gave: its text and release facts (``ocr``: what of it OCR
    read, as a record's ``ocr`` key), or why not."""

    text: str | None = None
    release: Release | None = None
    error: str | None = None
    ocr: list[str] = dataclasses.field(default_factory=list)


def read_saved(path: str | Path, max_bytes: int = READ_MAX_BYTES) -> Reading:
    """The text of the file saved at ``path``. Raises FileNotFoundError when it is gone (the
    caller leaves it for later); every other failure is a :class:`Reading` with ``error``."""
    try:
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)
    except FileNotFoundError:
        raise
    except OSError as exc:
        return Reading(error=f"cannot read the saved file: {exc.strerror or exc}")
    if len(data) > max_bytes:
        return Reading(error=f"too large: the saved file is over {max_bytes:,} bytes (limit)")
    try:
        doc = read_attachment(data, max_bytes=max_bytes)
    except AttachmentError as exc:
        return Reading(error=str(exc))
    except Exception as exc:  # a defect in a reader costs this file's text, nothing more
        return Reading(error=f"unreadable: the reader failed ({type(exc).__name__}: {exc})")
    article, _removed = apply_dedup(from_attachment(doc))
    return Reading(article.body, doc.release, ocr=list(doc.ocr))


def with_text(saved: SavedFile, max_bytes: int = READ_MAX_BYTES) -> SavedFile:
    """``saved`` with the text of its file (nothing to do for a failed download)."""
    if saved.path is None or saved.error is not None:
        return saved
    try:
        reading = read_saved(saved.path, max_bytes)
    except FileNotFoundError:
        reading = Reading(error="cannot read the saved file: it is gone")
    return dataclasses.replace(
        saved,
        text=reading.text,
        release=reading.release,
        read_error=reading.error,
        ocr=reading.ocr,
    )
