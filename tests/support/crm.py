"""A small, known CRM for the segment tests: every code selects a proper, predictable subset.

Three companies with persons, two independent persons, one excluded person; classification on
companies (industry, business relation) and on persons (job responsibility); mailing groups and
profile answers on both; interaction templates LETTER (documents ENU + SVE, Hard Copy), EMAIL
(Email, a campaign of its own), EMAILONLY (Email, ignores the contact's channel), MEETING (no
document); one logged segment with interactions (one canceled) and a few single interactions.

In NAV's company-name order (blank company name first) the contacts are:
P-FRIDA, P-GUS | C-ACME, P-ANNA, P-BERT, P-CARL | C-BOLT, P-DORA, (P-EMIL excluded) | C-CRAFT.
"""
import datetime
from decimal import Decimal

from segtui.domain.setup import numbering
from segtui.store.enums import (
    BusinessRelationLink, ContactType, CorrespondenceType, Evaluation, InformationFlow,
    InitiatedBy, ProfileLineType)
from segtui.store.models import (
    Attachment, BusinessRelation, Campaign, Contact, ContactBusinessRelation,
    ContactIndustryGroup, ContactJobResponsibility, ContactMailingGroup, ContactProfileAnswer,
    CountryRegion, IndustryGroup, InteractionGroup, InteractionLogEntry, InteractionTemplate,
    InteractionTmplLanguage, JobResponsibility, Language, LoggedSegment, MailingGroup,
    ProfileQuestionnaireHeader, ProfileQuestionnaireLine, Salesperson)

USER = "TESTER"
BLANK, HARD_COPY, EMAIL = (CorrespondenceType.BLANK, CorrespondenceType.HARD_COPY,
                           CorrespondenceType.EMAIL)
COMPANY, PERSON = ContactType.COMPANY, ContactType.PERSON

# no, type, company, name, language, channel, salesperson, post code, country, territory
CONTACTS = [
    ("C-ACME", COMPANY, "C-ACME", "Acme Retail AB", "SVE", HARD_COPY, "AH", "11120", "SE", "NORTH"),
    ("P-ANNA", PERSON, "C-ACME", "Anna Berg", "SVE", EMAIL, "AH", "11120", "SE", "NORTH"),
    ("P-BERT", PERSON, "C-ACME", "Bert Lund", "ENU", BLANK, None, "11130", "SE", "NORTH"),
    ("P-CARL", PERSON, "C-ACME", "Carl Ek", "", HARD_COPY, "PS", "11140", "SE", "NORTH"),
    ("C-BOLT", COMPANY, "C-BOLT", "Bolt Wholesale GmbH", "DEU", BLANK, "PS", "20095", "DE",
     "SOUTH"),
    ("P-DORA", PERSON, "C-BOLT", "Dora Klein", "DEU", BLANK, "PS", "20095", "DE", "SOUTH"),
    ("P-EMIL", PERSON, "C-BOLT", "Emil Braun", "DEU", EMAIL, "PS", "20095", "DE", "SOUTH"),
    ("C-CRAFT", COMPANY, "C-CRAFT", "Craft Supplies Inc", "ENU", EMAIL, None, "10001", "US", ""),
    ("P-FRIDA", PERSON, None, "Frida Holm", "SVE", BLANK, "AH", "41101", "SE", "WEST"),
    ("P-GUS", PERSON, None, "Gus Hale", "ENU", EMAIL, None, "94105", "US", ""),
]
EXCLUDED = {"P-EMIL"}
NAV_ORDER = ["P-FRIDA", "P-GUS", "C-ACME", "P-ANNA", "P-BERT", "P-CARL", "C-BOLT", "P-DORA",
             "C-CRAFT"]
"""Every contact that Add Contacts may take (P-EMIL is excluded), in NAV's line order."""
COMPANY_OF = {row[0]: row[2] for row in CONTACTS}
LOGGED_ENTRY = 1
"""The logged segment: entries P-ANNA, P-FRIDA (canceled), P-EMIL (excluded), C-CRAFT, P-BERT."""
TEMPLATE_BYTES = {("LETTER", "ENU"): b"PK letter ENU", ("LETTER", "SVE"): b"PK letter SVE",
                  ("EMAIL", "ENU"): b"PK e-mail ENU", ("EMAILONLY", "ENU"): b"PK e-mail only"}


