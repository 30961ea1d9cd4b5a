"""The CLI and the TUI run one use case per user action (Log, Merge, Reuse criteria): each test
wraps the domain's use case in a recorder, drives `segtui …` in-process through
`segtui.cli.main` and the Segment form by keys at 80×24 through Pilot, and checks that both went
through the same function and came out the same."""
import dataclasses
import datetime

import pytest
from aiosmtpd.controller import Controller
from textual.widgets import Static

from tests.support.documents import docx, letter_segment
from tests.support.smtp import Recorder, free_port
from tests.support.segment_form import open_form
from tests.support.tui import settle

from segtui.cli import main
from segtui.config import load_settings
from segtui.domain.demo import documents as demo_documents
from segtui.domain.documents import merge_letters
from segtui.domain.documents.template_documents import import_document
from segtui.domain.errors import DomainError
from segtui.domain.journal import delivery as journal_delivery
from segtui.domain.segments import log_segment, saved_criteria
from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.domain.segments.headers import create_segment
from segtui.domain.segments.selection import action_count, add_contacts
from segtui.store.models import Contact, LoggedSegment, SegmentHeader
from segtui.tui.app import SegtuiApp
from segtui.tui.dialogs.confirm import ConfirmDialog
from segtui.tui.dialogs.merge import MergeDialog
from segtui.tui.screens.segment_form import SegmentFormScreen

SIZE = (80, 24)
USER = "TESTER"


def recording(monkeypatch, module, name: str) -> list:
    """Wrap `module.name` so each call is kept as (args, kwargs, result)."""
    calls, real = [], getattr(module, name)

    def wrapper(*args, **kwargs):
        call = [args, kwargs, None]  # kept even when the use case refuses
        calls.append(call)
        call[2] = real(*args, **kwargs)
        return call[2]
    monkeypatch.setattr(module, name, wrapper)
    return calls


@pytest.fixture
def cli(sqlite_database, tmp_path, capsys):
    """`segtui --db <the test's database> --user TESTER ARGS…` in-process: (status, out, err)."""
    target = str(tmp_path / "segtui-test.db")

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        status = main(["--db", target, "--user", USER, *args])
        captured = capsys.readouterr()
        return status, captured.out, captured.err
    return run


@pytest.fixture
def smtp(monkeypatch, tmp_path):
    """A real SMTP server on 127.0.0.1, named by the environment (as in use)."""
    handler = Recorder()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("SEGTUI_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SEGTUI_SMTP_PORT", str(controller.port))
    monkeypatch.setenv("SEGTUI_SMTP_FROM", "news@cronus.example")
    handler.port = controller.port
    yield handler
    controller.stop()


def notifications(pilot) -> list[str]:
    return [str(notification.message) for notification in pilot.app._notifications]


async def log_by_keys(crm_settings, segment_no: str) -> list[str]:
    """Log `segment_no` from its form with the Log dialog's options as offered (Deliver ticked);
    the notifications shown after."""
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_form(pilot, segment_no)
        await pilot.press("l")
        await settle(pilot)
        assert pilot.app.screen.query_one("#log-deliver").value
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, SegmentFormScreen)
        return notifications(pilot)


def delivered(outcome: log_segment.LogOutcome) -> tuple:
    report = outcome.delivery
    return report.delivered, report.written, report.mailed, [why for _no, why in report.errors]


def letter_documents() -> None:
    """Real Word letters (with merge fields) for the LETTER template's languages."""
    for language in ("ENU", "SVE"):
        import_document("LETTER", language, demo_documents.letter_docx(language), replace=True)


async def test_log_with_delivery_is_one_use_case_that_delivers_and_reports_the_same(
        crm_settings, cli, smtp, monkeypatch):
    letter_documents()
    Contact.update(address="Storgatan 1", city="Stockholm").where(
        Contact.no == "P-CARL").execute()  # a hard copy needs a postal address
    by_cli = letter_segment("P-ANNA", "P-CARL", description="Spring letter")  # Email, Hard Copy
    by_tui = letter_segment("P-ANNA", "P-CARL", description="Spring letter")
    calls = recording(monkeypatch, log_segment, "log_and_deliver")

    status, out, err = cli("segment", "log", by_cli, "--deliver")
    assert status == 0, err
    # the TUI gets the server as the edge hands it to the app: in its settings
    smtp_settings = load_settings(db=crm_settings.db_target, user=USER).smtp
    assert smtp_settings is not None and smtp_settings.port == smtp.port
    messages = await log_by_keys(dataclasses.replace(crm_settings, smtp=smtp_settings), by_tui)

    assert [(args[0], kwargs["deliver"]) for args, kwargs, _ in calls] == [
        (by_cli, True), (by_tui, True)]
    cli_outcome, tui_outcome = (result for _args, _kwargs, result in calls)
    assert delivered(cli_outcome) == delivered(tui_outcome) == (2, 1, 1, [])
    assert out.strip() == str(cli_outcome.report.logged_segment_entry_no)
    assert "delivered 2 entries (1 hard copies, 1 e-mails), 0 errors" in err
    assert any(f"logged segment {tui_outcome.report.logged_segment_entry_no}" in message
               and "Delivered: 2, failed: 0." in message for message in messages)
    assert len(smtp.messages) == 2  # P-ANNA's e-mail, once through each front end
    assert len({tuple(recipients) for recipients, _message in smtp.messages}) == 1


