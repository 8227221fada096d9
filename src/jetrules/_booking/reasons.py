"""Reasons of Skype Counselling in English and Japanese, and how their times and lengths read.

Private: :mod:`jetrules.booking` is its face.
"""

from __future__ import annotations

from collections.abc import Sequence

import pendulum

from jetrules._kernel.dates import TOKYO
from jetrules.text import Label, ReasonTemplate, check_templates

__all__ = [
    "AFTER_HOURS",
    "ASSUMED_TERMS",
    "BEFORE_HOURS",
    "CLOSED_DAY",
    "LATE_CANCELLATION",
    "LENGTH_NOT_OFFERED",
    "LIMIT_REACHED",
    "MISSED",
    "NOT_A_PREFERENCE",
    "NOT_SCHEDULED",
    "OUTSIDE_TERM",
    "REASONS",
    "STARTS_AFTER_HOURS",
    "SUPPLIED_TERMS",
    "TIME_BACKWARDS",
    "TOO_LATE_TO_RESCHEDULE",
    "TOO_MANY_TIMES",
    "TOO_SOON",
    "lengths_label",
    "show",
]

OUTSIDE_TERM = ReasonTemplate(
    "OUTSIDE_TERM",
    en="{what} {day} is outside {participant}'s term of appointment ({term}); sessions are for "
    "participants during their term.",
    ja="{what}{day}は{participant}の任用期間（{term}）外です。セッションは任用期間中の参加者が"
    "対象です。",
)
LENGTH_NOT_OFFERED = ReasonTemplate(
    "LENGTH_NOT_OFFERED",
    en="A {minutes}-minute session is not offered in {fiscal_year}; sessions last {lengths}.",
    ja="{fiscal_year}に{minutes}分のセッションはありません。セッションの長さは{lengths}です。",
)
TOO_MANY_TIMES = ReasonTemplate(
    "TOO_MANY_TIMES",
    en="A sign-up names {count} preferred times; at most {most} may be given.",
    ja="希望日時が{count}件指定されています。指定できるのは{most}件までです。",
)
TOO_SOON = ReasonTemplate(
    "TOO_SOON",
    en="The time {time} is less than {lead} business days after the request of {requested}; "
    "the earliest day is {earliest}.",
    ja="希望日時{time}は、申込み（{requested}）から{lead}営業日以上先でなければなりません。"
    "予約できる最も早い日は{earliest}です。",
)
CLOSED_DAY = ReasonTemplate(
    "CLOSED_DAY",
    en="The time {time} falls on a day without sessions ({why}); sessions run on business days, "
    "Monday to Friday.",
    ja="希望日時{time}はセッションのない日（{why}）です。セッションは月曜日から金曜日までの"
    "営業日に行われます。",
)
BEFORE_HOURS = ReasonTemplate(
    "BEFORE_HOURS",
    en="A session at {time} would start before {start_from}; sessions start at {start_from} "
    "at the earliest.",
    ja="{time}開始のセッションは{start_from}より前に始まります。セッションは{start_from}以降に"
    "始まらなければなりません。",
)
AFTER_HOURS = ReasonTemplate(
    "AFTER_HOURS",
    en="A {minutes}-minute session at {time} would end after {end_by}; sessions must end by "
    "{end_by}.",
    ja="{time}開始の{minutes}分のセッションは{end_by}を過ぎて終わります。セッションは{end_by}"
    "までに終わらなければなりません。",
)
STARTS_AFTER_HOURS = ReasonTemplate(
    "STARTS_AFTER_HOURS",
    en="A session at {time} would start after {end_by}; sessions must start by {end_by}.",
    ja="{time}開始のセッションは{end_by}より後に始まります。セッションは{end_by}までに"
    "始まらなければなりません。",
)
NOT_A_PREFERENCE = ReasonTemplate(
    "NOT_A_PREFERENCE",
    en="The time {time} is not one of the sign-up's preferred times ({preferred}).",
    ja="{time}は、申込みで指定された希望日時（{preferred}）のいずれでもありません。",
)
LIMIT_REACHED = ReasonTemplate(
    "LIMIT_REACHED",
    en="{participant} has used or booked {taken} of the {limit} sessions of {fiscal_year}; "
    "no more sessions can be booked in {fiscal_year}.",
    ja="{participant}は{fiscal_year}のセッション{limit}回のうち{taken}回を利用済みまたは"
    "予約済みです。{fiscal_year}にはこれ以上予約できません。",
)
NOT_SCHEDULED = ReasonTemplate(
    "NOT_SCHEDULED",
    en="Appointment {id} is {status}; it can no longer be {action}.",
    ja="予約{id}は{status}のため、これ以上{action}ことはできません。",
)
TIME_BACKWARDS = ReasonTemplate(
    "TIME_BACKWARDS",
    en="Appointment {id}: the contact at {contacted} is earlier than {event} at {previous}; "
    "an appointment's events must be recorded in time order.",
    ja="予約{id}への連絡（{contacted}）は{event}（{previous}）より前の日時です。"
    "予約の記録は時刻の順でなければなりません。",
)
TOO_LATE_TO_RESCHEDULE = ReasonTemplate(
    "TOO_LATE_TO_RESCHEDULE",
    en="Appointment {id} starts at {start}; it can be rescheduled only by contact before then "
    "(contact at {contacted}).",
    ja="予約{id}の開始は{start}です。日時を変更するには開始前に連絡しなければなりません"
    "（連絡: {contacted}）。",
)
LATE_CANCELLATION = ReasonTemplate(
    "LATE_CANCELLATION",
    en="Appointment {id} was cancelled at {contacted}, not before its start at {start}; it counts "
    "as a {minutes}-minute consultation.",
    ja="予約{id}の取消しの連絡（{contacted}）は開始（{start}）より前ではなかったため、"
    "{minutes}分の相談1回として数えます。",
)
MISSED = ReasonTemplate(
    "MISSED",
    en="Appointment {id} at {start} was missed; it counts as a {minutes}-minute consultation.",
    ja="予約{id}（{start}開始）は無断欠席のため、{minutes}分の相談1回として数えます。",
)

