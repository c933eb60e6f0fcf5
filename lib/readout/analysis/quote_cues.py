"""Reporting cues around quotations: verbs of speech, "according to", "in their words", a
possessive with a noun of speech ("Biden's description of ..."), and the channel a statement
went through (readout, briefing, tweet, ...). A verb after a modal ("what you would call")
reports nothing, except "would only say".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from readout.analysis.actors import resolve_name
from readout.analysis.cue_context import AS_SAID
from readout.analysis.quote_spans import QuoteSpan

# Verb forms only: third-person forms that are also common nouns ("phone calls", "the
# remarks", "claims", "notes", "states", "demands") are left out, except "calls" and "call"
# right after a subject ("which Beijing calls", "what many scholars call").
VERBS = (
    "said|says|say|saying|told|tells|tell|telling|added|adds|adding|stated|explained|explains|"
    "noted|noting|stressed|stresses|stressing|urged|urges|urging|warned|warns|warning|wrote|writes|tweeted|"
    "acknowledged|acknowledges|acknowledging|argued|argues|arguing|insisted|insists|insisting|asked|asks|called|"
    "calling|criticized|criticised|criticizes|criticises|characterized|characterised|characterize|characterise|"
    "characterizing|described|describes|describe|describing|declared|declares|announced|announces|reiterated|"
    "reiterates|reiterating|emphasized|emphasised|emphasizes|emphasises|emphasizing|emphasising|cautioned|"
    "accuse|accused|accuses|accusing|demanded|vowed|pledged|replied|replies|responded|complained|claimed|claiming|"
    "predicted|recalled|admitted|conceded|concluded|remarked|testified|countered|retorted|asserted|affirmed|reaffirmed|"
    "reaffirms|underscored|underscores|expressed|expresses|welcomed|welcomes|raised|pressed|presses|cited|cites|"
    "assured|assures|assuring|promised|reminded|reminds|remind|boasted|quipped|joked|lamented|mused|observed|"
    "suggested|recounted|answered|answering|posted|pronounced|reported|cheered|maintained|maintains|"
    "insist|argue|warn|contend|concede|complain|predict|suggest|acknowledge|admit|"  # "U.S. officials insist that"
    "(?:has|have|had)\\s+been\\s+(?:very\\s+)?clear|(?:was|were|is)\\s+(?:very\\s+)?clear(?=\\s+that\\b)|made\\s+(?:it\\s+|this\\s+|that\\s+|(?:its|his|her|their|our|[A-Z]\\w+[’']s)\\s+(?:position|stance|views?)\\s+)?(?:very\\s+)?clear|makes\\s+(?:it\\s+)?clear|make\\s+(?:it\\s+)?clear|pointed\\s+out|points\\s+out|put\\s+it|puts\\s+it|"
    "denounced|denounces|condemned|condemns|slammed|blasted|attacked|dismissed|dismisses|branded|brands|labelled|labeled|"
    "hailed|hails|praised|termed|dubbed|decried|deplored|lauded|rejected|downplayed|played\\s+down|"
    "referred\\s+to|refers\\s+to|referring\\s+to|talked\\s+about|spoke\\s+of|spoke\\s+about|spoken\\s+of|spoken\\s+about|called\\s+on|calls\\s+on|calls|call"
)


_SPEECH_NOUNS = (
    "description|descriptions|warning|warnings|remark|remarks|words|comment|comments|statement|claim|claims|"
    "accusation|accusations|pledge|promise|insistence|assertion|characterization|characterisation|criticism|"
    "complaint|demand|demands|message|argument|phrase|label|charge|threat|vow|call|calls|instruction|assessment|"
    "jibe|jibes|jab|jabs|quip|swipe|barb|barbs|slur|gaffe|reply|response|answer|retort|note|memo|point|position|"
    "advice|request|direction|directive|"
    "use\\s+of\\s+the\\s+(?:word|term|phrase|label)"
)


_CUE_FIRSTS = "".join(sorted({v[0] for v in VERBS.split("|")} | {"a", "A"}))


CUE_RE = re.compile(
    r"(?<![\w-])(?:an?|the|this|that|stark|blunt|clear|pointed|sharp|stern|public|private|direct)\s+"
    r"(?P<from_noun>warning|message|pledge|promise|assurance|reminder|plea|vow|rebuke|signal)\s+from\s+"
    r"|(?<![\w-])[Ii]n\s+the\s+(?P<words_of>words)\s+of\s+|(?<![\w-])(?P<heard>heard|hears|hear)\s+from\s+"
    r"|(?<![\w-])(?:have|has|had)\s+(?P<heard_that>heard)\s+(?:(?!him\b|her\b|them\b)\w+\s+){0,3}?that\s+"
    r"|(?<![\w-])(?:reports?|statements?|remarks)\s+(?P<citing>citing|quoting)\s+"
    r"|(?<![\w-])(?P<quoted>quoted|quotes|quoting)\s+(?P<quoted_who>(?:[\w.’'\-]+\s+){1,6}?)as\s+saying(?![\w-])"
    r"|(?<![\w-])(?:were|was|been|is|are)\s+(?P<by_agent>described|called|characteri[sz]ed|termed|labell?ed)\s+by\s+"
    rf"|(?<![\w-])(?=[{_CUE_FIRSTS}])(?:(?P<verb>{VERBS})|(?P<according>[Aa]ccording to))(?![\w-])"
    rf"|(?<![\w-])[Ii]n\s+(?P<words>his|her|their|its)\s+(?:own\s+)?(?:words|view|telling)\b"
    rf"|(?<![\w-])(?P<their_words>[Hh]is|[Hh]er|[Tt]heir)\s+(?:own\s+|exact\s+)?words\s+(?:to\s+\w+\s+)?(?:were|was)\b"
    rf"|(?P<possessive>[’']s)\s+(?:(?:offhand|latest|earlier|recent|repeated|public|own|blunt|sharp)\s+)?"
    rf"(?P<noun>{_SPEECH_NOUNS})\b"
)


#: words before "call" or "calls" that make it a noun ("a call", "phone calls")
_CALL_NOUN_BEFORE = re.compile(
    r"(?:\b(?:a|an|the|phone|video|conference|this|that|his|her|their|its|first|"
    r"wake-up|roll|close|tense|recent|latest|two|these|those|such|repeated|several|no)|\d)\s+$",
    re.IGNORECASE,
)


#: What a visit-ending "concluded" takes: "concluded his visit", "concluded the talks".
_ENDED_THING = re.compile(
    r"\s+(?:his|her|their|its|the|a|an|two|three)\s+(?:[\w\-]+\s+){0,2}?"
    r"(?:visit|trip|talks|meetings?|tour|stay|session|round|conference|summit)\b"
)


#: What follows "asked" or "requested" when a source asks for anonymity.
_ANONYMITY_AFTER = re.compile(r"\s+(?:not\s+to\s+be\s+(?:named|identified|quoted)|for\s+anonymity)\b")


_MODAL_BEFORE = re.compile(
    r"(?:\b(?:would|could|might|should|must)|[’']d)\s+(?:(?:also|rather|probably|never|not|just|only|perhaps|likely)\s+)?$"
)


def is_modal_cue(masked: str, cue_start: int) -> bool:
    """A verb after a modal ("what you would call", "I'd call it") is not a report of speech, nor
    is "asked" opening an aside or a sentence ("Joly, asked about the remark, declined"): the one
    asked is named beside it, and nobody asking is.

    >>> is_modal_cue("Joly, asked about it, declined", 6), is_modal_cue("Reuters asked about it", 8)
    (True, False)
    """
    if masked.startswith(("asked ", "Asked "), cue_start) and _ASIDE_OPENS.search(
        masked, max(0, cue_start - 4), cue_start
    ):
        return True
    before = masked[max(0, cue_start - 30) : cue_start]
    if before.endswith("would only ") or (before.endswith("would ") and masked.startswith("say only ", cue_start)):
        return False  # "would only say that ...": a report of what little was said
    return bool(_MODAL_BEFORE.search(before))


_ASIDE_OPENS = re.compile(r"(?:^|,|—|–)\s*$")


@dataclass
class Cue:
    """A reporting cue in a paragraph (offsets relative to it)."""

    start: int
    end: int
    word: str
    kind: str  # verb, according, words, possessive, from
    subject_end: int = -1  # possessive: where the possessor ends; words: where the pronoun is; from: where its
    # speaker starts

    @property
    def according(self) -> bool:
        return self.kind == "according"


#: Verbs a headline reports a stance with, in the present tense ("Ankara hopes US-China 'dialogue' ...").
_HEADLINE_VERBS = re.compile(
    r"(?<![\w-])(?:hopes|expects|thanks|wants|vows|pledges|seeks|fears|sees|backs|eyes|hails|decries|protests)(?![\w-])"
)


#: The groups of :data:`CUE_RE` whose cue names its speaker right after it.
_FROM_GROUPS = ("from_noun", "words_of", "heard", "by_agent", "heard_that", "citing")


def find_cues(masked: str, headline: bool = False) -> list[Cue]:
    """The reporting cues of a paragraph whose quotations are blanked; in a headline, also the
    present-tense verbs of stance only a headline reports with ("Taiwan thanks U.S. for 'clear' support")."""
    cues = [Cue(m.start(), m.end(), m.group(0), "verb") for m in _HEADLINE_VERBS.finditer(masked)] if headline else []
    for m in CUE_RE.finditer(masked):
        if m.group("verb"):
            word = m.group("verb")
            if word.lower() in ("call", "calls") and _CALL_NOUN_BEFORE.search(
                masked[max(0, m.start() - 20) : m.start()]
            ):
                continue
            if _ANONYMITY_AFTER.match(masked, m.end()):
                continue  # "who asked not to be named": a condition of the interview, not a report
            if word.lower() == "concluded" and _ENDED_THING.match(masked, m.end()):
                continue  # "concluded his visit to Beijing": an ending, not a conclusion drawn
            if re.search(r"\s\s", word):  # "calls “…” on": the quotation blanked between makes no "calls on"
                word = word.split()[0]
                cues.append(Cue(m.start(), m.start() + len(word), word, "verb"))
                continue
            cues.append(Cue(m.start(), m.end(), re.sub(r"\s+", " ", word), "verb"))
        elif m.group("according"):
            cues.append(Cue(m.start(), m.end(), m.group(0), "according"))
        elif m.group("quoted"):  # "The embassy quoted him as saying": the one quoted
            cues.append(Cue(m.start(), m.end(), m.group("quoted"), "from", subject_end=m.start("quoted_who")))
        elif any(m.group(g) for g in _FROM_GROUPS):
            # "a warning from Xi", "heard from X", "were described by the Chinese side as", "have heard many
            # times that the U.S. ...", "reports citing U.S. officials that ..."
            noun = next(g for g in _FROM_GROUPS if m.group(g))
            cues.append(Cue(m.start(noun), m.end(noun), m.group(noun), "from", subject_end=m.end()))
        elif m.group("words"):
            cues.append(Cue(m.start(), m.end(), m.group(0), "words", subject_end=m.start("words")))
        elif m.group("their_words"):  # "His words to me were, ...": whoever "his" is
            cues.append(Cue(m.start(), m.end(), m.group(0), "words", subject_end=m.start("their_words")))
        else:
            cues.append(Cue(m.start("noun"), m.end("noun"), m.group("noun"), "possessive", subject_end=m.start()))
    return sorted(cues, key=lambda c: c.start) if headline else cues


def mask_quotes(text: str, spans: list[QuoteSpan]) -> str:
    """``text`` with every quotation (marks included) blanked, offsets kept.

    >>> from readout.analysis.quote_spans import scan_quotes
    >>> mask_quotes('He said “no” twice', scan_quotes('He said “no” twice'))
    'He said      twice'
    """
    blanks = sorted((max(q.start - 1, 0), min(q.end + (1 if q.closed else 0), len(text))) for q in spans)
    pieces: list[str] = []
    done = 0  # text[:done] is in pieces
    for lo, hi in blanks:
        lo = max(lo, done)
        if hi > lo:
            pieces += [text[done:lo], " " * (hi - lo)]
            done = hi
    pieces.append(text[done:])
    return "".join(pieces)


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


def channel_of(
    masked: str, lo: int, hi: int, para_mentions: list[dict], is_media, starts: list[int] | None = None
) -> str:
    """The channel named in ``masked[lo:hi]`` (the quote's sentences, quotes blanked), or "".

    Keywords first (readout, tweet, news conference, briefing, statement, hearing,
    interview); then "told <a news organisation>" (Glaser told VOA) counts as an interview.
    ``starts``, if given, are the mentions' starts in ascending order (the mentions sorted by
    start), so only the mentions right after "told" are looked at.
    """
    frame = masked[lo:hi]
    if _ANY_CHANNEL.search(frame):  # one search rules out every keyword
        for name, pattern in _CHANNEL_PATTERNS:
            if pattern.search(frame):
                return name
    for told in re.finditer(r"\btold\s+", frame):
        at = lo + told.end()
        near = (
            para_mentions if starts is None else para_mentions[bisect_left(starts, at) : bisect_right(starts, at + 4)]
        )
        if any(at <= m["start"] <= at + 4 and is_media(m["actor"]) for m in near):
            return "interview"
    return ""


_TITLE_SMALL = {"a", "an", "the", "and", "or", "of", "in", "on", "for", "to", "with", "at", "by", "from"}


_MENTION_BEFORE = re.compile(
    r"(?:\b(?:words?|terms?|phrases?|labels?|expressions?|slogans?|notion)(?:\s+(?:like|such\s+as))?|\bso-called)\s*$",
    re.IGNORECASE,
)


def is_word_mention(text: str, quote_start: int, quote_end: int | None = None) -> bool:
    """A quotation that only mentions a word ("words like 'going soft'", "the so-called 'balloon
    incident'"): nobody's speech. ``quote_start`` and ``quote_end`` are where the quoted words
    begin and end in ``text``; a quotation of more than five words after "labels" or "terms" is
    the clause's own predicate ("such labels 'change the packaging but not the contents'"), speech.

    >>> is_word_mention('I would not use words like "going soft."', 28), is_word_mention('He said "no."', 9)
    (True, False)
    >>> is_word_mention('He said such labels "change the packaging but not the contents."', 21, 63)
    False
    """
    before = text[max(0, quote_start - 41) : max(0, quote_start - 1)]
    if _PROVERB_BEFORE.search(before) or (quote_end is not None and _PROVERB_AFTER.match(text, quote_end)):
        return True  # 'The Chinese have a saying: "..."', '"...," as a Chinese saying goes': nobody's words
    habit = _HABIT_BEFORE.search(text[max(0, quote_start - 121) : max(0, quote_start - 1)])
    if quote_end is not None and len(text[quote_start:quote_end].split()) <= 3 and habit:
        return True  # 'The U.S. side talks about "guardrails"': the habit of a word, not a report of speech
    if quote_end is not None and len(text[quote_start:quote_end].split()) > 5:
        return False
    if quote_end is not None and len(text[quote_start:quote_end].split()) == 1 and _AIM_OF_BEFORE.search(before):
        return True  # "the administration’s push to “stabilize” relations": the push's name for itself, no speech
    if quote_end is not None and len(text[quote_start:quote_end].split()) <= 3:
        after = text[quote_end : quote_end + 60]
        if _MENTION_AFTER.match(after) or _ON_TERM_BEFORE.search(text[max(0, quote_start - 8) : quote_start]):
            return True  # '"Reward" is not a word that belongs ...', 'On "correct course," I'd say'
    if _OWNED_WORDS_BEFORE.search(before):
        return False  # 'the President’s words "speak for themselves"': someone's words, not a word named
    return bool(_MENTION_BEFORE.search(before)) and not _USE_OF_WORD_BEFORE.search(before)


_OWNED_WORDS_BEFORE = re.compile(r"(?:[’']s|(?:his|her|their|its|my|our|your))\s+(?:own\s+)?words\s*$", re.I)


#: Before a word that names the aim of someone's effort: "the administration’s push to ".
_AIM_OF_BEFORE = re.compile(r"[’']s\s+(?:push|drive|effort|efforts|bid|attempt|attempts|campaign)\s+to\s+$")


#: After a proverb: '," as a Chinese saying goes'.
_PROVERB_AFTER = re.compile(
    r"[”\"’']?\s*[,.]?\s*[”\"’']?\s*as\s+(?:an?\s+|the\s+)?(?:old\s+)?(?:[A-Z][\w\-]*\s+)?(?:saying|proverb|adage)\s+(?:goes|has\s+it)"
)


#: Before a label some side habitually uses, not one occasion's words: "keeps talking about", "speaks of", "the
#: language of", "what Washington calls", "what we call" (not "what I'd call"), "likes to describe its policy as".
_HABIT_BEFORE = re.compile(
    r"\b(?:talks|talking|talk|speaks|speaking|speak)\s+(?:about|of)\s*$|\blanguage\s+of\s*$"
    r"|\bwhat\s+(?:[\w.’'\-]+\s+){1,4}(?<!['’]d\s)(?<!would\s)(?<!might\s)(?<!could\s)(?:calls|call)\s+"
    r"(?:the\s+|a\s+|an\s+|its\s+)?$|\blikes?\s+to\s+(?:say|call|describe|speak|talk)\b[^.;:!?]{0,60}$",
    re.IGNORECASE,
)


#: Before a proverb: 'have a saying:', 'as the saying goes,', 'an old Chinese proverb:'.
_PROVERB_BEFORE = re.compile(
    r"\b(?:an?|the|old|ancient|famous|popular)\s+(?:[\w\-]+\s+)?(?:saying|proverb|adage|idiom|maxim)(?:\s+goes)?\s*[:,]?\s*$",
    re.IGNORECASE,
)


#: After a quoted word that the sentence talks about: '"Fresh start" is your phrase', '"Reward" is not a word'.
_MENTION_AFTER = re.compile(
    r"[,.]?[’'\"”]?\s+(?:is|was|isn[’']t|wasn[’']t)\s+(?:not\s+)?(?:a|an|the|your|my|our|their|his|her)\s+"
    r"(?:\w+\s+)?(?:word|phrase|term|label|description|expression)\b"
)
#: A quoted term a speaker takes up as a topic at the start of a sentence: 'On "correct course," I'd say'.
_ON_TERM_BEFORE = re.compile(r"(?:^|[.!?:]\s+|\n)(?:On|As\s+for|About)\s+[\"“‘']$")


#: Terms of the U.S.–China debate that texts hold up in quotation marks as names of a policy, a
#: charge or a movement rather than quote from anyone ("sending wrong signals to 'Taiwan
#: independence' forces", "'de-risking', not decoupling"). A quotation that is one of them and
#: nothing more is nobody's words (a scare quote), whoever's sentence it sits in.
HELD_UP_TERMS = frozenset(
    {
        "taiwan independence",
        "de-risking",
        "decoupling",
        "overcapacity",
        "china threat",
        "wolf warrior",
        "new cold war",
        "small yard high fence",
        "two chinas",
        "one china",
        "one china policy",
        "one china principle",
        "wrongfully detained",
    }
)


def is_held_up_term(quoted: str) -> bool:
    """Whether a quotation is one of :data:`HELD_UP_TERMS` (case, punctuation and spacing aside).

    >>> is_held_up_term("Taiwan independence,"), is_held_up_term("de-risking."), is_held_up_term("stabilize")
    (True, True, False)
    """
    return " ".join(re.sub(r"[^\w\s\-]", " ", quoted).lower().split()) in HELD_UP_TERMS


#: "Biden’s use of the word ‘dictator’": someone’s speech, not a mention of a word
_USE_OF_WORD_BEFORE = re.compile(
    r"\buse\s+of\s+(?:the\s+|that\s+|this\s+)?(?:words?|terms?|phrases?|labels?|expressions?)\s*$",
    re.IGNORECASE,
)


def is_title(quoted: str) -> bool:
    """A quotation that is a name of a work, a programme, a plan or a law: two to eight words,
    every word but small ones capitalised ("Capitol Crossroads", "Made in China 2025"), or one
    word in camel case ("EducationUSA").

    >>> is_title("Capitol Crossroads."), is_title("Made in China 2025"), is_title("stop interfering")
    (True, True, False)
    >>> is_title("EducationUSA"), is_title("Reset")
    (True, False)
    >>> is_title("China Travel Advisory - Level 3: Reconsider Travel"), is_title("Floors and Ceilings: Managing U.S.-China Crises,")
    (True, True)
    """
    words = [w.strip("-") for w in re.findall(r"[\w’'\-]+", quoted) if re.search(r"\w", w)]  # "U.S.-China"
    if len(words) == 1 and re.fullmatch(r"[A-Z][a-z]+[A-Z]\w*", words[0]):
        return True  # a brand in camel case: "EducationUSA", "WeChat"
    if not 2 <= len(words) <= 8 or re.search(r"[.!?;]\s+\S", quoted.strip()):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _TITLE_SMALL for w in words) and words[0][0].isupper()


def inverted_gap(gap: str, quoted: str) -> bool:
    """Whether a cue after a quotation attributes it (``"...," Wang said``, ``"..." said Li``):
    nothing but the subject between them, and the quotation ends its clause."""
    words = re.findall(r"\w+", gap)
    if not words:
        return True
    ends_clause = bool(re.search(r"[,?!—–]\W*$", quoted)) or bool(re.match(r"\s*[,—–]", gap))
    return ends_clause and len(words) <= 6 and "." not in gap


def _normal(text: str) -> str:
    return re.sub(r"[^\w\s]", "", text.lower()).strip()


_COLON_HEAD_RE = re.compile(r"^\s*([^:“”\"‘’]{2,60}):\s")
_QUOTE_THEN_NAME = re.compile(r"^\s*[‘“\"'][^’”\"]{2,200}[’”\"']\s*:\s+(?P<n>[A-Z])")


def headline_colon_speaker(text: str, mentions: list[dict], codebook) -> tuple[str, int, int] | None:
    """The speaker a headline's colon names and the span of ``text`` whose quotations are theirs:
    a prefix that is only a name or a title ("US official: ...", not "Blinken's Beijing visit: ...")
    for what follows it; a person named after a closing quotation ("‘...’: Miriam Caldecott on ...",
    one of ``mentions``: dicts with start, actor and kind) for what precedes it."""
    m = _COLON_HEAD_RE.match(text)
    if m is not None:
        prefix = m.group(1)
        if re.search(r"[’']s\b", prefix) or len(prefix.split()) > 5:
            return None
        to = re.match(r"(.+?)\s+to\s+\S", prefix)  # "Qin Gang to Blinken: ...": the first one speaks
        name = resolve_name(to.group(1) if to else prefix, codebook)
        return (name, m.end(), len(text)) if name else None
    m = _QUOTE_THEN_NAME.match(text)
    if m is not None:
        at = m.start("n")
        person = next((x["actor"] for x in mentions if x["start"] == at and x["kind"] == "person"), None)
        return (person, 0, at) if person else None
    return None


def attribute_headlines(found: list[dict]) -> None:
    """Headline and dek quotes: the same words quoted in the body, else their own cue, else a
    colon prefix naming a speaker. A one-word quote is matched only to the same word."""
    body = [f for f in found if f["role"] not in ("headline", "dek") and f["speaker"]]
    for f in found:
        if f["role"] not in ("headline", "dek"):
            continue
        words = _normal(f["text"])
        match = None
        if words:
            exact = [b for b in body if _normal(b["text"]) == words]
            containing = []
            if len(words.split()) > 1:
                containing = [b for b in body if re.search(rf"\b{re.escape(words)}\b", _normal(b["text"]))]
            if not containing and not exact:
                named = f["_named"]  # a single word: only a body quote whose speaker the headline names
                containing = [
                    b
                    for b in body
                    if b["speaker"] in named and re.search(rf"\b{re.escape(words)}\b", _normal(b["text"]))
                ]
            match = exact[0] if exact else containing[0] if containing else None
        if match is not None:
            f.update(speaker=match["speaker"], attribution="headline", channel=f["channel"] or match["channel"])
            f["cue"] = ""
        elif (
            not f["speaker"]
            and f["_speaker_phrase"]
            and f["_speaker_phrase"][1] <= f["_q"][0] < f["_speaker_phrase"][2]
        ):
            f.update(speaker=f["_speaker_phrase"][0], attribution="headline")


def cue_order(
    near: list[Cue], masked: str, text: str, q_lo: int, q_hi: int, s_lo: int, title: bool = False
) -> list[Cue]:
    """The cues of a quotation's sentence (``near``) in the order they are tried for it (``q_lo:q_hi``
    the quotation with its marks, ``s_lo`` its sentence's start in the masked paragraph): a cue
    inverted right after it first when it opens its sentence, then the nearest cues before it,
    then those after; "according to" last. A cue before a full stop that the sentence splitter
    left inside the sentence ("Experts say X. '...,' Y told Z") is tried after those after it."""
    before = masked[s_lo:q_lo]
    # a quotation that opens its sentence (even one the sentence splitter joined to the last)
    at_start = not before.strip(" \t\n\"“‘'(—–-") or bool(re.search(r"[.!?:]\s*$", before))
    right = [c for c in near if c.start >= q_hi]
    inverted = [c for c in right if inverted_gap(masked[q_hi : c.start], text[q_lo:q_hi])]
    left = sorted((c for c in near if c.end <= q_lo), key=lambda c: q_lo - c.end)
    rest = [c for c in right if c not in inverted]
    if title:  # a title is someone's words only by a cue right beside it
        rest = []
        left = [c for c in left if len(masked[c.end : q_lo].split()) <= 3]
    stop = re.search(r"[.!?]\s*$", before)
    earlier = [c for c in left if stop is not None and c.end <= s_lo + stop.start()] if right else []
    left = [c for c in left if c not in earlier]
    order = inverted[:1] + left + inverted[1:] + rest if at_start else left + inverted + rest
    order += earlier
    as_said = [c for c in right if c.kind == "verb" and AS_SAID.fullmatch(masked, q_hi, c.start)]
    order = as_said[:1] + [c for c in order if c not in as_said[:1]]  # '"...," as Minister Qin has said'
    around = [
        c for c in right if c.kind == "possessive" and c.subject_end + 3 >= q_lo and not masked[q_hi : c.start].strip()
    ]
    order = around[:1] + [c for c in order if c not in around[:1]]  # "Biden's 'dictator' jibe": the possessor's word
    return [c for c in order if not c.according] + [c for c in order if c.according]
