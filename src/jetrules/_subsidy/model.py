"""What is claimed and what is decided: receipts and decisions (private; see jetrules.subsidy)."""

from __future__ import annotations

from decimal import Decimal
from typing import final

import attrs
import pendulum

from jetrules._kernel.dates import DateLike, to_date
from jetrules._kernel.fields import (
    as_id,
    as_participant,
    named_fields,
    non_blank,
    of_type,
    to_optional_date,
)
from jetrules._kernel.fiscal import fiscal_year_of
from jetrules._subsidy.currency import YEN, Conversion, to_amount, to_currency, to_rate_per_unit
from jetrules._subsidy.currency import to_yen_at as _to_yen_at
from jetrules._subsidy.place import Place, to_place
from jetrules.calendar import FiscalYear
from jetrules.errors import InvalidInput, WrongType
from jetrules.money import Yen
from jetrules.text import Lang, Reason

__all__ = ["Decision", "Receipt"]


def _as_read(text: str) -> bool:
    """Whether *text* is an id or a name as ``to_name`` reads it already (ASCII, so at C speed)."""
    return text.isascii() and text.isprintable() and text.strip() == text != ""


_FLAG = of_type(bool, "must be True or False")


def to_yen(value: Yen | int | Decimal | str) -> Yen:
    """Converter: :meth:`Yen.of` (type checkers take a named function as a converter)."""
    return Yen.of(value)


def _to_optional_currency(value: str | None) -> str | None:
    """Converter: a currency code other than yen, or ``None`` for yen (``JPY`` reads ``None``)."""
    if value is None:
        return None
    code = to_currency(value)
    return None if code == YEN else code


def _to_optional_rate(value: Decimal | int | str | None) -> Decimal | None:
    return None if value is None else to_rate_per_unit(value)


def _to_optional_amount(value: Decimal | int | str | None) -> Decimal | None:
    return None if value is None else to_amount(value, "amount_in_currency")


_IN_YEN = ("currency", "jpy_per_unit", "amount_in_currency")
"""The fields a receipt in yen leaves ``None``."""


def _paid_in(
    amount: Yen | int | Decimal | str,
    currency: str | None,
    jpy_per_unit: Decimal | int | str | None,
) -> tuple[Yen | int | Decimal | str, Decimal | None]:
    """The yen and the amount in *currency* of an *amount* given in *currency* (if not yen)."""
    if _to_optional_currency(currency) is None:
        return amount, None
    if isinstance(amount, Yen):
        raise WrongType.for_field(
            "amount", f"must be the amount paid in {currency}, not yen", amount
        )
    conversion = _to_yen_at(amount, currency, jpy_per_unit=jpy_per_unit)  # type: ignore[arg-type]
    return conversion.yen, conversion.amount


