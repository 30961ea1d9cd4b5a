"""The Log dialog: the deliver / follow-up options and the pre-flight report (M-30, L16); with
Deliver ticked, the report also names the unknown and not evaluated fields of the documents
the delivered letters are merged from (field_warnings.py)."""
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Static

from segtui.domain.segments import no_address
from segtui.domain.segments.log_segment import LineNote, LogReport, deliverable_lines, preflight
from segtui.i18n import _, n_
from segtui.tui.dialogs.confirm import ConfirmDialog
from segtui.tui.literal import Literal, literal, literal_lines, literal_title
from segtui.tui.services import run_service
from segtui.tui.widgets.check_box import TickBox

SHOWN_NOTES = 200  # lines listed per section; the rest are counted


@dataclass(frozen=True)
class LogRequest:
    """The options the user chose; the caller runs the log."""
    deliver: bool
    follow_up: bool



def note_lines(notes: list[LineNote], limit: int = SHOWN_NOTES) -> Literal:
    """The first `limit` notes, one a line (line no., contact no., reason), then how many more."""
    shown = notes[:limit]
    width = max((len(note.contact_no) for note in shown), default=0)
    rows = [f"{note.line_no:>8}  {note.contact_no:<{width}}  {note.reason}" for note in shown]
    if len(notes) > limit:
        rows.append(_("… and {count} more").format(count=len(notes) - limit))
    return literal_lines(rows)


