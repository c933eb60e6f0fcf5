"""Span sets (``readout.text.spans``) give the answers of the list scans they replace."""

from hypothesis import given, settings
from hypothesis import strategies as st

from readout.text.spans import DisjointSpans, SpanSet

span = st.tuples(st.integers(0, 60), st.integers(1, 15)).map(lambda p: (p[0], p[0] + p[1]))


@settings(max_examples=300, deadline=None)
@given(st.lists(span, max_size=30), st.lists(span, min_size=1, max_size=20))
def test_span_set_answers_as_the_scan(spans, queries):
    fast = SpanSet(spans)
    for s, e in queries:
        assert fast.overlaps(s, e) == any(a < e and s < b for a, b in spans)


@settings(max_examples=300, deadline=None)
@given(st.lists(span, max_size=40))
def test_greedy_selection_matches_the_scan(candidates):
    taken: list[tuple[int, int]] = []
    for s, e in candidates:
        if all(e <= ts or s >= te for ts, te in taken):
            taken.append((s, e))
    fast = DisjointSpans()
    chosen = [fast.add_if_free(s, e) for s, e in candidates]
    assert fast.spans() == sorted(taken)
    assert sum(chosen) == len(taken)


def test_overlap_is_strict_at_the_edges():
    spans = SpanSet([(5, 10)])
    assert not spans.overlaps(0, 5) and not spans.overlaps(10, 12)
    assert spans.overlaps(9, 10) and spans.overlaps(0, 6)


@settings(max_examples=300, deadline=None)
@given(st.lists(span, max_size=30), st.lists(span, min_size=1, max_size=20))
def test_edge_crossing_answers_as_the_scan(spans, queries):
    from readout.analysis.discovery import _edge_test

    disjoint = DisjointSpans()
    for s, e in spans:
        disjoint.add_if_free(s, e)
    for chosen in (spans, disjoint.spans()):  # any spans (the scan), and disjoint ones (by bisection)
        crosses = _edge_test(chosen)
        for s, t in queries:
            assert crosses(s, t) == any(a < t and s < b and not (s <= a and b <= t) for a, b in chosen)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 50), st.sampled_from("abcde")), max_size=80),
    st.lists(st.integers(0, 60), min_size=1, max_size=10),
    st.sets(st.sampled_from("abcde")),
)
def test_timeline_answers_as_a_backward_scan(entries, befores, kept):
    from readout.analysis.speaker_resolution import SpeakerContext

    ctx = SpeakerContext(side={}, kind={}, titles={}, codebook=set())
    for n, (pos, actor) in enumerate(entries):  # entries arrive while queries are made
        ctx.history.append((pos, actor))
        for before in befores:
            expected, seen = [], set()
            for k in range(n, -1, -1):
                p, a = ctx.history[k]
                if p < before and a not in seen and a in kept:
                    seen.add(a)
                    expected.append((k, p, a))
            assert ctx.spoke_before(kept.__contains__, before) == expected
            assert ctx.last_spoke(kept.__contains__, before) == (expected[0] if expected else None)
