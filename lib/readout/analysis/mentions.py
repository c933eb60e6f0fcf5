"""Actor mentions in a corpus, found with the codebook's matcher (:mod:`readout.analysis.actors`).

Matching rules (documented for users in ``data/README.md``):

* every alias and the canonical name are matched as whole words; the longest match wins
  where two overlap ("Biden administration" beats "Biden", "White House National
  Security Council" beats "White House");
* names are case-sensitive, except that an alias written with a lower-case first letter
  ("the State Department") also matches with a capital ("The State Department");
* "U.S." and "US" are interchangeable, so are straight and curly apostrophes, and any run
  of white space matches a space;
* an alias never matches inside a longer proper name ("Burns" in "Nicholas Burns", "Congress"
  in "National People's Congress");
* people and organisations the codebook lacks are found too
  (:mod:`readout.analysis.discovery`), with ``in_codebook`` False and the side their printed
  titles name (:func:`discovered_actors`);
* a person's surname is a one-word alias that is one of the words of the canonical name
  ("Blinken", "Qin"). A bare surname goes to the person of the article with that surname the
  text is about (:mod:`readout.analysis.name_resolution`): a fitting title decides, else the
  holder last named in full as a subject, or, if none was, the first named later; a surname
  held by one codebook actor and nobody else in the article resolves anywhere. A person
  without a declared surname gets the last word of the name, which resolves only in articles
  that name the person in full; a bare "officials" takes the side of the officials named
  nearest to it, and is dropped where none are;
* a title followed by a surname ("Secretary Blinken", "Mr. Blinken", "Rep. Gallagher")
  is found for every person from :data:`TITLES`;
* a descriptor ("the Chinese foreign minister") directly followed by a name of the same
  actor is folded into the name, so a title is never counted twice;
* an institution named inside a person's title or appositive ("State Department
  spokesperson Matthew Miller", "Kurt Campbell, the White House's Indo-Pacific
  coordinator") is still a mention, flagged ``in_title`` so networks can leave it out;
* a parenthesised credit at the end of a photo caption ("(U.S. Navy via AP)") is skipped;
* a leading "the" is not part of a mention ("the State Department" gives "State
  Department"), unless it belongs to the canonical name.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from typing import cast

import pandas as pd

from readout.analysis.actors import TITLE_WORDS, Matcher, load_codebook, matcher
from readout.analysis.name_resolution import resolve_article
from readout.corpus.model import ANALYSED_ROLES, rows_by_article
from readout.text.quote_marks import quote_mask

MENTION_COLUMNS = [
    "article_id",
    "para_id",
    "sent_id",
    "start",
    "end",
    "surface",
    "actor",
    "method",
    "side",
    "kind",
    "role",
    "in_title",
    "in_codebook",
]


#: Paragraph roles searched by default: the analysed roles plus credits, so a source note
#: ("State Department release on Secretary Blinken's discussion with ... Qin Gang") is
#: covered. Networks keep to ``readout.corpus.model.ANALYSED_ROLES`` (filter on ``role``).
MENTION_ROLES = ("headline", "dek", "body", "caption", "credit")


def find_mentions(
    corpus,
    codebook: pd.DataFrame | None = None,
    roles: tuple[str, ...] | None = None,
    pronouns: bool | str = False,
) -> pd.DataFrame:
    """Find every actor mention in the analysed paragraphs of ``corpus``.

    Returns a DataFrame, one row per mention, ordered by article and offset:

    ========== ====== =====================================================================
    article_id str    the article
    para_id    int    paragraph (``corpus.paragraphs``)
    sent_id    int    sentence holding the mention's first character (``corpus.sentences``)
    start, end int    offsets into ``corpus.raw[article_id]``; ``raw[start:end] == surface``
    surface    str    the words as printed
    actor      str    canonical actor name from the codebook
    method     str    full name, alias, surname, title + surname, descriptor or pronoun
    side       str    US, China or Other (from the codebook); for an actor outside it, the side
                      its printed titles name, or Unknown
    kind       str    person, institution, state or group (from the codebook, or discovered)
    role       str    the paragraph's role (headline, dek, body, caption)
    in_title   bool   an institution named inside a person's title or appositive
    in_codebook bool  False for a person or organisation the codebook lacks, found by
                      :func:`readout.analysis.discovery.discover_article` (see
                      :func:`discovered_actors`)
    ========== ====== =====================================================================

    ``codebook`` defaults to :func:`load_codebook` for the corpus (its folder's own
    ``actors.csv`` if present). ``roles`` defaults to :data:`MENTION_ROLES` (the analysed roles plus
    credits; filter on ``role`` for the analysed text only).
    ``pronouns=True`` also links he/she/him/his/her outside quotation marks to a person
    named before them outside quotation marks (method "pronoun"): the first person named
    earlier in the same sentence, else, in the nearest earlier sentence naming someone,
    the one attached to a speech verb or the first; at most two paragraphs back.
    ``pronouns="all"`` also links pronouns inside quotations.
    Measured against the hand labels in notebook 02. The default call is memoised on the corpus.
    """
    roles = tuple(roles or MENTION_ROLES)
    if codebook is None:
        key = f"actors.find_mentions:{roles}:{pronouns}"
        if pronouns not in (False, True):
            return corpus.cached(
                key, lambda: _find_mentions(corpus, load_codebook(corpus=corpus), roles, pronouns)
            ).copy()
        # the names are found once for both variants (with and without pronouns); both are memoised
        other = f"actors.find_mentions:{roles}:{not pronouns}"

        def build():
            wanted = (pronouns,) if corpus.is_memoised(other) else (pronouns, not pronouns)
            tables = _find_mentions_variants(corpus, load_codebook(corpus=corpus), roles, wanted, remember=True)
            if len(tables) == 2:
                corpus.cached(other, lambda: tables[not pronouns])
            return tables[pronouns]

        return corpus.cached(key, build).copy()
    return _find_mentions(corpus, codebook, roles, pronouns)


def _find_mentions(corpus, codebook, roles, pronouns) -> pd.DataFrame:
    return _find_mentions_variants(corpus, codebook, roles, (pronouns,))[pronouns]


def _find_mentions_variants(corpus, codebook, roles, variants, remember: bool = False) -> dict:
    """The mention table for each ``pronouns`` value in ``variants``, from one pass of the
    name matcher (pronoun linking only adds rows to the names found). The actors found
    outside the codebook are remembered for :func:`discovered_actors`."""

    m = matcher(codebook)
    paragraphs = corpus.paragraphs[corpus.paragraphs["role"].isin(roles)]
    rows: dict = {v: [] for v in variants}
    found: list[tuple] = []
    sentences_of = rows_by_article(corpus.sentences, ["start", "sent_id"])
    paras_of = rows_by_article(paragraphs, ["para_id", "role", "start", "end"])
    published = dict(zip(corpus.articles["article_id"], corpus.articles["published"].fillna("").astype(str)))
    for aid, paras in paras_of.items():
        raw = corpus.raw[aid]
        paras = sorted(paras, key=lambda p: p[2])  # reading order
        sents = sorted(sentences_of.get(aid, []))
        sent_starts = [s for s, _ in sents]
        sent_ids = [i for _, i in sents]
        article = resolve_article(raw, paras, sent_starts, m, published.get(aid, ""))
        names, meta = article.rows, article.meta
        found.extend(_discovered_rows(aid, raw, article, sent_starts))
        view = cast(Matcher, _MatcherView(m, meta))
        for variant in variants:
            resolved = names
            if variant:
                resolved = _add_pronouns(names, raw, paras, sent_starts, view, inside_quotes=variant == "all")
            for start, end, actor, method, para_id, role in resolved:
                det = re.match(r"[Tt]he\s+", raw[start:end])
                if det and method != "full name":
                    start += det.end()  # a determiner is not part of the mention
                i = bisect.bisect_right(sent_starts, start) - 1
                sent_id = sent_ids[i] if i >= 0 else None
                side, kind, in_codebook = meta[actor]
                rows[variant].append(
                    (aid, para_id, sent_id, start, end, raw[start:end], actor, method, side, kind, role, in_codebook)
                )
    if remember:
        corpus.remember(f"{DISCOVERED_MEMO_PREFIX}{tuple(roles)}", _discovered_table(found))
    return {variant: _mention_table(rows[variant], corpus) for variant in variants}


def _mention_table(rows: list[tuple], corpus) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=[c for c in MENTION_COLUMNS if c != "in_title"])
    table.insert(MENTION_COLUMNS.index("in_title"), "in_title", _in_title_flags(table, corpus))
    order = {aid: i for i, aid in enumerate(corpus.raw)}
    table = table.sort_values(["article_id", "start"], key=lambda s: s.map(order) if s.name == "article_id" else s)
    table = table.reset_index(drop=True)
    for col in ("para_id", "sent_id", "start", "end"):
        table[col] = table[col].astype(int)
    table["in_title"] = table["in_title"].astype(bool)
    table["in_codebook"] = table["in_codebook"].astype(bool)
    return table[MENTION_COLUMNS]


class _MatcherView:
    """The codebook's matcher with the kinds of the actors found outside it (for pronoun linking)."""

    def __init__(self, m: Matcher, meta: dict[str, tuple[str, str, bool]]):
        self._m = m
        self.kind = {**m.kind, **{actor: kind for actor, (_, kind, _) in meta.items()}}

    def __getattr__(self, name):
        return getattr(self._m, name)


