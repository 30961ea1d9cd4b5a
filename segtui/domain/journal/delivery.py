"""Deliver logged interaction entries (M-30, M-34, M-35, D1–D3, L11–L13).

Runs after the log has committed: each entry In Progress gets its document (its attachment
merged with the merge data it kept) and then its own small status update — blank with the time
in Delivered At when delivered, Error with the reason kept in Delivery Error otherwise — so a
failure never undoes the log nor another entry's delivery. Delivered At is what tells a
delivered entry from one never delivered (both have a blank status): a resend skips the first.

Hard Copy → one private .docx per contact in the output folder; Email → one message per contact
through the SMTP server passed in (`smtp`, a setting; None: none is set up), the letter as the
HTML body, or the .docx attached when "Send Word Docs. as Attmt." is set; Fax → Error (not
supported).
"""
import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from segtui.config import output_dir, private_dir
from segtui.domain.journal import mail
from segtui.domain.errors import DomainError
from segtui.domain.output.file_names import safe_file_name
from segtui.domain.documents.merge_letters import write_private
from segtui.domain.journal.sent_documents import Renderer, SentDocument
from segtui.domain.documents.word.merge import to_text
from segtui.i18n import _
from segtui.store.connection import write_transaction
from segtui.store.enums import CorrespondenceType, DeliveryStatus
from segtui.store.models import InteractionLogEntry

E = InteractionLogEntry
PAGE = 200
FIELD_LENGTH = E.delivery_error.max_length
FIRST_REASONS = 5
"""How many failures a summary names (the rest are counted; the Interaction Log has them all)."""


@dataclass
class DeliveryReport:
    """What a delivery run did: how many entries went out, which failed and why."""
    delivered: int = 0
    written: int = 0
    mailed: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    """(entry no., reason) of each entry that failed, in entry order."""
    folder: Path | None = None
    contacts: dict[int, str] = field(default_factory=dict)
    """The contact of each failed entry."""

    @property
    def failed(self) -> int:
        return len(self.errors)


def failure_lines(report: DeliveryReport, limit: int = FIRST_REASONS) -> list[str]:
    """The first `limit` failures, "entry N (contact C): reason", then "… and K more"."""
    lines = [_("entry {entry_no} (contact {contact}): {reason}").format(
        entry_no=entry_no, contact=report.contacts.get(entry_no, "?"), reason=reason)
        for entry_no, reason in report.errors[:limit]]
    if report.failed > limit:
        lines.append(_("… and {count:,} more").format(count=report.failed - limit))
    return lines


Progress = Callable[[int, int], None]
"""Told (entries done, entries to deliver) after each entry; it may raise to stop the run (the
entries not reached stay In Progress, to be resent)."""


def deliver_logged_segment(entry_no: int, *, out_dir: Path | None = None,
                           smtp: mail.SmtpSettings | None = None,
                           progress: Progress | None = None) -> DeliveryReport:
    """Deliver the entries of logged segment `entry_no` that are In Progress."""
    in_progress = (E.logged_segment_entry_no == entry_no)
    return _deliver(in_progress, out_dir or output_dir("delivery", f"logged-{entry_no}"), smtp,
                    progress)


def deliver_entries(entry_nos: list[int], *, out_dir: Path | None = None,
                    smtp: mail.SmtpSettings | None = None,
                    progress: Progress | None = None) -> DeliveryReport:
    """Deliver those of `entry_nos` that are In Progress."""
    return _deliver(E.entry_no.in_(sorted(set(entry_nos))),
                    out_dir or output_dir("delivery", "entries"), smtp, progress)


def _deliver(selection, out_dir: Path, smtp: mail.SmtpSettings | None,
             progress: Progress | None) -> DeliveryReport:
    report = DeliveryReport(folder=out_dir)
    run = _Run(report, out_dir, smtp)
    queued = selection & (E.delivery_status == DeliveryStatus.IN_PROGRESS)
    total = E.select().where(queued).count() if progress is not None else 0
    try:
        after, done = 0, 0
        while True:
            entries = list(E.select().where(queued & (E.entry_no > after)).order_by(E.entry_no)
                           .limit(PAGE))
            for entry in entries:
                run.deliver(entry)
                done += 1
                if progress is not None:
                    progress(done, total)
            if len(entries) < PAGE:
                return report
            after = entries[-1].entry_no
    finally:
        run.close()


class _Run:
    def __init__(self, report: DeliveryReport, out_dir: Path,
                 smtp: mail.SmtpSettings | None) -> None:
        self.report, self.out_dir = report, out_dir
        self.renderer = Renderer()
        self._smtp = smtp
        self._mailer: mail.Mailer | None = None

    def deliver(self, entry: InteractionLogEntry) -> None:
        try:
            kind = CorrespondenceType(entry.correspondence_type)
            if kind == CorrespondenceType.FAX:
                raise DomainError("fax is not supported")
            if kind == CorrespondenceType.BLANK:
                raise DomainError("the entry has no correspondence type")
            sent = self.renderer.render(entry)
            if kind == CorrespondenceType.HARD_COPY:
                self._write(entry, sent)
            else:
                self._mail(entry, sent)
        except DomainError as exc:
            self._set_status(entry, str(exc))
        else:
            self._set_status(entry, "")

    def _write(self, entry: InteractionLogEntry, sent: SentDocument) -> None:
        values = sent.values
        if not any(values[key].strip() for key in ("Contact_Address", "Contact_Address_2",
                                                   "Contact_City")):
            raise DomainError(f"contact {entry.contact_no} has no postal address for a hard copy")
        private_dir(self.out_dir)
        name = safe_file_name(f"{entry.entry_no:09d} {entry.contact_no} "
                              f"{values['Contact_Name']}", fallback="letter") + ".docx"
        try:
            write_private(self.out_dir / name, sent.document)
        except OSError as exc:
            raise DomainError(f"cannot write {self.out_dir / name}: {exc.strerror}") from None
        self.report.written += 1

    def _mail(self, entry: InteractionLogEntry, sent: SentDocument) -> None:
        address = sent.values["Contact_Email"].strip()
        if not address:
            raise DomainError(f"contact {entry.contact_no} has no e-mail address")
        mailer = self._get_mailer()
        subject = entry.subject.strip() or entry.description.strip()
        attached = entry.send_word_docs_as_attmt
        message = mail.build_message(
            mailer.settings, to=address, subject=subject,
            text="" if attached else to_text(sent.document),
            document=sent.document if attached else None,
            file_name=safe_file_name(subject, fallback="Attachment") + ".docx")
        reason = mailer.send(message)
        if reason:
            raise DomainError(reason)
        self.report.mailed += 1

    def _get_mailer(self) -> mail.Mailer:
        if self._mailer is None:
            if self._smtp is None:
                raise DomainError(mail.NOT_SET_UP)
            self._mailer = mail.Mailer(self._smtp)
        return self._mailer

    def _set_status(self, entry: InteractionLogEntry, reason: str) -> None:
        changes = {E.delivery_status: DeliveryStatus.ERROR if reason else DeliveryStatus.BLANK,
                   E.delivery_error: reason[:FIELD_LENGTH]}
        if not reason:  # a failed attempt keeps the time of an earlier delivery
            changes[E.delivered_at] = datetime.datetime.now().replace(microsecond=0)
        with write_transaction():
            E.update(changes).where(E.entry_no == entry.entry_no).execute()
        if reason:
            self.report.errors.append((entry.entry_no, reason))
            self.report.contacts[entry.entry_no] = entry.contact_no
        else:
            self.report.delivered += 1

    def close(self) -> None:
        if self._mailer is not None:
            self._mailer.close()
