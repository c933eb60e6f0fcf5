"""The noun phrases that can stand for a speaker without naming one.

A title used as a reference ("the minister", "the Secretary": :data:`NOMINAL_RE`), a government
body named before ("the ministry", "the Chinese embassy": :data:`BODY_RE`), an unnamed source or
group ("a senior U.S. official", "many Chinese scholars": :data:`GROUP_RE`, found by
:func:`group_phrases` and cut to one sentence by :func:`within_sentence`), people who know of
something ("people familiar with the talks": :data:`FAMILIAR_RE`) and a document ("the Chinese
readout": :data:`DOCUMENT_RE`). :mod:`readout.analysis.quote_speakers` finds them in a paragraph;
:mod:`readout.analysis.speaker_resolution` says whom they stand for.
"""

from __future__ import annotations

import re
from functools import lru_cache

from readout.analysis.third_countries import (
    CAPITALS,
    COUNTRY_ADJECTIVES,
    FOREIGN_MINISTRIES,
    GOVERNMENT_SEATS,
    MINISTRY_OWN_NAMES,
    country_adjective,
)

#: noun -> words of a title that fit it ("the minister" is a person whose title has "minister")
NOMINAL_TITLES: dict[str, tuple[str, ...]] = {
    "secretary": ("secretary",),
    "minister": ("minister",),
    "ambassador": ("ambassador",),
    "spokesperson": ("spokes",),
    "spokeswoman": ("spokes",),
    "spokesman": ("spokes",),
    "diplomat": ("diplomat", "minister", "secretary of state", "ambassador", "foreign affairs"),
    "president": ("president",),
    "leader": ("president", "leader"),  # "the Chinese leader": the head of state the text named
    "premier": ("premier",),
    "chancellor": ("chancellor",),
    "senator": ("sen.", "senator"),
    "congressman": ("rep.", "representative", "congress", "house"),
    "congresswoman": ("rep.", "representative", "congress", "house"),
    "lawmaker": ("rep.", "sen.", "representative", "senator", "congress", "house", "lawmaker"),
    "republican": ("rep.", "sen.", "representative", "senator", "congress", "house", "lawmaker", "republican"),
    "democrat": ("rep.", "sen.", "representative", "senator", "congress", "house", "lawmaker", "democrat"),
    "councilor": ("councilor", "councillor"),
    "councillor": ("councilor", "councillor"),
    "chairman": ("chair",),
    "chairwoman": ("chair",),
    "general": ("general", "gen."),
    "envoy": ("envoy", "ambassador"),
    "director": ("director",),
    "professor": ("professor",),
    "scholar": ("scholar", "professor", "researcher", "fellow"),
    "analyst": ("analyst", "fellow", "researcher"),
    "researcher": ("researcher", "research fellow"),
    "economist": ("economist",),
    "host": ("host", "moderator"),
    "moderator": ("host", "moderator"),
    "adviser": ("adviser", "advisor"),
    "coordinator": ("coordinator",),
    "commander": ("commander",),
}


NOMINAL_RE = re.compile(
    r"(?<![\w’'])(?:[Tt]he|[Tt]his|[Tt]hat|(?:[Tt]heir|[Hh]is|[Ii]ts|[Oo]ur)\s+own|[Tt]heir(?=\s+secretary\s+of\s+state)|[Hh]is(?=\s+(?-i:President)\b))\s+"
    r"(?:(?:top|senior|chief|former|then|new|incoming|outgoing|acting|visiting|Chinese|American|U\.S\.|US|foreign|"
    r"defense|defence|commerce|treasury|vice|deputy|assistant|prime|special|climate|trade|state|"
    r"(?-i:[A-Z][a-z]+)(?=\s+(?:Republican|Democrat)\b))\s+)*(?P<n>"  # "the Texas Republican"
    + "|".join(sorted(NOMINAL_TITLES, key=len, reverse=True))
    + r")(?![\w\-])(?![’'](?!s\b))",  # "the President's instruction": a possessor
    re.IGNORECASE,
)


