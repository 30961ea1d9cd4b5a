"""One merged letter opened for combining: only the parts a combined file takes from it are
read (its main document, that part's links, notes, comments, numbering, headers, footers and
the pictures they show); the styles, theme, settings and fonts it shares with the other letters
of its template are never unpacked.
"""
import io
import posixpath
import re
import zipfile
import zlib

from segtui.domain.documents.word.package import (
    CONTENT_TYPES, CT_NS, DOCUMENT_MAIN, TEMPLATE_MAIN, parse_xml)
from segtui.domain.errors import DomainError

# Paragraph and drawing ids Word adds to find its way back; they must be unique in a document,
# and a later letter's copies of them would not be, so they are cut before the part is parsed.
_WORD_IDS = re.compile(rb' (?:w14:paraId|w14:textId|wp14:anchorId|wp14:editId)="[^"]*"')


def rels_name(part_name: str) -> str:
    """The name of the part that holds `part_name`'s links."""
    folder, file_name = posixpath.split(part_name)
    return posixpath.join(folder, "_rels", file_name + ".rels")


class LetterPackage:
    """A letter's zip, its content types and the links of its parts, read on demand."""

    def __init__(self, data: bytes, name: str):
        self.name = name
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            self.names = {info.filename: info for info in self._zip.infolist()}
            types = parse_xml(self._zip.read(CONTENT_TYPES), CONTENT_TYPES, name)
        except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError):
            raise DomainError(f"{name} is damaged: its .docx (zip) package cannot be read") from None
        self.overrides = {o.get("PartName", "").lstrip("/"): o.get("ContentType", "")
                          for o in types.iter(f"{{{CT_NS}}}Override")}
        self.defaults = {d.get("Extension", "").lower(): d.get("ContentType", "")
                         for d in types.iter(f"{{{CT_NS}}}Default")}
        self.main = next((part for part, kind in self.overrides.items()
                          if kind in (DOCUMENT_MAIN, TEMPLATE_MAIN) and part in self.names), None)
        if self.main is None:
            raise DomainError(f"{name} is not a Word document (.docx)")
        self._links: dict[str, dict[str, dict]] = {}

    def read(self, part_name: str) -> bytes:
        return self._zip.read(self.names[part_name])

    def has(self, part_name: str) -> bool:
        return part_name in self.names

    def crc(self, part_name: str) -> tuple[int, int] | None:
        """The CRC and size of a part, to tell a shared part from a changed one unread."""
        info = self.names.get(part_name)
        return None if info is None else (info.CRC, info.file_size)

    def root(self, part_name: str, keep_word_ids: bool = True):
        """The parsed part; without Word's paragraph and drawing ids unless `keep_word_ids`."""
        data = self.read(part_name)
        if not keep_word_ids:
            data = _WORD_IDS.sub(b"", data)
        return parse_xml(data, part_name, self.name)

    def content_type(self, part_name: str) -> str | None:
        extension = posixpath.splitext(part_name)[1].lstrip(".").lower()
        return self.overrides.get(part_name) or self.defaults.get(extension)

    def links(self, part_name: str) -> dict[str, dict]:
        """The relationships of `part_name` by id: their attributes, with `part` (the target's
        zip name) for an internal one."""
        if part_name not in self._links:
            links = {}
            rels = rels_name(part_name)
            if rels in self.names:
                for relationship in parse_xml(self.read(rels), rels, self.name):
                    attributes = dict(relationship.attrib)
                    if attributes.get("TargetMode") != "External":
                        attributes["part"] = posixpath.normpath(posixpath.join(
                            posixpath.dirname(part_name), attributes.get("Target", "")))
                        if attributes.get("Target", "").startswith("/"):
                            attributes["part"] = attributes["Target"].lstrip("/")
                    links[attributes.get("Id", "")] = attributes
            self._links[part_name] = links
        return self._links[part_name]

    def linked_part(self, kind: str) -> str | None:
        """The part the main document links to by type `kind` (footnotes, numbering …)."""
        return next((link["part"] for link in self.links(self.main).values()
                     if link.get("Type", "").endswith("/" + kind) and "part" in link
                     and link["part"] in self.names), None)
