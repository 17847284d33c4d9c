import contextlib
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from server import LocalServer

# Property tests draw the same examples on every run, so CI is reproducible; run with
# HYPOTHESIS_PROFILE=explore to search new ones (as was done with 20,000 examples).
settings.register_profile("default", derandomize=True, database=None)
settings.register_profile("explore", max_examples=5000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# A runner started in the background of a script (`pytest &`) inherits SIGINT ignored, and
# so would every CLI the tests start (Cli.spawn): their Ctrl-C tests would see a Ctrl-C that does
# nothing. The tests send Ctrl-C as a terminal does, so it is heard again here (an ignored
# signal stays ignored across exec; a handled one is reset to its default).
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / "shared"
#: The engine fixtures of ../shared (pages modelled on the five engines, with expected records).
BOARDS = SHARED / "fixtures" / "boards"
#: The scrape that started the project, as text and as the gnuboard5 page it came from.
SEED_TEXT = next(iter(sorted((SHARED / "seed").glob("*.txt"))), SHARED / "seed" / "missing.txt")
SEED_HTML = SHARED / "fixtures" / "seed" / "gnuboard5_view.html"
#: Our own example post (a scrape and its gnuboard5 page, with the seed's defects).
EXAMPLE = Path(__file__).parent / "fixtures" / "example_post.txt"
EXAMPLE_HTML = EXAMPLE.with_suffix(".html")

needs_boards = pytest.mark.skipif(not BOARDS.is_dir(), reason=f"engine fixtures not in {BOARDS}")
needs_seed = pytest.mark.skipif(
    not (SEED_TEXT.is_file() and SEED_HTML.is_file()), reason=f"seed not in {SHARED / 'seed'}"
)


@pytest.fixture(autouse=True)
def plain_log_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """`archive` stamps its lines with the time and board when stderr is no terminal (as in
    these tests, and their child processes); the tests read plain lines unless they ask for
    stamped ones (tests/test_runlog.py)."""
    monkeypatch.setenv("PRESSCLIP_LOG", "plain")


@pytest.fixture(autouse=True)
def no_user_config(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory):
    """No config is found but the test's own (tests/test_config.py): not the user's
    ~/.config/pressclip/boards.toml, nor a PRESSCLIP_CONFIG of the shell."""
    monkeypatch.delenv("PRESSCLIP_CONFIG", raising=False)
    monkeypatch.delenv("PRESSCLIP_DB", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg")))


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


# -- the command line ------------------------------------------------------------------------

#: What a run of the CLI gives back: (exit code, stdout, stderr).
Ran = tuple[int, str, str]


class Cli:
    """pressclip's command line, run as a user runs it.

    ``cli(*args)`` runs it in this process (the entry point of ``python -m pressclip``,
    with ``sys.argv``, stdin, stdout and stderr its own for the call): as a process would,
    but without starting Python and importing pressclip each time. What only a process
    shows takes :meth:`spawn` (a child to talk to: Ctrl-C, output read while it streams, a
    pipe closed early, file descriptors)."""

    def __call__(
        self,
        *args: object,
        stdin: bytes | None = None,
        env: dict[str, str] | None = None,
        cwd: Path | str | None = None,
    ) -> Ran:
        """Run ``pressclip ARGS`` in this process; ``stdin`` is what it reads (else the
        test's stdin), ``env`` is added to the environment and ``cwd`` is its folder for the
        call."""
        from pressclip.__main__ import main

        out, err = io.BytesIO(), io.BytesIO()
        streams = [io.TextIOWrapper(b, encoding="utf-8", write_through=True) for b in (out, err)]
        with pytest.MonkeyPatch.context() as patch:
            for name, value in (env or {}).items():
                patch.setenv(name, value)
            if cwd is not None:
                patch.chdir(cwd)
            patch.setattr(sys, "argv", ["pressclip", *map(str, args)])
            if stdin is not None:  # else the test's own (pytest's reads nothing)
                patch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), "utf-8"))
            patch.setattr(sys, "stdout", streams[0])
            patch.setattr(sys, "stderr", streams[1])
            code = _exit_code(main)
        return code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")

    def spawn(self, *args: object, env: dict[str, str] | None = None, **popen: object):
        """Start ``pressclip ARGS`` in a child process (stdout and stderr piped, unless
        ``popen`` says otherwise). Ctrl-C (SIGINT) interrupts it, as in a terminal: this
        runner handles SIGINT (see the top of this file), so the child starts with it at its
        default."""
        options: dict[str, object] = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
        return subprocess.Popen(_command(args), env=_child_env(env), **{**options, **popen})


def _command(args: tuple[object, ...]) -> list[str]:
    return [sys.executable, "-m", "pressclip", *map(str, args)]


def _child_env(env: dict[str, str] | None) -> dict[str, str] | None:
    return {**os.environ, **env} if env else None