_QUALIFIER = re.compile(r"\b(?:prime|vice|deputy|foreign|defen[cs]e|trade|commerce|treasury)\s+$", re.I)


def nominal_noun(phrase: str) -> str:
    """The title a nominal phrase names, with the qualifier that narrows it.

    >>> nominal_noun("the prime minister"), nominal_noun("the minister"), nominal_noun("the visiting diplomat")
    ('prime minister', 'minister', 'diplomat')
    """
    m = NOMINAL_RE.match(phrase)
    if m is None:
        return phrase.split()[-1]
    q = _QUALIFIER.search(phrase, 0, m.start("n"))
    return f"{q.group(0).strip()} {m.group('n')}" if q else m.group("n")


#: The head nouns of one unnamed source ("a senior official", "one Chinese diplomat"): such a source is
#: a sentence's person for a later "he" and is remembered for a later "the diplomat said".
ONE_SOURCE_HEADS = (
    r"official|diplomat|spokes(?:person|man|woman)|expert|analyst|scholar|executive|adviser|advisor|aide|source|"
    r"researcher|economist|lawmaker|senator|legislator|minister|manager|banker|investor"
)
#: A group phrase for one person: a determiner for one, and a singular head.
ONE_PERSON = re.compile(
    rf"^(?:[Aa]n?|[Oo]ne|[Tt]he)\s.*\b(?:{ONE_SOURCE_HEADS})(?:\s+(?:in|at|from|with|of|for)\s+(?:the\s+)?[A-Z][^,]*)?$"
)  # "an official in New Delhi", "a diplomat at the Quai d'Orsay"


#: Nouns for a government body the text has named ("the ministry", "the foreign ministry", "the department"),
#: or one a country's name owns ("Brazil's foreign ministry").
#: A ministry named with no country ("the Foreign Ministry", "the Ministry of Commerce"): whose
#: it is comes from the text around it, as for "the ministry".
GENERIC_BODY = re.compile(
    r"(?:Foreign|Defen[cs]e|Commerce|Trade)\s+Ministry|Ministry\s+of\s+(?:Foreign\s+Affairs|Commerce|(?:National\s+)?Defen[cs]e)"
)


BODY_NOUNS = ("ministry", "department", "embassy", "chamber", "association")


#: A party name is no head where a head follows it ("one Republican senator": the senator).
_PARTY_NOT_HEAD = r"(?!\s+(?:senators?|lawmakers?|legislators?|congress(?:wo)?m[ae]n|members|politicians?))"

GROUP_HEADS = "|".join(
    f"[{h[0]}{h[0].upper()}]{h[1:]}"  # "Officials said" opens a sentence
    for h in (
        r"officials?|spokes(?:person|man|woman)|sources?|diplomats?|scholars?|experts?|analysts?|researchers?|"
        r"observers?|critics?|aides?|insiders?|commentators?|economists?|academics?|negotiators?|people|"
        r"media\s+outlets|media|"
        r"representatives?|ministers?|senators?|lawmakers?|legislators?|congress(?:wo)?m[ae]n|"
        rf"Republicans?{_PARTY_NOT_HEAD}|Democrats?{_PARTY_NOT_HEAD}|members|"
        r"politicians?|netizens?|"
        r"executives?|managers?|advis[eo]rs?|counterparts?|hosts|interlocutors?|"
        r"exporters?|investors?|traders|bankers?|business\s+groups?|business\s+leaders?|businesses|companies|firms|"
        r"correspondents?|students?"
    ).split("|")
)


