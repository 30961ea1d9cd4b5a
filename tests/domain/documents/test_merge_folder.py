"""The Merge action's folder (merge_letters.letters_folder / merge_to_folder), the one rule both
front ends use: a named folder is checked before anything is read; without one, the letters go
to output/letters/<segment no. as stored> in the data folder."""
import pytest

from segtui.domain.demo.build import load_demo
from segtui.domain.documents import merge_letters as letters
from segtui.domain.errors import DomainError

LETTER_SEGMENT = "SEG00005"      # the demo's Christmas card: LETTER template, ENU/SVE/DEU


@pytest.fixture
def demo(database):
    load_demo(contacts=40, seed=3, user="TESTER")
    return database


def test_the_default_folder_is_named_after_the_segment_as_stored(private_data_dir):
    folder = letters.default_folder("  seg00005 ")
    assert folder == private_data_dir / "output" / "letters" / "SEG00005"
    assert letters.letters_folder("seg00005") == folder
    assert not folder.exists()  # made by the merge, not by asking where it goes


def test_a_segment_number_that_is_no_file_name_gets_a_safe_folder(private_data_dir):
    folder = letters.default_folder("../CON")
    assert folder.parent == private_data_dir / "output" / "letters"
    assert "/" not in folder.name and folder.name not in ("..", "CON")


def test_a_named_folder_is_checked_and_expanded(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert letters.letters_folder("SEG00005", "~/out") == tmp_path / "out"
    a_file = tmp_path / "letters.txt"
    a_file.write_text("not a folder")
    with pytest.raises(DomainError, match="it is a file, not a folder"):
        letters.letters_folder("SEG00005", a_file)


def test_merge_to_folder_writes_in_the_default_folder(demo):
    result = letters.merge_to_folder(LETTER_SEGMENT.lower())
    assert result.folder == letters.default_folder(LETTER_SEGMENT)
    assert result.letters > 0
    assert len(list(result.folder.glob("0*.docx"))) == result.letters


def test_merge_to_folder_refuses_a_bad_folder_before_reading_the_segment(database, tmp_path):
    a_file = tmp_path / "letters.txt"
    a_file.write_text("not a folder")
    # no such segment either: the folder is what is refused, first
    with pytest.raises(DomainError, match="it is a file, not a folder"):
        letters.merge_to_folder("NOSUCH", a_file)
