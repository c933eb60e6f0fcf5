"""Time ``readout export`` on adversarial shapes of text and check that every stage scales linearly.

Each shape is one article built from a seed article, grown in steps; every step is exported
in a fresh process (``readout export --jobs 1 --timings``) and timed per stage:

``pronouns``
    the seed article followed by a paragraph of N sentences "He left." (pronoun resolution);
``long-line``
    the seed's analysed paragraphs joined into one line of N bytes (no line break at all);
``big-article``
    the seed articles' paragraphs repeated, each made unique ("In round 7, ..."), paragraph
    breaks kept, to N bytes;
``nesting``
    the seed article with a paragraph of N nested quotation marks and parentheses.

For each shape the table gives wall time, peak RSS (the export process, from ``wait4``) and
each stage's growth exponent between the two largest steps: ``log(t2 / t1) / log(n2 / n1)``,
1 for linear time, 2 for quadratic. Stages under ``--min-seconds`` at the largest step are not
rated (their time is mostly fixed cost). ``--write`` puts the tables in ``RESULTS.md``, in
its own section (replaced on the next ``--write``)::

    python benchmarks/adversarial.py                          # every shape, default steps
    python benchmarks/adversarial.py --shapes pronouns --write
    python benchmarks/adversarial.py --shapes big-article --sizes 5e6,10e6,20e6,50e6
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEEDS = ROOT / "seeds"
RESULTS = HERE / "RESULTS.md"
BEGIN, END = "<!-- adversarial:begin -->", "<!-- adversarial:end -->"

#: default steps per shape (sentences, bytes, bytes, depth)
SIZES = {
    "pronouns": [2000, 8000, 32000, 128000],
    "long-line": [125_000, 250_000, 500_000, 1_000_000],
    "big-article": [5_000_000, 10_000_000, 20_000_000, 50_000_000],
    "nesting": [500, 1000, 2000, 4000],
}
UNITS = {"pronouns": "sentences", "long-line": "bytes", "big-article": "bytes", "nesting": "levels"}


def _seed_text(n: int = 1) -> str:
    return sorted(SEEDS.glob("*.txt"))[n].read_text(encoding="utf-8")


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if len(p.strip()) > 80]


def build_article(shape: str, n: int) -> str:
    """The text of one article of ``shape`` at step ``n``."""
    seed = _seed_text()
    if shape == "pronouns":
        return seed.rstrip() + "\n\n" + " ".join(["He left."] * n) + "\n"
    if shape == "long-line":
        line = " ".join(_paragraphs(seed)) + " "
        body = (line * (n // len(line) + 1))[:n]
        return "Talks in Beijing\n\n" + body.rstrip() + ".\n"
    if shape == "big-article":
        paras = [p for path in sorted(SEEDS.glob("*.txt")) for p in _paragraphs(path.read_text(encoding="utf-8"))]
        out, size, i = ["Talks in Beijing"], 0, 0
        while size < n:  # each paragraph made unique, so no stage can reuse the result of a repeat
            para = f"In round {i}, {paras[i % len(paras)]}"
            out.append(para)
            size += len(para) + 2
            i += 1
        return "\n\n".join(out) + "\n"
    if shape == "nesting":
        opened = "(“‘" * n
        closed = "’”)" * n
        return seed.rstrip() + f"\n\nBlinken said {opened}we talked, he said{closed}, and left.\n"
    raise ValueError(f"unknown shape {shape!r}")


def run_export(folder: Path, timeout: float) -> dict:
    """Export ``folder`` in a fresh process; wall seconds, peak RSS (MB), seconds per stage."""
    out = folder.parent / "out"
    shutil.rmtree(out, ignore_errors=True)
    readout = Path(sys.executable).parent / "readout"
    command = [str(readout), "export", "--corpus", str(folder), "--out", str(out), "--jobs", "1", "--timings"]
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err)
        deadline = t0 + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                os.wait4(proc.pid, 0)
                return {"wall": None, "rss": None, "stages": {}, "error": f"stopped after {timeout:.0f} s"}
            time.sleep(0.05)
        wall = time.perf_counter() - t0
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    stages = {m[1]: float(m[2]) for m in re.finditer(r"^\s+(\w+)\s+([\d.]+) s", text, re.M)}
    code = os.waitstatus_to_exitcode(status)
    error = None if code == 0 else f"exit {code}: {text.strip().splitlines()[-1] if text.strip() else ''}"
    return {"wall": wall, "rss": usage.ru_maxrss / 1024, "stages": stages, "error": error}


def measure(shape: str, sizes: list[int], timeout: float, work: Path, runs: int = 1) -> list[dict]:
    """Each step of ``shape`` exported ``runs`` times: the run of median wall time."""
    rows = []
    for n in sizes:
        folder = work / f"{shape}-{n}" / "corpus"
        folder.mkdir(parents=True, exist_ok=True)
        text = build_article(shape, n)
        (folder / "article.txt").write_text(text, encoding="utf-8")
        tries = [run_export(folder, timeout) for _ in range(runs)]
        failed = [t for t in tries if t["error"]]
        ranked = failed or sorted(tries, key=lambda t: t["wall"])
        result = ranked[len(ranked) // 2] | {"n": n, "bytes": len(text.encode("utf-8")), "runs": runs}
        shutil.rmtree(folder.parent, ignore_errors=True)
        rows.append(result)
        wall = f"{result['wall']:.2f} s" if result["wall"] is not None else "-"
        print(f"{shape} {n:>10,}: {wall}  {result['error'] or ''}", file=sys.stderr, flush=True)
        if result["error"]:
            break  # a larger step would fail or time out as well
    return rows


def exponent(t1: float, t2: float, n1: float, n2: float) -> float:
    return math.log(max(t2, 1e-3) / max(t1, 1e-3)) / math.log(n2 / n1)


def growth(rows: list[dict], min_seconds: float) -> dict[str, float]:
    """Each stage's growth exponent between the two largest finished steps (stages of at
    least ``min_seconds`` there), and ``wall``'s."""
    done = [r for r in rows if not r["error"]]
    if len(done) < 2:
        return {}
    a, b = done[-2], done[-1]
    out = {"wall": exponent(a["wall"], b["wall"], a["bytes"], b["bytes"])}
    for stage, seconds in b["stages"].items():
        if seconds >= min_seconds and stage in a["stages"]:
            out[stage] = exponent(a["stages"][stage], seconds, a["bytes"], b["bytes"])
    return out


