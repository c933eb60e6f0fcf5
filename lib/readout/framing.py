"""How the two governments framed the trip: side statements, Fightin' Words, frames.

Four steps, each a small function returning a DataFrame:

1. :func:`side_statements` assembles what each government said, as the articles report
   it: quotations from the quote ledger (:func:`readout.quotes.extract_quotes`) and the
   attributed paraphrase around them ("Qin said Washington should ...", "according to a
   readout issued by China's foreign ministry", "the State Department said"). Each piece
   keeps its article, offsets and kind (``quote`` or ``paraphrase``). Shared wire copy and
   the same line carried by several outlets are counted once (``counted``).
2. :func:`fightin_words` scores every term of the two sides' vocabulary with the
   log-odds ratio with an informative Dirichlet prior of Monroe, Colaresi & Quinn (2008),
   "Fightin' Words: Lexical Feature Selection and Evaluation for Identifying the Content
   of Political Conflict", *Political Analysis* 16(4): 372-403. Positive z = more US.
3. :func:`code_frames` codes every statement against the frame codebook
   ``data/frames.csv`` (Policy Frames Codebook dimensions of Boydstun, Card, Gross,
   Resnik & Smith 2014, plus diplomacy sub-frames), :func:`frames_by_side` gives the
   shares, :func:`frame_agreement` compares with the hand coding in
   ``data/annotations/frames.csv`` (Cohen's kappa, :func:`cohen_kappa`).
4. :func:`topic_alignment` says which agenda topics (``data/topics.csv``) each side raised.

The model (Monroe et al. 2008, section 3.5)
    For term *w*, side *i* (US) and side *j* (China), with counts ``y_w^i``, totals
    ``n^i = sum_w y_w^i``, prior pseudo-counts ``alpha_w`` and ``alpha_0 = sum_w alpha_w``::

        delta_w = log((y_w^i + alpha_w) / (n^i + alpha_0 - y_w^i - alpha_w))
                - log((y_w^j + alpha_w) / (n^j + alpha_0 - y_w^j - alpha_w))
        var_w   ~ 1 / (y_w^i + alpha_w) + 1 / (y_w^j + alpha_w)        (variance="paper")
        z_w     = delta_w / sqrt(var_w)

    ``variance="paper"`` is the paper's two-term approximation (the default here);
    ``variance="full"`` adds the two remaining terms
    ``1 / (n^i + alpha_0 - y_w^i - alpha_w) + 1 / (n^j + alpha_0 - y_w^j - alpha_w)``, the
    form scattertext uses. The prior is informative: ``alpha_w = alpha_0 * b_w / sum_v b_v``
    where ``b_w`` is the term's count in the whole corpus (every analysed sentence, shared
    copy once), summed over the compared vocabulary ``V`` (terms either side used). So
    ``sum of the exported prior column == alpha_0`` and every exported z can be recomputed
    from the exported counts and priors alone.
"""

from __future__ import annotations

import html
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

#: The two sides compared, in the order of the log-odds ratio (positive z = first side).
SIDES: tuple[str, str] = ("US", "China")

#: Default prior strength alpha_0 (pseudo-tokens). See :func:`fightin_words`.
DEFAULT_ALPHA0: float = 100.0

#: English function words and the journalist's reporting vocabulary, left out of the
#: compared vocabulary. Monroe et al. keep function words, but on a few hundred words
#: they swamp the list; reporting verbs ("said", "according") and dates ("Wednesday")
#: are the reporter's words, not the government's, and paraphrase carries more of them
#: than quotation does. ("May" stays out of the month list: it is also a verb.)
STOPWORDS: frozenset[str] = frozenset(
    """
    a about above after again against all also am an and any are aren't as at be because
    been before being below between both but by can can't cannot could couldn't did didn't
    do does doesn't doing don't down during each either even ever every few for from further
    had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself
    him himself his how how's however i i'd i'll i'm i've if in into is isn't it it's its
    itself just let's may me might more most much must mustn't my myself neither no nor not
    now of off on once one only or other ought our ours ourselves out over own per rather
    same shall shan't she she'd she'll she's should shouldn't so some such than that that's
    the their theirs them themselves then there there's these they they'd they'll they're
    they've this those though through thus to too under until up upon us very via was wasn't
    we we'd we'll we're we've were weren't what what's when when's where where's whether which
    while who who's whom whose why why's will with within without won't would wouldn't yet
    you you'd you'll you're you've your yours yourself yourselves it'll that'll there'll
    said says say saying told tell tells telling added adding according stated stating
    noted asked urged stressed explained reiterated called
    monday tuesday wednesday thursday friday saturday sunday yesterday today tonight
    january february march april june july august september october november december
    """.split()
)

_APOS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
# Upper-case US / U.S. / U.S.A. are the country; lower-case "us" is the pronoun.
_COUNTRY_US = re.compile(r"(?<![A-Za-z.])(?:U\.S\.A\.|U\.S\.|US|USA)(?![A-Za-z])")
_US_MARK = "zzcountryuszz"  # placeholder that survives punctuation splitting
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Characters that end a bigram run: punctuation between words breaks the phrase.
_BREAK = re.compile(r"[,.;:!?()\[\]\"\u201c\u201d\u2014\u2013]|\s-\s|'\s|\s'")


def tokenize(text: str) -> list[list[str]]:
    """Split ``text`` into runs of lower-case word tokens, broken at punctuation.

    ``U.S.``/``US`` become the token ``u.s.`` (upper case only, so the pronoun "us"
    stays a stopword), possessive ``'s`` is dropped, hyphenated words split. Each inner
    list is a run inside which bigrams are formed.

    >>> tokenize("Qin said the U.S. should stop interfering in China's internal affairs.")
    [['qin', 'said', 'the', 'u.s.', 'should', 'stop', 'interfering', 'in', 'china', 'internal', 'affairs']]
    >>> tokenize("sovereignty, security and development")
    [['sovereignty'], ['security', 'and', 'development']]
    """
    text = _COUNTRY_US.sub(f" {_US_MARK} ", text.translate(_APOS))
    runs = []
    for chunk in _BREAK.split(text.lower()):
        toks = _TOKEN.findall(chunk.replace("-", " "))
        if not toks:
            continue
        toks = [t[:-2] if t.endswith("'s") else t for t in toks]  # never empty: a token starts with [a-z0-9]
        if _US_MARK in chunk:
            toks = ["u.s." if t == _US_MARK else t for t in toks]
        runs.append(toks)
    return runs


def _check_order(order: int) -> None:
    """Terms are unigrams (order 1) or bigrams (order 2); ValueError otherwise."""
    if order not in (1, 2):
        raise ValueError(f"order must be 1 or 2, not {order!r}")


def terms(text: str, order: int = 1, stopwords: Iterable[str] = STOPWORDS) -> list[str]:
    """The terms of ``text``: unigrams (``order=1``) or bigrams (``order=2``).

    Unigrams drop stopwords and bare numbers. Bigrams are pairs of adjacent tokens inside a
    punctuation-free run where neither token is a stopword or a number (so "lines of
    communication" gives no bigram, "open lines" does).

    >>> terms("Stop interfering in China's internal affairs", 2)
    ['stop interfering', 'china internal', 'internal affairs']
    """
    _check_order(order)
    return _terms_of_runs(tokenize(text), stopwords)[order - 1]


def _terms_of_runs(runs: list[list[str]], stopwords: Iterable[str] = STOPWORDS) -> tuple[list[str], list[str]]:
    """(unigrams, bigrams) of tokenised runs (see :func:`terms`): both orders from one tokenisation."""
    stop = stopwords if isinstance(stopwords, (set, frozenset)) else frozenset(stopwords)
    unigrams: list[str] = []
    bigrams: list[str] = []
    for run in runs:
        keep = [t not in stop and not t.isdigit() for t in run]
        unigrams.extend([t for t, k in zip(run, keep) if k])
        bigrams.extend([f"{a} {b}" for a, b, ka, kb in zip(run, run[1:], keep, keep[1:]) if ka and kb])
    return unigrams, bigrams


def count_terms(texts: Iterable[str], order: int = 1) -> Counter:
    """Term counts over ``texts`` (see :func:`terms`)."""
    c: Counter = Counter()
    for t in texts:
        c.update(terms(t, order))
    return c


# ---------------------------------------------------------------------------------------
# The log-odds ratio with an informative Dirichlet prior
# ---------------------------------------------------------------------------------------


