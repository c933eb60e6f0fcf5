"""Sentiment with VADER (through nltk, offline), plain and with a diplomatic lexicon extension.

VADER (Hutto & Gilbert, ICWSM 2014) is a rule-based scorer tuned on social media. Its
lexicon has no entry for much of the vocabulary that carries tone in diplomacy
("constructive", "coercion", "interference"), so :data:`VARIANTS` offers two scorers:

* ``plain``: the stock VADER lexicon, as nltk loads it;
* ``diplomatic``: the same lexicon updated with ``data/diplomatic_lexicon.csv``
  (term, valence on VADER's −4…+4 scale, rationale).

:func:`nyt_benchmark` measures both on the NYT editorial snippets vendored in
``data/benchmarks/vader_nyt_editorials`` (Pearson r and 3-class accuracy; published
plain-VADER baseline r 0.50, accuracy 0.54). :func:`score_sentiment` scores every quote of
the ledger and every analysed sentence with both variants (the ``sentiment`` export).

No network: :func:`readout.nltk_setup.ensure_nltk_data` provisions the lexicon from the
vaderSentiment package before the analyser is built.

Scores are nltk's, bit for bit, computed faster (:mod:`readout.analysis.vader`): words are split
without nltk's quadratic look-up table, each distinct text is scored once, and the
``diplomatic`` variant re-scores only the texts holding one of its terms.
"""

from __future__ import annotations

import math
import re
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from readout.analysis.agreement import (
    cluster_bootstrap_diff_ci,
    cluster_bootstrap_mean_ci,
    interval_reading,
    pearson_r,
    three_class_accuracy,
)
from readout.analysis.quotes import extract_quotes
from readout.analysis.vader import build_analyzer, needs_extension
from readout.corpus.codebooks import codebook_path
from readout.corpus.model import ANALYSED_ROLES
from readout.nltk_setup import ensure_nltk_data
from readout.paths import DATA_DIR
from readout.text.quote_marks import QUOTE_MARKS_TO_ASCII

VARIANTS = ("plain", "diplomatic")


#: Published figures for plain VADER on the NYT editorial snippets (Hutto & Gilbert 2014,
#: vaderSentiment 3.3.2): Pearson r with the mean human rating, 3-class accuracy at ±0.05.
PUBLISHED_NYT = {"pearson_r": 0.50, "accuracy_3class": 0.54}


SENTIMENT_COLUMNS = [
    "unit",
    "unit_id",
    "article_id",
    "para_id",
    "sent_id",
    "start",
    "end",
    "text",
    "speaker",
    "speaker_side",
    "variant",
    "neg",
    "neu",
    "pos",
    "compound",
]


_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")


class SentimentError(RuntimeError):
    """Raised for an unknown variant or an unreadable lexicon or benchmark file."""


def lexicon_path(corpus=None) -> Path:
    """The diplomatic lexicon: ``corpus``'s own ``diplomatic_lexicon.csv`` if it has one, else ``data/``'s."""
    return codebook_path("diplomatic_lexicon.csv", corpus)


def benchmark_path() -> Path:

    return DATA_DIR / "benchmarks" / "vader_nyt_editorials" / "nytEditorialSnippets_GroundTruth.txt"


def load_diplomatic_lexicon(path: str | Path | None = None) -> pd.DataFrame:
    """The lexicon extension: columns term (lower case), valence (float in −4…4), rationale.

    Raises :class:`SentimentError` naming the file and line for a missing column, a
    duplicate term, a valence outside −4…4 or an empty rationale.
    """
    path = Path(path or lexicon_path())
    table = pd.read_csv(path, dtype={"term": str, "rationale": str})
    missing = {"term", "valence", "rationale"} - set(table.columns)
    if missing:
        raise SentimentError(f"{path} lacks column(s) {sorted(missing)}; expected term,valence,rationale")
    problems = []
    for i, row in enumerate(table.itertuples(index=False), start=2):  # line 1 is the header
        if not isinstance(row.term, str) or not row.term.strip():
            problems.append(f"{path}:{i}: empty term")
        if not -4 <= float(row.valence) <= 4:
            problems.append(f"{path}:{i}: valence {row.valence} outside VADER's -4..4 scale")
        if not isinstance(row.rationale, str) or not row.rationale.strip():
            problems.append(f"{path}:{i}: term {row.term!r} has no rationale")
    table["term"] = table["term"].str.strip().str.lower()
    dupes = table.loc[table["term"].duplicated(), "term"].tolist()
    if dupes:
        problems.append(f"{path}: duplicate terms {dupes}")
    if problems:
        raise SentimentError("\n".join(problems))
    table["valence"] = table["valence"].astype(float)
    return table[["term", "valence", "rationale"]]


