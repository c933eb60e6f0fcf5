"""The ``readout`` command line: check a corpus, export its tables, build the reports.

Exit codes: 0 success (``check``: clean), 1 ``check`` found warnings only, 2 errors: a
corpus that cannot be loaded, an ``--out`` that cannot be used, a failing notebook, any
other failure (each with a message naming the file or option, never a traceback; set
``READOUT_DEBUG=1`` to see one). An export stopped by Ctrl-C exits 130, by SIGTERM 143.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path

from readout.analysis.actor_suggestions import write_actor_suggestions
from readout.corpus.loading import load_corpus
from readout.corpus.model import CorpusError
from readout.paths import SEEDS_DIR
from readout.reports.build import build_reports
from readout.reports.notebook_io import ReportError
from readout.scale.export import ExportInterrupted, ExportTimings, export_tables, print_timings
from readout.scale.formats import FORMATS
from readout.scale.output import MANIFEST, ExportError, read_manifest

EXIT_OK, EXIT_WARNINGS, EXIT_ERRORS = 0, 1, 2


#: corpora with at least this many articles, or this many bytes, get progress bars (on a terminal)
PROGRESS_MIN_ARTICLES = 200
PROGRESS_MIN_BYTES = 5 * 2**20


def _corpus_size(folder: Path) -> tuple[int, int]:
    """(.txt entries, bytes of those that are regular files) in ``folder``, without reading them."""
    n_files = n_bytes = 0
    if folder.is_dir():
        for path in folder.glob("*.txt"):
            n_files += 1
            try:
                if path.is_file():
                    n_bytes += path.stat().st_size
            except OSError:
                pass
    return n_files, n_bytes


def _progress_factory(n_files: int, n_bytes: int = 0):
    """A progress-bar factory for :func:`readout.scale.export.export_tables`, or None.

    Bars show only when stderr is a terminal and the corpus is large enough to wait for:
    many articles, or a few large ones (the table bar then names the stage at work).
    Piped or redirected output stays quiet.
    """
    if (n_files < PROGRESS_MIN_ARTICLES and n_bytes < PROGRESS_MIN_BYTES) or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return lambda total, desc, unit: tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, leave=False)


def cmd_check(args) -> int:
    try:
        corpus = load_corpus(args.corpus)
    except CorpusError as exc:
        print(f"{len(exc.problems)} problem(s) stop this corpus from loading:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  error: {problem}", file=sys.stderr)
        return EXIT_ERRORS
    roles = corpus.paragraphs["role"].value_counts()
    print(f"Corpus: {corpus.folder}")
    print(f"  {len(corpus.articles)} articles, {len(corpus.paragraphs)} paragraphs, {len(corpus.sentences)} sentences")
    print("  paragraphs by role: " + ", ".join(f"{role} {n}" for role, n in roles.items()))
    for w in corpus.warnings:
        print(f"  warning: {w}")
    if corpus.warnings:
        print(f"{len(corpus.warnings)} warning(s).")
        return EXIT_WARNINGS
    print("No problems found.")
    return EXIT_OK


def cmd_export(args) -> int:
    folder = Path(args.corpus) if args.corpus else SEEDS_DIR
    if args.jobs is not None and args.jobs < 1:
        print(f"error: --jobs {args.jobs}: give 1 or more worker processes.", file=sys.stderr)
        return EXIT_ERRORS
    if args.spreadsheet_safe and args.format != "csv":
        print(
            f"error: --spreadsheet-safe: applies to --format csv only; --format {args.format} keeps every text "
            "as it is (spreadsheet programs do not open Parquet). Leave out one of the two.",
            file=sys.stderr,
        )
        return EXIT_ERRORS
    timings = ExportTimings()
    try:
        corpus, names = export_tables(
            args.corpus,
            args.out,
            engine=args.engine,
            scheduler=args.scheduler,
            progress=_progress_factory(*_corpus_size(folder)),
            timings=timings,
            jobs=args.jobs,
            spreadsheet_safe=args.spreadsheet_safe,
            table_format=args.format,
        )
    except CorpusError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return EXIT_ERRORS
    except ExportInterrupted as exc:
        print(f"interrupted ({exc}): {_left_behind(Path(args.out))}", file=sys.stderr)
        return 128 + exc.signal
    except KeyboardInterrupt:
        print(f"interrupted: {_left_behind(Path(args.out))}", file=sys.stderr)
        return 130
    for w in corpus.warnings:
        print(f"warning: {w}", file=sys.stderr)
    if args.timings:
        print(f"Seconds per stage ({len(corpus.raw)} articles, engine {args.engine}):", file=sys.stderr)
        print_timings(timings, len(corpus.raw))
    print(f"Wrote {len(names)} tables and {MANIFEST} to {args.out}: {', '.join(f'{n}.{args.format}' for n in names)}")
    if args.spreadsheet_safe:
        print(
            "Spreadsheet-safe: fields starting with = + - @ (not numbers), a tab or a carriage return carry a "
            "leading '; offsets no longer index those fields."
        )
    return EXIT_OK


def _left_behind(out: Path) -> str:
    """What an interrupted export left in ``out``, in words."""
    manifest = read_manifest(out)
    if manifest is not None and manifest.get("complete") is True:
        return f"{out} still holds the earlier complete export; no table of this run was written."
    return f"{out} holds no complete export (readout.read_export refuses it); run the export again."


def cmd_report(args) -> int:
    if not args.no_cache:  # notebooks share the analysis tables through the disk cache
        os.environ.setdefault("READOUT_CACHE", "1")
    try:
        result = build_reports(args.corpus, args.out, jobs=args.jobs)
    except CorpusError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return EXIT_ERRORS
    except ReportError as exc:
        print(f"error: report build failed: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    for w in result.warnings:
        print(f"warning: {w}", file=sys.stderr)
    print(f"Wrote {len(result.pages)} pages for {len(result.notebooks)} notebooks; open {result.out / 'index.html'}")
    return EXIT_OK


def cmd_actors_suggest(args) -> int:
    try:
        corpus = load_corpus(args.corpus)
    except CorpusError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return EXIT_ERRORS
    out = Path(args.out) if args.out else Path("actors_suggested.csv")
    table = write_actor_suggestions(corpus, out)
    print(f"Wrote {len(table)} suggested actors to {out}; review each side and kind before adding rows to actors.csv.")
    return EXIT_OK


def _table_format(value: str) -> str:
    """The ``--format`` of ``readout export``: csv or parquet (argparse reports anything else, exit 2)."""
    if value.lower() in FORMATS:
        return value.lower()
    hint = " (for a spreadsheet, export CSV with --spreadsheet-safe)" if value.lower() in ("xls", "xlsx", "ods") else ""
    raise argparse.ArgumentTypeError(
        f"{value!r} is not a table format readout writes; use {' or '.join(FORMATS)}{hint}"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="readout", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    corpus_help = "a folder of .txt files with an optional articles.csv (default: the bundled seeds/)"

    check = sub.add_parser("check", help="validate a corpus and print a summary")
    check.add_argument("--corpus", help=corpus_help)
    check.set_defaults(func=cmd_check)

    export = sub.add_parser("export", help="write every table the library builds as CSV (or Parquet)")
    export.add_argument("--out", required=True, help="folder for the tables (and export.json)")
    export.add_argument("--corpus", help=corpus_help)
    export.add_argument(
        "--format",
        type=_table_format,
        default="csv",
        metavar="{csv,parquet}",
        help="csv (default): text exactly as the articles print it, readable anywhere; parquet: smaller and "
        "quicker to load, column types kept (read with pandas.read_parquet or readout.read_export)",
    )
    export.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local (default) or dask: per-article stages on a Dask cluster (pip install 'readout[dask]')",
    )
    export.add_argument(
        "--scheduler", help="address of a running Dask scheduler (default: a local cluster, one worker per core)"
    )
    export.add_argument(
        "--jobs",
        type=int,
        default=None,
        help="worker processes of the local engine (default: one per core, on corpora of "
        "200 articles or more; 1 runs everything in one process)",
    )
    export.add_argument("--timings", action="store_true", help="print seconds and articles/second per stage to stderr")
    export.add_argument(
        "--spreadsheet-safe",
        action="store_true",
        help="prefix ' to fields starting with = + - @ (not numbers), tab or CR, so spreadsheet programs do not run "
        "them as formulas; offsets then no longer index those fields",
    )
    export.set_defaults(func=cmd_export)

    report = sub.add_parser("report", help="execute the notebooks and write the HTML reports")
    report.add_argument("--corpus", help=corpus_help)
    report.add_argument("--out", help="output folder (default: reports/ in the project)")
    report.add_argument("--jobs", type=int, default=None, help="notebooks run at once (default: one per core)")
    report.add_argument(
        "--no-cache",
        action="store_true",
        help="do not share analysis tables between notebooks through the disk cache (.cache/)",
    )
    report.set_defaults(func=cmd_report)

    actors = sub.add_parser("actors", help="work with the actor codebook")
    actors_sub = actors.add_subparsers(dest="actors_command", required=True)
    suggest = actors_sub.add_parser(
        "suggest", help="write a draft actors.csv of the people and organisations the codebook lacks, to review"
    )
    suggest.add_argument("--corpus", help=corpus_help)
    suggest.add_argument("--out", help="the CSV to write (default: actors_suggested.csv)")
    suggest.set_defaults(func=cmd_actors_suggest)
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a file name that is not UTF-8 is shown escaped, not a crash
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a stream that cannot be reconfigured
                reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except CorpusError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return EXIT_ERRORS
    except ExportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    except KeyboardInterrupt:
        print(f"interrupted: readout {args.command} stopped.", file=sys.stderr)
        return 130
    except Exception as exc:
        if os.environ.get("READOUT_DEBUG"):
            raise
        print(f"error: readout {args.command} failed: {_describe(exc)}", file=sys.stderr)
        return EXIT_ERRORS


def _describe(exc: BaseException) -> str:
    """An exception in one line, naming the file where it has one."""
    if isinstance(exc, OSError) and exc.filename is not None:
        return f"{exc.filename}: {exc.strerror or exc}"
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''} (READOUT_DEBUG=1 shows the traceback)"


if __name__ == "__main__":
    raise SystemExit(main())
