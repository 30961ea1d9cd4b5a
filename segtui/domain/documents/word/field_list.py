"""A new Word document that lists merge fields, one a paragraph ("Contact_Name: «Contact_Name»"),
each a real MERGEFIELD: the start of a document written from nothing (S-04 Create, when the
template has no document to copy). The person deletes what the letter does not need."""
import io
from collections.abc import Iterable

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def field_list_document(title: str, names: Iterable[str]) -> bytes:
    """A .docx: `title`, then one paragraph per field name with the field in it (a simple
    field, as Word saves a field inserted from its mail-merge list)."""
    document = Document()
    document.add_paragraph(title)
    for name in names:
        paragraph = document.add_paragraph(f"{name}: ")
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), f" MERGEFIELD {name} \\* MERGEFORMAT ")
        field.append(paragraph.add_run(f"«{name}»")._r)
        paragraph._p.append(field)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
