"""The environment: one dependency list, offline nltk, stripped notebooks, tracked library."""

from __future__ import annotations

import json
import re
import subprocess

import tomllib

from readout.paths import PROJECT_ROOT as ROOT


def _name(spec: str) -> str:
    return re.split(r"[<>=!~ \[;]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject_names() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = {_name(d) for d in project["dependencies"]}
    for _extra, specs in project["optional-dependencies"].items():
        for spec in specs:
            names.add(_name(spec))
            # an extra such as dask[distributed] installs a second conda package
            names.update(e.strip().lower() for e in re.findall(r"\[([^\]]+)\]", spec) for e in e.split(","))
    return names


def _environment_names() -> set[str]:
    names = set()
    for line in (ROOT / "environment.yml").read_text().splitlines():
        m = re.match(r"\s*-\s+([A-Za-z0-9_.\-]+)", line)
        if m and not line.strip().startswith("- -e") and m.group(1) not in ("python", "pip", "conda-forge"):
            names.add(_name(m.group(1)))
    return names


def test_environment_yml_matches_pyproject():
    assert _pyproject_names() == _environment_names()


def test_no_nltk_download_anywhere():
    offenders = []
    for path in list((ROOT / "lib").rglob("*.py")) + list((ROOT / "notebooks").rglob("*.ipynb")):
        if re.search(r"nltk\.download\s*\(|\bdownload\(\s*['\"]vader", path.read_text(encoding="utf-8")):
            offenders.append(str(path))
    assert offenders == []


def test_vader_loads_offline_from_project_folder(tmp_path):
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    from readout.nltk_setup import ensure_nltk_data, provision

    zip_path = provision(tmp_path)
    assert zip_path == tmp_path / "sentiment" / "vader_lexicon.zip"
    ensure_nltk_data(tmp_path)
    analyzer = SentimentIntensityAnalyzer()
    assert analyzer.lexicon["good"] == 1.9
    assert analyzer.polarity_scores("a good and constructive day")["compound"] > 0.4


def test_notebooks_committed_stripped():
    for path in sorted((ROOT / "notebooks").rglob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert cell.get("outputs") == [] and cell.get("execution_count") is None, path.name


def test_notebooks_follow_the_template():
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        first = "".join(nb["cells"][0]["source"])
        assert nb["cells"][0]["cell_type"] == "markdown" and first.startswith("# "), path.name
        assert "**Question:**" in first, path.name
        params = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
        assert len(params) == 1 and "CORPUS = None" in "".join(params[0]["source"]), path.name
        text = " ".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
        assert "Caveats" in text or "Caveats" in json.dumps(nb), path.name


def test_library_is_tracked_by_git():
    done = subprocess.run(["git", "ls-files", "lib/readout"], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:  # not a git checkout (an unpacked release): nothing to check
        return
    assert "lib/readout/reports/build.py" in done.stdout.split()
    ignored = subprocess.run(
        ["git", "check-ignore", "lib/readout/reports/build.py"], cwd=ROOT, capture_output=True, text=True
    )
    assert ignored.returncode == 1


def test_import_readout_is_light():
    code = "import sys, readout; readout.load_corpus; print(','.join(m for m in ('matplotlib', 'networkx', 'nltk') if m in sys.modules))"
    done = subprocess.run([__import__("sys").executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
