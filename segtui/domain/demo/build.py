"""`segtui demo`: a consistent demo company in the spirit of NAV's CRONUS.

One call fills an empty (or, with force, emptied) database with setup, master data, generated
contacts with their classification, Word templates, logged segments with interaction history
and two open segments. The codes below are the vocabulary V1 of docs/rules.md; the README and the
tests rely on them. The same seed always gives the same rows. Everything happens in one write
transaction: a failure leaves the database as it was.
"""
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from peewee import SqliteDatabase

from segtui.domain.demo.contacts import (
    ANSWER_FIELDS,
    CONTACT_FIELDS,
    COUNTRIES,
    INDUSTRY_FIELDS,
    JOB_FIELDS,
    MAILING_FIELDS,
    PROFILE_ANSWERS,
    PROFILE_CODE,
    PROFILE_QUESTION_LINE,
    RELATION_FIELDS,
    contact_batches,
    contact_number_width,
)
from segtui.domain.contacts.cards import CONTACT_SERIES
from segtui.domain.demo.documents import email_docx, letter_docx
from segtui.domain.demo.segments import Plan, SegmentBuilder
from segtui.domain.errors import DomainError
from segtui.i18n import _
from segtui.domain.setup.numbering import next_entry_numbers
from segtui.store.bulk import bulk_insert
from segtui.store.connection import db, migrate, write_transaction
from segtui.store.enums import (
    CorrespondenceType,
    InformationFlow,
    InitiatedBy,
    ProfileLineType,
    StorageType,
    WizardAction,
)
from segtui.store.models import (
    ALL_MODELS,
    Attachment,
    BusinessRelation,
    Campaign,
    Contact,
    ContactBusinessRelation,
    ContactIndustryGroup,
    ContactJobResponsibility,
    ContactMailingGroup,
    ContactProfileAnswer,
    CountryRegion,
    IndustryGroup,
    InteractionGroup,
    InteractionTemplate,
    InteractionTmplLanguage,
    JobResponsibility,
    Language,
    MailingGroup,
    MarketingSetup,
    NoSeries,
    ProfileQuestionnaireHeader,
    ProfileQuestionnaireLine,
    Salesperson,
    UserSetup,
)

# The demo's "now", stamped where the services would stamp the clock: the data holds only fixed
# dates and times, so a seed always gives the same rows.
DEMO_MOMENT = datetime(2026, 10, 1, 9, 0)
CONTACT_BATCH = 20_000

COMPANY_INFO = dict(
    company_name="CRONUS Sverige AB", company_address="Drottninggatan 12",
    company_city="Stockholm", company_post_code="111 51", company_country_code="SE",
    company_phone_no="+46 8 123 45 00", company_email="info@cronus.example",
    default_language_code="SVE", default_correspondence_type=CorrespondenceType.EMAIL.value)

LANGUAGES = (("ENU", "English"), ("SVE", "Swedish"), ("DEU", "German"), ("DAN", "Danish"),
             ("NOR", "Norwegian"))
SALESPEOPLE = (
    ("AH", "Annette Hill", "Sales Manager", "+46 8 123 45 01"),
    ("PS", "Peter Saddow", "Key Account Manager", "+46 8 123 45 02"),
    ("EK", "Eva Karlsson", "Account Manager", "+46 8 123 45 03"),
    ("JO", "Jim Olive", "Account Manager", "+44 20 7946 0123"),
    ("MK", "Markus Keller", "Account Manager", "+49 30 901820 15"),
)
MAILING_GROUPS = (("NEWSLETTER", "Newsletter subscribers"), ("XMAS", "Christmas cards"),
                  ("EVENTS", "Event invitations"))
INDUSTRY_GROUPS = (("RETAIL", "Retail"), ("WHOLESALE", "Wholesale"),
                   ("MANUFACT", "Manufacturing"), ("SERVICES", "Services"))
JOB_RESPONSIBILITIES = (("PURCHASE", "Purchasing"), ("SALES", "Sales"), ("IT", "IT"),
                        ("MANAGEMENT", "Management"))
BUSINESS_RELATIONS = (("CUST", "Customer"), ("VEND", "Vendor"), ("PROSP", "Prospect"))
PROFILE_TEXTS = {"SMALL": "Small (1-49 employees)", "MEDIUM": "Medium (50-249 employees)",
                 "LARGE": "Large (250 employees or more)"}
