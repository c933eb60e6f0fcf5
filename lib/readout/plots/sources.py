"""Figures of the corpus overview (``00-explore-corpus``) and the source comparison (``01-compare-sources``).

Each function takes the table the notebook shows beside the figure and returns the matplotlib
Figure. Figures are at most :data:`PAGE_WIDTH` inches wide, the width a report page shows
without scaling, so a size set in points is the size read; every text is 8 pt or more.
A label sits on a bar only where it keeps enough contrast with the fill (:func:`label_colour`);
elsewhere it is dark, on a light box.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from readout.plots import SIDE_HATCHES, SIDE_MARKERS, SIDE_ORDER, heatmap, side_colour

#: the widest figure, in inches: what a report page shows at full size (dpi 110, about 1100 pixels)
PAGE_WIDTH = 10.0

#: colour of each paragraph role in the composition figure, in reading order
ROLE_COLOURS: dict[str, str] = {
    "headline": "#222222",
    "dek": "#555555",
    "byline": "#888888",
    "dateline": "#aaaaaa",
    "body": "#0b6e99",
    "caption": "#7fb8d4",
    "credit": "#d9d9d9",
    "furniture": "#f2a541",
}

#: the sides the source comparison draws, in order
COMPARED_SIDES: tuple[str, ...] = ("US", "China", "Other")

_LABEL_BOX = {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85}


def contrast_ratio(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white).

    >>> round(contrast_ratio("black", "white"))
    21
    """
    from matplotlib.colors import to_rgb

    def luminance(colour: str) -> float:
        channels = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(colour)]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def label_colour(fill: str, hatched: bool = False) -> str:
    """White for a label on a dark, plain fill (contrast 4.5 or more); black otherwise.

    >>> label_colour("#0072B2"), label_colour("#cccccc"), label_colour("#0072B2", hatched=True)
    ('white', 'black', 'black')
    """
    return "white" if not hatched and contrast_ratio("white", fill) >= 4.5 else "black"


def _rows_height(rows: float, per_row: float = 0.45, base: float = 1.6, least: float = 3.0) -> float:
    return max(least, per_row * rows + base)


def _bar_width(labels, least: float = 8.0) -> float:
    """A bar chart's width: room for its longest row name (11 pt, wrapped) beside a plot of 5.5 inches, within the page."""
    longest = max((len(line) for x in labels for line in wrap_label(x).splitlines()), default=1)
    return min(PAGE_WIDTH, max(least, 5.5 + longest * 0.55 * 11 / 72))


def _percent_axis(axis) -> None:
    from matplotlib.ticker import PercentFormatter

    axis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))


def _time_windows(dates: pd.Series) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """One (first, last) window, or two when the largest gap between dates is over 30 days."""
    ordered = dates.dropna().sort_values()
    gaps = ordered.diff()
    if len(ordered) > 1 and gaps.max() > pd.Timedelta(days=30):
        cut = ordered[gaps == gaps.max()].iloc[0]
        return [(ordered.min(), cut - gaps.max()), (cut, ordered.max())]
    return [(ordered.min(), ordered.max())]


def wrap_label(label: object, width: int = 36) -> str:
    """``label`` broken into lines of at most ``width`` characters (long words stay whole), so
    long outlet names leave room for the plot.

    >>> wrap_label("Ministry of Foreign Affairs of the PRC [04_foreign_ministry]").splitlines()
    ['Ministry of Foreign Affairs of the', 'PRC [04_foreign_ministry]']
    """
    import textwrap

    return textwrap.fill(str(label), width, break_long_words=False, break_on_hyphens=False) or str(label)


def _line_count(labels) -> int:
    return max((str(x).count("\n") + 1 for x in labels), default=1)


