"""``pressclip fetch`` and :class:`pressclip.fetch.http.Fetcher` against a local, misbehaving HTTP
server (tests/server.py): retries and Retry-After, timeouts, size caps (also on gzip bombs),
non-HTML, redirect loops, robots.txt and Crawl-delay, the User-Agent, refused URLs, network
failures, charsets, and crawling two list pages of a board built from the fixtures.

Nothing here touches the internet: every URL is on 127.0.0.1, a closed local port, or a
``.invalid`` host (which never resolves)."""

from __future__ import annotations

import contextlib
import functools
import json
import re
import socket
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path

import pytest
import urllib3.util.retry
from conftest import Cli
from server import LocalServer, Response, chunks_of, redirect, sequence

import pressclip
from pressclip.fetch.http import Fetcher, FetchError, FetchOptions

VIEWS = Path(__file__).parent / "fixtures" / "views"


def article(word: str = "ok") -> bytes:
    """A small post page whose title and body contain ``word``."""
    return (
        f"<html><head><title>{word} 보도자료</title></head><body><article>"
        f"<h1>{word} 보도자료</h1><p>한솔군은 오늘 {word} 사업 계획을 발표했다. "
        "군은 올해 예산 10억 원을 들여 사업을 추진한다.</p></article></body></html>"
    ).encode()


HTML = article()
KOREAN = "똠방각하 햏자 뷁어"  # 똠 햏 뷁: in cp949, not in EUC-KR proper
MB = 1024 * 1024


def fetcher(**kw: object) -> Fetcher:
    """A Fetcher with test-sized waits."""
    options: dict[str, object] = {"delay": 0, "retries": 1, "backoff": 0.01, "timeout": 2}
    options.update(kw)
    return Fetcher(FetchOptions(**options))  # type: ignore[arg-type]


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def fetch_run(cli: Cli) -> Callable[..., Run]:
    """``pressclip fetch ARGS`` (in this process: conftest.Cli)."""

    def run(*args: object) -> Run:
        return Run(*cli("fetch", *args))

    return run


#: "Now" on the clock of the Retry-After waits (a whole second, as HTTP dates are).
NOW = 1_800_000_000.0


class RetryClock:
    """The clock urllib3's retries wait on (``Retry-After``, back-off), as a fake: it is
    always :data:`NOW`, and a wait is recorded instead of slept, so a test reads how long the
    client waited whatever the machine's speed."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)

    def time(self) -> float:
        return NOW


@pytest.fixture
def retry_clock(monkeypatch: pytest.MonkeyPatch) -> RetryClock:
    clock = RetryClock()
    monkeypatch.setattr(urllib3.util.retry, "time", clock)
    return clock


def assert_one_line_error(run: Run, url: str, cause: str) -> str:
    """Exit 1, nothing on stdout, one stderr line `pressclip: error: URL: …cause…`."""
    assert run.code == 1, run
    assert run.out == ""
    assert "Traceback" not in run.err
    lines = run.err.splitlines()
    assert len(lines) == 1, run.err
    assert lines[0].startswith(f"pressclip: error: {url}: "), lines[0]
    assert cause.lower() in lines[0].lower(), lines[0]
    return lines[0]


@functools.cache
def gzip_bomb() -> bytes:
    """A gzip stream (~1 MB) that unpacks to 1 GB of zeros; built once per test run."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(MB)
    parts = [packer.compress(zeros) for _ in range(1024)]
    parts.append(packer.flush())
    return b"".join(parts)


# -- retries and Retry-After ------------------------------------------------------------------


def test_flaky_503_then_200_succeeds(server):
    url = server.route(
        "/p", sequence(Response(status=503), Response(status=503), Response(body=HTML))
    )
    page = fetcher(retries=3).fetch(url)
    assert page.status == 200 and "ok" in page.text
    assert len(server.requests_for("/p")) == 3


