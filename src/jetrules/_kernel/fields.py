"""One validator or converter per kind of field, each naming the field it checks (private).

Every value class of every family checks its fields with these, so a bad value gets the same
message wherever it is passed: the field's name, the rule it breaks and the value as given.

Converters that need the field's name (dates, instants, languages) are written in a class as the
plain function (``converter=to_instant``), which is what type checkers read; the class's
``field_transformer=named_fields`` then hands each of them the name of its field.

>>> import attrs, pendulum
>>> from jetrules._kernel.dates import to_instant
>>> @attrs.frozen(kw_only=True, field_transformer=named_fields)
... class Call:
...     caller: str = attrs.field(validator=non_blank)
...     at: pendulum.DateTime = attrs.field(converter=to_instant)
>>> Call(caller="P-1", at="2019-12-27T10:00+09:00").at.hour
10
>>> Call(caller="P-1", at="27 Dec")
Traceback (most recent call last):
...
jetrules.errors.InvalidInput: 'at' must be an ISO date-time such as 2019-12-27T10:00+09:00 ...
>>> Call(caller=" ", at="2019-12-27T10:00+09:00")
Traceback (most recent call last):
...
jetrules.errors.InvalidInput: 'caller' must be non-empty text (got ' ')
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

import attrs
import pendulum

from jetrules._kernel.chars import to_name
from jetrules._kernel.dates import DateLike, InstantLike, to_date, to_instant
from jetrules._labels import LANGUAGES, Label, Lang, to_lang
from jetrules.errors import InvalidInput, WrongType

__all__ = [
    "LabelledEnum",
    "as_id",
    "as_participant",
    "named_fields",
    "non_blank",
    "of_type",
    "to_language",
    "to_optional_date",
    "to_optional_instant",
    "to_whole_number",
    "whole_number",
]


def to_language(value: str, field: str = "language") -> Lang:
    """*value* as a language code, 'en' or 'ja'; InvalidInput naming *field* otherwise.

    >>> to_language("ja")
    'ja'
    """
    if value not in LANGUAGES:
        raise InvalidInput.for_field(field, "must be 'en' or 'ja'", value)
    return to_lang(value)


def to_optional_date(value: DateLike | None, field: str = "date") -> pendulum.Date | None:
    """None, or *value* as a date (:func:`~jetrules._kernel.dates.to_date`).

    >>> to_optional_date(None) is None
    True
    """
    return None if value is None else to_date(value, field)


def to_optional_instant(value: InstantLike | None, field: str = "at") -> pendulum.DateTime | None:
    """None, or *value* as an aware instant in Tokyo (:func:`~jetrules._kernel.dates.to_instant`).

    >>> to_optional_instant(None) is None
    True
    """
    return None if value is None else to_instant(value, field)


_NAMED: dict[Callable[..., object], Callable[[Any, str], object]] = {
    to_date: to_date,
    to_instant: to_instant,
    to_language: to_language,
    to_optional_date: to_optional_date,
    to_optional_instant: to_optional_instant,
}
"""Converters that take the field's name as their second argument."""


def named_fields(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """An attrs ``field_transformer``: each converter of :data:`_NAMED` is told its field's name."""
    named = []
    for field in fields:
        convert = _NAMED.get(field.converter) if callable(field.converter) else None
        named.append(
            field if convert is None else field.evolve(converter=_naming(field.name, convert))
        )
    return named


def _naming(name: str, convert: Callable[[Any, str], object]) -> Callable[[Any], object]:
    def converter(value: Any) -> object:
        return convert(value, name)

    return converter


def as_id(value: object) -> object:
    """Converter: text as the readers take an id (:func:`~jetrules._kernel.chars.to_name`).

    Blanks around it dropped, full-width letters and digits as ASCII, control and invisible
    characters refused, so that an id typed two ways is one. Anything but text is left to the
    validator (:func:`non_blank`), which names it.
    """
    return to_name(value, "id") if isinstance(value, str) else value


def as_participant(value: object) -> object:
    """Converter: text as the readers take a participant, as :func:`as_id` does an id.

    ``" ＪＥＴ－０１４２ "`` is the participant of a file's ``JET-0142``: one annual cap, one
    yearly limit of sessions.
    """
    return to_name(value, "participant") if isinstance(value, str) else value


def non_blank(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    """Validator: the field holds text with something visible in it."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput.for_field(attribute.name, "must be non-empty text", value)


def of_type(kind: type, rule: str) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """Validator: the field holds a *kind*; WrongType naming the field and *rule* otherwise.

    >>> import attrs
    >>> @attrs.frozen
    ... class Box:
    ...     size: int = attrs.field(validator=of_type(int, "must be an int"))
    >>> Box("3")
    Traceback (most recent call last):
    ...
    jetrules.errors.WrongType: 'size' must be an int (got '3')
    """

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            raise WrongType.for_field(attribute.name, rule, value)

    return check


def whole_number(unit: str) -> Callable[[object, attrs.Attribute[int], object], None]:
    """Validator: the field holds a whole number (an int, not a bool) of *unit*, at least 1.

    >>> import attrs
    >>> @attrs.frozen
    ... class Session:
    ...     minutes: int = attrs.field(validator=whole_number("minute"))
    >>> Session(0)
    Traceback (most recent call last):
    ...
    jetrules.errors.InvalidInput: 'minutes' must be at least 1 minute (got 0)
    """

    def check(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
        to_whole_number(value, attribute.name, unit)

    return check


def to_whole_number(value: object, field: str, unit: str) -> int:
    """*value*, a whole number (an int, not a bool) of *unit*, at least 1; errors name *field*.

    >>> to_whole_number("40", "minutes", "minute")
    Traceback (most recent call last):
    ...
    jetrules.errors.WrongType: 'minutes' must be a whole number of minutes (got '40')
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise WrongType.for_field(field, f"must be a whole number of {unit}s", value)
    if value < 1:
        raise InvalidInput.for_field(field, f"must be at least 1 {unit}", value)
    return value


class LabelledEnum(enum.Enum):
    """An enum whose members each carry a bilingual :class:`~jetrules.text.Label`.

    A subclass defines ``label``; ``render`` comes from it.

    Members hash by identity, as they compare (``enum.Enum`` hashes a member's name in Python
    code, which a large file's receipts and reasons paid a few hundred thousand times). Each
    member is one object in a process, and unpickles to it:

    >>> import pickle
    >>> from jetrules.subsidy import Place
    >>> pickle.loads(pickle.dumps(Place.ABROAD)) is Place.ABROAD
    True
    >>> len({Place.ABROAD, Place("abroad"), Place.JAPAN})
    2
    """

    __hash__ = object.__hash__

    @classmethod
    def _missing_(cls, value: object) -> LabelledEnum:
        """A value that names no member: the error names the field, the rule and the value.

        The field is the enum's name in snake case (``Status("done")`` names ``status``).
        """
        field = "".join(f"_{c.lower()}" if c.isupper() else c for c in cls.__name__).lstrip("_")
        known = ", ".join(repr(member.value) for member in cls)
        raise InvalidInput.for_field(field, f"must be one of {known}", value)

    @property
    def label(self) -> Label:  # pragma: no cover  (every subclass defines its own)
        """The member in English and Japanese."""
        raise AttributeError(f"{type(self).__name__} defines no label")

    def render(self, lang: Lang) -> str:
        """The member as text in *lang*."""
        return self.label.render(lang)
