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
deeper than :data:`.jscode.MAX_NESTING`) is refused before it is parsed, so reading stays linear.

The reading is in parts: :mod:`.jscode` reads the source (comments, brackets, statements),
:mod:`.jspage` what the page defines, :mod:`.jsrefs` what a reference names (forms, fields,
the clicked element) and :mod:`.jsquery` builds addresses; this module runs the statements.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlencode

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..urls import join
from .jscode import (
    NAME,
    Malformed,
    Stmt,
    Unknown,
    check_brackets,
    literal,
    matching,
    parse_block,
    split_top,
    strip_comments,
)
from .jspage import CLICK_HANDLER, Form, Result, Scripts, defined_names, read_scripts
from .jsquery import form_url, set_param
from .jsrefs import (
    EVENT,
    THIS,
    UNDEFINED,
    Done,
    Return,
    Run,
    element_attribute,
    form_by_selector,
    form_key,
    go,
    is_this,
    key_of,
    read_field,
    split_scope,
    submit,
)

__all__ = [
    "CLICK_HANDLER",
    "Form",
    "Result",
    "Scripts",
    "check_brackets",
    "defined_names",
    "form_url",
    "matching",
    "parse_block",
    "read_scripts",
    "resolve",
    "resolve_click",
    "set_param",
    "split_top",
    "strip_comments",
]

_CALL = re.compile(rf"^({NAME}(?:\s*\.\s*{NAME})*)\s*\(")
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


def resolve(
    code: str, scripts: Scripts, base: str | None = None, element: LexborNode | None = None
) -> Result:
    """The address a ``javascript:`` link or ``onclick`` opens, read from the page's code.

    ``element`` is the element the code belongs to (``this``): its form is ``this.form``,
    ``$(this).closest('form')`` and the like, in the code and in the functions it calls."""
    code = code.strip()
    if code.lower().startswith("javascript:"):
        code = code[len("javascript:") :]
    run = Run(scripts, base)
    run.this_form = scripts.enclosing_form(element)
    run.element = element
    return _finish(run, scripts, base, lambda: _exec(run, parse_block(strip_comments(code)), {}, 0))


def resolve_click(
    scripts: Scripts, tree: LexborHTMLParser, element: LexborNode, base: str | None = None
) -> Result:
    """The address the click handlers bound to ``element`` by the page's scripts open
    (``$('.list a').on('click', function () { … $(this).data('no') … })``)."""
    indexes = scripts.bound_ids(tree).get(element.mem_id, [])
    run = Run(scripts, base)
    run.this_form = scripts.enclosing_form(element)
    run.element = element

    def handlers() -> None:
        for i in indexes:
            _, params, body = scripts.handlers[i]
            env: dict[str, object] = {"this": THIS}
            env.update({p: EVENT for p in params[:1]})
            try:
                _exec(run, _body_of(run, "a click handler", body), env, 1)
            except (Return, Unknown):
                continue

    return _finish(run, scripts, base, handlers)


def _finish(run: Run, scripts: Scripts, base: str | None, work: Callable[[], None]) -> Result:
    """Run ``work`` (reading code on ``run``) and say where it goes, or why not."""
    malformed = ""
    try:
        work()
    except Done:
        pass
    except Malformed as exc:
        malformed = str(exc)
    except (Return, Unknown, RecursionError):
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


def _exec(run: Run, stmts: list[Stmt], env: dict[str, object], depth: int) -> None:
    for stmt in stmts:
        run.steps += 1
        run.scripts.steps += 1
        if run.steps > _MAX_STEPS or run.scripts.steps > _PAGE_STEPS:
            raise Unknown("too long")
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


