"""The one-page brief: the headline findings of the four analyses, each sentence generated from
an exported table, with its key figure and a link to the evidence.
"""

from __future__ import annotations

import contextlib
import html
import re
from pathlib import Path

import pandas as pd

from readout.analysis.statements import SIDES
from readout.corpus.codebooks import corpus_file_path
from readout.reports.brief_query import (
    Analysis,
    BriefError,
    BriefNumbers,
    MissingAnalysis,
    Spec,
)
from readout.reports.claims import claims_table
from readout.reports.findings import BRIEF_SECTIONS, derived


def brief_analyses(corpus, tables: dict | None = None) -> tuple[list[Analysis], BriefNumbers]:
    """The brief's findings, one :class:`Analysis` per section; a missing module gives a note, not an error."""
    n = BriefNumbers(corpus, tables)
    analyses = []
    for prefix, title, func in BRIEF_SECTIONS:
        a = Analysis(prefix, title)
        try:
            a.findings = func(n)
        except MissingAnalysis as exc:
            a.missing = str(exc)
        except BriefError:
            raise
        except Exception as exc:  # a finding that fails to compute fails the build, naming itself
            raise BriefError(f"the brief's section {prefix} ({title}) failed: {type(exc).__name__}: {exc}") from exc
        analyses.append(a)
    return analyses, n


_HEADING_ID = re.compile(r'<h([1-3]) id="([^"]+)"[^>]*>(.*?)(?:<a class="anchor-link"|</h\1>)', re.S)


def section_anchor(page: Path, words: tuple[str, ...]) -> str | None:
    """The id of the first heading (level 2 or 3) of ``page`` that contains one of ``words``; None if none does."""
    if not page.is_file():
        return None
    heads = [
        (int(level), hid, re.sub(r"<[^>]+>", "", text))
        for level, hid, text in _HEADING_ID.findall(page.read_text(encoding="utf-8"))
    ]
    for word in words:
        for level, hid, text in heads:
            if level >= 2 and word.lower() in text.lower():
                return hid
    return None


BRIEF_CSS = """
@page { size: auto; margin: 12mm 14mm; }
* { box-sizing: border-box; }
body { font-family: Georgia, 'Times New Roman', serif; color: #111; max-width: 178mm; margin: 1.5rem auto; padding: 0 .5rem;
  font-size: 10.5pt; line-height: 1.35; }
header h1 { font-family: system-ui, sans-serif; font-size: 17pt; margin: 0 0 .2rem; }
header p { margin: 0 0 .6rem; color: #333; font-size: 9.5pt; }
section { margin: 0 0 .55rem; break-inside: avoid; }
h2 { font-family: system-ui, sans-serif; font-size: 11.5pt; margin: .5rem 0 .25rem; border-bottom: 1.5pt solid #0072B2; padding-bottom: 1pt; }
.finding { display: grid; grid-template-columns: 24mm 1fr; column-gap: 4mm; margin: .25rem 0; break-inside: avoid; }
.key { font-family: system-ui, sans-serif; text-align: right; }
.key .big { display: block; font-size: 17pt; font-weight: 700; line-height: 1.05; color: #0072B2; }
.key .what { display: block; font-size: 7pt; line-height: 1.15; color: #444; }
.finding p { margin: 0; }
.evidence { font-family: system-ui, sans-serif; font-size: 8.5pt; white-space: nowrap; }
.missing { color: #8a1c00; font-style: italic; }
footer { font-size: 8pt; color: #444; border-top: .5pt solid #999; margin-top: .6rem; padding-top: .2rem; }
a { color: #0057a0; }
@media print {
  body { margin: 0; max-width: none; }
  a { color: #000; text-decoration: none; }
  .evidence a::after { content: " (briefing page)"; }
}
"""


def _caveats(n: BriefNumbers) -> str:
    """The limits to say with the findings, each with its number (or a note where a table is missing)."""
    A = "articles"
    parts = []
    try:
        gov = n.html(Spec(A, where=(("government", "!=", ""),)), "int")
        reports = n.html(Spec(A), "int")
        silent = [side for side in SIDES if n.value(Spec(A, where=(("government", "==", side),))) == 0]
        note = "".join(
            f"; no document comes from a {html.escape(side)} government outlet, so {html.escape(side)} positions arrive as others reported them"
            for side in silent
        )
        parts.append(
            f"{gov} of the {reports} documents come from outlets a government owns, funds or speaks through "
            f"(their <code>government</code> metadata){note}."
        )
    except (MissingAnalysis, KeyError, ValueError) as exc:
        parts.append(f'<span class="missing">Outlet kinds unavailable: {html.escape(str(exc))}.</span>')
    try:
        quotes = n.html(Spec("quotes", where=(("speaker_side", "==", "China"),)), "int")
        stmts = n.html(
            Spec("frames_by_side", column="n_statements", agg="first", where=(("side", "==", "China"),)), "int"
        )
        parts.append(
            f"The Chinese side rests on {quotes} quotations and {stmts} statements: every China figure above "
            "can move with a single quote."
        )
    except (MissingAnalysis, KeyError, IndexError, ValueError) as exc:
        parts.append(f'<span class="missing">Chinese-side counts unavailable: {html.escape(str(exc))}.</span>')
    return '<section id="caveats"><h2>Read with care</h2><p>' + " ".join(parts) + "</p></section>"


