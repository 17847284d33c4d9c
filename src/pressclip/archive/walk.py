"""`pressclip archive`: boards' new posts into the SQLite archive, safely from cron.

A composition: list pages and posts come from :mod:`pressclip.fetch.http` and
:mod:`pressclip.crawl.boards`, attachments from :mod:`pressclip.archive.files` (their text
from :mod:`pressclip.archive.texts`), and everything lands in
:mod:`pressclip.archive.store` (which also links duplicates and keeps the search index).
The only logic here is the walk.

The walk goes through a board's list pages newest first and stops after a page whose last
(non-notice) post was archived before this run, since everything older is then archived
too. That holds only if earlier walks really finished, so two facts are kept per board:

- ``complete``: some walk reached the board's end (the last list page, a page bringing no
  post not already seen in the walk, or the stop rule). Until then the stop rule is off and a
  walk goes to the last page (pages whose posts are all archived cost one request each).
  A walk cut short by ``--pages`` (or the default :data:`MAX_PAGES`) leaves its frontier, so
  the next run walks on from there: the cap bounds one run, not the board's history; it
  counts only the pages that brought posts not archived before.
- ``frontier``: the key of the last post of the last list page the current walk stored
  completely (written when a walk starts, as the first post of page 1, then after each
  page whose posts are all stored, and cleared when the walk ends with nothing failed).
  A run that finds a frontier left by a killed or failing run keeps the stop rule off until
  it has finished the page after the one showing that post, so the posts the earlier walk
  never reached are walked again rather than skipped.

A post that fails (dead link, malformed page, anything) is recorded with its reason and the
walk goes on; later runs try it again, up to :data:`MAX_POST_RUNS` runs in all, then skip it
with a warning (it no longer holds the frontier back). Nothing one post or one board does
stops the boards after it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from ..attachments.ocr import asked
from ..crawl.boards import listing_from_page, load_page, read_post
from ..crawl.scripts import ScriptFiles
from ..errors import Locked, PressclipError
from ..extract.profile import Profile
from ..extract.site import load_profile
from ..fetch.http import Fetcher, FetchOptions, Gate, Page
from ..fetch.scope import Scope
from ..model import Attachment, Listing, ListPost
from ..urls import origin, redact, without_credentials
from .files import clean_parts, download, safe_name
from .store import MAX_RUNS, BoardState, Known, SavedFile, Store, content_hash, post_key
from .store.base import READ_STARTED
from .texts import read_saved, with_text

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: Runs in which a post may fail before later runs skip it (with a warning); the default of
#: ``Settings.max_runs``, which counts for downloads too.
MAX_POST_RUNS = MAX_RUNS
#: List pages with posts not archived before, per board and run, when neither ``--pages``
#: nor the config says otherwise (a pager that always links one more page stops here).
MAX_PAGES = 200

#: Query parameters that name a board, for a default board name.
BOARD_PARAMS = ("bo_table", "mid", "bbsId", "board_id", "bbs_id", "board", "code", "id")


@dataclass
class Board:
    """A board to archive: its first list page, a name, and optional per-board settings."""

    url: str
    name: str
    pages: int | None = None
    delay: float | None = None
    profile: Profile | None = None  # a site profile (``profile = "FILE"`` in the config)
    hosts: tuple[str, ...] = ()  # hosts beyond the board's site (``hosts = [...]``)
    profile_file: str | None = None  # where ``profile`` was read from (a queued job reads it)
    render: str | None = None  # "always" or "auto" (``render = true`` / ``"auto"``)


@dataclass
class Settings:
    """How a run behaves; the CLI's options map onto these."""

    files: Path
    options: FetchOptions = field(default_factory=FetchOptions)
    pages: int | None = None
    full: bool = False
    on_url: Callable[[str], None] = lambda url: None
    on_error: Callable[[str], None] = lambda message: None
    on_warning: Callable[[str], None] = lambda message: None
    gate: Gate | None = None  # politeness shared with other workers (archive.lease)
    profile: Profile | None = None  # the board's site profile, set per board by archive()
    on_skip: Callable[[str, str], None] = lambda url, why: None  # a list row left alone
    max_runs: int = MAX_RUNS  # runs a post or a download may fail in before it is given up
    retry_failed: bool = False  # try given-up posts and downloads again
    on_board: Callable[[str | None], None] = lambda name: None  # a board starts (None: ends)
    render: str | None = None  # --render: "always" or "auto" for every board
    renderer: Any = None  # the run's fetch.render.Renderer (one browser), when any renders


