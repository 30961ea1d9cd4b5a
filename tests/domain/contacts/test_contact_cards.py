"""The contact card's services: create, change field by field, classification, history."""
import datetime

import pytest

from segtui.domain.contacts import cards
from segtui.domain.errors import DomainError
from segtui.domain.segments.lines import add_line
from segtui.domain.segments.headers import create_segment
from segtui.store.enums import ContactType
from segtui.store.models import (
    Contact, ContactIndustryGroup, ContactJobResponsibility, ContactMailingGroup,
    ContactProfileAnswer, NoSeries)

USER = "TESTER"


def row(no: str) -> Contact:
    return Contact.get_by_id(no)


def segment_with(contact_no: str) -> str:
    segment = create_segment(user=USER, description="Spring", template="LETTER",
                             salesperson="AH", date=datetime.date(2026, 1, 15))
    add_line(segment, contact_no, user=USER)
    return segment


def test_create_a_person_of_a_company_keeps_derived_fields(crm):
    no = cards.create_contact({"no": "p-nina", "type": "Person", "name": "Nina Nord",
                               "company_no": "c-acme", "email": "nina@example.com",
                               "salesperson": "ps", "language_code": "sve"}, user=USER)
    assert no == "P-NINA"
    nina = row(no)
    assert (nina.type, nina.company_no_id, nina.company_name, nina.search_name) == (
        ContactType.PERSON, "C-ACME", "Acme Retail AB", "NINA NORD")
    assert (nina.email, nina.salesperson, nina.language_code) == (
        "nina@example.com", "PS", "SVE")


def test_create_a_company_is_its_own_company(crm):
    no = cards.create_contact({"no": "C-NEW", "name": "New Co"}, user=USER)
    company = row(no)
    assert (company.type, company.company_no_id, company.company_name) == (
        ContactType.COMPANY, "C-NEW", "New Co")


def test_create_needs_a_number_unless_a_series_exists(crm):
    with pytest.raises(DomainError, match="^No.: type a contact number"):
        cards.create_contact({"name": "Nobody"}, user=USER)
    NoSeries.insert(code="CONT", description="Contacts", prefix="CT", width=4).execute()
    assert cards.create_contact({"name": "Somebody"}, user=USER) == "CT0001"
    assert cards.create_contact({"name": "Else"}, user=USER) == "CT0002"


def test_create_refuses_and_writes_nothing(crm):
    before = Contact.select().count()
    for values, message in [
        ({"no": "P-ANNA"}, "^No.: contact P-ANNA already exists"),
        ({"no": "X1", "email": "not an address"}, "^E-Mail: 'not an address' is not an e-mail"),
        ({"no": "X1", "type": "Person", "company_no": "P-BERT"},
         "^Company No.: contact P-BERT is not a company"),
        ({"no": "X1", "type": "Person", "company_no": "C-NONE"},
         "^Company No.: contact C-NONE does not exist"),
        ({"no": "X1", "salesperson": "BL"}, "^Salesperson Code: salesperson BL is blocked"),
        ({"no": "X1", "country_code": "XX"}, "^Country/Region Code: XX does not exist"),
        ({"no": "X1", "type": "Robot"}, "^Type: 'Robot' is not one of"),
        ({"no": "X1", "shoe_size": "42"}, "has no field 'shoe_size'"),
    ]:
        with pytest.raises(DomainError, match=message):
            cards.create_contact(values, user=USER)
    assert Contact.select().count() == before


def test_values_read_back_as_plain_values(crm):
    values = cards.contact_values("P-ANNA")
    assert values["name"] == "Anna Berg"
    assert values["type"] == "Person"
    assert values["company_no"] == "C-ACME"
    assert values["company_name"] == "Acme Retail AB"
    assert values["salesperson"] == "AH"
    assert values["correspondence_type"] == "Email"
    assert values["exclude_from_segment"] is False
    assert values["is_person"] is True
    assert cards.contact_values("P-BERT")["salesperson"] == ""


def test_renaming_a_company_renames_it_on_its_persons(crm):
    cards.set_contact_field("C-ACME", "name", "Acme Nord AB")
    assert row("C-ACME").search_name == "ACME NORD AB"
    names = {c.no: c.company_name for c in Contact.select().where(
        Contact.company_no == "C-ACME")}
    assert names == {no: "Acme Nord AB" for no in ("C-ACME", "P-ANNA", "P-BERT", "P-CARL")}
    assert row("C-BOLT").company_name == "Bolt Wholesale GmbH"


