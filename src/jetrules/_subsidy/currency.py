"""Amounts paid in another currency, in yen at the caller's rate (private; see subsidy).

From FY2024 counselling abroad is covered, so receipts arrive in other currencies; no source says
how they become yen. The rate is the caller's (the reading ``rate-is-the-callers`` of the design
page): :func:`to_yen_at` multiplies the amount by *jpy_per_unit* exactly (decimals, never floats)
and rounds down to whole yen, and the :class:`Conversion` it gives keeps the original amount, the
currency and the rate, so that a decision can show them.

>>> conversion = to_yen_at("100.00", "USD", jpy_per_unit="149.5")
>>> conversion.yen
Yen(14950)
>>> print(conversion.render("en"))
100.00 USD at ¥149.5 per USD: ¥14,950
>>> to_yen_at("100.00", "USD")
Traceback (most recent call last):
...
jetrules.errors.InvalidInput: 'jpy_per_unit' must be given for an amount in USD: no source gives a rate, the rate is the caller's (got None)
"""  # noqa: E501

from __future__ import annotations

import math
import re
from decimal import Decimal
from fractions import Fraction
from typing import final

import attrs

from jetrules._kernel.chars import FULL_WIDTH_ASCII
from jetrules.errors import InvalidInput, WrongType
from jetrules.money import Yen
from jetrules.text import Lang

__all__ = ["YEN", "Conversion", "to_amount", "to_currency", "to_rate_per_unit", "to_yen_at"]

YEN = "JPY"
"""The currency code of yen (ISO 4217)."""

_CODE = re.compile(r"[A-Z]{3}")
_WRITTEN = re.compile(r"[0-9]+(?:\.[0-9]+)?")
"""A decimal as text: digits, perhaps a point and more digits (no sign, no exponent)."""


def to_currency(value: object, field: str = "currency") -> str:
    """A currency code: three letters, as ISO 4217 writes them (``usd`` reads ``USD``).

    >>> to_currency(" eur ")
    'EUR'
    """
    if not isinstance(value, str):
        raise WrongType.for_field(field, "must be a currency code such as USD", value)
    code = value.strip().upper()
    if not code.isascii() or _CODE.fullmatch(code) is None:
        raise InvalidInput.for_field(
            field, "must be a currency code of three letters such as USD or EUR", value
        )
    return code