@dataclass
class BoardResult:
    """What one board's walk did."""

    name: str
    new: int = 0
    changed: int = 0
    failed: int = 0
    skipped: int = 0
    files_failed: int = 0
    files_recovered: int = 0
    texts_filled: int = 0  # attachments archived before text was kept, read this run
    pages: int = 0
    capped: int | None = None  # the page cap that ended the walk
    error: str | None = None
    new_failures: int = 0  # posts, downloads or the board failing for the first time
    max_runs: int = MAX_RUNS
    files_saved: int = 0  # downloads saved in this run (recovered ones included)
    requests: int = 0  # requests sent for the board (robots.txt, retries and redirects too)

    @property
    def ok(self) -> bool:
        return not (self.failed or self.files_failed or self.error)

    @property
    def fresh(self) -> bool:
        """Whether something failed in this run that had not failed before (the exit code:
        what failed before and fails again was said in an earlier run)."""
        return self.new_failures > 0

    def summary(self) -> str:
        """``board NAME: 12 new, 1 changed, 0 failed`` (+ attachment failures, board error)."""
        line = f"board {self.name}: {self.outcome()}"
        return line

    def outcome(self) -> str:
        """The summary without the board: ``12 new, 1 changed, 0 failed`` …"""
        line = f"{self.new} new, {self.changed} changed, {self.failed} failed"
        if self.skipped:
            line += f", {self.skipped} skipped (failed in {self.max_runs} runs)"
        if self.files_failed:
            line += f", {self.files_failed} attachments failed"
        if self.files_recovered:
            line += f", {self.files_recovered} attachments recovered"
        if self.texts_filled:
            line += f", text of {self.texts_filled} earlier attachments read"
        if self.error:
            line += " (stopped: list page failed)"
        elif self.capped:
            line += f" (stopped at the {self.capped}-page cap; the next run walks on)"
        return line


@dataclass
class Walk:
    """A walk's standing against the frontier (see the module docstring)."""

    complete: bool
    pending: str | None
    frontier: str | None
    passed: bool
    clean: bool = True


# -- boards and config ------------------------------------------------------------------------


def board_name(url: str) -> str:
    """A default name for the board at ``url``: host and the board parameter, else the path."""
    try:
        parts = urlsplit(url)
    except ValueError:  # a malformed URL: fetching it fails later, with a clear message
        return redact(url)
    params = dict(parse_qsl(parts.query))
    for name in BOARD_PARAMS:
        if params.get(name):
            return f"{(parts.hostname or '').lower()}/{params[name]}"
    return f"{(parts.hostname or '').lower()}{parts.path.rstrip('/')}"


