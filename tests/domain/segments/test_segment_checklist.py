"""Checklist M-01 … M-24, M-43, M-44, S-02, S-16 against the known CRM of `crm.py`.

Each test is named by the checklist item it proves and runs on SQLite and (with SEGTUI_TEST_PG)
on PostgreSQL.
"""
import datetime
import json
from decimal import Decimal

import pytest
from tests.support.crm import LOGGED_ENTRY, NAV_ORDER, TEMPLATE_BYTES, USER

from segtui.domain.contacts import records as contact_records
from segtui.domain.segments import selection
from segtui.domain.segments import line_builder
from segtui.domain.segments import saved_criteria
from segtui.domain.documents import segment_documents
from segtui.domain.segments import lines as segment_lines
from segtui.domain.segments import headers as segments
from segtui.domain.segments.selection import AddOptions, action_count, go_back
from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.domain.errors import DomainError
from segtui.domain.segments.open_segments import list_segments
from segtui.domain.segments.queries import criteria_rows, header_values, line_rows
from segtui.store.enums import (
    ActionOrigin, CorrespondenceType, CriteriaAction, CriteriaLineType, HistoryAction,
    InformationFlow, InitiatedBy)
from segtui.store.models import (
    Attachment, Contact, ContactJobResponsibility, InteractionTmplLanguage, MarketingSetup,
    NoSeries, SavedSegmentCriteria, SavedSegmentCriteriaLine, SegmentCriteriaLine, SegmentHeader,
    SegmentHistory, SegmentInteractionLanguage, SegmentLine, SegmentLineRemoved, UserSetup)

TODAY = datetime.date.today()
SEGMENT_TABLES = [SegmentHeader, SegmentLine, SegmentLineRemoved, SegmentCriteriaLine,
                  SegmentHistory, SegmentInteractionLanguage, SavedSegmentCriteria,
                  SavedSegmentCriteriaLine, Attachment, NoSeries, Contact]


# --- helpers ---------------------------------------------------------------------------------

def new(**kwargs) -> str:
    return segments.create_segment(user=USER, **kwargs)


def add(segment_no, *criteria, all_contacts=False, dry_run=False, list_contacts=False,
        **options):
    return selection.add_contacts(
        segment_no, parse_criteria(list(criteria)), user=USER, options=AddOptions(**options),
        all_contacts=all_contacts, dry_run=dry_run, list_contacts=list_contacts)


def reduce(segment_no, *criteria, **kwargs):
    return selection.remove_contacts(segment_no, CriteriaAction.REDUCE,
                                             parse_criteria(list(criteria)), user=USER, **kwargs)


def refine(segment_no, *criteria, **kwargs):
    return selection.remove_contacts(segment_no, CriteriaAction.REFINE,
                                             parse_criteria(list(criteria)), user=USER, **kwargs)


def contacts(segment_no) -> list[str]:
    return [row["contact_no"] for row in line_rows(segment_no)]


def numbered(segment_no) -> list[tuple[int, str]]:
    return [(row["line_no"], row["contact_no"]) for row in line_rows(segment_no)]


def by_contact(segment_no) -> dict[str, dict]:
    return {row["contact_no"]: row for row in line_rows(segment_no)}


def line_of(segment_no, contact_no) -> int:
    return by_contact(segment_no)[contact_no]["line_no"]


def header_docs(segment_no) -> dict[str, int]:
    return {language: row.attachment for language, row
            in segment_documents.header_documents(segment_no).items()}


def line_docs(segment_no) -> list[tuple[int, str, int]]:
    return [row for row in SegmentInteractionLanguage.select(
        SegmentInteractionLanguage.segment_line_no, SegmentInteractionLanguage.language_code,
        SegmentInteractionLanguage.attachment).where(
        (SegmentInteractionLanguage.segment == segment_no)
        & (SegmentInteractionLanguage.segment_line_no > 0)).tuples()]


def file_of(attachment_no) -> bytes:
    return bytes(Attachment.get_by_id(attachment_no).file)


def criteria_table(segment_no) -> list[tuple]:
    return list(SegmentCriteriaLine.select(
        SegmentCriteriaLine.line_no, SegmentCriteriaLine.type, SegmentCriteriaLine.action,
        SegmentCriteriaLine.table_name, SegmentCriteriaLine.no_of_filters,
        SegmentCriteriaLine.allow_existing_contacts, SegmentCriteriaLine.expand_contact,
        SegmentCriteriaLine.allow_company_with_persons, SegmentCriteriaLine.ignore_exclusion,
        SegmentCriteriaLine.entire_companies)
        .where(SegmentCriteriaLine.segment == segment_no)
        .order_by(SegmentCriteriaLine.line_no).tuples())


def history(segment_no) -> list[tuple]:
    return list(SegmentHistory.select(
        SegmentHistory.segment_action_no, SegmentHistory.segment_line_no,
        SegmentHistory.contact_no, SegmentHistory.action_taken)
        .where(SegmentHistory.segment == segment_no)
        .order_by(SegmentHistory.segment_action_no, SegmentHistory.segment_line_no).tuples())


def _plain(value):
    return bytes(value) if isinstance(value, memoryview) else value


def snapshot() -> dict:
    """Every row of every table a segment action may touch, comparable before and after."""
    return {model.__name__: sorted(repr(tuple(_plain(v) for v in row))
                                   for row in model.select().tuples())
            for model in SEGMENT_TABLES}


ADD, REDUCE, REFINE = CriteriaAction.ADD_CONTACTS, CriteriaAction.REDUCE, CriteriaAction.REFINE
ACTION, FILTER = CriteriaLineType.ACTION, CriteriaLineType.FILTER
INSERTION, DELETION = HistoryAction.INSERTION, HistoryAction.DELETION


# --- M-01 numbering --------------------------------------------------------------------------

def test_M01_new_segment_numbered_from_series(crm):
    assert [new(description="A"), new()] == ["SEG00001", "SEG00002"]
    assert segments.get_segment("SEG00001").no_series == "SEG"
    assert NoSeries.get_by_id("SEG").last_no == 2


def test_M01_no_series_configured_is_refused(crm):
    MarketingSetup.update(segment_nos=None).execute()
    with pytest.raises(DomainError, match="no number series for segments"):
        new(description="A")
    assert SegmentHeader.select().count() == 0


def test_M01_refused_create_uses_no_number(crm):
    with pytest.raises(DomainError, match="template NOSUCH does not exist"):
        new(description="A", template="NOSUCH")
    assert SegmentHeader.select().count() == 0
    assert NoSeries.get_by_id("SEG").last_no == 0
    assert new() == "SEG00001"


# --- M-02 header basics ----------------------------------------------------------------------

def test_M02_new_segment_dated_today_description_editable_and_listed(crm):
    segment_no = new(description="Spring", salesperson="AH", campaign="CP-SPRING")
    assert segments.get_segment(segment_no).date == TODAY
    segments.change_header(segment_no, "description", "Spring mailing", user=USER)
    listed = {"segment_no": segment_no, "description": "Spring mailing",
              "salesperson_code": "AH", "date": str(TODAY), "campaign_no": "CP-SPRING",
              "no_of_lines": 0}
    assert [{key: row[key] for key in listed} for row in list_segments()] == [listed]


def test_M02_explicit_date_and_the_users_salesperson(crm):
    UserSetup.insert(user_id=USER, salesperson="PS").execute()
    header = segments.get_segment(new(date=datetime.date(2026, 5, 1)))
    assert (header.date, header.salesperson) == (datetime.date(2026, 5, 1), "PS")


def test_M02_blocked_or_unknown_salesperson_is_refused(crm):
    with pytest.raises(DomainError, match="salesperson BL is blocked"):
        new(salesperson="BL")
    segment_no = new(salesperson="AH")
    with pytest.raises(DomainError, match="salesperson BL is blocked"):
        segments.change_header(segment_no, "salesperson", "BL", user=USER)
    with pytest.raises(DomainError, match="salesperson XX does not exist"):
        segments.change_header(segment_no, "salesperson", "XX", user=USER)
    with pytest.raises(DomainError, match="campaign NOPE does not exist"):
        segments.change_header(segment_no, "campaign", "NOPE", user=USER)
    assert segments.get_segment(segment_no).salesperson == "AH"


# --- M-03 / M-04 template on the header ------------------------------------------------------

def test_M03_template_fills_the_header(crm):
    values = header_values(new(template="LETTER"))
    assert {key: values[key] for key in (
        "interaction_template_code", "interaction_group_code", "unit_cost", "unit_duration",
        "information_flow", "initiated_by", "correspondence_type_default",
        "ignore_contact_corres_type", "language_code_default", "campaign_no",
        "subject_default")} == {
        "interaction_template_code": "LETTER", "interaction_group_code": "LETTER",
        "unit_cost": "2.50", "unit_duration": "5.00", "information_flow": "Outbound",
        "initiated_by": "Us", "correspondence_type_default": "Hard Copy",
        "ignore_contact_corres_type": False, "language_code_default": "ENU", "campaign_no": "",
        "subject_default": ""}
    ignoring = header_values(new(template="EMAILONLY"))
    assert (ignoring["ignore_contact_corres_type"], ignoring["correspondence_type_default"]) \
        == (True, "Email")


