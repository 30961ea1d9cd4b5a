"""segtui's text field: shows the start of its value whenever it is not being edited.

Textual's Input keeps the scroll position of its cursor when the focus leaves it, so a value
longer than the field showed its end ("pring mailing", the first letters scrolled away). On
blur the cursor (and with it the view) goes back to the start; on focus it goes to the end,
where typing carries on.
"""
from textual import events
from textual.widgets import Input


class FormInput(Input):
    """An Input that shows the start of its value when it has no focus."""

    # Textual calls the handler of each class of the MRO: Input's own runs after these.
    def _on_blur(self, _event: events.Blur) -> None:
        self.cursor_position = 0

    def _on_focus(self, _event: events.Focus) -> None:
        if not self.select_on_focus:
            self.cursor_position = len(self.value)

    def show_start(self) -> None:
        """After setting the value from outside: its start, unless it is being edited."""
        self.cursor_position = len(self.value) if self.has_focus else 0
