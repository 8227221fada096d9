"""Skype Counselling terms by fiscal year, their reasons, and the checks on a start time.

Private: :mod:`jetrules.booking` is its face.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, final

import attrs
import pendulum

from jetrules.calendar import SERVICE_CALENDAR, FiscalYear
from jetrules.errors import InvalidInput, NoRuleInForce, Refused, WrongType
from jetrules.text import Label, Lang, ReasonTemplate, Source, check_templates

__all__ = [
    "EDITIONS",
    "NO_PUBLISHED_LIMIT",
    "REASONS",
    "BookingTerms",
    "check_start",
    "terms_for",
]

SEED_TEXT = Source(
    title="CLAIR's Mental Health Support (FY2019 text)",
    url="https://ajetpsg.com/clair-counselling",
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
CLAIR_NEWS_APRIL_2020 = Source(
    title="CLAIR News, April 2020",
    url="https://jetprogramme.org/en/clairnewsapril2020",
    quote="up to seven ... from 1 April 2020 to 31 March 2021",
)
CLAIR_NEWS_JUNE_2023 = Source(
    title="CLAIR News, June 2023",
    url="https://jetprogramme.org/en/clairnewsjune2023",
    quote="up to 7 Skype sessions ... 1 April 2023 - 31 March 2024",
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


@final
@attrs.frozen(kw_only=True)
class BookingTerms:
    """The Skype Counselling terms of one fiscal year, with the sources they come from.

    Reading chosen for the service hours: the sources say "sessions can be scheduled until 21:30,
    Monday to Friday". We read 21:30 as the time by which a session must *end* (so a 40-minute
    session starts at 20:50 at the latest), the reading that never books a counsellor past the
    published hours. The days are the business days of ``SERVICE_CALENDAR`` (Monday to Friday,
    without national holidays and 29 December to 3 January). No source names an opening hour,
    so none is enforced.

    Attributes:
        fiscal_year: the year the terms apply to (the fiscal year of a session's start in Tokyo).
        session_minutes: the lengths a session can be booked for.
        max_preferred_times: how many preferred start times a sign-up may name.
        lead_business_days: a preferred time must fall on or after the day this many business
            days after the day of the request.
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
    sessions_end_by: dt.time = attrs.field()
    yearly_session_limit: int | None = attrs.field(validator=_optional_limit)
    sources: tuple[Source, ...]

    @sessions_end_by.validator
    def _naive_time(self, attribute: attrs.Attribute[dt.time], value: dt.time) -> None:
        if not isinstance(value, dt.time) or value.tzinfo is not None:
            raise WrongType.for_field(attribute.name, "must be a time of day without a zone", value)

    def limit_text(self, lang: Lang) -> str:
        """The yearly limit as text: the number, or "no published limit".

        >>> terms_for(FiscalYear(2019)).limit_text("ja")
        '公表された上限なし'
        """
        if self.yearly_session_limit is None:
            return NO_PUBLISHED_LIMIT.render(lang)
        return str(self.yearly_session_limit)

    @property
    def source(self) -> Source:
        """The source of the yearly limit (or of the terms, where no limit is published)."""
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


def terms_for(fiscal_year: FiscalYear, editions: Sequence[BookingTerms] = EDITIONS) -> BookingTerms:
    """The terms in force in *fiscal_year*, from *editions* (the published ones by default).

    >>> terms_for(FiscalYear(2021))
    Traceback (most recent call last):
    ...
    jetrules.errors.NoRuleInForce: no Skype Counselling terms are published for FY2021; ...
    """
    for terms in editions:
        if terms.fiscal_year == fiscal_year:
            return terms
    known = ", ".join(str(terms.fiscal_year) for terms in editions) or "none"
    raise NoRuleInForce(
        f"no Skype Counselling terms are published for {fiscal_year}; editions exist for {known}"
        " (pass editions= with terms of your own to use others)"
    )


LENGTH_NOT_OFFERED = ReasonTemplate(
    "LENGTH_NOT_OFFERED",
    en="A {minutes}-minute session is not offered in {fiscal_year}; sessions last {lengths} "
    "minutes.",
    ja="{fiscal_year}に{minutes}分のセッションはありません。セッションは{lengths}分です。",
)
TOO_MANY_TIMES = ReasonTemplate(
    "TOO_MANY_TIMES",
    en="A sign-up names {count} preferred times; at most {most} may be given.",
    ja="希望日時が{count}件あります。希望日時は{most}件までです。",
)
TOO_SOON = ReasonTemplate(
    "TOO_SOON",
    en="The time {time} is less than {lead} business days after the request of {requested}; "
    "the earliest day is {earliest}.",
    ja="希望日時{time}は申込み（{requested}）から{lead}営業日以上後でなければなりません。"
    "最も早い日は{earliest}です。",
)
CLOSED_DAY = ReasonTemplate(
    "CLOSED_DAY",
    en="The time {time} falls on a day without sessions ({why}); sessions run on business days, "
    "Monday to Friday.",
    ja="希望日時{time}はセッションのない日（{why}）です。セッションは月曜日から金曜日の営業日に"
    "行われます。",
)
AFTER_HOURS = ReasonTemplate(
    "AFTER_HOURS",
    en="A {minutes}-minute session at {time} would end after {end_by}; sessions must end by "
    "{end_by}.",
    ja="{time}からの{minutes}分のセッションは{end_by}を過ぎて終わります。セッションは{end_by}"
    "までに終わらなければなりません。",
)
NOT_A_PREFERENCE = ReasonTemplate(
    "NOT_A_PREFERENCE",
    en="The time {time} is not one of the sign-up's preferred times ({preferred}).",
    ja="{time}は申込みの希望日時（{preferred}）のいずれでもありません。",
)
LIMIT_REACHED = ReasonTemplate(
    "LIMIT_REACHED",
    en="{participant} has used or booked {taken} of the {limit} sessions of {fiscal_year}; "
    "no more can be booked before {next_start}.",
    ja="{participant}は{fiscal_year}のセッション{limit}回のうち{taken}回を利用または予約済みです。"
    "{next_start}まで新たな予約はできません。",
)
NOT_SCHEDULED = ReasonTemplate(
    "NOT_SCHEDULED",
    en="Appointment {id} is {status}; it can no longer be {action}.",
    ja="予約{id}は{status}のため、{action}できません。",
)
TOO_LATE_TO_RESCHEDULE = ReasonTemplate(
    "TOO_LATE_TO_RESCHEDULE",
    en="Appointment {id} starts at {start}; it can be rescheduled only by contact before then "
    "(contact at {contacted}).",
    ja="予約{id}は{start}開始のため、日時の変更はそれより前の連絡が必要です（連絡{contacted}）。",
)
LATE_CANCELLATION = ReasonTemplate(
    "LATE_CANCELLATION",
    en="Appointment {id} was cancelled at {contacted}, not before its start at {start}; it counts "
    "as a consultation of {minutes} minutes.",
    ja="予約{id}は開始（{start}）より前ではなく{contacted}に取り消されたため、{minutes}分の"
    "相談として数えます。",
)
MISSED = ReasonTemplate(
    "MISSED",
    en="Appointment {id} at {start} was missed; it counts as a consultation of {minutes} minutes.",
    ja="予約{id}（{start}）は無断欠席のため、{minutes}分の相談として数えます。",
)

REASONS: tuple[ReasonTemplate, ...] = check_templates(
    (
        LENGTH_NOT_OFFERED,
        TOO_MANY_TIMES,
        TOO_SOON,
        CLOSED_DAY,
        AFTER_HOURS,
        NOT_A_PREFERENCE,
        LIMIT_REACHED,
        NOT_SCHEDULED,
        TOO_LATE_TO_RESCHEDULE,
        LATE_CANCELLATION,
        MISSED,
    )
)
"""Every reason booking gives, each in English and Japanese."""


def show(instant: pendulum.DateTime) -> str:
    """*instant* in Tokyo as ``2020-01-09 10:00`` (the programme's zone, to the minute)."""
    return instant.in_timezone("Asia/Tokyo").format("YYYY-MM-DD HH:mm")


def check_start(
    start: pendulum.DateTime,
    *,
    minutes: int,
    requested_at: pendulum.DateTime,
    editions: Sequence[BookingTerms] = EDITIONS,
) -> BookingTerms:
    """Refuse *start* unless a session of *minutes* may be booked there, asked at *requested_at*.

    Returns the terms of the start's fiscal year. Raises ``Refused`` naming the time and the rule,
    or ``NoRuleInForce`` for a year without terms.
    """
    day = start.date()
    terms = terms_for(FiscalYear.of(day), editions)
    if minutes not in terms.session_minutes:
        raise Refused(
            LENGTH_NOT_OFFERED.with_params(
                minutes=minutes,
                fiscal_year=terms.fiscal_year,
                lengths=" / ".join(map(str, terms.session_minutes)),
                source=SEED_TEXT,
            )
        )
    earliest = SERVICE_CALENDAR.add_business_days(requested_at.date(), terms.lead_business_days)
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
    why = SERVICE_CALENDAR.closure_reason(day)
    if why is not None:
        raise Refused(CLOSED_DAY.with_params(time=show(start), why=why, source=HOURS_SOURCE))
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
