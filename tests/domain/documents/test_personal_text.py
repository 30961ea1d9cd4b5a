"""A personal text for one contact (M-36 in spirit, without Word): the line gets its own
("Unique") document, its letter alone carries the text, clearing it returns the line to the
common ("Inherited") document, and undoing or deleting the line takes the document with it."""
import io

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from segtui.domain.documents import merge_letters
from segtui.domain.segments.selection import go_back
from segtui.domain.demo.build import load_demo
from segtui.domain.errors import DomainError
from segtui.domain.documents.personal_text import clear_personal_text, set_personal_text
from segtui.domain.documents.segment_documents import header_documents
from segtui.domain.segments.lines import add_line, get_line, remove_line
from segtui.domain.segments.queries import line_rows
from segtui.domain.segments.headers import create_segment, delete_segment
from segtui.domain.documents.template_documents import import_document
from segtui.domain.documents.word.merge import to_text
from segtui.store.models import Attachment, Contact

SEGMENT = "SEG00005"  # the demo's Christmas card: LETTER template, ENU/SVE/DEU documents
USER = "TESTER"


@pytest.fixture
def demo(database):
    load_demo(contacts=150, seed=3, user=USER)
    return database


def documents() -> dict[int, str]:
    return {row["line_no"]: row["document"] for row in line_rows(SEGMENT)}


def enu_contacts(count: int) -> list[str]:
    return [row[0] for row in Contact.select(Contact.no).where(Contact.language_code == "ENU")
            .order_by(Contact.no).limit(count).tuples()]


def test_M36_the_line_becomes_unique_the_others_stay_inherited(demo):
    first = line_rows(SEGMENT)[0]
    number = set_personal_text(SEGMENT, first["line_no"], "We met at the fair.")
    after = documents()
    assert after[first["line_no"]] == "Unique"
    assert {state for line, state in after.items() if line != first["line_no"]} == {"Inherited"}
    line = get_line(SEGMENT, first["line_no"])
    assert line.attachment == number
    assert number != header_documents(SEGMENT)[line.language_code].attachment


def test_M36_the_text_is_in_that_contact_s_letter_only(demo, tmp_path):
    first, second, *_ = line_rows(SEGMENT)
    set_personal_text(SEGMENT, first["line_no"], "We met at the fair.\nSee you in spring.")
    own = merge_letters.preview(SEGMENT, first["line_no"])
    assert "We met at the fair.\nSee you in spring." in own
    assert Contact.get_by_id(first["contact_no"]).name in own  # still a merged letter
    assert "We met at the fair." not in merge_letters.preview(SEGMENT, second["line_no"])
    result = merge_letters.merge_segment(SEGMENT, tmp_path)
    carrying = [path.name for path in tmp_path.glob("0*.docx")
                if "We met at the fair." in to_text(path.read_bytes())]
    assert carrying == [merge_letters.letter_file_name(
        first["line_no"], first["contact_no"], Contact.get_by_id(first["contact_no"]).name)]
    assert result.letters == len(documents())


def test_editing_again_replaces_the_text(demo):
    line_no = line_rows(SEGMENT)[0]["line_no"]
    number = set_personal_text(SEGMENT, line_no, "first version")
    assert set_personal_text(SEGMENT, line_no, "second version") == number
    text = merge_letters.preview(SEGMENT, line_no)
    assert "second version" in text and "first version" not in text


def test_clearing_returns_the_line_to_the_common_document(demo):
    line_no = line_rows(SEGMENT)[0]["line_no"]
    number = set_personal_text(SEGMENT, line_no, "soon gone")
    clear_personal_text(SEGMENT, line_no)
    line = get_line(SEGMENT, line_no)
    assert line.attachment == header_documents(SEGMENT)[line.language_code].attachment
    assert documents()[line_no] == "Inherited"
    assert Attachment.get_or_none(Attachment.no == number) is None
    assert "soon gone" not in merge_letters.preview(SEGMENT, line_no)
    with pytest.raises(DomainError, match="has no personal text: its document is inherited"):
        clear_personal_text(SEGMENT, line_no)


def test_xml_special_text_stays_literal(demo):
    line_no = line_rows(SEGMENT)[0]["line_no"]
    text = 'Tom & Jerry <w:t>x</w:t> {PAGE} "quoted" \'single\' ]]>\tTabbed'
    set_personal_text(SEGMENT, line_no, text)
    assert text in merge_letters.preview(SEGMENT, line_no)


def test_go_back_and_deleting_take_the_own_document_with_them(demo):
    segment_no = create_segment(user=USER, template="LETTER")
    line_no = add_line(segment_no, enu_contacts(1)[0], user=USER)
    number = set_personal_text(segment_no, line_no, "added by hand")
    go_back(segment_no)  # undoes the manual Add
    assert Attachment.get_or_none(Attachment.no == number) is None
    line_no = add_line(segment_no, enu_contacts(1)[0], user=USER)
    number = set_personal_text(segment_no, line_no, "removed, then restored")
    remove_line(segment_no, line_no, user=USER, reset_criteria_when_empty=False)
    go_back(segment_no)  # undoes the removal: the line comes back with its own document
    assert get_line(segment_no, line_no).attachment == number
    assert "removed, then restored" in merge_letters.preview(segment_no, line_no)
    assert remove_line(segment_no, line_no, user=USER)  # empty: criteria reset, nothing to undo
    assert Attachment.get_or_none(Attachment.no == number) is None
    line_no = add_line(segment_no, enu_contacts(1)[0], user=USER)
    number = set_personal_text(segment_no, line_no, "deleted with the segment")
    delete_segment(segment_no)
    assert Attachment.get_or_none(Attachment.no == number) is None


