"""The Skype Counselling terms of one fiscal year, each parameter with where it comes from.

Private: :mod:`jetrules.booking` is its face. The editions themselves are data
(``jetrules/policy/booking.toml``, read by :mod:`jetrules._booking.editions`); this module holds
the class they are read into, whose validators are the only check on a parameter's value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, final

import attrs

from jetrules._booking.origin import citation, notes_for, origin_of
from jetrules._kernel.fields import LabelledEnum
from jetrules._kernel.policy import Change, changes, provenance_of
from jetrules._kernel.provenance import Origin, Parameter, Provenance
from jetrules.calendar import FiscalYear
from jetrules.errors import InvalidInput, WrongType
from jetrules.text import Label, Lang, Reason, Source

__all__ = ["NO_PUBLISHED_LIMIT", "BookingTerms", "HoursBound"]

NO_PUBLISHED_LIMIT = Label(en="no published limit", ja="公表された上限なし")
"""What accounting shows as the limit (and sessions left) of a year whose limit is unpublished."""


class HoursBound(LabelledEnum):
    """What must fall by the hour sessions are scheduled until (``sessions_end_by``)."""

    END = "end"
    """The session's end: the reading the bundled editions apply."""
    START = "start"
    """The session's start only."""

    @property
    def label(self) -> Label:
        """The bound in English and Japanese."""
        return _BOUND_LABELS[self]


_BOUND_LABELS = {
    HoursBound.END: Label(en="the session's end", ja="セッションの終了"),
    HoursBound.START: Label(en="the session's start", ja="セッションの開始"),
}


def _positive(value: object) -> bool:
    return not isinstance(value, bool) and isinstance(value, int) and value >= 1


