"""The template check before a merge: each document a segment uses, its fields, its problems."""

import pytest
from tests.support.documents import docx, letter_segment

from segtui.domain.demo import documents as demo_documents
from segtui.domain.documents.template_check import lines_without_document, segment_document_checks
from segtui.domain.errors import DomainError
from segtui.domain.documents.personal_text import set_personal_text
from segtui.domain.documents.segment_documents import header_documents
from segtui.domain.segments.lines import add_line
from segtui.domain.documents.template_documents import import_document
from segtui.store.models import Attachment

USER = "TESTER"


def by_language(checks):
    return {check.language_code: check for check in checks}


def test_each_document_is_checked_on_its_own(crm):
    """The crm's LETTER documents are not Word files: each says so, the check goes on."""
    segment_no = letter_segment("P-ANNA", "P-BERT", "P-CARL")
    checks = by_language(segment_document_checks(segment_no))
    assert set(checks) == {"ENU", "SVE"}
    assert checks["SVE"].lines == 1 and checks["ENU"].lines == 2
    for check in checks.values():
        assert check.is_header and check.line_no == 0
        assert not check.readable and "damaged" in check.refusal
        assert check.fields == [] and not check.has_no_fields
    documents = header_documents(segment_no)
    assert checks["ENU"].attachment_no == documents["ENU"].attachment


def test_fields_are_listed_and_unknown_ones_get_a_suggestion(crm):
    import_document("LETTER", "ENU", demo_documents.letter_docx("ENU"), replace=True)
    import_document("LETTER", "SVE", docx("Hej «Contact_Nmae», «Contact_City»"), replace=True)
    segment_no = letter_segment("P-ANNA", "P-BERT")
    checks = by_language(segment_document_checks(segment_no))
    english = checks["ENU"]
    assert english.readable and english.unknown_fields == []
    assert "Contact_Name" in [field.name for field in english.fields]
    swedish = checks["SVE"]
    assert [field.name for field in swedish.fields] == ["Contact_Nmae", "Contact_City"]
    [unknown] = swedish.unknown_fields
    assert unknown.name == "Contact_Nmae" and unknown.suggestion == "Contact_Name"


def test_a_document_without_fields_and_one_without_content(crm):
    import_document("LETTER", "ENU", docx("The same for everyone"), replace=True)
    segment_no = letter_segment("P-ANNA", "P-BERT")
    documents = header_documents(segment_no)
    Attachment.update(file=None).where(Attachment.no == documents["SVE"].attachment).execute()
    checks = by_language(segment_document_checks(segment_no))
    assert checks["ENU"].has_no_fields and checks["ENU"].readable
    assert checks["SVE"].refusal == f"document {documents['SVE'].attachment} has no content"


def test_a_unique_line_document_is_its_own_row(crm):
    import_document("LETTER", "ENU", demo_documents.letter_docx("ENU"), replace=True)
    segment_no = letter_segment("P-BERT", "P-CARL")
    line_no = add_line(segment_no, "C-CRAFT", user=USER)
    attachment_no = set_personal_text(segment_no, line_no, "Only for Craft")
    checks = segment_document_checks(segment_no)
    assert [(check.line_no, check.language_code, check.lines) for check in checks] == [
        (0, "ENU", 2), (line_no, "ENU", 1)]
    assert checks[1].attachment_no == attachment_no and not checks[1].is_header
    assert checks[1].readable and checks[1].fields


def test_a_segment_whose_lines_use_no_document(crm):
    segment_no = letter_segment("P-BERT", "P-DORA", template="MEETING")
    assert segment_document_checks(segment_no) == []
    assert lines_without_document(segment_no) == 2
    assert lines_without_document(letter_segment("P-BERT")) == 0


def test_an_unknown_segment_is_refused(crm):
    with pytest.raises(DomainError):
        segment_document_checks("NOPE")
