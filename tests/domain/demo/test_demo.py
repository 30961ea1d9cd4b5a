"""The demo data of `segtui demo`: vocabulary, consistency, segments, determinism, --force."""
import io
import json
import re
import zipfile

import docx
import pytest

from segtui.domain.segments.criteria_sources import parse_criteria, qualifying_condition
from segtui.domain.demo.build import DemoSummary, load_demo
from segtui.domain.documents.merge_fields import MERGE_FIELDS
from segtui.domain.errors import DomainError
from segtui.domain.setup.numbering import next_code, next_entry_numbers
from segtui.store.bulk import bulk_insert
from segtui.store.enums import (
    ContactType,
    CorrespondenceType,
    CriteriaAction,
    CriteriaLineType,
    HistoryAction,
)
from segtui.store.models import (
    ALL_MODELS,
    Attachment,
    BusinessRelation,
    Campaign,
    CampaignEntry,
    Contact,
    ContactBusinessRelation,
    ContactIndustryGroup,
    ContactJobResponsibility,
    ContactMailingGroup,
    ContactProfileAnswer,
    IndustryGroup,
    InteractionGroup,
    InteractionLogEntry,
    InteractionTemplate,
    InteractionTmplLanguage,
    JobResponsibility,
    Language,
    LoggedSegment,
    MailingGroup,
    MarketingSetup,
    NoSeries,
    ProfileQuestionnaireLine,
    Salesperson,
    SegmentCriteriaLine,
    SegmentHeader,
    SegmentHistory,
    SegmentInteractionLanguage,
    SegmentLine,
)

CONTACTS = 300
SEED = 7
DESIGN_CODES = [
    (IndustryGroup, IndustryGroup.code, ["RETAIL", "WHOLESALE", "MANUFACT", "SERVICES"]),
    (MailingGroup, MailingGroup.code, ["NEWSLETTER", "XMAS", "EVENTS"]),
    (JobResponsibility, JobResponsibility.code, ["PURCHASE", "SALES", "IT", "MANAGEMENT"]),
    (InteractionGroup, InteractionGroup.code, ["LETTER", "EMAIL", "MEETING"]),
    (InteractionTemplate, InteractionTemplate.code, ["LETTER", "EMAIL", "MEETING"]),
    (BusinessRelation, BusinessRelation.code, ["CUST", "VEND", "PROSP"]),
    (Salesperson, Salesperson.code, ["AH", "PS"]),
    (Language, Language.code, ["ENU", "SVE", "DEU"]),
    (Campaign, Campaign.no, ["CP1001"]),
]
CRITERIA = [
    "industry=RETAIL", "industry=WHOLESALE", "industry=MANUFACT", "industry=SERVICES",
    "mailing=NEWSLETTER", "mailing=XMAS", "mailing=EVENTS",
    "jobresp=PURCHASE", "jobresp=SALES", "jobresp=IT", "jobresp=MANAGEMENT",
    "business=CUST", "business=VEND", "business=PROSP",
    "profile=CUSTOMER:SMALL", "profile=CUSTOMER:MEDIUM", "profile=CUSTOMER:LARGE",
    "contact.salesperson=AH", "contact.salesperson=PS", "contact.type=COMPANY",
    "contact.type=PERSON", "contact.language=ENU", "contact.language=SVE",
    "contact.language=DEU", "contact.country=SE", "contact.exclude_from_segment=yes",
    "interaction.template=LETTER", "interaction.template=EMAIL", "interaction.template=MEETING",
]


@pytest.fixture
def demo(database):
    return load_demo(contacts=CONTACTS, seed=SEED, user="TESTER")


def count(model, *conditions):
    query = model.select()
    for condition in conditions:
        query = query.where(condition)
    return query.count()


