"""S-16: NAV filter expressions on every kind of field, on SQLite and PostgreSQL."""
import datetime

import pytest
from peewee import BooleanField, CharField, DateField, DecimalField, IntegerField, Model

from segtui.domain.filters import (
    BOOLEAN, CODE, DATE, DECIMAL, INTEGER, OPTION, TEXT, FieldKind, FilterError, condition)
from segtui.store.enums import CorrespondenceType


class Item(Model):
    name = CharField()
    code = CharField(null=True)
    qty = IntegerField()
    amount = DecimalField(max_digits=10, decimal_places=2)
    day = DateField(null=True)
    flag = BooleanField()
    channel = IntegerField()


ROWS = [
    ("Alpha AB", "RETAIL", 1, "10.50", datetime.date(2026, 1, 5), True, 1),
    ("beta_store", "WHOLESALE", 5, "99.00", datetime.date(2026, 3, 1), False, 2),
    ("Gamma 50%", None, 10, "0.00", None, False, 0),
    ("[bold]x", "", 20, "1000.00", datetime.date(2026, 12, 31), True, 2),
    ("O'Brien|Sons", "SERVICES", 7, "5.00", datetime.date(2026, 6, 30), False, 1),
]
KINDS = {
    "name": FieldKind(TEXT), "code": FieldKind(CODE, nullable=True), "qty": FieldKind(INTEGER),
    "amount": FieldKind(DECIMAL), "day": FieldKind(DATE, nullable=True),
    "flag": FieldKind(BOOLEAN), "channel": FieldKind(OPTION, CorrespondenceType),
}


@pytest.fixture
def items(database):
    with database.bind_ctx([Item]):
        database.create_tables([Item])
        Item.insert_many(ROWS, fields=[Item.name, Item.code, Item.qty, Item.amount, Item.day,
                                       Item.flag, Item.channel]).execute()
        yield
        database.drop_tables([Item])


def names(field, expression):
    column = getattr(Item, field)
    query = Item.select(Item.name).where(condition(column, expression, KINDS[field]))
    return sorted(row.name for row in query)


@pytest.mark.parametrize("field, expression, expected", [
    ("code", "RETAIL", ["Alpha AB"]),
    ("code", "retail|wholesale", ["Alpha AB", "beta_store"]),
    ("code", "<>RETAIL", ["Gamma 50%", "O'Brien|Sons", "[bold]x", "beta_store"]),
    ("code", "''", ["Gamma 50%", "[bold]x"]),
    ("code", "<>''", ["Alpha AB", "O'Brien|Sons", "beta_store"]),
    ("code", "S*", ["O'Brien|Sons"]),
    ("code", "*SALE", ["beta_store"]),
    ("code", "R..T", ["Alpha AB", "O'Brien|Sons"]),
    ("name", "alpha*", ["Alpha AB"]),
    ("name", "*50%", ["Gamma 50%"]),
    ("name", "beta?store", ["beta_store"]),
    ("name", "BETA_STORE", ["beta_store"]),
    ("name", "'O''Brien|Sons'", ["O'Brien|Sons"]),
    ("name", "[bold]x", ["[bold]x"]),
    ("name", "<>A*&<>B*", ["Gamma 50%", "O'Brien|Sons", "[bold]x"]),
    ("qty", "5..10", ["Gamma 50%", "O'Brien|Sons", "beta_store"]),
    ("qty", "..5", ["Alpha AB", "beta_store"]),
    ("qty", "10..", ["Gamma 50%", "[bold]x"]),
    ("qty", ">=7&<20", ["Gamma 50%", "O'Brien|Sons"]),
    ("qty", "1|20", ["Alpha AB", "[bold]x"]),
    ("amount", "10.5..99", ["Alpha AB", "beta_store"]),
    ("amount", "0", ["Gamma 50%"]),
    ("day", "2026-01-01..2026-06-30", ["Alpha AB", "O'Brien|Sons", "beta_store"]),
    ("day", "''", ["Gamma 50%"]),
    ("day", "<2026-03-01", ["Alpha AB"]),
    ("flag", "yes", ["Alpha AB", "[bold]x"]),
    ("flag", "No", ["Gamma 50%", "O'Brien|Sons", "beta_store"]),
    ("channel", "Email", ["[bold]x", "beta_store"]),
    ("channel", "hard copy|''", ["Alpha AB", "Gamma 50%", "O'Brien|Sons"]),
])
def test_filter_selects(items, field, expression, expected):
    assert names(field, expression) == expected


@pytest.mark.parametrize("field, expression, message", [
    ("code", "..", "at least one end"),
    ("code", "A||B", "alternative is empty"),
    ("code", "A|", "alternative is empty"),
    ("code", "", "filter is empty"),
    ("code", "'open", "quote is not closed"),
    ("code", "a..b..c", "more than one"),
    ("qty", "ten", "'ten' is not a whole number"),
    ("qty", "1*", "wildcards"),
    ("amount", "1.2.3", "is not a number"),
    ("day", "2026-13-01", "is not a date"),
    ("flag", "maybe", "is not yes or no"),
    ("flag", "yes..no", "cannot take a range"),
    ("channel", "pigeon", "is not one of: Hard Copy, Email, Fax"),
    ("qty", ">", "needs a value"),
])
def test_bad_filters_say_what_is_wrong(field, expression, message):
    with pytest.raises(FilterError, match=message):
        condition(getattr(Item, field), expression, KINDS[field])


def test_text_matches_ignore_case_beyond_ascii(items):
    Item.insert(name="Malmö Möbler", code="ÅTERFÖR", qty=0, amount=0, flag=False,
                channel=0).execute()
    assert names("name", "MALMÖ*") == ["Malmö Möbler"]
    assert names("name", "malmö möbler") == ["Malmö Möbler"]
    assert names("code", "återför") == ["Malmö Möbler"]