def test_M03_template_campaign_only_when_the_segment_has_none(crm):
    own = header_values(new(template="EMAIL"))
    assert (own["campaign_no"], own["campaign_target"]) == ("CP-MAIL", True)
    kept = header_values(new(campaign="CP-SPRING", template="EMAIL"))
    assert kept["campaign_no"] == "CP-SPRING"


def test_M03_clearing_the_template_resets_the_interaction_fields(crm):
    segment_no = new(template="LETTER")
    copies = list(header_docs(segment_no).values())
    segments.change_header(segment_no, "interaction_template", None, user=USER)
    values = header_values(segment_no)
    assert (values["interaction_template_code"], values["interaction_group_code"],
            values["language_code_default"], values["unit_cost"], values["information_flow"],
            values["correspondence_type_default"]) == ("", "", "", "0.00", "", "")
    assert header_docs(segment_no) == {}
    assert Attachment.select().where(Attachment.no.in_(copies)).count() == 0


def test_M04_header_documents_are_copies_of_the_template_documents(crm):
    segment_no = new(template="LETTER")
    docs = header_docs(segment_no)
    template_docs = {row.language_code: row.attachment for row in InteractionTmplLanguage.select()
                     .where(InteractionTmplLanguage.interaction_template == "LETTER")}
    assert set(docs) == {"ENU", "SVE"}
    assert not set(docs.values()) & set(template_docs.values())
    for language, attachment in docs.items():
        assert file_of(attachment) == TEMPLATE_BYTES[("LETTER", language)]
    descriptions = {row.description for row in
                    segment_documents.header_documents(segment_no).values()}
    assert descriptions == {"LETTER ENU", "LETTER SVE"}
    Attachment.update(file=b"edited for this segment").where(
        Attachment.no == docs["ENU"]).execute()
    assert file_of(template_docs["ENU"]) == TEMPLATE_BYTES[("LETTER", "ENU")]


def test_M04_changing_the_template_replaces_the_header_documents(crm):
    segment_no = new(template="LETTER")
    old = list(header_docs(segment_no).values())
    segments.change_header(segment_no, "interaction_template", "EMAIL", user=USER)
    docs = header_docs(segment_no)
    assert set(docs) == {"ENU"} and file_of(docs["ENU"]) == TEMPLATE_BYTES[("EMAIL", "ENU")]
    assert Attachment.select().where(Attachment.no.in_(old)).count() == 0


# --- M-05 / M-06 a line from header and contact ----------------------------------------------

def test_M05_line_is_filled_from_header_and_contact(crm):
    segment_no = new(description="Spring letter", template="LETTER", campaign="CP-SPRING",
                     date=datetime.date(2026, 4, 1))
    segments.change_header(segment_no, "subject_default", "Spring news", user=USER)
    docs = header_docs(segment_no)
    for contact in ("P-ANNA", "P-BERT", "P-DORA"):
        segment_lines.add_line(segment_no, contact, user=USER)
    rows = by_contact(segment_no)
    common = dict(description="Spring letter", campaign_no="CP-SPRING", date="2026-04-01",
                  cost="2.50", duration="5.00", interaction_template_code="LETTER",
                  interaction_group_code="LETTER", information_flow="Outbound",
                  initiated_by="Us", evaluation="", document="Inherited")
    for row in rows.values():
        assert {key: row[key] for key in common} == common
    anna, bert, dora = rows["P-ANNA"], rows["P-BERT"], rows["P-DORA"]
    assert (anna["contact_company_no"], anna["salesperson_code"], anna["language_code"],
            anna["attachment_no"], anna["subject"], anna["correspondence_type"]) \
        == ("C-ACME", "AH", "SVE", docs["SVE"], "", "Email")
    assert (bert["salesperson_code"], bert["language_code"], bert["attachment_no"],
            bert["subject"], bert["correspondence_type"]) \
        == ("", "ENU", docs["ENU"], "Spring news", "Hard Copy")
    # No German document: the header's default language and its document.
    assert (dora["contact_company_no"], dora["salesperson_code"], dora["language_code"],
            dora["attachment_no"], dora["subject"]) == ("C-BOLT", "PS", "ENU", docs["ENU"],
                                                         "Spring news")
    assert anna["contact_name"] == "Anna Berg" and anna["contact_company_name"] == "Acme Retail AB"


def test_M05_language_of_a_line_picks_the_document_of_that_language(crm):
    segment_no = new(template="LETTER")
    segments.change_header(segment_no, "subject_default", "News", user=USER)
    anna = segment_lines.add_line(segment_no, "P-ANNA", user=USER)
    docs = header_docs(segment_no)

    def row():
        return by_contact(segment_no)["P-ANNA"]

    assert (row()["language_code"], row()["attachment_no"]) == ("SVE", docs["SVE"])
    segment_lines.set_line_field(segment_no, anna, "language_code", "ENU")
    assert (row()["language_code"], row()["attachment_no"], row()["subject"]) \
        == ("ENU", docs["ENU"], "News")
    segment_lines.set_line_field(segment_no, anna, "language_code", "DEU")
    assert (row()["language_code"], row()["attachment_no"], row()["subject"],
            row()["document"]) == ("DEU", 0, "", "")


def test_M05_header_salesperson_wins_over_the_contacts(crm):
    segment_no = new(template="LETTER", salesperson="PS")
    segment_lines.add_line(segment_no, "P-ANNA", user=USER)
    segment_lines.add_line(segment_no, "C-ACME", user=USER)
    rows = by_contact(segment_no)
    assert rows["P-ANNA"]["salesperson_code"] == rows["C-ACME"]["salesperson_code"] == "PS"
    # a company's line shows its own name (NAV's quirk 6, only persons show one, left a blank)
    assert rows["C-ACME"]["contact_name"] == "Acme Retail AB"


def test_M05_segment_without_template_takes_contact_channel_and_no_document(crm):
    segment_no = new(description="Calls")
    add(segment_no, "contact.no=P-ANNA|P-BERT")
    rows = by_contact(segment_no)
    assert [(r["correspondence_type"], r["language_code"], r["attachment_no"], r["document"])
            for r in (rows["P-ANNA"], rows["P-BERT"])] == [("Email", "", 0, ""), ("", "", 0, "")]


CHANNEL_CONTACTS = "contact.no=P-ANNA|P-BERT|P-CARL|C-CRAFT|P-FRIDA"


@pytest.mark.parametrize("template, header_changes, expected", [
    # step 2 (contact blank → template default), step 3 (contact's own type)
    ("LETTER", [], {"P-ANNA": "Email", "P-BERT": "Hard Copy", "P-CARL": "Hard Copy",
                    "C-CRAFT": "Email", "P-FRIDA": "Hard Copy"}),
    # step 1: the header ignores the contact's type (copied from the template)
    ("EMAILONLY", [], dict.fromkeys(["P-ANNA", "P-BERT", "P-CARL", "C-CRAFT", "P-FRIDA"],
                                    "Email")),
    # step 2: header flag off, but the template ignores the contact's type
    ("EMAILONLY", [("ignore_contact_corres_type", False)],
     dict.fromkeys(["P-ANNA", "P-BERT", "P-CARL", "C-CRAFT", "P-FRIDA"], "Email")),
    # step 1 with a header default chosen by the user
    ("LETTER", [("ignore_contact_corres_type", True),
                ("correspondence_type_default", CorrespondenceType.EMAIL)],
     dict.fromkeys(["P-ANNA", "P-BERT", "P-CARL", "C-CRAFT", "P-FRIDA"], "Email")),
    ("LETTER", [("ignore_contact_corres_type", True)],
     dict.fromkeys(["P-ANNA", "P-BERT", "P-CARL", "C-CRAFT", "P-FRIDA"], "Hard Copy")),
    # template without a default type: the contact's, blank stays blank
    ("MEETING", [], {"P-ANNA": "Email", "P-BERT": "", "P-CARL": "Hard Copy", "C-CRAFT": "Email",
                     "P-FRIDA": ""}),
    (None, [], {"P-ANNA": "Email", "P-BERT": "", "P-CARL": "Hard Copy", "C-CRAFT": "Email",
                "P-FRIDA": ""}),
], ids=["contact-or-template", "header-ignores", "template-ignores", "header-default",
        "header-ignores-hard-copy", "no-template-default", "no-template"])
