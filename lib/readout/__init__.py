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
    "load_corpus": "readout.corpus.loading",
    "Corpus": "readout.corpus.model",
    "CorpusError": "readout.corpus.model",
    "ANALYSED_ROLES": "readout.corpus.model",
    "keyword_in_context": "readout.corpus.model",
    "SIDE_COLOURS": "readout.plots",
    "side_colour": "readout.plots",
    "ensure_nltk_data": "readout.nltk_setup",
    "build_table": "readout.scale.tables",
    "read_export": "readout.scale.output",
    "find_reuse": "readout.analysis.reuse",
    "flag_shared_copy": "readout.analysis.reuse",
    "shared_word_matrix": "readout.analysis.reuse",
    "outlet_profiles": "readout.analysis.outlets",
    "article_topics": "readout.analysis.topics",
    "topic_hits": "readout.analysis.topics",
    "quote_fidelity": "readout.analysis.fidelity",
    "tfidf_similarity": "readout.analysis.similarity",
    "load_codebook": "readout.analysis.actors",
    "find_mentions": "readout.analysis.mentions",
    "resolve_name": "readout.analysis.actors",
    "unknown_names": "readout.analysis.mentions",
    "co_mention_graph": "readout.analysis.network",
    "extract_quotes": "readout.analysis.quotes",
    "evaluate_quotes": "readout.analysis.quote_accuracy",
    "load_quote_labels": "readout.analysis.quote_accuracy",
    "score_sentiment": "readout.analysis.sentiment",
    "speaker_sentiment": "readout.analysis.sentiment",
    "nyt_benchmark": "readout.analysis.sentiment",
    "lexicon_coverage": "readout.analysis.sentiment",
    "load_diplomatic_lexicon": "readout.analysis.sentiment",
    "side_statements": "readout.analysis.statements",
    "fightin_words": "readout.analysis.fightin_words",
    "log_odds_dirichlet": "readout.analysis.fightin_words",
    "load_frames": "readout.analysis.frames",
    "code_frames": "readout.analysis.frames",
    "frames_by_side": "readout.analysis.frames",
    "frame_agreement": "readout.analysis.frames",
    "topic_alignment": "readout.analysis.frames",
    "cohen_kappa": "readout.analysis.agreement",
    "md_escape": "readout.reports.display",
    "safe_tables": "readout.reports.display",
    "write_slides": "readout.reports.pages",
    "build_workbooks": "readout.reports.workbooks",
    "write_brief": "readout.reports.brief",
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
