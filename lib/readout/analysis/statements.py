"""What each government said, as the articles report it, layer by layer.

:func:`side_statements` assembles a side's words in four layers:

* ``official``: the sentences of an official readout or statement, in the voice of its side
  (:func:`readout.analysis.quotes.document_units`), minus the quotations of others in them;
* ``transcript``: the sentences of each transcript turn, in its speaker's voice, minus the
  quotations of others;
* ``quotation``: quotations from the quote ledger (:func:`readout.analysis.quotes.extract_quotes`);
* ``paraphrase``: the attributed paraphrase around them in news, wire, state-media and
  commentary articles ("Qin said Washington should ...", "according to a readout issued by
  China's foreign ministry").

Each piece keeps its article, offsets, speaker and layer. Reporter narration is never a
side's words: a speaker that is a news organisation, a reporter or an analyst gives no
statement (Chinese state media included, although the codebook puts it on China's side).
Shared wire copy and the same line carried by several outlets are counted once (``counted``;
:mod:`readout.analysis.duplicates`). The layers are not to be pooled: an official readout's
sentence and the same words quoted in a wire story are two layers of one statement.
:func:`default_layer` picks the layer a comparison should use.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

import pandas as pd

from readout.analysis.actors import load_codebook
from readout.analysis.duplicates import mark_duplicates
from readout.analysis.mentions import discovered_actors, find_mentions
from readout.analysis.quotes import document_units, extract_quotes, outer_quotes, reported_cues
from readout.analysis.reuse import flag_shared_copy
from readout.analysis.statement_rules import (
    LEGISLATIVE_ROLES,
    REPORTING_CUE_RE,
    attribute_sentence,
    clause_end,
    content_region,
    overlapping,
    subtract_spans,
    trim_span,
)
from readout.corpus.model import ANALYSED_ROLES, rows_by_article
from readout.text.tokens import terms

#: The two sides compared, in the order of the log-odds ratio (positive z = first side).
SIDES: tuple[str, str] = ("US", "China")


#: ``corpus.cached`` keys of :func:`article_pieces` start with this
PIECES_MEMO_PREFIX = "framing.article_pieces:"

#: The layers of a side's statements, from the most direct to the least.
LAYERS = ("official", "transcript", "quotation", "paraphrase")


PIECE_COLUMNS = [
    "piece_id",
    "statement_id",
    "side",
    "layer",
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
    """Mentions (with pronouns), and every actor's role description: the codebook's role, or
    the titles printed with an actor the codebook lacks."""

    mentions = find_mentions(corpus, pronouns=True)
    book = load_codebook(corpus=corpus)[["actor", "role"]].rename(columns={"role": "actor_role"})
    found = discovered_actors(corpus)[["actor", "titles"]].rename(columns={"titles": "actor_role"})
    book = pd.concat([book, found.drop_duplicates("actor")], ignore_index=True).drop_duplicates("actor")
    return mentions, book


#: Roles of speakers whose words are reporting, not a government's statement.
MEDIA_ROLES = r"\b(?:news|media|broadcaster|newspaper|agency|reporter|correspondent|editor|journalist|host|moderator)\b"


def side_statements(
    corpus,
    *,
    sides: Sequence[str] = SIDES,
    exclude_roles: str | None = LEGISLATIVE_ROLES,
    paraphrase_roles: Sequence[str] = ("body",),
    dedupe_share: float = 0.8,
    layers: Sequence[str] | None = None,
) -> pd.DataFrame:
    """What each government said, as reported: one row per piece (see the module docs).

    ``layers`` keeps only some of :data:`LAYERS` (default: all; :func:`default_layer` picks one).
    Official and transcript pieces are described in
    :func:`readout.analysis.quotes.document_units`; the rest of this docstring is about
    quotations and paraphrase.

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

    Speakers whose codebook role (or printed title) matches ``exclude_roles`` (default:
    Congress) are left out, and so are news organisations, reporters and hosts
    (:data:`MEDIA_ROLES`): a sentence whose only subject is a news agency, a reporter or an
    analyst is nobody's statement.

    Shared copy is counted once: a piece is a duplicate (``counted`` False,
    ``duplicate_of`` its kept copy) when it sits in the same shared-copy group
    (:func:`readout.analysis.reuse.flag_shared_copy`) as a kept piece of the same side and kind, or
    when at least ``dedupe_share`` of its word trigrams (all its words if it has fewer
    than three) occur in a kept piece of the same side, from the same speaker (outlets
    name the same line's speaker differently, so pieces of 15 words or more match across
    speakers; a shorter stock phrase said by two people counts twice). Longer pieces
    are kept first.

    Columns: piece_id, statement_id (:func:`statement_key`: a side's pieces in one sentence,
    official and transcript pieces apart from reported ones), side, layer, article_id, outlet, para_id, sent_id, start, end
    (offsets into ``corpus.raw``; ``raw[start:end] == text``), kind (quote, paraphrase,
    official or transcript), text, speaker, cue, source (ledger, attribution, document),
    copy_group, counted, duplicate_of.
    """
    key = f"framing.side_statements:{tuple(sides)}:{exclude_roles}:{tuple(paraphrase_roles)}:{dedupe_share}"
    table = corpus.cached(
        key, lambda: _side_statements(corpus, tuple(sides), exclude_roles, tuple(paraphrase_roles), dedupe_share)
    ).copy()
    if layers is not None:
        table = table[table["layer"].isin(tuple(layers))].reset_index(drop=True)
    return table


#: the columns a piece has before statements, outlets and copies are assigned
_RAW_PIECE_COLUMNS = [
    c for c in PIECE_COLUMNS if c not in ("piece_id", "statement_id", "outlet", "copy_group", "counted", "duplicate_of")
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
    quotes, qsource = outer_quotes(extract_quotes(corpus)), "ledger"
    units = document_units(corpus)
    mentions, book = _speaker_table(corpus)
    roles = book["actor_role"].fillna("")
    excluded = set(book.loc[roles.str.contains(MEDIA_ROLES, regex=True, case=False), "actor"])
    if exclude_roles:
        excluded |= set(book.loc[roles.str.contains(exclude_roles, regex=True), "actor"])
    # each table's rows as plain tuples, grouped by article once
    sents_of = rows_by_article(sents, ["start", "end", "para_id", "sent_id", "role"])
    quotes_of = rows_by_article(quotes, ["start", "end", "speaker", "speaker_side", "cue"])
    mentions_of = rows_by_article(mentions, ["start", "end", "actor", "side", "kind", "in_title"])
    units_of = rows_by_article(units, ["start", "end", "speaker", "side", "layer", "holes"])
    cues_of = rows_by_article(reported_cues(corpus), ["start", "end", "speaker", "side"])
    context = _PieceContext(sides, excluded, paraphrase_roles, qsource)
    context.kinds = dict(zip(mentions["actor"], mentions["kind"]))
    pieces: list[dict] = []
    for aid in sorted(sents_of):
        voiced = units_of.get(aid, [])
        pieces.extend(_voiced_pieces(aid, corpus.raw[aid], sorted(sents_of[aid]), voiced, context))
        pieces.extend(
            _article_pieces(
                aid,
                corpus.raw[aid],
                sorted(sents_of[aid]),
                quotes_of.get(aid, []),
                mentions_of.get(aid, []),
                context,
                paraphrase=not voiced,
                cues=cues_of.get(aid, []),
            )
        )
    table = pd.DataFrame(pieces, columns=_RAW_PIECE_COLUMNS)
    return table.sort_values(["article_id", "start", "layer"], kind="stable", ignore_index=True)


def _voiced_pieces(aid: str, raw: str, sents: list[tuple], units: list[tuple], ctx) -> list[dict]:
    """Official and transcript pieces: each voiced sentence minus the quotations of others."""
    pieces = []
    starts = [int(s[0]) for s in sents]
    for u_start, u_end, speaker, side, layer, holes in units:
        if side not in ctx.sides or speaker in ctx.excluded:
            continue
        i = max(bisect_right(starts, int(u_start)) - 1, 0)
        _, _, para_id, sent_id, _ = sents[i] if sents else (0, 0, 0, 0, "")
        local = [(h0 - u_start, h1 - u_start) for h0, h1 in holes]
        stext = raw[u_start:u_end]
        for r0, r1 in subtract_spans((0, len(stext)), local):
            r0, r1 = trim_span(stext, r0, r1)
            if r1 > r0 and terms(stext[r0:r1]):
                pieces.append(
                    dict(
                        side=side,
                        layer=layer,
                        article_id=aid,
                        para_id=int(para_id),
                        sent_id=int(sent_id),
                        start=u_start + r0,
                        end=u_start + r1,
                        kind=layer,
                        text=raw[u_start + r0 : u_start + r1],
                        speaker=speaker,
                        cue="",
                        source="document",
                    )
                )
    return pieces


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
    table["piece_id"] = [
        f"{a}:{s}-{e}:{ly}" for a, s, e, ly in zip(table.article_id, table.start, table.end, table.layer)
    ]
    table["statement_id"] = [
        statement_key(a, n, sd, ly) for a, n, sd, ly in zip(table.article_id, table.sent_id, table.side, table.layer)
    ]
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
        self.kinds: dict[str, str] = {}


def _article_pieces(
    aid: str,
    raw: str,
    sents: list[tuple],
    quotes: list[tuple],
    mentions: list[tuple],
    ctx: _PieceContext,
    paraphrase: bool = True,
    cues: list[tuple] = (),  # type: ignore[assignment]
) -> list[dict]:
    """The quoted and paraphrased pieces of one article, before shared copy is marked.

    ``sents`` are (start, end, para_id, sent_id, role) in reading order; ``quotes`` the
    ledger's (start, end, speaker, speaker_side, cue) in its order; ``mentions`` the
    article's (start, end, actor, side, kind, in_title), by start; ``cues`` the reporting
    cues the quote attribution resolved, (start, end, speaker, side)
    (:func:`readout.analysis.quotes.reported_cues`).
    """
    sides, excluded = ctx.sides, ctx.excluded
    pieces: list[dict] = []
    last_speaker: dict[str, dict] = {}
    mention_starts = [int(m[0]) for m in mentions]
    quotes_of = overlapping([(s[0], s[1]) for s in sents], quotes)
    cues_at = _CueIndex(cues)
    for (s0, s1, para_id, sent_id, role), sq in zip(sents, quotes_of):
        s0, s1, para_id, sent_id = int(s0), int(s1), int(para_id), int(sent_id)
        stext = raw[s0:s1]
        # quotations that start in this sentence
        for q_start, q_end, q_speaker, q_side, q_cue in sq:
            if q_start < s0:
                continue
            side = q_side if ctx.qsource == "ledger" else None
            if side in sides and q_speaker not in excluded:
                pieces.append(
                    dict(
                        side=side,
                        layer="quotation",
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
        if role not in ctx.paraphrase_roles or not paraphrase:
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
        in_span = cues_at.starting_in(s0 + a0, s0 + a1)
        if in_span:
            # the speaker the quote attribution found for this verb (titles, appositions, clauses)
            speaker = dict(
                speaker, actor=in_span[0][2], side=in_span[0][3], kind=ctx.kinds.get(in_span[0][2], "person")
            )
            speaker.pop("pronoun", None)
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
        for c_start, _, c_speaker, _ in cues_at.starting_in(s0 + a1, s1):
            if c_speaker != speaker["actor"]:
                # a later clause with its own speaker ("..., which Beijing has described as ...") is theirs
                clause = re.search(r"(?:[,;:—–]|\bwhich\b|\bthat\b)[^,;:—–]*$", stext[: c_start - s0])
                holes_all.append((clause.start() if clause else c_start - s0, len(stext)))
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
                            layer="paraphrase",
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


class _CueIndex:
    """An article's cues (tuples starting with their start), found by where they start."""

    def __init__(self, cues: Sequence[tuple]):
        self.cues = cues
        self.order = sorted(range(len(cues)), key=lambda n: cues[n][0])
        self.starts = [cues[n][0] for n in self.order]

    def starting_in(self, lo: int, hi: int) -> list[tuple]:
        """The cues starting in ``[lo, hi)``, in the order given."""
        picked = self.order[bisect_left(self.starts, lo) : bisect_left(self.starts, hi)]
        return [self.cues[n] for n in sorted(picked)]


