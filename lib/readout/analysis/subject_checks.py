"""Second looks at the subject a reporting verb was given, where the nearest subject is not the
one speaking: a country in a clause its own official, or an office-holder of no known side,
reports ("Matsuno told a news conference that Tokyo welcomed '...'": Matsuno), and a subject that is also the verb's object ("... had
embarrassed Xi Jinping and called the Chinese leader a 'dictator'": not Xi, who is the one
called, but the sentence's lead subject). :meth:`readout.analysis.quote_attribution.
ParagraphQuotes.resolve_cue` calls :func:`second_look`. And whether a speaker is only relayed inside an
earlier speaker's words (:func:`relayed_speaker`), so that no later "he" stands for them.
And, for an answer or "their words" whose owner is no subject item, :func:`unnamed_possessor`:
a country's answer ("Beijing's answer for now is '...'") is its government's officials', and
"In their words" is the last sentence's subject's ("The Chinese side is not ready. In their words").
And where a participle's subject is searched from (:func:`participle_start`).
"""

from __future__ import annotations

import re
from typing import Protocol

from readout.analysis.attribution_positions import Sentences
from readout.analysis.cue_context import (
    CONTENT_NOUNS,
    COUNTRY_POSSESSOR,
    REPORTED_CLAUSE,
    STATED_CONTENT,
    WITH_SUBJECT,
)
from readout.analysis.group_speakers import officials_of
from readout.analysis.quote_cues import Cue
from readout.analysis.quote_spans import QuoteSpan
from readout.analysis.quote_speakers import Item
from readout.analysis.speaker_phrases import NATIONALITY_SIDE
from readout.analysis.speaker_resolution import SpeakerContext, country_speaker


class Paragraph(Protocol):
    """What :func:`second_look` reads of :class:`readout.analysis.quote_attribution.ParagraphQuotes`."""

    masked: str
    cues: list[Cue]
    spans: list[QuoteSpan]
    sentences: Sentences
    resolved: dict[int, tuple[str, str] | None]  # the cues resolved so far, in reading order

    def items_in(self, lo: int, hi: int) -> list[Item]: ...
    def cues_in(self, lo: int, hi: int) -> list[Cue]: ...
    def sentence_of(self, lo: int, hi: int) -> tuple[int, int]: ...
    def resolve_at(self, item: Item, pos: int, s_lo: int, s_hi: int) -> str | None: ...
    @property
    def ctx(self) -> SpeakerContext: ...


#: Titles of an office-holder, who speaks for a country when reporting its view.
_OFFICE = re.compile(r"\b(?:minister|spokes\w+|president|ambassador|secretary|premier)\b", re.I)


#: Verbs that name their object ("called the Chinese leader a ...").
_NAMING_VERBS = re.compile(r"(?:call(?:ed|s|ing)?|described?|describing|labell?ed|branded|dubbed|termed)$", re.I)


#: "the Chinese leader" as a naming verb's object: a leader of that side, not one who names him.
_LEADER_OBJECT = re.compile(r"\s+the\s+(?P<n>Chinese|American|U\.S\.|US)\s+(?:leader|president|head\s+of\s+state)\b")


def second_look(pq: Paragraph, cue: Cue, item: Item, taken: tuple[str, str], s_lo: int, s_hi: int) -> tuple[str, str]:
    """The speaker of ``cue`` after the checks in the module docs; ``taken`` when neither applies."""
    masked, ctx = pq.masked, pq.ctx
    if item.kind == "country":
        outer = next((c for c in reversed(pq.cues) if c.end <= item.start and c.start >= s_lo), None)
        if (
            outer is not None
            and outer.kind == "verb"
            and not outer.word.lower().endswith("ing")
            and REPORTED_CLAUSE.fullmatch(masked, outer.end, item.start)
        ):
            reporter = pq.resolved.get(outer.start)
            if reporter is not None and (
                ctx.side_of(reporter[0]) == ctx.side_of(taken[0])
                or (  # "Foreign Minister Penny Wong said Australia welcomed": an office-holder of no known side
                    ctx.side_of(reporter[0]) == "Unknown"
                    and ctx.side_of(taken[0]) == "Other"
                    and _OFFICE.search(ctx.titles.get(reporter[0], ""))
                )
            ):
                return reporter
    if item.kind == "mention" and _NAMING_VERBS.search(cue.word):
        named = [i for i in pq.items_in(cue.end, cue.end + 40) if not masked[cue.end : i.start].strip()]
        leader = _LEADER_OBJECT.match(masked, cue.end)
        same = bool(named) and pq.resolve_at(named[0], cue.start, s_lo, s_hi) == taken[0]
        if same or (leader is not None and NATIONALITY_SIDE[leader.group("n").lower()] == ctx.side_of(taken[0])):
            # the subject of the sentence's earlier reporting verb ("Biden told donors ... and called"), else its lead
            earlier = next((c for c in reversed(pq.cues) if s_lo <= c.start and c.end <= item.start), None)
            said = pq.resolved.get(earlier.start) if earlier is not None and earlier.kind == "verb" else None
            lead = [
                i
                for i in pq.items_in(s_lo, item.start)
                if i.end <= item.start and not i.after_preposition and not i.possessive and i.kind != "vague"
            ]
            actor = said[0] if said else pq.resolve_at(lead[0], cue.start, s_lo, s_hi) if lead else None
            if actor is not None and actor != taken[0]:
                return actor, taken[1]
    return taken


