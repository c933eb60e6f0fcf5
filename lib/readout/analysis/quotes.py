"""The quote ledger: every quotation in the corpus, who said it, and how we know.

``extract_quotes(corpus)`` scans each analysed paragraph for quotation marks,
keeps nested quotations inside their outer quote, and attributes every quote to
an actor of the codebook (``data/actors.csv``) using the reporting verb around it.

Schema of the ledger (one row per quotation, in reading order):

============  =======  =========================================================
column        type     meaning
============  =======  =========================================================
quote_id      str      ``<article_id>-q<NNN>``, stable while the article is unchanged
article_id    str      article the quote is in
para_id       int      paragraph (``corpus.paragraphs``) holding the quote
start, end    int      offsets of the quoted words, marks excluded:
                       ``corpus.raw[article_id][start:end] == text``
text          str      the quoted words (nested quotations stay inside)
speaker       str      canonical actor from the codebook, or ``UNATTRIBUTED``
speaker_side  str      US, China, Other or Unknown
cue           str      the reporting verb as printed ("said", "told", ...),
                       "according to", or "" when none was used
attribution   str      explicit, pronoun, continuation, according_to, headline
                       or none (see below)
kind          str      full, partial or scare (see below)
channel       str      readout, briefing, statement, tweet, press conference,
                       interview, hearing, or "" when the text does not say
============  =======  =========================================================

Attribution, in order of preference:

* **explicit**: a reporting verb in the quote's sentence whose subject names an
  actor ("Kritenbrink said", "said Bonnie Glaser", "the State Department said",
  "Officials said");
* **pronoun**: the subject is he/she/they, resolved to the last person (he, she)
  or group (they) named as the subject of a reporting verb before it;
* **according_to**: "according to <actor>" in the quote's sentence;
* **continuation**: no cue at all: the speaker of the previous quote in the same
  paragraph; or, for a quotation standing as its own sentence, the speaker named just
  before it (the last subject of a reporting verb, else the first person named in the
  last sentence naming one), in the same paragraph or, when the paragraph opens with the
  quote, in the previous paragraph;
* **headline**: a quote in a headline or dek, attributed by a colon prefix
  ("US official: ...") or by the same words quoted in the body;
* **none**: nothing found; the speaker is ``UNATTRIBUTED``.

What goes wrong: the rules read surface patterns, not syntax. A pronoun resolves
to the last *speaker*, not the last person mentioned, and gender is not checked;
a speaker described only by a phrase the codebook does not know ("a top official")
falls back to the codebook's reading of bare "officials". Measured accuracy
against ``data/annotations/quotes.csv`` is reported by :func:`evaluate_quotes`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import pandas as pd

from readout.analysis.actors import load_codebook, resolve_name
from readout.analysis.mentions import find_mentions
from readout.analysis.quote_spans import (
    SENTENCE_END_BEFORE,
    QuoteSpan,
    classify_kind,
    scan_quotes,
)
from readout.corpus.model import ANALYSED_ROLES, rows_by_article

UNATTRIBUTED = "UNATTRIBUTED"


QUOTE_COLUMNS = [
    "quote_id",
    "article_id",
    "para_id",
    "start",
    "end",
    "text",
    "speaker",
    "speaker_side",
    "cue",
    "attribution",
    "kind",
    "channel",
]


ATTRIBUTIONS = ("explicit", "pronoun", "continuation", "according_to", "headline", "none")


KINDS = ("full", "partial", "scare")


CHANNELS = ("readout", "briefing", "statement", "tweet", "press conference", "interview", "hearing")


# Verb forms only: third-person forms that are also common nouns ("phone calls",
# "the remarks", "claims", "notes", "states", "demands") are left out.
_VERBS = (
    "said|says|say|saying|told|tells|tell|telling|added|adds|adding|stated|explained|explains|"
    "noted|stressed|stresses|stressing|urged|urges|warned|warns|warning|wrote|writes|tweeted|"
    "acknowledged|acknowledges|acknowledging|argued|argues|insisted|insists|insisting|asked|asks|called|"
    "criticized|criticised|criticizes|criticises|characterized|characterised|described|describes|"
    "declared|declares|announced|announces|reiterated|reiterates|emphasized|emphasised|emphasizes|"
    "cautioned|accuse|accused|accuses|accusing|demanded|vowed|pledged|replied|responded|complained|"
    "claimed|predicted|recalled|admitted|conceded|concluded|remarked|testified|countered|retorted|"
    "asserted|affirmed"
)


# verbs are matched in lower case only, so "the United States" is never a cue
_CUE_FIRSTS = "".join(sorted({v[0] for v in _VERBS.split("|")} | {"a", "A"}))


# the lookahead on first letters only lets positions that can start a cue try the alternatives
_CUE_RE = re.compile(rf"(?<![\w-])(?=[{_CUE_FIRSTS}])(?:(?P<verb>{_VERBS})|(?P<according>[Aa]ccording to))(?![\w-])")


_PRONOUN_RE = re.compile(r"\b(he|she|they)\b", re.IGNORECASE)


_COLON_HEAD_RE = re.compile(r"^\s*([^:“”\"‘’]{2,60}):\s")


_OFFICIAL_RE = re.compile(r"\b(officials?|spokes(?:person|man|woman)|diplomats?|aides?)\b", re.IGNORECASE)


_CHANNEL_PATTERNS = [
    ("readout", re.compile(r"\breadouts?\b", re.I)),
    ("tweet", re.compile(r"\btweet(?:s|ed)?\b|\bon twitter\b", re.I)),
    ("press conference", re.compile(r"\b(?:press|news) conference\b", re.I)),
    ("briefing", re.compile(r"\bbriefings?\b|\bbriefed\b", re.I)),
    ("statement", re.compile(r"\bstatement\b|\bpress release\b", re.I)),
    (
        "hearing",
        re.compile(
            r"\bhearing\b|\btestif(?:y|ied|ies)\b|\btold (?:the )?(?:House|Senate)\b[^.;]*\b(?:Committee|Subcommittee)\b",
            re.I,
        ),
    ),
    ("interview", re.compile(r"\binterview\b", re.I)),
]


_ANY_CHANNEL = re.compile("|".join(f"(?:{p.pattern})" for _, p in _CHANNEL_PATTERNS), re.I)


_MEDIA_ROLE_RE = re.compile(r"broadcaster|news agency|newspaper|news outlet|television|magazine", re.I)


@dataclass
class _Cue:
    start: int  # paragraph-relative
    end: int
    word: str
    according: bool


def _mask(text: str, spans: list[QuoteSpan]) -> str:
    """``text`` with every quotation (marks included) blanked, offsets kept.

    >>> _mask('He said “no” twice', scan_quotes('He said “no” twice'))
    'He said      twice'
    """
    for q in spans:
        lo = max(q.start - 1, 0)
        hi = min(q.end + (1 if q.closed else 0), len(text))
        if hi > lo:
            text = text[:lo] + " " * (hi - lo) + text[hi:]
    return text


def _channel(masked: str, lo: int, hi: int, para_mentions: list[dict], is_media) -> str:
    """The channel named in ``masked[lo:hi]`` (the quote's sentences, quotes blanked), or "".

    Keywords first (readout, tweet, news conference, briefing, statement, hearing,
    interview); then "told <a news organisation>" (Glaser told VOA) counts as an interview.
    """
    frame = masked[lo:hi]
    if _ANY_CHANNEL.search(frame):  # one search rules out every keyword
        for name, pattern in _CHANNEL_PATTERNS:
            if pattern.search(frame):
                return name
    for told in re.finditer(r"\btold\s+", frame):
        at = lo + told.end()
        if any(at <= m["start"] <= at + 4 and is_media(m["actor"]) for m in para_mentions):
            return "interview"
    return ""


class _Speakers:
    """Resolves speaker phrases with the codebook and remembers who spoke last."""

    def __init__(self, codebook: pd.DataFrame | None, resolve_name):
        self.codebook = codebook
        self._resolve = resolve_name
        if codebook is not None and len(codebook):
            self.side = dict(zip(codebook["actor"], codebook["side"]))
            self.kind = dict(zip(codebook["actor"], codebook["kind"]))
            self.role = dict(zip(codebook["actor"], codebook["role"].fillna("")))
        else:
            self.side, self.kind, self.role = {}, {}, {}
        self.history: list[tuple[int, str]] = []  # (article offset, actor) of resolved cue subjects

    def resolve(self, phrase: str) -> str | None:
        if self._resolve is None or not phrase.strip():
            return None
        try:
            return self._resolve(phrase.strip(), self.codebook)
        except Exception:  # noqa: BLE001 - a phrase the resolver cannot read is simply unresolved
            return None

    def is_person(self, actor: str) -> bool:
        return self.kind.get(actor) == "person"

    def last(self, before: int, person: bool) -> str | None:
        for pos, actor in reversed(self.history):
            if pos < before and self.is_person(actor) == person:
                return actor
        return None

    def is_media(self, actor: str) -> bool:
        return bool(_MEDIA_ROLE_RE.search(self.role.get(actor, "")))


def _pick(mentions: list[dict], speakers: _Speakers, near: int, right: bool) -> dict | None:
    """The speaker among mentions in a window: the person nearest the cue, else the nearest actor."""
    if not mentions:
        return None
    key = (lambda m: m["start"] - near) if right else (lambda m: near - m["end"])
    people = [m for m in mentions if speakers.is_person(m["actor"])]
    pool = people or [m for m in mentions if not speakers.is_media(m["actor"])]
    return min(pool, key=key) if pool else None


_CHINA_WORDS_RE = re.compile(r"\b(?:Chinese|China[’']s|Beijing|PRC)\b")


_US_WORDS_RE = re.compile(r"\b(?:U\.S\.|US|American|Washington|State Department|White House|Pentagon)\b")


def _officials_fallback(window: str, speakers: _Speakers) -> str | None:
    """An unnamed official ('a top official', 'a Chinese embassy spokesperson').

    The codebook's reading of the whole phrase if it has one; else the side its words
    name ("Chinese ..." -> Chinese officials, "U.S. ..." -> U.S. officials); else the
    codebook's reading of bare "officials". None when the window names no official.
    """
    match = None
    for match in _OFFICIAL_RE.finditer(window):
        pass
    if match is None:
        return None
    phrase = window[max(0, match.start() - 60) : match.end() + 40]
    head = re.split(r"[,;(]", window[max(0, match.start() - 60) : match.end()])[-1]
    resolved = speakers.resolve(head)
    if resolved and not speakers.is_person(resolved):
        return resolved
    if _CHINA_WORDS_RE.search(phrase) and not _US_WORDS_RE.search(phrase):
        return speakers.resolve("Chinese officials")
    if _US_WORDS_RE.search(phrase) and not _CHINA_WORDS_RE.search(phrase):
        return speakers.resolve("U.S. officials")
    return speakers.resolve(match.group(0)) or speakers.resolve("officials")


def _covering(bounds: list[tuple[int, int]], lo: int, hi: int, length: int) -> tuple[int, int]:
    hits = [(s, e) for s, e in bounds if s < hi and e > lo]
    if not hits:
        return 0, length
    return min(s for s, _ in hits), max(e for _, e in hits)


def _cue_subject(
    cue: _Cue,
    masked: str,
    sent_lo: int,
    spans: list[QuoteSpan],
    para_mentions: list[dict],
    speakers: _Speakers,
    pstart: int,
):
    """Resolve who the cue belongs to: (actor, how) with how in explicit/pronoun/according_to, or None."""
    if cue.according:
        # "according to <noun phrase>": up to the next clause break
        tail = masked[cue.end :]
        stop = re.search(r"[,;.:!?)]|\s{3,}|—|–", tail)
        hi = cue.end + (stop.start() if stop else len(tail))
        window = [m for m in para_mentions if m["start"] >= cue.end and m["end"] <= hi]
        chosen = _pick(window, speakers, cue.end, right=True)
        if chosen:
            return chosen["actor"], "according_to"
        actor = _officials_fallback(masked[cue.end : hi], speakers)
        return (actor, "according_to") if actor else None
    # the subject to the left: back to the sentence start or the last quote before the cue
    lo = sent_lo
    for q in spans:
        q_end = q.end + (1 if q.closed else 0)
        if q_end <= cue.start:
            lo = max(lo, q_end)
    left = masked[lo : cue.start]
    window = [m for m in para_mentions if m["start"] >= lo and m["end"] <= cue.start]
    chosen = _pick(window, speakers, cue.start, right=False)
    pronoun = None
    for pronoun in _PRONOUN_RE.finditer(left):
        pass
    if pronoun is not None and (chosen is None or lo + pronoun.start() > chosen["end"]):
        word = pronoun.group(1).lower()
        actor = speakers.last(pstart + cue.start, person=(word != "they"))
        return (actor, "pronoun") if actor else None
    if chosen is not None:
        return chosen["actor"], "explicit"
    if not left.strip(" ,;—–-\n"):
        # inverted order: "…,” said Bonnie Glaser, managing director …
        tail = masked[cue.end :]
        stop = re.search(r"[,;.:!?)]|—|–", tail)
        hi = cue.end + (stop.start() if stop else len(tail))
        window = [m for m in para_mentions if m["start"] >= cue.end and m["end"] <= hi]
        chosen = _pick(window, speakers, cue.end, right=True)
        if chosen is not None:
            return chosen["actor"], "explicit"
        pron = re.match(r"\s+(he|she|they)\b", tail, re.I)
        if pron:
            actor = speakers.last(pstart + cue.start, person=pron.group(1).lower() != "they")
            return (actor, "pronoun") if actor else None
        return None
    actor = _officials_fallback(left, speakers)
    return (actor, "explicit") if actor else None


def extract_quotes(corpus, roles: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The quote ledger of ``corpus`` (columns :data:`QUOTE_COLUMNS`; see the module docs).

    ``roles`` defaults to :data:`readout.corpus.model.ANALYSED_ROLES`. The result is cached
    on the corpus. Speakers come from :func:`readout.analysis.mentions.find_mentions`; if that
    module is unavailable every quote is ``UNATTRIBUTED`` and a warning is added to
    ``corpus.warnings``.
    """

    roles = tuple(roles or ANALYSED_ROLES)
    return corpus.cached(f"quotes:{','.join(roles)}", lambda: _extract(corpus, roles)).copy()


def _extract(corpus, roles: tuple[str, ...]) -> pd.DataFrame:

    codebook = load_codebook(corpus=corpus)
    mentions = find_mentions(corpus)
    paragraphs = corpus.paragraphs[corpus.paragraphs["role"].isin(roles)]
    # one pass over each table: the articles' rows as plain tuples
    paras_of = rows_by_article(paragraphs, ["para_id", "role", "start", "end"])
    mentions_of = rows_by_article(mentions, ["start", "end", "actor"])
    sentences_of = rows_by_article(corpus.sentences, ["para_id", "start", "end"])
    speakers = _Speakers(codebook, resolve_name)
    rows: list[dict] = []
    for article_id in pd.unique(paragraphs["article_id"]) if len(paragraphs) else []:
        speakers.history = []
        paras = sorted(paras_of[article_id], key=lambda p: p[2])  # reading order
        rows.extend(
            _article_quotes(
                corpus.raw[article_id],
                article_id,
                paras,
                mentions_of.get(article_id, []),
                sentences_of.get(article_id, []),
                speakers,
            )
        )
    ledger = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    ledger["para_id"] = ledger["para_id"].astype(int)
    ledger["start"] = ledger["start"].astype(int)
    ledger["end"] = ledger["end"].astype(int)
    return ledger


def _article_quotes(
    raw: str, article_id: str, paras: list[tuple], mentions: list[tuple], sentences: list[tuple], speakers: _Speakers
) -> list[dict]:
    """The ledger rows of one article: ``paras`` (para_id, role, start, end) in reading order,
    its ``mentions`` (start, end, actor) and ``sentences`` (para_id, start, end)."""
    bounds_of: dict[int, list[tuple[int, int]]] = {}
    for para_id, s_start, s_end in sentences:
        bounds_of.setdefault(para_id, []).append((int(s_start), int(s_end)))
    mention_rows = [(int(s), int(e), actor) for s, e, actor in mentions]  # by start, as find_mentions orders them
    mention_starts = [m[0] for m in mention_rows]
    found: list[dict] = []  # quotes with paragraph context, before headline attribution
    prev_para_last_speaker: tuple[str, str, str] | None = None  # (speaker, cue, channel)
    for para_id, role, pstart, pend in paras:
        pstart, pend = int(pstart), int(pend)
        text = raw[pstart:pend]
        spans = scan_quotes(text)
        masked = _mask(text, spans)
        bounds = [(s - pstart, e - pstart) for s, e in bounds_of.get(para_id, [])]
        para_mentions = []
        lo, hi = bisect_left(mention_starts, pstart), bisect_right(mention_starts, pend)
        for m_start, m_end, actor in mention_rows[lo:hi]:
            s, e = m_start - pstart, m_end - pstart
            if s >= 0 and e <= len(text) and masked[s:e].strip() == text[s:e].strip():
                para_mentions.append({"start": s, "end": e, "actor": actor})
        cues = [_Cue(m.start(), m.end(), m.group(0), bool(m.group("according"))) for m in _CUE_RE.finditer(masked)]
        resolved: dict[int, tuple[str, str] | None] = {}
        for cue in cues:  # resolve every cue in reading order, so pronouns see earlier speakers
            sent_lo, _ = _covering(bounds, cue.start, cue.end, len(text))
            res = _cue_subject(cue, masked, sent_lo, spans, para_mentions, speakers, pstart)
            resolved[cue.start] = res
            if res and not cue.according:
                speakers.history.append((pstart + cue.start, res[0]))
        last_in_para: tuple[str, str, str] | None = None
        for q in spans:
            q_lo = q.start - 1
            q_hi = q.end + (1 if q.closed else 0)
            s_lo, s_hi = _covering(bounds, q_lo, q_hi, len(text))
            near = [c for c in cues if s_lo <= c.start and c.end <= s_hi]
            verbs = sorted(
                (c for c in near if not c.according),
                key=lambda c: (q_lo - c.end) if c.end <= q_lo else (c.start - q_hi),
            )
            speaker, how, cue_word = None, "none", ""
            for c in verbs:
                res = resolved.get(c.start)
                if res:
                    speaker, how, cue_word = res[0], res[1], c.word
                    break
            if speaker is None:
                for c in near:
                    res = resolved.get(c.start)
                    if c.according and res:
                        speaker, how, cue_word = res[0], "according_to", c.word.lower()
                        break
            channel = _channel(masked, s_lo, s_hi, para_mentions, speakers.is_media)
            if speaker is None and not verbs and not any(c.according for c in near):
                if last_in_para is not None:
                    speaker, cue_word, inherited = last_in_para
                    how, cue_word, channel = "continuation", "", channel or inherited
                elif role in ("body", "dek") and SENTENCE_END_BEFORE.search(text[: max(q_lo, 0)]):
                    # a quotation standing as its own sentence: the speaker named just before it
                    if not masked[:q_lo].strip():
                        if prev_para_last_speaker is not None:
                            speaker, _, inherited = prev_para_last_speaker
                            how, channel = "continuation", channel or inherited
                    else:
                        named = _named_before(q_lo, cues, resolved, para_mentions, speakers, bounds)
                        if named:
                            speaker, how = named, "continuation"
            if speaker is not None:
                last_in_para = (speaker, cue_word, channel)
            found.append(
                dict(
                    article_id=article_id,
                    para_id=int(para_id),
                    role=role,
                    start=pstart + q.start,
                    end=pstart + q.end,
                    text=raw[pstart + q.start : pstart + q.end],
                    speaker=speaker,
                    cue=cue_word,
                    attribution=how,
                    channel=channel,
                    _para_text=text,
                    _q=(q.start, q.end),
                    _colon=_COLON_HEAD_RE.match(text) if role == "headline" or role == "dek" else None,
                )
            )
        if role in ("body", "dek"):
            if last_in_para is not None:
                prev_para_last_speaker = last_in_para
            else:
                named = _named_before(len(text), cues, resolved, para_mentions, speakers, bounds)
                prev_para_last_speaker = (named, "", "") if named else None
    _attribute_headlines(found, speakers)
    rows = []
    for n, f in enumerate(found, start=1):
        speaker = f["speaker"] or UNATTRIBUTED
        attributed = speaker != UNATTRIBUTED
        rows.append(
            dict(
                quote_id=f"{article_id}-q{n:03d}",
                article_id=article_id,
                para_id=f["para_id"],
                start=f["start"],
                end=f["end"],
                text=f["text"],
                speaker=speaker,
                speaker_side=speakers.side.get(speaker, "Unknown") if attributed else "Unknown",
                cue=f["cue"] if attributed else "",
                attribution=f["attribution"] if attributed else "none",
                kind=classify_kind(f["_para_text"], f["_q"][0], f["_q"][1], role=f["role"], attributed=attributed),
                channel=f["channel"],
            )
        )
    return rows


def _named_before(pos: int, cues, resolved, para_mentions, speakers: _Speakers, bounds) -> str | None:
    """The speaker a reader would carry forward at ``pos``: the last subject of a reporting
    verb before it in the paragraph, else the first person named (the likely subject) in
    the last sentence before it that names a person, outside quotes."""
    subjects = [resolved[c.start][0] for c in cues if c.end <= pos and not c.according and resolved.get(c.start)]
    if subjects:
        return subjects[-1]
    people = [m for m in para_mentions if m["end"] <= pos and speakers.is_person(m["actor"])]
    if not people:
        return None
    last = people[-1]
    sent_lo = max((lo for lo, hi in bounds if lo <= last["start"]), default=0)
    return next(m["actor"] for m in people if m["start"] >= sent_lo)


def _normal(text: str) -> str:
    return re.sub(r"[^\w\s]", "", text.lower()).strip()


def _attribute_headlines(found: list[dict], speakers: _Speakers) -> None:
    """Headline and dek quotes without a cue: a colon prefix, else the same words quoted in the body."""
    body = [f for f in found if f["role"] not in ("headline", "dek") and f["speaker"]]
    for f in found:
        if f["speaker"] or f["role"] not in ("headline", "dek"):
            continue
        colon = f["_colon"]
        if colon is not None and colon.end() <= f["_q"][0]:
            actor = speakers.resolve(colon.group(1))
            if actor:
                f.update(speaker=actor, attribution="headline")
                continue
        words = _normal(f["text"])
        if not words:
            continue
        exact = [b for b in body if _normal(b["text"]) == words]
        containing = [b for b in body if re.search(rf"\b{re.escape(words)}\b", _normal(b["text"]))]
        match = exact[0] if exact else containing[0] if containing else None
        if match is not None:
            f.update(speaker=match["speaker"], attribution="headline", channel=f["channel"] or match["channel"])