GROUP_RE = re.compile(
    r"(?<![\w’'])(?P<det>(?:[Aa]n?|[Tt]he|[Oo]ne|[Ss]ome|[Mm]any|[Ss]everal|[Tt]wo|[Tt]hree|[Oo]ther|[Mm]ost|[Ff]ew|"
    r"[Cc]ertain|[Vv]arious|[Ii]ts|[Tt]heir)\s+)?(?P<mods>(?:\w[\w.’'\-]*\s{1,2}){0,4}?)(?P<head>" + GROUP_HEADS + r")"
    r"(?P<pp>\s+(?:for|of|at|from|with|in)\s+(?:the\s+)?[A-ZÀ-ÖØ-Þ][\w.’'\-]*"
    r"(?:(?<!\w\w\.)\s+(?:of\s+(?:the\s+)?)?[A-ZÀ-ÖØ-Þ][\w.’'\-]*)*"  # not on past a full stop ("Institute. She")
    r"(?:(?<=[’']s)\s+(?:foreign|defen[cs]e|trade|commerce)\s+ministry)?)?"  # "for South Korea’s foreign ministry"
    r"(?![\w’'\-])"
)


#: Words standing for an earlier actor as a pronoun does: one of a group just named, as a
#: verb's subject ("One said", "one of them told", "Another called"), and the one quoted
#: ("quoted him as saying").
PRONOUN_LIKE_RE = re.compile(
    r"(?<![\w’'])(?:[Oo]ne|[Aa]nother)(?:\s+of\s+them)?(?=,?\s+(?:also\s+)?(?:said|says|told|tells|called|calls|"
    r"added|put\s+it|wrote|described|noted|argued|warned|insisted|predicted|complained|joked|quipped)\b)"
    r"|(?:(?<=quoted\s)|(?<=quotes\s)|(?<=quoting\s))(?:him|her|them)(?=\s+as\s+saying\b)"
)


VAGUE_HEADS = {"people", "some", "others", "many", "everyone", "nobody", "anyone", "someone"}


FUNCTION_WORDS = frozenset(
    "a an the one some many several two three other most few certain various its their his her our and but or "
    "nor yet so is was are were be been that which what who whom whose this these those as if when while than "
    "to by said says told met meets thanked greeted visited briefed joined addressed".split()
)


DOCUMENT_RE = re.compile(
    r"(?<![\w’'])(?:[Tt]he|[Aa]n?)\s+(?:(?:Chinese|U\.S\.|US|American|official|ministry[’']s|department[’']s|"
    r"[Ff]oreign\s+[Mm]inistry|State\s+Department|White\s+House)\s+)?"
    r"(?:readout|statement|press release|transcript|commentary|editorial|op-ed)(?![\w’'])"
)


_WORD_START = re.compile(r"(?<![\w’'])\w")
_GROUP_HEAD_RE = re.compile(r"(?<![\w’'])(?:" + GROUP_HEADS + r")")


def group_phrases(text: str):
    """The matches of :data:`GROUP_RE.finditer(text) <GROUP_RE>`, found faster.

    A group phrase holds a head word ("officials") after at most five words (a determiner and
    four modifiers, each followed by white space), and starts at the start of a word. So the
    full pattern is tried only at the word starts from six words before each head word up to
    the head itself; trying it at every character costs about eight times as much.
    """
    pos = 0
    while True:
        head = _GROUP_HEAD_RE.search(text, pos)
        if head is None:
            return
        begin = head.start()
        for _ in range(6):
            while begin > pos and text[begin - 1].isspace():
                begin -= 1
            while begin > pos and not text[begin - 1].isspace():
                begin -= 1
        found = None
        for word in _WORD_START.finditer(text, begin, head.start() + 1):
            found = GROUP_RE.match(text, word.start())
            if found is not None:
                break
        if found is None:
            pos = head.start() + 1
            continue
        yield found
        pos = found.end()


_SENTENCE_END_IN_PHRASE = re.compile(r"(?:[a-z]{2}|\d)[.!?][’'\"”)]*\s+(?=[‘'\"“(]*[A-Z])")
_CLAUSE_BREAK_IN_PHRASE = re.compile(r"[,;:]\s+|[—–]\s*")


