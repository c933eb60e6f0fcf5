"""Small, dependency-free accuracy and uncertainty helpers shared by the notebooks.

Everything here takes plain sequences or pandas objects and returns numbers or
DataFrames; nothing reads files.

Cohen's kappa (:func:`cohen_kappa`) measures agreement between two codings beyond chance.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd


def pearson_r(x: Sequence[float], y: Sequence[float]) -> float:
    """Pearson correlation of two equal-length sequences (nan if either is constant).

    >>> round(pearson_r([1, 2, 3, 4], [2, 4, 5, 9]), 3)
    0.965
    """
    a = np.asarray(x, dtype=float)
    b = np.asarray(y, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"pearson_r needs equal lengths, got {a.shape} and {b.shape}")
    if len(a) < 2 or a.std() == 0 or b.std() == 0:
        return float("nan")
    return float(np.corrcoef(a, b)[0, 1])


def three_class(values: Iterable[float], threshold: float = 0.05) -> np.ndarray:
    """-1, 0 or +1 for each value: negative below -threshold, positive above +threshold.

    >>> three_class([-0.3, 0.0, 0.05, 0.06]).tolist()
    [-1, 0, 0, 1]
    """
    v = np.asarray(list(values), dtype=float)
    return np.where(v > threshold, 1, np.where(v < -threshold, -1, 0))


def three_class_accuracy(truth: Iterable[float], predicted: Iterable[float], threshold: float = 0.05) -> float:
    """Share of items whose 3-class label (see :func:`three_class`) agrees.

    >>> three_class_accuracy([0.5, -0.5, 0.0], [0.2, 0.3, 0.01])
    0.6666666666666666
    """
    t, p = three_class(truth, threshold), three_class(predicted, threshold)
    if len(t) != len(p):
        raise ValueError("three_class_accuracy needs equal lengths")
    return float((t == p).mean()) if len(t) else float("nan")


def bootstrap_mean_ci(
    values: Sequence[float], n_boot: int = 2000, level: float = 0.95, seed: int = 0
) -> tuple[float, float, float]:
    """(mean, low, high): the mean and a percentile bootstrap interval, deterministic for a seed.

    With one value the interval is that value; with none, all three are nan. The interval
    is only as good as the sample: with three quotes it says little, and callers should
    print the count beside it.

    >>> round(bootstrap_mean_ci([0.1, 0.2, 0.3, 0.4], seed=1)[0], 6)
    0.25
    >>> bootstrap_mean_ci([0.5])
    (0.5, 0.5, 0.5)
    """
    v = np.asarray(values, dtype=float)
    v = v[~np.isnan(v)]
    if len(v) == 0:
        return (math.nan, math.nan, math.nan)
    mean = float(v.mean())
    if len(v) == 1:
        return (mean, mean, mean)
    rng = np.random.default_rng(seed)
    draws = rng.choice(v, size=(n_boot, len(v)), replace=True).mean(axis=1)
    alpha = (1 - level) / 2
    low, high = np.quantile(draws, [alpha, 1 - alpha])
    return (mean, float(low), float(high))


def grouped_bootstrap(
    frame: pd.DataFrame, by: str | list[str], value: str, n_boot: int = 2000, level: float = 0.95, seed: int = 0
) -> pd.DataFrame:
    """Per group: n, mean, ci_low, ci_high of ``value`` (percentile bootstrap, fixed seed).

    Every group draws from a fresh generator seeded with ``seed``, so adding or removing
    a group leaves the other groups' intervals unchanged.
    """
    keys = [by] if isinstance(by, str) else list(by)
    rows = []
    for key, group in frame.groupby(keys, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        mean, low, high = bootstrap_mean_ci(group[value].to_numpy(), n_boot=n_boot, level=level, seed=seed)
        rows.append(dict(zip(keys, key), n=int(group[value].notna().sum()), mean=mean, ci_low=low, ci_high=high))
    return pd.DataFrame(rows, columns=keys + ["n", "mean", "ci_low", "ci_high"])


def bootstrap_diff_ci(
    a: Sequence[float], b: Sequence[float], n_boot: int = 2000, level: float = 0.95, seed: int = 0
) -> tuple[float, float, float]:
    """(mean(a) - mean(b), low, high): each group resampled on its own, percentile interval.

    nan if either group is empty. An interval that spans 0 means the data cannot tell the
    two means apart.

    >>> d, lo, hi = bootstrap_diff_ci([1.0, 1.2, 0.8, 1.1], [0.0, 0.1, -0.1, 0.05])
    >>> round(d, 4), lo > 0
    (1.0125, True)
    """
    x = np.asarray(a, dtype=float)
    y = np.asarray(b, dtype=float)
    x, y = x[~np.isnan(x)], y[~np.isnan(y)]
    if len(x) == 0 or len(y) == 0:
        return (math.nan, math.nan, math.nan)
    rng = np.random.default_rng(seed)
    dx = rng.choice(x, size=(n_boot, len(x)), replace=True).mean(axis=1)
    dy = rng.choice(y, size=(n_boot, len(y)), replace=True).mean(axis=1)
    alpha = (1 - level) / 2
    low, high = np.quantile(dx - dy, [alpha, 1 - alpha])
    return (float(x.mean() - y.mean()), float(low), float(high))


def cohen_kappa(a: Sequence, b: Sequence) -> float:
    """Cohen's (1960) kappa for two codings of the same items (nominal labels).

    ``kappa = (p_o - p_e) / (1 - p_e)`` with ``p_o`` the observed agreement and ``p_e``
    the agreement expected from the two coders' label frequencies. Returns NaN when
    ``p_e == 1`` (both coders used one and the same label throughout). Raises ValueError
    on unequal lengths or no items.

    >>> cohen_kappa(["x", "x", "y", "y"], ["x", "y", "y", "y"])
    0.5
    """
    a, b = list(a), list(b)
    if len(a) != len(b):
        raise ValueError(f"the two codings differ in length ({len(a)} vs {len(b)})")
    if not a:
        raise ValueError("no items to compare")
    n = len(a)
    po = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    pe = sum(ca[k] * cb[k] for k in ca) / (n * n)
    if math.isclose(pe, 1.0):
        return float("nan")
    return (po - pe) / (1 - pe)


#: below this many distinct items a mean gets no interval: "too few"
MIN_FOR_INTERVAL = 5


def cluster_bootstrap_mean_ci(
    values: Sequence[float], clusters: Sequence, n_boot: int = 2000, level: float = 0.95, seed: int = 0
) -> tuple[float, float, float]:
    """(mean, low, high) with a cluster bootstrap: whole clusters (articles) are resampled.

    Quotations of one article are not independent draws (one reporter chose them, often from
    one briefing), so the interval resamples the articles and keeps each article's values
    together (Cameron, Gelbach & Miller 2008, "Bootstrap-based improvements for inference with
    clustered errors", *Review of Economics and Statistics* 90(3): 414-427, the pairs cluster
    bootstrap). With fewer than :data:`MIN_FOR_INTERVAL` values, or a single cluster, the
    interval is nan: too few to say.

    >>> m, lo, hi = cluster_bootstrap_mean_ci([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], ["a", "a", "b", "b", "c", "c"])
    >>> round(m, 2), lo <= m <= hi
    (0.35, True)
    >>> cluster_bootstrap_mean_ci([0.1, 0.2], ["a", "b"])[1:]
    (nan, nan)
    """
    v = np.asarray(values, dtype=float)
    c = np.asarray(list(clusters))
    keep = ~np.isnan(v)
    v, c = v[keep], c[keep]
    if len(v) == 0:
        return (math.nan, math.nan, math.nan)
    mean = float(v.mean())
    ids, index = np.unique(c, return_inverse=True)
    if len(v) < MIN_FOR_INTERVAL or len(ids) < 2:
        return (mean, math.nan, math.nan)
    sums = np.bincount(index, weights=v, minlength=len(ids))
    counts = np.bincount(index, minlength=len(ids)).astype(float)
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(ids), size=(n_boot, len(ids)))
    boot = sums[draws].sum(axis=1) / counts[draws].sum(axis=1)
    alpha = (1 - level) / 2
    low, high = np.quantile(boot, [alpha, 1 - alpha])
    return (mean, float(low), float(high))


def cluster_bootstrap_diff_ci(
    a: Sequence[float],
    a_clusters: Sequence,
    b: Sequence[float],
    b_clusters: Sequence,
    n_boot: int = 2000,
    level: float = 0.95,
    seed: int = 0,
) -> tuple[float, float, float]:
    """(mean(a) - mean(b), low, high), resampling the articles of the whole corpus together.

    Both groups are drawn from one resample of the union of their clusters, so an article that
    quotes both sides moves both means at once. nan interval when either group has fewer than
    :data:`MIN_FOR_INTERVAL` values or the corpus fewer than two clusters.

    >>> d, lo, hi = cluster_bootstrap_diff_ci([0.5, 0.6, 0.4, 0.5, 0.7, 0.6], list("aabbcc"),
    ...                                       [0.0, -0.1, 0.1, 0.0, 0.05, 0.0], list("aabbcc"))
    >>> round(d, 3), lo > 0
    (0.542, True)
    """
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    cx, cy = np.asarray(list(a_clusters)), np.asarray(list(b_clusters))
    kx, ky = ~np.isnan(x), ~np.isnan(y)
    x, cx, y, cy = x[kx], cx[kx], y[ky], cy[ky]
    if len(x) == 0 or len(y) == 0:
        return (math.nan, math.nan, math.nan)
    diff = float(x.mean() - y.mean())
    ids = np.unique(np.concatenate([cx, cy]))
    if len(x) < MIN_FOR_INTERVAL or len(y) < MIN_FOR_INTERVAL or len(ids) < 2:
        return (diff, math.nan, math.nan)
    pos = {k: i for i, k in enumerate(ids.tolist())}
    ix, iy = np.array([pos[k] for k in cx.tolist()]), np.array([pos[k] for k in cy.tolist()])
    sx, nx = np.bincount(ix, weights=x, minlength=len(ids)), np.bincount(ix, minlength=len(ids)).astype(float)
    sy, ny = np.bincount(iy, weights=y, minlength=len(ids)), np.bincount(iy, minlength=len(ids)).astype(float)
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(ids), size=(n_boot, len(ids)))
    with np.errstate(invalid="ignore", divide="ignore"):
        boot = sx[draws].sum(axis=1) / nx[draws].sum(axis=1) - sy[draws].sum(axis=1) / ny[draws].sum(axis=1)
    boot = boot[~np.isnan(boot)]
    if len(boot) == 0:
        return (diff, math.nan, math.nan)
    alpha = (1 - level) / 2
    low, high = np.quantile(boot, [alpha, 1 - alpha])
    return (diff, float(low), float(high))


def interval_reading(low: float, high: float) -> str:
    """How a difference's interval may be worded: ``too few``, ``cannot be told apart`` (it spans
    zero), ``higher`` or ``lower``.

    >>> interval_reading(-0.1, 0.3), interval_reading(0.05, 0.2), interval_reading(float("nan"), float("nan"))
    ('cannot be told apart', 'higher', 'too few')
    """
    if math.isnan(low) or math.isnan(high):
        return "too few"
    if low <= 0 <= high:
        return "cannot be told apart"
    return "higher" if low > 0 else "lower"
