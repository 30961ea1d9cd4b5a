"""Delivery on log (M-30, M-34, M-35, L11–L13), documents as sent (M-41), Resend (S-09, X5, X6).

E-mail goes to a real SMTP server (aiosmtpd) started by the test on 127.0.0.1 (the fixtures are
in conftest.py); one handler keeps every message, another refuses one recipient with 550.
"""
import io
import os
import stat
import zipfile

import pytest

from segtui.domain.journal import delivery
from segtui.domain.journal import resend
from segtui.domain.segments import log_segment
from segtui.domain.errors import DomainError
from segtui.domain.segments.lines import add_line
from segtui.domain.segments.headers import create_segment
from segtui.domain.journal.sent_documents import document_as_sent, text_as_sent
from segtui.domain.documents.word.merge import to_text
from segtui.store.enums import CorrespondenceType, DeliveryStatus
from segtui.store.models import Attachment, Contact, InteractionLogEntry, SegmentLine

USER = "TESTER"
E = InteractionLogEntry
HARD_COPY, EMAIL = CorrespondenceType.HARD_COPY, CorrespondenceType.EMAIL


def people(count: int, *, with_email: bool = True) -> list[str]:
    query = Contact.select(Contact.no).where((Contact.city != "") & (Contact.name != ""))
    if with_email:
        query = query.where(Contact.email != "")
    return [no for (no,) in query.order_by(Contact.no).limit(count).tuples()]


def logged_segment(contacts: list[str], kind: CorrespondenceType, *, attached=False,
                   template="LETTER") -> int:
    """Log a segment of `contacts` with `template`'s document and deliver; the logged no."""
    segment_no = create_segment(user=USER, description="Delivery test", template=template,
                                salesperson="AH")
    for contact in contacts:
        add_line(segment_no, contact, user=USER)
    SegmentLine.update(correspondence_type=kind, send_word_doc_as_attmt=attached,
                       subject="Our offer").where(SegmentLine.segment == segment_no).execute()
    return log_segment.log_segment(segment_no, user=USER, deliver=True).logged_segment_entry_no


def entries(logged: int) -> list:
    return list(E.select().where(E.logged_segment_entry_no == logged).order_by(E.entry_no))


def test_M34_hard_copy_one_private_letter_per_contact(demo, tmp_path):
    contacts = people(3)
    Contact.update(name="Ann ../../etc/passwd").where(Contact.no == contacts[0]).execute()
    logged = logged_segment(contacts, HARD_COPY)
    assert {entry.delivery_status for entry in entries(logged)} == {DeliveryStatus.IN_PROGRESS}
    report = delivery.deliver_logged_segment(logged, out_dir=tmp_path / "out")
    assert (report.delivered, report.written, report.errors) == (3, 3, [])
    files = sorted((tmp_path / "out").iterdir())
    assert len(files) == 3 and all(path.parent == tmp_path / "out" for path in files)
    assert all(stat.S_IMODE(os.stat(path).st_mode) == 0o600 for path in files)
    assert files[0].name.endswith("Ann .._.._etc_passwd.docx")  # one component, no separator
    assert "Ann" in to_text(files[0].read_bytes())
    assert [(entry.delivery_status, entry.delivery_error) for entry in entries(logged)] \
        == [(DeliveryStatus.BLANK, "")] * 3


def test_hard_copy_without_postal_address_is_an_error_for_that_entry(demo, tmp_path):
    contacts = people(2)
    Contact.update(address="", address_2="", city="").where(Contact.no == contacts[1]).execute()
    logged = logged_segment(contacts, HARD_COPY)
    report = delivery.deliver_logged_segment(logged, out_dir=tmp_path)
    first, second = entries(logged)
    assert first.delivery_status == DeliveryStatus.BLANK
    assert second.delivery_status == DeliveryStatus.ERROR
    assert "no postal address" in second.delivery_error
    assert report.errors == [(second.entry_no, second.delivery_error)]


def test_M35_email_body_one_message_per_contact(demo, smtp_server):
    handler, settings = smtp_server()
    contacts = people(3)
    logged = logged_segment(contacts, EMAIL, template="EMAIL")
    report = delivery.deliver_logged_segment(logged, smtp=settings)
    assert (report.delivered, report.mailed, report.errors) == (3, 3, [])
    by_recipient = {tuple(to): message for to, message in handler.messages}
    for contact in Contact.select().where(Contact.no.in_(contacts)):
        message = by_recipient[(contact.email,)]
        assert message["Subject"] == "Our offer" and message["To"] == contact.email
        assert message["From"] == "marketing@cronus.example"
        html = message.get_body(("html",)).get_content()
        assert f"<p>Dear {contact.first_name}</p>" in html and contact.email in html
        assert not list(message.iter_attachments())
    assert {entry.delivery_status for entry in entries(logged)} == {DeliveryStatus.BLANK}


