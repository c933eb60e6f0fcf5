"""Whose voice a document carries: the government an official readout, statement or transcript
speaks for, and its transcript turns.

The document's kind is ``corpus.articles["doc_kind"]`` (from ``articles.csv``, or read from the
text by :mod:`readout.corpus.documents`). Its voice is, in order: the ``voice`` column of
``articles.csv`` (US or China, the government whose institutional voice the whole document
carries); for an official document, the ``government`` column (the government speaking
through the outlet); else what the text says: the side of the spokesperson a statement "is
attributable to", or of the principal a readout opens with ("Secretary Blinken met ...",
"On June 18, 2023, State Councilor and Foreign Minister Qin Gang held talks with ..."). A
transcript labels its turns ("SECRETARY BLINKEN: ...", "QUESTION: ...").

:func:`document_voices` gives one row per article; :func:`find_turns` the turns of a transcript.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from readout.analysis.actors import load_codebook, resolve_name
from readout.analysis.names import is_initial, is_media_name, is_name_word, org_side
from readout.corpus.model import rows_by_article

#: Document kinds whose whole text is a government's statement (when they have a voice).
OFFICIAL_KINDS = ("official_readout", "official_statement")


#: The institution that speaks for each side's official documents, when the metadata names none.
VOICE_INSTITUTIONS = {"US": "U.S. Department of State", "China": "Chinese Ministry of Foreign Affairs"}


#: An outlet that names a government body, which then speaks for its own documents.
#: A diplomatic mission's name: it speaks for its government's foreign ministry.
_MISSION_NAME = re.compile(r"\b(?:Embass(?:y|ies)|Consulates?(?:[- ]General)?|Mission)\b", re.IGNORECASE)

_INSTITUTION_NAME = re.compile(
    r"\b(?:Department|Ministry|White House|[Ee]mbassy|[Cc]onsulate|Mission|State Council|Council|Commission|Bureau|Cabinet|"
    r"Office of|Office)\b"
)


_TURN_RE = re.compile(r"^(?P<label>[A-Z][A-Z.’' \-]{0,40}[A-Z.]|Q|A):\s+(?=\S)")


_MIXED_TURN_RE = re.compile(r"^(?P<label>[A-Z][\w.’'\-]*(?: [A-Z][\w.’'\-]*){0,3}):\s+(?=\S)")


#: Turn labels of a questioner and of a host.
QUESTION_LABELS = frozenset({"QUESTION", "Q", "REPORTER", "QUESTIONER", "AUDIENCE MEMBER", "PARTICIPANT"})
HOST_LABELS = frozenset({"MODERATOR", "HOST", "ANCHOR", "INTERVIEWER", "PRESENTER"})


_ATTRIBUTABLE_RE = re.compile(r"\battributable to\b(?P<who>[^:.\n]*)", re.IGNORECASE)


_READOUT_OPENING_RE = re.compile(
    r"^(?:On (?:the (?:morning|afternoon|evening|night) of )?[A-Z][a-z]+ \d{1,2}(?:, \d{4})?, |"
    r"(?:U\.S\. )?Secretary (?:of State )?[A-Z])[^.]{0,200}"
    r"\b(?:met|held talks|spoke|had a (?:phone|video) call|talked)\b"
)


@dataclass
class Turn:
    """A transcript turn: the paragraph's label, its offsets, and what kind of turn it is."""

    para_id: int
    label: str
    start: int  # offset of the label
    text_start: int  # offset of the words after "LABEL: "
    role: str  # question, host or speaker


def find_turns(raw: str, paras: list[tuple], mixed: bool = False) -> list[Turn]:
    """The labelled turns among ``paras`` (para_id, role, start, end) in reading order.

    A turn label is an upper-case name or title before a colon ("SECRETARY BLINKEN:",
    "MR. MILLER:", "QUESTION:"); with ``mixed`` (a document known to be a transcript) also a
    capitalised one ("Reuters:", "Global Times:").
    """
    out = []
    for para_id, role, p0, p1 in paras:
        if role not in ("body", "dek"):
            continue
        text = raw[p0:p1]
        m = _TURN_RE.match(text) or (_MIXED_TURN_RE.match(text) if mixed else None)
        if m is None:
            continue
        label = m.group("label").strip()
        upper = label.upper()
        asks = upper in QUESTION_LABELS or is_media_name(label)  # "AFP:", "Kyodo News:" ask at a press conference
        kind = "question" if asks else "host" if upper in HOST_LABELS else "speaker"
        out.append(Turn(int(para_id), label, p0, p0 + m.end(), kind))
    return out


@dataclass
class DocInfo:
    """An article's document kind, its voice (US, China or ""), the institution speaking for
    that voice, and how the voice is known (``voice``, ``government``, the text marker, or "")."""

    kind: str
    voice: str
    institution: str | None
    basis: str

    @property
    def official(self) -> bool:
        return self.kind in OFFICIAL_KINDS and bool(self.voice)

    @property
    def transcript(self) -> bool:
        return self.kind == "transcript"


