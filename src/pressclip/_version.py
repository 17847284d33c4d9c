"""The release, in a module of its own: the modules that name it (the User-Agent, the feed's
generator, the WARC's software) import it from here, not from the package facade."""

#: The release; kept equal to ``version`` in pyproject.toml (a test checks).
__version__ = "0.1.0"
