"""The actor codebook and the actor mentions found in a corpus.

The codebook (``data/actors.csv``, or an ``actors.csv`` inside a corpus folder) has one row per actor:
actor (canonical name), kind (person, institution, group), side (US, China, Other), role, aliases
(``|``-separated) and notes. :func:`find_mentions` finds every surface form of every actor in the
analysed text and returns a table whose offsets index ``corpus.raw``; :func:`resolve_name` maps any
surface string to a canonical actor; :func:`unknown_names` lists capitalised names the codebook does
not cover; :func:`score_mentions` measures the finder against hand-labelled mentions.

This module holds the codebook and the name matcher; :mod:`readout.analysis.mentions` finds the
mentions in a corpus with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from readout.analysis.names import FIELD_OF_TITLE, bare_word, is_name_word, title_case
from readout.analysis.third_countries import owned_by_third_country
from readout.paths import DATA_DIR
from readout.text.spans import DisjointSpans

CODEBOOK_COLUMNS = ["actor", "kind", "side", "role", "aliases", "notes"]


KINDS = ("person", "institution", "state", "group")


#: The sides of the bundled codebook. A corpus's own codebook may name other parties: a side is
#: any name, ``Other`` for an actor who speaks for no party (``Unknown`` is kept for the text).
SIDES = ("US", "China", "Other")


METHODS = ("full name", "alias", "surname", "title + surname", "descriptor", "pronoun")


#: Titles recognised before a bare surname ("Secretary Blinken"). Longest first is not
#: needed: every title is its own alternative.
TITLES = (
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Prof.",
    "Professor",
    "Secretary",
    "Secretary of State",
    "Sen.",
    "Senator",
    "Rep.",
    "Representative",
    "President",
    "Vice President",
    "Premier",
    "Minister",
    "Foreign Minister",
    "Defense Minister",
    "Defence Minister",
    "Commerce Minister",
    "Chairman",
    "Chairwoman",
    "Chair",
    "Director",
    "Ambassador",
    "Spokesperson",
    "Spokesman",
    "Spokeswoman",
    "Gen.",
    "General",
    "Adm.",
    "Admiral",
    "Assistant Secretary",
    "Deputy Secretary",
    "Under Secretary",
    "Coordinator",
    "Adviser",
    "Gov.",
    "Governor",
    "Speaker",
    "Leader",
    "Chancellor",
    "Prime Minister",
    "Foreign Secretary",
    "Defense Secretary",
    "Treasury Secretary",
    "Commerce Secretary",
)


#: Words that may sit between an institution and a person's name in a title
#: ("State Department spokesperson Matthew Miller"). Capitalised words are always allowed.
TITLE_WORDS = {
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "coordinator",
    "adviser",
    "advisor",
    "secretary",
    "minister",
    "official",
    "envoy",
    "ambassador",
    "senior",
    "deputy",
    "press",
    "assistant",
    "under",
    "chief",
    "head",
    "president",
    "member",
    "of",
    "for",
    "and",
    "the",
}


_APOS = "['\u2019]"


class CodebookError(ValueError):
    """The actor codebook cannot be used; the message names the file, the line and the fix."""


def codebook_path(corpus=None) -> Path:
    """The codebook used for ``corpus``: its folder's own ``actors.csv`` if present, else ``data/actors.csv``."""

    folder = getattr(corpus, "folder", None)
    if folder is not None and (Path(folder) / "actors.csv").exists():
        return Path(folder) / "actors.csv"
    return DATA_DIR / "actors.csv"


