"""Merged letters as one Word document for printing: each letter its own section starting on a
new page, so each keeps its own headers, footers and page setup, the way Word's own mail merge
writes them. Styles, numbering, settings and notes are those of the first letter (letters of one
template share them); the parts a later letter links to (its headers, footers, pictures,
hyperlinks) are copied in under new names.
"""
import posixpath

from segtui.domain.errors import DomainError
from segtui.i18n import _
from segtui.domain.documents.word.package import (
    CONTENT_TYPES, CT_NS, R_NS, REL_NS, parse_xml, read_parts, serialise, story_parts, w,
    write_parts)

_WP_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_W14_IDS = ("{http://schemas.microsoft.com/office/word/2010/wordml}paraId",
            "{http://schemas.microsoft.com/office/word/2010/wordml}textId")
_AFTER_SECTION_TYPE = {w(tag) for tag in (
    "pgSz", "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt",
    "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid",
    "printerSettings", "sectPrChange")}


def combine(documents: list[bytes]) -> bytes:
    """One .docx holding `documents` (merged letters) in order, each starting on a new page."""
    if not documents:
        raise DomainError(_("there are no letters to combine"))
    target = _Package(documents[0], "letter 1")
    body = target.root.find(w("body"))
    next_drawing_id = 1 + max((int(e.get("id", 0)) for e in body.iter(_WP_DOC_PR)
                               if e.get("id", "").isdigit()), default=0)
    for number, data in enumerate(documents[1:], start=2):
        source = _Package(data, f"letter {number}")
        letter = source.root.find(w("body"))
        links = {}
        for element in letter.iter():
            for attribute, value in element.attrib.items():
                if attribute.startswith(f"{{{R_NS}}}"):
                    if value not in links:
                        links[value] = target.link_from(source, value, number)
                    element.set(attribute, links[value])
        for element in letter.iter(_WP_DOC_PR):
            element.set("id", str(next_drawing_id))
            next_drawing_id += 1
        _forget_bookmarks_and_ids(letter)
        _start_on_new_page(letter)
        _end_section(body)
        for child in list(letter):
            body.append(child)
    return target.save()


def _start_on_new_page(letter) -> None:
    """Make the first section of `letter` start on a new page (its template may say otherwise)."""
    section = next(letter.iter(w("sectPr")), None)
    if section is None:
        section = letter.makeelement(w("sectPr"), {})
        letter.append(section)
    kind = section.find(w("type"))
    if kind is None:
        kind = section.makeelement(w("type"), {})
        later = next((child for child in section if child.tag in _AFTER_SECTION_TYPE), None)
        if later is None:
            section.append(kind)
        else:
            later.addprevious(kind)
    kind.set(w("val"), "nextPage")


def _end_section(body) -> None:
    """Close the letters so far as a section: the body's final section properties move into its
    last paragraph, as Word writes a section break."""
    section = body.find(w("sectPr"))
    if section is None:
        section = body.makeelement(w("sectPr"), {})
    else:
        body.remove(section)
    last = body[-1] if len(body) else None
    if last is None or last.tag != w("p") or last.find(f"{w('pPr')}/{w('sectPr')}") is not None:
        last = body.makeelement(w("p"), {})
        body.append(last)
    properties = last.find(w("pPr"))
    if properties is None:
        properties = last.makeelement(w("pPr"), {})
        last.insert(0, properties)
    change = properties.find(w("pPrChange"))
    if change is None:
        properties.append(section)
    else:
        change.addprevious(section)


def _forget_bookmarks_and_ids(letter) -> None:
    """Bookmarks and paragraph ids must be unique in a document; a later letter's are dropped."""
    for tag in (w("bookmarkStart"), w("bookmarkEnd")):
        for element in list(letter.iter(tag)):
            element.getparent().remove(element)
    for element in letter.iter():
        for attribute in _W14_IDS:
            element.attrib.pop(attribute, None)


def _rels_name(part_name: str) -> str:
    folder, file_name = posixpath.split(part_name)
    return posixpath.join(folder, "_rels", file_name + ".rels")


