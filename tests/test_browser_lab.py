"""The notebooks as users open them: JupyterLab in Chromium, every cell run through the app.

The test starts the project's ``jupyter lab`` on 127.0.0.1 (a free port, no token,
``--expose-app-in-browser``) over a temporary copy of the notebooks, opens each
``NN-*.ipynb`` in Chromium, runs all cells with the app's own command, checks
that no output is an error, and saves a screenshot per notebook under
``reports/screenshots/``. The server is stopped whether the test passes or not,
and the committed notebooks are checked to be byte-for-byte unchanged.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import offline_page
from readout.paths import PROJECT_ROOT
from readout.reports.notebook_io import list_notebooks

SCREENSHOTS = PROJECT_ROOT / "reports" / "screenshots"
RUN_TIMEOUT_MS = 600_000


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _digest(paths) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory):
    """A JupyterLab server on a copy of the notebooks; yields (base url, work folder); always stopped."""
    jupyter = Path(sys.executable).with_name("jupyter")
    if not jupyter.exists():
        pytest.skip(f"{jupyter} not found: install the project (make setup)")
    home = tmp_path_factory.mktemp("lab")
    work = home / "notebooks"
    work.mkdir()
    for nb in list_notebooks():
        shutil.copy2(nb, work / nb.name)
    # No "Jupyter news" prompt and no update check: the project's own Lab settings, installed by
    # make into the environment (.jupyter/overrides.json), not a setting written for the test.
    overrides = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert (
        json.loads(overrides.read_text(encoding="utf-8"))["@jupyterlab/apputils-extension:notification"]["fetchNews"]
        == "false"
    )
    # No autosave: running cells must not write outputs into the notebooks (checked below).
    docmanager = home / "settings" / "@jupyterlab" / "docmanager-extension" / "plugin.jupyterlab-settings"
    docmanager.parent.mkdir(parents=True)
    docmanager.write_text(json.dumps({"autosave": False}), encoding="utf-8")
    port = _free_port()
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(home / "config"),  # no user configuration or extensions
        JUPYTER_DATA_DIR=str(home / "data"),  # kernels: only the project's own (sys.prefix) python3
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        IPYTHONDIR=str(home / "ipython"),
        PYTHONHASHSEED="0",
    )
    cmd = [
        str(jupyter),
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--port-retries=0",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        "--expose-app-in-browser",
        f"--ServerApp.root_dir={work}",
        f"--LabApp.workspaces_dir={home / 'workspaces'}",
        f"--LabApp.user_settings_dir={home / 'settings'}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
    ]
    if os.geteuid() == 0:  # containers and CI runners often run as root
        cmd.append("--allow-root")
    log = open(home / "server.log", "wb")
    proc = subprocess.Popen(cmd, cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                raise RuntimeError(
                    f"jupyter lab exited with {proc.returncode}:\n{(home / 'server.log').read_text()[-3000:]}"
                )
            try:
                with urllib.request.urlopen(f"{base}/api/status", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"jupyter lab did not answer on {base}:\n{(home / 'server.log').read_text()[-3000:]}"
                )
            time.sleep(0.5)
        with urllib.request.urlopen(f"{base}/api/kernelspecs", timeout=5) as resp:
            specs = json.load(resp)
        argv0 = specs["kernelspecs"]["python3"]["spec"]["argv"][0]
        # the project's own interpreter, not whatever "python" is first on the PATH
        assert Path(argv0).is_absolute() and Path(argv0).parent == Path(sys.executable).parent, argv0
        yield base, work
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)  # jupyter shuts its kernels down on SIGINT/SIGTERM
            proc.send_signal(signal.SIGINT)  # (the second one skips the confirmation prompt)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)  # the server's own process group, kernels included
                proc.wait(timeout=10)
        log.close()


RUN_ALL_JS = """async () => {
    const app = window.jupyterapp;
    const panel = app.shell.currentWidget;
    await panel.context.ready;
    await panel.sessionContext.ready;
    const started = performance.now();
    const ok = await app.commands.execute('notebook:run-all-cells');
    const cells = panel.content.widgets.map(c => c.model.toJSON());
    return {ok, seconds: (performance.now() - started) / 1000, cells,
            kernel: panel.sessionContext.session?.kernel?.name ?? null};
}"""

READY_JS = """() => {
    const app = window.jupyterapp;
    const w = app && app.shell && app.shell.currentWidget;
    return !!(w && w.content && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel
              && w.sessionContext.session.kernel.connectionStatus === 'connected'
              && w.content.widgets.length > 0);
}"""

SCROLL_JS = """async (index) => {
    const app = window.jupyterapp;
    const notebook = app.shell.currentWidget.content;
    await app.commands.execute('notebook:hide-all-cell-code');  // the screenshot shows findings, as a reader sees them
    if (!app.shell.leftCollapsed) { await app.commands.execute('application:toggle-left-area'); }
    notebook.activeCellIndex = index;
    await notebook.scrollToItem(index, 'start');
}"""

SHUTDOWN_JS = """async () => {
    const panel = window.jupyterapp.shell.currentWidget;
    await panel.sessionContext.shutdown();
}"""


START_JS = (
    """() => {
    window.__readout_result = undefined;
    ("""
    + RUN_ALL_JS
    + """)().then(r => { window.__readout_result = r; },
                                e => { window.__readout_result = {ok: false, error: String(e), cells: []}; });
}"""
)

#: Notebooks run at once (each in its own tab and kernel); two cores keep two kernels busy.
PARALLEL = max(1, min(2, os.cpu_count() or 1))


def _open(chromium, base, name):
    page = offline_page(chromium, allow_loopback=True, viewport={"width": 1400, "height": 1100})
    page.set_default_timeout(RUN_TIMEOUT_MS)
    page.goto(f"{base}/lab/tree/{name}?reset", wait_until="domcontentloaded")  # ?reset: no restored tabs
    page.wait_for_function("() => !!window.jupyterapp", timeout=120_000)
    page.wait_for_function(READY_JS, timeout=120_000)
    page.evaluate(START_JS)
    return page


def _finish(page, name) -> tuple[list[str], float]:
    """Wait for run-all to end; check outputs; save the screenshot; shut the kernel down."""
    page.wait_for_function("() => window.__readout_result !== undefined", timeout=RUN_TIMEOUT_MS, polling=500)
    result = page.evaluate("() => window.__readout_result")
    assert result["ok"] is True, f"{name}: run-all-cells did not finish cleanly: {result.get('error', '')}"
    assert result["kernel"] == "python3", result["kernel"]
    code = [c for c in result["cells"] if c["cell_type"] == "code"]
    assert code and all(c["execution_count"] for c in code), f"{name}: cells left unexecuted"
    failures = [
        f"{name}: code cell {i}: {out['ename']}: {out['evalue']}"
        for i, cell in enumerate(code, start=1)
        for out in cell.get("outputs", [])
        if out["output_type"] == "error"
    ]
    assert sum(len(c.get("outputs", [])) for c in code) > 0, f"{name}: no output at all"
    figures = page.locator(".jp-RenderedImage img")
    assert figures.count() > 0, f"{name}: no figure rendered"
    assert page.evaluate(
        "() => Array.from(document.querySelectorAll('.jp-RenderedImage img')).every(i => i.naturalWidth > 0)"
    )
    # Bring the first figure to the top of the window (the notebook renders lazily, so ask the app).
    first_figure = next(
        i for i, c in enumerate(result["cells"]) if any("image/png" in o.get("data", {}) for o in c.get("outputs", []))
    )
    page.evaluate(SCROLL_JS, first_figure)
    page.wait_for_timeout(500)
    page.screenshot(path=str(SCREENSHOTS / f"{Path(name).stem}.png"))
    page.evaluate(SHUTDOWN_JS)
    return failures, round(result["seconds"], 1)


def test_every_notebook_runs_in_jupyterlab(chromium, lab_server):
    base, work = lab_server
    copies = sorted(work.glob("[0-9][0-9]-*.ipynb"))
    names = [p.name for p in copies]
    assert names == [p.name for p in list_notebooks()], "every notebook is opened"
    before = _digest(copies)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    failures: list[str] = []
    timings: dict[str, float] = {}
    queue = list(names)
    running: list[tuple[str, object]] = []
    try:
        while queue or running:
            while queue and len(running) < PARALLEL:
                name = queue.pop(0)
                running.append((name, _open(chromium, base, name)))
            name, page = running.pop(0)
            try:
                found, seconds = _finish(page, name)
            finally:
                page.close()
            failures += found
            timings[name] = seconds
    finally:
        for _, page in running:
            page.close()
    assert not failures, "\n".join(failures)
    # Nothing was saved: the copies JupyterLab opened are byte-for-byte what was committed.
    assert _digest(copies) == before, "JupyterLab saved changes to the notebooks"
    assert all((SCREENSHOTS / f"{Path(n).stem}.png").stat().st_size > 10_000 for n in names)
    print("run-all seconds per notebook:", timings)
