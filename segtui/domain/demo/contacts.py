"""Generated demo contacts (companies, their people, independent persons) and their classification.

Everything is drawn from one `random.Random`, so one seed gives the same contacts every time.
Rows come out in batches of plain tuples ready for `segtui.store.bulk.bulk_insert`; a company
always comes before its persons.
"""
import datetime
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from segtui.store.enums import BusinessRelationLink, ContactType, CorrespondenceType
from segtui.store.models import (
    Contact,
    ContactBusinessRelation,
    ContactIndustryGroup,
    ContactJobResponsibility,
    ContactMailingGroup,
    ContactProfileAnswer,
)

CONTACT_FIELDS = (
    Contact.no, Contact.type, Contact.company_no, Contact.company_name, Contact.name,
    Contact.search_name, Contact.first_name, Contact.surname, Contact.initials,
    Contact.job_title, Contact.address, Contact.city, Contact.post_code, Contact.county,
    Contact.country_code, Contact.phone_no, Contact.mobile_phone_no, Contact.email,
    Contact.home_page, Contact.vat_registration_no, Contact.currency_code,
    Contact.language_code, Contact.salesperson, Contact.salutation_code,
    Contact.correspondence_type, Contact.exclude_from_segment,
)
MAILING_FIELDS = (ContactMailingGroup.contact, ContactMailingGroup.mailing_group)
INDUSTRY_FIELDS = (ContactIndustryGroup.contact, ContactIndustryGroup.industry_group)
JOB_FIELDS = (ContactJobResponsibility.contact, ContactJobResponsibility.job_responsibility)
RELATION_FIELDS = (ContactBusinessRelation.contact, ContactBusinessRelation.business_relation,
                   ContactBusinessRelation.link_to_table, ContactBusinessRelation.no)
ANSWER_FIELDS = (ContactProfileAnswer.contact, ContactProfileAnswer.questionnaire,
                 ContactProfileAnswer.line_no, ContactProfileAnswer.contact_company_no,
                 ContactProfileAnswer.last_date_updated)

PROFILE_CODE = "CUSTOMER"
# answer code -> (line no. of the answer in the questionnaire, share of the answering companies)
PROFILE_ANSWERS = {"SMALL": (20000, 0.50), "MEDIUM": (30000, 0.35), "LARGE": (40000, 0.15)}
PROFILE_QUESTION_LINE = 10000

# mailing group -> share of all contacts in it
MAILING_SHARES = {"NEWSLETTER": 0.25, "XMAS": 0.15, "EVENTS": 0.08}
INDUSTRY_CODES = ("RETAIL", "RETAIL", "WHOLESALE", "WHOLESALE", "MANUFACT", "MANUFACT", "SERVICES")
JOB_CODES = ("PURCHASE", "SALES", "IT", "MANAGEMENT")

# (job responsibility or None, title by language); persons of a company get one at random
JOB_TITLES = (
    ("PURCHASE", {"ENU": "Purchasing Manager", "SVE": "Inköpschef", "DEU": "Einkaufsleiter"}),
    ("PURCHASE", {"ENU": "Buyer", "SVE": "Inköpare", "DEU": "Einkäufer"}),
    ("SALES", {"ENU": "Sales Manager", "SVE": "Försäljningschef", "DEU": "Vertriebsleiter"}),
    ("SALES", {"ENU": "Sales Representative", "SVE": "Säljare", "DEU": "Verkäufer"}),
    ("IT", {"ENU": "IT Manager", "SVE": "IT-chef", "DEU": "IT-Leiter"}),
    ("IT", {"ENU": "System Administrator", "SVE": "Systemadministratör",
            "DEU": "Systemadministrator"}),
    ("MANAGEMENT", {"ENU": "Managing Director", "SVE": "VD", "DEU": "Geschäftsführer"}),
    ("MANAGEMENT", {"ENU": "Finance Director", "SVE": "Ekonomichef", "DEU": "Finanzleiter"}),
    (None, {"ENU": "Accountant", "SVE": "Redovisningsekonom", "DEU": "Buchhalter"}),
    (None, {"ENU": "Office Manager", "SVE": "Kontorschef", "DEU": "Büroleiter"}),
    (None, {"ENU": "Marketing Coordinator", "SVE": "Marknadskoordinator",
            "DEU": "Marketingreferent"}),
)

