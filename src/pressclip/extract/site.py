"""Site profiles without code: a TOML file holding a :class:`~.profile.Profile`.

The keys are the Profile's own field names (see ``extract/profile.py``), so a site profile
says what a built-in engine module says::

    engine = "hanbit-press"
    title = [".view_head h3"]
    date = [".view_head .date"]
    body = ["#viewContent"]
    rows = ["ul.press_list > li"]
    row_link = ["a.subject"]
    row_date = [".date"]
    pager = [".paging"]

    [js_links]                     # function → URL template ({0} = first argument …)
    fn_view = "/press/view.do?seq={0}"
    "submitForm(*, 'view', *)" = "/index.html?menuno=1202&bbsno={2}&act=view"

Selector keys take a string or a list of strings (alternatives, first match wins);
``body_largest_cell`` is a boolean. A ``js_links`` name may carry an argument pattern,
``name(*, 'literal', *)``: the template applies only to calls whose arguments match (``*``
matches anything), so one function can open posts, pages and files by its second argument.
"""

from __future__ import annotations

import dataclasses
import functools
import sys
from pathlib import Path
from typing import Any, get_type_hints

from ..errors import PressclipError
from .profile import CALL_PATTERN, Profile

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_FIELDS = {f.name: f for f in dataclasses.fields(Profile)}


def load_profile(path: str | Path) -> Profile:
    """The Profile in the TOML file at ``path``; a PressclipError saying what is wrong."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PressclipError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PressclipError(f"{path}: cannot read: {exc}") from None
    return profile_from_toml(text, str(path), default_engine=path.stem)


def profile_from_toml(
    text: str, where: str = "profile", default_engine: str = "site", *, check: bool = True
) -> Profile:
    """A Profile from TOML text (see the module docstring for the keys); ``check=False``
    leaves the CSS selectors unparsed (the built-in profiles' are checked by the tests)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PressclipError(f"{where}: invalid TOML: {exc}") from None
    return profile_from_dict(data, where, default_engine, check=check)


def profile_from_dict(
    data: dict[str, Any], where: str, default_engine: str = "site", *, check: bool = True
) -> Profile:
    """A Profile from a parsed TOML table, every key checked against Profile's fields."""
    unknown = sorted(set(data) - set(_FIELDS))
    if unknown:
        known = ", ".join(sorted(_FIELDS))
        raise PressclipError(f"{where}: unknown key {unknown[0]!r} (known keys: {known})")
    hints = _hints()
    values: dict[str, Any] = {"engine": default_engine}
    for key, raw in data.items():
        values[key] = _value(key, raw, hints[key], where, check)
    return Profile(**values)


@functools.cache
def _hints() -> dict[str, Any]:
    """Profile's field types (evaluated once: annotations are strings here)."""
    return get_type_hints(Profile)


#: The built-in engines (``extract/engines/NAME.toml``), in the order they are tried: the
#: generic table board, which claims any page with a 제목 table, last.
ENGINES = ("gnuboard5", "gnuboard4", "xe", "kboard", "egov", "table")
ENGINE_DIR = Path(__file__).with_name("engines")


def builtin_profiles() -> tuple[Profile, ...]:
    """The built-in engines' profiles, written in the site-profile format."""
    return tuple(
        profile_from_toml(
            (ENGINE_DIR / f"{name}.toml").read_text(encoding="utf-8"),
            f"engines/{name}.toml",
            name,
            check=False,
        )
        for name in ENGINES
    )


def _value(key: str, raw: Any, hint: Any, where: str, check: bool = True) -> Any:
    if key == "js_links":
        return _templates(raw, where)
    if hint is bool:
        if not isinstance(raw, bool):
            raise PressclipError(f"{where}: {key!r} must be true or false")
        return raw
    if hint is str:
        if not isinstance(raw, str) or not raw:
            raise PressclipError(f"{where}: {key!r} must be a non-empty string")
        return raw
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list) or not all(isinstance(s, str) and s for s in items):
        raise PressclipError(f"{where}: {key!r} must be a string or a list of strings")
    if check and key not in ("detect_text", "detect_labels", "detect_headers", "context_markers"):
        for selector in items:
            _check_selector(selector, key, where)
    return tuple(items)


def _check_selector(selector: str, key: str, where: str) -> None:
    from selectolax.lexbor import LexborHTMLParser, SelectolaxError

    try:
        LexborHTMLParser("<p></p>").css_first(selector)
    except SelectolaxError as exc:  # lexbor's own error for a bad selector
        raise PressclipError(f"{where}: {key!r}: bad CSS selector {selector!r}: {exc}") from None


def _templates(raw: Any, where: str) -> tuple[tuple[str, str], ...]:
    """``[js_links]`` as a table (name = template) or a list of [name, template] pairs."""
    pairs = list(raw.items()) if isinstance(raw, dict) else raw
    out: list[tuple[str, str]] = []
    if not isinstance(pairs, list):
        raise PressclipError(f"{where}: 'js_links' must be a table of name = template")
    for pair in pairs:
        if (
            not isinstance(pair, list | tuple)
            or len(pair) != 2
            or not all(isinstance(s, str) and s for s in pair)
        ):
            raise PressclipError(f"{where}: 'js_links' entries are name = \"template\" strings")
        name, template = pair
        if "(" in name and not CALL_PATTERN.match(name):
            raise PressclipError(f"{where}: js_links: bad call pattern {name!r}")
        out.append((name, template))
    return tuple(out)
