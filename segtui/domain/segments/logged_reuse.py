"""What a reuse of a logged segment takes and skips (C14, C15), how it says so, and how it is
stored so that Reuse Criteria replays the same reuse (C16).

A reuse takes one line per interaction entry of the logged segment. It skips canceled entries
unless `include_canceled`, and entries of contacts marked Exclude from Segment or Privacy Blocked
unless `ignore_exclusion` (one option for both marks: each says "do not take this contact into a
mailing"; Log still names privacy-blocked lines, C-10). An entry whose contact was deleted since
cannot make a line. Every skipped entry is counted under one reason, in that order, so the
counts and the lines added make up the logged segment's entries.
"""
import dataclasses
import json
from dataclasses import dataclass, field

from peewee import JOIN, fn

from segtui.domain.segments.criteria_sources import CriteriaSet
from segtui.i18n import _
from segtui.domain.errors import DomainError
from segtui.store.models import Contact, InteractionLogEntry, LoggedSegment

TABLE = "interaction_log_entry"
REUSE_KEY = "reuse_logged_segment"
"""The key of a reuse's Filter row view that says what the reuse applied (C16)."""


def cli_hints() -> tuple[str, str]:
    """What a message says takes the skipped entries, per option, on the command line; the TUI
    names its tick boxes instead (`hints=` of the functions below)."""
    return (_("{option} adds them").format(option="--include-canceled"),
            _("{option} adds them").format(option="--ignore-exclusion"))


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


def entry_groups(entry_no: int) -> list[tuple[bool, bool, bool, bool, int]]:
    """The logged segment's entries grouped by what decides a reuse: (canceled, contact deleted
    since, Exclude from Segment, Privacy Blocked, count); one query, a few rows."""
    E = InteractionLogEntry
    keys = [E.canceled, Contact.no.is_null(), fn.COALESCE(Contact.exclude_from_segment, False),
            fn.COALESCE(Contact.privacy_blocked, False)]
    query = (E.select(*keys, fn.COUNT(E.entry_no))
             .join(Contact, JOIN.LEFT_OUTER, on=(Contact.no == E.contact_no))
             .where(E.logged_segment_entry_no == entry_no).group_by(*keys))
    return [(bool(canceled), bool(missing), bool(excluded), bool(blocked), count)
            for canceled, missing, excluded, blocked, count in query.tuples()]


def classify(entry_no: int, groups, options: ReuseOptions) -> ReuseResult:
    """What a reuse with `options` does with the grouped entries: each skipped entry under its
    first reason (canceled, contact deleted since, Exclude from Segment, Privacy Blocked)."""
    result = ReuseResult(entry_no, options)
    for canceled, missing, excluded, blocked, count in groups:
        result.entries += count
        if canceled and not options.include_canceled:
            result.canceled += count
        elif missing:
            result.missing += count
        elif excluded and not options.ignore_exclusion:
            result.excluded += count
        elif blocked and not options.ignore_exclusion:
            result.privacy_blocked += count
        else:
            result.count += count
    return result


def count_entries(entry_no: int, options: ReuseOptions) -> ReuseResult:
    """What a reuse of logged segment `entry_no` with `options` would do (a dry run)."""
    return classify(entry_no, entry_groups(entry_no), options)


ALL_OPTIONS = tuple(ReuseOptions(canceled, exclusion)
                    for canceled in (False, True) for exclusion in (False, True))


def previews(entry_no: int) -> dict[ReuseOptions, ReuseResult]:
    """What a reuse would do with each choice of the two options (one query), for a dialog that
    says it as the options are ticked; refuses a logged segment that does not exist."""
    if LoggedSegment.get_or_none(LoggedSegment.entry_no == entry_no) is None:
        raise DomainError(_("logged segment {entry_no} does not exist").format(entry_no=entry_no))
    groups = entry_groups(entry_no)
    return {options: dataclasses.replace(classify(entry_no, groups, options), dry_run=True)
            for options in ALL_OPTIONS}


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

def skipped_reasons(result: ReuseResult, hints: tuple[str, str] | None = None) -> str:
    """The skipped entries by reason, each followed by the option that takes them."""
    include_canceled, ignore_exclusion = hints or cli_hints()
    parts = []
    if result.canceled:
        parts.append(_("{count:,} canceled ({hint})").format(count=result.canceled,
                                                              hint=include_canceled))
    if result.missing:
        parts.append(_("{count:,} of contacts deleted since").format(count=result.missing))
    exclusion = []
    if result.excluded:
        exclusion.append(_("{count:,} Exclude from Segment").format(count=result.excluded))
    if result.privacy_blocked:
        exclusion.append(_("{count:,} Privacy Blocked").format(count=result.privacy_blocked))
    if exclusion:
        exclusion[-1] += f" ({ignore_exclusion})"
    return ", ".join(parts + exclusion)


def no_line_reason(result: ReuseResult, hints: tuple[str, str] | None = None) -> str:
    """C15: why a reuse would add no line."""
    if not result.entries:
        return _("logged segment {entry} has no interaction entries").format(
            entry=result.entry_no)
    if result.canceled == result.entries:
        return _("all {count:,} entries of logged segment {entry} are canceled; {hint}").format(
            count=result.entries, entry=result.entry_no, hint=(hints or cli_hints())[0])
    return _("all {count:,} entries of logged segment {entry} are skipped: {reasons}").format(
        count=result.entries, entry=result.entry_no,
        reasons=skipped_reasons(result, hints))


def reuse_summary(result: ReuseResult, hints: tuple[str, str] | None = None) -> str:
    """One line: the lines added (or that would be) and the entries skipped, by reason."""
    if not result.count:
        return _("no line: {reason}").format(reason=no_line_reason(result, hints))
    if result.dry_run:
        done = _("would add {count:,} lines from logged segment {entry}").format(
            count=result.count, entry=result.entry_no)
    else:
        done = _("added {count:,} lines from logged segment {entry} (criteria action "
                 "{action})").format(count=result.count, entry=result.entry_no,
                                     action=result.action_no)
    if not result.skipped:
        none = (_("{done}; none of its {count:,} entries would be skipped") if result.dry_run
                else _("{done}; none of its {count:,} entries skipped"))
        return none.format(done=done, count=result.entries)
    some = (_("{done}; would skip {skipped:,} of its {count:,} entries: {reasons}")
            if result.dry_run else
            _("{done}; skipped {skipped:,} of its {count:,} entries: {reasons}"))
    return some.format(done=done, skipped=result.skipped, count=result.entries,
                       reasons=skipped_reasons(result, hints))
