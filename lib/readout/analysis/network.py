"""Who appears with whom: the co-mention network built from actor mentions.

Two actors are tied when they are mentioned in the same window: a sentence, a
paragraph or an article. :func:`co_mention_graph` returns a networkx Graph whose edges
keep their evidence (the sentences behind them), so every tie can be read back in the
text; :func:`edge_table`, :func:`centrality_table`, :func:`communities` and
:func:`edge_evidence` turn the graph into tables, and :func:`write_graph` exports it
for Gephi (GraphML or GEXF).
"""

from __future__ import annotations

import math
from itertools import combinations
from pathlib import Path

import pandas as pd

from readout.analysis.mentions import find_mentions
from readout.analysis.reuse import flag_shared_copy
from readout.corpus.model import ANALYSED_ROLES

WINDOWS = ("sentence", "paragraph", "article")


EDGE_COLUMNS = ["source", "target", "window", "weight", "jaccard", "pmi", "n_articles", "evidence"]


def _units(mentions: pd.DataFrame, window: str) -> pd.Series:
    if window == "sentence":
        return mentions["article_id"].astype(str) + "#s" + mentions["sent_id"].astype(str)
    if window == "paragraph":
        return mentions["article_id"].astype(str) + "#p" + mentions["para_id"].astype(str)
    if window == "article":
        return mentions["article_id"].astype(str)
    raise ValueError(f"window must be one of {', '.join(WINDOWS)}, not {window!r}")


