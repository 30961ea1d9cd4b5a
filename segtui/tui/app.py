"""The segtui Textual app: one mode per section of the navigation, opening on Contacts."""
from textual.app import App
from textual.binding import Binding

from segtui.config import Settings
from segtui.i18n import _
from segtui.store.connection import describe
from segtui.tui import stylesheet
from segtui.tui.screens.contacts import ContactsScreen
from segtui.tui.widgets.navigation import Navigation


class SegtuiApp(App):
    """The terminal user interface over a database the caller has opened and bound."""

    CSS_PATH = stylesheet("app.tcss")
    MODES = {"contacts": ContactsScreen}
    DEFAULT_MODE = "contacts"
    BINDINGS = [
        Binding("ctrl+q", "quit", _("Quit"), id="app.quit", priority=True),
    ]

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.title = "segtui"
        self.sub_title = f"{describe(settings.db_target)} · {settings.user}"

    def on_navigation_opened(self, event: Navigation.Opened) -> None:
        if event.section in self.MODES:
            self.switch_mode(event.section)
