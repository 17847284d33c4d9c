"""CSV that spreadsheet programs open as they are: UTF-8 with a byte-order mark (Excel reads
BOM-less CSV in the locale's code page), one row per post, attachments joined in a cell."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from ..model import Article
from .writers import RecordWriter, Target, printable

#: How several attachments share one cell.
JOIN = "; "


def flatten(data: dict[str, Any], keys: Sequence[str] = ("url",)) -> dict[str, Any]:
    """A record as one row: ``attachments`` becomes the names joined by ``; ``, followed by
    one column a key in ``keys`` (``attachment_urls``, an archive's ``attachment_paths``…)
    joined the same way, so the n-th name, url and path belong together."""
    row: dict[str, Any] = {}
    for key, value in data.items():
        if key != "attachments":
            row[key] = value
            continue
        files = value or []
        row["attachments"] = JOIN.join(str(f.get("name") or "") for f in files)
        for sub in keys:
            row[f"attachment_{sub}s"] = JOIN.join(str(f.get(sub) or "") for f in files)
    return row


class CsvRows(RecordWriter):
    """A BOM and a header row (the first record's columns), then a row per record."""

    def __init__(self, out: Target, attachment_keys: Sequence[str] = ("url",)) -> None:
        super().__init__(out)
        self.keys = attachment_keys
        self.columns: list[str] | None = None

    def render(self, article: Article, data: dict[str, Any]) -> str:
        row = flatten(data, self.keys)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        head = ""
        if self.columns is None:
            self.columns = list(row)
            writer.writerow(self.columns)
            head = "\ufeff"
        writer.writerow([_cell(row.get(c)) for c in self.columns])
        return head + buffer.getvalue()


def _cell(value: Any) -> Any:
    """A CSV cell: empty for None, page text without control characters or escapes."""
    if value is None:
        return ""
    return printable(value) if isinstance(value, str) else value
