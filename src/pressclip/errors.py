"""The one exception type the library raises for bad input; the CLI prints it as one line."""


class PressclipError(Exception):
    """Input pressclip cannot use: a missing file, binary data, an undecodable page, …"""


class Locked(PressclipError):
    """Another archive run holds the archive: SQLite's lock file, or a PostgreSQL board hold."""


class MissingExtra(PressclipError):
    """A feature whose optional dependencies (an extra) are not installed: the message says
    what to install. The CLI treats it as a usage error (exit 2)."""


#: What an OSError's errno means, in the words of pressclip's other messages.
_OS_REASONS = {
    "ENOENT": "no such file",
    "EACCES": "permission denied",
    "EPERM": "permission denied",
    "EISDIR": "is a directory",
    "ENOTDIR": "not a directory",
    "ENOSPC": "no space left on the device",
    "EROFS": "read-only file system",
    "EEXIST": "already exists",
}


def os_reason(exc: OSError) -> str:
    """Why ``exc`` happened, in a few lower-case words (``no such file``)."""
    import errno

    code = errno.errorcode.get(exc.errno or 0, "")
    why = _OS_REASONS.get(code) or exc.strerror or str(exc) or type(exc).__name__
    return why[:1].lower() + why[1:]


def os_message(exc: OSError, name: object = None) -> str:
    """``exc`` as one line naming the file (``name``, else the file the error names):
    ``press.sqlite.lock: no such file``, never ``[Errno 2] No such file or directory: '…'``."""
    where = name if name is not None else exc.filename
    return f"{where}: {os_reason(exc)}" if where is not None else os_reason(exc)
