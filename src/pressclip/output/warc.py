"""``--warc FILE``: every HTTP exchange of a run as WARC request and response records
(warcio), so what was fetched can be replayed or re-extracted later.

The file is appended to (a new ``warcinfo`` record starts each run) and gzip-compressed
per record when its name ends in ``.gz``. Bodies are stored as pressclip read them, after
any ``Content-Encoding`` was undone (that header is dropped and ``Content-Length`` set to
the stored size, so the records are self-consistent). A response whose body was not read
(an error status, a refused content type, a download stopped early) is stored with its
headers and an empty body, marked ``WARC-Truncated: unspecified``. Attachments are stored
whole (held in memory up to ``--max-bytes`` while they download).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from .._version import __version__

#: Response headers that describe the bytes on the wire, not the body as stored.
_WIRE = {"content-encoding", "transfer-encoding", "content-length"}


class WarcRecorder:
    """Writes each response handed to it (a ``requests.Response`` and its body)."""

    def __init__(self, path: str | Path) -> None:
        from warcio.warcwriter import WARCWriter

        self.path = Path(path)
        self.file: BinaryIO = open(self.path, "ab")  # noqa: SIM115 - closed in close()
        self.writer = WARCWriter(self.file, gzip=self.path.name.endswith(".gz"))
        info = {"software": f"pressclip/{__version__}", "format": "WARC File Format 1.0"}
        self.writer.write_record(self.writer.create_warcinfo_record(self.path.name, info))
        self.file.flush()
        self.records = 0

    def __call__(self, resp: Any, body: bytes | None) -> None:
        """Record the request behind ``resp`` and ``resp`` itself, linked to each other."""
        from warcio.statusandheaders import StatusAndHeaders

        request = resp.request
        url = resp.url or request.url
        parts = urlsplit(request.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        protocol = "HTTP/1.0" if getattr(resp.raw, "version", 11) == 10 else "HTTP/1.1"
        req_headers = [("Host", parts.netloc), *request.headers.items()]
        req = self.writer.create_warc_record(
            request.url,
            "request",
            payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders(
                f"{request.method} {target} {protocol}", req_headers, is_http_request=True
            ),
        )
        headers = [(k, _ascii(v)) for k, v in _raw_headers(resp) if k.lower() not in _WIRE]
        data = body or b""
        headers.append(("Content-Length", str(len(data))))
        warc_headers = {"WARC-Truncated": "unspecified"} if body is None else None
        res = self.writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(data),
            warc_headers_dict=warc_headers,
            http_headers=StatusAndHeaders(
                f"{resp.status_code} {_ascii(resp.reason or '')}".strip(),
                headers,
                protocol=protocol,
            ),
        )
        req.rec_headers.add_header(
            "WARC-Concurrent-To", res.rec_headers.get_header("WARC-Record-ID")
        )
        self.writer.write_record(req)
        self.writer.write_record(res)
        self.file.flush()
        self.records += 2

    def close(self) -> None:
        self.file.close()


def _ascii(text: str) -> str:
    """A status reason or header value as warcio can write it (ASCII only): the bytes as
    received (http.client reads them as Latin-1), others percent-escaped (``200 정상`` →
    ``200 %EC%A0%95%EC%83%81``)."""
    if text.isascii():
        return text
    raw = text.encode("latin-1", "replace")
    return "".join(chr(b) if 32 <= b < 127 else f"%{b:02X}" for b in raw)


def _raw_headers(resp: Any) -> list[tuple[str, str]]:
    """The response headers in the order received, repeated names kept."""
    raw = getattr(getattr(resp, "raw", None), "headers", None)
    if raw is not None and hasattr(raw, "items"):
        return [(str(k), str(v)) for k, v in raw.items()]
    return [(str(k), str(v)) for k, v in resp.headers.items()]
