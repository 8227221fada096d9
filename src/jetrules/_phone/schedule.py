"""The telephone counselling schedule of one fiscal year, and the sessions it opens (private).

:mod:`jetrules.phone` is the face. A schedule is built from the year's edition in the policy files
(:mod:`jetrules._phone.editions`): the regular monthly day and its hours, and the dated sessions
the year's sources announce (extra days, weekly runs), each with its hours. Each parameter keeps
its provenance, so every session says whether its schedule is the published one, another year's
assumed, or one the caller supplied, and which sources state the rules that open it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, final

import attrs
import pendulum

from jetrules._kernel.fiscal import FiscalYear, to_fiscal_year
from jetrules._kernel.policy import Change, TermsOrigin
from jetrules._kernel.provenance import Origin, Provenance, Reading
from jetrules._phone.session import PhoneSession, SessionKind, merged
from jetrules._phone.values import (
    Hours,
    MonthlyDay,
    WeeklyRun,
    to_days,
    to_hours,
    to_monthly_day,
    to_weekly_runs,
)
from jetrules.errors import InvalidInput, WrongType
from jetrules.text import Lang, Source

__all__ = ["PARAMETERS", "REQUIRED", "RULES", "SERVICE", "SERVICE_NAME", "PhoneSchedule"]

SERVICE = "phone"
"""The service's key in policy files: ``[[phone]]``."""

SERVICE_NAME = "telephone counselling"
"""The service's name in messages."""

RULES: Mapping[SessionKind, tuple[str, str]] = {
    SessionKind.REGULAR: ("regular_day", "regular_hours"),
    SessionKind.EXTRA: ("extra_dates", "extra_hours"),
    SessionKind.WEEKLY: ("weekly_runs", "weekly_hours"),
}
"""The parameters behind each kind of session: its days, and its hours."""


def _regular_hours(value: object) -> Hours:
    return to_hours(value, "regular_hours")


def _extra_dates(value: object) -> tuple[pendulum.Date, ...]:
    return to_days(value, "extra_dates")


def _extra_hours(value: object) -> Hours | None:
    return None if value is None else to_hours(value, "extra_hours")


def _weekly_hours(value: object) -> Hours | None:
    return None if value is None else to_hours(value, "weekly_hours")


PARAMETERS: Mapping[str, Callable[[object], object]] = MappingProxyType(
    {
        "regular_day": to_monthly_day,
        "regular_hours": _regular_hours,
        "extra_dates": _extra_dates,
        "extra_hours": _extra_hours,
        "weekly_runs": to_weekly_runs,
        "weekly_hours": _weekly_hours,
    }
)
"""Each parameter a ``[[phone]]`` edition may hold, with what reads its TOML value (text such as
``"third wednesday"`` and ``"17:30-21:00"``, lists of dates, weekly runs as tables with
``weekday``, ``first`` and ``last``), refusing a bad one with ``InvalidInput`` naming it."""

REQUIRED: tuple[str, ...] = ("regular_day", "regular_hours")
"""What a year's schedule must publish: its regular day and hours. The dated sessions are
announcements: a year has those its sources date, and none where none is announced."""


