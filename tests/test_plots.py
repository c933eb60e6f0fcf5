"""Figures read right: plain log-axis ticks under the report style, one colour per side."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.scale as mscale  # noqa: E402
import pytest  # noqa: E402

from readout.plots import SIDE_COLOURS, raw_mathtext_labels, side_colour, use_report_style  # noqa: E402


@pytest.fixture
def stock_log_scale():
    """Put matplotlib's own log scale back after the test."""
    yield
    mscale.register_scale(mscale.LogScale)


def test_log_axes_print_plain_numbers_under_the_report_style(stock_log_scale):
    use_report_style()
    fig, ax = plt.subplots()
    ax.plot([1, 10, 1000], [1, 2, 3])
    ax.set_xscale("log")
    assert raw_mathtext_labels(fig) == []
    assert {"1", "10", "100", "1000"} <= {t.get_text() for t in ax.get_xticklabels()}
    plt.close(fig)


def test_the_check_catches_mathtext_printed_literally(stock_log_scale):
    use_report_style()
    mscale.register_scale(mscale.LogScale)  # matplotlib's own formatter writes mathtext
    fig, ax = plt.subplots()
    ax.plot([1, 10, 1000], [1, 2, 3])
    ax.set_xscale("log")
    assert any("mathdefault" in t for t in raw_mathtext_labels(fig))
    plt.close(fig)


def test_one_colour_per_side():
    assert len(set(SIDE_COLOURS.values())) == len(SIDE_COLOURS)
    assert side_colour("US") == SIDE_COLOURS["US"] and side_colour(None) == side_colour("Unknown")
