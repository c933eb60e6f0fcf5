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

import re
from functools import cache
from pathlib import Path

import pandas as pd

from readout.analysis.agreement import (
    grouped_bootstrap,
    pearson_r,
    three_class_accuracy,
)
from readout.analysis.quotes import extract_quotes
from readout.analysis.vader import build_analyzer, needs_extension
from readout.corpus.codebooks import codebook_path
from readout.corpus.model import ANALYSED_ROLES
from readout.nltk_setup import ensure_nltk_data
from readout.paths import DATA_DIR

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
    (['candid', 'candidly'], frozenset())
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


def speaker_sentiment(scores: pd.DataFrame, by: str = "speaker", n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """Mean compound score of the quotes per ``by`` (speaker or speaker_side) and variant,
    with a percentile-bootstrap 95% interval (fixed ``seed``) and the number of quotes.

    Intervals from two or three quotes are wide and unstable; read ``n`` first.
    """

    quotes = scores[scores["unit"] == "quote"]
    table = grouped_bootstrap(quotes, [by, "variant"], "compound", n_boot=n_boot, seed=seed)
    return table.sort_values(["variant", "n", by], ascending=[True, False, True], ignore_index=True)


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
