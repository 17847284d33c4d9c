"""Where a JavaScript link goes: ``onclick="fn_detail('9948','1')"`` → a GET address.

Boards open posts and pages through small functions defined on the page itself::

    function fn_detail(id, page) {
        document.frm.nttId.value = id;
        document.frm.action = "/bbs/view.do";
        document.frm.submit();
    }

This module reads the page's inline ``<script>`` definitions (then those of its external
script files, when their text is given) and ``<form>`` elements and follows such a call:
string concatenation, variables, ``location.href = …``, ``window.open(…)``, form fields set
by name, id or jQuery, ``form.action = …`` and ``submit()``, the clicked element's own form
(``this.form``, ``$(obj).closest('form')``), calls to other functions, ``if``/``switch``
on the arguments and ``typeof``, object arguments and their properties, jQuery click
handlers (``$(sel).on('click', …)``) with the clicked element's attributes
(``$(this).data('no')``, ``this.dataset.no``), form fields read back, and ``$.ajax`` /
``$.post`` / ``fetch`` calls that load a post (their address with the data as a query);
web storage, ``history.*`` and cookies change no address and are passed over. A submitted
GET form becomes its action plus every field a browser sends; a POST form its hidden
fields; both with every field the function set. Nothing is executed: what cannot be read
this way (a function no script given defines, a value computed from the page, a field set
where the reader cannot follow before a form is submitted) gives no address and a reason,
never a guess. Code that is not well formed (brackets that do not pair, cut short, nested
deeper than :data:`_MAX_NESTING`) is refused before it is parsed, so reading stays linear.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..urls import join

_NAME = r"[A-Za-z_$][\w$]*"
#: Names start where no name character precedes (else a long word is tried at each letter).
_START = r"(?<![\w$.])"
_FUNC_DEF = re.compile(
    rf"(?:\bfunction\s+({_NAME})\s*\(([^)]*)\)\s*\{{)"
    rf"|(?:(?:\b(?:var|let|const)\s+)?{_START}({_NAME}(?:\.{_NAME})*)\s*[=:]\s*function\s*"
    rf"(?:{_NAME})?\s*\(([^)]*)\)\s*\{{)"
    rf"|(?:\b(?:var|let|const)\s+({_NAME})\s*=\s*\(([^)]*)\)\s*=>\s*\{{)"
)
_VAR_STRING = re.compile(
    rf"\b(?:var|let|const)\s+({_NAME})\s*=\s*(\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*')\s*[;\n]"
)
_CALL = re.compile(rf"^({_NAME}(?:\s*\.\s*{_NAME})*)\s*\(")
#: Functions that never navigate.
_INERT = frozenset(
    "alert confirm prompt console.log console.info event.preventDefault preventDefault"
    " void setTimeout clearTimeout parseInt parseFloat".split()
)
_PASS_THROUGH = frozenset(
    "encodeURIComponent encodeURI escape String Number parseInt parseFloat"
    " $.trim jQuery.trim unescape decodeURIComponent decodeURI".split()
)
_MAX_DEPTH = 6
_MAX_STEPS = 400  # statements one call may run
_PAGE_STEPS = 20_000  # statements all the calls of one page may run
#: A page's functions read at most, and the longest body read (hostile pages stay linear).
_MAX_FUNCTIONS = 3000
_MAX_BODY = 20_000
#: Click handlers read a page, and elements one handler's selector may bind.
_MAX_HANDLERS = 200
_MAX_BOUND = 2000
#: Deepest bracket nesting read: navigation code nests a few levels; deeper code (20,000
#: parentheses in one onclick) is refused before it is parsed, so reading stays linear.
_MAX_NESTING = 64


class _Unknown(Exception):
    """A value the page computes in a way we do not read."""


class _Malformed(_Unknown):
    """Code that is not well formed (a stray or missing bracket, cut short, nested too
    deep): a browser would not run it either, so it opens nothing we can read."""


@dataclass
class Form:
    """A ``<form>``: its raw action, and its fields in order as (name, value, type)."""

    name: str
    ident: str
    action: str
    fields: list[tuple[str, str, str]]
    ids: dict[str, str]  # element id → field name
    method: str = "get"


@dataclass
class Scripts:
    """The functions, string constants and forms a page defines."""

    functions: dict[str, tuple[list[str], str]]
    constants: dict[str, str]
    forms: list[Form]
    parsed: dict[str, list[_Stmt] | None] = field(default_factory=dict)  # None: malformed
    steps: int = 0  # statements run for this page so far (see _PAGE_STEPS)
    form_nodes: list[int] = field(default_factory=list)  # each form's element (mem_id)
    files: int = 0  # external script files read besides the page's own scripts
    #: Names the page's code assigns a form to outside any declaration (``thisForm =
    #: document.listForm`` in its load code) → the form reference.
    globals: dict[str, str] = field(default_factory=dict)
    #: Click handlers the scripts bind: (CSS selector, parameters, body).
    handlers: list[tuple[str, list[str], str]] = field(default_factory=list)
    _bound: dict[int, list[int]] | None = None  # element mem_id → its handlers' indexes
    tree: LexborHTMLParser | None = None  # the page, for the state of its elements

    def checked(self, ident: str) -> bool | None:
        """Whether the element of id ``ident`` is checked as the page comes: False for an
        element the page does not hold (jQuery's ``is(':checked')`` of nothing)."""
        if self.tree is None:
            return None
        try:
            node = self.tree.css_first(f'[id="{ident}"]')
        except Exception:  # noqa: BLE001 - an id of the page's own making
            return None
        return node is not None and "checked" in node.attributes

    def bound_ids(self, tree: LexborHTMLParser) -> dict[int, list[int]]:
        """The elements a click handler is bound to (mem_id → handler indexes), found once
        a page; a selector lexbor cannot read binds nothing."""
        if self._bound is None:
            self._bound = {}
            for i, (selector, _, _) in enumerate(self.handlers):
                try:
                    nodes = tree.css(selector)
                except Exception:  # noqa: BLE001 - a selector of the page's own making
                    continue
                for node in nodes[:_MAX_BOUND]:
                    self._bound.setdefault(node.mem_id, []).append(i)
        return self._bound

    def enclosing_form(self, node: LexborNode | None) -> str | None:
        """The key of the form holding ``node`` (``this.form`` of a clicked link), or None."""
        anc = node.parent if node is not None else None
        while anc is not None:
            if anc.tag == "form" and anc.mem_id in self.form_nodes:
                form = self.forms[self.form_nodes.index(anc.mem_id)]
                return form.name or form.ident or f"#{self.forms.index(form)}"
            anc = anc.parent
        return None

    def statements(self, body: str) -> list[_Stmt]:
        """The parsed statements of a function body (parsed once a page); a malformed body
        raises :class:`_Malformed` each time it is called."""
        if body not in self.parsed:
            try:
                self.parsed[body] = parse_block(body)
            except _Malformed:
                self.parsed[body] = None
        stmts = self.parsed[body]
        if stmts is None:
            raise _Malformed(body[:40])
        return stmts

    def form(self, key: str) -> Form | None:
        """The form named or id'd ``key``; ``#0``, ``#1`` … by position."""
        if key.startswith("#") and key[1:].isdigit():
            i = int(key[1:])
            return self.forms[i] if i < len(self.forms) else None
        for f in self.forms:
            if key in (f.name, f.ident):
                return f
        return None

    def form_of_field(self, key: str) -> tuple[Form, str] | None:
        """The form holding a field whose id or name is ``key``, and the field's name."""
        for f in self.forms:
            if key in f.ids:
                return f, f.ids[key]
        for f in self.forms:
            if any(name == key for name, _, _ in f.fields):
                return f, key
        return None


@dataclass
class Result:
    """Where a call goes: ``url`` (absolute when a base was given), else ``reason``."""

    url: str | None
    reason: str = ""
    #: Functions the call reaches that no script read defines (an external file's, likely).
    missing: tuple[str, ...] = ()
    #: How the address was read when the code does not navigate to it (``$.ajax``: the
    #: page loads the post in place; its address with the sent data as a query).
    via: str = ""
    #: The address stands for a POST form's submission (its GET equivalent).
    posted: bool = False


def read_scripts(tree: LexborHTMLParser, extra: Sequence[str] = ()) -> Scripts:
    """The function definitions and string constants of the page's inline scripts, then of
    ``extra`` (the text of its external script files, in page order), and the forms.

    A name defined twice keeps its first definition: the page's own code before a file's."""
    functions: dict[str, tuple[list[str], str]] = {}
    constants: dict[str, str] = {}
    handlers: list[tuple[str, list[str], str]] = []
    global_forms: dict[str, str] = {}
    budget = _MAX_FUNCTIONS  # the page's inline scripts share one budget
    for node in tree.css("script"):
        if not node.attributes.get("src") and budget > 0:
            code = strip_comments(node.text(deep=True) or "")
            budget = _read_code(code, functions, constants, budget)
            _read_handlers(code, handlers)
            _read_globals(code, global_forms)
    for code in extra:  # each file has a budget of its own (the fetch bounds their number)
        code = strip_comments(code)
        _read_code(code, functions, constants, _MAX_FUNCTIONS)
        _read_handlers(code, handlers)
    forms = tree.css("form")
    scripts = Scripts(functions, constants, [_form(f, i) for i, f in enumerate(forms)])
    scripts.handlers = handlers
    scripts.globals = global_forms
    scripts.form_nodes = [f.mem_id for f in forms]
    scripts.files = len(extra)
    scripts.tree = tree
    return scripts


def _read_code(
    code: str,
    functions: dict[str, tuple[list[str], str]],
    constants: dict[str, str],
    budget: int,
) -> int:
    """Add the function definitions (at most ``budget``) and string constants of one
    script's ``code``; the budget left."""
    closing = _brace_map(code)
    for m in _FUNC_DEF.finditer(code):
        if budget <= 0:
            break
        budget -= 1
        name = m.group(1) or m.group(3) or m.group(5)
        params = m.group(2) if m.group(1) else m.group(4) if m.group(3) else m.group(6)
        end = closing.get(m.end() - 1, len(code))
        body = code[m.end() : min(end, m.end() + _MAX_BODY)]
        args = [p.strip().split("=")[0].strip() for p in (params or "").split(",")]
        short = name.rsplit(".", 1)[-1]
        for key in {name, short}:
            functions.setdefault(key, ([a for a in args if a], body))
    for m in _VAR_STRING.finditer(code):
        try:
            constants.setdefault(m.group(1), _literal(m.group(2)))
        except _Unknown:
            pass
    return budget


_SQ = r"'(?P<{0}s>[^'\\\n]*)'|\"(?P<{0}d>[^\"\\\n]*)\""
#: ``$(sel).on('click', [sub,] function (e) {`` and ``$(sel).click(function () {``.
_HANDLER = re.compile(
    r"(?:\$|jQuery)\s*\(\s*(?:" + _SQ.format("outer") + r"|document|window)\s*\)\s*\.\s*"
    r"(?:on\s*\(\s*['\"]click['\"]\s*,\s*(?:(?:" + _SQ.format("sub") + r")\s*,\s*)?"
    r"|click\s*\(\s*)"
    r"(?:function\s*(?:[\w$]+\s*)?\((?P<p1>[^)]*)\)|\((?P<p2>[^)]*)\)\s*=>|(?P<p3>[\w$]+)\s*=>)"
    r"\s*\{"
)


def _read_handlers(code: str, handlers: list[tuple[str, list[str], str]]) -> None:
    """Add the click handlers ``code`` binds with jQuery (``$(sel).on('click', …)``,
    ``$(document).on('click', sel, …)``, ``$(sel).click(…)``): their selector, parameters
    and body."""
    closing = _brace_map(code)
    for m in _HANDLER.finditer(code):
        if len(handlers) >= _MAX_HANDLERS:
            return
        outer = m.group("outers") or m.group("outerd") or ""
        sub = m.group("subs") or m.group("subd") or ""
        selector = " ".join(p for p in (outer, sub) if p and p != "body").strip()
        if not selector:
            continue
        params = m.group("p1") or m.group("p2") or m.group("p3") or ""
        end = closing.get(m.end() - 1, len(code))
        body = code[m.end() : min(end, m.end() + _MAX_BODY)]
        handlers.append((selector, [p.strip() for p in params.split(",") if p.strip()], body))


#: ``name = document.x;`` (no var/let/const): a global the page's code points at a form.
_GLOBAL_FORM = re.compile(
    rf"(?<![\w$.])(?<!var )(?<!let )(?<!const )({_NAME})\s*=(?!=)\s*"
    r"(document\s*\.\s*(?:forms\s*\[[^\]\n]{1,60}\]|[\w$]+|getElementById\s*\([^)\n]{1,60}\)))"
    r"\s*;"
)


def _read_globals(code: str, out: dict[str, str]) -> None:
    for m in _GLOBAL_FORM.finditer(code):
        out.setdefault(m.group(1), m.group(2))


#: The name :attr:`Listing.undefined` gives a click handler no script read binds (a card
#: whose ``data-*`` id a script file's handler reads): a file binding one defines it.
CLICK_HANDLER = "$(…).on('click')"


def defined_names(code: str) -> set[str]:
    """The names of the functions ``code`` (a script's text) defines (and
    :data:`CLICK_HANDLER` when it binds click handlers)."""
    names: set[str] = {CLICK_HANDLER} if _HANDLER.search(code) else set()
    for m in _FUNC_DEF.finditer(strip_comments(code)):
        name = m.group(1) or m.group(3) or m.group(5)
        names |= {name, name.rsplit(".", 1)[-1]}
        if len(names) > 2 * _MAX_FUNCTIONS:
            break
    return names


def _brace_map(code: str) -> dict[int, int]:
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


def _form(node: LexborNode, index: int) -> Form:
    fields: list[tuple[str, str, str]] = []
    ids: dict[str, str] = {}
    for el in node.css("input, select, textarea"):
        name = el.attributes.get("name") or ""
        if el.attributes.get("id") and name:
            ids[el.attributes["id"] or ""] = name
        if not name:
            continue
        kind = (el.attributes.get("type") or el.tag or "").lower()
        if kind in ("checkbox", "radio") and "checked" not in el.attributes:
            kind = "unchecked"
        value = el.attributes.get("value") or ""
        if el.tag == "select":
            opt = el.css_first("option[selected]") or el.css_first("option")
            value = (opt.attributes.get("value") or opt.text()) if opt is not None else ""
        elif el.tag == "textarea":
            value = el.text()
        fields.append((name, value or "", kind))
    return Form(
        node.attributes.get("name") or "",
        node.attributes.get("id") or "",
        node.attributes.get("action") or "",
        fields,
        ids,
        (node.attributes.get("method") or "get").strip().lower(),
    )


# --------------------------------------------------------------------------- lexing


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


def _literal(text: str) -> str:
    """The value of a quoted JavaScript string literal (no template substitutions)."""
    if len(text) < 2 or text[0] not in "'\"`" or text[-1] != text[0]:
        raise _Unknown(text)
    body = text[1:-1]
    if text[0] == "`" and "${" in body:
        raise _Unknown(text)

    def esc(m: re.Match[str]) -> str:
        s = m.group(1)
        if s[0] == "u":
            return chr(int(s[1:], 16))
        return _ESCAPES.get(s, s)

    return re.sub(r"\\(u[0-9a-fA-F]{4}|.)", esc, body)


# --------------------------------------------------------------------------- statements


@dataclass
class _Stmt:
    text: str = ""
    cond: str | None = None  # an if: cond, then, otherwise
    then: list[_Stmt] = field(default_factory=list)
    otherwise: list[_Stmt] = field(default_factory=list)
    cases: list[tuple[str | None, list[_Stmt]]] | None = None  # a switch on ``cond``


_KEYWORD = re.compile(r"(if|else|switch|try|catch|finally|for|while|do)\b")


def parse_block(code: str) -> list[_Stmt]:
    """The statements of a function body (if/else and switch kept as structure).

    Raises :class:`_Malformed` for code whose brackets do not pair up or nest deeper than
    :data:`_MAX_NESTING`, checked in one pass before parsing."""
    check_brackets(code)
    stmts, _ = _statements(code, 0, len(code))
    return stmts


_CLOSER = {"(": ")", "[": "]", "{": "}"}


def check_brackets(code: str) -> None:
    """Raise :class:`_Malformed` unless every bracket of ``code`` outside strings closes in
    order and none nests deeper than :data:`_MAX_NESTING` (one linear pass)."""
    stack: list[str] = []
    i, n = 0, len(code)
    while i < n:
        c = code[i]
        if c in "'\"`":
            i = _string_end(code, i)
            continue
        if c in _CLOSER:
            stack.append(_CLOSER[c])
            if len(stack) > _MAX_NESTING:
                raise _Malformed("nested too deep")
        elif c in ")]}":
            if not stack or stack.pop() != c:
                raise _Malformed(f"a stray {c!r}")
        i += 1
    if stack:
        raise _Malformed("cut short: a bracket never closes")


def _skip_space(code: str, i: int, end: int) -> int:
    while i < end and code[i] in " \t\r\n;":
        i += 1
    return i


def _statements(code: str, i: int, end: int) -> tuple[list[_Stmt], int]:
    out: list[_Stmt] = []
    while True:
        i = _skip_space(code, i, end)
        if i >= end:
            return out, i
        stmt, j = _statement(code, i, end)
        if j <= i:  # every step advances: code the scanner cannot pass is malformed
            raise _Malformed(code[i : i + 20])
        i = j
        if stmt is not None:
            out.append(stmt)


def _body(code: str, i: int, end: int) -> tuple[list[_Stmt], int]:
    """A block ``{ … }`` or a single statement."""
    i = _skip_space(code, i, end)
    if i < end and code[i] == "{":
        close = min(matching(code, i), end)
        stmts, _ = _statements(code, i + 1, close)
        return stmts, close + 1
    stmt, i = _statement(code, i, end)
    return ([stmt] if stmt is not None else []), i


def _statement(code: str, i: int, end: int) -> tuple[_Stmt | None, int]:
    if i >= end:
        return None, end
    m = _KEYWORD.match(code, i)
    if code[i] == "{":
        stmts, j = _body(code, i, end)
        return _Stmt(cond="true", then=stmts), j
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
            otherwise: list[_Stmt] = []
            if code.startswith("else", k) and not code[k + 4 : k + 5].isalnum():
                otherwise, j = _body(code, k + 4, end)
            return _Stmt(cond=cond, then=then, otherwise=otherwise), j
        if word == "switch":
            j = _skip_space(code, j, end)
            close = matching(code, j) if j < end and code[j] == "{" else j
            return _Stmt(cond=cond, cases=_cases(code[j + 1 : close])), close + 1
        if word in ("try", "finally", "do", "else"):
            stmts, j = _body(code, j, end)
            return _Stmt(cond="true", then=stmts), j
        # catch, for, while: their bodies are not the navigation path
        _, j = _body(code, j, end)
        return None, j
    j = _statement_end(code, i, end)
    return _Stmt(text=code[i:j].strip()), j


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


def _cases(code: str) -> list[tuple[str | None, list[_Stmt]]]:
    out: list[tuple[str | None, list[_Stmt]]] = []
    for m in re.finditer(r"(?:case\s+((?:'[^']*'|\"[^\"]*\"|[\w$.]+))|default)\s*:", code):
        out.append((m.group(1), []))
        start = m.end()
        nxt = re.compile(r"(?:case\s+(?:'[^']*'|\"[^\"]*\"|[\w$.]+)|default)\s*:").search(
            code, start
        )
        stop = nxt.start() if nxt else len(code)
        stmts = parse_block(code[start:stop])
        cut = next((k for k, s in enumerate(stmts) if s.text == "break"), len(stmts))
        out[-1] = (m.group(1), stmts[:cut] if cut < len(stmts) else stmts + [_Stmt("#fall")])
    return out


# --------------------------------------------------------------------------- evaluation

_FORM_REF = [
    re.compile(rf"^document\s*\.\s*forms\s*\[\s*['\"]({_NAME})['\"]\s*\]"),
    re.compile(r"^document\s*\.\s*forms\s*\[\s*(\d+)\s*\]"),
    re.compile(rf"^document\s*\.\s*forms\s*\.\s*({_NAME})"),
    re.compile(r"^document\s*\.\s*getElementById\s*\(\s*['\"]([\w\-]+)['\"]\s*\)"),
    re.compile(r"^document\s*\.\s*querySelector\s*\(\s*['\"](?:form)?[#]?([\w\-]+)['\"]\s*\)"),
    re.compile(r"^(?:\$|jQuery)\s*\(\s*['\"]#([\w\-]+)['\"]\s*\)(?:\s*\[\s*0\s*\]|\.get\(0\))?"),
    re.compile(
        r"^(?:\$|jQuery)\s*\(\s*['\"]form\[name=['\"]?([\w\-]+)['\"]?\]['\"]\s*\)"
        r"(?:\s*\[\s*0\s*\]|\.get\(0\))?"
    ),
    re.compile(rf"^document\s*\.\s*({_NAME})"),
]


@dataclass
class _Run:
    scripts: Scripts
    base: str | None
    steps: int = 0
    aliases: dict[str, str] = field(default_factory=dict)  # variable → form key
    fields: dict[str, dict[str, str]] = field(default_factory=dict)  # form key → set fields
    loose: dict[str, str] = field(default_factory=dict)  # set by name, any form
    actions: dict[str, str] = field(default_factory=dict)
    url: str | None = None
    missing: list[str] = field(default_factory=list)  # functions called but not defined
    this_form: str | None = None  # the form of the element the code runs for (``this``)
    malformed: str = ""  # why a function the code calls cannot be read, if one cannot
    unsure: bool = False  # a field was set in a way not followed: no submit can be read
    element: LexborNode | None = None  # the clicked element (``this``)
    via: str = ""  # how the address was read when not by navigation ($.ajax: loaded in place)
    posted: bool = False  # the address is the GET equivalent of a POST form's submission


class _Return(Exception):
    def __init__(self, value: str | None) -> None:
        self.value = value


class _Done(Exception):
    """The navigation was found."""


def resolve(
    code: str, scripts: Scripts, base: str | None = None, element: LexborNode | None = None
) -> Result:
    """The address a ``javascript:`` link or ``onclick`` opens, read from the page's code.

    ``element`` is the element the code belongs to (``this``): its form is ``this.form``,
    ``$(this).closest('form')`` and the like, in the code and in the functions it calls."""
    code = code.strip()
    if code.lower().startswith("javascript:"):
        code = code[len("javascript:") :]
    run = _Run(scripts, base)
    run.this_form = scripts.enclosing_form(element)
    run.element = element
    return _finish(run, scripts, base, lambda: _exec(run, parse_block(strip_comments(code)), {}, 0))


def resolve_click(
    scripts: Scripts, tree: LexborHTMLParser, element: LexborNode, base: str | None = None
) -> Result:
    """The address the click handlers bound to ``element`` by the page's scripts open
    (``$('.list a').on('click', function () { … $(this).data('no') … })``)."""
    indexes = scripts.bound_ids(tree).get(element.mem_id, [])
    run = _Run(scripts, base)
    run.this_form = scripts.enclosing_form(element)
    run.element = element

    def handlers() -> None:
        for i in indexes:
            _, params, body = scripts.handlers[i]
            env: dict[str, object] = {"this": _THIS}
            env.update({p: _EVENT for p in params[:1]})
            try:
                _exec(run, _body_of(run, "a click handler", body), env, 1)
            except (_Return, _Unknown):
                continue

    return _finish(run, scripts, base, handlers)


def _finish(run: _Run, scripts: Scripts, base: str | None, work: Callable[[], None]) -> Result:
    """Run ``work`` (reading code on ``run``) and say where it goes, or why not."""
    malformed = ""
    try:
        work()
    except _Done:
        pass
    except _Malformed as exc:
        malformed = str(exc)
    except (_Return, _Unknown, RecursionError):
        pass
    malformed = malformed or run.malformed
    if run.url is not None:
        target = join(base, run.url)
        if not target:
            return Result(None, f"a malformed address {run.url!r}")
        return Result(target, via=run.via, posted=run.posted)
    if run.missing:
        missing = tuple(dict.fromkeys(run.missing))
        where = "the page does not define"
        if scripts.files:
            where += f" (nor its {scripts.files} script file{'s' if scripts.files > 1 else ''})"
        return Result(None, f"opens through {', '.join(missing)}(), which {where}", missing)
    if malformed:
        return Result(None, f"its script cannot be read ({malformed})")
    return Result(None, "its script does not open an address we can read")


def _exec(run: _Run, stmts: list[_Stmt], env: dict[str, object], depth: int) -> None:
    for stmt in stmts:
        run.steps += 1
        run.scripts.steps += 1
        if run.steps > _MAX_STEPS or run.scripts.steps > _PAGE_STEPS:
            raise _Unknown("too long")
        if stmt.cases is not None:
            _switch(run, stmt, env, depth)
        elif stmt.cond is not None:
            branch = _truth(run, stmt.cond, env, depth)
            if branch is None:
                _either(run, stmt, env, depth)
            else:
                _exec(run, stmt.then if branch else stmt.otherwise, env, depth)
        elif stmt.text and stmt.text != "#fall":
            _simple(run, stmt.text, env, depth)


def _either(run: _Run, stmt: _Stmt, env: dict[str, object], depth: int) -> None:
    """A branch on a condition we cannot read: the code where it holds, or, when that code
    cannot be read either (it fails, or leaves a value unknown), the code where it does not
    (undoing what the first one set)."""
    saved = dict(env), {k: dict(v) for k, v in run.fields.items()}, dict(run.loose)
    try:
        _exec(run, stmt.then, env, depth)
        if not any(v is _Unknown and saved[0].get(k) is not _Unknown for k, v in env.items()):
            return
    except _Unknown:
        pass
    env.clear()
    env.update(saved[0])
    run.fields, run.loose = saved[1], saved[2]
    _exec(run, stmt.otherwise, env, depth)


def _switch(run: _Run, stmt: _Stmt, env: dict[str, object], depth: int) -> None:
    try:
        value: str | None = _eval(run, stmt.cond or "", env, depth)
    except _Unknown:
        value = None
    cases = stmt.cases or []
    start = next(
        (k for k, (lab, _) in enumerate(cases) if lab is not None and _case(lab) == value), None
    )
    if start is None:
        start = next((k for k, (lab, _) in enumerate(cases) if lab is None), None)
    if start is None:
        return
    for _, body in cases[start:]:
        _exec(run, body, env, depth)
        if not body or body[-1].text != "#fall":
            return


def _case(label: str) -> str:
    try:
        return _literal(label)
    except _Unknown:
        return label


def _truth(run: _Run, cond: str, env: dict[str, object], depth: int) -> bool | None:
    """A condition on known values (``==``, ``!=``, ``&&``, ``||``, ``!``), else None."""
    cond = cond.strip()
    while cond.startswith("(") and matching(cond, 0) == len(cond) - 1:
        cond = cond[1:-1].strip()
    if cond == "true":
        return True
    for op, combine in (("||", any), ("&&", all)):
        parts = split_top(cond, op)
        if len(parts) > 1:
            values = [_truth(run, p, env, depth) for p in parts]
            if None in values:
                return None
            return combine(values)
    m = re.match(r"^(.*?\S)\s*(===|!==|==|!=)\s*(.+)$", cond)
    checked = _CHECKED.match(cond.lstrip("!").strip())
    if not m and checked:
        state = run.scripts.checked(checked.group(1) or checked.group(2))
        return None if state is None else state != cond.startswith("!")
    if not m:
        negate = cond.startswith("!")
        if _absent_property(cond.lstrip("!").strip(), env):
            return negate  # a property a literal object lacks is undefined: falsy
        try:
            value = _eval(run, cond.lstrip("!"), env, depth)
        except _Unknown:
            return None
        return (value not in ("", "0", "false")) != negate
    typed = _typeof_undefined(run, m.group(1).strip(), m.group(3).strip(), env)
    if typed is not None:
        return typed == (m.group(2) in ("==", "==="))
    absent = _compare_absent(m.group(1).strip(), m.group(3).strip(), env)
    if absent is not None:
        return absent == (m.group(2) in ("==", "==="))
    try:
        left, right = _eval(run, m.group(1), env, depth), _eval(run, m.group(3), env, depth)
    except _Unknown:
        return None
    return (left == right) == (m.group(2) in ("==", "==="))


#: A box's checked state read by its id: ``$('#id').is(':checked')``, ``$('#id').prop(
#: 'checked')``, ``document.getElementById('id').checked``.
_CHECKED = re.compile(
    r"""^(?:(?:\$|jQuery)\s*\(\s*['"]#([\w\-]+)['"]\s*\)\s*\.\s*"""
    r"""(?:is\s*\(\s*['"]:checked['"]\s*\)|prop\s*\(\s*['"]checked['"]\s*\))"""
    r"""|document\s*\.\s*getElementById\s*\(\s*['"]([\w\-]+)['"]\s*\)\s*\.\s*checked)$"""
)


def _absent_property(term: str, env: dict[str, object]) -> bool:
    """Whether ``term`` reads a property that an object literal we hold does not have."""
    prop = _PROPERTY.match(term)
    held = env.get(prop.group(1)) if prop else None
    if not prop or not isinstance(held, dict):
        return False
    return (prop.group(2) or prop.group(3) or prop.group(4)) not in held


def _typeof_undefined(run: _Run, left: str, right: str, env: dict[str, object]) -> bool | None:
    """``typeof x == 'undefined'``: whether ``x`` is undefined, where we know whether it is
    (an argument passed or not, a page function or constant); None otherwise."""
    if right.startswith("typeof"):
        left, right = right, left
    if not left.startswith("typeof") or right.strip("'\"") != "undefined" or right[:1] not in "'\"":
        return None
    name = left[len("typeof") :].strip().strip("()").strip()
    if name in env:
        return None if env[name] is _Unknown else env[name] is _UNDEFINED
    if name in run.scripts.functions or name in run.scripts.constants:
        return False
    return None


def _compare_absent(left: str, right: str, env: dict[str, object]) -> bool | None:
    """``x == undefined`` / ``x === null`` for a name we hold: whether ``x`` is missing
    (an argument not passed); None when neither side is ``undefined`` or ``null``."""
    if left in ("undefined", "null"):
        left, right = right, left
    if right not in ("undefined", "null") or left not in env:
        return None
    value = env[left]
    if value is _Unknown:
        return None
    return value is _UNDEFINED


_LOCATION = re.compile(
    r"^(?:(?:window|self|top|parent|document)\s*\.\s*)*location(?:\s*\.\s*href)?\s*=(?!=)\s*(.+)$"
)
_LOCATION_CALL = re.compile(
    r"^(?:(?:window|self|top|parent|document)\s*\.\s*)*"
    r"(?:location\s*\.\s*(?:replace|assign)|open)\s*\((.+)\)$"
)
_ASSIGN = re.compile(rf"^(?:(?:var|let|const)\s+)?({_NAME})\s*=(?!=)\s*(.+)$")
_JQ_VAL = re.compile(r"^(?:\$|jQuery)\s*\(\s*(['\"])(.+?)\1\s*\)\s*\.\s*val\s*\((.+)\)$", re.DOTALL)
_JQ_ATTR = re.compile(
    r"^(?:\$|jQuery)\s*\(\s*(['\"])(.+?)\1\s*\)\s*\.\s*attr\s*\(\s*['\"](action|value)['\"]\s*,"
    r"(.+)\)$",
    re.DOTALL,
)
_JQ_SUBMIT = re.compile(
    r"^(?:\$|jQuery)\s*\(\s*(['\"])(.+?)\1\s*\)\s*\.\s*(?:submit\s*\(\s*\)|trigger\s*\(\s*['\"]submit)"
)


def _simple(run: _Run, text: str, env: dict[str, object], depth: int) -> None:
    """One statement: navigation, a form field, a form action or submit, a call, a variable."""
    text = text.strip().rstrip(";").strip()
    if text.startswith("return"):
        rest = text[len("return") :].strip()
        value = None
        if rest:
            try:
                value = _eval(run, rest, env, depth)
            except _Unknown:
                value = None
        raise _Return(value)
    if _SIDE_EFFECT.match(text):
        return  # storage, history and cookies: they change no address
    if _ajax(run, text, env, depth):
        return
    m = _LOCATION.match(text)
    if m:
        _go(run, _eval(run, m.group(1), env, depth))
    m = _LOCATION_CALL.match(text)
    if m:
        _go(run, _eval(run, split_top(m.group(1), ",")[0], env, depth))
    if _jquery(run, text, env, depth):
        return
    form_stmt = _form_statement(run, text, env, depth)
    if form_stmt:
        return
    m = _ASSIGN.match(text)
    if m and m.group(2).strip().startswith("{"):
        try:
            env[m.group(1)] = _object(run, m.group(2).strip(), env, depth)
        except _Unknown:
            env[m.group(1)] = _Unknown
        return
    if m:
        target = _form_key(run, m.group(2).strip(), env)
        if target is not None:
            run.aliases[m.group(1)] = target
            return
        try:
            env[m.group(1)] = _eval(run, m.group(2), env, depth)
        except _Unknown:
            env[m.group(1)] = _Unknown
        return
    m = _VALUE_SET.search(text)
    if m:  # a field set where we cannot follow it: a form submitted after it would lie
        owner = text[: m.start()].strip()
        if owner != "this" and env.get(owner) is not _THIS:  # not the clicked button's label
            run.unsure = True
        return
    if _CALL.match(text):
        try:
            _eval(run, text, env, depth)
        except _Unknown:
            if _VAL_CALL.search(text):  # $f.find('[name=x]').val(n): a field set unread
                run.unsure = True


#: Calls and assignments that keep state but open nothing: web storage, the history
#: (``history.replaceState`` before a submit), cookies.
_SIDE_EFFECT = re.compile(
    r"^(?:(?:window|self|top|parent)\s*\.\s*)?(?:sessionStorage|localStorage|history)\s*[.\[]"
    r"|^document\s*\.\s*cookie\s*=|^(?:\$|jQuery)\s*\.\s*(?:cookie|removeCookie)\s*\("
)
#: ``$.ajax({…})``, ``$.post(url, data, …)``, ``$.get(url, data, …)``, ``fetch(url, {…})``.
_AJAX = re.compile(r"^(?:(?:\$|jQuery)\s*\.\s*(ajax|post|get|load)|(fetch))\s*\(", re.DOTALL)


def _ajax(run: _Run, text: str, env: dict[str, object], depth: int) -> bool:
    """A call loading a post into the page (``$.ajax``, ``$.post``, ``fetch``): its address
    with the data it sends as a query, noted as read from such a call."""
    m = _AJAX.match(text)
    if not m:
        return False
    close = matching(text, m.end() - 1)
    args = [a.strip() for a in split_top(text[m.end() : close], ",") if a.strip()]
    kind = m.group(1) or m.group(2)
    url, data = _ajax_parts(run, kind, args, env, depth)
    if url is None:
        return True
    query = urlencode([(k, v) for k, v in data.items() if v is not None])
    run.via = f"read from a {'fetch' if kind == 'fetch' else '$.' + kind}() call"
    _go(run, f"{url}{'&' if '?' in url else '?'}{query}" if query else url)
    return True


def _ajax_parts(
    run: _Run, kind: str, args: list[str], env: dict[str, object], depth: int
) -> tuple[str | None, dict[str, str | None]]:
    """The address and the data of an ajax call's arguments (None: not read)."""
    if not args:
        return None, {}
    try:
        if kind == "ajax" and args[0].startswith("{"):
            options = _object_source(args[0])
            url = _eval(run, options.get("url", "''"), env, depth)
            data_src = options.get("data", "{}")
        else:
            url = _eval(run, args[0], env, depth)
            data_src = args[1] if len(args) > 1 else "{}"
            if kind == "fetch" and data_src.startswith("{"):
                data_src = _object_source(data_src).get("body", "{}")
        data = _object(run, data_src, env, depth) if data_src.startswith("{") else {}
    except _Unknown:
        return None, {}
    if any(v is None for v in data.values()):
        return None, {}  # a value we cannot read: the address would lie
    return url or None, data


def _object_source(text: str) -> dict[str, str]:
    """An object literal's properties as their source text."""
    if matching(text, 0) != len(text) - 1:
        raise _Unknown(text)
    out: dict[str, str] = {}
    for part in split_top(text[1:-1], ","):
        pieces = split_top(part, ":")
        if len(pieces) >= 2:
            out[pieces[0].strip().strip("'\"")] = ":".join(pieces[1:]).strip()
    return out


#: An assignment to some element's value (``x.value = …``, ``$(x).val(v)``).
_VALUE_SET = re.compile(r"\.\s*value\s*=(?!=)")
_VAL_CALL = re.compile(r"\.\s*val\s*\(\s*[^)\s]|\.\s*attr\s*\(\s*['\"]value['\"]")


def _go(run: _Run, url: str | None) -> None:
    if url:
        run.url = url
        raise _Done


def _chain(text: str) -> list[str] | None:
    """``$(sel).a(x).b(y)`` as ``["$(sel).a(x)", "$(sel).b(y)"]``; None if not a chain."""
    m = re.match(r"^(?:\$|jQuery)\s*\(", text)
    if not m:
        return None
    end = matching(text, m.end() - 1)
    head, rest, calls = text[: end + 1], text[end + 1 :], []
    while rest.strip():
        step = re.match(r"^\s*\.\s*[\w$]+\s*\(", rest)
        if not step:
            return None
        close = matching(rest, step.end() - 1)
        calls.append(head + rest[: close + 1].strip())
        rest = rest[close + 1 :]
    return calls if len(calls) > 1 else None


_ANY_SUBMIT = re.compile(
    r"^(.*?\S)\s*\.\s*(?:submit\s*\(\s*\)|trigger\s*\(\s*['\"]submit['\"]\s*\))$", re.DOTALL
)


def _jquery(run: _Run, text: str, env: dict[str, object], depth: int) -> bool:
    m = _ANY_SUBMIT.match(text)
    if m:  # $(obj).closest('form').submit(), $(f).submit() of a form held in a variable
        held = _form_key(run, m.group(1), env)
        if held is not None:
            _submit(run, held)
            return True
    pieces = _chain(text)
    if pieces:
        for piece in pieces:
            _jquery(run, piece, env, depth)
        return True
    m = _JQ_VAL.match(text)
    if m:
        selector = m.group(2)
        try:
            value = _eval(run, m.group(3), env, depth)
        except _Unknown:
            return True  # a value computed from the page: the field keeps its default
        field_sel, scope = _split_scope(selector)
        key = re.search(r"\[name\s*=\s*['\"]?([\w\-.]+)", field_sel)
        where = re.match(r"#([\w\-]+)$", field_sel)
        name = key.group(1) if key else where.group(1) if where else None
        owner = run.scripts.form_of_field(name) if name else None
        scoped = _form_by_selector(run, scope) if scope else None
        if key and scoped is not None:
            run.fields.setdefault(_key_of(run, scoped), {})[key.group(1)] = value
        elif key:
            run.loose[key.group(1)] = value
        elif owner is not None:
            run.fields.setdefault(_key_of(run, owner[0]), {})[owner[1]] = value
        else:
            raise _Unknown(selector)
        return True
    m = _JQ_ATTR.match(text)
    if m:
        form = _form_by_selector(run, m.group(2))
        if form is not None and m.group(3) == "action":
            run.actions[_key_of(run, form)] = _eval(run, m.group(4), env, depth)
            return True
    m = _JQ_SUBMIT.match(text)
    if m:
        form = _form_by_selector(run, m.group(2))
        if form is not None:
            _submit(run, _key_of(run, form))
        return True
    return False


def _split_scope(selector: str) -> tuple[str, str]:
    """``#frm > input[name=x]`` → (``input[name=x]``, ``#frm``): the last compound selector
    and what comes before it ('' when nothing does)."""
    parts = re.split(r"\s*>\s*|\s+", selector.strip())
    return parts[-1], " ".join(parts[:-1])


def _form_by_selector(run: _Run, selector: str) -> Form | None:
    """The form a jQuery selector names: ``#id``, ``form#id``, ``form[name=x]``,
    ``[name=x]``, ``form.x``-less forms by name or id."""
    sel = selector.strip()
    m = re.fullmatch(r"(?:form)?#([\w\-]+)", sel) or re.fullmatch(
        r"(?:form)?\[\s*(?:name|id)\s*=\s*['\"]?([\w\-]+)['\"]?\s*\]", sel
    )
    return run.scripts.form(m.group(1)) if m else None


def _key_of(run: _Run, form: Form) -> str:
    return form.name or form.ident or f"#{run.scripts.forms.index(form)}"


#: The form of an element: ``el.form``, ``$(el).closest('form')``, ``el.closest('form')``.
_OWN_FORM = re.compile(
    rf"^(?:({_NAME})\s*\.\s*form|(?:\$|jQuery)\s*\(\s*({_NAME})\s*\)\s*\.\s*(?:closest|parents)"
    rf"\s*\(\s*['\"]form['\"]\s*\)(?:\s*\[\s*0\s*\]|\s*\.\s*get\s*\(\s*0\s*\)|\s*\.\s*first\s*\(\s*\))?"
    rf"|({_NAME})\s*\.\s*closest\s*\(\s*['\"]form['\"]\s*\))$"
)
#: ``$(f)`` of a variable holding a form.
_WRAPPED = re.compile(rf"^(?:\$|jQuery)\s*\(\s*({_NAME})\s*\)$")
#: The ``this`` of an onclick, passed to a function (``submitForm(this, …)``).
_THIS = object()
#: The event object a click handler receives (``e.currentTarget`` is the element).
_EVENT = object()
#: A parameter no argument was passed for (``typeof x === 'undefined'``).
_UNDEFINED = object()


def _form_key(run: _Run, ref: str, env: dict[str, object]) -> str | None:
    """The form a reference such as ``document.frm``, ``$('#frm')[0]`` or ``obj.form``
    (``obj`` being the clicked element) names."""
    ref = ref.strip()
    if ref in run.aliases:
        return run.aliases[ref]
    if ref in run.scripts.globals and ref not in env:  # a form the page's load code names
        return _form_key(run, run.scripts.globals[ref], {})
    m = _OWN_FORM.match(ref)
    if m and ref.split(".")[0].strip() != "document":  # document.form is a form's name
        name = m.group(1) or m.group(2) or m.group(3)
        return run.this_form if name == "this" or env.get(name) is _THIS else None
    m = _WRAPPED.match(ref)
    if m and m.group(1) in run.aliases:
        return run.aliases[m.group(1)]
    for pattern in _FORM_REF:
        m = pattern.match(ref)
        if m and m.end() == len(ref):
            key = m.group(1)
            form = run.scripts.form(f"#{key}" if key.isdigit() else key)
            if form is not None:
                return _key_of(run, form)
    return None


_FIELD_SET = re.compile(
    r"^(.*?\S)\s*(?:\.\s*elements\s*\[\s*['\"]([\w\-.]+)['\"]\s*\]|\.\s*([\w$]+)"
    r"|\[\s*['\"]([\w\-.]+)['\"]\s*\])\s*\.\s*value\s*=(?!=)\s*(.+)$",
    re.DOTALL,
)
#: A form field's value read: ``frm.name.value``, ``frm['a.b'].value``.
_FIELD_GET = re.compile(
    r"^(.*?\S)\s*(?:\.\s*elements\s*\[\s*['\"]([\w\-.]+)['\"]\s*\]|\.\s*([\w$]+)"
    r"|\[\s*['\"]([\w\-.]+)['\"]\s*\])\s*\.\s*value$",
    re.DOTALL,
)


def _field_value(run: _Run, term: str, env: dict[str, object]) -> str | None:
    """The value of a form field ``term`` reads: as set earlier in this run, else as the
    page's HTML gives it; None when ``term`` reads no field of a known form."""
    m = _FIELD_GET.match(term)
    if not m:
        return None
    key = _form_key(run, m.group(1), env)
    form = run.scripts.form(key) if key is not None else None
    if form is None or key is None:
        return None
    name = m.group(2) or m.group(3) or m.group(4)
    name = form.ids.get(name, name) if name not in {n for n, _, _ in form.fields} else name
    if name in run.fields.get(key, {}):
        return run.fields[key][name]
    for field_name, value, _ in form.fields:
        if field_name == name:
            return value
    return None


_BY_ID_SET = re.compile(
    r"^document\s*\.\s*getElementById\s*\(\s*['\"]([\w\-]+)['\"]\s*\)\s*\.\s*value\s*=(?!=)\s*(.+)$",
    re.DOTALL,
)
_BY_NAME_SET = re.compile(
    r"^document\s*\.\s*getElementsByName\s*\(\s*['\"]([\w\-]+)['\"]\s*\)\s*\[\s*0\s*\]\s*\.\s*value"
    r"\s*=(?!=)\s*(.+)$",
    re.DOTALL,
)
_ACTION_SET = re.compile(
    r"^(.*?\S)\s*\.\s*(?:action\s*=(?!=)\s*(.+)|setAttribute\s*\(\s*['\"]action['\"]\s*,(.+)\))$",
    re.DOTALL,
)
_SUBMIT = re.compile(r"^(.*?\S)\s*\.\s*submit\s*\(\s*\)$")


def _form_statement(run: _Run, text: str, env: dict[str, object], depth: int) -> bool:
    m = _BY_NAME_SET.match(text)
    if m:  # the first element of that name: set in whichever form holds it
        run.loose[m.group(1)] = _eval(run, m.group(2), env, depth)
        return True
    m = _BY_ID_SET.match(text)
    if m:
        owner = run.scripts.form_of_field(m.group(1))
        if owner is None:
            raise _Unknown(m.group(1))
        run.fields.setdefault(_key_of(run, owner[0]), {})[owner[1]] = _eval(
            run, m.group(2), env, depth
        )
        return True
    m = _SUBMIT.match(text)
    if m:
        key = _form_key(run, m.group(1), env)
        if key is not None:
            _submit(run, key)
            return True
    m = _ACTION_SET.match(text)
    if m:
        key = _form_key(run, m.group(1), env)
        if key is not None:
            run.actions[key] = _eval(run, m.group(2) or m.group(3), env, depth)
            return True
    m = _FIELD_SET.match(text)
    if m:
        key = _form_key(run, m.group(1), env)
        if key is not None:
            name = m.group(2) or m.group(3) or m.group(4)
            form = run.scripts.form(key)
            if form is not None and name not in {n for n, _, _ in form.fields}:
                name = form.ids.get(name, name)
            run.fields.setdefault(key, {})[name] = _eval(run, m.group(5), env, depth)
            return True
    return False


def _submit(run: _Run, key: str) -> None:
    form = run.scripts.form(key)
    if form is None:
        return
    if run.unsure:  # a field was set where we could not follow: its value is unknown
        raise _Unknown(key)
    action = run.actions.get(key, form.action) or (run.base or "")
    names = {name for name, _, _ in form.fields}
    values = {k: v for k, v in run.loose.items() if k in names}
    values.update(run.fields.get(key, {}))
    run.posted = form.method == "post"
    _go(run, form_url(action, form, values))


#: Fields a browser sends with their form: hidden and typed values, choices, checked boxes
#: (not buttons, files, passwords or unchecked boxes).
_SENT_KINDS = frozenset(
    "hidden text search number tel email url date month week select textarea checkbox radio".split()
)


def form_url(action: str, form: Form, values: dict[str, str]) -> str:
    """The GET address equivalent to submitting ``form`` to ``action`` with ``values`` set:
    the fields the browser would send that have a value (hidden, typed, chosen, checked)
    and every field set, appended to the action's query (a field of the same name as a
    query parameter replaces it)."""
    try:
        parts = urlsplit(action)
    except ValueError:  # a malformed action (http://[x): fetching it fails with its reason
        return action
    sent: dict[str, str] = {}
    # A GET form's address is what the browser opens: every field it sends. For a POST
    # form the address is our GET equivalent: its hidden state, not its search box.
    kinds = _SENT_KINDS if form.method != "post" else frozenset({"hidden"})
    for name, value, kind in form.fields:
        if name in sent:
            continue
        if name in values:
            if values[name] != "":
                sent[name] = values[name]
        elif kind in kinds and value and not name.startswith("__") and len(value) <= 200:
            sent[name] = value
    for name, value in values.items():
        if value != "":
            sent.setdefault(name, value)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in sent]
    query += list(sent.items())
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def _eval(run: _Run, expr: str, env: dict[str, object], depth: int) -> str:
    """A string expression: literals, numbers, known names, ``+``, and calls to the page's
    functions that return a value; anything else raises :class:`_Unknown`."""
    branches = split_top(expr.strip(), "?")
    if len(branches) == 2:
        options = split_top(branches[1], ":")
        if len(options) == 2:
            chosen = _truth(run, branches[0], env, depth)
            if chosen is None:
                raise _Unknown(expr)
            return _eval(run, options[0] if chosen else options[1], env, depth)
    terms = split_top(expr.strip(), "+")
    if len(terms) > 1:
        return "".join(_eval(run, t, env, depth) for t in terms)
    term = terms[0].strip()
    if not term:
        raise _Unknown(expr)
    if term[0] in "'\"":
        return _literal(term)
    if term[0] == "`":
        return _template(run, term, env, depth)
    if re.fullmatch(r"-?\d+(?:\.\d+)?", term):
        return term
    if term[0] == "(" and matching(term, 0) == len(term) - 1:
        return _eval(run, term[1:-1], env, depth)
    if term.startswith("typeof"):
        return _typeof(run, term[len("typeof") :].strip(), env)
    attribute = _attribute(run, term, env)
    if attribute is not None:
        return attribute
    field_value = _field_value(run, term, env)
    if field_value is not None:
        return field_value
    prop = _PROPERTY.match(term)
    held = env.get(prop.group(1)) if prop else None
    if prop and isinstance(held, dict):
        found = held.get(prop.group(2) or prop.group(3) or prop.group(4))
        if not isinstance(found, str):
            raise _Unknown(term)
        return found
    if term in env:
        value = env[term]
        if value is _Unknown or not isinstance(value, str):
            raise _Unknown(term)
        return value
    if term in run.scripts.constants:
        return run.scripts.constants[term]
    m = _CALL.match(term)
    if m and matching(term, m.end() - 1) == len(term) - 1:
        name = re.sub(r"\s+", "", m.group(1))
        args = [a for a in split_top(term[m.end() : -1], ",") if a.strip()]
        return _call(run, name, args, env, depth)
    raise _Unknown(term)


