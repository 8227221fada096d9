"""Calendar subcommands of the ``jetrules`` command."""

from __future__ import annotations

import argparse
from typing import TextIO

from jetrules._dates import to_date
from jetrules._output import format_table
from jetrules.calendar import FiscalYear
from jetrules.cli import EXIT_OK, Subcommands

__all__ = ["register"]


def register(subcommands: Subcommands) -> None:
    """Add the calendar subcommands."""
    fiscal = subcommands.add_parser(
        "fiscal-year",
        help="the fiscal year (1 April to 31 March) of each date",
        description="Print the fiscal year each DATE belongs to, with its first and last day.",
    )
    fiscal.add_argument("dates", nargs="+", metavar="DATE", help="an ISO date such as 2020-03-31")
    fiscal.set_defaults(handler=_fiscal_year)


def _fiscal_year(args: argparse.Namespace, out: TextIO) -> int:
    rows = []
    for raw in args.dates:
        year = FiscalYear.of(to_date(raw, "DATE"))
        rows.append([raw, str(year), year.render("ja"), year.start, year.end])
    print(format_table(["date", "fiscal year", "年度", "from", "to"], rows), file=out)
    return EXIT_OK
