"""A header change changes only what inherits it (P7), a template change re-derives what the
template gives (P8): the sequences of issue 20 against the known CRM of `crm.py`.

A value set on a line is the line's own: its language, subject, description, correspondence type
… survive every header change; lines still carrying the header's value follow. Each test runs
on SQLite and (with SEGTUI_TEST_PG) on PostgreSQL.
"""
import datetime
from decimal import Decimal

import pytest
from tests.support.crm import LOGGED_ENTRY, USER

from segtui.domain.documents import segment_documents
from segtui.domain.segments import headers, selection
from segtui.domain.segments import lines as segment_lines
from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.domain.segments.queries import line_rows
from segtui.store.enums import CorrespondenceType

OWN_AND_HEADER = [  # line field, the line's own value, header field, a new header value, key
    ("description", "Bert's own", "description", "New text", "description"),
    ("salesperson", "AH", "salesperson", "PS", "salesperson_code"),
    ("campaign", "CP-MAIL", "campaign", "CP-SPRING", "campaign_no"),
    ("date", datetime.date(2026, 3, 3), "date", datetime.date(2026, 6, 1), "date"),
    ("cost", Decimal("9.99"), "unit_cost", Decimal("3.75"), "cost"),
    ("duration", Decimal("2"), "unit_duration", Decimal("7"), "duration"),
    ("send_word_doc_as_attmt", False, "send_word_docs_as_attmt", True,
     "send_word_doc_as_attmt"),
]


def new_segment(**kwargs) -> str:
    return headers.create_segment(user=USER, **{"template": "LETTER", "description": "Old",
                                                "salesperson": "AH", **kwargs})


def add(segment_no, *criteria):
    return selection.add_contacts(segment_no, parse_criteria(list(criteria)), user=USER)


def change(segment_no, attr, value, **options):
    return headers.change_header(segment_no, attr, value, user=USER, **options)


def by_contact(segment_no) -> dict[str, dict]:
    return {row["contact_no"]: row for row in line_rows(segment_no)}


def set_line(segment_no, contact_no, attr, value) -> None:
    segment_lines.set_line_field(segment_no, by_contact(segment_no)[contact_no]["line_no"], attr,
                                 value)


@pytest.fixture
def bert_and_others(crm):
    """A LETTER segment (ENU and SVE documents, default ENU) with P-ANNA (SVE), P-BERT (ENU),
    P-CARL (no language) and P-DORA (DEU)."""
    segment_no = new_segment()
    add(segment_no, "contact.no=P-ANNA|P-BERT|P-CARL|P-DORA")
    return segment_no


def test_P7_an_own_language_and_subject_survive_a_header_default_language_change(
        bert_and_others):
    """Issue 20, sequence 4: a line given language DEU and its own subject keeps both."""
    segment_no = bert_and_others
    set_line(segment_no, "P-BERT", "language_code", "DEU")
    set_line(segment_no, "P-BERT", "subject", "Hallo Bert")
    bert = by_contact(segment_no)["P-BERT"]
    change(segment_no, "language_code_default", "SVE")
    assert by_contact(segment_no)["P-BERT"] == bert
    assert (bert["language_code"], bert["subject"]) == ("DEU", "Hallo Bert")
    sve = segment_documents.header_documents(segment_no)["SVE"].attachment
    for follower in ("P-CARL", "P-DORA"):  # no document in their language: the default's
        row = by_contact(segment_no)[follower]
        assert (row["language_code"], row["attachment_no"]) == ("SVE", sve), follower


def test_P7_an_own_subject_survives_the_language_rule(bert_and_others):
    """A line with only its subject its own follows the language, keeping its subject."""
    segment_no = bert_and_others
    set_line(segment_no, "P-CARL", "subject", "Carl's subject")
    change(segment_no, "language_code_default", "SVE")
    carl = by_contact(segment_no)["P-CARL"]
    assert (carl["language_code"], carl["subject"]) == ("SVE", "Carl's subject")


def test_P7_an_own_subject_survives_a_default_subject_change(bert_and_others):
    """H8 leaves a line whose subject differs alone; P7 also one whose subject the person set
    to the very text of the old default."""
    segment_no = bert_and_others
    change(segment_no, "subject_default", "Season's greetings")
    set_line(segment_no, "P-BERT", "subject", "Season's greetings")
    change(segment_no, "subject_default", "Happy new year")
    rows = by_contact(segment_no)
    assert rows["P-BERT"]["subject"] == "Season's greetings"
    assert rows["P-CARL"]["subject"] == "Happy new year"


@pytest.mark.parametrize("line_attr, own, header_attr, value, key", OWN_AND_HEADER,
                         ids=[row[0] for row in OWN_AND_HEADER])
