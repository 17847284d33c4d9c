"""Records validate against the published JSON Schema (docs/record.schema.json): records of
clean (a scrape, a page, an HWPX release with its facts, several inputs), of fetch from
the example board, and of export from an archive of it (attachments' saved path and text).
A key added to the records and not to the schema fails here (the schema allows no others)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from pressclip.example import make_server

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "docs" / "record.schema.json").read_text(encoding="utf-8"))
FIXTURES = ROOT / "tests" / "fixtures"


def pressclip(*args: str, cwd: Path) -> list[dict]:
    """Run the CLI; its JSON lines as dicts."""
    done = subprocess.run(
        [sys.executable, "-m", "pressclip", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def problems(record: dict) -> list[str]:
    validator = Draft202012Validator(SCHEMA)
    return [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(record)]


@pytest.fixture(scope="module")
def board() -> Iterator[str]:
    server = make_server(0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/board/list.do"
    server.shutdown()
    server.server_close()


def test_the_schema_is_a_valid_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)


def test_the_schema_refuses_what_is_no_record() -> None:
    record = pressclip("clean", "tests/fixtures/example_post.txt", "-f", "jsonl", cwd=ROOT)[0]
    assert not problems(record)
    assert problems({**record, "views": "2318"})
    assert problems({**record, "published": "14 May 2025"})
    assert problems({**record, "unknown": 1})
    assert problems({k: v for k, v in record.items() if k != "body"})


def test_clean_records_validate(tmp_path: Path) -> None:
    inputs = [
        "tests/fixtures/example_post.txt",
        "tests/fixtures/example_post.html",
        "tests/fixtures/attachments/hansol_press.hwpx",
        "tests/fixtures/attachments/hansol_press.hwp",
    ]
    records = pressclip("clean", *inputs, "-f", "jsonl", cwd=ROOT)
    assert [r["source"] for r in records] == inputs
    assert any("release" in r for r in records)
    for record in records:
        assert not problems(record), record["source"]


def test_fetch_and_export_records_validate(board: str, tmp_path: Path) -> None:
    fetched = pressclip("fetch", board, "--pages", "2", "--delay", "0", "-f", "jsonl", cwd=tmp_path)
    assert len(fetched) == 9
    subprocess.run(
        [sys.executable, "-m", "pressclip", "archive", board, "--db", "press.sqlite"]
        + ["--delay", "0", "-q"],
        cwd=tmp_path,
        check=True,
        timeout=120,
    )
    exported = pressclip("export", "--db", "press.sqlite", "-f", "jsonl", cwd=tmp_path)
    assert any(a.get("text") for r in exported for a in r["attachments"])
    assert any("release" in r for r in exported)
    for record in fetched + exported:
        assert not problems(record), record["url"]
