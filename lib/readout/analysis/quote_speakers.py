"""Who a reporting verb belongs to: the subject phrases of a sentence and the actors they name.

A *subject item* is a phrase that can say something: an actor mention (codebook or discovered), a pronoun, a
noun phrase standing for a named person ("the Secretary", "the minister", "the ambassador"), a country or side
standing for its government ("Beijing", "the Chinese side", "Washington"), or an unnamed source ("a State
Department spokesperson", "one senior administration official", "a diplomatic source in Ankara", "many Chinese
scholars"). :func:`find_items` lists them in a paragraph and :func:`subject_of` finds the subject of one
reporting verb; :mod:`readout.analysis.speaker_resolution` resolves them to actors.

Rules for the subject of a verb to the left of a quotation: a participle ("..., urging", "with several saying")
takes the subject of its clause; otherwise the phrase directly before the verb (auxiliaries, adverbs and time
words skipped) when it is not the object of a preposition ("the issue U.S. officials had called"; a list of
people after one is all objects: "with President Xi, Director Wang Yi and Minister Qin"); after an apposition or
a relative clause ("Blinken, the most senior U.S. official ..., told"; "Bill Burns, who ... told") the phrase
the apposition describes, or the name the apposition gives ("my counterpart, Ambassador Xie Feng, say");
otherwise the first subject item of the clause, after any opening adverbial ("At a briefing on Tuesday, ...").
"One said" or "one of them told" is a pronoun for the group last speaking.
:func:`readout.analysis.quote_cues.is_modal_cue` tells when a verb after a modal is not a report of speech. A
naming verb in the passive ("described by state media as") takes its agent.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass

from readout.analysis.cue_context import (
    LIST_GOES_ON,
    LISTED_NEXT,
    OWNER_BEFORE,
    TITLED_AFTER_COMMA,
    WITH_DOING,
    named_by,
    participle_agent,
)
from readout.analysis.names import STOP_WORDS, is_name_word
from readout.analysis.speaker_phrases import (
    BODY_NOUNS,
    BODY_RE,
    DOCUMENT_RE,
    DOCUMENT_WORDS,
    FAMILIAR_RE,
    FUNCTION_WORDS,
    NATIONALITY_RE,
    NOMINAL_RE,
    NOMINAL_TITLES,
    PRONOUN_LIKE_RE,
    QUANTIFIERS,
    THIRD_COUNTRY_RE,
    VAGUE_HEADS,
    group_phrases,
    within_sentence,
)
from readout.analysis.third_countries import SOME_IN_PLACE


@dataclass
class Item:
    """A subject phrase in a paragraph (offsets relative to the paragraph)."""

    start: int
    end: int
    kind: str  # mention, pronoun, nominal, country, group, vague, document
    text: str
    actor: str | None = None  # the mention's actor
    person: bool = False
    in_title: bool = False
    after_preposition: bool = False
    possessive: bool = False  # "Greene's colleague": a determiner, not a subject
    inner: str | None = None  # an institution named inside an unnamed-source phrase


_PREPOSITIONS = frozenset(
    "of with to for from by at on in against beside between among about than toward towards into onto over under "
    "after before like unlike including despite via through across behind near during".split()
)


_COUNTRY_RE = re.compile(
    r"(?<![\w.’'])(?P<c>(?:[Tt]he\s+)?(?:Chinese|U\.S\.|US|American)\s+(?:side|government)|"
    r"[Tt]he\s+(?:[Ff]ederal\s+|[Nn]ational\s+|[Cc]entral\s+)?[Gg]overnment(?![’'])|"
    r"[Tt]he\s+(?:Chinese|Americans)(?=\s+(?:[a-z]+ed|said|told|kept|want|wants|say|says|were|are|have|had|will|would|did)\b)|[Tt]he\s+United\s+States|"
    r"[Tt]he\s+U\.S\.(?!\s[A-Z])|China(?![’']s|\s+[A-Z])|Beijing(?![’']s|\s+[A-Z])|Washington(?![’']s|\s+[A-Z])|"
    r"America(?![’']s|\s+[A-Z])|the\s+PRC)(?![\w])(?![’'](?!s\b))"  # "the Chinese side's message": a possessor
)


_PRONOUN_RE = re.compile(r"(?<![\w’'])(he|she|they|it|I|we|you|his|her|their|its)(?![\w’'])", re.IGNORECASE)


_SUBJECT_PRONOUNS = {"he", "she", "they", "it", "i", "we", "you"}
_ITEM_PRONOUNS = frozenset(_SUBJECT_PRONOUNS | {"their", "his", "her", "its"})
_POSSESSIVE_AFTER = re.compile(r"[’']s?\b")
_OWN_OFFICE = re.compile(r"[’']s\s+(?:(?:press\s+)?office|spokes(?:man|woman|person))\s+(?:said|says|added|told)\b")


class _ItemIndex:
    """A paragraph's items by start (ties in the order they were added), for window queries:
    each query reads only the items that can reach its window, so a paragraph of many items
    costs time in proportion to them, not to their square."""

    def __init__(self) -> None:
        self._keys: list[tuple[int, int]] = []  # (start, order added)
        self._items: list[Item] = []
        self._added = 0
        self.longest = 0

    def add(self, item: Item) -> None:
        key = (item.start, self._added)
        self._added += 1
        at = bisect_right(self._keys, key)
        self._keys.insert(at, key)
        self._items.insert(at, item)
        self.longest = max(self.longest, item.end - item.start)

    def starting_in(self, lo: int, hi: int) -> list[Item]:
        """The items with ``lo <= start <= hi``, by start."""
        return self._items[bisect_left(self._keys, (lo, -1)) : bisect_left(self._keys, (hi + 1, -1))]

    def reaching(self, pos: int, hi: int) -> list[Item]:
        """The items that may overlap ``[pos, hi]``: those starting from ``pos - longest`` to ``hi``."""
        return self.starting_in(pos - self.longest, hi)

    def remove_within(self, lo: int, hi: int) -> None:
        """Drop the items lying inside ``[lo, hi]``."""
        a, b = bisect_left(self._keys, (lo, -1)), bisect_left(self._keys, (hi + 1, -1))
        kept = [(k, i) for k, i in zip(self._keys[a:b], self._items[a:b]) if not i.end <= hi]
        self._keys[a:b] = [k for k, _ in kept]
        self._items[a:b] = [i for _, i in kept]

    def all(self) -> list[Item]:
        return list(self._items)


class _SpanIndex:
    """Spans that may overlap one another, added one at a time, asked whether any overlaps a new one."""

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []
        self.longest = 0

    def add(self, start: int, end: int) -> None:
        insort(self._spans, (start, end))
        self.longest = max(self.longest, end - start)

    def free(self, s: int, e: int) -> bool:
        """Whether no span ``[a, b)`` has ``a < e and s < b``."""
        lo = bisect_left(self._spans, (s - self.longest, -1))
        hi = bisect_left(self._spans, (e, -1))
        return not any(s < b for _, b in self._spans[lo:hi])


def find_items(masked: str, mentions: list[dict]) -> list[Item]:
    """Subject items of a paragraph whose quotations are blanked (``masked``); ``mentions``
    are the paragraph's mentions outside quotes (dicts: start, end, actor, kind, in_title), by start."""
    items = _ItemIndex()
    spans = _SpanIndex()
    for m in mentions:
        items.add(
            Item(
                m["start"],
                m["end"],
                "mention",
                masked[m["start"] : m["end"]],
                actor=m["actor"],
                person=m["kind"] == "person",
                in_title=bool(m.get("in_title")),
            )
        )
        spans.add(m["start"], m["end"])

    for phrase in group_phrases(masked):
        g = within_sentence(masked, phrase)
        if g is None:
            continue
        head = g.group("head").lower()
        s, e, g_end = g.start(), g.end("head"), g.end()
        det = (g.group("det") or "").strip().lower()
        owned = re.search(r"\w[’']s\s", g.group("mods") or "")  # "the ministry's deputy spokesperson": the body's
        if det in ("the", "this", "that") and head in NOMINAL_TITLES and not owned and not g.group("pp"):
            continue  # "the spokesperson", "the minister": a reference to someone named (a nominal)
        words = (g.group("mods") or "").split()
        if any(w.endswith(",") for w in words):
            continue  # modifiers crossing a phrase boundary
        spots = [(w.start(), w.group(0)) for w in _PHRASE_WORD.finditer(g.group("mods") or "")]
        cut = max((n for n, (_, w) in enumerate(spots) if w.lower() in FUNCTION_WORDS), default=-1)
        if cut >= 0:  # "but a diplomatic source", "is what many Chinese scholars": begin after the function word
            word = spots[cut][1].lower()
            if word in ("the", "this", "that") and head in NOMINAL_TITLES and not owned and not g.group("pp"):
                continue  # '"...," the minister said' matched from a word before: still a nominal
            keep = cut if word in _DETERMINERS or word in QUANTIFIERS else cut + 1
            if word in ("that", "this") and head.endswith("s") and not head.endswith("ss"):
                keep = cut + 1  # "talks that Chinese experts described": a relative "that", not a determiner
            base = g.start("mods")
            s = base + spots[keep][0] if keep < len(spots) else g.start("head")
            words = [w for _, w in spots[cut + 1 :]]
        if words and words[0].lower() == "with" and WITH_DOING.match(masked, g_end):
            s, words = g.start("mods") + len(words[0]) + 1, words[1:]  # "with analysts saying": the analysts
        if len(words) >= 2 and words[0].lower() in _COLLECTIVES and words[1].lower() == "of":
            words = words[2:]  # "a group of American congressmen": the congressmen
        owner = OWNER_BEFORE.search(masked, 0, g.start("head")) if head == "counterparts" else None
        if owner is not None:  # "my counterparts", "one of his counterparts": whose counterparts they are
            s, words = owner.start(), [owner.group(0).strip()]
        if any(w.lower() in _PREPOSITIONS for w in words):
            continue
        if head.startswith("counterpart") and not NATIONALITY_RE.search(" ".join(words)) and owner is None:
            continue  # "our PRC counterparts" are a source; "her main counterpart" is no one unnamed
        near = items.reaching(min(s, e), g_end)
        running = [i for i in near if e < i.start < g_end < i.end and i.kind == "mention" and not i.person]
        if running:  # "a spokesperson for the Department of Foreign Affairs and Trade": the body's whole name
            g_end = running[0].end
            near = items.reaching(min(s, e), g_end)
        inner = [i for i in near if s <= i.start and i.end <= g_end and i.kind == "mention" and not i.person]
        covering = [i for i in near if i.start <= s and e <= i.end]
        if covering or any(i.kind == "mention" and i.start < e <= i.end for i in near):
            continue  # the phrase is a name ("U.S. officials"), or a name ends in its head
        gap = _SPACES_AFTER.match(masked, g_end).end()  # type: ignore[union-attr]
        if _person_starts(items, g_end, gap):
            continue  # a title before a name ("State Department spokesperson Matthew Miller")
        if head == "official" and g_end == e and masked[gap : gap + 1].isupper() and not _DAY_WORD.match(masked, gap):
            continue  # an adjective: "the official Xinhua news agency said"
        if g_end > e and any(i.person for i in items.starting_in(e, g_end)):
            continue  # a title whose field runs into a name ("Minister of Commerce Wang Wentao")
        if head in VAGUE_HEADS and not words:
            items.add(Item(s, e, "vague", g.group(0)))
            continue
        if not spans.free(s, e) and not inner:
            continue
        if inner and any(i.end > e for i in inner if i.start < e):
            continue
        item = Item(s, g_end, "group", masked[s:g_end], inner=inner[0].actor if inner else None)
        items.remove_within(s, g_end)
        items.add(item)
        spans.add(s, g_end)
    for f in (
        FAMILIAR_RE.finditer(masked) if "familiar with" in masked or "briefed on" in masked else ()
    ):  # "people familiar with the talks"
        items.remove_within(f.start(), f.end())  # the vague "two people" and a name inside ("the Xi meeting")
        items.add(Item(f.start(), f.end(), "group", f.group(0)))
        spans.add(f.start(), f.end())
    for f in SOME_IN_PLACE.finditer(masked) if " in " in masked or " on " in masked else ():  # "Some in Washington"
        items.remove_within(f.start(), f.end())
        items.add(Item(f.start(), f.end(), "vague", f.group(0)))
        spans.add(f.start(), f.end())
    for pattern, kind, present in (  # each kind where no earlier item lies; a pattern is tried only if its words occur
        (NOMINAL_RE, "nominal", True),
        (BODY_RE, "nominal", any(noun in masked for noun in _BODY_WORDS)),
        (_COUNTRY_RE, "country", True),
        (THIRD_COUNTRY_RE, "country", True),
        (DOCUMENT_RE, "document", any(w in masked for w in DOCUMENT_WORDS)),
    ):
        for hit in pattern.finditer(masked) if present else ():
            blanks = _SPACES_AFTER.match(masked, hit.end()) if kind == "nominal" else None
            if blanks is not None and _person_starts(items, hit.end(), blanks.end()):
                continue  # "that Treasury Secretary Janet Yellen": a title before the name it stands with
            if spans.free(hit.start(), hit.end()):
                items.add(Item(hit.start(), hit.end(), kind, hit.group(0)))
                spans.add(hit.start(), hit.end())
    for p in _PRONOUN_RE.finditer(masked):
        word = p.group(1)
        if word == "He" and (
            _TITLE_BEFORE.search(masked, max(0, p.start() - 30), p.start()) or masked.startswith(", who ", p.end())
        ):
            continue  # "Vice Premier He said", "He, who took over ...": a family name, not the pronoun
        if word == "I" or word.lower() != "i":
            if spans.free(p.start(), p.end()) and word.lower() in _ITEM_PRONOUNS:
                items.add(Item(p.start(), p.end(), "pronoun", word))
    for p in PRONOUN_LIKE_RE.finditer(masked):  # "One said", "quoted him as saying"
        if spans.free(p.start(), p.end()):
            items.add(Item(p.start(), p.end(), "pronoun", p.group(0)))
    found = items.all()
    for i in found:
        head = masked[max(0, i.start - 80) : i.start]
        # an object of a preposition, or a name in parentheses ("BEIJING (Meridian Wire) -"), is no subject
        with_doing = head.endswith("with ") and WITH_DOING.match(masked, i.end)  # "with the ministry saying"
        i.after_preposition = (_after_preposition(masked, i.start) and not with_doing) or head.count("(") > head.count(
            ")"
        )
        i.possessive = i.kind != "pronoun" and _POSSESSIVE_AFTER.match(masked, i.end, i.end + 2) is not None
        if i.possessive and i.person and _OWN_OFFICE.match(masked, i.end):
            i.possessive = False  # "Foreign Minister Mélanie Joly's office said": hers, as her spokesperson's is
    for before, i in zip(found, found[1:]):  # "with President Xi, Director Wang Yi and Minister Qin": all objects
        listed = before.after_preposition and before.person and i.person  # a list of people, not a clause
        link = LISTED_NEXT.fullmatch(masked, before.end, i.start) if listed else None
        if link is not None and not i.after_preposition:
            i.after_preposition = bool(link.group("last") or link.group("only") or LIST_GOES_ON.match(masked, i.end))
    return found


