"""Shared fixtures: the bundled corpus, and one report build reused by every report test."""

from __future__ import annotations

from pathlib import Path

import pytest

import readout
from readout.paths import PROJECT_ROOT

ROOT = PROJECT_ROOT


@pytest.fixture(scope="session")
def corpus():
    return readout.load_corpus()


@pytest.fixture(scope="session")
def built_reports(tmp_path_factory):
    """Execute every notebook once (as `readout report` does) into a temporary reports folder."""
    from readout.reports.build import build_reports

    out = tmp_path_factory.mktemp("reports")
    return build_reports(out=out)


@pytest.fixture(scope="session")
def executed_notebook(built_reports):
    """The executed copy of a notebook from the shared report build, by name (no second run)."""
    import nbformat

    def read(name: str):
        return nbformat.read(built_reports.out / "notebooks" / f"{name}.ipynb", as_version=4)

    return read


def load_texts(folder: Path, texts: dict[str, str]):
    """Write ``texts`` (article id -> text) as ``<id>.txt`` files in ``folder`` and load them."""
    write_corpus(folder, {f"{name}.txt": text for name, text in texts.items()})
    return readout.load_corpus(folder)


def write_corpus(folder: Path, files: dict[str, bytes | str], csv: str | None = None) -> Path:
    """Make a small corpus folder: ``files`` maps file name to content; ``csv`` is articles.csv text."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    if csv is not None:
        (folder / "articles.csv").write_text(csv, encoding="utf-8")
    return folder


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium():
    """Debian's chromium driven by playwright (installed by `make browser`); one browser for the session."""
    if not CHROMIUM.exists():
        pytest.skip("chromium is not installed: run `make browser` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def offline_page(browser, **kwargs):
    """A new page that may load file: and data: URLs (and loopback when allowed) but nothing from the network."""
    allow_loopback = kwargs.pop("allow_loopback", False)
    page = browser.new_page(**kwargs)
    blocked: list[str] = []

    def route(r):
        url = r.request.url
        local = url.startswith(("file:", "data:", "blob:", "about:"))
        if allow_loopback and url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "http://localhost")):
            local = True
        if local:
            r.continue_()
        else:
            blocked.append(url)
            r.abort()

    page.route("**/*", route)
    page.blocked_requests = blocked
    return page


#: test modules that build reports or run kernels, and modules that start worker processes
_NOTEBOOK_MODULES = {"test_report", "test_teaching", "test_browser_lab", "test_browser_reports", "test_hostile"}
_SLOW_MODULES = {"test_dask", "test_engine"}
_NOTEBOOK_FIXTURES = {"built_reports", "executed_notebook"}


def pytest_collection_modifyitems(config, items):
    """Mark tests for the fast loop (``make test-fast`` runs what is none of these):
    ``browser`` (needs Chromium), ``notebooks`` (executes notebooks or builds reports),
    ``slow`` (worker processes, Dask, whole-benchmark checks)."""
    for item in items:
        module = getattr(item, "module", None)
        module = module.__name__.rsplit(".", 1)[-1] if module is not None else ""
        fixtures = set(getattr(item, "fixturenames", ()))
        if "chromium" in fixtures or module.startswith("test_browser"):
            item.add_marker(pytest.mark.browser)
        if module in _NOTEBOOK_MODULES or fixtures & _NOTEBOOK_FIXTURES or "notebook" in item.name:
            item.add_marker(pytest.mark.notebooks)
        if module in _SLOW_MODULES or "nyt_benchmark" in item.name:
            item.add_marker(pytest.mark.slow)
