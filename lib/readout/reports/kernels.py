"""Execute notebooks: one fresh kernel per notebook, in a pool, the longest first.

The corpus path reaches each notebook through a cell injected right after its
``parameters``-tagged cell, in the way papermill does it. A cell error stops the build with
:class:`readout.reports.notebook_io.ReportError`, naming the notebook and the cell.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from readout.reports.display import sanitize_outputs
from readout.reports.notebook_io import (
    ANSI_ESCAPE,
    INJECTED_TAG,
    ReportError,
    inject_parameters,
    nbformat_module,
)


def kernel_env() -> dict[str, str]:
    """The environment a notebook's kernel starts with: this one, with ``PYTHONHASHSEED``
    set to 0 unless it is set already (set iteration order, hence tables and figures, stays
    the same from build to build)."""
    env = dict(os.environ)
    env.setdefault("PYTHONHASHSEED", "0")
    return env


#: The arguments nbclient gives the kernels it starts (IPython history kept in memory only).
_KERNEL_ARGUMENTS = ["--HistoryManager.hist_file=:memory:"]


#: how often a notebook's kernel is started when it dies before answering (see :func:`_execute`)
_KERNEL_STARTS = 3


#: jupyter_client's message for a kernel that exited before replying to its first request
_KERNEL_DIED_AT_START = "Kernel died before replying to kernel_info"


#: Kernels a worker process started ahead of its next notebook, by the folder they run in;
#: one nobody took is stopped when the worker exits.
_SPARE_KERNELS: dict[str, Any] = {}


_SPARE_STOPPER: list = []


async def _start_spare_kernel(folder: str) -> None:
    """Start a kernel in ``folder`` for this process's next notebook there, without waiting
    for it: it starts while the current notebook runs. Nothing has run in it when it is used."""
    if folder in _SPARE_KERNELS:
        return
    if not _SPARE_STOPPER:
        from multiprocessing.util import Finalize

        _SPARE_STOPPER.append(Finalize(None, _stop_spare_kernels, exitpriority=10))  # at the worker's exit
    km = new_kernel_manager()
    try:
        await km.start_kernel(extra_arguments=list(_KERNEL_ARGUMENTS), cwd=folder, env=kernel_env())
    except Exception:  # no spare then: the next notebook starts its kernel itself, and reports any error
        return
    _SPARE_KERNELS[folder] = km


_IPC_DIR: list[str] = []


def new_kernel_manager():
    """A kernel manager whose kernel talks over IPC sockets in a private temporary folder.

    Over TCP every kernel warns that its traffic is unencrypted, and two kernels started at
    once can pick the same free port; Unix sockets in a folder only this process can open
    avoid both. The folder is removed when the process exits.
    """
    import atexit
    import shutil
    import tempfile
    import uuid

    from jupyter_client.manager import AsyncKernelManager

    if not _IPC_DIR:
        _IPC_DIR.append(tempfile.mkdtemp(prefix="readout-kernels-"))
        atexit.register(shutil.rmtree, _IPC_DIR[0], True)
    return AsyncKernelManager(
        kernel_name="python3", transport="ipc", ip=os.path.join(_IPC_DIR[0], uuid.uuid4().hex[:12])
    )


def _take_spare_kernel(folder: str):
    """The kernel started ahead for a notebook in ``folder``, if one is there and alive; else None."""
    from jupyter_core.utils import run_sync

    km = _SPARE_KERNELS.pop(folder, None)
    if km is not None and not run_sync(km.is_alive)():
        _stop_kernel(km)
        km = None
    return km


def _stop_kernel(km) -> None:
    from jupyter_core.utils import run_sync

    with contextlib.suppress(Exception):  # already gone
        run_sync(km.shutdown_kernel)(now=True)


def _stop_spare_kernels() -> None:
    while _SPARE_KERNELS:
        _stop_kernel(_SPARE_KERNELS.popitem()[1])


def _execute(path: str | Path, params: dict, timeout: int = 900, next_folder: str | None = None):
    """Execute one notebook in a fresh kernel started in its folder; the outputs are not sanitized yet.

    ``next_folder`` is where this process's next notebook probably lies: a kernel is started
    there once this notebook's kernel is up, so the next notebook finds it ready. Raises
    :class:`ReportError` naming the notebook and the cell when a cell fails.
    """
    nbformat = nbformat_module()
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    nb.metadata["_path"] = str(path)
    inject_parameters(nb, params)
    del nb.metadata["_path"]
    folder = str(path.parent)
    hooks = {}
    if next_folder is not None:

        async def start_next(notebook) -> None:
            await _start_spare_kernel(next_folder)

        hooks["on_notebook_start"] = start_next
    try:
        for attempt in range(_KERNEL_STARTS):
            client = NotebookClient(
                nb,
                km=(_take_spare_kernel(folder) if attempt == 0 else None) or new_kernel_manager(),
                timeout=timeout,
                kernel_name="python3",
                record_timing=False,  # no timestamps: builds stay identical
                resources={"metadata": {"path": folder}},
                extra_arguments=list(_KERNEL_ARGUMENTS),
                # every output is in once the last cell has run: stop the kernel there, rather than
                # wait for it to tear its modules down
                shutdown_kernel="immediate",
                **hooks,
            )
            try:
                client.execute(env=kernel_env(), cleanup_kc=True)  # the kernel stops here, whoever started it
                break
            except RuntimeError as exc:
                # Kernels started at once pick free ports before they bind them, so two can pick
                # the same one; the one that loses dies before it answers, and no cell has run:
                # start another kernel.
                if _KERNEL_DIED_AT_START not in str(exc):
                    raise
                if attempt == _KERNEL_STARTS - 1:
                    raise ReportError(
                        f"{path.name}: its kernel died before answering, {_KERNEL_STARTS} times "
                        f"over; check that `python -m ipykernel` runs in this environment"
                    ) from exc
    except CellExecutionError as exc:
        original = [c for c in nb.cells if INJECTED_TAG not in c.metadata.get("tags", [])]
        number, source = next(
            (
                (i, c.source)
                for i, c in enumerate(original, start=1)
                if c.cell_type == "code" and any(o.get("output_type") == "error" for o in c.get("outputs", []))
            ),
            (None, ""),
        )
        where = f"cell {number} (`{source.strip().splitlines()[0][:60]}`)" if number else "a cell"
        lines = ANSI_ESCAPE.sub("", str(exc)).strip().splitlines()
        raise ReportError(f"{path.name}: {where} failed: {lines[-1] if lines else type(exc).__name__}") from None
    return nb


def execute_notebook(path: Path, params: dict, timeout: int = 900):
    """Execute one notebook (in its own folder, in a fresh kernel) with ``params`` injected;
    return the executed notebook, its Markdown outputs sanitized (:func:`readout.reports.display.sanitize_outputs`).

    Raises :class:`ReportError` naming the notebook and the cell when a cell fails, and
    when the notebook has no ``parameters`` cell.
    """
    nb = _execute(path, params, timeout)
    sanitize_outputs(nb)  # corpus text in Markdown outputs shows as text on every page, never as live HTML
    return nb


def _estimate(path: Path) -> float:
    """A rough guess of a notebook's run time, to start the longest first: its code cells."""
    try:
        nb = nbformat_module().read(path, as_version=4)
    except Exception:  # an unreadable notebook fails when it runs, with the real message
        return 0.0
    return float(sum(1 for c in nb.cells if c.cell_type == "code"))