def test_503_every_time_gives_up_after_retries(server):
    url = server.route("/p", Response(status=503, body=b"busy", content_type="text/plain"))
    with pytest.raises(FetchError, match="503") as info:
        fetcher(retries=2).fetch(url)
    assert info.value.url == url
    assert len(server.requests_for("/p")) == 3


def test_429_retry_after_seconds_is_waited(server, retry_clock):
    url = server.route(
        "/p",
        sequence(Response(status=429, headers={"Retry-After": "1"}), Response(body=HTML)),
    )
    page = fetcher().fetch(url)
    assert "ok" in page.text
    assert len(server.requests_for("/p")) == 2
    assert retry_clock.waits == [1.0]  # what the server asked, and only that


def test_429_retry_after_http_date_is_waited(server, retry_clock):
    # an HTTP date 2 s after the client's clock says it is now
    when = formatdate(NOW + 2, usegmt=True)
    url = server.route(
        "/p",
        sequence(Response(status=429, headers={"Retry-After": when}), Response(body=HTML)),
    )
    assert "ok" in fetcher().fetch(url).text
    assert len(server.requests_for("/p")) == 2
    assert retry_clock.waits == [2.0]


@pytest.mark.parametrize(
    "retry_after", ["3600", formatdate(NOW + 3600, usegmt=True)], ids=["seconds", "date"]
)
def test_huge_retry_after_is_capped(server, retry_clock, retry_after):
    url = server.route(
        "/p",
        sequence(Response(status=503, headers={"Retry-After": retry_after}), Response(body=HTML)),
    )
    assert "ok" in fetcher(max_retry_after=0.5).fetch(url).text
    assert len(server.requests_for("/p")) == 2
    assert retry_clock.waits == [0.5]  # the cap, not the hour asked for


def test_cli_429_then_200(server, fetch_run):
    url = server.route(
        "/p",
        sequence(Response(status=429, headers={"Retry-After": "1"}), Response(body=HTML)),
    )
    run = fetch_run(url, "--delay", "0", "--retries", "2")
    assert run.code == 0, run.err
    assert json.loads(run.out)["url"] == url
    assert server.gaps("/p")[0] >= 0.9


# -- timeouts -------------------------------------------------------------------------------


def test_slow_page_times_out_within_bound(server):
    url = server.page("/slow", HTML, delay=10)
    start = time.monotonic()
    # a fetch that waited for the page (10 s) would return it: the error is the bound
    with pytest.raises(FetchError, match="timed out") as info:
        fetcher(timeout=0.5, retries=1).fetch(url)
    assert "connection" not in info.value.cause  # it connected; the answer never came
    assert time.monotonic() - start >= 0.9  # two tries of 0.5 s
    assert len(server.requests_for("/slow")) == 2  # the first try and one retry


def test_cli_slow_page_one_line_timeout(server, fetch_run):
    url = server.page("/slow", HTML, delay=10)
    run = fetch_run(url, "--timeout", "0.5", "--retries", "1", "--delay", "0")
    assert_one_line_error(run, url, "timed out")  # not the page, which comes after 10 s


def test_body_dribbling_past_the_timeout(server):
    def dribble() -> Iterator[bytes]:
        yield b"<html><body><p>first</p>"
        time.sleep(1.5)
        yield b"<p>never</p></body></html>"

    url = server.route("/drip", Response(body=dribble))
    with pytest.raises(FetchError, match="timed out"):
        fetcher(timeout=0.5, retries=0).fetch(url)


# -- size caps ------------------------------------------------------------------------------


def test_200_mb_stream_is_too_large_and_stops_early(server):
    url = server.route("/big", Response(body=chunks_of(200 * MB)))
    with pytest.raises(FetchError, match="too large"):
        fetcher(max_bytes=MB).fetch(url)
    (request,) = server.requests_for("/big")
    assert request.done.wait(5)
    assert request.hung_up
    assert request.sent < 50 * MB


