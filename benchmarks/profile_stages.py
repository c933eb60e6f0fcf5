"""CPU seconds per export stage, for this tree and (optionally) an earlier revision, side by side.

    python benchmarks/profile_stages.py [--corpus DIR | --n 300] [--revision REV] [--profile TABLE]

Every stage runs in one process, in the order of ``readout.scale.tables.TABLES`` after loading,
timed with ``time.process_time()`` (CPU time), so other work on the machine does not
inflate the figures the way it inflates wall time. A table that reuses another's memoised
result (quotes reuse mentions) is charged only for its own work. ``--revision`` checks the
library of a git revision out into a temporary folder (with that revision's ``data/``) and
times it on the same corpus, in a fresh interpreter; ``--profile TABLE`` prints the
functions that hold most of that table's time (cProfile, CPU clock) for this tree.
Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

_TIMER = r"""
import cProfile, json, pstats, sys, time
from readout.corpus.loading import load_corpus
from readout.scale.tables import TABLES, build_table
corpus_dir, profile = sys.argv[1], sys.argv[2]
out = {}
t = time.process_time()
corpus = load_corpus(corpus_dir)
out["load"] = time.process_time() - t
for name in TABLES:
    prof = cProfile.Profile(time.process_time) if name == profile else None
    t = time.process_time()
    if prof:
        prof.enable()
    build_table(name, corpus)
    if prof:
        prof.disable()
        pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
    out[name] = time.process_time() - t
print(json.dumps({"n": len(corpus.raw), "stages": out}))
"""


def time_stages(lib: Path, corpus: Path, profile: str = "") -> dict:
    """Run the timer with ``lib`` first on the path; returns {"n": articles, "stages": {name: CPU s}}."""
    env = {**os.environ, "PYTHONPATH": str(lib)}
    done = subprocess.run(
        [sys.executable, "-c", _TIMER, str(corpus), profile], env=env, check=True, capture_output=True, text=True
    )
    if profile:
        print(done.stderr, file=sys.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def checkout(revision: str, folder: Path) -> Path:
    """The ``lib/`` of ``revision`` (with its ``data/`` and ``seeds/`` beside it) under ``folder``."""
    archive = subprocess.run(
        ["git", "archive", revision, "lib", "data", "seeds"], cwd=ROOT, check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    if (ROOT / "nltk_data").exists():
        (folder / "nltk_data").symlink_to(ROOT / "nltk_data")
    return folder / "lib"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", help="corpus folder (default: a synthetic corpus of --n articles)")
    parser.add_argument("--n", type=int, default=300, help="articles of the synthetic corpus (default 300)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--revision", help="a git revision to time beside this tree")
    parser.add_argument("--profile", default="", help="print the cProfile of this table (this tree)")
    args = parser.parse_args(argv)
    if args.corpus:
        corpus = Path(args.corpus)
    else:
        sys.path.insert(0, str(HERE))
        from generate_corpus import generate_corpus

        corpus = generate_corpus(args.n, seed=args.seed)
    columns = {"this tree": time_stages(ROOT / "lib", corpus, args.profile)}
    if args.revision:
        with tempfile.TemporaryDirectory(prefix="readout-rev-") as tmp:
            columns[args.revision] = time_stages(checkout(args.revision, Path(tmp)), corpus)
    n = next(iter(columns.values()))["n"]
    names = list(dict.fromkeys(k for c in columns.values() for k in c["stages"]))
    order = list(reversed(columns))  # the earlier revision first
    print(f"CPU seconds per stage, {n:,} articles (`{corpus}`), one process:\n")
    print("| stage | " + " | ".join(order) + " |")
    print("| --- |" + " --- |" * len(order))
    for name in [*names, "total"]:
        cells = []
        for label in order:
            stages = columns[label]["stages"]
            value = sum(stages.values()) if name == "total" else stages.get(name)
            cells.append("" if value is None else f"{value:.2f}")
        print(f"| {name} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
