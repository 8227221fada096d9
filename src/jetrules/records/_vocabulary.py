"""The input vocabulary: how a cell's text is read, the same way in every column and file kind.

Readers of CSV, JSON and Excel files call these converters with a cell's text and the field's
name; each returns the value or raises :class:`~jetrules.errors.InvalidInput` naming the field
and the text as it was typed. ``docs/files.md`` documents the vocabulary for users.

- **Words** (yes/no, places, statuses, languages, column headers) are matched after
  :func:`fold`: blanks around and inside collapsed, full-width and half-width forms folded
  (``ＹＥＳ`` is ``yes``, ``ｷｬﾝｾﾙ`` is ``キャンセル``), upper and lower case alike.
- **Numbers** (amounts, minutes, the digits of dates) are written with the digits 0-9 or their
  full-width forms ０-９; other characters that look like digits (``²``, ``①``, ``٣``) are refused.
- **Text** (ids, names) is non-empty and holds no control or invisible format characters.

>>> to_flag("はい", "insured"), to_day("２０２３/4/20", "service_date"), to_yen("￥30,000")
(True, Date(2023, 4, 20), 30000)
>>> to_yen("³⁰⁰⁰")
Traceback (most recent call last):
...
jetrules.errors.InvalidInput: 'amount' must be written with the digits 0-9 or ０-９ (got '³⁰⁰⁰')
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Mapping

import pendulum

from jetrules._kernel.chars import FULL_WIDTH_ASCII, to_name
from jetrules._kernel.dates import to_instant
from jetrules.errors import InvalidInput, OutOfRange
from jetrules.records._words import FLAG_WORDS

__all__ = [
    "MAX_AMOUNT",
    "fold",
    "to_day",
    "to_flag",
    "to_moment",
    "to_name",
    "to_whole",
    "to_word",
    "to_yen",
]

MAX_AMOUNT = 100_000_000
"""The largest amount a cell may hold, ¥100,000,000: far above any receipt, far below a crash."""

# Full-width ASCII forms (U+FF01-U+FF5E) to ASCII, the ideographic space to a space, and the
# full-width yen sign to the yen sign: what "width folded" means for numbers, dates and times.
_WIDTH = {**FULL_WIDTH_ASCII, 0x3000: 0x20, 0xFFE5: 0xA5}  # and the ideographic space, ￥
_DIGITS = frozenset("0123456789０１２３４５６７８９")
_DIGIT_RULE = "must be written with the digits 0-9 or ０-９"


def _other_digit(text: str) -> bool:
    """Whether *text* holds a character that stands for a number but is no digit 0-9 or ０-９."""
    return not text.isascii() and any(char.isdigit() and char not in _DIGITS for char in text)


def fold(text: str) -> str:
    """*text* as it is matched against a vocabulary: width, case and blanks folded.

    Compatibility forms are folded (NFKC: full-width letters, half-width katakana), then case
    (``casefold``), and runs of blanks become one space. Text holding characters that only look
    like digits (``①``, ``²``) is not width-folded, so that it matches no word.

    >>> fold(" ＹＥＳ "), fold("ｷｬﾝｾﾙ"), fold("Service  Date"), fold("①")
    ('yes', 'キャンセル', 'service date', '①')
    """
    if text.isascii():
        return " ".join(text.lower().split())
    if not _other_digit(text):
        text = unicodedata.normalize("NFKC", text)
    return " ".join(text.casefold().split())


def to_word(raw: str, field: str, words: Mapping[str, str]) -> str:
    """The canonical word *raw* stands for in *words* (folded text -> canonical word).

    >>> from jetrules.records._words import PLACE_WORDS
    >>> to_word("日本", "place", PLACE_WORDS), to_word("Abroad", "place", PLACE_WORDS)
    ('japan', 'abroad')
    """
    try:
        return words[fold(raw)]
    except KeyError:
        choices = ", ".join(dict.fromkeys(words.values()))
        raise InvalidInput.for_field(field, f"must be one of {choices}", raw) from None


def to_flag(raw: str, field: str) -> bool:
    """*raw* as yes or no: はい/いいえ, yes/no, y/n, true/false, 1/0, あり/なし, 有/無.

    >>> to_flag("いいえ", "insured"), to_flag("TRUE", "insured")
    (False, True)
    """
    try:
        return FLAG_WORDS[fold(raw)]
    except KeyError:
        raise InvalidInput.for_field(field, "must be yes or no", raw) from None


def _digits(raw: str, field: str, rule: str) -> str:
    """*raw* with full-width forms as ASCII, refusing characters that only look like digits."""
    if _other_digit(raw):
        raise InvalidInput.for_field(field, _DIGIT_RULE, raw)
    text = raw.strip()
    if not text.isascii():
        text = text.translate(_WIDTH)
    if not text:
        raise InvalidInput.for_field(field, rule, raw)
    return text


_MOST_DIGITS = 4_000
"""The most significant digits a number without a maximum may have (Python reads at most 4,300
digits of text as an int: more would be a ValueError, not a problem of the row)."""


def _bounded(digits: str, raw: str, field: str, maximum: int | None, unit: str) -> int:
    significant = digits.lstrip("0") or "0"  # leading zeros: however many, they are no size
    if maximum is not None and (len(significant) > len(str(maximum)) or int(significant) > maximum):
        raise OutOfRange.for_field(field, f"must be at most {unit}{maximum:,}", raw)
    if len(significant) > _MOST_DIGITS:
        raise OutOfRange.for_field(field, f"must have at most {_MOST_DIGITS:,} digits", raw)
    return int(significant)


def to_whole(raw: str, field: str, *, maximum: int | None = None) -> int:
    """*raw* as a whole number, 0 or more, written in the digits 0-9 or ０-９.

    >>> to_whole("４０", "minutes")
    40
    """
    rule = "must be a whole number such as 40"
    text = _digits(raw, field, rule)
    if not (text.isascii() and text.isdigit()):
        raise InvalidInput.for_field(field, rule, raw)
    return _bounded(text, raw, field, maximum, "")


_YEN = re.compile(
    r"(?P<minus>[-\u2212]\s*)?(?:[¥\\]\s*)?(?P<digits>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\s*円)?"
)


def to_yen(raw: str, field: str = "amount", *, maximum: int | None = MAX_AMOUNT) -> int:
    r"""*raw* as whole yen: ``30000``, ``30,000``, ``¥30,000``, ``30,000円``, full-width too.

    A backslash stands for the yen sign (CP932 files store it as that byte). A minus sign is
    read, so that the caller can say what it thinks of a negative amount; *maximum* bounds the
    size either way (:data:`MAX_AMOUNT` unless told).

    >>> to_yen("３０，０００円"), to_yen(r"\1,000"), to_yen("-500")
    (30000, 1000, -500)
    """
    rule = "must be whole yen such as 30000, 30,000 or ¥30,000"
    match = _YEN.fullmatch(_digits(raw, field, rule))
    if match is None:
        raise InvalidInput.for_field(field, rule, raw)
    amount = _bounded(match["digits"].replace(",", ""), raw, field, maximum, "¥")
    return -amount if match["minus"] else amount


_DAY = re.compile(
    r"(?P<year>[0-9]{4})(?:-(?P<iso_month>[0-9]{2})-(?P<iso_day>[0-9]{2})"
    r"|/(?P<month>[0-9]{1,2})/(?P<day>[0-9]{1,2})"
    r"|年(?P<ja_month>[0-9]{1,2})月(?P<ja_day>[0-9]{1,2})日)"
    r"(?:[ T]0?0:00(?::00)?)?"
)


@functools.lru_cache(maxsize=4096)
def _day(text: str) -> pendulum.Date | None:
    """The day *text* names, or None (memoised: a file repeats its dates)."""
    match = _DAY.fullmatch(text)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups() if part is not None)
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return pendulum.Date(year, month, day)


def to_day(
    raw: str,
    field: str,
    *,
    first: dt.date | None = None,
    last: dt.date | None = None,
) -> pendulum.Date:
    """*raw* as a day: ``2023-04-20``, ``2023/4/20`` or ``2023年4月20日``, full-width digits too.

    A time of midnight after the day (``2023/4/20 0:00``, as Excel writes a date cell) is
    allowed. With *first* and *last*, a day outside them is refused (:class:`OutOfRange`).

    >>> to_day("2023/4/20 0:00", "service_date"), to_day("2023年4月20日", "service_date")
    (Date(2023, 4, 20), Date(2023, 4, 20))
    >>> to_day("2023-02-29", "service_date")
    Traceback (most recent call last):
    ...
    jetrules.errors.InvalidInput: 'service_date' must be a date such as 2023-04-20 or 2023/4/20 ...
    """
    rule = "must be a date such as 2023-04-20 or 2023/4/20"
    day = _day(_digits(raw, field, rule))
    if day is None:
        raise InvalidInput.for_field(field, rule, raw)
    if (first is not None and day < first) or (last is not None and day > last):
        span = f"from {first or dt.date.min} to {last or dt.date.max}"
        raise OutOfRange.for_field(field, f"must be a day {span}", raw)
    return day


_SLASHED = re.compile(r"([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})(?=[ T])")


def to_moment(raw: str, field: str) -> pendulum.DateTime:
    """*raw* as an instant with an offset, in Asia/Tokyo: ISO 8601, or ``2020/6/10 18:00+09:00``.

    Full-width digits and punctuation are read as ASCII. An instant without an offset is
    refused: the same wall-clock time is another instant in another zone.

    >>> to_moment("２０２０/6/10 18:00+09:00", "start")
    DateTime(2020, 6, 10, 18, 0, 0, tzinfo=Timezone('Asia/Tokyo'))
    """
    rule = "must be an ISO date-time such as 2019-12-27T10:00+09:00"
    text = _SLASHED.sub(
        lambda m: f"{m[1]}-{int(m[2]):02}-{int(m[3]):02}", _digits(raw, field, rule), count=1
    )
    try:
        return to_instant(text, field)
    except InvalidInput as error:
        raise type(error).for_field(field, error.rule or rule, raw) from None
