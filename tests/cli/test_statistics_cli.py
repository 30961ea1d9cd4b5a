"""S-14: `segtui statistics templates|groups` as real processes: JSON and CSV carry every
template or group with its count, cost and duration (canceled and postponed entries left out,
the date filter's bounds inclusive); the text table fits 80 columns; a bad filter is refused in
one line. The expected figures are summed here over the rows the test inserts."""
import csv
import datetime
import decimal
import io
import json

import pytest

from tests.support.cli import assert_refused_in_one_line, run_segtui

from segtui.store.connection import close_database, open_database
from segtui.store.models import InteractionGroup, InteractionLogEntry, InteractionTemplate

USER = "TESTER"
TEMPLATES = {"CALL": "PHONE", "LETTER": "POST", "UNUSED": "POST"}
GROUPS = {"PHONE": "Phone calls", "POST": "Letters and cards with a long description",
          "IDLE": "Nothing logged"}
DAYS = [datetime.date(2026, 1, 31), datetime.date(2026, 2, 1), datetime.date(2026, 2, 28),
        datetime.date(2026, 3, 1)]


@pytest.fixture
def stats_db(db_target):
    open_database(db_target)
    for code, description in GROUPS.items():
        InteractionGroup.create(code=code, description=description)
    for code, group in TEMPLATES.items():
        InteractionTemplate.create(code=code, interaction_group=group, description=code.title())
    rows = []
    for number in range(1, 41):
        template = "CALL" if number % 3 else "LETTER"
        rows.append(dict(entry_no=number, contact_no=f"CT{number}", date=DAYS[number % 4],
                         cost=decimal.Decimal(number) / 4, duration=decimal.Decimal(number % 7),
                         interaction_template_code=template,
                         interaction_group_code=TEMPLATES[template],
                         canceled=number % 11 == 0, postponed=number % 13 == 0))
    InteractionLogEntry.insert_many(rows).execute()
    close_database()
    return db_target, rows


def _expected(rows, key, codes, low=datetime.date.min, high=datetime.date.max):
    figures = {code: [0, decimal.Decimal(0), decimal.Decimal(0)] for code in codes}
    for row in rows:
        if not row["canceled"] and not row["postponed"] and low <= row["date"] <= high:
            figures[row[key]][0] += 1
            figures[row[key]][1] += row["cost"]
            figures[row[key]][2] += row["duration"]
    return {code: (count, f"{cost:.2f}", f"{duration:.2f}")
            for code, (count, cost, duration) in figures.items()}


def test_s14_statistics_templates_json(stats_db):
    target, rows = stats_db
    result = run_segtui(target, USER, "statistics", "templates", "--format", "json")
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    assert list(listed[0]) == ["code", "description", "group_code", "no_of_interactions",
                               "cost", "duration"]
    assert {row["code"]: (row["no_of_interactions"], row["cost"], row["duration"])
            for row in listed} == _expected(rows, "interaction_template_code", TEMPLATES)
    assert {row["code"]: row["group_code"] for row in listed} == TEMPLATES


def test_s14_statistics_groups_csv_with_a_date_filter(stats_db):
    target, rows = stats_db
    result = run_segtui(target, USER, "statistics", "groups", "--date",
                        "2026-02-01..2026-02-28", "--format", "csv")
    assert result.returncode == 0, result.stderr
    listed = list(csv.DictReader(io.StringIO(result.stdout)))
    expected = _expected(rows, "interaction_group_code", GROUPS, DAYS[1], DAYS[2])
    assert {row["code"]: (int(row["no_of_interactions"]), row["cost"], row["duration"])
            for row in listed} == expected
    assert expected["IDLE"] == (0, "0.00", "0.00")
    assert expected != _expected(rows, "interaction_group_code", GROUPS)  # the filter counts


def test_s14_statistics_table_fits_80_columns(stats_db):
    target, _rows = stats_db
    for command in ("templates", "groups"):
        result = run_segtui(target, USER, "statistics", command)
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert len(lines) == 1 + {"templates": TEMPLATES, "groups": GROUPS}[command].__len__()
        assert max(len(line) for line in lines) <= 80


def test_s14_statistics_bad_date_filter_refused_in_one_line(stats_db):
    target, _rows = stats_db
    result = run_segtui(target, USER, "statistics", "groups", "--date", "2026-02-30..")
    assert_refused_in_one_line(result, ["2026-02-30"])
