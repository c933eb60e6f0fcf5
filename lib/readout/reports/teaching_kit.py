"""The teaching kit: slides, workbooks and the brief, finished into the report folder, and its index section."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from readout.paths import NOTEBOOKS_DIR
from readout.reports.brief import corpus_words, write_brief_page
from readout.reports.brief_query import Analysis, BriefNumbers
from readout.reports.slides import copy_reveal_assets
from readout.reports.workbooks import Workbook


@dataclass
class TeachingKit:
    out: Path
    brief: Path
    analyses: list[Analysis]
    workbooks: list[Workbook]
    slides: list[Path]
    pages: list[Path]


def finish_teaching(
    out: str | Path,
    corpus_path: str | None,
    infos,
    workbooks: list[Workbook],
    brief: tuple[list[Analysis], BriefNumbers],
) -> TeachingKit:
    """Once the notebooks' pages and the workbooks are written: copy the reveal.js files beside
    the slides and write the brief (``brief`` from :func:`prepare_brief`) into ``out``."""
    out = Path(out)
    copy_reveal_assets(out / "slides")
    briefing = {info.name[:2]: out / "briefing" / f"{info.name}.html" for info in infos}
    analyses, n = brief
    page = write_brief_page(out, analyses, n, briefing, corpus_words(corpus_path))
    write_facilitator_notes(out)
    slides = [out / "slides" / f"{info.name}.html" for info in infos]
    pages = [page] + [p for w in workbooks for p in (w.student_html, w.instructor_html)]
    return TeachingKit(out=out, brief=page, analyses=analyses, workbooks=workbooks, slides=slides, pages=pages)


FACILITATOR_CSS = (
    "body{font:17px/1.5 system-ui,sans-serif;max-width:52em;margin:1em auto;padding:0 1em;color:#222}"
    "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}"
    "code{background:#f3f3f3;padding:0 .2em}"
)


def write_facilitator_notes(out: str | Path) -> Path:
    """Render the facilitator notes (``notebooks/README.md``) as ``out/facilitator.html``, linked from the index."""
    from nbconvert.filters.markdown import markdown2html

    # the project's own text, not a corpus's: rendered as written
    source = (NOTEBOOKS_DIR / "README.md").read_text(encoding="utf-8")
    body = str(markdown2html(source))
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Readout: facilitator notes</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{FACILITATOR_CSS}</style></head>'
        f'<body><nav><a href="index.html">\u2190 All reports</a></nav>{body}</body></html>\n'
    )
    target = Path(out) / "facilitator.html"
    target.write_text(page, encoding="utf-8")
    return target


def _short_title(title: str) -> str:
    short = re.sub(r"^Exercises:\s*", "", title)
    return short[:1].upper() + short[1:]


def render_index_section(kit: TeachingKit) -> str:
    """The index page's links to the brief, the slides and the exercise workbooks."""
    esc = html.escape
    rows = "\n".join(
        f"<li><strong>{esc(_short_title(w.title))}</strong>: "
        f'<a href="exercises/student/{esc(w.name)}.html">student</a> '
        f'(<a href="exercises/student/{esc(w.name)}.ipynb" download>.ipynb</a>) · '
        f'<a href="exercises/instructor/{esc(w.name)}.html">instructor, with solutions</a> '
        f'(<a href="exercises/instructor/{esc(w.name)}.ipynb" download>.ipynb</a>)</li>'
        for w in kit.workbooks
    )
    slides = " · ".join(f'<a href="slides/{esc(p.name)}">{esc(p.stem)}</a>' for p in kit.slides)
    return f"""<section class="teaching">
<p><a href="brief.html"><strong>The one-page brief</strong></a>: headline findings of the four analyses, printable (A4 or Letter).</p>
<p><strong>Slides</strong> (reveal.js, work offline; arrow keys to advance, S for speaker notes): {slides}</p>
<h2>Exercises</h2>
<p>One workbook per analysis: read a figure, change a parameter, extend a codebook.</p>
<ul class="workbooks">
{rows}
</ul>
<p><a href="facilitator.html"><strong>Facilitator notes</strong></a>: session plans with timings, questions for the room, caveats to say aloud.</p>
<h2>Analysis notebooks</h2>
</section>"""
