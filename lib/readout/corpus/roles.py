"""Split raw article text into paragraphs (with roles) and sentences, keeping exact offsets.

Every span returned here is a pair of character offsets into the text it was given,
so ``text[start:end]`` gives the span back. Nothing is dropped: every non-space
character of the input lies in exactly one paragraph.

Paragraphs
    Blocks are separated by blank lines. Inside a block each line is its own paragraph
    (saved web pages put headings, captions and widgets on their own lines), except that
    hard-wrapped prose (a long line that does not end a sentence) joins the next line.

Roles
    headline, dek, byline, dateline, body, caption, credit, furniture. Site rules for page
    furniture, bylines, datelines, captions and credits are regular expressions kept in
    ``data/page_furniture.csv`` so users can extend them. Detectors that do not depend on
    a site's wording (date lines, calls to action, link lists, the page's foot, a last line
    cut mid-sentence) and the structural rules (headline, dek, section headings) are in
    :func:`assign_roles`; lines repeated across the articles of an outlet, or across many
    articles, are re-labelled by :func:`corpus_roles` once every article is read. Every
    role comes with a ``role_basis`` saying which rule gave it: that column is the audit
    trail.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from readout.paths import DATA_DIR

ROLES = ("headline", "dek", "byline", "dateline", "body", "caption", "credit", "furniture")


_TERMINAL = tuple('.!?:;"”’)]。！？；：」』）')


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


@lru_cache(maxsize=8)
def corpus_rules(path: str) -> tuple[Rule, ...]:
    """The rules of one rules file (a corpus folder's own ``page_furniture.csv`` or ``data/``'s), read once."""
    return load_rules(Path(path))


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


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=4096)  # the role rules ask it of one paragraph several times
def n_words(text: str) -> int:
    """Words in ``text`` for the role rules: space-separated words, and Chinese text (written
    without spaces) counted as one word for every two Han characters.

    >>> n_words("Talks resume in Beijing"), n_words("双方进行了坦诚、深入的沟通。")
    (4, 7)
    """
    return len(text.split()) + len(_HAN.findall(text)) // 2


def _is_heading(text: str) -> bool:
    return (
        0 < n_words(text) <= 10
        and len(text) <= 80
        and not text.rstrip("’'\"”」』").endswith((".", ",", ";", "。", "，", "；"))
    )


# --------------------------------------------------------------------------- generic detectors
# Rules that do not depend on one site's wording: date lines, calls to action, name lines.

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_STRONG_DATE = re.compile(
    rf"(?ix)^(?:{_MONTH}|(?:19|20)\d\d|\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}|\d{{1,2}}[:.]\d\d(?:[:.]\d\d)?(?:[ap]\.?m\.?)?"
    r"|yesterday|today|ago)$"
)
_WEAK_DATE = re.compile(
    r"(?ix)^(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?|\d{1,2}(?:st|nd|rd|th)?|[ap]\.?m\.?|noon|midnight"
    r"|(?:gmt|utc)(?:[+-]\d{1,2}(?::?\d\d)?)?|[+-]\d{1,2}(?::?\d\d)?|e[sd]?t|c[sd]?t|p[sd]?t|bst|cest?|hkt|jst|kst|sgt|ist|bjt"
    r"|at|on|of|the|just|now|an?|hours?|hrs?|minutes?|mins?|days?|weeks?|months?|seconds?|secs?)$"
)
_DATE_PREFIX = re.compile(
    r"(?i)^\s*(?:(?:last|first|originally)\s+)?(?:updated|posted|published|modified|released|issued|date)\b\s*(?:on|at)?\s*:?\s*"
)
_SOURCE_PARENS = re.compile(r"^\s*\([^()]{1,30}\)\s*|\s*\([^()]{1,30}\)\s*$")  # "(Xinhua) 09:12, June 19"
_DATE_HINT = re.compile(r"(?i)\d|yesterday|today")  # every date line holds one of these
_PLACE = re.compile(r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}\s*,\s+")  # "Kuala Lumpur, 21 June 2023"


def _is_date_line(text: str) -> bool:
    """A line holding nothing but dates and times: "Updated: June 20, 2023 19:30", "19.06.2023, 14:22",
    "Published 8:30 AM, Jun 22, 2023 | Updated 3 hours ago", "(Xinhua) 09:12, June 19, 2023"."""
    if len(text) > 120 or not _DATE_HINT.search(text):
        return False
    segments = re.split(r"\s[|•·]\s|\s[|•·]$|^[|•·]\s", _PLACE.sub("", _SOURCE_PARENS.sub("", text)))
    for segment in segments:
        tokens = [t for t in re.split(r"[\s,]+", _DATE_PREFIX.sub("", segment)) if t]
        if not tokens or len(tokens) > 10 or not any(_STRONG_DATE.match(t) for t in tokens):
            return False
        if not all(_STRONG_DATE.match(t) or _WEAK_DATE.match(t) for t in tokens):
            return False
    return True


_QUOTES = '“”"«»„'
_CTA_START = re.compile(
    r"(?i)^(?:subscribe|sign\s?(?:up|in)|log\s?in|register\s+(?:now|today|here|for)|join\b|follow\s+(?:us|our|@|the|\w+\s+on)"
    r"|read\s+(?:more|next|also|the\s+full)|continue\s+reading|keep\s+reading|download\s+(?:the|our|now|free|\w+\s+app)"
    r"|get\s+(?:the|our|unlimited|full|more|breaking|exclusive|free|access|\$?\d)|enter\s+your|forward\s+this|click|tap\s"
    r"|watch\s+(?:live|now|the\s+video|our)|listen\s+(?:live|now|to\s+(?:the|our|this))|try\s+(?:it|our|\d|free)"
    r"|start\s+your|create\s+(?:a|an|your)\s+account|open\s+in\s+(?:the\s+)?app|install\b|don[’']t\s+miss|never\s+miss"
    r"|stay\s+(?:informed|up[\s-]to[\s-]date|updated|connected|tuned|in\s+the\s+know)|back\s+to\s+top|skip\s+to|view\s+(?:all|more|comments)"
    r"|see\s+(?:all|more)\b|load\s+more|show\s+more|more\s+from\b|support\s+(?:us|our)|donate\b|become\s+a\s+(?:member|subscriber)"
    r"|unlock\b|already\s+a\b|want\s+(?:more|to\s+read)|enjoy(?:ed)?\s+this|like\s+this\s+(?:story|article)|have\s+your\s+say"
    r"|was\s+this\s+(?:email|newsletter|article)|leave\s+a\s+comment|add\s+a\s+comment|report\s+an?\s+(?:error|typo)|by\s+signing\s+up|thanks?\s+(?:you\s+)?for\s+(?:signing|subscribing|reading))\b"
)
_CTA_WORDS = re.compile(
    r"(?i)\b(?:newsletters?|inbox|unsubscribe|privacy\s+policy|terms\s+(?:of|and)\s+(?:service|use|conditions)|subscribers?|subscription"
    r"|sign[\s-]?up|log\s?in|email\s+address|comments\s+below|the\s+conversation|app\s+store|google\s+play|our\s+app|the\s+app"
    r"|notifications|news\s+alerts|push\s+alerts|digital\s+access|full\s+access|paywall|(?:per|a)\s+(?:week|month)\s+for)\b"
)
_SECOND_PERSON = re.compile(r"(?i)\b(?:you|your|yours|our|us|here|now|today|free)\b|!")


def _is_call_to_action(text: str) -> bool:
    """A short prompt to the reader: subscribe, follow, join, share, read more, sign up, download the app..."""
    words = text.split()
    if not words or n_words(text) > 30 or any(q in text for q in _QUOTES):
        return False
    personal = bool(_SECOND_PERSON.search(text)) or (n_words(text) <= 8 and not _is_text(text))
    return personal and bool(_CTA_START.match(text) or _CTA_WORDS.search(text))


_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|van|von|de|da|del|bin|al-\w+)){1,3}"
_CAPITALISED = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}"  # one to three capitalised words
_NAME_LINE = re.compile(
    rf"^(?:{_NAME}(?:(?:,\s*|\s+and\s+|\s*&\s*){_NAME})*"
    rf"|{_CAPITALISED}(?:\s+(?:and|&)\s+{_CAPITALISED})?\s+in\s+{_CAPITALISED})$"
)  # "Jane Doe and Li Wen", "Reuters in Beijing"

_TERMINAL_TEXT = (".", "!", "?", ":", ";", "…", "。", "！", "？", "；", "：")
_BULLETS = frozenset("• · - – — * ▪ ■ ►".split())  # a bulleted list item is article text
_FUNCTION_WORDS = frozenset(
    "the a an of to in on at for with and or but by from as that which who whom whose than about into over after before "
    "between against during under his her their its our this these those is are was were be been has have had would "
    "could should will can may might not also said says".split()
)


_SPEAKER = re.compile(r"^[A-Z][\w .'’-]{0,40}:\s")  # a speaker's turn: "AFP: ...", "MODERATOR: ..."
_TRANSCRIPT_TURN = re.compile(r"^[A-Z][A-Z .'’-]{0,40}:\s+\S")  # a turn labelled in capitals is text, however short


def _is_text(text: str) -> bool:
    """Article text: a line ending a sentence, or too long for a title or a link.

    A short question with no speaker label and no quotation marks is a title ("What did they agree?").
    """
    words = text.split()
    if n_words(text) >= 20 or (len(words) >= 4 and words[0] in _BULLETS) or _TRANSCRIPT_TURN.match(text):
        return True
    if not text.isascii() and len(_HAN.findall(text)) >= 8 and any(mark in text for mark in "。！？：「“"):
        return True  # Chinese prose: a sentence end or a quotation inside it
    end = text.rstrip(CLOSING_MARKS + "*")
    if end.endswith("?") and len(words) <= 12 and not _SPEAKER.match(text) and not any(q in text for q in _QUOTES):
        return False
    return end.endswith(_TERMINAL_TEXT)


def _is_short_line(text: str) -> bool:
    """A title, link or label: at most 14 words and 120 characters, no sentence end."""
    return 0 < n_words(text) <= 14 and len(text) <= 120 and not _is_text(text)


def _is_cut_sentence(text: str, next_text: str | None) -> bool:
    """The page's last article line, stopped mid-sentence (a paywall or a truncated save)."""
    words = text.split()
    last = words[-1].strip(CLOSING_MARKS).casefold() if words else ""
    if n_words(text) < 3 or text.endswith(":"):
        return False
    if next_text is not None and _is_short_line(next_text) and not _is_call_to_action(next_text):
        return False  # a run of titles: a link list, not a cut sentence
    long_words = [w for w in words[1:] if len(w) > 3 and w[0].isalpha()]
    title_case = bool(long_words) and sum(w[0].isupper() for w in long_words) > 0.6 * len(long_words)
    return not title_case and (last in _FUNCTION_WORDS or text.endswith((",", "-", "–", "—")) or n_words(text) >= 8)


