"""Go Back restores a removed line in today's context (C11), and nothing a removed copy held
outlives the segment (C12): the sequences of issue 20 against the known CRM of `crm.py`.

A returned line equals a line added now from the header and the contact as they are now, with
what was its own (P7) kept: its own values, its own document, an override line's template.
Each test runs on SQLite and (with SEGTUI_TEST_PG) on PostgreSQL.
"""
import datetime
from decimal import Decimal

import pytest
from tests.support.crm import TEMPLATE_BYTES, USER
from tests.support.documents import docx

from segtui.domain.contacts.cards import set_contact_field
from segtui.domain.documents import segment_documents
from segtui.domain.documents.personal_text import set_personal_text
from segtui.domain.segments import headers, log_segment, selection
from segtui.domain.segments import lines as segment_lines
from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.domain.segments.queries import line_rows
from segtui.domain.segments.selection import AddOptions, go_back
from segtui.store.enums import CriteriaAction
from segtui.store.models import (
    Attachment, InteractionLogEntry, InteractionTmplLanguage, SegmentInteractionLanguage,
    SegmentLine, SegmentLineRemoved)

NEW_DATE = datetime.date(2026, 6, 1)
NOT_COMPARED = ("line_no", "source_action_no", "provenance")  # where and why a line is


def new_segment(**kwargs) -> str:
    return headers.create_segment(user=USER, **{"template": "LETTER", "description": "Old",
                                                "salesperson": "AH", **kwargs})


def add(segment_no, *criteria, **options):
    return selection.add_contacts(segment_no, parse_criteria(list(criteria)), user=USER,
                                  options=AddOptions(**options))


def reduce(segment_no, *criteria):
    return selection.remove_contacts(segment_no, CriteriaAction.REDUCE,
                                     parse_criteria(list(criteria)), user=USER)


def change(segment_no, attr, value):
    return headers.change_header(segment_no, attr, value, user=USER)


def rows(segment_no) -> dict[str, list[dict]]:
    """Each contact's lines (as the line list shows them) in line order."""
    found = {}
    for row in line_rows(segment_no):
        found.setdefault(row["contact_no"], []).append(row)
    return found


def line_of(segment_no, contact_no) -> dict:
    (row,) = rows(segment_no)[contact_no]
    return row


def stored(segment_no, line_no) -> dict:
    """Every column of the line as stored, but where and why it is."""
    line = SegmentLine.select().where((SegmentLine.segment == segment_no)
                                      & (SegmentLine.line_no == line_no)).dicts().get()
    return {key: value for key, value in line.items() if key not in NOT_COMPARED}


def added_now(segment_no, contact_no) -> dict:
    """The stored line a new line of `contact_no` gets now (added, read, and taken back)."""
    add(segment_no, f"contact.no={contact_no}", allow_existing=True)
    line_no = rows(segment_no)[contact_no][-1]["line_no"]
    line = stored(segment_no, line_no)
    go_back(segment_no)
    return line


def header_attachments(segment_no) -> set[int]:
    return {row.attachment for row in segment_documents.header_documents(segment_no).values()}


def orphans() -> list[int]:
    """Attachments that no row of any table refers to: documents nothing can reach."""
    query = Attachment.select(Attachment.no)
    for column in (SegmentLine.attachment, SegmentLineRemoved.attachment,
                   SegmentInteractionLanguage.attachment, InteractionTmplLanguage.attachment,
                   InteractionLogEntry.attachment_no):
        query = query.where(Attachment.no.not_in(
            column.model.select(column).where(column.is_null(False))))
    return [number for (number,) in query.tuples()]


def exists(attachment_no) -> bool:
    return Attachment.select().where(Attachment.no == attachment_no).exists()


@pytest.fixture
def word_templates(crm):
    """The CRM with real Word files as template documents (a personal text needs one)."""
    for (code, language), _data in TEMPLATE_BYTES.items():
        number = InteractionTmplLanguage.get(interaction_template=code,
                                             language_code=language).attachment
        Attachment.update(file=docx(f"{code} {language} for «Contact_Name»")).where(
            Attachment.no == number).execute()
    return crm


# --- C11 Go Back in today's context ----------------------------------------------------------

def test_C11_go_back_returns_the_line_as_a_line_added_now(crm):
    """Issue 20, sequence 1: add two lines, reduce one, change the header's date, salesperson
    and description, Go Back."""
    segment_no = new_segment()
    add(segment_no, "contact.no=P-ANNA|P-BERT")
    bert_line = line_of(segment_no, "P-BERT")["line_no"]
    reduce(segment_no, "contact.no=P-BERT")
    change(segment_no, "date", NEW_DATE)
    change(segment_no, "salesperson", "PS")
    change(segment_no, "description", "New")
    assert go_back(segment_no).count == 1
    bert, anna = line_of(segment_no, "P-BERT"), line_of(segment_no, "P-ANNA")
    assert bert["line_no"] == bert_line
    assert (bert["date"], bert["salesperson_code"], bert["description"]) \
        == (anna["date"], anna["salesperson_code"], anna["description"]) \
        == (str(NEW_DATE), "PS", "New")
    assert stored(segment_no, bert_line) == added_now(segment_no, "P-BERT")


