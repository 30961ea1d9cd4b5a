"""Fast multi-row INSERT for loads of many generated rows (demo data, imports).

Peewee's `insert_many` builds one SQL text per batch and binds every value through its field
conversions; for a million rows that costs more than the database work. `bulk_insert` instead
prepares one statement and hands the rows to the driver: `executemany` on SQLite,
`psycopg2.extras.execute_values` on PostgreSQL. Columns the caller leaves out get the model
field's default as a SQL literal, so a row only carries the values that vary.
"""
import datetime
import decimal
from collections.abc import Iterable, Sequence
from itertools import islice

import peewee
from peewee import CommaNodeList, Entity, Field, Model, SqliteDatabase

from segtui.store.connection import db, write_transaction

PG_PAGE_ROWS = 500


def _sql(database: peewee.Database, node) -> str:
    return database.get_sql_context().sql(node).query()[0]


def _literal(value) -> str:
    """A constant as SQL text that SQLite and PostgreSQL both read as the same value."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float, decimal.Decimal)):
        return str(value)
    if isinstance(value, (datetime.date, datetime.time)):
        value = value.isoformat(sep=" ") if isinstance(value, datetime.datetime) \
            else value.isoformat()
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise TypeError(f"no SQL literal for {value!r}")


def _default(field: Field):
    return field.default() if callable(field.default) else field.default


def bulk_insert(model: type[Model], fields: Sequence[Field], rows: Iterable[Sequence]) -> int:
    """Insert `rows` (tuples in the order of `fields`) into `model`'s table; returns the count.

    Values must be what the driver binds directly: str, int, float, bool, Decimal, date,
    bytes or None (booleans as bool, so PostgreSQL accepts them). Every other column of the
    table gets its field default. Runs inside one write transaction (a savepoint when the
    caller already holds one), so a failure leaves nothing behind.
    """
    database = db.obj
    given = {field.name for field in fields}
    rest = [field for field in model._meta.sorted_fields if field.name not in given]
    for field in rest:
        if _default(field) is None and not field.null:
            raise ValueError(f"{model.__name__}.{field.name} has no default; give a value")
    columns = _sql(database, CommaNodeList(
        [Entity(field.column_name) for field in [*fields, *rest]]))
    table = _sql(database, Entity(*filter(None, (model._meta.schema, model._meta.table_name))))
    head = f"INSERT INTO {table} ({columns}) VALUES "
    constants = [_literal(_default(field)) for field in rest]
    with write_transaction(database):
        if isinstance(database, SqliteDatabase):
            values = ", ".join(["?"] * len(fields) + constants)
            cursor = database.cursor()
            cursor.executemany(f"{head}({values})", rows)
            return cursor.rowcount
        return _insert_pages(database, head, fields, constants, rows)


def _insert_pages(database, head, fields, constants, rows) -> int:
    from psycopg2.extras import execute_values

    template = "(" + ", ".join(["%s"] * len(fields)
                               + [c.replace("%", "%%") for c in constants]) + ")"
    cursor = database.cursor()
    iterator = iter(rows)
    total = 0
    while page := list(islice(iterator, PG_PAGE_ROWS)):
        execute_values(cursor, head + "%s", page, template=template, page_size=len(page))
        total += len(page)
    return total
