"""Resolve the names of one article to actors: codebook matches, names the codebook does not
know, and bare family names that several people share.

:func:`resolve_article` is the per-article core of :func:`readout.analysis.mentions.find_mentions`.
Rules, in reading order:

* the codebook's matches (:meth:`readout.analysis.actors.Matcher.spans`) and the people and
  organisations :func:`readout.analysis.discovery.discover_article` finds are candidates; a
  discovered full name replaces a codebook match inside it ("Wang" in "Wang Yi");
* a bare family name, or a title with one ("Ambassador Burns"), may name any person of the
  article with that family name, codebook or not. A title settles it when it fits one of
  them (the codebook's role or the titles printed with a discovered name); else the name
  goes to the *salient* holder: the last one named in full as a subject, or referred to by
  the bare name, in the article. A full name printed after a preposition or "that" ("those
  of CIA Director Bill Burns", "noted that Defense Minister Li Shangfu ...") does not take
  over a name already in use. With no holder named in the article, a codebook surname that
  resolves anywhere still does ("Blinken");
* an alias the codebook dates ("China's foreign minister [from 2023-07-25]") names the office's
  holder on the text's publication date;
* a family name that is also an English word ("He", "Sun") is a name only after a title
  or inside a sentence, never as a sentence's first word;
* "officials" with no qualifier is the group of officials named nearest to it outside
  quotation marks (before it, else after it), and nothing when the article names none.
"""

from __future__ import annotations

import bisect
import re

from readout.analysis.actors import Matcher
from readout.analysis.discovery import Entity, discover_article
from readout.analysis.names import PERSON_TITLE_WORDS, STOP_WORDS
from readout.text.quote_marks import quote_mask
from readout.text.spans import SpanSet

#: Lower-case words that qualify "officials" as some body's ("Japanese government officials").
_BODY_QUALIFIER = r"(?:government|ministry|embassy|military|administration|party|defen[cs]e|trade|commerce|foreign)"

#: Bare phrases for unnamed officials; they take the side of the officials named nearest.
BARE_OFFICIALS = re.compile(r"(?<![\w.])(?:[Ss]enior\s+)?[Oo]fficials(?![\w])")


#: Honorifics: they tell holders of a family name apart only by the honorific printed with each.
_PLAIN_TITLES = {"mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr"}
_HONORIFICS = {"mr", "mrs", "ms", "dr"}


_NON_SUBJECT = {
    "of",
    "with",
    "to",
    "for",
    "from",
    "by",
    "at",
    "on",
    "in",
    "against",
    "beside",
    "between",
    "among",
    "about",
    "that",
    "than",
    "toward",
    "towards",
    "into",
    "like",
    "unlike",
    "including",
    "whom",
}

#: A sentence's opening time or setting phrase, up to its comma ("Also on Monday, ", "Later on Tuesday, ",
#: "In a separate session on Tuesday, ").
_LEADING_TIME = re.compile(
    r"\s*(?:(?:Also|Later|Earlier|Separately|Meanwhile|Then)\s*)?"
    r"(?:(?:on|On|in|In|at|At|during|During|late|Late|early|Early|last|Last)\s+[^,]{0,50})?,\s+"
)


class ArticleNames:
    """The resolved names of one article: ``rows`` (start, end, actor, method, para_id, role),
    the discovered ``entities`` and, for every actor named, its side, kind and whether the
    codebook holds it (``meta``)."""

    def __init__(self, rows: list[tuple], entities: list[Entity], meta: dict[str, tuple[str, str, bool]]):
        self.rows, self.entities, self.meta = rows, entities, meta


