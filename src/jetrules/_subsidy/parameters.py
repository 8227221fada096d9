"""The subsidy's parameters: what a policy file may give for a year, and how each is read.

Each parameter of an edition of ``[[subsidy]]`` in a policy file has a converter here
(:data:`PARAMETERS`) that turns its TOML value into the value :class:`SubsidyTerms` holds, and a
name in English and Japanese (:data:`PARAMETER_LABELS`) for statements and reasons. A complete
edition gives every one of :data:`REQUIRED`.

>>> PARAMETERS["rate"]("1/2"), PARAMETERS["rate"]("50%"), PARAMETERS["annual_cap"](30000)
(Fraction(1, 2), Fraction(1, 2), Yen(30000))
>>> PARAMETERS["claim_deadline"]("2026-04-01")
Date(2026, 4, 1)
>>> print(PARAMETERS["claim_documents"](["application_form", "receipts"]).render("en"))
application form, receipts
>>> PARAMETERS["rounding"]("up")
Traceback (most recent call last):
...
jetrules.errors.InvalidInput: 'rounding' must be one of floor, ceiling, half_up, ... (got 'up')
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar, final

import attrs
import pendulum

from jetrules._kernel.dates import to_date
from jetrules._kernel.fields import LabelledEnum
from jetrules._kernel.participants import ClaimDocuments, to_claim_documents
from jetrules._kernel.policy import Change
from jetrules._subsidy.place import to_place_requirement
from jetrules.errors import InvalidInput, WrongType
from jetrules.money import Rounding, Yen
from jetrules.text import Label, Lang, Renderable

__all__ = [
    "OPTIONAL",
    "PARAMETERS",
    "PARAMETER_LABELS",
    "REQUIRED",
    "ChangedValues",
    "ParameterNames",
    "ShareOut",
    "as_percent",
    "named_value",
    "render_value",
    "to_cap",
    "to_deadline",
    "to_documents",
    "to_rate",
    "to_rounding",
    "to_share_out",
]

E = TypeVar("E", bound=enum.Enum)


class ShareOut(LabelledEnum):
    """How a year's subsidy is shared out over its receipts (no source states it: a reading)."""

    SERVICE_DATE_ORDER = "service_date_order"
    """Each receipt, in service-date order (ties by id), gets the increase it causes."""

    @property
    def label(self) -> Label:
        """The way of sharing out in English and Japanese."""
        return _SHARE_OUT_LABELS[self]


_SHARE_OUT_LABELS = {
    ShareOut.SERVICE_DATE_ORDER: Label(
        en="each receipt, in service-date order, gets the increase it causes",
        ja="受診日順に、各領収書がその増加分を受け取る",
    ),
}


def to_rate(value: Fraction | int | str) -> Fraction:
    """A share of costs: a Fraction, an int, or text such as ``"1/2"`` or ``"50%"``.

    More than 0 and at most 1; floats are refused (a rate is exact).
    """
    rule = 'must be a Fraction such as Fraction(1, 2), or text such as "1/2" or "50%"'
    if isinstance(value, str):
        text = value.strip()
        try:
            rate = Fraction(text[:-1]) / 100 if text.endswith("%") else Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise InvalidInput.for_field("rate", rule, value) from None
    elif isinstance(value, bool) or not isinstance(value, Fraction | int):
        raise WrongType.for_field("rate", rule, value)
    else:
        rate = Fraction(value)
    if not 0 < rate <= 1:
        raise InvalidInput.for_field("rate", "must be more than 0 and at most 1", value)
    return rate


def to_cap(value: Yen | int | Decimal | str) -> Yen:
    """An annual cap: whole yen (``30000``, ``"¥30,000"``); errors name ``annual_cap``."""
    try:
        return Yen.of(value)
    except InvalidInput as error:
        rule = error.rule or "must be whole yen"
        kind = WrongType if isinstance(error, WrongType) else InvalidInput
        raise kind.for_field("annual_cap", rule, value) from None