def markdown(results: dict[str, list[dict]], min_seconds: float) -> str:
    L = [
        BEGIN,
        f"Written by `benchmarks/adversarial.py` on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC "
        f"({platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.2f} at the start). Each step is one article exported in a "
        "fresh process (`readout export --jobs 1 --timings`, interpreter start included; the median of "
        f"{max(r.get('runs', 1) for rows in results.values() for r in rows)} runs); the growth "
        "exponent is `log(t2/t1) / log(n2/n1)` between the two largest steps, in bytes "
        f"(1 is linear, 2 quadratic), for stages of at least {min_seconds:g} s there.",
        "",
    ]
    for shape, rows in results.items():
        unit = UNITS[shape]
        step = "" if unit == "bytes" else f"{unit} | "
        L.append(f"#### {shape}\n")
        L.append(f"| {step}bytes | wall time | peak RSS | slowest stages |")
        L.append("| --- " * (5 if step else 4) + "|")
        for r in rows:
            n = "" if unit == "bytes" else f"{r['n']:,} | "
            if r["error"]:
                L.append(f"| {n}{r['bytes']:,} | {r['error']} | | |")
                continue
            top = sorted(r["stages"].items(), key=lambda kv: -kv[1])[:3]
            slow = ", ".join(f"{k} {v:.2f} s" for k, v in top)
            L.append(f"| {n}{r['bytes']:,} | {r['wall']:.2f} s | {r['rss']:.0f} MB | {slow} |")
        g = growth(rows, min_seconds)
        if g:
            worst = max((v, k) for k, v in g.items() if k != "wall") if len(g) > 1 else (g["wall"], "wall")
            rated = ", ".join(f"{k} {v:.2f}" for k, v in sorted(g.items(), key=lambda kv: -kv[1]))
            L.append("")
            L.append(f"Growth exponents: {rated}. Largest: {worst[1]} ({worst[0]:.2f}).")
        L.append("")
    L.append(END)
    return "\n".join(L)


def write_section(section: str, path: Path = RESULTS) -> None:
    """Put ``section`` into ``path``, replacing an earlier one, else at the end."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shapes", default=",".join(SIZES), help=f"comma-separated, of {', '.join(SIZES)}")
    parser.add_argument("--sizes", help="steps for every shape given, comma-separated (1e6 allowed)")
    parser.add_argument("--timeout", type=float, default=600, help="stop an export after this many seconds")
    parser.add_argument("--runs", type=int, default=1, help="exports per step; the median is kept")
    parser.add_argument("--min-seconds", type=float, default=0.5, help="rate stages at least this slow")
    parser.add_argument("--write", action="store_true", help="write the tables into benchmarks/RESULTS.md")
    args = parser.parse_args(argv)
    shapes = [s.strip() for s in args.shapes.split(",") if s.strip()]
    unknown = [s for s in shapes if s not in SIZES]
    if unknown:
        parser.error(f"unknown shape(s) {', '.join(unknown)}; use {', '.join(SIZES)}")
    results = {}
    with tempfile.TemporaryDirectory(prefix="readout-adversarial-") as work:
        for shape in shapes:
            sizes = [int(float(s)) for s in args.sizes.split(",")] if args.sizes else SIZES[shape]
            results[shape] = measure(shape, sizes, args.timeout, Path(work), max(1, args.runs))
    section = markdown(results, args.min_seconds)
    print(section)
    if args.write:
        write_section(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