def resolve_article(
    raw: str, paras: list[tuple], sent_starts: list[int], m: Matcher, published: str = ""
) -> ArticleNames:
    """Resolve one article's names (see the module docs).

    ``paras`` are the searched paragraphs (para_id, role, start, end) in reading order and
    ``sent_starts`` the article's sentence starts, ascending; ``published`` (ISO date, may be
    empty) chooses the holder of an office whose alias the codebook dates.
    """
    candidates = []  # [start, end, para_id, role, entries, entity, surname]
    for para_id, role, p_start, p_end in paras:
        text = raw[p_start:p_end]
        limit = len(text)
        if role == "caption":
            credit = re.search(r"\([^()]*\)\s*$", text)
            if credit:
                limit = credit.start()
        for s, e, surface in m.spans(text[:limit]):
            entries = m.lookup(surface)
            if entries:
                candidates.append([p_start + s, p_start + e, para_id, role, entries, None, None])
    taken = [(c[0], c[1]) for c in candidates]
    entities = discover_article(raw, paras, sent_starts, taken)
    full_spans = [(s, e, ent) for ent in entities for s, e in ent.spans]
    inside_a_name = _containment([(s, e) for s, e, _ in full_spans])
    candidates = [c for c in candidates if not inside_a_name(c[0], c[1])]
    para_of = _para_finder(paras)
    for s, e, ent in full_spans:
        pid, role = para_of(s)
        candidates.append([s, e, pid, role, [], ent, None])
    candidates.extend(_surname_candidates(raw, paras, sent_starts, entities, candidates, para_of))
    candidates.extend(_given_name_candidates(raw, paras, entities, candidates, para_of))
    candidates.sort(key=lambda c: c[0])
    rows = _resolve(candidates, raw, sent_starts, m, entities, _quoted_test(raw, paras))
    if m.successions and published:  # "China's foreign minister" in a text of late July 2023: the new one
        rows = [(s, e, _holder_on(m, raw[s:e], a, published), *rest) for s, e, a, *rest in rows]
    rows = _officials_in_context(rows, raw, paras, m)
    kinds = {**{e.name: e.kind for e in entities}, **m.kind}
    rows = _without_appositive_descriptors(rows, raw, sent_starts, kinds)
    meta: dict[str, tuple[str, str, bool]] = {}
    for ent in entities:
        meta[ent.name] = (ent.side, ent.kind, False)
    for row in rows:
        if row[2] in m.side:
            meta[row[2]] = (m.side[row[2]], m.kind[row[2]], True)
    return ArticleNames(rows, entities, meta)


def _holder_on(m: Matcher, surface: str, actor: str, published: str) -> str:
    """Who ``surface`` names in a text published on ``published`` (ISO date): the later holder of
    an office from the date its dated alias gives (:meth:`Matcher.succession`), else ``actor``."""
    later = [(d, a) for d, a in m.succession(surface) if d <= published]
    return max(later)[1] if later else actor


def _containment(spans: list[tuple[int, int]]):
    """A test ``(start, end) -> bool``: whether one of ``spans`` holds ``[start, end)`` whole."""
    spans = sorted(spans)
    starts = [s for s, _ in spans]
    reach: list[int] = []  # the furthest end among the spans up to each index
    for _, e in spans:
        reach.append(max(e, reach[-1]) if reach else e)

    def holds(start: int, end: int) -> bool:
        i = bisect.bisect_right(starts, start)
        return i > 0 and reach[i - 1] >= end

    return holds


_FRONTED_DESCRIPTION = re.compile(r"^[\s“\"‘']*(?:(?:the|a|an|as)\s+)?(?:[\w\-’']+\s+){0,4}$", re.IGNORECASE)
_SPACES = re.compile(r"\s*")
#: what may follow a fronted description before its comma: nothing, or a phrase that modifies it
_POST_MODIFIER = re.compile(r"(?:\s+(?:to|in|of|at|for|from|on|with|since|who)\b[^.;:!?]*)?\s*$")
_POST_DESCRIPTION_START = re.compile(r",\s+(?:the|a|an|then)\s+[^,;:.!?()“”\"]*$", re.IGNORECASE)


