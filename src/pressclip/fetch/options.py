"""How a :class:`~pressclip.fetch.http.Fetcher` behaves: :class:`FetchOptions`, whose
defaults are those of :mod:`pressclip.fetch.defaults` (the CLI's too).

Light on purpose: the command line reads these defaults at every start, before it knows
whether a command goes to the network, so nothing here imports requests.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import PressclipError
from . import defaults

if TYPE_CHECKING:
    import requests

DEFAULT_USER_AGENT = defaults.USER_AGENT
#: Largest value of a seconds option (a week): anything larger is a mistake, and inf or nan
#: would break the socket and timer calls.
MAX_SECONDS = 7 * 86_400.0


@dataclass
class FetchOptions:
    """How a :class:`Fetcher` behaves; the CLI's options map onto these one to one."""

    user_agent: str = DEFAULT_USER_AGENT
    timeout: float = defaults.TIMEOUT  # connect and read timeout (socket level), seconds
    deadline: float = defaults.DEADLINE  # one request, headers and body, wall clock, s
    retries: int = defaults.RETRIES
    backoff: float = 0.5  # seconds, doubled each retry, plus jitter
    max_retry_after: float = 60.0  # longest Retry-After honoured, seconds
    max_bytes: int = defaults.MAX_BYTES
    max_redirects: int = 10
    delay: float = defaults.DELAY  # between two requests to one host, seconds
    respect_robots: bool = True
    headers: dict[str, str] = field(default_factory=dict)  # sent to header_origins only
    #: The origins (``scheme://host[:port]``, see :func:`pressclip.urls.origin`) that get
    #: ``headers``; None: the origin of the first URL the Fetcher is asked for.
    header_origins: tuple[str, ...] | None = None
    cookies: Any = None  # an http.cookiejar.CookieJar whose cookies every request carries
    #: Called with each response (and its request) once its body is read: the hook for
    #: ``--verbose`` and ``--warc``. ``body`` is None for a response refused before its
    #: body was read (or a download not read to its end).
    recorder: Callable[[requests.Response, bytes | None], None] | None = None
    #: Called every :data:`WAIT_NOTICE` seconds while a request waits for its answer (the
    #: connection, then the response's headers), with its URL and the seconds waited so far:
    #: the hook for ``--verbose`` (a host that accepts and never answers is seen waiting).
    on_wait: Callable[[str, float], None] | None = None

    def __post_init__(self) -> None:
        for name in ("timeout", "deadline", "backoff", "max_retry_after", "delay"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or not 0 <= value <= MAX_SECONDS:
                raise PressclipError(
                    f"{name} must be between 0 and {MAX_SECONDS:g} s, not {value!r}"
                )
        if self.timeout <= 0 or self.deadline <= 0:
            raise PressclipError("timeout and deadline must be more than 0 s")
        for name in ("retries", "max_bytes", "max_redirects"):
            if type(getattr(self, name)) is not int or getattr(self, name) < 0:
                raise PressclipError(f"{name} must be a whole number ≥ 0")
        for header, value in self.headers.items():
            check_header(header, value)


_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")


def check_header(name: str, value: str) -> None:
    """A PressclipError naming the header unless HTTP can send it: a token for a name, and a
    value of Latin-1 characters without line breaks (which would start another header)."""
    if not isinstance(name, str) or not _TOKEN.fullmatch(name):
        raise PressclipError(f"header {name!r}: not a valid header name")
    if not isinstance(value, str) or any(c in value for c in "\r\n\0"):
        raise PressclipError(f"header {name}: a value may not hold line breaks or NUL")
    try:
        value.encode("latin-1")
    except UnicodeEncodeError:
        raise PressclipError(
            f"header {name}: the value has characters HTTP cannot send (only Latin-1)"
        ) from None
