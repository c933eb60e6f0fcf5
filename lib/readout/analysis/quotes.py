"""The quote ledger: every quotation in the corpus, who said it, and how we know.

``extract_quotes(corpus)`` scans each analysed paragraph for quotation marks, keeps nested
quotations inside their outer quote, and attributes every quote to an actor: one of the
codebook (``data/actors.csv``), or any person or organisation the text names that the
codebook lacks (:func:`readout.analysis.mentions.find_mentions` finds them), or an unnamed
source described by the text ("a State Department spokesperson" is the State Department,
"one senior administration official" is U.S. officials, "many Chinese scholars" are Chinese
scholars), or the government a country stands for ("Beijing called ..." is China's foreign
ministry). Nothing is given a side by default.

Schema of the ledger (one row per quotation, in reading order):

============  =======  =========================================================
column        type     meaning
============  =======  =========================================================
quote_id      str      ``<article_id>-q<NNN>``, stable while the article is unchanged
article_id    str      article the quote is in
para_id       int      paragraph (``corpus.paragraphs``) holding the quote
start, end    int      offsets of the quoted words, marks excluded:
                       ``corpus.raw[article_id][start:end] == text``
text          str      the quoted words (a nested quotation stays inside, and has its own row)
speaker       str      canonical actor, a name the text gives, or ``UNATTRIBUTED``
speaker_side  str      US, China, Other or Unknown (the codebook's side, else the side
                       the text's titles and affiliations name, else Unknown)
cue           str      the reporting verb as printed ("said", "told", ...),
                       "according to", or "" when none was used
attribution   str      explicit, pronoun, continuation, subject, colon, according_to,
                       headline, turn, document or none (see below)
kind          str      full, partial or scare (see below)
channel       str      readout, briefing, statement, tweet, press conference,
                       interview, hearing, or "" when the text does not say
in_codebook   bool     the speaker is a codebook actor
nested_in     str      for a quotation inside another one, the outer one's quote_id;
                       "" for a quotation of the text itself
============  =======  =========================================================

Attribution, in order of preference:

* **explicit**: a reporting cue in the quote's sentence whose subject names a speaker
  (:mod:`readout.analysis.quote_speakers`): "Kritenbrink said", "said Bonnie Glaser",
  "Sung said:", "the minister told reporters", "which Beijing calls", "Biden's description of
  ... as", "in their words". A quotation that opens its sentence takes the cue right after
  it (``"...," Wang said``); one inside the sentence takes the nearest cue before it, so a
  quotation inside a clause goes to that clause's actor, and one after a naming verb in the
  passive to its agent ("once described by state media as"). A verb after a modal ("what you
  would call") is not a report;
* **pronoun**: the subject is a pronoun: he/she is the first person named earlier in the
  sentence, else the last person who spoke, else the subject of the sentence before;
  they/it is the group, institution or country named earlier in the sentence, else the last
  one that spoke; I/we is a transcript turn's speaker, and you the person the turn addresses;
* **according_to**: "according to <speaker>" in the quote's sentence;
* **turn**: in a transcript, the speaker of the turn, when no cue names someone else;
* **continuation**: no cue at all: the speaker of the previous quote in the same
  paragraph (``"...," said Xi. "I hope ..."``); or, for a quotation standing as its own
  sentence, the speaker named just before it, in the same paragraph or, when the paragraph
  opens with the quote, in the previous paragraph;
* **subject**: no cue, a quotation inside a sentence whose subject is a person other than the
  paragraph's last speaker: that person ("Qin agreed to visit Washington 'at a time convenient
  to both sides'");
* **colon**: no cue, the quotation right after a colon: the person the sentence before the
  colon is about ("The President was very clear yesterday: '...'"); a paragraph ending in a
  colon hands its last sentence's subject to the quotation that opens the next one
  (``continuation``: "Wang Yi laid out China's concerns frankly:");
* **document**: in an official readout or statement (:mod:`readout.analysis.voices`),
  the subject of the sentence ("The Secretary invited ..."), else the institution whose
  voice the document carries;
* **headline**: a quote in a headline or dek, attributed by the same words quoted in the
  body, else by its own cue, else by a colon prefix that names a speaker ("US official: ...");
* **nested**: a quotation inside another one has its own row (``nested_in`` names the outer
  one). It goes to the speaker of a cue inside the outer quotation ("Blinken says he raised
  ‘every issue’", "The President told me, ‘...’", where "I" and the side of a title are the
  outer speaker's); a phrase the outer speaker only holds up ("the so-called ‘overcapacity’")
  is nobody's. Quote counts, quoted shares and statements read :func:`outer_quotes`;
* **none**: nothing found; the speaker is ``UNATTRIBUTED``. A title ("Capitol Crossroads",
  "Made in China 2025") with no cue is never anyone's words: kind scare, no speaker.

What goes wrong: the rules read surface patterns, not syntax; gender is not checked.
Measured accuracy: :func:`readout.evaluate_quotes` (the bundled corpus) and
:func:`readout.analysis.quote_accuracy.evaluate_speakers` (the attribution challenge set).
"""