def test_P7_an_own_value_survives_a_header_change_inheriting_lines_follow(
        bert_and_others, line_attr, own, header_attr, value, key):
    segment_no = bert_and_others
    set_line(segment_no, "P-BERT", line_attr, own)
    bert = by_contact(segment_no)["P-BERT"]
    assert change(segment_no, header_attr, value) == 3
    rows = by_contact(segment_no)
    assert rows["P-BERT"] == bert
    expected = {row["contact_no"]: row[key] for row in line_rows(segment_no)
                if row["contact_no"] != "P-BERT"}
    assert len(set(expected.values())) == 1 and expected["P-ANNA"] != bert[key]


def test_P7_an_own_correspondence_type_survives_the_header_default(bert_and_others):
    segment_no = bert_and_others
    set_line(segment_no, "P-BERT", "correspondence_type", CorrespondenceType.EMAIL)
    change(segment_no, "ignore_contact_corres_type", True)
    change(segment_no, "correspondence_type_default", CorrespondenceType.FAX)
    types = {contact: row["correspondence_type"]
             for contact, row in by_contact(segment_no).items()}
    assert types == {"P-ANNA": "Fax", "P-BERT": "Email", "P-CARL": "Fax", "P-DORA": "Fax"}


def test_P7_an_own_campaign_keeps_its_target_when_the_header_campaign_is_cleared(crm):
    segment_no = new_segment(campaign="CP-SPRING")
    add(segment_no, "contact.no=P-ANNA|P-BERT")
    set_line(segment_no, "P-BERT", "campaign", "CP-MAIL")
    set_line(segment_no, "P-BERT", "campaign_target", True)
    change(segment_no, "campaign_target", True)
    change(segment_no, "campaign", None)
    rows = by_contact(segment_no)
    assert (rows["P-BERT"]["campaign_no"], rows["P-BERT"]["campaign_target"]) \
        == ("CP-MAIL", True)
    assert (rows["P-ANNA"]["campaign_no"], rows["P-ANNA"]["campaign_target"]) == ("", False)


def test_P7_a_reused_entry_s_campaign_is_the_line_s_own(crm):
    """Reuse Segment (M-24) gives each line its entry's campaign: a header campaign change keeps
    it; a line whose entry had none inherits the header's."""
    segment_no = new_segment()
    selection.reuse_logged_segment(segment_no, LOGGED_ENTRY, user=USER)
    change(segment_no, "campaign", "CP-MAIL")
    rows = by_contact(segment_no)
    assert {contact: rows[contact]["campaign_no"] for contact in ("P-ANNA", "P-BERT", "C-CRAFT")} \
        == {"P-ANNA": "CP-SPRING", "P-BERT": "CP-SPRING", "C-CRAFT": "CP-MAIL"}


def test_P8_a_header_template_change_rederives_what_the_template_gives(bert_and_others):
    """P4 for every line: own cost and language are the new template's again (and follow the
    header afterwards); an own description or date is not the template's and stays."""
    segment_no = bert_and_others
    for attr, value in (("cost", Decimal("9.99")), ("language_code", "DEU"),
                        ("description", "Bert's own"), ("date", datetime.date(2026, 3, 3))):
        set_line(segment_no, "P-BERT", attr, value)
    change(segment_no, "interaction_template", "EMAIL")
    bert = by_contact(segment_no)["P-BERT"]
    assert (bert["cost"], bert["language_code"], bert["description"], bert["date"]) \
        == ("0.10", "ENU", "Bert's own", "2026-03-03")
    change(segment_no, "unit_cost", Decimal("4"))
    change(segment_no, "description", "Everyone")
    bert = by_contact(segment_no)["P-BERT"]
    assert (bert["cost"], bert["description"]) == ("4.00", "Bert's own")


def test_P8_back_on_the_header_template_a_line_inherits_again(bert_and_others):
    """M-09: an override line skips header changes; back on the header's template, what the
    template gives follows the header again, its own description stays."""
    segment_no = bert_and_others
    set_line(segment_no, "P-BERT", "cost", Decimal("9.99"))
    set_line(segment_no, "P-BERT", "description", "Bert's own")
    set_line(segment_no, "P-BERT", "interaction_template", "EMAIL")
    change(segment_no, "unit_cost", Decimal("4"))
    assert by_contact(segment_no)["P-BERT"]["cost"] == "0.10"
    set_line(segment_no, "P-BERT", "interaction_template", "LETTER")
    change(segment_no, "unit_cost", Decimal("5"))
    change(segment_no, "description", "Everyone")
    bert = by_contact(segment_no)["P-BERT"]
    assert (bert["cost"], bert["description"], bert["document"]) \
        == ("5.00", "Bert's own", "Inherited")
