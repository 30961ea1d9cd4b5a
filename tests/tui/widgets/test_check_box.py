"""TickBox: the state is in the characters, `[x]` / `[ ]`, in a dark and a light theme and with
NO_COLOR; space toggles it and Checkbox.Changed still reaches the handlers."""
import pytest
from textual.app import App
from textual.widgets import Checkbox
from tests.support.tui import settle

from segtui.tui.widgets.check_box import TickBox


class Boxes(App):
    def __init__(self, theme: str) -> None:
        super().__init__()
        self.changes = []
        self.wanted_theme = theme

    def compose(self):
        yield TickBox("Deliver", value=True, id="on", compact=True)
        yield TickBox("Follow-up", id="off", compact=True)

    def on_mount(self) -> None:
        self.theme = self.wanted_theme

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.changes.append((event.checkbox.id, event.value))


@pytest.mark.parametrize("theme, no_color", [
    ("textual-dark", False), ("textual-light", False), ("textual-dark", True)])
async def test_the_state_is_readable_without_colour(monkeypatch, theme, no_color):
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = Boxes(theme)
    async with app.run_test(size=(40, 4)) as pilot:
        await settle(pilot)
        assert app.no_color is no_color
        assert str(app.query_one("#on").render()) == "[x] Deliver "
        assert str(app.query_one("#off").render()) == "[ ] Follow-up "
        await pilot.press("tab", "space")                 # the focus moves to Follow-up
        await settle(pilot)
        assert str(app.query_one("#off").render()) == "[x] Follow-up "
        assert app.changes == [("off", True)]


async def test_a_space_apart_from_the_focused_label_separates_button_and_label():
    """The focus colours the label, not the space after `[x]` (which drew `[x]Deliver`)."""
    app = Boxes("textual-dark")
    async with app.run_test(size=(40, 4)) as pilot:
        await settle(pilot)
        box = app.query_one("#on")
        assert box.has_focus
        spans = [(segment.text, segment.style.bgcolor) for segment in box.render_line(0)]
        texts = [text for text, _colour in spans]
        assert texts[:3] == ["[x]", " ", "Deliver "]
        assert spans[1][1] != spans[2][1]
