"""CSV that spreadsheet programs open as they are: UTF-8 with a byte-order mark (Excel reads
BOM-less CSV in the locale's code page), one row per post, attachments joined in a cell,
and the press-release facts in ``release_*`` columns every row has (empty for a post without
them), so the header written before the first row fits every later one."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from typing import Any

from ..model import Article
from .base import RecordWriter, Target, printable

#: How several attachments share one cell.
JOIN = "; "
#: The release facts as columns, after the record's own (``release_embargo`` …).
RELEASE_KEYS = (
    "embargo",
    "embargo_text",
    "embargo_online",
    "immediate",
    "distributed",
    "distributed_text",
    "departments",
    "contacts",
)


def flatten(data: dict[str, Any], keys: Sequence[str] = ("url",)) -> dict[str, Any]:
    """A record as one row: ``attachments`` becomes the names joined by ``; ``, followed by
    one column a key in ``keys`` (``attachment_urls``, an archive's ``attachment_paths``…)
    joined the same way, so the n-th name, url and path belong together."""
    row: dict[str, Any] = {}
    for key, value in data.items():
        if key == "release":
            continue
        if key != "attachments":
            row[key] = json.dumps(value, ensure_ascii=False) if _nested(value) else value
            continue
        files = value or []
        row["attachments"] = JOIN.join(str(f.get("name") or "") for f in files)
        for sub in keys:
            row[f"attachment_{sub}s"] = JOIN.join(str(f.get(sub) or "") for f in files)
    row.update(release_cells(data.get("release")))
    return row


def release_cells(release: dict[str, Any] | None) -> dict[str, Any]:
    """The ``release_*`` cells of a record's release facts (all empty without them):
    departments joined by ``; ``, each contact as "role title name phone email"."""
    facts = release or {}
    cells: dict[str, Any] = {}
    for key in RELEASE_KEYS:
        value = facts.get(key)
        if key == "departments":
            value = JOIN.join(value or [])
        elif key == "contacts":
            value = JOIN.join(_contact(c) for c in value or [])
        elif key == "immediate":
            value = None if release is None else ("true" if value else "false")
        cells[f"release_{key}"] = value
    return cells


def _contact(contact: dict[str, Any]) -> str:
    fields = ("role", "title", "name", "phone", "email")
    text = " ".join(str(contact[f]) for f in fields if contact.get(f))
    if contact.get("department"):
        text += f" ({contact['department']})"
    return text


def _nested(value: Any) -> bool:
    return isinstance(value, dict | list)


class CsvRows(RecordWriter):
    """A BOM and a header row (the first record's columns), then a row per record."""

    def __init__(
        self, out: Target, attachment_keys: Sequence[str] = ("url",), *, formulas: bool = False
    ) -> None:
        """``formulas``: cells starting as a formula are written as they are (``csv-raw``);
        by default they are neutralised (see :func:`neutralise`)."""
        super().__init__(out)
        self.keys = attachment_keys
        self.formulas = formulas
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
        cells = [_cell(row.get(c)) for c in self.columns]
        if not self.formulas:
            cells = [neutralise(c) if isinstance(c, str) else c for c in cells]
        writer.writerow(cells)
        return head + buffer.getvalue()


def _cell(value: Any) -> Any:
    """A CSV cell: empty for None, page text without control characters or escapes."""
    if value is None:
        return ""
    return printable(value) if isinstance(value, str) else value


#: What a spreadsheet takes as the start of a formula (OWASP's CSV injection rule): = + - @,
#: and tab or carriage return before one; their full-width forms too, which some read alike.
FORMULA_START = tuple("=+-@\t\r＝＋－＠")


def neutralise(cell: str) -> str:
    """A cell a spreadsheet would run as a formula (``=HYPERLINK(…)``, ``@SUM(…)``) as text:
    a leading apostrophe, which the spreadsheet shows as nothing. Plain negative numbers
    (``-3``, ``-1.5``) stay numbers."""
    if not cell.startswith(FORMULA_START) or _NUMBER.fullmatch(cell):
        return cell
    return "'" + cell


_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)*")