def test_M06_channel_of_a_new_line(crm, template, header_changes, expected):
    segment_no = new(template=template)
    for attr, value in header_changes:
        segments.change_header(segment_no, attr, value, user=USER)
    add(segment_no, CHANNEL_CONTACTS)
    assert {c: r["correspondence_type"] for c, r in by_contact(segment_no).items()} == expected


def test_M06_channel_when_a_template_is_reapplied(crm):
    segment_no = new(template="LETTER")
    add(segment_no, CHANNEL_CONTACTS)

    def channels():
        return {c: r["correspondence_type"] for c, r in by_contact(segment_no).items()}

    # MEETING has no default type: contacts with a type take it, blank contacts keep theirs.
    segments.change_header(segment_no, "interaction_template", "MEETING", user=USER)
    assert channels() == {"P-ANNA": "Email", "P-BERT": "Hard Copy", "P-CARL": "Hard Copy",
                          "C-CRAFT": "Email", "P-FRIDA": "Hard Copy"}
    segments.change_header(segment_no, "interaction_template", "EMAILONLY", user=USER)
    assert set(channels().values()) == {"Email"}
    segments.change_header(segment_no, "interaction_template", "LETTER", user=USER)
    assert channels() == {"P-ANNA": "Email", "P-BERT": "Hard Copy", "P-CARL": "Hard Copy",
                          "C-CRAFT": "Email", "P-FRIDA": "Hard Copy"}
    # A line template that ignores the contact's type (template variant, step 2).
    segment_lines.set_line_field(segment_no, line_of(segment_no, "P-CARL"),
                                 "interaction_template", "EMAILONLY")
    assert channels()["P-CARL"] == "Email"


# --- M-07 / M-08 / M-09 header propagation, template change, override lines ------------------

@pytest.fixture
def three_lines(crm):
    """A LETTER segment with P-ANNA, P-BERT and P-CARL, P-CARL's line overridden to MEETING."""
    segment_no = new(template="LETTER", description="Old")
    add(segment_no, "contact.no=P-ANNA|P-BERT|P-CARL")
    segment_lines.set_line_field(segment_no, line_of(segment_no, "P-CARL"),
                                 "interaction_template", "MEETING")
    return segment_no


HEADER_CHANGES = [
    ("description", "New text", "description", "New text"),
    ("salesperson", "PS", "salesperson_code", "PS"),
    ("campaign", "CP-SPRING", "campaign_no", "CP-SPRING"),
    ("campaign_target", True, "campaign_target", True),
    ("campaign_response", True, "campaign_response", True),
    ("date", datetime.date(2026, 6, 1), "date", "2026-06-01"),
    ("unit_cost", Decimal("3.75"), "cost", "3.75"),
    ("unit_duration", Decimal("7"), "duration", "7.00"),
    ("information_flow", InformationFlow.INBOUND, "information_flow", "Inbound"),
    ("initiated_by", InitiatedBy.THEM, "initiated_by", "Them"),
    ("send_word_docs_as_attmt", True, "send_word_doc_as_attmt", True),
]


def test_M07_header_change_updates_only_lines_with_the_header_template(three_lines):
    segment_no = three_lines
    override = by_contact(segment_no)["P-CARL"]
    for attr, value, line_key, expected in HEADER_CHANGES:
        assert segments.change_header(segment_no, attr, value, user=USER) == 2, attr
        rows = by_contact(segment_no)
        assert rows["P-ANNA"][line_key] == rows["P-BERT"][line_key] == expected, attr
        assert rows["P-CARL"] == override, attr


def test_M07_answering_no_changes_only_the_header(three_lines):
    segment_no = three_lines
    before = line_rows(segment_no)
    for attr, value, _, _ in HEADER_CHANGES:
        assert segments.change_header(segment_no, attr, value, user=USER,
                                      update_lines=False) == 0
    assert line_rows(segment_no) == before
    header = header_values(segment_no)
    assert (header["description"], header["salesperson_code"], header["unit_cost"]) \
        == ("New text", "PS", "3.75")


def test_M07_blank_correspondence_default_is_not_propagated(crm):
    segment_no = new(template="EMAILONLY")
    add(segment_no, "contact.no=P-BERT|P-CARL")
    segments.change_header(segment_no, "correspondence_type_default",
                           CorrespondenceType.HARD_COPY, user=USER)
    assert {r["correspondence_type"] for r in line_rows(segment_no)} == {"Hard Copy"}
    segments.change_header(segment_no, "correspondence_type_default", CorrespondenceType.BLANK,
                           user=USER)
    assert header_values(segment_no)["correspondence_type_default"] == ""
    assert {r["correspondence_type"] for r in line_rows(segment_no)} == {"Hard Copy"}


def test_M07_clearing_the_campaign_clears_target_and_response(crm):
    segment_no = new(template="LETTER", campaign="CP-SPRING")
    add(segment_no, "contact.no=P-ANNA")
    segments.change_header(segment_no, "campaign_target", True, user=USER)
    segments.change_header(segment_no, "campaign_response", True, user=USER)
    segments.change_header(segment_no, "campaign", None, user=USER)
    header, line = header_values(segment_no), line_rows(segment_no)[0]
    assert (header["campaign_no"], header["campaign_target"], header["campaign_response"]) \
        == ("", False, False)
    assert (line["campaign_no"], line["campaign_target"], line["campaign_response"]) \
        == ("", False, False)
    with pytest.raises(DomainError, match="only be set when the segment has a campaign"):
        segments.change_header(segment_no, "campaign_target", True, user=USER)


def test_M07_template_fields_need_a_template(crm):
    segment_no = new()
    for attr, value in (("unit_cost", Decimal(1)), ("language_code_default", "ENU"),
                        ("ignore_contact_corres_type", True)):
        with pytest.raises(DomainError, match="only be set when the segment has an interaction"):
            segments.change_header(segment_no, attr, value, user=USER)
    with pytest.raises(DomainError, match="Ignore Contact Corres. Type is on"):
        segments.change_header(new(template="LETTER"), "correspondence_type_default",
                               CorrespondenceType.EMAIL, user=USER)


def test_M08_template_change_is_reapplied_to_every_line(three_lines):
    segment_no = three_lines
    segment_lines.set_line_field(segment_no, line_of(segment_no, "P-BERT"),
                                 "interaction_template", "EMAILONLY")
    unique = [attachment for _, _, attachment in line_docs(segment_no)]
    old = list(header_docs(segment_no).values())
    assert unique and segments.change_header(segment_no, "interaction_template", "EMAIL",
                                             user=USER) == 3
    enu = header_docs(segment_no)["ENU"]
    for row in line_rows(segment_no):
        assert (row["interaction_template_code"], row["interaction_group_code"], row["cost"],
                row["duration"], row["language_code"], row["attachment_no"], row["document"],
                row["campaign_no"], row["campaign_target"], row["description"]) == (
            "EMAIL", "EMAIL", "0.10", "1.00", "ENU", enu, "Inherited", "CP-MAIL", True,
            "Old"), row["contact_no"]
    assert {c: r["correspondence_type"] for c, r in by_contact(segment_no).items()} \
        == {"P-ANNA": "Email", "P-BERT": "Email", "P-CARL": "Hard Copy"}
    assert line_docs(segment_no) == []
    assert Attachment.select().where(Attachment.no.in_(old + unique)).count() == 0


def test_M08_declining_is_refused_while_lines_inherit_documents(crm):
    segment_no = new(template="LETTER")
    add(segment_no, "contact.no=P-ANNA|P-BERT")
    before = snapshot()
    with pytest.raises(DomainError, match="may not be modified without updating lines"):
        segments.change_header(segment_no, "interaction_template", "EMAIL", user=USER,
                               update_lines=False)
    assert snapshot() == before


def test_M08_declining_is_allowed_when_no_line_inherits(crm):
    segment_no = new(template="MEETING", description="Visits")
    add(segment_no, "contact.no=P-ANNA|P-BERT")
    assert segments.change_header(segment_no, "interaction_template", "LETTER", user=USER,
                                  update_lines=False) == 0
    assert header_values(segment_no)["interaction_template_code"] == "LETTER"
    assert {r["interaction_template_code"] for r in line_rows(segment_no)} == {"MEETING"}
    # Those lines now differ from the header: they are override lines.
    assert segments.change_header(segment_no, "description", "Letters", user=USER) == 0
    assert {r["description"] for r in line_rows(segment_no)} == {"Visits"}


