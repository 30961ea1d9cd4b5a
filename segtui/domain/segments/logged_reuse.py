"""What a reuse of a logged segment takes and skips (C14, C15), how it says so, and how it is
stored so that Reuse Criteria replays the same reuse (C16).

A reuse takes one line per interaction entry of the logged segment. It skips canceled entries
unless `include_canceled`, and entries of contacts marked Exclude from Segment or Privacy Blocked
unless `ignore_exclusion` (one option for both marks: each says "do not take this contact into a
mailing"; Log still names privacy-blocked lines, C-10). An entry whose contact was deleted since
cannot make a line. Every skipped entry is counted under one reason, in that order, so the
counts and the lines added make up the logged segment's entries.
"""
import json
from dataclasses import dataclass, field

from peewee import JOIN, Case, fn

from segtui.domain.segments.criteria_sources import CriteriaSet
from segtui.i18n import _
from segtui.store.models import Contact, InteractionLogEntry

TABLE = "interaction_log_entry"
REUSE_KEY = "reuse_logged_segment"
"""The key of a reuse's Filter row view that says what the reuse applied (C16)."""
CLI_OPTIONS = ("--include-canceled", "--ignore-exclusion")
"""How a message names the two options; the TUI passes its tick boxes' labels instead."""

TAKEN, CANCELED, MISSING, EXCLUDED, PRIVACY_BLOCKED = range(5)


@dataclass(frozen=True)
class ReuseOptions:
    """The two options of a reuse: what it takes that it skips by default."""
    include_canceled: bool = False
    ignore_exclusion: bool = False


@dataclass
class ReuseResult:
    """What a reuse did (or, in a dry run, would do): lines added and entries skipped, by reason.

    `entries` is every entry of the logged segment; `count` + `skipped` = `entries`."""
    entry_no: int
    options: ReuseOptions
    entries: int = 0
    count: int = 0
    canceled: int = 0
    missing: int = 0
    excluded: int = 0
    privacy_blocked: int = 0
    action_no: int = 0
    dry_run: bool = False
    segment_no: str = ""   # the segment the lines went to (the new one of a follow-up)

    @property
    def skipped(self) -> int:
        return self.canceled + self.missing + self.excluded + self.privacy_blocked


def taken_entries(entry_no: int, options: ReuseOptions):
    """The entries a reuse makes lines of, with their contact: a query, nothing read yet."""
    E = InteractionLogEntry
    query = (E.select().join(Contact, on=(Contact.no == E.contact_no))
             .where(E.logged_segment_entry_no == entry_no))
    if not options.include_canceled:
        query = query.where(E.canceled == False)  # noqa: E712
    if not options.ignore_exclusion:
        query = query.where((Contact.exclude_from_segment == False)  # noqa: E712
                            & (Contact.privacy_blocked == False))  # noqa: E712
    return query


def count_entries(entry_no: int, options: ReuseOptions) -> ReuseResult:
    """The logged segment's entries counted by what a reuse does with them, in one query."""
    E = InteractionLogEntry
    reasons = []
    if not options.include_canceled:
        reasons.append((E.canceled == True, CANCELED))  # noqa: E712
    reasons.append((Contact.no.is_null(), MISSING))
    if not options.ignore_exclusion:
        reasons += [(Contact.exclude_from_segment == True, EXCLUDED),  # noqa: E712
                    (Contact.privacy_blocked == True, PRIVACY_BLOCKED)]  # noqa: E712
    classified = (E.select(Case(None, reasons, TAKEN).alias("reason"))
                  .join(Contact, JOIN.LEFT_OUTER, on=(Contact.no == E.contact_no))
                  .where(E.logged_segment_entry_no == entry_no))
    counts = dict(E.select(classified.c.reason, fn.COUNT(1)).from_(classified)
                  .group_by(classified.c.reason).tuples())
    return ReuseResult(entry_no, options, entries=sum(counts.values()),
                       count=counts.get(TAKEN, 0), canceled=counts.get(CANCELED, 0),
                       missing=counts.get(MISSING, 0), excluded=counts.get(EXCLUDED, 0),
                       privacy_blocked=counts.get(PRIVACY_BLOCKED, 0))


# --- the stored action (C16) ------------------------------------------------------------------

def reuse_view(entry_no: int, options: ReuseOptions) -> str:
    """The Filter row of a reuse: the conditions as the interaction source reads them (the
    logged segment, and Canceled = No when canceled entries were skipped) and, under
    REUSE_KEY, the reuse itself with its options, which Reuse Criteria replays."""
    filters = {"logged_segment_entry_no": str(entry_no)}
    if not options.include_canceled:
        filters["canceled"] = "No"
    return json.dumps({"table": TABLE, "filters": filters,
                       REUSE_KEY: {"entry_no": entry_no,
                                   "include_canceled": options.include_canceled,
                                   "ignore_exclusion": options.ignore_exclusion}})


