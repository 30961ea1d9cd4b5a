"""The Word documents of the demo templates: a letter and an e-mail body with real MERGEFIELDs.

The documents are built with python-docx and carry the merge fields the way Word saves them:
most as complex fields (fldChar begin / instrText / separate / «shown result» / end), a few as
simple fields (fldSimple). Field names are the stable English keys of `MERGE_FIELDS`.
"""
import datetime
import io
import re

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from segtui.domain.documents.merge_fields import ADDRESS_LINES, MERGE_FIELDS

# Fields written as Word's simple field (w:fldSimple); all others are complex fields.
SIMPLE_FIELDS = frozenset({"Document_Date", "Salutation_Formal", "Salutation_Informal"})

DOCUMENT_DATE = datetime.datetime(2026, 1, 15, 9, 0)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")

_COMPANY_BLOCK = [
    ("**", "{Company_Info_Name}"),
    ("small", "{Company_Info_Address} · {Company_Info_Post_Code} {Company_Info_City} · "
              "{Company_Info_Country_Name}"),
    ("small", "{Company_Info_Phone_No} · {Company_Info_Email}"),
    ("", ""),
]
_ADDRESS_BLOCK = [("", "{" + name + "}") for name in ADDRESS_LINES[:6]] + [("", "")]

_LETTER_TEXT = {
    "ENU": dict(subject="Subject", company="Company", contact="Contact", reference="Our ref.",
                body=["Thank you for your interest in {Company_Info_Name}. We are pleased to "
                      "send you the enclosed information and hope that you will find it useful.",
                      "If you have any questions, please call me at {Salesperson_Phone_No} or "
                      "write to {Salesperson_Email}."],
                closing="Yours sincerely,"),
    "SVE": dict(subject="Ärende", company="Företag", contact="Kontakt", reference="Vår ref.",
                body=["Tack för ditt intresse för {Company_Info_Name}. Vi har glädjen att "
                      "skicka dig bifogad information och hoppas att du får nytta av den.",
                      "Har du frågor är du välkommen att ringa mig på {Salesperson_Phone_No} "
                      "eller skriva till {Salesperson_Email}."],
                closing="Med vänliga hälsningar"),
    "DEU": dict(subject="Betreff", company="Firma", contact="Ansprechpartner", reference="Unser Z.",
                body=["vielen Dank für Ihr Interesse an {Company_Info_Name}. Gerne senden wir "
                      "Ihnen die beigefügten Informationen und hoffen, dass sie Ihnen nützen.",
                      "Bei Fragen erreichen Sie mich telefonisch unter {Salesperson_Phone_No} "
                      "oder per E-Mail an {Salesperson_Email}."],
                closing="Mit freundlichen Grüßen"),
}

_EMAIL_TEXT = {
    "ENU": dict(body=["Here is the latest news from {Company_Info_Name}: {Document_Description}.",
                      "Just reply to this e-mail if you would like to know more."],
                closing="Best regards,",
                footer="You receive this e-mail at {Contact_Email} because you are registered "
                       "as a contact of {Company_Info_Name}."),
    "SVE": dict(body=["Här kommer det senaste från {Company_Info_Name}: {Document_Description}.",
                      "Svara bara på det här mejlet om du vill veta mer."],
                closing="Vänliga hälsningar",
                footer="Du får det här mejlet till {Contact_Email} eftersom du är registrerad "
                       "som kontakt hos {Company_Info_Name}."),
    "DEU": dict(body=["Hier sind die Neuigkeiten von {Company_Info_Name}: {Document_Description}.",
                      "Antworten Sie einfach auf diese E-Mail, wenn Sie mehr wissen möchten."],
                closing="Viele Grüße",
                footer="Sie erhalten diese E-Mail an {Contact_Email}, weil Sie als Kontakt von "
                       "{Company_Info_Name} registriert sind."),
}


def letter_docx(language: str) -> bytes:
    """The LETTER template document in `language` (ENU, SVE or DEU)."""
    text = _LETTER_TEXT[language]
    lines = [
        *_COMPANY_BLOCK,
        *_ADDRESS_BLOCK,
        ("right", "{Company_Info_City}, {Document_Date}"),
        ("", ""),
        ("**", text["subject"] + ": {Document_Subject}"),
        ("small", text["company"] + ": {Contact_Company_Name} · " + text["contact"]
                  + ": {Contact_Name} · " + text["reference"] + " {Contact_No}"),
        ("", ""),
        ("p", "{Salutation_Formal}"),
        *[("p", paragraph) for paragraph in text["body"]],
        ("p", text["closing"]),
        ("", ""),
        ("", "{Salesperson_Name}"),
        ("", "{Salesperson_Job_Title}, {Company_Info_Name}"),
    ]
    return _document(f"LETTER {language}", lines)


def email_docx(language: str) -> bytes:
    """The EMAIL template document (the mail body) in `language`."""
    text = _EMAIL_TEXT[language]
    lines = [
        ("p", "{Salutation_Informal}"),
        *[("p", paragraph) for paragraph in text["body"]],
        ("p", text["closing"]),
        ("", "{Salesperson_Name}"),
        ("small", "{Salesperson_Job_Title} · {Salesperson_Phone_No} · {Salesperson_Email}"),
        ("", ""),
        ("small", text["footer"]),
    ]
    return _document(f"EMAIL {language}", lines)


def _document(title: str, lines: list[tuple[str, str]]) -> bytes:
    """A .docx of `lines`: (style, text) with style "" plain, "p" a spaced paragraph, "**" bold,
    "small" grey small print, "right" right-aligned."""
    document = Document()
    properties = document.core_properties
    properties.title = title
    properties.author = properties.last_modified_by = "segtui demo"
    properties.created = properties.modified = DOCUMENT_DATE
    for style, text in lines:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(8 if style in ("p", "**") else 0)
        if style == "right":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _fill(paragraph, text, bold=style == "**", small=style == "small")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _fill(paragraph, text: str, *, bold: bool, small: bool) -> None:
    """Write `text` into `paragraph`, turning each {Field} into a MERGEFIELD."""
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        if match.start() > position:
            _styled(paragraph.add_run(text[position:match.start()]), bold, small)
        _merge_field(paragraph, match.group(1), bold, small)
        position = match.end()
    if position < len(text):
        _styled(paragraph.add_run(text[position:]), bold, small)


def _styled(run, bold: bool, small: bool):
    if bold:
        run.bold = True
    if small:
        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    return run


def _merge_field(paragraph, name: str, bold: bool, small: bool) -> None:
    if name not in MERGE_FIELDS:
        raise ValueError(f"unknown merge field {name}")
    instruction = f" MERGEFIELD {name} \\* MERGEFORMAT "
    shown = f"«{name}»"
    if name in SIMPLE_FIELDS:
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), instruction)
        paragraph._p.append(field)
        run = paragraph.add_run(shown)
        field.append(run._r)
        _styled(run, bold, small)
        return
    _styled(paragraph.add_run(), bold, small)._r.append(_field_char("begin"))
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = instruction
    _styled(paragraph.add_run(), bold, small)._r.append(code)
    _styled(paragraph.add_run(), bold, small)._r.append(_field_char("separate"))
    _styled(paragraph.add_run(shown), bold, small)
    _styled(paragraph.add_run(), bold, small)._r.append(_field_char("end"))


def _field_char(kind: str):
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element