def test_M09_override_line_gets_its_own_documents_and_is_skipped(crm):
    segment_no = new(template="LETTER", description="Letter run")
    add(segment_no, "contact.no=P-ANNA|P-BERT")
    bert = line_of(segment_no, "P-BERT")
    header = header_docs(segment_no)
    segment_lines.set_line_field(segment_no, bert, "interaction_template", "EMAIL")
    row = by_contact(segment_no)["P-BERT"]
    ((line_no, language, own),) = line_docs(segment_no)
    assert (line_no, language, row["attachment_no"], row["document"]) == (bert, "ENU", own,
                                                                         "Unique")
    assert own not in header.values() and file_of(own) == TEMPLATE_BYTES[("EMAIL", "ENU")]
    assert (row["interaction_template_code"], row["interaction_group_code"], row["cost"],
            row["description"], row["correspondence_type"], row["campaign_no"]) \
        == ("EMAIL", "EMAIL", "0.10", "Letter run", "Email", "CP-MAIL")
    segments.change_header(segment_no, "description", "Changed", user=USER)
    segments.change_header(segment_no, "unit_cost", Decimal("9"), user=USER)
    assert by_contact(segment_no)["P-BERT"] == row
    assert (by_contact(segment_no)["P-ANNA"]["description"],
            by_contact(segment_no)["P-ANNA"]["cost"]) == ("Changed", "9.00")
    # Back to the header's template: the line inherits again, its own copy is gone.
    segment_lines.set_line_field(segment_no, bert, "interaction_template", "LETTER")
    row = by_contact(segment_no)["P-BERT"]
    assert (row["document"], row["attachment_no"], row["language_code"]) \
        == ("Inherited", header["ENU"], "ENU")
    assert line_docs(segment_no) == [] and Attachment.get_or_none(Attachment.no == own) is None


def test_M09_line_template_needs_a_known_template_and_language_needs_a_template(crm):
    segment_no = new()
    line = segment_lines.add_line(segment_no, "P-ANNA", user=USER)
    with pytest.raises(DomainError, match="template NOPE does not exist"):
        segment_lines.parse_line_value("interaction_template", "nope")
    with pytest.raises(DomainError, match="Language Code can only be set on a line with"):
        segment_lines.set_line_field(segment_no, line, "language_code", "SVE")


# --- M-10 … M-15 Add Contacts ----------------------------------------------------------------

@pytest.mark.parametrize("criterion, expected", [
    ("contact.no=P-ANNA|C-BOLT", {"P-ANNA", "C-BOLT"}),
    ("contact.search_name=*BERG*", {"P-ANNA"}),
    ("contact.type=COMPANY", {"C-ACME", "C-BOLT", "C-CRAFT"}),
    ("contact.salesperson=PS", {"P-CARL", "C-BOLT", "P-DORA"}),
    ("contact.post_code=11000..11999", {"C-ACME", "P-ANNA", "P-BERT", "P-CARL"}),
    ("contact.country=DE", {"C-BOLT", "P-DORA"}),
    ("contact.territory=NORTH|WEST", {"C-ACME", "P-ANNA", "P-BERT", "P-CARL", "P-FRIDA"}),
])
def test_M10_add_by_contact_filters(crm, criterion, expected):
    segment_no = new(template="LETTER")
    assert add(segment_no, criterion).count == len(expected)
    assert set(contacts(segment_no)) == expected


def test_M10_lines_in_company_order_stepping_10000(crm):
    segment_no = new(template="LETTER")
    assert add(segment_no, all_contacts=True).count == len(NAV_ORDER)
    assert numbered(segment_no) == [(10_000 * (i + 1), no) for i, no in enumerate(NAV_ORDER)]
    add(segment_no, "contact.no=P-EMIL", ignore_exclusion=True)
    assert numbered(segment_no)[-1] == (100_000, "P-EMIL")


def test_M10_add_without_criteria_needs_all(crm):
    segment_no = new()
    with pytest.raises(DomainError, match="without any criterion"):
        add(segment_no)
    assert action_count(segment_no) == 0


@pytest.mark.parametrize("criteria, expected", [
    (["industry=RETAIL"], {"C-ACME", "P-ANNA", "P-BERT", "P-CARL", "C-CRAFT"}),
    (["industry=WHOLESALE"], {"C-BOLT", "P-DORA", "C-CRAFT"}),
    (["business=VEND"], {"C-BOLT", "P-DORA"}),
    (["business.code=CUST", "contact.type=COMPANY"], {"C-ACME", "C-CRAFT"}),
    (["mailing=NEWSLETTER"], {"P-ANNA", "P-FRIDA"}),
    (["mailing=NEWSLETTER|XMAS"], {"P-ANNA", "P-FRIDA", "C-CRAFT"}),
    (["jobresp=PURCHASE"], {"P-ANNA", "P-DORA"}),
    (["profile=CUSTOMER:LARGE"], {"C-ACME"}),
    (["profile=CUSTOMER:SMALL|MEDIUM"], {"C-BOLT", "C-CRAFT", "P-FRIDA"}),
    (["interaction.date=2026-01-01..2026-12-31"], {"P-GUS", "P-DORA"}),
    (["interaction.template=LETTER"], {"P-ANNA", "P-FRIDA", "C-CRAFT", "P-BERT", "P-GUS"}),
    # AND across sources
    (["mailing=NEWSLETTER", "jobresp=PURCHASE"], {"P-ANNA"}),
    (["industry=RETAIL", "contact.type=PERSON", "jobresp=SALES|IT"], {"P-BERT", "P-CARL"}),
    # EXISTS within a source: one and the same row must match every filter of the source
    (["interaction.template=LETTER", "interaction.campaign=CP-SPRING"], {"P-ANNA", "P-BERT"}),
    (["interaction.template=LETTER", "interaction.evaluation=POSITIVE"], set()),
    (["interaction.template=EMAIL", "interaction.evaluation=POSITIVE"], {"P-GUS"}),
])
def test_M11_add_by_related_sources(crm, criteria, expected):
    segment_no = new(template="LETTER")
    preview = add(segment_no, *criteria, dry_run=True, list_contacts=True)
    assert set(preview.contact_nos) == expected and preview.count == len(expected)
    assert add(segment_no, *criteria).count == len(expected)
    assert set(contacts(segment_no)) == expected


def test_M12_existing_contacts_are_skipped_unless_allowed(crm):
    segment_no = new(template="LETTER")
    add(segment_no, "mailing=NEWSLETTER")
    assert add(segment_no, "jobresp=PURCHASE").count == 1
    assert contacts(segment_no) == ["P-FRIDA", "P-ANNA", "P-DORA"]
    assert add(segment_no, "jobresp=PURCHASE", allow_existing=True).count == 2
    assert contacts(segment_no) == ["P-FRIDA", "P-ANNA", "P-DORA", "P-ANNA", "P-DORA"]


def test_M13_excluded_contacts_are_skipped_unless_ignored(crm):
    segment_no = new(template="LETTER")
    assert add(segment_no, "contact.no=P-EMIL|P-DORA").count == 1
    assert contacts(segment_no) == ["P-DORA"]
    assert add(segment_no, "jobresp=PURCHASE", ignore_exclusion=True).count == 2
    assert contacts(segment_no) == ["P-DORA", "P-ANNA", "P-EMIL"]


def test_M14_expand_companies(crm):
    segment_no = new(template="LETTER")
    add(segment_no, "contact.no=P-BERT|P-FRIDA|C-BOLT", expand_companies=True)
    # Bert's whole company, Bolt's (without the excluded Emil), Frida has no company.
    assert contacts(segment_no) == ["P-FRIDA", "C-ACME", "P-ANNA", "P-BERT", "P-CARL",
                                    "C-BOLT", "P-DORA"]


def test_M15_related_companies_adds_the_company_of_each_person(crm):
    plain, related = new(template="LETTER"), new(template="LETTER")
    add(plain, "jobresp=PURCHASE")
    add(related, "jobresp=PURCHASE", related_companies=True)
    assert contacts(plain) == ["P-ANNA", "P-DORA"]
    assert contacts(related) == ["C-ACME", "P-ANNA", "C-BOLT", "P-DORA"]
    # BC meaning: with the option off nothing is dropped, companies stay beside their persons.
    retail = new(template="LETTER")
    add(retail, "industry=RETAIL")
    assert "C-ACME" in contacts(retail) and "P-ANNA" in contacts(retail)


# --- M-16 / M-17 Reduce and Refine -----------------------------------------------------------

@pytest.fixture
def everyone(crm):
    segment_no = new(template="LETTER")
    add(segment_no, all_contacts=True)
    return segment_no


def test_M16_reduce_removes_the_matching_lines(everyone):
    assert reduce(everyone, "contact.type=PERSON").count == 6
    assert contacts(everyone) == ["C-ACME", "C-BOLT", "C-CRAFT"]
    assert reduce(everyone, "industry=WHOLESALE").count == 2
    assert contacts(everyone) == ["C-ACME"]


def test_M16_refine_keeps_only_the_matching_lines(everyone):
    assert refine(everyone, "contact.type=PERSON").count == 3
    assert contacts(everyone) == ["P-FRIDA", "P-GUS", "P-ANNA", "P-BERT", "P-CARL", "P-DORA"]
    assert refine(everyone, "mailing=NEWSLETTER|EVENTS").count == 3
    assert contacts(everyone) == ["P-FRIDA", "P-GUS", "P-ANNA"]


