"""The options of a reuse of a logged segment (C14), asked after the pick of Reuse Logged Segment
and before a follow-up: Include canceled and Ignore exclusion, with what the reuse would add and
skip, said again as they are ticked. A choice that adds no line is not accepted: the dialog says
why instead (C15)."""
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Static

from segtui.domain.segments.logged_reuse import ReuseOptions, ReuseResult, reuse_summary
from segtui.i18n import _
from segtui.tui.literal import literal, literal_title
from segtui.tui.widgets.check_box import TickBox


def option_labels() -> tuple[str, str]:
    return _("Include canceled"), _("Ignore exclusion")


def option_hints() -> tuple[str, str]:
    """What the TUI's messages say takes the skipped entries: the dialog's tick boxes."""
    return tuple(_("tick {option}").format(option=label) for label in option_labels())


class ReuseOptionsDialog(ModalScreen[ReuseOptions | None]):
    """Dismisses with the options ticked, or None on Escape. `previews` holds what the reuse
    would do with each choice of options (`logged_reuse.previews`)."""

    BINDINGS = [
        Binding("ctrl+s", "accept", _("Reuse"), id="reuse_options.accept"),
        Binding("escape", "cancel", _("Cancel"), id="reuse_options.cancel"),
    ]

    def __init__(self, title: str, previews: dict[ReuseOptions, ReuseResult]) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.previews = previews

    def compose(self) -> ComposeResult:
        include_canceled, ignore_exclusion = option_labels()
        with Vertical(classes="dialog-box reuse-options-box") as box:
            box.border_title = literal_title(self.title_text)
            for widget_id, label, hint in (
                    ("reuse-include-canceled", include_canceled,
                     _("also the canceled entries")),
                    ("reuse-ignore-exclusion", ignore_exclusion,
                     _("also contacts marked Exclude from Segment or Privacy Blocked"))):
                yield TickBox(label, id=widget_id, compact=True)
                yield Static(literal(hint), classes="dialog-hint")
            yield Static(id="reuse-preview", classes="dialog-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Reuse"), id="reuse-accept", variant="primary", compact=True)
                yield Button(_("Cancel"), id="reuse-cancel", compact=True)
            yield Static(_("Tab moves · Space ticks · ctrl+s reuses · Esc cancels"),
                         classes="dialog-hint")

    def on_mount(self) -> None:
        self._show_preview()
        self.query_one("#reuse-include-canceled", TickBox).focus()

    @property
    def options(self) -> ReuseOptions:
        return ReuseOptions(self.query_one("#reuse-include-canceled", Checkbox).value,
                            self.query_one("#reuse-ignore-exclusion", Checkbox).value)

    @property
    def preview(self) -> ReuseResult:
        return self.previews[self.options]

    def _show_preview(self) -> None:
        preview = self.preview
        view = self.query_one("#reuse-preview", Static)
        view.update(literal(reuse_summary(preview, option_hints())))
        view.set_class(not preview.count, "dialog-error")

    @on(Checkbox.Changed)
    def _ticked(self, event: Checkbox.Changed) -> None:
        event.stop()
        self._show_preview()

    def action_accept(self) -> None:
        if not self.preview.count:
            self.app.bell()  # the preview line says why there would be no line
            return
        self.dismiss(self.options)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#reuse-accept")
    def _accept_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_accept()

    @on(Button.Pressed, "#reuse-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()
