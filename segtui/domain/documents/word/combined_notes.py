"""The footnotes, endnotes or comments of a combined file: every letter's notes under fresh ids
in one part, after the separators of the first letter that has such notes.
"""
from segtui.domain.documents.word.letter_package import LetterPackage
from segtui.domain.documents.word.package import w

NOTE_KINDS = {"footnotes": "footnote", "endnotes": "endnote", "comments": "comment"}


class LetterNotes:
    """One letter's notes of a kind, taken out of its part, with their new ids."""

    def __init__(self, part: str, elements: list, numbers: dict[str, str]):
        self.part = part
        self.elements = elements
        self.numbers = numbers


class CombinedNotes:
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.tag = w(NOTE_KINDS[kind])
        self.root = None
        self.part = self.link_type = self.content_type = None
        self.next_id = 1

    def open(self, package: LetterPackage, keep_word_ids: bool) -> LetterNotes | None:
        """The notes of `package`, numbered on from those of earlier letters; None without."""
        part = package.linked_part(self.kind)
        if part is None:
            return None
        root = package.root(part, keep_word_ids)
        if self.root is None:
            self._start(package, part, root)
        elements, numbers = [], {}
        for note in root.iterchildren(self.tag):
            if note.get(w("type")) not in (None, "normal"):
                continue  # a separator: the combined part has its own
            numbers[note.get(w("id"))] = str(self.next_id)
            note.set(w("id"), str(self.next_id))
            self.next_id += 1
            elements.append(note)
        return LetterNotes(part, elements, numbers)

    def _start(self, package: LetterPackage, part: str, letter_root) -> None:
        self.root = letter_root.makeelement(letter_root.tag, nsmap=letter_root.nsmap)
        for name, value in letter_root.attrib.items():
            self.root.set(name, value)
        self.part = part
        self.link_type = next(link["Type"] for link in package.links(package.main).values()
                              if link.get("part") == part)
        self.content_type = package.content_type(part)
        for note in letter_root.iterchildren(self.tag):
            if note.get(w("type")) not in (None, "normal"):
                self.root.append(note)
                number = note.get(w("id"), "")
                if number.lstrip("-").isdigit():
                    self.next_id = max(self.next_id, int(number) + 1)

    def add(self, notes: LetterNotes) -> None:
        self.root.extend(notes.elements)
