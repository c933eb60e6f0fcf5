"""The surface rules that find an attributed statement in a sentence: reporting cues, the
attributed subject, and the region of the sentence that reports what was said.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from readout.text.cues import first_letters
from readout.text.quote_marks import QUOTE_CHARS
from readout.text.tokens import words_of

#: Reporting verbs (and "according to") that mark an attributed statement.
REPORTING_CUES = (
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "stressed",
    "stresses",
    "urged",
    "urges",
    "asked",
    "asks",
    "explained",
    "reiterated",
    "acknowledged",
    "acknowledging",
    "warned",
    "warns",
    "noted",
    "expressed",
    "criticized",
    "criticised",
    "denied",
    "insisted",
    "argued",
    "announced",
    "accused",
    "demanded",
    "emphasized",
    "emphasised",
    "characterized",
    "characterised",
    "downplayed",
    "played down",
    "indicated",
    "cautioned",
    "stated",
    "hopes",
    "pointed out",
    "underscored",
    "made clear",
    "called on",
    "raised",
    "welcomed",
    "reaffirmed",
    "according to",
)


REPORTING_CUE_RE = re.compile(
    r"(?<![\w'\u2019-])"
    + first_letters(REPORTING_CUES)
    + "(?:"
    + "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in sorted(REPORTING_CUES, key=len, reverse=True))
    + r")(?![\w'\u2019-])",
    re.IGNORECASE,
)


#: Speakers whose codebook role matches this are not their government's voice
#: (members of Congress and their committees criticise the administration).
LEGISLATIVE_ROLES = (
    r"(?<!White )\b(?:House|Senate|Congress|congressional|lawmakers?|legislat\w*|Republican|Democrat\w*)\b"
)


_PREPOSITIONS = {
    "on",
    "in",
    "at",
    "during",
    "before",
    "after",
    "ahead",
    "while",
    "when",
    "from",
    "to",
    "as",
    "via",
    "through",
    "with",
    "without",
    "for",
    "last",
    "earlier",
    "later",
    "by",
}


_TIME_WORDS = (
    r"(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|earlier|later)\b"
)


_TITLE_WORDS = {
    "of",
    "for",
    "and",
    "the",
    "on",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "minister",
    "secretary",
    "assistant",
    "coordinator",
    "director",
    "adviser",
    "advisor",
    "official",
    "officials",
    "senior",
    "deputy",
    "foreign",
    "state",
    "councilor",
    "councillor",
    "chairman",
    "chair",
    "president",
    "general",
    "affairs",
    "defense",
    "defence",
    "top",
    "diplomat",
}


_PRONOUN_RX = re.compile(r"(?<![\w])(he|she|they)(?![\w])", re.IGNORECASE)


_OFFICIAL_RX = re.compile(r"(?<![\w])(?:the|a|an|one)\s+(?:[\w.-]+\s+){0,3}?(officials?)(?![\w])", re.IGNORECASE)


_BOUNDARY = re.compile(r"[,;:\u2014\u2013(\"\u201c\u201d]|\s-\s")


def _extend_title(s: str, start: int) -> int:
    """Move ``start`` back over a title printed before a name ("Foreign Minister Qin Gang")."""
    head = s[:start]
    cut = max([m.end() for m in _BOUNDARY.finditer(head)] + [0])
    words = words_of(head[cut:])
    if words and all(w[0].isupper() or w.lower() in _TITLE_WORDS for w in words):
        return cut + (len(head[cut:]) - len(head[cut:].lstrip()))
    return start


def clause_end(s: str, pos: int) -> int:
    m = re.compile(r"[,;\u2014\u2013]|[.!?][\"\u201d\u2019]?\s*$").search(s, pos)
    return m.start() if m else len(s)


def attribute_sentence(s: str, quotes: list[tuple[int, int]], mentions: list[dict]):
    """Find the attribution of sentence ``s`` (offsets relative to the sentence).

    Returns (speaker mention or a pronoun marker, cue text, attribution spans, content
    region) or None. ``mentions`` are dicts with start, end (relative), actor, side, kind.
    """

    def in_quote(a, b):
        return any(qs <= a and b <= qe for qs, qe in quotes)

    cues = [m for m in REPORTING_CUE_RE.finditer(s) if not in_quote(m.start(), m.end())]
    if not cues:
        return None
    for cue in cues:
        ctext = cue.group(0).lower()
        speaker = None
        if not ctext.startswith("according"):
            before = [m for m in mentions if m["end"] <= cue.start() and not m.get("in_title")]
            if before:
                m = before[-1]
                gap = s[m["end"] : cue.start()]
                if (
                    len(words_of(gap)) <= 14
                    and not any(ch in gap for ch in '\u201c\u201d"')
                    and not REPORTING_CUE_RE.search(gap)
                ):
                    speaker = m
            if speaker is None:
                # a pronoun or an unnamed official right before the cue ("he said", "the senior official said")
                p = list(_PRONOUN_RX.finditer(s[: cue.start()])) + list(_OFFICIAL_RX.finditer(s[: cue.start()]))
                p = [x for x in p if not words_of(s[x.end() : cue.start()])]
                if p:
                    word = p[0].group(1).lower()
                    speaker = {
                        "pronoun": word if word in ("he", "she", "they") else "they",
                        "start": p[0].start(),
                        "end": p[0].end(),
                    }
        if speaker is None:
            after = [m for m in mentions if m["start"] >= cue.end()]
            if after and len(words_of(s[cue.end() : after[0]["start"]])) <= 5:
                speaker = after[0]
        if speaker is None:
            continue
        inverted = speaker["start"] >= cue.end()
        if inverted:
            a0, a1 = cue.start(), clause_end(s, speaker["end"])
        else:
            a0, a1 = _extend_title(s, speaker["start"]), cue.end()
        return speaker, ctext, (a0, a1), inverted
    return None


def content_region(s: str, a0: int, a1: int, inverted: bool, cue: str) -> list[tuple[int, int]]:
    """The part of the sentence that reports what was said, given the attribution span [a0, a1)."""
    btxt = s[:a0]
    start_after = a1
    # a leading time word after the cue ("said Friday his goals ...") is not content
    lead = re.match(r"\s*,?\s*" + _TIME_WORDS + r"\s*,?", s[start_after:], re.IGNORECASE)
    if lead:
        start_after += lead.end()
    atxt = s[start_after:]
    aw = words_of(atxt)
    first = aw[0].lower() if aw else ""
    if first in _PREPOSITIONS or cue in ("told", "tells", "asked", "asks", "urged", "urges"):
        m = re.search(r"(?<![\w])that(?![\w])", atxt)
        if m and len(words_of(atxt[: m.start()])) <= 10:
            # "told reporters during a briefing that ..." / "said in the same call that ...": start at "that"
            start_after += m.end()
        elif cue in ("told", "tells"):
            # "told reporters yesterday, - ..." / "told a news conference at NATO.": the listener is attribution
            start_after += clause_end(atxt, 0)
        atxt = s[start_after:]
        aw = words_of(atxt)
        first = aw[0].lower() if aw else ""
    # content after the cue stops at a dash: what follows is the reporter's aside
    dash = _aside_dash(atxt)
    end_after = start_after + dash if dash is not None else len(s)
    before, after = (0, a0), (start_after, end_after)
    b_ok = len(words_of(btxt)) >= 3 and btxt.rstrip().endswith(tuple(",\u201d\"\u2019'\u2014-"))
    a_open = atxt.lstrip().startswith((",", "\u2014", "\u2013", "-"))
    if b_ok and btxt.rstrip().endswith(",") and a_open and len(aw) >= 3:
        return [before, after]  # parenthetical attribution: "..., they say, has confounded ..."
    a_ok = len(aw) > 0 and first not in _PREPOSITIONS and not atxt.lstrip().startswith((",", ".", ";"))
    if b_ok and a_ok:
        return [before] if len(words_of(btxt)) > len(aw) else [after]
    if b_ok:
        return [before]
    if a_ok:
        return [after]
    return []


_WORD_CHAR = re.compile(r"\w")


_SPACED_DASH = re.compile(r"\s[\u2014\u2013]\s")


def _aside_dash(text: str) -> int | None:
    """Where ``re.search(r"\\w.*?(\\s[—–]\\s)", text)`` finds its group, in linear time.

    The first spaced dash after a word character with no line break between them (``.``
    does not cross one); None when there is none.

    >>> _aside_dash("a — b"), _aside_dash(" — a — b"), _aside_dash("a\\n — b — c"), _aside_dash("— a")
    (1, 4, 6, None)
    """
    pos = 0
    while True:
        word = _WORD_CHAR.search(text, pos)
        if word is None:
            return None
        dash = _SPACED_DASH.search(text, word.start() + 1)
        if dash is None:
            return None
        newline = text.find("\n", word.start() + 1, dash.start())
        if newline < 0:
            return dash.start()
        pos = newline + 1  # a word before the line break cannot reach a dash past it


def subtract_spans(region: tuple[int, int], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``region`` with the ``holes`` cut out: the pieces left, left to right.

    Holes are cut in order of start; a piece ending at or before a hole's start is settled
    (no later hole can reach it), so each hole looks only at the pieces still open.

    >>> subtract_spans((0, 10), [(2, 4), (6, 7)])
    [(0, 2), (4, 6), (7, 10)]
    """
    settled: list[tuple[int, int]] = []
    out = [region]
    for hs, he in sorted(holes):
        n_settled = 0
        while n_settled < len(out) and out[n_settled][1] <= hs:
            n_settled += 1
        if n_settled:
            settled.extend(out[:n_settled])
            out = out[n_settled:]
        nxt = []
        for s0, e0 in out:
            if he <= s0 or hs >= e0:
                nxt.append((s0, e0))
                continue
            if hs > s0:
                nxt.append((s0, hs))
            if he < e0:
                nxt.append((he, e0))
        out = nxt
    return settled + out


