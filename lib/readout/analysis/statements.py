"""What each government said, as the articles report it.

:func:`side_statements` assembles quotations from the quote ledger
(:func:`readout.analysis.quotes.extract_quotes`) and the attributed paraphrase around them
("Qin said Washington should ...", "according to a readout issued by China's foreign
ministry"). Each piece keeps its article, offsets and kind (``quote`` or ``paraphrase``).
Shared wire copy and the same line carried by several outlets are counted once (``counted``;
:mod:`readout.analysis.duplicates`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

import pandas as pd

from readout.analysis.actors import load_codebook
from readout.analysis.duplicates import mark_duplicates
from readout.analysis.mentions import find_mentions
from readout.analysis.quotes import extract_quotes
from readout.analysis.reuse import flag_shared_copy
from readout.analysis.statement_rules import (
    LEGISLATIVE_ROLES,
    REPORTING_CUE_RE,
    attribute_sentence,
    clause_end,
    content_region,
    subtract_spans,
    trim_span,
)
from readout.corpus.model import ANALYSED_ROLES, rows_by_article
from readout.text.tokens import terms

#: The two sides compared, in the order of the log-odds ratio (positive z = first side).
SIDES: tuple[str, str] = ("US", "China")


#: ``corpus.cached`` keys of :func:`article_pieces` start with this
PIECES_MEMO_PREFIX = "framing.article_pieces:"

PIECE_COLUMNS = [
    "piece_id",
    "statement_id",
    "side",
    "article_id",
    "outlet",
    "para_id",
    "sent_id",
    "start",
    "end",
    "kind",
    "text",
    "speaker",
    "cue",
    "source",
    "copy_group",
    "counted",
    "duplicate_of",
]


def _speaker_table(corpus) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Mentions (with pronouns) joined to the codebook's actor role description."""

    mentions = find_mentions(corpus, pronouns=True)
    book = load_codebook(corpus=corpus)[["actor", "role"]].rename(columns={"role": "actor_role"})
    return mentions.merge(book, on="actor", how="left"), book


def side_statements(
    corpus,
    *,
    sides: Sequence[str] = SIDES,
    exclude_roles: str | None = LEGISLATIVE_ROLES,
    paraphrase_roles: Sequence[str] = ("body",),
    dedupe_share: float = 0.8,
) -> pd.DataFrame:
    """What each government said, as reported: one row per quoted or paraphrased piece.

    Quotations come from the quote ledger (:func:`readout.analysis.quotes.extract_quotes`), kept when
    the speaker's side is one of ``sides``. Paraphrase is found in sentences of
    ``paraphrase_roles`` that carry a reporting cue (:data:`REPORTING_CUES`: "said",
    "told", "urged", "according to" ...) tied to an actor mention
    (:func:`readout.analysis.mentions.find_mentions`): the nearest mention before the cue (titles and
    appositives in between are allowed), a pronoun right before it ("he said", resolved to
    the article's last speaker of that kind), or a mention just after it ("said Jessica
    Chen Weiss", "according to China's foreign ministry"). The side is the attributed
    actor's side in the codebook. The paraphrase is the part of the sentence that reports
    the statement (what follows "X said ...", or what precedes "..., X said"), minus the
    attribution, minus any quotation, and minus "according to ..." clauses.

    Speakers whose codebook role matches ``exclude_roles`` (default: Congress) are left out.

    Shared copy is counted once: a piece is a duplicate (``counted`` False,
    ``duplicate_of`` its kept copy) when it sits in the same shared-copy group
    (:func:`readout.analysis.reuse.flag_shared_copy`) as a kept piece of the same side and kind, or
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
    return corpus.cached(
        key, lambda: _side_statements(corpus, tuple(sides), exclude_roles, tuple(paraphrase_roles), dedupe_share)
    ).copy()


_RAW_PIECE_COLUMNS = [
    "side",
    "article_id",
    "para_id",
    "sent_id",
    "start",
    "end",
    "kind",
    "text",
    "speaker",
    "cue",
    "source",
]


def article_pieces(
    corpus,
    *,
    sides: Sequence[str] = SIDES,
    exclude_roles: str | None = LEGISLATIVE_ROLES,
    paraphrase_roles: Sequence[str] = ("body",),
) -> pd.DataFrame:
    """The quoted and paraphrased pieces of every article, before shared copy is marked.

    The per-article half of :func:`side_statements` (columns side, article_id, para_id,
    sent_id, start, end, kind, text, speaker, cue, source; articles in sorted order, each
    in reading order). Each article's rows depend on that article alone, so the table can
    be built in parts and concatenated; memoised on the corpus.
    """
    key = f"{PIECES_MEMO_PREFIX}{tuple(sides)}:{exclude_roles}:{tuple(paraphrase_roles)}"
    return corpus.cached(
        key, lambda: _article_pieces_table(corpus, tuple(sides), exclude_roles, tuple(paraphrase_roles))
    )


def _article_pieces_table(corpus, sides, exclude_roles, paraphrase_roles) -> pd.DataFrame:

    sents = corpus.sentences[corpus.sentences["role"].isin(ANALYSED_ROLES)]
    quotes, qsource = extract_quotes(corpus), "ledger"
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
        pieces.extend(
            _article_pieces(
                aid, corpus.raw[aid], sorted(sents_of[aid]), quotes_of.get(aid, []), mentions_of.get(aid, []), context
            )
        )
    return pd.DataFrame(pieces, columns=_RAW_PIECE_COLUMNS)


def _side_statements(corpus, sides, exclude_roles, paraphrase_roles, dedupe_share) -> pd.DataFrame:

    table = article_pieces(corpus, sides=sides, exclude_roles=exclude_roles, paraphrase_roles=paraphrase_roles)
    if table.empty:
        return pd.DataFrame(columns=PIECE_COLUMNS)
    outlet = dict(zip(corpus.articles["article_id"], corpus.articles["outlet"]))
    flags = flag_shared_copy(corpus)
    group_of = {
        (a, int(n)): (None if pd.isna(g) else int(g))
        for a, n, g in zip(flags["article_id"], flags["sent_id"], flags["copy_group"])
    }
    table = table.sort_values(["article_id", "start", "kind"], ignore_index=True)
    table["piece_id"] = [f"{a}:{s}-{e}" for a, s, e in zip(table.article_id, table.start, table.end)]
    table["statement_id"] = [f"{a}#{n}#{sd}" for a, n, sd in zip(table.article_id, table.sent_id, table.side)]
    table["outlet"] = table["article_id"].map(outlet)
    table["copy_group"] = pd.array(
        [group_of.get((a, n)) for a, n in zip(table.article_id, table.sent_id)], dtype="Int64"
    )
    mark_duplicates(table, dedupe_share)
    return table[PIECE_COLUMNS]


class _PieceContext:
    """What :func:`_article_pieces` needs besides one article's rows."""

    def __init__(self, sides, excluded, paraphrase_roles, qsource):
        self.sides, self.excluded = tuple(sides), set(excluded)
        self.paraphrase_roles, self.qsource = tuple(paraphrase_roles), qsource


