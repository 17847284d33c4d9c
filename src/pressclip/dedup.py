"""Collapse repeated paragraphs and rejoin hard-wrapped sentences.

A pure function over a list of lines. Every step is hash-based (dictionaries keyed by a
normalised form of the text), so the work grows linearly with the number of lines; the
only sorting is inside groups of lines that share their first characters.

Order of the steps matters: copies are resolved before hard wraps are joined, so a line cut
short because it is a truncated copy is dropped rather than glued to the line after it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .wraps import continues

#: Spaceless characters a line needs before it can count as a truncated copy of another.
MIN_PREFIX = 10
#: Spaceless characters that make a line a sentence rather than a label or a table cell.
MIN_SENTENCE = 20

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_QUOTES = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "＂": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "＇": "'",
        "`": "'",
    }
)
_ELLIPSIS_TAIL = re.compile(r"(?:…|\.{2,}|⋯|·{2,})+$")


# Regex substitution, not str.translate: translate is slow on non-Latin-1 text, and these
# characters are rare, so only the few matches cost anything.
_ZW_RE = re.compile("[" + "".join(map(chr, _ZERO_WIDTH)) + "]")
_ODD_RE = re.compile("[" + "".join(map(chr, _ZERO_WIDTH)) + "".join(map(chr, _QUOTES)) + "]")
_KEY_TABLE = {chr(k): v or "" for k, v in {**_ZERO_WIDTH, **_QUOTES}.items()}


def _plain(match: re.Match[str]) -> str:
    return _KEY_TABLE[match.group()]


def fold(text: str) -> str:
    """The text as shown: zero-width characters removed, white space folded and trimmed."""
    return " ".join(_ZW_RE.sub("", text).split())  # str.split() knows NBSP, U+3000, …


def key(text: str) -> str:
    """A comparison key: NFKC (full-width forms), one quote style, no white space at all."""
    text = _ODD_RE.sub(_plain, text)
    if not unicodedata.is_normalized("NFKC", text):
        text = _ODD_RE.sub(_plain, unicodedata.normalize("NFKC", text))
    return "".join(text.split())


def _folded(lines: list[str]) -> list[str]:
    """:func:`fold` of every line; one search over them all for zero-width characters,
    which are rare, so most pages skip the per-line substitution."""
    if _ZW_RE.search("\n".join(lines)) is None:
        return [" ".join(line.split()) for line in lines]
    return [fold(line) for line in lines]


def _keys(text: list[str]) -> list[str]:
    """:func:`key` of every folded line, with the quotes replaced and NFKC checked over all
    the lines at once: a folded line holds no line break, and a line break never composes
    with a neighbour, so it parts the lines for both. A folded line's only white space is
    a single space (a key's white space comes from NFKC only)."""
    if not text:
        return []
    whole = _ODD_RE.sub(_plain, "\n".join(text))
    plain = whole.split("\n")
    if unicodedata.is_normalized("NFKC", whole):
        return [line.replace(" ", "") for line in plain]
    return [
        line.replace(" ", "")
        if unicodedata.is_normalized("NFKC", line)
        else "".join(_ODD_RE.sub(_plain, unicodedata.normalize("NFKC", line)).split())
        for line in plain
    ]


def _title_keys(title: str) -> set[str]:
    forms = {title}
    bare = re.sub(r"^\s*[\[【(<]\s*[^\]】)>]{1,30}[\]】)>]\s*", "", title)
    forms.add(bare)
    for form in list(forms):
        forms.add(re.sub(r"\s*[(\[]\s*[\d.\-/ ]{4,}\s*[)\]]\s*$", "", form))
    return {key(f) for f in forms if key(f)}


@dataclass
class Removal:
    """A paragraph that dedup dropped, and why."""

    text: str
    reason: str


@dataclass
class DedupResult:
    paragraphs: list[str]
    removed: list[Removal] = field(default_factory=list)
    joined: int = 0


def dedup(lines: list[str], title: str | None = None, *, wraps: bool = True) -> DedupResult:
    """Collapse copies among ``lines`` and rejoin hard wraps; see the module docstring.

    ``wraps=False`` says the lines are whole paragraphs already (an HWP document's, whose
    table cells must not be joined to each other): steps 2–4 then join nothing.

    A sentence cut at a hard wrap is joined, and a copy that differs only in white space goes
    (a line under :data:`MIN_SENTENCE` characters goes only inside a run of copies that holds
    a sentence: short lines repeat legitimately, in tables and lists):

    >>> lines = [
    ...     "그동안 주민들은 서울 도심으로 가려면",
    ...     "지하철을 두 차례 갈아타야 했다.",
    ...     "군은 올해 예산 10억 원을 들여 사업을 추진한다.",
    ...     "군은 올해  예산 10억 원을 들여 사업을 추진한다.",
    ... ]
    >>> for paragraph in dedup(lines).paragraphs:
    ...     print(paragraph)
    그동안 주민들은 서울 도심으로 가려면 지하철을 두 차례 갈아타야 했다.
    군은 올해 예산 10억 원을 들여 사업을 추진한다.
    """
    text = _folded(lines)
    keys = _keys(text)
    alive = [bool(k) for k in keys]
    removed: list[Removal] = []
    # 0. A headline on top that repeats the title; 1. exact copies.
    _drop_title_echo(text, keys, alive, removed, title)
    _drop_exact_copies(text, keys, alive, removed)
    # 2. Truncated copies, found among the lines and their provisional hard-wrap joins.
    wrap_of, joined_key = _provisional_wraps(text, keys, alive, wraps)
    groups = _prefix_groups(_candidates(keys, alive, joined_key))
    full_of = _truncated_copies(groups, keys, alive, joined_key)
    _drop_truncated(text, alive, removed, full_of)
    # 3. Hard wraps joined, each paragraph at the place of its first copy.
    placed, joined = _join_wraps(text, keys, alive, _first_places(full_of, alive), wrap_of, wraps)
    # 4. Copies made whole only by joining.
    return DedupResult(_drop_joined_repeats(placed, removed), removed, joined)


def _drop_exact_copies(
    text: list[str], keys: list[str], alive: list[bool], removed: list[Removal]
) -> None:
    """Step 1. Exact copies (after normalisation): keep the first. A short line ("1", "Pos",
    a table header) goes only inside a run of copies that holds a real sentence: short
    lines repeat legitimately in tables and lists, pasted blocks hold sentences."""
    n = len(text)
    first: dict[str, int] = {}
    copy_of: dict[int, int] = {}
    for i in range(n):
        if alive[i]:
            j = first.setdefault(keys[i], i)
            if j != i:
                copy_of[i] = j
    run: list[int] = []
    for i in range(n + 1):
        if i < n and (i in copy_of or not keys[i]):
            if keys[i]:
                run.append(i)
            continue
        if run and any(len(keys[r]) >= MIN_SENTENCE for r in run):
            for r in run:
                alive[r] = False
                removed.append(
                    Removal(text[r], f"repeat of body line {_ordinal(text, copy_of[r])}")
                )
        run = []


#: A candidate for step 2: (comparison key, line index, line the join starts or -1).
_Candidate = tuple[str, int, int]


def _provisional_wraps(
    text: list[str], keys: list[str], alive: list[bool], wraps: bool
) -> tuple[dict[tuple[int, int], bool], dict[int, str]]:
    """Step 2's provisional hard-wrap joins, so a copy cut after the wrap point is found:
    whether line i carries on into the next living line j, by (i, j) (step 3 asks again
    for most pairs), and the key of each line joined to the next where it does."""
    wrap_of: dict[tuple[int, int], bool] = {}
    joined_key: dict[int, str] = {}
    if not wraps:
        return wrap_of, joined_key
    nxt = _next_alive(alive)
    for i in range(len(text)):
        after = nxt[i]
        if alive[i] and after is not None:
            wrap_of[i, after] = wrapped = continues(text[i], text[after])
            if wrapped:
                joined_key[i] = keys[i] + keys[after]
    return wrap_of, joined_key


def _candidates(keys: list[str], alive: list[bool], joined_key: dict[int, str]) -> list[_Candidate]:
    """Step 2's lines to compare: every living line (without a trailing "…"), then every
    provisional join."""
    cands = [(_strip_ellipsis(keys[i]), i, -1) for i in range(len(keys)) if alive[i]]
    cands += [(k, i, i) for i, k in joined_key.items()]
    return cands


def _prefix_groups(cands: list[_Candidate]) -> list[list[_Candidate]]:
    """Step 2's groups: candidates that share their first :data:`MIN_PREFIX` characters,
    sorted so that a prefix comes right before the lines that extend it (a line before a
    join of equal text). Most prefixes occur once: a list is made only for those seen twice
    (fewer objects for the garbage collector to walk on large inputs)."""
    seen_prefix: dict[str, _Candidate] = {}
    groups: dict[str, list[_Candidate]] = {}
    for c in cands:
        if len(c[0]) >= MIN_PREFIX:
            prefix = c[0][:MIN_PREFIX]
            other = seen_prefix.get(prefix)
            if other is None:
                seen_prefix[prefix] = c
            else:  # (not by identity: a compiled tuple is boxed anew each time it is read)
                groups.setdefault(prefix, [other]).append(c)
    for group in groups.values():
        group.sort(key=lambda c: (c[0], c[2] != -1))
    return list(groups.values())


def _truncated_copies(
    groups: list[list[_Candidate]], keys: list[str], alive: list[bool], joined_key: dict[int, str]
) -> dict[int, int]:
    """Step 2. Truncated copies: each line that is a prefix of another (ignoring a trailing
    "…"), by the line that holds it whole."""
    full_of: dict[int, int] = {}
    for group in groups:
        for a in range(len(group) - 1):
            short, i, joined_from = group[a]
            if joined_from != -1 or not alive[i]:
                continue
            b = a + 1
            while b < len(group) and group[b][0].startswith(short):
                longer, k, start = group[b]
                # A wrapped line is a prefix of its own copy when the copy runs past the
                # wrap point; then the copy is the truncated one, not the line.
                own = joined_key.get(i)
                extends = own is not None and own.startswith(longer)
                # A join only counts where the short line runs past the joined line's end.
                needs_join = start != -1 and len(short) <= len(keys[start])
                # A line equal to a hard-wrapped paragraph once joined is a copy of it.
                equal_to_join = start != -1 and longer == short
                if (
                    k != i
                    and start != i
                    and not needs_join
                    and (equal_to_join or (len(longer) > len(short) and not extends))
                ):
                    full_of[i] = k
                    break
                b += 1
    return full_of


def _drop_truncated(
    text: list[str], alive: list[bool], removed: list[Removal], full_of: dict[int, int]
) -> None:
    """Step 2's removals: the truncated copies go."""
    for i, k in full_of.items():
        alive[i] = False
        removed.append(Removal(text[i], f"truncated copy of body line {_ordinal(text, k)}"))


def _first_places(full_of: dict[int, int], alive: list[bool]) -> list[int]:
    """Where each line is placed: a full paragraph at the place of its first (truncated)
    copy, every other line at its own."""
    order = list(range(len(alive)))
    for i, k in sorted(full_of.items()):
        if i < k and alive[k] and order[k] == k:
            order[k] = i
    return order


#: A paragraph of step 3: (position, first line, paragraph, its key).
_Placed = tuple[int, int, str, str]


def _join_wraps(
    text: list[str],
    keys: list[str],
    alive: list[bool],
    order: list[int],
    wrap_of: dict[tuple[int, int], bool],
    wraps: bool,
) -> tuple[list[_Placed], int]:
    """Step 3. Hard wraps: a line that does not end a sentence takes the next living line.
    The paragraphs in their places, and how many lines were joined."""
    n = len(text)
    nxt = _next_alive(alive)
    placed: list[_Placed] = []
    joined = 0
    consumed = [False] * n
    for i in range(n):
        if not alive[i] or consumed[i]:
            continue
        parts, part_keys = [text[i]], [keys[i]]
        cur = i
        while wraps and (nj := nxt[cur]) is not None and not consumed[nj]:
            known = wrap_of.get((cur, nj))
            if not (continues(text[cur], text[nj]) if known is None else known):
                break
            consumed[nj] = True
            parts.append(text[nj])
            part_keys.append(keys[nj])
            joined += 1
            cur = nj
        placed.append((order[i], i, " ".join(parts), "".join(part_keys)))
    placed.sort()
    return placed, joined


def _drop_joined_repeats(placed: list[_Placed], removed: list[Removal]) -> list[str]:
    """Step 4. A copy made whole only by joining (short wrapped lines pasted twice) goes too."""
    paragraphs: list[str] = []
    seen: set[str] = set()
    for _, _, paragraph, pkey in placed:
        if len(pkey) >= MIN_SENTENCE and pkey in seen:
            removed.append(Removal(paragraph, "repeat of a paragraph joined from wrapped lines"))
            continue
        seen.add(pkey)
        paragraphs.append(paragraph)
    return paragraphs


def _strip_ellipsis(k: str) -> str:
    """``k`` without a trailing "…" or "..." (a key has no spaces, so the tail is short)."""
    return _ELLIPSIS_TAIL.sub("", k) if k.endswith(("…", "..", "⋯", "··")) else k


def _next_alive(alive: list[bool]) -> list[int | None]:
    """For each index, the next index that is alive (or None)."""
    out: list[int | None] = [None] * len(alive)
    following: int | None = None
    for i in range(len(alive) - 1, -1, -1):
        out[i] = following
        if alive[i]:
            following = i
    return out


def _ordinal(text: list[str], index: int) -> str:
    """How --explain names a paragraph: its line number in the input (1-based) and a preview."""
    preview = text[index][:30] + ("…" if len(text[index]) > 30 else "")
    return f"{index + 1} ({preview})"


#: The fewest lines a repeated block holds: a line repeated alone is the text's own.
BLOCK_LINES = 2


def _drop_title_echo(
    text: list[str], keys: list[str], alive: list[bool], removed: list[Removal], title: str | None
) -> None:
    """Mark the first line dead when it repeats the title (a headline on top of the body)."""
    if not title:
        return
    tkeys = _title_keys(title)
    for i, key in enumerate(keys):
        if alive[i]:
            if key in tkeys:
                alive[i] = False
                removed.append(Removal(text[i], "repeats the title"))
            return


def dedup_document(lines: list[str], *, wraps: bool = True) -> DedupResult:
    """A document's lines (an attachment's) as paragraphs: every line is content, so none
    goes, however often it repeats (a table's row labels, two cells that differ by one
    period, a paragraph said twice); the document reader has already left out what a page
    prints on every page (running headers and footers, page numbers). ``wraps``: the lines
    are a PDF's, cut at the margin, and a line that does not end its sentence takes the
    next (see :func:`continues`); otherwise (HWP, HWPX) nothing is joined.

    >>> dedup_document(["표", "표", "합계"], wraps=False).paragraphs
    ['표', '표', '합계']
    """
    text = [line for line in _folded(lines) if line]
    if not wraps:
        return DedupResult(text)
    paragraphs: list[str] = []
    joined = 0
    for line in text:
        if paragraphs and continues(paragraphs[-1].rsplit("\n", 1)[-1], line):
            paragraphs[-1] += "\n" + line
            joined += 1
        else:
            paragraphs.append(line)
    return DedupResult([p.replace("\n", " ") for p in paragraphs], [], joined)


def dedup_blocks(lines: list[str], title: str | None = None) -> DedupResult:
    """Collapse copies in an article read from any page, where lines repeat legitimately (a
    refrain, a question asked again, a table's cells, the steps of a recipe): only a headline
    on top that repeats the title, and exact repeats (after normalisation) of whole blocks
    go, a block being a run of at least :data:`BLOCK_LINES` lines, one a sentence, shown
    again in the same order (a section pasted twice, a summary repeated under the text).
    Nothing is joined.

    >>> dedup_blocks(["Yes.", "A line said once.", "Yes."]).paragraphs
    ['Yes.', 'A line said once.', 'Yes.']
    """
    text = _folded(lines)
    keys = _keys(text)
    n = len(text)
    alive = [bool(k) for k in keys]
    removed: list[Removal] = []
    _drop_title_echo(text, keys, alive, removed, title)
    shown: dict[str, int] = {}
    for i in range(n):
        if alive[i]:
            shown.setdefault(keys[i], i)
    i = 0
    while i < n:
        j = shown.get(keys[i], i) if alive[i] else i
        if j < i:
            run = 0  # lines from i on that repeat those from j on, before i
            while i + run < n and j + run < i and alive[i + run] and keys[j + run] == keys[i + run]:
                run += 1
            if run >= BLOCK_LINES and any(len(keys[k]) >= MIN_SENTENCE for k in range(i, i + run)):
                for k in range(i, i + run):
                    alive[k] = False
                    removed.append(
                        Removal(text[k], f"repeat of body line {_ordinal(text, k - i + j)}")
                    )
                i += run
                continue
        i += 1
    return DedupResult([t for t, keep in zip(text, alive, strict=True) if keep], removed)