#: ``obj.name`` or ``obj['name']`` of an object held in a variable.
_PROPERTY = re.compile(
    rf"^({_NAME})\s*(?:\.\s*({_NAME})|\[\s*'([^']*)'\s*\]|\[\s*\"([^\"]*)\"\s*\])$"
)
#: An element's attribute read: ``$(el).data('no')``, ``$(el).attr('data-no')`` (with
#: ``.closest(sel)`` / ``.parent()`` steps), ``el.dataset.no``, ``el.getAttribute('x')``.
_ATTR_READ = re.compile(
    rf"^(?:(?:\$|jQuery)\s*\(\s*(?P<jq>{_NAME}(?:\.{_NAME})?)\s*\)"
    r"(?P<steps>(?:\s*\.\s*(?:closest|parents|parent)\s*\(\s*(?:'[^']*'|\"[^\"]*\")?\s*\))*)"
    r"\s*\.\s*(?P<how>data|attr)\s*\(\s*['\"](?P<key>[\w\-]+)['\"]\s*\)"
    rf"|(?P<el>{_NAME}(?:\.{_NAME})?)\s*\.\s*(?:dataset\s*\.\s*(?P<ds>{_NAME})"
    r"|getAttribute\s*\(\s*['\"](?P<ga>[\w\-]+)['\"]\s*\)))$"
)
_STEP = re.compile(r"\.\s*(closest|parents|parent)\s*\(\s*(?:'([^']*)'|\"([^\"]*)\")?\s*\)")