def test_declared_200_mb_is_refused_from_the_header(server):
    url = server.route(
        "/big",
        Response(body=chunks_of(200 * MB), headers={"Content-Length": str(200 * MB)}),
    )
    with pytest.raises(FetchError, match="too large: 209,715,200 bytes"):
        fetcher(max_bytes=MB).fetch(url)
    (request,) = server.requests_for("/big")
    assert request.done.wait(5)
    assert request.sent < 50 * MB


def test_gzip_bomb_is_too_large(server):
    bomb = gzip_bomb()
    assert len(bomb) < 2 * MB
    url = server.route("/bomb", Response(body=bomb, headers={"Content-Encoding": "gzip"}))
    with pytest.raises(FetchError, match="too large"):
        fetcher(max_bytes=MB).fetch(url)


def test_gzip_bomb_peak_memory_under_300_mb(server):
    """The CLI with its default cap (20 MB) on a 1 GB gzip bomb, in a fresh wrapper process so
    RUSAGE_CHILDREN is the CLI's own peak."""
    url = server.route("/bomb", Response(body=gzip_bomb(), headers={"Content-Encoding": "gzip"}))
    wrapper = (
        "import resource, subprocess, sys\n"
        "p = subprocess.run(sys.argv[1:], capture_output=True)\n"
        "sys.stderr.write(p.stderr.decode('utf-8'))\n"
        "print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", wrapper, sys.executable, "-m", "pressclip", "fetch", url]
        + ["--delay", "0", "--retries", "0"],
        capture_output=True,
        timeout=30,
    )
    code, maxrss_kb = map(int, proc.stdout.split())
    err = proc.stderr.decode("utf-8")
    assert code == 1
    assert "too large" in err and url in err
    assert maxrss_kb < 300 * 1024, f"peak RSS {maxrss_kb / 1024:.0f} MB"


def stop_accepting(listener: socket.socket, thread: threading.Thread) -> None:
    """Close a listener whose thread may still wait in accept(): wake it first and wait for
    it, so that it never accepts on the descriptor the next socket of the process reuses."""
    while thread.is_alive():
        with contextlib.suppress(OSError):
            socket.create_connection(listener.getsockname(), timeout=2).close()
        thread.join(timeout=2)
    listener.close()