def _detect(text: str) -> tuple[str, str] | None:
    """The role of a paragraph that the generic detectors recognise, or None."""
    if _is_date_line(text):
        return "dateline", "date line: only dates and times"
    if _is_call_to_action(text):
        return "furniture", "call to action (subscribe, follow, sign up, read more...)"
    return None


# --------------------------------------------------------------------------- roles of one article


def _rule_roles(texts: list[str], rules: tuple[Rule, ...], keep: int | None) -> list[tuple[str, str] | None]:
    """Roles from exact repeats, the rules of ``page_furniture.csv`` and the generic detectors.

    Paragraph ``keep`` (the metadata headline) is left without a role.
    """
    any_rule = _any_rule(rules)
    out: list[tuple[str, str] | None] = [None] * len(texts)
    seen: dict[str, int] = {}
    for i, text in enumerate(texts):
        key = _normalise(text)
        if key in seen:
            out[i] = ("furniture", f"repeats paragraph {seen[key]}")
            continue
        seen[key] = i
        if i == keep:
            continue
        if any_rule is None or any_rule(text):
            rule = next((r for r in rules if r.matches(text)), None)
            if rule is not None:
                out[i] = (rule.role, f"rule: {rule.note}")
                continue
        out[i] = _detect(text)
    return out


def _choose_headline(texts: list[str], out: list, free: list[int], headline: str | None) -> tuple[int, str]:
    """The index of the headline among the ``free`` paragraphs, and the basis."""
    if headline:
        wanted = _normalise(headline)
        match = next((i for i in free if _normalise(texts[i]) == wanted), None)
        if match is not None:
            return match, "metadata headline"
    anchor = next((i for i in range(len(texts)) if _opens_article(texts, out, i)), len(texts))
    titles = [i for i in free if i < anchor and n_words(texts[i]) >= 3 and _is_short_line(texts[i])]
    if not titles or max(len(texts[i]) for i in titles) <= len(texts[free[0]]):
        return free[0], "first paragraph that is not page furniture"
    return max(titles, key=lambda i: (len(texts[i]), i)), "longest title-like line above the article text"