def within_sentence(text: str, found: re.Match) -> re.Match | None:
    """A group phrase cut to the sentence and clause of its head: the modifiers before a head may
    not reach back across a sentence end ("The union met. An EU diplomat" is "An EU diplomat") or
    a comma ("Markets rose, with analysts saying" is "with analysts")."""
    before_head = found.start("head")
    last = None
    for last in _SENTENCE_END_IN_PHRASE.finditer(text, found.start(), before_head + 1):
        pass
    clause_from = last.end() if last else found.start()
    for last in _CLAUSE_BREAK_IN_PHRASE.finditer(text, clause_from, before_head):
        pass
    if last is None:
        return found
    again = GROUP_RE.match(text, last.end())
    return again if again is not None and again.start("head") == before_head else None


#: Unnamed sources who know of something ("two people familiar with the talks", "people briefed on the meeting").
FAMILIAR_RE = re.compile(
    r"(?<![\w’'])(?:(?:[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome|[Aa]|[Oo]ne|[Oo]ther)\s+)?(?:[Pp]eople|[Pp]ersons?|[Ss]ources?)\s+"
    r"(?:(?:directly|closely)\s+)?(?P<how>familiar\s+with|briefed\s+on)\s+(?:the\s+|a\s+|this\s+|these\s+)?"
    r"(?:[A-Z][\w.\-]*\s+|(?:day|week|weekend|month|year)[’']s\s+)?(?P<what>[a-z][\w\-]*)"
)


DOCUMENT_WORDS = (
    "readout",
    "statement",
    "press release",
    "transcript",
    "commentary",
    "editorial",
    "op-ed",
)  # one must occur for a DOCUMENT_RE match


#: A third country or its capital standing alone as a sentence's actor ("Indonesia on Tuesday welcomed",
#: "Tokyo said"): not a possessive, not the first word of a longer name ("Japan Coast Guard").
THIRD_COUNTRY_RE = re.compile(
    r"(?<![\w.’'])(?P<c>"
    + "|".join(
        re.sub(r"^the\\ ", "[Tt]he\\ ", re.escape(n))  # "The Quai d'Orsay" opens a sentence
        for n in sorted([*COUNTRY_ADJECTIVES, *CAPITALS, *GOVERNMENT_SEATS], key=len, reverse=True)
    )
    + r")(?![’']s|\s+[A-Z]|[\w’'\-])"
)


#: A government body named without its country ("the Ministry of Industry and Trade").
_BARE_GOVERNMENT_BODY = re.compile(
    r"(?:Ministry|Department|Presidential Office|Foreign Office|Cabinet Office|Prime Minister[’']s Office)\b"
)
_OWNED_BODY = re.compile(r"(?P<c>[A-Z][\w ]+?)[’']s (?P<body>.+)")
_DATELINE = re.compile(r"(?P<c>[A-Z][\w .’'\-]{2,30}?)(?:,| [—–-] | \()")
_THIRD_COUNTRY_NAME = re.compile(
    r"(?<![\w’'])(?:"
    + "|".join(re.escape(c) for c in sorted({*COUNTRY_ADJECTIVES, *CAPITALS}, key=len, reverse=True))
    + r")(?![\w\-])"
)


def text_country(raw: str) -> str | None:
    """The adjective of the third country the text ``raw`` is set in (:func:`dateline_country` of its
    first 3,000 characters' paragraphs); name discovery and quote attribution both ask, once each."""
    return _head_country(raw[:3000])


@lru_cache(maxsize=1024)
def _head_country(head: str) -> str | None:
    return dateline_country(head.split("\n\n"))


