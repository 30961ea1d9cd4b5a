"""The lines of one segment a page at a time, by keyset on the line number (never OFFSET).

The Segment form shows segments of 100,000 lines; it reads them through this source, which the
paged table asks for the first, next, previous or last page.
"""
from collections import namedtuple

from peewee import Select

from segtui.domain.paging import KeysetPages
from segtui.domain.segments.queries import LINE_LIST, line_query, line_values, provenance
from segtui.store.models import SegmentLine

LINE_FIELDS = LINE_LIST.keys  # every column of the line (K6): what an export writes
LineRow = namedtuple("LineRow", LINE_FIELDS)
LineRow.__doc__ = "One segment line as plain values, with its contact, company and provenance."


class SegmentLinePageSource(KeysetPages):
    """Pages of one segment's lines in line-number order."""

    order_key = SegmentLine.line_no
    key_attribute = "line_no"

    def __init__(self, segment_no: str) -> None:
        self.segment_no = segment_no
        self._why: dict[int, str] | None = None

    def query(self) -> Select:
        return line_query(self.segment_no)

    def count_query(self) -> Select:
        return SegmentLine.select().where(SegmentLine.segment == self.segment_no)

    def rows(self, query: Select) -> list[LineRow]:
        if self._why is None:  # read once per source, on its first page
            self._why = provenance(self.segment_no)
        return [LineRow(**line_values(line, self._why)) for line in query]
