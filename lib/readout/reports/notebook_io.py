"""Reading, describing and parameterising notebooks: the I/O every report module shares."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from readout.paths import NOTEBOOKS_DIR

INJECTED_TAG = "injected-parameters"


ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


class ReportError(RuntimeError):
    """A notebook failed while the reports were built."""


@dataclass
class NotebookInfo:
    path: Path
    title: str
    question: str

    @property
    def name(self) -> str:
        return self.path.stem


def list_notebooks(folder: Path | None = None) -> list[Path]:
    """The analysis notebooks, in their numbered order (``NN-*.ipynb`` directly in ``folder``)."""
    folder = Path(folder or NOTEBOOKS_DIR)
    return sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb"))


def _markdown_to_text(md: str) -> str:
    text = re.sub(r"\*\*|__|`", "", md)
    return re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text).strip()


def describe(nb, path: Path) -> NotebookInfo:
    """Title (first ``# `` heading) and question (the ``**Question:**`` line) of a notebook."""
    title, question = path.stem, ""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if not title or title == path.stem:
                m = re.match(r"#\s+(.+)", line)
                if m:
                    title = _markdown_to_text(m.group(1))
                    continue
            m = re.match(r"\s*\*\*Question:?\*\*:?\s*(.+)", line)
            if m and not question:
                question = _markdown_to_text(m.group(1))
        break
    return NotebookInfo(path=path, title=title, question=question)


def nbformat_module():
    """The ``nbformat`` module, imported so that it costs a fraction of a second.

    nbformat imports ``jsonschema``, which builds a grammar for the ``iri`` string format
    when the optional ``rfc3987_syntax`` package is installed: over a second of CPU in every
    process that imports it, for a format no notebook schema uses (notebooks are validated
    with fastjsonschema). The import goes ahead without that optional package, which
    stays importable afterwards.
    """
    if "nbformat" in sys.modules:
        return sys.modules["nbformat"]
    hide = "rfc3987_syntax" not in sys.modules
    if hide:
        sys.modules["rfc3987_syntax"] = None  # an import of it raises ImportError, which jsonschema expects
    try:
        import nbformat
    finally:
        if hide and sys.modules.get("rfc3987_syntax", 0) is None:
            del sys.modules["rfc3987_syntax"]
    return nbformat


def inject_parameters(nb, params: dict) -> None:
    """Insert a cell assigning ``params`` right after the ``parameters``-tagged cell."""
    nbformat = nbformat_module()

    source = "# Parameters injected by the report build\n" + "".join(f"{k} = {v!r}\n" for k, v in params.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": [INJECTED_TAG, "remove-input"]})
    cell.id = INJECTED_TAG  # a fixed id keeps two builds byte-identical
    nb.cells = [c for c in nb.cells if INJECTED_TAG not in c.metadata.get("tags", [])]
    for i, c in enumerate(nb.cells):
        if c.cell_type == "code" and "parameters" in c.metadata.get("tags", []):
            nb.cells.insert(i + 1, cell)
            return
    raise ReportError(f"{nb.metadata.get('_path', 'notebook')}: has no cell tagged 'parameters'; tag its inputs cell.")


#: nbconvert template block for PNG outputs with alt text: the ``alt`` of the output's
#: ``image/png`` metadata (set from the figure's caption, :func:`readout.reports.pages.add_alt_text`)
ALT_TEXT_BLOCK = r"""
{% block data_png scoped %}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}"
alt="{{ ((output | get_metadata('alt', 'image/png')) or 'Figure') | escape_html }}">
</div>
{%- endblock data_png %}
"""
