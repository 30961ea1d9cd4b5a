"""A consistent copy of a live SQLite database (`segtui backup FILE`), through SQLite's online
backup API: other users may go on reading and writing while it runs, and the copy is one
moment of the database. The copy is private (0600) and checked before it is kept."""
import os
import sqlite3
from pathlib import Path

from peewee import SqliteDatabase

from segtui.i18n import _
from segtui.store.connection import StoreError

PAGES_PER_STEP = 1024  # copy in steps, so writers are not held up for the whole copy


def backup_database(database, target: str | Path, *, replace: bool = False) -> Path:
    """Copy the open SQLite `database` to `target`; returns the path written.

    Refused for PostgreSQL (use pg_dump), for a target that exists (unless `replace`) and for
    a folder that does not exist. A failed or unsound copy leaves no file behind.
    """
    if not isinstance(database, SqliteDatabase):
        raise StoreError(_("backup copies a SQLite database; for PostgreSQL use pg_dump"))
    target = Path(target).expanduser().resolve()
    if Path(getattr(database, "segtui_path", database.database)).resolve() == target:
        raise StoreError(_("{path} is the database itself; name another file").format(
            path=target))
    if target.is_dir():
        raise StoreError(_("cannot write {path}: it is a folder; name a file (in it)").format(
            path=target))
    if target.exists() and not target.is_file():  # /dev/null: never replaced by a file
        raise StoreError(_("cannot back up to {path}: it is not a regular file").format(
            path=target))
    if target.exists() and not replace:
        raise StoreError(_("{path} exists already (--replace overwrites it)").format(
            path=target))
    if not target.parent.is_dir():
        raise StoreError(_("the folder {folder} does not exist").format(folder=target.parent))
    partial = target.with_name(f".{target.name}.partial")
    try:
        os.close(os.open(partial, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600))
        copy = sqlite3.connect(partial)
        try:
            database.connection().backup(copy, pages=PAGES_PER_STEP)
            verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            copy.close()
        if verdict != "ok":
            raise StoreError(_("the copy failed its integrity check: {verdict}").format(
                verdict=verdict))
        os.replace(partial, target)
    except sqlite3.Error as error:
        raise StoreError(_("cannot back up to {path}: {reason}").format(
            path=target, reason=error)) from None
    except OSError as error:
        raise StoreError(_("cannot back up to {path}: {reason}").format(
            path=target, reason=error.strerror or error)) from None
    finally:
        if partial.exists():
            partial.unlink()
    return target
