"""Known failures are user errors, defects are internal errors.

A network failure requests, urllib3 or the socket report (a refused connection, a server that
never answers, a redirect loop, a URL no library can use) is one line, ``pressclip: error:
URL: why``, exit 1. Any other exception raised on the way is a bug in pressclip: it is not
dressed up as a network failure but reaches the CLI's last boundary, which prints one line
naming it as an internal error and asking for a report, exit 70, and the traceback only with
``-v``. Everything runs in this process (a monkeypatched defect must be seen by the CLI) against
servers on 127.0.0.1.
"""

from __future__ import annotations

import socket
import sys
from collections.abc import Iterator

import pytest
import urllib3.response
from server import redirect

from pressclip.cli import main
from pressclip.fetch import http
from pressclip.fetch.http import Fetcher, FetchError, FetchOptions

HTML = (
    "<html><head><title>보도자료</title></head><body><article><h1>보도자료</h1>"
    "<p>한솔군은 오늘 사업 계획을 발표했다. 군은 올해 예산 10억 원을 들여 사업을 추진한다.</p>"
    "</article></body></html>"
).encode()

EXIT_FAILED = 1
EXIT_INTERNAL = 70  # as docs/conventions.md says


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A local port that accepts connections (the kernel's backlog) and never answers."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    try:
        yield sock.getsockname()[1]
    finally:
        sock.close()


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: object):
    """``pressclip ARGS`` in this process: (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "argv", ["pressclip", *map(str, args)])
    with pytest.raises(SystemExit) as exit_:
        main()
    out, err = capsys.readouterr()
    return exit_.value.code, out, err


def fetch_args(url: str, *extra: object) -> list[object]:
    return ["fetch", url, "--delay", 0, "--retries", 0, "--timeout", 1, *extra]


# -- defects are internal errors ---------------------------------------------------------------


def _raise(exc: BaseException):
    def boom(*args: object, **kw: object) -> None:
        raise exc

    return boom


#: Where a defect is planted: the request (robots.txt's, then the page's) or the body's read.
DEFECT_SITES = {
    "request": (http._Session, "get"),
    "body": (urllib3.response.HTTPResponse, "stream"),
}
#: Defects the old code dressed up: "request failed (TypeError)", "invalid URL" for any
#: ValueError, "connection broken while reading the body" for anything in the body.
DEFECTS = [TypeError("boom"), ValueError("boom"), KeyError("boom")]


def plant(monkeypatch: pytest.MonkeyPatch, site: str, exc: BaseException) -> None:
    owner, name = DEFECT_SITES[site]
    monkeypatch.setattr(owner, name, _raise(exc))


@pytest.mark.parametrize("site", sorted(DEFECT_SITES))
@pytest.mark.parametrize("exc", DEFECTS, ids=lambda e: type(e).__name__)
def test_a_defect_while_fetching_is_raised_not_called_a_network_failure(
    monkeypatch, server, site, exc
):
    url = server.page("/p", HTML)
    server.page("/robots.txt", b"User-agent: *\nAllow: /\n", content_type="text/plain")
    plant(monkeypatch, site, exc)
    fetcher = Fetcher(FetchOptions(delay=0, retries=0, timeout=2))
    with pytest.raises(type(exc)) as info:
        fetcher.fetch(url)
    assert info.value is exc
    assert not isinstance(info.value, FetchError)


@pytest.mark.parametrize("site", sorted(DEFECT_SITES))
@pytest.mark.parametrize("exc", DEFECTS, ids=lambda e: type(e).__name__)
def test_a_defect_is_one_internal_error_line_asking_for_a_report(
    monkeypatch, capsys, server, site, exc
):
    url = server.page("/p", HTML)
    server.page("/robots.txt", b"User-agent: *\nAllow: /\n", content_type="text/plain")
    plant(monkeypatch, site, exc)
    code, out, err = run(monkeypatch, capsys, *fetch_args(url))
    assert code == EXIT_INTERNAL
    assert out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    name = type(exc).__name__
    assert lines[0].startswith(f"pressclip: internal error: {name}: "), lines[0]
    assert "please report" in lines[0] and "-v" in lines[0]
    for disguise in ("request failed", "invalid URL", "connection broken", "pressclip: error:"):
        assert disguise not in err


@pytest.mark.parametrize("where", ["command", "top"])
def test_verbose_shows_the_traceback_then_the_line(monkeypatch, capsys, server, where):
    url = server.page("/p", HTML)
    plant(monkeypatch, "request", TypeError("boom"))
    args = fetch_args(url, "-v") if where == "command" else ["-v", *fetch_args(url)]
    code, _, err = run(monkeypatch, capsys, *args)
    assert code == EXIT_INTERNAL
    assert "Traceback (most recent call last):" in err
    assert "TypeError: boom\n" in err
    assert "fetch/http.py" in err  # the frames say where
    last = err.splitlines()[-1]
    assert last.startswith("pressclip: internal error: TypeError: boom")
    assert "please report" in last


def test_a_verbose_run_does_not_leave_tracebacks_on_for_the_next(monkeypatch, capsys, server):
    url = server.page("/p", HTML)
    plant(monkeypatch, "request", TypeError("boom"))
    run(monkeypatch, capsys, "-v", *fetch_args(url))
    code, _, err = run(monkeypatch, capsys, *fetch_args(url))
    assert code == EXIT_INTERNAL and "Traceback" not in err and len(err.splitlines()) == 1


def test_the_traceback_names_no_credentials(monkeypatch, capsys, server):
    url = server.page("/p", HTML).replace("http://", "http://user:secret@")
    plant(monkeypatch, "request", TypeError(f"boom at {url}"))
    code, _, err = run(monkeypatch, capsys, *fetch_args(url, "-v"))
    assert code == EXIT_INTERNAL and "Traceback" in err
    assert "secret" not in err


# -- known network failures stay one clear line ------------------------------------------------


def assert_one_line_error(code: int, out: str, err: str, url: str, cause: str) -> None:
    assert code == EXIT_FAILED, err
    assert out == ""
    assert "Traceback" not in err and "internal error" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"pressclip: error: {url}: "), lines[0]
    assert cause in lines[0], lines[0]


def test_refused_connection(monkeypatch, capsys, closed_port):
    url = f"http://127.0.0.1:{closed_port}/p"
    result = run(monkeypatch, capsys, *fetch_args(url))
    assert_one_line_error(*result, url, "connection refused")


def test_server_that_never_answers_times_out(monkeypatch, capsys, silent_port):
    url = f"http://127.0.0.1:{silent_port}/p"
    result = run(monkeypatch, capsys, *fetch_args(url, "--timeout", 0.3))
    assert_one_line_error(*result, url, "timed out")


def test_too_many_redirects(monkeypatch, capsys, server):
    url = server.route("/loop", redirect("/loop"))
    result = run(monkeypatch, capsys, *fetch_args(url))
    assert_one_line_error(*result, url, "redirect loop")


@pytest.mark.parametrize(
    ("url", "cause"),
    [
        ("http://a..b/p", "invalid URL"),  # a host with an empty label: requests' InvalidURL
        ("http://" + "a" * 70 + ".example/p", "invalid URL"),  # a label IDNA cannot encode
        ("http://exa mple.kr/p", "invalid URL"),
        ("http://127.0.0.1:99999/p", "malformed URL"),  # refused before any I/O
    ],
    ids=["empty-label", "long-label", "space", "port"],
)
def test_bad_url(monkeypatch, capsys, url, cause):
    result = run(monkeypatch, capsys, *fetch_args(url))
    assert_one_line_error(*result, url, cause)


def test_redirect_to_a_malformed_url(monkeypatch, capsys, server):
    url = server.route("/away", redirect("http://[::1/p"))
    result = run(monkeypatch, capsys, *fetch_args(url))
    assert_one_line_error(*result, url, "malformed URL")


def test_a_good_page_is_still_fetched(monkeypatch, capsys, server):
    url = server.page("/p", HTML)
    code, out, err = run(monkeypatch, capsys, *fetch_args(url))
    assert code == 0 and err == "" and "예산 10억 원" in out


# -- the HTML parser: its own error is bad input, anything else a defect ---------------------


def test_the_parsers_own_error_is_bad_input_and_a_defect_is_raised(monkeypatch):
    from selectolax.lexbor import SelectolaxError

    from pressclip.errors import PressclipError
    from pressclip.extract import dispatch

    monkeypatch.setattr(dispatch, "LexborHTMLParser", _raise(SelectolaxError("Can't parse HTML.")))
    with pytest.raises(PressclipError, match="cannot parse HTML"):
        dispatch.parse("<p>x</p>")
    monkeypatch.setattr(dispatch, "LexborHTMLParser", _raise(TypeError("boom")))
    with pytest.raises(TypeError, match="boom"):
        dispatch.parse("<p>x</p>")
