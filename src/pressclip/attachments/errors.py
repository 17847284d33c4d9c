"""The errors an attachment reader raises: one PressclipError subclass whose ``kind`` says
which of the documented failures it is, so callers (the CLI, the archive) can tell them apart."""

from __future__ import annotations

import time
from typing import Literal

from ..errors import PressclipError

Kind = Literal[
    "password",
    "encrypted",
    "no text layer",
    "unsupported format",
    "corrupt",
    "too large",
    "not a document",
]
KINDS: tuple[Kind, ...] = (
    "password",
    "encrypted",
    "no text layer",
    "unsupported format",
    "corrupt",
    "too large",
    "not a document",
)


def cause(exc: BaseException) -> str:
    """A library's exception for a message, on one line with its type's name
    (``OleFileError: incomplete OLE sector``; zlib's ``error`` as ``zlib.error``)."""
    name = type(exc).__name__
    if name == "error":
        name = f"{type(exc).__module__}.error"
    text = " ".join(str(exc).split())
    return f"{name}: {text}" if text else name


class AttachmentError(PressclipError):
    """A document that cannot be read. The message starts with the kind
    (``corrupt: BodyText/Section0 does not inflate``)."""

    def __init__(self, kind: Kind, detail: str = "") -> None:
        self.kind: Kind = kind
        self.detail = detail
        super().__init__(f"{kind}: {detail}" if detail else kind)


#: Parse items one document may cost: XML elements, HWP records and control codes, lines,
#: PDF page objects. The largest real file of the fixtures has 37,351 XML elements and 1,580
#: paragraphs. Section XML is streamed (no element tree), but the package parts are trees
#: of ~250 bytes an element, and 16 M empty elements in a 62 KB HWPX took 4 GB before this
#: count; at 1,000,000 the worst document under the budget peaks at 35-80 MB
#: (benchmarks/malformed.py).
MAX_ITEMS = 1_000_000
#: CPU seconds one document may take: the slowest real file of the fixtures takes 0.43 s,
#: a PDF page sharing a huge content stream about 1 s a page.
CPU_SECONDS = 20.0
#: Items counted between two looks at the CPU clock.
_CLOCK_EVERY = 4096


class Budget:
    """What a document may still cost: bytes it unpacks to (``--max-bytes``), parse items
    (:data:`MAX_ITEMS`) and CPU time (:data:`CPU_SECONDS`, of the reading thread); shared by
    every stream or member of one file, so many small bombs add up like one big one."""

    def __init__(
        self, max_bytes: int, max_items: int = MAX_ITEMS, cpu_seconds: float = CPU_SECONDS
    ) -> None:
        self.max_bytes = max_bytes
        self.left = max_bytes
        self.max_items = max_items
        self.items_left = max_items
        self.cpu_seconds = cpu_seconds
        self._cpu_end = time.thread_time() + cpu_seconds
        self._unclocked = 0

    def take(self, n: int, where: str) -> None:
        """Count ``n`` more unpacked bytes, or raise ``too large``."""
        self.left -= n
        if self.left < 0:
            raise AttachmentError(
                "too large", f"{where} unpacks to more than {self.max_bytes:,} bytes"
            )
        self.clock(where)

    def count(self, n: int, where: str) -> None:
        """Count ``n`` more parse items, or raise ``too large``."""
        self.items_left -= n
        if self.items_left < 0:
            raise AttachmentError(
                "too large",
                f"{where}: more than {self.max_items:,} parts to read "
                "(elements, records, lines or page objects)",
            )
        self._unclocked += n
        if self._unclocked >= _CLOCK_EVERY:
            self._unclocked = 0
            self.clock(where)

    def clock(self, where: str) -> None:
        """Raise ``too large`` once reading has used up its CPU time."""
        if time.thread_time() > self._cpu_end:
            raise AttachmentError(
                "too large", f"{where}: reading takes more than {self.cpu_seconds:g} s of CPU time"
            )
