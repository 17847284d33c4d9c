"""Where a board's requests may go: its site, and public addresses.

- The site: the board's host and its subdomains (``www.`` left off the board's host, so
  ``www.x.go.kr`` allows ``file.x.go.kr``), and the hosts a config lists (``hosts = [...]``).
  Posts, pagers, redirects and files elsewhere are not fetched.
- Addresses: a host that resolves to a loopback, private, link-local or other non-public
  address (however it is written: ``2130706434``, ``0x7f000002``, ``[::ffff:127.0.0.2]``) is
  refused, on every hop, unless the board itself is on such an address (a board on an
  intranet, or the test suite's on 127.0.0.1).

The address is checked when the request is made, not pinned for the connection: a host
whose DNS answer changes between the check and the connection (DNS rebinding) is a known gap.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..errors import PressclipError
from ..urls import BadURL, split


def host_of(url: str) -> str:
    """The URL's host name, lowercased, without brackets ('' when malformed)."""
    try:
        return (split(url).hostname or "").lower().rstrip(".")
    except BadURL:
        return ""


def site_of(host: str) -> str:
    """The site a board's host stands for: the host without a leading ``www.``."""
    return host[4:] if host.startswith("www.") and host.count(".") >= 2 else host


def same_site(url: str, page: str) -> bool:
    """Whether ``url`` is on the page's site: the same host once a leading ``www.`` is
    dropped, or a subdomain of it (``static.x.kr`` for ``www.x.kr``); never a parent domain,
    which may be a public suffix (``or.kr`` for ``kidp.or.kr``)."""
    try:
        a, b = split(url).hostname or "", split(page).hostname or ""
    except PressclipError:
        return False
    a, b = a.lower().removeprefix("www."), b.lower().removeprefix("www.")
    return bool(a) and (a == b or a.endswith("." + b))


@dataclass
class Scope:
    """The sites a Fetcher may reach (empty: any), and whether non-public addresses are
    allowed (decided by the first board URL's own address, see :meth:`bind`)."""

    sites: tuple[str, ...] = ()
    internal: bool | None = None  # None: not known until the board's address is looked up
    _verdicts: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def of(cls, urls: Iterable[str], hosts: Iterable[str] = ()) -> Scope:
        """The scope of boards at ``urls``, with the extra ``hosts`` of their config."""
        sites = [site_of(host_of(u)) for u in urls] + [h.lower().strip(".") for h in hosts]
        return cls(tuple(dict.fromkeys(s for s in sites if s)))

    def allows(self, url: str) -> bool:
        """Whether ``url`` is on one of the sites (always, for a scope without sites)."""
        if not self.sites:
            return True
        host = host_of(url)
        return any(host == site or host.endswith("." + site) for site in self.sites)

    def bind(self, url: str) -> None:
        """Allow non-public addresses when the board at ``url`` is on one itself."""
        if self.internal is None:
            self.internal = non_public(host_of(url)) is not None

    def refusal(self, url: str) -> str | None:
        """Why ``url`` may not be fetched, or None: off the site, or a non-public address."""
        if not self.allows(url):
            sites = ", ".join(self.sites)
            return f"outside the board's site ({sites}; a config's hosts = [...] adds hosts)"
        self.bind(url)  # the first URL looked at is the board's (or the user's)
        if self.internal:
            return None
        host = host_of(url)
        if host not in self._verdicts:
            self._verdicts[host] = non_public(host)
        found = self._verdicts[host]
        return None if found is None else f"refused: {host} is a non-public address ({found})"


def non_public(host: str) -> str | None:
    """The first non-public address ``host`` resolves to (or is), or None: loopback,
    private, link-local, multicast, reserved, unspecified, an IPv4 mapped into IPv6."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return None  # does not resolve: the request fails on its own
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        if not address.is_global:
            return str(address)
    return None
