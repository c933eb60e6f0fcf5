"""Build a synthetic corpus of N articles from the seeds, reproducibly from a seed.

    python benchmarks/generate_corpus.py --n 1000 [--seed 7] [--out benchmarks/corpora/n1000-s7]
    python benchmarks/generate_corpus.py --rates benchmarks/corpora/n1000-s7   # measure a corpus

Every synthetic article is made of the seeds' analysed paragraphs (headline, dek, body,
caption), resampled and recombined:

* **Structure.** A headline, sometimes a dek, a byline, a printed date, body paragraphs
  (as many as a seed article has, drawn from the seeds' own counts), sometimes a caption
  and a line of page furniture, so the loader's role rules are exercised too.
* **Recombination.** A body paragraph is a seed paragraph, or (with probability
  ``--mix``) the first sentences of one seed paragraph joined to the last sentences of
  another.
* **Actors.** Each story draws its own cast: every person, institution and group of
  ``data/actors.csv`` is rotated to another entry of the same kind and side (Blinken may
  become Sullivan, the White House the Pentagon), so mentions, speakers and co-mention
  edges spread over the codebook instead of repeating the seeds' five casts.
* **Wording.** Each seed sentence is cut once into a template of fixed text and slots,
  and every slot is refilled each time the sentence is used. Fixed: punctuation and
  quotation marks, "according to", pronouns, negations, contractions and titles (what
  quote attribution and sentiment read). Actors: a person's name follows the story's
  cast; an alias ("the Chinese foreign minister", "officials") or an institution's name
  becomes a form of the actor the cast puts in its place, of the same shape (a
  descriptor for a descriptor; names of more than four words are not used), so every
  mention stays a mention. Slots replaced with probability ``--vary``: content words,
  by a content word of the seeds drawn in proportion to its frequency; cues of the
  topic and frame codebooks and terms of the diplomatic lexicon ("spy balloon",
  "econom*", "constructive"), by another cue, as a whole; proper nouns ("Beijing",
  "United States"), by another proper noun. With probability ``--vary-function``:
  function words (articles, prepositions and conjunctions, auxiliaries, question words,
  quantifiers, object pronouns), by one of the same kind by frequency, and reporting
  verbs by another reporting verb that :mod:`readout.analysis.quotes` reads as a cue (all
  equally likely: by frequency nearly every one would be "said"). A replacement is
  never the word it replaces. Weekdays, months and digits always change. So two stories
  built from the same seed sentence rarely agree on eight words in a row (independent
  reports rarely do), while the rates of mentions, quotations, cue words and lexicon
  words per article stay close to the seeds'.
* **Reuse.** Articles are grouped into stories (sizes geometric, mean ``--story-size``).
  The first article of a story is the wire original; the others carry a run of its
  paragraphs word for word (a share ``--reuse`` of their body) and write the rest
  themselves, as outlets that run wire copy do.

The folder gets ``syn000000.txt`` ... and an ``articles.csv`` (metadata as
``data/articles.csv``: outlet, outlet_kind, headline, byline, published, date_basis,
wire_credits; a copy credits its story's wire original) plus ``generator.json``
recording the parameters. The same arguments give byte-identical files; a folder made
with the same parameters is reused, not rebuilt.

``--rates FOLDER ...`` prints the README's rates table for corpora made here (``seeds`` for
the seeds; :func:`rates_table`): sentences, words, mentions and quotations per article,
reuse rows per article, and the share of article pairs of one story and of different
stories that share a passage (:func:`readout.analysis.reuse.find_reuse`).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "lib"))

DEFAULTS = {"seed": 7, "mix": 0.35, "vary": 0.9, "vary_function": 0.8, "story_size": 3.0, "reuse": 0.5}

# Lower-case words that carry what the analyses read: never replaced (pronouns resolve
# quotes, negations turn sentiment, titles precede names).
_KEEP = set("i we you he she it they not no nor never without but mr mrs ms dr".split())
# Function words by kind: a replaced one is drawn from its own kind. Reporting verbs (the
# forms readout.analysis.quotes reads as cues) are added by form in _reporting_verbs.
_FUNCTION = {
    "det": "the a an this that these those",
    # conjunctions go with prepositions: a kind of two would swap "and" and "or" predictably
    "prep": "of in on at to for from by with about into onto over under after before between "
    "through during against among since until within across toward towards amid upon and or",
    "aux": "is am are was were be been being has have had having do does did will would shall "
    "should can could may might must",
    "wh": "which who whom whose what when where why how whether if while as than",
    "quant": "all some any each every both either neither other another such own same few many much",
    "pron": "me my us our your him his her its them their",
    # nouns readout.analysis.quotes reads as an unnamed speaker ("a spokesperson said")
    "speaker": "official spokesperson spokesman spokeswoman diplomat aide",
    "speakers": "officials diplomats aides",
}
_EVEN_KINDS = ("speaker", "speakers")  # drawn evenly, as reporting verbs
_FUNCTION_KIND = {w: kind for kind, words in _FUNCTION.items() for w in words.split()}
_VERB_KINDS = ("verb-ed", "verb-s", "verb-ing", "verb")


def _reporting_verbs() -> dict[str, str]:
    """The reporting verbs of :mod:`readout.analysis.quotes`, by form: said/told, says, saying, say."""
    from readout.analysis.quote_cues import VERBS

    out = {}
    for verb in VERBS.split("|"):
        kind = (
            "verb-ing"
            if verb.endswith("ing")
            else "verb-s"
            if verb.endswith("s")
            else ("verb-ed" if verb.endswith(("ed", "id", "ld", "te", "ote")) else "verb")
        )
        out[verb] = kind
    return out


_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_MONTHS = "January February March April May June July August September October November December".split()
_WORD_RE = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+(?:['’\-‐‑][^\W_]+)*")
_POSSESSIVE = ("’s", "'s")
_MAX_FORM_WORDS = 4  # an actor is named by forms of at most this many words (or its shortest)
_MAX_ROTATED_WORDS = 3  # and takes part in the story casts if it has a form this short
_DATE_FMT = "%B %d, %Y"
_SEED_OUTLETS = [
    ("Wire Service", "news agency"),
    ("Public Broadcaster", "US government-funded broadcaster"),
    ("Policy Newsletter", "policy newsletter"),
    ("Business Daily", "business news"),
    ("Regional Paper", "newspaper"),
]

# Kinds of template piece: fixed text, a person's name (rotated with the cast), a form of an
# actor (an alias, or an institution's name), and slots refilled from a table of the seeds.
_LIT, _NAME, _ALIAS, _CONTENT, _FUNC, _CUE, _PROPER, _DIGITS, _DAY, _MONTH = range(10)
_TABLE_OF = {_CONTENT: "content", _CUE: "cue", _PROPER: "proper"}


def _short_name(actor: str, aliases: str) -> str:
    """The one-word form of a person's name the codebook lists (Blinken, Qin), else the last word."""
    words = actor.split()
    for alias in aliases.split("|"):
        if alias in words:
            return alias
    return words[-1]


