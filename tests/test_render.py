"""`fetch --render`: boards whose rows and post bodies are built by JavaScript, read in a real
headless Chromium (Debian's package; the tests skip, saying so, where it or Playwright is
missing), all on a local server: a list filled from a JSON endpoint, a post whose body and
files arrive by XHR, and a plain post that `--render auto` leaves to the static reader."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from server import LocalServer, Request, Response

from pressclip.fetch.render import RenderUnavailable, check_available

try:
    check_available()
    MISSING = ""
except RenderUnavailable as exc:
    MISSING = str(exc)

needs_browser = pytest.mark.skipif(bool(MISSING), reason=f"no browser for --render: {MISSING}")

TITLES = ["한솔군, 폐교 세 곳을 청년 창업 공간으로", "한솔군, 어르신 무료 버스 노선 확대"]
BODY = (
    "한솔군은 올해부터 2027년까지 문 닫은 학교 세 곳을 청년 창업 공간으로 고쳐 쓴다고 12일 밝혔다.",
    "군은 모두 42억 원을 들여 교실을 사무실과 공동 작업실로 바꾸고, 입주 기업에 임대료를 감면한다.",
    "군 관계자는 청년이 머물 이유를 만드는 것이 인구 대책의 출발점이라고 말했다.",
)

LIST_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>보도자료 | 한솔군</title></head>
<body><h1>보도자료</h1>
<table class="board"><thead><tr><th>번호</th><th>제목</th><th>작성일</th></tr></thead>
<tbody id="rows"></tbody></table>
<script>
fetch('/press/list.json').then(r => r.json()).then(rows => {
  document.getElementById('rows').innerHTML = rows.map(r =>
    `<tr><td>${r.no}</td><td class="subject"><a href="/press/view.html?no=${r.no}">${r.title}</a></td>` +
    `<td>${r.date}</td></tr>`).join('');
});
</script></body></html>"""