#: The largest config file read: a thousand boards take about 100 KB.
MAX_CONFIG_BYTES = 1 << 20


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML config file, read to at most :data:`MAX_CONFIG_BYTES` (``/dev/zero`` has no
    end); every way it can fail is a PressclipError naming the file."""
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        raise PressclipError(f"{path}: no such file") from None
    except OSError as exc:
        raise PressclipError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise PressclipError(f"{path}: larger than {MAX_CONFIG_BYTES:,} bytes (not a config?)")
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise PressclipError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise PressclipError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise PressclipError(f"{path}: invalid TOML: nested too deep") from None


def load_config(path: Path) -> list[Board]:
    """The ``[[board]]`` tables of a TOML config: url (required), name, pages, delay, profile."""
    data = read_toml(path)
    tables = data.get("board", [])
    if not isinstance(tables, list) or not tables:
        raise PressclipError(f"{path}: no [[board]] tables")
    return [_board_of(path, n, t) for n, t in enumerate(tables, 1)]


def _board_of(path: Path, n: int, table: Any) -> Board:
    where = f"{path}: board #{n}"
    if not isinstance(table, dict):
        raise PressclipError(f"{where}: not a table")
    unknown = set(table) - {"url", "name", "pages", "delay", "profile", "hosts", "render"}
    if unknown:
        raise PressclipError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    url, name = table.get("url"), table.get("name")
    pages, delay = table.get("pages"), table.get("delay")
    if not isinstance(url, str) or not url:
        raise PressclipError(f"{where}: 'url' (a string) is required")
    if name is not None and (not isinstance(name, str) or not name.strip()):
        raise PressclipError(f"{where}: 'name' must be a non-empty string")
    if pages is not None and (type(pages) is not int or pages < 1):
        raise PressclipError(f"{where}: 'pages' must be a whole number ≥ 1")
    if delay is not None and (type(delay) not in (int, float) or not 0 <= delay <= 86_400):
        raise PressclipError(f"{where}: 'delay' must be a number of seconds from 0 to 86400")
    profile = table.get("profile")
    if profile is not None and (not isinstance(profile, str) or not profile):
        raise PressclipError(f"{where}: 'profile' must be a file name (a string)")
    site_file = (path.parent / profile).resolve() if profile else None  # beside the config
    site = load_profile(site_file) if site_file else None
    hosts = table.get("hosts", [])
    if not isinstance(hosts, list) or not all(isinstance(h, str) and h for h in hosts):
        raise PressclipError(f"{where}: 'hosts' must be a list of host names")
    seconds = None if delay is None else float(delay)
    render = table.get("render", False)
    if render not in (True, False, "auto"):
        raise PressclipError(f"{where}: 'render' must be true, false or \"auto\"")
    return Board(
        url,
        name or board_name(url),
        pages,
        seconds,
        site,
        tuple(hosts),
        str(site_file) if site_file else None,
        "always" if render is True else render or None,
    )


#: The keys of a config's ``[defaults]`` table and the type of each.
DEFAULT_KEYS: dict[str, tuple[type, ...]] = {
    "db": (str,),
    "files": (str,),
    "user_agent": (str,),
    "delay": (int, float),
    "timeout": (int, float),
    "headers": (dict,),
    "max_runs": (int,),
}


def load_defaults(path: Path) -> dict[str, Any]:
    """The config's ``[defaults]`` table (db, files, user_agent, delay, timeout, headers),
    checked; ``db`` and ``files`` relative to the config file's folder."""
    try:
        data = read_toml(path)
    except PressclipError:
        return {}  # load_config reports it
    table = data.get("defaults", {})
    where = f"{path}: [defaults]"
    if not isinstance(table, dict):
        raise PressclipError(f"{where}: not a table")
    for key, value in table.items():
        kinds = DEFAULT_KEYS.get(key)
        if kinds is None:
            raise PressclipError(f"{where}: unknown key {key!r}")
        if not isinstance(value, kinds) or isinstance(value, bool):
            raise PressclipError(f"{where}: {key!r} must be a {kinds[0].__name__}")
    if any(not (isinstance(v, str)) for v in table.get("headers", {}).values()):
        raise PressclipError(f"{where}: 'headers' values must be strings")
    for key in ("delay", "timeout", "max_runs"):
        if key in table and table[key] < {"delay": 0, "timeout": 0.1, "max_runs": 1}[key]:
            raise PressclipError(f"{where}: {key!r} is out of range")
    out = dict(table)
    for key in ("db", "files"):
        if key in out and not str(out[key]).startswith(("postgresql://", "postgres://")):
            out[key] = path.parent / out[key]
    return out


def plan(urls: list[str], config: Path | None) -> list[Board]:
    """The boards of a run: the config's, then the URLs given (a URL the config has, in any
    spelling of it, is its board); names must be unique, and so must list URLs."""
    boards = load_config(config) if config else []
    keys = {post_key(b.url): b.name for b in boards}
    if len(keys) < len(boards):
        raise PressclipError(f"{config}: two [[board]] tables have one list URL")
    boards += [Board(url, board_name(url)) for url in urls if post_key(url) not in keys]
    if not boards:
        raise PressclipError("no boards: give BOARD_URL arguments or --config FILE")
    names: set[str] = set()
    for board in boards:
        if board.name in names:
            raise PressclipError(f"two boards are named {board.name!r}; give them names")
        names.add(board.name)
    return boards


# -- the lock ---------------------------------------------------------------------------------


@contextlib.contextmanager
def locked(db: Path, *, wait: bool = False) -> Iterator[None]:
    """Hold ``<db>.lock`` (flock) for the block; Locked at once if taken, unless ``wait``."""
    try:
        import fcntl
    except ImportError:  # Windows: no flock
        raise PressclipError(
            "archive needs file locks (fcntl), which this system does not have; "
            "run it on Linux, macOS or WSL"
        ) from None

    path = Path(f"{db}.lock")
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            raise Locked(
                f"{db}: another pressclip archive is running (lock {path}); "
                "this run did nothing (use --wait to queue)"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)  # releases the lock


