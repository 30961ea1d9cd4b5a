"""The Segment form: the header of one segment above its paged line table, with every action.

Every action calls a domain service (through a worker, or a WorkDialog for the long ones) and
then reloads what it may have changed; no business rule is decided here.
"""
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from segtui.domain.segments import logged_reuse, selection
from segtui.domain.segments.logged_reuse import ReuseOptions, reuse_summary
from segtui.domain.segments import header_questions
from segtui.domain.documents import merge_letters
from segtui.domain.segments import saved_criteria
from segtui.domain.segments import lines as segment_lines
from segtui.domain.segments import log_segment
from segtui.domain.segments import headers as segments
from segtui.domain.segments.mailing_groups import (
    MailingGroupSize, apply_mailing_group, apply_mailing_group_size)
from segtui.domain.output.page_export import source_export
from segtui.domain.segments.line_pages import SegmentLinePageSource
from segtui.domain.segments.queries import header_values
from segtui.domain.journal.delivery import failure_lines
from segtui.i18n import _, n_
from segtui.store.enums import CriteriaAction
from segtui.tui.dialogs.confirm import ConfirmDialog
from segtui.tui.dialogs.criteria import CriteriaDialog, CriteriaRequest
from segtui.tui.dialogs.criteria_view import CriteriaViewDialog
from segtui.tui.dialogs.export_list import ListExport, export_list
from segtui.tui.dialogs.line import AddLineDialog, LineDialog
from segtui.tui.dialogs.log_segment import LogDialog, LogRequest
from segtui.tui.dialogs.lookup import LookupDialog
from segtui.tui.dialogs.labels import open_labels
from segtui.tui.dialogs.merge import MergeDialog, MergeRequest
from segtui.tui.dialogs.personal_text import PersonalTextDialog
from segtui.tui.dialogs.resend import SHOWN_REASONS
from segtui.tui.dialogs.reuse_options import ReuseOptionsDialog, option_hints
from segtui.tui.dialogs.save_criteria import SaveCriteriaDialog
from segtui.tui.dialogs.segment_documents import SegmentDocumentsDialog
from segtui.tui.dialogs.text_view import PreviewDialog
from segtui.tui.dialogs.work import WorkDialog
from segtui.tui.literal import literal, printable
from segtui.tui.services import run_service
from segtui.tui.widgets.field_row import FieldRow
from segtui.tui.widgets.key_bar import KeyBar
from segtui.tui.widgets.paged_table import CODE, PagedColumn, PagedTable
from segtui.tui.widgets.segment_header import SegmentHeaderPanel
from segtui.tui.widgets.title_bar import TitleBar

PAGE_SIZE = 100
# The lines' keys of the key bar, off while the header has the focus: its keys show then.
LINES_KEYS_BAR = ("add_contacts", "reduce_contacts", "refine_contacts", "go_back", "log")


def line_columns() -> list[PagedColumn]:
    """The columns of the line table, most important first (the last give way first)."""
    return [
        PagedColumn(_("Contact"), "contact_no", 8, kind=CODE),
        PagedColumn(_("Name"), "contact_name", 14, grow=2),
        PagedColumn(_("Company"), "contact_company_name", 14, grow=2),
        PagedColumn(_("Template"), "interaction_template_code", 6, kind=CODE),
        PagedColumn(_("Document"), "document", 6, translated=True, kind=CODE),
        PagedColumn(_("Description"), "description", 14, grow=1),
        PagedColumn(_("Corr. Type"), "correspondence_type", 6, translated=True,
                    kind=CODE),
        PagedColumn(_("Lang."), "language_code", 3, kind=CODE),
        PagedColumn(_("Date"), "date", 10, kind=CODE),
        PagedColumn(_("Cost"), "cost", 4, kind=CODE, justify="right"),
        PagedColumn(_("Duration"), "duration", 4, kind=CODE, justify="right"),
        PagedColumn(_("Why"), "provenance", 20, grow=1),
    ]



