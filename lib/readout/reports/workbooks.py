"""Exercise workbooks: each workbook in ``notebooks/exercises/`` is executed and written as a
student version (cells tagged ``solution`` removed) and an instructor version, as HTML and ``.ipynb``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

from readout.paths import NOTEBOOKS_DIR
from readout.reports.kernels import run_notebooks
from readout.reports.notebook_io import describe, nbformat_module
from readout.reports.pages import NAV_CSS, render_page, with_nav

EXERCISES_DIR = NOTEBOOKS_DIR / "exercises"


SOLUTION_TAG = "solution"


def list_workbooks(folder: str | Path | None = None) -> list[Path]:
    """The exercise workbooks, in order (``NN-*.ipynb`` in ``notebooks/exercises/``)."""
    folder = Path(folder or EXERCISES_DIR)
    return sorted(folder.glob("[0-9][0-9]-*.ipynb"))


def is_solution(cell) -> bool:
    return SOLUTION_TAG in cell.get("metadata", {}).get("tags", [])


def student_copy(nb):
    """A copy of ``nb`` without its ``solution``-tagged cells."""
    out = copy.deepcopy(nb)
    out.cells = [c for c in out.cells if not is_solution(c)]
    return out


def _stripped(nb):
    out = copy.deepcopy(nb)
    for cell in out.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return out


@dataclass
class Workbook:
    name: str
    title: str
    question: str
    student_html: Path
    student_ipynb: Path
    instructor_html: Path
    instructor_ipynb: Path
    n_solutions: int


def write_workbook_pages(executed, path: str | Path, out: str | Path) -> Workbook:
    """Write the student and instructor versions of an executed workbook into ``out/exercises``.

    ``executed`` is the workbook run with every solution cell; ``path`` its source (the
    downloads are the source without outputs, the student one without its solution cells).
    """

    nbformat = nbformat_module()
    path, out = Path(path), Path(out)
    source = nbformat.read(path, as_version=4)
    info = describe(executed, path)
    targets = {}
    for kind, nb_run, nb_src in (
        ("instructor", executed, source),
        ("student", student_copy(executed), student_copy(source)),
    ):
        folder = out / "exercises" / kind
        folder.mkdir(parents=True, exist_ok=True)
        html_path = folder / f"{path.stem}.html"
        other = "student" if kind == "instructor" else "instructor"
        nav = (
            f'<style>{NAV_CSS}</style><nav class="readout-nav" aria-label="Reports">'
            f'<a href="../../index.html">\u2190 All reports</a> '
            f'<a href="../{other}/{path.stem}.html">{other.capitalize()} version</a></nav>'
        )
        html_path.write_text(with_nav(render_page(nb_run, "full"), nav), encoding="utf-8")
        ipynb_path = folder / f"{path.stem}.ipynb"
        nbformat.write(_stripped(nb_src), ipynb_path)
        targets[kind] = (html_path, ipynb_path)
    return Workbook(
        name=path.stem,
        title=info.title,
        question=info.question,
        student_html=targets["student"][0],
        student_ipynb=targets["student"][1],
        instructor_html=targets["instructor"][0],
        instructor_ipynb=targets["instructor"][1],
        n_solutions=sum(is_solution(c) for c in source.cells),
    )


def build_workbooks(
    out: str | Path, corpus_path: str | None = None, jobs: int = 1, folder: str | Path | None = None
) -> list[Workbook]:
    """Execute every workbook (solutions included) and write student and instructor versions.

    ``out/exercises/instructor/<name>.html`` shows every cell with its output;
    ``out/exercises/student/<name>.html`` is the same run with the solution cells removed.
    Each folder also holds the ``.ipynb`` (outputs stripped) to download and work in.
    A failing cell raises :class:`readout.reports.notebook_io.ReportError` naming the workbook and cell.
    """

    paths = list_workbooks(folder)
    written: list = [None] * len(paths)

    def on_result(i, nb):
        written[i] = write_workbook_pages(nb, paths[i], out)

    run_notebooks(paths, {"CORPUS": corpus_path}, jobs, on_result)
    return written
