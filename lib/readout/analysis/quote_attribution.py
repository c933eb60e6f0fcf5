"""One article's quotations attributed paragraph by paragraph (see :func:`readout.analysis.quotes.extract_quotes`).

:class:`ArticleQuotes` holds an article's context (actors, document kind, transcript turns) and walks its paragraphs;
:class:`ParagraphQuotes` finds a paragraph's quotations, cues and subject items and attributes each quotation;
:meth:`ParagraphQuotes.units` lists the sentences an official document or a transcript turn speaks in its own voice.
The rules are in that module's docs.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

import pandas as pd

from readout.analysis.attribution_positions import People, Positions, Sentences, next_person_mentions
from readout.analysis.cue_context import (
    ACCORDING_STOP,
    ATTRIBUTABLE_LINE,
    BODY_TITLE_GAP,
    BOTH_SIDES,
    FRONTED_PERSON,
    HELD_UP_BEFORE,
    INVERTING_VERB,
    NAMING_PARTICIPLE,
    OBJECT_OF_VERB,
    OWN_CONTENT,
    OWN_WORDS,
    PASSIVE_AGENT,
    VAGUE_SUBJECT,
    backshifted_report,
    describes_words,
    participle_scope_ended,
)
from readout.analysis.names import OFFICE_TITLE, byline_author, is_chinese_order
from readout.analysis.quote_cues import (
    Cue,
    attribute_headlines,
    channel_of,
    cue_order,
    find_cues,
    headline_colon_speaker,
    is_held_up_term,
    is_modal_cue,
    is_title,
    is_word_mention,
    mask_quotes,
)
from readout.analysis.quote_spans import classify_kind, ends_sentence_before, scan_quotes
from readout.analysis.quote_speakers import (
    AND_VERB_BEFORE,
    Item,
    find_items,
    subject_of,
)
from readout.analysis.speaker_phrases import ONE_PERSON, text_country
from readout.analysis.speaker_resolution import MEDIA_ROLE_RE, Scene, SpeakerContext, resolve_item
from readout.analysis.subject_checks import participle_start, relayed_speaker, second_look, unnamed_possessor
from readout.analysis.transcripts import turn_speakers
from readout.analysis.voices import DocInfo, statement_author

UNATTRIBUTED = "UNATTRIBUTED"


class CodebookView:
    """The codebook's sides, kinds and roles, read once per corpus."""

    def __init__(self, codebook: pd.DataFrame):
        self.codebook = codebook
        self.side = dict(zip(codebook["actor"], codebook["side"]))
        self.kind = dict(zip(codebook["actor"], codebook["kind"]))
        self.role = dict(zip(codebook["actor"], codebook["role"].fillna("")))