@cache
def _analyzer(variant: str, lexicon_file: str):

    ensure_nltk_data()
    extension = None
    if variant == "diplomatic":
        table = load_diplomatic_lexicon(lexicon_file)
        extension = dict(zip(table["term"], table["valence"]))
    return build_analyzer(extension)


def analyzer(variant: str = "plain", lexicon: str | Path | None = None):
    """An nltk ``SentimentIntensityAnalyzer`` for ``variant`` (``plain`` or ``diplomatic``), cached.

    It is the subclass :func:`readout.analysis.vader.analyzer_class`: nltk's scores, bit for bit,
    with faster word splitting; ``extension_terms`` holds the terms the variant adds to
    the stock lexicon (none for ``plain``). Raises :class:`SentimentError` for an
    unknown variant or a bad lexicon file.

    >>> round(analyzer("plain").polarity_scores("The talks were constructive.")["compound"], 3)
    0.0
    >>> analyzer("diplomatic").polarity_scores("The talks were constructive.")["compound"] > 0
    True
    >>> sorted(analyzer("diplomatic").extension_terms)[:2], analyzer("plain").extension_terms
    (['coercion', 'coercive'], frozenset())
    """
    if variant not in VARIANTS:
        raise SentimentError(f"unknown sentiment variant {variant!r}; use one of {VARIANTS}")
    return _analyzer(variant, str(Path(lexicon or lexicon_path()).resolve()))


_SCORE_COLUMNS = ["neg", "neu", "pos", "compound"]


def distinct_scores(texts, variants=VARIANTS, lexicon: str | Path | None = None) -> dict[str, dict[str, dict]]:
    """VADER's scores of each distinct text, per variant: ``{variant: {text: scores}}``.

    ``scores`` is the dict nltk's ``polarity_scores`` returns (neg, neu, pos, compound).
    Each distinct text is split into tokens once and scored once with the stock lexicon;
    a variant with a lexicon extension re-scores only the texts with a token among its
    terms, since the others score the same (:func:`readout.analysis.vader.needs_extension`).
    Raises :class:`SentimentError` for an unknown variant.

    >>> scores = distinct_scores(["Constructive talks.", "Good talks.", "Good talks."])
    >>> [s["compound"] for s in scores["diplomatic"].values()], scores["plain"]["Constructive talks."]["compound"]
    ([0.3612, 0.4404], 0.0)
    """

    scorers = {variant: analyzer(variant, lexicon) for variant in variants}
    stock = analyzer("plain", lexicon)
    out: dict[str, dict[str, dict]] = {variant: {} for variant in variants}
    for text in dict.fromkeys(texts):
        sentitext = stock.sentitext(text)
        plain = None
        for variant, sia in scorers.items():
            if sia.extension_terms and needs_extension(sentitext, sia.extension_terms):
                out[variant][text] = sia.score_sentitext(sentitext, text)
            else:
                if plain is None:
                    plain = stock.score_sentitext(sentitext, text)
                out[variant][text] = plain
    return out


def _score_frame(scores: dict[str, dict], texts: list[str]) -> pd.DataFrame:
    return pd.DataFrame([scores[t] for t in texts], columns=_SCORE_COLUMNS)


def score_texts(texts, variant: str = "plain", lexicon: str | Path | None = None) -> pd.DataFrame:
    """VADER scores (neg, neu, pos, compound) for each text, in order.

    Equal to nltk's ``polarity_scores`` of ``str(text)``; a text repeated is scored once.
    Raises :class:`SentimentError` for an unknown variant.
    """
    texts = [str(t) for t in texts]
    return _score_frame(distinct_scores(texts, (variant,), lexicon)[variant], texts)


