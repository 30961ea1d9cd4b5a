"""P9: a field set on a line goes back to the header's value and follows the header again
(`inherit_line_fields`), on SQLite and PostgreSQL."""
import datetime
from decimal import Decimal

import pytest

from segtui.domain.documents.personal_text import set_personal_text
from segtui.domain.errors import DomainError
from segtui.domain.segments.headers import change_header, create_segment
from segtui.domain.segments.line_inheritance import inherit_line_fields, own_field_names
from segtui.domain.segments.lines import add_line, get_line, set_line_field
from segtui.domain.segments.selection import AddOptions, add_contacts
from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.store.models import Contact
from segtui.domain.documents.template_documents import import_document
from tests.support.crm import build_crm
from tests.support.documents import docx

USER = "TESTER"


@pytest.fixture
def segment(database):
    build_crm()
    for language in ("ENU", "SVE"):   # real Word documents: a personal text is written into one
        import_document("LETTER", language, docx("Dear «Contact_Name»,", "Our offer."),
                        replace=True)
    segment_no = create_segment(user=USER, description="Spring", template="LETTER",
                                salesperson="AH", date=datetime.date(2026, 1, 15))
    add_line(segment_no, "P-BERT", user=USER)
    return segment_no


def fresh_line(segment_no: str, contact_no: str):
    """A line of the same contact added now (line 20000): what an inheriting line must equal."""
    add_contacts(segment_no, parse_criteria([f"contact.no={contact_no}"]), user=USER,
                 options=AddOptions(allow_existing=True))
    return get_line(segment_no, 20000)


COMPARED = ("description", "salesperson", "date", "cost", "duration", "correspondence_type",
            "language_code", "subject", "attachment", "campaign")


def values(line) -> dict:
    return {name: getattr(line, name) for name in COMPARED}


def test_P9_an_own_value_inherits_again_and_then_follows_the_header(segment):
    set_line_field(segment, 10000, "description", "Bert's offer")
    set_line_field(segment, 10000, "cost", Decimal("9"))
    assert own_field_names(get_line(segment, 10000).own_fields) == ["description", "cost"]
    change_header(segment, "description", "Summer", user=USER)
    assert get_line(segment, 10000).description == "Bert's offer"      # P7: its own
    inherit_line_fields(segment, 10000, ["description", "cost"], user=USER)
    line = get_line(segment, 10000)
    assert line.own_fields == 0
    assert values(line) == values(fresh_line(segment, "P-BERT"))
    change_header(segment, "description", "Autumn", user=USER)
    assert get_line(segment, 10000).description == "Autumn"            # follows again


def test_P9_the_language_inherits_with_its_document_and_subject(segment):
    bert = Contact.get_by_id("P-BERT")
    set_line_field(segment, 10000, "language_code", "SVE")
    set_line_field(segment, 10000, "subject", "Hej Bert")
    assert get_line(segment, 10000).language_code == "SVE" != bert.language_code
    inherit_line_fields(segment, 10000, ["language"], user=USER)
    line = get_line(segment, 10000)
    assert line.own_fields == 0                  # the subject is the document's again too
    assert values(line) == values(fresh_line(segment, "P-BERT"))


def test_P9_refusals_change_nothing(segment):
    set_line_field(segment, 10000, "description", "Bert's offer")
    set_personal_text(segment, 10000, "A word for Bert.")
    before = values(get_line(segment, 10000)), get_line(segment, 10000).own_fields
    with pytest.raises(DomainError, match="document of its own"):
        inherit_line_fields(segment, 10000, ["description", "language_code"], user=USER)
    with pytest.raises(DomainError, match="not taken from the header"):
        inherit_line_fields(segment, 10000, ["interaction_template"], user=USER)
    with pytest.raises(DomainError, match="no field"):
        inherit_line_fields(segment, 10000, ["nonsense"], user=USER)
    assert (values(get_line(segment, 10000)), get_line(segment, 10000).own_fields) == before


def test_P9_what_an_override_line_s_template_gives_does_not_inherit(segment):
    set_line_field(segment, 10000, "interaction_template", "EMAIL")
    set_line_field(segment, 10000, "cost", Decimal("4"))
    with pytest.raises(DomainError, match="own interaction template EMAIL"):
        inherit_line_fields(segment, 10000, ["cost"], user=USER)
    set_line_field(segment, 10000, "description", "Mine")
    inherit_line_fields(segment, 10000, ["description"], user=USER)
    assert get_line(segment, 10000).description == "Spring"
