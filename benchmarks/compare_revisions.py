"""Time ``readout export`` at two revisions on the same corpora, runs interleaved.

    python benchmarks/compare_revisions.py BEFORE AFTER [--corpus DIR ...] [--runs 3] [--repeat-limit 60]

Each revision is checked out in a temporary git worktree (the project's ``nltk_data`` linked in)
and run with its own ``lib`` first on ``PYTHONPATH``, in the same interpreter and on the same
corpus files, so only the code differs. Runs alternate between the two revisions, so drift in
the machine's speed touches both alike. A corpus whose first run takes longer than
``--repeat-limit`` seconds is run once per revision. Prints the median wall time and the peak
resident memory of all processes together (sampled as in ``run_benchmarks.py``) of each, and
their ratio. Used to check that a change which should only move code (a restructure) leaves the
export's speed where it was.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from run_benchmarks import PY, median, run  # noqa: E402


def checkout(revision: str, folder: Path) -> Path:
    """A worktree of ``revision`` in ``folder``, with the project's nltk data linked in."""
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(folder), revision], check=True, stdout=sys.stderr
    )
    data = ROOT / "nltk_data"
    if data.exists() and not (folder / "nltk_data").exists():
        (folder / "nltk_data").symlink_to(data)
    return folder


def export_once(tree: Path, corpus: Path, out: Path):
    """One ``readout export`` of ``corpus`` with the code of worktree ``tree``."""
    cmd = [PY, "-m", "readout", "export", "--corpus", str(corpus), "--out", str(out)]
    result = run(cmd, env={"PYTHONPATH": str(tree / "lib")}, cwd=tree)
    if not result.ok:
        raise SystemExit(f"export of {corpus} at {tree.name} failed:\n{result.stderr[-2000:]}")
    return result


def compare(before: str, after: str, corpora: list[Path], runs: int, repeat_limit: float) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="readout-revisions-") as tmp:
        trees = {name: checkout(rev, Path(tmp) / name) for name, rev in (("before", before), ("after", after))}
        try:
            for corpus in corpora:
                times: dict[str, list[float]] = {"before": [], "after": []}
                peaks: dict[str, list[int]] = {"before": [], "after": []}
                for i in range(runs):
                    for name, tree in trees.items():
                        r = export_once(tree, corpus, Path(tmp) / f"out-{name}")
                        times[name].append(r.seconds)
                        peaks[name].append(r.tree_kb)
                        print(f"{corpus.name} {name} run {i + 1}: {r.seconds:.2f} s", file=sys.stderr, flush=True)
                    if i == 0 and max(times["before"][0], times["after"][0]) > repeat_limit:
                        break
                rows.append(
                    dict(
                        corpus=corpus.name,
                        runs=len(times["before"]),
                        before_s=median(times["before"]),
                        after_s=median(times["after"]),
                        before_mb=median(peaks["before"]) / 1024,
                        after_mb=median(peaks["after"]) / 1024,
                    )
                )
        finally:
            for tree in trees.values():
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False, stdout=sys.stderr
                )
    return rows


def table(rows: list[dict], before: str, after: str) -> str:
    lines = [
        f"| corpus | runs | {before} | {after} | ratio | peak RSS, all processes ({before} → {after}) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        lines.append(
            f"| {r['corpus']} | {r['runs']} | {r['before_s']:.2f} s | {r['after_s']:.2f} s | "
            f"{r['after_s'] / r['before_s']:.2f} | {r['before_mb']:,.0f} → {r['after_mb']:,.0f} MB |"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", help="the revision before the change")
    parser.add_argument("after", help="the revision after it")
    parser.add_argument(
        "--corpus",
        action="append",
        type=Path,
        help="a corpus folder (repeatable; default the 1,000- and 10,000-article synthetic corpora)",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per revision and corpus")
    parser.add_argument("--repeat-limit", type=float, default=60, help="a corpus slower than this runs once")
    args = parser.parse_args(argv)
    corpora = [c.resolve() for c in args.corpus or [HERE / "corpora" / "n1000-s7", HERE / "corpora" / "n10000-s7"]]
    missing = [c for c in corpora if not c.is_dir()]
    if missing:
        parser.error(f"no corpus folder {missing[0]}: make one with benchmarks/generate_corpus.py --n 1000 --seed 7")
    print(table(compare(args.before, args.after, corpora, args.runs, args.repeat_limit), args.before, args.after))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
