"""Peewee models: one per table (docs/architecture.md), bound to the shared database proxy.

Code fields are upper-case text (the domain normalises them); option fields store the index of
their enum in `segtui.store.enums`; FlowFields are queries in the domain, never columns.
A relation to master data is a nullable foreign key whose column keeps the NAV field name
(`salesperson_code`, `company_no` …); NULL stands for NAV's blank code.
"""
from peewee import (
    AutoField,
    BigIntegerField,
    BlobField,
    BooleanField,
    SQL,
    CharField,
    CompositeKey,
    DateField,
    DateTimeField,
    DecimalField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
    TimeField,
)

from segtui.store.connection import db


def _with_default(kwargs):
    """Give the column a database DEFAULT too, so INSERT … SELECT and bulk loads may omit it."""
    if "default" in kwargs:
        default = kwargs["default"]
        literal = {True: "TRUE", False: "FALSE"}.get(default) if isinstance(default, bool) \
            else ("''" if default == "" else str(default))
        kwargs["constraints"] = [SQL(f"DEFAULT {literal}")]
    return kwargs


def Code(length=10, **kwargs):
    """A NAV Code field: upper-case text of at most `length` characters."""
    return CharField(max_length=length, **_with_default(kwargs))


def Text(length=50, **kwargs):
    return CharField(max_length=length, **_with_default({"default": "", **kwargs}))


def Money(**kwargs):
    return DecimalField(max_digits=18, decimal_places=2, auto_round=True,
                        **_with_default({"default": 0, **kwargs}))


def Option(**kwargs):
    return IntegerField(**_with_default({"default": 0, **kwargs}))


def Number(**kwargs):
    return IntegerField(**_with_default({"default": 0, **kwargs}))


def Flag(**kwargs):
    return BooleanField(**_with_default({"default": False, **kwargs}))


def Ref(model, column, **kwargs):
    """A nullable link to master data whose column keeps the NAV field name.

    Not indexed unless asked: the lookups that need an index declare it, and every index
    slows the bulk inserts of Add Contacts and Log.
    """
    return ForeignKeyField(model, column_name=column, null=True, lazy_load=False,
                           **{"index": False, **kwargs})


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


# --- setup -----------------------------------------------------------------------------------

class NoSeries(BaseModel):
    """A number series: `prefix` + the last number used, zero-padded to `width` digits."""
    code = Code(20, primary_key=True)
    description = Text()
    prefix = Code(10, default="")
    width = Number()
    last_no = Number()
    allow_manual = Flag()


class MarketingSetup(BaseModel):
    """Single-row setup (primary key 1): which series numbers segments and entries."""
    id = IntegerField(primary_key=True)
    segment_nos = Ref(NoSeries, "segment_nos")
    logged_segment_nos = Ref(NoSeries, "logged_segment_nos")
    interaction_entry_nos = Ref(NoSeries, "interaction_entry_nos")
    campaign_entry_nos = Ref(NoSeries, "campaign_entry_nos")
    attachment_nos = Ref(NoSeries, "attachment_nos")
    default_correspondence_type = Option()
    default_language_code = Code(10, default="")
    company_name = Text(100)
    company_address = Text(100)
    company_city = Text(30)
    company_post_code = Text(20)
    company_country_code = Code(10, default="")
    company_phone_no = Text(30)
    company_email = Text(80)


class Language(BaseModel):
    code = Code(10, primary_key=True)
    name = Text()


class CountryRegion(BaseModel):
    code = Code(10, primary_key=True)
    name = Text()


class Salesperson(BaseModel):
    code = Code(20, primary_key=True)
    name = Text()
    job_title = Text(30)
    phone_no = Text(30)
    email = Text(80)
    blocked = Flag()


class UserSetup(BaseModel):
    user_id = Code(50, primary_key=True)
    salesperson = Ref(Salesperson, "salesperson_code")


# --- contacts and classification -------------------------------------------------------------