def _opens_article(texts: list[str], out: list, i: int) -> bool:
    """A byline, a date line, article text, or a name line above a date line: the headline is above it."""
    role = out[i][0] if out[i] is not None else None
    if role in ("byline", "dateline") or (role is None and _is_text(texts[i])):
        return True
    below = out[i + 1] if i + 1 < len(out) else None
    return role is None and below is not None and below[0] == "dateline" and bool(_NAME_LINE.match(texts[i]))


def _header(texts: list[str], out: list, rest: list[int]) -> list[int]:
    """Give roles to the dek, name-only bylines and labels between the headline and the article text.

    Returns the paragraphs still without a role.
    """
    if rest:
        cand = rest[0]
        after = range(cand + 1, min(cand + 4, len(texts)))
        framed = any((r := out[j]) is not None and r[0] in ("byline", "dateline") for j in after) or (
            cand + 1 < len(texts) and out[cand + 1] is None and bool(_NAME_LINE.match(texts[cand + 1]))
        )
        repeated = len(rest) > 1 and _normalise(texts[cand]) in _normalise(texts[rest[1]])
        dek_like = n_words(texts[cand]) >= 6 or _is_text(texts[cand])
        if dek_like and (framed or repeated):
            why = "precedes the byline or dateline" if framed else "summary repeated by the next paragraph"
            out[cand] = ("dek", f"first paragraph after the headline; {why}")
            rest = rest[1:]
    first_text = next((i for i in rest if _is_text(texts[i])), None)
    left = []
    for i in rest:
        if first_text is None or i >= first_text or not _is_short_line(texts[i]) or n_words(texts[i]) > 6:
            left.append(i)
            continue
        beside = [out[j] for j in (i - 1, i + 1) if 0 <= j < len(out)]
        if _NAME_LINE.match(texts[i]) and any(r is not None and r[0] in ("dateline", "byline", "dek") for r in beside):
            out[i] = ("byline", "names beside the date line or under the dek")
        else:
            out[i] = ("furniture", "label between the headline and the article text")
    return left