def log_odds_dirichlet(
    counts_i: dict,
    counts_j: dict,
    background: dict,
    alpha0: float = DEFAULT_ALPHA0,
    variance: str = "paper",
) -> pd.DataFrame:
    """Monroe et al. (2008) log-odds ratio of side *i* over side *j*, informative prior.

    ``counts_i``/``counts_j`` map term -> count; the vocabulary is every term with a
    positive count on either side. ``background`` maps term -> count in the corpus the
    prior is taken from; ``alpha_w = alpha0 * b_w / sum_{v in V} b_v``. A term missing from
    the background gets ``b_w = y_w^i + y_w^j`` (its own count) so no prior is zero.
    ``variance`` is ``"paper"`` (two-term approximation) or ``"full"`` (four terms).

    Returns a DataFrame sorted by z (descending) with columns term, n_i, n_j, prior,
    delta, var, z. Raises ValueError if either side is empty or ``alpha0 <= 0``.

    >>> t = log_odds_dirichlet({"a": 2, "b": 1}, {"b": 2}, {"a": 1, "b": 3}, alpha0=4)
    >>> t[["term", "prior"]].values.tolist()
    [['a', 1.0], ['b', 3.0]]
    >>> round(float(t.z.iloc[0]), 6)   # log(15/4) / sqrt(1/3 + 1/1)
    1.144674
    """
    if alpha0 <= 0:
        raise ValueError(f"alpha0 must be positive, got {alpha0!r}")
    if variance not in ("paper", "full"):
        raise ValueError(f"variance must be 'paper' or 'full', not {variance!r}")
    vocab = sorted({w for w, n in counts_i.items() if n > 0} | {w for w, n in counts_j.items() if n > 0})
    if not vocab:
        raise ValueError("both sides are empty: nothing to compare")
    yi = np.array([counts_i.get(w, 0) for w in vocab], dtype=float)
    yj = np.array([counts_j.get(w, 0) for w in vocab], dtype=float)
    if yi.sum() == 0 or yj.sum() == 0:
        raise ValueError("one side has no terms: the log-odds ratio needs text on both sides")
    b = np.array([background.get(w, 0) for w in vocab], dtype=float)
    b = np.where(b > 0, b, yi + yj)
    a = alpha0 * b / b.sum()
    a0 = a.sum()
    ni, nj = yi.sum(), yj.sum()
    delta = np.log((yi + a) / (ni + a0 - yi - a)) - np.log((yj + a) / (nj + a0 - yj - a))
    var = 1.0 / (yi + a) + 1.0 / (yj + a)
    if variance == "full":
        var = var + 1.0 / (ni + a0 - yi - a) + 1.0 / (nj + a0 - yj - a)
    z = delta / np.sqrt(var)
    out = pd.DataFrame({"term": vocab, "n_i": yi.astype(int), "n_j": yj.astype(int), "prior": a,
                        "delta": delta, "var": var, "z": z})
    return out.sort_values(["z", "term"], ascending=[False, True], ignore_index=True)


def recompute_z(table: pd.DataFrame, variance: str = "paper", i: str = "n_us", j: str = "n_china") -> pd.Series:
    """Recompute z from a table's counts and priors alone (one model: one ``order``).

    Totals ``n^i``, ``n^j`` and ``alpha_0`` are the column sums. Used to check an export
    against the formula in the module docstring.
    """
    yi, yj, a = table[i].astype(float), table[j].astype(float), table["prior"].astype(float)
    ni, nj, a0 = yi.sum(), yj.sum(), a.sum()
    delta = np.log((yi + a) / (ni + a0 - yi - a)) - np.log((yj + a) / (nj + a0 - yj - a))
    var = 1 / (yi + a) + 1 / (yj + a)
    if variance == "full":
        var = var + 1 / (ni + a0 - yi - a) + 1 / (nj + a0 - yj - a)
    return delta / np.sqrt(var)


def prior_sweep(
    counts_i: dict,
    counts_j: dict,
    background: dict,
    alphas: Sequence[float] = (1, 3, 10, 30, 100, 300, 1000),
    top: int = 20,
    reference: float = DEFAULT_ALPHA0,
    variance: str = "paper",
) -> pd.DataFrame:
    """How the top terms move with the prior strength ``alpha_0``.

    One row per ``alpha0`` and side (``i``: highest z, ``j``: lowest z): the ``top`` terms
    in order, and ``overlap``, the share of them also among the top at ``reference``.
    """
    def tops(alpha0):
        t = log_odds_dirichlet(counts_i, counts_j, background, alpha0, variance)
        return list(t.term[:top]), list(t.term[::-1][:top])

    ref_i, ref_j = tops(reference)
    rows = []
    for a in alphas:
        ti, tj = tops(a)
        for side, got, ref in (("i", ti, ref_i), ("j", tj, ref_j)):
            rows.append({"alpha0": float(a), "side": side, "overlap": len(set(got) & set(ref)) / max(len(ref), 1),
                         "terms": got})
    return pd.DataFrame(rows)


def leave_one_out(
    texts_i: Sequence[str],
    texts_j: Sequence[str],
    background: dict,
    order: int = 1,
    alpha0: float = DEFAULT_ALPHA0,
    top: int = 20,
    variance: str = "paper",
) -> pd.DataFrame:
    """Stability of the top terms when one statement at a time is left out.

    Refits the model once per statement (of either side) with that statement removed.
    Returns one row per term that is in the full model's top ``top`` of its side: term,
    side (``i``/``j``), rank in the full model, ``kept`` (share of refits in which it stays
    in its side's top ``top``) and ``worst_rank`` (its lowest rank over the refits).
    """
    per_i = [count_terms([t], order) for t in texts_i]
    per_j = [count_terms([t], order) for t in texts_j]
    tot_i, tot_j = sum(per_i, Counter()), sum(per_j, Counter())

    def ranked(ci, cj):
        t = log_odds_dirichlet(ci, cj, background, alpha0, variance)
        return {"i": list(t.term), "j": list(t.term[::-1])}

    full = ranked(tot_i, tot_j)
    runs = []
    for c in per_i:
        rest = tot_i - c
        if rest:
            runs.append(ranked(rest, tot_j))
    for c in per_j:
        rest = tot_j - c
        if rest:
            runs.append(ranked(tot_i, rest))
    rows = []
    for side in ("i", "j"):
        for rank, term in enumerate(full[side][:top], start=1):
            # a term gone from the vocabulary (its only statement left out) ranks last
            ranks = [r[side].index(term) + 1 if term in r[side] else len(r[side]) + 1 for r in runs]
            rows.append({"term": term, "side": side, "rank": rank,
                         "kept": float(np.mean([x <= top for x in ranks])) if ranks else float("nan"),
                         "worst_rank": max(ranks) if ranks else rank})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------
# Cue terms (the syntax of data/frames.csv and data/topics.csv)
# ---------------------------------------------------------------------------------------


def cue_pattern(cues: str | Iterable[str]) -> re.Pattern | None:
    """Compile cue terms into one case-insensitive regular expression.

    ``cues`` is a ``;``-separated string or a list. Each cue follows the project's one cue
    grammar, :func:`readout.compare.cue_pattern` (the topic codebook's): whole words, a
    trailing ``*`` matches any ending (``communicat*``), a hyphen also matches a space or
    nothing, straight and curly apostrophes are the same. Longer cues win over their
    prefixes. Returns None when there is no cue.

    >>> p = cue_pattern("internal affairs; interfer*")
    >>> [m.group(0) for m in p.finditer("stop interfering in China's internal affairs")]
    ['interfering', 'internal affairs']
    """
    from readout.compare import cue_pattern as one_cue

    if isinstance(cues, str):
        cues = cues.split(";")
    # longest first; cues of one length keep the codebook's order (a set's order would change
    # from run to run with string hashing, and with it which of two such cues matches)
    cues = sorted(dict.fromkeys(c.strip() for c in cues if c and c.strip()), key=len, reverse=True)
    parts = [one_cue(c).pattern for c in cues]
    if not parts:
        return None
    return re.compile(_first_letters(cues) + "|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


def _first_letters(cues: Iterable[str]) -> str:
    """A lookahead for the letters cues can start with, or "" when a cue starts otherwise.

    Every cue pattern begins with its first character, so a position holding none of them
    fails at once instead of trying each alternative (the matches are the same).
    """
    firsts = set()
    for cue in cues:
        first = cue.lstrip()[:1]
        if not first.isalnum():
            return ""
        firsts.add(first.lower())
    return "(?=[" + "".join(re.escape(ch) for ch in sorted(firsts)) + "])" if firsts else ""


def find_cues(text: str, pattern: re.Pattern | None, exclude: re.Pattern | None = None) -> list[tuple[int, int, str]]:
    """(start, end, matched text) of every cue in ``text``; spans inside an ``exclude`` match drop."""
    if pattern is None or not text:
        return []
    blocked = [(m.start(), m.end()) for m in exclude.finditer(text)] if exclude is not None else []
    out = []
    for m in pattern.finditer(text):
        if any(s <= m.start() and m.end() <= e for s, e in blocked):
            continue
        out.append((m.start(), m.end(), m.group(0)))
    return out


# ---------------------------------------------------------------------------------------
# Agreement
# ---------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------
# Codebooks
# ---------------------------------------------------------------------------------------

FRAME_COLUMNS = ["frame", "label", "family", "pfc_dimension", "definition", "cue_terms"]


def _codebook_path(name: str, corpus=None) -> Path:
    """``name`` from the corpus folder if it has its own copy, else from the project's data/."""
    from readout.paths import DATA_DIR

    folder = getattr(corpus, "folder", None)
    if folder is not None and (Path(folder) / name).exists():
        return Path(folder) / name
    return DATA_DIR / name


def load_frames(path: str | Path | None = None, corpus=None) -> pd.DataFrame:
    """The frame codebook (``data/frames.csv``, or the corpus folder's own ``frames.csv``).

    Columns: frame (id), label, family ("Policy Frames Codebook" or "Diplomacy sub-frame"),
    pfc_dimension (Boydstun et al. 2014 dimension number and name, blank for sub-frames),
    definition, cue_terms (``;``-separated, ``*`` = any ending; see :func:`cue_pattern`).
    Raises ValueError naming the file and what is wrong.
    """
    path = Path(path) if path else _codebook_path("frames.csv", corpus)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in FRAME_COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}; expected {', '.join(FRAME_COLUMNS)}")
    dup = table["frame"][table["frame"].duplicated()].tolist()
    if dup:
        raise ValueError(f"{path}: frame id(s) {', '.join(dup)} appear more than once")
    empty = table.index[table["cue_terms"].str.strip() == ""].tolist()
    if empty:
        raise ValueError(f"{path}: line(s) {', '.join(str(i + 2) for i in empty)} have no cue_terms")
    return table


