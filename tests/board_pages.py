"""A small gnuboard5-style board for CLI tests: a list page of N posts and their view pages,
served by :class:`server.LocalServer` (each view page may be slow, to interrupt a run)."""

from __future__ import annotations

from html import escape

from server import LocalServer, Response

LIST = """<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>보도자료</title>
<script>var g5_bo_table = "press";</script></head><body><div id="bo_list">
<div class="tbl_head01 tbl_wrap"><table><tbody>
{rows}
</tbody></table></div></div></body></html>"""

ROW = """<tr><td class="td_num2">{n}</td><td class="td_subject"><div class="bo_tit">
<a href="{href}">{title}</a></div></td><td class="td_name">홍보담당</td>
<td class="td_datetime">24-04-{day:02d}</td></tr>"""

VIEW = """<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>{title}</title>
<script>var g5_bo_table = "press";</script></head><body>
<article id="bo_v"><header><h2 id="bo_v_title"><span class="bo_v_tit">{title}</span></h2></header>
<section id="bo_v_info"><strong><span class="sv_member">홍보담당</span></strong>
<strong class="if_date">24-04-{day:02d} 09:40</strong></section>
<section id="bo_v_atc"><div id="bo_v_con"><p>{body}</p><p>문의: 홍보담당관실 {n}번.</p></div></section>
<section id="bo_v_file"><ul><li><a href="/bbs/download.php?wr_id={n}" class="view_file_download">
<strong>보도자료_{n}.hwp</strong></a></li></ul></section>
</article></body></html>"""


def title(n: int) -> str:
    return f"한솔군 보도자료 {n}호: 주민 참여 사업 안내"


def body(n: int) -> str:
    return f"한솔군은 {n}번째 주민 참여 사업을 오늘 발표했다. 군은 예산 {n}억 원을 들여 추진한다."


def serve_board(server: LocalServer, count: int, delay: float = 0.0) -> str:
    """Route a list page of ``count`` posts (newest first) and their views; its URL."""
    rows = []
    for n in range(count, 0, -1):
        href = server.url(f"/bbs/board.php?bo_table=press&wr_id={n}")
        rows.append(ROW.format(n=n, href=escape(href), title=escape(title(n)), day=n % 28 + 1))
        page = VIEW.format(n=n, title=escape(title(n)), body=body(n), day=n % 28 + 1)
        server.route(
            f"/bbs/board.php?bo_table=press&wr_id={n}",
            Response(body=page.encode(), delay=delay),
        )
    server.route("/robots.txt", Response(status=404, body=b"", content_type="text/plain"))
    return server.route(
        "/bbs/board.php?bo_table=press", Response(body=LIST.format(rows="\n".join(rows)).encode())
    )