def merge_message(result: merge_letters.MergeResult) -> tuple[str, str]:
    """What the Merge did, in one notification (a warning when a file got no PDF)."""
    message = _("{count:,} letters written to {folder}.").format(count=result.letters,
                                                                 folder=result.folder)
    if result.pdfs or result.missing_pdfs:
        message += " " + _("PDFs: {made:,}, missing: {missing:,}.").format(
            made=result.pdfs, missing=len(result.missing_pdfs))
    if not result.missing_pdfs:
        return message, "information"
    first = result.missing_pdfs[0]
    message += " " + _("No PDF of {name}: {reason}").format(name=first.document.name,
                                                            reason=first.reason)
    return message, "warning"


def log_message(outcome: log_segment.LogOutcome) -> str:
    """What the Log action did, in one notification: the log, the follow-up, the delivery."""
    report = outcome.report
    message = _("Segment {no} was logged as logged segment {entry} with {count:,} "
                "interactions.").format(no=report.segment_no,
                                        entry=report.logged_segment_entry_no,
                                        count=report.entries)
    if report.follow_up_segment_no:
        message += " " + _("Follow-up segment: {no}.").format(no=report.follow_up_segment_no)
    if outcome.delivery is not None:
        message += " " + _("Delivered: {count:,}, failed: {failed:,}.").format(
            count=outcome.delivery.delivered, failed=outcome.delivery.failed)
        for line in failure_lines(outcome.delivery, SHOWN_REASONS):  # the message line wraps
            message += " · " + line
    if outcome.delivery_failure:
        message += " " + _("Delivery failed: {reason}").format(reason=outcome.delivery_failure)
    return message