def statement_key(article_id: str, sent_id: int, side: str, layer: str) -> str:
    """A statement's id: ``article_id#sent_id#side`` for what an article reports a side said
    (its quotations and paraphrase in one sentence are one statement, as the hand codes of
    ``data/annotations/frames.csv`` have it), ``article_id#sent_id#side#layer`` for an official
    or transcript sentence.

    >>> statement_key("a", 3, "US", "quotation"), statement_key("a", 3, "US", "official")
    ('a#3#US', 'a#3#US#official')
    """
    if layer in ("quotation", "paraphrase"):
        return f"{article_id}#{sent_id}#{side}"
    return f"{article_id}#{sent_id}#{side}#{layer}"


def statements(pieces: pd.DataFrame, counted_only: bool = True) -> pd.DataFrame:
    """One row per statement (:func:`statement_key`) from :func:`side_statements`.

    Columns: statement_id, side, article_id, outlet, sent_id, kind (quote, paraphrase,
    quote+paraphrase, official or transcript), speaker (``;``-joined), text (pieces joined
    with " … "), n_pieces, layer (the pieces' layers, ``+``-joined: quotation+paraphrase).
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
                "layer": "+".join(
                    sorted(
                        {str(g.get("layer", "")) for g in group}, key=lambda layer: _LAYER_ORDER.get(layer, len(LAYERS))
                    )
                ),
            }
        )
    cols = ["statement_id", "side", "article_id", "outlet", "sent_id", "kind", "speaker", "text", "n_pieces", "layer"]
    return pd.DataFrame(rows, columns=cols)


_LAYER_ORDER = {layer: n for n, layer in enumerate(LAYERS)}


STATEMENT_COLUMNS = ["statement_id", "article_id", "start", "end", "text", "speaker", "side", "layer", "counted"]


def statements_table(corpus) -> pd.DataFrame:
    """Export entry ``statements``: every piece of every layer (:func:`side_statements`).

    One row per piece: statement_id (:func:`statement_key`, shared by the pieces of one
    statement), article_id, start, end (offsets into ``corpus.raw``), text, speaker,
    side (US or China), layer (official, transcript, quotation or paraphrase), counted (False
    for a repeat of a piece already counted in the same layer).
    """
    return side_statements(corpus)[STATEMENT_COLUMNS].reset_index(drop=True)


def default_layer(pieces: pd.DataFrame, sides: Sequence[str] = SIDES) -> str:
    """The layer a comparison of the sides should use: ``official`` when every side has
    counted official statements (their own readouts and statements), else ``quotation``.

    >>> import pandas as pd
    >>> default_layer(pd.DataFrame({"side": ["US", "China"], "layer": ["official", "quotation"], "counted": [True, True]}))
    'quotation'
    """
    official = pieces[(pieces["layer"] == "official") & pieces["counted"].astype(bool)]
    return "official" if all((official["side"] == s).any() for s in sides) else "quotation"


def pieces_by_statement(pieces: pd.DataFrame) -> dict[str, list[dict]]:
    """The pieces (as dicts) of each statement_id, in table order; statements by first appearance."""
    out: dict[str, list[dict]] = {}
    columns = list(pieces.columns)
    for values in zip(*(pieces[c].tolist() for c in columns)):
        row = dict(zip(columns, values))
        out.setdefault(row["statement_id"], []).append(row)
    return out
