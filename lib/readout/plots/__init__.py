"""Shared figure conventions: one colour per side, used by every notebook.

The palette is the Okabe–Ito colour-blind-safe set (Okabe & Ito, 2008,
"Color Universal Design"), chosen so that the sides stay apart in grey scale
too: US is dark blue, China vermilion, Other a light grey-green, Unknown grey.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SIDE_COLOURS: dict[str, str] = {
    "US": "#0072B2",  # Okabe–Ito blue
    "China": "#D55E00",  # Okabe–Ito vermilion
    "Other": "#009E73",  # Okabe–Ito bluish green
    "Unknown": "#999999",  # neutral grey
}


#: Hatching per side, so printed grey-scale figures still separate the sides.
SIDE_HATCHES: dict[str, str] = {"US": "", "China": "//", "Other": "..", "Unknown": "xx"}


SIDE_ORDER: tuple[str, ...] = ("US", "China", "Other", "Unknown")


#: Okabe–Ito colours and hatches for parties other than the bundled codebook's (a user's own
#: codebook): given in the order :func:`use_sides` receives the parties
EXTRA_PARTY_COLOURS = ("#0072B2", "#D55E00", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442")
EXTRA_PARTY_HATCHES = ("", "//", "\\\\", "--", "++", "oo")


def party_colours(sides) -> dict[str, tuple[str, str, str]]:
    """(colour, hatch, marker) of each party of ``sides`` that the bundled palette does not name,
    in order: the first takes blue, the second vermilion, and so on.

    >>> party_colours(("Ruritania", "Freedonia"))["Freedonia"]
    ('#D55E00', '//', 's')
    """
    free = [s for s in sides if s not in ("US", "China", "Other", "Unknown")]
    return {
        side: (
            EXTRA_PARTY_COLOURS[k % len(EXTRA_PARTY_COLOURS)],
            EXTRA_PARTY_HATCHES[k % len(EXTRA_PARTY_HATCHES)],
            ("o", "s", "v", "P", "X", "*")[k % 6],
        )
        for k, side in enumerate(free)
    }


def use_sides(sides) -> None:
    """Give every party of ``sides`` a colour, a hatch and a marker of its own, for all figures.

    The bundled codebook's parties keep theirs (US blue, China vermilion); other parties take the
    palette in order (:func:`party_colours`), so a corpus about two other parties is drawn as the
    bundled one is. ``Other`` and ``Unknown`` keep theirs.
    """
    for side, (colour, hatch, marker) in party_colours(sides).items():
        SIDE_COLOURS.setdefault(side, colour)
        SIDE_HATCHES.setdefault(side, hatch)
        SIDE_MARKERS.setdefault(side, marker)


def side_order(sides) -> tuple[str, ...]:
    """The parties first, then Other and Unknown: the order of legends and stacked bars."""
    return (*[s for s in sides if s not in ("Other", "Unknown")], "Other", "Unknown")


def side_colour(side: str | None) -> str:
    """Return the colour for ``side``; grey for a side no palette entry names.

    >>> side_colour("US")
    '#0072B2'
    >>> side_colour(None)
    '#999999'
    """
    return SIDE_COLOURS.get(side or "Unknown", SIDE_COLOURS["Unknown"])


def use_report_style() -> None:
    """Apply the figure style shared by all notebooks (readable in print and on a projector)."""
    import matplotlib as mpl

    mpl.rcParams.update(
        {
            "figure.dpi": 110,
            "savefig.dpi": 110,
            "font.size": 11,
            "axes.titlesize": 13,
            "axes.titleweight": "bold",
            "axes.labelsize": 11,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "svg.hashsalt": "readout",
            # Labels come from the corpus: "$" is a dollar sign, not maths (a "$...$" label
            # would otherwise be typeset, and an unbalanced one stops the figure).
            "text.parse_math": False,
        }
    )
    register_plain_log_scale()


def register_plain_log_scale() -> None:
    """Make ``set_xscale("log")`` label its ticks with plain numbers (1, 10, 100).

    matplotlib's log axis writes its ticks as mathtext (``$\\mathdefault{10^{0}}$``); with
    ``text.parse_math`` off, which corpus labels need, that would print literally. The log
    scale is registered again under its own name with a plain formatter
    (``matplotlib.scale.register_scale``), so every log axis of every notebook reads right.
    """
    import matplotlib.scale as mscale
    import matplotlib.ticker as mticker

    class PlainLogScale(mscale.LogScale):
        name = "log"

        def set_default_locators_and_formatters(self, axis):
            super().set_default_locators_and_formatters(axis)
            axis.set_major_formatter(mticker.FuncFormatter(lambda value, _pos: f"{value:g}"))
            axis.set_minor_formatter(mticker.NullFormatter())

    mscale.register_scale(PlainLogScale)


def raw_mathtext_labels(fig) -> list[str]:
    """Tick labels of ``fig`` that would print mathtext source literally (for tests)."""
    fig.canvas.draw()
    found = []
    for ax in fig.axes:
        for label in [*ax.get_xticklabels(), *ax.get_yticklabels()]:
            text = label.get_text()
            if "$" in text or "\\mathdefault" in text:
                found.append(text)
    return found


#: Marker per side for network drawings, so sides stay apart in grey scale.
SIDE_MARKERS: dict[str, str] = {"US": "o", "China": "s", "Other": "^", "Unknown": "D"}


def network_layout(graph, seed: int = 7) -> dict:
    """A deterministic layout for ``graph`` in the unit square.

    Each connected component gets a networkx spring layout with a fixed ``seed``, every
    tie pulling equally (weights would fold the network onto its hub; widths show them
    instead). The largest component fills the left three quarters; the smaller ones are
    stacked in the right-hand column, largest first.
    """
    import networkx as nx

    if graph.number_of_nodes() == 0:
        return {}
    components = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))

    def unit(nodes):
        sub = graph.subgraph(nodes)
        if len(nodes) == 1:
            return {nodes[0]: (0.5, 0.5)}
        k = 2.2 / len(nodes) ** 0.5
        pos = nx.spring_layout(sub, seed=seed, weight=None, k=k, iterations=500)
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        sx, sy = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
        return {n: ((p[0] - min(xs)) / sx, (p[1] - min(ys)) / sy) for n, p in pos.items()}

    out = {}
    main, rest = components[0], components[1:]
    main_width = 0.72 if rest else 1.0
    for n, (x, y) in unit(main).items():
        out[n] = (x * main_width, y)
    if rest:
        slot = 1.0 / len(rest)
        for i, nodes in enumerate(rest):
            top = 1.0 - i * slot
            for n, (x, y) in unit(nodes).items():
                out[n] = (0.84 + (x - 0.5) * 0.2, top - slot * (0.3 + 0.45 * y))
    return out


def _spread_labels(ax, texts, anchors, markers=(), iterations: int = 400) -> None:
    """Nudge text labels apart until their boxes overlap neither each other nor the node
    markers (``markers``: (x, y, size in points squared) in data coordinates), then draw a
    thin leader line from any label that moved far from its node.

    Each round takes every label's box (its window extent, widened 6% and heightened 20%)
    as the round starts; each overlapping pair of labels moves apart by one pixel
    sideways and 1.5 pixels vertically, and a label overlapping a marker moves away
    from it by one pixel sideways and two vertically. Rounds stop when nothing moved, or
    after ``iterations``. A label's box is its text layout translated to its position,
    so the layouts are measured once and the rounds work on arrays; the positions,
    and so the figure, come out exactly as label-by-label moves would give them.
    """
    if not texts:
        return
    from matplotlib.transforms import Bbox

    fig = ax.figure
    if (
        fig.canvas.figure.get_layout_engine() is not None
        or ax.get_aspect() != "auto"
        or ax.get_box_aspect() is not None
        or ax.get_axes_locator() is not None
    ):
        # a draw moves these axes (layout engine, fixed aspect): lay the figure out first,
        # without painting pixels; otherwise the axes already sit where a draw leaves them
        fig.canvas.figure.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    to_data = ax.transData.inverted()
    px = fig.dpi / 72.0
    obstacles = []
    for x, y, size in markers:
        cx, cy = ax.transData.transform((x, y))
        r = (size**0.5) * px / 2 + 1
        obstacles.append(Bbox([[cx - r, cy - r], [cx + r, cy + r]]))

    layouts = _text_layouts(ax, texts, renderer)
    if layouts is None:  # a text whose box is not its layout moved to its position: move label by label
        _spread_one_by_one(ax, texts, obstacles, renderer, to_data, iterations)
    else:
        _spread_arrays(ax, texts, layouts, obstacles, to_data, iterations)
    for t, (x0, y0) in zip(texts, anchors):
        x1, y1 = t.get_position()
        dist = ax.transData.transform((x1, y1)) - ax.transData.transform((x0, y0))
        if (dist**2).sum() ** 0.5 > 22:
            ax.plot([x0, x1], [y0, y1], color="#777777", lw=0.5, zorder=1)


def _text_layouts(ax, texts, renderer):
    """Each text's layout box in display units, before it is moved to its position, as an
    (n, 2, 2) array; None when some text's window extent is not that box translated to its
    position (rotated or transformed text, another matplotlib), so the caller moves labels
    one by one instead."""
    import numpy as np

    try:
        layouts = np.array([t._get_layout(renderer)[0].get_points() for t in texts], dtype=float)
        if layouts.shape != (len(texts), 2, 2) or any(t.get_transform() != ax.transData for t in texts):
            return None
        where = ax.transData.transform(np.array([t.get_unitless_position() for t in texts], dtype=float))
        for t, box, xy in zip(texts, layouts, where):
            if not np.array_equal(box + xy, t.get_window_extent(renderer).get_points()):
                return None
    except (AttributeError, TypeError, ValueError, IndexError):
        return None
    return layouts


def _shift(ax, to_data, t, dx, dy):
    x, y = ax.transData.transform(t.get_position())
    t.set_position(to_data.transform((x + dx, y + dy)))


def _spread_one_by_one(ax, texts, obstacles, renderer, to_data, iterations):
    for _ in range(iterations):
        boxes = [t.get_window_extent(renderer).expanded(1.06, 1.2) for t in texts]
        moved = False
        for i in range(len(texts)):
            for j in range(i + 1, len(texts)):
                a, b = boxes[i], boxes[j]
                if not a.overlaps(b):
                    continue
                dy = (a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2
                dx = (a.x0 + a.x1) / 2 - (b.x0 + b.x1) / 2
                sy = 1.5 if dy >= 0 else -1.5
                sx = 1.0 if dx >= 0 else -1.0
                _shift(ax, to_data, texts[i], sx, sy)
                _shift(ax, to_data, texts[j], -sx, -sy)
                moved = True
            for ob in obstacles:
                a = boxes[i]
                if a.overlaps(ob):
                    dy = (a.y0 + a.y1) / 2 - (ob.y0 + ob.y1) / 2
                    dx = (a.x0 + a.x1) / 2 - (ob.x0 + ob.x1) / 2
                    _shift(ax, to_data, texts[i], 1.0 if dx >= 0 else -1.0, 2.0 if dy >= 0 else -2.0)
                    moved = True
        if not moved:
            break


def _extents(points):
    """(x low, y low, x high, y high) of an (n, 2, 2) array of boxes, as Bbox.overlaps orders them."""
    import numpy as np

    x0, y0, x1, y1 = points[:, 0, 0], points[:, 0, 1], points[:, 1, 0], points[:, 1, 1]
    return np.minimum(x0, x1), np.minimum(y0, y1), np.maximum(x0, x1), np.maximum(y0, y1)


def _spread_arrays(ax, texts, layouts, obstacles, to_data, iterations):
    """The rounds of :func:`_spread_one_by_one` on arrays: the same comparisons and the same
    moves, in the same order for each label (moves of different labels do not interact
    within a round, as every box is taken when the round starts)."""
    import numpy as np

    n = len(texts)
    pos = np.array([t.get_unitless_position() for t in texts], dtype=float)
    if obstacles:
        obs = np.array([b.get_points() for b in obstacles], dtype=float)
        ob_lo_x, ob_lo_y, ob_hi_x, ob_hi_y = _extents(obs)
        ob_cx = (obs[:, 0, 0] + obs[:, 1, 0]) / 2
        ob_cy = (obs[:, 0, 1] + obs[:, 1, 1]) / 2
    upper = np.triu(np.ones((n, n), dtype=bool), 1)
    moved_ever = np.zeros(n, dtype=bool)
    for _ in range(iterations):
        where = ax.transData.transform(pos)
        boxes = layouts + where[:, None, :]  # Text.get_window_extent: the layout translated to the position
        width = boxes[:, 1, 0] - boxes[:, 0, 0]  # Bbox.expanded(1.06, 1.2)
        height = boxes[:, 1, 1] - boxes[:, 0, 1]
        dw = (1.06 * width - width) / 2.0
        dh = (1.2 * height - height) / 2.0
        boxes = boxes + np.stack([np.stack([-dw, -dh], axis=1), np.stack([dw, dh], axis=1)], axis=1)
        lo_x, lo_y, hi_x, hi_y = _extents(boxes)
        cx = (boxes[:, 0, 0] + boxes[:, 1, 0]) / 2
        cy = (boxes[:, 0, 1] + boxes[:, 1, 1]) / 2
        pairs = (
            (lo_x[:, None] <= hi_x[None, :])
            & (lo_x[None, :] <= hi_x[:, None])
            & (lo_y[:, None] <= hi_y[None, :])
            & (lo_y[None, :] <= hi_y[:, None])
            & upper
        )
        moves: list[list[tuple[float, float]]] = [[] for _ in range(n)]
        for i, j in zip(*np.nonzero(pairs)):  # row by row, as the label-by-label loops visit them
            sy = 1.5 if cy[i] - cy[j] >= 0 else -1.5
            sx = 1.0 if cx[i] - cx[j] >= 0 else -1.0
            moves[i].append((sx, sy))
            moves[j].append((-sx, -sy))
        hits = None
        if obstacles:
            hits = (
                (lo_x[:, None] <= ob_hi_x[None, :])
                & (ob_lo_x[None, :] <= hi_x[:, None])
                & (lo_y[:, None] <= ob_hi_y[None, :])
                & (ob_lo_y[None, :] <= hi_y[:, None])
            )
            for i, m in zip(*np.nonzero(hits)):  # after label i's pairs, as in the loops
                moves[i].append((1.0 if cx[i] - ob_cx[m] >= 0 else -1.0, 2.0 if cy[i] - ob_cy[m] >= 0 else -2.0))
        if not pairs.any() and not (hits is not None and hits.any()):
            break
        for step in range(max(len(m) for m in moves)):
            idx = [k for k in range(n) if len(moves[k]) > step]
            delta = np.array([moves[k][step] for k in idx], dtype=float)
            shown = ax.transData.transform(pos[idx])
            pos[idx] = to_data.transform(shown + delta)
            moved_ever[idx] = True
    for k in np.nonzero(moved_ever)[0]:
        texts[k].set_position(pos[k].copy())


def side_legend(sides=SIDE_ORDER) -> list:
    """Legend handles (colour and marker) for ``sides``, for ``ax.legend(handles=...)`` or ``fig.legend``."""
    from matplotlib.lines import Line2D

    return [
        Line2D(
            [],
            [],
            marker=SIDE_MARKERS[s],
            color="none",
            markerfacecolor=side_colour(s),
            markeredgecolor="black",
            markersize=9,
            label=s,
        )
        for s in sides
    ]


def draw_network(
    graph,
    ax=None,
    pos: dict | None = None,
    seed: int = 7,
    label_min_mentions: int = 1,
    title: str | None = None,
    node_scale: float = 30.0,
    width_scale: float = 1.2,
    drop_isolates: bool = True,
    legend: bool = True,
):
    """Draw a co-mention network: one colour and marker per side (:data:`SIDE_COLOURS`,
    :data:`SIDE_MARKERS`), node area by mention count, edge width by weight, labels
    nudged apart so they do not collide. The layout is deterministic (``seed``).

    Nodes need ``side`` and ``mentions`` attributes and edges ``weight``, as
    ``readout.analysis.network.co_mention_graph`` gives them. Returns the matplotlib Axes; the
    axes frame is hidden because positions carry no units. ``drop_isolates`` leaves out
    actors with no tie (list them in the caption); ``legend=False`` leaves the side legend
    to the caller (small multiples share one: :func:`side_legend`).
    """
    import matplotlib.pyplot as plt

    if drop_isolates:
        graph = graph.subgraph([n for n in graph if graph.degree(n) > 0])

    if ax is None:
        _, ax = plt.subplots(figsize=(10, 8))
    pos = pos or network_layout(graph, seed=seed)
    max_w = max((d["weight"] for _, _, d in graph.edges(data=True)), default=1)
    for a, b, d in sorted(graph.edges(data=True), key=lambda e: e[2]["weight"]):
        (x0, y0), (x1, y1) = pos[a], pos[b]
        ax.plot(
            [x0, x1],
            [y0, y1],
            color="#555555",
            alpha=0.25 + 0.55 * d["weight"] / max_w,
            lw=0.6 + width_scale * 4 * d["weight"] / max_w,
            zorder=1,
            solid_capstyle="round",
        )
    markers = []
    for side in SIDE_ORDER:
        nodes = [n for n, d in graph.nodes(data=True) if (d.get("side") or "Unknown") == side]
        if not nodes:
            continue
        sizes = [node_scale * (1 + graph.nodes[n].get("mentions", 1)) ** 0.8 for n in nodes]
        ax.scatter(
            [pos[n][0] for n in nodes],
            [pos[n][1] for n in nodes],
            s=sizes,
            c=side_colour(side),
            marker=SIDE_MARKERS[side],
            edgecolors="black",
            linewidths=0.6,
            zorder=2,
        )
        markers += [(pos[n][0], pos[n][1], size) for n, size in zip(nodes, sizes)]
    texts, anchors = [], []
    for n, d in graph.nodes(data=True):
        if d.get("mentions", 0) < label_min_mentions:
            continue
        x, y = pos[n]
        texts.append(
            ax.text(
                x,
                y + 0.035,
                n,
                ha="center",
                va="bottom",
                fontsize=8.5,
                zorder=3,
                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.6},
            )
        )
        anchors.append((x, y))
    ax.set_xlim(-0.12, 1.12)
    ax.set_ylim(-0.1, 1.12)
    _spread_labels(ax, texts, anchors, markers)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    if legend:
        sides = [s for s in SIDE_ORDER if any((d.get("side") or "Unknown") == s for _, d in graph.nodes(data=True))]
        ax.legend(
            handles=side_legend(sides),
            title="Side",
            loc="upper left",
            bbox_to_anchor=(1.0, 1.0),
            frameon=False,
            fontsize=9,
        )
    if title:
        ax.set_title(title)
    return ax


def plot_fightin_words(
    table: pd.DataFrame, ax=None, label: int = 12, threshold: float = 1.96, title: str | None = None, seed: int = 0
):
    """Monroe et al.'s figure: log frequency (x) against z (y), distinctive terms labelled.

    ``table`` is :func:`fightin_words` output. Points are the terms, at log10 of their
    count on both sides (with a small deterministic horizontal jitter, ``seed``, so
    equal counts do not stack); US-leaning terms in the US colour, China-leaning in the
    China colour, grey when ``|z| < threshold`` ... and the ``label`` most extreme terms of
    each side are named, placed so their labels do not overlap. Returns the Axes.
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(9, 6.5))
    t = table.copy()
    freq = (t["n_us"] + t["n_china"]).astype(float)
    rng = np.random.default_rng(seed)
    t["x"] = np.log10(freq) + rng.uniform(-0.03, 0.03, len(t))
    grey = SIDE_COLOURS["Unknown"]
    colour = np.where(
        t["z"] >= threshold, SIDE_COLOURS["US"], np.where(t["z"] <= -threshold, SIDE_COLOURS["China"], grey)
    )
    lean = np.where(t["z"] > 0, SIDE_COLOURS["US"], SIDE_COLOURS["China"])
    faint = np.abs(t["z"]) < threshold
    ax.scatter(t.loc[faint, "x"], t.loc[faint, "z"], s=14, c=lean[faint], alpha=0.35, linewidths=0)
    ax.scatter(t.loc[~faint, "x"], t.loc[~faint, "z"], s=30, c=colour[~faint], marker="D", linewidths=0)
    for y in (threshold, -threshold):
        ax.axhline(y, color="#666", lw=0.8, ls="--")
    ax.axhline(0, color="#999", lw=0.6)
    ax.set_xlabel("frequency: count in both sides' statements (log scale)")
    ticks = [v for v in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if v <= max(freq.max(), 1) * 1.5]
    ax.set_xticks(np.log10(ticks), [str(v) for v in ticks])
    ax.set_ylabel("z-score of the log-odds ratio  (+ = more US, \u2212 = more China)")
    ax.set_title(title or "Distinctive words: US versus Chinese statements")
    # labels: the most extreme terms of each side, placed greedily without overlap
    fig = ax.figure
    fig.canvas.draw()
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    bbox = ax.get_window_extent()
    dpi_scale = fig.dpi / 72.0
    per_char = (x1 - x0) / bbox.width * 5.6 * dpi_scale  # data units per character at 9 pt
    line_h = (y1 - y0) / bbox.height * 11.5 * dpi_scale
    placed: list[tuple[float, float, float, float]] = []
    picks = pd.concat([t.nlargest(label, "z"), t.nsmallest(label, "z")])
    for r in picks.itertuples():
        w = per_char * len(r.term)
        for k in range(0, 30):
            dy = (k + 1) // 2 * line_h * (1 if k % 2 else -1) * (1 if r.z > 0 else -1)
            lx, ly = r.x + per_char * 0.8, r.z + dy
            box = (lx, ly - line_h / 2, lx + w, ly + line_h / 2)
            if all(box[2] < b[0] or box[0] > b[2] or box[3] < b[1] or box[1] > b[3] for b in placed):
                break
        placed.append(box)
        ax.annotate(
            r.term,
            (r.x, r.z),
            xytext=(lx, ly),
            textcoords="data",
            fontsize=9,
            va="center",
            color=SIDE_COLOURS["US"] if r.z > 0 else SIDE_COLOURS["China"],
            arrowprops=dict(arrowstyle="-", color="#bbb", lw=0.5) if k else None,
        )
    ax.set_ylim(min(y0, min(b[1] for b in placed)), max(y1, max(b[3] for b in placed)))
    ax.set_xlim(x0, max(x1, max(b[2] for b in placed)))
    return ax