COMPANY, PERSON = int(ContactType.COMPANY), int(ContactType.PERSON)
BLANK, HARD_COPY, EMAIL = (int(CorrespondenceType.BLANK), int(CorrespondenceType.HARD_COPY),
                           int(CorrespondenceType.EMAIL))
CUSTOMER_LINK, VENDOR_LINK = int(BusinessRelationLink.CUSTOMER), int(BusinessRelationLink.VENDOR)

_ASCII = str.maketrans({"å": "a", "ä": "a", "ö": "o", "ü": "u", "ß": "ss", "æ": "ae",
                        "ø": "o", "é": "e", " ": "-", "&": "", ".": "", "/": ""})


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    language: str
    currency: str
    phone: str
    vat: str  # VAT number pattern: '#' is a digit; blank = no VAT numbers
    street_first: bool
    cities: tuple  # (city, county, post code pattern: '#' a digit, '@' a letter)
    streets: tuple
    legal_forms: tuple
    female: tuple
    male: tuple
    surnames: tuple
    trades: tuple
    salespeople: tuple  # codes, repeated by weight


COUNTRIES = (
    Country("SE", "Sweden", "SVE", "", "+46", "SE##########01", True,
            (("Stockholm", "", "11# ##"), ("Göteborg", "", "41# ##"), ("Malmö", "", "21# ##"),
             ("Uppsala", "", "75# ##"), ("Västerås", "", "72# ##"), ("Örebro", "", "70# ##"),
             ("Linköping", "", "58# ##"), ("Helsingborg", "", "25# ##"),
             ("Jönköping", "", "55# ##"), ("Umeå", "", "90# ##")),
            ("Storgatan", "Drottninggatan", "Kungsgatan", "Vasagatan", "Sveavägen", "Hamngatan",
             "Järnvägsgatan", "Skolgatan", "Kyrkogatan", "Industrivägen"),
            ("AB",),
            ("Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Emma", "Kerstin", "Ingrid",
             "Sofia", "Johanna", "Elin", "Malin", "Åsa", "Helena"),
            ("Erik", "Lars", "Karl", "Anders", "Johan", "Per", "Nils", "Mikael", "Jan", "Hans",
             "Peter", "Oskar", "Magnus", "Björn", "Gustav"),
            ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
             "Persson", "Svensson", "Gustafsson", "Pettersson", "Lindberg", "Lindqvist", "Berg",
             "Lundgren", "Holm", "Sjöberg", "Nyström", "Åberg", "Björk", "Engström", "Forsberg"),
            ("Handel", "Bygg", "Möbler", "Konsult", "Trading", "Maskin", "Elektronik",
             "Logistik", "Data", "Import", "Kontorsvaror"),
            ("AH", "AH", "EK", "EK", "PS")),
    Country("DE", "Germany", "DEU", "EUR", "+49", "DE#########", True,
            (("Berlin", "", "101##"), ("Hamburg", "", "200##"), ("München", "", "803##"),
             ("Köln", "", "506##"), ("Frankfurt am Main", "", "603##"), ("Stuttgart", "", "701##"),
             ("Düsseldorf", "", "402##"), ("Leipzig", "", "041##"), ("Bremen", "", "281##")),
            ("Hauptstraße", "Bahnhofstraße", "Gartenstraße", "Schillerstraße", "Goethestraße",
             "Industriestraße", "Lindenstraße", "Ringstraße", "Mühlenweg"),
            ("GmbH", "GmbH", "AG", "KG"),
            ("Anna", "Julia", "Katharina", "Sabine", "Petra", "Claudia", "Monika", "Laura",
             "Lena", "Sandra", "Birgit", "Ursula", "Sophie"),
            ("Thomas", "Michael", "Andreas", "Stefan", "Markus", "Jürgen", "Klaus", "Wolfgang",
             "Frank", "Tobias", "Jan", "Lukas", "Matthias"),
            ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
             "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
             "Schwarz", "Zimmermann", "Braun", "Krüger", "Hartmann", "Lange"),
            ("Maschinenbau", "Handel", "Möbelhaus", "Elektronik", "Logistik", "Bürobedarf",
             "Technik", "Consulting", "Metallbau", "Großhandel"),
            ("MK", "MK", "MK", "PS", "PS")),
    Country("GB", "United Kingdom", "ENU", "GBP", "+44", "GB#########", False,
            (("London", "", "W2 #@@"), ("Manchester", "", "M1 #@@"), ("Birmingham", "", "B1 #@@"),
             ("Leeds", "West Yorkshire", "LS1 #@@"), ("Glasgow", "", "G1 #@@"),
             ("Bristol", "", "BS1 #@@"), ("Cambridge", "Cambridgeshire", "CB2 #@@"),
             ("Oxford", "Oxfordshire", "OX1 #@@")),
            ("High Street", "Station Road", "Church Lane", "Victoria Road", "Park Avenue",
             "Mill Lane", "King Street", "The Ring"),
            ("Ltd.", "Ltd.", "plc"),
            ("Olivia", "Emily", "Sophie", "Charlotte", "Amelia", "Jessica", "Hannah", "Lucy",
             "Sarah", "Rachel", "Helen", "Claire"),
            ("Oliver", "James", "William", "Thomas", "George", "Harry", "Jack", "Daniel",
             "David", "Richard", "Andrew", "Paul"),
            ("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
             "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green",
             "Hall", "Wood", "Jackson", "Clarke", "Hughes", "Turner"),
            ("Supplies", "Trading", "Engineering", "Furniture", "Office Solutions", "Logistics",
             "Interiors", "Systems", "Wholesale"),
            ("AH", "AH", "JO", "JO", "PS")),
    Country("US", "United States", "ENU", "USD", "+1", "", False,
            (("New York", "NY", "100##"), ("Chicago", "IL", "606##"), ("Atlanta", "GA", "303##"),
             ("Seattle", "WA", "981##"), ("Boston", "MA", "021##"), ("Denver", "CO", "802##"),
             ("Austin", "TX", "787##"), ("Minneapolis", "MN", "554##")),
            ("Main Street", "Oak Avenue", "Maple Drive", "Washington Boulevard", "Elm Street",
             "Lake Road", "Park Place", "Market Street"),
            ("Inc.", "Inc.", "LLC", "Corp."),
            ("Mary", "Jennifer", "Linda", "Patricia", "Elizabeth", "Susan", "Jessica", "Sarah",
             "Karen", "Nancy", "Lisa", "Ashley"),
            ("John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas",
             "Charles", "Christopher", "Daniel", "Matthew"),
            ("Miller", "Davis", "Garcia", "Rodriguez", "Martinez", "Anderson", "Moore", "Martin",
             "Lee", "Perez", "Harris", "Clark", "Lewis", "Young", "Allen", "King", "Scott",
             "Baker", "Nelson", "Carter", "Mitchell"),
            ("Supply", "Industries", "Furniture", "Solutions", "Distributors", "Manufacturing",
             "Outfitters", "Office Products"),
            ("JO", "JO", "JO", "PS", "PS")),
    Country("DK", "Denmark", "DAN", "DKK", "+45", "DK########", True,
            (("København K", "", "1###"), ("Aarhus C", "", "80##"), ("Odense C", "", "50##"),
             ("Aalborg", "", "90##"), ("Esbjerg", "", "67##")),
            ("Vestergade", "Østergade", "Nørregade", "Strandvejen", "Havnegade", "Algade"),
            ("A/S", "ApS"),
            ("Mette", "Anne", "Hanne", "Susanne", "Lene", "Camilla", "Louise", "Maja", "Ida"),
            ("Jens", "Søren", "Niels", "Henrik", "Lars", "Rasmus", "Mads", "Frederik", "Anders"),
            ("Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen",
             "Sørensen", "Rasmussen", "Jørgensen", "Madsen", "Kristensen", "Thomsen"),
            ("Handel", "Møbler", "Byg", "Import", "Elektronik", "Maskiner", "Logistik"),
            ("EK", "EK", "AH", "PS")),
    Country("NO", "Norway", "NOR", "NOK", "+47", "NO#########MVA", True,
            (("Oslo", "", "01##"), ("Bergen", "", "50##"), ("Trondheim", "", "70##"),
             ("Stavanger", "", "40##"), ("Tromsø", "", "90##")),
            ("Storgata", "Kirkegata", "Strandgata", "Kongens gate", "Havnegata", "Torggata"),
            ("AS", "AS", "ASA"),
            ("Ingrid", "Kari", "Marit", "Silje", "Hilde", "Nora", "Ingeborg", "Astrid", "Tone"),
            ("Ola", "Knut", "Bjørn", "Arne", "Terje", "Geir", "Håkon", "Sindre", "Eirik"),
            ("Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen",
             "Kristiansen", "Berg", "Haugen", "Hagen", "Bakken", "Dahl", "Lunde"),
            ("Handel", "Møbler", "Bygg", "Maskin", "Elektro", "Import", "Logistikk"),
            ("EK", "EK", "AH", "PS")),
)
COUNTRY_WEIGHTS = {"SE": 7, "DE": 3, "GB": 3, "US": 3, "DK": 2, "NO": 2}

