"""Quotation marks and apostrophes: the characters news prose uses, and their ASCII readings."""

from __future__ import annotations

import bisect
import re

APOSTROPHES_TO_ASCII = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


QUOTE_CHARS = "\"\u201c\u201d\u2018\u2019'"


QUOTE_MARKS_TO_ASCII = str.maketrans(
    {"’": "'", "‘": "'", "“": '"', "”": '"', "ʼ": "'", "`": "'", "„": '"', "«": '"', "»": '"'}
)


class QuoteMask:
    """For each character of a text: is it inside quotation marks? (``mask[i]``, ``len(mask)``)

    A curly opening mark opens, a curly closing mark closes, a straight double mark
    toggles; a mark counts as inside once it opens. Stored as the positions where the
    state changes, so building it costs one scan for the marks, not one step per character.
    """

    _MARKS = re.compile('[\u201c\u201d"]')

    def __init__(self, text: str):
        self._len = len(text)
        self._at: list[int] = []
        self._state: list[bool] = []
        inside = False
        for m in self._MARKS.finditer(text):
            ch = m.group()
            inside = True if ch == "\u201c" else False if ch == "\u201d" else not inside
            self._at.append(m.start())
            self._state.append(inside)

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, i: int) -> bool:
        if i < 0:  # as a list of flags would
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError(i)
        k = bisect.bisect_right(self._at, i) - 1
        return self._state[k] if k >= 0 else False


def quote_mask(text: str) -> QuoteMask:
    """For each character of ``text``: is it inside quotation marks? (see :class:`QuoteMask`)

    >>> mask = quote_mask('He said “no” twice')
    >>> [mask[i] for i in (0, 8, 9, 11, 12)]
    [False, True, True, False, False]
    """
    return QuoteMask(text)