# -- the run ----------------------------------------------------------------------------------


def archive(
    boards: list[Board],
    store: Store,
    settings: Settings,
    on_board: Callable[[BoardResult], None] = lambda result: None,
) -> list[BoardResult]:
    """Archive each board in turn, one Fetcher (one Session) per board."""
    results = []
    robots: dict[str, Any] = {}  # robots.txt by host, for the whole run
    for board in boards:
        settings.on_board(board.name)
        options = dataclasses.replace(settings.options, header_origins=(origin(board.url),))
        if board.delay is not None:
            options = dataclasses.replace(options, delay=board.delay)
        fetcher: Fetcher | None = None
        try:
            fetcher = Fetcher(options, robots=robots, gate=settings.gate)
            with fetcher:
                fetcher.scope = Scope.of([board.url], board.hosts)
                mode = board.render or settings.render
                own = dataclasses.replace(settings, profile=board.profile, render=mode)
                result = archive_board(board, store, fetcher, own)
        except Exception as exc:  # a defect or a broken disk: this board stops, not the run
            result = BoardResult(board.name, error=f"{type(exc).__name__}: {exc}")
            settings.on_error(f"board {board.name}: stopped: {result.error}")
        result.requests = fetcher.requests_made if fetcher is not None else 0
        note_run(store, result)
        on_board(result)
        settings.on_board(None)
        results.append(result)
    return results


def run_summary(results: list[BoardResult], seconds: float) -> str:
    """The run's one summary line: ``run: 3 boards, 12 new, 1 changed, 0 failed, 14 files
    (0 failed), 31 requests, 4.2 s`` (failed: posts, and boards stopped by their list page)."""
    failed = sum(r.failed + bool(r.error) for r in results)
    return (
        f"run: {len(results)} boards, {sum(r.new for r in results)} new, "
        f"{sum(r.changed for r in results)} changed, {failed} failed, "
        f"{sum(r.files_saved for r in results)} files "
        f"({sum(r.files_failed for r in results)} failed), "
        f"{sum(r.requests for r in results)} requests, {seconds:.1f} s"
    )


def note_run(store: Store, result: BoardResult) -> None:
    """Record how the board's run went; a board-level error is new unless its run before
    stopped with one too."""
    try:
        before = store.record_run(result.name, result.ok, result.outcome(), result.error)
    except Exception as exc:  # the database is gone: the board's error says enough
        before = None
        result.error = result.error or f"{type(exc).__name__}: {exc}"
    if result.error and before is None:
        result.new_failures += 1