@dataclass
class ReuseCriteria(CriteriaSet):
    """The criteria of a reuse action: what the interaction source reads of it, written as its
    one Filter row with the reuse itself (`reuse_view`)."""
    view: str = field(default="")

    @classmethod
    def of_reuse(cls, entry_no: int, options: ReuseOptions) -> "ReuseCriteria":
        view = reuse_view(entry_no, options)
        return cls(CriteriaSet.from_views([(TABLE, view)]).by_source, view)

    def views(self) -> list[tuple[str, str]]:
        return [(TABLE, self.view)]


def stored_reuse(views: list[tuple[str, str]]) -> tuple[int, ReuseOptions] | None:
    """The logged segment and options of a stored reuse action, or None when its Filter rows
    are plain criteria (so are the views stored before C16: they replay as Add Contacts)."""
    if len(views) != 1 or views[0][0] != TABLE or not views[0][1]:
        return None
    reuse = json.loads(views[0][1]).get(REUSE_KEY)
    if not reuse:
        return None
    return int(reuse["entry_no"]), ReuseOptions(bool(reuse.get("include_canceled")),
                                                bool(reuse.get("ignore_exclusion")))


def describe_reuse_view(view: str) -> str | None:
    """A stored reuse's Filter row for the criteria view, or None for plain criteria."""
    found = stored_reuse([(TABLE, view)])
    if found is None:
        return None
    entry_no, options = found
    canceled = (_("canceled entries included") if options.include_canceled
                else _("canceled entries skipped"))
    exclusion = (_("excluded and privacy-blocked contacts included") if options.ignore_exclusion
                 else _("excluded and privacy-blocked contacts skipped"))
    return _("reuse of logged segment {entry} ({canceled}; {exclusion})").format(
        entry=entry_no, canceled=canceled, exclusion=exclusion)


# --- what a reuse says ------------------------------------------------------------------------

def skipped_reasons(result: ReuseResult, option_names=CLI_OPTIONS) -> str:
    """The skipped entries by reason, each option named after what it adds."""
    include_canceled, ignore_exclusion = option_names
    parts = []
    if result.canceled:
        parts.append(_("{count:,} canceled ({option} adds them)").format(
            count=result.canceled, option=include_canceled))
    if result.missing:
        parts.append(_("{count:,} of contacts deleted since").format(count=result.missing))
    exclusion = []
    if result.excluded:
        exclusion.append(_("{count:,} Exclude from Segment").format(count=result.excluded))
    if result.privacy_blocked:
        exclusion.append(_("{count:,} Privacy Blocked").format(count=result.privacy_blocked))
    if exclusion:
        exclusion[-1] += " " + _("({option} adds them)").format(option=ignore_exclusion)
    return ", ".join(parts + exclusion)


def no_line_reason(result: ReuseResult, option_names=CLI_OPTIONS) -> str:
    """C15: why a reuse would add no line."""
    if not result.entries:
        return _("logged segment {entry} has no interaction entries").format(
            entry=result.entry_no)
    if result.canceled == result.entries:
        return _("all {count:,} entries of logged segment {entry} are canceled; {option} adds "
                 "them").format(count=result.entries, entry=result.entry_no,
                                option=option_names[0])
    return _("all {count:,} entries of logged segment {entry} are skipped: {reasons}").format(
        count=result.entries, entry=result.entry_no,
        reasons=skipped_reasons(result, option_names))


def reuse_summary(result: ReuseResult, option_names=CLI_OPTIONS) -> str:
    """One line: the lines added (or that would be) and the entries skipped, by reason."""
    if not result.count:
        return _("no line: {reason}").format(reason=no_line_reason(result, option_names))
    if result.dry_run:
        done = _("would add {count:,} lines from logged segment {entry}").format(
            count=result.count, entry=result.entry_no)
    else:
        done = _("added {count:,} lines from logged segment {entry} (criteria action "
                 "{action})").format(count=result.count, entry=result.entry_no,
                                     action=result.action_no)
    if not result.skipped:
        return _("{done}; none of its {count:,} entries skipped").format(
            done=done, count=result.entries)
    return _("{done}; skipped {skipped:,} of its {count:,} entries: {reasons}").format(
        done=done, skipped=result.skipped, count=result.entries,
        reasons=skipped_reasons(result, option_names))
