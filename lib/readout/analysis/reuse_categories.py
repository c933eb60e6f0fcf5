"""What a shared passage is: shared copy, a title, a quotation, or two documents of one source.

Two articles can share words for different reasons, and only one of them is syndication:

``boilerplate or title``
    a name with its job title ("Assistant Secretary of State for East Asian and Pacific
    Affairs Daniel Kritenbrink"), a dateline or a credit: words every report of the event
    prints, which say nothing about who copied whom;
``same-source documents``
    both documents come from one government (their ``government`` metadata, and official
    statements, readouts or transcripts): a readout and the transcript it summarises;
``quotation``
    the passage lies (four fifths of it at least) inside quotation marks in both articles: the
    same words relayed from a speaker, or an official formula that several speakers use;
``shared copy``
    everything else: wire copy, a briefing's lines carried by several outlets.

Analyses that count repeated text once (:func:`readout.analysis.reuse.flag_shared_copy`)
count ``shared copy`` and ``quotation`` passages; titles and same-source documents are not
copies of each other's reporting.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import islice

import pandas as pd

from readout.analysis.quote_spans import scan_quotes

CATEGORIES = ("shared copy", "quotation", "boilerplate or title", "same-source documents")
#: categories that analyses count once as repeated copy
COPY_CATEGORIES = ("shared copy", "quotation")

_OFFICIAL_KINDS = ("official_readout", "official_statement", "transcript")
#: words a title or a name may hold besides capitalised ones
_TITLE_GLUE = frozenset("of for and the on to in at de".split())
_WORD = re.compile(r"[\w'’.-]+")


def is_title_or_boilerplate(text: str, max_words: int = 16) -> bool:
    """Whether a passage reads as a name with its title, a dateline or a credit: short, and every
    word capitalised, a number, or a joining word ("of", "for", "and", "the").

    >>> is_title_or_boilerplate("Assistant Secretary of State for East Asian and Pacific Affairs Daniel Kritenbrink")
    True
    >>> is_title_or_boilerplate("the two sides agreed to keep their lines of communication open")
    False
    """
    words = [m.group(0) for m in islice(_WORD.finditer(text), max_words + 1)]  # no more than needed
    if not words or len(words) > max_words:
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_GLUE for w in words)


def _quoted_spans(raw: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for match in re.finditer(r"[^\n]+", raw):
        spans.extend((match.start() + q.start, match.start() + q.end) for q in scan_quotes(match.group(0)))
    return spans


class QuotedSpans:
    """An article's quotations as (start, end) offsets (:func:`_quoted_spans`): by start, each
    ending before the next starts, so a passage looks only at those reaching into it."""

    def __init__(self, raw: str):
        self.spans = _quoted_spans(raw)
        self.ends = [b for _, b in self.spans]

    def inside(self, start: int, end: int, share: float = 0.8) -> bool:
        """Whether at least ``share`` of the characters of ``start:end`` lie inside quotation marks."""
        covered = 0
        for n in range(bisect_right(self.ends, start), len(self.spans)):  # earlier ones end by start
            a, b = self.spans[n]
            if a >= end:
                break
            covered += max(0, min(end, b) - max(start, a))
        return end > start and covered >= share * (end - start)


def reuse_categories(corpus, table: pd.DataFrame) -> list[str]:
    """The category of every passage row of ``table`` (from :func:`readout.analysis.reuse.find_reuse`)."""
    articles = corpus.articles.set_index("article_id")
    government = articles["government"].to_dict() if "government" in articles else {}
    kind = articles["doc_kind"].to_dict() if "doc_kind" in articles else {}
    quoted: dict[str, QuotedSpans] = {}

    def spans(aid: str) -> QuotedSpans:
        if aid not in quoted:
            quoted[aid] = QuotedSpans(corpus.raw[aid])
        return quoted[aid]

    out = []
    for row in table.itertuples(index=False):
        a, b = row.article_a, row.article_b
        if (
            government.get(a)
            and government.get(a) == government.get(b)
            and kind.get(a) in _OFFICIAL_KINDS
            and kind.get(b) in _OFFICIAL_KINDS
        ):
            out.append("same-source documents")
        elif is_title_or_boilerplate(row.text) or is_title_or_boilerplate(row.text_b):
            out.append("boilerplate or title")
        elif spans(a).inside(int(row.start_a), int(row.end_a)) and spans(b).inside(int(row.start_b), int(row.end_b)):
            out.append("quotation")
        else:
            out.append("shared copy")
    return out