def dateline_country(paragraphs: list[str]) -> str | None:
    """The adjective of the third country a text is set in: the one whose capital opens one of the
    first paragraphs as a dateline ("HANOI, June 20 (LHNA) -" gives "Vietnamese"; a dateline or credit
    line in Beijing or Washington gives None, whatever third country the text names), else the one the
    headline opens on ("Seoul welcomes ..."), else the one third country the text names at least twice, by any of its names or its capital, and more often
    than any other, else None."""
    for text in paragraphs[:5]:
        m = _DATELINE.match(text)
        if m is not None:
            name = " ".join(w[:1].upper() + w[1:].lower() for w in m.group("c").split())
            if name in CAPITALS:
                return CAPITALS[name]
            if name in _HOME_CAPITALS:
                return None  # "BEIJING, July 26 (TNA) --": set in China, whatever third country it names
        if _HOME_CREDIT.search(text):
            return None  # "Agence Vermeil | Beijing | 26 July 2023"
    opener = _THIRD_COUNTRY_NAME.match(paragraphs[0]) if paragraphs else None
    if opener is not None:  # a headline that opens on a country or its capital ("Seoul welcomes ...")
        return country_adjective(opener.group(0))
    counts: dict[str, int] = {}  # by country: "Britain", "the UK" and "London" are one
    for text in paragraphs:
        for hit in _THIRD_COUNTRY_NAME.finditer(text):
            name = hit.group(0)
            adjective = country_adjective(name)
            counts[adjective] = counts.get(adjective, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    transcript = sum(1 for text in paragraphs if _TURN_LABEL.match(text)) >= 3  # a press conference asks about many
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]) and not transcript:
        return ranked[0][0]
    return None


_HOME_CAPITALS = frozenset({"Beijing", "Washington", "Shanghai", "New York"})
_HOME_CREDIT = re.compile(r"\|\s*(?:Beijing|Washington)\s*\|")


_TURN_LABEL = re.compile(r"[A-Z][\w.’' \-]{0,40}(?:\([^()]{1,20}\))?:\s")


def qualified_body(name: str, country: str | None) -> str:
    """A government body's name with its country as the codebook writes it: "India's Ministry of
    External Affairs" is the "Indian Ministry of External Affairs", and "Ministry of Industry and
    Trade" in a text datelined in Hanoi the "Vietnamese Ministry of Industry and Trade".

    >>> qualified_body("India’s Ministry of External Affairs", None), qualified_body("Department of Foreign Affairs", "Philippine")
    ('Indian Ministry of External Affairs', 'Philippine Department of Foreign Affairs')
    """
    if name in MINISTRY_OWN_NAMES:  # "the Ministry of External Affairs" is New Delhi's wherever the text is set
        return MINISTRY_OWN_NAMES[name]
    owned = _OWNED_BODY.fullmatch(name)
    if (
        owned is not None
        and owned.group("c") in COUNTRY_ADJECTIVES
        and _BARE_GOVERNMENT_BODY.match(owned.group("body"))
    ):
        return owned_body(owned.group("c") + "'s", owned.group("body"))
    if country and _BARE_GOVERNMENT_BODY.match(name) and NATIONALITY_RE.search(name) is None:
        return owned_body(ADJECTIVE_COUNTRIES.get(country, country) + "'s", name)
    return name


def third_country_officials(text: str) -> str | None:
    """The officials a third country or capital stands for ("Indonesian officials"), or None."""
    m = THIRD_COUNTRY_RE.fullmatch(text.strip())
    if m is None:
        return None
    name = re.sub(r"^The ", "the ", m.group("c"))
    if name in GOVERNMENT_SEATS:
        return GOVERNMENT_SEATS[name]
    return f"{country_adjective(name)} officials"


