"""The Import contacts dialog: the CSV file and the options of `segtui contacts import`."""
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from segtui.i18n import _
from segtui.tui.literal import literal
from segtui.tui.widgets.check_box import TickBox
from segtui.tui.widgets.form_input import FormInput


@dataclass(frozen=True)
class ImportRequest:
    """What to import and how; `dry_run` checks every row and writes nothing."""
    path: str
    update: bool = False
    create_codes: bool = False
    create_companies: bool = False
    all_or_nothing: bool = False
    dry_run: bool = False


class ImportDialog(ModalScreen[ImportRequest | None]):
    """Dismisses with an ImportRequest for a file that exists, or None on Escape."""

    BINDINGS = [
        Binding("ctrl+d", "run(True)", _("Check"), id="import.check"),
        Binding("ctrl+s", "run(False)", _("Import"), id="import.import"),
        Binding("escape", "cancel", _("Cancel"), id="import.cancel"),
    ]

    def __init__(self, path: str = "") -> None:
        super().__init__(classes="dialog")
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box import-box") as box:
            box.border_title = _("Import contacts")
            with Horizontal(classes="field-line"):
                yield Label(_("File"), classes="import-label")
                yield FormInput(self.path, placeholder=_("path of a CSV file"),
                            compact=True, id="import-path")
            yield Static("", id="import-message", classes="dialog-error", markup=False)
            yield TickBox(_("Update existing contacts (by No. or e-mail)"),
                          id="import-update", compact=True)
            yield TickBox(_("Create missing codes"), id="import-create-codes", compact=True)
            yield TickBox(_("Create missing companies (by name)"),
                          id="import-create-companies", compact=True)
            yield TickBox(_("Import nothing if a row is refused"),
                          id="import-all-or-nothing", compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Check"), id="import-check", variant="primary", compact=True)
                yield Button(_("Import"), id="import-import", compact=True)
            yield Static(_("Enter in File or ctrl+d checks (writes nothing) · ctrl+s imports"),
                         classes="dialog-hint")
            yield Static(_("Tab moves · Space ticks · Escape cancels"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    @on(Input.Submitted, "#import-path")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_run(True)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_run(event.button.id == "import-check")

    @on(Input.Changed, "#import-path")
    def _typed(self) -> None:
        self.query_one("#import-message", Static).update("")

    def action_run(self, dry_run: bool) -> None:
        """Dismiss with the request once the file is there; else say why, and stay."""
        typed = self.query_one("#import-path", Input).value.strip()
        if not typed:
            self._refuse(_("Type the path of a CSV file."))
            return
        path = Path(typed).expanduser().absolute()
        if not path.is_file():
            self._refuse(_("There is no file {path}.").format(path=path))
            return
        self.dismiss(ImportRequest(
            path=str(path),
            update=self.query_one("#import-update", Checkbox).value,
            create_codes=self.query_one("#import-create-codes", Checkbox).value,
            create_companies=self.query_one("#import-create-companies", Checkbox).value,
            all_or_nothing=self.query_one("#import-all-or-nothing", Checkbox).value,
            dry_run=dry_run))

    def _refuse(self, message: str) -> None:
        self.query_one("#import-message", Static).update(literal(message))
        self.query_one("#import-path", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
