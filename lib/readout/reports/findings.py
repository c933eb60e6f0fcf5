"""The findings of each analysis notebook: the sentences the brief prints and each notebook's Findings
section shows, every number computed from an exported table (:mod:`readout.reports.brief_query`)."""

from __future__ import annotations

import html
import re

import pandas as pd

from readout.analysis.fightin_words import FDR
from readout.analysis.sentiment import nyt_held_out, side_difference
from readout.reports.brief_query import BriefNumbers, Finding, Spec, escaped_label
from readout.reports.claims import plain_text
from readout.reports.display import md_escape
from readout.reports.notebook_io import list_notebooks, nbformat_module


def _compare_findings(n: BriefNumbers) -> list[Finding]:
    P = "outlet_profiles"
    sides = ("quoted_words_us", "quoted_words_china", "quoted_words_other")
    attributed = Spec(P, column=sides, agg="sum")
    us = n.html(Spec(P, column="quoted_words_us", agg="sum", over=attributed), "pct")
    cn = n.html(Spec(P, column="quoted_words_china", agg="sum", over=attributed), "pct")
    reports = n.html(Spec(P), "int")
    if not n.value(attributed):
        sentence = f"No quotation in the {reports} {_plural(n.value(Spec(P)), 'report')} has a speaker of either side."
    else:
        sentence = (
            f"US speakers supply {us} of the words quoted with an attributed speaker across the {reports} "
            f"{_plural(n.value(Spec(P)), 'report')}; Chinese speakers supply {cn}."
        )
    out = [Finding(us, "of attributed quoted words are US speakers'", sentence, ("voices", "side"))]
    passages = n.html(Spec("reuse"), "int")
    _, top = escaped_label(n, Spec(P, column="shared_share", agg="max", by="outlet", pick="idxmax"))
    top_share = n.html(Spec(P, column="shared_share", agg="max"), "pct")
    out.append(
        Finding(
            passages,
            "passages of shared wording",
            (
                f"{passages} passages of the same wording recur between reports; {top} has the largest share of "
                f"its words in shared passages ({top_share})."
                if n.value(Spec("reuse"))
                else f"No passage of the same wording recurs between reports ({passages} passages)."
            ),
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
    n_reports = _plural(n.value(Spec("articles")), "report")
    if len(n.table(M)):
        sentence = (
            f"{actor_html} is the most-named actor: {count} mentions, in {in_articles} of the {reports} {n_reports}."
        )
    else:
        sentence = f"No actor of the codebook is named in the {reports} {n_reports}."
    out = [Finding(count, "mentions of the most-named actor", sentence, ("who", "mention", "named"))]
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
            (
                f"The strongest tie is {a} with {b}: named in the same sentence {weight} times, in {arts} "
                f"{_plural(n.value(Spec(E, column='n_articles', agg='first', where=where, sort=order)), 'report')}."
                if (n.table(E)["window"] == "sentence").any()
                else "No two actors are named in the same sentence."
            ),
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
    scale = derived("\u22121 to +1", "VADER compound range")
    shown_interval = derived(interval, "side_difference: cluster bootstrap over articles")
    out = [
        Finding(
            us,
            "mean VADER score of distinct US quotations",
            f"Distinct US quotations average {us} on VADER's scale of {scale} ({n_us}); Chinese ones {cn} ({n_cn}): "
            f"{difference_words(diff['reading'], 'US', 'Chinese')} ({shown_interval}, resampling articles).",
            ("versus", "tone", "side"),
            kind="difference",
            uncertainty=interval,
            test=f"cluster bootstrap over articles, 2,000 draws; repeated copy counted once; lexicon: {why}",
            supported=diff["reading"] in ("higher", "lower"),
        )
    ]
    zero = n.html(Spec(S, where=(*quotes, ("compound", "==", 0)), over=Spec(S, where=quotes)), "pct")
    out.append(
        Finding(
            zero,
            "of quotes score exactly zero",
            f"{zero} of quotes score exactly zero: VADER knows none of their words, so zero often means "
            "\u201cnot measured\u201d, not \u201cneutral\u201d.",
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


def derived(text: str, source: str) -> str:
    """A number of the brief that is not a table recipe (an interval, a threshold, a date), marked
    with where it comes from; the claims table and its tests check these."""
    return f'<data class="derived" data-source="{html.escape(source)}">{html.escape(text)}</data>'


def _plural(count, word: str) -> str:
    """``word`` or its plural, for ``count`` (a number, or nan)."""
    return word if count == 1 else f"{word}s"


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
        if not labels:
            return "no statement carries a frame cue"
        if len(labels) > 1:
            return f"{_labels(labels)} tie at {share} each"
        return f"it is {_labels(labels)} ({share} of them)"

    def part(n_html: str, side: str, top: list[str], share: str) -> str:
        if not (frames["side"] == side).any() or not int(frames.loc[frames["side"] == side, "n_statements"].max()):
            return f"there are no {side} statements"
        return f"in the {n_html} {side} statements, {lead(top, share)}"

    out = [
        Finding(
            us_share,
            "of US statements use its most frequent frame",
            f"{part(us_n, 'US', us_top, us_share)[:1].upper()}{part(us_n, 'US', us_top, us_share)[1:]}; "
            f"{part(cn_n, 'China', cn_top, cn_share)}.",
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
    fdr = derived(str(FDR), "false discovery rate")
    any_sig = bool((terms["q"] < FDR).any()) if len(terms) else False
    if terms.empty:
        sentence = (
            "No word is distinctive of either side: the word comparison cannot run on this corpus, "
            "since one side has no attributed statements with words to compare."
        )
    elif any_sig:
        sentence = (
            f"{n_us_sig} words are distinctive of US statements and {n_cn_sig} of Chinese ones at a 5% false discovery "
            f"rate over the {m} words and word pairs compared (names left out); the strongest US lean is "
            f"\u201c{us_term}\u201d (z = {us_z}, q = {us_q}), the strongest Chinese \u201c{cn_term}\u201d (z = {cn_z}, q = {cn_q})."
        )
    else:
        sentence = (
            f"No word is distinctive of either side once the test is corrected for the {m} terms compared "
            f"(q &lt; {fdr}); the strongest leans, \u201c{us_term}\u201d for the US (z = {us_z}) and "
            f"\u201c{cn_term}\u201d for China (z = {cn_z}), could be chance."
        )
    out.append(
        Finding(
            n_us_sig,
            "words distinctive of US statements, by the corrected test",
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


def notebook_headings(prefix: str) -> list[tuple[int, str, str]]:
    """(level, id, text) of the headings of the analysis notebook ``prefix`` ("01"), with the ids
    JupyterLab and nbconvert give them (the text, spaces as hyphens)."""
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
        sentence = md_escape(plain_text(f.sentence))  # corpus words (outlets, actors) shown as text
        extra = f" *({f.uncertainty}.)*" if f.uncertainty and f.uncertainty not in sentence else ""
        link = f" [Evidence \u2193](#{anchor})" if anchor else ""
        lines.append(f"- **{plain_text(f.key)}** {f.key_label}. {sentence}{extra}{link}")
    return "\n".join(lines) if lines else "_No findings could be computed on this corpus._"
