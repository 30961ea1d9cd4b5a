"""The columns of a list: every column of its table for JSON, CSV and Excel, a few for the text
table (rule K6).

A `ListColumns` is made from the table's model, so a column added to the model is in the list's
files the day it is added: each stored column under its snake_case column name
(`salesperson_code`, `attachment_no` …), typed as every list types it — dates ISO, moments to
the second, amounts with two decimals, options by their label, flags as booleans, a blank code
"". The computed columns a list shows (`contact_name`, `no_of_lines` …) come after or between,
in the order scripts already read; a column a list leaves out is named with the reason.
"""
from collections.abc import Callable, Mapping, Sequence
from enum import IntEnum
from types import MappingProxyType

from peewee import (
    BooleanField, DateField, DateTimeField, DecimalField, Field, ForeignKeyField, IntegerField,
    Model, TimeField)

from segtui.domain.values import amount_text, option_label
from segtui.store.enums import (
    CorrespondenceType, DeliveryStatus, Evaluation, InformationFlow, InitiatedBy)

# The option columns of the segment and log tables, by column name: the same name is the same
# option in every table. A list may name more (`ListColumns.options`); an option column named
# nowhere is listed by its number.
OPTIONS: Mapping[str, type[IntEnum]] = MappingProxyType({
    "correspondence_type": CorrespondenceType, "correspondence_type_default": CorrespondenceType,
    "information_flow": InformationFlow, "initiated_by": InitiatedBy, "evaluation": Evaluation,
    "delivery_status": DeliveryStatus,
})


def converter(field: Field, option: type[IntEnum] | None = None) -> Callable[[object], object]:
    """The function that types a value of `field` as a list gives it (see the module
    docstring), chosen once per column: a list may stream a million rows."""
    if isinstance(field, ForeignKeyField):
        blank = 0 if isinstance(field.rel_field, IntegerField) else ""  # NAV's blank code
        return lambda value: blank if value is None else value
    if isinstance(field, BooleanField):
        return bool
    if isinstance(field, DecimalField):
        return amount_text
    if isinstance(field, IntegerField):
        if option is not None:
            return lambda value: option_label(option(value or 0))
        return lambda value: value or 0
    if isinstance(field, DateTimeField):
        return lambda value: "" if value is None else str(value)[:19]  # to the second
    if isinstance(field, TimeField):
        return lambda value: "" if value is None else str(value)[:8]
    if isinstance(field, DateField):
        return lambda value: "" if value is None else str(value)
    return lambda value: "" if value is None else value


class ListColumns:
    """The columns of one list over `model`'s table.

    `table`: the text table's few columns; `first`: keys in this order before
    the others (the order the list had, so scripts reading CSV by position keep working);
    `computed`: keys that are no column of the table; `keys` (every stored column not
    `left_out`, and the computed ones) are what JSON, CSV and Excel carry. `rename` gives a
    column another key (the header's `no` is `segment_no`).
    """

    def __init__(self, model: type[Model], *, table: Sequence[str], first: Sequence[str] = (),
                 computed: Sequence[str] = (), rename: Mapping[str, str] | None = None,
                 left_out: Mapping[str, str] | None = None,
                 options: Mapping[str, type[IntEnum]] | None = None) -> None:
        self.model = model
        self.rename = dict(rename or {})
        self.left_out = dict(left_out or {})  # column name -> why the list leaves it out
        self.options = {**OPTIONS, **(options or {})}
        self.computed = tuple(computed)
        self.stored = tuple(
            (self.rename.get(field.column_name, field.column_name), field)
            for field in model._meta.sorted_fields if field.column_name not in self.left_out)
        stored_keys = [key for key, _field in self.stored]
        every = [*first, *stored_keys, *self.computed]
        self.keys = tuple(dict.fromkeys(every))
        self._fields = dict(self.stored)
        self.table = tuple(table)
        # per key: the attribute to read and how to type it (None: a computed key)
        self._plan = tuple(
            (key, field.name, converter(field, self.options.get(field.column_name)))
            if (field := self._fields.get(key)) is not None else (key, None, None)
            for key in self.keys)
        unknown = [key for key in (*first, *self.table) if key not in stored_keys + list(computed)]
        if unknown:
            raise ValueError(f"{model.__name__} list: no column {unknown}")

    def values(self, row, **computed) -> dict:
        """`row` (a model instance, or any object with the model's field names as attributes)
        as a dict in `keys` order; `computed` gives the computed keys and may restate a stored
        one as the list shows it (the criteria's `action` by its long name)."""
        values = {}
        for key, name, convert in self._plan:
            if key in computed:
                values[key] = computed[key]
            elif name is None:
                raise ValueError(f"{self.model.__name__} list: no value for {key}")
            else:
                values[key] = convert(getattr(row, name))
        return values

    @property
    def fields(self) -> tuple[Field, ...]:
        """The model fields the list reads (to select only those)."""
        return tuple(field for _key, field in self.stored)

    def field(self, key: str) -> Field | None:
        """The model field behind a key (None for a computed one)."""
        return self._fields.get(key)
