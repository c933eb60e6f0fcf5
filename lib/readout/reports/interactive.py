"""Interactive explorers beside the static figures: terms, the co-mention network, the quote ledger.

Each function returns a :class:`readout.reports.widgets.Widget`: ``display(...)`` it in a
notebook (it has ``_repr_html_`` and ``_repr_mimebundle_``), or write ``.html`` / ``.page()``
to a file. An explorer is one self-contained HTML output: a hand-written script and inline
SVG, its data as escaped JSON (:func:`readout.reports.widgets.script_json`), no library and
nothing fetched, so it works from disk with the network cut, in the report pages and in
JupyterLab. The static PNG figures stay for print and slides; the explorers come in addition.

* :func:`term_explorer`: the Fightin' Words plot (frequency against z, as
  :func:`readout.plots.plot_fightin_words` draws it). Hover a term for its counts, z and q;
  click it to list every statement that used it (side, outlet, speaker, layer); find a term;
  switch between single words and word pairs.
* :func:`network_explorer`: the co-mention network in the static figure's layout
  (:func:`readout.plots.network_layout`), filtered by window, outlet and side; node size by
  mentions, tie width by shared windows; hover a tie for its evidence sentences.
* :func:`quote_ledger`: every quotation with speaker, side, channel and tone; sort by any
  column, search, and open each row's sentence with the quoted words marked.

Corpus text enters only as JSON and leaves only as text (``textContent``): see
:mod:`readout.reports.widget_js`. Page weight on the bundled seeds: 50 to 60 KB per explorer
(budget :data:`PAGE_BUDGET`), two thirds of it data; each script is 9 to 14 KB, the styles 2 KB.
The data grow with the corpus (terms, ties with their evidence, quotations).
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from readout.analysis.fightin_words import framing_terms_table
from readout.analysis.mentions import find_mentions
from readout.analysis.network import WINDOWS, co_mention_graph, network_mentions
from readout.analysis.quotes import extract_quotes
from readout.analysis.sentiment import score_sentiment
from readout.analysis.statements import pieces_by_statement, side_statements
from readout.plots import SIDE_COLOURS, SIDE_ORDER, network_layout
from readout.reports.widgets import Widget, make_widget
from readout.text.tokens import terms_of_runs, tokenize

#: The most an explorer's page may weigh on the bundled seeds (bytes, UTF-8); a test holds it.
PAGE_BUDGET = 150_000

#: |z| above which a term is drawn as distinctive, as in the static figure.
Z_THRESHOLD = 1.96

_FALLBACK = "Interactive {what}: it runs in the HTML report, or in JupyterLab once the cell has run here."


def _number(value: Any, digits: int = 4) -> float | int | None:
    """A JSON-ready number: None for missing or not finite, rounded floats, plain ints."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, (bool, np.bool_)):
        return int(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return round(number, digits) if math.isfinite(number) else None


def _text(value: Any) -> str:
    """A JSON-ready string: "" for a missing value."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


# --------------------------------------------------------------------------- terms


def statement_records(statements: pd.DataFrame) -> tuple[list[list], list[str]]:
    """The counted statements of a :func:`readout.analysis.statements.side_statements` table.

    Returns ``(records, texts)``: a record per statement ``[side, outlet, speaker, layer, kind,
    text shown (pieces joined with " … "), outlets that printed it too (not counted)]`` and the
    text its terms are counted from (pieces joined with " . ", as Fightin' Words counts them).
    ``layer`` is "" when the table has no ``layer`` column.
    """
    pieces = statements
    if "counted" in pieces.columns:
        counted = pieces[pieces["counted"].astype(bool)]
    else:
        counted = pieces
    groups = pieces_by_statement(counted)
    owner: dict[str, str] = {}
    if "piece_id" in pieces.columns:
        owner = {str(p["piece_id"]): sid for sid, group in groups.items() for p in group}
    also: dict[str, list[str]] = {}
    if {"duplicate_of", "piece_id"} <= set(pieces.columns) and "counted" in pieces.columns:
        copies = pieces[~pieces["counted"].astype(bool)]
        for original, outlet in zip(copies["duplicate_of"].tolist(), copies["outlet"].tolist()):
            sid = owner.get(_text(original))
            if sid is not None and _text(outlet) not in also.setdefault(sid, []):
                also[sid].append(_text(outlet))
    records, texts = [], []
    for sid, group in groups.items():
        ordered = sorted(group, key=lambda p: p.get("start", 0))
        first = ordered[0]
        outlet = _text(first.get("outlet"))
        layers = dict.fromkeys(_text(p.get("layer")) for p in group)
        records.append(
            [
                _text(first.get("side")),
                outlet,
                "; ".join(dict.fromkeys(_text(p.get("speaker")) for p in group)),
                "; ".join(layer for layer in layers if layer),
                "+".join(sorted({_text(p.get("kind")) for p in group})),
                " \u2026 ".join(_text(p.get("text")) for p in ordered),
                [o for o in also.get(sid, []) if o != outlet],
            ]
        )
        texts.append(" . ".join(_text(p.get("text")) for p in ordered))
    return records, texts


def term_uses(terms: pd.DataFrame, texts: list[str]) -> list[list[int]]:
    """For each row of ``terms`` (columns term, order), the statements using it: a flat list
    ``[statement, uses, statement, uses, ...]`` over ``texts`` (see :func:`statement_records`)."""
    index = {(str(t), int(o)): i for i, (t, o) in enumerate(zip(terms["term"].tolist(), terms["order"].tolist()))}
    uses: list[list[int]] = [[] for _ in range(len(terms))]
    for k, text in enumerate(texts):
        unigrams, bigrams = terms_of_runs(tokenize(text))
        for order, found in ((1, unigrams), (2, bigrams)):
            for term, n in Counter(found).items():
                i = index.get((term, order))
                if i is not None:
                    uses[i] += [k, n]
    return uses


def _jitter_x(terms: pd.DataFrame) -> np.ndarray:
    """log10 of each term's total count plus the static figure's jitter (seed 0, per order)."""
    x = np.zeros(len(terms))
    order = terms["order"].to_numpy()
    freq = (terms["n_us"].to_numpy() + terms["n_china"].to_numpy()).astype(float)
    for o in sorted(set(order.tolist())):
        rows = np.flatnonzero(order == o)
        x[rows] = np.log10(np.maximum(freq[rows], 1.0)) + np.random.default_rng(0).uniform(-0.03, 0.03, len(rows))
    return x


def term_explorer(terms: pd.DataFrame, statements: pd.DataFrame, label: int = 12) -> Widget:
    """The Fightin' Words term plot as an explorer.

    ``terms`` is :func:`readout.analysis.fightin_words.framing_terms_table` (or one
    :func:`~readout.analysis.fightin_words.fightin_words` model): term, order, n_us, n_china,
    z, q. ``statements`` is :func:`readout.analysis.statements.side_statements`: the counted
    pieces, grouped by statement, are the statements listed for a term (counted as Fightin'
    Words counts them, so a term's listed uses add up to n_us and n_china); outlets whose
    copy of a statement was not counted are named with it. ``label`` terms of each side are
    labelled, as in the static figure.
    """
    t = terms.reset_index(drop=True)
    records, texts = statement_records(statements)
    uses = term_uses(t, texts)
    x = _jitter_x(t)
    rows = [
        [str(term), int(order), int(n_us), int(n_cn), _number(z), _number(q), round(float(xv), 4)]
        for term, order, n_us, n_cn, z, q, xv in zip(
            t["term"].tolist(),
            t["order"].tolist(),
            t["n_us"].tolist(),
            t["n_china"].tolist(),
            t["z"].tolist(),
            t["q"].tolist() if "q" in t.columns else [None] * len(t),
            x.tolist(),
        )
    ]
    orders = sorted({int(o) for o in t["order"].tolist()}) or [1]
    data = {
        "terms": rows,
        "statements": records,
        "uses": uses,
        "orders": orders,
        "threshold": Z_THRESHOLD,
        "label": int(label),
        "colours": SIDE_COLOURS,
    }
    counts = ", ".join(f"{sum(r[1] == o for r in rows)} {'single words' if o == 1 else 'word pairs'}" for o in orders)
    text = (
        f"Term explorer: {len(rows)} terms ({counts}) from {len(records)} statements; "
        "interactive in the HTML report and in JupyterLab."
    )
    return make_widget("term-explorer", data, text, _FALLBACK.format(what="term explorer"))


# --------------------------------------------------------------------------- network


def static_layout(mentions: pd.DataFrame, window: str = "sentence", seed: int = 7) -> dict:
    """The layout of the static network figure: :func:`readout.plots.network_layout` of the
    ``window`` co-mention graph without its isolated actors, as
    :func:`readout.plots.draw_network` draws it."""
    graph = co_mention_graph(mentions, window=window)
    return network_layout(graph.subgraph([n for n in graph if graph.degree(n) > 0]), seed=seed)


def network_explorer(
    mentions: pd.DataFrame, corpus, layout: dict | None = None, window: str = "sentence", seed: int = 7
) -> Widget:
    """The co-mention network as an explorer.

    ``mentions`` is :func:`readout.analysis.mentions.find_mentions` (filtered as
    :func:`readout.analysis.network.co_mention_graph` filters it); ``corpus`` gives the
    outlets, headlines and evidence sentences. Ties are counted per article with
    :func:`~readout.analysis.network.co_mention_graph` for every window, so with every outlet
    and side selected the explorer shows exactly the static network; filtering outlets or
    sides recomputes it in the page. ``layout`` (actor -> (x, y) in the unit square) defaults
    to the static figure's (:func:`static_layout` of ``window`` with ``seed``); actors it
    lacks line up along the bottom. ``window`` is the one shown first.
    """
    if window not in WINDOWS:
        raise ValueError(f"window must be one of {', '.join(WINDOWS)}, not {window!r}")
    used = network_mentions(mentions)
    if layout is None:
        layout = static_layout(mentions, window=window, seed=seed)
    first = used.drop_duplicates("actor")
    info = {a: (_text(s) or "Unknown", _text(k)) for a, s, k in zip(first["actor"], first["side"], first["kind"])}
    actors = sorted(info)
    actor_index = {a: i for i, a in enumerate(actors)}
    articles_table = corpus.articles.set_index("article_id")
    article_ids = [a for a in corpus.articles["article_id"].tolist() if a in set(used["article_id"].tolist())]
    article_index = {a: i for i, a in enumerate(article_ids)}
    articles = [
        [_text(articles_table.at[a, "outlet"]) or "(no outlet)", _text(articles_table.at[a, "headline"])]
        for a in article_ids
    ]
    counts = used.groupby(["actor", "article_id"], sort=True).size()
    mention_rows = [[actor_index[a], article_index[aid], int(n)] for (a, aid), n in counts.items()]
    sentence_text = {
        (aid, int(sid)): " ".join(str(text).split())
        for aid, sid, text in zip(corpus.sentences["article_id"], corpus.sentences["sent_id"], corpus.sentences["text"])
    }
    graphs = [
        (str(aid), w, co_mention_graph(part, window=w))
        for aid, part in used.groupby("article_id", sort=True)
        for w in WINDOWS
    ]
    evidence = sorted(
        {(str(k[0]), int(k[1])) for _, _, g in graphs for _, _, d in g.edges(data=True) for k in d["evidence"]},
        key=lambda key: (article_index[key[0]], key[1]),
    )
    sentence_index = {key: i for i, key in enumerate(evidence)}
    sentences = [[article_index[aid], sid, sentence_text.get((aid, sid), "")] for aid, sid in evidence]
    edges: dict[str, list[list]] = {w: [] for w in WINDOWS}
    for aid, w, graph in graphs:
        for a, b, d in sorted(graph.edges(data=True), key=lambda e: sorted(e[:2])):
            ids = sorted(sentence_index[(str(k[0]), int(k[1]))] for k in d["evidence"])
            lo, hi = sorted((actor_index[a], actor_index[b]))
            edges[w].append([lo, hi, article_index[aid], int(d["weight"]), ids])
    positions = [
        [round(float(layout[a][0]), 4), round(float(layout[a][1]), 4)] if a in layout else None for a in actors
    ]
    data = {
        "actors": [[a, info[a][0], info[a][1]] for a in actors],
        "pos": positions,
        "articles": articles,
        "mentions": mention_rows,
        "edges": edges,
        "sentences": sentences,
        "window": window,
        "windows": list(WINDOWS),
        "sides": list(SIDE_ORDER),
        "colours": SIDE_COLOURS,
    }
    ties = len({(e[0], e[1]) for e in edges[window]})
    text = (
        f"Network explorer: {len(actors)} actors and {ties} ties ({window} window) in {len(articles)} articles; "
        "interactive in the HTML report and in JupyterLab."
    )
    return make_widget("network-explorer", data, text, _FALLBACK.format(what="network explorer"))


# --------------------------------------------------------------------------- quote ledger

#: the ledger's fields, in the order of each row of its data
LEDGER_FIELDS = [
    "quote_id",
    "article_id",
    "start",
    "end",
    "outlet",
    "headline",
    "speaker",
    "side",
    "channel",
    "kind",
    "attribution",
    "cue",
    "tone",
    "tone_diplomatic",
    "text",
    "sentence",
    "sentence_start",
    "sentence_end",
]


def _tones(quotes: pd.DataFrame, sentiment: pd.DataFrame | None, variant: str) -> list:
    if sentiment is None or "variant" not in sentiment.columns:
        return [None] * len(quotes)
    rows = sentiment[(sentiment["unit"] == "quote") & (sentiment["variant"] == variant)]
    compound = dict(zip(rows["unit_id"].tolist(), rows["compound"].tolist()))
    return [_number(compound.get(q), 3) for q in quotes["quote_id"].tolist()]


def quote_contexts(quotes: pd.DataFrame, sentences: pd.DataFrame, raw: dict[str, str] | None = None) -> list[tuple]:
    """For each quote, ``(context, start, end)``: the sentence(s) holding it and the quoted words'
    offsets inside that text, or ``(None, None, None)`` when no sentence holds it.

    ``sentences`` has article_id, start, end, text (``corpus.sentences``, or the sentence
    rows of :func:`readout.analysis.sentiment.score_sentiment`). A quote running over several
    sentences gets all of them when ``raw`` (``corpus.raw``) is given.
    """
    by_article: dict[str, list[tuple[int, int, str]]] = {}
    for aid, start, end, text in zip(sentences["article_id"], sentences["start"], sentences["end"], sentences["text"]):
        by_article.setdefault(str(aid), []).append((int(start), int(end), str(text)))
    for rows in by_article.values():
        rows.sort()
    out: list[tuple] = []
    for aid, qs, qe in zip(quotes["article_id"].tolist(), quotes["start"].tolist(), quotes["end"].tolist()):
        rows = by_article.get(str(aid), [])
        k = bisect.bisect_right(rows, (int(qs), math.inf, "")) - 1
        if k < 0 or not rows[k][0] <= int(qs) < rows[k][1] + 1:
            out.append((None, None, None))
            continue
        last = k
        while last + 1 < len(rows) and rows[last + 1][0] < int(qe):
            last += 1
        start, end = rows[k][0], rows[last][1]
        if last == k:
            context = rows[k][2]
        elif raw is not None and str(aid) in raw:
            context = raw[str(aid)][start:end]
        else:
            context, end = rows[k][2], rows[k][1]
        out.append((context, int(qs) - start, min(int(qe), end) - start))
    return out


def quote_ledger(quotes: pd.DataFrame, sentiment: pd.DataFrame | None = None, corpus=None) -> Widget:
    """The quote ledger as a sortable, searchable table.

    ``quotes`` is :func:`readout.analysis.quotes.extract_quotes` (an ``outlet`` column is used
    when present); ``sentiment`` is :func:`readout.analysis.sentiment.score_sentiment`, whose
    quote scores give the tone (VADER compound, plain and, when scored, with the diplomatic
    lexicon) and whose sentence rows give each quote its sentence; ``corpus`` gives outlets,
    headlines and sentences (preferred, and needed for a quote spanning sentences).
    Each row links to its sentence, shown with the quoted words marked.
    """
    q = quotes.reset_index(drop=True)
    outlets = [""] * len(q)
    headlines = [""] * len(q)
    if corpus is not None:
        arts = corpus.articles.set_index("article_id")
        outlets = [_text(arts["outlet"].get(a, "")) for a in q["article_id"].tolist()]
        headlines = [_text(arts["headline"].get(a, "")) for a in q["article_id"].tolist()]
    if "outlet" in q.columns:
        outlets = [_text(o) for o in q["outlet"].tolist()]
    sentences = None
    if corpus is not None:
        sentences = corpus.sentences
    elif sentiment is not None and "unit" in sentiment.columns:
        sentences = sentiment[sentiment["unit"] == "sentence"].drop_duplicates(["article_id", "start"])
    contexts = (
        quote_contexts(q, sentences, corpus.raw if corpus is not None else None)
        if sentences is not None
        else [(None, None, None)] * len(q)
    )
    tones, tones_dip = _tones(q, sentiment, "plain"), _tones(q, sentiment, "diplomatic")
    side_column = "speaker_side" if "speaker_side" in q.columns else "side"

    def column(name: str) -> list:
        return [_text(v) for v in q[name].tolist()] if name in q.columns else [""] * len(q)

    fields = {
        "quote_id": column("quote_id"),
        "article_id": column("article_id"),
        "start": [_number(v) for v in q["start"].tolist()],
        "end": [_number(v) for v in q["end"].tolist()],
        "outlet": outlets,
        "headline": headlines,
        "speaker": column("speaker"),
        "side": column(side_column),
        "channel": column("channel"),
        "kind": column("kind"),
        "attribution": column("attribution"),
        "cue": column("cue"),
        "tone": tones,
        "tone_diplomatic": tones_dip,
        "text": column("text"),
        "sentence": [c[0] for c in contexts],
        "sentence_start": [c[1] for c in contexts],
        "sentence_end": [c[2] for c in contexts],
    }
    rows = [list(values) for values in zip(*(fields[f] for f in LEDGER_FIELDS))]
    columns = [["speaker", "Speaker", 0], ["side", "Side", 0], ["channel", "Channel", 0], ["tone", "Tone", 1]]
    if any(t is not None for t in tones_dip):
        columns.append(["tone_diplomatic", "Tone (diplomatic)", 1])
    columns += [["text", "Quotation", 0], ["outlet", "Outlet", 0], ["kind", "Kind", 0]]
    data = {
        "fields": LEDGER_FIELDS,
        "rows": rows,
        "columns": columns,
        "search": ["speaker", "side", "channel", "text", "outlet", "headline", "kind", "attribution", "quote_id"],
        "colours": SIDE_COLOURS,
    }
    speakers = len(set(fields["speaker"]))
    text = (
        f"Quote ledger: {len(rows)} quotations from {speakers} speakers; sortable and searchable "
        "in the HTML report and in JupyterLab."
    )
    return make_widget("quote-ledger", data, text, _FALLBACK.format(what="quote ledger"))


# --------------------------------------------------------------------------- pages


#: file name -> (title, what the page shows) of :func:`write_demo_pages`
DEMO_PAGES = {
    "term-explorer.html": "Distinctive terms of US and Chinese statements",
    "network-explorer.html": "Who is named with whom: the co-mention network",
    "quote-ledger.html": "The quote ledger",
}


def explorers(corpus) -> dict[str, Widget]:
    """The three explorers of ``corpus`` with the library's defaults, by demo page file name."""
    return {
        "term-explorer.html": term_explorer(framing_terms_table(corpus), side_statements(corpus)),
        "network-explorer.html": network_explorer(find_mentions(corpus), corpus),
        "quote-ledger.html": quote_ledger(extract_quotes(corpus), score_sentiment(corpus), corpus=corpus),
    }


def write_demo_pages(corpus, out: str | Path) -> list[Path]:
    """Write the three explorers of ``corpus`` as standalone pages into ``out``; return the paths.

    Each page holds one explorer and nothing else: open it from disk, no network needed.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    intro = f"Corpus: {Path(corpus.folder).name} ({len(corpus.articles)} articles)."
    written = []
    for name, widget in explorers(corpus).items():
        path = out / name
        path.write_text(widget.page(DEMO_PAGES[name], intro), encoding="utf-8")
        written.append(path)
    return written
