"""`segtui segment log SEG --deliver` as a real process, e-mailing through a test SMTP server on
127.0.0.1 set up by environment variables; `segtui interactions show N` prints or writes the
document as sent; `segtui interactions resend`."""
import os
import subprocess
import sys

import pytest
from aiosmtpd.controller import Controller

from tests.support.smtp import Recorder, free_port
from segtui.domain.demo.build import load_demo
from segtui.domain.segments.lines import add_line
from segtui.domain.segments.headers import create_segment
from segtui.store.connection import close_database, open_database
from segtui.store.enums import CorrespondenceType
from segtui.store.models import Contact, SegmentLine

USER = "TESTER"


@pytest.fixture
def email_segment(tmp_path):
    """A database with the demo and an EMAIL segment of two contacts; (db path, segment no.)."""
    target = str(tmp_path / "cli.db")
    open_database(target)
    load_demo(contacts=40, seed=3, user=USER)
    segment_no = create_segment(user=USER, description="CLI delivery", template="EMAIL",
                                salesperson="AH")
    for (no,) in Contact.select(Contact.no).where(Contact.email != "").order_by(Contact.no) \
            .limit(2).tuples():
        add_line(segment_no, no, user=USER)
    SegmentLine.update(correspondence_type=CorrespondenceType.EMAIL, subject="News").execute()
    close_database()
    return target, segment_no


def run(target, *args, env=None):
    return subprocess.run([sys.executable, "-m", "segtui", "--db", target, *args],
                          capture_output=True, text=True, env={**os.environ, **(env or {})},
                          timeout=120)


def test_log_deliver_sends_mail_then_show_and_resend(email_segment, tmp_path):
    target, segment_no = email_segment
    handler = Recorder()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        env = {"SEGTUI_SMTP_HOST": "127.0.0.1", "SEGTUI_SMTP_PORT": str(controller.port),
               "SEGTUI_SMTP_FROM": "news@cronus.example"}
        done = run(target, "segment", "log", segment_no, "--deliver", env=env)
        assert done.returncode == 0, done.stderr
        assert "delivered 2 entries (0 hard copies, 2 e-mails), 0 errors" in done.stderr
        assert "does not send" not in done.stderr
        assert len(handler.messages) == 2
        assert {message["Subject"] for _, message in handler.messages} == {"News"}
        logged = done.stdout.strip()

        entries = run(target, "interactions", "list", "--logged-segment", logged,
                      "--format", "csv").stdout.splitlines()[1:]
        entry_no = entries[0].split(",")[0]
        shown = run(target, "interactions", "show", entry_no)
        assert shown.returncode == 0 and shown.stdout.startswith("Dear ")
        out = tmp_path / "as-sent.docx"
        assert run(target, "interactions", "show", entry_no, "--out", str(out)).returncode == 0
        assert out.read_bytes()[:2] == b"PK"

        skipped = run(target, "interactions", "resend", entry_no, env=env)
        assert skipped.returncode == 0, skipped.stderr
        assert f"1 already delivered, not sent again; --include-delivered sends them too: " \
               f"entry {entry_no} (contact " in skipped.stderr
        assert len(handler.messages) == 2
        again = run(target, "interactions", "resend", entry_no, "--include-delivered", env=env)
        assert again.returncode == 0 and "delivered 1 entries" in again.stderr
        assert len(handler.messages) == 3
    finally:
        controller.stop()


def test_log_deliver_without_smtp_keeps_the_log_and_says_why(email_segment, tmp_path):
    target, segment_no = email_segment
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "SEGTUI_SMTP_HOST": ""}
    done = run(target, "segment", "log", segment_no, "--deliver", env=env)
    assert done.returncode == 1, done.stderr  # logged (its number on stdout), not delivered
    assert done.stdout.strip().isdigit()
    assert "2 errors" in done.stderr and "no SMTP server is set up" in done.stderr
    assert run(target, "logged", "resend", done.stdout.strip(), "--type", "hard-copy",
               env=env).returncode == 0