from __future__ import annotations

import pandas as pd

from readout.analysis.actors import load_codebook
from readout.analysis.mentions import discovered_actors, find_mentions
from readout.analysis.quote_attribution import UNATTRIBUTED as UNATTRIBUTED
from readout.analysis.quote_attribution import ArticleQuotes, CodebookView
from readout.analysis.voices import document_info
from readout.corpus.model import ANALYSED_ROLES, rows_by_article

QUOTE_COLUMNS = [
    "quote_id",
    "article_id",
    "para_id",
    "start",
    "end",
    "text",
    "speaker",
    "speaker_side",
    "cue",
    "attribution",
    "kind",
    "channel",
    "in_codebook",
    "nested_in",
]


ATTRIBUTIONS = (
    "explicit",
    "pronoun",
    "continuation",
    "subject",
    "colon",
    "according_to",
    "headline",
    "turn",
    "document",
    "none",
)


KINDS = ("full", "partial", "scare")


CHANNELS = ("readout", "briefing", "statement", "tweet", "press conference", "interview", "hearing")


def outer_quotes(quotes: pd.DataFrame) -> pd.DataFrame:
    """The ledger's quotations of the text itself, without those nested inside another one, so no
    word is counted twice (a ledger without ``nested_in`` is returned as it is)."""
    if "nested_in" not in quotes.columns:
        return quotes
    return quotes[quotes["nested_in"].fillna("") == ""].reset_index(drop=True)


