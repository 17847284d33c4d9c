"""Config discovery: --config, PRESSCLIP_CONFIG, ./boards.toml, then
$XDG_CONFIG_HOME/pressclip/boards.toml; every command takes its `db` from the config found,
and `status` says which config and database it used."""

from __future__ import annotations

from pathlib import Path

from test_archive import BoardServer, FakeBoard, cli, ids_in

from pressclip.archive.store import is_postgres


def write_config(path: Path, db: str, *urls: str, name: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    boards = "".join(
        f'[[board]]\nurl = "{u}"\n' + (f'name = "{name}"\n' if name else "") for u in urls
    )
    path.write_text(f'[defaults]\ndb = "{db}"\ndelay = 0\n\n{boards}', encoding="utf-8")
    return path


def test_every_command_takes_db_from_boards_toml(capsys, monkeypatch, tmp_path, store_target):
    monkeypatch.chdir(tmp_path)
    db = store_target if is_postgres(store_target) else "press.sqlite"
    board = FakeBoard(count=3)
    with BoardServer(board) as server:
        write_config(tmp_path / "boards.toml", db, server.list_url())
        code, _, err = cli(capsys, monkeypatch, "archive")  # no flag at all
        assert code == 0 and err == "board 127.0.0.1/press: 3 new, 0 changed, 0 failed\n"
    target = store_target if is_postgres(store_target) else str(tmp_path / "press.sqlite")
    assert len(ids_in(target)) == 3
    assert not (tmp_path / "pressclip.sqlite").exists()
    for command in (("export",), ("search", "보도자료"), ("feed",)):
        code, out, err = cli(capsys, monkeypatch, *command)
        assert code == 0 and out, (command, err)
    code, out, _ = cli(capsys, monkeypatch, "status")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "config: boards.toml"
    assert lines[1] == ("database: " + (db if is_postgres(db) else "press.sqlite"))
    assert lines[-1].startswith("total: 1 boards, 3 posts, 3 files")


def test_order_of_places(capsys, monkeypatch, tmp_path):
    """Which database `status` opens (it names it: none of them exists here)."""
    home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)

    def opened(*more: object) -> str:
        code, out, err = cli(capsys, monkeypatch, "status", *more)
        assert code == 1 and out == "" and err.endswith(": no such database\n"), err
        return err.removeprefix("pressclip: error: ").removesuffix(": no such database\n")

    assert opened() == "pressclip.sqlite"
    write_config(home / "pressclip" / "boards.toml", "user.sqlite")
    assert opened() == str(home / "pressclip" / "user.sqlite")  # beside its config
    write_config(work / "boards.toml", "local.sqlite")
    assert opened() == "local.sqlite"  # ./boards.toml before the user's
    monkeypatch.setenv("PRESSCLIP_CONFIG", str(write_config(tmp_path / "n.toml", "named.sqlite")))
    assert opened() == str(tmp_path / "named.sqlite")
    given = write_config(tmp_path / "given.toml", "given.sqlite")
    assert opened("--config", given) == str(tmp_path / "given.sqlite")
    assert opened("--config", given, "--db", "other.sqlite") == "other.sqlite"
    monkeypatch.setenv("PRESSCLIP_DB", "env.sqlite")
    assert opened("--config", given) == "env.sqlite"


def test_missing_named_config_is_a_usage_error(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("PRESSCLIP_CONFIG", str(tmp_path / "gone.toml"))
    for command in (("status",), ("export",), ("archive",)):
        code, out, err = cli(capsys, monkeypatch, *command)
        assert code == 2 and out == ""
        assert err == f"pressclip: error: {tmp_path / 'gone.toml'}: no such file\n", command


def test_found_config_gives_its_boards_only_without_urls(capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    with BoardServer(FakeBoard("a", count=2), FakeBoard("b", count=1)) as server:
        write_config(tmp_path / "boards.toml", "press.sqlite", server.list_url("a"))
        code, _, err = cli(capsys, monkeypatch, "archive", server.list_url("b"))
        assert code == 0 and err == "board 127.0.0.1/b: 1 new, 0 changed, 0 failed\n"
        code, _, err = cli(capsys, monkeypatch, "archive")
        assert code == 0 and err == "board 127.0.0.1/a: 2 new, 0 changed, 0 failed\n"
