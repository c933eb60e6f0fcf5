"""Sentences: nltk's Punkt with parameters built here (no download).

The abbreviations news prose uses (U.S., Rep., Mr., Feb., Gen. ...) are known to the splitter,
and closing curly quotes are moved back to the sentence they close. Offsets index the text given.
"""

from __future__ import annotations

import re
from functools import lru_cache

from readout.corpus.roles import CLOSING_MARKS

#: Abbreviations (lower case, without the final period) that never end a sentence.
NEWS_ABBREVIATIONS = frozenset(
    """
    u.s u.k u.n e.u d.c u.s.a p.r.c a.m p.m
    mr mrs ms dr prof rep reps sen sens gov lt col gen maj capt cmdr adm sgt cpl pvt
    amb sec dept st jr sr rev hon pres vice
    jan feb mar apr jun jul aug sep sept oct nov dec
    no nos vs etc inc corp co ltd bros approx est fig
    ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo
    mont neb nev okla ore pa tenn tex va vt wash wis wyo
    """.split()
)


@lru_cache(maxsize=1)
def punkt_tokenizer():
    """A Punkt sentence splitter with news abbreviations; needs no nltk data download."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(NEWS_ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


#: A sentence-ending mark with something after it: where Punkt may end a sentence.
_POSSIBLE_END = re.compile(r"[.?!](?=.)", re.DOTALL)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences in one paragraph.

    >>> t = "U.S. Secretary of State Antony Blinken will not go. He said “no.” Then left."
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['U.S. Secretary of State Antony Blinken will not go.', 'He said “no.”', 'Then left.']

    Results are remembered per paragraph text (wire copy repeats paragraphs word for word).
    """
    return list(_split_sentences(text))


@lru_cache(maxsize=65536)
def _split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    if not _POSSIBLE_END.search(text) and text == text.strip():
        # Punkt ends a sentence only at a mark followed by more text: none here, one sentence
        return ((0, len(text)),) if text else ()
    return _punkt_spans(text)


def _punkt_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Punkt's sentence spans of ``text``, closing curly quotes moved back to their sentence."""
    spans = list(punkt_tokenizer().span_tokenize(text))
    fixed: list[list[int]] = []
    for start, end in spans:
        # Punkt's realignment knows straight quotes only: pull closing curly quotes back.
        while fixed and start < end and text[start] in CLOSING_MARKS and text[fixed[-1][1] - 1] in ".!?":
            fixed[-1][1] = start + 1
            start += 1
            while start < end and text[start].isspace():
                start += 1
        prev = fixed[-1][1] if fixed else 0
        if start < end and prev and _GOES_ON.match(text, start) and text.endswith(_ASKED, max(0, prev - 2), prev):
            fixed[-1][1] = end  # '"... for the summer?" said Thorfinn Sorrell': a question the clause goes on from
        elif start < end:
            fixed.append([start, end])
    return tuple((s, e) for s, e in fixed)


#: How a sentence ends that a lower-case word may carry on ('..?" said X', '..!" he cried').
_ASKED = tuple(m + c for m in "?!" for c in "\"'”’") + ("?", "!")
#: A lower-case word: the clause goes on after a quoted question or exclamation.
_GOES_ON = re.compile(r"[a-z]")
