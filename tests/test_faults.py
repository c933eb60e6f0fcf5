"""Faults and hostile input: atomic exports, the corpus boundary, linear pronouns, a sound cache, exit 2.

Every case here once ended badly (a half-written table that looked complete, a read of
/etc/passwd through a link, a hang on a FIFO, a quadratic walk, a cache key shared by two
corpora, a traceback with exit 1). Tests that start worker processes or kill exports are
marked ``slow``.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import readout
from conftest import write_corpus
from readout.analysis import topics
from readout.cli import main
from readout.corpus import cache
from readout.corpus.files import read_file_bytes
from readout.corpus.model import ARTICLE_COLUMNS, CorpusError
from readout.paths import DATA_DIR, PROJECT_ROOT, SEEDS_DIR
from readout.scale import output
from readout.scale.export import ExportInterrupted, export_tables
from readout.scale.output import MANIFEST, ExportError, read_export, spreadsheet_safe_field

TEXT = "Talks resume in Beijing\n\nAntony Blinken met Qin Gang on Sunday. “We talked,” Blinken said.\n"


def seeds_copy(folder: Path) -> Path:
    """The bundled corpus as a folder of its own (articles.csv beside the files)."""
    shutil.copytree(SEEDS_DIR, folder)
    shutil.copy(DATA_DIR / "articles.csv", folder / "articles.csv")
    return folder


@pytest.fixture(scope="module")
def seeds_export(tmp_path_factory) -> Path:
    """One export of the seeds, copied by the tests that need a complete earlier export."""
    out = tmp_path_factory.mktemp("seeds-export") / "out"
    export_tables(None, out, jobs=1)
    return out


def run_cli(*args: str, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess:
    """``python -m readout ARGS`` in a fresh process (a hang fails the test instead of stalling it)."""
    return subprocess.run(
        [sys.executable, "-m", "readout", *args], capture_output=True, text=True, timeout=timeout, **kwargs
    )


def no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr, stderr


# --------------------------------------------------------------------------- the export folder


def test_export_writes_a_manifest_that_read_export_checks(seeds_export, corpus):
    manifest = json.loads((seeds_export / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["complete"] is True and manifest["format"] == "readout-export"
    assert manifest["corpus"]["fingerprint"] == corpus.fingerprint
    assert manifest["corpus"]["articles"] == len(corpus.raw)
    assert set(manifest["versions"]) == {"readout", "python", "pandas"}
    assert manifest["versions"]["pandas"] == pd.__version__
    tables = read_export(seeds_export)
    assert list(tables) == list(manifest["tables"])
    for name, entry in manifest["tables"].items():
        data = (seeds_export / entry["file"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["bytes"] == len(data)
        assert entry["rows"] == len(tables[name]), name
    assert sorted(p.name for p in seeds_export.iterdir()) == sorted(
        [MANIFEST, *(e["file"] for e in manifest["tables"].values())]
    )
    # text exactly as written (ids stay strings), numbers as numbers, offsets still index the text
    assert tables["articles"]["article_id"].tolist() == corpus.articles["article_id"].tolist()
    sentences = tables["sentences"]
    assert sentences["start"].dtype.kind == "i"
    for row in sentences.itertuples():
        assert corpus.raw[row.article_id][row.start : row.end] == row.text
    assert readout.read_export is read_export


def test_read_export_refuses_what_is_not_a_complete_export(seeds_export, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ExportError, match=re.escape(str(empty))):
        read_export(empty)

    def copy(name: str) -> Path:
        folder = tmp_path / name
        shutil.copytree(seeds_export, folder)
        return folder

    def edit_manifest(folder: Path, **changes) -> None:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        (folder / MANIFEST).write_text(json.dumps(data | changes), encoding="utf-8")

    pending = copy("pending")
    edit_manifest(pending, complete=False)
    with pytest.raises(ExportError, match="did not complete"):
        read_export(pending)
    torn = copy("torn")
    with open(torn / "sentiment.csv", "r+b") as handle:  # cut at a whole row, as an interrupted write would
        data = handle.read()
        handle.truncate(data.rindex(b"\n", 0, len(data) // 2) + 1)
    with pytest.raises(ExportError, match="sentiment.csv differs"):
        read_export(torn)
    missing = copy("missing")
    (missing / "quotes.csv").unlink()
    with pytest.raises(ExportError, match="quotes.csv is listed in export.json but missing"):
        read_export(missing)
    garbled = copy("garbled")
    (garbled / MANIFEST).write_text("{not json", encoding="utf-8")
    with pytest.raises(ExportError, match="no readable export.json"):
        read_export(garbled)


def _stage(folder: Path, tables: dict[str, str]) -> dict[str, output.StagedTable]:
    """Write ``tables`` (name -> CSV text) into ``folder`` as a staging folder would hold them."""
    staged = {}
    for name, text in tables.items():
        path = folder / f"{name}.csv"
        path.write_text(text, encoding="utf-8")
        staged[name] = output.finish_staged(path, text.count("\n") - 1, {"x": "int64"})
    return staged


def _check_folder(out: Path, allowed: dict[str, dict[str, str]]) -> str | None:
    """None when ``read_export`` refuses ``out``; else the name of the export it holds, which
    must be exactly one of ``allowed`` (its tables and nothing of the other's)."""
    try:
        tables = read_export(out)
    except ExportError:
        return None
    fingerprint = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["corpus"]["fingerprint"]
    assert fingerprint in allowed, fingerprint
    expected = allowed[fingerprint]
    assert set(tables) == set(expected)
    csvs = {p.stem for p in out.glob("*.csv")}
    assert csvs == set(expected), f"{fingerprint}: tables of another export left in {out}: {csvs - set(expected)}"
    for name, text in expected.items():
        assert (out / f"{name}.csv").read_text(encoding="utf-8") == text
    return fingerprint


def test_commit_interrupted_at_every_step_never_leaves_a_folder_that_reads_as_complete(tmp_path, monkeypatch):
    """The commit's renames, removals and manifest writes, each interrupted in turn: the folder
    is the old export, the new one, or refused; never a mix that reads as complete."""
    old_tables = {"a": "x\n1\n", "b": "x\n2\n", "gone": "x\n3\n"}
    new_tables = {"a": "x\n10\n", "b": "x\n20\n", "c": "x\n30\n"}
    allowed = {"old": old_tables, "new": new_tables}

    def fresh_old(out: Path) -> None:
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()
        staging = output.make_staging(out)
        manifest = output.manifest_for(_stage(staging, old_tables), "old", tmp_path, 3)
        output.commit(out, staging, manifest)
        shutil.rmtree(staging)

    out = tmp_path / "out"
    fresh_old(out)
    assert _check_folder(out, allowed) == "old"
    steps, seen = 0, []
    real_replace, real_unlink = os.replace, Path.unlink
    while True:
        calls = [0]

        def counting(*args, **kwargs):
            calls[0] += 1
            if calls[0] == steps + 1:
                raise KeyboardInterrupt(f"interrupted at step {calls[0]}")
            return (real_replace if len(args) == 2 else real_unlink)(*args, **kwargs)

        fresh_old(out)
        staging = output.make_staging(out)
        manifest = output.manifest_for(_stage(staging, new_tables), "new", tmp_path, 3)
        monkeypatch.setattr(output.os, "replace", lambda a, b: counting(a, b))
        monkeypatch.setattr(output.Path, "unlink", lambda self, missing_ok=False: counting(self, missing_ok=missing_ok))
        try:
            output.commit(out, staging, manifest)
            finished = True
        except KeyboardInterrupt:
            finished = False
        finally:
            monkeypatch.setattr(output.os, "replace", real_replace)
            monkeypatch.setattr(output.Path, "unlink", real_unlink)
            shutil.rmtree(staging, ignore_errors=True)
        seen.append(_check_folder(out, allowed))
        if finished:
            break
        steps += 1
    # pending manifest, three renames, one removal, the manifest: six steps, then the whole commit
    assert steps == 6
    assert seen[0] == "old" and seen[-1] == "new" and set(seen[1:-1]) == {None}


def test_a_new_export_removes_the_tables_of_the_earlier_one_and_nothing_else(seeds_export, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(seeds_export, out)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    (out / "dropped.csv").write_text("x\n1\n", encoding="utf-8")  # a table an older version wrote
    manifest["tables"]["dropped"] = {"file": "dropped.csv", "rows": 1, "bytes": 4, "sha256": "0", "dtypes": {}}
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    stale = out / ".export-999999999-x"  # left by a process killed with SIGKILL
    (stale / "parts").mkdir(parents=True)
    (stale / "sentiment.csv").write_text("half", encoding="utf-8")
    legacy = out / ".parts-abc"
    legacy.mkdir()
    export_tables(None, out, jobs=1)
    assert not (out / "dropped.csv").exists() and (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert not stale.exists() and not legacy.exists()
    assert set(read_export(out)) == set(manifest["tables"]) - {"dropped"}


def test_scratch_folders_of_running_exports_are_kept(tmp_path):
    out = tmp_path / "out"
    live = out / f".export-{os.getppid()}-x"  # a process that runs: another export into this folder
    dead = out / ".export-999999999-y"
    live.mkdir(parents=True)
    dead.mkdir()
    assert output.remove_stale_scratch(out) == [dead.name]
    assert live.exists()


def test_out_must_be_empty_an_export_folder_or_new(tmp_path, capsys):
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "articles.csv").write_text("article_id,file\nmine,mine.txt\n", encoding="utf-8")
    assert main(["export", "--out", str(foreign)]) == 2
    err = capsys.readouterr().err
    assert f"--out {foreign}: holds files that no readout export wrote (articles.csv)" in err
    assert (foreign / "articles.csv").read_text(encoding="utf-8").startswith("article_id,file\nmine")
    assert [p.name for p in foreign.iterdir()] == ["articles.csv"]


def test_out_may_not_be_the_corpus_a_folder_inside_it_or_a_file(tmp_path, capsys):
    corpus = seeds_copy(tmp_path / "corpus")
    (corpus / "actors.csv").write_bytes((DATA_DIR / "actors.csv").read_bytes())
    before = {p.name: p.read_bytes() for p in corpus.iterdir()}
    for out in (corpus, corpus / "tables", tmp_path / "corpus" / "." / "x"):
        assert main(["export", "--corpus", str(corpus), "--out", str(out)]) == 2
        assert "is the corpus folder" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == before
    a_file = tmp_path / "file.csv"
    a_file.write_text("x", encoding="utf-8")
    assert main(["export", "--out", str(a_file)]) == 2
    assert f"--out {a_file}: is a file, not a folder" in capsys.readouterr().err


def test_out_that_cannot_be_written_is_exit_2(tmp_path, capsys, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(output.tempfile, "mkdtemp", refuse)  # root ignores a read-only mode
    out = tmp_path / "read-only"
    assert main(["export", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"--out {out}: cannot write there (Permission denied)" in err
    no_traceback(err)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes into a read-only folder")
def test_read_only_out_folder_is_exit_2(tmp_path):
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o555)
    try:
        done = run_cli("export", "--out", str(out))
    finally:
        out.chmod(0o755)
    assert done.returncode == 2 and "cannot write there" in done.stderr
    no_traceback(done.stderr)


def test_a_failing_table_is_exit_2_and_leaves_no_complete_export(tmp_path, capsys, monkeypatch):
    def boom(corpus):
        raise RuntimeError("boom")

    monkeypatch.setattr("readout.analysis.topics.article_topics", boom)
    out = tmp_path / "out"
    assert main(["export", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "table topics: RuntimeError: boom" in err
    no_traceback(err)
    assert list(out.iterdir()) == []  # nothing staged is left, nothing was moved in
    with pytest.raises(ExportError):
        read_export(out)


def test_a_sigterm_python_could_not_raise_still_stops_the_export_quietly(tmp_path, capsys, monkeypatch):
    """A signal landing in a fork hook or a ``__del__`` is reported as unraisable and dropped
    by Python (seen once in the random-kill test: a traceback printed from logging's fork
    hook, then the export went on). Here a finaliser raises the export's own SIGTERM while
    the tables are built: the export stops before any table is moved in, exit 143, no traceback."""

    class RaisesWhenCollected:
        def __del__(self):
            raise ExportInterrupted(signal.SIGTERM)

    real = topics.article_topics

    def topics_then_signal(corpus):
        RaisesWhenCollected()  # collected at once: its exception can only be reported
        return real(corpus)

    monkeypatch.setattr("readout.analysis.topics.article_topics", topics_then_signal)
    out = tmp_path / "out"
    hook = sys.unraisablehook
    assert main(["export", "--out", str(out)]) == 128 + signal.SIGTERM
    err = capsys.readouterr().err
    assert "interrupted" in err
    no_traceback(err)
    assert list(out.iterdir()) == []
    with pytest.raises(ExportError):
        read_export(out)
    assert sys.unraisablehook is hook  # the export's hook is gone again


# --------------------------------------------------------------------------- spreadsheets


def test_spreadsheet_safe_fields():
    cases = {
        '=HYPERLINK("http://x","y")': '\'=HYPERLINK("http://x","y")',
        "=cmd|' /C calc'!A0": "'=cmd|' /C calc'!A0",
        "+1+2": "'+1+2",
        "@SUM(A1)": "'@SUM(A1)",
        "-x": "'-x",
        "\tTab": "'\tTab",
        "\rCR": "'\rCR",
        "-0.25": "-0.25",
        "+3": "+3",
        "1e-05": "1e-05",
        "plain = text": "plain = text",
        "": "",
    }
    assert {k: spreadsheet_safe_field(k) for k in cases} == cases


def test_spreadsheet_safe_export_is_a_separate_variant(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {})
    for n, path in enumerate(sorted(SEEDS_DIR.glob("*.txt"))):
        text = path.read_text(encoding="utf-8")
        if n == 0:
            text = '=HYPERLINK("http://evil","click")\n\n@SUM(1+1) and +cmd|\' /C calc\'!A0\n\n' + text
        (corpus / path.name).write_text(text, encoding="utf-8")
    plain, safe = tmp_path / "plain", tmp_path / "safe"
    assert main(["export", "--corpus", str(corpus), "--out", str(plain)]) == 0
    assert main(["export", "--corpus", str(corpus), "--out", str(safe), "--spreadsheet-safe"]) == 0
    # the default keeps the exact text: offsets index it, formulas and all
    loaded = readout.load_corpus(corpus)
    paragraphs = read_export(plain)["paragraphs"]
    formulas = paragraphs[paragraphs["text"].str.startswith(("=", "@"))]
    assert len(formulas) == 2
    for row in formulas.itertuples():
        assert loaded.raw[row.article_id][row.start : row.end] == row.text
    # the spreadsheet-safe variant: no field starts a formula; numbers stay numbers
    with pytest.raises(ExportError, match="spreadsheet-safe"):
        read_export(safe)
    assert json.loads((safe / MANIFEST).read_text(encoding="utf-8"))["spreadsheet_safe"] is True
    for path in safe.glob("*.csv"):
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        for column in table.columns:
            values = table[column]
            risky = values[values.str.startswith(("=", "+", "-", "@", "\t", "\r"))]
            assert risky.str.fullmatch(r"[+-][\d.eE+-]+").all(), (path.name, column, risky.head().tolist())
    safe_paragraphs = pd.read_csv(safe / "paragraphs.csv", dtype=str, keep_default_na=False)
    assert safe_paragraphs["text"].str.startswith("'=HYPERLINK").sum() == 1
    sentiment = pd.read_csv(safe / "sentiment.csv")
    assert (sentiment.select_dtypes("number") < 0).any().any()  # negative scores are still numbers


# --------------------------------------------------------------------------- the corpus boundary


def test_files_are_read_only_from_inside_the_corpus(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    folder = write_corpus(tmp_path / "corpus", {"a.txt": TEXT})
    (folder / "sub").mkdir()
    (folder / "sub" / "inner.txt").write_text(TEXT.replace("Sunday", "Monday"), encoding="utf-8")
    (folder / "inside.txt").symlink_to(folder / "sub" / "inner.txt")  # a link inside the corpus is fine
    assert len(readout.load_corpus(folder).raw) == 2
    (folder / "x.txt").symlink_to(outside)
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    with pytest.raises(CorpusError) as caught:
        readout.load_corpus(folder)
    problems = caught.value.problems
    assert len(problems) == 2
    assert any(
        p.startswith(f"{folder / 'x.txt'}: is a symbolic link to {outside}, outside the corpus folder")
        for p in problems
    )
    assert any("passwd.txt: is a symbolic link to /etc/passwd, outside the corpus folder" in p for p in problems)
    assert not any("root:x" in p for p in problems)


def test_only_regular_files_are_read_and_check_names_every_problem(tmp_path, capsys, monkeypatch):
    folder = write_corpus(tmp_path / "corpus", {"good.txt": TEXT, "bad.txt": b"caf\x92", "locked.txt": TEXT})
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "broken.txt").symlink_to(folder / "nowhere.txt")
    (folder / "dir.txt").mkdir()
    os.mkfifo(folder / "fifo.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(folder / "articles.csv")  # a FIFO articles.csv once hung the loader forever
    real_open = os.open

    def deny(path, *args, **kwargs):  # root ignores file modes: refuse the read as the system would
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    assert main(["check", "--corpus", str(folder)]) == 2
    err = capsys.readouterr().err
    no_traceback(err)
    expected = {
        "articles.csv": "is a named pipe (FIFO), not a regular file",
        "bad.txt": "is not UTF-8: byte 0x92",
        "locked.txt": "cannot be read: permission denied",
        "loop.txt": "is a symbolic link that loops",
        "broken.txt": "which does not exist",
        "dir.txt": "is a folder, not a regular file",
        "fifo.txt": "is a named pipe (FIFO), not a regular file",
        "zero.txt": "outside the corpus folder",
    }
    for name, message in expected.items():
        assert re.search(rf"error: {re.escape(str(folder / name))}: .*{re.escape(message)}", err), (name, err)
    assert "good.txt" not in err


def test_a_device_inside_the_corpus_is_not_read(tmp_path):
    dev = Path("/dev/zero")
    assert not dev.is_file()
    with pytest.raises(CorpusError, match="is a character device, not a regular file"):
        read_file_bytes(dev, 10)


def test_articles_csv_linked_to_dev_zero_is_refused_quickly(tmp_path):
    folder = write_corpus(tmp_path / "corpus", {"a.txt": TEXT})
    (folder / "articles.csv").symlink_to("/dev/zero")
    done = run_cli("check", "--corpus", str(folder), timeout=60)
    assert done.returncode == 2
    assert "articles.csv: is a symbolic link to /dev/zero, outside the corpus folder" in done.stderr
    no_traceback(done.stderr)


def test_size_limits(tmp_path, monkeypatch, capsys):
    folder = write_corpus(tmp_path / "corpus", {"a.txt": TEXT, "big.txt": TEXT * 50})
    csv = "article_id,file\n" + "".join(f"id{i},f{i}.txt\n" for i in range(2000))
    (folder / "articles.csv").write_text(csv, encoding="utf-8")
    monkeypatch.setattr("readout.corpus.loading.MAX_ARTICLE_BYTES", 1000)
    monkeypatch.setattr("readout.corpus.loading.MAX_METADATA_BYTES", 1000)
    assert main(["check", "--corpus", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "big.txt: is 0.0 MB, over the limit of 0 MB; split it, or raise the limit with READOUT_MAX_ARTICLE_MB" in err
    assert "articles.csv: is 0.0 MB, over the limit of 0 MB" in err and "READOUT_MAX_METADATA_MB" in err
    assert "a.txt" not in err
    done = run_cli("check", "--corpus", str(folder), env=os.environ | {"READOUT_MAX_ARTICLE_MB": "0.001"})
    assert done.returncode == 2 and "big.txt: is 0.0 MB, over the limit" in done.stderr


def test_file_name_that_is_not_utf8(tmp_path, capsys):
    folder = write_corpus(tmp_path / "corpus", {"a.txt": TEXT})
    with open(os.path.join(os.fsencode(folder), b"bad\xff.txt"), "wb") as handle:
        handle.write(TEXT.encode("utf-8"))
    assert main(["check", "--corpus", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "bad\\xff.txt: the file name is not valid UTF-8; rename the file." in err
    done = run_cli("export", "--corpus", str(folder), "--out", str(tmp_path / "out"))
    assert done.returncode == 2 and "bad\\xff.txt: the file name is not valid UTF-8" in done.stderr
    no_traceback(done.stderr)


@pytest.mark.parametrize(
    "content, message",
    [
        ("article_id;file;outlet\na;a.txt;X\n", "separated by semicolons, not commas"),
        ("article_id\tfile\na\ta.txt\n", "separated by tabs, not commas"),
        ("", "is empty; it needs a header line"),
        ("  \n\n", "is empty; it needs a header line"),
        ('article_id,file,headline\na,a.txt,"unclosed\n', "cannot be read as CSV"),
        ("article_id,file\na,a.txt,extra,fields\n", "cannot be read as CSV"),
        ("article_id,file,outlet,outlet\na,a.txt,X,Y\n", "column(s) 'outlet' appear more than once"),
        ("id,name\na,a.txt\n", "missing column(s) article_id, file"),
    ],
)
def test_bad_articles_csv_is_exit_2_naming_it(tmp_path, capsys, content, message):
    folder = write_corpus(tmp_path / "corpus", {"a.txt": TEXT}, csv=content)
    assert main(["check", "--corpus", str(folder)]) == 2
    err = capsys.readouterr().err
    assert f"{folder / 'articles.csv'}: " in err and message in err, err
    no_traceback(err)


def test_utf16_files_are_named_as_utf16(tmp_path, capsys):
    folder = write_corpus(
        tmp_path / "corpus",
        {"a.txt": TEXT, "wide.txt": "\ufeff".encode("utf-16-le") + TEXT.encode("utf-16-le")},
    )
    (folder / "articles.csv").write_bytes("article_id,file\na,a.txt\n".encode("utf-16"))
    assert main(["check", "--corpus", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "wide.txt: is UTF-16 text (it starts with a UTF-16 byte-order mark); re-save it as UTF-8." in err
    assert "articles.csv: is UTF-16 text; re-save it as UTF-8" in err
    assert "binary" not in err


@pytest.mark.slow  # over a second: left to make test, out of make test-fast
def test_a_huge_articles_csv_is_reported_in_a_few_lines(tmp_path, capsys):
    folder = write_corpus(tmp_path / "corpus", {"a.txt": TEXT})
    rows = "".join(f"id{i},missing{i}.txt\n" for i in range(200_000))
    (folder / "articles.csv").write_text("article_id,file\n" + rows, encoding="utf-8")
    assert main(["check", "--corpus", str(folder)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 22  # the count, 20 rows, the rest counted
    assert err[-1].endswith(f"199980 more rows name files that are not in {folder}.")
    dups = "".join(f"d{i % 50_000},f{i}.txt\n" for i in range(100_000))
    (folder / "articles.csv").write_text("article_id,file\n" + dups, encoding="utf-8")
    assert main(["check", "--corpus", str(folder)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and err[1].count("'d") == 20 and "and 49980 more; each article needs one row" in err[1]


def test_a_file_that_disappears_during_the_load(tmp_path, capsys, monkeypatch):
    folder = write_corpus(tmp_path / "corpus", {"a.txt": TEXT, "b.txt": TEXT})
    real = readout.corpus.loading.read_file_bytes

    def vanish(path, *args, **kwargs):
        if Path(path).name == "b.txt":
            Path(path).unlink(missing_ok=True)
        return real(path, *args, **kwargs)

    monkeypatch.setattr("readout.corpus.loading.read_file_bytes", vanish)
    assert main(["export", "--corpus", str(folder), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert f"{folder / 'b.txt'}: disappeared while the corpus was being read; run again." in err
    no_traceback(err)


# --------------------------------------------------------------------------- linear pronouns


def _reference_pronouns(resolved, raw, paras, sent_starts, m, inside_quotes=False):
    """Pronoun linking as first written: a walk back through every earlier sentence for each
    pronoun (quadratic). The linear version must give the same rows."""
    import bisect

    from readout.analysis.mentions import _SPEECH
    from readout.text.quote_marks import quote_mask as _quote_mask

    masks = {pid: _quote_mask(raw[p0:p1]) for pid, _, p0, p1 in paras}
    starts = {pid: p0 for pid, _, p0, _ in paras}

    def sentence_of(pos):
        return bisect.bisect_right(sent_starts, pos) - 1

    def quoted(pos, para_id):
        mask = masks.get(para_id)
        return bool(mask) and mask[min(pos - starts[para_id], len(mask) - 1)]

    def speaking(r):
        after = raw[r[1] : r[1] + 40]
        before = raw[max(0, r[0] - 12) : r[0]]
        return bool(_SPEECH.match(after)) or bool(re.search(r"\bsaid\s+$", before))

    people = [(*r, quoted(r[0], r[4])) for r in resolved if m.kind[r[2]] == "person"]
    para_order = {pid: i for i, (pid, _, _, _) in enumerate(paras)}
    out = list(resolved)
    for para_id, role, p_start, p_end in paras:
        text = raw[p_start:p_end]
        mask = masks[para_id]
        for match in re.finditer(r"\b(?:[Hh]e|[Ss]he|[Hh]im|[Hh]is|[Hh]er)\b", text):
            in_quote = mask[match.start()]
            if in_quote and not inside_quotes:
                continue
            start = p_start + match.start()
            pool = [r for r in people if in_quote or not r[6]]
            k = sentence_of(start)
            same = [r for r in pool if sentence_of(r[0]) == k and r[0] < start]
            antecedent = same[0] if same else None
            while antecedent is None and k > 0:
                k -= 1
                here = [r for r in pool if sentence_of(r[0]) == k]
                if here:
                    talkers = [r for r in here if speaking(r)]
                    antecedent = (talkers or here)[0]
            if antecedent is None or para_order[para_id] - para_order.get(antecedent[4], -99) > 2:
                continue
            out.append((start, p_start + match.end(), antecedent[2], "pronoun", para_id, role))
    out.sort(key=lambda r: r[0])
    return out


_PIECES = [
    "Antony Blinken met Qin Gang.",
    "He said the talks were useful.",
    "“He is right,” she said.",
    "Wang Yi told him that her view was firm.",
    "“We talked about his plan,” said Blinken.",
    "The State Department issued a statement.",
    "She left (he stayed).",
    "Qin Gang said he would visit.",
    "Officials said nothing.",
    "“Xi Jinping welcomed him,” Blinken said, “and she agreed.”",
    "His trip ended.",
    "Joe Biden called her.",
]


def test_linear_pronouns_give_the_rows_of_the_quadratic_walk(tmp_path, monkeypatch):
    from readout.analysis import mentions

    rng = random.Random(7)
    texts = {}
    for n in range(40):
        paragraphs = [" ".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 6))) for _ in range(rng.randint(1, 8))]
        texts[f"a{n:02d}"] = "Talks in Beijing\n\n" + "\n\n".join(paragraphs) + "\n"
    folder = write_corpus(tmp_path / "corpus", {f"{k}.txt": v for k, v in texts.items()})
    corpus = readout.load_corpus(folder)
    codebook = readout.load_codebook(corpus=corpus)
    linear = {v: mentions._find_mentions(corpus, codebook, mentions.MENTION_ROLES, v) for v in (True, "all")}
    monkeypatch.setattr(mentions, "_add_pronouns", _reference_pronouns)
    for variant, table in linear.items():
        reference = mentions._find_mentions(corpus, codebook, mentions.MENTION_ROLES, variant)
        pd.testing.assert_frame_equal(table, reference)
        assert (table["method"] == "pronoun").sum() > 100


def test_two_thousand_pronoun_sentences_all_find_their_person(tmp_path):
    text = "Talks in Beijing\n\nAntony Blinken arrived on Sunday. " + " ".join(["He left."] * 2000) + "\n"
    folder = write_corpus(tmp_path / "corpus", {"a.txt": text})
    corpus = readout.load_corpus(folder)
    table = readout.find_mentions(corpus, pronouns=True)
    pronouns = table[table["method"] == "pronoun"]
    assert len(pronouns) == 2000 and set(pronouns["actor"]) == {"Antony Blinken"}


# --------------------------------------------------------------------------- the cache


@pytest.fixture
def disk_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("READOUT_CACHE_DIR", str(tmp_path / "cache"))
    cache.enable(True)
    yield tmp_path / "cache"
    cache.enable(None)


def _old_fingerprint(corpus) -> str:
    """The fingerprint as first written: ids and texts concatenated with no separator."""
    digest = hashlib.sha256()
    for aid in sorted(corpus.raw):
        digest.update(aid.encode())
        digest.update(corpus.raw[aid].encode())
    digest.update(corpus.articles[ARTICLE_COLUMNS].to_csv(index=False).encode())
    return digest.hexdigest()[:16]


def test_corpora_that_collided_under_the_old_fingerprint_get_their_own_results(tmp_path, disk_cache):
    # "x1" + P + "x2" + Q + "x2" + R, cut in two places
    p = "Talks resume in Beijing\n\nAntony Blinken met Qin Gang on Sunday.\n"
    q = "\n\nWang Yi spoke later.\n"
    r = "\n\nJoe Biden called.\n"
    columns = [c for c in ARTICLE_COLUMNS if c not in ("article_id", "file")]
    rows = [{"article_id": aid, "file": f"{aid}.txt"} | {c: f"{c} {aid}" for c in columns} for aid in ("x1", "x2")]
    csv = pd.DataFrame(rows).to_csv(index=False)
    a = write_corpus(tmp_path / "a", {"x1.txt": p + "x2" + q, "x2.txt": r}, csv=csv)
    b = write_corpus(tmp_path / "b", {"x1.txt": p, "x2.txt": q + "x2" + r}, csv=csv)
    corpus_a, corpus_b = readout.load_corpus(a), readout.load_corpus(b)
    assert _old_fingerprint(corpus_a) == _old_fingerprint(corpus_b)  # the collision
    assert corpus_a.fingerprint != corpus_b.fingerprint
    assert cache.corpus_context(corpus_a) != cache.corpus_context(corpus_b)
    mentions_a = readout.find_mentions(corpus_a)  # fills the cache
    mentions_b = readout.find_mentions(corpus_b)
    cache.enable(False)
    pd.testing.assert_frame_equal(mentions_b, readout.find_mentions(readout.load_corpus(b)))
    pd.testing.assert_frame_equal(mentions_a, readout.find_mentions(readout.load_corpus(a)))
    first_a = set(mentions_a.loc[mentions_a["article_id"] == "x1", "actor"])
    first_b = set(mentions_b.loc[mentions_b["article_id"] == "x1", "actor"])
    assert "Wang Yi" in first_a and "Wang Yi" not in first_b


def test_fingerprint_follows_metadata_and_codebooks(tmp_path):
    folder = write_corpus(tmp_path / "c", {"a.txt": TEXT})
    first = readout.load_corpus(folder).fingerprint
    (folder / "actors.csv").write_bytes((DATA_DIR / "actors.csv").read_bytes())
    second = readout.load_corpus(folder).fingerprint
    (folder / "articles.csv").write_text("article_id,file,outlet\na,a.txt,Wire\n", encoding="utf-8")
    third = readout.load_corpus(folder).fingerprint
    assert len({first, second, third}) == 3
    assert readout.load_corpus(folder).fingerprint == third


def test_the_load_cache_is_keyed_by_the_bytes_it_parsed(tmp_path, disk_cache, monkeypatch):
    folder = write_corpus(tmp_path / "c", {"a.txt": TEXT})
    real = cache.data_context
    edits = [TEXT.replace("Sunday", "Monday")]

    def edit_during_the_load(named):
        key = real(named)
        if edits:
            (folder / "a.txt").write_text(edits.pop(), encoding="utf-8")  # after the bytes were read and hashed
        return key

    monkeypatch.setattr(cache, "data_context", edit_during_the_load)
    during = readout.load_corpus(folder)
    assert "Sunday" in during.raw["a"]  # what was hashed is what was parsed
    after = readout.load_corpus(folder)
    assert "Monday" in after.raw["a"]  # the edit is not hidden behind the old key
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    assert "Sunday" in readout.load_corpus(folder).raw["a"]


def _spawned_and_reaped() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def test_a_lock_held_for_a_dead_process_is_taken_over(disk_cache, capsys):
    import fcntl

    path = cache.entry_path("ctx", "k")
    path.parent.mkdir(parents=True)
    lock = path.with_suffix(".lock")
    lock.write_text(f"{_spawned_and_reaped()} -\n", encoding="ascii")
    # a worker the dead process forked still holds the lock file open, and locked
    holder = open(lock, "a+b")
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        t0 = time.monotonic()
        assert cache.cached_in("ctx", "k", lambda: 42) == 42
        assert time.monotonic() - t0 < 5
    finally:
        holder.close()
    err = capsys.readouterr().err
    assert "which no longer runs; taking it over" in err and str(lock) in err
    assert cache.cached_in("ctx", "k", lambda: 0) == 42


def test_a_lock_held_by_a_stopped_process_is_taken_over(disk_cache, capsys):
    script = (
        "import sys, time\n"
        "from readout.corpus import cache\n"
        "cache.enable(True)\n"
        "with cache._locked(cache.entry_path('ctx', 'k')):\n"
        "    print('locked', flush=True)\n"
        "    time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, env=os.environ.copy())
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"locked"
        os.kill(proc.pid, signal.SIGSTOP)
        t0 = time.monotonic()
        assert cache.cached_in("ctx", "k", lambda: 7) == 7
        assert time.monotonic() - t0 < 5
        err = capsys.readouterr().err
        assert f"held for process {proc.pid}, which is stopped; taking it over" in err
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        os.kill(proc.pid, signal.SIGCONT)
        proc.wait()


def test_a_live_holder_is_waited_for_then_gone_around(disk_cache, capsys, monkeypatch):
    import fcntl

    monkeypatch.setattr(cache, "LOCK_REPORT_SECONDS", 0.1)
    monkeypatch.setattr(cache, "LOCK_WAIT_SECONDS", 0.4)
    path = cache.entry_path("ctx", "k")
    path.parent.mkdir(parents=True)
    lock = path.with_suffix(".lock")
    lock.write_text(f"{os.getppid()} -\n", encoding="ascii")  # a process that runs
    holder = open(lock, "a+b")
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        assert cache.cached_in("ctx", "k", lambda: 5) == 5
    finally:
        holder.close()
    err = capsys.readouterr().err
    assert f"waiting for process {os.getppid()}" in err and "computing without it" in err


def test_entries_are_not_unpickled_from_a_folder_others_can_write(disk_cache, tmp_path):
    assert cache.cached_in("ctx", "k", lambda: "mine") == "mine"
    assert (disk_cache.stat().st_mode & 0o077) == 0  # created private
    path = cache.entry_path("ctx", "k")
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (Path.touch, (marker,))

    import pickle

    path.write_bytes(pickle.dumps(("k", Payload())))
    path.parent.chmod(0o777)  # anyone may drop a file there
    with pytest.warns(UserWarning, match="writable by others"):
        assert cache.cached_in("ctx", "k", lambda: "computed") == "computed"
    assert not marker.exists()
    path.parent.chmod(0o700)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.chown(path, 65534, 65534)  # an entry another user wrote
        with pytest.warns(UserWarning, match="is owned by user 65534"):
            assert cache.cached_in("ctx", "k", lambda: "again") == "again"
        assert not marker.exists()


# --------------------------------------------------------------------------- progress and exit codes


def test_progress_shows_for_one_large_file(monkeypatch):
    from readout import cli

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert cli._progress_factory(1, 50 * 2**20) is not None
    assert cli._progress_factory(300, 0) is not None
    assert cli._progress_factory(1, 1000) is None


def test_unexpected_errors_are_exit_2_without_a_traceback(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("readout.cli.load_corpus", lambda *a, **k: 1 / 0)
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert "error: readout check failed: ZeroDivisionError" in err and "READOUT_DEBUG=1" in err
    monkeypatch.setenv("READOUT_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        main(["check"])


# --------------------------------------------------------------------------- signals (worker processes)


@pytest.fixture(scope="module")
def synthetic_corpus(tmp_path_factory) -> Path:
    """300 synthetic articles (``benchmarks/generate_corpus.py --n 300 --seed 7``): enough for
    the local engine's worker processes. Should the generator fail, 300 renamed copies of the
    seeds serve (with a warning): these tests are about the export, not the generator."""
    folder = tmp_path_factory.mktemp("synthetic") / "n300"
    generator = PROJECT_ROOT / "benchmarks" / "generate_corpus.py"
    done = subprocess.run(
        [sys.executable, str(generator), "--n", "300", "--seed", "7", "--out", str(folder)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        import warnings

        warnings.warn(
            f"generate_corpus.py failed ({done.stderr.strip().splitlines()[-1:]}); using copies of the seeds",
            stacklevel=2,
        )
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        seeds = sorted(SEEDS_DIR.glob("*.txt"))
        for n in range(300):
            text = seeds[n % len(seeds)].read_text(encoding="utf-8")
            (folder / f"copy{n:03d}.txt").write_text(f"Report number {n}\n\n{text}", encoding="utf-8")
    return folder


def _children(pid: int) -> list[int]:
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        if int(text[text.rfind(")") + 2 :].split()[1]) == pid:
            kids.append(int(stat.parent.name))
    return kids


def _alive(pid: int) -> bool:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return text[text.rfind(")") + 2] not in "ZX"


def _exporting_into(out: Path) -> list[int]:
    """Processes whose command line names ``out``: an export into it and its workers (forks)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if os.fsencode(str(out)) in args:
            found.append(int(cmdline.parent.name))
    return found


def _start_export(corpus: Path, out: Path) -> subprocess.Popen:
    # Ctrl-C as at a terminal: a test run started in the background (``make test &``) ignores SIGINT,
    # the export would inherit that and Python would then never raise KeyboardInterrupt
    return subprocess.Popen(
        [sys.executable, "-m", "readout", "export", "--corpus", str(corpus), "--out", str(out), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def _wait_for_workers(proc: subprocess.Popen, out: Path, timeout: float = 120) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        kids = _children(proc.pid)
        if len(kids) >= 2 and list(out.glob(".export-*/parts")):
            return kids
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        time.sleep(0.05)
    raise AssertionError("the export never started its workers")


def _gone(pids: list[int], timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(_alive(p) for p in pids):
            return True
        time.sleep(0.05)
    return False


def test_ctrl_c_while_the_command_is_still_loading_prints_no_traceback():
    # the interrupt lands inside ``import readout.cli``, before any handler of the command exists
    code = (
        "import builtins, os, runpy, signal\n"
        "real = builtins.__import__\n"
        "def interrupting(name, *args, **kwargs):\n"
        "    if name == 'readout.cli':\n"
        "        os.kill(os.getpid(), signal.SIGINT)\n"
        "    return real(name, *args, **kwargs)\n"
        "builtins.__import__ = interrupting\n"
        "runpy.run_module('readout', run_name='__main__')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "check"],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as at a terminal, even under "make test &"
    )
    assert done.returncode == 130, done.stderr
    assert "interrupted" in done.stderr
    no_traceback(done.stderr)


@pytest.mark.slow
@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_sigterm_and_sigint_stop_the_workers_and_remove_what_was_written(synthetic_corpus, tmp_path, signum, code):
    out = tmp_path / "out"
    proc = _start_export(synthetic_corpus, out)
    workers = _wait_for_workers(proc, out)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert "interrupted" in err and "holds no complete export" in err
    no_traceback(err)
    assert _gone(workers, timeout=5), "a worker outlived the export"
    assert list(out.iterdir()) == []


@pytest.mark.slow
def test_sigkill_takes_the_workers_along_and_the_next_export_clears_up(synthetic_corpus, tmp_path):
    out = tmp_path / "out"
    proc = _start_export(synthetic_corpus, out)
    workers = _wait_for_workers(proc, out)
    proc.kill()
    proc.wait()
    assert _gone(workers), "a worker outlived the export killed with SIGKILL"
    assert [p.name.startswith(".export-") for p in out.iterdir()] == [True]
    with pytest.raises(ExportError):
        read_export(out)
    export_tables(synthetic_corpus, out)
    assert not list(out.glob(".export-*")) and len(read_export(out, verify=False)) > 10


@pytest.mark.slow
def test_exports_killed_at_random_points_never_read_as_complete(synthetic_corpus, seeds_export, tmp_path):
    """An export of 300 articles killed at 20 random points (SIGKILL, SIGTERM, SIGINT in turn),
    into a folder holding an export of the seeds, an empty folder, or whatever the previous
    kill left: afterwards the folder is refused, or it is one export whole (the seeds' or the
    new one, every table matching the manifest, none of the other's); no worker survives; the
    run that finishes clears up."""
    out = tmp_path / "out"
    seeds_fp = json.loads((seeds_export / MANIFEST).read_text(encoding="utf-8"))["corpus"]["fingerprint"]
    t0 = time.monotonic()
    first = _start_export(synthetic_corpus, tmp_path / "timing")
    first.communicate(timeout=600)
    full = time.monotonic() - t0
    assert first.returncode == 0
    new_fp = json.loads((tmp_path / "timing" / MANIFEST).read_text(encoding="utf-8"))["corpus"]["fingerprint"]
    rng = random.Random(20261206)
    outcomes = []
    signals = [signal.SIGKILL, signal.SIGTERM, signal.SIGINT]
    for n in range(20):
        if n % 4 == 0:  # over an earlier export of another corpus
            shutil.rmtree(out, ignore_errors=True)
            shutil.copytree(seeds_export, out)
        elif n % 4 == 2:  # into a new folder
            shutil.rmtree(out, ignore_errors=True)
        proc = _start_export(synthetic_corpus, out)
        time.sleep(rng.uniform(0.2, full * 1.05))
        proc.send_signal(signals[n % 3])
        _, err = proc.communicate(timeout=120)
        no_traceback(err)
        assert _gone(_exporting_into(out), timeout=10), "a worker outlived the export"
        try:
            tables = read_export(out)
        except ExportError:
            outcomes.append("refused")
            continue
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        fingerprint = manifest["corpus"]["fingerprint"]
        assert fingerprint in (seeds_fp, new_fp)
        assert {p.name for p in out.glob("*.csv")} == {e["file"] for e in manifest["tables"].values()}
        assert len(tables["articles"]) == (5 if fingerprint == seeds_fp else 300)
        outcomes.append("the seeds' export" if fingerprint == seeds_fp else "the new export")
    print("after the kills, the folder held:", {k: outcomes.count(k) for k in sorted(set(outcomes))})
    assert len(outcomes) == 20 and "refused" in outcomes
    export_tables(synthetic_corpus, out)
    assert len(read_export(out)["articles"]) == 300
    assert not list(out.glob(".export-*")) and not list(out.glob(".parts-*"))
