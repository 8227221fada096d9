"""Converters at the boundary: dates and instants in, ``pendulum`` values out.

A ``datetime`` is a subclass of ``date`` and a naive ``datetime`` names no instant, so both are
refused where they would be ambiguous, with a message that says what to pass instead.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TypeAlias

import pendulum

from jetrules.errors import InvalidInput, OutOfRange, WrongType

__all__ = ["TOKYO", "DateLike", "InstantLike", "to_date", "to_instant"]

TOKYO = pendulum.timezone("Asia/Tokyo")
"""The programme's time zone: every day and deadline is read in it."""

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

DateLike: TypeAlias = dt.date | str
"""A ``datetime.date``, a ``pendulum.Date`` or an ISO 8601 date such as ``"2019-04-01"``."""

InstantLike: TypeAlias = dt.datetime | str
"""An aware ``datetime`` (``pendulum.DateTime`` too) or ISO 8601 text with an offset."""


def to_date(value: DateLike, field: str = "date") -> pendulum.Date:
    """Convert *value* to a ``pendulum.Date``, refusing datetimes and malformed text.

    >>> to_date("2019-04-01")
    Date(2019, 4, 1)
    >>> to_date(dt.datetime(2019, 4, 1, 9, 0))
    Traceback (most recent call last):
    ...
    jetrules.errors.WrongType: 'date' must be a date, not a datetime: ...
    """
    if isinstance(value, str):
        # Only the extended YYYY-MM-DD form: fromisoformat would also take 20190401 or 2019-W18-3.
        text = value.strip()
        try:
            if _ISO_DATE.fullmatch(text) is None:
                raise ValueError(text)
            value = dt.date.fromisoformat(text)
        except ValueError:
            raise InvalidInput.for_field(
                field, "must be an ISO date such as 2019-04-01", value
            ) from None
    if isinstance(value, dt.datetime):
        raise WrongType.for_field(
            field, "must be a date, not a datetime: pass .date() of it in the zone you mean", value
        )
    if not isinstance(value, dt.date):
        raise WrongType.for_field(field, "must be a date or an ISO date string", value)
    if type(value) is pendulum.Date:
        return value
    return pendulum.Date(value.year, value.month, value.day)


def to_instant(value: InstantLike, field: str = "at") -> pendulum.DateTime:
    """Convert *value* to an aware ``pendulum.DateTime`` in Asia/Tokyo, refusing naive ones.

    >>> to_instant("2019-12-27T01:00:00+00:00")
    DateTime(2019, 12, 27, 10, 0, 0, tzinfo=Timezone('Asia/Tokyo'))
    >>> to_instant("2019-12-27T10:00")
    Traceback (most recent call last):
    ...
    jetrules.errors.WrongType: 'at' must be an aware datetime with a zone or offset, ...
    """
    original = value
    if isinstance(value, str):
        try:
            if _ISO_DATE.match(value.strip()) is None:
                raise ValueError(value)
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise InvalidInput.for_field(
                field, "must be an ISO date-time such as 2019-12-27T10:00+09:00", value
            ) from None
    if not isinstance(value, dt.datetime):
        raise WrongType.for_field(field, "must be an aware datetime or ISO text", original)
    if value.tzinfo is None or value.utcoffset() is None:
        raise WrongType.for_field(
            field,
            "must be an aware datetime with a zone or offset, e.g. 2019-12-27T10:00+09:00",
            original,
        )
    try:
        return pendulum.instance(value).in_timezone(TOKYO)
    except OverflowError:
        raise OutOfRange.for_field(
            field,
            "must be an instant whose Asia/Tokyo date is from 0001-01-01 to 9999-12-31",
            original,
        ) from None
