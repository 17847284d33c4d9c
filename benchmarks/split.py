"""The two halves of the real fixture pages, split by site.

A change to extraction is written while looking at one half and kept only if it also
helps the other (see DEVELOPERS.md). A page's site is the registrable part of the host of
its golden ``url`` (``www.`` and other sub-domains dropped; three labels kept under
Korea's second-level domains such as ``go.kr``), so a site's list and view pages always
fall in the same half. Sites with a view page come first, then the rest; within each,
sites are ordered by a hash of their name and dealt out in turn, which keeps the halves
the same size in both kinds of page and the split stable when pages are added.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import urlsplit

HALVES = ("A", "B")
_KR_SECOND_LEVEL = {"go", "or", "ac", "co", "re", "ne", "pe", "seoul", "busan", "jeonnam"}


def site_of(url: str) -> str:
    """The registrable part of the address's host: ``www.mokpo.go.kr`` -> ``mokpo.go.kr``."""
    labels = (urlsplit(url).hostname or "").split(".")
    keep = 3 if len(labels) >= 3 and labels[-1] == "kr" and labels[-2] in _KR_SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def _order(site: str) -> str:
    return hashlib.sha1(site.encode("utf-8")).hexdigest()


def halves(expected_files: list[Path]) -> dict[Path, str]:
    """Each expected file's half, ``A`` or ``B``, dealt out by site."""
    goldens = {p: json.loads(p.read_text(encoding="utf-8")) for p in expected_files}
    sites = {p: site_of(g["url"]) for p, g in goldens.items()}
    with_view = {sites[p] for p, g in goldens.items() if "posts" not in g}
    ordered = sorted(set(sites.values()), key=lambda s: (s not in with_view, _order(s)))
    half_of = {site: HALVES[i % 2] for i, site in enumerate(ordered)}
    return {p: half_of[site] for p, site in sites.items()}