def load_codebook(path: str | Path | None = None, corpus=None) -> pd.DataFrame:
    """Load and check an actor codebook.

    ``path`` None means the corpus folder's own ``actors.csv`` when ``corpus`` is given and
    has one, else the project's ``data/actors.csv``; a path may be a CSV file or a corpus
    folder holding ``actors.csv``. Returns a DataFrame with columns actor, kind, side,
    role, aliases, notes (strings; empty cells are ""). Raises :class:`CodebookError`
    naming the file and line for a missing column, a duplicate actor, an unknown kind, an
    empty side, an alias given to two actors (only surnames may be shared; an alias dated
    "[from YYYY-MM-DD]" names a later holder), or a date written otherwise.

    >>> book = load_codebook()
    >>> book.set_index("actor").loc["Antony Blinken", "side"]
    'US'
    """
    if path is None:
        path = codebook_path(corpus)
    path = Path(path)
    if path.is_dir():
        path = path / "actors.csv"
    if not path.exists():
        raise CodebookError(f"{path}: no such codebook; copy data/actors.csv there or pass another path.")
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CodebookError(f"{path}: is not UTF-8 (byte at offset {exc.start}); re-save it as UTF-8.") from None
    missing = [c for c in CODEBOOK_COLUMNS if c not in table.columns]
    if missing:
        raise CodebookError(
            f"{path}: missing column(s) {', '.join(missing)}; the header must be {','.join(CODEBOOK_COLUMNS)}."
        )
    table = table[CODEBOOK_COLUMNS].apply(lambda col: col.str.strip())
    problems = []
    seen: dict[str, int] = {}
    for i, row in enumerate(table.itertuples(index=False), start=2):
        if not row.actor:
            problems.append(f"{path}: line {i} has no actor name; fill the actor column or delete the row.")
        elif row.actor in seen:
            problems.append(
                f"{path}: line {i} repeats actor {row.actor!r} (first on line {seen[row.actor]}); merge the rows."
            )
        else:
            seen[row.actor] = i
        if row.kind not in KINDS:
            problems.append(f"{path}: line {i} ({row.actor}) has kind {row.kind!r}; use one of {', '.join(KINDS)}.")
        if not row.side or row.side in ("Unknown", "none"):
            problems.append(
                f"{path}: line {i} ({row.actor}) has side {row.side!r}; name the party the actor speaks for "
                f"({', '.join(SIDES)} in the bundled codebook) or Other."
            )
        for alias in (row.aliases or "").split("|"):
            if "[" in alias and not DATED_ALIAS.search(alias):
                problems.append(
                    f"{path}: line {i} ({row.actor}) has alias {alias.strip()!r}; a dated alias is written "
                    "'words [from YYYY-MM-DD]'."
                )
    owners: dict[str, str] = {}
    for i, row in enumerate(table.itertuples(index=False), start=2):
        for alias in _aliases(row):
            key = _norm(alias)
            other = owners.get(key)
            if other and other != row.actor and not (_is_surname(alias, row) and " " not in alias):
                problems.append(
                    f"{path}: line {i} gives alias {alias!r} to {row.actor!r}, but {other!r} has it too; "
                    "an alias (other than a surname) must name one actor."
                )
            owners.setdefault(key, row.actor)
    if problems:
        raise CodebookError("\n".join(problems))
    return table.reset_index(drop=True)


def _aliases(row) -> list[str]:
    """The aliases that name the actor at any date (those with a "[from ...]" date are held apart)."""
    return [a.strip() for a in (row.aliases or "").split("|") if a.strip() and not DATED_ALIAS.search(a)]


#: An alias that names the actor only from a date on: "China's foreign minister [from 2023-07-25]" (an office
#: that changed hands; earlier, the same words name whoever else the codebook gives them to).
DATED_ALIAS = re.compile(r"\s*\[from\s+(\d{4}-\d{2}-\d{2})\]\s*$")


def dated_aliases(row) -> list[tuple[str, str]]:
    """(alias, first date) for each alias of ``row`` written with "[from YYYY-MM-DD]"."""
    found = ((alias, DATED_ALIAS.search(alias)) for alias in (row.aliases or "").split("|"))
    return [(alias[: m.start()].strip(), m.group(1)) for alias, m in found if m is not None]


def _tokens(name: str) -> list[str]:
    return name.split()


def _is_surname(alias: str, row) -> bool:
    return row.kind == "person" and alias in _tokens(row.actor) and alias != row.actor


