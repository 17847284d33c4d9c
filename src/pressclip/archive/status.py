"""`pressclip status`: what an archive holds and what keeps failing, board by board.

Read from a read-only store (:func:`pressclip.archive.store.open_store` with
``readonly=True``): each board's name, list URL, last run and how it went, its posts and
saved files, and the posts and downloads that failed, with their reason and the number of
runs they failed in (given up after ``max_runs``, until ``archive --retry-failed``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from ..errors import PressclipError
from ..urls import post_key
from .store import MAX_RUNS, Store

#: What `status` says when no config was found.
NONE = "none (no --config, PRESSCLIP_CONFIG, ./boards.toml or user config)"


@dataclass
class Failing:
    """A post or a download that failed: its address, why, and in how many runs."""

    url: str
    reason: str
    runs: int
    given_up: bool
    name: str | None = None  # a download: the file's name
    post: str | None = None  # a download: its post's address


@dataclass
class BoardStatus:
    """One board of the archive."""

    name: str
    url: str
    last_run: str | None
    ok: bool | None
    outcome: str | None
    posts: int = 0
    files: int = 0
    failing_posts: list[Failing] = field(default_factory=list)
    failing_files: list[Failing] = field(default_factory=list)


def archive_status(
    store: Store, board: str | None = None, max_runs: int = MAX_RUNS
) -> list[BoardStatus]:
    """Every board of the archive (or the one named ``board``, by name or list URL; a
    PressclipError when there is none), with its counts and failures."""
    new = store.version >= 5  # last_ok, last_outcome, key and failed_runs came with 5
    rows = store.q(
        "SELECT id, name, url, last_run, "
        + ("last_ok, last_outcome, key" if new else "NULL AS last_ok, NULL AS last_outcome")
        + " FROM boards ORDER BY name"
    )
    if board is not None:
        key = post_key(board)
        rows = [r for r in rows if board in (r["name"], r["url"]) or (new and key == r["key"])]
        if not rows:
            raise PressclipError(f"no board {board!r} in this archive (see `pressclip status`)")
    boards = {
        int(r["id"]): BoardStatus(
            r["name"],
            r["url"],
            r["last_run"],
            None if r["last_ok"] is None else bool(r["last_ok"]),
            r["last_outcome"],
        )
        for r in rows
    }
    _count(store, boards)
    _failures(store, boards, max_runs, new)
    return list(boards.values())


def _count(store: Store, boards: dict[int, BoardStatus]) -> None:
    """Each board's archived posts and saved files."""
    for r in store.q(
        "SELECT board_id, count(*) AS n FROM posts WHERE revision_id IS NOT NULL GROUP BY board_id"
    ):
        if int(r["board_id"]) in boards:
            boards[int(r["board_id"])].posts = int(r["n"])
    for r in store.q(
        "SELECT p.board_id, count(*) AS n FROM attachments a JOIN posts p "
        "ON p.revision_id = a.revision_id WHERE a.path IS NOT NULL GROUP BY p.board_id"
    ):
        if int(r["board_id"]) in boards:
            boards[int(r["board_id"])].files = int(r["n"])


def _failures(store: Store, boards: dict[int, BoardStatus], max_runs: int, new: bool) -> None:
    """Each board's failing posts and downloads, oldest first."""
    for r in store.q("SELECT board_id, url, reason, runs FROM failures ORDER BY last_try, key"):
        if int(r["board_id"]) in boards:
            runs = int(r["runs"])
            boards[int(r["board_id"])].failing_posts.append(
                Failing(r["url"], _reason(r["reason"], r["url"]), runs, runs >= max_runs)
            )
    runs_sql = "a.failed_runs" if new else "1"
    for r in store.q(
        f"SELECT p.board_id, a.name, a.url, p.url AS post_url, a.error, {runs_sql} AS runs "
        "FROM attachments a JOIN posts p ON p.revision_id = a.revision_id "
        "WHERE a.error IS NOT NULL ORDER BY a.id"
    ):
        if int(r["board_id"]) in boards:
            runs = int(r["runs"])
            url = r["url"] or ""
            found = Failing(url, _reason(r["error"], url), runs, runs >= max_runs)
            found.name, found.post = r["name"], r["post_url"]
            boards[int(r["board_id"])].failing_files.append(found)


def _reason(reason: str, url: str) -> str:
    """A stored reason without the address it starts with (the status shows it already)."""
    return reason.removeprefix(f"{url}: ") if url else reason


def totals(boards: list[BoardStatus]) -> dict[str, int]:
    """The archive's (or the shown boards') totals."""
    failing = [f for b in boards for f in b.failing_posts + b.failing_files]
    return {
        "boards": len(boards),
        "posts": sum(b.posts for b in boards),
        "files": sum(b.files for b in boards),
        "failing_posts": sum(len(b.failing_posts) for b in boards),
        "failing_files": sum(len(b.failing_files) for b in boards),
        "given_up": sum(f.given_up for f in failing),
    }


def status_json(boards: list[BoardStatus], used: Mapping[str, str | None]) -> str:
    """The status as one JSON document: ``config`` and ``database`` used, boards, totals."""
    document: dict[str, Any] = {
        **used,
        "boards": [asdict(b) for b in boards],
        "totals": totals(boards),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def status_text(boards: list[BoardStatus], used: Mapping[str, str | None]) -> str:
    """The status as text: what was read, a block a board, a totals line."""
    lines = [f"{key}: {NONE if value is None else value}" for key, value in used.items()]
    for b in boards:
        lines.append(f"board {b.name}  {b.url}")
        if b.last_run is None:
            lines.append("  last run: never")
        else:
            how = "" if b.ok is None else (" ok" if b.ok else " failed")
            detail = f" ({b.outcome})" if b.outcome else ""
            lines.append(f"  last run: {b.last_run}{how}{detail}")
        lines.append(f"  posts: {b.posts:,}, files: {b.files:,}")
        for f in b.failing_posts:
            lines.append(f"  failing post {f.url}: {f.reason} ({_runs(f)})")
        for f in b.failing_files:
            lines.append(f"  failing file {f.name!r} of {f.post}: {f.reason} ({_runs(f)})")
    t = totals(boards)
    lines.append(
        f"total: {t['boards']:,} boards, {t['posts']:,} posts, {t['files']:,} files, "
        f"{t['failing_posts']:,} failing posts, {t['failing_files']:,} failing files "
        f"({t['given_up']:,} given up)"
    )
    return "\n".join(lines) + "\n"


def _runs(f: Failing) -> str:
    runs = f"failed in {f.runs} run{'s' if f.runs != 1 else ''}"
    return f"{runs}, given up: --retry-failed tries it again" if f.given_up else runs
