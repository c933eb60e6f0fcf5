"""People and organisations a text names that the codebook does not know.

:func:`discover_article` reads one article: runs of capitalised words that the codebook's
matcher left alone, kept as a person when the text gives evidence that a person is meant (a
title before the name, an apposition after it, a reporting verb beside it, "who" after it,
an affiliation "of ..."), or as an organisation when its name ends like one (Ministry,
Institute, Congress, Daily, ...) and the text uses it as an affiliation or a source. Each
becomes an :class:`Entity` with the descriptions printed beside it (titles and appositions),
the side those descriptions name (:func:`readout.analysis.names.side_from_description`),
its family name, and every place its full name occurs.

:func:`suggest_actors` gathers them over a corpus into a draft codebook for a user to review.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from readout.analysis.name_context import (
    AFFILIATION_AFTER,
    APPOSITION_AFTER,
    APPOSITION_BEFORE,
    COPULA_ROLE_AFTER,
    HOSTED_BY,
    KIN_AFTER,
    ORG_CONTEXT_BEFORE,
    VERB_AFTER,
    VERB_BEFORE,
)
from readout.analysis.names import (
    CHINESE_SURNAMES,
    CLAUSE_BREAK,
    FIELD_OF_TITLE,
    FIELD_WORDS,
    HEAD_FIRST_ORGS,
    ORG_HEADS,
    PERSON_TITLE_WORDS,
    STOP_WORDS,
    abbreviates,
    bare_word,
    hyphened_east_asian_name,
    is_chinese_order,
    is_initial,
    is_media_name,
    is_name_word,
    is_pinyin_word,
    org_side,
    pre_title,
    side_from_description,
    surname_of,
    title_case,
)
from readout.analysis.speaker_phrases import (
    qualified_body,
    text_country,
)
from readout.analysis.third_countries import CAPITALS, COUNTRY_ADJECTIVES, GOVERNMENT_SEATS
from readout.text.spans import DisjointSpans, SpanSet


@dataclass
class Entity:
    """A person or organisation named in one article and missing from the codebook."""

    name: str
    kind: str  # person or institution
    side: str = "Unknown"  # US, China, Other or Unknown
    surname: str = ""
    titles: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # absolute offsets of the full name
    evidence: str = ""
    media: bool = False
    word_surname: bool = False  # the family name is also an English word ("He", "Sun")

    def title_text(self) -> str:
        return " | ".join(dict.fromkeys(t for t in self.titles if t))


_ABBREVIATIONS = frozenset(
    "mr. mrs. ms. dr. prof. sen. rep. gen. adm. lt. col. maj. capt. gov. jr. sr. st. no. u.s. u.k. u.n. inc. ltd.".split()
)


_TOKEN = re.compile(r"(?:[A-Z]\.){2,}(?:-[A-Z][\w’'\-]*)?|\d+(?:st|nd|rd|th)\b|[^\W\d_][\w’'\-]*\.?")  # "U.S.-China"


_CONNECTORS = frozenset(
    {"of", "the", "for", "and", "on", "de", "van", "von", "al", "da", "do", "dos", "das", "des", "du", "del", "der"}
)


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str
    sentence_end: bool = False
    cap: bool = False  # capitalised or a digit first


_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}")
_WEEKDAYS = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())


def _tokens(text: str, base: int) -> list[_Token]:
    """The words that can be part of a name: capitalised words, ordinals and connectors.

    Other words are left out: each one breaks a run, and so does the gap it leaves, since
    :func:`_runs` joins only tokens a single space apart.
    """
    out = []
    for m in _TOKEN.finditer(text):
        word, end = m.group(0), m.end()
        first = word[0]
        if not (first.isupper() or first.isdigit()) and (word[:-1] if word[-1] == "." else word) not in _CONNECTORS:
            continue
        if word.rstrip(".") in _WEEKDAYS or word.endswith(("-language", "-run", "-owned", "-backed", "-based")):
            continue  # "the Foreign Ministry on Tuesday", "the English-language China Daily": never part of a name
        sentence_end = False
        if word.endswith(".") and not (len(word) == 2 and word[0].isupper()) and word.lower() not in _ABBREVIATIONS:
            if not _ACRONYM.fullmatch(word):
                word, end, sentence_end = word[:-1], end - 1, True
        first = word[:1]
        out.append(_Token(base + m.start(), base + end, word, sentence_end, first.isupper() or first.isdigit()))
    return out


def _runs(tokens: list[_Token], raw: str, taken: SpanSet) -> list[list[_Token]]:
    """Maximal runs of capitalised tokens (with connectors inside) joined by single spaces."""
    runs: list[list[_Token]] = []
    current: list[_Token] = []
    for t in tokens:
        joinable = bool(current) and raw[current[-1].end : t.start] == " " and not current[-1].sentence_end
        ok = (t.cap or (t.text in _CONNECTORS and bool(current))) and not taken.overlaps(t.start, t.end)
        if ok and (joinable or not current):
            current.append(t)
            continue
        if current:
            runs.append(current)
        current = [t] if ok and t.cap else []
    if current:
        runs.append(current)
    out = []
    for run in runs:
        while run and not run[-1].cap:
            run = run[:-1]
        if run:
            out.append(run)
    return out


def _join_listed_fields(runs: list[list[_Token]], raw: str) -> list[list[_Token]]:
    """Runs split by the commas of a body's name joined again: "Ministry of Economy" + "Trade and Industry",
    "Foreign" + "Commonwealth and Development Office" (the fields of a listing are field words, and the
    name starts or ends with an organisation's head word)."""
    out: list[list[_Token]] = []
    for run in runs:
        prev = out[-1] if out else None
        listed = all(bare_word(t.text).lower() in FIELD_WORDS or t.text == "and" for t in run[:-1]) and any(
            t.text == "and" for t in run
        )
        if (
            prev is not None
            and raw[prev[-1].end : run[0].start] == ", "
            and listed
            and (
                bare_word(run[-1].text).lower() in ORG_HEADS
                or (prev[0].text.lower() in ORG_HEADS and bare_word(run[-1].text).lower() in FIELD_WORDS)
            )
            and all(bare_word(t.text).lower() in FIELD_WORDS | ORG_HEADS | _CONNECTORS for t in prev[-2:])
        ):
            out[-1] = prev + run
        else:
            out.append(run)
    return out


def discover_article(
    raw: str, paras: list[tuple], sent_starts: list[int], taken: list[tuple[int, int]]
) -> list[Entity]:
    """The people and organisations one article names beyond the codebook.

    ``paras`` are the searched paragraphs (para_id, role, start, end) in reading order,
    ``sent_starts`` the article's sentence starts (ascending) and ``taken`` the spans the
    codebook's matcher resolved. Returns entities in order of first appearance, each with
    the spans of its full name (outside ``taken``).
    """
    found: dict[str, Entity] = {}
    order: list[str] = []
    in_prose: set[str] = set()  # names printed outside a title-case line
    taken_set = SpanSet(taken)
    for _, role, p0, p1 in paras:
        text = raw[p0:p1]
        capitalised = title_case(text)
        headline = role == "headline" or capitalised
        for run in _join_listed_fields(_runs(_tokens(text, p0), raw, taken_set), raw):
            for entity, start, end in _candidates(run, raw, p0, p1, headline):
                key = entity.name
                if not capitalised:
                    in_prose.add(key)
                if key not in found:
                    found[key] = entity
                    order.append(key)
                else:
                    _merge(found[key], entity)
    speaking = _speaking_surnames([found[k] for k in order if not found[k].evidence], raw)
    for k in order:
        # "Rodel Manalastas has fished here for years ... Manalastas said"; not "Companies Cheer Blinken"
        # in a title-case headline, whose capitals say nothing of a name
        if not found[k].evidence and found[k].kind == "person" and found[k].surname in speaking and k in in_prose:
            found[k].evidence = "speaker"
    entities = [found[k] for k in order if found[k].evidence]
    tails = {
        " ".join(w[-2:]).lower()
        for w in (e.name.split() for e in entities if e.kind == "person")
        if (len(w) > 2 and w[-2] in _NAME_PARTICLES) or len(w) >= 4
    }
    # "Van Klaveren" is Alberto van Klaveren, "López Obrador" Andrés Manuel López Obrador
    entities = [e for e in entities if not (e.kind == "person" and e.name.lower() in tails)]
    _place_all(entities, raw, paras, taken)
    country = text_country(raw)  # the dateline is no searched paragraph
    for e in entities:
        if e.kind == "institution":  # placed by the name as printed, then named with its country
            e.name = qualified_body(e.name, country)
        e.side = _entity_side(e)
        if (
            country
            and e.kind == "institution"
            and e.name.endswith("Party")
            and not re.search(r"U\.S\.|US|American", e.name)
        ):
            e.side = "Other"  # "the opposition Democratic Party" in a text set in Seoul is no American party
        if country and e.kind == "person" and e.side == "US" and all(_BARE_LEGISLATOR.match(t) for t in e.titles):
            e.side = "Other"  # "Rep. Baek Seung-ho" in a text set in Seoul sits in Seoul's assembly
    return [e for e in entities if e.spans]


_BARE_LEGISLATOR = re.compile(r"(?:Rep\.|Sen\.|Representative|Senator|Congressman|Congresswoman)$", re.I)


def _speaking_surnames(people: list[Entity], raw: str) -> set[str]:
    """The family names of ``people`` that stand alone somewhere in the text as the subject of a
    reporting verb ("..., Manalastas said"): evidence that the full name is a person's. One pass
    over the text for all of them."""
    names = {e.surname for e in people if e.kind == "person" and e.surname and not e.word_surname}
    if not names:
        return set()
    speaking: set[str] = set()
    for m in _CAPITALISED_WORD.finditer(raw):
        if m.group(1) not in names or m.group(1) in speaking:
            continue
        if _NAME_WORD_BEFORE.search(raw, max(0, m.start() - 40), m.start()):
            continue  # a full name ("Rodel Manalastas"), not the family name standing alone
        if VERB_AFTER.match(raw[m.end() : m.end() + 200]) or VERB_BEFORE.search(
            raw[max(0, m.start() - 60) : m.start()]
        ):
            speaking.add(m.group(1))
    return speaking


_CAPITALISED_WORD = re.compile(r"(?<![\w’'\-])([A-Z][\w’'\-]*?)(?=[’']s\b|(?![\w’'\-]))")

#: A capitalised word right before a position (the given name of a full name).
_NAME_WORD_BEFORE = re.compile(r"\b[A-Z][\w’'\-]*\s+$")


def _merge(into: Entity, other: Entity) -> None:
    into.titles.extend(t for t in other.titles if t not in into.titles)
    into.evidence = into.evidence or other.evidence


def _candidates(run: list[_Token], raw: str, p0: int, p1: int, headline: bool):
    if len(run) >= 3 and re.search(r"[’']s?$", run[0].text) and all(is_name_word(t.text) for t in run[1:4]):
        yield from _candidates(run[1:], raw, p0, p1, headline)  # "Labour’s Joanna Eldridge", "the Greens' Ann Hauck"
        return
    for k in range(1, len(run) - 1):
        if _POSSESSIVE.search(run[k].text) and not any(t.text in _CONNECTORS for t in run[: k + 1]):
            person = _person(run[: k + 1], raw, p0, p1, headline)
            if person is not None:  # "Spokesperson Mao Ning's Regular Press Conference": a person, then what is theirs
                yield person
                yield from _candidates(run[k + 1 :], raw, p0, p1, headline)
                return
    words = [t.text for t in run]
    lead = next((w for w in words if w.lower() not in ("the", "a", "an")), "")
    if bare_word(lead).lower() in HEAD_FIRST_ORGS:  # "Associação dos Exportadores ...", "Verband Deutscher ..."
        org = _org(run, raw, p0, p1)
        if org is not None:
            yield org
        return
    short = _ACRONYM_AFTER.match(raw[run[-1].end : p1])
    named = [w for w in words if w[:1].isupper() and w.lower() not in STOP_WORDS]
    if not _ends_in_org_head(words) and short and len(named) >= 3 and abbreviates(short.group("a"), " ".join(named)):
        org = _org(run, raw, p0, p1)  # "The Suez Canal Economic Zone (SCZone)": a body that gives its short name
        if org is not None:
            yield org
        return
    if _ends_in_org_head(words):
        cut = next((i for i, t in enumerate(run) if t.text in _CONNECTORS), None)
        if cut is not None and not _ends_in_org_head(words[:cut]):
            person = _person(run[:cut], raw, p0, p1, headline)  # "Dana Whitfield of Meridian Wire"
            if person is not None:
                yield person
                run = run[cut + 1 :]
        org = _org(run, raw, p0, p1)
        if org is not None:
            yield org
        return
    country = next((n for n in range(len(words)) if " ".join(words[n:]) in COUNTRY_ADJECTIVES), None)
    if not headline and country and all(_BODY_WORD.fullmatch(w) for w in words[:country]):
        org = _org(run, raw, p0, p1)  # "Global Affairs Canada said": a body named with its country's name
        if org is not None:
            yield org
            return
    segment: list[_Token] = []
    padded = run + [_Token(0, 0, "of")]
    for n, t in enumerate(padded):
        if t.text in _NAME_PARTICLES and segment and n + 1 < len(run) and is_name_word(padded[n + 1].text):
            segment.append(t)  # "Alberto van Klaveren": a particle inside a personal name
            continue
        if t.text in _CONNECTORS:
            if segment:
                person = _person(segment, raw, p0, p1, headline)
                if person is not None:
                    yield person
            segment = []
        else:
            segment.append(t)


#: A word of a body's name before its country's ("Global Affairs Canada", "Statistics Canada"):
#: capitalised, and no direction, title or word a sentence may open with.
_BODY_WORD = re.compile(r"(?!(?:North|South|East|West|New|The|In|And|But|President|Prime|Minister)\b)[A-Z][a-z]{2,}")

#: Names of a government that say nothing of which one.
_GENERIC_GOVERNMENTS = frozenset({"federal government", "national government", "central government", "government"})

#: Places that stand for a government when they speak (capitals, countries, seats of government).
PLACE_SPEAKERS = frozenset({*CAPITALS, *COUNTRY_ADJECTIVES, *GOVERNMENT_SEATS})


#: Lower-case particles inside personal names ("Alberto van Klaveren", "Luiz Inácio Lula da Silva").
_NAME_PARTICLES = frozenset({"van", "von", "de", "da", "del", "der", "di", "du", "dos", "das", "bin", "ibn", "al"})


def _ends_in_org_head(words: list[str]) -> bool:
    """Whether a part of a capitalised run (split at "of", "for", ...) ends in an organisation's
    head word ("Meridian Wire", "Institute of ..."); a head inside a title ("Press Secretary
    Karine Jean-Pierre") does not count."""
    segment: list[str] = []
    for w in words + ["of"]:
        if w in _CONNECTORS:
            if segment and bare_word(segment[-1]).lower() in ORG_HEADS and segment[-1][:1].isupper():
                return True
            segment = []
        else:
            segment.append(w)
    return False


def _name_span(tokens: list[_Token], raw: str) -> tuple[int, int, str]:
    """Start, end and name of a run of name tokens: the last word without a possessive or
    trailing punctuation, white space inside the name as single spaces."""
    start, last = tokens[0].start, tokens[-1]
    word = raw[last.start : last.end]
    end = last.end if word in ("Jr.", "Sr.") else last.start + len(bare_word(word))  # "Ferdinand Marcos Jr."
    return start, end, re.sub(r"\s+", " ", raw[start:end])


def _hyphened_title(word: str) -> bool:
    """Title words joined by a hyphen ("Vice-Premier", "Deputy-Governor")."""
    parts = bare_word(word).lower().split("-")
    return len(parts) > 1 and all(part in PERSON_TITLE_WORDS for part in parts)


def _person(seg: list[_Token], raw: str, p0: int, p1: int, headline: bool):
    i = 0
    while i < len(seg) and not is_name_word(seg[i].text):
        i += 1
    given_and_family = sum(1 for t in seg[i:] if is_name_word(t.text)) >= 2
    while (
        0 < i < len(seg)
        and is_initial(seg[i - 1].text)
        and bare_word(seg[0].text).lower() in PERSON_TITLE_WORDS
        and not given_and_family
    ):
        i -= 1  # "Minister S. Jaishankar": initials open a name after a title, unless a given name follows
        # them ("Ambassador R. Nicholas Burns" is Nicholas Burns, as he is printed without the initial)
    last_title = max(
        (k for k, t in enumerate(seg) if bare_word(t.text).lower() in PERSON_TITLE_WORDS or _hyphened_title(t.text)),
        default=-1,
    )
    if i <= last_title <= len(seg) - 3:
        i = last_title + 1  # "Special Presidential Envoy John Kerry": the name starts after the last title word
    field = FIELD_OF_TITLE.search(raw, max(p0, seg[0].start - 80), seg[0].start) if len(seg) >= 3 else None
    if field is not None:
        # "Envoy for Climate John Kerry", "Minister of Ecology and Environment Huang Runqiu": the
        # capitalised words that open the run finish the title's field; the name is its last two words
        i = max(i, len(seg) - (3 if is_initial(seg[-2].text) else 2))
    if 0 < i < len(seg) and seg[i - 1].text in CHINESE_SURNAMES and is_pinyin_word(seg[i].text):
        i -= 1  # "Vice Premier He Lifeng": a family name that is also an English word
    title_tokens, name_tokens = seg[:i], seg[i:]
    while name_tokens and not is_name_word(name_tokens[-1].text) and not is_initial(name_tokens[-1].text):
        name_tokens = name_tokens[:-1]
    words = [t.text for t in name_tokens]
    chinese = len(words) == 2 and is_chinese_order(words)
    inner = [w for w in words[1:-1] if w not in _NAME_PARTICLES]
    if not words or not (chinese or all(is_name_word(w) or is_initial(w) for w in [*words[:1], *inner, *words[-1:]])):
        return None
    initialled = is_initial(words[0]) and bool(title_tokens) and is_name_word(words[-1])  # "S. Jaishankar"
    if (
        sum(1 for w in words if not is_initial(w) and w not in _NAME_PARTICLES) < (1 if initialled else 2)
        or len(words) > 5
        or (is_initial(words[0]) and not initialled)
    ):
        return None
    if any(re.search(r"[’']s?$", w) for w in words[:-1]):
        return None
    start, end, name = _name_span(name_tokens, raw)
    if name in PLACE_SPEAKERS or name.lower() in _GENERIC_GOVERNMENTS:
        return None  # "Buenos Aires said", "Wisma Putra said": a place that stands for a government
    before, after = raw[max(p0, start - 200) : start], raw[end:p1]
    if headline and re.search(r"\w[’']s\s+$", before):
        return None  # "Secretary Blinken's Upcoming Travel" in a title-case line: what he owns is no person
    titles: list[str] = []
    evidence = ""
    title_words = [t.text for t in title_tokens]
    if any(w.lower() in PERSON_TITLE_WORDS or _hyphened_title(w) for w in title_words):
        evidence = "title"
    pre = pre_title(before, title_words)
    if field is not None:  # the whole title: what precedes the field's title word, the field and its last part
        lead = pre_title(raw[max(p0, field.start() - 200) : field.start()], [])
        pre = " ".join(x for x in (lead, field.group(0).strip(), " ".join(title_words)) if x)
    if pre:
        titles.append(pre)
        if not evidence and any(w.lower().strip(",") in PERSON_TITLE_WORDS or _hyphened_title(w) for w in pre.split()):
            evidence = "title"
    m = APPOSITION_AFTER.match(after) or COPULA_ROLE_AFTER.match(after)
    if m:
        titles.append(CLAUSE_BREAK.split(m.group("desc"))[0].strip().rstrip(".,;:"))
        evidence = evidence or "apposition"
    m = APPOSITION_BEFORE.search(before)
    if m:
        titles.append(m.group("desc").strip())
        evidence = evidence or "apposition"
    m = AFFILIATION_AFTER.match(after)
    if m and not re.match(r"\s+(?:(?:at|from)\s+(?:the\s+)?|of\s+the\s+)[A-Z]\w+\s*(?:[,.;]|$)", after):
        titles.append(m.group("desc").strip())
        evidence = evidence or "affiliation"
    if HOSTED_BY.search(before):
        titles.append("host")
        evidence = evidence or "host"
    if not evidence and (VERB_AFTER.match(after) or VERB_BEFORE.search(before)):
        evidence = "speaker"
    if not evidence and KIN_AFTER.match(after):
        evidence = "kin"  # "Carol Mabry's son"
    if not evidence and hyphened_east_asian_name(words):
        evidence = "name form"  # "Lai Ching-te"
    if not evidence and seg[0].start == p0 and after.startswith(":") and _turn_label_repeats(raw, raw[p0:end]):
        evidence = "turn label"  # "Mao Ning: ..." opening two or more paragraphs of a transcript
    if headline and evidence in ("", "speaker"):
        evidence = ""  # a title-case headline capitalises verbs too: no evidence from it alone
    surname = surname_of(name)
    entity = Entity(name=name, kind="person", surname=surname, titles=titles, evidence=evidence)
    entity.word_surname = surname.lower() in STOP_WORDS or (
        surname in CHINESE_SURNAMES and surname.lower() in _ENGLISH_SURNAME_WORDS
    )
    return entity, start, end


_POSSESSIVE = re.compile(r"[’']s$")


def _turn_label_repeats(raw: str, label: str) -> bool:
    """Whether ``label`` followed by a colon opens at least two paragraphs of ``raw``."""
    opening = re.compile(rf"(?:^|\n){re.escape(label)}:\s")
    return len(opening.findall(raw)) >= 2


#: Chinese family names that are also common English words: read as a name only with evidence.
_ENGLISH_SURNAME_WORDS = frozenset({"he", "sun", "long", "ma", "bai", "fan", "gu", "hu", "wan", "yu", "ye", "mo"})


def _org(run: list[_Token], raw: str, p0: int, p1: int):
    while run and (
        (
            run[0].text.lower() in STOP_WORDS and not (len(run[0].text) > 1 and run[0].text.isupper())
        )  # "US Indo-Pacific Command"
        or run[0].text in _CONNECTORS
        or (run[0].text.lower() in PERSON_TITLE_WORDS and bare_word(run[0].text).lower() not in ORG_HEADS)
    ):
        run = run[1:]  # "Director of the Office of ...": the office, not its director
    while run and not run[-1].cap:
        run = run[:-1]
    if len(run) < 2:
        return None
    start, end, name = _name_span(run, raw)
    if name.lower() in _GENERIC_GOVERNMENTS or name in PLACE_SPEAKERS:
        return None  # "The Federal Government has welcomed ...": the government of the country the text is set in
    before, after = raw[max(p0, start - 160) : start], raw[end:p1]
    if "Chamber" in name and (place := _CHAMBER_PLACE.match(after)):  # "American Chamber of Commerce in China"
        name, end = f"{name} in {place.group('p')}", end + place.end()
        after = raw[end:p1]
    evidence = ""
    acronym = _ACRONYM_AFTER.match(after)
    if acronym is not None and not abbreviates(acronym.group("a").split()[0], name):
        acronym = None  # "(Reuters)" after a name is a credit, not its short name
    if ORG_CONTEXT_BEFORE.search(before):
        evidence = "affiliation"
    elif VERB_AFTER.match(after) or re.match(r"^\s+(?:spokes(?:person|man|woman)|officials?)\b", after):
        evidence = "speaker"
    elif _IN_PLACE_SAID.match(after) and not name.endswith(("Embassy", "Consulate")):
        evidence = "speaker"  # "The American Chamber of Commerce in China said"; an embassy is read as a body
    elif _BODY_POSSESSION.match(after):
        evidence = "speaker"  # "the Ministry of Foreign Affairs' regular press briefing"
    elif acronym is not None:
        evidence = "acronym"  # "The Department of Foreign Affairs (DFA)": a body that gives its short name
    entity = Entity(name=name, kind="institution", evidence=evidence, media=is_media_name(name))
    if acronym is not None:
        entity.surname = acronym.group("a")  # the short name stands for it later ("MOFA said")
    return entity, start, end


_IN_PLACE_SAID = re.compile(r"^\s+in\s+[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)?\s+(?:said|says|told|added)\b")


#: What only a body that speaks has: "'s spokesperson", "' regular press briefing", "'s statement".
_BODY_POSSESSION = re.compile(
    r"^[’']s?\s+(?:[\w\-]+\s+){0,2}(?:briefing|press\s+conference|spokes(?:person|man|woman)|statement|website)\b"
)


#: A short name in brackets right after an organisation's name: "(DFA)", "(MOFA)", "(Dirco)".
_ACRONYM_AFTER = re.compile(r"^\s*\((?P<a>[A-Z][A-Za-z]{1,8}(?:\s[A-Z][a-z]+)?)\)")  # "(AmCham China)"
_CHAMBER_PLACE = re.compile(
    r"\s+in\s+(?P<p>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)?)(?=\s*\(|\s+(?:said|says|told|added)\b|,)"  # or an aside
)


def _place_all(entities: list[Entity], raw: str, paras: list[tuple], taken: list[tuple[int, int]]) -> None:
    """Every occurrence of each entity's full name in the searched paragraphs, longest names first."""
    used = DisjointSpans()
    crosses = _edge_test(taken)
    for e in sorted(entities, key=lambda e: -len(e.name)):
        pattern = re.compile(r"(?<![\w’'\-])" + r"\s+".join(map(re.escape, e.name.split())) + r"(?![\w\-])")
        for _, _, p0, p1 in paras:
            for m in pattern.finditer(raw, p0, p1):
                s, t = m.start(), m.end()
                # a codebook match inside the name gives way ("Wang" in "Wang Yi"); one across its edge does not
                if not crosses(s, t) and used.add_if_free(s, t):
                    e.spans.append((s, t))
        e.spans.sort()


def _edge_test(spans: list[tuple[int, int]]):
    """A test ``(s, t) -> bool``: whether one of ``spans`` overlaps ``[s, t)`` without lying inside it."""
    spans = sorted(spans)
    starts, ends = [a for a, _ in spans], [b for _, b in spans]
    if any(b > a for b, a in zip(ends, starts[1:])) or any(a >= b for a, b in spans):
        return lambda s, t: any(a < t and s < b and not (s <= a and b <= t) for a, b in spans)

    def crosses(s: int, t: int) -> bool:  # disjoint spans: the overlapping ones are a run
        i, j = bisect_right(ends, s), bisect_left(starts, t)
        return i < j and (starts[i] < s or ends[j - 1] > t)

    return crosses


def _entity_side(e: Entity) -> str:
    if e.kind == "institution":
        return org_side(e.name) or "Unknown"
    for title in e.titles:
        side = side_from_description(title, e.name)
        if side:
            return side
    return "Unknown"
