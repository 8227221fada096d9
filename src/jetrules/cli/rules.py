"""The ``jetrules rules`` subcommand: every edition of every rule, with its source."""

from __future__ import annotations

import argparse
from typing import TextIO

from jetrules import policy, rulebook
from jetrules.cli.options import EXIT_OK, Once, Subcommands

__all__ = ["register"]


def register(subcommands: Subcommands) -> None:
    """Add the ``rules`` subcommand."""
    rules = subcommands.add_parser(
        "rules",
        help="every edition of every rule, with its parameters and its source (Markdown)",
        description="Print, as Markdown, every edition of every rule the library applies: "
        "its fiscal year, each parameter's value and the source that states it (or the reading "
        "chosen where none does).",
    )
    rules.add_argument(
        "--policy",
        action=Once,
        metavar="FILE",
        help="a policy file (TOML) laid over the bundled editions: its values are shown, "
        "marked as supplied (see 'jetrules policy check')",
    )
    rules.set_defaults(handler=_rules)


def _rules(args: argparse.Namespace, out: TextIO) -> int:
    chosen = policy.load(args.policy) if args.policy is not None else None
    out.write(rulebook.rules_markdown(policy=chosen))
    return EXIT_OK
