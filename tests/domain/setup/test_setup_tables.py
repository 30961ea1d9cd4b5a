"""Setup code tables (M-42): list, create, change, delete through one set of
services; a code in use is refused with what uses it."""
import datetime
from decimal import Decimal

import pytest
from tests.support.documents import docx

from segtui.domain.errors import DomainError
from segtui.domain.setup.tables import (
    RecordPageSource, create_record, delete_record, get_record, list_records, update_field)
from segtui.domain.documents.template_documents import import_document
from segtui.store.models import (
    Attachment, Campaign, InteractionTemplate, InteractionTmplLanguage, MailingGroup, NoSeries,
    Salesperson)


def test_create_then_change_a_salesperson(crm):
    assert create_record("salespeople", {"code": "jd", "name": "Jane Doe",
                                         "blocked": "no"}) == "JD"
    update_field("salespeople", "JD", "name", "Jane Dale")
    update_field("salespeople", "JD", "blocked", "yes")
    person = Salesperson.get_by_id("JD")
    assert (person.name, person.blocked) == ("Jane Dale", True)
    assert get_record("salespeople", "JD")["blocked"] is True


def test_duplicate_and_blank_codes_are_refused(crm):
    with pytest.raises(DomainError, match="Salesperson AH already exists"):
        create_record("salespeople", {"code": "ah", "name": "Other"})
    with pytest.raises(DomainError, match="Code must have a value"):
        create_record("mailing_groups", {"code": " ", "description": "x"})
    assert Salesperson.get_by_id("AH").name == "Annette Hill"


def test_the_key_cannot_change_and_bad_values_are_refused(crm):
    with pytest.raises(DomainError, match="cannot be changed"):
        update_field("salespeople", "AH", "code", "XX")
    with pytest.raises(DomainError, match="is not a date"):
        update_field("campaigns", "CP-MAIL", "starting_date", "2026-13-01")
    with pytest.raises(DomainError, match="salesperson ZZ does not exist"):
        update_field("campaigns", "CP-MAIL", "salesperson", "zz")
    with pytest.raises(DomainError, match="whole number"):
        create_record("no_series", {"code": "X", "last_no": "-1"})
    update_field("campaigns", "CP-MAIL", "starting_date", "2026-04-01")
    update_field("campaigns", "CP-MAIL", "salesperson", "ps")
    campaign = Campaign.get_by_id("CP-MAIL")
    assert (campaign.starting_date, campaign.salesperson) == (datetime.date(2026, 4, 1), "PS")


def test_a_template_needs_an_existing_group(crm):
    with pytest.raises(DomainError, match="Group must have a value"):
        create_record("interaction_templates", {"code": "FAX"})
    with pytest.raises(DomainError, match="interaction group NOPE does not exist"):
        create_record("interaction_templates", {"code": "FAX", "interaction_group": "nope"})
    create_record("interaction_templates", {"code": "fax", "interaction_group": "letter",
                                            "unit_cost": "1,5",
                                            "correspondence_type_default": "Fax"})
    template = InteractionTemplate.get_by_id("FAX")
    assert (template.unit_cost, template.correspondence_type_default) == (Decimal("1.50"), 3)
    assert get_record("interaction_templates", "FAX")["correspondence_type_default"] == "Fax"


def test_a_code_in_use_is_not_deleted_an_unused_one_is(crm):
    with pytest.raises(DomainError, match="Mailing group NEWSLETTER is in use .* 3 contacts"):
        delete_record("mailing_groups", "NEWSLETTER")
    assert MailingGroup.get_or_none(MailingGroup.code == "NEWSLETTER") is not None
    create_record("mailing_groups", {"code": "UNUSED"})
    delete_record("mailing_groups", "UNUSED")
    assert MailingGroup.get_or_none(MailingGroup.code == "UNUSED") is None
    with pytest.raises(DomainError, match="LETTER is in use .*: used by 1 interaction template$"):
        delete_record("interaction_groups", "LETTER")
    with pytest.raises(DomainError, match="Language ENU is in use"):
        delete_record("languages", "ENU")
    with pytest.raises(DomainError, match="does not exist"):
        delete_record("mailing_groups", "UNUSED")


def test_deleting_a_template_drops_its_documents(crm):
    number = import_document("MEETING", "", docx("Dear «Contact_Name»"))
    delete_record("interaction_templates", "MEETING")
    assert not InteractionTmplLanguage.select().where(
        InteractionTmplLanguage.interaction_template == "MEETING").exists()
    assert Attachment.get_or_none(Attachment.no == number) is None


def test_pages_filter_and_show_display_text(crm):
    create_record("no_series", {"code": "TEST", "description": "Tests", "last_no": "7",
                                "allow_manual": "yes"})
    rows = list_records("no_series")
    assert [(row.code, row.last_no, row.allow_manual) for row in rows
            if row.code == "TEST"] == [("TEST", "7", "✓")]
    source = RecordPageSource("salespeople", "hill")
    assert [row.code for row in source.first(10)] == ["AH"] and source.count() == 1
    source = RecordPageSource("mailing_groups")
    first = source.first(2)
    assert [row.code for row in first] == ["EVENTS", "NEWSLETTER"]
    assert [row.code for row in source.after(source.key(first[-1]), 5)] == ["XMAS"]
    assert [row.code for row in source.last(1)] == ["XMAS"]
    assert NoSeries.get_by_id("TEST").last_no == 7


def test_a_series_named_in_marketing_setup_is_not_deleted(crm):
    with pytest.raises(DomainError, match="Number series SEG is in use .* Marketing Setup"):
        delete_record("no_series", "SEG")
    assert NoSeries.get_by_id("SEG").last_no == 0
