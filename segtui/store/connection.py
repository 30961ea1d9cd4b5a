"""The database proxy and how a `--db` value becomes an open, migrated SQLite or PostgreSQL store.

A SQLite file its user may not write (no write permission on it, or on the folder that must hold
its `-wal` and `-shm` files) is opened read-only: lists and shows work, every write is refused by
SQLite itself (see store.busy for the words), and no migration is tried.
"""
import os
import sqlite3
import stat
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlparse

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
DEFAULT_BUSY_TIMEOUT = 10.0  # seconds; segtui.config.DEFAULT_BUSY_TIMEOUT


class StoreError(Exception):
    """The database cannot be opened or used; the message names the problem for a user."""


def is_postgres_url(target: str) -> bool:
    return target.lower().startswith(("postgresql://", "postgres://"))


def make_database(target: str, *, read_only: str | None = None,
                  busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> peewee.Database:
    """An unopened Peewee database for a path (SQLite) or a `postgresql://` URL.

    `busy_timeout`: how many seconds a SQLite write waits (retrying) for another writer; after
    that it gives up with "database is locked" (see store.busy). `read_only` opens a SQLite
    file read-only: "ro" (SQLite's mode=ro) or "immutable" (a file whose folder cannot hold the
    -shm file SQLite needs to share it; see `_read_only_mode`)."""
    if is_postgres_url(target):
        from segtui.store.targets import postgres_params

        params = postgres_params(target)
        return PostgresqlDatabase(params.pop("database"), **params)
    wait = max(0.0, busy_timeout)
    pragmas = {**SQLITE_PRAGMAS, "busy_timeout": int(wait * 1000)}
    if read_only:
        del pragmas["journal_mode"]  # a read-only connection cannot set it (the file has it)
        query = "mode=ro" + ("&immutable=1" if read_only == "immutable" else "")
        uri = f"file:{quote(str(Path(target).absolute()))}?{query}"  # ? and # in a name
        database = SqliteDatabase(uri, uri=True, timeout=wait, pragmas=pragmas)
        database.segtui_read_only = True
        database.segtui_path = str(target)  # `database.database` is the URI
    else:
        database = SqliteDatabase(str(target), timeout=wait, pragmas=pragmas)
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


def _unicode_upper(value):
    return value.upper() if isinstance(value, str) else value


def describe(target: str) -> str:
    """The target as it may be shown to a user (a URL without its password)."""
    if not is_postgres_url(target):
        return str(target)
    parts = urlparse(target)
    host = parts.hostname or "localhost"
    if ":" in host:
        host = f"[{host}]"  # an IPv6 address
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:  # a bad port: refused by targets.postgres_params, named here as typed
        port = ":" + parts.netloc.rpartition(":")[2]
    user = f"{parts.username}@" if parts.username else ""
    return f"{parts.scheme}://{user}{host}{port}{parts.path}"


def _writable(path: Path) -> bool:
    """Whether this user may write `path`, and its owner meant it to be written: a file or
    folder without any write bit (chmod a-w) counts as read-only even for root."""
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)


def _read_only_mode(path: Path) -> str | None:
    """None for a file to open for writing; "ro" for one its user may not write; "immutable"
    when its folder is read-only too and holds no -shm file (SQLite cannot share the file
    without one, and may then only read it as a file that nobody changes)."""
    if _writable(path) and _writable(path.parent):
        return None
    if _writable(path.parent) or Path(f"{path}-shm").exists():
        return "ro"
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size:
        raise StoreError(_("cannot open database {path}: it is read-only and its write-ahead "
                           "log {wal} holds changes that only a user who may write to the "
                           "folder can fold in").format(path=path, wal=wal))
    return "immutable"


def _prepare_sqlite_file(path: Path) -> str | None:
    """Refuse what cannot become our database; create a new file private to its user (0600).
    Returns how an existing file must be opened read-only, or None (see `_read_only_mode`)."""
    if path.is_dir():
        raise StoreError(_("cannot open database {path}: it is a folder, not a file").format(
            path=path))
    folder = path.parent
    if not folder.is_dir():
        raise StoreError(_("cannot create database {path}: folder {folder} does not exist").format(
            path=path, folder=folder))
    if path.exists():
        if not stat.S_ISREG(path.stat().st_mode):  # /dev/null, a pipe, a socket
            raise StoreError(_("cannot open database {path}: it is not a regular file").format(
                path=path))
        if not os.access(path, os.R_OK):
            raise StoreError(_("cannot open database {path}: permission denied").format(path=path))
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
        if head and head != SQLITE_MAGIC:
            raise StoreError(_("cannot open database {path}: it is not a database file").format(
                path=path))
        return _read_only_mode(path)
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
    return None


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


def _pending(database: peewee.Database, tables: set[str]) -> list[str]:
    """The names of the migrations not yet applied (read only: nothing is written)."""
    if _up_to_date(database, tables):
        return []
    if MIGRATION_TABLE not in tables:
        return sorted(path.stem for path in MIGRATIONS_DIR.glob("[0-9]*.py"))
    from playhouse.migrations import Runner

    runner = Runner(database, directory=str(MIGRATIONS_DIR), table_name=MIGRATION_TABLE)
    return [m.name for m in runner.status() if m.applied is None]


def is_read_only(database: peewee.Database | None = None) -> bool:
    """Whether `database` (default: the open one) was opened read-only, so writes will fail."""
    database = database if database is not None else db.obj
    return bool(getattr(database, "segtui_read_only", False))


def _postgres_read_only(database: peewee.Database) -> bool:
    """A PostgreSQL session that may not write (a standby, or default_transaction_read_only)."""
    if not isinstance(database, PostgresqlDatabase):
        return False
    (value,) = database.execute_sql("SHOW transaction_read_only").fetchone()
    return value == "on"


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


def open_database(target: str, *, upgrade: bool = True,
                  busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> peewee.Database:
    """Open `target`, bind it to the proxy and bring its schema up to date; a SQLite write waits
    up to `busy_timeout` seconds for another writer (the setting of that name, segtui.config).

    Raises StoreError with a one-line, user-facing message for every failure.
    """
    from segtui.store.targets import check_target

    check_target(target)
    read_only = None
    if not is_postgres_url(target):
        read_only = _prepare_sqlite_file(Path(target).expanduser())
        target = str(Path(target).expanduser())
    database = make_database(target, read_only=read_only, busy_timeout=busy_timeout)
    try:
        database.connect(reuse_if_open=True)
        tables = set(database.get_tables())
        if tables and MIGRATION_TABLE not in tables:  # not made by segtui
            raise StoreError(_("cannot open database {target}: it holds tables that segtui did not "
                               "make").format(target=describe(target)))
        if _postgres_read_only(database):
            database.segtui_read_only = True
        if is_read_only(database):
            if _pending(database, tables):
                raise StoreError(_("cannot open database {target}: it is read-only and needs an "
                                   "upgrade to this version of segtui; open it once as a user "
                                   "who may write to it").format(target=describe(target)))
        elif upgrade:
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
