"""Template documents per language (S-05, T2, T3, M-04): import, replace, export, remove, list;
anything that is not a Word document is refused; segments work on their own copies."""
import functools

import pytest
from tests.support.documents import docx

from segtui.domain.demo import documents as demo_documents
from segtui.domain.errors import DomainError
from segtui.domain.documents.personal_text import set_personal_text
from segtui.domain.documents.segment_documents import header_documents
from segtui.domain.segments.lines import add_line
from segtui.domain.segments.headers import create_segment
from segtui.domain.documents.template_documents import (
    check_document, export_document, import_document, list_documents, remove_document)
from segtui.store.models import Attachment, InteractionTmplLanguage

USER = "TESTER"
NOT_WORD = {
    "corrupt zip": (b"PK\x03\x04" + b"\x00" * 40, "damaged"),
    "PDF": (b"%PDF-1.7\n1 0 obj\n", "PDF file"),
    "old .doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "(.doc)"),
}


# A .docx carries the time it was saved: each document is made once, so equal calls compare equal.
@functools.cache
def letter_docx(language: str) -> bytes:
    return demo_documents.letter_docx(language)


def language_row(template: str, language: str):
    return InteractionTmplLanguage.get_or_none(
        (InteractionTmplLanguage.interaction_template == template)
        & (InteractionTmplLanguage.language_code == language))


def test_import_creates_the_language_row_and_exports_the_same_bytes(crm):
    data = docx("Dear «Contact_Name»")
    number = import_document("meeting", "deu", data)
    row = language_row("MEETING", "DEU")
    assert row.attachment == number and row.description == "German"
    assert export_document("MEETING", "DEU") == data
    assert Attachment.get_by_id(number).file_extension == "docx"


def test_blank_language_is_allowed_an_unknown_one_is_not(crm):
    import_document("MEETING", "", docx("no language"))
    assert export_document("MEETING", "") == docx("no language")
    with pytest.raises(DomainError, match="language XYZ does not exist"):
        import_document("MEETING", "XYZ", docx("x"))
    with pytest.raises(DomainError, match="interaction template NOPE does not exist"):
        import_document("NOPE", "ENU", docx("x"))


def test_T3_replacing_needs_a_confirmation(crm):
    first = import_document("MEETING", "ENU", docx("first"))
    with pytest.raises(DomainError, match="Replace existing attachment\\?.*--replace"):
        import_document("MEETING", "ENU", docx("second"))
    assert export_document("MEETING", "ENU") == docx("first")
    assert import_document("MEETING", "ENU", docx("second"), replace=True) == first
    assert export_document("MEETING", "ENU") == docx("second")


def test_T2_a_read_only_document_is_neither_replaced_nor_removed(crm):
    number = import_document("MEETING", "ENU", docx("sent"))
    Attachment.update(read_only=True).where(Attachment.no == number).execute()
    with pytest.raises(DomainError, match="read-only: it cannot be replaced"):
        import_document("MEETING", "ENU", docx("new"), replace=True)
    with pytest.raises(DomainError, match="read-only: it cannot be removed"):
        remove_document("MEETING", "ENU")
    assert export_document("MEETING", "ENU") == docx("sent")
    assert list_documents("MEETING")[0]["read_only"] is True


def test_remove_deletes_the_document_and_keeps_the_language_row(crm):
    number = import_document("MEETING", "ENU", docx("gone soon"))
    remove_document("MEETING", "ENU")
    assert language_row("MEETING", "ENU").attachment is None
    assert Attachment.get_or_none(Attachment.no == number) is None
    with pytest.raises(DomainError, match="has no document to remove"):
        remove_document("MEETING", "ENU")
    with pytest.raises(DomainError, match="has no document"):
        export_document("MEETING", "ENU")
    import_document("MEETING", "ENU", docx("back"))  # an empty row takes a document again
    assert export_document("MEETING", "ENU") == docx("back")


@pytest.mark.parametrize("kind", NOT_WORD)
def test_files_that_are_not_word_documents_are_refused(crm, kind):
    data, message = NOT_WORD[kind]
    attachments = Attachment.select().count()
    with pytest.raises(DomainError, match=message.replace("(", "\\(").replace(")", "\\)")):
        import_document("MEETING", "ENU", data, name="upload.docx")
    with pytest.raises(DomainError):
        import_document("LETTER", "ENU", data, replace=True)
    assert language_row("MEETING", "ENU") is None
    assert Attachment.select().count() == attachments
    assert export_document("LETTER", "ENU") == b"PK letter ENU"


def test_list_shows_fields_and_flags_unknown_ones(crm):
    import_document("MEETING", "ENU", docx("Dear «Contact_Nmae», «Contact_City»"))
    import_document("MEETING", "SVE", docx("Hej"))
    rows = {row["language"]: row for row in list_documents("MEETING")}
    assert rows["ENU"]["fields"] == "Contact_Nmae, Contact_City"
    assert rows["ENU"]["field_count"] == 2
    assert rows["ENU"]["unknown_fields"] == ("unknown field «Contact_Nmae» in body: it stays "
                                             "empty (did you mean Contact_Name?)")
    assert rows["ENU"]["unknown_count"] == 1 and rows["ENU"]["not_evaluated"] == ""
    assert check_document("MEETING", "ENU").lines == [rows["ENU"]["unknown_fields"]]
    assert rows["SVE"]["field_count"] == 0 and rows["SVE"]["size"] > 0
    letter = {row["language"]: row for row in list_documents("LETTER")}
    assert "cannot be read" in letter["ENU"]["unknown_fields"]  # the fixture's fake bytes


def test_M04_S05_a_segment_works_on_its_own_copies(crm):
    for language in ("ENU", "SVE"):
        import_document("LETTER", language, letter_docx(language), replace=True)
    segment_no = create_segment(user=USER, template="LETTER")
    documents = header_documents(segment_no)
    template_attachment = language_row("LETTER", "ENU").attachment
    assert set(documents) == {"ENU", "SVE"}
    assert documents["ENU"].attachment != template_attachment
    assert bytes(Attachment.get_by_id(documents["ENU"].attachment).file) == letter_docx("ENU")
    line_no = add_line(segment_no, "P-BERT", user=USER)  # an ENU contact
    set_personal_text(segment_no, line_no, "Only for Bert")
    edited = docx("edited segment copy")     # made once: a .docx carries its time
    Attachment.update(file=edited).where(
        Attachment.no == documents["ENU"].attachment).execute()
    assert export_document("LETTER", "ENU") == letter_docx("ENU")
    import_document("LETTER", "ENU", docx("new template text"), replace=True)
    assert bytes(Attachment.get_by_id(documents["ENU"].attachment).file) == edited
