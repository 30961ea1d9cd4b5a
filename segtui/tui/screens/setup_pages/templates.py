"""The Interaction templates page, and the dialog of a template's Word documents per language:
import, export, remove and check each (S-05, T2, T3). An import whose document has unknown or
not evaluated fields shows the check at once, as a warning."""
from dataclasses import dataclass
from pathlib import Path

from textual.binding import Binding

from segtui.config import output_dir
from segtui.domain.documents import template_documents
from segtui.domain.documents.field_warnings import FieldReport
from segtui.domain.errors import DomainError
from segtui.domain.output.file_names import safe_file_name
from segtui.domain.setup.tables import list_records
from segtui.i18n import _, n_
from segtui.tui.dialogs.confirm import ConfirmDialog
from segtui.tui.dialogs.document_table import DocumentTableDialog
from segtui.tui.dialogs.text_view import TextViewDialog
from segtui.tui.screens.setup_pages.path import PathDialog
from segtui.tui.screens.setup_pages.table_page import TablePage
from segtui.tui.services import run_service


@dataclass(frozen=True)
class DocumentRow:
    """One language of a template: whether it has a document, read-only, its merge fields."""
    language: str
    name: str
    has_document: bool
    read_only: bool
    field_count: int
    unknown_count: int
    unreadable: bool


def document_rows(template: str) -> list[DocumentRow]:
    """Every language (the blank one first) with the template's document in it, if any."""
    documents = {row["language"]: row for row in template_documents.list_documents(template)}
    languages = {"": ""} | {row.code: row.name for row in list_records("languages")}
    languages |= {code: row["description"] for code, row in documents.items()
                  if code not in languages}
    rows = []
    for code, name in languages.items():
        document = documents.get(code)
        has_document = bool(document and document["attachment_no"])
        rows.append(DocumentRow(code, name, has_document, bool(document and document["read_only"]),
                                document["field_count"] if has_document else 0,
                                document["unknown_count"] if has_document else 0,
                                has_document and document["unreadable"]))
    return rows


def fields_text(row: DocumentRow) -> str:
    """How many merge fields a document uses and how many are unknown, or that it is unreadable."""
    if row.unreadable:
        return _("cannot be read")
    text = n_("1 field", "{count} fields", row.field_count)
    return text + (", " + n_("1 unknown", "{count} unknown", row.unknown_count)
                   if row.unknown_count else "")


def _path(text: str) -> Path:
    return Path(text).expanduser()


def import_file(template: str, language: str, path: str, *, replace: bool) -> FieldReport:
    """Read the file and store it as the template's document in that language; returns the
    check of what was stored."""
    try:
        data = _path(path).read_bytes()
    except OSError as exc:
        raise DomainError(f"cannot read {path}: {exc.strerror or exc}") from None
    template_documents.import_document(template, language, data, replace=replace,
                                       name=_path(path).name)
    return template_documents.check_document(template, language)


def export_file(template: str, language: str, path: str) -> str:
    """Write the template's document in that language to `path`; returns where."""
    data = template_documents.export_document(template, language)
    try:
        _path(path).write_bytes(data)
    except OSError as exc:
        raise DomainError(f"cannot write {path}: {exc.strerror or exc}") from None
    return str(_path(path))


def check_text(report: FieldReport) -> str:
    """The template check as text: a summary, the unknown and not evaluated fields (worded as
    everywhere, field_warnings.py), then the known ones."""
    if not report.fields and not report.unevaluated:
        return _("uses no merge fields: every letter is the same")
    summary = [n_("1 merge field", "{count} merge fields", len(report.fields)),
               n_("1 unknown", "{count} unknown", len(report.unknown))]
    if report.unevaluated:
        summary.append(n_("1 not evaluated", "{count} not evaluated", len(report.unevaluated)))
    lines = [" · ".join(summary), ""]
    lines += [f"! {line}" for line in report.lines]
    lines += [f"✓ {check.name}" for check in report.fields if check.known]
    return "\n".join(lines)


