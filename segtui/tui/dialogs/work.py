"""Long work (add contacts, log, merge) with a progress bar; Escape cancels it.

The job runs in a thread worker on its own connection. Cancelling interrupts the statement the
database is running (SQLite's interrupt, PostgreSQL's cancel) and stops a job that reports
progress at its next step; the job's transaction then rolls back, so nothing is half-written.
"""
import time
from collections.abc import Callable
from typing import Any

from peewee import PeeweeException
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import ProgressBar, Static

from segtui.domain.errors import DomainError
from segtui.i18n import _
from segtui.domain.session import StoreError, connection_context, current_connection, interrupt
from segtui.tui import hangup
from segtui.tui.literal import literal, literal_title
from segtui.tui.services import error_text, show_error

REPORT_EVERY = 0.1  # seconds between progress updates sent to the screen


class WorkCanceled(Exception):
    """Raised inside a job when the user cancelled it."""


class Progress:
    """Handed to a job: `step(done, total)` moves the bar and stops the job once cancelled."""

    def __init__(self, dialog: "WorkDialog") -> None:
        self._dialog = dialog
        self._reported = 0.0
        self._message: str | None = None
        self.canceled = False

    def step(self, done: int, total: int | None = None, message: str | None = None) -> None:
        """Move the bar; a new `message` (the job's next phase) is shown at once."""
        if self.canceled:
            raise WorkCanceled
        now = time.monotonic()
        new_phase = message is not None and message != self._message
        if new_phase or now - self._reported >= REPORT_EVERY:
            self._reported = now
            self._message = message if message is not None else self._message
            self._dialog.app.call_from_thread(self._dialog.show_progress, done, total,
                                              message if new_phase else None)


class WorkDialog(ModalScreen[Any]):
    """Runs `job(progress)`; dismisses with its result, or None when it failed or was cancelled."""

    BINDINGS = [Binding("escape", "cancel", _("Cancel"), id="work.cancel")]

    def __init__(self, title: str, job: Callable[[Progress], Any], *,
                 total: int | None = None, message: str = "",
                 canceled_text: str = "") -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.job = job
        self.total = total
        self.message = message or _("Working…")
        self.canceled_text = canceled_text or _("Nothing was changed.")
        self.progress = Progress(self)
        self._connection = None
        self.outcome = "running"   # running | done | failed | canceled

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box work-box") as box:
            box.border_title = literal_title(self.title_text)
            yield Static(literal(self.message), id="work-message", markup=False)
            yield ProgressBar(total=self.total, show_eta=False, id="work-bar")
            yield Static(_("Escape cancels."), classes="dialog-hint")

    def on_mount(self) -> None:
        self.run_worker(self._run, thread=True, group="work", name="work")

    def show_progress(self, done: int, total: int | None, message: str | None = None) -> None:
        bar = self.query_one(ProgressBar)
        bar.update(total=total if total is not None else bar.total, progress=done)
        if message is not None and not self.progress.canceled:
            self.query_one("#work-message", Static).update(literal(message))

    def _run(self) -> None:
        try:
            with connection_context():
                self._connection = current_connection()
                with hangup.stopping_on_hangup(self.stop):
                    if self.progress.canceled:  # before the job began: nothing to interrupt
                        raise WorkCanceled
                    result = self.job(self.progress)
        except WorkCanceled:
            self._report("canceled", None)
        except (DomainError, StoreError, PeeweeException) as error:
            outcome = "canceled" if self.progress.canceled else "failed"
            self._report(outcome, error_text(error))
        else:
            self._report("done", result)
        finally:
            self._connection = None

    def _report(self, outcome: str, value: Any) -> None:
        """The outcome, to the screen; none once the terminal is gone (the app is ending)."""
        if not hangup.is_lost():
            self.app.call_from_thread(self._finish, outcome, value)

    def _finish(self, outcome: str, value: Any) -> None:
        self.outcome = outcome
        if outcome == "done":
            self.dismiss(value)
            return
        if outcome == "canceled":
            self.app.notify(_("Canceled: {title}. {outcome}").format(
                title=self.title_text, outcome=self.canceled_text), markup=False)
        else:
            show_error(self, value)
        self.dismiss(None)

    def action_cancel(self) -> None:
        """Stop the job: no further step, and the running statement is interrupted."""
        if self.outcome != "running" or self.progress.canceled:
            return
        self.query_one("#work-message", Static).update(_("Cancelling…"))
        self.stop()

    def stop(self) -> None:
        """No further step, and the running statement interrupted; safe from any thread."""
        self.progress.canceled = True
        connection = self._connection
        if connection is not None:
            interrupt(connection)