def _either(run: Run, stmt: Stmt, env: dict[str, object], depth: int) -> None:
    """A branch on a condition we cannot read: the code where it holds, or, when that code
    cannot be read either (it fails, or leaves a value unknown), the code where it does not
    (undoing what the first one set)."""
    saved = dict(env), {k: dict(v) for k, v in run.fields.items()}, dict(run.loose)
    try:
        _exec(run, stmt.then, env, depth)
        if not any(v is Unknown and saved[0].get(k) is not Unknown for k, v in env.items()):
            return
    except Unknown:
        pass
    env.clear()
    env.update(saved[0])
    run.fields, run.loose = saved[1], saved[2]
    _exec(run, stmt.otherwise, env, depth)


def _switch(run: Run, stmt: Stmt, env: dict[str, object], depth: int) -> None:
    try:
        value: str | None = _eval(run, stmt.cond or "", env, depth)
    except Unknown:
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
        return literal(label)
    except Unknown:
        return label


def _truth(run: Run, cond: str, env: dict[str, object], depth: int) -> bool | None:
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
        except Unknown:
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
    except Unknown:
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


def _typeof_undefined(run: Run, left: str, right: str, env: dict[str, object]) -> bool | None:
    """``typeof x == 'undefined'``: whether ``x`` is undefined, where we know whether it is
    (an argument passed or not, a page function or constant); None otherwise."""
    if right.startswith("typeof"):
        left, right = right, left
    if not left.startswith("typeof") or right.strip("'\"") != "undefined" or right[:1] not in "'\"":
        return None
    name = left[len("typeof") :].strip().strip("()").strip()
    if name in env:
        return None if env[name] is Unknown else env[name] is UNDEFINED
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
    if value is Unknown:
        return None
    return value is UNDEFINED


_LOCATION = re.compile(
    r"^(?:(?:window|self|top|parent|document)\s*\.\s*)*location(?:\s*\.\s*href)?\s*=(?!=)\s*(.+)$"
)
_LOCATION_CALL = re.compile(
    r"^(?:(?:window|self|top|parent|document)\s*\.\s*)*"
    r"(?:location\s*\.\s*(?:replace|assign)|open)\s*\((.+)\)$"
)
_ASSIGN = re.compile(rf"^(?:(?:var|let|const)\s+)?({NAME})\s*=(?!=)\s*(.+)$")
_JQ_VAL = re.compile(r"^(?:\$|jQuery)\s*\(\s*(['\"])(.+?)\1\s*\)\s*\.\s*val\s*\((.+)\)$", re.DOTALL)
_JQ_ATTR = re.compile(
    r"^(?:\$|jQuery)\s*\(\s*(['\"])(.+?)\1\s*\)\s*\.\s*attr\s*\(\s*['\"](action|value)['\"]\s*,"
    r"(.+)\)$",
    re.DOTALL,
)
_JQ_SUBMIT = re.compile(
    r"^(?:\$|jQuery)\s*\(\s*(['\"])(.+?)\1\s*\)\s*\.\s*(?:submit\s*\(\s*\)|trigger\s*\(\s*['\"]submit)"
)


def _simple(run: Run, text: str, env: dict[str, object], depth: int) -> None:
    """One statement: navigation, a form field, a form action or submit, a call, a variable."""
    text = text.strip().rstrip(";").strip()
    if text.startswith("return"):
        rest = text[len("return") :].strip()
        value = None
        if rest:
            try:
                value = _eval(run, rest, env, depth)
            except Unknown:
                value = None
        raise Return(value)
    if _SIDE_EFFECT.match(text):
        return  # storage, history and cookies: they change no address
    if _ajax(run, text, env, depth):
        return
    m = _LOCATION.match(text)
    if m:
        go(run, _eval(run, m.group(1), env, depth))
    m = _LOCATION_CALL.match(text)
    if m:
        go(run, _eval(run, split_top(m.group(1), ",")[0], env, depth))
    if _jquery(run, text, env, depth):
        return
    form_stmt = _form_statement(run, text, env, depth)
    if form_stmt:
        return
    m = _ASSIGN.match(text)
    if m and m.group(2).strip().startswith("{"):
        try:
            env[m.group(1)] = _object(run, m.group(2).strip(), env, depth)
        except Unknown:
            env[m.group(1)] = Unknown
        return
    if m:
        target = form_key(run, m.group(2).strip(), env)
        if target is not None:
            run.aliases[m.group(1)] = target
            return
        try:
            env[m.group(1)] = _eval(run, m.group(2), env, depth)
        except Unknown:
            env[m.group(1)] = Unknown
        return
    m = _VALUE_SET.search(text)
    if m:  # a field set where we cannot follow it: a form submitted after it would lie
        owner = text[: m.start()].strip()
        if owner != "this" and env.get(owner) is not THIS:  # not the clicked button's label
            run.unsure = True
        return
    if _CALL.match(text):
        try:
            _eval(run, text, env, depth)
        except Unknown:
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


