"""The lines of one segment a page at a time, by keyset on the line number (never OFFSET).

The Segment form shows segments of 100,000 lines; it reads them through this source, which the
paged table asks for the first, next, previous or last page.
"""
from collections import namedtuple

from peewee import Expression

from segtui.domain.segments.queries import line_query, line_values, provenance
from segtui.store.models import SegmentLine

LINE_FIELDS = ("segment_no", "line_no", "contact_no", "contact_name", "contact_company_name",
               "interaction_template_code", "description", "correspondence_type",
               "language_code", "document", "attachment_no", "subject", "date", "cost",
               "duration", "salesperson_code", "campaign_no", "campaign_target",
               "campaign_response", "information_flow", "initiated_by", "evaluation",
               "contact_company_no", "interaction_group_code", "send_word_doc_as_attmt",
               "source_action_no", "provenance")
LineRow = namedtuple("LineRow", LINE_FIELDS)
LineRow.__doc__ = "One segment line as plain values, with its contact, company and provenance."


class SegmentLinePageSource:
    """Pages of one segment's lines in line-number order."""

    def __init__(self, segment_no: str) -> None:
        self.segment_no = segment_no
        self._why: dict[int, str] | None = None

    def key(self, row: LineRow) -> int:
        return row.line_no

    def first(self, limit: int) -> list[LineRow]:
        return self._page(None, SegmentLine.line_no.asc(), limit)

    def after(self, key: int, limit: int) -> list[LineRow]:
        return self._page(SegmentLine.line_no > key, SegmentLine.line_no.asc(), limit)

    def before(self, key: int, limit: int) -> list[LineRow]:
        return self._page(SegmentLine.line_no < key, SegmentLine.line_no.desc(), limit)[::-1]

    def last(self, limit: int) -> list[LineRow]:
        return self._page(None, SegmentLine.line_no.desc(), limit)[::-1]

    def count(self) -> int:
        return SegmentLine.select().where(SegmentLine.segment == self.segment_no).count()

    def _page(self, boundary: Expression | None, order, limit: int) -> list[LineRow]:
        if self._why is None:
            self._why = provenance(self.segment_no)
        query = line_query(self.segment_no)
        if boundary is not None:
            query = query.where(boundary)
        return [LineRow(**line_values(line, self._why))
                for line in query.order_by(order).limit(limit)]
