"""Who an unnamed source stands for: "a State Department spokesperson", "one senior
administration official", "many Chinese scholars", "a GCC official in Riyadh".

An unnamed official takes the side its words or its sentence name ("a State Department
spokesperson" is the State Department, "one senior administration official" U.S. officials, "a
diplomatic source" in a sentence about Turkey a Turkish diplomatic source); unnamed scholars and
experts are independent voices; lawmakers are their legislature's; a body of neither side named
in the phrase speaks for itself; "his aides" are the officials of his side, "his counterparts"
and "my counterparts" (in a transcript turn) the other side's, a party's senator ("one Republican
senator") a U.S. lawmaker in a text not set abroad, and an unqualified official in a government's
own transcript or statement is that government's. Diplomats of no nationality posted in a capital
("diplomats in Beijing") are foreign diplomats there, of no side; "One said" after a plural group
(:func:`group_just_named`) is one of it. Nothing else is given a side by default.
A readout or statement named as a subject ("the Chinese readout", "a foreign ministry
statement") is its body's (:func:`document_speaker`).
:func:`readout.analysis.speaker_resolution.resolve_item` calls both.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

from readout.analysis.names import side_from_description
from readout.analysis.quote_speakers import Item
from readout.analysis.speaker_phrases import (
    ADJECTIVE_COUNTRIES,
    BODY_NOUNS,
    FAMILIAR_RE,
    GOVERNMENT_WORDS,
    GROUP_RE,
    NATIONALITY_RE,
    NATIONALITY_SIDE,
    PAIR_OF_SIDES,
    PLACE_BASED,
    QUANTIFIERS,
    REGIONAL_ADJECTIVES,
    THIRD_COUNTRY_RE,
    VAGUE_HEADS,
    foreign_ministry,
    other_modifiers,
    owned_body,
    single_nationality,
    third_country_officials,
)
from readout.analysis.third_countries import (
    CAPITALS,
    COUNTRY_ADJECTIVES,
    FOREIGN_MINISTRIES,
    GOVERNMENT_SEATS,
    country_adjective,
)


class SourceContext(Protocol):
    """What :func:`group_speaker` reads of :class:`readout.analysis.speaker_resolution.SpeakerContext`."""

    kind: dict[str, str]
    side: dict[str, str]
    extra_side: dict[str, str]
    institution: str | None
    country: str | None

    def last_spoke(self, keep: Callable[[str], bool], before: int) -> tuple[int, int, str] | None: ...
    def last_named(self, keep: Callable[[str], bool], before: int) -> tuple[int, int, str] | None: ...
    def side_of(self, actor: str) -> str: ...
    def own_body(self, actor: str, pos: int | None = None, sentence: str = "") -> str: ...
    def is_medium(self, actor: str) -> bool: ...
    def add(self, name: str, side: str) -> str: ...
    def unnamed_source(self, head: str, before: int) -> tuple[int, str] | None: ...
    def body(self, phrase: str, before: int, sentence: str = "") -> str | None: ...


US_OFFICIALS, CHINA_OFFICIALS = "U.S. officials", "Chinese officials"
US_LAWMAKERS = "U.S. lawmakers"


def officials_of(side: str) -> tuple[str, str]:
    """The unnamed officials of a side ("US", else China) and that side, as ``ctx.add`` takes them."""
    return (US_OFFICIALS, "US") if side == "US" else (CHINA_OFFICIALS, "China")


CHINA_SPEAKER = "Chinese Ministry of Foreign Affairs"
US_STATE = "U.S. Department of State"


_INDEPENDENT_HEADS = re.compile(
    r"^(?:scholars?|experts?|analysts?|researchers?|commentators?|economists?|academics?|observers?|executives?|"
    r"managers?|exporters?|investors?|traders|netizens?|bankers?|business\s+groups?|business\s+leaders?|"
    r"businesses|companies|firms|correspondents?|students?)$",
    re.I,
)


def group_just_named(items: list[Item], before: int, kind_of: Callable[[str], str | None]) -> Item | None:
    """The last plural group among ``items`` (in reading order) that starts before ``before``, where
    "One said", "one of them told" or "Another called" stands: "Chinese analysts were cautious. One
    said ...", "according to two people familiar with the trip. '...,' one of them said". None if none."""
    for item in reversed([i for i in items if i.start < before]):
        if item.kind == "group" or (item.kind == "mention" and kind_of(item.actor or "") == "group"):
            m = GROUP_RE.match(item.text)
            head = (m.group("head") if m else item.text.split()[-1]).lower()
            if head == "people" or (head.endswith("s") and not head.endswith("ss")):
                return item
    return None


