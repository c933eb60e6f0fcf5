"""The words around a quotation that decide which cue or subject reaches it: an absolute "with"
phrase, a topic fronted by "For", an "as" clause after the quotation, a first-person report before
a quotation nested in another, a possessive noun that is a verb's object, a noun the quotation only
describes or states (an answer, a position), where "according to" stops, a line naming whose words
a document carries, a sentence whose subject is both sides, and what stands before a subject or a
pronoun (a fronted preposition, a leading "Asked ...", a relative clause, a telling verb). Read by
:mod:`readout.analysis.quote_attribution`, :mod:`readout.analysis.subject_checks` and
:mod:`readout.analysis.speaker_resolution`.
"""

from __future__ import annotations

import re

#: What may stand between the noun of an absolute "with" phrase and its participle ("with X also saying").
WITH_SUBJECT = re.compile(r"\s+(?:also\s+|later\s+)?")

#: A sentence that opens on a person as its topic ("For Darlene Pruitt, ...", after a dateline).
FRONTED_PERSON = re.compile(r"\s*(?:[A-Z][A-Z .’'\-]+\s[—–-]\s*)?(?:For|To|Like)\s+")

#: Between a quotation and the verb of an "as" clause that gives its source ('"...," as Qin has said').
AS_SAID = re.compile(r"[\s,]*as\s+[^,;.!?]{1,60}?\s+(?:has\s+|had\s+|have\s+)?")

#: A first-person report right before a quotation nested in another: the outer speaker quoting themselves.
OWN_WORDS = re.compile(r"\b(?:I|[Ww]e)\s+(?:\w+\s+){0,2}(?:told|tell|said|say|wrote|asked|ask)\b[^.!?]{0,40}$")

#: Between a verb and a possessive speech noun that is its object ("called the President's ").
OBJECT_OF_VERB = re.compile(r"\s+(?:the\s+)?(?:[\w.\-]+\s+){0,3}[\w.\-]+[’']s?\s+(?:[a-z]+\s+)?")

#: What follows a speech noun when the quotation describes it: "... message to Blinken had been ".
DESCRIBED = re.compile(
    r"[^,;:.!?]{0,60}?\b(?:had been|has been|have been|was|were|is|are|seemed|sounded|looked)\s+"
    r"(?:(?!that\b)[^,;:.!?\"“”]{1,60}\s+)?$"
    r"|[^,;:.!?]{0,60}?\b(?:showed|shows|suggested|suggests|meant|means|proved|proves|reflected|reflects|revealed)\s+"
    r"(?:that\s+)?[^,;:.!?\"“”]{0,80}$"
)  # "... remark was less a gaffe than a reminder that ", "the TAO's response showed that Beijing "

#: What follows an answer or a position when the quotation is what it says ("Beijing's answer
#: for now is ", "China's position is that the sanctions are "), not a word about it.
STATED_CONTENT = re.compile(
    r"(?:,\s+as\s+[^,;:.!?]{1,40},)?"  # "Beijing's position, as it was put to me, is that ..."
    r"\s+(?:(?:for\s+now|so\s+far|now|still|again|simply)\s+)?(?:is|was|remains|remained|has\s+been|had\s+been)\s+"
    r"(?:that\s+[^,;:.!?]{0,80})?$"
)
CONTENT_NOUNS = frozenset({"answer", "reply", "response", "position"})
#: A country or capital as the possessor of such an answer ("Beijing's answer"): its government.
COUNTRY_POSSESSOR = re.compile(r"(?<![\w.’'])(?:China|Beijing|Washington|America|[Tt]he\s+United\s+States|the\s+PRC)$")

#: Where the source after "according to" ends.
ACCORDING_STOP = re.compile(r"[,;.:!?)]|\s{3,}|—|–")


#: What may stand between a reporting verb and the subject of the clause it reports: its audience
#: and "that" ("told a regular news conference that Tokyo ...", "said Türkiye ...").
REPORTED_CLAUSE = re.compile(r"\s+(?:(?:to\s+)?(?:the\s+|a\s+|an\s+)?[\w\-]+(?:\s+[\w\-]+){0,3}\s+)??(?:that\s+)?")


#: A clause whose subject is vague others, up to its verb ("Some people have already labeled", "some coverage"),
#: or a denied verb ("I wouldn't call that").
VAGUE_SUBJECT = re.compile(
    r"\b(?:[Ss]ome|[Mm]any|[Oo]thers|[Pp]eople|[Cc]ritics|[Cc]ommentators|[Cc]overage|[Mm]edia)\b[^,.;:?!]*$"
    r"|(?:n[’']t|\bnot|\bnever)\s+(?:\w+\s+){0,2}$"  # or a verb the speaker denies: "I wouldn't call that"
)