#: ``corpus.cached`` keys of :func:`discovered_actors` start with this
DISCOVERED_MEMO_PREFIX = "actors.discovered:"


DISCOVERED_COLUMNS = [
    "article_id",
    "actor",
    "kind",
    "side",
    "surname",
    "titles",
    "n_mentions",
    "start",
    "end",
    "sentence",
]


def _discovered_rows(aid: str, raw: str, article, sent_starts: list[int]) -> list[tuple]:
    counts = Counter(r[2] for r in article.rows)
    out = []
    for ent in article.entities:
        if not counts.get(ent.name):
            continue
        s, e = ent.spans[0]
        i = bisect.bisect_right(sent_starts, s) - 1
        lo = sent_starts[i] if i >= 0 else 0
        hi = sent_starts[i + 1] if i + 1 < len(sent_starts) else len(raw)
        sentence = " ".join(raw[lo:hi].split())
        out.append((aid, ent.name, ent.kind, ent.side, ent.surname, ent.title_text(), counts[ent.name], s, e, sentence))
    return out


def _discovered_table(rows: list[tuple]) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=DISCOVERED_COLUMNS)
    for col in ("n_mentions", "start", "end"):
        table[col] = table[col].astype(int)
    return table


def discovered_actors(corpus, roles: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The people and organisations each article names that the codebook lacks.

    One row per article and actor (columns :data:`DISCOVERED_COLUMNS`): the name as the
    article prints it in full, kind (person or institution), side (inferred from the titles
    and affiliations printed with it: US, China, Other, or Unknown), surname, titles (the
    descriptions seen, ``|``-joined), n_mentions in that article (full name and bare family
    name), the offsets of the first full name and its sentence. They are the rows of
    :func:`find_mentions` with ``in_codebook`` False. Memoised on the corpus.
    """
    roles = tuple(roles or MENTION_ROLES)
    key = f"{DISCOVERED_MEMO_PREFIX}{roles}"
    table = corpus.recall(key)
    if table is None:
        _find_mentions_variants(corpus, load_codebook(corpus=corpus), roles, (False,), remember=True)
        table = corpus.recall(key)
    return table.copy()


_SPEECH = re.compile(
    r"^\W{0,3}\s*(?:\([^()]*\)\s*)?(?:said|says|told|added|stated|explained|noted|argued|warned|wrote|tweeted)\b"
)


def _add_pronouns(resolved, raw, paras, sent_starts, m: Matcher, inside_quotes: bool = False):
    """Link third-person pronouns to a person.

    ``paras`` are the article's (para_id, role, start, end) in reading order and
    ``sent_starts`` its sentences' start offsets, ascending. A pronoun outside quotation
    marks looks only at people named outside quotation marks.
    The antecedent is the first person named earlier in the same sentence (the subject,
    usually); else, in the nearest earlier sentence naming someone, the person attached
    to a speech verb ("Kritenbrink said", "said Glaser") or failing that the first one;
    no more than two paragraphs back.

    Time is linear in the article (plus a logarithm per pronoun): people are indexed by
    sentence once, the nearest earlier sentence naming someone is found by bisection, and
    each sentence's antecedent is chosen once however many pronouns point at it.
    """
    masks = {pid: quote_mask(raw[p0:p1]) for pid, _, p0, p1 in paras}
    starts = {pid: p0 for pid, _, p0, _ in paras}

    def sentence_of(pos):
        return bisect.bisect_right(sent_starts, pos) - 1

    def quoted(pos, para_id):
        mask = masks.get(para_id)
        return bool(mask) and mask[min(pos - starts[para_id], len(mask) - 1)]

    def speaking(r):
        after = raw[r[1] : r[1] + 40]
        before = raw[max(0, r[0] - 12) : r[0]]
        return bool(_SPEECH.match(after)) or bool(re.search(r"\bsaid\s+$", before))

    # people (in order of offset) by sentence, in two pools: [0] named outside quotation
    # marks, for pronouns outside them; [1] everyone, for pronouns inside them
    by_sentence: tuple[dict[int, list], dict[int, list]] = ({}, {})
    for r in resolved:
        if m.kind[r[2]] == "person":
            k = sentence_of(r[0])
            by_sentence[1].setdefault(k, []).append(r)
            if not quoted(r[0], r[4]):
                by_sentence[0].setdefault(k, []).append(r)
    naming = tuple(sorted(k for k in pool if k >= 0) for pool in by_sentence)
    chosen: dict[tuple[int, int], tuple] = {}

    def nearest_earlier(pool: int, k: int):
        """The antecedent offered by the nearest sentence before ``k`` naming someone in ``pool``."""
        i = bisect.bisect_left(naming[pool], k) - 1
        if i < 0:
            return None
        j = naming[pool][i]
        if (pool, j) not in chosen:
            here = by_sentence[pool][j]
            chosen[pool, j] = next((r for r in here if speaking(r)), here[0])
        return chosen[pool, j]

    para_order = {pid: i for i, (pid, _, _, _) in enumerate(paras)}
    out = list(resolved)
    for para_id, role, p_start, p_end in paras:
        text = raw[p_start:p_end]
        mask = masks[para_id]
        for match in re.finditer(r"\b(?:[Hh]e|[Ss]he|[Hh]im|[Hh]is|[Hh]er)\b", text):
            in_quote = mask[match.start()]
            if in_quote and not inside_quotes:
                continue
            start = p_start + match.start()
            pool = 1 if in_quote else 0
            k = sentence_of(start)
            same = by_sentence[pool].get(k)
            antecedent = same[0] if same and same[0][0] < start else None
            if antecedent is None and k > 0:
                antecedent = nearest_earlier(pool, k)
            if antecedent is None or para_order[para_id] - para_order.get(antecedent[4], -99) > 2:
                continue
            out.append((start, p_start + match.end(), antecedent[2], "pronoun", para_id, role))
    out.sort(key=lambda r: r[0])
    return out


#: A sentence or paragraph ending between two mentions: a full stop after a lower-case word, or a line break.
_SENTENCE_BREAK = re.compile(r"[a-z][.!?][\u201d\"]?\s+[A-Z]|\n")


def _in_title_flags(table: pd.DataFrame, corpus) -> list[bool]:
    """True for an institution named inside a person's title or appositive."""
    flags = [False] * len(table)
    if table.empty:
        return flags
    gap_ok = re.compile(r"(?:\s+|[\u2019']s\s+)(?:(?:[A-Z][\w.\-]*|" + "|".join(sorted(TITLE_WORDS)) + r")\s+){0,6}$")
    appositive = re.compile(r"(?:\s*\([^()]*\))?,\s+(?:(?:the|a|an|[a-z][\w\-]*)\b[^,;:\u201c\u201d\"()]*)?")
    rows = list(
        zip(range(len(table)), table["article_id"], table["start"], table["end"], table["kind"], table["method"])
    )
    by_article: dict[str, list] = {}
    for row in rows:
        by_article.setdefault(row[1], []).append(row)
    for aid, items in by_article.items():
        raw = corpus.raw[aid]
        for pos, (i, _, start, end, kind, _) in enumerate(items):
            if kind != "institution":
                continue
            # (a) before a person's name: "State Department spokesperson Matthew Miller"
            for k in items[pos + 1 : pos + 3]:
                if k[4] == "person" and k[5] != "pronoun":
                    gap = raw[end : k[2]]
                    if len(gap) < 80 and gap_ok.fullmatch(gap):
                        flags[i] = True
                    break
            # (b) inside an appositive after a person's name: "Kurt Campbell, the White House's ..."
            for k in reversed(items[max(0, pos - 3) : pos]):
                if k[4] == "person" and k[5] != "pronoun":
                    between = raw[k[3] : start]  # within one sentence: "... in Washington. The Chinese ..." is not
                    if len(between) < 200 and appositive.fullmatch(between) and not _SENTENCE_BREAK.search(between):
                        flags[i] = True
                    break
    return flags


_STOP = set(
    """
    The A An In On At For And But Or Of To From By With As After Before During While When Where
    This That These Those It Its He She They We I You Our Their His Her Some Both Each Any All No
    Also However Despite Since Until Later Earlier Meanwhile Still Yet Then Now Today Instead
    Although Because If According Asked Last Next Many Most Other Such What Who Why How There Here We’re We're It’s It's I'm I’m Shortly Speaking Separately Having One Two Three Chinese American
    U.S. US Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Mr. Mrs. Ms. Dr. Sen. Rep. Gen. Yes Absolutely
    Secretary Minister Foreign Defense Commerce Treasury President Chairman Director Coordinator
    Assistant Spokesperson Adviser National Security Affairs Ministry State Senior Officials Official
    """.split()
)


def unknown_names(corpus, codebook: pd.DataFrame | None = None, roles: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Capitalised name candidates in the analysed text that no codebook actor covers.

    A candidate is a run of capitalised words (allowing "of", "the", "and" inside, as in
    "German Marshall Fund of the United States") that does not overlap a mention, after
    title words and sentence openers are trimmed (a word the corpus also writes in lower
    case, or a common function word). Returns a DataFrame:
    name, n (occurrences), n_articles, article_id, start, end (the first occurrence),
    sentence (its sentence), sorted by n descending. Places ("Beijing") appear too: the
    list is for a person extending the codebook to read, not a list of actors.
    """

    roles = tuple(roles or ANALYSED_ROLES)
    m = matcher(codebook if codebook is not None else load_codebook(corpus=corpus))
    word = r"[A-Z][\w\u2019'.\-]*[\w.]|[A-Z]"
    run = re.compile(rf"(?:{word})(?:\s(?:of\s(?:the\s)?|de\s|van\s|von\s|al-)?(?:{word}))*")
    found: dict[str, dict] = {}
    sentences = corpus.sentences[corpus.sentences["role"].isin(roles)]
    lower_words = {w for text in sentences["text"] for w in re.findall(r"\b[a-z][a-z\-]+\b", text)}
    for sent in sentences.itertuples(index=False):
        words = re.findall(r"[A-Za-z][\w\u2019'\-]*", sent.text)
        caps = sum(w[0].isupper() for w in words) / len(words) if words else 0.0
        if caps >= 0.75 or (sent.role == "headline" and caps >= 0.5):
            continue  # a title-case headline: every word is capitalised, so capitals say nothing
        spans = [(sent.start + s, sent.start + e) for s, e, _ in m.spans(sent.text)]
        for match in run.finditer(sent.text):
            start = sent.start + match.start()
            tokens = [(start + t.start(), start + t.end(), t.group(0)) for t in re.finditer(r"\S+", match.group(0))]
            free = [t for t in tokens if not any(s < t[1] and t[0] < e for s, e in spans)]
            # contiguous pieces of tokens that are not covered
            pieces, current = [], []
            for t in tokens:
                if t in free:
                    current.append(t)
                else:
                    if current:
                        pieces.append(current)
                    current = []
            if current:
                pieces.append(current)
            for piece in pieces:
                while piece and (piece[0][2].rstrip(".,") in _STOP or piece[0][2] in ("of", "the", "and")):
                    piece = piece[1:]
                while piece and (piece[-1][2].rstrip(",") in _STOP or piece[-1][2] in ("of", "the", "and")):
                    piece = piece[:-1]
                if piece and not re.search(r"\w", corpus.raw[sent.article_id][sent.start : piece[0][0]]):
                    if piece[0][2].lower().strip(".,") in lower_words:
                        piece = piece[1:]  # a sentence opener that the corpus also writes in lower case
                if not piece:
                    continue
                s, e = piece[0][0], piece[-1][1]
                name = re.sub(r"[\u2019']s$", "", corpus.raw[sent.article_id][s:e]).rstrip(".,")
                name = re.sub(r"\s+", " ", name)
                if len(name) < 2 or not re.search(r"[a-z]", name) and len(name) < 3:
                    continue
                first_in_sentence = not re.search(r"\w", corpus.raw[sent.article_id][sent.start : s])
                entry = found.setdefault(name, {"n": 0, "articles": set(), "first": None, "mid": False})
                entry["n"] += 1
                entry["articles"].add(sent.article_id)
                entry["mid"] |= not first_in_sentence or " " in name
                if entry["first"] is None:
                    entry["first"] = (sent.article_id, s, s + len(name), sent.text)
    rows = [
        (name, v["n"], len(v["articles"]), *v["first"][:3], " ".join(v["first"][3].split()))
        for name, v in found.items()
        if v["mid"]
    ]
    table = pd.DataFrame(rows, columns=["name", "n", "n_articles", "article_id", "start", "end", "sentence"])
    return table.sort_values(["n", "name"], ascending=[False, True]).reset_index(drop=True)


def surname_coverage(corpus, surnames: Iterable[str], mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """For each surname, how many of its whole-word occurrences in the raw text lie inside a mention.

    Counts every occurrence in every paragraph (furniture included, so the figure is
    honest about what the analysed roles leave out). Returns a DataFrame: surname,
    occurrences, in_mentions, share, actors (the actors those mentions resolved to).
    """
    mentions = find_mentions(corpus) if mentions is None else mentions
    rows = []
    for surname in surnames:
        occ, hit, actors = 0, 0, set()
        for aid, raw in corpus.raw.items():
            spans = mentions[mentions["article_id"] == aid]
            for match in re.finditer(rf"(?<![\w]){re.escape(surname)}(?![\w])", raw):
                occ += 1
                inside = spans[(spans["start"] <= match.start()) & (spans["end"] >= match.end())]
                if len(inside):
                    hit += 1
                    actors.update(inside["actor"])
        rows.append((surname, occ, hit, hit / occ if occ else float("nan"), "; ".join(sorted(actors))))
    return pd.DataFrame(rows, columns=["surname", "occurrences", "in_mentions", "share", "actors"])


def codebook_table(corpus) -> pd.DataFrame:
    """The codebook used for ``corpus`` (export entry ``actors``), with each actor's mention count."""
    return codebook_with_counts(mention_counts(corpus), corpus)


def mention_counts(corpus) -> Counter:
    """Mentions per actor in ``corpus`` (:func:`find_mentions`); counts of parts add up."""
    return Counter(find_mentions(corpus)["actor"].tolist())


#: the ``corpus.cached`` key of :func:`mention_side_counts`
SIDE_COUNTS_MEMO_KEY = "mentions.side_counts"


def mention_side_counts(corpus) -> Counter:
    """Mentions per side in ``corpus`` (:func:`find_mentions`' ``side`` column), memoised; counts
    of parts add up, so an engine that splits a corpus sums its partitions' counts."""
    return corpus.cached(SIDE_COUNTS_MEMO_KEY, lambda: Counter(find_mentions(corpus)["side"].tolist()))


def codebook_with_counts(counts: Counter, corpus) -> pd.DataFrame:
    """The codebook used for ``corpus`` with an ``n_mentions`` column from ``counts``."""
    book = load_codebook(corpus=corpus)
    return book.assign(n_mentions=[int(counts.get(actor, 0)) for actor in book["actor"].tolist()])