def _alternation(words) -> str:
    alts = "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
    return rf"(?<![\w-])(?:{alts})(?![\w-])"


def _aliases(codebook) -> tuple[dict[str, str], dict[str, dict[tuple[bool, bool], list[str]]]]:
    """The actor of every alias held by one actor, and the forms to name each actor by.

    An alias with a lower-case first letter ("officials") also stands for its capitalised
    form at the start of a sentence. An actor's forms are keyed by (descriptor, leading
    "the"): descriptors are "the Chinese foreign minister", "officials" (lower-case last
    word), names are the canonical name, "Secretary Blinken", "NSC". A name form gains
    or loses a leading "the" to fit where it goes (a leading "the" is never part of a
    mention). One-word surnames shared by several actors ("Wang") are left out.
    """
    holders: dict[str, set[str]] = {}
    for row in codebook.itertuples(index=False):
        for alias in row.aliases.split("|"):
            if alias.strip():
                holders.setdefault(alias, set()).add(row.actor)
    actor_of = {alias: next(iter(h)) for alias, h in holders.items() if len(h) == 1}
    for alias, actor in list(actor_of.items()):
        if alias[0].islower():
            actor_of.setdefault(alias[0].upper() + alias[1:], actor)
    forms: dict[str, dict[tuple[bool, bool], list[str]]] = {}
    for row in codebook.itertuples(index=False):
        mine = [row.actor] + [a for a in row.aliases.split("|") if holders.get(a) == {row.actor}]
        # Long official names ("Ministry of Foreign Affairs of the People's Republic of
        # China") would be a shared passage with a word or two around them: name actors by
        # their short forms.
        size = {a: len(_WORD_RE.findall(a)) for a in mine}
        mine = [a for a in mine if size[a] <= max(_MAX_FORM_WORDS, min(size.values()))]
        table: dict[tuple[bool, bool], list[str]] = {}
        for desc in (True, False):
            group = [a for a in mine if _is_descriptor(a) == desc]
            with_the = [
                a if a.startswith("the ") else "the " + a for a in group if not a.split()[0].endswith(_POSSESSIVE)
            ]
            bare = [a for a in group if not a.startswith("the ")]
            bare += [a[4:] for a in group if a.startswith("the ") and a[4:] in mine]
            table[(desc, True)] = sorted(set(with_the))
            table[(desc, False)] = sorted(set(bare)) or sorted(set(with_the))
        forms[row.actor] = table
    return actor_of, forms


