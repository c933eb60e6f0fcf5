"""The parties a corpus is about: the sides of its actor codebook, not a fixed pair.

The actor codebook's ``side`` column names the parties (``US`` and ``China`` in the bundled
codebook; any names in a user's). ``Other`` holds everyone who speaks for neither party
(analysts, third countries, news agencies) and ``Unknown`` an actor whose side the text does
not give. :func:`corpus_sides` picks the two parties to compare: those of the codebook, the
most mentioned in the corpus first.
"""

from __future__ import annotations

import re

from readout.analysis.actors import load_codebook
from readout.analysis.mentions import mention_side_counts

#: the parties compared when a corpus's codebook names no others
DEFAULT_SIDES: tuple[str, str] = ("US", "China")
#: side values that are not a party
NOT_PARTIES = frozenset({"Other", "Unknown", "", "none"})


def parties(corpus) -> list[str]:
    """The parties the corpus's codebook names, most mentioned in the corpus first (codebook order on ties)."""
    book = load_codebook(corpus=corpus)
    named = [s for s in dict.fromkeys(book["side"].astype(str).tolist()) if s not in NOT_PARTIES]
    counts = mention_side_counts(corpus)
    return sorted(named, key=lambda s: (-counts.get(s, 0), named.index(s)))


def corpus_sides(corpus) -> tuple[str, str]:
    """The two parties to compare: :data:`DEFAULT_SIDES` when the codebook names them, else the
    codebook's two most mentioned parties (fewer than two: the default pair, whose comparison
    will then say that one side is silent)."""
    named = parties(corpus)
    if set(DEFAULT_SIDES) <= set(named):
        return DEFAULT_SIDES
    if len(named) >= 2:
        return (named[0], named[1])
    return DEFAULT_SIDES


def side_slug(side: str) -> str:
    """A side's name as a column suffix: ``US`` -> ``us``, ``South Korea`` -> ``south_korea``.

    >>> side_slug("US"), side_slug("South Korea")
    ('us', 'south_korea')
    """
    return re.sub(r"[^0-9a-z]+", "_", side.lower()).strip("_") or "side"