def dump():
    """Every row of every table (attachment bytes left out), in primary key order."""
    tables = {}
    for model in ALL_MODELS:
        fields = [field for field in model._meta.sorted_fields if field.name != "file"]
        primary = model._meta.get_primary_keys()
        tables[model._meta.table_name] = list(
            model.select(*fields).order_by(*primary).tuples())
    return tables


# --- vocabulary and master data ----------------------------------------------------------------

def test_summary_counts_what_was_made(demo):
    assert demo.contacts == CONTACTS == count(Contact)
    assert demo.companies == count(Contact, Contact.type == ContactType.COMPANY)
    assert demo.persons == count(Contact, Contact.type == ContactType.PERSON)
    assert demo.segments == count(SegmentHeader) == 2
    assert demo.logged_segments == count(LoggedSegment) == 4
    assert demo.interaction_entries == count(InteractionLogEntry) > 0
    assert str(demo) == (f"{CONTACTS} contacts ({demo.companies} companies, {demo.persons} "
                         f"persons), 2 segments, 4 logged segments, "
                         f"{demo.interaction_entries} interaction entries")


def test_design_codes_exist(demo):
    missing = [(model.__name__, sorted(set(codes) - {row[0] for row in model.select(key).tuples()}))
               for model, key, codes in DESIGN_CODES]
    assert [(name, codes) for name, codes in missing if codes] == []


def test_s17_the_demo_user_has_a_default_salesperson(demo):
    from segtui.domain.setup.users import list_users

    users = {row.user_id: row for row in list_users()}
    assert len(users) >= 2 and "TESTER" in users  # the user the demo was made as, and another
    assert all(row.salesperson_code and row.salesperson_name for row in users.values())
    blocked = {code for (code,) in Salesperson.select(Salesperson.code)
               .where(Salesperson.blocked).tuples()}
    assert not {row.salesperson_code for row in users.values()} & blocked


def test_profile_questionnaire_has_a_question_and_three_answers(demo):
    lines = list(ProfileQuestionnaireLine.select().order_by(ProfileQuestionnaireLine.line_no))
    assert [line.code for line in lines] == ["", "SMALL", "MEDIUM", "LARGE"]
    assert lines[0].description.endswith("?")


def test_setup_names_the_company(demo):
    setup = MarketingSetup.get_by_id(1)
    assert setup.company_name and setup.company_city and setup.company_country_code == "SE"


def test_each_criterion_selects_a_proper_subset(demo):
    counts = {criterion: count(Contact, qualifying_condition(parse_criteria([criterion])))
              for criterion in CRITERIA}
    assert {criterion: n for criterion, n in counts.items() if not 0 < n < CONTACTS} == {}


# --- contacts ----------------------------------------------------------------------------------

def test_companies_and_persons_are_consistent(demo):
    companies = {row.no: row for row in Contact.select().where(
        Contact.type == ContactType.COMPANY)}
    for contact in Contact.select():
        assert contact.salesperson
        assert contact.search_name == contact.name.upper()
        if contact.type == ContactType.COMPANY:
            assert contact.company_no == contact.no
            assert contact.company_name == contact.name
        elif contact.company_no is not None:
            assert contact.company_name == companies[contact.company_no].name
        else:
            assert contact.company_name == ""


def test_about_one_person_in_four_is_independent(demo):
    persons = count(Contact, Contact.type == ContactType.PERSON)
    independent = count(Contact, Contact.type == ContactType.PERSON, Contact.company_no.is_null())
    assert 0.15 < independent / persons < 0.35


def test_some_contacts_are_excluded_and_most_have_email(demo):
    excluded = count(Contact, Contact.exclude_from_segment == True)  # noqa: E712
    with_email = count(Contact, Contact.email != "")
    assert 0 < excluded < CONTACTS * 0.1
    assert CONTACTS * 0.75 < with_email < CONTACTS
    types = {row[0] for row in Contact.select(Contact.correspondence_type).tuples()}
    assert types == {CorrespondenceType.BLANK, CorrespondenceType.HARD_COPY,
                     CorrespondenceType.EMAIL}
    countries = {row[0] for row in Contact.select(Contact.country_code).distinct().tuples()}
    assert {"SE", "DE", "GB", "US", "DK", "NO"} <= countries


