"""Position indexes the quote attribution searches: speakers and subjects in reading order, a
paragraph's sentence bounds, its mentions of people, and the next person mention from each
subject item. Each bisects while its positions come in order and scans otherwise."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from readout.analysis.quote_speakers import Item


class Positions:
    """A list of (position, actor) pairs that grows in reading order, searched by position.

    Appends go to the list given (a :class:`SpeakerContext` list) as well. While positions
    never decrease, searches bisect; should one come out of order, they scan as before.
    """

    def __init__(self, pairs: list[tuple[int, str]]):
        self.pairs = pairs
        self.positions = [p for p, _ in pairs]
        self.in_order = all(a <= b for a, b in zip(self.positions, self.positions[1:]))

    def append(self, pair: tuple[int, str]) -> None:
        if self.positions and pair[0] < self.positions[-1]:
            self.in_order = False
        self.pairs.append(pair)
        self.positions.append(pair[0])

    def last_before(self, pos: int) -> tuple[int, str] | None:
        """The last pair (in list order) whose position is before ``pos``."""
        if not self.in_order:
            return next(((p, actor) for p, actor in reversed(self.pairs) if p < pos), None)
        n = bisect_left(self.positions, pos)
        return self.pairs[n - 1] if n else None

    def last_in(self, lo: int, hi: int) -> str | None:
        """The actor of the first pair at the greatest position in ``[lo, hi)``, or None."""
        if not self.in_order:
            inside = [p for p, _ in self.pairs if lo <= p < hi]
            return next(actor for p, actor in self.pairs if p == max(inside)) if inside else None
        n = bisect_left(self.positions, hi)
        if n == 0 or self.positions[n - 1] < lo:
            return None
        return self.pairs[bisect_left(self.positions, self.positions[n - 1])][1]


class Sentences:
    """A paragraph's sentence bounds (start, end), searched by bisection when they come in
    order (starts and ends never decreasing), else scanned."""

    def __init__(self, bounds: list[tuple[int, int]]):
        self.bounds = bounds
        self.starts = [s for s, _ in bounds]
        self.ends = [e for _, e in bounds]
        self.in_order = all(a <= b for a, b in zip(self.starts, self.starts[1:])) and all(
            a <= b for a, b in zip(self.ends, self.ends[1:])
        )

    def around(self, lo: int, hi: int, length: int) -> tuple[int, int]:
        """From the start of the first to the end of the last sentence overlapping ``[lo, hi)``;
        ``(0, length)`` when none does."""
        if not self.in_order:
            hits = [(s, e) for s, e in self.bounds if s < hi and e > lo]
            if not hits:
                return 0, length
            return min(s for s, _ in hits), max(e for _, e in hits)
        first, last = bisect_right(self.ends, lo), bisect_left(self.starts, hi)
        if first >= last:
            return 0, length
        return self.starts[first], self.ends[last - 1]

    def last_start_at(self, pos: int) -> int:
        """The greatest sentence start at or before ``pos`` (0 when there is none)."""
        if not self.in_order:
            return max((s for s in self.starts if s <= pos), default=0)
        n = bisect_right(self.starts, pos)
        return self.starts[n - 1] if n else 0


class People:
    """A paragraph's mentions of people (dicts with start, end, actor), in list order."""

    def __init__(self, mentions: list[dict], is_person):
        self.mentions = mentions
        starts = [m["start"] for m in mentions]
        self.in_order = all(a <= b for a, b in zip(starts, starts[1:]))
        self.starts_if_sorted = starts if self.in_order else None
        self.people = [m for m in mentions if is_person(m["actor"])]
        self.starts = [m["start"] for m in self.people]

    def last_ending_by(self, pos: int) -> dict | None:
        """The last person mention (in list order) that ends at or before ``pos``."""
        if not self.in_order:
            return next((m for m in reversed(self.people) if m["end"] <= pos), None)
        n = bisect_right(self.starts, pos)  # mentions starting after pos end after it
        return next((self.people[k] for k in range(n - 1, -1, -1) if self.people[k]["end"] <= pos), None)

    def first_from(self, lo: int, pos: int) -> dict:
        """The first person mention (in list order) ending by ``pos`` that starts at or after
        ``lo``; there is one, :meth:`last_ending_by` found it."""
        if not self.in_order:
            return next(m for m in self.people if m["end"] <= pos and m["start"] >= lo)
        n = bisect_left(self.starts, lo)
        return next(self.people[k] for k in range(n, len(self.people)) if self.people[k]["end"] <= pos)


def next_person_mentions(items: list[Item]) -> list[int | None]:
    """For each position in ``items``, the position of the first person mention from there on."""
    out: list[int | None] = [None] * len(items)
    following: int | None = None
    for n in range(len(items) - 1, -1, -1):
        if items[n].person and items[n].kind == "mention":
            following = n
        out[n] = following
    return out