def build_crm() -> None:
    """Insert the dataset into the (empty, migrated) database bound to the store proxy."""
    Salesperson.insert_many([("AH", "Annette Hill", False), ("PS", "Peter Saddow", False),
                             ("BL", "Blocked Bob", True)],
                            fields=[Salesperson.code, Salesperson.name,
                                    Salesperson.blocked]).execute()
    Language.insert_many([("ENU", "English"), ("SVE", "Swedish"), ("DEU", "German")],
                         fields=[Language.code, Language.name]).execute()
    CountryRegion.insert_many([("SE", "Sweden"), ("DE", "Germany"), ("US", "USA")],
                              fields=[CountryRegion.code, CountryRegion.name]).execute()
    Campaign.insert_many([("CP-SPRING", "Spring fair"), ("CP-MAIL", "Mail campaign")],
                         fields=[Campaign.no, Campaign.description]).execute()
    for model, codes in ((IndustryGroup, ["RETAIL", "WHOLESALE"]),
                         (MailingGroup, ["NEWSLETTER", "XMAS", "EVENTS"]),
                         (JobResponsibility, ["PURCHASE", "SALES", "IT"]),
                         (BusinessRelation, ["CUST", "VEND"]),
                         (InteractionGroup, ["LETTER", "EMAIL", "MEETING"])):
        model.insert_many([(code, code.title()) for code in codes],
                          fields=[model.code, model.description]).execute()
    _contacts()
    _classification()
    _templates()
    _log()


def _contacts() -> None:
    rows = []
    for (no, kind, company, name, language, channel, salesperson, post, country,
         territory) in CONTACTS:
        rows.append(dict(
            no=no, type=kind, company_no=None, name=name, search_name=name.upper(),
            company_name=next((c[3] for c in CONTACTS if c[0] == company), ""),
            language_code=language, correspondence_type=channel, salesperson=salesperson,
            post_code=post, country_code=country, territory_code=territory,
            email=f"{no.lower()}@example.com", exclude_from_segment=no in EXCLUDED))
    Contact.insert_many(rows).execute()
    for no, *_ in CONTACTS:
        if COMPANY_OF[no]:
            Contact.update(company_no=COMPANY_OF[no]).where(Contact.no == no).execute()


def _classification() -> None:
    ContactIndustryGroup.insert_many(
        [("C-ACME", "RETAIL"), ("C-BOLT", "WHOLESALE"), ("C-CRAFT", "RETAIL"),
         ("C-CRAFT", "WHOLESALE")],
        fields=[ContactIndustryGroup.contact, ContactIndustryGroup.industry_group]).execute()
    ContactBusinessRelation.insert_many(
        [("C-ACME", "CUST", BusinessRelationLink.CUSTOMER, "10000"),
         ("C-BOLT", "VEND", BusinessRelationLink.VENDOR, "V100"),
         ("C-CRAFT", "CUST", BusinessRelationLink.CUSTOMER, "20000")],
        fields=[ContactBusinessRelation.contact, ContactBusinessRelation.business_relation,
                ContactBusinessRelation.link_to_table, ContactBusinessRelation.no]).execute()
    ContactMailingGroup.insert_many(
        [("P-ANNA", "NEWSLETTER"), ("P-EMIL", "NEWSLETTER"), ("P-FRIDA", "NEWSLETTER"),
         ("P-FRIDA", "XMAS"), ("C-CRAFT", "XMAS"), ("P-GUS", "EVENTS")],
        fields=[ContactMailingGroup.contact, ContactMailingGroup.mailing_group]).execute()
    ContactJobResponsibility.insert_many(
        [("P-ANNA", "PURCHASE"), ("P-BERT", "SALES"), ("P-CARL", "IT"), ("P-DORA", "PURCHASE"),
         ("P-EMIL", "PURCHASE")],
        fields=[ContactJobResponsibility.contact,
                ContactJobResponsibility.job_responsibility]).execute()
    ProfileQuestionnaireHeader.insert(code="CUSTOMER", description="Customer size").execute()
    ProfileQuestionnaireLine.insert_many(
        [("CUSTOMER", 10000, ProfileLineType.QUESTION, "", "Company size"),
         ("CUSTOMER", 20000, ProfileLineType.ANSWER, "SMALL", "Small"),
         ("CUSTOMER", 30000, ProfileLineType.ANSWER, "MEDIUM", "Medium"),
         ("CUSTOMER", 40000, ProfileLineType.ANSWER, "LARGE", "Large")],
        fields=[ProfileQuestionnaireLine.questionnaire, ProfileQuestionnaireLine.line_no,
                ProfileQuestionnaireLine.type, ProfileQuestionnaireLine.code,
                ProfileQuestionnaireLine.description]).execute()
    ContactProfileAnswer.insert_many(
        [("C-ACME", "CUSTOMER", 40000, "C-ACME"), ("C-BOLT", "CUSTOMER", 20000, "C-BOLT"),
         ("C-CRAFT", "CUSTOMER", 30000, "C-CRAFT"), ("P-FRIDA", "CUSTOMER", 20000, "")],
        fields=[ContactProfileAnswer.contact, ContactProfileAnswer.questionnaire,
                ContactProfileAnswer.line_no, ContactProfileAnswer.contact_company_no]).execute()