class Contact(BaseModel):
    no = Code(20, primary_key=True)
    type = Option(index=True)
    company_no = ForeignKeyField("self", column_name="company_no", null=True, lazy_load=False,
                                 backref="members", index=True)
    company_name = Text(100)
    name = Text(100)
    name_2 = Text(50)
    search_name = Code(100, default="", index=True)
    first_name = Text(30)
    middle_name = Text(30)
    surname = Text(30)
    initials = Text(30)
    job_title = Text(30)
    address = Text(100)
    address_2 = Text(50)
    city = Text(30)
    post_code = Code(20, default="", index=True)
    county = Text(30)
    country_code = Code(10, default="")
    phone_no = Text(30)
    mobile_phone_no = Text(30)
    fax_no = Text(30)
    email = Text(80)
    home_page = Text(80)
    vat_registration_no = Text(20)
    territory_code = Code(10, default="")
    currency_code = Code(10, default="")
    external_id = Text(20)
    language_code = Code(10, default="")
    salesperson = Ref(Salesperson, "salesperson_code", index=True)
    salutation_code = Code(10, default="")
    correspondence_type = Option()
    exclude_from_segment = Flag()
    privacy_blocked = Flag()
    minor = Flag()
    parental_consent_received = Flag()


class MailingGroup(BaseModel):
    code = Code(10, primary_key=True)
    description = Text()


class ContactMailingGroup(BaseModel):
    contact = ForeignKeyField(Contact, column_name="contact_no", on_delete="CASCADE",
                              lazy_load=False, index=False)
    mailing_group = ForeignKeyField(MailingGroup, column_name="mailing_group_code",
                                    lazy_load=False, index=True)

    class Meta:
        primary_key = CompositeKey("contact", "mailing_group")


class IndustryGroup(BaseModel):
    code = Code(10, primary_key=True)
    description = Text()


class ContactIndustryGroup(BaseModel):
    contact = ForeignKeyField(Contact, column_name="contact_no", on_delete="CASCADE",
                              lazy_load=False, index=False)
    industry_group = ForeignKeyField(IndustryGroup, column_name="industry_group_code",
                                     lazy_load=False, index=True)

    class Meta:
        primary_key = CompositeKey("contact", "industry_group")


class JobResponsibility(BaseModel):
    code = Code(10, primary_key=True)
    description = Text()


class ContactJobResponsibility(BaseModel):
    contact = ForeignKeyField(Contact, column_name="contact_no", on_delete="CASCADE",
                              lazy_load=False, index=False)
    job_responsibility = ForeignKeyField(JobResponsibility, column_name="job_responsibility_code",
                                         lazy_load=False, index=True)

    class Meta:
        primary_key = CompositeKey("contact", "job_responsibility")


class BusinessRelation(BaseModel):
    code = Code(10, primary_key=True)
    description = Text()


class ContactBusinessRelation(BaseModel):
    contact = ForeignKeyField(Contact, column_name="contact_no", on_delete="CASCADE",
                              lazy_load=False, index=False)
    business_relation = ForeignKeyField(BusinessRelation, column_name="business_relation_code",
                                        lazy_load=False, index=True)
    link_to_table = Option()
    no = Code(20, default="")

    class Meta:
        primary_key = CompositeKey("contact", "business_relation")


class ProfileQuestionnaireHeader(BaseModel):
    code = Code(10, primary_key=True)
    description = Text()
    contact_type = Option()


class ProfileQuestionnaireLine(BaseModel):
    """A question or an answer; answers carry a `code` unique within the questionnaire."""
    questionnaire = ForeignKeyField(ProfileQuestionnaireHeader,
                                    column_name="profile_questionnaire_code",
                                    on_delete="CASCADE", lazy_load=False, index=False)
    line_no = IntegerField()
    type = Option()
    code = Code(10, default="")
    description = Text(250)

    class Meta:
        primary_key = CompositeKey("questionnaire", "line_no")
        indexes = ((("profile_questionnaire_code", "code"), False),)


class ContactProfileAnswer(BaseModel):
    contact = ForeignKeyField(Contact, column_name="contact_no", on_delete="CASCADE",
                              lazy_load=False, index=False)
    questionnaire = ForeignKeyField(ProfileQuestionnaireHeader,
                                    column_name="profile_questionnaire_code", lazy_load=False)
    line_no = IntegerField()
    contact_company_no = Code(20, default="")
    last_date_updated = DateField(null=True)

    class Meta:
        primary_key = CompositeKey("contact", "questionnaire", "line_no")
        indexes = ((("profile_questionnaire_code", "line_no"), False),)


