"""Merge field names: one spelling-tolerant key per field, and a suggestion for an unknown one."""
import pytest

from segtui.domain.demo import documents as demo_documents
from segtui.domain.documents import merge_fields
from segtui.domain.documents.merge_fields import check, known_name, nearest, normalise


def test_demo_documents_use_the_one_list_of_fields():
    assert demo_documents.MERGE_FIELDS is merge_fields.MERGE_FIELDS


@pytest.mark.parametrize("written", ["Contact Name", "contact_name", "Contact_Name",
                                     "CONTACT-NAME", " Contact  _ Name "])
def test_spaces_underscores_hyphens_and_case_do_not_matter(written):
    assert normalise(written) == "contact_name"
    assert known_name(written) == "Contact_Name"


@pytest.mark.parametrize("unknown, suggestion", [
    ("Contact_Nmae", "Contact_Name"),
    ("city", "Contact_City"),
    ("date", "Document_Date"),
    ("address line", "Address_Line_1"),
    ("Adresregel_1", "Address_Line_1"),
    ("Contact Name 3", "Contact_Name_2"),
    ("Voornaam", None),
])
def test_nearest_known_name(unknown, suggestion):
    assert known_name(unknown) is None
    assert nearest(unknown) == suggestion


def test_check_reports_known_and_unknown_fields():
    assert [(c.name, c.known, c.known_name, c.suggestion)
            for c in check(["salesperson name", "Salesperson Nam"])] == [
        ("salesperson name", True, "Salesperson_Name", None),
        ("Salesperson Nam", False, None, "Salesperson_Name")]