def test_a_personal_text_field_takes_the_text_and_is_empty_elsewhere(demo):
    document = Document()
    document.add_paragraph("Dear «Contact_Name»,")
    document.add_paragraph("«Personal_Text»")
    document.add_paragraph("Kind regards")
    buffer = io.BytesIO()
    document.save(buffer)
    import_document("LETTER", "ENU", buffer.getvalue(), replace=True)
    segment_no = create_segment(user=USER, template="LETTER")
    lines = [add_line(segment_no, contact, user=USER) for contact in enu_contacts(2)]
    set_personal_text(segment_no, lines[0], "Line one\nLine two")
    own = merge_letters.preview(segment_no, lines[0])
    assert own.splitlines()[1:4] == ["Line one", "Line two", "Kind regards"]
    other = merge_letters.preview(segment_no, lines[1])
    assert "Personal" not in other and "Line one" not in other


def test_refusals_say_why(demo):
    line_no = line_rows(SEGMENT)[0]["line_no"]
    for text, message in (("  \n ", "the personal text is empty"),
                          ("bell\x07", "control character \\(U\\+0007\\)"),
                          ("x" * 10_001, "longer than 10000 characters")):
        with pytest.raises(DomainError, match=message):
            set_personal_text(SEGMENT, line_no, text)
    plain = create_segment(user=USER)
    plain_line = add_line(plain, enu_contacts(1)[0], user=USER)
    with pytest.raises(DomainError, match="has no interaction template.*\\(SL4\\)"):
        set_personal_text(plain, plain_line, "hello")
    meeting = create_segment(user=USER, template="MEETING")
    meeting_line = add_line(meeting, enu_contacts(1)[0], user=USER)
    with pytest.raises(DomainError, match="has no document to inherit"):
        set_personal_text(meeting, meeting_line, "hello")


def test_a_read_only_own_document_is_kept(demo):
    line_no = line_rows(SEGMENT)[0]["line_no"]
    number = set_personal_text(SEGMENT, line_no, "as sent")
    Attachment.update(read_only=True).where(Attachment.no == number).execute()
    for change in (lambda: set_personal_text(SEGMENT, line_no, "new"),
                   lambda: clear_personal_text(SEGMENT, line_no)):
        with pytest.raises(DomainError, match="read-only"):
            change()
    assert "as sent" in merge_letters.preview(SEGMENT, line_no)


@pytest.mark.parametrize("simple", [True, False])
def test_a_personal_text_mergefield_takes_the_text(simple):
    from segtui.domain.documents.word.insert import insert_text

    document = Document()
    document.add_paragraph("Dear «Contact_Name»,")
    paragraph = document.add_paragraph("P.S. ")
    instruction = " MERGEFIELD Personal_Text \\* MERGEFORMAT "
    if simple:
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), instruction)
        field.append(paragraph.add_run("«Personal_Text»")._r)
        paragraph._p.append(field)
    else:
        for kind in ("begin", "instruction", "separate", "result", "end"):
            if kind == "result":
                paragraph.add_run("«Personal_Text»")
                continue
            element = OxmlElement("w:instrText" if kind == "instruction" else "w:fldChar")
            if kind == "instruction":
                element.text = instruction
            else:
                element.set(qn("w:fldCharType"), kind)
            paragraph.add_run()._r.append(element)
    buffer = io.BytesIO()
    document.save(buffer)
    text = to_text(insert_text(buffer.getvalue(), "one\ntwo"))
    assert text.splitlines()[1:3] == ["P.S. one", "two"] and "MERGEFIELD" not in text


def test_the_current_text_reads_back(demo):
    from segtui.domain.documents.personal_text import personal_text

    line_no = line_rows(SEGMENT)[0]["line_no"]
    assert personal_text(SEGMENT, line_no) == ""
    set_personal_text(SEGMENT, line_no, "We met at the fair.\n\n\tSee you in spring.")
    assert personal_text(SEGMENT, line_no) == "We met at the fair.\n\n\tSee you in spring."
    clear_personal_text(SEGMENT, line_no)
    assert personal_text(SEGMENT, line_no) == ""


def test_the_current_text_reads_back_from_a_personal_text_field(demo):
    from segtui.domain.documents.personal_text import personal_text

    document = Document()
    document.add_paragraph("Dear «Contact_Name»,")
    document.add_paragraph("P.S. «Personal_Text» Bye.")
    document.add_paragraph("Kind regards")
    buffer = io.BytesIO()
    document.save(buffer)
    import_document("LETTER", "ENU", buffer.getvalue(), replace=True)
    segment_no = create_segment(user=USER, template="LETTER")
    line_no = add_line(segment_no, enu_contacts(1)[0], user=USER)
    set_personal_text(segment_no, line_no, "Line one\nLine two")
    assert personal_text(segment_no, line_no) == "Line one\nLine two"
