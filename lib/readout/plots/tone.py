"""Figures of the speaker-tone notebook (03): who is quoted, and the tone of each speaker and side.

Every function takes a table the library computes (:func:`readout.analysis.sentiment.speaker_sentiment`
and the quote ledger) and returns a matplotlib Figure; the notebook calls it in one line. A mean with no
interval (fewer than five distinct quotations, or all from one article) is drawn as a point only, with
"too few for an interval" written beside it: no interval is ever drawn where the library gives none.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from readout.plots import SIDE_HATCHES, SIDE_ORDER, side_colour

#: what a mean with no interval says in the figures and tables
TOO_FEW = "too few for an interval"


def _luminance(colour: str) -> float:
    """WCAG relative luminance of a colour."""
    import matplotlib.colors as mcolors

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in mcolors.to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, 1 (none) to 21 (black on white).

    >>> round(contrast_ratio("black", "white"), 1)
    21.0
    """
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_colour(colour: str, background: str = "white", minimum: float = 4.5) -> str:
    """``colour`` darkened just enough to be read on ``background`` (WCAG contrast ``minimum``),
    so a label can keep its side's hue: the China vermilion, for one, is too light for text as it is.

    >>> contrast_ratio(text_colour("#D55E00"), "white") >= 4.5
    True
    """
    import matplotlib.colors as mcolors

    r, g, b = mcolors.to_rgb(colour)
    for step in range(40):
        scale = 0.92**step
        hex_colour = mcolors.to_hex((r * scale, g * scale, b * scale))
        if contrast_ratio(hex_colour, background) >= minimum:
            return hex_colour
    return "#000000"


def side_text_colour(side: str | None) -> str:
    """The side's colour, readable as text on white."""
    return text_colour(side_colour(side))


def ordered_sides(sides: Sequence[str], first: Sequence[str] = ()) -> list[str]:
    """``sides`` (distinct, blanks dropped) with ``first`` leading, then :data:`SIDE_ORDER`, then the rest by name."""
    present = [s for s in dict.fromkeys(str(s) for s in sides) if s and s != "nan"]
    rank = {s: i for i, s in enumerate([*first, *[s for s in SIDE_ORDER if s not in first]])}
    return sorted(present, key=lambda s: (rank.get(s, len(rank)), s))


def _side_handles(sides: Sequence[str]) -> list:
    import matplotlib.pyplot as plt

    return [
        plt.Rectangle((0, 0), 1, 1, facecolor=side_colour(s), hatch=SIDE_HATCHES.get(s, ""), edgecolor="black", label=s)
        for s in sides
    ]


def quotations_per_speaker_figure(counts: pd.DataFrame, unit: str = "distinct quotations"):
    """Horizontal bars: one per speaker, its length the speaker's quotations (column ``n``), coloured and
    hatched by ``side``; the count is printed in black beyond the end of each bar. ``counts`` has
    columns speaker, side, n. Returns the Figure."""
    import matplotlib.pyplot as plt

    t = counts.sort_values(["n", "speaker"], ascending=[True, False], ignore_index=True)
    fig, ax = plt.subplots(figsize=(8, 0.32 * max(len(t), 1) + 1.6))
    if t.empty:
        ax.text(0.5, 0.5, "no quotation in this corpus", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    bars = ax.barh(
        t["speaker"],
        t["n"],
        color=[side_colour(s) for s in t["side"]],
        edgecolor="black",
        linewidth=0.5,
    )
    for bar, side, n in zip(bars, t["side"], t["n"]):
        bar.set_hatch(SIDE_HATCHES.get(side, ""))
        ax.annotate(
            f"{int(n)}",
            (bar.get_width(), bar.get_y() + bar.get_height() / 2),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=9,
            color="black",
        )
    ax.set_xlim(0, t["n"].max() * 1.12 + 0.5)
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    ax.tick_params(axis="y", labelsize=9)
    ax.legend(handles=_side_handles(ordered_sides(t["side"])), title="Side", loc="lower right", fontsize=9)
    ax.set_title("Quotations per speaker")
    ax.set_xlabel(f"{unit} (count)")
    ax.set_ylabel("Speaker")
    fig.tight_layout()
    return fig


def _margin_note(ax, text: str, y: float, colour: str) -> None:
    """``text`` in the right margin of ``ax``, level with row ``y``."""
    ax.annotate(
        text,
        (1.0, y),
        xycoords=("axes fraction", "data"),
        xytext=(6, 0),
        textcoords="offset points",
        va="center",
        fontsize=9,
        color=colour,
    )


def _interval_row(ax, y: float, row, colour: str, filled: bool, width: float) -> None:
    """One mean as a marker (filled or hollow) and, where the interval exists, its line."""
    if not (math.isnan(row["ci_low"]) or math.isnan(row["ci_high"])):
        ax.hlines(y, row["ci_low"], row["ci_high"], colors=colour, linewidth=width, linestyles="-" if filled else ":")
    ax.scatter(
        [row["mean"]],
        [y],
        s=46 if filled else 34,
        facecolors=colour if filled else "white",
        edgecolors=colour,
        linewidths=1.5,
        zorder=3,
    )


def _variant_handles(lead: str, other: str | None) -> list:
    from matplotlib.lines import Line2D

    handles = [
        Line2D([], [], marker="o", color="#333333", markerfacecolor="#333333", linewidth=2, label=f"{lead} lexicon")
    ]
    if other:
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                color="#333333",
                markerfacecolor="white",
                linestyle=":",
                linewidth=1.2,
                label=f"{other} lexicon (sensitivity check)",
            )
        )
    return handles


def _legend_below(fig, handles: list) -> None:
    """One legend under the axes, outside the data (the figure uses the constrained layout)."""
    fig.legend(handles=handles, loc="outside lower center", ncol=min(len(handles), 4), fontsize=9, frameon=False)