def _is_descriptor(alias: str) -> bool:
    words = alias.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return bool(words) and words[-1][0].islower()


def _cue_pattern() -> re.Pattern:
    """The cues of the topic and frame codebooks and the terms of the diplomatic lexicon."""
    from readout.analysis.frames import load_frames
    from readout.analysis.sentiment import load_diplomatic_lexicon
    from readout.analysis.topics import load_topics
    from readout.text.cues import cue_pattern
    from readout.text.cues import split_cell as _split

    cues = []
    for cell in [*load_topics()["cues"], *load_frames()["cue_terms"]]:
        cues += _split(cell)
    cues += load_diplomatic_lexicon()["term"].tolist()
    parts = [
        cue_pattern(c.replace("[", "").replace("]", "")).pattern for c in sorted(set(cues), key=lambda c: (-len(c), c))
    ]
    return re.compile("|".join(parts), re.IGNORECASE)


class _Templates:
    """Seed sentences cut into pieces: fixed text, and slots refilled at each use."""

    def __init__(self, codebook):
        names = set(codebook["actor"])
        persons = codebook[codebook["kind"] == "person"]
        names |= {_short_name(r.actor, r.aliases) for r in persons.itertuples(index=False)}
        self.name_re = re.compile(_alternation(names))
        self.actor_of, self.forms = _aliases(codebook)
        self.bodies = set(codebook.loc[codebook["kind"] != "person", "actor"])  # institutions, groups
        self.alias_re = re.compile(_alternation(self.actor_of))
        self.cue_re = _cue_pattern()
        self.according_re = re.compile(r"(?<![\w-])[Aa]ccording to(?![\w-])")
        self.kind_of = dict(_FUNCTION_KIND) | _reporting_verbs()
        self.lower_content: set[str] = set()

    def cut(self, sentence: str) -> list[tuple]:
        """Pieces of one sentence: ``(kind, text, extra)``, extra the actor of an alias, else
        whether the word was capitalised."""
        pieces: list[tuple] = []
        pos = 0
        for m in self.name_re.finditer(sentence):
            self._cut_free(sentence[pos : m.start()], pieces)
            name = m.group(0)
            # an institution or group is named like its aliases: by any of its forms
            pieces.append((_ALIAS, name, name) if name in self.bodies else (_NAME, name, False))
            pos = m.end()
        self._cut_free(sentence[pos:], pieces)
        # A capitalised word right before a name is its title ("Secretary Blinken"): keep it.
        for k in range(len(pieces) - 2):
            if (
                pieces[k][0] == _CONTENT
                and pieces[k][2]
                and pieces[k + 1] == (_LIT, " ", False)
                and pieces[k + 2][0] in (_NAME, _ALIAS)
            ):
                pieces[k] = (_LIT, pieces[k][1], False)
        return pieces

    def _cut_free(self, text: str, pieces: list) -> None:
        """Aliases and "according to" stay as printed; cues become cue slots; then words."""
        pos = 0
        for m in self._fixed(text):
            self._cut_cues(text[pos : m.start()], pieces)
            alias = m.group(0)
            pieces.append((_ALIAS, alias, self.actor_of[alias]) if alias in self.actor_of else (_LIT, alias, False))
            pos = m.end()
        self._cut_cues(text[pos:], pieces)

    def _fixed(self, text: str):
        found = sorted(
            list(self.alias_re.finditer(text)) + list(self.according_re.finditer(text)),
            key=lambda m: (m.start(), -m.end()),
        )
        end = -1
        for m in found:
            if m.start() >= end:
                yield m
                end = m.end()

    def _cut_cues(self, text: str, pieces: list) -> None:
        pos = 0
        for m in self.cue_re.finditer(text):
            self._cut_words(text[pos : m.start()], pieces)
            pieces.append((_CUE, m.group(0), m.group(0)[0].isupper()))
            pos = m.end()
        self._cut_words(text[pos:], pieces)

    def _cut_words(self, text: str, pieces: list) -> None:
        pos = 0
        for m in _WORD_RE.finditer(text):
            if m.start() > pos:
                pieces.append((_LIT, text[pos : m.start()], False))
            w = m.group(0)
            if m.start() > 0 and text[m.start() - 1] in "'’":
                # the "s" of a name's possessive ("Blinken’s") is not a word of its own
                pieces.append((_LIT, w, False))
            elif w.endswith(_POSSESSIVE) and w[0].isupper():
                pieces.append(self._word(w[:-2]))
                pieces.append((_LIT, w[-2:], False))
            else:
                pieces.append(self._word(w))
            pos = m.end()
        if pos < len(text):
            pieces.append((_LIT, text[pos:], False))

    def _word(self, w: str) -> tuple:
        low = w.lower()
        cap = w[0].isupper()
        if any(ch.isdigit() for ch in w):
            return (_DIGITS, w, False)
        if "'" in w or "’" in w or low in _KEEP:
            return (_LIT, w, False)
        if w.isupper() and len(w) > 1:
            return (_PROPER, w, False)  # US, PRC, U.S.
        if w in _DAYS:
            return (_DAY, w, False)
        if w in _MONTHS:
            return (_MONTH, w, False)
        if low in self.kind_of and (w == low or w == low.capitalize()):
            return (_FUNC, w, cap)
        if w == low:
            self.lower_content.add(w)
            return (_CONTENT, w, False)
        if w == low.capitalize():
            return (_CONTENT, w, True)  # decided in resolve: a content word, or a proper noun
        return (_PROPER, w, False)

    def resolve(self, pieces: list[tuple]) -> list[tuple]:
        """Capitalised words never seen in lower case are proper nouns: fixed text.

        Adjacent fixed pieces are joined, so that rendering is one pass over slots.
        """
        out: list[tuple] = []
        for kind, text, cap in pieces:
            if kind == _CONTENT and cap and text.lower() not in self.lower_content:
                kind, cap = _PROPER, False
            if kind == _PROPER and len(out) > 1 and out[-1] == (_LIT, " ", False) and out[-2][0] == _PROPER:
                out.pop()  # "United States", "Myrtle Beach": one proper noun
                out[-1] = (_PROPER, out[-1][1] + " " + text, False)
            elif kind == _LIT and out and out[-1][0] == _LIT:
                out[-1] = (_LIT, out[-1][1] + text, False)
            else:
                out.append((kind, text, cap))
        return out


