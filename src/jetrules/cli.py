"""The ``jetrules`` command (``python -m jetrules`` too).

Each subcommand lives beside the rules it applies (``_cli_*.py``) and registers itself here.
Bad arguments and bad input print one line per problem on stderr, no traceback, and exit 2.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, Protocol, TextIO, TypeAlias

from jetrules._version import __version__
from jetrules.calendar import SERVICE_CALENDAR, BusinessCalendar, load_official_holidays
from jetrules.errors import InvalidRecords, JetRulesError
from jetrules.text import LANGUAGES

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_BROKEN_PIPE",
    "EXIT_OK",
    "add_format_option",
    "add_lang_option",
    "add_official_option",
    "build_parser",
    "main",
    "official_calendar",
]

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a pipe closed early

_COMMAND_MODULES = (
    "jetrules._cli_calendar",
    "jetrules._cli_subsidy",
    "jetrules._cli_threads",
    "jetrules._cli_booking",
    "jetrules._cli_rules",
)
"""Modules that each define ``register(subcommands)`` for their subcommands."""


Subcommands: TypeAlias = "argparse._SubParsersAction[Any]"
"""What ``register`` receives: ``add_parser`` on it adds a subcommand."""


class Handler(Protocol):
    """What a subcommand runs: it writes its result to *out* and returns the exit status."""

    def __call__(self, args: argparse.Namespace, out: TextIO) -> int: ...  # pragma: no cover


def add_lang_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--lang en|ja``, the language of the output (English unless told)."""
    parser.add_argument(
        "--lang", choices=LANGUAGES, default="en", help="language of the output (default: en)"
    )


def add_format_option(parser: argparse.ArgumentParser, *formats: str) -> None:
    """Add ``--format``, choosing among *formats*; the first is the default."""
    parser.add_argument(
        "--format", choices=formats, default=formats[0], help=f"output (default: {formats[0]})"
    )


def add_official_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--official FILE``, a newer Cabinet Office holiday list to count business days with.

    :func:`official_calendar` turns the parsed option into the calendar to use.
    """
    parser.add_argument(
        "--official",
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


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, without the usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    """The command's parser, with every subcommand registered."""
    parser = _Parser(
        prog="jetrules",
        description="The JET Programme's mental-health support policies as exact, "
        "explainable rules: subsidy claims, holidays and business days, web-mail threads, "
        "video sessions.",
    )
    parser.add_argument("--version", action="version", version=f"jetrules {__version__}")
    subcommands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    for name in _COMMAND_MODULES:
        register: Callable[[Subcommands], None] = importlib.import_module(name).register
        register(subcommands)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command with *argv* (the process's arguments by default); return the exit status."""
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args, out if out is not None else sys.stdout)
    except InvalidRecords as error:
        for line in error.lines():
            print(f"jetrules: error: {line}", file=sys.stderr)
    except BrokenPipeError:
        # The reader went away (``jetrules ... | head``): stop quietly, as other commands do.
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except (JetRulesError, OSError) as error:
        print(f"jetrules: error: {_one_line(error)}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush raises nothing more."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, descriptor)
    os.close(null)


def _one_line(error: BaseException) -> str:
    if isinstance(error, OSError) and error.filename is not None:
        return f"cannot read {error.filename!r}: {error.strerror}"
    return " ".join(str(error).split())