def _templates() -> None:
    first = numbering.next_entry_numbers("attachment", len(TEMPLATE_BYTES))
    attachment_of = {}
    for offset, (key, data) in enumerate(TEMPLATE_BYTES.items()):
        attachment_of[key] = first + offset
        Attachment.insert(no=first + offset, file=data, file_extension="docx",
                          last_modified=datetime.datetime(2026, 1, 1, 9, 0)).execute()
    template = dict(unit_cost=Decimal("0.10"), unit_duration=Decimal("1"),
                    information_flow=InformationFlow.OUTBOUND, initiated_by=InitiatedBy.US,
                    language_code_default="ENU", campaign=None, campaign_target=False,
                    ignore_contact_corres_type=False)
    InteractionTemplate.insert_many([  # every row has the same keys: insert_many takes the first's
        {**template, "code": "LETTER", "interaction_group": "LETTER", "description": "Letter",
         "unit_cost": Decimal("2.50"), "unit_duration": Decimal("5"),
         "correspondence_type_default": HARD_COPY},
        {**template, "code": "EMAIL", "interaction_group": "EMAIL", "description": "E-mail",
         "correspondence_type_default": EMAIL, "campaign": "CP-MAIL", "campaign_target": True},
        {**template, "code": "EMAILONLY", "interaction_group": "EMAIL",
         "description": "E-mail to everyone", "correspondence_type_default": EMAIL,
         "ignore_contact_corres_type": True},
        {**template, "code": "MEETING", "interaction_group": "MEETING", "description": "Meeting",
         "unit_cost": Decimal("100"), "unit_duration": Decimal("60"),
         "information_flow": InformationFlow.INBOUND, "initiated_by": InitiatedBy.THEM,
         "correspondence_type_default": BLANK, "language_code_default": ""},
    ]).execute()
    InteractionTmplLanguage.insert_many(
        [(code, language, f"{code} {language}", attachment)
         for (code, language), attachment in attachment_of.items()],
        fields=[InteractionTmplLanguage.interaction_template, InteractionTmplLanguage.language_code,
                InteractionTmplLanguage.description, InteractionTmplLanguage.attachment]).execute()


def _log() -> None:
    entry = numbering.next_entry_numbers("logged_segment", 1)
    assert entry == LOGGED_ENTRY
    LoggedSegment.insert(entry_no=entry, segment_no="SEG00090", description="Autumn letter",
                         creation_date=datetime.date(2025, 10, 1), user_id=USER).execute()
    autumn = datetime.date(2025, 10, 1)
    # contact, template, date, campaign, logged segment, canceled, evaluation
    entries = [
        ("P-ANNA", "LETTER", autumn, "CP-SPRING", entry, False, Evaluation.BLANK),
        ("P-FRIDA", "LETTER", autumn, "", entry, True, Evaluation.BLANK),
        ("P-EMIL", "LETTER", autumn, "CP-SPRING", entry, False, Evaluation.BLANK),
        ("C-CRAFT", "LETTER", autumn, "", entry, False, Evaluation.BLANK),
        ("P-BERT", "LETTER", autumn, "CP-SPRING", entry, False, Evaluation.BLANK),
        ("P-GUS", "EMAIL", datetime.date(2026, 2, 10), "", 0, False, Evaluation.POSITIVE),
        ("P-DORA", "MEETING", datetime.date(2026, 3, 5), "", 0, False, Evaluation.BLANK),
        ("P-GUS", "LETTER", datetime.date(2026, 1, 20), "", 0, False, Evaluation.BLANK),
    ]
    first = numbering.next_entry_numbers("interaction_entry", len(entries))
    InteractionLogEntry.insert_many([dict(
        entry_no=first + offset, contact_no=contact, contact_company_no=COMPANY_OF[contact] or "",
        date=day, description=f"{template.title()} to {contact}",
        interaction_template_code=template, interaction_group_code=template.replace("ONLY", ""),
        campaign_no=campaign, logged_segment_entry_no=logged, segment_no="SEG00090" if logged
        else "", canceled=canceled, evaluation=evaluation, salesperson_code="AH", user_id=USER)
        for offset, (contact, template, day, campaign, logged, canceled, evaluation)
        in enumerate(entries)]).execute()
