"""The ``jetrules`` command (``python -m jetrules`` too): its parser and its entry point.

Each subcommand lives in its own module of this package and is registered here.
Bad arguments and bad input print one line per problem on stderr, no traceback, and exit 2.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn, TextIO

from jetrules._kernel.output import printable, safe_output
from jetrules._version import __version__
from jetrules.cli.options import EXIT_BAD_INPUT, EXIT_BROKEN_PIPE, EXIT_INTERRUPTED, Handler
from jetrules.errors import InvalidRecords, JetRulesError

__all__ = ["build_parser", "main"]

_COMMANDS = {
    "calendar": ("fiscal-year", "holidays", "business-days", "deadline"),
    "subsidy": ("subsidy",),
    "threads": ("threads",),
    "sessions": ("sessions",),
    "phone": ("phone",),
    "rules": ("rules",),
    "policy": ("policy",),
}
"""Each module of ``jetrules.cli`` that defines ``register(subcommands)``, with what it registers.

A run imports only the module of the subcommand it runs (``jetrules deadline`` loads no subsidy,
reader or policy code); ``--help`` and the docs build import them all.
"""


def _terminal_columns() -> int:
    """The terminal's width, as ``shutil.get_terminal_size().columns`` gives it.

    Without importing :mod:`shutil` (and the compression modules it imports): every run of the
    command builds a parser, few print its help.
    """
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, told the terminal's width without :mod:`shutil`."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        width = _terminal_columns() - 2 if width is None else width
        super().__init__(prog, indent_increment, max_help_position, width)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, without the usage block."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command's parser, with every subcommand registered (or only *command*'s module)."""
    parser = _Parser(
        prog="jetrules",
        description="The JET Programme's mental-health support policies as exact, "
        "explainable rules: subsidy claims, holidays and business days, web-mail threads, "
        "video sessions.",
    )
    parser.add_argument("--version", action="version", version=f"jetrules {__version__}")
    subcommands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    for name, commands in _COMMANDS.items():
        if command is None or command in commands:
            module = importlib.import_module(f"jetrules.cli.{name}")
            if command is None or len(commands) == 1:
                module.register(subcommands)
            else:  # the calendar's four: only the one that runs
                module.register(subcommands, names={command})
    return parser


def _command(argv: Sequence[str]) -> str | None:
    """The subcommand *argv* runs, when its first word names one; None otherwise (``--help``)."""
    first = argv[0] if argv else None
    known = any(first in commands for commands in _COMMANDS.values())
    return first if known else None


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command with *argv* (the process's arguments by default); return the exit status.

    Standard output and error never raise on a character their encoding lacks (a Japanese
    Windows console, ``PYTHONIOENCODING=ascii``): "¥" becomes "￥" or "JPY " there, see
    :func:`~jetrules._kernel.output.safe_output`. Ctrl-C ends the run with one line and
    exit status 130, as a shell reports it.
    """
    safe_output(sys.stdout)
    safe_output(sys.stderr)
    try:
        words = list(sys.argv[1:] if argv is None else argv)
        args = build_parser(_command(words)).parse_args(words)
        handler: Handler = args.handler
        return handler(args, out if out is not None else sys.stdout)
    except KeyboardInterrupt:
        print("jetrules: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except InvalidRecords as error:
        for line in error.lines():
            print(f"jetrules: error: {printable(line)}", file=sys.stderr)
    except BrokenPipeError:
        # The reader went away (``jetrules ... | head``): stop quietly, as other commands do.
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except (JetRulesError, OSError) as error:
        print(f"jetrules: error: {printable(_one_line(error))}", file=sys.stderr)
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