def archive_board(board: Board, store: Store, fetcher: Fetcher, settings: Settings) -> BoardResult:
    """Walk one board's list pages newest first, storing new posts, until the stop rule, the
    board's end, a page with nothing new to this walk, or the page cap."""
    earlier_files = store.last_file_id()  # failures up to here are from earlier runs
    state = store.board(board.name, without_credentials(board.url))
    state.url = board.url  # in memory only: credentials are used, never stored
    state.rank = time.time_ns()  # a later run's posts rank above this one's (one a ns)
    clean_parts(_folder(settings, state))  # left by a killed run (we hold the lock)
    walk = Walk(state.complete, state.frontier, state.frontier, passed=state.frontier is None)
    result = BoardResult(board.name, max_runs=settings.max_runs)
    cap = board.pages or settings.pages or MAX_PAGES
    worked = 0  # pages that brought posts not archived before this run
    seen: set[str] = set()
    visited: set[str] = set()
    url: str | None = board.url
    capped = stopped = False
    scripts = ScriptFiles(fetcher)  # the board's own script files, fetched when rows need them
    while url and url not in visited:
        visited.add(url)
        try:
            page = _load(fetcher, url, settings)
            listing = listing_from_page(page, profile=settings.profile, scripts=scripts)
            listing = _clicked(listing, page, fetcher, settings)
            if not listing.posts and result.pages == 0:
                raise PressclipError(f"{url}: no posts found (is this a board's list page?)")
        except PressclipError as exc:
            result.error = str(exc)
            settings.on_error(str(exc))
            return result
        settings.on_url(url)
        result.pages += 1
        for warning in listing.warnings:  # rows kept without an address are not archived
            settings.on_error(f"{url}: {warning}")
        rows = [(post_key(p.url or ""), p) for p in on_site(listing.posts, fetcher, settings)]
        if result.pages > 1 and all(k in seen for k, _ in rows):
            break  # nothing new to this walk: the pager went round (or past the end)
        regular = [k for k, p in rows if not p.notice]
        if result.pages == 1 and walk.pending is None and regular:
            walk.frontier = regular[0]  # a walk is open: nothing is proven stored yet
            store.set_frontier(state.id, walk.frontier)
        known = store.known(state.id, [k for k, _ in rows])
        before = set(known) - seen
        if any(k not in known and k not in seen for k in regular):
            worked += 1
        clean = _archive_page(rows, known, seen, state, store, fetcher, settings, result)
        stop = _may_stop(walk, regular, before, settings.full)
        if _advance(walk, regular, clean):
            store.set_frontier(state.id, walk.frontier)
        if stop:
            stopped = True
            break
        if worked >= cap and listing.next_page:
            capped = True
            break
        url = listing.next_page
        if url and not fetcher.scope.allows(url):
            settings.on_warning(f"{redact(url)}: the pager leaves the board's site: not followed")
            url = None
    if capped:  # one run's share is done; the board's history is not: the next run walks on
        result.capped = cap
        store.set_frontier(state.id, walk.frontier or state.frontier)
    else:
        if not stopped:
            walk.passed = True  # the board's end: nothing beyond it to come back for
        store.finish_walk(state.id, None if walk.clean and walk.passed else walk.frontier)
    if settings.retry_failed:
        retry_posts(state, store, fetcher, settings, result, seen)
    retry_files(state, store, fetcher, settings, result, earlier_files)
    result.texts_filled = fill_texts(state, store)
    return result


def _load(fetcher: Fetcher, url: str, settings: Settings) -> Page:
    """The page at ``url``, run in the browser when the board renders (see fetch.render)."""
    if settings.render is None or settings.renderer is None:
        return fetcher.fetch(url)
    return load_page(fetcher, url, settings.renderer, settings.profile, settings.render)


def _clicked(listing: Listing, page: Page, fetcher: Fetcher, settings: Settings) -> Listing:
    """On a board that renders, the rows a click tells more about get the address it opens
    (see fetch.clicks); a browser that fails leaves the rows as they were, and says so."""
    if settings.render is None or settings.renderer is None:
        return listing
    from ..fetch.clicks import with_clicked_rows

    try:
        return with_clicked_rows(listing, page, settings.renderer, fetcher)
    except PressclipError as exc:
        settings.on_error(f"{redact(page.url)}: rows not clicked: {exc}")
        return listing


def on_site(posts: list[ListPost], fetcher: Fetcher, settings: Settings) -> list[ListPost]:
    """The rows with an address on the board's site; the others are skipped, and said so."""
    kept = []
    for post in posts:
        if post.url and fetcher.scope.allows(post.url):
            kept.append(post)
        elif post.url:
            settings.on_skip(post.url, "outside the board's site")
    return kept


#: Saved files read per query by :func:`fill_texts`.
FILL_BATCH = 100


def fill_texts(state: BoardState, store: Store) -> int:
    """Read the text of the board's saved files that have none (archived before pressclip
    kept attachment text) from the files on disk, without fetching anything, each stored
    and indexed with its post in one transaction; a file no longer there is left for a later
    run. The number read."""
    after = filled = 0
    while batch := store.unread_files(state.id, after, FILL_BATCH):
        for attachment_id, path in batch:
            after = attachment_id
            if not Path(path).exists():
                continue  # gone: left for a later run
            store.record_reading(attachment_id)
            try:
                reading = read_saved(path)
            except FileNotFoundError:
                continue
            store.record_text(
                attachment_id, reading.text, reading.release, reading.error, reading.ocr
            )
            filled += 1
    return filled


#: Failed downloads tried again per board and run.
RETRY_FILES = 20


