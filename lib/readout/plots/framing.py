"""Figures of the framing notebook (04): the words each side leans on, how they move with the prior,
and the frames in each side's statements.

:func:`distinctive_terms_figure` draws Monroe, Colaresi & Quinn's (2008) plot from
:func:`readout.analysis.fightin_words.fightin_words` output and marks as distinctive only the terms
whose Benjamini–Hochberg q is under :data:`readout.analysis.fightin_words.FDR`; the older
:func:`readout.plots.plot_fightin_words`, which marks |z| ≥ 1.96 without correction, stays for the
workbooks. Every function returns a matplotlib Figure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from readout.analysis.fightin_words import FDR
from readout.plots import SIDE_HATCHES, side_colour
from readout.plots.tone import side_text_colour

#: ticks of a count axis on a log scale, printed as plain numbers
COUNT_TICKS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000)


def _plain_log_axis(axis, ticks: Sequence[float]) -> None:
    """A log axis whose ticks are ``ticks`` printed as plain numbers (never mathtext)."""
    import matplotlib.ticker as mticker

    axis.set_major_locator(mticker.FixedLocator(list(ticks)))
    axis.set_major_formatter(mticker.FuncFormatter(lambda value, _pos: f"{value:g}"))
    axis.set_minor_locator(mticker.NullLocator())
    axis.set_minor_formatter(mticker.NullFormatter())


def significance_cut(table: pd.DataFrame, fdr: float = FDR) -> float:
    """The smallest |z| among terms with q < ``fdr`` (nan when there is none): the line beyond which
    terms are distinctive. Benjamini–Hochberg q rises as |z| falls, so every term beyond it has q < fdr."""
    sig = table.loc[table["q"] < fdr, "z"].abs()
    return float(sig.min()) if len(sig) else float("nan")


def _place_labels(ax, picks: pd.DataFrame, colours: Sequence[str], points: np.ndarray, avoid: Sequence = ()) -> None:
    """Name each picked term beside its point: to its right if there is room, else to its left, else a
    line or more up or down (away from zero first), with a thin leader line when moved off its row. A
    label stays inside the axes and overlaps no label placed before it, no box of ``avoid`` and no point
    of ``points`` (data coordinates), unless no candidate is free. The figure's layout is settled (drawn
    once, then frozen) first, so the boxes compared are the final ones."""
    from matplotlib.text import Text

    fig = ax.figure
    fig.draw_without_rendering()
    fig.set_layout_engine("none")
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    dots = ax.transData.transform(points) if len(points) else np.zeros((0, 2))
    placed: list = [a.get_window_extent(renderer) for a in avoid]
    steps = [0] + [k * sign for k in range(1, 11) for sign in (1, -1)]
    candidates = [(dx, k) for k in steps for dx in (6, -6)]

    def free(box) -> bool:
        if box.x0 < frame.x0 or box.x1 > frame.x1 or box.y0 < frame.y0 or box.y1 > frame.y1:
            return False
        if any(box.overlaps(b) for b in placed):
            return False
        r = 3.0  # a dot's radius in pixels
        hit = (
            (dots[:, 0] + r >= box.x0)
            & (dots[:, 0] - r <= box.x1)
            & (dots[:, 1] + r >= box.y0)
            & (dots[:, 1] - r <= box.y1)
        )
        return not hit.any()

    for (_, row), colour in zip(picks.iterrows(), colours):
        away = 1 if row["z"] > 0 else -1
        for n, (dx, k) in enumerate(candidates):
            text = ax.annotate(
                str(row["term"]),
                (row["x"], row["z"]),
                xytext=(dx, 12.5 * k * away),
                textcoords="offset points",
                ha="left" if dx > 0 else "right",
                va="center",
                fontsize=9,
                color=colour,
                annotation_clip=False,
                arrowprops=dict(arrowstyle="-", color="#999999", lw=0.5, shrinkA=0, shrinkB=2) if k else None,
            )
            text.update_positions(renderer)
            box = Text.get_window_extent(text, renderer).expanded(1.04, 1.0)  # the words, not the leader line
            if free(box) or n == len(candidates) - 1:
                placed.append(box)
                break
            text.remove()


def distinctive_terms_figure(
    table: pd.DataFrame,
    sides: Sequence[str] = ("US", "China"),
    label: int = 12,
    fdr: float = FDR,
    title: str | None = None,
    seed: int = 0,
):
    """Monroe et al.'s figure with corrected tests: each term at its count in both sides' statements
    (x, log scale, a small fixed jitter so equal counts do not stack) against its z-score (y; positive
    leans to ``sides[0]``). Terms with Benjamini–Hochberg q < ``fdr`` are diamonds in their side's
    colour, beyond dashed lines at the smallest |z| that reaches it; every other term is a faint dot.
    When no term reaches it the figure says so, and the ``label`` strongest leans of each side are named
    as leans, not findings. ``table`` is :func:`readout.analysis.fightin_words.fightin_words` output
    (n_us, n_china, z, q). Returns the Figure."""
    import matplotlib.pyplot as plt

    a, b = sides
    fig, ax = plt.subplots(figsize=(9.5, 6.5), layout="constrained")
    if table.empty:
        ax.text(0.5, 0.5, "no term to compare", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    t = table.reset_index(drop=True).copy()
    freq = (t["n_us"] + t["n_china"]).astype(float).clip(lower=1)
    rng = np.random.default_rng(seed)
    t["x"] = freq * 10 ** rng.uniform(-0.03, 0.03, len(t))
    lean = np.where(t["z"] > 0, side_colour(a), side_colour(b))
    sig = (t["q"] < fdr).to_numpy()
    ax.scatter(t.loc[~sig, "x"], t.loc[~sig, "z"], s=14, c=lean[~sig], alpha=0.35, linewidths=0)
    if sig.any():
        ax.scatter(t.loc[sig, "x"], t.loc[sig, "z"], s=34, c=lean[sig], marker="D", edgecolors="black", linewidths=0.4)
        cut = significance_cut(t, fdr)
        for y in (cut, -cut):
            ax.axhline(y, color="#555555", lw=0.8, ls="--")
        legend = f"beyond the dashed lines: q < {fdr:g}"
    else:
        legend = f"no term has q < {fdr:g}: the named words are the strongest leans, not distinctive words"
    note = ax.annotate(legend, (0.01, 0.99), xycoords="axes fraction", va="top", fontsize=9, color="#333333")
    ax.axhline(0, color="#999999", lw=0.6)
    ax.set_xscale("log")
    top = float(freq.max())
    _plain_log_axis(ax.xaxis, [v for v in COUNT_TICKS if v <= max(top, 1) * 1.5])
    ax.set_xlim(0.55, top * 2.5)
    span = float(t["z"].abs().max()) or 1.0
    ax.set_ylim(-span * 1.25, span * 1.25)
    ax.set_xlabel("Count in both sides' statements (log scale)")
    ax.set_ylabel(f"z-score of the log-odds ratio (+ more {a}, − more {b})")
    ax.set_title(title or f"Words leaning to {a} or to {b} statements")
    picks = pd.concat([t.nlargest(label, "z")[lambda d: d["z"] > 0], t.nsmallest(label, "z")[lambda d: d["z"] < 0]])
    colours = [side_text_colour(a if z > 0 else b) for z in picks["z"]]
    _place_labels(ax, picks, colours, t[["x", "z"]].to_numpy(dtype=float), avoid=[note])
    return fig


def prior_sweep_figure(wide: pd.DataFrame, reference: float, top: int):
    """How many of each side's top ``top`` terms at the ``reference`` prior strength stay in its top at
    other strengths: ``wide`` is indexed by alpha_0 with one column per side (shares 0–1). Log x axis
    with plain numbers, percent y axis. Returns the Figure."""
    import matplotlib.pyplot as plt
    import matplotlib.ticker as mticker

    markers = ("o", "s", "^", "D")
    fig, ax = plt.subplots(figsize=(7.5, 4.2), layout="constrained")
    for k, side in enumerate(wide.columns):
        ax.plot(
            wide.index,
            wide[side],
            marker=markers[k % len(markers)],
            color=side_colour(side),
            linestyle="-" if k == 0 else "--",
            label=str(side),
        )
    ax.axvline(reference, color="#555555", ls=":", lw=0.9)
    ax.annotate(
        f"reference α₀ = {reference:g}",
        (reference, 0.02),
        xytext=(4, 0),
        textcoords="offset points",
        fontsize=9,
        color="#333333",
    )
    ax.set_xscale("log")
    _plain_log_axis(ax.xaxis, [float(v) for v in wide.index])
    ax.set_ylim(0, 1.05)
    ax.yaxis.set_major_formatter(mticker.PercentFormatter(1.0))
    ax.set_xlabel("Prior strength α₀ (pseudo-words, log scale)")
    ax.set_ylabel(f"Top {top} words kept")
    ax.set_title("Top words against prior strength")
    ax.legend(title="Side", fontsize=9, title_fontsize=9)
    return fig


def frame_shares_figure(share: pd.DataFrame, n_statements: Mapping[str, int]):
    """Grouped bars: for each frame (rows of ``share``, by label) the share of each side's statements
    (columns) that carry it, hatched by side, the share printed in black beyond each bar so ties read as
    ties. ``n_statements`` gives each side's count for the legend. Percent x axis. Returns the Figure."""
    import matplotlib.pyplot as plt
    import matplotlib.ticker as mticker

    sides = list(share.columns)
    fig, ax = plt.subplots(figsize=(9, 0.62 * max(len(share), 1) + 1.8), layout="constrained")
    y = np.arange(len(share))
    height = 0.8 / max(len(sides), 1)
    for k, side in enumerate(sides):
        values = share[side].fillna(0.0).to_numpy(dtype=float)
        pos = y + (k - (len(sides) - 1) / 2) * height
        ax.barh(
            pos,
            values,
            height=height,
            color=side_colour(side),
            hatch=SIDE_HATCHES.get(side, ""),
            edgecolor="black",
            linewidth=0.4,
            label=f"{side} ({int(n_statements.get(side, 0))} statements)",
        )
        for v, p, missing in zip(values, pos, share[side].isna()):
            ax.annotate(
                "–" if missing else f"{v:.0%}",
                (v, p),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize=8.5,
                color="black",
            )
    ax.set_yticks(y, [str(i) for i in share.index], fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, min(1.0, float(np.nanmax(share.to_numpy(dtype=float), initial=0.0)) + 0.12) or 1.0)
    ax.xaxis.set_major_formatter(mticker.PercentFormatter(1.0))
    ax.set_xlabel("Statements of the side carrying the frame")
    ax.set_ylabel("Frame")
    ax.set_title("Frames in each side's statements")
    ax.legend(title="Side", fontsize=9, title_fontsize=9, loc="lower right")
    return fig