def _exit_code(main) -> int:
    """Run ``main`` as the interpreter runs a script: its exit code (a message given to
    sys.exit is written to stderr, exit code 1)."""
    try:
        main()
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or 0
        sys.stderr.write(f"{exc.code}\n")
        return 1
    return 0


@pytest.fixture(scope="session")
def cli() -> Cli:
    """pressclip's command line (:class:`Cli`): ``cli(*args)`` in this process,
    ``cli.spawn(*args)`` in a child (one for the session: it keeps no state between
    calls, so module fixtures use it too)."""
    return Cli()


# -- a web server on 127.0.0.1 ------------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[LocalServer]:
    """A local web server for the test (tests/server.py): routes registered by the test,
    every request recorded, no network."""
    with LocalServer() as running:
        yield running


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A local port that refuses connections: bound (so nobody else takes it), not listening."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    try:
        yield sock.getsockname()[1]
    finally:
        sock.close()


# -- PostgreSQL: a real server in a temporary directory, once per test session ----------------


def _pg_bin() -> Path | None:
    """The folder of initdb/pg_ctl: on PATH, else Debian's /usr/lib/postgresql/N/bin."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3])
    )
    return versions[-1].parent if versions else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    """A PostgreSQL cluster in a temporary directory (as the ``postgres`` user when run as
    root, since initdb refuses root), listening on 127.0.0.1 on a free port."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.dir = Path(tempfile.mkdtemp(prefix="pressclip-pg-"))
        self.data = self.dir / "data"
        self.port = _free_port()
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            import pwd

            user = pwd.getpwnam("postgres")
            os.chown(self.dir, user.pw_uid, user.pw_gid)
            # runuser lives in /usr/sbin, which a cron or `env -i` PATH may lack
            runuser = shutil.which("runuser", path=f"{os.environ.get('PATH', '')}:/usr/sbin:/sbin")
            self.prefix = [runuser or "runuser", "-u", "postgres", "--"]
        self.databases = 0

    def run(self, *args: str) -> None:
        subprocess.run(
            [*self.prefix, *args], check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )

    def start(self) -> None:
        """initdb (``--no-sync``: the server runs with fsync off, so syncing the new cluster
        to disk is time for nothing) and start the server."""
        self.run(
            str(self.bindir / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres",
            "-E", "UTF8", "--no-locale", "--no-sync",
        )  # fmt: skip
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off"
        self.run(
            str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.dir / "log"),
            "-o", options + " -c max_connections=200", "-w", "start",
        )  # fmt: skip

    def stop(self) -> None:
        """Stop at once (``immediate``: no shutdown checkpoint, connections cut, which takes
        a fraction of a second) and remove the cluster, whose removal takes the time: each
        database is a copy of template1 (~7.5 MB, ~300 files)."""
        with contextlib.suppress(subprocess.CalledProcessError, OSError):
            self.run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh, empty database's URL."""
        import psycopg

        self.databases += 1
        name = f"test_{self.databases}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)


@contextlib.contextmanager
def running_postgres() -> Iterator[PgServer | None]:
    """A PostgreSQL server in a temporary directory for the block, or None when there are no
    server binaries (for the benchmarks, which report a missing server rather than skip)."""
    bindir = _pg_bin()
    if bindir is None:
        yield None
        return
    server = PgServer(bindir)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A running PostgreSQL server, or a skip saying why there is none."""
    bindir = _pg_bin()
    if bindir is None:
        if os.environ.get("PRESSCLIP_REQUIRE_PG"):  # CI installs PostgreSQL: never skip there
            pytest.fail("PRESSCLIP_REQUIRE_PG is set but initdb/pg_ctl are not found")
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found; .ci/run installs them")
    server = None
    try:
        server = PgServer(bindir)  # KeyError: root, but no postgres user
        server.start()
    except (subprocess.CalledProcessError, KeyError, OSError) as exc:
        if server is not None:
            server.stop()
        if os.environ.get("PRESSCLIP_REQUIRE_PG"):
            pytest.fail(f"cannot start a PostgreSQL server: {exc}")
        pytest.skip(f"cannot start a PostgreSQL server: {exc}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server: PgServer) -> str:
    """The URL of an empty PostgreSQL database for this test."""
    return pg_server.new_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a test's archive lives: a SQLite file, then a PostgreSQL database (the same
    tests run against both stores)."""
    if request.param == "sqlite":
        return str(tmp_path / "press.sqlite")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def db(store_target: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The archive of a test that runs the CLI: a SQLite file in tmp_path, then a PostgreSQL
    database. Run from tmp_path, so both stores' default attachments folder is ``files_dir``
    (beside the SQLite file; ``./files`` for PostgreSQL), in this process and in the
    children it spawns."""
    if store_target.startswith("postgresql://"):
        monkeypatch.chdir(tmp_path)
    return store_target
