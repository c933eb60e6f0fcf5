"""Load a corpus of plain-text articles into traceable tables.

A corpus is a folder of ``.txt`` files (UTF-8, one article each) with an optional
``articles.csv`` of metadata. The bundled corpus is ``seeds/`` with its metadata
in ``data/articles.csv``.

Tables (pandas DataFrames) on the :class:`Corpus` returned by :func:`load_corpus`:

``articles``
    article_id (str, the file stem), file (str, file name), outlet, outlet_kind,
    headline, byline, published (ISO date, may be empty), date_basis (how the
    date is known), wire_credits, n_paragraphs (int), n_sentences (int),
    n_words (int, words in analysed paragraphs), metadata_source ("csv" or "file").
``paragraphs``
    article_id, para_id (int, 0-based per article), role (see
    :data:`readout.segment.ROLES`), role_basis (the rule that gave the role),
    start, end (int character offsets into ``corpus.raw[article_id]``), text.
``sentences``
    article_id, para_id, sent_id (int, 0-based, unique within an article), role,
    start, end, text.

For every row, ``corpus.raw[article_id][start:end] == text``. Offsets count
characters of the decoded file, after a byte-order mark is removed and with line
endings untouched (a CRLF counts as two characters).

Analyses use the roles in :data:`ANALYSED_ROLES` by default; page furniture stays
in the tables (``corpus.furniture()`` is the audited list) so nothing is lost.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pandas as pd

ANALYSED_ROLES: tuple[str, ...] = ("headline", "dek", "body", "caption")

ARTICLE_COLUMNS = [
    "article_id",
    "file",
    "outlet",
    "outlet_kind",
    "headline",
    "byline",
    "published",
    "date_basis",
    "wire_credits",
]
PARAGRAPH_COLUMNS = ["article_id", "para_id", "role", "role_basis", "start", "end", "text"]
SENTENCE_COLUMNS = ["article_id", "para_id", "sent_id", "role", "start", "end", "text"]


class CorpusError(ValueError):
    """A corpus cannot be loaded. ``problems`` lists every problem found, each naming its file."""

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


@dataclass
class Corpus:
    """A loaded corpus: raw texts, the three tables, and the warnings raised while loading."""

    folder: Path
    raw: dict[str, str]
    articles: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    def cached(self, key: str, func: Callable[[], Any]) -> Any:
        """Return ``func()``, computed once per corpus and remembered under ``key``.

        With the disk cache on (:mod:`readout.cache`), the value is also shared with other
        processes reading the same corpus with the same library and data.
        """
        if key not in self._cache:
            from readout.cache import cached_value

            self._cache[key] = cached_value(self, key, func)
        return self._cache[key]

    def analysed_paragraphs(self, roles: tuple[str, ...] = ANALYSED_ROLES) -> pd.DataFrame:
        return self.paragraphs[self.paragraphs["role"].isin(roles)]

    def analysed_sentences(self, roles: tuple[str, ...] = ANALYSED_ROLES) -> pd.DataFrame:
        return self.sentences[self.sentences["role"].isin(roles)]

    def furniture(self) -> pd.DataFrame:
        """The audited list of paragraphs left out of analyses, with the rule that removed each."""
        mask = ~self.paragraphs["role"].isin(ANALYSED_ROLES)
        return self.paragraphs.loc[mask, ["article_id", "para_id", "role", "role_basis", "text"]]

    def span(self, article_id: str, start: int, end: int) -> str:
        return self.raw[article_id][start:end]

    @property
    def fingerprint(self) -> str:
        """A hash of the raw texts and metadata: a cache key that changes when the corpus does."""
        import hashlib

        digest = hashlib.sha256()
        for aid in sorted(self.raw):
            digest.update(aid.encode())
            digest.update(self.raw[aid].encode())
        digest.update(self.articles[ARTICLE_COLUMNS].to_csv(index=False).encode())
        return digest.hexdigest()[:16]


# --------------------------------------------------------------------------- reading files


def decode_article(path: Path, data: bytes) -> tuple[str, list[str]]:
    """Decode one article's bytes; return (text, warnings) or raise CorpusError naming the file."""
    warnings: list[str] = []
    if not data.removeprefix(b"\xef\xbb\xbf").strip():  # a byte-order mark alone is still empty
        raise CorpusError(f"{path}: the file is empty or holds only whitespace; add the article text or remove the file.")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise CorpusError(
            f"{path}: looks like a binary file, not text (NUL byte at offset {nul}); "
            "save the article as plain UTF-8 text (.txt)."
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        warnings.append(f"{path}: starts with a UTF-8 byte-order mark; it was removed and offsets count from the first character after it.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        line = data.count(b"\n", 0, exc.start) + 1
        hint = " (a Windows-1252 character, such as a curly quote?)" if 0x80 <= bad <= 0x9F else ""
        raise CorpusError(
            f"{path}: is not UTF-8: byte 0x{bad:02x} at offset {exc.start} (line {line}){hint}; "
            "re-save the file as UTF-8."
        ) from None
    if "\r\n" in text:
        warnings.append(f"{path}: uses CRLF (Windows) line endings; they are kept, and offsets count both characters.")
    elif "\r" in text:
        warnings.append(f"{path}: uses CR (old Mac) line endings; they are kept as line breaks.")
    return text, warnings


def read_metadata(csv_path: Path) -> pd.DataFrame:
    """Read an ``articles.csv``; raise CorpusError naming the file for a bad header or duplicate ids."""
    try:
        text = csv_path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{csv_path}: is not UTF-8 (byte at offset {exc.start}); re-save it as UTF-8.") from None
    table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    missing = [c for c in ("article_id", "file") if c not in table.columns]
    if missing:
        raise CorpusError(
            f"{csv_path}: missing column(s) {', '.join(missing)}; the metadata CSV needs at least "
            "article_id and file (see data/README.md)."
        )
    problems = []
    for column in ("article_id", "file"):
        dup = table[column][table[column].duplicated()].unique().tolist()
        if dup:
            problems.append(f"{csv_path}: duplicate {column} {', '.join(map(repr, dup))}; each article needs one row with a unique {column}.")
    if problems:
        raise CorpusError(problems)
    for column in ARTICLE_COLUMNS:
        if column not in table.columns:
            table[column] = ""
    return table


# --------------------------------------------------------------------------- building tables


def _article_tables(article_id: str, text: str, headline: str | None):
    from readout.segment import assign_roles, split_paragraphs, split_sentences

    para_spans = split_paragraphs(text)
    texts = [text[s:e] for s, e in para_spans]
    # A single line break (no blank line) between two paragraphs puts them in one block.
    joined = [len(re.findall(r"\r\n|\r|\n", text[e:s])) == 1 for (_, e), (s, _) in zip(para_spans, para_spans[1:])]
    roles = assign_roles(texts, headline=headline or None, same_block_next=joined)
    paragraphs, sentences = [], []
    sent_id = 0
    for para_id, ((start, end), (role, basis)) in enumerate(zip(para_spans, roles)):
        paragraphs.append((article_id, para_id, role, basis, start, end, texts[para_id]))
        spans = split_sentences(texts[para_id]) or [(0, end - start)]
        for s, e in spans:
            sentences.append((article_id, para_id, sent_id, role, start + s, start + e, text[start + s : start + e]))
            sent_id += 1
    return paragraphs, sentences


_DATE_FORMATS = ("%B %d, %Y", "%B %d %Y", "%b %d, %Y", "%b. %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d")


def _parse_date(text: str) -> str:
    from datetime import datetime

    cleaned = re.sub(r"^(Posted|Published|Updated)\s+", "", text.strip()).replace("Sept", "Sep")
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date().isoformat()
        except ValueError:
            continue
    return ""


def _fill_from_file(row: dict, paras: list[tuple], path: Path, warnings: list[str], from_csv: bool) -> None:
    """Fill empty metadata fields from what the file shows, recording a warning for each."""
    by_role: dict[str, str] = {}
    for _, _, role, _, _, _, text in paras:
        by_role.setdefault(role, text)
    filled = []
    if not row.get("headline"):
        row["headline"] = by_role.get("headline", "")
        filled.append("headline (first paragraph that is not page furniture)")
    if not row.get("byline") and "byline" in by_role:
        row["byline"] = re.sub(r"^By\s+", "", by_role["byline"])
        filled.append("byline")
    if not row.get("published"):
        date = _parse_date(by_role.get("dateline", ""))
        row["published"] = date
        row["date_basis"] = "printed dateline in the file" if date else "unknown: no date printed and none in metadata"
        filled.append("published" if date else "published (none found)")
    if not row.get("outlet"):
        row["outlet"] = row["article_id"]
        filled.append("outlet (the article id)")
    if filled and from_csv:
        warnings.append(f"{path}: metadata missing in articles.csv, taken from the file: {', '.join(filled)}.")
    elif not from_csv:
        warnings.append(
            f"{path}: has no row in articles.csv; metadata taken from the file ({', '.join(filled)}). "
            "Add a row to articles.csv to set outlet, date and credits."
        )


def load_article(file: Path, csv_row: dict | None = None):
    """Decode and segment one article file.

    ``csv_row`` is its row of ``articles.csv`` (a dict), if any. Returns ``(text, row,
    paragraphs, sentences, warnings)``: the decoded text, the article's metadata row
    (gaps filled from the file), lists of paragraph and sentence tuples (columns as
    :data:`PARAGRAPH_COLUMNS` and :data:`SENTENCE_COLUMNS`) and the warnings. Raises
    :class:`CorpusError` naming the file. Each article is independent of the others, so
    :func:`load_corpus` may map this over the files in any order or on other machines.
    """
    file = Path(file)
    text, warnings = decode_article(file, file.read_bytes())
    row = {c: "" for c in ARTICLE_COLUMNS} | (dict(csv_row) if csv_row else {})
    row["file"] = file.name
    row["article_id"] = row.get("article_id") or file.stem
    paras, sents = _article_tables(row["article_id"], text, row.get("headline"))
    _fill_from_file(row, paras, file, warnings, from_csv=csv_row is not None)
    return text, row | {"metadata_source": "csv" if csv_row else "file"}, paras, sents, warnings


def _try_load_article(file: Path, csv_row: dict | None):
    try:
        return load_article(file, csv_row)
    except CorpusError as exc:
        return exc


def _map_local(func, tasks):
    return [func(*task) for task in tasks]


def load_corpus(path: str | Path | None = None, metadata: str | Path | None = None, *, mapper=None) -> Corpus:
    """Load a corpus folder into a :class:`Corpus`.

    ``path`` is a folder of ``.txt`` files (default: the bundled ``seeds/``). ``metadata``
    is an ``articles.csv`` (default: the folder's own ``articles.csv``, or
    ``data/articles.csv`` for the bundled corpus). Every problem in the folder is
    collected before a :class:`CorpusError` is raised, so one run names every bad file;
    recoverable issues (a BOM, CRLF endings, a file with no metadata row) become
    ``corpus.warnings``.

    ``mapper(func, tasks)``, if given, replaces the per-file loop: it must return
    ``[func(*task) for task in tasks]`` in order (:mod:`readout.engine` passes one that
    runs on Dask).

    >>> corpus = load_corpus()
    >>> sorted(corpus.articles.columns)[:3]
    ['article_id', 'byline', 'date_basis']
    """
    from readout.paths import DATA_DIR, SEEDS_DIR

    folder = Path(path) if path is not None else SEEDS_DIR
    if not folder.is_dir():
        raise CorpusError(f"{folder}: no such folder; point --corpus at a folder of .txt files.")
    if metadata is None:
        own = folder / "articles.csv"
        if own.exists():
            metadata = own
        elif path is None and (DATA_DIR / "articles.csv").exists():
            metadata = DATA_DIR / "articles.csv"
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".txt" and p.is_file())
    if not files:
        raise CorpusError(f"{folder}: holds no .txt files; put one article per UTF-8 .txt file in it.")

    problems: list[str] = []
    warnings: list[str] = []
    meta = None
    if metadata is not None:
        try:
            meta = read_metadata(Path(metadata))
        except CorpusError as exc:
            problems.extend(exc.problems)
    stems: dict[str, Path] = {}
    for file in files:
        if file.stem in stems:
            problems.append(f"{file}: has the same article id {file.stem!r} as {stems[file.stem].name}; rename one of them.")
        stems[file.stem] = file
    by_file: dict[str, dict] = {}
    if meta is not None:
        names = {f.name for f in files}
        for i, row in enumerate(meta.to_dict("records"), start=2):
            if row["file"] not in names:
                problems.append(
                    f"{metadata}: line {i} names {row['file']!r}, which is not in {folder}; "
                    "add the file or remove the row."
                )
            by_file[row["file"]] = row

    tasks = [(file, by_file.get(file.name)) for file in files]

    def segment_all():
        return (mapper or _map_local)(_try_load_article, tasks)

    from readout import cache

    if cache.enabled():
        context = cache.files_context([*files, *([Path(metadata)] if metadata is not None else [])])
        results = cache.cached_in(context, "load_corpus", segment_all,
                                  store=lambda rs: not any(isinstance(r, CorpusError) for r in rs))
    else:
        results = segment_all()

    raw: dict[str, str] = {}
    article_rows, para_rows, sent_rows = [], [], []
    for file, result in zip(files, results):
        if isinstance(result, CorpusError):
            problems.extend(result.problems)
            continue
        text, row, paras, sents, file_warnings = result
        warnings.extend(file_warnings)
        aid = row["article_id"]
        if aid in raw:
            problems.append(f"{file}: article id {aid!r} is used twice; give each article a unique id.")
            continue
        raw[aid] = text
        article_rows.append(row)
        para_rows.extend(paras)
        sent_rows.extend(sents)
    if problems:
        raise CorpusError(problems)

    paragraphs = pd.DataFrame(para_rows, columns=PARAGRAPH_COLUMNS)
    sentences = pd.DataFrame(sent_rows, columns=SENTENCE_COLUMNS)
    articles = pd.DataFrame(article_rows)
    extra = [c for c in articles.columns if c not in ARTICLE_COLUMNS + ["metadata_source"]]
    articles = articles[ARTICLE_COLUMNS + extra + ["metadata_source"]]
    analysed = paragraphs[paragraphs["role"].isin(ANALYSED_ROLES)]
    articles["n_paragraphs"] = articles["article_id"].map(paragraphs.groupby("article_id").size()).fillna(0).astype(int)
    articles["n_sentences"] = articles["article_id"].map(sentences.groupby("article_id").size()).fillna(0).astype(int)
    words = analysed["text"].str.count(r"\w+").groupby(analysed["article_id"]).sum()
    articles["n_words"] = articles["article_id"].map(words).fillna(0).astype(int)
    return Corpus(folder=folder, raw=raw, articles=articles, paragraphs=paragraphs, sentences=sentences, warnings=warnings)


# --------------------------------------------------------------------------- table helpers


def rows_by_article(frame: pd.DataFrame, columns: list[str]) -> dict[str, list[tuple]]:
    """``frame``'s ``columns`` as plain tuples, grouped by ``article_id`` in table order.

    One pass over the table: analyses that walk an article's rows use this instead of
    filtering the whole table once per article (which grows with the square of the corpus).
    Articles appear in the order of their first row.

    >>> rows_by_article(pd.DataFrame({"article_id": ["b", "a", "b"], "n": [1, 2, 3]}), ["n"])
    {'b': [(1,), (3,)], 'a': [(2,)]}
    """
    out: dict[str, list[tuple]] = {}
    if not len(frame):
        return out
    values = [frame[c].tolist() for c in columns]
    for aid, *row in zip(frame["article_id"].tolist(), *values):
        out.setdefault(aid, []).append(tuple(row))
    return out


# --------------------------------------------------------------------------- export hooks


def articles_table(corpus: Corpus) -> pd.DataFrame:
    return corpus.articles


def paragraphs_table(corpus: Corpus) -> pd.DataFrame:
    return corpus.paragraphs


def sentences_table(corpus: Corpus) -> pd.DataFrame:
    return corpus.sentences


def keyword_in_context(corpus: Corpus, keyword: str, width: int = 60, roles: tuple[str, ...] = ANALYSED_ROLES) -> pd.DataFrame:
    """Find ``keyword`` (case-insensitive, whole words, a regex allowed) in the analysed text.

    Returns a DataFrame: article_id, para_id, sent_id, start, end (offsets of the match in
    the raw text), left, match, right (``width`` characters of context each side, line
    breaks shown as spaces).
    """
    pattern = re.compile(rf"\b{keyword}\w*", re.IGNORECASE)
    rows = []
    for sent in corpus.analysed_sentences(roles).itertuples(index=False):
        for m in pattern.finditer(sent.text):
            raw = corpus.raw[sent.article_id]
            start, end = sent.start + m.start(), sent.start + m.end()
            left = raw[max(0, start - width) : start]
            right = raw[end : end + width]
            rows.append(
                (sent.article_id, sent.para_id, sent.sent_id, start, end,
                 " ".join(left.split()) if left.strip() else "", raw[start:end], " ".join(right.split()))
            )
    return pd.DataFrame(rows, columns=["article_id", "para_id", "sent_id", "start", "end", "left", "match", "right"])
