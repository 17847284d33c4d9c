"""``python -m pressclip`` and the ``pressclip`` console script.

``--version`` is answered here, before the command-line framework is imported, so it costs
no more than starting Python; everything else goes to :mod:`pressclip.cli`.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Console-script entry point."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        from ._version import __version__

        sys.stdout.write(f"pressclip {__version__}\n")
        return
    from .cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
