"""Merged letters as one Word document for printing, the way Word's own mail merge writes one:
each letter is its own section (or sections) starting on a new page numbered 1, with its own
headers and footers; its footnotes, endnotes, comments, bookmarks and lists are carried over
under fresh ids; pictures and other parts the letters share are stored once.

The first letter gives the parts letters of one template share (styles, theme, settings,
fonts); of every letter only the parts that differ are read (letter_package.py). The work per
letter does not grow with the letters before it, so a combined file takes time in proportion to
its letters.
"""
import functools
import posixpath
import re
import zlib

from lxml import etree

from segtui.domain.documents.word.combined_notes import NOTE_KINDS, CombinedNotes
from segtui.domain.documents.word.combined_numbering import CombinedNumbering, style_lists
from segtui.domain.documents.word.letter_ids import IdSpace, LetterIds, bookmark_names
from segtui.domain.documents.word.letter_package import LetterPackage, rels_name
from segtui.domain.documents.word.package import (
    CONTENT_TYPES, CT_NS, R_NS, REL_NS, W_NS, Deflated, deflate, serialise, w, write_parts)
from segtui.domain.documents.word.sections import (
    REFERENCES, add_blank_references, end_letter, letter_sections, references, start_letter)
from segtui.domain.errors import DomainError
from segtui.i18n import _

_OFFICE_NS = "urn:schemas-microsoft-com:office:office"
# Every attribute that names a link of its part: r:id, r:embed, r:link … and VML's o:relid.
_LINK_ATTRIBUTES = etree.XPath("descendant-or-self::*/@r:* | descendant-or-self::*/@o:relid",
                               namespaces={"r": R_NS, "o": _OFFICE_NS})
_WORDML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_STORY_LINKS = {"header": "hdr", "footer": "ftr"}
_OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
# Markers of a header or footer that cannot be one part shared by letters: its bookmarks and
# the fields pointing at them are the letter's own.
_OWN_MARKERS = (b"bookmarkStart", b"REF", b"anchor=")
# Large parts are compressed quickly: a combined file is written once, and its size matters
# less than the time a user waits for it.
_FAST_LEVEL = 1


def combine(documents: list[bytes]) -> bytes:
    """One .docx holding `documents` (merged letters) in order, each starting on a new page."""
    if not documents:
        raise DomainError(_("there are no letters to combine"))
    shared: dict = {}
    combined = _Combined(LetterPackage(documents[0], "letter 1", shared))
    for number, data in enumerate(documents, start=1):
        combined.add(combined.first if number == 1 else
                     LetterPackage(data, f"letter {number}", shared), number)
    return combined.save()


@functools.lru_cache(maxsize=4096)
def _relative(part: str, folder: str) -> str:
    """The link target of `part` from a part in `folder` (both zip names)."""
    return posixpath.relpath("/" + part, "/" + folder)


def _same(one: bytes | Deflated, other: Deflated) -> bool:
    """Whether a part of the combined file holds what `other` does."""
    if isinstance(one, Deflated) and one.data == other.data:
        return True
    one = zlib.decompress(one.data, -15) if isinstance(one, Deflated) else one
    return one == zlib.decompress(other.data, -15)


class _Links:
    """The relationships of one part of the combined file, each (type, target) once."""

    def __init__(self, folder: str) -> None:
        self.folder = folder  # where the part these links are of is: targets are relative
        self.items: list[dict] = []
        self._taken: set[str] = set()
        self._by_target: dict[tuple, str] = {}
        self._next = 1

    def keep(self, attributes: dict) -> None:
        attributes = {name: value for name, value in attributes.items() if name != "part"}
        self.items.append(attributes)
        self._taken.add(attributes["Id"])
        self._by_target[(attributes.get("Type"), attributes.get("Target"),
                         attributes.get("TargetMode"))] = attributes["Id"]

    def add(self, kind: str, target: str, mode: str | None = None) -> str:
        key = (kind, target, mode)
        if key not in self._by_target:
            while f"rId{self._next}" in self._taken:
                self._next += 1
            attributes = {"Id": f"rId{self._next}", "Type": kind, "Target": target}
            if mode:
                attributes["TargetMode"] = mode
            self.keep(attributes)
        return self._by_target[key]

    def serialise(self) -> bytes:
        root = etree.Element(f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS})
        for attributes in self.items:
            etree.SubElement(root, f"{{{REL_NS}}}Relationship", attributes)
        return serialise(root)


