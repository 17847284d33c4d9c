"""JavaScript source read without running it: comments, strings and brackets, and a
function body parsed into statements (``if``/``else`` and ``switch`` kept as structure).

Code that is not well formed (brackets that do not pair, cut short, nested deeper than
:data:`MAX_NESTING`) raises :class:`Malformed` before it is parsed, so reading stays linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

NAME = r"[A-Za-z_$][\w$]*"
#: Deepest bracket nesting read: navigation code nests a few levels; deeper code (20,000
#: parentheses in one onclick) is refused before it is parsed, so reading stays linear.
MAX_NESTING = 64


class Unknown(Exception):
    """A value the page computes in a way we do not read."""


class Malformed(Unknown):
    """Code that is not well formed (a stray or missing bracket, cut short, nested too
    deep): a browser would not run it either, so it opens nothing we can read."""


def brace_map(code: str) -> dict[int, int]:
    """Each ``{`` position → the position of its ``}``, in one pass (strings skipped)."""
    out: dict[int, int] = {}
    stack: list[int] = []
    for m in _BRACE_OR_STRING.finditer(code):
        c = m.group(0)
        if c == "{":
            stack.append(m.start())
        elif c == "}" and stack:
            out[stack.pop()] = m.start()
    return out


_STRINGS = r"'(?:[^'\\\n]|\\.)*'?|\"(?:[^\"\\\n]|\\.)*\"?|`(?:[^`\\]|\\.)*`?"
_COMMENT_OR_STRING = re.compile(rf"({_STRINGS})|/\*.*?(?:\*/|$)|(?<!:)//[^\n]*|<!--|-->", re.DOTALL)
_BRACE_OR_STRING = re.compile(rf"{_STRINGS}|[{{}}]", re.DOTALL)


def strip_comments(code: str) -> str:
    """``code`` without ``//`` and ``/* */`` comments (strings and ``://`` kept)."""
    return _COMMENT_OR_STRING.sub(lambda m: m.group(1) or " ", code)


def _string_end(code: str, i: int) -> int:
    """The index after the string literal starting at ``i``."""
    quote, j, n = code[i], i + 1, len(code)
    while j < n:
        if code[j] == "\\":
            j += 2
            continue
        if code[j] == quote or (code[j] == "\n" and quote != "`"):
            return j + 1
        j += 1
    return n