def retry_files(
    state: BoardState,
    store: Store,
    fetcher: Fetcher,
    settings: Settings,
    result: BoardResult,
    earlier_files: int,
) -> None:
    """Try the board's failed downloads of earlier runs again: view the post (boards hand
    out files only to a session that has), then download; a file that fails again counts
    as failed again."""
    viewed: dict[str, bool] = {}
    runs = None if settings.retry_failed else settings.max_runs
    for attachment_id, name, url, post_url in store.failed_files(
        state.id, earlier_files, RETRY_FILES, runs
    ):
        post_url = with_credentials(post_url, state.url)
        url = with_credentials(url, state.url)
        if post_url not in viewed:
            try:
                fetcher.fetch(post_url)
                viewed[post_url] = True
            except PressclipError:
                viewed[post_url] = False
        if not viewed[post_url]:
            continue
        saved = download(fetcher, Attachment(name, url), post_url, _folder(settings, state))
        if saved.error is None:  # downloaded: a run that dies reading it leaves it marked
            store.record_file(attachment_id, dataclasses.replace(saved, read_error=READ_STARTED))
        failed_runs = store.record_file(attachment_id, with_text(saved))
        if saved.error:
            result.files_failed += 1
            settings.on_error(f"{redact(post_url)}: attachment {name!r}: {saved.error}")
            if failed_runs >= settings.max_runs:
                settings.on_warning(
                    f"{redact(post_url)}: attachment {name!r}: failed in {failed_runs} runs; "
                    "later runs give it up (archive --retry-failed tries it again)"
                )
        else:
            result.files_recovered += 1
            result.files_saved += 1


def _folder(settings: Settings, state: BoardState) -> Path:
    """The board's attachments folder."""
    return settings.files / safe_name(state.name.replace("/", "_"), "board")


def _may_stop(walk: Walk, regular: list[str], before: set[str], full: bool) -> bool:
    """The stop rule: this page ends with a post archived before this run, on a board walked
    to its end once, on a page after the one showing an unfinished walk's frontier."""
    if full or not walk.complete or not walk.passed:
        return False
    return bool(regular) and regular[-1] in before


def _advance(walk: Walk, regular: list[str], clean: bool) -> bool:
    """Note the page as done; move the frontier to its last post when everything from the
    top of the board to here is stored. True when the frontier moved."""
    if not walk.passed and walk.pending in regular:
        walk.passed = True
    walk.clean = walk.clean and clean
    if walk.passed and walk.clean and regular:
        walk.frontier = regular[-1]
        return True
    return False


def _archive_page(
    rows: list[tuple[str, ListPost]],
    known: dict[str, Known],
    seen: set[str],
    state: BoardState,
    store: Store,
    fetcher: Fetcher,
    settings: Settings,
    result: BoardResult,
) -> bool:
    """Archive the posts of one list page; True when every one of them is stored (or given
    up on after MAX_POST_RUNS failed runs)."""
    clean = True
    unchanged: list[int] = []
    failed_before = store.failures(state.id, [k for k, _ in rows])
    for key, post in rows:
        if key in seen:
            continue
        seen.add(key)
        old = known.get(key)
        if old is not None and not settings.full and (post.notice or old.list_title == post.title):
            unchanged.append(old.post_id)
            settings.on_skip(post.url or key, "archived before, list row unchanged")
            continue
        runs, reason = failed_before.get(key, (0, ""))
        if runs >= settings.max_runs and not (settings.full or settings.retry_failed):
            result.skipped += 1
            settings.on_warning(
                f"{redact(post.url or key)}: skipped: failed in {runs} runs (last: {reason})"
            )
            continue
        try:
            outcome = archive_post(key, post, old, state, store, fetcher, settings, result)
        except Exception as exc:  # a defect must cost this post only, never the board
            result.failed += 1
            outcome = "failed"
            reason = f"{redact(post.url or key)}: {type(exc).__name__}: {exc}"
            settings.on_error(reason)
            _note_failure(store, state, key, post, reason, settings, result)
        clean = clean and outcome != "failed"
    store.touch(unchanged)
    return clean


def _note_failure(
    store: Store,
    state: BoardState,
    key: str,
    post: ListPost,
    reason: str,
    settings: Settings,
    result: BoardResult,
) -> None:
    """Record a failed post (new when it had not failed before); warn when this was its last
    try."""
    url = without_credentials(post.url or key)
    runs = store.record_failure(state.id, key, url, reason, started=True)
    if runs == 1:
        result.new_failures += 1
    if runs >= settings.max_runs:
        settings.on_warning(
            f"{redact(url)}: failed in {runs} runs; later runs skip it "
            "(archive --retry-failed tries it again)"
        )


