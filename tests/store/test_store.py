"""The store: opening SQLite and PostgreSQL targets, pragmas, private files, schema upgrades."""
import os
import sqlite3
import stat

import pytest
from peewee import IntegrityError
from playhouse.migrations import Runner

from segtui.store.connection import (
    MIGRATIONS_DIR,
    StoreError,
    close_database,
    describe,
    make_database,
    open_database,
)
from segtui.store.models import ALL_MODELS, Contact, MarketingSetup, NoSeries, Salesperson


def test_new_sqlite_file_is_private_and_uses_wal(tmp_path):
    path = tmp_path / "new.db"
    database = open_database(str(path))
    try:
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert database.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 5000
    finally:
        close_database()


def test_every_model_has_its_table_and_setup_rows(database):
    tables = set(database.get_tables())
    assert {model._meta.table_name for model in ALL_MODELS} <= tables
    setup = MarketingSetup.get_by_id(1)
    assert setup.segment_nos == "SEG"
    assert NoSeries.get_by_id("SEG").prefix == "SEG"


def test_foreign_keys_are_enforced(database):
    with pytest.raises(IntegrityError):
        with database.atomic():
            Contact.insert(no="P1", type=1, salesperson="NOSUCH").execute()
    assert Contact.select().count() == 0


def test_reopening_applies_nothing_and_keeps_rows(db_target):
    open_database(db_target)
    Salesperson.insert(code="AH", name="Annette Hill").execute()
    close_database()
    database = open_database(db_target)
    assert Salesperson.get_by_id("AH").name == "Annette Hill"
    applied = Runner(database, directory=str(MIGRATIONS_DIR)).applied()
    assert "0001_initial" in applied


def test_database_of_the_first_schema_is_upgraded_without_loss(db_target):
    """A database made by schema version 1 opens under the current version with every row."""
    if not db_target.startswith("postgres"):
        os.close(os.open(db_target, os.O_CREAT | os.O_WRONLY, 0o600))
    first = make_database(db_target)
    first.connect()
    Runner(first, directory=str(MIGRATIONS_DIR)).up(target="0001_initial")
    with first.bind_ctx([Salesperson]):
        Salesperson.insert(code="PS", name="Peter Saddow").execute()
    first.close()

    database = open_database(db_target)
    status = Runner(database, directory=str(MIGRATIONS_DIR)).status()
    assert all(migration.applied for migration in status)
    assert Salesperson.get_by_id("PS").name == "Peter Saddow"


def test_missing_folder_is_refused(tmp_path):
    with pytest.raises(StoreError, match="folder .* does not exist"):
        open_database(str(tmp_path / "nowhere" / "x.db"))


def test_a_folder_is_not_a_database(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        open_database(str(tmp_path))


def test_a_text_file_is_not_a_database(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello, this is not SQLite\n" * 20)
    with pytest.raises(StoreError, match="not a database file"):
        open_database(str(path))
    assert path.read_text().startswith("hello")


def test_a_database_of_another_program_is_left_alone(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    with pytest.raises(StoreError, match="did not make"):
        open_database(str(path))
    with sqlite3.connect(path) as other:
        tables = [row[0] for row in other.execute("SELECT name FROM sqlite_master")]
    assert tables == ["invoices"]


def test_unreachable_postgresql_is_one_clear_line():
    with pytest.raises(StoreError) as caught:
        open_database("postgresql://someone:secret@127.0.0.1:9/segtui")
    message = str(caught.value)
    assert message.startswith("cannot open database postgresql://someone@127.0.0.1:9/segtui: ")
    assert "secret" not in message and "\n" not in message


def test_describe_hides_the_password():
    assert describe("postgresql://u:pw@db.example:5432/crm") == "postgresql://u@db.example:5432/crm"
    assert describe("/tmp/x.db") == "/tmp/x.db"
