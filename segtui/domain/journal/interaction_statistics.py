"""Interaction statistics (S-14): per interaction template and per interaction group, how many
interactions, their cost and their duration in the Interaction Log, for a date filter.

NAV's statistics FlowFields over the Interaction Log Entries: No. of Interactions, Cost (LCY)
and Duration (Min.); canceled and postponed entries do not count. One GROUP BY query each, a
LEFT JOIN from the master table so that a template or group without entries is listed with 0.
"""
import decimal
from dataclasses import dataclass

from peewee import JOIN, fn

from segtui.domain.errors import DomainError
from segtui.domain.filters import DATE, FieldKind, FilterError, condition
from segtui.domain.values import amount_text
from segtui.i18n import _
from segtui.store.models import InteractionGroup, InteractionLogEntry as E, InteractionTemplate

TEMPLATE_KEYS = ("code", "description", "group_code", "no_of_interactions", "cost", "duration")
GROUP_KEYS = ("code", "description", "no_of_interactions", "cost", "duration")
CENT = decimal.Decimal("0.01")


@dataclass(frozen=True)
class StatisticsLine:
    """One template's or group's figures (`group_code` is blank on a group's line)."""
    code: str
    description: str
    group_code: str
    no_of_interactions: int
    cost: decimal.Decimal
    duration: decimal.Decimal


def _counted(date_filter: str):
    """The entries that count: neither canceled nor postponed, dated within `date_filter`."""
    where = (E.canceled == False) & (E.postponed == False)  # noqa: E712
    expression = (date_filter or "").strip()
    if expression:
        try:
            where &= condition(E.date, expression, FieldKind(DATE, nullable=True))
        except FilterError as exc:
            raise DomainError(_("date filter {expression}: {error}").format(
                expression=expression, error=exc)) from None
    return where


def _amount(value) -> decimal.Decimal:
    # SQLite sums a DECIMAL column as a float: back to the two decimals it was stored with
    return decimal.Decimal(str(value or 0)).quantize(CENT)


def template_statistics(date_filter: str = "") -> list[StatisticsLine]:
    """Every interaction template (in code order) with its entries' figures."""
    T = InteractionTemplate
    join = (E.interaction_template_code == T.code) & _counted(date_filter)
    query = (T.select(T.code, T.description, T.interaction_group.alias("group_code"),
                      fn.COUNT(E.entry_no).alias("count"), fn.SUM(E.cost).alias("cost"),
                      fn.SUM(E.duration).alias("duration"))
             .join(E, JOIN.LEFT_OUTER, on=join)
             .group_by(T.code, T.description, T.interaction_group)
             .order_by(T.code).tuples())
    return [StatisticsLine(code, description, group or "", count, _amount(cost),
                           _amount(duration))
            for code, description, group, count, cost, duration in query]


def group_statistics(date_filter: str = "") -> list[StatisticsLine]:
    """Every interaction group (in code order) with its entries' figures."""
    G = InteractionGroup
    join = (E.interaction_group_code == G.code) & _counted(date_filter)
    query = (G.select(G.code, G.description, fn.COUNT(E.entry_no), fn.SUM(E.cost),
                      fn.SUM(E.duration))
             .join(E, JOIN.LEFT_OUTER, on=join)
             .group_by(G.code, G.description)
             .order_by(G.code).tuples())
    return [StatisticsLine(code, description, "", count, _amount(cost), _amount(duration))
            for code, description, count, cost, duration in query]


def total(lines: list[StatisticsLine]) -> StatisticsLine:
    """The sum of `lines` (a total row under a table)."""
    return StatisticsLine("", "", "", sum(line.no_of_interactions for line in lines),
                          sum((line.cost for line in lines), decimal.Decimal("0.00")),
                          sum((line.duration for line in lines), decimal.Decimal("0.00")))


def line_values(line: StatisticsLine, keys: tuple[str, ...]) -> dict:
    """`line` as a list row: amounts with two decimals, as every list gives them."""
    values = {"code": line.code, "description": line.description, "group_code": line.group_code,
              "no_of_interactions": line.no_of_interactions, "cost": amount_text(line.cost),
              "duration": amount_text(line.duration)}
    return {key: values[key] for key in keys}
