"""The Interaction Log (M-39, M-40, S-07): filtered lists, cancel / un-cancel, evaluate, comments,
deletion of canceled entries. Lists read a page at a time by entry number (keyset)."""
import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from peewee import JOIN, fn

from segtui.domain.journal import cancel_journal
from segtui.domain.errors import DomainError
from segtui.i18n import _
from segtui.domain.filters import BOOLEAN, CODE, DATE, INTEGER, FieldKind, FilterError, condition
from segtui.domain.documents.segment_documents import purge_attachments
from segtui.domain.output.list_columns import ListColumns
from segtui.domain.values import parse_option, parse_text, normal_code
from segtui.store.connection import write_transaction
from segtui.store.enums import Evaluation
from segtui.store.models import (
    CampaignEntry, Contact, InteractionLogEntry, InterLogEntryCommentLine, LoggedSegment)

E = InteractionLogEntry
PAGE_SIZE = 1000  # entries per query when streaming the log
# `interactions list` (K6): every column of the entry, the contact's and company's names and
# whether it has comments; "" for a date or moment that is not set (delivered_at "": never
# delivered, rule D4; original_entry_no 0: no resend copy).
ENTRY_LIST = ListColumns(
    E, table=("entry_no", "date", "contact_no", "contact_name", "interaction_template_code",
              "description", "correspondence_type", "evaluation", "delivery_status",
              "delivery_error", "canceled"),
    first=("entry_no", "date", "contact_no", "contact_name", "contact_company_no",
           "contact_company_name", "description", "subject", "interaction_template_code",
           "interaction_group_code", "salesperson_code", "campaign_no", "campaign_entry_no",
           "segment_no", "logged_segment_entry_no", "correspondence_type",
           "interaction_language_code", "cost", "duration", "evaluation", "delivery_status",
           "delivery_error", "delivered_at", "original_entry_no", "attachment_no", "canceled",
           "user_id", "comment"),
    computed=("contact_name", "contact_company_name", "comment"),
    left_out={"merge_data": "the letter's data as sent: `interactions show` gives the letter"})
COMMENT_LIST = ListColumns(InterLogEntryCommentLine, table=("line_no", "date", "code", "comment"))


@dataclass(frozen=True)
class EntryFilter:
    """Filters of the Interaction Log; each value is a NAV filter expression ('' = no filter)."""
    contact: str = ""
    company: str = ""
    segment: str = ""
    logged_segment: str = ""
    template: str = ""
    salesperson: str = ""
    campaign: str = ""
    date: str = ""
    canceled: str = ""

    def condition(self):
        parts = []
        columns = [("contact", E.contact_no, CODE), ("company", E.contact_company_no, CODE),
                   ("segment", E.segment_no, CODE),
                   ("logged_segment", E.logged_segment_entry_no, INTEGER),
                   ("template", E.interaction_template_code, CODE),
                   ("salesperson", E.salesperson_code, CODE), ("campaign", E.campaign_no, CODE),
                   ("date", E.date, DATE), ("canceled", E.canceled, BOOLEAN)]
        for name, column, kind in columns:
            expression = getattr(self, name)
            if expression:
                try:
                    parts.append(condition(column, expression,
                                           FieldKind(kind, nullable=kind == DATE)))
                except FilterError as exc:
                    raise DomainError(f"{name}={expression}: {exc}") from None
        result = E.postponed == False  # noqa: E712
        for part in parts:
            result &= part
        return result


def entry_rows(entry_filter: EntryFilter = EntryFilter(), *, after: int = 0,
               limit: int | None = None) -> list[dict]:
    """Entries in entry-number order after `after`, as plain values with contact names."""
    return _entry_page(entry_filter.condition(), after, limit)


def iter_entry_rows(entry_filter: EntryFilter = EntryFilter(), *, page_size: int = PAGE_SIZE,
                    newest_first: bool = False) -> Iterator[dict]:
    """Every entry as `entry_rows` gives it, `page_size` per query (keyset on entry no.), so
    memory does not grow with the log; `newest_first` in the Interaction Log screen's order.
    A bad filter is refused before anything is yielded."""
    where = entry_filter.condition()

    def pages() -> Iterator[dict]:
        key = None
        while True:
            page = _entry_page(where, key, page_size, newest_first=newest_first)
            yield from page
            if len(page) < page_size:
                return
            key = page[-1]["entry_no"]

    return pages()


def _entry_page(where, after: int | None, limit: int | None, *,
                newest_first: bool = False) -> list[dict]:
    """The entries past `after` (None: from the first) in entry-number order, or before it
    in the reverse order when `newest_first`."""
    if after is not None:
        where &= (E.entry_no < after) if newest_first else (E.entry_no > after)
    company = Contact.alias("company")
    # the listed columns only: the merge data snapshot of each entry stays in the database
    query = (E.select(*ENTRY_LIST.fields, Contact.name.alias("contact_name"),
                      company.name.alias("company_name"),
                      fn.EXISTS(InterLogEntryCommentLine.select(InterLogEntryCommentLine.line_no)
                                .where(InterLogEntryCommentLine.entry == E.entry_no))
                      .alias("has_comment"))
             .join(Contact, JOIN.LEFT_OUTER, on=(Contact.no == E.contact_no))
             .join_from(E, company, JOIN.LEFT_OUTER,
                        on=(company.no == fn.NULLIF(E.contact_company_no, "")))
             .where(where)
             .order_by(E.entry_no.desc() if newest_first else E.entry_no).objects())
    if limit is not None:
        query = query.limit(limit)
    return [_entry_values(entry) for entry in query]


