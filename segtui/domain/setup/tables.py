"""Code tables of the setup (M-42): one declared spec per table, one set of
services (pages, read, create, change one field, delete) that serves them all.

Values come in as the text a person typed and go out as display text, so a form can be drawn
from the spec alone. A code that something still uses cannot be deleted: the database refuses
(foreign keys) and the refusal says what uses it.
"""
from collections import namedtuple
from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from functools import cached_property

from peewee import IntegrityError, Model, Select, fn

from segtui.domain.errors import DomainError
from segtui.i18n import _, n_
from segtui.domain.paging import KeysetPages
from segtui.domain.setup.lookups import lookup
from segtui.domain.documents.segment_documents import purge_attachments
from segtui.domain.values import (
    amount_text, option_label, parse_amount, parse_bool, parse_code, parse_date, parse_option,
    parse_text, refusal)
from segtui.store.connection import write_transaction
from segtui.store.enums import CorrespondenceType, InformationFlow, InitiatedBy
from segtui.store.models import (
    BusinessRelation, Campaign, CampaignEntry, Contact, ContactBusinessRelation,
    ContactIndustryGroup, ContactJobResponsibility, ContactMailingGroup, IndustryGroup,
    InteractionGroup, InteractionTemplate, InteractionTmplLanguage, JobResponsibility, Language,
    MailingGroup, MarketingSetup, NoSeries, Salesperson, SegmentHeader, SegmentLine,
    SegmentLineRemoved, UserSetup)

CHECKED = "✓"  # how a set flag shows in a list (an unset one shows blank)

# What a referencing table is called in a refusal ("… used by 3 contacts"), one and many.
USERS = {
    ContactMailingGroup: ("{count} contact", "{count} contacts"),
    ContactIndustryGroup: ("{count} contact", "{count} contacts"),
    ContactJobResponsibility: ("{count} contact", "{count} contacts"),
    ContactBusinessRelation: ("{count} contact", "{count} contacts"),
    Contact: ("{count} contact", "{count} contacts"),
    Campaign: ("{count} campaign", "{count} campaigns"),
    SegmentHeader: ("{count} segment", "{count} segments"),
    SegmentLine: ("{count} segment line", "{count} segment lines"),
    SegmentLineRemoved: ("{count} removed segment line (kept for Go Back)",
                         "{count} removed segment lines (kept for Go Back)"),
    UserSetup: ("{count} user setup", "{count} user setups"),
    InteractionTemplate: ("{count} interaction template", "{count} interaction templates"),
    MarketingSetup: ("{count} Marketing Setup", "{count} Marketing Setup"),
    CampaignEntry: ("{count} campaign entry", "{count} campaign entries"),
    InteractionTmplLanguage: ("{count} interaction template document",
                              "{count} interaction template documents"),
}


@dataclass(frozen=True)
class SetupField:
    """A field of a code table: attribute, English label, kind (text | code | number | amount |
    date | bool | option), maximum length, pick list, option enum, whether it must be filled."""
    attr: str
    label: str
    kind: str = "text"
    length: int = 50
    lookup: str | None = None
    enum: type[IntEnum] | None = None
    required: bool = False
    maximum: int = 10**9
    check: Callable[[str], None] | None = None  # a further refusal of a code (a blocked one)

    @property
    def options(self) -> tuple[str, ...]:
        return tuple(option_label(member) for member in self.enum) if self.enum else ()


@dataclass(frozen=True)
class SetupTable:
    """A code table: its page title, what one record is called, model, key, fields, the fields
    its list shows, text columns that hold its codes (checked before a delete) and a clean-up
    run in the delete's transaction."""
    name: str
    title: str
    record_name: str
    model: type[Model]
    fields: tuple[SetupField, ...]
    list_attrs: tuple[str, ...]
    text_uses: tuple = ()
    before_delete: Callable[[str], None] | None = None
    search_attr: str = "description"

    @property
    def key(self) -> SetupField:
        return self.fields[0]

    @cached_property
    def row_type(self) -> type:
        """The plain row of the list: one display text per field."""
        return namedtuple(f"{self.model.__name__}Row", [f.attr for f in self.fields])

    def field(self, attr: str) -> SetupField:
        for candidate in self.fields:
            if candidate.attr == attr:
                return candidate
        raise DomainError(_("{record} has no field {attr!r}").format(
            record=_(self.record_name), attr=attr))

    def column(self, attr: str):
        return getattr(self.model, attr)


