"""Databases as earlier versions of segtui left them, for the upgrade tests.

Two kinds:
- tests/fixtures/schema-<commit>.db.xz: made by `segtui demo` and other commands of that commit's
  own code (tests/fixtures/make_old_databases.sh re-makes them), SQLite only;
- tests/fixtures/old_migrations/<commit>/0001_initial.py: the first migration as it was at each
  commit that changed it, run here to make a database of that schema on either backend, then
  filled with the rows of a demo fixture (the columns that schema has).
"""
import lzma
import shutil
from pathlib import Path

import psycopg2
from playhouse.migrations import Runner

from segtui.store.connection import MIGRATIONS_DIR, make_database

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
OLD_MIGRATIONS = FIXTURES / "old_migrations"

DEMO_COMMITS = ("c02d247", "821d4f6", "ff735f6", "6dc983f")
"""Commits whose `segtui demo` made a fixture: the first with the demo, then each schema change."""

SCHEMAS = {  # a database's state -> (how its schema is made, the demo fixture giving its rows)
    "3c42bf8": ("3c42bf8", "c02d247"),   # skeleton: no database defaults, fewer tables
    "84d7447": ("84d7447", "c02d247"),   # defaults; other indexes
    "c02d247": ("c02d247", "c02d247"),   # no cancel journal, no delivery error
    "821d4f6": ("821d4f6", "821d4f6"),   # no delivery error
    "ff735f6": ("current-0001", "ff735f6"),  # 0001 as it is now, 0002 not yet
    "6dc983f": ("current-0002", "6dc983f"),  # 0001 and 0002 as they are now
}
"""Every state a database made by an earlier commit of main can be in."""


def unpack(commit: str, path: Path) -> str:
    """The demo fixture of `commit` written to `path` (a new SQLite file, 0600)."""
    with lzma.open(FIXTURES / f"schema-{commit}.db.xz") as packed, path.open("wb") as out:
        shutil.copyfileobj(packed, out)
    path.chmod(0o600)
    return str(path)


def is_postgres(target: str) -> bool:
    return target.startswith("postgres")


def rows_by_column(database) -> dict[str, list[tuple]]:
    """Each table's rows as sorted (column, value) pairs, sorted (the migration history aside):
    comparable whatever order the columns are in."""
    rows = {}
    for table in database.get_tables():
        if table == "schema_migration":
            continue
        cursor = database.execute_sql(f'SELECT * FROM "{table}"')
        names = [column[0] for column in cursor.description]
        rows[table] = sorted((tuple(sorted(zip(names, map(_plain, row), strict=True)))
                              for row in cursor), key=repr)
    return rows


def _plain(value):
    """A PostgreSQL bytea read as bytes (a memoryview compares, but sorts by its address)."""
    return bytes(value) if isinstance(value, memoryview) else value


def only_columns(rows: dict[str, list[tuple]], columns: dict[str, set[str]]):
    """`rows` keeping only the given columns of each table (those an older schema had)."""
    return {table: sorted((tuple(pair for pair in row if pair[0] in columns[table])
                           for row in table_rows), key=repr)
            for table, table_rows in rows.items() if table in columns}


def columns_of(database) -> dict[str, set[str]]:
    return {table: {column.name for column in database.get_columns(table)}
            for table in database.get_tables()}


def shape(database) -> dict[str, tuple]:
    """Each table's columns (name, type, nullable, primary key, default) and indexes (name,
    columns, unique); the columns' order aside."""
    return {table: (sorted((c.name, c.data_type.lower(), c.null, c.primary_key,
                            None if c.default is None else str(c.default))
                           for c in database.get_columns(table)),
                    sorted((i.name, tuple(i.columns), i.unique)
                           for i in database.get_indexes(table)))
            for table in database.get_tables()}


def sqlite_definitions(database) -> dict[str, str]:
    """SQLite: every table's and index's CREATE statement as stored."""
    return dict(database.execute_sql(
        "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL").fetchall())


def make_old_database(target: str, state: str, tmp_path: Path):
    """A database at `state` (a key of SCHEMAS) holding the rows of its demo fixture; returned
    open (not bound to the store's proxy), with its history saying what that commit's said."""
    schema, demo = SCHEMAS[state]
    if not is_postgres(target):
        Path(target).touch(mode=0o600)
    database = make_database(target)
    database.connect()
    if schema.startswith("current"):
        Runner(database, directory=str(MIGRATIONS_DIR)).up(
            target="0001_initial" if schema == "current-0001"
            else "0002_interaction_log_filter_indexes")
    else:
        Runner(database, directory=str(OLD_MIGRATIONS / schema)).up()
    source = make_database(unpack(demo, tmp_path / f"rows-{state}.db"))
    source.connect()
    copy_rows(source, database)
    source.close()
    return database


def copy_rows(source, database) -> None:
    """Every row of `source` (SQLite) into the same tables of `database`, in the columns both
    have; PostgreSQL gets booleans as booleans and its serial sequences moved past the rows."""
    wanted = columns_of(database)
    postgres = not isinstance(database, type(source))
    with database.atomic():
        if not postgres:
            database.execute_sql("PRAGMA defer_foreign_keys = ON")
        for table in ("marketing_setup", "no_series"):  # the first migration's own rows
            database.execute_sql(f'DELETE FROM "{table}"')
        for table in _parents_first(source):
            if table not in wanted or table == "schema_migration":
                continue
            kinds = {c.name: c.data_type.lower() for c in database.get_columns(table)}
            cursor = source.execute_sql(f'SELECT * FROM "{table}"')
            names = [column[0] for column in cursor.description]
            keep = [i for i, name in enumerate(names) if name in wanted[table]]
            rows = [[_value(row[i], kinds[names[i]], postgres) for i in keep] for row in cursor]
            if rows:
                columns = ", ".join(f'"{names[i]}"' for i in keep)
                marks = ", ".join(["%s" if postgres else "?"] * len(keep))
                # PostgreSQL checks a table's references to itself (a person's company) after
                # each statement: one statement per table; SQLite defers them to the commit
                step = len(rows) if postgres else 200
                for start in range(0, len(rows), step):
                    database.execute_sql(
                        f'INSERT INTO "{table}" ({columns}) VALUES '
                        + ", ".join([f"({marks})"] * len(rows[start:start + step])),
                        [value for row in rows[start:start + step] for value in row])
            if postgres and table == "cancel_journal":
                database.execute_sql(
                    "SELECT setval(pg_get_serial_sequence('cancel_journal', 'no'), "
                    "COALESCE((SELECT MAX(no) FROM cancel_journal), 0) + 1, false)")


def _parents_first(source) -> list[str]:
    """The tables of `source` with every referenced table before those referencing it."""
    tables = source.get_tables()
    parents = {table: {fk.dest_table for fk in source.get_foreign_keys(table)} - {table}
               for table in tables}
    ordered = []
    while parents:
        ready = sorted(table for table, needs in parents.items() if not needs - set(ordered))
        ordered.extend(ready)
        for table in ready:
            del parents[table]
    return ordered


def _value(value, kind: str, postgres: bool):
    if postgres and kind == "boolean" and value is not None:
        return bool(value)
    if postgres and isinstance(value, bytes):
        return psycopg2.Binary(value)
    return value
