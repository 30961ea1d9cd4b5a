"""Export the list on screen to a CSV, JSON or Excel file: ask the format and the file, then write.

`export_list(screen, ListExport(...))` is all a list screen calls: the dialog proposes a file in
the exports folder, asks before replacing a file, and the rows (every row of the list with the
screen's filter, not only those shown) are written in a cancellable progress dialog.
"""
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioButton, RadioSet, Static

from segtui.config import output_dir
from segtui.domain.output.export_files import FORMATS, export_to_file
from segtui.domain.output.file_names import safe_file_name
from segtui.i18n import _
from segtui.tui.dialogs.confirm import ConfirmDialog
from segtui.tui.dialogs.work import WorkDialog
from segtui.tui.literal import literal, literal_title
from segtui.tui.widgets.form_input import FormInput

FORMAT_LABELS = {"csv": "CSV", "json": "JSON", "xlsx": "Excel (.xlsx)"}
STEP_ROWS = 500  # rows between progress reports


@dataclass(frozen=True)
class ListExport:
    """What a screen exports: a title, a file name stem, and `read()` giving the columns and the
    rows (e.g. `page_export.source_export(source)`); `read` and `count` run in the export's
    worker thread, so they may query the database."""
    title: str
    stem: str
    read: Callable[[], tuple[Sequence[str], Iterable[dict]]]
    count: Callable[[], int] | None = None


def export_list(screen, export: ListExport) -> None:
    """Ask for the format and file, then write the list; a notification says where."""
    def chosen(choice: tuple[str, Path] | None) -> None:
        if choice is not None:
            screen.app.push_screen(
                WorkDialog(_("Export {title}").format(title=export.title),
                           lambda progress: _write(export, *choice, progress),
                           message=str(choice[1])), written)

    def written(result: tuple[int, Path] | None) -> None:
        if result is not None:
            count, path = result
            screen.notify(_("Exported {count} rows to {path}").format(
                count=f"{count:,}", path=path), markup=False)

    screen.app.push_screen(ExportDialog(export.title, export.stem), chosen)


def _write(export: ListExport, fmt: str, path: Path, progress) -> tuple[int, Path]:
    total = export.count() if export.count else None
    progress.step(0, total)
    columns, rows = export.read()
    return export_to_file(_counted(rows, progress, total), columns, fmt, path), path


def _counted(rows: Iterable[dict], progress, total: int | None) -> Iterator[dict]:
    for done, row in enumerate(rows, start=1):
        if done % STEP_ROWS == 0:
            progress.step(done, total)
        yield row


class ExportDialog(ModalScreen[tuple[str, Path] | None]):
    """Dismisses with (format, path) to write, or None."""

    BINDINGS = [Binding("escape", "cancel", _("Cancel"), id="export.cancel")]

    def __init__(self, title: str, stem: str) -> None:
        super().__init__(classes="dialog")
        self.list_title = title
        self.stem = safe_file_name(stem)
        self.fmt = FORMATS[0]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box export-box") as box:
            box.border_title = literal_title(_("Export {title}").format(title=self.list_title))
            with Horizontal(classes="field-line export-formats"):
                yield Label(_("Format"), classes="field-label")
                with RadioSet(id="export-format", compact=True):
                    for fmt in FORMATS:
                        yield RadioButton(literal(FORMAT_LABELS[fmt]), value=fmt == self.fmt,
                                          name=fmt, compact=True)
            with Horizontal(classes="field-line"):
                yield Label(_("File"), classes="field-label")
                yield FormInput(str(output_dir("exports") / f"{self.stem}.{self.fmt}"),
                            compact=True, id="export-path", classes="field-editor")
            yield Static("", id="export-message", classes="dialog-error", markup=False)
            yield Static(_("Enter exports · Tab moves · ←→ choose the format · Esc cancels"),
                         classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(RadioSet.Changed)
    def _format_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.fmt = event.pressed.name
        path = self.query_one("#export-path", Input)
        current = Path(path.value)
        if current.suffix.lstrip(".") in FORMATS:
            path.value = str(current.with_suffix(f".{self.fmt}"))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    def action_export(self) -> None:
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            self._say(_("Type the name of the file to write."))
            return
        path = Path(text).expanduser()
        if not path.parent.is_dir():
            self._say(_("The folder {folder} does not exist.").format(folder=path.parent))
            return
        if path.is_dir():
            self._say(_("{path} is a folder; type a file name.").format(path=path))
            return
        if path.exists():
            def answered(replace: bool | None) -> None:
                if replace:
                    self.dismiss((self.fmt, path))
            self.app.push_screen(
                ConfirmDialog(_("Replace {path}?").format(path=path), default=False), answered)
            return
        self.dismiss((self.fmt, path))

    def _say(self, message: str) -> None:
        line = self.query_one("#export-message", Static)
        line.update(literal(message))
        line.set_class(bool(message), "shown")

    def action_cancel(self) -> None:
        self.dismiss(None)