def load_nyt_benchmark(path: str | Path | None = None) -> pd.DataFrame:
    """The NYT editorial snippets: columns id, rating (mean human rating, −4…4), text."""
    path = Path(path or benchmark_path())
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for n, line in enumerate(fh, start=1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            parts = line.split("\t")
            if len(parts) < 3:
                raise SentimentError(f"{path}:{n}: expected id<TAB>rating<TAB>sentence")
            rows.append((parts[0], float(parts[1]), "\t".join(parts[2:])))
    return pd.DataFrame(rows, columns=["id", "rating", "text"])


def nyt_benchmark(variants=VARIANTS, path: str | Path | None = None, lexicon: str | Path | None = None) -> pd.DataFrame:
    """Agreement of VADER with human ratings on the NYT editorial snippets, per variant.

    Columns: variant, n, pearson_r (compound vs mean rating), accuracy_3class (rating/4
    and compound each cut at ±0.05), published_r, published_accuracy (plain VADER, from
    the paper's release; blank for other variants).
    """

    bench = load_nyt_benchmark(path)
    rows = []
    for variant in variants:
        compound = score_texts(bench["text"], variant, lexicon)["compound"].to_numpy()
        rows.append(
            dict(
                variant=variant,
                n=len(bench),
                pearson_r=pearson_r(compound, bench["rating"]),
                accuracy_3class=three_class_accuracy(bench["rating"] / 4, compound),
                published_r=PUBLISHED_NYT["pearson_r"] if variant == "plain" else float("nan"),
                published_accuracy=PUBLISHED_NYT["accuracy_3class"] if variant == "plain" else float("nan"),
            )
        )
    return pd.DataFrame(rows)


def nyt_split(ids) -> pd.Series:
    """``"tuning"`` or ``"held_out"`` for each NYT sentence id, fixed by a hash of the id.

    The split does not depend on the lexicon, the scores or the order of the file: a change
    to the diplomatic lexicon may be tried on the tuning half only, and its effect is read on
    the held-out half.
    """
    import hashlib

    def half(i: str) -> str:
        return "held_out" if hashlib.sha256(str(i).encode()).digest()[0] % 2 else "tuning"

    return pd.Series([half(i) for i in ids], index=getattr(ids, "index", None), dtype=str)


def nyt_held_out(
    path: str | Path | None = None, lexicon: str | Path | None = None, n_boot: int = 2000, seed: int = 0
) -> pd.DataFrame:
    """Both lexicons on the held-out half of the NYT benchmark (:func:`nyt_split`), with intervals.

    One row per measure (pearson_r, accuracy_3class): n, plain, diplomatic, diff (diplomatic
    minus plain), ci_low and ci_high (a paired percentile bootstrap over sentences: each draw
    resamples the same sentences for both lexicons), and n_changed, the held-out sentences whose
    score the extension changes at all.
    """
    bench = load_nyt_benchmark(path)
    held = bench[nyt_split(bench["id"]).to_numpy() == "held_out"].reset_index(drop=True)
    truth = held["rating"].to_numpy()
    plain = score_texts(held["text"], "plain", lexicon)["compound"].to_numpy()
    diplo = score_texts(held["text"], "diplomatic", lexicon)["compound"].to_numpy()
    measures = {
        "pearson_r": lambda p, t: pearson_r(p, t),
        "accuracy_3class": lambda p, t: three_class_accuracy(t / 4, p),
    }
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(held), size=(n_boot, len(held)))
    rows = []
    for name, f in measures.items():
        a, b = f(plain, truth), f(diplo, truth)
        diffs = np.array([f(diplo[d], truth[d]) - f(plain[d], truth[d]) for d in draws])
        low, high = np.quantile(diffs, [0.025, 0.975])
        rows.append(
            {
                "measure": name,
                "n": len(held),
                "plain": a,
                "diplomatic": b,
                "diff": b - a,
                "ci_low": float(low),
                "ci_high": float(high),
                "n_changed": int((plain != diplo).sum()),
            }
        )
    return pd.DataFrame(rows)