def _code_table(name: str, title: str, record_name: str, model, length: int = 10) -> SetupTable:
    return SetupTable(name, title, record_name, model,
                      (SetupField("code", "Code", "code", length, required=True),
                       SetupField("description", "Description")),
                      ("code", "description"))


def refuse_blocked_salesperson(code: str) -> None:
    """A user's default salesperson must not be blocked (S-17): a blocked one is not offered."""
    if Salesperson.select().where((Salesperson.code == code) & Salesperson.blocked).exists():
        raise DomainError(_("Salesperson Code: salesperson {code} is blocked").format(code=code))


def _drop_template_documents(code: str) -> None:
    """Deleting a template deletes its language rows and the documents nothing else uses."""
    rows = InteractionTmplLanguage.interaction_template == code
    numbers = [number for (number,) in InteractionTmplLanguage.select(
        InteractionTmplLanguage.attachment).where(rows & InteractionTmplLanguage.attachment
                                                  .is_null(False)).tuples()]
    InteractionTmplLanguage.delete().where(rows).execute()
    purge_attachments(numbers)


TABLES = {table.name: table for table in (
    SetupTable("no_series", "Number series", "number series", NoSeries, (
        SetupField("code", "Code", "code", 20, required=True),
        SetupField("description", "Description"),
        SetupField("prefix", "Prefix", "code", 10),
        SetupField("width", "Digits", "number", maximum=18),
        SetupField("last_no", "Last No. Used", "number"),
        SetupField("allow_manual", "Manual Nos.", "bool"),
    ), ("code", "description", "last_no", "allow_manual")),
    SetupTable("salespeople", "Salespeople", "salesperson", Salesperson, (
        SetupField("code", "Code", "code", 20, required=True),
        SetupField("name", "Name"),
        SetupField("email", "E-mail", length=80),
        SetupField("phone_no", "Phone No.", length=30),
        SetupField("job_title", "Job Title", length=30),
        SetupField("blocked", "Blocked", "bool"),
    ), ("code", "name", "blocked", "email", "phone_no"), search_attr="name"),
    SetupTable("campaigns", "Campaigns", "campaign", Campaign, (
        SetupField("no", "No.", "code", 20, required=True),
        SetupField("description", "Description", length=100),
        SetupField("starting_date", "Starting Date", "date"),
        SetupField("ending_date", "Ending Date", "date"),
        SetupField("salesperson", "Salesperson", "code", 20, lookup="salesperson"),
        SetupField("status_code", "Status Code", "code", 10),
    ), ("no", "description", "starting_date", "ending_date")),
    SetupTable("languages", "Languages", "language", Language, (
        SetupField("code", "Code", "code", 10, required=True),
        SetupField("name", "Name"),
    ), ("code", "name"), text_uses=(InteractionTmplLanguage.language_code,),
        search_attr="name"),
    _code_table("mailing_groups", "Mailing groups", "mailing group", MailingGroup),
    _code_table("industry_groups", "Industry groups", "industry group", IndustryGroup),
    _code_table("job_responsibilities", "Job responsibilities", "job responsibility",
                JobResponsibility),
    _code_table("business_relations", "Business relations", "business relation",
                BusinessRelation),
    _code_table("interaction_groups", "Interaction groups", "interaction group",
                InteractionGroup),
    SetupTable("interaction_templates", "Interaction templates", "interaction template",
               InteractionTemplate, (
                   SetupField("code", "Code", "code", 10, required=True),
                   SetupField("interaction_group", "Group", "code", 10,
                              lookup="interaction_group", required=True),
                   SetupField("description", "Description", length=100),
                   SetupField("unit_cost", "Unit Cost (LCY)", "amount"),
                   SetupField("unit_duration", "Unit Duration", "amount"),
                   SetupField("correspondence_type_default", "Corr. Type", "option",
                              enum=CorrespondenceType),
                   SetupField("information_flow", "Information Flow", "option",
                              enum=InformationFlow),
                   SetupField("initiated_by", "Initiated By", "option", enum=InitiatedBy),
                   SetupField("ignore_contact_corres_type", "Ignore Contact Corr.", "bool"),
                   SetupField("language_code_default", "Language", "code", 10,
                              lookup="language"),
                   SetupField("campaign", "Campaign No.", "code", 20, lookup="campaign"),
                   SetupField("campaign_target", "Campaign Target", "bool"),
                   SetupField("campaign_response", "Campaign Response", "bool"),
               ), ("code", "interaction_group", "description", "correspondence_type_default"),
               before_delete=_drop_template_documents),
    SetupTable("users", "User setup", "user setup", UserSetup, (
        SetupField("user_id", "User ID", "code", 50, required=True),
        SetupField("salesperson", "Salesperson", "code", 20, lookup="salesperson",
                   check=refuse_blocked_salesperson),
    ), ("user_id", "salesperson"), search_attr="user_id"),
)}