def test_classification_sits_on_the_right_contact_type(demo):
    company, person = ContactType.COMPANY, ContactType.PERSON
    expected = {ContactIndustryGroup: {company}, ContactBusinessRelation: {company},
                ContactProfileAnswer: {company}, ContactJobResponsibility: {person},
                ContactMailingGroup: {company, person}}
    found = {model: {row[0] for row in model.select(Contact.type).join(
        Contact, on=(model.contact == Contact.no)).tuples()} for model in expected}
    assert found == expected


# --- templates and documents -------------------------------------------------------------------

def test_templates_have_their_channels(demo):
    templates = {row.code: row for row in InteractionTemplate.select()}
    assert templates["LETTER"].correspondence_type_default == CorrespondenceType.HARD_COPY
    assert templates["EMAIL"].correspondence_type_default == CorrespondenceType.EMAIL
    assert count(InteractionTmplLanguage,
                 InteractionTmplLanguage.interaction_template == "MEETING") == 0


@pytest.mark.parametrize("template", ["LETTER", "EMAIL"])
def test_template_has_a_word_document_with_merge_fields_per_language(demo, template):
    rows = {row.language_code: row for row in InteractionTmplLanguage.select().where(
        InteractionTmplLanguage.interaction_template == template)}
    assert set(rows) == {"ENU", "SVE", "DEU"}
    texts = {}
    for language, row in rows.items():
        attachment = Attachment.get_by_id(row.attachment)
        assert attachment.file_extension == "docx" and not attachment.read_only
        content = bytes(attachment.file)
        xml = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
        assert "MERGEFIELD" in xml
        names = set(re.findall(r"MERGEFIELD (\w+)", xml))
        assert names <= set(MERGE_FIELDS)
        assert "w:fldSimple" in xml
        if template == "LETTER":
            assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="separate"' in xml
            assert " MERGEFIELD Contact_Name \\* MERGEFORMAT " in xml
            assert {"Contact_Name", "Contact_Company_Name", "Address_Line_1",
                    "Salutation_Formal", "Salesperson_Name", "Document_Date",
                    "Document_Subject", "Company_Info_Name"} <= names
        texts[language] = "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
    assert len(set(texts.values())) == 3


# --- open segments -----------------------------------------------------------------------------

def expected_correspondence(header, template, contact):
    if header.ignore_contact_corres_type and header.correspondence_type_default:
        return header.correspondence_type_default
    if template.ignore_contact_corres_type or contact.correspondence_type == 0:
        return template.correspondence_type_default
    return contact.correspondence_type


def test_open_segments_have_coherent_lines(demo):
    for header in SegmentHeader.select():
        template = InteractionTemplate.get_by_id(header.interaction_template)
        documents = {row.language_code: row for row in SegmentInteractionLanguage.select().where(
            (SegmentInteractionLanguage.segment == header.no)
            & (SegmentInteractionLanguage.segment_line_no == 0))}
        assert set(documents) == {"ENU", "SVE", "DEU"}
        originals = {row.attachment for row in InteractionTmplLanguage.select().where(
            InteractionTmplLanguage.interaction_template == template.code)}
        assert not {row.attachment for row in documents.values()} & originals
        assert header.subject_default == documents[header.language_code_default].subject != ""
        lines = list(SegmentLine.select().where(SegmentLine.segment == header.no)
                     .order_by(SegmentLine.line_no))
        assert lines
        assert [line.line_no for line in lines] == [10000 * n for n in range(1, len(lines) + 1)]
        contacts = {row.no: row for row in Contact.select().where(
            Contact.no.in_([line.contact for line in lines]))}
        for line in lines:
            contact = contacts[line.contact]
            assert not contact.exclude_from_segment
            assert (line.interaction_template, line.interaction_group, line.description,
                    line.cost, line.duration, line.date, line.campaign) == (
                template.code, template.interaction_group, header.description,
                header.unit_cost, header.unit_duration, header.date, header.campaign)
            assert line.salesperson == (header.salesperson or contact.salesperson)
            assert line.contact_company_no == (contact.company_no or "")
            assert line.correspondence_type == expected_correspondence(header, template, contact)
            language = (contact.language_code if contact.language_code in documents
                        else header.language_code_default)
            assert line.language_code == language
            assert line.attachment == documents[language].attachment
            assert line.subject == documents[language].subject
            assert line.source_action_no == 1