# --- campaigns, interaction groups and templates, documents ----------------------------------

class Campaign(BaseModel):
    no = Code(20, primary_key=True)
    description = Text(100)
    starting_date = DateField(null=True)
    ending_date = DateField(null=True)
    salesperson = Ref(Salesperson, "salesperson_code")
    status_code = Code(10, default="")


class InteractionGroup(BaseModel):
    code = Code(10, primary_key=True)
    description = Text()


class Attachment(BaseModel):
    """A stored document (the bytes live in the database, NAV's Embedded storage)."""
    no = IntegerField(primary_key=True)
    file = BlobField(null=True)
    storage_type = Option()
    file_extension = Text(20)
    read_only = Flag()
    last_modified = DateTimeField(null=True)
    merge_source = TextField(null=True)


class InteractionTemplate(BaseModel):
    code = Code(10, primary_key=True)
    interaction_group = ForeignKeyField(InteractionGroup, column_name="interaction_group_code",
                                        lazy_load=False, index=True)
    description = Text(100)
    unit_cost = Money()
    unit_duration = Money()
    information_flow = Option()
    initiated_by = Option()
    campaign = Ref(Campaign, "campaign_no")
    campaign_target = Flag()
    campaign_response = Flag()
    correspondence_type_default = Option()
    ignore_contact_corres_type = Flag()
    language_code_default = Code(10, default="")
    wizard_action = Option()


class InteractionTmplLanguage(BaseModel):
    """The template document for one language (blank language code = no specific language)."""
    interaction_template = ForeignKeyField(InteractionTemplate,
                                           column_name="interaction_template_code",
                                           on_delete="CASCADE", lazy_load=False, index=False)
    language_code = Code(10, default="")
    description = Text()
    attachment = Ref(Attachment, "attachment_no", index=True)

    class Meta:
        primary_key = CompositeKey("interaction_template", "language_code")


# --- segments --------------------------------------------------------------------------------

class SegmentHeader(BaseModel):
    no = Code(20, primary_key=True)
    description = Text(100)
    campaign = Ref(Campaign, "campaign_no", index=True)
    salesperson = Ref(Salesperson, "salesperson_code", index=True)
    correspondence_type_default = Option()
    interaction_template = Ref(InteractionTemplate, "interaction_template_code")
    unit_cost = Money()
    unit_duration = Money()
    date = DateField(null=True)
    campaign_target = Flag()
    information_flow = Option()
    initiated_by = Option()
    no_series = Code(20, default="")
    campaign_response = Flag()
    language_code_default = Code(10, default="")
    interaction_group = Ref(InteractionGroup, "interaction_group_code")
    send_word_docs_as_attmt = Flag()
    ignore_contact_corres_type = Flag()
    subject_default = Text(100)
    version = Number(default=1)
    modified_by = Code(50, default="")
    modified_at = DateTimeField(null=True)


class SegmentLine(BaseModel):
    segment = ForeignKeyField(SegmentHeader, column_name="segment_no", on_delete="CASCADE",
                              lazy_load=False, index=False)
    line_no = BigIntegerField()
    contact = Ref(Contact, "contact_no")
    campaign = Ref(Campaign, "campaign_no")
    salesperson = Ref(Salesperson, "salesperson_code")
    correspondence_type = Option()
    interaction_template = Ref(InteractionTemplate, "interaction_template_code")
    cost = Money()
    duration = Money()
    attachment = Ref(Attachment, "attachment_no", index=True)
    campaign_response = Flag()
    information_flow = Option()
    initiated_by = Option()
    contact_alt_address_code = Code(10, default="")
    evaluation = Option()
    campaign_target = Flag()
    language_code = Code(10, default="")
    description = Text(100)
    date = DateField(null=True)
    time_of_interaction = TimeField(null=True)
    attempt_failed = Flag()
    contact_company_no = Code(20, default="")
    campaign_entry_no = Number()
    interaction_group = Ref(InteractionGroup, "interaction_group_code")
    send_word_doc_as_attmt = Flag()
    subject = Text(100)
    opportunity_no = Code(20, default="")
    merged = Flag()
    source_action_no = Number()
    # which values the line holds as its own, not the header's (domain/segments/own_fields.py)
    own_fields = Number()

    class Meta:
        primary_key = CompositeKey("segment", "line_no")
        indexes = (
            (("contact_no", "segment_no"), False),
            (("segment_no", "campaign_no", "date"), False),
        )


