"""A .docx as a zip package of parts: read with a clear refusal for anything that is not a Word
document, find the parts that hold text (body, headers, footers, notes), write it back.
"""
import functools
import io
import posixpath
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass

from lxml import etree

from segtui.domain.errors import DomainError

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """`text` without the characters an XML document cannot hold (C0 controls other than tab and
    line breaks, lone surrogates, U+FFFE/U+FFFF): what data may hold but a .docx may not."""
    return _NOT_XML.sub("", text)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
CONTENT_TYPES = "[Content_Types].xml"

_WORDML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
DOCUMENT_MAIN = _WORDML + "document.main+xml"
TEMPLATE_MAIN = _WORDML + "template.main+xml"
# Parts that hold a document's text, in the order a reader meets them.
STORY_KINDS = ("header", "document", "footnotes", "endnotes", "footer")
_STORY_TYPES = {DOCUMENT_MAIN: "document", TEMPLATE_MAIN: "document",
                **{_WORDML + kind + "+xml": kind for kind in STORY_KINDS}}
_OTHER_OFFICE = {"spreadsheetml": "an Excel workbook",
                 "presentationml": "a PowerPoint presentation",
                 "ms-word.document.macroEnabled": "a macro-enabled Word document (.docm)",
                 "ms-word.template.macroEnabled": "a macro-enabled Word template (.dotm)"}
_MAIL_MERGE_RELS = ("/mailMergeSource", "/recipientData")

_UTF8_NAMES = 0x800  # zip flag: names are UTF-8
_DOS_DATE_1980 = (1 << 5) | 1  # 1 January 1980, the zip epoch: merged letters carry no time

PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@functools.cache  # called for every element a merge or a combined file looks at
def w(tag: str) -> str:
    """The Clark name of a WordprocessingML element or attribute."""
    return f"{{{W_NS}}}{tag}"


def _refuse(name: str, reason: str) -> DomainError:
    return DomainError(f"{name} {reason}")


def _sniff(data: bytes, name: str) -> None:
    """Refuse well-known non-.docx files by their first bytes, naming what they are."""
    if not data:
        raise _refuse(name, "is empty, not a Word document (.docx)")
    if data.startswith(b"%PDF"):
        raise _refuse(name, "is a PDF file, not a Word document (.docx)")
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise _refuse(name, "is an old Word 97-2003 document (.doc) or a password-protected "
                            "Office file; open it in Word and save it as .docx")
    if data.startswith(b"{\\rtf"):
        raise _refuse(name, "is an RTF file, not a Word document (.docx); save it as .docx")
    if not data.startswith(b"PK"):
        raise _refuse(name, "is not a Word document (.docx)")


def read_parts(data: bytes, name: str) -> dict[str, bytes]:
    """Every part of the .docx `data`, by zip name in package order; DomainError naming the kind
    of file when it is not a readable Word document."""
    _sniff(data, name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = {info.filename: archive.read(info) for info in archive.infolist()
                     if not info.is_dir()}
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError):
        raise _refuse(name, "is damaged: its .docx (zip) package cannot be read") from None
    if parts.get("mimetype", b"").startswith(b"application/vnd.oasis.opendocument"):
        raise _refuse(name, "is an OpenDocument file (.odt), not a Word document (.docx); "
                            "save it as .docx")
    if CONTENT_TYPES not in parts:
        raise _refuse(name, "is a zip file but not a Word document (.docx)")
    if "document" not in story_parts(parts, name).values():
        types = parts[CONTENT_TYPES].decode("utf-8", "replace")
        kind = next((kind for marker, kind in _OTHER_OFFICE.items() if marker in types),
                    "a zip file")
        raise _refuse(name, f"is {kind}, not a Word document (.docx)")
    return parts


