"""The output formats, named once: the commands' ``--format`` choices are built from these,
and :func:`pressclip.output.writers.writer_for` writes each of them."""

#: Records (clean, fetch, export): every writer of :mod:`pressclip.output.writers`.
RECORD_FORMATS = ("json", "jsonl", "text", "csv", "csv-raw", "markdown")
#: A list page's posts (list) and search hits.
LIST_FORMATS = ("json", "jsonl", "text")
#: Reports (status, detect).
STATUS_FORMATS = ("text", "json")
#: The format an output file's suffix names, for ``-o FILE`` without ``--format``.
SUFFIX_FORMATS = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".txt": "text",
    ".csv": "csv",
    ".md": "markdown",
    ".markdown": "markdown",
}
