"""The list of open segments as plain values: what the Segments screen shows first.

Its own module so the first screen imports the models and nothing else of the domain.
"""
from peewee import fn

from segtui.store.models import SegmentHeader, SegmentLine


def list_segments() -> list[dict]:
    """Every open segment: number, description, salesperson, date, campaign, no. of lines."""
    lines = (SegmentLine.select(fn.COUNT(SegmentLine.line_no))
             .where(SegmentLine.segment == SegmentHeader.no))
    rows = (SegmentHeader.select(SegmentHeader.no, SegmentHeader.description,
                                 SegmentHeader.salesperson, SegmentHeader.date,
                                 SegmentHeader.campaign, lines.alias("no_of_lines"))
            .order_by(SegmentHeader.no).tuples())
    return [{"segment_no": no, "description": description, "salesperson_code": salesperson or "",
             "date": str(date or ""), "campaign_no": campaign or "", "no_of_lines": count}
            for no, description, salesperson, date, campaign, count in rows]
