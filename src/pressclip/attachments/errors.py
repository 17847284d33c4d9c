"""The errors an attachment reader raises: one PressclipError subclass whose ``kind`` says
which of the documented failures it is, so callers (the CLI, the archive) can tell them apart."""

from __future__ import annotations

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


class AttachmentError(PressclipError):
    """A document that cannot be read. The message starts with the kind
    (``corrupt: BodyText/Section0 does not inflate``)."""

    def __init__(self, kind: Kind, detail: str = "") -> None:
        self.kind: Kind = kind
        self.detail = detail
        super().__init__(f"{kind}: {detail}" if detail else kind)


class Budget:
    """How many bytes a document may still unpack to (``--max-bytes``); shared by every
    stream or member of one file, so many small bombs add up like one big one."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.left = max_bytes

    def take(self, n: int, where: str) -> None:
        """Count ``n`` more unpacked bytes, or raise ``too large``."""
        self.left -= n
        if self.left < 0:
            raise AttachmentError(
                "too large", f"{where} unpacks to more than {self.max_bytes:,} bytes"
            )
