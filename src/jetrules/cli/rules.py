"""The ``jetrules rules`` subcommand: every edition of every rule, with its source."""

from __future__ import annotations

import argparse
from typing import TextIO

from jetrules import rulebook
from jetrules.cli.options import EXIT_OK, Subcommands

__all__ = ["register"]


def register(subcommands: Subcommands) -> None:
    """Add the ``rules`` subcommand."""
    rules = subcommands.add_parser(
        "rules",
        help="every edition of every rule, with its parameters and its source (Markdown)",
        description="Print, as Markdown, every edition of every rule the library applies: "
        "its fiscal year, each parameter's value and the source it was read in.",
    )
    rules.set_defaults(handler=_rules)


def _rules(args: argparse.Namespace, out: TextIO) -> int:
    out.write(rulebook.rules_markdown())
    return EXIT_OK