#: How an institution's country is written before or after its name. A codebook institution named in
#: one form is also matched in the others: "Chinese Ministry of Commerce" as "China's Ministry of
#: Commerce" or "Ministry of Commerce of the People's Republic of China" (the form of that ministry's
#: own English pages), "U.S. Department of State" as "United States Department of State".
COUNTRY_FORMS = (
    (("Chinese ", "China's "), (" of the People's Republic of China", " of China")),
    (("U.S. ", "US ", "United States "), (" of the United States",)),
)


def country_variants(surface: str) -> list[str]:
    """The other ways of writing an institution's name with its country (:data:`COUNTRY_FORMS`).

    Only a capitalised name is varied ("Ministry of Commerce", not "commerce ministry").

    >>> country_variants("the Chinese Ministry of Commerce")[:3]
    ["China's Ministry of Commerce", "Ministry of Commerce of the People's Republic of China", 'Ministry of Commerce of China']
    >>> country_variants("China's commerce ministry")
    []
    """
    name = surface[4:] if surface.startswith("the ") else surface
    for prefixes, suffixes in COUNTRY_FORMS:
        core = _country_core(name, prefixes, suffixes)
        if core:
            forms = [p + core for p in prefixes] + [core + x for x in suffixes]
            return [f for f in forms if f != name]
    return []


def country_core(surface: str) -> str | None:
    """An institution's name without its country (:data:`COUNTRY_FORMS`), or None.

    >>> country_core("Ministry of Commerce of the People's Republic of China"), country_core("Ministry of Commerce")
    ('Ministry of Commerce', None)
    """
    name = surface[4:] if surface.startswith("the ") else surface
    return next((c for prefixes, suffixes in COUNTRY_FORMS if (c := _country_core(name, prefixes, suffixes))), None)


def _country_core(name: str, prefixes: tuple[str, ...], suffixes: tuple[str, ...]) -> str | None:
    core = next((name[len(p) :] for p in prefixes if name.startswith(p)), None)
    core = core or next((name[: -len(x)] for x in suffixes if name.endswith(x)), None)
    return core if core and core[0].isupper() and len(core.split()) >= 2 else None


def _norm(text: str) -> str:
    """Normalise a surface for lookup: one space, straight apostrophes, US for U.S., lower-case initial capital."""
    text = re.sub(r"\s+", " ", text.strip()).replace("\u2019", "'")
    text = re.sub(r"(?<![\w.])U\.S\.(?=\W|$)", "US", text)
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        text = text[0].lower() + text[1:]
    return text


class _Entry:
    __slots__ = ("actor", "method", "needs_context")

    def __init__(self, actor: str, method: str, needs_context: bool):
        self.actor, self.method, self.needs_context = actor, method, needs_context