def _load_seed_material():
    """Sentence templates by role, per-article body counts, vocabularies and codebook from the seeds."""
    import pandas as pd

    from readout.corpus.loading import load_corpus
    from readout.paths import DATA_DIR

    corpus = load_corpus()
    codebook = pd.read_csv(DATA_DIR / "actors.csv", dtype=str, keep_default_na=False)
    templates = _Templates(codebook)
    paras = corpus.paragraphs
    by_para: dict[tuple[str, int], list[str]] = {}
    for aid, pid, text in zip(corpus.sentences["article_id"], corpus.sentences["para_id"], corpus.sentences["text"]):
        by_para.setdefault((aid, int(pid)), []).append(" ".join(text.split()))
    raw_pools: dict[str, list[list[list[tuple]]]] = {"headline": [], "dek": [], "body": [], "caption": []}
    for row in paras.itertuples(index=False):
        if row.role in raw_pools:
            sentences = by_para.get((row.article_id, int(row.para_id))) or [" ".join(row.text.split())]
            raw_pools[row.role].append([templates.cut(s) for s in sentences])
    pools = {role: [[templates.resolve(s) for s in para] for para in paras_] for role, paras_ in raw_pools.items()}
    content: dict[str, int] = {}
    cues: dict[str, int] = {}
    proper: dict[str, int] = {}
    function: dict[str, dict[str, int]] = {kind: {} for kind in list(_FUNCTION) + list(_VERB_KINDS)}
    for role in ("body", "headline", "dek"):
        for para in pools[role]:
            for sentence in para:
                for kind, text, _ in sentence:
                    if kind == _CONTENT:
                        content[text.lower()] = content.get(text.lower(), 0) + 1
                    elif kind == _CUE:
                        cues[text] = cues.get(text, 0) + 1
                    elif kind == _PROPER:
                        proper[text] = proper.get(text, 0) + 1
                    elif kind == _FUNC:
                        w = text.lower()
                        bucket = function[templates.kind_of[w]]
                        bucket[w] = bucket.get(w, 0) + 1
    furn = corpus.furniture()
    # lines a rule of data/page_furniture.csv removes wherever they stand
    furniture = [
        " ".join(t.split())
        for t, basis in zip(furn["text"], furn["role_basis"])
        if len(t) < 80 and basis.startswith("rule:")
    ]
    body_counts = paras[paras["role"] == "body"].groupby("article_id").size().tolist()
    tables = {"content": _draw_table(content), "cue": _draw_table(cues), "proper": _draw_table(proper)}
    tables.update({kind: _draw_table(v) for kind, v in function.items()})
    # Reporting verbs are drawn evenly from their form: by frequency nearly every one would
    # become "said".
    for kind in _VERB_KINDS + _EVEN_KINDS:
        tables[kind] = sorted(w for w, k in templates.kind_of.items() if k == kind)
    return pools, furniture, body_counts, tables, codebook, templates.forms, templates.kind_of


