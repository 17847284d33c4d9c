"""Each named step of :func:`pressclip.dedup.dedup`, on its own and inside dedup.

Every test calls its step on a tiny input and checks what dedup gives for the same lines,
so it fails when the step is dropped from dedup or its rule turned round."""

import doctest

from pressclip import dedup as d
from pressclip.dedup import dedup

TITLE = "누리시, 광역버스 2개 노선 신설"
A = "누리시는 다음 달 18일부터 광역버스 2개 노선을 새로 운행한다고 27일 밝혔다."
B = "두 노선에는 2층 전기버스 등 모두 14대가 투입되며, 배차 간격은 15분이다."
# A hard-wrapped sentence: the first line does not end it, the second does.
HEAD = "그동안 누리시 신도심 주민들은 서울 도심으로 가려면"
TAIL = "지하철을 두 차례 갈아타야 해 편도 1시간 20분 이상이 걸렸다."


def state(lines):
    text = d._folded(lines)
    keys = d._keys(text)
    return text, keys, [bool(k) for k in keys], []


def test_title_echo_goes_and_other_first_lines_stay():
    text, keys, alive, removed = state([TITLE, A])
    d._drop_title_echo(text, keys, alive, removed, TITLE)
    assert alive == [False, True]
    assert [r.reason for r in removed] == ["repeats the title"]
    text, keys, alive, removed = state([A, TITLE])
    d._drop_title_echo(text, keys, alive, removed, TITLE)
    assert alive == [True, True] and removed == []
    assert dedup([TITLE, A], TITLE).paragraphs == [A]


def test_exact_copy_of_a_sentence_goes_short_repeats_stay():
    lines = [A, "1", B, A, "2", "1"]
    text, keys, alive, removed = state(lines)
    d._drop_exact_copies(text, keys, alive, removed)
    assert alive == [True, True, True, False, True, True]
    assert [r.reason[:22] for r in removed] == ["repeat of body line 1 "]
    assert dedup(lines).paragraphs == [A, "1", B, "2", "1"]
    # A short line goes with the sentence it was pasted with.
    assert dedup([A, "1", B, A, "1"]).paragraphs == [A, "1", B]


def test_provisional_wraps_join_a_line_that_breaks_off_only_when_asked():
    text, keys, alive, _ = state([HEAD, TAIL, A])
    wrap_of, joined_key = d._provisional_wraps(text, keys, alive, True)
    assert wrap_of == {(0, 1): True, (1, 2): False}
    assert joined_key == {0: keys[0] + keys[1]}
    assert d._provisional_wraps(text, keys, alive, False) == ({}, {})
    # A copy cut after the wrap point is a truncated copy of the join, not a paragraph.
    cut = HEAD + " 지하철을 두 차례"
    assert dedup([HEAD, TAIL, cut]).paragraphs == [f"{HEAD} {TAIL}"]


def test_candidates_are_living_lines_without_ellipsis_then_joins():
    keys = ["가나다…", "dead", "라마바"]
    cands = d._candidates(keys, [True, False, True], {0: "가나다라마바"})
    assert cands == [("가나다", 0, -1), ("라마바", 2, -1), ("가나다라마바", 0, 0)]
    assert dedup([A, B, A[:30] + "…"]).paragraphs == [A, B]


def test_prefix_groups_hold_shared_prefixes_shortest_and_lines_first():
    long_a, long_b = "가" * 10 + "나다", "가" * 10 + "나"
    cands = [(long_a, 0, -1), ("짧다", 1, -1), ("라" * 12, 2, -1), (long_b, 3, 3), (long_b, 4, -1)]
    groups = d._prefix_groups(cands)
    assert groups == [[(long_b, 4, -1), (long_b, 3, 3), (long_a, 0, -1)]]


def test_truncated_copy_is_found_in_its_group_and_not_the_full_line():
    cut, full = A[:30], A
    text, keys, alive, _ = state([cut, B, full])
    groups = d._prefix_groups(d._candidates(keys, alive, {}))
    assert d._truncated_copies(groups, keys, alive, {}) == {0: 2}
    assert dedup([full, B, cut]).paragraphs == [full, B]


def test_truncated_copies_are_dropped_with_their_reason():
    text, keys, alive, removed = state([A[:30], B, A])
    d._drop_truncated(text, alive, removed, {0: 2})
    assert alive == [False, True, True]
    assert removed[0].text == A[:30]
    assert removed[0].reason.startswith("truncated copy of body line 3 ")


def test_full_paragraph_takes_the_place_of_its_first_truncated_copy():
    assert d._first_places({0: 2}, [False, True, True]) == [0, 1, 0]
    assert d._first_places({2: 0}, [True, True, False]) == [0, 1, 2]
    assert dedup([A[:30], B, A]).paragraphs == [A, B]


def test_hard_wraps_are_joined_unless_the_lines_are_paragraphs():
    text, keys, alive, _ = state([HEAD, TAIL, A])
    placed, joined = d._join_wraps(text, keys, alive, [0, 1, 2], {}, True)
    assert [p[2] for p in placed] == [f"{HEAD} {TAIL}", A] and joined == 1
    placed, joined = d._join_wraps(text, keys, alive, [0, 1, 2], {}, False)
    assert [p[2] for p in placed] == [HEAD, TAIL, A] and joined == 0
    # A pair already asked about in step 2 is not asked again.
    placed, _ = d._join_wraps(text, keys, alive, [0, 1, 2], {(0, 1): False}, True)
    assert [p[2] for p in placed] == [HEAD, TAIL, A]
    assert dedup([HEAD, TAIL, A]).joined == 1


def test_paragraph_repeated_once_joined_goes_short_ones_stay():
    long_key, short_key = "가" * 20, "가" * 19
    placed = [(0, 0, "p", long_key), (1, 1, "q", short_key), (2, 2, "r", long_key)]
    placed.append((3, 3, "s", short_key))
    removed = []
    assert d._drop_joined_repeats(placed, removed) == ["p", "q", "s"]
    assert [(r.text, r.reason) for r in removed] == [
        ("r", "repeat of a paragraph joined from wrapped lines")
    ]
    # Two short wrapped lines pasted twice: each line alone is too short to be a copy.
    head, tail = "누리시는 오는 3월부터 시내버스", "노선을 새로 개편한다."
    assert dedup([head, tail, B, head, tail]).paragraphs == [f"{head} {tail}", B]


def test_the_docstring_examples_hold():
    """The examples in the module's docstrings (dedup, dedup_document, dedup_blocks) are what
    the functions give: run here, since the suite does not collect doctests."""
    results = doctest.testmod(d)
    assert results.attempted >= 3
    assert results.failed == 0
