"""The one-page brief: the headline findings of the four analyses, each sentence generated from
an exported table, with its key figure and a link to the evidence.
"""

from __future__ import annotations

import contextlib
import html
import re
from pathlib import Path

import pandas as pd

from readout.analysis.fightin_words import FDR
from readout.analysis.sentiment import nyt_held_out, side_difference
from readout.analysis.statements import SIDES
from readout.corpus.codebooks import codebook_path
from readout.reports.brief_query import (
    Analysis,
    BriefError,
    BriefNumbers,
    Finding,
    MissingAnalysis,
    Spec,
    escaped_label,
)


def _compare_findings(n: BriefNumbers) -> list[Finding]:
    P = "outlet_profiles"
    sides = ("quoted_words_us", "quoted_words_china", "quoted_words_other")
    attributed = Spec(P, column=sides, agg="sum")
    us = n.html(Spec(P, column="quoted_words_us", agg="sum", over=attributed), "pct")
    cn = n.html(Spec(P, column="quoted_words_china", agg="sum", over=attributed), "pct")
    reports = n.html(Spec(P), "int")
    out = [
        Finding(
            us,
            "of attributed quoted words are US speakers'",
            f"US speakers supply {us} of the words quoted with an attributed speaker across the {reports} reports; "
            f"Chinese speakers supply {cn}.",
            ("voices", "side"),
        )
    ]
    passages = n.html(Spec("reuse"), "int")
    _, top = escaped_label(n, Spec(P, column="shared_share", agg="max", by="outlet", pick="idxmax"))
    top_share = n.html(Spec(P, column="shared_share", agg="max"), "pct")
    out.append(
        Finding(
            passages,
            "passages of shared wording",
            f"{passages} passages of the same wording recur between reports; {top} has the largest share of "
            f"its words in shared passages ({top_share}).",
            ("passages", "share"),
        )
    )
    every = Spec("topics", column="covered", agg="min", by="topic", pick="sum")
    everywhere = n.html(every, "int")
    n_topics = n.html(Spec("topics", column="topic", agg="nunique"), "int")
    verb = "is" if n.value(every) == 1 else "are"
    topics = n.table("topics")
    common = topics.groupby("label", sort=True)["covered"].min()
    named = [html.escape(str(label)) for label, all_of_them in common.items() if all_of_them]
    which = f": {_join(named)}" if named else ""
    out.append(
        Finding(
            everywhere,
            "agenda topics named by every report",
            f"{everywhere} of the {n_topics} agenda topics in the codebook {verb} named by every report{which}.",
            ("topics", "agenda"),
        )
    )
    return out


def _network_findings(n: BriefNumbers) -> list[Finding]:
    M = "mentions"
    actor, actor_html = escaped_label(n, Spec(M, by="actor", pick="idxmax"))
    count = n.html(Spec(M, by="actor", pick="max"), "int")
    in_articles = n.html(Spec(M, column="article_id", agg="nunique", where=(("actor", "==", actor),)), "int")
    reports = n.html(Spec("articles"), "int")
    out = [
        Finding(
            count,
            "mentions of the most-named actor",
            f"{actor_html} is the most-named actor: {count} mentions, in {in_articles} of the {reports} reports.",
            ("who", "mention", "named"),
        )
    ]
    us = n.html(Spec(M, where=(("side", "==", "US"),), over=Spec(M)), "pct")
    cn = n.html(Spec(M, where=(("side", "==", "China"),), over=Spec(M)), "pct")
    out.append(
        Finding(
            us,
            "of actor mentions are of US actors",
            f"{us} of actor mentions name a US actor and {cn} a Chinese one.",
            ("side", "who"),
        )
    )
    E = "edges"
    order = (("weight", False), ("source", True), ("target", True))
    where = (("window", "==", "sentence"),)
    _, a = escaped_label(n, Spec(E, column="source", agg="first", where=where, sort=order))
    _, b = escaped_label(n, Spec(E, column="target", agg="first", where=where, sort=order))
    weight = n.html(Spec(E, column="weight", agg="first", where=where, sort=order), "int")
    arts = n.html(Spec(E, column="n_articles", agg="first", where=where, sort=order), "int")
    out.append(
        Finding(
            weight,
            "sentences naming the strongest pair",
            f"The strongest tie is {a} with {b}: named in the same sentence {weight} times, in {arts} reports.",
            ("strongest", "with whom", "together"),
        )
    )
    return out