def story_parts(parts: dict[str, bytes], name: str) -> dict[str, str]:
    """The story parts of the package: zip name -> kind (one of STORY_KINDS)."""
    root = parse_xml(parts[CONTENT_TYPES], CONTENT_TYPES, name)
    stories = {}
    for override in root.iter(f"{{{CT_NS}}}Override"):
        kind = _STORY_TYPES.get(override.get("ContentType", ""))
        part_name = override.get("PartName", "").lstrip("/")
        if kind and part_name in parts:
            stories[part_name] = kind
    return stories


def reading_order(stories: dict[str, str]) -> list[str]:
    """The names of `stories` (a `story_parts` result) in the order a reader meets them."""
    return sorted(stories, key=lambda part_name: STORY_KINDS.index(stories[part_name]))


def parse_xml(data: bytes, part_name: str, name: str):
    """The root element of an XML part; DomainError when the part is not well-formed XML."""
    try:
        return etree.fromstring(data, PARSER)
    except etree.XMLSyntaxError:
        raise _refuse(name, f"is damaged: {part_name} is not valid XML") from None


def serialise(root) -> bytes:
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)


def as_merged_document(parts: dict[str, bytes], name: str) -> dict[str, bytes]:
    """`parts` as a plain document: a template's main part typed as a document, and no link to
    a mail-merge data source (Word would ask for it on every open of a merged letter, and a
    recipient list must not travel with every letter)."""
    parts = dict(parts)
    dropped = set()
    settings, settings_rels = "word/settings.xml", "word/_rels/settings.xml.rels"
    if settings in parts and b"mailMerge" in parts[settings]:
        root = parse_xml(parts[settings], settings, name)
        for element in root.findall(w("mailMerge")):
            root.remove(element)
        parts[settings] = serialise(root)
    if settings_rels in parts:
        root = parse_xml(parts[settings_rels], settings_rels, name)
        for relationship in list(root):
            if relationship.get("Type", "").endswith(_MAIL_MERGE_RELS):
                root.remove(relationship)
                if relationship.get("TargetMode") != "External":
                    dropped.add(posixpath.normpath(
                        posixpath.join("word", relationship.get("Target", ""))))
        parts[settings_rels] = serialise(root)
    root = parse_xml(parts[CONTENT_TYPES], CONTENT_TYPES, name)
    for override in list(root.iter(f"{{{CT_NS}}}Override")):
        if override.get("ContentType") == TEMPLATE_MAIN:
            override.set("ContentType", DOCUMENT_MAIN)
        if override.get("PartName", "").lstrip("/") in dropped:
            root.remove(override)
    parts[CONTENT_TYPES] = serialise(root)
    return {part_name: data for part_name, data in parts.items() if part_name not in dropped}


@dataclass(frozen=True)
class Deflated:
    """A part compressed once for a package written many times (the parts a merge leaves as
    they are)."""
    data: bytes
    crc: int
    size: int


def deflate(data: bytes, level: int = 6) -> Deflated:
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    return Deflated(compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data))


def write_parts(parts: dict[str, bytes | Deflated]) -> bytes:
    """The .docx (zip) holding `parts` in their order. A plain zip writer rather than zipfile's,
    because zipfile cannot take data compressed beforehand: recompressing the unchanged styles
    and theme of every letter would be most of a merge's time."""
    chunks, directory, offset = [], [], 0
    for part_name, data in parts.items():
        packed = data if isinstance(data, Deflated) else deflate(data)
        name = part_name.encode()
        fields = (_UTF8_NAMES, zipfile.ZIP_DEFLATED, 0, _DOS_DATE_1980, packed.crc,
                  len(packed.data), packed.size, len(name))
        chunks += [struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, *fields, 0), name, packed.data]
        directory += [struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, *fields, 0, 0, 0, 0, 0,
                                  offset), name]
        offset += 30 + len(name) + len(packed.data)
    central = b"".join(directory)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(parts), len(parts), len(central),
                      offset, 0)
    return b"".join(chunks) + central + end