def test_chunked_gzip_bomb_is_too_large_with_bounded_memory():
    """The same bomb sent with Transfer-Encoding: chunked (urllib3 reads chunked bodies on
    another path), from a bare socket server since http.server does not chunk."""
    bomb = gzip_bomb()
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve() -> None:
        for _ in range(2):  # robots.txt, then the page
            conn, _ = listener.accept()
            with conn:
                request = conn.recv(65536)
                if b"/robots.txt" in request:
                    conn.sendall(
                        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    )
                    continue
                with contextlib.suppress(OSError):
                    conn.sendall(
                        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                        b"Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n"
                        b"Connection: close\r\n\r\n"
                    )
                    for i in range(0, len(bomb), 65536):
                        piece = bomb[i : i + 65536]
                        conn.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
                    conn.sendall(b"0\r\n\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    # The child's own peak: VmHWM (this process image's high-water mark). ru_maxrss of a
    # process started by fork or vfork from this big test process counts the parent's
    # pages too (Linux carries the pre-exec peak over), which grows with the tests before.
    code = (
        "import resource\n"
        "from pressclip.fetch.http import Fetcher, FetchOptions, FetchError\n"
        "try:\n"
        f"    Fetcher(FetchOptions(delay=0, retries=0)).fetch('http://127.0.0.1:{port}/x')\n"
        "except FetchError as exc:\n"
        "    print(exc)\n"
        "try:\n"
        "    status = open('/proc/self/status').read().split('VmHWM:')[1].split()[0]\n"
        "except (OSError, IndexError):\n"
        "    status = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(status)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True)
    stop_accepting(listener, thread)
    message, maxrss_kb = proc.stdout.decode().splitlines()
    assert "too large" in message
    assert int(maxrss_kb) < 300 * 1024


# -- what is refused --------------------------------------------------------------------------


def test_pdf_is_not_html(server):
    url = server.route(
        "/a.pdf", Response(body=b"%PDF-1.4\n%\xe2\xe3", content_type="application/pdf")
    )
    with pytest.raises(FetchError, match="not HTML: application/pdf"):
        fetcher().fetch(url)


def test_redirect_loop(server):
    server.route("/a", redirect("/b"))
    url = server.route("/b", redirect("/a"))
    with pytest.raises(FetchError, match="redirect loop"):
        fetcher().fetch(url)
    assert len(server.requests_for("/a")) + len(server.requests_for("/b")) <= 12


def test_redirect_is_followed(server):
    server.page("/new", HTML)
    url = server.route("/old", redirect("/new", 301))
    page = fetcher().fetch(url)
    assert page.url == server.url("/new")
    assert page.requested_url == url
    assert page.history == [url]


def test_redirect_to_file_url_is_refused(server):
    url = server.route("/sneaky", redirect("file:///etc/passwd"))
    with pytest.raises(FetchError, match="non-http"):
        fetcher().fetch(url)


@pytest.mark.parametrize(
    "make_url",
    [
        lambda base: base.replace("http://", "ftp://") + "/file.html",
        lambda base: "file:///etc/passwd",
        lambda base: base.replace("http://", "gopher://") + "/",
        lambda base: "http:///no-host",
    ],
    ids=["ftp", "file", "gopher", "no-host"],
)
def test_bad_urls_are_refused_before_any_io(server, make_url):
    url = make_url(server.base)
    f = fetcher()
    with pytest.raises(FetchError) as info:
        f.fetch(url)
    assert info.value.url == url
    assert f.requests_made == 0
    assert server.requests == []


def test_dns_failure(server):
    url = "http://pressclip-test.invalid/bbs/board.php?bo_table=press"
    with pytest.raises(FetchError, match="resolve"):
        fetcher(retries=0).fetch(url)


def test_connection_refused(closed_port):
    url = f"http://127.0.0.1:{closed_port}/"
    with pytest.raises(FetchError, match="refused"):
        fetcher(retries=0).fetch(url)


# -- robots.txt, delays, User-Agent ----------------------------------------------------------

ROBOTS = "User-agent: *\nDisallow: /private/\n"


def test_robots_disallowed_is_refused_and_ignore_robots_fetches(server):
    server.page("/robots.txt", ROBOTS, content_type="text/plain")
    url = server.page("/private/p.html", HTML)
    with pytest.raises(FetchError, match="robots.txt") as info:
        fetcher().fetch(url)
    assert "--ignore-robots" in str(info.value)
    assert server.requests_for("/private/p.html") == []
    page = fetcher(respect_robots=False).fetch(url)
    assert "ok" in page.text


def test_cli_robots_refusal_and_ignore_robots(server, fetch_run):
    server.page("/robots.txt", ROBOTS, content_type="text/plain")
    url = server.page("/private/p.html", HTML)
    line = assert_one_line_error(fetch_run(url, "--delay", "0"), url, "robots.txt")
    assert "--ignore-robots" in line
    assert server.requests_for("/private/p.html") == []
    run = fetch_run(url, "--delay", "0", "--ignore-robots")
    assert run.code == 0, run.err
    assert json.loads(run.out)["url"] == url
    assert len(server.requests_for("/private/p.html")) == 1


def test_robots_4xx_means_no_rules(server):
    # RFC 9309: an unavailable (4xx) robots.txt puts no restriction on crawling.
    server.route("/robots.txt", Response(status=403))
    url = server.page("/p", HTML)
    assert fetcher().fetch(url).status == 200


def test_robots_5xx_means_disallow_all(server):
    # RFC 9309: an unreachable (5xx) robots.txt means nothing may be fetched.
    server.route("/robots.txt", Response(status=500))
    url = server.page("/p", HTML)
    with pytest.raises(FetchError, match="robots.txt unavailable .HTTP 500.*--ignore-robots"):
        fetcher().fetch(url)
    assert server.requests_for("/p") == []


def test_dead_host_fails_once_not_twice(server):
    # robots.txt is the first request to a host: when that cannot connect, the page fails
    # with the same cause at once instead of waiting out the timeout a second time.
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchError, match="connection refused"):
        fetcher().fetch(f"http://127.0.0.1:{port}/p")


def test_robots_fetched_once_per_host(server):
    urls = [server.page(f"/p{i}", HTML) for i in range(3)]
    f = fetcher()
    for url in urls:
        f.fetch(url)
    assert server.paths() == ["/robots.txt", "/p0", "/p1", "/p2"]


def test_cli_crawl_delay_larger_than_delay_is_respected(server, fetch_run):
    server.page("/robots.txt", "User-agent: *\nCrawl-delay: 1\n", content_type="text/plain")
    a, b = server.page("/a", HTML), server.page("/b", HTML)
    run = fetch_run(a, b, "--delay", "0.1", "--retries", "0")
    assert run.code == 0, run.err
    times = {r.route: r.time for r in server.requests}
    assert times["/b"] - times["/a"] >= 0.9
    assert times["/a"] - times["/robots.txt"] >= 0.9


def test_delay_spaces_requests_to_one_host(server):
    a, b = server.page("/a", HTML), server.page("/b", HTML)
    f = fetcher(delay=0.5, respect_robots=False)
    f.fetch(a)
    f.fetch(b)
    times = {r.route: r.time for r in server.requests}
    assert times["/b"] - times["/a"] >= 0.45


def test_cli_user_agent_names_pressclip_and_version(server, fetch_run):
    url = server.page("/p", HTML)
    run = fetch_run(url, "--delay", "0")
    assert run.code == 0, run.err
    for request in server.requests:  # robots.txt and the page
        agent = request.headers.get("User-Agent", "")
        assert f"pressclip/{pressclip.__version__}" in agent


def test_cli_user_agent_override(server, fetch_run):
    url = server.page("/p", HTML)
    run = fetch_run(url, "--delay", "0", "--user-agent", "PressBot/9.9 (+mailto:pr@example.kr)")
    assert run.code == 0, run.err
    agents = {r.headers.get("User-Agent") for r in server.requests}
    assert agents == {"PressBot/9.9 (+mailto:pr@example.kr)"}


# -- charsets --------------------------------------------------------------------------------


def korean_page(meta: bool) -> tuple[bytes, str, str]:
    """The EUC-KR view fixture (an ASP board, no charset of its own) with 똠 햏 뷁 added to
    its title and first paragraph, as cp949 bytes; with or without a <meta charset>.
    Returns bytes, title and paragraph."""
    html = (VIEWS / "asp_euckr.html").read_bytes().decode("cp949")
    title, first = "마을버스 노선 조정 안내", "다음 달 1일부터 마을버스 3번 노선이 조정됩니다."
    assert title in html and first in html and "charset" not in html
    html = html.replace(title, title + " " + KOREAN).replace(first, first + " " + KOREAN)
    if meta:
        meta_tag = '<meta http-equiv="content-type" content="text/html; charset=euc-kr">'
        html = html.replace("<head>", "<head>" + meta_tag, 1)
    return html.encode("cp949"), title + " " + KOREAN, first + " " + KOREAN


@pytest.mark.parametrize(
    ("content_type", "meta"),
    [
        ("text/html; charset=euc-kr", False),  # the HTTP header only
        ("text/html", True),  # the page's <meta> only
        ("text/html", False),  # neither: detection
    ],
    ids=["header-only", "meta-only", "neither"],
)
def test_korean_charsets(server, content_type, meta, fetch_run):
    body, title, paragraph = korean_page(meta)
    with pytest.raises(UnicodeDecodeError):
        KOREAN.encode("cp949").decode("euc-kr")  # a strict EUC-KR decoder fails on this page
    url = server.route("/view", Response(body=body, content_type=content_type))
    page = fetcher().fetch(url)
    assert page.encoding == "cp949"
    assert KOREAN in page.text
    run = fetch_run(url, "--delay", "0")
    assert run.code == 0, run.err
    record = json.loads(run.out)
    assert record["title"] == title
    assert paragraph in record["body"]


# -- CLI: one line per error, nothing written ----------------------------------------------------

ErrorCase = Callable[[LocalServer, int], tuple[str, list[str], str]]
ERROR_CASES: dict[str, ErrorCase] = {}


def error_case(fn: ErrorCase) -> ErrorCase:
    ERROR_CASES[fn.__name__] = fn
    return fn


@error_case
def http_503(s: LocalServer, port: int) -> tuple[str, list[str], str]:
    return s.route("/p", Response(status=503)), ["--retries", "1"], "503"


@error_case
def http_404(s: LocalServer, port: int) -> tuple[str, list[str], str]:
    return s.url("/missing"), [], "404"


@error_case
def slow(s: LocalServer, port: int) -> tuple[str, list[str], str]:
    return s.page("/slow", HTML, delay=10), ["--timeout", "0.5", "--retries", "0"], "timed out"


@error_case
def huge_stream(s: LocalServer, port: int) -> tuple[str, list[str], str]:
    url = s.route("/big", Response(body=chunks_of(200 * MB)))
    return url, ["--max-bytes", str(MB)], "too large"


@error_case
def gzip_1gb(s: LocalServer, port: int) -> tuple[str, list[str], str]:
    url = s.route("/bomb", Response(body=gzip_bomb(), headers={"Content-Encoding": "gzip"}))
    return url, ["--max-bytes", str(MB)], "too large"


@error_case
def pdf(s: LocalServer, port: int) -> tuple[str, list[str], str]:
    url = s.route("/a.pdf", Response(body=b"%PDF-1.4\n", content_type="application/pdf"))
    return url, [], "not HTML"


@error_case
def redirect_loop(s: LocalServer, port: int) -> tuple[str, list[str], str]:
    return s.route("/loop", redirect("/loop")), [], "redirect loop"


@error_case
def redirect_to_file(s: LocalServer, port: int) -> tuple[str, list[str], str]:
    return s.route("/sneaky", redirect("file:///etc/passwd")), [], "non-http"


@error_case
def robots(s: LocalServer, port: int) -> tuple[str, list[str], str]:
    s.page("/robots.txt", ROBOTS, content_type="text/plain")
    return s.page("/private/p.html", HTML), [], "robots.txt"


@error_case
def ftp(s: LocalServer, port: int) -> tuple[str, list[str], str]:
    return s.base.replace("http://", "ftp://") + "/p", [], "scheme"


@error_case
def file_url(s: LocalServer, port: int) -> tuple[str, list[str], str]:
    return "file:///etc/passwd", [], "scheme"


@error_case
def dns(s: LocalServer, port: int) -> tuple[str, list[str], str]:
    return "http://pressclip-test.invalid/p", ["--retries", "0"], "resolve"


@error_case
def refused(s: LocalServer, port: int) -> tuple[str, list[str], str]:
    return f"http://127.0.0.1:{port}/p", ["--retries", "0"], "refused"


@error_case
def empty(s: LocalServer, port: int) -> tuple[str, list[str], str]:
    return s.page("/empty", b""), [], "empty"


@error_case
def binary(s: LocalServer, port: int) -> tuple[str, list[str], str]:
    return s.page("/bin", bytes(range(256)) * 8), [], "binary"


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "file"])
@pytest.mark.parametrize("case", sorted(ERROR_CASES))
def test_cli_error_is_one_line(server, closed_port, tmp_path, case, to_file, fetch_run):
    url, args, cause = ERROR_CASES[case](server, closed_port)
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "records.json"
    extra = ["-o", target] if to_file else []
    run = fetch_run(url, "--delay", "0", "--timeout", "2", *args, *extra)
    assert_one_line_error(run, url, cause)
    assert list(folder.iterdir()) == []  # no output file, no temp file
    if case in ("ftp", "file_url"):
        assert server.requests == []


