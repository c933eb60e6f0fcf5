"""Group phrases ("senior Chinese officials") are found near their head words only, with the
matches of the full pattern tried everywhere."""

from hypothesis import given, settings
from hypothesis import strategies as st

from readout.analysis.speaker_phrases import GROUP_RE, group_phrases

WORDS = [
    "officials", "Officials", "spokesperson", "the", "some", "senior", "Chinese", "U.S.", "of", "for",
    "State", "Department", "said", "people", "experts", "many", "two", "at", "Ministry", "sources",
    "analysts", "(officials", "a", "—", "x-officials", "diplomats,", "Foreign", "ministers", "with",
]  # fmt: skip
SEPARATORS = [" ", "  ", "\n", ", ", " (", ") "]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=40))
def test_group_phrases_are_the_full_patterns_matches(pieces):
    text = "".join(w + sep for w, sep in pieces)
    expected = [(m.start(), m.end(), m.groupdict()) for m in GROUP_RE.finditer(text)]
    assert [(m.start(), m.end(), m.groupdict()) for m in group_phrases(text)] == expected
