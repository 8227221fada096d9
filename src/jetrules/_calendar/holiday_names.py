"""The holidays' names: what the Act and the special acts call each day, in English (private).

The Cabinet Office's list names each holiday in Japanese. Naming the holidays of a year the list
covers takes these tables and nothing else; the Act's date rules
(:mod:`jetrules._calendar.holiday_rules`, whose rows take their names from here) are needed only
for years the list does not cover. This module is plain data on purpose: a first answer that names
a holiday loads it, and not the rules.

>>> NATIONAL_NAMES["山の日"]
'Mountain Day'
>>> print(ONE_OFF_DAY_NAMES[dt.date(2019, 5, 1)][0].en)
Enthronement of Emperor Naruhito
"""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType

from jetrules._labels import Label

__all__ = ["NATIONAL_NAMES", "ONE_OFF_DAY_NAMES", "ONE_OFF_NAMES", "TREATED_AS_HOLIDAY"]

TREATED_AS_HOLIDAY = "休日（祝日扱い）"
"""The Cabinet Office's name for a day a special act treats as a national holiday."""

NATIONAL_NAMES = MappingProxyType(
    {
        "元日": "New Year's Day",
        "成人の日": "Coming of Age Day",
        "建国記念の日": "National Foundation Day",
        "天皇誕生日": "The Emperor's Birthday",
        "春分の日": "Vernal Equinox Day",
        "みどりの日": "Greenery Day",
        "昭和の日": "Showa Day",
        "憲法記念日": "Constitution Memorial Day",
        "こどもの日": "Children's Day",
        "海の日": "Marine Day",
        "山の日": "Mountain Day",
        "敬老の日": "Respect for the Aged Day",
        "秋分の日": "Autumnal Equinox Day",
        "体育の日": "Health and Sports Day",
        # the Cabinet Office's name for 2019's day: the rename came into force in 2020
        "体育の日（スポーツの日）": "Health and Sports Day",
        "スポーツの日": "Sports Day",
        "文化の日": "Culture Day",
        "勤労感謝の日": "Labour Thanksgiving Day",
    }
)
"""Article 2's national holidays: the English name of each Japanese name (read-only)."""


ONE_OFF_DAY_NAMES = MappingProxyType(
    {
        dt.date(1959, 4, 10): (
            Label(en="Wedding of Crown Prince Akihito", ja="結婚の儀"),
            "Imperial Wedding Ceremony",
        ),
        dt.date(1989, 2, 24): (
            Label(en="State Funeral of Emperor Showa", ja="大喪の礼"),
            "Imperial State Funeral",
        ),
        dt.date(1990, 11, 12): (
            Label(en="Enthronement Ceremony of Emperor Akihito", ja="即位礼正殿の儀"),
            "Enthronement Ceremony",
        ),
        dt.date(1993, 6, 9): (
            Label(en="Wedding of Crown Prince Naruhito", ja="結婚の儀"),
            "Imperial Wedding Ceremony",
        ),
        dt.date(2019, 5, 1): (
            Label(en="Enthronement of Emperor Naruhito", ja=TREATED_AS_HOLIDAY),
            "Day treated as a national holiday",
        ),
        dt.date(2019, 10, 22): (
            Label(en="Enthronement Ceremony of Emperor Naruhito", ja=TREATED_AS_HOLIDAY),
            "Day treated as a national holiday",
        ),
    }
)
"""The days special acts made holidays: each one's name (English, and Japanese as the Cabinet
Office lists it), and the English name of the same ceremony on any other date (read-only)."""


ONE_OFF_NAMES = MappingProxyType({name.ja: generic for name, generic in ONE_OFF_DAY_NAMES.values()})
"""Date-free English names of the one-off days' Japanese names (read-only).

A loaded official list may name a one-off ceremony on another date: it gets this name, which
does not claim whose ceremony it is.

>>> ONE_OFF_NAMES["即位礼正殿の儀"]
'Enthronement Ceremony'
"""
