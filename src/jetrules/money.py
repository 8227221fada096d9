"""Whole yen, exactly.

:class:`Yen` wraps an ``int``. It refuses floats, bools and fractional decimals, is never negative,
and multiplies by a rate only through a named rounding, floor unless told otherwise (Japanese
subsidies round down).

>>> Yen(30_000)
Yen(30000)
>>> print(Yen.parse("¥7,001") * Fraction(1, 2))
¥3,500
>>> sum([Yen(1_000), Yen(2_500)])
Yen(3500)
"""

from __future__ import annotations

import enum
import numbers
import re
import unicodedata
from decimal import Decimal
from fractions import Fraction
from typing import final

import attrs

from jetrules.errors import InvalidInput, OutOfRange, WrongType, as_written

__all__ = ["MAX_YEN", "Rounding", "Yen"]

MAX_YEN = 10**18 - 1
"""The most a :class:`Yen` holds: eighteen digits (a pandas ``int64`` column holds every amount,
and no amount is too long to write)."""


class Rounding(enum.Enum):
    """How a fractional amount of yen becomes whole yen."""

    FLOOR = "floor"
    """Toward zero (amounts are never negative): ¥3,500.5 -> ¥3,500."""
    CEILING = "ceiling"
    """Away from zero: ¥3,500.5 -> ¥3,501."""
    HALF_UP = "half_up"
    """To the nearest yen, halves up: ¥3,500.5 -> ¥3,501."""
    HALF_EVEN = "half_even"
    """To the nearest yen, halves to even (banker's rounding): ¥3,500.5 -> ¥3,500."""

    @classmethod
    def _missing_(cls, value: object) -> Rounding:
        """``Rounding("up")`` names the field, the rule and the value, as every error does.

        >>> Rounding("up")
        Traceback (most recent call last):
        ...
        jetrules.errors.InvalidInput: 'rounding' must be one of 'floor', 'ceiling', 'half_up', \
'half_even' (got 'up')
        """
        known = ", ".join(repr(member.value) for member in cls)
        raise InvalidInput.for_field("rounding", f"must be one of {known}", value)

    def apply(self, value: Fraction) -> int:
        """Round the exact *value* to an ``int`` this way.

        >>> Rounding.HALF_UP.apply(Fraction(7, 2))
        4
        """
        if self is Rounding.FLOOR:
            return value.numerator // value.denominator
        if self is Rounding.CEILING:
            return -(-value.numerator // value.denominator)
        if self is Rounding.HALF_UP:
            return (value + Fraction(1, 2)).__floor__()
        return round(value)  # Fraction.__round__ rounds halves to even


_PARSE = re.compile(r"(?:[¥\\]\s*)?(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?:\s*円)?", re.ASCII)


def _amount(value: object) -> int:
    """The whole number of yen *value* stands for, or an error naming it."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        hint = " (use Yen.parse for text)" if isinstance(value, str) else ""
        raise WrongType(
            f"'amount' must be whole yen as an int or a whole Decimal{hint} "
            f"(got {type(value).__name__} {as_written(value)})",
            field="amount",
            rule="must be whole yen as an int or a whole Decimal",
            value=value,
        )
    if isinstance(value, Decimal):
        if not value.is_finite() or value != value.to_integral_value():
            raise InvalidInput.for_field("amount", "must be a whole number of yen", value)
        if value.adjusted() >= 18:  # 1E+999999999 is never written out
            raise _too_much(value, f"{value:E}")
        value = int(value)
    if value < 0:
        raise InvalidInput.for_field("amount", "must not be negative", value)
    if value > MAX_YEN:
        raise _too_much(value, _digits(value))
    return value


def _digits(value: int) -> str:
    """A large whole number as a message shows it: itself up to 30 digits, else its length."""
    if value < 10**30:
        return as_written(value)
    if value.bit_length() < 13_000:  # Python writes ints of up to 4,300 digits
        return f"a whole number of {len(str(value)):,} digits"
    return f"a whole number of about {value.bit_length() * 0.30103:,.0f} digits"


def _too_much(value: object, shown: str) -> OutOfRange:
    """The error of an amount over :data:`MAX_YEN`, *value* shown as *shown*.

    (Too long to write out, it is shown by its length: Python writes no int of more than
    4,300 digits.)
    """
    rule = f"must be at most ¥{MAX_YEN:,}"
    return OutOfRange(f"'amount' {rule} (got {shown})", field="amount", rule=rule, value=value)


def _whole(other: object) -> int | None:
    """The ``int`` that *other* compares as, if it is whole yen or an integer (never a bool)."""
    if isinstance(other, Yen):
        return other.amount
    if isinstance(other, numbers.Integral) and not isinstance(other, bool):
        return int(other)
    return None


@final
@attrs.frozen(eq=False, repr=False)
class Yen:
    """A non-negative amount of whole yen.

    A ``Yen`` equals, orders with and hashes like the ``int`` of the same yen (``Yen(5) == 5``,
    ``Yen(5) < 10``, ``hash(Yen(5)) == hash(5)``), so counting amounts at a cap or sorting a
    column that mixes both works as it reads. Floats compare with nothing: money is never a float.
    Arithmetic stays between amounts: ``Yen(1) + 1`` is refused, as is any float.

    Args:
        amount: an ``int`` or a whole ``Decimal``; floats, bools and text are refused
            (text goes through :meth:`parse`).

    >>> Yen(1.5)
    Traceback (most recent call last):
    ...
    jetrules.errors.WrongType: 'amount' must be whole yen as an int ... (got float 1.5)
    """

    amount: int = attrs.field(converter=_amount)

    @classmethod
    def parse(cls, text: str) -> Yen:
        r"""Read an amount written as ``30000``, ``30,000``, ``¥30,000`` or ``30,000円``.

        Full-width forms (``￥３０，０００``) are read the same way, and so is a backslash
        before the digits (``\30,000``): Shift_JIS / CP932 files store the yen sign as the byte
        that decodes to a backslash.

        >>> Yen.parse(" ¥30,000 ")
        Yen(30000)
        """
        if not isinstance(text, str):
            raise WrongType.for_field("amount", "must be text to parse", text)
        # NFKC folds full-width digits, commas and the full-width yen sign to their ASCII forms.
        match = _PARSE.fullmatch(unicodedata.normalize("NFKC", text).strip())
        if match is None:
            raise InvalidInput.for_field(
                "amount", "must be whole yen such as 30000, 30,000 or ¥30,000", text
            )
        return cls(int(match["digits"].replace(",", "")))

    @classmethod
    def of(cls, value: Yen | int | Decimal | str) -> Yen:
        """Convert *value* to :class:`Yen`: a converter for fields that hold money.

        >>> Yen.of("1,000"), Yen.of(1000), Yen.of(Yen(1000))
        (Yen(1000), Yen(1000), Yen(1000))
        """
        if isinstance(value, Yen):
            return value
        if isinstance(value, str):
            return cls.parse(value)
        return cls(value)

    def times(self, rate: Fraction | int, rounding: Rounding = Rounding.FLOOR) -> Yen:
        """Multiply by an exact *rate*, then round with the named *rounding*.

        >>> Yen(7_001).times(Fraction(1, 2)), Yen(7_001).times(Fraction(1, 2), Rounding.HALF_UP)
        (Yen(3500), Yen(3501))
        """
        if isinstance(rate, bool) or not isinstance(rate, Fraction | int):
            rule = "must be an int or a Fraction such as Fraction(1, 2) (not a float or a Decimal)"
            raise WrongType.for_field("rate", rule, rate)
        if rate < 0:
            raise InvalidInput.for_field("rate", "must not be negative", rate)
        if not isinstance(rounding, Rounding):
            raise WrongType.for_field("rounding", "must be a Rounding", rounding)
        return Yen(rounding.apply(Fraction(self.amount) * rate))

    def __mul__(self, rate: Fraction | int) -> Yen:
        """Multiply by *rate*, rounding down: use :meth:`times` to name another rounding."""
        return self.times(rate)

    __rmul__ = __mul__

    def __add__(self, other: Yen) -> Yen:
        if not isinstance(other, Yen):
            return NotImplemented
        return Yen(self.amount + other.amount)

    def __radd__(self, other: int) -> Yen:
        # Lets the built-in sum() start from its default 0.
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return self
        return NotImplemented

    def __sub__(self, other: Yen) -> Yen:
        if not isinstance(other, Yen):
            return NotImplemented
        if other.amount > self.amount:
            raise InvalidInput(
                f"{self} - {other} would be negative; yen amounts are never negative",
                field="amount",
                rule="must not be negative",
                value=self.amount - other.amount,
            )
        return Yen(self.amount - other.amount)

    # attrs would compare a Yen with Yen only, and salt the hash with the class: written here so
    # that a Yen is interchangeable with the int of the same yen (eq=False above).
    def __eq__(self, other: object) -> bool:
        whole = _whole(other)
        return NotImplemented if whole is None else self.amount == whole

    def __lt__(self, other: Yen | int) -> bool:
        whole = _whole(other)
        return NotImplemented if whole is None else self.amount < whole

    def __le__(self, other: Yen | int) -> bool:
        whole = _whole(other)
        return NotImplemented if whole is None else self.amount <= whole

    def __gt__(self, other: Yen | int) -> bool:
        whole = _whole(other)
        return NotImplemented if whole is None else self.amount > whole

    def __ge__(self, other: Yen | int) -> bool:
        whole = _whole(other)
        return NotImplemented if whole is None else self.amount >= whole

    def __hash__(self) -> int:
        return hash(self.amount)

    def __bool__(self) -> bool:
        return self.amount != 0

    def __int__(self) -> int:
        return self.amount

    def __repr__(self) -> str:
        return f"Yen({self.amount})"

    def __str__(self) -> str:
        return f"¥{self.amount:,}"

    def __format__(self, spec: str) -> str:
        """``f"{yen}"`` is ``¥1,000``; with a format of its own, the yen as a number is formatted.

        >>> amount = Yen(1_000)
        >>> f"{amount}", f"{amount:,}", f"{amount:>8}"
        ('¥1,000', '1,000', '    1000')
        """
        return str(self) if not spec else format(self.amount, spec)

    def __jetrules_display__(self) -> str:
        """How error messages show the amount: ``¥1,000``, as people write it."""
        return str(self)