def test_M16_reduce_and_refine_need_criteria(everyone):
    with pytest.raises(DomainError, match="Reduce without any criterion"):
        reduce(everyone)
    with pytest.raises(DomainError, match="Refine without any criterion"):
        refine(everyone)
    assert action_count(everyone) == 1
    assert reduce(everyone, all_lines=True).count == len(NAV_ORDER) and contacts(everyone) == []


def test_M17_entire_companies_on_reduce(everyone):
    assert reduce(everyone, "contact.no=P-ANNA|P-FRIDA", entire_companies=True).count == 5
    assert contacts(everyone) == ["P-GUS", "C-BOLT", "P-DORA", "C-CRAFT"]


def test_M17_entire_companies_on_refine(everyone):
    assert refine(everyone, "jobresp=SALES", "contact.no=<>P-BERT", entire_companies=True
                  ).count == len(NAV_ORDER)
    segment_no = new(template="LETTER")
    add(segment_no, all_contacts=True)
    refine(segment_no, "jobresp=SALES|IT", entire_companies=True)
    assert contacts(segment_no) == ["C-ACME", "P-ANNA", "P-BERT", "P-CARL"]
    plain = new(template="LETTER")
    add(plain, all_contacts=True)
    refine(plain, "jobresp=SALES|IT")
    assert contacts(plain) == ["P-BERT", "P-CARL"]


def test_M17_entire_companies_reaches_company_members_not_on_the_segment(crm):
    segment_no = new(template="LETTER")
    add(segment_no, "contact.no=C-BOLT|P-GUS")
    # Dora is not on the segment, but she is of Bolt: with Entire Companies Bolt goes.
    assert reduce(segment_no, "contact.no=P-DORA").count == 0
    assert reduce(segment_no, "contact.no=P-DORA", entire_companies=True).count == 1
    assert contacts(segment_no) == ["P-GUS"]


# --- M-18 / M-19 / M-21 criteria rows and history --------------------------------------------

def test_M18_add_reduce_refine_record_action_filter_and_history_rows(crm):
    segment_no = new(template="LETTER")
    add(segment_no, "jobresp=PURCHASE", "mailing=NEWSLETTER", expand_companies=True,
        ignore_exclusion=True)
    reduce(segment_no, "contact.type=COMPANY", entire_companies=False)
    refine(segment_no, "industry=RETAIL", entire_companies=True)
    add(segment_no, "contact.no=P-ANNA")  # adds nothing: still recorded
    assert criteria_table(segment_no) == [
        (1, ACTION, ADD, "", 2, False, True, False, True, False),
        (2, FILTER, ADD, "contact_mailing_group", 0, False, True, False, True, False),
        (3, FILTER, ADD, "contact_job_responsibility", 0, False, True, False, True, False),
        (4, ACTION, REDUCE, "", 1, False, False, False, False, False),
        (5, FILTER, REDUCE, "contact", 0, False, False, False, False, False),
        (6, ACTION, REFINE, "", 1, False, False, False, False, True),
        (7, FILTER, REFINE, "contact_industry_group", 0, False, False, False, False, True),
        (8, ACTION, ADD, "", 1, False, False, False, False, False),
        (9, FILTER, ADD, "contact", 0, False, False, False, False, False),
    ]
    views = [json.loads(row.view) for row in SegmentCriteriaLine.select().where(
        (SegmentCriteriaLine.segment == segment_no) & (SegmentCriteriaLine.type == FILTER))
        .order_by(SegmentCriteriaLine.line_no)]
    assert views[:2] == [
        {"table": "contact_mailing_group", "filters": {"mailing_group_code": "NEWSLETTER"}},
        {"table": "contact_job_responsibility", "filters": {"job_responsibility_code": "PURCHASE"}}]
    # Anna (and Emil, ignoring exclusion) match; expanded to Acme and Bolt.
    added = ["C-ACME", "P-ANNA", "P-BERT", "P-CARL", "C-BOLT", "P-DORA", "P-EMIL"]
    assert history(segment_no) == (
        [(1, 10_000 * (i + 1), no, INSERTION) for i, no in enumerate(added)]
        + [(2, 10_000, "C-ACME", DELETION), (2, 50_000, "C-BOLT", DELETION)]
        + [(3, 60_000, "P-DORA", DELETION), (3, 70_000, "P-EMIL", DELETION)])
    assert contacts(segment_no) == ["P-ANNA", "P-BERT", "P-CARL"]


def test_M18_manual_line_edits_are_recorded_as_actions(crm):
    segment_no = new(template="LETTER")
    first = segment_lines.add_line(segment_no, "P-ANNA", user=USER)
    second = segment_lines.add_line(segment_no, "P-ANNA", user=USER)  # SL6: no duplicate check
    segment_lines.change_line_contact(segment_no, second, "P-GUS", user=USER)
    segment_lines.remove_line(segment_no, first, user=USER)
    assert (first, second) == (10_000, 20_000)
    assert numbered(segment_no) == [(20_000, "P-GUS")]
    assert [(line_no, kind, action, table, filters)
            for line_no, kind, action, table, filters, *_ in criteria_table(segment_no)] == [
        (1, ACTION, ADD, "", 1), (2, FILTER, ADD, "contact", 0),
        (3, ACTION, ADD, "", 1), (4, FILTER, ADD, "contact", 0),
        (5, ACTION, REDUCE, "", 1), (6, FILTER, REDUCE, "contact", 0),
        (7, ACTION, ADD, "", 1), (8, FILTER, ADD, "contact", 0),
        (9, ACTION, REDUCE, "", 1), (10, FILTER, REDUCE, "contact", 0)]
    assert [row["filter"] for row in criteria_rows(segment_no) if row["type"] == "Filter"] == [
        "contact.no='P-ANNA'", "contact.no='P-ANNA'", "contact.no='P-ANNA'",
        "contact.no='P-GUS'", "contact.no='P-ANNA'"]
    assert {row["origin"] for row in criteria_rows(segment_no) if row["type"] == "Action"} \
        == {"manual entry"}
    assert history(segment_no) == [
        (1, 10_000, "P-ANNA", INSERTION), (2, 20_000, "P-ANNA", INSERTION),
        (3, 20_000, "P-ANNA", DELETION), (4, 20_000, "P-GUS", INSERTION),
        (5, 10_000, "P-ANNA", DELETION)]


def test_M18_manual_line_of_an_excluded_contact_is_allowed(crm):
    segment_no = new(template="LETTER")
    segment_lines.add_line(segment_no, "P-EMIL", user=USER)  # SL7
    assert contacts(segment_no) == ["P-EMIL"]
    with pytest.raises(DomainError, match="contact NOBODY does not exist"):
        segment_lines.add_line(segment_no, "NOBODY", user=USER)
    assert action_count(segment_no) == 1


def test_M19_no_of_criteria_actions_counts_action_rows(crm):
    segment_no = new(template="LETTER")
    expected = 0
    for step in (lambda: add(segment_no, "industry=RETAIL", "contact.type=PERSON"),
                 lambda: reduce(segment_no, "jobresp=IT"),
                 lambda: segment_lines.add_line(segment_no, "P-GUS", user=USER),
                 lambda: refine(segment_no, "contact.no=P-GUS|P-ANNA")):
        step()
        expected += 1
        assert header_values(segment_no)["no_of_criteria_actions"] == expected
        assert SegmentCriteriaLine.select().where(
            (SegmentCriteriaLine.segment == segment_no)
            & (SegmentCriteriaLine.type == ACTION)).count() == expected
    go_back(segment_no)
    assert header_values(segment_no)["no_of_criteria_actions"] == 3


def test_M21_criteria_view_lists_actions_and_their_filters_in_order(crm):
    segment_no = new(template="LETTER")
    add(segment_no, "jobresp=PURCHASE", "mailing=NEWSLETTER", expand_companies=True)
    reduce(segment_no, "contact.type=COMPANY", "contact.country=SE", entire_companies=True)
    rows = criteria_rows(segment_no)
    assert [(r["line_no"], r["type"], r["action_no"], r["action"], r["options"], r["filter"])
            for r in rows] == [
        (1, "Action", 1, "Add Contacts", "expand companies", ""),
        (2, "Filter", 1, "Add Contacts", "", "mailing.code=NEWSLETTER"),
        (3, "Filter", 1, "Add Contacts", "", "jobresp.code=PURCHASE"),
        (4, "Action", 2, "Remove Contacts (Reduce)", "entire companies", ""),
        (5, "Filter", 2, "Remove Contacts (Reduce)", "", "contact.type=COMPANY contact.country=SE"),
    ]
    assert rows[0]["user_id"] == USER and rows[0]["origin"] == "criteria"