def _article_pieces(
    aid: str, raw: str, sents: list[tuple], quotes: list[tuple], mentions: list[tuple], ctx: _PieceContext
) -> list[dict]:
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
                pieces.append(
                    dict(
                        side=side,
                        article_id=aid,
                        para_id=para_id,
                        sent_id=sent_id,
                        start=int(q_start),
                        end=int(q_end),
                        kind="quote",
                        text=raw[q_start:q_end],
                        speaker=q_speaker,
                        cue=q_cue,
                        source=ctx.qsource,
                    )
                )
        if role not in ctx.paraphrase_roles:
            continue
        holes = [(max(int(q[0]), s0) - s0, min(int(q[1]), s1) - s0) for q in sq]
        lo, hi = bisect_left(mention_starts, s0), bisect_right(mention_starts, s1)
        ments = [
            dict(start=int(m0) - s0, end=int(m1) - s0, actor=actor, side=side, kind=kind, in_title=bool(in_title))
            for m0, m1, actor, side, kind, in_title in mentions[lo:hi]
            if m1 <= s1
        ]
        found = attribute_sentence(stext, holes, ments)
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
        for m in REPORTING_CUE_RE.finditer(stext):
            if any(h0 <= m.start() < h1 for h0, h1 in holes_all):
                continue
            if m.group(0).lower().startswith("according"):
                holes_all.append((m.start(), clause_end(stext, m.end())))
            else:
                tail = re.search(r"[,\u201d\"]\s*((?:[\w'\u2019.-]+\s+){0,6})$", stext[: m.start()])
                if tail and clause_end(stext, m.end()) >= len(stext.rstrip(' .\u201d"')) - 1:
                    holes_all.append((tail.start(1), clause_end(stext, m.end())))
        for region in content_region(stext, a0, a1, inverted, cue):
            for r0, r1 in subtract_spans(region, holes_all):
                r0, r1 = trim_span(stext, r0, r1)
                if r1 > r0 and terms(stext[r0:r1]):
                    pieces.append(
                        dict(
                            side=speaker["side"],
                            article_id=aid,
                            para_id=para_id,
                            sent_id=sent_id,
                            start=s0 + r0,
                            end=s0 + r1,
                            kind="paraphrase",
                            text=raw[s0 + r0 : s0 + r1],
                            speaker=speaker["actor"],
                            cue=cue,
                            source="attribution",
                        )
                    )
    return pieces


def statements(pieces: pd.DataFrame, counted_only: bool = True) -> pd.DataFrame:
    """One row per statement (a side's pieces in one sentence) from :func:`side_statements`.

    Columns: statement_id, side, article_id, outlet, sent_id, kind (quote, paraphrase or
    quote+paraphrase), speaker (``;``-joined), text (pieces joined with " … "), n_pieces.
    Statements come in the order of their first piece.
    """
    p = pieces[pieces["counted"]] if counted_only else pieces
    rows = []
    for sid, group in pieces_by_statement(p).items():
        first = group[0]
        kinds = sorted({g["kind"] for g in group})
        rows.append(
            {
                "statement_id": sid,
                "side": first["side"],
                "article_id": first["article_id"],
                "outlet": first["outlet"],
                "sent_id": int(first["sent_id"]),
                "kind": "+".join(kinds) if len(kinds) > 1 else kinds[0],
                "speaker": ";".join(dict.fromkeys(str(g["speaker"]) for g in group)),
                "text": " \u2026 ".join(g["text"] for g in sorted(group, key=lambda g: g["start"])),
                "n_pieces": len(group),
            }
        )
    cols = ["statement_id", "side", "article_id", "outlet", "sent_id", "kind", "speaker", "text", "n_pieces"]
    return pd.DataFrame(rows, columns=cols)


def pieces_by_statement(pieces: pd.DataFrame) -> dict[str, list[dict]]:
    """The pieces (as dicts) of each statement_id, in table order; statements by first appearance."""
    out: dict[str, list[dict]] = {}
    columns = list(pieces.columns)
    for values in zip(*(pieces[c].tolist() for c in columns)):
        row = dict(zip(columns, values))
        out.setdefault(row["statement_id"], []).append(row)
    return out