def _without_appositive_descriptors(rows: list[tuple], raw: str, sent_starts: list[int], kinds: dict) -> list[tuple]:
    """Rows less the singular group descriptors that only describe a person named beside them.

    "The most senior US official to visit China in five years, Blinken is ..." and "Blinken,
    the top U.S. official in Beijing, said ..." describe Blinken: the U.S. officials are not a
    second actor of the sentence. A plural ("U.S. officials") always names the group.
    """
    person_starts = {r[0]: r for r in rows if kinds.get(r[2]) == "person"}
    person_ends = {r[1]: r for r in rows if kinds.get(r[2]) == "person"}
    keep = []
    for row in rows:
        start, end, actor, method = row[0], row[1], row[2], row[3]
        surface = raw[start:end]
        if method != "descriptor" or kinds.get(actor) != "group" or surface.endswith("s"):
            keep.append(row)
            continue
        i = bisect.bisect_right(sent_starts, start) - 1
        sent_start = sent_starts[i] if i >= 0 else 0
        comma = raw.find(",", end, end + 120)
        fronted = (
            comma >= 0
            and _POST_MODIFIER.match(raw[end:comma]) is not None  # "... official to visit China in years,"
            and _FRONTED_DESCRIPTION.match(raw[sent_start:start]) is not None
            and _SPACES.match(raw, comma + 1).end() in person_starts  # type: ignore[union-attr]
        )
        lead = raw[max(sent_start, start - 120) : start]
        post = _POST_DESCRIPTION_START.search(lead)
        after_person = post is not None and (start - len(lead) + post.start()) in person_ends
        if not (fronted or after_person):
            keep.append(row)
    return keep


def _para_finder(paras: list[tuple]):
    starts = [p[2] for p in paras]

    def find(pos: int) -> tuple[int, str]:
        i = max(bisect.bisect_right(starts, pos) - 1, 0)
        return paras[i][0], paras[i][1]

    return find


def _surname_candidates(raw, paras, sent_starts, entities, candidates, para_of):
    """Bare family names of discovered people, where no other candidate covers them."""
    out = []
    by_surname: dict[str, list[Entity]] = {}
    for ent in entities:
        if ent.surname:  # a person's family name, an organisation's short name ("DFA")
            by_surname.setdefault(ent.surname, []).append(ent)
    spans = SpanSet((c[0], c[1]) for c in candidates)
    for surname, holders in by_surname.items():
        word = any(h.word_surname for h in holders)
        pattern = re.compile(r"(?<![\w’'\-])" + re.escape(surname) + r"(?=[’']s\b|(?![\w\-]))")
        for _, _, p0, p1 in paras:
            for found in pattern.finditer(raw, p0, p1):
                s, e = found.start(), found.end()
                if spans.overlaps(s, e):
                    continue
                i = bisect.bisect_right(sent_starts, s) - 1
                sent_start = sent_starts[i] if i >= 0 else p0
                previous = raw[max(p0, s - 30) : s].split()
                titled = bool(previous) and previous[-1].lower() in PERSON_TITLE_WORDS
                opening = not re.search(r"\w", raw[max(sent_start, p0) : s])
                described = raw.startswith(", who ", e) or raw.startswith(", a ", e)  # "He, who took over ...,"
                if word and not titled and opening and surname.lower() in STOP_WORDS and not described:
                    continue  # "He said": a sentence's first word is the pronoun ("Sun said" is a name)
                pid, role = para_of(s)
                out.append([s, e, pid, role, [], None, surname])
    return out


#: A reporting verb right after a word: "Niran said".
_SAID_AFTER = re.compile(r"\s+(?:said|says|told|added|explained|argued|warned|noted)\b")


def _given_name_candidates(raw, paras, entities, candidates, para_of):
    """A person's given name standing alone before a reporting verb ("'...,' Niran said"), where Thai and
    Indonesian papers name a person so and no other name in the article starts or ends with it."""
    people = [e for e in entities if e.kind == "person" and 2 <= len(e.name.split()) <= 3 and e.surname]
    taken_words = {w for e in entities for w in e.name.split()[1:]} | {e.surname for e in entities}
    given: dict[str, Entity | None] = {}
    for e in people:
        first = e.name.split()[0]
        if first != e.surname and first not in taken_words:
            given[first] = None if first in given else e
    spans = SpanSet((c[0], c[1]) for c in candidates)
    out = []
    for first, ent in given.items():
        if ent is None:
            continue  # two people share the given name: no telling
        pattern = re.compile(r"(?<![\w’'\-])" + re.escape(first) + r"(?![\w’'\-])")
        for _, _, p0, p1 in paras:
            for found in pattern.finditer(raw, p0, p1):
                s, e = found.start(), found.end()
                if not spans.overlaps(s, e) and _SAID_AFTER.match(raw, e):
                    pid, role = para_of(s)
                    out.append([s, e, pid, role, [], ent, None])
    return out