@final
@attrs.frozen(kw_only=True, field_transformer=named_fields, init=False)
class Receipt:
    """One counselling fee a participant paid and claims.

    Attributes:
        id: the receipt's id, unique across everything assessed together.
        participant: who paid (any stable id: a name, a JET number).
        service_date: the day of the counselling; it decides the fiscal year.
        amount: what was paid, more than ¥0.
        insured: whether health insurance covered the cost (then it is not eligible).
        mental_health_professional: whether a mental health professional provided it.
        place: where the counselling took place.
        submitted_on: the day this receipt's claim reached the programme office, when known; it
            takes precedence over the ``submitted_on`` given to :func:`assess` for a batch.
        currency: the currency the receipt was paid in, when not yen (``USD``); ``None`` for
            yen (``JPY`` given reads ``None``).
        jpy_per_unit: the caller's rate, yen per unit of *currency* (no source gives one: the
            reading ``rate-is-the-callers``); ``None`` for yen.
        amount_in_currency: what was paid, in *currency*; ``None`` for yen. :attr:`amount` is
            then ``floor(amount_in_currency x jpy_per_unit)`` yen.

    A receipt in another currency gives its amount in that currency and the rate; the yen are
    worked out, rounded down (``amount_in_currency`` may be given instead, with ``amount`` the
    yen it comes to, as the fields read back):

    >>> paid = Receipt(id="r2", participant="P-001", service_date="2024-05-10",
    ...                amount="100.00", currency="usd", jpy_per_unit="149.5")
    >>> paid.amount, paid.currency, paid.amount_in_currency, paid.jpy_per_unit
    (Yen(14950), 'USD', Decimal('100.00'), Decimal('149.5'))
    >>> print(paid.conversion.render("en"))
    100.00 USD at ¥149.5 per USD: ¥14,950

    A reader of a large file gives values of their final types that pass every check; the
    constructor sees them pass with a few comparisons and sets them directly (the one place
    fields are set without attrs' converters and validators). Anything else goes through
    those, which name the field, the rule and the value (a receipt in another currency too,
    once converted).

    >>> Receipt(id="r1", participant="P-001", service_date="2019-05-10", amount=0)
    Traceback (most recent call last):
    ...
    jetrules.errors.InvalidInput: 'amount' must be more than ¥0 (got ¥0)
    """

    id: str = attrs.field(converter=as_id, validator=non_blank)
    participant: str = attrs.field(converter=as_participant, validator=non_blank)
    service_date: pendulum.Date = attrs.field(converter=to_date)
    amount: Yen = attrs.field(converter=to_yen)
    insured: bool = attrs.field(default=False, validator=_FLAG)
    mental_health_professional: bool = attrs.field(default=True, validator=_FLAG)
    place: Place = attrs.field(default=Place.JAPAN, converter=to_place)
    submitted_on: pendulum.Date | None = attrs.field(default=None, converter=to_optional_date)
    currency: str | None = attrs.field(default=None, converter=_to_optional_currency)
    jpy_per_unit: Decimal | None = attrs.field(default=None, converter=_to_optional_rate)
    amount_in_currency: Decimal | None = attrs.field(default=None, converter=_to_optional_amount)

    def __init__(
        self,
        *,
        id: str,
        participant: str,
        service_date: DateLike,
        amount: Yen | int | Decimal | str,
        insured: bool = False,
        mental_health_professional: bool = True,
        place: Place | str = Place.JAPAN,
        submitted_on: DateLike | None = None,
        currency: str | None = None,
        jpy_per_unit: Decimal | int | str | None = None,
        amount_in_currency: Decimal | int | str | None = None,
    ) -> None:
        """Check and convert the fields; values already checked go straight in (see above)."""
        if currency is not None or jpy_per_unit is not None or amount_in_currency is not None:
            if amount_in_currency is None:
                amount, amount_in_currency = _paid_in(amount, currency, jpy_per_unit)
        elif (
            id.__class__ is str
            and participant.__class__ is str
            and service_date.__class__ is pendulum.Date
            and amount.__class__ is Yen
            and insured.__class__ is bool
            and mental_health_professional.__class__ is bool
            and place.__class__ is Place
            and (submitted_on is None or submitted_on.__class__ is pendulum.Date)
            and _as_read(id)
            and _as_read(participant)
            and amount.amount > 0
            and (submitted_on is None or submitted_on >= service_date)
        ):
            fill = object.__setattr__
            fill(self, "id", id)
            fill(self, "participant", participant)
            fill(self, "service_date", service_date)
            fill(self, "amount", amount)
            fill(self, "insured", insured)
            fill(self, "mental_health_professional", mental_health_professional)
            fill(self, "place", place)
            fill(self, "submitted_on", submitted_on)
            for name in _IN_YEN:
                fill(self, name, None)
            return
        self.__attrs_init__(
            id=id,
            participant=participant,
            service_date=service_date,
            amount=amount,
            insured=insured,
            mental_health_professional=mental_health_professional,
            place=place,
            submitted_on=submitted_on,
            currency=currency,
            jpy_per_unit=jpy_per_unit,
            amount_in_currency=amount_in_currency,
        )

    @service_date.validator
    def _in_a_fiscal_year(
        self, attribute: attrs.Attribute[pendulum.Date], value: pendulum.Date
    ) -> None:
        fiscal_year_of(value, attribute.name)  # 0001-04-01 to 9999-03-31: its statement's year

    @amount.validator
    def _more_than_nothing(self, attribute: attrs.Attribute[Yen], value: Yen) -> None:
        if not value:
            raise InvalidInput.for_field(attribute.name, "must be more than ¥0", value)

    @submitted_on.validator
    def _not_before_the_service(
        self, attribute: attrs.Attribute[pendulum.Date | None], value: pendulum.Date | None
    ) -> None:
        if value is not None and value < self.service_date:
            raise InvalidInput.for_field(
                attribute.name, f"must not be before the service date ({self.service_date})", value
            )

    @amount_in_currency.validator
    def _converted(self, attribute: attrs.Attribute[Decimal | None], value: Decimal | None) -> None:
        """A receipt in another currency has its amount in it and the rate; one in yen neither."""
        if self.currency is None:
            for name, given in (("jpy_per_unit", self.jpy_per_unit), (attribute.name, value)):
                if given is not None and not (name == "jpy_per_unit" and given == 1):
                    raise InvalidInput.for_field(
                        name, "must be left out for a receipt in yen (no currency)", given
                    )
            if self.jpy_per_unit is not None:  # a rate of 1 for yen says nothing
                object.__setattr__(self, "jpy_per_unit", None)
            return
        if self.jpy_per_unit is None:
            raise InvalidInput.for_field(
                "jpy_per_unit",
                f"must be given for a receipt in {self.currency}: no source gives a rate, the "
                "rate is the caller's",
                None,
            )
        if value is None:
            raise InvalidInput.for_field(
                attribute.name, f"must be given for a receipt in {self.currency}", None
            )
        converted = _to_yen_at(value, self.currency, jpy_per_unit=self.jpy_per_unit)
        if converted.yen != self.amount:
            raise InvalidInput.for_field(
                "amount",
                f"must be {converted.yen}, what {converted.amount} {converted.currency} comes to "
                f"at ¥{converted.jpy_per_unit} per {converted.currency}",
                self.amount,
            )

    @property
    def conversion(self) -> Conversion | None:
        """The amount paid in another currency and the yen it came to; ``None`` for yen."""
        if self.currency is None or self.jpy_per_unit is None or self.amount_in_currency is None:
            return None
        return _to_yen_at(self.amount_in_currency, self.currency, jpy_per_unit=self.jpy_per_unit)

    @property
    def fiscal_year(self) -> FiscalYear:
        """The fiscal year of the service date: the year whose terms and cap apply."""
        return FiscalYear.of(self.service_date)