POST_CODES_PER_CITY = 25
HOUSE_NUMBERS = 120
FIRST_UPDATE = datetime.date(2025, 1, 1)
UPDATE_DAYS = 600


@dataclass
class Batch:
    """Rows for each table, in the field order of the *_FIELDS tuples above."""
    contacts: list = field(default_factory=list)
    mailing: list = field(default_factory=list)
    industry: list = field(default_factory=list)
    jobs: list = field(default_factory=list)
    relations: list = field(default_factory=list)
    answers: list = field(default_factory=list)
    companies: int = 0


class _Place:
    """One country prepared for fast drawing: post codes, ASCII spellings, job titles."""

    def __init__(self, country: Country, rng: random.Random):
        self.country = country
        self.cities = [(city, county, [_fill_pattern(pattern, rng)
                                       for _ in range(POST_CODES_PER_CITY)])
                       for city, county, pattern in country.cities]
        self.ascii = {name: name.lower().translate(_ASCII)
                      for name in (*country.female, *country.male, *country.surnames,
                                   *country.trades)}
        language = country.language if country.language in ("SVE", "DEU") else "ENU"
        self.titles = [(code, titles[language]) for code, titles in JOB_TITLES]


def _fill_pattern(pattern: str, rng: random.Random) -> str:
    return "".join(str(rng.randrange(10)) if char == "#"
                   else chr(65 + rng.randrange(26)) if char == "@" else char
                   for char in pattern)


