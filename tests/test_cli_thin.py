"""A thin command line (issue 28, item 6): one error boundary maps library errors to one
line and an exit code, the format choices come from one registry, the network defaults from
FetchOptions, and what is library logic lives in the library (inputs, the archive's lock)."""

from __future__ import annotations

import ast
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from pressclip.archive.run import exclusive
from pressclip.cli.errors import Usage, boundary
from pressclip.errors import Locked, MissingExtra, PressclipError
from pressclip.fetch.options import FetchOptions
from pressclip.inputs import gather_urls, load_cookies, read_url_list
from pressclip.output.formats import RECORD_FORMATS

ROOT = Path(__file__).resolve().parent.parent
POST = ROOT / "tests" / "fixtures" / "example_post.txt"
CLI = ROOT / "src" / "pressclip" / "cli"


# -- the error boundary ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (PressclipError("post.html: no such file"), 1),
        (Usage("--since: not a date or time: 'x'"), 2),
        (MissingExtra("worker needs the postgres extra: pip install 'pressclip[postgres]'"), 2),
        (Locked("press.sqlite: another pressclip archive is running"), 75),
    ],
)
def test_library_errors_are_one_line_and_their_exit_code(capsys, error, code):
    with pytest.raises(typer.Exit) as exit_, boundary():
        raise error
    assert exit_.value.exit_code == code
    assert capsys.readouterr().err == f"pressclip: error: {error}\n"


def test_an_os_error_names_the_file_not_errno(capsys, tmp_path):
    missing = tmp_path / "no" / "feed.xml"
    with pytest.raises(typer.Exit) as exit_, boundary(missing):
        missing.write_text("x")
    assert exit_.value.exit_code == 1
    assert capsys.readouterr().err == f"pressclip: error: {missing}: no such file\n"


def test_a_bug_is_not_hidden_behind_a_one_line_message(capsys):
    with pytest.raises(ZeroDivisionError), boundary():
        1 / 0  # noqa: B018
    assert capsys.readouterr().err == ""


def test_the_boundary_says_errors_where_it_is_told(capsys):
    said: list[str] = []
    with pytest.raises(typer.Exit), boundary(say=said.append):
        raise PressclipError("board failed")
    assert said == ["board failed"] and capsys.readouterr().err == ""


# -- one registry of formats, one source of defaults -------------------------------------------


def test_every_registered_format_is_a_choice_and_writes(tmp_path, cli):
    for fmt in RECORD_FORMATS:
        code, out, err = cli("clean", POST, "-f", fmt)
        assert code == 0 and out.strip(), (fmt, err)
    code, _, err = cli("clean", POST, "-f", "yaml")
    assert code == 2
    assert all(f"'{fmt}'" in err for fmt in RECORD_FORMATS), err


@pytest.mark.parametrize("command", ["fetch", "archive"])
def test_network_defaults_shown_are_fetch_options(command, cli):
    defaults = FetchOptions()
    _, out, _ = cli(command, "--help")
    text = " ".join(out.split())
    assert f"[default: {defaults.timeout:g}]" in text
    assert f"[default: {defaults.delay:g}]" in text
    assert f"[default: {defaults.max_bytes // 2**20}MiB]" in text
    assert f"[default: {defaults.retries};" in text
    assert f"[default: {defaults.deadline};" in text


# -- library logic in the library --------------------------------------------------------------


def test_url_lists_skip_comments_and_blank_lines(tmp_path, monkeypatch):
    listed = tmp_path / "urls.txt"
    listed.write_text("# boards\nhttp://a.example/1  # first\n\nhttp://a.example/#x\n")
    assert read_url_list(str(listed)) == ["http://a.example/1", "http://a.example/#x"]
    monkeypatch.setattr("sys.stdin", io.StringIO("http://b.example/\n"))
    assert gather_urls(["http://c.example/", "-"], str(listed)) == [
        "http://c.example/",
        "http://b.example/",
        "http://a.example/1",
        "http://a.example/#x",
    ]
    with pytest.raises(PressclipError, match="nothing.txt: no such file"):
        read_url_list(str(tmp_path / "nothing.txt"))


def test_cookies_file_errors_name_the_file(tmp_path):
    bad = tmp_path / "cookies.txt"
    bad.write_text("not cookies\n")
    with pytest.raises(PressclipError, match="cookies.txt"):
        load_cookies(bad)
    assert load_cookies(None) is None


def test_the_archive_chooses_its_own_guard(tmp_path):
    db = str(tmp_path / "press.sqlite")
    with exclusive(db, wait=False):
        with pytest.raises(Locked), exclusive(db, wait=False):
            pass
    with exclusive("postgresql://press@127.0.0.1:1/press", wait=False):
        with exclusive("postgresql://press@127.0.0.1:1/press", wait=False):
            pass  # PostgreSQL holds boards instead of a file lock


def test_archive_is_locked_from_the_command_line_too(tmp_path, cli):
    db = tmp_path / "press.sqlite"
    with exclusive(str(db), wait=False):
        code, out, err = cli("archive", "http://127.0.0.1:9/", "--db", db)
    assert code == 75 and out == ""
    assert "another pressclip archive is running" in err and len(err.splitlines()) == 1


def test_detect_json_is_unchanged_by_the_split(cli):
    code, out, _ = cli("detect", POST, "-f", "json")
    assert code == 0 and json.loads(out)["kind"] in ("view", "text")


# -- thin ----------------------------------------------------------------------------------------

#: The longest command body (without its docstring), lines.
MAX_COMMAND_LINES = 35


def test_no_command_body_is_long():
    long = {}
    for path in CLI.glob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.FunctionDef):
                continue
            if not any("command" in ast.unparse(d) for d in node.decorator_list):
                continue
            body = node.body[1:] if ast.get_docstring(node) else node.body
            lines = body[-1].end_lineno - body[0].lineno + 1  # type: ignore[operator]
            if lines > MAX_COMMAND_LINES:
                long[node.name] = lines
    assert long == {}


def test_the_command_line_tells_stores_apart_by_no_class():
    sources = "".join(p.read_text(encoding="utf-8") for p in CLI.glob("*.py"))
    assert "isinstance(store" not in sources and "PostgresStore" not in sources


@pytest.mark.parametrize(
    ("command", "loaded", "left"),
    [
        (["clean", POST], "pressclip.cli.records", "pressclip.cli.archive"),
        (["status", "--help"], "pressclip.cli.archive", "pressclip.cli.records"),
    ],
)
def test_a_command_loads_only_its_own_module(command, loaded, left):
    script = (
        "import sys; sys.argv = ['pressclip', *sys.argv[1:]]\n"
        "from pressclip.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(' '.join(m for m in sys.modules if m.startswith('pressclip.cli')))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, *map(str, command)], capture_output=True, timeout=60
    )
    modules = proc.stderr.decode().split()
    assert loaded in modules and left not in modules
