"""The lists (numbering part) of a combined file: each letter's lists get new w:num entries that
start again, as each letter's own document would, while the list definitions (w:abstractNum)
letters share are kept once. The first letter's entries stay as they are, for its styles.
"""
import copy
import re

from lxml import etree

from segtui.domain.documents.word.letter_package import LetterPackage
from segtui.domain.documents.word.package import w

_ABSTRACT_ID = re.compile(rb' w:abstractNumId="[^"]*"')


class _LetterLists:
    """One numbering part of a letter as read: its w:num by id and its w:abstractNum by id."""

    def __init__(self, root):
        self.nums = {num.get(w("numId")): num for num in root.iter(w("num"))}
        self.abstracts = {abstract.get(w("abstractNumId")): abstract
                          for abstract in root.iter(w("abstractNum"))}
        self.abstract_map: dict[str, str] = {}


class CombinedNumbering:
    def __init__(self) -> None:
        self.root = None
        self.part = self.link_type = self.content_type = None
        self._by_key: dict[bytes, str] = {}
        self._starts: dict[str, list[tuple[str, str]]] = {}
        self._next_abstract = 0
        self._next_num = 1
        self._read: dict[tuple, _LetterLists] = {}
        self._end = None

    def letter(self, package: LetterPackage):
        """The function giving, for a list id of `package`, a new list of the combined file (a
        new one per letter, made on first use); None for an id the letter does not define."""
        part = package.linked_part("numbering")
        if part is None:
            return lambda _old: None
        key = (part, package.crc(part))
        lists = self._read.get(key)
        if lists is None:
            root = package.root(part)
            if self.root is None:
                self._start(package, part, root)
                root = package.root(part)
            lists = self._read[key] = _LetterLists(root)
        made: dict[str, str | None] = {}

        def list_number(old: str) -> str | None:
            if old not in made:
                made[old] = self._new_num(lists, old)
            return made[old]
        return list_number

    def _start(self, package: LetterPackage, part: str, root) -> None:
        self.root, self.part = root, part
        self.link_type = next(link["Type"] for link in package.links(package.main).values()
                              if link.get("part") == part)
        self.content_type = package.content_type(part)
        for abstract in root.iter(w("abstractNum")):
            number = abstract.get(w("abstractNumId"), "")
            self._by_key.setdefault(_key(abstract), number)
            self._starts[number] = _starts(abstract)
            if number.isdigit():
                self._next_abstract = max(self._next_abstract, int(number) + 1)
        for num in root.iter(w("num")):
            if num.get(w("numId"), "").isdigit():
                self._next_num = max(self._next_num, int(num.get(w("numId"))) + 1)
        self._end = root.find(w("numIdMacAtCleanup"))

    def _new_num(self, lists: _LetterLists, old: str) -> str | None:
        num = lists.nums.get(old)
        if num is None or old == "0":
            return None if num is None else old
        reference = num.find(w("abstractNumId"))
        abstract = self._abstract(lists, reference.get(w("val")) if reference is not None
                                  else None)
        if abstract is None:
            return None
        new = copy.deepcopy(num)
        number = str(self._next_num)
        self._next_num += 1
        new.set(w("numId"), number)
        new.find(w("abstractNumId")).set(w("val"), abstract)
        overridden = {override.get(w("ilvl")) for override in new.iter(w("lvlOverride"))
                      if override.find(w("startOverride")) is not None}
        for level, start in self._starts.get(abstract, []):
            if level not in overridden:
                override = etree.SubElement(new, w("lvlOverride"), {w("ilvl"): level})
                etree.SubElement(override, w("startOverride"), {w("val"): start})
        if self._end is None:
            self.root.append(new)
        else:
            self._end.addprevious(new)
        return number

    def _abstract(self, lists: _LetterLists, old: str | None) -> str | None:
        if old in lists.abstract_map:
            return lists.abstract_map[old]
        abstract = lists.abstracts.get(old)
        if abstract is None:
            return None
        key = _key(abstract)
        if key not in self._by_key:
            number = str(self._next_abstract)
            self._next_abstract += 1
            new = copy.deepcopy(abstract)
            new.set(w("abstractNumId"), number)
            first_num = self.root.find(w("num"))
            if first_num is not None:
                first_num.addprevious(new)
            elif self._end is not None:
                self._end.addprevious(new)
            else:
                self.root.append(new)
            self._by_key[key] = number
            self._starts[number] = _starts(abstract)
        lists.abstract_map[old] = self._by_key[key]
        return lists.abstract_map[old]


def _key(abstract) -> bytes:
    """What makes two list definitions the same, whatever their ids."""
    return _ABSTRACT_ID.sub(b"", etree.tostring(abstract))


def _starts(abstract) -> list[tuple[str, str]]:
    """Each level of a list definition with the number it starts at."""
    starts = []
    for level in abstract.iter(w("lvl")):
        start = level.find(w("start"))
        starts.append((level.get(w("ilvl"), "0"),
                       start.get(w("val"), "0") if start is not None else "0"))
    return starts


def style_lists(styles_root) -> dict[str, tuple[str, str]]:
    """The list (numId, level) of each paragraph style that numbers its paragraphs, through the
    styles it is based on."""
    if styles_root is None:
        return {}
    own, based_on = {}, {}
    for style in styles_root.iter(w("style")):
        if style.get(w("type")) != "paragraph":
            continue
        style_id = style.get(w("styleId"))
        parent = style.find(w("basedOn"))
        if parent is not None:
            based_on[style_id] = parent.get(w("val"))
        numbering = style.find(f"{w('pPr')}/{w('numPr')}")
        if numbering is not None:
            number, level = numbering.find(w("numId")), numbering.find(w("ilvl"))
            own[style_id] = (None if number is None else number.get(w("val")),
                             "0" if level is None else level.get(w("val"), "0"))
    lists = {}
    for style_id in set(own) | set(based_on):
        number, level, seen, current = None, None, set(), style_id
        while current is not None and current not in seen and number is None:
            seen.add(current)
            if current in own:
                number = own[current][0]
                level = level or own[current][1]
            current = based_on.get(current)
        if number not in (None, "0"):
            lists[style_id] = (number, level or "0")
    return lists