def matching(code: str, i: int, limit: int | None = None) -> int:
    """The index of the bracket closing the one at ``i`` (or the end of ``code``; at most
    ``limit`` characters are scanned)."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    stack: list[str] = []
    n = len(code) if limit is None else min(len(code), i + limit)
    while i < n:
        c = code[i]
        if c in "'\"`":
            i = _string_end(code, i)
            continue
        if c in pairs:
            stack.append(pairs[c])
        elif stack and c == stack[-1]:
            stack.pop()
            if not stack:
                return i
        i += 1
    return n


def split_top(code: str, sep: str) -> list[str]:
    """``code`` split on ``sep`` outside strings and brackets."""
    parts: list[str] = []
    depth, start, i, n = 0, 0, 0, len(code)
    while i < n:
        c = code[i]
        if c in "'\"`":
            i = _string_end(code, i)
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif depth == 0 and code.startswith(sep, i):
            parts.append(code[start:i])
            i += len(sep)
            start = i
            continue
        i += 1
    parts.append(code[start:])
    return parts


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "/": "/", "\\": "\\", "'": "'", '"': '"'}


def literal(text: str) -> str:
    """The value of a quoted JavaScript string literal (no template substitutions)."""
    if len(text) < 2 or text[0] not in "'\"`" or text[-1] != text[0]:
        raise Unknown(text)
    body = text[1:-1]
    if text[0] == "`" and "${" in body:
        raise Unknown(text)

    def esc(m: re.Match[str]) -> str:
        s = m.group(1)
        if s[0] == "u":
            return chr(int(s[1:], 16))
        return _ESCAPES.get(s, s)

    return re.sub(r"\\(u[0-9a-fA-F]{4}|.)", esc, body)


@dataclass
class Stmt:
    text: str = ""
    cond: str | None = None  # an if: cond, then, otherwise
    then: list[Stmt] = field(default_factory=list)
    otherwise: list[Stmt] = field(default_factory=list)
    cases: list[tuple[str | None, list[Stmt]]] | None = None  # a switch on ``cond``


_KEYWORD = re.compile(r"(if|else|switch|try|catch|finally|for|while|do)\b")


def parse_block(code: str) -> list[Stmt]:
    """The statements of a function body (if/else and switch kept as structure).

    Raises :class:`Malformed` for code whose brackets do not pair up or nest deeper than
    :data:`MAX_NESTING`, checked in one pass before parsing."""
    check_brackets(code)
    stmts, _ = _statements(code, 0, len(code))
    return stmts


_CLOSER = {"(": ")", "[": "]", "{": "}"}


def check_brackets(code: str) -> None:
    """Raise :class:`Malformed` unless every bracket of ``code`` outside strings closes in
    order and none nests deeper than :data:`MAX_NESTING` (one linear pass)."""
    stack: list[str] = []
    i, n = 0, len(code)
    while i < n:
        c = code[i]
        if c in "'\"`":
            i = _string_end(code, i)
            continue
        if c in _CLOSER:
            stack.append(_CLOSER[c])
            if len(stack) > MAX_NESTING:
                raise Malformed("nested too deep")
        elif c in ")]}":
            if not stack or stack.pop() != c:
                raise Malformed(f"a stray {c!r}")
        i += 1
    if stack:
        raise Malformed("cut short: a bracket never closes")


def _skip_space(code: str, i: int, end: int) -> int:
    while i < end and code[i] in " \t\r\n;":
        i += 1
    return i


def _statements(code: str, i: int, end: int) -> tuple[list[Stmt], int]:
    out: list[Stmt] = []
    while True:
        i = _skip_space(code, i, end)
        if i >= end:
            return out, i
        stmt, j = _statement(code, i, end)
        if j <= i:  # every step advances: code the scanner cannot pass is malformed
            raise Malformed(code[i : i + 20])
        i = j
        if stmt is not None:
            out.append(stmt)


def _body(code: str, i: int, end: int) -> tuple[list[Stmt], int]:
    """A block ``{ … }`` or a single statement."""
    i = _skip_space(code, i, end)
    if i < end and code[i] == "{":
        close = min(matching(code, i), end)
        stmts, _ = _statements(code, i + 1, close)
        return stmts, close + 1
    stmt, i = _statement(code, i, end)
    return ([stmt] if stmt is not None else []), i


def _statement(code: str, i: int, end: int) -> tuple[Stmt | None, int]:
    if i >= end:
        return None, end
    m = _KEYWORD.match(code, i)
    if code[i] == "{":
        stmts, j = _body(code, i, end)
        return Stmt(cond="true", then=stmts), j
    if m:
        word = m.group(1)
        j = _skip_space(code, m.end(), end)
        cond = ""
        if j < end and code[j] == "(":
            close = matching(code, j)
            cond, j = code[j + 1 : close], close + 1
        if word == "if":
            then, j = _body(code, j, end)
            k = _skip_space(code, j, end)
            otherwise: list[Stmt] = []
            if code.startswith("else", k) and not code[k + 4 : k + 5].isalnum():
                otherwise, j = _body(code, k + 4, end)
            return Stmt(cond=cond, then=then, otherwise=otherwise), j
        if word == "switch":
            j = _skip_space(code, j, end)
            close = matching(code, j) if j < end and code[j] == "{" else j
            return Stmt(cond=cond, cases=_cases(code[j + 1 : close])), close + 1
        if word in ("try", "finally", "do", "else"):
            stmts, j = _body(code, j, end)
            return Stmt(cond="true", then=stmts), j
        # catch, for, while: their bodies are not the navigation path
        _, j = _body(code, j, end)
        return None, j
    j = _statement_end(code, i, end)
    return Stmt(text=code[i:j].strip()), j


def _statement_end(code: str, i: int, end: int) -> int:
    depth = 0
    while i < end:
        c = code[i]
        if c in "'\"`":
            i = _string_end(code, i)
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                return i
            depth -= 1
        elif depth == 0 and c == ";":
            return i
        elif depth == 0 and c == "\n":
            if _last_char(code, i) not in "+-=(,&|?:." and _next_char(code, i, end) not in (
                "+-.?:&|"
            ):
                return i
        i += 1
    return i


def _last_char(code: str, i: int) -> str:
    """The last non-space character before ``i`` ('' at the start)."""
    j = i - 1
    while j >= 0 and code[j] in " \t\r\n":
        j -= 1
    return code[j] if j >= 0 else ""


def _next_char(code: str, i: int, end: int) -> str:
    """The first non-space character from ``i`` ('' at ``end``)."""
    while i < end and code[i] in " \t\r\n":
        i += 1
    return code[i] if i < end else ""


def _cases(code: str) -> list[tuple[str | None, list[Stmt]]]:
    out: list[tuple[str | None, list[Stmt]]] = []
    for m in re.finditer(r"(?:case\s+((?:'[^']*'|\"[^\"]*\"|[\w$.]+))|default)\s*:", code):
        out.append((m.group(1), []))
        start = m.end()
        nxt = re.compile(r"(?:case\s+(?:'[^']*'|\"[^\"]*\"|[\w$.]+)|default)\s*:").search(
            code, start
        )
        stop = nxt.start() if nxt else len(code)
        stmts = parse_block(code[start:stop])
        cut = next((k for k, s in enumerate(stmts) if s.text == "break"), len(stmts))
        out[-1] = (m.group(1), stmts[:cut] if cut < len(stmts) else stmts + [Stmt("#fall")])
    return out
