"""The Word documents of an interaction template, one per language (S-01, S-05).

Import (a new document, or a replacement when confirmed: T3), export, remove, check (its
unknown and not evaluated fields, field_warnings.py) and list. A document used by a logged
interaction is read-only (T2): it cannot be replaced or removed.
Removing a document keeps the language row (NAV's Remove action clears the attachment only);
segments that already copied the document keep their own copies (M-04).
"""
import datetime
from dataclasses import dataclass

from peewee import JOIN

from segtui.domain.documents.field_warnings import FieldReport, document_report
from segtui.domain.setup import numbering
from segtui.domain.errors import DomainError
from segtui.domain.output.list_columns import ListColumns
from segtui.i18n import _
from segtui.domain.documents.segment_documents import purge_attachments
from segtui.domain.values import parse_code
from segtui.domain.documents.word.merge import Template
from segtui.store.connection import write_transaction
from segtui.store.enums import StorageType
from segtui.store.models import (
    Attachment, InteractionLogEntry, InteractionTemplate, InteractionTmplLanguage, Language)

_FIELD_KEYS = ("fields", "field_count", "unknown_fields", "not_evaluated", "unknown_count",
               "not_evaluated_count", "unreadable")
# `template documents` (K6): every column of the language row (`language` is its language
# code, `attachment_no` None when it holds no document), the document's size, whether it is
# read-only, and its merge fields
DOCUMENT_LIST = ListColumns(
    InteractionTmplLanguage,
    table=("language", "description", "attachment_no", "size", "read_only", "field_count",
           "unknown_fields", "not_evaluated"),
    first=("language", "description", "attachment_no", "size", "read_only", *_FIELD_KEYS),
    computed=("language", "size", "read_only", *_FIELD_KEYS))


@dataclass(frozen=True)
class _Document:
    template: str
    language: str
    row: InteractionTmplLanguage | None
    attachment: Attachment | None

    @property
    def label(self) -> str:
        if self.language:
            return _("interaction template {template} (language {language})").format(
                template=self.template, language=self.language)
        return _("interaction template {template} (no specific language)").format(
            template=self.template)


def _template(code: str) -> str:
    code = parse_code("Interaction Template Code", code, 10)
    if not InteractionTemplate.select().where(InteractionTemplate.code == code).exists():
        raise DomainError(_("interaction template {code} does not exist").format(code=code))
    return code


def _document(template_code: str, language_code: str) -> _Document:
    template = _template(template_code)
    language = parse_code("Language Code", language_code, 10)
    row = InteractionTmplLanguage.get_or_none(
        (InteractionTmplLanguage.interaction_template == template)
        & (InteractionTmplLanguage.language_code == language))
    attachment = (Attachment.get_or_none(Attachment.no == row.attachment)
                  if row is not None and row.attachment is not None else None)
    return _Document(template, language, row, attachment)


def is_read_only(attachment: Attachment) -> bool:
    """T2: marked read-only, or the document of a logged interaction."""
    return bool(attachment.read_only) or InteractionLogEntry.select().where(
        InteractionLogEntry.attachment_no == attachment.no).exists()


def check_changeable(document, removing: bool) -> None:
    """T2: refuse to replace or remove a read-only document; `document` has `attachment` and
    `label` (a template's here, a segment's in segment_document_actions.py)."""
    if document.attachment is not None and is_read_only(document.attachment):
        if removing:
            raise DomainError(_("the document of {document} has been used in a logged "
                                "interaction and is read-only: it cannot be removed").format(
                                    document=document.label))
        raise DomainError(_("the document of {document} has been used in a logged "
                            "interaction and is read-only: it cannot be replaced").format(
                                document=document.label))