async def test_a_delivery_that_cannot_run_keeps_the_log_in_both_front_ends(crm_settings, cli,
                                                                            monkeypatch):
    """After the log has committed, a delivery refused as a whole is reported, not raised: the
    CLI says why, still prints the logged segment's number and ends with status 1 (it used to
    end with an error, the log's number untold), the TUI says why in its notification."""
    def cannot(*_args, **_kwargs):
        raise DomainError("cannot make the delivery folder")
    monkeypatch.setattr(journal_delivery, "deliver_logged_segment", cannot)
    by_cli = letter_segment("P-ANNA", "P-CARL", description="Spring letter")
    by_tui = letter_segment("P-ANNA", "P-CARL", description="Spring letter")

    status, out, err = cli("segment", "log", by_cli, "--deliver")
    assert status == 1, err
    logged = LoggedSegment.get(LoggedSegment.segment_no == by_cli)
    assert out.strip() == str(logged.entry_no)
    assert "delivery failed: cannot make the delivery folder" in err
    messages = await log_by_keys(crm_settings, by_tui)
    assert any("Delivery failed: cannot make the delivery folder" in message
               for message in messages)
    assert LoggedSegment.select().where(LoggedSegment.segment_no == by_tui).exists()
    assert not SegmentHeader.select().where(SegmentHeader.no.in_([by_cli, by_tui])).exists()


async def test_merge_is_one_use_case_with_one_default_folder(crm_settings, cli, monkeypatch):
    letter_documents()
    segment_no = letter_segment("P-ANNA", "P-CARL", description="Letters")
    calls = recording(monkeypatch, merge_letters, "merge_to_folder")

    status, out, err = cli("segment", "merge", segment_no.lower())  # as typed: any case
    assert status == 0, err
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_form(pilot, segment_no)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(pilot.app.screen, MergeDialog)
        await pilot.press("enter")  # the folder offered
        await settle(pilot)
        assert isinstance(pilot.app.screen, SegmentFormScreen)

    default = merge_letters.default_folder(segment_no)
    assert default.name == segment_no
    assert len(calls) == 2
    assert [result.folder for _args, _kwargs, result in calls] == [default, default]
    assert out.strip() == str(default)
    assert len(list(default.glob("*.docx"))) == 3  # two letters and the combined file


async def test_a_merge_with_unknown_fields_is_refused_by_the_cli_and_asked_by_the_tui(
        crm_settings, cli, monkeypatch, tmp_path):
    """Without permission the CLI is refused and writes nothing; the TUI asks once; with
    `--allow-unknown-fields` or Yes both call the one use case that allows them."""
    letter_documents()
    import_document("LETTER", "SVE", docx("Hej «Contact_Nmae»"), replace=True)
    segment_no = letter_segment("P-ANNA", "P-CARL", description="Letters")
    calls = recording(monkeypatch, merge_letters, "merge_to_folder")

    status, out, err = cli("segment", "merge", segment_no, "--out", str(tmp_path / "cli"))
    assert status == 1 and out == "" and not (tmp_path / "cli").exists()
    assert "--allow-unknown-fields merges anyway" in err
    status, out, err = cli("segment", "merge", segment_no, "--out", str(tmp_path / "cli"),
                           "--allow-unknown-fields")
    assert status == 0, err
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_form(pilot, segment_no)
        await pilot.press("m")
        await settle(pilot)
        await pilot.press(*str(tmp_path / "tui"), "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(pilot.app.screen, SegmentFormScreen)

    assert [kwargs.get("allow_unknown_fields") for _args, kwargs, _result in calls] == [
        False, True, True]
    cli_result, tui_result = (result for _args, _kwargs, result in calls[1:])
    assert cli_result.warnings == tui_result.warnings == [
        "the header document (SVE): unknown field «Contact_Nmae» in body: it stays empty "
        "(did you mean Contact_Name?)"]
    assert len(list((tmp_path / "tui").glob("*.docx"))) == 3  # two letters, one combined


async def test_reuse_criteria_asks_the_domains_question_and_the_cli_needs_yes(crm_settings, cli,
                                                                             monkeypatch):
    source = create_segment(user=USER, description="Retail", template="LETTER",
                            salesperson="AH", date=datetime.date(2026, 1, 15))
    add_contacts(source, parse_criteria(["industry=RETAIL|WHOLESALE"]), user=USER)
    saved_criteria.save_criteria(source, "RETAILWHO", user=USER)
    by_cli, by_tui = (create_segment(user=USER, description="Again", template="LETTER",
                                     salesperson="AH", date=datetime.date(2026, 1, 15))
                      for _ in range(2))
    calls = recording(monkeypatch, saved_criteria, "reuse_criteria")
    add_contacts(by_cli, parse_criteria(["contact.no=P-GUS"]), user=USER)

    status, _out, err = cli("segment", "reuse-criteria", by_cli, "retailwho")
    assert status == 1 and "confirm to reuse" in err and "--yes" in err
    status, _out, err = cli("segment", "reuse-criteria", by_cli, "retailwho", "--yes")
    assert status == 0, err

    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_form(pilot, by_tui)  # read while the segment has no criteria action
        add_contacts(by_tui, parse_criteria(["contact.no=P-GUS"]), user=USER)  # meanwhile
        await pilot.press("u")
        await settle(pilot)
        await pilot.press(*"RETAILWHO")
        await pilot.pause(0.3)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ConfirmDialog)  # asked though the form had read none
        question = saved_criteria.reuse_criteria_question(by_tui)
        assert screen.question == question.text
        assert "already contains 1 No. of Criteria Actions" in str(
            screen.query_one(".dialog-message", Static).render())
        await pilot.press("y")
        await settle(pilot)

    assert [(args[0], kwargs["confirmed"]) for args, kwargs, _ in calls] == [
        (by_cli, False), (by_cli, True), (by_tui, True)]
    assert action_count(by_cli) == action_count(by_tui) == 2
    assert saved_criteria.reuse_criteria_question(
        create_segment(user=USER, description="Empty")) is None
