"""Which values of a segment line are its own: explicit inheritance (P7, P8).

A line takes every value from its segment header (and its contact) when it is made. Once a
person sets a field on the line itself, that value is the line's own: a header change leaves it
alone (only lines still inheriting the field follow the header), and Go Back restores it while
rebuilding every inherited value from the header as it is then. The line template is not a bit:
a template other than the header's makes an override line (M-09), and a line's own documents are
its rows of segment documents (M-36).

The bits are kept in `segment_line.own_fields` (and in the removed copies Go Back restores
from). Databases hold them, so a bit is never renumbered or reused; migration 0005 derives them
for lines of earlier databases with these same numbers.
"""
from enum import IntFlag


class Own(IntFlag):
    """One bit per line field a person can set as the line's own."""
    DESCRIPTION = 1
    SALESPERSON = 2
    CAMPAIGN = 4
    DATE = 8
    COST = 16
    DURATION = 32
    CORRESPONDENCE_TYPE = 64
    LANGUAGE = 128
    SUBJECT = 256
    CAMPAIGN_TARGET = 512
    CAMPAIGN_RESPONSE = 1024
    SEND_AS_ATTACHMENT = 2048
    EVALUATION = 4096


FIELD_BITS = {
    "description": Own.DESCRIPTION, "salesperson": Own.SALESPERSON, "campaign": Own.CAMPAIGN,
    "date": Own.DATE, "cost": Own.COST, "duration": Own.DURATION,
    "correspondence_type": Own.CORRESPONDENCE_TYPE, "language_code": Own.LANGUAGE,
    "subject": Own.SUBJECT, "campaign_target": Own.CAMPAIGN_TARGET,
    "campaign_response": Own.CAMPAIGN_RESPONSE, "send_word_doc_as_attmt": Own.SEND_AS_ATTACHMENT,
    "evaluation": Own.EVALUATION,
}
"""The bit of each segment line field (by its model name) that can be the line's own."""

EVERY = Own(sum(FIELD_BITS.values()))

TEMPLATE_DERIVED = (Own.CAMPAIGN | Own.COST | Own.DURATION | Own.CORRESPONDENCE_TYPE
                    | Own.LANGUAGE | Own.SUBJECT | Own.CAMPAIGN_TARGET | Own.CAMPAIGN_RESPONSE)
"""What a template change on a line (P4) derives afresh from the template: after it those values
are the template's again, not the line's own."""


def bit_of(attr: str) -> int:
    """The bit of line field `attr`; 0 for a field that is never a line's own."""
    return int(FIELD_BITS.get(attr, 0))


def is_own(column, bits: int):
    """SQL: the line (`column` is its own_fields) holds one of `bits` as its own."""
    return column.bin_and(int(bits)) != 0


def inherits(column, bits: int):
    """SQL: the line holds none of `bits` as its own; True (every line) when `bits` is 0."""
    return column.bin_and(int(bits)) == 0 if bits else True


def with_own(column, bits: int):
    """SQL: `column` with `bits` set (the line's own from now on)."""
    return column.bin_or(int(bits))


def without_own(column, bits: int):
    """SQL: `column` with `bits` cleared (the line inherits them again)."""
    return column.bin_and(int(EVERY & ~Own(bits)))