def score_sentiment(corpus, variants=VARIANTS, lexicon: str | Path | None = None) -> pd.DataFrame:
    """One row per scored unit and variant: every quote of the ledger and every analysed sentence.

    Columns (:data:`SENTIMENT_COLUMNS`): unit (quote or sentence), unit_id (quote_id, or
    ``<article_id>-s<sent_id>``), article_id, para_id, sent_id (nan for quotes), start,
    end (offsets into ``corpus.raw``), text, speaker and speaker_side (from the ledger;
    blank for sentences), variant, and VADER's neg, neu, pos and compound (each distinct
    text scored once per variant, see :func:`distinct_scores`).
    """

    def build() -> pd.DataFrame:
        quotes = extract_quotes(corpus)
        units = [
            pd.DataFrame(
                {
                    "unit": "quote",
                    "unit_id": quotes["quote_id"],
                    "article_id": quotes["article_id"],
                    "para_id": quotes["para_id"],
                    "sent_id": pd.NA,
                    "start": quotes["start"],
                    "end": quotes["end"],
                    "text": quotes["text"],
                    "speaker": quotes["speaker"],
                    "speaker_side": quotes["speaker_side"],
                }
            )
        ]
        sents = corpus.sentences[corpus.sentences["role"].isin(ANALYSED_ROLES)]
        units.append(
            pd.DataFrame(
                {
                    "unit": "sentence",
                    "unit_id": sents["article_id"] + "-s" + sents["sent_id"].astype(int).map("{:03d}".format),
                    "article_id": sents["article_id"],
                    "para_id": sents["para_id"],
                    "sent_id": sents["sent_id"],
                    "start": sents["start"],
                    "end": sents["end"],
                    "text": sents["text"],
                    "speaker": "",
                    "speaker_side": "",
                }
            )
        )
        base = pd.concat(units, ignore_index=True)
        texts = [str(t) for t in base["text"]]
        scores = distinct_scores(texts, variants, lexicon or lexicon_path(corpus))
        out = [pd.concat([base.assign(variant=v), _score_frame(scores[v], texts)], axis=1) for v in variants]
        table = pd.concat(out, ignore_index=True)[SENTIMENT_COLUMNS]
        table["sent_id"] = table["sent_id"].astype("Int64")
        return table

    key = f"sentiment:{','.join(variants)}:{lexicon or ''}"
    return corpus.cached(key, build).copy()


def distinct_quotes(scores: pd.DataFrame) -> pd.DataFrame:
    """The quote rows of ``scores`` with repeated copy counted once: the same words from the same
    speaker, printed by several outlets or twice in one article, keep their first row.

    Words are compared after folding case, quote marks, apostrophes, spaces and edge punctuation,
    so "We're" and "We’re" are one quotation. The unit of every table built on this is
    "distinct quotations".
    """
    quotes = scores[scores["unit"] == "quote"]
    if quotes.empty:
        return quotes.assign(copy_key=pd.Series(dtype=str))
    key = (
        quotes["text"]
        .astype(str)
        .str.translate(QUOTE_MARKS_TO_ASCII)
        .str.casefold()
        .str.replace(r"[^\w]+", " ", regex=True)
        .str.strip()
    )
    out = quotes.assign(copy_key=key)
    return out[~out.duplicated(["variant", "speaker", "copy_key"])]


