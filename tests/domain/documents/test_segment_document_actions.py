"""The documents of a segment's header and lines (S-04, M-36) on every backend: a header document
exported, edited in a word processor (python-docx here) and imported back as one line's document
makes that line "Unique" and changes only its contact's letter; removing it returns the line to
the common document; the header's documents are created, imported, exported and removed, each
asking before it replaces; read-only documents stay; nothing is left behind."""
from pathlib import Path

import pytest
from docx import Document
from tests.support.documents import docx, letter_segment

from segtui.domain.demo.documents import email_docx, letter_docx
from segtui.domain.documents import merge_letters
from segtui.domain.documents.field_warnings import document_report
from segtui.domain.documents.personal_text import personal_text, set_personal_text
from segtui.domain.documents.segment_document_actions import (
    HEADER, INHERITED, UNIQUE, create_document, document_rows, export_document, import_document,
    remove_document)
from segtui.domain.documents.segment_documents import header_documents
from segtui.domain.documents.template_documents import export_document as export_template
from segtui.domain.documents.template_documents import import_document as import_template
from segtui.domain.errors import DomainError
from segtui.domain.segments.lines import get_line, set_line_field
from segtui.domain.segments.log_segment import log_segment
from segtui.domain.segments.queries import line_rows
from segtui.domain.segments.selection import go_back
from segtui.store.models import (
    Attachment, InteractionLogEntry, InteractionTmplLanguage, SegmentInteractionLanguage,
    SegmentLine, SegmentLineRemoved)

CONTACTS = ("P-ANNA", "P-BERT", "P-GUS", "P-DORA")  # SVE, ENU, ENU, DEU (no DEU document)
ADDED = "Only for you: we kept a seat for you at the fair."


@pytest.fixture
def segment(crm) -> str:
    """A LETTER segment with real Word documents in ENU (the default) and SVE."""
    for language in ("ENU", "SVE"):
        import_template("LETTER", language, letter_docx(language), replace=True)
    return letter_segment(*CONTACTS)


def line_of(segment_no: str, contact_no: str) -> int:
    return next(row["line_no"] for row in line_rows(segment_no)
                if row["contact_no"] == contact_no)


def shown(segment_no: str) -> dict[str, str]:
    """The Document column of each line, by contact."""
    return {row["contact_no"]: row["document"] for row in line_rows(segment_no)}


def letters(segment_no: str, folder: Path) -> dict[str, list[str]]:
    """The merged letters read back with python-docx: each contact's paragraphs."""
    merge_letters.merge_segment(segment_no, folder)
    return {path.name.split()[1]: [paragraph.text for paragraph in Document(path).paragraphs]
            for path in folder.glob("0*.docx")}


def edited(path: Path, text: str = ADDED) -> Path:
    """What a person does in a word processor: one paragraph more, saved."""
    document = Document(path)
    document.add_paragraph(text)
    document.save(path)
    return path


def orphans() -> list[int]:
    """Attachments nothing refers to."""
    users = [SegmentLine.attachment, SegmentLineRemoved.attachment,
             SegmentInteractionLanguage.attachment, InteractionTmplLanguage.attachment,
             InteractionLogEntry.attachment_no]
    used = {number for column in users
            for (number,) in column.model.select(column).tuples() if number}
    return sorted({no for (no,) in Attachment.select(Attachment.no).tuples()} - used)


def test_m36_an_edited_header_document_imported_for_one_line_changes_only_its_letter(
        segment, tmp_path):
    bert = line_of(segment, "P-BERT")
    before = letters(segment, tmp_path / "before")
    exported = export_document(segment, tmp_path / "header.docx")
    change = import_document(segment, edited(exported), line_no=bert)
    assert change.lines == 1 and change.warnings == ()
    assert shown(segment) == {"P-ANNA": "Inherited", "P-BERT": "Unique", "P-GUS": "Inherited",
                              "P-DORA": "Inherited"}
    after = letters(segment, tmp_path / "after")
    assert after["P-BERT"] == before["P-BERT"] + [ADDED]
    assert {contact: text for contact, text in after.items() if contact != "P-BERT"} == \
        {contact: text for contact, text in before.items() if contact != "P-BERT"}

    remove_document(segment, line_no=bert)
    assert shown(segment)["P-BERT"] == "Inherited"
    assert get_line(segment, bert).attachment == header_documents(segment)["ENU"].attachment
    assert letters(segment, tmp_path / "again") == before
    assert orphans() == []


