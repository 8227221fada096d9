"""jetrules: the JET Programme's mental-health support policies as exact, explainable code.

>>> from jetrules import FiscalYear, Yen
>>> FiscalYear.of("2020-03-31"), Yen.parse("¥30,000")
(FiscalYear(2019), Yen(30000))
"""

import importlib
from typing import TYPE_CHECKING

from jetrules._kernel.fiscal import FiscalYear
from jetrules._version import __version__
from jetrules.errors import (
    InvalidInput,
    InvalidRecords,
    JetRulesError,
    NoRuleInForce,
    OutOfRange,
    Refused,
    WrongType,
)
from jetrules.money import Rounding, Yen
from jetrules.text import Label, Reason, ReasonTemplate, Source

if TYPE_CHECKING:
    from jetrules import booking as booking
    from jetrules import calendar as calendar
    from jetrules import records as records
    from jetrules import subsidy as subsidy
    from jetrules import threads as threads

_SUBMODULES = frozenset({"booking", "calendar", "records", "subsidy", "threads"})


def __getattr__(name: str) -> object:
    """Import a rule module on first use, so that ``import jetrules`` gives ``jetrules.subsidy``.

    Importing ``jetrules`` itself stays cheap: no rule module is imported until it is asked for.
    """
    if name in _SUBMODULES:
        return importlib.import_module(f"jetrules.{name}")
    raise AttributeError(f"module 'jetrules' has no attribute {name!r}")


__all__ = [
    "FiscalYear",
    "InvalidInput",
    "InvalidRecords",
    "JetRulesError",
    "Label",
    "NoRuleInForce",
    "OutOfRange",
    "Reason",
    "ReasonTemplate",
    "Refused",
    "Rounding",
    "Source",
    "WrongType",
    "Yen",
    "__version__",
]
