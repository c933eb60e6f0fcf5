"""Read a folder of ``.txt`` articles and an optional ``articles.csv`` into a :class:`readout.corpus.model.Corpus`.

Every problem a file has is collected and raised together in one :class:`CorpusError`,
each naming its file and saying what to do; smaller problems become ``corpus.warnings``.

Files are read only from inside the corpus folder, only if they are regular files, and
never beyond a size limit (:mod:`readout.corpus.files`).
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import pandas as pd

from readout.corpus import cache
from readout.corpus.codebooks import codebook_path
from readout.corpus.documents import describe_documents
from readout.corpus.files import MAX_ARTICLE_BYTES, MAX_METADATA_BYTES, foreign_bom, read_file_bytes, shown
from readout.corpus.model import (
    ANALYSED_ROLES,
    ARTICLE_COLUMNS,
    PARAGRAPH_COLUMNS,
    SENTENCE_COLUMNS,
    Corpus,
    CorpusError,
)
from readout.corpus.roles import assign_roles, corpus_rules, relabel_repeated_lines, split_paragraphs
from readout.corpus.sentences import split_sentences
from readout.paths import DATA_DIR, SEEDS_DIR
from readout.text.tokens import count_words

#: at most this many problems of one kind are listed; the rest are counted
MAX_LISTED = 20


def decode_article(path: Path, data: bytes) -> tuple[str, list[str]]:
    """Decode one article's bytes; return (text, warnings) or raise CorpusError naming the file."""
    warnings: list[str] = []
    encoding = foreign_bom(data)
    if encoding is not None:
        raise CorpusError(
            f"{path}: is {encoding} text (it starts with a {encoding} byte-order mark); re-save it as UTF-8."
        )
    if not data.removeprefix(b"\xef\xbb\xbf").strip():  # a byte-order mark alone is still empty
        raise CorpusError(
            f"{path}: the file is empty or holds only whitespace; add the article text or remove the file."
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        raise CorpusError(
            f"{path}: looks like a binary file, not text (NUL byte at offset {nul}); "
            "save the article as plain UTF-8 text (.txt)."
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        warnings.append(
            f"{path}: starts with a UTF-8 byte-order mark; it was removed and offsets count from the first character after it."
        )
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


def read_metadata(csv_path: Path, data: bytes | None = None, root: Path | None = None) -> pd.DataFrame:
    """Read an ``articles.csv``; raise CorpusError naming the file for a file that cannot be
    read or parsed (not UTF-8, empty, not comma-separated, a malformed line), a bad or
    repeated column, or duplicate ids.

    ``data`` is its bytes if already read; ``root``, the folder it must resolve inside.
    """
    if data is None:
        data = read_file_bytes(csv_path, MAX_METADATA_BYTES, root)
    encoding = foreign_bom(data)
    if encoding is not None:
        raise CorpusError(f"{csv_path}: is {encoding} text; re-save it as UTF-8 (comma-separated).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{csv_path}: is not UTF-8 (byte at offset {exc.start}); re-save it as UTF-8.") from None
    if not text.strip():
        raise CorpusError(
            f"{csv_path}: is empty; it needs a header line with at least article_id,file (see data/README.md), "
            "or remove the file."
        )
    header = next(csv.reader(io.StringIO(text.lstrip("\r\n"))), [])
    if len(header) == 1:
        separator = next(
            (name for sep, name in ((";", "semicolons"), ("\t", "tabs"), ("|", "bars")) if sep in header[0]), None
        )
        if separator is not None:
            raise CorpusError(
                f"{csv_path}: its columns are separated by {separator}, not commas; save it as comma-separated CSV."
            )
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        raise CorpusError(
            f"{csv_path}: column(s) {', '.join(map(repr, repeated))} appear more than once in the header; "
            "keep one of each."
        )
    _check_fields(csv_path, text, len(header))
    try:
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, index_col=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        detail = " ".join(str(exc).split())
        raise CorpusError(
            f"{csv_path}: cannot be read as CSV ({detail}); check the quotation marks and the number of fields "
            "on that line."
        ) from None
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
            listed = ", ".join(map(repr, dup[:MAX_LISTED])) + (
                f" and {len(dup) - MAX_LISTED} more" if len(dup) > MAX_LISTED else ""
            )
            problems.append(
                f"{csv_path}: duplicate {column} {listed}; each article needs one row with a unique {column}."
            )
    if problems:
        raise CorpusError(problems)
    for column in ARTICLE_COLUMNS:
        if column not in table.columns:
            table[column] = ""
    return table


def _check_fields(csv_path: Path, text: str, width: int) -> None:
    """Raise CorpusError at the first line of ``text`` whose number of fields is not the
    header's ``width``, or whose quotation marks are malformed (pandas would shift or drop fields)."""
    reader = csv.reader(io.StringIO(text), strict=True)
    try:
        for row in reader:
            if row and len(row) != width:
                raise CorpusError(
                    f"{csv_path}: cannot be read as CSV: line {reader.line_num} has {len(row)} fields, the header "
                    f"{width}; check the commas and quotation marks on that line."
                )
    except csv.Error as exc:
        raise CorpusError(
            f"{csv_path}: cannot be read as CSV: line {reader.line_num}: {exc}; check the quotation marks on that line."
        ) from None


def _article_tables(article_id: str, text: str, headline: str | None, rules=None):

    para_spans = split_paragraphs(text)
    texts = [text[s:e] for s, e in para_spans]
    # A single line break (no blank line) between two paragraphs puts them in one block.
    joined = [len(re.findall(r"\r\n|\r|\n", text[e:s])) == 1 for (_, e), (s, _) in zip(para_spans, para_spans[1:])]
    roles = assign_roles(texts, rules=rules, headline=headline or None, same_block_next=joined)
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


def load_article(file: Path, csv_row: dict | None = None, data: bytes | None = None):
    """Decode and segment one article file.

    ``csv_row`` is its row of ``articles.csv`` (a dict), if any; ``data``, the file's bytes
    when already read (else it is read here, from inside its folder only:
    :func:`read_file_bytes`). Returns ``(text, row,
    paragraphs, sentences, warnings)``: the decoded text, the article's metadata row
    (gaps filled from the file), lists of paragraph and sentence tuples (columns as
    :data:`PARAGRAPH_COLUMNS` and :data:`SENTENCE_COLUMNS`) and the warnings. Raises
    :class:`CorpusError` naming the file. Each article is independent of the others, so
    :func:`load_corpus` may map this over the files in any order or on other machines.
    """
    file = Path(file)
    if data is None:
        data = read_file_bytes(file, MAX_ARTICLE_BYTES, root=file.parent)
    text, warnings = decode_article(file, data)
    row = {c: "" for c in ARTICLE_COLUMNS} | (dict(csv_row) if csv_row else {})
    row["file"] = file.name
    row["article_id"] = row.get("article_id") or file.stem
    # the corpus folder's own page_furniture.csv when it has one, else data/'s
    rules = corpus_rules(str(codebook_path("page_furniture.csv", file.parent)))
    paras, sents = _article_tables(row["article_id"], text, row.get("headline"), rules)
    _fill_from_file(row, paras, file, warnings, from_csv=csv_row is not None)
    return text, row | {"metadata_source": "csv" if csv_row else "file"}, paras, sents, warnings


def try_load_article(file: Path, csv_row: dict | None, data: bytes | None = None):
    try:
        return load_article(file, csv_row, data)
    except CorpusError as exc:
        return exc


def _map_local(func, tasks):
    return [func(*task) for task in tasks]


def _segment(folder: Path, files: list[Path], by_file: dict, metadata, meta_bytes: bytes | None, mapper) -> list:
    """:func:`try_load_article` for every file (through ``mapper``), in order.

    With the disk cache on, the files are read here, the cache key is their hash, and those
    same bytes are what is segmented: an edit made during the load cannot be cached under
    the old key. A file that cannot be read is an error in its place, and nothing is cached.
    """
    if not cache.enabled():
        return (mapper or _map_local)(try_load_article, [(file, by_file.get(file.name)) for file in files])
    data: dict[Path, bytes | CorpusError] = {}
    for file in files:
        try:
            data[file] = read_file_bytes(file, MAX_ARTICLE_BYTES, root=folder)
        except CorpusError as exc:
            data[file] = exc
    readable = [f for f in files if isinstance(data[f], bytes)]
    tasks = [(f, by_file.get(f.name), data[f]) for f in readable]

    def segment_all():
        return (mapper or _map_local)(try_load_article, tasks)

    if len(readable) == len(files) and (metadata is None or meta_bytes is not None):
        named: list[tuple[bytes, bytes]] = [(os.fsencode(str(Path(folder).resolve())), b"")]
        named += [(os.fsencode(f.name), d) for f in readable if isinstance(d := data[f], bytes)]
        if metadata is not None and meta_bytes is not None:
            named.append((os.fsencode(str(Path(metadata).resolve())), meta_bytes))
        results = cache.cached_in(
            cache.data_context(named),
            "load_corpus",
            segment_all,
            store=lambda rs: not any(isinstance(r, CorpusError) for r in rs),
        )
    else:
        results = segment_all()
    done = dict(zip(readable, results))
    return [done.get(f, data[f]) for f in files]


def load_corpus(path: str | Path | None = None, metadata: str | Path | None = None, *, mapper=None) -> Corpus:
    """Load a corpus folder into a :class:`Corpus`.

    ``path`` is a folder of ``.txt`` files (default: the bundled ``seeds/``). ``metadata``
    is an ``articles.csv`` (default: the folder's own ``articles.csv``, or
    ``data/articles.csv`` for the bundled corpus). Every problem in the folder is
    collected before a :class:`CorpusError` is raised, so one run names every bad file;
    recoverable issues (a BOM, CRLF endings, a file with no metadata row) become
    ``corpus.warnings``.

    ``mapper(func, tasks)``, if given, replaces the per-file loop: it must return
    ``[func(*task) for task in tasks]`` in order (:mod:`readout.scale.export` passes one that
    runs on Dask).

    >>> corpus = load_corpus()
    >>> list(corpus.articles.columns[:2]), len(corpus.articles)
    (['article_id', 'file'], 5)
    """

    folder = Path(path) if path is not None else SEEDS_DIR
    if not folder.is_dir():
        raise CorpusError(f"{shown(folder)}: no such folder; point --corpus at a folder of .txt files.")
    if metadata is None:
        own = folder / "articles.csv"
        if own.exists() or own.is_symlink():
            metadata = own
        elif path is None and (DATA_DIR / "articles.csv").exists():
            metadata = DATA_DIR / "articles.csv"
    try:
        entries = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".txt")
    except OSError as exc:
        raise CorpusError(f"{shown(folder)}: cannot be listed ({exc.strerror}); make the folder readable.") from None
    problems: list[str] = []
    files = []
    for entry in entries:
        try:
            entry.name.encode("utf-8")
        except UnicodeEncodeError:
            problems.append(f"{shown(entry)}: the file name is not valid UTF-8; rename the file.")
            continue
        files.append(entry)
    if not entries:
        raise CorpusError(f"{shown(folder)}: holds no .txt files; put one article per UTF-8 .txt file in it.")

    warnings: list[str] = []
    meta = None
    meta_bytes = None
    if metadata is not None:
        try:
            inside = Path(metadata) == folder / "articles.csv"  # the corpus's own: read from inside the folder only
            meta_bytes = read_file_bytes(Path(metadata), MAX_METADATA_BYTES, folder if inside else None)
            meta = read_metadata(Path(metadata), meta_bytes)
        except CorpusError as exc:
            problems.extend(exc.problems)
    stems: dict[str, Path] = {}
    for file in files:
        if file.stem in stems:
            problems.append(
                f"{file}: has the same article id {file.stem!r} as {stems[file.stem].name}; rename one of them."
            )
        stems[file.stem] = file
    by_file: dict[str, dict] = {}
    if meta is not None:
        names = {f.name for f in entries}
        missing = 0
        for i, row in enumerate(meta.to_dict("records"), start=2):
            if row["file"] not in names:
                missing += 1
                if missing <= MAX_LISTED:
                    problems.append(
                        f"{metadata}: line {i} names {row['file']!r}, which is not in {folder}; "
                        "add the file or remove the row."
                    )
            by_file[row["file"]] = row
        if missing > MAX_LISTED:
            problems.append(f"{metadata}: {missing - MAX_LISTED} more rows name files that are not in {folder}.")

    results = _segment(folder, files, by_file, metadata, meta_bytes, mapper)

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
    # Lines repeated across articles are furniture: needs every article, so it runs after the per-file map.
    paragraphs, sentences = relabel_repeated_lines(paragraphs, sentences, articles)
    analysed = paragraphs[paragraphs["role"].isin(ANALYSED_ROLES)]
    articles["n_paragraphs"] = articles["article_id"].map(paragraphs.groupby("article_id").size()).fillna(0).astype(int)
    articles["n_sentences"] = articles["article_id"].map(sentences.groupby("article_id").size()).fillna(0).astype(int)
    words = analysed["text"].map(count_words).groupby(analysed["article_id"]).sum()
    articles["n_words"] = articles["article_id"].map(words).fillna(0).astype(int)
    try:
        articles = describe_documents(articles, paragraphs)
    except ValueError as exc:
        raise CorpusError(f"{metadata}: {exc}; fix the column (see data/README.md)") from None
    return Corpus(
        folder=folder, raw=raw, articles=articles, paragraphs=paragraphs, sentences=sentences, warnings=warnings
    )
