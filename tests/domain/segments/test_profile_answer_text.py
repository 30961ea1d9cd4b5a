"""S-18: the criteria list reads a profile-answer filter as "Question: Answer" (the descriptions
in the questionnaire) in `filter_text`, while `filter` keeps the code form as typed."""
from tests.support.crm import USER

from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.domain.segments.headers import create_segment
from segtui.domain.segments.queries import criteria_rows
from segtui.domain.segments.selection import add_contacts
from segtui.store.enums import ProfileLineType
from segtui.store.models import ProfileQuestionnaireLine


def described(code: str) -> str:
    return ProfileQuestionnaireLine.get(ProfileQuestionnaireLine.code == code).description


def question_of(questionnaire: str) -> str:
    return ProfileQuestionnaireLine.get(
        (ProfileQuestionnaireLine.questionnaire == questionnaire)
        & (ProfileQuestionnaireLine.type == ProfileLineType.QUESTION.value)).description


def filters(segment_no: str) -> list[tuple[str, str]]:
    return [(row["filter"], row["filter_text"]) for row in criteria_rows(segment_no)
            if row["type"] == "Filter"]


def test_s18_profile_answer_reads_as_question_and_answer_filter_keeps_codes(crm):
    segment_no = create_segment(user=USER)
    for criterion in ("profile=CUSTOMER:LARGE", "profile=medium|small", "profile=CUSTOMER:L*",
                      "mailing=NEWSLETTER"):
        add_contacts(segment_no, parse_criteria([criterion]), user=USER)
    question = question_of("CUSTOMER")
    assert filters(segment_no) == [
        ("profile.answer=CUSTOMER:LARGE", f"{question}: {described('LARGE')}"),
        ("profile.answer=medium|small",
         f"{question}: {described('MEDIUM')}|{described('SMALL')}"),
        ("profile.answer=CUSTOMER:L*", "profile.answer=CUSTOMER:L*"),  # a pattern: as typed
        ("mailing.code=NEWSLETTER", "mailing.code=NEWSLETTER"),
    ]
    assert all(row["filter_text"] == "" for row in criteria_rows(segment_no)
               if row["type"] == "Action")


def test_s18_an_answer_gone_from_the_questionnaire_keeps_its_code_form(crm):
    segment_no = create_segment(user=USER)
    add_contacts(segment_no, parse_criteria(["profile=CUSTOMER:SMALL"]), user=USER)
    ProfileQuestionnaireLine.update(code="TINY").where(
        ProfileQuestionnaireLine.code == "SMALL").execute()
    assert filters(segment_no) == [("profile.answer=CUSTOMER:SMALL",
                                    "profile.answer=CUSTOMER:SMALL")]