def _flag(name: str) -> Callable[[object], bool]:
    def convert(value: object) -> bool:
        if not isinstance(value, bool):
            raise WrongType.for_field(name, "must be true or false", value)
        return value

    return convert


def _choice(kind: type[E], name: str) -> Callable[[object], E]:
    def convert(value: object) -> E:
        if isinstance(value, kind):
            return value
        known = ", ".join(str(member.value) for member in kind)
        if not isinstance(value, str):
            raise WrongType.for_field(name, f"must be one of {known}", value)
        try:
            return kind(value)
        except ValueError:
            raise InvalidInput.for_field(name, f"must be one of {known}", value) from None

    return convert


to_rounding = _choice(Rounding, "rounding")
"""A policy file's ``rounding`` (``floor``, ``ceiling``, ``half_up``, ``half_even``)."""

to_share_out = _choice(ShareOut, "share_out")
"""A policy file's ``share_out`` (``service_date_order``)."""


def to_deadline(value: object) -> pendulum.Date:
    """A claim deadline: a date, or ISO text such as ``2026-04-01``."""
    if not isinstance(value, str | dt.date):
        raise WrongType.for_field("claim_deadline", "must be a date such as 2026-04-01", value)
    return to_date(value, "claim_deadline")


def to_documents(value: object) -> ClaimDocuments:
    """The documents a claim is made of: a non-empty list of document names.

    Names: ``application_form``, ``receipts``, ``bank_book_copy`` (each once).
    """
    documents = to_claim_documents(value, "claim_documents")  # type: ignore[arg-type]
    if not documents:
        raise InvalidInput.for_field("claim_documents", "must name at least one document", value)
    return documents


PARAMETERS: Mapping[str, Callable[[object], object]] = {
    "rate": to_rate,  # type: ignore[dict-item]  # refuses what it cannot read, with WrongType
    "annual_cap": to_cap,  # type: ignore[dict-item]
    "place": to_place_requirement,
    "claim_deadline": to_deadline,
    "insured_costs_excluded": _flag("insured_costs_excluded"),
    "professional_required": _flag("professional_required"),
    "rounding": to_rounding,
    "share_out": to_share_out,
    "claim_documents": to_documents,
}
"""Each parameter's converter: its TOML value (dates as ISO text) -> the value the terms hold."""

OPTIONAL: tuple[str, ...] = ("claim_documents",)
"""Parameters an edition may leave out and still be complete: what a claim is made of.

Receipts are assessed without them; only what asks for them (the view by organisation) needs
them, and raises ``NoRuleInForce`` for a year that does not publish them.
"""

REQUIRED: tuple[str, ...] = tuple(name for name in PARAMETERS if name not in OPTIONAL)
"""The parameters a complete edition gives, in the order statements and the rules page list them."""

PARAMETER_LABELS: Mapping[str, Label] = {
    "rate": Label(en="rate", ja="助成率"),
    "annual_cap": Label(en="annual cap", ja="年間上限額"),
    "place": Label(en="place", ja="場所"),
    "claim_deadline": Label(en="claim deadline", ja="申請期限"),
    "insured_costs_excluded": Label(
        en="costs covered by health insurance excluded", ja="健康保険適用分の除外"
    ),
    "professional_required": Label(
        en="mental health professional required", ja="メンタルヘルス専門家によること"
    ),
    "rounding": Label(en="rounding", ja="端数処理"),
    "share_out": Label(en="share-out over receipts", ja="領収書への配分"),
    "claim_documents": Label(en="claim documents", ja="申請書類"),
}
"""Each parameter's name in English and Japanese."""

_ROUNDING_LABELS = {
    Rounding.FLOOR: Label(en="round down", ja="切り捨て"),
    Rounding.CEILING: Label(en="round up", ja="切り上げ"),
    Rounding.HALF_UP: Label(en="to the nearest yen, halves up", ja="四捨五入"),
    Rounding.HALF_EVEN: Label(en="to the nearest yen, halves to even", ja="偶数丸め"),
}
_YES, _NO = Label(en="yes", ja="はい"), Label(en="no", ja="いいえ")
_NONE = Label(en="none", ja="なし")


