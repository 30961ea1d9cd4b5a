"""`segtui segment merge SEG --pdf` as a real process on a demo database: with fake soffice
commands first on PATH (a PDF for every file, half of them, none that is a PDF, a hang), and
once with the real LibreOffice."""
import os
import subprocess
import sys
import time

import pytest
from tests.support import fake_soffice
from tests.support.libreoffice import page_count, require_libreoffice
from tests.support.terminal import run_on_terminal

from segtui.cli.pdf_output import SHOWN

SEGMENT = "SEG00005"
USER = "TESTER"


def segtui(db, *args: str, path: str | None = None) -> subprocess.CompletedProcess:
    env = {"PATH": path} if path else {}
    return subprocess.run([sys.executable, "-m", "segtui", "--db", str(db), "--user", USER,
                           *args], capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL, env={**os.environ, **env})


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("pdf-cli") / "demo.db"
    result = segtui(db, "demo", "--contacts", "40")
    assert result.returncode == 0, result.stderr
    return db


def merge(demo_db, out, mode: str, fakes, *extra: str) -> subprocess.CompletedProcess:
    fake = fake_soffice.install(fakes / mode, mode)
    return segtui(demo_db, "segment", "merge", SEGMENT, "--out", str(out), "--pdf", *extra,
                  path=fake_soffice.on_path(fake))


def gone(folder) -> bool:
    deadline = time.monotonic() + 10
    while fake_soffice.left_running(folder) and time.monotonic() < deadline:
        time.sleep(0.02)
    return not fake_soffice.left_running(folder)


def test_files_without_a_pdf_exit_1_naming_them(demo_db, tmp_path):
    out = tmp_path / "out"
    result = merge(demo_db, out, "half", tmp_path)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "\r" not in result.stderr
    assert result.stdout.strip() == str(out)
    without = sorted(path.name for path in out.glob("*.docx")
                     if not path.with_suffix(".pdf").exists())
    lines = result.stderr.strip().splitlines()
    named = sorted(line.split("no PDF of ", 1)[1].split(": ")[0] for line in lines
                   if line.startswith("no PDF of "))
    assert named == without and without
    assert all(line.endswith(": LibreOffice wrote no PDF") for line in lines
               if line.startswith("no PDF of "))
    made = len(list(out.glob("*.pdf")))
    assert lines[-1] == (f"{len(list(out.glob('0*.docx')))} letters, 1 combined files, "
                         f"{made} PDFs, {len(without)} without a PDF in {out}")
    calls = fake_soffice.calls(tmp_path / "half")
    retried = [document for call in calls[1:] for document in call.documents]
    assert sorted(str(out / name) for name in without) == sorted(
        set(retried) - {str(path.with_suffix(".docx")) for path in out.glob("*.pdf")})


def test_not_a_pdf_is_missing_with_its_reason(demo_db, tmp_path):
    out = tmp_path / "out"
    result = merge(demo_db, out, "not-pdf", tmp_path)
    assert result.returncode == 1
    reasons = [line for line in result.stderr.splitlines() if line.startswith("no PDF of ")]
    files = len(list(out.glob("*.docx")))
    assert len(reasons) == min(files, SHOWN) and all("not a PDF" in line for line in reasons)
    assert f", 0 PDFs, {files} without a PDF in" in result.stderr
    assert not list(out.glob("*.pdf"))


def test_a_hang_is_one_line_exit_1_and_libreoffice_killed(demo_db, tmp_path):
    out = tmp_path / "out"
    result = merge(demo_db, out, "hang", tmp_path, "--pdf-timeout", "1")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("segtui: LibreOffice did not finish"), lines
    assert str(out) in lines[0] and result.stdout == ""
    assert len(fake_soffice.calls(tmp_path / "hang")) == 2  # the batch and its retry
    assert gone(tmp_path / "hang")


def test_older_letters_in_the_folder_are_not_converted(demo_db, tmp_path):
    out = tmp_path / "out"
    out.mkdir(mode=0o700)
    (out / "older.docx").write_bytes(b"PK from an earlier merge")
    result = merge(demo_db, out, "all", tmp_path)
    assert result.returncode == 0, result.stderr
    converted = {document for call in fake_soffice.calls(tmp_path / "all")
                 for document in call.documents}
    assert str(out / "older.docx") not in converted and not (out / "older.pdf").exists()
    assert len(converted) == len(list(out.glob("*.pdf"))) == len(list(out.glob("*.docx"))) - 1
    assert result.stderr.strip().endswith(f"{len(converted)} PDFs in {out}")


def test_a_progress_bar_on_a_terminal(demo_db, tmp_path, monkeypatch):
    fake = fake_soffice.install(tmp_path / "all", "all")
    monkeypatch.setenv("PATH", fake_soffice.on_path(fake))
    status, shown = run_on_terminal(str(demo_db), USER, "segment", "merge", SEGMENT,
                                    "--out", str(tmp_path / "out"), "--pdf")
    assert status == 0, shown
    pdfs = len(list((tmp_path / "out").glob("*.pdf")))
    assert "PDFs [" in shown and f"{pdfs} PDFs in" in shown


def test_real_libreoffice_makes_a_pdf_of_each_letter_and_the_combined_file(demo_db, tmp_path):
    require_libreoffice()
    out = tmp_path / "out"
    result = segtui(demo_db, "segment", "merge", SEGMENT, "--out", str(out), "--pdf")
    assert result.returncode == 0, result.stderr
    letters = sorted(out.glob("0*.docx"))
    combined = sorted(set(out.glob("*.docx")) - set(letters))
    assert letters and len(combined) == 1
    for document in letters + combined:
        assert page_count(document.with_suffix(".pdf")) >= 1
    assert page_count(combined[0].with_suffix(".pdf")) >= len(letters)
    assert result.stderr.strip().endswith(
        f"{len(letters)} letters, 1 combined files, {len(letters) + 1} PDFs in {out}")


def test_sigterm_while_libreoffice_works_kills_it_too(demo_db, tmp_path):
    fake = fake_soffice.install(tmp_path / "hang", "hang")
    process = subprocess.Popen(
        [sys.executable, "-m", "segtui", "--db", str(demo_db), "--user", USER, "segment",
         "merge", SEGMENT, "--out", str(tmp_path / "out"), "--pdf"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={**os.environ, "PATH": fake_soffice.on_path(fake)})
    deadline = time.monotonic() + 60
    while not fake_soffice.calls(fake) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert fake_soffice.calls(fake), "LibreOffice was never started"
    process.terminate()
    _out, errors = process.communicate(timeout=60)
    assert process.returncode == 128 + 15 and b"Traceback" not in errors
    assert gone(fake)
