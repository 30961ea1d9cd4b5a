"""The filter of the Interaction Log: one NAV filter expression per field, checked beside it."""
from dataclasses import fields

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from segtui.domain.journal.interaction_log import EntryFilter
from segtui.domain.journal.interaction_log_pages import filter_errors
from segtui.i18n import _
from segtui.tui.widgets.field_row import FieldRow, FormField


def filter_fields() -> list[FormField]:
    """The fields of the filter, in the order of EntryFilter; codes have a lookup."""
    return [
        FormField("contact", _("Contact No."), "code", "contact"),
        FormField("company", _("Company No."), "code", "company"),
        FormField("segment", _("Segment No.")),
        FormField("logged_segment", _("Logged Segment"), "code", "logged_segment"),
        FormField("template", _("Template"), "code", "interaction_template"),
        FormField("salesperson", _("Salesperson"), "code", "salesperson"),
        FormField("campaign", _("Campaign No."), "code", "campaign"),
        FormField("date", _("Date")),
        FormField("canceled", _("Canceled")),
    ]


def filter_summary(entry_filter: EntryFilter) -> str:
    """The filter in one line, "Segment No.: SEG00090  Date: 2026-01-01.." ("" for none)."""
    labels = {spec.attr: spec.label for spec in filter_fields()}
    return "  ".join(f"{labels[field.name]}: {getattr(entry_filter, field.name)}"
                     for field in fields(EntryFilter) if getattr(entry_filter, field.name))


class EntryFilterDialog(ModalScreen[EntryFilter | None]):
    """Edits `entry_filter`; Enter applies it when every field reads, else the refusal shows
    beside the field. Dismisses with the new filter, or None on Escape."""

    BINDINGS = [
        Binding("escape", "cancel", _("Cancel"), id="entry_filter.cancel"),
        Binding("enter,ctrl+s", "apply", _("Apply"), id="entry_filter.apply", priority=True),
        Binding("ctrl+l", "clear", _("Clear all"), id="entry_filter.clear"),
        Binding("down", "app.focus_next", _("Next field"), show=False,
                id="entry_filter.next"),
        Binding("up", "app.focus_previous", _("Previous field"), show=False,
                id="entry_filter.previous"),
    ]

    def __init__(self, entry_filter: EntryFilter) -> None:
        super().__init__(classes="dialog")
        self.entry_filter = entry_filter

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box entry-filter-box") as box:
            box.border_title = _("Filter interaction log entries")
            for spec in filter_fields():
                yield FieldRow(spec, id=f"entry-filter-{spec.attr}")
            yield Static(_("Filters: a|b  a..b  ..b  <>a  A*  ''  (blank)"),
                         id="entry-filter-syntax", classes="dialog-hint", markup=False)
            yield Static(_("F4 lookup · Enter applies · Ctrl+L clears · Esc cancels"),
                         classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        for row in self.query(FieldRow):
            row.show(getattr(self.entry_filter, row.spec.attr))
        self.query_one(FieldRow).editor.focus()

    def typed_filter(self) -> EntryFilter:
        """The filter the fields hold now."""
        return EntryFilter(**{row.spec.attr: row.text.strip() for row in self.query(FieldRow)})

    def _check(self) -> bool:
        errors = filter_errors(self.typed_filter())
        for row in self.query(FieldRow):
            row.set_message(errors.get(row.spec.attr, ""), error=True)
        return not errors

    @on(FieldRow.Edited)
    def _edited(self, event: FieldRow.Edited) -> None:
        event.stop()
        self._check()

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        for row in self.query(FieldRow):
            if row.editor is event.input:
                row.set_message("")

    def action_apply(self) -> None:
        if self._check():
            self.dismiss(self.typed_filter())

    def action_clear(self) -> None:
        for row in self.query(FieldRow):
            row.show("")

    def action_cancel(self) -> None:
        self.dismiss(None)