ASSUMED_TERMS = ReasonTemplate(
    "ASSUMED_TERMS",
    en="{fiscal_year} publishes no value for {parameters}: the values published for "
    "{assumed_from} are assumed, as the caller asked.",
    ja="{fiscal_year}には次の条件の公表値がないため、指定により{assumed_from}の公表値を仮定して"
    "います: {parameters}。",
)
SUPPLIED_TERMS = ReasonTemplate(
    "SUPPLIED_TERMS",
    en="{fiscal_year} is applied with supplied values that differ from the published ones: "
    "{changes}.",
    ja="{fiscal_year}には公表値と異なる指定の値を適用しています: {changes}。",
)

REASONS: tuple[ReasonTemplate, ...] = check_templates(
    (
        OUTSIDE_TERM,
        LENGTH_NOT_OFFERED,
        TOO_MANY_TIMES,
        TOO_SOON,
        CLOSED_DAY,
        BEFORE_HOURS,
        AFTER_HOURS,
        STARTS_AFTER_HOURS,
        NOT_A_PREFERENCE,
        LIMIT_REACHED,
        NOT_SCHEDULED,
        TIME_BACKWARDS,
        TOO_LATE_TO_RESCHEDULE,
        LATE_CANCELLATION,
        MISSED,
        ASSUMED_TERMS,
        SUPPLIED_TERMS,
    )
)
"""Every reason booking gives, each in English and Japanese."""


def lengths_label(minutes: Sequence[int]) -> Label:
    """The session lengths as words: ``20 or 40 minutes``, ``20分または40分``.

    >>> lengths_label((20, 30, 40)).render("ja")
    '20分、30分または40分'
    """
    en, ja = [f"{m}" for m in minutes], [f"{m}分" for m in minutes]
    if len(minutes) == 1:
        return Label(en=f"{en[0]} minutes", ja=ja[0])
    return Label(
        en=f"{', '.join(en[:-1])} or {en[-1]} minutes", ja=f"{'、'.join(ja[:-1])}または{ja[-1]}"
    )


def show(instant: pendulum.DateTime) -> str:
    """*instant* in Tokyo as ``2020-01-09 10:00`` (the programme's zone, to the minute)."""
    return instant.in_timezone(TOKYO).format("YYYY-MM-DD HH:mm")
