"""Markdown: a level-2 heading a post, its metadata as a list, the body, the attachments."""

from __future__ import annotations

import re
from typing import Any

from ..model import Article
from .base import RecordWriter, printable

#: Inline marks, and the brackets of link and image syntax (without them neither is one): a
#: page's ``[x](javascript:…)`` or ``![](https://tracker/…)`` stays text, never a link or a
#: remote image.
_SPECIAL = re.compile(r"([\\`*_<>\[\]])")
_LEADING = re.compile(r"^(\s*)(?:([#>+=])|(\d+)([.)])(?=\s))", re.M)


def escape(text: str) -> str:
    """``text`` with Markdown's inline marks and line-leading block marks escaped, so a
    press release reads as written (a leading ``1.`` or ``#`` stays text)."""
    text = _SPECIAL.sub(r"\\\1", printable(text))
    return _LEADING.sub(_escape_leading, text)


def _escape_leading(m: re.Match[str]) -> str:
    """``# x`` → ``\\# x``; ``1. x`` → ``1\\. x`` (what would start a heading or a list)."""
    space, mark, digits, dot = m.groups()
    return f"{space}\\{mark}" if mark else f"{space}{digits}\\{dot}"


def is_web(url: str) -> bool:
    """Whether ``url`` is http(s): the only links Markdown output makes."""
    return url.lower().startswith(("http://", "https://"))


def _autolink(url: str) -> str:
    """``url`` safe inside ``<…>``: no angle brackets, spaces or controls to end it early."""
    return re.sub(r"[<>\s]", lambda m: f"%{ord(m.group()):02X}", printable(url))


def render_markdown(article: Article, data: dict[str, Any] | None = None) -> str:
    """One post as Markdown."""
    data = data or article.to_dict()
    lines = [f"## {escape(article.title or '(untitled)')}", ""]
    for label in ("author", "published", "views", "board", "source"):
        value = data.get(label)
        if value is not None:
            lines.append(f"- {label}: {escape(str(value))}")
    if article.url and is_web(article.url):
        lines.append(f"- url: <{_autolink(article.url)}>")
    lines += ["", *(p for para in article.paragraphs for p in (escape(para), ""))]
    if article.attachments:
        lines += ["Attachments:", ""]
        for a in article.attachments:
            name = escape(a.name)
            web = a.url and is_web(a.url)
            lines.append(f"- [{name}](<{_autolink(a.url or '')}>)" if web else f"- {name}")
        lines.append("")
    return "\n".join(lines)


class Markdown(RecordWriter):
    def render(self, article: Article, data: dict[str, Any]) -> str:
        return ("\n" if self.count else "") + render_markdown(article, data)