def _is_this(ref: str, env: dict[str, object]) -> bool:
    """Whether ``ref`` names the clicked element: ``this``, a parameter holding it, or the
    event's ``currentTarget`` / ``target``."""
    ref = re.sub(r"\s+", "", ref)
    if ref == "this" or env.get(ref) is _THIS:
        return True
    owner, _, prop = ref.partition(".")
    return env.get(owner) is _EVENT and prop in ("currentTarget", "target")


def _attribute(run: _Run, term: str, env: dict[str, object]) -> str | None:
    """The value of an attribute of the clicked element (or an ancestor) that ``term``
    reads, None when ``term`` reads none; an attribute the element lacks is unknown."""
    m = _ATTR_READ.match(term)
    if not m:
        return None
    owner = m.group("jq") or m.group("el")
    if not _is_this(owner, env) or run.element is None:
        return None
    node: LexborNode | None = run.element
    for step in _STEP.finditer(m.group("steps") or ""):
        node = _climb(node, step.group(1), step.group(2) or step.group(3) or "")
    if node is None:
        raise _Unknown(term)
    if m.group("how") == "attr" or m.group("ga"):
        keys = [m.group("key") or m.group("ga")]
    else:
        keys = _data_keys(m.group("key") or m.group("ds"))
    for key in keys:
        value = node.attributes.get(key.lower())
        if value is not None:
            return value
    raise _Unknown(term)