def speaker_tone_figure(per_speaker: pd.DataFrame, lead: str, other: str | None = None, side_of: Mapping | None = None):
    """Each speaker's mean VADER compound score over their distinct quotations, with its cluster-bootstrap
    95% interval: the ``lead`` lexicon filled, the ``other`` hollow and dotted just below (a sensitivity
    check). ``per_speaker`` is :func:`readout.analysis.sentiment.speaker_sentiment` output; ``side_of`` maps
    speaker to side (colour), or the table has a ``side`` column. A speaker with no interval gets its point
    and the words "too few for an interval", never a line. Returns the Figure."""
    import matplotlib.pyplot as plt

    t = per_speaker.copy()
    if side_of is not None:
        t["side"] = t["speaker"].map(side_of)
    if "side" not in t:
        t["side"] = "Unknown"
    main = t[t["variant"] == lead].sort_values(["n", "mean", "speaker"], ascending=[True, True, False])
    order = main["speaker"].tolist()
    fig, ax = plt.subplots(figsize=(9, 0.46 * max(len(order), 3) + 2.2), layout="constrained")
    if not order:
        ax.text(0.5, 0.5, "no attributed quotation in this corpus", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    rows = {v: t[t["variant"] == v].set_index("speaker") for v in (lead, other) if v}
    for i, speaker in enumerate(order):
        r = rows[lead].loc[speaker]
        colour = side_colour(r["side"])
        _interval_row(ax, i + 0.12, r, colour, filled=True, width=2)
        if other and speaker in rows[other].index:
            _interval_row(ax, i - 0.16, rows[other].loc[speaker], colour, filled=False, width=1.2)
        if math.isnan(r["ci_low"]):
            _margin_note(ax, TOO_FEW, i, "#444444")
    n_of = main.set_index("speaker")["n"]
    ax.set_yticks(np.arange(len(order)), [f"{s} (n={int(n_of[s])})" for s in order], fontsize=9)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlim(-1, 1)
    ax.set_ylim(-0.7, len(order) - 0.3)
    ax.set_title("Tone of each speaker's distinct quotations")
    ax.set_xlabel("VADER compound score (−1 negative … +1 positive): mean and 95% interval over articles")
    ax.set_ylabel("Speaker (distinct quotations)")
    _legend_below(fig, _variant_handles(lead, other) + _side_handles(ordered_sides(main["side"])))
    return fig


def side_tone_figure(per_side: pd.DataFrame, lead: str, other: str | None = None, sides: Sequence[str] = ()):
    """Each side's mean VADER compound score over its distinct quotations, with its cluster-bootstrap 95%
    interval, ``lead`` lexicon filled and ``other`` hollow; ``sides`` are drawn first (the pair compared),
    then the other sides present. Each row says how many distinct quotations and articles it rests on, or
    "too few for an interval". ``per_side`` is ``speaker_sentiment(scores, by="speaker_side")``. Returns
    the Figure."""
    import matplotlib.pyplot as plt

    t = per_side.rename(columns={"speaker_side": "side"})
    order = ordered_sides(t.loc[t["variant"] == lead, "side"], first=sides)
    fig, ax = plt.subplots(figsize=(9, 0.9 * max(len(order), 2) + 2.0), layout="constrained")
    if not order:
        ax.text(0.5, 0.5, "no quotation in this corpus", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    rows = {v: t[t["variant"] == v].set_index("side") for v in (lead, other) if v}
    for i, side in enumerate(order):
        y = len(order) - 1 - i
        r = rows[lead].loc[side]
        colour = side_colour(side)
        _interval_row(ax, y + 0.14, r, colour, filled=True, width=2.4)
        if other and side in rows[other].index:
            _interval_row(ax, y - 0.14, rows[other].loc[side], colour, filled=False, width=1.4)
        note = f"n={int(r['n'])} in {int(r['n_articles'])} article{'s' if r['n_articles'] != 1 else ''}"
        if math.isnan(r["ci_low"]):
            note += f", {TOO_FEW}"
        _margin_note(ax, note, y, "#333333")
    ax.set_yticks(np.arange(len(order))[::-1], order)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlim(-1, 1)
    ax.set_ylim(-0.6, len(order) - 0.4)
    ax.set_title("Tone of each side's distinct quotations")
    ax.set_xlabel("VADER compound score (−1 … +1): mean and 95% interval over articles")
    ax.set_ylabel("Speaker side")
    _legend_below(fig, _variant_handles(lead, other))
    return fig


def agreement_figure(table: pd.DataFrame, title: str, xlabel: str = "Agreement (95% interval)"):
    """Dots with 95% intervals, one row per measure: ``table`` has columns measure, value, ci_low,
    ci_high (as :func:`readout.analysis.reliability.tone_agreement` gives them). Returns the Figure."""
    import matplotlib.pyplot as plt

    t = table.reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(9, 0.5 * max(len(t), 1) + 1.4))
    ys = np.arange(len(t))[::-1]
    for y, r in zip(ys, t.itertuples()):
        if not (math.isnan(r.ci_low) or math.isnan(r.ci_high)):
            ax.hlines(y, r.ci_low, r.ci_high, colors="#333333", linewidth=2)
        ax.scatter([r.value], [y], s=40, color="#333333", zorder=3)
        ax.annotate(f"{r.value:.2f}", (r.value, y), xytext=(0, 7), textcoords="offset points", ha="center", fontsize=9)
    ax.set_yticks(ys, [str(m) for m in t["measure"]], fontsize=9)
    ax.set_xlim(min(0.0, float(np.nanmin(t[["ci_low", "value"]].to_numpy(dtype=float))) - 0.05), 1.0)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    fig.tight_layout()
    return fig