def lead_variant() -> tuple[str, str]:
    """(the VADER variant the brief leads with, why): the diplomatic extension only when its
    held-out NYT validation shows a gain whose interval excludes zero, else the stock lexicon."""
    check = nyt_held_out().set_index("measure")
    low = float(check.loc["pearson_r", "ci_low"])
    d = float(check.loc["pearson_r", "diff"])
    if low > 0:
        return (
            "diplomatic",
            f"the diplomatic extension, which beats the stock lexicon on held-out NYT sentences (Δr {d:+.3f})",
        )
    return "plain", (
        "the stock lexicon: on held-out NYT sentences the diplomatic extension cannot be told apart from it "
        f"(Δr {d:+.3f}, 95% CI {low:+.3f} to {float(check.loc['pearson_r', 'ci_high']):+.3f})"
    )


def difference_words(reading: str, a: str, b: str) -> str:
    """How a difference between ``a`` and ``b`` may be said, given its interval's reading."""
    if reading == "too few":
        return f"there are too few distinct quotations to compare {a} and {b}"
    if reading == "cannot be told apart":
        return "the two sides cannot be told apart: the interval of the difference spans zero"
    return f"{a} quotations score {reading} than {b} ones, and the interval excludes zero"


def _sentiment_findings(n: BriefNumbers) -> list[Finding]:
    S = "sentiment"
    variant, why = lead_variant()
    quotes = (("unit", "==", "quote"), ("variant", "==", variant))
    side = lambda s: (*quotes, ("speaker_side", "==", s))  # noqa: E731
    D = "quotations"
    us = n.html(Spec(S, column="compound", agg="mean", where=side("US"), distinct=D), "dec2")
    cn = n.html(Spec(S, column="compound", agg="mean", where=side("China"), distinct=D), "dec2")
    n_us = n.html(Spec(S, where=side("US"), distinct=D), "int")
    n_cn = n.html(Spec(S, where=side("China"), distinct=D), "int")
    diff = side_difference(n.table(S), variant)
    interval = (
        "too few distinct quotations for an interval"
        if diff["reading"] == "too few"
        else f"difference {diff['diff']:+.2f}, 95% CI {diff['ci_low']:+.2f} to {diff['ci_high']:+.2f}"
    )
    out = [
        Finding(
            us,
            "mean VADER score of distinct US quotations",
            f"Distinct quotations from US speakers average {us} on VADER's compound scale, which runs from minus one "
            f"to plus one ({n_us} quotations); Chinese speakers' average {cn} ({n_cn}). With {html.escape(why)}, "
            f"{difference_words(diff['reading'], 'US', 'Chinese')} ({interval}, resampling whole articles).",
            ("versus", "tone", "side"),
            kind="difference",
            uncertainty=interval,
            test="cluster bootstrap over articles, 2,000 draws; repeated copy counted once",
            supported=diff["reading"] in ("higher", "lower"),
        )
    ]
    zero = n.html(Spec(S, where=(*quotes, ("compound", "==", 0)), over=Spec(S, where=quotes)), "pct")
    out.append(
        Finding(
            zero,
            "of quotes score exactly zero",
            f"{zero} of quotes score exactly zero: VADER finds no word of its lexicon in them, so a neutral "
            "score often means \u201cnot measured\u201d rather than \u201cneutral\u201d.",
            ("zero", "neutral", "lexicon", "cannot"),
            kind="share",
        )
    )
    return out


def top_frames(frames: pd.DataFrame, side: str) -> tuple[list[str], float]:
    """The label(s) of ``side``'s most frequent frame and its share: every frame that ties at the top."""
    rows = frames[(frames["side"] == side) & (frames["frame"] != "none")]
    if rows.empty:
        return [], float("nan")
    best = rows["share"].max()
    return rows.loc[rows["share"] == best, "label"].tolist(), float(best)