def _title_before(raw: str, start: int, surface: str, m: Matcher) -> str:
    words = surface.split()
    if len(words) > 1:
        return " ".join(words[:-1]).lower()
    before = re.search(r"([A-Z][\w.]*)\s+$", raw[max(0, start - 30) : start])
    return before.group(1).lower() if before else ""


_APPOSITION_AFTER = re.compile(r",\s+(?:the|a|an)\s+[^,;:.!?\"“”()]{0,50}?([a-z][a-z\-]+)\s*[,;:.]")


def _apposition_head(raw: str, end: int) -> str:
    """The head noun of a description right after a bare family name ("Li, the premier, ...")."""
    found = _APPOSITION_AFTER.match(raw, end, end + 80)
    return found.group(1) if found else ""


#: The body a bare family name is printed with ("Glaser of the German Marshall Fund").
_AFFILIATION_AFTER = re.compile(r",?\s+(?:of|at|from)\s+(?:the\s+)?([A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)+)")


#: The relative clause that ends a description ("a professor ... who is not related to the minister").
_RELATIVE_TAIL = re.compile(r"\s(?:who|which|whose|that)\s.*", re.S)


_TITLE_FORMS = {"gen.": "general", "sen.": "senator", "rep.": "representative", "adm.": "admiral", "gov.": "governor"}


def _title_words(text: str) -> set[str]:
    words = re.findall(r"[a-z]+\.?", text.lower().replace("defence", "defense"))
    return {_TITLE_FORMS.get(w, w.rstrip(".")) for w in words}


def _fits(title: str, description: str) -> bool:
    """Whether every word of ``title`` ("defense minister") is a word of ``description``; an honorific
    ("Mr Chua") fits only a holder printed with the same one ("Mr Chua Teck Seng", not "Dr Chua Mei Ling")."""
    if not title:
        return False
    if title in _PLAIN_TITLES:
        return title.rstrip(".") in _title_words(description)
    wanted = _title_words(title) - {"the", "of", "for"}
    have = _title_words(description)
    if "rep" in description.lower():
        have.add("representative")
    if "sen." in description.lower():
        have.add("senator")
    return bool(wanted) and wanted <= have


def _subject_position(raw: str, start: int, sent_start: int) -> bool:
    """Whether a name starting at ``start`` is printed as a subject, not after a preposition or
    "that". A leading time phrase ("Later on Tuesday, Commerce Minister Wang Wentao met") is
    no preposition of the name's."""
    lead = _LEADING_TIME.match(raw, sent_start, start)
    words = re.findall(r"[\w’'.\-]+", raw[lead.end() if lead else sent_start : start])
    while words and (words[-1][:1].isupper() or words[-1].lower() in ("the", "of", "to", "for", "and")):
        if words[-1].lower() in _NON_SUBJECT and len(words) > 1 and words[-2][:1].islower():
            break
        words.pop()
    while words and words[-1].lower() in ("spokesperson", "spokeswoman", "spokesman", "friend", "colleague"):
        words.pop()
    return not words or words[-1].lower() not in _NON_SUBJECT