def test_renaming_a_person_keeps_its_search_name(crm):
    cards.set_contact_field("P-ANNA", "name", "Anna Åberg")
    assert row("P-ANNA").search_name == "ANNA ÅBERG"
    assert row("C-ACME").company_name == "Acme Retail AB"


def test_a_bad_email_is_refused_and_nothing_saved(crm):
    with pytest.raises(DomainError, match="^E-Mail: 'anna@' is not an e-mail address"):
        cards.set_contact_field("P-ANNA", "email", "anna@")
    assert row("P-ANNA").email == "p-anna@example.com"
    cards.set_contact_field("P-ANNA", "email", " anna@acme.se ")
    assert row("P-ANNA").email == "anna@acme.se"
    cards.set_contact_field("P-ANNA", "email", "")
    assert row("P-ANNA").email == ""


def test_changing_a_persons_company(crm):
    cards.set_contact_field("P-FRIDA", "company_no", "C-BOLT")
    frida = row("P-FRIDA")
    assert (frida.company_no_id, frida.company_name) == ("C-BOLT", "Bolt Wholesale GmbH")
    assert ContactProfileAnswer.get(ContactProfileAnswer.contact == "P-FRIDA") \
        .contact_company_no == "C-BOLT"
    cards.set_contact_field("P-FRIDA", "company_no", "")
    assert (row("P-FRIDA").company_no_id, row("P-FRIDA").company_name) == (None, "")
    with pytest.raises(DomainError, match="^Company No.: a company is its own company"):
        cards.set_contact_field("C-ACME", "company_no", "C-BOLT")


def test_a_person_on_segment_lines_keeps_its_company(crm):
    """SL9: the lines cache the company."""
    segment_with("P-ANNA")
    with pytest.raises(DomainError, match="^Company No.: you cannot change Company No. because "
                       "one or more unlogged segments"):
        cards.set_contact_field("P-ANNA", "company_no", "C-BOLT")
    assert row("P-ANNA").company_no_id == "C-ACME"
    cards.set_contact_field("P-ANNA", "company_no", "C-ACME")  # unchanged is no change
    cards.set_contact_field("P-ANNA", "city", "Solna")
    assert row("P-ANNA").city == "Solna"


def test_changing_the_type(crm):
    cards.set_contact_field("P-GUS", "type", "Company")
    gus = row("P-GUS")
    assert (gus.type, gus.company_no_id, gus.company_name) == (
        ContactType.COMPANY, "P-GUS", "Gus Hale")
    cards.set_contact_field("P-GUS", "type", "Person")
    assert (row("P-GUS").company_no_id, row("P-GUS").company_name) == (None, "")
    with pytest.raises(DomainError, match="^Type: company C-ACME cannot become a person while 3"):
        cards.set_contact_field("C-ACME", "type", "Person")
    with pytest.raises(DomainError, match="^Type: remove the person's job responsibilities"):
        cards.set_contact_field("P-ANNA", "type", "Company")
    with pytest.raises(DomainError, match="^No.: a contact's number cannot change"):
        cards.set_contact_field("P-ANNA", "no", "P-X")


def test_mailing_groups_and_job_responsibilities(crm):
    cards.add_mailing_group("P-ANNA", "xmas")
    cards.add_job_responsibility("P-ANNA", "IT")
    found = cards.classification("P-ANNA")
    assert [g["code"] for g in found["mailing_groups"]] == ["NEWSLETTER", "XMAS"]
    assert [g["code"] for g in found["job_responsibilities"]] == ["IT", "PURCHASE"]
    assert found["job_responsibilities"][0]["description"] == "It"
    with pytest.raises(DomainError, match="^Mailing Group: contact P-ANNA already has XMAS"):
        cards.add_mailing_group("P-ANNA", "XMAS")
    with pytest.raises(DomainError, match="^Mailing Group: NOPE does not exist"):
        cards.add_mailing_group("P-ANNA", "NOPE")
    with pytest.raises(DomainError, match="^Job Responsibility: job responsibilities belong to "
                       "persons"):
        cards.add_job_responsibility("C-ACME", "IT")
    cards.remove_mailing_group("P-ANNA", "NEWSLETTER")
    cards.remove_job_responsibility("P-ANNA", "PURCHASE")
    assert [r.mailing_group for r in ContactMailingGroup.select().where(
        ContactMailingGroup.contact == "P-ANNA")] == ["XMAS"]
    assert [r.job_responsibility for r in ContactJobResponsibility.select().where(
        ContactJobResponsibility.contact == "P-ANNA")] == ["IT"]
    with pytest.raises(DomainError, match="^Mailing Group: contact P-ANNA does not have EVENTS"):
        cards.remove_mailing_group("P-ANNA", "EVENTS")


