"""A local board whose rows open their posts through script and session storage, for the
`--render` tests: no row has an address of its own; clicking one stores its number
(``sessionStorage.setItem('postNo', 12)``) and goes to ``view.html``, the same address for
every post, whose script reads the number back and loads the post by XHR. The list has
``PER_PAGE`` rows a page, newest first, and a plain pager."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from server import LocalServer, Request, Response

PER_PAGE = 5

#: Rows whose click handler the static reader cannot follow (the address is put together).
HIDDEN_JS = """function goView(no) {
  sessionStorage.setItem('postNo', no);
  location.href = ['view', 'html'].join('.');
}"""
#: Rows whose handler the static reader follows: to ``view.html``, the same for every row.
PLAIN_JS = """function goView(no) {
  sessionStorage.setItem('postNo', no);
  location.href = 'view.html';
}"""

VIEW_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>보도자료 | 한솔군</title>
<script>sessionStorage.setItem('visited', String(Date.now()));</script></head>
<body><div class="view"><h2 id="subject"></h2><p class="info">작성일 <span id="date"></span></p>
<div id="content"></div></div>
<script>
const no = sessionStorage.getItem('postNo');
if (no) {
  const xhr = new XMLHttpRequest();
  xhr.open('GET', 'post.json?no=' + no);
  xhr.onload = () => {
    const post = JSON.parse(xhr.responseText);
    document.getElementById('subject').textContent = post.title;
    document.getElementById('date').textContent = post.date;
    document.getElementById('content').innerHTML = post.body.map(p => `<p>${p}</p>`).join('');
  };
  xhr.send();
}
</script></body></html>"""


def title(no: int) -> str:
    return f"한솔군 보도자료 {no}호, 청년 창업 공간 {no}곳 문 연다"


def body(no: int) -> list[str]:
    return [
        f"한솔군은 {no}번째 청년 창업 공간을 이달 문 연다고 12일 밝혔다.",
        f"군은 모두 {no * 3}억 원을 들여 폐교 교실을 사무실과 공동 작업실로 바꿨다.",
        f"입주 기업은 {no}개월 동안 임대료를 내지 않는다고 군 관계자는 말했다.",
    ]


@dataclass
class StorageBoard:
    """The board's posts (numbers, newest first) and how it answers."""

    count: int
    script: str = HIDDEN_JS
    #: Posts whose body answers only once ``release`` is set; ``slow_hit`` is set on the first
    #: request for one.
    slow: set[int] = field(default_factory=set)
    release: threading.Event = field(default_factory=threading.Event)
    slow_hit: threading.Event = field(default_factory=threading.Event)

    def numbers(self) -> list[int]:
        return list(range(self.count, 0, -1))

    def list_page(self, request: Request) -> Response:
        page = int(parse_qs(urlsplit(request.path).query).get("page", ["1"])[0])
        shown = self.numbers()[(page - 1) * PER_PAGE : page * PER_PAGE]
        rows = "".join(
            f'<tr><td>{no}</td><td class="subject"><a href="javascript:void(0)" '
            f'onclick="goView({no})">{title(no)}</a></td><td>2025-05-{no % 28 + 1:02d}</td></tr>'
            for no in shown
        )
        more = page * PER_PAGE < self.count
        pager = (
            f'<div class="paging"><a href="list.html?page={page + 1}">다음</a></div>'
            if more
            else ""
        )
        html = (
            '<!doctype html><html><head><meta charset="utf-8"><title>보도자료 | 한솔군</title>'
            "<script>sessionStorage.setItem('listSeen', String(Date.now()));</script></head><body><h1>보도자료</h1><table class=\"board\"><thead><tr><th>번호</th>"
            f"<th>제목</th><th>작성일</th></tr></thead><tbody>{rows}</tbody></table>{pager}"
            '<script src="/press/board.js"></script></body></html>'
        )
        return Response(body=html.encode())

    def post(self, request: Request) -> Response:
        no = int(parse_qs(urlsplit(request.path).query)["no"][0])
        if no in self.slow:
            self.slow_hit.set()
            self.release.wait(60)
        post = {"title": title(no), "date": f"2025-05-{no % 28 + 1:02d}", "body": body(no)}
        return Response(body=json.dumps(post).encode(), content_type="application/json")

    def serve(self, server: LocalServer) -> LocalServer:
        server.route("/press/list.html", self.list_page)
        server.route(
            "/press/board.js", Response(body=self.script.encode(), content_type="text/javascript")
        )
        server.page("/press/view.html", VIEW_PAGE)
        server.route("/press/post.json", self.post)
        return server


def post_numbers(paths: list[str]) -> list[int]:
    """The post numbers whose body was requested, in order."""
    return [
        int(parse_qs(urlsplit(p).query)["no"][0]) for p in paths if p.startswith("/press/post.json")
    ]