class DocumentsDialog(DocumentTableDialog):
    """The template's languages with their documents; i/x/r/k act on the highlighted one."""

    BINDINGS = [
        Binding("i", "import_document", _("Import"), id="documents.import"),
        Binding("x", "export_document", _("Export"), id="documents.export"),
        Binding("r", "remove_document", _("Remove"), id="documents.remove"),
        Binding("k", "check_document", _("Check"), id="documents.check"),
        Binding("escape,q", "close", _("Close"), id="documents.close"),
    ]

    def __init__(self, template: str) -> None:
        super().__init__()
        self.template = template

    def heading(self) -> str:
        return _("Documents of template {code}").format(code=self.template)

    def hints(self) -> list[str]:
        return [_("i import · x export · r remove · k check · Esc closes")]

    def columns(self) -> list[tuple[str, int]]:
        return [(_("Language"), 9), (_("Name"), 12), (_("Document"), 8), (_("Read-only"), 9),
                (_("Merge fields"), 24)]

    def read_rows(self) -> list[DocumentRow]:
        return document_rows(self.template)

    def cells(self, row: DocumentRow) -> list[str]:
        return [row.language or _("(none)"), row.name, _("Yes") if row.has_document else _("No"),
                _("Yes") if row.read_only else "",
                fields_text(row) if row.has_document else ""]

    def check_action(self, action: str, parameters) -> bool | None:
        row = self.current
        if action == "import_document":
            return row is not None
        if action in ("export_document", "remove_document", "check_document"):
            return row is not None and row.has_document
        return True

    def _language_text(self, row: DocumentRow) -> str:
        return row.language or _("no specific language")

    # --- actions ----------------------------------------------------------------------------

    def action_import_document(self) -> None:
        row = self.current
        if row is None:
            return
        if row.read_only:
            self.say(_("The document in {language} was used in a logged interaction and is "
                       "read-only: it cannot be replaced.").format(
                           language=self._language_text(row)), error=True)
            return

        def typed(path: str | None) -> None:
            if not path:
                return
            if not row.has_document:
                self._import(row, path, replace=False)
                return

            def answered(replace: bool | None) -> None:
                if replace:
                    self._import(row, path, replace=True)

            self.app.push_screen(ConfirmDialog(_("Replace existing attachment?"),
                                               default=False), answered)

        self.app.push_screen(PathDialog(_("Import a Word document (.docx) · {language}").format(
            language=self._language_text(row))), typed)

    def _import(self, row: DocumentRow, path: str, *, replace: bool) -> None:
        def imported(report: FieldReport) -> None:
            self.say(_("Imported {path} for {language}.").format(
                path=path, language=self._language_text(row)))
            self.reload()
            if report.lines:  # a warning at once, not only when the user thinks to check
                self._show_check(row, report)

        run_service(self, import_file, self.template, row.language, path, replace=replace,
                    done=imported, failed=lambda message: self.say(message, error=True),
                    group="documents-write")

    def action_export_document(self) -> None:
        row = self.current
        if row is None or not row.has_document:
            return
        name = safe_file_name(f"{self.template}-{row.language}".strip("-"), fallback="document")
        default = str(output_dir("templates") / f"{name}.docx")

        def typed(path: str | None) -> None:
            if path:
                run_service(self, export_file, self.template, row.language, path,
                            done=lambda where: self.say(_("Saved to {path}").format(path=where)),
                            failed=lambda message: self.say(message, error=True),
                            group="documents-write")

        self.app.push_screen(PathDialog(_("Export the document · {language}").format(
            language=self._language_text(row)), default), typed)

    def action_remove_document(self) -> None:
        row = self.current
        if row is None or not row.has_document:
            return
        question = _("Remove the document of template {code} in {language}?").format(
            code=self.template, language=self._language_text(row))

        def answered(remove: bool | None) -> None:
            if remove:
                run_service(self, template_documents.remove_document, self.template,
                            row.language, done=lambda _result: self._removed(row),
                            failed=lambda message: self.say(message, error=True),
                            group="documents-write")

        self.app.push_screen(ConfirmDialog(question, default=False), answered)

    def _removed(self, row: DocumentRow) -> None:
        self.say(_("Removed the document in {language}.").format(
            language=self._language_text(row)))
        self.reload()

    def action_check_document(self) -> None:
        row = self.current
        if row is None or not row.has_document:
            return
        run_service(self, template_documents.check_document, self.template, row.language,
                    done=lambda report: self._show_check(row, report),
                    failed=lambda message: self.say(message, error=True),
                    group="documents-check")

    def _show_check(self, row: DocumentRow, report: FieldReport) -> None:
        title = _("Merge fields · {code} · {language}").format(
            code=self.template, language=self._language_text(row))
        self.app.push_screen(TextViewDialog(title, check_text(report)))

    def action_close(self) -> None:
        self.dismiss(None)


class TemplatesPage(TablePage):
    """Interaction templates as any code table, plus their documents (o)."""

    can_show_documents = True

    def __init__(self) -> None:
        super().__init__("interaction_templates")

    def documents(self) -> None:
        key = self.highlighted_key
        if key is not None:
            self.app.push_screen(DocumentsDialog(key))
