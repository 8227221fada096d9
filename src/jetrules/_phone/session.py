"""One session of the telephone line: when it is open, which rule opens it, on what terms.

Private: :mod:`jetrules.phone` is the face. A session is open from its start (inclusive) to its
end (exclusive), aware instants in Tokyo. It names the rules of the schedule that open it (the
regular monthly day, an extra date, a weekly run: one session may be opened by two), and says
whether the schedule it comes from is the published one, one assumed from another year, or one
the caller supplied.

>>> import pendulum
>>> session = PhoneSession(
...     start=pendulum.datetime(2020, 4, 15, 17, 30, tz="Asia/Tokyo"),
...     end=pendulum.datetime(2020, 4, 15, 21, tz="Asia/Tokyo"),
...     kinds=(SessionKind.REGULAR,),
... )
>>> print(session.render("en"))
2020-04-15 (Wed) 17:30-21:00 Tokyo time: regular session
>>> print(session.render("ja"))
2020-04-15（水）17:30-21:00（日本時間）：定例
>>> session.is_open_at("2020-04-15T21:00+09:00"), session.fiscal_year
(False, FiscalYear(2020))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import final

import attrs
import pendulum

from jetrules._kernel.dates import InstantLike, to_instant
from jetrules._kernel.fields import LabelledEnum, named_fields, of_type
from jetrules._kernel.fiscal import FiscalYear, fiscal_year_of
from jetrules._kernel.policy import TermsOrigin
from jetrules._phone.values import Weekday
from jetrules.errors import InvalidInput, WrongType
from jetrules.text import Label, Lang, Source

__all__ = ["ORIGINS", "RECORD_COLUMNS", "PhoneSession", "SessionKind", "merged"]


class SessionKind(LabelledEnum):
    """Which rule of a schedule opens a session."""

    REGULAR = "regular"
    """The regular monthly day (the third Wednesday of each month)."""
    EXTRA = "extra"
    """An extra session on a dated day."""
    WEEKLY = "weekly"
    """A day of a dated weekly run."""

    @property
    def label(self) -> Label:
        """The kind in English and Japanese."""
        return _KIND_LABELS[self]


_KIND_LABELS: Mapping[SessionKind, Label] = {
    SessionKind.REGULAR: Label(en="regular session", ja="定例"),
    SessionKind.EXTRA: Label(en="extra session", ja="臨時開設"),
    SessionKind.WEEKLY: Label(en="weekly run", ja="毎週開設"),
}

ORIGINS = (TermsOrigin.PUBLISHED, TermsOrigin.SUPPLIED, TermsOrigin.ASSUMED)
"""Where a session's schedule comes from, weakest first: a merged session takes the strongest."""


def _kinds(value: Iterable[SessionKind]) -> tuple[SessionKind, ...]:
    kinds = tuple(value)
    if not kinds or not all(isinstance(kind, SessionKind) for kind in kinds):
        raise InvalidInput.for_field("kinds", "must be one or more SessionKind values", value)
    return tuple(kind for kind in SessionKind if kind in kinds)


def _sources(value: Iterable[Source]) -> tuple[Source, ...]:
    sources = tuple(value)
    if not all(isinstance(source, Source) for source in sources):
        raise WrongType.for_field("sources", "must be Source values", value)
    return sources


def _names(value: Iterable[str]) -> tuple[str, ...]:
    """Converter: parameter names, as a tuple of text."""
    if isinstance(value, str) or not all(isinstance(name, str) for name in value):
        raise WrongType.for_field("supplied", "must be parameter names (text)", value)
    return tuple(value)


