"""Politeness across processes and machines: one request at a time per host, and the delay
between two requests to it, whoever sends them.

A :class:`HostLease` is a gate for :class:`pressclip.fetch.http.Fetcher`: before a request
it takes the host's row in ``host_leases`` with ``SELECT … FOR UPDATE`` in a transaction of
its own connection, waits until the delay since the host's last request has passed (by the
database's clock, the one clock all workers share), and keeps the row locked while the
request runs; releasing stamps the end and commits. Another worker asking for the same host
waits on the row lock meanwhile. A worker killed mid-request loses its connection, and
PostgreSQL drops its transaction and so its lease: nothing stays locked.

A worker that is stopped, not killed (SIGSTOP, a frozen machine) keeps its connection: its
lease session has ``idle_in_transaction_session_timeout`` set to ``hold_limit`` (longer than
any request may take), so PostgreSQL ends the transaction, and the lease, after that long.
A lease that ended so is given up quietly; the next one opens a new connection.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import psycopg

from .store.postgres import connect

#: Seconds a lease may be held by default: the default request deadline (120 s) and delay
#: (1 s) with a margin for a slow database.
DEFAULT_HOLD_LIMIT = 180.0
#: What the lease connection raises once PostgreSQL has ended an idle lease.
_ENDED = (psycopg.errors.IdleInTransactionSessionTimeout, psycopg.OperationalError)
#: Seconds added to a request's deadline and delay for the lease that covers it.
HOLD_MARGIN = 60.0


class HostLease:
    """Host leases in a PostgreSQL database; one open lease at a time per object (a
    Fetcher sends one request at a time)."""

    def __init__(self, url: str, hold_limit: float = DEFAULT_HOLD_LIMIT) -> None:
        """``hold_limit``: seconds a lease may be held at most (a request's deadline and the
        delay before it, with a margin)."""
        self.url = url
        self.hold_limit = hold_limit
        self.conn: Any = self._connect()
        self.held: str | None = None
        self._guard = threading.Lock()
        self.waited = 0.0  # seconds spent waiting for leases (for benchmarks)

    def _connect(self) -> Any:
        """The lease connection, whose open transaction PostgreSQL ends after
        ``hold_limit`` seconds idle (and so frees the host of a frozen worker)."""
        conn = connect(self.url)
        limit = f"{max(1, round(self.hold_limit * 1000))}"
        conn.execute(
            "SELECT set_config('idle_in_transaction_session_timeout', %s, false)", (limit,)
        )
        return conn

    def acquire(self, host: str, delay: float) -> None:
        """Hold ``host`` once no one else does and ``delay`` seconds have passed since the
        end of its last request."""
        with self._guard:
            if self.held is not None:  # a response never closed: its lease ends now
                self._release()
            if self.conn.closed:
                self.conn = self._connect()
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
        except _ENDED:  # held past hold_limit: PostgreSQL ended the lease
            self.conn.close()
        finally:
            self.held = None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> HostLease:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
