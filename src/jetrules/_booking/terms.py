"""Skype Counselling terms by fiscal year, their sources, and the checks on a start time.

Private: :mod:`jetrules.booking` is its face.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, final

import attrs
import pendulum

from jetrules._booking.reasons import (
    AFTER_HOURS,
    BEFORE_HOURS,
    CLOSED_DAY,
    LENGTH_NOT_OFFERED,
    TOO_SOON,
    lengths_label,
    show,
)
from jetrules._kernel import sources
from jetrules._kernel.editions import edition_for, editions_of
from jetrules._kernel.sources import citing
from jetrules.calendar import SERVICE_CALENDAR, BusinessCalendar, FiscalYear
from jetrules.errors import InvalidInput, Refused, WrongType
from jetrules.text import Label, Lang, Source

__all__ = [
    "EDITIONS",
    "HOURS_SOURCE",
    "LEAD_TIME_SOURCE",
    "NO_PUBLISHED_LIMIT",
    "SEED_TEXT",
    "BookingTerms",
    "check_length",
    "check_start",
    "editions_tuple",
    "terms_for",
]

SEED_TEXT = citing(
    sources.SEED_TEXT,
    quote="up to 3 sessions you would like on the counselling sign-up form ... You can choose "
    "either a 20 or 40 minute session. ... In cases of cancellation without any contact in "
    "advance, that cancellation will count as a consultation.",
)
LEAD_TIME_SOURCE = Source(
    title="Kagoshima JET wiki, JET Online Counselling",
    url="https://kagoshimajetprogrammetest.wordpress.com/jet-online-counselling",
    quote="Booking at least four business days ahead.",
)
HOURS_SOURCE = Source(
    title="HAJET, Mental Health Counseling",
    url="https://hajet.org/mental-health-counseling",
    quote="Sessions can be scheduled until 21:30, Monday to Friday.",
)
CLAIR_NEWS_APRIL_2020 = citing(
    sources.CLAIR_NEWS_APRIL_2020, quote="up to seven ... from 1 April 2020 to 31 March 2021"
)
CLAIR_NEWS_JUNE_2023 = citing(
    sources.CLAIR_NEWS_JUNE_2023, quote="up to 7 Skype sessions ... 1 April 2023 - 31 March 2024"
)

NO_PUBLISHED_LIMIT = Label(en="no published limit", ja="公表された上限なし")
"""What accounting shows as the limit (and sessions left) of a year whose limit is unpublished."""


def _positive_ints(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    values = value if isinstance(value, tuple) else (value,)
    if not values or any(isinstance(v, bool) or not isinstance(v, int) or v < 1 for v in values):
        raise InvalidInput.for_field(attribute.name, "must be positive whole numbers", value)


def _optional_limit(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _positive_ints(instance, attribute, value)


def _time_of_day(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, dt.time) or value.tzinfo is not None:
        raise WrongType.for_field(attribute.name, "must be a time of day without a zone", value)


def _optional_time_of_day(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _time_of_day(instance, attribute, value)


@final
@attrs.frozen(kw_only=True)
class BookingTerms:
    """The Skype Counselling terms of one fiscal year, with the sources they come from.

    Service hours, as read: the sources say "sessions can be scheduled until 21:30, Monday to
    Friday". A session must **end** by 21:30 (``sessions_end_by``), so a 40-minute session starts
    at 20:50 at the latest and a 20-minute one at 21:10: the reading that never books a counsellor
    past the published hours. No source publishes an opening hour, so no edition has one
    (``sessions_start_from`` is ``None``) and no start is refused for being too early in the day.
    The days are business days: by default those of ``SERVICE_CALENDAR`` (Monday to Friday,
    without national holidays and 29 December to 3 January); a sign-up may be checked against
    another calendar (a newer official holiday list, the provider's own closures).

    Attributes:
        fiscal_year: the year the terms apply to (the fiscal year of a session's start in Tokyo).
        session_minutes: the lengths a session can be booked for.
        max_preferred_times: how many preferred start times a sign-up may name.
        lead_business_days: a preferred time must fall on or after the day this many business
            days after the day of the request.
        sessions_start_from: the earliest time of day a session may start, Asia/Tokyo; ``None``
            where no opening hour is published (then none is enforced).
        sessions_end_by: the latest time of day a session may end, Asia/Tokyo.
        yearly_session_limit: sessions per participant per fiscal year; ``None`` where no limit
            is published (accounting then says "no published limit" and refuses nothing).
        sources: where each term comes from.

    >>> terms_for(FiscalYear(2020)).yearly_session_limit
    7
    """

    fiscal_year: FiscalYear
    session_minutes: tuple[int, ...] = attrs.field(validator=_positive_ints)
    max_preferred_times: int = attrs.field(validator=_positive_ints)
    lead_business_days: int = attrs.field(validator=_positive_ints)
    sessions_start_from: dt.time | None = attrs.field(default=None, validator=_optional_time_of_day)
    sessions_end_by: dt.time = attrs.field(validator=_time_of_day)
    yearly_session_limit: int | None = attrs.field(validator=_optional_limit)
    sources: tuple[Source, ...]

    def limit_text(self, lang: Lang) -> str:
        """The yearly limit as text: the number, or "no published limit".

        >>> terms_for(FiscalYear(2019)).limit_text("ja")
        '公表された上限なし'
        """
        if self.yearly_session_limit is None:
            return NO_PUBLISHED_LIMIT.render(lang)
        return str(self.yearly_session_limit)

    @property
    def limit_source(self) -> Source:
        """The source of the yearly limit (or of the terms, where no limit is published).

        >>> terms_for(FiscalYear(2020)).limit_source.title
        'CLAIR News, April 2020'
        """
        return self.sources[-1]


_COMMON_SOURCES = (SEED_TEXT, LEAD_TIME_SOURCE, HOURS_SOURCE)


def _edition(year: int, limit: int | None, *extra: Source) -> BookingTerms:
    return BookingTerms(
        fiscal_year=FiscalYear(year),
        session_minutes=(20, 40),
        max_preferred_times=3,
        lead_business_days=4,
        sessions_end_by=dt.time(21, 30),
        yearly_session_limit=limit,
        sources=(*_COMMON_SOURCES, *extra),
    )


EDITIONS: tuple[BookingTerms, ...] = (
    # FY2019: the seed text (lengths, three preferred times, cancellation rule); no limit published.
    _edition(2019, None),
    # FY2020: "up to seven" sessions from 1 April 2020 to 31 March 2021.
    _edition(2020, 7, CLAIR_NEWS_APRIL_2020),
    # FY2021, FY2022: no source describes Skype Counselling in these years.
    # FY2023: "up to 7 Skype sessions" from 1 April 2023 to 31 March 2024.
    _edition(2023, 7, CLAIR_NEWS_JUNE_2023),
)
"""Every published edition, oldest first. Years without one raise ``NoRuleInForce``."""


def editions_tuple(values: Iterable[BookingTerms]) -> tuple[BookingTerms, ...]:
    """*values* as a tuple (the converter of every ``editions`` field: frozen values stay hashable).

    >>> editions_tuple([EDITIONS[0]]) == (EDITIONS[0],)
    True
    """
    return editions_of(values, BookingTerms)


def terms_for(fiscal_year: FiscalYear, editions: Sequence[BookingTerms] = EDITIONS) -> BookingTerms:
    """The terms in force in *fiscal_year*, from *editions* (the published ones by default).

    >>> terms_for(FiscalYear(2021))
    Traceback (most recent call last):
    ...
    jetrules.errors.NoRuleInForce: no Skype Counselling terms are published for FY2021; ...
    """
    return edition_for(
        fiscal_year,
        editions,
        service="Skype Counselling",
        hint="pass editions= with terms of your own to use others",
    )


def check_length(
    start: pendulum.DateTime, *, minutes: int, editions: Sequence[BookingTerms] = EDITIONS
) -> BookingTerms:
    """Refuse a session of *minutes* at *start* unless its fiscal year offers that length.

    Returns the terms of the start's fiscal year; raises ``NoRuleInForce`` for a year without
    terms, ``Refused`` (``LENGTH_NOT_OFFERED``) for a length the year does not offer.

    >>> check_length(pendulum.datetime(2020, 6, 10, 18, tz="Asia/Tokyo"), minutes=30)
    Traceback (most recent call last):
    ...
    jetrules.errors.Refused: A 30-minute session is not offered in FY2020; sessions last 20 or ...
    """
    terms = terms_for(FiscalYear.of(start.date()), editions)
    if minutes not in terms.session_minutes:
        raise Refused(
            LENGTH_NOT_OFFERED.with_params(
                minutes=minutes,
                fiscal_year=terms.fiscal_year,
                lengths=lengths_label(terms.session_minutes),
                source=SEED_TEXT,
            )
        )
    return terms


def check_start(
    start: pendulum.DateTime,
    *,
    minutes: int,
    requested_at: pendulum.DateTime,
    editions: Sequence[BookingTerms] = EDITIONS,
    calendar: BusinessCalendar = SERVICE_CALENDAR,
) -> BookingTerms:
    """Refuse *start* unless a session of *minutes* may be booked there, asked at *requested_at*.

    Returns the terms of the start's fiscal year. Raises ``Refused`` naming the time and the rule,
    or ``NoRuleInForce`` for a year without terms. The rules, in order: the length, the lead time,
    the day, the opening hour (where one is published), the hour the session must end by. The
    lead time and the day count the business days of *calendar*.
    """
    day = start.date()
    calendar = BusinessCalendar.check(calendar)
    terms = check_length(start, minutes=minutes, editions=editions)
    earliest = calendar.add_business_days(requested_at.date(), terms.lead_business_days)
    if day < earliest:
        raise Refused(
            TOO_SOON.with_params(
                time=show(start),
                lead=terms.lead_business_days,
                requested=show(requested_at),
                earliest=earliest.isoformat(),
                source=LEAD_TIME_SOURCE,
            )
        )
    why = calendar.closure_reason(day)
    if why is not None:
        raise Refused(CLOSED_DAY.with_params(time=show(start), why=why, source=HOURS_SOURCE))
    opening = terms.sessions_start_from
    if opening is not None and start.time() < opening:
        raise Refused(
            BEFORE_HOURS.with_params(
                time=show(start), start_from=opening.strftime("%H:%M"), source=HOURS_SOURCE
            )
        )
    end = start.add(minutes=minutes)
    if end.date() != day or end.time() > terms.sessions_end_by:
        raise Refused(
            AFTER_HOURS.with_params(
                minutes=minutes,
                time=show(start),
                end_by=terms.sessions_end_by.strftime("%H:%M"),
                source=HOURS_SOURCE,
            )
        )
    return terms
