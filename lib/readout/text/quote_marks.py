"""Quotation marks and apostrophes: the characters news prose uses, and their ASCII readings."""

from __future__ import annotations

APOSTROPHES_TO_ASCII = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


QUOTE_CHARS = "\"\u201c\u201d\u2018\u2019'"


QUOTE_MARKS_TO_ASCII = str.maketrans(
    {"’": "'", "‘": "'", "“": '"', "”": '"', "ʼ": "'", "`": "'", "„": '"', "«": '"', "»": '"'}
)
