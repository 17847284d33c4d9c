"""What the code of one call refers to while it is read: the state of the reading
(:class:`Run`), the forms and form fields its references name, and the attributes of the
clicked element (``this``) and its ancestors."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from .jscode import NAME, Unknown
from .jspage import BAD_SELECTOR, Form, Scripts
from .jsquery import form_url

_FORM_REF = [
    re.compile(rf"^document\s*\.\s*forms\s*\[\s*['\"]({NAME})['\"]\s*\]"),
    re.compile(r"^document\s*\.\s*forms\s*\[\s*(\d+)\s*\]"),
    re.compile(rf"^document\s*\.\s*forms\s*\.\s*({NAME})"),
    re.compile(r"^document\s*\.\s*getElementById\s*\(\s*['\"]([\w\-]+)['\"]\s*\)"),
    re.compile(r"^document\s*\.\s*querySelector\s*\(\s*['\"](?:form)?[#]?([\w\-]+)['\"]\s*\)"),
    re.compile(r"^(?:\$|jQuery)\s*\(\s*['\"]#([\w\-]+)['\"]\s*\)(?:\s*\[\s*0\s*\]|\.get\(0\))?"),
    re.compile(
        r"^(?:\$|jQuery)\s*\(\s*['\"]form\[name=['\"]?([\w\-]+)['\"]?\]['\"]\s*\)"
        r"(?:\s*\[\s*0\s*\]|\.get\(0\))?"
    ),
    re.compile(rf"^document\s*\.\s*({NAME})"),
]


@dataclass
class Run:
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


class Return(Exception):
    def __init__(self, value: str | None) -> None:
        self.value = value


class Done(Exception):
    """The navigation was found."""


def go(run: Run, url: str | None) -> None:
    if url:
        run.url = url
        raise Done


def split_scope(selector: str) -> tuple[str, str]:
    """``#frm > input[name=x]`` → (``input[name=x]``, ``#frm``): the last compound selector
    and what comes before it ('' when nothing does)."""
    parts = re.split(r"\s*>\s*|\s+", selector.strip())
    return parts[-1], " ".join(parts[:-1])


def form_by_selector(run: Run, selector: str) -> Form | None:
    """The form a jQuery selector names: ``#id``, ``form#id``, ``form[name=x]``,
    ``[name=x]``, ``form.x``-less forms by name or id."""
    sel = selector.strip()
    m = re.fullmatch(r"(?:form)?#([\w\-]+)", sel) or re.fullmatch(
        r"(?:form)?\[\s*(?:name|id)\s*=\s*['\"]?([\w\-]+)['\"]?\s*\]", sel
    )
    return run.scripts.form(m.group(1)) if m else None


def key_of(run: Run, form: Form) -> str:
    return form.name or form.ident or f"#{run.scripts.forms.index(form)}"


#: The form of an element: ``el.form``, ``$(el).closest('form')``, ``el.closest('form')``.
_OWN_FORM = re.compile(
    rf"^(?:({NAME})\s*\.\s*form|(?:\$|jQuery)\s*\(\s*({NAME})\s*\)\s*\.\s*(?:closest|parents)"
    rf"\s*\(\s*['\"]form['\"]\s*\)(?:\s*\[\s*0\s*\]|\s*\.\s*get\s*\(\s*0\s*\)|\s*\.\s*first\s*\(\s*\))?"
    rf"|({NAME})\s*\.\s*closest\s*\(\s*['\"]form['\"]\s*\))$"
)
#: ``$(f)`` of a variable holding a form.
_WRAPPED = re.compile(rf"^(?:\$|jQuery)\s*\(\s*({NAME})\s*\)$")
#: The ``this`` of an onclick, passed to a function (``submitForm(this, …)``).
THIS = object()
#: The event object a click handler receives (``e.currentTarget`` is the element).
EVENT = object()
#: A parameter no argument was passed for (``typeof x === 'undefined'``).
UNDEFINED = object()


def form_key(run: Run, ref: str, env: dict[str, object]) -> str | None:
    """The form a reference such as ``document.frm``, ``$('#frm')[0]`` or ``obj.form``
    (``obj`` being the clicked element) names."""
    ref = ref.strip()
    if ref in run.aliases:
        return run.aliases[ref]
    if ref in run.scripts.globals and ref not in env:  # a form the page's load code names
        return form_key(run, run.scripts.globals[ref], {})
    m = _OWN_FORM.match(ref)
    if m and ref.split(".")[0].strip() != "document":  # document.form is a form's name
        name = m.group(1) or m.group(2) or m.group(3)
        return run.this_form if name == "this" or env.get(name) is THIS else None
    m = _WRAPPED.match(ref)
    if m and m.group(1) in run.aliases:
        return run.aliases[m.group(1)]
    for pattern in _FORM_REF:
        m = pattern.match(ref)
        if m and m.end() == len(ref):
            key = m.group(1)
            form = run.scripts.form(f"#{key}" if key.isdigit() else key)
            if form is not None:
                return key_of(run, form)
    return None


#: A form field's value read: ``frm.name.value``, ``frm['a.b'].value``.
_FIELD_GET = re.compile(
    r"^(.*?\S)\s*(?:\.\s*elements\s*\[\s*['\"]([\w\-.]+)['\"]\s*\]|\.\s*([\w$]+)"
    r"|\[\s*['\"]([\w\-.]+)['\"]\s*\])\s*\.\s*value$",
    re.DOTALL,
)


def read_field(run: Run, term: str, env: dict[str, object]) -> str | None:
    """The value of a form field ``term`` reads: as set earlier in this run, else as the
    page's HTML gives it; None when ``term`` reads no field of a known form."""
    m = _FIELD_GET.match(term)
    if not m:
        return None
    key = form_key(run, m.group(1), env)
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