def load_topics(path: str | Path | None = None, corpus=None) -> pd.DataFrame:
    """The agenda-topic codebook (:func:`readout.compare.load_topics`), the corpus folder's own if present."""
    from readout.compare import load_topics as read_topics

    return read_topics(Path(path) if path else _codebook_path("topics.csv", corpus))


# ---------------------------------------------------------------------------------------
# Side statements: quotations and attributed paraphrase
# ---------------------------------------------------------------------------------------

#: Reporting verbs (and "according to") that mark an attributed statement.
REPORTING_CUES = (
    "said", "says", "say", "told", "tells", "added", "adds", "stressed", "stresses", "urged", "urges",
    "asked", "asks", "explained", "reiterated", "acknowledged", "acknowledging", "warned", "warns",
    "noted", "expressed", "criticized", "criticised", "denied", "insisted", "argued", "announced",
    "accused", "demanded", "emphasized", "emphasised", "characterized", "characterised",
    "downplayed", "played down", "indicated", "cautioned", "stated", "hopes", "according to",
)
_CUE_RX = re.compile(r"(?<![\w'\u2019-])" + _first_letters(REPORTING_CUES) + "(?:" + "|".join(re.escape(c).replace(r"\ ", r"\s+")
                                                    for c in sorted(REPORTING_CUES, key=len, reverse=True))
                     + r")(?![\w'\u2019-])", re.IGNORECASE)
#: Speakers whose codebook role matches this are not their government's voice
#: (members of Congress and their committees criticise the administration).
LEGISLATIVE_ROLES = r"(?<!White )\b(?:House|Senate|Congress|congressional|lawmakers?|legislat\w*|Republican|Democrat\w*)\b"
_PREPOSITIONS = {"on", "in", "at", "during", "before", "after", "ahead", "while", "when", "from", "to",
                 "as", "via", "through", "with", "without", "for", "last", "earlier", "later", "by"}
_TIME_WORDS = r"(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|earlier|later)\b"
_TITLE_WORDS = {"of", "for", "and", "the", "on", "spokesperson", "spokesman", "spokeswoman", "minister",
                "secretary", "assistant", "coordinator", "director", "adviser", "advisor", "official",
                "officials", "senior", "deputy", "foreign", "state", "councilor", "councillor", "chairman",
                "chair", "president", "general", "affairs", "defense", "defence", "top", "diplomat"}
_QUOTE_CHARS = "\"\u201c\u201d\u2018\u2019'"
_PRONOUN_RX = re.compile(r"(?<![\w])(he|she|they)(?![\w])", re.IGNORECASE)
_OFFICIAL_RX = re.compile(r"(?<![\w])(?:the|a|an|one)\s+(?:[\w.-]+\s+){0,3}?(officials?)(?![\w])", re.IGNORECASE)
_BOUNDARY = re.compile(r"[,;:\u2014\u2013(\"\u201c\u201d]|\s-\s")

PIECE_COLUMNS = ["piece_id", "statement_id", "side", "article_id", "outlet", "para_id", "sent_id", "start", "end",
                 "kind", "text", "speaker", "cue", "source", "copy_group", "counted", "duplicate_of"]


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'\u2019]+", text)


def _quote_spans(corpus) -> tuple[pd.DataFrame, str]:
    """Quotation spans: the quote ledger, or an interim quotation-mark finder if it is missing."""
    try:
        from readout.quotes import extract_quotes
    except ImportError:  # the quote ledger (readout.quotes) is not installed: interim finder
        return _interim_quotes(corpus), "interim"
    q = extract_quotes(corpus)
    return q, "ledger"


def _interim_quotes(corpus) -> pd.DataFrame:
    """INTERIM, used only without ``readout.quotes``: quotation-mark spans, no speakers."""
    rows = []
    rx = re.compile(r"\u201c([^\u201d]+)\u201d|\"([^\"]+)\"|(?<![\w])\u2018([^\u2019]+?)\u2019(?![\w])")
    for aid, text in corpus.raw.items():
        for m in rx.finditer(text):
            g = next(i for i in (1, 2, 3) if m.group(i) is not None)
            rows.append({"article_id": aid, "start": m.start(g), "end": m.end(g), "text": m.group(g),
                         "speaker": None, "speaker_side": "Unknown", "cue": None, "attribution": "none"})
    return pd.DataFrame(rows, columns=["article_id", "start", "end", "text", "speaker", "speaker_side", "cue",
                                       "attribution"])


def _speaker_table(corpus) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Mentions (with pronouns) joined to the codebook's actor role description."""
    from readout.actors import find_mentions, load_codebook

    mentions = find_mentions(corpus, pronouns=True)
    book = load_codebook(corpus=corpus)[["actor", "role"]].rename(columns={"role": "actor_role"})
    return mentions.merge(book, on="actor", how="left"), book


def _extend_title(s: str, start: int) -> int:
    """Move ``start`` back over a title printed before a name ("Foreign Minister Qin Gang")."""
    head = s[:start]
    cut = max([m.end() for m in _BOUNDARY.finditer(head)] + [0])
    words = _words(head[cut:])
    if words and all(w[0].isupper() or w.lower() in _TITLE_WORDS for w in words):
        return cut + (len(head[cut:]) - len(head[cut:].lstrip()))
    return start


def _clause_end(s: str, pos: int) -> int:
    m = re.compile(r"[,;\u2014\u2013]|[.!?][\"\u201d\u2019]?\s*$").search(s, pos)
    return m.start() if m else len(s)


def _attribute_sentence(s: str, quotes: list[tuple[int, int]], mentions: list[dict]):
    """Find the attribution of sentence ``s`` (offsets relative to the sentence).

    Returns (speaker mention or a pronoun marker, cue text, attribution spans, content
    region) or None. ``mentions`` are dicts with start, end (relative), actor, side, kind.
    """
    def in_quote(a, b):
        return any(qs <= a and b <= qe for qs, qe in quotes)

    cues = [m for m in _CUE_RX.finditer(s) if not in_quote(m.start(), m.end())]
    if not cues:
        return None
    for cue in cues:
        ctext = cue.group(0).lower()
        speaker = None
        if not ctext.startswith("according"):
            before = [m for m in mentions if m["end"] <= cue.start() and not m.get("in_title")]
            if before:
                m = before[-1]
                gap = s[m["end"]:cue.start()]
                if len(_words(gap)) <= 14 and not any(ch in gap for ch in "\u201c\u201d\"") and \
                        not _CUE_RX.search(gap):
                    speaker = m
            if speaker is None:
                # a pronoun or an unnamed official right before the cue ("he said", "the senior official said")
                p = list(_PRONOUN_RX.finditer(s[:cue.start()])) + list(_OFFICIAL_RX.finditer(s[:cue.start()]))
                p = [x for x in p if not _words(s[x.end():cue.start()])]
                if p:
                    word = p[0].group(1).lower()
                    speaker = {"pronoun": word if word in ("he", "she", "they") else "they",
                               "start": p[0].start(), "end": p[0].end()}
        if speaker is None:
            after = [m for m in mentions if m["start"] >= cue.end()]
            if after and len(_words(s[cue.end():after[0]["start"]])) <= 5:
                speaker = after[0]
        if speaker is None:
            continue
        inverted = speaker["start"] >= cue.end()
        if inverted:
            a0, a1 = cue.start(), _clause_end(s, speaker["end"])
        else:
            a0, a1 = _extend_title(s, speaker["start"]), cue.end()
        return speaker, ctext, (a0, a1), inverted
    return None


def _content_region(s: str, a0: int, a1: int, inverted: bool, cue: str) -> list[tuple[int, int]]:
    """The part of the sentence that reports what was said, given the attribution span [a0, a1)."""
    btxt = s[:a0]
    start_after = a1
    # a leading time word after the cue ("said Friday his goals ...") is not content
    lead = re.match(r"\s*,?\s*" + _TIME_WORDS + r"\s*,?", s[start_after:], re.IGNORECASE)
    if lead:
        start_after += lead.end()
    atxt = s[start_after:]
    aw = _words(atxt)
    first = aw[0].lower() if aw else ""
    if first in _PREPOSITIONS or cue in ("told", "tells", "asked", "asks", "urged", "urges"):
        m = re.search(r"(?<![\w])that(?![\w])", atxt)
        if m and len(_words(atxt[:m.start()])) <= 10:
            # "told reporters during a briefing that ..." / "said in the same call that ...": start at "that"
            start_after += m.end()
        elif cue in ("told", "tells"):
            # "told reporters yesterday, - ..." / "told a news conference at NATO.": the listener is attribution
            start_after += _clause_end(atxt, 0)
        atxt = s[start_after:]
        aw = _words(atxt)
        first = aw[0].lower() if aw else ""
    # content after the cue stops at a dash: what follows is the reporter's aside
    dash = _aside_dash(atxt)
    end_after = start_after + dash if dash is not None else len(s)
    before, after = (0, a0), (start_after, end_after)
    b_ok = len(_words(btxt)) >= 3 and btxt.rstrip().endswith(tuple(",\u201d\"\u2019'\u2014-"))
    a_open = atxt.lstrip().startswith((",", "\u2014", "\u2013", "-"))
    if b_ok and btxt.rstrip().endswith(",") and a_open and len(aw) >= 3:
        return [before, after]  # parenthetical attribution: "..., they say, has confounded ..."
    a_ok = len(aw) > 0 and first not in _PREPOSITIONS and not atxt.lstrip().startswith((",", ".", ";"))
    if b_ok and a_ok:
        return [before] if len(_words(btxt)) > len(aw) else [after]
    if b_ok:
        return [before]
    if a_ok:
        return [after]
    return []