def test_M35_email_with_word_document_attached(demo, smtp_server):
    handler, settings = smtp_server()
    contact = people(1)
    logged = logged_segment(contact, EMAIL, attached=True, template="EMAIL")
    delivery.deliver_logged_segment(logged, smtp=settings)
    [(to, message)] = handler.messages
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "Our offer.docx"
    data = attachment.get_content()
    assert zipfile.is_zipfile(io.BytesIO(data))
    assert Contact.get_by_id(contact[0]).email in to_text(data)


def test_L13_refused_recipient_fails_only_its_entry(demo, smtp_server):
    contacts = people(3)
    refused = Contact.get_by_id(contacts[1]).email
    handler, settings = smtp_server(refuse={refused})
    logged = logged_segment(contacts, EMAIL, template="EMAIL")
    report = delivery.deliver_logged_segment(logged, smtp=settings)
    statuses = [(entry.delivery_status, entry.delivery_error) for entry in entries(logged)]
    assert [status for status, _ in statuses] == [DeliveryStatus.BLANK, DeliveryStatus.ERROR,
                                                  DeliveryStatus.BLANK]
    assert refused in statuses[1][1] and "550" in statuses[1][1]
    assert len(handler.messages) == 2 and report.delivered == 2


def test_email_without_smtp_settings_is_an_error_and_the_log_stays(demo):
    logged = logged_segment(people(2), EMAIL, template="EMAIL")
    report = delivery.deliver_logged_segment(logged)  # no SMTP server passed: none is set up
    assert len(report.errors) == 2 and report.delivered == 0
    assert all("no SMTP server is set up (SEGTUI_SMTP_HOST" in entry.delivery_error
               and entry.delivery_status == DeliveryStatus.ERROR for entry in entries(logged))


def test_fax_and_missing_document_are_errors(demo, tmp_path):
    logged = logged_segment(people(2), HARD_COPY)
    first, second = entries(logged)
    E.update(correspondence_type=CorrespondenceType.FAX).where(
        E.entry_no == first.entry_no).execute()
    Attachment.update(file_extension="pdf").where(Attachment.no == second.attachment_no).execute()
    delivery.deliver_logged_segment(logged, out_dir=tmp_path)
    first, second = entries(logged)
    assert first.delivery_error == "fax is not supported"
    assert "must have File Extension DOC or DOCX" in second.delivery_error


def test_M41_document_as_sent_survives_contact_and_template_changes(demo, tmp_path):
    contact = people(1)
    logged = logged_segment(contact, HARD_COPY)
    [entry] = entries(logged)
    name = Contact.get_by_id(contact[0]).name
    before = document_as_sent(entry.entry_no)
    Contact.update(name="Somebody Else").where(Contact.no == contact[0]).execute()
    SegmentLine.delete().execute()
    assert document_as_sent(entry.entry_no) == before
    assert name in text_as_sent(entry.entry_no) and "Somebody Else" not in to_text(before)


def test_S09_resend_same_entry_and_with_updated_merge_fields(demo, tmp_path):
    contact = people(1)
    logged = logged_segment(contact, HARD_COPY)
    [entry] = entries(logged)
    delivery.deliver_logged_segment(logged, out_dir=tmp_path / "first")
    old_name = Contact.get_by_id(contact[0]).name
    Contact.update(name="Renamed Person").where(Contact.no == contact[0]).execute()

    result = resend.resend([entry.entry_no], out_dir=tmp_path / "again", include_delivered=True)
    assert result.entry_nos == [entry.entry_no] and result.delivery.delivered == 1
    [again] = list((tmp_path / "again").iterdir())
    assert old_name in to_text(again.read_bytes())

    result = resend.resend(logged_segment=logged, update_merge_fields=True,
                           include_delivered=True, out_dir=tmp_path / "fresh")
    [new_no] = result.entry_nos
    new = E.get_by_id(new_no)
    assert new.description == f"Resend: {entry.description}"[:100]
    assert (new.logged_segment_entry_no, new.delivery_status) == (logged, DeliveryStatus.BLANK)
    assert "Renamed Person" in text_as_sent(new_no)
    assert old_name in text_as_sent(entry.entry_no)


def test_X5_X6_resend_refusals(demo, tmp_path):
    logged = logged_segment(people(1), HARD_COPY)
    [entry] = entries(logged)
    E.update(correspondence_type=CorrespondenceType.BLANK).where(
        E.entry_no == entry.entry_no).execute()
    with pytest.raises(DomainError, match="Correspondence Type must have a value"):
        resend.resend([entry.entry_no])
    result = resend.resend([entry.entry_no], correspondence_type=HARD_COPY, out_dir=tmp_path)
    assert result.delivery.delivered == 1
    E.update(attachment_no=0).where(E.entry_no == entry.entry_no).execute()
    with pytest.raises(DomainError, match="There is nothing to send"):
        resend.resend([entry.entry_no])
    with pytest.raises(DomainError, match="does not exist"):
        resend.resend([999999])
