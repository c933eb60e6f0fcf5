"""Outlet profiles: per article, its length, quoted share, voices by side, the first actor named
and the topics covered, with the share of its words it shares with other articles.
"""

from __future__ import annotations

import re

import pandas as pd

from readout.analysis.mentions import find_mentions
from readout.analysis.quotes import extract_quotes, outer_quotes
from readout.analysis.reuse import flag_shared_copy
from readout.analysis.topics import article_topics, roles_or_default
from readout.corpus.model import rows_by_article
from readout.text.cues import TEXT_SEPARATOR
from readout.text.tokens import WORD_RE


def _analysed_paragraphs(corpus, roles) -> dict[str, list[tuple[int, int]]]:
    """article_id -> ``(start, end)`` of its paragraphs whose role is in ``roles``, in table order."""

    found = rows_by_article(corpus.analysed_paragraphs(roles_or_default(roles)), ["start", "end"])
    return {aid: found.get(aid, []) for aid in corpus.raw}


def _word_bounds(raw: str, paragraphs: list[tuple[int, int]]):
    """Offsets in ``raw`` of the word tokens (:data:`readout.text.tokens.WORD_RE`) of each
    paragraph, in order: two numpy int64 arrays, starts and ends.

    The paragraphs are tokenised together, joined by NUL (never part of a word); the
    lengths of the pieces ``re.split`` returns give the offsets.

    >>> [a.tolist() for a in _word_bounds("U.S. aid, it’s said.  Next", [(0, 20), (22, 26)])]
    [[0, 5, 10, 15, 22], [3, 8, 14, 19, 26]]
    """
    import numpy as np

    n = len(raw)
    firsts = [min(max(s, 0), n) for s, _ in paragraphs]  # as finditer's pos and endpos are bounded
    pieces = [raw[s : min(max(e, 0), n)] for s, (_, e) in zip(firsts, paragraphs)]
    parts = _TOKEN_SPLITTER.split(TEXT_SEPARATOR.join(pieces))
    bounds = np.cumsum(np.fromiter(map(len, parts), np.int64, len(parts)))
    starts, ends = bounds[0:-1:2], bounds[1::2]
    if not len(starts):
        return starts, ends
    sizes = np.fromiter(map(len, pieces), np.int64, len(pieces)) + 1
    bases = np.concatenate(([0], np.cumsum(sizes)[:-1]))  # where each paragraph starts in the joined text
    para = np.searchsorted(bases, starts, side="right") - 1
    shift = np.asarray(firsts, dtype=np.int64)[para] - bases[para]
    return starts + shift, ends + shift


#: :data:`readout.text.tokens.WORD_RE` as one capturing group, for ``re.split`` (which then returns
#: the text between words and the words, alternately)
assert not WORD_RE.groups, "the word pattern must have no capturing group"


_TOKEN_SPLITTER = re.compile(f"({WORD_RE.pattern})", WORD_RE.flags)


def _analysed_words(corpus, roles) -> dict:
    """article_id -> (starts, ends) of the word tokens in its analysed paragraphs (see
    :func:`_word_bounds`)."""
    return {aid: _word_bounds(corpus.raw[aid], paras) for aid, paras in _analysed_paragraphs(corpus, roles).items()}


def _count_inside(starts, ends, spans: list[tuple[int, int]]) -> int:
    """How many tokens (numpy arrays of starts and ends) lie wholly inside at least one of ``spans``.

    >>> import numpy as np
    >>> _count_inside(np.array([0, 3, 6, 10]), np.array([2, 5, 9, 12]), [(2, 9), (0, 3)])
    3
    """
    import numpy as np

    if not spans or not len(starts):
        return 0
    spans = sorted(spans)
    span_starts = np.array([s for s, _ in spans], dtype=np.int64)
    reach = np.maximum.accumulate(np.array([e for _, e in spans], dtype=np.int64))  # furthest end so far
    k = np.searchsorted(span_starts, starts, side="right")  # spans starting at or before each token
    opened = k > 0
    return int((reach[k[opened] - 1] >= ends[opened]).sum())


