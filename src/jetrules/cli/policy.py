"""The ``jetrules policy`` subcommand: ``jetrules policy check FILE`` checks a policy file."""

from __future__ import annotations

import argparse
from typing import TextIO

from jetrules import policy
from jetrules.cli.options import EXIT_OK, Subcommands

__all__ = ["register"]


def register(subcommands: Subcommands) -> None:
    """Add the ``policy`` subcommand and its ``check`` action."""
    command = subcommands.add_parser(
        "policy",
        help="check a policy file: a year's terms, or a what-if, written as TOML",
        description="Work with policy files: TOML files of editions, one per fiscal year, each "
        "parameter with its source, that the subsidy, threads, sessions and rules commands lay "
        "over the bundled editions when given one with their policy option.",
    )
    actions = command.add_subparsers(title="actions", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check",
        help="check a policy file and list every problem in it",
        description="Check FILE as the commands' policy option reads it: every edition with "
        "its service's parameters, sources and terms. Prints FILE: ok (N editions) and exits 0, "
        "or prints every problem on standard error, one line each with the edition and the key, "
        "and exits 2.",
    )
    check.add_argument("file", metavar="FILE", help="the policy file (TOML, UTF-8)")
    check.set_defaults(handler=_check)


def _check(args: argparse.Namespace, out: TextIO) -> int:
    count = policy.edition_count(policy.load(args.file))
    out.write(f"{args.file}: ok ({count} {'edition' if count == 1 else 'editions'})\n")
    return EXIT_OK