def setup_table(name: str) -> SetupTable:
    if name not in TABLES:
        raise DomainError(_("there is no setup table {name!r}").format(name=name))
    return TABLES[name]


# --- reading ---------------------------------------------------------------------------------

def display_text(spec: SetupField, value) -> str:
    """A stored value as a list shows it."""
    if spec.kind == "bool":
        return CHECKED if value else ""
    if spec.kind == "option":
        return option_label(spec.enum(value or 0))
    if spec.kind == "amount":
        return amount_text(value)
    if spec.kind == "date":
        return value.isoformat() if value else ""
    return "" if value is None else str(value)


class RecordPageSource(KeysetPages):
    """Pages of one code table in key order, narrowed to keys or descriptions holding a text."""

    def __init__(self, name: str, filter_text: str = "") -> None:
        self.table = setup_table(name)
        self.filter_text = filter_text.strip()
        self.key_attribute = self.table.key.attr
        self.order_key = self.table.column(self.table.key.attr)

    def query(self) -> Select:
        query = self.table.model.select(*(self.table.column(f.attr) for f in self.table.fields))
        if self.filter_text:
            text = self.filter_text.upper()
            searched = fn.UPPER(self.table.column(self.table.search_attr))
            query = query.where(self.order_key.contains(text) | searched.contains(text))
        return query

    def row(self, values: tuple):
        return self.table.row_type(*(display_text(spec, value)
                                     for spec, value in zip(self.table.fields, values)))


def _get(table: SetupTable, key: str) -> tuple:
    key_column = table.column(table.key.attr)
    values = (table.model.select(*(table.column(f.attr) for f in table.fields))
              .where(key_column == key).tuples().first())
    if values is None:
        raise DomainError(_("{record} {key} does not exist").format(
            record=_(table.record_name), key=key))
    return values


def get_record(name: str, key: str) -> dict:
    """A record's values for a form: flags as bools, everything else as display text."""
    table = setup_table(name)
    values = _get(table, key)
    return {spec.attr: bool(value) if spec.kind == "bool" else display_text(spec, value)
            for spec, value in zip(table.fields, values)}


def list_records(name: str) -> list:
    """Every record of a (small) code table as list rows, in key order."""
    source = RecordPageSource(name)
    return source.first(source.count() or 1)


# --- writing ---------------------------------------------------------------------------------

def parse_value(table: SetupTable, spec: SetupField, text: str):
    """The value to store for what a person typed into the field."""
    text = str(text)
    if spec.kind == "bool":
        return parse_bool(spec.label, text)
    if spec.kind == "option":
        return parse_option(spec.label, text, spec.enum).value
    if spec.kind == "amount":
        return parse_amount(spec.label, text)
    if spec.kind == "date":
        return parse_date(spec.label, text)
    if spec.kind == "number":
        return _parse_number(spec, text)
    if spec.kind == "code":
        code = parse_code(spec.label, text, spec.length)
        if spec.required and not code:
            raise refusal(None, _("{field} must have a value").format(field=_(spec.label)))
        column = table.column(spec.attr)
        if hasattr(column, "rel_model"):
            code = _existing(column.rel_model, code)
        elif spec.lookup and code:
            _existing(lookup(spec.lookup).key.model, code)
        if spec.check is not None and code:
            spec.check(code)
        return code
    return parse_text(spec.label, text.strip(), spec.length)


