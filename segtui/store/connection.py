"""The database proxy and how a `--db` value becomes an open, migrated SQLite or PostgreSQL store."""
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import peewee
from peewee import DatabaseProxy, PostgresqlDatabase, SqliteDatabase

from segtui.i18n import _

db = DatabaseProxy()

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
MIGRATION_TABLE = "schema_migration"
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
}
SQLITE_MAGIC = b"SQLite format 3\x00"


class StoreError(Exception):
    """The database cannot be opened or used; the message names the problem for a user."""


def is_postgres_url(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


def make_database(target: str) -> peewee.Database:
    """An unopened Peewee database for a path (SQLite) or a `postgresql://` URL."""
    if is_postgres_url(target):
        from playhouse.db_url import parseresult_to_dict  # not needed for SQLite: 4 ms of start-up

        params = parseresult_to_dict(urlparse(target), unquote_password=True, unquote_user=True)
        return PostgresqlDatabase(params.pop("database"), **params)
    wait = busy_seconds()
    database = SqliteDatabase(str(target), timeout=wait,
                              pragmas={**SQLITE_PRAGMAS, "busy_timeout": int(wait * 1000)})
    # SQLite's own UPPER and LIKE fold ASCII only; text filters must match "MALMÖ" to "Malmö".
    database.register_function(_unicode_upper, "upper", 1, deterministic=True)
    return database


def refresh_statistics(*models) -> None:
    """After a bulk change on PostgreSQL, fresh planner statistics of these tables (ANALYZE, in
    the same transaction): the next action would otherwise be planned for the tables as they
    were, e.g. a nested loop over 100,000 lines thought to be one. SQLite needs none."""
    if isinstance(db.obj, PostgresqlDatabase):
        for model in models:
            db.obj.execute_sql(f'ANALYZE "{model._meta.table_name}"')


def busy_seconds() -> float:
    """How long a SQLite write waits (retrying) for another writer: $SEGTUI_BUSY_TIMEOUT
    seconds, else 10; after that the write gives up with "database is locked" (see store.busy)."""
    try:
        return max(0.0, float(os.environ.get("SEGTUI_BUSY_TIMEOUT", "10")))
    except ValueError:
        return 10.0


def _unicode_upper(value):
    return value.upper() if isinstance(value, str) else value


def describe(target: str) -> str:
    """The target as it may be shown to a user (a URL without its password)."""
    if not is_postgres_url(target):
        return str(target)
    parts = urlparse(target)
    host = parts.hostname or "localhost"
    port = f":{parts.port}" if parts.port else ""
    user = f"{parts.username}@" if parts.username else ""
    return f"{parts.scheme}://{user}{host}{port}{parts.path}"


def _prepare_sqlite_file(path: Path) -> None:
    """Refuse what cannot become our database; create a new file private to its user (0600)."""
    if path.is_dir():
        raise StoreError(_("cannot open database {path}: it is a folder, not a file").format(
            path=path))
    folder = path.parent
    if not folder.is_dir():
        raise StoreError(_("cannot create database {path}: folder {folder} does not exist").format(
            path=path, folder=folder))
    if path.exists():
        if not os.access(path, os.R_OK | os.W_OK):
            raise StoreError(_("cannot open database {path}: permission denied").format(path=path))
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
        if head and head != SQLITE_MAGIC:
            raise StoreError(_("cannot open database {path}: it is not a database file").format(
                path=path))
        return
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(_("cannot create database {path}: folder {folder} is not writable").format(
            path=path, folder=folder))
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass
    except OSError as exc:
        raise StoreError(_("cannot create database {path}: {error}").format(
            path=path, error=exc.strerror)) from None


def write_transaction(database=None):
    """An all-or-nothing write that takes the write lock at once.

    On SQLite the outermost transaction is BEGIN IMMEDIATE, so two writers queue on the busy
    timeout instead of failing when a read snapshot turns out to be stale; nested calls are
    savepoints. On PostgreSQL it is a plain transaction.
    """
    database = database or db.obj
    if isinstance(database, SqliteDatabase) and not database.in_transaction():
        return database.atomic(lock_type="IMMEDIATE")
    return database.atomic()


@contextmanager
def _schema_lock(database: peewee.Database):
    """A transaction that only one process at a time may hold while it changes the schema."""
    with write_transaction(database):
        if not isinstance(database, SqliteDatabase):
            database.execute_sql("SELECT pg_advisory_xact_lock(5079)")
        yield


def _up_to_date(database: peewee.Database, tables: set[str]) -> bool:
    """True when every migration file is in the history table (named by file stem, as Peewee's
    Runner names them): the usual start, which then does without importing the runner."""
    if MIGRATION_TABLE not in tables:
        return False
    applied = {name for (name,) in database.execute_sql(f"SELECT name FROM {MIGRATION_TABLE}")}
    return {path.stem for path in MIGRATIONS_DIR.glob("[0-9]*.py")} <= applied


def migrate(database: peewee.Database, tables: set[str] | None = None) -> list[str]:
    """Apply every pending schema migration; returns the names applied. `tables`: the
    database's tables, when the caller has just read them."""
    if _up_to_date(database, set(database.get_tables()) if tables is None else tables):
        return []
    from playhouse.migrations import Runner

    runner = Runner(database, directory=str(MIGRATIONS_DIR), table_name=MIGRATION_TABLE)
    if not any(m.applied is None for m in runner.status()):
        return []
    with _foreign_keys_off(database), _schema_lock(database):
        return runner.up()


@contextmanager
def _foreign_keys_off(database: peewee.Database):
    """On SQLite, foreign keys off while the migrations run: a migration that must change a
    column rebuilds its table (SQLite's documented way), and dropping the old table with foreign
    keys on would delete the rows of other tables that reference it. The pragma only changes
    outside a transaction, so it is set before the schema lock's transaction begins."""
    if not isinstance(database, SqliteDatabase) or database.in_transaction():
        yield
        return
    (before,) = database.execute_sql("PRAGMA foreign_keys").fetchone()
    database.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        database.execute_sql(f"PRAGMA foreign_keys = {int(before)}")


def open_database(target: str, *, upgrade: bool = True) -> peewee.Database:
    """Open `target`, bind it to the proxy and bring its schema up to date.

    Raises StoreError with a one-line, user-facing message for every failure.
    """
    if not is_postgres_url(target):
        _prepare_sqlite_file(Path(target).expanduser())
        target = str(Path(target).expanduser())
    database = make_database(target)
    try:
        database.connect(reuse_if_open=True)
        tables = set(database.get_tables())
        if tables and MIGRATION_TABLE not in tables:  # not made by segtui
            raise StoreError(_("cannot open database {target}: it holds tables that segtui did not "
                               "make").format(target=describe(target)))
        if upgrade:
            migrate(database, tables)
    except StoreError:
        database.close()
        raise
    except (peewee.OperationalError, peewee.DatabaseError, sqlite3.Error) as exc:
        database.close()
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise StoreError(_("cannot open database {target}: {reason}").format(
            target=describe(target), reason=reason)) from None
    db.initialize(database)
    return database


def close_database() -> None:
    if db.obj is not None and not db.obj.is_closed():
        db.obj.close()


def interrupt(connection) -> None:
    """Stop the statement running on `connection` (from another thread); its transaction then
    rolls back. SQLite and psycopg2 connections both offer a thread-safe way to do it."""
    stop = getattr(connection, "interrupt", None) or getattr(connection, "cancel", None)
    if stop is not None:
        stop()
