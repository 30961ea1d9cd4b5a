"""What a merge cannot fill, said one way wherever documents are checked (M-33).

A document's `FieldReport`: each merge field it uses checked against the known names, each
unknown field once with every place it is in (body, header, footer, footnote, endnote) and the
nearest known name, and each field the merge does not evaluate (ASK, FILLIN, NEXT …) by type and
places. `FieldReport.lines` is the wording `template check`, the template import, the template
check on screen, the Merge dialog, `segment merge` and the Log pre-flight all show:

    unknown field «Contact_Nmae» in body, footer: it stays empty (did you mean Contact_Name?)
    field NEXT in body is not evaluated: its text is the template's
"""
from dataclasses import dataclass, field

from segtui.domain.documents.merge_fields import FieldCheck, check, normalise
from segtui.domain.documents.word.merge import FieldUse, Template
from segtui.i18n import _

# The places a field can be in, in the order they are named (the engine's FieldUse.place).
PLACES = ("body", "header", "footer", "footnote", "endnote")


def place_name(place: str) -> str:
    """A place as the user reads it, in the UI language (an unforeseen place as it is)."""
    names = {"body": _("body"), "header": _("header"), "footer": _("footer"),
             "footnote": _("footnote"), "endnote": _("endnote")}
    return names.get(place, place)


def _ordered(places) -> tuple[str, ...]:
    return tuple(sorted(set(places), key=lambda place: (
        PLACES.index(place) if place in PLACES else len(PLACES), place)))


def _places_text(places: tuple[str, ...]) -> str:
    return ", ".join(place_name(place) for place in places)


@dataclass(frozen=True)
class UnknownField:
    """A merge field no known name matches: as first written, where it is, the nearest name."""
    name: str
    places: tuple[str, ...]
    suggestion: str | None

    @property
    def text(self) -> str:
        if self.suggestion:
            return _("unknown field «{name}» in {places}: it stays empty (did you mean "
                     "{suggestion}?)").format(name=self.name, places=_places_text(self.places),
                                              suggestion=self.suggestion)
        return _("unknown field «{name}» in {places}: it stays empty").format(
            name=self.name, places=_places_text(self.places))


@dataclass(frozen=True)
class UnevaluatedField:
    """A field the merge leaves as the template last showed it (ASK, FILLIN, NEXT …)."""
    kind: str
    places: tuple[str, ...]

    @property
    def text(self) -> str:
        return _("field {kind} in {places} is not evaluated: its text is the template's").format(
            kind=self.kind, places=_places_text(self.places))


@dataclass(frozen=True)
class FieldReport:
    """A document's merge fields (each once, in reading order, known or not, with the places
    each is in: `places[name]`), its unknown fields and the fields the merge does not
    evaluate."""
    fields: tuple[FieldCheck, ...] = ()
    unknown: tuple[UnknownField, ...] = ()
    unevaluated: tuple[UnevaluatedField, ...] = ()
    places: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)

    @property
    def lines(self) -> list[str]:
        """One line per unknown field, then one per field not evaluated."""
        return [used.text for used in self.unknown] + [used.text for used in self.unevaluated]


def _grouped(uses: list[FieldUse], key) -> dict[str, tuple[str, list[str]]]:
    """Uses by `key` of their name: (the name as first written, every place it is in)."""
    found: dict[str, tuple[str, list[str]]] = {}
    for use in uses:
        found.setdefault(key(use.name), (use.name, []))[1].append(use.place)
    return found


def field_report(template: Template) -> FieldReport:
    """The report of a parsed document: a field written two ways ("Contact Nmae",
    "contact_nmae") is one field, named as first written."""
    used = _grouped(template.field_uses(), normalise)
    checks = check([name for name, _places in used.values()])
    places = {name: _ordered(where) for name, where in used.values()}
    unknown = tuple(UnknownField(checked.name, places[checked.name], checked.suggestion)
                    for checked in checks if not checked.known)
    unevaluated = tuple(UnevaluatedField(kind, _ordered(where)) for kind, where
                        in _grouped(template.unevaluated(), str.upper).values())
    return FieldReport(tuple(checks), unknown, unevaluated, places)


def document_report(data: bytes, name: str) -> FieldReport:
    """The report of a .docx; DomainError (one line naming `name`) when it is not readable."""
    return field_report(Template(data, name))