#: A line of an official document that names whose words it carries ("The following is attributable to").
ATTRIBUTABLE_LINE = re.compile(r"\battributable to\b", re.IGNORECASE)

#: A sentence whose subject is both sides together: neither side's statement.
BOTH_SIDES = re.compile(
    r"\s*(?:[A-Z]\w*(?:\s\w+){0,6},\s+)?(?:[Tt]he\s+two\s+(?:sides|countries|governments|ministers|leaders|delegations)|"
    r"[Bb]oth\s+(?:sides|countries|governments|ministers|leaders|delegations))\b"
)

#: A preposition opening a sentence ("In talks with our PRC counterparts, they told us").
FRONTED_PP = re.compile(r"\s*(?:In|With|During|After|Before|At|From|Over)\s")

#: A leading "Asked ..." clause: who it names is what was asked about, never the one who answered.
ASKED_CLAUSE = re.compile(r"\s*(?:When\s+|Later\s+)?[Aa]sked\b[^,]*,")

#: A relative clause opening right before a pronoun: "..., in which he", "..., where she", "welcomed what he"
#: (the nearest person), and a telling verb before a person, who is then its object, not the one meant
#: ("Wang told Blinken ... and drop what he called": Wang).
RELATIVE_BEFORE = re.compile(r"(?:\b(?:in|at|during|with|after)\s+which|,\s+where|,\s+when|\bwhat)\s+$")
#: What follows a possessed noun of speech when the quotation is its possessor's content, not the object of an
#: outer verb: "noted Qin's assessment that ...", "played down Biden's description of Xi as a '...'".
OWN_CONTENT = re.compile(r"\bthat\b|\bas\s+(?:an?\s+)?$")

#: The plain verbs of speech that follow their speaker.
_SPEECH = "said|says|told|tells|added|adds"
#: A subject's speech verb right after it ("..., and Blinken said afterward that he had pressed him").
SAYS_AFTER = re.compile(rf"\s+(?:\w+\s+)?(?:{_SPEECH})\b")


def same_pronoun_lead(word: str, earlier: list, sentence: str, offset: int):
    """The he or she that opens a sentence's subjects when ``word`` is that pronoun again and nobody
    named since speaks ("When he spoke with Qin by phone, he told him", "he values what the Secretary
    did, and he said"): the later one means the same person. None otherwise."""
    lead = next((i for i in earlier if i.person or i.kind in ("nominal", "pronoun")), None)
    if word not in ("he", "she") or lead is None or lead.kind != "pronoun" or lead.text.lower() != word:
        return None
    named = [i for i in earlier if i.start > lead.start and (i.person or i.kind == "nominal")]
    return None if any(SAYS_AFTER.match(sentence, i.end - offset) for i in named) else lead


TOLD_BEFORE = re.compile(
    r"\b(?:told|tells|telling|asked|asks|urged|urges|warned|warns|assured|reminded|met|meets|hosted|hosts|received)\s+$"
)

#: Between two people listed after a preposition ("and" before the last; titles may follow), and what
#: follows one who is not the last ("with President Xi, Director Wang Yi and Foreign Minister Qin").
LISTED_NEXT = re.compile(r"(?:,\s+(?:(?P<last>and|or)\s+)?|\s+(?P<only>and|or)\s+)(?:[A-Z][\w.’'\-]*\s+){0,3}")
LIST_GOES_ON = re.compile(r",\s+(?:and\s+|or\s+)?[A-Z]|\s+(?:and|or)\s+[A-Z]")

#: Lower-case title words between a body and the person holding the title ("White House press
#: secretary Karine Jean-Pierre"): the person is the sentence's subject, not the body.
BODY_TITLE_GAP = re.compile(r"(?:\s+(?:[a-z][\w\-]*|[A-Z][a-z]+\.?)){1,3}\s+")

#: An apposition's opening before a name, titles allowed (", Ambassador Xie Feng").
TITLED_AFTER_COMMA = re.compile(r",\s+(?:[A-Z][\w.’'\-]*\s+){0,3}$")

#: The participle of an absolute "with" phrase, whose noun is its subject ("with analysts saying").
WITH_DOING = re.compile(r"\s+(?:also\s+|later\s+)?[a-z]+ing\b")

#: An owner right before "counterparts" that makes them a source: whose counterparts they are.
OWNER_BEFORE = re.compile(r"(?<![\w’'])(?:[Mm]y|[Oo]ur|[Hh]is|[Hh]er)\s+$")


