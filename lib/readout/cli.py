"""The ``readout`` command line: check a corpus, export its tables, build the reports.

Exit codes: 0 success (``check``: clean), 1 ``check`` found warnings only,
2 errors (a corpus that cannot be loaded, a failing notebook).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from readout.corpus.loading import load_corpus
from readout.corpus.model import CorpusError
from readout.paths import SEEDS_DIR
from readout.reports.build import build_reports
from readout.reports.notebook_io import ReportError
from readout.scale.export import ExportTimings, export_tables, print_timings

EXIT_OK, EXIT_WARNINGS, EXIT_ERRORS = 0, 1, 2


#: corpora with at least this many articles get progress bars (on a terminal)
PROGRESS_MIN_ARTICLES = 200


def _progress_factory(n_files: int):
    """A progress-bar factory for :func:`readout.scale.export.export_tables`, or None.

    Bars show only when stderr is a terminal and the corpus is large enough to wait for;
    piped or redirected output stays quiet.
    """
    if n_files < PROGRESS_MIN_ARTICLES or not sys.stderr.isatty():
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
    n_files = sum(1 for p in folder.glob("*.txt")) if folder.is_dir() else 0
    timings = ExportTimings()
    try:
        corpus, names = export_tables(
            args.corpus,
            args.out,
            engine=args.engine,
            scheduler=args.scheduler,
            progress=_progress_factory(n_files),
            timings=timings,
            jobs=args.jobs,
        )
    except CorpusError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return EXIT_ERRORS
    for w in corpus.warnings:
        print(f"warning: {w}", file=sys.stderr)
    if args.timings:
        print(f"Seconds per stage ({len(corpus.raw)} articles, engine {args.engine}):", file=sys.stderr)
        print_timings(timings, len(corpus.raw))
    print(f"Wrote {len(names)} tables to {args.out}: {', '.join(n + '.csv' for n in names)}")
    return EXIT_OK


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="readout", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    corpus_help = "a folder of .txt files with an optional articles.csv (default: the bundled seeds/)"

    check = sub.add_parser("check", help="validate a corpus and print a summary")
    check.add_argument("--corpus", help=corpus_help)
    check.set_defaults(func=cmd_check)

    export = sub.add_parser("export", help="write every table the library builds as CSV")
    export.add_argument("--out", required=True, help="folder for the CSV files")
    export.add_argument("--corpus", help=corpus_help)
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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