def submit(run: Run, key: str) -> None:
    form = run.scripts.form(key)
    if form is None:
        return
    if run.unsure:  # a field was set where we could not follow: its value is unknown
        raise Unknown(key)
    action = run.actions.get(key, form.action) or (run.base or "")
    names = {name for name, _, _ in form.fields}
    values = {k: v for k, v in run.loose.items() if k in names}
    values.update(run.fields.get(key, {}))
    run.posted = form.method == "post"
    go(run, form_url(action, form, values))


#: An element's attribute read: ``$(el).data('no')``, ``$(el).attr('data-no')`` (with
#: ``.closest(sel)`` / ``.parent()`` steps), ``el.dataset.no``, ``el.getAttribute('x')``.
_ATTR_READ = re.compile(
    rf"^(?:(?:\$|jQuery)\s*\(\s*(?P<jq>{NAME}(?:\.{NAME})?)\s*\)"
    r"(?P<steps>(?:\s*\.\s*(?:closest|parents|parent)\s*\(\s*(?:'[^']*'|\"[^\"]*\")?\s*\))*)"
    r"\s*\.\s*(?P<how>data|attr)\s*\(\s*['\"](?P<key>[\w\-]+)['\"]\s*\)"
    rf"|(?P<el>{NAME}(?:\.{NAME})?)\s*\.\s*(?:dataset\s*\.\s*(?P<ds>{NAME})"
    r"|getAttribute\s*\(\s*['\"](?P<ga>[\w\-]+)['\"]\s*\)))$"
)
_STEP = re.compile(r"\.\s*(closest|parents|parent)\s*\(\s*(?:'([^']*)'|\"([^\"]*)\")?\s*\)")


def is_this(ref: str, env: dict[str, object]) -> bool:
    """Whether ``ref`` names the clicked element: ``this``, a parameter holding it, or the
    event's ``currentTarget`` / ``target``."""
    ref = re.sub(r"\s+", "", ref)
    if ref == "this" or env.get(ref) is THIS:
        return True
    owner, _, prop = ref.partition(".")
    return env.get(owner) is EVENT and prop in ("currentTarget", "target")


def element_attribute(run: Run, term: str, env: dict[str, object]) -> str | None:
    """The value of an attribute of the clicked element (or an ancestor) that ``term``
    reads, None when ``term`` reads none; an attribute the element lacks is unknown."""
    m = _ATTR_READ.match(term)
    if not m:
        return None
    owner = m.group("jq") or m.group("el")
    if not is_this(owner, env) or run.element is None:
        return None
    node: LexborNode | None = run.element
    for step in _STEP.finditer(m.group("steps") or ""):
        node = _climb(node, step.group(1), step.group(2) or step.group(3) or "")
    if node is None:
        raise Unknown(term)
    if m.group("how") == "attr" or m.group("ga"):
        keys = [m.group("key") or m.group("ga")]
    else:
        keys = _data_keys(m.group("key") or m.group("ds"))
    for key in keys:
        value = node.attributes.get(key.lower())
        if value is not None:
            return value
    raise Unknown(term)


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
        except BAD_SELECTOR:  # a selector of the page's own making
            return None
        anc = anc.parent
    return None
