"""Every database an earlier commit of main made opens under today's schema with every row, and
then has exactly the shape of a database made new.

The demo fixtures were made by the old code itself (SQLite); the schema states are made here by
each earlier version of the first migration, on SQLite and PostgreSQL, and filled with rows."""
import uuid
from urllib.parse import urlparse, urlunparse

import psycopg2
import pytest
from tests.support.earlier_databases import (
    DEMO_COMMITS, SCHEMAS, columns_of, is_postgres, make_database, make_old_database,
    only_columns, rows_by_column, shape, sqlite_definitions, unpack)
from playhouse.migrations import Runner

from segtui.store.connection import MIGRATIONS_DIR, StoreError, close_database, open_database
from segtui.store.models import CancelJournal, InteractionLogEntry, SegmentCriteriaLine

NEW_COLUMN_DEFAULTS = {  # what old rows hold in the columns their schema did not have
    ("interaction_log_entry", "delivery_error"): "",
    ("interaction_log_entry", "delivered_at"): None,
    ("interaction_log_entry", "original_entry_no"): 0,
    ("segment_criteria_line", "origin"): 0,
    ("segment_criteria_line", "origin_ref"): "",
    ("segment_criteria_line", "user_id"): "",
    ("segment_criteria_line", "created_at"): None,
}


@pytest.fixture
def other_pg_target(db_target):
    """On PostgreSQL, a second new database (for the fresh one to compare with); else None."""
    if not is_postgres(db_target):
        yield None
        return
    name = f"segtui_test_{uuid.uuid4().hex[:12]}"
    admin = psycopg2.connect(db_target)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield urlunparse(urlparse(db_target)._replace(path=f"/{name}"))
    close_database()
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def fresh(target_kind: str, tmp_path, pg_target=None):
    """Shape (and on SQLite the stored definitions) of a database made new."""
    database = open_database(str(tmp_path / "fresh.db") if target_kind == "sqlite"
                             else pg_target)
    made = shape(database), (sqlite_definitions(database) if target_kind == "sqlite" else None)
    close_database()
    return made


def assert_upgraded(target, before, old_columns, tmp_path, fresh_target=None):
    """Open (upgrade) `target`; every old row is kept, the new columns hold their defaults, every
    migration is recorded, and the shape is a new database's."""
    upgraded = open_database(target)
    assert all(m.applied for m in Runner(upgraded, directory=str(MIGRATIONS_DIR)).status())
    after = rows_by_column(upgraded)
    assert only_columns(after, old_columns) == before
    assert set(after) >= set(before)
    for (table, column), default in NEW_COLUMN_DEFAULTS.items():
        if column not in old_columns.get(table, set()):
            assert {dict(row)[column] for row in after[table]} <= {default}, (table, column)
    upgraded_shape = shape(upgraded)
    definitions = None if is_postgres(target) else sqlite_definitions(upgraded)
    close_database()
    kind = "postgres" if is_postgres(target) else "sqlite"
    assert (upgraded_shape, definitions) == fresh(kind, tmp_path, fresh_target)


@pytest.mark.parametrize("commit", DEMO_COMMITS)
def test_a_demo_database_of_each_earlier_commit_upgrades_with_every_row(commit, tmp_path):
    path = unpack(commit, tmp_path / "old.db")
    old = make_database(path)
    old.connect()
    before, old_columns = rows_by_column(old), columns_of(old)
    old.close()
    assert before["contact"] and before["segment_line"] and before["interaction_log_entry"]
    assert_upgraded(path, before, old_columns, tmp_path)


@pytest.mark.parametrize("state", SCHEMAS)
def test_each_earlier_schema_upgrades_with_every_row_on_each_backend(state, db_target, tmp_path,
                                                                     other_pg_target):
    old = make_old_database(db_target, state, tmp_path)
    before, old_columns = rows_by_column(old), columns_of(old)
    old.close()
    assert before["contact"] and before["interaction_log_entry"]
    assert_upgraded(db_target, before, old_columns, tmp_path, other_pg_target)


