"""The documentation's console examples run, and print what the documentation shows.

Every fenced ```` ```console ```` block of README.md and docs/*.md is a session: a line
``$ COMMAND`` is run by bash, and the lines after it, up to the next ``$`` line or the
block's end, are what it printed (stdout and stderr together, as a terminal shows them).
The blocks of one file run in order in one fresh folder (so an ``archive`` example fills the
database a later ``export`` example reads), which holds ``tests`` (this folder, so fixture
paths such as ``tests/fixtures/example_post.txt`` work) and nothing else. Examples that
cannot run here (a file of ``../shared``, a scan, PostgreSQL) are written as ``text`` blocks.

The example board (``python -m pressclip.example``) runs on a free port for the session:
``127.0.0.1:8765`` in a command becomes that port, and the port in the output becomes 8765
again. Only what must differ from run to run is normalised before comparing: times of the
run (UTC time stamps, ``…+00:00``), durations (``0.3 s``) and the session's folder. The
environment is a terminal's: archive lines unstamped (``PRESSCLIP_LOG=plain``), no user
config, 80 columns.

Regenerate the shown output after a change (it is then real output, time stamps included):

    python tests/test_docs_examples.py --update
"""

from __future__ import annotations

import difflib
import fnmatch
import os
import re
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pressclip.example import make_server

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
DOC_PORT = "8765"
DOC_HOST = f"127.0.0.1:{DOC_PORT}"
COMMAND_TIMEOUT = 60  # seconds: every example ends in well under one
FENCE = re.compile(r"^(?P<indent> *)```console\n(?P<body>.*?)^(?P=indent)```$", re.M | re.S)
PROMPT = "$ "
RUN_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00")
DURATION = re.compile(r"\b\d+\.\d+ s\b")


def doc_files() -> list[Path]:
    """README.md and the docs site's pages (they travel in the sdist too)."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


@dataclass
class Example:
    """One ``$ command`` and the output shown under it; ``start``/``end`` locate that output
    in the file's text (for --update)."""

    command: str
    shown: str
    start: int
    end: int


def examples(text: str) -> list[Example]:
    """The console examples of a Markdown text, in order."""
    found = []
    for block in FENCE.finditer(text):
        indent = len(block["indent"])
        offset = block.start("body")
        lines = block["body"].splitlines(keepends=True)
        positions = []
        for line in lines:
            positions.append(offset)
            offset += len(line)
        positions.append(offset)
        commands = [i for i, line in enumerate(lines) if line[indent:].startswith(PROMPT)]
        for k, i in enumerate(commands):
            stop = commands[k + 1] if k + 1 < len(commands) else len(lines)
            shown = "".join(line[indent:] for line in lines[i + 1 : stop])
            command = lines[i][indent + len(PROMPT) :].rstrip("\n")
            found.append(Example(command, shown, positions[i + 1], positions[stop]))
    return found


def normalise(output: str, folder: Path) -> str:
    """What may differ between runs, made equal: run times, durations, the session folder."""
    output = output.replace(str(folder), "<folder>")
    output = RUN_TIME.sub("<time of the run>", output)
    return DURATION.sub("<seconds> s", output)


class Board:
    """The example board on a free port, served from a thread of this process."""

    def __init__(self) -> None:
        self.server = make_server(0)
        self.port = str(self.server.server_address[1])
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Board:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def environment(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRESSCLIP_")}
    # The pressclip of this Python (a venv's console script), before any other on PATH.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env.update(
        PRESSCLIP_LOG="plain",
        XDG_CONFIG_HOME=str(folder / ".config"),
        COLUMNS="80",
        LC_ALL="C.UTF-8",
        TERM="dumb",
    )
    env.pop("HYPOTHESIS_PROFILE", None)
    return env


def run(command: str, folder: Path, port: str) -> str:
    """Run one example in ``folder``; its output with the board's port shown as 8765."""
    completed = subprocess.run(
        ["bash", "-c", command.replace(DOC_HOST, f"127.0.0.1:{port}")],
        cwd=folder,
        env=environment(folder),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        timeout=COMMAND_TIMEOUT,
    )
    return completed.stdout.decode("utf-8", "replace").replace(f"127.0.0.1:{port}", DOC_HOST)


@dataclass
class Result:
    example: Example
    output: str
    folder: Path