def run_notebooks(
    paths: list[Path],
    params: dict,
    jobs: int = 1,
    on_result: Callable[[int, object], None] | None = None,
    while_waiting: Callable[[], None] | None = None,
) -> list:
    """Execute every notebook of ``paths`` with ``params``, each in a fresh kernel.

    With ``jobs`` above 1 they run in that many worker processes at once, folder by folder,
    the notebook with the most code cells first; ``on_result(i, nb)`` is called here, in this process,
    for each executed notebook (sanitized, as :func:`execute_notebook` returns it) as soon as
    it is back, while the others still run, and ``while_waiting()`` runs here once the
    kernels are starting (after the last notebook when ``jobs`` is 1). With one job they
    run here, in order. Returns the executed notebooks in the order of ``paths``.

    The first cell error stops the notebooks not started yet and raises its
    :class:`ReportError` (the first in ``paths`` order if several notebooks fail).
    """
    paths = [Path(p) for p in paths]
    results: list = [None] * len(paths)

    def done(i, nb):
        results[i] = nb
        if on_result is not None:
            on_result(i, nb)

    jobs = max(1, min(jobs, len(paths)))
    if jobs == 1:
        for i, path in enumerate(paths):
            done(i, execute_notebook(path, params))
        if while_waiting is not None:
            while_waiting()
        return results

    from concurrent.futures import ProcessPoolExecutor, as_completed

    nbformat_module()
    import nbclient  # noqa: F401  imported before the workers start, so each has it already

    # the longest first within each folder, folder by folder: a worker most likely takes the
    # notebook ``jobs`` places further down the queue next, and starts a kernel in its folder ahead
    folders = list(dict.fromkeys(p.parent for p in paths))
    order = sorted(range(len(paths)), key=lambda i: (folders.index(paths[i].parent), -_estimate(paths[i]), i))
    ahead = [str(paths[order[k + jobs]].parent) if k + jobs < len(order) else None for k in range(len(order))]
    failed: dict[int, ReportError] = {}
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(_execute, str(paths[i]), params, 900, ahead[k]): i for k, i in enumerate(order)}
        try:
            if while_waiting is not None:
                while_waiting()
            for future in as_completed(futures):
                if future.cancelled():  # not started: a notebook before it failed
                    continue
                i = futures[future]
                try:
                    nb = future.result()
                except ReportError as exc:
                    failed[i] = exc
                    for other in futures:
                        other.cancel()
                    continue
                if not failed:
                    sanitize_outputs(nb)
                    done(i, nb)
        except BaseException:
            for other in futures:
                other.cancel()
            raise
    if failed:
        raise failed[min(failed)]
    return results