def quoted_share(corpus, quotes: pd.DataFrame | None = None, *, roles=None) -> pd.DataFrame:
    """Words inside quotation marks against the reporter's own words, per article.

    One row per article: article_id, words (word tokens in analysed paragraphs),
    quoted_words (of those, inside a quote of the ledger), paraphrase_words
    (the rest: narration and paraphrase), quoted_share (quoted_words / words).
    """
    quotes = outer_quotes(extract_quotes(corpus) if quotes is None else quotes)

    words = _analysed_words(corpus, roles)
    spans = rows_by_article(quotes, ["start", "end"])  # each article's quotes, in ledger order
    rows = []
    for aid in sorted(corpus.raw):
        starts, ends = words[aid]
        n = len(starts)
        quoted = _count_inside(starts, ends, spans.get(aid, []))
        rows.append(
            {
                "article_id": aid,
                "words": n,
                "quoted_words": quoted,
                "paraphrase_words": n - quoted,
                "quoted_share": round(quoted / n, 3) if n else 0.0,
            }
        )
    return pd.DataFrame(rows)


def voices_by_side(quotes: pd.DataFrame) -> pd.DataFrame:
    """Distinct attributed speakers per article and side.

    One row per article and speaker (``UNATTRIBUTED`` quotes left out):
    article_id, speaker, speaker_side, quotes (number of quotations), quoted_words.
    """
    quotes = outer_quotes(quotes)
    q = quotes[quotes["speaker"].fillna("UNATTRIBUTED") != "UNATTRIBUTED"].copy()
    q["quoted_words"] = [len(WORD_RE.findall(t)) for t in q["text"]]
    out = (
        q.groupby(["article_id", "speaker", "speaker_side"], as_index=False)
        .agg(quotes=("quote_id", "count"), quoted_words=("quoted_words", "sum"))
        .sort_values(["article_id", "quotes", "speaker"], ascending=[True, False, True], kind="stable")
    )
    return out.reset_index(drop=True)


_FIRST_COLUMNS = ("para_id", "role", "start", "end", "surface", "actor", "side")


def first_actors(corpus, mentions: pd.DataFrame | None = None, *, roles=None) -> pd.DataFrame:
    """The first actor each article names, in reading order of its analysed text.

    One row per article: article_id, para_id, role, start, end, surface, actor, side.
    Articles naming no actor get an empty row (actor "").
    """
    if mentions is None:
        mentions = find_mentions(corpus)
    roles = roles_or_default(roles)
    role_of = corpus.paragraphs.set_index(["article_id", "para_id"])["role"].to_dict()
    first: dict[str, list] = {}
    if len(mentions):
        m = mentions.copy()
        m["role"] = [role_of.get((a, p), "") for a, p in zip(m["article_id"].tolist(), m["para_id"].tolist())]
        m = m[m["role"].isin(roles)].sort_values(["article_id", "start"], kind="stable").drop_duplicates("article_id")
        first = {aid: values for aid, *values in zip(*(m[c].tolist() for c in ("article_id", *_FIRST_COLUMNS)))}
    rows = []
    for aid in sorted(corpus.raw):
        if aid not in first:
            rows.append(
                {
                    "article_id": aid,
                    "para_id": pd.NA,
                    "role": "",
                    "start": pd.NA,
                    "end": pd.NA,
                    "surface": "",
                    "actor": "",
                    "side": "",
                }
            )
            continue
        para_id, role, start, end, surface, actor, side = first[aid]
        rows.append(
            {
                "article_id": aid,
                "para_id": int(para_id),
                "role": role,
                "start": int(start),
                "end": int(end),
                "surface": surface,
                "actor": actor,
                "side": side,
            }
        )
    return pd.DataFrame(rows)


