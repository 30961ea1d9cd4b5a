"""Output folders and files are private to the user: folders 0700, files 0600 (SECURITY.md)."""
import os
import stat

from tests.support.documents import letter_segment

from segtui.config import output_dir
from segtui.domain.documents import merge_letters
from segtui.domain.demo.documents import letter_docx
from segtui.domain.documents.template_documents import import_document


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_output_folders_are_0700(private_data_dir):
    folder = output_dir("exports", "nested")
    assert mode(folder) == mode(folder.parent) == mode(private_data_dir) == 0o700


def test_merged_letters_are_private(crm, tmp_path):
    for language in ("ENU", "SVE"):
        import_document("LETTER", language, letter_docx(language), replace=True)
    segment_no = letter_segment("P-ANNA", "P-BERT")
    out = tmp_path / "new" / "letters"
    result = merge_letters.merge_segment(segment_no, out)
    assert result.letters == 2
    assert mode(out) == 0o700
    files = [path for path in out.rglob("*") if path.is_file()]
    assert files and all(mode(path) == 0o600 for path in files)
