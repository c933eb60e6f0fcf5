"""Who speaks each turn of a transcript.

A turn label names its speaker ("SECRETARY BLINKEN:", "MR. MILLER:", "AMBASSADOR BURNS:"):
the label's family name is matched to the people the article names, a title in the label
settling a shared one (the ambassador, not the intelligence chief); failing that the codebook
reads the label, and failing that the label itself, without an honorific, is the speaker. "QUESTION:" is the
reporter the host called on ("Our first question will be from Dana Whitfield of ..."), or
nobody; "MODERATOR:" the host the article names ("The program is hosted by ..."). A turn
continues over the unlabelled paragraphs after it. A speaker labelled in an official
transcript (a document with a voice) and with no side of its own speaks for that voice. A
question's addressee is the next speaker; a speaker's, the last questioner.
"""

from __future__ import annotations

import re
from bisect import bisect_right

import pandas as pd

from readout.analysis.actors import resolve_name
from readout.analysis.names import PERSON_TITLE_WORDS
from readout.analysis.speaker_resolution import SpeakerContext
from readout.analysis.voices import DocInfo, Turn, find_turns

_ASKER_RE = re.compile(
    r"(?:questions?\s+(?:will\s+be\s+|is\s+|comes\s+)?from|question,|goes?\s+to|(?:[Ff]irst|[Nn]ext|[Ll]ast),)\s+"
    r"(?P<n>[A-Z]\w+(?:\s[A-Z][\w’'\-]+){1,2})"
)


#: An interview's title naming its interviewer: "Secretary Antony J. Blinken With Juliet Ashby of Atlas News".
_INTERVIEWER_RE = re.compile(r"\b[Ww]ith\s+(?P<n>[A-Z][\w’'\-]+(?:\s[A-Z][\w’'\-]+){1,2})\s+(?:of|on)\s+[A-Z]")


_HOST_RE = re.compile(r"\b(?:host|moderator|anchor)\b", re.IGNORECASE)


def turn_speakers(
    raw: str,
    paras: list[tuple],
    doc: DocInfo,
    mentions: list[tuple],
    titles: dict[str, str],
    ctx: SpeakerContext,
    codebook: pd.DataFrame,
) -> dict[int, tuple[Turn, str | None, str | None]]:
    """para_id -> (turn, speaker, addressee) for every paragraph inside a transcript turn.

    ``paras`` are (para_id, role, start, end) in reading order; ``mentions`` the article's
    (start, end, actor, ...) by start; ``titles`` each actor's role or printed titles.
    """
    if not doc.transcript:
        return {}
    turns = find_turns(raw, paras, mixed=True)
    speakers = [_speaker(t, turns, raw, paras, doc, mentions, titles, ctx, codebook) for t in turns]
    for t, speaker in zip(turns, speakers):
        if t.role == "speaker" and speaker and doc.voice and ctx.side_of(speaker) == "Unknown":
            ctx.side[speaker] = doc.voice
    by_para: dict[int, tuple[Turn, str | None, str | None]] = {}
    starts = {t.para_id: n for n, t in enumerate(turns)}
    current = None
    for para_id, role, _, _ in paras:
        if para_id in starts:
            n = starts[para_id]
            if turns[n].role == "speaker":
                addressee = next((speakers[k] for k in range(n - 1, -1, -1) if turns[k].role != "speaker"), None)
                if addressee is None:  # an interview whose turns all name their speakers: the other one
                    others = [*range(n - 1, -1, -1), *range(n + 1, len(turns))]
                    addressee = next((speakers[k] for k in others if speakers[k] not in (None, speakers[n])), None)
            else:
                later = range(n + 1, len(turns))
                addressee = next((speakers[k] for k in later if turns[k].role == "speaker" and speakers[k]), None)
            current = (turns[n], speakers[n], addressee)
        if current is not None and role in ("body", "dek"):
            by_para[int(para_id)] = current
    return by_para


def _speaker(turn: Turn, turns, raw, paras, doc, mentions, titles, ctx, codebook) -> str | None:
    if turn.role == "question":
        before = [t for t in turns if t.start < turn.start and t.role != "question"]
        if before:
            end = next(int(p[3]) for p in paras if int(p[0]) == before[-1].para_id)
            asker = _ASKER_RE.search(raw[before[-1].text_start : end])
            if asker:
                return _actor_at(mentions, before[-1].text_start + asker.start("n"))
        interviewer = _INTERVIEWER_RE.search(raw[: raw.find("\n")] if "\n" in raw else raw)
        if interviewer is not None:  # "Secretary Antony J. Blinken With Juliet Ashby of Atlas News": her questions
            return ctx.add(interviewer.group("n"), "Other")
        return None
    named = list(dict.fromkeys(m[2] for m in mentions))
    if turn.role == "host":
        hosts = [a for a in named if _HOST_RE.search(titles.get(a, ""))]
        return hosts[0] if hosts else None
    label = " ".join("-".join(p.capitalize() for p in w.split("-")) for w in turn.label.split())
    words = label.split()
    surname = re.sub(r"[’']s$", "", words[-1]).lower()
    title = " ".join(words[:-1]).lower()
    people = [a for a in named if ctx.is_person(a)]
    holders = [a for a in people if surname in (a.split()[-1].lower(), a.split()[0].lower())]
    fitting = [a for a in holders if title and title.rstrip(".") in titles.get(a, "").lower()]
    if fitting or len(holders) == 1:
        return (fitting or holders)[0]
    in_book = resolve_name(label, codebook)
    if in_book:
        return in_book
    bare = [w for w in words if w.lower() not in _HONORIFICS]
    while len(bare) > 1 and (bare[0].lower() in PERSON_TITLE_WORDS or f"{bare[0].lower()}." in PERSON_TITLE_WORDS):
        bare = bare[1:]  # "SPOKESPERSON MAO NING" is Mao Ning
    name = " ".join(bare)
    if name:  # a speaker the article names nowhere else: the label is the name ("Ms. Oyelaran" is Oyelaran)
        return ctx.add(name, doc.voice or "Unknown")
    return None


_HONORIFICS = frozenset({"mr.", "ms.", "mrs.", "dr.", "mr", "ms", "mrs", "dr"})


def _actor_at(mentions: list[tuple], pos: int) -> str | None:
    starts = [m[0] for m in mentions]
    i = bisect_right(starts, pos) - 1
    if i >= 0 and mentions[i][0] <= pos < mentions[i][1]:
        return mentions[i][2]
    return None