class LogDialog(ModalScreen[LogRequest | None]):
    """Dismisses with a LogRequest when nothing blocks the log, or None on Escape."""

    BINDINGS = [
        Binding("ctrl+l,ctrl+s", "log", _("Log"), id="log.log"),
        Binding("escape", "cancel", _("Cancel"), id="log.cancel"),
        Binding("h", "hard_copy", _("To Hard Copy"), id="log.hard_copy"),
        Binding("x", "remove_no_address", _("Remove them"), id="log.remove_no_address"),
    ]

    SECTIONS = (
        ("blocking", _("Blocked (the log is refused until they are fixed)"), "log-blocked"),
        ("downgraded", _("Downgraded (logged without a correspondence type)"), "log-downgraded"),
        ("warnings", _("Warnings"), "log-warnings"),
        ("document_warnings", _("Documents of the delivered letters"), "log-documents"),
    )

    def __init__(self, segment_no: str) -> None:
        super().__init__(classes="dialog")
        self.segment_no = segment_no
        self.report: LogReport | None = None
        self.failure = ""
        self.lines_changed = False  # h or x changed the segment: its form reloads

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box log-box") as box:
            box.border_title = literal_title(_("Log segment {no}").format(no=self.segment_no))
            yield TickBox(_("Deliver"), id="log-deliver", compact=True)
            yield Static(_("Hard Copy letters to the output folder, e-mail through SMTP"),
                         classes="dialog-hint log-option-hint")
            yield TickBox(_("Create follow-up segment"), id="log-follow-up", compact=True)
            yield Static("", id="log-summary", markup=False)
            yield Static("", id="log-message", classes="dialog-error", markup=False)
            with VerticalScroll(id="log-report"):
                for _key, title, widget_id in self.SECTIONS:
                    yield Static(literal(title), id=f"{widget_id}-title",
                                 classes="log-section-title",
                                 markup=False)
                    yield Static("", id=widget_id, classes="log-notes", markup=False)
                yield Static(_("No line blocks the log, is downgraded or has a warning."),
                             id="log-clean", classes="dialog-hint", markup=False)
            yield Static("", id="log-fix", classes="log-fix", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Log"), id="log-log", variant="primary", compact=True)
                yield Button(_("Cancel"), id="log-cancel", compact=True)
            yield Static(_("Space ticks · ctrl+l logs · Escape cancels"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#log-deliver", Checkbox).focus()
        self._check()
        run_service(self, deliverable_lines, self.segment_no, done=self._offer_delivery,
                    failed=lambda _message: None, group="log-deliverable")

    def _offer_delivery(self, lines: int) -> None:
        """Deliver starts ticked when some line has a correspondence type, else it is off."""
        deliver = self.query_one("#log-deliver", Checkbox)
        if lines:
            deliver.value = True
        else:
            deliver.disabled = True
            self.query_one(".log-option-hint", Static).update(
                _("No line has a correspondence type: there is nothing to deliver."))
            self.query_one("#log-follow-up", Checkbox).focus()

    @property
    def options(self) -> LogRequest:
        return LogRequest(deliver=self.query_one("#log-deliver", Checkbox).value,
                          follow_up=self.query_one("#log-follow-up", Checkbox).value)

    @on(Checkbox.Changed)
    def _option_changed(self) -> None:
        self._check()

    def _check(self) -> None:
        """Recompute the pre-flight report for the ticked options (the newest check wins)."""
        options = self.options
        self.report, self.failure = None, ""
        self._show_sections(None)
        self.query_one("#log-summary", Static).update(_("Checking the lines…"))
        self._say("")
        self._offer_fix(0)
        run_service(self, preflight, self.segment_no, deliver=options.deliver,
                    follow_up=options.follow_up, group="log-preflight", exclusive=True,
                    done=lambda report: self._show_report(options, report),
                    failed=lambda message: self._show_failure(options, message))

    def _show_report(self, options: LogRequest, report: LogReport) -> None:
        if options != self.options:
            return
        self.report = report
        summary = n_("1 interaction log entry will be written",
                     "{count} interaction log entries will be written",
                     report.entries)
        if options.deliver:
            summary += " · " + _("{count} queued for delivery").format(
                count=report.queued_for_delivery)
        self.query_one("#log-summary", Static).update(literal(summary))
        self._show_sections(report)
        self._offer_fix(report.without_address)

    def _show_failure(self, options: LogRequest, message: str) -> None:
        if options != self.options:
            return
        self.failure = message
        self.query_one("#log-summary", Static).update("")
        self._say(message)
        self._show_sections(None)

    def _show_sections(self, report: LogReport | None) -> None:
        shown = False
        for key, _title, widget_id in self.SECTIONS:
            notes = getattr(report, key) if report is not None else []
            self.query_one(f"#{widget_id}-title", Static).display = bool(notes)
            body = self.query_one(f"#{widget_id}", Static)
            body.display = bool(notes)
            # document warnings are whole lines (they name their document), not line notes
            body.update(literal(literal_lines(notes) if key == "document_warnings"
                                else note_lines(notes)))
            shown = shown or bool(notes)
        self.query_one("#log-clean", Static).display = report is not None and not shown
        self.query_one("#log-report").display = not self.failure

    def _offer_fix(self, count: int) -> None:
        """Under the report: the keys that fix the lines lacking their address, when some do."""
        fix = self.query_one("#log-fix", Static)
        fix.update(n_("1 line lacks its address: h switches it to Hard Copy, x removes it",
                      "{count} lines lack their address: h switches them to Hard Copy, "
                      "x removes them", count) if count else "")
        fix.display = bool(count)

    def _without_address(self) -> int:
        return self.report.without_address if self.report is not None else 0

    def action_hard_copy(self) -> None:
        """Every line lacking its address becomes Hard Copy; the report is made again."""
        if not self._without_address():
            self.app.bell()
            return
        run_service(self, no_address.switch_to_hard_copy, self.segment_no,
                    done=lambda count: self._fixed(
                        n_("1 line switched to Hard Copy", "{count} lines switched to Hard Copy",
                           count)),
                    failed=self._say, group="log-fix")

    def action_remove_no_address(self) -> None:
        """Asks, saying how many, then takes the lines lacking their address off the segment."""
        count = self._without_address()
        if not count:
            self.app.bell()
            return
        question = n_("Remove 1 line whose contact lacks its address?",
                      "Remove {count} lines whose contacts lack their address?", count)
        title = _("Remove lines from segment {no}").format(no=self.segment_no)
        self.app.push_screen(ConfirmDialog(question, default=False, title=title),
                             self._remove_confirmed)

    def _remove_confirmed(self, yes: bool | None) -> None:
        if not yes:
            return
        run_service(self, no_address.remove_no_address_lines, self.segment_no,
                    user=self.app.settings.user,
                    done=lambda count: self._fixed(
                        n_("1 line removed", "{count} lines removed", count)),
                    failed=self._say, group="log-fix")

    def _fixed(self, message: str) -> None:
        self.lines_changed = True
        self._check()
        self.app.notify(message, markup=False)

    def _say(self, message: str) -> None:
        """Show `message` above the report (nothing when it is empty)."""
        label = self.query_one("#log-message", Static)
        label.update(literal(message))
        label.display = bool(message)

    def _refusal(self) -> str:
        """Why the log cannot be asked for now, or "" when it can."""
        if self.failure:
            return self.failure
        if self.report is None:
            return _("The pre-flight report is not ready yet.")
        if self.report.blocking:
            first = self.report.blocking[0]
            blocking = n_("1 line blocks it", "{count} lines block it", len(self.report.blocking))
            return _("The log is refused: {blocking}; the first is line {line} ({contact}): "
                     "{reason}").format(blocking=blocking, line=first.line_no,
                                        contact=first.contact_no, reason=first.reason)
        return ""

    def action_log(self) -> None:
        refusal = self._refusal()
        if refusal:
            self._say(refusal)
            self.app.bell()
            return
        self.dismiss(self.options)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#log-log")
    def _log_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_log()

    @on(Button.Pressed, "#log-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()