def _draw_table(counts: dict[str, int]) -> list[str]:
    """Every word repeated as often as it was counted: a uniform pick draws by frequency."""
    return [w for w in sorted(counts) for _ in range(counts[w])]


def _cast(codebook, rng: random.Random) -> dict[str, str]:
    """A rotation of actors within each (kind, side): canonical and surname forms.

    An actor known only by long names ("Explosive Ordnance Disposal Group 2", "House
    Financial Services Committee") is played by another actor of its kind and side and
    plays no one: cast into every story, each of its forms would be a shared passage with
    a word or two around it.
    """
    mapping: dict[str, str] = {}
    for (_, _), group in sorted(codebook.groupby(["kind", "side"]), key=lambda kv: kv[0]):
        names = sorted(group["actor"])
        movable = sorted(a for a, aliases in zip(group["actor"], group["aliases"]) if _has_short_form(a, aliases))
        shuffled = movable[:]
        rng.shuffle(shuffled)
        for old, new in zip(movable, shuffled):
            mapping[old] = new
        for old in names:
            if old not in mapping and movable:
                mapping[old] = movable[int(rng.random() * len(movable))]
        if group["kind"].iloc[0] == "person":
            short = {row.actor: _short_name(row.actor, row.aliases) for row in group.itertuples(index=False)}
            for old in names:
                old_short, new_short = short[old], short[mapping.get(old, old)]
                if old_short not in mapping:
                    mapping[old_short] = new_short
    return {k: v for k, v in mapping.items() if k != v}


def _has_short_form(actor: str, aliases: str) -> bool:
    return any(len(_WORD_RE.findall(a)) <= _MAX_ROTATED_WORDS for a in [actor] + aliases.split("|") if a.strip())