def heatmap(
    matrix: pd.DataFrame,
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    fmt: str = "{:.2f}",
    cmap: str = "Blues",
    ax=None,
    vmin=None,
    vmax=None,
):
    """Draw ``matrix`` as a heat map with every value printed in its cell; returns the axes.

    Missing cells (NaN / <NA>) are left blank. Text turns white on dark cells so the
    values stay readable in print and in grey scale.
    """
    import matplotlib.pyplot as plt
    import numpy as np

    values = matrix.astype("float64").to_numpy()
    if ax is None:
        _, ax = plt.subplots(figsize=(1.2 * matrix.shape[1] + 2.5, 0.6 * matrix.shape[0] + 1.8))
    finite = values[np.isfinite(values)]
    lo = vmin if vmin is not None else (finite.min() if finite.size else 0.0)
    hi = vmax if vmax is not None else (finite.max() if finite.size else 1.0)
    image = ax.imshow(np.ma.masked_invalid(values), cmap=cmap, vmin=lo, vmax=hi, aspect="auto")
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            v = values[i, j]
            if np.isfinite(v):
                dark = hi > lo and (v - lo) / (hi - lo) > 0.6
                ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize=9, color="white" if dark else "black")
    ax.set_xticks(range(matrix.shape[1]), [str(c) for c in matrix.columns], rotation=30, ha="right")
    ax.set_yticks(range(matrix.shape[0]), [str(r) for r in matrix.index])
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.figure.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
    for spine in ax.spines.values():
        spine.set_visible(False)
    return ax
