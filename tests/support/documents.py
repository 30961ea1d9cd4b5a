"""Shared by the document tests: small real Word files, and a letter segment with given lines."""
import datetime
import functools
import io

from docx import Document

from segtui.domain.segments.lines import add_line
from segtui.domain.segments.headers import create_segment

USER = "TESTER"


@functools.cache
def docx(*paragraphs: str) -> bytes:
    """A .docx holding one paragraph per argument (placeholders such as «Contact_Name» work)."""
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def letter_segment(*contacts: str, template: str = "LETTER", description: str = "Letter",
                   salesperson: str | None = "AH") -> str:
    """A segment of `template` dated 2026-01-15 with one line per contact, in that order."""
    segment_no = create_segment(user=USER, description=description, template=template,
                                salesperson=salesperson, date=datetime.date(2026, 1, 15))
    for contact_no in contacts:
        add_line(segment_no, contact_no, user=USER)
    return segment_no