NATIONALITY_RE = re.compile(
    r"(?<![\w.])(?P<n>Chinese|China[’']s|Beijing|PRC|U\.S\.|US|American|Washington|Turkish|British|UK|Japanese|"
    r"South Korean|North Korean|Korean|Australian|Indian|Russian|Ukrainian|Singaporean|Taiwanese|European|EU|French|German|Spanish|Italian|"
    r"Canadian|Israeli|Iranian|Filipino|Philippine|Vietnamese|Indonesian|Malaysian|Thai|Pakistani|Brazilian|"
    r"Mexican|Dutch|Polish|Swedish|Norwegian|Saudi|Emirati|Egyptian|South African|New Zealand|Southeast Asian|"
    r"South-east Asian|South East Asian|"
    r"Asian|African|Arab|Latin American|Western|Gulf|"
    + "|".join(sorted(CAPITALS, key=len, reverse=True))
    + r")(?![\w\-])"
)


NATIONALITY_SIDE = {
    "chinese": "China",
    "china's": "China",
    "china’s": "China",
    "beijing": "China",
    "prc": "China",
    "u.s.": "US",
    "us": "US",
    "american": "US",
    "washington": "US",
}


def holds_title(title: str, keys: tuple[str, ...]) -> bool:
    """Whether a person's titles hold one of a nominal's title words (:data:`NOMINAL_TITLES`); a party's
    general secretary or a city's party secretary is not "the Secretary".

    >>> holds_title("General Secretary of the Chinese Communist Party", ("secretary",))
    False
    >>> holds_title("U.S. Secretary of State", ("secretary",))
    True
    """
    low = title.lower()
    if "secretary" in keys:
        low = re.sub(r"\b(?:general|party)\s+secretary", "", low)
    return any(k in low for k in keys)


_HEAD_ROLE = re.compile(
    r"(?<!Assistant )(?<!Deputy )(?<!Under )\b(?:Secretary|Minister) of (?:the )?(?P<field>[A-Z]\w+)"
)


def heads_institution(role: str, institution: str) -> bool:
    """Whether a role heads an institution: "Secretary of State" the "U.S. Department of State",
    "Secretary of the Treasury" the "Treasury Department"; an assistant or deputy heads nothing.

    >>> heads_institution("U.S. Secretary of State", "U.S. Department of State")
    True
    >>> heads_institution("Assistant Secretary of State for East Asian Affairs", "State Department")
    False
    """
    m = _HEAD_ROLE.search(role)
    if m is None:
        return False
    name = re.escape(m.group("field"))
    return bool(
        re.search(rf"\b(?:Department|Ministry) of (?:the )?{name}\b|\b{name} (?:Department|Ministry)\b", institution)
    )


QUANTIFIERS = {
    "a",
    "an",
    "the",
    "one",
    "some",
    "many",
    "several",
    "two",
    "three",
    "other",
    "most",
    "few",
    "senior",
    "certain",
    "various",
    "another",
    "our",  # "Our Beijing correspondent": the page's own
}


#: Washington's departments by the short names the press uses, with the names a codebook writes.
US_DEPARTMENTS = {
    f"{short} Department": f"U.S. Department of {full}"
    for short, full in [("Treasury", "the Treasury")]
    + [(x, x) for x in ("Commerce", "Justice", "Energy", "Homeland Security", "Agriculture")]
}


def congress_meant(after: str, last_congress: str | None, country: str | None) -> tuple[str, str] | None:
    """The body a bare "Congress" names when it is not the U.S. Congress, with its side: India's party
    before "party" ("The Congress party criticised the government"), or China's National People's
    Congress when that was the congress last named (``last_congress``: "The Congress said in a
    notice ..."); else None. ``after`` is the text after the word, ``country`` where the text is set.

    >>> congress_meant(" party said", None, "Indian"), congress_meant(" said", "National People's Congress", None)
    (('Indian National Congress', 'Other'), ("National People's Congress", 'China'))
    """
    if re.match(r"\s+[Pp]arty\b", after):
        return ("Indian National Congress" if country == "Indian" else "Congress party"), "Other"
    if last_congress and re.search(r"People[’']s Congress", last_congress):
        return last_congress, "China"
    return None