class SegmentLineRemoved(SegmentLine):
    """Lines as they were when a criteria action removed them: what Go Back restores keeps what
    was the line's own (its own values and documents) and takes the rest afresh."""
    segment_action_no = IntegerField()

    class Meta:
        primary_key = CompositeKey("segment", "segment_action_no", "line_no")
        indexes = ()


class SegmentInteractionLanguage(BaseModel):
    """A segment's documents: line 0 = header document per language, else a line's own."""
    segment = ForeignKeyField(SegmentHeader, column_name="segment_no", on_delete="CASCADE",
                              lazy_load=False, index=False)
    segment_line_no = BigIntegerField(constraints=[SQL("DEFAULT 0")], default=0)
    language_code = Code(10, default="")
    description = Text()
    attachment = Ref(Attachment, "attachment_no", index=True)
    subject = Text(100)

    class Meta:
        primary_key = CompositeKey("segment", "segment_line_no", "language_code")


class CriteriaLineFields(BaseModel):
    """The fields a criteria line has, on a segment or saved under a code (no table of its own)."""
    line_no = IntegerField()
    type = Option()
    action = Option()
    table_name = Text(50)
    view = TextField(**_with_default({"default": ""}))
    allow_existing_contacts = Flag()
    expand_contact = Flag()
    allow_company_with_persons = Flag()
    ignore_exclusion = Flag()
    entire_companies = Flag()
    no_of_filters = Number()


class SegmentCriteriaLine(CriteriaLineFields):
    """Action rows, each followed by its Filter rows; `view` is the filter set as JSON."""
    segment = ForeignKeyField(SegmentHeader, column_name="segment_no", on_delete="CASCADE",
                              lazy_load=False, index=False)
    origin = Option()
    origin_ref = Code(20, default="")
    user_id = Code(50, default="")
    created_at = DateTimeField(null=True)

    class Meta:
        primary_key = CompositeKey("segment", "line_no")
        indexes = ((("segment_no", "type"), False),)


class SegmentHistory(BaseModel):
    segment = ForeignKeyField(SegmentHeader, column_name="segment_no", on_delete="CASCADE",
                              lazy_load=False, index=False)
    segment_action_no = IntegerField()
    segment_line_no = BigIntegerField()
    contact_no = Code(20, default="")
    action_taken = Option()

    class Meta:
        primary_key = CompositeKey("segment", "segment_action_no", "segment_line_no")


class SavedSegmentCriteria(BaseModel):
    code = Code(10, primary_key=True)
    description = Text()
    user_id = Code(50, default="")


class SavedSegmentCriteriaLine(CriteriaLineFields):
    segment_criteria = ForeignKeyField(SavedSegmentCriteria, column_name="segment_criteria_code",
                                       on_delete="CASCADE", lazy_load=False, index=False)

    class Meta:
        primary_key = CompositeKey("segment_criteria", "line_no")


# --- the log ---------------------------------------------------------------------------------

class LoggedSegment(BaseModel):
    """A segment as it was logged; a segment number is logged once (unique: rule L0)."""
    entry_no = IntegerField(primary_key=True)
    segment_no = Code(20, unique=True)
    description = Text(100)
    creation_date = DateField()
    user_id = Code(50, default="")
    canceled = Flag()


class CampaignEntry(BaseModel):
    entry_no = IntegerField(primary_key=True)
    campaign = ForeignKeyField(Campaign, column_name="campaign_no", lazy_load=False)
    description = Text(100)
    date = DateField(null=True)
    user_id = Code(50, default="")
    segment_no = Code(20, default="")
    register_no = Number(index=True)
    document_type = Option()
    salesperson_code = Code(20, default="")
    canceled = Flag()

    class Meta:
        indexes = ((("campaign_no", "date", "document_type"), False),)


