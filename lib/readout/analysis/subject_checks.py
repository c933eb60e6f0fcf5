"""Second looks at the subject a reporting verb was given, where the nearest subject is not the
one speaking: a country in a clause its own official, or an office-holder of no known side,
reports ("Matsuno told a news conference that Tokyo welcomed '...'": Matsuno), and a subject that is also the verb's object ("... had
embarrassed Xi Jinping and called the Chinese leader a 'dictator'": not Xi, who is the one
called, but the sentence's lead subject). :meth:`readout.analysis.quote_attribution.
ParagraphQuotes.resolve_cue` calls :func:`second_look`. And whether a speaker is only relayed inside an
earlier speaker's words (:func:`relayed_speaker`), so that no later "he" stands for them.
"""

from __future__ import annotations

import re
from typing import Protocol

from readout.analysis.cue_context import REPORTED_CLAUSE
from readout.analysis.quote_cues import Cue
from readout.analysis.quote_speakers import Item
from readout.analysis.speaker_phrases import NATIONALITY_SIDE
from readout.analysis.speaker_resolution import SpeakerContext


class Paragraph(Protocol):
    """What :func:`second_look` reads of :class:`readout.analysis.quote_attribution.ParagraphQuotes`."""

    masked: str
    cues: list[Cue]
    resolved: dict[int, tuple[str, str] | None]  # the cues resolved so far, in reading order

    def items_in(self, lo: int, hi: int) -> list[Item]: ...
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
    noted that President Xi has pointed out that ..."): the one relayed is no "he" to come."""
    s_lo = pq.sentence_of(cue.start, cue.end)[0]
    return any(
        c.start < cue.start and resolved.get(c.start) and re.search(r"\bthat\b", pq.masked[c.end : cue.start])
        for c in pq.cues
        if c.start >= s_lo and c.kind == "verb"
    )
