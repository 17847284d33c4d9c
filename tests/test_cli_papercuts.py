"""Command-line papercuts (issue 28, item 5): ``-o /dev/null``, the format from ``-o``'s
suffix, a closed pipe, ``detect -f``, one-line OS errors, dates in Korean time; and the
sdist and PostgreSQL test fixtures (item 4)."""

from __future__ import annotations

import fnmatch
import json
import os
import subprocess
from pathlib import Path

import pytest
from board_pages import serve_board
from conftest import Cli, PgServer

from pressclip.cli import since_instant

ROOT = Path(__file__).resolve().parent.parent
POST = ROOT / "tests" / "fixtures" / "example_post.txt"
CARDS = ROOT / "tests" / "fixtures" / "lists" / "div_cards.html"


# -- -o /dev/null ------------------------------------------------------------------------------


@pytest.mark.skipif(not os.path.exists(os.devnull), reason="no /dev/null")
@pytest.mark.parametrize("command", [["clean", POST], ["list", CARDS]])
def test_output_to_dev_null_is_accepted(command, cli):
    code, out, err = cli(*command, "-o", os.devnull)
    assert (code, out, err) == (0, "", "")


def test_a_fifo_is_still_refused(tmp_path, cli):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    code, _, err = cli("clean", POST, "-o", fifo)
    assert code == 1 and "is a FIFO, not a regular file" in err


# -- the format from -o's suffix ---------------------------------------------------------------


