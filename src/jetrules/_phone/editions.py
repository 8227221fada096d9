"""The telephone schedule's editions: the bundled policy file, a caller's policy, a year's schedule.

Private: :mod:`jetrules.phone` is the face. The editions are data, in ``jetrules/policy/phone.toml``
(read on first use, never at import): one edition per fiscal year whose schedule a dated source
publishes, each parameter with its source or our reading. :func:`terms_for` resolves a year's
schedule from them, laying a caller's :class:`~jetrules._kernel.policy.Policy` over them and, only
when the caller names a year to ``assume``, taking what the year does not publish from that
year's published schedule.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

import attrs

from jetrules._kernel.fiscal import FiscalYear, to_fiscal_year
from jetrules._kernel.lazy import LazyTuple
from jetrules._kernel.policy import Policy, merge, provenance_of, resolve
from jetrules._kernel.policyfile import (
    FIRST_YEAR,
    LAST_YEAR,
    bundled_text,
    parse_editions,
    parse_sources,
)
from jetrules._kernel.provenance import EditionRecord, Origin
from jetrules._phone.schedule import PARAMETERS, REQUIRED, SERVICE, SERVICE_NAME, PhoneSchedule
from jetrules.errors import (
    InvalidInput,
    InvalidRecords,
    NoRuleInForce,
    OutOfRange,
    RecordProblem,
    WrongType,
)

__all__ = [
    "EDITIONS",
    "bundled_editions",
    "check_policy",
    "editions",
    "schedule_of",
    "terms_for",
]


@functools.cache
def bundled_editions() -> tuple[EditionRecord, ...]:
    """The editions of the bundled ``phone.toml``, each checked by the schedule; read once.

    Raises:
        InvalidRecords: listing every problem of the file with its edition and key (a value the
            schedule refuses included), should the bundled file be malformed.
    """
    file = f"{SERVICE}.toml"
    book = parse_sources(bundled_text("sources"), "sources.toml")
    records = parse_editions(bundled_text(SERVICE), file, {SERVICE: PARAMETERS}, book).get(
        SERVICE, ()
    )
    problems = []
    for record in records:
        if set(REQUIRED) <= record.names():
            try:
                schedule_of(record)
            except InvalidInput as error:
                position = f"{SERVICE} {record.fiscal_year}"
                if error.field is not None:
                    position += f", {error.field}"
                problems.append(RecordProblem(position=position, message=str(error)))
    if problems:
        raise InvalidRecords(file, problems)
    return records


def schedule_of(record: EditionRecord) -> PhoneSchedule:
    """The schedule a complete edition *record* gives (the attrs class checks every value)."""
    unknown = sorted(record.names() - PARAMETERS.keys())
    if unknown:
        raise InvalidInput.for_field(
            unknown[0],
            f"is not a {SERVICE_NAME} parameter (known: {', '.join(PARAMETERS)})",
            record.value(unknown[0]),
        )
    values = {parameter.name: parameter.value for parameter in record.parameters}
    return PhoneSchedule(
        fiscal_year=record.fiscal_year,
        provenance=provenance_of(record.parameters),
        **values,  # the class checks each
    )


def _complete(record: EditionRecord) -> bool:
    return set(REQUIRED) <= record.names()


def _published() -> tuple[PhoneSchedule, ...]:
    return tuple(schedule_of(record) for record in bundled_editions() if _complete(record))


EDITIONS: LazyTuple[PhoneSchedule] = LazyTuple(_published)
"""Every published schedule, oldest first: FY2020 (read from the policy file on first use)."""


def check_policy(policy: object) -> Policy | None:
    """*policy*, checked to be a :class:`Policy` (or None)."""
    if policy is None or isinstance(policy, Policy):
        return policy
    raise WrongType.for_field("policy", "must be a Policy (see jetrules.policy.load)", policy)


def editions(policy: Policy | None = None) -> tuple[EditionRecord, ...]:
    """The bundled editions with *policy*'s telephone editions laid over them, in year order.

    >>> [str(edition.fiscal_year) for edition in editions()]
    ['FY2020']
    """
    checked = check_policy(policy)
    bundled = bundled_editions()
    if checked is None or not checked.editions(SERVICE):
        return bundled
    readings = {
        (record.fiscal_year, parameter.name): parameter.value
        for record in bundled
        for parameter in record.parameters
        if parameter.provenance.origin is Origin.READING
    }
    return tuple(
        _readings_remembered(record, readings)
        for record in merge(bundled, checked.editions(SERVICE))
    )


def _readings_remembered(
    record: EditionRecord, readings: Mapping[tuple[FiscalYear, str], object]
) -> EditionRecord:
    """*record* with each supplied value remembering the bundled reading's value it replaces.

    ``merge`` remembers only published values; a reading's value (the extra sessions' hours) is
    the bundled schedule's too, so supplying the same value is no what-if.
    """
    parameters = []
    for parameter in record.parameters:
        key = (record.fiscal_year, parameter.name)
        provenance = parameter.provenance
        if provenance.origin is Origin.SUPPLIED and key in readings:
            provenance = attrs.evolve(provenance, published=readings[key])
        parameters.append(attrs.evolve(parameter, provenance=provenance))
    return attrs.evolve(record, parameters=tuple(parameters))


def _hint(records: Sequence[EditionRecord]) -> str:
    complete = [record.fiscal_year.year for record in records if _complete(record)]
    if not complete:
        return "supply a schedule with policy= (--policy FILE)"
    year = max(complete)
    return (
        f"assume another year's published schedule with assume=FiscalYear({year}) "
        f"(--assume-terms-from {year} on the command line), or supply one with policy= "
        "(--policy FILE)"
    )


def _missing_message(
    year: FiscalYear, records: Sequence[EditionRecord], missing: Sequence[str]
) -> str:
    """What a year without a schedule lacks, and which years publish one (*records*: those)."""
    published = [str(r.fiscal_year) for r in records if _complete(r)]
    where = (
        f"schedules are published for {', '.join(published)} only"
        if published
        else "no year's schedule is published"
    )
    return (
        f"no {SERVICE_NAME} schedule is published for {year}: it needs {', '.join(missing)}, "
        f"and {where}; {_hint(records)}"
    )


def _schedule(year: FiscalYear, policy: Policy | None, assume: FiscalYear | None) -> PhoneSchedule:
    records = editions(policy)
    if assume is None:
        held = {name for r in records if r.fiscal_year == year for name in r.names()}
        missing = [name for name in REQUIRED if name not in held]
        if missing:
            raise NoRuleInForce(_missing_message(year, bundled_editions(), missing))
    record = resolve(
        records,
        year,
        REQUIRED,
        assume=assume,
        service=SERVICE_NAME,
        hint=_hint(bundled_editions()),
        published=bundled_editions(),
    )
    return schedule_of(record)


_memo = functools.lru_cache(maxsize=256)(_schedule)


def terms_for(
    fiscal_year: FiscalYear | int | str,
    *,
    policy: Policy | None = None,
    assume: FiscalYear | int | str | None = None,
) -> PhoneSchedule:
    """The telephone schedule of *fiscal_year*: the published edition, with *policy* over it.

    Args:
        fiscal_year: the year (``FiscalYear(2020)``, ``2020`` or ``"FY2020"``).
        policy: editions of the caller's laid over the bundled ones (a what-if, a new year).
        assume: a year whose published schedule stands in for what *fiscal_year* does not
            publish (its regular day and hours; the dated sessions of that year stay in it).

    Raises:
        NoRuleInForce: the year's schedule is not published (saying what it needs and how to
            assume one), or *assume*'s is not.
        InvalidInput: a supplied value the schedule refuses, naming its parameter.

    >>> terms_for(2020).regular_day
    MonthlyDay(week=<Week.THIRD: 'third'>, weekday=<Weekday.WEDNESDAY: 'wednesday'>)
    >>> terms_for("FY2021")
    Traceback (most recent call last):
    ...
    jetrules.errors.NoRuleInForce: no telephone counselling schedule is published for FY2021: it needs regular_day, regular_hours, and schedules are published for FY2020 only; ...
    >>> terms_for(2021, assume=2020).assumed
    (('regular_day', FiscalYear(2020)), ('regular_hours', FiscalYear(2020)))
    """  # noqa: E501
    year = to_fiscal_year(fiscal_year)
    if not FIRST_YEAR <= year.year <= LAST_YEAR:  # its sessions' days have no business calendar
        rule = f"must be from FY{FIRST_YEAR} to FY{LAST_YEAR}, the years the calendar covers"
        raise OutOfRange.for_field("fiscal_year", rule, fiscal_year)
    donor = None if assume is None else to_fiscal_year(assume, "assume")
    checked = check_policy(policy)
    return _memo(year, checked, donor)
