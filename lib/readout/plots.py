"""Shared figure conventions: one colour per side, used by every notebook.

The palette is the Okabe–Ito colour-blind-safe set (Okabe & Ito, 2008,
"Color Universal Design"), chosen so that the sides stay apart in grey scale
too: US is dark blue, China vermilion, Other a light grey-green, Unknown grey.
"""

from __future__ import annotations

SIDE_COLOURS: dict[str, str] = {
    "US": "#0072B2",  # Okabe–Ito blue
    "China": "#D55E00",  # Okabe–Ito vermilion
    "Other": "#009E73",  # Okabe–Ito bluish green
    "Unknown": "#999999",  # neutral grey
}

#: Hatching per side, so printed grey-scale figures still separate the sides.
SIDE_HATCHES: dict[str, str] = {"US": "", "China": "//", "Other": "..", "Unknown": "xx"}

SIDE_ORDER: tuple[str, ...] = ("US", "China", "Other", "Unknown")


def side_colour(side: str | None) -> str:
    """Return the colour for ``side`` (US, China, Other); grey for anything else.

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
        }
    )