def test_M21_provenance_of_each_line(crm):
    segment_no = new(template="LETTER")
    add(segment_no, "industry=WHOLESALE")
    segment_lines.add_line(segment_no, "P-GUS", user=USER)
    why = {row["contact_no"]: row["provenance"] for row in line_rows(segment_no)}
    assert why == {"C-BOLT": "#1: industry.code=WHOLESALE",
                   "P-DORA": "#1: industry.code=WHOLESALE",
                   "C-CRAFT": "#1: industry.code=WHOLESALE",
                   "P-GUS": "#2 manual entry: contact.no='P-GUS'"}


# --- M-20 Go Back ----------------------------------------------------------------------------

def test_M20_go_back_restores_reduced_lines_exactly(everyone):
    segment_no = everyone
    anna, gus = line_of(segment_no, "P-ANNA"), line_of(segment_no, "P-GUS")
    segment_lines.set_line_field(segment_no, anna, "description", "A personal note for Anna")
    segment_lines.set_line_field(segment_no, anna, "cost", Decimal("9.99"))
    segment_lines.set_line_field(segment_no, anna, "subject", "Hej Anna")
    segment_lines.set_line_field(segment_no, gus, "interaction_template", "EMAIL")
    edited, documents = line_rows(segment_no), line_docs(segment_no)
    before = snapshot()
    assert reduce(segment_no, "contact.type=PERSON").count == 6
    assert contacts(segment_no) == ["C-ACME", "C-BOLT", "C-CRAFT"]
    result = go_back(segment_no)
    assert (result.action_no, result.count) == (2, 6)
    assert line_rows(segment_no) == edited
    assert line_docs(segment_no) == documents
    assert by_contact(segment_no)["P-GUS"]["document"] == "Unique"
    assert snapshot() == before
    assert action_count(segment_no) == 1 and SegmentLineRemoved.select().count() == 0
    assert {action for action, *_ in history(segment_no)} == {1}


def test_M20_go_back_of_an_add_removes_its_lines_by_number(crm):
    segment_no = new(template="LETTER")
    segment_lines.add_line(segment_no, "P-ANNA", user=USER)
    before = snapshot()
    add(segment_no, "mailing=NEWSLETTER", allow_existing=True)
    assert numbered(segment_no) == [(10_000, "P-ANNA"), (20_000, "P-FRIDA"), (30_000, "P-ANNA")]
    assert go_back(segment_no).count == 2
    assert numbered(segment_no) == [(10_000, "P-ANNA")]
    assert snapshot() == before


def test_M20_go_back_step_by_step_to_the_empty_segment(crm):
    segment_no = new(template="LETTER")
    empty = snapshot()
    add(segment_no, "industry=RETAIL")
    after_add = snapshot()
    reduce(segment_no, "contact.type=COMPANY")
    after_reduce = snapshot()
    add(segment_no, "mailing=NEWSLETTER")
    assert contacts(segment_no) == ["P-ANNA", "P-BERT", "P-CARL", "P-FRIDA"]
    go_back(segment_no)
    assert snapshot() == after_reduce
    go_back(segment_no)
    assert snapshot() == after_add
    go_back(segment_no)
    assert snapshot() == empty


def test_M20_go_back_of_a_contact_change_restores_the_former_line(crm):
    segment_no = new(template="LETTER")
    add(segment_no, "contact.no=P-ANNA|P-BERT")
    bert = line_of(segment_no, "P-BERT")
    segment_lines.set_line_field(segment_no, bert, "description", "Bert's own text")
    segment_lines.set_line_field(segment_no, bert, "interaction_template", "EMAIL")
    before = line_rows(segment_no)
    ((_, _, own),) = line_docs(segment_no)
    segment_lines.change_line_contact(segment_no, bert, "P-GUS", user=USER)
    gus = by_contact(segment_no)["P-GUS"]
    header = header_docs(segment_no)
    # P6: the new contact gets the header document, not Bert's own copy.
    assert (gus["line_no"], gus["interaction_template_code"], gus["description"],
            gus["document"], gus["attachment_no"]) == (bert, "LETTER", "", "Inherited",
                                                       header["ENU"])
    assert line_docs(segment_no) == []
    go_back(segment_no)
    assert contacts(segment_no) == ["P-ANNA"]
    go_back(segment_no)
    restored = line_rows(segment_no)
    assert [{k: v for k, v in row.items() if k != "document"} for row in restored] \
        == [{k: v for k, v in row.items() if k != "document"} for row in before]
    assert file_of(own) == TEMPLATE_BYTES[("EMAIL", "ENU")]
    assert action_count(segment_no) == 1


def test_M20_nothing_to_go_back_to(crm):
    """C4: with no criteria action Go Back does nothing."""
    segment_no = new(template="LETTER")
    before = snapshot()
    assert go_back(segment_no).action_no == 0
    assert snapshot() == before


# --- M-22 / M-23 saved criteria --------------------------------------------------------------

def test_M22_save_needs_a_criteria_action(crm):
    segment_no = new()
    with pytest.raises(DomainError, match="No. of Criteria Actions must have a value"):
        saved_criteria.save_criteria(segment_no, "EMPTY", user=USER)
    assert SavedSegmentCriteria.select().count() == 0


def test_M22_save_copies_every_criteria_row_with_the_user(crm):
    segment_no = new()
    add(segment_no, "industry=RETAIL", "contact.type=PERSON", allow_existing=True)
    refine(segment_no, "jobresp=SALES", entire_companies=True)
    assert saved_criteria.save_criteria(segment_no, "retail", user=USER,
                                        description="Retail people") == "RETAIL"
    saved = SavedSegmentCriteria.get_by_id("RETAIL")
    assert (saved.description, saved.user_id) == ("Retail people", USER)
    copied = list(SavedSegmentCriteriaLine.select(
        SavedSegmentCriteriaLine.line_no, SavedSegmentCriteriaLine.type,
        SavedSegmentCriteriaLine.action, SavedSegmentCriteriaLine.table_name,
        SavedSegmentCriteriaLine.no_of_filters, SavedSegmentCriteriaLine.allow_existing_contacts,
        SavedSegmentCriteriaLine.expand_contact,
        SavedSegmentCriteriaLine.allow_company_with_persons,
        SavedSegmentCriteriaLine.ignore_exclusion, SavedSegmentCriteriaLine.entire_companies)
        .where(SavedSegmentCriteriaLine.segment_criteria == "RETAIL")
        .order_by(SavedSegmentCriteriaLine.line_no).tuples())
    assert copied == criteria_table(segment_no) and len(copied) == 5
    saved_views = SavedSegmentCriteriaLine.select(SavedSegmentCriteriaLine.view).where(
        SavedSegmentCriteriaLine.segment_criteria == "RETAIL").order_by(
        SavedSegmentCriteriaLine.line_no)
    views = SegmentCriteriaLine.select(SegmentCriteriaLine.view).where(
        SegmentCriteriaLine.segment == segment_no).order_by(SegmentCriteriaLine.line_no)
    assert list(saved_views.tuples()) == list(views.tuples())
    info = saved_criteria.list_saved_criteria()
    assert [(i.code, i.description, i.user_id, i.no_of_actions) for i in info] \
        == [("RETAIL", "Retail people", USER, 2)]


def test_M22_code_must_be_given_and_new(crm):
    segment_no = new()
    add(segment_no, "industry=RETAIL")
    saved_criteria.save_criteria(segment_no, "RETAIL", user=USER)
    before = snapshot()
    with pytest.raises(DomainError, match="Saved Segment Criteria RETAIL already exists"):
        saved_criteria.save_criteria(segment_no, "retail", user=USER)
    with pytest.raises(DomainError, match="Code must have a value"):
        saved_criteria.save_criteria(segment_no, "  ", user=USER)
    assert snapshot() == before


def test_M23_reuse_replays_the_actions_in_order_with_their_options(crm):
    source = new(template="LETTER")
    add(source, "industry=RETAIL|WHOLESALE", ignore_exclusion=True)
    refine(source, "jobresp=PURCHASE", "contact.type=PERSON", entire_companies=True)
    reduce(source, "contact.no=P-CARL")
    assert contacts(source) == ["C-ACME", "P-ANNA", "P-BERT", "C-BOLT", "P-DORA", "P-EMIL"]
    saved_criteria.save_criteria(source, "BUYERS", user=USER)
    target = new(template="EMAIL")
    results = saved_criteria.reuse_criteria(target, "buyers", user=USER)
    assert [(r.action_no, r.count) for r in results] == [(1, 8), (2, 1), (3, 1)]
    assert contacts(target) == contacts(source)

    def strip(rows):  # the replay is a new action: its own segment, origin and time
        own = ("origin", "origin_ref", "created_at", "segment_no")
        return [{k: v for k, v in r.items() if k not in own} for r in rows]

    assert strip(criteria_rows(target)) == strip(criteria_rows(source))
    assert {r["origin"] for r in criteria_rows(target) if r["type"] == "Action"} \
        == {"saved criteria BUYERS"}
    assert by_contact(target)["P-ANNA"]["provenance"] \
        == "#1 saved criteria BUYERS: industry.code=RETAIL|WHOLESALE"
    # One undo step per replayed action.
    go_back(target)
    assert "P-CARL" in contacts(target) and action_count(target) == 2


