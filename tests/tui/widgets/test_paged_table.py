"""PagedTable on its own: column fitting, and a total that arrives after the rows."""
import threading
from dataclasses import dataclass

from tests.support.tui import wait_for
from textual.app import App

from segtui.tui.widgets.paged_table import CODE, PagedColumn, PagedTable, fit_columns


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


def test_a_code_column_is_as_wide_as_its_longest_value_and_never_cut():
    columns = [PagedColumn("No.", "no", 4, kind=CODE), PagedColumn("Name", "name", 6, grow=1)]
    fitted = fit_columns(columns, 30, padding=1, widths={"no": 12, "name": 40})
    assert [(c.label, w) for c, w in fitted] == [("No.", 12), ("Name", 14)]
    # the heading is the least width of a code; a text column keeps its least width
    assert fit_columns([PagedColumn("Contact", "c", 2, kind=CODE)], 30, padding=1)[0][1] == 7


def test_a_text_column_of_short_values_gives_its_cells_to_the_names_beside_it():
    columns = [PagedColumn("Name", "name", 10, grow=1), PagedColumn("Company", "company", 16),
               PagedColumn("Town", "town", 10)]
    # before a row is seen each keeps its least width
    assert [w for _c, w in fit_columns(columns, 42, padding=1)] == [10, 16, 10]
    # a page of persons without a company: Company shrinks to its heading, Name gets the rest
    fitted = fit_columns(columns, 42, padding=1, widths={"name": 20, "company": 0, "town": 6})
    assert [(c.label, w) for c, w in fitted] == [("Name", 23), ("Company", 7), ("Town", 6)]
    # a growing column of blanks does not take the spare cells back from the names
    columns[1] = PagedColumn("Company", "company", 16, grow=1)
    fitted = fit_columns(columns, 42, padding=1, widths={"name": 20, "company": 0, "town": 6})
    assert [(c.label, w) for c, w in fitted] == [("Name", 23), ("Company", 7), ("Town", 6)]
    # when every growing column has room to spare, they share it as before
    fitted = fit_columns(columns, 60, padding=1, widths={"name": 8, "company": 0, "town": 6})
    assert sum(w for _c, w in fitted) == 60 - 6


def test_less_important_columns_give_way_and_the_rest_keep_their_order():
    columns = [PagedColumn("Date", "date", 10, kind=CODE, priority=3),
               PagedColumn("No.", "no", 5, kind=CODE, priority=0),
               PagedColumn("Name", "name", 8, priority=1),
               PagedColumn("Tmpl", "tmpl", 4, kind=CODE, priority=2),
               PagedColumn("X", "x", 1, kind=CODE, priority=4)]
    # 7 + 10 + 6 = 23 fit; Date (12) does not, and X, less important, gives way with it
    assert [c.label for c, _w in fit_columns(columns, 26, padding=1)] == ["No.", "Name", "Tmpl"]
    assert [c.label for c, _w in fit_columns(columns, 38, padding=1)] == [
        "Date", "No.", "Name", "Tmpl", "X"]
    # a code wider than the least width pushes a column out rather than being cut
    assert [c.label for c, _w in fit_columns(columns, 38, padding=1, widths={"no": 9})] == [
        "No.", "Name", "Tmpl"]


def test_spare_cells_widen_text_to_its_longest_value_first_then_go_to_growing_columns():
    columns = [PagedColumn("No.", "no", 3, kind=CODE), PagedColumn("Name", "name", 6, grow=1),
               PagedColumn("City", "city", 6)]
    # 5 + 8 + 8 = 21 used, 9 spare: City (no grow) reaches its longest value 8 as Name does
    fitted = fit_columns(columns, 30, padding=1, widths={"name": 10, "city": 8})
    assert [(c.label, w) for c, w in fitted] == [("No.", 3), ("Name", 13), ("City", 8)]
