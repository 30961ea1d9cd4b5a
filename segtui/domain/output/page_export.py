"""Every row of a page source (the lists the screens page through) as plain dicts, for an export.

A page source (segtui.domain.paging) answers `first(limit)`, `after(key, limit)` and `key(row)`
and its rows are dataclasses or named tuples; reading it page by page exports exactly the list a
screen shows, with the screen's filter and order, without ever holding more than one page.
"""
import dataclasses
from collections.abc import Iterator
from enum import IntEnum

from segtui.domain.paging import PageSource
from segtui.domain.values import option_label

PAGE = 1_000


def source_export(source: PageSource, page_size: int = PAGE) -> tuple[list[str], Iterator[dict]]:
    """The columns (the row's fields) and an iterator over every row as a dict."""
    first = source.first(page_size)
    if not first:
        return [], iter(())
    return _names(first[0]), _rows(source, first, page_size)


def _rows(source: PageSource, page: list, page_size: int) -> Iterator[dict]:
    names = _names(page[0])
    while page:
        for row in page:
            yield {name: _plain(getattr(row, name)) for name in names}
        if len(page) < page_size:
            return
        page = source.after(source.key(page[-1]), page_size)


def _names(row) -> list[str]:
    if dataclasses.is_dataclass(row):
        return [field.name for field in dataclasses.fields(row)]
    return list(row._fields)


def _plain(value):
    return option_label(value) if isinstance(value, IntEnum) else value