#: A place a source is based in, named before "-based" ("Hong Kong-based"): the place as group "p".
PLACE_BASED = re.compile(r"(?P<p>(?:[A-Z][\w.’'\-]*\s+)*[A-Z][\w.’'\-]*)-based\b")


def other_modifiers(mods: str) -> str:
    """A group phrase's modifiers without its nationalities, quantifiers and bases ("two senior Southeast
    Asian" gives "senior", "Beijing-based European" and "Hong Kong-based" nothing)."""
    words = NATIONALITY_RE.sub(" ", PLACE_BASED.sub(" ", mods)).split()
    return " ".join(w for w in words if w.lower() not in QUANTIFIERS and not w.lower().endswith("-based"))


#: Two sides joined by a hyphen ("China-U.S. relations", "US-China ties"): both sides named.
PAIR_OF_SIDES = re.compile(r"(?:China|Chinese|Sino)[-–](?:U\.S\.|US|America)|(?:U\.S\.|US|America|American)[-–]China")


def single_nationality(sentence: str):
    """The first nationality ``sentence`` names, when every nationality it names is of one side; else None."""
    if PAIR_OF_SIDES.search(sentence):
        return None  # "one expert on China-U.S. relations": of neither side
    found = list(NATIONALITY_RE.finditer(sentence))
    sides = {NATIONALITY_SIDE.get(f.group("n").lower(), f.group("n")) for f in found}
    return found[0] if len(sides) == 1 else None


#: Words in an unnamed source's description that make it a government's ("a foreign ministry official").
GOVERNMENT_WORDS = frozenset({"ministry", "office", "department", "government", "foreign", "cabinet", "presidential"})


#: Words for a region rather than a country, printed in lower case before an unnamed source.
REGIONAL_ADJECTIVES = frozenset({"western", "european", "asian", "african", "arab", "nordic", "gulf"})


_PLACE_OPENING = re.compile(r"\s*(?:In|From)\s+(?P<n>" + "|".join(map(re.escape, CAPITALS)) + r"),")


def opening_place(sentence: str) -> re.Match | None:
    """The match of the capital a sentence opens in ("In Paris, ..."), its name as group 1, or None."""
    return _PLACE_OPENING.match(sentence)


def opening_country(sentence: str) -> str | None:
    """The officials of the third country a sentence opens in ("In Paris, ...") or with as its
    subject ("Brazil on Tuesday welcomed ..."), or None.

    >>> opening_country("In Paris, the ministry said ..."), opening_country("Brazil welcomed the talks, with ...")
    ('French officials', 'Brazilian officials')
    >>> opening_country("Brazil’s government on Tuesday welcomed the talks, with the ministry saying ...")
    'Brazilian officials'
    """
    place = _PLACE_OPENING.match(sentence)
    if place is not None:
        return f"{CAPITALS[place.group('n')]} officials"
    subject = THIRD_COUNTRY_RE.match(sentence.lstrip())
    if subject is not None and _SPEECH_ASIDE.match(sentence.lstrip(), subject.end()):
        return None  # "Taiwan, the ministry said, was the issue ...": a topic put first, not the speaker
    if subject is None:  # "Brazil’s government on Tuesday welcomed ..."
        owned = _GOVERNMENT_OF.match(sentence.lstrip())
        return third_country_officials(owned.group("c")) if owned else None
    return third_country_officials(subject.group(0))


_SPEECH_ASIDE = re.compile(r",\s+(?:the|a|an)\s+[\w\s]{1,40}?\s+(?:said|says|added|noted),")
_GOVERNMENT_OF = re.compile(r"(?P<c>[A-Z][\w ]{1,30}?)[’']s\s+government\b")


