"""PDFs by LibreOffice, against fake soffice commands first on PATH: bounded batches, one own
profile per run, every PDF checked, a failed batch retried once, a hang or a cancel killing
the whole process group."""
import os
import stat
import time
from pathlib import Path

import pytest
from tests.support import fake_soffice

from segtui.domain.documents import pdf_files
from segtui.domain.documents.pdf_files import PdfCanceled, PdfJob, PdfTimeout, convert_to_pdf


@pytest.fixture
def soffice(tmp_path, monkeypatch):
    """Install a fake soffice of a mode, first on PATH; returns its folder."""
    def use(mode: str) -> Path:
        folder = fake_soffice.install(tmp_path / f"fake-{mode}", mode)
        monkeypatch.setenv("PATH", fake_soffice.on_path(folder))
        return folder
    return use


def documents(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"letter {number:03d}.docx" for number in range(count)]
    for path in paths:
        path.write_bytes(b"PK not read by the fake")
    return paths


def gone(folder: Path) -> bool:
    """Whether every fake and helper has ended; SIGKILL takes effect when the process is next
    scheduled, so this waits a little for it."""
    deadline = time.monotonic() + 10
    while fake_soffice.left_running(folder) and time.monotonic() < deadline:
        time.sleep(0.02)
    return not fake_soffice.left_running(folder)


def profile_folder(call: fake_soffice.Call) -> Path:
    return Path(call.profile.split("=", 1)[1].removeprefix("file://"))


def test_every_file_in_bounded_batches_with_one_profile_removed_after(soffice, tmp_path):
    fake = soffice("all")
    letters = documents(tmp_path / "out", 7)
    seen = []
    report = convert_to_pdf(letters, batch_size=3, progress=lambda *done: seen.append(done))
    assert report.made == [path.with_suffix(".pdf") for path in letters]
    assert report.missing == []
    made = fake_soffice.calls(fake)
    assert [len(call.documents) for call in made] == [3, 3, 1]
    assert [document for call in made for document in call.documents] == list(map(str, letters))
    assert len({call.profile for call in made}) == 1
    assert not profile_folder(made[0]).exists() and profile_folder(made[0]).parent != tmp_path
    for call in made:
        assert "--headless" in call.args and "--norestore" in call.args
        assert call.args[call.args.index("--outdir") + 1] == str(tmp_path / "out")
    assert seen[-1] == (7, 7) and seen == sorted(seen)
    assert stat.S_IMODE(os.stat(report.made[0]).st_mode) == 0o600


def test_no_pdf_written_is_retried_once_then_reported(soffice, tmp_path):
    fake = soffice("nothing")
    letters = documents(tmp_path / "out", 4)
    report = convert_to_pdf(letters, batch_size=2)
    assert report.made == []
    assert [item.document for item in report.missing] == letters
    assert {item.reason for item in report.missing} == {"LibreOffice wrote no PDF"}
    passed = [document for call in fake_soffice.calls(fake) for document in call.documents]
    assert sorted(passed) == sorted(map(str, letters * 2))  # each file twice: the retry
    assert len(fake_soffice.calls(fake)) == 4


def test_half_written_retries_only_the_files_without_a_pdf(soffice, tmp_path):
    fake = soffice("half")
    letters = documents(tmp_path / "out", 5)
    report = convert_to_pdf(letters, batch_size=5)
    first, retry = fake_soffice.calls(fake)
    assert first.documents == list(map(str, letters))
    without = [path for path in letters if not path.with_suffix(".pdf").exists()]
    missing = [item.document for item in report.missing]
    assert missing == without and report.made and missing
    assert set(retry.documents) == {str(path) for path in letters
                                    if str(path) not in first.documents[::2]}
    assert sorted(report.made + [path.with_suffix(".pdf") for path in missing]) == \
        sorted(path.with_suffix(".pdf") for path in letters)


def test_a_file_that_is_not_a_pdf_counts_as_missing_and_is_removed(soffice, tmp_path):
    soffice("not-pdf")
    letters = documents(tmp_path / "out", 2)
    report = convert_to_pdf(letters)
    assert [item.document for item in report.missing] == letters
    assert all("not a PDF" in item.reason for item in report.missing)
    assert not list((tmp_path / "out").glob("*.pdf"))


def test_an_older_pdf_of_the_same_name_does_not_pass_for_a_new_one(soffice, tmp_path):
    soffice("nothing")
    letters = documents(tmp_path / "out", 1)
    letters[0].with_suffix(".pdf").write_bytes(fake_soffice.PDF)
    report = convert_to_pdf(letters)
    assert report.made == [] and not letters[0].with_suffix(".pdf").exists()


@pytest.mark.parametrize("problem, text", [
    (b"", "not a PDF"), (b"%PDF-1.4\n1 0 obj", "incomplete")])
def test_pdf_problem_needs_a_header_and_an_end(tmp_path, problem, text):
    path = tmp_path / "x.pdf"
    path.write_bytes(problem)
    assert text in pdf_files.pdf_problem(path)
    path.write_bytes(fake_soffice.PDF)
    assert pdf_files.pdf_problem(path) is None


def test_a_hang_is_killed_retried_once_then_stops_the_run(soffice, tmp_path):
    fake = soffice("hang")
    letters = documents(tmp_path / "out", 3)
    with pytest.raises(PdfTimeout, match="did not finish") as stopped:
        convert_to_pdf(letters, batch_size=2, timeout=1.0)
    made = fake_soffice.calls(fake)
    assert len(made) == 2 and made[0].documents == made[1].documents  # the retry, then stop
    assert stopped.value.made == []
    assert gone(fake)
    assert not profile_folder(made[0]).exists()


def test_cancel_kills_libreoffice(soffice, tmp_path):
    fake = soffice("hang")
    letters = documents(tmp_path / "out", 2)
    with pytest.raises(PdfCanceled):
        convert_to_pdf(letters, canceled=lambda: bool(fake_soffice.calls(fake)))
    assert len(fake_soffice.calls(fake)) == 1
    assert gone(fake)


def test_an_error_in_the_caller_kills_libreoffice_too(soffice, tmp_path):
    fake = soffice("hang")

    def interrupted():
        if fake_soffice.calls(fake):
            raise KeyboardInterrupt
        return False

    with pytest.raises(KeyboardInterrupt):
        convert_to_pdf(documents(tmp_path / "out", 1), canceled=interrupted)
    assert gone(fake)


def test_batches_are_bounded_by_letters_and_folder(tmp_path):
    jobs = [PdfJob(tmp_path / "a" / f"{n}.docx") for n in range(3)] + [
        PdfJob(tmp_path / "a" / "all.docx", letters=60), PdfJob(tmp_path / "b" / "x.docx")]
    assert [[job.document.name for job in batch] for batch in pdf_files.batches(jobs, 2)] == \
        [["0.docx", "1.docx"], ["2.docx"], ["all.docx"], ["x.docx"]]


def test_without_libreoffice_a_clear_message(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(pdf_files.DomainError, match="--pdf needs LibreOffice"):
        convert_to_pdf(documents(tmp_path / "out", 1))