def relayed_speaker(pq: Paragraph, cue: Cue, resolved: dict[int, tuple[str, str] | None]) -> bool:
    """Whether ``cue`` reports someone inside what an earlier speaker of its sentence said ("Wang Yi
    noted that President Xi has pointed out that ...") or inside its object with no clause break
    between ("The Ambassador noted the concerns the Secretary raised"): the one relayed is no "he"
    to come."""
    s_lo = pq.sentence_of(cue.start, cue.end)[0]
    return any(
        c.start < cue.start
        and resolved.get(c.start)
        and (
            re.search(r"\bthat\b", pq.masked[c.end : cue.start])
            or not re.search(r"[,;:—–]|\b(?:and|but|while|before|after|as)\b", pq.masked[c.end : cue.start])
        )
        for c in pq.cues
        if c.start >= s_lo and c.kind == "verb"
    )


#: Speech nouns whose content a "that" clause gives ("Beijing's statement that it would '...'").
_PLEDGE_NOUNS = frozenset({"statement", "pledge", "promise", "assurance", "commitment", "vow"})
_THAT_CONTENT = re.compile(r"\s+that\s+[^,;:.!?]{0,80}$")
_SAYING = re.compile(r"said|says|say|told|tells|added|adds|stated|wrote|noted", re.IGNORECASE)


def unnamed_possessor(pq: Paragraph, cue: Cue, s_lo: int, how: str) -> tuple[str, str] | None:
    """The owner of a possessive or "their words" cue that no subject item stands at (see the module docs)."""
    masked, ctx, at = pq.masked, pq.ctx, cue.subject_end
    pledge = cue.word in _PLEDGE_NOUNS  # "welcomed Beijing's statement that it would '...'"
    country = (
        COUNTRY_POSSESSOR.search(masked, 0, at)
        if cue.kind == "possessive" and (cue.word in CONTENT_NOUNS or pledge)
        else None
    )
    if country is not None:
        quoted = next((q.start - 1 for q in pq.spans if q.start > cue.end), None)
        reported = any(  # "said China's position", "said Beijing's statement"
            c.kind == "verb"
            and s_lo <= c.start < cue.start
            and (
                not pledge
                or (_SAYING.fullmatch(c.word) and re.fullmatch(r"\s+(?:that\s+)?", masked[c.end : country.start()]))
            )
            for c in pq.cues
        )
        content = _THAT_CONTENT if pledge else STATED_CONTENT
        if quoted is None or reported or not content.match(masked, cue.end, quoted):
            return None
        side = ctx.side_of(country_speaker(country.group(0), ctx) or "")
        return (ctx.add(*officials_of(side)), how) if side in ("US", "China") else None
    if cue.kind == "words" and s_lo > 0 and masked.startswith(("their", "its"), at):
        prev_lo = pq.sentences.last_start_at(s_lo - 1)
        first = next((i for i in pq.items_in(prev_lo, s_lo) if not i.after_preposition), None)
        if prev_lo < s_lo and first is not None and first.kind in ("country", "group"):
            actor = pq.resolve_at(first, first.start, prev_lo, s_lo)
            return (actor, how) if actor else None
    return None


#: A coordinated clause inside a sentence (", and China lodged a protest ..."): a participle after it is its subject's.
_COORDINATED = re.compile(r"(?:[,;]\s+|\s{3,})(?:and|but|while)\s+")  # (a comma may sit inside a blanked quotation)


def participle_start(pq: Paragraph, cue: Cue, s_lo: int, s_hi: int) -> tuple[tuple[str, str] | None, int]:
    """For a participle cue ("..., calling the remark '...'"): a speaker decided outright, or None and
    where its subject is searched from. A participle right after "X said," is X's ("..., a senior
    official said, adding that"); one after "with X" is X's ("with the ministry saying"); one after a
    coordinated clause that opens with a subject is that clause's (", and China lodged a protest the
    next day, calling the remark '...'": China's); else the sentence's subject's."""
    masked = pq.masked
    said = next((c for c in reversed(pq.cues_in(s_lo, cue.start)) if c.kind == "verb"), None)
    if said is not None and not masked[said.end : cue.start].strip(" ,") and pq.resolved.get(said.start):
        return pq.resolved[said.start], s_lo
    near = [i for i in pq.items_in(s_lo, cue.start) if WITH_SUBJECT.fullmatch(masked, i.end, cue.start)]
    if near and masked[max(0, near[-1].start - 5) : near[-1].start] == "with ":
        actor = pq.resolve_at(near[-1], cue.start, s_lo, s_hi)
        return ((actor, "explicit") if actor else None), s_lo
    clauses = list(_COORDINATED.finditer(masked, s_lo, cue.start))
    clause = clauses[-1] if clauses else None  # the last coordinated clause before the participle
    if (
        clause is not None
        and (said is None or said.end <= clause.start())
        and pq.items_in(clause.end(), clause.end() + 1)
    ):
        return None, clause.end()
    return None, s_lo
