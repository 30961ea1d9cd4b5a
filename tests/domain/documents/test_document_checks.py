"""The template check before a merge: each document a segment uses, its fields, its problems;
the merge refused for unknown fields unless allowed, and the Log pre-flight's document warnings."""

import pytest
from tests.support.documents import docx, letter_segment

from segtui.domain.demo import documents as demo_documents
from segtui.domain.documents.merge_letters import merge_to_folder
from segtui.domain.documents.template_check import (
    UnknownFieldsRefused, field_warnings, lines_without_document, merge_check,
    segment_document_checks, unknown_field_count)
from segtui.domain.errors import DomainError
from segtui.domain.documents.personal_text import set_personal_text
from segtui.domain.documents.segment_documents import header_documents
from segtui.domain.segments.lines import add_line
from segtui.domain.segments.log_segment import preflight
from segtui.domain.documents.template_documents import import_document
from segtui.domain.documents.word.merge import FieldUse, Template
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
    assert unknown.places == ("body",)


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


@pytest.fixture
def unknown_in_swedish(crm):
    """LETTER: ENU the demo letter (known fields only), SVE with an unknown field in two
    places (under two spellings) and an unknown field without a near name."""
    import_document("LETTER", "ENU", demo_documents.letter_docx("ENU"), replace=True)
    import_document("LETTER", "SVE", docx("Hej «Contact_Nmae», «Zzqx_Wvy»",
                                          "«contact_nmae»"), replace=True)
    return crm


SWEDISH_WARNINGS = [
    "the header document (SVE): unknown field «Contact_Nmae» in body: it stays empty "
    "(did you mean Contact_Name?)",
    "the header document (SVE): unknown field «Zzqx_Wvy» in body: it stays empty"]


def test_each_document_names_itself_in_its_field_warnings(unknown_in_swedish):
    segment_no = letter_segment("P-ANNA", "P-BERT")
    line_no = add_line(segment_no, "C-CRAFT", user=USER)
    set_personal_text(segment_no, line_no, "Only for Craft")
    checks = segment_document_checks(segment_no)
    assert [check.label for check in checks] == [
        "the header document (ENU)", "the header document (SVE)",
        f"line {line_no}'s own document"]
    assert field_warnings(checks) == SWEDISH_WARNINGS
    assert unknown_field_count(checks) == 2


def test_a_merge_with_unknown_fields_is_refused_before_anything_is_written(
        unknown_in_swedish, tmp_path):
    segment_no = letter_segment("P-ANNA", "P-BERT")
    with pytest.raises(UnknownFieldsRefused) as refused:
        merge_to_folder(segment_no, tmp_path / "out")
    assert str(refused.value) == ("2 unknown merge fields would stay empty in the letters: "
                                  "--allow-unknown-fields merges anyway")
    assert refused.value.warnings == SWEDISH_WARNINGS
    assert not (tmp_path / "out").exists()
    result = merge_to_folder(segment_no, tmp_path / "out", allow_unknown_fields=True)
    assert result.letters == 2 and result.warnings == SWEDISH_WARNINGS


def test_a_merge_of_known_fields_needs_no_permission(unknown_in_swedish, tmp_path):
    segment_no = letter_segment("P-BERT")  # an ENU contact: the demo letter only
    assert merge_check(segment_no) == []
    result = merge_to_folder(segment_no, tmp_path / "out")
    assert result.letters == 1 and result.warnings == []


def test_the_log_preflight_warns_of_the_documents_it_delivers(unknown_in_swedish):
    segment_no = letter_segment("P-ANNA", "P-BERT")
    assert preflight(segment_no, deliver=True).document_warnings == SWEDISH_WARNINGS
    assert preflight(segment_no, deliver=False).document_warnings == []
    assert preflight(segment_no, deliver=True, check_documents=False).document_warnings == []


def test_fields_not_evaluated_are_warned_of_but_never_refuse_a_merge(
        unknown_in_swedish, monkeypatch, tmp_path):
    """The engine's fields not evaluated (its answer given here) reach the merge's warnings."""
    monkeypatch.setattr(Template, "unevaluated", lambda self: [FieldUse("NEXT", "body")])
    segment_no = letter_segment("P-BERT")
    expected = ["the header document (ENU): field NEXT in body is not evaluated: its text is "
                "the template's"]
    assert merge_check(segment_no) == expected
    assert merge_to_folder(segment_no, tmp_path / "out").warnings == expected
