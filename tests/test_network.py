"""The co-mention network: windows, evidence, centrality, communities, export, drawing."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

import readout
from readout.analysis.mention_accuracy import load_annotations, score_mentions
from readout.analysis.network import (
    EDGE_COLUMNS,
    WINDOWS,
    centrality_table,
    co_mention_graph,
    communities,
    edge_evidence,
    edge_table,
    edges_table,
    write_graph,
)


def hand_mentions() -> pd.DataFrame:
    # article a: sentence 0 names A and B twice; sentence 1 (same paragraph) names C;
    # paragraph 1 names A and C. Article b: one sentence names A and B.
    rows = [
        ("a", 0, 0, "A", "US", "person", "body", False),
        ("a", 0, 0, "B", "China", "person", "body", False),
        ("a", 0, 0, "B", "China", "person", "body", False),
        ("a", 0, 1, "C", "Other", "person", "body", False),
        ("a", 1, 2, "A", "US", "person", "body", False),
        ("a", 1, 2, "C", "Other", "person", "body", False),
        ("a", 1, 2, "D", "US", "institution", "body", True),
        ("a", 2, 3, "A", "US", "person", "credit", False),
        ("a", 2, 3, "E", "Other", "person", "credit", False),
        ("b", 0, 0, "A", "US", "person", "headline", False),
        ("b", 0, 0, "B", "China", "person", "headline", False),
    ]
    return pd.DataFrame(rows, columns=["article_id", "para_id", "sent_id", "actor", "side", "kind", "role", "in_title"])


def test_sentence_window_weights_and_evidence():
    g = co_mention_graph(hand_mentions(), window="sentence")
    assert sorted(g.nodes) == ["A", "B", "C"]  # D only in a title, E only in a credit line
    assert g.nodes["A"] == {"side": "US", "kind": "person", "mentions": 3, "n_articles": 2}
    assert g.nodes["B"]["mentions"] == 3
    ab = g.edges["A", "B"]
    assert (ab["weight"], ab["n_articles"]) == (2, 2)
    assert ab["evidence"] == [("a", 0), ("b", 0)]
    assert g.edges["A", "C"]["weight"] == 1
    assert not g.has_edge("B", "C")


def test_paragraph_and_article_windows():
    m = hand_mentions()
    p = co_mention_graph(m, window="paragraph")
    assert p.edges["B", "C"]["weight"] == 1 and p.edges["B", "C"]["evidence"] == [("a", 0), ("a", 1)]
    assert p.edges["A", "C"]["weight"] == 2
    a = co_mention_graph(m, window="article")
    assert a.edges["A", "B"]["weight"] == 2 and a.edges["A", "C"]["weight"] == 1
    with pytest.raises(ValueError, match="window must be one of"):
        co_mention_graph(m, window="page")


def test_filters_can_be_relaxed():
    m = hand_mentions()
    g = co_mention_graph(m, include_titles=True, roles=("body", "headline", "credit"))
    assert {"D", "E"} <= set(g.nodes)
    assert g.edges["A", "E"]["weight"] == 1
    people = co_mention_graph(m, include_titles=True, kinds=("person",))
    assert "D" not in people


def test_edge_table_orders_by_weight():
    t = edge_table(co_mention_graph(hand_mentions(), window="paragraph"))
    assert list(t.columns) == EDGE_COLUMNS
    assert t.iloc[0][["source", "target", "weight"]].tolist() in (["A", "B", 2], ["A", "C", 2])
    assert t["weight"].is_monotonic_decreasing
    assert (t["source"] < t["target"]).all()


def test_article_window_evidence_and_table():
    g = co_mention_graph(hand_mentions(), window="article")
    assert g.edges["A", "B"]["evidence"] == [("a", 0), ("a", 2), ("b", 0)]
    assert g.edges["A", "C"]["evidence"] == g.edges["B", "C"]["evidence"] == [("a", 0), ("a", 1), ("a", 2)]
    t = edge_table(g)
    assert t[["source", "target", "window", "weight", "n_articles", "evidence"]].values.tolist() == [
        ["A", "B", "article", 2, 2, "a:0;a:2;b:0"],
        ["A", "C", "article", 1, 1, "a:0;a:1;a:2"],
        ["B", "C", "article", 1, 1, "a:0;a:1;a:2"],
    ]


def test_ties_are_added_in_the_order_of_their_first_window():
    # Windows are read in the order of their names: "a#s10" comes before "a#s2".
    m = pd.DataFrame(
        {
            "article_id": ["a"] * 4,
            "para_id": [0, 0, 1, 1],
            "sent_id": [2, 2, 10, 10],
            "actor": ["A", "C", "B", "A"],
            "side": ["US", "Other", "China", "Other"],
            "kind": ["person"] * 4,
        }
    )
    g = co_mention_graph(m)
    assert list(g.adj["A"]) == ["B", "C"] and list(g.edges) == [("A", "B"), ("A", "C")]
    assert g.nodes["A"] == {"side": "US", "kind": "person", "mentions": 2, "n_articles": 1}  # side of the first mention


def test_no_mentions_no_edges():
    m = hand_mentions().iloc[:0]
    g = co_mention_graph(m)
    assert g.number_of_nodes() == 0 and g.graph["window"] == "sentence"
    t = edge_table(g)
    assert t.empty and list(t.columns) == EDGE_COLUMNS


def test_centrality_of_a_star():
    m = pd.DataFrame(
        {
            "article_id": ["a"] * 6,
            "para_id": [0, 0, 1, 1, 2, 2],
            "sent_id": [0, 0, 1, 1, 2, 2],
            "actor": ["Hub", "X", "Hub", "Y", "Hub", "Z"],
            "side": ["US"] * 6,
            "kind": ["person"] * 6,
        }
    )
    c = centrality_table(co_mention_graph(m)).set_index("actor")
    assert c.loc["Hub", "degree"] == 3 and c.loc["Hub", "weighted_degree"] == 3
    assert c.loc["Hub", "betweenness"] == pytest.approx(1.0)
    assert c.loc["X", "betweenness"] == 0.0


def test_communities_split_two_cliques():
    g = nx.Graph()
    for a, b in [("a1", "a2"), ("a2", "a3"), ("a1", "a3"), ("b1", "b2"), ("b2", "b3"), ("b1", "b3")]:
        g.add_edge(a, b, weight=5)
    g.add_edge("a1", "b1", weight=1)
    comm = communities(g, seed=1)
    assert comm["a1"] == comm["a2"] == comm["a3"]
    assert comm["b1"] == comm["b2"] == comm["b3"]
    assert comm["a1"] != comm["b1"]
    assert comm == communities(g, seed=1)


def test_graphml_and_gexf_round_trip(tmp_path):
    g = co_mention_graph(hand_mentions())
    for suffix in (".graphml", ".gexf"):
        path = write_graph(g, tmp_path / f"net{suffix}")
        back = nx.read_graphml(path) if suffix == ".graphml" else nx.read_gexf(path)
        assert sorted(back.nodes) == sorted(g.nodes)
        assert int(back.edges["A", "B"]["weight"]) == 2
        assert back.edges["A", "B"]["evidence"] == "a:0;b:0"
        assert back.nodes["B"]["side"] == "China"
    with pytest.raises(ValueError, match="graphml or .gexf"):
        write_graph(g, tmp_path / "net.csv")


# --------------------------------------------------------------------------- the bundled corpus


@pytest.fixture(scope="module")
def seed_graph(corpus):
    return co_mention_graph(readout.find_mentions(corpus), window="sentence")


def test_seed_blinken_qin_is_a_top_five_tie(seed_graph):
    top = edge_table(seed_graph).head(5)
    pairs = {tuple(sorted(p)) for p in zip(top["source"], top["target"])}
    assert ("Antony Blinken", "Qin Gang") in pairs
    assert seed_graph.edges["Antony Blinken", "Qin Gang"]["n_articles"] == 5


def test_seed_evidence_sentences_name_both_actors(corpus, seed_graph):
    mentions = readout.find_mentions(corpus)
    ev = edge_evidence(seed_graph, corpus, top=3)
    assert len(ev) >= 3
    for row in ev.itertuples():
        here = set(mentions[(mentions["article_id"] == row.article_id) & (mentions["sent_id"] == row.sent_id)]["actor"])
        assert {row.source, row.target} <= here


def test_seed_nodes_are_codebook_actors(seed_graph):
    from readout.analysis.actors import load_codebook

    book = load_codebook().set_index("actor")
    assert set(seed_graph.nodes) <= set(book.index)
    for node, data in seed_graph.nodes(data=True):
        assert data["side"] == book.at[node, "side"]


def test_people_the_codebook_lacks_are_nodes_with_the_side_their_titles_name(tmp_path):
    from conftest import write_corpus

    text = (
        "Talks in Beijing\n\n"
        "Blinken met Wang Yi, director of the Office of the Central Foreign Affairs Commission, on Monday. "
        'Laura Pike, a fellow at the Lowy Institute, said Blinken and Wang Yi had "found a floor."\n'
    )
    corpus = readout.load_corpus(write_corpus(tmp_path / "c", {"a.txt": text}))
    mentions = readout.find_mentions(corpus)
    graph = co_mention_graph(mentions)
    assert graph.nodes["Laura Pike"]["side"] == "Other"
    assert graph.has_edge("Antony Blinken", "Laura Pike")
    assert not mentions.loc[mentions["actor"] == "Laura Pike", "in_codebook"].any()


def test_seed_edges_export_has_every_window(corpus):
    t = edges_table(corpus)
    assert set(t["window"]) == set(WINDOWS)
    counts = t.groupby("window").size()
    assert counts["sentence"] < counts["paragraph"] < counts["article"]


def test_seed_drawing_labels_do_not_collide(seed_graph):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from readout.plots import SIDE_COLOURS, draw_network

    fig, ax = plt.subplots(figsize=(10, 8))
    draw_network(seed_graph, ax=ax)
    renderer = fig.canvas.get_renderer()
    labels = [t for t in ax.texts]
    assert len(labels) == sum(1 for n in seed_graph if seed_graph.degree(n) > 0)
    boxes = [t.get_window_extent(renderer) for t in labels]
    overlaps = sum(boxes[i].overlaps(boxes[j]) for i in range(len(boxes)) for j in range(i + 1, len(boxes)))
    assert overlaps == 0
    colours = {tuple(round(v, 3) for v in c.get_facecolor()[0][:3]) for c in ax.collections}
    expected = {tuple(round(v, 3) for v in matplotlib.colors.to_rgb(SIDE_COLOURS[s])) for s in ("US", "China", "Other")}
    assert colours == expected
    plt.close(fig)


def test_notebook_runs_and_prints_the_library_figures(corpus, tmp_path):
    import nbformat

    from readout.analysis.network import (
        co_mention_graph,
        edge_table,
    )
    from readout.paths import NOTEBOOKS_DIR
    from readout.reports.kernels import execute_notebook

    path = NOTEBOOKS_DIR / "02-map-actor-network.ipynb"
    raw_nb = nbformat.read(path, as_version=4)
    assert "parameters" in raw_nb.cells[1].metadata.get("tags", [])
    assert all(c.get("execution_count") is None and not c.get("outputs") for c in raw_nb.cells if c.cell_type == "code")
    nb = execute_notebook(path, {"EXPORT_DIR": str(tmp_path)})
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(o.data["text/markdown"] for o in outputs if "text/markdown" in o.get("data", {}))
    mentions = readout.find_mentions(corpus)
    score = score_mentions(mentions, load_annotations(), corpus)
    assert f"**{score['n_gold']} hand-labelled mentions**" in text
    assert f"**precision is {score['precision']:.1%}** and **recall {score['recall']:.1%}**" in text
    edges = edge_table(co_mention_graph(mentions))
    pair = edges[(edges["source"] == "Antony Blinken") & (edges["target"] == "Qin Gang")]
    rank = int(pair.index[0]) + 1
    assert rank <= 5
    from readout.reports.display import md_escape

    assert f"{md_escape('Antony Blinken')} – {md_escape('Qin Gang')}, rank {rank} of {len(edges)}" in text
    assert f"**{len(mentions)} times** in all" in text
    back = nx.read_graphml(tmp_path / "co_mentions_sentence.graphml")
    assert back.number_of_edges() == len(edges)
    assert (tmp_path / "co_mentions_paragraph.gexf").exists()
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 4
