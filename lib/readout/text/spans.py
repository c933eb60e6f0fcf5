"""Sets of character spans, queried in logarithmic time.

The analyses keep asking one question of a text's spans: does this new span ``[s, e)`` touch
any of them (``a < e and s < b`` for some span ``[a, b)``)? Scanning the list for every
query is quadratic in the number of spans, which a single long paragraph makes large.

:class:`SpanSet` answers it for a fixed set, :class:`DisjointSpans` for a set that grows by
greedy selection (a span is added only if it overlaps none already taken). Both give exactly
the answer of the scan they replace.

>>> spans = SpanSet([(10, 20), (15, 30), (40, 45)])
>>> [spans.overlaps(s, e) for s, e in [(0, 10), (0, 11), (30, 40), (29, 31), (44, 50)]]
[False, True, False, True, True]
>>> taken = DisjointSpans()
>>> [taken.add_if_free(s, e) for s, e in [(5, 9), (0, 6), (9, 12), (8, 10)]]
[True, False, True, False]
>>> taken.spans()
[(5, 9), (9, 12)]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable


class SpanSet:
    """A fixed set of spans ``[a, b)``, merged into disjoint runs for overlap queries."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        starts: list[int] = []
        ends: list[int] = []
        for a, b in sorted(spans):
            if starts and a < ends[-1]:
                ends[-1] = max(ends[-1], b)
            else:
                starts.append(a)
                ends.append(b)
        self._starts, self._ends = starts, ends

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span ``[a, b)`` of the set has ``a < end and start < b``."""
        i = bisect_right(self._ends, start)
        return i < len(self._starts) and self._starts[i] < end

    def __len__(self) -> int:
        return len(self._starts)


class DisjointSpans:
    """Spans taken one at a time, none overlapping another (``a < e and s < b``)."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def is_free(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps no span taken so far."""
        i = bisect_left(self._starts, start)
        if i > 0 and self._ends[i - 1] > start:
            return False
        while i < len(self._starts) and self._starts[i] < end:
            if self._ends[i] > start:
                return False
            i += 1
        return True

    def add_if_free(self, start: int, end: int) -> bool:
        """Take ``[start, end)`` if it is free; return whether it was taken."""
        if not self.is_free(start, end):
            return False
        i = bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        return True

    def spans(self) -> list[tuple[int, int]]:
        """The taken spans, by start."""
        return list(zip(self._starts, self._ends))