#: Words one of which a text holds wherever BODY_RE can match.
_BODY_WORDS = (*BODY_NOUNS, "Embassy", "Ministry", "Department")


_SPACES_AFTER = re.compile(r"\s*")


def _person_starts(items: _ItemIndex, end: int, gap: int) -> bool:
    """Whether a person's name starts at ``gap``, past the blanks after ``end``: the words before it are a title."""
    return gap > end and any(i.person for i in items.starting_in(end + 1, gap))


_DAY_WORD = re.compile(
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|August|September|October|November|December"
)
_LISTED_AFTER_INCLUDING = re.compile(
    r"\b(?:including|such as|among them)\s+(?:[\w\-]+\s+){0,2}[\w\-]+,\s+(?:[\w\-]+,?\s+){0,5}$"
)


#: A title right before a word: "Vice Premier He" is a person, not "he".
_TITLE_BEFORE = re.compile(
    r"\b(?:Premier|Minister|President|Secretary|Ambassador|Director|Chairman|Envoy|Mr\.?|Ms\.?)\s+$"
)


_DETERMINERS = frozenset("the a an his her their its this that these those our my your".split())


_PHRASE_BREAK = re.compile(r"[,;:()\[\]—–]|[.!?]\s+(?=[A-Z\"“]|$)")
_PHRASE_WORD = re.compile(r"[\w’'.\-]+")


