"""The Swedish headers a contact file may use, whatever the UI language.

Two sources: the captions of NAV 2017's Swedish client for the Contact fields (what a NAV
export or a NAV-trained user writes, and what segtui's Swedish UI shows), and the headers of
everyday Swedish spreadsheets (an address list kept in Excel). Headers are compared after
`header_key`, so `Postnr.`, `postnr` and `POST NR` are one header. Also the words such a sheet
writes in some cells: the options as the Swedish client names them, and countries by name.
"""

SWEDISH_HEADERS: dict[str, tuple[str, ...]] = {
    "no": ("Nr", "Nr.", "Nummer", "Kontaktnr", "Kontaktnummer"),
    "type": ("Typ", "Kontakttyp"),
    "name": ("Namn", "Kontaktnamn", "Kontaktperson", "Fullständigt namn"),
    "name_2": ("Namn 2",),
    "company_no": ("Företagsnr.", "Företagsnummer"),
    "company_name": ("Företagsnamn", "Företag", "Organisation", "Bolag", "Firma"),
    "first_name": ("Förnamn", "Tilltalsnamn"),
    "middle_name": ("Mellannamn",),
    "surname": ("Efternamn",),
    "initials": ("Initialer",),
    "job_title": ("Befattning", "Titel", "Yrkestitel"),
    "address": ("Adress", "Adress 1", "Adressrad 1", "Gatuadress", "Postadress",
                "Utdelningsadress"),
    "address_2": ("Adress 2", "Adressrad 2", "c/o", "c/o-adress", "Co-adress"),
    "post_code": ("Postnr.", "Postnummer"),
    "city": ("Ort", "Postort", "Stad"),
    "county": ("Län", "Region"),
    "country_code": ("Land/region-kod", "Land/region", "Landskod", "Land"),
    "phone_no": ("Telefonnr.", "Telefon", "Telefonnummer", "Tel", "Tfn"),
    "mobile_phone_no": ("Mobiltelefonnr.", "Mobiltelefon", "Mobil", "Mobilnummer",
                        "Mobiltelefonnummer"),
    "fax_no": ("Faxnr.", "Faxnummer"),
    "email": ("E-post", "E-postadress", "Epost", "Mejl", "Mejladress", "Mailadress"),
    "home_page": ("Hemsida", "Webbplats", "Webbsida", "Webbadress"),
    "vat_registration_no": ("Momsregistreringsnr.", "Momsregistreringsnummer", "Momsnr",
                            "Organisationsnummer", "Organisationsnr", "Orgnr"),
    "territory_code": ("Distriktskod", "Distrikt"),
    "currency_code": ("Valutakod", "Valuta"),
    "external_id": ("Externt ID", "Extern ID"),
    "language_code": ("Språkkod", "Språk"),
    "salesperson_code": ("Säljarkod", "Säljare"),
    "salutation_code": ("Hälsningsfraskod", "Hälsningsfras"),
    "correspondence_type": ("Korrespondenstyp",),
    "exclude_from_segment": ("Uteslut från segment",),
    "privacy_blocked": ("Sekretesspärrad", "Integritetsspärrad"),
    "minor": ("Minderårig",),
    "parental_consent_received": ("Föräldramedgivande mottaget",),
    "mailing_groups": ("Utskicksgrupper", "Utskicksgrupp"),
    "industry_groups": ("Branschgrupper", "Branschgrupp", "Bransch"),
    "job_responsibilities": ("Befattningsansvar",),
}

# Option values as the Swedish client writes them (the English labels are read as well).
SWEDISH_OPTIONS: dict[str, dict[str, str]] = {
    "type": {"Företag": "COMPANY", "Person": "PERSON"},
    "correspondence_type": {"Papperskopia": "HARD_COPY", "E-post": "EMAIL", "Fax": "FAX"},
}

# Countries as a Swedish sheet names them in its "Land" column -> the ISO code NAV uses. A
# name counts only where the database has that code (the Countries/Regions table decides).
SWEDISH_COUNTRIES: dict[str, str] = {
    "Sverige": "SE", "Norge": "NO", "Danmark": "DK", "Finland": "FI", "Island": "IS",
    "Tyskland": "DE", "Storbritannien": "GB", "England": "GB", "Förenade kungariket": "GB",
    "Irland": "IE", "Frankrike": "FR", "Spanien": "ES", "Portugal": "PT", "Italien": "IT",
    "Nederländerna": "NL", "Holland": "NL", "Belgien": "BE", "Luxemburg": "LU",
    "Schweiz": "CH", "Österrike": "AT", "Polen": "PL", "Tjeckien": "CZ", "Estland": "EE",
    "Lettland": "LV", "Litauen": "LT", "Grekland": "GR", "USA": "US", "Förenta staterna": "US",
    "Kanada": "CA", "Kina": "CN", "Japan": "JP", "Indien": "IN", "Australien": "AU",
}