_WORD_CHAR = re.compile(r"\w")
_SPACED_DASH = re.compile(r"\s[\u2014\u2013]\s")


def _aside_dash(text: str) -> int | None:
    """Where ``re.search(r"\\w.*?(\\s[—–]\\s)", text)`` finds its group, in linear time.

    The first spaced dash after a word character with no line break between them (``.``
    does not cross one); None when there is none.

    >>> _aside_dash("a — b"), _aside_dash(" — a — b"), _aside_dash("a\\n — b — c"), _aside_dash("— a")
    (1, 4, 6, None)
    """
    pos = 0
    while True:
        word = _WORD_CHAR.search(text, pos)
        if word is None:
            return None
        dash = _SPACED_DASH.search(text, word.start() + 1)
        if dash is None:
            return None
        newline = text.find("\n", word.start() + 1, dash.start())
        if newline < 0:
            return dash.start()
        pos = newline + 1  # a word before the line break cannot reach a dash past it


def _subtract(region: tuple[int, int], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = [region]
    for hs, he in sorted(holes):
        nxt = []
        for s0, e0 in out:
            if he <= s0 or hs >= e0:
                nxt.append((s0, e0))
                continue
            if hs > s0:
                nxt.append((s0, hs))
            if he < e0:
                nxt.append((he, e0))
        out = nxt
    return out


def _trim(s: str, a: int, b: int) -> tuple[int, int]:
    strip = " \t\n,;:.\u2014\u2013-()[]" + _QUOTE_CHARS
    while a < b and s[a] in strip:
        a += 1
    while b > a and s[b - 1] in strip:
        b -= 1
    return a, b


def _norm_words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().translate(_APOS).replace("'", ""))


def side_statements(
    corpus,
    *,
    sides: Sequence[str] = SIDES,
    exclude_roles: str | None = LEGISLATIVE_ROLES,
    paraphrase_roles: Sequence[str] = ("body",),
    dedupe_share: float = 0.8,
) -> pd.DataFrame:
    """What each government said, as reported: one row per quoted or paraphrased piece.

    Quotations come from the quote ledger (:func:`readout.quotes.extract_quotes`), kept when
    the speaker's side is one of ``sides``. Paraphrase is found in sentences of
    ``paraphrase_roles`` that carry a reporting cue (:data:`REPORTING_CUES`: "said",
    "told", "urged", "according to" ...) tied to an actor mention
    (:func:`readout.actors.find_mentions`): the nearest mention before the cue (titles and
    appositives in between are allowed), a pronoun right before it ("he said", resolved to
    the article's last speaker of that kind), or a mention just after it ("said Jessica
    Chen Weiss", "according to China's foreign ministry"). The side is the attributed
    actor's side in the codebook. The paraphrase is the part of the sentence that reports
    the statement (what follows "X said ...", or what precedes "..., X said"), minus the
    attribution, minus any quotation, and minus "according to ..." clauses.

    Speakers whose codebook role matches ``exclude_roles`` (default: Congress) are left out.

    Shared copy is counted once: a piece is a duplicate (``counted`` False,
    ``duplicate_of`` its kept copy) when it sits in the same shared-copy group
    (:func:`readout.reuse.flag_shared_copy`) as a kept piece of the same side and kind, or
    when at least ``dedupe_share`` of its word trigrams (all its words if it has fewer
    than three) occur in a kept piece of the same side, from the same speaker (outlets
    name the same line's speaker differently, so pieces of 15 words or more match across
    speakers; a shorter stock phrase said by two people counts twice). Longer pieces
    are kept first.

    Columns: piece_id, statement_id (article_id#sent_id#side: all the side's pieces in one
    sentence), side, article_id, outlet, para_id, sent_id, start, end (offsets into
    ``corpus.raw``; ``raw[start:end] == text``), kind (quote or paraphrase), text, speaker,
    cue, source (ledger, attribution, or interim when the ledger is missing), copy_group,
    counted, duplicate_of.
    """
    key = f"framing.side_statements:{tuple(sides)}:{exclude_roles}:{tuple(paraphrase_roles)}:{dedupe_share}"
    return corpus.cached(key, lambda: _side_statements(corpus, tuple(sides), exclude_roles,
                                                       tuple(paraphrase_roles), dedupe_share)).copy()


_RAW_PIECE_COLUMNS = ["side", "article_id", "para_id", "sent_id", "start", "end", "kind", "text", "speaker", "cue",
                      "source"]


def article_pieces(corpus, *, sides: Sequence[str] = SIDES, exclude_roles: str | None = LEGISLATIVE_ROLES,
                   paraphrase_roles: Sequence[str] = ("body",)) -> pd.DataFrame:
    """The quoted and paraphrased pieces of every article, before shared copy is marked.

    The per-article half of :func:`side_statements` (columns side, article_id, para_id,
    sent_id, start, end, kind, text, speaker, cue, source; articles in sorted order, each
    in reading order). Each article's rows depend on that article alone, so the table can
    be built in parts and concatenated; memoised on the corpus.
    """
    key = f"framing.article_pieces:{tuple(sides)}:{exclude_roles}:{tuple(paraphrase_roles)}"
    return corpus.cached(key, lambda: _article_pieces_table(corpus, tuple(sides), exclude_roles,
                                                            tuple(paraphrase_roles)))


def _article_pieces_table(corpus, sides, exclude_roles, paraphrase_roles) -> pd.DataFrame:
    from readout.corpus import ANALYSED_ROLES, rows_by_article

    sents = corpus.sentences[corpus.sentences["role"].isin(ANALYSED_ROLES)]
    quotes, qsource = _quote_spans(corpus)
    mentions, book = _speaker_table(corpus)
    excluded = set()
    if exclude_roles:
        excluded = set(book.loc[book["actor_role"].fillna("").str.contains(exclude_roles, regex=True), "actor"])
    # each table's rows as plain tuples, grouped by article once
    sents_of = rows_by_article(sents, ["start", "end", "para_id", "sent_id", "role"])
    quotes_of = rows_by_article(quotes, ["start", "end", "speaker", "speaker_side", "cue"])
    mentions_of = rows_by_article(mentions, ["start", "end", "actor", "side", "kind", "in_title"])
    context = _PieceContext(sides, excluded, paraphrase_roles, qsource)
    pieces: list[dict] = []
    for aid in sorted(sents_of):
        pieces.extend(_article_pieces(aid, corpus.raw[aid], sorted(sents_of[aid]), quotes_of.get(aid, []),
                                      mentions_of.get(aid, []), context))
    return pd.DataFrame(pieces, columns=_RAW_PIECE_COLUMNS)


def _side_statements(corpus, sides, exclude_roles, paraphrase_roles, dedupe_share) -> pd.DataFrame:
    from readout.reuse import flag_shared_copy

    table = article_pieces(corpus, sides=sides, exclude_roles=exclude_roles, paraphrase_roles=paraphrase_roles)
    if table.empty:
        return pd.DataFrame(columns=PIECE_COLUMNS)
    outlet = dict(zip(corpus.articles["article_id"], corpus.articles["outlet"]))
    flags = flag_shared_copy(corpus)
    group_of = {(a, int(n)): (None if pd.isna(g) else int(g))
                for a, n, g in zip(flags["article_id"], flags["sent_id"], flags["copy_group"])}
    table = table.sort_values(["article_id", "start", "kind"], ignore_index=True)
    table["piece_id"] = [f"{a}:{s}-{e}" for a, s, e in zip(table.article_id, table.start, table.end)]
    table["statement_id"] = [f"{a}#{n}#{sd}" for a, n, sd in zip(table.article_id, table.sent_id, table.side)]
    table["outlet"] = table["article_id"].map(outlet)
    table["copy_group"] = pd.array([group_of.get((a, n)) for a, n in zip(table.article_id, table.sent_id)],
                                   dtype="Int64")
    _mark_duplicates(table, dedupe_share)
    return table[PIECE_COLUMNS]


class _PieceContext:
    """What :func:`_article_pieces` needs besides one article's rows."""

    def __init__(self, sides, excluded, paraphrase_roles, qsource):
        self.sides, self.excluded = tuple(sides), set(excluded)
        self.paraphrase_roles, self.qsource = tuple(paraphrase_roles), qsource


