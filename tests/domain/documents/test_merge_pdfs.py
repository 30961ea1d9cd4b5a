"""The Merge with PDFs (fake soffice first on PATH): exactly the files this merge wrote, the
combined file too, and a result that names the letters left without a PDF."""
import pytest
from tests.support import fake_soffice

from segtui.domain.demo.build import load_demo
from segtui.domain.documents import merge_letters
from segtui.domain.errors import DomainError

LETTER_SEGMENT = "SEG00005"


@pytest.fixture
def demo(database):
    load_demo(contacts=150, seed=3, user="TESTER")
    return database


@pytest.fixture
def soffice(tmp_path, monkeypatch):
    def use(mode: str):
        folder = fake_soffice.install(tmp_path / f"fake-{mode}", mode)
        monkeypatch.setenv("PATH", fake_soffice.on_path(folder))
        return folder
    return use


def test_only_the_files_this_merge_wrote_get_pdfs(demo, soffice, tmp_path):
    fake = soffice("all")
    out = tmp_path / "out"
    out.mkdir()
    (out / "older letter.docx").write_bytes(b"PK an earlier run's letter")
    seen = []
    result = merge_letters.merge_segment(LETTER_SEGMENT, out, pdf=True,
                                         pdf_options=merge_letters.PdfOptions(
                                             progress=lambda *done: seen.append(done)))
    converted = [document for call in fake_soffice.calls(fake) for document in call.documents]
    written = sorted(str(path) for path in out.glob("*.docx") if path.name != "older letter.docx")
    assert sorted(converted) == written
    assert len(written) == result.letters + len(result.combined)
    assert result.pdfs == len(written) and result.missing_pdfs == []
    assert sorted(result.pdf_files) == sorted(out.glob("*.pdf"))
    assert result.combined[0].with_suffix(".pdf") in result.pdf_files
    assert not (out / "older letter.pdf").exists()
    # a combined file counts as the letters in it
    assert seen[-1] == (2 * result.letters, 2 * result.letters)


def test_letters_without_a_pdf_are_in_the_result(demo, soffice, tmp_path):
    soffice("half")
    result = merge_letters.merge_segment(LETTER_SEGMENT, tmp_path / "out", pdf=True)
    assert result.missing_pdfs and result.pdf_files
    assert result.pdfs + len(result.missing_pdfs) == result.letters + len(result.combined)
    for item in result.missing_pdfs:
        assert item.document.exists() and not item.document.with_suffix(".pdf").exists()


def test_a_hang_is_one_message_and_the_letters_stay(demo, soffice, tmp_path):
    fake = soffice("hang")
    out = tmp_path / "out"
    with pytest.raises(DomainError, match="did not finish") as error:
        merge_letters.merge_segment(LETTER_SEGMENT, out, pdf=True,
                                    pdf_options=merge_letters.PdfOptions(timeout=1))
    assert str(out) in str(error.value) and "0 of" in str(error.value)
    assert len(list(out.glob("0*.docx"))) > 0
    assert fake_soffice.calls(fake)
