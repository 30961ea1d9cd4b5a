"""Shared by the TUI tests: deterministic contacts and Pilot helpers."""
import time
from collections.abc import Callable

from textual.pilot import Pilot
from textual.worker import WorkerCancelled, WorkerState

from segtui.store.connection import db
from segtui.store.enums import ContactType
from segtui.store.models import Contact
from segtui.tui.widgets.paged_table import PagedTable

CITIES = ["Stockholm", "Göteborg", "Malmö", "Uppsala", "Oslo", "Köpenhamn", "Hamburg"]
CONTACT_COUNT = 1000
ACTIVE = (WorkerState.PENDING, WorkerState.RUNNING)


def contact_no(number: int) -> str:
    return f"C{number:06d}"


def sample_contacts(count: int = CONTACT_COUNT) -> list[dict]:
    """Contacts C000001…: C000001 is a company, C000002–C000005 work there, C000006 … likewise."""
    rows = []
    for number in range(1, count + 1):
        company = (number - 1) // 5 * 5 + 1
        name = f"Company {company:04d} AB" if number == company else f"Person {number:06d}"
        city = CITIES[number % len(CITIES)]
        rows.append({
            "no": contact_no(number),
            "type": ContactType.COMPANY if number == company else ContactType.PERSON,
            "company_no": contact_no(company),
            "company_name": f"Company {company:04d} AB",
            "name": name,
            "search_name": name.upper(),
            "city": city,
            "country_code": "DE" if city == "Hamburg" else "SE",
            "email": f"{name.lower().replace(' ', '.')}@example.com",
        })
    return rows


def insert_contacts(rows: list[dict]) -> None:
    """All in one transaction, a few hundred rows per INSERT."""
    with db.atomic():
        for start in range(0, len(rows), 500):
            Contact.insert_many(rows[start:start + 500]).execute()


async def settle(pilot: Pilot) -> None:
    """Wait until no worker runs and what they posted has been handled (a worker cancelled
    because its dialog closed is done too)."""
    for _attempt in range(20):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            pass
        await pilot.pause()
        if not any(worker.state in ACTIVE for worker in pilot.app.workers):
            return
    raise AssertionError("workers kept starting")


async def wait_for(pilot: Pilot, condition: Callable[[], object], what: str = "the condition",
                   *, timeout: float = 10.0, settling: bool = True) -> None:
    """Let the app run in small steps until `condition()` holds; fail naming `what` once
    `timeout` seconds have passed (generous: a step is short, the timeout is for a hang).

    With `settling` (the default) each step also waits for the workers (`settle`); a test whose
    worker is held on an event the test sets later passes `settling=False`.
    """
    deadline = time.monotonic() + timeout
    while True:
        if settling:
            await settle(pilot)
        if condition():
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {timeout:g} s")
        await pilot.pause(0.01)


def table(pilot: Pilot) -> PagedTable:
    return pilot.app.screen.query_one(PagedTable)


def cursor_no(pilot: Pilot) -> str:
    """The number of the contact under the cursor."""
    return table(pilot).highlighted_row.no


def status(pilot: Pilot) -> str:
    return str(pilot.app.screen.query_one("#contacts-status").render())


def shown_lines(pilot: Pilot) -> list[str]:
    """The table's lines as drawn (the heading first)."""
    widget = table(pilot)
    return [widget.render_line(y).text for y in range(widget.size.height)]