#: Verbs that give their object a name ("what Beijing calls", "labelled the trip"): the name is the
#: one quotation right after them.
_NAMING_VERB = re.compile(r"(?:call|calls|called|label|labels|labell?ed|branded|dubbed|termed)$", re.IGNORECASE)


def naming_scope_ended(word: str, between: str) -> bool:
    """Whether a naming verb's object ended before a quotation: ``between`` (masked text from the
    cue to the quotation) holds an earlier quotation and then a new clause ("what Beijing calls '...'
    on students, and whether it stopped '...'", "calls its approach '...,' but that China '...'")."""
    if not _NAMING_VERB.search(word) or re.match(r"\s?on\s", between):
        return False  # "called on Washington to '...' and to stop '...'": an appeal, no name
    blank = list(re.finditer(r"\s{3,}", between.rstrip()))
    if not blank:
        return False
    gap = between[blank[-1].end() :]
    if re.search(r"\b(?:said|say|says|told|added)\b", gap):
        return False  # "Some lawmakers called the trip '...,' while others said ... '...'": left to that cue
    return bool(re.search(r"\b(?:that|whether|but)\b", gap)) or len(gap.split()) > 3


#: participles that name something ("calling X a 'dictator'"), not ones that report a clause ("saying the talks were ...")
_NAMING_PARTICIPLES = re.compile(
    r"^(?:calling|describing|label(?:l)?ing|characteri[sz]ing|branding|dubbing|terming)$", re.IGNORECASE
)
_FINITE_BE = re.compile(r"\b(?:is|was|are|were)\b")


def participle_scope_ended(word: str, between: str, inner: bool = False) -> bool:
    """Whether a cue's clause has ended before a quotation: a naming participle ("describing") has
    handed its sentence back to a main verb ("remarks by Biden describing Xi as a 'dictator' were
    'absurd'": the second quotation is not the describer's), or a verb inside an earlier cue's clause
    (``inner``) is followed by that cue's next clause ("Blinken said Biden had asked him to come,
    and that the U.S. side '...'"), or a naming verb's object was an earlier quotation
    (:func:`naming_scope_ended`). ``between`` is the masked text from the cue to the quotation."""
    if inner and re.search(r",\s+(?:and|but)\s+that\s", between):
        return True
    if naming_scope_ended(word, between):
        return True
    return bool(_NAMING_PARTICIPLES.match(word)) and bool(_FINITE_BE.search(between))


#: From "said" to the verb of the clause it reports, in the past perfect: "... said [in a statement] [that]
#: Blinken had [stressed]"; and a document before "said", whose report relays its principal's words.
_BACKSHIFTED = re.compile(
    r"(?:\s+(?:in|at|on|during)\s+[^,;.]{1,40}?)?\s+(?:that\s+)?(?:the\s+)?[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){0,2}"
    r"\s+had\s+(?:also\s+)?"
)
_DOCUMENT_BEFORE = re.compile(r"(?:readout|account|summary|statement|transcript|report)\s+$")


def backshifted_report(masked: str, said_start: int, said_end: int, verb_start: int) -> bool:
    """Whether a verb at ``verb_start`` reports a clause of the "said" at ``said_start:said_end`` in
    the past perfect ("Spokesperson Matthew Miller said Blinken had stressed '...'"): the quotation is
    then the sayer's report (when the two are of one side), unless the sayer is a document ("Beijing's
    readout said Qin had urged '...'", which relays Qin's words)."""
    if masked[said_start:said_end].lower() not in ("said", "says"):
        return False
    if _DOCUMENT_BEFORE.search(masked, max(0, said_start - 40), said_start):
        return False
    return _BACKSHIFTED.fullmatch(masked, said_end, verb_start) is not None


#: "What the U.S. leader said is '...'": the quotation says what the words were, in someone else's words.
_WHAT_SAID_IS = re.compile(r"\s+(?:is|was|are|were)\s+$")
_WHAT_BEFORE = re.compile(r"(?:[.!?]\s+|\s{3}|(?<![\w,;:]\s))What\s+[^,;:!?]{1,50}$")  # a sentence's first word


def describes_words(kind: str, word: str, masked: str, s_lo: int, start: int, end: int, q_lo: int) -> bool:
    """Whether a cue (of ``kind`` and ``word`` at ``start:end``, before a quotation opening at
    ``q_lo`` in a sentence from ``s_lo``) names words that the quotation only describes: "Wang Yi's
    message had been '...'" (:data:`DESCRIBED`, unless an answer or reply was "that ..."), "China
    slams Biden's remark as '...'", "What the U.S. leader said is '...'"."""
    between = masked[end:q_lo]
    if kind == "possessive":
        if re.fullmatch(r"\s+as\s+", between):
            return True
        return bool(DESCRIBED.fullmatch(between)) and not (word in CONTENT_NOUNS and STATED_CONTENT.fullmatch(between))
    return kind == "verb" and bool(_WHAT_SAID_IS.fullmatch(between)) and bool(_WHAT_BEFORE.search(masked, s_lo, start))


