"""Command-line conventions: -h, completion, -v/-q, readable help at 80 columns, sizes,
URL lists, --header, --cookies, the [defaults] table, exit codes 75 and 130."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from board_pages import serve_board, title
from server import Response

import pressclip
from pressclip.cli import format_size, parse_size

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).with_name("pressclip")


def test_version_matches_the_package_metadata(cli):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert pressclip.__version__ == project["version"]
    code, out, _ = cli("-V")
    assert code == 0 and out == f"pressclip {project['version']}\n"


@pytest.mark.parametrize("command", [[], ["fetch"], ["archive"], ["clean"], ["feed"]])
def test_dash_h_is_help(command, cli):
    code, out, _ = cli(*command, "-h")
    assert code == 0 and out.startswith("Usage: ")
    assert cli(*command, "--help")[1] == out


@pytest.mark.parametrize("command", ["fetch", "archive", "clean", "export", "feed"])
def test_help_reads_at_80_columns(command, cli):
    code, out, _ = cli(command, "--help", env={"COLUMNS": "80"})
    assert code == 0
    assert all(len(line) <= 80 for line in out.splitlines()), out
    assert "…" not in out and "--no-ignore" not in out
    if command in ("fetch", "archive"):
        assert "--max-bytes SIZE" in out and "[default: 20MiB]" in out
        assert "--timeout S" in out and "--delay S" in out and "--warc FILE" in out
        assert "-i, --input-file FILE" in out and "-v, --verbose" in out and "-q, --quiet" in out
        assert "-H, --header 'NAME: VALUE'" in out and "--cookies FILE" in out


@pytest.mark.skipif(not SCRIPT.exists(), reason="no pressclip console script beside python")
def test_shell_completion_completes_commands_and_options():
    env = {**os.environ, "_PRESSCLIP_COMPLETE": "complete_bash", "COMP_WORDS": "pressclip fe"}
    env["COMP_CWORD"] = "1"
    proc = subprocess.run([str(SCRIPT)], capture_output=True, env=env, timeout=60)
    assert sorted(proc.stdout.decode().split()) == ["feed", "fetch"]
    env["COMP_WORDS"], env["COMP_CWORD"] = "pressclip fetch --max", "2"
    proc = subprocess.run([str(SCRIPT)], capture_output=True, env=env, timeout=60)
    assert proc.stdout.decode().split() == ["--max-bytes"]
    # The shell named, not detected from the parent processes (a test runner started
    # from cron or a detached job has no shell above it).
    env = {**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    proc = subprocess.run(
        [str(SCRIPT), "--show-completion", "bash"], capture_output=True, env=env, timeout=60
    )
    assert proc.returncode == 0
    assert "_PRESSCLIP_COMPLETE=complete_bash" in proc.stdout.decode()


@pytest.mark.parametrize(
    "text, size",
    [("20MiB", 20 * 2**20), ("20M", 20 * 2**20), ("500KiB", 512000), ("1k", 1024),
     ("1GB", 10**9), ("2mb", 2 * 10**6), ("1048576", 2**20), ("1.5MiB", 1572864)],
)  # fmt: skip
def test_sizes_are_read_with_units(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "MiB", "1i", "-5", "0", "ten", "1 XB"])
def test_bad_sizes_are_refused(text):
    with pytest.raises(ValueError):
        parse_size(text)


def test_sizes_are_shown_with_units():
    assert [format_size(n) for n in (20 * 2**20, 512000, 2**30, 1500)] == [
        "20MiB",
        "500KiB",
        "1GiB",
        "1500B",
    ]


def test_bad_size_option_is_a_usage_error(server, cli):
    code, out, err = cli("fetch", server.url("/x"), "--max-bytes", "lots")
    assert code == 2 and out == "" and "--max-bytes" in err and "Traceback" not in err


def test_max_bytes_with_a_unit_caps_the_page(server, cli):
    url = server.page("/big", b"<html><body><p>" + b"x" * 4000 + b"</p></body></html>")
    code, _, err = cli("fetch", url, "--delay", 0, "--max-bytes", "2KiB")
    assert code == 1 and "too large" in err and "2,048" in err


def test_urls_from_a_file_with_comments(server, tmp_path, cli):
    url = serve_board(server, 3)
    posts = [server.url(f"/bbs/board.php?bo_table=press&wr_id={n}") for n in (1, 3)]
    listing = tmp_path / "urls.txt"
    listing.write_text(
        f"# press releases\n\n{posts[0]}   # the first\n  {posts[1]}\n#{url}\n", encoding="utf-8"
    )
    code, out, err = cli("fetch", "-i", listing, "--delay", 0)
    assert code == 0, err
    assert [json.loads(line)["title"] for line in out.splitlines()] == [title(1), title(3)]


def test_urls_from_stdin_with_dash(server, cli):
    serve_board(server, 2)
    urls = "\n".join(server.url(f"/bbs/board.php?bo_table=press&wr_id={n}") for n in (2, 1))
    for args in (["-"], ["--input-file", "-"]):
        code, out, err = cli("fetch", *args, "--delay", 0, stdin=urls.encode())
        assert code == 0, err
        assert [json.loads(line)["title"] for line in out.splitlines()] == [title(2), title(1)]


def test_missing_input_file_and_no_urls(tmp_path, cli):
    code, out, err = cli("fetch", "-i", tmp_path / "none.txt")
    assert (
        code == 1
        and out == ""
        and err == f"pressclip: error: {tmp_path / 'none.txt'}: no such file\n"
    )
    code, _, err = cli("fetch")
    assert code == 2 and "--input-file" in err and "Traceback" not in err


def test_archive_reads_board_urls_from_a_file(server, tmp_path, cli):
    url = serve_board(server, 2)
    (tmp_path / "boards.txt").write_text(f"# boards\n{url}\n", encoding="utf-8")
    db = tmp_path / "a.sqlite"
    code, _, err = cli("archive", "-i", tmp_path / "boards.txt", "--db", db, "--delay", 0)
    assert code == 1  # the board serves no attachments
    assert "board 127.0.0.1/press: 2 new, 0 changed, 0 failed, 2 attachments failed" in err


def test_verbose_shows_requests_reader_and_skipped_rows(server, cli):
    url = serve_board(server, 2)
    code, _, err = cli("fetch", url, url, "--delay", 0, "-v")
    assert code == 0, err
    assert f"GET {url} -> 200 text/html" in err
    assert "read by the gnuboard5 reader" in err
    assert "GET " + server.url("/robots.txt") + " -> 404" in err
    assert "already fetched in this run" in err  # the second list lists the same posts
    code, _, quiet_err = cli("fetch", url, "--delay", 0, "-q")
    assert code == 0 and quiet_err == ""


def test_archive_verbose_says_why_rows_are_skipped_and_quiet_drops_summaries(server, tmp_path, cli):
    url = serve_board(server, 2)
    db = tmp_path / "a.sqlite"
    cli("archive", url, "--db", db, "--delay", 0)
    code, _, err = cli("archive", url, "--db", db, "--delay", 0, "-v")
    assert "archived before, list row unchanged" in err and "board " in err
    _, _, err = cli("archive", url, "--db", db, "--delay", 0, "-q")
    assert "board " not in err


def test_header_and_cookies_are_sent(server, tmp_path, cli):
    url = server.page(
        "/p", b"<html><body><h1>t</h1><p>" + "본문입니다. ".encode() * 20 + b"</p></body></html>"
    )
    jar = tmp_path / "cookies.txt"
    jar.write_text(
        "# Netscape HTTP Cookie File\n127.0.0.1\tFALSE\t/\tFALSE\t0\tsession\tabc123\n",
        encoding="utf-8",
    )
    code, _, err = cli(
        "fetch", url, "--delay", 0, "-H", "X-Test: yes", "--header", "Accept-Language: ko",
        "--cookies", jar,
    )  # fmt: skip
    assert code == 0, err
    request = server.requests_for("/p")[0]
    assert request.headers.get("X-Test") == "yes"
    assert request.headers.get("Accept-Language") == "ko"
    assert "session=abc123" in (request.headers.get("Cookie") or "")


def test_bad_header_and_cookie_file_are_usage_errors(tmp_path, server, cli):
    code, _, err = cli("fetch", server.url("/p"), "-H", "no colon here")
    assert code == 2 and "--header" in err
    (tmp_path / "c.txt").write_text("garbage\n", encoding="utf-8")
    code, _, err = cli("fetch", server.url("/p"), "--cookies", tmp_path / "c.txt")
    assert code == 2 and "--cookies" in err and "Traceback" not in err
    code, _, err = cli("fetch", server.url("/p"), "--cookies", tmp_path / "none.txt")
    assert code == 2 and "no such file" in err


def test_defaults_table_in_boards_toml(server, tmp_path, cli):
    url = serve_board(server, 2)
    (tmp_path / "boards.toml").write_text(
        f"""