class SegmentFormScreen(Screen):
    """One segment: header fields grouped General / Interaction / Campaign, then its lines."""

    COMMAND_AREA = _("segment")
    BINDINGS = [
        Binding("a", "add_contacts", _("Add contacts"), id="segment.add_contacts"),
        Binding("r", "reduce_contacts", _("Reduce"), id="segment.reduce_contacts"),
        Binding("f", "refine_contacts", _("Refine"), id="segment.refine_contacts"),
        Binding("b,ctrl+z", "go_back", _("Go back"), id="segment.go_back"),
        Binding("l", "log", _("Log"), id="segment.log"),
        Binding("n,insert", "add_line", _("New line"), show=False, id="segment.add_line"),
        Binding("e,enter", "edit_line", _("Edit line"), show=False, id="segment.edit_line"),
        Binding("d,delete", "remove_line", _("Delete line"), show=False,
                id="segment.remove_line"),
        Binding("p", "personal_text", _("Personal text"), show=False,
                id="segment.personal_text"),
        Binding("v", "preview", _("Preview letter"), show=False, id="segment.preview"),
        Binding("D", "documents", _("Documents"), show=False, id="segment.documents"),
        Binding("m", "merge", _("Merge letters"), show=False, id="segment.merge"),
        Binding("L", "labels", _("Labels"), show=False, id="segment.labels"),
        Binding("c", "criteria", _("Criteria"), show=False, id="segment.criteria"),
        Binding("s", "save_criteria", _("Save criteria"), show=False,
                id="segment.save_criteria"),
        Binding("u", "reuse_criteria", _("Reuse criteria"), show=False,
                id="segment.reuse_criteria"),
        Binding("o", "reuse_logged", _("Reuse logged segment"), show=False,
                id="segment.reuse_logged"),
        Binding("i", "apply_mailing_group", _("Apply mailing group"), show=False,
                id="segment.apply_mailing_group"),
        Binding("h", "focus_header", _("Header"), show=False, id="segment.header"),
        Binding("escape", "escape", _("Back"), show=False, id="segment.back"),
        Binding("f5,ctrl+r", "reload", _("Reload"), show=False, id="segment.reload"),
        Binding("E", "export_list", _("Export lines"), show=False, id="segment.export_list"),
    ]

    def __init__(self, segment_no: str) -> None:
        super().__init__()
        self.segment_no = segment_no
        self.values: dict = {}

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield SegmentHeaderPanel(id="segment-header")
        with Horizontal(id="lines-bar"):
            yield Label(_("Lines"), id="lines-title")
            yield Static("", id="lines-status", markup=False)
        yield PagedTable(line_columns(), page_size=PAGE_SIZE, id="segment-lines")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = printable(_("Segment {no}").format(no=self.segment_no))
        self.sub_title = ""  # the description joins the title: one clean line, no " — "
        self.lines.set_source(SegmentLinePageSource(self.segment_no))
        self.lines.focus()
        self.reload_header()

    @property
    def lines(self) -> PagedTable:
        return self.query_one("#segment-lines", PagedTable)

    @property
    def user(self) -> str:
        return self.app.settings.user

    # --- loading ----------------------------------------------------------------------------

    def reload_header(self) -> None:
        def read(segment_no: str):
            return header_values(segment_no), header_questions.disabled_fields(segment_no)
        run_service(self, read, self.segment_no, done=self._show_header, group="header",
                    exclusive=True)

    def _show_header(self, loaded) -> None:
        self.values, disabled = loaded
        self.query_one(SegmentHeaderPanel).show_values(self.values, disabled)
        description = self.values["description"]
        self.title = printable(_("Segment {no} · {description}").format(
            no=self.segment_no, description=description) if description
            else _("Segment {no}").format(no=self.segment_no))
        self.refresh_bindings()

    def reload_all(self) -> None:
        """After an action: the header (totals, counts) and the lines."""
        self.reload_header()
        self.lines.reload()

    def action_reload(self) -> None:
        self.reload_all()

    def action_export_list(self) -> None:
        """The segment's lines, to a CSV, JSON or Excel file."""
        source = self.lines.source
        if source is not None:
            export_list(self, ListExport(
                _("lines of segment {no}").format(no=self.segment_no),
                f"segment-{self.segment_no}-lines", lambda: source_export(source),
                source.count))

    @on(PagedTable.StatusChanged, "#segment-lines")
    def _show_status(self, event: PagedTable.StatusChanged) -> None:
        self.query_one("#lines-status", Static).update(literal(event.status))

    # --- header -----------------------------------------------------------------------------

    def action_focus_header(self) -> None:
        self.query_one(SegmentHeaderPanel).focus_first_field()

    def action_escape(self) -> None:
        """From the header: back to the lines; from the lines: back to the list."""
        if self.focused is not None and self.focused is not self.lines:
            self.lines.focus()
        else:
            self.app.pop_screen()

    @on(FieldRow.Edited)
    def _header_edited(self, event: FieldRow.Edited) -> None:
        row = event.row

        def prepare(segment_no: str, attr: str, text: str):
            value = segments.parse_header_value(segments.HEADER_FIELDS[attr], text)
            return value, header_questions.question_for(segment_no, attr, value)

        def refused(message: str) -> None:
            row.set_message(message, error=True)

        def prepared(result) -> None:
            value, question = result
            if question is None:
                self._change_header(row, value, update_lines=True, create_language=False)
                return

            def answered(yes: bool) -> None:
                if not yes and question.no_means == "cancel":
                    row.show(row.saved_text)
                    return
                self._change_header(row, value, update_lines=yes, create_language=yes)
            self.app.push_screen(ConfirmDialog(question.text, default=True), answered)

        run_service(self, prepare, self.segment_no, event.attr, event.text, done=prepared,
                    failed=refused, group="header-edit")

    def _change_header(self, row: FieldRow, value, *, update_lines: bool,
                       create_language: bool) -> None:
        """Save one field, unless someone changed the header since this form read it."""
        def changed(updated: int) -> None:
            if version is not None:  # before the reload reads it: a quick next save
                self.values["version"] = version + 1
            if updated:
                self.notify(n_("{count:,} line updated.", "{count:,} lines updated.", updated))
            self.reload_all()

        version = self.values.get("version")
        run_service(self, segments.change_header, self.segment_no, row.spec.attr, value,
                    user=self.user, update_lines=update_lines,
                    create_language_document=create_language, expected_version=version,
                    done=changed,
                    failed=lambda message: row.set_message(message, error=True),
                    group="header-edit")

    # --- lines ------------------------------------------------------------------------------

    def _line_no(self) -> int | None:
        row = self.lines.highlighted_row
        return None if row is None else row.line_no

    def check_action(self, action: str, parameters) -> bool | None:
        if action in ("edit_line", "remove_line", "personal_text", "preview"):
            return self.focused is self.lines and self._line_no() is not None
        if action in LINES_KEYS_BAR and self.query_one(SegmentHeaderPanel).has_focus_within:
            return False  # the header's keys have the key bar there (Escape: back to the lines)
        if action == "go_back":
            return bool(self.values.get("no_of_criteria_actions"))
        return True

    def action_add_line(self) -> None:
        self.app.push_screen(AddLineDialog(self.segment_no), self._after_dialog)

    @on(DataTable.RowSelected, "#segment-lines")
    def _line_chosen(self, event: DataTable.RowSelected) -> None:
        """Enter on a line: the table's own Enter selects the row; that edits it, as e does."""
        event.stop()
        self.action_edit_line()

    def action_edit_line(self) -> None:
        if (line_no := self._line_no()) is not None:
            self.app.push_screen(LineDialog(self.segment_no, line_no), self._after_dialog)

    def action_personal_text(self) -> None:
        if (line_no := self._line_no()) is not None:
            self.app.push_screen(PersonalTextDialog(self.segment_no, line_no),
                                 self._after_dialog)

    def action_documents(self) -> None:
        """S-04: the header's documents, and the highlighted line's when the lines have focus."""
        line_no = self._line_no() if self.focused is self.lines else None
        self.app.push_screen(SegmentDocumentsDialog(self.segment_no, line_no),
                             self._after_dialog)

    def action_preview(self) -> None:
        if (line_no := self._line_no()) is not None:
            self.app.push_screen(PreviewDialog(self.segment_no, line_no))

    def _after_dialog(self, changed) -> None:
        if changed:
            self.reload_all()

    def action_remove_line(self) -> None:
        row = self.lines.highlighted_row
        if row is None:
            return
        last = self.values.get("no_of_lines") == 1 and self.values.get(
            "no_of_criteria_actions", 0) > 1

        def remove(reset: bool) -> None:
            run_service(self, segment_lines.remove_line, self.segment_no, row.line_no,
                        user=self.user, reset_criteria_when_empty=reset,
                        done=lambda _reset: self.reload_all(), group="line-edit")

        def confirmed(yes: bool) -> None:
            if not yes:
                return
            if last:
                self.app.push_screen(ConfirmDialog(
                    _("Your segment is now empty. Do you want to reset number of criteria "
                      "actions?"), default=True), remove)
            else:
                remove(False)

        self.app.push_screen(ConfirmDialog(
            _("Delete line {line} ({contact} {name})?").format(
                line=row.line_no, contact=row.contact_no,
                name=row.contact_name or row.contact_company_name), default=False), confirmed)

    # --- criteria actions -------------------------------------------------------------------

    def action_add_contacts(self) -> None:
        self._criteria(CriteriaAction.ADD_CONTACTS)

    def action_reduce_contacts(self) -> None:
        self._criteria(CriteriaAction.REDUCE)

    def action_refine_contacts(self) -> None:
        self._criteria(CriteriaAction.REFINE)

    def _criteria(self, action: CriteriaAction) -> None:
        self.app.push_screen(CriteriaDialog(self.segment_no, action), self._apply_criteria)

    def _apply_criteria(self, request: CriteriaRequest | None) -> None:
        if request is None:
            return
        segment_no, user = self.segment_no, self.user
        if request.action == CriteriaAction.ADD_CONTACTS:
            title = _("Add Contacts")

            def job(_progress):
                return selection.add_contacts(
                    segment_no, request.criteria, user=user, options=request.options,
                    all_contacts=request.all_contacts)
            done = _("{count:,} lines added.")
        else:
            title = _("Reduce Contacts") if request.action == CriteriaAction.REDUCE \
                else _("Refine Contacts")

            def job(_progress):
                return selection.remove_contacts(
                    segment_no, request.action, request.criteria, user=user,
                    entire_companies=request.entire_companies)
            done = _("{count:,} lines removed.")
        self._run(title, job, lambda result: done.format(count=result.count))

    def _run(self, title: str, job, describe, total: int | None = None,
             canceled_text: str = "") -> None:
        """Run `job` in a WorkDialog; then say what it did and reload. `describe` gives the
        message, or (message, severity)."""
        def finished(result) -> None:
            if result is not None:
                said = describe(result)
                message, severity = said if isinstance(said, tuple) else (said, "information")
                self.notify(message, severity=severity, markup=False,
                            timeout=10 if severity != "information" else 5)
            self.reload_all()
        self.app.push_screen(WorkDialog(title, job, total=total, canceled_text=canceled_text),
                             finished)

    def action_go_back(self) -> None:
        if not self.values.get("no_of_criteria_actions"):
            self.notify(_("There is no criteria action to undo."))
            return

        def confirmed(yes: bool) -> None:
            if yes:
                segment_no = self.segment_no
                self._run(_("Go Back"), lambda _progress: selection.go_back(segment_no),
                          lambda result: _("Criteria action {action} undone ({count:,} lines)."
                                           ).format(action=result.action_no, count=result.count))

        def sized(size: selection.ActionResult) -> None:
            if not size.action_no:
                self.notify(_("There is no criteria action to undo."))
                return
            self.app.push_screen(ConfirmDialog(
                _("This will undo criteria action {action}, which changed {count:,} lines. Do "
                  "you want to continue?").format(action=size.action_no, count=size.count),
                default=False), confirmed)
        run_service(self, selection.go_back_size, self.segment_no, done=sized,
                    group="go-back")

    def action_criteria(self) -> None:
        self.app.push_screen(CriteriaViewDialog(self.segment_no))

    def action_save_criteria(self) -> None:
        def saved(code: str | None) -> None:
            if code:
                self.notify(_("Criteria saved as {code}.").format(code=code), markup=False)
        self.app.push_screen(SaveCriteriaDialog(self.segment_no), saved)

    def _reuse(self, kind: str, question, reuse) -> None:
        """Pick from a list; ask the domain's C9 question when it has one, then reuse."""
        def asked(key: str, found) -> None:
            if found is None:
                reuse(key)
                return
            self.app.push_screen(ConfirmDialog(found.text, default=False),
                                 lambda yes: yes and reuse(key))

        def picked(key: str | None) -> None:
            if key is not None:
                run_service(self, question, self.segment_no,
                            done=lambda found: asked(key, found), group="reuse-question")
        self.app.push_screen(LookupDialog.of(kind), picked)

    def action_reuse_criteria(self) -> None:
        segment_no, user = self.segment_no, self.user

        def reuse(code: str) -> None:
            self._run(_("Reuse Criteria"), lambda _progress: saved_criteria.reuse_criteria(
                segment_no, code, user=user, confirmed=True),
                lambda results: _("Criteria {code} reused: {count:,} actions.").format(
                    code=code, count=len(results)))
        self._reuse("saved_criteria", saved_criteria.reuse_criteria_question, reuse)

    def action_reuse_logged(self) -> None:
        """Pick a logged segment, ask C9's question, then its options (C14) with what each
        choice adds and skips; reuse, and say what was added and skipped."""
        segment_no, user = self.segment_no, self.user

        def run(entry: int, options: ReuseOptions | None) -> None:
            if options is not None:
                self._run(_("Reuse Logged Segment"),
                          lambda _progress: selection.reuse_logged_segment(
                              segment_no, entry, user=user, confirmed=True,
                              include_canceled=options.include_canceled,
                              ignore_exclusion=options.ignore_exclusion),
                          lambda result: reuse_summary(result, option_hints()))

        def reuse(entry: str) -> None:
            run_service(self, logged_reuse.previews, int(entry), group="reuse-question",
                        done=lambda found: self.app.push_screen(ReuseOptionsDialog(
                            _("Reuse logged segment {entry}").format(entry=entry), found),
                            lambda options: run(int(entry), options)))
        self._reuse("logged_segment", selection.reuse_logged_question, reuse)

    def action_apply_mailing_group(self) -> None:
        """S-10: pick a mailing group, say whether old assignments go first, apply it."""
        segment_no = self.segment_no

        def apply(code: str, delete_old: bool) -> None:
            self._run(_("Apply Mailing Group"), lambda _progress: apply_mailing_group(
                segment_no, code, delete_old_assignments=delete_old),
                lambda result: result.message)

        def ask(size: MailingGroupSize) -> None:
            # one question, with how many it concerns; Delete Old Assignments is its option
            question = _("Apply mailing group {code} to {contacts} ({lines}) of segment "
                         "{no}?").format(
                code=size.mailing_group, no=segment_no,
                contacts=n_("1 contact", "{count:,} contacts", size.contacts),
                lines=n_("1 line", "{count:,} lines", size.lines))
            option = _("Delete old assignments first ({contacts})").format(contacts=n_(
                "1 contact", "{count:,} contacts", size.holders))
            dialog = ConfirmDialog(question, default=False, option=option,
                                   title=_("Apply Mailing Group"))
            self.app.push_screen(dialog, lambda yes: yes and apply(size.mailing_group,
                                                                   dialog.option_ticked))

        def picked(code: str | None) -> None:
            if code is not None:
                run_service(self, apply_mailing_group_size, segment_no, code, done=ask,
                            group="mailing-group-size")
        self.app.push_screen(LookupDialog.of("mailing_group"), picked)

    # --- merge and log ----------------------------------------------------------------------

    def action_merge(self) -> None:
        def chosen(request: MergeRequest | None) -> None:
            if request is None:
                return
            segment_no, total = self.segment_no, self.values.get("no_of_lines") or None

            def job(progress):
                making_pdfs = _("Making PDFs with LibreOffice…")
                return merge_letters.merge_to_folder(
                    segment_no, request.out_dir, pdf=request.pdf,
                    allow_unknown_fields=request.allow_unknown_fields,
                    progress=lambda done: progress.step(done, total),
                    pdf_options=merge_letters.PdfOptions(
                        progress=lambda done, all_: progress.step(done, all_, making_pdfs),
                        canceled=lambda: progress.canceled))
            self._run(_("Merge"), job, merge_message, total,
                      canceled_text=_("The letters written so far stay in the folder."))
        self.app.push_screen(MergeDialog(self.segment_no), chosen)

    def action_labels(self) -> None:
        """C-02: the address labels of the line contacts, in a layout, to a file."""
        open_labels(self, _("Labels of segment {no}").format(no=self.segment_no),
                    segment_no=self.segment_no, total=self.values.get("no_of_lines") or None)

    def action_log(self) -> None:
        dialog = LogDialog(self.segment_no)
        self.app.push_screen(dialog, lambda request: self._log(request, dialog.lines_changed))

    def _log(self, request: LogRequest | None, lines_changed: bool = False) -> None:
        if request is None:
            if lines_changed:  # switched to Hard Copy or removed in the dialog
                self.reload_all()
            return
        segment_no, user, smtp = self.segment_no, self.user, self.app.settings.smtp

        def job(_progress):
            return log_segment.log_and_deliver(segment_no, user=user, deliver=request.deliver,
                                               follow_up=request.follow_up, smtp=smtp)

        def logged(outcome: log_segment.LogOutcome | None) -> None:
            if outcome is None:
                self.reload_all()
                return
            self.app.pop_screen()
            failed = outcome.delivery_failure or (outcome.delivery is not None
                                                  and outcome.delivery.failed)
            self.app.notify(log_message(outcome), title=_("Logged"), markup=False,
                            severity="warning" if failed else "information",
                            timeout=20 if failed else 10)
        self.app.push_screen(WorkDialog(_("Log Segment"), job), logged)