def _after_preposition(masked: str, start: int) -> bool:
    """Whether the phrase at ``start`` is the object of a preposition ("those of CIA Director
    Bill Burns", "traveling with the Secretary", "including students, scholars"); titles and
    determiners are skipped."""
    if _LISTED_AFTER_INCLUDING.search(masked, max(0, start - 80), start):
        return True
    head = _OBJECT_BREAK.split(masked[max(0, start - 60) : start])[-1]
    words = _PHRASE_WORD.findall(head)
    while words:
        while (
            words
            and (
                words[-1].lower() in _DETERMINERS
                or words[-1].lower() in QUANTIFIERS
                or words[-1].lower() in _PLACE_ADJECTIVES  # "in eastern China"
                or (words[-1][:1].isupper() and (words[-1].lower() not in STOP_WORDS or words[-1].isupper()))
            )
        ):  # "US" in "between US Secretary of State Antony Blinken" is a country, not the pronoun
            words.pop()
        if (
            len(words) >= 2
            and words[-1] in ("and", "or")
            and (words[-2][:1].isupper() or words[-2].lower() in STOP_WORDS)
        ):
            words.pop()  # "between the United States and China": the second of two objects is an object too
            continue
        # a preposition inside a title ("Ambassador to China", "Secretary of State") is part of the name;
        # after a personal name ("Peter Hu of the Institute") it is not
        if (
            len(words) >= 2
            and words[-1] in ("to", "of", "for", "on")
            and words[-2][:1].isupper()
            and not is_name_word(words[-2])
        ):
            words.pop()
            continue
        break
    if words and words[-1].lower() in _CONJUNCTIONS and _CLAUSE_FOLLOWS.match(masked, start):
        return False  # "after U.S. President Joe Biden called ...": a clause, with the name as its subject
    return bool(words) and words[-1].lower() in _PREPOSITIONS


