"""URLs from pages, headers and the command line, parsed without surprises.

:mod:`urllib.parse` raises ``ValueError`` for a bracketed host that is not an IPv6 address
(``http://[x/``) and, on ``.port``, for a port outside 0–65535; these helpers turn that into a
:class:`~pressclip.errors.PressclipError` (or None where a bad link is simply skipped), and keep
credentials (``user:password@``) out of anything printed or stored. :func:`post_key` is a
post's identity, shared by the crawl (each post fetched once) and the archive.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from .errors import PressclipError

_USERINFO = re.compile(r"(?<=//)[^/?#@\s]*@")


class BadURL(PressclipError):
    """A URL that cannot be parsed (bad host brackets, port out of range, …)."""


def split(url: str) -> SplitResult:
    """``urlsplit(url)`` with its host and port checked; BadURL when they are malformed."""
    try:
        parts = urlsplit(url)
        _ = parts.hostname
        _ = parts.port  # raises for a port that is not a number in 0–65535
    except ValueError as exc:
        raise BadURL(f"{redact(url)}: malformed URL ({exc})") from None
    return parts


def valid(url: str | None) -> bool:
    """Whether ``url`` parses (see :func:`split`)."""
    if not url:
        return False
    try:
        split(url)
    except BadURL:
        return False
    return True


def join(base: str | None, link: str) -> str | None:
    """``link`` resolved against ``base``; None when either is malformed."""
    try:
        target = urljoin(base, link) if base else link
    except ValueError:
        return None
    return target if valid(target) else None


def query_of(url: str) -> str:
    """The query string of ``url`` ('' when it does not parse)."""
    try:
        return urlsplit(url).query
    except ValueError:
        return ""


def redact(url: str) -> str:
    """``url`` without a ``user:password@`` part (also inside longer text, e.g. a message)."""
    return _USERINFO.sub("", url)


def without_credentials(url: str) -> str:
    """``url`` with no user name or password in its authority (for storing)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return redact(url)
    if "@" not in parts.netloc:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def host_key(url: str) -> str:
    """``scheme://host[:port]`` lowercased, without credentials: what robots.txt and the
    per-host delay are kept by. BadURL when the URL is malformed."""
    parts = split(url)
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    port = f":{parts.port}" if parts.port is not None else ""
    return f"{parts.scheme.lower()}://{host}{port}"


_DEFAULT_PORTS = {"http": 80, "https": 443}


def origin(url: str) -> str:
    """The URL's origin, ``scheme://host[:port]`` lowercased with a default port left out
    (``http://h:80`` is ``http://h``): what headers and credentials given for a board are
    sent to. BadURL when the URL is malformed."""
    parts = split(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    port = parts.port if parts.port is not None else _DEFAULT_PORTS.get(scheme)
    shown = "" if port == _DEFAULT_PORTS.get(scheme) else f":{port}"
    return f"{scheme}://{host}{shown}"


#: Query parameters that never identify a post: sessions, tracking, list state and search.
DROP_PARAMS = frozenset(
    p.lower()
    for p in (
        "PHPSESSID",
        "jsessionid",
        "sid",
        "page",
        "sca",
        "sfl",
        "stx",
        "sop",
        "sst",
        "sod",
        "spt",
        "sw",
        "pageIndex",
        "pageUnit",
        "searchWrd",
        "searchCnd",
        "searchCondition",
        "searchKeyword",
        "search_target",
        "search_keyword",
        "listStyle",
        "cpage",
        "pageid",
        "fbclid",
        "gclid",
        "_ga",
    )
)
_PATH_SESSION = re.compile(r";jsessionid=[^/?#]*", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}


#: The fragment of a post whose page reads session storage its list row's click set (see
#: fetch.clicks): ``view.html#sessionStorage:postNo=12``. It is the post's identity where every
#: row opens the same address, so :func:`post_key` keeps it.
STORAGE_FRAGMENT = "sessionStorage:"


def with_session_storage(url: str, items: dict[str, str]) -> str:
    """``url`` with ``items`` (session storage its page reads) as its fragment, sorted."""
    if not items:
        return url
    base = url.split("#", 1)[0]
    return f"{base}#{STORAGE_FRAGMENT}{urlencode(sorted(items.items()))}"


def session_storage(url: str) -> dict[str, str]:
    """The session storage a :func:`with_session_storage` URL names ({} for any other)."""
    fragment = url.split("#", 1)[1] if "#" in url else ""
    if not fragment.startswith(STORAGE_FRAGMENT):
        return {}
    return dict(parse_qsl(fragment[len(STORAGE_FRAGMENT) :], keep_blank_values=True))


def post_key(url: str) -> str:
    """A post's identity: scheme and host lowercased, default port, fragment (but a
    :data:`STORAGE_FRAGMENT`), session and tracking parameters dropped, the remaining query
    sorted (``wr_id``, ``nttId`` … kept)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # a malformed host or port: the URL as it is is the best key
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if port and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    path = _PATH_SESSION.sub("", parts.path) or "/"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in DROP_PARAMS and not k.lower().startswith("utm_")
    ]
    fragment = parts.fragment if parts.fragment.startswith(STORAGE_FRAGMENT) else ""
    return urlunsplit((scheme, host, path, urlencode(sorted(query)), fragment))
