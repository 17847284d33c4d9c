"""Properties of dedup over generated inputs: it drops only copies, it never loses text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from pressclip.dedup import dedup, key

# Lines built from a few words, so that repeats, prefixes and wraps happen often.
WORDS = [
    "누리시는",
    "버스를",
    "운행한다.",
    "요금은",
    "2,800원이며,",
    "시는",
    "둔다.",
    "기준",
    "노선",
    "신설",
]
line = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)
lines = st.lists(line, max_size=30)


@given(lines)
@settings(max_examples=400, deadline=None)
def test_no_text_is_lost(body):
    """Every input line survives inside some output paragraph (by comparison key)."""
    out = [key(p) for p in dedup(body).paragraphs]
    for text in body:
        assert any(key(text) in p for p in out), text


@given(lines)
@settings(max_examples=400, deadline=None)
def test_output_has_no_exact_copies_of_sentences(body):
    keys = [key(p) for p in dedup(body).paragraphs]
    sentences = [k for k in keys if len(k) >= 20]
    assert len(sentences) == len(set(sentences))


sentences = st.lists(line.map(lambda text: text + " 밝혔다."), max_size=30)


@given(sentences)
@settings(max_examples=200, deadline=None)
def test_idempotent_without_wraps(body):
    """With no hard wraps to join, a second pass finds nothing more to collapse."""
    once = dedup(body).paragraphs
    assert dedup(once).paragraphs == once