class InteractionLogEntry(BaseModel):
    """One interaction with one contact; codes are kept as text (the segment may be gone)."""
    entry_no = IntegerField(primary_key=True)
    contact_no = Code(20)
    contact_company_no = Code(20, default="")
    date = DateField(null=True)
    description = Text(100)
    information_flow = Option()
    initiated_by = Option()
    attachment_no = Number(index=True)
    cost = Money()
    duration = Money()
    user_id = Code(50, default="")
    interaction_group_code = Code(10, default="")
    interaction_template_code = Code(10, default="")
    campaign_no = Code(20, default="")
    campaign_entry_no = Number()
    campaign_response = Flag()
    campaign_target = Flag()
    segment_no = Code(20, default="", index=True)
    evaluation = Option()
    time_of_interaction = TimeField(null=True)
    attempt_failed = Flag()
    salesperson_code = Code(20, default="")
    delivery_status = Option()
    canceled = Flag()
    correspondence_type = Option()
    contact_alt_address_code = Code(10, default="")
    logged_segment_entry_no = Number()
    send_word_docs_as_attmt = Flag()
    interaction_language_code = Code(10, default="")
    subject = Text(100)
    opportunity_no = Code(20, default="")
    postponed = Flag()
    merge_data = TextField(null=True)  # JSON snapshot of the merge data as logged / sent
    delivery_error = Text(250)  # why the last delivery failed (Delivery Status Error)
    # when a delivery of this entry last succeeded; NULL: never delivered (migration 0004)
    delivered_at = DateTimeField(null=True)
    # on a copy made by Resend with Update Merge Fields: the entry it copies (0: not a copy)
    original_entry_no = Number()

    class Meta:
        indexes = (
            (("contact_no", "date"), False),
            (("logged_segment_entry_no", "postponed"), False),
            (("campaign_no", "campaign_entry_no", "date"), False),
            (("interaction_template_code", "date"), False),
            (("salesperson_code", "date"), False),
            # Interaction Log pages filtered on template or salesperson (migration 0002).
            (("interaction_template_code", "entry_no"), False),
            (("salesperson_code", "entry_no"), False),
        )


class InterLogEntryCommentLine(BaseModel):
    entry = ForeignKeyField(InteractionLogEntry, column_name="entry_no", on_delete="CASCADE",
                            lazy_load=False, index=False)
    line_no = IntegerField()
    date = DateField(null=True)
    code = Code(10, default="")
    comment = Text(80)
    last_date_modified = DateField(null=True)

    class Meta:
        primary_key = CompositeKey("entry", "line_no")


class CancelJournal(BaseModel):
    """Append-only record of every cancel, un-cancel and deletion in the log: who, when, why."""
    no = AutoField()
    created_at = DateTimeField()
    user_id = Code(50, default="")
    action = Code(20)
    logged_segment_entry_no = Number(index=True)
    entry_nos = TextField(**_with_default({"default": ""}))
    no_of_entries = Number()
    reason = Text(250)


ALL_MODELS = [
    NoSeries, MarketingSetup, Language, CountryRegion, Salesperson, UserSetup,
    Contact, MailingGroup, ContactMailingGroup, IndustryGroup, ContactIndustryGroup,
    JobResponsibility, ContactJobResponsibility, BusinessRelation, ContactBusinessRelation,
    ProfileQuestionnaireHeader, ProfileQuestionnaireLine, ContactProfileAnswer,
    Campaign, InteractionGroup, Attachment, InteractionTemplate, InteractionTmplLanguage,
    SegmentHeader, SegmentLine, SegmentLineRemoved, SegmentInteractionLanguage, SegmentCriteriaLine,
    SegmentHistory,
    SavedSegmentCriteria, SavedSegmentCriteriaLine,
    LoggedSegment, CampaignEntry, InteractionLogEntry, InterLogEntryCommentLine, CancelJournal,
]
