"""Fiscal years: 1 April to 31 March (private: ``calendar`` and the package are its faces).

In the kernel, not beside the holiday rules: every family's editions are keyed by fiscal year, and
``import jetrules`` (which gives ``FiscalYear``) loads no holiday or business-day code.
"""

from __future__ import annotations

import datetime as dt
from typing import final

import attrs
import pendulum

from jetrules._kernel.dates import DateLike, to_date
from jetrules._labels import Label, Lang
from jetrules.errors import InvalidInput, OutOfRange, WrongType

__all__ = ["FiscalYear", "fiscal_year_of", "to_fiscal_year"]

_FIRST_FISCAL_YEAR = 1
_LAST_FISCAL_YEAR = 9998  # ends 9999-03-31, the last whole fiscal year a date can hold
_FIRST_FISCAL_DAY = dt.date(_FIRST_FISCAL_YEAR, 4, 1)
_LAST_FISCAL_DAY = dt.date(_LAST_FISCAL_YEAR + 1, 3, 31)


def _fiscal_year_number(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise WrongType.for_field("year", "must be an int such as 2019", value)
    if not _FIRST_FISCAL_YEAR <= value <= _LAST_FISCAL_YEAR:
        raise OutOfRange.for_field(
            "year", f"must be from {_FIRST_FISCAL_YEAR} to {_LAST_FISCAL_YEAR}", value
        )
    return value


def fiscal_year_of(day: DateLike, field: str) -> FiscalYear:
    """The fiscal year of *day*; errors name *field* (the command line names its DATE)."""
    date = to_date(day, field)
    if not _FIRST_FISCAL_DAY <= date <= _LAST_FISCAL_DAY:
        raise OutOfRange.for_field(
            field,
            f"must be from {_FIRST_FISCAL_DAY} to {_LAST_FISCAL_DAY}, the days of whole fiscal "
            f"years FY{_FIRST_FISCAL_YEAR} to FY{_LAST_FISCAL_YEAR}",
            day,
        )
    return FiscalYear(date.year if date.month >= 4 else date.year - 1)


def _year_of(other: object) -> int | None:
    """The year *other* compares as: a fiscal year's, or an ``int`` (never a bool)."""
    if other.__class__ is FiscalYear:
        return other.year
    if isinstance(other, int) and not isinstance(other, bool):
        return other
    return None


@final
@attrs.frozen(eq=False, repr=False)
class FiscalYear:
    """A Japanese fiscal year: ``FiscalYear(2019)`` runs from 2019-04-01 to 2020-03-31.

    Fiscal years order by their year; ``day in fiscal_year`` is :meth:`contains`. A fiscal year
    equals, orders with and hashes like the ``int`` of its year, as records write it
    (``FiscalYear(2019) == 2019``), so that ``[s for s in ledger if s.fiscal_year == 2019]``
    finds what it reads as; text (``"FY2019"``) is read with :meth:`parse`.

    >>> FiscalYear(2019) == 2019, FiscalYear(2019) < 2020, {FiscalYear(2019): "a"}[2019]
    (True, True, 'a')
    """

    year: int = attrs.field(converter=_fiscal_year_number)

    def __eq__(self, other: object) -> bool:
        year = _year_of(other)
        return NotImplemented if year is None else self.year == year

    def __lt__(self, other: FiscalYear | int) -> bool:
        year = _year_of(other)
        return NotImplemented if year is None else self.year < year

    def __le__(self, other: FiscalYear | int) -> bool:
        year = _year_of(other)
        return NotImplemented if year is None else self.year <= year

    def __gt__(self, other: FiscalYear | int) -> bool:
        year = _year_of(other)
        return NotImplemented if year is None else self.year > year

    def __ge__(self, other: FiscalYear | int) -> bool:
        year = _year_of(other)
        return NotImplemented if year is None else self.year >= year

    def __hash__(self) -> int:
        return hash(self.year)

    @classmethod
    def of(cls, day: DateLike) -> FiscalYear:
        """The fiscal year *day* belongs to.

        Days from 0001-04-01 to 9999-03-31 have one (FY1 to FY9998); others raise
        :class:`~jetrules.errors.OutOfRange` naming ``day``.

        >>> FiscalYear.of("2019-04-01")
        FiscalYear(2019)
        >>> FiscalYear.of("9999-12-31")
        Traceback (most recent call last):
        ...
        jetrules.errors.OutOfRange: 'day' must be from 0001-04-01 to 9999-03-31, ...'9999-12-31')
        """
        return fiscal_year_of(day, "day")

    @classmethod
    def parse(cls, text: str) -> FiscalYear:
        """Read ``"FY2019"``, ``"2019"`` or ``"2019年度"``: a year of four digits.

        ``"FY20"`` is refused, not read as the fiscal year 20: whoever typed it meant FY2020 or
        FY1920, and a rule applied to either would be wrong without a word.

        >>> FiscalYear.parse("FY2019")
        FiscalYear(2019)
        >>> FiscalYear.parse("FY20")
        Traceback (most recent call last):
        ...
        jetrules.errors.InvalidInput: 'fiscal_year' must be written FY2019, ... (got 'FY20')
        """
        raw = text.strip() if isinstance(text, str) else ""
        digits = raw.removeprefix("FY").removeprefix("fy").removesuffix("年度")
        if not (digits.isascii() and digits.isdigit() and len(digits) == 4):
            raise InvalidInput.for_field(
                "fiscal_year", "must be written FY2019, 2019 or 2019年度", text
            )
        return cls(int(digits))

    @property
    def start(self) -> pendulum.Date:
        """The first day, 1 April."""
        return pendulum.Date(self.year, 4, 1)

    @property
    def end(self) -> pendulum.Date:
        """The last day, 31 March of the next calendar year."""
        return pendulum.Date(self.year + 1, 3, 31)

    def contains(self, day: DateLike) -> bool:
        """Whether *day* falls in this fiscal year.

        >>> FiscalYear(2019).contains("2020-03-31")
        True
        """
        return self.start <= to_date(day, "day") <= self.end

    def __contains__(self, day: DateLike) -> bool:
        return self.contains(day)

    def next(self) -> FiscalYear:
        """The fiscal year after this one."""
        return FiscalYear(self.year + 1)

    def previous(self) -> FiscalYear:
        """The fiscal year before this one."""
        return FiscalYear(self.year - 1)

    @property
    def label(self) -> Label:
        """``FY2019`` in English, ``2019年度`` in Japanese."""
        return Label(en=f"FY{self.year}", ja=f"{self.year}年度")

    def render(self, lang: Lang) -> str:
        """The fiscal year's name in *lang*."""
        return self.label.render(lang)

    def __repr__(self) -> str:
        return f"FiscalYear({self.year})"

    def __str__(self) -> str:
        return f"FY{self.year}"


def to_fiscal_year(value: FiscalYear | int | str, field: str = "fiscal_year") -> FiscalYear:
    """*value* as a :class:`FiscalYear`: ``2019``, ``"FY2019"``, ``"2019年度"`` or the year itself.

    Every API that asks for a fiscal year takes it through here, so the text the records carry
    (``"FY2019"``) is accepted wherever a fiscal year is.

    >>> to_fiscal_year(2019), to_fiscal_year("FY2020"), to_fiscal_year(FiscalYear(2021))
    (FiscalYear(2019), FiscalYear(2020), FiscalYear(2021))
    >>> to_fiscal_year(2019.0)
    Traceback (most recent call last):
    ...
    jetrules.errors.WrongType: 'fiscal_year' must be a FiscalYear, an int such as 2019 or ...
    """
    if isinstance(value, FiscalYear):
        return value
    if isinstance(value, str):
        try:
            return FiscalYear.parse(value)
        except InvalidInput:
            raise InvalidInput.for_field(
                field, "must be written FY2019, 2019 or 2019年度", value
            ) from None
    if isinstance(value, bool) or not isinstance(value, int):
        raise WrongType.for_field(
            field, "must be a FiscalYear, an int such as 2019 or text such as FY2019", value
        )
    return FiscalYear(value)