INTERACTION_GROUPS = (("LETTER", "Letters"), ("EMAIL", "E-mails"), ("MEETING", "Meetings"))
CAMPAIGNS = (
    ("CP1001", "Spring trade fair 2026", date(2026, 3, 10), date(2026, 3, 12), "PS"),
    ("CP1002", "Christmas 2026", date(2026, 11, 15), date(2026, 12, 31), "AH"),
)
OUTBOUND, US = InformationFlow.OUTBOUND.value, InitiatedBy.US.value
TEMPLATES = (
    dict(code="LETTER", interaction_group="LETTER", description="Letter",
         unit_cost=Decimal("2.50"), unit_duration=10, information_flow=OUTBOUND, initiated_by=US,
         correspondence_type_default=CorrespondenceType.HARD_COPY.value,
         ignore_contact_corres_type=False, language_code_default="ENU",
         wizard_action=WizardAction.OPEN.value),
    dict(code="EMAIL", interaction_group="EMAIL", description="E-mail",
         unit_cost=Decimal("0.10"), unit_duration=5, information_flow=OUTBOUND, initiated_by=US,
         correspondence_type_default=CorrespondenceType.EMAIL.value,
         ignore_contact_corres_type=True, language_code_default="ENU",
         wizard_action=WizardAction.OPEN.value),
    dict(code="MEETING", interaction_group="MEETING", description="Meeting",
         unit_cost=Decimal("0.00"), unit_duration=60, information_flow=OUTBOUND, initiated_by=US,
         correspondence_type_default=CorrespondenceType.BLANK.value,
         ignore_contact_corres_type=True, language_code_default="",
         wizard_action=WizardAction.BLANK.value),
)
DOCUMENTS = {"LETTER": letter_docx, "EMAIL": email_docx}
DOCUMENT_LANGUAGES = ("ENU", "SVE", "DEU")

LOGGED_SEGMENTS = (
    Plan("Spring trade fair invitation", "LETTER", date(2026, 2, 10),
         ("contact.type=PERSON", "jobresp=PURCHASE", "industry=RETAIL|WHOLESALE"),
         {"ENU": "Meet us at the spring trade fair", "SVE": "Träffa oss på vårmässan",
          "DEU": "Besuchen Sie uns auf der Frühjahrsmesse"},
         salesperson="PS", campaign="CP1001"),
    Plan("Price list 2026 (sent by mistake)", "LETTER", date(2026, 5, 4),
         ("contact.type=COMPANY", "business=CUST"),
         {"ENU": "Price list 2026", "SVE": "Prislista 2026", "DEU": "Preisliste 2026"},
         salesperson="AH", canceled=True),
    Plan("Newsletter June 2026", "EMAIL", date(2026, 6, 5),
         ("contact.type=PERSON", "mailing=NEWSLETTER"),
         {"ENU": "News from CRONUS, June 2026", "SVE": "Nytt från CRONUS, juni 2026",
          "DEU": "Neues von CRONUS, Juni 2026"}),
    Plan("Customer meetings Q3", "MEETING", date(2026, 8, 20),
         ("contact.type=PERSON", "jobresp=MANAGEMENT", "business=CUST"), {}, evaluated=True),
)
OPEN_SEGMENTS = (
    Plan("Christmas card 2026", "LETTER", date(2026, 12, 1), ("mailing=XMAS",),
         {"ENU": "Season's greetings", "SVE": "God jul och gott nytt år",
          "DEU": "Frohe Weihnachten"},
         campaign="CP1002"),
    Plan("Autumn customer event 2026", "EMAIL", date(2026, 10, 5), ("mailing=EVENTS",),
         {"ENU": "Invitation to our autumn customer event",
          "SVE": "Inbjudan till vårt kundevent i höst",
          "DEU": "Einladung zu unserem Kundenevent im Herbst"},
         salesperson="PS"),
)

USER_SETUP_COLLEAGUE = "ASSISTANT"  # a second user of the User setup page
SETUP_TABLES = {NoSeries, MarketingSetup}


@dataclass(frozen=True)
class DemoSummary:
    """What a demo load created."""
    contacts: int
    companies: int
    persons: int
    segments: int
    logged_segments: int
    interaction_entries: int

    def __str__(self) -> str:
        return (f"{self.contacts} contacts ({self.companies} companies, {self.persons} persons), "
                f"{self.segments} segments, {self.logged_segments} logged segments, "
                f"{self.interaction_entries} interaction entries")


def load_demo(contacts: int = 1000, seed: int = 1, force: bool = False, user: str = "DEMO",
              progress: Callable[[str], None] | None = None) -> DemoSummary:
    """Fill the bound database with demo data; with `force`, replace the data it has.

    `user` is stamped as given on what the demo logs. Raises DomainError when the database
    already has data and `force` is off.
    """
    if contacts < 0:
        raise DomainError(_("the number of contacts must not be negative (got {contacts})").format(
            contacts=contacts))
    report = progress or (lambda message: None)
    database = db.obj
    with write_transaction(database):
        if _has_data():
            if not force:
                raise DomainError(_("the database already has data; use --force to replace it"))
            report("removing the old data")
            _reset(database)
        report("setup and master data")
        _setup()
        _templates()
        report(f"generating {contacts:,} contacts")
        companies = _contacts(contacts, seed, report)
        if not isinstance(database, SqliteDatabase):
            # the planner has no statistics for rows loaded in this transaction yet
            database.execute_sql("ANALYZE")
        report("logged segments and interaction history")
        builder = SegmentBuilder(user, DEMO_MOMENT, seed)
        for plan in LOGGED_SEGMENTS:
            builder.log(plan)
        report("open segments")
        for plan in OPEN_SEGMENTS:
            builder.open(plan)
        # after the segments, which keep the salespeople their plans give (S-17)
        _user_setup(user)
    return DemoSummary(contacts=contacts, companies=companies, persons=contacts - companies,
                       segments=builder.segments, logged_segments=builder.logged,
                       interaction_entries=builder.entries)


