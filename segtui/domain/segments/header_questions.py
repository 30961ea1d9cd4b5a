"""The question a header change asks before it is made (rules H3, H4, H7, H8).

The Segment form asks it, then calls `segments.change_header` with the answer; the CLI answers
with its options instead (`--no-update-lines`, `--create-language`).
"""
from dataclasses import dataclass

from segtui.domain.documents import segment_documents
from segtui.domain.segments.headers import (
    HEADER_FIELDS, header_lines, disabled_reason, get_segment)
from segtui.i18n import _
from segtui.store.models import SegmentHeader, SegmentLine


@dataclass(frozen=True)
class HeaderQuestion:
    """A Yes/No question (default Yes); `no_means` is "header only" or "cancel"."""
    text: str
    no_means: str


def question_for(segment_no: str, attr: str, value) -> HeaderQuestion | None:
    """The question to ask before setting `attr` to `value`, or None when there is none."""
    header = get_segment(segment_no)
    field = HEADER_FIELDS[attr]
    if getattr(header, attr) == value:
        return None
    if attr == "interaction_template":
        if not SegmentLine.select().where(SegmentLine.segment == header.no).exists():
            return None
        return HeaderQuestion(_("You have modified {field}. Do you want to apply the "
                                "Interaction Template Code {code} to all segment lines?").format(
                                    field=_(field.label), code=value or _("(blank)")),
                              "header only")
    if attr == "language_code_default":
        if value in segment_documents.header_documents(header.no):
            return None
        return HeaderQuestion(_("Do you want to create Segment Interaction Language {code}?")
                              .format(code=value or _("(blank)")), "cancel")
    if not _lines_follow(header, attr, value):
        return None
    if attr == "subject_default":
        return HeaderQuestion(_("You have modified Subject (Default). Do you want to update the "
                                "corresponding segment lines?"), "header only")
    return HeaderQuestion(_("You have modified {field}. Do you want to update the segment "
                            "lines where the Interaction Template Code is {code}?").format(
                                field=_(field.label),
                                code=header.interaction_template or _("(blank)")),
                          "header only")


def _lines_follow(header: SegmentHeader, attr: str, value) -> bool:
    """Whether lines exist that the change would update."""
    field = HEADER_FIELDS[attr]
    if field.line_attr is None and attr != "subject_default":
        return False
    if attr == "correspondence_type_default" and not value:
        return False
    return SegmentLine.select().where(header_lines(header)).exists()


def disabled_fields(segment_no: str) -> dict[str, str]:
    """Each header field that cannot be set now, with the reason (S-06)."""
    header = get_segment(segment_no)
    return {attr: reason for attr in HEADER_FIELDS
            if (reason := disabled_reason(header, attr)) is not None}