class Generator:
    def __init__(
        self,
        seed: int,
        mix: float,
        vary: float,
        story_size: float,
        reuse: float,
        vary_function: float = DEFAULTS["vary_function"],
    ):
        self.rng = random.Random(seed)
        self.mix, self.vary, self.vary_function = mix, vary, vary_function
        self.story_size, self.reuse = story_size, reuse
        (self.pools, self.furniture, self.body_counts, self.tables, self.codebook, self.forms, self.kind_of) = (
            _load_seed_material()
        )
        reporters = self.codebook[
            (self.codebook["kind"] == "person") & self.codebook["role"].str.contains("reporter|editor", case=False)
        ]
        self.reporters = sorted(reporters["actor"]) or ["Staff"]

    def _draw(self, table: list[str], old: str) -> str:
        """A word of ``table`` by frequency, other than ``old`` (three tries)."""
        rand = self.rng.random
        for _ in range(3):
            w = table[int(rand() * len(table))]
            if w.lower() != old.lower():
                return w
        return w

    def _render(self, sentence: list[tuple], cast: dict[str, str]) -> str:
        """One use of a sentence template: fixed text as printed, every slot refilled."""
        rand = self.rng.random
        tables, vary, vary_function = self.tables, self.vary, self.vary_function
        out = []
        for kind, text, extra in sentence:  # extra: the actor of an alias, else "capitalised"
            if kind == _LIT:
                out.append(text)
            elif kind == _NAME:
                out.append(cast.get(text, text))
            elif kind == _ALIAS:
                # a form of the actor this story's cast puts in its place, shaped like the original
                forms = self.forms[cast.get(extra, extra)]
                the = text[:4].lower() == "the "
                descriptor = _is_descriptor(text)
                choice = forms[(descriptor, the)] or forms[(not descriptor, the)]
                w = choice[int(rand() * len(choice))]
                out.append(w[0].upper() + w[1:] if text[0].isupper() and text[1:2].islower() and w[0].islower() else w)
            elif kind == _DIGITS:
                out.append(
                    "".join(
                        str(int(rand() * 9) + 1)
                        if ch.isdigit() and (k == 0 and ch != "0")
                        else str(int(rand() * 10))
                        if ch.isdigit()
                        else ch
                        for k, ch in enumerate(text)
                    )
                )
            elif kind == _DAY:
                out.append(_DAYS[int(rand() * 7)])
            elif kind == _MONTH:
                out.append(_MONTHS[int(rand() * 12)])
            elif rand() >= (vary_function if kind == _FUNC else vary):
                out.append(text)
            else:
                table = tables[_TABLE_OF[kind] if kind != _FUNC else self.kind_of[text.lower()]]
                w = self._draw(table, text)
                out.append(w[0].upper() + w[1:] if extra else w)
        return "".join(out)

    def _paragraph(self, role: str, cast) -> str:
        rng = self.rng
        pool = self.pools[role] or self.pools["body"]
        first = rng.choice(pool)
        if role == "body" and len(first) > 1 and rng.random() < self.mix:
            second = rng.choice(pool)
            cut = rng.randint(1, len(first) - 1)
            keep = rng.randint(1, len(second)) if len(second) > 1 else 1
            pieces = first[:cut] + second[-keep:]
        else:
            pieces = first
        return " ".join(self._render(s, cast) for s in pieces)

    def _story(self):
        """A cast and a wire original's body for one story."""
        cast = _cast(self.codebook, self.rng)
        n = self.rng.choice(self.body_counts)
        body = [self._paragraph("body", cast) for _ in range(n)]
        return cast, body

    def article(self, index: int, story, wire: bool, day: date, outlet, wire_name: str):
        rng = self.rng
        cast, wire_body = story
        if wire:
            body = list(wire_body)
        else:
            n = rng.choice(self.body_counts)
            run = max(1, min(len(wire_body), round(n * self.reuse)))
            at = rng.randint(0, len(wire_body) - run)
            own = [self._paragraph("body", cast) for _ in range(max(0, n - run))]
            split = rng.randint(0, len(own))
            body = own[:split] + wire_body[at : at + run] + own[split:]
        headline = self._paragraph("headline", cast).rstrip(".")
        reporter = rng.choice(self.reporters)
        lines = [headline]
        if rng.random() < 0.3 and self.pools["dek"]:
            lines.append(self._paragraph("dek", cast))
        lines += [f"By {reporter}", day.strftime(_DATE_FMT)]
        lines += body
        if rng.random() < 0.3 and self.pools["caption"]:
            lines.insert(len(lines) - len(body) // 2, self._paragraph("caption", cast))
        if rng.random() < 0.3 and self.furniture:
            lines.append(rng.choice(self.furniture))
        text = "\n\n".join(lines) + "\n"
        meta = {
            "article_id": f"syn{index:06d}",
            "file": f"syn{index:06d}.txt",
            "outlet": outlet[0],
            "outlet_kind": outlet[1],
            "headline": headline,
            "byline": reporter,
            "published": day.isoformat(),
            "date_basis": "synthetic: printed date",
            "wire_credits": wire_name if not wire else "",
        }
        return text, meta

    def generate(self, n: int):
        rng = self.rng
        start = date(2023, 6, 10)
        index = 0
        story_no = 0
        while index < n:
            size = 1
            p = 1.0 / max(1.0, self.story_size)
            while rng.random() > p and size < 50:
                size += 1
            story = self._story()
            day = start + timedelta(days=rng.randint(0, 14))
            wire_name = f"Wire story {story_no:05d}"
            for k in range(min(size, n - index)):
                outlet = _SEED_OUTLETS[0] if k == 0 else rng.choice(_SEED_OUTLETS[1:])
                yield self.article(index, story, k == 0, day + timedelta(days=min(k, 2)), outlet, wire_name)
                index += 1
            story_no += 1


def _generator_hash() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]


