"""The ``jetrules`` command (``python -m jetrules`` too).

One module per subcommand (``calendar``, ``subsidy``, ``threads``, ``sessions``, ``phone``,
``rules``, ``policy``), each registering its subcommands with the parser of
:mod:`jetrules.cli.main`; what they share (exit codes, ``--lang``, ``--format``, ``--official``)
is in :mod:`jetrules.cli.options`.
"""

from jetrules.cli.main import build_parser, main
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