def first_mention_by_side(corpus, mentions: pd.DataFrame | None = None, *, roles=None) -> pd.DataFrame:
    """How far into each article each side is first named.

    One row per article and side that the article names: article_id, side, actor,
    surface, start, words_before (analysed words before the mention) and
    share_before (words_before / analysed words: 0 = named in the first words).
    """
    if mentions is None:
        mentions = find_mentions(corpus)
    roles = roles_or_default(roles)
    role_of = corpus.paragraphs.set_index(["article_id", "para_id"])["role"].to_dict()
    words = _analysed_words(corpus, roles)
    m = mentions[[role_of.get((a, p), "") in roles for a, p in zip(mentions["article_id"], mentions["para_id"])]]
    m = m.sort_values(["article_id", "start"], kind="stable").drop_duplicates(["article_id", "side"])
    rows = []
    for r in m.itertuples(index=False):
        starts = words[r.article_id][0] if r.article_id in words else ()
        before = int((starts < r.start).sum()) if len(starts) else 0
        rows.append(
            {
                "article_id": r.article_id,
                "side": r.side,
                "actor": r.actor,
                "surface": r.surface,
                "start": int(r.start),
                "words_before": before,
                "share_before": round(before / len(starts), 3) if len(starts) else 0.0,
            }
        )
    return pd.DataFrame(
        rows, columns=["article_id", "side", "actor", "surface", "start", "words_before", "share_before"]
    )


PROFILE_SIDES = ("US", "China", "Other")


def _count(values: pd.Series) -> dict:
    """value -> number of rows holding it (missing values left out)."""
    return values.value_counts(sort=False).to_dict()


def _quoted_words_by_side(quotes: pd.DataFrame) -> tuple[dict, dict]:
    """Per article: the number of ledger rows, and (article_id, speaker_side) -> quoted words."""
    n_quotes: dict = {}
    words: dict = {}
    for aid, side, text in zip(quotes["article_id"].tolist(), quotes["speaker_side"].tolist(), quotes["text"].tolist()):
        n_quotes[aid] = n_quotes.get(aid, 0) + 1
        words[aid, side] = words.get((aid, side), 0) + len(WORD_RE.findall(text))
    return n_quotes, words


def _speakers_by_side(quotes: pd.DataFrame) -> tuple[dict, dict]:
    """The voices of :func:`voices_by_side`: article_id -> distinct attributed speakers,
    and (article_id, speaker_side) -> distinct attributed speakers."""
    keys = ["article_id", "speaker", "speaker_side"]
    voices = quotes.loc[quotes["speaker"].fillna("UNATTRIBUTED") != "UNATTRIBUTED", keys].dropna()
    speakers: dict = {}
    by_side: dict = {}
    for aid, speaker, side in zip(
        voices["article_id"].tolist(), voices["speaker"].tolist(), voices["speaker_side"].tolist()
    ):
        speakers.setdefault(aid, set()).add(speaker)
        by_side.setdefault((aid, side), set()).add(speaker)
    return speakers, by_side


def _covered_topics(topics: pd.DataFrame) -> dict[str, list[str]]:
    """From :func:`article_topics`: article_id -> covered topics, in codebook order."""
    covered = topics[topics["covered"]]
    out: dict[str, list[str]] = {}
    for aid, topic in zip(covered["article_id"].tolist(), covered["topic"].tolist()):
        out.setdefault(aid, []).append(topic)
    return out


def _article_column(articles: pd.DataFrame, column: str) -> dict:
    """article_id -> ``column`` of the articles table (empty when there is no such column)."""
    if column not in articles:
        return {}
    return dict(zip(articles["article_id"].tolist(), articles[column].tolist()))


def outlet_profiles(
    corpus,
    *,
    quotes: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    codebook: pd.DataFrame | None = None,
    roles=None,
) -> pd.DataFrame:
    """One row per article: how each outlet built its report.

    Columns: article_id, outlet, outlet_kind, published; paragraphs and sentences
    (analysed roles); words, quoted_words, paraphrase_words, quoted_share (from
    :func:`quoted_share`); quotes (ledger rows); voices (distinct attributed
    speakers) and voices_us / voices_china / voices_other / voices_unknown;
    quoted_words_us / _china / _other / _unknown and share_us / share_china /
    share_other (shares of attributed quoted words); first_actor, first_actor_side,
    first_actor_surface (:func:`first_actors`); topics (number of codebook topics
    covered) and topic_list; shared_words (words in passages shared with another
    article) and shared_share.
    """
    profiles = profile_rows(corpus, quotes=quotes, mentions=mentions, codebook=codebook, roles=roles)
    return add_shared_copy(profiles, corpus, roles=roles)