def _article_pieces(aid: str, raw: str, sents: list[tuple], quotes: list[tuple], mentions: list[tuple],
                    ctx: _PieceContext) -> list[dict]:
    """The quoted and paraphrased pieces of one article, before shared copy is marked.

    ``sents`` are (start, end, para_id, sent_id, role) in reading order; ``quotes`` the
    ledger's (start, end, speaker, speaker_side, cue) in its order; ``mentions`` the
    article's (start, end, actor, side, kind, in_title), by start.
    """
    sides, excluded = ctx.sides, ctx.excluded
    pieces: list[dict] = []
    last_speaker: dict[str, dict] = {}
    mention_starts = [int(m[0]) for m in mentions]
    for s0, s1, para_id, sent_id, role in sents:
        s0, s1, para_id, sent_id = int(s0), int(s1), int(para_id), int(sent_id)
        stext = raw[s0:s1]
        sq = [q for q in quotes if q[0] < s1 and q[1] > s0]
        # quotations that start in this sentence
        for q_start, q_end, q_speaker, q_side, q_cue in sq:
            if q_start < s0:
                continue
            side = q_side if ctx.qsource == "ledger" else None
            if side in sides and q_speaker not in excluded:
                pieces.append(dict(side=side, article_id=aid, para_id=para_id, sent_id=sent_id,
                                   start=int(q_start), end=int(q_end), kind="quote", text=raw[q_start:q_end],
                                   speaker=q_speaker, cue=q_cue, source=ctx.qsource))
        if role not in ctx.paraphrase_roles:
            continue
        holes = [(max(int(q[0]), s0) - s0, min(int(q[1]), s1) - s0) for q in sq]
        lo, hi = bisect_left(mention_starts, s0), bisect_right(mention_starts, s1)
        ments = [dict(start=int(m0) - s0, end=int(m1) - s0, actor=actor, side=side, kind=kind, in_title=bool(in_title))
                 for m0, m1, actor, side, kind, in_title in mentions[lo:hi] if m1 <= s1]
        found = _attribute_sentence(stext, holes, ments)
        if found is None:
            continue
        speaker, cue, (a0, a1), inverted = found
        if "pronoun" in speaker:
            kind = "person" if speaker["pronoun"] in ("he", "she") else "group"
            # the article's last speaker of that kind; failing that, the ledger's speaker of a
            # quotation in this sentence
            ref = last_speaker.get(kind) or (last_speaker.get("institution") if kind == "group" else None)
            side_q = [q for q in sq if q[3] in sides] if ctx.qsource == "ledger" else []
            if ref is None and side_q:
                ref = {"actor": side_q[0][2], "side": side_q[0][3], "kind": kind}
            if ref is None:
                continue
            speaker = dict(speaker, actor=ref["actor"], side=ref["side"], kind=ref["kind"])
        else:
            last_speaker[speaker["kind"]] = speaker
        if speaker["side"] not in sides or speaker["actor"] in excluded:
            continue
        holes_all = holes + [(a0, a1)]
        # other attributions inside the content: "according to ..." clauses, ", the readout said"
        for m in _CUE_RX.finditer(stext):
            if any(h0 <= m.start() < h1 for h0, h1 in holes_all):
                continue
            if m.group(0).lower().startswith("according"):
                holes_all.append((m.start(), _clause_end(stext, m.end())))
            else:
                tail = re.search(r"[,\u201d\"]\s*((?:[\w'\u2019.-]+\s+){0,6})$", stext[:m.start()])
                if tail and _clause_end(stext, m.end()) >= len(stext.rstrip(" .\u201d\"")) - 1:
                    holes_all.append((tail.start(1), _clause_end(stext, m.end())))
        for region in _content_region(stext, a0, a1, inverted, cue):
            for r0, r1 in _subtract(region, holes_all):
                r0, r1 = _trim(stext, r0, r1)
                if r1 > r0 and terms(stext[r0:r1]):
                    pieces.append(dict(side=speaker["side"], article_id=aid, para_id=para_id,
                                       sent_id=sent_id, start=s0 + r0, end=s0 + r1, kind="paraphrase",
                                       text=raw[s0 + r0:s0 + r1], speaker=speaker["actor"], cue=cue,
                                       source="attribution"))
    return pieces


def _mark_duplicates(table: pd.DataFrame, share: float, min_words_cross: int = 15) -> None:
    """Fill ``counted`` and ``duplicate_of`` (see :func:`side_statements`).

    Pieces are visited longest first; each is a duplicate of the first kept piece (in the
    order pieces were kept) that it matches, else it is kept. Comparing every piece with
    every kept piece grows with the square of the corpus, so kept pieces are indexed and a
    piece is compared only with those that can match it (:class:`_KeptIndex`); the result
    is the same as the full comparison.
    """
    # words and word trigrams as numbers (one per distinct word or trigram): the same tests,
    # in a fraction of the memory of a string per word and a tuple per trigram
    vocab: dict[str, int] = {}
    words = [[vocab.setdefault(x, len(vocab)) for x in _norm_words(t)] for t in table["text"]]
    del vocab
    gram_ids: dict[tuple, int] = {}
    grams = [{gram_ids.setdefault(g, len(gram_ids)) for g in zip(w, w[1:], w[2:])} if len(w) >= 3
             else {gram_ids.setdefault(tuple(w), len(gram_ids))} for w in words]
    del gram_ids
    side, aid, kind, speaker, pid = (table[c].tolist() for c in ("side", "article_id", "kind", "speaker", "piece_id"))
    group = [None if pd.isna(g) else int(g) for g in table["copy_group"]]
    start = table["start"].tolist()

    def contained(i, k):
        w_small, w_big = words[i], words[k]
        if len(w_small) < 3:
            n = len(w_small)
            return any(w_big[j:j + n] == w_small for j in range(len(w_big) - n + 1))
        return len(grams[i] & grams[k]) / len(grams[i]) >= share

    def matches(i, k):
        if side[k] != side[i]:
            return False
        same_group = group[i] is not None and group[i] == group[k] and kind[k] == kind[i] and aid[k] != aid[i]
        # a stock phrase repeated by two speakers is two statements; a long passage is one
        same_words = (speaker[k] == speaker[i] or len(words[i]) >= min_words_cross) and contained(i, k)
        return same_group or same_words

    order = sorted(range(len(table)), key=lambda i: (-len(words[i]), aid[i], start[i]))
    kept = _KeptIndex(words, grams, side, speaker, group, share, min_words_cross)
    dup_of: dict[int, str] = {}
    for i in order:
        hit = next((k for k in kept.candidates(i) if matches(i, k)), None)
        if hit is None:
            kept.add(i)
        else:
            dup_of[i] = pid[hit]
    table["counted"] = [i not in dup_of for i in range(len(table))]
    table["duplicate_of"] = [dup_of.get(i) for i in range(len(table))]


class _KeptIndex:
    """The pieces kept so far by :func:`_mark_duplicates`, indexed for its two tests.

    A piece ``i`` can be a duplicate of a kept piece ``k`` (same side) when they share a
    copy group, or when ``i``'s words are contained in ``k``'s and either the speaker is
    the same or ``i`` has at least ``min_words_cross`` words. Containment of a piece of
    three words or more means sharing at least ``t`` of its ``n`` word trigrams, so ``k``
    must hold one of any ``n - t + 1`` of them (prefix filtering): ``i`` looks up only its
    rarest ones. A piece of one or two words must appear word for word in ``k``: its word,
    or its pair of words, is looked up among the speaker's kept pieces (indexed when the
    speaker's first short piece arrives). ``candidates(i)`` lists the kept pieces that can
    match, in the order they were kept; pieces outside the list cannot match.
    """

    def __init__(self, words, grams, side, speaker, group, share, min_words_cross):
        self.words, self.grams, self.side, self.speaker, self.group = words, grams, side, speaker, group
        self.share, self.cross = share, min_words_cross
        self.rank: dict[int, int] = {}
        self.by_group: dict[tuple, list[int]] = {}
        self.by_side: dict[str, list[int]] = {}
        self.by_speaker: dict[tuple, list[int]] = {}
        self.by_gram: dict[int, int | list[int]] = {}  # (side, trigram) -> kept piece(s)
        self.short: dict[tuple, dict] = {}  # (side, speaker) -> {word or pair of words: kept pieces}
        # a (side, trigram) key as one number: trigram * number of sides + the side's position
        codes = {sd: n for n, sd in enumerate(dict.fromkeys(side))}
        self.n_sides, self.code = max(len(codes), 1), [codes[sd] for sd in side]
        df: dict[int, int] = {}
        for i, gs in enumerate(grams):
            if len(words[i]) >= 3:
                for g in gs:
                    key = g * self.n_sides + self.code[i]
                    df[key] = df.get(key, 0) + 1
        self.df = df
        # the general rules below assume a long piece has at least three words
        self.simple = min_words_cross < 3

    def _need(self, i) -> int | None:
        n = len(self.grams[i])
        return next((t for t in range(n + 1) if t / n >= self.share), None)

    def _file_short(self, index: dict, k) -> None:
        w = self.words[k]
        for x in set(w):
            index.setdefault(x, []).append(k)
        for pair in set(zip(w, w[1:])):
            index.setdefault(pair, []).append(k)

    def add(self, k) -> None:
        self.rank[k] = len(self.rank)
        sd, spk = self.side[k], self.speaker[k]
        if self.group[k] is not None:
            self.by_group.setdefault((sd, self.group[k]), []).append(k)
        self.by_side.setdefault(sd, []).append(k)
        if not isinstance(spk, str):
            return
        self.by_speaker.setdefault((sd, spk), []).append(k)
        if len(self.words[k]) >= 3:
            n, code = self.n_sides, self.code[k]
            by_gram = self.by_gram
            for g in self.grams[k]:
                key = g * n + code
                held = by_gram.get(key)
                if held is None:  # most trigrams have one holder: a number, not a list
                    by_gram[key] = k
                elif isinstance(held, int):
                    by_gram[key] = [held, k]
                else:
                    held.append(k)
        if (sd, spk) in self.short:
            self._file_short(self.short[(sd, spk)], k)

    def candidates(self, i) -> list[int]:
        sd, spk, w = self.side[i], self.speaker[i], self.words[i]
        if self.simple:
            return list(self.by_side.get(sd, ()))
        found: set[int] = set()
        if self.group[i] is not None:
            found.update(self.by_group.get((sd, self.group[i]), ()))
        long = len(w) >= self.cross
        if not long and not isinstance(spk, str):
            pass  # no speaker to match, too short to match across speakers: only the copy group
        elif not w:
            found.update(self.by_speaker.get((sd, spk), ()))  # no words: contained in any piece
        elif len(w) < 3:
            index = self.short.get((sd, spk))
            if index is None:  # the speaker's first short piece: index the speaker's kept pieces
                index = self.short[(sd, spk)] = {}
                for k in self.by_speaker.get((sd, spk), ()):
                    self._file_short(index, k)
            found.update(index.get(w[0] if len(w) == 1 else (w[0], w[1]), ()))
        else:
            need = self._need(i)
            if need == 0:
                found.update(self.by_side.get(sd, ()) if long else self.by_speaker.get((sd, spk), ()))
            elif need is not None:
                n, code = self.n_sides, self.code[i]
                keys = sorted(g * n + code for g in self.grams[i])
                rarest = sorted(keys, key=lambda key: self.df.get(key, 0))
                for key in rarest[: len(rarest) - need + 1]:
                    holders = self.by_gram.get(key, ())
                    if isinstance(holders, int):
                        holders = (holders,)
                    found.update(holders if long else [k for k in holders if self.speaker[k] == spk])
        return sorted(found, key=self.rank.__getitem__)


