"""Split raw article text into paragraphs (with roles) and sentences, keeping exact offsets.

Every span returned here is a pair of character offsets into the text it was given,
so ``text[start:end]`` gives the span back. Nothing is dropped: every non-space
character of the input lies in exactly one paragraph.

Paragraphs
    Blocks are separated by blank lines. Inside a block each line is its own paragraph
    (saved web pages put headings, captions and widgets on their own lines), except that
    hard-wrapped prose (a long line that does not end a sentence) joins the next line.

Roles
    headline, dek, byline, dateline, body, caption, credit, furniture. Rules for page
    furniture, bylines, datelines, captions and credits are regular expressions kept in
    ``data/page_furniture.csv`` so users can extend them; structural rules (first
    paragraph is the headline, the next may be a dek, short unpunctuated lines inside the
    body are section headings) are in :func:`assign_roles`. Every role comes with a
    ``role_basis`` saying which rule gave it: that column is the audit trail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from readout.paths import DATA_DIR

ROLES = ("headline", "dek", "byline", "dateline", "body", "caption", "credit", "furniture")


_TERMINAL = tuple('.!?:;"”’)]')


CLOSING_MARKS = "”’\"')]"


_WRAP_MIN = 60  # a line this long that ends mid-sentence is taken as hard-wrapped prose


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern
    role: str
    full: bool
    note: str

    def matches(self, text: str) -> bool:
        return bool(self.pattern.fullmatch(text) if self.full else self.pattern.search(text))


def load_rules(path: Path | None = None) -> tuple[Rule, ...]:
    """Load role rules from ``data/page_furniture.csv`` (columns pattern, role, match, note)."""
    import csv

    path = Path(path or DATA_DIR / "page_furniture.csv")
    rules = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["role"] not in ROLES:
                raise ValueError(f"{path}: unknown role {row['role']!r} for pattern {row['pattern']!r}")
            rules.append(Rule(re.compile(row["pattern"]), row["role"], row["match"] == "full", row["note"]))
    return tuple(rules)


@lru_cache(maxsize=1)
def default_rules() -> tuple[Rule, ...]:
    return load_rules()


@lru_cache(maxsize=8)
def _any_rule(rules: tuple[Rule, ...]):
    """A test ``text -> bool`` that is True exactly when at least one of ``rules`` matches, or None.

    Most paragraphs are article text that no furniture rule matches. The rules anchored at
    the start (every full-match rule, and search rules beginning with ``^``) are joined into
    one pattern tried once at the start of the text; the few others are searched in turn.
    None when the rules cannot be joined (a pattern with flags of its own).
    """
    if any(r.pattern.flags != re.UNICODE for r in rules):
        return None  # a rule with flags of its own cannot join the others
    anchored = [r for r in rules if r.full or r.pattern.pattern.startswith("^")]
    others = [r.pattern for r in rules if r not in anchored]
    parts = [rf"(?:{r.pattern.pattern})\Z" if r.full else f"(?:{r.pattern.pattern})" for r in anchored]
    try:
        joined = re.compile("|".join(parts)) if parts else None
    except re.error:
        return None

    def any_rule(text: str) -> bool:
        return bool(joined is not None and joined.match(text)) or any(p.search(text) for p in others)

    return any_rule


def _lines(text: str):
    """Yield (start, end) of each line, without its line ending (handles \\n, \\r\\n, \\r)."""
    for match in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", text):
        line = match.group(0)
        if not line:
            continue
        stripped = line.rstrip("\r\n")
        yield match.start(), match.start() + len(stripped)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of each paragraph of ``text``.

    >>> split_paragraphs("Title\\n\\nFirst line.\\nSecond line.")
    [(0, 5), (7, 18), (19, 31)]
    """
    spans: list[tuple[int, int]] = []
    pending: tuple[int, int] | None = None
    for line_start, line_end in _lines(text):
        start, end = _trim(text, line_start, line_end)
        if start == end:  # blank line: closes any open paragraph
            if pending:
                spans.append(pending)
                pending = None
            continue
        if pending:
            prev = text[pending[0] : pending[1]]
            last_line = prev.rsplit("\n", 1)[-1]
            wrapped = len(last_line) >= _WRAP_MIN and not last_line.endswith(_TERMINAL)
            if wrapped:
                pending = (pending[0], end)
                continue
            spans.append(pending)
        pending = (start, end)
    if pending:
        spans.append(pending)
    return spans


def _normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def _is_heading(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 10 and len(text) <= 80 and not text.rstrip("’'\"”").endswith((".", ",", ";"))


def assign_roles(
    texts: list[str],
    rules: tuple[Rule, ...] | None = None,
    headline: str | None = None,
    same_block_next: list[bool] | None = None,
):
    """Give each paragraph text a role and the basis for it.

    ``headline`` (from metadata), when given, marks the paragraph that matches it.
    ``same_block_next[i]`` says paragraph i+1 follows i with no blank line between
    (a widget's title sits on the line above the widget). Returns a list of
    (role, role_basis) pairs, one per text.
    """
    rules = default_rules() if rules is None else tuple(rules)
    any_rule = _any_rule(rules)
    out: list[tuple[str, str] | None] = [None] * len(texts)
    seen: dict[str, int] = {}
    for i, text in enumerate(texts):
        key = _normalise(text)
        if key in seen:
            out[i] = ("furniture", f"repeats paragraph {seen[key]}")
            continue
        seen[key] = i
        if any_rule is not None and not any_rule(text):
            continue
        for rule in rules:
            if rule.matches(text):
                out[i] = (rule.role, f"rule: {rule.note}")
                break
    if same_block_next:
        for i in range(len(texts) - 1):
            nxt = out[i + 1]
            if (
                out[i] is None
                and same_block_next[i]
                and nxt
                and nxt[0] == "furniture"
                and _is_heading(texts[i].rstrip("?!"))
            ):
                out[i] = ("furniture", f"title of the widget on the next line (paragraph {i + 1})")

    free = [i for i, r in enumerate(out) if r is None]
    if not free:
        return out  # type: ignore[return-value,unused-ignore]  # every entry is set when none is free
    head = free[0]
    if headline:
        wanted = _normalise(headline)
        head = next((i for i in free if _normalise(texts[i]) == wanted), head)
    out[head] = (
        "headline",
        "metadata headline"
        if headline and _normalise(texts[head]) == _normalise(headline)
        else "first paragraph that is not page furniture",
    )

    for i in free:
        if i < head:  # lines above the metadata headline that no rule knows: page furniture, audited
            out[i] = ("furniture", "precedes the metadata headline")
    rest = [i for i in free if i > head]
    if rest:
        cand = rest[0]
        after = [i for i in range(cand + 1, min(cand + 4, len(texts)))]
        framed = any((r := out[j]) is not None and r[0] in ("byline", "dateline") for j in after)
        later = [j for j in rest[1:2]]
        repeated = any(_normalise(texts[cand]) in _normalise(texts[j]) for j in later)
        if framed or repeated:
            why = "precedes the byline or dateline" if framed else "summary repeated by the next paragraph"
            out[cand] = ("dek", f"first paragraph after the headline; {why}")
            rest = rest[1:]
    body_started = False
    for i in rest:
        if body_started and _is_heading(texts[i]):
            out[i] = ("headline", "section heading: short line inside the body")
        else:
            out[i] = ("body", "article text")
            body_started = True
    return out  # type: ignore[return-value,unused-ignore]