def _join(words: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" and {words[-1]}" if words else ""


def _labels(labels: list[str]) -> str:
    quoted = [html.escape(x) for x in labels]
    if len(quoted) <= 1:
        return "".join(quoted) or "none"
    return ", ".join(quoted[:-1]) + f" and {quoted[-1]}"


def _framing_findings(n: BriefNumbers) -> list[Finding]:
    F = "frames_by_side"
    frames = n.table(F)
    order = (("share", False), ("n_primary", False), ("n_hits", False), ("frame", True))
    side = lambda s: (("side", "==", s), ("frame", "!=", "none"))  # noqa: E731
    us_share = n.html(Spec(F, column="share", agg="first", where=side("US"), sort=order), "pct")
    us_n = n.html(Spec(F, column="n_statements", agg="first", where=side("US"), sort=order), "int")
    cn_share = n.html(Spec(F, column="share", agg="first", where=side("China"), sort=order), "pct")
    cn_n = n.html(Spec(F, column="n_statements", agg="first", where=side("China"), sort=order), "int")
    us_top, _ = top_frames(frames, "US")
    cn_top, _ = top_frames(frames, "China")

    def lead(labels: list[str], share: str) -> str:
        if len(labels) > 1:
            return f"{_labels(labels)} tie at {share} each"
        return f"it is {_labels(labels)} ({share} of them)"

    out = [
        Finding(
            us_share,
            "of US statements use its most frequent frame",
            f"In the {us_n} US statements, {lead(us_top, us_share)}; in the {cn_n} Chinese statements, "
            f"{lead(cn_top, cn_share)}.",
            ("frame",),
            kind="share",
            uncertainty="shares of few statements: one statement moves a share by several points",
            test="count",
        )
    ]
    T = "framing_terms"
    terms = n.table(T)
    sig = lambda s: (("q", "<", FDR), ("z", ">" if s == "US" else "<", 0))  # noqa: E731
    n_us_sig = n.html(Spec(T, where=sig("US")), "int")
    n_cn_sig = n.html(Spec(T, where=sig("China")), "int")
    m = n.html(Spec(T), "int")
    up = (("z", False), ("term", True))
    down = (("z", True), ("term", True))
    _, us_term = escaped_label(n, Spec(T, column="term", agg="first", sort=up))
    us_z = n.html(Spec(T, column="z", agg="first", sort=up), "dec2")
    us_q = n.html(Spec(T, column="q", agg="first", sort=up), "dec2")
    _, cn_term = escaped_label(n, Spec(T, column="term", agg="first", sort=down))
    cn_z = n.html(Spec(T, column="z", agg="first", sort=down), "dec2")
    cn_q = n.html(Spec(T, column="q", agg="first", sort=down), "dec2")
    any_sig = bool((terms["q"] < FDR).any()) if len(terms) else False
    if any_sig:
        sentence = (
            f"{n_us_sig} words are distinctive of US statements and {n_cn_sig} of Chinese ones at a 5% false discovery "
            f"rate over the {m} words and word pairs compared (names left out); the strongest US lean is "
            f"\u201c{us_term}\u201d (z = {us_z}, q = {us_q}), the strongest Chinese \u201c{cn_term}\u201d (z = {cn_z}, q = {cn_q})."
        )
    else:
        sentence = (
            f"No word is distinctive of either side once the test is corrected for the {m} words and word pairs "
            f"compared (Benjamini\u2013Hochberg, q &lt; 0.05; names left out). The strongest leans, "
            f"\u201c{us_term}\u201d for the US (z = {us_z}, q = {us_q}) and \u201c{cn_term}\u201d for China "
            f"(z = {cn_z}, q = {cn_q}), could be chance."
        )
    out.append(
        Finding(
            n_us_sig,
            "words distinctive of US statements (q < 0.05)",
            sentence,
            ("word", "distinctive", "term", "vocabulary"),
            kind="distinctive",
            uncertainty=f"Benjamini-Hochberg q over {len(terms)} terms",
            test="Fightin' Words z (Monroe et al. 2008), two-sided p, Benjamini-Hochberg q < 0.05",
            supported=any_sig,
        )
    )
    return out


#: The four analyses of the brief: notebook number, title, and the function that writes its findings.
BRIEF_SECTIONS = (
    ("01", "How the outlets reported it", _compare_findings),
    ("02", "Who appears, and with whom", _network_findings),
    ("03", "What tone the speakers took", _sentiment_findings),
    ("04", "How the two governments framed it", _framing_findings),
)


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
    event = html.escape(event_name(n.corpus))
    built = build_date()
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Readout brief: {event}</title>
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
    """The event the corpus covers: the ``focus`` row of its events file (``events.csv``, the
    corpus folder's own first), else "the event these documents cover"."""
    path = codebook_path("events.csv", corpus)
    if path.is_file():
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


CLAIM_COLUMNS = ["section", "claim", "number", "kind", "uncertainty", "test", "supported"]


def claims_table(analyses: list[Analysis]) -> pd.DataFrame:
    """Every sentence the brief prints, with its number, its uncertainty and the test behind it.

    Columns (:data:`CLAIM_COLUMNS`): section (notebook number), claim (the sentence as plain
    text), number (the key figure as shown), kind (count, share, difference, distinctive),
    uncertainty, test, supported (for a difference or a distinctive term: whether its interval
    or corrected test supports it; the sentence's wording follows it). The brief is rendered
    from the same findings, and ``claims.csv`` is written beside it.
    """
    rows = []
    for a in analyses:
        for f in a.findings:
            rows.append(
                {
                    "section": a.prefix,
                    "claim": plain_text(f.sentence),
                    "number": plain_text(f.key),
                    "kind": f.kind,
                    "uncertainty": f.uncertainty,
                    "test": f.test,
                    "supported": "" if f.supported is None else f.supported,
                }
            )
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


#: words a sentence may use only when its interval or corrected test supports the claim
CLAIMING_WORDS = re.compile(
    r"\b(?:higher|lower|more (?:positive|negative)|most distinctive|are distinctive|is distinctive of)\b"
)
#: words a sentence must use when it does not
HEDGING_WORDS = re.compile(r"cannot be told apart|too few|No word is distinctive|could be chance")


def check_claims(claims: pd.DataFrame) -> list[str]:
    """Problems with the claims table: a difference or a distinctive term worded as a finding
    that its interval or corrected test does not support (or a supported one worded as none)."""
    problems = []
    for row in claims.itertuples(index=False):
        if row.kind not in ("difference", "distinctive"):
            continue
        supported = str(row.supported) == "True"
        claims_it = bool(CLAIMING_WORDS.search(row.claim)) and not HEDGING_WORDS.search(row.claim)
        if claims_it and not supported:
            problems.append(f"section {row.section}: claims what its test does not support: {row.claim}")
        if supported and HEDGING_WORDS.search(row.claim):
            problems.append(f"section {row.section}: a supported {row.kind} is worded as none: {row.claim}")
        if not supported and not HEDGING_WORDS.search(row.claim):
            problems.append(f"section {row.section}: an unsupported {row.kind} must say so: {row.claim}")
    return problems


def plain_text(fragment: str) -> str:
    """An HTML fragment of the brief as plain text."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def write_brief_page(out, analyses: list[Analysis], n: BriefNumbers, pages: dict[str, Path], corpus_label: str) -> Path:
    """Write ``out/brief.html`` and, beside it, ``out/claims.csv`` (:func:`claims_table`)."""
    target = Path(out) / "brief.html"
    target.write_text(render_brief(analyses, n, pages, corpus_label), encoding="utf-8")
    claims_table(analyses).to_csv(Path(out) / "claims.csv", index=False, lineterminator="\n")
    return target


def notebook_headings(prefix: str) -> list[tuple[int, str, str]]:
    """(level, id, text) of the headings of the analysis notebook ``prefix`` ("01"), with the ids
    JupyterLab and nbconvert give them (the text, spaces as hyphens)."""
    from readout.reports.notebook_io import list_notebooks, nbformat_module

    paths = [p for p in list_notebooks() if p.name.startswith(f"{prefix}-")]
    if not paths:
        return []
    nb = nbformat_module().read(paths[0], as_version=4)
    heads = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for match in re.finditer(r"^(#{1,4})\s+(.+?)\s*$", cell.source, re.M):
            text = plain_text(match.group(2)).replace("`", "").replace("*", "")
            heads.append((len(match.group(1)), text.replace(" ", "-"), text))
    return heads


def findings(corpus, prefix: str, tables: dict | None = None) -> list[Finding]:
    """The findings of the analysis notebook ``prefix`` ("01" ... "04"): the same :class:`Finding` s,
    numbers and tests the brief prints, for the notebook's own Findings section."""
    section = next((s for s in BRIEF_SECTIONS if s[0] == prefix), None)
    if section is None:
        raise KeyError(f"no findings for notebook {prefix!r}: the brief has sections {[s[0] for s in BRIEF_SECTIONS]}")
    return section[2](BriefNumbers(corpus, tables))


def findings_markdown(corpus, prefix: str, tables: dict | None = None) -> str:
    """A notebook's Findings section as Markdown: each finding's figure, its sentence, its uncertainty
    and a link to the section of the page that holds its evidence."""
    heads = notebook_headings(prefix)
    lines = []
    for f in findings(corpus, prefix, tables):
        anchor = next(
            (hid for word in f.anchors for level, hid, text in heads if level >= 2 and word.lower() in text.lower()),
            None,
        )
        sentence = plain_text(f.sentence).replace("*", "\\*").replace("_", "\\_")
        extra = f" *({f.uncertainty}.)*" if f.uncertainty and f.uncertainty not in sentence else ""
        link = f" [Evidence \u2193](#{anchor})" if anchor else ""
        lines.append(f"- **{plain_text(f.key)}** {f.key_label}. {sentence}{extra}{link}")
    return "\n".join(lines) if lines else "_No findings could be computed on this corpus._"
