"""The key bar: the keys that act now on one line, as Textual's Footer would show them."""
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widget import Widget

from segtui.tui.widgets.key_bar import KeyBar

SIZE = (80, 24)


class Pane(Widget, can_focus=True):
    """A focusable widget with a key of its own."""

    BINDINGS = [Binding("s", "sort", "Sort")]

    def action_sort(self) -> None:
        pass


class Keys(App):
    """An app with keys of every kind, and a focusable pane with a key of its own."""

    BINDINGS = [
        Binding("n", "new", "New"),
        Binding("insert", "new", "New (again)"),
        Binding("d", "delete", "Delete"),
        Binding("h", "hidden", "Hidden", show=False),
        Binding("x", "never", "Never"),
    ]

    def compose(self) -> ComposeResult:
        yield Pane()
        yield KeyBar()

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "never":
            return False  # not offered: not shown
        if action == "delete":
            return None  # offered but not now: dimmed
        return True

    def action_new(self) -> None:
        pass


def dimness(text, part: str) -> set[bool]:
    """Whether the styles over `part` of the bar's text are dim (one answer per style)."""
    start = text.plain.index(part)
    end = start + len(part)
    return {bool(span.style.dim) for span in text.spans if span.start < end and start < span.end}


def bar_line(app: App) -> str:
    return app.screen.query_one(KeyBar).render_line(0).text


async def test_each_shown_action_once_dimmed_when_it_cannot_act():
    app = Keys()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        assert ("n", "New", True) in bar.keys()
        assert ("d", "Delete", False) in bar.keys()
        descriptions = [description for _key, description, _enabled in bar.keys()]
        assert "New (again)" not in descriptions and "Hidden" not in descriptions
        assert "Never" not in descriptions
        text = bar.render()
        assert dimness(text, " d Delete ") == {True}
        assert dimness(text, " n New ") == {False}


async def test_the_palette_key_sits_at_the_right_end_and_the_line_fits():
    app = Keys()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = bar_line(app)
        assert len(line) == SIZE[0]
        assert line.rstrip().endswith("^p palette")
        assert line.startswith(" ")


async def test_the_bar_follows_the_focus():
    app = Keys()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, Pane)
        focused = bar_line(app)
        app.set_focus(None)
        await pilot.pause()
        unfocused = bar_line(app)
        assert " s Sort " in focused and "Sort" not in unfocused
        assert "New" in focused and "New" in unfocused


async def test_a_narrow_terminal_crops_the_keys_but_keeps_the_palette():
    app = Keys()
    async with app.run_test(size=(20, 10)) as pilot:
        await pilot.pause()
        line = bar_line(app)
        assert len(line) == 20
        assert line.rstrip().endswith("^p palette")


class Crowded(App):
    """More keys than fit at 80 columns, a help key and keys to the sections."""

    BINDINGS = [Binding(key, f"noop('{key}')", f"Act {key}") for key in "abcdef"] + [
        Binding("f1", "noop", "Help", id="app.help"),
        Binding("f2", "noop", "One", id="app.go_one", show=False),
        Binding("f3", "noop", "Two", id="app.go_two", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield KeyBar()

    def action_noop(self, _key: str = "") -> None:
        pass


async def test_help_and_the_sections_stay_on_the_right_the_palette_word_gives_way():
    app = Crowded()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = bar_line(app)
        assert len(line) == SIZE[0]
        assert " f Act f " in line and line.rstrip().endswith("▏ f1 Help  f2… Go  ^p")
        assert "One" not in line and "Two" not in line
        assert ("f1", "Help", True) not in app.screen.query_one(KeyBar).keys()


class MoreCrowded(Crowded):
    """Seven keys: all of them fit only when the help key's word gives way too."""

    BINDINGS = [Binding(key, f"noop('{key}')", f"Act {key}") for key in "abcdefg"] + \
        Crowded.BINDINGS[6:]


async def test_the_help_word_gives_way_last_so_that_every_key_shows():
    app = MoreCrowded()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = bar_line(app)
        assert len(line) == SIZE[0]
        assert " g Act g " in line
        assert line.rstrip().endswith("▏ f1  f2…  ^p")
