"""The brief's small query language: a :class:`Spec` names a table, a filter and a statistic,
and :func:`evaluate` recomputes the number from the exported table, so a test can check it.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field

from readout.analysis.sentiment import distinct_quotes
from readout.scale.tables import TABLES, build_table

_OPS = {
    "==": lambda s, v: s == v,
    "!=": lambda s, v: s != v,
    ">": lambda s, v: s > v,
    ">=": lambda s, v: s >= v,
    "<": lambda s, v: s < v,
    "<=": lambda s, v: s <= v,
    "contains": lambda s, v: s.fillna("").astype(str).str.contains(v, case=False, regex=False),
}


#: rules that count repeated copy once, by name (see :class:`Spec`)
DISTINCT = {"quotations": distinct_quotes}


@dataclass(frozen=True)
class Spec:
    """How one number of the brief is computed from one exported table.

    Rows of ``table`` are kept where every ``(column, op, value)`` of ``where`` holds, then
    sorted by ``sort`` (``(column, ascending)`` pairs). Without ``by``, ``agg`` reduces
    ``column`` (a list of columns is summed row-wise first; no column counts rows). With
    ``by``, ``agg`` runs per group and ``pick`` reduces the groups: ``idxmax``/``idxmin``
    name a group, ``max``/``min``/``sum`` give a value. ``over`` divides by a second Spec.
    ``distinct`` names a rule that counts repeated copy once before anything else:
    ``"quotations"`` keeps the first of each speaker's same words
    (:func:`readout.analysis.sentiment.distinct_quotes`).
    """

    table: str
    column: str | tuple[str, ...] | None = None
    agg: str = "size"
    where: tuple = ()
    sort: tuple = ()
    by: str | None = None
    pick: str | None = None
    over: Spec | None = None
    distinct: str | None = None

    def to_dict(self) -> dict:
        d: dict[str, object] = {
            "table": self.table,
            "column": list(self.column) if isinstance(self.column, tuple) else self.column,
            "agg": self.agg,
            "where": [list(w) for w in self.where],
            "sort": [list(s) for s in self.sort],
            "by": self.by,
            "pick": self.pick,
        }
        if self.over is not None:
            d["over"] = self.over.to_dict()
        if self.distinct is not None:
            d["distinct"] = self.distinct
        return d


def evaluate(spec: Spec, tables: dict):
    """The value of ``spec`` on ``tables`` (table name -> DataFrame): a number or a label."""
    df = tables[spec.table]
    if spec.distinct is not None:
        df = DISTINCT[spec.distinct](df)
    for col, op, value in spec.where:
        df = df[_OPS[op](df[col], value)]
    if spec.sort:
        df = df.sort_values([c for c, _ in spec.sort], ascending=[a for _, a in spec.sort], kind="stable")
    if spec.by is not None:
        grouped = df.groupby(spec.by)
        series = grouped.size() if spec.column is None else grouped[spec.column].agg(spec.agg)
        assert spec.pick is not None, "a grouped spec names what to pick"
        value = getattr(series, spec.pick)() if len(series) else float("nan")
    else:
        if spec.column is None:
            value = len(df)
        else:
            col = df[list(spec.column)].sum(axis=1) if isinstance(spec.column, tuple) else df[spec.column]
            if spec.agg == "first":
                value = col.iloc[0] if len(col) else float("nan")
            else:
                value = col.agg(spec.agg)
    if spec.over is not None:
        den = evaluate(spec.over, tables)
        value = value / den if den else float("nan")
    if hasattr(value, "item"):
        value = value.item()
    return value


def format_value(value, fmt: str) -> str:
    """Display ``value``: ``pct`` (0.734 -> 73%), ``int`` (1,204), ``dec2`` (0.14, signed with a true minus), ``date`` (2023-06-14 -> 14 June 2023), ``label``."""
    if fmt != "label" and isinstance(value, float) and value != value:
        return "n/a"  # a mean or share over no rows
    if fmt == "pct":
        return f"{value:.0%}"
    if fmt == "int":
        return f"{int(round(value)):,}"
    if fmt == "dec2":
        return f"{value:.2f}".replace("-", "\u2212")
    if fmt == "date":
        from datetime import date

        try:
            day = date.fromisoformat(str(value))
        except ValueError:
            return str(value) or "an unknown date"
        return f"{day.day} {day:%B %Y}"
    return str(value)


class MissingAnalysis(RuntimeError):
    """A table the brief needs is not in the registry (:data:`readout.scale.tables.TABLES`)."""


class BriefError(RuntimeError):
    """A table behind a finding failed to build: the brief, and the report build, stop and name it."""


class BriefNumbers:
    """Evaluates specs against tables built on demand, and renders each as a checkable element."""

    def __init__(self, corpus, tables: dict | None = None):
        self.corpus = corpus
        self.tables = dict(tables or {})

    def table(self, name: str):
        if name not in self.tables:
            if name not in TABLES:
                raise MissingAnalysis(f"the table '{name}' is not registered in readout.scale.tables yet")
            try:
                self.tables[name] = build_table(name, self.corpus)
            except Exception as exc:  # the build fails, naming the table behind the finding
                raise BriefError(f"the brief's table '{name}' failed to build: {type(exc).__name__}: {exc}") from exc
        return self.tables[name]

    def value(self, spec: Spec):
        needed: list[str] = []
        s: Spec | None = spec
        while s is not None:
            needed.append(s.table)
            s = s.over
        for name in needed:
            self.table(name)
        return evaluate(spec, self.tables)

    def html(self, spec: Spec, fmt: str, value=None) -> str:
        value = self.value(spec) if value is None else value
        shown = format_value(value, fmt)
        raw = value if isinstance(value, str) else repr(float(value))
        return (
            f'<data class="num" value="{html.escape(raw)}" data-format="{fmt}" '
            f"data-spec='{html.escape(json.dumps(spec.to_dict()), quote=True)}'>{html.escape(shown)}</data>"
        )


@dataclass
class Finding:
    key: str  # html of the key figure (a <data> element)
    key_label: str  # what the key figure counts
    sentence: str  # html with <data> elements
    anchors: tuple[str, ...]  # words that pick the evidence section in the full report
    kind: str = "count"  # count, share, difference or distinctive: what the sentence claims
    uncertainty: str = ""  # the interval or corrected test beside the number, in words
    test: str = ""  # the method behind the uncertainty
    supported: bool | None = None  # difference/distinctive: whether the interval or test supports it


@dataclass
class Analysis:
    prefix: str  # notebook number, e.g. "01"
    title: str
    findings: list[Finding] = field(default_factory=list)
    missing: str = ""


def escaped_label(n: BriefNumbers, spec: Spec) -> tuple[str, str]:
    """A label (e.g. an actor name) as value and as a checkable element."""
    value = n.value(spec)
    return value, n.html(spec, "label", value)