def as_percent(rate: Fraction) -> str:
    """*rate* as a percentage when it is a whole one, else as a fraction.

    >>> as_percent(Fraction(1, 2)), as_percent(Fraction(1, 3))
    ('50%', '1/3')
    """
    percent = rate * 100
    return f"{percent.numerator}%" if percent.denominator == 1 else str(rate)


def render_value(value: object, lang: Lang) -> str:  # noqa: PLR0911 (one return per kind)
    """A parameter's value as text in *lang*.

    >>> render_value(Fraction(1, 2), "en"), render_value(Rounding.FLOOR, "ja")
    ('50%', '切り捨て')
    >>> render_value(None, "en"), render_value(True, "ja"), render_value(Yen(30_000), "en")
    ('none', 'はい', '¥30,000')
    """
    if value is None:
        return _NONE.render(lang)
    if isinstance(value, bool):
        return (_YES if value else _NO).render(lang)
    if isinstance(value, Fraction):
        return as_percent(value)
    if isinstance(value, Rounding):
        return _ROUNDING_LABELS[value].render(lang)
    if isinstance(value, Renderable):
        return value.render(lang)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@final
@attrs.frozen
class ParameterNames:
    """Parameters named in a reason, as a list in English or Japanese.

    >>> ParameterNames(("rate", "annual_cap")).render("ja")
    '助成率、年間上限額'
    """

    names: tuple[str, ...]

    def render(self, lang: Lang) -> str:
        """The names as one list in *lang*."""
        separator = ", " if lang == "en" else "、"
        return separator.join(_label(name).render(lang) for name in self.names)


def _label(name: str) -> Label:
    return PARAMETER_LABELS.get(name) or Label(en=name, ja=name)


@final
@attrs.frozen
class ChangedValues:
    """Supplied values that differ from the published ones, each with the published one.

    >>> from jetrules._kernel.policy import Change
    >>> cap = Change(name="annual_cap", value=Yen(40_000), published=Yen(30_000))
    >>> changed = ChangedValues((cap,))
    >>> changed.render("en"), changed.render("ja")
    ('annual cap ¥40,000 (published: ¥30,000)', '年間上限額：¥40,000（公表値：¥30,000）')
    """

    changes: tuple[Change, ...]

    def render(self, lang: Lang) -> str:
        """Each change as ``name value (published: value)``, those of no published value last.

        >>> new = Change(name="rate", value=Fraction(1, 2), published=None)
        >>> cap = attrs.evolve(new, name="annual_cap", value=Yen(30_000))
        >>> ChangedValues((new, cap)).render("en")
        'rate 50%, annual cap ¥30,000 (none published)'
        """
        parts = [
            _CHANGED[lang].format(
                value=named_value(change.name, change.value, lang),
                published=render_value(change.published, lang),
            )
            for change in self.changes
            if change.published is not None
        ]
        unpublished = [
            named_value(change.name, change.value, lang)
            for change in self.changes
            if change.published is None
        ]
        if unpublished:
            names = (", " if lang == "en" else "、").join(unpublished)
            parts.append(_UNPUBLISHED[lang].format(values=names))
        return ("; " if lang == "en" else "；").join(parts)


_CHANGED = {"en": "{value} (published: {published})", "ja": "{value}（公表値：{published}）"}
_UNPUBLISHED = {"en": "{values} (none published)", "ja": "{values}（公表値なし）"}


def named_value(name: str, value: object, lang: Lang) -> str:
    """Parameter *name* with its *value*: ``annual cap ¥30,000`` / ``年間上限額：¥30,000``."""
    separator = " " if lang == "en" else "："
    return f"{_label(name).render(lang)}{separator}{render_value(value, lang)}"
