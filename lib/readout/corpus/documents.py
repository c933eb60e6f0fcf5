"""What each document is: its kind, the government behind its outlet, its country and its language.

Four optional ``articles.csv`` columns describe a document (``data/README.md`` has the full
definitions):

``doc_kind``
    news, wire, state_media, official_readout, official_statement, transcript or commentary.
``government``
    the government that owns, funds or speaks through the outlet (``US``, ``China``, ...);
    empty for an independent outlet. "Government-funded", "state media" and "official" in the
    reports come from this column and ``doc_kind``, never from matching a word in ``outlet_kind``.
``country``
    where the outlet is based.
``language``
    an ISO 639-1 code (``en``, ``zh``, ...).

Where a column is missing or a cell is empty, :func:`describe_documents` infers what the text
shows and records how in ``<column>_basis`` (``csv`` when the metadata gave it), as
``date_basis`` does for dates. An inference is a reading of surface signs, said as such in its
basis; a value that cannot be read from the text stays empty ("" with basis ``unknown``).
"""

from __future__ import annotations

import re

import pandas as pd

DOC_KINDS = ("news", "wire", "state_media", "official_readout", "official_statement", "transcript", "commentary")
DOCUMENT_COLUMNS = ("doc_kind", "government", "country", "language")

#: a transcript turn: an upper-case speaker label and a colon opening the paragraph
_TURN = re.compile(r"^(?:[A-Z][A-Za-z.'\-]*(?: [A-Z][A-Za-z.'\-]*){0,3}|Q):\s")
_ATTRIBUTABLE = re.compile(r"\b(?:is|are) attributable to\b", re.I)
_READOUT = re.compile(
    r"^(?:On the (?:morning|afternoon|evening|night) of [A-Z][a-z]+ \d{1,2}(?:, \d{4})?, [^.]{0,200}?"
    r"\b(?:met with|met|held talks with|had a (?:phone|video) call with)\b|"  # a ministry's readout: "On the afternoon
    # of June 18, 2023, State Councilor and Foreign Minister Qin Gang held talks with ..."
    r"(?:The Secretary|(?:Deputy )?Secretary (?:of State )?(?:[A-Z][\w.]* ){0,3}[A-Z]\w+|"
    r"The (?:Chinese|U\.S\.|US|American) side|"
    r"(?:Chinese )?(?:State Councilor|Foreign Minister|Director) (?:[A-Z]\w+ ){0,2}[A-Z]\w+) "
    r"(?:met|spoke|held|had|emphasized|stressed|pointed out|underscored|noted|raised|reiterated)\b)"  # not "said": news
)
_WIRE_LEDE = re.compile(r"^[A-Z][A-Za-z0-9 .,'\-]{1,60}\((?:Reuters|AP|AFP|Bloomberg)\)\s*[-–—]")
_STATE_LEDE = re.compile(r"^[A-Z][A-Za-z0-9 .,'\-]{1,60}\((?:Xinhua|CGTN|China Daily|People's Daily)\)\s*[-–—]")
_CJK = re.compile(r"[\u3400-\u9fff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def detect_language(text: str) -> tuple[str, str]:
    """(ISO 639-1 code, basis) from the script most of ``text``'s letters are written in.

    Han characters give ``zh`` and Cyrillic ``ru``; Latin letters give ``en``, said as an
    assumption in the basis, since the script alone cannot tell English from Spanish.

    >>> detect_language("外交部发言人说")
    ('zh', 'script: 100% Han characters')
    >>> detect_language("The Secretary met the minister.")[0]
    'en'
    """
    han = len(_CJK.findall(text)) if _CJK.search(text) else 0
    cyr = len(_CYRILLIC.findall(text)) if _CYRILLIC.search(text) else 0
    ascii_text = text.encode("ascii", "ignore")
    lat = len(ascii_text) - len(ascii_text.translate(None, _ASCII_LETTERS))
    total = han + cyr + lat
    if total == 0:
        return "", "unknown"
    if han / total >= 0.3:
        return "zh", f"script: {han / total:.0%} Han characters"
    if cyr / total >= 0.5:
        return "ru", f"script: {cyr / total:.0%} Cyrillic letters"
    return "en", "script: Latin letters (English assumed)"


#: The label a government's website prints above a document ("PRESS STATEMENT", "Media Note", "Readout").
_OFFICIAL_LABEL = re.compile(
    r"(?i:(?P<statement>press\s+statements?|media\s+notes?|press\s+releases?|fact\s+sheets?|joint\s+statements?|remarks|"
    r"statements?)|(?P<readout>readouts?))(?:\s*[|·•]\s*(?i:[a-z]+)\.? \d{1,2}, \d{4})?"
    r"(?:\s*[|·•]\s*(?i:topics?):[^|]*)?"
)  # also with the date beside it, "Statement | June 20, 2023", and the site's topics after it:
# "PRESS RELEASE | JUNE 19, 2023 | TOPICS: AMBASSADOR, NEWS"


#: A ministry's title for a meeting ("Qin Gang Holds Talks with ...") and the dated opening below it.
_MEETING_TITLE = re.compile(
    r"\b(?:Holds|Held) (?:Talks|(?:a )?(?:Phone|Video) Call)s? [Ww]ith\b|\bMeets [Ww]ith\b|\bSpeaks [Ww]ith\b.*\b[Pp]hone\b"
)  # also "Qin Gang Speaks with U.S. Secretary of State Antony Blinken on the Phone"
_DATED_MEETING = re.compile(
    r"On (?:the (?:morning|afternoon|evening|night) of )?[A-Z][a-z]+ \d{1,2}(?:, \d{4})?, [^.]{0,200}?"
    r"\b(?:met (?:in [A-Z]\w+ )?with|held talks (?:in [A-Z]\w+ )?with|held a (?:phone|video) call with|spoke with|"
    r"had a (?:phone|video) call with)\b"
)


#: A title that is a spokesperson's or an envoy's statement: "Embassy Spokesperson's Statement on ...",
#: "Statement of the Spokesperson of the Chinese Embassy ...", "Statement by Ambassador ...", "Ambassador Burns'
#: Statement on ...", "Embassy Spokesperson Liu Pengyu's Remarks on ...", "Spokesperson of the
#: Chinese Consulate General ... Responds to ...".
_SPOKESPERSON_STATEMENT = re.compile(
    r"^(?:[\w.’' ]{0,60}\s)?(?:Spokes(?:person|man|woman)|Ambassador|Consul)\b[\w.’' ]{0,40}?[’']s?\s+"
    r"(?:Statement|Remarks)\s+(?:on|regarding|about)\b|"
    r"^Statement\s+(?:of|by)\s+the\s+(?:[\w.’' ]{0,40}\s)?Spokes(?:person|man|woman)\b|"
    r"^Statement\s+(?:of|by|from)\s+(?:the\s+)?(?:[A-Z][\w.]*\s+){0,3}"
    r"(?:Ambassador|Embassy|Consulate|Secretary|Minister|Advis[eo]r|President)\b|"
    r"^(?:[\w.’' ]{0,60}\s)?Spokes(?:person|man|woman)\b[\w.’' ]{0,80}?\s(?:Responds|Answers|Comments)\s+(?:to|on)\b"
)  # "Statement by Ambassador R. Nicholas Burns on ...", "Spokesperson of the ... Consulate General ... Responds to"


#: A credit line only a news page prints under its headline ("Updated 22:41, 18-Jun-2023", "Editor: ...").
_NEWS_CREDIT = re.compile(r"^(?:By\s+[A-Z]|Editor:|Reporting by\b)|\bUpdated\b")


#: A government body a site's header line names ("U.S. Embassy & Consulates in China", "U.S. Mission China").
_GOVERNMENT_SITE = re.compile(
    r"\b(?:Embassy|Consulates?|Ministry|Department of State|Mission|White House|Office of the Spokesperson)\b"
)


def _site_label(line: str) -> str | None:
    """ "statement" or "readout" for a header line of a government site that files the page under
    that label beside its own name ("U.S. Embassy & Consulates in China | Press Releases", "By U.S.
    Mission China | June 20, 2023 | Topics: Ambassador, News, Press Releases"), else None."""
    parts = [p.strip() for p in re.split(r"\s[|·•]\s", line) if p.strip()]
    if len(parts) < 2 or not any(_GOVERNMENT_SITE.search(p) for p in parts):
        return None
    for part in parts:
        topics = [t.strip() for t in re.sub(r"^Topics?:\s*", "", part).split(",")]
        label = next((m for m in map(_OFFICIAL_LABEL.fullmatch, topics) if m), None)
        if label is not None:
            return "readout" if label.group("readout") else "statement"
    return None


def detect_doc_kind(paragraphs: list[str], front: list[str] | tuple[str, ...] = ()) -> tuple[str, str]:
    """(doc_kind, basis) read from a document's body paragraphs, or ("", "unknown"); ``front`` are
    its first paragraphs of any role, where a government's site prints the document's label.

    >>> detect_doc_kind(["MR. MILLER: Good afternoon.", "QUESTION: Thank you.", "MR. MILLER: Go ahead."])
    ('transcript', 'text: 3 paragraphs open with a speaker label')
    """
    turns = sum(1 for p in paragraphs if _TURN.match(p))
    if turns >= 3 and turns >= len(paragraphs) / 4:
        return "transcript", f"text: {turns} paragraphs open with a speaker label"
    label = next((m for m in (_OFFICIAL_LABEL.fullmatch(p.strip()) for p in front[:6]) if m), None)
    if label is not None:
        kind = "official_readout" if label.group("readout") else "official_statement"
        return kind, f"text: labelled {label.group(0).strip()!r} above the text"
    site = next((p for p in front[:6] if _site_label(p)), None)
    if site is not None:
        kind = "official_readout" if _site_label(site) == "readout" else "official_statement"
        return kind, f"text: a government site's line {site.strip()!r} above the text"
    if any(_ATTRIBUTABLE.search(p) for p in paragraphs[:3]):
        return "official_statement", "text: 'attributable to' in its opening"
    if front and _SPOKESPERSON_STATEMENT.match(front[0]):
        return "official_statement", "text: its title names a spokesperson's statement"
    if front and front[0].startswith("Readout of "):
        return "official_readout", "text: its title is 'Readout of ...'"
    if front and _MEETING_TITLE.search(front[0]) and any(_DATED_MEETING.match(p) for p in paragraphs[:4]):
        return (
            "official_readout",
            "text: a ministry's title and opening ('... Holds Talks with ...', 'On June 18, ...')",
        )
    opening = paragraphs[:3]
    if any(_READOUT.match(p) for p in opening) and not any(_NEWS_CREDIT.search(p) for p in front[:5]):
        return "official_readout", "text: opens in an official's voice (a readout's opening)"
    if any(_STATE_LEDE.match(p) for p in opening):
        return "state_media", "text: a state-media dateline opens the body"
    if any(_WIRE_LEDE.match(p) for p in opening):
        return "wire", "text: a wire dateline opens the body"
    return "", "unknown"


def describe_documents(articles: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """``articles`` with the :data:`DOCUMENT_COLUMNS` filled and a ``<column>_basis`` beside each.

    A value from the metadata is kept (basis ``csv``); an empty one is read from the text where
    it can be (:func:`detect_doc_kind`, :func:`detect_language`); ``government`` and ``country``
    are never guessed from the text, since a page seldom says who funds its outlet.
    """
    out = articles.copy()
    body = paragraphs[paragraphs["role"] == "body"]
    texts = {aid: g["text"].tolist() for aid, g in body.groupby("article_id", sort=False)}
    fronts = {aid: g["text"].head(6).tolist() for aid, g in paragraphs.groupby("article_id", sort=False)}
    for column in DOCUMENT_COLUMNS:
        if column not in out.columns:
            out[column] = ""
        out[column] = out[column].fillna("").astype(str).str.strip()
    values: dict[str, list[str]] = {c: [] for c in DOCUMENT_COLUMNS}
    bases: dict[str, list[str]] = {c: [] for c in DOCUMENT_COLUMNS}
    for row in out.itertuples(index=False):
        paras = texts.get(row.article_id, [])
        inferred = {
            "doc_kind": detect_doc_kind(paras, fronts.get(row.article_id, [])),
            "language": detect_language(" ".join(paras)),
            "government": ("", "unknown"),
            "country": ("", "unknown"),
        }
        if not row.doc_kind and inferred["doc_kind"][0] == "" and paras:
            inferred["doc_kind"] = ("news", "default: no sign of another kind in the text")
        for column in DOCUMENT_COLUMNS:
            given = getattr(row, column)
            value, basis = (given, "csv") if given else inferred[column]
            values[column].append(value)
            bases[column].append(basis)
    for column in DOCUMENT_COLUMNS:
        out[column] = values[column]
        out[f"{column}_basis"] = bases[column]
    unknown = sorted(set(out["doc_kind"]) - set(DOC_KINDS) - {""})
    if unknown:
        raise ValueError(f"articles.csv: doc_kind {', '.join(map(repr, unknown))} is not one of {', '.join(DOC_KINDS)}")
    return out