#: A passive naming right before a quotation ("Whether the words are described as '...' or not"): the
#: quotation is held up, nobody's words where no cue names who used it.
HELD_UP_BEFORE = re.compile(
    r"\b(?:is|are|was|were|be|been|being)\s+(?:described|called|termed|labell?ed|referred\s+to)\s+as\s*$"
)


#: The agent of a naming verb in the passive ("once described by Chinese state media as '...'"): the words
#: are the agent's, not the subject's.
PASSIVE_AGENT = re.compile(r"\sby\s+")  # right after the verb, not after a blanked quotation
NAMING_PARTICIPLE = re.compile(r"described|called|termed|dubbed|labell?ed|branded|characteri[sz]ed", re.IGNORECASE)


def named_by(word: str, masked: str, cue_end: int, items: list):
    """The item named right after "by" when ``word`` is a naming verb in the passive, else None."""
    by = PASSIVE_AGENT.match(masked, cue_end) if NAMING_PARTICIPLE.fullmatch(word) else None
    return next((i for i in items if i.start == by.end()), None) if by is not None else None


#: Verbs a sentence can end on, inverted before their subject, after a quotation inside it ("The trip
#: 'buys time' for allies, says Cleverly."); not "told", whose object would follow.
INVERTING_VERB = re.compile(
    r"says|said|say|adds|added|writes|wrote|notes|noted|argues|argued|warns|warned|insists|insisted|explains|explained",
    re.IGNORECASE,
)


_WORDS_BY = re.compile(
    r"(?:\b(?:remarks?|comments?|words|statements?|posts?|tweets?)\s+by"
    r"|\b(?:footage|video|videos|images|clips?|pictures|recording)\s+of)\s+(?:[A-Z][\w.’'\-]*\s+){0,4}$"
)  # "remarks by Biden describing ...", "footage of Xi Jinping telling ..."


_WITH_BEFORE = re.compile(r"(?:^|,\s+)with\s+(?:the\s+)?(?:[A-Z][\w.’'\-]*\s+){0,5}$")


_SAID_THEN_PARTICIPLE = re.compile(rf"\s+(?:{_SPEECH})(?:\s+[a-z]+){{0,3}},\s+")


def participle_agent(masked: str, sent_lo: int, cue_start: int, items: list):
    """Who does the speaking of a participle, where the sentence names it beside the verb:
    "condemned Biden for calling ..." (the object before "for"), "remarks by Biden
    describing ..." or "footage of Xi telling ..." (the one whose words they are) and "quoted He
    as saying ..." (the one quoted); after a speech verb and a comma, that verb's speaker ("..., an official told
    reporters, describing ...")."""
    before = [i for i in items if sent_lo <= i.start and i.end <= cue_start and i.kind != "vague"]
    if not before:
        return None
    speaking = [i for i in before if _SAID_THEN_PARTICIPLE.fullmatch(masked, i.end, cue_start)]
    if speaking:  # "Beijing wants ..., a senior U.S. official told reporters, describing": the one who told
        return speaking[-1]
    last = before[-1]
    if (
        len(before) > 1
        and before[-2].actor == last.actor
        and re.fullmatch(r"\s*\(", masked[before[-2].end : last.start])
    ):
        last = before[-2]  # "the Ministry of External Affairs (MEA)": the name before its short name in brackets
    gap = masked[last.end : cue_start]
    if re.fullmatch(r"\s+for\s+", gap):
        return last
    if not gap.strip() and _WORDS_BY.search(masked[sent_lo : last.start]):
        return last
    short_name = re.fullmatch(r"\s*(?:\([^()]{1,12}\)\s*)?", gap)
    if short_name and (last.person or last.kind == "mention") and _WITH_BEFORE.search(masked[sent_lo : last.start]):
        # "..., with Foreign Minister Vivian Balakrishnan describing the visit as ...", "with the Ministry of
        # External Affairs (MEA) saying ..."
        return last
    if not gap.strip() and re.search(r"\b(?:had|has|have)\s+$", masked[sent_lo : last.start]):
        return last  # "the Chinese readout had Xi telling him ...": the one made to speak
    if re.fullmatch(r"\s+as\s+", gap) and re.search(
        r"\bquot(?:ed|es|ing)\s+(?:[A-Z][\w.’'\-]*\s+){0,4}$", masked[sent_lo : last.start]
    ):
        return last  # "Xinhua quoted He as saying ...": the one quoted
    return None
