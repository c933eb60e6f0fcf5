"""Evidence as HTML: statements side by side, highlighted cues, quote fidelity with its differences.

Every corpus string is escaped before it becomes markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

import pandas as pd

from readout.analysis.statements import SIDES
from readout.plots import side_colour
from readout.reports.display import IGNORE_MATH
from readout.reports.display import html_escape as esc


def highlight(text: str, spans: Iterable[tuple[int, int]], tag: str = "mark") -> str:
    """HTML of ``text`` with each (start, end) span wrapped in ``<tag>``.

    The text is escaped (HTML specials become entities, ``$`` is kept from MathJax) and the
    whole is one inline span MathJax skips, so article text cannot run as markup.

    >>> highlight("a <b> $5 core", [(9, 13)])
    '<span class="tex2jax_ignore mathjax_ignore" dir="auto">a &lt;b&gt; &#36;5 <mark>core</mark></span>'
    """

    def esc(t):
        return html.escape(t, quote=True).replace("$", "&#36;")

    out, pos = [], 0
    for a, b in sorted(set(spans)):
        if a < pos:
            continue
        out.append(esc(text[pos:a]))
        out.append(f"<{tag}>{esc(text[a:b])}</{tag}>")
        pos = b
    out.append(esc(text[pos:]))
    return f'<span class="{IGNORE_MATH}" dir="auto">{"".join(out)}</span>'


def side_by_side_html(pieces: pd.DataFrame, max_per_side: int | None = None) -> str:
    """An HTML two-column view of what is compared: US statements left, China right.

    Each statement shows its pieces in order, quotations in quotation marks and bold,
    paraphrase in plain type, with the outlet, the statement id and the kind. Pieces not
    counted (shared copy) are listed under the statement that counts them. All article
    text is HTML-escaped.
    """

    dups = pieces[~pieces["counted"]].groupby("duplicate_of")
    dup_map = {k: g for k, g in dups}

    def piece_html(p):
        t = esc(p.text)
        return f"<b>\u201c{t}\u201d</b>" if p.kind == "quote" else t

    cols = []
    for side in SIDES:
        ps = pieces[(pieces["side"] == side) & pieces["counted"]]
        items = []
        for sid, g in ps.groupby("statement_id", sort=False):
            g = g.sort_values("start")
            kinds = "+".join(sorted(set(g["kind"])))
            body = " \u2026 ".join(piece_html(p) for p in g.itertuples())
            also = []
            for pid in g["piece_id"]:
                if pid in dup_map:
                    for d in dup_map[pid].itertuples():
                        also.append(f"{esc(str(d.outlet))} ({esc(d.article_id)}, sentence {d.sent_id})")
            also_html = (
                (f"<div style='font-size:85%;color:#555'>also carried by: {'; '.join(dict.fromkeys(also))}</div>")
                if also
                else ""
            )
            speaker = esc("; ".join(dict.fromkeys(g["speaker"].astype(str))))
            meta = (
                f"<div style='font-size:85%;color:#555'>{esc(str(g.outlet.iloc[0]))} \u00b7 "
                f"{speaker} \u00b7 {kinds} \u00b7 <code>{esc(sid)}</code></div>"
            )
            items.append(f"<li style='margin-bottom:0.6em'>{body}{meta}{also_html}</li>")
        if max_per_side is not None and len(items) > max_per_side:
            items = items[:max_per_side] + [f"<li>\u2026 {len(items) - max_per_side} more</li>"]
        colour = side_colour(side)
        cols.append(
            f"<div style='flex:1;min-width:18em;padding:0 0.8em;border-top:4px solid {colour}'>"
            f"<h4 style='color:{colour}'>{side} side \u2014 {ps['statement_id'].nunique()} statements</h4>"
            f"<ol style='padding-left:1.2em'>{''.join(items)}</ol></div>"
        )
    return f"<div style='display:flex;gap:1em;align-items:flex-start'>{''.join(cols)}</div>"


_KIND_STYLE = {
    "quote marks/apostrophes": "background:#e8e8e8",
    "punctuation": "background:#e8e8e8",
    "house style": "background:#e8e8e8",
    "contraction": "background:#e8e8e8",
    "trim": "background:#fff3b0",
    "wording": "background:#ffc9c9;font-weight:bold",
}


def fidelity_html(fidelity: pd.DataFrame, outlets: dict[str, str] | None = None) -> str:
    """Render :func:`quote_fidelity` rows as a two-column HTML table, differences highlighted.

    Each row shows the two versions side by side, the marked words highlighted
    (bold on red for wording, yellow for trims, grey for typography and style), and
    the verdict with the list of differences underneath.
    """
    outlets = outlets or {}

    def marked(text: str, verdict: str) -> str:
        style = _KIND_STYLE.get(verdict, "")
        parts = re.split(r"(\[\[.*?\]\])", text)
        return "".join(
            f'<mark style="{style}">{html.escape(p[2:-2])}</mark>'
            if p.startswith("[[") and p.endswith("]]")
            else html.escape(p)
            for p in parts
        )

    rows = []
    for r in fidelity.itertuples(index=False):
        head_a = html.escape(f"{outlets.get(r.article_a, r.article_a)} ({r.quote_id_a})")
        head_b = html.escape(f"{outlets.get(r.article_b, r.article_b)} ({r.quote_id_b})")
        diffs = "<br>".join(html.escape(line) for line in str(r.differences).splitlines())
        rows.append(
            "<tr>"
            f'<td style="vertical-align:top;text-align:left"><b>{head_a}</b><br>{marked(r.marked_a, r.verdict)}</td>'
            f'<td style="vertical-align:top;text-align:left"><b>{head_b}</b><br>{marked(r.marked_b, r.verdict)}</td>'
            f'<td style="vertical-align:top;text-align:left"><b>{html.escape(r.verdict)}</b><br><small>{diffs}</small></td>'
            "</tr>"
        )
    return (
        '<table style="border-collapse:collapse;font-size:90%"><thead><tr>'
        '<th style="text-align:left">Version A</th><th style="text-align:left">Version B</th>'
        '<th style="text-align:left">Verdict and differences</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
    )