_LAWMAKER_HEADS = re.compile(
    r"^(?:senators?|lawmakers?|legislators?|congress(?:wo)?m[ae]n|Republicans?|Democrats?|members|politicians?)$", re.I
)
_CAPITAL_NAMES = frozenset({"Beijing", "Washington", *CAPITALS})
_LEGISLATURE_WORDS = re.compile(r"Congress|Senate|House|Parliament|Assembly|Diet|Legislat|Bundestag|Duma|Knesset")
_US_LEGISLATURE = re.compile(r"(?<!People's )(?<!People’s )\b(?:Congress|Capitol Hill|U\.S\. Senate|US Senate)\b")
_US_PARTY = re.compile(r"\b(?:Republican|Democratic|Democrat|GOP)\b")
_FORMER_MOD = re.compile(r"(?<![\w-])(?:former|retired|ex-)", re.I)
_GOVERNMENT_HEADS = re.compile(
    r"^(?:officials?|aides?|negotiators?|diplomats?|representatives?|ministers?|advis[eo]rs?|counterparts?|hosts|interlocutors?)$",
    re.I,
)


#: Where diplomats of no nationality named are posted: "diplomats in Beijing", "Beijing-based diplomats".
_POSTED_IN = re.compile(r"(?:based\s+)?in\s+(?P<p>[A-Z][\w.’'\-]+(?:\s+[A-Z][\w’'\-]+)?)$")


#: The body a spokesperson speaks for, named in full ("for Global Affairs Canada").
_FOR_BODY = re.compile(r"for\s+(?:the\s+)?(?P<b>[A-Z][\w’'\-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w’'\-]*){0,6})$")


#: An unnamed official who travels with the Secretary of State: one of the U.S. delegation.
_WITH_THE_SECRETARY = re.compile(
    r"\b(?:travell?ing|flying)\s+with\s+(?:you|him|the\s+Secretary|(?:Mr\.?\s+|Secretary\s+)?Blinken)\b"
    r"|\bon\s+(?:your|his|the\s+Secretary['’]s|Blinken['’]s)\s+plane\b"
)


#: A head of government's own spokesperson, who speaks for that government.
_LEADERS_SPOKESPERSON = re.compile(r"\bprime\s+minister[’']s\s+(?:official\s+)?spokes(?:man|woman|person)\b", re.I)


#: A third country's name among an unnamed source's words ("a Global Affairs Canada official"), longest first.
_COUNTRY_NAMED = re.compile(
    r"\b(?:" + "|".join(map(re.escape, sorted(COUNTRY_ADJECTIVES, key=len, reverse=True))) + r")\b"
)


#: The firm an independent group works at ("analysts at Oakhaven Partners" are "Oakhaven Partners analysts").
_FIRM_PP = re.compile(r"(?:at|from|with)\s+(?:the\s+)?(?P<firm>[A-Z].*)$")

_OWNED_PP = re.compile(
    r"(?:at|of|in|from|with|for)\s+(?P<c>[A-Z][\w ]+?)[’']s\s+(?P<body>[\w ]*(?:Ministry|Office|Department|ministry))$"
)


_US_WORDS_RE = re.compile(
    r"\b(?:administration|White House|State Department|Pentagon|Treasury|congressional|"
    r"(?:Commerce|Justice|Defense|Homeland Security|Energy|Treasury) Department)\b"
)