def session(path: Path, board: Board) -> Iterator[Result]:
    """Run a file's examples in order in one fresh folder."""
    with tempfile.TemporaryDirectory(prefix="pressclip-docs-") as name:
        folder = Path(name).resolve()
        (folder / "tests").symlink_to(TESTS)
        for example in examples(path.read_text(encoding="utf-8")):
            yield Result(example, run(example.command, folder, board.port), folder)


def mismatch(result: Result) -> str | None:
    want = normalise(result.example.shown, result.folder)
    got = normalise(result.output, result.folder)
    if want == got:
        return None
    diff = difflib.unified_diff(
        want.splitlines(), got.splitlines(), "shown", "printed", lineterm=""
    )
    return f"$ {result.example.command}\n" + "\n".join(diff)


@pytest.fixture(scope="module")
def board() -> Iterator[Board]:
    with Board() as running:
        yield running


def test_the_docs_have_console_examples() -> None:
    """The check below is no empty loop: the README shows an example of each command."""
    commands = [e.command for e in examples((ROOT / "README.md").read_text(encoding="utf-8"))]
    for name in ("clean", "list", "detect", "fetch", "archive", "export", "search", "feed"):
        assert any(c.startswith(f"pressclip {name}") for c in commands), name


def test_examples_are_found_in_indented_blocks_and_split_at_prompts() -> None:
    text = "x\n  ```console\n  $ echo a\n  a\n  $ echo b\n  b\n  c\n  ```\n"
    found = examples(text)
    assert [(e.command, e.shown) for e in found] == [("echo a", "a\n"), ("echo b", "b\nc\n")]
    assert text[found[1].start : found[1].end] == "  b\n  c\n"


def test_normalised_are_run_times_and_durations_only(tmp_path: Path) -> None:
    shown = (
        "2026-12-07T10:30:04.196+00:00 run: 1 boards, 12.2 s; published 2025-05-14T11:00:00+09:00"
    )
    again = (
        "2026-12-08T01:02:03.004+00:00 run: 1 boards, 0.3 s; published 2025-05-14T11:00:00+09:00"
    )
    assert normalise(shown, tmp_path) == normalise(again, tmp_path)
    assert normalise(shown, tmp_path) != normalise(
        shown.replace("11:00:00+09", "12:00:00+09"), tmp_path
    )


def test_the_sdist_carries_the_docs_these_tests_read() -> None:
    manifest = (ROOT / "MANIFEST.in").read_text(encoding="utf-8").splitlines()
    included = {w for line in manifest if line.startswith("include ") for w in line.split()[1:]}
    patterns = [
        pattern
        for line in manifest
        if line.split()[:2] == ["recursive-include", "docs"]
        for pattern in line.split()[2:]
    ]
    assert "README.md" in included
    left_out = [
        path.name
        for path in (ROOT / "docs").rglob("*")
        if path.is_file() and not any(fnmatch.fnmatch(path.name, p) for p in patterns)
    ]
    assert left_out == []


@pytest.mark.parametrize("path", doc_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_console_examples_print_what_the_docs_show(path: Path, board: Board) -> None:
    problems = [m for m in map(mismatch, session(path, board)) if m]
    assert not problems, (
        f"{path.name}: {len(problems)} example(s) print something else "
        "(python tests/test_docs_examples.py --update rewrites the shown output):\n\n"
        + "\n\n".join(problems)
    )


def update(path: Path, board: Board) -> int:
    """Write each example's real output into ``path``, keeping the block's indentation."""
    text = path.read_text(encoding="utf-8")
    results = list(session(path, board))
    changed = 0
    for result in reversed(results):
        if mismatch(result) is None:
            continue
        changed += 1
        block_line = text.rfind("\n", 0, result.example.start - 1) + 1
        indent = " " * (len(text[block_line:]) - len(text[block_line:].lstrip(" ")))
        output = result.output.replace(str(result.folder), "<folder>")
        lines = "".join(indent + line for line in output.splitlines(keepends=True))
        if lines and not lines.endswith("\n"):
            lines += "\n"
        text = text[: result.example.start] + lines + text[result.example.end :]
    path.write_text(text, encoding="utf-8")
    return changed


def main(argv: list[str]) -> int:
    if argv != ["--update"]:
        print("usage: python tests/test_docs_examples.py --update", file=sys.stderr)
        return 2
    with Board() as running:
        for path in doc_files():
            changed = update(path, running)
            print(f"{path.relative_to(ROOT)}: {changed} example(s) rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
