"""The title bar: the screen's title (else the app's) and sub-title, following changes."""
from textual.app import App, ComposeResult
from textual.screen import Screen

from segtui.tui.widgets.title_bar import TitleBar

SIZE = (80, 24)


class Titled(Screen):
    def compose(self) -> ComposeResult:
        yield TitleBar()


class Titles(App):
    def on_mount(self) -> None:
        self.title = "segtui"
        self.sub_title = "[bold]db · TESTER"
        self.push_screen(Titled())


def title_line(app: App) -> str:
    return app.screen.query_one(TitleBar).render_line(0).text


async def test_the_app_title_then_the_screen_title_as_it_changes():
    app = Titles()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = title_line(app)
        assert len(line) == SIZE[0]
        assert "segtui · [bold]db · TESTER" in line  # markup in a title shows as typed
        app.screen.title = "Segment SEG00001"
        app.screen.sub_title = "Spring mailing"
        await pilot.pause()
        assert "Segment SEG00001 · Spring mailing" in title_line(app)
        app.screen.title = None
        await pilot.pause()
        assert "segtui · Spring mailing" in title_line(app)