def _parse_number(spec: SetupField, text: str) -> int:
    try:
        number = int(text.strip() or "0")
    except ValueError:
        raise refusal(spec.label, _("{text!r} is not a whole number").format(text=text)) from None
    if not 0 <= number <= spec.maximum:
        raise refusal(spec.label, _("{text!r} must be a whole number from 0 to {maximum}").format(
            text=text, maximum=spec.maximum))
    return number


def _existing(target: type[Model], code: str) -> str | None:
    """A code of the table `target` (blank: no link); refused when there is none."""
    if not code:
        return None
    if not target.select().where(target._meta.primary_key == code).exists():
        names = [table.record_name for table in TABLES.values() if table.model is target]
        record = _(names[0]) if names else target.__name__
        raise DomainError(_("{record} {key} does not exist").format(record=record, key=code))
    return code


def create_record(name: str, values: dict[str, str]) -> str:
    """Insert a record from typed texts (missing fields take their defaults); returns its key."""
    table = setup_table(name)
    row = {}
    for spec in table.fields:
        text = values.get(spec.attr, "")
        if spec.attr in values or spec.required:
            row[spec.attr] = parse_value(table, spec, text)
    key = row[table.key.attr]
    label = _(table.record_name).capitalize()
    try:
        with write_transaction():
            if table.model.select().where(table.column(table.key.attr) == key).exists():
                raise DomainError(_("{record} {key} already exists").format(
                    record=label, key=key))
            table.model.insert(row).execute()
    except IntegrityError:
        raise DomainError(_("{record} {key} already exists").format(
            record=label, key=key)) from None
    return key


def update_field(name: str, key: str, attr: str, text: str) -> None:
    """Store what a person typed into one field of a record (the key cannot change)."""
    table = setup_table(name)
    spec = table.field(attr)
    if spec is table.key:
        raise DomainError(_("the {field} of a {record} cannot be changed").format(
            field=_(spec.label), record=_(table.record_name)))
    value = parse_value(table, spec, text)
    with write_transaction():
        changed = (table.model.update({table.column(attr): value})
                   .where(table.column(table.key.attr) == key).execute())
    if not changed:
        raise DomainError(_("{record} {key} does not exist").format(
            record=_(table.record_name), key=key))


def delete_record(name: str, key: str) -> None:
    """Delete a record; refused, saying what uses it, while anything refers to it."""
    table = setup_table(name)
    _get(table, key)
    text_users = _text_usage(table, key)
    if text_users:
        raise _in_use(table, key, text_users)
    try:
        with write_transaction():
            if table.before_delete is not None:
                table.before_delete(key)
            table.model.delete().where(table.column(table.key.attr) == key).execute()
    except IntegrityError:
        raise _in_use(table, key, _usage(table, key)) from None


def _text_usage(table: SetupTable, key: str) -> dict[type[Model], int]:
    counts = {column.model: column.model.select().where(column == key).count()
              for column in table.text_uses}
    return {model: count for model, count in counts.items() if count}


def _usage(table: SetupTable, key: str) -> dict[type[Model], int]:
    """How many rows of each referencing table hold the key (cascading ones do not count)."""
    counts: dict[type[Model], int] = {}
    for column, model in table.model._meta.backrefs.items():
        if (column.on_delete or "").upper() != "CASCADE":
            counts[model] = counts.get(model, 0) + model.select().where(column == key).count()
    return {model: count for model, count in counts.items() if count}


def _in_use(table: SetupTable, key: str, users: dict[type[Model], int]) -> DomainError:
    def named(model, count: int) -> str:
        table_name = model._meta.table_name.replace("_", " ")
        if model not in USERS:
            return f"{count} {table_name} {'row' if count == 1 else 'rows'}"
        one, many = USERS[model]
        return n_(one, many, count)

    uses = (", ".join(named(model, count) for model, count in users.items())
            or _("other records"))
    return DomainError(_("{record} {key} is in use and cannot be deleted: used by {uses}").format(
        record=_(table.record_name).capitalize(), key=key, uses=uses))
