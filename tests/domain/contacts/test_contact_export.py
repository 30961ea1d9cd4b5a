"""`contact_export_rows`: every contact as a row of a contact file, a page at a time, filtered."""
import pytest
from tests.support.crm import CONTACTS

from segtui.domain.contacts.file_columns import EXPORT_NAMES
from segtui.domain.contacts.export import contact_export_count, contact_export_rows


def by_no(rows) -> dict[str, dict]:
    return {row["no"]: row for row in rows}


def test_every_contact_in_no_order_with_the_export_columns(crm):
    rows = list(contact_export_rows())
    assert [row["no"] for row in rows] == sorted(no for no, *_ in CONTACTS)
    assert all(tuple(row) == EXPORT_NAMES for row in rows)


def test_values_are_labels_codes_and_bools(crm):
    rows = by_no(contact_export_rows())
    acme, anna, bert = rows["C-ACME"], rows["P-ANNA"], rows["P-BERT"]
    assert (acme["type"], acme["company_no"], acme["company_name"], acme["salesperson_code"],
            acme["correspondence_type"]) == ("Company", "C-ACME", "Acme Retail AB", "AH",
                                             "Hard Copy")
    assert (anna["type"], anna["company_no"], anna["correspondence_type"],
            anna["email"]) == ("Person", "C-ACME", "Email", "p-anna@example.com")
    assert (bert["salesperson_code"], bert["correspondence_type"]) == ("", "")
    assert (rows["P-FRIDA"]["company_no"], rows["P-FRIDA"]["company_name"]) == ("", "")
    assert rows["P-EMIL"]["exclude_from_segment"] is True
    assert anna["exclude_from_segment"] is False and anna["privacy_blocked"] is False


def test_classification_is_the_contact_s_own_and_a_person_s_company_industry(crm):
    rows = by_no(contact_export_rows())

    def codes(no):
        row = rows[no]
        return row["mailing_groups"], row["industry_groups"], row["job_responsibilities"]

    assert codes("C-ACME") == ([], ["RETAIL"], [])
    assert codes("C-CRAFT") == (["XMAS"], ["RETAIL", "WHOLESALE"], [])
    assert codes("P-ANNA") == (["NEWSLETTER"], ["RETAIL"], ["PURCHASE"])
    assert codes("P-DORA") == ([], ["WHOLESALE"], ["PURCHASE"])
    assert codes("P-FRIDA") == (["NEWSLETTER", "XMAS"], [], [])
    assert codes("P-GUS") == (["EVENTS"], [], [])


def test_small_pages_give_the_same_rows_and_report_progress(crm):
    calls = []
    paged = list(contact_export_rows(page_size=3,
                                     progress=lambda done, total: calls.append((done, total))))
    assert paged == list(contact_export_rows())
    assert calls == [(0, 10), (3, 10), (6, 10), (9, 10), (10, 10)]


def test_progress_may_stop_the_export(crm):
    class Stop(Exception):
        pass

    def progress(done, total):
        if done >= 3:
            raise Stop

    rows = []
    with pytest.raises(Stop):
        rows.extend(contact_export_rows(page_size=3, progress=progress))
    assert len(rows) == 3


def test_the_filter_narrows_as_the_contacts_screen_does(crm):
    assert [row["no"] for row in contact_export_rows("acme")] == ["C-ACME"]
    assert [row["no"] for row in contact_export_rows(" anna ")] == ["P-ANNA"]
    assert contact_export_count("p-") == 7 and contact_export_count() == 10
    assert list(contact_export_rows("nobody-by-that-name")) == []