def _has_data() -> bool:
    return any(model.select().exists() for model in ALL_MODELS if model not in SETUP_TABLES)


def _reset(database) -> None:
    """Drop every table (children first), the migration history too, and migrate afresh."""
    options = {} if isinstance(database, SqliteDatabase) else {"cascade": True}
    database.drop_tables(ALL_MODELS, **options)
    suffix = "" if isinstance(database, SqliteDatabase) else " CASCADE"
    database.execute_sql('DROP TABLE IF EXISTS "schema_migration"' + suffix)
    migrate(database)


def _setup() -> None:
    """Marketing setup's company information and all master data codes."""
    MarketingSetup.update(**COMPANY_INFO).where(MarketingSetup.id == 1).execute()
    Language.insert_many(LANGUAGES, fields=[Language.code, Language.name]).execute()
    CountryRegion.insert_many([(c.code, c.name) for c in COUNTRIES],
                              fields=[CountryRegion.code, CountryRegion.name]).execute()
    Salesperson.insert_many(
        [(code, name, title, phone, f"{code.lower()}@cronus.example")
         for code, name, title, phone in SALESPEOPLE],
        fields=[Salesperson.code, Salesperson.name, Salesperson.job_title,
                Salesperson.phone_no, Salesperson.email]).execute()
    for model, rows in ((MailingGroup, MAILING_GROUPS), (IndustryGroup, INDUSTRY_GROUPS),
                        (JobResponsibility, JOB_RESPONSIBILITIES),
                        (BusinessRelation, BUSINESS_RELATIONS),
                        (InteractionGroup, INTERACTION_GROUPS)):
        model.insert_many(rows, fields=[model.code, model.description]).execute()
    ProfileQuestionnaireHeader.insert(code=PROFILE_CODE, description="Customer size").execute()
    ProfileQuestionnaireLine.insert_many(
        [(PROFILE_CODE, PROFILE_QUESTION_LINE, ProfileLineType.QUESTION.value, "",
          "How large is the company?")]
        + [(PROFILE_CODE, line_no, ProfileLineType.ANSWER.value, code, PROFILE_TEXTS[code])
           for code, (line_no, _) in PROFILE_ANSWERS.items()],
        fields=[ProfileQuestionnaireLine.questionnaire, ProfileQuestionnaireLine.line_no,
                ProfileQuestionnaireLine.type, ProfileQuestionnaireLine.code,
                ProfileQuestionnaireLine.description]).execute()
    Campaign.insert_many(CAMPAIGNS, fields=[Campaign.no, Campaign.description,
                                            Campaign.starting_date, Campaign.ending_date,
                                            Campaign.salesperson]).execute()


def _user_setup(user: str) -> None:
    """The user the demo runs as, and a colleague, each with a default salesperson."""
    rows = {USER_SETUP_COLLEAGUE: "EK", user.strip().upper() or "DEMO": "AH"}
    UserSetup.insert_many(list(rows.items()),
                          fields=[UserSetup.user_id, UserSetup.salesperson]).execute()


def _templates() -> None:
    """The interaction templates, each Word document stored once per language."""
    InteractionTemplate.insert_many(TEMPLATES).execute()
    names = dict(LANGUAGES)
    documents = [(code, language) for code in DOCUMENTS for language in DOCUMENT_LANGUAGES]
    first = next_entry_numbers("attachment", len(documents))
    for no, (code, language) in enumerate(documents, start=first):
        Attachment.insert(no=no, file=DOCUMENTS[code](language),
                          storage_type=StorageType.EMBEDDED.value, file_extension="docx",
                          last_modified=DEMO_MOMENT).execute()
        InteractionTmplLanguage.insert(interaction_template=code, language_code=language,
                                       description=names[language], attachment=no).execute()


def _contacts(total: int, seed: int, report) -> int:
    """Generate and bulk-load the contacts and their classification; returns the companies."""
    companies = made = shown = 0
    rng = random.Random(seed)
    for batch in contact_batches(rng, total, CONTACT_BATCH):
        bulk_insert(Contact, CONTACT_FIELDS, batch.contacts)
        bulk_insert(ContactMailingGroup, MAILING_FIELDS, batch.mailing)
        bulk_insert(ContactIndustryGroup, INDUSTRY_FIELDS, batch.industry)
        bulk_insert(ContactJobResponsibility, JOB_FIELDS, batch.jobs)
        bulk_insert(ContactBusinessRelation, RELATION_FIELDS, batch.relations)
        bulk_insert(ContactProfileAnswer, ANSWER_FIELDS, batch.answers)
        companies += batch.companies
        made += len(batch.contacts)
        if made * 10 // total > shown or made == total:
            shown = made * 10 // total
            report(f"contacts {made:,}/{total:,}")
    # new contacts (the card, an import) go on numbering where the demo stopped
    NoSeries.insert(code=CONTACT_SERIES, description="Contacts", prefix="CT",
                    width=contact_number_width(total), last_no=made).execute()
    return companies
