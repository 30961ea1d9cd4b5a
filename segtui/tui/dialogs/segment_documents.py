"""The Documents dialog of the Segment form (S-04, M-36): the header's Word document per language
and the highlighted line's, with create, import, export and remove on the row under the cursor.

A file is named by typing its path (no file picker: the person may be on SSH). Each action is one
call of `segment_document_actions`, the CLI's `segment document …`; create and import over an
existing document ask "Replace existing attachment?" (default No), remove asks too. What was done
shows as one notification, a refusal as one line in the dialog.
"""
from textual.binding import Binding
from textual.widgets import DataTable

from segtui.config import output_dir
from segtui.domain.documents import segment_document_actions as actions
from segtui.domain.documents.segment_document_actions import (
    HEADER, INHERITED, UNIQUE, DocumentChange, DocumentRow)
from segtui.domain.output.file_names import safe_file_name
from segtui.i18n import _
from segtui.tui.dialogs.confirm import ConfirmDialog
from segtui.tui.dialogs.document_table import DocumentTableDialog
from segtui.tui.screens.setup_pages.path import PathDialog
from segtui.tui.services import run_service


def status_text(row: DocumentRow) -> str:
    """The row's document as the person reads it."""
    return {HEADER: _("Common"), UNIQUE: _("Unique"), INHERITED: _("Inherited")}.get(
        row.status, "—")


def owns_document(row: DocumentRow) -> bool:
    """The row's document is the row's own (the header's, or the line's Unique one): creating or
    importing replaces it, and it can be removed."""
    return row.status in (HEADER, UNIQUE)


class SegmentDocumentsDialog(DocumentTableDialog):
    """Dismisses True when a document changed (the form then reloads its lines)."""

    ID = "segment-documents"
    BOX = "segment-documents-box"

    BINDINGS = [
        Binding("c", "create_document", _("Create"), id="segment_documents.create"),
        Binding("i", "import_document", _("Import"), id="segment_documents.import"),
        Binding("x", "export_document", _("Export"), id="segment_documents.export"),
        Binding("r", "remove_document", _("Remove"), id="segment_documents.remove"),
        Binding("escape,q", "close", _("Close"), id="segment_documents.close"),
    ]

    def __init__(self, segment_no: str, line_no: int | None = None) -> None:
        super().__init__()
        self.segment_no = segment_no
        self.line_no = line_no
        self.changed = False
        self.placed = False

    def heading(self) -> str:
        return _("Documents of segment {no}").format(no=self.segment_no)

    def hints(self) -> list[str]:
        return [_("* the header's default language, the line's language"),
                _("c create · i import · x export · r remove · Esc closes")]

    def columns(self) -> list[tuple[str, int]]:
        return [(_("Document"), 12), (_("Language"), 9), (_("Status"), 10), (_("Read-only"), 9),
                (_("Lines"), 7)]

    def read_rows(self) -> list[DocumentRow]:
        return actions.document_rows(self.segment_no, self.line_no)

    def cells(self, row: DocumentRow) -> list[str]:
        language = row.language or _("(none)")
        return [_("Line {line}").format(line=row.line_no) if row.line_no else _("Header"),
                f"{language} *" if row.current else language, status_text(row),
                _("Yes") if row.read_only else "", f"{row.lines:,}" if row.attachment_no else ""]

    def _show(self, rows: list[DocumentRow]) -> None:
        super()._show(rows)
        if not rows:
            self.say(_("The segment has no interaction template, so it has no documents."),
                     error=True)
        if rows and not self.placed:  # first the line's document, else the default language's
            self.placed = True
            current = [index for index, row in enumerate(rows) if row.current]
            self.query_one(DataTable).move_cursor(row=current[-1] if current else 0)

    def check_action(self, action: str, parameters) -> bool | None:
        row = self.current
        if action in ("create_document", "import_document"):
            return row is not None
        if action == "export_document":
            return row is not None and row.attachment_no is not None
        if action == "remove_document":
            return row is not None and owns_document(row)
        return True

    # --- actions ----------------------------------------------------------------------------

    def _where(self, row: DocumentRow) -> dict:
        return {"line_no": row.line_no or None, "language": row.language}

    def _run(self, function, *args, **kwargs) -> None:
        """One write; then say what it did (its field warnings too) and read the rows again."""
        def done(change: DocumentChange) -> None:
            self.changed = True
            self.say("")
            warning = " · ".join(change.warnings)
            self.app.notify(change.message + (" · " + warning if warning else ""),
                            severity="warning" if warning else "information", markup=False,
                            timeout=10 if warning else 5)
            self.reload()

        run_service(self, function, self.segment_no, *args, done=done,
                    failed=lambda message: self.say(message, error=True),
                    group="segment-documents-write", **kwargs)

    def _replacing(self, row: DocumentRow, go) -> None:
        """`go(replace)` at once, or after "Replace existing attachment?" when there is one."""
        if not owns_document(row):
            go(False)
            return
        self.app.push_screen(ConfirmDialog(_("Replace existing attachment?"), default=False),
                             lambda yes: yes and go(True))

    def action_create_document(self) -> None:
        row = self.current
        if row is not None:
            self._replacing(row, lambda replace: self._run(
                actions.create_document, replace=replace, **self._where(row)))

    def action_import_document(self) -> None:
        row = self.current
        if row is None:
            return

        def typed(path: str | None) -> None:
            if path:
                self._replacing(row, lambda replace: self._run(
                    actions.import_document, path, replace=replace, **self._where(row)))

        self.app.push_screen(PathDialog(_("Import a Word document (.docx) · {language}").format(
            language=row.language or _("no specific language"))), typed)

    def action_export_document(self) -> None:
        row = self.current
        if row is None or row.attachment_no is None:
            return
        name = safe_file_name("-".join(part for part in (
            self.segment_no, str(row.line_no) if row.line_no else "", row.language) if part),
            fallback="document")
        default = str(output_dir("documents") / f"{name}.docx")

        def typed(path: str | None) -> None:
            if path:
                run_service(self, actions.export_document, self.segment_no, path,
                            **self._where(row),
                            done=lambda where: self.app.notify(
                                _("Saved to {path}").format(path=where), markup=False),
                            failed=lambda message: self.say(message, error=True),
                            group="segment-documents-write")

        self.app.push_screen(PathDialog(_("Export the document · {language}").format(
            language=row.language or _("no specific language")), default), typed)

    def action_remove_document(self) -> None:
        row = self.current
        if row is None or not owns_document(row):
            return
        if row.line_no:
            question = _("Remove the own document of line {line}? The line uses the common "
                         "document again.").format(line=row.line_no)
        else:
            question = _("Remove the header's document in {language}? Its lines take the "
                         "default language's document.").format(
                             language=row.language or _("no specific language"))
        self.app.push_screen(ConfirmDialog(question, default=False),
                             lambda yes: yes and self._run(actions.remove_document,
                                                           **self._where(row)))

    def action_close(self) -> None:
        self.dismiss(self.changed)
