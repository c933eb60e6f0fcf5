"""Figures of the actor network (``02-map-actor-network``): the co-mention network, the most
connected actors, the network at two windows and one network per outlet.

Networks are drawn by :func:`readout.plots.draw_network`, which nudges node labels apart once
the axes have their final place on the figure; so every figure here fixes its margins, title,
legend and caption before it draws a network. Figures are at most
:data:`readout.plots.sources.PAGE_WIDTH` inches wide, so node labels (8.5 pt) print at their size.
"""

from __future__ import annotations

import textwrap

import pandas as pd

from readout.plots import SIDE_COLOURS, SIDE_ORDER, draw_network, side_colour, side_legend
from readout.plots.sources import PAGE_WIDTH

#: font size of captions under the figures, in points
CAPTION_SIZE = 9.0


def _sides_of(graphs) -> list[str]:
    present = {d.get("side") or "Unknown" for g in graphs for _, d in g.nodes(data=True)}
    return [s for s in SIDE_ORDER if s in present]


def _caption(fig, text: str, width: int = 150) -> None:
    fig.text(0.01, 0.012, textwrap.fill(text, width), fontsize=CAPTION_SIZE, va="bottom", ha="left")


def overlapping_labels(ax) -> list[tuple[str, str]]:
    """Pairs of text labels of ``ax`` whose boxes overlap, as drawn now."""
    renderer = ax.figure.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in ax.texts if t.get_visible()]
    return [(a, b) for i, (a, box_a) in enumerate(boxes) for b, box_b in boxes[i + 1 :] if box_a.overlaps(box_b)]


def draw_readable_network(graph, ax, title: str, title_size: float | None = None, **options) -> int:
    """:func:`readout.plots.draw_network` on ``ax``, with no two node labels overlapping.

    Where the labels cannot all be spread apart, the network is drawn again labelling only
    actors with more mentions, until no labels overlap. Returns the fewest mentions a labelled
    actor has (1: every actor is labelled), for the caption to say.
    """
    most = max((d.get("mentions", 1) for _, d in graph.nodes(data=True)), default=1)
    least = 1
    while True:
        ax.cla()
        ax.set_title(title, fontsize=title_size)
        draw_network(graph, ax=ax, label_min_mentions=least, legend=False, **options)
        if least >= most or not overlapping_labels(ax):
            return least
        least += 1


def _labelled_note(least: int) -> str:
    return "" if least <= 1 else f" Names shown for actors with at least {least} mentions, so that none overlap."


def co_mention_network(graph, window: str, seed: int = 7, isolates: list[str] | None = None):
    """The co-mention network of all articles: node area by mentions, line width by the number of
    ``window`` s naming both, colour and marker by side. ``isolates`` (actors with no tie, not
    drawn) are named in the caption."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(PAGE_WIDTH, 8))
    fig.subplots_adjust(left=0.01, right=0.87, top=0.93, bottom=0.1)
    least = draw_readable_network(graph, ax, f"Who is named with whom ({window} window, all articles)", seed=seed)
    sides = _sides_of([graph.subgraph([n for n in graph if graph.degree(n) > 0])])
    if sides:
        fig.legend(handles=side_legend(sides), title="Side", loc="upper right", frameon=False, fontsize=9)
    names = ", ".join(isolates) if isolates else "none"
    _caption(
        fig,
        f"Node area: mentions; line width: number of {window}s naming both; colour and marker: side. "
        f"Position carries no units. Not drawn (no tie): {names}.{_labelled_note(least)}",
    )
    return fig


def most_connected(central: pd.DataFrame, window: str, top: int = 12):
    """The ``top`` actors by weighted degree (the sum of their ties' weights), coloured by side.

    ``central`` is :func:`readout.analysis.network.centrality_table`."""
    import matplotlib.pyplot as plt

    rows = central[central["degree"] > 0].head(top).iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, max(3.5, 0.34 * len(rows) + 1.6)), layout="constrained")
    ax.barh(
        rows["actor"],
        rows["weighted_degree"],
        color=[side_colour(s) for s in rows["side"]],
        edgecolor="black",
        linewidth=0.5,
    )
    ax.set_xlabel(f"Weighted degree (shared {window}s with other actors)")
    ax.set_ylabel("Actor")
    ax.set_title("Most connected actors")
    present = [s for s in SIDE_ORDER if s in set(rows["side"])]
    handles = [plt.Rectangle((0, 0), 1, 1, color=SIDE_COLOURS[s]) for s in present]
    ax.legend(handles, present, title="Side", frameon=False, loc="lower right")
    fig.supxlabel(
        "Bars: sum of tie weights; the longest bar is the actor most often named together with others.",
        fontsize=CAPTION_SIZE,
        x=0.01,
        ha="left",
    )
    return fig


def window_networks(graphs: dict, seed: int = 7):
    """The same actors under two (or more) definitions of "together": one network panel per
    window (``graphs`` maps a window name to its co-mention graph), one above the other, with
    one shared side legend."""
    import matplotlib.pyplot as plt

    panel = 6.0
    height = panel * len(graphs) + 0.8
    fig, axes = plt.subplots(len(graphs), 1, figsize=(PAGE_WIDTH, height), squeeze=False)
    fig.subplots_adjust(left=0.01, right=0.87, top=1 - 0.45 / height, bottom=0.6 / height, hspace=0.6 / panel)
    least = 1
    for ax, (window, graph) in zip(axes[:, 0], graphs.items()):
        least = max(
            least, draw_readable_network(graph, ax, f"{str(window).capitalize()} window", seed=seed, node_scale=20)
        )
    sides = _sides_of(graphs.values())
    if sides:
        fig.legend(handles=side_legend(sides), title="Side", loc="upper right", frameon=False, fontsize=9)
    _caption(
        fig,
        "Same actors, two definitions of 'together'. Node area: mentions; line width: shared windows."
        + _labelled_note(least),
    )
    return fig


def outlet_networks(graphs: dict, window: str, seed: int = 7, columns: int = 2):
    """One co-mention network per outlet (``graphs`` maps an outlet to its graph), ``columns``
    panels a row, each on its own scale, with one shared side legend."""
    import matplotlib.pyplot as plt

    columns = max(1, min(columns, len(graphs)))
    rows = max(1, -(-len(graphs) // columns))
    panel_height = 4.4 if columns > 1 else 6.0
    height = panel_height * rows + 0.9
    fig, axes = plt.subplots(rows, columns, figsize=(PAGE_WIDTH, height), squeeze=False)
    fig.subplots_adjust(
        left=0.01, right=0.88, top=1 - 0.45 / height, bottom=0.5 / height, wspace=0.05, hspace=0.5 / panel_height
    )
    for ax in list(axes.flat)[len(graphs) :]:
        ax.set_visible(False)
    least = 1
    for ax, (outlet, graph) in zip(axes.flat, graphs.items()):
        title = textwrap.shorten(str(outlet), 48, placeholder="…")
        options = {"seed": seed, "node_scale": 18, "width_scale": 0.8}
        least = max(least, draw_readable_network(graph, ax, title, title_size=11, **options))
    sides = _sides_of(graphs.values())
    if sides:
        fig.legend(handles=side_legend(sides), title="Side", loc="upper right", frameon=False, fontsize=9)
    _caption(
        fig,
        f"One network per outlet ({window} window); each panel has its own scale. Colour and marker: side."
        + _labelled_note(least),
    )
    return fig