def test_cli_good_urls_are_written_despite_bad_ones(server, tmp_path, fetch_run):
    good1 = server.page("/one", article("first"))
    bad = server.url("/missing")
    good2 = server.page("/two", article("second"))
    target = tmp_path / "records.jsonl"
    run = fetch_run(good1, bad, "ftp://127.0.0.1/x", good2, "--delay", "0", "-o", target)
    assert run.code == 1
    assert run.out == ""
    lines = run.err.splitlines()
    assert len(lines) == 2 and "Traceback" not in run.err
    assert lines[0].startswith(f"pressclip: error: {bad}: ") and "404" in lines[0]
    assert lines[1].startswith("pressclip: error: ftp://127.0.0.1/x: ")
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["url"] for r in records] == [good1, good2]
    assert "first" in records[0]["body"] and "second" in records[1]["body"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["records.jsonl"]


def test_cli_good_urls_on_stdout_despite_bad_ones(server, fetch_run):
    good = server.page("/one", HTML)
    bad = server.url("/missing")
    run = fetch_run(bad, good, "--delay", "0")
    assert run.code == 1
    assert [json.loads(line)["url"] for line in run.out.splitlines()] == [good]
    assert len(run.err.splitlines()) == 1


# -- a local board: two list pages and their posts ----------------------------------------------

LISTS = Path(__file__).parent / "fixtures" / "lists"
EXAMPLE_VIEW = Path(__file__).parent / "fixtures" / "example_post.html"
SITE = "http://board.example.kr"
LIST_PATH = "/bbs/board.php?bo_table=press"
#: The rows of fixtures/lists/g5_press.html: two pinned notices, six posts, and 530 again
#: unpinned (a notice also listed in its place by date).
TITLES = {
    "501": "[안내] 보도자료 게시판 이용 안내",
    "530": "한솔군청년센터 누리집 주소가 바뀝니다",
    "612": "한솔군, 문 닫은 학교 세 곳을 청년 창업 공간으로",
    "611": "청년 일자리 박람회 6월 7일 군민회관에서",
    "609": "농산물 공동 가공센터 시범 운영 시작",
    "605": "솔빛천 산책로 야간 조명 켠다",
    "602": "청년 월세 지원 2차 신청 접수",
    "598": "작은 도서관 여름 독서교실 참가자 모집",
}


@dataclass
class Board:
    list_url: str
    posts: list[tuple[str, str]]  # (url, title) expected in order, each once
    view_paths: list[str]


def build_board(server: LocalServer) -> Board:
    """Three list pages cut from the gnuboard5 list fixture (the two pinned notices on each),
    every post served by the example gnuboard5 view with its title changed to the row's."""
    listing = (LISTS / "g5_press.html").read_text(encoding="utf-8")
    head, rest = listing.split("<tbody>", 1)
    body, tail = rest.split("</tbody>", 1)
    rows = re.findall(r"<tr[ >].*?</tr>", body, flags=re.S)
    assert len(rows) == 9

    def nav(current: int) -> str:
        links = [
            f'<strong class="pg_current">{n}</strong>'
            if n == current
            else f'<a href="{SITE}{LIST_PATH}&amp;page={n}" class="pg_page">{n}</a>'
            for n in (1, 2, 3)
        ]
        return '<nav class="pg_wrap"><span class="pg">' + "\n".join(links) + "</span></nav>"

    layout = {1: [0, 1, 2, 3, 4], 2: [0, 1, 5, 6, 7], 3: [0, 1, 8]}  # 7 = 530 again, unpinned
    for number, picked in layout.items():
        html = head + "<tbody>" + "".join(rows[i] for i in picked) + "</tbody>" + tail
        html = re.sub(r'<nav class="pg_wrap">.*?</nav>', nav(number), html, flags=re.S)
        path = LIST_PATH if number == 1 else f"{LIST_PATH}&page={number}"
        server.page(path, html.replace(SITE, server.base))

    view = EXAMPLE_VIEW.read_text(encoding="utf-8")
    view_title = "[한솔군] 한솔군, 문 닫은 학교 세 곳을 청년 창업 공간으로(2025.05.12.)"
    assert view.count(view_title) == 1
    for wr_id, title in TITLES.items():
        html = view.replace(view_title, title).replace(SITE, server.base)
        server.page(f"{LIST_PATH}&wr_id={wr_id}", html)

    order = ["501", "530", "612", "611", "609", "605", "602"]
    return Board(
        list_url=server.url(LIST_PATH),
        posts=[(server.url(f"{LIST_PATH}&wr_id={w}"), TITLES[w]) for w in order],
        view_paths=[f"{LIST_PATH}&wr_id={w}" for w in order],
    )


def view_requests(server: LocalServer) -> list[str]:
    return [p for p in server.paths() if "wr_id=" in p]


def test_cli_two_list_pages(server, fetch_run):
    board = build_board(server)
    run = fetch_run(board.list_url, "--pages", "2", "--delay", "0")
    assert run.code == 0, run.err
    assert run.err == ""
    records = [json.loads(line) for line in run.out.splitlines()]
    assert [(r["url"], r["title"]) for r in records] == board.posts
    assert all(r["author"] == "hansolpr" and r["body"] for r in records)
    # the pinned notices repeated on page 2 (and 530's unpinned row) are fetched once
    assert view_requests(server) == board.view_paths
    assert f"{LIST_PATH}&page=3" not in server.paths()


def test_cli_one_list_page(server, fetch_run):
    board = build_board(server)
    run = fetch_run(board.list_url, "--delay", "0")
    assert run.code == 0, run.err
    assert [json.loads(line)["title"] for line in run.out.splitlines()] == [
        t for _, t in board.posts[:5]
    ]
    assert f"{LIST_PATH}&page=2" not in server.paths()


@pytest.mark.parametrize("limit", [3, 5, 6])
def test_cli_limit_stops_after_m_posts(server, limit, fetch_run):
    board = build_board(server)
    run = fetch_run(board.list_url, "--pages", "3", "--limit", limit, "--delay", "0")
    assert run.code == 0, run.err
    records = [json.loads(line) for line in run.out.splitlines()]
    assert [(r["url"], r["title"]) for r in records] == board.posts[:limit]
    assert view_requests(server) == board.view_paths[:limit]
    lists_fetched = [p for p in server.paths() if "page=" in p]
    assert lists_fetched == ([] if limit <= 5 else [f"{LIST_PATH}&page=2"])


def test_cli_a_limit_past_any_count_is_no_limit(server, fetch_run):
    # 10**20 is a valid --limit; it once reached islice, which takes no more than a C long
    board = build_board(server)
    run = fetch_run(board.list_url, "--limit", "99999999999999999999", "--delay", "0")
    assert run.code == 0, run.err
    assert [json.loads(line)["title"] for line in run.out.splitlines()] == [
        t for _, t in board.posts[:5]
    ]


def test_cli_list_post_failure_is_reported_and_others_kept(server, fetch_run):
    board = build_board(server)
    broken = board.view_paths[2]
    server.route(broken, Response(status=500))
    run = fetch_run(board.list_url, "--delay", "0", "--retries", "0")
    assert run.code == 1
    lines = run.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"pressclip: error: {server.url(broken)}: ")
    titles = [json.loads(line)["title"] for line in run.out.splitlines()]
    assert titles == [t for u, t in board.posts[:5] if u != server.url(broken)]
