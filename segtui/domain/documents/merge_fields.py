"""The merge fields a Word document may use (M-33) and how a typed name is matched.

Names are stable English keys. A name in a document matches a key whatever its case and whether
words are joined by spaces, underscores or hyphens: "Contact Name" == "contact_name" ==
"Contact-Name" == "Contact_Name".
"""
import difflib
import re
from dataclasses import dataclass

ADDRESS_LINES = tuple(f"Address_Line_{n}" for n in range(1, 9))

# Contact_Mail_Address is the whole formatted postal address; Address_Line_1…8 are its lines,
# blank lines moved to the end. Personal_Text marks where a line's personal text goes
# (personal_text.py); in a merge it is always empty.
MERGE_FIELDS = (
    "Entry_No",
    "Contact_No", "Contact_Company_Name", "Contact_Name", "Contact_Name_2", "Contact_Address",
    "Contact_Address_2", "Contact_Post_Code", "Contact_City", "Contact_County",
    "Contact_Country_Name", "Contact_Job_Title", "Contact_Phone_No", "Contact_Fax_No",
    "Contact_Email", "Contact_Mobile_Phone_No", "Contact_VAT_Registration_No",
    "Contact_Home_Page",
    "Contact_Mail_Address", *ADDRESS_LINES,
    "Salutation_Formal", "Salutation_Informal",
    "Salesperson_Code", "Salesperson_Name", "Salesperson_Job_Title", "Salesperson_Phone_No",
    "Salesperson_Email",
    "Document_Date", "Document_Campaign_No", "Document_Segment_No", "Document_Description",
    "Document_Subject",
    "Company_Info_Name", "Company_Info_Name_2", "Company_Info_Address", "Company_Info_Address_2",
    "Company_Info_Post_Code", "Company_Info_City", "Company_Info_County",
    "Company_Info_Country_Name", "Company_Info_VAT_Registration_No",
    "Company_Info_Registration_No", "Company_Info_Phone_No", "Company_Info_Fax_No",
    "Company_Info_Email", "Company_Info_Bank_Branch_No", "Company_Info_Bank_Name",
    "Company_Info_Bank_Account_No", "Company_Info_Giro_No",
    "Fax_Mail_To",
    "Personal_Text",
)

_SEPARATORS = re.compile(r"[\s_\-]+")


def normalise(name: str) -> str:
    """The key a field name is compared by: case-folded, each run of spaces, underscores and
    hyphens one underscore, none at either end."""
    return _SEPARATORS.sub("_", name.strip()).strip("_").casefold()


_KNOWN = {normalise(name): name for name in MERGE_FIELDS}


def known_name(name: str) -> str | None:
    """The stable English name `name` stands for, or None when it is not a known field."""
    return _KNOWN.get(normalise(name))


def nearest(name: str) -> str | None:
    """The known field name closest to an unknown `name` (a suggestion), or None if none is
    close: the shortest known name holding all its words ("city" → Contact_City), else the most
    similar spelling ("Contact_Nmae" → Contact_Name); the first in MERGE_FIELDS on a tie."""
    key = normalise(name)
    words = set(key.split("_"))
    holding = [known for known in _KNOWN if words <= set(known.split("_"))]
    if holding:
        return _KNOWN[min(holding, key=len)]
    scores = [(difflib.SequenceMatcher(None, key, known).ratio(), known) for known in _KNOWN]
    score, best = max(scores, key=lambda pair: pair[0])  # max keeps the first of equal scores
    return _KNOWN[best] if score >= 0.6 else None


@dataclass(frozen=True)
class FieldCheck:
    """One field a document uses: the known field it stands for, else the nearest known name."""
    name: str
    known_name: str | None
    suggestion: str | None

    @property
    def known(self) -> bool:
        return self.known_name is not None


def check(names: list[str]) -> list[FieldCheck]:
    """Each of `names` (fields a document uses) checked against the known merge fields."""
    results = []
    for name in names:
        known = known_name(name)
        results.append(FieldCheck(name, known, None if known else nearest(name)))
    return results
