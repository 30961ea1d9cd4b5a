"""Lines by hand: add a line for a contact, and edit one line's own fields (its override)."""
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from segtui.domain.segments import line_inheritance
from segtui.domain.segments import lines as segment_lines
from segtui.domain.values import option_label
from segtui.i18n import _
from segtui.store.enums import CorrespondenceType, Evaluation
from segtui.tui.dialogs.lookup import LookupDialog
from segtui.tui.literal import Literal, literal, literal_lines, literal_title
from segtui.tui.services import run_service
from segtui.tui.widgets.field_row import FieldRow, FormField
from segtui.tui.widgets.field_saving import FieldSaving
from segtui.domain.values import normal_code
from segtui.tui.widgets.form_input import FormInput

def _options(enum) -> tuple[str, ...]:
    return tuple(option_label(member) for member in enum)


def line_fields() -> list[FormField]:
    """The fields of a line a person may change, in the order of NAV's Segment Subform."""
    return [
        FormField(segment_lines.CONTACT, _("Contact No."), "code", "contact"),
        FormField("interaction_template", _("Template"), "code", "interaction_template"),
        FormField("description", _("Description")),
        FormField("correspondence_type", _("Corr. Type"), "option",
                  options=_options(CorrespondenceType)),
        FormField("language_code", _("Language"), "code", "language"),
        FormField("subject", _("Subject")),
        FormField("date", _("Date"), "date"),
        FormField("cost", _("Cost (LCY)"), "amount"),
        FormField("duration", _("Duration"), "amount"),
        FormField("evaluation", _("Evaluation"), "option", options=_options(Evaluation)),
        FormField("salesperson", _("Salesperson"), "code", "salesperson"),
        FormField("campaign", _("Campaign No."), "code", "campaign"),
    ]


