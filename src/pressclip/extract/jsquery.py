"""The addresses a navigation call builds: a form's submission as a GET address, and a
query string with one parameter set."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .jspage import Form

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
