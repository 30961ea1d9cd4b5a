"""The contact list's page source: keyset pages from both ends and around a row, filter, count."""
import pytest

from segtui.domain.contacts.contact_list import ContactPageSource, ContactRow
from segtui.store.connection import db
from segtui.store.models import Contact

CITIES = ["Stockholm", "Malmö", "Oslo"]


@pytest.fixture
def contacts(database):
    """25 contacts K001…K025; K007 is named with LIKE wildcards, K013 with markup."""
    rows = []
    for number in range(1, 26):
        name = {7: "100% Fun_Company", 13: "[bold]x"}.get(number, f"Person {number:03d}")
        rows.append({"no": f"K{number:03d}", "name": name, "search_name": name.upper(),
                     "company_name": "Acme AB", "city": CITIES[number % 3],
                     "country_code": "SE", "email": f"k{number}@example.com"})
    with db.atomic():
        Contact.insert_many(rows).execute()
    return [row["no"] for row in rows]


def numbers(rows):
    return [row.no for row in rows]


def test_first_page_holds_plain_rows_in_number_order(contacts):
    page = ContactPageSource().first(10)
    assert numbers(page) == contacts[:10]
    assert page[0] == ContactRow("K001", "Person 001", "Acme AB", "Malmö", "SE",
                                 "k1@example.com")


def test_after_and_before_continue_without_gap_or_overlap(contacts):
    source = ContactPageSource()
    assert numbers(source.after("K010", 10)) == contacts[10:20]
    assert numbers(source.after("K020", 10)) == contacts[20:]
    assert source.after("K025", 10) == []
    assert numbers(source.before("K011", 4)) == contacts[6:10]
    assert numbers(source.before("K003", 10)) == contacts[:2]
    assert source.before("K001", 10) == []


def test_last_page_is_in_ascending_order(contacts):
    assert numbers(ContactPageSource().last(3)) == ["K023", "K024", "K025"]
    assert numbers(ContactPageSource().last(100)) == contacts


def test_count(contacts):
    assert ContactPageSource().count() == 25
    assert ContactPageSource("oslo").count() == 8


@pytest.mark.parametrize("text, expected", [
    ("k00", ["K001", "K002", "K003", "K004", "K005", "K006", "K007", "K008", "K009"]),
    ("person 01", ["K010", "K011", "K012", "K014", "K015", "K016", "K017", "K018", "K019"]),
    ("  OSLO ", ["K002", "K005", "K008", "K011", "K014", "K017", "K020", "K023"]),
    ("malmö", ["K001", "K004", "K007", "K010", "K013", "K016", "K019", "K022", "K025"]),
    ("MALMÖ", ["K001", "K004", "K007", "K010", "K013", "K016", "K019", "K022", "K025"]),
    ("100%", ["K007"]),
    ("n_c", ["K007"]),
    ("[bold]", ["K013"]),
    ("nobody", []),
])
def test_filter_matches_number_search_name_or_city_ignoring_case(contacts, text, expected):
    source = ContactPageSource(text)
    assert numbers(source.first(50)) == expected
    assert source.count() == len(expected)


def test_filtered_pages_walk_the_filtered_list(contacts):
    source = ContactPageSource("oslo")
    assert numbers(source.after("K005", 2)) == ["K008", "K011"]
    assert numbers(source.before("K011", 2)) == ["K005", "K008"]
    assert numbers(source.last(2)) == ["K020", "K023"]


def test_blank_filter_shows_everything(contacts):
    assert ContactPageSource("   ").count() == 25
