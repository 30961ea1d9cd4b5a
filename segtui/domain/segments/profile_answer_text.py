"""A profile-answer filter as a person reads it (S-18): `CUSTOMER:LARGE` is "Company size:
Large", the descriptions of the answer's question and of the answer in the questionnaire.

The question of an answer is the nearest Question line before it (by line number), as in NAV's
Profile Questionnaire. A filter this cannot name exactly (a wildcard, a range, an answer that
is gone, answers of several questions) keeps its code form.
"""
from segtui.store.enums import ProfileLineType
from segtui.store.models import ProfileQuestionnaireLine

PLAIN_MARKS = "*?.<>&'=@~"  # a filter holding one of these is a pattern, not a list of codes


def _codes(text: str) -> list[str] | None:
    """The codes of a plain `a|b` filter (upper-case), or None for anything else."""
    values = [value.strip().upper() for value in text.split("|")]
    if any(not value or any(mark in value for mark in PLAIN_MARKS) for value in values):
        return None
    return values


def profile_answer_text(expression: str) -> str | None:
    """"Question: Answer" (answers of one question joined by |) for `[QUESTIONNAIRE:]ANSWER`,
    or None when the filter is no plain list of existing answers of one question."""
    questionnaire, _colon, answer = expression.rpartition(":")
    answers = _codes(answer)
    questionnaires = _codes(questionnaire) if questionnaire else None
    if answers is None or (questionnaire and (questionnaires is None or len(questionnaires) > 1)):
        return None
    line = ProfileQuestionnaireLine
    query = line.select(line.questionnaire, line.line_no, line.code, line.description).where(
        line.code.in_(answers) & (line.type == ProfileLineType.ANSWER.value))
    if questionnaires:
        query = query.where(line.questionnaire == questionnaires[0])
    found = list(query.order_by(line.questionnaire, line.line_no).tuples())
    if sorted({code for _q, _no, code, _d in found}) != sorted(set(answers)) or len(found) != len(
            set(answers)):
        return None  # an answer missing, or one code in several questionnaires
    questions = {_question(owner, line_no) for owner, line_no, _code, _d in found}
    if len(questions) != 1 or None in questions:
        return None
    described = {code: description for _q, _no, code, description in found}
    return f"{questions.pop()}: " + "|".join(described[code] for code in answers)


def _question(questionnaire: str, line_no: int) -> str | None:
    """The description of the Question line an answer line belongs to."""
    line = ProfileQuestionnaireLine
    return (line.select(line.description)
            .where((line.questionnaire == questionnaire) & (line.line_no < line_no)
                   & (line.type == ProfileLineType.QUESTION.value))
            .order_by(line.line_no.desc()).scalar())