def test_the_upgrade_changes_nothing_on_a_new_database(db_target):
    """0003 and the migrations after it (which a database upgraded by 0003 then gets) run again
    on a new database: the same shape and rows (0003 aims at 0002's schema, the later ones
    add their columns only where missing)."""
    database = open_database(db_target)
    made = shape(database), rows_by_column(database)
    close_database()
    database = make_database(db_target)
    database.connect()
    database.execute_sql("DELETE FROM schema_migration WHERE name >= "
                         "'0003_upgrade_earlier_schemas'")
    database.close()
    again = open_database(db_target)
    assert (shape(again), rows_by_column(again)) == made
    close_database()


def test_old_rows_work_with_the_new_columns_after_the_upgrade(tmp_path):
    """A database of the first demo: the new columns take writes, the cancel journal too."""
    open_database(unpack("c02d247", tmp_path / "old.db"))
    assert InteractionLogEntry.select().where(InteractionLogEntry.delivery_error == "").count() \
        == InteractionLogEntry.select().count() > 0
    assert SegmentCriteriaLine.select().count() > 0
    CancelJournal.create(created_at="2026-12-01 10:00:00", action="cancel segment",
                         logged_segment_entry_no=1, reason="after upgrade")
    assert CancelJournal.select().count() == 1
    close_database()


def test_the_usual_start_skips_the_runner(tmp_path, monkeypatch):
    """Once every migration is recorded, opening reads the history and nothing more."""
    path = unpack("c02d247", tmp_path / "old.db")
    open_database(path)
    close_database()
    import playhouse.migrations

    def no_runner(*args, **kwargs):
        raise AssertionError("the runner was started on an up-to-date database")

    monkeypatch.setattr(playhouse.migrations, "Runner", no_runner)
    open_database(path)
    close_database()


def test_a_rebuild_refuses_while_foreign_keys_are_on(tmp_path):
    """The rebuild of a table drops the old one: with foreign keys on that would delete the rows
    referencing it, so the migration refuses and the whole upgrade rolls back."""
    target = str(tmp_path / "old.db")
    old = make_old_database(target, "3c42bf8", tmp_path)
    before = rows_by_column(old)
    old.execute_sql("PRAGMA foreign_keys = ON")
    runner = Runner(old, directory=str(MIGRATIONS_DIR))
    with pytest.raises(Exception, match="foreign keys are on"), old.atomic():
        runner.up()
    assert rows_by_column(old) == before
    old.close()


def test_a_logged_segment_number_logged_twice_stops_the_upgrade_with_one_line(db_target,
                                                                              tmp_path):
    """Before 821d4f6 a segment number could be in the Segment Log twice; the upgrade makes it
    unique, so such a database is refused with a message naming the index, and left as it was."""
    old = make_old_database(db_target, "c02d247", tmp_path)
    old.execute_sql("INSERT INTO logged_segment (entry_no, segment_no, description, "
                    "creation_date, user_id, canceled) SELECT 99, segment_no, description, "
                    "creation_date, user_id, canceled FROM logged_segment WHERE entry_no = 1")
    before = shape(old), rows_by_column(old)
    old.close()
    with pytest.raises(StoreError) as refused:
        open_database(db_target)
    message = str(refused.value)
    assert "unique index logged_segment_segment_no" in message and "\n" not in message
    old = make_database(db_target)
    old.connect()
    assert (shape(old), rows_by_column(old)) == before
    old.close()


@pytest.mark.parametrize("commit", DEMO_COMMITS)
def test_each_demo_fixture_has_the_schema_its_commit_made(commit, tmp_path):
    """The states made here from the old first migrations are the ones the old code made: each
    demo fixture's tables and indexes are those of its state, made anew."""
    fixture = make_database(unpack(commit, tmp_path / "fixture.db"))
    fixture.connect()
    made = make_old_database(str(tmp_path / "made.db"), commit, tmp_path)
    assert sqlite_definitions(made) == sqlite_definitions(fixture)
    made.close()
    fixture.close()
