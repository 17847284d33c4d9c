"""The one exception type the library raises for bad input; the CLI prints it as one line."""


class PressclipError(Exception):
    """Input pressclip cannot use: a missing file, binary data, an undecodable page, …"""
