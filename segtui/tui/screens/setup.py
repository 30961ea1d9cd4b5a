"""The Setup screen: a list of setup pages beside the navigation, and the page chosen beside it
(code tables, interaction templates with their documents, saved criteria)."""
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import ContentSwitcher, OptionList
from textual.widgets.option_list import Option

from segtui.i18n import _
from segtui.tui.literal import literal
from segtui.tui.screens.setup_pages import SetupPage, setup_pages
from segtui.tui.widgets.key_bar import KeyBar
from segtui.tui.widgets.navigation import Navigation
from segtui.tui.widgets.title_bar import TitleBar


class PageList(OptionList):
    """The setup pages; moving shows a page, Enter goes into it."""

    BINDINGS = [
        Binding("down,j", "cursor_down", _("Down"), show=False, id="setup_pages.down"),
        Binding("up,k", "cursor_up", _("Up"), show=False, id="setup_pages.up"),
        Binding("enter", "select", _("Open page"), id="setup_pages.open"),
        Binding("right,l", "select", _("Open page"), show=False, id="setup_pages.into"),
    ]


class SetupScreen(Screen):
    """Setup pages on the left, the chosen page's list on the right; n/Enter/d act on it."""

    COMMAND_AREA = _("setup")
    BINDINGS = [
        Binding("enter", "edit", _("Edit"), id="setup.edit"),
        Binding("n,insert", "new", _("New"), id="setup.new"),
        Binding("d,delete", "delete", _("Delete"), id="setup.delete"),
        Binding("o", "documents", _("Documents"), id="setup.documents"),
        Binding("slash", "focus_filter", _("Filter"), id="setup.filter"),
        Binding("escape", "clear_filter", _("Clear filter"), show=False,
                id="setup.clear_filter"),
        Binding("f5", "reload", _("Reload"), show=False, id="setup.reload"),
        Binding("p", "focus_pages", _("Pages"), show=False, id="setup.pages"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.pages = setup_pages()

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal():
            yield Navigation("setup", self.app.MODES, id="navigation")
            yield PageList(*(Option(literal(label), id=page.id) for label, page in self.pages),
                           id="setup-pages")
            with ContentSwitcher(initial=self.pages[0][1].id, id="setup-content"):
                yield from (page for _label, page in self.pages)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(PageList).focus()
        self.page.load()

    @property
    def page(self) -> SetupPage:
        """The page shown now."""
        switcher = self.query_one(ContentSwitcher)
        return switcher.get_child_by_id(switcher.current, SetupPage)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        page = self.page if self.is_mounted else None
        if page is None:
            return True
        if action == "new":
            return page.can_create
        if action in ("edit", "delete"):
            return page.highlighted_row is not None
        if action == "documents":
            return page.can_show_documents and page.highlighted_row is not None
        if action == "clear_filter":
            return page.filter_active
        return True

    def action_new(self) -> None:
        self.page.new()

    def action_edit(self) -> None:
        self.page.edit()

    def action_delete(self) -> None:
        self.page.delete()

    def action_documents(self) -> None:
        self.page.documents()

    def action_focus_filter(self) -> None:
        self.page.focus_filter()

    def action_clear_filter(self) -> None:
        self.page.clear_filter()

    def action_reload(self) -> None:
        self.page.reload()

    def action_focus_pages(self) -> None:
        self.query_one(PageList).focus()

    @on(OptionList.OptionHighlighted, "#setup-pages")
    def _page_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one(ContentSwitcher).current = event.option.id
        self.page.load()
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#setup-pages")
    def _page_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.page.focus_list()

    @on(Navigation.Opened)
    def _open_section(self, event: Navigation.Opened) -> None:
        if event.section == "setup":
            event.stop()
            self.query_one(PageList).focus()
