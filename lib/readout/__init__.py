"""Readout: traceable tables and analyses for news coverage of a diplomatic event.

Public functions are imported lazily, so ``import readout`` stays cheap; heavy
libraries (matplotlib, networkx, nltk) load only inside the functions that use them.

>>> import readout
>>> corpus = readout.load_corpus()
>>> len(corpus.articles)
5
"""

from __future__ import annotations

from importlib import import_module

__version__ = "0.1.0"

#: public name -> module that defines it
_LAZY: dict[str, str] = {
    "load_corpus": "readout.corpus",
    "Corpus": "readout.corpus",
    "CorpusError": "readout.corpus",
    "ANALYSED_ROLES": "readout.corpus",
    "keyword_in_context": "readout.corpus",
    "SIDE_COLOURS": "readout.plots",
    "side_colour": "readout.plots",
    "ensure_nltk_data": "readout.nltk_setup",
    "build_table": "readout.tables",
    "find_reuse": "readout.reuse",
    "flag_shared_copy": "readout.reuse",
    "shared_word_matrix": "readout.reuse",
    "outlet_profiles": "readout.compare",
    "article_topics": "readout.compare",
    "topic_hits": "readout.compare",
    "quote_fidelity": "readout.compare",
    "tfidf_similarity": "readout.compare",
    "load_codebook": "readout.actors",
    "find_mentions": "readout.actors",
    "resolve_name": "readout.actors",
    "unknown_names": "readout.actors",
    "co_mention_graph": "readout.network",
    "extract_quotes": "readout.quotes",
    "evaluate_quotes": "readout.quotes",
    "load_quote_labels": "readout.quotes",
    "score_sentiment": "readout.sentiment",
    "speaker_sentiment": "readout.sentiment",
    "nyt_benchmark": "readout.sentiment",
    "lexicon_coverage": "readout.sentiment",
    "load_diplomatic_lexicon": "readout.sentiment",
    "side_statements": "readout.framing",
    "fightin_words": "readout.framing",
    "log_odds_dirichlet": "readout.framing",
    "load_frames": "readout.framing",
    "code_frames": "readout.framing",
    "frames_by_side": "readout.framing",
    "frame_agreement": "readout.framing",
    "topic_alignment": "readout.framing",
    "cohen_kappa": "readout.framing",
    "md_escape": "readout.display",
    "safe_tables": "readout.display",
    "write_slides": "readout.teaching",
    "build_workbooks": "readout.teaching",
    "write_brief": "readout.teaching",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'readout' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