def _decimal(value: object, field: str, rule: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise WrongType.for_field(
            field, f"{rule} (a Decimal, an int or text; never a float)", value
        )
    if isinstance(value, str):  # written as a file writes it: 1,000.50, full-width digits
        text = value.strip().translate(FULL_WIDTH_ASCII).replace(",", "")
        if _WRITTEN.fullmatch(text) is None:
            raise InvalidInput.for_field(field, rule, value)
        value = text
    number = Decimal(value)
    if not number.is_finite():  # a Decimal given as infinity or not a number
        raise InvalidInput.for_field(field, rule, value)
    whole, places = _digits(number)
    if whole > _MOST_WHOLE_DIGITS or places > _MOST_DECIMAL_PLACES:
        raise InvalidInput.for_field(
            field,
            f"must have at most {_MOST_WHOLE_DIGITS} digits before the point and "
            f"{_MOST_DECIMAL_PLACES} after it",
            value,
        )
    return number


_MOST_WHOLE_DIGITS = 12
"""The most digits an amount or a rate has before the point (a trillion units is none of ours)."""
_MOST_DECIMAL_PLACES = 6
"""The most digits an amount or a rate has after the point."""


def _digits(number: Decimal) -> tuple[int, int]:
    """How many digits finite *number* has before its point and after it.

    Counted from its written form, never expanded: ``1e999999999`` costs nothing to refuse.
    """
    _, digits, exponent = number.as_tuple()
    places = int(exponent)  # an int for a finite number
    return max(len(digits) + places, 0), max(-places, 0)


def to_amount(value: object, field: str = "amount") -> Decimal:
    """An amount of money in any currency: an exact decimal more than 0.

    >>> to_amount("100.00")
    Decimal('100.00')
    >>> to_amount(1.5)
    Traceback (most recent call last):
    ...
    jetrules.errors.WrongType: 'amount' must be a decimal number more than 0 (a Decimal, ...
    """
    rule = "must be a decimal number more than 0"
    amount = _decimal(value, field, rule)
    if amount <= 0:
        raise InvalidInput.for_field(field, rule, value)
    return amount


def to_rate_per_unit(value: object, field: str = "jpy_per_unit") -> Decimal:
    """A rate: yen per unit of a currency, an exact decimal more than 0 (``149.5``)."""
    rule = "must be a decimal number of yen per unit more than 0"
    rate = _decimal(value, field, rule)
    if rate <= 0:
        raise InvalidInput.for_field(field, rule, value)
    return rate


def _plain(number: Decimal) -> str:
    """*number* as written, without an exponent (``1E+2`` reads ``100``)."""
    return f"{number:f}"


@final
@attrs.frozen(kw_only=True)
class Conversion:
    """An amount in some currency, and the whole yen it comes to at the caller's rate.

    Attributes:
        amount: the amount as paid, in :attr:`currency`.
        currency: the currency's code (``JPY`` for yen).
        jpy_per_unit: yen per unit of the currency; ``1`` for yen.
        yen: ``floor(amount x jpy_per_unit)``, exact.
    """

    amount: Decimal
    currency: str
    jpy_per_unit: Decimal
    yen: Yen

    @property
    def is_yen(self) -> bool:
        """Whether the amount was paid in yen (no conversion)."""
        return self.currency == YEN

    def render(self, lang: Lang) -> str:
        """The conversion in one line of *lang*: amount, currency, rate and yen.

        >>> print(to_yen_at("100.00", "USD", jpy_per_unit="149.5").render("ja"))
        100.00 USD（1 USD = 149.5円で換算）：¥14,950
        >>> print(to_yen_at(5000).render("en"))
        ¥5,000
        """
        if self.is_yen:
            return str(self.yen)
        amount, rate = _plain(self.amount), _plain(self.jpy_per_unit)
        if lang == "en":
            return f"{amount} {self.currency} at ¥{rate} per {self.currency}: {self.yen}"
        return f"{amount} {self.currency}（1 {self.currency} = {rate}円で換算）：{self.yen}"


def to_yen_at(
    amount: Decimal | int | str,
    currency: str = YEN,
    *,
    jpy_per_unit: Decimal | int | str | None = None,
) -> Conversion:
    """*amount* of *currency* in whole yen at *jpy_per_unit*, rounded down, exactly.

    An amount in yen must be whole and needs no rate (a rate, if given, must be 1). Any other
    currency needs the caller's rate: no source gives one.

    Raises:
        InvalidInput: a currency code of the wrong shape, an amount or a rate not more than 0,
            an amount in another currency without a rate, yen with a fraction or another rate,
            or an amount that comes to less than ¥1 (each naming its field and the value).
        WrongType: a float, or another type, for the amount or the rate.
    """
    code = to_currency(currency)
    value = to_amount(amount)
    if code == YEN:
        return _in_yen(value, amount, jpy_per_unit)
    if jpy_per_unit is None:
        raise InvalidInput.for_field(
            "jpy_per_unit",
            f"must be given for an amount in {code}: no source gives a rate, the rate is the "
            "caller's",
            None,
        )
    rate = to_rate_per_unit(jpy_per_unit)
    yen = math.floor(Fraction(value) * Fraction(rate))
    if yen < 1:
        raise InvalidInput.for_field(
            "amount", f"must come to at least ¥1 at {_plain(rate)} yen per {code}", amount
        )
    return Conversion(amount=value, currency=code, jpy_per_unit=rate, yen=Yen(yen))


def _in_yen(value: Decimal, amount: object, jpy_per_unit: object) -> Conversion:
    if jpy_per_unit is not None and to_rate_per_unit(jpy_per_unit) != 1:
        raise InvalidInput.for_field(
            "jpy_per_unit", "must be left out (or 1) for an amount in yen", jpy_per_unit
        )
    if value != value.to_integral_value():
        raise InvalidInput.for_field("amount", "must be whole yen for an amount in JPY", amount)
    return Conversion(amount=value, currency=YEN, jpy_per_unit=Decimal(1), yen=Yen(int(value)))