def _quoted_test(raw: str, paras: list[tuple]):
    """A test ``pos -> bool``: whether ``pos`` lies inside quotation marks in its paragraph."""
    starts = [int(p[2]) for p in paras]
    masks = [quote_mask(raw[int(p[2]) : int(p[3])]) for p in paras]

    def quoted(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and pos - starts[i] < len(masks[i]) and masks[i][pos - starts[i]]

    return quoted


def _resolve(candidates, raw, sent_starts, m: Matcher, entities: list[Entity], quoted=lambda pos: False) -> list[tuple]:
    descriptions: dict[str, str] = {}
    surname_of: dict[str, str] = dict(m.surnames)
    for ent in entities:
        if ent.kind == "person":
            descriptions[ent.name] = ent.title_text()
            surname_of[ent.name] = ent.surname
        elif ent.surname:
            surname_of[ent.name] = ent.surname  # its short name
    descriptions.update(m.roles)
    named_at: dict[str, list[int]] = {}  # person -> starts where named in full
    for c in candidates:
        named = _full_name_actor(c, m)
        if named is not None and named in surname_of:
            named_at.setdefault(named, []).append(c[0])
    salient: dict[str, str] = {}
    resolved = []
    for start, end, para_id, role, entries, entity, surname in candidates:
        i = bisect.bisect_right(sent_starts, start) - 1
        sent_start = sent_starts[i] if i >= 0 else 0
        actor: str | None = None
        method: str | None = None
        full = _full_name_actor([start, end, para_id, role, entries, entity, surname], m)
        if full is not None:
            actor = full
            method = "full name" if entity is not None else next(e.method for e in entries if e.actor == full)
            if entity is not None and raw[start:end] != entity.name and " " not in raw[start:end]:
                method = "given name"
            key = surname_of.get(actor)
            subject = _subject_position(raw, start, sent_start) and raw[end : end + 2] not in ("’s", "'s")
            if key and (key not in salient or (subject and not quoted(start))):
                salient[key] = actor
        else:
            surface = raw[start:end]
            key = surname or re.sub(r"[’']s$", "", surface.split()[-1])
            title = _title_before(raw, start, surface, m) or _apposition_head(raw, end)
            options = {a for a, s in surname_of.items() if s == key and a in named_at}
            options |= {e.actor for e in entries}
            fitting = {a for a in options if _fits(title, descriptions.get(a, ""))}
            if len(fitting) > 1:  # "a professor ... who is not related to the foreign minister" is no minister
                fitting = {
                    a for a in fitting if _fits(title, _RELATIVE_TAIL.sub("", descriptions.get(a, "")))
                } or fitting
            body = _AFFILIATION_AFTER.match(raw, end)
            if body is not None and len(fitting) != 1:  # "Ms. Glaser of the German Marshall Fund": its Glaser
                fitting = {a for a in options if body.group(1) in descriptions.get(a, "")} or fitting
            if fitting:
                options = fitting
            elif title in _PLAIN_TITLES:  # "Dr Ng" is not the "Ms Ng Pei Shan" printed with another honorific
                options = {a for a in options if not _title_words(descriptions.get(a, "")) & _HONORIFICS} or options
            if len(options) > 1:  # "Wang told a regular briefing": the spokesperson; "Wang told Blinken": the envoy
                sentence = raw[sent_start : sent_starts[i + 1] if i + 1 < len(sent_starts) else len(raw)]
                options = _by_occasion(options, sentence, descriptions) or options
            if salient.get(key) in options:
                actor = salient[key]
            else:
                later = [(min(named_at[a]), a) for a in options if a in named_at]
                if later:
                    actor = min(later)[1]
                elif len(fitting) == 1:
                    actor = next(iter(fitting))
                else:
                    free = [e for e in entries if not e.needs_context]
                    if len(free) == 1 and not any(s == key for a, s in surname_of.items() if a not in m.side):
                        actor = free[0].actor
            if actor is not None:
                if not quoted(start):  # "'Director Wang wanted ...,' Wang said": the speaker, not whom he quoted
                    salient[key] = actor
                codebook = [e.method for e in entries if e.actor == actor]
                method = codebook[0] if codebook else ("title + surname" if len(surface.split()) > 1 else "surname")
        if actor is not None:
            resolved.append([start, end, actor, method, para_id, role])
    keep = []
    for i, item in enumerate(resolved):
        nxt = resolved[i + 1] if i + 1 < len(resolved) else None
        if item[3] == "descriptor" and nxt and nxt[2] == item[2] and nxt[0] - item[1] <= 1:
            continue  # a descriptor directly before a name of the same actor is folded into the name
        keep.append(tuple(item))
    return keep


#: Where only a spokesperson speaks, and where only someone who met the visitor does.
_BRIEFING = re.compile(r"\b(?:regular\s+(?:news\s+|press\s+)?briefing|press\s+conference|news\s+conference)\b")
_MEETING = re.compile(
    r"\btold\s+(?:Blinken|Mr\.?\s+Blinken|his\s+guest|the\s+Secretary|the\s+visiting)\b|\bmet\s+with\b"
)


def _by_occasion(options: set[str], sentence: str, descriptions: dict[str, str]) -> set[str]:
    """The holders of a shared family name the sentence's occasion fits: a spokesperson at a
    briefing, an ambassador at his embassy, anyone but a spokesperson at a meeting with the
    visitor; empty when it tells none."""
    spokes = {a for a in options if "spokes" in descriptions.get(a, "").lower()}
    if _BRIEFING.search(sentence):
        return spokes
    if re.search(r"\b[Ee]mbassy\b", sentence):  # "Burns said the embassy had spent weeks": the ambassador
        return {a for a in options if "ambassador" in descriptions.get(a, "").lower()}
    if _MEETING.search(sentence):
        return options - spokes
    return set()


def _full_name_actor(c, m: Matcher) -> str | None:
    """The actor a candidate names without context: a discovered name, or a codebook entry
    that needs none (anything but a bare or titled family name)."""
    entity, entries = c[5], c[4]
    if entity is not None:
        return entity.name
    if len(entries) == 1 and not entries[0].needs_context and entries[0].method not in ("surname", "title + surname"):
        return entries[0].actor
    return None


def _officials_in_context(rows: list[tuple], raw: str, paras: list[tuple], m: Matcher) -> list[tuple]:
    """Bare "officials" phrases, resolved to the nearest officials group outside quotation marks."""
    groups = [r for r in rows if m.kind.get(r[2]) == "group" and "officials" in r[2].lower()]
    in_quotes = _quote_test(raw, paras)
    outside = [r for r in groups if not in_quotes(r[0])]
    taken = SpanSet((r[0], r[1]) for r in rows)
    outside_starts = [r[0] for r in outside]  # rows come by start
    para_of = _para_finder(paras)
    added = []
    for _, _, p0, p1 in paras:
        for found in BARE_OFFICIALS.finditer(raw, p0, p1):
            s, e = found.start(), found.end()
            head = raw[max(p0, s - 40) : s]
            if taken.overlaps(s, e) or re.search(r"(?:[A-Z][\w.’']*|\b" + _BODY_QUALIFIER + r")\s+$", head):
                continue  # part of a name, or qualified ("Turkish Foreign Ministry officials", "... government officials")
            if re.search(
                r"\b(?:on|of|to|with|against|for|by|at|from)\s+(?:(?:the|certain|some|those|these)\s+)?$", head
            ):
                continue  # the object of a preposition ("sanctions on certain officials") is not a source
            place = re.match(r"\s+(?:in|from)\s+(Beijing|Washington)\b", raw[e : e + 30])
            if place is not None:
                side = "China" if place.group(1) == "Beijing" else "US"
                group = next(
                    (a for a in m.side if m.side[a] == side and m.kind[a] == "group" and "officials" in a), None
                )
                if group is not None:
                    pid, role = para_of(s)
                    added.append((s, e, group, "descriptor", pid, role))
                continue
            i = bisect.bisect_left(outside_starts, s)
            j = bisect.bisect_right(outside_starts, s)
            near = outside[i - 1] if i > 0 else outside[j] if j < len(outside) else None
            if near is not None:
                pid, role = para_of(s)
                added.append((s, e, near[2], "descriptor", pid, role))
    return sorted(rows + added, key=lambda r: r[0])


def _quote_test(raw: str, paras: list[tuple]):
    """A test ``pos -> bool``: whether ``pos`` lies inside double quotation marks of its
    paragraph (more “ than ” before it, or an odd number of straight "), from the marks'
    positions, found once per paragraph."""
    starts = [p[2] for p in paras]
    marks: dict[int, dict[str, list[int]]] = {}

    def inside(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        if i < 0 or not paras[i][2] <= pos < paras[i][3]:
            return False
        if i not in marks:
            p0, p1 = paras[i][2], paras[i][3]
            marks[i] = {ch: [m.start() for m in re.finditer(ch, raw[p0:p1])] for ch in ("\u201c", "\u201d", '"')}
        at, found = pos - paras[i][2], marks[i]
        opened = bisect.bisect_left(found["\u201c"], at) - bisect.bisect_left(found["\u201d"], at)
        return opened > 0 or bisect.bisect_left(found['"'], at) % 2 == 1

    return inside
