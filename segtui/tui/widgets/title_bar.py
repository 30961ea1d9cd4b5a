"""The title bar on the first line of every main screen: its title and sub-title, centred.

It shows what Textual's Header shows, the screen's title (else the app's) with its sub-title,
as one widget; the Header's icon and clock space are widgets of their own (the icon only takes
clicks, which a keyboard user does not need: ctrl+p opens the command palette).
"""
from textual.widget import Widget

from segtui.tui.literal import Content, literal_styled


class TitleBar(Widget, can_focus=False):
    """`title — sub-title` of the screen in front, kept up to date."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        content-align: center middle;
    }
    """

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self._retitle, init=False)
            self.watch(node, "sub_title", self._retitle, init=False)

    def _retitle(self) -> None:
        self.refresh()

    def render(self):
        screen = self.screen
        title = screen.title if screen.title is not None else self.app.title
        sub_title = screen.sub_title if screen.sub_title is not None else self.app.sub_title
        # literal: never markup, hidden characters shown; " · " as in a segment's title (Textual's
        # " — " is drawn one cell wider than it is by some fonts)
        if not sub_title:
            return literal_styled(title, "")
        return Content.assemble(literal_styled(title, ""), literal_styled(" · ", "dim"),
                                literal_styled(sub_title, "dim"))
