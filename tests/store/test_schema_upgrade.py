"""Upgrades keep every row: a database made by the first released schema (and its code) opens
under the current schema with all its data, and then looks exactly like a database made new."""
import shutil
from pathlib import Path

from playhouse.migrations import Runner
from tests.support.earlier_databases import copy_rows

from segtui.domain.contacts.export import contact_export_rows
from segtui.domain.demo.build import load_demo
from segtui.domain.segments.open_segments import list_segments
from segtui.store.connection import (
    MIGRATIONS_DIR, close_database, make_database, open_database)
from segtui.store.models import Contact, InteractionLogEntry

FIRST_SCHEMA_DB = Path(__file__).resolve().parents[1] / "fixtures" / "schema-0001.db"
FIRST = "0001_initial"


def columns_of(database) -> dict[str, list[str]]:
    return {table: [column.name for column in database.get_columns(table)]
            for table in database.get_tables() if table != "schema_migration"}


def rows_of_every_table(database, columns: dict[str, list[str]]) -> dict[str, list[tuple]]:
    """Each table's rows in `columns` (those of the database before its upgrade: a later
    migration adds columns), sorted (the migration history aside)."""
    rows = {}
    for table, names in columns.items():
        listed = ", ".join(f'"{name}"' for name in names)
        rows[table] = sorted(database.execute_sql(f'SELECT {listed} FROM "{table}"').fetchall(),
                             key=repr)
    return rows


def shape(database) -> dict[str, tuple]:
    """Each table's columns and indexes (name, columns, unique)."""
    return {table: (sorted((c.name, c.data_type.lower(), c.null, c.primary_key)
                           for c in database.get_columns(table)),
                    sorted((i.name, tuple(i.columns), i.unique)
                           for i in database.get_indexes(table)))
            for table in database.get_tables()}


def test_the_first_released_database_opens_with_every_row(tmp_path):
    """tests/fixtures/schema-0001.db was made by `segtui demo` of the first released code."""
    path = tmp_path / "old.db"
    shutil.copy(FIRST_SCHEMA_DB, path)
    old = make_database(str(path))
    old.connect()
    assert [name for (name,) in old.execute_sql("SELECT name FROM schema_migration")] == [FIRST]
    old_columns = columns_of(old)
    before = rows_of_every_table(old, old_columns)
    old.close()

    upgraded = open_database(str(path))
    assert rows_of_every_table(upgraded, old_columns) == before
    assert all(migration.applied for migration in
               Runner(upgraded, directory=str(MIGRATIONS_DIR)).status())
    assert Contact.select().count() == 150 and InteractionLogEntry.select().count() > 0
    assert list_segments() and len(list(contact_export_rows())) == 150
    upgraded_shape = shape(upgraded)
    close_database()

    fresh = open_database(str(tmp_path / "new.db"))
    assert shape(fresh) == upgraded_shape
    close_database()


def test_an_upgrade_keeps_every_row_on_each_backend(db_target, tmp_path):
    """A database at the first schema, filled with demo data, then upgraded on open.

    Today's code writes columns the first schema lacks, so the demo is made in a new database
    and its rows copied into the first schema's columns."""
    demo = open_database(str(tmp_path / "demo.db"))
    load_demo(contacts=120, seed=5)
    close_database()
    if not db_target.startswith("postgres"):
        Path(db_target).touch(mode=0o600)
    first = make_database(db_target)
    first.connect()
    Runner(first, directory=str(MIGRATIONS_DIR)).up(target=FIRST)
    demo.connect()
    copy_rows(demo, first)
    demo.close()
    old_columns = columns_of(first)
    before = rows_of_every_table(first, old_columns)
    first.close()

    upgraded = open_database(db_target)
    assert rows_of_every_table(upgraded, old_columns) == before
    assert all(migration.applied for migration in
               Runner(upgraded, directory=str(MIGRATIONS_DIR)).status())
    close_database()