class _Combined:
    """The combined file being built: the first letter's shared parts, the body letters are
    added to, and the parts they link to."""

    def __init__(self, first: LetterPackage):
        self.first = first
        self.main = first.main
        self.root = first.root(first.main)
        self.body = self.root.find(w("body"))
        links = first.links(first.main)
        linked_here = {str(value) for value in _LINK_ATTRIBUTES(self.root)}
        special = {first.linked_part(kind) for kind in (*NOTE_KINDS, "numbering")}
        self.links = _Links(posixpath.dirname(self.main))
        dropped = {first.main, rels_name(first.main), CONTENT_TYPES}
        for link_id, link in links.items():
            if link_id in linked_here or link.get("part") in special:
                if "part" in link and not link["Type"].endswith("/image"):
                    dropped |= {link["part"], rels_name(link["part"])}
            else:
                self.links.keep(link)
        # What the first letter's body links to comes back through `add`, by content, under the
        # same names; pictures stay (also a shared part may show them), the rest is dropped.
        self.parts: dict[str, bytes | Deflated] = {
            name: first.deflated(name) for name in first.names
            if name not in dropped and not name.endswith("/")}
        self.overrides = {name: kind for name, kind in first.overrides.items()
                          if name not in dropped or name == first.main}
        self.defaults = dict(first.defaults)
        # Parts by what they hold: (CRC, size, the parts they link to) -> names.
        self._by_content: dict[tuple, list[str]] = {}
        for name, data in self.parts.items():
            if not name.endswith(".rels") and not first.links(name):
                self._by_content.setdefault((data.crc, data.size, ()), []).append(name)
        self._stories: dict[tuple, str] = {}
        self.ids = IdSpace()
        self.numbering = CombinedNumbering()
        self.notes = {kind: CombinedNotes(kind) for kind in NOTE_KINDS}
        self.note_links = {kind: _Links("word") for kind in NOTE_KINDS}
        self.styles = first.linked_part("styles")
        self.styles_root = first.root(self.styles) if self.styles else None
        self.style_lists = style_lists(self.styles_root)
        self.style_ids = {style.get(w("styleId")) for style in self.styles_root.iter(w("style"))
                          } if self.styles_root is not None else set()
        self.styles_seen = {first.crc(self.styles)} if self.styles else set()
        self.styles_added = False
        settings = first.linked_part("settings")
        self.footnotes_by_page = bool(settings) and b"eachPage" in first.read(settings)
        for element in list(self.body):
            self.body.remove(element)
        self.earlier: set[tuple[str, str]] = set()
        self.pending = None
        self.blanks: dict[str, str] = {}
        self.story_number = 0

    def add(self, package: LetterPackage, number: int) -> None:
        """Append the letter `package` (number `number` in the file) as its own sections."""
        keep_ids = number == 1
        body = package.root(package.main, keep_word_ids=keep_ids).find(w("body"))
        letter_notes = {kind: notes.open(package, keep_ids) for kind, notes in self.notes.items()}
        ids = LetterIds(number, self.ids, bookmark_names(
            body, *(element for notes in letter_notes.values() if notes
                    for element in notes.elements)),
            {kind: notes.numbers for kind, notes in letter_notes.items() if notes},
            self.numbering.letter(package), self.style_lists)
        self._add_styles(package, ids)
        for kind, notes in letter_notes.items():
            if notes is None:
                continue
            self.note_links[kind].folder = posixpath.dirname(self.notes[kind].part)
            for element in notes.elements:
                ids.apply(element)
                self._relink(package, notes.part, element, self.note_links[kind], ids)
            self.notes[kind].add(notes)
        ids.apply(body)
        self._relink(package, package.main, body, self.links, ids)
        sections = letter_sections(body)
        start_letter(sections[0], restart_footnotes=len(sections) == 1 and not
                     self.footnotes_by_page and bool(letter_notes["footnotes"]))
        add_blank_references(sections[0], self.earlier, self._blank)
        for section in sections:
            self.earlier |= references(section)
        final = sections[-1]
        body.remove(final)
        if self.pending is not None:
            end_letter(self.body, *self.pending)
        children = list(body)
        self.body.extend(children)
        self.pending = (children[-1] if children else None, final)

    def _add_styles(self, package: LetterPackage, ids: LetterIds) -> None:
        """The styles a letter of another document uses and the first letter's lack (a style
        both have keeps the first letter's look, as in a Word mail merge of one template)."""
        part = package.linked_part("styles")
        if part is None or self.styles_root is None or package.crc(part) in self.styles_seen:
            return
        self.styles_seen.add(package.crc(part))
        for style in package.root(part).iter(w("style")):
            if style.get(w("styleId")) not in self.style_ids:
                self.style_ids.add(style.get(w("styleId")))
                ids.apply(style)  # its list, if it numbers paragraphs, is the letter's
                self.styles_root.append(style)
                self.styles_added = True

    def _relink(self, package: LetterPackage, source: str, root, target: _Links,
                ids: LetterIds) -> None:
        """Point the links in `root` (from `source` of `package`) at the combined file's
        parts, through `target`, the links of the part `root` goes into."""
        links = package.links(source)
        done: dict[str, str] = {}
        for value in _LINK_ATTRIBUTES(root):
            old = str(value)
            link = links.get(old)
            if link is None:
                continue
            if old not in done:
                done[old] = self._link(package, link, target, ids)
            value.getparent().set(value.attrname, done[old])

    def _link(self, package: LetterPackage, link: dict, target: _Links, ids: LetterIds) -> str:
        kind = link.get("Type", "")
        if "part" not in link:
            return target.add(kind, link.get("Target", ""), link.get("TargetMode"))
        if not package.has(link["part"]):
            return target.add(kind, link.get("Target", ""))
        if kind.rsplit("/", 1)[-1] in _STORY_LINKS:
            part = self._copy_story(package, link["part"], ids)
        else:
            part = self._copy_part(package, link["part"], set())
        return target.add(kind, _relative(part, target.folder))

    def _copy_story(self, package: LetterPackage, part: str, ids: LetterIds) -> str:
        """A letter's header or footer as a part of the combined file: one part for all letters
        whose header is the same (from the same part of their template), else the letter's own
        copy with its ids renumbered."""
        data = package.read(part)
        key = None
        if not any(marker in data for marker in _OWN_MARKERS):
            key = (part, data, self._linked_parts(package, part))
            if key in self._stories:
                return self._stories[key]
        root = package.root(part, keep_word_ids=ids.number == 1)
        ids.apply(root)
        folder, file_name = posixpath.split(part)
        links = _Links(folder)
        self._relink(package, part, root, links, ids)
        stem = re.sub(r"\d*\.xml$", "", file_name) or "part"
        self.story_number += 1
        name = self._free_name(posixpath.join(folder, f"{stem}{self.story_number}.xml"))
        self.parts[name] = serialise(root)
        if links.items:
            self.parts[rels_name(name)] = links.serialise()
        self.overrides[name] = package.content_type(part) or ""
        if key is not None:
            self._stories[key] = name
        return name

    def _linked_parts(self, package: LetterPackage, part: str) -> tuple:
        return tuple(sorted(
            (link_id, link.get("Type", ""), self._copy_part(package, link["part"], set())
             if "part" in link and package.has(link["part"]) else link.get("Target", ""))
            for link_id, link in package.links(part).items()))

    def _copy_part(self, package: LetterPackage, part: str, copying: set[str]) -> str:
        """The combined file's part with the content of `part` (and what it links to): one
        already there, or a copy."""
        if part in copying:  # parts that link to each other
            return part
        copying.add(part)
        data = package.deflated(part)
        links = package.links(part)
        targets = {link_id: self._copy_part(package, link["part"], copying)
                   for link_id, link in links.items()
                   if "part" in link and package.has(link["part"])}
        key = (data.crc, data.size, tuple(sorted(targets.items())))
        for name in self._by_content.get(key, ()):
            if _same(self.parts[name], data):
                return name
        name = self._free_name(part)
        self.parts[name] = data
        if links:
            copy = _Links(posixpath.dirname(name))
            for link_id, link in links.items():
                target = link.get("Target", "")
                if link_id in targets:
                    target = _relative(targets[link_id], posixpath.dirname(name))
                copy.keep({**link, "Target": target})
            self.parts[rels_name(name)] = copy.serialise()
        extension = posixpath.splitext(part)[1].lstrip(".").lower()
        if part in package.overrides:
            self.overrides[name] = package.overrides[part]
        elif extension not in self.defaults and extension in package.defaults:
            self.defaults[extension] = package.defaults[extension]
        self._by_content.setdefault(key, []).append(name)
        return name

    def _free_name(self, name: str) -> str:
        stem, extension = posixpath.splitext(name)
        number = 1
        while name in self.parts or name in self.overrides:
            number += 1
            name = f"{stem}_{number}{extension}"
        return name

    def _blank(self, tag: str) -> str:
        """The link id of the blank header (or footer) of the combined file."""
        if tag not in self.blanks:
            kind = "header" if tag == REFERENCES[0] else "footer"
            name = self._free_name(f"word/{kind}_blank.xml")
            root = etree.Element(w(_STORY_LINKS[kind]), nsmap={"w": W_NS})
            etree.SubElement(root, w("p"))
            self.parts[name] = serialise(root)
            self.overrides[name] = f"{_WORDML}{kind}+xml"
            self.blanks[tag] = self.links.add(_OFFICE_REL + kind,
                                              _relative(name, self.links.folder))
        return self.blanks[tag]

    def save(self) -> bytes:
        if self.pending is not None:
            self.body.append(self.pending[1])
        parts = {CONTENT_TYPES: b""}
        parts.update(self.parts)
        for kind, notes in self.notes.items():
            if notes.root is not None:
                self._add_special(parts, notes, serialise(notes.root), self.note_links[kind])
        if self.numbering.root is not None:
            self._add_special(parts, self.numbering, serialise(self.numbering.root), None)
        if self.styles_added:
            parts[self.styles] = serialise(self.styles_root)
        parts[self.main] = deflate(serialise(self.root), _FAST_LEVEL)
        parts[rels_name(self.main)] = self.links.serialise()
        parts[CONTENT_TYPES] = self._content_types()
        return write_parts(parts)

    def _add_special(self, parts: dict, special, data: bytes, links: _Links | None) -> None:
        """A notes or numbering part of the combined file, linked from the main document."""
        parts[special.part] = data
        if links is not None and links.items:
            parts[rels_name(special.part)] = links.serialise()
        self.overrides[special.part] = special.content_type or ""
        self.links.add(special.link_type, _relative(special.part, self.links.folder))

    def _content_types(self) -> bytes:
        root = etree.Element(f"{{{CT_NS}}}Types", nsmap={None: CT_NS})
        for extension, kind in self.defaults.items():
            etree.SubElement(root, f"{{{CT_NS}}}Default", Extension=extension, ContentType=kind)
        for name, kind in self.overrides.items():
            etree.SubElement(root, f"{{{CT_NS}}}Override", PartName="/" + name,
                             ContentType=kind)
        return serialise(root)
