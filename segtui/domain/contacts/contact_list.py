"""The contact list: pages of plain rows in contact-number order, found by keyset, never by OFFSET.

The page source (a `KeysetPages`) reads each page as `WHERE no > ? ORDER BY no LIMIT n` (or its
mirror with DESC), so any page of a million contacts costs the same as the first one.
"""
from dataclasses import dataclass

from peewee import Expression, Select, fn

from segtui.domain.paging import KeysetPages
from segtui.store.models import Contact


@dataclass(frozen=True, slots=True)
class ContactRow:
    """One line of the contact list, as plain values."""
    no: str
    name: str
    company_name: str
    city: str
    country_code: str
    email: str


LIST_COLUMNS = (Contact.no, Contact.name, Contact.company_name, Contact.city,
                Contact.country_code, Contact.email)


def contact_filter(text: str) -> Expression | None:
    """Contacts whose number, search name or city contains `text`, ignoring case; None if blank.

    Both sides are upper-cased (Unicode-aware on SQLite too, see store.connection), so "malmö"
    finds "Malmö"; the search name is stored upper-case already.
    """
    text = text.strip()
    if not text:
        return None
    return (Contact.no.contains(text.upper())
            | Contact.search_name.contains(text.upper())
            | fn.UPPER(Contact.city).contains(text.upper()))


class ContactPageSource(KeysetPages):
    """Pages of the contact list, optionally narrowed by a filter text."""

    order_key = Contact.no
    key_attribute = "no"

    def __init__(self, filter_text: str = "") -> None:
        self.filter_text = filter_text.strip()
        self._condition = contact_filter(self.filter_text)

    def query(self) -> Select:
        query = Contact.select(*LIST_COLUMNS)
        return query if self._condition is None else query.where(self._condition)

    def row(self, values: tuple) -> ContactRow:
        return ContactRow(*values)