#: A phrase ends at punctuation or a sentence end, but not at the full stop of "U.S." before a title.
_OBJECT_BREAK = re.compile(r"[,;:()\[\]—–]|\s{3,}|(?<![A-Z]\.[A-Z])[.!?]\s+(?=[A-Z\"“]|$)")  # or a blanked quote


#: Nouns for a number of people before "of" ("a group of lawmakers").
_COLLECTIVES = frozenset({"group", "number", "handful", "couple", "pair", "delegation", "bloc", "coalition"})


#: Lower-case words that narrow a place ("a company in eastern China").
_PLACE_ADJECTIVES = frozenset(
    "eastern western northern southern central northeastern northwestern southeastern southwestern coastal "
    "rural inland mainland southwest southeast northeast northwest "
    # and the words that describe a party ("Rep. Baek of the main opposition Democratic Party said")
    "main opposition ruling governing conservative liberal progressive nationalist centrist".split()
)


#: Words that are prepositions before a noun and conjunctions before a clause.
_CONJUNCTIONS = frozenset({"after", "before", "until", "since"})


#: A name (capitalised words) followed by a verb in the past tense: the subject of a clause.
_CLAUSE_FOLLOWS = re.compile(
    r"(?:[\w.’'\-]+\s+){1,6}?(?:had\s+|has\s+)?(?:[a-z]+ed|said|told|met|spoke|left|made|took|gave|came|went|"
    r"wrote|sent|saw|held|called|began|won|lost|put|set|struck)\b"
)


