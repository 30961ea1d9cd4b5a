"""Export → import: the demo comes back the same; --update changes exactly what was edited."""
import csv

from segtui.domain.contacts.file_columns import EXPORT_NAMES
from segtui.domain.contacts.export import contact_export_rows
from segtui.domain.contacts.importing.import_file import import_contacts
from segtui.domain.demo.build import load_demo
from segtui.domain.output.export_files import export_to_file
from segtui.store.connection import close_database, open_database
from segtui.store.models import (
    Contact, ContactIndustryGroup, ContactJobResponsibility, ContactMailingGroup)

LINKS = (ContactMailingGroup, ContactIndustryGroup, ContactJobResponsibility)


def contacts_and_links() -> tuple[list, list]:
    contacts = sorted(Contact.select().tuples())
    links = [sorted(model.select().tuples()) for model in LINKS]
    return contacts, links


def export_csv(path) -> None:
    export_to_file(contact_export_rows(), EXPORT_NAMES, "csv", path)


def test_export_then_import_of_the_demo_reproduces_its_contacts(tmp_path, db_target):
    open_database(str(tmp_path / "demo.db"))
    load_demo(contacts=400, seed=3)
    Contact.update(phone_no="+46 8 123 45").where(Contact.no == "CT000002").execute()
    Contact.update(name="=cmd|' /C calc'!A0", search_name="=CMD|' /C CALC'!A0").where(
        Contact.no == "CT000003").execute()
    path = tmp_path / "contacts.csv"
    export_csv(path)
    original = contacts_and_links()
    close_database()
    open_database(db_target)
    report = import_contacts(path, create_codes=True)
    assert report.rejected == [] and report.created == 400
    assert contacts_and_links() == original
    close_database()


def test_update_round_trip_changes_exactly_what_was_edited(crm, tmp_path):
    Contact.update(phone_no="-5 (test)").where(Contact.no == "P-BERT").execute()
    path = tmp_path / "contacts.csv"
    export_csv(path)
    before_contacts, before_links = contacts_and_links()
    with open(path, encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    for row in rows:
        if row["no"] == "P-ANNA":
            row["city"] = "Uppsala"
            row["mailing_groups"] = "EVENTS"
        if row["no"] == "C-BOLT":
            row["name"] = "Bolt Group GmbH"
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    report = import_contacts(path, update=True)
    assert report.rejected == [] and (report.created, report.updated) == (0, len(rows))
    after_contacts, after_links = contacts_and_links()
    edited = {"P-ANNA", "C-BOLT", *(row[0] for row in before_contacts
                                    if row[2] == "C-BOLT")}  # persons carry its name
    assert [row for row in before_contacts if row[0] not in edited] == \
        [row for row in after_contacts if row[0] not in edited]
    anna = Contact.get_by_id("P-ANNA")
    assert anna.city == "Uppsala"
    assert Contact.get_by_id("P-DORA").company_name == "Bolt Group GmbH"
    assert Contact.get_by_id("P-BERT").phone_no == "-5 (test)"
    assert len(after_contacts) == len(before_contacts)
    mailing = [link for link in after_links[0] if link[0] == "P-ANNA"]
    assert mailing == [("P-ANNA", "EVENTS")]
    assert [link for link in after_links[0] if link[0] != "P-ANNA"] == \
        [link for link in before_links[0] if link[0] != "P-ANNA"]
    assert after_links[1:] == before_links[1:]