def test_open_segment_lines_come_from_one_add_contacts_action(demo):
    for header in SegmentHeader.select():
        criteria = list(SegmentCriteriaLine.select().where(
            SegmentCriteriaLine.segment == header.no).order_by(SegmentCriteriaLine.line_no))
        assert [(row.type, row.no_of_filters) for row in criteria] == [
            (CriteriaLineType.ACTION, 1), (CriteriaLineType.FILTER, 0)]
        assert criteria[0].action == CriteriaAction.ADD_CONTACTS
        view = json.loads(criteria[1].view)
        assert criteria[1].table_name == view["table"] == "contact_mailing_group"
        group = view["filters"]["mailing_group_code"]
        members = Contact.select(Contact.no).join(
            ContactMailingGroup, on=(ContactMailingGroup.contact == Contact.no)).where(
            (ContactMailingGroup.mailing_group == group)
            & (Contact.exclude_from_segment == False))  # noqa: E712
        line_contacts = {row[0] for row in SegmentLine.select(SegmentLine.contact).where(
            SegmentLine.segment == header.no).tuples()}
        assert line_contacts == {row[0] for row in members.tuples()}
        history = {(row.segment_line_no, row.contact_no) for row in SegmentHistory.select().where(
            (SegmentHistory.segment == header.no) & (SegmentHistory.segment_action_no == 1)
            & (SegmentHistory.action_taken == HistoryAction.INSERTION))}
        assert history == {(row.line_no, row.contact) for row in SegmentLine.select().where(
            SegmentLine.segment == header.no)}


# --- logged segments and interactions ---------------------------------------------------------

def test_logged_segments_have_their_interactions(demo):
    logged = list(LoggedSegment.select().order_by(LoggedSegment.entry_no))
    open_numbers = {row.no for row in SegmentHeader.select()}
    assert max(row.segment_no for row in logged) < min(open_numbers)
    assert [row.canceled for row in logged].count(True) == 1
    entries = 0
    for row in logged:
        mine = InteractionLogEntry.select().where(
            InteractionLogEntry.logged_segment_entry_no == row.entry_no)
        assert mine.count() > 0
        entries += mine.count()
        assert {entry.canceled for entry in mine} == {row.canceled}
        assert {entry.segment_no for entry in mine} == {row.segment_no}
        assert {entry.user_id for entry in mine} == {"TESTER"}
        assert {entry.date for entry in mine} == {row.creation_date}
    assert entries == demo.interaction_entries
    numbers = [row[0] for row in InteractionLogEntry.select(InteractionLogEntry.entry_no)
               .order_by(InteractionLogEntry.entry_no).tuples()]
    assert numbers == list(range(1, len(numbers) + 1))