_AUX_TAIL = re.compile(
    r"(?:\s+|^)(?:has|have|had|is|was|were|are|will|would|also|later|then|once|previously|recently|repeatedly|"
    r"publicly|privately|earlier|again|already|first|further|reportedly|plainly|there|often|always|never|still|"
    r"likes\s+to|like\s+to|wants\s+to|went\s+on\s+to|used\s+to|continued\s+to|continues\s+to|keeps|kept|"
    r"will\s+keep|this\s+week|last\s+week|this\s+month|last\s+month|this\s+year|last\s+year|this\s+afternoon|"
    r"this\s+morning|on\s+\w+day|yesterday|today|tonight|last\s+\w+day)\s*$",
    re.IGNORECASE,
)


_LEADING_ADVERBIAL = re.compile(
    r"^\s*(?:(?:Meanwhile|Separately|Later|Earlier|Still|Yet|However|Instead|Also|Now|Then|Today|Yesterday|Indeed|"
    r"Moreover|Even so|Already|Yes|No)\s*,\s*|"
    r"(?:But|And|So)\s+(?=[A-Z])|"
    r"(?:(?:(?:Barely|Just|Only|Less\s+than|More\s+than|Within)\s+)?(?:[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|Several|Hours|Days|Weeks|"
    r"Minutes|\d+)"
    r"\s+(?:\w+\s+)?(?:after|before|later)\b[^,]*,\s*)|"  # "A day after ..., ", "Barely a day after ..., "
    r"(?:At|In|On|During|After|Before|Asked|Speaking|Within|Despite|While|When|Though|Although|Since|Until|From|For|"
    r"With|Without|By|Over|Under|Like|Unlike|Last|This|Back|Shortly|Having|Meeting|Responding|Writing)\b[^,]*,\s*|"
    r"[A-Z][A-Z .,'\-]+(?:\([^)]*\))?\s*(?:--|[-—–])\s*)+"  # a dateline: "BEIJING (Wire) - "
)


