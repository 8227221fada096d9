"""The ``jetrules`` command (``python -m jetrules`` too).

One module per subcommand (``calendar``, ``subsidy``, ``threads``, ``sessions``, ``phone``,
``rules``, ``policy``), each registering its subcommands with the parser of
:mod:`jetrules.cli.app`; what they share (exit codes, ``--lang``, ``--format``, ``--official``)
is in :mod:`jetrules.cli.options`.
"""

import argparse
from collections.abc import Sequence
from typing import TextIO

from jetrules.cli.options import (
    EXIT_BAD_INPUT,
    EXIT_BROKEN_PIPE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    add_format_option,
    add_lang_option,
    add_official_option,
    official_calendar,
)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command (see :func:`jetrules.cli.app.main`), importing only what it runs."""
    from jetrules.cli.app import main as run  # noqa: PLC0415  (the command starts quickly)

    return run(argv, out)


def build_parser() -> argparse.ArgumentParser:
    """The command's parser with every subcommand (see :func:`jetrules.cli.app.build_parser`)."""
    from jetrules.cli.app import build_parser as build  # noqa: PLC0415  (as above)

    return build()


__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_BROKEN_PIPE",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "add_format_option",
    "add_lang_option",
    "add_official_option",
    "build_parser",
    "main",
    "official_calendar",
]
