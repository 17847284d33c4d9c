"""Politeness across processes and machines: one request at a time per host, and the delay
between two requests to it, whoever sends them.

A :class:`HostLease` is a gate for :class:`pressclip.fetch.http.Fetcher`: before a request
it takes the host's row in ``host_leases`` with ``SELECT … FOR UPDATE`` in a transaction of
its own connection, waits until the delay since the host's last request has passed (by the
database's clock, the one clock all workers share), and keeps the row locked while the
request runs; releasing stamps the end and commits. Another worker asking for the same host
waits on the row lock meanwhile. A worker killed mid-request loses its connection, and
PostgreSQL drops its transaction and so its lease: nothing stays locked.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from .store.postgres import connect


class HostLease:
    """Host leases in a PostgreSQL database; one open lease at a time per object (a
    Fetcher sends one request at a time)."""

    def __init__(self, url: str) -> None:
        self.conn: Any = connect(url)
        self.held: str | None = None
        self._guard = threading.Lock()
        self.waited = 0.0  # seconds spent waiting for leases (for benchmarks)

    def acquire(self, host: str, delay: float) -> None:
        """Hold ``host`` once no one else does and ``delay`` seconds have passed since the
        end of its last request."""
        with self._guard:
            if self.held is not None:  # a response never closed: its lease ends now
                self._release()
            start = time.monotonic()
            self.conn.execute(
                "INSERT INTO host_leases(host) VALUES (%s) ON CONFLICT DO NOTHING", (host,)
            )
            self.conn.execute("BEGIN")
            row = self.conn.execute(
                "SELECT EXTRACT(EPOCH FROM clock_timestamp() - last_end)::float8 AS since "
                "FROM host_leases WHERE host = %s FOR UPDATE",
                (host,),
            ).fetchone()
            since = row["since"]
            if since is not None and since < delay:
                time.sleep(delay - since)
            self.held = host
            self.waited += time.monotonic() - start

    def release(self, host: str) -> None:
        """The request to ``host`` is over: stamp its end and let the next one go."""
        with self._guard:
            if self.held == host:
                self._release()

    def _release(self) -> None:
        try:
            self.conn.execute(
                "UPDATE host_leases SET last_end = clock_timestamp() WHERE host = %s",
                (self.held,),
            )
            self.conn.execute("COMMIT")
        finally:
            self.held = None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> HostLease:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
