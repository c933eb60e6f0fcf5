"""Source comparison: outlet profiles, topics, quote fidelity and similarity.

Text reuse lives in :mod:`readout.reuse` and is re-exported here, so
``readout.compare.flag_shared_copy(corpus)`` is the one entry point other
analyses use to count shared copy once.
"""

from __future__ import annotations

from readout.reuse import find_reuse, flag_shared_copy, shared_word_matrix

__all__ = ["find_reuse", "flag_shared_copy", "shared_word_matrix"]