def _provenance(
    value: Mapping[str, Provenance] | Iterable[tuple[str, Provenance]],
) -> tuple[tuple[str, Provenance], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(items)


@final
@attrs.frozen(kw_only=True)
class PhoneSchedule:
    """The telephone line's schedule for one fiscal year.

    Get it with :func:`~jetrules.phone.terms_for`, which fills in :attr:`provenance`; a schedule
    made by hand has none, and its sessions count as supplied.

    Attributes:
        fiscal_year: the year the schedule covers.
        regular_day: the day of each month the line is open (the third Wednesday).
        regular_hours: the hours of those sessions.
        extra_dates: days of extra sessions, in the year.
        extra_hours: the hours of the extra sessions (needed when there are some).
        weekly_runs: runs of weekly sessions, in the year.
        weekly_hours: the hours of the weekly sessions (needed when there are runs).

    >>> from jetrules.phone import terms_for
    >>> schedule = terms_for(2020)
    >>> print(schedule.describe("en"))
    FY2020: the third Wednesday of each month, 17:30-21:00; extra sessions on 2020-04-22, 2020-04-28, 17:30-21:00; every Wednesday from 2021-01-13 to 2021-03-03, 17:30-21:00
    >>> len(schedule.sessions()), schedule.origin
    (20, 'published')
    """  # noqa: E501

    fiscal_year: FiscalYear = attrs.field(converter=to_fiscal_year)
    regular_day: MonthlyDay = attrs.field(converter=to_monthly_day)
    regular_hours: Hours = attrs.field(converter=_regular_hours)
    extra_dates: tuple[pendulum.Date, ...] = attrs.field(default=(), converter=_extra_dates)
    extra_hours: Hours | None = attrs.field(default=None, converter=_extra_hours)
    weekly_runs: tuple[WeeklyRun, ...] = attrs.field(default=(), converter=to_weekly_runs)
    weekly_hours: Hours | None = attrs.field(default=None, converter=_weekly_hours)
    _provenance: tuple[tuple[str, Provenance], ...] = attrs.field(
        default=(), converter=_provenance, repr=False
    )

    @_provenance.validator
    def _each_provenance(self, attribute: attrs.Attribute[Any], value: object) -> None:
        for name, provenance in self._provenance:
            if name not in _NAMES or not isinstance(provenance, Provenance):
                raise WrongType.for_field(
                    "provenance",
                    f"must map the schedule's parameters ({', '.join(_NAMES)}) to Provenance",
                    value,
                )

    def __attrs_post_init__(self) -> None:
        year = self.fiscal_year
        outside = [day for day in self.extra_dates if day not in year]
        outside += [
            day for run in self.weekly_runs for day in (run.first, run.last) if day not in year
        ]
        if outside:
            field = "extra_dates" if outside[0] in self.extra_dates else "weekly_runs"
            raise InvalidInput.for_field(
                field, f"must lie in {year} ({year.start} to {year.end})", outside[0]
            )
        for days, hours in (("extra_dates", "extra_hours"), ("weekly_runs", "weekly_hours")):
            if getattr(self, days) and getattr(self, hours) is None:
                raise InvalidInput.for_field(hours, f"must be given with {days}", None)

    @property
    def provenance(self) -> Mapping[str, Provenance]:
        """Each parameter's provenance by name (empty for a schedule made by hand)."""
        return dict(self._provenance)

    def value(self, name: str) -> object:
        """The value of parameter *name*."""
        if name not in _NAMES:
            raise InvalidInput.for_field("name", f"must be one of {', '.join(_NAMES)}", name)
        return getattr(self, name)

    @property
    def changes(self) -> tuple[Change, ...]:
        """Each supplied value that differs from the published one (a what-if), in order."""
        return tuple(
            Change(name=name, value=self.value(name), published=p.published)
            for name, p in self._provenance
            if p.origin is Origin.SUPPLIED and self.value(name) != p.published
        )

    @property
    def assumed(self) -> tuple[tuple[str, FiscalYear], ...]:
        """Each parameter assumed from another year, with that year."""
        return tuple(
            (name, p.assumed_from)
            for name, p in self._provenance
            if p.origin is Origin.ASSUMED and p.assumed_from is not None
        )

    @property
    def origin(self) -> str:
        """``assumed`` if a value was assumed, else ``supplied`` if one differs, else published."""
        return _origin(self, tuple(name for name, _ in self._provenance) or _NAMES)

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source the schedule's values rest on, once each, in parameter order."""
        return _sources(self._provenance)

    @property
    def readings(self) -> tuple[Reading, ...]:
        """Every reading the schedule's values rest on, once each, in parameter order."""
        found: dict[str, Reading] = {}
        for _, p in self._provenance:
            if p.reading is not None:
                found.setdefault(p.reading.key, p.reading)
        return tuple(found.values())

    def sessions(self) -> tuple[PhoneSession, ...]:
        """Every session of the year, in order of start; sessions that overlap are made one.

        The regular day of each month of the year, each extra date and each day of each weekly
        run, at its hours, as aware instants in Tokyo.
        """
        made = []
        for kind, days in self._days():
            made += [self._session(kind, day) for day in days]
        return merged(made)

    def _days(self) -> Iterator[tuple[SessionKind, Sequence[pendulum.Date]]]:
        start = self.fiscal_year.start
        months = [start.add(months=n) for n in range(12)]
        yield SessionKind.REGULAR, [self.regular_day.in_month(m.year, m.month) for m in months]
        yield SessionKind.EXTRA, self.extra_dates
        yield SessionKind.WEEKLY, [day for run in self.weekly_runs for day in run.days()]

    def _session(self, kind: SessionKind, day: pendulum.Date) -> PhoneSession:
        names = RULES[kind]
        hours: Hours = getattr(self, names[1])
        start, end = hours.on(day)
        provenance = dict(self._provenance)
        assumed = [provenance[n].assumed_from for n in names if n in provenance]
        changed = {change.name for change in self.changes}
        return PhoneSession(
            start=start,
            end=end,
            kinds=(kind,),
            origin=_origin(self, names),
            assumed_from=next((year for year in assumed if year is not None), None),
            sources=_sources((n, provenance[n]) for n in names if n in provenance),
            supplied=tuple(name for name in names if name in changed),
        )

    def describe(self, lang: Lang) -> str:
        """The schedule in one line of *lang*."""
        parts = [f"{self.regular_day.render(lang)}, {self.regular_hours}"]
        if self.extra_dates:
            days = ", ".join(day.isoformat() for day in self.extra_dates)
            parts.append(
                f"extra sessions on {days}, {self.extra_hours}"
                if lang == "en"
                else f"臨時開設 {days}、{self.extra_hours}"
            )
        parts += [f"{run.render(lang)}, {self.weekly_hours}" for run in self.weekly_runs]
        if lang == "en":
            return f"{self.fiscal_year}: " + "; ".join(parts)
        return f"{self.fiscal_year.render(lang)}：" + "；".join(
            part.replace(", ", "、") for part in parts
        )


_NAMES: tuple[str, ...] = tuple(name for pair in RULES.values() for name in pair)


def _origin(schedule: PhoneSchedule, names: Sequence[str]) -> str:
    """Where the values *names* of *schedule* come from, as a session or the schedule says it.

    A value with no provenance (a schedule made by hand) counts as supplied: nothing says it
    was published.
    """
    provenance = schedule.provenance
    found = [provenance.get(name) for name in names]
    if any(p is not None and p.origin is Origin.ASSUMED for p in found):
        return TermsOrigin.ASSUMED
    changed = {change.name for change in schedule.changes}
    if any(p is None or name in changed for name, p in zip(names, found, strict=True)):
        return TermsOrigin.SUPPLIED
    return TermsOrigin.PUBLISHED


def _sources(provenance: Iterable[tuple[str, Provenance]]) -> tuple[Source, ...]:
    found: dict[Source, None] = {}
    for _, p in provenance:
        if p.source is not None:
            found.setdefault(p.source)
    return tuple(found)
