"""Sign-ups for Skype Counselling (private: :mod:`jetrules.booking` is its face)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import final

import attrs
import pendulum

from jetrules._booking.appointment import CALENDAR, MINUTES, Appointment, check_policy
from jetrules._booking.checks import check_time
from jetrules._booking.editions import terms_for, to_assumed_year
from jetrules._booking.reasons import NOT_A_PREFERENCE, OUTSIDE_TERM, TOO_MANY_TIMES, show
from jetrules._booking.terms import BookingTerms
from jetrules._kernel.dates import InstantLike, to_instant
from jetrules._kernel.fields import as_participant, named_fields, non_blank, to_language
from jetrules._kernel.participants import TERM_SOURCE, Participant, check_term
from jetrules._kernel.policy import Policy
from jetrules.calendar import SERVICE_CALENDAR, BusinessCalendar, FiscalYear
from jetrules.errors import InvalidInput, NoRuleInForce, Refused, WrongType
from jetrules.text import Label, Lang, Reason

__all__ = ["SignUp"]


def _instants(values: Sequence[InstantLike]) -> tuple[pendulum.DateTime, ...]:
    if isinstance(values, str) or not isinstance(values, Sequence):
        raise WrongType.for_field("preferred_times", "must be a list of start times", values)
    return tuple(to_instant(value, "preferred_times") for value in values)


def _terms_or_none(
    fiscal_year: FiscalYear, policy: Policy | None, assume: FiscalYear | None
) -> BookingTerms | None:
    try:
        return terms_for(fiscal_year, policy=policy, assume=assume)
    except NoRuleInForce:
        return None


_REQUEST = Label(en="The request of", ja="申込み日")
_SESSION = Label(en="The session on", ja="セッション日")


def _check_in_term(
    term: Participant | None, participant: str, what: Label, at: pendulum.DateTime
) -> None:
    """Refuse (``OUTSIDE_TERM``) *what* at *at* outside *participant*'s *term*, if given."""
    if term is not None and not term.contains(at.date()):
        raise Refused(
            OUTSIDE_TERM.with_params(
                what=what,
                day=at.date(),
                participant=participant,
                term=term.term,
                source=TERM_SOURCE,
            )
        )


@final
@attrs.frozen(kw_only=True, field_transformer=named_fields)
class SignUp:
    """A request for a session: 1 to 3 distinct preferred start times, best first.

    The times are checked as a list first (at least one, distinct, no more than the terms of
    their fiscal years allow), then one by one: each must fall on or after the fourth business
    day after the day of the request (Tokyo), on a business day, and leave the session ending by
    21:30 (no opening hour is published, so none is applied; see :class:`BookingTerms`). Each
    time is checked against the terms of its own fiscal year: the published ones, with the
    values of *policy* laid over them, and *assume*'s published values for a year that leaves
    some unpublished (:func:`~jetrules.booking.terms_for`). The business days are those of
    *calendar* (``SERVICE_CALENDAR`` by default). The confirmed appointment keeps all three.

    Given the participant's *term* (a :class:`~jetrules.booking.Participant`), a request made
    on a day outside it, or a time (preferred or confirmed) on a day outside it, is refused with
    ``OUTSIDE_TERM`` (Tokyo dates; both ends of the term included).

    >>> SignUp(participant="P-01", requested_at="2019-12-27T10:00+09:00",
    ...        preferred_times=["2020-01-08T18:00+09:00"], minutes=40, language="en")
    Traceback (most recent call last):
    ...
    jetrules.errors.Refused: The time 2020-01-08 18:00 is less than 4 business days after the \
request of 2019-12-27 10:00; the earliest day is 2020-01-09.
    """

    participant: str = attrs.field(converter=as_participant, validator=non_blank)
    requested_at: pendulum.DateTime = attrs.field(converter=to_instant)
    preferred_times: tuple[pendulum.DateTime, ...] = attrs.field(converter=_instants)
    minutes: int = attrs.field(validator=MINUTES)
    language: Lang = attrs.field(converter=to_language)
    policy: Policy | None = attrs.field(default=None, validator=check_policy, repr=False)
    """Editions of the caller's own, laid over the published ones (``None``: the published)."""
    assume: FiscalYear | None = attrs.field(default=None, converter=to_assumed_year, repr=False)
    """The year whose published terms fill in what a year leaves unpublished (``None``: none)."""
    calendar: BusinessCalendar = attrs.field(
        default=SERVICE_CALENDAR, validator=CALENDAR, repr=False
    )
    """The business days the lead time and the day of a session are counted in."""
    term: Participant | None = attrs.field(default=None, repr=False)
    """The participant's term of appointment, when the caller gives it."""

    def __attrs_post_init__(self) -> None:
        times = self.preferred_times
        if not times:
            raise InvalidInput.for_field("preferred_times", "must name at least one time", times)
        if len(set(times)) != len(times):
            raise InvalidInput.for_field("preferred_times", "must be distinct", times)
        term = check_term(self.term, self.participant)
        _check_in_term(term, self.participant, _REQUEST, self.requested_at)
        for start in times:
            _check_in_term(term, self.participant, _SESSION, start)
        strictest = min(
            (
                terms
                for terms in self._terms()
                if terms is not None  # no terms for a year: the check of its time says so below
            ),
            key=lambda terms: terms.max_preferred_times,
            default=None,
        )
        if strictest is not None and len(times) > strictest.max_preferred_times:
            raise Refused(
                TOO_MANY_TIMES.with_params(
                    count=len(times),
                    most=strictest.max_preferred_times,
                    source=strictest.citation("max_preferred_times"),
                )
            )
        for start in times:
            self._check(start)

    def _terms(self) -> list[BookingTerms | None]:
        years = sorted({FiscalYear.of(start.date()) for start in self.preferred_times})
        return [_terms_or_none(year, self.policy, self.assume) for year in years]

    def _check(self, start: pendulum.DateTime) -> BookingTerms:
        return check_time(
            start,
            minutes=self.minutes,
            requested_at=self.requested_at,
            policy=self.policy,
            assume=self.assume,
            calendar=self.calendar,
            rescheduling=False,
        )

    @property
    def notes(self) -> tuple[Reason, ...]:
        """``ASSUMED_TERMS`` / ``SUPPLIED_TERMS`` of the terms its preferred times are checked in.

        Empty where those are the published ones.
        """
        return tuple(note for terms in self._terms() if terms is not None for note in terms.notes)

    def confirm(self, start: InstantLike, *, id: str) -> Appointment:
        """The appointment the counsellor confirms at *start*.

        Only one of the preferred times, under the bundled reading; terms that let the
        counsellor confirm another time check it as they check a preferred one.
        """
        chosen = to_instant(start, "start")
        _check_in_term(self.term, self.participant, _SESSION, chosen)
        if chosen not in self.preferred_times:
            terms = terms_for(FiscalYear.of(chosen.date()), policy=self.policy, assume=self.assume)
            if terms.confirm_only_preferred:
                raise Refused(
                    NOT_A_PREFERENCE.with_params(
                        time=show(chosen),
                        preferred=", ".join(show(t) for t in self.preferred_times),
                        source=terms.citation("confirm_only_preferred"),
                    )
                )
            self._check(chosen)
        return Appointment(
            id=id,
            participant=self.participant,
            requested_at=self.requested_at,
            start=chosen,
            minutes=self.minutes,
            language=self.language,
            policy=self.policy,
            assume=self.assume,
            calendar=self.calendar,
        )