def _data_keys(key: str) -> list[str]:
    """The attribute names ``data(key)`` or ``dataset.key`` may read (``postNo`` is
    ``data-post-no``; ``post_no`` is ``data-post_no``)."""
    kebab = re.sub(r"([A-Z])", lambda c: "-" + c.group(1).lower(), key)
    return [f"data-{kebab}", f"data-{key}"]


def _climb(node: LexborNode | None, how: str, selector: str) -> LexborNode | None:
    """``.parent()`` or the nearest ancestor (``closest`` includes the node) matching
    ``selector``."""
    if node is None:
        return None
    if how == "parent":
        return node.parent
    anc: LexborNode | None = node if how == "closest" else node.parent
    while anc is not None and anc.tag not in ("html", "-document"):
        try:
            if not selector or anc.css_matches(selector):
                return anc
        except Exception:  # noqa: BLE001 - a selector of the page's own making
            return None
        anc = anc.parent
    return None


def _typeof(run: _Run, name: str, env: dict[str, object]) -> str:
    """``typeof name`` where it is known: a missing argument, a page function, a value."""
    name = name.strip().strip("()").strip()
    if name in env:
        value = env[name]
        if value is _UNDEFINED:
            return "undefined"
        if isinstance(value, dict) or value in (_THIS, _EVENT):
            return "object"
        raise _Unknown(name)  # a string or a number: our values do not tell
    if name in run.scripts.functions:
        return "function"
    if name in run.scripts.constants:
        return "string"
    raise _Unknown(name)


