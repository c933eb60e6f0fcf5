"""When an analysis cannot run on a corpus: one side silent, one article, no quotations, no reuse.

An analysis whose preconditions are not met raises :class:`NotEnoughData` with a sentence
saying why. The export writes that table empty, with its documented columns, and a warning
naming the table and the reason (:func:`readout.scale.tables.build_table`); the other tables
and the report go on. A notebook shows the same sentence in place of the section's result.
"""

from __future__ import annotations

from collections.abc import Sequence


class NotEnoughData(ValueError):
    """The corpus does not hold what this analysis compares; ``columns`` are the empty table's."""

    def __init__(self, reason: str, columns: Sequence[str] = ()):
        super().__init__(reason)
        self.reason = reason
        self.columns = list(columns)
