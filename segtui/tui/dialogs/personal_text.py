"""A personal text for one contact's letter: written, changed or taken away (M-36)."""
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from segtui.domain.documents import personal_text
from segtui.i18n import _
from segtui.tui.dialogs.confirm import ConfirmDialog
from segtui.tui.literal import literal, literal_title, printable_lines
from segtui.tui.services import run_service


class PersonalTextDialog(ModalScreen[bool]):
    """Edits the personal text of one line; dismisses True when it was saved or removed."""

    BINDINGS = [
        Binding("ctrl+s", "save", _("Save"), id="personal_text.save", priority=True),
        Binding("ctrl+d", "remove", _("Remove text"), id="personal_text.remove", priority=True),
        Binding("escape", "close", _("Close"), id="personal_text.close", priority=True),
    ]

    def __init__(self, segment_no: str, line_no: int) -> None:
        super().__init__(classes="dialog")
        self.segment_no = segment_no
        self.line_no = line_no
        self.loaded_text = ""
        self._busy = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box personal-text-box") as box:
            box.border_title = literal_title(
                _("Personal text · line {line} of segment {no}").format(line=self.line_no,
                                                                        no=self.segment_no))
            yield Static(_("This text goes into this contact's letter only."),
                         classes="dialog-hint")
            yield TextArea(id="personal-text", soft_wrap=True, show_line_numbers=False,
                           disabled=True)
            yield Static("", id="personal-text-message", classes="dialog-error", markup=False)
            yield Static(_("ctrl+s saves · ctrl+d removes the text · Esc closes"),
                         classes="dialog-hint")

    @property
    def editor(self) -> TextArea:
        return self.query_one("#personal-text", TextArea)

    def on_mount(self) -> None:
        run_service(self, personal_text.personal_text, self.segment_no, self.line_no,
                    done=self._loaded, failed=self._say, group="personal-text")

    def _loaded(self, text: str) -> None:
        # hidden characters shown as their symbols: what the person sees is what is saved
        self.loaded_text = printable_lines(text)
        self.editor.load_text(printable_lines(text))
        self.editor.disabled = False
        self.editor.focus()

    def _say(self, message: str) -> None:
        self.query_one("#personal-text-message", Static).update(literal(message))

    def _refused(self, message: str) -> None:
        self._busy = False
        self._say(message)

    def action_save(self) -> None:
        if self._busy or self.editor.disabled:
            return
        self._busy = True
        self._say("")
        run_service(self, personal_text.set_personal_text, self.segment_no, self.line_no,
                    self.editor.text, done=lambda _number: self.dismiss(True),
                    failed=self._refused, group="personal-text")

    def action_remove(self) -> None:
        if self._busy or self.editor.disabled:
            return

        def answered(yes: bool) -> None:
            if yes:
                self._busy = True
                run_service(self, personal_text.clear_personal_text, self.segment_no,
                            self.line_no, done=lambda _none: self.dismiss(True),
                            failed=self._refused, group="personal-text")
        self.app.push_screen(ConfirmDialog(
            _("Remove the personal text? The line uses the common document again."),
            default=False), answered)

    def action_close(self) -> None:
        if self._busy:
            return
        if self.editor.disabled or self.editor.text == self.loaded_text:
            self.dismiss(False)
            return

        def answered(yes: bool) -> None:
            if yes:
                self.dismiss(False)
        self.app.push_screen(ConfirmDialog(_("Discard your changes?"), default=False), answered)
