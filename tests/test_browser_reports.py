"""The HTML reports as a reader meets them: opened in Chromium, every page the index links.

Each figure renders (an ``img`` with a non-zero natural size), briefing pages show
no code input, and every link resolves (local files exist, ``#anchors`` exist on
their page). The pages are opened from disk with the network cut off, as on a
laptop in a briefing room.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

from conftest import offline_page

LINKS_JS = "() => Array.from(document.querySelectorAll('a[href]')).map(a => [a.getAttribute('href'), a.href])"
IMAGES_JS = (
    "() => Array.from(document.images).map(i => [i.src.slice(0, 48), i.complete, i.naturalWidth, i.naturalHeight])"
)
# Code input: an editor block, or any input area of a code cell (markdown cells have input areas too).
CODE_JS = "() => document.querySelectorAll('.jp-InputArea-editor, .jp-CodeMirrorEditor, .jp-CodeCell .jp-InputArea, .input_area').length"


def _local_target(url: str) -> tuple[Path | None, str]:
    """(file path, fragment) for a file: URL; (None, '') for anything else."""
    base, fragment = urldefrag(url)
    parsed = urlparse(base)
    if parsed.scheme != "file":
        return None, ""
    return Path(unquote(parsed.path)), fragment


def visit(browser, page_path: Path) -> dict:
    """Open ``page_path`` and collect what the checks need."""
    page = offline_page(browser)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(page_path.as_uri(), wait_until="load")
    info = {
        "links": page.evaluate(LINKS_JS),
        "images": page.evaluate(IMAGES_JS),
        "code": page.evaluate(CODE_JS),
        "ids": set(
            page.evaluate("() => Array.from(document.querySelectorAll('[id], a[name]')).map(e => e.id || e.name)")
        ),
        "text": page.evaluate("() => document.body.innerText"),
        "errors": errors,
    }
    page.close()
    return info


def test_reports_render_in_chromium(chromium, built_reports):
    index = built_reports.out / "index.html"
    seen = {index: visit(chromium, index)}
    assert "Readout reports" in seen[index]["text"]
    linked = []
    for href, url in seen[index]["links"]:
        target, _ = _local_target(url)
        assert target is not None, f"index.html links outside the reports: {href}"
        assert target.is_file(), f"index.html: link {href} points at a missing file"
        linked.append(target)
    names = [nb.name for nb in built_reports.notebooks]
    for name in names:  # both versions of every notebook are linked
        assert built_reports.out / "full" / f"{name}.html" in linked
        assert built_reports.out / "briefing" / f"{name}.html" in linked

    for target in dict.fromkeys(linked):
        info = seen.setdefault(target, visit(chromium, target))
        where = target.relative_to(built_reports.out)
        bad = [img for img in info["images"] if not (img[1] and img[2] > 0 and img[3] > 0)]
        assert not bad, f"{where}: figures that do not render: {bad}"
        if target.parent.name in ("full", "briefing"):
            assert info["images"], f"{where}: no figure at all"
        if target.parent.name == "briefing":
            assert info["code"] == 0, f"{where}: shows code input"
        if target.parent.name == "full":
            assert info["code"] > 0, f"{where}: the teaching page shows no code"
        # Every link on the page resolves: local files exist, in-page anchors exist.
        for href, url in info["links"]:
            if href.startswith(("http://", "https://", "mailto:")):
                continue  # outside links (documentation) are not fetched offline
            path, fragment = _local_target(url)
            assert path is not None and path.is_file(), f"{where}: link {href} does not resolve"
            if fragment and path == target and not fragment.startswith("/"):  # "#/..." is a slide route
                assert {fragment, unquote(fragment)} & info["ids"], f"{where}: anchor {href} has no target"
    assert len(seen) >= 1 + 2 * len(names)


# ------------------------------------------------------------------------------------------
# briefing pages, as a briefer meets them
# ------------------------------------------------------------------------------------------

BRIEFING_JS = """() => {
  const heads = [...document.querySelectorAll('h2')];
  const findings = heads.find(h => h.textContent.trim().startsWith('Findings'))
    || heads.find(h => h.textContent.trim().startsWith('What is in this corpus'));
  const tables = [...document.querySelectorAll('table')];
  return {
    findings_top: findings ? findings.getBoundingClientRect().top + window.scrollY : null,
    index_header: tables.filter(t => {
      const first = t.querySelector('thead tr th');
      const cell = t.querySelector('tbody tr > *');
      // an unnamed index of row numbers: one header row, a blank corner, integers down the left
      return t.querySelectorAll('thead tr').length === 1 && first && first.textContent.trim() === ''
        && cell && cell.tagName === 'TH' && /^\\d+$/.test(cell.textContent.trim());
    }).length,
    nan: tables.filter(t => /(^|\\W)(NaN|<NA>)(\\W|$)/.test(t.textContent)).length,
    alts: [...document.images].map(i => i.getAttribute('alt') || ''),
    links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
    method_folded: !!document.querySelector('details.readout-method'),
  };
}"""


def test_briefing_pages_lead_with_findings_and_read_cleanly(built_reports, chromium):
    viewport = {"width": 1280, "height": 900}
    shots = Path(__file__).resolve().parents[1] / "reports" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    for info in built_reports.notebooks:
        page = offline_page(chromium, viewport=viewport)
        page.goto((built_reports.out / "briefing" / f"{info.name}.html").as_uri(), wait_until="load")
        got = page.evaluate(BRIEFING_JS)
        name = info.name
        if name[:2] in ("00", "01", "02", "03", "04"):
            assert got["findings_top"] is not None and got["findings_top"] < viewport["height"], (
                name,
                got["findings_top"],
            )
        assert got["index_header"] == 0, f"{name}: a table shows its row numbers"
        assert got["nan"] == 0, f"{name}: a table shows NaN"
        assert got["alts"] and all(a and a != "Figure" and "No description" not in a for a in got["alts"]), (
            name,
            got["alts"],
        )
        assert "../index.html" in got["links"], f"{name}: no link to the index"
        assert f"../full/{name}.html" in got["links"], f"{name}: no link to the full version"
        if name[:2] in ("01", "02", "03", "04"):
            assert got["method_folded"], f"{name}: data and method are not folded at the end"
        if name.startswith("01"):
            page.screenshot(path=str(shots / "briefing-01.png"))
        assert page.blocked_requests == []
        page.close()


def test_screenshots_for_the_room(built_reports, chromium):
    """The index, the brief and two slides as a reader sees them (reports/screenshots/, git-ignored)."""
    shots = Path(__file__).resolve().parents[1] / "reports" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page = offline_page(chromium, viewport={"width": 1280, "height": 900})
    page.goto((built_reports.out / "index.html").as_uri(), wait_until="load")
    page.screenshot(path=str(shots / "index.png"), full_page=True)
    page.goto((built_reports.out / "brief.html").as_uri(), wait_until="load")
    page.screenshot(path=str(shots / "brief.png"), full_page=True)
    page.close()
    deck = offline_page(chromium, viewport={"width": 1280, "height": 720})
    deck.goto((built_reports.out / "slides" / "01-compare-sources.html").as_uri())
    deck.wait_for_function("window.Reveal && Reveal.isReady()", timeout=15000)
    for k in range(2):
        deck.keyboard.press("ArrowRight")
        deck.wait_for_timeout(100)
    deck.screenshot(path=str(shots / "slide-01-3.png"))
    deck.goto((built_reports.out / "slides" / "04-contrast-us-china-framing.html").as_uri())
    deck.wait_for_function("window.Reveal && Reveal.isReady()", timeout=15000)
    for k in range(5):
        deck.keyboard.press("ArrowRight")
        deck.wait_for_timeout(100)
    deck.screenshot(path=str(shots / "slide-04-6.png"))
    deck.close()
    assert all(
        (shots / n).stat().st_size > 10_000 for n in ("index.png", "brief.png", "slide-01-3.png", "slide-04-6.png")
    )