class ArticleQuotes:
    """One article's quotations and the context that attributes them."""

    def __init__(
        self,
        raw: str,
        article_id: str,
        paras: list[tuple],
        mentions: list[tuple],
        doc: DocInfo,
        book: CodebookView,
        titles,
    ):
        self.raw, self.article_id, self.paras, self.doc, self.book = raw, article_id, paras, doc, book
        self.mentions = [(int(s), int(e), a, sd, k, bool(t)) for s, e, a, sd, k, t in mentions]
        self.mention_starts = [m[0] for m in self.mentions]
        side = dict(book.side)
        kind = dict(book.kind)
        for _, _, actor, sd, k, _ in self.mentions:
            side.setdefault(actor, sd)
            kind.setdefault(actor, k)
            if doc.voice and doc.official and k == "person" and side[actor] == "Unknown":
                if doc.voice == "China" and is_chinese_order(actor.split()):  # "Wang Yi said", no title given
                    side[actor] = "China"
                elif OFFICE_TITLE.search(titles.get(actor, "")):  # "Ambassador R. Nicholas Burns" in his statement
                    side[actor] = doc.voice
        self.titles: dict[str, str] = {**book.role, **titles}
        self.ctx = SpeakerContext(side=side, kind=kind, titles=self.titles, codebook=set(book.side))
        if doc.institution:
            self.ctx.add(doc.institution, doc.voice or "Unknown")
            self.ctx.institution = doc.institution
        self.ctx.country = text_country(raw)
        opening = raw[:3000].split("\n\n")
        self.ctx.author = (statement_author(opening) if doc.official else None) or byline_author(opening)
        self.subjects = Positions(self.ctx.subjects)
        self.history = Positions(self.ctx.history)
        self.units: list[dict] = []  # sentences spoken in an official document's voice or in a transcript turn
        self.cues: list[dict] = []  # reporting cues with the speaker they resolved to
        self.turns = turn_speakers(raw, paras, doc, self.mentions, self.titles, self.ctx, book.codebook)

    # -- quotations
    def quotes(self, sentences: list[tuple]) -> list[dict]:
        """The ledger rows of the article (``sentences``: para_id, start, end)."""
        bounds_of: dict[int, list[tuple[int, int]]] = {}
        for para_id, s_start, s_end in sentences:
            bounds_of.setdefault(int(para_id), []).append((int(s_start), int(s_end)))
        found: list[dict] = []
        prev_last: tuple[str, str, str] | None = None
        for para_id, role, pstart, pend in self.paras:
            para_id, pstart, pend = int(para_id), int(pstart), int(pend)
            para = ParagraphQuotes(self, para_id, role, pstart, pend, bounds_of.get(para_id, []))
            rows, last = para.attribute(prev_last)
            for row in rows:
                found.append(row)
                if role != "headline":
                    found.extend(self._nested(row, bounds_of.get(para_id, [])))
            self.units.extend(para.units(rows))
            if role in ("body", "dek"):
                prev_last = last
        attribute_headlines(found)
        rows = []
        ids: dict[int, str] = {}
        for n, f in enumerate(found, start=1):
            ids[id(f)] = f"{self.article_id}-q{n:03d}"
            speaker = f["speaker"] or UNATTRIBUTED
            attributed = speaker != UNATTRIBUTED
            kind = "scare" if f["title"] and not attributed else None
            rows.append(
                dict(
                    quote_id=f"{self.article_id}-q{n:03d}",
                    article_id=self.article_id,
                    para_id=f["para_id"],
                    start=f["start"],
                    end=f["end"],
                    text=f["text"],
                    speaker=speaker,
                    speaker_side=self.ctx.side_of(speaker) if attributed else "Unknown",
                    cue=f["cue"] if attributed else "",
                    attribution=f["attribution"] if attributed else "none",
                    kind=kind
                    or classify_kind(f["_para_text"], f["_q"][0], f["_q"][1], role=f["role"], attributed=attributed),
                    channel=f["channel"],
                    in_codebook=attributed and speaker in self.ctx.codebook,
                    nested_in=ids[id(f["_outer"])] if f.get("_outer") is not None else "",
                )
            )
        return rows

    def _nested(self, outer: dict, bounds: list[tuple[int, int]]) -> list[dict]:
        """The quotations inside ``outer`` (``"He said Blinken promised ‘every issue,’ ..."``), each
        given to the speaker of a cue inside the outer quotation before it ("Blinken promised"),
        else to nobody: a phrase the outer speaker holds up ("the so-called ‘overcapacity’", "We
        have noted the U.S. side's claim that its measures are ‘narrow’").
        What the inside names or hears stays out of the article's reading order."""
        lo, hi = outer["start"], outer["end"]
        if not scan_quotes(self.raw[lo:hi]):
            return []
        mark, n_cues = self.ctx.mark(), len(self.cues)
        inside = [(max(s, lo), min(e, hi)) for s, e in bounds if s < hi and e > lo]
        para = ParagraphQuotes(self, outer["para_id"], outer["role"], lo, hi, inside)
        para.turn, para.within = None, outer["speaker"]  # "I" and the side of "the President" are the outer speaker's
        rows, _ = para.attribute(None)
        self.ctx.rewind(mark)
        del self.cues[n_cues:]
        self.subjects, self.history = Positions(self.ctx.subjects), Positions(self.ctx.history)
        for row in rows:
            own = OWN_WORDS.search(self.raw, lo, row["start"])  # "I told them, ‘...’": the outer speaker's own words
            if row["attribution"] not in ("explicit", "pronoun", "according_to") or (
                row["speaker"] == outer["speaker"] and not own
            ):
                row.update(speaker=None, attribution="none", cue="")
            row["_outer"] = outer
        return rows

    def is_media(self, actor: str) -> bool:
        return bool(MEDIA_ROLE_RE.search(self.titles.get(actor, "")))


