"""A line field back to the header's value: the undo of "set on the line" (P9).

A value a person sets on a line is the line's own (P7): header changes and Go Back keep it. This
is the way back: the field takes what a line added now would take from the header and the contact
(the same `FreshLine` values as Add Contacts), and it inherits again, so the next header change
reaches it. Both the Line dialog and `segment set-line --inherit` call `inherit_line_fields`.
"""
from collections.abc import Iterable

from segtui.domain.documents import segment_documents
from segtui.domain.errors import DomainError
from segtui.domain.segments.headers import get_segment
from segtui.domain.segments.line_builder import FreshLine
from segtui.domain.segments.lines import LINE_FIELDS, get_line, line_field, read_line
from segtui.domain.segments.own_fields import FIELD_BITS, TEMPLATE_DERIVED, Own, without_own
from segtui.i18n import _
from segtui.store.connection import write_transaction
from segtui.store.models import Contact, SegmentInteractionLanguage, SegmentLine

LANGUAGE_FIELDS = ("language_code", "attachment", "subject")
"""What inheriting the language takes together: the document and subject of the language."""


def own_field_names(own_fields: int) -> list[str]:
    """The line fields (LINE_FIELDS keys) a line holds as its own, in LINE_FIELDS order."""
    return [attr for attr in LINE_FIELDS if FIELD_BITS.get(attr, 0) & own_fields]


def inheritable(attr: str) -> str:
    """`attr` (a name as typed) as a line field that can inherit, or a one-line refusal."""
    key = line_field(attr)
    if key not in FIELD_BITS:
        raise DomainError(_("{field} is not taken from the header; set it instead").format(
            field=_(LINE_FIELDS[key][0])))
    return key


def inherit_line_fields(segment_no: str, line_no: int, attrs: Iterable[str], *,
                        user: str) -> dict:
    """Give fields of one line the header's value again and let them inherit (P9); all or
    nothing. Returns the line as `read_line` gives it now.

    Refused for a line without a contact (nothing to take the defaults from), for what an
    override line's own template gives (M-09: the template is where those values come from),
    and for the language or subject of a line with a document of its own (M-36: remove that
    document first).
    """
    keys = list(dict.fromkeys(inheritable(attr) for attr in attrs))
    with write_transaction():
        header = get_segment(segment_no)
        line = get_line(header.no, line_no, lock=True)
        if not keys:
            return read_line(header.no, line_no)
        if not line.contact:
            raise DomainError(_("line {line} has no contact to take the header's values "
                                "for").format(line=line_no))
        bits = Own(sum(FIELD_BITS[key] for key in keys))
        if bits & Own.LANGUAGE:
            bits |= Own.SUBJECT  # the subject is that of the language's document again
        override = line.interaction_template != header.interaction_template
        if override and bits & TEMPLATE_DERIVED:
            raise DomainError(_("{field} of line {line} comes from its own interaction template "
                                "{template}; give the line the header's template to inherit "
                                "it").format(field=_(LINE_FIELDS[_first(keys, TEMPLATE_DERIVED)]
                                                     [0]),
                                             line=line_no, template=line.interaction_template))
        if bits & (Own.LANGUAGE | Own.SUBJECT) and _has_own_document(header.no, line_no):
            raise DomainError(_("line {line} has a document of its own; remove it (D, or "
                                "segment document remove) to inherit the language and "
                                "subject").format(line=line_no))
        values = _fresh_values(header, line, keys)
        SegmentLine.update(**values, own_fields=without_own(SegmentLine.own_fields, bits)).where(
            (SegmentLine.segment == header.no) & (SegmentLine.line_no == line_no)).execute()
        return read_line(header.no, line_no)


def _first(keys: list[str], bits: Own) -> str:
    return next(key for key in keys if FIELD_BITS[key] & bits)


def _has_own_document(segment_no: str, line_no: int) -> bool:
    return SegmentInteractionLanguage.select().where(
        (SegmentInteractionLanguage.segment == segment_no)
        & (SegmentInteractionLanguage.segment_line_no == line_no)).exists()


def _fresh_values(header, line: SegmentLine, keys: list[str]) -> dict:
    """The values a line of this contact added now takes for `keys` (one SELECT)."""
    fresh = FreshLine(header)
    expressions = fresh.values()
    wanted = list(keys)
    if "language_code" in wanted:
        wanted += [name for name in LANGUAGE_FIELDS if name not in wanted]
    row = (fresh.join_documents(Contact.select(*[expressions[name].alias(name)
                                                 for name in wanted]))
           .where(Contact.no == line.contact).dicts().get())
    values = {name: SegmentLine._meta.fields[name].python_value(row[name]) for name in wanted}
    if "subject" in keys and "language_code" not in keys:
        # the subject of the document the line uses, in the language it keeps
        document = segment_documents.header_documents(header.no).get(line.language_code)
        values["subject"] = document.subject if document else ""
    return values