_STRONG_BOUNDARY = re.compile(
    r";\s*|,\s+(?:and|but|while|whereas|although|though|yet)\s+|\s[—–]\s|:\s|\((?=[^)]*$)|,\s+which\s+|\bwhich\s+|"
    r"(?<![Ss]o )\bthat\s+|\bwhat\s+|\bas\s+(?=[a-z]+\s)"
)


_PARTICIPLES = re.compile(
    r"^(?:saying|adding|calling|urging|accusing|describing|insisting|warning|noting|arguing|stressing|telling|"
    r"emphasi[sz]ing|acknowledging|declaring|asking|demanding|vowing|pledging|reiterating|characteri[sz]ing|claiming)$",
    re.IGNORECASE,
)


def subject_of(cue_start: int, cue_end: int, word: str, masked: str, sent_lo: int, items: list[Item]) -> Item | None:
    """The subject item of the reporting verb at ``masked[cue_start:cue_end]`` (see the module docs)."""
    if (agent := named_by(word, masked, cue_end, items)) is not None:
        return agent  # "The Blinken visit, once described by Chinese state media as '...'": the media's words
    left = masked[sent_lo:cue_start]
    progressive = re.search(r"\b(?:is|was|were|are|been|be|keep|kept|keeps)\s+(?:\w+\s+)?$", left)
    if _PARTICIPLES.match(word) and not progressive:
        agent = participle_agent(masked, sent_lo, cue_start, items)
        if agent is not None:
            return agent
        lo = _clause_start(masked, sent_lo, cue_start, strong_only=True)
        return _first_item(masked, lo, cue_start, items)
    tail = left
    while True:
        cut = _AUX_TAIL.search(tail)
        if cut is None or cut.start() == len(tail):
            break
        tail = tail[: cut.start()]
    end = sent_lo + len(tail.rstrip())
    direct = [i for i in items if i.end == end and i.start >= sent_lo]
    if direct:
        # "A minister who met Qin Gang last month said": the subject is the one "who" describes
        for rel in re.finditer(r"\bwho\s", masked[sent_lo : direct[-1].start]):
            if re.match(r"\s*(?:he|she|they|we|I)\s", masked[sent_lo + rel.end() - 1 :]):
                continue  # "the staff, who he said had ...": the pronoun is the verb's subject
            antecedent = [i for i in items if sent_lo <= i.start and i.end <= sent_lo + rel.start()]
            if antecedent and not masked[antecedent[-1].end : sent_lo + rel.start()].strip(" ,"):
                return antecedent[-1]
    if direct and not direct[-1].after_preposition and direct[-1].kind != "vague":
        item = direct[-1]
        if not (item.kind == "mention" and item.in_title):
            return _through_apposition(item, masked, items)
    if direct and direct[-1].kind == "vague":
        return direct[-1]
    if not direct and tail.rstrip().endswith(","):  # "to hear my counterpart, Ambassador Xie Feng, say": the name
        named = [i for i in items if i.person and i.end == end - 1 and TITLED_AFTER_COMMA.search(masked, 0, i.start)]
        if named:
            return named[-1]
    aside = _APPOSITION_BEFORE_VERB.search(tail, max(0, len(tail) - 200))  # the aside ends the tail: read its end only
    if aside is not None and not direct:
        # "Wang Yi, now back as foreign minister, warned": the name before the aside is the subject
        # "The Transpacific Commerce Alliance (TCA), which represents ..., said": a body, its short name between
        gap_ok = re.compile(r"\s*(?:\([^()]{1,12}\)\s*)?")
        # "A senior U.S. official, speaking to reporters after a dinner that ran late, said": the group too
        doing = re.match(r",\s+(?:[a-z]+ing|who)\s", aside.group(0)) is not None
        named = [
            i
            for i in items
            if (i.kind == "mention" or (doing and i.kind in ("group", "nominal")))
            and (i.person or doing or aside.group(0).lstrip(", ").startswith("which"))
            and i.end <= sent_lo + aside.start()
            and gap_ok.fullmatch(masked, i.end, sent_lo + aside.start())
        ]
        if named and (not named[-1].after_preposition or _CONJUNCTION_BEFORE.search(masked[sent_lo : named[-1].start])):
            return named[-1]
    who = _RELATIVE_SUBJECT.search(left)
    if who is not None:
        before = [i for i in items if sent_lo <= i.start and i.end <= sent_lo + who.start()]
        if who.group(1) == "who":
            people = [i for i in before if i.person or i.kind == "nominal"]
            group = [i for i in before if i.kind == "group" and not masked[i.end : sent_lo + who.start()].strip(" ,")]
            if group and not (people and re.fullmatch(r"\s*,?[^,;.]*", masked[people[-1].end : group[-1].start])):
                people = group  # "according to two people familiar with ..., who said" (not "X, an analyst, who")
        else:  # "state broadcaster CCTV, which said": the body right before the comma
            people = [
                i
                for i in before[-1:]
                if (i.kind == "country" or (i.kind == "mention" and not i.person)) and i.end == sent_lo + who.start()
            ]  # "... drawing a protest from Beijing, which called the remark": Beijing
        if people:
            return people[-1]
    if AND_VERB_BEFORE.search(masked, sent_lo, cue_start) or _SAID_THAT_AND.search(masked, sent_lo, cue_start):
        # "The Secretary noted that Wang had welcomed what he called '...', and said ...": the sentence's subject
        lead = [
            i
            for i in items
            if sent_lo <= i.start < cue_start
            and not i.after_preposition
            and not i.possessive
            and (i.person or i.kind in ("nominal", "group", "pronoun"))
        ]
        if lead:
            return lead[0]
    lo = _clause_start(masked, sent_lo, cue_start, strong_only=False)
    found = _first_item(masked, lo, cue_start, items)
    that = _THAT_NOUN_AND.search(masked, sent_lo, cue_start) if found is None else None
    if (
        that is not None
    ):  # "Republicans echoed that view and urged ...": "that" was a determiner; the first verb's subject
        return _first_item(masked, _clause_start(masked, sent_lo, that.start(), strong_only=False), that.start(), items)
    return found


