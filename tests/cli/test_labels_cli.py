"""`segtui segment labels SEG|--logged N --layout L [--out FILE.docx]` as real processes (C-02):
the path on stdout, the count on stderr, one label per contact in line order; a logged segment's
labels; bad input refused in one line, nothing written."""
import pytest
from docx import Document
from tests.support.cli import assert_refused_in_one_line, run_segtui
from tests.support.documents import letter_segment

from segtui.domain.documents.merge_data import line_values
from segtui.domain.segments import log_segment
from segtui.store.models import LoggedSegment

USER = "TESTER"
CONTACTS = ("P-ANNA", "P-BERT", "C-BOLT", "P-GUS")


@pytest.fixture
def segment(crm_db) -> tuple[str, str, list[str]]:
    segment_no = letter_segment(*CONTACTS)
    addresses = [values["Contact_Mail_Address"] for _line, values in line_values(segment_no)]
    return crm_db, segment_no, addresses


def labels_in(path) -> list[str]:
    table = Document(str(path)).tables[0]
    return [cell.text for row in table.rows for cell in row.cells if cell.text]


def test_c02_cli_writes_one_label_per_line_contact(segment, tmp_path):
    db, segment_no, addresses = segment
    out = tmp_path / "labels.docx"
    result = run_segtui(db, USER, "segment", "labels", segment_no, "--layout", "37x105",
                        "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out)
    assert f"{len(CONTACTS)} labels, 1 page (37×105 mm)" in result.stderr
    assert labels_in(out) == addresses and len(addresses) == len(CONTACTS)


def test_c02_cli_labels_of_a_logged_segment(segment, tmp_path):
    db, segment_no, addresses = segment
    log_segment.log_segment(segment_no, user=USER)
    entry_no = LoggedSegment.get(LoggedSegment.segment_no == segment_no).entry_no
    out = tmp_path / "logged.docx"
    result = run_segtui(db, USER, "segment", "labels", "--logged", str(entry_no), "--layout",
                        "36x70", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert labels_in(out) == addresses


@pytest.mark.parametrize("arguments, words", [
    (["SEG99999", "--layout", "36x70"], ["segment SEG99999 does not exist"]),
    (["--logged", "999", "--layout", "36x70"], ["logged segment 999 does not exist"]),
])
def test_c02_cli_refuses_bad_input_in_one_line(segment, tmp_path, arguments, words):
    db, _segment_no, _addresses = segment
    out = tmp_path / "refused.docx"
    result = run_segtui(db, USER, "segment", "labels", *arguments, "--out", str(out))
    assert_refused_in_one_line(result, words)
    assert not out.exists()


def test_c02_cli_refuses_an_unknown_layout_or_no_segment(segment, tmp_path):
    db, segment_no, _addresses = segment
    out = tmp_path / "refused.docx"
    unknown = run_segtui(db, USER, "segment", "labels", segment_no, "--layout", "40x70",
                         "--out", str(out))
    assert unknown.returncode == 2 and "36x70" in unknown.stderr
    neither = run_segtui(db, USER, "segment", "labels", "--layout", "36x70", "--out", str(out))
    assert_refused_in_one_line(neither, ["name a segment or a logged segment"])
    assert not out.exists()
