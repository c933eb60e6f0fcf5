"""Find quotations by their marks, and tell full quotations from partial and scare quotes.

:func:`scan_quotes` handles curly, straight and mixed marks, nested quotations, a quote left
open to the end of its paragraph, and never takes an apostrophe for a mark.

Kind: **full** if the quotation opens its sentence, follows a colon, or runs past
a sentence end (it quotes whole sentences of speech); **scare** if it is a short
(three words or fewer), unattributed term; otherwise **partial** (a fragment
woven into the reporter's sentence). Headline quotations are partial unless they
hold a sentence end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPENING_CONTEXT = set("([{—–-/:") | {"“", "‘", '"', "'"}


_CLOSING_CONTEXT = set(".,;:!?)]}—–-/…") | {"”", "’", '"', "'"}


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation found in a string: ``text[start:end]`` are the quoted words."""

    start: int
    end: int
    opening: str
    closing: str  # "" when the quote runs to the end of the text unclosed

    @property
    def closed(self) -> bool:
        return bool(self.closing)


_DOUBLE_MARK_RE = re.compile('[“”"]')


_SINGLE_MARK_RE = re.compile("[‘’']")


def _prev(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else " "


def _next(text: str, i: int) -> str:
    return text[i + 1] if i + 1 < len(text) else " "


def _double_marks(text: str) -> list[tuple[int, str]]:
    """Double quotation marks with their role: open, close or either (a straight mark in doubt)."""
    marks = []
    for found in _DOUBLE_MARK_RE.finditer(text):
        i, ch = found.start(), found.group()
        if ch == "“":
            marks.append((i, "open"))
        elif ch == "”":
            marks.append((i, "close"))
        elif ch == '"':
            before, after = _prev(text, i), _next(text, i)
            if (before.isspace() or before in _OPENING_CONTEXT) and not after.isspace():
                marks.append((i, "open"))
            elif not before.isspace() and (after.isspace() or after in _CLOSING_CONTEXT):
                marks.append((i, "close"))
            else:
                marks.append((i, "either"))
    return marks


def _rstrip_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _double_spans(text: str) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    for i, role in _double_marks(text):
        if open_at is None:
            if role in ("open", "either"):
                open_at = i
            # a stray closing mark outside any quote is ignored
        elif role in ("close", "either"):
            if i > open_at + 1:
                spans.append(QuoteSpan(open_at + 1, i, text[open_at], text[i]))
            open_at = None
        else:  # a new opening mark while a quote is open: the first one was never closed
            end = _rstrip_end(text, i)
            if end > open_at + 1:
                spans.append(QuoteSpan(open_at + 1, end, text[open_at], ""))
            open_at = i
    if open_at is not None:
        end = _rstrip_end(text, len(text))
        if end > open_at + 1:
            spans.append(QuoteSpan(open_at + 1, end, text[open_at], ""))
    return spans


def _is_apostrophe(text: str, i: int) -> bool:
    """’ or ' inside a word (China’s, we'll, don't) or eliding digits ('90s)."""
    before, after = _prev(text, i), _next(text, i)
    if before.isalnum() and after.isalnum():
        return True
    return bool((before.isspace() or i == 0) and re.match(r"\d\ds\b", text[i + 1 : i + 4]))


def _single_spans(text: str) -> list[QuoteSpan]:
    """Single-quote pairs; unmatched marks are apostrophes (plural possessives, elisions)."""
    stack: list[int] = []
    spans: list[QuoteSpan] = []
    for found in _SINGLE_MARK_RE.finditer(text):
        i, ch = found.start(), found.group()
        if _is_apostrophe(text, i):
            continue
        before, after = _prev(text, i), _next(text, i)
        can_open = ch in "‘'" and (before.isspace() or before in _OPENING_CONTEXT or i == 0) and not after.isspace()
        can_close = ch in "’'" and not before.isspace() and i > 0 and not after.isalnum()
        if can_close and stack:
            start = stack.pop()
            if i > start + 1:
                spans.append(QuoteSpan(start + 1, i, text[start], ch))
        elif can_open:
            stack.append(i)
    first = len(text) - len(text.lstrip())
    if stack and stack[0] == first and text[first] in "‘'" and re.search(r"[.?!]\s*$", text):
        # a quotation that opens the paragraph and runs on into the next one, which reopens it ("‘For years ...")
        end = _rstrip_end(text, len(text))
        spans.append(QuoteSpan(first + 1, end, text[first], ""))
    return spans


def scan_quotes(text: str) -> list[QuoteSpan]:
    """Find the top-level quotations in one paragraph of text.

    Handles curly doubles, curly singles, straight doubles, mixed pairs (a straight
    opening mark closed by a curly one), straight singles, and a double quote left
    open to the end of the text. Apostrophes (China’s, we'll, countries’) are not
    quote marks. A quotation inside another one stays inside it and is not
    returned separately. Offsets exclude the marks.

    >>> text = 'He said "the U.S. views China as its \\'primary rival\\'.” Then: ‘Show respect’'
    >>> [text[q.start:q.end] for q in scan_quotes(text)]
    ["the U.S. views China as its 'primary rival'.", 'Show respect']
    >>> text = "China’s “stern position” and “we're not there yet"
    >>> [text[q.start:q.end] for q in scan_quotes(text)]
    ['stern position', "we're not there yet"]
    """
    spans = _double_spans(text) + _single_spans(text)
    spans.sort(key=lambda q: (q.start, -q.end))
    top: list[QuoteSpan] = []
    for q in spans:
        # Only the last kept quotation can hold ``q``: the kept ones are disjoint (marks
        # included) and taken by start, so every earlier one ends before the last one opens,
        # and ``q`` opens after that. A quote nested in the last one (marks included, so one
        # touching its outer quote's marks still nests) or overlapping it is left out; the
        # first of two overlapping quotes is kept.
        if top and q.start - 1 < top[-1].end:
            continue
        top.append(q)
    return top


_SENTENCE_BREAK = re.compile(r"[.?!][’'\"”]*\s+[‘'\"“(\[]*[A-Z0-9]")


SENTENCE_END_BEFORE = re.compile(r"(^|[.?!:][’'\"”)\]]*)\s*$")


_CLOSERS_BEFORE = "’'\"”)]"


def ends_sentence_before(text: str, pos: int) -> bool:
    """Whether ``text[:pos]`` is blank or ends a sentence (``.?!:``, then closing marks and
    blanks): what :data:`SENTENCE_END_BEFORE` finds in ``text[:pos]``, read backwards from
    ``pos`` so the cost does not grow with the text before it.

    >>> ends_sentence_before("He left. “We", 9), ends_sentence_before("He said “we", 8)
    (True, False)
    """
    i = min(max(pos, 0), len(text))
    while i > 0 and text[i - 1].isspace():
        i -= 1
    if i == 0:
        return True
    while i > 0 and text[i - 1] in _CLOSERS_BEFORE:
        i -= 1
    return i > 0 and text[i - 1] in ".?!:"


def classify_kind(para_text: str, start: int, end: int, role: str = "body", attributed: bool = True) -> str:
    """full, partial or scare for the quote ``para_text[start:end]`` (see module docs).

    >>> classify_kind("“It’s serious,” he said.", 1, 14)
    'full'
    >>> classify_kind("He called it an “outrage” on Monday.", 17, 24)
    'partial'
    >>> classify_kind("The so-called “peace plan” was new.", 15, 25, attributed=False)
    'scare'
    """
    quoted = para_text[start:end]
    if _SENTENCE_BREAK.search(quoted.strip()):
        return "full"
    if role != "headline" and ends_sentence_before(para_text, start - 1):
        return "full"
    if not attributed and len(quoted.split()) <= 3:
        return "scare"
    return "partial"
