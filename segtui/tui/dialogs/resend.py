"""The Resend dialog (S-09) of the Segment Log and the Interaction Log: the correspondence type,
Update Merge Fields, Failed only and Include delivered; then the resend in a work dialog and
what it did in one notification (delivered, failed with the first reasons, skipped)."""
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Checkbox, Label, Select, Static

from segtui.domain.journal import resend
from segtui.domain.journal.delivery import failure_lines
from segtui.domain.journal.resend import ResendResult, skipped_names
from segtui.domain.values import option_label
from segtui.i18n import _, n_
from segtui.store.enums import CorrespondenceType
from segtui.tui.dialogs.work import WorkDialog
from segtui.tui.literal import literal, literal_title
from segtui.tui.shown_values import shown
from segtui.tui.widgets.check_box import TickBox

SHOWN_REASONS = 3
"""Failures a notification names: the message line wraps to 6 lines at most (the Interaction
Log shows every entry's Delivery Status and error)."""
TYPES = (None, CorrespondenceType.HARD_COPY, CorrespondenceType.EMAIL, CorrespondenceType.FAX)
"""The correspondence types to resend with; None is "Same as Entry"."""


@dataclass(frozen=True)
class ResendRequest:
    """The options the user chose; `run_resend` runs the resend."""
    correspondence_type: CorrespondenceType | None = None
    update_merge_fields: bool = False
    failed_only: bool = False
    include_delivered: bool = False


def type_label(kind: CorrespondenceType | None) -> str:
    return _("Same as Entry") if kind is None else shown(option_label(kind))


def resend_message(result: ResendResult) -> str:
    """What a resend did, for a notification: sent, failed (the first reasons), skipped; one
    paragraph (the message line wraps it)."""
    report = result.delivery
    if result.entry_nos:
        lines = [_("Delivered: {count:,}, failed: {failed:,}.").format(
            count=report.delivered, failed=report.failed)]
    else:
        lines = [_("Nothing was sent.")]
    lines += failure_lines(report, SHOWN_REASONS)
    if result.skipped:
        lines.append(n_("1 already delivered, not sent again (tick Include delivered to send "
                        "it too)",
                        "{count:,} already delivered, not sent again (tick Include delivered "
                        "to send them too)", len(result.skipped)) + ": "
                     + skipped_names(result, SHOWN_REASONS))
    if result.not_failed:
        lines.append(n_("1 entry did not fail and was left alone (Failed only).",
                        "{count:,} entries did not fail and were left alone (Failed only).",
                        result.not_failed))
    return " · ".join(lines)


def run_resend(screen: Screen, request: ResendRequest, done, **which) -> None:
    """Resend the entries named (`entry_nos=` or `logged_segment=`) in a work dialog with a
    progress bar (Escape stops it: the entries not reached stay In Progress); then say what
    happened and call `done()`."""
    smtp = screen.app.settings.smtp

    def job(progress):
        # one use case with the CLI's `resend`
        return resend.resend(correspondence_type=request.correspondence_type,
                             update_merge_fields=request.update_merge_fields,
                             failed_only=request.failed_only,
                             include_delivered=request.include_delivered, smtp=smtp,
                             progress=progress.step, **which)

    def finished(result: ResendResult | None) -> None:
        if result is not None:
            failed = bool(result.delivery.failed)
            screen.app.notify(resend_message(result), title=_("Resend"), markup=False,
                              severity="warning" if failed else "information",
                              timeout=20 if failed else 10)
        done()
    screen.app.push_screen(WorkDialog(_("Resend"), job, canceled_text=_(
        "The entries not reached yet stay In Progress: resend them again.")), finished)


class ResendDialog(ModalScreen[ResendRequest | None]):
    """Dismisses with a ResendRequest, or None on Escape."""

    BINDINGS = [
        Binding("ctrl+s", "send", _("Send"), id="resend.send"),
        Binding("escape", "cancel", _("Cancel"), id="resend.cancel"),
    ]

    def __init__(self, title: str) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.kind: CorrespondenceType | None = None  # Same as Entry

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box resend-box") as box:
            box.border_title = literal_title(self.title_text)
            with Horizontal(classes="field-line resend-types"):
                yield Label(_("Type"), classes="field-label")
                yield Select([(literal(type_label(kind)), index)
                              for index, kind in enumerate(TYPES)],
                             value=0, allow_blank=False, compact=True, id="resend-type")
            for widget_id, label, hint in (
                    ("resend-update", _("Update merge fields"),
                     _("new entries with the contacts' data as it is now")),
                    ("resend-failed-only", _("Failed only"),
                     _("only the entries whose delivery failed")),
                    ("resend-include-delivered", _("Include delivered"),
                     _("also send again to contacts whose entry was delivered"))):
                yield TickBox(label, id=widget_id, compact=True)
                yield Static(literal(hint), classes="dialog-hint resend-option-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Send"), id="resend-send", variant="primary", compact=True)
                yield Button(_("Cancel"), id="resend-cancel", compact=True)
            yield Static(_("Enter: type · Tab moves · Space ticks · ctrl+s sends · Esc cancels"),
                         classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#resend-type", Select).focus()

    @on(Select.Changed, "#resend-type")
    def _type_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.kind = TYPES[event.value]

    @property
    def request(self) -> ResendRequest:
        def ticked(widget_id: str) -> bool:
            return self.query_one(f"#{widget_id}", Checkbox).value
        return ResendRequest(self.kind, ticked("resend-update"), ticked("resend-failed-only"),
                             ticked("resend-include-delivered"))

    def action_send(self) -> None:
        self.dismiss(self.request)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#resend-send")
    def _send_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_send()

    @on(Button.Pressed, "#resend-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()
