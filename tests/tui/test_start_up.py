"""What the start-up does to be quick, and that it changes nothing a user sees: the rows read
early, the other screens' stylesheets read on first use, the cycle collector switched back on."""
import gc
import threading

from peewee import OperationalError
from tests.support.tui import settle

from segtui.domain.segments.open_segments import list_segments
from segtui.domain.segments.headers import create_segment
from segtui.tui import stylesheet
from segtui.tui.app import SegtuiApp
from segtui.tui.early_read import EarlyRead
from segtui.tui.screens.segment_form import SegmentFormScreen
from segtui.tui.screens import segments as segments_screen
from segtui.tui.screens.segments import SegmentTable

SIZE = (80, 24)


def new_segment(description: str) -> str:
    return create_segment(user="TESTER", description=description, template="LETTER")


def row_numbers(app) -> list[str]:
    return [row.no for row in app.screen.query_one(SegmentTable).rows_shown]


def counted(monkeypatch) -> list[int]:
    """Count the Segments screen's own reads of the list."""
    calls = []

    def list_and_count() -> list[dict]:
        calls.append(1)
        return list_segments()

    monkeypatch.setattr(segments_screen, "list_segments", list_and_count)
    return calls


async def test_rows_read_early_are_in_the_first_frame(crm_settings, monkeypatch):
    first = new_segment("Spring letter")
    early = EarlyRead(list_segments)
    early.result()
    reads = counted(monkeypatch)
    app = SegtuiApp(crm_settings, first_segments=early)
    async with app.run_test(size=SIZE) as pilot:
        assert row_numbers(app) == [first]  # before any worker could have run
        await settle(pilot)
        assert reads == []
        second = new_segment("Autumn meeting")
        await pilot.press("r")  # a reload reads afresh
        await settle(pilot)
        assert row_numbers(app) == [first, second] and reads == [1]


async def test_an_early_read_still_running_is_awaited_in_a_worker(crm_settings, monkeypatch):
    first = new_segment("Spring letter")
    go_on = threading.Event()
    reads = counted(monkeypatch)

    def slow_list() -> list[dict]:
        go_on.wait(10)
        return list_segments()

    app = SegtuiApp(crm_settings, first_segments=EarlyRead(slow_list))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert row_numbers(app) == []
        assert str(app.screen.query_one("#segments-status").render()) == "Loading…"
        go_on.set()
        await settle(pilot)
        assert row_numbers(app) == [first]
        assert reads == []  # the early read's answer, not a second read


async def test_a_failed_early_read_is_reported_like_any_read(crm_settings):
    def broken() -> list[dict]:
        raise OperationalError("no such table: segment_header")

    app = SegtuiApp(crm_settings, first_segments=EarlyRead(broken))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        messages = [notice.message for notice in app._notifications]
        assert any("no such table: segment_header" in message for message in messages)
        assert row_numbers(app) == []


def test_an_early_read_hands_over_its_result_or_its_error(crm_settings):
    new_segment("Spring letter")
    early = EarlyRead(list_segments)
    assert [row["description"] for row in early.result()] == ["Spring letter"]
    assert early.ready

    def broken():
        raise OperationalError("disk I/O error")

    failed = EarlyRead(broken)
    try:
        failed.result()
    except OperationalError as error:
        assert "disk I/O error" in str(error)
    else:
        raise AssertionError("the error was not handed over")
    assert not failed.ready


async def test_other_screens_stylesheets_are_read_when_the_first_of_them_opens(crm_settings):
    new_segment("Spring letter")
    app = SegtuiApp(crm_settings)
    later = stylesheet("segment_form.tcss")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.stylesheet.has_source(stylesheet("segments.tcss"))
        assert not app.stylesheet.has_source(later)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SegmentFormScreen)
        assert all(app.stylesheet.has_source(path) for path in SegtuiApp.LATER_CSS_PATH)
        # a rule of segment_form.tcss (.field-label { width: 15 }) is in force
        assert app.screen.query_one("#field-no .field-label").size.width == 15


async def test_the_cycle_collector_runs_again_once_the_first_screen_is_drawn(crm_settings):
    gc.disable()  # as segtui.launch leaves it for the start-up
    try:
        app = SegtuiApp(crm_settings)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
