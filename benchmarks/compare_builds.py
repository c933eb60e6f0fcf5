"""Compare two builds of the same corpus: exported tables and report outputs.

A code move must not change any result. Build both revisions (``readout export --out`` and
``readout report --out``) and run::

    python benchmarks/compare_builds.py OLD_EXPORT NEW_EXPORT --reports OLD_REPORTS NEW_REPORTS

It checks, and exits 1 on any difference:

- every exported CSV, byte for byte, and that both folders hold the same files;
- every executed notebook (``reports/notebooks`` and the workbooks): each cell's outputs
  (text, HTML, images), in order, byte for byte; the cells' source code is not compared,
  so a notebook whose imports moved still matches when it computes the same things;
- ``brief.html`` and ``index.html``, byte for byte.

``--renamed OLD=NEW`` (repeatable) names a module path that the move renamed: the old build's
outputs are compared with OLD read as NEW, since notebooks print some module paths in prose.

Pages whose HTML differs only through their source code (imports, module paths in prose) are
listed with the number of differing lines, for reading.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path


def _files(folder: Path, pattern: str) -> dict[str, Path]:
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob(pattern))}


def compare_exports(old: Path, new: Path) -> list[str]:
    """Problems found between two export folders (empty when identical)."""
    a, b = _files(old, "*.csv"), _files(new, "*.csv")
    problems = [f"only in {old}: {n}" for n in sorted(set(a) - set(b))]
    problems += [f"only in {new}: {n}" for n in sorted(set(b) - set(a))]
    problems += [f"{n} differs" for n in sorted(set(a) & set(b)) if a[n].read_bytes() != b[n].read_bytes()]
    return problems


def notebook_outputs(path: Path, renamed: dict[str, str] | None = None) -> list[str]:
    """Each cell's outputs as canonical JSON, without execution counts, module paths renamed."""
    text = path.read_text(encoding="utf-8")
    for old, new in (renamed or {}).items():
        text = text.replace(old, new)
    nb = json.loads(text)
    cells = []
    for cell in nb["cells"]:
        outputs = [{k: v for k, v in out.items() if k != "execution_count"} for out in cell.get("outputs", [])]
        cells.append(json.dumps(outputs, sort_keys=True))
    return cells


def compare_reports(old: Path, new: Path, renamed: dict[str, str] | None = None) -> tuple[list[str], list[str]]:
    """(problems, notes) between two report folders."""
    problems: list[str] = []
    a, b = _files(old, "*.ipynb"), _files(new, "*.ipynb")
    problems += [f"executed notebook only in one build: {n}" for n in sorted(set(a) ^ set(b))]
    for name in sorted(set(a) & set(b)):
        if notebook_outputs(a[name], renamed) != notebook_outputs(b[name]):
            problems.append(f"{name}: cell outputs differ")
    for name in ("brief.html", "index.html"):
        if (old / name).read_bytes() != (new / name).read_bytes():
            problems.append(f"{name} differs")
    notes = []
    pages_a, pages_b = _files(old, "*.html"), _files(new, "*.html")
    for name in sorted(set(pages_a) & set(pages_b)):
        x, y = pages_a[name].read_text(encoding="utf-8"), pages_b[name].read_text(encoding="utf-8")
        if x != y:
            diff = difflib.unified_diff(x.replace("><", ">\n<").splitlines(), y.replace("><", ">\n<").splitlines(), n=0)
            changed = sum(1 for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---"))
            notes.append(f"{name}: {changed} lines of page source differ")
    return problems, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old_export", type=Path)
    parser.add_argument("new_export", type=Path)
    parser.add_argument("--reports", nargs=2, type=Path, metavar=("OLD", "NEW"))
    parser.add_argument(
        "--renamed",
        action="append",
        default=[],
        metavar="OLD=NEW",
        help="a module path the move renamed (read OLD as NEW in the old build's outputs)",
    )
    args = parser.parse_args(argv)
    problems = compare_exports(args.old_export, args.new_export)
    n_tables = len(_files(args.old_export, "*.csv"))
    notes: list[str] = []
    if args.reports:
        renamed = dict(item.split("=", 1) for item in args.renamed)
        more, notes = compare_reports(*args.reports, renamed=renamed)
        problems += more
    for note in notes:
        print(f"note: {note}")
    for problem in problems:
        print(f"DIFFERS: {problem}")
    if problems:
        return 1
    print(
        f"identical: {n_tables} tables"
        + (", every executed notebook's outputs, brief.html and index.html" if args.reports else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
