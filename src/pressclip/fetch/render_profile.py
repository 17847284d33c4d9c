"""The browser's temporary profile folders, and the ones killed runs left behind.

Each run's Chromium gets a fresh folder in the temporary directory, locked (``flock`` on the
folder itself) for as long as the run holds it and removed when the browser closes. A run
killed with ``kill -9`` cannot remove its folder (its browser dies with it: Playwright's
driver and Chromium quit when the pipe from the killed process closes), so each run first
removes the folders no living run holds: a cron job that gets killed now and then does not
fill the disk with them.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

#: The folders' name prefix in the temporary directory.
PREFIX = "pressclip-chromium-"
#: A folder's name until it is locked (then renamed): no other run takes it for a stale one.
STARTING = ".pressclip-chromium-starting-"


class Profile:
    """A new locked profile folder; :meth:`remove` unlocks and deletes it."""

    def __init__(self) -> None:
        starting = tempfile.mkdtemp(prefix=STARTING)
        self._fd: int | None = os.open(starting, os.O_RDONLY)
        _lock(self._fd)
        folder, name = os.path.split(starting)
        self.path = os.path.join(folder, PREFIX + name[len(STARTING) :])
        os.rename(starting, self.path)

    def remove(self) -> None:
        """Delete the folder, then let go of its lock (safe to call twice)."""
        shutil.rmtree(self.path, ignore_errors=True)
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def remove_stale(folder: str | None = None) -> list[str]:
    """Remove the profile folders in ``folder`` (the temporary directory) that no living run
    holds; the paths removed."""
    removed = []
    for path in Path(folder or tempfile.gettempdir()).glob(f"{PREFIX}*"):
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            continue  # gone meanwhile, or not ours to read
        try:
            if not _try_lock(fd):
                continue  # a living run's
            shutil.rmtree(path, ignore_errors=True)
            removed.append(str(path))
        finally:
            os.close(fd)
    return removed


def _lock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # no flock (Windows): the folder is only removed by its own run
        return
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True
