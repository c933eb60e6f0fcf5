"""Who a subject phrase stands for: the actors behind names, pronouns, titles, countries and unnamed sources.

:class:`SpeakerContext` holds one article's actors (sides, kinds, titles) and its speakers so far; :func:`resolve_item`
maps a subject item (:mod:`readout.analysis.quote_speakers`) to an actor, given what the article has said so far. A
country stands for its government: China's words are its foreign ministry's, the United States' its officials'.
Unnamed sources are read by :func:`readout.analysis.group_speakers.group_speaker`; nothing is given a side by default.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from readout.analysis.actors import country_core
from readout.analysis.cue_context import ASKED_CLAUSE, FRONTED_PP, RELATIVE_BEFORE, TOLD_BEFORE, same_pronoun_lead
from readout.analysis.group_speakers import (
    CHINA_SPEAKER,
    US_LAWMAKERS,
    US_STATE,
    document_speaker,
    group_just_named,
    group_speaker,
    officials_of,
)
from readout.analysis.names import is_media_name
from readout.analysis.quote_speakers import Item
from readout.analysis.speaker_phrases import (
    ADJECTIVE_COUNTRIES,
    BODY_NOUNS,
    GENERIC_BODY,
    NATIONALITY_SIDE,
    NOMINAL_TITLES,
    ONE_SOURCE_HEADS,
    US_DEPARTMENTS,
    congress_meant,
    foreign_ministry,
    heads_institution,
    holds_title,
    nominal_noun,
    opening_country,
    opening_place,
    owned_body,
    owned_name,
    third_country_officials,
)
from readout.analysis.third_countries import IN_CAPITAL, IN_CONGRESS

US_SPEAKER = "U.S. officials"
_MISSION = re.compile(r"(?:the\s+)?(Chinese|U\.S\.|US|American)\s+(?:Embassy|Consulate|Mission)\b", re.I)


#: A minister the group rules name no one for: the person a title refers to ("the foreign minister").
_THE_MINISTER = re.compile(r"[Tt]he\s+(?:[a-z]+\s+){0,2}minister")


#: Fields a title's qualifier names, which a holder's own title must name too.
_FIELDS = frozenset({"foreign", "defence", "defense", "home", "trade", "treasury", "commerce", "finance", "energy"})
_MISSION_HEADS = ("embassy", "consulate", "mission")
_NOMINAL_SIDE = re.compile(r"\b(?:Chinese|American|U\.S\.|US)(?=\s)")


_NEAR = 32  # entries a timeline reads backwards before it consults its index


class _Timeline:
    """Where each actor appears in a growing list of (position, actor) pairs, for "the last entry before a position"
    queries that cost the number of actors, not of entries.

    The list is read, never written: entries appended since the last query are indexed first. The answers are those
    of a backward scan of the list; should an actor's positions ever come out of order, the scan itself is used.
    """

    def __init__(self, pairs: list[tuple[int, str]]):
        self.pairs = pairs
        self.seen = 0
        self.positions: dict[str, list[int]] = {}
        self.indexes: dict[str, list[int]] = {}
        self.in_order = True

    def _sync(self) -> None:
        for n in range(self.seen, len(self.pairs)):
            pos, actor = self.pairs[n]
            held = self.positions.setdefault(actor, [])
            if held and pos < held[-1]:
                self.in_order = False
            held.append(pos)
            self.indexes.setdefault(actor, []).append(n)
        self.seen = len(self.pairs)

    def last_entries(self, keep, before: int) -> list[tuple[int, int, str]]:
        """(list index, position, actor) of each actor for which ``keep(actor)`` holds, at its
        last entry before ``before``: latest in the list first."""
        if not self.in_order:
            return self._scan(keep, before)
        self._sync()
        if not self.in_order:
            return self._scan(keep, before)
        found = []
        for actor, held in self.positions.items():
            if keep(actor):
                i = bisect_left(held, before)
                if i:
                    found.append((self.indexes[actor][i - 1], held[i - 1], actor))
        found.sort(reverse=True)
        return found

    def latest(self, keep, before: int) -> tuple[int, int, str] | None:
        """The first of :meth:`last_entries`: looked for among the last few entries first,
        where it nearly always is, then in the index."""
        for n in range(len(self.pairs) - 1, max(len(self.pairs) - 1 - _NEAR, -1), -1):
            pos, actor = self.pairs[n]
            if pos < before and keep(actor):
                return n, pos, actor
        found = self.last_entries(keep, before)
        return found[0] if found else None

    def _scan(self, keep, before: int) -> list[tuple[int, int, str]]:
        found, taken = [], set()
        for n in range(len(self.pairs) - 1, -1, -1):
            pos, actor = self.pairs[n]
            if pos < before and actor not in taken and keep(actor):
                taken.add(actor)
                found.append((n, pos, actor))
        return found


#: The words of a title that a spokesperson noun fits (:data:`NOMINAL_TITLES`).
SPOKESPERSON_KEYS = NOMINAL_TITLES["spokesperson"]


@dataclass
class SpeakerContext:
    """What one article has said so far, for resolving subject items to actors.

    ``side``, ``kind`` and ``titles`` describe the article's actors (codebook and discovered),
    ``codebook`` is the set of codebook actors; ``history`` the (position, actor) speakers of
    reporting verbs in reading order; ``named`` the (position, actor) mentions outside quotes.
    """

    side: dict[str, str]
    kind: dict[str, str]
    titles: dict[str, str]
    codebook: set[str]
    history: list[tuple[int, str]] = field(default_factory=list)
    named: list[tuple[int, str]] = field(default_factory=list)
    subjects: list[tuple[int, str]] = field(default_factory=list)  # (sentence start, its first person)
    extra_side: dict[str, str] = field(default_factory=dict)
    institution: str | None = None  # the government body whose document this is ("U.S. Department of State")
    country: str | None = None  # the adjective of the third country the text is set in ("Canadian"), if any
    author: str | None = None  # the one person the byline names: a column's "I wrote in these pages that ..."
    sources: list[tuple[int, str, str]] = field(default_factory=list)  # (position, head noun, actor) of "a diplomat"
    _spoke: _Timeline | None = field(default=None, init=False, repr=False)
    _named: _Timeline | None = field(default=None, init=False, repr=False)

    def _timelines(self) -> tuple[_Timeline, _Timeline]:
        if self._spoke is None or self._spoke.pairs is not self.history:
            self._spoke = _Timeline(self.history)
        if self._named is None or self._named.pairs is not self.named:
            self._named = _Timeline(self.named)
        return self._spoke, self._named

    def spoke_before(self, keep, before: int) -> list[tuple[int, int, str]]:
        """(index, position, actor) of the speakers in ``history`` for which ``keep(actor)``
        holds, each at its last reporting verb before ``before``, latest first."""
        return self._timelines()[0].last_entries(keep, before)

    def named_before(self, keep, before: int) -> list[tuple[int, int, str]]:
        """As :meth:`spoke_before`, for the mentions in ``named``."""
        return self._timelines()[1].last_entries(keep, before)

    def last_spoke(self, keep, before: int) -> tuple[int, int, str] | None:
        """The first of :meth:`spoke_before`, or None."""
        return self._timelines()[0].latest(keep, before)

    def last_named(self, keep, before: int) -> tuple[int, int, str] | None:
        """The first of :meth:`named_before`, or None."""
        return self._timelines()[1].latest(keep, before)

    def side_of(self, actor: str) -> str:
        return self.side.get(actor) or self.extra_side.get(actor) or "Unknown"

    def is_person(self, actor: str) -> bool:
        return self.kind.get(actor) == "person"

    def own_body(self, actor: str, pos: int | None = None, sentence: str = "") -> str:
        """The document's own institution for its name without the country ("Ministry of Commerce"
        in the Chinese Ministry of Commerce's statement); a Chinese or U.S. embassy or consulate the
        codebook lacks is its foreign ministry ("Chinese Embassy in Ottawa"); a ministry named with no
        country, read at ``pos``, is whose "the ministry" would be there; else ``actor``."""
        if self.institution and actor != self.institution and country_core(self.institution) == actor:
            return self.institution
        if pos is not None and actor not in self.codebook and GENERIC_BODY.fullmatch(actor):
            found = self.body(f"the {actor}", pos, sentence)  # "the Foreign Ministry": whose, from the text
            if found is not None:
                return found
        if actor in US_DEPARTMENTS and actor not in self.codebook and self.side_of(actor) == "US":
            return self.add(US_DEPARTMENTS[actor], "US")  # "the Commerce Department": the U.S. Department of Commerce
        if actor == "Foreign Office" and actor not in self.codebook:  # London's, unless the text is set elsewhere
            return self.add(foreign_ministry(self.country or "UK"), "Other")
        owned = owned_name(actor) if actor not in self.codebook else None
        if owned is not None:
            return self.add(owned, "Other")  # "Türkiye’s Foreign Ministry": the Turkish Ministry of Foreign Affairs
        voice = self.side_of(self.institution) if self.institution else None
        owned = {"China": f"Chinese {actor}", "US": f"U.S. {actor}"}.get(voice or "")
        if owned in self.codebook and actor not in self.codebook:
            return owned  # "the Ministry of National Defense" in China's own press conference
        mission = _MISSION.match(actor) if actor not in self.codebook else None
        if mission is not None:
            parent = CHINA_SPEAKER if NATIONALITY_SIDE.get(mission.group(1).lower()) == "China" else US_STATE
            return parent if parent in self.side else actor
        return actor

    def is_medium(self, actor: str) -> bool:
        """A newspaper, wire or broadcaster, by its name or its codebook role."""
        return is_media_name(actor) or bool(MEDIA_ROLE_RE.search(self.titles.get(actor, "")))

    def mark(self) -> tuple[int, int, int]:
        """Where ``history``, ``named`` and ``subjects`` end now, for :meth:`rewind`."""
        return len(self.history), len(self.named), len(self.subjects)

    def rewind(self, mark: tuple[int, int, int]) -> None:
        """Forget what was heard, named and made a subject since ``mark`` (a quotation's inside,
        read for the quotations nested in it, is no part of the article's reading order)."""
        del self.history[mark[0] :], self.named[mark[1] :], self.subjects[mark[2] :]
        self._spoke = self._named = None

    def add(self, name: str, side: str) -> str:
        """A speaker the codebook and the mentions lack (an unnamed source or a country's government)."""
        if name not in self.side:
            self.extra_side[name] = side
        return name

    def unnamed_source(self, head: str, before: int) -> tuple[int, str] | None:
        """The last unnamed source described by ``head`` ("A Chinese diplomat in London") before ``before``."""
        found = [(p, a) for p, h, a in self.sources if h == head and p < before]
        return max(found) if found else None

    def last_speaker(self, before: int, person: bool) -> str | None:
        latest = self.last_spoke(lambda a: self.is_person(a) == person, before)
        return latest[2] if latest else None

    def recent_person(self, before: int, previous_subject: tuple[int, str] | None) -> str | None:
        """For he/she: the later of the last person who spoke and the subject of the last
        sentence that had a person as its subject."""
        latest = self.last_spoke(self.is_person, before)
        spoke = (latest[1], latest[2]) if latest else None
        found = [x for x in (spoke, previous_subject) if x is not None]
        return max(found)[1] if found else None

    def by_title(self, noun: str, before: int, prefer_side: str | None = None, only_side: bool = False) -> str | None:
        """The person a title noun ("the minister") refers to: the person who last spoke if the title
        fits, else the last person named whose titles hold it (the whole "prime minister" if anyone's
        do); ``prefer_side`` first (``only_side``: no one known to be of another side)."""
        *qualifier, noun = noun.lower().split()
        keys = NOMINAL_TITLES.get(noun, (noun,))
        fitting = self.named_before(lambda a: self.is_person(a) and holds_title(self.titles.get(a, ""), keys), before)
        whole = (" ".join([*qualifier, noun]),)
        if qualifier and (narrow := [f for f in fitting if holds_title(self.titles.get(f[2], ""), whole)]):
            fitting, keys = narrow, whole
        elif fields := [q for q in qualifier if q in _FIELDS]:  # "the foreign secretary" is no Secretary of State
            fitting = [f for f in fitting if all(q in self.titles.get(f[2], "").lower() for q in fields)]
        elif not qualifier:  # "the Secretary" is the Secretary, not the Assistant Secretary named since
            fitting = [f for f in fitting if not _JUNIOR.search(self.titles.get(f[2], ""))]
        heard = self.last_spoke(lambda a: a in self.extra_side and noun in a.lower(), before)
        source = max([x for x in (self.unnamed_source(noun, before), heard and heard[1:]) if x], default=None)
        if source is not None and (not fitting or source[0] > fitting[0][1]):
            return source[1]  # "A Chinese diplomat in London said ... '...,' the diplomat said."
        fits = [actor for _, _, actor in fitting]
        spoke = self.last_speaker(before, person=True)
        if spoke in fits and (not prefer_side or self.side_of(spoke) == prefer_side):
            return spoke  # "..., the diplomat added": the title fits the person who last spoke
        if prefer_side:
            same = [a for a in fits if self.side_of(a) == prefer_side]
            if same:
                return same[0]
            held = [
                a
                for a in self.codebook
                if self.is_person(a) and self.side_of(a) == prefer_side and holds_title(self.titles.get(a, ""), keys)
            ]
            # "the President" in a U.S. official's answer; "the U.S. envoy": first a person the text names
            if len(held) == 1 and keys != SPOKESPERSON_KEYS and not (only_side and fits):
                return held[0]
            if only_side:  # none of the other side: a person whose side is unknown may still fit
                fits = [a for a in fits if self.side_of(a) not in ("US", "China")]
            elif fits and self.institution and (head := self.head_of_institution(keys)):
                return head  # "the Secretary" in a State Department briefing that named only China's leader
        if not fits and keys == SPOKESPERSON_KEYS:
            # no spokesperson named: the body whose unnamed spokesperson spoke last, else the document's
            body = self.last_speaker(before, person=False)
            return body if body is not None and self.kind.get(body) == "institution" else self.institution
        if not fits and self.institution:
            return self.head_of_institution(keys)
        if not fits and "foreign" in qualifier and self.country in ADJECTIVE_COUNTRIES:
            # "the foreign secretary said" in a text set in London, its holder unnamed: his ministry
            return self.add(foreign_ministry(self.country), "Other")
        return fits[0] if fits else None

    def body(self, phrase: str, before: int, sentence: str = "", itself: bool = False) -> str | None:
        """The government body a phrase such as "the ministry" or "the foreign ministry" refers to.

        A body a third country owns ("Brazil's foreign ministry") or one in a sentence that opens in a third
        country's capital ("In Paris, the foreign ministry said") is that country's. Else the body last named or
        heard before ``before`` whose name holds the phrase's words; else the document's own body if it fits; else,
        set in a third country, its foreign ministry if named ``itself`` ("The foreign ministry said" in Seoul), or
        its officials; else, for a qualified phrase, the one codebook body whose name holds those words on the side
        of the government actor named last (any side for a ministry of a field other than foreign affairs, which
        every country has).
        """
        words = phrase.split()
        if words[0].lower() == "its":  # "China announced ..., which its commerce ministry described as"
            words[0] = "the"
            phrase = " ".join(words)
        cut = next((n for n, w in enumerate(words) if re.search(r"[’']s$", w)), 0)
        owner, phrase = words[cut], " ".join(words[cut:])  # "And Washington's commerce department": Washington's
        owner_side = NATIONALITY_SIDE.get(re.sub(r"[’']s$", "", owner).lower()) or NATIONALITY_SIDE.get(owner.lower())
        if owner.lower() != "the" and owner_side in ("China", "US"):  # "Beijing's foreign ministry", "China's embassy"
            side_words = ["the", "Chinese" if owner_side == "China" else "U.S.", *words[cut + 1 :]]
            return self.body(" ".join(side_words), before, sentence)
        if owner.lower() != "the":  # "Brazil's foreign ministry" (China's and America's are codebook names)
            first = cut
            while first > 0 and words[first - 1][:1].isupper() and words[first - 1] not in ("The", "And", "But"):
                first -= 1  # "South Korea's"
            return self.add(owned_body(" ".join(words[first : cut + 1]), " ".join(words[cut + 1 :])), "Other")
        adjective = next((n for n, w in enumerate(words[:-1]) if w in ADJECTIVE_COUNTRIES), None)
        if adjective is not None:  # "the Japanese foreign ministry": Japan's
            owner = ADJECTIVE_COUNTRIES[words[adjective]] + "'s"
            return self.add(owned_body(owner, " ".join(words[adjective + 1 :])), "Other")
        words = phrase.lower().split()[1:]
        head = words[-1]
        named_side = next((NATIONALITY_SIDE[w] for w in words[:-1] if w in NATIONALITY_SIDE), None)
        qualifier = next((w[:5] for w in words[:-1] if w not in NATIONALITY_SIDE), "")
        opening = opening_country(sentence)  # "In Paris, the foreign ministry said", "Brazil ..., with the ministry"
        if opening is not None and named_side is None:
            opener = opening.removesuffix(" officials")
            if opener in ADJECTIVE_COUNTRIES and qualifier == "forei":  # "Brazil ..., with the Foreign Ministry"
                return self.add(foreign_ministry(opener), "Other")
            return self.add(f"{opener} government" if head == "government" else opening, "Other")

        def fits(name: str) -> bool:
            low = name.lower()
            return head in low and qualifier in low and (named_side is None or self.side_of(name) == named_side)

        def named_body(a: str) -> bool:
            generic = a not in self.codebook and GENERIC_BODY.fullmatch(a)  # a bare "Foreign Ministry" is no owner
            return self.kind.get(a) == "institution" and not self.is_medium(a) and fits(a) and not generic

        found = [x for x in (self.last_named(named_body, before), self.last_spoke(named_body, before)) if x]
        if found:
            body = max(found, key=lambda x: x[1])[2]
            owned = owned_name(body) if body not in self.codebook else None
            return self.add(owned, "Other") if owned else body  # "the ministry" after "Türkiye’s Foreign Ministry"
        if self.institution and (fits(self.institution) or (head in _MISSION_HEADS and named_side is None)):
            return self.institution  # in an embassy's own statement, "the embassy" is the voice it speaks in
        if self.country and named_side is None:  # "a foreign ministry spokesperson" in a text set in Santiago
            if itself and qualifier == "forei" and head == "ministry":  # "The foreign ministry said" in Seoul
                return self.add(foreign_ministry(self.country), "Other")  # (its officials are the government's)
            return self.add(f"{self.country} {'government' if head == 'government' else 'officials'}", "Other")
        if not qualifier and named_side is None:
            return None
        government = self.last_named(lambda a: self.side_of(a) in ("US", "China"), before)
        side = named_side or (self.side_of(government[2]) if government else None)
        if head == "ministry" and named_side is None and qualifier not in ("", "forei"):
            side = None  # Washington has departments: "the commerce ministry" is the one the codebook holds
        kind = [
            a
            for a in self.codebook
            if self.kind.get(a) == "institution" and side in (None, self.side_of(a)) and fits(a)
        ]
        if len(kind) == 1:
            return kind[0]
        if named_side is not None and head in ("embassy", "consulate"):
            # "The Chinese embassy in Ankara welcomed the trip ... the embassy said": one body, named once
            place = re.search(f"(?i:{head})" + r"\s+in\s+([A-Z][\w’'\-]+(?:\s[A-Z][\w’'\-]+)?)", sentence)
            place = place or opening_place(sentence)  # "In Paris, the Chinese embassy said"
            if place is None:  # an embassy no text places speaks for its foreign ministry
                return CHINA_SPEAKER if named_side == "China" else US_STATE
            where = f" in {place.group(1)}"
            mission = self.add(f"{'Chinese' if named_side == 'China' else 'U.S.'} {head}{where}", named_side)
            self.kind.setdefault(mission, "institution")
            return mission
        if named_side is not None:  # "the Chinese ministry": a body of that government the codebook lacks
            return self.add(*officials_of("China" if named_side == "China" else "US"))
        return None

    def head_of_institution(self, keys: tuple[str, ...]) -> str | None:
        """The one codebook person the title fits who heads the document's own institution: "the
        Secretary" in a State Department briefing is the Secretary of State (a role "Secretary of
        State" heads a "Department of State" or "State Department"), or None."""
        heads = [
            a
            for a in self.codebook
            if self.is_person(a)
            and holds_title(self.titles.get(a, ""), keys)
            and heads_institution(self.titles.get(a, ""), self.institution or "")
        ]
        return heads[0] if len(heads) == 1 else None


def country_speaker(text: str, ctx: SpeakerContext) -> str | None:
    """The government a country or side phrase stands for: in a government's own document, that document's body;
    else China's is its foreign ministry, the United States' its officials; "both sides" is nobody."""
    third = third_country_officials(text)
    if third is not None:  # "Tokyo said": Japanese officials; "Foggy Bottom" is the State Department
        return ctx.add(third, "China" if third.startswith("Chinese") else "US" if third.startswith("U.S.") else "Other")
    words = " ".join(text.lower().replace("americans", "american").split())
    if re.fullmatch(r"the\s+(?:federal\s+|national\s+|central\s+)?government", words):
        # "The federal government says" in a text set in Ottawa: Canada's; in a government's own document, its own
        if ctx.country:
            return ctx.add(f"{ctx.country} officials", "Other")
        return ctx.institution
    side = "China" if "chinese" in words or "china" in words or "beijing" in words or "prc" in words else "US"
    if ctx.institution and ctx.side_of(ctx.institution) == side:
        return ctx.institution  # "the Chinese side stressed" in the Chinese defence ministry's own readout
    return ctx.add(CHINA_SPEAKER, "China") if side == "China" else ctx.add(US_SPEAKER, "US")


#: Offices a nominal can name on its own: the one codebook holder not named beside it is meant.
_OFFICES = frozenset({"president", "premier", "secretary", "ambassador", "envoy"})
_JUNIOR = re.compile(r"\b(?:Assistant|Deputy|Under|Vice|Press)[\s-]+(?:Secretary|Minister|President)\b", re.I)


#: An unnamed source and the noun it is described by ("A Chinese diplomat in London", a bare "spokesperson").
_ONE_SOURCE = re.compile(rf"(?:(?:[Aa]n?|[Oo]ne|[Aa]nother)\s.*?\b)?(?P<head>{ONE_SOURCE_HEADS})\b")


#: A codebook role that makes an actor a medium (it carries words, it is not a body with a spokesperson).
MEDIA_ROLE_RE = re.compile(
    r"broadcaster|news agency|news organi[sz]ation|newspaper|news outlet|television|magazine|state media", re.I
)


@dataclass
class Scene:
    """Where an item is read: its absolute position, the sentence's text and items, and the
    transcript turn around it (speaker, addressee, the speaker's side)."""

    pos: int
    sentence: str
    sentence_start: int
    sentence_items: list[Item]
    previous_subject: tuple[int, str] | None = None
    turn_speaker: str | None = None
    addressee: str | None = None
    turn_side: str | None = None
    items_after: list[Item] = field(default_factory=list)
    items_before: list[Item] = field(default_factory=list)  # the items of the sentence before, in its paragraph
    governor: Item | None = None  # for a pronoun right after a reporting verb, that verb's subject
    sentence_offset: int = 0  # where the sentence starts in the coordinates of the items


def resolve_item(item: Item, ctx: SpeakerContext, scene: Scene, depth: int = 0) -> str | None:
    """The actor a subject item stands for, or None (a vague or unknown subject)."""
    if item.kind == "mention":
        lead_in = scene.sentence[: max(0, item.start - scene.sentence_offset)]
        if ctx.kind.get(item.actor or "") == "group" and re.search(r"\b(?:former|retired)\s+$", lead_in, re.I):
            return ctx.add(f"Former {item.text}", "Other")  # "a former U.S. official": no longer the government's
        if item.actor == US_LAWMAKERS and ctx.country and item.text.lower() == "lawmakers":
            # "Lawmakers from the opposition Democratic Party" in a text set in Seoul: that country's
            return ctx.add(f"{ctx.country} lawmakers", "Other")
        if item.text == "Congress":  # China's National People's Congress named before, or India's Congress party
            last = ctx.last_named(lambda a: "Congress" in a, scene.sentence_start + item.start - scene.sentence_offset)
            meant = congress_meant(scene.sentence[item.end - scene.sentence_offset :], last and last[2], ctx.country)
            if meant is not None:
                return ctx.add(*meant)
        head = item.text.split()[-1].lower()
        one = re.search(r"\b(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+$", lead_in) and re.fullmatch(ONE_SOURCE_HEADS, head)
        if item.actor is not None and ctx.kind.get(item.actor) == "group" and one:
            ctx.sources.append((scene.pos, head, item.actor))  # "A senior State Department official": "the official"
        return item.actor if item.person or item.actor is None else ctx.own_body(item.actor, scene.pos, scene.sentence)
    if item.kind == "vague":  # "Some in Washington keep accusing China of ...": that capital's officials
        if IN_CONGRESS.search(item.text):
            return ctx.add(US_LAWMAKERS, "US")  # "Others in Congress called the trip ..."
        place = IN_CAPITAL.search(item.text)
        if place is None:
            return None
        where = place.group("p")
        if where in ("Washington", "Beijing"):
            return ctx.add(*officials_of("US" if where == "Washington" else "China"))
        return ctx.add(third_country_officials(where) or f"{where} officials", "Other")
    if item.kind == "country":
        return country_speaker(item.text, ctx)
    if item.kind == "group":
        party = re.search(r"\bCongress(?=\s+[Pp]arty)", item.text) if item.inner and "Congress" in item.inner else None
        if party and (meant := congress_meant(item.text[party.end() :], None, ctx.country)):
            return ctx.add(*meant)  # "The Congress party's spokesperson": India's party, not the U.S. Congress
        # the sentence up to a little past the source: a country named later is what the source talks about
        # ("Some diplomats ... have described Washington's approach as ...")
        upto = scene.sentence[: max(0, item.end - scene.sentence_offset) + 30]
        actor = group_speaker(item, upto, ctx, scene.pos, scene.sentence_start, scene.turn_side)
        if actor is None and _THE_MINISTER.fullmatch(item.text):  # "'...,' the foreign minister said": a person
            return ctx.by_title(nominal_noun(item.text), scene.pos, prefer_side=scene.turn_side)
        one = _ONE_SOURCE.match(item.text)
        if actor is not None and one is not None:
            ctx.sources.append((scene.pos, one.group("head").lower(), actor))  # for a later "the diplomat said"
        return actor
    if item.kind == "nominal":
        if item.text.endswith("Spokesperson") and ctx.author and ctx.institution:
            return ctx.author  # "The Spokesperson said:" in the statement of the spokesperson it names
        noun = nominal_noun(item.text)
        if noun.lower() in BODY_NOUNS:
            return ctx.body(item.text, scene.pos, scene.sentence, itself=True)
        named_side = _NOMINAL_SIDE.search(item.text)  # "the U.S. envoy": only an American fits
        if named_side is not None:
            side = "China" if named_side.group(0).lower() == "chinese" else "US"
            return ctx.by_title(noun, scene.pos, prefer_side=side, only_side=True)
        named = {i.actor for i in scene.sentence_items if i.kind == "mention"}
        after = {i.actor for i in scene.sentence_items if i.kind == "mention" and i.person and i.start >= item.end}
        of_state = noun.lower() == "secretary" and scene.sentence.startswith(
            " of state", item.end - scene.sentence_offset
        )
        found = None if of_state else ctx.by_title(noun, scene.pos, prefer_side=scene.turn_side)
        if found in after:
            found = None  # "the president called Xi a 'dictator'": not the one the verb is about
        if found is None and noun.lower() in _OFFICES:  # "the president had called Xi Jinping a 'dictator'"
            keys = ("secretary of state",) if of_state else NOMINAL_TITLES.get(noun.lower(), (noun.lower(),))

            def holds(a: str) -> bool:
                title = ctx.titles.get(a, "")
                return ctx.is_person(a) and a not in after and holds_title(title, keys) and not _JUNIOR.search(title)

            last = ctx.last_named(holds, scene.pos)
            held = [a for a in ctx.codebook if holds(a) and a not in named]
            if len(held) > 1 and noun.lower() == "secretary" and ctx.institution in (None, US_STATE, "White House"):
                # "the Secretary" in U.S. diplomacy's own words or anyone else's: of State (not in a Commerce readout)
                held = [a for a in held if "secretary of state" in ctx.titles.get(a, "").lower()] or held
            found = last[2] if last else held[0] if len(held) == 1 else None
        return found
    if item.kind == "document":
        found = document_speaker(item.text, scene.items_after, ctx, scene.pos, scene.sentence)
        if found is not None:
            ctx.sources.append((scene.pos, "document", found))
        elif item.text.lower() in ("the readout", "the statement"):  # the readout last quoted
            quoted = ctx.unnamed_source("document", scene.pos)
            return quoted[1] if quoted else None
        return found
    word = item.text.lower()
    one_of = word.startswith(("one", "another")) and not depth
    group = group_just_named(scene.items_before + scene.sentence_items, item.start, ctx.kind.get) if one_of else None
    if group is not None:  # "Chinese analysts were cautious. One said ...": one of them
        return resolve_item(group, ctx, scene, depth + 1)
    if word.startswith(("one", "another", "them")):  # "One said", "one of them told": one of the group last speaking
        word = "they"
    elif word == "him":  # "quoted him as saying"
        word = "he"
    if word == "i" and scene.turn_speaker is None and ctx.author:
        # the writer, outside any transcript turn or quotation: a column's byline, an envoy's statement
        return ctx.add(ctx.author, "Other")
    if word in ("i", "we"):
        return scene.turn_speaker
    if word == "you":
        return scene.addressee
    if depth:
        return None
    if scene.governor is not None and word in ("he", "she", "they", "it"):
        # "X said he had told him ...": the pronoun is the speaker of the verb it follows
        return resolve_item(scene.governor, ctx, scene, depth + 1) if scene.governor.kind != "pronoun" else None
    earlier = [i for i in scene.sentence_items if i.start < item.start]
    asked = ASKED_CLAUSE.match(scene.sentence)  # "Asked whether Biden would meet Xi, she said": not Biden
    if asked is not None and item.start >= scene.sentence_offset + asked.end():
        earlier = [i for i in earlier if i.start >= scene.sentence_offset + asked.end()]
    before = [i for i in earlier if not i.after_preposition and not i.possessive]
    last = ctx.last_named(lambda a: ctx.is_person(a) and a.startswith("He "), scene.pos) if item.text == "He" else None
    if last is not None and last[1] >= scene.pos - 200:  # "Vice Premier He Lifeng met Yellen. He said": he either way
        return last[2]
    if (lead := same_pronoun_lead(word, earlier, scene.sentence, scene.sentence_offset)) is not None:
        return resolve_item(lead, ctx, scene, depth)  # "When he spoke with Qin by phone, he told him": the first he
    if word in ("he", "she", "his", "her"):
        same = [i for i in before if i.person or i.kind == "nominal"] or [
            i for i in earlier if i.person and not (i.after_preposition and i.possessive)
        ]  # not "Referring to Blinken's remark, she said"
        if same and RELATIVE_BEFORE.search(scene.sentence[: item.start - scene.sentence_offset]):
            told = [i for i in same if TOLD_BEFORE.search(scene.sentence, 0, max(0, i.start - scene.sentence_offset))]
            if len(told) == len(same) and any(i.kind == "pronoun" for i in before):  # "He met Blinken ..., when he"
                met = {resolve_item(i, ctx, scene, depth + 1) for i in told}
                other = ctx.last_named(lambda a: ctx.is_person(a) and a not in met, scene.pos)
                return other[2] if other else None
            same = [i for i in same[::-1] if i not in told] or same[::-1]  # the nearest person, but no one told
        if same:
            found = resolve_item(same[0], ctx, scene, depth + 1)
            if found:
                return found
        first = scene.items_before[:1]  # "I met with President Xi. He told me": the one the speaker met
        if first and first[0].text in ("I", "We") and (people := [i for i in scene.items_before if i.person]):
            return resolve_item(people[-1], ctx, scene, depth + 1)
        found = ctx.recent_person(scene.pos, scene.previous_subject)
        if found is not None and found == scene.turn_speaker:
            # "He said yes. His words to me were ..." in the Secretary's own turn: someone else, last named
            other = ctx.last_named(lambda a: ctx.is_person(a) and a != scene.turn_speaker, scene.pos)
            return other[2] if other else None
        return found
    same = [i for i in before if (i.kind == "mention" and not i.person) or i.kind in ("country", "group")]
    if not same and FRONTED_PP.match(scene.sentence):  # "In talks with our PRC counterparts, they told us"
        same = [i for i in earlier if i.kind == "group"]
    if same:
        found = resolve_item(same[0], ctx, scene, depth + 1)
        if found:
            return found
    return ctx.last_speaker(scene.pos, person=False)