def statements(pieces: pd.DataFrame, counted_only: bool = True) -> pd.DataFrame:
    """One row per statement (a side's pieces in one sentence) from :func:`side_statements`.

    Columns: statement_id, side, article_id, outlet, sent_id, kind (quote, paraphrase or
    quote+paraphrase), speaker (``;``-joined), text (pieces joined with " … "), n_pieces.
    Statements come in the order of their first piece.
    """
    p = pieces[pieces["counted"]] if counted_only else pieces
    rows = []
    for sid, group in _pieces_by_statement(p).items():
        first = group[0]
        kinds = sorted({g["kind"] for g in group})
        rows.append({"statement_id": sid, "side": first["side"], "article_id": first["article_id"],
                     "outlet": first["outlet"], "sent_id": int(first["sent_id"]),
                     "kind": "+".join(kinds) if len(kinds) > 1 else kinds[0],
                     "speaker": ";".join(dict.fromkeys(str(g["speaker"]) for g in group)),
                     "text": " \u2026 ".join(g["text"] for g in sorted(group, key=lambda g: g["start"])),
                     "n_pieces": len(group)})
    cols = ["statement_id", "side", "article_id", "outlet", "sent_id", "kind", "speaker", "text", "n_pieces"]
    return pd.DataFrame(rows, columns=cols)


def _pieces_by_statement(pieces: pd.DataFrame) -> dict[str, list[dict]]:
    """The pieces (as dicts) of each statement_id, in table order; statements by first appearance."""
    out: dict[str, list[dict]] = {}
    columns = list(pieces.columns)
    for values in zip(*(pieces[c].tolist() for c in columns)):
        row = dict(zip(columns, values))
        out.setdefault(row["statement_id"], []).append(row)
    return out


# ---------------------------------------------------------------------------------------
# Fightin' Words on the assembled texts
# ---------------------------------------------------------------------------------------

TERM_COLUMNS = ["term", "order", "n_us", "n_china", "prior", "delta", "z"]


def background_counts(corpus, order: int = 1) -> Counter:
    """Term counts over the whole corpus: every analysed sentence, shared copy once.

    This is the prior's source (Monroe et al.'s informative prior from a larger body of
    text). Sentences flagged as repeats by :func:`readout.reuse.flag_shared_copy`
    (``count_once`` False) are skipped so syndication does not inflate the prior.
    """
    _check_order(order)

    def build():
        # every analysed sentence's terms, minus those of the sentences that repeat shared copy
        from readout.reuse import flag_shared_copy

        flags = flag_shared_copy(corpus)
        repeats = _count_both(flags.loc[~flags["count_once"].astype(bool), "text"])
        # one pass, no copies: the terms left with a positive count, in the totals' order
        return tuple(Counter({term: left for term, n in total.items() if (left := n - minus.get(term, 0)) > 0})
                     for total, minus in zip(analysed_term_counts(corpus), repeats))

    return corpus.cached("framing.background", build)[order - 1]


def side_texts(corpus, pieces: pd.DataFrame | None = None, by: str = "statement") -> dict[str, list[str]]:
    """The counted text of each side, as a list of statements (or pieces, ``by="piece"``)."""
    p = side_statements(corpus) if pieces is None else pieces
    p = p[p["counted"]]
    out = {}
    for side in SIDES:
        ps = p[p["side"] == side]
        if by == "piece":
            out[side] = list(ps["text"])
        else:
            out[side] = [" . ".join(g["text"] for g in sorted(group, key=lambda g: g["start"]))
                         for group in _pieces_by_statement(ps).values()]
    return out


def _count_both(texts: Iterable[str]) -> tuple[Counter, Counter]:
    """(unigram counts, bigram counts) over ``texts``, each text tokenised once (see :func:`terms`)."""
    unigrams, bigrams = Counter(), Counter()
    for text in texts:
        one, two = _terms_of_runs(tokenize(text))
        unigrams.update(one)
        bigrams.update(two)
    return unigrams, bigrams


def _side_counts(texts: dict[str, list[str]]) -> dict[str, tuple[Counter, Counter]]:
    return {side: _count_both(texts[side]) for side in SIDES}


def analysed_term_counts(corpus) -> tuple[Counter, Counter]:
    """(unigram, bigram) counts over every analysed sentence, shared copy included; memoised.

    A sum over articles, so it can be counted per partition and the parts added
    (:data:`readout.engine.MERGE_ORDER`); :func:`background_counts` subtracts the repeats.
    """
    def build():
        from readout.corpus import ANALYSED_ROLES

        return _count_both(corpus.sentences.loc[corpus.sentences["role"].isin(ANALYSED_ROLES), "text"])

    return corpus.cached("framing.analysed_terms", build)


