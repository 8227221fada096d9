"""Every error jetrules raises.

Each error is a :class:`JetRulesError` and also the built-in exception it refines, so callers may
catch either. Messages name the field, the rule and the value, the value as a user writes it
(:func:`as_written`)::

    'amount' must be more than ¥0 (got ¥0)
    'submitted_on' must not be before the service date (2019-03-18) (got 2019-03-17)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, Literal, Protocol, Self, final

import attrs

__all__ = [
    "InvalidInput",
    "InvalidRecords",
    "JetRulesError",
    "NoRuleInForce",
    "NotFound",
    "OutOfRange",
    "RecordProblem",
    "Refused",
    "WrongType",
    "as_written",
]


_LONGEST, _SHOWN = 100, 60
"""Text longer than ``_LONGEST`` characters shows its first ``_SHOWN`` in a message."""


def as_written(value: object) -> str:
    """*value* as a user writes it, for a message: ISO dates and instants, ``¥1,000``, quoted text.

    A type shows itself its own way by defining ``__jetrules_display__(self) -> str`` (``Yen``
    does); a date, a time or an instant (anything with ``isoformat()``) shows as ISO 8601; text
    shows in quotes, so that blanks and empty text are seen (text longer than 100 characters by
    its first 60 and its length: a message is one line); anything else as its ``repr`` (its first
    60 characters and ``…`` when it is longer than 100, as a whole receipt's would be).
    Nothing of jetrules is imported here (every module imports the errors): types are told apart
    by what they can do.

    >>> import datetime as dt
    >>> as_written(dt.date(2019, 4, 1)), as_written("2019-04-31"), as_written(1.5)
    ('2019-04-01', "'2019-04-31'", '1.5')
    >>> as_written("9" * 5000)
    "'999999999999999999999999999999999999999999999999999999999999'… (5,000 characters)"
    >>> print(as_written(dt.datetime(2019, 12, 27, 10, tzinfo=dt.timezone(dt.timedelta(hours=9)))))
    2019-12-27T10:00:00+09:00
    """
    display = getattr(type(value), "__jetrules_display__", None)
    if callable(display):
        return str(display(value))
    if isinstance(value, str):
        if len(value) > _LONGEST:
            return f"{value[:_SHOWN]!r}… ({len(value):,} characters)"
        return repr(value)
    isoformat = getattr(type(value), "isoformat", None)
    if callable(isoformat):
        return str(isoformat(value))
    shown = repr(value)
    return shown if len(shown) <= _LONGEST else f"{shown[:_SHOWN]}…"


class JetRulesError(Exception):
    """Base of every error jetrules raises."""


class InvalidInput(JetRulesError, ValueError):
    """A value a caller passed breaks a rule of its type.

    Attributes:
        field: the name of the offending field or argument, when known.
        rule: what the value must satisfy, in words.
        value: the offending value.
    """

    field: str | None
    rule: str | None
    value: object

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        rule: str | None = None,
        value: object = None,
    ) -> None:
        super().__init__(message)
        self.field = field
        self.rule = rule
        self.value = value

    @classmethod
    def for_field(cls, field: str, rule: str, value: object) -> Self:
        """Build the error for *field*, whose *value* breaks *rule*.

        >>> print(InvalidInput.for_field("amount", "must be more than ¥0", 0))
        'amount' must be more than ¥0 (got 0)
        >>> import datetime as dt
        >>> print(OutOfRange.for_field("day", "must be from 1948-07-20", dt.date(1900, 1, 1)))
        'day' must be from 1948-07-20 (got 1900-01-01)
        """
        return cls(
            f"{field!r} {rule} (got {as_written(value)})", field=field, rule=rule, value=value
        )


class WrongType(InvalidInput, TypeError):
    """A value of a type the field does not accept (a float for yen, a naive datetime...)."""


class OutOfRange(InvalidInput):
    """A value outside the range a rule is known for (a date before the Act on Holidays)."""


class NoRuleInForce(JetRulesError, LookupError):
    """No published edition of a rule covers the date or fiscal year asked about."""


@final
class NotFound(JetRulesError, KeyError):
    """What was asked for is not held: no statement of that participant in that fiscal year.

    Also a :class:`KeyError`, as a mapping's missing key is; its message is the plain text
    (a bare ``KeyError`` shows its key in quotes).

    Attributes:
        key: what was asked for, such as ``("JET-0142", FiscalYear(2019))``.
    """

    key: object

    def __init__(self, message: str, key: object) -> None:
        super().__init__(message)
        self.key = key

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(self) -> tuple[Any, ...]:
        """Rebuilt from its message and key, so that it pickles and deep-copies."""
        return type(self), (self.args[0], self.key), self.__dict__


Lang = Literal["en", "ja"]
"""The two languages every explanation is written in (:mod:`jetrules.text` re-exports it)."""


class Explanation(Protocol):
    """What :class:`Refused` carries: a :class:`~jetrules.text.Reason`, named by its shape.

    Named by its shape so that the errors, which every module imports, import nothing of jetrules.
    """

    @property
    def code(self) -> str:
        """The stable code applications switch on."""
        ...  # pragma: no cover

    @property
    def parameters(self) -> Mapping[str, object]:
        """The facts the message is filled in with."""
        ...  # pragma: no cover

    def render(self, lang: Lang = "en", *, with_source: bool = False) -> str:
        """The message in *lang*."""
        ...  # pragma: no cover


@final
class Refused(JetRulesError, ValueError):
    """A rule forbids the action asked for (a fourth reply, an eighth session...).

    The :attr:`reason` says why, in English and Japanese; the message is its English text.
    """

    reason: Explanation

    def __init__(self, reason: Explanation) -> None:
        super().__init__(reason.render("en"))
        self.reason = reason

    def __reduce__(self) -> tuple[Any, ...]:
        """Rebuilt from its reason, so that it pickles (a process pool returns it as raised)."""
        return type(self), (self.reason,), self.__dict__


@final
@attrs.frozen(kw_only=True)
class RecordProblem:
    """One problem in one record of an input file.

    Attributes:
        position: where the record is, e.g. ``"line 4"`` or ``"thread 2"``.
        message: what is wrong with it, naming the field, the rule and the value.
    """

    position: str
    message: str

    def __str__(self) -> str:
        return f"{self.position}: {self.message}"

    @property
    def order(self) -> tuple[int, ...]:
        """The numbers in :attr:`position`, for listing problems in file order.

        A problem about the whole input (no number) sorts first.

        >>> RecordProblem(position="thread 3, message 12", message="...").order
        (3, 12)
        """
        return tuple(int(number) for number in re.findall(r"[0-9]+", self.position))


@final
class InvalidRecords(JetRulesError, ValueError):
    """An input file has bad records; every one of them is listed and nothing was read.

    Attributes:
        source: the file or stream the records came from.
        problems: every problem found, in file order.
    """

    source: str
    problems: tuple[RecordProblem, ...]

    def __init__(self, source: str, problems: Iterable[RecordProblem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        if not self.problems:
            raise ValueError("InvalidRecords needs at least one problem")
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(
            f"{source}: {count} {noun}\n" + "\n".join(f"{source}: {p}" for p in self.problems)
        )

    def __reduce__(self) -> tuple[Any, ...]:
        """Rebuilt from its source and problems, so that it pickles and deep-copies."""
        return type(self), (self.source, self.problems), self.__dict__

    def lines(self) -> tuple[str, ...]:
        """One line per problem, each naming the source and the position."""
        return tuple(f"{self.source}: {p}" for p in self.problems)