def speaker_sentiment(scores: pd.DataFrame, by: str = "speaker", n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """Mean compound score of the distinct quotations per ``by`` (speaker or speaker_side) and
    variant, with a 95% interval from a cluster bootstrap over articles (fixed ``seed``).

    Columns: ``by``, variant, n (distinct quotations), n_articles, mean, ci_low, ci_high.
    Repeated copy counts once (:func:`distinct_quotes`). Quotations of one article are not
    independent, so the interval resamples articles
    (:func:`readout.analysis.agreement.cluster_bootstrap_mean_ci`); below
    :data:`readout.analysis.agreement.MIN_FOR_INTERVAL` distinct quotations, or from a single
    article, there is no interval (nan): too few to say.
    """
    quotes = distinct_quotes(scores)
    rows = []
    for key, group in quotes.groupby([by, "variant"], sort=True):
        mean, low, high = cluster_bootstrap_mean_ci(group["compound"], group["article_id"], n_boot=n_boot, seed=seed)
        rows.append(
            {
                by: key[0],
                "variant": key[1],
                "n": int(group["compound"].notna().sum()),
                "n_articles": int(group["article_id"].nunique()),
                "mean": mean,
                "ci_low": low,
                "ci_high": high,
            }
        )
    table = pd.DataFrame(rows, columns=[by, "variant", "n", "n_articles", "mean", "ci_low", "ci_high"])
    return table.sort_values(["variant", "n", by], ascending=[True, False, True], ignore_index=True)


def side_difference(
    scores: pd.DataFrame, variant: str, sides: tuple[str, str] = ("US", "China"), n_boot: int = 2000, seed: int = 0
) -> dict:
    """The difference of mean compound score between two sides' distinct quotations, with a
    cluster-bootstrap 95% interval over articles and how it may be worded.

    Returns a dict: side_a, side_b, n_a, n_b (distinct quotations), mean_a, mean_b, diff
    (a minus b), ci_low, ci_high, reading ("too few", "cannot be told apart", "higher" or
    "lower": :func:`readout.analysis.agreement.interval_reading`).
    """
    quotes = distinct_quotes(scores)
    quotes = quotes[quotes["variant"] == variant]
    a = quotes[quotes["speaker_side"] == sides[0]]
    b = quotes[quotes["speaker_side"] == sides[1]]
    diff, low, high = cluster_bootstrap_diff_ci(
        a["compound"], a["article_id"], b["compound"], b["article_id"], n_boot=n_boot, seed=seed
    )
    return {
        "side_a": sides[0],
        "side_b": sides[1],
        "n_a": len(a),
        "n_b": len(b),
        "mean_a": float(a["compound"].mean()) if len(a) else math.nan,
        "mean_b": float(b["compound"].mean()) if len(b) else math.nan,
        "diff": diff,
        "ci_low": low,
        "ci_high": high,
        "reading": interval_reading(low, high),
    }


def lexicon_coverage(texts, variants=VARIANTS, lexicon: str | Path | None = None) -> pd.DataFrame:
    """Share of word tokens VADER's lexicon knows, per variant.

    Tokens are runs of letters (with inner apostrophes and hyphens), lower-cased, as
    VADER looks them up. Columns: variant, tokens, known, coverage, types, known_types.
    """
    tokens = [t.lower().replace("’", "'") for text in texts for t in _TOKEN_RE.findall(str(text))]
    rows = []
    for variant in variants:
        lex = analyzer(variant, lexicon).lexicon
        known = [t for t in tokens if t in lex]
        rows.append(
            dict(
                variant=variant,
                tokens=len(tokens),
                known=len(known),
                coverage=len(known) / len(tokens) if tokens else float("nan"),
                types=len(set(tokens)),
                known_types=len(set(known)),
            )
        )
    return pd.DataFrame(rows)


def term_hits(texts, lexicon: str | Path | None = None) -> pd.DataFrame:
    """How often each diplomatic-lexicon term occurs in ``texts``, with its valence and
    the stock VADER valence (nan where VADER had none)."""
    extension = load_diplomatic_lexicon(lexicon)
    stock = analyzer("plain").lexicon
    counts: dict[str, int] = {}
    for text in texts:
        for token in _TOKEN_RE.findall(str(text)):
            token = token.lower().replace("’", "'")
            counts[token] = counts.get(token, 0) + 1
    table = extension.assign(
        occurrences=extension["term"].map(lambda t: counts.get(t, 0)),
        stock_valence=extension["term"].map(lambda t: stock.get(t, float("nan"))),
    )
    return table.sort_values(["occurrences", "term"], ascending=[False, True], ignore_index=True)
