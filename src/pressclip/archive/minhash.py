"""Near-duplicate signatures without numpy: one-permutation MinHash and LSH band keys.

A text's character shingles are hashed once each (BLAKE2b, 8 bytes); the hash picks one of
:data:`SLOTS` slots and the slot keeps the smallest remainder seen (one-permutation hashing,
Li, Owen and Zhang 2012). A slot no shingle fell into borrows the value of the next filled
slot to its right plus a step per slot it skipped (rotation densification, Shrivastava and
Li 2014), so two signatures agree on a slot with probability close to the texts' Jaccard
similarity, as a 128-permutation MinHash does, at the cost of one hash per shingle instead
of 128 (see ``benchmarks/archive.py --minhash`` for the figures).

:func:`band_keys` cuts a signature into :data:`BANDS` bands of :data:`ROWS` slots and hashes
each band to a signed 64-bit key: posts that share a key are near-duplicate candidates, found
by an indexed lookup in the store instead of an index rebuilt in memory each run. With 16
bands of 8 rows a pair at Jaccard 0.8 shares a band with probability 0.95 (0.99 at 0.85,
0.06 at 0.5); candidates are then checked against :data:`NEAR_THRESHOLD`.
"""

from __future__ import annotations

import hashlib
import sys
from array import array

from ..dedup import key as text_key

SLOTS = 128
BANDS = 16
ROWS = SLOTS // BANDS
SHINGLE = 5
NEAR_THRESHOLD = 0.8
#: Shorter normalised texts are too short to call near-duplicates.
MIN_NEAR_CHARS = 60

_EMPTY = (1 << 64) - 1
_SPAN = 1 << 57  # values are below 2**57 (64 bits less the 7 slot bits)


def signature(text: str) -> list[int] | None:
    """The MinHash signature of ``text`` (normalised by :func:`pressclip.dedup.key`), or None
    when it is shorter than :data:`MIN_NEAR_CHARS`."""
    text = text_key(text)
    if len(text) < MIN_NEAR_CHARS:
        return None
    slots = [_EMPTY] * SLOTS
    blake = hashlib.blake2b
    data = text.encode("utf-16-le")  # two bytes a character: shingles are fixed-width slices
    width = 2 * SHINGLE
    for start in range(0, len(data) - width + 2, 2):
        h = int.from_bytes(blake(data[start : start + width], digest_size=8).digest(), "little")
        slot, value = h & (SLOTS - 1), h >> 7
        if value < slots[slot]:
            slots[slot] = value
    return _densify(slots)


def _densify(slots: list[int]) -> list[int]:
    """Fill each empty slot from the next filled one to its right (wrapping around)."""
    filled = [i for i, v in enumerate(slots) if v != _EMPTY]
    if len(filled) == SLOTS:
        return slots
    out = list(slots)
    for i in range(SLOTS):
        if out[i] != _EMPTY:
            continue
        step = 1
        while slots[(i + step) % SLOTS] == _EMPTY:
            step += 1
        out[i] = slots[(i + step) % SLOTS] + step * _SPAN
    return out


def similarity(a: list[int], b: list[int]) -> float:
    """The estimated Jaccard similarity of two signatures: the share of equal slots."""
    return sum(x == y for x, y in zip(a, b, strict=True)) / SLOTS


def band_keys(sig: list[int]) -> list[int]:
    """One signed 64-bit key per band (band number included, so bands never collide)."""
    keys = []
    for band in range(BANDS):
        part = to_bytes(sig[band * ROWS : (band + 1) * ROWS])
        digest = hashlib.blake2b(part, digest_size=8, person=b"band%d" % band).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def to_bytes(sig: list[int]) -> bytes:
    """The signature as stored: SLOTS little-endian unsigned 64-bit integers (the same on
    every machine sharing a database)."""
    values = array("Q", sig)
    if sys.byteorder == "big":  # pragma: no cover
        values.byteswap()
    return values.tobytes()


def from_bytes(blob: bytes) -> list[int]:
    """The signature stored as ``blob``."""
    values = array("Q", bytes(blob))
    if sys.byteorder == "big":  # pragma: no cover
        values.byteswap()
    return values.tolist()
