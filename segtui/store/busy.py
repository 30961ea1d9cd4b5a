"""Telling "another user is writing" and "the database is read-only" apart from other database
errors, with words for a user.

SQLite lets one writer at a time; a second one waits (the busy timeout, retrying) and then fails
with "database is locked". That is not a fault of the request: say so, and that nothing changed.
A database opened read-only (store.connection) refuses every write in the database itself, so
the write's transaction changed nothing either.
"""
from peewee import OperationalError, PeeweeException

from segtui.i18n import _

LOCKED = ("database is locked", "database table is locked", "database is busy")
READ_ONLY = ("attempt to write a readonly database", "read-only transaction")
READ_ONLY_SQLSTATE = "25006"  # PostgreSQL: read_only_sql_transaction


def busy_message(error: Exception) -> str | None:
    """The message for a write that gave up waiting for another writer, else None."""
    text = str(error).lower()
    if isinstance(error, OperationalError) and any(words in text for words in LOCKED):
        return _("the database is busy: another user is writing to it (a log or an import, "
                 "say) and did not finish in time; nothing was changed, try again in a moment")
    return None


def read_only_message(error: Exception) -> str | None:
    """The message for a write refused because the database may only be read, else None."""
    if not isinstance(error, PeeweeException):
        return None
    # Peewee wraps the driver's error: it is the first argument (and the context)
    causes = [*error.args[:1], error.__cause__, error.__context__]
    if any(getattr(cause, "pgcode", None) == READ_ONLY_SQLSTATE for cause in causes) or any(
            words in str(error).lower() for words in READ_ONLY):
        return read_only_refusal()
    return None


def read_only_refusal() -> str:
    return _("the database is read-only: nothing was changed (ask someone who may write to it)")


def refusal_message(error: Exception) -> str | None:
    """The words for a busy or a read-only database, else None (another kind of failure)."""
    return busy_message(error) or read_only_message(error)