def generate_corpus(
    n: int,
    out: str | Path | None = None,
    seed: int = DEFAULTS["seed"],
    *,
    mix: float = DEFAULTS["mix"],
    vary: float = DEFAULTS["vary"],
    vary_function: float = DEFAULTS["vary_function"],
    story_size: float = DEFAULTS["story_size"],
    reuse: float = DEFAULTS["reuse"],
    force: bool = False,
) -> Path:
    """Write ``n`` synthetic articles and their ``articles.csv`` into ``out``; return the folder.

    A folder already holding a corpus made by this generator with the same parameters is
    returned untouched (``force`` rebuilds it). Older ``.txt`` files in the folder are
    removed first. Raises ValueError for ``n < 1``.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    out = Path(out) if out else HERE / "corpora" / f"n{n}-s{seed}"
    params = {
        "n": n,
        "seed": seed,
        "mix": mix,
        "vary": vary,
        "vary_function": vary_function,
        "story_size": story_size,
        "reuse": reuse,
        "generator": _generator_hash(),
        "seeds": _seed_hash(),
    }
    stamp = out / "generator.json"
    if not force and stamp.exists() and json.loads(stamp.read_text()) == params:
        return out
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.txt"):
        old.unlink()
    gen = Generator(seed, mix, vary, story_size, reuse, vary_function)
    rows = []
    for text, meta in gen.generate(n):
        (out / meta["file"]).write_text(text, encoding="utf-8", newline="\n")
        rows.append(meta)
    with open(out / "articles.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    stamp.write_text(json.dumps(params, indent=1) + "\n")
    return out


def _seed_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted((ROOT / "seeds").glob("*.txt")) + [ROOT / "data" / "actors.csv", ROOT / "data" / "articles.csv"]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


# --------------------------------------------------------------------------- measured rates


def story_of(articles) -> dict[str, int]:
    """Story number of every article: a wire original (no wire credit) opens a story.

    Holds for corpora made here, whose articles are written story by story; the seeds
    are five reports of one event, one story.
    """
    out, story = {}, -1
    for aid, credit in zip(articles["article_id"], articles["wire_credits"].fillna("")):
        if not credit.startswith("Wire story ") or story < 0:
            story += 1
        out[aid] = story
    return out


def measure_rates(folder: str | Path | None = None, *, actors: bool = True) -> dict[str, float]:
    """The figures of the README's rates table for the corpus in ``folder`` (None: the seeds).

    Per article: ``sentences`` (all roles), ``words`` (analysed roles), ``mentions``
    (:func:`readout.analysis.mentions.find_mentions`), ``quotations``
    (:func:`readout.analysis.quotes.extract_quotes`; with the shares ``quotes_explicit`` and
    ``quotes_unattributed`` of their attributions; all skipped with ``actors=False``, they
    are the slow part) and ``reuse_rows`` (:func:`readout.analysis.reuse.find_reuse`); and
    ``within_story`` / ``cross_story``: the share of pairs of articles of one story, and
    of different stories, that share at least one passage (NaN where there are no such
    pairs). Stories come from :func:`story_of`; the seeds count as one story.
    """
    import readout
    from readout.analysis.reuse import find_reuse

    corpus = readout.load_corpus(folder) if folder not in (None, "seeds") else readout.load_corpus()
    arts = corpus.articles
    n = len(arts)
    seeds = folder in (None, "seeds")
    story = {aid: 0 for aid in arts["article_id"]} if seeds else story_of(arts)
    rates: dict[str, float] = {"articles": n, "sentences": arts["n_sentences"].mean(), "words": arts["n_words"].mean()}
    if actors:
        from readout.analysis.mentions import find_mentions
        from readout.analysis.quotes import extract_quotes

        quotes = extract_quotes(corpus)
        rates["mentions"] = len(find_mentions(corpus)) / n
        rates["quotations"] = len(quotes) / n
        rates["quotes_explicit"] = (quotes["attribution"] == "explicit").mean() if len(quotes) else float("nan")
        rates["quotes_unattributed"] = (quotes["attribution"] == "none").mean() if len(quotes) else float("nan")
    reuse = find_reuse(corpus)
    rates["reuse_rows"] = len(reuse) / n
    pairs = set(zip(reuse["article_a"], reuse["article_b"]))
    within_hit = sum(1 for a, b in pairs if story[a] == story[b])
    sizes: dict[int, int] = {}
    for s in story.values():
        sizes[s] = sizes.get(s, 0) + 1
    within = sum(k * (k - 1) // 2 for k in sizes.values())
    cross = n * (n - 1) // 2 - within
    rates["within_story"] = within_hit / within if within else float("nan")
    rates["cross_story"] = (len(pairs) - within_hit) / cross if cross else float("nan")
    rates["within_pairs"], rates["cross_pairs"] = within, cross
    return rates


def rates_table(folders: list[str], *, actors: bool = True) -> str:
    """The README's rates tables (markdown) for ``folders`` ("seeds" for the seeds).

    One column per corpus; see :func:`measure_rates` for what each row is.
    """
    rates = [measure_rates(f, actors=actors) for f in folders]
    heads = ["seeds" if f in (None, "seeds") else f"synthetic {int(r['articles']):,}" for f, r in zip(folders, rates)]
    rows = [
        ("articles", "articles", "{:,.0f}"),
        ("sentences per article", "sentences", "{:.1f}"),
        ("words (analysed roles) per article", "words", "{:.0f}"),
    ]
    if actors:
        rows += [
            ("actor mentions per article", "mentions", "{:.1f}"),
            ("quotations per article", "quotations", "{:.1f}"),
            ("quotations attributed explicitly", "quotes_explicit", "{:.0%}"),
            ("quotations not attributed", "quotes_unattributed", "{:.0%}"),
        ]
    rows += [
        ("reuse rows (passages) per article", "reuse_rows", "{:.2f}"),
        ("pairs of one story sharing a passage", "within_story", "{:.1%}"),
        ("pairs of different stories sharing a passage", "cross_story", "{:.3%}"),
        ("pairs of one story", "within_pairs", "{:,.0f}"),
        ("pairs of different stories", "cross_pairs", "{:,.0f}"),
    ]
    out = ["| | " + " | ".join(heads) + " |", "| --- |" + " --- |" * len(heads)]
    for label, key, fmt in rows:
        cells = ["" if r[key] != r[key] else fmt.format(r[key]) for r in rates]  # NaN: no such pairs
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, help="number of articles")
    parser.add_argument("--seed", type=int, default=DEFAULTS["seed"], help="random seed (same seed, same corpus)")
    parser.add_argument("--out", help="output folder (default benchmarks/corpora/n<N>-s<SEED>)")
    parser.add_argument(
        "--mix", type=float, default=DEFAULTS["mix"], help="share of body paragraphs joined from two seed paragraphs"
    )
    parser.add_argument(
        "--vary", type=float, default=DEFAULTS["vary"], help="share of content words, cues and proper nouns replaced"
    )
    parser.add_argument(
        "--vary-function",
        type=float,
        default=DEFAULTS["vary_function"],
        help="share of function words and reporting verbs replaced by one of the same kind",
    )
    parser.add_argument(
        "--story-size",
        type=float,
        default=DEFAULTS["story_size"],
        help="mean articles per story (wire original plus copies)",
    )
    parser.add_argument(
        "--reuse",
        type=float,
        default=DEFAULTS["reuse"],
        help="share of a copying article's body taken from the wire original",
    )
    parser.add_argument("--force", action="store_true", help="rebuild even if the folder is up to date")
    parser.add_argument(
        "--rates",
        metavar="FOLDER",
        nargs="+",
        help="measure corpora ('seeds' for the seeds) and print the README's rates table instead of writing one",
    )
    parser.add_argument(
        "--no-actors", action="store_true", help="with --rates: skip mentions and quotations (the slow part)"
    )
    parser.add_argument("--json", action="store_true", help="with --rates: print the figures as JSON")
    args = parser.parse_args(argv)
    if args.rates:
        if args.json:
            rates = [measure_rates(f, actors=not args.no_actors) for f in args.rates]
            print(
                json.dumps(
                    [{k: round(v, 6) if isinstance(v, float) else v for k, v in r.items()} for r in rates], indent=1
                )
            )
        else:
            print(rates_table(args.rates, actors=not args.no_actors))
        return 0
    if args.n is None:
        parser.error("--n is required (or --rates FOLDER ...)")
    out = generate_corpus(
        args.n,
        args.out,
        args.seed,
        mix=args.mix,
        vary=args.vary,
        vary_function=args.vary_function,
        story_size=args.story_size,
        reuse=args.reuse,
        force=args.force,
    )
    print(f"{args.n} articles in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
