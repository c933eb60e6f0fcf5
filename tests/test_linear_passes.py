"""The quotation and statement passes are linear in the length of a paragraph and an article.

Each sweep or bisection is checked against the plain scan it replaced (kept here as the
reference) on random inputs, and the ledger and side-statement passes are checked to do work
in proportion to the number of quotations in one long paragraph: the number of Python lines
they execute (a deterministic count, not a timing) grows about linearly.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import readout
from readout.analysis.quote_cues import mask_quotes
from readout.analysis.quote_spans import SENTENCE_END_BEFORE, QuoteSpan, ends_sentence_before, scan_quotes
from readout.analysis.statement_rules import overlapping, subtract_spans

# -- the plain scans the passes used before, as references


def scan_quotes_by_scan(text: str) -> list[QuoteSpan]:
    """``scan_quotes`` checking every kept quotation for nesting, as it did before."""
    from readout.analysis.quote_spans import _double_spans, _single_spans

    spans = _double_spans(text) + _single_spans(text)
    spans.sort(key=lambda q: (q.start, -q.end))
    top: list[QuoteSpan] = []
    for q in spans:
        if any(o.start - 1 <= q.start - 1 and q.end <= o.end for o in top):
            continue
        if top and q.start - 1 < top[-1].end:
            continue
        top.append(q)
    return top


def mask_by_splicing(text: str, spans: list[QuoteSpan]) -> str:
    for q in spans:
        lo = max(q.start - 1, 0)
        hi = min(q.end + (1 if q.closed else 0), len(text))
        if hi > lo:
            text = text[:lo] + " " * (hi - lo) + text[hi:]
    return text


def subtract_by_scan(region, holes):
    out = [region]
    for hs, he in sorted(holes):
        nxt = []
        for s0, e0 in out:
            if he <= s0 or hs >= e0:
                nxt.append((s0, e0))
                continue
            if hs > s0:
                nxt.append((s0, hs))
            if he < e0:
                nxt.append((he, e0))
        out = nxt
    return out


# -- random inputs

quote_text = st.text(alphabet=list("ab .,:?!()[]\n\t’'\"“”‘1"), max_size=80)
small = st.integers(min_value=-3, max_value=40)
spans = st.lists(st.tuples(small, small), max_size=12)


@settings(max_examples=400, deadline=None)
@given(quote_text)
def test_scan_quotes_keeps_the_same_top_level_quotations(text):
    assert scan_quotes(text) == scan_quotes_by_scan(text)


@settings(max_examples=400, deadline=None)
@given(quote_text, small)
def test_sentence_end_read_backwards_is_the_regex(text, pos):
    assert ends_sentence_before(text, pos) == bool(SENTENCE_END_BEFORE.search(text[: max(pos, 0)]))


@settings(max_examples=300, deadline=None)
@given(quote_text, st.lists(st.tuples(small, small, st.booleans()), max_size=8))
def test_mask_quotes_blanks_the_same_characters(text, raw_spans):
    quotes = [QuoteSpan(s, e, "“", "”" if closed else "") for s, e, closed in raw_spans]
    assert mask_quotes(text, quotes) == mask_by_splicing(text, quotes)


@settings(max_examples=400, deadline=None)
@given(st.tuples(small, small), spans)
def test_subtract_spans_cuts_the_same_pieces(region, holes):
    assert subtract_spans(region, holes) == subtract_by_scan(region, holes)


@settings(max_examples=400, deadline=None)
@given(spans, st.lists(st.tuples(small, small, st.integers()), max_size=12))
def test_overlapping_is_the_pairwise_scan(sentences, quotes):
    expected = [[q for q in quotes if q[0] < s1 and q[1] > s0] for s0, s1 in sentences]
    assert overlapping(sentences, quotes) == expected


# -- one long paragraph: work grows with the quotations, not with their square

_SENTENCES = [
    "Wang Yi said “we will keep talking” after the meeting.",
    "“The talks were candid,” a senior State Department official told reporters.",
    "Blinken called the visit “constructive” and left.",
    "He added: “There is more work to do.”",
    "China’s foreign ministry said the two sides would “stabilise” ties.",
]


def _long_paragraph(n: int) -> str:
    body = " ".join(_SENTENCES[k % len(_SENTENCES)] for k in range(n))
    return f"Talks in Beijing\n\n{body}\n"


def _lines_run(tmp: Path, n: int) -> int:
    """Python lines executed in the quotation and statement modules for a paragraph of ``n`` sentences."""
    from readout.analysis.mentions import find_mentions
    from readout.analysis.quotes import extract_quotes
    from readout.analysis.statements import article_pieces

    folder = tmp / f"n{n}"
    folder.mkdir()
    (folder / "a.txt").write_text(_long_paragraph(n), encoding="utf-8")
    corpus = readout.load_corpus(folder)
    find_mentions(corpus)
    find_mentions(corpus, pronouns=True)
    # the modules these passes live in (subject phrases, quote_speakers.find_items, are not measured here)
    watched = re.compile(
        r"readout[/\\]analysis[/\\](?:quote_attribution|quote_cues|quote_spans|quotes|statements|statement_rules)\.py$"
    )
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if not watched.search(frame.f_code.co_filename):
            return None
        count += 1
        return tracer

    sys.settrace(tracer)
    try:
        ledger = extract_quotes(corpus)
        article_pieces(corpus)
    finally:
        sys.settrace(None)
    assert len(ledger) >= n  # every sentence holds a quotation
    return count


def test_a_long_paragraph_costs_work_in_proportion_to_its_quotations(tmp_path):
    small_run, large_run = _lines_run(tmp_path, 100), _lines_run(tmp_path, 400)
    # four times the quotations: about four times the lines (sixteen if every quotation
    # scanned the whole paragraph)
    assert large_run / small_run < 6, (small_run, large_run)