def overlapping(spans: list[tuple[int, int]], items: Sequence[tuple]) -> list[list[tuple]]:
    """For each span ``(s0, s1)`` of ``spans``, the ``items`` (tuples starting with start and end)
    that overlap it (``start < s1 and end > s0``), in the order of ``items``.

    A sweep: items enter by start as the spans advance and leave once they end, so the
    cost grows with the number of spans and items (and the overlaps), not their product.

    >>> overlapping([(0, 5), (5, 9)], [(3, 6, "a"), (0, 1, "b"), (7, 8, "c")])
    [[(3, 6, 'a'), (0, 1, 'b')], [(3, 6, 'a'), (7, 8, 'c')]]
    """
    by_start = sorted(range(len(items)), key=lambda n: items[n][0])
    found: list[list[tuple]] = [[] for _ in spans]
    pool: list[int] = []  # items started before the furthest span end seen, not yet ended
    entered, reach = 0, None
    for k in sorted(range(len(spans)), key=lambda k: spans[k][0]):
        s0, s1 = spans[k]
        reach = s1 if reach is None else max(reach, s1)
        while entered < len(by_start) and items[by_start[entered]][0] < reach:
            pool.append(by_start[entered])
            entered += 1
        pool = [n for n in pool if items[n][1] > s0]  # spans come by start: an item ended here stays ended
        found[k] = [items[n] for n in sorted(n for n in pool if items[n][0] < s1)]
    return found


def trim_span(s: str, a: int, b: int) -> tuple[int, int]:
    strip = " \t\n,;:.\u2014\u2013-()[]" + QUOTE_CHARS
    while a < b and s[a] in strip:
        a += 1
    while b > a and s[b - 1] in strip:
        b -= 1
    return a, b
