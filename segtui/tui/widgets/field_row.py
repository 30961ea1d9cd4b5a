"""One field of a form: its label, an editor fit for its kind, and its message beside it.

Forms are declared once as a list of `FormField` specs and drawn by this one widget. The row
never writes: when the person has finished an edit (Enter, leaving the field, a toggle, a choice,
a pick from the lookup) it posts `FieldRow.Edited` with the text, and the screen saves it.
"""
from dataclasses import dataclass, field

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, Select, Static

from segtui.i18n import _
from segtui.tui.literal import literal, printable
from segtui.tui.dialogs.lookup import LookupDialog
from segtui.tui.shown_values import shown
from segtui.tui.widgets.check_box import TickBox
from segtui.tui.widgets.form_input import FormInput

YES, NO = "yes", "no"


@dataclass(frozen=True)
class FormField:
    """A field of a form: what it edits, its label, its kind, pick list and option labels."""
    attr: str
    label: str
    kind: str = "text"          # text | code | date | amount | bool | option | info
    lookup: str | None = None   # a kind of segtui.domain.setup.lookups for F4
    options: tuple[str, ...] = field(default_factory=tuple)


class FieldRow(Vertical):
    """A labelled editor with a message line under it that shows only when there is something
    to say (a refusal in red, or why the field is disabled)."""

    BINDINGS = [
        Binding("f4", "lookup", _("Lookup"), id="field.lookup"),
    ]

    class Edited(Message):
        """The person finished editing `attr`; `text` is what the field holds now."""

        def __init__(self, row: "FieldRow", text: str) -> None:
            super().__init__()
            self.row = row
            self.attr = row.spec.attr
            self.text = text

        @property
        def control(self) -> "FieldRow":
            return self.row

    def __init__(self, spec: FormField, **kwargs) -> None:
        super().__init__(classes="field-row", **kwargs)
        self.spec = spec
        self.saved_text = ""
        self._loading = False

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-line"):
            yield Label(literal(self.spec.label), classes="field-label")
            yield self._editor()
        yield Static("", classes="field-message", markup=False)

    def _editor(self):
        spec = self.spec
        if spec.kind == "bool":
            return TickBox("", compact=True, classes="field-editor")
        if spec.kind == "option":
            return Select([(shown(label) or _("(blank)"), label) for label in spec.options],
                          allow_blank=False, compact=True, classes="field-editor")
        return FormInput(compact=True, classes="field-editor", disabled=spec.kind == "info",
                     select_on_focus=False)

    @property
    def editor(self):
        return self.query_one(".field-editor")

    @property
    def text(self) -> str:
        """What the editor holds now, as text."""
        editor = self.editor
        if isinstance(editor, Checkbox):
            return YES if editor.value else NO
        if isinstance(editor, Select):
            return str(editor.value)
        return editor.value

    def show(self, value) -> None:
        """Show the stored value (without reporting an edit) and drop any message."""
        text = (YES if value else NO) if self.spec.kind == "bool" else str(value or "")
        self.saved_text = text
        self._loading = True
        editor = self.editor
        if isinstance(editor, Checkbox):
            editor.value = bool(value)
        elif isinstance(editor, Select):
            editor.value = text if text in self.spec.options else self.spec.options[0]
        else:
            text = self.saved_text = printable(text)  # stored control characters, made visible
            editor.value = text
            editor.show_start()
        self.call_after_refresh(self._loaded)
        self.set_message("")

    def _loaded(self) -> None:
        self._loading = False

    def set_message(self, message: str, *, error: bool = False) -> None:
        message_line = self.query_one(".field-message", Static)
        message_line.update(literal(message))
        message_line.set_class(bool(message), "shown")
        self.set_class(error and bool(message), "invalid")

    def enable(self, reason: str | None) -> None:
        """Enabled when `reason` is None; else disabled, and the reason shows on focus."""
        if self.spec.kind != "info":
            self.editor.disabled = reason is not None
        self.tooltip = None if reason is None else literal(reason)

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "lookup":
            return self.spec.lookup is not None and not self.editor.disabled
        return True

    def action_lookup(self) -> None:
        """Pick a code from the field's list; the choice counts as an edit."""
        def chosen(code: str | None) -> None:
            if code is not None:
                self.editor.value = code
                self._edited()
        self.app.push_screen(LookupDialog.of(self.spec.lookup), chosen)

    def _edited(self) -> None:
        if not self._loading and self.text != self.saved_text:
            self.post_message(self.Edited(self, self.text))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._finished()

    @on(Input.Blurred)
    def _left(self, event: Input.Blurred) -> None:
        event.stop()
        self._finished()

    def _finished(self) -> None:
        """Enter or leaving: the stored value typed back needs no save, and its refusal goes;
        another value is saved (which shows the stored values, and drops the message)."""
        if self.text == self.saved_text:
            self.set_message("")
        self._edited()

    @on(Checkbox.Changed)
    @on(Select.Changed)
    def _chosen(self, event: Message) -> None:
        event.stop()
        self._edited()