def test_interactions_copy_their_template_and_contact(demo):
    templates = {row.code: row for row in InteractionTemplate.select()}
    contacts = {row.no: row for row in Contact.select()}
    evaluated = 0
    for entry in InteractionLogEntry.select():
        template = templates[entry.interaction_template_code]
        contact = contacts[entry.contact_no]
        assert entry.interaction_group_code == template.interaction_group
        assert (entry.cost, entry.duration) == (template.unit_cost, template.unit_duration)
        assert entry.contact_company_no == (contact.company_no or "")
        assert entry.salesperson_code
        if entry.correspondence_type == CorrespondenceType.EMAIL:
            assert contact.email
        if template.code == "MEETING":
            assert entry.attachment_no == 0 and entry.interaction_language_code == ""
        else:
            attachment = Attachment.get_by_id(entry.attachment_no)
            assert attachment.read_only and attachment.file_extension == "docx"
            assert entry.subject
        evaluated += entry.evaluation != 0
    assert 0 < evaluated < count(InteractionLogEntry)


def test_campaign_entry_links_the_campaign_interactions(demo):
    entry = CampaignEntry.get()
    logged = LoggedSegment.get_by_id(entry.register_no)
    assert (entry.campaign, entry.segment_no) == ("CP1001", logged.segment_no)
    interactions = InteractionLogEntry.select().where(
        InteractionLogEntry.logged_segment_entry_no == logged.entry_no)
    assert {(row.campaign_no, row.campaign_entry_no) for row in interactions} == {
        ("CP1001", entry.entry_no)}


def test_number_series_continue_after_the_demo(demo):
    used_segments = {row[0] for row in SegmentHeader.select(SegmentHeader.no).tuples()} | {
        row[0] for row in LoggedSegment.select(LoggedSegment.segment_no).tuples()}
    assert next_code("segment") not in used_segments
    for purpose, model, key in [("interaction_entry", InteractionLogEntry,
                                 InteractionLogEntry.entry_no),
                                ("logged_segment", LoggedSegment, LoggedSegment.entry_no),
                                ("campaign_entry", CampaignEntry, CampaignEntry.entry_no),
                                ("attachment", Attachment, Attachment.no)]:
        assert next_entry_numbers(purpose, 1) > model.select(key).order_by(key.desc()).scalar()


# --- determinism, refusal, --force -------------------------------------------------------------

def test_same_seed_gives_the_same_rows_and_another_seed_others(demo):
    before = dump()
    load_demo(contacts=CONTACTS, seed=SEED, force=True, user="TESTER")
    assert dump() == before
    load_demo(contacts=CONTACTS, seed=SEED + 1, force=True, user="TESTER")
    assert dump()["contact"] != before["contact"]


def test_refuses_a_database_with_data_without_force(demo):
    with pytest.raises(DomainError, match="already has data; use --force"):
        load_demo(contacts=10)
    assert count(Contact) == CONTACTS


def test_force_replaces_the_data(demo):
    summary = load_demo(contacts=120, seed=3, force=True)
    assert count(Contact) == 120 == summary.contacts
    assert count(SegmentHeader) == 2
    assert NoSeries.get_by_id("SEG").last_no == count(SegmentHeader) + count(LoggedSegment)


def test_no_contacts_still_gives_the_master_data_and_reports_each_phase(database):
    messages = []
    summary = load_demo(contacts=0, progress=messages.append)
    assert summary == DemoSummary(0, 0, 0, 2, 0, 0)
    assert count(SegmentLine) == 0 and count(Salesperson) > 0
    assert messages == ["setup and master data", "generating 0 contacts",
                        "logged segments and interaction history", "open segments"]
    with pytest.raises(DomainError, match="must not be negative"):
        load_demo(contacts=-1, force=True)


def test_bulk_insert_fills_the_other_columns_with_their_defaults(database):
    Salesperson.insert(code="AH").execute()
    rows = [(f"K{number}", f"Name {number}", "AH", number % 2 == 0) for number in range(5)]
    fields = (Contact.no, Contact.name, Contact.salesperson, Contact.exclude_from_segment)
    assert bulk_insert(Contact, fields, rows) == 5
    contact = Contact.get_by_id("K2")
    assert (contact.name, contact.salesperson, contact.exclude_from_segment) == (
        "Name 2", "AH", True)
    assert (contact.type, contact.email, contact.company_no, contact.minor) == (0, "", None, False)