def retry_posts(
    state: BoardState,
    store: Store,
    fetcher: Fetcher,
    settings: Settings,
    result: BoardResult,
    seen: set[str],
) -> None:
    """``--retry-failed``: fetch again the board's failed posts (given up or not) that this
    run's walk did not reach (a later run's walk stops before their list page)."""
    for key, url in store.given_up(state.id, 1):
        if key in seen:
            continue
        seen.add(key)
        post = ListPost(title="", url=with_credentials(url, state.url))
        try:
            archive_post(key, post, None, state, store, fetcher, settings, result)
        except Exception as exc:  # as in _archive_page: a defect costs this post only
            result.failed += 1
            reason = f"{redact(url)}: {type(exc).__name__}: {exc}"
            settings.on_error(reason)
            _note_failure(store, state, key, post, reason, settings, result)


#: Attachments downloaded per post: the most in the real posts of the fixtures is 10; a page of
#: 2,000 file links took minutes and filled the folder.
MAX_FILES_PER_POST = 50


def archive_post(
    key: str,
    post: ListPost,
    old: Known | None,
    state: BoardState,
    store: Store,
    fetcher: Fetcher,
    settings: Settings,
    result: BoardResult,
) -> str:
    """Fetch, extract and store one post with its attachments: new/changed/same/failed. A
    failure is recorded (with its reason) for the next runs."""
    assert post.url is not None
    store.record_start(state.id, key, without_credentials(post.url))
    try:
        page = _load(fetcher, post.url, settings)
        # no credentials in its URLs; with --ocr (the run's block: ocr_asked), a post whose
        # body is only images gets the text OCR reads on them, as `fetch --ocr` does
        article = read_post(page, fetcher, profile=settings.profile, ocr=asked(None))
    except PressclipError as exc:
        message = str(exc)
        if not message.startswith(redact(post.url)):
            message = f"{redact(post.url)}: {message}"
        result.failed += 1
        settings.on_error(message)
        _note_failure(store, state, key, post, message, settings, result)
        return "failed"
    settings.on_url(post.url)
    files = []
    if old is None or old.content_hash != content_hash(article):
        folder = _folder(settings, state)
        referer = without_credentials(page.url)
        wanted = article.attachments[:MAX_FILES_PER_POST]
        if len(article.attachments) > len(wanted):
            settings.on_warning(
                f"{redact(post.url)}: {len(article.attachments):,} attachments: "
                f"only the first {MAX_FILES_PER_POST} are downloaded"
            )
        files = [
            with_text(_scrub_file(download(fetcher, _authorised(a, state.url), referer, folder)))
            for a in wanted
        ]
    result.files_saved += sum(f.error is None for f in files)
    for f in files:
        if f.error:
            result.files_failed += 1
            result.new_failures += 1  # a download tried for the first time
            settings.on_error(f"{redact(post.url)}: attachment {f.attachment.name!r}: {f.error}")
    outcome = store.save(
        state.id,
        key,
        without_credentials(post.url),
        post.title,
        post.notice,
        article,
        page.content,
        page.encoding,
        files,
        rank=state.rank,
    )
    state.rank -= 1
    if outcome == "new":
        result.new += 1
    elif outcome == "changed":
        result.changed += 1
    return outcome


def _authorised(attachment: Attachment, board_url: str) -> Attachment:
    """``attachment`` with the board URL's credentials on its URL (see with_credentials)."""
    if not attachment.url:
        return attachment
    return Attachment(attachment.name, with_credentials(attachment.url, board_url))


def _scrub_file(saved: SavedFile) -> SavedFile:
    """``saved`` with no credentials in its URL (it is stored)."""
    url = saved.attachment.url
    if url:
        saved.attachment = Attachment(saved.attachment.name, without_credentials(url))
    return saved


def with_credentials(url: str, board_url: str) -> str:
    """``url`` with the board URL's ``user:password@`` when it is on the board's origin (stored
    URLs have none; a retry needs them again)."""
    try:
        board, target = urlsplit(board_url), urlsplit(url)
        same = origin(board_url) == origin(url)
    except (ValueError, PressclipError):
        return url
    if "@" not in board.netloc or "@" in target.netloc or not same:
        return url  # only to the board's origin: not another port or scheme of its host
    userinfo = board.netloc.rsplit("@", 1)[0]
    return target._replace(netloc=f"{userinfo}@{target.netloc}").geturl()
