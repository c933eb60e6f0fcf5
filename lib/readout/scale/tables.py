"""The registry of every table ``readout export`` writes, and of the per-article stages behind them.

One specification per table says how it is built and, for the engines that split a corpus
into partitions, which per-article stage produces it, how partition results merge and where
the table is finished. The export engine (:mod:`readout.scale.export`) reads only these
specifications; the analysis modules know nothing of partitions.

Functions are named as ``"module:function"`` references and imported only when a table
or stage is built.

A *merge rule* says how one stage's results over partitions combine into the whole corpus's:

- a tuple of sort keys (:func:`readout.scale.partitions.merge_frames`): a column name, a
  ``(column, values)`` pair, or ``"corpus"`` / ``"sorted"`` for articles in corpus or
  sorted order;
- ``"sum"``: counts (a Counter, or a tuple of them) that add up over partitions;
- ``"module:function"``: a function that merges the list of parts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

import pandas as pd

from readout.analysis.fightin_words import TERMS_MEMO_KEY
from readout.analysis.mentions import SIDE_COUNTS_MEMO_KEY
from readout.analysis.preconditions import NotEnoughData
from readout.analysis.statements import PIECES_MEMO_PREFIX

#: how the results of a stage over partitions merge (see the module docstring)
MergeRule = tuple | str


@dataclass(frozen=True)
class Stage:
    """A per-article step that the engines run on each partition of a corpus.

    ``function`` takes a (sub-)corpus. ``spill``: the local engine's workers write the
    result (a table only written by the export) to a part file instead of sending it back.
    """

    name: str
    function: str
    merge: MergeRule
    spill: bool = False


@dataclass(frozen=True)
class Memo:
    """A value the per-article stages memoise on the corpus (``corpus.cached`` keys starting
    with ``prefix``) that later tables read: the workers send it back and it is merged."""

    prefix: str
    merge: MergeRule


@dataclass(frozen=True)
class Table:
    """One exported table: ``build`` makes it from a whole corpus in one process.

    With partitions, a table with a ``stage`` is that stage's merged result, or, with a
    ``finish`` function (merged stage result, corpus) -> DataFrame, is finished from it in the
    calling process. ``overlap``: built in the calling process while the workers run.
    """

    name: str
    build: str
    stage: str | None = None
    finish: str | None = None
    overlap: bool = False


#: the per-article stages, in the order the workers run them
STAGES: tuple[Stage, ...] = (
    Stage("mentions", "readout.analysis.mentions:find_mentions", ("corpus",), spill=True),
    Stage("mention_counts", "readout.analysis.mentions:mention_counts", "sum"),
    Stage("edge_mentions", "readout.analysis.network:edge_mentions", ("corpus",)),
    Stage("side_counts", "readout.analysis.mentions:mention_side_counts", "sum"),
    Stage("quotes", "readout.analysis.quotes:extract_quotes", ("corpus",), spill=True),
    Stage(
        "sentiment",
        "readout.analysis.sentiment:score_sentiment",
        (("variant", ("plain", "diplomatic")), ("unit", ("quote", "sentence")), "corpus"),
        spill=True,
    ),
    Stage("topics", "readout.analysis.topics:article_topics", ("sorted",), spill=True),
    Stage("profiles", "readout.analysis.outlets:profile_rows", ("sorted",)),
    Stage("side_pieces", "readout.analysis.statements:article_pieces", ("sorted",)),
    Stage("term_counts", "readout.analysis.fightin_words:analysed_term_counts", "sum"),
)

#: what the stages memoise that later tables read in the calling process (framing terms and sides)
MEMOS: tuple[Memo, ...] = (
    Memo(PIECES_MEMO_PREFIX, ("sorted",)),
    Memo(TERMS_MEMO_KEY, "sum"),
    Memo(SIDE_COUNTS_MEMO_KEY, "sum"),
)

_TABLE_LIST: tuple[Table, ...] = (
    Table("articles", "readout.corpus.model:articles_table"),
    Table("paragraphs", "readout.corpus.model:paragraphs_table"),
    Table("sentences", "readout.corpus.model:sentences_table"),
    Table("mentions", "readout.analysis.mentions:find_mentions", stage="mentions"),
    Table(
        "actors",
        "readout.analysis.mentions:codebook_table",
        stage="mention_counts",
        finish="readout.analysis.mentions:codebook_with_counts",
    ),
    Table(
        "edges",
        "readout.analysis.network:edges_table",
        stage="edge_mentions",
        finish="readout.analysis.network:edges_from_mentions",
    ),
    Table("reuse", "readout.analysis.reuse:find_reuse", overlap=True),
    Table("topics", "readout.analysis.topics:article_topics", stage="topics"),
    Table(
        "outlet_profiles",
        "readout.analysis.outlets:outlet_profiles",
        stage="profiles",
        finish="readout.analysis.outlets:add_shared_copy",
    ),
    Table("quotes", "readout.analysis.quotes:extract_quotes", stage="quotes"),
    Table("sentiment", "readout.analysis.sentiment:score_sentiment", stage="sentiment"),
    Table("framing_terms", "readout.analysis.fightin_words:framing_terms_table"),
    Table("frames_by_side", "readout.analysis.frames:frames_by_side"),
    Table("statements", "readout.analysis.statements:statements_table"),
    Table("alignment", "readout.analysis.alignment:alignment_table"),
)

#: every exported table by name, in the order the export writes them
TABLES: dict[str, Table] = {t.name: t for t in _TABLE_LIST}
STAGES_BY_NAME: dict[str, Stage] = {s.name: s for s in STAGES}


def resolve(ref: str) -> Callable[..., Any]:
    """The function a ``"module:function"`` reference names, importing its module."""
    module_name, func_name = ref.split(":")
    return getattr(import_module(module_name), func_name)


def build_table(name: str, corpus: Any) -> Any:
    """Build the table ``name`` for ``corpus`` in this process; raises KeyError for an unknown name.

    An analysis that cannot run on this corpus (:class:`readout.analysis.preconditions.NotEnoughData`)
    gives its table empty, with its columns, and a warning in ``corpus.warnings`` that names the
    table and says why.
    """
    try:
        return resolve(TABLES[name].build)(corpus)
    except NotEnoughData as exc:
        corpus.warnings.append(f"{name}: left empty: {exc.reason}")
        return pd.DataFrame(columns=exc.columns)


def merge_rule(key: str) -> MergeRule | None:
    """The merge rule of a stage name or of a memo key, or None."""
    if key in STAGES_BY_NAME:
        return STAGES_BY_NAME[key].merge
    return next((m.merge for m in MEMOS if key.startswith(m.prefix)), None)


def memo_prefixes() -> tuple[str, ...]:
    """The memo key prefixes the workers send back (:data:`MEMOS`)."""
    return tuple(m.prefix for m in MEMOS)
