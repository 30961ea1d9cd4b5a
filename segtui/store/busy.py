"""Telling "another user is writing" apart from other database errors, with words for a user.

SQLite lets one writer at a time; a second one waits (the busy timeout, retrying) and then fails
with "database is locked". That is not a fault of the request: say so, and that nothing changed.
"""
from peewee import OperationalError

from segtui.i18n import _

LOCKED = ("database is locked", "database table is locked", "database is busy")


def busy_message(error: Exception) -> str | None:
    """The message for a write that gave up waiting for another writer, else None."""
    text = str(error).lower()
    if isinstance(error, OperationalError) and any(words in text for words in LOCKED):
        return _("the database is busy: another user is writing to it (a log or an import, "
                 "say) and did not finish in time; nothing was changed, try again in a moment")
    return None
