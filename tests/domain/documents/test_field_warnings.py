"""One notion of an unknown field (M-33): each once, with every place it is in and the nearest
known name, and the fields a merge does not evaluate, in the one wording every surface shows."""
import gettext
import io

import pytest
from docx import Document

from segtui import i18n
from segtui.locale_build import DOMAIN, LOCALE_DIR
from segtui.domain.documents.field_warnings import (
    FieldReport, UnevaluatedField, UnknownField, document_report, field_report)
from segtui.domain.documents.word.merge import FieldUse, Template
from segtui.domain.errors import DomainError
from tests.support.documents import docx


def placed_docx() -> bytes:
    """«Contact_Nmae» in the footer, body and header (written two ways), «Contact_Cty» in the
    body, known fields around them."""
    document = Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "«contact_nmae» · «Company_Info_Name»"
    section.footer.paragraphs[0].text = "«Contact_Nmae»"
    document.add_paragraph("Dear «Contact_Nmae», from «Contact_Cty» (not «Contact_City»)")
    document.add_paragraph("and again «Contact_Nmae»; «Zzqx_Wvy»")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_each_unknown_field_once_with_every_place_and_the_nearest_name():
    report = document_report(placed_docx(), "letter.docx")
    assert report.unknown == (
        UnknownField("contact_nmae", ("body", "header", "footer"), "Contact_Name"),
        UnknownField("Contact_Cty", ("body",), "Contact_City"),
        UnknownField("Zzqx_Wvy", ("body",), None))
    assert [check.name for check in report.fields if check.known] == [
        "Company_Info_Name", "Contact_City"]
    assert report.places["Company_Info_Name"] == ("header",)
    assert report.lines == [
        "unknown field «contact_nmae» in body, header, footer: it stays empty "
        "(did you mean Contact_Name?)",
        "unknown field «Contact_Cty» in body: it stays empty (did you mean Contact_City?)",
        "unknown field «Zzqx_Wvy» in body: it stays empty"]


def test_a_document_of_known_fields_has_nothing_to_say():
    report = document_report(docx("Dear «Contact_Name», «Contact_City»"), "known.docx")
    assert report.unknown == () and report.unevaluated == () and report.lines == []
    assert [check.known_name for check in report.fields] == ["Contact_Name", "Contact_City"]
    assert document_report(docx("No fields at all"), "plain.docx") == FieldReport()


def test_an_unreadable_document_is_refused_naming_it():
    with pytest.raises(DomainError, match="broken.docx"):
        document_report(b"PK\x03\x04" + bytes(64), "broken.docx")


def stub(monkeypatch, uses: list[FieldUse], unevaluated: list[FieldUse]) -> Template:
    """A parsed document whose engine answers are given: the wording is tested on its own."""
    template = Template(docx("stub"), "stub.docx")
    monkeypatch.setattr(template, "field_uses", lambda: list(uses))
    monkeypatch.setattr(template, "unevaluated", lambda: list(unevaluated))
    return template


def test_places_are_named_in_one_order_and_fields_not_evaluated_once_per_type(monkeypatch):
    template = stub(monkeypatch, [FieldUse("Contact_Nmae", "endnote"),
                                  FieldUse("Contact_Nmae", "footnote"),
                                  FieldUse("Contact_Name", "footer"),
                                  FieldUse("Contact_Nmae", "body")],
                    [FieldUse("NEXT", "footer"), FieldUse("FILLIN", "body"),
                     FieldUse("next", "body")])
    report = field_report(template)
    assert report.unknown == (
        UnknownField("Contact_Nmae", ("body", "footnote", "endnote"), "Contact_Name"),)
    assert report.unevaluated == (UnevaluatedField("NEXT", ("body", "footer")),
                                  UnevaluatedField("FILLIN", ("body",)))
    assert report.lines[1:] == [
        "field NEXT in body, footer is not evaluated: its text is the template's",
        "field FILLIN in body is not evaluated: its text is the template's"]


def test_the_wording_is_translated(monkeypatch):
    template = stub(monkeypatch, [FieldUse("Contact_Nmae", "footer")],
                    [FieldUse("ASK", "body")])
    i18n.refresh_catalogues()
    monkeypatch.setattr(i18n, "_translation",
                        gettext.translation(DOMAIN, LOCALE_DIR, languages=["sv"]))
    assert field_report(template).lines == ["okänt fält «Contact_Nmae» i sidfot: det förblir tomt "
                     "(menade du Contact_Name?)",
                     "fältet ASK i brödtext utvärderas inte: texten är mallens"]
