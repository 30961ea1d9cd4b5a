"""PagedTable on its own: column fitting, and a total that arrives after the rows."""
import threading
from dataclasses import dataclass

from tests.support.tui import wait_for
from textual.app import App

from segtui.tui.widgets.paged_table import PagedColumn, PagedTable, fit_columns


@dataclass(frozen=True)
class Item:
    no: int


class SlowCountSource:
    """Items 1…n, paged by key; `count` waits until the test releases it."""

    def __init__(self, n: int) -> None:
        self.items = [Item(number) for number in range(1, n + 1)]
        self.release = threading.Event()

    def key(self, row: Item) -> int:
        return row.no

    def first(self, limit):
        return self.items[:limit]

    def after(self, key, limit):
        return self.items[key:key + limit]

    def before(self, key, limit):
        return self.items[max(0, key - 1 - limit):key - 1]

    def last(self, limit):
        return self.items[-limit:]

    def count(self) -> int:
        self.release.wait(10)
        return len(self.items)


class TableApp(App):
    def __init__(self, source) -> None:
        super().__init__()
        self.source = source

    def compose(self):
        yield PagedTable([PagedColumn("No.", "no", 6)], page_size=10)

    def on_mount(self) -> None:
        self.query_one(PagedTable).set_source(self.source)


async def test_position_is_shown_before_and_after_the_count_arrives(sqlite_database):
    source = SlowCountSource(1000)
    app = TableApp(source)
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(PagedTable)
        await wait_for(pilot, lambda: not table.is_loading and table.window, "the first page",
                       settling=False)
        assert table.status_text() == "Row 1 of …"
        await pilot.press("end")
        await wait_for(pilot, lambda: not table.is_loading, "the page", settling=False)
        assert table.highlighted_row == Item(1000)
        assert table.status_text() == "Row 1 from the end"
        await pilot.press("up")
        assert table.status_text() == "Row 2 from the end"
        source.release.set()
        await wait_for(pilot, lambda: table.total == 1000, "the count", settling=False)
        assert table.status_text() == "Row 999 of 1,000"


def test_columns_that_do_not_fit_give_way_from_the_last_one():
    columns = [PagedColumn("A", "a", 10), PagedColumn("B", "b", 10, grow=1),
               PagedColumn("C", "c", 10, grow=2), PagedColumn("D", "d", 10)]
    assert [(c.label, w) for c, w in fit_columns(columns, 36, padding=1)] == [
        ("A", 10), ("B", 10), ("C", 10)]
    assert [(c.label, w) for c, w in fit_columns(columns, 54, padding=1)] == [
        ("A", 10), ("B", 12), ("C", 14), ("D", 10)]
    assert [(c.label, w) for c, w in fit_columns(columns, 50, padding=1)] == [
        ("A", 10), ("B", 11), ("C", 11), ("D", 10)]
    assert [(c.label, w) for c, w in fit_columns(columns, 5, padding=1)] == [("A", 10)]