def network_mentions(
    mentions: pd.DataFrame,
    roles: tuple[str, ...] | None = None,
    include_titles: bool = False,
    kinds: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """The mentions a network is built from.

    Keeps paragraphs whose role is in ``roles`` (default
    ``readout.corpus.model.ANALYSED_ROLES``, so credit lines and page furniture are out), drops
    institutions named only inside a person's title (``in_title``) unless
    ``include_titles``, and keeps only actor ``kinds`` if given.
    """

    keep = mentions
    if "role" in keep.columns:
        keep = keep[keep["role"].isin(tuple(roles or ANALYSED_ROLES))]
    if not include_titles and "in_title" in keep.columns:
        keep = keep[~keep["in_title"].astype(bool)]
    if kinds is not None:
        keep = keep[keep["kind"].isin(kinds)]
    return keep


def co_mention_graph(
    mentions: pd.DataFrame,
    window: str = "sentence",
    roles: tuple[str, ...] | None = None,
    include_titles: bool = False,
    kinds: tuple[str, ...] | None = None,
    skip: set[tuple[str, int]] | None = None,
):
    """Build the co-mention network of ``mentions`` (the table from ``find_mentions``).

    ``window`` is "sentence", "paragraph" or "article": two actors are tied once for
    every window in which both are mentioned (several mentions of an actor in one window
    count once). Filters: see :func:`network_mentions`.

    Returns a ``networkx.Graph``. Node attributes: side, kind, mentions (number of
    mentions), n_articles. Edge attributes: weight (number of shared windows),
    n_articles (articles those windows are in), window, and evidence: a sorted list of
    (article_id, sent_id) pairs, the sentences in the shared windows that mention either
    actor; jaccard (shared windows over the windows naming either actor) and pmi (log2 of
    how much more often the two share a window than chance would give), beside the raw count.
    ``skip`` lists (article_id, sent_id) sentences to leave out: the repeats of shared copy
    (:func:`copy_repeats`), so a line that several outlets carry ties its actors once.
    Raises ValueError for an unknown window.

    >>> import pandas as pd
    >>> m = pd.DataFrame({"article_id": ["a", "a", "a"], "para_id": [0, 0, 1], "sent_id": [0, 0, 1],
    ...                   "actor": ["X", "Y", "X"], "side": ["US", "China", "US"],
    ...                   "kind": ["person"] * 3})
    >>> g = co_mention_graph(m)
    >>> g.edges["X", "Y"]["weight"], g.nodes["X"]["mentions"]
    (1, 2)
    """
    import networkx as nx

    if window not in WINDOWS:
        raise ValueError(f"window must be one of {', '.join(WINDOWS)}, not {window!r}")
    used = network_mentions(mentions, roles=roles, include_titles=include_titles, kinds=kinds)
    if skip and not used.empty:
        keys = zip(map(str, used["article_id"].tolist()), map(int, used["sent_id"].tolist()))
        used = used[[key not in skip for key in keys]]
    graph = nx.Graph(window=window)
    if used.empty:
        return graph
    for actor, attrs in _actor_nodes(used):
        graph.add_node(actor, **attrs)
    units, sentences = _unit_members(used, window)
    naming = {actor: 0 for actor in graph.nodes}
    for named in units.values():
        for actor in named:
            naming[actor] += 1
    n_units = len(units)
    graph.graph["n_units"] = n_units
    for (a, b), (weight, articles, evidence) in _ties(units, sentences).items():
        evidence = [sentences[i] for i in sorted(evidence)]
        union = naming[a] + naming[b] - weight
        pmi = math.log2(weight * n_units / (naming[a] * naming[b]))
        graph.add_edge(
            a,
            b,
            weight=weight,
            jaccard=weight / union if union else 0.0,
            pmi=pmi,
            n_articles=len(articles),
            evidence=evidence,
            window=window,
        )
    return graph


def copy_repeats(corpus) -> set[tuple[str, int]]:
    """The (article_id, sent_id) sentences that repeat shared copy printed earlier by another
    article (:func:`readout.analysis.reuse.flag_shared_copy`, ``count_once`` False)."""
    flags = flag_shared_copy(corpus)
    repeats = flags[~flags["count_once"].astype(bool)]
    return set(zip(map(str, repeats["article_id"].tolist()), map(int, repeats["sent_id"].tolist())))


def corpus_graph(corpus, window: str = "sentence", **filters):
    """The co-mention network of ``corpus`` with shared copy counted once (:func:`co_mention_graph`)."""
    return co_mention_graph(find_mentions(corpus), window=window, skip=copy_repeats(corpus), **filters)


def _actor_nodes(used: pd.DataFrame) -> list[tuple[str, dict]]:
    """``(actor, attributes)`` for every actor of ``used``, sorted by actor: side and kind
    of its first mention, mentions (rows) and n_articles (distinct articles)."""
    groups = used.groupby("actor", sort=True)
    sizes = groups.size()
    n_articles = groups["article_id"].nunique()
    first = used.drop_duplicates("actor")
    side = dict(zip(first["actor"].tolist(), first["side"].tolist()))
    kind = dict(zip(first["actor"].tolist(), first["kind"].tolist()))
    return [
        (actor, {"side": str(side[actor]), "kind": str(kind[actor]), "mentions": int(size), "n_articles": int(n)})
        for actor, size, n in zip(sizes.index.tolist(), sizes.tolist(), n_articles.tolist())
    ]


def _unit_members(used: pd.DataFrame, window: str) -> tuple[dict[str, dict[str, set[int]]], list[tuple[str, int]]]:
    """The sentences naming each actor in each window unit.

    Returns ``(units, sentences)``: ``sentences`` is the sorted list of distinct
    ``(article_id, sent_id)`` pairs of ``used``, and ``units`` maps window unit -> actor
    -> the positions in ``sentences`` of the sentences naming the actor in that unit.
    """
    keys = list(zip(map(str, used["article_id"].tolist()), map(int, used["sent_id"].tolist())))
    sentences = sorted(set(keys))
    position = {key: i for i, key in enumerate(sentences)}
    units: dict[str, dict[str, set[int]]] = {}
    for unit, key, actor in zip(_units(used, window).tolist(), keys, used["actor"].tolist()):
        named = units.get(unit)
        if named is None:
            named = units[unit] = {}
        members = named.get(actor)
        if members is None:
            members = named[actor] = set()
        members.add(position[key])
    return units, sentences


def _ties(units: dict[str, dict[str, set[int]]], sentences: list[tuple[str, int]]) -> dict[tuple[str, str], list]:
    """(a, b) with a < b -> [weight (units naming both), articles of those units, evidence
    (positions in ``sentences`` of the sentences in those units naming either)], in
    order of first tie (units sorted)."""
    ties: dict[tuple[str, str], list] = {}
    for unit in sorted(u for u, named in units.items() if len(named) > 1):
        named = units[unit]
        article = sentences[next(iter(next(iter(named.values()))))][0]
        for a, b in combinations(sorted(named), 2):
            tie = ties.get((a, b))
            if tie is None:
                tie = ties[a, b] = [0, set(), set()]
            tie[0] += 1
            tie[1].add(article)
            tie[2].update(named[a], named[b])
    return ties


def edge_table(graph) -> pd.DataFrame:
    """The edges of ``graph`` as a table: source, target, window, weight (shared windows),
    jaccard, pmi, n_articles, evidence (``article_id:sent_id`` pairs joined by ``;``), strongest first."""
    default = graph.graph.get("window", "")
    rows = [
        (
            *sorted((a, b)),
            d.get("window", default),
            d["weight"],
            round(float(d.get("jaccard", 0.0)), 6),
            round(float(d.get("pmi", 0.0)), 6),
            d["n_articles"],
            ";".join([f"{aid}:{sid}" for aid, sid in d["evidence"]]),
        )
        for a, b, d in graph.edges(data=True)
    ]
    return strongest_first(rows)


def strongest_first(rows: list[tuple]) -> pd.DataFrame:
    """Edge rows (in :data:`EDGE_COLUMNS` order) as a table, strongest first."""
    table = pd.DataFrame(rows, columns=EDGE_COLUMNS)
    return table.sort_values(
        ["weight", "n_articles", "source", "target"], ascending=[False, False, True, True]
    ).reset_index(drop=True)


#: the mention columns a co-mention network reads
EDGE_MENTION_COLUMNS = ["article_id", "para_id", "sent_id", "actor", "side", "kind", "role", "in_title"]


def edge_mentions(corpus) -> pd.DataFrame:
    """The per-article half of :func:`edges_table`: the mentions the network is built from
    (:func:`network_mentions`, default filters), only the columns it reads.

    Each article's rows depend on that article alone, so an engine that splits a corpus can
    build them in its partitions, concatenate them in corpus order and finish the table with
    :func:`edges_from_mentions`, instead of finding every mention again in one process.
    """
    used = network_mentions(find_mentions(corpus))
    return used[[c for c in EDGE_MENTION_COLUMNS if c in used.columns]].reset_index(drop=True)


def edges_from_mentions(mentions: pd.DataFrame, corpus) -> pd.DataFrame:
    """The ``edges`` table from :func:`edge_mentions` rows: every window, shared copy once."""
    skip = copy_repeats(corpus)
    return pd.concat([edge_table(co_mention_graph(mentions, window=w, skip=skip)) for w in WINDOWS], ignore_index=True)


def edges_table(corpus) -> pd.DataFrame:
    """Export entry ``edges``: the co-mention edges of ``corpus`` for every window, shared copy once."""
    return edges_from_mentions(edge_mentions(corpus), corpus)


def centrality_table(graph) -> pd.DataFrame:
    """Centrality of every node: actor, side, kind, mentions, degree (number of ties),
    weighted_degree (sum of tie weights) and betweenness (shortest paths use 1/weight as
    distance, so strong ties are short; normalised to 0–1). Sorted by weighted degree."""
    import networkx as nx

    if graph.number_of_nodes() == 0:
        return pd.DataFrame(columns=["actor", "side", "kind", "mentions", "degree", "weighted_degree", "betweenness"])
    for _, _, d in graph.edges(data=True):
        d["distance"] = 1.0 / d["weight"]
    between = nx.betweenness_centrality(graph, weight="distance", normalized=True)
    for _, _, d in graph.edges(data=True):
        del d["distance"]
    rows = [
        (n, d["side"], d["kind"], d["mentions"], graph.degree(n), graph.degree(n, weight="weight"), between[n])
        for n, d in graph.nodes(data=True)
    ]
    table = pd.DataFrame(
        rows, columns=["actor", "side", "kind", "mentions", "degree", "weighted_degree", "betweenness"]
    )
    return table.sort_values(["weighted_degree", "mentions", "actor"], ascending=[False, False, True]).reset_index(
        drop=True
    )


def communities(graph, seed: int = 42, resolution: float = 1.0) -> dict[str, int]:
    """Louvain communities (networkx, weighted, fixed ``seed``): actor -> community number.

    Communities are numbered 0, 1, ... from the largest; isolated actors get their own.
    """
    import networkx as nx

    if graph.number_of_nodes() == 0:
        return {}
    groups = nx.community.louvain_communities(graph, weight="weight", seed=seed, resolution=resolution)
    groups = sorted((sorted(g) for g in groups), key=lambda g: (-len(g), g[0]))
    return {actor: i for i, group in enumerate(groups) for actor in group}


def edge_evidence(graph, corpus, top: int = 5) -> pd.DataFrame:
    """The sentences behind the ``top`` strongest edges: source, target, weight,
    article_id, sent_id, text. For sentence windows these are the sentences naming both."""
    edges = edge_table(graph).head(top)
    sentences = corpus.sentences.set_index(["article_id", "sent_id"])
    rows = []
    for edge in edges.itertuples(index=False):
        for pair in edge.evidence.split(";"):
            aid, sid = pair.rsplit(":", 1)
            text = " ".join(sentences.at[(aid, int(sid)), "text"].split())
            rows.append((edge.source, edge.target, edge.weight, aid, int(sid), text))
    return pd.DataFrame(rows, columns=["source", "target", "weight", "article_id", "sent_id", "text"])


def compare_windows(
    mentions: pd.DataFrame, windows: tuple[str, ...] = ("sentence", "paragraph"), top: int = 10
) -> pd.DataFrame:
    """Edge weights and ranks side by side for several windows: source, target, and for
    each window ``weight_<w>`` and ``rank_<w>`` (1 = strongest, ties share the best rank);
    rows are the union of each window's ``top`` edges."""
    merged = None
    for w in windows:
        table = edge_table(co_mention_graph(mentions, window=w))[["source", "target", "weight"]]
        table[f"rank_{w}"] = table["weight"].rank(ascending=False, method="min").astype(int)
        table = table.rename(columns={"weight": f"weight_{w}"})
        table["_top"] = table[f"rank_{w}"] <= top
        merged = (
            table if merged is None else merged.merge(table, on=["source", "target"], how="outer", suffixes=("", "_b"))
        )
        if "_top_b" in merged:
            merged["_top"] = merged["_top"].fillna(False).astype(bool) | merged.pop("_top_b").fillna(False).astype(bool)
    assert merged is not None
    merged = merged[merged["_top"]].drop(columns="_top")
    for w in windows:
        merged[f"weight_{w}"] = merged[f"weight_{w}"].fillna(0).astype(int)
        merged[f"rank_{w}"] = merged[f"rank_{w}"].astype("Int64")
    return merged.sort_values([f"weight_{windows[0]}", f"weight_{windows[-1]}"], ascending=False).reset_index(drop=True)


def write_graph(graph, path: str | Path) -> Path:
    """Write ``graph`` for Gephi: ``.graphml`` or ``.gexf`` by the file suffix.

    List attributes (evidence) are written as ``article_id:sent_id`` pairs joined by
    ``;`` since neither format holds lists. Returns the path written.
    """
    import networkx as nx

    path = Path(path)
    out = graph.copy()
    for _, _, d in out.edges(data=True):
        if isinstance(d.get("evidence"), list):
            d["evidence"] = ";".join(f"{aid}:{sid}" for aid, sid in d["evidence"])
    out.graph = {k: str(v) for k, v in out.graph.items()}
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".graphml":
        nx.write_graphml(out, path)
    elif path.suffix.lower() == ".gexf":
        nx.write_gexf(out, path)
    else:
        raise ValueError(f"{path}: use a .graphml or .gexf file name")
    return path
