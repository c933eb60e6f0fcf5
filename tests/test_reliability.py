"""Bad input through the command line, and determinism of the exported tables."""

from __future__ import annotations

import filecmp
import subprocess
import sys

import pytest

from conftest import write_corpus
from readout.cli import EXIT_ERRORS, EXIT_OK, EXIT_WARNINGS, main


def test_check_names_every_bad_file_in_one_run(tmp_path):
    folder = write_corpus(
        tmp_path / "bad",
        {
            "good.txt": "Blinken visits Beijing\n\nThe talks began on Sunday.",
            "windows.txt": "Blinken visits Beijing\n\nHe said \u201cno\u201d.".encode("cp1252"),
            "empty.txt": b"",
            "bom-only.txt": b"\xef\xbb\xbf\r\n",
            "binary.txt": b"PK\x03\x04\x00\x00",
        },
    )
    done = subprocess.run(
        [sys.executable, "-m", "readout", "check", "--corpus", str(folder)], capture_output=True, text=True
    )
    assert done.returncode == EXIT_ERRORS == 2
    errors = [line for line in done.stderr.splitlines() if line.strip().startswith("error:")]
    named = {
        name for name in ("windows.txt", "empty.txt", "bom-only.txt", "binary.txt") if any(name in e for e in errors)
    }
    assert named == {"windows.txt", "empty.txt", "bom-only.txt", "binary.txt"}, done.stderr
    assert len(errors) == 4 and "good.txt" not in done.stderr
    cp1252 = next(e for e in errors if "windows.txt" in e)
    assert "byte 0x93" in cp1252 and "Windows-1252" in cp1252 and "re-save the file as UTF-8" in cp1252
    assert done.stderr.startswith("4 problem(s)")


def test_check_exit_codes_are_the_documented_ones(tmp_path, capsys):
    clean = write_corpus(
        tmp_path / "clean",
        {"a.txt": "Headline\n\nText."},
        csv="article_id,file,outlet,headline,published\na,a.txt,Outlet,Headline,2023-06-18\n",
    )
    assert main(["check", "--corpus", str(clean)]) == EXIT_OK == 0
    warned = write_corpus(tmp_path / "warned", {"a.txt": b"\xef\xbb\xbfHeadline\r\n\r\nText."})
    assert main(["check", "--corpus", str(warned)]) == EXIT_WARNINGS == 1
    out = capsys.readouterr().out
    assert "byte-order mark" in out and "CRLF" in out and "no row in articles.csv" in out
    from readout.paths import PROJECT_ROOT

    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert "**0** clean, **1** warnings only, **2** errors" in readme


@pytest.mark.slow  # over a second: left to make test, out of make test-fast
def test_two_exports_are_identical(tmp_path):
    """`readout export` twice from the same corpus: every table byte for byte the same.

    The second run is a fresh process with another hash seed, so nothing may depend on
    set or dict ordering of strings, or on state left over from the first run.
    """
    import os

    one, two = tmp_path / "one", tmp_path / "two"
    assert main(["export", "--out", str(one)]) == 0
    env = dict(os.environ, PYTHONHASHSEED="12345")
    done = subprocess.run(
        [sys.executable, "-m", "readout", "export", "--out", str(two)], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in one.glob("*.csv"))
    assert len(names) >= 10 and names == sorted(p.name for p in two.glob("*.csv"))
    match, mismatch, errors = filecmp.cmpfiles(one, two, names, shallow=False)
    assert not mismatch and not errors, mismatch + errors
    assert all((one / n).stat().st_size > 0 for n in names)