def _ajax(run: Run, text: str, env: dict[str, object], depth: int) -> bool:
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
    go(run, f"{url}{'&' if '?' in url else '?'}{query}" if query else url)
    return True


def _ajax_parts(
    run: Run, kind: str, args: list[str], env: dict[str, object], depth: int
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
    except Unknown:
        return None, {}
    if any(v is None for v in data.values()):
        return None, {}  # a value we cannot read: the address would lie
    return url or None, data


def _object_source(text: str) -> dict[str, str]:
    """An object literal's properties as their source text."""
    if matching(text, 0) != len(text) - 1:
        raise Unknown(text)
    out: dict[str, str] = {}
    for part in split_top(text[1:-1], ","):
        pieces = split_top(part, ":")
        if len(pieces) >= 2:
            out[pieces[0].strip().strip("'\"")] = ":".join(pieces[1:]).strip()
    return out


#: An assignment to some element's value (``x.value = …``, ``$(x).val(v)``).
_VALUE_SET = re.compile(r"\.\s*value\s*=(?!=)")
_VAL_CALL = re.compile(r"\.\s*val\s*\(\s*[^)\s]|\.\s*attr\s*\(\s*['\"]value['\"]")


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


def _jquery(run: Run, text: str, env: dict[str, object], depth: int) -> bool:
    m = _ANY_SUBMIT.match(text)
    if m:  # $(obj).closest('form').submit(), $(f).submit() of a form held in a variable
        held = form_key(run, m.group(1), env)
        if held is not None:
            submit(run, held)
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
        except Unknown:
            return True  # a value computed from the page: the field keeps its default
        field_sel, scope = split_scope(selector)
        key = re.search(r"\[name\s*=\s*['\"]?([\w\-.]+)", field_sel)
        where = re.match(r"#([\w\-]+)$", field_sel)
        name = key.group(1) if key else where.group(1) if where else None
        owner = run.scripts.form_of_field(name) if name else None
        scoped = form_by_selector(run, scope) if scope else None
        if key and scoped is not None:
            run.fields.setdefault(key_of(run, scoped), {})[key.group(1)] = value
        elif key:
            run.loose[key.group(1)] = value
        elif owner is not None:
            run.fields.setdefault(key_of(run, owner[0]), {})[owner[1]] = value
        else:
            raise Unknown(selector)
        return True
    m = _JQ_ATTR.match(text)
    if m:
        form = form_by_selector(run, m.group(2))
        if form is not None and m.group(3) == "action":
            run.actions[key_of(run, form)] = _eval(run, m.group(4), env, depth)
            return True
    m = _JQ_SUBMIT.match(text)
    if m:
        form = form_by_selector(run, m.group(2))
        if form is not None:
            submit(run, key_of(run, form))
        return True
    return False


_FIELD_SET = re.compile(
    r"^(.*?\S)\s*(?:\.\s*elements\s*\[\s*['\"]([\w\-.]+)['\"]\s*\]|\.\s*([\w$]+)"
    r"|\[\s*['\"]([\w\-.]+)['\"]\s*\])\s*\.\s*value\s*=(?!=)\s*(.+)$",
    re.DOTALL,
)
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


def _form_statement(run: Run, text: str, env: dict[str, object], depth: int) -> bool:
    m = _BY_NAME_SET.match(text)
    if m:  # the first element of that name: set in whichever form holds it
        run.loose[m.group(1)] = _eval(run, m.group(2), env, depth)
        return True
    m = _BY_ID_SET.match(text)
    if m:
        owner = run.scripts.form_of_field(m.group(1))
        if owner is None:
            raise Unknown(m.group(1))
        run.fields.setdefault(key_of(run, owner[0]), {})[owner[1]] = _eval(
            run, m.group(2), env, depth
        )
        return True
    m = _SUBMIT.match(text)
    if m:
        key = form_key(run, m.group(1), env)
        if key is not None:
            submit(run, key)
            return True
    m = _ACTION_SET.match(text)
    if m:
        key = form_key(run, m.group(1), env)
        if key is not None:
            run.actions[key] = _eval(run, m.group(2) or m.group(3), env, depth)
            return True
    m = _FIELD_SET.match(text)
    if m:
        key = form_key(run, m.group(1), env)
        if key is not None:
            name = m.group(2) or m.group(3) or m.group(4)
            form = run.scripts.form(key)
            if form is not None and name not in {n for n, _, _ in form.fields}:
                name = form.ids.get(name, name)
            run.fields.setdefault(key, {})[name] = _eval(run, m.group(5), env, depth)
            return True
    return False


def _eval(run: Run, expr: str, env: dict[str, object], depth: int) -> str:
    """A string expression: literals, numbers, known names, ``+``, and calls to the page's
    functions that return a value; anything else raises :class:`Unknown`."""
    branches = split_top(expr.strip(), "?")
    if len(branches) == 2:
        options = split_top(branches[1], ":")
        if len(options) == 2:
            chosen = _truth(run, branches[0], env, depth)
            if chosen is None:
                raise Unknown(expr)
            return _eval(run, options[0] if chosen else options[1], env, depth)
    terms = split_top(expr.strip(), "+")
    if len(terms) > 1:
        return "".join(_eval(run, t, env, depth) for t in terms)
    term = terms[0].strip()
    if not term:
        raise Unknown(expr)
    if term[0] in "'\"":
        return literal(term)
    if term[0] == "`":
        return _template(run, term, env, depth)
    if re.fullmatch(r"-?\d+(?:\.\d+)?", term):
        return term
    if term[0] == "(" and matching(term, 0) == len(term) - 1:
        return _eval(run, term[1:-1], env, depth)
    if term.startswith("typeof"):
        return _typeof(run, term[len("typeof") :].strip(), env)
    attribute = element_attribute(run, term, env)
    if attribute is not None:
        return attribute
    field_value = read_field(run, term, env)
    if field_value is not None:
        return field_value
    prop = _PROPERTY.match(term)
    held = env.get(prop.group(1)) if prop else None
    if prop and isinstance(held, dict):
        found = held.get(prop.group(2) or prop.group(3) or prop.group(4))
        if not isinstance(found, str):
            raise Unknown(term)
        return found
    if term in env:
        value = env[term]
        if value is Unknown or not isinstance(value, str):
            raise Unknown(term)
        return value
    if term in run.scripts.constants:
        return run.scripts.constants[term]
    m = _CALL.match(term)
    if m and matching(term, m.end() - 1) == len(term) - 1:
        name = re.sub(r"\s+", "", m.group(1))
        args = [a for a in split_top(term[m.end() : -1], ",") if a.strip()]
        return _call(run, name, args, env, depth)
    raise Unknown(term)


#: ``obj.name`` or ``obj['name']`` of an object held in a variable.
_PROPERTY = re.compile(
    rf"^({NAME})\s*(?:\.\s*({NAME})|\[\s*'([^']*)'\s*\]|\[\s*\"([^\"]*)\"\s*\])$"
)


def _typeof(run: Run, name: str, env: dict[str, object]) -> str:
    """``typeof name`` where it is known: a missing argument, a page function, a value."""
    name = name.strip().strip("()").strip()
    if name in env:
        value = env[name]
        if value is UNDEFINED:
            return "undefined"
        if isinstance(value, dict) or value in (THIS, EVENT):
            return "object"
        raise Unknown(name)  # a string or a number: our values do not tell
    if name in run.scripts.functions:
        return "function"
    if name in run.scripts.constants:
        return "string"
    raise Unknown(name)


def _object(run: Run, text: str, env: dict[str, object], depth: int) -> dict[str, str | None]:
    """An object literal ``{no: 123, 'mode': m}``: each property's value, None where it is
    computed in a way we do not read."""
    if matching(text, 0) != len(text) - 1:
        raise Unknown(text)
    out: dict[str, str | None] = {}
    for part in split_top(text[1:-1], ","):
        pieces = split_top(part, ":")
        if len(pieces) < 2:
            continue
        key = pieces[0].strip().strip("'\"")
        try:
            out[key] = _eval(run, ":".join(pieces[1:]), env, depth)
        except Unknown:
            out[key] = None
    return out


def _template(run: Run, term: str, env: dict[str, object], depth: int) -> str:
    body = term[1:-1]
    return re.sub(r"\$\{([^}]*)\}", lambda m: _eval(run, m.group(1), env, depth), body)


def _body_of(run: Run, name: str, body: str) -> list[Stmt]:
    """The statements of the function ``name``; a malformed body is noted on the run."""
    try:
        return run.scripts.statements(body)
    except Malformed:
        run.malformed = run.malformed or f"{name}() is malformed or cut short"
        raise


def _call(run: Run, name: str, args: list[str], env: dict[str, object], depth: int) -> str:
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
        raise Unknown(name)
    params, body = fn
    local: dict[str, object] = {}
    for i, param in enumerate(params):
        if i < len(args):
            arg = args[i].strip()
            try:
                if arg == "this" or env.get(arg) is THIS or is_this(arg, env):
                    local[param] = THIS
                elif arg.startswith("{"):
                    local[param] = _object(run, arg, env, depth)
                else:
                    local[param] = _eval(run, arg, env, depth)
            except Unknown:
                local[param] = Unknown
        else:
            local[param] = UNDEFINED
    try:
        _exec(run, _body_of(run, name, body), local, depth + 1)
    except Return as ret:
        if ret.value is None:
            raise Unknown(name) from None
        return ret.value
    raise Unknown(name)


#: A helper the page calls but does not define, whose name says that it sets one parameter
#: of a query string (``ItgJs.fn_replaceQueryString(q, 'page', 2)``, ``setUrlParam(u, 'no',
#: n)``), called as (query, 'name', value): read as doing just that.
_QUERY_SETTER = re.compile(
    r"(?i)^(?:fn)?(?:set|replace|add|update|put|change)(?:url)?(?=query|param)"
    r"(?:query(?:string)?)?(?:param(?:eter)?)?s?$"
)


def _query_setter(
    run: Run, name: str, args: list[str], env: dict[str, object], depth: int
) -> str | None:
    """The query ``name(query, 'key', value)`` returns when ``name`` is an undefined
    query-parameter setter (by its name), else None; the run notes how it was read."""
    short = name.rsplit(".", 1)[-1].replace("_", "")
    if len(args) != 3 or not _QUERY_SETTER.match(short) or args[1].strip()[:1] not in "'\"":
        return None
    key = literal(args[1].strip())
    query, value = _eval(run, args[0], env, depth), _eval(run, args[2], env, depth)
    run.via = run.via or (
        f"read taking {name}(), which the page does not define, by its name: it sets a"
        " query parameter"
    )
    return set_param(query, key, value)