def _entry_values(entry) -> dict:
    return ENTRY_LIST.values(entry, contact_name=entry.contact_name or "",
                             contact_company_name=entry.company_name or "",
                             comment=bool(entry.has_comment))


def _existing(entry_nos: list[int]) -> list[int]:
    if not entry_nos:
        raise DomainError(_("name at least one interaction log entry"))
    wanted = sorted(set(entry_nos))
    found = {row[0] for row in E.select(E.entry_no).where(E.entry_no.in_(wanted)).tuples()}
    missing = [str(no) for no in wanted if no not in found]
    if missing:
        raise DomainError(_("interaction log entry {entries} does not exist").format(
            entries=", ".join(missing)))
    return wanted


def set_canceled(entry_nos: list[int], canceled: bool, *, user: str, reason: str,
                 remove_unique_attachments: bool = False) -> int:
    """M-39: cancel or un-cancel entries. X2: un-cancel is refused while the entry's logged
    segment or campaign entry is canceled. X3: canceling may remove attachments no other entry
    uses (asked, default No)."""
    reason = cancel_journal.required_reason(reason)
    with write_transaction():
        entry_nos = _existing(entry_nos)
        selected = E.entry_no.in_(entry_nos)
        if not canceled:
            blocked = (E.select(E.entry_no).join(LoggedSegment, on=(
                LoggedSegment.entry_no == E.logged_segment_entry_no))
                .where(selected & (LoggedSegment.canceled == True)).limit(1).scalar())  # noqa
            if blocked:
                raise DomainError(_("entry {entry_no} cannot be un-canceled: Canceled must be "
                                    "equal to No in its Logged Segment").format(entry_no=blocked))
            blocked = (E.select(E.entry_no).join(CampaignEntry, on=(
                CampaignEntry.entry_no == E.campaign_entry_no))
                .where(selected & (CampaignEntry.canceled == True)).limit(1).scalar())  # noqa
            if blocked:
                raise DomainError(_("entry {entry_no} cannot be un-canceled: Canceled must be "
                                    "equal to No in its Campaign Entry").format(entry_no=blocked))
        changed = E.update(canceled=canceled).where(selected & (E.canceled != canceled)).execute()
        if canceled and remove_unique_attachments:
            _remove_unique_attachments(entry_nos)
        cancel_journal.record("cancel entries" if canceled else "uncancel entries", user=user,
                              reason=reason, count=changed, entry_nos=entry_nos)
    return changed


def _unique_attachments(entry_nos: list[int]) -> list[int]:
    """Attachments of these entries that no other entry uses."""
    others = E.select(E.attachment_no).where(E.entry_no.not_in(entry_nos)
                                             & (E.attachment_no != 0))
    return [row[0] for row in E.select(E.attachment_no).distinct()
            .where(E.entry_no.in_(entry_nos) & (E.attachment_no != 0)
                   & E.attachment_no.not_in(others)).tuples()]


def _remove_unique_attachments(entry_nos: list[int]) -> None:
    attachments = _unique_attachments(entry_nos)
    E.update(attachment_no=0).where(E.entry_no.in_(entry_nos)
                                    & E.attachment_no.in_(attachments)).execute()
    purge_attachments(attachments, read_only_too=True)


def evaluate(entry_nos: list[int], value: str) -> int:
    """M-40: set one evaluation on all the entries."""
    evaluation = parse_option("Evaluation", value, Evaluation)
    with write_transaction():
        entry_nos = _existing(entry_nos)
        return E.update(evaluation=evaluation).where(E.entry_no.in_(entry_nos)).execute()


def add_comment(entry_no: int, comment: str, *, code: str = "") -> int:
    """S-07: a comment line on an entry; the first comment of a day carries the date."""
    comment = parse_text("Comment", comment.strip(), 80)
    if not comment:
        raise DomainError(_("Comment: write some text"))
    with write_transaction():
        _existing([entry_no])
        today = datetime.date.today()
        last = (InterLogEntryCommentLine.select(fn.MAX(InterLogEntryCommentLine.line_no))
                .where(InterLogEntryCommentLine.entry == entry_no).scalar()) or 0
        dated_today = InterLogEntryCommentLine.select().where(
            (InterLogEntryCommentLine.entry == entry_no)
            & (InterLogEntryCommentLine.date == today)).exists()
        InterLogEntryCommentLine.insert(entry=entry_no, line_no=last + 10000,
                                        date=None if dated_today else today,
                                        code=normal_code(code)[:10], comment=comment,
                                        last_date_modified=today).execute()
    return last + 10000


def comments(entry_no: int) -> list[dict]:
    _existing([entry_no])
    return [COMMENT_LIST.values(row) for row in InterLogEntryCommentLine.select()
            .where(InterLogEntryCommentLine.entry == entry_no)
            .order_by(InterLogEntryCommentLine.line_no)]


def delete_canceled_entries(entry_nos: list[int], *, user: str, reason: str) -> int:
    """S-08: delete canceled entries with their comments and the attachments only they used."""
    reason = cancel_journal.required_reason(reason)
    with write_transaction():
        entry_nos = _existing(entry_nos)
        not_canceled = (E.select(E.entry_no).where(E.entry_no.in_(entry_nos)
                                                    & (E.canceled == False))  # noqa: E712
                        .limit(1).scalar())
        if not_canceled:
            raise DomainError(_("entry {entry_no} is not canceled; only canceled entries "
                                "can be deleted").format(entry_no=not_canceled))
        attachments = _unique_attachments(entry_nos)
        deleted = E.delete().where(E.entry_no.in_(entry_nos)).execute()
        purge_attachments(attachments, read_only_too=True)
        cancel_journal.record("delete entries", user=user, reason=reason, count=deleted,
                              entry_nos=entry_nos)
    return deleted
