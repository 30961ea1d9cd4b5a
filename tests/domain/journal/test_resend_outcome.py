"""What a delivery and a resend tell (issue 19): the failures with their contacts, Delivered At,
a resend that skips letters already delivered unless asked, `failed_only`, and an entry with
its Update Merge Fields copies counted as one letter to one contact.

E-mail goes to a real SMTP server (aiosmtpd) on 127.0.0.1 that refuses the addresses in its
handler's `refuse` set; the tests change that set to let a recipient through later.
"""
from tests.domain.journal.test_delivery import (
    EMAIL, HARD_COPY, E, entries, logged_segment, people)
from segtui.domain.journal import delivery, resend
from segtui.store.enums import DeliveryStatus
from segtui.store.models import Contact


def emails(contacts: list[str]) -> list[str]:
    found = dict(Contact.select(Contact.no, Contact.email).where(Contact.no.in_(contacts))
                 .tuples())
    return [found[no] for no in contacts]


def recipients(handler) -> list[str]:
    return [to for tos, _message in handler.messages for to in tos]


def test_delivered_at_is_set_only_on_success_and_failures_name_their_contacts(demo,
                                                                           smtp_server):
    contacts = people(3)
    handler, settings = smtp_server(refuse={emails(contacts)[1]})
    logged = logged_segment(contacts, EMAIL, template="EMAIL")
    assert all(entry.delivered_at is None for entry in entries(logged))
    report = delivery.deliver_logged_segment(logged, smtp=settings)
    first, failed, third = entries(logged)
    assert first.delivered_at is not None and third.delivered_at is not None
    assert failed.delivered_at is None and failed.delivery_status == DeliveryStatus.ERROR
    assert report.failed == 1
    assert delivery.failure_lines(report) == [
        f"entry {failed.entry_no} (contact {contacts[1]}): {failed.delivery_error}"]


def test_failure_lines_name_the_first_five_and_count_the_rest(demo):
    logged = logged_segment(people(7), EMAIL, template="EMAIL")
    report = delivery.deliver_logged_segment(logged)  # no SMTP server: every one fails
    lines = delivery.failure_lines(report)
    assert report.failed == 7 and len(lines) == 6
    for line, entry in zip(lines[:5], entries(logged)):
        assert line.startswith(f"entry {entry.entry_no} (contact {entry.contact_no}): ")
        assert "no SMTP server is set up" in line
    assert lines[-1] == "… and 2 more"


def test_resend_skips_delivered_letters_unless_asked(demo, smtp_server):
    contacts = people(3)
    addresses = emails(contacts)
    handler, settings = smtp_server(refuse={addresses[1]})
    logged = logged_segment(contacts, EMAIL, template="EMAIL")
    delivery.deliver_logged_segment(logged, smtp=settings)
    handler.refuse.clear()
    first, failed, third = entries(logged)

    result = resend.resend(logged_segment=logged, smtp=settings)
    assert result.entry_nos == [failed.entry_no] and result.delivery.delivered == 1
    assert result.skipped == [(first.entry_no, contacts[0]), (third.entry_no, contacts[2])]
    assert recipients(handler) == [addresses[0], addresses[2], addresses[1]]

    again = resend.resend(logged_segment=logged, smtp=settings)
    assert again.entry_nos == [] and len(again.skipped) == 3 and again.delivery.delivered == 0
    assert len(handler.messages) == 3

    everything = resend.resend(logged_segment=logged, include_delivered=True, smtp=settings)
    assert everything.entry_nos == [first.entry_no, failed.entry_no, third.entry_no]
    assert everything.skipped == [] and len(handler.messages) == 6


def test_failed_only_leaves_undelivered_entries_that_did_not_fail(demo, smtp_server):
    contacts = people(3)
    addresses = emails(contacts)
    handler, settings = smtp_server(refuse={addresses[0]})
    logged = logged_segment(contacts, EMAIL, template="EMAIL")
    never = entries(logged)[2]
    # as if logged without delivery: blank status, never delivered
    E.update(delivery_status=DeliveryStatus.BLANK).where(E.entry_no == never.entry_no).execute()
    delivery.deliver_logged_segment(logged, smtp=settings)
    handler.refuse.clear()
    failed, delivered, _never = entries(logged)
    assert len(handler.messages) == 1

    result = resend.resend(logged_segment=logged, failed_only=True, smtp=settings)
    assert result.entry_nos == [failed.entry_no]
    assert result.skipped == [(delivered.entry_no, contacts[1])] and result.not_failed == 1
    assert recipients(handler)[1:] == [addresses[0]]

    rest = resend.resend(logged_segment=logged, smtp=settings)  # the never delivered one
    assert rest.entry_nos == [never.entry_no] and recipients(handler)[2:] == [addresses[2]]


def test_an_entry_and_its_copies_are_one_letter(demo, smtp_server):
    contacts = people(2)
    addresses = emails(contacts)
    handler, settings = smtp_server(refuse={addresses[0]})
    logged = logged_segment(contacts, EMAIL, template="EMAIL")
    delivery.deliver_logged_segment(logged, smtp=settings)
    original, delivered = entries(logged)

    # the copy fails too: the original and the copy are both Error, yet one letter
    [copy] = resend.resend(logged_segment=logged, update_merge_fields=True, failed_only=True,
                           smtp=settings).entry_nos
    assert E.get_by_id(copy).original_entry_no == original.entry_no
    assert E.get_by_id(copy).delivery_status == DeliveryStatus.ERROR
    handler.refuse.clear()

    [second] = resend.resend(logged_segment=logged, update_merge_fields=True, failed_only=True,
                             smtp=settings).entry_nos
    assert E.get_by_id(second).original_entry_no == original.entry_no  # the first original
    assert recipients(handler) == [addresses[1], addresses[0]]

    # naming the original now: its copy was delivered, so nothing is sent
    named = resend.resend([original.entry_no], smtp=settings)
    assert named.entry_nos == [] and named.skipped == [(second, contacts[0])]
    later = resend.resend(logged_segment=logged, failed_only=True, smtp=settings)
    assert later.entry_nos == [] and {no for no, _contact in later.skipped} \
        == {second, delivered.entry_no}

    # asked to include the delivered: one message per contact, the newest entry of each
    everything = resend.resend(logged_segment=logged, include_delivered=True, smtp=settings)
    assert everything.entry_nos == [delivered.entry_no, second]
    assert recipients(handler)[2:] == [addresses[1], addresses[0]]


def test_hard_copy_resend_of_a_logged_segment_without_delivery_sends_each_once(demo, tmp_path):
    contacts = people(2)
    logged = logged_segment(contacts, HARD_COPY)
    E.update(delivery_status=DeliveryStatus.BLANK).where(
        E.logged_segment_entry_no == logged).execute()  # logged without delivery
    result = resend.resend(logged_segment=logged, out_dir=tmp_path / "first")
    assert result.delivery.written == 2 and result.skipped == []
    assert len(list((tmp_path / "first").iterdir())) == 2
    again = resend.resend(logged_segment=logged, out_dir=tmp_path / "again")
    assert again.delivery.written == 0 and len(again.skipped) == 2
    assert not (tmp_path / "again").exists()
