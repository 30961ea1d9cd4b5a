"""The list of open segments as plain values: what the Segments screen shows first.

Its own module so the first screen imports the models and nothing else of the domain.
"""
from peewee import fn

from segtui.domain.output.list_columns import ListColumns
from segtui.store.models import SegmentHeader, SegmentLine

SEGMENT_KEYS = ("segment_no", "description", "salesperson_code", "date", "campaign_no",
                "no_of_lines")
# `segment list` (K6): every column of the header and its no. of lines
SEGMENT_LIST = ListColumns(SegmentHeader, table=SEGMENT_KEYS, first=SEGMENT_KEYS,
                           computed=("no_of_lines",), rename={"no": "segment_no"})


def list_segments() -> list[dict]:
    """Every open segment in number order: every header field and the no. of lines."""
    lines = (SegmentLine.select(fn.COUNT(SegmentLine.line_no))
             .where(SegmentLine.segment == SegmentHeader.no))
    rows = (SegmentHeader.select(*SEGMENT_LIST.fields, lines.alias("no_of_lines"))
            .order_by(SegmentHeader.no).objects())
    return [SEGMENT_LIST.values(row, no_of_lines=row.no_of_lines) for row in rows]