def fightin_words(
    corpus,
    order: int = 1,
    alpha0: float = DEFAULT_ALPHA0,
    variance: str = "paper",
    pieces: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Monroe et al. (2008) z-scores, US over China, for the assembled side texts.

    ``order`` 1 scores unigrams, 2 bigrams (a separate model: its own vocabulary, totals
    and prior). ``alpha0`` is the prior strength in pseudo-tokens: the prior is the whole
    corpus's term distribution (:func:`background_counts`) restricted to the compared
    vocabulary and scaled to sum to ``alpha0``. The default of 100 is a fraction of the
    two sides' text; :func:`prior_sweep` shows what moves between 1 and 1,000.
    ``variance`` is "paper" (two-term approximation, the default) or "full".

    Returns columns term, order, n_us, n_china, prior, delta, z (positive z = more US),
    one row per term either side used, sorted by z descending.
    """
    _check_order(order)
    if pieces is None:  # both orders are counted in one pass and memoised
        counts = corpus.cached("framing.side_counts", lambda: _side_counts(side_texts(corpus)))
    else:
        counts = _side_counts(side_texts(corpus, pieces))
    ci, cj = counts["US"][order - 1], counts["China"][order - 1]
    for side, c in (("US", ci), ("China", cj)):
        if not c:
            raise ValueError(f"no {side} statements with scorable words in {getattr(corpus, 'folder', 'the corpus')}: "
                             "the comparison needs attributed statements from both sides (see side_statements)")
    t = log_odds_dirichlet(ci, cj, background_counts(corpus, order), alpha0, variance)
    t = t.rename(columns={"n_i": "n_us", "n_j": "n_china"})
    t["order"] = order
    return t[TERM_COLUMNS]


def framing_terms_table(corpus) -> pd.DataFrame:
    """Export entry ``framing_terms``: unigram and bigram models, every term, default prior."""
    return pd.concat([fightin_words(corpus, 1), fightin_words(corpus, 2)], ignore_index=True)


# ---------------------------------------------------------------------------------------
# Frames
# ---------------------------------------------------------------------------------------

NO_FRAME = "none"


def code_frames(stmts: pd.DataFrame, frames: pd.DataFrame) -> pd.DataFrame:
    """Code each statement against the frame codebook by its cue terms.

    ``stmts`` is :func:`statements` output (statement_id, side, text, ...). Returns one
    row per statement and frame with at least one cue hit: statement_id, side, frame,
    n_hits, cues (the matched words, ``;``-joined), first (offset of the first hit in the
    statement text), primary (bool). A statement's primary frame is the one with most
    hits; a tie goes to the frame cued first in the text.
    """
    rows = []
    for st, coded in zip(stmts.itertuples(), _frame_cue_hits([str(t) for t in stmts["text"]], frames)):
        hits = [{"statement_id": st.statement_id, "side": st.side, "frame": frame, "n_hits": len(found),
                 "cues": ";".join(h[2] for h in found), "first": found[0][0]}
                for frame, found in coded.items()]
        if hits:
            best = min(hits, key=lambda h: (-h["n_hits"], h["first"]))
            for h in hits:
                h["primary"] = h is best
        rows.extend(hits)
    return pd.DataFrame(rows, columns=["statement_id", "side", "frame", "n_hits", "cues", "first", "primary"])


def _frame_cue_hits(texts: list[str], frames: pd.DataFrame) -> list[dict[str, list[tuple[int, int, str]]]]:
    """For each text: frame -> its cue hits (start, end, matched text), for the frames with
    a hit, in codebook order; the hits :func:`find_cues` gives with the frame's pattern.

    The texts are searched together (:class:`readout.compare.JoinedTexts`), each frame's
    pattern tried only where one of its cues' opening letters begins.
    """
    from readout.compare import JoinedTexts, _split, cue_prefix

    joined = JoinedTexts(list(texts))
    out: list[dict] = [{} for _ in texts]
    for f in frames.itertuples():
        pattern = cue_pattern(f.cue_terms)
        if pattern is None:
            continue
        prefixes = tuple(cue_prefix(c) for c in _split(f.cue_terms))
        for i, start, end in joined.spans(pattern, prefixes):
            out[i].setdefault(f.frame, []).append((start, end, texts[i][start:end]))
    return out


def term_frames(term: str, frames: pd.DataFrame) -> list[str]:
    """The frames whose cue terms contain a word of ``term`` (a unigram or bigram).

    Every non-stopword of a cue counts as a word of its frame ("affairs" from "internal
    affairs"); a ``*`` cue word matches as a prefix. Used to label Fightin' Words terms.

    >>> f = pd.DataFrame({"frame": ["sovereignty"], "cue_terms": ["internal affairs; interfer*"]})
    >>> term_frames("interfering", f), term_frames("internal", f), term_frames("external", f)
    (['sovereignty'], ['sovereignty'], [])
    """
    words = term.split()
    out = []
    for f in frames.itertuples():
        cue_words = [w.lower().translate(_APOS) for cue in f.cue_terms.split(";") for w in re.split(r"[\s-]+", cue.strip())]
        cue_words = [w for w in cue_words if w and w.rstrip("*") not in STOPWORDS]
        if any(w == c or (c.endswith("*") and w.startswith(c[:-1])) for w in words for c in cue_words):
            out.append(f.frame)
    return out


def primary_frames(stmts: pd.DataFrame, coded: pd.DataFrame) -> pd.Series:
    """Each statement's primary frame (``"none"`` when no cue matched), indexed by statement_id."""
    prim = coded[coded["primary"]].set_index("statement_id")["frame"]
    return stmts["statement_id"].map(prim).fillna(NO_FRAME).set_axis(stmts["statement_id"])


def frames_by_side(corpus, pieces: pd.DataFrame | None = None) -> pd.DataFrame:
    """Export entry ``frames_by_side``: how often each frame appears in each side's statements.

    One row per side and frame (including ``none`` for statements no cue matched):
    side, frame, label, family, n_statements (the side's counted statements),
    n_with_frame (statements with at least one cue of the frame), share
    (n_with_frame / n_statements; a statement can carry several frames, so shares sum
    past 1), n_primary and primary_share (each statement's primary frame only; these sum
    to 1 per side), n_hits (cue matches).
    """
    frames = load_frames(corpus=corpus)
    stmts = statements(side_statements(corpus) if pieces is None else pieces)
    coded = code_frames(stmts, frames)
    prim = primary_frames(stmts, coded)
    labels = dict(zip(frames.frame, frames.label)) | {NO_FRAME: "No frame cue"}
    families = dict(zip(frames.frame, frames.family)) | {NO_FRAME: ""}
    rows = []
    for side in SIDES:
        ids = stmts.loc[stmts["side"] == side, "statement_id"]
        n = len(ids)
        c = coded[coded["statement_id"].isin(ids)]
        p = prim[prim.index.isin(ids)]
        for frame in list(frames.frame) + [NO_FRAME]:
            cf = c[c["frame"] == frame]
            with_frame = cf["statement_id"].nunique() if frame != NO_FRAME else int((p == NO_FRAME).sum())
            rows.append({"side": side, "frame": frame, "label": labels[frame], "family": families[frame],
                         "n_statements": n, "n_with_frame": with_frame, "share": with_frame / n if n else float("nan"),
                         "n_primary": int((p == frame).sum()), "primary_share": float((p == frame).mean()) if n else float("nan"),
                         "n_hits": int(cf["n_hits"].sum())})
    return pd.DataFrame(rows)


def highlight(text: str, spans: Iterable[tuple[int, int]], tag: str = "mark") -> str:
    """HTML of ``text`` with each (start, end) span wrapped in ``<tag>``.

    The text is escaped (HTML specials become entities, ``$`` is kept from MathJax) and the
    whole is one inline span MathJax skips, so article text cannot run as markup.

    >>> highlight("a <b> $5 core", [(9, 13)])
    '<span class="tex2jax_ignore mathjax_ignore" dir="auto">a &lt;b&gt; &#36;5 <mark>core</mark></span>'
    """
    from readout.display import IGNORE_MATH

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


def frame_evidence(corpus, frame: str | None = None, pieces: pd.DataFrame | None = None) -> pd.DataFrame:
    """The statements behind each frame, with the cue words highlighted (HTML ``<mark>``).

    Columns: side, frame, statement_id, outlet, kind, primary, text, html.
    """
    frames = load_frames(corpus=corpus)
    if frame is not None:
        frames = frames[frames["frame"] == frame]
        if frames.empty:
            raise KeyError(f"no frame {frame!r} in the codebook")
    stmts = statements(side_statements(corpus) if pieces is None else pieces)
    coded = code_frames(stmts, frames).merge(stmts[["statement_id", "outlet", "kind", "text"]], on="statement_id")
    pats = {f.frame: cue_pattern(f.cue_terms) for f in frames.itertuples()}
    coded["html"] = [highlight(t, [(a, b) for a, b, _ in find_cues(t, pats[f])]) for t, f in zip(coded.text, coded.frame)]
    return coded[["side", "frame", "statement_id", "outlet", "kind", "primary", "text", "html"]]


# ---------------------------------------------------------------------------------------
# Hand coding and agreement
# ---------------------------------------------------------------------------------------

ANNOTATION_COLUMNS = ["statement_id", "side", "primary_frame", "other_frames", "text", "note"]


def load_frame_annotations(path: str | Path | None = None) -> pd.DataFrame:
    """The hand coding ``data/annotations/frames.csv``: one row per side statement.

    Columns: statement_id, side, primary_frame (a frame id or ``none``), other_frames
    (``;``-separated frame ids, may be blank), text (the statement as coded, for reading),
    note. Raises ValueError naming the file and line of an unknown frame id.
    """
    from readout.paths import DATA_DIR

    path = Path(path) if path else DATA_DIR / "annotations" / "frames.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in ANNOTATION_COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
    known = set(load_frames()["frame"]) | {NO_FRAME}
    for i, row in table.iterrows():
        for f in [row.primary_frame] + [x.strip() for x in row.other_frames.split(";") if x.strip()]:
            if f not in known:
                raise ValueError(f"{path}, line {i + 2}: unknown frame {f!r}; use one of {', '.join(sorted(known))}")
    return table


def frame_agreement(corpus, annotations: pd.DataFrame | None = None, pieces: pd.DataFrame | None = None) -> dict:
    """Cohen's kappa between the codebook's coding and the hand coding of the side statements.

    Statements are matched on statement_id. Returns a dict with ``n`` (statements in
    both), ``unmatched_hand`` / ``unmatched_auto`` (ids only one side has),
    ``primary_kappa`` and ``primary_agreement`` (primary frame, ``none`` included),
    ``per_frame`` (DataFrame: frame, n_hand, n_auto, agreement, kappa for the presence
    of each frame, any position) and ``pairs`` (statement_id, side, hand, auto).
    """
    frames = load_frames(corpus=corpus)
    hand = load_frame_annotations() if annotations is None else annotations
    stmts = statements(side_statements(corpus) if pieces is None else pieces)
    coded = code_frames(stmts, frames)
    auto_primary = primary_frames(stmts, coded)
    ids = [i for i in hand["statement_id"] if i in set(stmts["statement_id"])]
    h = hand.set_index("statement_id").loc[ids]
    pairs = pd.DataFrame({"statement_id": ids, "side": h["side"].values, "hand": h["primary_frame"].values,
                          "auto": auto_primary.loc[ids].values})
    result = {"n": len(ids),
              "unmatched_hand": sorted(set(hand["statement_id"]) - set(stmts["statement_id"])),
              "unmatched_auto": sorted(set(stmts["statement_id"]) - set(hand["statement_id"])),
              "pairs": pairs}
    if not ids:
        result.update(primary_kappa=float("nan"), primary_agreement=float("nan"), per_frame=pd.DataFrame())
        return result
    result["primary_kappa"] = cohen_kappa(pairs["hand"], pairs["auto"])
    result["primary_agreement"] = float((pairs["hand"] == pairs["auto"]).mean())
    hand_sets = {i: {r.primary_frame} | {x.strip() for x in r.other_frames.split(";") if x.strip()}
                 for i, r in h.iterrows()}
    auto_sets = coded.groupby("statement_id")["frame"].apply(set).to_dict()
    rows = []
    for f in frames["frame"]:
        a = [f in hand_sets[i] for i in ids]
        b = [f in auto_sets.get(i, set()) for i in ids]
        rows.append({"frame": f, "n_hand": sum(a), "n_auto": sum(b),
                     "agreement": float(np.mean([x == y for x, y in zip(a, b)])), "kappa": cohen_kappa(a, b)})
    result["per_frame"] = pd.DataFrame(rows)
    return result


# ---------------------------------------------------------------------------------------
# Topics raised by one side or both
# ---------------------------------------------------------------------------------------


def topic_alignment(corpus, pieces: pd.DataFrame | None = None) -> pd.DataFrame:
    """Which agenda topics (``data/topics.csv``) each side's statements raise.

    One row per topic: topic, label, n_us, n_china (statements whose text matches a cue,
    exclusions applied), raised_by ("both", "US only", "China only", "neither"),
    us_example / china_example (the first matching statement's text), and ``reading``,
    a sentence a briefer can read aloud.
    """
    topics = load_topics(corpus=corpus)
    stmts = statements(side_statements(corpus) if pieces is None else pieces)
    rows = []
    for t in topics.itertuples():
        pat, exc = cue_pattern(t.cues), cue_pattern(t.exclude) if t.exclude.strip() else None
        hit = stmts[[bool(find_cues(x, pat, exc)) for x in stmts["text"]]]
        n = {side: int((hit["side"] == side).sum()) for side in SIDES}
        ex = {side: (hit.loc[hit["side"] == side, "text"].iloc[0] if n[side] else "") for side in SIDES}
        raised = ("both" if n["US"] and n["China"] else "US only" if n["US"] else
                  "China only" if n["China"] else "neither")
        def st(k):
            return f"{k} statement" + ("s" if k != 1 else "")
        reading = {"both": f"{t.label}: raised by both sides (US {st(n['US'])}, China {st(n['China'])}).",
                   "US only": f"{t.label}: raised only by the US side ({st(n['US'])}); the Chinese statements reported here do not mention it.",
                   "China only": f"{t.label}: raised only by the Chinese side ({st(n['China'])}); the US statements reported here do not mention it.",
                   "neither": f"{t.label}: in neither side's reported statements."}[raised]
        rows.append({"topic": t.topic, "label": t.label, "n_us": n["US"], "n_china": n["China"], "raised_by": raised,
                     "us_example": ex["US"], "china_example": ex["China"], "reading": reading})
    order = {"both": 0, "US only": 1, "China only": 2, "neither": 3}
    out = pd.DataFrame(rows)
    return out.sort_values(["raised_by", "topic"], key=lambda s: s.map(order) if s.name == "raised_by" else s,
                           ignore_index=True)


# ---------------------------------------------------------------------------------------
# Display: the compared texts side by side, the Fightin' Words plot
# ---------------------------------------------------------------------------------------


def side_by_side_html(pieces: pd.DataFrame, max_per_side: int | None = None) -> str:
    """An HTML two-column view of what is compared: US statements left, China right.

    Each statement shows its pieces in order, quotations in quotation marks and bold,
    paraphrase in plain type, with the outlet, the statement id and the kind. Pieces not
    counted (shared copy) are listed under the statement that counts them. All article
    text is HTML-escaped.
    """
    from readout.display import html_escape as esc
    from readout.plots import side_colour

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
            also_html = (f"<div style='font-size:85%;color:#555'>also carried by: {'; '.join(dict.fromkeys(also))}"
                         "</div>") if also else ""
            speaker = esc("; ".join(dict.fromkeys(g["speaker"].astype(str))))
            meta = (f"<div style='font-size:85%;color:#555'>{esc(str(g.outlet.iloc[0]))} \u00b7 "
                    f"{speaker} \u00b7 {kinds} \u00b7 <code>{esc(sid)}</code></div>")
            items.append(f"<li style='margin-bottom:0.6em'>{body}{meta}{also_html}</li>")
        if max_per_side is not None and len(items) > max_per_side:
            items = items[:max_per_side] + [f"<li>\u2026 {len(items) - max_per_side} more</li>"]
        colour = side_colour(side)
        cols.append(f"<div style='flex:1;min-width:18em;padding:0 0.8em;border-top:4px solid {colour}'>"
                    f"<h4 style='color:{colour}'>{side} side \u2014 {ps['statement_id'].nunique()} statements</h4>"
                    f"<ol style='padding-left:1.2em'>{''.join(items)}</ol></div>")
    return f"<div style='display:flex;gap:1em;align-items:flex-start'>{''.join(cols)}</div>"


def plot_fightin_words(table: pd.DataFrame, ax=None, label: int = 12, threshold: float = 1.96,
                       title: str | None = None, seed: int = 0):
    """Monroe et al.'s figure: log frequency (x) against z (y), distinctive terms labelled.

    ``table`` is :func:`fightin_words` output. Points are the terms, at log10 of their
    count on both sides (with a small deterministic horizontal jitter, ``seed``, so
    equal counts do not stack); US-leaning terms in the US colour, China-leaning in the
    China colour, grey when ``|z| < threshold`` ... and the ``label`` most extreme terms of
    each side are named, placed so their labels do not overlap. Returns the Axes.
    """
    import matplotlib.pyplot as plt

    from readout.plots import SIDE_COLOURS

    if ax is None:
        _, ax = plt.subplots(figsize=(9, 6.5))
    t = table.copy()
    freq = (t["n_us"] + t["n_china"]).astype(float)
    rng = np.random.default_rng(seed)
    t["x"] = np.log10(freq) + rng.uniform(-0.03, 0.03, len(t))
    grey = SIDE_COLOURS["Unknown"]
    colour = np.where(t["z"] >= threshold, SIDE_COLOURS["US"], np.where(t["z"] <= -threshold, SIDE_COLOURS["China"], grey))
    lean = np.where(t["z"] > 0, SIDE_COLOURS["US"], SIDE_COLOURS["China"])
    faint = np.abs(t["z"]) < threshold
    ax.scatter(t.loc[faint, "x"], t.loc[faint, "z"], s=14, c=lean[faint], alpha=0.35, linewidths=0)
    ax.scatter(t.loc[~faint, "x"], t.loc[~faint, "z"], s=30, c=colour[~faint], marker="D", linewidths=0)
    for y in (threshold, -threshold):
        ax.axhline(y, color="#666", lw=0.8, ls="--")
    ax.axhline(0, color="#999", lw=0.6)
    ax.set_xlabel("frequency: count in both sides' statements (log scale)")
    ticks = [v for v in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if v <= max(freq.max(), 1) * 1.5]
    ax.set_xticks(np.log10(ticks), [str(v) for v in ticks])
    ax.set_ylabel("z-score of the log-odds ratio  (+ = more US, \u2212 = more China)")
    ax.set_title(title or "Distinctive words: US versus Chinese statements")
    # labels: the most extreme terms of each side, placed greedily without overlap
    fig = ax.figure
    fig.canvas.draw()
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    bbox = ax.get_window_extent()
    dpi_scale = fig.dpi / 72.0
    per_char = (x1 - x0) / bbox.width * 5.6 * dpi_scale   # data units per character at 9 pt
    line_h = (y1 - y0) / bbox.height * 11.5 * dpi_scale
    placed: list[tuple[float, float, float, float]] = []
    picks = pd.concat([t.nlargest(label, "z"), t.nsmallest(label, "z")])
    for r in picks.itertuples():
        w = per_char * len(r.term)
        for k in range(0, 30):
            dy = (k + 1) // 2 * line_h * (1 if k % 2 else -1) * (1 if r.z > 0 else -1)
            lx, ly = r.x + per_char * 0.8, r.z + dy
            box = (lx, ly - line_h / 2, lx + w, ly + line_h / 2)
            if all(box[2] < b[0] or box[0] > b[2] or box[3] < b[1] or box[1] > b[3] for b in placed):
                break
        placed.append(box)
        ax.annotate(r.term, (r.x, r.z), xytext=(lx, ly), textcoords="data", fontsize=9, va="center",
                    color=SIDE_COLOURS["US"] if r.z > 0 else SIDE_COLOURS["China"],
                    arrowprops=dict(arrowstyle="-", color="#bbb", lw=0.5) if k else None)
    ax.set_ylim(min(y0, min(b[1] for b in placed)), max(y1, max(b[3] for b in placed)))
    ax.set_xlim(x0, max(x1, max(b[2] for b in placed)))
    return ax