def test_M23_refine_is_replayed_with_entire_companies(crm):
    source = new()
    add(source, all_contacts=True)
    refine(source, "jobresp=SALES", entire_companies=True)
    saved_criteria.save_criteria(source, "ACMEONLY", user=USER)
    target = new()
    saved_criteria.reuse_criteria(target, "ACMEONLY", user=USER)
    assert contacts(target) == ["C-ACME", "P-ANNA", "P-BERT", "P-CARL"]


def test_M23_two_filters_on_one_field_replay_as_typed(crm):
    source = new()
    add(source, "contact.no=P-ANNA|P-BERT|P-GUS", "contact.no=P-BERT|P-CARL|P-GUS")
    refine(source, "mailing=NEWSLETTER|EVENTS", "mailing=EVENTS|XMAS")
    assert contacts(source) == ["P-GUS"]
    assert [row["filter"] for row in criteria_rows(source) if row["type"] == "Filter"] == [
        "contact.no=P-ANNA|P-BERT|P-GUS contact.no=P-BERT|P-CARL|P-GUS",
        "mailing.code=NEWSLETTER|EVENTS mailing.code=EVENTS|XMAS"]
    saved_criteria.save_criteria(source, "TWICE", user=USER)
    target = new()
    assert [r.count for r in saved_criteria.reuse_criteria(target, "TWICE", user=USER)] == [2, 1]
    assert contacts(target) == ["P-GUS"]


def test_M23_reuse_warns_when_the_segment_has_criteria(crm):
    source = new()
    add(source, "mailing=NEWSLETTER")
    saved_criteria.save_criteria(source, "NEWS", user=USER)
    target = new()
    add(target, "contact.no=P-GUS")
    before = snapshot()
    with pytest.raises(DomainError, match=f"segment {target} already contains 1 criteria"):
        saved_criteria.reuse_criteria(target, "NEWS", user=USER)
    assert snapshot() == before
    saved_criteria.reuse_criteria(target, "NEWS", user=USER, confirmed=True)
    assert contacts(target) == ["P-GUS", "P-FRIDA", "P-ANNA"]
    with pytest.raises(DomainError, match="saved criteria NOPE do not exist"):
        saved_criteria.reuse_criteria(new(), "NOPE", user=USER)


def test_M23_reuse_is_all_or_nothing(crm):
    source = new()
    add(source, "mailing=NEWSLETTER")
    add(source, "jobresp=PURCHASE")
    saved_criteria.save_criteria(source, "BROKEN", user=USER)
    SavedSegmentCriteriaLine.update(table_name="no_such_table").where(
        (SavedSegmentCriteriaLine.segment_criteria == "BROKEN")
        & (SavedSegmentCriteriaLine.line_no == 4)).execute()
    target = new()
    before = snapshot()
    with pytest.raises(DomainError, match="unknown table 'no_such_table'"):
        saved_criteria.reuse_criteria(target, "BROKEN", user=USER)
    assert snapshot() == before


# --- M-24 reuse a logged segment -------------------------------------------------------------

def test_M24_reuse_adds_a_line_per_interaction_with_its_campaign(crm):
    segment_no = new(template="LETTER", campaign="CP-MAIL")
    assert selection.reuse_logged_segment(segment_no, LOGGED_ENTRY, user=USER,
                                                  dry_run=True).count == 3
    assert action_count(segment_no) == 0
    result = selection.reuse_logged_segment(segment_no, LOGGED_ENTRY, user=USER)
    assert (result.action_no, result.count) == (1, 3)
    # Canceled (P-FRIDA) and excluded (P-EMIL) interactions are skipped, entry order kept.
    assert [(r["line_no"], r["contact_no"], r["campaign_no"]) for r in line_rows(segment_no)] \
        == [(10_000, "P-ANNA", "CP-SPRING"), (20_000, "C-CRAFT", ""),
            (30_000, "P-BERT", "CP-SPRING")]
    assert criteria_table(segment_no) == [
        (1, ACTION, ADD, "", 1, True, False, False, False, False),
        (2, FILTER, ADD, "interaction_log_entry", 0, True, False, False, False, False)]
    # C16: the Filter row holds the conditions and the reuse with its options
    assert json.loads(SegmentCriteriaLine.get(line_no=2, segment=segment_no).view) == {
        "table": "interaction_log_entry",
        "filters": {"logged_segment_entry_no": "1", "canceled": "No"},
        "reuse_logged_segment": {"entry_no": 1, "include_canceled": False,
                                 "ignore_exclusion": False}}
    assert line_rows(segment_no)[0]["provenance"] \
        == ("#1 reused logged segment 1: reuse of logged segment 1 (canceled entries skipped; "
            "excluded and privacy-blocked contacts skipped)")
    assert history(segment_no) == [(1, 10_000, "P-ANNA", INSERTION),
                                   (1, 20_000, "C-CRAFT", INSERTION),
                                   (1, 30_000, "P-BERT", INSERTION)]
    assert SegmentCriteriaLine.get(line_no=1, segment=segment_no).origin \
        == ActionOrigin.LOGGED_SEGMENT


def test_M24_reuse_with_ignore_exclusion_and_existing_contacts(crm):
    segment_no = new(template="LETTER")
    segment_lines.add_line(segment_no, "P-ANNA", user=USER)
    with pytest.raises(DomainError, match="already contains 1 criteria actions"):
        selection.reuse_logged_segment(segment_no, LOGGED_ENTRY, user=USER)
    selection.reuse_logged_segment(segment_no, LOGGED_ENTRY, user=USER,
                                           ignore_exclusion=True, confirmed=True)
    assert contacts(segment_no) == ["P-ANNA", "P-ANNA", "P-EMIL", "C-CRAFT", "P-BERT"]
    assert SegmentCriteriaLine.get(line_no=3, segment=segment_no).ignore_exclusion
    go_back(segment_no)
    assert contacts(segment_no) == ["P-ANNA"]


def test_M24_unknown_logged_segment(crm):
    segment_no = new()
    before = snapshot()
    with pytest.raises(DomainError, match="logged segment 99 does not exist"):
        selection.reuse_logged_segment(segment_no, 99, user=USER)
    assert snapshot() == before


# --- M-43 / M-44 -----------------------------------------------------------------------------

def test_M43_removing_the_last_line_resets_the_criteria(crm):
    segment_no = new(template="LETTER")
    add(segment_no, "contact.no=P-ANNA")
    assert segment_lines.remove_line(segment_no, 10_000, user=USER) is True
    assert (action_count(segment_no), criteria_table(segment_no), history(segment_no)) \
        == (0, [], [])
    assert SegmentLineRemoved.select().count() == 0
    assert segment_lines.add_line(segment_no, "P-GUS", user=USER) == 10_000


def test_M43_answering_no_keeps_the_criteria(crm):
    segment_no = new(template="LETTER")
    add(segment_no, "contact.no=P-ANNA")
    assert segment_lines.remove_line(segment_no, 10_000, user=USER,
                                     reset_criteria_when_empty=False) is False
    assert action_count(segment_no) == 2 and contacts(segment_no) == []
    go_back(segment_no)
    assert numbered(segment_no) == [(10_000, "P-ANNA")]


def test_M43_reset_leaves_no_documents_of_removed_lines(crm):
    segment_no = new(template="LETTER")
    add(segment_no, "contact.no=P-ANNA|P-BERT")
    bert = line_of(segment_no, "P-BERT")
    segment_lines.set_line_field(segment_no, bert, "interaction_template", "EMAIL")
    ((_, _, own),) = line_docs(segment_no)
    reduce(segment_no, "contact.no=P-BERT")
    segment_lines.remove_line(segment_no, line_of(segment_no, "P-ANNA"), user=USER)
    assert line_docs(segment_no) == [] and Attachment.get_or_none(Attachment.no == own) is None
    add(segment_no, "contact.no=P-ANNA|P-BERT")
    assert {row["document"] for row in line_rows(segment_no)} == {"Inherited"}


def test_M43_removing_a_line_that_is_not_there(crm):
    segment_no = new()
    with pytest.raises(DomainError, match=f"segment {segment_no} has no line 10000"):
        segment_lines.remove_line(segment_no, 10_000, user=USER)


