"""The Labels dialog (C-02): the label layout (keys 1–4 or the arrows) and the output file.

The file starts as the default one for the chosen layout and follows the layout until the user
edits it. The dialog only asks; the caller writes the labels (in a WorkDialog) and says how
many labels and pages went where.
"""
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from segtui.domain.documents import labels
from segtui.i18n import _
from segtui.tui.dialogs.work import WorkDialog
from segtui.tui.literal import literal, literal_title
from segtui.tui.widgets.form_input import FormInput


@dataclass(frozen=True)
class LabelsRequest:
    layout: str
    out: str  # as typed; blank: the default file


def layout_text(layout: str) -> str:
    sheet = labels.LAYOUTS[layout]
    return _("{height} × {width} mm, {columns} columns, 8 rows a page").format(
        height=sheet.height_mm, width=sheet.width_mm, columns=sheet.columns)


class LabelsDialog(ModalScreen[LabelsRequest | None]):
    """Dismisses with a LabelsRequest (Enter or ctrl+s), or None on Escape."""

    BINDINGS = [
        Binding("ctrl+s", "write", _("Write labels"), id="labels.write"),
        Binding("escape", "cancel", _("Cancel"), id="labels.cancel"),
        Binding("1", "layout(0)", _("Layout 1"), show=False, id="labels.layout_1"),
        Binding("2", "layout(1)", _("Layout 2"), show=False, id="labels.layout_2"),
        Binding("3", "layout(2)", _("Layout 3"), show=False, id="labels.layout_3"),
        Binding("4", "layout(3)", _("Layout 4"), show=False, id="labels.layout_4"),
    ]

    def __init__(self, title: str, *, segment_no: str | None = None,
                 logged_entry_no: int | None = None) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.source = {"segment_no": segment_no, "logged_entry_no": logged_entry_no}
        self.chosen_layout = labels.DEFAULT_LAYOUT
        self._default_out = ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box labels-box") as box:
            box.border_title = literal_title(self.title_text)
            yield OptionList(*(Option(literal(f"{number}  {layout_text(layout)}"), id=layout)
                               for number, layout in enumerate(labels.LAYOUTS, 1)),
                             id="labels-layouts")
            with Horizontal(classes="field-line"):
                yield Label(_("File"), classes="field-label")
                yield FormInput(compact=True, id="labels-out", classes="field-editor")
            yield Static(_("1–4 or ↑↓ picks the layout · Enter writes · Esc cancels"),
                         classes="dialog-hint")

    def on_mount(self) -> None:
        self._pick(list(labels.LAYOUTS).index(self.chosen_layout))
        self.query_one("#labels-layouts", OptionList).focus()

    def _pick(self, index: int) -> None:
        self.chosen_layout = list(labels.LAYOUTS)[index]
        self.query_one("#labels-layouts", OptionList).highlighted = index
        out = self.query_one("#labels-out", Input)
        if out.value == self._default_out:  # not edited: it follows the layout
            self._default_out = str(labels.default_path(self.chosen_layout, **self.source))
            out.value = self._default_out

    def action_layout(self, index: int) -> None:
        self._pick(index)  # a digit typed in the file name stays there (Input consumes it)

    @on(OptionList.OptionHighlighted, "#labels-layouts")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id != self.chosen_layout:
            self._pick(event.option_index)

    @on(OptionList.OptionSelected, "#labels-layouts")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._pick(event.option_index)
        self.action_write()

    @on(Input.Submitted, "#labels-out")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_write()

    def action_write(self) -> None:
        self.dismiss(LabelsRequest(self.chosen_layout, self.query_one("#labels-out", Input).value))

    def action_cancel(self) -> None:
        self.dismiss(None)



def open_labels(screen, title: str, *, segment_no: str | None = None,
                logged_entry_no: int | None = None, total: int | None = None) -> None:
    """Ask for the layout and the file, write the labels with a progress bar (Esc cancels,
    leaving no file), then say in one notification how many labels and pages went where."""
    source = {"segment_no": segment_no, "logged_entry_no": logged_entry_no}

    def written(result: labels.LabelsWritten | None) -> None:
        if result is not None:
            screen.notify(result.message, title=_("Labels"), markup=False, timeout=10)

    def chosen(request: LabelsRequest | None) -> None:
        if request is None:
            return

        def job(progress):
            return labels.write_labels(request.layout, out=request.out,
                                       progress=lambda done: progress.step(done, total),
                                       **source)
        screen.app.push_screen(WorkDialog(_("Labels"), job, total=total), written)
    screen.app.push_screen(LabelsDialog(title, **source), chosen)
