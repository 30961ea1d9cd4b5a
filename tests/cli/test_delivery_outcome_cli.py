"""Delivery that says what happened (issue 19), as real processes against a test SMTP server on
127.0.0.1: a failed delivery exits 1 with the count and the first reasons; `resend
--failed-only` sends only the failed; a resend does not mail a contact again whose entry was
delivered, unless `--include-delivered`. The server's handler refuses the addresses in its
`refuse` set, which the test changes between commands."""
import json

import pytest
from aiosmtpd.controller import Controller

from tests.cli.test_delivery_cli import USER, run
from tests.support.smtp import Recorder, free_port
from segtui.domain.demo.build import load_demo
from segtui.domain.segments.headers import create_segment
from segtui.domain.segments.lines import add_line
from segtui.store.connection import close_database, open_database
from segtui.store.enums import CorrespondenceType
from segtui.store.models import Contact, SegmentLine

CONTACTS = 7


@pytest.fixture
def mailing(tmp_path):
    """(db path, segment no., the contacts' addresses, handler, env) of an EMAIL segment of
    seven contacts and a running SMTP server."""
    target = str(tmp_path / "cli.db")
    open_database(target)
    load_demo(contacts=60, seed=3, user=USER)
    segment_no = create_segment(user=USER, description="Outcome", template="EMAIL",
                                salesperson="AH")
    contacts = list(Contact.select(Contact.no, Contact.email).where(Contact.email != "")
                    .order_by(Contact.no).limit(CONTACTS).tuples())
    for no, _email in contacts:
        add_line(segment_no, no, user=USER)
    SegmentLine.update(correspondence_type=CorrespondenceType.EMAIL, subject="News").execute()
    close_database()
    handler = Recorder()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    env = {"SEGTUI_SMTP_HOST": "127.0.0.1", "SEGTUI_SMTP_PORT": str(controller.port),
           "SEGTUI_SMTP_FROM": "news@cronus.example"}
    yield target, segment_no, contacts, handler, env
    controller.stop()


def test_failures_exit_1_and_failed_only_resends_only_them(mailing):
    target, segment_no, contacts, handler, env = mailing
    handler.refuse = {email for _no, email in contacts}  # every e-mail fails

    done = run(target, "segment", "log", segment_no, "--deliver", env=env)
    assert done.returncode == 1, done.stderr
    logged = done.stdout.strip()
    assert logged.isdigit() and "Traceback" not in done.stderr
    assert f"{CONTACTS} deliveries failed" in done.stderr
    reasons = [line.strip() for line in done.stderr.splitlines()
               if line.strip().startswith("entry ")]
    assert len(reasons) == 5
    for line, (no, email) in zip(reasons, contacts):
        assert f"(contact {no}): " in line and email in line and "550" in line
    assert f"… and {CONTACTS - 5} more" in done.stderr
    assert handler.messages == []

    handler.refuse = {contacts[0][1], contacts[3][1]}  # two still fail
    partly = run(target, "logged", "resend", logged, "--failed-only", env=env)
    assert partly.returncode == 1, partly.stderr
    assert "2 deliveries failed" in partly.stderr
    assert len(handler.messages) == CONTACTS - 2

    handler.refuse = set()
    rest = run(target, "logged", "resend", logged, "--failed-only", env=env)
    assert rest.returncode == 0, rest.stderr
    assert f"{CONTACTS - 2} already delivered, not sent again" in rest.stderr
    sent = sorted(to for tos, _message in handler.messages for to in tos)
    assert sent == sorted(email for _no, email in contacts)  # each contact exactly once


def test_a_resend_does_not_mail_a_delivered_contact_again_unless_asked(mailing):
    target, segment_no, contacts, handler, env = mailing
    done = run(target, "segment", "log", segment_no, "--deliver", env=env)
    assert done.returncode == 0, done.stderr
    assert f"delivered {CONTACTS} entries" in done.stderr and "deliveries failed" not in \
        done.stderr
    logged = done.stdout.strip()

    again = run(target, "logged", "resend", logged, env=env)
    assert again.returncode == 0, again.stderr
    assert f"{CONTACTS} already delivered, not sent again; --include-delivered sends them " \
           "too: entry " in again.stderr
    assert f"… and {CONTACTS - 5} more" in again.stderr and "nothing was sent" in again.stderr
    assert len(handler.messages) == CONTACTS

    everything = run(target, "logged", "resend", logged, "--include-delivered", env=env)
    assert everything.returncode == 0, everything.stderr
    assert len(handler.messages) == 2 * CONTACTS

    handler.refuse = {contacts[1][1]}
    entries = run(target, "interactions", "list", "--logged-segment", logged, "--format",
                  "csv").stdout.splitlines()[1:]
    second = entries[1].split(",")[0]
    failed = run(target, "interactions", "resend", second, "--include-delivered", env=env)
    assert failed.returncode == 1, failed.stderr
    assert f"entry {second} (contact {contacts[1][0]}): " in failed.stderr
    assert len(handler.messages) == 2 * CONTACTS


def test_update_merge_fields_copies_send_once_per_contact(mailing):
    target, segment_no, contacts, handler, env = mailing
    handler.refuse = {contacts[0][1]}
    logged = run(target, "segment", "log", segment_no, "--deliver", env=env).stdout.strip()
    handler.refuse = set()
    copied = run(target, "logged", "resend", logged, "--failed-only", "--update-merge-fields",
                 env=env)
    assert copied.returncode == 0 and "new entries " in copied.stderr, copied.stderr
    # the original is still Error, its copy delivered: one letter, not sent again
    again = run(target, "logged", "resend", logged, "--failed-only", env=env)
    assert again.returncode == 0 and "nothing was sent" in again.stderr, again.stderr
    assert f"{CONTACTS} already delivered" in again.stderr
    sent = sorted(to for tos, _message in handler.messages for to in tos)
    assert sent == sorted(email for _no, email in contacts)
    # the list says which entry was delivered, and which entry a copy stands in for
    listed = json.loads(run(target, "interactions", "list", "--logged-segment", logged,
                            "--format", "json").stdout)
    [copy] = [row for row in listed if row["original_entry_no"]]
    original = next(row for row in listed if row["entry_no"] == copy["original_entry_no"])
    assert original["contact_no"] == copy["contact_no"] == contacts[0][0]
    assert (original["delivery_status"], original["delivered_at"]) == ("Error", "")
    assert all(row["delivered_at"] for row in listed if row is not original)