def owned_body(owner: str, body: str) -> str:
    """The name of a body a country's possessive owns, as a codebook writes such names.

    >>> owned_body("South Korea's", "foreign ministry"), owned_body("Brazil’s", "trade ministry")
    ('South Korean Ministry of Foreign Affairs', 'Brazilian trade ministry')
    >>> owned_body("Gotham's", "foreign ministry"), owned_body("Seoul's", "foreign ministry")
    ("Gotham's foreign ministry", 'South Korean Ministry of Foreign Affairs')
    """
    country = re.sub(r"[’']s$", "", owner)
    country = ADJECTIVE_COUNTRIES.get(CAPITALS.get(country, ""), country)  # "Seoul's": South Korea's
    adjective = COUNTRY_ADJECTIVES.get(country)
    if adjective is None:
        return f"{owner} {body}"
    if body.lower() in ("foreign ministry", "ministry of foreign affairs"):
        own_name = FOREIGN_MINISTRIES.get(country) or FOREIGN_MINISTRIES.get(ADJECTIVE_COUNTRIES.get(adjective, ""))
        return own_name or f"{country if country in _NOUN_OWNERS else adjective} Ministry of Foreign Affairs"
    return f"{adjective} {body}"


#: Also a body a third country's adjective owns ("the Japanese foreign ministry").
_THIRD_ADJECTIVES = "|".join(map(re.escape, sorted(set(COUNTRY_ADJECTIVES.values()), key=len, reverse=True)))
BODY_RE = re.compile(
    r"(?<![\w’'])(?:[Tt]he|[Ii]ts|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?[’']s)\s+(?:(?:Chinese|PRC|U\.S\.|US|American|"
    + _THIRD_ADJECTIVES
    + r"|[Ff]oreign|[Cc]ommerce|"
    r"defen[cs]e|trade|finance|treasury|justice)\s+){0,2}(?:"
    + "|".join(BODY_NOUNS)
    + r"|(?<=[Tt]he )Department|(?<=[Ff]oreign )Ministry|(?<=Chinese )Embassy|(?<=U\.S\. )Embassy"
    r"|(?<=US )Embassy)(?![\w’'\-])"
)


#: The country each adjective of :data:`COUNTRY_ADJECTIVES` names (the first one listed).
ADJECTIVE_COUNTRIES = {adjective: country for country, adjective in reversed(COUNTRY_ADJECTIVES.items())}


def foreign_ministry(adjective: str) -> str:
    """The foreign ministry of the third country an adjective names, as a codebook writes it.

    >>> foreign_ministry("Brazilian"), foreign_ministry("UK"), foreign_ministry("Taiwanese")
    ('Brazilian Ministry of Foreign Affairs', 'UK Foreign Office', 'Taiwan Ministry of Foreign Affairs')
    """
    return owned_body(ADJECTIVE_COUNTRIES.get(adjective, adjective) + "'s", "foreign ministry")


#: Places whose ministries are named with the place's name, not an adjective ("Taiwan Ministry of Foreign Affairs").
_NOUN_OWNERS = frozenset({"Taiwan", "Singapore"})


_OWNED_NAME = re.compile(r"(?P<owner>(?:[A-Z][\w\-]*\s)*[A-Z][\w\-]*[’']s)\s+(?P<body>[A-Z][\w\s\-]*)")


def owned_name(name: str) -> str | None:
    """A discovered body's name as a codebook writes it, when a third country's possessive owns it
    ("Türkiye’s Foreign Ministry" is the Turkish Ministry of Foreign Affairs); else None.

    >>> owned_name("Türkiye’s Foreign Ministry"), owned_name("Taiwan's Foreign Ministry"), owned_name("Acme's Board")
    ('Turkish Ministry of Foreign Affairs', 'Taiwan Ministry of Foreign Affairs', None)
    """
    m = _OWNED_NAME.fullmatch(name)
    if m is None or re.sub(r"[’']s$", "", m.group("owner")) not in COUNTRY_ADJECTIVES:
        return None
    return owned_body(m.group("owner"), m.group("body"))
