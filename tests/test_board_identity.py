"""A board is its normalised list URL; its name is a label: the same URL from the command
line and from boards.toml (with `name =`) is one board, and renaming it keeps its history.
Both stores."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from test_archive import BoardServer, FakeBoard, cli, ids_in, views
from test_readonly import downgrade_to_4


def config(path: Path, url: str, name: str) -> Path:
    path.write_text(f'[[board]]\nurl = "{url}"\nname = "{name}"\n', encoding="utf-8")
    return path


def test_cli_url_then_named_config_board_then_renamed(capsys, monkeypatch, db, tmp_path):
    board = FakeBoard(count=12)
    cfg = tmp_path / "boards.toml"
    with BoardServer(board) as server:
        url = server.list_url()
        code, _, err = cli(capsys, monkeypatch, "archive", url, "--db", db, "--delay", 0)
        assert code == 0 and err == "board 127.0.0.1/press: 12 new, 0 changed, 0 failed\n"
        server.take_log()
        # the same board, spelt another way, under a name: nothing is fetched again
        config(cfg, url.replace("http://127.0.0.1", "HTTP://127.0.0.1") + "&page=1", "hansol")
        args = ("archive", "--config", cfg, "--db", db, "--delay", 0)
        code, _, err = cli(capsys, monkeypatch, *args)
        assert code == 0 and err == "board hansol: 0 new, 0 changed, 0 failed\n"
        assert views(server.take_log()) == []
        # the URL from the command line and the config in one run: one board, the config's
        code, _, err = cli(capsys, monkeypatch, *args, url)
        assert code == 0 and err == "board hansol: 0 new, 0 changed, 0 failed\n"
        config(cfg, url, "한솔군 보도자료")  # renamed
        board.add()
        code, _, err = cli(capsys, monkeypatch, *args)
        assert code == 0 and err == "board 한솔군 보도자료: 1 new, 0 changed, 0 failed\n"
        assert views(server.take_log()) == [13]
    assert ids_in(db) == list(range(1, 14))
    _, out, _ = cli(capsys, monkeypatch, "status", "--db", db, "-f", "json")
    (only,) = json.loads(out)["boards"]
    assert (only["name"], only["posts"]) == ("한솔군 보도자료", 13)
    _, out, _ = cli(capsys, monkeypatch, "export", "--db", db)
    assert {json.loads(line)["board"] for line in out.splitlines()} == {"한솔군 보도자료"}
    code, out, _ = cli(capsys, monkeypatch, "status", "--db", db, "--board", url + "&page=3")
    assert code == 0 and "board 한솔군 보도자료  " in out


def test_archive_with_one_board_twice_is_migrated(capsys, monkeypatch, tmp_path):
    """An archive of schema 4 in which one URL became two boards (a name from the command
    line, one from the config): the migration keeps both boards' posts, and the next runs
    walk the first only."""
    path = tmp_path / "press.sqlite"
    board = FakeBoard(count=3)
    with BoardServer(board) as server:
        url = server.list_url()
        assert cli(capsys, monkeypatch, "archive", url, "--db", path, "--delay", 0)[0] == 0
        downgrade_to_4(path)
        con = sqlite3.connect(path)
        con.execute("UPDATE boards SET name = 'cli-name'")
        con.execute("INSERT INTO boards(name, url) VALUES ('config-name', ?)", (url,))
        con.commit()
        con.close()
        cfg = config(tmp_path / "boards.toml", url, "config-name")
        board.add()
        code, _, err = cli(
            capsys, monkeypatch, "archive", "--config", cfg, "--db", path, "--delay", 0
        )
        assert code == 0 and err == "board config-name: 1 new, 0 changed, 0 failed\n"
    code, out, _ = cli(capsys, monkeypatch, "status", "--db", path, "-f", "json")
    boards = {b["name"]: b["posts"] for b in json.loads(out)["boards"]}
    assert boards == {"config-name": 4, "config-name (board 2)": 0}
