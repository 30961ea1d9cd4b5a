"""The contact list: pages of plain rows in contact-number order, found by keyset, never by OFFSET.

A page source answers `first`, `after(key)`, `before(key)`, `last` and `count`; each page query is
`WHERE no > ? ORDER BY no LIMIT n` (or its mirror with DESC), so any page of a million contacts
costs the same as the first one.
"""
from dataclasses import dataclass

from peewee import Expression, fn

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


class ContactPageSource:
    """Pages of the contact list, optionally narrowed by a filter text."""

    def __init__(self, filter_text: str = "") -> None:
        self.filter_text = filter_text.strip()
        self._condition = contact_filter(self.filter_text)

    def key(self, row: ContactRow) -> str:
        return row.no

    def first(self, limit: int) -> list[ContactRow]:
        """The first `limit` contacts."""
        return self._page(None, Contact.no.asc(), limit)

    def after(self, key: str, limit: int) -> list[ContactRow]:
        """The `limit` contacts that follow contact `key`."""
        return self._page(Contact.no > key, Contact.no.asc(), limit)

    def before(self, key: str, limit: int) -> list[ContactRow]:
        """The `limit` contacts that precede contact `key`, in ascending order."""
        return self._page(Contact.no < key, Contact.no.desc(), limit)[::-1]

    def last(self, limit: int) -> list[ContactRow]:
        """The last `limit` contacts, in ascending order."""
        return self._page(None, Contact.no.desc(), limit)[::-1]

    def count(self) -> int:
        """How many contacts the list holds (a full scan when filtered: call it off the UI)."""
        query = Contact.select()
        if self._condition is not None:
            query = query.where(self._condition)
        return query.count()

    def _page(self, boundary: Expression | None, order, limit: int) -> list[ContactRow]:
        query = Contact.select(*LIST_COLUMNS)
        for condition in (boundary, self._condition):
            if condition is not None:
                query = query.where(condition)
        return [ContactRow(*values) for values in query.order_by(order).limit(limit).tuples()]
