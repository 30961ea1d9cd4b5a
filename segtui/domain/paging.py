"""Keyset paging: how every long list is read a page at a time, never by OFFSET.

A list (contacts, segment lines, interaction log entries, a pick list, a setup table …) is a
`PageSource`: its rows are ordered by one unique key, and a page is asked for from either end
(`first`, `last`) or next to a row already shown (`after(key)`, `before(key)`). `KeysetPages`
answers all of them over one Peewee query: each page is one statement,
`WHERE <filter> AND key > ? ORDER BY key LIMIT n` (or its mirror with `<` and DESC), so any page
of a million rows costs about the same as the first and no page ever skips rows with OFFSET.
"""
from typing import Any, Protocol

from peewee import Expression, Field, Select

_FROM_THE_END = object()  # no boundary: the page starts at one end of the list


class PageSource(Protocol):
    """An ordered list read a page at a time from either end or next to a row."""

    def key(self, row: Any) -> Any:
        """The unique key the list is ordered by."""

    def first(self, limit: int) -> list[Any]: ...

    def after(self, key: Any, limit: int) -> list[Any]: ...

    def before(self, key: Any, limit: int) -> list[Any]:
        """The rows just before `key`, in the list's order."""

    def last(self, limit: int) -> list[Any]:
        """The last rows, in the list's order."""

    def count(self) -> int: ...


class KeysetPages:
    """A `PageSource` over one query, ordered by one unique column of it.

    A subclass sets `order_key` (the column; unique among the query's rows) and `key_attribute`
    (the row attribute holding its value), and gives `query()` (the rows' columns, joins and
    filter, neither ordered nor limited) and `row(values)` (a row from one result tuple).
    `descending` lists the largest key first: `after(key)` then reads smaller keys. Pages come
    back in the list's order whichever way they were read.
    """

    order_key: Field
    key_attribute: str
    descending: bool = False

    def query(self) -> Select:
        raise NotImplementedError

    def row(self, values: tuple) -> Any:
        raise NotImplementedError

    def rows(self, query: Select) -> list[Any]:
        """The rows of one page's query (already ordered and limited)."""
        return [self.row(values) for values in query.tuples()]

    def count_query(self) -> Select:
        """The query counted: `query()` unless a cheaper one selects the same rows."""
        return self.query()

    def key(self, row: Any) -> Any:
        return getattr(row, self.key_attribute)

    def first(self, limit: int) -> list[Any]:
        """The first `limit` rows."""
        return self._page(_FROM_THE_END, True, limit)

    def after(self, key: Any, limit: int) -> list[Any]:
        """The `limit` rows that follow the row of `key`."""
        return self._page(key, True, limit)

    def before(self, key: Any, limit: int) -> list[Any]:
        """The `limit` rows that precede the row of `key`, in the list's order."""
        return self._page(key, False, limit)

    def last(self, limit: int) -> list[Any]:
        """The last `limit` rows, in the list's order."""
        return self._page(_FROM_THE_END, False, limit)

    def count(self) -> int:
        """How many rows the list holds (a scan when the filter has no index: call it off the
        UI thread)."""
        return self.count_query().count()

    def _page(self, key: Any, forward: bool, limit: int) -> list[Any]:
        # Reading forward in a descending list (or backward in an ascending one) walks the key
        # downwards; a backward page is read nearest-first, then turned round.
        upwards = forward != self.descending
        column = self.order_key
        query = self.query()
        if key is not _FROM_THE_END:
            boundary: Expression = column > key if upwards else column < key
            query = query.where(boundary)
        query = query.order_by(column.asc() if upwards else column.desc()).limit(limit)
        rows = self.rows(query)
        return rows if forward else rows[::-1]
