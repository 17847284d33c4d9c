"""An example press-release board to try pressclip on: ``python -m pressclip.example``.

It serves a handful of invented press releases of an invented county (한솔군) on 127.0.0.1
only, in the shape many Korean public-sector boards have: a list page of rows (번호, 제목,
작성자, 작성일, 조회) with a pinned notice and a pager, post pages with a 제목/작성자/작성일/조회
header table, a body and attachment links, and the attachments themselves (HWPX releases
made here in code). A second board (공지사항, ``/notice/list.do``) lists a post that is gone
and a file that is an error page, as real boards do, to show how ``archive`` reports them.
Everything it serves is fixed, byte for byte, so the documentation's examples print the
same on every run.

    $ python -m pressclip.example --port 8765
    pressclip example board: http://127.0.0.1:8765/board/list.do (Ctrl-C stops it)
"""

from __future__ import annotations

import argparse
import io
import sys
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import NoReturn
from urllib.parse import parse_qs, quote, urlsplit

#: Loopback only: the example board is never reachable from another machine.
HOST = "127.0.0.1"
PROG = "pressclip.example"
DEFAULT_PORT = 8765
LIST = "list.do"
VIEW = "view.do"
DOWNLOAD = "download.do"
ROWS_PER_PAGE = 5
DAY = len("2025-05-14")  # the list column shows the day of a post's time
#: Fixed answers: no Date header, no Python version, so recorded exchanges are stable.
SERVER_NAME = "pressclip-example"
FIXED_DATE = "Mon, 02 Jun 2025 00:00:00 GMT"
ROBOTS = b"User-agent: *\nDisallow: /admin/\n"
#: Every zip member's time stamp (zip files hold local times; any fixed one will do).
ZIP_TIME = (2025, 6, 2, 9, 0, 0)
HWPX_MIMETYPE = b"application/hwp+zip"
HP = "http://www.hancom.co.kr/hwpml/2011/paragraph"
HS = "http://www.hancom.co.kr/hwpml/2011/section"


@dataclass(frozen=True)
class Release:
    """An attachment: an HWPX press release with the usual header and contact tables."""

    name: str
    embargo: str
    distributed: str
    headline: str
    lines: tuple[str, ...]
    department: tuple[str, str]
    contact: tuple[str, str, str]  # title, name, phone


@dataclass(frozen=True)
class LostFile:
    """An attachment link whose download answers with a page (an expired link), 200 OK."""

    name: str


Attachment = Release | LostFile


@dataclass(frozen=True)
class Post:
    """One post of the board."""

    number: int
    title: str
    author: str
    date: str  # as the post page prints it; the list shows the day only
    views: int
    paragraphs: tuple[str, ...]
    files: tuple[Attachment, ...] = field(default=())
    notice: bool = False
    gone: bool = False  # listed, but its page answers 404 (deleted after the list was made)


