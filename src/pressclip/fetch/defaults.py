"""The network defaults, stated once: :class:`pressclip.fetch.options.FetchOptions` takes
its field defaults from here, and the command line shows and uses them (it reads this
small module at every start, without building the dataclass)."""

from .._version import __version__

USER_AGENT = f"pressclip/{__version__}"
#: Connect and read timeout (socket level), seconds.
TIMEOUT = 20.0
#: One request, headers and body, wall clock, seconds.
DEADLINE = 120.0
RETRIES = 3
#: Largest page or file, bytes.
MAX_BYTES = 20 * 1024 * 1024
#: Between two requests to one host, seconds.
DELAY = 1.0