def test_C11_after_a_header_template_change_the_line_follows_the_new_template(crm):
    """Issue 20, sequence 2: the returned line has the new template and its header document,
    "Inherited", and follows the header from then on (it is no override line)."""
    segment_no = new_segment()
    add(segment_no, "contact.no=P-ANNA|P-BERT")
    reduce(segment_no, "contact.no=P-BERT")
    old_documents = header_attachments(segment_no)
    change(segment_no, "interaction_template", "EMAIL")
    assert not any(exists(number) for number in old_documents)  # no copy keeps one alive
    go_back(segment_no)
    bert = line_of(segment_no, "P-BERT")
    assert (bert["interaction_template_code"], bert["document"], bert["attachment_no"]) \
        == ("EMAIL", "Inherited", segment_documents.header_documents(segment_no)["ENU"].attachment)
    assert stored(segment_no, bert["line_no"]) == added_now(segment_no, "P-BERT")
    change(segment_no, "description", "Follows")
    assert line_of(segment_no, "P-BERT")["description"] == "Follows"
    log_segment.log_segment(segment_no, user=USER)
    assert orphans() == []


def test_C11_the_returned_line_has_the_contacts_company_now(crm):
    """Issue 20, sequence 3: the contact moved company while its line was away."""
    segment_no = new_segment()
    add(segment_no, "contact.no=P-ANNA|P-BERT")
    reduce(segment_no, "contact.no=P-BERT")
    set_contact_field("P-BERT", "company_no", "C-BOLT")
    go_back(segment_no)
    bert = line_of(segment_no, "P-BERT")
    assert (bert["contact_company_no"], bert["contact_company_name"]) \
        == ("C-BOLT", "Bolt Wholesale GmbH")
    assert stored(segment_no, bert["line_no"]) == added_now(segment_no, "P-BERT")


def test_C11_the_contacts_salesperson_and_language_now_fill_what_the_header_leaves(crm):
    """Without a header salesperson the contact's is taken (M-05), and the language rule (P3)
    picks the contact's language as it is now."""
    segment_no = new_segment(salesperson=None)
    add(segment_no, "contact.no=P-ANNA|P-BERT")
    reduce(segment_no, "contact.no=P-BERT")
    set_contact_field("P-BERT", "salesperson", "PS")
    set_contact_field("P-BERT", "language_code", "SVE")
    go_back(segment_no)
    bert = line_of(segment_no, "P-BERT")
    assert (bert["salesperson_code"], bert["language_code"], bert["attachment_no"]) \
        == ("PS", "SVE", segment_documents.header_documents(segment_no)["SVE"].attachment)
    assert stored(segment_no, bert["line_no"]) == added_now(segment_no, "P-BERT")


def test_C11_own_values_override_lines_and_personal_texts_survive_reduce_and_go_back(
        word_templates):
    """What the person made stays: a line's own values, an override line's template and own
    document, a personal text (a unique document); everything else follows the header now."""
    segment_no = new_segment()
    add(segment_no, "contact.no=P-ANNA|P-BERT|P-CARL|P-GUS")
    line = {contact: row[0]["line_no"] for contact, row in rows(segment_no).items()}
    for attr, value in (("description", "Bert's own"), ("salesperson", "AH"),
                        ("cost", Decimal("9.99")), ("language_code", "SVE"),
                        ("subject", "Hej Bert")):
        segment_lines.set_line_field(segment_no, line["P-BERT"], attr, value)
    segment_lines.set_line_field(segment_no, line["P-CARL"], "interaction_template", "EMAIL")
    personal = set_personal_text(segment_no, line["P-GUS"], "We met at the fair.")
    made = {contact: line_of(segment_no, contact) for contact in ("P-BERT", "P-CARL", "P-GUS")}
    reduce(segment_no, "contact.no=P-BERT|P-CARL|P-GUS")
    change(segment_no, "date", NEW_DATE)
    change(segment_no, "description", "New")
    change(segment_no, "salesperson", "PS")
    assert go_back(segment_no).count == 3
    now = rows(segment_no)
    bert, carl, gus = now["P-BERT"][0], now["P-CARL"][0], now["P-GUS"][0]
    assert {contact: row[0]["line_no"] for contact, row in now.items()} == line
    assert bert == {**made["P-BERT"], "date": str(NEW_DATE)}
    assert (bert["description"], bert["salesperson_code"], bert["cost"], bert["language_code"],
            bert["subject"], bert["attachment_no"]) == (
        "Bert's own", "AH", "9.99", "SVE", "Hej Bert",
        segment_documents.header_documents(segment_no)["SVE"].attachment)
    header_now = {"date": str(NEW_DATE), "description": "New", "salesperson_code": "PS"}
    assert carl == {**made["P-CARL"], **header_now}
    assert (carl["interaction_template_code"], carl["document"]) == ("EMAIL", "Unique")
    assert gus == {**made["P-GUS"], **header_now}
    assert (gus["document"], gus["attachment_no"]) == ("Unique", personal)
    assert {key: now["P-ANNA"][0][key] for key in header_now} == header_now
    assert orphans() == []