#: A verb coordinated with an earlier one, its subject left out (", and said").
AND_VERB_BEFORE = re.compile(r"(?:,\s+|\s{3,})and\s+(?:also\s+|then\s+|later\s+)?$")  # after a comma or a quotation
#: "Blinken said yesterday that China is not ready and called that '...'": a verb coordinated with the
#: reporting verb, not with the clause it reports.
_SAID_THAT_AND = re.compile(r"\b(?:said|says)\s+(?:\w+\s+){0,2}?that\s+[^,;:.]{1,120}?\s+and\s+(?:also\s+)?$")
_THAT_NOUN_AND = re.compile(r"\bthat\s+[a-z]+\s+and\s+(?:also\s+)?$")
_RELATIVE_SUBJECT = re.compile(r",\s+(who|which)\b[^,]*$")
_CONJUNCTION_BEFORE = re.compile(r"\b(?:after|before|since|until|when|while|as|because|although|though)\s+$")
_APPOSITION_BEFORE_VERB = re.compile(
    r"(?:,\s+[^,;:()\"“”]{1,160}){1,2},\s*$"
)  # one aside, or two ("X, a member of Y, which ..., said")


def _clause_start(masked: str, sent_lo: int, cue_start: int, strong_only: bool) -> int:
    lo = sent_lo
    region = masked[sent_lo:cue_start]
    pattern = _STRONG_BOUNDARY if not strong_only else re.compile(r";\s*|,\s+(?:and|but|while|whereas)\s+|\s[—–]\s")
    for b in pattern.finditer(region):
        lo = sent_lo + b.end()
    return lo


