"""`segtui segment apply-mailing-group SEG CODE [--delete-old-assignments]` as a real process."""
from tests.support.cli import assert_refused_in_one_line, run_segtui
from tests.support.documents import letter_segment

from segtui.store.models import ContactMailingGroup


def members(code: str) -> set[str]:
    return {row.contact for row in ContactMailingGroup.select().where(
        ContactMailingGroup.mailing_group == code)}


def test_apply_then_apply_again_with_old_assignments_deleted(crm_db):
    segment_no = letter_segment("P-BERT", "P-DORA")
    before = members("NEWSLETTER")
    result = run_segtui(crm_db, "TESTER", "segment", "apply-mailing-group", segment_no,
                        "newsletter")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        f"Mailing Group NEWSLETTER is now applied to Segment {segment_no}.")
    assert members("NEWSLETTER") == before | {"P-BERT", "P-DORA"}
    result = run_segtui(crm_db, "TESTER", "segment", "apply-mailing-group", segment_no,
                        "NEWSLETTER", "--delete-old-assignments")
    assert result.returncode == 0, result.stderr
    assert members("NEWSLETTER") == {"P-BERT", "P-DORA"}


def test_unknown_group_is_refused_and_changes_nothing(crm_db):
    segment_no = letter_segment("P-BERT")
    before = members("XMAS")
    result = run_segtui(crm_db, "TESTER", "segment", "apply-mailing-group", segment_no, "NOPE")
    assert_refused_in_one_line(result, ["Specify a Mailing Group Code", "NOPE"])
    assert members("XMAS") == before