[defaults]
db = "press.sqlite"
files = "attachments"
user_agent = "pressclip-test (contact: press@example.kr)"
delay = 0
timeout = 5
headers = {{ "X-Archive" = "city-hall" }}

[[board]]
url = "{url}"
name = "city"
""",
        encoding="utf-8",
    )
    code, _, err = cli("archive", "--config", tmp_path / "boards.toml")
    assert "board city: 2 new" in err, err
    assert (tmp_path / "press.sqlite").is_file()  # beside the config, not in the cwd
    request = server.requests_for("/bbs/board.php")[0]
    assert request.headers.get("User-Agent") == "pressclip-test (contact: press@example.kr)"
    assert request.headers.get("X-Archive") == "city-hall"
    code, out, _ = cli("export", "--db", tmp_path / "press.sqlite")
    assert len(out.splitlines()) == 2


@pytest.mark.parametrize(
    "table, message",
    [("colour = 'red'", "unknown key 'colour'"), ("delay = 'slow'", "'delay' must be"),
     ("headers = { A = 1 }", "'headers' values must be strings")],
)  # fmt: skip
def test_bad_defaults_are_usage_errors(tmp_path, table, message, cli):
    config = tmp_path / "boards.toml"
    config.write_text(f"[defaults]\n{table}\n[[board]]\nurl = 'http://127.0.0.1:9/'\n")
    code, _, err = cli("archive", "--config", config)
    assert code == 2 and message in err and len(err.splitlines()) == 1


def test_archive_without_file_locks_is_one_line(monkeypatch, capsys, tmp_path):
    from pressclip.cli import main

    monkeypatch.setitem(sys.modules, "fcntl", None)  # as on Windows: import fails
    monkeypatch.setattr(
        sys, "argv", ["pressclip", "archive", "http://127.0.0.1:9/", "--db", tmp_path / "a.sqlite"]
    )
    with pytest.raises(SystemExit) as exit_:
        main()
    err = capsys.readouterr().err
    assert exit_.value.code == 1 and "Traceback" not in err
    assert err == (
        "pressclip: error: archive needs file locks (fcntl), which this system does not have; "
        "run it on Linux, macOS or WSL\n"
    )


def test_user_agent_names_no_made_up_page(server, cli):
    url = server.page(
        "/p", b"<html><body><h1>t</h1><p>" + "본문입니다. ".encode() * 20 + b"</p></body></html>"
    )
    cli("fetch", url, "--delay", 0)
    agent = server.requests_for("/p")[0].headers.get("User-Agent")
    assert agent == f"pressclip/{pressclip.__version__}"


def test_not_html_error_still_reaches_verbose(server, cli):
    url = server.route("/a.pdf", Response(body=b"%PDF-1.4\n", content_type="application/pdf"))
    code, _, err = cli("fetch", url, "--delay", 0, "-v")
    assert code == 1 and f"GET {url} -> 200 application/pdf, body not read" in err


def test_http_proxy_from_the_environment_is_used(server, cli):
    """requests honours HTTP_PROXY: the local server plays the proxy for a host that does
    not exist, so the page can only arrive through it."""
    page = (
        b"<html><body><h1>t</h1><p>" + "프록시 본문입니다. ".encode() * 20 + b"</p></body></html>"
    )
    server.route("http://press.example.invalid/p", Response(body=page))
    proxy = server.url("/").rstrip("/")
    env = {"HTTP_PROXY": proxy, "http_proxy": proxy, "NO_PROXY": "", "no_proxy": ""}
    code, out, err = cli("fetch", "http://press.example.invalid/p", "--delay", 0, env=env)
    assert code == 0, err
    assert "프록시 본문입니다." in json.loads(out)["body"]
    assert "http://press.example.invalid/p" in server.paths()  # the absolute form: proxied
