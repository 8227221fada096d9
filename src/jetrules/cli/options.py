"""What every subcommand of the ``jetrules`` command shares: exit codes and common options."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Protocol, TextIO, TypeAlias

from jetrules._labels import LANGUAGES
from jetrules.calendar import SERVICE_CALENDAR, BusinessCalendar, load_official_holidays
from jetrules.errors import InvalidInput

if TYPE_CHECKING:
    from jetrules._kernel.fiscal import FiscalYear
    from jetrules._kernel.policy import Policy

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_BROKEN_PIPE",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "Handler",
    "Once",
    "Subcommands",
    "add_format_option",
    "add_lang_option",
    "add_official_option",
    "add_terms_options",
    "command_words",
    "official_calendar",
    "terms_options",
]

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a pipe closed early
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for Ctrl-C

Subcommands: TypeAlias = "argparse._SubParsersAction[Any]"
"""What ``register`` receives: ``add_parser`` on it adds a subcommand."""


class Handler(Protocol):
    """What a subcommand runs: it writes its result to *out* and returns the exit status."""

    def __call__(self, args: argparse.Namespace, out: TextIO) -> int:
        """Write the result to *out*; return the exit status."""
        ...  # pragma: no cover


@contextlib.contextmanager
def command_words(
    names: Mapping[str, str], typed: Mapping[str, object] | None = None
) -> Iterator[None]:
    """Errors of the library's fields named in the command's words: *names* maps one to the other.

    A command passes what was typed to the library, which names its own parameters
    (``received_at``); the person at the command typed ``INSTANT`` or ``--days``. *typed* maps
    a library field to what was typed for it, shown instead of the value the library made of it.

    >>> from jetrules.calendar import SERVICE_CALENDAR
    >>> with command_words({"received_at": "INSTANT"}):
    ...     SERVICE_CALENDAR.deadline("2019-12-27 10:00", 3)
    Traceback (most recent call last):
    jetrules.errors.WrongType: 'INSTANT' must be an aware datetime with a zone or offset, \
e.g. 2019-12-27T10:00+09:00 (got '2019-12-27 10:00')
    """
    try:
        yield
    except InvalidInput as error:
        name = names.get(error.field or "")
        if name is None or error.rule is None:
            raise
        value = (typed or {}).get(error.field or "", error.value)
        raise type(error).for_field(name, error.rule, value) from None


def add_lang_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--lang en|ja``, the language of the output (English unless told)."""
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default="en",
        help="language of the output and of the warnings on stderr (default: en; error "
        "messages are in English)",
    )


def add_format_option(parser: argparse.ArgumentParser, *formats: str) -> None:
    """Add ``--format``, choosing among *formats*; the first is the default."""
    parser.add_argument(
        "--format", choices=formats, default=formats[0], help=f"output (default: {formats[0]})"
    )


class Once(argparse.Action):
    """An option that names a file, refused when given twice: the second would drop the first.

    >>> parser = argparse.ArgumentParser(exit_on_error=False)
    >>> _ = parser.add_argument("--policy", action=Once)
    >>> parser.parse_args(["--policy", "a.toml", "--policy", "b.toml"])
    Traceback (most recent call last):
    ...
    argparse.ArgumentError: argument --policy: may be given once (got 'a.toml', then 'b.toml')
    """

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        """Keep *values*, unless the option was given before."""
        earlier = getattr(namespace, self.dest, None)
        if earlier is not None:
            message = f"may be given once (got {earlier!r}, then {values!r})"
            raise argparse.ArgumentError(self, message)
        setattr(namespace, self.dest, values)


def add_official_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--official FILE``, a newer Cabinet Office holiday list to count business days with.

    :func:`official_calendar` turns the parsed option into the calendar to use.
    """
    parser.add_argument(
        "--official",
        action=Once,
        metavar="FILE",
        help="a newer syukujitsu.csv from the Cabinet Office (Shift_JIS or UTF-8) to use",
    )


def official_calendar(args: argparse.Namespace) -> BusinessCalendar:
    """The business calendar ``--official`` asks for: SERVICE_CALENDAR when it is absent.

    With a FILE, the service calendar's rules (weekends, the year-end closure) over the holidays
    of that list laid over the bundled one; a malformed FILE raises
    :class:`~jetrules.errors.InvalidRecords` naming every bad line.

    >>> official_calendar(argparse.Namespace(official=None)) is SERVICE_CALENDAR
    True
    """
    if args.official is None:
        return SERVICE_CALENDAR
    return BusinessCalendar(holidays=load_official_holidays(args.official))


def add_terms_options(parser: argparse.ArgumentParser, *, policy: str, assume: str) -> None:
    """Add ``--policy FILE`` and ``--assume-terms-from YEAR``, with the family's help texts.

    :func:`terms_options` reads what they were given.
    """
    parser.add_argument("--policy", action=Once, metavar="FILE", help=policy)
    parser.add_argument("--assume-terms-from", metavar="YEAR", help=assume)


def terms_options(args: argparse.Namespace) -> tuple[Policy | None, FiscalYear | None]:
    """The policy file ``--policy`` names, read, and the year ``--assume-terms-from`` names.

    The policy is read with every service's parameters (:func:`jetrules.policy.load`), checked
    before the year; each reader is imported only when its option is given, so that a run
    without them imports no policy code.

    >>> terms_options(argparse.Namespace(policy=None, assume_terms_from="FY2024"))
    (None, FiscalYear(2024))
    """
    policy = None
    if args.policy is not None:
        from jetrules.policy import load  # noqa: PLC0415  (only a run with --policy reads one)

        policy = load(args.policy)
    if args.assume_terms_from is None:
        return policy, None
    from jetrules._kernel.fiscal import to_fiscal_year  # noqa: PLC0415  (as --policy)

    return policy, to_fiscal_year(args.assume_terms_from, "--assume-terms-from")
