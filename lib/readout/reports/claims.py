"""The claims table behind the brief: every sentence with its number, its uncertainty and its test,
and a check that a sentence claims no more than its interval or corrected test supports."""

from __future__ import annotations

import html
import re

import pandas as pd

from readout.reports.brief_query import Analysis

CLAIM_COLUMNS = ["section", "claim", "number", "kind", "uncertainty", "test", "supported"]


def claims_table(analyses: list[Analysis]) -> pd.DataFrame:
    """Every sentence the brief prints, with its number, its uncertainty and the test behind it.

    Columns (:data:`CLAIM_COLUMNS`): section (notebook number), claim (the sentence as plain
    text), number (the key figure as shown), kind (count, share, difference, distinctive),
    uncertainty, test, supported (for a difference or a distinctive term: whether its interval
    or corrected test supports it; the sentence's wording follows it). The brief is rendered
    from the same findings, and ``claims.csv`` is written beside it.
    """
    rows = []
    for a in analyses:
        for f in a.findings:
            rows.append(
                {
                    "section": a.prefix,
                    "claim": plain_text(f.sentence),
                    "number": plain_text(f.key),
                    "kind": f.kind,
                    "uncertainty": f.uncertainty,
                    "test": f.test,
                    "supported": "" if f.supported is None else f.supported,
                }
            )
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


#: words a sentence may use only when its interval or corrected test supports the claim
CLAIMING_WORDS = re.compile(
    r"\b(?:higher|lower|more (?:positive|negative)|most distinctive|are distinctive|is distinctive of)\b"
)


#: words a sentence must use when it does not
HEDGING_WORDS = re.compile(r"cannot be told apart|too few|No word is distinctive|could be chance")


def check_claims(claims: pd.DataFrame) -> list[str]:
    """Problems with the claims table: a difference or a distinctive term worded as a finding
    that its interval or corrected test does not support (or a supported one worded as none)."""
    problems = []
    for row in claims.itertuples(index=False):
        if row.kind not in ("difference", "distinctive"):
            continue
        supported = str(row.supported) == "True"
        claims_it = bool(CLAIMING_WORDS.search(row.claim)) and not HEDGING_WORDS.search(row.claim)
        if claims_it and not supported:
            problems.append(f"section {row.section}: claims what its test does not support: {row.claim}")
        if supported and HEDGING_WORDS.search(row.claim):
            problems.append(f"section {row.section}: a supported {row.kind} is worded as none: {row.claim}")
        if not supported and not HEDGING_WORDS.search(row.claim):
            problems.append(f"section {row.section}: an unsupported {row.kind} must say so: {row.claim}")
    return problems


def plain_text(fragment: str) -> str:
    """An HTML fragment of the brief as plain text."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))