def contact_number_width(total: int) -> int:
    """Digits of the demo's contact numbers (CT000001): six, or more for a larger demo."""
    return max(6, len(str(total)))


def contact_batches(rng: random.Random, total: int, batch_size: int) -> Iterator[Batch]:
    """Yield `total` contacts with their classification rows, `batch_size` contacts at a time.

    About one contact in five is a company with 0–6 persons; for each company there is, on
    average, one independent person (no company), so one person in four is independent.
    """
    places = [_Place(country, rng) for country in COUNTRIES]
    weighted = [place for place in places for _ in range(COUNTRY_WEIGHTS[place.country.code])]
    dates = [FIRST_UPDATE + datetime.timedelta(days=day) for day in range(UPDATE_DAYS)]
    state = _State(rng, weighted, dates, contact_number_width(total))
    batch = Batch()
    while state.made < total:
        if rng.random() < 0.5:
            state.person(batch, None)
        else:
            company = state.company(batch)
            for _ in range(min(rng.randrange(7), total - state.made)):
                state.person(batch, company)
        if len(batch.contacts) >= batch_size:
            yield batch
            batch = Batch()
    if batch.contacts:
        yield batch


@dataclass
class _Company:
    no: str
    name: str
    place: _Place
    address: str
    city: str
    post_code: str
    county: str
    phone: str
    domain: str
    salesperson: str


