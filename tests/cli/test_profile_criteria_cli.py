"""S-18 `segtui segment criteria` as a real process: the table reads a profile answer as
"Question: Answer", JSON and CSV keep `filter` in the code form as typed (and add
`filter_text`)."""
import csv
import io
import json

from tests.support.cli import run_segtui
from tests.support.crm import USER

from segtui.store.enums import ProfileLineType
from segtui.store.models import ProfileQuestionnaireLine


def ok(target, *args) -> str:
    result = run_segtui(target, USER, "segment", *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_s18_criteria_table_reads_question_and_answer_json_keeps_codes(crm_db):
    line = ProfileQuestionnaireLine
    question = line.get((line.questionnaire == "CUSTOMER")
                        & (line.type == ProfileLineType.QUESTION.value)).description
    answer = line.get((line.questionnaire == "CUSTOMER") & (line.code == "LARGE")).description
    segment_no = ok(crm_db, "new").strip()
    ok(crm_db, "add", segment_no, "profile=CUSTOMER:LARGE")

    table = ok(crm_db, "criteria", segment_no)
    assert f"{question}: {answer}" in table
    assert "CUSTOMER:LARGE" not in table

    rows = json.loads(ok(crm_db, "criteria", segment_no, "--format", "json"))
    assert [(row["filter"], row["filter_text"]) for row in rows if row["type"] == "Filter"] == [
        ("profile.answer=CUSTOMER:LARGE", f"{question}: {answer}")]
    as_csv = list(csv.DictReader(io.StringIO(ok(crm_db, "criteria", segment_no,
                                                 "--format", "csv"))))
    assert [row["filter"] for row in as_csv if row["type"] == "Filter"] == [
        "profile.answer=CUSTOMER:LARGE"]
