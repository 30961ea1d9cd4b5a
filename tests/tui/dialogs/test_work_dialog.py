"""Long work in a WorkDialog: its result comes back, Escape stops it and nothing is written."""
import threading

from tests.support.tui import settle, wait_for

from segtui.domain.errors import DomainError
from segtui.store.connection import db, write_transaction
from segtui.store.models import Salesperson
from segtui.tui.app import SegtuiApp
from segtui.tui.dialogs.work import WorkDialog

ENDLESS = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
           "SELECT COUNT(*) FROM n")


async def test_result_is_returned(crm_settings):
    results = []

    def job(progress):
        for done in range(5):
            progress.step(done, 5)
        return Salesperson.select().count()

    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(WorkDialog("Count", job, total=5), results.append)
        await settle(pilot)
    assert results == [Salesperson.select().count()]


async def test_escape_interrupts_the_statement_and_rolls_back(crm_settings):
    results, started = [], threading.Event()

    def job(progress):
        with write_transaction():
            Salesperson.create(code="ZZ", name="Half written")
            started.set()
            db.execute_sql(ENDLESS)  # runs until interrupted

    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(WorkDialog("Endless", job), results.append)
        await wait_for(pilot, started.is_set, "the job's start", settling=False)
        await pilot.press("escape")
        await settle(pilot)
        assert any("Canceled" in str(n.message) for n in pilot.app._notifications)
    assert results == [None]
    assert not Salesperson.select().where(Salesperson.code == "ZZ").exists()


async def test_refusal_is_shown_not_raised(crm_settings):
    results = []

    def job(progress):
        raise DomainError("segment X does not exist")

    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(WorkDialog("Fail", job), results.append)
        await settle(pilot)
        assert [n.message for n in pilot.app._notifications] == ["segment X does not exist"]
    assert results == [None]