def _positive_int(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Validator: one positive whole number (a list of them is refused: nothing reads one)."""
    if not _positive(value):
        raise InvalidInput.for_field(attribute.name, "must be a positive whole number", value)


def _positive_ints(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Validator: a non-empty tuple of positive whole numbers (a bare number is refused)."""
    if not isinstance(value, tuple) or not value or not all(map(_positive, value)):
        raise InvalidInput.for_field(attribute.name, "must be positive whole numbers", value)


def _optional_limit(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _positive_int(instance, attribute, value)


def _time_of_day(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, dt.time) or value.tzinfo is not None:
        raise WrongType.for_field(attribute.name, "must be a time of day without a zone", value)


def _optional_time_of_day(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _time_of_day(instance, attribute, value)


def _hours_leave_room(instance: Any, attribute: attrs.Attribute[Any], value: dt.time) -> None:
    """Validator of ``sessions_end_by``: some session can be booked between the two hours.

    An end of 00:00 ("until midnight") would end every session after it; an opening hour not
    before the end leaves no time. Each is refused naming the value that was set. A policy
    file's value is checked alone first (*instance* ``None``): the end only.
    """
    if value == dt.time(0):
        raise InvalidInput.for_field(
            attribute.name, "must be later than 00:00 (sessions end on the day they start)", value
        )
    opening = None if instance is None else instance.sessions_start_from
    if opening is not None and opening >= value:
        rule = f"must be before sessions_end_by ({value:%H:%M}), or no session can be booked"
        raise InvalidInput.for_field("sessions_start_from", rule, opening)


def _yes_or_no(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, bool):
        raise WrongType.for_field(attribute.name, "must be true or false", value)


def _hours_bound(value: object) -> object:
    """*value* as a :class:`HoursBound` when it names one (``"end"``); otherwise as given."""
    try:
        return HoursBound(value)
    except ValueError:
        return value


def _is_hours_bound(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, HoursBound):
        raise InvalidInput.for_field(attribute.name, "must be 'end' or 'start'", value)


def _minutes(value: object) -> object:
    """A list of lengths as a tuple (frozen values stay hashable); anything else as given."""
    return tuple(value) if isinstance(value, list) else value


@final
@attrs.frozen(kw_only=True)
class BookingTerms:
    """The Skype Counselling terms of one fiscal year, and where each of them comes from.

    Service hours, as read: the sources say "sessions can be scheduled until 21:30, Monday to
    Friday". Under the bundled reading (``hours_bound`` is ``end``) a session must **end** by
    21:30, so a 40-minute session starts at 20:50 at the latest and a 20-minute one at 21:10: the
    reading that never books a counsellor past the published hours. No source publishes an
    opening hour, so no edition has one (``sessions_start_from`` is ``None``). The days are
    business days: by default those of ``SERVICE_CALENDAR``; a sign-up may be checked against
    another calendar.

    Terms compare by their values; :attr:`parameters` (left out of comparisons) says where each
    value comes from, and :attr:`origin`, :attr:`changes` and :attr:`notes` are made from it.

    Attributes:
        fiscal_year: the year the terms apply to (the fiscal year of a session's start in Tokyo).
        session_minutes: the lengths a session can be booked for.
        max_preferred_times: how many preferred start times a sign-up may name.
        lead_business_days: a preferred time must fall on or after the day this many business
            days after the day of the request.
        sessions_start_from: the earliest time of day a session may start, Asia/Tokyo; ``None``
            where no opening hour is published (then none is applied).
        sessions_end_by: the time of day sessions are scheduled until, Asia/Tokyo.
        hours_bound: what must fall by ``sessions_end_by``: the session's end or its start.
        closed_on_holidays: whether sessions keep to the calendar's business days (closed on
            holidays and closures too), or only to its weekdays.
        yearly_session_limit: sessions per participant per fiscal year; ``None`` where no limit
            is published (accounting then says "no published limit" and refuses nothing).
        lead_time_for_reschedules: whether the lead time holds for a reschedule's new time too.
        confirm_only_preferred: whether only a preferred time of the sign-up can be confirmed.
        cancellation_without_contact_counts: whether a cancellation not contacted before the
            start (or a missed session) counts as a consultation.
        parameters: each parameter with its value and provenance, as the edition gives it.

    >>> from jetrules.booking import terms_for
    >>> terms_for(FiscalYear(2021)).yearly_session_limit
    7
    """

    fiscal_year: FiscalYear
    session_minutes: tuple[int, ...] = attrs.field(converter=_minutes, validator=_positive_ints)
    max_preferred_times: int = attrs.field(validator=_positive_int)
    lead_business_days: int = attrs.field(validator=_positive_int)
    sessions_start_from: dt.time | None = attrs.field(default=None, validator=_optional_time_of_day)
    sessions_end_by: dt.time = attrs.field(validator=[_time_of_day, _hours_leave_room])
    hours_bound: HoursBound = attrs.field(converter=_hours_bound, validator=_is_hours_bound)
    closed_on_holidays: bool = attrs.field(validator=_yes_or_no)
    yearly_session_limit: int | None = attrs.field(validator=_optional_limit)
    lead_time_for_reschedules: bool = attrs.field(validator=_yes_or_no)
    confirm_only_preferred: bool = attrs.field(validator=_yes_or_no)
    cancellation_without_contact_counts: bool = attrs.field(validator=_yes_or_no)
    parameters: tuple[Parameter, ...] = attrs.field(default=(), eq=False, repr=False)

    def limit_text(self, lang: Lang) -> str:
        """The yearly limit as text: the number, or "no published limit".

        >>> from jetrules.booking import terms_for
        >>> terms_for(FiscalYear(2019)).limit_text("ja")
        '公表された上限なし'
        """
        if self.yearly_session_limit is None:
            return NO_PUBLISHED_LIMIT.render(lang)
        return str(self.yearly_session_limit)

    @property
    def provenance(self) -> Mapping[str, Provenance]:
        """Where each parameter comes from, by name."""
        return provenance_of(self.parameters)

    @property
    def origin(self) -> str:
        """``assumed``, ``supplied`` (values that differ from the published ones) or ``published``.

        >>> from jetrules.booking import terms_for
        >>> terms_for(FiscalYear(2024), assume=FiscalYear(2023)).origin
        'assumed'
        """
        return origin_of(self._applied())

    @property
    def changes(self) -> tuple[Change, ...]:
        """Each supplied parameter whose value differs from the published one."""
        return changes(self._applied())

    @property
    def assumed(self) -> tuple[tuple[str, FiscalYear], ...]:
        """Each parameter assumed from another year's published terms, with that year."""
        return tuple(
            (parameter.name, parameter.provenance.assumed_from)
            for parameter in self._applied()
            if parameter.provenance.assumed_from is not None
            and parameter.provenance.origin is Origin.ASSUMED
        )

    @property
    def notes(self) -> tuple[Reason, ...]:
        """``ASSUMED_TERMS`` and ``SUPPLIED_TERMS`` reasons for what was not published as applied.

        Every decision and usage made under these terms carries them.
        """
        return notes_for(self.fiscal_year, self._applied())

    def citation(self, name: str) -> Source | None:
        """What a reason resting on parameter *name* cites (``None`` when nothing says where).

        A published or assumed value cites its source; a reading cites the reading; a supplied
        value cites the caller, with the published value it replaces, never the source.

        >>> from jetrules.booking import terms_for
        >>> terms_for(FiscalYear(2020)).citation("yearly_session_limit").title
        'CLAIR News, April 2020'
        """
        for parameter in self._applied():
            if parameter.name == name:
                return citation(parameter)
        return None

    @property
    def limit_source(self) -> Source | None:
        """What the yearly limit rests on (a source, a reading, or the caller's own value)."""
        return self.citation("yearly_session_limit")

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source a published or assumed value of these terms rests on, once each."""
        found: list[Source] = []
        for parameter in self._applied():
            source = parameter.provenance.source
            published = parameter.provenance.origin in (Origin.PUBLISHED, Origin.ASSUMED)
            if published and source is not None and source not in found:
                found.append(source)
        return tuple(found)

    def _applied(self) -> tuple[Parameter, ...]:
        """The parameters whose recorded value is the one these terms hold.

        A value changed with ``attrs.evolve`` no longer rests on its parameter's source.
        """
        return tuple(
            parameter
            for parameter in self.parameters
            if getattr(self, parameter.name, None) == parameter.value
        )
