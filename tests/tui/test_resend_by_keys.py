"""Resend and what a delivery says, in the TUI by keys at 80×24 (issue 19): the Resend dialog of
the Segment Log and of the Interaction Log with Failed only and Include delivered, and the
notifications after a log with delivery and after a resend — delivered and failed counts with
the first reasons, the letters skipped as already delivered. E-mail goes to a real SMTP server
on 127.0.0.1 whose handler refuses the addresses in its `refuse` set."""
import dataclasses

import pytest
from aiosmtpd.controller import Controller

from tests.support.documents import letter_segment
from tests.support.smtp import Recorder, free_port
from tests.support.tui import settle, wait_for
from tests.tui.test_shared_use_cases import letter_documents, log_by_keys, notifications

from segtui.domain.journal import mail
from segtui.domain.segments import log_segment
from segtui.store.enums import DeliveryStatus
from segtui.store.models import Contact, InteractionLogEntry
from segtui.tui.app import SegtuiApp
from segtui.tui.dialogs.resend import ResendDialog, ResendRequest
from segtui.tui.screens.interaction_log import InteractionLogScreen
from segtui.tui.screens.segment_log import SegmentLogScreen

SIZE = (80, 24)
USER = "TESTER"
E = InteractionLogEntry


@pytest.fixture
def mailing(crm_settings, monkeypatch):
    """(settings with a running SMTP server, its handler) over the crm with real letters;
    P-ANNA is e-mailed, P-CARL gets a hard copy."""
    letter_documents()
    Contact.update(address="Storgatan 1", city="Stockholm").where(
        Contact.no == "P-CARL").execute()  # a hard copy needs a postal address
    monkeypatch.setattr(SegtuiApp, "MODES", {**SegtuiApp.MODES, "segment_log": SegmentLogScreen,
                                             "interaction_log": InteractionLogScreen})
    handler = Recorder()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    smtp = mail.SmtpSettings("127.0.0.1", controller.port, sender="news@cronus.example")
    yield dataclasses.replace(crm_settings, smtp=smtp), handler
    controller.stop()


def anna() -> str:
    return Contact.get_by_id("P-ANNA").email


def log_with_anna_refused(settings, handler) -> int:
    """Log and deliver P-ANNA (e-mail, refused: Error) and P-CARL (hard copy, delivered)."""
    handler.refuse = {anna()}
    outcome = log_segment.log_and_deliver(letter_segment("P-ANNA", "P-CARL"), user=USER,
                                          deliver=True, smtp=settings.smtp)
    assert (outcome.delivery.delivered, outcome.delivery.failed) == (1, 1)
    handler.refuse = set()
    return outcome.report.logged_segment_entry_no


async def resend_by_keys(pilot, *, tabs_to_option: int) -> None:
    """s opens the Resend dialog; Tab to the option, Space ticks it, ctrl+s sends."""
    await pilot.press("s")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ResendDialog))
    await pilot.press(*["tab"] * tabs_to_option, "space", "ctrl+s")
    await wait_for(pilot, lambda: not isinstance(pilot.app.screen, ResendDialog)
                   and any(message.startswith(("Delivered", "Nothing"))
                           for message in notifications(pilot)))


async def test_segment_log_resends_failed_only_and_says_what_it_skipped(mailing):
    settings, handler = mailing
    logged = log_with_anna_refused(settings, handler)
    anna_entry, carl_entry = (entry.entry_no for entry in E.select().where(
        E.logged_segment_entry_no == logged).order_by(E.entry_no))
    async with SegtuiApp(settings).run_test(size=SIZE) as pilot:
        await pilot.app.switch_mode("segment_log")
        await settle(pilot)
        assert pilot.app.screen.row.entry_no == logged  # newest first
        await resend_by_keys(pilot, tabs_to_option=2)  # Type, Update merge fields, Failed only
        [message] = [text for text in notifications(pilot) if text.startswith("Delivered")]
    assert message.split(" · ") == [
        "Delivered: 1, failed: 0.",
        "1 already delivered, not sent again (tick Include delivered to send it too): "
        f"entry {carl_entry} (contact P-CARL)"]
    assert [tos for tos, _message in handler.messages] == [[anna()]]
    assert E.get_by_id(anna_entry).delivered_at is not None


async def test_interaction_log_include_delivered_and_failures_with_their_reasons(mailing):
    settings, handler = mailing
    logged = log_with_anna_refused(settings, handler)
    anna_entry, carl_entry = (entry.entry_no for entry in E.select().where(
        E.logged_segment_entry_no == logged).order_by(E.entry_no))
    handler.refuse = {anna()}  # fails again
    async with SegtuiApp(settings).run_test(size=SIZE) as pilot:
        await pilot.app.switch_mode("interaction_log")
        await settle(pilot)
        screen = pilot.app.screen
        await pilot.press("space", "space")  # the two newest: this log's entries
        assert screen.selected_entries() == [anna_entry, carl_entry]
        await resend_by_keys(pilot, tabs_to_option=3)  # … Include delivered
        [message] = [text for text in notifications(pilot) if text.startswith("Delivered")]
        assert not screen.marks
    lines = message.split(" · ")
    assert lines[0] == "Delivered: 1, failed: 1."
    assert lines[1].startswith(f"entry {anna_entry} (contact P-ANNA): ") and "550" in lines[1]
    assert len(lines) == 2
    assert E.get_by_id(anna_entry).delivery_status == DeliveryStatus.ERROR
    assert E.get_by_id(carl_entry).delivery_status == DeliveryStatus.BLANK


async def test_resend_dialog_options_by_keys(mailing):
    settings, _handler = mailing
    results = []
    async with SegtuiApp(settings).run_test(size=SIZE) as pilot:
        pilot.app.push_screen(ResendDialog("Resend entry 1"), results.append)
        await settle(pilot)
        # the type: Enter opens the list, ↓ to Hard Copy, Enter picks it; then the three options
        await pilot.press("enter", "down", "enter", "tab", "space", "tab", "space", "tab",
                          "space", "ctrl+s")
        await settle(pilot)
        pilot.app.push_screen(ResendDialog("Resend entry 1"), results.append)
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
    from segtui.store.enums import CorrespondenceType
    assert results == [ResendRequest(CorrespondenceType.HARD_COPY, True, True, True), None]


async def test_log_with_delivery_names_the_failures(mailing):
    settings, handler = mailing
    handler.refuse = {anna()}
    segment_no = letter_segment("P-ANNA", "P-CARL", description="Spring letter")
    messages = await log_by_keys(settings, segment_no)
    [message] = [text for text in messages if "logged segment" in text]
    entry = E.get(E.contact_no == "P-ANNA", E.delivery_status == DeliveryStatus.ERROR)
    assert "Delivered: 1, failed: 1." in message
    assert f" · entry {entry.entry_no} (contact P-ANNA): " in message and "550" in message
