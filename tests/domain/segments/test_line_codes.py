"""A line's fields are read like the same fields of the header: what one refuses, the other
refuses; option values are taken by name or label in either language and nothing else."""
import datetime

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from segtui.domain.segments.criteria_sources import parse_criteria, qualifying_condition
from segtui.domain.errors import DomainError
from segtui.domain.segments.lines import LINE_FIELDS, add_line, parse_line_value, set_line_field
from segtui.domain.segments.headers import HEADER_FIELDS, create_segment, parse_header_value
from segtui.domain.values import parse_option
from segtui.store.enums import CorrespondenceType, Evaluation
from segtui.store.models import Contact, SegmentLine

USER = "TESTER"
SAME = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
# a line field -> the header field it overrides
HEADER_OF = {"description": "description", "salesperson": "salesperson", "campaign": "campaign",
             "date": "date", "cost": "unit_cost", "duration": "unit_duration",
             "correspondence_type": "correspondence_type_default",
             "interaction_template": "interaction_template",
             "language_code": "language_code_default", "subject": "subject_default",
             "campaign_target": "campaign_target", "campaign_response": "campaign_response",
             "send_word_doc_as_attmt": "send_word_docs_as_attmt"}
VALUES = st.one_of(
    st.sampled_from(["", "AH", "BL", "PS", "ENU", "SVE", "XX", "LETTER", "CP-SPRING", "NOPE",
                     "A" * 11, "A" * 21, "2026-01-01", "1.50", "yes", "-", "😀", "Utskrift",
                     "Hard Copy", "a\x9bb", "a\u202eb", "a\u200bb"]),
    st.text(max_size=25))


def test_every_line_field_but_evaluation_has_its_header_field():
    assert set(LINE_FIELDS) - set(HEADER_OF) == {"evaluation"}


def refusal(parse, *args):
    try:
        parse(*args)
    except DomainError as exc:
        return str(exc)
    return None


@SAME
@given(attr=st.sampled_from(sorted(HEADER_OF)), text=VALUES)
@example(attr="language_code", text="XX")
@example(attr="language_code", text="A" * 11)
@example(attr="salesperson", text="BL")
@example(attr="interaction_template", text="A" * 11)
def test_a_line_field_refuses_what_its_header_field_refuses(crm, attr, text):
    line = refusal(parse_line_value, attr, text)
    header = refusal(parse_header_value, HEADER_FIELDS[HEADER_OF[attr]], text)
    assert (line is None) == (header is None), (attr, text, line, header)


@pytest.fixture
def line(crm):
    segment_no = create_segment(user=USER, description="Codes", template="LETTER",
                                date=datetime.date(2026, 1, 15))
    return segment_no, add_line(segment_no, "P-ANNA", user=USER)


def test_an_unknown_language_on_a_line_is_refused_and_nothing_changes(line):
    segment_no, line_no = line
    before = list(SegmentLine.select().tuples())
    with pytest.raises(DomainError, match="XX"):
        set_line_field(segment_no, line_no, "language_code",
                       parse_line_value("language_code", "XX"))
    assert list(SegmentLine.select().tuples()) == before
    set_line_field(segment_no, line_no, "language_code", parse_line_value("language_code", "enu"))
    assert SegmentLine.get(SegmentLine.line_no == line_no).language_code == "ENU"


@pytest.mark.parametrize("text,member", [
    ("Hard Copy", CorrespondenceType.HARD_COPY), ("hard-copy", CorrespondenceType.HARD_COPY),
    ("HARD_COPY", CorrespondenceType.HARD_COPY), ("Utskrift", CorrespondenceType.HARD_COPY),
    ("e-post", CorrespondenceType.EMAIL), ("", CorrespondenceType.BLANK),
    ("Mycket positiv", Evaluation.VERY_POSITIVE), ("very positive", Evaluation.VERY_POSITIVE)])
def test_an_option_is_read_by_name_or_label_in_either_language(text, member):
    assert parse_option("Option", text, type(member)) is member


@pytest.mark.parametrize("text", ["-", "😀", ".", "_", "Blank", "Utskrif", "Hard Copy 2"])
def test_anything_else_is_no_option_and_the_refusal_names_the_values(text):
    with pytest.raises(DomainError, match="Very Positive, Positive, Neutral"):
        parse_option("Evaluation", text, Evaluation)


@pytest.mark.parametrize("text", ["interaction.evaluation=-", "interaction.evaluation=😀",
                                  "contact.correspondence_type=,", "contact.type=''x"])
def test_an_option_filter_refuses_punctuation_naming_the_values(crm, text):
    with pytest.raises(DomainError, match="is not one of"):
        parse_criteria([text])


def test_an_option_filter_takes_labels_in_either_language_blank_and_combinations(crm):
    def count(text):
        return Contact.select().where(qualifying_condition(parse_criteria([text]))).count()
    assert count("contact.correspondence_type=Utskrift") == count(
        "contact.correspondence_type=Hard Copy") > 0
    assert count("contact.correspondence_type=''") == count(
        "contact.correspondence_type=<>Hard Copy&<>E-post&<>Fax")
    assert count("contact.correspondence_type=Hard Copy|Email") + count(
        "contact.correspondence_type=''") == count("contact.correspondence_type=<>Fax")