class AddLineDialog(ModalScreen[int | None]):
    """Asks for a contact no. and adds a line for it; dismisses with the new line no."""

    BINDINGS = [
        Binding("escape", "cancel", _("Cancel"), id="add_line.cancel"),
        Binding("ctrl+s", "add", _("Add"), id="add_line.add"),
        Binding("f4", "lookup", _("Lookup"), id="add_line.lookup"),
    ]

    def __init__(self, segment_no: str) -> None:
        super().__init__(classes="dialog")
        self.segment_no = segment_no
        self._warned_for: str | None = None  # the contact whose warning was shown
        self._busy = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box add-line-box") as box:
            box.border_title = literal_title(_("New line in segment {no}").format(
                no=self.segment_no))
            with Horizontal(classes="field-line"):
                yield Label(_("Contact No."), classes="field-label")
                yield FormInput(compact=True, id="add-line-contact", classes="field-editor")
            yield Static("", id="add-line-message", markup=False)
            yield Static(_("Enter adds the line · F4 picks a contact · Esc cancels"),
                         classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @property
    def contact_no(self) -> str:
        return normal_code(self.query_one(Input).value)

    def _say(self, message: str | list[str], kind: str = "") -> None:
        line = self.query_one("#add-line-message", Static)
        line.update(literal_lines([message] if isinstance(message, str) else message))
        line.set_classes(kind)

    @on(Input.Changed)
    def _typed(self) -> None:
        self._warned_for = None
        self._say("")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_add()

    def action_lookup(self) -> None:
        def chosen(code: str | None) -> None:
            if code is not None:
                self.query_one(Input).value = code
                self.query_one(Input).focus()
        self.app.push_screen(LookupDialog.of("contact"), chosen)

    def action_add(self) -> None:
        """Check first (SL6, SL7); a shown warning is confirmed by asking again."""
        contact_no = self.contact_no
        if self._busy:
            return
        if not contact_no:
            self._say(_("Contact No. must have a value."), "error")
            return
        self._busy = True
        if self._warned_for == contact_no:
            self._add(contact_no)
            return
        run_service(self, segment_lines.add_line_warnings, self.segment_no, contact_no,
                    done=lambda warnings: self._checked(contact_no, warnings),
                    failed=self._refused, group="add-line")

    def _checked(self, contact_no: str, warnings: list[str]) -> None:
        if not warnings:
            self._add(contact_no)
            return
        self._busy = False
        self._warned_for = contact_no
        self._say([*warnings, _("Press Enter again to add the line all the same.")], "warning")

    def _add(self, contact_no: str) -> None:
        run_service(self, segment_lines.add_line, self.segment_no, contact_no,
                    user=self.app.settings.user, done=self.dismiss, failed=self._refused,
                    group="add-line")

    def _refused(self, message: str) -> None:
        self._busy = False
        self._say(message, "error")

    def action_cancel(self) -> None:
        self.dismiss(None)


class LineDialog(FieldSaving, ModalScreen[bool]):
    """Edits one line's own fields, each saved when finished; dismisses True if any changed.

    Escape saves the field being edited first; when that is refused the dialog stays open with
    the message, and a second Escape closes without it.
    """

    BINDINGS = [
        Binding("escape", "close", _("Close"), id="line.close"),
        Binding("ctrl+r", "inherit", _("Header's value"), id="line.inherit"),
    ]

    def __init__(self, segment_no: str, line_no: int) -> None:
        super().__init__(classes="dialog")
        self.segment_no = segment_no
        self.line_no = line_no
        self._seen: dict | None = None  # the line's values as the fields show them

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box line-box") as box:
            box.border_title = literal_title(_("Line {line} of segment {no}").format(
                line=self.line_no, no=self.segment_no))
            yield Static("", id="line-info", markup=False)
            yield Static("", id="line-error", classes="dialog-error", markup=False)
            with VerticalScroll(id="line-fields"):
                for spec in line_fields():
                    yield FieldRow(spec, id=f"line-{spec.attr}")
            yield Static(_("Enter saves a field · F4 lookup · ctrl+r header's value · "
                           "Esc closes"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#line-description", FieldRow).editor.focus()
        self.reload()

    def reload(self) -> None:
        run_service(self, segment_lines.read_line, self.segment_no, self.line_no,
                    done=self._show, failed=self._load_failed, group="line-read", exclusive=True)

    def _load_failed(self, message: str) -> None:
        error = self.query_one("#line-error", Static)
        error.update(literal(message))
        error.add_class("shown")

    def _show(self, values: dict) -> None:
        self._seen = dict(values)
        name = values["contact_name"] or values["contact_company_name"]
        info = Literal()
        info.append(f"{values['contact_no']}  {name}", style="bold")
        if values["contact_name"]:
            info.append("  " + values["contact_company_name"])
        info.line_break().append(_("Document: ") + (values["document"] or _("none")), style="dim")
        if values["provenance"]:
            info.append("  " + _("Added by: ") + values["provenance"], style="dim")
        # P7: which values are the line's own (header changes leave them), the rest inherits
        own = [_(segment_lines.LINE_FIELDS[attr][0])
               for attr in line_inheritance.own_field_names(values.get("own_fields") or 0)]
        info.line_break().append(_("Own values: ") + (", ".join(own) if own else
                                                      _("none, all from the header")),
                                 style="dim")
        self.query_one("#line-info", Static).update(literal(info))
        for row in self.query(FieldRow):
            row.show(values[segment_lines.VALUE_KEYS.get(row.spec.attr, row.spec.attr)])

    @on(FieldRow.Edited)
    def _edited(self, event: FieldRow.Edited) -> None:
        event.stop()
        self.field_edited(event.row, event.text)

    def write_field(self, row: FieldRow, text: str, done, failed) -> None:
        """Save the field unless someone else changed it since it was shown; after such a
        refusal the field's current value counts as seen, so Enter again saves over it."""
        key = segment_lines.VALUE_KEYS.get(row.spec.attr, row.spec.attr)

        def seen_now(values: dict) -> None:
            if self._seen is not None:
                self._seen[key] = values[key]

        def refused(message: str) -> None:
            failed(message)
            run_service(self, segment_lines.read_line, self.segment_no, self.line_no,
                        done=seen_now, group="line-seen")

        def saved(values: dict) -> None:
            if self._seen is not None:  # the person's own save is not someone else's change
                self._seen[key] = values[key]
            done(values[key])

        attr = row.spec.attr
        started_from = None if self._seen is None else {attr: self._seen[key]}
        run_service(self, segment_lines.save_line_fields, self.segment_no, self.line_no,
                    {attr: text}, user=self.app.settings.user, started_from=started_from,
                    done=saved, failed=refused, group="line-edit")

    def action_inherit(self) -> None:
        """P9: the focused field takes the header's value again and follows the header."""
        row = next((row for row in self.query(FieldRow) if row.has_focus_within), None)
        if row is None:
            return

        def inherited(values: dict) -> None:
            self.changed = True
            self._show(values)
            self.notify(_("{field} follows the header again").format(field=row.spec.label),
                        markup=False)

        def refused(message: str) -> None:
            row.set_message(message, error=True)

        run_service(self, line_inheritance.inherit_line_fields, self.segment_no, self.line_no,
                    [row.spec.attr], user=self.app.settings.user, done=inherited, failed=refused,
                    group="line-edit")

    def left(self) -> None:
        self.dismiss(self.changed)

    def action_close(self) -> None:
        self.leave()
