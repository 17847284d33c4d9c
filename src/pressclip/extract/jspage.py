"""What a page's scripts define, read once a page: functions, string constants, click
handlers bound with jQuery, globals pointing at a form, and the page's ``<form>`` elements
(see :mod:`pressclip.extract.jsnav`, which follows a call through them).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode, SelectolaxError

from .jscode import NAME, Malformed, Stmt, Unknown, brace_map, literal, parse_block, strip_comments

#: Names start where no name character precedes (else a long word is tried at each letter).
_START = r"(?<![\w$.])"
FUNC_DEF = re.compile(
    rf"(?:\bfunction\s+({NAME})\s*\(([^)]*)\)\s*\{{)"
    rf"|(?:(?:\b(?:var|let|const)\s+)?{_START}({NAME}(?:\.{NAME})*)\s*[=:]\s*function\s*"
    rf"(?:{NAME})?\s*\(([^)]*)\)\s*\{{)"
    rf"|(?:\b(?:var|let|const)\s+({NAME})\s*=\s*\(([^)]*)\)\s*=>\s*\{{)"
)
_VAR_STRING = re.compile(
    rf"\b(?:var|let|const)\s+({NAME})\s*=\s*(\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*')\s*[;\n]"
)
#: A page's functions read at most, and the longest body read (hostile pages stay linear).
_MAX_FUNCTIONS = 3000
_MAX_BODY = 20_000
#: What lexbor raises for a selector it cannot take: its own error for bad syntax, and
#: UnicodeEncodeError for a lone surrogate (a library caller's script text; a page's own
#: text has none once parsed).
BAD_SELECTOR = (SelectolaxError, UnicodeEncodeError)
#: Click handlers read a page, and elements one handler's selector may bind.
_MAX_HANDLERS = 200
_MAX_BOUND = 2000


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
    parsed: dict[str, list[Stmt] | None] = field(default_factory=dict)  # None: malformed
    steps: int = 0  # statements run for this page so far (see jsnav._PAGE_STEPS)
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
        except BAD_SELECTOR:  # an id that breaks the selector (a quote, a backslash)
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
                except BAD_SELECTOR:  # a selector of the page's own making
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

    def statements(self, body: str) -> list[Stmt]:
        """The parsed statements of a function body (parsed once a page); a malformed body
        raises :class:`Malformed` each time it is called."""
        if body not in self.parsed:
            try:
                self.parsed[body] = parse_block(body)
            except Malformed:
                self.parsed[body] = None
        stmts = self.parsed[body]
        if stmts is None:
            raise Malformed(body[:40])
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
    closing = brace_map(code)
    for m in FUNC_DEF.finditer(code):
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
            constants.setdefault(m.group(1), literal(m.group(2)))
        except Unknown:
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
    closing = brace_map(code)
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
    rf"(?<![\w$.])(?<!var )(?<!let )(?<!const )({NAME})\s*=(?!=)\s*"
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
    for m in FUNC_DEF.finditer(strip_comments(code)):
        name = m.group(1) or m.group(3) or m.group(5)
        names |= {name, name.rsplit(".", 1)[-1]}
        if len(names) > 2 * _MAX_FUNCTIONS:
            break
    return names


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