def _object(run: _Run, text: str, env: dict[str, object], depth: int) -> dict[str, str | None]:
    """An object literal ``{no: 123, 'mode': m}``: each property's value, None where it is
    computed in a way we do not read."""
    if matching(text, 0) != len(text) - 1:
        raise _Unknown(text)
    out: dict[str, str | None] = {}
    for part in split_top(text[1:-1], ","):
        pieces = split_top(part, ":")
        if len(pieces) < 2:
            continue
        key = pieces[0].strip().strip("'\"")
        try:
            out[key] = _eval(run, ":".join(pieces[1:]), env, depth)
        except _Unknown:
            out[key] = None
    return out


def _template(run: _Run, term: str, env: dict[str, object], depth: int) -> str:
    body = term[1:-1]
    return re.sub(r"\$\{([^}]*)\}", lambda m: _eval(run, m.group(1), env, depth), body)


def _body_of(run: _Run, name: str, body: str) -> list[_Stmt]:
    """The statements of the function ``name``; a malformed body is noted on the run."""
    try:
        return run.scripts.statements(body)
    except _Malformed:
        run.malformed = run.malformed or f"{name}() is malformed or cut short"
        raise


def _call(run: _Run, name: str, args: list[str], env: dict[str, object], depth: int) -> str:
    short = name.rsplit(".", 1)[-1]
    if name in _PASS_THROUGH or short in _PASS_THROUGH:
        return _eval(run, args[0], env, depth) if args else ""
    if name in _INERT or short in _INERT:
        return ""
    fn = run.scripts.functions.get(name) or run.scripts.functions.get(short)
    if fn is None:
        query = _query_setter(run, name, args, env, depth)
        if query is not None:
            return query
    if fn is None or depth >= _MAX_DEPTH:
        if fn is None and name.split(".")[0] not in ("$", "jQuery", "document", "window"):
            run.missing.append(name)
        raise _Unknown(name)
    params, body = fn
    local: dict[str, object] = {}
    for i, param in enumerate(params):
        if i < len(args):
            arg = args[i].strip()
            try:
                if arg == "this" or env.get(arg) is _THIS or _is_this(arg, env):
                    local[param] = _THIS
                elif arg.startswith("{"):
                    local[param] = _object(run, arg, env, depth)
                else:
                    local[param] = _eval(run, arg, env, depth)
            except _Unknown:
                local[param] = _Unknown
        else:
            local[param] = _UNDEFINED
    try:
        _exec(run, _body_of(run, name, body), local, depth + 1)
    except _Return as ret:
        if ret.value is None:
            raise _Unknown(name) from None
        return ret.value
    raise _Unknown(name)