def _origin(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if value not in ORIGINS:
        raise InvalidInput.for_field(attribute.name, f"must be one of {', '.join(ORIGINS)}", value)


@final
@attrs.frozen(kw_only=True, field_transformer=named_fields)
class PhoneSession:
    """One session of the telephone line, open from *start* (inclusive) to *end* (exclusive).

    Attributes:
        start: when the line opens, an aware instant in Tokyo.
        end: when it closes, after *start*; at *end* the line is closed.
        kinds: the rules of the schedule that open it, in :class:`SessionKind` order.
        origin: ``published``, ``supplied`` (a value the caller gave that differs from the
            published one) or ``assumed`` (another year's published schedule, at the caller's
            request): where the schedule it was made under comes from.
        assumed_from: the fiscal year whose schedule was assumed, if one was.
        sources: the sources that state the rules opening it (a reading cites none).
        supplied: the values the caller supplied that differ from the published ones, among
            those that make the session (``regular_hours``): a session under an assumed day and
            supplied hours names both.
    """

    start: pendulum.DateTime = attrs.field(converter=to_instant)
    end: pendulum.DateTime = attrs.field(converter=to_instant)
    kinds: tuple[SessionKind, ...] = attrs.field(converter=_kinds)
    origin: str = attrs.field(default=TermsOrigin.PUBLISHED, validator=_origin)
    assumed_from: FiscalYear | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(of_type(FiscalYear, "must be a FiscalYear")),
    )
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_sources)
    supplied: tuple[str, ...] = attrs.field(default=(), converter=_names)

    @end.validator
    def _after_start(self, attribute: attrs.Attribute[pendulum.DateTime], value: object) -> None:
        if self.end <= self.start:
            raise InvalidInput.for_field("end", f"must be after the start, {self.start}", value)

    @property
    def fiscal_year(self) -> FiscalYear:
        """The fiscal year of the session's day (in Tokyo)."""
        return fiscal_year_of(self.start.date(), "start")

    @property
    def day(self) -> pendulum.Date:
        """The session's day in Tokyo."""
        return self.start.date()

    @property
    def weekday(self) -> Weekday:
        """The session's weekday in Tokyo."""
        return Weekday.of(self.start)

    def is_open_at(self, at: InstantLike) -> bool:
        """Whether the line is open at *at* in this session: ``start <= at < end``."""
        instant = to_instant(at, "at")
        return self.start <= instant < self.end

    def hours(self) -> str:
        """The session's Tokyo hours: ``17:30-21:00``."""
        return f"{self.start:%H:%M}-{self.end:%H:%M}"

    def describe_kinds(self, lang: Lang) -> str:
        """The rules that open the session, in *lang*."""
        return ("; " if lang == "en" else "；").join(kind.render(lang) for kind in self.kinds)

    def note(self, lang: Lang) -> str | None:
        """What the session's schedule is, when it is not the published one."""
        if self.assumed_from is not None:
            values = ", ".join(self.supplied)
            if lang == "en":
                note = f"under {self.assumed_from}'s schedule, assumed"
                return f"{note}; supplied: {values}" if values else note
            note = f"{self.assumed_from.render('ja')}の日程を仮定"
            return f"{note}、利用者指定：{values}" if values else note
        if self.origin == TermsOrigin.SUPPLIED:
            return "under a supplied schedule" if lang == "en" else "利用者指定の日程"
        return None

    def render(self, lang: Lang) -> str:
        """The session in one line of *lang*."""
        note = self.note(lang)
        short = self.weekday.short.render(lang)
        if lang == "en":
            text = f"{self.day} ({short}) {self.hours()} Tokyo time: {self.describe_kinds(lang)}"
            return text if note is None else f"{text} ({note})"
        text = f"{self.day}（{short}）{self.hours()}（日本時間）：{self.describe_kinds(lang)}"
        return text if note is None else f"{text}（{note}）"

    def to_record(self, lang: Lang = "en") -> dict[str, object]:
        """The session as a flat record of :data:`RECORD_COLUMNS` (text in *lang*)."""
        return {
            "fiscal_year": self.fiscal_year.year,
            "date": self.day.isoformat(),
            "weekday": self.weekday.short.render(lang),
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "kind": self.describe_kinds(lang),
            "kinds": " ".join(kind.value for kind in self.kinds),
            "terms_origin": self.origin,
            "assumed_from": None if self.assumed_from is None else self.assumed_from.year,
            "sources": "; ".join(source.title for source in self.sources),
            "supplied": " ".join(self.supplied),
        }


RECORD_COLUMNS: tuple[str, ...] = (
    "fiscal_year",
    "date",
    "weekday",
    "start",
    "end",
    "kind",
    "kinds",
    "terms_origin",
    "assumed_from",
    "sources",
    "supplied",
)
"""The columns of :meth:`PhoneSession.to_record`, in the order CSV output lists them."""


def merged(sessions: Iterable[PhoneSession]) -> tuple[PhoneSession, ...]:
    """*sessions* in order of start, those that overlap or touch made one (the line is one line).

    A merged session runs from the earliest start to the latest end, names every rule that
    opens it, and takes the strongest origin (assumed over supplied over published).
    """
    ordered = sorted(sessions, key=lambda session: (session.start, session.end))
    found: list[PhoneSession] = []
    for session in ordered:
        if found and session.start <= found[-1].end:
            found[-1] = _joined(found[-1], session)
        else:
            found.append(session)
    return tuple(found)


def _joined(first: PhoneSession, second: PhoneSession) -> PhoneSession:
    origin = max(first.origin, second.origin, key=ORIGINS.index)
    return PhoneSession(
        start=first.start,
        end=max(first.end, second.end),
        kinds=(*first.kinds, *second.kinds),
        origin=origin,
        assumed_from=first.assumed_from or second.assumed_from,
        sources=_once((*first.sources, *second.sources)),
        supplied=tuple(dict.fromkeys((*first.supplied, *second.supplied))),
    )


def _once(sources: Sequence[Source]) -> tuple[Source, ...]:
    return tuple(dict.fromkeys(sources))