def test_M44_contact_on_an_unlogged_segment_cannot_be_deleted(crm):
    segment_no = new(template="LETTER")
    segment_lines.add_line(segment_no, "P-CARL", user=USER)
    with pytest.raises(DomainError, match=f"P-CARL.*unlogged segments: {segment_no}"):
        contact_records.delete_contact("P-CARL")
    assert Contact.get_or_none(Contact.no == "P-CARL") is not None
    segments.delete_segment(segment_no)
    contact_records.delete_contact("p-carl")
    assert Contact.get_or_none(Contact.no == "P-CARL") is None
    assert ContactJobResponsibility.select().where(
        ContactJobResponsibility.contact == "P-CARL").count() == 0


def test_M44_delete_segment_cascades(crm):
    segment_no = new(template="LETTER")
    add(segment_no, "industry=RETAIL")
    reduce(segment_no, "contact.type=COMPANY")
    segment_lines.set_line_field(segment_no, line_of(segment_no, "P-BERT"),
                                 "interaction_template", "EMAIL")
    attachments = Attachment.select().count()
    segments.delete_segment(segment_no)
    for model in (SegmentHeader, SegmentLine, SegmentLineRemoved, SegmentCriteriaLine,
                  SegmentHistory, SegmentInteractionLanguage):
        assert model.select().count() == 0, model.__name__
    assert Attachment.select().count() == attachments - 3  # ENU + SVE header, Bert's own copy


# --- S-02 subject ----------------------------------------------------------------------------

def test_S02_subject_change_updates_only_lines_still_carrying_the_old_subject(crm):
    segment_no = new(template="LETTER")
    add(segment_no, "contact.no=P-ANNA|P-BERT|P-GUS|C-CRAFT|P-CARL")
    segments.change_header(segment_no, "subject_default", "Spring news", user=USER)

    def subjects():
        return {c: r["subject"] for c, r in by_contact(segment_no).items()}

    assert subjects() == {"P-ANNA": "", "P-BERT": "Spring news", "P-GUS": "Spring news",
                          "C-CRAFT": "Spring news", "P-CARL": "Spring news"}
    segment_lines.set_line_field(segment_no, line_of(segment_no, "P-GUS"), "subject",
                                 "Hi Gus, personally")
    segment_lines.set_line_field(segment_no, line_of(segment_no, "P-CARL"),
                                 "interaction_template", "MEETING")
    assert segments.change_header(segment_no, "subject_default", "Summer news",
                                  user=USER) == 2
    assert subjects() == {"P-ANNA": "", "P-BERT": "Summer news", "P-GUS": "Hi Gus, personally",
                          "C-CRAFT": "Summer news", "P-CARL": ""}
    assert segment_documents.header_documents(segment_no)["ENU"].subject == "Summer news"
    assert segments.change_header(segment_no, "subject_default", "Autumn", user=USER,
                                  update_lines=False) == 0
    assert subjects()["P-BERT"] == "Summer news"
    assert header_values(segment_no)["subject_default"] == "Autumn"
    # New lines take the subject of their language's document.
    segment_lines.add_line(segment_no, "P-FRIDA", user=USER)
    segment_lines.add_line(segment_no, "P-DORA", user=USER)
    assert (subjects()["P-FRIDA"], subjects()["P-DORA"]) == ("", "Autumn")


def test_S02_subject_needs_a_document_in_the_default_language(crm):
    with pytest.raises(DomainError, match="Subject \\(Default\\) can only be set"):
        segments.change_header(new(template="MEETING"), "subject_default", "x", user=USER)


# --- S-16 filter expressions -----------------------------------------------------------------

@pytest.mark.parametrize("criterion, expected", [
    ("contact.no=P-ANNA|P-GUS", {"P-ANNA", "P-GUS"}),
    ("contact.no=P-A*", {"P-ANNA"}),
    ("contact.name=*o*", {"C-BOLT", "P-DORA", "P-FRIDA"}),
    ("contact.name=*HOLM", {"P-FRIDA"}),
    ("contact.post_code=20000..", {"C-BOLT", "P-DORA", "P-FRIDA", "P-GUS"}),
    ("contact.post_code=..11130", {"C-ACME", "P-ANNA", "P-BERT", "C-CRAFT"}),
    ("contact.post_code=11130..20095", {"P-BERT", "P-CARL", "C-BOLT", "P-DORA"}),
    ("contact.salesperson=<>AH", {"P-BERT", "P-CARL", "C-BOLT", "P-DORA", "C-CRAFT", "P-GUS"}),
    ("contact.salesperson=''", {"P-BERT", "C-CRAFT", "P-GUS"}),
    ("contact.territory=''", {"C-CRAFT", "P-GUS"}),
    ("contact.language=<>''", set(NAV_ORDER) - {"P-CARL"}),
    ("contact.correspondence_type=''", {"P-BERT", "C-BOLT", "P-DORA", "P-FRIDA"}),
    ("contact.correspondence_type=Hard Copy|Email",
     {"C-ACME", "P-ANNA", "P-CARL", "C-CRAFT", "P-GUS"}),
    ("interaction.date=<2026-01-01", {"P-ANNA", "P-FRIDA", "C-CRAFT", "P-BERT"}),
    ("mailing=<>NEWSLETTER", {"P-FRIDA", "C-CRAFT", "P-GUS"}),
])
def test_S16_filter_expressions(crm, criterion, expected):
    segment_no = new()
    preview = add(segment_no, criterion, dry_run=True, list_contacts=True)
    assert set(preview.contact_nos) == expected
    assert add(segment_no, criterion).count == len(expected)


@pytest.mark.parametrize("criterion, message", [
    ("industry=..", "industry=..: a range needs at least one end"),
    ("mailing=A||B", "mailing=A||B: an alternative is empty"),
    ("contact.nosuchfield=1", "contact has no field 'nosuchfield'"),
    ("nosuch=1", "unknown source 'nosuch'"),
    ("industry=NOSUCH", "industry=NOSUCH: industry group NOSUCH does not exist"),
    ("profile=CUSTOMER:HUGE", "profile answer HUGE does not exist in CUSTOMER"),
    ("interaction.date=2026-13-01", "'2026-13-01' is not a date"),
    ("contact.type=ROBOT", "'ROBOT' is not one of: Company, Person"),
    ("contact.no='P-ANNA", "a quote is not closed"),
    ("industry", "a criterion is written SOURCE.FIELD=FILTER"),
    ("contact.no=", "the filter is empty"),
])
def test_S16_malformed_filters_are_refused_with_their_text(crm, criterion, message):
    with pytest.raises(DomainError) as refused:
        parse_criteria([criterion])
    assert message in str(refused.value)


# --- dry runs and all-or-nothing -------------------------------------------------------------

def test_dry_runs_change_nothing_and_count_right(everyone):
    segment_no = everyone
    before = snapshot()
    previews = [
        add(segment_no, "contact.no=P-EMIL|P-ANNA", dry_run=True),
        add(segment_no, "contact.no=P-EMIL|P-ANNA", ignore_exclusion=True, allow_existing=True,
            dry_run=True),
        reduce(segment_no, "industry=RETAIL", dry_run=True),
        reduce(segment_no, "contact.no=P-ANNA", entire_companies=True, dry_run=True,
               list_contacts=True),
        refine(segment_no, "contact.type=COMPANY", dry_run=True),
    ]
    assert [p.count for p in previews] == [0, 2, 5, 4, 6]
    assert all(p.dry_run for p in previews)
    assert previews[3].contact_nos == ["C-ACME", "P-ANNA", "P-BERT", "P-CARL"]
    assert snapshot() == before
    assert refine(segment_no, "contact.type=COMPANY").count == 6


def test_an_action_that_fails_midway_leaves_nothing(everyone, monkeypatch):
    segment_no = everyone
    before = snapshot()

    def broken(*args, **kwargs):
        raise DomainError("the disk is full")

    monkeypatch.setattr(selection, "insert_lines", broken)
    monkeypatch.setattr(selection, "remove_lines", broken)
    for action in (lambda: add(segment_no, "contact.no=P-EMIL", ignore_exclusion=True),
                   lambda: reduce(segment_no, "industry=RETAIL"),
                   lambda: selection.reuse_logged_segment(
                       segment_no, LOGGED_ENTRY, user=USER, confirmed=True)):
        with pytest.raises(DomainError, match="the disk is full"):
            action()
        assert snapshot() == before
    monkeypatch.setattr(selection, "_restore_removed_lines", broken)
    with pytest.raises(DomainError, match="the disk is full"):
        go_back(segment_no)
    assert snapshot() == before


def test_line_numbers_continue_after_removed_lines(crm):
    segment_no = new()
    add(segment_no, "contact.no=P-ANNA|P-BERT")
    reduce(segment_no, "contact.no=P-BERT")
    # Go Back may still restore 20000, so new lines never take it.
    assert line_builder.last_line_no(segment_no) == 20_000
    assert segment_lines.add_line(segment_no, "P-GUS", user=USER) == 30_000