class ParagraphQuotes:
    """One paragraph: its quotations, cues and subject items, attributed in reading order."""

    def __init__(self, article: ArticleQuotes, para_id: int, role: str, pstart: int, pend: int, bounds):
        self.a, self.para_id, self.role, self.pstart = article, para_id, role, pstart
        raw = article.raw
        self.text = raw[pstart:pend]
        self.spans = scan_quotes(self.text)
        self.masked = mask_quotes(self.text, self.spans)
        self.first_word = len(self.masked) - len(self.masked.lstrip())  # where the first unblank character is
        self.bounds = [(s - pstart, e - pstart) for s, e in bounds]
        lo, hi = bisect_left(article.mention_starts, pstart), bisect_right(article.mention_starts, pend)
        self.mentions = []
        for m_start, m_end, actor, _, kind, in_title in article.mentions[lo:hi]:
            s, e = m_start - pstart, m_end - pstart
            if s >= 0 and e <= len(self.text) and self.masked[s:e].strip() == self.text[s:e].strip():
                self.mentions.append({"start": s, "end": e, "actor": actor, "kind": kind, "in_title": in_title})
                article.ctx.named.append((m_start, actor))
        self.people = People(self.mentions, article.ctx.is_person)
        self.items = find_items(self.masked, self.mentions)
        self.cues = find_cues(self.masked, headline=role == "headline")
        self.resolved: dict[int, tuple[str, str] | None] = {}  # each cue's speaker, as the cues are read in order
        self.turn = article.turns.get(para_id)
        self.within: str | None = None  # for a quotation's inside: the speaker of that quotation
        if self.turn is not None and self.turn[0].para_id == para_id:
            skip = self.turn[0].text_start - pstart  # the turn label is not a subject
            self.items = [i for i in self.items if i.start >= skip]
        # items by start, cues in reading order: searched by bisection, each quotation or cue reads its own sentence
        self.item_starts = [i.start for i in self.items]
        self.cue_starts = [c.start for c in self.cues]
        self.next_person = next_person_mentions(self.items)
        self.longest_item = max((i.end - i.start for i in self.items), default=0)
        self.quote_ends = sorted(q.end + (1 if q.closed else 0) for q in self.spans)
        self.sentences = Sentences(self.bounds)
        for s_lo, s_hi in self.bounds:
            pool = [i for i in self.items_in(s_lo, s_hi) if not i.after_preposition]
            first = next((i for i in pool if not i.possessive and i.kind in ("mention", "nominal", "group")), None)
            # "White House press secretary X", "Republican Rep. X": the person holding the title
            if first is not None and first.kind != "nominal" and not first.person:
                held = next((i for i in pool if i.start >= first.end and i.person), None)
                first = held if held and BODY_TITLE_GAP.fullmatch(self.masked, first.end, held.start) else first
            # "Carol Mabry's son died ... she said": with no other subject, the person whose relative it is
            first = first or next((i for i in pool if i.possessive and i.person and pool[0].kind != "pronoun"), None)
            if first is None and (lede := FRONTED_PERSON.match(self.masked, s_lo)):
                # "GOLDSBORO — For Darlene Pruitt, who grows soybeans, the news sounded familiar. '...,' she said"
                first = next((i for i in self.items_in(lede.end(), lede.end() + 1) if i.person), None)
            if first is not None and first.kind == "group" and ONE_PERSON.search(first.text):
                # "One manager at a U.S. company ... was blunter. '...,' he said": one unnamed person
                actor = resolve_item(first, article.ctx, self.scene(first.start, s_lo, s_hi))
                if actor:
                    article.subjects.append((pstart + s_lo, actor))
            elif first is not None and first.kind == "nominal":  # "The Secretary spoke ... As he said"
                actor = resolve_item(first, article.ctx, self.scene(first.start, s_lo, s_hi))
                if actor and article.ctx.is_person(actor):
                    article.subjects.append((pstart + s_lo, actor))
            elif first is not None and first.person and first.actor:
                article.subjects.append((pstart + s_lo, first.actor))

    def items_in(self, lo: int, hi: int) -> list[Item]:
        """The items starting in ``[lo, hi)``, by start."""
        return self.items[bisect_left(self.item_starts, lo) : bisect_left(self.item_starts, hi)]

    def cues_in(self, lo: int, hi: int) -> list[Cue]:
        """The cues starting in ``[lo, hi)``, in reading order."""
        return self.cues[bisect_left(self.cue_starts, lo) : bisect_left(self.cue_starts, hi)]

    def subject_items(self, sent_lo: int, cue: Cue) -> list[Item]:
        """What :func:`subject_of` reads of the items for a verb ``cue``: those from ``sent_lo`` up to the verb, the
        item right after its "by" ("described by state media") and the first person named after them, in order."""
        hi = bisect_right(self.item_starts, cue.start)
        window = self.items[bisect_left(self.item_starts, sent_lo) : hi]
        after = {self.next_person[hi]} if hi < len(self.items) else set()
        by = PASSIVE_AGENT.match(self.masked, cue.end)
        k = bisect_left(self.item_starts, by.end()) if by is not None else len(self.items)
        after |= {k} if by is not None and k < len(self.items) and self.item_starts[k] == by.end() else set()
        return window + [self.items[k] for k in sorted(k for k in after if k is not None)]

    def sentence_of(self, lo: int, hi: int) -> tuple[int, int]:
        return self.sentences.around(lo, hi, len(self.text))

    def scene(self, pos: int, s_lo: int, s_hi: int, after: int | None = None) -> Scene:
        a = self.a
        sentence_items = self.items_in(s_lo, s_hi)
        turn = self.turn
        speaker = turn[1] if turn else self.within
        previous = a.subjects.last_before(self.pstart + s_lo)
        return Scene(
            pos=self.pstart + pos,
            sentence=self.masked[s_lo:s_hi],
            sentence_start=self.pstart + s_lo,
            sentence_offset=s_lo,
            sentence_items=sentence_items,
            previous_subject=previous,
            turn_speaker=speaker,
            addressee=turn[2] if turn else None,
            turn_side=self._side_preference(speaker),
            items_after=[i for i in sentence_items if i.start >= (after if after is not None else pos)],
            items_before=self.items_in(self.sentences.last_start_at(s_lo - 1), s_lo) if s_lo else [],
        )

    def _side_preference(self, speaker: str | None) -> str | None:
        """The side a bare title ("the President") most likely belongs to: the turn speaker's,
        else the voice of the document."""
        side = self.a.ctx.side_of(speaker) if speaker else ""
        if side in ("US", "China"):
            return side
        return self.a.doc.voice or None

    def resolve_cue(self, cue: Cue) -> tuple[str, str] | None:
        masked = self.masked
        s_lo, s_hi = self.sentence_of(cue.start, cue.end)
        if cue.kind == "verb" and is_modal_cue(masked, cue.start):
            return None
        if cue.according:
            stop = ACCORDING_STOP.search(masked, cue.end)
            hi = stop.start() if stop else len(masked)
            pool = [i for i in self.items_in(cue.end, hi + 1) if i.end <= hi]
            pool = [i for i in pool if not (i.kind == "mention" and i.in_title and any(j.person for j in pool))]
            return self._take(pool[0], cue.start, s_lo, s_hi, "according_to") if pool else None
        if cue.kind == "from":
            at = cue.subject_end  # the first item after "from", a title before it allowed ("from President Xi")
            pool = [
                i
                for i in self.items_in(at, at + 40)
                if i.kind != "vague"
                and re.fullmatch(r"(?:one\s+of\s+)?(?:(?:the|our|my)\s+)?(?:[A-Z][\w.’'\-]*\s+)*", masked[at : i.start])
            ]
            return self._take(pool[0], cue.start, s_lo, s_hi, "explicit") if pool else None
        if cue.kind in ("possessive", "words"):
            # an item ending at the possessor or starting at the pronoun (items end after they start)
            at = cue.subject_end
            pool = [i for i in self.items_in(at - self.longest_item, at + 1) if i.end == at or i.start == at]
            how = "pronoun" if cue.kind == "words" else "explicit"
            taken = self._take(pool[0], cue.start, s_lo, s_hi, how) if pool else None
            return taken or unnamed_possessor(self, cue, s_lo, how)
        # after the last quotation that closes before the cue, if it closes inside the sentence
        closed_before = bisect_right(self.quote_ends, cue.start)
        lo = max(s_lo, self.quote_ends[closed_before - 1]) if closed_before else s_lo
        participle = cue.word.lower().endswith("ing")
        if participle:
            decided, lo = participle_start(self, cue, s_lo, s_hi)
            if decided is not None:
                return decided
        elif not masked[lo : cue.start].strip(" ,;—–-\n"):
            stop = re.search(r"[,;:!?)]|—|–", masked[cue.end : s_hi])
            hi = cue.end + stop.start() if stop else s_hi
            pool = [i for i in self.items_in(cue.end, hi + 1) if i.end <= hi]
            pool = [i for i in pool if not (i.kind == "mention" and i.in_title and any(j.person for j in pool))]
            if pool:
                return self._take(pool[0], cue.start, s_lo, s_hi, "explicit")
            return None
        elif (
            re.search(r",\s*$", masked[lo : cue.start])
            and INVERTING_VERB.fullmatch(cue.word)
            and not any(cue.end <= q.start < s_hi for q in self.spans)
        ):
            # "The trip 'buys time' for allies, says Cleverly.": a verb inverted at the sentence's end
            after = [i for i in self.items_in(cue.end, s_hi) if not masked[cue.end : i.start].strip()]
            if after and re.fullmatch(r"(?:,[^.;:!?]*)?[\s.!?]*", masked[after[0].end : s_hi]):
                return self._take(after[0], cue.start, s_lo, s_hi, "explicit")
        item = subject_of(cue.start, cue.end, cue.word, masked, lo, self.subject_items(lo, cue))
        if item is None and lo > s_lo and AND_VERB_BEFORE.search(masked, s_lo, cue.start):
            # 'The Secretary noted that Wang had welcomed what he called "...", and said': the sentence's subject
            item = subject_of(cue.start, cue.end, cue.word, masked, s_lo, self.subject_items(s_lo, cue))
        if item is None:
            return None
        taken = self._take(
            item, cue.start, s_lo, s_hi, "pronoun" if item.kind == "pronoun" else "explicit", after=item.end
        )
        return second_look(self, cue, item, taken, s_lo, s_hi) if taken is not None else None

    @property
    def ctx(self) -> SpeakerContext:
        return self.a.ctx

    def resolve_at(self, item: Item, pos: int, s_lo: int, s_hi: int) -> str | None:
        """The actor ``item`` stands for, read at ``pos`` in the sentence ``s_lo:s_hi``."""
        return resolve_item(item, self.a.ctx, self.scene(pos, s_lo, s_hi))

    def _take(self, item: Item, pos: int, s_lo: int, s_hi: int, how: str, after: int | None = None):
        scene = self.scene(pos, s_lo, s_hi, after)
        if item.kind == "pronoun":
            scene.governor = self._governor(item, s_lo)
        actor = resolve_item(item, self.a.ctx, scene)
        return (actor, how) if actor else None

    def _governor(self, item: Item, s_lo: int) -> Item | None:
        """The subject of a reporting verb right before a pronoun ("X said (that) he ...")."""
        before = self.masked[s_lo : item.start]
        m = re.search(r"\b(\w+)\s+(?:that\s+)?$", before)
        if m is None:
            return None
        at = s_lo + m.start(1)
        cue = next((c for c in self.cues_in(at, at + 1) if c.kind == "verb"), None)
        if cue is None or cue.word.lower().endswith("ing"):
            return None
        return subject_of(cue.start, cue.end, cue.word, self.masked, s_lo, self.subject_items(s_lo, cue))

    def attribute(self, prev_last):
        a, masked, text = self.a, self.masked, self.text
        resolved = self.resolved
        for cue in self.cues:  # in reading order, so pronouns see earlier speakers
            res = self.resolve_cue(cue)
            resolved[cue.start] = res
            if res:
                a.cues.append(
                    dict(
                        start=self.pstart + cue.start,
                        end=self.pstart + cue.end,
                        cue=cue.word,
                        speaker=res[0],
                        attribution=res[1],
                    )
                )
            relayed = res is not None and relayed_speaker(self, cue, resolved)
            if res and not cue.according and not relayed and not (cue.kind == "possessive" and a.ctx.is_person(res[0])):
                a.history.append((self.pstart + cue.start, res[0]))  # "Biden's remark" is no "he" or "she" to come
        rows: list[dict] = []
        last_in_para: tuple[str, str, str] | None = None
        named = {m["actor"] for m in self.mentions}  # one set for the paragraph's rows, read only
        channels: dict[tuple[int, int], str] = {}  # quotations of one sentence share its channel
        for q in self.spans:
            q_lo, q_hi = q.start - 1, q.end + (1 if q.closed else 0)
            s_lo, s_hi = self.sentence_of(q_lo, q_hi)
            near = [c for c in self.cues_in(s_lo, s_hi) if c.end <= s_hi]
            speaker, how, cue_word = None, "none", ""
            title = is_title(text[q.start : q.end])
            mention = is_word_mention(text, q.start, q.end) or is_held_up_term(text[q.start : q.end])
            mention = mention or (title and self.role != "headline")  # a name of a work is nobody's words
            for c in [] if mention else cue_order(near, masked, text, q_lo, q_hi, s_lo, title):
                if c.end <= q_lo and participle_scope_ended(c.word, masked[c.end : q_lo], c.start > near[0].start):
                    continue
                if c.kind == "verb" and self._reported_by_own_side(c, near):
                    continue  # "Spokesperson Miller said Blinken had stressed '...'": the spokesperson's report
                if c.kind == "possessive" and c.end <= q_lo and any(c.end <= d.start < q_lo for d in near):
                    continue
                if (
                    c.kind == "possessive"
                    and c.end <= q_lo
                    and not OWN_CONTENT.search(masked, c.end, q_lo)  # "Qin's assessment that", "Biden's view of Xi as"
                    and any(
                        d.kind == "verb" and d.end <= c.start and OBJECT_OF_VERB.fullmatch(masked, d.end, c.start)
                        for d in near
                    )
                ):
                    continue  # "the ministry called the President's comments '...'": the quotation is the ministry's
                names = c.kind == "possessive" or bool(NAMING_PARTICIPLE.fullmatch(c.word) and near[-1].start >= q_hi)
                if names and any(c.end <= p.start < q.start for p in self.spans):  # "the U.S. side's pledge not to
                    continue  # support 'X' 'will mean little'", "described as '...', now '...,' Y said": the first's
                if c.end <= q_lo and describes_words(c.kind, c.word, masked, s_lo, c.start, c.end, q_lo):
                    continue  # "Wang Yi's message had been 'unusually blunt'": words about the message, not in it
                res = resolved.get(c.start)
                if res:
                    speaker, how = res
                    cue_word = "according to" if c.according else c.word
                    break
            if (s_lo, s_hi) not in channels:
                channels[s_lo, s_hi] = channel_of(
                    masked, s_lo, s_hi, self.mentions, a.is_media, self.people.starts_if_sorted
                )
            channel = channels[s_lo, s_hi]
            title = title or mention
            if speaker is None and not title and self.role not in ("headline",):
                speaker, how, channel = self._fallback(q_lo, q_hi, s_lo, s_hi, near, last_in_para, prev_last, channel)
                cue_word = ""
            if speaker is not None:
                last_in_para = (speaker, cue_word, channel)
            rows.append(
                dict(
                    para_id=self.para_id,
                    role=self.role,
                    start=self.pstart + q.start,
                    end=self.pstart + q.end,
                    text=a.raw[self.pstart + q.start : self.pstart + q.end],
                    speaker=speaker,
                    cue=cue_word,
                    attribution=how,
                    channel=channel,
                    title=title,
                    _para_text=text,
                    _q=(q.start, q.end),
                    _speaker_phrase=headline_colon_speaker(text, self.mentions, self.a.book.codebook)
                    if self.role in ("headline", "dek")
                    else None,
                    _named=named,
                )
            )
        if self.bounds and text.rstrip().endswith(":") and not any(r["_q"][0] >= self.bounds[-1][0] for r in rows):
            # "Wang Yi laid out China's concerns frankly:", "Asked to comment, spokesperson X said:" (its last
            # sentence holds no quotation, whatever the sentences before it quoted)
            subject = self._sentence_subject(*self.bounds[-1])
            last_in_para = (subject, "", "") if subject else last_in_para
        if last_in_para is None:
            named = self._named_before(len(text))
            last_in_para = (named, "", "") if named else None
        return rows, last_in_para

    def units(self, rows: list[dict]) -> list[dict]:
        """This paragraph's sentences in an official voice or a transcript turn (see :func:`document_units`)."""
        a = self.a
        if self.role not in ("body", "dek"):
            return []
        if self.turn is not None and self.turn[1]:
            speaker, layer = self.turn[1], "transcript"
            side = a.ctx.side_of(speaker)
        elif a.doc.official and not ATTRIBUTABLE_LINE.search(self.text):
            speaker, layer, side = None, "official", a.doc.voice
        else:
            return []
        skip = (
            self.turn[0].text_start - self.pstart
            if self.turn is not None and self.turn[0].para_id == self.para_id
            else 0
        )
        out = []
        row_starts = [r["start"] for r in rows]  # rows come by start, as the quotations do
        by_start = all(a <= b for a, b in zip(row_starts, row_starts[1:]))
        for s_lo, s_hi in self.bounds or [(0, len(self.text))]:
            s_lo = max(s_lo, skip)
            if s_hi <= s_lo or not re.search(r"\w", self.text[s_lo:s_hi]):
                continue
            who = speaker
            if layer == "official":
                if BOTH_SIDES.match(self.masked[s_lo:s_hi]):
                    continue  # the two sides' joint words are neither side's statement
                subject = self._sentence_subject(s_lo, s_hi)
                who = subject if subject and a.ctx.side_of(subject) == side else a.doc.institution
            lo, hi = self.pstart + s_lo, self.pstart + s_hi
            nearby = rows[bisect_left(row_starts, lo) : bisect_left(row_starts, hi)] if by_start else rows
            holes = [
                (r["start"], r["end"])
                for r in nearby
                if lo <= r["start"] < hi
                and r["speaker"]
                and (a.ctx.side_of(r["speaker"]) != side if layer == "official" else r["speaker"] != speaker)
            ]
            out.append(
                dict(
                    para_id=self.para_id,
                    start=self.pstart + s_lo,
                    end=self.pstart + s_hi,
                    speaker=who,
                    side=side,
                    layer=layer,
                    holes=holes,
                )
            )
        return out

    def _reported_by_own_side(self, verb: Cue, near: list[Cue]) -> bool:
        """Whether a verb reports a past-perfect clause of a "said" of its own government (see backshifted_report)."""
        side, done = self.a.ctx.side_of, self.resolved.get(verb.start)
        said = [self.resolved.get(d.start) for d in near if backshifted_report(self.masked, d.start, d.end, verb.start)]
        return done is not None and any(s and side(s[0]) == side(done[0]) in ("US", "China") for s in said)

    def _fallback(self, q_lo, q_hi, s_lo, s_hi, near, last_in_para, prev_last, channel):
        a = self.a
        verbs = [c for c in near if not c.according]
        if not verbs and self.masked[s_lo:q_lo].rstrip(" \"“‘'").endswith(":"):
            subject = self._sentence_subject(s_lo, q_lo)  # "The President was very clear yesterday: '...'"
            if subject and a.ctx.is_person(subject):
                return subject, "colon", channel
        if self.turn is not None and self.turn[1]:
            short = len(self.text[q_lo + 1 : q_hi].split()) <= 3 and not ends_sentence_before(self.text, q_lo)
            unheard = all(  # no cue, or only cues of vague others: "Some people have called it a ..."
                not self.resolved.get(c.start) and VAGUE_SUBJECT.search(self.masked, s_lo, c.start) for c in verbs
            )
            if short and unheard and self.turn[0].role == "speaker":  # a host's framing stays the host's
                return None, "none", channel  # a term the speaker holds up ("talk of 'de-risking'"): nobody's words
            return self.turn[1], "turn", channel
        if not verbs and last_in_para is not None and not ends_sentence_before(self.text, q_lo):
            subject = self._sentence_subject(s_lo, q_lo)  # "Qin agreed to visit Washington '...'": Qin's words
            if subject and a.ctx.is_person(subject) and subject != last_in_para[0]:
                return subject, "subject", channel
        if not verbs and last_in_para is not None:
            return last_in_para[0], "continuation", channel or last_in_para[2]
        if not verbs and self.role in ("body", "dek") and ends_sentence_before(self.text, q_lo):
            if self.first_word >= q_lo:  # nothing but blanks before the quotation
                if prev_last is not None:
                    return prev_last[0], "continuation", channel or prev_last[2]
            else:
                named = self._named_before(q_lo)
                if named:
                    return named, "continuation", channel
        if a.doc.official and not HELD_UP_BEFORE.search(self.masked, max(0, q_lo - 40), q_lo):
            subject = self._sentence_subject(s_lo, q_lo)  # named before it ("The two sides agreed to"), else the voice
            return subject or a.doc.institution, "document", channel
        return None, "none", channel

    def _sentence_subject(self, s_lo: int, s_hi: int) -> str | None:
        pool = [i for i in self.items_in(s_lo, s_hi) if not i.after_preposition]
        if not pool or pool[0].kind in ("vague", "country", "document"):
            return None
        if re.search(r"\bthat\s+(?:[A-Z][\w.’'\-]*\s+)*$", self.masked[s_lo : pool[0].start]):
            return None  # "The two sides agreed that Foreign Minister Qin would visit": no subject of the sentence
        return resolve_item(pool[0], self.a.ctx, self.scene(pool[0].start, s_lo, s_hi))

    def _named_before(self, pos: int) -> str | None:
        """The speaker a reader carries forward at ``pos``: the last speaker of a cue before it in the paragraph, else
        the first person named in the last sentence naming one."""
        spoke = self.a.history.last_in(self.pstart, self.pstart + pos)
        if spoke is not None:
            return spoke
        if (last_m := self.people.last_ending_by(pos)) is None:
            return None
        sent_lo = self.sentences.last_start_at(last_m["start"])
        return self.people.first_from(sent_lo, pos)["actor"]
