"""The segtui Textual app: one mode per section of the navigation, opening on Segments."""
from textual.app import App
from textual.binding import Binding

from segtui.config import Settings
from segtui.i18n import _
from segtui.store.connection import describe
from segtui.tui import stylesheet
from segtui.tui.commands import BindingCommands
from segtui.tui.screens.contacts import ContactsScreen
from segtui.tui.screens.help import HelpScreen
from segtui.tui.screens.segments import SegmentsScreen
from segtui.tui.widgets.navigation import Navigation


class SegtuiApp(App):
    """The terminal user interface over a database the caller has opened and bound."""

    CSS_PATH = [stylesheet(f"{name}.tcss") for name in (
        "app", "dialogs", "segments", "segment_form", "criteria", "log", "line_dialogs", "help")]
    MODES = {"segments": SegmentsScreen, "contacts": ContactsScreen}
    DEFAULT_MODE = "segments"
    COMMANDS = App.COMMANDS | {BindingCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", _("Quit"), id="app.quit", priority=True,
                show=False),
        Binding("f1", "help", _("Help"), id="app.help"),
    ]

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.title = "segtui"
        self.sub_title = f"{describe(settings.db_target)} · {settings.user}"

    def action_help(self) -> None:
        """Show every key of the screen in front."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def on_navigation_opened(self, event: Navigation.Opened) -> None:
        if event.section in self.MODES:
            self.switch_mode(event.section)
