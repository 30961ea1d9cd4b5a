"""Stored values the screens show in the user's language: option labels and document kinds.

The services return them in English (the CLI's JSON and CSV keep them so); a screen translates
them only when it draws them.
"""
from segtui.domain.values import option_label
from segtui.i18n import _
from segtui.store.enums import (
    ContactType, CorrespondenceType, DeliveryStatus, Evaluation, InformationFlow, InitiatedBy)

SHOWN_ENUMS = (ContactType, CorrespondenceType, InformationFlow, InitiatedBy, Evaluation,
               DeliveryStatus)
DOCUMENT_KINDS = ("Inherited", "Unique")


def shown(value: str) -> str:
    """`value` as the user reads it ("" stays "")."""
    return _(value) if value else ""


def shown_values() -> list[str]:
    """Every value `shown` may be given: each needs a translation."""
    labels = [option_label(member) for enum in SHOWN_ENUMS for member in enum]
    return [label for label in labels if label] + list(DOCUMENT_KINDS)
