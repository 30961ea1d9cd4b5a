"""The message line: what the app tells the user (a notification), in full, above the key bar.

Textual's toasts sit bottom-right over the list, hide the rows under them and cut long messages
short. Every notification (SegtuiApp.notify) is shown here instead: a line docked to the bottom
of the screen in front, above its key bar, as many lines as the message needs (wrapped, up to
6), its severity in words ("Error: …") so it reads without colour. The screen's content shrinks
to make room (a docked widget takes its height from the layout), so nothing is covered; the
list's cursor row is kept in view. Textual's toasts are hidden (this widget's CSS). On a dialog
(no key bar) the line docks to the very bottom, below the dialog. The text is literal
(segtui.tui.literal): a message holds data.
"""
from textual.app import App
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Static

from segtui.i18n import _
from segtui.tui.literal import literal
from segtui.tui.widgets.key_bar import KeyBar




def message_text(message: str, severity: str) -> str:
    """The message with its severity in words: "Error: …", "Warning: …", else as it is."""
    if severity == "error":
        return _("Error: {message}").format(message=message)
    if severity == "warning":
        return _("Warning: {message}").format(message=message)
    return message


class MessageLine(Static, can_focus=False):
    """The last notification of its screen, until its time is up."""

    ALLOW_SELECT = False
    SCOPED_CSS = False  # the rule for Textual's toasts below is not about this widget's children
    DEFAULT_CSS = """
    /* Textual's toasts are not shown (the rack shows itself by an inline style, so its toasts
       are what is hidden): this line says it all, in full and over nothing */
    Toast {
        display: none;
    }
    MessageLine {
        dock: bottom;
        width: 100%;
        height: auto;
        max-height: 6;
        padding: 0 1;
        display: none;
        background: $panel;
        color: $text;
        &.shown { display: block; }
        &.above-keys { margin-bottom: 1; }
        &.-warning { background: $warning-muted; }
        &.-error { background: $error-muted; text-style: bold; }
    }
    """

    def __init__(self) -> None:
        super().__init__("", markup=False, id="message-line")
        self._timer: Timer | None = None

    def on_mount(self) -> None:
        self.set_class(bool(self.screen.query(KeyBar)), "above-keys")

    def show(self, message: str, severity: str, timeout: float) -> None:
        """Show `message` for `timeout` seconds (it replaces the one shown)."""
        self.update(literal(message_text(message, severity)))
        for level in ("information", "warning", "error"):
            self.set_class(level == severity, f"-{level}")
        self.add_class("shown")
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(timeout, self.clear)
        self.call_after_refresh(self._cursor_into_view)

    def clear(self) -> None:
        self.remove_class("shown")
        self._timer = None
        self.call_after_refresh(self._cursor_into_view)

    def _cursor_into_view(self) -> None:
        """The list in front is shorter (or longer) now: its cursor row stays in sight."""
        focused = self.screen.focused
        if isinstance(focused, DataTable) and focused.row_count:
            focused.move_cursor(row=focused.cursor_row, scroll=True)


def message_line(screen: Screen) -> MessageLine:
    """The message line of `screen`, mounted on first use."""
    lines = screen.query(MessageLine)
    if lines:
        return lines.first()
    line = MessageLine()
    screen.mount(line)
    return line


def show_message(app: App, message: str, severity: str, timeout: float) -> None:
    """Show `message` on the screen in front once the handler that sent it is done (a dialog
    that says what it did and closes: the message belongs to the screen it closes onto)."""
    def show() -> None:
        if app.is_running and app.screen_stack:
            message_line(app.screen).show(message, severity, timeout)
    app.call_later(show)
