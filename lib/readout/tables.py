"""The registry of every table the library builds, for ``readout export``.

Each entry maps a table name (the CSV file written) to ``"module:function"``;
the function takes a :class:`readout.corpus.Corpus` and returns a DataFrame.
Modules are imported only when their table is built.
"""

from __future__ import annotations

TABLES: dict[str, str] = {
    "articles": "readout.corpus:articles_table",
    "paragraphs": "readout.corpus:paragraphs_table",
    "sentences": "readout.corpus:sentences_table",
    "mentions": "readout.actors:find_mentions",
    "actors": "readout.actors:codebook_table",
    "edges": "readout.network:edges_table",
    "reuse": "readout.reuse:find_reuse",
    "topics": "readout.compare:article_topics",
    "outlet_profiles": "readout.compare:outlet_profiles",
    "quotes": "readout.quotes:extract_quotes",
    "sentiment": "readout.sentiment:score_sentiment",
    "framing_terms": "readout.framing:framing_terms_table",
    "frames_by_side": "readout.framing:frames_by_side",
}


def resolve(ref: str):
    """The function a ``"module:function"`` reference names, importing its module."""
    from importlib import import_module

    module_name, func_name = ref.split(":")
    return getattr(import_module(module_name), func_name)


def build_table(name: str, corpus):
    """Build the table ``name`` for ``corpus``; raises KeyError for an unknown name."""
    return resolve(TABLES[name])(corpus)