@dataclass(frozen=True)
class Board:
    """A board: its folder in the site, its name, a pinned notice and its posts, newest first."""

    folder: str
    name: str
    notice: Post | None
    posts: tuple[Post, ...]

    @property
    def list_path(self) -> str:
        return f"{self.folder}/{LIST}"

    def pages(self) -> int:
        return -(-len(self.posts) // ROWS_PER_PAGE)


YOUTH = Release(
    name="보도자료_청년창업공간.hwpx",
    embargo="2025. 5. 14.(수) 11:00",
    distributed="2025. 5. 13.(화) 14:00",
    headline="한솔군, 폐교 세 곳을 청년 창업 공간으로 바꾼다",
    lines=(
        "□ 한솔군은 문을 닫은 학교 세 곳을 2027년까지 청년 창업 공간으로 고쳐 쓴다고 13일 밝혔다.",
        "○ 교실은 창업 사무실로, 강당은 시제품 제작실로 바뀐다. 입주 기업은 2년 동안 "
        "임대료 없이 공간을 쓸 수 있다.",
        "□ 군은 6월 한 달 동안 입주 기업 15곳을 모집한다.",
    ),
    department=("경제일자리국", "청년정책과"),
    contact=("주무관", "이도현", "033-123-4512"),
)
BUS = Release(
    name="보도자료_어르신버스.hwpx",
    embargo="2025. 5. 9.(금) 09:00",
    distributed="2025. 5. 8.(목) 15:00",
    headline="한솔군, 6월부터 75세 이상 어르신 버스 요금 무료",
    lines=(
        "□ 한솔군은 6월 1일부터 75세 이상 군민이 군내버스를 무료로 탈 수 있다고 8일 밝혔다.",
        "○ 교통카드는 읍·면 행정복지센터에서 신분증을 내고 받는다. 올해 예산은 9억 원이다.",
    ),
    department=("안전교통국", "교통행정과"),
    contact=("주무관", "최민재", "033-123-4621"),
)
BUDGET_FORM = Release(
    name="주민참여예산_제안서.hwpx",
    embargo="2025. 4. 28.(월) 10:00",
    distributed="2025. 4. 25.(금) 16:00",
    headline="2026년 주민참여예산 사업 제안 공모",
    lines=(
        "□ 한솔군은 2026년 예산에 담을 주민 제안 사업을 5월 30일까지 공모한다.",
        "○ 제안서는 이 양식에 적어 군 누리집이나 읍·면 행정복지센터에 내면 된다.",
    ),
    department=("기획감사실", "예산팀"),
    contact=("주무관", "한지우", "033-123-4155"),
)

PRESS_NOTICE = Post(
    number=1000,
    title="보도자료 게시판 이용 안내",
    author="홍보담당관",
    date="2025-01-02 09:00",
    views=4120,
    paragraphs=(
        "이 게시판에는 한솔군이 배포한 보도자료를 올립니다.",
        "보도자료의 저작권은 한솔군에 있으며, 출처를 밝히면 자유롭게 쓸 수 있습니다.",
    ),
    notice=True,
)
PRESS_POSTS = (
    Post(
        number=1008,
        title="한솔군, 폐교 세 곳을 청년 창업 공간으로",
        author="청년정책과",
        date="2025-05-14 11:00",
        views=2318,
        paragraphs=(
            "한솔군은 문을 닫은 학교 세 곳을 2027년까지 청년 창업 공간으로 고쳐 쓴다고 "
            "14일 밝혔다.",
            "교실은 창업 사무실로, 강당은 시제품 제작실로 바뀐다. 입주 기업은 2년 동안 "
            "임대료 없이 공간을 쓸 수 있다.",
            "군은 6월 한 달 동안 입주 기업 15곳을 모집한다. 자세한 내용은 첨부한 보도자료를 "
            "참고하기 바란다.",
        ),
        files=(YOUTH,),
    ),
    Post(
        number=1007,
        title="한솔천 벚꽃길, 밤 10시까지 불 밝힌다",
        author="관광과",
        date="2025-05-12 16:30",
        views=1570,
        paragraphs=(
            "한솔천 벚꽃길 2.4km 구간에 경관 조명이 들어선다. 조명은 매일 밤 10시까지 켠다.",
            "군은 산책로 바닥을 고르게 다지고 쉼터 여섯 곳에 의자를 새로 놓았다.",
        ),
    ),
    Post(
        number=1006,
        title="6월부터 75세 이상 어르신 버스 요금 무료",
        author="교통행정과",
        date="2025-05-09 09:00",
        views=3044,
        paragraphs=(
            "한솔군은 6월 1일부터 75세 이상 군민이 군내버스를 무료로 탈 수 있다고 9일 밝혔다.",
            "교통카드는 읍·면 행정복지센터에서 신분증을 내고 받는다.",
        ),
        files=(BUS,),
    ),
    Post(
        number=1005,
        title="폭염 대비 무더위 쉼터 120곳 운영",
        author="안전총괄과",
        date="2025-05-07 14:20",
        views=986,
        paragraphs=(
            "한솔군은 5월 20일부터 9월 30일까지 경로당과 행정복지센터 120곳을 무더위 쉼터로 "
            "운영한다.",
            "쉼터는 평일 오전 9시부터 오후 6시까지 열고, 폭염 경보가 내리면 밤 9시까지 연다.",
            # Pasted twice, as boards often show a paragraph: dedup keeps one.
            "쉼터는 평일 오전 9시부터 오후 6시까지 열고, 폭염 경보가 내리면 밤 9시까지 연다.",
            "쉼터 위치는 군 누리집의 지도에서 찾을 수 있다.",
        ),
    ),
    Post(
        number=1004,
        title="한솔 전통시장 공영주차장 80면으로 넓혀",
        author="경제정책과",
        date="2025-05-02 10:00",
        views=1207,
        paragraphs=(
            "한솔 전통시장 공영주차장이 40면에서 80면으로 넓어져 5월 2일 문을 열었다.",
            "장날인 2일과 7일에는 주차장을 두 시간까지 무료로 쓸 수 있다.",
        ),
    ),
    Post(
        number=1003,
        title="2026년 주민참여예산 사업 제안 공모",
        author="예산팀",
        date="2025-04-28 10:00",
        views=842,
        paragraphs=(
            "한솔군은 2026년 예산에 담을 주민 제안 사업을 5월 30일까지 공모한다.",
            "한솔군에 살거나 일하는 사람이면 누구나 낼 수 있다. 제안서 양식은 첨부파일로 "
            "받을 수 있다.",
        ),
        files=(BUDGET_FORM,),
    ),
    Post(
        number=1002,
        title="군립도서관 열람실, 시험 기간 밤 11시까지",
        author="평생교육과",
        date="2025-04-21 17:45",
        views=655,
        paragraphs=(
            "한솔군립도서관은 6월 9일부터 2주 동안 열람실을 밤 11시까지 연다.",
            "이 기간에는 열람실 좌석 예약제를 쉬고 온 차례대로 자리를 내준다.",
        ),
    ),
    Post(
        number=1001,
        title="한솔군, 귀농·귀촌 박람회에서 상담 부스 운영",
        author="농업정책과",
        date="2025-04-15 13:10",
        views=713,
        paragraphs=(
            "한솔군은 4월 18일부터 사흘 동안 열리는 귀농·귀촌 박람회에서 상담 부스를 운영한다.",
            "부스에서는 빈집 정보와 영농 교육 일정을 안내한다.",
        ),
    ),
)

NOTICE_POSTS = (
    Post(
        number=2003,
        title="읍·면 순회 민원실 6월 일정",
        author="민원과",
        date="2025-05-20 10:00",
        views=311,
        paragraphs=("6월 순회 민원실 일정을 알려 드립니다. 자세한 일정은 붙임 파일을 보십시오.",),
        files=(LostFile("붙임_일정표.hwp"),),
    ),
    Post(
        number=2002,
        title="주민 설명회 장소 변경 안내",
        author="도시계획과",
        date="2025-05-16 15:00",
        views=204,
        paragraphs=("설명회 장소가 바뀌었습니다.",),
        gone=True,
    ),
    Post(
        number=2001,
        title="누리집 서비스 점검 안내",
        author="정보통신과",
        date="2025-05-13 18:00",
        views=527,
        paragraphs=(
            "5월 17일(토) 0시부터 6시까지 누리집 점검으로 일부 서비스를 쓸 수 없습니다.",
            "이용에 불편을 드려 죄송합니다.",
        ),
    ),
)

#: The press releases, and a notice board with a post that is gone and a file that is an
#: error page (to show how archive reports, retries and gives up).
PRESS = Board(folder="/board", name="보도자료", notice=PRESS_NOTICE, posts=PRESS_POSTS)
NOTICES = Board(folder="/notice", name="공지사항", notice=None, posts=NOTICE_POSTS)
BOARDS = (PRESS, NOTICES)

PAGE = """<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>{title} | 한솔군청</title></head>
<body>
<header id="header"><a href="/" class="logo">한솔군청</a>
<nav id="gnb"><ul><li><a href="/intro.do">군정소개</a></li>
<li><a href="/board/list.do">보도자료</a></li><li><a href="/notice/list.do">공지사항</a></li>
</ul></nav></header>
<div id="container"><h2 class="page-title">{board}</h2>
{content}
</div>
<footer id="footer"><p>(00000) 강원특별자치도 한솔군 한솔읍 군청로 1 · 대표전화 033-123-4000</p>
<p>Copyright © 한솔군. 이 게시판은 pressclip의 예제입니다.</p></footer>
</body></html>
"""

LIST_TABLE = """<table class="board-list"><caption>보도자료 목록</caption>
<thead><tr><th scope="col">번호</th><th scope="col">제목</th><th scope="col">작성자</th>
<th scope="col">작성일</th><th scope="col">조회</th></tr></thead>
<tbody>
{rows}
</tbody></table>
<div class="paging">{pager}</div>"""

ROW = """<tr{css}><td class="num">{number}</td>
<td class="subject"><a href="{href}">{title}</a>{clip}</td>
<td class="writer">{author}</td><td class="date">{date}</td><td class="hit">{views}</td></tr>"""

VIEW_TABLE = """<div class="board-view">
<table class="view-head"><caption>보도자료 상세</caption><tbody>
<tr><th scope="row">제목</th><td colspan="5" class="subject">{title}</td></tr>
<tr><th scope="row">작성자</th><td>{author}</td><th scope="row">작성일</th><td>{date}</td>
<th scope="row">조회</th><td>{views}</td></tr>
</tbody></table>
<div class="view-content">
{body}
</div>
{files}
<div class="view-nav"><a href="{list}" class="btn">목록</a></div>
</div>"""

FILES = """<div class="view-file"><strong>첨부파일</strong><ul>
{items}
</ul></div>"""


def list_url(board: Board, page: int) -> str:
    return board.list_path if page == 1 else f"{board.list_path}?page={page}"


def view_url(board: Board, post: Post) -> str:
    return f"{board.folder}/{VIEW}?id={post.number}"


def download_url(board: Board, post: Post, index: int) -> str:
    return f"{board.folder}/{DOWNLOAD}?id={post.number}&amp;file={index + 1}"


def pager(board: Board, page: int) -> str:
    """Page numbers, the current one not a link, and 다음 (next) while there is a next page."""
    parts = [
        f"<strong>{n}</strong>" if n == page else f'<a href="{list_url(board, n)}">{n}</a>'
        for n in range(1, board.pages() + 1)
    ]
    if page < board.pages():
        parts.append(f'<a href="{list_url(board, page + 1)}" class="next">다음</a>')
    return " ".join(parts)


def row(board: Board, post: Post) -> str:
    return ROW.format(
        css=' class="notice"' if post.notice else "",
        number="공지" if post.notice else post.number,
        href=view_url(board, post),
        title=escape(post.title),
        clip=' <span class="clip">첨부</span>' if post.files else "",
        author=escape(post.author),
        date=post.date[:DAY],
        views=f"{post.views:,}",
    )


def list_page(board: Board, page: int) -> str:
    """The notice (if any) on every page, then this page's posts, newest first."""
    shown = board.posts[(page - 1) * ROWS_PER_PAGE : page * ROWS_PER_PAGE]
    pinned = (board.notice,) if board.notice else ()
    rows = "\n".join(row(board, post) for post in (*pinned, *shown))
    table = LIST_TABLE.format(rows=rows, pager=pager(board, page))
    return PAGE.format(title=board.name, board=board.name, content=table)


def file_items(board: Board, post: Post) -> str:
    items = (
        f'<li><a href="{download_url(board, post, i)}" class="file">{escape(release.name)}</a></li>'
        for i, release in enumerate(post.files)
    )
    return FILES.format(items="\n".join(items)) if post.files else ""


def view_page(board: Board, post: Post) -> str:
    body = "\n".join(f"<p>{escape(text)}</p>" for text in post.paragraphs)
    view = VIEW_TABLE.format(
        title=escape(post.title),
        author=escape(post.author),
        date=post.date,
        views=f"{post.views:,}",
        body=body,
        files=file_items(board, post),
        list=board.list_path,
    )
    return PAGE.format(title=escape(post.title), board=board.name, content=view)


def hwpx_paragraph(text: str) -> str:
    return f"<hp:p><hp:run><hp:t>{escape(text)}</hp:t></hp:run></hp:p>"


def hwpx_table(rows: Sequence[Sequence[str]]) -> str:
    cells = "".join(
        "<hp:tr>"
        + "".join(f"<hp:tc><hp:subList>{hwpx_paragraph(c)}</hp:subList></hp:tc>" for c in cells)
        + "</hp:tr>"
        for cells in rows
    )
    return f'<hp:p><hp:run><hp:tbl rowCnt="{len(rows)}">{cells}</hp:tbl></hp:run></hp:p>'


def release_section(release: Release) -> bytes:
    """The section part: banner, header table, headline, body, contact table."""
    title, name, phone = release.contact
    body = (
        hwpx_paragraph("보도자료")
        + hwpx_table([["보도시점", release.embargo, "배포", release.distributed]])
        + hwpx_paragraph(release.headline)
        + "".join(hwpx_paragraph(line) for line in release.lines)
        + hwpx_table([["담당 부서", *release.department, "담당자", title, name, f"({phone})"]])
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<hs:sec xmlns:hs="{HS}" xmlns:hp="{HP}">{body}</hs:sec>'
    ).encode()


def hwpx_file(release: Release) -> bytes:
    """A minimal HWPX package (mimetype first and stored, one section), fixed time stamps."""
    members = (
        ("mimetype", HWPX_MIMETYPE, zipfile.ZIP_STORED),
        ("Contents/section0.xml", release_section(release), zipfile.ZIP_DEFLATED),
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, data, method in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = method
            package.writestr(info, data)
    return buffer.getvalue()


def find_post(board: Board, query: dict[str, list[str]]) -> Post | None:
    wanted = query.get("id", [""])[0]
    pinned = (board.notice,) if board.notice else ()
    return next((p for p in (*pinned, *board.posts) if str(p.number) == wanted), None)


def find_file(board: Board, query: dict[str, list[str]]) -> Attachment | None:
    post = find_post(board, query)
    index = query.get("file", [""])[0]
    if post is None or not index.isdigit() or not 1 <= int(index) <= len(post.files):
        return None
    return post.files[int(index) - 1]


class Answer:
    """What to send: status, content type, body and extra headers."""

    def __init__(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.status = status
        self.body = body
        self.content_type = content_type
        self.headers = headers or {}


def html(text: str) -> Answer:
    return Answer(200, text.encode("utf-8"), "text/html; charset=utf-8")


NOT_FOUND = Answer(404, "<h1>404 없는 페이지입니다</h1>".encode(), "text/html; charset=utf-8")
#: What a board serves for a file it lost: a page, with 200, as such boards do.
EXPIRED = (
    "<html><body><script>alert('파일을 찾을 수 없습니다.');history.back();</script></body></html>"
)


def download(release: Attachment) -> Answer:
    if isinstance(release, LostFile):
        return html(EXPIRED)
    disposition = f"attachment; filename*=UTF-8''{quote(release.name)}"
    return Answer(
        200, hwpx_file(release), "application/octet-stream", {"Content-Disposition": disposition}
    )


def board_answer(board: Board, page: str, query: dict[str, list[str]]) -> Answer:
    """A page of one board: its list (``page=N``), a post, or a file."""
    if page == LIST:
        number = query.get("page", ["1"])[0]
        ok = number.isdigit() and 1 <= int(number) <= board.pages()
        return html(list_page(board, int(number))) if ok else NOT_FOUND
    if page == VIEW:
        post = find_post(board, query)
        return html(view_page(board, post)) if post and not post.gone else NOT_FOUND
    if page == DOWNLOAD:
        release = find_file(board, query)
        return download(release) if release else NOT_FOUND
    return NOT_FOUND


def answer(target: str) -> Answer:
    """The answer to a GET of ``target`` (path and query)."""
    parts = urlsplit(target)
    if parts.path == "/robots.txt":
        return Answer(200, ROBOTS, "text/plain; charset=utf-8")
    if parts.path == "/":
        return html(list_page(PRESS, 1))
    folder, _, page = parts.path.rpartition("/")
    board = next((b for b in BOARDS if b.folder == folder), None)
    return board_answer(board, page, parse_qs(parts.query)) if board else NOT_FOUND


class Handler(BaseHTTPRequestHandler):
    """GET and HEAD of the board's pages; nothing is logged."""

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        self.send(answer(self.path), with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self.send(answer(self.path), with_body=False)

    def send(self, reply: Answer, *, with_body: bool) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if with_body:
            self.wfile.write(reply.body)

    def version_string(self) -> str:
        return SERVER_NAME

    def date_time_string(self, timestamp: float | None = None) -> str:
        return FIXED_DATE

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return


def make_server(port: int = DEFAULT_PORT) -> ThreadingHTTPServer:
    """The board's server, bound to 127.0.0.1:``port`` (0: a free port), not yet serving."""
    server = ThreadingHTTPServer((HOST, port), Handler)
    server.daemon_threads = True
    return server


def board_url(server: ThreadingHTTPServer, board: Board = PRESS) -> str:
    return f"http://{HOST}:{server.server_address[1]}{board.list_path}"


class Parser(argparse.ArgumentParser):
    """argparse, with a usage error as one line (no usage block) and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{PROG}: error: {message} (see --help)\n")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = Parser(
        prog="python -m pressclip.example",
        description="Serve pressclip's example press-release board on 127.0.0.1.",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=f"port on 127.0.0.1 (default {DEFAULT_PORT}; 0 picks a free one)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not 0 <= args.port <= 65535:
        print(
            f"pressclip.example: error: --port {args.port}: not a port (0-65535)", file=sys.stderr
        )
        return 2
    try:
        server = make_server(args.port)
    except OSError as exc:
        print(f"{PROG}: error: {HOST}:{args.port}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"pressclip example board: {board_url(server)} (Ctrl-C stops it)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
