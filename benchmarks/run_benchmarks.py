"""Measure Readout's speed and write benchmarks/RESULTS.md (``make bench``).

    python benchmarks/run_benchmarks.py [--sizes 1000,10000] [--runs 3] [--timeout 900]

Every figure is the median of ``--runs`` runs (at least 3), each in a fresh process, so
interpreter start and imports are included. Peak RSS is read twice: the largest child
process's maximum resident set size (``wait4``), and the whole process tree's resident
memory summed, sampled every 50 ms from ``/proc``. Per-stage figures come from ``readout export --timings``
(the time of each entry of ``readout.scale.tables.TABLES``, plus loading). The ``--parquet-sizes``
are exported again with ``--format parquet``, beside CSV (size on disk too). An export that
runs past ``--timeout`` seconds is stopped and reported as not finished, so the whole run
stays well under an hour; the gap is then stated in RESULTS.md instead of a figure.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
PY = sys.executable
READOUT = [PY, "-m", "readout"]
RESULTS = HERE / "RESULTS.md"

sys.path.insert(0, str(HERE))


# --------------------------------------------------------------------------- running


class Run:
    def __init__(
        self, seconds: float, peak_kb: int, returncode: int, stdout: str, stderr: str, timed_out: bool, tree_kb: int = 0
    ):
        self.seconds, self.peak_kb, self.returncode = seconds, peak_kb, returncode
        self.stdout, self.stderr, self.timed_out = stdout, stderr, timed_out
        self.tree_kb = tree_kb

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out


def _tree_rss_kb(session: int) -> int:
    """Resident memory (KB) of every process in ``session``, summed (Linux /proc; 0 elsewhere)."""
    total, page_kb = 0, os.sysconf("SC_PAGE_SIZE") // 1024 if hasattr(os, "sysconf") else 4
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session:  # fields after the name: state ppid pgrp session ...
            total += int(fields[21]) * page_kb
    return total


def run(cmd: list[str], timeout: float | None = None, env: dict | None = None, cwd: Path = ROOT) -> Run:
    """Run ``cmd``; return wall seconds, peak RSS (KB) of the child tree's largest process, output.

    ``Run.tree_kb`` is the peak of the whole process tree's resident memory summed (worker
    processes included), sampled every 50 ms.
    """
    out = tempfile.TemporaryFile()
    err = tempfile.TemporaryFile()
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=out, stderr=err, cwd=cwd, env={**os.environ, **(env or {})}, start_new_session=True
    )
    timed_out = False
    status, usage = 0, None
    deadline = None if timeout is None else t0 + timeout
    tree_kb, sampled = 0, 0.0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - sampled > 0.05:
            tree_kb = max(tree_kb, _tree_rss_kb(proc.pid))
            sampled = time.perf_counter()
        if deadline is not None and time.perf_counter() > deadline:
            timed_out = True
            os.killpg(proc.pid, 9)
            _, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.005)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    out.seek(0)
    err.seek(0)
    peak_kb = usage.ru_maxrss if usage else 0
    return Run(
        seconds,
        peak_kb,
        proc.returncode,
        out.read().decode(errors="replace"),
        err.read().decode(errors="replace"),
        timed_out,
        tree_kb=max(tree_kb, peak_kb),
    )


def median(values):
    return statistics.median(values) if values else float("nan")


def parse_timings(stderr: str) -> dict[str, float]:
    stages = {}
    for m in re.finditer(r"^\s+(\S+)\s+([0-9.]+) s\s+", stderr, re.MULTILINE):
        stages[m.group(1)] = float(m.group(2))
    return stages


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- measurements


def bench_imports(runs: int) -> dict:
    res = {}
    for name, code in (("import readout", "import readout"), ("import pandas", "import pandas")):
        times = [run([PY, "-c", code]).seconds for _ in range(max(runs, 5))]
        res[name] = median(times)
    res["ratio"] = res["import readout"] / res["import pandas"]
    return res


def folder_bytes(folder: Path) -> int:
    """Bytes of the files in ``folder`` (an export: its tables and export.json)."""
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())


def bench_export(
    corpus: Path | None,
    runs: int,
    timeout: float,
    engine: str = "local",
    repeat_limit: float | None = None,
    table_format: str = "csv",
) -> dict:
    """Median figures over ``runs`` exports; a run slower than ``repeat_limit`` seconds is not repeated."""
    out = Path(tempfile.mkdtemp(prefix="readout-bench-"))
    cmd = READOUT + ["export", "--out", str(out), "--timings"] + (["--corpus", str(corpus)] if corpus else [])
    if engine != "local":
        cmd += ["--engine", engine]
    if table_format != "csv":
        cmd += ["--format", table_format]
    results, sizes = [], []
    for i in range(runs):
        r = run(cmd, timeout=timeout)
        sizes.append(folder_bytes(out) if r.ok else 0)
        log(
            f"export {corpus.name if corpus else 'seeds'} [{engine}, {table_format}] run {i + 1}: "
            f"{'timed out' if r.timed_out else f'{r.seconds:.1f} s'}, peak {r.peak_kb / 1024:.0f} MB, "
            f"{sizes[-1] / 2**20:.1f} MB on disk"
        )
        if not r.ok:
            shutil.rmtree(out, ignore_errors=True)
            return {
                "ok": False,
                "timed_out": r.timed_out,
                "seconds": r.seconds,
                "runs": len(results) + 1,
                "error": r.stderr.strip().splitlines()[-1:] if not r.timed_out else [],
            }
        results.append(r)
        if repeat_limit is not None and r.seconds > repeat_limit:
            log(f"  one run took longer than {repeat_limit:.0f} s: not repeated (time budget)")
            break
    shutil.rmtree(out, ignore_errors=True)
    stages: dict[str, list[float]] = {}
    for r in results:
        for k, v in parse_timings(r.stderr).items():
            stages.setdefault(k, []).append(v)
    return {
        "ok": True,
        "runs": len(results),
        "seconds": median([r.seconds for r in results]),
        "peak_mb": median([r.peak_kb / 1024 for r in results]),
        "tree_mb": median([r.tree_kb / 1024 for r in results]),
        "disk_mb": median([b / 2**20 for b in sizes]),
        "stages": {k: median(v) for k, v in stages.items()},
    }


TRIVIAL_SOURCE = """import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
fig, ax = plt.subplots()
ax.plot(pd.Series([1, 3, 2]))
ax.set_title("trivial")
plt.show()"""


def trivial_notebooks(folder: Path, n: int) -> list[Path]:
    import nbformat

    paths = []
    for i in range(n):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(TRIVIAL_SOURCE)]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
        path = folder / f"trivial{i:02d}.ipynb"
        nbformat.write(nb, path)
        paths.append(path)
    return paths


def bench_report(runs: int, timeout: float) -> dict:

    from readout.corpus import cache
    from readout.reports.notebook_io import list_notebooks
    from readout.reports.workbooks import list_workbooks

    n = len(list_notebooks()) + len(list_workbooks())  # every notebook the build executes
    work = Path(tempfile.mkdtemp(prefix="readout-bench-report-"))
    nbs = trivial_notebooks(work, n)
    floor_cmd = [
        str(BIN / "jupyter"),
        "nbconvert",
        "--to",
        "notebook",
        "--execute",
        "--output-dir",
        str(work / "out"),
        *map(str, nbs),
    ]
    report_cmd = READOUT + ["report", "--out", str(work / "reports")]
    cache_env = {"READOUT_CACHE_DIR": str(work / "cache")}
    floor, cold, warm = [], [], []
    for i in range(runs):  # interleaved, so load on the machine hits all three alike
        r = run(floor_cmd, timeout=timeout)
        floor.append(r.seconds if r.ok else float("nan"))
        shutil.rmtree(work / "cache", ignore_errors=True)
        r = run(report_cmd, timeout=timeout, env=cache_env)
        if not r.ok:
            return {"ok": False, "n": n, "error": (r.stderr.strip().splitlines() or ["timed out"])[-1]}
        cold.append(r.seconds)
        r = run(report_cmd, timeout=timeout, env=cache_env)
        warm.append(r.seconds if r.ok else float("nan"))
        log(
            f"report run {i + 1}: floor {floor[-1]:.1f} s, build (cache empty) {cold[-1]:.1f} s, "
            f"build (cache filled) {warm[-1]:.1f} s"
        )
    no_cache = run(report_cmd + ["--no-cache"], timeout=timeout)
    shutil.rmtree(work, ignore_errors=True)
    return {
        "ok": True,
        "n": n,
        "floor": median(floor),
        "cold": median(cold),
        "warm": median(warm),
        "no_cache": no_cache.seconds if no_cache.ok else float("nan"),
        "cache_module": cache.__name__,
    }


# --------------------------------------------------------------------------- report


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.1f} GB"
    except (OSError, ValueError, IndexError):
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    from importlib import metadata

    versions = ", ".join(f"{p} {metadata.version(p)}" for p in ("pandas", "nltk", "networkx", "dask"))
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": mem,
        "os": platform.platform(),
        "python": platform.python_version(),
        "versions": versions,
        "load": load,
    }


def fmt(x, spec=".2f", unit=""):
    if x is None or (isinstance(x, float) and x != x):
        return "n/a"
    return f"{x:{spec}}{unit}"


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def formats_section(L: list[str], csv_by_n: dict, parquet: list[dict]) -> None:
    """The CSV-against-Parquet rows: each size exported both ways, side by side."""
    L.append(
        "### CSV against Parquet\n\nThe same export written as CSV (the default) and with `--format parquet` "
        "(pyarrow, zstd; column types kept). Size on disk is every table and export.json; `write` is the "
        "export's own writing stage (measured the same way as above).\n\n| corpus | format | runs | size on disk "
        "| wall time | peak RSS, all processes | peak RSS, largest process | `write` |\n"
        "| --- | --- | --- | --- | --- | --- | --- | --- |"
    )
    for s in parquet:
        for kind, r in (("csv", csv_by_n.get(s["n"], {})), ("parquet", s)):
            if r.get("ok"):
                L.append(
                    f"| synthetic {s['n']:,} | {kind} | {r['runs']} | {fmt(r.get('disk_mb'), ',.1f', ' MB')} "
                    f"| {fmt(r['seconds'], '.1f', ' s')} | {fmt(r.get('tree_mb'), '.0f', ' MB')} "
                    f"| {fmt(r['peak_mb'], '.0f', ' MB')} | {fmt(r.get('stages', {}).get('write'), '.2f', ' s')} |"
                )
            else:
                L.append(f"| synthetic {s['n']:,} | {kind} | {r.get('runs', 0)} | not finished | | | | |")
    L.append("")


def write_results(data: dict, path: Path = RESULTS) -> None:
    m = data["machine"]
    imp, seeds, sizes, rep, dask = data["imports"], data["seeds"], data["sizes"], data["report"], data["dask"]
    L = []
    L.append("# Benchmark results\n")
    L.append(
        f"Written by `make bench` (`benchmarks/run_benchmarks.py`) on {data['date']}. "
        f"Every figure is the median of {data['runs']} runs in fresh processes (interpreter start included), "
        f"except that an export slower than {data['repeat_limit']:.0f} s is run once (the *runs* column says so) "
        f"and one slower than {data['timeout']:.0f} s is stopped and reported as not finished. "
        "Do not edit by hand: rerun `make bench`.\n"
    )
    L.append("| machine | |\n| --- | --- |")
    L.append(f"| CPU | {m['cpu']} ({m['cores']} cores) |")
    L.append(f"| memory | {m['memory']} |")
    L.append(f"| system | {m['os']}, Python {m['python']} |")
    L.append(f"| packages | {m['versions']} |")
    L.append(f"| load average when the run started | {m['load']:.2f} |")
    L.append(f"| synthetic corpora | `benchmarks/generate_corpus.py --n N --seed {data['seed']}` |")
    L.append("")
    L.append("## Targets\n")
    L.append("| target | measured | verdict |\n| --- | --- | --- |")
    L.append(
        f"| `import readout` ≤ 1.3 × `import pandas` | {fmt(imp['import readout'], '.3f', ' s')} vs "
        f"{fmt(imp['import pandas'], '.3f', ' s')} ({fmt(imp['ratio'], '.2f', '×')}) | {verdict(imp['ratio'] <= 1.3)} |"
    )
    L.append(
        f"| `readout export` on the seeds < 2 s | {fmt(seeds.get('seconds'), '.2f', ' s')} | "
        f"{verdict(seeds.get('ok') and seeds['seconds'] < 2)} |"
    )
    if rep.get("ok"):
        ratio = rep["cold"] / rep["floor"]
        ratio_warm = rep["warm"] / rep["floor"]
        L.append(
            f"| report build ≤ 1.5 × trivial floor ({rep['n']} notebooks) | {fmt(rep['cold'], '.1f', ' s')} with the cache "
            f"empty ({ratio:.2f}×), {fmt(rep['warm'], '.1f', ' s')} with it filled ({ratio_warm:.2f}×); floor "
            f"{fmt(rep['floor'], '.1f', ' s')} | cache empty: {verdict(ratio <= 1.5)}; filled: {verdict(ratio_warm <= 1.5)} |"
        )
    else:
        L.append(f"| report build ≤ 1.5 × trivial floor | failed: {rep.get('error', '')} | **not met** |")
    big = {s["n"]: s for s in sizes}
    for n in sorted(big):
        s = big[n]
        if s["ok"]:
            if n >= 10000:
                L.append(
                    f"| {n:,} articles in ≤ 90 s | {fmt(s['seconds'], '.1f', ' s')} | {verdict(s['seconds'] <= 90)} |"
                )
                L.append(
                    f"| {n:,} articles peak RSS ≤ 2 GB | {fmt(s['tree_mb'], '.0f', ' MB')} for all processes "
                    f"together (largest process {fmt(s['peak_mb'], '.0f', ' MB')}) | {verdict(s['tree_mb'] <= 2048)} |"
                )
        elif s.get("skipped"):
            L.append(
                f"| {n:,} articles in ≤ 90 s | not run: {s['after']:,} articles already ran past the "
                f"{data['timeout']:.0f} s timeout, so this would take well over {data['timeout'] * n / s['after']:.0f} s "
                "at the same rate | **not met** |"
            )
        else:
            L.append(
                f"| {n:,} articles in ≤ 90 s | not finished: stopped after {fmt(s['seconds'], '.0f', ' s')} "
                f"(`--timeout`) | **not met** |"
            )
    if 1000 in big and 10000 in big and big[1000]["ok"] and big[10000]["ok"]:
        r = big[10000]["seconds"] / big[1000]["seconds"]
        L.append(f"| time(10,000) / time(1,000) ≤ 12 | {r:.1f} | {verdict(r <= 12)} |")
    elif 1000 in big and 10000 in big:
        L.append("| time(10,000) / time(1,000) ≤ 12 | not measured: an export did not finish | **not met** |")
    L.append("")
    L.append("## Imports\n")
    L.append("| command | seconds |\n| --- | --- |")
    L.append(f"| `python -c 'import readout'` | {fmt(imp['import readout'], '.3f')} |")
    L.append(f"| `python -c 'import pandas'` | {fmt(imp['import pandas'], '.3f')} |")
    L.append(
        "\n`import readout` imports nothing heavy: pandas, matplotlib, networkx and nltk load inside the "
        "functions that use them (the public names resolve lazily).\n"
    )
    L.append("## Export\n")
    L.append(
        "Command: `readout export --corpus DIR --out OUT --timings`. On the synthetic corpora (200 articles "
        "or more) the local engine loads the files and runs the per-article stages in one worker process per "
        "core; the seeds run in one process. `--engine dask` for the Dask rows: a LocalCluster with one worker "
        "process per core. Peak RSS is sampled every 50 ms over the whole process tree (parent and workers "
        "summed) and read for the largest single process from `wait4`.\n"
    )
    rows = [("seeds", 5, seeds, "local")] + [(f"synthetic {s['n']:,}", s["n"], s, "local") for s in sizes]
    rows += [(f"synthetic {s['n']:,}", s["n"], s, "dask") for s in dask]
    L.append(
        "| corpus | engine | runs | wall time | peak RSS, all processes | peak RSS, largest process | articles/s |\n"
        "| --- | --- | --- | --- | --- | --- | --- |"
    )
    for label, n, s, engine in rows:
        if s.get("ok"):
            L.append(
                f"| {label} | {engine} | {s['runs']} | {fmt(s['seconds'], '.2f', ' s')} | {fmt(s.get('tree_mb'), '.0f', ' MB')} "
                f"| {fmt(s['peak_mb'], '.0f', ' MB')} | {fmt(n / s['seconds'], '.1f')} |"
            )
        else:
            if s.get("skipped"):
                what = f"not run ({s['after']:,} articles did not finish)"
            elif s.get("timed_out"):
                what = f"stopped after {fmt(s.get('seconds'), '.0f', ' s')}"
            else:
                what = f"failed: {s.get('error')}"
            L.append(f"| {label} | {engine} | {s.get('runs', 0)} | {what} | | | |")
    L.append("")
    stage_rows = [(label, n, s, engine) for label, n, s, engine in rows if s.get("ok") and s.get("stages")]
    if stage_rows:
        L.append("### Articles per second, per stage\n")
        L.append(
            "`load` is reading, decoding and segmenting the files; `write` is writing every CSV (with worker "
            "processes, partly on the workers: the per-article tables the calling process only writes go to "
            "part files there, which it joins); every other row is a per-article stage "
            "(`readout.scale.tables.STAGES`) or an entry of `readout.scale.tables.TABLES`. A table that reuses another's "
            "memoised result (quotes reuse mentions, sentiment reuses quotes) is charged only for its own work. "
            "Where the per-article stages ran in worker processes, they share the parallel wall time in "
            "proportion to their time on the workers; text reuse is built in the calling process meanwhile, and "
            "a table finished there from a per-article result (`actors` from `mention_counts`, "
            "`outlet_profiles` from `profiles`) is charged for the finishing only.\n"
        )
        stages = []
        for *_, s, _ in stage_rows:
            for k in s["stages"]:
                if k not in stages:
                    stages.append(k)
        head = " | ".join(f"{label} ({engine})" for label, _, _, engine in stage_rows)
        L.append(f"| stage | {head} |\n| --- |" + " --- |" * len(stage_rows))
        for k in stages:
            cells = []
            for label, n, s, engine in stage_rows:
                sec = s["stages"].get(k)
                cells.append("" if sec is None else f"{sec:.2f} s ({n / sec:,.0f}/s)" if sec > 0 else "0 s")
            L.append(f"| {k} | " + " | ".join(cells) + " |")
        L.append("")
    if dask:
        L.append("### Dask overhead\n")
        for s in dask:
            local = big.get(s["n"])
            if s.get("ok") and local and local.get("ok"):
                L.append(
                    f"- {s['n']:,} articles: dask {s['seconds']:.1f} s vs local {local['seconds']:.1f} s "
                    f"({(s['seconds'] - local['seconds']):+.1f} s, {s['seconds'] / local['seconds']:.2f}×)."
                )
            else:
                L.append(f"- {s['n']:,} articles: not measured (a run did not finish within the timeout).")
        L.append("")
    if data.get("parquet"):
        formats_section(L, big, data["parquet"])
    L.append("## Report build\n")
    if rep.get("ok"):
        L.append(
            f"Floor: `jupyter nbconvert --to notebook --execute` on {rep['n']} trivial notebooks (import pandas, "
            "draw one matplotlib figure), one command: as many notebooks as the build executes (the analysis "
            "notebooks and the exercise workbooks). Build: `readout report` on the seeds, which executes the "
            "same notebooks in parallel (one kernel per core) and renders a full and a briefing page and "
            "slides for each notebook, student and instructor pages for each workbook, the brief and the "
            "index. Floor and builds were run interleaved in the same session.\n"
        )
        L.append("| command | seconds |\n| --- | --- |")
        L.append(
            f"| trivial floor (`jupyter nbconvert --execute`, {rep['n']} notebooks) | {fmt(rep['floor'], '.1f')} |"
        )
        L.append(f"| `readout report`, disk cache empty | {fmt(rep['cold'], '.1f')} |")
        L.append(f"| `readout report`, disk cache filled (same corpus and library) | {fmt(rep['warm'], '.1f')} |")
        L.append(f"| `readout report --no-cache` (one run) | {fmt(rep['no_cache'], '.1f')} |")
    else:
        L.append(f"The report build failed: {rep.get('error')}")
    L.append("")
    notes = HERE / "PROFILING.md"
    if notes.exists():
        L.append(notes.read_text(encoding="utf-8").strip())
        L.append("")
    # the adversarial section is written by `benchmarks/adversarial.py --write`; keep it
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    begin, end = "<!-- adversarial:begin -->", "<!-- adversarial:end -->"
    if begin in old and end in old:
        L.append(begin + old.split(begin, 1)[1].split(end, 1)[0] + end)
        L.append("")
    path.write_text("\n".join(L) + "\n", encoding="utf-8")
    (HERE / "corpora").mkdir(exist_ok=True)
    (HERE / "corpora" / "last-results.json").write_text(json.dumps(data, indent=1, default=str))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="synthetic corpus sizes (comma-separated)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (at least 3)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the synthetic corpora")
    parser.add_argument("--timeout", type=float, default=600, help="seconds after which one export run is stopped")
    parser.add_argument(
        "--repeat-limit",
        type=float,
        default=120,
        help="an export run slower than this many seconds is not repeated (keeps make bench under an hour)",
    )
    parser.add_argument(
        "--dask-sizes", default="10000", help="sizes also exported with --engine dask (comma-separated; empty for none)"
    )
    parser.add_argument(
        "--parquet-sizes",
        default="10000",
        help="sizes also exported with --format parquet, beside CSV (comma-separated; empty for none)",
    )
    parser.add_argument("--skip-report", action="store_true", help="leave out the report build")
    parser.add_argument("--out", default=str(RESULTS), help="where to write the results")
    args = parser.parse_args(argv)
    runs = max(3, args.runs)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    dask_sizes = [int(s) for s in args.dask_sizes.split(",") if s.strip()]
    parquet_sizes = [int(s) for s in args.parquet_sizes.split(",") if s.strip()]

    from generate_corpus import generate_corpus

    data = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "runs": runs,
        "seed": args.seed,
        "machine": machine(),
        "timeout": args.timeout,
        "repeat_limit": args.repeat_limit,
    }
    log("imports")
    data["imports"] = bench_imports(runs)
    log("export on the seeds")
    data["seeds"] = bench_export(None, runs, args.timeout)
    data["sizes"], data["dask"], data["parquet"] = [], [], []
    for n in sizes:
        slower = [s for s in data["sizes"] if s["n"] < n and not s.get("ok")]
        if slower:  # a smaller corpus already ran out of time: this one would too
            log(f"{n} articles: not run ({slower[0]['n']} articles did not finish)")
            skipped = {"n": n, "ok": False, "timed_out": True, "skipped": True, "seconds": float("nan")}
            skipped.update(runs=0, after=slower[0]["n"])
            data["sizes"].append(dict(skipped))
            for key, listed in (("dask", dask_sizes), ("parquet", parquet_sizes)):
                if n in listed:
                    data[key].append(dict(skipped))
            continue
        log(f"generating {n} articles")
        folder = generate_corpus(n, seed=args.seed)
        result = bench_export(folder, runs, args.timeout, repeat_limit=args.repeat_limit)
        data["sizes"].append({"n": n, **result})
        not_run = {"n": n, "ok": False, "timed_out": True, "seconds": float("nan"), "runs": 0}
        for key, listed, options in (
            ("dask", dask_sizes, {"engine": "dask"}),
            ("parquet", parquet_sizes, {"table_format": "parquet"}),
        ):
            if n in listed and not result.get("ok"):
                data[key].append(dict(not_run))
            elif n in listed:
                again = bench_export(folder, runs, args.timeout, repeat_limit=args.repeat_limit, **options)
                data[key].append({"n": n, **again})
    if args.skip_report:
        data["report"] = {"ok": False, "error": "left out (--skip-report)"}
    else:
        log("report build against the trivial floor")
        data["report"] = bench_report(runs, args.timeout)
    write_results(data, Path(args.out))
    log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