#: A helper the page calls but does not define, whose name says that it sets one parameter
#: of a query string (``ItgJs.fn_replaceQueryString(q, 'page', 2)``, ``setUrlParam(u, 'no',
#: n)``), called as (query, 'name', value): read as doing just that.
_QUERY_SETTER = re.compile(
    r"(?i)^(?:fn)?(?:set|replace|add|update|put|change)(?:url)?(?=query|param)"
    r"(?:query(?:string)?)?(?:param(?:eter)?)?s?$"
)


def _query_setter(
    run: _Run, name: str, args: list[str], env: dict[str, object], depth: int
) -> str | None:
    """The query ``name(query, 'key', value)`` returns when ``name`` is an undefined
    query-parameter setter (by its name), else None; the run notes how it was read."""
    short = name.rsplit(".", 1)[-1].replace("_", "")
    if len(args) != 3 or not _QUERY_SETTER.match(short) or args[1].strip()[:1] not in "'\"":
        return None
    key = _literal(args[1].strip())
    query, value = _eval(run, args[0], env, depth), _eval(run, args[2], env, depth)
    run.via = run.via or (
        f"read taking {name}(), which the page does not define, by its name: it sets a"
        " query parameter"
    )
    return set_param(query, key, value)


def set_param(query: str, key: str, value: str) -> str:
    """``query`` (``a=1&b=2``, ``?a=1`` or an address with a query) with ``key`` set to
    ``value``: its first occurrence replaced in place, others dropped, else appended."""
    head, mark, tail = query.partition("?")
    if not mark and ("=" in head or not head):
        head, tail = "", head
    elif not mark:
        mark = "?"
    tail, hash_, fragment = tail.partition("#")
    pairs, done = [], False
    for pair in filter(None, tail.split("&")):
        if pair.split("=", 1)[0] != key:
            pairs.append(pair)
        elif not done:
            pairs.append(f"{key}={value}")
            done = True
    if not done:
        pairs.append(f"{key}={value}")
    return head + mark + "&".join(pairs) + hash_ + fragment