def test_output_suffix_picks_the_format_without_f(tmp_path, cli):
    assert cli("clean", POST, "-o", tmp_path / "post.csv")[0] == 0
    assert (tmp_path / "post.csv").read_text(encoding="utf-8-sig").startswith("url,title,")
    assert cli("clean", POST, "-o", tmp_path / "post.md")[0] == 0
    assert (tmp_path / "post.md").read_text(encoding="utf-8").startswith("## ")
    assert cli("clean", POST, "-o", tmp_path / "post.txt")[0] == 0
    assert "author: hansolpr" in (tmp_path / "post.txt").read_text(encoding="utf-8")
    assert cli("clean", POST, "-o", tmp_path / "post.jsonl")[0] == 0
    lines = (tmp_path / "post.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["author"] == "hansolpr"


def test_f_wins_over_the_suffix_and_other_suffixes_keep_the_default(tmp_path, cli):
    assert cli("clean", POST, "-f", "json", "-o", tmp_path / "post.csv")[0] == 0
    assert json.loads((tmp_path / "post.csv").read_text(encoding="utf-8"))["author"]
    assert cli("clean", POST, "-o", tmp_path / "post.out")[0] == 0
    assert json.loads((tmp_path / "post.out").read_text(encoding="utf-8"))["author"]
    # list has no CSV: its default stays
    assert cli("list", CARDS, "-o", tmp_path / "list.csv")[0] == 0
    assert "posts" in json.loads((tmp_path / "list.csv").read_text(encoding="utf-8"))
    assert cli("list", CARDS, "-o", tmp_path / "list.txt")[0] == 0
    assert "next page:" in (tmp_path / "list.txt").read_text(encoding="utf-8")


def test_fetch_json_suffix_with_several_posts_is_one_array(server, tmp_path, cli):
    url = serve_board(server, 3)
    code, _, err = cli("fetch", url, "--delay", "0", "-q", "-o", tmp_path / "press.json")
    assert code == 0, err
    records = json.loads((tmp_path / "press.json").read_text(encoding="utf-8"))
    assert isinstance(records, list) and len(records) == 3


# -- a closed pipe -----------------------------------------------------------------------------


def read_one_line_and_close(cli: Cli, args: list[object]) -> tuple[int, str, bytes]:
    proc = cli.spawn(*args)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # `| head -1`
    err = proc.stderr.read().decode("utf-8")
    return proc.wait(timeout=60), err, first


def test_clean_into_a_closed_pipe_ends_quietly_with_exit_0(cli):
    # far more than a pipe's buffer, so writes go on after the reader has gone
    code, err, first = read_one_line_and_close(cli, ["clean", *[POST] * 300, "-f", "jsonl"])
    assert json.loads(first)["author"] == "hansolpr"
    assert (code, err) == (0, "")


def test_fetch_into_a_closed_pipe_ends_quietly_with_exit_0(server, cli):
    url = serve_board(server, 6)
    code, err, first = read_one_line_and_close(cli, ["fetch", url, "--delay", "0.2", "-q"])
    assert json.loads(first)["title"]
    assert (code, err) == (0, "")


# -- detect -f ---------------------------------------------------------------------------------


def test_detect_takes_f_json_like_the_other_commands(cli):
    code, out, err = cli("detect", CARDS, "-f", "json")
    assert code == 0 and json.loads(out)["kind"] == "list"
    assert cli("detect", CARDS, "--json")[1] == out  # the old spelling still works
    assert cli("detect", CARDS, "--format", "json")[1] == out
    assert "--json" not in cli("detect", "-h")[1]


def test_detect_text_prints_null_never_none(cli):
    code, out, _ = cli("detect", CARDS, "-f", "text")
    assert code == 0 and "next_page: null" in out.splitlines()
    assert "None" not in out
    assert cli("detect", CARDS)[1] == out


# -- one-line OS errors ------------------------------------------------------------------------


def test_an_os_error_is_one_line_naming_the_file(tmp_path, cli):
    db = tmp_path / "missing" / "press.sqlite"
    code, _, err = cli("archive", "http://127.0.0.1:9/", "--db", db, "-q")
    assert code == 1
    assert err.strip().endswith(f"pressclip: error: {db}.lock: no such file")
    assert "Errno" not in err and len(err.strip().splitlines()) == 1
    code, _, err = cli("clean", POST, "-o", tmp_path / "missing" / "out.json")
    assert code == 1 and "Errno" not in err and "no such" in err
    code, _, err = cli("fetch", "http://127.0.0.1:9/", "--warc", tmp_path / "missing" / "w.warc")
    assert (
        code == 1 and err == f"pressclip: error: {tmp_path / 'missing' / 'w.warc'}: no such file\n"
    )


# -- dates in Korean time ----------------------------------------------------------------------


def test_a_date_without_a_zone_is_korean_time():
    assert since_instant("2026-12-01") == "2026-11-30T15:00:00+00:00"
    assert since_instant("20261201") == "2026-11-30T15:00:00+00:00"
    assert since_instant("2026-12-01T09:00") == "2026-12-01T00:00:00+00:00"
    assert since_instant("2026-12-01T09:00Z") == "2026-12-01T09:00:00+00:00"
    assert since_instant("2026-12-01T09:00+02:00") == "2026-12-01T07:00:00+00:00"


@pytest.mark.parametrize("command", ["export", "search", "feed"])
def test_since_help_says_korean_time(command, cli):
    args = [command, "x", "-h"] if command == "search" else [command, "-h"]
    out = " ".join(cli(*args)[1].split())
    assert "Asia/Seoul" in out


# -- packaging (item 4) ------------------------------------------------------------------------


def test_the_sdist_manifest_carries_every_test_fixture():
    patterns: list[str] = []
    for line in (ROOT / "MANIFEST.in").read_text(encoding="utf-8").splitlines():
        words = line.split()
        if words[:2] == ["recursive-include", "tests"]:
            patterns += words[2:]
    left_out = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "tests").rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and not any(fnmatch.fnmatch(path.name, p) for p in patterns)
    ]
    assert left_out == []


def test_a_failed_postgres_server_cleans_up_whatever_path_holds(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", "/usr/local/bin:/usr/bin:/bin")  # cron's: no /usr/sbin
    try:
        server = PgServer(tmp_path / "no-bin")
    except KeyError:
        pytest.skip("running as root without a postgres user")
    with pytest.raises((subprocess.CalledProcessError, OSError)):
        server.start()
    server.stop()  # no FileNotFoundError for runuser, nor for the missing pg_ctl