def profile_rows(
    corpus,
    *,
    quotes: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    codebook: pd.DataFrame | None = None,
    roles=None,
) -> pd.DataFrame:
    """:func:`outlet_profiles` without its last two columns (shared_words, shared_share).

    Every column here reads one article alone, so the rows of a sub-corpus are the rows
    of the whole corpus for its articles (the export builds them per partition); the
    shared-copy columns compare articles with each other (:func:`add_shared_copy`).
    """
    quotes = outer_quotes(extract_quotes(corpus) if quotes is None else quotes)
    roles = roles_or_default(roles)
    sides = (*PROFILE_SIDES, "Unknown")
    info = {col: _article_column(corpus.articles, col) for col in ("outlet", "outlet_kind", "published")}
    n_paras = _count(corpus.paragraphs.loc[corpus.paragraphs["role"].isin(roles), "article_id"])
    n_sents = _count(corpus.sentences.loc[corpus.sentences["role"].isin(roles), "article_id"])
    qs = quoted_share(corpus, quotes, roles=roles)
    shares = {aid: values for aid, *values in zip(*(qs[c].tolist() for c in qs.columns))}
    speakers, speakers_by_side = _speakers_by_side(quotes)
    firsts = first_actors(corpus, mentions, roles=roles)
    first = {
        aid: values for aid, *values in zip(*(firsts[c].tolist() for c in ("article_id", "actor", "side", "surface")))
    }
    covered = _covered_topics(article_topics(corpus, codebook, roles=roles))
    n_quotes, side_words_of = _quoted_words_by_side(quotes)
    rows = []
    for aid in sorted(corpus.raw):
        side_words = {s: side_words_of.get((aid, s), 0) for s in sides}
        attributed = sum(side_words[s] for s in PROFILE_SIDES)
        t = covered.get(aid, [])
        row = {
            "article_id": aid,
            "outlet": info["outlet"].get(aid, ""),
            "outlet_kind": info["outlet_kind"].get(aid, ""),
            "published": info["published"].get(aid, ""),
            "paragraphs": n_paras.get(aid, 0),
            "sentences": n_sents.get(aid, 0),
            **dict(zip(qs.columns[1:], shares[aid])),
            "quotes": n_quotes.get(aid, 0),
            "voices": len(speakers.get(aid, ())),
        }
        for s in sides:
            row[f"voices_{s.lower()}"] = len(speakers_by_side.get((aid, s), ()))
        for s in sides:
            row[f"quoted_words_{s.lower()}"] = side_words[s]
        for s in PROFILE_SIDES:
            row[f"share_{s.lower()}"] = round(side_words[s] / attributed, 3) if attributed else 0.0
        actor, side, surface = first[aid]
        row.update(
            {
                "first_actor": actor,
                "first_actor_side": side,
                "first_actor_surface": surface,
                "topics": len(t),
                "topic_list": ";".join(t),
            }
        )
        rows.append(row)
    out = pd.DataFrame(rows)
    for col in ("words", "quoted_words", "paraphrase_words"):
        out[col] = out[col].astype("int64")
    return out


def add_shared_copy(profiles: pd.DataFrame, corpus, *, roles=None) -> pd.DataFrame:
    """``profiles`` (from :func:`profile_rows`) with shared_words and shared_share appended:
    the words of each article in passages shared with another article of ``corpus``
    (:func:`readout.analysis.reuse.flag_shared_copy`), and their share of its analysed words."""
    flags = (
        flag_shared_copy(corpus, roles=roles_or_default(roles)).groupby("article_id")[["shared_words", "n_words"]].sum()
    )
    shared_words, n_words = flags["shared_words"].to_dict(), flags["n_words"].to_dict()
    shared = [shared_words.get(aid, 0) for aid in profiles["article_id"].tolist()]
    out = profiles.copy()
    out["shared_words"] = [int(n) for n in shared]
    out["shared_share"] = [
        round(float(n) / max(int(n_words.get(aid, 0)), 1), 3) for n, aid in zip(shared, profiles["article_id"].tolist())
    ]
    return out