def _link_lists(texts: list[str], out: list) -> set[int]:
    """Short lines without a role in a run of three or more short lines and widgets, two or more of them short lines."""
    found: set[int] = set()
    shorts: list[int] = []
    length = 0
    for j in range(len(texts) + 1):
        r = out[j] if j < len(texts) else ("end", "")
        if r is None and _is_short_line(texts[j]):
            shorts.append(j)
            length += 1
        elif r is not None and r[0] == "furniture":
            length += 1
        else:
            if length >= 3 and len(shorts) >= 2:
                found.update(shorts)
            shorts, length = [], 0
    return found


def _body(texts: list[str], out: list, rest: list[int]) -> None:
    """Body, section headings, link lists and the page's foot, for the paragraphs after the header."""
    text_like = [i for i in rest if _is_text(texts[i])]
    last_text = text_like[-1] if text_like else None
    runs = _link_lists(texts, out)  # before any of them is given a role
    for k, i in enumerate(rest):
        text = texts[i]
        following = rest[k + 1 : k + 2]  # the next paragraph still without a role
        if _is_text(text):
            out[i] = ("body", "article text")
        elif last_text is not None and i > last_text:
            nxt = texts[i + 1] if i + 1 < len(texts) else None
            if i == last_text + 1 and _is_cut_sentence(text, nxt):
                out[i] = ("body", "last article line, cut mid-sentence")
            else:
                out[i] = ("furniture", "short line after the article text (link list or page foot)")
        elif i in runs:
            out[i] = ("furniture", "link list: a run of short lines")
        elif _is_heading(text) and following and _is_text(texts[following[0]]):
            out[i] = ("headline", "section heading: short line inside the body")
        else:
            out[i] = ("body", "article text")


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

    In order: exact repeats of an earlier paragraph, the rules of ``page_furniture.csv``,
    date lines and calls to action (the paragraph equal to the metadata headline is exempt);
    the headline (the metadata headline, else the longest title-like line above the first
    byline, date line or article text; lines above it are furniture); the dek, name lines
    and labels between the headline and the article text; then article text, section
    headings (a short line followed by article text), link lists (runs of short lines), and
    the page's foot (short lines after the last article text, except a last line cut
    mid-sentence, which is body).
    """
    rules = default_rules() if rules is None else tuple(rules)
    wanted = _normalise(headline) if headline else None
    keep = next((i for i, t in enumerate(texts) if _normalise(t) == wanted), None)
    out = _rule_roles(texts, rules, keep)
    if same_block_next:
        for i in range(len(texts) - 1):
            nxt = out[i + 1]
            if (
                out[i] is None
                and i != keep
                and same_block_next[i]
                and nxt
                and nxt[0] == "furniture"
                and _is_heading(texts[i].rstrip("?!"))
            ):
                out[i] = ("furniture", f"title of the widget on the next line (paragraph {i + 1})")

    free = [i for i, r in enumerate(out) if r is None]
    if not free:
        return out  # type: ignore[return-value,unused-ignore]  # every entry is set when none is free
    head, basis = _choose_headline(texts, out, free, headline)
    out[head] = ("headline", basis)
    above = "precedes the metadata headline" if basis == "metadata headline" else "precedes the headline"
    for i in free:
        if i < head:  # lines above the headline that no rule knows: page furniture, audited
            out[i] = ("furniture", above)
    rest = _header(texts, out, [i for i in free if i > head])
    _body(texts, out, rest)
    return out  # type: ignore[return-value,unused-ignore]


# --------------------------------------------------------------------------- roles across articles

_REPEAT_MAX_WORDS = 25  # longer repeated paragraphs are shared copy (wire text), not page furniture
_COPY_MIN_WORDS = 15  # two articles sharing two paragraphs this long are copies of one story


def _is_repeatable(role: str, basis: str) -> bool:
    return role == "body" or (role == "headline" and basis.startswith("section heading"))


def corpus_roles(
    articles: Sequence[tuple[str, Sequence[str], Sequence[tuple[str, str]]]],
) -> list[list[tuple[str, str]]]:
    """Re-label lines that repeat across articles as page furniture.

    ``articles`` holds one ``(outlet, paragraph texts, roles)`` per article, the roles as
    :func:`assign_roles` gave them. A body line or section heading of at most 25 words,
    without quotation marks, becomes furniture when the same line (ignoring case and
    spacing) is in two or more articles of its outlet, or, when it is a short line with no
    sentence end, in three or more articles of the corpus. Articles that share two or more
    long paragraphs are copies of one story (wire copy, an updated version): a line they
    alone share is not counted. Returns the roles, one list per article, with the basis
    naming the count.
    """
    keys = [[_normalise(t) for t in texts] for _, texts, _ in articles]
    long_keys = [{k for k in ks if n_words(k) >= _COPY_MIN_WORDS} for ks in keys]
    holders: dict[str, list[int]] = {}
    for a, ((_, texts, _), ks) in enumerate(zip(articles, keys)):
        for k, text in zip(ks, texts):
            if n_words(k) <= _REPEAT_MAX_WORDS and not any(q in text for q in _QUOTES):
                found = holders.setdefault(k, [])
                if not found or found[-1] != a:
                    found.append(a)

    def different_stories(group: list[int]) -> bool:
        group = group[:40]
        return any(len(long_keys[b] & long_keys[c]) < 2 for n, b in enumerate(group) for c in group[n + 1 :])

    out = []
    for a, ((outlet, texts, roles), ks) in enumerate(zip(articles, keys)):
        new = list(roles)
        for p, (k, text, (role, basis)) in enumerate(zip(ks, texts, roles)):
            group = holders.get(k, [])
            if len(group) < 2 or not _is_repeatable(role, basis):
                continue
            same = [b for b in group if articles[b][0] == outlet]
            if len(same) >= 2 and different_stories(same):
                new[p] = ("furniture", f"repeated in {len(same)} articles of the outlet {outlet}")
            elif len(group) >= 3 and _is_short_line(text) and different_stories(group):
                new[p] = ("furniture", f"repeated in {len(group)} articles of the corpus")
        out.append(new)
    return out


def relabel_repeated_lines(paragraphs, sentences, articles):
    """Apply :func:`corpus_roles` to a corpus's tables; returns ``(paragraphs, sentences)``.

    ``paragraphs`` and ``sentences`` have the columns of :data:`readout.corpus.model.PARAGRAPH_COLUMNS`
    and ``SENTENCE_COLUMNS``; ``articles`` has article_id and outlet. Sentences take the role
    of their paragraph. The tables are returned unchanged when no line moves.
    """
    outlets = dict(zip(articles["article_id"], articles["outlet"])) if "outlet" in articles else {}
    groups: dict[object, tuple[list, list[str], list[tuple[str, str]]]] = {}  # by first appearance
    columns = (
        paragraphs["article_id"],
        paragraphs.index,
        paragraphs["text"],
        paragraphs["role"],
        paragraphs["role_basis"],
    )
    for aid, i, text, role, basis in zip(*columns):
        index, texts, roles = groups.setdefault(aid, ([], [], []))
        index.append(i)
        texts.append(text)
        roles.append((role, basis))
    order = [index for index, _, _ in groups.values()]
    inputs = [(outlets.get(aid) or str(aid), texts, roles) for aid, (_, texts, roles) in groups.items()]
    changed: dict[object, tuple[str, str]] = {}
    for index, (_, _, roles), new in zip(order, inputs, corpus_roles(inputs)):
        changed.update((i, n) for i, old, n in zip(index, roles, new) if n != old)
    if not changed:
        return paragraphs, sentences
    paragraphs = paragraphs.copy()
    rows = list(changed)
    paragraphs.loc[rows, "role"] = [changed[i][0] for i in rows]
    paragraphs.loc[rows, "role_basis"] = [changed[i][1] for i in rows]
    role_of = dict(zip(zip(paragraphs["article_id"], paragraphs["para_id"]), paragraphs["role"]))
    sentences = sentences.copy()
    sentences["role"] = [
        role_of.get(key, r) for key, r in zip(zip(sentences["article_id"], sentences["para_id"]), sentences["role"])
    ]
    return paragraphs, sentences