def test_m36_a_unique_copy_of_the_inherited_document_then_back(segment, tmp_path):
    anna = line_of(segment, "P-ANNA")
    inherited = export_document(segment, tmp_path / "inherited.docx", line_no=anna)
    assert inherited.read_bytes() == bytes(Attachment.get_by_id(
        header_documents(segment)["SVE"].attachment).file)  # the line's language: SVE
    def line_row():
        return [(row.language, row.status, row.current, row.lines)
                for row in document_rows(segment, anna) if row.line_no == anna]
    assert line_row() == [("SVE", INHERITED, True, 1)]  # the header's SVE document: Anna's only
    created = create_document(segment, line_no=anna)
    assert shown(segment)["P-ANNA"] == "Unique" and created.lines == 1
    assert line_row() == [("SVE", UNIQUE, True, 1)]
    own = export_document(segment, tmp_path / "own.docx", line_no=anna)
    assert own.read_bytes() == inherited.read_bytes()
    with pytest.raises(DomainError, match="Replace existing attachment"):
        import_document(segment, edited(own), line_no=anna)
    import_document(segment, own, line_no=anna, replace=True)
    assert ADDED in merge_letters.preview(segment, anna)
    assert orphans() == []
    remove_document(segment, line_no=anna)
    assert shown(segment)["P-ANNA"] == "Inherited"
    with pytest.raises(DomainError, match="has no document of its own: its document is "
                                          "inherited"):
        remove_document(segment, line_no=anna)


def test_s04_the_header_import_asks_before_replacing(segment, tmp_path):
    old = header_documents(segment)["ENU"].attachment
    enu_lines = {line_of(segment, contact) for contact in ("P-BERT", "P-GUS", "P-DORA")}
    replacement = tmp_path / "new.docx"
    replacement.write_bytes(docx("Dear «Contact_Name»,", "Our new offer.", "«Contact_Nmae»"))
    with pytest.raises(DomainError, match="segment .* \\(language ENU\\) already has a "
                                          "document. Replace existing attachment\\?"):
        import_document(segment, replacement)
    assert header_documents(segment)["ENU"].attachment == old  # nothing changed
    change = import_document(segment, replacement, replace=True)
    assert change.lines == len(enu_lines)
    assert change.warnings == tuple(document_report(replacement.read_bytes(), "new.docx").lines)
    assert "unknown field «Contact_Nmae» in body" in change.warnings[0]
    new = header_documents(segment)["ENU"].attachment
    assert {row["line_no"] for row in line_rows(segment) if row["attachment_no"] == new} == \
        enu_lines
    assert Attachment.get_or_none(Attachment.no == old) is None
    assert "Our new offer." in merge_letters.preview(segment, line_of(segment, "P-GUS"))
    assert "Our new offer." not in merge_letters.preview(segment, line_of(segment, "P-ANNA"))


def test_s04_export_of_an_inherited_line_gives_the_header_s_bytes(segment, tmp_path):
    header = export_document(segment, tmp_path / "header.docx")
    line = export_document(segment, tmp_path / "line.docx", line_no=line_of(segment, "P-GUS"))
    assert line.read_bytes() == header.read_bytes() == export_template("LETTER", "ENU")


def test_s04_create_copies_the_template_or_lists_the_merge_fields(segment, tmp_path):
    dora = line_of(segment, "P-DORA")
    assert get_line(segment, dora).language_code == "ENU"  # no DEU document yet (P3)
    change = create_document(segment, language="DEU")  # LETTER has no DEU document
    assert change.lines == 1 and get_line(segment, dora).language_code == "DEU"
    listed = export_document(segment, tmp_path / "deu.docx", language="DEU").read_bytes()
    report = document_report(listed, "deu.docx")
    assert report.unknown == () and len(report.fields) > 40
    assert "Dora Klein" in merge_letters.preview(segment, dora)
    with pytest.raises(DomainError, match="Replace existing attachment"):
        create_document(segment)
    create_document(segment, replace=True)
    assert export_document(segment, tmp_path / "enu.docx").read_bytes() == \
        export_template("LETTER", "ENU")
    assert [(row.language, row.status, row.lines, row.current)
            for row in document_rows(segment) if row.status] == \
        [("DEU", HEADER, 1, False), ("ENU", HEADER, 2, True), ("SVE", HEADER, 1, False)]
    assert orphans() == []


def test_s04_h7_the_default_language_keeps_its_document(segment):
    create_document(segment, language="DEU")
    with pytest.raises(DomainError, match="default language .*\\(H7\\)"):
        remove_document(segment)
    dora = line_of(segment, "P-DORA")
    change = remove_document(segment, language="DEU")
    assert change.lines == 1
    line = get_line(segment, dora)
    assert (line.language_code, line.attachment) == ("ENU", header_documents(segment)["ENU"]
                                                     .attachment)
    assert "DEU" not in header_documents(segment)
    with pytest.raises(DomainError, match="has no document to remove"):
        remove_document(segment, language="DEU")
    assert orphans() == []


