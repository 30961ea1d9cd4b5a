"""S-14: interaction statistics per template and per group (count, cost, duration), canceled and
postponed entries left out, a date filter with inclusive bounds. The expected figures are
summed here in plain Python over the rows the test inserts."""
import datetime
import decimal
import random

import pytest

from segtui.domain.errors import DomainError
from segtui.domain.journal.interaction_statistics import (
    group_statistics, template_statistics, total)
from segtui.store.models import InteractionGroup, InteractionLogEntry, InteractionTemplate

GROUPS = {"LETTER": "Letters", "PHONE": "Phone calls", "EMPTY": "Nothing yet"}
TEMPLATES = {"ABSTRACT": "LETTER", "BUS": "LETTER", "OUTCALL": "PHONE", "UNUSED": "PHONE"}


@pytest.fixture
def log_rows(database):
    for code, description in GROUPS.items():
        InteractionGroup.create(code=code, description=description)
    for code, group in TEMPLATES.items():
        InteractionTemplate.create(code=code, interaction_group=group,
                                   description=f"{code.title()} template")
    chance = random.Random(14)
    rows = []
    for entry_no in range(1, 121):
        template = chance.choice(["ABSTRACT", "BUS", "OUTCALL"])
        rows.append(dict(
            entry_no=entry_no, contact_no=f"CT{entry_no:04}",
            date=datetime.date(2026, 1, 1) + datetime.timedelta(days=chance.randrange(365)),
            cost=decimal.Decimal(chance.randrange(0, 10000)) / 100,
            duration=decimal.Decimal(chance.randrange(0, 600)) / 10,
            interaction_template_code=template, interaction_group_code=TEMPLATES[template],
            canceled=chance.random() < 0.15, postponed=chance.random() < 0.1))
    # entries right on the bounds of the filters below
    for entry_no, day in ((200, datetime.date(2026, 3, 1)), (201, datetime.date(2026, 3, 31))):
        rows.append(dict(entry_no=entry_no, contact_no="CT9999", date=day,
                         cost=decimal.Decimal("1.25"), duration=decimal.Decimal("2.5"),
                         interaction_template_code="BUS", interaction_group_code="LETTER",
                         canceled=False, postponed=False))
    InteractionLogEntry.insert_many(rows).execute()
    return rows


def _expected(rows, key, codes, keep=lambda row: True):
    figures = {code: [0, decimal.Decimal("0.00"), decimal.Decimal("0.00")] for code in codes}
    for row in rows:
        if row["canceled"] or row["postponed"] or not keep(row):
            continue
        figure = figures[row[key]]
        figure[0] += 1
        figure[1] += row["cost"]
        figure[2] += row["duration"]
    return {code: tuple(figure) for code, figure in figures.items()}


def _figures(lines):
    return {line.code: (line.no_of_interactions, line.cost, line.duration) for line in lines}


def test_s14_template_statistics_count_cost_duration_without_canceled_or_postponed(log_rows):
    lines = template_statistics()
    assert _figures(lines) == _expected(log_rows, "interaction_template_code", TEMPLATES)
    assert [line.code for line in lines] == sorted(TEMPLATES)
    assert {line.code: line.group_code for line in lines} == TEMPLATES
    assert lines[0].description == "Abstract template"


def test_s14_group_statistics_list_every_group_even_without_entries(log_rows):
    lines = group_statistics()
    expected = _expected(log_rows, "interaction_group_code", GROUPS)
    assert _figures(lines) == expected
    assert expected["EMPTY"] == (0, 0, 0)
    assert {line.code: line.description for line in lines} == GROUPS


def test_s14_template_without_entries_shows_zero(log_rows):
    unused = {line.code: line for line in template_statistics()}["UNUSED"]
    assert (unused.no_of_interactions, unused.cost, unused.duration) == (0, 0, 0)


@pytest.mark.parametrize("expression, low, high", [
    ("2026-03-01..2026-03-31", datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)),
    ("..2026-03-01", datetime.date.min, datetime.date(2026, 3, 1)),
    ("2026-03-31..", datetime.date(2026, 3, 31), datetime.date.max),
    ("2026-03-01", datetime.date(2026, 3, 1), datetime.date(2026, 3, 1)),
])
def test_s14_date_filter_bounds_are_inclusive(log_rows, expression, low, high):
    def keep(row):
        return low <= row["date"] <= high

    assert _figures(template_statistics(expression)) == _expected(
        log_rows, "interaction_template_code", TEMPLATES, keep)
    assert _figures(group_statistics(expression)) == _expected(
        log_rows, "interaction_group_code", GROUPS, keep)


def test_s14_total_sums_the_lines(log_rows):
    lines = template_statistics()
    summed = total(lines)
    counted = [row for row in log_rows if not row["canceled"] and not row["postponed"]]
    assert summed.no_of_interactions == len(counted)
    assert summed.cost == sum(row["cost"] for row in counted)


@pytest.mark.parametrize("expression", ["2026-13-01", "abc..", "2026-01-01..x"])
def test_s14_bad_date_filter_is_one_clear_refusal(log_rows, expression):
    with pytest.raises(DomainError) as refused:
        template_statistics(expression)
    message = str(refused.value)
    assert "\n" not in message and expression in message
