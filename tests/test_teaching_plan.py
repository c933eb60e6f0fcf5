"""The facilitator notes' plans add up, and agree with the workbooks."""

from __future__ import annotations

import re

import nbformat

from readout.paths import NOTEBOOKS_DIR

NOTES = NOTEBOOKS_DIR / "README.md"


def plans() -> dict[int, int]:
    """Declared length (minutes) of each plan -> the sum of its table's minutes."""
    text = NOTES.read_text(encoding="utf-8")
    found = {}
    for match in re.finditer(r"\*\*A [^*]*?\((\d+) minutes\)\*\*[^\n]*\n\n((?:\|[^\n]*\n)+)", text):
        declared = int(match.group(1))
        rows = [line.split("|")[-2] for line in match.group(2).splitlines()[2:]]
        found[declared] = sum(int(n) for cell in rows for n in re.findall(r"\d+", cell))
    return found


def test_every_plan_adds_up_to_its_length():
    found = plans()
    assert set(found) >= {180, 90, 35}, found
    assert all(total == declared for declared, total in found.items()), found


def test_workbooks_say_the_time_the_plans_give_them():
    text = NOTES.read_text(encoding="utf-8")
    minutes = int(re.search(r"A workbook takes about (\d+) minutes", text).group(1))
    for path in sorted((NOTEBOOKS_DIR / "exercises").glob("0*.ipynb")):
        opening = nbformat.read(path, as_version=4).cells[0].source
        assert f"Time to work: about {minutes} minutes" in opening, path.name
        assert re.search(rf"workbook `{path.name[:2]}` \| 10 \+ {minutes} \|", text), path.name
