"""The saved segment criteria a page at a time, in code order, by keyset on the code.

The Saved criteria setup page lists them with their user and number of actions, narrowed to the
codes or descriptions that hold a text (ignoring case).
"""
from peewee import Select, fn

from segtui.domain.paging import KeysetPages
from segtui.domain.segments.saved_criteria import SavedCriteriaInfo
from segtui.store.enums import CriteriaLineType
from segtui.store.models import SavedSegmentCriteria, SavedSegmentCriteriaLine


class SavedCriteriaPageSource(KeysetPages):
    """Pages of the saved criteria, each with its number of actions, optionally filtered."""

    order_key = SavedSegmentCriteria.code
    key_attribute = "code"

    def __init__(self, filter_text: str = "") -> None:
        self.filter_text = filter_text.strip()

    def query(self) -> Select:
        line = SavedSegmentCriteriaLine
        actions = (line.select(fn.COUNT(line.line_no))
                   .where((line.segment_criteria == SavedSegmentCriteria.code)
                          & (line.type == CriteriaLineType.ACTION)))
        query = SavedSegmentCriteria.select(SavedSegmentCriteria.code,
                                            SavedSegmentCriteria.description,
                                            SavedSegmentCriteria.user_id, actions.alias("n"))
        if self.filter_text:
            text = self.filter_text.upper()
            query = query.where(fn.UPPER(SavedSegmentCriteria.code).contains(text)
                                | fn.UPPER(SavedSegmentCriteria.description).contains(text))
        return query

    def row(self, values: tuple) -> SavedCriteriaInfo:
        return SavedCriteriaInfo(*values)
