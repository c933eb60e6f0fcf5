"""The figures of notebooks 00, 01 and 02 read right on the bundled corpus: no mathtext printed
literally, no text under 8 pt at the size a page shows, human axis titles, percent axes where
the labels are percentages, labels that keep their contrast, and network labels that do not overlap."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import readout  # noqa: E402
from readout.analysis.network import centrality_table, co_mention_graph  # noqa: E402
from readout.analysis.outlets import first_mention_by_side, outlet_profiles  # noqa: E402
from readout.analysis.reuse import find_reuse, shared_word_matrix  # noqa: E402
from readout.analysis.similarity import lexical_overlap, tfidf_similarity  # noqa: E402
from readout.analysis.topics import article_topics, load_topics  # noqa: E402
from readout.corpus.codebooks import codebook_path  # noqa: E402
from readout.plots import network as network_plots  # noqa: E402
from readout.plots import raw_mathtext_labels, use_report_style  # noqa: E402
from readout.plots import sources as source_plots  # noqa: E402

SMALLEST_POINTS = 8.0


@pytest.fixture(scope="module")
def seeds():
    use_report_style()
    return readout.load_corpus()


@pytest.fixture(scope="module")
def tables(seeds):
    quotes = readout.extract_quotes(seeds)
    mentions = readout.find_mentions(seeds)
    profiles = outlet_profiles(seeds, quotes=quotes, mentions=mentions)
    outlets = seeds.articles.set_index("article_id")["outlet"]
    repeated = outlets.duplicated(keep=False)
    label = {a: f"{o} [{a}]" if repeated[a] else o for a, o in outlets.items()}
    profiles["label"] = profiles["article_id"].map(label)
    order = [label[a] for a in sorted(seeds.raw)]
    return {"quotes": quotes, "mentions": mentions, "profiles": profiles, "label": label, "order": order}


def _source_figures(seeds, tables):
    arts = seeds.articles.assign(published=pd.to_datetime(seeds.articles["published"]))
    dated = arts.assign(label=arts["article_id"].map(tables["label"])).sort_values("published")
    events = pd.read_csv(codebook_path("events.csv", seeds), parse_dates=["start", "end"])
    para = seeds.paragraphs.assign(words=seeds.paragraphs["text"].str.count(r"\w+"))
    composition = para.pivot_table(index="article_id", columns="role", values="words", aggfunc="sum", fill_value=0)
    composition.index = composition.index.map(tables["label"])
    composition = composition[[r for r in source_plots.ROLE_COLOURS if r in composition]]
    by_side = first_mention_by_side(seeds, tables["mentions"])
    by_side["outlet"] = by_side["article_id"].map(tables["label"])
    codebook = load_topics(corpus=seeds)
    topics = article_topics(seeds, codebook)
    topics["outlet"] = topics["article_id"].map(tables["label"])
    grid = topics.pivot(index="label", columns="outlet", values="sentences").reindex(
        index=codebook["label"], columns=tables["order"]
    )
    matrix = shared_word_matrix(seeds, find_reuse(seeds)).rename(index=tables["label"], columns=tables["label"])
    cosine = tfidf_similarity(seeds).rename(index=tables["label"], columns=tables["label"])
    jaccard = lexical_overlap(seeds).rename(index=tables["label"], columns=tables["label"])
    p, order = tables["profiles"], tables["order"]
    return {
        "publication_timeline": source_plots.publication_timeline(dated, events),
        "words_by_role": source_plots.words_by_role(composition),
        "quotation_share": source_plots.quotation_share(p, order),
        "voices_by_outlet": source_plots.voices_by_outlet(p, order),
        "first_mentions": source_plots.first_mentions(by_side, order),
        "topic_coverage": source_plots.topic_coverage(grid),
        "shared_words": source_plots.shared_words(matrix),
        "similarity_maps": source_plots.similarity_maps(cosine, jaccard),
    }


def _network_figures(seeds, tables):
    mentions = tables["mentions"]
    graph = co_mention_graph(mentions, window="sentence")
    wide = co_mention_graph(mentions, window="paragraph")
    outlet_of = seeds.articles.set_index("article_id")["outlet"]
    per_outlet = {
        outlet: co_mention_graph(mentions[mentions["article_id"].isin(outlet_of[outlet_of == outlet].index)])
        for outlet in dict.fromkeys(outlet_of.loc[sorted(seeds.raw)])
    }
    isolates = sorted(n for n in graph if graph.degree(n) == 0)
    return {
        "co_mention_network": network_plots.co_mention_network(graph, "sentence", isolates=isolates),
        "most_connected": network_plots.most_connected(centrality_table(graph), "sentence"),
        "window_networks": network_plots.window_networks({"sentence": graph, "paragraph": wide}),
        "outlet_networks": network_plots.outlet_networks(per_outlet, "sentence"),
    }


@pytest.fixture(scope="module")
def figures(seeds, tables):
    made = {**_source_figures(seeds, tables), **_network_figures(seeds, tables)}
    for fig in made.values():
        fig.canvas.draw()
    yield made
    for fig in made.values():
        plt.close(fig)


NETWORK_FIGURES = ("co_mention_network", "window_networks", "outlet_networks")
ALL_FIGURES = (
    "publication_timeline",
    "words_by_role",
    "quotation_share",
    "voices_by_outlet",
    "first_mentions",
    "topic_coverage",
    "shared_words",
    "similarity_maps",
    "most_connected",
    *NETWORK_FIGURES,
)


def _texts(fig):
    """Every visible text artist of ``fig`` that holds text (tick labels, titles, labels, legends, annotations)."""
    return [
        t
        for t in fig.findobj(matplotlib.text.Text)
        if t.get_visible() and t.get_text().strip() and t.get_figure() is not None
    ]


def _shown_scale(fig) -> float:
    """How much a page shrinks ``fig``: 1 up to the page width, less beyond it (tight bounding box)."""
    renderer = fig.canvas.get_renderer()
    width = fig.get_tightbbox(renderer).width  # inches
    return min(1.0, source_plots.PAGE_WIDTH * 1.05 / width)


@pytest.mark.parametrize("name", ALL_FIGURES)
def test_no_tick_label_prints_mathtext(figures, name):
    assert raw_mathtext_labels(figures[name]) == []


@pytest.mark.parametrize("name", ALL_FIGURES)
def test_every_text_is_at_least_8_points_as_shown(figures, name):
    fig = figures[name]
    scale = _shown_scale(fig)
    small = [(t.get_text()[:30], t.get_fontsize()) for t in _texts(fig) if t.get_fontsize() * scale < SMALLEST_POINTS]
    assert not small, f"{name}: shown at {scale:.0%}, texts under {SMALLEST_POINTS} pt: {small}"


@pytest.mark.parametrize("name", ALL_FIGURES)
def test_axis_titles_are_words_not_paths_or_identifiers(figures, name):
    for ax in figures[name].axes:
        for label in (ax.get_xlabel(), ax.get_ylabel(), ax.get_title()):
            assert "/" not in label, f"{name}: {label!r} holds a path"
            assert not re.search(r"[a-z]_[a-z]", label), f"{name}: {label!r} is snake_case"


@pytest.mark.parametrize("name", ["voices_by_outlet", "first_mentions"])
def test_share_axes_are_percent_axes(figures, name):
    ax = figures[name].axes[0]
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert ticks and all(t.endswith("%") for t in ticks), ticks


def test_labels_on_bars_keep_their_contrast(figures):
    """A share written on a bar is white only on a dark, plain fill; on a hatched or light bar it is dark."""
    ax = figures["voices_by_outlet"].axes[0]
    labels = [t for t in ax.texts if t.get_text().endswith("%")]
    assert labels
    for text in labels:
        x, y = text.get_position()
        bar = next(
            p
            for p in ax.patches
            if p.get_x() <= x <= p.get_x() + p.get_width() and p.get_y() <= y <= p.get_y() + p.get_height()
        )
        fill = matplotlib.colors.to_hex(bar.get_facecolor())
        colour = matplotlib.colors.to_hex(text.get_color())
        if colour == "#ffffff":
            assert not bar.get_hatch(), f"white {text.get_text()} on a hatched bar"
            assert source_plots.contrast_ratio(colour, fill) >= 4.5
        else:
            assert source_plots.contrast_ratio(colour, fill) >= 4.5 or text.get_bbox_patch() is not None


@pytest.mark.parametrize("name", NETWORK_FIGURES)
def test_network_labels_do_not_overlap(figures, name):
    fig = figures[name]
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in ax.texts if t.get_visible()]
        assert boxes or not ax.get_visible() or not ax.collections
        for i, (a, box_a) in enumerate(boxes):
            for b, box_b in boxes[i + 1 :]:
                assert not box_a.overlaps(box_b), f"{name}: labels {a!r} and {b!r} overlap"


@pytest.mark.parametrize("name", NETWORK_FIGURES)
def test_network_labels_are_readable(figures, name):
    fig = figures[name]
    scale = _shown_scale(fig)
    sizes = [t.get_fontsize() * scale for ax in fig.axes for t in ax.texts]
    assert sizes and min(sizes) >= SMALLEST_POINTS


def test_figures_stay_within_the_page_width(figures):
    wide = {n: f.get_size_inches()[0] for n, f in figures.items() if f.get_size_inches()[0] > source_plots.PAGE_WIDTH}
    assert not wide


def test_timeline_reads_its_year_from_the_dates(figures, seeds):
    years = {str(pd.Timestamp(d).year) for d in seeds.articles["published"]}
    labels = {ax.get_xlabel() for ax in figures["publication_timeline"].axes}
    assert all(any(y in label for y in years) for label in labels) if len(years) == 1 else labels == {"date"}


def test_timeline_without_events_draws_dates_only(seeds):
    arts = seeds.articles.assign(published=pd.to_datetime(seeds.articles["published"]), label=seeds.articles["outlet"])
    fig = source_plots.publication_timeline(arts.sort_values("published"), None)
    assert len(fig.axes) == 1 and not fig.axes[0].texts
    assert fig._suptitle.get_text() == "Publication dates"
    plt.close(fig)


def test_voices_figure_names_a_row_with_no_attributed_quote(tables):
    p = tables["profiles"].copy()
    for side in source_plots.COMPARED_SIDES:
        p.loc[p.index[0], f"share_{side.lower()}"] = 0.0
    fig = source_plots.voices_by_outlet(p, tables["order"])
    assert any(t.get_text() == "no attributed quotation" for t in fig.axes[0].texts)
    plt.close(fig)