def test_industry_groups_are_the_companys(crm):
    assert [g["code"] for g in cards.classification("P-ANNA")["industry_groups"]] == ["RETAIL"]
    assert cards.classification("P-GUS")["industry_groups"] == []
    with pytest.raises(DomainError, match="^Industry Group: industry groups belong to its "
                       "company C-ACME"):
        cards.add_industry_group("P-ANNA", "WHOLESALE")
    with pytest.raises(DomainError,
                       match="^Industry Group: a person inherits .* this person has none"):
        cards.add_industry_group("P-GUS", "WHOLESALE")
    cards.add_industry_group("C-ACME", "WHOLESALE")
    assert [g["code"] for g in cards.classification("P-BERT")["industry_groups"]] == [
        "RETAIL", "WHOLESALE"]
    cards.remove_industry_group("C-ACME", "RETAIL")
    assert [r.industry_group for r in ContactIndustryGroup.select().where(
        ContactIndustryGroup.contact == "C-ACME")] == ["WHOLESALE"]
    assert [g["code"] for g in cards.classification("C-BOLT")["business_relations"]] == ["VEND"]


def test_profile_answers(crm):
    cards.add_profile_answer("P-ANNA", "customer", "medium")
    answers = cards.classification("P-ANNA")["profile_answers"]
    assert answers == [{"questionnaire": "CUSTOMER", "line_no": 30000, "code": "MEDIUM",
                        "description": "Medium"}]
    stored = ContactProfileAnswer.get(ContactProfileAnswer.contact == "P-ANNA")
    assert (stored.contact_company_no, stored.last_date_updated) == (
        "C-ACME", datetime.date.today())
    with pytest.raises(DomainError, match="^Answer: questionnaire CUSTOMER has no answer HUGE"):
        cards.add_profile_answer("P-ANNA", "CUSTOMER", "HUGE")
    with pytest.raises(DomainError, match="^Profile Questionnaire: NOPE does not exist"):
        cards.add_profile_answer("P-ANNA", "NOPE", "SMALL")
    with pytest.raises(DomainError, match="^Answer: contact P-ANNA already has answer MEDIUM"):
        cards.add_profile_answer("P-ANNA", "CUSTOMER", "MEDIUM")
    cards.remove_profile_answer("P-ANNA", "CUSTOMER", "MEDIUM")
    assert cards.classification("P-ANNA")["profile_answers"] == []


def test_the_answer_pick_list(crm):
    source = cards.ProfileAnswerPageSource("CUSTOMER")
    assert [r.code for r in source.first(10)] == ["LARGE", "MEDIUM", "SMALL"]
    assert [r.code for r in source.after("LARGE", 1)] == ["MEDIUM"]
    assert [r.code for r in source.before("SMALL", 5)] == ["LARGE", "MEDIUM"]
    assert [r.code for r in source.last(2)] == ["MEDIUM", "SMALL"]
    assert source.count() == 3
    assert [r.code for r in cards.ProfileAnswerPageSource("CUSTOMER", "sma").first(5)] == [
        "SMALL"]


def test_history_is_newest_first(crm):
    entries = cards.history("P-GUS")
    assert [(e["date"], e["template"]) for e in entries] == [
        ("2026-02-10", "EMAIL"), ("2026-01-20", "LETTER")]
    assert entries[0]["evaluation"] == "Positive"
    anna = cards.history("P-ANNA")
    assert [(e["date"], e["segment_no"], e["canceled"]) for e in anna] == [
        ("2025-10-01", "SEG00090", False)]
    assert cards.history("P-GUS", limit=1)[0]["template"] == "EMAIL"
    assert cards.history("C-BOLT") == []
    with pytest.raises(DomainError, match="contact P-NONE does not exist"):
        cards.history("P-NONE")
