"""`pressclip feed` order and limit on both stores: newest by the board's date, then (posts of
one date, or none) by their place in the board's list; ``--limit`` is the query's."""

from __future__ import annotations

import datetime as dt
import itertools
import re

from test_archive import BoardServer, FakeBoard, cli

from pressclip.archive.store import base as base_mod


def entry_ids(feed: str) -> list[int]:
    return [int(n) for n in re.findall(r"<entry>\s*<id>[^<]*wr_id=(\d+)", feed)]


def test_feed_after_first_run_is_newest_first_and_limited(capsys, monkeypatch, db):
    board = FakeBoard(count=23)  # three list pages, every post of the same date
    ticks = itertools.count()  # a run that spans many seconds: each stamp a second later
    start = dt.datetime(2026, 12, 7, tzinfo=dt.timezone.utc)
    monkeypatch.setattr(
        base_mod,
        "now",
        lambda: (start + dt.timedelta(seconds=next(ticks))).isoformat(timespec="seconds"),
    )
    with BoardServer(board) as server:
        code, _, err = cli(
            capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0
        )
        assert code == 0, err
        read: list[int] = []
        real = base_mod.Store._record

        def counted(self, row):
            read.append(1)
            return real(self, row)

        monkeypatch.setattr(base_mod.Store, "_record", counted)
        code, out, err = cli(capsys, monkeypatch, "feed", "--db", db, "--limit", 3)
        assert code == 0, err
        assert entry_ids(out) == [23, 22, 21]  # not the oldest, stored last in the run
        assert len(read) == 3  # the limit is the query's: three posts read, not 23
        for _ in range(2):
            board.add()
        assert (
            cli(capsys, monkeypatch, "archive", server.list_url(), "--db", db, "--delay", 0)[0] == 0
        )
    code, out, _ = cli(capsys, monkeypatch, "feed", "--db", db, "--limit", 4)
    assert code == 0 and entry_ids(out) == [25, 24, 23, 22]