def publication_timeline(dated: pd.DataFrame, events: pd.DataFrame | None = None):
    """Publication dates (dots, one row per article) against the events reported (grey bands).

    ``dated``: columns ``label`` and ``published`` (datetimes), one row per dated article, drawn
    from the bottom up. ``events``: columns ``event``, ``start``, ``end`` (datetimes), or None.
    When the largest gap between two dates is over 30 days the time axis breaks in two panels.
    Event names sit above the rows, each on the first line where it overlaps no other name.
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    if events is None:
        events = pd.DataFrame(columns=["event", "start", "end"])
    events = events.dropna(subset=["start"]).sort_values("start").reset_index(drop=True)
    events["end"] = events["end"].fillna(events["start"])
    all_dates = pd.concat([dated["published"], events["start"], events["end"]], ignore_index=True)
    windows = _time_windows(all_dates)
    n = len(dated)
    labels = [wrap_label(x) for x in dated["label"]]
    label_lines = 4 if len(events) else 0
    per_row = 0.32 if _line_count(labels) == 1 else 0.46
    fig, grid = plt.subplots(
        1,
        len(windows),
        figsize=(PAGE_WIDTH, _rows_height(n + label_lines * 0.6, per_row=per_row, least=3.2)),
        sharey=True,
        squeeze=False,
        layout="constrained",
        gridspec_kw={"width_ratios": [1, 3]} if len(windows) == 2 else None,
    )
    axes = list(grid[0])
    years = sorted({d.year for d in all_dates.dropna()})
    pattern = "%d %b" if len(years) == 1 else "%d %b %Y"
    rows = np.arange(n)
    for i, (ax, (lo, hi)) in enumerate(zip(axes, windows)):
        for ev in events.itertuples():
            ax.axvspan(
                ev.start - pd.Timedelta(hours=12), ev.end + pd.Timedelta(hours=12), color="#cccccc", alpha=0.6, lw=0
            )
        ax.scatter(dated["published"], rows, color="black", zorder=3, s=40)
        ax.set_xlim(lo - pd.Timedelta(days=2), hi + pd.Timedelta(days=2))
        narrow = len(windows) == 2 and i == 0
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=2, maxticks=3 if narrow else 5))
        ax.xaxis.set_major_formatter(mdates.DateFormatter(pattern))
        if narrow:
            ax.tick_params(axis="x", labelsize=9)
        ax.set_xlabel(f"date ({years[0]})" if len(years) == 1 else "date")
    axes[0].set_yticks(rows, labels)
    axes[0].set_ylabel("outlet")
    axes[0].set_ylim(-0.6, n - 0.3 + 0.6 * label_lines + 0.1)
    used = _label_events(fig, axes, windows, events, n, label_lines)
    axes[0].set_ylim(-0.6, n - 0.3 + 0.6 * used + 0.1 if used else n - 0.4)
    fig.suptitle(
        "Publication dates (dots) against the events reported (grey bands)" if len(events) else "Publication dates"
    )
    return fig


def _label_events(fig, axes, windows, events: pd.DataFrame, rows: int, lines: int) -> int:
    """Write each event's name above the article rows, inside its panel (from the event's start,
    else up to its end, else on two lines), on the lowest line where its box overlaps no other
    name (the top line when none is free); returns the lines used."""
    if not len(events):
        return 0
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    placed: list = []
    used = 0
    for ev in events.itertuples():
        for ax, (lo, hi) in zip(axes, windows):
            if not lo - pd.Timedelta(days=1) <= ev.start <= hi + pd.Timedelta(days=1):
                continue
            for line in range(lines):
                text = ax.text(ev.start, rows - 0.3 + 0.6 * line, str(ev.event), fontsize=8.5, va="bottom")
                box = _fit_in_panel(text, ax, ev, renderer)
                if line == lines - 1 or not any(box.overlaps(other) for other in placed):
                    placed.append(box)
                    used = max(used, line + 1)
                    break
                text.remove()
    return used


def _fit_in_panel(text, ax, ev, renderer):
    """Place ``text`` so it stays inside ``ax``: from the event's start, else ending at its end,
    first on one line, then on two; returns its box."""
    panel = ax.get_window_extent(renderer)
    for name in (str(ev.event), wrap_label(ev.event, 22)):
        text.set_text(name)
        for x, align in ((ev.start, "left"), (ev.end, "right")):
            text.set_x(x)
            text.set_horizontalalignment(align)
            box = text.get_window_extent(renderer)
            if box.x0 >= panel.x0 and box.x1 <= panel.x1:
                return box
    text.set_x(ev.start)
    text.set_horizontalalignment("left")
    text.set_clip_on(True)
    return text.get_window_extent(renderer)


def words_by_role(composition: pd.DataFrame):
    """Stacked bars: the words of each article (rows, first at the top) by paragraph role
    (columns, in reading order, coloured by :data:`ROLE_COLOURS`)."""
    import matplotlib.pyplot as plt

    size = (_bar_width(composition.index, least=9.0), _rows_height(len(composition), least=3.6))
    fig, ax = plt.subplots(figsize=size, layout="constrained")
    composition = composition.rename(index=wrap_label)
    colours = [ROLE_COLOURS.get(str(r), "#999999") for r in composition.columns]
    composition.plot.barh(stacked=True, ax=ax, color=colours, edgecolor="white")
    ax.set_title("Words per article, by paragraph role")
    ax.set_xlabel("words")
    ax.set_ylabel("outlet")
    ax.legend().remove()
    fig.legend(title="role", loc="outside right upper", fontsize=9, title_fontsize=10)
    ax.invert_yaxis()
    return fig


def quotation_share(profiles: pd.DataFrame, order: list[str]):
    """Words inside quotation marks against the reporter's own words, one bar per article.

    ``profiles`` is :func:`readout.analysis.outlets.outlet_profiles` with a ``label`` column;
    ``order`` lists the labels from the top down. Each bar is labelled outside with its quoted share.
    """
    import matplotlib.pyplot as plt

    p = profiles.set_index("label").loc[list(order)[::-1]].rename(index=wrap_label)
    size = (_bar_width(p.index), _rows_height(len(p), per_row=0.5, base=1.8))
    fig, ax = plt.subplots(figsize=size, layout="constrained")
    ax.barh(p.index, p["quoted_words"], color="#555555", label="inside quotation marks")
    ax.barh(
        p.index,
        p["paraphrase_words"],
        left=p["quoted_words"],
        color="#cccccc",
        hatch="..",
        label="reporter's own words and paraphrase",
    )
    for y, (total, quoted) in enumerate(zip(p["words"], p["quoted_share"].fillna(0))):
        ax.annotate(
            f"{quoted:.0%} quoted", (total, y), xytext=(4, 0), textcoords="offset points", va="center", fontsize=9
        )
    ax.set(
        title="Words inside quotations against the reporter's own words",
        xlabel="words (analysed text)",
        ylabel="outlet",
    )
    ax.set_xlim(0, max(1, p["words"].max()) * 1.2)
    fig.legend(loc="outside lower center", ncol=2, fontsize=9)
    return fig


def voices_by_outlet(profiles: pd.DataFrame, order: list[str], sides: tuple[str, ...] = COMPARED_SIDES):
    """Whose words each outlet quotes: each article's attributed quoted words split by the
    speaker's side (``share_<side>`` columns of ``profiles``), on a percent axis.

    A share of 6% or more is written on its bar, in white only on a dark plain fill; an
    article with no attributed quotation says so on its row.
    """
    import matplotlib.pyplot as plt

    p = profiles.set_index("label").loc[list(order)[::-1]].rename(index=wrap_label)
    size = (_bar_width(p.index), _rows_height(len(p), per_row=0.5, base=1.8))
    fig, ax = plt.subplots(figsize=size, layout="constrained")
    left = np.zeros(len(p))
    for side in sides:
        vals = p[f"share_{side.lower()}"].fillna(0).to_numpy(dtype=float)
        hatch = SIDE_HATCHES.get(side, "")
        ax.barh(p.index, vals, left=left, color=side_colour(side), hatch=hatch, edgecolor="white", label=side)
        colour = label_colour(side_colour(side), hatched=bool(hatch))
        for y, (start, v) in enumerate(zip(left, vals)):
            if v >= 0.06:
                ax.text(
                    start + v / 2,
                    y,
                    f"{v:.0%}",
                    ha="center",
                    va="center",
                    color=colour,
                    fontsize=9,
                    fontweight="bold",
                    bbox=None if colour == "white" else _LABEL_BOX,
                )
        left += vals
    for y, total in enumerate(left):
        if total == 0:
            ax.text(0.01, y, "no attributed quotation", va="center", fontsize=9, color="#333333")
    ax.set(
        title="Whose words each outlet quotes, by side",
        xlabel="share of attributed quoted words",
        ylabel="outlet",
        xlim=(0, 1),
    )
    _percent_axis(ax.xaxis)
    fig.legend(title="speaker's side", loc="outside lower center", ncol=len(sides), fontsize=9)
    return fig


def first_mentions(by_side: pd.DataFrame, order: list[str]):
    """How far into each article each side is first named: one marker per article (rows, ``order``
    from the top down) and side, at the share of the article's words read before it (percent axis).

    ``by_side`` is :func:`readout.analysis.outlets.first_mention_by_side` with an ``outlet`` column
    holding the row labels.
    """
    import matplotlib.pyplot as plt

    size = (_bar_width(order), _rows_height(len(order), per_row=0.5, base=1.8))
    fig, ax = plt.subplots(figsize=size, layout="constrained")
    ypos = {o: i for i, o in enumerate(list(order)[::-1])}
    present = [s for s in SIDE_ORDER if s in set(by_side["side"])]
    present += sorted(set(by_side["side"]) - set(present))
    for side in present:
        grp = by_side[by_side["side"] == side]
        ax.scatter(
            grp["share_before"],
            grp["outlet"].map(ypos),
            color=side_colour(side),
            marker=SIDE_MARKERS.get(side, "x"),
            s=80,
            label=side,
            zorder=3,
        )
    ax.set_yticks(list(ypos.values()), [wrap_label(x) for x in ypos])
    ax.set(
        title="How far into each article each side is first named",
        xlabel="share of the article's words read before the first mention",
        ylabel="outlet",
        xlim=(-0.03, 1.0),
    )
    _percent_axis(ax.xaxis)
    ax.grid(axis="x", alpha=0.3)
    if present:
        fig.legend(title="side", loc="outside lower center", ncol=4, fontsize=9)
    return fig


def _matrix_layout(matrix: pd.DataFrame, row_height: float = 0.42) -> tuple[tuple[float, float], float]:
    """((width, height) in inches, tick label size) for a heat map of ``matrix``: room for the
    longest row and column names (column names upright beyond eight columns), smaller names
    (9 pt) beyond eight columns, the width capped at :data:`PAGE_WIDTH`."""
    rows, cols = matrix.shape
    size = 11.0 if cols <= 8 else 9.0
    char = 0.55 * size / 72  # inches per character, about
    row_names = max((len(line) for r in matrix.index for line in str(r).splitlines()), default=1) * char
    col_names = max((len(str(c)) for c in matrix.columns), default=1) * char
    width = min(PAGE_WIDTH, max(6.0, row_names + 1.8 + 0.75 * cols))
    height = max(3.5, row_height * rows + (col_names if cols > 8 else col_names / 2 + 0.3) + 1.6)
    return (width, height), size


def _upright_columns(ax, cols: int, size: float) -> None:
    """Many columns: turn their names upright and set names at ``size``, so neighbours do not overlap."""
    for label in [*ax.get_xticklabels(), *ax.get_yticklabels()]:
        label.set_fontsize(size)
    if cols > 8:
        for label in ax.get_xticklabels():
            label.set_rotation(90)
            label.set_horizontalalignment("center")


def _count_map(grid: pd.DataFrame, title: str, xlabel: str, ylabel: str):
    """A grey heat map of counts, rows labelled on the left, columns upright where they fit."""
    import matplotlib.pyplot as plt

    grid = grid.rename(index=wrap_label)
    figsize, size = _matrix_layout(grid)
    fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    heatmap(grid, title=title, xlabel=xlabel, ylabel=ylabel, fmt="{:.0f}", cmap="Greys", ax=ax, vmin=0)
    _upright_columns(ax, grid.shape[1], size)
    return fig


def topic_coverage(grid: pd.DataFrame):
    """Agenda topics (rows) by outlet (columns): the sentences naming each topic, as a grey heat map."""
    return _count_map(grid, "Agenda topics by outlet", "outlet", "agenda topic")


def shared_words(matrix: pd.DataFrame):
    """Words of the row outlet that lie in passages the column outlet also prints, as a grey heat map."""
    return _count_map(matrix, "Words in passages two outlets share", "shared with", "words of")


def similarity_maps(cosine: pd.DataFrame, jaccard: pd.DataFrame):
    """TF-IDF cosine similarity and vocabulary overlap (Jaccard) between articles, as two heat maps
    on a 0–1 scale: side by side for up to six articles, one above the other beyond that."""
    import matplotlib.pyplot as plt

    n = len(cosine)
    fmt = "{:.2f}" if n <= 12 else "{:.1f}"
    cosine, jaccard = cosine.rename(index=wrap_label), jaccard.rename(index=wrap_label)
    (width, height), size = _matrix_layout(cosine, row_height=0.36)
    if n <= 6:
        fig, axes = plt.subplots(1, 2, figsize=(PAGE_WIDTH, height), layout="constrained")
    else:
        fig, axes = plt.subplots(2, 1, figsize=(PAGE_WIDTH, 2 * height), layout="constrained")
    for ax, matrix, title in (
        (axes[0], cosine, "TF-IDF cosine similarity"),
        (axes[1], jaccard, "Vocabulary overlap (Jaccard)"),
    ):
        heatmap(matrix, title=title, xlabel="article", ylabel="article", fmt=fmt, ax=ax, vmin=0, vmax=1)
        _upright_columns(ax, n, size)
    return fig