def group_speaker(
    item: Item, sentence: str, ctx: SourceContext, pos: int, sentence_start: int = 0, own_side: str | None = None
) -> str | None:
    """The speaker an unnamed source stands for (see the module docs). ``own_side`` is the side
    of the one speaking in the first person (a transcript turn's speaker), for "my counterparts"."""
    familiar = FAMILIAR_RE.match(item.text)
    if familiar is not None:  # no government named: no side either
        how = " ".join(familiar.group("how").split())
        return ctx.add(f"People {how} the {familiar.group('what')}", "Unknown")
    m = GROUP_RE.match(item.text)
    if m is None:
        return None
    head = m.group("head").lower()
    mods = (m.group("mods") or "").strip()
    pp = (m.group("pp") or "").strip()
    pp = "" if PAIR_OF_SIDES.search(pp) else pp  # "an expert on China-U.S. relations": the subject, no side
    if re.search(r"\bstate\s+department(?:[’']s)?$", mods) and head.startswith("spokes"):
        return US_STATE  # "a state department spokesperson", in lower case as some papers print it
    if head in VAGUE_HEADS or (head == "members" and not _LEGISLATURE_WORDS.search(pp)):
        return None  # "members of the U.S. Senate" are lawmakers; members of anything else are no one named
    if item.inner and (
        head.startswith("spokes") or (head.startswith("official") and _independent_body(item.inner, ctx))
    ):
        # "a ministry spokesperson", "a GCC official in Riyadh": the body's
        return ctx.own_body(item.inner, pos, sentence)
    if item.inner and head.startswith("official"):
        own = ctx.own_body(item.inner, pos, sentence)
        if ctx.side_of(own) == "Other":  # "a senior official in the Ministry of External Affairs": New Delhi's
            return own
    if head.startswith("spokes") and ctx.country and _LEADERS_SPOKESPERSON.search(sentence):
        return ctx.add(f"{ctx.country} government", "Other")  # "the prime minister's official spokesman" in London
    if mods.lower() in ("his", "her", "my", "our") and _GOVERNMENT_HEADS.match(head):
        if mods.lower() in ("my", "our"):
            boss_side = own_side or ""  # "as my counterparts put it": the first-person speaker's counterparts
        else:
            boss = ctx.last_named(lambda a: ctx.kind.get(a) == "person", pos)  # "Blinken ..., his aides": his side's
            boss_side = ctx.side_of(boss[2]) if boss else ""
        if head == "counterparts" and boss_side in ("US", "China"):
            boss_side = "China" if boss_side == "US" else "US"  # "his counterparts": the other side's officials
        if boss_side in ("US", "China"):
            return ctx.add(*officials_of(boss_side))
    place = single_nationality(sentence)
    abroad = place is not None and NATIONALITY_SIDE.get(place.group("n").lower()) is None
    owner_words = [re.sub(r"[’']s$", "", w) for w in mods.split()]  # "the department's spokeswoman"
    while owner_words and owner_words[-1].lower() not in BODY_NOUNS and len(owner_words) > 1:
        owner_words.pop()  # "the ministry's deputy spokesperson"
    possessive = "'s " in f"{mods} " or "’s " in f"{mods} "  # "the department's spokeswoman": the one just named
    owner_at = next(  # "a German foreign ministry ...", "a Chinese foreign ministry spokesperson" in a text set abroad
        (n for n, w in enumerate(owner_words) if w in ADJECTIVE_COUNTRIES or NATIONALITY_SIDE.get(w.lower())), None
    )
    if owner_at is not None and head.startswith("spokes") and owner_words[-1].lower() in BODY_NOUNS:
        return ctx.body("the " + " ".join(owner_words[owner_at:]), pos, sentence)  # "a German foreign ministry ..."
    if (
        head.startswith("spokes")
        and owner_words
        and owner_words[-1].lower() in BODY_NOUNS
        and (possessive or not abroad)
    ):
        # "a commerce ministry spokesperson": the ministry, as "the commerce ministry" would be (unless the
        # sentence is set in a third country: "a foreign ministry spokesperson told a briefing in Seoul")
        owner = ctx.body("the " + " ".join(owner_words[-2:]), pos, sentence)
        if owner is not None:
            return owner
    if head.startswith("spokes") and not mods and not pp:
        # "The Foreign Office welcomed the visit. A spokesperson said ...": the body just named, else the document's;
        # "the spokeswoman said" after a body's spokeswoman spoke is that body's, whatever was named since
        spoke = ctx.last_spoke(lambda a: ctx.kind.get(a) != "person" and not ctx.is_medium(a), pos)
        if (
            (m.group("det") or "").strip().lower() == "the"
            and spoke is not None
            and spoke[1] >= sentence_start - _SPOKESPERSON_REACH
        ):
            return spoke[2]
        body = ctx.last_named(lambda a: ctx.kind.get(a) == "institution" and not ctx.is_medium(a), pos)
        if body is not None and body[1] >= sentence_start - _SPOKESPERSON_REACH:
            return ctx.own_body(body[2], pos, sentence)  # "The Foreign Office ...": London's
        if ctx.institution:
            return ctx.institution
    owned = _OWNED_PP.match(pp)
    if (
        owned is not None
        and owned.group("c") in COUNTRY_ADJECTIVES
        and (_GOVERNMENT_HEADS.match(head) or head.startswith("spokes"))
    ):
        return ctx.add(
            owned_body(owned.group("c") + "'s", owned.group("body")), "Other"
        )  # "at Mexico's Economy Ministry"
    named_for = _FOR_BODY.match(pp) if head.startswith("spokes") and not item.inner and not mods else None
    if named_for is not None and NATIONALITY_RE.search(named_for.group("b")) is None:
        named = named_for.group("b")  # "A spokesperson for Global Affairs Canada": the body it names
        return ctx.add(named, side_from_description(named) or "Unknown")
    if mods in GOVERNMENT_SEATS and (head.startswith("spokes") or _GOVERNMENT_HEADS.match(head)):
        return ctx.add(GOVERNMENT_SEATS[mods], "Other")  # "a Downing Street spokesman", "a Kremlin official"
    seat = THIRD_COUNTRY_RE.search(pp)
    if seat is not None and _GOVERNMENT_HEADS.match(head) and seat.group(0) not in CAPITALS:
        return ctx.add(third_country_officials(seat.group(0)) or "", "Other")  # "an adviser at the Élysée"
    posted = _POSTED_IN.match(pp) or PLACE_BASED.search(mods) if head.startswith("diplomat") else None
    if posted is not None and not NATIONALITY_RE.search(mods) and not REGIONAL_ADJECTIVES & set(mods.lower().split()):
        return ctx.add(f"Foreign {head} in {posted.group('p')}", "Other")  # "diplomats in Beijing": posted there
    phrase = f"{mods} {pp}".strip()
    side = _phrase_side(phrase, ctx, item.inner)
    nationality = NATIONALITY_RE.search(phrase)
    if side is None and nationality is not None:  # "a Southeast Asian diplomat": a nationality no description names
        side = NATIONALITY_SIDE.get(nationality.group("n").lower(), "Other")
    named = _COUNTRY_NAMED.search(mods) if side is None and nationality is None else None
    if named is not None:  # a body named with its country: "a Global Affairs Canada official"
        country = named.group(0)
        if head.startswith("spokes") and FOREIGN_MINISTRIES.get(country, "-") in mods:
            return ctx.add(FOREIGN_MINISTRIES[country], "Other")  # its spokesperson: the ministry
        if _GOVERNMENT_HEADS.match(head):
            return ctx.add(f"{COUNTRY_ADJECTIVES[country]} officials", "Other")
    ranking = all(w.lower() in _RANKS for w in mods.split())
    det = (m.group("det") or "").strip().lower()
    if det == "one" and not mods and not pp and _INDEPENDENT_HEADS.match(head):
        # "Chinese experts told the paper ... '...,' one expert said": one of the group just named
        group = ctx.last_spoke(lambda a: a.lower().endswith(f" {head}s"), pos)
        if group is not None and group[1] >= sentence_start - _SPOKESPERSON_REACH:
            return group[2]
    earlier = ctx.unnamed_source(head, pos) if det == "the" and not mods else None
    if earlier is not None and not pp:
        return earlier[1]  # "A senior Foreign Ministry official said ... '...,' the official said"
    if head.startswith("official") and ranking and not pp and side is None and _WITH_THE_SECRETARY.search(sentence):
        return ctx.add(US_OFFICIALS, "US")  # "a senior official traveling with you told us"
    if head.startswith("official") and ranking and not pp and side is None:
        # "the senior official": the officials who last spoke, else the last named before this sentence
        officials = {a for a in ctx.kind if ctx.kind[a] == "group" and "officials" in a.lower()}
        officials |= {a for a in ctx.extra_side if a.endswith(" officials")}  # "Japanese government officials ..."
        spoke = ctx.last_spoke(officials.__contains__, pos)
        named = ctx.last_named(officials.__contains__, sentence_start)
        if spoke or named:
            return (spoke or named)[2]  # type: ignore[index]
    regional = next((w for w in mods.lower().split() if w in REGIONAL_ADJECTIVES), None)
    if regional is not None and side is None and nationality is None:
        # "one western diplomat called": no one country's, whatever country the sentence names
        return ctx.add(f"{regional.capitalize()} {head}", "Other")
    own_words = ctx.institution.split() if ctx.institution else []
    if nationality is None and side is None and any(w[:1].isupper() and w in own_words for w in mods.split()):
        return ctx.institution  # "Department officials" in the State Department's own statement
    if (
        nationality is None
        and side is None
        and ctx.country
        and not (
            abroad and country_adjective(place.group("n")) != ctx.country
        )  # "In Berlin, ..." in a text set in London
        and {w.lower() for w in mods.split()} & GOVERNMENT_WORDS
    ):
        what = "government" if head.startswith("spokes") and "government" in mods.lower().split() else "officials"
        return ctx.add(f"{ctx.country} {what}", "Other")  # "a senior Foreign Office official" in Islamabad
    if nationality is None and side is None:
        nationality = place  # the one nationality the sentence names, found above
        if nationality is not None and _LAWMAKER_HEADS.match(head) and nationality.group("n") in _CAPITAL_NAMES:
            nationality = None  # "One lawmaker described the Beijing talks as ...": a city named, not theirs
        if nationality is not None:
            side = NATIONALITY_SIDE.get(nationality.group("n").lower(), "Other")
        if side == "US" and "ministry" in phrase.lower():  # Washington has departments: another country's ministry
            nationality, side = None, None
    if head.startswith("media"):  # "Some U.S. media outlets have described ...", "Western media"
        where = "U.S." if side == "US" else "" if nationality is None else nationality.group("n")
        where = where or next((w.capitalize() for w in mods.lower().split() if w in REGIONAL_ADJECTIVES), "")
        if side == "China":
            return ctx.add("Chinese state media", "China")
        return ctx.add(f"{where} media" if where else "Media", "Other")
    if _INDEPENDENT_HEADS.match(head):
        firm = _FIRM_PP.match(pp)
        if firm is not None and NATIONALITY_RE.search(pp) is None and not mods:
            return ctx.add(f"{firm.group('firm')} {head}", "Other")  # "analysts at Oakhaven Partners"
        based = PLACE_BASED.search(mods)  # "a Hong Kong-based portfolio manager": where, as written
        adj = CAPITALS.get(nationality.group("n"), nationality.group("n")) if nationality else ""
        adj = adj or (based.group(0) if based else "")
        name = " ".join(x for x in (adj, other_modifiers(mods), head) if x)
        return ctx.add(_capitalised(name), "Other")  # "Traders", "Chinese experts"
    if head.startswith("republican") and side is None:
        side = "US"  # "several Republicans, including Chairman McCaul, have said"
    if head.startswith("democrat") and side is None and not ctx.country:
        side = "US"  # "Several Democrats, speaking privately, said", in a text not set abroad
    if _LAWMAKER_HEADS.match(head) and NATIONALITY_RE.search(phrase) is None and _US_LEGISLATURE.search(sentence):
        side = "US"  # "the U.S. Congress passed a law, and one senator boasted"
    if head.startswith("congress") and side is None and not ctx.country:
        side = "US"  # "One congressman claimed ...", in a text not set abroad
    if _LAWMAKER_HEADS.match(head) and side is None and not ctx.country and _US_PARTY.search(mods):
        side = "US"  # "one Republican senator", in a text not set abroad
    if _LAWMAKER_HEADS.match(head) and side in ("US", "China", "Other"):
        # "one senator boasted": the legislature's members, the codebook's group for the U.S. side
        if side == "US":
            return ctx.add(US_LAWMAKERS, "US")
        adjective = (
            "Chinese"
            if side == "China"
            else CAPITALS.get(nationality.group("n"), nationality.group("n"))
            if nationality
            else ""
        )
        return ctx.add(f"{adjective} lawmakers", side) if adjective else None
    former = _FORMER_MOD.search(mods)
    if former is not None and (_GOVERNMENT_HEADS.match(head) or head.startswith("spokes")):
        # "a retired Chinese diplomat", "a former U.S. official": no government's any more, named as printed
        name = " ".join(w for w in mods.split() if w.lower() not in QUANTIFIERS) + f" {m.group('head')}"
        return ctx.add(_capitalised(name), "Other")
    if head.startswith("spokes") or _GOVERNMENT_HEADS.match(head) or head.startswith("source"):
        if side == "US":
            return ctx.add(US_OFFICIALS, "US")
        if side == "China":
            return ctx.add(CHINA_OFFICIALS, "China")
        if side == "Other" and nationality is not None:
            adjective = CAPITALS.get(nationality.group("n"), nationality.group("n"))
            adjective = "UK" if adjective == "British" else adjective  # the UK's government bodies are "UK ..."
            if head.startswith("official"):  # unnamed officials are their government's officials, whatever their rank
                return ctx.add(f"{adjective} officials", "Other")
            if head.startswith("spokes") and "government" in mods.lower().split():
                return ctx.add(f"{adjective} government", "Other")  # "a government spokesperson" in Berlin
            if head.startswith("spokes") and re.search(r"\bforeign\s+ministry\b", mods, re.I):
                return ctx.add(foreign_ministry(adjective), "Other")  # "a foreign ministry spokesperson in Seoul"
            return ctx.add(" ".join(x for x in (adjective, other_modifiers(mods), head) if x), "Other")
        if head.startswith("official") and ranking and not pp:
            voice = ctx.side_of(ctx.institution) if ctx.institution else ""
            if voice in ("US", "China"):  # "a senior official told us" in a State Department transcript: its side's
                return ctx.add(*officials_of(voice))
            return ctx.add("officials", "Unknown")  # no side named anywhere: no default either
        return None
    return None


