"""What the Add / Reduce / Refine Contacts dialog offers: its sources, their fields with hints,
and the dry run behind its live count (parsed as the CLI parses a criterion)."""
import re
from dataclasses import dataclass

from segtui.domain.errors import DomainError
from segtui.domain.segments.criteria_sources import SOURCES, CriteriaSet, parse_criterion
from segtui.domain.segments.selection import AddOptions, add_contacts, remove_contacts
from segtui.i18n import _
from segtui.store.enums import CriteriaAction

OTHER = "other"    # the key of the free "Other criteria" field, and of its page
TITLES = {CriteriaAction.ADD_CONTACTS: "Add Contacts", CriteriaAction.REDUCE: "Reduce Contacts",
          CriteriaAction.REFINE: "Refine Contacts"}
ADD_OPTIONS = [("allow_existing", "Allow Existing Contacts"),
               ("expand_companies", "Expand Companies"),
               ("related_companies", "Allow Related Companies"),
               ("ignore_exclusion", "Ignore Exclusion")]
# A term of "Other criteria" starts at a `SOURCE=` or `SOURCE.FIELD=` after a space, or after `;`.
TERM_BREAK = re.compile(r"\s*;\s*|\s+(?=[\w-]+(?:\.[\w-]+)?=)")


@dataclass(frozen=True)
class CriterionField:
    """A filter field offered by default: its source, field, label, pick list and example."""
    source: str
    field: str
    label: str
    lookup: str | None = None
    example: str = ""

    @property
    def key(self) -> str:
        return f"{self.source}.{self.field}"


FIELDS = [
    CriterionField("contact", "no", "No.", "contact", "C0001|C0002"),
    CriterionField("contact", "search_name", "Search Name", example="*ACME*"),
    CriterionField("contact", "type", "Type", example="{Company}|{Person}"),
    CriterionField("contact", "salesperson", "Salesperson", "salesperson"),
    CriterionField("contact", "post_code", "Post Code", example="10000..19999"),
    CriterionField("contact", "country", "Country/Region", "country"),
    CriterionField("contact", "territory", "Territory", example="NORTH|SOUTH"),
    CriterionField("profile", "questionnaire", "Questionnaire", "profile_questionnaire"),
    CriterionField("profile", "answer", "Answer", example="{LARGE or CUSTOMER:LARGE}"),
    CriterionField("mailing", "code", "Code", "mailing_group"),
    CriterionField("interaction", "date", "Date", example="2026-01-01..2026-03-31"),
    CriterionField("interaction", "segment", "Segment No.", "segment"),
    CriterionField("interaction", "campaign", "Campaign No.", "campaign"),
    CriterionField("interaction", "evaluation", "Evaluation", example="{Positive}|{Very Positive}"),
    CriterionField("interaction", "template", "Template", "interaction_template"),
    CriterionField("interaction", "salesperson", "Salesperson", "salesperson"),
    CriterionField("interaction", "logged_segment", "Logged Segment", "logged_segment"),
    CriterionField("segment", "no", "Segment No.", "segment"),
    CriterionField("jobresp", "code", "Code", "job_responsibility"),
    CriterionField("industry", "code", "Code", "industry_group"),
    CriterionField("business", "code", "Code", "business_relation"),
]
# The sources in the dialog's list: the short name it shows there and its key (alt+key from a
# field, the key alone elsewhere); letters, as Textual reads alt+digit as a macOS Option sign
# and alt+b, alt+f as word moves
PAGES = [("contact", "Contact", "c"), ("profile", "Profile Answer", "p"),
         ("mailing", "Mailing Group", "m"), ("interaction", "Interactions", "l"),
         ("segment", "Segment", "s"), ("jobresp", "Job Responsibility", "j"),
         ("industry", "Industry Group", "i"), ("business", "Business Relation", "r"),
         (OTHER, "Other criteria", "o")]
PAGE_NAMES = {page: name for page, name, _key in PAGES}
EXAMPLE_WORD = re.compile(r"\{([^}]*)\}")


def page_fields(page: str) -> list[str]:
    """The keys of the fields on a page of the dialog."""
    if page == OTHER:
        return [OTHER]
    return [spec.key for spec in FIELDS if spec.source == page]


def page_of(key: str) -> str:
    return OTHER if key == OTHER else key.split(".", 1)[0]


def page_caption(page: str) -> str:
    """The heading over a page's fields: the source's name as NAV calls it."""
    return _("Other criteria") if page == OTHER else _(SOURCES[page].caption)


def _translated_word(match: re.Match) -> str:
    word = match.group(1)
    return _(word)


def placeholder(spec: CriterionField, lookup_key: str) -> str:
    """The hint an empty field shows: an example ("e.g. …"), else that F4 lists the codes."""
    if spec.example:
        example = EXAMPLE_WORD.sub(_translated_word, spec.example)
        return _("e.g. {example}").format(example=example)
    if spec.lookup:
        return _("{key} lists the codes").format(key=lookup_key)
    return ""


def other_placeholder() -> str:
    return _("e.g. contact.city=OSLO")


@dataclass(frozen=True)
class CriteriaRequest:
    """What the person asked for; the caller runs the action with it."""
    action: CriteriaAction
    criteria: CriteriaSet
    options: AddOptions
    entire_companies: bool
    all_contacts: bool


@dataclass(frozen=True)
class Preview:
    """The criteria as parsed (or a message per field key) and the count of a dry run."""
    errors: dict[str, str]
    criteria: CriteriaSet
    count: int | None


def split_terms(text: str) -> list[str]:
    """The `SOURCE.FIELD=FILTER` terms of the "Other criteria" field."""
    return [term for term in TERM_BREAK.split(text.strip()) if term]


def preview(segment_no: str, action: CriteriaAction, entries: tuple[tuple[str, str], ...],
            options: AddOptions, entire_companies: bool, user: str) -> Preview:
    """Parse every filled field as the CLI parses `--criterion KEY=TEXT`; when all parse,
    count what the action would change (nothing is counted while one is refused)."""
    criteria, errors = [], {}
    for key, text in entries:
        terms = split_terms(text) if key == OTHER else [f"{key}={text}"]
        for term in terms:
            try:
                criteria.append(parse_criterion(term))
            except DomainError as error:
                message = str(error)
                if key != OTHER:
                    message = message.removeprefix(f"{term}: ")
                errors.setdefault(key, message)
    if errors:
        return Preview(errors, CriteriaSet(), None)
    chosen = CriteriaSet.of(criteria)
    if action == CriteriaAction.ADD_CONTACTS:
        result = add_contacts(segment_no, chosen, user=user, options=options,
                              all_contacts=not chosen, dry_run=True)
    elif not chosen:
        return Preview({}, chosen, None)
    else:
        result = remove_contacts(segment_no, action, chosen, user=user,
                                 entire_companies=entire_companies, dry_run=True)
    return Preview({}, chosen, result.count)


def describe_count(action: CriteriaAction, result: Preview) -> str:
    """The status line for a finished count."""
    if action != CriteriaAction.ADD_CONTACTS:
        if not result.criteria:
            return _("Give a criterion: {action} needs at least one").format(
                action=_(TITLES[action]))
        if result.count == 1:
            return _("Would remove 1 line")
        return _("Would remove {count} lines").format(count=f"{result.count:,}")
    if result.count == 1:
        text = _("Would add 1 contact")
    else:
        text = _("Would add {count} contacts").format(count=f"{result.count:,}")
    if not result.criteria:
        text += " " + _("(every contact)")
    return text
