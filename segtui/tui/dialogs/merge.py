"""The Merge dialog: the template check of the segment's documents, then the output folder.

Unknown and not evaluated fields are worded as everywhere (field_warnings.py); with unknown
fields, Merge asks once whether to merge anyway (No by default)."""
from dataclasses import dataclass, replace
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from segtui.domain.documents.merge_letters import default_folder
from segtui.domain.documents.template_check import (
    DocumentCheck, lines_without_document, segment_document_checks, unknown_field_count)
from segtui.i18n import _, n_
from segtui.tui.dialogs.confirm import ConfirmDialog
from segtui.tui.literal import literal, literal_title
from segtui.tui.services import run_service
from segtui.tui.widgets.check_box import TickBox
from segtui.tui.widgets.form_input import FormInput


@dataclass(frozen=True)
class MergeRequest:
    """Where the letters go (as typed: the merge checks it), whether PDFs are made too, and
    whether the user chose to merge with unknown fields; the caller runs the merge."""
    out_dir: Path
    pdf: bool
    allow_unknown_fields: bool = False



def template_check(segment_no: str) -> tuple[list[DocumentCheck], int]:
    """The segment's documents checked, and how many contact lines have none."""
    return segment_document_checks(segment_no), lines_without_document(segment_no)


def document_title(document: DocumentCheck) -> str:
    language = document.language_code or _("no specific language")
    if document.is_header:
        kind = _("Header document")
    elif document.line_no is None:
        kind = _("Template document")
    else:
        kind = _("Line {line_no} document (Unique)").format(line_no=document.line_no)
    lines = n_("used by 1 line", "used by {count} lines", document.lines)
    return f"{kind} · {language} · {lines}"


def needs_attention(document: DocumentCheck) -> bool:
    return not document.readable or bool(document.report.lines)


def document_widgets(document: DocumentCheck) -> list[Static]:
    """What the check says about one document: its title, then what is wrong, then its fields."""
    widgets = [Static(literal(document_title(document)), classes="merge-document-title",
                      markup=False)]
    if not document.readable:
        widgets.append(Static(literal(_("✗ cannot be read: {reason}").format(
            reason=document.refusal)), classes="merge-refusal", markup=False))
        return widgets
    if document.has_no_fields:
        widgets.append(Static(_("uses no merge fields: every letter is the same"),
                              classes="merge-note", markup=False))
        return widgets
    for line in document.report.lines:
        widgets.append(Static(literal(f"! {line}"), classes="merge-unknown", markup=False))
    widgets.append(Static(literal(_("Fields: {names}").format(
        names=", ".join(field.name for field in document.fields))), classes="merge-fields",
        markup=False))
    return widgets


class MergeDialog(ModalScreen[MergeRequest | None]):
    """Dismisses with a MergeRequest when there is something to merge, or None on Escape."""

    BINDINGS = [
        Binding("ctrl+s", "merge", _("Merge"), id="merge.merge"),
        Binding("escape", "cancel", _("Cancel"), id="merge.cancel"),
    ]

    def __init__(self, segment_no: str) -> None:
        super().__init__(classes="dialog")
        self.segment_no = segment_no
        self.documents: list[DocumentCheck] | None = None
        self.failure = ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box merge-box") as box:
            box.border_title = literal_title(_("Merge segment {no}").format(no=self.segment_no))
            yield Static(_("Checking the documents…"), id="merge-summary", markup=False)
            yield VerticalScroll(id="merge-report")
            yield Static("", id="merge-message", classes="dialog-error", markup=False)
            with Horizontal(classes="merge-folder"):
                yield Label(_("Output folder:"), classes="merge-folder-label")
                yield FormInput(id="merge-folder", compact=True)
            yield TickBox(_("Also make PDFs (needs LibreOffice)"), id="merge-pdf",
                          compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Merge"), id="merge-merge", variant="primary", compact=True)
                yield Button(_("Cancel"), id="merge-cancel", compact=True)
            yield Static(_("ctrl+s merges · Escape cancels"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#merge-folder", Input).value = str(default_folder(self.segment_no))
        self.query_one("#merge-folder", Input).focus()
        self._say("")
        run_service(self, template_check, self.segment_no, done=self._show_check,
                    failed=self._show_failure, group="merge-check")

    def _show_check(self, result: tuple[list[DocumentCheck], int]) -> None:
        documents, without_document = result
        self.documents = documents
        unknown = unknown_field_count(documents)
        unevaluated = sum(len(document.report.unevaluated) for document in documents)
        parts = [n_("1 document", "{count} documents", len(documents)),
                 n_("1 unknown merge field", "{count} unknown merge fields", unknown)
                 ] if documents else []
        if unevaluated:
            parts.append(n_("1 field not evaluated", "{count} fields not evaluated",
                            unevaluated))
        if without_document:
            parts.append(n_("1 line without a document gets no letter",
                            "{count} lines without a document get no letter",
                            without_document))
        self.query_one("#merge-summary", Static).update(literal(" · ".join(parts)))
        report = self.query_one("#merge-report", VerticalScroll)
        first = sorted(documents, key=lambda document: not needs_attention(document))
        report.mount_all([widget for document in first for widget in document_widgets(document)])
        self._say(self._refusal())

    def _say(self, message: str) -> None:
        """Show `message` under the report (nothing when it is empty)."""
        label = self.query_one("#merge-message", Static)
        label.update(literal(message))
        label.display = bool(message)

    def _show_failure(self, message: str) -> None:
        self.failure = message
        self.query_one("#merge-summary", Static).update("")
        self._say(message)

    def _refusal(self) -> str:
        """Why the merge cannot be asked for now, or "" when it can."""
        if self.failure:
            return self.failure
        if self.documents is None:
            return _("The documents are still being checked.")
        if not self.documents:
            return _("No line of segment {no} uses a document: there is nothing to merge. "
                     "Give the segment an interaction template with documents.").format(
                         no=self.segment_no)
        unreadable = [document for document in self.documents if not document.readable]
        if unreadable:
            return n_("1 document cannot be read: replace it before merging.",
                      "{count} documents cannot be read: replace them before merging.",
                      len(unreadable))
        if not self.query_one("#merge-folder", Input).value.strip():
            return _("Type the folder the letters are written to.")
        return ""

    def action_merge(self) -> None:
        refusal = self._refusal()
        if refusal:
            self._say(refusal)
            self.app.bell()
            return
        folder = Path(self.query_one("#merge-folder", Input).value.strip())
        request = MergeRequest(out_dir=folder, pdf=self.query_one("#merge-pdf", Checkbox).value)
        unknown = unknown_field_count(self.documents or [])
        if not unknown:
            self.dismiss(request)
            return

        def answered(merge_anyway: bool | None) -> None:
            if merge_anyway:  # No, Enter on No and Escape leave the dialog as it was
                self.dismiss(replace(request, allow_unknown_fields=True))

        self.app.push_screen(ConfirmDialog(
            n_("1 unknown field stays empty in the letters. Merge anyway?",
               "{count} unknown fields stay empty in the letters. Merge anyway?", unknown),
            default=False, title=_("Unknown merge fields")), answered)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#merge-folder")
    def _folder_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_merge()

    @on(Button.Pressed, "#merge-merge")
    def _merge_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_merge()

    @on(Button.Pressed, "#merge-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()