class _Package:
    """A .docx being read or added to: its parts, its main part and that part's links."""

    def __init__(self, data: bytes, name: str):
        self.name = name
        self.parts = read_parts(data, name)
        stories = story_parts(self.parts, name)
        self.main = next(part for part, kind in stories.items() if kind == "document")
        self.root = parse_xml(self.parts[self.main], self.main, name)
        self.types = parse_xml(self.parts[CONTENT_TYPES], CONTENT_TYPES, name)
        self.rels = self._rels_root(self.main)
        self.copied: dict[str, str] = {}

    def _rels_root(self, part_name: str):
        rels_name = _rels_name(part_name)
        if rels_name in self.parts:
            return parse_xml(self.parts[rels_name], rels_name, self.name)
        return parse_xml(f'<Relationships xmlns="{REL_NS}"/>'.encode(), rels_name, self.name)

    def link_from(self, source: "_Package", link_id: str, number: int) -> str:
        """The id in this package's main part of what `link_id` points to in `source`'s."""
        relationship = next((rel for rel in source.rels if rel.get("Id") == link_id), None)
        if relationship is None:
            return link_id
        attributes = dict(relationship.attrib)
        if attributes.get("TargetMode") != "External":
            part = posixpath.normpath(posixpath.join(posixpath.dirname(source.main),
                                                     attributes["Target"]))
            copied = self._copy_part(source, part, number)
            attributes["Target"] = posixpath.relpath(copied, posixpath.dirname(self.main))
        return _add_relationship(self.rels, attributes)

    def _copy_part(self, source: "_Package", part: str, number: int) -> str:
        """Copy `part` of `source` (with what it links to) into this package; its new name."""
        key = f"{number}:{part}"
        if key in self.copied or part not in source.parts:
            return self.copied.get(key, part)
        stem, extension = posixpath.splitext(part)
        copy_name = f"{stem}_{number}{extension}"
        while copy_name in self.parts:
            copy_name = f"{stem}_{number}_{len(self.parts)}{extension}"
        self.copied[key] = copy_name
        self.parts[copy_name] = source.parts[part]
        self._copy_type(source, part, copy_name)
        rels_name = _rels_name(part)
        if rels_name in source.parts:
            rels = parse_xml(source.parts[rels_name], rels_name, source.name)
            for relationship in rels:
                if relationship.get("TargetMode") != "External":
                    inner = posixpath.normpath(posixpath.join(posixpath.dirname(part),
                                                              relationship.get("Target", "")))
                    relationship.set("Target", posixpath.relpath(
                        self._copy_part(source, inner, number), posixpath.dirname(copy_name)))
            self.parts[_rels_name(copy_name)] = serialise(rels)
        return copy_name

    def _copy_type(self, source: "_Package", part: str, copy_name: str) -> None:
        override = next((o for o in source.types.iter(f"{{{CT_NS}}}Override")
                         if o.get("PartName", "").lstrip("/") == part), None)
        if override is not None:
            self.types.append(self.types.makeelement(
                f"{{{CT_NS}}}Override",
                {"PartName": "/" + copy_name, "ContentType": override.get("ContentType")}))
            return
        extension = posixpath.splitext(part)[1].lstrip(".").lower()
        known = {d.get("Extension", "").lower() for d in self.types.iter(f"{{{CT_NS}}}Default")}
        default = next((d for d in source.types.iter(f"{{{CT_NS}}}Default")
                        if d.get("Extension", "").lower() == extension), None)
        if extension not in known and default is not None:
            self.types.insert(0, self.types.makeelement(f"{{{CT_NS}}}Default",
                                                        dict(default.attrib)))

    def save(self) -> bytes:
        self.parts[self.main] = serialise(self.root)
        self.parts[_rels_name(self.main)] = serialise(self.rels)
        self.parts[CONTENT_TYPES] = serialise(self.types)
        return write_parts(self.parts)


def _add_relationship(rels, attributes: dict) -> str:
    taken = {rel.get("Id") for rel in rels}
    number = len(taken) + 1
    while f"rId{number}" in taken:
        number += 1
    attributes["Id"] = f"rId{number}"
    rels.append(rels.makeelement(f"{{{REL_NS}}}Relationship", attributes))
    return attributes["Id"]