def extract_quotes(corpus, roles: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The quote ledger of ``corpus`` (columns :data:`QUOTE_COLUMNS`; see the module docs).

    ``roles`` defaults to :data:`readout.corpus.model.ANALYSED_ROLES`. The result is cached
    on the corpus.
    """

    roles = tuple(roles or ANALYSED_ROLES)

    def build() -> pd.DataFrame:
        ledger, units, cues = _extract(corpus, roles)
        corpus.remember(f"{UNITS_MEMO_PREFIX}{','.join(roles)}", units)
        corpus.remember(f"{CUES_MEMO_PREFIX}{','.join(roles)}", cues)
        return ledger

    return corpus.cached(f"quotes:{','.join(roles)}", build).copy()


#: ``corpus.remember`` keys of :func:`document_units` start with this
UNITS_MEMO_PREFIX = "quotes.document_units:"


UNIT_COLUMNS = ["article_id", "para_id", "start", "end", "speaker", "side", "layer", "holes"]


def document_units(corpus, roles: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The sentences spoken in a voice other than the reporter's: every sentence of an official
    readout or statement (:mod:`readout.analysis.voices`), in the voice of its side, and
    every sentence of a transcript turn, in its speaker's.

    One row per sentence (columns :data:`UNIT_COLUMNS`): article_id, para_id, start, end
    (offsets into ``corpus.raw``; a turn's first sentence starts after its label), speaker (a
    readout's sentence subject when that is one of its own side, "The Secretary ...", else the
    institution the document speaks for; a turn's speaker), side, layer (``official`` or
    ``transcript``) and holes: the (start, end) of quotations of others inside it, which are
    not the voice's words. A sentence about both sides ("The two sides agreed ...") is nobody's
    and has no row; nor has the line that says whom a statement is attributable to.
    """
    return _recall(corpus, UNITS_MEMO_PREFIX, roles)


#: ``corpus.remember`` keys of :func:`reported_cues` start with this
CUES_MEMO_PREFIX = "quotes.reported_cues:"


CUE_COLUMNS = ["article_id", "start", "end", "cue", "speaker", "side", "attribution"]


def reported_cues(corpus, roles: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Every reporting cue whose speaker the quote attribution resolved, quotation or not.

    One row per cue (columns :data:`CUE_COLUMNS`): article_id, start, end (offsets of the
    cue in ``corpus.raw``), cue (as printed), speaker, side, attribution (explicit, pronoun
    or according_to). The paraphrase of :func:`readout.analysis.statements.side_statements`
    takes its speakers from here, so a paraphrase and a quotation in one sentence have one
    speaker.
    """
    return _recall(corpus, CUES_MEMO_PREFIX, roles)


def _recall(corpus, prefix: str, roles: tuple[str, ...] | None) -> pd.DataFrame:
    roles = tuple(roles or ANALYSED_ROLES)
    key = f"{prefix}{','.join(roles)}"
    value = corpus.recall(key)
    if value is None:
        _, units, cues = _extract(corpus, roles)
        corpus.remember(f"{UNITS_MEMO_PREFIX}{','.join(roles)}", units)
        corpus.remember(f"{CUES_MEMO_PREFIX}{','.join(roles)}", cues)
        value = units if prefix == UNITS_MEMO_PREFIX else cues
    return value.copy()


def _extract(corpus, roles: tuple[str, ...]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    codebook = load_codebook(corpus=corpus)
    mentions = find_mentions(corpus)
    found = discovered_actors(corpus)
    paragraphs = corpus.paragraphs[corpus.paragraphs["role"].isin(roles)]
    paras_of = rows_by_article(paragraphs, ["para_id", "role", "start", "end"])
    mentions_of = rows_by_article(mentions, ["start", "end", "actor", "side", "kind", "in_title"])
    sentences_of = rows_by_article(corpus.sentences, ["para_id", "start", "end"])
    found_of = rows_by_article(found, ["actor", "titles"])
    meta = {r["article_id"]: r for r in corpus.articles.to_dict("records")}
    book = CodebookView(codebook)
    rows: list[dict] = []
    units: list[dict] = []
    cues: list[dict] = []
    for article_id in pd.unique(paragraphs["article_id"]) if len(paragraphs) else []:
        paras = sorted(paras_of[article_id], key=lambda p: p[2])
        raw = corpus.raw[article_id]
        doc = document_info(meta.get(article_id, {}), raw, paras, codebook)
        titles = dict(found_of.get(article_id, []))
        article = ArticleQuotes(raw, article_id, paras, mentions_of.get(article_id, []), doc, book, titles)
        rows.extend(article.quotes(sentences_of.get(article_id, [])))
        units.extend(dict(u, article_id=article_id) for u in article.units)
        cues.extend(dict(c, article_id=article_id, side=article.ctx.side_of(c["speaker"])) for c in article.cues)
    ledger = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    for col in ("para_id", "start", "end"):
        ledger[col] = ledger[col].astype(int)
    ledger["in_codebook"] = ledger["in_codebook"].astype(bool)
    return ledger, pd.DataFrame(units, columns=UNIT_COLUMNS), pd.DataFrame(cues, columns=CUE_COLUMNS)