def test_C11_go_back_of_a_contact_change_gives_the_line_its_own_document_again(word_templates):
    """P6 drops the old contact's own document rows; Go Back brings the line back "Unique"."""
    segment_no = new_segment()
    add(segment_no, "contact.no=P-ANNA|P-BERT")
    bert = line_of(segment_no, "P-BERT")["line_no"]
    personal = set_personal_text(segment_no, bert, "Only for Bert.")
    segment_lines.change_line_contact(segment_no, bert, "P-GUS", user=USER)
    assert line_of(segment_no, "P-GUS")["document"] == "Inherited"
    go_back(segment_no)
    go_back(segment_no)
    restored = line_of(segment_no, "P-BERT")
    assert (restored["line_no"], restored["document"], restored["attachment_no"]) \
        == (bert, "Unique", personal)
    headers.delete_segment(segment_no)
    assert not exists(personal) and orphans() == []


# --- C12 nothing a removed copy held outlives the segment ------------------------------------

def test_C12_a_removed_copy_keeps_no_header_document_alive(crm):
    """Issue 20, sequence 2 without Go Back: the header template changes while a line is away,
    then the segment is logged: the old header document is gone, nothing is orphaned."""
    segment_no = new_segment()
    add(segment_no, "contact.no=P-ANNA|P-BERT")
    reduce(segment_no, "contact.no=P-BERT")
    assert SegmentLineRemoved.get().attachment is None  # the header's document is not the line's
    old_documents = header_attachments(segment_no)
    change(segment_no, "interaction_template", "EMAIL")
    assert not any(exists(number) for number in old_documents)
    log_segment.log_segment(segment_no, user=USER)
    assert orphans() == []


def test_C12_logging_purges_the_own_documents_of_removed_lines(word_templates):
    segment_no = new_segment()
    add(segment_no, "contact.no=P-ANNA|P-BERT|P-CARL")
    line = {contact: row[0]["line_no"] for contact, row in rows(segment_no).items()}
    personal = set_personal_text(segment_no, line["P-BERT"], "Never sent.")
    segment_lines.set_line_field(segment_no, line["P-CARL"], "interaction_template", "EMAIL")
    carl_own = line_of(segment_no, "P-CARL")["attachment_no"]
    reduce(segment_no, "contact.no=P-BERT")
    segment_lines.change_line_contact(segment_no, line["P-CARL"], "P-GUS", user=USER)
    assert exists(personal) and exists(carl_own)  # Go Back may still bring them back
    report = log_segment.log_segment(segment_no, user=USER)
    assert report.entries == 2
    assert not exists(personal) and not exists(carl_own)
    assert orphans() == []


def only_a_copy_holds_carls_document(*contacts) -> tuple[str, int, int]:
    """A segment of `contacts` whose P-CARL line got its own template documents, then another
    contact (P6): the removed copy alone holds Carl's document. Returns the segment, the line
    and that document."""
    segment_no = new_segment()
    add(segment_no, "contact.no=" + "|".join(contacts))
    carl = line_of(segment_no, "P-CARL")["line_no"]
    segment_lines.set_line_field(segment_no, carl, "interaction_template", "EMAIL")
    carl_own = line_of(segment_no, "P-CARL")["attachment_no"]
    segment_lines.change_line_contact(segment_no, carl, "P-GUS", user=USER)
    assert exists(carl_own)
    return segment_no, carl, carl_own


def test_C12_deleting_a_segment_purges_what_its_removed_lines_held(word_templates):
    segment_no, _carl, carl_own = only_a_copy_holds_carls_document("P-ANNA", "P-CARL")
    headers.delete_segment(segment_no)
    assert not exists(carl_own) and orphans() == []


def test_C12_emptying_the_segment_purges_what_its_removed_lines_held(word_templates):
    """M-43: once the criteria are reset nothing can come back, so neither can a copy's own
    document."""
    segment_no, carl, carl_own = only_a_copy_holds_carls_document("P-CARL")
    assert segment_lines.remove_line(segment_no, carl, user=USER)  # empty: criteria reset
    assert not exists(carl_own) and orphans() == []