def _independent_body(name: str, ctx: SourceContext) -> bool:
    """A body of neither side and no government's ministry ("GCC", not "Foreign Ministry")."""
    return ctx.side_of(name) not in ("US", "China") and not set(name.lower().split()) & GOVERNMENT_WORDS


#: How far before its sentence a body may be named for a bare "a spokesperson" to speak for it (characters).
_SPOKESPERSON_REACH = 250


_RANKS = frozenset("top senior high-ranking high-level ranking other another same visiting".split())


def _phrase_side(phrase: str, ctx: SourceContext, inner: str | None) -> str | None:
    if inner is not None and ctx.side_of(inner) in ("US", "China", "Other"):
        return ctx.side_of(inner)
    if _US_WORDS_RE.search(phrase):
        return "US"
    return side_from_description(phrase) if NATIONALITY_RE.search(phrase) else None


def _capitalised(name: str) -> str:
    """A group's name with its first letter in capitals, as a codebook writes it ("Traders")."""
    return name[:1].upper() + name[1:]


def document_speaker(phrase: str, items_after: list[Item], ctx: SourceContext, pos: int, sentence: str) -> str | None:
    """Whose a readout, statement or transcript is, from its own words or the body named after it."""
    text = phrase.lower()
    if "chinese" in text:
        return ctx.add(CHINA_SPEAKER, "China")
    for nxt in items_after:
        if nxt.kind == "mention" and not nxt.person:
            return nxt.actor
        if nxt.kind == "nominal" and nxt.text.split()[-1].lower() in BODY_NOUNS:
            return ctx.body(nxt.text, pos)  # "according to a transcript released by the ministry"
    if ("u.s." in text or "american" in text or "state department" in text) and US_STATE in ctx.side:
        return US_STATE
    if "foreign ministry" in text:  # "A foreign ministry statement said": the ministry the text is about
        return ctx.body("the foreign ministry", pos, sentence)
    return None