def _first_item(masked: str, lo: int, hi: int, items: list[Item]) -> Item | None:
    lead = _LEADING_ADVERBIAL.match(masked[lo:hi])
    if lead is not None and lead.end() < hi - lo:
        lo += lead.end()
    pool = [i for i in items if lo <= i.start and i.end <= hi and not i.after_preposition]
    pool = [
        i for i in pool if not (i.kind == "pronoun" and i.text.lower() in ("his", "her", "its")) and not i.possessive
    ]
    for n, item in enumerate(pool):
        if item.kind == "mention" and item.in_title:
            nxt = pool[n + 1] if n + 1 < len(pool) else None
            if nxt is not None and nxt.person and nxt.start - item.end < 60:
                return nxt
            continue
        return _through_apposition(item, masked, items)
    return None


def _through_apposition(item: Item, masked: str, items: list[Item]) -> Item:
    """A title phrase followed by ", Name," stands for the name ("China's ambassador to Washington, Xie Feng,",
    "China's defence minister, General Li Shangfu,")."""
    if item.kind in ("nominal", "group") or (item.kind == "mention" and not item.person):
        nxt = [i for i in items if i.start > item.end and i.person and i.kind == "mention"]
        if nxt and re.fullmatch(r"(?:(?!\s{3})[^,.;:])*,\s*(?:[A-Z][\w.]*\s+){0,2}", masked[item.end : nxt[0].start]):
            return nxt[0]
    return item