class _State:
    """The running counters of one generation and the drawing of single contacts."""

    def __init__(self, rng, places, dates, width):
        self.rnd = rng.random
        self.places = places
        self.dates = dates
        self.format = f"CT%0{width}d"
        self.made = 0
        self.customers = 0
        self.vendors = 0

    def _pick(self, items):
        return items[int(self.rnd() * len(items))]

    def _next_no(self) -> str:
        self.made += 1
        return self.format % self.made

    def _address(self, place: _Place):
        pick = self._pick
        city, county, codes = pick(place.cities)
        number = int(self.rnd() * HOUSE_NUMBERS) + 1
        street = pick(place.country.streets)
        address = f"{street} {number}" if place.country.street_first else f"{number} {street}"
        return address, city, pick(codes), county

    def _phone(self, place: _Place, lead: int) -> str:
        rnd = self.rnd
        return f"{place.country.phone} {lead + int(rnd() * 9)}{int(rnd() * 10)} " \
               f"{int(rnd() * 900000) + 100000}"

    def _correspondence(self, email: str) -> int:
        draw = self.rnd()
        if email:
            return EMAIL if draw < 0.45 else HARD_COPY if draw < 0.7 else BLANK
        # a few contacts want e-mail but have no address: logging downgrades them (L8)
        return HARD_COPY if draw < 0.6 else BLANK if draw < 0.9 else EMAIL

    def _mailing(self, batch: Batch, no: str) -> None:
        rnd = self.rnd
        for code, share in MAILING_SHARES.items():
            if rnd() < share:
                batch.mailing.append((no, code))

    def company(self, batch: Batch) -> _Company:
        rnd, pick = self.rnd, self._pick
        place = pick(self.places)
        country = place.country
        no = self._next_no()
        surname, trade = pick(country.surnames), pick(country.trades)
        name = f"{surname} {trade} {pick(country.legal_forms)}"
        domain = f"{place.ascii[surname]}-{place.ascii[trade]}.example"
        address, city, post_code, county = self._address(place)
        phone = self._phone(place, 1)
        email = f"info@{domain}" if rnd() < 0.85 else ""
        vat = "".join(str(int(rnd() * 10)) if char == "#" else char for char in country.vat)
        salesperson = pick(country.salespeople)
        batch.contacts.append((
            no, COMPANY, no, name, name, name.upper(), "", "", "", "",
            address, city, post_code, county, country.code, phone, "", email,
            f"www.{domain}", vat, country.currency, country.language, salesperson, "COMPANY",
            self._correspondence(email), rnd() < 0.02))
        batch.companies += 1
        self._mailing(batch, no)
        batch.industry.append((no, pick(INDUSTRY_CODES)))
        if rnd() < 0.1:
            second = pick(INDUSTRY_CODES)
            if second != batch.industry[-1][1]:
                batch.industry.append((no, second))
        self._relations(batch, no)
        if rnd() < 0.75:
            draw = rnd()
            for line_no, share in PROFILE_ANSWERS.values():  # noqa: B007 (the answer drawn)
                draw -= share
                if draw < 0:
                    break
            batch.answers.append((no, PROFILE_CODE, line_no, no, pick(self.dates)))
        return _Company(no, name, place, address, city, post_code, county, phone, domain,
                        salesperson)

    def _relations(self, batch: Batch, no: str) -> None:
        draw = self.rnd()
        if draw < 0.55:
            self.customers += 1
            batch.relations.append((no, "CUST", CUSTOMER_LINK,
                                    f"C{self.customers:05d}"))
        elif draw < 0.85:
            batch.relations.append((no, "PROSP", 0, ""))
        if self.rnd() < 0.12:
            self.vendors += 1
            batch.relations.append((no, "VEND", VENDOR_LINK,
                                    f"V{self.vendors:05d}"))

    def person(self, batch: Batch, company: _Company | None) -> None:
        rnd, pick = self.rnd, self._pick
        place = company.place if company else pick(self.places)
        country = place.country
        no = self._next_no()
        female = rnd() < 0.5
        first = pick(country.female if female else country.male)
        surname = pick(country.surnames)
        name = f"{first} {surname}"
        mailbox = f"{place.ascii[first]}.{place.ascii[surname]}"
        if company:
            job, title = pick(place.titles)
            address, city, post_code, county = (company.address, company.city,
                                                company.post_code, company.county)
            phone, domain = company.phone, company.domain
            salesperson = company.salesperson if rnd() < 0.9 else pick(country.salespeople)
            company_no, company_name = company.no, company.name
        else:
            job, title = None, ""
            address, city, post_code, county = self._address(place)
            phone, domain = self._phone(place, 1), "mail.example"
            salesperson = pick(country.salespeople)
            company_no, company_name = None, ""
        email = f"{mailbox}@{domain}" if rnd() < 0.9 else ""
        batch.contacts.append((
            no, PERSON, company_no, company_name, name, name.upper(), first,
            surname, first[0] + surname[0], title, address, city, post_code, county,
            country.code, phone, self._phone(place, 7), email, "", "", country.currency,
            country.language, salesperson, "F" if female else "M",
            self._correspondence(email), rnd() < 0.02))
        self._mailing(batch, no)
        if job:
            batch.jobs.append((no, job))
        if company and rnd() < 0.15:
            extra = pick(JOB_CODES)
            if extra != job:
                batch.jobs.append((no, extra))