def test_s04_t2_read_only_documents_are_not_removed_or_replaced(segment, tmp_path):
    bert = line_of(segment, "P-BERT")
    create_document(segment, line_no=bert)
    create_document(segment, language="DEU")
    numbers = [get_line(segment, bert).attachment, header_documents(segment)["DEU"].attachment]
    Attachment.update(read_only=True).where(Attachment.no.in_(numbers)).execute()
    path = export_document(segment, tmp_path / "x.docx")
    for action in (lambda: remove_document(segment, line_no=bert),
                   lambda: remove_document(segment, language="DEU")):
        with pytest.raises(DomainError, match="read-only: it cannot be removed"):
            action()
    for action in (lambda: import_document(segment, path, line_no=bert, replace=True),
                   lambda: create_document(segment, language="DEU", replace=True)):
        with pytest.raises(DomainError, match="read-only: it cannot be replaced"):
            action()
    assert [get_line(segment, bert).attachment, header_documents(segment)["DEU"].attachment] == \
        numbers


def test_m36_a_personal_text_is_the_line_s_own_document(segment, tmp_path):
    gus = line_of(segment, "P-GUS")
    set_personal_text(segment, gus, "We met at the fair.")
    path = export_document(segment, tmp_path / "gus.docx", line_no=gus)
    with pytest.raises(DomainError, match="Replace existing attachment"):
        import_document(segment, path, line_no=gus)
    remove_document(segment, line_no=gus)
    assert personal_text(segment, gus) == "" and shown(segment)["P-GUS"] == "Inherited"
    assert "We met at the fair." not in merge_letters.preview(segment, gus)
    assert orphans() == []


def test_an_override_line_keeps_its_own_documents(segment, tmp_path):
    import_template("EMAIL", "ENU", email_docx("ENU"), replace=True)
    gus = line_of(segment, "P-GUS")
    set_line_field(segment, gus, "interaction_template", "EMAIL")
    template_copy = get_line(segment, gus).attachment
    own = export_document(segment, tmp_path / "own.docx", line_no=gus)
    with pytest.raises(DomainError, match="Replace existing attachment"):
        import_document(segment, own, line_no=gus)
    mine = tmp_path / "mine.docx"
    mine.write_bytes(docx("Hello «Contact_Name»"))
    import_document(segment, mine, line_no=gus, replace=True)
    assert "Hello Gus Hale" in merge_letters.preview(segment, gus)
    change = remove_document(segment, line_no=gus)  # back to a copy of its template's document
    assert change.attachment_no != template_copy and shown(segment)["P-GUS"] == "Unique"
    assert export_document(segment, tmp_path / "back.docx", line_no=gus).read_bytes() == \
        own.read_bytes()
    assert orphans() == []


def test_bad_input_changes_nothing(segment, tmp_path):
    before = sorted(Attachment.select(Attachment.no).tuples())
    text = tmp_path / "letter.docx"
    text.write_text("not a Word document")
    refusals = [
        (lambda: import_document(segment, text, replace=True), "not a Word document"),
        (lambda: import_document(segment, tmp_path / "none.docx"), "cannot read"),
        (lambda: create_document(segment, language="XX"), "language XX does not exist"),
        (lambda: create_document(segment, line_no=1), "has no line 1"),
        (lambda: import_document(segment, tmp_path / "x.docx", line_no=line_of(segment, "P-GUS"),
                                 language="SVE"),
         "the line's language is ENU; a line that follows the header"),
        (lambda: export_document(segment, tmp_path / "no" / "x.docx"), "does not exist"),
        (lambda: export_document(segment, tmp_path / "x.docx", language="DEU"),
         "has no document"),
    ]
    export_document(segment, tmp_path / "x.docx")
    for action, message in refusals:
        with pytest.raises(DomainError, match=message):
            action()
    plain = letter_segment("P-GUS", template=None)
    with pytest.raises(DomainError, match="no interaction template"):
        create_document(plain)
    with pytest.raises(DomainError, match="no interaction template.*\\(SL4\\)"):
        create_document(plain, line_no=line_of(plain, "P-GUS"))
    assert sorted(Attachment.select(Attachment.no).tuples()) == before


def test_no_document_outlives_go_back_or_log(segment, tmp_path):
    bert = line_of(segment, "P-BERT")
    path = edited(export_document(segment, tmp_path / "h.docx"))
    import_document(segment, path, line_no=bert)
    create_document(segment, language="DEU")
    import_document(segment, path, replace=True)
    remove_document(segment, language="DEU")
    go_back(segment)  # the last Add (P-DORA) undone: its copy is kept for nothing now
    assert orphans() == []
    log_segment(segment, user="TESTER")
    assert orphans() == []
    sent = {entry.contact_no: entry.attachment_no for entry in InteractionLogEntry.select()
            .where(InteractionLogEntry.segment_no == segment)}
    assert len(set(sent.values())) == 3  # Anna's SVE, Bert's own, Gus's ENU