VIEW_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>보도자료 | 한솔군</title></head>
<body><img src="/logo.png" alt="한솔군"><div class="view"><h2 id="subject"></h2><p class="info">작성일 <span id="date"></span></p>
<div id="content"></div><ul id="files"></ul></div>
<script>
const no = new URLSearchParams(location.search).get('no');
const xhr = new XMLHttpRequest();
xhr.open('GET', '/press/post.json?no=' + no);
xhr.onload = () => {
  const post = JSON.parse(xhr.responseText);
  document.getElementById('subject').textContent = post.title;
  document.getElementById('date').textContent = post.date;
  document.getElementById('content').innerHTML = post.body.map(p => `<p>${p}</p>`).join('');
  document.getElementById('files').innerHTML = post.files.map(f =>
    `<li><a href="/press/download?file=${f}">${f}</a></li>`).join('');
};
xhr.send();
fetch('http://localhost:' + location.port + '/analytics.js').catch(() => null);
</script></body></html>"""

STATIC_POST = f"""<!doctype html><html><head><meta charset="utf-8"><title>{TITLES[1]}</title></head>
<body><article><h1>{TITLES[1]}</h1><p>작성일 2025-05-02</p>
{"".join(f"<p>{line}</p>" for line in BODY)}</article>
<script>fetch('/press/beacon.json');</script></body></html>"""


KEYS = {"a9f": 1, "k3z": 2}
CLICK_LIST = """<!doctype html><html><head><meta charset="utf-8"><title>보도자료</title></head>
<body><h1>보도자료</h1><table class="board"><thead><tr><th>번호</th><th>제목</th><th>작성일</th></tr></thead><tbody>
<tr><td>2</td><td class="subject"><a href="#none" onclick="openPost(this)" data-key="k3z">한솔군, 어르신 무료 버스 노선 확대</a></td><td>2025-05-02</td></tr>
<tr><td>1</td><td class="subject"><a href="#none" onclick="openPost(this)" data-key="a9f">한솔군, 폐교 세 곳을 청년 창업 공간으로</a></td><td>2025-05-01</td></tr>
</tbody></table><script src="/press/board.js"></script></body></html>"""
BOARD_JS = """function openPost(a) {
  sessionStorage.setItem('post', a.dataset.key);
  location.href = ['', 'press', 'post'].join('/') + '?' + ['key', a.dataset.key].join('=');
}"""


LATE_POST = f"""<!doctype html><html><head><meta charset="utf-8"><title>보도자료</title></head>
<body><div class="view"><h2>{TITLES[0]}</h2><div id="content"></div></div><script>
setTimeout(() => {{
  document.getElementById('content').innerHTML = {json.dumps("".join(f"<p>{line}</p>" for line in BODY), ensure_ascii=False)};
}}, 1500);
</script></body></html>"""


def keyed_post(request: Request) -> Response:
    no = KEYS[request.path.rsplit("=", 1)[1]]
    paragraphs = "".join(f"<p>{line}</p>" for line in BODY)
    page = f"<html><body><article><h1>{TITLES[no - 1]}</h1>{paragraphs}</article></body></html>"
    return Response(body=page.encode())


def post_json(request: Request) -> Response:
    no = int(request.path.rsplit("=", 1)[1])
    post = {
        "title": TITLES[no - 1],
        "date": f"2025-05-0{no}",
        "body": list(BODY),
        "files": [f"press-{no}.hwpx"],
    }
    return Response(body=json.dumps(post).encode(), content_type="application/json")


@pytest.fixture
def board() -> Iterator[LocalServer]:
    yield from serve_board()


def serve_board() -> Iterator[LocalServer]:
    """The local board: a script-built list, script-filled posts, a plain post."""
    with LocalServer() as server:
        rows = [{"no": n, "title": t, "date": f"2025-05-0{n}"} for n, t in enumerate(TITLES, 1)]
        server.page("/press/list.html", LIST_PAGE)
        server.route(
            "/press/list.json",
            Response(body=json.dumps(rows).encode(), content_type="application/json"),
        )
        server.page("/press/view.html", VIEW_PAGE)
        server.route("/press/post.json", post_json)
        server.page("/press/static.html", STATIC_POST)
        server.page("/press/click.html", CLICK_LIST)
        server.page("/press/late.html", LATE_POST)
        server.route(
            "/press/board.js", Response(body=BOARD_JS.encode(), content_type="text/javascript")
        )
        server.route("/press/post", keyed_post)
        server.route("/press/beacon.json", Response(body=b"{}", content_type="application/json"))
        hwpx = (
            Path(__file__).parent / "fixtures" / "attachments" / "hansol_press.hwpx"
        ).read_bytes()
        server.route(
            "/press/download", Response(body=hwpx, content_type="application/octet-stream")
        )
        server.route("/analytics.js", Response(body=b"", content_type="text/javascript"))
        server.route("/logo.png", Response(body=b"\x89PNG", content_type="image/png"))
        yield server


def fetch(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pressclip", "fetch", "--delay", "0", "-f", "jsonl", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def records(run: subprocess.CompletedProcess[str]) -> list[dict[str, object]]:
    return [json.loads(line) for line in run.stdout.splitlines()]


@needs_browser
def test_render_reads_a_list_built_from_json_and_posts_loaded_by_xhr(board):
    run = fetch("--render", board.url("/press/list.html"))
    assert run.returncode == 0, run.stderr
    got = records(run)
    assert [r["title"] for r in got] == TITLES
    for record in got:
        assert "42억 원을 들여" in str(record["body"])
        assert [a["name"] for a in record["attachments"]]  # type: ignore[union-attr]
    assert got[0]["attachments"][0]["url"].endswith("/press/download?file=press-1.hwpx")  # type: ignore[index]


def test_without_render_the_script_built_board_gives_nothing(board):
    run = fetch(board.url("/press/list.html"))
    assert not [r for r in records(run) if r.get("title") in TITLES]
    view = fetch(board.url("/press/view.html?no=1"))
    assert "42억 원을 들여" not in view.stdout


@needs_browser
def test_render_is_polite_and_opens_no_images_or_other_sites(board):
    run = fetch("--render", board.url("/press/view.html?no=1"))
    assert run.returncode == 0, run.stderr
    paths = board.paths()
    assert paths.count("/press/view.html?no=1") == 1  # the document is fetched once
    assert "/press/post.json?no=1" in paths
    assert "/analytics.js" not in paths  # localhost is another site than 127.0.0.1
    assert "/logo.png" not in paths and "/press/download?file=press-1.hwpx" not in paths


@needs_browser
def test_render_obeys_robots_txt_for_the_scripts_requests(board):
    board.route(
        "/robots.txt",
        Response(body=b"User-agent: *\nDisallow: /press/post.json\n", content_type="text/plain"),
    )
    run = fetch("--render", board.url("/press/view.html?no=1"))
    assert not any(p.startswith("/press/post.json") for p in board.paths())
    assert "42억 원을 들여" not in run.stdout


def test_render_without_chromium_is_one_line_saying_what_to_install(board, tmp_path):
    run = fetch(
        "--render",
        board.url("/press/view.html?no=1"),
        env={"PRESSCLIP_CHROMIUM": str(tmp_path / "none")},
    )
    assert run.returncode == 2
    assert run.stdout == ""
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    # what is missing first: Playwright (pressclip[browser]) where it is not installed, else
    # the browser itself
    missing = "chromium" if importlib.util.find_spec("playwright") else "pressclip[browser]"
    assert missing in lines[0].lower() and "install" in lines[0]


@needs_browser
def test_render_auto_renders_only_the_pages_that_need_it(board):
    listed = fetch("--render", "auto", board.url("/press/list.html"))
    assert listed.returncode == 0, listed.stderr
    assert [r["title"] for r in records(listed)] == TITLES
    view = fetch("--render", "auto", board.url("/press/view.html?no=1"))
    assert "42억 원을 들여" in records(view)[0]["body"]  # type: ignore[operator]
    plain = fetch("--render", "auto", board.url("/press/static.html"))
    assert plain.returncode == 0, plain.stderr
    assert "42억 원을 들여" in records(plain)[0]["body"]  # type: ignore[operator]
    assert "/press/beacon.json" not in board.paths()  # its script never ran
    fetch("--render", board.url("/press/static.html"))
    assert "/press/beacon.json" in board.paths()  # plain --render runs every page


@needs_browser
def test_render_records_the_scripts_requests_in_the_warc(board, tmp_path):
    warc = tmp_path / "run.warc.gz"
    run = fetch("--render", "--warc", str(warc), board.url("/press/view.html?no=1"))
    assert run.returncode == 0, run.stderr
    from warcio.archiveiterator import ArchiveIterator

    with warc.open("rb") as stream:
        targets = [
            r.rec_headers.get_header("WARC-Target-URI") or "" for r in ArchiveIterator(stream)
        ]
    assert any(t.endswith("/press/post.json?no=1") for t in targets)


def test_render_without_playwright_is_one_line_naming_the_extra(board):
    code = (
        "import sys; sys.modules['playwright'] = None; sys.modules['playwright.sync_api'] = None\n"
        "from pressclip.__main__ import main; main()"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, "fetch", "--render", board.url("/press/view.html?no=1")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    assert run.stderr.splitlines() == [
        "pressclip: error: --render needs Playwright: pip install 'pressclip[browser]'"
    ]
    assert board.paths() == []  # nothing fetched


def archive(*args: str, cwd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pressclip", "archive", "--delay", "0", "-q", *args],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=cwd,
    )


def exported(db: str) -> list[dict[str, object]]:
    run = subprocess.run(
        [sys.executable, "-m", "pressclip", "export", "--db", db],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return [json.loads(line) for line in run.stdout.splitlines()]


@needs_browser
def test_archive_render_stores_the_script_built_board_once(board, tmp_path):
    db = str(tmp_path / "press.sqlite")
    first = archive("--render", "--db", db, board.url("/press/list.html"), cwd=str(tmp_path))
    assert first.returncode == 0, first.stderr
    got = exported(db)
    assert sorted(r["title"] for r in got) == sorted(TITLES)
    assert all("42억 원을 들여" in str(r["body"]) for r in got)
    assert board.paths().count("/press/download?file=press-1.hwpx") == 1  # by the fetcher
    fetched = board.paths().count("/press/post.json?no=1")
    again = archive("--render", "--db", db, board.url("/press/list.html"), cwd=str(tmp_path))
    assert again.returncode == 0, again.stderr
    assert board.paths().count("/press/post.json?no=1") == fetched  # nothing new: not re-read
    assert len(exported(db)) == 2


@needs_browser
def test_board_config_render_auto(board, tmp_path):
    config = tmp_path / "boards.toml"
    config.write_text(f'[[board]]\nurl = "{board.url("/press/list.html")}"\nrender = "auto"\n')
    db = str(tmp_path / "press.sqlite")
    run = archive("--config", str(config), "--db", db, cwd=str(tmp_path))
    assert run.returncode == 0, run.stderr
    assert sorted(r["title"] for r in exported(db)) == sorted(TITLES)


def test_board_config_render_must_be_true_false_or_auto(tmp_path):
    config = tmp_path / "boards.toml"
    config.write_text('[[board]]\nurl = "http://127.0.0.1:9/press"\nrender = "yes"\n')
    run = archive("--config", str(config), "--db", str(tmp_path / "p.sqlite"), cwd=str(tmp_path))
    assert run.returncode == 2
    assert "'render' must be true, false or \"auto\"" in run.stderr


@needs_browser
def test_render_finds_a_rows_address_by_clicking_it(board):
    static = fetch(board.url("/press/click.html"))
    assert static.returncode == 1 and "no address" in static.stderr  # the static reader cannot
    run = fetch("--render", board.url("/press/click.html"))
    assert run.returncode == 0, run.stderr
    got = records(run)
    assert [r["title"] for r in got] == [TITLES[1], TITLES[0]]
    # the address the click opened, with the session storage it set
    assert got[0]["url"] == board.url("/press/post?key=k3z#sessionStorage:post=k3z")
    assert "42억 원을 들여" in str(got[1]["body"])
    assert (
        board.paths().count("/press/post?key=k3z") == 1
    )  # the click's navigation was not followed


@needs_browser
def test_render_waits_for_the_profiles_body_selector(board, tmp_path):
    profile = tmp_path / "late.toml"
    profile.write_text('engine = "late"\ntitle = [".view h2"]\nbody = ["#content p"]\n')
    run = fetch("--render", "--profile", str(profile), board.url("/press/late.html"))
    assert run.returncode == 0, run.stderr
    assert "42억 원을 들여" in records(run)[0]["body"]  # type: ignore[operator]
