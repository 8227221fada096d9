"""Where the Skype Counselling terms applied come from, as reasons say it (private).

Every parameter of a year's terms carries its provenance. From it, a reason cites what the value
rests on (a source, a reading, or the caller), and a decision made under values that were not
published as applied carries a note: ``ASSUMED_TERMS`` naming each assumed parameter and the year
it came from, ``SUPPLIED_TERMS`` naming each supplied value with the published one it replaces.
:mod:`jetrules.booking` is the face.

>>> show_value((20, 40), "ja"), show_value(None, "en"), show_value(True, "ja")
('20, 40', 'none', 'はい')
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping, Sequence

import attrs

from jetrules._booking.reasons import ASSUMED_TERMS, SUPPLIED_TERMS
from jetrules._kernel.fiscal import FiscalYear
from jetrules._kernel.policy import Change, TermsOrigin, changes
from jetrules._kernel.provenance import Origin, Parameter
from jetrules.text import Label, Lang, Reason, Source

__all__ = [
    "PARAMETER_LABELS",
    "citation",
    "describe_changes",
    "notes_for",
    "origin_of",
    "show_value",
    "undated",
]

PARAMETER_LABELS: Mapping[str, Label] = {
    "session_minutes": Label(en="session lengths", ja="セッションの長さ"),
    "max_preferred_times": Label(en="preferred times per sign-up", ja="申込みの希望日時の数"),
    "lead_business_days": Label(en="lead time in business days", ja="予約に必要な営業日数"),
    "sessions_start_from": Label(en="opening hour", ja="セッションの開始可能時刻"),
    "sessions_end_by": Label(en="hour sessions are scheduled until", ja="セッションの受付時刻"),
    "hours_bound": Label(en="what must fall by that hour", ja="受付時刻までに収まるもの"),
    "closed_on_holidays": Label(en="closed on holidays and closures", ja="祝日・休業日の休み"),
    "yearly_session_limit": Label(en="yearly session limit", ja="年間のセッション上限"),
    "lead_time_for_reschedules": Label(
        en="lead time also for reschedules", ja="日時変更への営業日数の適用"
    ),
    "confirm_only_preferred": Label(en="only a preferred time confirmed", ja="確定は希望日時のみ"),
    "cancellation_without_contact_counts": Label(
        en="cancellation without contact counts", ja="連絡のない取消しを1回と数える"
    ),
}
"""Each parameter's name in English and Japanese, as notes and the command show it."""

_NONE = Label(en="none", ja="なし")
_YES = Label(en="yes", ja="はい")
_NO = Label(en="no", ja="いいえ")


def show_value(value: object, lang: Lang) -> str:
    """A parameter's value as a note shows it: ``21:30``, ``20, 40``, ``yes``, ``none``."""
    if value is None:
        return _NONE.render(lang)
    if isinstance(value, bool):
        return (_YES if value else _NO).render(lang)
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes")
    if isinstance(value, tuple | list):
        return ", ".join(show_value(item, lang) for item in value)
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


def _label(name: str) -> Label:
    return PARAMETER_LABELS.get(name, Label(en=name, ja=name))


def origin_of(parameters: Iterable[Parameter]) -> str:
    """Where terms with *parameters* come from, as records name it.

    ``assumed`` if a value was assumed; else ``supplied`` if a supplied value differs from the
    published one; else ``published`` (a supplied copy of the published value changes nothing).

    >>> origin_of(())
    'published'
    """
    applied = tuple(parameters)
    if any(p.provenance.origin is Origin.ASSUMED for p in applied):
        return TermsOrigin.ASSUMED
    return TermsOrigin.SUPPLIED if changes(applied) else TermsOrigin.PUBLISHED


def citation(parameter: Parameter) -> Source | None:
    """What a reason resting on *parameter* cites.

    A published or assumed value: its source (an undated page says so). A reading: the
    reading, by its key and the design section that explains it. A supplied value: the caller,
    with the published value it replaces, so no source is ever shown beside a value it does not
    state.
    """
    provenance = parameter.provenance
    if provenance.origin is Origin.SUPPLIED:
        published = provenance.published
        if published is None and provenance.source is not None:
            return provenance.source  # the caller's own source, for a value nothing publishes
        replaced = (
            "no published value"
            if published is None
            else "published: " + show_value(published, "en")
        )
        return Source(title=f"value supplied by the caller ({replaced})")
    if provenance.reading is not None:
        reading = provenance.reading
        return Source(title=f"jetrules reading '{reading.key}'", url=reading.design)
    if provenance.undated and provenance.source is not None:
        return undated(provenance.source)
    return provenance.source


def undated(source: Source) -> Source:
    """*source*, an undated page, as a reason cites it: saying it is undated."""
    return attrs.evolve(source, title=f"{source.title} (undated page)")


def describe_changes(found: Sequence[Change]) -> Label:
    """Each change as ``yearly session limit 8 (published: 7)``, in English and Japanese."""
    en, ja = [], []
    for change in found:
        label = _label(change.name)
        en.append(
            f"{label.en} {show_value(change.value, 'en')} "
            f"(published: {show_value(change.published, 'en')})"
        )
        ja.append(
            f"{label.ja} {show_value(change.value, 'ja')}"
            f"（公表値: {show_value(change.published, 'ja')}）"
        )
    return Label(en="; ".join(en), ja="、".join(ja))


def notes_for(fiscal_year: FiscalYear, parameters: Iterable[Parameter]) -> tuple[Reason, ...]:
    """The notes a decision under *parameters* carries.

    One ``ASSUMED_TERMS`` per year values were assumed from, naming each parameter, and one
    ``SUPPLIED_TERMS`` naming each supplied value that differs from the published one.
    """
    applied = tuple(parameters)
    by_year: dict[FiscalYear, list[str]] = {}
    for parameter in applied:
        year = parameter.provenance.assumed_from
        if parameter.provenance.origin is Origin.ASSUMED and year is not None:
            by_year.setdefault(year, []).append(parameter.name)
    notes = [
        ASSUMED_TERMS.with_params(
            fiscal_year=fiscal_year,
            parameters=Label(
                en=", ".join(_label(name).en for name in names),
                ja="、".join(_label(name).ja for name in names),
            ),
            assumed_from=year,
        )
        for year, names in sorted(by_year.items())
    ]
    found = changes(applied)
    if found:
        notes.append(
            SUPPLIED_TERMS.with_params(fiscal_year=fiscal_year, changes=describe_changes(found))
        )
    return tuple(notes)
