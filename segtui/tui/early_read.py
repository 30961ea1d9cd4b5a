"""A read for the first screen, started in a thread before the TUI's modules are loaded.

`segtui` starts it as soon as the database is open, so SQLite counts the segments' lines while
Python imports Textual (sqlite3 lets go of the GIL while a query runs); the Segments screen can
then show its rows in its first frame instead of "Loading…" followed by a second frame.
"""
import threading
from collections.abc import Callable
from typing import Any

from peewee import PeeweeException

from segtui.domain.session import current_database


class EarlyRead:
    """`function()` running in a thread of its own, with its own connection."""

    def __init__(self, function: Callable[[], Any]) -> None:
        self._function = function
        # the open database, even if the proxy is bound anew meanwhile
        self._database = current_database()
        self._result: Any = None
        self._error: PeeweeException | None = None
        self._thread = threading.Thread(target=self._run, name="early-read", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            with self._database.connection_context():
                self._result = self._function()
        except PeeweeException as error:  # raised again by result(), where the UI reports it
            self._error = error

    @property
    def ready(self) -> bool:
        """True when the read has finished well: result() will not wait and will not raise."""
        return not self._thread.is_alive() and self._error is None

    def result(self) -> Any:
        """What the function returned, once it has (this waits for it), or its database error."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._result