def document_info(row: dict, raw: str, paras: list[tuple], codebook: pd.DataFrame | None = None) -> DocInfo:
    """The :class:`DocInfo` of one article from its row of ``corpus.articles`` and its text."""
    kind = str(row.get("doc_kind") or "").strip().lower()
    voice, basis = _party(str(row.get("voice") or "")), "voice"
    if not voice and kind in OFFICIAL_KINDS + ("transcript",):
        voice, basis = _party(str(row.get("government") or "")), "government"
    if not voice and kind in OFFICIAL_KINDS:
        voice, basis = _voice_from_text(raw, paras, codebook)
    if not voice and kind in OFFICIAL_KINDS + ("transcript",) and row.get("outlet"):
        # a government body as the outlet ("U.S. Department of State"): the side the codebook gives it
        outlet = str(row.get("outlet"))
        voice = _side_of(resolve_name(outlet, codebook), codebook)
        named_side = org_side(outlet) or ""
        if not voice and _INSTITUTION_NAME.search(outlet) and named_side in ("US", "China"):
            voice = named_side  # "U.S. Department of the Treasury", by its own name
        basis = "outlet" if voice else ""
    institution = None
    if voice and kind in OFFICIAL_KINDS + ("transcript",):
        outlet = str(row.get("outlet") or "")
        named = outlet if _INSTITUTION_NAME.search(outlet) else None  # "U.S. Department of Commerce"
        if named and _MISSION_NAME.search(outlet):
            named = None  # "U.S. Embassy & Consulates in China" speaks for its foreign ministry
        institution = (resolve_name(outlet, codebook) if outlet else None) or named or VOICE_INSTITUTIONS.get(voice)
    return DocInfo(kind or "news", voice, institution, basis if voice else "")


def _party(text: str) -> str:
    """A side as written in the metadata ("US", "u.s.", "China"); any other party name is kept."""
    value = text.strip()
    low = value.lower()
    if low in ("us", "u.s.", "usa", "united states"):
        return "US"
    if low in ("china", "prc", "cn"):
        return "China"
    return value if low not in ("", "other", "unknown", "none") else ""


def _side_of(name: str | None, codebook) -> str:
    if not name:
        return ""
    book = codebook if codebook is not None else load_codebook()
    side = dict(zip(book["actor"], book["side"])).get(name, "")
    return side if side not in ("", "Other") else ""


def _voice_from_text(raw: str, paras: list[tuple], codebook) -> tuple[str, str]:
    body = [raw[p0:p1] for _, role, p0, p1 in paras if role in ("body", "dek")]
    for text in body[:4]:
        m = _ATTRIBUTABLE_RE.search(text)
        if m:
            side = _side_of(resolve_name(m.group("who"), codebook), codebook)
            if side:
                return side, "text: the spokesperson it is attributable to"
    opening = next((t for t in body if len(t.split()) > 12), "")
    m = _READOUT_OPENING_RE.match(opening)
    if m:
        side = _side_of(resolve_name(opening[: m.end()], codebook), codebook)
        if side:
            return side, "text: the principal a readout opens with"
    return "", ""


def document_voices(corpus) -> pd.DataFrame:
    """One row per article: article_id, doc_kind, voice (the party an official document or
    transcript speaks for, or ""), institution (the actor speaking for that voice) and
    voice_basis (voice, government, or the text marker). Memoised on the corpus."""

    def build() -> pd.DataFrame:
        codebook = load_codebook(corpus=corpus)
        paras_of = rows_by_article(corpus.paragraphs, ["para_id", "role", "start", "end"])
        rows = []
        for row in corpus.articles.to_dict("records"):
            aid = row["article_id"]
            paras = sorted(paras_of.get(aid, []), key=lambda p: p[2])
            info = document_info(row, corpus.raw[aid], paras, codebook)
            rows.append((aid, info.kind, info.voice, info.institution or "", info.basis))
        return pd.DataFrame(rows, columns=["article_id", "doc_kind", "voice", "institution", "voice_basis"])

    return corpus.cached("voices.document_voices", build).copy()


#: Where an official statement says whose it is: "The following statement is from U.S. Ambassador ... R. Nicholas
#: Burns:", "Statement by Ambassador R. Nicholas Burns on ...", "Ambassador Burns' Statement on ...".
_STATEMENT_OF = re.compile(
    r"\b(?:[Ss]tatement|[Rr]emarks)\s+(?:is\s+|are\s+)?(?:from|by)\s+(?P<by>[^:\n]{3,160}?)(?:\s+on\s|:|$)"
    r"|^(?P<own>[^:\n]{3,120}?)[’']s?\s+(?:Statement|Remarks|Answers)\s+(?:on|to|regarding|about)\b"
)  # "Embassy Spokesperson Liu Pengyu's Remarks on ..."


def statement_author(paragraphs: list[str]) -> str | None:
    """The person an official statement is from, named in full in its title or opening (the last
    run of two or more name words before the colon), or None.

    >>> statement_author(["Statement by Ambassador R. Nicholas Burns on the Visit", "Text."])
    'Nicholas Burns'
    >>> statement_author(["Readout", "The following statement is from U.S. Ambassador to the PRC R. Nicholas Burns:"])
    'Nicholas Burns'
    >>> statement_author(["Statement by the Spokesperson on the Visit"]) is None
    True
    >>> statement_author(["Embassy Spokesperson Liu Pengyu’s Remarks on the U.S. President’s Comments"])
    'Liu Pengyu'
    """
    for para in paragraphs[:6]:
        found = _STATEMENT_OF.search(para)
        if found is None:
            continue
        words = re.split(r"(?<=\w\w)\.\s", found.group("by") or found.group("own"))[0].split()  # its first sentence
        run: list[str] = []
        for word in reversed(words):
            if is_name_word(word):
                run.insert(0, word)
            elif is_initial(word) and run:
                break  # "R. Nicholas Burns" is printed without the initial
            elif run:
                break
        if len(run) >= 2:
            return " ".join(run)
    return None  # "Ambassador Burns' Statement on ...": only a family name, unless a later line names him in full
