"""The cue grammar of the topic and frame codebooks.

A codebook cell lists cues separated by ``;`` (:func:`split_cell`); a cue is a word or phrase,
matched as whole words, case-insensitively, with any run of white space for a space, and a
trailing ``*`` for any word ending (:func:`cue_pattern`, :func:`any_cue_pattern`).
:class:`JoinedTexts` searches many sentences at once and maps hits back to each sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable


def split_cell(cell: str) -> list[str]:
    return [c.strip() for c in str(cell or "").split(";") if c.strip()]


def cue_pattern(cue: str) -> re.Pattern:
    r"""Compile a codebook cue into a case-insensitive whole-word pattern.

    Words may be separated by any white space; a hyphen in the cue also matches a
    space or nothing; an apostrophe matches ' or ’; a trailing ``*`` matches any
    word ending.

    >>> bool(cue_pattern("export control*").search("new Export  Controls on chips"))
    True
    >>> bool(cue_pattern("trade").search("trader"))
    False
    """
    parts = []
    for word in cue.split():
        star = word.endswith("*")
        word = word.rstrip("*")
        piece = ""
        for ch in word:
            if ch in "-‐‑":
                piece += r"[-‐‑\s]?"
            elif ch in "'’":
                piece += "['’]"
            else:
                piece += re.escape(ch)
        if star:
            piece += r"[\w'’\-]*"
        parts.append(piece)
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


#: Characters outside ASCII that a case-insensitive pattern matches to an ASCII
#: character although their ``str.lower()`` is not that character.
_FOLD_TO_ASCII = (("İ", "i"), ("ı", "i"), ("ſ", "s"))


TEXT_SEPARATOR = "\x00"


def _fold(text: str) -> bytes:
    """``text`` lower-cased for finding ASCII cue prefixes, one byte per character
    (characters outside ASCII become ``?``).

    >>> _fold("Taiwan’s STRAIT İs")
    b'taiwan?s strait is'
    """
    for ch, ascii_ch in _FOLD_TO_ASCII:
        if ch in text:
            text = text.replace(ch, ascii_ch)
    return text.lower().encode("ascii", "replace")


def cue_prefix(cue: str) -> str:
    """The lower-case ASCII text every match of :func:`cue_pattern` starts with ('' if unknown).

    The leading ASCII characters of the cue's first word, up to the first hyphen,
    apostrophe or ``*`` (those match more than one character).

    >>> cue_prefix("Taiwan Strait"), cue_prefix("mil-to-mil"), cue_prefix("Russia's"), cue_prefix("Ürümqi")
    ('taiwan', 'mil', 'russia', '')
    """
    words = cue.split()
    prefix = []
    for ch in words[0] if words else "":
        if not ch.isascii() or ch in "-'*":
            break
        prefix.append(ch.lower())
    return "".join(prefix)


class JoinedTexts:
    """The texts of some sentences joined by NUL, for matching every sentence in one pass.

    No cue pattern crosses a NUL (it is neither a word character nor white space), and
    a NUL before or after a sentence looks to ``(?<!\\w)`` and ``(?!\\w)`` like the
    start or end of the text, so a match in the joined text is a match in its sentence.
    """

    def __init__(self, texts: list[str]):
        self.texts = texts
        self.joined = TEXT_SEPARATOR.join(texts)
        self.bases = []
        pos = 0
        for t in texts:
            self.bases.append(pos)
            pos += len(t) + 1
        folded = _fold(self.joined)
        joinable = len(folded) == len(self.joined) and self.joined.count(TEXT_SEPARATOR) == max(len(texts) - 1, 0)
        self.folded = folded if joinable else None
        self._starts: dict[str, list[int]] = {}

    def starts(self, prefix: str) -> list[int]:
        """Every offset in the joined text where ``prefix`` (lower-case ASCII) begins, case
        folded: the only places a pattern whose matches start with ``prefix`` can match."""
        found = self._starts.get(prefix)
        if found is None:
            found = self._starts[prefix] = []
            folded = self.folded
            assert folded is not None, "starts() needs the folded text"
            find, needle = folded.find, prefix.encode("ascii")
            pos = find(needle)
            while pos >= 0:
                found.append(pos)
                pos = find(needle, pos + 1)
        return found

    def spans(self, pattern: re.Pattern, prefix: str | tuple[str, ...] = "") -> list[tuple[int, int, int]]:
        """``(sentence index, start, end)`` of every match, as ``pattern.finditer`` finds
        them in each sentence, in sentence order. ``prefix`` (see :func:`cue_prefix`), or a
        tuple of them for a pattern whose alternatives start differently, lets the search
        try only the offsets where one begins."""
        prefixes = (prefix,) if isinstance(prefix, str) else tuple(prefix)
        if self.folded is None or not prefixes or not all(prefixes):
            return [(i, m.start(), m.end()) for i, text in enumerate(self.texts) for m in pattern.finditer(text)]
        starts = (
            self.starts(prefixes[0]) if len(prefixes) == 1 else sorted({p for x in prefixes for p in self.starts(x)})
        )
        out = []
        bases, joined, match = self.bases, self.joined, pattern.match
        end = 0
        for pos in starts:
            if pos < end:  # inside the previous match: finditer resumes after it
                continue
            m = match(joined, pos)
            if m is not None:
                end = m.end()
                i = bisect_right(bases, pos) - 1
                out.append((i, pos - bases[i], end - bases[i]))
        return out


def any_cue_pattern(cues: str | Iterable[str]) -> re.Pattern | None:
    """Compile cue terms into one case-insensitive regular expression.

    ``cues`` is a ``;``-separated string or a list. Each cue follows the project's one cue
    grammar, :func:`readout.text.cues.cue_pattern` (the topic codebook's): whole words, a
    trailing ``*`` matches any ending (``communicat*``), a hyphen also matches a space or
    nothing, straight and curly apostrophes are the same. Longer cues win over their
    prefixes. Returns None when there is no cue.

    >>> p = any_cue_pattern("internal affairs; interfer*")
    >>> [m.group(0) for m in p.finditer("stop interfering in China's internal affairs")]
    ['interfering', 'internal affairs']
    """

    if isinstance(cues, str):
        cues = cues.split(";")
    # longest first; cues of one length keep the codebook's order (a set's order would change
    # from run to run with string hashing, and with it which of two such cues matches)
    cues = sorted(dict.fromkeys(c.strip() for c in cues if c and c.strip()), key=len, reverse=True)
    parts = [cue_pattern(c).pattern for c in cues]
    if not parts:
        return None
    return re.compile(first_letters(cues) + "|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


def first_letters(cues: Iterable[str]) -> str:
    """A lookahead for the letters cues can start with, or "" when a cue starts otherwise.

    Every cue pattern begins with its first character, so a position holding none of them
    fails at once instead of trying each alternative (the matches are the same).
    """
    firsts = set()
    for cue in cues:
        first = cue.lstrip()[:1]
        if not first.isalnum():
            return ""
        firsts.add(first.lower())
    return "(?=[" + "".join(re.escape(ch) for ch in sorted(firsts)) + "])" if firsts else ""


def find_cues(text: str, pattern: re.Pattern | None, exclude: re.Pattern | None = None) -> list[tuple[int, int, str]]:
    """(start, end, matched text) of every cue in ``text``; spans inside an ``exclude`` match drop."""
    if pattern is None or not text:
        return []
    blocked = [(m.start(), m.end()) for m in exclude.finditer(text)] if exclude is not None else []
    out = []
    for m in pattern.finditer(text):
        if any(s <= m.start() and m.end() <= e for s, e in blocked):
            continue
        out.append((m.start(), m.end(), m.group(0)))
    return out