def import_document(template_code: str, language_code: str, data: bytes, *,
                    replace: bool = False, name: str = "the document") -> int:
    """Store `data` (a .docx) as the template's document in that language; returns the
    attachment number. A language without a row gets one; an existing document is replaced
    only when `replace` (T3) and when it is not read-only (T2)."""
    Template(data, name=name)  # refuses anything that is not a readable Word document
    with write_transaction():
        document = _document(template_code, language_code)
        if document.language and not Language.select().where(
                Language.code == document.language).exists():
            raise DomainError(_("language {language} does not exist").format(
                language=document.language))
        check_changeable(document, removing=False)
        if document.attachment is not None and not replace:
            raise DomainError(_("{document} already has a document. Replace existing "
                                "attachment? Confirm to replace it (--replace)").format(
                                    document=document.label))
        now = datetime.datetime.now().replace(microsecond=0)
        if document.attachment is not None:
            Attachment.update(file=data, file_extension="docx", last_modified=now).where(
                Attachment.no == document.attachment.no).execute()
            return document.attachment.no
        number = numbering.next_entry_numbers("attachment", 1)
        Attachment.insert(no=number, file=data, storage_type=StorageType.EMBEDDED.value,
                          file_extension="docx", read_only=False, last_modified=now).execute()
        if document.row is None:
            description = (Language.select(Language.name)
                           .where(Language.code == document.language).scalar() or "")
            InteractionTmplLanguage.insert(interaction_template=document.template,
                                           language_code=document.language,
                                           description=description[:50],
                                           attachment=number).execute()
        else:
            InteractionTmplLanguage.update(attachment=number).where(
                (InteractionTmplLanguage.interaction_template == document.template)
                & (InteractionTmplLanguage.language_code == document.language)).execute()
        return number


def export_document(template_code: str, language_code: str) -> bytes:
    """The bytes of the template's document in that language."""
    document = _document(template_code, language_code)
    if document.attachment is None or not document.attachment.file:
        raise DomainError(_("{document} has no document").format(document=document.label))
    return bytes(document.attachment.file)


def remove_document(template_code: str, language_code: str) -> None:
    """Remove the template's document in that language (the language row stays, empty)."""
    with write_transaction():
        document = _document(template_code, language_code)
        if document.attachment is None:
            raise DomainError(_("{document} has no document to remove").format(
                document=document.label))
        check_changeable(document, removing=True)
        InteractionTmplLanguage.update(attachment=None).where(
            (InteractionTmplLanguage.interaction_template == document.template)
            & (InteractionTmplLanguage.language_code == document.language)).execute()
        purge_attachments([document.attachment.no])


def check_document(template_code: str, language_code: str) -> FieldReport:
    """The merge fields of the template's document in that language: each known or not, the
    unknown ones with their places and nearest known name, the fields not evaluated."""
    document = _document(template_code, language_code)
    return document_report(export_document(template_code, language_code), document.label)


def list_documents(template_code: str) -> list[dict]:
    """The template's language rows: document number, size, read-only, and the merge fields
    each document uses (unknown and not evaluated ones as field_warnings words them)."""
    template = _template(template_code)
    rows = (InteractionTmplLanguage.select(InteractionTmplLanguage, Attachment)
            .join(Attachment, on=(Attachment.no == InteractionTmplLanguage.attachment),
                  join_type=JOIN.LEFT_OUTER, attr="document")
            .where(InteractionTmplLanguage.interaction_template == template)
            .order_by(InteractionTmplLanguage.language_code))
    result = []
    for row in rows:
        attachment = getattr(row, "document", None)
        data = bytes(attachment.file) if attachment is not None and attachment.file else b""
        result.append(DOCUMENT_LIST.values(
            row, language=row.language_code, attachment_no=attachment.no if data else None,
            size=len(data), read_only=bool(data) and is_read_only(attachment),
            **_fields(data, f"document {attachment.no}" if data else "")))
    return result


def _fields(data: bytes, name: str) -> dict:
    """The merge fields a document uses: all of them, how many, the unknown ones and those not
    evaluated (one field_warnings line each, joined by "; ", and how many); a document that
    cannot be read says so in `unknown_fields` and `unreadable`."""
    empty = {"fields": "", "field_count": 0, "unknown_fields": "", "not_evaluated": "",
             "unknown_count": 0, "not_evaluated_count": 0, "unreadable": False}
    if not data:
        return empty
    try:
        report = document_report(data, name)
    except DomainError as error:
        return empty | {"unknown_fields": f"({error})", "unreadable": True}
    return {"fields": ", ".join(check.name for check in report.fields),
            "field_count": len(report.fields),
            "unknown_fields": "; ".join(field.text for field in report.unknown),
            "not_evaluated": "; ".join(field.text for field in report.unevaluated),
            "unknown_count": len(report.unknown),
            "not_evaluated_count": len(report.unevaluated), "unreadable": False}
