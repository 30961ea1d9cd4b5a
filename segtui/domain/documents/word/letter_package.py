"""One merged letter opened for combining: only the parts a combined file takes from it are
read (its main document, that part's links, notes, comments, numbering, headers, footers and
the pictures they show); the styles, theme, settings and fonts it shares with the other letters
of its template are never unpacked.

The zip directory is read here rather than by `zipfile` (whose per-member objects cost more
than the rest of a small letter's reading), and a part's packed bytes can be taken as they are.
Parts letters of one template have in common (content types, links) are parsed once: `shared`
keeps what was parsed, by part name, CRC and size.
"""
import functools
import io
import posixpath
import re
import struct
import zipfile
import zlib

from segtui.domain.documents.word.package import (
    CONTENT_TYPES, CT_NS, DOCUMENT_MAIN, TEMPLATE_MAIN, Deflated, deflate, parse_xml)
from segtui.domain.errors import DomainError

# Paragraph and drawing ids Word adds to find its way back; they must be unique in a document,
# and a later letter's copies of them would not be, so they are cut before the part is parsed.
_WORD_IDS = re.compile(rb' (?:w14:paraId|w14:textId|wp14:anchorId|wp14:editId)="[^"]*"')
_END = struct.Struct("<4s4H2LH")
_ENTRY = struct.Struct("<4s6H3L5H2L")
_LOCAL = struct.Struct("<4s5H3L2H")


class _Member:
    __slots__ = ("name", "method", "crc", "packed_size", "size", "offset")

    def __init__(self, name, method, crc, packed_size, size, offset):
        self.name, self.method, self.crc = name, method, crc
        self.packed_size, self.size, self.offset = packed_size, size, offset


@functools.lru_cache(maxsize=1024)
def rels_name(part_name: str) -> str:
    """The name of the part that holds `part_name`'s links."""
    folder, file_name = posixpath.split(part_name)
    return posixpath.join(folder, "_rels", file_name + ".rels")


def _members(data: bytes) -> dict[str, _Member]:
    """The members of the zip `data` by name; ValueError for what this reader does not take
    (zip64, encryption, other compression), which `zipfile` then reads."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0:
        raise ValueError("no end of central directory")
    _sig, _disk, _start, _here, count, _size, offset, _comment = _END.unpack_from(data, end)
    members = {}
    for _ in range(count):
        (signature, _made, _need, flags, method, _time, _date, crc, packed_size, size,
         name_length, extra_length, comment_length, _disk, _internal, _external,
         local) = _ENTRY.unpack_from(data, offset)
        if (signature != b"PK\x01\x02" or flags & 1 or method not in (0, 8)
                or 0xFFFFFFFF in (packed_size, size, local)):
            raise ValueError("not a plain zip member")
        name = data[offset + 46:offset + 46 + name_length].decode(
            "utf-8" if flags & 0x800 else "cp437")
        members[name] = _Member(name, method, crc, packed_size, size, local)
        offset += 46 + name_length + extra_length + comment_length
    return members


class LetterPackage:
    """A letter's parts, their content types and links, read on demand."""

    def __init__(self, data: bytes, name: str, shared: dict | None = None):
        self.name = name
        self._data = data
        self._shared = {} if shared is None else shared
        self._zip = None
        self._linked: dict[str, str] | None = None
        try:
            try:
                self.names = _members(data)
            except (ValueError, struct.error):
                self._zip = zipfile.ZipFile(io.BytesIO(data))
                self.names = {info.filename: _Member(info.filename, info.compress_type,
                                                     info.CRC, info.compress_size,
                                                     info.file_size, None)
                              for info in self._zip.infolist()}
            self.overrides, self.defaults = self._parsed(CONTENT_TYPES, _content_types)
        except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, struct.error):
            raise DomainError(f"{name} is damaged: its .docx (zip) package cannot be read"
                              ) from None
        self.main = next((part for part, kind in self.overrides.items()
                          if kind in (DOCUMENT_MAIN, TEMPLATE_MAIN) and part in self.names), None)
        if self.main is None:
            raise DomainError(f"{name} is not a Word document (.docx)")

    def has(self, part_name: str) -> bool:
        return part_name in self.names

    def crc(self, part_name: str) -> tuple[int, int] | None:
        """The CRC and size of a part, to tell a part shared by letters unread."""
        member = self.names.get(part_name)
        return None if member is None else (member.crc, member.size)

    def read(self, part_name: str) -> bytes:
        member = self.names[part_name]
        if self._zip is not None:
            return self._zip.read(part_name)
        packed = self._packed(member)
        return zlib.decompress(packed, -15) if member.method == 8 else packed

    def deflated(self, part_name: str) -> Deflated:
        """The part as packed in the zip, to be written again without packing it anew."""
        member = self.names[part_name]
        if self._zip is not None or member.method != 8:
            return deflate(self.read(part_name))
        return Deflated(self._packed(member), member.crc, member.size)

    def _packed(self, member: _Member) -> bytes:
        (signature, *_fields, name_length, extra_length) = _LOCAL.unpack_from(self._data,
                                                                             member.offset)
        if signature != b"PK\x03\x04":
            raise DomainError(f"{self.name} is damaged: its .docx (zip) package cannot be read")
        start = member.offset + 30 + name_length + extra_length
        return self._data[start:start + member.packed_size]

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
        zip name) for an internal one. Shared by letters: not to be changed."""
        rels = rels_name(part_name)
        if rels not in self.names:
            return {}
        return self._parsed(rels, lambda root: _links(root, part_name))

    def linked_part(self, kind: str) -> str | None:
        """The part the main document links to by type `kind` (footnotes, numbering …)."""
        if self._linked is None:
            links = self.links(self.main)
            key = ("linked parts", id(links))
            if key not in self._shared:
                self._shared[key] = (links, {link["Type"].rsplit("/", 1)[-1]: link["part"]
                                             for link in reversed(links.values())
                                             if "part" in link})
            self._linked = self._shared[key][1]
        part = self._linked.get(kind)
        return part if part in self.names else None

    def _parsed(self, part_name: str, reader):
        key = (part_name, self.crc(part_name))
        if key not in self._shared:
            self._shared[key] = reader(parse_xml(self.read(part_name), part_name, self.name))
        return self._shared[key]


def _content_types(root) -> tuple[dict[str, str], dict[str, str]]:
    overrides = {o.get("PartName", "").lstrip("/"): o.get("ContentType", "")
                 for o in root.iter(f"{{{CT_NS}}}Override")}
    defaults = {d.get("Extension", "").lower(): d.get("ContentType", "")
                for d in root.iter(f"{{{CT_NS}}}Default")}
    return overrides, defaults


def _links(root, part_name: str) -> dict[str, dict]:
    links = {}
    for relationship in root:
        attributes = dict(relationship.attrib)
        attributes.setdefault("Type", "")
        if attributes.get("TargetMode") != "External":
            target = attributes.get("Target", "")
            attributes["part"] = (target.lstrip("/") if target.startswith("/") else
                                  posixpath.normpath(posixpath.join(
                                      posixpath.dirname(part_name), target)))
        links[attributes.get("Id", "")] = attributes
    return links