class Matcher:
    """Compiled patterns for one codebook (built by :func:`matcher`)."""

    def __init__(self, book: pd.DataFrame):
        self.book = book.set_index("actor")
        self.kind: dict[str, str] = dict(zip(book["actor"], book["kind"]))
        self.side: dict[str, str] = dict(zip(book["actor"], book["side"]))
        self.entries: dict[str, list[_Entry]] = {}
        self.aliases_of: dict[str, list[str]] = {row.actor: _aliases(row) for row in book.itertuples(index=False)}
        #: normalised, lower-cased alias -> [(first date, actor)]: who an office's words name from that date on
        self.successions: dict[str, list[tuple[str, str]]] = {}
        for row in book.itertuples(index=False):
            for alias, since in dated_aliases(row):
                self.successions.setdefault(_norm(alias).lower(), []).append((since, row.actor))
        self.full_names: dict[str, set[str]] = {}  # actor -> normalised names that count as "named in full"
        self.surnames: dict[str, str] = {}
        surname_owners: dict[str, set[str]] = {}
        declared: dict[str, bool] = {}
        for row in book.itertuples(index=False):
            if row.kind != "person":
                continue
            declared_names = [a for a in _aliases(row) if _is_surname(a, row)]
            surname = declared_names[0] if declared_names else _tokens(row.actor)[-1]
            if len(_tokens(row.actor)) < 2:
                continue
            self.surnames[row.actor] = surname
            declared[row.actor] = bool(declared_names)
            surname_owners.setdefault(surname, set()).add(row.actor)
        lookaheads: dict[str, str] = {}
        for row in book.itertuples(index=False):
            actor = row.actor
            self.full_names[actor] = {_norm(actor)}
            self._add(actor, actor, "descriptor" if row.kind == "group" else "full name", False)
            for alias in _aliases(row):
                method = self._alias_method(alias, row)
                if method in ("surname", "title + surname"):
                    continue  # added below with the surname rules
                if method == "alias" and row.kind == "person":
                    self.full_names[actor].add(_norm(alias))
                self._add(alias, actor, method, False)
            if actor in self.surnames:
                surname = self.surnames[actor]
                given = [t for t in _tokens(actor) if t != surname]
                if given:
                    lookaheads[surname] = lookaheads.get(surname, "") + "".join(
                        rf"(?!\s+{re.escape(g)}\b)" for g in given[:1]
                    )
                shared = len(surname_owners[surname]) > 1
                needs = shared or not declared[actor]
                self._add(surname, actor, "surname", needs)
                for title in TITLES:
                    self._add(f"{title} {surname}", actor, "title + surname", needs)
                for alias in _aliases(row):
                    if self._alias_method(alias, row) == "title + surname":
                        self._add(alias, actor, "title + surname", needs)
        for row in book.itertuples(index=False):
            if row.kind == "institution":
                for surface in [row.actor, *_aliases(row)]:
                    for variant in country_variants(surface):
                        if not self.entries.get(_norm(variant)):  # never another actor's name
                            self._add(variant, row.actor, "alias", False)
        self._lookaheads = lookaheads
        self.pattern = self._compile()
        #: each family-name holder's role, as printed in the codebook
        self.roles: dict[str, str] = {
            person: str(self.book.loc[person, "role"]) if person in self.book.index else "" for person in self.surnames
        }
        self._own_words: dict[str, frozenset[str]] = {}

    # -- building
    def _alias_method(self, alias: str, row) -> str:
        if row.kind == "group":
            return "descriptor"
        if row.kind != "person":
            return "alias"
        tokens = _tokens(row.actor)
        words = alias.split()
        if alias in tokens:
            return "surname"
        if not any(w.strip(".,'’") in tokens for w in words):
            return "descriptor"
        if len(words) >= 2 and words[-1] in tokens and " ".join(words[:-1]) in TITLES:
            return "title + surname"
        return "alias"

    def _add(self, surface: str, actor: str, method: str, needs_context: bool) -> None:
        for variant in (surface,):
            bucket = self.entries.setdefault(_norm(variant), [])
            if not any(e.actor == actor for e in bucket):
                bucket.append(_Entry(actor, method, needs_context))
            elif method == "full name":
                for e in bucket:
                    if e.actor == actor:
                        e.method, e.needs_context = method, False

    def _compile(self) -> re.Pattern:
        """One regex for every surface, built as a trie of regex atoms so that shared
        prefixes are tried once (a plain alternation of hundreds of names is slow)."""
        trie: dict = {}
        for key in self.entries:
            node = trie
            for atom in _surface_atoms(key):
                node = node.setdefault(atom, {})
            tail = ""
            if key.split()[-1] in self._lookaheads and self.entries[key][0].method in ("surname", "title + surname"):
                tail = self._lookaheads[key.split()[-1]]
            node[None] = tail
        return re.compile(r"(?<![\w])(?=(" + _trie_regex(trie) + "))")

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, surface) name matches in ``text``: longest first, then leftmost.

        An alias never matches inside a longer proper name: a match directly after a word
        that could be part of a personal name ("Nicholas Burns" is not Bill Burns, "National
        People's Congress" is not the U.S. Congress) or, outside title-case headlines, directly
        before one ("Wang Yi" is not a Wang of the codebook) is dropped, unless that word is
        one of the actor's own names ("Antony J. Blinken").
        """
        found = [(m.start(1), m.end(1)) for m in self.pattern.finditer(text)]
        headline = len(text) < 300 and title_case(text)
        found = [(s, e) for s, e in found if not self._inside_longer_name(text, s, e, headline)]
        found = self._without_titles_cut_by_names(text, found)
        found.sort(key=lambda se: (se[0] - se[1], se[0]))
        taken = DisjointSpans()
        for s, e in found:
            taken.add_if_free(s, e)
        return [(s, e, text[s:e]) for s, e in taken.spans()]

    def _without_titles_cut_by_names(self, text: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Drop a title and family name that a full name overlaps and runs past: in "Commerce
        Minister Wang Wentao", "Minister Wang" is longer than "Wang Wentao" but only the full name
        says who is meant. ``found`` holds (start, end) matches by start."""
        ends = sorted(found)
        out = []
        for n, (s, e) in enumerate(ends):
            later = ends[n + 1 : n + 4]  # matches that start inside this one are among the next few
            if any(s < s2 < e < e2 for s2, e2 in later) and all(
                x.method in ("title + surname", "surname") for x in self.lookup(text[s:e])
            ):
                continue
            out.append((s, e))
        return out

    def _own_words_of(self, surface: str) -> frozenset[str]:
        """The words of the names of every actor ``surface`` may stand for (memoised)."""
        own = self._own_words.get(surface)
        if own is None:
            words: set[str] = set()
            for entry in self.lookup(surface):
                words.update(entry.actor.split())
                words.update(w for a in self.aliases_of.get(entry.actor, ()) for w in a.split())
            own = self._own_words[surface] = frozenset(words)
        return own

    def _inside_longer_name(self, text: str, start: int, end: int, headline: bool) -> bool:
        if text[start].islower() and owned_by_third_country(text, start):
            return True  # "Russian state media", "North Korea's state media": not the codebook's
        own = self._own_words_of(text[start:end])
        before = _PREVIOUS_WORD.search(text[max(0, start - 80) : start])
        if before is not None:
            word = before.group(1)
            if (
                is_name_word(word)
                and bare_word(word) not in own
                and not re.search(r"[,;:.!?)\]\"”]$", word)
                and not FIELD_OF_TITLE.search(text, max(0, start - 120), start)
            ):
                return True
        if not headline:
            after = _NEXT_WORD.match(text, end)
            if after is not None and is_name_word(after.group(1)) and after.group(1) not in own:
                return True
        return False

    # -- using
    def succession(self, surface: str) -> list[tuple[str, str]]:
        return self.successions.get(_norm(surface).lower(), [])

    def lookup(self, surface: str) -> list[_Entry]:
        return self.entries.get(_norm(surface), [])


def _surface_atoms(key: str) -> list[str]:
    """Regex atoms for a normalised surface: an initial lower-case letter matches either
    case, "US" matches "U.S." too, a space matches any white space, ' matches a curly
    apostrophe."""
    atoms: list[str] = []
    for i, token in enumerate(key.split(" ")):
        if i:
            atoms.append(r"\s+")
        rest = token
        if token == "US" or token.startswith("US'"):
            atoms.append(r"(?:U\.S\.|US)")
            rest = token[2:]
        elif i == 0 and token[:1].islower():
            atoms.append(f"[{token[0]}{token[0].upper()}]")
            rest = token[1:]
        atoms.extend(_APOS if ch == "'" else re.escape(ch) for ch in rest)
    return atoms


def _trie_regex(node: dict) -> str:
    """Regex for a trie of atoms: longer continuations first, then the end of a surface
    (a word boundary plus any lookahead stored at the leaf)."""
    alternatives = [atom + _trie_regex(child) for atom, child in node.items() if atom is not None]
    if None in node:
        alternatives.append(r"(?![\w])" + node[None])
    if len(alternatives) == 1:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")"


#: the word directly before a match, joined to it by a single space (middle initials skipped)
_PREVIOUS_WORD = re.compile(r"(\S+) (?:[A-Z]\. )*$")


#: the word directly after a match, joined to it by a single space
_NEXT_WORD = re.compile(r" ([A-Z][\w’'\-]*)(?![\w])(?!\.\w)")


_MATCHERS: dict[int, tuple[pd.DataFrame, Matcher]] = {}


#: id of a codebook DataFrame seen before -> (that DataFrame, its content key); the frame is
#: kept so its id cannot be reused by another object
_KEYS_BY_ID: dict[int, tuple[pd.DataFrame, int]] = {}


_DEFAULT_CODEBOOK: dict[tuple, pd.DataFrame] = {}  # (path, mtime, size) of data/actors.csv -> codebook


def matcher(codebook: pd.DataFrame | None = None) -> Matcher:
    """The compiled :class:`Matcher` for ``codebook`` (default: ``load_codebook()``), memoised.

    Memoised on the codebook's content, so two DataFrames holding the same codebook share
    one matcher; a DataFrame passed again is recognised by identity without rehashing
    (codebooks are not meant to be edited in place once used).
    """
    if codebook is None:
        path = codebook_path()
        stat = path.stat() if path.exists() else None
        stamp = (str(path), stat.st_mtime_ns, stat.st_size) if stat else (str(path),)
        if stamp not in _DEFAULT_CODEBOOK:
            _DEFAULT_CODEBOOK.clear()
            _DEFAULT_CODEBOOK[stamp] = load_codebook(path)
        codebook = _DEFAULT_CODEBOOK[stamp]
    seen = _KEYS_BY_ID.get(id(codebook))
    if seen is not None and seen[0] is codebook:
        key = seen[1]
    else:
        key = hash(tuple(map(tuple, codebook[CODEBOOK_COLUMNS].itertuples(index=False))))
        if len(_KEYS_BY_ID) > 64:
            _KEYS_BY_ID.clear()
        _KEYS_BY_ID[id(codebook)] = (codebook, key)
    if key not in _MATCHERS:
        _MATCHERS[key] = (codebook, Matcher(codebook))
    return _MATCHERS[key][1]


def resolve_name(text: str, codebook: pd.DataFrame | None = None, context: Iterable[str] | None = None) -> str | None:
    """Map a surface string to a canonical actor, or None.

    The whole string is tried first as an alias; otherwise the actor names inside it are
    found and the last person named wins (a title's head is its last name:
    "Chinese Ministry of Foreign Affairs spokesperson Wang Wenbin" is Wang Wenbin), or
    failing a person the last institution or group. A surname shared by several actors
    ("Wang") resolves only if ``context`` (actors already named, e.g. in the same
    article) contains exactly one of them. Returns None for a bare title ("the senior
    official"), a pronoun, or a name the codebook lacks.

    >>> resolve_name("Mr. Blinken")
    'Antony Blinken'
    >>> resolve_name("Chinese Ministry of Foreign Affairs spokesperson Wang Wenbin")
    'Wang Wenbin'
    >>> resolve_name("the State Department")
    'U.S. Department of State'
    >>> resolve_name("the senior official") is None
    True
    """
    if not isinstance(text, str) or not text.strip():
        return None
    m = matcher(codebook)
    context = set(context or ())
    cleaned = re.sub(r"[\u2019']s$", "", text.strip().strip(',.;:()[]"“”‘’'))
    found = []
    for _, _, surface in m.spans(cleaned):
        actor = _choose(m.lookup(surface), context)
        if actor is not None:
            found.append(actor)
    if not found:
        return None
    people = [a for a in found if m.kind.get(a) == "person"]
    return (people or found)[-1]


def _choose(entries: list[_Entry], context: set[str]) -> str | None:
    if len(entries) == 1:
        return entries[0].actor
    hits = [e.actor for e in entries if e.actor in context]
    return hits[0] if len(hits) == 1 else None