def render_brief(analyses: list[Analysis], n: BriefNumbers, pages: dict[str, Path], corpus_label: str) -> str:
    """The brief as HTML. ``pages`` maps a notebook number to its briefing page (for evidence links);
    ``corpus_label`` is a sentence saying which corpus this is (:func:`corpus_words`)."""
    esc = html.escape
    A = "articles"
    reports = n.html(Spec(A), "int")
    outlets = n.html(Spec(A, column="outlet", agg="nunique"), "int")
    first = n.html(Spec(A, column="published", agg="min"), "date")
    last = n.html(Spec(A, column="published", agg="max"), "date")
    blocks = []
    caveats = _caveats(n)
    for a in analyses:
        page = pages.get(a.prefix)
        link_base = f"briefing/{page.name}" if page is not None else None
        body = []
        if a.missing:
            body.append(f'<p class="missing">Not in this build: {esc(a.missing)}.</p>')
        for f in a.findings:
            if link_base and page is not None:
                anchor = section_anchor(page, f.anchors)
                href = link_base + (f"#{anchor}" if anchor else "")
                evidence = f' <span class="evidence"><a href="{esc(href)}">evidence &rarr;</a></span>'
            else:
                evidence = ' <span class="evidence missing">(briefing page not built)</span>'
            body.append(
                f'<div class="finding"><div class="key"><span class="big">{f.key}</span>'
                f'<span class="what">{esc(f.key_label)}</span></div><p>{f.sentence}{evidence}</p></div>'
            )
        title = esc(a.title)
        if link_base:
            title = f'<a href="{esc(link_base)}">{title}</a>'
        blocks.append(f'<section id="analysis-{esc(a.prefix)}"><h2>{title}</h2>\n' + "\n".join(body) + "</section>")
    event_text = html.escape(event_name(n.corpus))
    event = derived(event_name(n.corpus), "events file: focus row")
    built = derived(build_date(), "build date")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Readout brief: {event_text}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>{BRIEF_CSS}</style></head>
<body>
<header><h1>Readout brief: {event}</h1>
<p>What {reports} documents from {outlets} outlets, published {first} to {last}, say about {event}.
{esc(corpus_label)} Built {built}. Every sentence below is generated from the exported tables,
and each links to its evidence on the briefing page.</p></header>
{chr(10).join(blocks)}
{caveats}
<footer>Built by <code>readout report</code> from the tables <code>readout export</code> writes; the numbers change when the corpus does.
Read the caveats on each briefing page before quoting a figure. Every claim, with its uncertainty and its test: <a href="claims.csv">claims.csv</a>.</footer>
</body></html>
"""


def event_name(corpus) -> str:
    """The event the corpus covers: the ``focus`` row of its events file (the corpus folder's own
    ``events.csv``; the bundled seeds use ``data/events.csv``), else "the event these documents cover"."""
    path = corpus_file_path("events.csv", corpus)
    if path is not None:
        events = pd.read_csv(path, dtype=str, keep_default_na=False)
        if "focus" in events.columns:
            focus = events[events["focus"].str.strip().str.lower().isin(("yes", "true", "1"))]
            if len(focus):
                row = focus.iloc[0]
                dates = _date_span(row.get("start", ""), row.get("end", ""))
                return f"{row['event']}{f' ({dates})' if dates else ''}"
    return "the event these documents cover"


def _date_span(start: str, end: str) -> str:
    """``18–19 June 2023`` from two ISO dates (or one)."""
    from datetime import date

    try:
        a = date.fromisoformat(start)
    except ValueError:
        return ""
    try:
        b = date.fromisoformat(end) if end else a
    except ValueError:
        b = a
    if a == b:
        return f"{a.day} {a:%B %Y}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}\u2013{b.day} {a:%B %Y}"
    return f"{a.day} {a:%B %Y} \u2013 {b.day} {b:%B %Y}"


def build_date() -> str:
    """The day the brief is built, in words (``SOURCE_DATE_EPOCH`` fixes it for reproducible builds)."""
    import os
    from datetime import datetime, timezone

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    return f"{when.day} {when:%B %Y}"


def corpus_words(corpus_path: str | None) -> str:
    """The corpus in words for a reader: the bundled reports, or the folder a user gave."""
    if not corpus_path:
        return "The corpus is the project's bundled set of news reports."
    return f"The corpus is the folder {Path(corpus_path).name}."


#: Tables the brief reads besides those of its findings: the header and the caveats
#: (:func:`render_brief`, :func:`_caveats`; keep this in step with them).
_BRIEF_EXTRA_TABLES = ("articles", "quotes", "frames_by_side")


def prepare_brief(corpus, tables: dict | None = None) -> tuple[list[Analysis], BriefNumbers]:
    """The brief's findings with every table the brief reads built: what :func:`write_brief`
    needs, computed before the report pages exist (the report build does it while the
    notebooks run). A table that cannot be built is left for the brief to report as missing."""
    analyses, n = brief_analyses(corpus, tables)
    for name in _BRIEF_EXTRA_TABLES:
        with contextlib.suppress(MissingAnalysis):
            n.table(name)
    return analyses, n


def write_brief(
    out: str | Path, corpus, corpus_label: str, pages: dict[str, Path] | None = None, tables: dict | None = None
) -> tuple[Path, list[Analysis]]:
    """Write ``out/brief.html``; ``pages`` maps notebook numbers ("01") to briefing pages."""
    analyses, n = brief_analyses(corpus, tables)
    return write_brief_page(out, analyses, n, pages or {}, corpus_label), analyses


def write_brief_page(out, analyses: list[Analysis], n: BriefNumbers, pages: dict[str, Path], corpus_label: str) -> Path:
    """Write ``out/brief.html`` and, beside it, ``out/claims.csv`` (:func:`claims_table`)."""
    target = Path(out) / "brief.html"
    target.write_text(render_brief(analyses, n, pages, corpus_label), encoding="utf-8")
    claims_table(analyses).to_csv(Path(out) / "claims.csv", index=False, lineterminator="\n")
    return target