@final
@attrs.frozen(kw_only=True)
class Decision:
    """What one receipt is paid, and why.

    Attributes:
        receipt: the receipt decided on.
        eligible: the part of its amount that counts toward the subsidy (all of it or nothing).
        subsidy: what it is paid.
        cut_by_cap: what it would have been paid without the annual cap, less what it is paid.
        reasons: why, in order: eligibility (and a note where no place is named), the claim's
            timing, the cap, then what the terms were: values assumed from another year
            (``ASSUMED_TERMS``) or supplied by the caller (``SUPPLIED_TERMS``).
        submitted_on: the day its claim reached the programme office, when given: the receipt's
            own ``submitted_on``, else the one given to :func:`assess` with it.
    """

    receipt: Receipt
    eligible: Yen
    subsidy: Yen
    cut_by_cap: Yen
    reasons: tuple[Reason, ...]
    submitted_on: pendulum.Date | None = None

    @property
    def codes(self) -> tuple[str, ...]:
        """The reasons' stable codes, such as ``("ELIGIBLE", "CAP_PARTLY_REACHED")``."""
        return tuple(reason.code for reason in self.reasons)

    def explain(self, lang: Lang = "en") -> str:
        """The reasons as one line of *lang* (Japanese sentences follow one another unspaced)."""
        separator = "" if lang == "ja" else " "
        return separator.join(reason.render(lang) for reason in self.reasons)
